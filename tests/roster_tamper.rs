//! Tampering is visible: in an encrypted store, the readers that changes to
//! `people.toml` add (a key, a role, a manager, a `left` day removed) since
//! this clone last saw it are named once, with the commits that changed it,
//! by the first command after a pull and by `rungs check`, and so is a
//! roster that is gone or unreadable; a plain store and a first sight say
//! nothing.

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

/// Pulls what clone B pushed into clone A.
fn pull(a: &Path, data: &Path) {
    run(a, data, &["git", "pull", "-q", "--ff-only", "origin", "main"]);
}

#[test]
fn keys_and_roles_added_in_another_clone_are_named_once_after_the_pull_and_by_check() {
    use std::os::unix::fs::PermissionsExt;
    let home = Rungs::new();
    let root = home.home();
    let (kim, sam, sam2, eve, ann) =
        (key(root, "kim"), key(root, "sam"), key(root, "sam2"), key(root, "eve"), key(root, "ann"));
    let before = [
        ("Kim Park", None, &[kim.as_str()][..], &[][..]),
        ("Sam Lee", Some("Kim Park"), &[sam.as_str()], &[]),
        ("Ann Ray", None, &[ann.as_str()], &[]),
    ];
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

    // Clone B gives Sam a second key, Ann the hr role, and Kim (who reads
    // Sam's records already) the hr role too.
    let after = [
        ("Kim Park", None, &[kim.as_str()][..], &["hr"][..]),
        ("Sam Lee", Some("Kim Park"), &[sam.as_str(), sam2.as_str()], &[]),
        ("Ann Ray", None, &[ann.as_str()], &["hr"]),
    ];
    let commit = push_roster(&b, &roster(&after), "roster: keys");
    pull(&a, &data);
    let said = run(&a, &data, &["list"]).stderr;
    assert!(said.contains(NOTICE), "{said}");
    assert!(said.contains(&format!("key {}… added for Sam Lee\n", &sam2[..16])), "{said}");
    assert!(!said.contains(&sam[..16]), "an old key is not new: {said}");
    assert!(said.contains(&format!("Ann Ray now reads everyone else's records (key {}…)", &ann[..16])), "{said}");
    assert!(said.contains(&format!("Kim Park now reads Ann Ray's records (key {}…)", &kim[..16])), "{said}");
    assert!(!said.contains("Sam Lee's records"), "Kim read Sam's records already: {said}");
    assert!(said.contains(&format!("{commit} Bob Builder <bob@example.com> roster: keys")), "{said}");
    assert_eq!(said.matches(NOTICE).count(), 1, "said once a run: {said}");

    // Said once: the next command is quiet.
    let next = run(&a, &data, &["list"]).stderr;
    assert!(!next.contains(NOTICE), "{next}");

    // `rungs check` names the next change, and it is a notice, not a problem.
    let later = [("Eve Moss", None, &[eve.as_str()][..], &[][..]), after[0], ("Sam Lee", Some("Eve Moss"), &[], &[])];
    let commit = push_roster(&b, &roster(&later), "roster: eve");
    pull(&a, &data);
    let checked = run(&a, &data, &["check"]).stderr;
    assert!(checked.contains(NOTICE), "{checked}");
    assert!(checked.contains(&format!("key {}… added for Eve Moss, new to the roster", &eve[..16])), "{checked}");
    assert!(checked.contains(&format!("Eve Moss now reads Sam Lee's records (key {}…)", &eve[..16])), "{checked}");
    assert!(checked.contains(&format!("{commit} Bob Builder")), "{checked}");
    assert!(!checked.contains("for Sam Lee"), "keys removed are not named: {checked}");
    assert!(!run(&a, &data, &["check"]).stderr.contains(NOTICE));

    // A change this clone makes through rungs is its own: not said back.
    run(&a, &data, &["roster", "set", "Sam Lee", "--key", &sam2]);
    assert!(!run(&a, &data, &["list"]).stderr.contains(NOTICE));
}

#[test]
fn a_left_day_removed_from_hr_brings_a_reader_back_and_is_named() {
    let home = Rungs::new();
    let root = home.home();
    let (kim, sam, hal) = (key(root, "kim"), key(root, "sam"), key(root, "hal"));
    let people = [
        ("Kim Park", None, &[kim.as_str()][..], &[][..]),
        ("Sam Lee", Some("Kim Park"), &[sam.as_str()], &[]),
        ("Hal Old", None, &[hal.as_str()], &["hr"]),
    ];
    let text = roster(&people);
    let left = text.replace("name = \"Hal Old\"\n", "name = \"Hal Old\"\nleft = 2020-01-01\n");
    assert_ne!(left, text);
    let (a, b) = shared(root, true, &left);
    let data = root.join("data-a");
    assert!(!run(&a, &data, &["list"]).stderr.contains(NOTICE));

    // Only the `left` line goes: keys and roles are as they were.
    let commit = push_roster(&b, &text, "roster: tidy");
    pull(&a, &data);
    let said = run(&a, &data, &["list"]).stderr;
    assert!(said.contains(NOTICE), "{said}");
    assert!(said.contains(&format!("Hal Old now reads everyone else's records (key {}…)", &hal[..16])), "{said}");
    assert!(said.contains(&format!("{commit} Bob Builder")), "{said}");
    assert!(!run(&a, &data, &["list"]).stderr.contains(NOTICE));
}

#[test]
fn a_roster_deleted_or_unreadable_is_said_once_and_compared_when_it_comes_back() {
    let home = Rungs::new();
    let root = home.home();
    let (kim, kim2) = (key(root, "kim"), key(root, "kim2"));
    let (a, b) = shared(root, true, &roster(&[("Kim Park", None, &[kim.as_str()], &[])]));
    let data = root.join("data-a");
    assert!(!run(&a, &data, &["list"]).stderr.contains("since this clone last saw it"));

    git(&b, &["rm", "-q", "people.toml"]);
    git(&b, &["commit", "-q", "--author", "Bob Builder <bob@example.com>", "-m", "roster: gone"]);
    git(&b, &["push", "-q", "origin", "HEAD:main"]);
    let commit = git(&b, &["rev-parse", "--short", "HEAD"]).trim().to_owned();
    pull(&a, &data);
    let said = run(&a, &data, &["list"]).stderr;
    assert!(said.contains("people.toml is gone since this clone last saw it"), "{said}");
    assert!(said.contains(&format!("{commit} Bob Builder <bob@example.com> roster: gone")), "{said}");
    assert!(!run(&a, &data, &["list"]).stderr.contains("since this clone"), "said once");

    // Back, with a key more: compared with the roster last seen.
    push_roster(&b, &roster(&[("Kim Park", None, &[kim.as_str(), kim2.as_str()], &[])]), "roster: back");
    pull(&a, &data);
    let back = run(&a, &data, &["list"]).stderr;
    assert!(back.contains(&format!("key {}… added for Kim Park", &kim2[..16])), "{back}");
    assert!(!back.contains("is gone"), "{back}");
    assert!(back.contains("roster: gone"), "the commits since the roster was last read: {back}");

    // Unreadable: said once too, whatever the command makes of it.
    let commit = push_roster(&b, "[[person]\nname = ", "roster: broken");
    pull(&a, &data);
    let list = || Rungs::new().env("XDG_DATA_HOME", &data).args(["--dir"]).args([&a]).args(["list"]).run();
    let said = list().stderr;
    assert!(said.contains("people.toml is unreadable ("), "{said}");
    assert!(said.contains("since this clone last saw it"), "{said}");
    assert!(said.contains(&format!("{commit} Bob Builder")), "{said}");
    assert!(!list().stderr.contains("since this clone last saw it"), "said once");
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
