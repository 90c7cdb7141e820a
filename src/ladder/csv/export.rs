//! A ladder as the rows of a spreadsheet, in ladder order: the ladder, its
//! described groups, each competency with its steps, each level with its
//! cells, then its tracks.

use super::layout::{Column, Kind};
use crate::error::{Error, Result};
use crate::ladder::{Competency, Expected, Ladder, Level};

/// One row's values, in [`Column::ALL`] order.
pub(super) type Row = [String; Column::ALL.len()];

/// Every row of `ladder`, header aside.
///
/// # Errors
/// A cell whose items cannot be written one per line (see [`items_cell`]).
pub(super) fn rows(ladder: &Ladder) -> Result<Vec<Row>> {
    let mut rows = vec![row(
        Kind::Ladder,
        &[
            (Column::Ladder, &ladder.id),
            (Column::Title, &ladder.title),
            (Column::Description, &ladder.summary),
            (Column::Version, &ladder.version),
        ],
    )];
    for group in &ladder.group_descriptions {
        rows.push(row(Kind::Group, &[(Column::Group, &group.name), (Column::Description, &group.description)]));
    }
    for competency in &ladder.competencies {
        competency_rows(competency, &mut rows);
    }
    for level in &ladder.levels {
        level_rows(ladder, level, &mut rows)?;
    }
    for track in &ladder.tracks {
        let levels: Vec<&str> = track.levels.iter().map(|&i| ladder.levels[i].id.as_str()).collect();
        let levels = levels.join("\n");
        rows.push(row(
            Kind::Track,
            &[(Column::Track, &track.id), (Column::Title, &track.title), (Column::Level, &levels)],
        ));
    }
    Ok(rows)
}

/// The columns the export of `ladder` writes: those every ladder has, and
/// `inherit`, `required`, `at_least` and `track` only where the ladder
/// fills them, so a ladder without them exports exactly as before.
pub(super) fn columns(ladder: &Ladder) -> Vec<Column> {
    let inherits = ladder.levels.iter().flat_map(|l| &l.expectations).any(|e| e.inherited_from.is_some());
    let rules = ladder.levels.iter().any(|l| l.promotion.is_some());
    let used = |c: &Column| match c {
        Column::Inherit => inherits,
        Column::Required | Column::AtLeast => rules,
        Column::Track => !ladder.tracks.is_empty(),
        _ => true,
    };
    Column::ALL.into_iter().filter(used).collect()
}

fn row(kind: Kind, values: &[(Column, &str)]) -> Row {
    let mut row = Row::default();
    row[Column::Kind.index()] = kind.name().to_owned();
    for &(column, value) in values {
        row[column.index()] = value.to_owned();
    }
    row
}

fn competency_rows(competency: &Competency, rows: &mut Vec<Row>) {
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

fn level_rows(ladder: &Ladder, level: &Level, rows: &mut Vec<Row>) -> Result<()> {
    let min_points = level.min_points.map(|p| p.to_string()).unwrap_or_default();
    let required = level.promotion.as_ref().map(|p| p.required.join("\n")).unwrap_or_default();
    let at_least = level.promotion.as_ref().map(|p| p.at_least.to_string()).unwrap_or_default();
    rows.push(row(
        Kind::Level,
        &[
            (Column::Level, &level.id),
            (Column::Title, &level.title),
            (Column::Description, &level.description),
            (Column::Senior, if level.senior { "yes" } else { "no" }),
            (Column::MinPoints, &min_points),
            (Column::Required, &required),
            (Column::AtLeast, &at_least),
        ],
    ));
    for (competency, expectation) in ladder.competencies.iter().zip(&level.expectations) {
        if expectation.inherited_from.is_some() {
            let values =
                [(Column::Level, level.id.as_str()), (Column::Competency, &competency.id), (Column::Inherit, "yes")];
            rows.push(row(Kind::Cell, &values));
            continue;
        }
        let step = competency.step_name(expectation.step).unwrap_or_default();
        let words = match &expectation.expected {
            Expected::Text(text) => (Column::Text, text.clone()),
            Expected::Items(items) => (Column::Items, items_cell(ladder, &level.id, &competency.id, items)?),
            Expected::Nothing => (Column::None, "yes".to_owned()),
        };
        rows.push(row(
            Kind::Cell,
            &[
                (Column::Level, &level.id),
                (Column::Competency, &competency.id),
                (Column::Step, step),
                (words.0, &words.1),
            ],
        ));
    }
    Ok(())
}

/// A cell's items, one per line.
///
/// # Errors
/// An empty list, a blank item or an item with a line break, which a cell
/// of one item per line cannot hold.
fn items_cell(ladder: &Ladder, level: &str, competency: &str, items: &[String]) -> Result<String> {
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
            "ladder `{}` ({}): level `{level}`, competency `{competency}`: {why}, so it cannot be written as a spreadsheet cell of items, one per line",
            ladder.id, ladder.source
        ))),
        None => Ok(items.join("\n")),
    }
}
