//! The gap report of one assessment: the pinned JSON, and a table with a
//! verdict and the gaps. Also printed after every `rungs assess`.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::assessment::Assessment;
use crate::documents::journal::{Listed, listed};
use crate::documents::status::tone;
use crate::journal::{FRESH_DAYS, Goal, GoalStatus, Note};
use crate::ladder::catalog::{Catalog, Titles};
use crate::render::{Cell, Document, Table, Tone, View};
use crate::scoring::{CompetencyScore, Points, Status, points, score_on, target_of, target_words};
use crate::text::shell_quote;

/// The gap report: the pinned JSON, and a table with a verdict and the gaps.
#[derive(Serialize)]
pub struct Report<'a> {
    pub(crate) path: PathBuf,
    pub(crate) person: &'a str,
    pub(crate) assessor: &'a str,
    pub(crate) relationship: &'a str,
    pub(crate) date: String,
    pub(crate) ladder: &'a str,
    pub(crate) target_ladder: &'a str,
    pub(crate) current: &'a str,
    pub(crate) target: &'a str,
    /// The view the assessment was taken from, when it was named by person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) view: Option<String>,
    pub(crate) ready: bool,
    pub(crate) ready_count: usize,
    pub(crate) total: usize,
    pub(crate) competencies: Vec<Row>,
    pub(crate) gaps: Vec<String>,
    /// The competencies the target level expects that the assessment does not rate.
    /// Present only when some are: the pinned output of a full file is unchanged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) not_rated: Vec<String>,
    /// How the ratings stand against the target level's promotion rule,
    /// where it has one (then the rule decides `ready`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) promotion: Option<crate::scoring::RuleCheck>,
    /// Points held against the target's minimum, on a ladder with points; else null.
    pub(crate) points: Option<Points>,
    /// Each competency's group, in the ladder's order of groups, when it has them.
    #[serde(skip)]
    pub(crate) groups: Vec<(String, String)>,
    /// What the ladder says of the target level and of its groups, when it says.
    #[serde(skip)]
    pub(crate) about: Vec<String>,
    /// What a suggested command ends with: ` --dir DIR`, or nothing.
    #[serde(skip)]
    pub dir_suffix: String,
    /// The open goals of the person, once the journal is read.
    #[serde(skip)]
    pub(crate) goals: Vec<Listed>,
    /// The day evidence freshness is judged on, once the journal is read.
    #[serde(skip)]
    pub(crate) today: Option<NaiveDate>,
    #[serde(skip)]
    pub(crate) titles: Titles,
}

/// One competency's score, with the date of its latest evidence and its open goals.
#[derive(Serialize)]
pub(crate) struct Row {
    #[serde(flatten)]
    score: CompetencyScore,
    /// The latest evidence: a note tagged with it, or the assessment's own.
    evidence_date: Option<NaiveDate>,
    /// The ids of its open goals.
    goals: Vec<String>,
}

impl<'a> Report<'a> {
    /// The person's notes and goals, as read from the store, into the report.
    pub fn with_read_journal(&mut self, (notes, goals): (Vec<Note>, Vec<Goal>), today: NaiveDate) {
        self.with_journal(&notes, goals.into_iter().map(|g| listed(g, today)).collect(), today);
    }

    /// The report of an assessment saved at `path`, scored against every
    /// competency its target level expects in `catalog`.
    pub fn new(path: PathBuf, assessment: &'a Assessment, catalog: &Catalog) -> Self {
        let s = score_on(assessment, catalog);
        Report {
            path,
            person: &assessment.person,
            assessor: &assessment.assessor,
            relationship: assessment.relationship.name(),
            date: assessment.date.to_string(),
            ladder: &assessment.ladder.id,
            target_ladder: assessment.target_ladder_id(),
            current: &assessment.current,
            target: &assessment.target,
            view: None,
            ready: s.ready,
            ready_count: s.ready_count,
            total: s.total,
            competencies: s.competencies.into_iter().map(|c| row(c, assessment)).collect(),
            gaps: s.gaps,
            not_rated: s.not_rated,
            promotion: s.rule,
            points: None,
            groups: Vec::new(),
            about: Vec::new(),
            dir_suffix: String::new(),
            goals: Vec::new(),
            today: None,
            titles: Titles::of(catalog, &assessment.ladder.id),
        }
    }

    /// Adds what the journal knows: the latest evidence per competency (a
    /// note up to `today`, or the assessment's own) and the open goals.
    pub fn with_journal(&mut self, notes: &[Note], mut goals: Vec<Listed>, today: NaiveDate) {
        goals.retain(|l| l.goal.status == GoalStatus::Open);
        for row in &mut self.competencies {
            let noted = notes.iter().filter(|n| n.date <= today && n.competencies.contains(&row.score.id));
            row.evidence_date = row.evidence_date.into_iter().chain(noted.map(|n| n.date)).max();
            row.goals = goals.iter().filter(|l| l.goal.competency == row.score.id).map(|l| l.goal.id.clone()).collect();
        }
        self.goals = goals;
        self.today = Some(today);
    }

    /// Dates evidence kept unchanged from earlier assessments of the view by
    /// the first one that gave it: carried-over evidence is not fresh.
    pub fn carried_over(&mut self, assessment: &Assessment, series: &[crate::assessment::Found]) {
        let evidence =
            |a: &Assessment, id: &str| a.ratings_of(id).map(|e| e.evidence.trim().to_owned()).find(|e| !e.is_empty());
        let earlier: Vec<&Assessment> = series.iter().map(|(_, a)| a).filter(|a| a.date < assessment.date).collect();
        for row in self.competencies.iter_mut().filter(|r| r.evidence_date.is_some()) {
            let now = evidence(assessment, &row.score.id);
            let kept = earlier.iter().rev().take_while(|a| evidence(a, &row.score.id) == now).last();
            if let Some(first) = kept {
                row.evidence_date = Some(first.date);
            }
        }
    }

    /// Adds what the ladder says beyond the assessment, when it is loaded:
    /// the groups of its competencies, and the points on a ladder with points.
    pub fn with_ladder(&mut self, catalog: &Catalog, assessment: &Assessment) {
        if let Some((ladder, target)) = target_of(catalog, assessment) {
            target_words(self.competencies.iter_mut().map(|r| &mut r.score), ladder, target);
        }
        let Some(entry) = catalog.entries().iter().find(|e| e.ladder.id == assessment.target_ladder_id()) else {
            return;
        };
        let ladder = &entry.ladder;
        self.groups = ladder
            .sections()
            .into_iter()
            .filter_map(|(group, members)| Some((group?, members)))
            .flat_map(|(group, members)| {
                members.into_iter().map(move |i| (ladder.competencies[i].id.clone(), group.to_owned()))
            })
            .collect();
        let Some(target) = ladder.level_index(&assessment.target).map(|i| &ladder.levels[i]) else { return };
        self.about = ladder.about(target);
        self.points = points(ladder, target, |id| self.row(id).map(|r| &r.score));
    }

    /// The scores, grouped competencies in their groups' order first, the
    /// rest after, each in the assessment's order.
    fn in_group_order(&self) -> Vec<&CompetencyScore> {
        let rank = |id: &str| self.groups.iter().position(|(c, _)| c == id).unwrap_or(usize::MAX);
        let mut scores: Vec<&CompetencyScore> = self.competencies.iter().map(|r| &r.score).collect();
        scores.sort_by_key(|c| rank(&c.id));
        scores
    }

    fn row(&self, id: &str) -> Option<&Row> {
        self.competencies.iter().find(|r| r.score.id == id)
    }
}

impl View for Report<'_> {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        let relation = if self.relationship == "self" {
            "self".to_owned()
        } else {
            format!("by {}, {}", self.assessor, self.relationship)
        };
        doc.heading(1, format!("{}: {} → {} ({}, {relation})", self.person, self.current, self.target, self.date));
        if let Some(view) = &self.view {
            doc.text(Cell::new(format!("Showing the {view}."), Tone::Muted));
        }
        let ratings = format!("Rating {} → {}", self.current, self.target);
        let grouped = !self.groups.is_empty();
        let head = ["Competency", "Step held → required", ratings.as_str(), "Status"];
        let mut table = Table::new(grouped.then_some("Group").into_iter().chain(head));
        let mut last_group = None;
        for c in self.in_group_order() {
            let group = self.groups.iter().find(|(id, _)| *id == c.id).map(|(_, g)| g.as_str());
            let first_of_group = (group != last_group).then(|| Cell::new(group.unwrap_or("Other"), Tone::Muted));
            last_group = group;
            // A surplus is ready by definition: say the more telling word.
            let status = if c.surplus && c.status == Status::Ready { "surplus" } else { c.status.name() };
            let rating = if !c.current.expected {
                format!("{} (nothing expected at {})", c.target.rating, c.current.level)
            } else if c.current.level == c.target.level {
                c.target.rating.name().to_owned()
            } else {
                format!("{} → {}", c.current.rating, c.target.rating)
            };
            let group_cell = grouped.then(|| first_of_group.unwrap_or_default());
            table.row(group_cell.into_iter().chain([
                Cell::new(self.titles.get(&c.id), Tone::Strong),
                progress(c).into(),
                rating.into(),
                Cell::new(status, tone(c.status)),
            ]));
        }
        doc.table(table);
        if !self.about.is_empty() {
            doc.list(self.about.iter().map(|a| Cell::new(a, Tone::Muted)).collect::<Vec<_>>());
        }
        let verdict = if self.ready {
            let by = if self.promotion.is_some() { " by its promotion rule" } else { "" };
            Cell::new(format!("Ready for {}{by}", self.target), Tone::Good)
        } else {
            let text = format!("{} of {} competencies ready for {}", self.ready_count, self.total, self.target);
            Cell::new(text, Tone::Strong)
        };
        doc.text(verdict);
        if let Some(wanting) = self.promotion.as_ref().and_then(|r| r.wanting(|id| self.titles.get(id).to_owned())) {
            doc.text(Cell::new(format!("{}: {wanting}", self.target), Tone::Bad));
        }
        if !self.not_rated.is_empty() {
            doc.text(Cell::new(not_rated_line(&self.not_rated, &self.titles, self.target), Tone::Bad));
        }
        if let Some(points) = &self.points {
            doc.text(points_line(points, self.target));
            let groups = points.groups.0.iter().map(|(group, g)| format!("{group}: {} points", g.held));
            doc.list(groups.collect::<Vec<_>>());
        }
        if let Some(today) = self.today {
            self.freshness(&mut doc, today);
        }
        if !self.gaps.is_empty() {
            doc.heading(2, "Gaps, blocking first");
            for c in self.gaps.iter().filter_map(|id| self.row(id)).map(|r| &r.score) {
                self.gap(&mut doc, c);
            }
        }
        doc
    }
}

impl Report<'_> {
    /// The date of each competency's latest evidence, stale ones flagged:
    /// one line per date, newest first, so a quarter's worth reads at a glance.
    fn freshness(&self, doc: &mut Document, today: NaiveDate) {
        let mut dates: Vec<Option<NaiveDate>> = self.competencies.iter().map(|r| r.evidence_date).collect();
        dates.sort_by(|a, b| b.cmp(a));
        dates.dedup();
        let lines = dates.into_iter().map(|date| {
            let titles: Vec<&str> = self
                .competencies
                .iter()
                .filter(|r| r.evidence_date == date)
                .map(|r| self.titles.get(&r.score.id))
                .collect();
            let titles = crate::text::join_names(&titles);
            match date {
                None => Cell::new(format!("none yet: {titles}"), Tone::Muted),
                Some(date) if (today - date).num_days() > FRESH_DAYS => Cell::new(
                    format!("{date}: {titles}, over {FRESH_DAYS} days old: add notes (rungs note)"),
                    Tone::Warn,
                ),
                Some(date) => Cell::new(format!("{date}: {titles}"), Tone::Plain),
            }
        });
        doc.heading(2, "Latest evidence").list(lines.collect::<Vec<_>>());
    }

    /// One gap, with its open goals, or the command that starts one.
    fn gap(&self, doc: &mut Document, c: &CompetencyScore) {
        let lead = format!(
            "{} ({}): {} expects{}",
            self.titles.get(&c.id),
            c.status.name(),
            c.target.level,
            step(c.target.rank, c.target.step.as_deref()),
        );
        if c.target.items.is_empty() {
            doc.list([Cell::new(format!("{lead}: {}", c.target.expectation), tone(c.status))]);
        } else {
            doc.list([Cell::new(format!("{lead}:"), tone(c.status))]);
            doc.sublist(c.target.items.iter().map(String::as_str));
        }
        let Some(today) = self.today else { return };
        let goals: Vec<Cell> =
            self.goals.iter().filter(|l| l.goal.competency == c.id).map(|l| goal_line(l, today)).collect();
        if goals.is_empty() {
            let start = format!(
                "  ↳ no goal yet: rungs goal add --person {} --competency {} --level {} 'what to do'{}",
                shell_quote(self.person),
                c.id,
                c.target.level,
                self.dir_suffix
            );
            doc.text(Cell::new(start, Tone::Muted));
        }
        for goal in goals {
            doc.text(goal);
        }
    }
}

/// A competency's row before the journal is read: the assessment's own evidence date.
fn row(score: CompetencyScore, assessment: &Assessment) -> Row {
    let evidence = assessment.ratings_of(&score.id).any(|e| !e.evidence.trim().is_empty());
    Row { evidence_date: evidence.then_some(assessment.date), goals: Vec::new(), score }
}

/// ` 2 Specializes` (with its leading space), or nothing for a competency
/// without steps.
fn step(rank: Option<usize>, step: Option<&str>) -> String {
    match (rank, step) {
        (Some(rank), Some(step)) => format!(" {rank} {step}"),
        (None, Some(step)) => format!(" {step}"),
        _ => String::new(),
    }
}

/// The bar and the step held, then the step required when it is not held:
/// `■■■□ Owns → Evolves`. Without steps: whether the target's expectation is met.
fn progress(c: &CompetencyScore) -> String {
    let Some(required) = c.target.step.as_deref() else {
        return if c.target.met { "met".to_owned() } else { "not yet met".to_owned() };
    };
    let held = c.held.as_ref().map_or("none", |h| h.step.as_str());
    let bar = bar(c);
    let shown = if c.target.met { held.to_owned() } else { format!("{held} → {required}") };
    if bar.is_empty() { shown } else { format!("{bar} {shown}") }
}

/// A bar of the step held against the step required: `■■■□` for 3 of 4.
fn bar(c: &CompetencyScore) -> String {
    let (Some(required), held) = (c.target.rank, c.held.as_ref().map_or(0, |h| h.rank)) else {
        return String::new();
    };
    let top = required.max(held);
    (1..=top).map(|i| if i <= held { '■' } else { '□' }).collect()
}

/// `Not rated: System, People (TL5 expects them; each counts as not ready)`.
pub fn not_rated_line(ids: &[String], titles: &Titles, target: &str) -> String {
    let names: Vec<&str> = ids.iter().map(|id| titles.get(id)).collect();
    format!(
        "Not rated: {} ({target} expects {}; not rated counts as not ready)",
        crate::text::join_names(&names),
        if ids.len() == 1 { "it" } else { "them" }
    )
}

/// `Points: 42 of the 50 that SE1.3 asks for`, toned by whether they reach it.
pub fn points_line(points: &Points, target: &str) -> Cell {
    let held = crate::text::plural(usize::try_from(points.held).unwrap_or(usize::MAX), "point");
    match points.required {
        Some(required) if points.enough() => {
            Cell::new(format!("Points: {held}, {target} asks for {required}"), Tone::Good)
        }
        Some(required) => Cell::new(
            format!("Points: {held} of the {required} {target} asks for, {} short", required - points.held),
            Tone::Warn,
        ),
        None => Cell::new(format!("Points: {held} ({target} sets no minimum)"), Tone::Plain),
    }
}

/// `goal g1a2b3c: text (due 2026-12-31, overdue)`.
fn goal_line(l: &Listed, today: NaiveDate) -> Cell {
    let g = &l.goal;
    let due = match g.due {
        Some(due) if g.is_overdue(today) => format!(" (due {due}, overdue)"),
        Some(due) => format!(" (due {due})"),
        None => String::new(),
    };
    let tone = if l.overdue { Tone::Bad } else { Tone::Plain };
    Cell::new(format!("  ↳ goal {}: {}{due}", g.id, g.text), tone)
}
