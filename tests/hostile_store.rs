//! A shared store is untrusted input: files a collaborator could push must
//! never crash, stall or mislead a command, and never send a read or a save
//! outside the store. Each test builds one hostile case and runs the
//! commands over it, with a short timeout.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::{Run, Rungs, assess};

/// No command may take longer than this on a hostile store.
const LIMIT: Duration = Duration::from_secs(10);

fn answers(person: &str, date: &str) -> Value {
    json!({
        "person": person, "current": "TL4", "target": "TL5", "date": date,
        "ratings": {
            "technology": { "current": "meets", "target": "developing" },
            "system": { "current": "meets", "target": "meets" },
            "people": { "current": "meets" },
            "process": { "current": "meets", "target": "not-yet" },
            "influence": { "current": "meets", "target": "meets" }
        }
    })
}

/// A store with one good assessment of Robin Quill; returns the runner, the
/// store and Robin's folder.
fn store() -> (Rungs, PathBuf, PathBuf) {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    let good = assess(&dir, &answers("Robin Quill", "2026-05-01"));
    let person = good.parent().unwrap().to_owned();
    (rungs, dir, person)
}

/// A later assessment of Robin whose JSON is edited by `edit`.
fn hostile(dir: &Path, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let path = assess(dir, &answers("Robin Quill", "2026-06-01"));
    let mut value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(&mut value);
    std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    path
}

/// Runs `rungs ARGS --dir DIR` with the time limit, and checks it did not panic.
fn run(dir: &Path, args: &[&str]) -> Run {
    let start = Instant::now();
    let run = Rungs::new().args(args.iter().copied()).args(["--dir"]).args([dir]).timeout(LIMIT).run();
    assert_ne!(run.code, 101, "rungs {args:?} panicked: {run:#?}");
    assert!(start.elapsed() < LIMIT, "rungs {args:?} took {:?}", start.elapsed());
    run
}

/// The commands that read a person's assessments.
const READERS: [&[&str]; 5] = [
    &["report", "Robin Quill"],
    &["chart", "Robin Quill"],
    &["export", "Robin Quill"],
    &["history", "Robin Quill"],
    &["list"],
];

/// Every reader exits 1 and names `path` on stderr, with `words` in the message.
fn every_reader_names(dir: &Path, path: &Path, words: &str) {
    for args in READERS {
        let run = run(dir, args);
        assert_eq!(run.code, 1, "rungs {args:?}: {run:#?}");
        let line = run.stderr.lines().find(|l| l.contains(&*path.to_string_lossy()));
        let line = line.unwrap_or_else(|| panic!("rungs {args:?} does not name {}: {run:#?}", path.display()));
        assert!(line.contains(words), "rungs {args:?}: {line}");
    }
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn a_huge_rank_is_refused_by_every_command_without_a_panic() {
    for rank in [u64::MAX, 100_000_000] {
        let (_rungs, dir, _) = store();
        let path = hostile(&dir, |v| v["ratings"][0]["rank"] = json!(rank));
        every_reader_names(&dir, &path, &format!("`ratings[0].rank` is {rank}; a rank runs from 1 to 32"));
        let run = run(&dir, &["report", &path.to_string_lossy()]);
        assert_eq!(run.code, 1, "{run:#?}");
        assert!(run.stderr.contains(&*path.to_string_lossy()), "{run:#?}");
    }
}

#[test]
fn a_400000_character_level_id_is_refused_naming_the_field() {
    let (_rungs, dir, _) = store();
    let path = hostile(&dir, |v| v["ratings"][1]["level"] = json!("L".repeat(400_000)));
    every_reader_names(&dir, &path, "`ratings[1].level` is 400000 characters long; the limit is 64");
}

#[test]
fn a_file_over_16_mib_is_refused_unread() {
    let (_rungs, dir, person) = store();
    let path = person.join("2026-06-01-tech-lead-self.json");
    std::fs::write(&path, format!("{{\"schema\": 1, \"notes\": \"{}\"}}", "x".repeat(17 << 20))).unwrap();
    every_reader_names(&dir, &path, "over the limit of 16777216 bytes (16 MiB)");
}

#[test]
fn fifos_folders_and_links_in_a_person_folder_are_skipped_and_named() {
    let (rungs, dir, person) = store();
    let outside = rungs.home().join("outside.json");
    std::fs::write(&outside, serde_json::to_string(&answers("Secret Person", "2026-01-01")).unwrap()).unwrap();
    let fifo = person.join("x.json");
    mkfifo(&fifo);
    let folder = person.join("y.json");
    std::fs::create_dir(&folder).unwrap();
    let looping = person.join("loop.json");
    std::os::unix::fs::symlink(&looping, &looping).unwrap();
    let link = person.join("z.json");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    for (path, words) in [
        (&fifo, "a FIFO, not a regular file"),
        (&folder, "a folder, not a regular file"),
        (&looping, "a symbolic link"),
        (&link, "a symbolic link"),
    ] {
        every_reader_names(&dir, path, words);
    }
    let list = run(&dir, &["list", "--format", "json"]);
    assert!(!list.stdout.contains("Secret Person"), "a link out of the store was followed: {list:#?}");
}

#[test]
fn a_fifo_in_the_ladders_folder_is_skipped_and_named() {
    let (rungs, dir, _) = store();
    let ladders = rungs.home().join("ladders");
    std::fs::create_dir(&ladders).unwrap();
    let fifo = ladders.join("team.toml");
    mkfifo(&fifo);
    let with_ladders = |args: &[&str]| run(&dir, &[args, &["--ladders", &ladders.to_string_lossy()]].concat());
    for args in [&["ladders"][..], &["check"]] {
        let run = with_ladders(args);
        assert_eq!(run.code, 1, "rungs {args:?}: {run:#?}");
        let named = run.stderr.contains(&*fifo.to_string_lossy()) || run.stdout.contains("team.toml");
        assert!(named, "rungs {args:?} does not name the FIFO: {run:#?}");
        assert!(run.stderr.contains("FIFO") || run.stdout.contains("FIFO"), "{run:#?}");
    }
    // Commands that only use the built-in ladders go on as before.
    for args in [&["list"][..], &["report", "Robin Quill"]] {
        assert_eq!(with_ladders(args).code, 0, "rungs {args:?}");
    }
}

#[test]
fn a_fifo_as_the_draft_is_refused_by_resume() {
    let (_rungs, dir, person) = store();
    let draft = person.join(".draft-tech-lead-self.json");
    mkfifo(&draft);
    let run = run(&dir, &["assess", "--resume", "--person", "Robin Quill", "--current", "TL4"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains(&format!("{}: a FIFO, not a regular file", draft.display())), "{run:#?}");
}

#[test]
fn a_save_into_a_person_folder_that_links_outside_is_refused() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    let outside = rungs.home().join("outside");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("robin-quill")).unwrap();
    let run = Rungs::new()
        .args(["assess", "--answers", "-", "--dir"])
        .args([&dir])
        .stdin(answers("Robin Quill", "2026-06-01").to_string())
        .timeout(LIMIT)
        .run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("robin-quill: a symbolic link; rungs does not save through links"), "{run:#?}");
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "something was written outside the store");
}
