//! `rungs ladder show | compare` (`check` is in `ladder_check`).

use serde::Serialize;

use super::show as print;
use crate::cli::{CompareArgs, ShowArgs};
use crate::config::Settings;
use crate::error::Result;
use crate::ladder::compare::{Change, Comparison, compare as compare_levels};
use crate::ladder::{Ladder, LevelRef};
use crate::render::{Cell, Document, Ordered, Table, Tone, View};

/// A competency as `ladder show --format json` gives it.
#[derive(Serialize)]
struct CompetencyOut<'a> {
    id: &'a str,
    title: &'a str,
    description: &'a str,
    steps: Vec<&'a str>,
    step_descriptions: Vec<&'a str>,
}

#[derive(Serialize)]
struct ExpectationOut<'a> {
    step: Option<&'a str>,
    text: String,
}

#[derive(Serialize)]
struct LevelOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    ladder: Option<&'a str>,
    id: &'a str,
    title: &'a str,
    senior: bool,
    expectations: Ordered<ExpectationOut<'a>>,
}

impl<'a> LevelOut<'a> {
    fn new(level: LevelRef<'a>, with_ladder: bool) -> Self {
        let expectations = level
            .ladder
            .competencies
            .iter()
            .zip(&level.level().expectations)
            .map(|(c, e)| (c.id.clone(), ExpectationOut { step: c.step_name(e.step), text: e.text() }))
            .collect();
        LevelOut {
            ladder: with_ladder.then_some(level.ladder.id.as_str()),
            id: &level.level().id,
            title: &level.level().title,
            senior: level.level().senior,
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
    competencies: Vec<CompetencyOut<'a>>,
    levels: Vec<LevelOut<'a>>,
    #[serde(skip)]
    ladder: &'a Ladder,
}

impl<'a> LadderOut<'a> {
    fn new(ladder: &'a Ladder) -> Self {
        LadderOut {
            id: &ladder.id,
            title: &ladder.title,
            summary: &ladder.summary,
            version: &ladder.version,
            source: ladder.source.to_string(),
            competencies: ladder
                .competencies
                .iter()
                .map(|c| CompetencyOut {
                    id: &c.id,
                    title: &c.title,
                    description: &c.description,
                    steps: c.steps.iter().map(|s| s.name.as_str()).collect(),
                    step_descriptions: c.steps.iter().map(|s| s.description.as_str()).collect(),
                })
                .collect(),
            levels: (0..ladder.levels.len()).map(|index| LevelOut::new(LevelRef { ladder, index }, false)).collect(),
            ladder,
        }
    }
}

impl View for LadderOut<'_> {
    fn document(&self) -> Document {
        let ladder = self.ladder;
        let mut doc = Document::default();
        doc.heading(1, format!("{} ({}, version {})", ladder.title, ladder.id, ladder.version));
        if !ladder.summary.is_empty() {
            doc.text(ladder.summary.as_str());
        }
        let titles = ladder.competencies.iter().map(|c| c.title.as_str());
        let mut matrix = Table::new(["Level", "Senior"].into_iter().chain(titles));
        for level in &ladder.levels {
            let cells = ladder.competencies.iter().zip(&level.expectations).map(|(c, e)| {
                let step = c
                    .step_name(e.step)
                    .map_or_else(|| e.text(), |name| format!("{} {name}", e.step.map_or(0, |i| i + 1)));
                Cell::from(step)
            });
            let senior = if level.senior { "yes" } else { "no" };
            let first = [Cell::new(&level.id, Tone::Strong), senior.into()];
            matrix.row(first.into_iter().chain(cells));
        }
        doc.heading(2, "Levels").table(matrix);
        if ladder.has_steps() {
            doc.heading(2, "Steps");
            let mut steps = Table::new(["Competency", "Step", "What it looks like"]);
            for c in &ladder.competencies {
                for (i, step) in c.steps.iter().enumerate() {
                    let title = if i == 0 { c.title.as_str() } else { "" };
                    steps.row([title.into(), format!("{} {}", i + 1, step.name).into(), Cell::from(&step.description)]);
                }
            }
            doc.table(steps);
        }
        let hint = format!("One level in full: rungs ladder show {} --level {}", ladder.id, ladder.levels[0].id);
        doc.text(Cell::new(hint, Tone::Muted));
        doc
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
        let mut table = Table::new(["Competency", "Step", "Expected"]);
        for (c, e) in ladder.competencies.iter().zip(&level.expectations) {
            let step =
                c.step_name(e.step).map_or_else(String::new, |name| format!("{} {name}", e.step.map_or(0, |i| i + 1)));
            table.row([Cell::new(&c.title, Tone::Strong), step.into(), e.text().into()]);
        }
        doc.table(table);
        doc
    }
}

/// `rungs ladder show`.
///
/// # Errors
/// An unknown ladder or level, or an invalid ladder file.
pub fn show(settings: &Settings, args: &ShowArgs) -> Result<()> {
    let mut catalog = settings.catalog()?;
    let ladder = catalog.find_ladder(&args.ladder)?;
    match &args.level {
        None => print(&LadderOut::new(catalog.get(ladder)), args.output.format, settings),
        Some(name) => {
            let at = catalog.find_level_in(ladder, name)?;
            let level = catalog.level(at);
            let view = LevelView { level, out: LevelOut::new(level, true) };
            print(&view, args.output.format, settings)
        }
    }
}

impl View for Comparison {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        let qualified = self.from_ladder != self.to_ladder;
        let name = |ladder: &str, level: &str| if qualified { format!("{ladder}:{level}") } else { level.to_owned() };
        let (from, to) = (name(&self.from_ladder, &self.from), name(&self.to_ladder, &self.to));
        doc.heading(1, format!("{from} → {to}"));
        let mut table = Table::new(["Competency", from.as_str(), to.as_str(), "Change"]);
        for c in &self.competencies {
            let (mark, tone) = match c.change {
                Change::Up => ("↑ up", Tone::Good),
                Change::Same => ("= same", Tone::Muted),
                Change::Down => ("↓ down", Tone::Bad),
            };
            let step = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".into());
            table.row([
                Cell::new(&c.title, Tone::Strong),
                step(&c.from_step).into(),
                step(&c.to_step).into(),
                Cell::new(mark, tone),
            ]);
        }
        doc.table(table);
        let asks: Vec<String> = self
            .competencies
            .iter()
            .filter(|c| c.change == Change::Up)
            .map(|c| format!("{}: {}", c.title, c.to_text))
            .collect();
        if !asks.is_empty() {
            doc.heading(2, format!("What {to} asks for beyond {from}")).list(asks);
        }
        doc
    }
}

/// `rungs ladder compare`.
///
/// # Errors
/// Unknown levels, or ladders whose competencies or steps differ.
pub fn compare(settings: &Settings, args: &CompareArgs) -> Result<()> {
    let mut catalog = settings.catalog()?;
    let from = catalog.find_level(&args.from)?;
    let to = catalog.find_level(&args.to)?;
    let comparison = compare_levels(catalog.level(from), catalog.level(to))?;
    print(&comparison, args.output.format, settings)
}
