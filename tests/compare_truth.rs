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
