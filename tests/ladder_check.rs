//! `rungs ladder check`: every problem in one pass, in file order, at its
//! place, with no follow-on errors; the flat JSON array; the new keys.

use std::path::{Path, PathBuf};

use crate::support::{Rungs, fixture, json, repo};

/// The lines and columns of the six mistakes of `six-mistakes.toml`.
const SIX: [(u64, u64); 6] = [(10, 1), (15, 9), (19, 6), (28, 1), (33, 1), (40, 19)];

/// A valid ladder of three competencies (the first with steps) and two levels.
const SMALL: &str = r#"id = "small"
title = "Small"
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

[[levels]]
id = "L2"
title = "Level 2"
[levels.expectations]
a = { step = "Two", text = "a2" }
b = { text = "b2" }
c = { text = "c2" }
"#;

/// Writes `text` as a ladder file in a fresh home and checks it: the
/// problems printed on stderr, or none.
fn problems(text: &str) -> Vec<String> {
    let rungs = Rungs::new();
    let path = rungs.home().join("ladder.toml");
    std::fs::write(&path, text).unwrap();
    let run = rungs.args(["ladder", "check"]).args([&path]).run();
    let prefix = format!("{}:", path.display());
    run.stderr.lines().filter_map(|l| l.strip_prefix(&prefix)).map(str::to_owned).collect()
}

#[test]
fn six_mistakes_are_reported_in_one_run_in_file_order() {
    let path = fixture("ladders/broken/six-mistakes.toml");
    let run = Rungs::new().args(["ladder", "check"]).args([&path]).fails(1);
    let lines: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with(&path.display().to_string())).collect();
    assert_eq!(lines.len(), 6, "{}", run.stderr);
    for (line, (row, column)) in lines.iter().zip(SIX) {
        assert!(line.starts_with(&format!("{}:{row}:{column}: ", path.display())), "{line}");
    }
    for word in ["`descripton`", "`title`", "duplicate competency id `people`", "`titel`", "`delivry`", "`Mentor`"] {
        assert!(run.stderr.contains(word), "{word} missing from\n{}", run.stderr);
    }
    assert!(run.stderr.ends_with("error: 1 of 1 ladder file has problems\n"), "{}", run.stderr);
}

#[test]
fn six_mistakes_as_json_are_one_flat_array_of_file_line_column_message() {
    let path = fixture("ladders/broken/six-mistakes.toml");
    let run = Rungs::new().args(["ladder", "check", "--format", "json"]).args([&path]).fails(1);
    let out = json(&run.stdout);
    let entries = out.as_array().unwrap();
    assert_eq!(entries.len(), 6, "{out}");
    for (entry, (line, column)) in entries.iter().zip(SIX) {
        let keys: Vec<&String> = entry.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 4, "{entry}");
        assert_eq!(entry["file"], path.display().to_string());
        assert_eq!((entry["line"].as_u64(), entry["column"].as_u64()), (Some(line), Some(column)));
        assert!(!entry["message"].as_str().unwrap().is_empty());
    }
}

#[test]
fn check_json_is_an_empty_array_when_every_file_is_fine() {
    let out = Rungs::new().args(["ladder", "check", "--format", "json"]).args([repo("ladders/tech-lead.toml")]).ok();
    assert_eq!(json(&out), serde_json::json!([]));
}

#[test]
fn check_json_has_one_entry_per_problem_across_files() {
    let broken = ["missing-competency.toml", "misspelt-key.toml", "syntax-error.toml", "six-mistakes.toml"]
        .map(|f| fixture("ladders/broken").join(f));
    let run = Rungs::new()
        .args(["ladder", "check", "--format", "json"])
        .args([repo("ladders/developer.toml")])
        .args(&broken)
        .fails(1);
    let out = json(&run.stdout);
    let files: Vec<&str> = out.as_array().unwrap().iter().map(|e| e["file"].as_str().unwrap()).collect();
    let count = |f: &PathBuf| files.iter().filter(|&&x| x == f.display().to_string()).count();
    assert_eq!(broken.each_ref().map(count), [1, 1, 1, 6], "{out}");
    assert_eq!(files.len(), 9);
}

#[test]
fn an_unclosed_string_is_reported_on_the_line_where_it_starts() {
    let text = SMALL.replace("b = { text = \"b1\" }", "b = { text = \"b1 }");
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("23:14: this string is not closed"), "{found:?}");
    let text = SMALL.replace("title = \"Level 2\"", "title = \"Level 2");
    assert!(problems(&text)[0].starts_with("28:9: "), "{:?}", problems(&text));
}

#[test]
fn a_duplicate_competency_id_is_reported_once_and_nothing_else() {
    let found = problems(&SMALL.replace("id = \"c\"", "id = \"b\""));
    assert_eq!(found, ["15:6: duplicate competency id `b`; first defined on line 11"]);
}

#[test]
fn a_competency_without_an_id_causes_no_errors_in_the_levels() {
    let found = problems(&SMALL.replace("id = \"c\"\n", ""));
    assert_eq!(found, ["14:1: competency 3 has no `id`; add `id = \"…\"`"]);
    let found = problems(&SMALL.replace("steps = [{ name = \"One\" }, { name = \"Two\" }]", "steps = \"One, Two\""));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("8:9: `steps` of competency `a` must be an array"), "{found:?}");
}

#[test]
fn a_misspelt_expectation_key_is_not_also_a_missing_expectation() {
    let found = problems(&SMALL.replace("c = { text = \"c2\" }", "cc = { text = \"c2\" }"));
    assert_eq!(found, ["32:1: level `L2` has an expectation for unknown competency `cc`; did you mean `c`?"]);
}

#[test]
fn step_names_match_after_nfc_and_duplicates_are_found_after_nfc() {
    let decomposed = "De\u{301}finit";
    let text = SMALL
        .replace("{ name = \"Two\" }", &format!("{{ name = \"{decomposed}\" }}"))
        .replace("step = \"Two\"", "step = \"D\u{e9}finit\"");
    assert_eq!(problems(&text), Vec::<String>::new());
    let rungs = Rungs::new();
    let path = rungs.home().join("nfc.toml");
    std::fs::write(&path, &text).unwrap();
    let shown = json(&rungs.args(["ladder", "show"]).args([&path]).args(["--format", "json"]).ok());
    assert_eq!(shown["competencies"][0]["steps"][1], "D\u{e9}finit");
    assert_eq!(shown["levels"][1]["expectations"]["a"]["step"], "D\u{e9}finit");

    let twice = SMALL.replace(
        "{ name = \"One\" }, { name = \"Two\" }",
        "{ name = \"D\u{e9}finit\" }, { name = \"De\u{301}finit\" }",
    );
    let found = problems(&twice);
    assert!(found.iter().any(|d| d.starts_with("8:41: duplicate step `D")), "{found:?}");
    let levels = SMALL.replace("id = \"L2\"", "id = \"L\u{e9}\"").replace("id = \"L1\"", "id = \"Le\u{301}\"");
    assert!(problems(&levels).iter().any(|d| d.starts_with("27:6: duplicate level id")), "{:?}", problems(&levels));
}

#[test]
fn bad_values_of_the_new_keys_are_reported_at_their_place() {
    let cases: [(&str, &str, &str); 12] = [
        (
            "{ name = \"One\" }, { name = \"Two\" }",
            "{ name = \"One\", points = -1 }, { name = \"Two\", points = 2 }",
            "8:35: `points` of step `One` of competency `a` is -1; it must be 0 or more",
        ),
        (
            "{ name = \"One\" }, { name = \"Two\" }",
            "{ name = \"One\", points = 1.5 }, { name = \"Two\", points = 2 }",
            "8:35: `points` of step `One` of competency `a` must be a whole number, not a decimal number",
        ),
        (
            "title = \"Level 1\"",
            "title = \"Level 1\"\nmin_points = 2000000",
            "21:14: `min_points` of level `L1` is 2000000; the limit is 1000000",
        ),
        (
            "b = { text = \"b1\" }",
            "b = { items = [] }",
            "23:15: `items` of the expectation of level `L1` for `b` lists 0 items; give 1 to 32",
        ),
        (
            "b = { text = \"b1\" }",
            "b = { items = [\"x\", \" \"] }",
            "23:21: an item of the expectation of level `L1` for `b` is empty",
        ),
        (
            "b = { text = \"b1\" }",
            "b = { items = [1] }",
            "23:16: each item of the expectation of level `L1` for `b` must be a string, not a whole number",
        ),
        (
            "b = { text = \"b1\" }",
            "b = { none = true, text = \"b1\" }",
            "23:20: the expectation of level `L1` for `b`: nothing is expected (`none = true`), so remove `text`",
        ),
        (
            "a = { step = \"One\", text = \"a1\" }",
            "a = { step = \"One\", none = true }",
            "22:7: the expectation of level `L1` for `a`: nothing is expected (`none = true`), so remove `step`",
        ),
        (
            "b = { text = \"b1\" }",
            "b = { txet = \"b1\" }",
            "23:7: unknown key `txet` in the expectation of level `L1` for `b`; did you mean `text`?",
        ),
        (
            "b = { text = \"b1\" }",
            "b = { text = \"b1\", items = [\"b\"] }",
            "23:20: the expectation of level `L1` for `b` has both `text` and `items`; keep one",
        ),
        (
            "title = \"B\"",
            "title = \"B\"\ngroup = \"\"",
            "13:9: `group` of competency `b` is empty; name the group or leave `group` out",
        ),
        (
            "b = { text = \"b1\" }",
            "b = { }",
            "23:5: the expectation of level `L1` for `b` needs `text`, `items` or `none = true`",
        ),
    ];
    for (from, to, expected) in cases {
        let text = SMALL.replacen(from, to, 1);
        assert_eq!(problems(&text), [expected], "{to}");
    }
}

#[test]
fn a_cell_where_nothing_is_expected_needs_no_step_and_none_false_is_as_if_absent() {
    let text = SMALL
        .replace("a = { step = \"One\", text = \"a1\" }", "a = { none = true }")
        .replace("b = { text = \"b2\" }", "b = { none = false, items = [\"b2\", \"more\"] }");
    assert_eq!(problems(&text), Vec::<String>::new());
}

#[test]
fn points_rise_with_the_steps_and_do_not_fall_between_levels() {
    let points = SMALL.replace(
        "{ name = \"One\" }, { name = \"Two\" }",
        "{ name = \"One\", points = 5 }, { name = \"Two\", points = 3 }",
    );
    assert_eq!(
        problems(&points),
        [
            "8:65: step `Two` of competency `a` is worth 3 points, fewer than step `One` below it (5); steps are cumulative"
        ]
    );
    // A step without points is worth none: the ladder still loads.
    let missing = SMALL.replace("{ name = \"Two\" }", "{ name = \"Two\", points = 3 }");
    assert_eq!(problems(&missing), Vec::<String>::new());
    let falling = SMALL
        .replace(
            "{ name = \"One\" }, { name = \"Two\" }",
            "{ name = \"One\", points = 1 }, { name = \"Two\", points = 3 }",
        )
        .replace("title = \"Level 1\"", "title = \"Level 1\"\nmin_points = 3")
        .replace("title = \"Level 2\"", "title = \"Level 2\"\nmin_points = 2");
    let found = problems(&falling);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("30:14: level `L2` asks for 2 points (`min_points`), fewer than level `L1`"),
        "{found:?}"
    );
}

/// A ladder of `competencies` × `levels`, every cell a text.
fn square(competencies: usize, levels: usize) -> String {
    let mut text = String::from("id = \"square\"\ntitle = \"Square\"\nversion = \"1\"\n");
    for c in 0..competencies {
        text += &format!("\n[[competencies]]\nid = \"c{c}\"\ntitle = \"C{c}\"\ngroup = \"G{}\"\n", c % 4);
    }
    for l in 0..levels {
        text += &format!("\n[[levels]]\nid = \"L{l}\"\ntitle = \"Level {l}\"\n[levels.expectations]\n");
        for c in 0..competencies {
            text += &format!("c{c} = {{ text = \"c{c} at L{l}\" }}\n");
        }
    }
    text
}

#[test]
fn thirty_two_competencies_and_levels_load_and_thirty_three_are_refused() {
    assert_eq!(problems(&square(32, 32)), Vec::<String>::new());
    let found = problems(&square(33, 2));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with("a ladder needs 3 to 32 competencies; this one has 33"), "{found:?}");
    let found = problems(&square(3, 33));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with("a ladder has at most 32 levels; this one has 33"), "{found:?}");
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_builtin_and_valid_fixture_still_loads() {
    let mut files = toml_files(&repo("ladders"));
    for dir in ["custom", "wide", "real"] {
        files.extend(toml_files(&fixture("ladders").join(dir)));
    }
    assert!(files.len() >= 8, "{files:?}");
    let out = Rungs::new().args(["ladder", "check"]).args(&files).ok();
    assert_eq!(out.lines().filter(|l| l.contains(": ok")).count(), files.len(), "{out}");
}

#[test]
fn every_broken_fixture_still_fails() {
    for file in toml_files(&fixture("ladders/broken")) {
        let run = Rungs::new().args(["ladder", "check", "--format", "json"]).args([&file]).fails(1);
        assert!(!json(&run.stdout).as_array().unwrap().is_empty(), "{}", file.display());
    }
}

#[test]
fn every_whole_ladder_in_the_format_docs_passes_check() {
    let ladders = crate::ladders::documented_ladders();
    let ids = ["data-engineer", "support-engineer", "product-designer", "platform-engineer"];
    for id in ids {
        assert!(ladders.iter().any(|l| l.contains(&format!("id = \"{id}\""))), "{id} is no longer in the docs");
    }
    let rungs = Rungs::new();
    let files: Vec<PathBuf> = ladders
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let path = rungs.home().join(format!("docs-{i}.toml"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let out = rungs.args(["ladder", "check"]).args(&files).ok();
    assert_eq!(out.lines().filter(|l| l.contains(": ok")).count(), files.len(), "{out}");
}

#[test]
fn the_docs_show_what_check_prints_for_the_six_mistakes() {
    let doc = std::fs::read_to_string(repo("docs/ladder-format.md")).unwrap();
    let path = fixture("ladders/broken/six-mistakes.toml");
    let run = Rungs::new().args(["ladder", "check"]).args([&path]).fails(1);
    let printed = run.stderr.replace(&format!("{}:", path.display()), "six-mistakes.toml:");
    let shown: Vec<&str> = doc.lines().filter(|l| l.starts_with("six-mistakes.toml:")).collect();
    assert_eq!(shown.len(), 6);
    for line in shown {
        assert!(printed.contains(line), "{line} is not what check prints:\n{printed}");
    }
}

#[test]
fn a_syntax_error_among_the_six_still_lets_the_other_five_be_reported() {
    let text = r#"id = "six"
title = "Six mistakes"
version = "1"

[[competencies]]
id = "craft"
title = "Craft"
descripton = "a misspelt key"
steps = [ { name = "Does" }, { name = "Leads" } ]

[[competencies]]
id = "people"
title = 42
steps = [ { name = "Helps" }, { name = "Mentors" } ]

[[competencies]]
id = "people"
title = "People again"

[[competencies]]
id = "delivery"
title = "Delivery"

[[levels]]
id = "L1"
title = "Level 1"
[levels.expectations]
craft = { step = "Does", text = "does the work" }
people = { step = "Mentor", text = "mentors" }

[[levels]]
id = "L2"
title = "Level 2
[levels.expectations]
craft = { step = "Leads", text = "leads" }
people = { step = "Mentors", text = "mentors" }
delivery = { text = "delivers" }
"#;
    let found = problems(text);
    let places: Vec<&str> = found.iter().map(|p| p.split(": ").next().unwrap()).collect();
    assert_eq!(places, ["8:1", "13:9", "17:6", "25:6", "29:19", "33:9"], "{found:#?}");
    assert!(found[5].contains("not closed"), "{found:#?}");
}

#[test]
fn what_goes_with_a_broken_competency_is_not_blamed_on_the_levels() {
    // The unclosed string blanks the whole `c` competency out: the
    // levels' cells for it are not unknown, and three competencies are
    // not too few.
    let text = SMALL.replace("id = \"c\"\ntitle = \"C\"", "id = \"c\"\ntitle = \"C");
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("not closed"), "{found:#?}");
}
