//! `rungs export`, `chart`, `team`, and the calibration view of `diff`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::support::{Rungs, assess, fixture, json as parse, repo};

fn examples() -> PathBuf {
    repo("assessments")
}

/// The SVG's axes: `(competency id, label)`, after checking it is well-formed XML.
fn axes(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{svg}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let lines: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("line") && n.attribute("class") == Some("axis"))
        .map(|n| n.attribute("data-competency").unwrap().to_owned())
        .collect();
    let labels = doc.descendants().filter(|n| n.attribute("class") == Some("label")).count();
    assert_eq!(labels, lines.len(), "one label per axis");
    lines
}

/// Writes a ladder of `n` competencies with three steps and two levels.
fn ladder(dir: &Path, n: usize) -> PathBuf {
    let mut text = format!("id = \"wide-{n}\"\ntitle = \"Wide {n}\"\nversion = \"1\"\n");
    for i in 0..n {
        text += &format!(
            "\n[[competencies]]\nid = \"c{i}\"\ntitle = \"Competency number {i}\"\nsteps = [{{ name = \"Low\" }}, {{ name = \"Mid\" }}, {{ name = \"High\" }}]\n"
        );
    }
    for (level, step) in [("W1", "Low"), ("W2", "Mid")] {
        text += &format!("\n[[levels]]\nid = \"{level}\"\ntitle = \"{level}\"\n[levels.expectations]\n");
        for i in 0..n {
            text += &format!("c{i} = {{ step = \"{step}\", text = \"does {step} things\" }}\n");
        }
    }
    let path = dir.join(format!("wide-{n}.toml"));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_chart_has_one_axis_per_competency_for_3_5_and_12() {
    let rungs = Rungs::new();
    let home = rungs.home();
    let five = Rungs::new().args(["chart", "Robin Quill", "--dir"]).args([examples()]).ok();
    assert_eq!(axes(&five), ["technology", "system", "people", "process", "influence"]);
    for n in [3, 12] {
        let ladder = ladder(home, n);
        let ratings: serde_json::Map<String, Value> =
            (0..n).map(|i| (format!("c{i}"), json!({ "current": "meets", "target": "developing" }))).collect();
        let answers = json!({ "ladder": ladder, "person": format!("P{n}"), "current": "W1", "date": "2026-11-24", "ratings": ratings });
        let dir = home.join("D");
        let path = assess(&dir, &answers);
        let out = home.join(format!("chart-{n}.svg"));
        Rungs::new().args(["chart"]).args([&path]).args(["-o"]).args([&out]).args(["--dir"]).args([&dir]).ok();
        let svg = std::fs::read_to_string(&out).unwrap();
        let expected: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
        assert_eq!(axes(&svg), expected, "{n} competencies");
    }
}

#[test]
fn a_ladder_without_steps_charts_its_levels() {
    let rungs = Rungs::new();
    let ladders = crate::ladders::documented_ladders();
    let stepless = ladders.iter().find(|l| l.contains("id = \"support-engineer\"")).unwrap();
    let ladder = rungs.home().join("support.toml");
    std::fs::write(&ladder, stepless).unwrap();
    let ratings = json!({ "craft": { "current": "meets", "target": "meets" }, "customers": { "current": "meets", "target": "developing" }, "team": { "current": "developing", "target": "not-yet" } });
    let answers =
        json!({ "ladder": ladder, "person": "Sam", "current": "S2", "date": "2026-11-24", "ratings": ratings });
    let dir = rungs.home().join("D");
    assess(&dir, &answers);
    let svg = Rungs::new().args(["chart", "Sam", "--ladders"]).args([rungs.home()]).args(["--dir"]).args([&dir]).ok();
    assert_eq!(axes(&svg), ["craft", "customers", "team"]);
    assert!(svg.contains("rings: levels 1–6"), "{svg}");
}

#[test]
fn user_text_in_the_chart_and_html_is_escaped() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let ratings: serde_json::Map<String, Value> =
        ["technology", "system", "people", "process", "influence"].iter().map(|c| ((*c).to_owned(), json!({ "current": "meets", "target": "meets", "evidence": "<script>alert('x')</script> & \"quotes\"" }))).collect();
    let answers = json!({ "person": "<b>Eve</b> & Co", "current": "TL4", "date": "2026-11-24", "ratings": ratings, "notes": "</main><img src=x onerror=alert(1)>" });
    assess(&dir, &answers);
    let html = Rungs::new().args(["export", "--format", "html", "--dir"]).args([&dir]).ok();
    assert!(!html.contains("<script>") && !html.contains("<b>Eve") && !html.contains("<img"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    axes(&Rungs::new().args(["chart", "--dir"]).args([&dir]).ok());
}

pub(crate) fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| {
        std::env::split_paths(&std::env::var_os("PATH")?).map(|dir| dir.join(name)).find(|p| p.is_file())
    })
}

/// Runs headless Chromium on a page; returns what it logged on stderr and printed on stdout.
pub(crate) fn headless(browser: &Path, profile: &Path, page: &Path, mode: &[&str]) -> (String, String) {
    let out = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"])
        .args(["--enable-logging=stderr", "--v=0", "--window-size=1000,2600"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(mode)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    (String::from_utf8_lossy(&out.stderr).into_owned(), String::from_utf8_lossy(&out.stdout).into_owned())
}

pub(crate) fn console_lines(log: &str) -> Vec<&str> {
    log.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

#[test]
fn the_html_case_opens_in_chromium_without_console_errors() {
    let browser =
        chromium().expect("Chromium is needed for this test: apt-get install -y chromium (bash .ci/run does it)");
    let rungs = Rungs::new();
    let home = rungs.home();
    let page = home.join("case.html");
    Rungs::new()
        .args(["export", "Robin Quill", "--format", "html", "-o"])
        .args([&page])
        .args(["--dir"])
        .args([examples()])
        .ok();

    // The console check can fail: a page with an error is caught.
    let bad = home.join("bad.html");
    std::fs::write(&bad, "<!DOCTYPE html><p>x</p><script>console.error('boom')</script>").unwrap();
    let (log, _) = headless(&browser, &home.join("profile-bad"), &bad, &["--dump-dom"]);
    assert_eq!(console_lines(&log).len(), 1, "the console check sees errors:\n{log}");

    let (log, dom) = headless(&browser, &home.join("profile"), &page, &["--dump-dom"]);
    assert!(console_lines(&log).is_empty(), "console messages:\n{}", console_lines(&log).join("\n"));
    assert!(dom.contains("<svg") && dom.matches("class=\"axis\"").count() == 5, "{dom}");
    for title in ["Technology", "System", "People", "Process", "Influence"] {
        assert!(dom.contains(&format!(">{title}</text>")), "{title} is not on the chart");
        assert!(dom.contains(&format!("<h2>{title}</h2>")), "{title} has no section");
    }

    let shot = home.join("case.png");
    let (log, _) =
        headless(&browser, &home.join("profile-shot"), &page, &[&format!("--screenshot={}", shot.display())]);
    let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot ({e}):\n{log}"));
    assert_eq!(&png[1..4], b"PNG");
    let (width, height) =
        (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()));
    assert_eq!((width, height), (1000, 2600));
    assert!(png.len() > 50_000, "a blank page compresses to almost nothing: {} bytes", png.len());
    if let Some(keep) = std::env::var_os("RUNGS_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
}

#[test]
fn the_markdown_case_is_pinned() {
    let rungs = Rungs::new();
    let out = rungs.home().join("case.md");
    Rungs::new().args(["export", "Robin Quill", "-o"]).args([&out]).args(["--dir"]).args([examples()]).ok();
    let markdown = std::fs::read_to_string(&out).unwrap();
    assert!(markdown.contains("![Expected at TL4 and TL5, and shown by the ratings](case.svg)"));
    axes(&std::fs::read_to_string(rungs.home().join("case.svg")).unwrap());
    insta::assert_snapshot!(markdown);
}

#[test]
fn a_markdown_case_named_svg_is_refused_before_anything_is_written() {
    let rungs = Rungs::new();
    for name in ["x.svg", "x.SVG"] {
        let out = rungs.home().join(name);
        std::fs::write(&out, "an older chart\n").unwrap();
        let run =
            Rungs::new().args(["export", "Robin Quill", "-o"]).args([&out]).args(["--dir"]).args([examples()]).fails(2);
        assert!(run.stderr.contains(&format!("-o {}", out.display())) && run.stderr.contains("x.md"), "{run:#?}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "an older chart\n", "{name} was overwritten");
        assert!(!run.stderr.contains("Wrote"), "{run:#?}");
    }
    let html = rungs.home().join("case.svg");
    Rungs::new()
        .args(["export", "Robin Quill", "--format", "html", "-o"])
        .args([&html])
        .args(["--dir"])
        .args([examples()])
        .ok();
    assert!(std::fs::read_to_string(&html).unwrap().starts_with("<!DOCTYPE html>"), "HTML has no chart beside it");
}

#[test]
fn markdown_to_stdout_inlines_the_chart() {
    let out = Rungs::new().args(["export", "Robin Quill", "--dir"]).args([examples()]).ok();
    assert!(out.contains("<svg xmlns="), "{out}");
    assert!(out.contains("> Introduced logical replication to the team"), "evidence as a quote");
}

#[test]
fn diff_of_self_and_manager_marks_exactly_the_differing_competencies() {
    let (me, boss) = (fixture("calibration/self.json"), fixture("calibration/manager.json"));
    let out = parse(&Rungs::new().args(["diff", "--format", "json"]).args([&me, &boss]).ok());
    assert_eq!(out["calibration"]["marks"], json!(["technology", "people"]));
    let agenda: Vec<(&str, &str)> = out["calibration"]["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["topic"].as_str().unwrap(), p["competency"].as_str().unwrap()))
        .collect();
    assert_eq!(
        agenda,
        [("disagreement", "technology"), ("disagreement", "people"), ("gap", "system"), ("gap", "process")]
    );
    let table = Rungs::new().args(["diff"]).args([&me, &boss]).ok();
    let marked: Vec<&str> = table.lines().filter(|l| l.contains('◆') && l.starts_with('│')).collect();
    assert_eq!(marked.len(), 2, "{table}");
    assert!(marked[0].contains("Evangelizes") && marked[1].contains("People"), "{table}");
}

#[test]
fn export_with_agenda_writes_a_one_to_one_document() {
    let (me, boss) = (fixture("calibration/self.json"), fixture("calibration/manager.json"));
    let out =
        Rungs::new().args(["export"]).args([&me]).args(["--agenda"]).args([&boss]).args(["--format", "markdown"]).ok();
    assert!(out.starts_with("# 1:1 agenda: Robin Quill\n"), "{out}");
    assert!(out.contains("1. Technology: ready for Robin Quill, growing for Kim Park"), "{out}");
    assert!(out.contains("3. System: growing toward TL5 in Kim Park's view"), "{out}");
    assert!(out.trim_end().ends_with("- [ ] Next 1:1:"), "the agenda ends on the decisions checklist: {out}");
    let other = fixture("calibration/other-person.json");
    let mut stranger = parse(&std::fs::read_to_string(&boss).unwrap());
    stranger["person"] = json!("Someone Else");
    let dir = tempfile::tempdir().unwrap();
    let stranger_path = dir.path().join(other.file_name().unwrap());
    std::fs::write(&stranger_path, stranger.to_string()).unwrap();
    let run = Rungs::new().args(["export"]).args([&me]).args(["--agenda"]).args([&stranger_path]).fails(1);
    assert!(run.stderr.contains("different people"), "{}", run.stderr);
}

#[test]
fn team_lists_each_person_once_from_their_latest_assessment() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let save = |person: &str, date: &str, rating: &str| {
        let ratings: serde_json::Map<String, Value> = ["technology", "system", "people", "process", "influence"]
            .iter()
            .map(|c| {
                let entry = if *c == "people" {
                    json!({ "current": "meets" })
                } else {
                    json!({ "current": "meets", "target": rating })
                };
                ((*c).to_owned(), entry)
            })
            .collect();
        let answers = json!({ "person": person, "current": "TL4", "date": date, "ratings": ratings });
        assess(&dir, &answers);
    };
    save("Ada", "2026-02-01", "developing");
    save("Ada", "2026-08-01", "meets");
    save("Ada", "2026-05-01", "not-yet");
    save("Grace", "2026-03-01", "meets");
    save("Grace", "2026-09-01", "developing");
    save("Linus", "2026-01-01", "developing");
    save("Linus", "2026-01-01", "meets"); // same day: the later save wins
    let out = parse(&Rungs::new().args(["team", "--format", "json", "--dir"]).args([&dir]).ok());
    let rows: Vec<(&str, &str, u64)> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["person"].as_str().unwrap(), m["date"].as_str().unwrap(), m["ready_count"].as_u64().unwrap()))
        .collect();
    assert_eq!(rows, [("Ada", "2026-08-01", 5), ("Linus", "2026-01-01", 5), ("Grace", "2026-09-01", 1)]);
    let table = Rungs::new().args(["team", "--dir"]).args([&dir]).ok();
    assert_eq!(table.matches("Ada").count(), 1, "{table}");
}

#[test]
fn the_report_with_its_bars_fits_in_80_columns() {
    let out = Rungs::new().env("COLUMNS", "80").args(["report", "Robin Quill", "--dir"]).args([examples()]).ok();
    assert!(out.contains("■■■□ Owns → Evolves"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    let team = Rungs::new().env("COLUMNS", "80").args(["team", "--dir"]).args([examples()]).ok();
    assert!(team.lines().all(|l| l.chars().count() <= 80), "{team}");
}
