//! Ladders shaped like real companies' frameworks: points and minimum
//! points, cells of several expectations, cells where nothing is expected,
//! groups, and sixteen competencies, through the commands people run.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::pty::{ENTER, Pty};
use crate::support::{Rungs, fixture, json as parse};

const POINTS: &str = "points-style";
const LISTS: &str = "lists-style";

/// A run with the real-framework fixtures loaded as custom ladders.
fn rungs() -> Rungs {
    Rungs::new().env("RUNGS_LADDERS", fixture("ladders/real"))
}

fn show(ladder: &str) -> Value {
    parse(&rungs().args(["ladder", "show", ladder, "--format", "json"]).ok())
}

/// Saves an answers file through `rungs assess` into `dir`.
fn save(dir: &Path, answers: &Value) -> PathBuf {
    let path = dir.with_extension("answers.json");
    std::fs::write(&path, answers.to_string()).unwrap();
    rungs().args(["assess", "--answers"]).args([&path]).args(["--dir"]).args([dir]).ok();
    path
}

fn report(dir: &Path, format: &str) -> String {
    rungs().args(["report", "Ana Diaz", "--format", format, "--dir"]).args([dir]).ok()
}

/// Ratings for every competency between two levels of `ladder`: `current`
/// where the levels expect the same step, both otherwise, from `rate`.
fn ratings(ladder: &Value, current: &str, target: &str, rate: impl Fn(usize) -> (&'static str, &'static str)) -> Value {
    let level = |id: &str| ladder["levels"].as_array().unwrap().iter().find(|l| l["id"] == id).unwrap().clone();
    let (now, next) = (level(current), level(target));
    let mut out = serde_json::Map::new();
    for (i, c) in ladder["competencies"].as_array().unwrap().iter().enumerate() {
        let id = c["id"].as_str().unwrap();
        let (a, b) = rate(i);
        let same = now["expectations"][id]["step"] == next["expectations"][id]["step"];
        let entry = if same { json!({ "current": a, "evidence": "x" }) } else { json!({ "current": a, "target": b }) };
        out.insert(id.to_owned(), entry);
    }
    Value::Object(out)
}

#[test]
fn points_held_are_the_points_of_the_highest_step_met_against_the_targets_minimum() {
    let ladder = show(POINTS);
    assert_eq!(ladder["competencies"].as_array().unwrap().len(), 16);
    assert_eq!(ladder["levels"].as_array().unwrap().len(), 15);
    let (current, target) = ("SE1.1", "SE1.3");
    // Every third competency meets nothing, every other meets only the current step.
    let rate = |i: usize| match i % 3 {
        0 => ("not-yet", "not-yet"),
        1 => ("meets", "developing"),
        _ => ("exceeds", "meets"),
    };
    let rungs_home = Rungs::new();
    let dir = rungs_home.home().join("store");
    let answers = json!({
        "ladder": POINTS, "person": "Ana Diaz", "relationship": "self", "current": current, "target": target,
        "date": "2026-11-20", "ratings": ratings(&ladder, current, target, rate),
    });
    save(&dir, &answers);

    // Worked out here from the ladder alone: the highest of the two steps met.
    let level = |id: &str| ladder["levels"].as_array().unwrap().iter().find(|l| l["id"] == id).unwrap().clone();
    let (now, next) = (level(current), level(target));
    let (mut held, mut groups) = (0u64, std::collections::BTreeMap::<String, u64>::new());
    for (i, c) in ladder["competencies"].as_array().unwrap().iter().enumerate() {
        let id = c["id"].as_str().unwrap();
        let step_points = |level: &Value| level["expectations"][id]["points"].as_u64().unwrap();
        let same = now["expectations"][id]["step"] == next["expectations"][id]["step"];
        let (a, b) = rate(i);
        let met = |r: &str| r == "meets" || r == "exceeds";
        let points = if met(if same { a } else { b }) {
            step_points(&next)
        } else if met(a) {
            step_points(&now)
        } else {
            0
        };
        held += points;
        *groups.entry(c["group"].as_str().unwrap().to_owned()).or_default() += points;
    }
    assert!(held > 0 && groups.values().all(|&g| g < held), "a spread worth testing: {held} {groups:?}");

    let text = report(&dir, "json");
    let at = |group: &str| text.find(&format!("\"{group}\": {{")).unwrap_or_else(|| panic!("{group}: {text}"));
    let order = ["Building", "Executing", "Supporting", "Strengthening"];
    assert!(order.windows(2).all(|w| at(w[0]) < at(w[1])), "groups in the ladder's order: {text}");
    let report = parse(&text);
    let points = &report["points"];
    assert_eq!(points["held"].as_u64(), Some(held), "{points}");
    assert_eq!(points["required"], next["min_points"], "{points}");
    let shown: Vec<(&str, u64)> =
        points["groups"].as_object().unwrap().iter().map(|(g, v)| (g.as_str(), v["held"].as_u64().unwrap())).collect();
    assert_eq!(shown.len(), 4, "{points}");
    for (group, value) in shown {
        assert_eq!(groups[group], value, "{group}");
    }
    let table = report_text(&dir);
    assert!(table.contains(&format!("Points: {held} points")), "{table}");
}

fn report_text(dir: &Path) -> String {
    report(dir, "table")
}

#[test]
fn a_ladder_without_points_reports_points_as_null() {
    let rungs_home = Rungs::new();
    let dir = rungs_home.home().join("store");
    let ladder = show("tech-lead");
    let answers = json!({
        "person": "Ana Diaz", "relationship": "self", "current": "TL4", "target": "TL5", "date": "2026-11-20",
        "ratings": ratings(&ladder, "TL4", "TL5", |_| ("meets", "meets")),
    });
    save(&dir, &answers);
    let report = parse(&report(&dir, "json"));
    assert!(report.as_object().unwrap().contains_key("points") && report["points"].is_null(), "{report}");
    assert!(ladder["competencies"][0]["group"].is_null() && ladder["competencies"][0]["step_points"][0].is_null());
}

/// An assessment on the list ladder from E2 to E3, with every target unmet
/// so that each competency is a gap whose expectation is shown.
fn lists_assessment(dir: &Path) {
    let ladder = show(LISTS);
    let mut ratings = serde_json::Map::new();
    for c in ladder["competencies"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let entry = if id == "hiring" || id == "org-impact" {
            json!({ "target": "developing" }) // nothing is expected of them at E2
        } else {
            json!({ "current": "meets", "target": "developing" })
        };
        ratings.insert(id.to_owned(), entry);
    }
    let answers = json!({
        "ladder": LISTS, "person": "Ana Diaz", "relationship": "self", "current": "E2", "target": "E3",
        "date": "2026-11-20", "ratings": ratings,
    });
    save(dir, &answers);
}

#[test]
fn cells_of_several_expectations_are_lists_on_a_terminal_in_markdown_and_in_html() {
    let rungs_home = Rungs::new();
    let dir = rungs_home.home().join("store");
    lists_assessment(&dir);
    let ladder = show(LISTS);
    let items: Vec<String> = ladder["levels"][2]["expectations"]["delivery"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(items.len(), 3);

    let table = report_text(&dir);
    for item in &items {
        assert!(table.contains(&format!("◦ {item}")), "{item:?} as its own list item:\n{table}");
    }
    assert!(!table.contains(&items.join("; ")), "not glued into one paragraph:\n{table}");

    let markdown = report(&dir, "markdown");
    assert!(markdown.contains("- Delivery (growing): E3 expects:\n"), "{markdown}");
    for item in &items {
        assert!(markdown.contains(&format!("\n  - {item}\n")), "{item:?} nested under its competency:\n{markdown}");
    }

    let page = rungs_home.home().join("case.html");
    rungs().args(["export", "Ana Diaz", "--format", "html", "-o"]).args([&page]).args(["--dir"]).args([&dir]).ok();
    let html = std::fs::read_to_string(&page).unwrap();
    let doc = roxmltree::Document::parse_with_options(
        html.trim_start_matches("<!DOCTYPE html>\n"),
        roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() },
    );
    let listed: Vec<String> = match &doc {
        Ok(doc) => doc
            .descendants()
            .filter(|n| n.has_tag_name("ul") && n.attribute("class") == Some("items"))
            .flat_map(|ul| {
                ul.children().filter(|li| li.has_tag_name("li")).map(|li| li.text().unwrap_or("").to_owned())
            })
            .collect(),
        // The page is HTML, not always XML: fall back to the markup itself.
        Err(_) => {
            items.iter().filter(|i| html.contains(&format!("<li>{}</li>", i.replace('\'', "&#39;")))).cloned().collect()
        }
    };
    for item in &items {
        assert!(listed.contains(item), "{item:?} as an <li> of a list in the HTML case: {listed:?}");
    }
}

#[test]
fn a_cell_where_nothing_is_expected_is_not_asked_and_not_scored() {
    let rungs_home = Rungs::new();
    let dir = rungs_home.home().join("store");
    lists_assessment(&dir);
    let file = std::fs::read_dir(dir.join("ana-diaz")).unwrap().next().unwrap().unwrap().path();
    let saved = parse(&std::fs::read_to_string(file).unwrap());
    let levels_of = |id: &str| -> Vec<String> {
        saved["ratings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["competency"] == id)
            .map(|r| r["level"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(levels_of("hiring"), ["E3"], "only the level that expects something is rated");
    assert_eq!(levels_of("delivery"), ["E2", "E3"]);
    let hiring = saved["ratings"].as_array().unwrap().iter().find(|r| r["competency"] == "hiring").unwrap();
    assert_eq!(hiring["expectation_items"].as_array().map(Vec::len), Some(3), "{hiring}");

    let scored = parse(&report(&dir, "json"));
    let hiring = scored["competencies"].as_array().unwrap().iter().find(|c| c["id"] == "hiring").unwrap();
    // Nothing was expected at E2, so that side is met: growing, not below.
    assert_eq!(hiring["status"], "growing", "{hiring}");
    assert_eq!(hiring["current"]["met"], true);
    assert_eq!(hiring["held"], Value::Null, "nothing is held for an unrated level");

    // From E1 to E2 neither level expects anything of hiring: not asked, not scored.
    let ladder = show(LISTS);
    let mut ratings = serde_json::Map::new();
    for c in ladder["competencies"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        if id != "hiring" && id != "org-impact" {
            ratings.insert(id.to_owned(), json!({ "current": "meets", "target": "meets" }));
        }
    }
    let other = rungs_home.home().join("other");
    let answers = json!({
        "ladder": LISTS, "person": "Ana Diaz", "relationship": "self", "current": "E1", "target": "E2",
        "date": "2026-11-21", "ratings": ratings,
    });
    save(&other, &answers);
    let report = parse(&report(&other, "json"));
    let ids: Vec<&str> = report["competencies"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert!(!ids.contains(&"hiring") && !ids.contains(&"org-impact"), "{ids:?}");
    assert_eq!(report["total"], 6);
    assert_eq!(report["ready"], true);
}

#[test]
fn a_rating_given_for_a_cell_where_nothing_is_expected_exits_2_naming_the_key() {
    let rungs_home = Rungs::new();
    let dir = rungs_home.home().join("store");
    let ladder = show(LISTS);
    let mut ratings = serde_json::Map::new();
    for c in ladder["competencies"].as_array().unwrap() {
        ratings.insert(c["id"].as_str().unwrap().to_owned(), json!({ "current": "meets", "target": "meets" }));
    }
    let answers = json!({
        "ladder": LISTS, "person": "Ana Diaz", "relationship": "self", "current": "E2", "target": "E3",
        "date": "2026-11-20", "ratings": ratings,
    });
    let path = rungs_home.home().join("a.json");
    std::fs::write(&path, answers.to_string()).unwrap();
    let run = rungs().args(["assess", "--answers"]).args([&path]).args(["--dir"]).args([&dir]).fails(2);
    assert!(run.stderr.contains("ratings.hiring.current: nothing is expected"), "{}", run.stderr);
    assert!(run.stderr.contains("ratings.hiring.target"), "says where the rating belongs: {}", run.stderr);
    assert!(!dir.join("ana-diaz").exists(), "nothing was saved");
}

#[test]
fn ladder_show_of_sixteen_competencies_fits_80_columns_with_its_groups() {
    let out = rungs().args(["ladder", "show", POINTS]).env("COLUMNS", "80").ok();
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 80, "a line of {widest} columns:\n{out}");
    for group in ["Building", "Executing", "Supporting", "Strengthening"] {
        assert!(out.contains(&format!("{group}: ")), "{group} shown:\n{out}");
    }
    assert!(out.contains("SE1.3: "), "level by level:\n{out}");
    assert!(out.lines().count() < 300, "compact: {} lines", out.lines().count());
    let ladder = show(POINTS);
    assert_eq!(ladder["competencies"][0]["group"], "Building");
    assert_eq!(ladder["competencies"][0]["step_points"], json!([1, 3, 6, 12, 20]));
    assert_eq!(ladder["levels"][14]["min_points"], 135);
    for level in ["EE1.1", "SE1.3"] {
        let out = rungs().args(["ladder", "show", POINTS, "--level", level]).env("COLUMNS", "80").ok();
        assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
        assert!(out.contains("Building") && out.contains("points"), "{out}");
    }
}

#[test]
fn competencies_without_steps_print_no_placeholder_dashes() {
    let rungs_home = Rungs::new();
    let dir = rungs_home.home().join("store");
    lists_assessment(&dir);
    for (what, out) in [
        ("report", report_text(&dir)),
        ("report markdown", report(&dir, "markdown")),
        ("ladder show", rungs().args(["ladder", "show", LISTS]).ok()),
        ("ladder show --level", rungs().args(["ladder", "show", LISTS, "--level", "E1"]).ok()),
        ("ladder compare", rungs().args(["ladder", "compare", "lists-style:E1", "lists-style:E3"]).ok()),
    ] {
        assert!(!out.contains('—'), "{what} prints a placeholder dash:\n{out}");
    }
    let out = rungs().args(["ladder", "show", LISTS, "--level", "E1"]).ok();
    assert!(out.contains("not expected at this level"), "{out}");
}

#[test]
fn the_interview_shows_list_cells_as_lists_and_skips_cells_where_nothing_is_expected() {
    let rungs_home = Rungs::new();
    let dir = rungs_home.home().join("store");
    let mut command = rungs()
        .args(["assess", "--ladder", LISTS, "--person", "Ana Diaz", "--current", "E1", "--target", "E2"])
        .args(["--date", "2026-11-24", "--dir"])
        .args([&dir])
        .command();
    crate::support::isolate(&mut command, rungs_home.home());
    command.env("RUNGS_LADDERS", fixture("ladders/real"));
    let mut pty = Pty::spawn(command);
    pty.expect("Competency 1 of 6: Delivery");
    pty.expect("• Delivery: handles work of size 1");
    for title in [
        "Delivery",
        "Scope and ownership",
        "Technical skill",
        "Architecture and design",
        "Feedback, communication & collaboration",
        "Leadership and direction setting",
    ] {
        pty.answer(&format!("{title}: your rating at E1"), ENTER);
        pty.answer(&format!("{title}: your rating at E2"), ENTER);
        pty.answer("Evidence", ENTER);
    }
    pty.answer("Review your answers", ENTER);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");
    assert!(!transcript.contains("Hiring and growing the team"), "a cell where nothing is expected was asked");
    assert!(!transcript.contains("of 8"), "eight competencies counted:\n{transcript}");
}

/// A small ladder whose two levels expect the same step of `craft` in
/// other words, so one rating counts for both.
const SAME_STEP: &str = r#"id = "same-step"
title = "Same step"
version = "1"

[[competencies]]
id = "craft"
title = "Craft"
group = "Doing"
steps = [{ name = "Builds", points = 2 }, { name = "Designs", points = 5 }]

[[competencies]]
id = "care"
title = "Care"
group = "Being"
steps = [{ name = "Helps", points = 1 }, { name = "Mentors", points = 4 }]

[[competencies]]
id = "hiring"
title = "Hiring"
group = "Being"

[[levels]]
id = "S1"
title = "One"
min_points = 2
[levels.expectations]
craft = { step = "Builds", text = "BUILDS-AT-S1" }
care = { step = "Helps", text = "helps at S1" }
hiring = { none = true }

[[levels]]
id = "S2"
title = "Two"
min_points = 6
[levels.expectations]
craft = { step = "Builds", items = ["BUILDS-AT-S2 first", "BUILDS-AT-S2 second"] }
care = { step = "Mentors", text = "mentors at S2" }
hiring = { text = "interviews at S2" }
"#;

#[test]
fn the_case_quotes_the_target_levels_own_words_and_its_points() {
    let rungs_home = Rungs::new();
    let ladders = rungs_home.home().join("ladders");
    std::fs::create_dir_all(&ladders).unwrap();
    std::fs::write(ladders.join("same-step.toml"), SAME_STEP).unwrap();
    let dir = rungs_home.home().join("store");
    let answers = json!({
        "ladder": "same-step", "person": "Ana Diaz", "relationship": "self", "current": "S1", "target": "S2",
        "date": "2026-11-20",
        "ratings": {
            "craft": { "current": "meets" },
            "care": { "current": "meets", "target": "developing" },
            "hiring": { "target": "not-yet" },
        },
    });
    let path = rungs_home.home().join("a.json");
    std::fs::write(&path, answers.to_string()).unwrap();
    let run = |args: &[&str]| {
        Rungs::new().env("RUNGS_LADDERS", &ladders).args(args.iter().copied()).args(["--dir"]).args([&dir]).ok()
    };
    run(&["assess", "--answers", path.to_str().unwrap()]);
    let case = run(&["export", "Ana Diaz", "--format", "markdown"]);
    assert!(case.contains("BUILDS-AT-S2 first") && case.contains("BUILDS-AT-S2 second"), "{case}");
    assert!(!case.contains("BUILDS-AT-S1"), "the target's words, not the current level's:\n{case}");
    // Builds (2) and Helps (1): 3 of the 6 S2 asks for.
    assert!(case.contains("Points: 3 points of the 6 S2 asks for, 3 short"), "{case}");
    assert!(case.contains("nothing is expected at S1"), "{case}");
    assert!(!case.contains("developing at S1") && !case.contains("not-yet at S1"), "no invented rating:\n{case}");

    let report = parse(&run(&["report", "Ana Diaz", "--format", "json"]));
    let hiring = report["competencies"].as_array().unwrap().iter().find(|c| c["id"] == "hiring").unwrap();
    assert_eq!(hiring["current"]["rating"], Value::Null, "{hiring}");
    assert_eq!(hiring["current"]["expected"], false, "{hiring}");
    assert_eq!(report["points"]["held"], 3);
    assert_eq!(report["points"]["groups"]["Doing"]["held"], 2);
    assert_eq!(report["points"]["groups"]["Being"]["held"], 1);
}

#[test]
fn every_rating_of_a_cell_where_nothing_is_expected_is_named_at_once() {
    let rungs_home = Rungs::new();
    let mut ratings = serde_json::Map::new();
    for c in show(LISTS)["competencies"].as_array().unwrap() {
        ratings.insert(c["id"].as_str().unwrap().to_owned(), json!({ "current": "meets", "target": "meets" }));
    }
    // E1 and E2 expect nothing of these two.
    ratings.insert("hiring".into(), json!({ "current": "meets" }));
    ratings.insert("org-impact".into(), json!({ "current": "meets" }));
    let answers = json!({
        "ladder": LISTS, "person": "Ana Diaz", "relationship": "self", "current": "E1", "target": "E2",
        "date": "2026-11-20", "ratings": ratings,
    });
    let path = rungs_home.home().join("a.json");
    std::fs::write(&path, answers.to_string()).unwrap();
    let dir = rungs_home.home().join("store");
    let run = rungs().args(["assess", "--answers"]).args([&path]).args(["--dir"]).args([&dir]).fails(2);
    assert!(
        run.stderr.contains("ratings.hiring.current") && run.stderr.contains("ratings.org-impact.current"),
        "{}",
        run.stderr
    );
}

#[test]
fn assessing_on_a_ladder_file_outside_the_ladders_folder_says_where_to_put_it() {
    let rungs_home = Rungs::new();
    let file = rungs_home.home().join("same-step.toml");
    std::fs::write(&file, SAME_STEP).unwrap();
    let answers = json!({
        "ladder": file, "person": "Ana Diaz", "relationship": "self", "current": "S1", "target": "S2",
        "date": "2026-11-20",
        "ratings": { "craft": { "current": "meets" }, "care": { "current": "meets", "target": "meets" }, "hiring": { "target": "meets" } },
    });
    let path = rungs_home.home().join("a.json");
    std::fs::write(&path, answers.to_string()).unwrap();
    let dir = rungs_home.home().join("store");
    let run = Rungs::new().args(["assess", "--answers"]).args([&path]).args(["--dir"]).args([&dir]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("not in the ladders folder") && run.stderr.contains("RUNGS_LADDERS"), "{}", run.stderr);
}

#[test]
fn team_shows_one_table_per_ladder_so_competencies_of_different_ladders_never_share_a_column() {
    let rungs_home = Rungs::new();
    let dir = rungs_home.home().join("store");
    lists_assessment(&dir);
    let tech = show("tech-lead");
    let answers = json!({
        "person": "Tom Hale", "relationship": "self", "current": "TL4", "target": "TL5", "date": "2026-11-20",
        "ratings": ratings(&tech, "TL4", "TL5", |_| ("meets", "meets")),
    });
    save(&rungs_home.home().join("tom"), &answers);
    for entry in std::fs::read_dir(rungs_home.home().join("tom")).unwrap() {
        let from = entry.unwrap().path();
        std::fs::rename(&from, dir.join(from.file_name().unwrap())).unwrap();
    }
    let markdown = rungs().args(["team", "--format", "markdown", "--dir"]).args([&dir]).ok();
    let lists = markdown.find("## Backend Engineer (lists) (lists-style)").expect(&markdown);
    let tech = markdown.find("## Tech Lead (tech-lead)").expect(&markdown);
    let (first, second) = if lists < tech { (lists, tech) } else { (tech, lists) };
    let sections = [&markdown[first..second], &markdown[second..]];
    for section in sections {
        let header = section.lines().find(|l| l.starts_with("| Person")).unwrap();
        let columns = header.matches('|').count() - 1;
        let expected = if section.contains("lists-style") { 8 } else { 5 } + 6;
        assert_eq!(columns, expected, "one ladder's competencies only: {header}");
    }
    let table = rungs().args(["team", "--dir"]).args([&dir]).env("COLUMNS", "80").ok();
    assert!(table.contains("Tech Lead (tech-lead)") && table.contains("lists-style"), "{table}");
}
