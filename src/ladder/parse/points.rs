//! The rules of a ladder with points: points do not fall from one step to
//! the next (steps are cumulative), and `min_points` does not fall from one
//! level to the next.
//!
//! A ladder has points when any step has `points`. A step without `points`
//! and a competency without steps are worth nothing on it; a level without
//! `min_points` asks for none.

use super::competencies::Drafted;
use super::fields::Checker;
use super::levels::LevelRead;

impl Checker<'_> {
    /// Checks steps' points and levels' minimums against each other.
    pub(super) fn points<'d>(&mut self, competencies: impl Iterator<Item = &'d Drafted> + Clone, levels: &[LevelRead]) {
        let has_points = competencies.clone().flat_map(|c| &c.step_spans).any(|s| s.points.is_some());
        if has_points {
            for c in competencies {
                self.step_points(c);
            }
        } else if let Some(at) = levels.iter().find_map(|l| l.min_points_at.clone()).filter(|_| !self.lost.competencies)
        {
            let message = "levels ask for `min_points`, but no step has `points`; give every step `points`".into();
            self.report(&at, message);
        }
        let mut below: Option<(&str, u32)> = None;
        for level in levels {
            let (Some(points), Some(at)) = (level.level.min_points, &level.min_points_at) else { continue };
            if let Some((id, lower)) = below.filter(|&(_, lower)| points < lower) {
                let message = format!(
                    "level `{}` asks for {points} points (`min_points`), fewer than level `{id}` below it ({lower}); \
                     a higher level should not ask for less",
                    level.level.id
                );
                self.report(at, message);
            }
            below = Some((&level.level.id, points));
        }
    }

    /// The points of a competency's steps do not fall; steps without points are passed over.
    fn step_points(&mut self, drafted: &Drafted) {
        let c = &drafted.competency;
        let mut below: Option<(&str, u32)> = None;
        for (step, at) in c.steps.iter().zip(&drafted.step_spans) {
            let (Some(points_at), Some(points)) = (&at.points, step.points) else { continue };
            if let Some((name, lower)) = below.filter(|&(_, lower)| points < lower) {
                let message = format!(
                    "step `{}` of competency `{}` is worth {points} points, fewer than step `{name}` below it ({lower}); \
                     steps are cumulative",
                    step.name, c.id
                );
                self.report(points_at, message);
            }
            below = Some((&step.name, points));
        }
    }
}
