//! Reading a spreadsheet: the header, then each row's values by column, into
//! a [`Sheet`] whose every value remembers its row and column.
//!
//! This and `rows` check what only the spreadsheet can say: the header, the
//! `kind` of each row, which columns a kind may fill, yes/no and number
//! values, and that every level has exactly one cell per competency. What
//! the ladder format itself checks (ids, step names) is left to the parser.

use super::layout::{At, Column};
use crate::ladder::parse::MAX_ID_CHARS;
use crate::text::near_matches;

/// A text value and where it came from.
#[derive(Debug, Clone)]
pub(super) struct Field {
    pub text: String,
    pub at: At,
}

/// A number or flag and where it came from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Value<T> {
    pub value: T,
    pub at: At,
}

/// The spreadsheet, in ladder order.
#[derive(Debug)]
pub(super) struct Sheet {
    pub ladder: LadderRow,
    pub groups: Vec<GroupRow>,
    pub competencies: Vec<CompetencyRow>,
    pub levels: Vec<LevelRow>,
    pub tracks: Vec<TrackRow>,
}

/// What a group is about.
#[derive(Debug)]
pub(super) struct GroupRow {
    pub name: Field,
    pub description: Field,
}

/// A track: its id, title and levels, one per line of the `level` cell.
#[derive(Debug)]
pub(super) struct TrackRow {
    pub id: Field,
    pub title: Field,
    pub levels: Vec<String>,
    pub levels_at: At,
}

#[derive(Debug)]
pub(super) struct LadderRow {
    pub id: Field,
    pub title: Field,
    pub summary: Field,
    pub version: Field,
}

#[derive(Debug)]
pub(super) struct CompetencyRow {
    pub id: Field,
    pub title: Field,
    pub description: Field,
    pub group: Option<Field>,
    pub steps: Vec<StepRow>,
}

#[derive(Debug)]
pub(super) struct StepRow {
    pub competency: Field,
    pub name: Field,
    pub description: Field,
    pub points: Option<Value<u32>>,
}

#[derive(Debug)]
pub(super) struct LevelRow {
    pub id: Field,
    pub title: Field,
    pub description: Field,
    pub senior: Value<bool>,
    pub min_points: Option<Value<u32>>,
    /// The promotion rule's required ids (one per line) and `at_least`, if given.
    pub required: Vec<String>,
    pub required_at: At,
    pub at_least: Option<Value<u32>>,
    /// One per competency, in competency order, once the sheet is complete.
    pub cells: Vec<CellRow>,
}

#[derive(Debug)]
pub(super) struct CellRow {
    pub level: Field,
    pub competency: Field,
    pub step: Option<Field>,
    pub expected: CellExpected,
}

/// The words of one cell.
#[derive(Debug)]
pub(super) enum CellExpected {
    Text(Field),
    Items(Vec<String>, At),
    Nothing(At),
    /// `inherit = yes`: the level below's expectation.
    Inherit(At),
}

impl Sheet {
    /// The ladder id the `ladder` column gives, if it is filled.
    pub fn id(&self) -> Option<&str> {
        Some(self.ladder.id.text.as_str()).filter(|id| !id.is_empty())
    }
}

/// A reader of a sheet's text as spreadsheets save it: a byte-order mark
/// dropped, rows of any length, the separator told by the header.
pub(super) fn reader(text: &str) -> ::csv::Reader<&[u8]> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes())
}

/// The separator the header uses: a comma, else a semicolon (as spreadsheets
/// save CSV where the comma is the decimal mark), else a tab. No column name
/// holds any of them, so the header alone tells.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    [b',', b';', b'\t'].into_iter().find(|&d| header.contains(char::from(d))).unwrap_or(b',')
}

/// The column each header names, in file order; `None` for a column with
/// no name, which spreadsheets write for an empty column and which must stay
/// empty.
pub(super) fn header_columns(header: &::csv::StringRecord) -> Result<Vec<Option<Column>>, Vec<String>> {
    let mut problems = Vec::new();
    let mut columns = Vec::new();
    for name in header {
        let wanted = name.trim().to_ascii_lowercase();
        match Column::ALL.into_iter().find(|c| c.name() == wanted) {
            _ if wanted.is_empty() => columns.push(None),
            Some(column) if columns.contains(&Some(column)) => {
                problems.push(format!("row 1, column \"{}\": the column appears twice", shown(name)));
            }
            Some(column) => columns.push(Some(column)),
            None => problems.push(format!(
                "row 1, column \"{}\": unknown column{}; the columns are: {}",
                shown(name),
                did_you_mean(&wanted, Column::ALL.iter().map(|c| c.name())),
                Column::ALL.map(Column::name).join(", ")
            )),
        }
    }
    for column in Column::ALL.into_iter().filter(|c| c.required() && !columns.contains(&Some(*c))) {
        problems.push(format!("row 1: no column \"{}\"; the header must name it", column.name()));
    }
    if !columns.contains(&Some(Column::Kind)) && header.len() > 1 {
        problems.insert(
            0,
            "row 1: no \"kind\" column, so this is not the rows layout `ladder export` writes; a sheet with levels as \
             columns and competencies as rows imports with --layout matrix"
                .into(),
        );
    }
    if problems.is_empty() { Ok(columns) } else { Err(problems) }
}

/// ` (did you mean "…"?)` with the nearest of `known`, if one is near;
/// names longer than any id are not compared, so the work stays small.
pub(super) fn did_you_mean<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let short = |s: &str| s.chars().count() <= MAX_ID_CHARS;
    if !short(name) {
        return String::new();
    }
    match near_matches(name, known.into_iter().filter(|k| short(k))).first() {
        Some(near) => format!(" (did you mean \"{near}\"?)"),
        None => String::new(),
    }
}

/// A value as a message quotes it: at most 40 characters.
pub(super) fn shown(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() > MAX {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    } else {
        text.to_owned()
    }
}

/// One data row, its values by column.
pub(super) struct Record<'a> {
    pub row: usize,
    values: [&'a str; Column::ALL.len()],
    /// The 1-based number of the first column with a value but no header name.
    pub extra: Option<usize>,
    /// Whether every value is empty or spaces.
    blank: bool,
}

impl<'a> Record<'a> {
    pub(super) fn new(row: usize, columns: &[Option<Column>], record: &'a ::csv::StringRecord) -> Self {
        let mut values = [""; Column::ALL.len()];
        let mut extra = None;
        let mut blank = true;
        for (n, value) in record.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            blank = blank && value.trim().is_empty();
            match columns.get(n).copied().flatten() {
                // The guard against formulas that export put in front of a cell.
                Some(column) => values[column.index()] = crate::spreadsheet::unguard(value),
                None if extra.is_none() && !value.trim().is_empty() => extra = Some(n + 1),
                None => {}
            }
        }
        Record { row, values, extra, blank }
    }

    pub fn at(&self, column: Column) -> At {
        At::named(self.row, column)
    }

    pub fn get(&self, column: Column) -> &'a str {
        self.values[column.index()]
    }

    pub fn field(&self, column: Column) -> Field {
        Field { text: self.get(column).to_owned(), at: self.at(column) }
    }

    /// An id: surrounding spaces, which no id may hold, are dropped.
    pub fn id(&self, column: Column) -> Field {
        Field { text: self.get(column).trim().to_owned(), at: self.at(column) }
    }

    pub fn is_blank(&self) -> bool {
        self.blank
    }
}
