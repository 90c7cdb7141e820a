//! Fuzzing on stable Rust: every target of `rungs::fuzz` run over mutations
//! of the shipped files, with panics caught and every input timed.
//!
//! The suite runs each target for a few seconds in a child process, so that
//! a stall or a runaway allocation fails this test instead of the whole
//! binary. `bench/fuzz.sh SECONDS` runs the same, for as long as asked, in
//! release mode. Settings come from the environment: `FUZZ_SECONDS` per
//! target, `FUZZ_SEED`, `FUZZ_TARGETS` (comma-separated names) and
//! `FUZZ_OUT` (the folder for failing inputs, default `target/fuzz`).

mod corpus;
mod driver;
mod mutate;

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rungs::fuzz::TARGETS;

use crate::support::repo;
use driver::{Figures, Settings};

/// Seconds per target in the test suite: four targets stay under 40 s.
const SUITE_SECONDS: u64 = 8;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn settings() -> Settings {
    let out = std::env::var_os("FUZZ_OUT").map_or_else(|| repo("target/fuzz"), PathBuf::from);
    Settings {
        seconds: env_or("FUZZ_SECONDS", 60.0),
        seed: env_or("FUZZ_SEED", 0x5eed),
        slow: Duration::from_secs_f64(env_or("FUZZ_SLOW", 1.0)),
        hang: Duration::from_secs(env_or("FUZZ_HANG", 60)),
        out,
    }
}

/// Runs the targets named in `FUZZ_TARGETS` (all by default), prints the
/// figures of each, and fails on any panic or slow input.
#[test]
#[ignore = "long: run by bench/fuzz.sh, or by the suite in a child process"]
fn run_from_environment() {
    let wanted = std::env::var("FUZZ_TARGETS").unwrap_or_default();
    let settings = settings();
    println!(
        "fuzz: seed {:#x}, {} s per target, failing inputs in {}",
        settings.seed,
        settings.seconds,
        settings.out.display()
    );
    let mut all: Vec<Figures> = Vec::new();
    for target in TARGETS.iter().filter(|t| wanted.is_empty() || wanted.split(',').any(|w| w == t.name)) {
        let figures = driver::run(target, &settings);
        println!("{figures}");
        all.push(figures);
    }
    let failed: Vec<&str> = all.iter().filter(|f| f.panics + f.slow > 0).map(|f| f.target).collect();
    assert!(failed.is_empty(), "fuzzing found panics or slow inputs in: {}", failed.join(", "));
}

/// Runs every saved input in `FUZZ_REPLAY` (a file, or a folder searched
/// recursively) through the target `FUZZ_TARGETS` names, and prints each outcome.
#[test]
#[ignore = "run by hand to reproduce a finding"]
fn replay() {
    let Some(path) = std::env::var_os("FUZZ_REPLAY").map(PathBuf::from) else { return };
    let name = std::env::var("FUZZ_TARGETS").unwrap_or_else(|_| "assessment".into());
    let target = TARGETS.iter().find(|t| t.name == name).expect("FUZZ_TARGETS names one target");
    let files = if path.is_dir() { corpus::files(&path) } else { vec![path] };
    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == target.extension)) {
        let input = std::fs::read(file).expect("readable input");
        let began = Instant::now();
        let outcome = driver::run_one(target, &input);
        println!("{}: {outcome:?} in {:?}", file.display(), began.elapsed());
    }
}

#[test]
fn fuzzing_every_target_finds_no_panic_and_no_slow_input() {
    let deadline = Duration::from_secs(SUITE_SECONDS * TARGETS.len() as u64 + 30);
    let (success, output) = run_child(deadline);
    println!("{output}");
    assert!(success, "the fuzz run failed or stalled; its failing inputs are in target/fuzz:\n{output}");
}

/// Runs [`run_from_environment`] in a child process, its memory capped,
/// killing it at `deadline`; returns whether it passed, and what it printed.
fn run_child(deadline: Duration) -> (bool, String) {
    let exe = std::env::current_exe().expect("the test binary's path");
    let mut child = Command::new("sh")
        .args(["-c", "ulimit -v 4194304 2>/dev/null; exec \"$0\" \"$@\""])
        .arg(exe)
        .args(["fuzz::run_from_environment", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env("FUZZ_SECONDS", SUITE_SECONDS.to_string())
        .env("FUZZ_HANG", "10")
        // A debug build shares two cores with the rest of the suite here: an
        // input counts as slow past 5 s. `bench/fuzz.sh` holds release runs to 1 s.
        .env("FUZZ_SLOW", "5")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the fuzz child starts");
    let pipes = [child.stdout.take().map(read_all), child.stderr.take().map(read_all)];
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the fuzz child can be waited for") {
            break Some(status);
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let output: Vec<String> = pipes.into_iter().flatten().map(|p| p.join().unwrap_or_default()).collect();
    let mut output = output.join("");
    if status.is_none() {
        output.push_str(&format!("\nkilled after {deadline:?}"));
    }
    (status.is_some_and(|s| s.success()), output)
}

fn read_all(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = pipe.read_to_string(&mut text);
        text
    })
}
