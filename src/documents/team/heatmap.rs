//! `rungs team --format html`: the team's rows, as `team` chose and sorted
//! them, grouped by ladder for [`crate::documents::heatmap`]. Owns the grouping
//! and the column order; not which view a row shows (that is `team`'s one
//! rule) nor the page itself.

use std::collections::BTreeMap;

use super::{Member, Team};
use crate::assessment::Relationship;
use crate::documents::heatmap::{Group, Heatmap, Row, Square};
use crate::ladder::catalog::{Catalog, Titles};

/// The heatmap of `team`: one group per ladder (by id), rows in the team's order.
pub(crate) fn heatmap(team: &Team, catalog: &Catalog, relationship: Option<Relationship>) -> Heatmap {
    let mut by_ladder: BTreeMap<&str, Vec<&Member>> = BTreeMap::new();
    for member in &team.members {
        by_ladder.entry(member.shown.ladder.as_str()).or_default().push(member);
    }
    let groups = by_ladder.into_iter().map(|(ladder, members)| group(catalog, ladder, &members)).collect();
    let people = match team.members.len() {
        1 => "1 person".to_owned(),
        n => format!("{n} people"),
    };
    let basis = match relationship {
        Some(Relationship::Myself) => "Each row shows the person's latest self view.",
        Some(_) => "Each row shows the person's latest manager view.",
        None => {
            "Each row shows the person's latest manager view where there is one, else their self view: View says which."
        }
    };
    let basis = format!(
        "{basis} Differ counts the competencies whose status the latest self and manager views disagree on; ◆ marks each."
    );
    Heatmap { title: format!("Team heatmap: {people}, latest assessment each"), basis, groups }
}

/// One ladder's table: its competencies in the ladder's order, then any
/// others rated (an older ladder version), as the table names them.
fn group(catalog: &Catalog, ladder: &str, members: &[&Member]) -> Group {
    let titles = Titles::of(catalog, ladder);
    let mut competencies: Vec<(String, String)> = titles.0.clone();
    for member in members {
        for (id, _) in &member.shown.statuses.0 {
            if !competencies.iter().any(|(known, _)| known == id) {
                competencies.push((id.clone(), id.clone()));
            }
        }
    }
    // A competency of the ladder nobody on it was rated on stays out.
    competencies.retain(|(id, _)| members.iter().any(|m| m.shown.status(id).is_some()));
    let title = catalog.entries().iter().find(|e| e.ladder.id == ladder).map_or(ladder, |e| e.ladder.title.as_str());
    let rows = members.iter().map(|m| row(m, &competencies)).collect();
    Group { ladder: ladder.to_owned(), title: title.to_owned(), competencies, rows }
}

fn row(member: &Member, competencies: &[(String, String)]) -> Row {
    let m = &member.shown;
    let manager = m.relationship == Relationship::Manager.to_string();
    let squares = competencies
        .iter()
        .map(|(id, _)| {
            let status = m.status(id);
            // The disagreement is on the manager's ladder; a self view shown
            // on another ladder is marked only where it says the same.
            let split = member
                .disagreements
                .iter()
                .flatten()
                .find(|d| d.competency == *id && status == Some(if manager { d.second } else { d.first }));
            Square { status, split: split.map(|d| (d.first, d.second)) }
        })
        .collect();
    Row {
        person: m.person.clone(),
        view: m.relationship.clone(),
        levels: format!("{} → {}", m.current, m.target),
        date: m.date.to_string(),
        ready: m.ready_count,
        total: m.total,
        disagreements: member.disagreements.as_ref().map(Vec::len),
        squares,
    }
}
