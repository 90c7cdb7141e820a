//! Saves are crash-safe: killing `rungs assess` with SIGKILL at random
//! moments never leaves a partly written or empty assessment visible.

use std::time::{Duration, Instant};

use crate::support::Rungs;

/// A small deterministic generator, so a failing run can be repeated from its seed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const ANSWERS: &str = r#"{ "person": "Crash Test", "current": "TL4", "date": "2026-11-24",
  "ratings": { "technology": { "current": "meets", "target": "developing", "evidence": "a" },
    "system": { "current": "meets", "target": "meets" }, "people": { "current": "meets" },
    "process": { "current": "developing", "target": "not-yet" }, "influence": { "current": "meets", "target": "meets" } } }"#;

#[test]
fn sigkill_during_200_saves_never_leaves_a_broken_file() {
    let rungs = Rungs::new();
    let answers = rungs.home().join("answers.json");
    std::fs::write(&answers, ANSWERS).unwrap();
    let dir = rungs.home().join("D");
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    let mut random = XorShift(seed);
    // Calibrate: spread the kills over one whole run, save included.
    let start = Instant::now();
    Rungs::new()
        .args(["assess", "--answers"])
        .args([&answers])
        .args(["--dir"])
        .args([rungs.home().join("calibrate")])
        .ok();
    let span = start.elapsed().as_micros() as u64 * 5 / 4 + 1;
    let mut killed = 0;
    for _ in 0..200 {
        let mut child = Rungs::new()
            .args(["assess", "--answers"])
            .args([&answers])
            .args(["--dir"])
            .args([&dir])
            .command()
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let delay = Duration::from_micros(random.next() % span);
        let start = Instant::now();
        while start.elapsed() < delay {
            std::hint::spin_loop();
        }
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        child.kill().ok();
        child.wait().unwrap();
    }
    let folder = dir.join("crash-test");
    let mut complete = 0;
    for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue; // temporary files are hidden, and never listed
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("seed {seed}: {name} is broken ({e}):\n{text:?}"));
        assert_eq!(value["ratings"].as_array().map(Vec::len), Some(9), "seed {seed}: {name}");
        complete += 1;
    }
    assert!(killed > 0, "seed {seed}: no run was killed mid-way; the test proved nothing");
    assert!(complete > 0, "seed {seed}: no run finished; the kills never reached the save");
    eprintln!("seed {seed}: {killed} of 200 runs killed mid-way, {complete} complete files");
}
