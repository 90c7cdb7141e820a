//! The promotion case that `rungs export` writes: the verdict, the radar
//! chart, then one section per competency with its status over time, how
//! long its target has been met, the manager's view beside the self view,
//! and the notes and goals of the case's period. Every piece of evidence
//! names its source ("Self-assessment, 2026-08-14", "Note, 2026-07-02").
//!
//! What the case cites is picked by [`Case::gather`]; this module only lays
//! it out. Escaping is the renderers' job, not this
//! module's.

use chrono::NaiveDate;

use crate::analysis::Scored;
use crate::analysis::case::Case;
use crate::analysis::history::{Sustained, sustained};
use crate::assessment::{Assessment, Relationship};
use crate::chart::strip::{self, Mark};
use crate::documents::status::{mark, tone};
use crate::journal::{Goal, GoalStatus};
use crate::ladder::catalog::{Catalog, Titles};
use crate::render::{Block, Cell, Document, Linked, Ordered, Table, Tone};
use crate::scoring::{CompetencyScore, Points, Score, Status, points, score, score_on, target_of, target_words};

/// Where a piece of evidence comes from: `Self-assessment, 2026-08-14` or
/// `Kim Park (manager), 2026-08-20`.
pub fn source(a: &Assessment) -> String {
    match a.relationship {
        Relationship::Myself => format!("Self-assessment, {}", a.date),
        other => format!("{} ({other}), {}", a.assessor, a.date),
    }
}

/// `2 Specializes` or the level alone for a competency without steps.
fn step(level: &str, rank: Option<usize>, step: Option<&str>) -> String {
    match (rank, step) {
        (Some(rank), Some(step)) => format!("{level} · {rank} {step}"),
        _ => level.to_owned(),
    }
}

/// What every competency section draws on, worked out once.
struct Facts<'a> {
    case: &'a Case,
    titles: Titles,
    /// Each assessment of the series with its score.
    scores: Vec<(NaiveDate, Score)>,
    sustained: Ordered<Sustained>,
    manager: Option<(&'a Assessment, Score)>,
}

impl<'a> Facts<'a> {
    fn new(a: &Assessment, s: &Score, catalog: &Catalog, case: &'a Case) -> Self {
        let scored: Vec<Scored> = case.series.iter().map(|(path, a)| Scored::new(path.clone(), a, catalog)).collect();
        let ids: Vec<String> = s.competencies.iter().map(|c| c.id.clone()).collect();
        Facts {
            case,
            titles: Titles::of(catalog, &a.ladder.id),
            scores: case.series.iter().map(|(_, a)| (a.date, score(a))).collect(),
            sustained: sustained(&scored, &ids),
            manager: case.manager.as_ref().map(|m| (m, score(m))),
        }
    }
}

/// The promotion case of one assessment, around its radar chart (`chart`),
/// which Markdown links to at `chart_link` when it was written to a file,
/// citing what `case` holds.
pub fn promotion_case(
    a: &Assessment,
    catalog: &Catalog,
    chart: String,
    chart_link: Option<String>,
    case: &Case,
) -> Document {
    let mut s = score_on(a, catalog);
    let target = target_of(catalog, a);
    if let Some((ladder, level)) = target {
        target_words(&mut s.competencies, ladder, level);
    }
    let held = target.and_then(|(ladder, level)| points(ladder, level, |id| s.competency(id)));
    let facts = Facts::new(a, &s, catalog, case);
    let mut doc = Document::default();
    heading(&mut doc, a, (&s, held), catalog, &facts);
    let caption = format!("Expected at {} and {}, and shown by the ratings", a.current, a.target);
    doc.blocks.push(Block::Figure { svg: chart, caption, link: chart_link });
    doc.heading(2, "Summary").table(summary(a, &s, &facts));
    for c in &s.competencies {
        doc.section(competency(a, c, &facts));
    }
    if !a.notes.is_empty() {
        doc.heading(2, "Notes").text(Cell::new(format!("{}:", source(a)), Tone::Strong)).quote(a.notes.as_str());
    }
    doc.text(Cell::new(
        format!("Made with rungs from the {} ladder, version {}.", a.ladder.id, a.ladder.version),
        Tone::Muted,
    ));
    doc
}

/// The title, the levels, the verdict, and what the case cites.
fn heading(doc: &mut Document, a: &Assessment, (s, held): (&Score, Option<Points>), catalog: &Catalog, facts: &Facts) {
    let ladder = catalog
        .entries()
        .iter()
        .find(|e| e.ladder.id == a.ladder.id)
        .map_or(a.ladder.id.as_str(), |e| e.ladder.title.as_str());
    doc.heading(1, format!("Promotion case: {}", a.person));
    let by = match a.relationship {
        Relationship::Myself => "self-assessment".to_owned(),
        other => format!("assessed by {} ({other})", a.assessor),
    };
    let track = catalog
        .entries()
        .iter()
        .find(|e| e.ladder.id == a.target_ladder_id())
        .and_then(|e| e.ladder.track(a.track.as_deref()?))
        .map_or_else(String::new, |t| format!(" on the {} track", t.title));
    doc.text(format!("{ladder}: {} → {}{track}. {}, {by}.", a.current, a.target, a.date));
    if let Some((ladder, level)) = crate::scoring::target_of(catalog, a) {
        for about in ladder.about(level) {
            doc.text(Cell::new(about, Tone::Muted));
        }
    }
    doc.text(verdict(a, s, facts.manager.as_ref()));
    if let Some(wanting) = s.rule.as_ref().and_then(|r| r.wanting(|id| facts.titles.get(id).to_owned())) {
        doc.text(Cell::new(format!("{}: {wanting}", a.target), Tone::Bad));
    }
    if !s.not_rated.is_empty() {
        doc.text(Cell::new(
            crate::documents::report::not_rated_line(&s.not_rated, &facts.titles, &a.target),
            Tone::Bad,
        ));
    }
    if let Some(held) = &held {
        doc.text(crate::documents::report::points_line(held, &a.target));
    }
    if let Some((m, _)) = &facts.manager {
        doc.text(format!("Beside it: the manager's latest view, {}.", source(m)));
    }
    let case = facts.case;
    let done = case.goals.iter().filter(|g| g.status == GoalStatus::Done).count();
    doc.text(Cell::new(
        format!(
            "Evidence {}: {} in this view, {} and {}.",
            case.period,
            plural(case.series.len(), "assessment", "assessments"),
            plural(case.notes.len(), "note", "notes"),
            plural(done, "goal done", "goals done"),
        ),
        Tone::Muted,
    ));
}

/// The verdict of the case, and the manager's beside it when their view is
/// there: `Verdict for TL5: Self: 4 of 5 ready · Kim Park, manager: 2 of 5 ready.`
fn verdict(a: &Assessment, s: &Score, manager: Option<&(&Assessment, Score)>) -> Cell {
    let Some((m, ms)) = manager else {
        return if s.ready && s.rule.is_some() {
            Cell::new(format!("Verdict: ready for {} by its promotion rule.", a.target), Tone::Good)
        } else if s.ready {
            Cell::new(format!("Verdict: ready for {}: every competency meets its expectation.", a.target), Tone::Good)
        } else {
            Cell::new(
                format!("Verdict: {} of {} competencies ready for {}.", s.ready_count, s.total, a.target),
                Tone::Strong,
            )
        };
    };
    let their_target = if m.target == a.target { String::new() } else { format!(" for {}", m.target) };
    let text = format!(
        "Verdict for {}: Self: {} of {} ready · {}, {}: {} of {} ready{their_target}.",
        a.target, s.ready_count, s.total, m.assessor, m.relationship, ms.ready_count, ms.total
    );
    Cell::new(text, if s.ready && ms.ready { Tone::Good } else { Tone::Strong })
}

/// `1 note`, `3 notes`.
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

/// One row per competency: what the target asks, the rating, the status,
/// and the manager's status when their view is beside it.
fn summary(a: &Assessment, s: &Score, facts: &Facts) -> Table {
    let mut header = vec!["Competency".to_owned(), "Required".into(), "Rating".into(), "Status".into()];
    if let Some((m, _)) = &facts.manager {
        header.push(format!("{} ({})", m.assessor, m.relationship));
    }
    let mut table = Table::new(header);
    for c in &s.competencies {
        let mut row = vec![
            Cell::new(facts.titles.get(&c.id), Tone::Strong),
            step(&a.target, c.target.rank, c.target.step.as_deref()).into(),
            c.target.rating.name().into(),
            Cell::new(c.status.name(), tone(c.status)),
        ];
        if let Some((_, ms)) = &facts.manager {
            row.push(status_cell(ms.competency(&c.id)));
        }
        table.row(row);
    }
    table
}

fn status_cell(c: Option<&CompetencyScore>) -> Cell {
    c.map_or_else(|| Cell::new("unrated", Tone::Muted), |c| Cell::new(c.status.name(), tone(c.status)))
}

/// One competency's section, kept together in print.
fn competency(a: &Assessment, c: &CompetencyScore, facts: &Facts) -> Document {
    let title = facts.titles.get(&c.id);
    let mut doc = Document::default();
    doc.heading(2, title);
    let expected = format!("Expected at {}", step(&a.target, c.target.rank, c.target.step.as_deref()));
    if c.target.items.is_empty() {
        doc.text(format!("{expected}: {}", c.target.expectation));
    } else {
        doc.text(format!("{expected}:"));
        doc.sublist(c.target.items.iter().map(String::as_str));
    }
    over_time(&mut doc, c, title, facts);
    views(&mut doc, a, c, facts);
    journal(&mut doc, a, c, facts);
    if let Some(gap) = gap(c) {
        doc.text(gap);
    }
    doc
}

/// The status strip across the series, and how long the target has been met.
fn over_time(doc: &mut Document, c: &CompetencyScore, title: &str, facts: &Facts) {
    let marks: Vec<Mark> =
        facts.scores.iter().map(|(date, s)| mark(*date, s.competency(&c.id).map(|c| c.status))).collect();
    let svg = strip::svg(&format!("{title}: status by assessment"), &marks);
    doc.blocks.push(Block::Picture { svg, text: format!("Status by assessment: {}.", strip::text(&marks)) });
    if let Some((_, s)) = facts.sustained.0.iter().find(|(id, _)| *id == c.id) {
        let run = plural(s.assessments, "assessment", "assessments");
        doc.text(Cell::new(format!("Target met since {}, {run} in a row.", s.since), Tone::Good));
    }
}

/// The rating and evidence of the case, and of the manager's view beside it.
fn views(doc: &mut Document, a: &Assessment, c: &CompetencyScore, facts: &Facts) {
    match &facts.manager {
        None => {
            // Where both levels expect the same step, the one rating was given at the current level.
            let rating = if !c.current.expected {
                format!(
                    "Rating: {} at {} (nothing is expected at {}).",
                    c.target.rating, c.target.level, c.current.level
                )
            } else if c.current.level == c.target.level {
                format!("Rating: {} ({}).", c.target.rating, c.target.rating.meaning())
            } else {
                format!(
                    "Rating: {} at {}, {} at {}.",
                    c.target.rating, c.target.level, c.current.rating, c.current.level
                )
            };
            doc.text(rating);
        }
        Some((m, ms)) => {
            let mut table = Table::new(["View", "Rating", "Status"]);
            table.row([source(a).into(), ratings(a, &c.id), Cell::new(c.status.name(), tone(c.status))]);
            table.row([source(m).into(), ratings(m, &c.id), status_cell(ms.competency(&c.id))]);
            doc.table(table);
        }
    }
    evidence(doc, a, &c.id);
    if let Some((m, _)) = &facts.manager {
        evidence(doc, m, &c.id);
    }
}

/// `meets at TL5, meets at TL4`.
fn ratings(a: &Assessment, id: &str) -> Cell {
    let all: Vec<String> = a.ratings_of(id).map(|e| format!("{} at {}", e.rating, e.level)).collect();
    if all.is_empty() { Cell::new("unrated", Tone::Muted) } else { all.join(", ").into() }
}

/// An assessment's evidence for a competency, under its source.
fn evidence(doc: &mut Document, a: &Assessment, id: &str) {
    match a.ratings_of(id).map(|e| e.evidence.as_str()).find(|e| !e.is_empty()) {
        Some(text) => doc.text(Cell::new(format!("{}:", source(a)), Tone::Strong)).quote(text),
        None => doc.text(Cell::new(format!("{}: no evidence recorded.", source(a)), Tone::Muted)),
    };
}

/// The notes tagged with the competency, the goals done for it in the
/// period, and, for a gap, its open goals.
fn journal(doc: &mut Document, a: &Assessment, c: &CompetencyScore, facts: &Facts) {
    let case = facts.case;
    // A note already quoted as evidence is cited there, under its source, only.
    let quoted = |id: &String| {
        std::iter::once(a)
            .chain(facts.manager.as_ref().map(|(m, _)| *m))
            .any(|v| v.ratings_of(&c.id).any(|e| e.from_notes.contains(id)))
    };
    let notes: Vec<Linked> = case
        .notes
        .iter()
        .filter(|n| n.competencies.contains(&c.id) && !quoted(&n.id))
        .map(|n| Linked { item: format!("Note, {}: {}", n.date, n.text.trim()).into(), links: n.links.clone() })
        .collect();
    if !notes.is_empty() {
        doc.text(Cell::new(format!("Notes, {}:", case.period), Tone::Strong));
        doc.links(notes);
    }
    let goals = case.goals.iter().filter(|g| g.competency == c.id);
    let done: Vec<Cell> = goals.clone().filter(|g| g.status == GoalStatus::Done).map(done_goal).collect();
    if !done.is_empty() {
        doc.text(Cell::new("Goals done:", Tone::Strong)).list(done);
    }
    let open: Vec<Cell> =
        goals.filter(|g| g.status == GoalStatus::Open).map(|g| open_goal(g, case.period.to)).collect();
    if c.status != Status::Ready && !open.is_empty() {
        doc.text(Cell::new("Open goals for this gap:", Tone::Strong)).list(open);
    }
}

/// `Goal done, 2026-11-02: Run the incident review (set 2026-06-01).`
fn done_goal(g: &Goal) -> Cell {
    let closed = g.closed.map_or_else(String::new, |d| format!(", {d}"));
    let outcome = if g.outcome.is_empty() { String::new() } else { format!(" Outcome: {}", g.outcome.trim()) };
    Cell::new(format!("Goal done{closed}: {} (set {}).{outcome}", g.text.trim(), g.created), Tone::Good)
}

/// `Goal g1a2b3c, set 2026-06-01, due 2026-10-01, overdue: Mentor two
/// engineers`, overdue as of the period's end.
fn open_goal(g: &Goal, end: NaiveDate) -> Cell {
    let due = g.due.map_or_else(String::new, |d| format!(", due {d}"));
    let (overdue, tone) = if g.is_overdue(end) { (", overdue", Tone::Bad) } else { ("", Tone::Plain) };
    Cell::new(format!("Goal {}, set {}{due}{overdue}: {}", g.id, g.created, g.text.trim()), tone)
}

fn gap(c: &CompetencyScore) -> Option<Cell> {
    match c.status {
        Status::Ready if c.surplus => {
            Some(Cell::new(format!("Surplus: {} asks for less than {}.", c.target.level, c.current.level), Tone::Good))
        }
        Status::Ready => None,
        Status::Growing if !c.current.expected => Some(Cell::new(
            format!(
                "Gap: the {} expectation is not met yet ({} expects nothing here).",
                c.target.level, c.current.level
            ),
            Tone::Warn,
        )),
        Status::Growing => Some(Cell::new(
            format!("Gap: the {} expectation is met, the {} one not yet.", c.current.level, c.target.level),
            Tone::Warn,
        )),
        Status::Below => Some(Cell::new(
            format!("Gap, blocking: not even the {} expectation is met yet.", c.current.level),
            Tone::Bad,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::collection::sample_found as found;

    #[test]
    fn evidence_names_its_source() {
        let (_, mut a) = found("2026-08-14");
        assert_eq!(source(&a), "Self-assessment, 2026-08-14");
        a.relationship = Relationship::Manager;
        a.assessor = "Kim Park".into();
        assert_eq!(source(&a), "Kim Park (manager), 2026-08-14");
    }
}
