//! One hostile store that holds every case of the threat model at once,
//! and every command run over it: nothing prints a raw control or bidi
//! character, nothing panics or hangs, and nothing is written outside the
//! store.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::{Run, Rungs, assess};

/// A command that takes longer than this on a small store is stuck.
const LIMIT: Duration = Duration::from_secs(2);

const EVIL: &str = "Eve\u{1b}]0;pwned\u{7}\u{1b}[2J\r\u{85}\u{202e}\u{1b}]8;;x\u{7}";

fn answers(person: &str, date: &str, evidence: &str) -> Value {
    let rating = |target: bool| {
        if target {
            json!({ "current": "meets", "target": "developing", "evidence": evidence })
        } else {
            json!({ "current": "meets", "evidence": evidence })
        }
    };
    json!({
        "person": person, "current": "TL4", "target": "TL5", "date": date, "notes": evidence,
        "ratings": { "technology": rating(true), "system": rating(true), "people": rating(false),
                     "process": rating(true), "influence": rating(true) }
    })
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Edits a saved assessment's JSON in place.
fn edit(path: &Path, change: impl FnOnce(&mut Value)) {
    let mut value: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    change(&mut value);
    std::fs::write(path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
}

/// Builds the store under `home/store`, with `home/outside` beside it.
fn build(home: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let (store, outside, ladders) = (home.join("store"), home.join("outside"), home.join("ladders"));
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(&ladders).unwrap();
    std::fs::write(outside.join("secret.json"), answers("Secret", "2026-01-01", "outside").to_string()).unwrap();
    mkfifo(&ladders.join("pipe.toml"));

    assess(&store, &answers("Robin", "2026-01-01", "fine"));
    assess(&store, &answers(EVIL, "2026-02-01", EVIL));
    assess(&store, &answers(EVIL, "2026-03-01", &format!("<script>alert(1)</script>{EVIL}")));
    let rank = assess(&store, &answers("Robin", "2026-04-01", "x"));
    edit(&rank, |v| v["ratings"][0]["rank"] = json!(18_446_744_073_709_551_615_u64));
    let stall = assess(&store, &answers("Robin", "2026-05-01", "x"));
    edit(&stall, |v| v["ratings"][1]["rank"] = json!(100_000_000));
    let long = assess(&store, &answers("Robin", "2026-06-01", "x"));
    edit(&long, |v| v["ratings"][2]["level"] = json!("L".repeat(400_000)));
    let robin = rank.parent().unwrap().to_owned();
    std::fs::write(robin.join("2026-07-01-tech-lead-self.json"), "").unwrap();
    let big = std::fs::File::create(robin.join("2026-07-02-tech-lead-self.json")).unwrap();
    big.set_len(17 * 1024 * 1024).unwrap();
    mkfifo(&robin.join("2026-07-03-tech-lead-self.json"));
    mkfifo(&robin.join(".draft-tech-lead-self.json"));
    std::fs::create_dir_all(robin.join("2026-07-04-tech-lead-self.json")).unwrap();
    std::os::unix::fs::symlink(robin.join("loop-b.json"), robin.join("loop-a.json")).unwrap();
    std::os::unix::fs::symlink(robin.join("loop-a.json"), robin.join("loop-b.json")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.json"), robin.join("2026-07-05-tech-lead-self.json")).unwrap();
    std::fs::write(robin.join(format!("2026-07-06-{EVIL}.json")), "{").unwrap();
    std::fs::write(robin.join(".tmp-leftover.part"), "half a save").unwrap();
    std::os::unix::fs::symlink(&outside, store.join("mallory")).unwrap();
    (store, outside, ladders)
}

/// Every file below `dir` with its length, to see that nothing changed there.
fn snapshot(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out: Vec<(PathBuf, u64)> = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        out.push((path.clone(), std::fs::symlink_metadata(&path).unwrap().len()));
    }
    out.sort();
    out
}

fn forbidden(c: char) -> bool {
    let code = u32::from(c);
    (c.is_control() && c != '\n' && c != '\t') || (0x202a..=0x202e).contains(&code) || (0x2066..=0x2069).contains(&code)
}

fn run(home: &Path, store: &Path, ladders: &Path, args: &[&str], stdin: &str) -> Run {
    let start = Instant::now();
    let run = Rungs::new()
        .args(["--dir"])
        .args([store])
        .args(["--ladders"])
        .args([ladders])
        .args(args.iter().copied())
        .stdin(stdin)
        .env("HOME", home)
        .timeout(Duration::from_secs(20))
        .run();
    let took = start.elapsed();
    assert!(took < LIMIT, "rungs {args:?} took {took:?}: {run:#?}");
    assert_ne!(run.code, 101, "rungs {args:?} panicked: {run:#?}");
    for (name, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        if let Some(c) = text.chars().find(|c| forbidden(*c)) {
            panic!("rungs {args:?} printed {c:?} raw on {name}:\n{text}");
        }
    }
    run
}

#[test]
fn every_command_over_the_hostile_store_is_safe_quick_and_stays_inside() {
    let rungs = Rungs::new();
    let home = rungs.home();
    let (store, outside, ladders) = build(home);
    let before = snapshot(&outside);
    let evil = EVIL;
    let good = answers("Newcomer", "2026-08-01", "fine").to_string();
    let mallory = answers("Mallory", "2026-08-01", "fine").to_string();
    let commands: Vec<(Vec<&str>, &str)> = vec![
        (vec!["ladders"], ""),
        (vec!["ladder", "show", "tech-lead"], ""),
        (vec!["list"], ""),
        (vec!["list", "--format", "markdown"], ""),
        (vec!["team"], ""),
        (vec!["team", "--format", "markdown"], ""),
        (vec!["team", "--format", "html"], ""),
        (vec!["report", "Robin"], ""),
        (vec!["report", "Robin~1"], ""),
        (vec!["report", evil], ""),
        (vec!["report", evil, "--format", "markdown"], ""),
        (vec!["history", "Robin"], ""),
        (vec!["history", evil], ""),
        (vec!["diff", evil], ""),
        (vec!["diff", evil, "--format", "markdown"], ""),
        (vec!["export", evil], ""),
        (vec!["export", evil, "--format", "html"], ""),
        (vec!["export", "Robin"], ""),
        (vec!["chart", evil], ""),
        (vec!["chart", "Robin"], ""),
        (vec!["report", "Mallory"], ""),
        (vec!["check"], ""),
        (vec!["assess", "--answers", "-"], &good),
        (vec!["assess", "--answers", "-"], &mallory),
        (vec!["assess", "--resume", "--person", "Robin", "--answers", "-"], &good),
    ];
    for (args, stdin) in &commands {
        run(home, &store, &ladders, args, stdin);
    }
    assert_eq!(snapshot(&outside), before, "nothing is written outside the store");
    assert!(store.join("newcomer").is_dir(), "a good save still works beside the hostile files");
}

/// Every entry below `dir`, recursively.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        out.push(path.clone());
        if path.is_dir() {
            walk(&path, out);
        }
    }
}

#[test]
fn under_an_open_umask_every_file_rungs_creates_is_0600_and_every_folder_0700() {
    use std::os::unix::fs::PermissionsExt;
    let rungs = Rungs::new();
    let home = rungs.home();
    let store = home.join("store/team/q4");
    let open = |args: &[&str], stdin: &str| {
        let mut command = std::process::Command::new("sh");
        crate::support::isolate(&mut command, home);
        command.args(["-c", "umask 000; exec \"$@\"", "sh"]).arg(crate::support::binary()).args(args);
        command.arg("--dir").arg(&store).stdin(std::process::Stdio::piped());
        let mut child = command.spawn().unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), stdin.as_bytes()).unwrap();
        assert!(child.wait().unwrap().success(), "{args:?}");
    };
    open(&["assess", "--answers", "-"], &answers("Ada", "2026-05-01", "x").to_string());
    open(&["export", "Ada", "-o", "case.md"], "");
    // An interrupted interview leaves a draft: start one on a terminal and stop it.
    let mut command = std::process::Command::new("sh");
    crate::support::isolate(&mut command, home);
    command.args(["-c", "umask 000; exec \"$@\"", "sh"]).arg(crate::support::binary());
    command.args(["assess", "--person", "Bo", "--current", "TL4", "--target", "TL5", "--dir"]).arg(&store);
    let mut pty = crate::pty::Pty::spawn(command);
    pty.answer("Technology: your rating at TL4", crate::pty::ENTER);
    pty.expect("Technology: your rating at TL5");
    pty.send(crate::pty::CTRL_C);
    assert_eq!(pty.finish().0, 130);

    let mut created = vec![home.join("store")];
    walk(&home.join("store"), &mut created);
    created.extend(["case.md", "case.svg"].map(|name| home.join(name)));
    assert!(created.iter().any(|p| p.to_string_lossy().ends_with(".draft-tech-lead-self.json")), "{created:?}");
    for path in created {
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        let expected = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode, expected, "{} is {mode:o}", path.display());
    }
}
