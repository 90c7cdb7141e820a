//! A level's own rule for readiness (`promotion = { required, at_least }`)
//! and how an assessment's ratings stand against it.

use serde::Serialize;

use crate::ladder::catalog::Asks;

/// How an assessment stands against a level's promotion rule: every
/// `required` competency ready, and at least `at_least` of the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCheck {
    /// The competencies that must all be ready.
    pub required: Vec<String>,
    /// Those of them that are not.
    pub missing: Vec<String>,
    /// How many of the others must be ready.
    pub at_least: usize,
    /// How many of the others are.
    pub others_ready: usize,
    /// Whether the rule is met.
    pub met: bool,
}

impl RuleCheck {
    /// Checks `rule` against which competencies are `ready`; `expected` are
    /// the competencies the level expects (the others are among them).
    pub fn of(rule: &crate::ladder::Promotion, expected: &[String], ready: impl Fn(&str) -> bool) -> Self {
        let missing: Vec<String> = rule.required.iter().filter(|id| !ready(id)).cloned().collect();
        let others = expected.iter().filter(|id| !rule.required.contains(id));
        let others_ready = others.filter(|id| ready(id)).count();
        let met = missing.is_empty() && others_ready >= rule.at_least;
        RuleCheck { required: rule.required.clone(), missing, at_least: rule.at_least, others_ready, met }
    }

    /// The check of the target level's rule in `asks`, where it has one.
    pub fn on(asks: &Asks, ready: impl Fn(&str) -> bool) -> Option<Self> {
        Some(RuleCheck::of(asks.rule.as_ref()?, asks.expected.as_deref()?, ready))
    }

    /// What the rule still asks for, in words (titles from `title`), or
    /// `None` when it is met.
    pub fn wanting(&self, title: impl Fn(&str) -> String) -> Option<String> {
        if self.met {
            return None;
        }
        let mut parts = Vec::new();
        if !self.missing.is_empty() {
            let names: Vec<String> = self.missing.iter().map(|id| title(id)).collect();
            parts.push(format!("{} (required)", crate::text::join_names(&names)));
        }
        if self.others_ready < self.at_least {
            let more = self.at_least - self.others_ready;
            parts.push(format!("{more} more of the others ({} of {} ready)", self.others_ready, self.at_least));
        }
        Some(format!("the level's rule still wants {}", parts.join(" and ")))
    }
}
