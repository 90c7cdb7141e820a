//! Issue 23: a confidential store. Four people (an engineer, a peer, their
//! manager and someone in `hr`, two of them with ssh-ed25519 keys) share
//! one encrypted store through a bare remote; each record is readable only
//! by the people it concerns, the `age` tool opens it, and a roster change
//! followed by `rungs rekey` moves who reads what.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::{Rungs, git, json as parse};

/// Evidence written by each person: none may ever be found in plain text.
const SECRETS: [&str; 5] =
    ["EVID-SELF-7f3a", "EVID-PEER-91bc", "EVID-MANAGER-c0de", "EVID-NOTE-5e11", "EVID-AFTER-MOVE-aa42"];

fn answers(person: &str, assessor: &str, relationship: &str, date: &str, evidence: &str) -> Value {
    let r = || json!({ "current": "meets", "target": "developing" });
    json!({ "person": person, "assessor": assessor, "relationship": relationship, "current": "TL4", "target": "TL5",
        "date": date, "ratings": {
            "technology": { "current": "meets", "target": "developing", "evidence": evidence },
            "system": r(), "people": { "current": "meets" }, "process": r(), "influence": r() } })
}

/// One person of the team: their clone of the store and their identity.
struct Member {
    name: &'static str,
    dir: PathBuf,
    identity: PathBuf,
    public: String,
}

impl Member {
    fn rungs(&self) -> Rungs {
        Rungs::new().args(["--dir"]).args([&self.dir]).args(["--identity"]).args([&self.identity])
    }

    fn save(&self, answers: &Value) {
        let run = self.rungs().args(["assess", "--answers", "-"]).stdin(answers.to_string()).run();
        assert_eq!(run.code, 0, "{} could not save: {run:#?}", self.name);
    }

    /// Pulls as the README says (`rungs git pull --rebase`), then pushes.
    fn sync(&self) {
        let pull = self.rungs().args(["git", "pull", "-q", "--rebase", "origin", "main"]).run();
        assert_eq!(pull.code, 0, "{pull:#?}");
        git(&self.dir, &["push", "-q", "origin", "HEAD:main"]);
    }

    /// The dates and relationships `list --format json` shows, and the count line.
    fn listed(&self) -> (Vec<String>, String) {
        let run = self.rungs().args(["list", "--format", "json"]).run();
        assert_eq!(run.code, 0, "{run:#?}");
        let rows = parse(&run.stdout);
        let rows = rows.as_array().cloned().unwrap_or_else(|| rows["assessments"].as_array().cloned().unwrap());
        let seen = rows.iter().map(|r| format!("{} {}", r["date"].as_str().unwrap(), r["relationship"])).collect();
        (seen, run.stderr)
    }
}

fn age_identity(home: &Path, name: &str) -> (PathBuf, String) {
    let path = home.join(format!("{name}.key"));
    let public = Rungs::new().args(["keygen", "-o"]).args([&path]).ok().trim().to_owned();
    assert!(public.starts_with("age1"), "{public}");
    (path, public)
}

fn ssh_identity(home: &Path, name: &str) -> (PathBuf, String) {
    let path = home.join(format!("{name}_ed25519"));
    let out = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&path)
        .output()
        .expect("ssh-keygen (openssh-client) is installed by .ci/run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let public = std::fs::read_to_string(path.with_extension("pub")).unwrap().trim().to_owned();
    (path, public)
}

/// Every byte of every file under `dir`, and every object git holds there
/// (decompressed), searched for each secret.
fn plain_secrets(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                let text = String::from_utf8_lossy(&bytes);
                found
                    .extend(SECRETS.iter().filter(|s| text.contains(*s)).map(|s| format!("{s} in {}", path.display())));
            }
        }
    }
    let objects = std::process::Command::new("git")
        .args(["cat-file", "--batch-all-objects", "--batch"])
        .current_dir(dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&objects.stdout);
    found.extend(
        SECRETS.iter().filter(|s| text.contains(*s)).map(|s| format!("{s} in git objects of {}", dir.display())),
    );
    found
}

/// One person's home: an age identity, and an encrypted store made with it.
struct Solo {
    rungs: Rungs,
    key: PathBuf,
    public: String,
    dir: PathBuf,
}

impl Solo {
    fn new() -> Self {
        let rungs = Rungs::new();
        let (key, public) = age_identity(rungs.home(), "me");
        let dir = rungs.home().join("store");
        Rungs::new().args(["init"]).args([&dir]).args(["--encrypt"]).ok();
        Solo { rungs, key, public, dir }
    }

    /// rungs on the store, with the identity.
    fn rungs(&self) -> Rungs {
        Rungs::new().args(["--identity"]).args([&self.key]).args(["--dir"]).args([&self.dir])
    }

    /// Saves a self view of `Solo Me` on `date`, with `evidence`.
    fn save(&self, rungs: Rungs, date: &str, evidence: &str) -> crate::support::Run {
        rungs
            .args(["assess", "--answers", "-"])
            .stdin(answers("Solo Me", "Solo Me", "self", date, evidence).to_string())
            .run()
    }
}

struct Team {
    home: PathBuf,
    remote: PathBuf,
    engineer: Member,
    peer: Member,
    manager: Member,
    hr: Member,
    _rungs: Rungs,
}

/// The team: the manager makes the encrypted store and its roster, pushes
/// it to a bare remote, and each member clones it.
fn team() -> Team {
    let rungs = Rungs::new();
    let home = rungs.home().to_owned();
    let remote = home.join("remote.git");
    git(&home, &["init", "--bare", "-q", remote.to_str().unwrap()]);
    let (eng_key, eng_pub) = age_identity(&home, "engineer");
    let (peer_key, peer_pub) = ssh_identity(&home, "peer");
    let (mgr_key, mgr_pub) = age_identity(&home, "manager");
    let (hr_key, hr_pub) = ssh_identity(&home, "hr");
    let seed = home.join("seed");
    let run = Rungs::new().args(["init"]).args([&seed]).args(["--git", "--encrypt"]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(seed.join(".rungs-encrypted").is_file());
    let roster = |args: &[&str]| Rungs::new().args(["--dir"]).args([&seed]).args(["roster", "add"]).args(args).ok();
    roster(&["Max Manager", "--key", &mgr_pub]);
    roster(&["Eve Engineer", "--manager", "Max Manager", "--key", &eng_pub]);
    roster(&["Pat Peer", "--manager", "Max Manager", "--key", &peer_pub]);
    // Two more peers, who write through Pat's machine here: three peers reach the floor.
    roster(&["Quinn Peer", "--manager", "Max Manager"]);
    roster(&["Ria Peer", "--manager", "Max Manager"]);
    roster(&["Hana People", "--role", "hr", "--key", &hr_pub]);
    git(&seed, &["push", "-q", remote.to_str().unwrap(), "HEAD:main"]);
    let member = |name: &'static str, folder: &str, identity: PathBuf, public: String| {
        git(&home, &["clone", "-q", remote.to_str().unwrap(), folder]);
        let dir = home.join(folder);
        git(&dir, &["config", "user.name", name]);
        git(&dir, &["config", "user.email", &format!("{folder}@example.com")]);
        Member { name, dir, identity, public }
    };
    Team {
        engineer: member("Eve Engineer", "engineer", eng_key, eng_pub),
        peer: member("Pat Peer", "peer", peer_key, peer_pub),
        manager: member("Max Manager", "manager", mgr_key, mgr_pub),
        hr: member("Hana People", "hr", hr_key, hr_pub),
        home,
        remote,
        _rungs: rungs,
    }
}

impl Team {
    fn members(&self) -> [&Member; 4] {
        [&self.engineer, &self.peer, &self.manager, &self.hr]
    }

    /// Each saves through their own clone, then every clone is brought up to date.
    fn save_views(&self) {
        let e = "Eve Engineer";
        self.engineer.save(&answers(e, e, "self", "2026-06-01", SECRETS[0]));
        self.engineer.sync();
        for peer in ["Pat Peer", "Quinn Peer", "Ria Peer"] {
            self.peer.save(&answers(e, peer, "peer", "2026-06-02", SECRETS[1]));
        }
        self.peer.sync();
        self.manager.save(&answers(e, "Max Manager", "manager", "2026-06-03", SECRETS[2]));
        self.manager.sync();
        let note = self.engineer.rungs().args(["note", "--person", e, "-c", "people", SECRETS[3]]).run();
        assert_eq!(note.code, 0, "{note:#?}");
        self.engineer.sync();
        // The manager shares the peers' aggregate with the engineer.
        git(&self.manager.dir, &["pull", "-q", "--rebase", "origin", "main"]);
        let share = self.manager.rungs().args(["report", e, "--relationship", "peer", "--share"]).run();
        assert_eq!(share.code, 0, "{share:#?}");
        self.manager.sync();
        for member in self.members() {
            git(&member.dir, &["pull", "-q", "--rebase", "origin", "main"]);
        }
    }
}

#[test]
fn four_people_each_open_exactly_what_concerns_them_and_no_plain_text_reaches_any_disk() {
    let team = team();
    team.save_views();
    // Nothing in plain text: not in the remote's objects, not in any clone.
    git(&team.remote, &["gc", "-q"]);
    let mut leaks = plain_secrets(&team.remote);
    for member in team.members() {
        leaks.extend(plain_secrets(&member.dir));
    }
    assert!(leaks.is_empty(), "plain text found: {leaks:#?}");
    let files = git(&team.engineer.dir, &["ls-files", "eve-engineer"]);
    assert_eq!(files.lines().filter(|l| l.ends_with(".json")).count(), 7, "{files}");
    // Commit messages name nobody; a peer view's commit, rebased by the pull, names no peer.
    let log = git(&team.engineer.dir, &["log", "--format=%s"]);
    assert!(!log.contains("Eve") && !log.contains("Pat") && !log.contains("Max"), "{log}");
    let peers = git(&team.engineer.dir, &["log", "--format=%an <%ae> / %cn <%ce>", "--", "eve-engineer/*peer*"]);
    assert_eq!(peers.lines().count(), 3, "{peers}");
    assert!(peers.lines().all(|l| l == "rungs <rungs@localhost> / rungs <rungs@localhost>"), "{peers}");

    // The engineer: their own view and their manager's, never the peer's.
    let (seen, stderr) = team.engineer.listed();
    assert_eq!(seen, ["2026-06-01 \"self\"", "2026-06-03 \"manager\""], "{stderr}");
    let peer = ["report", "Eve Engineer", "--relationship", "peer", "--format", "json"];
    let peers = team.engineer.rungs().args(peer).run();
    assert_eq!(peers.code, 0, "{peers:#?}");
    assert!(!peers.stdout.contains(SECRETS[1]) && !peers.stderr.contains(SECRETS[1]), "{peers:#?}");
    assert!(peers.stderr.contains("3 records are not for your key"), "{peers:#?}");
    // What the engineer sees is the aggregate the manager shared: three peers, no names.
    let shared = parse(&peers.stdout);
    assert_eq!(
        (shared["shared"]["by"].as_str(), shared["raters"].as_u64()),
        (Some("Max Manager"), Some(3)),
        "{shared}"
    );
    assert!(!peers.stdout.contains("Pat") && !peers.stdout.contains("Quinn"), "{}", peers.stdout);
    assert!(team.engineer.dir.join("eve-engineer/2026-06-02-tech-lead-peer.json").is_file());
    // What is due counts the peer views by their names, which anyone sees: none is missing.
    let due = team.engineer.rungs().args(["due", "--format", "json"]).env("RUNGS_TODAY", "2026-07-01").run();
    assert_eq!(due.code, 0, "{due:#?}");
    let rows = parse(&due.stdout);
    let eve = rows.as_array().unwrap().iter().find(|r| r["person"] == "Eve Engineer");
    assert!(eve.is_none_or(|r| !r.to_string().contains("\"peer")), "{}", due.stdout);
    assert!(due.stdout.contains("Pat Peer"), "the others are listed: {}", due.stdout);

    // The peer: none of the engineer's self or manager views, nor the note.
    let (seen, stderr) = team.peer.listed();
    assert!(seen.is_empty(), "{seen:?}");
    assert!(stderr.contains("records are not for your key"), "{stderr}");
    let notes = team.peer.rungs().args(["notes", "Eve Engineer", "--format", "json"]).run();
    assert!(!notes.stdout.contains(SECRETS[3]), "{notes:#?}");

    // The manager and hr: everything of the engineer's, through rungs and through the age tool.
    for reader in [&team.manager, &team.hr] {
        let (seen, stderr) = reader.listed();
        // The three peers' views, together past the floor, are one row.
        let all = ["2026-06-01 \"self\"", "2026-06-02 \"peer\"", "2026-06-03 \"manager\""];
        assert_eq!(seen, all, "{}: {stderr}", reader.name);
        assert!(!stderr.contains("not for your key"), "{}: {stderr}", reader.name);
        let notes = reader.rungs().args(["notes", "Eve Engineer", "--format", "json"]).ok();
        assert!(notes.contains(SECRETS[3]), "{}: {notes}", reader.name);
        for (file, secret) in [("2026-06-01-tech-lead-self", 0), ("2026-06-02-tech-lead-peer", 1)] {
            let path = reader.dir.join(format!("eve-engineer/{file}.json"));
            let out = std::process::Command::new("age").arg("-d").arg("-i").arg(&reader.identity).arg(&path).output();
            let out = out.expect("the age tool is installed by .ci/run");
            assert!(out.status.success(), "age -d {}: {}", path.display(), String::from_utf8_lossy(&out.stderr));
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.contains(SECRETS[secret]), "{text}");
            let record: Value = serde_json::from_str(text.lines().skip(1).collect::<String>().as_str()).unwrap();
            assert_eq!(record["person"], "Eve Engineer");
        }
    }
    // The peer view's header names no SSH key of the peer's: only hr's (the one other SSH reader).
    let header = std::fs::read(team.engineer.dir.join("eve-engineer/2026-06-02-tech-lead-peer.json")).unwrap();
    let header =
        String::from_utf8_lossy(&header[..header.windows(4).position(|w| w == b"\n---").unwrap()]).into_owned();
    assert_eq!(header.matches("-> ssh-ed25519 ").count(), 1, "{header}");
    // One entry of the manager's, and one for the author: a key of nobody's, as the peer has no age key.
    assert_eq!(header.matches("-> X25519 ").count(), 2, "{header}");
    // The age tool with the engineer's key cannot open the peer view.
    let peer_view = team.engineer.dir.join("eve-engineer/2026-06-02-tech-lead-peer.json");
    let out =
        std::process::Command::new("age").arg("-d").arg("-i").arg(&team.engineer.identity).arg(&peer_view).output();
    assert!(!out.unwrap().status.success());
    // `check` in an encrypted store finds every record sealed as the roster says.
    let check = team.hr.rungs().args(["check"]).run();
    assert_eq!(check.code, 0, "{check:#?}");
    let _ = &team.home;
}

#[test]
fn after_a_move_and_a_rekey_the_new_manager_reads_the_past_and_the_old_one_not_the_future() {
    let team = team();
    team.save_views();
    let (nora_key, nora_pub) = age_identity(&team.home, "nora");
    // hr records the move in the roster, and pushes it.
    let add = team.hr.rungs().args(["roster", "add", "Nora New", "--key", &nora_pub]).run();
    assert_eq!(add.code, 0, "{add:#?}");
    team.hr.rungs().args(["roster", "set", "Eve Engineer", "--manager", "Nora New"]).ok();
    team.hr.sync();
    // `check` names the records whose readers the roster has changed.
    git(&team.manager.dir, &["pull", "-q", "--rebase", "origin", "main"]);
    let check = team.manager.rungs().args(["check", "--format", "json"]).run();
    assert_eq!(check.code, 1, "{check:#?}");
    assert!(check.stdout.contains("Nora New") && check.stdout.contains("\"readers\""), "{}", check.stdout);
    // The old manager seals again every record they can open, in one commit.
    let before = git(&team.manager.dir, &["rev-list", "--count", "HEAD"]);
    let rekey = team.manager.rungs().args(["rekey"]).run();
    assert_eq!(rekey.code, 0, "{rekey:#?}");
    let after = git(&team.manager.dir, &["rev-list", "--count", "HEAD"]);
    assert_eq!(after.trim().parse::<u32>().unwrap(), before.trim().parse::<u32>().unwrap() + 1, "{rekey:#?}");
    let check = team.manager.rungs().args(["check"]).run();
    assert_eq!(check.code, 0, "after the rekey, no record the old manager opens differs: {check:#?}");
    team.manager.sync();
    // The engineer saves after the move.
    git(&team.engineer.dir, &["pull", "-q", "--rebase", "origin", "main"]);
    let e = "Eve Engineer";
    team.engineer.save(&answers(e, e, "self", "2026-09-01", SECRETS[4]));
    team.engineer.sync();
    let nora = Member { name: "Nora New", dir: team.home.join("nora"), identity: nora_key, public: nora_pub };
    git(&team.home, &["clone", "-q", team.remote.to_str().unwrap(), "nora"]);
    let (seen, stderr) = nora.listed();
    let all = ["2026-06-01 \"self\"", "2026-06-02 \"peer\"", "2026-06-03 \"manager\"", "2026-09-01 \"self\""];
    assert_eq!(seen, all, "{stderr}");
    let notes = nora.rungs().args(["notes", "Eve Engineer", "--format", "json"]).ok();
    assert!(notes.contains(SECRETS[3]), "{notes}");
    // The old manager no longer opens what was saved after the move.
    git(&team.manager.dir, &["pull", "-q", "--rebase", "origin", "main"]);
    let (seen, stderr) = team.manager.listed();
    assert!(!seen.iter().any(|s| s.starts_with("2026-09-01")), "{seen:?}");
    assert!(stderr.contains("not for your key"), "{stderr}");
    let _ = nora.public;
}

#[test]
fn a_save_for_someone_whose_reader_has_no_key_is_refused_and_names_them() {
    let solo = Solo::new();
    let (dir, public) = (&solo.dir, &solo.public);
    solo.rungs().args(["roster", "add", "Lee Lead"]).ok();
    solo.rungs().args(["roster", "add", "Ann Bo", "--manager", "Lee Lead", "--key", public]).ok();
    let run = solo
        .rungs()
        .args(["assess", "--answers", "-"])
        .stdin(answers("Ann Bo", "Ann Bo", "self", "2026-06-01", "x").to_string())
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("`Lee Lead`") && run.stderr.contains("no key"), "{}", run.stderr);
    assert!(!dir.join("ann-bo/2026-06-01-tech-lead-self.json").exists());
    // Someone the roster does not list is refused too: nobody knows who may read it.
    let run = solo
        .rungs()
        .args(["assess", "--answers", "-"])
        .stdin(answers("Zed Unknown", "Zed Unknown", "self", "2026-06-01", "x").to_string())
        .run();
    assert_eq!(run.code, 2, "{run:#?}");
}

#[test]
fn keygen_writes_a_private_identity_once_and_the_default_place_is_found() {
    use std::os::unix::fs::PermissionsExt;
    let rungs = Rungs::new();
    let home = rungs.home();
    // Every run shares one configuration folder: the default identity's.
    let r = || Rungs::new().env("XDG_CONFIG_HOME", home.join("config"));
    let public = r().args(["keygen"]).ok();
    let default = home.join("config/rungs/identity.txt");
    let mode = std::fs::metadata(&default).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(std::fs::read_to_string(&default).unwrap().contains(public.trim()));
    let again = r().args(["keygen"]).fails(2);
    assert!(again.stderr.contains("never overwrites"), "{}", again.stderr);
    // A solo encrypted store (no roster): the default identity seals and opens.
    let dir = home.join("solo");
    r().args(["init"]).args([&dir]).args(["--encrypt"]).ok();
    let run = r()
        .args(["assess", "--answers", "-", "--dir"])
        .args([&dir])
        .stdin(answers("Solo Me", "Solo Me", "self", "2026-06-01", SECRETS[0]).to_string())
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let file = dir.join("solo-me/2026-06-01-tech-lead-self.json");
    assert!(std::fs::read(&file).unwrap().starts_with(b"age-encryption.org/v1\n"));
    let report = r().args(["report", "Solo Me", "--format", "json", "--dir"]).args([&dir]).ok();
    assert_eq!(parse(&report)["person"], "Solo Me", "{report}");
    // With another identity, the record is counted, never an error.
    let (other, _) = age_identity(home, "other");
    let run = r().args(["list", "--dir"]).args([&dir]).args(["--identity"]).args([&other]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("1 record is not for your key"), "{}", run.stderr);
    // Without any identity, the count line says why.
    let run = Rungs::new().args(["list", "--dir"]).args([&dir]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("no identity found") && run.stderr.contains("rungs keygen"), "{}", run.stderr);
}

#[test]
fn encrypt_seals_every_plain_record_in_one_commit_and_saves_stay_sealed() {
    let rungs = Rungs::new();
    let home = rungs.home();
    let (key, _) = age_identity(home, "me");
    let dir = home.join("store");
    Rungs::new().args(["init"]).args([&dir]).args(["--git"]).ok();
    let save = |date: &str, evidence: &str| {
        Rungs::new()
            .args(["assess", "--answers", "-", "--dir"])
            .args([&dir])
            .args(["--identity"])
            .args([&key])
            .stdin(answers("Solo Me", "Solo Me", "self", date, evidence).to_string())
            .ok();
    };
    save("2026-03-01", SECRETS[0]);
    Rungs::new().args(["note", "--person", "Solo Me", SECRETS[3], "--dir"]).args([&dir]).ok();
    // An interview left unfinished in the plain store: its draft is sealed too.
    let draft = dir.join("solo-me/.draft-tech-lead-self.json");
    std::fs::write(&draft, format!("{{\"person\": \"Solo Me\", \"note\": \"{}\"}}", SECRETS[2])).unwrap();
    let init = Rungs::new().args(["init"]).args([&dir]).args(["--encrypt"]).fails(2);
    assert!(init.stderr.contains("rungs --dir") && init.stderr.contains("encrypt"), "{}", init.stderr);
    let before = git(&dir, &["rev-list", "--count", "HEAD"]).trim().parse::<u32>().unwrap();
    let run = Rungs::new().args(["encrypt", "--dir"]).args([&dir]).args(["--identity"]).args([&key]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("Encrypted 2 records") && run.stderr.contains("earlier commits"), "{}", run.stderr);
    assert_eq!(git(&dir, &["rev-list", "--count", "HEAD"]).trim().parse::<u32>().unwrap(), before + 1);
    assert!(std::fs::read(&draft).unwrap().starts_with(b"age-encryption.org/v1\n"), "the draft is sealed");
    save("2026-06-01", SECRETS[4]);
    let working: Vec<String> =
        std::fs::read_dir(dir.join("solo-me")).unwrap().flatten().map(|e| e.path().display().to_string()).collect();
    for file in working.iter().filter(|f| f.ends_with(".json")) {
        assert!(std::fs::read(file).unwrap().starts_with(b"age-encryption.org/v1\n"), "{file}");
    }
    let list =
        Rungs::new().args(["list", "--format", "json", "--dir"]).args([&dir]).args(["--identity"]).args([&key]).ok();
    let rows = parse(&list);
    assert_eq!(rows.as_array().map(Vec::len), Some(2), "{list}");
}

/// An interview in an encrypted store, stopped at the People prompt by
/// `signal` after evidence was typed: the store's files, at that moment
/// and after, hold no plain text, and the sealed draft keeps the answers.
fn interrupted_interview(signal: &str) {
    let rungs = Rungs::new();
    let home = rungs.home();
    let (key, _) = age_identity(home, "me");
    let dir = home.join("store");
    Rungs::new().args(["init"]).args([&dir]).args(["--encrypt"]).ok();
    let mut command = Rungs::new()
        .args(["assess", "--person", "Ada Lovelace", "--date", "2026-11-24", "--current", "TL4", "--dir"])
        .args([&dir])
        .args(["--identity"])
        .args([&key])
        .command();
    crate::support::isolate(&mut command, home);
    let mut pty = crate::pty::Pty::spawn(command);
    pty.pick("your rating at TL4 · 2 Specializes", 2);
    pty.pick("your rating at TL5 · 3 Evangelizes", 1);
    pty.answer("Evidence", &format!("{}\r", SECRETS[0]));
    pty.pick("your rating at TL4 · 3 Owns", 3);
    pty.pick("your rating at TL5 · 4 Evolves", 2);
    pty.answer("Evidence", "\r");
    pty.expect("your rating at TL4 · 4 Coordinates");
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert!(plain_secrets(&dir).is_empty(), "plain text while the interview runs");
    match signal {
        "INT" => pty.send("\x03"),
        other => pty.signal(other),
    }
    if signal == "KILL" {
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(pty);
    } else {
        let (code, transcript) = pty.finish();
        assert_eq!(code, if signal == "INT" { 130 } else { 143 }, "{transcript}");
    }
    assert!(plain_secrets(&dir).is_empty(), "plain text after SIG{signal}: {:?}", plain_secrets(&dir));
    let draft = dir.join("ada-lovelace/.draft-tech-lead-self.json");
    let bytes = std::fs::read(&draft).unwrap_or_else(|e| panic!("{}: {e}", draft.display()));
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"), "the draft is sealed");
    let out = std::process::Command::new("age").arg("-d").arg("-i").arg(&key).arg(&draft).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains(SECRETS[0]), "the typed evidence is kept in the draft");
}

#[test]
fn an_interview_stopped_by_ctrl_c_leaves_no_plain_text_and_keeps_a_sealed_draft() {
    interrupted_interview("INT");
}

#[test]
fn an_interview_stopped_by_sigterm_leaves_no_plain_text_and_keeps_a_sealed_draft() {
    interrupted_interview("TERM");
}

#[test]
fn an_interview_killed_leaves_no_plain_text_and_keeps_a_sealed_draft() {
    interrupted_interview("KILL");
}

#[test]
fn without_an_identity_an_interview_in_an_encrypted_store_is_refused_before_any_question() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    Rungs::new().args(["init"]).args([&dir]).args(["--encrypt"]).ok();
    let run = Rungs::new()
        .args(["assess", "--answers", "-", "--dir"])
        .args([&dir])
        .stdin(answers("Solo Me", "Solo Me", "self", "2026-06-01", "x").to_string())
        .fails(2);
    assert!(run.stderr.contains("rungs keygen"), "{}", run.stderr);
    assert!(!dir.join("solo-me").exists(), "nothing written");
}

/// A store sealed to a passphrase-protected SSH key, with one record.
fn protected_store(home: &Path) -> (PathBuf, PathBuf) {
    std::fs::create_dir_all(home.join(".ssh")).unwrap();
    let key = home.join(".ssh/id_ed25519");
    let out = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "correct horse", "-C", "me", "-f"])
        .arg(&key)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap().trim().to_owned();
    let dir = home.join("store");
    Rungs::new().args(["init"]).args([&dir]).args(["--encrypt"]).ok();
    Rungs::new().args(["roster", "add", "Solo Me", "--key", &public, "--dir"]).args([&dir]).ok();
    // Sealed by the age tool to the public key alone: no passphrase is needed to write.
    let record = answers("Solo Me", "Solo Me", "self", "2026-06-01", SECRETS[0]);
    let (age_key, _) = age_identity(home, "writer");
    let run = Rungs::new()
        .args(["assess", "--answers", "-", "--dir"])
        .args([&dir])
        .args(["--identity"])
        .args([&age_key])
        .stdin(record.to_string())
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    (dir, key)
}

#[test]
fn a_passphrase_protected_ssh_key_is_asked_for_on_a_terminal_and_named_without_one() {
    let rungs = Rungs::new();
    let home = rungs.home();
    let (dir, key) = protected_store(home);
    // No terminal: one line naming the key and why, the exit code unchanged;
    // the same when the key is found by itself.
    let run = Rungs::new().args(["list", "--dir"]).args([&dir]).args(["--identity"]).args([&key]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("id_ed25519"), "{}", run.stderr);
    // A save needs no passphrase: only public keys seal.
    let saved = Rungs::new()
        .args(["assess", "--answers", "-", "--dir"])
        .args([&dir])
        .args(["--identity"])
        .args([&key])
        .stdin(answers("Solo Me", "Solo Me", "self", "2026-09-01", "x").to_string())
        .run();
    assert_eq!(saved.code, 0, "{saved:#?}");
    let run = Rungs::new().args(["list", "--dir"]).args([&dir]).env("HOME", home).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("protected by a passphrase") && run.stderr.contains("no terminal"), "{}", run.stderr);
    // On a terminal: asked once, not echoed, and the record opens.
    let mut command = Rungs::new()
        .args(["list", "--format", "json", "--dir"])
        .args([&dir])
        .args(["--identity"])
        .args([&key])
        .command();
    crate::support::isolate(&mut command, home);
    let mut pty = crate::pty::Pty::spawn(command);
    pty.answer("Passphrase for", "correct horse\r");
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");
    assert!(transcript.contains("2026-06-01") && !transcript.contains("correct horse"), "{transcript}");
}

#[test]
fn a_clone_that_saw_the_store_encrypted_keeps_sealing_when_the_marker_is_removed() {
    let solo = Solo::new();
    let dir = &solo.dir;
    // One data folder for every run, the one `init` saw: this clone's memory.
    let r = || solo.rungs().env("XDG_DATA_HOME", solo.rungs.home().join("data"));
    r().args(["check"]).ok();
    let save = |date: &str| assert_eq!(solo.save(r(), date, SECRETS[0]).code, 0);
    save("2026-03-01");
    std::fs::remove_file(dir.join(".rungs-encrypted")).unwrap();
    save("2026-06-01");
    let file = dir.join("solo-me/2026-06-01-tech-lead-self.json");
    assert!(std::fs::read(&file).unwrap().starts_with(b"age-encryption.org/v1\n"), "still sealed");
    let check = r().args(["check"]).fails(1);
    assert!(check.stdout.contains(".rungs-encrypted") && check.stdout.contains("rungs encrypt"), "{}", check.stdout);
    r().args(["encrypt"]).ok();
    assert!(dir.join(".rungs-encrypted").is_file());
    r().args(["check"]).ok();
}

#[test]
fn a_rotated_key_loses_the_records_once_rekeyed_and_the_roster_is_never_read_sealed() {
    let rungs = Rungs::new();
    let home = rungs.home();
    let (mgr, mgr_pub) = age_identity(home, "mgr");
    let (old, old_pub) = age_identity(home, "old");
    let (new, new_pub) = age_identity(home, "new");
    let dir = home.join("store");
    let r = |key: &Path| Rungs::new().args(["--dir"]).args([&dir]).args(["--identity"]).args([key]);
    Rungs::new().args(["init"]).args([&dir]).args(["--encrypt"]).ok();
    r(&mgr).args(["roster", "add", "Mo Lead", "--key", &mgr_pub]).ok();
    r(&mgr).args(["roster", "add", "Eve Eng", "--manager", "Mo Lead", "--key", &old_pub]).ok();
    let saved = r(&old)
        .args(["assess", "--answers", "-"])
        .stdin(answers("Eve Eng", "Eve Eng", "self", "2026-06-01", "x").to_string())
        .run();
    assert_eq!(saved.code, 0, "{saved:#?}");
    r(&mgr).args(["roster", "set", "Eve Eng", "--key", &new_pub]).ok();
    r(&mgr).args(["rekey"]).ok();
    let file = dir.join("eve-eng/2026-06-01-tech-lead-self.json");
    let opens = |key: &Path| {
        std::process::Command::new("age").arg("-d").arg("-i").arg(key).arg(&file).output().unwrap().status.success()
    };
    assert!(opens(&new) && opens(&mgr), "the new key and the manager open it");
    assert!(!opens(&old), "the rotated key no longer opens it, though it wrote it");
    // A roster someone sealed would escape review of its changes: refused, named.
    let sealed = std::fs::read(&file).unwrap();
    std::fs::write(dir.join("people.toml"), &sealed).unwrap();
    let run = r(&mgr).args(["roster"]).run();
    assert_ne!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("people.toml") && run.stderr.contains("encrypted"), "{}", run.stderr);
    // An identity named on purpose that cannot be read: exit 2, at once.
    let run = r(&home.join("typo.key")).args(["list"]).fails(2);
    assert!(run.stderr.contains("typo.key"), "{}", run.stderr);
}

#[test]
fn a_clone_that_never_saw_the_marker_refuses_plain_saves_beside_sealed_records() {
    let solo = Solo::new();
    let (dir, r) = (&solo.dir, || solo.rungs());
    r().args(["roster", "add", "Solo Me", "--key", &solo.public]).ok();
    let save = || solo.save(r(), "2026-06-01", SECRETS[0]);
    assert_eq!(save().code, 0);
    // The marker is removed; every run here has a data folder of its own, as a new clone would.
    std::fs::remove_file(dir.join(".rungs-encrypted")).unwrap();
    let refused = save();
    assert_eq!(refused.code, 2, "{refused:#?}");
    assert!(
        refused.stderr.contains("rungs encrypt") && refused.stderr.contains(".rungs-encrypted"),
        "{}",
        refused.stderr
    );
    assert!(plain_secrets(dir).is_empty(), "nothing plain was written");
    let check = r().args(["check"]).fails(1);
    assert!(check.stdout.contains("missing"), "{}", check.stdout);
    r().args(["encrypt"]).ok();
    assert_eq!(save().code, 0);
}
