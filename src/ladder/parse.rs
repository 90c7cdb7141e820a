//! Reading a ladder from TOML and checking it, with every problem reported as
//! `FILE:LINE:COL: message`, all of them in one pass and in file order.
//!
//! The file is read with toml's span-keeping document tree rather than
//! serde, because serde stops at the first unknown key or wrong type. The
//! tree is walked by hand: `syntax` turns TOML syntax errors into
//! diagnostics, `fields` reads typed values out of one table and reports
//! unknown keys and wrong types, `competencies` and `levels` check the
//! two halves of the matrix, and `points` the rules between steps' points
//! and levels' minimums. [`parse`] does no I/O itself.
//!
//! Follow-on errors are avoided on purpose: a competency that is a duplicate
//! or that has no readable id is left out of the levels' checks, and a
//! competency whose steps cannot be read is not checked against the levels'
//! `step` names, so one mistake is reported once.

mod competencies;
mod fields;
mod levels;
mod limits;
mod points;
mod shape;
mod syntax;
#[cfg(test)]
mod tests;

use fields::{Checker, Table};
use toml::Spanned;
use toml::de::DeTable;

use super::{Ladder, Source};
use crate::error::Diagnostic;
pub use fields::line_column;
pub use limits::{
    MAX_COMPETENCIES, MAX_ID_CHARS, MAX_ITEMS, MAX_LEVELS, MAX_NAME_CHARS, MAX_POINTS, MAX_STEPS, MIN_COMPETENCIES,
};
use syntax::Readable;

/// Parses and validates a ladder file's text.
///
/// `path` is only used in diagnostics; `source` is recorded in the ladder.
/// Names (level ids, step names, groups) are stored in Unicode NFC.
///
/// # Errors
/// Every problem found, in file order, each with line and column.
pub fn parse(text: &str, path: &str, source: Source) -> Result<Ladder, Vec<Diagnostic>> {
    let mut checker = Checker::new(text, path);
    // A valid file is parsed once. A broken one is parsed again collecting
    // every error, which garbage makes costly: past a size only the first
    // error found is reported.
    let (document, errors, whole) = match DeTable::parse(text) {
        Ok(document) => (document, Vec::new(), true),
        Err(first) if text.len() > syntax::MAX_RECOVER_BYTES => {
            (Spanned::new(0..0, DeTable::new()), vec![first], false)
        }
        Err(_) => {
            let (document, errors) = DeTable::parse_recoverable(text);
            (document, errors, true)
        }
    };
    let readable = if whole { syntax::report(&mut checker, &errors) } else { Readable::Unreadable };
    let ladder = match readable {
        Readable::Whole => {
            let root = Table { table: document.get_ref(), span: 0..0, name: "the ladder".into() };
            Some(checker.ladder(&root, source))
        }
        // What the broken sections leave is checked too, for its own
        // mistakes; the ladder itself is refused all the same.
        Readable::Blanked(rest, lost) => {
            if let Ok(document) = DeTable::parse(&rest) {
                checker.lost = lost;
                let root = Table { table: document.get_ref(), span: 0..0, name: "the ladder".into() };
                checker.ladder(&root, source);
            }
            None
        }
        Readable::Unreadable => None,
    };
    let found = checker.finish();
    match ladder {
        Some(ladder) if found.is_empty() => Ok(ladder),
        _ => Err(found),
    }
}

impl Checker<'_> {
    fn ladder(&mut self, root: &Table, source: Source) -> Ladder {
        self.keys(root, &["id", "title", "summary", "version", "steps", "competencies", "groups", "levels", "tracks"]);
        let id = self.required_string(root, "id");
        if let Some(id) = &id {
            self.check_id(id, "ladder id");
        }
        let title = self.required_string(root, "title");
        let summary = self.string(root, "summary");
        let version = self.required_string(root, "version");
        if let Some(version) = &version {
            self.check_len(version, "version", MAX_ID_CHARS);
        }
        let shared = self.shared_steps(root);
        let competencies = self.competencies(root, shared.as_ref());
        let mut levels = self.levels(root, &competencies);
        self.points(shared.iter().chain(&competencies), &levels);
        let group_descriptions = self.group_descriptions(root, &competencies);
        let tracks = self.tracks(root, &levels);
        self.inherit(&mut levels, &tracks);
        let text = |s: Option<Spanned<String>>| s.map(Spanned::into_inner).unwrap_or_default();
        Ladder {
            id: text(id),
            title: text(title),
            summary: text(summary),
            version: text(version),
            competencies: competencies.into_iter().map(|c| c.competency).collect(),
            levels: levels.into_iter().map(|l| l.level).collect(),
            tracks,
            group_descriptions,
            source,
        }
    }
}
