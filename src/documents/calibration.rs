//! What `rungs calibrate` shows: a summary in plain sentences with tables
//! (terminal, Markdown), the JSON of [`Calibration`] itself, and the
//! calibration pack for a committee (one self-contained HTML page, each
//! chart with the same figures in a table beside it).
//!
//! Peers appear only as `peers (N)`: the figures it is given already pool
//! them ([`crate::analysis::calibration`]).

use serde::Serialize;

use crate::analysis::agreement::Estimate;
use crate::analysis::calibration::{Assessor, Calibration, CompetencyFigures};
use crate::analysis::coverage::Group;
use crate::analysis::raters::FLAG_AT;
use crate::assessment::{Rating, Relationship};
use crate::render::plot::{self, Point};
use crate::render::{Block, Cell, Document, Table, Tone, View};
use crate::text::plural;

/// The most people, and self raters, the summary names in a list.
const LISTED: usize = 5;

/// A calibration as every format shows it.
#[derive(Debug)]
pub struct Report<'a>(pub &'a Calibration);

impl Serialize for Report<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl View for Report<'_> {
    fn document(&self) -> Document {
        let c = self.0;
        let mut doc = Document::default();
        doc.heading(1, title(c)).text(Cell::new(scope_line(c), Tone::Muted));
        findings(c, &mut doc);
        doc.heading(2, "Per competency").table(competency_table(c));
        doc.heading(2, "Per rater").table(rater_table(c));
        let selves = c.assessors.iter().filter(|a| a.relationship == Relationship::Myself).count();
        if selves > 0 {
            doc.text(Cell::new(
                format!("Self raters are shown together; each one's figures are in --format json ({selves})."),
                Tone::Muted,
            ));
        }
        doc.heading(2, "Distribution").table(distribution_table(c));
        doc
    }
}

/// The calibration pack: one self-contained HTML page.
pub fn pack(c: &Calibration) -> String {
    let mut doc = Document::default();
    doc.heading(1, format!("Calibration pack: {}", c.scope.ladder)).text(Cell::new(scope_line(c), Tone::Muted));
    findings(c, &mut doc);
    let raters = shown_raters(c);
    let rows: Vec<Point> = raters.iter().map(|a| point(&label(a), a.leniency, a.low.zip(a.high), a.flagged)).collect();
    let reach = raters.iter().flat_map(|a| [a.low, a.high, a.leniency]).flatten().fold(1.0_f64, |m, v| m.max(v.abs()));
    let reach = (reach * 4.0).ceil() / 4.0;
    chart(
        &mut doc,
        "Leniency by rater",
        plot::intervals("Leniency by rater, with 95% intervals", &rows, (-reach, reach), &[0.0, -FLAG_AT, FLAG_AT]),
        rater_table(c),
    );
    let rows: Vec<Point> =
        c.competencies.iter().map(|f| point(&f.title, f.alpha.value, f.alpha.low.zip(f.alpha.high), false)).collect();
    let floor = c.competencies.iter().filter_map(|f| f.alpha.low).fold(0.0_f64, f64::min).min(0.0);
    let svg = plot::intervals(
        "Agreement per competency (alpha), with 95% intervals",
        &rows,
        ((floor * 4.0).floor() / 4.0, 1.0),
        &[0.0],
    );
    chart(&mut doc, "Agreement per competency", svg, competency_table(c));
    let rows: Vec<Point> = c.competencies.iter().map(|f| point(&f.title, f.self_other_gap, None, false)).collect();
    let reach = c.competencies.iter().filter_map(|f| f.self_other_gap).fold(1.0_f64, |m, v| m.max(v.abs())).ceil();
    let mut gaps = Table::new(["Competency", "Self − others"]);
    for f in &c.competencies {
        gaps.row([f.title.clone(), signed(f.self_other_gap)]);
    }
    chart(
        &mut doc,
        "Self–other gaps",
        plot::intervals("Self − others, per competency", &rows, (-reach, reach), &[0.0]),
        gaps,
    );
    let shown: Vec<&Group> = c.distribution.by_level.iter().filter(|g| !g.suppressed).collect();
    let bars: Vec<(String, Vec<usize>)> =
        shown.iter().filter_map(|g| Some((g.group.clone(), g.counts?.all().to_vec()))).collect();
    let names: Vec<&str> = Rating::ALL.iter().map(|r| r.name()).collect();
    chart(
        &mut doc,
        "Distribution per level",
        plot::stacked("Ratings by current level", &names, &bars),
        distribution_table(c),
    );
    doc.heading(2, "How to read this").list(GLOSSARY.iter().map(|(term, meaning)| format!("{term}: {meaning}")));
    crate::render::html::page(&title(c), &doc)
}

/// One line per figure, for people who do not do statistics.
pub const GLOSSARY: [(&str, &str); 8] = [
    (
        "Agreement (alpha)",
        "how much the raters agree beyond chance; 1 is perfect, 0 is no better than chance, 0.8 or more is good",
    ),
    (
        "Self against manager (kappa)",
        "the same for a person's own view against their manager's, near misses counting less than far ones",
    ),
    (
        "Leniency",
        "how many steps of the scale a rater gives above (+) or below (−) the others who rated the same things",
    ),
    ("Flagged", "a leniency of half a step or more, where its 95% interval leaves out 0: not chance"),
    ("Spread", "how much a rater's ratings vary; near 0 means everyone gets the same"),
    (
        "Halo",
        "how much one impression colours every competency; near 1 means the ratings of a person all move together",
    ),
    ("Self − others", "how far people rate themselves above (+) or below (−) what others say"),
    ("Only holder", "the one person who meets the highest step expected of anyone here: a single point of failure"),
];

fn title(c: &Calibration) -> String {
    format!("Calibration · {} · {} to {}", c.scope.ladder, c.scope.since, c.scope.until)
}

fn scope_line(c: &Calibration) -> String {
    let s = &c.scope;
    format!(
        "{}, {}, {}, {}; intervals from {} bootstrap resamples (seed {}).",
        if s.people == 1 { "1 person".to_owned() } else { format!("{} people", s.people) },
        plural(s.views, "view"),
        plural(c.units, "unit"),
        plural(c.raters, "rater"),
        s.resamples,
        s.seed
    )
}

/// The sentences: agreement, flagged raters, gaps, coverage risks, suppressed groups.
fn findings(c: &Calibration, doc: &mut Document) {
    headline(c, doc);
    flagged_raters(c, doc);
    biggest_gaps(c, doc);
    coverage_risks(c, doc);
}

/// Agreement, self against manager, and the self–other gap overall.
fn headline(c: &Calibration, doc: &mut Document) {
    let without = if c.scope.exclude_self { " (self ratings left out)" } else { "" };
    doc.text(format!("Agreement{without}: {}.", estimate(&c.alpha, "alpha")));
    doc.text(format!("Without self ratings: {}.", estimate(&c.alpha_others, "alpha")));
    doc.text(match c.kappa_self_manager {
        Some(k) => format!("Self against manager: kappa {k:.2}."),
        None => "Self against manager: no unit was rated by both a self and a manager view.".to_owned(),
    });
    if let Some(gap) = c.self_other_gap.value {
        let range = c.self_other_gap.low.zip(c.self_other_gap.high);
        let range = range
            .map_or_else(String::new, |(l, h)| format!(" (95% interval {} to {})", signed(Some(l)), signed(Some(h))));
        doc.text(format!(
            "People rate themselves {} the others{range}, over {} units.",
            steps(gap),
            c.self_other_gap.units
        ));
    }
}

/// The flagged raters with their figures, or that there are none.
fn flagged_raters(c: &Calibration, doc: &mut Document) {
    doc.heading(2, "Flagged raters");
    let flagged: Vec<&Assessor> = c.assessors.iter().filter(|a| a.flagged).collect();
    if flagged.is_empty() {
        doc.text(Cell::new("No rater stands out from the others by half a step or more.", Tone::Good));
    }
    doc.list(flagged.iter().take(LISTED * 2).map(|a| {
        let range = a
            .low
            .zip(a.high)
            .map_or_else(String::new, |(l, h)| format!(", 95% interval {} to {}", signed(Some(l)), signed(Some(h))));
        Cell::new(
            format!("{} rates {} the others ({} units{range})", label(a), steps(a.leniency.unwrap_or(0.0)), a.units),
            Tone::Bad,
        )
    }));
    if flagged.len() > LISTED * 2 {
        doc.text(format!("…and {} more, in --format json.", flagged.len() - LISTED * 2));
    }
}

/// The people whose self-ratings stand farthest from the others'.
fn biggest_gaps(c: &Calibration, doc: &mut Document) {
    doc.heading(2, "Biggest self–other gaps");
    doc.list(
        c.people.iter().take(LISTED).map(|p| {
            format!("{} rates themselves {} the others ({} units)", p.person, steps(p.self_other_gap), p.units)
        }),
    );
    if c.people.is_empty() {
        doc.text("No unit has both a self rating and another.");
    }
}

/// Single points of failure, and the groups not shown.
fn coverage_risks(c: &Calibration, doc: &mut Document) {
    doc.heading(2, "Coverage risks");
    let risks = risks(c);
    if risks.is_empty() {
        doc.text("No competency rests on a single person.");
    }
    doc.list(risks);
    let suppressed: Vec<String> = c
        .distribution
        .by_level
        .iter()
        .filter(|g| g.suppressed)
        .map(|g| format!("level {}", g.group))
        .chain(c.distribution.by_relationship.iter().filter(|g| g.suppressed).map(|g| format!("rated by {}", g.group)))
        .collect();
    if !suppressed.is_empty() {
        doc.text(Cell::new(
            format!(
                "Not shown, as about fewer than {} people: {}.",
                c.scope.floor,
                crate::text::join_names(&suppressed)
            ),
            Tone::Muted,
        ));
    }
}

fn risks(c: &Calibration) -> Vec<Cell> {
    c.competencies
        .iter()
        .filter_map(|f| {
            let holder = f.single_holder.as_ref()?;
            let step = f.highest.as_deref().map_or_else(String::new, |s| format!(" ({s})"));
            Some(Cell::new(
                format!("{}: only {holder} meets the highest step expected of anyone here{step}", f.title),
                Tone::Warn,
            ))
        })
        .collect()
}

fn competency_table(c: &Calibration) -> Table {
    let mut t = Table::new([
        "Competency",
        "Agreement (alpha)",
        "Self vs manager (kappa)",
        "Self − others",
        "Meet target",
        "Only holder",
    ]);
    for f in &c.competencies {
        t.row([
            Cell::new(f.title.clone(), Tone::Strong),
            estimate_cell(&f.alpha),
            fixed(f.kappa_self_manager).into(),
            signed(f.self_other_gap).into(),
            format!("{} of {}", f.ready, c.judged).into(),
            holder(f),
        ]);
    }
    t
}

fn holder(f: &CompetencyFigures) -> Cell {
    match &f.single_holder {
        Some(name) => Cell::new(name.clone(), Tone::Warn),
        None => "—".into(),
    }
}

/// The raters a summary shows: every one but the self raters, who are each
/// one person and shown together, bar the flagged.
fn shown_raters(c: &Calibration) -> Vec<Assessor> {
    let mut shown: Vec<Assessor> =
        c.assessors.iter().filter(|a| a.relationship != Relationship::Myself || a.flagged).cloned().collect();
    let selves = c.assessors.iter().filter(|a| a.relationship == Relationship::Myself).count();
    if selves > 0 {
        let g = &c.self_other_gap;
        shown.push(Assessor {
            assessor: format!("self ({selves} {})", if selves == 1 { "person" } else { "people" }),
            relationship: Relationship::Myself,
            units: g.units,
            leniency: g.value,
            low: g.low,
            high: g.high,
            spread: None,
            halo: None,
            flagged: false,
        });
    }
    shown
}

fn rater_table(c: &Calibration) -> Table {
    let mut t = Table::new(["Rater", "Units", "Leniency", "95% interval", "Spread", "Halo", "Flagged"]);
    for a in shown_raters(c) {
        let range = a
            .low
            .zip(a.high)
            .map_or_else(|| "—".to_owned(), |(l, h)| format!("{} to {}", signed(Some(l)), signed(Some(h))));
        let flag = if a.flagged { Cell::new("yes", Tone::Bad) } else { "no".into() };
        t.row([
            Cell::new(label(&a), Tone::Strong),
            a.units.to_string().into(),
            signed(a.leniency).into(),
            range.into(),
            fixed(a.spread).into(),
            fixed(a.halo).into(),
            flag,
        ]);
    }
    t
}

fn distribution_table(c: &Calibration) -> Table {
    let mut t = Table::new(["Group", "People", "not-yet", "developing", "meets", "exceeds"]);
    let levels = c.distribution.by_level.iter().map(|g| (format!("level {}", g.group), g));
    let relationships = c.distribution.by_relationship.iter().map(|g| (format!("rated by {}", g.group), g));
    for (name, g) in levels.chain(relationships) {
        match (g.people, g.counts) {
            (Some(people), Some(counts)) => {
                let mut row: Vec<Cell> = vec![name.into(), people.to_string().into()];
                row.extend(counts.all().iter().map(|n| Cell::from(n.to_string())));
                t.row(row);
            }
            _ => t.row([
                name.into(),
                Cell::new(format!("fewer than {}", c.scope.floor), Tone::Muted),
                Cell::new("not shown", Tone::Muted),
                "".into(),
                "".into(),
                "".into(),
            ]),
        }
    }
    t
}

/// A chart and its table, kept together.
fn chart(doc: &mut Document, heading: &str, svg: String, table: Table) {
    let mut part = Document::default();
    part.heading(2, heading);
    part.blocks.push(Block::Figure {
        svg,
        caption: format!("{heading}: the same figures are in the table below."),
        link: None,
    });
    part.table(table);
    doc.section(part);
}

fn point(label: &str, value: Option<f64>, interval: Option<(f64, f64)>, marked: bool) -> Point {
    Point { label: label.to_owned(), value, interval, marked }
}

/// `Kim Park (manager)`, `peers (4)`, `Ann Lee (self)`.
fn label(a: &Assessor) -> String {
    match a.relationship {
        Relationship::Peer => a.assessor.clone(),
        Relationship::Myself if a.assessor.starts_with("self (") => a.assessor.clone(),
        r => format!("{} ({})", a.assessor, r.name()),
    }
}

/// `alpha 0.62 (95% interval 0.55 to 0.69, 108 units)`.
fn estimate(e: &Estimate, name: &str) -> String {
    match (e.value, e.low.zip(e.high)) {
        (Some(v), Some((l, h))) => {
            format!(
                "{name} {} (95% interval {} to {}, {} units)",
                fixed(Some(v)),
                fixed(Some(l)),
                fixed(Some(h)),
                e.units
            )
        }
        (Some(v), None) => format!("{name} {} ({} units)", fixed(Some(v)), e.units),
        (None, _) if e.units == 0 => format!("{name} cannot be computed: no unit has two ratings"),
        (None, _) => format!("{name} cannot be computed: every rating of the {} units is the same", e.units),
    }
}

fn estimate_cell(e: &Estimate) -> Cell {
    match (e.value, e.low.zip(e.high)) {
        (Some(v), Some((l, h))) => format!("{} ({} to {})", fixed(Some(v)), fixed(Some(l)), fixed(Some(h))).into(),
        (Some(v), None) => fixed(Some(v)).into(),
        (None, _) => "—".into(),
    }
}

/// `1.00 step above`, `0.50 steps below`, `as`.
fn steps(v: f64) -> String {
    let size = v.abs();
    if size < 0.005 {
        return "the same as".to_owned();
    }
    let unit = if (size - 1.0).abs() < 0.005 { "step" } else { "steps" };
    format!("{size:.2} {unit} {}", if v > 0.0 { "above" } else { "below" })
}

fn signed(v: Option<f64>) -> String {
    match v {
        Some(v) if v.abs() < 0.005 => "0.00".to_owned(),
        Some(v) if v > 0.0 => format!("+{v:.2}"),
        Some(v) => format!("−{:.2}", v.abs()),
        None => "—".to_owned(),
    }
}

/// `0.62`, `−0.05` (with a minus sign, as [`signed`]), or `—`.
fn fixed(v: Option<f64>) -> String {
    match v {
        Some(v) if v < -0.005 => format!("−{:.2}", v.abs()),
        Some(v) => format!("{:.2}", v.abs()),
        None => "—".to_owned(),
    }
}
