//! The rows of a spreadsheet gathered into a ladder's shape: steps under
//! their competencies, cells under their levels, every problem kept.

use std::collections::HashMap;

use super::layout::{Column, Kind};
use super::limits::{MAX_ITEMS, MAX_ROWS};
use super::sheet::{
    CellExpected, CellRow, CompetencyRow, Field, GroupRow, LadderRow, LevelRow, Record, Sheet, StepRow, TrackRow,
    Value, did_you_mean, header_columns, reader, shown,
};
use crate::ladder::parse::{MAX_COMPETENCIES, MAX_LEVELS, MAX_STEPS};

/// The rows read so far, and the problems found in them.
#[derive(Default)]
pub(super) struct Rows {
    ladder: Option<LadderRow>,
    competencies: Vec<CompetencyRow>,
    /// Competency id → index in `competencies`.
    competency_index: HashMap<String, usize>,
    /// Level id, lowercased → index in `levels`.
    level_index: HashMap<String, usize>,
    steps: Vec<StepRow>,
    levels: Vec<LevelRow>,
    cells: Vec<CellRow>,
    groups: Vec<GroupRow>,
    tracks: Vec<TrackRow>,
    /// Every problem found, each naming its row and column.
    pub problems: Vec<String>,
}

impl Rows {
    /// Takes one data row that is not blank.
    pub fn add(&mut self, record: &Record<'_>) {
        if let Some(column) = record.extra {
            self.problems.push(format!(
                "row {}, column {column} (no header): a value in a column with no name; name the column or empty it",
                record.row
            ));
        }
        let Some(kind) = self.kind(record) else { return };
        for &column in Column::ALL.iter().skip(1).filter(|c| !kind.columns().contains(c)) {
            if !record.get(column).trim().is_empty() {
                let uses = kind.columns().iter().map(|c| c.name()).collect::<Vec<_>>().join(", ");
                self.problems.push(format!(
                    "{}: a {} row does not use this column (it uses: {uses}); empty it",
                    record.at(column),
                    kind.name()
                ));
            }
        }
        match kind {
            Kind::Ladder => self.add_ladder(record),
            Kind::Competency => self.add_competency(record),
            Kind::Step => self.add_step(record),
            Kind::Level => self.add_level(record),
            Kind::Cell => self.add_cell(record),
            Kind::Group => {
                let name = record.field(Column::Group);
                if name.text.is_empty() {
                    self.problems.push(format!("{}: a group row needs the group's name", name.at));
                }
                self.groups.push(GroupRow { name, description: record.field(Column::Description) });
            }
            Kind::Track => {
                let id = self.required_id(record, Column::Track);
                let levels = lines(record.get(Column::Level));
                self.tracks.push(TrackRow {
                    id,
                    title: record.field(Column::Title),
                    levels,
                    levels_at: record.at(Column::Level),
                });
            }
        }
    }

    fn kind(&mut self, record: &Record<'_>) -> Option<Kind> {
        let found = record.get(Column::Kind).trim();
        let kind = Kind::ALL.into_iter().find(|k| k.name().eq_ignore_ascii_case(found));
        if kind.is_none() {
            let names = Kind::ALL.map(Kind::name);
            self.problems.push(format!(
                "{}: expected one of {}, found \"{}\"",
                record.at(Column::Kind),
                names.join(", "),
                shown(found)
            ));
        }
        kind
    }

    fn add_ladder(&mut self, record: &Record<'_>) {
        if let Some(first) = &self.ladder {
            let message =
                format!("{}: a second ladder row; the ladder row is row {}", record.at(Column::Kind), first.id.at.row);
            self.problems.push(message);
            return;
        }
        self.ladder = Some(LadderRow {
            id: record.id(Column::Ladder),
            title: record.field(Column::Title),
            summary: record.field(Column::Description),
            version: record.field(Column::Version),
        });
    }

    fn add_competency(&mut self, record: &Record<'_>) {
        let id = self.required_id(record, Column::Competency);
        if let Some(&first) = self.competency_index.get(&id.text) {
            let first = self.competencies[first].id.at.row;
            self.problems.push(format!("{}: competency `{}` is also on row {first}", id.at, shown(&id.text)));
            return;
        }
        if self.competencies.len() == MAX_COMPETENCIES {
            let message = format!(
                "{}: more than {MAX_COMPETENCIES} competencies; a ladder has at most {MAX_COMPETENCIES}",
                id.at
            );
            self.problems.push(message);
            return;
        }
        self.competency_index.insert(id.text.clone(), self.competencies.len());
        let group = Some(record.field(Column::Group)).filter(|g| !g.text.is_empty());
        self.competencies.push(CompetencyRow {
            id,
            title: record.field(Column::Title),
            description: record.field(Column::Description),
            group,
            steps: Vec::new(),
        });
    }

    fn add_step(&mut self, record: &Record<'_>) {
        let competency = self.required_id(record, Column::Competency);
        let name = record.field(Column::Step);
        if name.text.is_empty() {
            self.problems.push(format!("{}: a step row needs the step's name", name.at));
        }
        let points = self.number(record, Column::Points);
        self.steps.push(StepRow { competency, name, description: record.field(Column::Description), points });
    }

    fn add_level(&mut self, record: &Record<'_>) {
        let id = self.required_id(record, Column::Level);
        let key = id.text.to_lowercase();
        if let Some(&first) = self.level_index.get(&key) {
            let first = self.levels[first].id.at.row;
            self.problems.push(format!("{}: level `{}` is also on row {first}", id.at, shown(&id.text)));
            return;
        }
        if self.levels.len() == MAX_LEVELS {
            self.problems.push(format!("{}: more than {MAX_LEVELS} levels; a ladder has at most {MAX_LEVELS}", id.at));
            return;
        }
        self.level_index.insert(key, self.levels.len());
        let senior = Value { value: self.flag(record, Column::Senior), at: record.at(Column::Senior) };
        let min_points = self.number(record, Column::MinPoints);
        let at_least = self.number(record, Column::AtLeast);
        self.levels.push(LevelRow {
            id,
            title: record.field(Column::Title),
            description: record.field(Column::Description),
            senior,
            min_points,
            required: lines(record.get(Column::Required)),
            required_at: record.at(Column::Required),
            at_least,
            cells: Vec::new(),
        });
    }

    fn add_cell(&mut self, record: &Record<'_>) {
        let level = self.required_id(record, Column::Level);
        let competency = self.required_id(record, Column::Competency);
        let step = Some(record.field(Column::Step)).filter(|s| !s.text.is_empty());
        let text = record.field(Column::Text);
        let items = self.items(record);
        let nothing = self.flag(record, Column::None);
        if self.flag(record, Column::Inherit) {
            let said = [Column::Step, Column::Text, Column::Items, Column::None];
            if let Some(&column) = said.iter().find(|c| !record.get(**c).trim().is_empty()) {
                let message = format!(
                    "{}: the cell repeats the level below (inherit = yes), so leave \"{}\" empty",
                    record.at(column),
                    column.name()
                );
                self.problems.push(message);
            }
            let expected = CellExpected::Inherit(record.at(Column::Inherit));
            self.cells.push(CellRow { level, competency, step: None, expected });
            return;
        }
        let expected = match (nothing, items.is_empty()) {
            (true, _) if !items.is_empty() || !text.text.trim().is_empty() => {
                let message = format!(
                    "{}: nothing is expected here (none = yes), so leave \"text\" and \"items\" empty",
                    record.at(Column::None)
                );
                self.problems.push(message);
                CellExpected::Nothing(record.at(Column::None))
            }
            (true, _) => CellExpected::Nothing(record.at(Column::None)),
            (false, true) => CellExpected::Text(text),
            (false, false) => {
                if !text.text.trim().is_empty() {
                    let message = format!(
                        "{}: fill either \"text\" (one paragraph) or \"items\" (one per line), not both",
                        text.at
                    );
                    self.problems.push(message);
                }
                CellExpected::Items(items, record.at(Column::Items))
            }
        };
        self.cells.push(CellRow { level, competency, step, expected });
    }

    fn required_id(&mut self, record: &Record<'_>, column: Column) -> Field {
        let id = record.id(column);
        if id.text.is_empty() {
            let kind = record.get(Column::Kind).trim().to_ascii_lowercase();
            self.problems.push(format!("{}: a {kind} row needs the {} id", id.at, column.name()));
        }
        id
    }

    /// A yes/no value; empty is no. A column the sheet does not have is empty.
    fn flag(&mut self, record: &Record<'_>, column: Column) -> bool {
        let found = record.get(column).trim();
        match found.to_ascii_lowercase().as_str() {
            "yes" | "true" => true,
            "no" | "false" | "" => false,
            _ => {
                let message =
                    format!("{}: expected yes/no or true/false, found \"{}\"", record.at(column), shown(found));
                self.problems.push(message);
                false
            }
        }
    }

    /// A whole number of points, or nothing when the cell is empty.
    fn number(&mut self, record: &Record<'_>, column: Column) -> Option<Value<u32>> {
        let found = record.get(column).trim();
        if found.is_empty() {
            return None;
        }
        match found.parse() {
            Ok(value) => Some(Value { value, at: record.at(column) }),
            Err(_) => {
                self.problems.push(format!(
                    "{}: expected a whole number of points (0 or more), found \"{}\"",
                    record.at(column),
                    shown(found)
                ));
                None
            }
        }
    }

    /// The cell's items, one per line (`\n`, `\r\n` or `\r`); blank lines do not count.
    fn items(&mut self, record: &Record<'_>) -> Vec<String> {
        let items = lines(record.get(Column::Items));
        if items.len() > MAX_ITEMS {
            self.problems.push(format!(
                "{}: {} items; a cell lists at most {MAX_ITEMS}",
                record.at(Column::Items),
                items.len()
            ));
        }
        items
    }

    /// Puts steps under their competencies and cells under their levels,
    /// and checks that every level has a cell for every competency.
    pub fn finish(mut self) -> Result<Sheet, Vec<String>> {
        self.attach_steps();
        self.attach_cells();
        if self.ladder.is_none() {
            self.problems.push("no ladder row: add a row whose kind is `ladder`, with its title and version".into());
        }
        if self.competencies.is_empty() {
            self.problems.push("no competency rows: a ladder needs its competencies, one row each".into());
        }
        if self.levels.is_empty() {
            self.problems.push("no level rows: a ladder needs at least one level".into());
        }
        match self.ladder {
            Some(ladder) if self.problems.is_empty() => Ok(Sheet {
                ladder,
                groups: self.groups,
                competencies: self.competencies,
                levels: self.levels,
                tracks: self.tracks,
            }),
            _ => Err(self.problems),
        }
    }

    fn attach_steps(&mut self) {
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        for step in std::mem::take(&mut self.steps) {
            let Some(index) = self.competency(&step.competency) else { continue };
            let key = (step.competency.text.clone(), step.name.text.to_lowercase());
            if let Some(first) = seen.get(&key) {
                let message = format!("{}: step `{}` is also on row {first}", step.name.at, shown(&step.name.text));
                self.problems.push(message);
                continue;
            }
            if self.competencies[index].steps.len() == MAX_STEPS {
                let message = format!(
                    "{}: competency `{}` has more than {MAX_STEPS} steps; the limit is {MAX_STEPS}",
                    step.name.at,
                    shown(&step.competency.text)
                );
                self.problems.push(message);
                continue;
            }
            seen.insert(key, step.name.at.row);
            self.competencies[index].steps.push(step);
        }
    }

    fn attach_cells(&mut self) {
        let mut grid: Vec<Vec<Option<CellRow>>> =
            self.levels.iter().map(|_| self.competencies.iter().map(|_| None).collect()).collect();
        for cell in std::mem::take(&mut self.cells) {
            let level = self.level(&cell.level);
            let competency = self.competency(&cell.competency);
            let (Some(level), Some(competency)) = (level, competency) else { continue };
            let slot = &mut grid[level][competency];
            if let Some(first) = slot {
                let message = format!(
                    "{}: a second cell for level `{}` and competency `{}`; the first is row {}",
                    cell.competency.at,
                    shown(&cell.level.text),
                    shown(&cell.competency.text),
                    first.level.at.row
                );
                self.problems.push(message);
            } else {
                *slot = Some(cell);
            }
        }
        for (level, cells) in self.levels.iter_mut().zip(grid) {
            for (competency, cell) in self.competencies.iter().zip(cells) {
                match cell {
                    Some(cell) => level.cells.push(cell),
                    None => self.problems.push(format!(
                        "{}: level `{}` has no cell for competency `{}`; add a cell row for it",
                        level.id.at,
                        shown(&level.id.text),
                        shown(&competency.id.text)
                    )),
                }
            }
        }
    }

    /// The index of the competency a step or cell row names.
    fn competency(&mut self, id: &Field) -> Option<usize> {
        let found = self.competency_index.get(&id.text).copied();
        if found.is_none() && !id.text.is_empty() {
            let known = self.competencies.iter().map(|c| c.id.text.as_str());
            let hint = did_you_mean(&id.text, known);
            let message = format!("{}: no competency row has the id `{}`{hint}", id.at, shown(&id.text));
            self.problems.push(message);
        }
        found
    }

    /// The index of the level a cell row names.
    fn level(&mut self, id: &Field) -> Option<usize> {
        let found = self.level_index.get(&id.text.to_lowercase()).copied();
        if found.is_none() && !id.text.is_empty() {
            let known = self.levels.iter().map(|l| l.id.text.as_str());
            let hint = did_you_mean(&id.text, known);
            let message = format!("{}: no level row has the id `{}`{hint}", id.at, shown(&id.text));
            self.problems.push(message);
        }
        found
    }
}

/// The lines of a cell (`\n`, `\r\n` or `\r`); blank lines do not count.
fn lines(cell: &str) -> Vec<String> {
    cell.split(['\n', '\r']).filter(|line| !line.trim().is_empty()).map(str::to_owned).collect()
}

/// Reads the spreadsheet.
///
/// # Errors
/// Every problem found, each naming its row and column.
pub(super) fn read(text: &str) -> Result<Sheet, Vec<String>> {
    let mut reader = reader(text);
    let mut record = ::csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => {}
        Ok(false) => return Err(vec!["the file is empty; it needs a header row naming the columns".into()]),
        Err(e) => return Err(vec![format!("row 1: {e}")]),
    }
    let columns = header_columns(&record)?;
    let mut rows = Rows::default();
    let (mut number, mut filled) = (1, 0);
    // One record, reused: a sheet of a million blank rows costs no allocation each.
    loop {
        number += 1;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                rows.problems.push(format!("row {number}: {e}"));
                break;
            }
        }
        let record = Record::new(number, &columns, &record);
        if record.is_blank() {
            continue;
        }
        filled += 1;
        if filled > MAX_ROWS {
            rows.problems.push(format!("row {number}: more than {MAX_ROWS} rows, more than any ladder needs"));
            break;
        }
        rows.add(&record);
    }
    rows.finish()
}
