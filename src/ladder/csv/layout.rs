//! The spreadsheet's layout: its columns, the kinds of row, and a place in it.
//!
//! Both directions share these, so the columns [`super::write()`] puts out are
//! the ones the reader looks for.

use std::fmt;

/// One column of the spreadsheet, in the order the export puts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Column {
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
    Inherit,
    Required,
    AtLeast,
    Track,
}

impl Column {
    pub const ALL: [Column; 19] = [
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
        Column::Inherit,
        Column::Required,
        Column::AtLeast,
        Column::Track,
    ];

    /// The header name.
    pub fn name(self) -> &'static str {
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
            Column::Inherit => "inherit",
            Column::Required => "required",
            Column::AtLeast => "at_least",
            Column::Track => "track",
        }
    }

    /// Whether a spreadsheet must have the column; the others may be left out
    /// when no row uses them.
    pub fn required(self) -> bool {
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

    pub fn index(self) -> usize {
        self as usize
    }
}

/// What a row describes: the value of its `kind` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Ladder,
    Competency,
    Step,
    Level,
    Cell,
    Group,
    Track,
}

impl Kind {
    pub const ALL: [Kind; 7] =
        [Kind::Ladder, Kind::Competency, Kind::Step, Kind::Level, Kind::Cell, Kind::Group, Kind::Track];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Ladder => "ladder",
            Kind::Competency => "competency",
            Kind::Step => "step",
            Kind::Level => "level",
            Kind::Cell => "cell",
            Kind::Group => "group",
            Kind::Track => "track",
        }
    }

    /// The columns a row of this kind may fill, besides `kind`.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Kind::Ladder => &[Column::Ladder, Column::Title, Column::Description, Column::Version],
            Kind::Competency => &[Column::Competency, Column::Title, Column::Description, Column::Group],
            Kind::Step => &[Column::Competency, Column::Step, Column::Description, Column::Points],
            Kind::Level => &[
                Column::Level,
                Column::Title,
                Column::Description,
                Column::Senior,
                Column::MinPoints,
                Column::Required,
                Column::AtLeast,
            ],
            Kind::Cell => &[
                Column::Level,
                Column::Competency,
                Column::Step,
                Column::Text,
                Column::Items,
                Column::None,
                Column::Inherit,
            ],
            Kind::Group => &[Column::Group, Column::Description],
            Kind::Track => &[Column::Track, Column::Title, Column::Level],
        }
    }
}

/// A place in the spreadsheet: a row as a spreadsheet numbers it (the header
/// is row 1) and a column: named by its header in the rows layout, or by
/// its letter (`C`, `AB`) in a matrix, whose headers are levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct At {
    pub row: usize,
    pub column: Column,
    /// The 1-based column number, where the column has no name of the layout's.
    pub number: Option<usize>,
}

impl At {
    /// A place in the rows layout.
    pub fn named(row: usize, column: Column) -> At {
        At { row, column, number: None }
    }
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.number {
            Some(number) => write!(f, "row {}, column {}", self.row, letters(number)),
            None => write!(f, "row {}, column \"{}\"", self.row, self.column.name()),
        }
    }
}

/// A column's letters as spreadsheets show them: 1 is `A`, 27 is `AA`.
pub(super) fn letters(mut number: usize) -> String {
    let mut out = Vec::new();
    while number > 0 {
        let digit = (number - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(digit).unwrap_or(0)));
        number = (number - 1) / 26;
    }
    out.iter().rev().collect()
}
