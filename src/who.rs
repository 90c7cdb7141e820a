//! Who is who when nothing says: the person (`RUNGS_USER`, else git's
//! `user.name`, else the login name) and the assessor or author (`RUNGS_ASSESSOR`, else git's
//! `user.name` as the store's repository sets it, read through the store's
//! `share::user_name`). The only place that asks
//! git or the environment for a name.

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
        return Some(name.to_owned());
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
