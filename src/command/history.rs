//! `rungs history PERSON`: a person's assessments in date order (up to the
//! `N`th before the latest with `PERSON~N`), each
//! competency's status against the target, and since when each target has
//! been met without a break. Reads only that person's folder.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Scored, Titles, show, skipped};
use crate::assessment::Relationship;
use crate::cli::HistoryArgs;
use crate::collection::{Found, back_in, parse_name, person_history, unknown_person};
use crate::config::Settings;
use crate::error::Result;
use crate::render::{Cell, Document, Ordered, Table, Tone, View};
use crate::scoring::Status;
use crate::text::plural;
use crate::view::{ViewId, choose, listing, series, shell_quote, shown_alone, views};

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
    relationship: Relationship,
    assessor: String,
    ladder: String,
    assessments: Vec<Scored>,
    sustained: Ordered<Sustained>,
    other_views: Vec<OtherView>,
    #[serde(skip)]
    view: ViewId,
    #[serde(skip)]
    competencies: Vec<String>,
    #[serde(skip)]
    titles: Titles,
}

/// For each competency ready in the latest entry: the unbroken run of
/// `ready` back from it, among entries whose target expects of it what the
/// latest's does (a new target that expects the same step keeps the run).
/// Pure; the promotion case cites it too.
pub(crate) fn sustained(entries: &[Scored], competencies: &[String]) -> Ordered<Sustained> {
    let Some(latest) = entries.last() else { return Ordered(Vec::new()) };
    let runs = competencies.iter().filter_map(|id| {
        let run: Vec<&Scored> = entries
            .iter()
            .rev()
            .take_while(|e| e.expects_as(latest, id) && e.status(id) == Some(Status::Ready))
            .collect();
        let first = run.last()?;
        Some((id.clone(), Sustained { since: first.date, assessments: run.len() }))
    });
    Ordered(runs.collect())
}

/// `Ready for TL5 since 2026-06-01, 2 assessments in a row`: the unbroken
/// run back from the latest entry of entries ready for its target (by the
/// level's promotion rule where it has one); `None` when the latest is not.
pub(crate) fn ready_since(entries: &[Scored]) -> Option<String> {
    let latest = entries.last().filter(|e| e.is_ready())?;
    let run: Vec<&Scored> = entries.iter().rev().take_while(|e| e.is_ready() && e.same_target(latest)).collect();
    let first = run.last()?;
    Some(format!("Ready for {} since {}, {} in a row", latest.target, first.date, plural(run.len(), "assessment")))
}

/// Another view of the same person, and the command that shows it.
#[derive(Serialize)]
struct OtherView {
    view: String,
    command: String,
}

/// The person's other views; peers are counted together, never named.
fn other_views(found: &[Found], shown: &ViewId) -> Vec<OtherView> {
    let others: Vec<ViewId> = views(found).into_iter().filter(|v| v != shown).collect();
    let person = shell_quote(&shown.person);
    listing(&others)
        .into_iter()
        .map(|line| {
            let (view, flags) = line.split_once(": ").unwrap_or((line.as_str(), ""));
            let command = if view.contains("peer view") {
                format!("rungs report {person} {flags}")
            } else {
                format!("rungs history {person} {flags}")
            };
            OtherView { view: view.to_owned(), command }
        })
        .collect()
}

fn glyph(status: Option<Status>) -> (&'static str, Tone) {
    status.map_or(("·", Tone::Muted), |s| (super::team::glyph(s), super::report::tone(s)))
}

impl View for HistoryView {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        let count = plural(self.assessments.len(), "assessment");
        doc.heading(1, format!("{}: {}, {count}", self.person, self.view));
        let titles = self.competencies.iter().map(|c| self.titles.get(c).to_owned());
        let mut table =
            Table::new(["Date".to_owned(), "Levels".to_owned()].into_iter().chain(titles).chain(["Ready".to_owned()]));
        for e in &self.assessments {
            // One view: the heading names its assessor, so rows need not repeat it.
            let mut cells = vec![e.date.to_string().into(), e.levels().into()];
            for id in &self.competencies {
                let status = e.statuses.0.iter().find(|(c, _)| c == id).map(|(_, s)| *s);
                let (mark, tone) = glyph(status);
                cells.push(Cell::new(format!("{mark} {}", status.map_or("", Status::name)), tone));
            }
            cells.push(e.ready_cell().into());
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
                    format!(
                        "{title}: {trail}  target met since {}, {} in a row",
                        s.since,
                        plural(s.assessments, "assessment")
                    ),
                    Tone::Good,
                ),
                None => Cell::new(format!("{title}: {trail}  target not met in the latest assessment"), Tone::Plain),
            }
        });
        doc.heading(2, "Sustained").list(lines.collect::<Vec<_>>());
        if let Some(line) = ready_since(&self.assessments) {
            doc.text(Cell::new(line, Tone::Good));
        }
        if !self.other_views.is_empty() {
            let others = self.other_views.iter().map(|o| format!("{}:\n  {}", o.view, o.command));
            doc.heading(2, "Other views").list(others.collect::<Vec<_>>());
        }
        doc
    }
}

/// Runs `rungs history`.
///
/// # Errors
/// An unknown person or view; exit 1 after the history when files were skipped.
pub fn run(settings: &Settings, args: &HistoryArgs) -> Result<()> {
    let store = settings.store()?;
    let catalog = settings.catalog()?;
    let person = super::who::person_or_only(&store, args.person.as_deref())?;
    let named = parse_name(&person, &args.view.filter())?;
    let dir = store.person_dir(named.person);
    if !dir.is_dir() {
        return Err(unknown_person(&store, named.person));
    }
    let (found, problems) = person_history(&dir)?;
    if found.is_empty() {
        return Err(crate::collection::no_assessments(&dir, named.person));
    }
    let view = choose(&found, &named.filter)?;
    shown_alone(&view)?;
    let other_views = other_views(&found, &view);
    let mut series = series(found, &view);
    // `NAME~N`: the history up to that assessment, as `~N` means everywhere.
    series.truncate(back_in(&series, named.back, named.person, &view)? + 1);
    let assessments: Vec<Scored> = series.iter().map(|(path, a)| Scored::new(path.clone(), a, &catalog)).collect();
    let mut competencies: Vec<String> = Vec::new();
    for (_, a) in &series {
        for id in a.competencies() {
            if !competencies.iter().any(|c| c == id) {
                competencies.push(id.to_owned());
            }
        }
    }
    let titles = Titles::of(&catalog, &view.ladder);
    let history = HistoryView {
        person: view.person.clone(),
        relationship: view.relationship,
        assessor: view.assessor.clone(),
        ladder: view.ladder.clone(),
        sustained: sustained(&assessments, &competencies),
        assessments,
        other_views,
        view,
        competencies,
        titles,
    };
    show(&history, args.output.format, settings)?;
    skipped(settings, &problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A scored assessment on `date` toward `target` whose competencies have `statuses`.
    fn at(date: &str, target: &str, statuses: &[Status]) -> Scored {
        at_step(date, target, 2, statuses)
    }

    /// The same, where `target` expects step `rank` of every competency.
    fn at_step(date: &str, target: &str, rank: usize, statuses: &[Status]) -> Scored {
        use crate::assessment::{Rating, sample, sample_entry};
        let entries = statuses.iter().enumerate().flat_map(|(i, s)| {
            let (now, next) = match s {
                Status::Ready => (Rating::Meets, Rating::Meets),
                Status::Growing => (Rating::Meets, Rating::NotYet),
                Status::Below => (Rating::NotYet, Rating::NotYet),
            };
            [sample_entry(&format!("c{i}"), "A", 1, now), sample_entry(&format!("c{i}"), target, rank, next)]
        });
        let mut a = sample("A", target, entries.collect());
        a.date = date.parse().unwrap();
        Scored::new(PathBuf::new(), &a, &crate::ladder::catalog::Catalog::builtin())
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
    fn a_new_target_that_expects_another_step_starts_a_new_run() {
        let entries = [at("2026-02-01", "B", &[Ready]), at_step("2026-05-01", "C", 3, &[Ready])];
        let s = sustained(&entries, &["c0".to_owned()]);
        assert_eq!(s.0[0].1.assessments, 1);
    }

    #[test]
    fn a_new_target_that_expects_the_same_step_keeps_the_run() {
        let entries = [at("2026-02-01", "B", &[Ready]), at("2026-05-01", "C", &[Ready])];
        let s = sustained(&entries, &["c0".to_owned()]);
        assert_eq!(s.0[0].1.assessments, 2);
    }
}
