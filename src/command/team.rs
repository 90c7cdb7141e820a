//! `rungs team`: one row per person from their latest assessment, sorted by
//! how many competencies are ready. Reads only each person's latest file(s),
//! so its cost grows with the number of people, not of files. The same rows
//! make the heatmap page (`--format html`, [`heatmap`]).

mod heatmap;

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::report::tone;
use super::{Scored, Titles, skipped, write_out};
use crate::assessment::Relationship;
use crate::assessment::calibrate::{StatusDisagreement, status_disagreements};
use crate::cli::TeamArgs;
use crate::collection::Found;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::ladder::catalog::Catalog;
use crate::render::{Cell, Document, Format, Style, Table, TeamFormat, Tone, View, render};
use crate::scoring::Status;
use crate::store;

#[derive(Serialize)]
#[serde(transparent)]
struct Team {
    members: Vec<Member>,
    #[serde(skip)]
    competencies: Vec<String>,
    #[serde(skip)]
    titles: Titles,
}

/// One row: the view shown, and how far the person's self and manager views are apart.
#[derive(Serialize)]
struct Member {
    #[serde(flatten)]
    shown: Scored,
    /// Competencies whose status differs between the latest self and
    /// manager views (counted in JSON); `None` when either view is missing.
    #[serde(serialize_with = "count")]
    disagreements: Option<Vec<StatusDisagreement>>,
}

/// The disagreements as JSON has always shown them: how many.
fn count<S: serde::Serializer>(found: &Option<Vec<StatusDisagreement>>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_some(&found.as_ref().map(Vec::len))
}

/// The relationship a file name says, from `DATE-LADDER-RELATIONSHIP[-N].json`.
fn named_relationship(path: &Path) -> Option<Relationship> {
    let stem = path.file_stem()?.to_str()?;
    let stem = stem.trim_end_matches(|c: char| c.is_ascii_digit());
    let stem = if stem.len() < path.file_stem()?.len() { stem.strip_suffix('-')? } else { stem };
    Relationship::ALL.into_iter().find(|r| stem.ends_with(&format!("-{r}")))
}

/// A person's latest readable assessment of one relationship (and ladder,
/// when given), newest files first, so that only a few files are read
/// however long the history. An unreadable newer file is named and passed over.
fn latest(files: &[PathBuf], wanted: (Relationship, Option<&str>), problems: &mut Vec<Error>) -> Option<Found> {
    let (relationship, ladder) = wanted;
    let day = |p: &PathBuf| p.file_name().and_then(|n| n.to_str()).map(|n| n.chars().take(10).collect::<String>());
    let mut candidates: Vec<&PathBuf> = files.iter().filter(|p| named_relationship(p) == Some(relationship)).collect();
    candidates.sort_by_key(|p| std::cmp::Reverse(day(p)));
    let mut best: Option<Found> = None;
    for path in candidates {
        if best.as_ref().is_some_and(|(_, b)| day(path) < Some(b.date.to_string())) {
            break;
        }
        match store::read(path) {
            Ok(a) if a.relationship == relationship && ladder.is_none_or(|l| l == a.ladder.id) => {
                if best.as_ref().is_none_or(|(_, b)| (b.date, b.created_at) < (a.date, a.created_at)) {
                    best = Some((path.clone(), a));
                }
            }
            Ok(_) => {}
            Err(e) => problems.push(e),
        }
    }
    best
}

/// A person's row and the ladder it is on, if they have the view shown.
type Row = Option<(Member, String)>;

/// One person's row, from the newest files in their folder, and the files
/// that could not be read.
fn member(dir: &Path, relationship: Option<Relationship>) -> Result<(Row, Vec<Error>)> {
    let files = store::json_files(dir)?;
    let mut problems = Vec::new();
    let own = latest(&files, (Relationship::Myself, None), &mut problems);
    let manager = latest(&files, (Relationship::Manager, None), &mut problems);
    // The self view beside the manager's is the one on the manager's ladder.
    let other = match (&own, &manager) {
        (Some((_, a)), Some((_, m))) if a.ladder.id != m.ladder.id => {
            Some(latest(&files, (Relationship::Myself, Some(&m.ladder.id)), &mut problems))
        }
        _ => None,
    };
    let beside = other.as_ref().map_or(own.as_ref(), Option::as_ref);
    let disagreements = beside.zip(manager.as_ref()).and_then(|((_, a), (_, m))| status_disagreements(a, m));
    let shown = match relationship {
        Some(Relationship::Myself) => own,
        Some(_) => manager,
        None => manager.or(own),
    };
    let row = shown.map(|(path, a)| (Member { shown: Scored::new(path, &a), disagreements }, a.ladder.id));
    Ok((row, problems))
}

/// A status as one character, so a dozen competencies fit in 80 columns.
pub fn glyph(status: Status) -> &'static str {
    match status {
        Status::Ready => "●",
        Status::Growing => "◐",
        Status::Below => "○",
    }
}

/// Short names for competency titles, so a dozen competencies fit in 80
/// columns: three characters of each, more where titles start alike, so that
/// no two read the same (Communic and Communit for Communication and Community).
fn abbreviations(titles: &[&str]) -> Vec<String> {
    // The longest start a title shares with any other is the one it shares
    // with a neighbour in sorted order.
    let mut order: Vec<usize> = (0..titles.len()).collect();
    order.sort_by_key(|&i| titles[i]);
    let shared = |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let mut lengths = vec![3; titles.len()];
    for pair in order.windows(2) {
        let length = shared(titles[pair[0]], titles[pair[1]]) + 1;
        for &i in pair {
            lengths[i] = lengths[i].max(length);
        }
    }
    titles.iter().zip(lengths).map(|(title, length)| title.chars().take(length).collect()).collect()
}

impl View for Team {
    fn document(&self) -> Document {
        let titles: Vec<&str> = self.competencies.iter().map(|c| self.titles.get(c)).collect();
        let short = abbreviations(&titles);
        let header = ["Person".to_owned(), "View".to_owned(), "Levels".to_owned()]
            .into_iter()
            .chain(short.clone())
            .chain(["Ready".to_owned(), "Differ".to_owned(), "Date".to_owned()]);
        let mut table = Table::new(header);
        for member in &self.members {
            let m = &member.shown;
            let mut cells = vec![
                Cell::new(&m.person, Tone::Strong),
                m.relationship.as_str().into(),
                format!("{} → {}", m.current, m.target).into(),
            ];
            for id in &self.competencies {
                let status = m.status(id);
                cells.push(status.map_or_else(|| Cell::new("·", Tone::Muted), |s| Cell::new(glyph(s), tone(s))));
            }
            let all = if m.ready_count == m.total { Tone::Good } else { Tone::Plain };
            cells.push(Cell::new(format!("{}/{}", m.ready_count, m.total), all));
            cells.push(match member.disagreements.as_ref().map(Vec::len) {
                None => Cell::new("—", Tone::Muted),
                Some(0) => Cell::new("0", Tone::Good),
                Some(n) => Cell::new(n.to_string(), Tone::Warn),
            });
            cells.push(m.date.to_string().into());
            table.row(cells);
        }
        let mut doc = Document::default();
        let people =
            if self.members.len() == 1 { "1 person".to_owned() } else { format!("{} people", self.members.len()) };
        doc.heading(1, format!("Team: {people}, latest assessment each")).table(table);
        doc.text(Cell::new(
            "View: whose view the row shows. Differ: competencies whose status the latest self and manager views disagree on.",
            Tone::Muted,
        ));
        let legend: Vec<String> = short.iter().zip(&titles).map(|(short, title)| format!("{short} {title}")).collect();
        doc.text(Cell::new(format!("● ready  ◐ growing  ○ below   ({})", legend.join(", ")), Tone::Muted));
        doc
    }
}

/// Runs `rungs team`.
///
/// # Errors
/// An unreadable folder; exit 1 after the table when files were skipped.
pub fn run(settings: &Settings, args: &TeamArgs) -> Result<()> {
    if args.relationship == Some(Relationship::Peer) {
        return Err(Error::Usage(
            "team shows self or manager views; peer views are shown together per person: rungs report NAME --relationship peer".into(),
        ));
    }
    let store = settings.store()?;
    let catalog = settings.catalog()?;
    // People are read on a few threads, in order: each reads only its own folder.
    let dirs = store.person_dirs()?;
    let mut problems = Vec::new();
    let mut members = Vec::with_capacity(dirs.len());
    for person in crate::collection::in_parallel(&dirs, || (), |(), dir| member(dir, args.relationship)) {
        let (member, unread) = person?;
        problems.extend(unread);
        members.extend(member);
    }
    members.sort_by(|(a, _), (b, _)| {
        b.shown.ready_count.cmp(&a.shown.ready_count).then_with(|| a.shown.person.cmp(&b.shown.person))
    });
    let mut competencies: Vec<String> = Vec::new();
    for (m, _) in &members {
        for (id, _) in &m.shown.statuses.0 {
            if !competencies.contains(id) {
                competencies.push(id.clone());
            }
        }
    }
    // Titles from every ladder shown, the first ladder's where ids repeat.
    let mut titles = Titles(Vec::new());
    let mut ladders = std::collections::BTreeSet::new();
    for (_, ladder) in members.iter().filter(|(_, ladder)| ladders.insert(ladder.as_str())) {
        for (id, title) in Titles::of(&catalog, ladder).0 {
            if !titles.0.iter().any(|(known, _)| *known == id) {
                titles.0.push((id, title));
            }
        }
    }
    let team = Team { members: members.into_iter().map(|(m, _)| m).collect(), competencies, titles };
    if team.members.is_empty() && matches!(args.format, TeamFormat::Plain(Format::Table | Format::Markdown)) {
        let root = crate::untrusted::terminal(&store.root().display().to_string()).into_owned();
        eprintln!("No assessments in {root} yet; start with: rungs assess");
    } else {
        write(&team, args, settings, &catalog)?;
    }
    skipped(settings, &problems)
}

/// Writes the team in the chosen format to `-o` (or stdout); colour only on a terminal.
fn write(team: &Team, args: &TeamArgs, settings: &Settings, catalog: &Catalog) -> Result<()> {
    let text = match args.format {
        TeamFormat::Html => crate::render::heatmap::page(&heatmap::heatmap(team, catalog, args.relationship)),
        TeamFormat::Plain(format) => {
            let to_file = args.output.as_deref().is_some_and(|p| p != Path::new("-"));
            render(team, format, if to_file { Style { color: false, ..settings.stdout } } else { settings.stdout })
        }
    };
    write_out(args.output.as_deref(), &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_their_relationship() {
        let of = |name: &str| named_relationship(Path::new(name));
        assert_eq!(of("2026-01-01-tech-lead-self.json"), Some(Relationship::Myself));
        assert_eq!(of("2026-01-01-tech-lead-manager-2.json"), Some(Relationship::Manager));
        assert_eq!(of("2026-01-01-my-peer-ladder-peer-12.json"), Some(Relationship::Peer));
        assert_eq!(of("2026-01-01-x.json"), None);
    }

    #[test]
    fn abbreviations_are_three_characters_or_as_many_as_keep_them_apart() {
        let titles = ["Communication", "Technology", "Community", "Plan", "Planning", "Team", "Team"];
        assert_eq!(abbreviations(&titles), ["Communic", "Tec", "Communit", "Plan", "Plann", "Team", "Team"]);
    }
}
