//! `rungs team`: one row per person from their latest assessment, sorted by
//! how many competencies are ready. Reads only each person's latest file(s),
//! so its cost grows with the number of people, not of files.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::report::tone;
use super::{Scored, Titles, show, skipped};
use crate::assessment::Assessment;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::{Cell, Document, Format, Table, Tone, View};
use crate::scoring::Status;
use crate::store;

#[derive(Serialize)]
#[serde(transparent)]
struct Team {
    members: Vec<Scored>,
    #[serde(skip)]
    competencies: Vec<String>,
    #[serde(skip)]
    titles: Titles,
}

/// The files dated on a person's latest day: names begin with the date.
fn latest_day(dir: &Path) -> Result<Vec<PathBuf>> {
    let files = store::json_files(dir)?;
    let day = |p: &PathBuf| p.file_name().and_then(|n| n.to_str()).map(|n| n.chars().take(10).collect::<String>());
    let last = files.iter().filter_map(day).max();
    Ok(files.into_iter().filter(|p| day(p) == last).collect())
}

/// A person's latest readable assessment among their latest day's files.
fn latest(dir: &Path, problems: &mut Vec<Error>) -> Result<Option<(PathBuf, Assessment)>> {
    let mut found = Vec::new();
    for path in latest_day(dir)? {
        match store::read(&path) {
            Ok(a) => found.push((path, a)),
            Err(e) => problems.push(e),
        }
    }
    Ok(found.into_iter().max_by_key(|(_, a)| (a.date, a.created_at)))
}

/// A status as one character, so a dozen competencies fit in 80 columns.
pub fn glyph(status: Status) -> &'static str {
    match status {
        Status::Ready => "●",
        Status::Growing => "◐",
        Status::Below => "○",
    }
}

impl View for Team {
    fn document(&self) -> Document {
        // Three letters a competency, so many of them fit in 80 columns.
        let short = |title: &str| title.chars().take(3).collect::<String>();
        let titles = self.competencies.iter().map(|c| short(self.titles.get(c)));
        let header = ["Person".to_owned(), "Levels".to_owned()]
            .into_iter()
            .chain(titles)
            .chain(["Ready".to_owned(), "Date".to_owned()]);
        let mut table = Table::new(header);
        for m in &self.members {
            let mut cells = vec![Cell::new(&m.person, Tone::Strong), format!("{} → {}", m.current, m.target).into()];
            for id in &self.competencies {
                let status = m.status(id);
                cells.push(status.map_or_else(|| Cell::new("·", Tone::Muted), |s| Cell::new(glyph(s), tone(s))));
            }
            let all = if m.ready_count == m.total { Tone::Good } else { Tone::Plain };
            cells.push(Cell::new(format!("{}/{}", m.ready_count, m.total), all));
            cells.push(m.date.to_string().into());
            table.row(cells);
        }
        let mut doc = Document::default();
        let people =
            if self.members.len() == 1 { "1 person".to_owned() } else { format!("{} people", self.members.len()) };
        doc.heading(1, format!("Team: {people}, latest assessment each")).table(table);
        let legend: Vec<String> = self
            .competencies
            .iter()
            .map(|c| {
                let title = self.titles.get(c);
                format!("{} {title}", short(title))
            })
            .collect();
        doc.text(Cell::new(format!("● ready  ◐ growing  ○ below   ({})", legend.join(", ")), Tone::Muted));
        doc
    }
}

/// Runs `rungs team`.
///
/// # Errors
/// An unreadable folder; exit 1 after the table when files were skipped.
pub fn run(settings: &Settings, format: Format) -> Result<()> {
    let store = settings.store()?;
    let catalog = settings.catalog()?;
    let mut problems = Vec::new();
    let mut members = Vec::new();
    for dir in store.person_dirs()? {
        if let Some((path, a)) = latest(&dir, &mut problems)? {
            members.push((Scored::new(path, &a), a.ladder.id));
        }
    }
    members.sort_by(|(a, _), (b, _)| b.ready_count.cmp(&a.ready_count).then_with(|| a.person.cmp(&b.person)));
    let mut competencies: Vec<String> = Vec::new();
    for (m, _) in &members {
        for (id, _) in &m.statuses.0 {
            if !competencies.contains(id) {
                competencies.push(id.clone());
            }
        }
    }
    let titles = Titles::of(&catalog, members.first().map_or("", |(_, ladder)| ladder.as_str()));
    let team = Team { members: members.into_iter().map(|(m, _)| m).collect(), competencies, titles };
    if team.members.is_empty() && format != Format::Json {
        let root = crate::untrusted::terminal(&store.root().display().to_string()).into_owned();
        eprintln!("No assessments in {root} yet; start with: rungs assess");
    } else {
        show(&team, format, settings)?;
    }
    skipped(settings, &problems)
}
