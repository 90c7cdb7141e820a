//! Which assessments a calibration looks at: one ladder, a period, some
//! people, and of each view (person, ladder, assessor) the latest
//! assessment dated in the period, by the one rule for "latest"
//! ([`crate::view::Order`]). Pure.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};

use crate::assessment::{Found, Relationship};
use crate::text::slug;
use crate::view::order_of;

/// How far back the period reaches by default.
pub const DEFAULT_DAYS: u64 = 90;

/// The days a calibration looks at, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first day.
    pub since: NaiveDate,
    /// The last day.
    pub until: NaiveDate,
}

impl Period {
    /// `since` and `until` as given, else the [`DEFAULT_DAYS`] days up to `today`.
    pub fn new(since: Option<NaiveDate>, until: Option<NaiveDate>, today: NaiveDate) -> Self {
        let until = until.unwrap_or(today);
        let since = since.unwrap_or_else(|| until.checked_sub_days(Days::new(DEFAULT_DAYS)).unwrap_or(until));
        Period { since, until }
    }

    /// Whether `day` lies in the period.
    pub fn holds(&self, day: NaiveDate) -> bool {
        (self.since..=self.until).contains(&day)
    }
}

/// The ladder with the most views in the period (the alphabetically first
/// of equals); `None` when no assessment is dated in it.
pub fn most_used_ladder(found: &[Found], period: Period) -> Option<String> {
    let mut views: HashMap<&str, std::collections::HashSet<(String, Relationship, String)>> = HashMap::new();
    for (_, a) in found.iter().filter(|(_, a)| period.holds(a.date)) {
        views.entry(a.ladder.id.as_str()).or_default().insert((slug(&a.person), a.relationship, slug(&a.assessor)));
    }
    let mut counted: Vec<(&str, usize)> = views.into_iter().map(|(ladder, v)| (ladder, v.len())).collect();
    counted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counted.first().map(|(ladder, _)| (*ladder).to_owned())
}

/// The latest assessment of each view on `ladder` dated in `period`, of the
/// people named (everyone when `people` is empty), sorted by person, then
/// relationship, then assessor, so that every figure is the same however
/// the files were listed.
pub fn latest_views(found: Vec<Found>, ladder: &str, period: Period, people: &[String]) -> Vec<Found> {
    let wanted: Vec<String> = people.iter().map(|p| slug(p)).collect();
    let mut latest: HashMap<(String, Relationship, String), Found> = HashMap::new();
    for item in found {
        let a = &item.1;
        if a.ladder.id != ladder || !period.holds(a.date) {
            continue;
        }
        let person = slug(&a.person);
        if !wanted.is_empty() && !wanted.contains(&person) {
            continue;
        }
        let key = (person, a.relationship, slug(&a.assessor));
        match latest.get(&key) {
            Some(kept) if order_of(kept) >= order_of(&item) => {}
            _ => {
                latest.insert(key, item);
            }
        }
    }
    let mut views: Vec<((String, Relationship, String), Found)> = latest.into_iter().collect();
    views.sort_by(|(a, _), (b, _)| (&a.0, rank(a.1), &a.2).cmp(&(&b.0, rank(b.1), &b.2)));
    views.into_iter().map(|(_, found)| found).collect()
}

/// Self, then manager, then peer.
fn rank(r: Relationship) -> u8 {
    match r {
        Relationship::Myself => 0,
        Relationship::Manager => 1,
        Relationship::Peer => 2,
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::assessment::sample;

    fn at(person: &str, date: &str, relationship: Relationship, assessor: &str, ladder: &str) -> Found {
        let mut a = sample("TL4", "TL5", Vec::new());
        a.person = person.into();
        a.date = date.parse().unwrap();
        a.created_at = format!("{date}T09:00:00+00:00").parse().unwrap();
        a.relationship = relationship;
        a.assessor = assessor.into();
        a.ladder.id = ladder.into();
        (PathBuf::from(format!("{person}-{date}-{assessor}.json")), a)
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_default_period_is_the_90_days_up_to_today() {
        let p = Period::new(None, None, day("2026-12-01"));
        assert_eq!((p.since, p.until), (day("2026-09-02"), day("2026-12-01")));
        assert!(p.holds(day("2026-09-02")) && p.holds(day("2026-12-01")) && !p.holds(day("2026-09-01")));
    }

    #[test]
    fn each_view_counts_once_with_its_latest_assessment_in_the_period() {
        use Relationship::{Manager, Myself};
        let found = vec![
            at("Ann", "2026-10-01", Myself, "Ann", "l"),
            at("Ann", "2026-11-01", Myself, "Ann", "l"),
            at("Ann", "2026-12-20", Myself, "Ann", "l"),
            at("Ann", "2026-10-05", Manager, "Kim", "l"),
            at("Ann", "2026-10-06", Manager, "Lee", "l"),
            at("Bo", "2026-10-06", Manager, "Kim", "other"),
            at("Cy", "2026-01-06", Manager, "Kim", "l"),
        ];
        let period = Period::new(Some(day("2026-09-01")), Some(day("2026-12-01")), day("2026-12-01"));
        assert_eq!(most_used_ladder(&found, period).as_deref(), Some("l"));
        let views = latest_views(found, "l", period, &[]);
        let shown: Vec<String> = views.iter().map(|(_, a)| format!("{} {} {}", a.person, a.assessor, a.date)).collect();
        assert_eq!(shown, ["Ann Ann 2026-11-01", "Ann Kim 2026-10-05", "Ann Lee 2026-10-06"]);
    }

    #[test]
    fn named_people_are_matched_by_slug() {
        let found = vec![
            at("Ann Lee", "2026-10-01", Relationship::Myself, "Ann Lee", "l"),
            at("Bo", "2026-10-01", Relationship::Myself, "Bo", "l"),
        ];
        let period = Period::new(None, None, day("2026-12-01"));
        let views = latest_views(found, "l", period, &["ann  lee".to_owned()]);
        assert_eq!(views.len(), 1);
        assert_eq!(views[0].1.person, "Ann Lee");
    }
}
