//! Who is who when nothing says: the person (`RUNGS_USER`, else git's
//! `user.name`, else the login name) and the assessor or author (`RUNGS_ASSESSOR`, else git's
//! `user.name` as the store's repository sets it, read through the store's
//! `share::user_name`). The only place that asks
//! git or the environment for a name.
//!
//! With a roster (`people.toml`, see [`crate::roster`]) it also says who a
//! typed name or email is, who `me` is, and who is under whom.

use crate::error::Error;
use crate::roster::{Person, Roster};

/// `RUNGS_USER`, else git's `user.name`, else `$USER` (or `%USERNAME%`).
pub fn default_person() -> Option<String> {
    user_env()
        .or_else(|| crate::share::user_name(None))
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .or_else(|| std::env::var("USERNAME").ok().filter(|u| !u.is_empty()))
}

/// `RUNGS_USER`, when set.
fn user_env() -> Option<String> {
    std::env::var("RUNGS_USER").ok().map(|n| n.trim().to_owned()).filter(|n| !n.is_empty())
}

/// The person a command is about when none is named: `name` when given,
/// else you: `RUNGS_USER`, else git's `user.name` (or the login name) when
/// the store has a person of that name. `None` leaves the choice to the
/// store (its only person).
pub fn named_or_you(store: &crate::store::Store, name: Option<&str>) -> Option<String> {
    if let Some(name) = name {
        // With a roster, an email or a name in another case is the roster's name.
        let known = roster(store).ok().flatten().and_then(|r| r.find(name).map(|p| p.name.clone()));
        return Some(known.unwrap_or_else(|| name.to_owned()));
    }
    user_env().or_else(|| default_person().filter(|me| store.person_dir(me).is_dir()))
}

/// The person a command is about: as [`named_or_you`], else the store's
/// only person, by their folder's name.
///
/// # Errors
/// No one named, you not in the store, and not exactly one person in it.
pub fn person_or_only(store: &crate::store::Store, name: Option<&str>) -> crate::Result<String> {
    if let Some(person) = named_or_you(store, name) {
        return Ok(person);
    }
    let dir = crate::collection::only_person(store)?;
    Ok(dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
}

/// `RUNGS_ASSESSOR`, else git's `user.name` as seen from the store (its
/// repository's setting first, then the global one).
pub fn default_assessor(store: &std::path::Path) -> Option<String> {
    let from_env = std::env::var("RUNGS_ASSESSOR").ok().map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    from_env.or_else(|| {
        let dir = store.ancestors().find(|d| d.is_dir())?;
        crate::share::user_name(Some(dir))
    })
}

/// The store's roster, `people.toml`, when it has one.
///
/// # Errors
/// As [`crate::store::people::load`].
pub fn roster(store: &crate::store::Store) -> crate::Result<Option<Roster>> {
    crate::store::people::load(store)
}

/// The error for a name (or email) nobody in the roster has (see [`Roster::unknown`]).
pub fn not_in_roster(roster: &Roster, typed: &str) -> Error {
    roster.unknown(typed)
}

/// The person a typed name or email stands for in the roster.
///
/// # Errors
/// Nobody in the roster has it (see [`not_in_roster`]).
pub fn in_roster<'r>(roster: &'r Roster, typed: &str) -> crate::Result<&'r Person> {
    roster.find(typed).ok_or_else(|| not_in_roster(roster, typed))
}

/// A typed person's name as the store knows them: with a roster, the name
/// of whoever has that name or email (an unknown one is refused); without
/// one, the name as typed.
///
/// # Errors
/// A roster that cannot be read, or a name nobody in it has.
pub fn resolve_person(store: &crate::store::Store, typed: &str) -> crate::Result<String> {
    match roster(store)? {
        Some(roster) => Ok(in_roster(&roster, typed)?.name.clone()),
        None => Ok(typed.to_owned()),
    }
}

/// You in the roster: `RUNGS_USER` (a name or an email), else git's
/// `user.email`, else its `user.name`, as the store's repository sets them.
///
/// # Errors
/// None of them names anyone in the roster.
pub fn me<'r>(store: &crate::store::Store, roster: &'r Roster) -> crate::Result<&'r Person> {
    let dir = store.root().ancestors().find(|d| d.is_dir());
    if let Some(user) = user_env() {
        return in_roster(roster, &user);
    }
    let email = crate::share::user_email(dir.unwrap_or(std::path::Path::new(".")));
    let name = crate::share::user_name(dir);
    let found = email.as_deref().and_then(|e| roster.find(e)).or_else(|| name.as_deref().and_then(|n| roster.find(n)));
    found.ok_or_else(|| {
        let tried: Vec<String> = email.into_iter().chain(name).map(|t| format!("`{t}`")).collect();
        let tried = if tried.is_empty() {
            "git has no user.email or user.name".to_owned()
        } else {
            format!("tried {}", tried.join(" and "))
        };
        Error::Usage(format!(
            "`me`: you are not in the roster {} ({tried}); set RUNGS_USER to your name or email",
            roster.path
        ))
    })
}

/// Whose team: `--under NAME` (or `me`), down `depth` levels (`None`: all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Under {
    /// A name, an email, or `me`.
    pub name: String,
    /// How many levels down; `None` for the whole subtree.
    pub depth: Option<usize>,
}

/// The roster, the person `under` names (index) and the people under them (indexes).
///
/// # Errors
/// No roster in the store, or the name is nobody in it.
pub fn team_under(store: &crate::store::Store, under: &Under) -> crate::Result<(Roster, usize, Vec<usize>)> {
    let Some(roster) = roster(store)? else {
        return Err(Error::Usage(format!(
            "--under needs a roster: there is no {} in {}; start one with: rungs roster add NAME",
            crate::roster::FILE,
            store.root().display()
        )));
    };
    let (top, people) = under_in(store, &roster, under)?;
    Ok((roster, top, people))
}

/// The person `under` names in `roster` (index), and the people under them (indexes).
///
/// # Errors
/// The name is nobody in the roster.
pub fn under_in(store: &crate::store::Store, roster: &Roster, under: &Under) -> crate::Result<(usize, Vec<usize>)> {
    let top = if under.name.eq_ignore_ascii_case("me") { me(store, roster)? } else { in_roster(roster, &under.name)? };
    let top = roster.index_of(&top.name).expect("found in the roster");
    Ok((top, roster.under(top, under.depth)))
}

/// The person folders of `dirs` that belong to the people `under` names;
/// all of them when it names no one.
///
/// # Errors
/// As [`team_under`].
pub fn dirs_under(
    store: &crate::store::Store,
    dirs: Vec<std::path::PathBuf>,
    under: Option<&Under>,
) -> crate::Result<Vec<std::path::PathBuf>> {
    let Some(under) = under else { return Ok(dirs) };
    let (roster, _, people) = team_under(store, under)?;
    let slugs: std::collections::HashSet<String> =
        people.iter().map(|&i| crate::text::slug(&roster.people[i].name)).collect();
    Ok(dirs.into_iter().filter(|d| d.file_name().is_some_and(|n| slugs.contains(&*n.to_string_lossy()))).collect())
}

/// Fills what an assessment leaves out from the roster, when the store has
/// one and a person is named: their name (a typed email becomes it), and
/// their ladder, current and target level when not given.
///
/// # Errors
/// A roster that cannot be read, or a person nobody in it is.
pub fn fill_from_roster(
    store: &crate::store::Store,
    answers: &mut crate::assessment::answers::Answers,
) -> crate::Result<()> {
    let Some(typed) = answers.person.clone() else { return Ok(()) };
    let Some(roster) = roster(store)? else { return Ok(()) };
    let person = in_roster(&roster, &typed)?;
    answers.person = Some(person.name.clone());
    if answers.ladder.is_none() {
        answers.ladder.clone_from(&person.ladder);
    }
    if answers.current.is_none() {
        answers.current.clone_from(&person.level);
    }
    if answers.target.is_none() {
        answers.target.clone_from(&person.target);
    }
    Ok(())
}

/// Whether `assessor` is in the management chain above `person`; `None`
/// when the store has no roster or `person` is not in it.
///
/// # Errors
/// A roster that cannot be read.
pub fn manages(store: &crate::store::Store, assessor: &str, person: &str) -> crate::Result<Option<bool>> {
    let Some(roster) = roster(store)? else { return Ok(None) };
    let Some(at) = roster.index_of(person) else { return Ok(None) };
    let Some(boss) = roster.find(assessor).and_then(|a| roster.index_of(&a.name)) else { return Ok(Some(false)) };
    Ok(Some(roster.chain(at).contains(&boss)))
}

/// A typed name as the roster knows it: the name of whoever has that name
/// or email, else the text as typed (an assessor may be outside the roster).
///
/// # Errors
/// A roster that cannot be read.
pub fn known_as(store: &crate::store::Store, typed: &str) -> crate::Result<String> {
    let roster = roster(store)?;
    Ok(roster.as_ref().and_then(|r| r.find(typed)).map_or_else(|| typed.to_owned(), |p| p.name.clone()))
}
