//! The promotion case that shows time (`export`) and the journal in the
//! 1:1 agenda (`export --agenda`), from a store built through the real CLI:
//! four quarterly self-assessments, a manager view, twelve tagged notes with
//! links, and goals.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::export::{chromium, console_lines, headless};
use crate::support::{Rungs, assess, json as parse};

const PERSON: &str = "Ada Byron";
const COMPETENCIES: [&str; 5] = ["technology", "system", "people", "process", "influence"];
const QUARTERS: [&str; 4] = ["2025-12-01", "2026-03-01", "2026-06-01", "2026-09-01"];

/// The answers of one assessment on tech-lead, TL4 → TL5: the competencies
/// in `met` meet TL5, the others are developing.
fn answers(date: &str, met: &[&str], evidence: &str) -> Value {
    let ratings: serde_json::Map<String, Value> = COMPETENCIES
        .iter()
        .map(|c| {
            let target = if met.contains(c) { "meets" } else { "developing" };
            let entry = if *c == "people" {
                json!({ "current": "meets", "evidence": format!("{evidence} {c}") })
            } else {
                json!({ "current": "meets", "target": target, "evidence": format!("{evidence} {c}") })
            };
            ((*c).to_owned(), entry)
        })
        .collect();
    json!({ "person": PERSON, "ladder": "tech-lead", "current": "TL4", "target": "TL5", "date": date, "ratings": ratings })
}

/// Runs `rungs ARGS --dir DIR` and returns stdout.
fn rungs(dir: &Path, args: &[&str]) -> String {
    Rungs::new().args(args).args(["--dir"]).args([dir]).ok()
}

/// A store as the issue describes it, in `home/store`; returns its folder
/// and the done goal's id.
fn store(home: &Path) -> PathBuf {
    let dir = home.join("store");
    let met: [&[&str]; 4] = [&[], &["technology"], &["technology", "system"], &["technology", "system", "process"]];
    for (date, met) in QUARTERS.iter().zip(met) {
        assess(&dir, &answers(date, met, &format!("Self {date}:")));
    }
    let mut manager = answers("2026-09-10", &["technology", "process", "influence"], "Kim saw");
    manager["relationship"] = json!("manager");
    manager["assessor"] = json!("Kim Park");
    assess(&dir, &manager);
    for i in 1..=12 {
        let date = format!("{}-{:02}-15", if i == 1 { 2025 } else { 2026 }, if i == 1 { 12 } else { i - 1 });
        let link = format!("https://git.example.com/acme/pr/{i}?tab=files&x=1");
        let c = COMPETENCIES[i % 5];
        let text = format!("Shipped change {i:02}");
        rungs(&dir, &["note", "--person", PERSON, "-c", c, "--link", &link, "--date", &date, &text]);
    }
    let before = ["note", "--person", PERSON, "-c", "technology", "--date", "2024-11-01", "Before the period"];
    rungs(&dir, &before);
    let goal = |c: &str, due: &str, text: &str| {
        let out = rungs(
            &dir,
            &["goal", "add", "--person", PERSON, "-c", c, "--due", due, "--allow-past", "--format", "json", text],
        );
        parse(&out)[0]["id"].as_str().unwrap().to_owned()
    };
    let done = goal("system", "2026-10-01", "Run the architecture review");
    goal("influence", "2026-10-01", "Give a talk at the guild");
    rungs(&dir, &["goal", "done", &done, "--person", PERSON]);
    dir
}

/// The facts the case states, in any format: `text` is the document.
fn states_the_facts(text: &str) {
    assert!(text.contains("Kim Park (manager), 2026-09-10"), "the manager's view is labelled");
    assert!(text.contains("Kim saw technology"), "the manager's evidence");
    assert!(text.contains("Self-assessment, 2026-09-01"), "the self view's evidence names its source");
    assert!(text.contains("Target met since 2026-03-01, 3 assessments in a row."), "technology is sustained");
    assert!(text.contains("Target met since 2025-12-01, 4 assessments in a row."), "people is sustained");
    for i in 1..=12 {
        assert_eq!(text.matches(&format!("Shipped change {i:02}")).count(), 1, "note {i} once, under its competency");
    }
    assert!(
        !text.contains("Before the period"),
        "a note from before the year ahead of the first assessment is left out"
    );
    assert!(text.contains("Goal done, ") && text.contains("Run the architecture review"), "the done goal");
    assert!(text.contains("due 2026-10-01, overdue: Give a talk at the guild"), "the open goal of a gap");
}

#[test]
fn the_html_case_shows_time_views_notes_and_goals_in_chromium_on_screen_and_in_print() {
    let browser =
        chromium().expect("Chromium is needed for this test: apt-get install -y chromium (bash .ci/run does it)");
    let rungs = Rungs::new();
    let home = rungs.home();
    let dir = store(home);
    let page = home.join("case.html");
    let out = Rungs::new().args(["export", PERSON, "-o"]).args([&page]).args(["--dir"]).args([&dir]).run();
    assert_eq!(out.code, 0, "{out:#?}");

    let (log, dom) = headless(&browser, &home.join("profile"), &page, &["--dump-dom"]);
    assert!(console_lines(&log).is_empty(), "console messages:\n{}", console_lines(&log).join("\n"));
    assert_eq!(dom.matches("class=\"strip\"").count(), 5, "a status strip per competency");
    assert_eq!(dom.matches("<g class=\"mark ").count(), 5 * 4, "a mark per assessment");
    assert_eq!(dom.matches("<section class=\"keep\">").count(), 5, "a section per competency");
    for i in 1..=12 {
        let href = format!("<a href=\"https://git.example.com/acme/pr/{i}?tab=files&amp;x=1\">");
        assert!(dom.contains(&href), "note {i} has a working link: {href}");
    }
    states_the_facts(&dom);

    let shot = home.join("case.png");
    let mode = [format!("--screenshot={}", shot.display()), "--window-size=1000,3000".to_owned()];
    let (log, _) = headless(&browser, &home.join("profile-shot"), &page, &[&mode[0], &mode[1]]);
    let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot ({e}):\n{log}"));
    assert_eq!(&png[1..4], b"PNG");
    assert!(png.len() > 30_000, "a blank page compresses to almost nothing: {} bytes", png.len());

    let pdf = home.join("case.pdf");
    let print = format!("--print-to-pdf={}", pdf.display());
    let (log, _) = headless(&browser, &home.join("profile-pdf"), &page, &[&print, "--no-pdf-header-footer"]);
    let pdf = std::fs::read(&pdf).unwrap_or_else(|e| panic!("no PDF ({e}):\n{log}"));
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    assert!(pdf.len() > 20_000, "a PDF of the case is more than a blank page: {} bytes", pdf.len());
    let pages = pdf.windows(12).filter(|w| w.starts_with(b"/Type /Page") && w[11] != b's').count();
    assert!(pages > 2, "the case prints on several pages: {pages}");
}

#[test]
fn the_markdown_case_states_the_same_facts_with_safe_links() {
    let rungs = Rungs::new();
    let dir = store(rungs.home());
    let markdown = Rungs::new().args(["export", PERSON, "--dir"]).args([&dir]).ok();
    assert_eq!(markdown.matches("Status by assessment: 2025-12-01 ").count(), 5, "{markdown}");
    assert!(markdown.contains(
        "Status by assessment: 2025-12-01 growing → 2026-03-01 ready → 2026-06-01 ready → 2026-09-01 ready."
    ));
    for i in 1..=12 {
        assert!(markdown.contains(&format!(" <https://git.example.com/acme/pr/{i}?tab=files&x=1>")), "link {i}");
    }
    states_the_facts(&markdown);
}

#[test]
fn hostile_note_text_and_goal_text_show_as_text_in_the_case() {
    let rungs = Rungs::new();
    let dir = store(rungs.home());
    let hostile = "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>";
    let link = "https://evil.example/\"><script>alert(4)</script>";
    let refused = Rungs::new()
        .args(["note", "--person", PERSON, "-c", "people", "--date", "2026-10-01", "--link", link, hostile, "--dir"])
        .args([&dir])
        .fails(2);
    assert!(refused.stderr.contains("--link"), "{}", refused.stderr);
    let link = "https://evil.example/a'b(c)*d";
    Rungs::new()
        .args(["note", "--person", PERSON, "-c", "people", "--date", "2026-10-01", "--link", link, hostile, "--dir"])
        .args([&dir])
        .ok();
    let goal = ["goal", "add", "--person", PERSON, "-c", "influence", "<script>alert(5)</script>", "--dir"];
    Rungs::new().args(goal).args([&dir]).ok();
    let html = Rungs::new().args(["export", PERSON, "--format", "html", "--dir"]).args([&dir]).ok();
    assert!(!html.contains("<script") && !html.contains("<img"), "markup from a note reached the page");
    assert!(html.contains("&lt;script&gt;alert(5)&lt;/script&gt;"), "the goal's text as text");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
    assert!(html.contains("<a href=\"https://evil.example/a&#39;b(c)*d\">"), "{html}");
    let markdown = Rungs::new().args(["export", PERSON, "--dir"]).args([&dir]).ok();
    assert!(!markdown.contains("<script") && !markdown.contains("](javascript:"), "{markdown}");
    assert!(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{markdown}");
    assert!(markdown.contains("&lt;script&gt;alert(5)&lt;/script&gt;"), "{markdown}");
    assert!(markdown.contains(" <https://evil.example/a'b%28c%29*d>"), "{markdown}");
}

#[test]
fn the_agenda_lists_open_goals_overdue_first_and_the_notes_since_the_manager_view() {
    let rungs = Rungs::new();
    let dir = store(rungs.home());
    let later = ["goal", "add", "--person", PERSON, "-c", "system", "--due", "2099-01-01", "Pair on the design doc"];
    Rungs::new().args(later).args(["--dir"]).args([&dir]).ok();
    let mut earlier = answers("2026-09-01", &["technology"], "Kim saw first");
    earlier["relationship"] = json!("manager");
    earlier["assessor"] = json!("Kim Park");
    assess(&dir, &earlier);
    let agenda = Rungs::new().args(["export", PERSON, "--agenda", "@manager", "--dir"]).args([&dir]).ok();
    let overdue = agenda.find("Influence: Give a talk at the guild").expect(&agenda);
    let later = agenda.find("System: Pair on the design doc").expect(&agenda);
    assert!(overdue < later, "overdue first:\n{agenda}");
    assert!(agenda[overdue..].lines().next().unwrap().contains("due 2026-10-01, overdue"), "{agenda}");
    assert!(!agenda.contains("Run the architecture review"), "a done goal is not open:\n{agenda}");
    assert!(agenda.contains("Dated after the previous manager view: Kim Park (manager), 2026-09-01."), "{agenda}");
    let notes: Vec<&str> = agenda.lines().filter(|l| l.starts_with("- Note, ")).collect();
    assert_eq!(notes.len(), 3, "the notes of 2026-09-15, 2026-10-15 and 2026-11-15:\n{agenda}");
    assert!(notes[0].starts_with("- Note, 2026-09-15 (Technology): Shipped change 10"), "{agenda}");
    assert!(notes[1].ends_with(" <https://git.example.com/acme/pr/11?tab=files&x=1>"), "{agenda}");
    assert!(agenda.trim_end().ends_with("- [ ] Next 1:1:"), "the decisions close the agenda:\n{agenda}");
}
