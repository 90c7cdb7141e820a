//! A person's folder in brief, for what is due: the date, view and assessor
//! of each assessment, their goals, and their unfinished drafts. Read the
//! way every file of a store is read (bounded, never through a link); a
//! file that cannot be read is a problem, never a stop.

use super::Folder;
use crate::analysis::due::{Brief, Dated, Draft};
use crate::error::{Error, Result};
use crate::store::{Kind, Store};

/// Reads the folder of `person` in brief, walked with the summary cache
/// ([`super::walk`]): the assessments' summaries from the cache where it
/// holds them, the goals and drafts from their files. Files that cannot be
/// read come back as problems.
///
/// # Errors
/// A goals folder that exists but cannot be read.
pub fn brief_of(
    store: &Store,
    folder: &mut Folder<'_>,
    person: &str,
    buffer: &mut String,
) -> Result<(Brief, Vec<Error>)> {
    let mut brief = Brief::default();
    let mut problems = Vec::new();
    for known in &mut folder.files {
        match known.summary(buffer) {
            Ok((_, s)) => {
                brief.name.get_or_insert_with(|| s.person.clone());
                brief.assessments.push(Dated {
                    relationship: s.relationship,
                    assessor: s.assessor.clone(),
                    date: s.date,
                });
            }
            // Sealed to others: its name still says its day and view, as
            // it says to anyone who lists the folder.
            Err(e) if e.is_not_for_you() => brief.assessments.extend(named(&known.path)),
            Err(e) => problems.push(e),
        }
    }
    // One listing of the folder finds both the goals folder and the drafts.
    let mut goals = false;
    let entries = match std::fs::read_dir(&folder.dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((brief, problems)),
        Err(e) => return Err(Error::io("cannot read folder", &folder.dir, e)),
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name == Kind::Goal.folder().unwrap_or("goals") {
            goals = true;
            continue;
        }
        let Some(view) = crate::store::draft_view(name) else { continue };
        // The entry's own time, never through a link.
        let Ok(modified) = std::fs::symlink_metadata(entry.path()).and_then(|m| m.modified()) else { continue };
        let touched = chrono::DateTime::<chrono::Local>::from(modified).date_naive();
        brief.drafts.push(Draft { view: view.to_owned(), touched });
    }
    if goals {
        let (found, unread) = super::goals_of(store, person)?;
        brief.goals = found.into_iter().map(|(_, g)| g).collect();
        problems.extend(unread);
    }
    brief.drafts.sort_by(|a, b| a.view.cmp(&b.view));
    Ok((brief, problems))
}

/// The day and view a record's file name gives (`DATE-LADDER-VIEW[-N].json`);
/// the assessor, which it does not give, stands as the file's own name.
fn named(path: &std::path::Path) -> Option<Dated> {
    use crate::assessment::Relationship;
    let stem = path.file_stem()?.to_str()?;
    let date = stem.get(..10)?.parse().ok()?;
    let words: Vec<&str> = stem.rsplit('-').take(2).collect();
    let relationship = words.iter().find_map(|w| match *w {
        "self" => Some(Relationship::Myself),
        "manager" => Some(Relationship::Manager),
        "peer" => Some(Relationship::Peer),
        _ => None,
    })?;
    Some(Dated { relationship, assessor: stem.to_owned(), date })
}
