//! `rungs team`: one row per person from their latest assessment, sorted by
//! how many competencies are ready. "Latest" is the one rule of
//! [`crate::view::Order`] (the date inside each file), so every file of a
//! person is looked at; the summary cache spares reading the unchanged
//! ones. The same rows
//! make the heatmap page (`--format html`, [`heatmap`]).

use std::path::{Path, PathBuf};

use crate::analysis::Scored;
use crate::analysis::calibrate::{self, StatusDisagreement};
use crate::analysis::summary::Summary;
use crate::assessment::{Assessment, Glance, Relationship};
use crate::cli::TeamArgs;
use crate::collection::{Folder, Known, walk};
use crate::config::Settings;
use crate::documents::team::{Member, Team, heatmap, sections};
use crate::error::{Error, Result};
use crate::ladder::catalog::Catalog;
use crate::output::skipped;
use crate::parallel::{ROWS_PER_PART, in_parts};
use crate::render::{Format, Style, TeamFormat, render};
use crate::scoring::Status;
use crate::store;

/// A file's summary for `team`, which reads whole assessments: from the
/// cache when the full reader accepted the file, else read again, so the
/// error is the full reader's, as it has always been.
fn whole<'k>(known: &'k mut Known<'_>, buffer: &mut String) -> Result<(&'k Path, &'k Summary)> {
    known.look();
    if !known.summary.as_ref().is_some_and(|s| s.whole) {
        known.read_text(buffer)?;
        let assessment = Assessment::from_json(buffer, &known.path)?;
        let summary = match Glance::from_json(buffer, &known.path) {
            Ok(glance) => Some(Summary::of(&glance, true)),
            Err(_) => None,
        };
        // A file only the full reader takes is shown, never cached: `list` must still name it.
        known.keep = summary.is_some();
        known.summary = Some(summary.unwrap_or_else(|| Summary::of_assessment(&assessment)));
        known.fresh = true;
    }
    Ok((&known.path, known.summary.as_ref().expect("just read")))
}

/// A person's latest readable assessment of one relationship (and ladder,
/// when given), by the one rule for "latest" ([`crate::view::Order`]): the
/// date inside each file, then its save time, never the date in its name.
/// Every file is looked at (the summary cache spares reading an unchanged
/// one); an unreadable file is named and passed over.
fn latest(
    folder: &mut Folder<'_>,
    wanted: (Relationship, Option<&str>),
    buffer: &mut String,
    problems: &mut Vec<Error>,
) -> Option<usize> {
    let (relationship, ladder) = wanted;
    let mut best: Option<(usize, crate::view::Order)> = None;
    for (i, known) in folder.files.iter_mut().enumerate() {
        let order = match whole(known, buffer) {
            Ok((path, a)) if a.relationship == relationship && ladder.is_none_or(|l| l == a.ladder) => {
                Some(crate::view::order(a.date, a.created(), path))
            }
            Ok(_) => None,
            Err(e) => {
                // Each file is named once, however many views are looked for.
                if relationship == Relationship::Myself && ladder.is_none() {
                    problems.push(e);
                }
                None
            }
        };
        if let Some(order) = order
            && best.as_ref().is_none_or(|(_, best)| *best < order)
        {
            best = Some((i, order));
        }
    }
    best.map(|(i, _)| i)
}

/// The summary of a file [`whole`] has read.
fn read<'k>(files: &'k [Known<'_>], i: usize) -> &'k Summary {
    files[i].summary.as_ref().expect("read by `whole`")
}

/// The competencies whose status two views' summaries disagree on: the
/// count calibration makes ([`calibrate::disagreements`]), from summaries.
fn disagreements(first: &Summary, second: &Summary) -> Option<Vec<StatusDisagreement>> {
    let of = |s: &Summary, id: &str| s.statuses.iter().find(|(c, _)| c == id).map(|(_, status)| *status);
    calibrate::disagreements(first.statuses.iter().map(|(id, status)| (id.as_str(), *status)), |id| of(second, id))
}

/// A person's row, if they have the view shown.
type Row = Option<Member>;

/// One person's row, from the latest files in their folder, and the files
/// that could not be read.
fn member(
    folder: &mut Folder<'_>,
    buffer: &mut String,
    relationship: Option<Relationship>,
    catalog: &Catalog,
) -> (Row, Vec<Error>) {
    let mut problems = Vec::new();
    let own = latest(folder, (Relationship::Myself, None), buffer, &mut problems);
    let manager = latest(folder, (Relationship::Manager, None), buffer, &mut problems);
    // The self view beside the manager's is the one on the manager's ladder.
    let other = match (own, manager) {
        (Some(a), Some(m)) if read(&folder.files, a).ladder != read(&folder.files, m).ladder => {
            let ladder = read(&folder.files, m).ladder.clone();
            Some(latest(folder, (Relationship::Myself, Some(&ladder)), buffer, &mut problems))
        }
        _ => None,
    };
    let beside = other.unwrap_or(own);
    let files = &folder.files;
    let disagreements = beside.zip(manager).and_then(|(a, m)| disagreements(read(files, a), read(files, m)));
    let shown = match relationship {
        Some(Relationship::Myself) => own,
        Some(_) => manager,
        None => manager.or(own),
    };
    // The cache record is made before the shown summary is taken out, not copied.
    folder.seal();
    let row = shown.map(|i| {
        let known = &mut folder.files[i];
        let summary = known.summary.take().expect("read by `whole`");
        Member { shown: scored(std::mem::take(&mut known.path), summary, catalog), disagreements }
    });
    (row, problems)
}

/// A summary as `history` and `team` show an assessment, scored against
/// every competency its target level expects in `catalog`.
fn scored(path: PathBuf, mut s: Summary, catalog: &Catalog) -> Scored {
    let not_rated = s.not_rated(catalog);
    let asks = s.asks(catalog);
    let mut statuses = s.statuses;
    statuses.shrink_to_fit();
    let ready_one = |id: &str| statuses.iter().any(|(c, status)| c == id && *status == Status::Ready);
    let rule = crate::scoring::RuleCheck::on(&asks, ready_one);
    let all = not_rated.is_empty() && statuses.iter().all(|(_, status)| *status == Status::Ready);
    let ready = rule.as_ref().map_or(all, |r| r.met);
    Scored {
        path,
        date: s.date,
        relationship: s.relationship.to_string(),
        ready_count: statuses.iter().filter(|(_, status)| *status == Status::Ready).count(),
        total: statuses.len() + not_rated.len(),
        not_rated,
        person: s.person,
        assessor: s.assessor,
        ladder: s.ladder,
        current: s.current,
        target: s.target,
        target_ladder: s.target_ladder,
        track: None,
        statuses: crate::render::Ordered(statuses),
        ready,
        promotion: rule,
        expects: Vec::new(),
    }
}

/// Runs `rungs team`. Its rows are left to the end of the process, which
/// frees them at once: call it from the process's `main`, not in a loop.
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
    // People are walked on a few threads, in order: each reads its own
    // folder's files, only where the cache does not have them.
    let dirs = crate::who::dirs_under(&store, store.person_dirs()?, args.under.scope().as_ref())?;
    let mut problems = Vec::new();
    let mut members = Vec::with_capacity(dirs.len());
    let mut cache = crate::output::summary_cache(settings, &store);
    let row = |folder: &mut Folder<'_>, buffer: &mut String| member(folder, buffer, args.relationship, &catalog);
    walk(&dirs, &mut cache, row, |person| {
        let (member, unread) = person?;
        problems.extend(unread);
        members.extend(member);
        Ok(())
    })?;
    cache.finish();
    // By a key made once per member: the members then move into place in
    // a few swaps each, with no copy of them all.
    members.sort_by_cached_key(|m| (std::cmp::Reverse(m.shown.ready_count), m.shown.person.clone()));
    let sections = sections(&catalog, members.iter());
    let team = Team { sections, members };
    if team.members.is_empty() && matches!(args.format, TeamFormat::Plain(Format::Table | Format::Markdown)) {
        let root = store.root().display().to_string();
        match &args.under.under {
            Some(under) => crate::output::line(&format!("No assessments of anyone under {under} yet")),
            None => crate::output::line(&format!("No assessments in {root} yet; start with: rungs assess")),
        }
    } else {
        write(&team, args, settings, (&store, &catalog))?;
    }
    // Not freed row by row (50 ms at 50,000 people): the process is about
    // to end, and that frees it all at once.
    std::mem::forget((team, dirs));
    skipped(settings, &problems)
}

/// Writes the team in the chosen format to `-o` (or stdout); colour only on a terminal.
fn write(team: &Team, args: &TeamArgs, settings: &Settings, (store, catalog): (&store::Store, &Catalog)) -> Result<()> {
    let to_stdout = args.output.as_deref().is_none_or(|p| p == Path::new("-"));
    if to_stdout && matches!(args.format, TeamFormat::Plain(Format::Json)) {
        return stream_json(&team.members);
    }
    let text = match args.format {
        TeamFormat::Html => crate::documents::heatmap::page(&heatmap::heatmap(team, catalog, args.relationship)),
        TeamFormat::Plain(format) => {
            let to_file = args.output.as_deref().is_some_and(|p| p != Path::new("-"));
            let style = if to_file { Style { color: false, ..settings.stdout } } else { settings.stdout };
            match format {
                Format::Table => team.terminal(style),
                format => render(team, format, style),
            }
        }
    };
    crate::output::export_out(settings, store, args.output.as_deref(), &text)
}

/// The JSON array of members, written a member at a time: the same text as
/// [`crate::render::json`] of the whole array, without holding all of it.
fn stream_json(members: &[Member]) -> Result<()> {
    if !crate::output::emit_open("[")? {
        return Ok(());
    }
    for text in json_items(members) {
        if !crate::output::emit_open(&text)? {
            return Ok(());
        }
    }
    crate::output::emit_open(if members.is_empty() { "]\n" } else { "\n]\n" }).map(|_| ())
}

/// The JSON array's items, a part at a time, each part led by the line
/// break (and comma) before it. A part is written as a pretty JSON array,
/// whose items are indented as the whole array's are: its text between the
/// brackets is theirs.
fn json_items(members: &[Member]) -> impl Iterator<Item = String> + '_ {
    in_parts(members, ROWS_PER_PART, |first, part| {
        let array = crate::render::json(part);
        let items = array.trim_end().strip_prefix("[\n").and_then(|a| a.strip_suffix("\n]"));
        let items = items.expect("a part is a pretty JSON array of at least one item");
        let mut text = String::with_capacity(items.len() + 2);
        text.push_str(if first == 0 { "\n" } else { ",\n" });
        text.push_str(items);
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::team::abbreviations;

    /// A team of `people` on two ladders, with statuses of every kind.
    fn team_of(people: usize) -> Team {
        let catalog = Catalog::builtin();
        let statuses = [Status::Ready, Status::Growing, Status::Below];
        let members: Vec<Member> = (0..people)
            .map(|n| {
                let ladder = if n % 3 == 0 { "ic" } else { "tech-lead" };
                let summary = Summary {
                    date: chrono::NaiveDate::from_ymd_opt(2026, 1 + (n % 12) as u32, 1).unwrap(),
                    created_at: "2026-01-01T09:00:00+00:00".into(),
                    person: format!("Person {n:05}{}", if n % 7 == 0 { " with a longer name" } else { "" }),
                    assessor: "Sam".into(),
                    relationship: if n % 2 == 0 { Relationship::Manager } else { Relationship::Myself },
                    ladder: ladder.into(),
                    target_ladder: ladder.into(),
                    current: "L2".into(),
                    target: "L3".into(),
                    statuses: ["a", "b", "c", "d"][..1 + n % 4]
                        .iter()
                        .zip(statuses.iter().cycle().skip(n % 3))
                        .map(|(id, s)| ((*id).to_owned(), *s))
                        .collect(),
                    current_only: Vec::new(),
                    whole: true,
                };
                let disagreements = (n % 5 != 0).then(Vec::new);
                Member { shown: scored(PathBuf::from(format!("p{n}.json")), summary, &catalog), disagreements }
            })
            .collect();
        Team { sections: sections(&catalog, members.iter()), members }
    }

    #[test]
    fn a_long_team_drawn_in_parts_is_the_team_drawn_whole() {
        let team = team_of(3 * ROWS_PER_PART + 7);
        let mut json = String::from("[");
        json.extend(json_items(&team.members));
        json.push_str("\n]\n");
        assert_eq!(json, crate::render::json(&team.members));
        for width in [200, 40] {
            let style = Style { color: false, width };
            assert_eq!(team.terminal(style), render(&team, Format::Table, style), "at {width} columns");
        }
    }

    #[test]
    fn abbreviations_are_three_characters_or_as_many_as_keep_them_apart() {
        // Issue 21 changes the long shared starts, which read alike (`Communic`, `Communit`).
        let titles = ["Communication", "Technology", "Community", "Plan", "Planning", "Team", "Team"];
        assert_eq!(abbreviations(&titles), ["Comm…ion", "Tec", "Comm…ity", "Plan", "Plann", "Team", "Team"]);
    }

    #[test]
    fn abbreviations_are_distinct_after_trimming_with_no_space_at_either_end() {
        let titles = ["Impact Levers", "Impact", "UX Research", "UX", "Collaborative", "Collaboration", " Craft "];
        let short = abbreviations(&titles);
        assert_eq!(short, ["Impa…ers", "Impact", "UX R", "UX", "Coll…ive", "Coll…ion", "Cra"]);
        for (i, a) in short.iter().enumerate() {
            assert_eq!(a.trim(), a, "no space at either end");
            for b in &short[i + 1..] {
                assert_ne!(a.to_lowercase(), b.to_lowercase());
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn different_titles_never_get_short_names_that_read_alike(titles in proptest::collection::vec("[a-cA-C ]{0,9}", 1..8)) {
            let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
            let short = abbreviations(&refs);
            for i in 0..refs.len() {
                proptest::prop_assert_eq!(short[i].trim(), short[i].as_str());
                for j in 0..refs.len() {
                    if refs[i].trim().to_lowercase() != refs[j].trim().to_lowercase() {
                        proptest::prop_assert_ne!(short[i].to_lowercase(), short[j].to_lowercase(), "{:?}", refs);
                    }
                }
            }
        }
    }
}
