//! `rungs check`: names every problem of a store, exits 0 only when clean,
//! and `--fix` removes the leftovers of killed saves, never a running one's.

use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::{Rungs, assess, json as parse, repo};

fn answers(person: &str, date: &str) -> Value {
    json!({
        "person": person, "current": "TL4", "date": date,
        "ratings": {
            "technology": { "current": "meets", "target": "developing", "evidence": "a" },
            "system": { "current": "meets", "target": "meets" }, "people": { "current": "meets" },
            "process": { "current": "developing", "target": "not-yet" },
            "influence": { "current": "meets", "target": "meets" }
        }
    })
}

/// `rungs check --format json` (plus `extra`) on `dir`: the exit code and the report.
fn check(dir: &Path, extra: &[&str]) -> (i32, Value) {
    let run = Rungs::new().args(["check", "--format", "json", "--dir"]).args([dir]).args(extra.iter().copied()).run();
    (run.code, parse(&run.stdout))
}

fn kinds(report: &Value) -> Vec<(String, String)> {
    let problems = report["problems"].as_array().unwrap();
    let name = |p: &Value| Path::new(p["path"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned();
    problems.iter().map(|p| (name(p), p["kind"].as_str().unwrap().to_owned())).collect()
}

#[test]
fn check_finds_nothing_wrong_with_the_shipped_examples() {
    let run = Rungs::new().args(["check", "--dir"]).args([repo("assessments")]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stdout.contains("No problems in"), "{run:#?}");
}

#[test]
fn check_names_every_kind_of_problem() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    let good = assess(&dir, &answers("Robin Quill", "2026-05-01"));
    let person = good.parent().unwrap();
    let mut value: Value = parse(&std::fs::read_to_string(&good).unwrap());
    let write = |name: &str, value: &Value| std::fs::write(person.join(name), value.to_string()).unwrap();
    write("2026-05-01-misnamed.json", &{
        let mut v = value.clone();
        v["date"] = json!("2026-06-02");
        v
    });
    write("2026-05-01-other.json", &{
        let mut v = value.clone();
        v["person"] = json!("Someone Else");
        v
    });
    write("2026-05-01-ladder.json", &{
        let mut v = value.clone();
        v["ladder"]["id"] = json!("gone");
        v
    });
    value["schema"] = json!(9);
    write("2026-05-01-future.json", &value);
    std::fs::write(person.join("2026-05-01-broken.json"), "{").unwrap();
    let draft = person.join(".draft-tech-lead-self.json");
    std::fs::write(&draft, "{}").unwrap();
    let old = std::process::Command::new("touch").args(["-d", "2020-01-01"]).arg(&draft).status().unwrap();
    assert!(old.success());
    std::fs::write(person.join(".tmp-killed.part"), "{ \"sch").unwrap();
    std::os::unix::fs::symlink("/etc", dir.join("escape")).unwrap();

    let (code, report) = check(&dir, &[]);
    assert_eq!(code, 1, "{report:#}");
    let expected = [
        ("escape", "link"),
        (".draft-tech-lead-self.json", "stale-draft"),
        (".tmp-killed.part", "leftover"),
        ("2026-05-01-broken.json", "broken"),
        ("2026-05-01-future.json", "unknown-schema"),
        ("2026-05-01-ladder.json", "unknown-ladder"),
        ("2026-05-01-misnamed.json", "misnamed"),
        ("2026-05-01-other.json", "misplaced"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(p, k)| ((*p).to_owned(), (*k).to_owned())).collect();
    assert_eq!(kinds(&report), expected, "{report:#}");
    assert!(report["problems"][0]["message"].as_str().unwrap().contains("leading out of the store"), "{report:#}");
    assert_eq!(report["fixed"], json!([]));
}

#[test]
fn fix_removes_a_killed_saves_leftover_but_never_a_running_saves_temp_file() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    let person = assess(&dir, &answers("Robin Quill", "2026-05-01")).parent().unwrap().to_owned();
    let killed = person.join(".tmp-killed.part");
    std::fs::write(&killed, "{").unwrap();
    // A save that is still writing holds an exclusive lock on its temporary file.
    let running = person.join(".tmp-running.part");
    let held = std::fs::File::create(&running).unwrap();
    held.lock().unwrap();

    let (code, report) = check(&dir, &["--fix"]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["fixed"], json!([killed.to_string_lossy()]));
    assert!(!killed.exists());
    assert!(running.exists(), "the temporary file of a running save was removed");
    drop(held);
    let (code, report) = check(&dir, &[]);
    assert_eq!((code, kinds(&report)), (1, vec![(".tmp-running.part".to_owned(), "leftover".to_owned())]));
}

/// Starts one save of `answers` into `dir`, silent.
fn start_save(answers: &Path, dir: &Path) -> Child {
    Rungs::new()
        .args(["assess", "--answers"])
        .args([answers])
        .args(["--dir"])
        .args([dir])
        .command()
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn check_fix_after_1000_killed_saves_leaves_no_leftover_and_no_broken_file() {
    let rungs = Rungs::new();
    let file = rungs.home().join("answers.json");
    std::fs::write(&file, answers("Crash Test", "2026-11-24").to_string()).unwrap();
    let dir = rungs.home().join("store");
    let start = Instant::now();
    start_save(&file, &rungs.home().join("calibrate")).wait().unwrap();
    let span = start.elapsed().as_micros() as u64 * 5 / 4 + 1;
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos() | 1;
    let mut random = u64::from(seed);
    // Eight saves at a time, each killed at its own random moment; waiting
    // only once all are signalled, so a save busy in fsync delays no kill.
    for _ in 0..1000 / 8 {
        let mut children: Vec<(Duration, Child)> = (0..8)
            .map(|_| {
                random ^= random << 13;
                random ^= random >> 7;
                random ^= random << 17;
                (Duration::from_micros(random % span), start_save(&file, &dir))
            })
            .collect();
        children.sort_by_key(|(delay, _)| *delay);
        let started = Instant::now();
        for (delay, child) in &mut children {
            std::thread::sleep(delay.saturating_sub(started.elapsed()));
            child.kill().ok();
        }
        for (_, mut child) in children {
            child.wait().unwrap();
        }
    }
    eprintln!("1000 saves started and killed in {:?}", start.elapsed());
    let (_, before) = check(&dir, &[]);
    let (code, fixed) = check(&dir, &["--fix"]);
    assert_eq!(code, 0, "seed {seed}: {fixed:#}");
    let (code, after) = check(&dir, &[]);
    assert_eq!(code, 0, "seed {seed}: {after:#}");
    let left = std::fs::read_dir(dir.join("crash-test")).unwrap().flatten();
    let temps = left.filter(|e| e.file_name().to_string_lossy().starts_with(".tmp-")).count();
    assert_eq!(temps, 0, "seed {seed}");
    eprintln!(
        "seed {seed}: {} problem(s) before, {} leftover(s) removed",
        before["problems"].as_array().unwrap().len(),
        fixed["fixed"].as_array().unwrap().len()
    );
}

#[test]
fn check_names_note_and_goal_ids_used_twice_and_ids_that_differ_from_their_file_name() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    let run = |args: &[&str]| Rungs::new().args(args.iter().copied()).args(["--dir"]).args([&dir]).ok();
    let note = parse(&run(&["note", "--person", "Ada", "--date", "2026-03-01", "--format", "json", "Ran the retro"]));
    let note = note[0]["id"].as_str().unwrap().to_owned();
    let goal = parse(&run(&["goal", "add", "--person", "Ada", "-c", "people", "--format", "json", "Mentor Bo"]));
    let goal = goal[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(check(&dir, &[]).0, 0, "a clean journal");
    let note_file = dir.join(format!("ada/notes/2026-03-01-{note}.json"));
    std::fs::create_dir_all(dir.join("bo/notes")).unwrap();
    let text = std::fs::read_to_string(&note_file).unwrap().replace("\"Ada\"", "\"Bo\"");
    std::fs::write(dir.join(format!("bo/notes/2026-03-01-{note}.json")), text).unwrap();
    let goal_file = dir.join(format!("ada/goals/{goal}.json"));
    std::fs::rename(&goal_file, dir.join("ada/goals/g-renamed.json")).unwrap();
    let (code, report) = check(&dir, &[]);
    assert_eq!(code, 1, "{report}");
    let found = kinds(&report);
    assert!(found.contains(&(format!("2026-03-01-{note}.json"), "duplicate-id".into())), "{found:?}");
    assert!(found.contains(&("g-renamed.json".into(), "misnamed".into())), "{found:?}");
    assert_eq!(found.len(), 2, "{found:?}");
    let duplicate = report["problems"].as_array().unwrap().iter().find(|p| p["kind"] == "duplicate-id").unwrap();
    assert!(duplicate["path"].as_str().unwrap().contains("/bo/notes/"), "the second one is named: {duplicate}");
    assert!(duplicate["message"].as_str().unwrap().contains(&format!("ada/notes/2026-03-01-{note}.json")));
}
