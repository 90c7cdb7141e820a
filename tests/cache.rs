//! The summary cache: it never changes what `list` and `team` print, an
//! edit that keeps a file's size and modification time is still seen, and a
//! cache that cannot be written, is damaged or is written by two runs at
//! once never fails a command.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::{Run, Rungs, assess};

/// Changes this recent are not cached (the cache's racy window, 2 s): the
/// tests wait this long so that the cache is really used.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(2_200);

fn answers(person: &str, date: &str, relationship: &str, rating: &str) -> Value {
    let r = json!({ "current": "meets", "target": rating, "evidence": "did it" });
    // People expects the same step at TL4 and TL5: one rating.
    let one = json!({ "current": rating, "evidence": "did it" });
    json!({
        "person": person, "assessor": if relationship == "self" { person } else { "Mo Manager" },
        "relationship": relationship, "current": "TL4", "target": "TL5", "date": date,
        "ratings": { "technology": r, "system": r, "people": one, "process": r, "influence": r }
    })
}

/// A store of three people with self and manager views, a broken file, a
/// FIFO, a link, a folder named like a file and a file only the light
/// reader takes; returns the store and one good file.
fn store(home: &Path) -> (PathBuf, PathBuf) {
    let store = home.join("store");
    let ada = assess(&store, &answers("Ada", "2026-01-05", "self", "meets"));
    assess(&store, &answers("Ada", "2026-02-05", "manager", "developing"));
    assess(&store, &answers("Grace", "2026-01-07", "self", "developing"));
    assess(&store, &answers("Grace", "2026-03-07", "manager", "meets"));
    assess(&store, &answers("Linus", "2026-02-01", "self", "not-yet"));
    let folder = ada.parent().unwrap();
    std::fs::write(folder.join("2026-04-01-tech-lead-self.json"), "{ \"schema\": 1, ").unwrap();
    let status = std::process::Command::new("mkfifo").arg(folder.join("2026-04-02-tech-lead-self.json")).status();
    assert!(status.unwrap().success());
    std::os::unix::fs::symlink(&ada, folder.join("2026-04-03-tech-lead-self.json")).unwrap();
    std::fs::create_dir(folder.join("2026-04-04-tech-lead-self.json")).unwrap();
    // No `expectation`: the light reader lists it, the full reader refuses it.
    let mut partial: Value = serde_json::from_str(&std::fs::read_to_string(&ada).unwrap()).unwrap();
    partial["date"] = json!("2026-05-01");
    partial["ratings"][0].as_object_mut().unwrap().remove("expectation");
    std::fs::write(folder.join("2026-05-01-tech-lead-self.json"), partial.to_string()).unwrap();
    (store, ada)
}

/// Runs `rungs ARGS --dir STORE`, the cache on or off, and returns what it printed.
fn run(home: &Path, store: &Path, args: &[&str], cache: bool) -> Run {
    let mut rungs = Rungs::new().args(args).args(["--dir"]).args([store]);
    rungs = rungs.env("RUNGS_CACHE_DIR", home.join("cache")).env("COLUMNS", "120");
    if !cache {
        rungs = rungs.env("RUNGS_CACHE", "off");
    }
    rungs.run()
}

const COMMANDS: [&[&str]; 6] = [
    &["list"],
    &["list", "--format", "json"],
    &["list", "--ratings", "--format", "csv"],
    &["team"],
    &["team", "--format", "json"],
    &["team", "--relationship", "self", "--format", "markdown"],
];

fn same(a: &Run, b: &Run, what: &str) {
    assert_eq!((a.code, &a.stdout, &a.stderr), (b.code, &b.stdout, &b.stderr), "{what}");
}

fn cache_file(home: &Path) -> Vec<u8> {
    let files: Vec<PathBuf> = std::fs::read_dir(home.join("cache")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "one cache file, no temporary file left: {files:?}");
    std::fs::read(&files[0]).unwrap()
}

#[test]
fn the_cache_never_changes_what_list_and_team_print() {
    let rungs = Rungs::new();
    let home = rungs.home();
    let (store, _) = store(home);
    std::thread::sleep(SETTLE);
    for args in COMMANDS {
        let without = run(home, &store, args, false);
        assert!(without.code == 0 || without.stderr.contains("skipped"), "{without:#?}");
        let first = run(home, &store, args, true);
        let cached = run(home, &store, args, true);
        same(&without, &first, &format!("{args:?}, the run that writes the cache"));
        same(&without, &cached, &format!("{args:?}, from the cache"));
    }
    let cache = String::from_utf8_lossy(&cache_file(home)).into_owned();
    assert!(cache.contains("Grace") && cache.contains("Linus"), "the summaries were kept");
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(home.join("cache")).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o700);
}

#[test]
fn an_edit_that_keeps_the_size_and_the_modification_time_is_seen() {
    let rungs = Rungs::new();
    let home = rungs.home();
    let (store, ada) = store(home);
    std::thread::sleep(SETTLE);
    let before = run(home, &store, &["list", "--format", "json"], true);
    assert!(before.stdout.contains("\"Ada\""), "{before:#?}");
    assert!(String::from_utf8_lossy(&cache_file(home)).contains("Ada"), "Ada's summary was kept");
    // Same length, same modification time: only the change time tells.
    let reference = home.join("times");
    std::fs::write(&reference, "").unwrap();
    let touch = |args: &[&Path]| assert!(std::process::Command::new("touch").args(args).status().unwrap().success());
    touch(&[Path::new("-r"), &ada, &reference]);
    let text = std::fs::read_to_string(&ada).unwrap();
    std::fs::write(&ada, text.replace("\"person\": \"Ada\"", "\"person\": \"Ida\"")).unwrap();
    touch(&[Path::new("-r"), &reference, &ada]);
    let after = run(home, &store, &["list", "--format", "json"], true);
    same(&run(home, &store, &["list", "--format", "json"], false), &after, "after the edit");
    assert!(after.stdout.contains("\"Ida\""), "{after:#?}");
    let team = run(home, &store, &["team", "--format", "json"], true);
    same(&run(home, &store, &["team", "--format", "json"], false), &team, "team after the edit");
}

#[test]
fn a_damaged_or_unwritable_cache_never_fails_a_command() {
    let rungs = Rungs::new();
    let home = rungs.home();
    let (store, _) = store(home);
    std::thread::sleep(SETTLE);
    let want = run(home, &store, &["list", "--format", "json"], false);
    run(home, &store, &["list"], true);
    let path = std::fs::read_dir(home.join("cache")).unwrap().next().unwrap().unwrap().path();
    let whole = std::fs::read(&path).unwrap();
    for cut in [0, 7, 40, whole.len() / 2, whole.len() - 1] {
        let mut damaged = whole[..cut].to_vec();
        damaged.extend(whole[cut..].iter().map(|b| b ^ 0x5a));
        std::fs::write(&path, &damaged).unwrap();
        same(&want, &run(home, &store, &["list", "--format", "json"], true), &format!("damaged from byte {cut}"));
    }
    // A cache folder that cannot be made: the command runs without it.
    let blocked = Rungs::new()
        .args(["list", "--format", "json", "--dir"])
        .args([&store])
        .env("RUNGS_CACHE_DIR", home.join("store-file").join("cache"));
    std::fs::write(home.join("store-file"), "").unwrap();
    same(&want, &blocked.run(), "an unwritable cache folder");
}

#[test]
fn runs_at_once_never_tear_the_cache() {
    let rungs = Rungs::new();
    let home = rungs.home();
    let (store, _) = store(home);
    std::thread::sleep(SETTLE);
    let want = run(home, &store, &["team", "--format", "json"], false);
    let runs: Vec<_> = (0..6)
        .map(|i| {
            let args: &[&str] = if i % 2 == 0 { &["list"] } else { &["team", "--format", "json"] };
            let each = Rungs::new().args(args).args(["--dir"]).args([&store]);
            let mut command = each.command();
            command.env("RUNGS_CACHE_DIR", home.join("cache")).stdout(std::process::Stdio::null());
            let child = command.stderr(std::process::Stdio::null()).spawn().unwrap();
            (each, child)
        })
        .collect();
    for (_, mut child) in runs {
        child.wait().unwrap();
    }
    same(&want, &run(home, &store, &["team", "--format", "json"], true), "after runs at once");
    cache_file(home);
}

/// The cache's checksum (FNV-like, against damage, not forgery): anyone
/// who can write a cache file can compute it.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = 0xcbf2_9ce4_8422_2325 ^ (bytes.len() as u64).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        h = (h ^ u64::from_le_bytes(word.try_into().unwrap())).wrapping_mul(K).rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(29);
    }
    h ^ (h >> 31)
}

/// The cache file with `from` replaced by `to` (as long) in every record,
/// each record's checksum made again: a forgery with the right stamps.
fn forged(cache: &[u8], from: &str, to: &str) -> Vec<u8> {
    let root_len = u32::from_le_bytes(cache[12..16].try_into().unwrap()) as usize;
    let mut at = 16 + root_len + 8;
    let mut out = cache[..at].to_vec();
    loop {
        let len = u32::from_le_bytes(cache[at..at + 4].try_into().unwrap()) as usize;
        out.extend_from_slice(&cache[at..at + 4]);
        if len == 0 {
            return out;
        }
        assert_eq!(from.len(), to.len(), "the forgery keeps the lengths");
        let mut body = cache[at + 4..at + 4 + len].to_vec();
        for i in 0..body.len().saturating_sub(from.len() - 1) {
            if body[i..].starts_with(from.as_bytes()) {
                body[i..i + to.len()].copy_from_slice(to.as_bytes());
            }
        }
        out.extend_from_slice(&body);
        out.extend_from_slice(&checksum(&body).to_le_bytes());
        at += 4 + len + 8;
    }
}

/// What another user's hand looks like on the cache folder or file.
enum Plant {
    /// Permission bits that let others write.
    Mode(u32),
    /// Another owner (tests run as root, which may give files away).
    Owner(u32),
}

#[test]
fn a_forged_record_in_a_cache_that_is_not_yours_never_reaches_the_output() {
    use std::os::unix::fs::PermissionsExt;
    let rungs = Rungs::new();
    let home = rungs.home();
    let store = home.join("store");
    assess(&store, &answers("Bob Brown", "2026-01-05", "self", "meets"));
    std::thread::sleep(SETTLE);
    let want = run(home, &store, &["list", "--format", "json"], false);
    assert!(want.stdout.contains("Bob Brown"), "{want:#?}");
    run(home, &store, &["list"], true);
    let folder = home.join("cache");
    let file = std::fs::read_dir(&folder).unwrap().next().unwrap().unwrap().path();
    let forgery = forged(&cache_file(home), "Bob Brown", "Eve Evils");
    std::fs::write(&file, &forgery).unwrap();
    let taken = run(home, &store, &["list", "--format", "json"], true);
    assert!(
        taken.stdout.contains("Eve Evils"),
        "in your own cache the forgery is read, so the test can see it:\n{taken:#?}"
    );
    let cases = [
        ("a folder writable by all", &folder, Plant::Mode(0o777)),
        ("a group-writable folder", &folder, Plant::Mode(0o770)),
        ("a folder of another user", &folder, Plant::Owner(65534)),
        ("a file of another user", &file, Plant::Owner(65534)),
    ];
    // Only root may give a file away; as anyone else the mode cases still run.
    let root = std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(home).unwrap()) == 0;
    for (what, path, plant) in cases.into_iter().filter(|(_, _, plant)| root || matches!(plant, Plant::Mode(_))) {
        std::fs::write(&file, &forgery).unwrap();
        let before = std::fs::metadata(path).unwrap();
        match plant {
            Plant::Mode(mode) => std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap(),
            Plant::Owner(uid) => std::os::unix::fs::chown(path, Some(uid), None).unwrap(),
        }
        let got = run(home, &store, &["list", "--format", "json"], true);
        std::fs::set_permissions(path, before.permissions()).unwrap();
        std::os::unix::fs::chown(path, Some(std::os::unix::fs::MetadataExt::uid(&before)), None).unwrap();
        assert_eq!((got.code, &got.stdout), (want.code, &want.stdout), "{what}: the output is the uncached one");
        assert_eq!(got.stderr.matches("the summary cache is not used").count(), 1, "{what}: said once: {got:#?}");
        let names: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "{what}: no file added: {names:?}");
        if what.contains("folder") {
            assert_eq!(std::fs::read(&file).unwrap(), forgery, "{what}: nothing written into the folder");
        }
    }
    if root {
        assert!(!cache_file(home).windows(9).any(|w| w == b"Eve Evils"), "a file not yours is replaced by your own");
    }
}
