//! Tampering is visible: in an encrypted store, keys, roles and managers
//! added to `people.toml` since this clone last saw it are named once, with
//! the commits that changed it, by the first command after a pull and by
//! `rungs check`; a plain store and a first sight say nothing.

use std::path::{Path, PathBuf};

use crate::support::{Rungs, git};

/// What is said when the roster has new readers.
const NOTICE: &str = "has new readers since this clone last saw it";

/// A new age identity in `dir`; its public key.
fn key(dir: &Path, name: &str) -> String {
    Rungs::new().args(["keygen", "-o"]).args([dir.join(name)]).ok().trim().to_owned()
}

/// A person: name, manager, keys, roles.
type Person<'a> = (&'a str, Option<&'a str>, &'a [&'a str], &'a [&'a str]);

/// A roster of these people.
fn roster(people: &[Person<'_>]) -> String {
    let list = |items: &[&str]| items.iter().map(|i| format!("{i:?}")).collect::<Vec<_>>().join(", ");
    people
        .iter()
        .map(|(name, manager, keys, roles)| {
            let manager = manager.map(|m| format!("manager = {m:?}\n")).unwrap_or_default();
            format!("[[person]]\nname = {name:?}\n{manager}keys = [{}]\nroles = [{}]\n\n", list(keys), list(roles))
        })
        .collect()
}

/// Writes `text` as the roster of `clone`, commits it as Bob, and pushes;
/// returns the commit's short id.
fn push_roster(clone: &Path, text: &str, message: &str) -> String {
    std::fs::write(clone.join("people.toml"), text).unwrap();
    git(clone, &["add", "people.toml"]);
    git(clone, &["commit", "-q", "--author", "Bob Builder <bob@example.com>", "-m", message]);
    git(clone, &["push", "-q", "origin", "HEAD:main"]);
    git(clone, &["rev-parse", "--short", "HEAD"]).trim().to_owned()
}

/// A shared store (encrypted or not) with a roster, pushed to a bare remote,
/// and two clones of it.
fn shared(root: &Path, encrypt: bool, first: &str) -> (PathBuf, PathBuf) {
    let remote = root.join("remote.git");
    git(root, &["init", "--bare", "-q", remote.to_str().unwrap()]);
    let seed = root.join("seed");
    let flags: &[&str] = if encrypt { &["--git", "--encrypt"] } else { &["--git"] };
    Rungs::new().args(["init"]).args([&seed]).args(flags).ok();
    std::fs::write(seed.join("people.toml"), first).unwrap();
    git(&seed, &["add", "people.toml"]);
    git(&seed, &["commit", "-q", "-m", "roster"]);
    git(&seed, &["push", "-q", remote.to_str().unwrap(), "HEAD:main"]);
    let clone = |name: &str| -> PathBuf {
        git(root, &["clone", "-q", remote.to_str().unwrap(), name]);
        root.join(name)
    };
    (clone("a"), clone("b"))
}

/// `rungs ARGS --dir clone`, with the private data folder `data` kept between runs.
fn run(clone: &Path, data: &Path, args: &[&str]) -> crate::support::Run {
    let run = Rungs::new().env("XDG_DATA_HOME", data).args(["--dir"]).args([clone]).args(args).run();
    assert_eq!(run.code, 0, "rungs {args:?}: {run:#?}");
    run
}

#[test]
fn keys_and_roles_added_in_another_clone_are_named_once_after_the_pull_and_by_check() {
    use std::os::unix::fs::PermissionsExt;
    let home = Rungs::new();
    let root = home.home();
    let (kim, sam, sam2, eve) = (key(root, "kim"), key(root, "sam"), key(root, "sam2"), key(root, "eve"));
    let before =
        [("Kim Park", None, &[kim.as_str()][..], &[][..]), ("Sam Lee", Some("Kim Park"), &[sam.as_str()], &[])];
    let (a, b) = shared(root, true, &roster(&before));
    let data = root.join("data-a");

    // The first sight of a roster is recorded, silently.
    let first = run(&a, &data, &["list"]);
    assert!(!first.stderr.contains(NOTICE), "{first:#?}");
    let folder = data.join("rungs").join("seen");
    assert_eq!(std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777, 0o700);
    let files: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777, 0o600);

    // Clone B gives Sam a second key and Kim the hr role.
    let after = [
        ("Kim Park", None, &[kim.as_str()][..], &["hr"][..]),
        ("Sam Lee", Some("Kim Park"), &[sam.as_str(), sam2.as_str()], &[]),
    ];
    let commit = push_roster(&b, &roster(&after), "roster: keys");
    run(&a, &data, &["git", "pull", "-q", "--ff-only", "origin", "main"]);
    let said = run(&a, &data, &["list"]).stderr;
    assert!(said.contains(NOTICE), "{said}");
    assert!(said.contains(&format!("Sam Lee: key {}", &sam2[..16])), "{said}");
    assert!(!said.contains(&sam[..16]), "an old key is not new: {said}");
    assert!(said.contains("Kim Park: role hr added"), "{said}");
    assert!(said.contains(&format!("{commit} Bob Builder <bob@example.com> roster: keys")), "{said}");
    assert_eq!(said.matches(NOTICE).count(), 1, "said once a run: {said}");

    // Said once: the next command is quiet.
    let next = run(&a, &data, &["list"]).stderr;
    assert!(!next.contains(NOTICE), "{next}");

    // `rungs check` names the next change, and it is a notice, not a problem.
    let later = [("Eve Moss", None, &[eve.as_str()][..], &[][..]), after[0], ("Sam Lee", Some("Eve Moss"), &[], &[])];
    let commit = push_roster(&b, &roster(&later), "roster: eve");
    run(&a, &data, &["git", "pull", "-q", "--ff-only", "origin", "main"]);
    let checked = run(&a, &data, &["check"]).stderr;
    assert!(checked.contains(NOTICE), "{checked}");
    assert!(checked.contains(&format!("Eve Moss: added to the roster, with key {}", &eve[..16])), "{checked}");
    assert!(checked.contains("Sam Lee: manager now Eve Moss (was Kim Park)"), "{checked}");
    assert!(checked.contains(&format!("{commit} Bob Builder")), "{checked}");
    assert!(!checked.contains("Sam Lee: key"), "keys removed are not named: {checked}");
    assert!(!run(&a, &data, &["check"]).stderr.contains(NOTICE));

    // A change this clone makes through rungs is its own: not said back.
    run(&a, &data, &["roster", "set", "Sam Lee", "--key", &sam2]);
    assert!(!run(&a, &data, &["list"]).stderr.contains(NOTICE));
}

#[test]
fn a_plain_store_says_nothing_of_its_roster() {
    let home = Rungs::new();
    let root = home.home();
    let (kim, sam) = (key(root, "kim"), key(root, "sam"));
    let (a, b) = shared(root, false, &roster(&[("Kim Park", None, &[kim.as_str()], &[])]));
    let data = root.join("data-a");
    run(&a, &data, &["list"]);
    push_roster(&b, &roster(&[("Kim Park", None, &[kim.as_str(), sam.as_str()], &["hr"])]), "roster: keys");
    run(&a, &data, &["git", "pull", "-q", "--ff-only", "origin", "main"]);
    let said = run(&a, &data, &["list", "--under", "Kim Park"]).stderr;
    assert!(!said.contains(NOTICE), "{said}");
    assert!(!data.join("rungs").join("seen").exists());
}
