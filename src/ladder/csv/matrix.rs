//! A ladder sheet as frameworks publish it: levels as columns, competencies
//! as rows, each cell the level's words for the competency.
//!
//! The header row names the levels (its first cell, over the competencies'
//! titles, is not read). Each row after it is a competency: its title, then
//! one cell per level. A cell of several lines is a list, one item a line
//! (bullets `- `, `* `, `• ` taken off); an empty cell expects nothing. Ids
//! are made from the names, titles kept as written; the sheet has no steps.
//! The result is the same [`Sheet`] the rows layout gives, so it is written
//! and checked the same way, each problem told by row and column letter.

use super::layout::{At, Column};
use super::limits::MAX_ITEMS;
use super::sheet::{CellExpected, CellRow, CompetencyRow, Field, LadderRow, LevelRow, Sheet, Value, reader, shown};
use crate::ladder::parse::{MAX_COMPETENCIES, MAX_ID_CHARS, MAX_LEVELS};
use crate::spreadsheet::unguard;

/// Reads a matrix sheet as the ladder `id` titled `title`.
///
/// # Errors
/// Every problem found, each naming its row and column.
pub(super) fn read(text: &str, id: &str, title: &str) -> Result<Sheet, Vec<String>> {
    let mut reader = reader(text);
    let mut problems = Vec::new();
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(e)) => return Err(vec![format!("row 1: {e}")]),
        None => return Err(vec!["the file is empty; it needs a header row naming the levels".into()]),
    };
    let mut levels = levels(&header, &mut problems);
    let mut competencies: Vec<CompetencyRow> = Vec::new();
    for (index, record) in records.enumerate() {
        let row = index + 2;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                problems.push(format!("row {row}: {e}"));
                break;
            }
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if competencies.len() == MAX_COMPETENCIES {
            problems.push(format!(
                "row {row}: more than {MAX_COMPETENCIES} competencies; a ladder has at most {MAX_COMPETENCIES}"
            ));
            break;
        }
        let name = unguard(record.get(0).unwrap_or_default()).trim().to_owned();
        let at = at(row, 1);
        if name.is_empty() {
            problems.push(format!("{at}: a competency row needs its title in the first column"));
        }
        // Columns the header names wrongly are reported once, at the header.
        let stray = record.iter().enumerate().skip(header.len()).find(|(_, c)| !c.trim().is_empty());
        if let Some((i, _)) = stray {
            let message = "a value in a column with no level in the header; name the level or empty it";
            problems.push(format!("{}: {message}", self::at(row, i + 1)));
        }
        let taken: Vec<&str> = competencies.iter().map(|c| c.id.text.as_str()).collect();
        let competency_id = unique(&slug(&name, "competency", competencies.len() + 1), &taken);
        for level in &mut levels {
            let column = level.id.at.number.unwrap_or_default();
            let cell = unguard(record.get(column.saturating_sub(1)).unwrap_or_default());
            let expected = expected(cell, at_cell(row, column), &mut problems);
            level.cells.push(CellRow {
                level: level.id.clone(),
                competency: Field { text: competency_id.clone(), at },
                step: None,
                expected,
            });
        }
        competencies.push(CompetencyRow {
            id: Field { text: competency_id, at },
            title: Field { text: name, at },
            description: Field { text: String::new(), at },
            group: None,
            steps: Vec::new(),
        });
    }
    if competencies.is_empty() {
        problems.push("no competency rows: after the header, one row per competency, its title first".into());
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let at = at(1, 1);
    let ladder = LadderRow {
        id: Field { text: id.to_owned(), at },
        title: Field { text: title.to_owned(), at },
        summary: Field { text: String::new(), at },
        version: Field { text: "1".into(), at },
    };
    Ok(Sheet { ladder, groups: Vec::new(), competencies, levels, tracks: Vec::new() })
}

/// The levels the header names, in order, each with an id made from its name.
fn levels(header: &::csv::StringRecord, problems: &mut Vec<String>) -> Vec<LevelRow> {
    let mut levels: Vec<LevelRow> = Vec::new();
    for (n, name) in header.iter().enumerate().skip(1) {
        let at = at(1, n + 1);
        let name = unguard(name).trim();
        if name.is_empty() {
            if header.iter().skip(n + 1).any(|h| !h.trim().is_empty()) {
                problems.push(format!("{at}: a column with no level name between levels; name it or remove it"));
            }
            continue;
        }
        if levels.len() == MAX_LEVELS {
            problems.push(format!("{at}: more than {MAX_LEVELS} levels; a ladder has at most {MAX_LEVELS}"));
            break;
        }
        let id = level_id(name);
        if let Some(first) = levels.iter().find(|l| l.id.text.eq_ignore_ascii_case(&id)) {
            problems.push(format!(
                "{}: level `{}` is also column {}",
                at,
                shown(name),
                super::layout::letters(first.id.at.number.unwrap_or(0))
            ));
            continue;
        }
        levels.push(LevelRow {
            id: Field { text: id, at },
            title: Field { text: name.to_owned(), at },
            description: Field { text: String::new(), at },
            senior: Value { value: false, at },
            min_points: None,
            required: Vec::new(),
            required_at: at,
            at_least: None,
            cells: Vec::new(),
        });
    }
    if levels.is_empty() {
        problems.push("row 1: no levels; the header names one level per column after the first".into());
    }
    levels
}

/// A cell's words: nothing, one text, or a list of one item a line.
fn expected(cell: &str, at: At, problems: &mut Vec<String>) -> CellExpected {
    let lines: Vec<String> = cell
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| ["- ", "* ", "• "].iter().find_map(|b| l.strip_prefix(b)).unwrap_or(l).trim().to_owned())
        .collect();
    match lines.len() {
        0 => CellExpected::Nothing(at),
        1 => CellExpected::Text(Field { text: lines.into_iter().next().unwrap_or_default(), at }),
        n if n > MAX_ITEMS => {
            problems.push(format!("{at}: {n} lines; a cell lists at most {MAX_ITEMS}"));
            CellExpected::Nothing(at)
        }
        _ => CellExpected::Items(lines, at),
    }
}

/// A level's id from its name: the name itself where it is one, else with
/// spaces as hyphens and without `:`.
fn level_id(name: &str) -> String {
    let id: String = name.split_whitespace().collect::<Vec<_>>().join("-").replace(':', "");
    id.chars().take(MAX_ID_CHARS).collect()
}

/// An id of lowercase ASCII letters, digits and hyphens made from `name`, or
/// `KIND-N` when the name has none (a title in another script).
fn slug(name: &str, kind: &str, n: usize) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id: String = id.trim_end_matches('-').chars().take(MAX_ID_CHARS - 4).collect();
    let id = id.trim_end_matches('-');
    if id.is_empty() { format!("{kind}-{n}") } else { id.to_owned() }
}

/// `id`, or `id-2`, `id-3`… when it is taken.
fn unique(id: &str, taken: &[&str]) -> String {
    (1..)
        .map(|n| if n == 1 { id.to_owned() } else { format!("{id}-{n}") })
        .find(|c| !taken.contains(&c.as_str()))
        .unwrap_or_default()
}

/// Row `row`, column number `column` (1-based).
fn at(row: usize, column: usize) -> At {
    At { row, column: Column::Title, number: Some(column) }
}

/// A cell's place: its words are the level's text.
fn at_cell(row: usize, column: usize) -> At {
    At { row, column: Column::Text, number: Some(column) }
}
