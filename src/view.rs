//! Views: whose assessment is it. A view is the series of assessments of one
//! person on one ladder by one assessor (and so one relationship).
//!
//! This is the one place that decides which assessments a command looks at:
//! report, history, diff, export, chart, team and the interview's defaults
//! all select through it, so the rule cannot drift between them. Views are
//! never mixed, and several assessments of one view on one day count once:
//! the last one saved.
//!
//! Pure: it works on assessments already read. Reading them is
//! [`crate::collection`]'s job.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::assessment::{Assessment, Found, Relationship};
use crate::error::{Error, Result};
use crate::text::{shell_quote, slug};

/// What the user asked for with `--relationship`, `--assessor` and `--ladder`
/// (or `NAME@RELATIONSHIP`, `NAME@ASSESSOR`). Unset fields take the defaults
/// described in [`choose`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only views of this relationship.
    pub relationship: Option<Relationship>,
    /// Only views by this assessor (compared by slug, so case and spacing do not matter).
    pub assessor: Option<String>,
    /// Only views on this ladder.
    pub ladder: Option<String>,
}

impl Filter {
    /// Whether `a` passes every field that is set.
    pub fn admits(&self, a: &Assessment) -> bool {
        self.relationship.is_none_or(|r| r == a.relationship)
            && self.assessor.as_deref().is_none_or(|name| same_name(name, &a.assessor))
            && self.ladder.as_deref().is_none_or(|id| id.eq_ignore_ascii_case(&a.ladder.id))
    }

    /// Whether nothing was asked for.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// Whether two names are the same person's: compared by slug.
pub fn same_name(a: &str, b: &str) -> bool {
    slug(a) == slug(b)
}

/// The identity of one view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ViewId {
    /// The person, as written in the view's latest assessment.
    pub person: String,
    /// The ladder id.
    pub ladder: String,
    /// The assessor's relationship to the person.
    pub relationship: Relationship,
    /// The assessor, as written in the view's latest assessment.
    pub assessor: String,
}

impl ViewId {
    /// The view an assessment belongs to.
    pub fn of(a: &Assessment) -> Self {
        ViewId {
            person: a.person.clone(),
            ladder: a.ladder.id.clone(),
            relationship: a.relationship,
            assessor: a.assessor.clone(),
        }
    }

    /// Whether `a` belongs to this view.
    pub fn contains(&self, a: &Assessment) -> bool {
        a.relationship == self.relationship
            && a.ladder.id == self.ladder
            && same_name(&a.assessor, &self.assessor)
            && same_name(&a.person, &self.person)
    }

    /// The flags that select this view: `--relationship manager --assessor 'Kim Park' --ladder tech-lead`.
    pub fn flags(&self) -> String {
        let mut flags = format!("--relationship {}", self.relationship);
        if self.relationship != Relationship::Myself {
            flags.push_str(&format!(" --assessor {}", shell_quote(&self.assessor)));
        }
        flags.push_str(&format!(" --ladder {}", shell_quote(&self.ladder)));
        flags
    }
}

impl fmt::Display for ViewId {
    /// `self view on tech-lead`, `manager view by Kim Park on tech-lead`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.relationship {
            Relationship::Myself => write!(f, "self view on {}", self.ladder),
            other => write!(f, "{other} view by {} on {}", self.assessor, self.ladder),
        }
    }
}

/// What makes one assessment later than another: the one rule for
/// "latest" that every command (`report`, `history`, `diff`, `export`,
/// `chart`, `team`) and the interview's defaults follow. The date inside
/// the file first, then when it was saved (as written in it), then the
/// number of the day's save in its name; never the date in its name, which
/// a corrected file no longer agrees with.
pub type Order = (NaiveDate, Option<DateTime<FixedOffset>>, u32);

/// The [`Order`] of an assessment dated `date`, saved at `created`, read from `path`.
pub fn order(date: NaiveDate, created: Option<DateTime<FixedOffset>>, path: &Path) -> Order {
    (date, created, save_number(path))
}

/// The [`Order`] of a read assessment.
pub fn order_of((path, a): &Found) -> Order {
    order(a.date, Some(a.created_at), path)
}

/// Every view among `found`, the one with the most recent assessment first.
pub fn views(found: &[Found]) -> Vec<ViewId> {
    let mut latest_first: Vec<&Found> = found.iter().collect();
    latest_first.sort_by_key(|f| std::cmp::Reverse(order_of(f)));
    let mut seen = std::collections::HashSet::new();
    latest_first.into_iter().map(|(_, a)| a).filter(|a| seen.insert(key(a))).map(ViewId::of).collect()
}

/// What makes a view one: person, ladder, relationship and assessor, by
/// slug; a key, so that sorting many assessments into views stays linear.
fn key(a: &Assessment) -> (String, String, Relationship, String) {
    (slug(&a.person), a.ladder.id.clone(), a.relationship, slug(&a.assessor))
}

/// The view a command shows. The latest assessment passing `filter`
/// decides what the filter leaves open. A filter naming an assessor never
/// selects a peer's view, and its refusal does not depend on who the peers
/// are: it cannot tell who reviewed whom. With no relationship or assessor
/// asked for, a name means the person's self view on the ladder of their
/// latest assessment; another view on that ladder is taken only when there
/// is no self view on it.
///
/// # Errors
/// [`Error::Usage`] when no assessment passes the filter, listing the views there are.
pub fn choose(found: &[Found], filter: &Filter) -> Result<ViewId> {
    // One assessor named: peers' views are never looked at, so that the
    // answer is the same whether or not that person reviewed.
    let one_assessor = filter.assessor.is_some();
    let mut admitted: Vec<&Found> = found
        .iter()
        .filter(|(_, a)| filter.admits(a) && !(one_assessor && a.relationship == Relationship::Peer))
        .collect();
    let by_name_alone = filter.relationship.is_none() && filter.assessor.is_none();
    if by_name_alone {
        if let Some(ladder) = latest(&admitted).map(|(_, a)| a.ladder.id.clone()) {
            admitted.retain(|(_, a)| a.ladder.id == ladder);
        }
        let own: Vec<&Found> =
            admitted.iter().copied().filter(|(_, a)| a.relationship == Relationship::Myself).collect();
        if !own.is_empty() {
            admitted = own;
        }
    }
    match latest(&admitted) {
        Some((_, latest)) => Ok(ViewId::of(latest)),
        None => Err(no_such_view(found, filter)),
    }
}

/// The anonymity floor: what peers said is shown, even counted together,
/// only where at least this many peers rated it. `--min-raters` can raise
/// it, never lower it.
pub const PEER_FLOOR: u32 = 3;

/// The peer policy every output obeys, in one place:
/// - no peer's rating, evidence or name ever leaves rungs on its own: a
///   peer view is never shown alone ([`shown_alone`]), and asking for one
///   peer's view answers the same whether or not they reviewed ([`choose`]);
/// - peers are shown only together, and only where `raters` reach the
///   floor asked for, never below [`PEER_FLOOR`].
pub fn peers_shown(raters: usize, floor: usize) -> bool {
    raters >= floor.max(PEER_FLOOR as usize)
}

/// Why one peer's view is never shown, and what shows peers together.
pub fn peers_only_together(person: &str) -> String {
    format!(
        "peer views are shown only together, behind an anonymity floor: rungs report {} --relationship peer",
        shell_quote(person)
    )
}

/// Refuses to show one peer's view on its own: peer views are shown only
/// aggregated, so that no peer's name stands beside their ratings.
///
/// # Errors
/// [`Error::Usage`] for a peer view, with the command that shows peers together.
pub fn shown_alone(id: &ViewId) -> Result<()> {
    if id.relationship != Relationship::Peer {
        return Ok(());
    }
    Err(Error::Usage(peers_only_together(&id.person)))
}

/// The most recent of some assessments, by [`Order`].
fn latest<'a>(pool: &[&'a Found]) -> Option<&'a Found> {
    pool.iter().copied().max_by_key(|f| order_of(f))
}

fn no_such_view(found: &[Found], filter: &Filter) -> Error {
    let person = found.last().map_or_else(String::new, |(_, a)| a.person.clone());
    let mut asked = Vec::new();
    if let Some(r) = filter.relationship {
        asked.push(format!("relationship {r}"));
    }
    if let Some(name) = &filter.assessor {
        asked.push(format!("assessor {name}"));
    }
    if let Some(ladder) = &filter.ladder {
        asked.push(format!("ladder {ladder}"));
    }
    let listed: Vec<String> = listing(&views(found));
    let mut message = format!(
        "{person} has no assessment with {}\n  their views:\n{}",
        asked.join(", "),
        listed.iter().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
    );
    if filter.assessor.is_some() {
        message.push_str(&format!("\n  {}", peers_only_together(&person)));
    }
    Error::Usage(message)
}

/// One line per view, peers counted together rather than named.
pub fn listing(ids: &[ViewId]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut peer_ladders: Vec<(&str, usize)> = Vec::new();
    for id in ids {
        if id.relationship == Relationship::Peer {
            match peer_ladders.iter_mut().find(|(l, _)| *l == id.ladder) {
                Some((_, n)) => *n += 1,
                None => peer_ladders.push((&id.ladder, 1)),
            }
        } else {
            lines.push(format!("{id}: {}", id.flags()));
        }
    }
    for (ladder, n) in peer_ladders {
        let peers = if n == 1 { "1 peer view".to_owned() } else { format!("{n} peer views") };
        lines
            .push(format!("{peers} on {ladder}, shown together: --relationship peer --ladder {}", shell_quote(ladder)));
    }
    lines
}

/// The assessments of one view, oldest first, one per day: where a day
/// has several, the last one saved counts.
pub fn series(found: Vec<Found>, id: &ViewId) -> Vec<Found> {
    let mut mine: Vec<Found> = found.into_iter().filter(|(_, a)| id.contains(a)).collect();
    mine.sort_by_key(order_of);
    let mut out: Vec<Found> = Vec::with_capacity(mine.len());
    for item in mine {
        match out.last_mut() {
            Some(last) if last.1.date == item.1.date => *last = item,
            _ => out.push(item),
        }
    }
    out
}

/// The `N` of a `…-N.json` file name, the Nth save of a day; 1 without one.
fn save_number(path: &Path) -> u32 {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    stem.rsplit_once('-').and_then(|(_, n)| n.parse().ok()).unwrap_or(1)
}

/// Each assessor's latest assessment among views of one relationship on
/// one ladder: the peers who count for an aggregate.
pub fn latest_per_assessor(found: &[Found], relationship: Relationship, ladder: &str) -> Vec<Found> {
    let mut latest: Vec<Found> = Vec::new();
    let mut slots: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (path, a) in found.iter().filter(|(_, a)| a.relationship == relationship && a.ladder.id == ladder) {
        match slots.get(&slug(&a.assessor)) {
            Some(&i) if order_of(&latest[i]) <= order(a.date, Some(a.created_at), path) => {
                latest[i] = (path.clone(), a.clone());
            }
            Some(_) => {}
            None => {
                slots.insert(slug(&a.assessor), latest.len());
                latest.push((path.clone(), a.clone()));
            }
        }
    }
    latest
}

/// One assessment named on the command line, and where it came from.
#[derive(Debug)]
pub struct Resolved {
    /// The file it was read from.
    pub path: PathBuf,
    /// The assessment.
    pub assessment: Assessment,
    /// The view it was taken from; `None` when a file was named.
    pub view: Option<ViewId>,
    /// Every readable assessment of the person, oldest first; empty when a file was named.
    pub history: Vec<Found>,
    /// The view's assessments, oldest first, one a day: the series `view`
    /// names, read once here for every command; empty when a file was named.
    pub series: Vec<Found>,
    /// Other files of the person that could not be read, to report as warnings.
    pub problems: Vec<Error>,
}

/// The filter for the second side of a comparison: the first side's ladder
/// unless one was asked for, so that two views are set side by side on one ladder.
pub fn on_ladder_of(filter: &Filter, first: &Assessment) -> Filter {
    Filter { ladder: filter.ladder.clone().or_else(|| Some(first.ladder.id.clone())), ..filter.clone() }
}

/// `@VIEW` names another view of the person on the other side.
pub fn beside(name: &str, person: &str) -> String {
    if name.starts_with('@') { format!("{person}{name}") } else { name.to_owned() }
}

/// Each peer's latest view of a person on one ladder, for an aggregate.
#[derive(Debug)]
pub struct PeerViews {
    /// The person, as written in their latest assessment.
    pub person: String,
    /// The ladder: `--ladder`, else that of the latest peer assessment.
    pub ladder: String,
    /// One assessment per peer, their latest.
    pub peers: Vec<Found>,
    /// Files of the person that could not be read.
    pub problems: Vec<Error>,
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::assessment::sample;

    fn at(date: &str, time: &str, relationship: Relationship, assessor: &str, ladder: &str) -> Found {
        let mut a = sample("A", "B", Vec::new());
        a.date = date.parse().unwrap();
        a.created_at = format!("{date}T{time}:00+00:00").parse().unwrap();
        a.relationship = relationship;
        a.assessor = assessor.into();
        a.ladder.id = ladder.into();
        (PathBuf::from(format!("{date}-{time}-{assessor}.json")), a)
    }

    use Relationship::{Manager, Myself, Peer};

    fn store() -> Vec<Found> {
        vec![
            at("2026-01-10", "09:00", Myself, "P", "l"),
            at("2026-02-10", "09:00", Manager, "Kim", "l"),
            at("2026-04-12", "09:00", Myself, "P", "other"),
            at("2026-05-01", "09:00", Myself, "P", "l"),
            at("2026-05-01", "17:00", Myself, "P", "l"),
            at("2026-06-01", "09:00", Manager, "Kim", "l"),
        ]
    }

    #[test]
    fn a_name_alone_means_the_self_view_on_the_ladder_of_the_latest_assessment() {
        let id = choose(&store(), &Filter::default()).unwrap();
        assert_eq!((id.relationship, id.ladder.as_str()), (Myself, "l"));
    }

    #[test]
    fn the_ladder_of_the_latest_assessment_wins_even_when_it_has_no_self_view() {
        let mut found = store();
        found.push(at("2026-07-01", "09:00", Manager, "Kim", "other"));
        let id = choose(&found, &Filter::default()).unwrap();
        assert_eq!((id.relationship, id.ladder.as_str()), (Myself, "other"));
        found.push(at("2026-08-01", "09:00", Manager, "Kim", "third"));
        let id = choose(&found, &Filter::default()).unwrap();
        assert_eq!((id.relationship, id.ladder.as_str()), (Manager, "third"));
    }

    #[test]
    fn a_relationship_picks_that_view_and_its_latest_ladder() {
        let filter = Filter { relationship: Some(Manager), ..Filter::default() };
        let id = choose(&store(), &filter).unwrap();
        assert_eq!((id.relationship, id.assessor.as_str(), id.ladder.as_str()), (Manager, "Kim", "l"));
    }

    #[test]
    fn a_view_never_mixes_assessors_ladders_or_same_day_saves() {
        let id = choose(&store(), &Filter::default()).unwrap();
        let series = series(store(), &id);
        let days: Vec<String> = series.iter().map(|(_, a)| format!("{} {}", a.date, a.created_at.time())).collect();
        assert_eq!(days, ["2026-01-10 09:00:00", "2026-05-01 17:00:00"]);
    }

    #[test]
    fn a_missing_view_lists_the_ones_there_are() {
        let filter = Filter { relationship: Some(Peer), ..Filter::default() };
        let error = choose(&store(), &filter).unwrap_err().to_string();
        assert!(error.contains("no assessment with relationship peer"), "{error}");
        assert!(
            error.contains("manager view by Kim on l: --relationship manager --assessor Kim --ladder l"),
            "{error}"
        );
    }

    #[test]
    fn without_a_self_view_the_latest_other_view_is_taken() {
        let found: Vec<Found> = store().into_iter().filter(|(_, a)| a.relationship == Manager).collect();
        assert_eq!(choose(&found, &Filter::default()).unwrap().relationship, Manager);
    }

    #[test]
    fn each_peer_counts_once_with_their_latest() {
        let found = vec![
            at("2026-01-01", "09:00", Peer, "Ann", "l"),
            at("2026-03-01", "09:00", Peer, "ann", "l"),
            at("2026-02-01", "09:00", Peer, "Bo", "l"),
            at("2026-02-01", "09:00", Peer, "Cy", "other"),
        ];
        let latest = latest_per_assessor(&found, Peer, "l");
        let dates: Vec<String> = latest.iter().map(|(_, a)| a.date.to_string()).collect();
        assert_eq!(dates, ["2026-03-01", "2026-02-01"]);
    }

    #[test]
    fn shell_quoting_leaves_plain_words_and_quotes_the_rest() {
        assert_eq!(shell_quote("tech-lead"), "tech-lead");
        assert_eq!(shell_quote("Kim Park"), "'Kim Park'");
        assert_eq!(shell_quote("O'Brien"), "'O'\\''Brien'");
    }
}
