//! `rungs ladders`, `rungs ladder show | compare | check`, custom ladders.

use crate::support::{Rungs, fixture, json, repo};

/// PRODUCT.md's level matrix: steps for Technology/System/People/Process/Influence.
const MATRIX: &str = "\
developer D1 1/1/1/1/1, D2 1/2/2/2/1, D3 2/2/2/3/2, D4 3/3/3/3/2, D5 4/4/3/4/3, D6 5/5/3/4/4, D7 5/5/3/4/5
tech-lead TL4 2/3/4/4/1, TL5 3/4/4/5/2, TL6 4/5/4/5/3, TL7 4/5/4/5/4
technical-program-manager TPM4 2/2/4/4/3, TPM5 2/2/4/5/3, TPM6 2/3/5/5/4, TPM7 2/4/5/5/5
engineering-manager EM5 3/3/5/4/2, EM6 3/4/5/5/2, EM7 3/4/5/5/3";

const STEPS: [(&str, [&str; 5]); 5] = [
    ("technology", ["Adopts", "Specializes", "Evangelizes", "Masters", "Creates"]),
    ("system", ["Enhances", "Designs", "Owns", "Evolves", "Leads"]),
    ("people", ["Learns", "Supports", "Mentors", "Coordinates", "Manages"]),
    ("process", ["Follows", "Enforces", "Challenges", "Adjusts", "Defines"]),
    ("influence", ["Subsystem", "Team", "Multiple Teams", "Company", "Community"]),
];

#[test]
fn ladders_lists_the_four_builtins() {
    let out = json(&Rungs::new().args(["ladders", "--format", "json"]).ok());
    let ids: Vec<&str> = out.as_array().unwrap().iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["developer", "tech-lead", "technical-program-manager", "engineering-manager"]);
    let table = Rungs::new().args(["ladders"]).ok();
    for id in ids {
        assert!(table.contains(id), "{table}");
    }
}

#[test]
fn ladder_show_json_gives_the_product_step_matrix() {
    let mut levels_seen = 0;
    for line in MATRIX.lines() {
        let (ladder, levels) = line.split_once(' ').unwrap();
        let out = json(&Rungs::new().args(["ladder", "show", ladder, "--format", "json"]).ok());
        assert_eq!(out["id"], ladder);
        for (i, (id, steps)) in STEPS.iter().enumerate() {
            assert_eq!(out["competencies"][i]["id"], *id);
            assert_eq!(out["competencies"][i]["steps"], serde_json::json!(steps));
        }
        let shown = out["levels"].as_array().unwrap();
        let expected: Vec<&str> = levels.split(", ").collect();
        assert_eq!(shown.len(), expected.len(), "{ladder}");
        for (level, spec) in shown.iter().zip(expected) {
            let (id, numbers) = spec.split_once(' ').unwrap();
            assert_eq!(level["id"], id);
            for ((competency, steps), number) in STEPS.iter().zip(numbers.split('/')) {
                let step = steps[number.parse::<usize>().unwrap() - 1];
                assert_eq!(level["expectations"][competency]["step"], step, "{ladder} {id} {competency}");
                assert!(!level["expectations"][competency]["text"].as_str().unwrap().is_empty());
            }
            let senior = id.trim_start_matches(char::is_alphabetic).parse::<u8>().unwrap() >= 4;
            assert_eq!(level["senior"], senior, "{id}");
            levels_seen += 1;
        }
    }
    assert_eq!(levels_seen, 18);
}

#[test]
fn ladder_show_level_shows_the_seed_texts() {
    let out = Rungs::new().args(["ladder", "show", "tech-lead", "--level", "TL4", "--format", "markdown"]).ok();
    for text in [
        "is the go-to person for one or more technologies and takes initiative to learn new ones",
        "owns the production operation and monitoring of the system and is aware of its SLAs",
        "coordinates team members providing effective feedback and moderating discussions",
        "adjusts the team processes, listening to feedback and guiding the team through the changes",
        "makes an impact on one or more subsystems or team pods",
    ] {
        assert!(out.contains(text), "missing {text:?} in\n{out}");
    }
}

#[test]
fn ladder_show_matrix_is_pinned_in_markdown() {
    let out = Rungs::new().args(["ladder", "show", "tech-lead", "--format", "markdown"]).ok();
    insta::assert_snapshot!(out);
}

#[test]
fn ladder_show_level_table_fits_the_width() {
    let out = Rungs::new().args(["ladder", "show", "tech-lead", "--level", "tl4"]).ok();
    assert!(out.contains("Specializes"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 100), "{out}");
}

fn changes(from: &str, to: &str) -> Vec<(String, String)> {
    let out = json(&Rungs::new().args(["ladder", "compare", from, to, "--format", "json"]).ok());
    out["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_owned(), c["change"].as_str().unwrap().to_owned()))
        .collect()
}

fn pairs(list: [(&str, &str); 5]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

#[test]
fn compare_tl4_tl5_goes_up_except_people() {
    let expected = [("technology", "up"), ("system", "up"), ("people", "same"), ("process", "up"), ("influence", "up")];
    assert_eq!(changes("TL4", "TL5"), pairs(expected));
    let out = json(&Rungs::new().args(["ladder", "compare", "TL4", "TL5", "--format", "json"]).ok());
    assert_eq!((out["from"].as_str(), out["to"].as_str()), (Some("TL4"), Some("TL5")));
    assert_eq!(out["competencies"][0]["from_step"], "Specializes");
    assert_eq!(out["competencies"][0]["to_step"], "Evangelizes");
}

#[test]
fn compare_d4_tl4_goes_down_in_technology_and_influence() {
    // System: the same step, Owns, in the two ladders' own words (issue 21: "reworded", no longer "same").
    let expected =
        [("technology", "down"), ("system", "reworded"), ("people", "up"), ("process", "up"), ("influence", "down")];
    assert_eq!(changes("D4", "tech-lead:TL4"), pairs(expected));
    let table = Rungs::new().args(["ladder", "compare", "D4", "TL4"]).ok();
    assert!(table.contains("↓ down") && table.contains("↑ up"), "{table}");
}

#[test]
fn unknown_level_lists_near_matches() {
    let run = Rungs::new().args(["ladder", "compare", "TL4", "TL8"]).fails(2);
    assert_eq!(run.stderr, "error: unknown level `TL8`\n  did you mean one of: TL4, TL5, TL6, TL7?\n");
}

#[test]
fn unknown_ladder_names_the_known_ones() {
    let run = Rungs::new().args(["ladder", "show", "tech-led"]).fails(2);
    assert!(run.stderr.starts_with("error: unknown ladder `tech-led`\n  did you mean `tech-lead`?"), "{}", run.stderr);
}

#[test]
fn check_reports_file_line_and_column() {
    let cases = [
        ("misspelt-key.toml", ":7:1: unknown key `titel` in competency `a`; did you mean `title`?"),
        ("missing-competency.toml", ":18:6: level `T1` has no expectation for competency `c`"),
        ("syntax-error.toml", ":19:9: this string is not closed on its line"),
    ];
    for (file, expected) in cases {
        let path = fixture("ladders/broken").join(file);
        let run = Rungs::new().args(["ladder", "check"]).args([&path]).fails(1);
        let first = run.stderr.lines().next().unwrap();
        assert!(first.starts_with(&format!("{}{expected}", path.display())), "{file}: {}", run.stderr);
    }
}

#[test]
fn check_passes_every_builtin_file() {
    let files = ["developer", "tech-lead", "technical-program-manager", "engineering-manager"]
        .map(|id| repo(&format!("ladders/{id}.toml")));
    let out = Rungs::new().args(["ladder", "check"]).args(files).ok();
    assert_eq!(out.lines().filter(|l| l.contains(": ok")).count(), 4, "{out}");
}

/// Every TOML block of docs/ladder-format.md that is a whole ladder: one
/// with an `id` before any table header.
pub fn documented_ladders() -> Vec<String> {
    let doc = std::fs::read_to_string(repo("docs/ladder-format.md")).unwrap();
    doc.split("```toml\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_owned())
        .filter(|block| block.lines().take_while(|l| !l.starts_with('[')).any(|l| l.starts_with("id = ")))
        .collect()
}

#[test]
fn a_ladder_written_from_the_docs_is_listed_and_shown() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("my-ladders");
    std::fs::create_dir(&dir).unwrap();
    let examples = documented_ladders();
    assert!(examples.len() >= 4, "{}", examples.len());
    for (i, example) in examples.iter().enumerate() {
        std::fs::write(dir.join(format!("example-{i}.toml")), example).unwrap();
    }
    let support_file = examples.iter().position(|e| e.contains("id = \"support-engineer\"")).unwrap();
    let listed = json(&Rungs::new().args(["ladders", "--format", "json", "--ladders"]).args([&dir]).ok());
    let support = listed.as_array().unwrap().iter().find(|l| l["id"] == "support-engineer").unwrap();
    assert_eq!(support["levels"].as_array().unwrap().len(), 6);
    assert!(support["source"].as_str().unwrap().ends_with(&format!("example-{support_file}.toml")));

    let shown = json(
        &Rungs::new().env("RUNGS_LADDERS", &dir).args(["ladder", "show", "support-engineer", "--format", "json"]).ok(),
    );
    assert_eq!(shown["competencies"].as_array().unwrap().len(), 3);
    assert_eq!(shown["competencies"][0]["steps"], serde_json::json!([]));
    assert_eq!(shown["levels"][5]["expectations"]["team"]["text"], "shapes how support works across the company");
    let table = Rungs::new().env("RUNGS_LADDERS", &dir).args(["ladder", "show", "support-engineer"]).ok();
    assert!(table.contains("Principal Support Engineer") || table.contains("S6"), "{table}");
}

#[test]
fn a_custom_ladder_with_a_builtin_id_replaces_it_and_says_so() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("ladders");
    std::fs::create_dir(&dir).unwrap();
    let text = std::fs::read_to_string(repo("ladders/tech-lead.toml"))
        .unwrap()
        .replace("version = \"1\"", "version = \"team-2\"");
    std::fs::write(dir.join("tl.toml"), text).unwrap();
    let out = json(&Rungs::new().args(["ladders", "--format", "json", "--ladders"]).args([&dir]).ok());
    assert_eq!(out[1]["replaces"], "built-in");
    let table = Rungs::new().args(["ladders", "--ladders"]).args([&dir]).ok();
    assert!(table.contains("(replaces"), "{table}");
    let shown =
        json(&Rungs::new().args(["ladder", "show", "tech-lead", "--format", "json", "--ladders"]).args([&dir]).ok());
    assert_eq!(shown["version"], "team-2");
}

#[test]
fn a_ladder_named_by_path_is_shown() {
    let path = fixture("ladders/custom/three.toml");
    let out = json(&Rungs::new().args(["ladder", "show"]).args([&path]).args(["--format", "json"]).ok());
    assert_eq!(out["id"], "three-by-two");
}

#[test]
fn a_broken_custom_ladder_is_reported_and_the_rest_still_listed() {
    let run = Rungs::new().args(["ladders", "--ladders"]).args([fixture("ladders/broken")]).fails(1);
    assert!(run.stdout.contains("tech-lead"), "{}", run.stdout);
    assert!(run.stderr.contains("misspelt-key.toml:7:1"), "{}", run.stderr);
}

#[test]
fn completions_and_man_page_are_printed() {
    assert!(Rungs::new().args(["completions", "bash"]).ok().contains("_clap_complete_rungs()"));
    assert!(Rungs::new().args(["man"]).ok().contains(".TH rungs"));
}

#[test]
fn every_command_has_help_with_an_example() {
    let commands: [&[&str]; 14] = [
        &["assess"],
        &["report"],
        &["list"],
        &["diff"],
        &["history"],
        &["export"],
        &["chart"],
        &["team"],
        &["ladders"],
        &["ladder", "show"],
        &["ladder", "compare"],
        &["ladder", "check"],
        &["completions"],
        &["man"],
    ];
    let top = Rungs::new().args(["--help"]).ok();
    for command in commands {
        assert!(top.contains(&format!("  {}", command[0])), "{command:?} missing from rungs --help:\n{top}");
        let out = Rungs::new().args(command.iter().copied()).args(["--help"]).ok();
        let summary = out.lines().next().unwrap_or_default();
        assert!(!summary.is_empty() && !summary.starts_with("Usage"), "{command:?} has no summary:\n{out}");
        assert!(out.contains("Example"), "{command:?}:\n{out}");
    }
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let plain = Rungs::new().args(["ladders"]).ok();
    assert!(!plain.contains('\x1b'), "no colour off a terminal");
    let coloured = Rungs::new().args(["--color", "always", "ladders"]).ok();
    assert!(coloured.contains("\x1b["), "{coloured:?}");
    let auto = Rungs::new().env("NO_COLOR", "1").args(["--color", "auto", "ladder", "compare", "TL4", "TL5"]).ok();
    assert!(!auto.contains('\x1b'));
}
