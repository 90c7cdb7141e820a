//! Unit tests of the ladder parser: one mistake at a time, each at its place.

use super::*;
use crate::ladder::Expected;

fn check(text: &str) -> Vec<String> {
    match parse(text, "x.toml", Source::BuiltIn) {
        Ok(_) => Vec::new(),
        Err(found) => found.iter().map(ToString::to_string).collect(),
    }
}

const MINIMAL: &str = r#"
id = "mini"
title = "Mini"
version = "1"

[[competencies]]
id = "a"
title = "A"
steps = [{ name = "One" }, { name = "Two" }]

[[competencies]]
id = "b"
title = "B"

[[competencies]]
id = "c"
title = "C"

[[levels]]
id = "L1"
title = "Level 1"
[levels.expectations]
a = { step = "One", text = "a1" }
b = { text = "b1" }
c = { text = "c1" }
"#;

#[test]
fn minimal_ladder_is_valid() {
    let ladder = parse(MINIMAL, "x.toml", Source::BuiltIn).unwrap();
    assert_eq!(ladder.levels[0].expectations[0].step, Some(0));
    assert_eq!(ladder.levels[0].expectations[1].expected, Expected::Text("b1".into()));
}

#[test]
fn misspelt_key_is_reported_at_its_line() {
    let found = check(&MINIMAL.replace("title = \"B\"", "titel = \"B\""));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("x.toml:13:1: "), "{found:?}");
    assert!(found[0].contains("titel"), "{found:?}");
}

#[test]
fn missing_expectation_names_level_and_competency() {
    let found = check(&MINIMAL.replace("c = { text = \"c1\" }\n", ""));
    assert_eq!(
        found,
        ["x.toml:20:6: level `L1` has no expectation for competency `c`; add it under [levels.expectations]"]
    );
}

#[test]
fn unknown_step_lists_the_steps() {
    let found = check(&MINIMAL.replace("step = \"One\"", "step = \"Three\""));
    assert_eq!(found, ["x.toml:23:14: competency `a` has no step `Three`; its steps are: One, Two"]);
}

#[test]
fn duplicate_ids_point_at_the_second() {
    let found = check(&MINIMAL.replace("id = \"c\"", "id = \"b\""));
    assert!(
        found.iter().any(|d| d.starts_with("x.toml:16:6: duplicate competency id `b`; first defined on line 12")),
        "{found:?}"
    );
    let found = check(&MINIMAL.replace("{ name = \"Two\" }", "{ name = \"One\" }"));
    assert!(found.iter().any(|d| d.contains("duplicate step `One`")), "{found:?}");
}

#[test]
fn empty_ladders_are_refused() {
    let found = check("id = \"x\"\ntitle = \"X\"\nversion = \"1\"\n");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("no competencies"));
    assert!(found[1].contains("no levels"));
}

#[test]
fn syntax_errors_carry_a_position() {
    let found = check("id = \"x\ntitle = 3\n");
    assert_eq!(found.len(), 1);
    assert!(found[0].starts_with("x.toml:1:"), "{found:?}");
}

#[test]
fn line_column_counts_characters() {
    assert_eq!(line_column("ab\ncdé f", 9), (2, 6));
    assert_eq!(line_column("", 5), (1, 1));
}
