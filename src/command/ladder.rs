//! `rungs ladder show | compare` (`check` is in `ladder_check`).

use serde::Serialize;

use crate::cli::ShowArgs;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::ladder::{Competency, Expectation, Ladder, Level, LevelRef, NOT_EXPECTED, Track};
use crate::output::show as print;
use crate::render::{Cell, Document, Ordered, Table, Tone, View};

mod compare;

pub use compare::compare;

/// A competency as `ladder show --format json` gives it.
#[derive(Serialize)]
struct CompetencyOut<'a> {
    id: &'a str,
    title: &'a str,
    description: &'a str,
    group: Option<&'a str>,
    steps: Vec<&'a str>,
    step_descriptions: Vec<&'a str>,
    /// Each step's points, beside `steps`: null where a step has none.
    step_points: Vec<Option<u32>>,
}

#[derive(Serialize)]
struct ExpectationOut<'a> {
    step: Option<&'a str>,
    /// The step's points, on a ladder with points.
    points: Option<u32>,
    text: String,
    /// The items of a cell of several expectations, else null.
    items: Option<&'a [String]>,
    /// False where nothing is expected at this level.
    expected: bool,
    /// The level whose expectation this cell repeats (`inherit = true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    inherited_from: Option<&'a str>,
}

impl<'a> ExpectationOut<'a> {
    fn new(c: &'a Competency, e: &'a Expectation) -> Self {
        let items = e.items();
        ExpectationOut {
            step: c.step_name(e.step),
            points: e.step.and_then(|i| c.steps.get(i)).and_then(|s| s.points),
            text: if e.is_expected() { e.text() } else { String::new() },
            items: (!items.is_empty()).then_some(items),
            expected: e.is_expected(),
            inherited_from: e.inherited_from.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct LevelOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    ladder: Option<&'a str>,
    id: &'a str,
    title: &'a str,
    senior: bool,
    min_points: Option<u32>,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    promotion: Option<PromotionOut<'a>>,
    /// The tracks the level is on, on a ladder of tracks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tracks: Vec<&'a str>,
    expectations: Ordered<ExpectationOut<'a>>,
}

#[derive(Serialize)]
struct PromotionOut<'a> {
    required: &'a [String],
    at_least: usize,
}

#[derive(Serialize)]
struct TrackOut<'a> {
    id: &'a str,
    title: &'a str,
    levels: Vec<&'a str>,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    name: &'a str,
    description: &'a str,
}

impl<'a> LevelOut<'a> {
    fn new(level: LevelRef<'a>, with_ladder: bool) -> Self {
        let expectations = level
            .ladder
            .competencies
            .iter()
            .zip(&level.level().expectations)
            .map(|(c, e)| (c.id.clone(), ExpectationOut::new(c, e)))
            .collect();
        LevelOut {
            ladder: with_ladder.then_some(level.ladder.id.as_str()),
            id: &level.level().id,
            title: &level.level().title,
            senior: level.level().senior,
            min_points: level.level().min_points,
            description: &level.level().description,
            promotion: level
                .level()
                .promotion
                .as_ref()
                .map(|p| PromotionOut { required: &p.required, at_least: p.at_least }),
            tracks: level.ladder.tracks_of(level.index).into_iter().map(|t| t.id.as_str()).collect(),
            expectations: Ordered(expectations),
        }
    }
}

#[derive(Serialize)]
struct LadderOut<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    version: &'a str,
    source: String,
    groups: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    group_descriptions: Vec<GroupOut<'a>>,
    competencies: Vec<CompetencyOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tracks: Vec<TrackOut<'a>>,
    levels: Vec<LevelOut<'a>>,
    #[serde(skip)]
    ladder: &'a Ladder,
    /// The levels shown, by index: every level, or one track's.
    #[serde(skip)]
    shown: Vec<usize>,
    /// The ladder as the user named it (an id, or a path), for hints.
    #[serde(skip)]
    named: String,
}

impl<'a> LadderOut<'a> {
    fn new(ladder: &'a Ladder, track: Option<&'a Track>, named: &str) -> Self {
        let shown: Vec<usize> = track.map_or_else(|| (0..ladder.levels.len()).collect(), |t| t.levels.clone());
        LadderOut {
            id: &ladder.id,
            title: &ladder.title,
            summary: &ladder.summary,
            version: &ladder.version,
            source: ladder.source.to_string(),
            groups: ladder.groups(),
            group_descriptions: ladder
                .group_descriptions
                .iter()
                .map(|g| GroupOut { name: &g.name, description: &g.description })
                .collect(),
            tracks: ladder
                .tracks
                .iter()
                .filter(|t| track.is_none_or(|shown| shown.id == t.id))
                .map(|t| TrackOut {
                    id: &t.id,
                    title: &t.title,
                    levels: t.levels.iter().map(|&i| ladder.levels[i].id.as_str()).collect(),
                })
                .collect(),
            competencies: ladder
                .competencies
                .iter()
                .map(|c| CompetencyOut {
                    id: &c.id,
                    title: &c.title,
                    description: &c.description,
                    group: c.group.as_deref(),
                    steps: c.steps.iter().map(|s| s.name.as_str()).collect(),
                    step_descriptions: c.steps.iter().map(|s| s.description.as_str()).collect(),
                    step_points: c.steps.iter().map(|s| s.points).collect(),
                })
                .collect(),
            levels: shown.iter().map(|&index| LevelOut::new(LevelRef { ladder, index }, false)).collect(),
            ladder,
            shown,
            named: crate::text::shell_quote(named),
        }
    }
}

/// The most competencies shown side by side as columns; a wider ladder is
/// shown level by level, so that it reads at 80 columns.
const MATRIX_COLUMNS: usize = 8;

/// `2 Specializes`, the cell's text where the competency has no steps, or
/// [`NOT_EXPECTED`].
fn cell_summary(c: &Competency, e: &Expectation) -> String {
    match c.step_name(e.step) {
        Some(name) => format!("{} {name}", e.step.map_or(0, |i| i + 1)),
        None => e.text(),
    }
}

/// `2 Specializes (3 points)`: the expected step with its points, if any.
fn step_label(c: &Competency, e: &Expectation) -> Option<String> {
    let i = e.step?;
    let step = c.steps.get(i)?;
    Some(format!("{} {}{}", i + 1, step.name, points_note(step.points)))
}

/// ` (12 points)`, or nothing.
fn points_note(points: Option<u32>) -> String {
    points.map_or_else(String::new, |p| format!(" ({})", crate::text::plural(p as usize, "point")))
}

impl View for LadderOut<'_> {
    fn document(&self) -> Document {
        let ladder = self.ladder;
        let mut doc = Document::default();
        doc.heading(1, format!("{} ({}, version {})", ladder.title, ladder.id, ladder.version));
        if !ladder.summary.is_empty() {
            doc.text(ladder.summary.as_str());
        }
        let groups = ladder.sections();
        if groups.len() > 1 || groups.iter().any(|(g, _)| g.is_some()) {
            doc.heading(2, "Groups");
            let lines = groups.iter().map(|(group, members)| {
                let titles: Vec<&str> = members.iter().map(|&i| ladder.competencies[i].title.as_str()).collect();
                let about =
                    group.and_then(|g| ladder.group_description(g)).map_or_else(String::new, |d| format!(" ({d})"));
                format!("{}: {}{about}", group.unwrap_or("Other"), titles.join(", "))
            });
            doc.list(lines.collect::<Vec<_>>());
        }
        if !self.tracks.is_empty() {
            doc.heading(2, "Tracks");
            let lines = self.tracks.iter().map(|t| format!("{} ({}): {}", t.title, t.id, t.levels.join(" → ")));
            doc.list(lines.collect::<Vec<_>>());
        }
        doc.heading(2, "Levels");
        let levels: Vec<&Level> = self.shown.iter().map(|&i| &ladder.levels[i]).collect();
        let lists = levels.iter().flat_map(|l| &l.expectations).any(|e| !e.items().is_empty());
        if ladder.competencies.len() <= MATRIX_COLUMNS && !lists {
            matrix(&mut doc, ladder, &levels);
        } else {
            level_by_level(&mut doc, ladder, &levels, &groups);
        }
        if ladder.competencies.iter().any(|c| !c.steps.is_empty()) {
            doc.heading(2, "Steps");
            let described = ladder.competencies.iter().flat_map(|c| &c.steps).any(|s| !s.description.is_empty());
            let head = ["Competency", "Step"].into_iter().chain(described.then_some("What it looks like"));
            let mut steps = Table::new(head);
            // One scale that every competency shares is listed once.
            let first = &ladder.competencies[0];
            let shared = ladder.competencies.iter().all(|c| c.steps == first.steps);
            let listed = if shared { &ladder.competencies[..1] } else { &ladder.competencies[..] };
            for c in listed {
                let c_title = if shared { "Every competency" } else { c.title.as_str() };
                for (i, step) in c.steps.iter().enumerate() {
                    let title = if i == 0 { c_title } else { "" };
                    let name = format!("{} {}{}", i + 1, step.name, points_note(step.points));
                    let description = described.then(|| Cell::from(&step.description));
                    steps.row([Cell::from(title), name.into()].into_iter().chain(description));
                }
            }
            doc.table(steps);
        }
        let first = levels.first().map_or("", |l| l.id.as_str());
        let hint = format!("One level in full: rungs ladder show {} --level {first}", self.named);
        doc.text(Cell::new(hint, Tone::Muted));
        doc
    }
}

/// Levels as rows and competencies as columns.
fn matrix(doc: &mut Document, ladder: &Ladder, levels: &[&Level]) {
    let titles = ladder.competencies.iter().map(|c| c.title.as_str());
    let points = levels.iter().any(|l| l.min_points.is_some());
    let head = ["Level", "Senior"].into_iter().chain(points.then_some("Points"));
    let mut table = Table::new(head.chain(titles));
    for level in levels {
        let cells = ladder.competencies.iter().zip(&level.expectations).map(|(c, e)| {
            let tone = if e.is_expected() { Tone::Plain } else { Tone::Muted };
            Cell::new(cell_summary(c, e), tone)
        });
        let senior = if level.senior { "yes" } else { "no" };
        let min = level.min_points.map_or_else(String::new, |p| p.to_string());
        let first = [Cell::new(&level.id, Tone::Strong), senior.into()].into_iter().chain(points.then(|| min.into()));
        table.row(first.chain(cells));
    }
    doc.table(table);
}

/// One paragraph per level and one line per group: how a ladder too wide
/// for columns reads at 80 columns.
fn level_by_level(doc: &mut Document, ladder: &Ladder, levels: &[&Level], groups: &[(Option<&str>, Vec<usize>)]) {
    let steps = ladder.has_steps();
    if steps {
        let key = "Each competency shows the number of the step the level expects; Steps, below, names them.";
        doc.text(Cell::new(key, Tone::Muted));
    }
    for level in levels {
        let senior = if level.senior { "senior" } else { "not senior" };
        let min = level
            .min_points
            .map_or_else(String::new, |p| format!(", asks for {}", crate::text::plural(p as usize, "point")));
        doc.text(Cell::new(format!("{}: {} ({senior}{min})", level.id, level.title), Tone::Strong));
        if !level.description.is_empty() {
            doc.text(Cell::new(&level.description, Tone::Muted));
        }
        if !steps {
            for (c, e) in ladder.competencies.iter().zip(&level.expectations) {
                let lead = step_label(c, e).map_or_else(|| c.title.clone(), |label| format!("{} · {label}", c.title));
                expectation_item(doc, &lead, e);
            }
            continue;
        }
        let lines: Vec<Cell> = {
            groups
                .iter()
                .map(|(group, members)| {
                    let cells: Vec<String> = members
                        .iter()
                        .map(|&i| {
                            let (c, e) = (&ladder.competencies[i], &level.expectations[i]);
                            match e.step {
                                Some(step) => format!("{} {}", c.title, step + 1),
                                None => format!("{} ({})", c.title, NOT_EXPECTED),
                            }
                        })
                        .collect();
                    let cells = cells.join(" · ");
                    Cell::from(group.map_or(cells.clone(), |g| format!("{g}: {cells}")))
                })
                .collect()
        };
        doc.list(lines);
    }
}

/// One competency's cell as a list item: `Title: text`, or `Title:` with
/// its items under it, muted where nothing is expected; a cell that repeats
/// a lower level says so (`as at L2`).
fn expectation_item(doc: &mut Document, lead: &str, e: &Expectation) {
    let items = e.items();
    let lead = match &e.inherited_from {
        Some(level) => format!("{lead} (as at {level})"),
        None => lead.to_owned(),
    };
    if items.is_empty() {
        let tone = if e.is_expected() { Tone::Plain } else { Tone::Muted };
        doc.list([Cell::new(format!("{lead}: {}", e.text()), tone)]);
    } else {
        doc.list([Cell::new(format!("{lead}:"), Tone::Strong)]);
        doc.sublist(items.iter().map(String::as_str));
    }
}

struct LevelView<'a> {
    level: LevelRef<'a>,
    out: LevelOut<'a>,
}

impl Serialize for LevelView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.out.serialize(serializer)
    }
}

impl View for LevelView<'_> {
    fn document(&self) -> Document {
        let (ladder, level) = (self.level.ladder, self.level.level());
        let mut doc = Document::default();
        let seniority = if level.senior { "senior" } else { "not senior" };
        doc.heading(1, format!("{}: {} ({}, {seniority})", level.id, level.title, ladder.title));
        if !level.description.is_empty() {
            doc.text(level.description.as_str());
        }
        if let Some(min) = level.min_points {
            doc.text(format!("Asks for {} in all.", crate::text::plural(min as usize, "point")));
        }
        if let Some(rule) = &level.promotion {
            doc.text(rule.describe(ladder));
        }
        let lists = level.expectations.iter().any(|e| !e.items().is_empty());
        let groups = ladder.sections();
        for (group, members) in &groups {
            if groups.len() > 1 || group.is_some() {
                doc.heading(2, group.unwrap_or("Other"));
            }
            if let Some(about) = group.and_then(|g| ladder.group_description(g)) {
                doc.text(Cell::new(about, Tone::Muted));
            }
            if lists {
                for &i in members {
                    let (c, e) = (&ladder.competencies[i], &level.expectations[i]);
                    let step = step_label(c, e).map_or_else(String::new, |label| format!(" · {label}"));
                    expectation_item(&mut doc, &format!("{}{step}", c.title), e);
                }
            } else {
                let mut table = Table::new(["Competency", "Step", "Expected"]);
                for &i in members {
                    let (c, e) = (&ladder.competencies[i], &level.expectations[i]);
                    let step = step_label(c, e).unwrap_or_default();
                    let tone = if e.is_expected() { Tone::Plain } else { Tone::Muted };
                    let text = match &e.inherited_from {
                        Some(level) => format!("{} (as at {level})", e.text()),
                        None => e.text(),
                    };
                    table.row([Cell::new(&c.title, Tone::Strong), step.into(), Cell::new(text, tone)]);
                }
                doc.table(table);
            }
        }
        doc
    }
}

/// The track `id` of `ladder`, or a usage error naming the tracks it has.
fn find_track<'a>(ladder: &'a Ladder, id: &str) -> Result<&'a Track> {
    ladder.track(id).ok_or_else(|| {
        let known: Vec<&str> = ladder.tracks.iter().map(|t| t.id.as_str()).collect();
        Error::Usage(if known.is_empty() {
            format!("--track {id}: ladder `{}` has no tracks", ladder.id)
        } else {
            format!("--track {id}: ladder `{}` has no such track; its tracks are {}", ladder.id, known.join(", "))
        })
    })
}

/// `rungs ladder show`.
///
/// # Errors
/// An unknown ladder or level, or an invalid ladder file.
pub fn show(settings: &Settings, args: &ShowArgs) -> Result<()> {
    let mut catalog = settings.catalog()?;
    let ladder = catalog.find_ladder(&args.ladder)?;
    let at = args.level.as_deref().map(|name| catalog.find_level_in(ladder, name)).transpose()?;
    let track = args.track.as_deref().map(|id| find_track(catalog.get(ladder), id)).transpose()?;
    match at {
        None => print(&LadderOut::new(catalog.get(ladder), track, &args.ladder), args.output.format, settings),
        Some(at) => {
            if let Some(track) = track.filter(|t| !t.levels.contains(&at.1)) {
                let levels: Vec<&str> =
                    track.levels.iter().map(|&i| catalog.get(ladder).levels[i].id.as_str()).collect();
                return Err(Error::Usage(format!(
                    "--track {}: level `{}` is not on that track; its levels are {}",
                    track.id,
                    catalog.get(ladder).levels[at.1].id,
                    levels.join(", ")
                )));
            }
            let level = catalog.level(at);
            let view = LevelView { level, out: LevelOut::new(level, true) };
            print(&view, args.output.format, settings)
        }
    }
}
