//! Calibration: two assessors' views of one person side by side, for a 1:1.
//! Pure.
//!
//! Ratings are matched by competency and level. A competency is marked when
//! the two differ by one rating or more at any level. The agenda puts first
//! the disagreements that change a status (ready, growing, below), then the
//! others by rating distance, then the gaps that remain in the second view,
//! blocking first.

use serde::Serialize;

use crate::assessment::{Assessment, Rating};
use crate::scoring::{Status, score};

/// One expectation rated by both (or either) assessor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The competency id.
    pub competency: String,
    /// The level.
    pub level: String,
    /// The step at that level.
    pub step: Option<String>,
    /// The first assessor's rating.
    pub first: Option<Rating>,
    /// The second assessor's rating.
    pub second: Option<Rating>,
    /// How many ratings apart they are (0 when equal or one is missing).
    pub apart: usize,
}

/// What a talking point is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Topic {
    /// The two assessors disagree.
    Disagreement,
    /// The second view still has a gap toward the target.
    Gap,
}

/// One item of the 1:1 agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Point {
    /// Disagreement or gap.
    pub topic: Topic,
    /// The competency id.
    pub competency: String,
    /// For a disagreement, the largest distance; for a gap, 0.
    pub apart: usize,
    /// For a gap, its status in the second view.
    pub status: Option<Status>,
    /// The competency's status in the first view.
    pub first_status: Option<Status>,
    /// The competency's status in the second view.
    pub second_status: Option<Status>,
    /// Whether the two views give the competency different statuses.
    pub changes_status: bool,
}

/// The whole calibration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Calibration {
    /// Every expectation, in the first assessment's order.
    pub rows: Vec<Row>,
    /// The competencies where the two differ, in order.
    pub marks: Vec<String>,
    /// The talking points, most pressing first.
    pub agenda: Vec<Point>,
    /// How many disagreements change a status.
    pub status_changes: usize,
}

/// Sets `first` beside `second`.
pub fn calibrate(first: &Assessment, second: &Assessment) -> Calibration {
    let mut rows: Vec<Row> = Vec::new();
    for entry in &first.ratings {
        let other = second.ratings.iter().find(|e| e.competency == entry.competency && e.level == entry.level);
        rows.push(row(
            &entry.competency,
            &entry.level,
            entry.step.clone(),
            Some(entry.rating),
            other.map(|e| e.rating),
        ));
    }
    let only_second: Vec<Row> = second
        .ratings
        .iter()
        .filter(|e| !first.ratings.iter().any(|f| f.competency == e.competency && f.level == e.level))
        .map(|e| row(&e.competency, &e.level, e.step.clone(), None, Some(e.rating)))
        .collect();
    rows.extend(only_second);
    let mut marks: Vec<(String, usize)> = Vec::new();
    for r in rows.iter().filter(|r| r.apart > 0) {
        match marks.iter_mut().find(|(c, _)| *c == r.competency) {
            Some((_, apart)) => *apart = (*apart).max(r.apart),
            None => marks.push((r.competency.clone(), r.apart)),
        }
    }
    let (mine, theirs) = (score(first), score(second));
    let status = |s: &crate::scoring::Score, id: &str| s.competency(id).map(|c| c.status);
    // The one count of status disagreements, the one `team` shows.
    let changed = disagreements(mine.competencies.iter().map(|c| (c.id.as_str(), c.status)), |id| status(&theirs, id))
        .unwrap_or_default();
    let mut agenda: Vec<Point> = marks
        .iter()
        .map(|(c, apart)| {
            let (first_status, second_status) = (status(&mine, c), status(&theirs, c));
            let changes_status = changed.iter().any(|d| d.competency == *c);
            let topic = Topic::Disagreement;
            Point {
                topic,
                competency: c.clone(),
                apart: *apart,
                status: None,
                first_status,
                second_status,
                changes_status,
            }
        })
        .collect();
    agenda.sort_by_key(|p| (std::cmp::Reverse(p.changes_status), std::cmp::Reverse(p.apart)));
    let status_changes = agenda.iter().filter(|p| p.changes_status).count();
    for id in &theirs.gaps {
        if !marks.iter().any(|(c, _)| c == id) {
            let (first_status, second_status) = (status(&mine, id), status(&theirs, id));
            agenda.push(Point {
                topic: Topic::Gap,
                competency: id.clone(),
                apart: 0,
                status: second_status,
                first_status,
                second_status,
                changes_status: false,
            });
        }
    }
    Calibration { rows, marks: marks.into_iter().map(|(c, _)| c).collect(), agenda, status_changes }
}

/// How many of the competencies both views rated they give different
/// statuses (ready, growing, below); `None` when they share none. The
/// one definition of "the views disagree on status" that team and the
/// calibration headline share.
pub fn status_differences(first: &Assessment, second: &Assessment) -> Option<usize> {
    status_disagreements(first, second).map(|d| d.len())
}

/// A competency that two views give different statuses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusDisagreement {
    /// The competency id.
    pub competency: String,
    /// Its status in the first view.
    pub first: Status,
    /// Its status in the second view.
    pub second: Status,
}

/// The competencies, among those both views rated, that they give different
/// statuses, in the first view's order; `None` when they share none. What
/// [`status_differences`] counts, one by one: the team heatmap marks each.
pub fn status_disagreements(first: &Assessment, second: &Assessment) -> Option<Vec<StatusDisagreement>> {
    let (a, b) = (score(first), score(second));
    disagreements(a.competencies.iter().map(|c| (c.id.as_str(), c.status)), |id| b.competency(id).map(|c| c.status))
}

/// The one count of disagreements, from each competency's status in the
/// first view (in its order) and a lookup of the second's: the
/// competencies both rated that they give different statuses; `None` when
/// they share none. `team` counts from cached summaries through it, the
/// calibration from whole assessments.
pub fn disagreements<'a>(
    first: impl IntoIterator<Item = (&'a str, Status)>,
    second: impl Fn(&str) -> Option<Status>,
) -> Option<Vec<StatusDisagreement>> {
    let shared: Vec<StatusDisagreement> = first
        .into_iter()
        .filter_map(|(id, status)| {
            let other = second(id)?;
            Some(StatusDisagreement { competency: id.to_owned(), first: status, second: other })
        })
        .collect();
    (!shared.is_empty()).then(|| shared.into_iter().filter(|d| d.first != d.second).collect())
}

fn row(competency: &str, level: &str, step: Option<String>, first: Option<Rating>, second: Option<Rating>) -> Row {
    let apart = match (first, second) {
        (Some(a), Some(b)) => (a as usize).abs_diff(b as usize),
        _ => 0,
    };
    Row { competency: competency.to_owned(), level: level.to_owned(), step, first, second, apart }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::sample;

    use crate::assessment::sample_entry as entry;

    use Rating::{Developing, Exceeds, Meets, NotYet};

    #[test]
    fn marks_exactly_the_competencies_that_differ_and_puts_the_widest_first() {
        let me = sample(
            "A",
            "B",
            vec![
                entry("x", "A", 1, Meets),
                entry("y", "A", 1, Exceeds),
                entry("y", "B", 2, Meets),
                entry("z", "A", 1, Meets),
            ],
        );
        let boss = sample(
            "A",
            "B",
            vec![
                entry("x", "A", 1, Developing),
                entry("y", "A", 1, Exceeds),
                entry("y", "B", 2, NotYet),
                entry("z", "A", 1, Meets),
            ],
        );
        let c = calibrate(&me, &boss);
        assert_eq!(c.marks, ["x", "y"]);
        let agenda: Vec<(&str, Topic, usize)> =
            c.agenda.iter().map(|p| (p.competency.as_str(), p.topic, p.apart)).collect();
        // y is 2 apart, x 1 apart; then x and y are also gaps but already on the agenda.
        assert_eq!(agenda, [("y", Topic::Disagreement, 2), ("x", Topic::Disagreement, 1)]);
    }

    #[test]
    fn a_disagreement_that_changes_a_status_comes_before_a_wider_one_that_does_not() {
        // x is two ratings apart at A, but its target B is met in both views: ready either way.
        let me = sample(
            "A",
            "B",
            vec![
                entry("x", "A", 1, NotYet),
                entry("x", "B", 2, Exceeds),
                entry("y", "A", 1, Meets),
                entry("y", "B", 2, Meets),
            ],
        );
        let boss = sample(
            "A",
            "B",
            vec![
                entry("x", "A", 1, Meets),
                entry("x", "B", 2, Exceeds),
                entry("y", "A", 1, Meets),
                entry("y", "B", 2, Developing),
            ],
        );
        let c = calibrate(&me, &boss);
        let order: Vec<(&str, bool)> = c.agenda.iter().map(|p| (p.competency.as_str(), p.changes_status)).collect();
        assert_eq!(order, [("y", true), ("x", false)]);
        assert_eq!(c.status_changes, 1);
        assert_eq!((c.agenda[0].first_status, c.agenda[0].second_status), (Some(Status::Ready), Some(Status::Growing)));
    }

    #[test]
    fn status_disagreements_name_each_competency_whose_status_differs() {
        // x: ready for me, growing for the boss; y: ready for both, though rated apart.
        let me = sample(
            "A",
            "B",
            vec![
                entry("x", "A", 1, Meets),
                entry("x", "B", 2, Meets),
                entry("y", "A", 1, Meets),
                entry("y", "B", 2, Exceeds),
            ],
        );
        let boss = sample(
            "A",
            "B",
            vec![
                entry("x", "A", 1, Meets),
                entry("x", "B", 2, Developing),
                entry("y", "A", 1, Meets),
                entry("y", "B", 2, Meets),
            ],
        );
        let found = status_disagreements(&me, &boss).unwrap();
        let expected = StatusDisagreement { competency: "x".into(), first: Status::Ready, second: Status::Growing };
        assert_eq!(found, [expected]);
        assert_eq!(status_differences(&me, &boss), Some(1));
        assert_eq!(status_disagreements(&me, &sample("A", "B", vec![entry("w", "A", 1, Meets)])), None);
    }

    #[test]
    fn gaps_follow_the_disagreements() {
        let me =
            sample("A", "B", vec![entry("x", "A", 1, Meets), entry("x", "B", 2, NotYet), entry("y", "A", 1, Meets)]);
        let boss =
            sample("A", "B", vec![entry("x", "A", 1, Meets), entry("x", "B", 2, NotYet), entry("y", "A", 1, NotYet)]);
        let c = calibrate(&me, &boss);
        let agenda: Vec<(&str, Topic)> = c.agenda.iter().map(|p| (p.competency.as_str(), p.topic)).collect();
        assert_eq!(agenda, [("y", Topic::Disagreement), ("x", Topic::Gap)]);
        assert_eq!(c.agenda[1].status, Some(Status::Growing));
    }
}
