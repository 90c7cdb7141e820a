//! The ladder model: competencies, their ordered steps, and levels that expect
//! one step (or one text) per competency.
//!
//! This module owns the validated, in-memory shape of a ladder. Parsing and
//! validation live in [`parse`], the embedded ladders in [`builtin`], finding
//! ladders and levels by name in [`catalog`], and level-to-level comparison in
//! [`compare`]. Nothing here touches files except [`catalog`].

pub mod builtin;
pub mod catalog;
pub mod compare;
pub mod csv;
pub mod parse;

use std::fmt;
use std::path::PathBuf;

/// A career ladder: a role track whose levels expect something of each competency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ladder {
    /// Stable identifier, lowercase with hyphens (`tech-lead`).
    pub id: String,
    /// Human title (`Tech Lead`).
    pub title: String,
    /// One or two sentences on what the role is.
    pub summary: String,
    /// Version of the ladder's text, recorded in every assessment made against it.
    pub version: String,
    /// The competencies, in display order.
    pub competencies: Vec<Competency>,
    /// The levels, lowest first.
    pub levels: Vec<Level>,
    /// The parallel tracks, each an ordered list of level indices; empty
    /// when the ladder is one track, its levels in order.
    pub tracks: Vec<Track>,
    /// What each described group is about (`[[groups]]`), in file order.
    pub group_descriptions: Vec<GroupDescription>,
    /// Where the ladder came from.
    pub source: Source,
}

/// One track of a ladder that forks (an individual contributor's and a
/// manager's, say): its levels in order, which tracks may share at their start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    /// Identifier, unique within the ladder (`ic`).
    pub id: String,
    /// The name people read.
    pub title: String,
    /// The indices of its levels in `Ladder::levels`, lowest first.
    pub levels: Vec<usize>,
}

impl Promotion {
    /// The rule in words: `Ready for this level: Technical skill ready, and
    /// at least 1 of the others.`
    pub fn describe(&self, ladder: &Ladder) -> String {
        let title = |id: &String| ladder.competency(id).map_or(id.as_str(), |c| c.title.as_str()).to_owned();
        let required: Vec<String> = self.required.iter().map(title).collect();
        let required = crate::text::join_names(&required);
        match (self.required.is_empty(), self.at_least) {
            (true, n) => format!("Ready for this level: at least {n} competencies ready."),
            (false, 0) => format!("Ready for this level: {required} ready."),
            (false, n) => format!("Ready for this level: {required} ready, and at least {n} of the others."),
        }
    }
}

/// What a group of competencies is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupDescription {
    /// The group's name, as competencies name it.
    pub name: String,
    /// What it covers.
    pub description: String,
}

/// What being ready for a level takes, where it is not every competency:
/// every `required` competency, and at least `at_least` of the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promotion {
    /// The competency ids that must all be ready.
    pub required: Vec<String>,
    /// How many of the other competencies must be ready besides.
    pub at_least: usize,
}

/// One competency (the framework calls them dimensions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Competency {
    /// Stable identifier, lowercase with hyphens (`technology`).
    pub id: String,
    /// Human title (`Technology`).
    pub title: String,
    /// What the competency covers.
    pub description: String,
    /// Ordered, cumulative steps, lowest first; empty when the competency has none.
    pub steps: Vec<Step>,
    /// The group (category) the competency belongs to, if the ladder groups them.
    pub group: Option<String>,
}

/// One step of a competency. Reaching a step implies the lower ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The step's name (`Specializes`).
    pub name: String,
    /// What reaching the step looks like.
    pub description: String,
    /// The points that holding this step is worth, on ladders with points.
    pub points: Option<u32>,
}

/// One level of a ladder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    /// Identifier, unique within the ladder (`TL4`).
    pub id: String,
    /// Human title (`Tech Lead 4`).
    pub title: String,
    /// Whether the level counts as senior.
    pub senior: bool,
    /// One expectation per competency, in the ladder's competency order.
    pub expectations: Vec<Expectation>,
    /// The fewest points the level asks for, on ladders with points.
    pub min_points: Option<u32>,
    /// What the level is, in a sentence or two; empty when not given.
    pub description: String,
    /// The level's own rule for readiness, when it is not every competency.
    pub promotion: Option<Promotion>,
}

/// What a level expects of one competency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// Index into the competency's `steps`, or `None` when it has no steps
    /// or nothing is expected.
    pub step: Option<usize>,
    /// The level's own words for this competency.
    pub expected: Expected,
    /// The items of a text written as a bulleted list (`- a` lines), read
    /// once; empty otherwise.
    bullets: Vec<String>,
    /// The level whose expectation this cell repeats (`inherit = true`).
    pub inherited_from: Option<String>,
}

/// The words of one cell of the matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// One paragraph (`text = "…"`).
    Text(String),
    /// Several expectations, rated together as one cell (`items = ["…", "…"]`).
    Items(Vec<String>),
    /// Nothing is expected at this level (`none = true`): not asked, not scored.
    Nothing,
}

/// The most items one cell of several expectations may hold.
pub const MAX_ITEMS: usize = 32;

/// What a cell where nothing is expected says, wherever it is shown.
pub const NOT_EXPECTED: &str = "not expected at this level";

impl Expectation {
    /// A cell expecting `expected`, at `step`.
    pub fn new(step: Option<usize>, expected: Expected) -> Self {
        let bullets = match &expected {
            Expected::Text(text) => bulleted(text),
            _ => Vec::new(),
        };
        Expectation { step, expected, bullets, inherited_from: None }
    }

    /// Whether one rating answers both this cell and `other` of the same
    /// `competency`: the same step, or (without steps) the same words.
    pub fn same_ask(&self, other: &Expectation, competency: &Competency) -> bool {
        if competency.steps.is_empty() { self.expected == other.expected } else { self.step == other.step }
    }

    /// A cell where nothing is expected.
    pub fn nothing() -> Self {
        Expectation::new(None, Expected::Nothing)
    }

    /// Whether the level expects anything of the competency; a cell that
    /// does not is neither asked nor scored.
    pub fn is_expected(&self) -> bool {
        !matches!(self.expected, Expected::Nothing)
    }

    /// The cell's lines: the paragraph (or its bullets), each item, or
    /// [`NOT_EXPECTED`].
    pub fn lines(&self) -> Vec<&str> {
        match &self.expected {
            Expected::Text(_) if !self.bullets.is_empty() => self.bullets.iter().map(String::as_str).collect(),
            Expected::Text(text) => vec![text.as_str()],
            Expected::Items(items) => items.iter().map(String::as_str).collect(),
            Expected::Nothing => vec![NOT_EXPECTED],
        }
    }

    /// The cell as one paragraph, items joined with `; `, for places that
    /// have room for one line only (a saved assessment, a table cell).
    pub fn text(&self) -> String {
        self.lines().join("; ")
    }

    /// The items of a cell of several expectations, or of a text written as
    /// a bulleted list; empty otherwise.
    pub fn items(&self) -> &[String] {
        match &self.expected {
            Expected::Items(items) => items,
            Expected::Text(_) => &self.bullets,
            Expected::Nothing => &[],
        }
    }
}

/// The level right below level `index` given `tracks`: the one before it
/// on its track (tracks share what lies below a fork, so any track holding
/// it agrees), or the one before it in the list when there are no tracks.
pub fn below_on(tracks: &[Track], index: usize) -> Option<usize> {
    if tracks.is_empty() {
        return index.checked_sub(1);
    }
    tracks.iter().find_map(|t| {
        let at = t.levels.iter().position(|&l| l == index)?;
        at.checked_sub(1).map(|b| t.levels[b])
    })
}

/// The items of a text written as a bulleted list: every line that is not
/// blank starts with `- `, `* ` or `• `. Empty for any other text.
fn bulleted(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let items: Vec<String> = lines
        .iter()
        .filter_map(|l| ["- ", "* ", "• "].iter().find_map(|b| l.strip_prefix(b)))
        .map(|item| item.trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect();
    if items.len() == lines.len() { items } else { Vec::new() }
}

/// Where a ladder was loaded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Compiled into the binary.
    BuiltIn,
    /// Read from a file.
    File(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::BuiltIn => f.write_str("built-in"),
            Source::File(path) => write!(f, "{}", path.display()),
        }
    }
}

impl Ladder {
    /// The index of the level with this id, compared without regard to
    /// case and after Unicode NFC (level ids are stored in NFC).
    pub fn level_index(&self, id: &str) -> Option<usize> {
        // ASCII is its own NFC: most ids need no normalising copy.
        let id: std::borrow::Cow<'_, str> =
            if id.is_ascii() { std::borrow::Cow::Borrowed(id) } else { crate::text::nfc(id).into() };
        self.levels.iter().position(|l| l.id.eq_ignore_ascii_case(&id))
    }

    /// The competency with this id.
    pub fn competency(&self, id: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.id == id)
    }

    /// The level right below level `index`: on a ladder of tracks, the one
    /// before it on its track; else the one before it in the list.
    pub fn below(&self, index: usize) -> Option<usize> {
        below_on(&self.tracks, index)
    }

    /// Whether level `lower` lies below level `upper`: before it on a track
    /// they share, else (without tracks) before it in the list.
    pub fn is_below(&self, lower: usize, upper: usize) -> bool {
        let mut at = upper;
        while let Some(below) = self.below(at) {
            if below == lower {
                return true;
            }
            at = below;
        }
        false
    }

    /// The tracks level `index` is on.
    pub fn tracks_of(&self, index: usize) -> Vec<&Track> {
        self.tracks.iter().filter(|t| t.levels.contains(&index)).collect()
    }

    /// The track with this id, compared without regard to case.
    pub fn track(&self, id: &str) -> Option<&Track> {
        self.tracks.iter().find(|t| t.id.eq_ignore_ascii_case(id))
    }

    /// What the ladder says of `level` and of its groups, one line each:
    /// `TL5: …`, `Craft: …`.
    pub fn about(&self, level: &Level) -> Vec<String> {
        let described = Some(&level.description).filter(|d| !d.trim().is_empty()).map(|d| format!("{}: {d}", level.id));
        let groups = self.group_descriptions.iter().map(|g| format!("{}: {}", g.name, g.description));
        described.into_iter().chain(groups).collect()
    }

    /// What a group is about, when the ladder says.
    pub fn group_description(&self, group: &str) -> Option<&str> {
        self.group_descriptions.iter().find(|g| g.name == group).map(|g| g.description.as_str())
    }

    /// Whether every competency has steps, so levels compare step by step.
    pub fn has_steps(&self) -> bool {
        self.competencies.iter().all(|c| !c.steps.is_empty())
    }

    /// Whether any step carries points or any level a minimum of points.
    pub fn has_points(&self) -> bool {
        self.competencies.iter().flat_map(|c| &c.steps).any(|s| s.points.is_some())
            || self.levels.iter().any(|l| l.min_points.is_some())
    }

    /// The competencies in sections: one per group, in the order groups first
    /// appear, each holding its competencies' indices in the ladder's order.
    /// Competencies without a group come last, in a section without a name;
    /// a ladder without groups is that one section.
    pub fn sections(&self) -> Vec<(Option<&str>, Vec<usize>)> {
        let mut sections: Vec<(Option<&str>, Vec<usize>)> =
            self.groups().into_iter().map(|g| (Some(g), Vec::new())).collect();
        let mut loose = Vec::new();
        for (i, c) in self.competencies.iter().enumerate() {
            match sections.iter_mut().find(|(g, _)| *g == c.group.as_deref()) {
                Some((_, members)) => members.push(i),
                None => loose.push(i),
            }
        }
        if !loose.is_empty() {
            sections.push((None, loose));
        }
        sections
    }

    /// The groups, in the order their first competency appears; empty when
    /// no competency has one.
    pub fn groups(&self) -> Vec<&str> {
        let mut groups: Vec<&str> = Vec::new();
        for group in self.competencies.iter().filter_map(|c| c.group.as_deref()) {
            if !groups.contains(&group) {
                groups.push(group);
            }
        }
        groups
    }

    /// Whether another ladder has the same competencies with the same steps,
    /// so levels of the two can be compared competency by competency.
    ///
    /// # Errors
    /// The first difference found, in words.
    pub fn shares_shape_with(&self, other: &Ladder) -> Result<(), String> {
        if self.competencies.len() != other.competencies.len() {
            return Err(format!(
                "`{}` has {} competencies and `{}` has {}",
                self.id,
                self.competencies.len(),
                other.id,
                other.competencies.len()
            ));
        }
        for mine in &self.competencies {
            let Some(theirs) = other.competency(&mine.id) else {
                return Err(format!("`{}` has no competency `{}`", other.id, mine.id));
            };
            let names = |c: &Competency| c.steps.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
            if names(mine) != names(theirs) {
                return Err(format!("the steps of `{}` differ", mine.id));
            }
        }
        Ok(())
    }
}

impl Competency {
    /// The index of the step with this name, compared after Unicode NFC
    /// (step names are stored in NFC).
    pub fn step_index(&self, name: &str) -> Option<usize> {
        let name = crate::text::nfc(name);
        self.steps.iter().position(|s| s.name == name)
    }

    /// The name of the step at `index`, if any.
    pub fn step_name(&self, index: Option<usize>) -> Option<&str> {
        index.and_then(|i| self.steps.get(i)).map(|s| s.name.as_str())
    }
}

/// A level together with the ladder it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct LevelRef<'a> {
    /// The ladder.
    pub ladder: &'a Ladder,
    /// The index of the level within `ladder.levels`.
    pub index: usize,
}

impl<'a> LevelRef<'a> {
    /// The level itself.
    pub fn level(&self) -> &'a Level {
        &self.ladder.levels[self.index]
    }

    /// The next level up on the same ladder, if there is one: on a ladder
    /// of tracks, the next on the level's track, when exactly one track
    /// goes on from it (at a fork, see [`LevelRef::next_on`]).
    pub fn next(&self) -> Option<LevelRef<'a>> {
        if self.ladder.tracks.is_empty() {
            return (self.index + 1 < self.ladder.levels.len())
                .then(|| LevelRef { ladder: self.ladder, index: self.index + 1 });
        }
        let mut next: Vec<usize> = self.onward().into_iter().map(|(_, n)| n.index).collect();
        next.sort_unstable();
        next.dedup();
        match next.as_slice() {
            [one] => Some(LevelRef { ladder: self.ladder, index: *one }),
            _ => None,
        }
    }

    /// Each track this level is on, with the level after it there: more
    /// than one level at a fork, none at the top of every track.
    pub fn onward(&self) -> Vec<(&'a Track, LevelRef<'a>)> {
        let tracks = self.ladder.tracks_of(self.index).into_iter();
        tracks.filter_map(|t| self.next_on(t).map(|n| (t, n))).collect()
    }

    /// The next level on `track`, if the level is on it and not its last.
    pub fn next_on(&self, track: &Track) -> Option<LevelRef<'a>> {
        let at = track.levels.iter().position(|&i| i == self.index)?;
        track.levels.get(at + 1).map(|&index| LevelRef { ladder: self.ladder, index })
    }

    /// The expectation for a competency id, with the competency.
    pub fn expectation(&self, competency: &str) -> Option<(&'a Competency, &'a Expectation)> {
        let position = self.ladder.competencies.iter().position(|c| c.id == competency)?;
        Some((&self.ladder.competencies[position], &self.level().expectations[position]))
    }

    /// `LADDER:LEVEL`, the name that is unique across all ladders.
    pub fn qualified(&self) -> String {
        format!("{}:{}", self.ladder.id, self.level().id)
    }
}
