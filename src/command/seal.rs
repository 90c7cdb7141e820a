//! `rungs keygen`, `rungs encrypt` and `rungs rekey`: an identity to open
//! encrypted records with, a store turned encrypted, and records sealed
//! again after the roster changed (see docs/security.md).

use std::path::Path;

use crate::cli::{KeygenArgs, RekeyArgs};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::output::say;
use crate::share::Author;
use crate::store::Store;
use crate::store::readers::{MARKER, MARKER_TEXT};
use crate::store::rekey;
use crate::text::{plural, shell_quote};

/// Runs `rungs keygen`: a new age identity, written private, its public key printed.
///
/// # Errors
/// The file exists already (an identity is never overwritten), or cannot be written.
pub fn keygen(settings: &Settings, args: &KeygenArgs) -> Result<()> {
    let path = match &args.output {
        Some(path) => path.clone(),
        None => crate::seal::default_identity()
            .ok_or_else(|| Error::Usage("no configuration folder is known; name the file with -o FILE".into()))?,
    };
    if crate::file::look(&path).is_ok() {
        return Err(Error::Usage(format!(
            "{} exists already; rungs never overwrites an identity (the records sealed to it would be lost)\n  \
             to make another, name a new file: rungs keygen -o FILE",
            path.display()
        )));
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    crate::file::create_private_dir(dir)?;
    let (text, public) = crate::seal::generate(&settings.today.to_string());
    let temp = crate::file::write_temp(dir, text.as_bytes())?;
    temp.persist_noclobber(&path).map_err(|e| Error::io("cannot write", &path, e.error))?;
    crate::file::sync_dir(dir)?;
    crate::output::emit(&format!("{public}\n"))?;
    say(&format!(
        "Wrote a new identity to {} (readable by you alone); keep it safe: whoever has it reads what is sealed to it.\n  \
         Its public key is above; put it in the roster: rungs roster set NAME --key {public}",
        path.display()
    ));
    Ok(())
}

/// Runs `rungs encrypt`: marks the store encrypted, then seals every
/// record (and draft) in it, one commit.
///
/// # Errors
/// The store cannot be read or written; a record whose readers have no key.
pub fn encrypt(settings: &Settings) -> Result<()> {
    let store = settings.store()?;
    if !store.root().is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a store; make one with rungs init --encrypt",
            store.root().display()
        )));
    }
    let own = own_keys()?;
    // Every record's readers must be known before anything is written.
    let plan = rekey::plan(&store, None, &own)?;
    refuse_problems(&plan)?;
    let marked = !store.is_sealed() || store.lost_marker();
    if marked {
        store.replace(&store.root().join(MARKER), MARKER_TEXT)?;
    }
    // The store as it is now, marked: what it said before the marker is not kept.
    let store = Store::new(store.root());
    let written = rekey::apply(&store, &plan)?;
    rekey::seal_drafts(&store)?;
    let mut committed: Vec<&Path> = written.iter().map(|p| p.strip_prefix(store.root()).unwrap_or(p)).collect();
    if marked {
        committed.push(Path::new(MARKER));
    }
    let message = format!("Encrypt {}", plural(plan.changes.len(), "record"));
    crate::output::commit_said(settings, &store, &committed, Author::User, &message);
    say(&format!(
        "Encrypted {} in {}: each is now readable only by the people it concerns",
        plural(plan.changes.len(), "record"),
        store.root().display()
    ));
    if crate::share::looks_shared(store.root()) && !plan.changes.is_empty() {
        crate::output::warn(
            settings,
            "the earlier commits of this repository still hold those records in plain text; whoever has \
             the history reads them. To leave them behind, start a new repository from this one's files \
             (see docs/security.md)",
        );
    }
    Ok(())
}

/// Runs `rungs rekey`: every record the user's key opens, sealed again to
/// its readers as the roster says today, one commit.
///
/// # Errors
/// The store cannot be read or written; a record whose readers have no key.
pub fn rekey(settings: &Settings, args: &RekeyArgs) -> Result<()> {
    let store = settings.store()?;
    if !store.is_sealed() {
        return Err(Error::Usage(format!(
            "{} is not encrypted; to encrypt it: rungs --dir {} encrypt",
            store.root().display(),
            shell_quote(&store.root().display().to_string())
        )));
    }
    if crate::store::people::load(&store)?.is_none() {
        return Err(Error::Usage(format!(
            "{} has no roster (people.toml): rekey seals each record to the readers the roster gives it; \
             if the roster was removed, restore it first (rungs git log -- people.toml)",
            store.root().display()
        )));
    }
    let person = args.person.as_deref().map(|p| crate::who::resolve_person(&store, p)).transpose()?;
    let own = own_keys()?;
    let plan = rekey::plan(&store, person.as_deref(), &own)?;
    // A record whose readers cannot be given is named, and left as it is.
    for problem in &plan.problems {
        crate::output::warn(settings, &format!("left as it is: {problem}"));
    }
    for change in &plan.changes {
        let relative = change.path.strip_prefix(store.root()).unwrap_or(&change.path);
        say(&format!("{}: {}", relative.display(), change.why));
    }
    if args.dry_run {
        say(&format!("{} would be sealed again (nothing written: --dry-run)", plural(plan.changes.len(), "record")));
        return Ok(());
    }
    let written = rekey::apply(&store, &plan)?;
    let committed: Vec<&Path> = written.iter().map(|p| p.strip_prefix(store.root()).unwrap_or(p)).collect();
    let message = format!("Rekey {}", plural(written.len(), "record"));
    crate::output::commit_said(settings, &store, &committed, Author::User, &message);
    say(&format!("Sealed {} again to the readers the roster gives today", plural(written.len(), "record")));
    match plan.problems.len() {
        0 => Ok(()),
        count => Err(Error::Skipped { count }),
    }
}

/// The user's public keys, for the records they write.
fn own_keys() -> Result<Vec<String>> {
    crate::seal::keyring().map(|k| k.public().to_vec()).map_err(|why| {
        Error::Usage(format!("rungs seals records so that you can read them back, and needs your identity: {why}"))
    })
}

/// Refuses to write anything while some record's readers cannot be given.
fn refuse_problems(plan: &rekey::Plan) -> Result<()> {
    if plan.problems.is_empty() {
        return Ok(());
    }
    for problem in &plan.problems {
        crate::output::line(&format!("error: {problem}"));
    }
    Err(Error::Usage(format!(
        "nothing was written: {} cannot be sealed (see above)",
        plural(plan.problems.len(), "record")
    )))
}
