//! A row of `rungs list`: one assessment at a glance, made on the worker
//! thread that read it, in the format it is shown in.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::summary::Summary;
use crate::assessment::Relationship;
use crate::error::Result;
use crate::ladder::catalog::{Catalog, check_ladders};
use crate::render::{Cell, Format, Tone, json, markdown_row};
use crate::untrusted;

/// One listed assessment; the pinned `list --format json` entry.
#[derive(Debug, Serialize)]
pub struct Row {
    pub(crate) path: PathBuf,
    pub(crate) date: NaiveDate,
    pub(crate) person: String,
    /// The assessor; `null` for a peer, whose name is never shown beside their ratings.
    pub(crate) assessor: Option<String>,
    pub(crate) relationship: Relationship,
    pub(crate) ladder: String,
    /// The current level; for the peers' row, `null` unless every peer gave the same.
    pub(crate) current: Option<String>,
    /// The target level; for the peers' row, as `current`.
    pub(crate) target: Option<String>,
    /// `null` for the peers' row: no peer's readiness is shown.
    pub(crate) ready_count: Option<usize>,
    /// `null` for the peers' row.
    pub(crate) total: Option<usize>,
    /// How many peers the peers' row counts; absent on every other row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) raters: Option<usize>,
    /// The competencies the target level expects that the file does not
    /// rate: counted in `total` and shown in the table, never a JSON key of
    /// its own (the keys of `list` are pinned).
    #[serde(skip)]
    pub(crate) not_rated: Vec<String>,
    #[serde(skip)]
    pub(crate) created_at: String,
    /// Who gave the ratings, by slug: peers are counted by it, never shown.
    #[serde(skip)]
    pub(crate) rater: String,
    /// The row as its format shows it, made on the worker thread that read
    /// it: JSON lines, a Markdown line, or the terminal cells joined by [`SEP`].
    #[serde(skip)]
    pub(crate) shown: String,
}

impl Row {
    pub(crate) fn new(path: PathBuf, mut s: Summary, catalog: &Catalog) -> Result<Row> {
        check_ladders(&s.ladder, &s.target_ladder, catalog, &path)?;
        let not_rated = s.not_rated(catalog);
        Ok(Row {
            path,
            date: s.date,
            ready_count: Some(s.ready_count()),
            total: Some(s.statuses.len() + not_rated.len()),
            raters: None,
            not_rated,
            person: s.person,
            rater: crate::text::slug(&s.assessor),
            assessor: (s.relationship != Relationship::Peer).then_some(s.assessor),
            relationship: s.relationship,
            ladder: s.ladder,
            current: Some(s.current),
            target: Some(s.target),
            created_at: s.created_at,
            shown: String::new(),
        })
    }

    /// One row for the peer views of one person on one ladder, `peers (N)`,
    /// dated by the latest; `None` below the anonymity floor, so that no
    /// peer's file is ever listed on its own ([`crate::view::peers_shown`]).
    pub(crate) fn peers(mut group: Vec<Row>) -> Option<Row> {
        let mut raters: Vec<&str> = group.iter().map(|r| r.rater.as_str()).collect();
        raters.sort_unstable();
        raters.dedup();
        let raters = raters.len();
        if !crate::view::peers_shown(raters, crate::view::PEER_FLOOR as usize) {
            return None;
        }
        let same = |level: fn(&Row) -> &Option<String>| {
            let first = level(&group[0]).clone();
            group.iter().all(|r| *level(r) == first).then_some(first).flatten()
        };
        let (current, target) = (same(|r| &r.current), same(|r| &r.target));
        group.sort_by_cached_key(|r| crate::view::order(r.date, r.created_at.parse().ok(), &r.path));
        let latest = group.pop()?;
        Some(Row {
            path: latest.path.parent().map(PathBuf::from).unwrap_or_default(),
            current,
            target,
            ready_count: None,
            total: None,
            raters: Some(raters),
            not_rated: Vec::new(),
            rater: String::new(),
            shown: String::new(),
            ..latest
        })
    }

    /// Whether every competency the target expects is ready.
    pub(crate) fn is_ready(&self) -> bool {
        self.ready_count.is_some() && self.ready_count == self.total
    }

    /// The row as `format` shows it (see [`Row::shown`]).
    pub(crate) fn show(&self, format: Format) -> String {
        let mut out = String::new();
        match format {
            Format::Json => {
                for (i, line) in json(self).trim_end().lines().enumerate() {
                    out.push_str(if i == 0 { "  " } else { "\n  " });
                    out.push_str(line);
                }
            }
            Format::Markdown => {
                out = markdown_row(&self.cells());
                out.push('\n');
            }
            Format::Table => {
                // Kept as shown on a terminal: escaped text never holds `SEP`.
                for (i, cell) in self.cells().iter().enumerate() {
                    if i > 0 {
                        out.push(SEP);
                    }
                    out.push_str(&untrusted::terminal(&cell.text));
                }
            }
        }
        out
    }

    pub(crate) fn cells(&self) -> [Cell; 6] {
        let by = match (&self.assessor, self.raters) {
            (_, Some(raters)) => format!("peers ({raters})"),
            (Some(assessor), _) if self.relationship == Relationship::Manager => format!("{assessor} (manager)"),
            _ => self.relationship.to_string(),
        };
        let tone = if self.is_ready() { Tone::Good } else { Tone::Plain };
        let level = |level: &Option<String>| level.clone().unwrap_or_else(|| "—".to_owned());
        let ready = match self.ready_count.zip(self.total) {
            Some((ready, total)) => crate::scoring::ready_cell(ready, total, self.not_rated.len()),
            None => "—".to_owned(),
        };
        [
            self.date.to_string().into(),
            Cell::new(&self.person, Tone::Strong),
            by.into(),
            self.ladder.as_str().into(),
            format!("{} → {}", level(&self.current), level(&self.target)).into(),
            Cell::new(ready, tone),
        ]
    }
}

pub(crate) const HEADER: [&str; 6] = ["Date", "Person", "Assessed by", "Ladder", "Levels", "Ready"];

/// Separates cells in a kept table row.
pub(crate) const SEP: char = '\u{1f}';
