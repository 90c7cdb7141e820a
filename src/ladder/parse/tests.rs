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

#[test]
fn independent_syntax_errors_in_different_sections_are_all_reported() {
    let text = MINIMAL.replace("title = \"A\"", "title = \"A").replace("c = { text = \"c1\" }", "c = { text = 'c1 }");
    let found = check(&text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("x.toml:8:9: this string is not closed"), "{found:?}");
    assert!(found[1].starts_with("x.toml:25:14: this string is not closed on its line; end it with `'`"), "{found:?}");
}

#[test]
fn an_unclosed_multi_line_string_is_reported_where_it_opens() {
    let found = check(&MINIMAL.replace("title = \"Mini\"", "title = \"Mini\"\nsummary = \"\"\"Starts here"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("x.toml:4:11: this multi-line string is never closed"), "{found:?}");
}

#[test]
fn a_key_given_twice_is_reported_and_the_content_still_checked() {
    let found =
        check(&MINIMAL.replace("title = \"B\"", "title = \"B\"\ntitle = \"Bee\"").replace("id = \"c\"", "id = \"C\""));
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("x.toml:14:1: the key `title` is given twice"), "{found:?}");
    assert!(found[1].starts_with("x.toml:17:6: competency id `C` must be lowercase"), "{found:?}");
}

#[test]
fn wrong_types_are_reported_with_what_was_found() {
    let found = check(&MINIMAL.replace("title = \"Level 1\"", "title = \"Level 1\"\nsenior = \"yes\""));
    assert_eq!(found, ["x.toml:22:10: `senior` of level `L1` must be `true` or `false`, not a string"]);
}

#[test]
fn names_are_stored_and_looked_up_in_nfc() {
    let text =
        MINIMAL.replace("{ name = \"Two\" }", "{ name = \"Tro\u{301}\" }").replace("id = \"L1\"", "id = \"Le\u{301}\"");
    let ladder = parse(&text, "x.toml", Source::BuiltIn).unwrap();
    assert_eq!(ladder.competencies[0].steps[1].name, "Tr\u{f3}");
    assert_eq!(ladder.levels[0].id, "L\u{e9}");
    assert_eq!(ladder.level_index("Le\u{301}"), Some(0));
    assert_eq!(ladder.competencies[0].step_index("Tro\u{301}"), Some(1));
}

#[test]
fn new_keys_are_read_into_the_model() {
    let text = MINIMAL
        .replace("title = \"A\"", "title = \"A\"\ngroup = \"Craft\"")
        .replace(
            "{ name = \"One\" }, { name = \"Two\" }",
            "{ name = \"One\", points = 1 }, { name = \"Two\", points = 4 }",
        )
        .replace("title = \"Level 1\"", "title = \"Level 1\"\nmin_points = 2")
        .replace("b = { text = \"b1\" }", "b = { items = [\"b1\", \"b2\"] }")
        .replace("c = { text = \"c1\" }", "c = { none = true }");
    let ladder = parse(&text, "x.toml", Source::BuiltIn).unwrap();
    assert_eq!(ladder.competencies[0].group.as_deref(), Some("Craft"));
    assert_eq!(ladder.competencies[0].steps[1].points, Some(4));
    assert_eq!(ladder.levels[0].min_points, Some(2));
    assert_eq!(ladder.levels[0].expectations[1].expected, Expected::Items(vec!["b1".into(), "b2".into()]));
    assert_eq!(ladder.levels[0].expectations[2].expected, Expected::Nothing);
}

#[test]
fn min_points_without_any_step_points_is_reported_once() {
    let found = check(&MINIMAL.replace("title = \"Level 1\"", "title = \"Level 1\"\nmin_points = 2"));
    assert_eq!(
        found,
        ["x.toml:22:14: levels ask for `min_points`, but no step has `points`; give every step `points`"]
    );
}

#[test]
fn an_array_left_open_is_reported_once_with_a_hint() {
    let found = check(&MINIMAL.replace("{ name = \"Two\" }]", "{ name = \"Two\" }"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("x.toml:11:1: this is not valid TOML: "), "{found:?}");
    assert!(found[0].ends_with("(is an array or inline table above left open?)"), "{found:?}");
}

#[test]
fn a_syntax_error_in_a_level_blanks_its_expectations_too() {
    let found = check(&MINIMAL.replace("title = \"Level 1\"", "title = Level 1"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("x.toml:21:9: this is not valid TOML: "), "{found:?}");
}

#[test]
fn a_none_of_the_wrong_type_is_reported_once() {
    let found = check(&MINIMAL.replace("b = { text = \"b1\" }", "b = { none = \"yes\" }"));
    assert_eq!(
        found,
        ["x.toml:24:14: `none` of the expectation of level `L1` for `b` must be `true` or `false`, not a string"]
    );
}

#[test]
fn a_competency_that_is_not_a_table_is_reported_once() {
    let text = "id = \"x\"\ntitle = \"X\"\nversion = \"1\"\n\
        competencies = [\"a\", { id = \"b\", title = \"B\" }, { id = \"c\", title = \"C\" }]\n\
        [[levels]]\nid = \"L1\"\ntitle = \"L\"\n[levels.expectations]\n\
        a = { text = \"a\" }\nb = { text = \"b\" }\nc = { text = \"c\" }\n";
    let found = check(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("x.toml:4:17: competency 1 must be a table"), "{found:?}");
}

#[test]
fn past_two_hundred_problems_the_rest_are_counted() {
    let junk: String = (0..300).map(|i| format!("zz{i} = 1\n")).collect();
    let found = check(&MINIMAL.replace("title = \"Level 1\"\n", &format!("title = \"Level 1\"\n{junk}")));
    assert_eq!(found.len(), 201);
    assert!(found[200].ends_with("100 more problems are not listed; fix these first"), "{}", found[200]);
}
