//! The summary cache of an encrypted store remembers the files not for the
//! user's key: a warm `list` or `team` neither opens nor decrypts them
//! again, still counts them the same, and tries again a file that changed.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::{Run, Rungs};

/// Changes this recent are not cached (the cache's racy window, 2 s).
const SETTLE: std::time::Duration = std::time::Duration::from_millis(2_200);

fn answers(person: &str, assessor: &str, relationship: &str, date: &str) -> Value {
    let r = || json!({ "current": "meets", "target": "developing", "evidence": "did it" });
    json!({ "person": person, "assessor": assessor, "relationship": relationship, "current": "TL4", "target": "TL5",
        "date": date, "ratings": { "technology": r(), "system": r(), "people": { "current": "meets" },
        "process": r(), "influence": r() } })
}

/// An encrypted store of Ada and Grace, each with a self view and a view by
/// their manager Mo; returns the store and each one's identity.
fn store(home: &Path) -> (PathBuf, [PathBuf; 3]) {
    let key = |name: &str| {
        let path = home.join(format!("{name}.key"));
        let public = Rungs::new().args(["keygen", "-o"]).args([&path]).ok().trim().to_owned();
        (path, public)
    };
    let [(ada, ada_pub), (grace, grace_pub), (mo, mo_pub)] = [key("ada"), key("grace"), key("mo")];
    let store = home.join("store");
    Rungs::new().args(["init"]).args([&store]).args(["--encrypt"]).ok();
    let roster = |args: &[&str]| Rungs::new().args(["--dir"]).args([&store]).args(["roster", "add"]).args(args).ok();
    roster(&["Mo Manager", "--key", &mo_pub]);
    roster(&["Ada", "--manager", "Mo Manager", "--key", &ada_pub]);
    roster(&["Grace", "--manager", "Mo Manager", "--key", &grace_pub]);
    let save = |identity: &Path, answers: Value| {
        let run = Rungs::new().args(["--dir"]).args([&store]).args(["--identity"]).args([identity]);
        let run = run.args(["assess", "--answers", "-"]).stdin(answers.to_string()).run();
        assert_eq!(run.code, 0, "{run:#?}");
    };
    save(&ada, answers("Ada", "Ada", "self", "2026-01-05"));
    save(&grace, answers("Grace", "Grace", "self", "2026-01-06"));
    save(&mo, answers("Ada", "Mo Manager", "manager", "2026-02-05"));
    save(&mo, answers("Grace", "Mo Manager", "manager", "2026-02-06"));
    std::thread::sleep(SETTLE);
    (store, [ada, grace, mo])
}

/// `rungs ARGS` on `store` as `identity`, with the cache in HOME/cache.
fn rungs(home: &Path, store: &Path, identity: &Path, args: &[&str]) -> Rungs {
    let rungs = Rungs::new().args(["--dir"]).args([store]).args(["--identity"]).args([identity]).args(args);
    rungs.env("RUNGS_CACHE_DIR", home.join("cache")).env("COLUMNS", "120")
}

fn ok(rungs: &Rungs) -> Run {
    let run = rungs.run();
    assert_eq!(run.code, 0, "{run:#?}");
    run
}

/// Grace's files: the ones Ada's key does not open.
fn graces(store: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(store.join("grace")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    files
}

#[test]
fn a_warm_run_counts_the_files_not_for_your_key_without_opening_them_and_a_changed_one_is_tried_again() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let (store, [ada, ..]) = store(home);
    for args in [&["list"][..], &["list", "--format", "json"], &["team"], &["team", "--format", "json"]] {
        let cold = ok(&rungs(home, &store, &ada, args).env("RUNGS_CACHE", "off"));
        assert!(cold.stderr.contains("2 records are not for your key"), "{cold:#?}");
        let first = ok(&rungs(home, &store, &ada, args));
        let warm = ok(&rungs(home, &store, &ada, args));
        for run in [&first, &warm] {
            assert_eq!((&run.stdout, &run.stderr), (&cold.stdout, &cold.stderr), "{args:?}");
        }
    }
    // The cache is Ada's: Grace, whose key opens her own files, sees them.
    let graces_list = ok(&rungs(home, &store, &home.join("grace.key"), &["list", "--format", "json"]));
    assert_eq!(graces_list.stdout.matches("\"path\"").count(), 2, "{graces_list:#?}");
    assert!(graces_list.stderr.contains("2 records are not for your key"), "{graces_list:#?}");

    // Warm, Grace's files are not even opened (when strace can tell).
    let opened = |cache: bool| -> Option<String> {
        let log = home.join("trace.log");
        let mut run = std::process::Command::new("strace");
        run.args(["-f", "-qq", "-e", "trace=open,openat,openat2", "-o"]).arg(&log);
        run.arg(env!("CARGO_BIN_EXE_rungs")).arg("--dir").arg(&store).arg("--identity").arg(&ada).arg("list");
        run.env("HOME", home).env("XDG_CONFIG_HOME", home.join("config")).env("RUNGS_CACHE_DIR", home.join("cache"));
        if !cache {
            run.env("RUNGS_CACHE", "off");
        }
        let out = run.output().ok().filter(|o| o.status.success())?;
        assert!(String::from_utf8_lossy(&out.stderr).contains("2 records are not for your key"));
        std::fs::read_to_string(&log).ok()
    };
    match (opened(false), opened(true)) {
        (Some(cold), Some(warm)) => {
            for file in graces(&store) {
                let name = file.file_name().unwrap().to_str().unwrap();
                assert!(cold.contains(name), "without the cache, {name} is opened:\n{cold}");
                assert!(!warm.contains(name), "warm, {name} is not opened:\n{warm}");
            }
        }
        _ => eprintln!("strace cannot trace here: the files opened are not checked"),
    }

    // A file that changes is tried again: Grace's self view becomes a copy of
    // Ada's own, which Ada's key opens.
    let ada_self = std::fs::read_dir(store.join("ada"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().ends_with("-self.json"));
    let grace_self = graces(&store).into_iter().find(|p| p.to_str().unwrap().ends_with("-self.json")).unwrap();
    std::fs::copy(ada_self.unwrap(), &grace_self).unwrap();
    let after = ok(&rungs(home, &store, &ada, &["list", "--format", "json"]));
    assert!(after.stderr.contains("1 record is not for your key"), "{after:#?}");
    assert_eq!(after.stdout.matches("\"path\"").count(), 3, "{after:#?}");
    let cold = ok(&rungs(home, &store, &ada, &["list", "--format", "json"]).env("RUNGS_CACHE", "off"));
    assert_eq!((&after.stdout, &after.stderr), (&cold.stdout, &cold.stderr));
}
