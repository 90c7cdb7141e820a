//! `rungs init` and `rungs git`: a store made ready to share, and git run
//! inside it.

use std::path::Path;

use crate::cli::InitArgs;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::share;
use crate::store::Store;

/// What the store's README says.
const README: &str = "# A rungs store\n\n\
This folder holds career-ladder assessments, notes of evidence and goals,\n\
written by rungs: one folder per person, one JSON file per record. It is\n\
review data: keep it private to the people who share it.\n\n\
- `rungs list --dir .` lists the assessments; `rungs check --dir .` checks the folder.\n\
- Shared through git, every save is one commit; rungs never pushes. Share\n  \
with `rungs git pull --rebase` and `rungs git push`.\n\
- Unfinished interviews (`.draft-*`) and interrupted saves (`.tmp-*`) are\n  \
never committed (see `.gitignore`).\n";

/// Runs `rungs init`.
///
/// # Errors
/// When the folder cannot be written, or `--git` and git fails.
pub fn run(settings: &Settings, args: &InitArgs) -> Result<()> {
    let store = match &args.dir {
        Some(dir) => Store::new(dir),
        None => settings.store()?,
    };
    let root = store.root();
    let readme = root.join("README.md");
    let ignore = root.join(".gitignore");
    if !readme.exists() {
        store.replace(&readme, README)?;
    }
    write_ignore(&store, &ignore)?;
    if args.encrypt {
        encrypt(&store)?;
    }
    let mut said = format!("A rungs store is ready in {}", root.display());
    if args.encrypt {
        said.push_str(&encrypted_hint());
    }
    let dir = crate::text::shell_quote(&root.display().to_string());
    if args.git {
        let mut files = vec![Path::new("README.md"), Path::new(".gitignore")];
        if args.encrypt {
            files.push(Path::new(crate::store::readers::MARKER));
        }
        said.push_str(&match share::init(&store, &files, args.branch.as_deref())? {
            share::Init::Made { branch } => format!(
                "\n  it is a git repository on branch {branch}: every save is one commit; share with rungs --dir {dir} git pull --rebase, then git push"
            ),
            share::Init::Existing => "\n  it is the top of an existing git repository: every save is one commit there".to_owned(),
            share::Init::Inside { top } => format!(
                "\n  it sits in the git work tree {}, which now holds its README, ignore rules and {}: every save is one commit there",
                top.display(),
                share::MARKER
            ),
        });
    }
    crate::output::say(&said);
    Ok(())
}

/// Marks a new store encrypted; one that holds plain records already is
/// turned with `rungs encrypt`, which seals them.
fn encrypt(store: &Store) -> Result<()> {
    let marker = store.root().join(crate::store::readers::MARKER);
    if store.is_sealed() {
        return Ok(());
    }
    let records = store
        .person_dirs()?
        .iter()
        .map(|d| crate::store::rekey::records(d))
        .try_fold(0, |n, found| found.map(|f| n + f.len()))?;
    if records > 0 {
        let dir = crate::text::shell_quote(&store.root().display().to_string());
        return Err(Error::Usage(format!(
            "{} holds {} in plain text already; to seal them all: rungs --dir {dir} encrypt",
            store.root().display(),
            crate::text::plural(records, "record")
        )));
    }
    store.replace(&marker, crate::store::readers::MARKER_TEXT)
}

/// What to do next in a new encrypted store: an identity, and its key in the roster.
fn encrypted_hint() -> String {
    match crate::seal::keyring() {
        Ok(keyring) => format!(
            "\n  it is encrypted: each record is readable only by the people it concerns (docs/security.md)\n  \
             your identity is {} (public key {}); list it in the roster: rungs roster add NAME --key {}",
            keyring.path().display(),
            keyring.public().join(", "),
            keyring.public().first().map_or("KEY", String::as_str)
        ),
        Err(why) => format!(
            "\n  it is encrypted: each record is readable only by the people it concerns (docs/security.md)\n  \
             you have no identity yet ({why})"
        ),
    }
}

/// Adds the ignore rules to `.gitignore`, keeping whatever it says already.
fn write_ignore(store: &Store, path: &Path) -> Result<()> {
    let current = match crate::store::read_text(path) {
        Ok(text) => text,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    if current.lines().any(|l| l.trim() == ".draft-*") {
        return Ok(());
    }
    let separator = if current.is_empty() || current.ends_with('\n') { "" } else { "\n" };
    store.replace(path, &format!("{current}{separator}{}", share::IGNORE))
}

/// Runs `rungs git ARGS…` inside the store.
///
/// # Errors
/// When git cannot be run, or exits with an error (its code is rungs').
pub fn git(settings: &Settings, args: &[std::ffi::OsString]) -> Result<()> {
    let store = settings.store()?;
    if !store.root().is_dir() {
        return Err(Error::Usage(format!(
            "there is no store at {}; create one with: rungs init {} --git",
            store.root().display(),
            crate::text::shell_quote(&store.root().display().to_string())
        )));
    }
    match share::passthrough(store.root(), args)? {
        0 => Ok(()),
        code => Err(Error::Child { program: "git", code }),
    }
}
