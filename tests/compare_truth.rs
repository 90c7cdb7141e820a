//! `ladder compare` tells the truth (issue 21): an expectation a higher
//! level drops is "no longer expected", never a new ask, and the same step
//! in new words is listed as such.

use serde_json::Value;

use crate::support::{Rungs, json};

const LADDER: &str = r#"
id = "forked"
title = "Forked"
version = "1"

[[competencies]]
id = "craft"
title = "Craft"
steps = [{ name = "Builds" }, { name = "Designs" }]

[[competencies]]
id = "hiring"
title = "Hiring"
steps = [{ name = "Interviews" }, { name = "Leads" }]

[[competencies]]
id = "voice"
title = "Voice"
steps = [{ name = "Speaks" }, { name = "Writes" }]

[[levels]]
id = "IC4"
title = "Engineer 4"

[levels.expectations]
craft = { step = "Builds", text = "builds features end to end" }
hiring = { step = "Interviews", text = "interviews candidates" }
voice = { step = "Speaks", text = "speaks up in reviews" }

[[levels]]
id = "IC5"
title = "Engineer 5"

[levels.expectations]
craft = { step = "Designs", text = "designs systems others build" }
hiring = { none = true }
voice = { step = "Speaks", text = "speaks for the team in planning" }

[[levels]]
id = "IC6"
title = "Engineer 6"

[levels.expectations]
craft = { step = "Designs", text = "designs systems across teams" }
hiring = { step = "Leads", text = "leads the hiring loop" }
voice = { step = "Writes", text = "writes the team's technical strategy" }
"#;

fn compare(format: &str) -> String {
    let rungs = Rungs::new();
    let ladders = rungs.home().join("ladders");
    std::fs::create_dir_all(&ladders).unwrap();
    std::fs::write(ladders.join("forked.toml"), LADDER).unwrap();
    Rungs::new().args(["--ladders"]).args([&ladders]).args(["ladder", "compare", "IC4", "IC5", "--format", format]).ok()
}

#[test]
fn a_dropped_expectation_is_no_longer_expected_and_never_a_new_ask() {
    let out = json(&compare("json"));
    let change = |id: &str| -> Value {
        out["competencies"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()["change"].clone()
    };
    assert_eq!(change("craft"), "up");
    assert_eq!(change("hiring"), "dropped");
    let text = compare("markdown");
    let asks = text.split("What IC5 asks for beyond IC4").nth(1).unwrap_or("");
    let asks = asks.split("\n#").next().unwrap();
    assert!(asks.contains("Craft") && !asks.contains("Hiring"), "{text}");
    assert!(text.contains("No longer expected at IC5") && text.contains("dropped"), "{text}");
}

#[test]
fn the_same_step_in_new_words_is_listed_as_reworded() {
    let out = json(&compare("json"));
    let voice = out["competencies"].as_array().unwrap().iter().find(|c| c["id"] == "voice").unwrap().clone();
    assert_eq!(voice["change"], "reworded");
    let text = compare("markdown");
    assert!(text.contains("Same step at IC5, in new words"), "{text}");
    assert!(text.contains("speaks for the team in planning"), "{text}");
}

#[test]
fn a_level_that_expects_nothing_sits_at_the_centre_of_the_chart() {
    let rungs = Rungs::new();
    let ladders = rungs.home().join("ladders");
    std::fs::create_dir_all(&ladders).unwrap();
    std::fs::write(ladders.join("forked.toml"), LADDER).unwrap();
    let dir = rungs.home().join("store");
    // IC5 expects nothing of hiring, IC6 expects its second step.
    let answers = serde_json::json!({ "person": "Ada", "ladder": "forked", "current": "IC5", "target": "IC6",
        "date": "2026-06-01", "ratings": {
            "craft": { "current": "meets" },
            "hiring": { "target": "developing" },
            "voice": { "current": "meets", "target": "developing" } } });
    let with = |r: Rungs| r.args(["--ladders"]).args([&ladders]).args(["--dir"]).args([&dir]);
    with(Rungs::new()).args(["assess", "--answers", "-"]).stdin(answers.to_string()).ok();
    let svg = with(Rungs::new()).args(["chart", "Ada"]).ok();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let rings = doc.descendants().filter(|n| n.attribute("class") == Some("ring")).count();
    assert_eq!(rings, 2, "rings are the two steps, not the levels: {svg}");
    let current = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("series current"))
        .and_then(|n| n.attribute("points"))
        .unwrap();
    let centre = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("axis"))
        .map(|axis| (axis.attribute("x1").unwrap().to_owned(), axis.attribute("y1").unwrap().to_owned()))
        .unwrap();
    let hiring = current.split_whitespace().nth(1).unwrap();
    let (x, y) = hiring.split_once(',').unwrap();
    let near = |a: &str, b: &str| (a.parse::<f64>().unwrap() - b.parse::<f64>().unwrap()).abs() < 0.5;
    assert!(
        near(x, &centre.0) && near(y, &centre.1),
        "hiring at IC5 (nothing expected) is at {hiring}, the centre is {centre:?}"
    );
}

#[test]
fn a_rating_for_a_competency_the_target_does_not_expect_is_refused_not_dropped() {
    let rungs = Rungs::new();
    let ladders = rungs.home().join("ladders");
    std::fs::create_dir_all(&ladders).unwrap();
    std::fs::write(ladders.join("forked.toml"), LADDER).unwrap();
    // IC5 expects nothing of hiring: an IC4 → IC5 assessment does not rate it.
    let answers = serde_json::json!({ "person": "Ada", "ladder": "forked", "current": "IC4", "target": "IC5", "date": "2026-06-01",
        "ratings": { "craft": { "current": "meets", "target": "developing" }, "hiring": { "current": "meets" },
            "voice": { "current": "meets" } } });
    let run = Rungs::new()
        .args(["--ladders"])
        .args([&ladders])
        .args(["--dir"])
        .args([rungs.home().join("store")])
        .args(["assess", "--answers", "-"])
        .stdin(answers.to_string())
        .fails(2);
    assert!(run.stderr.contains("ratings.hiring.current: IC5 expects nothing of Hiring"), "{}", run.stderr);
}
