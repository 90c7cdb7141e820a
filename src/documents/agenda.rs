//! The 1:1 agenda: two views of one person side by side, the talking
//! points by what they change, the person's open goals, the notes dated
//! after the last manager view, and the decisions to take.

use chrono::NaiveDate;

use crate::analysis::calibrate::{Calibration, Point, Topic};
use crate::assessment::{Assessment, Found, Relationship};
use crate::documents::case::source;
use crate::journal::{Goal, GoalStatus, Note};
use crate::ladder::catalog::Titles;
use crate::render::{Cell, Document, Linked, Table, Tone};
use crate::scoring::Status;

/// How an assessment is named in a calibration: date, assessor, relationship.
pub fn label(a: &Assessment) -> String {
    format!("{} ({}, {})", a.assessor, a.relationship, a.date)
}

/// The calibration of two views of one person: the ratings side by side,
/// the disagreements (those that change a status first) with both sides'
/// evidence, and the gaps that remain.
pub fn agenda(first: &Assessment, second: &Assessment, calibration: &Calibration, titles: &Titles) -> Document {
    let mut doc = Document::default();
    doc.heading(1, format!("1:1 agenda: {}", second.person));
    doc.text(format!("{} beside {}, {} → {}.", label(first), label(second), second.current, second.target));
    doc.text(Cell::new(headline(calibration), Tone::Strong));
    doc.table(side_by_side(first, second, calibration, titles));
    doc.heading(2, "Talking points");
    let points: Vec<Cell> = calibration.agenda.iter().map(|p| point(p, first, second, titles)).collect();
    if points.is_empty() {
        doc.text("Nothing to settle: the views agree and the target is met.");
        return doc;
    }
    doc.text(Cell::new(
        "For each disagreement, say what you have each seen, and agree on what would settle it.",
        Tone::Muted,
    ));
    doc.numbered(points);
    let disagreements = calibration.agenda.iter().filter(|p| p.topic == Topic::Disagreement);
    for (n, p) in disagreements.enumerate() {
        evidence_of(&mut doc, n + 1, p, [first, second], titles);
    }
    doc
}

/// `5 disagreements, 1 of them changes a status.`
fn headline(calibration: &Calibration) -> String {
    match (calibration.marks.len(), calibration.status_changes) {
        _ if !calibration.rows.iter().any(|r| r.first.is_some() && r.second.is_some()) => {
            "Nothing could be compared: the two views rate different levels.".to_owned()
        }
        (0, _) => "The two views agree on every rating.".to_owned(),
        (n, changes) => {
            let n = if n == 1 { "1 disagreement".to_owned() } else { format!("{n} disagreements") };
            let changes = match changes {
                0 => "none changes a status".to_owned(),
                1 => "1 changes a status".to_owned(),
                c => format!("{c} change a status"),
            };
            format!("{n}; {changes} (ready, growing, below).")
        }
    }
}

fn side_by_side(first: &Assessment, second: &Assessment, calibration: &Calibration, titles: &Titles) -> Table {
    let mut table = Table::new(["", "Competency", "Expectation", first.assessor.as_str(), second.assessor.as_str()]);
    let mut last = "";
    for r in &calibration.rows {
        let mark = if r.apart > 0 { Cell::new("◆", Tone::Bad) } else { Cell::from("") };
        let title = if r.competency == last { "" } else { titles.get(&r.competency) };
        last = &r.competency;
        let rating = |x: Option<crate::assessment::Rating>| x.map_or("—", |r| r.name());
        let tone = if r.apart > 0 { Tone::Warn } else { Tone::Plain };
        table.row([
            mark,
            Cell::new(title, Tone::Strong),
            Cell::from(r.step.as_deref().map_or_else(|| r.level.clone(), |s| format!("{} · {s}", r.level))),
            Cell::new(rating(r.first), tone),
            Cell::new(rating(r.second), tone),
        ]);
    }
    table
}

/// One talking point, in a line of its own words.
fn point(p: &Point, first: &Assessment, second: &Assessment, titles: &Titles) -> Cell {
    let title = titles.get(&p.competency);
    let status = |s: Option<Status>| s.map_or("unrated", Status::name);
    match p.topic {
        Topic::Disagreement if p.changes_status => Cell::new(
            format!(
                "{title}: {} for {}, {} for {}",
                status(p.first_status),
                first.assessor,
                status(p.second_status),
                second.assessor
            ),
            Tone::Bad,
        ),
        Topic::Disagreement => {
            let apart = if p.apart == 1 { "one rating".to_owned() } else { format!("{} ratings", p.apart) };
            Cell::new(format!("{title}: {apart} apart, {} in both views", status(p.second_status)), Tone::Warn)
        }
        Topic::Gap => Cell::new(
            format!(
                "{title}: {} toward {} in {}'s view; what would show it?",
                status(p.status),
                second.target,
                second.assessor
            ),
            Tone::Plain,
        ),
    }
}

/// A disagreement in detail: the ratings that differ and both sides' evidence.
fn evidence_of(doc: &mut Document, n: usize, p: &Point, sides: [&Assessment; 2], titles: &Titles) {
    doc.heading(3, format!("{n}. {}", titles.get(&p.competency)));
    for side in sides {
        let ratings: Vec<String> =
            side.ratings_of(&p.competency).map(|e| format!("{} at {}", e.rating, e.level)).collect();
        doc.text(Cell::new(format!("{} ({}): {}", side.assessor, side.relationship, ratings.join(", ")), Tone::Strong));
        match side.ratings_of(&p.competency).map(|e| e.evidence.as_str()).find(|e| !e.is_empty()) {
            Some(text) => doc.quote(text),
            None => doc.text(Cell::new("No evidence recorded.", Tone::Muted)),
        };
    }
}

/// The closing section of an exported agenda, for the 1:1 to fill in.
pub fn decisions(doc: &mut Document, calibration: &Calibration, titles: &Titles) {
    doc.heading(2, "Decisions and actions");
    let mut items: Vec<String> = calibration
        .agenda
        .iter()
        .map(|p| match p.topic {
            Topic::Disagreement => format!("{}: agreed rating and why:", titles.get(&p.competency)),
            Topic::Gap => format!("{}: next step, owner and date:", titles.get(&p.competency)),
        })
        .collect();
    items.push("Other action, owner and date:".to_owned());
    items.push("Next 1:1:".to_owned());
    doc.checklist(items);
}

/// What a 1:1 agenda brings from the journal: the person's open goals,
/// overdue first, and the notes dated after the previous manager view.
#[derive(Debug, Clone)]
pub struct Journal {
    /// The open goals, overdue first, then by due date.
    pub goals: Vec<Goal>,
    /// The notes dated after `since`, oldest first.
    pub notes: Vec<Note>,
    /// The assessment the notes are new since, named as evidence is.
    pub since: Option<(String, NaiveDate)>,
    /// The day overdue is judged on.
    pub today: NaiveDate,
}

impl Journal {
    /// What an agenda between `sides`, whose earlier assessments are
    /// `history`, brings from the person's `notes` and `goals`.
    pub fn gather(
        sides: [&Assessment; 2],
        history: &[Found],
        (notes, goals): (Vec<Note>, Vec<Goal>),
        today: NaiveDate,
    ) -> Journal {
        let since = last_manager_view(sides, history).map(|m| (source(m), m.date));
        let notes = notes.into_iter().filter(|n| since.as_ref().is_none_or(|(_, day)| n.date > *day)).collect();
        let mut goals: Vec<Goal> = goals.into_iter().filter(|g| g.status == GoalStatus::Open).collect();
        goals.sort_by_key(|g| (!g.is_overdue(today), g.due.is_none(), g.due, g.created));
        Journal { goals, notes, since, today }
    }

    /// Adds the open goals and the new notes to an agenda.
    pub fn section(&self, doc: &mut Document, titles: &Titles) {
        doc.heading(2, "Open goals");
        let goals: Vec<Cell> = self.goals.iter().map(|g| open_goal(g, titles, self.today)).collect();
        if goals.is_empty() {
            doc.text(Cell::new("No open goals. Start one for a gap: rungs goal add --competency ID TEXT", Tone::Muted));
        }
        doc.list(goals);
        match &self.since {
            Some((source, _)) => doc
                .heading(2, "Notes since the previous manager view")
                .text(Cell::new(format!("Dated after the previous manager view: {source}."), Tone::Muted)),
            None => {
                doc.heading(2, "Notes").text(Cell::new("There is no earlier manager view: every note.", Tone::Muted))
            }
        };
        let notes: Vec<Linked> = self.notes.iter().map(|n| note(n, titles)).collect();
        if notes.is_empty() {
            doc.text(Cell::new("No notes.", Tone::Muted));
        }
        doc.links(notes);
    }
}

/// The manager view the agenda's notes are new since: with a manager view
/// in the agenda, the person's manager assessment before its day (the
/// agenda is built right after it, so its own day would leave out every
/// note); else the person's latest manager assessment.
fn last_manager_view<'a>(sides: [&'a Assessment; 2], history: &'a [Found]) -> Option<&'a Assessment> {
    let manager = |a: &&Assessment| a.relationship == Relationship::Manager;
    let before = sides.into_iter().filter(manager).map(|m| m.date).max();
    let earlier = history.iter().filter(|(_, a)| manager(&a) && before.is_none_or(|day| a.date < day));
    earlier.max_by_key(|f| crate::view::order_of(f)).map(|(_, a)| a)
}

/// `People: Mentor two engineers (g1a2b3c, due 2026-10-01, overdue)`.
fn open_goal(g: &Goal, titles: &Titles, today: NaiveDate) -> Cell {
    let due = g.due.map_or_else(String::new, |d| format!(", due {d}"));
    let overdue = g.is_overdue(today);
    let text = format!(
        "{}: {} ({}{due}{})",
        titles.get(&g.competency),
        g.text.trim(),
        g.id,
        if overdue { ", overdue" } else { "" }
    );
    Cell::new(text, if overdue { Tone::Bad } else { Tone::Plain })
}

/// `Note, 2026-07-02 (People, Process): text`, with its links.
fn note(n: &Note, titles: &Titles) -> Linked {
    let tags: Vec<&str> = n.competencies.iter().map(|c| titles.get(c)).collect();
    let tags = if tags.is_empty() { String::new() } else { format!(" ({})", tags.join(", ")) };
    Linked { item: format!("Note, {}{tags}: {}", n.date, n.text.trim()).into(), links: n.links.clone() }
}
