//! The ladders compiled into the binary, so rungs works from any folder.

/// `(id, TOML text)` of every built-in ladder, in the order they are listed.
pub const LADDERS: [(&str, &str); 4] = [
    ("developer", include_str!("../../ladders/developer.toml")),
    ("tech-lead", include_str!("../../ladders/tech-lead.toml")),
    ("technical-program-manager", include_str!("../../ladders/technical-program-manager.toml")),
    ("engineering-manager", include_str!("../../ladders/engineering-manager.toml")),
];

/// The ladder an interview uses when none is named.
pub const DEFAULT_LADDER: &str = "tech-lead";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ladder::{Source, parse::parse};

    #[test]
    fn every_builtin_parses_and_has_the_id_it_is_listed_under() {
        for (id, text) in LADDERS {
            let ladder = parse(text, id, Source::BuiltIn).unwrap_or_else(|d| panic!("{id}: {d:?}"));
            assert_eq!(ladder.id, id);
        }
    }

    #[test]
    fn builtin_steps_never_fall_and_rise_by_at_most_one() {
        for (id, text) in LADDERS {
            let ladder = parse(text, id, Source::BuiltIn).unwrap();
            for pair in ladder.levels.windows(2) {
                for (low, high) in pair[0].expectations.iter().zip(&pair[1].expectations) {
                    let (low, high) = (low.step.unwrap(), high.step.unwrap());
                    assert!(high == low || high == low + 1, "{id} {}→{}", pair[0].id, pair[1].id);
                }
            }
        }
    }
}
