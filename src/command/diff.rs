//! `rungs diff OLD NEW`: what moved between two assessments of one person,
//! over time or between two assessors.

use std::path::Path;

use crate::analysis::calibrate::calibrate;
use crate::analysis::diff::diff;
use crate::cli::DiffArgs;
use crate::collection::{resolve, split_back};
use crate::config::Settings;
use crate::documents::diff::{DiffView, Side, Sides};
use crate::error::{Error, Result};
use crate::ladder::catalog::Titles;
use crate::output::{show, skipped};
use crate::view::{beside, on_ladder_of, same_name};

/// Runs `rungs diff`.
///
/// # Errors
/// Unknown assessments, assessments of two different people, or of two
/// ladders with no competency in common (exit 2).
pub fn run(settings: &Settings, args: &DiffArgs) -> Result<()> {
    let store = settings.store()?;
    let catalog = settings.catalog()?;
    let filter = args.view.filter();
    let (old_name, new_name) = sides(&args.old, args.new.as_deref())?;
    let old = resolve(&store, Some(&old_name), &filter)?;
    let new_name = beside(&new_name, &old.assessment.person);
    let new = resolve(&store, Some(&new_name), &on_ladder_of(&filter, &old.assessment))?;
    let (old_path, old, mut problems) = (old.path, old.assessment, old.problems);
    problems.extend(new.problems);
    let (new_path, new) = (new.path, new.assessment);
    if new_path == old_path {
        return Err(Error::Usage(format!(
            "both sides are the same assessment, {}\n  name two views, e.g. NAME@self NAME@manager, or NAME alone for what moved since the one before",
            old_path.display()
        )));
    }
    if !same_name(&old.person, &new.person) {
        return Err(Error::Incompatible {
            from: old_path.display().to_string(),
            to: new_path.display().to_string(),
            reason: format!("they assess different people (`{}` and `{}`)", old.person, new.person),
        });
    }
    let diff = diff(&old, &new);
    if diff.total.to == 0 {
        return Err(Error::Usage(format!(
            "{} ({}) and {} ({}) share no competency, so there is nothing to compare\n  compare assessments on one ladder, or on ladders with competencies in common",
            old_path.display(),
            old.ladder.id,
            new_path.display(),
            new.ladder.id
        )));
    }
    let titles = Titles::of(&catalog, &new.ladder.id);
    let (calibration, agenda) = if same_name(&old.assessor, &new.assessor) && old.relationship == new.relationship {
        (None, None)
    } else {
        let calibration = calibrate(&old, &new);
        let agenda = crate::documents::agenda::agenda(&old, &new, &calibration, &titles);
        (Some(calibration), Some(agenda))
    };
    let view = DiffView {
        person: new.person.clone(),
        diff,
        calibration,
        agenda,
        titles,
        sides: Sides { old: Side::new(old_path.clone(), &old), new: Side::new(new_path.clone(), &new) },
        old: old_path,
        new: new_path,
    };
    show(&view, args.output.format, settings)?;
    problems.dedup_by(|a, b| a.to_string() == b.to_string());
    skipped(settings, &problems)
}

/// The two names to compare: `diff NAME` alone means `NAME~1` against `NAME`.
fn sides(old: &str, new: Option<&str>) -> Result<(String, String)> {
    if let Some(new) = new {
        return Ok((old.to_owned(), new.to_owned()));
    }
    if Path::new(old).is_file() {
        return Err(Error::Usage(format!("`{old}` is a file: name the second assessment to compare it with")));
    }
    let (person, back) = split_back(old)?;
    Ok((format!("{person}~{}", back + 1), format!("{person}~{back}")))
}
