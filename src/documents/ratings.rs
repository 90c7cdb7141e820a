//! A row of `rungs list --ratings`: one rating of one assessment, the shape
//! every format of the flat listing shares.

use serde::Serialize;

use crate::assessment::{Assessment, Relationship};
use crate::scoring::score;

/// One rating; the pinned columns, in order.
#[derive(Debug, Serialize)]
pub struct FlatRow<'a> {
    date: String,
    person: &'a str,
    assessor: &'a str,
    relationship: &'static str,
    ladder: &'a str,
    ladder_version: &'a str,
    current: &'a str,
    target: &'a str,
    competency: &'a str,
    level: &'a str,
    step: &'a str,
    rating: &'static str,
    status: &'static str,
}

/// The rows of one assessment; none for a peer's.
pub fn rows(a: &Assessment) -> Vec<FlatRow<'_>> {
    if a.relationship == Relationship::Peer {
        return Vec::new();
    }
    let s = score(a);
    let assessor = a.assessor.as_str();
    a.ratings
        .iter()
        .map(|e| FlatRow {
            date: a.date.to_string(),
            person: &a.person,
            assessor,
            relationship: a.relationship.name(),
            ladder: &a.ladder.id,
            ladder_version: &a.ladder.version,
            current: &a.current,
            target: &a.target,
            competency: &e.competency,
            level: &e.level,
            step: e.step.as_deref().unwrap_or(""),
            rating: e.rating.name(),
            status: s.competency(&e.competency).map_or("", |c| c.status.name()),
        })
        .collect()
}

/// A row as one line of JSON, hidden characters escaped like every JSON output.
pub(crate) fn json_line(row: &FlatRow<'_>) -> String {
    let text = serde_json::to_string(row).expect("rows serialize to JSON");
    crate::untrusted::json(&text).into_owned()
}
