//! `rungs ladder check FILE…`: every problem of every file in one run.
//!
//! Problems go to stderr as `FILE:LINE:COL: message`, and one `FILE: ok`
//! line per valid file to stdout. With `--format json` stdout is one flat
//! array with an entry per problem across all files (empty when all are
//! fine); see `docs/ladder-format.md`. The checks themselves live in
//! [`crate::ladder::parse`].

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::CheckArgs;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::ladder::catalog;
use crate::output::show as print;
use crate::render::{Cell, Document, Format, Tone, View};

/// One problem, as `--format json` gives it.
#[derive(Debug, Serialize)]
struct Problem {
    /// The file, as named on the command line.
    file: String,
    /// 1-based line; 0 when the problem is with the file as a whole (it
    /// cannot be read).
    line: usize,
    /// 1-based column in characters; 0 with line 0.
    column: usize,
    /// What is wrong.
    message: String,
}

impl Problem {
    /// `FILE:LINE:COL: message`, or the message alone for a file that
    /// could not be read (it names the file already).
    fn line(&self) -> String {
        if self.line == 0 {
            self.message.clone()
        } else {
            format!("{}:{}:{}: {}", self.file, self.line, self.column, self.message)
        }
    }
}

/// The outcome for one file.
struct Checked {
    path: PathBuf,
    /// The ladder's id, when the file is valid.
    id: Option<String>,
    problems: Vec<Problem>,
}

/// Every file's outcome: a flat problem list in JSON, the valid files otherwise.
struct CheckReport(Vec<Checked>);

impl Serialize for CheckReport {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().flat_map(|c| &c.problems))
    }
}

impl View for CheckReport {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        let lines = self.0.iter().filter_map(|c| {
            let id = c.id.as_deref()?;
            Some(Cell::new(format!("{}: ok (ladder `{id}`)", c.path.display()), Tone::Good))
        });
        doc.list(lines);
        doc
    }
}

/// `rungs ladder check`.
///
/// # Errors
/// When any file has a problem.
pub fn run(settings: &Settings, args: &CheckArgs) -> Result<()> {
    let report = CheckReport(args.files.iter().map(|path| check_one(path)).collect());
    let failed = report.0.iter().filter(|c| !c.problems.is_empty()).count();
    if args.output.format != Format::Json {
        for problem in report.0.iter().flat_map(|c| &c.problems) {
            crate::output::line(&problem.line());
        }
    }
    print(&report, args.output.format, settings)?;
    match failed {
        0 => Ok(()),
        1 => Err(Error::Other(format!("1 of {} has problems", crate::text::plural(args.files.len(), "ladder file")))),
        n => {
            Err(Error::Other(format!("{n} of {} have problems", crate::text::plural(args.files.len(), "ladder file"))))
        }
    }
}

fn check_one(path: &Path) -> Checked {
    let file = path.display().to_string();
    let (id, problems) = match catalog::read_file(path) {
        Ok(ladder) => (Some(ladder.id), Vec::new()),
        Err(Error::InvalidLadder { diagnostics }) => (
            None,
            diagnostics
                .into_iter()
                .map(|d| Problem { file: file.clone(), line: d.line, column: d.column, message: d.message })
                .collect(),
        ),
        Err(other) => (None, vec![Problem { file, line: 0, column: 0, message: other.to_string() }]),
    };
    Checked { path: path.to_owned(), id, problems }
}
