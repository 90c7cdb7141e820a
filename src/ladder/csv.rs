//! A ladder as a spreadsheet (CSV), and a spreadsheet back as a ladder file.
//!
//! Every fact has exactly one row, so an edit in a spreadsheet can never
//! disagree with itself: a `ladder` row, a `competency` row for each
//! competency followed by a `step` row for each of its steps, then for each
//! level a `level` row followed by one `cell` row per competency. The `kind`
//! column says which a row is; columns are found by their header name, so a
//! spreadsheet may reorder them. The layout is documented in
//! `docs/ladder-format.md` ("Spreadsheets (CSV)").
//!
//! [`write()`] makes the CSV. [`import`] reads one (`sheet`), writes the
//! ladder file's TOML (`emit`) and checks it with [`super::parse::parse`],
//! naming every problem by its spreadsheet row and column. Nothing here
//! touches files: the command reads and writes them.

mod emit;
mod sheet;

use std::fmt;
use std::path::Path;

use super::parse::{MAX_COMPETENCIES, MAX_ID_CHARS, MAX_LEVELS, MAX_STEPS};
use super::{Expected, Ladder, Source};
use crate::error::{Error, Result};

/// The most items one cell may list.
pub const MAX_ITEMS: usize = 32;
/// The most rows (header aside) a spreadsheet may have: a ladder row, every
/// competency with all its steps, every level with all its cells.
pub const MAX_ROWS: usize = 1 + MAX_COMPETENCIES * (1 + MAX_STEPS) + MAX_LEVELS * (1 + MAX_COMPETENCIES);
/// The most problems listed before the rest are counted.
const MAX_PROBLEMS: usize = 40;

/// One column of the spreadsheet, in the order [`write`] puts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Kind,
    Level,
    Competency,
    Step,
    Title,
    Description,
    Text,
    Items,
    None,
    Senior,
    MinPoints,
    Points,
    Group,
    Ladder,
    Version,
}

impl Column {
    const ALL: [Column; 15] = [
        Column::Kind,
        Column::Level,
        Column::Competency,
        Column::Step,
        Column::Title,
        Column::Description,
        Column::Text,
        Column::Items,
        Column::None,
        Column::Senior,
        Column::MinPoints,
        Column::Points,
        Column::Group,
        Column::Ladder,
        Column::Version,
    ];

    /// The header name.
    fn name(self) -> &'static str {
        match self {
            Column::Kind => "kind",
            Column::Level => "level",
            Column::Competency => "competency",
            Column::Step => "step",
            Column::Title => "title",
            Column::Description => "description",
            Column::Text => "text",
            Column::Items => "items",
            Column::None => "none",
            Column::Senior => "senior",
            Column::MinPoints => "min_points",
            Column::Points => "points",
            Column::Group => "group",
            Column::Ladder => "ladder",
            Column::Version => "version",
        }
    }

    /// Whether a spreadsheet must have the column; the others may be left out
    /// when no row uses them.
    fn required(self) -> bool {
        matches!(
            self,
            Column::Kind
                | Column::Level
                | Column::Competency
                | Column::Step
                | Column::Title
                | Column::Text
                | Column::Version
        )
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// What a row describes: the value of its `kind` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Ladder,
    Competency,
    Step,
    Level,
    Cell,
}

impl Kind {
    const ALL: [Kind; 5] = [Kind::Ladder, Kind::Competency, Kind::Step, Kind::Level, Kind::Cell];

    fn name(self) -> &'static str {
        match self {
            Kind::Ladder => "ladder",
            Kind::Competency => "competency",
            Kind::Step => "step",
            Kind::Level => "level",
            Kind::Cell => "cell",
        }
    }

    /// The columns a row of this kind may fill, besides `kind`.
    fn columns(self) -> &'static [Column] {
        match self {
            Kind::Ladder => &[Column::Ladder, Column::Title, Column::Description, Column::Version],
            Kind::Competency => &[Column::Competency, Column::Title, Column::Description, Column::Group],
            Kind::Step => &[Column::Competency, Column::Step, Column::Description, Column::Points],
            Kind::Level => &[Column::Level, Column::Title, Column::Senior, Column::MinPoints],
            Kind::Cell => &[Column::Level, Column::Competency, Column::Step, Column::Text, Column::Items, Column::None],
        }
    }
}

/// A place in the spreadsheet: a row as a spreadsheet numbers it (the header
/// is row 1) and a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct At {
    row: usize,
    column: Column,
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}, column \"{}\"", self.row, self.column.name())
    }
}

/// The ladder as CSV: a header, then one row per fact (see the module docs).
///
/// # Errors
/// A cell whose items a spreadsheet cell cannot hold one per line: an empty
/// list, a blank item, or an item with a line break.
pub fn write(ladder: &Ladder) -> Result<String> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let failed = |e: ::csv::Error| Error::Other(format!("cannot write `{}` as CSV: {e}", ladder.id));
    out.write_record(Column::ALL.map(Column::name)).map_err(failed)?;
    for row in rows(ladder)? {
        out.write_record(&row).map_err(failed)?;
    }
    let bytes = out.into_inner().map_err(|e| Error::Other(format!("cannot write `{}` as CSV: {e}", ladder.id)))?;
    String::from_utf8(bytes).map_err(|e| Error::Other(format!("cannot write `{}` as CSV: {e}", ladder.id)))
}

type Row = [String; Column::ALL.len()];

fn row(kind: Kind, values: &[(Column, &str)]) -> Row {
    let mut row = Row::default();
    row[Column::Kind.index()] = kind.name().to_owned();
    for &(column, value) in values {
        row[column.index()] = value.to_owned();
    }
    row
}

fn rows(ladder: &Ladder) -> Result<Vec<Row>> {
    let mut rows = vec![row(
        Kind::Ladder,
        &[
            (Column::Ladder, &ladder.id),
            (Column::Title, &ladder.title),
            (Column::Description, &ladder.summary),
            (Column::Version, &ladder.version),
        ],
    )];
    for competency in &ladder.competencies {
        rows.push(row(
            Kind::Competency,
            &[
                (Column::Competency, &competency.id),
                (Column::Title, &competency.title),
                (Column::Description, &competency.description),
                (Column::Group, competency.group.as_deref().unwrap_or_default()),
            ],
        ));
        for step in &competency.steps {
            let points = step.points.map(|p| p.to_string()).unwrap_or_default();
            rows.push(row(
                Kind::Step,
                &[
                    (Column::Competency, &competency.id),
                    (Column::Step, &step.name),
                    (Column::Description, &step.description),
                    (Column::Points, &points),
                ],
            ));
        }
    }
    for level in &ladder.levels {
        let min_points = level.min_points.map(|p| p.to_string()).unwrap_or_default();
        rows.push(row(
            Kind::Level,
            &[
                (Column::Level, &level.id),
                (Column::Title, &level.title),
                (Column::Senior, if level.senior { "yes" } else { "no" }),
                (Column::MinPoints, &min_points),
            ],
        ));
        for (competency, expectation) in ladder.competencies.iter().zip(&level.expectations) {
            let step = competency.step_name(expectation.step).unwrap_or_default();
            let mut values =
                vec![(Column::Level, level.id.as_str()), (Column::Competency, &competency.id), (Column::Step, step)];
            let items;
            match &expectation.expected {
                Expected::Text(text) => values.push((Column::Text, text)),
                Expected::Items(list) => {
                    items = items_cell(&level.id, &competency.id, list)?;
                    values.push((Column::Items, &items));
                }
                Expected::Nothing => values.push((Column::None, "yes")),
            }
            rows.push(row(Kind::Cell, &values));
        }
    }
    Ok(rows)
}

/// A cell's items, one per line.
fn items_cell(level: &str, competency: &str, items: &[String]) -> Result<String> {
    let unfit = if items.is_empty() {
        Some("it lists no items".to_owned())
    } else {
        items
            .iter()
            .position(|i| i.trim().is_empty() || i.contains(['\n', '\r']))
            .map(|n| format!("item {} is blank or holds a line break", n + 1))
    };
    match unfit {
        Some(why) => Err(Error::Other(format!(
            "level `{level}`, competency `{competency}`: {why}, so it cannot be written as a spreadsheet cell of items, one per line"
        ))),
        None => Ok(items.join("\n")),
    }
}

/// A ladder file (TOML) from CSV text in the layout [`write()`] makes.
///
/// `path` names the spreadsheet in messages and gives the ladder its id
/// when neither `id` nor the `ladder` column does.
///
/// # Errors
/// A usage error (exit 2) listing every problem found, each as
/// `FILE: row N, column "NAME": message`.
pub fn import(text: &str, path: &Path, id: Option<&str>) -> Result<String> {
    let name = path.display().to_string();
    if u64::try_from(text.len()).unwrap_or(u64::MAX) > crate::store::MAX_FILE_BYTES {
        return Err(Error::Usage(format!(
            "{name}: {} bytes, over the limit of {} bytes (16 MiB); rungs does not read it",
            text.len(),
            crate::store::MAX_FILE_BYTES
        )));
    }
    let sheet = sheet::read(text).map_err(|problems| refuse(&name, &problems))?;
    let Some(id) = id.map(str::to_owned).or_else(|| sheet.id().map(str::to_owned)).or_else(|| id_from(path)) else {
        let problem = "no ladder id: fill the \"ladder\" column of the ladder row, or pass --id";
        return Err(refuse(&name, &[problem.to_owned()]));
    };
    let toml = emit::toml(&sheet, &id);
    match super::parse::parse(&toml.text, &name, Source::File(path.to_owned())) {
        Ok(_) => Ok(toml.text),
        Err(found) => Err(refuse(&name, &found.iter().map(|d| toml.problem(d)).collect::<Vec<_>>())),
    }
}

/// An id made from the file's name: `Our Ladder.csv` gives `our-ladder`.
fn id_from(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id: String = id.trim_end_matches('-').chars().take(MAX_ID_CHARS).collect();
    let id = id.trim_end_matches('-');
    (!id.is_empty()).then(|| id.to_owned())
}

/// The usage error listing `problems`, each prefixed with the file's name.
fn refuse(name: &str, problems: &[String]) -> Error {
    let mut lines: Vec<String> = problems.iter().take(MAX_PROBLEMS).map(|p| format!("{name}: {p}")).collect();
    if problems.len() > MAX_PROBLEMS {
        lines.push(format!("{name}: and {} more problems", problems.len() - MAX_PROBLEMS));
    }
    Error::Usage(lines.join("\n"))
}

#[cfg(test)]
mod tests;
