//! Who may read each record of an encrypted store, computed from the
//! roster (`people.toml`) at each save; the table is in docs/security.md.
//!
//! | record                                  | readable by                                   |
//! | --------------------------------------- | --------------------------------------------- |
//! | a self or manager view, a goal          | the person, their management chain, `hr`      |
//! | a peer view                             | the management chain and `hr`; not the person |
//! | a note                                  | its author, the person, the chain, `hr`       |
//! | a peer aggregate shared with the person | the person, the chain, `hr`                   |
//!
//! The author of a record can always read it: their keys in the roster, and
//! the keys of the identity that saves it; only a peer view leaves out the
//! author's SSH keys, whose tags in the file would name the peer. A reader
//! without a key is named, and the save refused, rather than written
//! unreadable to them.

use crate::assessment::Relationship;
use crate::error::{Error, Result};
use crate::roster::{Person, Roster};
use crate::seal::Reader;

/// The file at a store's root that says its records are encrypted.
pub const MARKER: &str = ".rungs-encrypted";

/// What the [`MARKER`] says to whoever finds it.
pub const MARKER_TEXT: &str = "This rungs store is encrypted: every record in it is an age file, readable\n\
only by the people it concerns (see docs/security.md in rungs' documentation).\n\
rungs never writes a record here in plain text while this file exists.\n";

/// Remembers that `store` is encrypted, in a file of the clone's own
/// (best effort: a data folder that cannot be written only loses the guard).
pub fn remember(store: &super::Store) {
    let Some((root, path)) = store.private_file("encrypted", "flag") else { return };
    if path.exists() {
        return;
    }
    if let Some(dir) = path.parent()
        && crate::file::create_private_dir(dir).is_ok()
        && let Ok(temp) = crate::file::write_temp(dir, root.display().to_string().as_bytes())
    {
        let _ = temp.persist_noclobber(&path);
    }
}

/// Whether this clone has seen `store` encrypted.
pub fn remembered(store: &super::Store) -> bool {
    store.private_file("encrypted", "flag").is_some_and(|(_, p)| p.is_file())
}

/// The name of a reader that stands for nobody: the fresh key that keeps a
/// peer view's number of entries the same whoever wrote it.
pub const NOBODY: &str = "(nobody)";

/// The role whose holders read every record.
pub const HR: &str = "hr";

/// Whom a record concerns: the readers follow from it and the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Audience<'a> {
    /// The person the record is about.
    pub person: &'a str,
    /// Who wrote it: the assessor of a view, the author of a note.
    pub author: &'a str,
    /// Whether the person reads it: not for a peer view.
    pub person_reads: bool,
}

impl<'a> Audience<'a> {
    /// The audience of a view of `person` by `assessor`.
    pub fn of_view(person: &'a str, relationship: Relationship, assessor: &'a str) -> Self {
        Audience { person, author: assessor, person_reads: relationship != Relationship::Peer }
    }

    /// The audience of a note, a goal or an aggregate about `person`.
    pub fn of(person: &'a str, author: &'a str) -> Self {
        Audience { person, author, person_reads: true }
    }
}

/// The readers of a record for `audience`, as `roster` says today. The
/// author reads with their keys in the roster; `own` (the keys of the
/// identity saving it) stand for an author the roster lists without keys,
/// or does not list, or for everyone in a store without a roster.
///
/// # Errors
/// The person is not in the roster, or their chain names a manager it does
/// not list; a reader has no key (exit 2, naming them and how to add one);
/// nobody at all could read it.
pub fn readers(roster: Option<&Roster>, audience: &Audience<'_>, own: &[String]) -> Result<Vec<Reader>> {
    let mut readers: Vec<Reader> = Vec::new();
    let mut keyless: Vec<String> = Vec::new();
    let mut add = |person: &Person, readers: &mut Vec<Reader>| {
        if person.keys.is_empty() {
            if !keyless.contains(&person.name) {
                keyless.push(person.name.clone());
            }
            return;
        }
        for key in &person.keys {
            readers.push(Reader { name: person.name.clone(), key: key.clone() });
        }
    };
    let mut author_keys = own;
    let mut author_name = audience.author;
    let mut hidden_from: Option<&Person> = None;
    if let Some(roster) = roster {
        let today = crate::text::today();
        let person = roster.find(audience.person).ok_or_else(|| {
            Error::Usage(format!(
                "`{}` is not in the roster {}: an encrypted store saves records only for people it lists, \
                 so that it knows who may read them\n  to add them: rungs roster add {} --key KEY --manager NAME",
                audience.person,
                roster.path,
                crate::text::shell_quote(audience.person)
            ))
        })?;
        let chain = chain(roster, person);
        let top = chain.last().copied().unwrap_or(person);
        if let Some(unknown) = top.manager.as_deref().filter(|m| roster.get(m).is_none()) {
            return Err(Error::Usage(format!(
                "not saved: {}'s manager `{unknown}` is nobody in the roster {}, so who may read it is not known\n  \
                 name the manager as the roster names them (rungs roster check shows the problem)",
                top.name, roster.path
            )));
        }
        // A peer view is never for the person, whatever else they are (hr, say).
        let shown = |p: &Person| audience.person_reads || p.name != person.name;
        if !audience.person_reads {
            hidden_from = Some(person);
        }
        // Those who read the most records first: an age file does not say
        // whose each entry is, so a reader's key tries the entries in order,
        // and hr, then the top of the chain, open far more records than the
        // person (bench/RESULTS.md: hr's first run 2.3 times cheaper).
        for hr in hr_holders(roster, today) {
            if shown(hr) {
                add(hr, &mut readers);
            }
        }
        for manager in chain.into_iter().rev() {
            if manager.is_current(today) && shown(manager) {
                add(manager, &mut readers);
            }
        }
        if audience.person_reads {
            add(person, &mut readers);
        }
        if let Some(author) = roster.find(audience.author) {
            author_name = &author.name;
            if !author.keys.is_empty() {
                author_keys = &author.keys;
            }
        }
    }
    if !keyless.is_empty() {
        let names: Vec<String> = keyless.iter().map(|n| format!("`{n}`")).collect();
        return Err(Error::Usage(format!(
            "not saved: {} must read this record and {} no key in the roster{}\n  \
             add one with: rungs roster set NAME --key KEY (their public key, from rungs keygen or ~/.ssh/id_ed25519.pub)",
            names.join(", "),
            if keyless.len() == 1 { "has" } else { "have" },
            roster.map(|r| format!(" {}", r.path)).unwrap_or_default(),
        )));
    }
    let mut author_keys: Vec<&String> = author_keys.iter().filter(|k| anonymous_key(audience, k)).collect();
    if !audience.person_reads {
        // A peer view has exactly one entry for its author, whatever keys
        // they have: a key of theirs, else a key of nobody's. The number of
        // entries, which anyone can count, then names no peer.
        author_keys.truncate(1);
        if author_keys.is_empty() {
            readers.push(Reader { name: NOBODY.to_owned(), key: crate::seal::throwaway_key() });
        }
    }
    for key in author_keys {
        readers.push(Reader { name: author_name.to_owned(), key: key.clone() });
    }
    if let Some(person) = hidden_from {
        let theirs: std::collections::BTreeSet<String> = person.keys.iter().map(|k| crate::seal::key_id(k)).collect();
        readers.retain(|r| !theirs.contains(&crate::seal::key_id(&r.key)));
    }
    if readers.is_empty() {
        return Err(Error::Usage(
            "not saved: this store is encrypted, and nobody could read the record; \
             make yourself an identity with rungs keygen, then list its public key in people.toml"
                .to_owned(),
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    readers.retain(|r| seen.insert(crate::seal::key_id(&r.key)));
    Ok(readers)
}

/// Whether the author's `key` may seal the record without naming them: an
/// age file tags each SSH recipient with a hash of its key, which anyone can
/// match against the roster, so a peer view is never sealed to its
/// author's SSH key (their `age1…` keys are anonymous). A peer who has only
/// SSH keys cannot open their own peer view again.
fn anonymous_key(audience: &Audience<'_>, key: &str) -> bool {
    audience.person_reads || !key.trim_start().starts_with("ssh-")
}

/// Those who hold the `hr` role on `today`: readers of every record.
pub fn hr_holders(roster: &Roster, today: chrono::NaiveDate) -> impl Iterator<Item = &Person> {
    roster.people.iter().filter(move |p| p.roles.iter().any(|r| r.trim() == HR) && p.is_current(today))
}

/// The people above `person`, nearest first, each manager found by name
/// as `roster check` requires; a cycle or an unknown name ends the walk.
pub fn chain<'r>(roster: &'r Roster, person: &'r Person) -> Vec<&'r Person> {
    let mut chain: Vec<&Person> = Vec::new();
    let mut at = person;
    while let Some(manager) = at.manager.as_deref().and_then(|m| roster.get(m)) {
        if manager.name == person.name || chain.iter().any(|p| p.name == manager.name) {
            break;
        }
        chain.push(manager);
        at = manager;
    }
    chain
}

/// Whether two reader lists give the same keys, whatever their order; the
/// key of nobody's ([`NOBODY`]) is fresh each time, and not compared.
pub fn same_keys(a: &[Reader], b: &[Reader]) -> bool {
    let keys = |r: &[Reader]| {
        r.iter()
            .filter(|r| r.name != NOBODY)
            .map(|r| crate::seal::key_id(&r.key))
            .collect::<std::collections::BTreeSet<_>>()
    };
    keys(a) == keys(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, manager: Option<&str>, key: &str, roles: &[&str]) -> Person {
        Person {
            manager: manager.map(str::to_owned),
            keys: if key.is_empty() { Vec::new() } else { vec![key.to_owned()] },
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
            ..Person::named(name)
        }
    }

    fn roster() -> Roster {
        let mut roster = Roster::new(
            vec![
                person("Eng", Some("Mgr"), "k-eng", &[]),
                person("Peer", Some("Mgr"), "k-peer", &[]),
                person("Mgr", Some("Dir"), "k-mgr", &[]),
                person("Dir", None, "k-dir", &[]),
                person("Hana", None, "k-hr", &["hr"]),
            ],
            None,
            "people.toml",
        );
        roster.index();
        roster
    }

    fn names(readers: &[Reader]) -> Vec<&str> {
        readers.iter().map(|r| r.key.as_str()).collect()
    }

    #[test]
    fn a_peer_view_is_for_the_chain_hr_and_its_author_never_the_person() {
        let roster = roster();
        let got = readers(Some(&roster), &Audience::of_view("Eng", Relationship::Peer, "Peer"), &[]).unwrap();
        assert_eq!(names(&got), ["k-hr", "k-dir", "k-mgr", "k-peer"]);
        // An SSH key's tag would name the peer: a peer view leaves it out.
        let mut roster = roster;
        roster.people[1].keys = vec!["ssh-ed25519 AAAAPEER peer".to_owned(), "age1peer".to_owned()];
        let got = readers(Some(&roster), &Audience::of_view("Eng", Relationship::Peer, "Peer"), &[]).unwrap();
        assert_eq!(names(&got), ["k-hr", "k-dir", "k-mgr", "age1peer"]);
        // A peer without an age key: one entry of nobody's in its place.
        roster.people[1].keys = vec!["ssh-ed25519 AAAAPEER peer".to_owned()];
        let got = readers(Some(&roster), &Audience::of_view("Eng", Relationship::Peer, "Peer"), &[]).unwrap();
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[3].name, NOBODY);
        let got = readers(Some(&roster), &Audience::of_view("Eng", Relationship::Myself, "Eng"), &[]).unwrap();
        assert_eq!(names(&got), ["k-hr", "k-dir", "k-mgr", "k-eng"]);
    }

    #[test]
    fn a_peer_view_of_someone_in_hr_is_not_for_them_and_an_unknown_manager_refuses() {
        let mut roster = roster();
        roster.people[0].roles = vec!["hr".to_owned()];
        roster.index();
        let got = readers(Some(&roster), &Audience::of_view("Eng", Relationship::Peer, "Peer"), &[]).unwrap();
        assert!(!names(&got).contains(&"k-eng"), "{got:?}");
        roster.people[2].manager = Some("Nobody".to_owned());
        roster.index();
        let error = readers(Some(&roster), &Audience::of("Eng", "Eng"), &[]).unwrap_err();
        assert!(error.to_string().contains("`Nobody`"), "{error}");
    }

    #[test]
    fn the_saver_s_keys_stand_only_for_an_author_the_roster_gives_no_key() {
        let roster = roster();
        let own = ["age1saver".to_owned()];
        let got = readers(Some(&roster), &Audience::of("Eng", "Mgr"), &own).unwrap();
        assert!(!names(&got).contains(&"age1saver"), "{got:?}");
        let got = readers(Some(&roster), &Audience::of("Eng", "Visitor"), &own).unwrap();
        assert!(got.iter().any(|r| r.key == "age1saver" && r.name == "Visitor"), "{got:?}");
    }

    #[test]
    fn a_reader_without_a_key_is_named_and_the_save_refused() {
        let mut roster = roster();
        roster.people[2].keys.clear();
        let error = readers(Some(&roster), &Audience::of("Eng", "Eng"), &[]).unwrap_err();
        assert_eq!(error.exit_code(), crate::error::EXIT_USAGE);
        assert!(error.to_string().contains("`Mgr`"), "{error}");
    }
}
