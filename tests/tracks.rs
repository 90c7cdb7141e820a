//! Frameworks as companies publish them (issue 21): parallel tracks that
//! fork after a shared start, cells that inherit the level below, level and
//! group descriptions, promotion rules, shared step scales and bulleted
//! texts, each read, shown and checked with FILE:LINE:COL errors.

use serde_json::Value;

use crate::support::{Rungs, json, repo};

fn ladders() -> std::path::PathBuf {
    repo("tests/fixtures/ladders/tracks")
}

fn show(args: &[&str]) -> crate::support::Run {
    Rungs::new().args(["--ladders"]).args([ladders()]).args(["ladder", "show", "forked"]).args(args).run()
}

fn level<'a>(ladder: &'a Value, id: &str) -> &'a Value {
    ladder["levels"].as_array().unwrap().iter().find(|l| l["id"] == id).unwrap()
}

#[test]
fn the_forked_ladder_reads_with_its_tracks_descriptions_rules_and_inherited_cells() {
    let check = Rungs::new().args(["ladder", "check"]).args([ladders().join("forked.toml")]).run();
    assert_eq!(check.code, 0, "{check:#?}");
    let run = show(&["--format", "json"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let ladder = json(&run.stdout);
    let tracks: Vec<(&str, usize)> = ladder["tracks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].as_str().unwrap(), t["levels"].as_array().unwrap().len()))
        .collect();
    assert_eq!(tracks, [("ic", 5), ("em", 5)]);
    assert_eq!(ladder["group_descriptions"][0]["name"], "Craft");
    assert_eq!(ladder["group_descriptions"][0]["description"], "How the work itself is done.");
    // Shared steps: every competency takes the ladder's scale.
    for c in ladder["competencies"].as_array().unwrap() {
        assert_eq!(c["steps"], serde_json::json!(["Learning", "Practising", "Leading", "Shaping"]), "{c}");
    }
    let principal = level(&ladder, "principal");
    assert_eq!(principal["description"], "Answers for the technical health of a whole area.");
    assert_eq!(principal["promotion"], serde_json::json!({ "required": ["technical"], "at_least": 1 }));
    assert_eq!(principal["tracks"], serde_json::json!(["ic"]));
    // Inherited from the level below on the same track, never "not expected".
    let people = &level(&ladder, "eng2")["expectations"]["people"];
    assert_eq!(
        (people["text"].as_str(), people["inherited_from"].as_str()),
        (Some("asks for help early"), Some("eng1"))
    );
    let hiring = &level(&ladder, "principal")["expectations"]["hiring"];
    assert_eq!((hiring["step"].as_str(), hiring["expected"].as_bool()), (Some("Learning"), Some(true)));
    assert_eq!(hiring["inherited_from"], "senior1", "a chain names the level that says it");
    let technical = &level(&ladder, "head")["expectations"]["technical"];
    assert_eq!(
        technical["inherited_from"], "senior2-em",
        "below head on its own track, not the level before it in the file"
    );
    // A bulleted text is a list.
    let bullets = &level(&ladder, "eng2")["expectations"]["technical"]["items"];
    assert_eq!(bullets, &serde_json::json!(["designs small features", "reviews others' code with care"]));
    // Existing ladders gain no key.
    let builtin = json(&Rungs::new().args(["ladder", "show", "tech-lead", "--format", "json"]).ok());
    for key in ["tracks", "group_descriptions"] {
        assert!(builtin.get(key).is_none(), "{key}");
    }
    assert!(builtin["levels"][0].get("tracks").is_none() && builtin["levels"][0].get("promotion").is_none());
}

#[test]
fn show_follows_one_track_and_a_level_says_its_description_rule_and_what_it_inherits() {
    let em = show(&["--track", "em"]);
    assert_eq!(em.code, 0, "{em:#?}");
    assert!(em.stdout.contains("senior2-em") && em.stdout.contains("head:"), "{}", em.stdout);
    assert!(!em.stdout.contains("principal") && !em.stdout.contains("senior2-ic"), "{}", em.stdout);
    let principal = show(&["--level", "principal"]).stdout;
    assert!(principal.contains("Answers for the technical health of a whole area."), "{principal}");
    assert!(principal.contains("Technical skill ready, and at least 1 of the others"), "{principal}");
    assert!(principal.contains("(as at senior1)"), "{principal}");
    let wrong = show(&["--level", "principal", "--track", "em"]);
    assert_eq!(wrong.code, 2, "{wrong:#?}");
    assert!(wrong.stderr.contains("not on that track"), "{}", wrong.stderr);
    let unknown = show(&["--track", "nope"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("its tracks are ic, em"), "{}", unknown.stderr);
}

#[test]
fn compare_across_tracks_and_the_page_shows_one_column_per_track() {
    let run = Rungs::new()
        .args(["--ladders"])
        .args([ladders()])
        .args(["ladder", "compare", "senior2-ic", "senior2-em", "--format", "json"])
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let changes: Vec<String> = json(&run.stdout)["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["change"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(changes, ["down", "up", "up", "up"]);
    let page = Rungs::new()
        .args(["--ladders"])
        .args([ladders()])
        .args(["ladder", "export", "forked", "--format", "markdown"])
        .ok();
    assert!(page.contains("| Technical | Management |"), "{page}");
    assert!(page.contains("| senior2-ic | senior2-em |"), "{page}");
    assert!(page.contains("- **Technical skill** (step 2 of 4, Practising):\n  - designs small features"), "{page}");
    assert!(page.contains("as at eng1"), "{page}");
    let head = page.split("## head:").nth(1).unwrap();
    assert!(head.contains("What changes from senior2-em"), "the level below head is on its own track: {head}");
}

/// `ladder check --format json` on `text`: each problem's line, column and message.
fn problems(text: &str) -> Vec<(u64, u64, String)> {
    let rungs = Rungs::new();
    let path = rungs.home().join("bad.toml");
    std::fs::write(&path, text).unwrap();
    let run = Rungs::new().args(["ladder", "check", "--format", "json"]).args([&path]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    json(&run.stdout)
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (p["line"].as_u64().unwrap(), p["column"].as_u64().unwrap(), p["message"].as_str().unwrap().to_owned())
        })
        .collect()
}

fn broken(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(ladders().join("forked.toml")).unwrap();
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

#[test]
fn every_new_key_is_checked_with_file_line_and_column() {
    let cases = [
        (
            "technical = { step = \"Learning\", text = \"writes tested code with a reviewer's help\" }",
            "technical = { inherit = true }",
            "nothing to inherit",
        ),
        ("people = { inherit = true }", "people = { inherit = true, text = \"x\" }", "so remove `text`"),
        (
            "promotion = { required = [\"technical\"], at_least = 1 }",
            "promotion = { required = [\"tecnical\"], at_least = 1 }",
            "unknown competency `tecnical`",
        ),
        (
            "promotion = { required = [\"technical\"], at_least = 1 }",
            "promotion = { required = [\"technical\"], at_least = 9 }",
            "`at_least`",
        ),
        ("name = \"Craft\"", "name = \"Crafts\"", "no competency is in group `Crafts`"),
        (
            "levels = [\"eng1\", \"eng2\", \"senior1\", \"senior2-ic\", \"principal\"]",
            "levels = [\"eng1\", \"eng2\", \"senior1\", \"senior2-ic\", \"principl\"]",
            "unknown level `principl`",
        ),
        (
            "levels = [\"eng1\", \"eng2\", \"senior1\", \"senior2-em\", \"head\"]",
            "levels = [\"eng1\", \"senior1\", \"senior2-em\", \"head\"]",
            "share level `senior1` but not every level below it",
        ),
        (
            "levels = [\"eng1\", \"eng2\", \"senior1\", \"senior2-em\", \"head\"]",
            "levels = [\"eng1\", \"eng2\", \"senior1\", \"senior2-em\"]",
            "level `head` is on no track",
        ),
    ];
    for (from, to, says) in cases {
        let text = broken(from, to);
        let found = problems(&text);
        let hit = found.iter().find(|(_, _, m)| m.contains(says));
        let Some((line, column, _)) = hit else { panic!("{says}: {found:?}") };
        let at = text.lines().nth(*line as usize - 1).unwrap();
        assert!(*column >= 1 && (*column as usize) <= at.chars().count() + 1, "{says}: {line}:{column} in {at}");
    }
}

fn rungs_on(dir: &std::path::Path) -> Rungs {
    Rungs::new().args(["--ladders"]).args([ladders()]).args(["--dir"]).args([dir])
}

#[test]
fn assess_at_a_fork_asks_for_the_track_and_the_saved_assessment_records_it() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    // From senior1 the management track changes every step; the technical one only Technical skill.
    let both = || serde_json::json!({ "current": "meets", "target": "meets" });
    let answers = |track: Option<&str>| {
        let mut a = serde_json::json!({ "person": "Ada", "ladder": "forked", "current": "senior1", "date": "2026-06-01",
            "ratings": { "technical": both(), "delivery": both(), "people": both(), "hiring": both() } });
        if let Some(track) = track {
            a["track"] = track.into();
        }
        a.to_string()
    };
    let technical =
        serde_json::json!({ "person": "Ada", "ladder": "forked", "current": "senior1", "date": "2026-06-02",
        "ratings": { "technical": both(), "delivery": { "current": "meets" }, "people": { "current": "meets" },
            "hiring": { "current": "meets" } } })
        .to_string();
    let fork = rungs_on(&dir).args(["assess", "--answers", "-"]).stdin(answers(None)).run();
    assert_eq!(fork.code, 2, "{fork:#?}");
    assert!(
        fork.stderr.contains("senior2-ic on track `ic`") && fork.stderr.contains("senior2-em on track `em`"),
        "{}",
        fork.stderr
    );
    let saved = rungs_on(&dir).args(["assess", "--answers", "-", "--format", "json"]).stdin(answers(Some("em"))).ok();
    let path = json(&saved)["path"].as_str().unwrap().to_owned();
    let file = json(&std::fs::read_to_string(&path).unwrap());
    assert_eq!((file["target"].as_str(), file["track"].as_str()), (Some("senior2-em"), Some("em")));
    let flag =
        rungs_on(&dir).args(["assess", "--answers", "-", "--track", "ic", "--format", "json"]).stdin(technical).ok();
    let file = json(&std::fs::read_to_string(json(&flag)["path"].as_str().unwrap()).unwrap());
    assert_eq!((file["target"].as_str(), file["track"].as_str()), (Some("senior2-ic"), Some("ic")));
    let wrong = rungs_on(&dir).args(["assess", "--answers", "-", "--track", "nope"]).stdin(answers(None)).run();
    assert_eq!(wrong.code, 2);
    assert!(wrong.stderr.contains("its tracks are ic, em"), "{}", wrong.stderr);
}

#[test]
fn assess_at_a_fork_on_a_terminal_asks_which_track() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    let mut command = rungs_on(&dir).args(["assess", "--person", "Ada", "--ladder", "forked"]).command();
    crate::support::isolate(&mut command, rungs.home());
    let mut pty = crate::pty::Pty::spawn(command);
    // The current level: the third, senior1.
    pty.expect("current level");
    pty.send(crate::pty::DOWN);
    pty.send(crate::pty::DOWN);
    pty.send(crate::pty::ENTER);
    pty.expect("The tracks fork after senior1: which track");
    pty.send(crate::pty::DOWN);
    pty.send(crate::pty::ENTER);
    // The target level's list opens on the chosen track's next level.
    pty.expect("Target level");
    pty.send(crate::pty::ENTER);
    pty.expect("Technical skill: your rating at senior1");
    pty.send(crate::pty::CTRL_C);
    pty.finish();
    let draft = std::fs::read_to_string(dir.join("ada/.draft-forked-self.json")).unwrap();
    let draft = json(&draft);
    assert_eq!((draft["track"].as_str(), draft["target"].as_str()), (Some("em"), Some("senior2-em")), "{draft}");
}

#[test]
fn a_promotion_rule_decides_readiness_in_report_history_team_and_the_case() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    // senior2-ic → principal: technical is required, and one of the others.
    let answers = |technical: &str, date: &str| {
        serde_json::json!({ "person": "Ada", "ladder": "forked", "current": "senior2-ic", "target": "principal", "date": date,
            "ratings": { "technical": { "current": technical }, "delivery": { "current": "meets", "target": "meets" },
                "people": { "current": "meets", "target": "developing" }, "hiring": { "current": "meets" } } })
        .to_string()
    };
    rungs_on(&dir).args(["assess", "--answers", "-"]).stdin(answers("developing", "2026-05-01")).ok();
    let report = json(&rungs_on(&dir).args(["report", "Ada", "--format", "json"]).ok());
    assert_eq!(report["ready"], false);
    assert_eq!(report["promotion"]["missing"], serde_json::json!(["technical"]));
    let text = rungs_on(&dir).args(["report", "Ada"]).ok();
    assert!(text.contains("still wants Technical skill (required)"), "{text}");
    rungs_on(&dir).args(["assess", "--answers", "-"]).stdin(answers("meets", "2026-06-01")).ok();
    rungs_on(&dir).args(["assess", "--answers", "-"]).stdin(answers("exceeds", "2026-07-01")).ok();
    let report = json(&rungs_on(&dir).args(["report", "Ada", "--format", "json"]).ok());
    assert_eq!(report["ready"], true, "{report}");
    assert_eq!((report["ready_count"].as_u64(), report["total"].as_u64()), (Some(3), Some(4)), "people is growing");
    let text = rungs_on(&dir).args(["report", "Ada"]).ok();
    assert!(text.contains("Ready for principal by its promotion rule"), "{text}");
    let words = |text: String| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let history = words(rungs_on(&dir).args(["history", "Ada"]).env("COLUMNS", "200").ok());
    assert!(history.contains("Ready for principal since 2026-06-01, 2 assessments in a row"), "{history}");
    assert!(history.contains("3/4, ready by rule"), "{history}");
    let team = words(rungs_on(&dir).args(["team"]).env("COLUMNS", "200").ok());
    assert!(team.contains("3/4, ready by rule"), "{team}");
    let case = words(rungs_on(&dir).args(["export", "Ada"]).ok());
    assert!(case.contains("ready for principal by its promotion rule"), "{case}");
    assert!(case.contains("Answers for the technical health of a whole area."), "the level's description: {case}");
}

#[test]
fn the_spreadsheet_carries_tracks_rules_descriptions_and_inherited_cells_both_ways() {
    let rungs = Rungs::new();
    let home = rungs.home();
    let on = || Rungs::new().args(["--ladders"]).args([ladders()]);
    let csv = on().args(["ladder", "export", "forked", "--format", "csv"]).ok();
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",inherit,required,at_least,track"), "{header}");
    let builtin = Rungs::new().args(["ladder", "export", "tech-lead", "--format", "csv"]).ok();
    assert!(builtin.lines().next().unwrap().ends_with(",ladder,version"), "a ladder without them keeps its columns");
    std::fs::write(home.join("forked.csv"), &csv).unwrap();
    let toml = home.join("forked.toml");
    Rungs::new().args(["ladder", "import"]).args([home.join("forked.csv")]).args(["-o"]).args([&toml]).ok();
    let shown = |ladder: &std::path::Path| {
        let mut out = json(&on().args(["ladder", "show"]).args([ladder]).args(["--format", "json"]).ok());
        out.as_object_mut().unwrap().remove("source");
        out
    };
    assert_eq!(shown(&toml), shown(&ladders().join("forked.toml")));
    let again = Rungs::new().args(["ladder", "export"]).args([&toml]).args(["--format", "csv"]).ok();
    assert_eq!(again, csv, "export → import → export is byte-equal");
}

#[test]
fn a_matrix_sheet_imports_to_the_same_ladder_as_its_rows() {
    let rungs = Rungs::new();
    let home = rungs.home();
    // Levels as columns, competencies as rows, as frameworks publish them; a bulleted cell is a list.
    let matrix = "Competency,Engineer 1,Engineer 2,Senior\n\
        Delivery,ships small tasks,\"- plans a feature\n- ships it\",leads a project\n\
        Collaboration,asks for help,,mentors\n\
        Craft,writes code,writes good code,designs systems\n";
    let rows = "kind,level,competency,step,title,description,text,items,none,senior,min_points,points,group,ladder,version\n\
        ladder,,,,Web,,,,,,,,,web,1\n\
        competency,,delivery,,Delivery,,,,,,,,,,\n\
        competency,,collaboration,,Collaboration,,,,,,,,,,\n\
        competency,,craft,,Craft,,,,,,,,,,\n\
        level,Engineer-1,,,Engineer 1,,,,,no,,,,,\n\
        cell,Engineer-1,delivery,,,,ships small tasks,,,,,,,,\n\
        cell,Engineer-1,collaboration,,,,asks for help,,,,,,,,\n\
        cell,Engineer-1,craft,,,,writes code,,,,,,,,\n\
        level,Engineer-2,,,Engineer 2,,,,,no,,,,,\n\
        cell,Engineer-2,delivery,,,,,\"plans a feature\nships it\",,,,,,,\n\
        cell,Engineer-2,collaboration,,,,,,yes,,,,,,\n\
        cell,Engineer-2,craft,,,,writes good code,,,,,,,,\n\
        level,Senior,,,Senior,,,,,no,,,,,\n\
        cell,Senior,delivery,,,,leads a project,,,,,,,,\n\
        cell,Senior,collaboration,,,,mentors,,,,,,,,\n\
        cell,Senior,craft,,,,designs systems,,,,,,,,\n";
    std::fs::write(home.join("web.csv"), matrix).unwrap();
    std::fs::write(home.join("rows.csv"), rows).unwrap();
    let import = |file: &str, extra: &[&str], out: &str| {
        let run = Rungs::new()
            .args(["ladder", "import"])
            .args([home.join(file)])
            .args(extra)
            .args(["-o"])
            .args([home.join(out)])
            .run();
        assert_eq!(run.code, 0, "{run:#?}");
    };
    import("web.csv", &["--layout", "matrix", "--title", "Web"], "from-matrix.toml");
    import("rows.csv", &[], "from-rows.toml");
    let shown = |file: &str| {
        let mut out =
            json(&Rungs::new().args(["ladder", "show"]).args([home.join(file)]).args(["--format", "json"]).ok());
        out.as_object_mut().unwrap().remove("source");
        out
    };
    assert_eq!(shown("from-matrix.toml"), shown("from-rows.toml"));
    // The rows layout says what a matrix sheet is, first.
    let hint = Rungs::new().args(["ladder", "import"]).args([home.join("web.csv")]).run();
    assert_eq!(hint.code, 2);
    assert!(hint.stderr.lines().next().unwrap().contains("--layout matrix"), "{}", hint.stderr);
    // A problem names the row and the column letter.
    std::fs::write(home.join("bad.csv"), "Competency,L1,L1\nA,x,y\nB,x,y\nC,x,y\n").unwrap();
    let bad = Rungs::new().args(["ladder", "import", "--layout", "matrix"]).args([home.join("bad.csv")]).run();
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("row 1, column C: level `L1` is also column B"), "{}", bad.stderr);
    assert_eq!(bad.stderr.lines().count(), 1, "the duplicate's cells are not blamed again: {}", bad.stderr);
}

#[test]
fn inherited_cells_shared_steps_and_descriptions_reach_the_report_and_the_case() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    let answers = serde_json::json!({ "person": "Ada", "ladder": "forked", "current": "eng1", "target": "eng2", "date": "2026-06-01",
        "ratings": { "technical": { "current": "meets", "target": "developing" }, "delivery": { "current": "meets", "target": "meets" },
            "people": { "current": "meets" } } });
    rungs_on(&dir).args(["assess", "--answers", "-"]).stdin(answers.to_string()).ok();
    let report = json(&rungs_on(&dir).args(["report", "Ada", "--format", "json"]).ok());
    let row = |id: &str| report["competencies"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap().clone();
    // People at eng2 repeats eng1: one rating, scored like it; the shared scale gives the steps.
    assert_eq!(
        (row("people")["target"]["step"].as_str(), row("people")["status"].as_str()),
        (Some("Learning"), Some("ready")),
        "{report}"
    );
    assert_eq!(row("delivery")["target"]["step"], "Practising");
    assert_eq!(row("technical")["target"]["rank"], 2, "the shared scale's second step");
    let text = rungs_on(&dir).args(["report", "Ada"]).ok();
    assert!(
        text.contains("eng2: Ships features on their own.") && text.contains("Craft: How the work itself is done."),
        "{text}"
    );
    let case = rungs_on(&dir).args(["export", "Ada", "--format", "markdown"]).ok();
    assert!(case.contains("eng2: Ships features on their own."), "{case}");
    assert!(case.contains("Craft: How the work itself is done."), "{case}");
    assert!(case.contains("asks for help early"), "the inherited words: {case}");
    // The bulleted cell is a list in the case's Markdown, not glued to its label.
    assert!(case.contains("\n  - designs small features\n") || case.contains("\n- designs small features\n"), "{case}");
}

#[test]
fn history_and_the_case_follow_the_track_and_html_shows_a_bulleted_cell_as_a_list() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    let both = || serde_json::json!({ "current": "meets", "target": "meets" });
    let answers = serde_json::json!({ "person": "Ada", "ladder": "forked", "current": "senior1", "track": "em", "date": "2026-06-01",
        "ratings": { "technical": both(), "delivery": both(), "people": both(), "hiring": both() } });
    rungs_on(&dir).args(["assess", "--answers", "-"]).stdin(answers.to_string()).ok();
    let history = rungs_on(&dir).args(["history", "Ada"]).env("COLUMNS", "200").ok();
    assert!(history.contains("senior1 → senior2-em (em)"), "{history}");
    let case = rungs_on(&dir).args(["export", "Ada"]).ok();
    assert!(case.contains("senior1 → senior2-em on the Management track"), "{case}");
    let early = serde_json::json!({ "person": "Bo", "ladder": "forked", "current": "eng1", "target": "eng2", "date": "2026-06-01",
        "ratings": { "technical": { "current": "meets", "target": "developing" }, "delivery": both(), "people": { "current": "meets" } } });
    rungs_on(&dir).args(["assess", "--answers", "-"]).stdin(early.to_string()).ok();
    let page = rungs.home().join("bo.html");
    rungs_on(&dir).args(["export", "Bo", "-o"]).args([&page]).ok();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<li>designs small features</li>"), "{html}");
}

#[test]
fn a_current_level_given_at_a_fork_still_asks_for_the_track_on_a_terminal() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    let mut command =
        rungs_on(&dir).args(["assess", "--person", "Ada", "--ladder", "forked", "--current", "senior1"]).command();
    crate::support::isolate(&mut command, rungs.home());
    let mut pty = crate::pty::Pty::spawn(command);
    pty.expect("The tracks fork after senior1: which track");
    pty.send(crate::pty::ENTER);
    pty.expect("Technical skill: your rating at senior1");
    pty.send(crate::pty::CTRL_C);
    pty.finish();
    let draft = json(&std::fs::read_to_string(dir.join("ada/.draft-forked-self.json")).unwrap());
    assert_eq!((draft["track"].as_str(), draft["target"].as_str()), (Some("ic"), None), "{draft}");
}

#[test]
fn team_says_what_a_promotion_rule_still_wants() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    let answers = serde_json::json!({ "person": "Ada", "ladder": "forked", "current": "senior2-ic", "target": "principal", "date": "2026-05-01",
        "ratings": { "technical": { "current": "developing" }, "delivery": { "current": "meets", "target": "meets" },
            "people": { "current": "meets", "target": "developing" }, "hiring": { "current": "meets" } } });
    rungs_on(&dir).args(["assess", "--answers", "-"]).stdin(answers.to_string()).ok();
    let team = rungs_on(&dir).args(["team"]).env("COLUMNS", "200").ok();
    assert!(team.contains("2/4, rule wants technical"), "{team}");
    let json = json(&rungs_on(&dir).args(["team", "--format", "json"]).ok());
    assert_eq!(json[0]["promotion"]["missing"], serde_json::json!(["technical"]), "{json}");
    assert_eq!(json[0]["promotion"]["met"], false);
}

#[test]
fn an_inherited_cell_says_so_in_the_case_and_a_level_shows_its_groups_descriptions() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    // senior1 → senior2-ic: delivery at senior2-ic repeats senior1's.
    let answers = serde_json::json!({ "person": "Ada", "ladder": "forked", "current": "senior1", "track": "ic", "date": "2026-06-01",
        "ratings": { "technical": { "current": "meets", "target": "developing" }, "delivery": { "current": "meets" },
            "people": { "current": "meets" }, "hiring": { "current": "meets" } } });
    rungs_on(&dir).args(["assess", "--answers", "-"]).stdin(answers.to_string()).ok();
    let case = rungs_on(&dir).args(["export", "Ada"]).ok();
    assert!(case.contains("plans a feature of a few weeks (as at eng2)"), "{case}");
    let level = show(&["--level", "senior1"]).stdout;
    assert!(level.contains("How the work itself is done."), "{level}");
}
