//! `rungs history PERSON`: a person's assessments in date order, each
//! competency's status against the target, and since when each target has
//! been met without a break. Reads only that person's folder.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Scored, Titles, show, skipped};
use crate::cli::HistoryArgs;
use crate::collection::{person_history, unknown_person};
use crate::config::Settings;
use crate::error::Result;
use crate::render::{Cell, Document, Ordered, Table, Tone, View};
use crate::scoring::Status;

/// How long a competency's target has been met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sustained {
    /// The date of the first assessment of the unbroken run.
    pub since: NaiveDate,
    /// How many consecutive assessments the run spans.
    pub assessments: usize,
}

#[derive(Serialize)]
struct HistoryView {
    person: String,
    assessments: Vec<Scored>,
    sustained: Ordered<Sustained>,
    #[serde(skip)]
    competencies: Vec<String>,
    #[serde(skip)]
    titles: Titles,
}

/// For each competency ready in the latest entry: the unbroken run of
/// `ready` back from it, among entries with the same target. Pure.
fn sustained(entries: &[Scored], competencies: &[String]) -> Ordered<Sustained> {
    let Some(latest) = entries.last() else { return Ordered(Vec::new()) };
    let same_target = |e: &Scored| e.target == latest.target && e.target_ladder == latest.target_ladder;
    let runs = competencies.iter().filter_map(|id| {
        let run: Vec<&Scored> =
            entries.iter().rev().take_while(|e| same_target(e) && e.status(id) == Some(Status::Ready)).collect();
        let first = run.last()?;
        Some((id.clone(), Sustained { since: first.date, assessments: run.len() }))
    });
    Ordered(runs.collect())
}

fn glyph(status: Option<Status>) -> (&'static str, Tone) {
    status.map_or(("·", Tone::Muted), |s| (super::team::glyph(s), super::report::tone(s)))
}

impl View for HistoryView {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        doc.heading(1, format!("{}: {} assessment(s)", self.person, self.assessments.len()));
        let titles = self.competencies.iter().map(|c| self.titles.get(c).to_owned());
        let mut table = Table::new(
            ["Date".to_owned(), "Levels".to_owned(), "By".to_owned()]
                .into_iter()
                .chain(titles)
                .chain(["Ready".to_owned()]),
        );
        for e in &self.assessments {
            let by = if e.relationship == "self" {
                "self".to_owned()
            } else {
                format!("{} ({})", e.assessor, e.relationship)
            };
            let mut cells = vec![e.date.to_string().into(), format!("{} → {}", e.current, e.target).into(), by.into()];
            for id in &self.competencies {
                let status = e.statuses.0.iter().find(|(c, _)| c == id).map(|(_, s)| *s);
                let (mark, tone) = glyph(status);
                cells.push(Cell::new(format!("{mark} {}", status.map_or("", Status::name)), tone));
            }
            cells.push(format!("{}/{}", e.ready_count, e.total).into());
            table.row(cells);
        }
        doc.table(table);
        let lines = self.competencies.iter().map(|id| {
            let trail: String = self
                .assessments
                .iter()
                .map(|e| glyph(e.statuses.0.iter().find(|(c, _)| c == id).map(|(_, s)| *s)).0)
                .collect();
            let title = self.titles.get(id);
            match self.sustained.0.iter().find(|(c, _)| c == id) {
                Some((_, s)) => Cell::new(
                    format!("{title}: {trail}  target met since {}, {} assessment(s) in a row", s.since, s.assessments),
                    Tone::Good,
                ),
                None => Cell::new(format!("{title}: {trail}  target not met in the latest assessment"), Tone::Plain),
            }
        });
        doc.heading(2, "Sustained").list(lines.collect::<Vec<_>>());
        doc
    }
}

/// Runs `rungs history`.
///
/// # Errors
/// An unknown person; exit 1 after the history when files were skipped.
pub fn run(settings: &Settings, args: &HistoryArgs) -> Result<()> {
    let store = settings.store()?;
    let catalog = settings.catalog()?;
    let dir = store.person_dir(&args.person);
    if !dir.is_dir() {
        return Err(unknown_person(&store, &args.person));
    }
    let (found, problems) = person_history(&dir)?;
    let assessments: Vec<Scored> = found.iter().map(|(path, a)| Scored::new(path.clone(), a)).collect();
    let mut competencies: Vec<String> = Vec::new();
    for (_, a) in &found {
        for id in a.competencies() {
            if !competencies.iter().any(|c| c == id) {
                competencies.push(id.to_owned());
            }
        }
    }
    let person = found.last().map_or_else(|| args.person.clone(), |(_, a)| a.person.clone());
    let titles = Titles::of(&catalog, found.last().map_or("", |(_, a)| a.ladder.id.as_str()));
    let view =
        HistoryView { person, sustained: sustained(&assessments, &competencies), assessments, competencies, titles };
    show(&view, args.output.format, settings)?;
    skipped(settings, &problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A scored assessment on `date` toward `target` whose competencies have `statuses`.
    fn at(date: &str, target: &str, statuses: &[Status]) -> Scored {
        use crate::assessment::{Rating, sample, sample_entry};
        let entries = statuses.iter().enumerate().flat_map(|(i, s)| {
            let (now, next) = match s {
                Status::Ready => (Rating::Meets, Rating::Meets),
                Status::Growing => (Rating::Meets, Rating::NotYet),
                Status::Below => (Rating::NotYet, Rating::NotYet),
            };
            [sample_entry(&format!("c{i}"), "A", 1, now), sample_entry(&format!("c{i}"), target, 2, next)]
        });
        let mut a = sample("A", target, entries.collect());
        a.date = date.parse().unwrap();
        Scored::new(PathBuf::new(), &a)
    }

    use Status::{Below, Growing, Ready};

    #[test]
    fn a_run_of_ready_counts_back_from_the_latest_until_a_break() {
        let entries = [
            at("2026-02-01", "B", &[Ready, Below, Ready]),
            at("2026-05-01", "B", &[Growing, Ready, Ready]),
            at("2026-08-01", "B", &[Ready, Ready, Ready]),
            at("2026-11-01", "B", &[Ready, Ready, Growing]),
        ];
        let ids: Vec<String> = (0..3).map(|i| format!("c{i}")).collect();
        let s = sustained(&entries, &ids);
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        assert_eq!(
            s.0,
            [
                ("c0".to_owned(), Sustained { since: day("2026-08-01"), assessments: 2 }),
                ("c1".to_owned(), Sustained { since: day("2026-05-01"), assessments: 3 }),
            ]
        );
    }

    #[test]
    fn a_new_target_starts_a_new_run() {
        let entries = [at("2026-02-01", "B", &[Ready]), at("2026-05-01", "C", &[Ready])];
        let s = sustained(&entries, &["c0".to_owned()]);
        assert_eq!(s.0[0].1.assessments, 1);
    }
}
