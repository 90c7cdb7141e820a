//! Peers behind a real floor: `rungs report NAME --relationship peer --share`
//! saves the peers' aggregate for the person (cells at the floor only, no
//! names, evidence only with `--with-evidence`), sealed to the person, their
//! chain and hr in an encrypted store; the person's own peer report shows it.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::{Rungs, json as parse};

/// A view of Eng on the Tech Lead ladder by `assessor` from `current` to
/// `target`; technology's evidence names the assessor, so a leak is easy to find.
fn answers(assessor: &str, relationship: &str, (current, target): (&str, &str), tech: &str) -> Value {
    let tech = json!({ "current": "meets", "target": tech, "evidence": format!("evidence by {assessor}") });
    let r = || json!({ "current": "meets", "target": "developing" });
    // Where the two levels expect the same, one rating counts for both.
    let one = json!({ "current": "meets" });
    let process = if current == "TL5" { one.clone() } else { r() };
    json!({ "person": "Eng", "assessor": assessor, "relationship": relationship, "current": current,
        "target": target, "date": "2026-06-01",
        "ratings": { "technology": tech, "system": r(), "people": one, "process": process, "influence": r() } })
}

/// Eng's self view and four peer views: three from TL4 to TL5, and Dee's
/// from TL5 to TL6, so that TL6 is rated by one peer alone.
fn views() -> Vec<(&'static str, Value)> {
    vec![
        ("eng", answers("Eng", "self", ("TL4", "TL5"), "developing")),
        ("ann", answers("Ann", "peer", ("TL4", "TL5"), "developing")),
        ("bo", answers("Bo", "peer", ("TL4", "TL5"), "exceeds")),
        ("cy", answers("Cy", "peer", ("TL4", "TL5"), "developing")),
        ("dee", answers("Dee", "peer", ("TL5", "TL6"), "meets")),
    ]
}

/// `rungs ARGS --dir DIR` as `as_who` (their identity file, when given).
fn rungs(dir: &Path, identity: Option<&Path>, args: &[&str]) -> Rungs {
    let mut run = Rungs::new().args(args).args(["--dir"]).args([dir]);
    if let Some(identity) = identity {
        run = run.args(["--identity"]).args([identity]);
    }
    run
}

fn save(dir: &Path, identity: Option<&Path>, answers: &Value) {
    let run = rungs(dir, identity, &["assess", "--answers", "-"]).stdin(answers.to_string()).run();
    assert_eq!(run.code, 0, "{run:#?}");
}

fn shared_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("eng/shared"))
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// The levels shown with counts, per competency.
fn cells(report: &Value) -> Vec<(String, String, u64)> {
    let mut cells = Vec::new();
    for c in report["competencies"].as_array().unwrap() {
        for cell in c["levels"].as_array().unwrap() {
            if !cell["ratings"].is_null() {
                let (id, level) = (c["id"].as_str().unwrap(), cell["level"].as_str().unwrap());
                cells.push((id.to_owned(), level.to_owned(), cell["raters"].as_u64().unwrap()));
            }
        }
    }
    cells
}

#[test]
fn a_manager_shares_the_peers_at_the_floor_without_names_or_evidence_in_a_plain_store() {
    let home = Rungs::new();
    let dir = home.home().join("store");
    for (_, view) in views() {
        save(&dir, None, &view);
    }
    let manager = |args: &[&str]| rungs(&dir, None, args).env("RUNGS_ASSESSOR", "Mgr");
    // Asking for evidence alone, or sharing anything but the peers, is a usage error.
    manager(&["report", "Eng", "--relationship", "peer", "--with-evidence"]).fails(2);
    let run = manager(&["report", "Eng", "--share"]).fails(2);
    assert!(run.stderr.contains("--relationship peer"), "{}", run.stderr);
    let out = manager(&["report", "Eng", "--relationship", "peer", "--share", "--format", "json"]).ok();
    let shown = parse(&out);
    assert_eq!(shown["shared"]["by"], "Mgr");
    let files = shared_files(&dir);
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let record = parse(&text);
    assert_eq!(
        (record["author"].as_str(), record["floor"].as_u64(), record["raters"].as_u64()),
        (Some("Mgr"), Some(3), Some(4))
    );
    for name in ["Ann", "Bo", "Cy", "Dee", "evidence by"] {
        assert!(!text.contains(name), "{name} in {text}");
    }
    let kept = cells(&record);
    assert!(kept.contains(&("technology".into(), "TL5".into(), 4)), "{kept:?}");
    assert!(kept.iter().all(|(_, level, raters)| level != "TL6" && *raters >= 3), "{kept:?}");
    // Every cell of the record shows counts: the ones under the floor are absent, not hidden.
    let levels = record["competencies"].as_array().unwrap().iter().map(|c| c["levels"].as_array().unwrap().len());
    assert_eq!(levels.sum::<usize>(), kept.len());
    // With --with-evidence, the evidence goes too, unattributed and sorted.
    manager(&["report", "Eng", "--relationship", "peer", "--share", "--with-evidence"]).ok();
    let files = shared_files(&dir);
    assert_eq!(files.len(), 2, "{files:?}");
    let both: String = files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
    assert!(both.contains("evidence by Ann") && both.contains("evidence by Dee"), "{both}");
    assert!(!both.contains("\"Ann\"") && !both.contains("\"TL6\""), "{both}");
    // In a plain store the person reads the peer views themselves: the report is as before.
    let report = parse(&rungs(&dir, None, &["report", "Eng", "--relationship", "peer", "--format", "json"]).ok());
    assert!(report.get("shared").is_none(), "{report}");
    assert!(report["competencies"][0]["levels"].as_array().unwrap().iter().any(|l| l["level"] == "TL6"), "{report}");
    // `check` reads the shared records, and names one whose cell is under its floor.
    rungs(&dir, None, &["check"]).ok();
    let broken = text.replacen("\"floor\": 3", "\"floor\": 5", 1);
    assert_ne!(broken, text);
    let first = files.iter().find(|f| std::fs::read_to_string(f).unwrap() == text).unwrap();
    std::fs::write(first, broken).unwrap();
    let run = rungs(&dir, None, &["check"]).fails(1);
    assert!(run.stdout.contains("shared") || run.stderr.contains("shared"), "{run:#?}");
}

#[test]
fn sharing_refuses_with_no_peer_views_or_none_at_the_floor() {
    let home = Rungs::new();
    let dir = home.home().join("store");
    save(&dir, None, &views()[0].1);
    let share =
        || rungs(&dir, None, &["report", "Eng", "--relationship", "peer", "--share"]).env("RUNGS_ASSESSOR", "Mgr");
    let run = share().fails(2);
    assert!(run.stderr.contains("no peer view"), "{}", run.stderr);
    for (_, view) in &views()[1..3] {
        save(&dir, None, view);
    }
    let run = share().fails(2);
    assert!(run.stderr.contains("at least 3 peers"), "{}", run.stderr);
    assert!(shared_files(&dir).is_empty());
}

#[test]
fn in_an_encrypted_store_the_person_reads_the_shared_aggregate_and_no_peer_view() {
    let home = Rungs::new();
    let keys = home.home().join("keys");
    std::fs::create_dir_all(&keys).unwrap();
    let key = |who: &str| keys.join(format!("{who}.txt"));
    let mut public = std::collections::HashMap::new();
    for who in ["eng", "mgr", "hana", "ann", "bo", "cy", "dee"] {
        let out = Rungs::new().args(["keygen", "-o"]).args([key(who)]).ok();
        public.insert(who, out.trim().to_owned());
    }
    let dir = home.home().join("store");
    Rungs::new().args(["init"]).args([&dir]).args(["--encrypt", "--git"]).ok();
    let add = |name: &str, who: &str, more: &[&str]| {
        rungs(&dir, None, &["roster", "add", name, "--key", &public[who]]).args(more).ok();
    };
    add("Mgr", "mgr", &[]);
    add("Eng", "eng", &["--manager", "Mgr"]);
    for (name, who) in [("Ann", "ann"), ("Bo", "bo"), ("Cy", "cy"), ("Dee", "dee")] {
        add(name, who, &["--manager", "Mgr"]);
    }
    add("Hana", "hana", &["--role", "hr"]);
    for (who, view) in views() {
        save(&dir, Some(&key(who)), &view);
    }
    let as_who = |who: &str, args: &[&str]| rungs(&dir, Some(&key(who)), args).env("RUNGS_ASSESSOR", "Mgr");
    let peer = ["report", "Eng", "--relationship", "peer", "--format", "json"];
    // Before anything is shared, the engineer opens no peer view: counted in one line, exit 0.
    let run = as_who("eng", &peer).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(parse(&run.stdout)["raters"], 0);
    assert!(run.stderr.contains("4 records are not for your key") && !run.stderr.contains("skipped"), "{}", run.stderr);
    // Neither the engineer nor one peer can share what they cannot open.
    let run = as_who("eng", &["report", "Eng", "--relationship", "peer", "--share"]).fails(2);
    assert!(run.stderr.contains("no peer view"), "{}", run.stderr);
    as_who("ann", &["report", "Eng", "--relationship", "peer", "--share"]).fails(2);
    // The manager shares.
    as_who("mgr", &["report", "Eng", "--relationship", "peer", "--share"]).ok();
    let files = shared_files(&dir);
    assert_eq!(files.len(), 1, "{files:?}");
    let log = crate::support::git(&dir, &["log", "--format=%s", "-1", "--name-only"]);
    assert!(log.contains("eng/shared/") && !log.contains("Eng") && !log.contains("Mgr"), "{log}");
    // The engineer's report shows it: counts at the floor, no TL6, no names, no evidence.
    let run = as_who("eng", &peer).run();
    assert_eq!(run.code, 0, "{run:#?}");
    let report = parse(&run.stdout);
    assert_eq!((report["shared"]["by"].as_str(), report["raters"].as_u64()), (Some("Mgr"), Some(4)), "{report}");
    let shown = cells(&report);
    assert!(shown.contains(&("technology".into(), "TL4".into(), 3)), "{shown:?}");
    assert!(shown.iter().all(|(_, level, _)| level != "TL6"), "{shown:?}");
    for name in ["Ann", "Bo", "Cy", "Dee", "evidence by"] {
        assert!(!run.stdout.contains(name), "{name} in {}", run.stdout);
    }
    let table = as_who("eng", &["report", "Eng", "--relationship", "peer"]).ok();
    assert!(table.contains("Shared with Eng by Mgr") && table.contains("Technology"), "{table}");
    // The engineer's own promotion case carries it too.
    let case = as_who("eng", &["export", "Eng"]).run();
    assert_eq!(case.code, 0, "{case:#?}");
    assert!(case.stdout.contains("Shared with Eng by Mgr") && !case.stdout.contains("Ann"), "{}", case.stdout);
    // A peer opens the record no more than they open the other peers' views.
    let run = as_who("ann", &peer).run();
    assert!(run.stdout.contains("\"raters\": 1") && !run.stdout.contains("shared"), "{run:#?}");
    // hr reads everything, the shared record included; `check` finds it well formed.
    as_who("hana", &["check"]).ok();
    // No evidence, no name of a peer, and no cell is in plain text anywhere in the store.
    let mut all = Vec::new();
    gather(&dir, &mut all);
    for (path, bytes) in &all {
        let text = String::from_utf8_lossy(bytes);
        for secret in ["evidence by", "\"raters\"", "developing"] {
            assert!(!text.contains(secret), "{secret} in {}", path.display());
        }
    }
    assert!(String::from_utf8_lossy(&std::fs::read(&files[0]).unwrap()).starts_with("age-encryption.org/v1"));
}

/// Every file under `dir`, with its bytes.
fn gather(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            gather(&path, out);
        } else {
            out.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
}
