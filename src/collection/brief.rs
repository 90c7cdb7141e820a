//! A person's folder in brief, for what is due: the date, view and assessor
//! of each assessment, their goals, and their unfinished drafts. Read the
//! way every file of a store is read (bounded, never through a link); a
//! file that cannot be read is a problem, never a stop.

use chrono::NaiveDate;

use super::Folder;
use crate::assessment::Relationship;
use crate::error::{Error, Result};
use crate::journal::Goal;
use crate::store::{self, Kind, Store};

/// One assessment, in brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    /// Whose view.
    pub relationship: Relationship,
    /// Who gave it.
    pub assessor: String,
    /// Its day.
    pub date: NaiveDate,
}

/// An unfinished interview's draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Its view, from its file name: `LADDER-RELATIONSHIP[-ASSESSOR]`.
    pub view: String,
    /// The day it was last written (local time).
    pub touched: NaiveDate,
}

/// A person's folder in brief.
#[derive(Debug, Clone, Default)]
pub struct Brief {
    /// The person's name as their assessments give it, if any do.
    pub name: Option<String>,
    /// Their assessments.
    pub assessments: Vec<Dated>,
    /// Their goals.
    pub goals: Vec<Goal>,
    /// Their drafts.
    pub drafts: Vec<Draft>,
}

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
            Err(e) => problems.push(e),
        }
    }
    let dir = folder.dir.clone();
    if dir.join(Kind::Goal.folder().unwrap_or("goals")).exists() {
        let (goals, unread) = super::goals_of(store, person)?;
        brief.goals = goals.into_iter().map(|(_, g)| g).collect();
        problems.extend(unread);
    }
    for path in store::read_dir(&dir)? {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        let Some(view) = name.strip_prefix(".draft-").and_then(|n| n.strip_suffix(".json")) else { continue };
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        let Ok(modified) = meta.modified() else { continue };
        let touched = chrono::DateTime::<chrono::Local>::from(modified).date_naive();
        brief.drafts.push(Draft { view: view.to_owned(), touched });
    }
    brief.drafts.sort_by(|a, b| a.view.cmp(&b.view));
    Ok((brief, problems))
}
