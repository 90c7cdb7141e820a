//! Stored text from a hostile collaborator: control and bidi characters never
//! reach a terminal, HTML never becomes markup, SVG stays well-formed, and
//! every file rungs writes for people is private.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::{Run, Rungs, assess, binary, isolate, json as parse};

/// Retitles the terminal, clears the screen, returns the carriage, a C1
/// control and a right-to-left override.
const EVIL: &str = "Eve\u{1b}]0;pwned\u{7}\u{1b}[2J\r\u{85}\u{202e}";

const COMPETENCIES: [&str; 5] = ["technology", "system", "people", "process", "influence"];

/// Answers for a complete TL4 → TL5 assessment, with `evidence` on every rating.
fn answers(person: &str, assessor: &str, date: &str, evidence: &str, notes: &str) -> Value {
    let ratings: serde_json::Map<String, Value> = COMPETENCIES
        .iter()
        .map(|c| {
            // Both levels expect the same People step: its one rating counts for both.
            let target = if *c == "people" { "meets" } else { "developing" };
            (c.to_string(), json!({ "current": "meets", "target": target, "evidence": evidence }))
        })
        .collect();
    let relationship = if person == assessor { "self" } else { "manager" };
    json!({
        "ladder": "tech-lead", "person": person, "assessor": assessor, "relationship": relationship,
        "current": "TL4", "target": "TL5", "date": date, "ratings": ratings, "notes": notes
    })
}

/// A store holding two assessments of the hostile person; returns their paths.
fn hostile_store(dir: &Path) -> (PathBuf, PathBuf) {
    let first = assess(dir, &answers(EVIL, EVIL, "2026-05-01", EVIL, EVIL));
    let second = assess(dir, &answers(EVIL, EVIL, "2026-11-24", &format!("evidence {EVIL}"), EVIL));
    (first, second)
}

/// The characters that must never reach a terminal raw.
fn hidden(c: char) -> bool {
    matches!(c, '\u{1b}' | '\u{7}' | '\r' | '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_shown_safely(what: &str, run: &Run) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        let raw: Vec<char> = text.chars().filter(|&c| hidden(c)).collect();
        assert!(raw.is_empty(), "`{what}` printed {raw:?} raw on {stream}:\n{text}");
    }
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    Rungs::new().args(args).args(["--dir"]).args([dir]).run()
}

#[test]
fn no_command_prints_a_control_or_bidi_character_from_the_store_but_json_keeps_it() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    let (first, second) = hostile_store(&dir);
    let (first, second) = (first.to_str().unwrap(), second.to_str().unwrap());
    let commands: [&[&str]; 10] = [
        &["list"],
        &["list", "--format", "markdown"],
        &["report", EVIL],
        &["report", EVIL, "--format", "markdown"],
        &["history", EVIL],
        &["team"],
        &["diff", first, second],
        &["diff", first, second, "--format", "markdown"],
        &["export", EVIL],
        &["chart", EVIL],
    ];
    for args in commands {
        let run = run_in(&dir, args);
        assert_eq!(run.code, 0, "{args:?}: {run:#?}");
        assert_shown_safely(&args.join(" "), &run);
        assert!(run.stdout.contains("\\u{1b}") || args[0] == "chart", "{args:?} shows ESC visibly:\n{}", run.stdout);
    }
    let agenda = run_in(&dir, &["export", first, "--agenda", second]);
    assert_shown_safely("export --agenda", &agenda);
    // JSON's own escaping carries the exact text.
    let report = parse(&run_in(&dir, &["report", EVIL, "--format", "json"]).stdout);
    assert_eq!(report["person"], EVIL);
    let list = parse(&run_in(&dir, &["list", "--format", "json"]).stdout);
    assert_eq!((&list[0]["person"], &list[0]["assessor"]), (&json!(EVIL), &json!(EVIL)));
}

#[test]
fn a_skipped_file_is_named_with_its_control_characters_escaped() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    let (first, _) = hostile_store(&dir);
    std::fs::write(first.parent().unwrap().join("bad\u{1b}[2J.json"), "{ not json").unwrap();
    let run = run_in(&dir, &["list"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_shown_safely("list", &run);
    assert!(run.stderr.contains("skipped") && run.stderr.contains("bad\\u{1b}[2J.json"), "{}", run.stderr);
}

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";
const LINK: &str = "[x](javascript:alert(1))";

fn assert_inert_markdown(what: &str, text: &str) {
    for markup in ["<script", "<img", "](javascript:", "<a "] {
        assert!(!text.contains(markup), "{what} holds {markup} as markup:\n{text}");
    }
}

#[test]
fn markdown_and_html_exports_show_html_and_links_as_text() {
    let rungs = Rungs::new();
    let home = rungs.home();
    let dir = home.join("store");
    let first = assess(&dir, &answers(SCRIPT, SCRIPT, "2026-05-01", IMG, LINK));
    let second = assess(&dir, &answers(SCRIPT, IMG, "2026-11-24", IMG, LINK));
    let (first, second) = (first.to_str().unwrap(), second.to_str().unwrap());
    for args in [
        &["export", SCRIPT][..],
        &["export", first, "--agenda", second],
        &["report", SCRIPT, "--format", "markdown"],
        &["diff", first, second, "--format", "markdown"],
        &["list", "--format", "markdown"],
    ] {
        let run = run_in(&dir, args);
        assert_eq!(run.code, 0, "{args:?}: {run:#?}");
        assert_inert_markdown(&args.join(" "), &run.stdout);
    }
    let markdown = home.join("case.md");
    run_in(&dir, &["export", SCRIPT, "-o", markdown.to_str().unwrap()]);
    assert_inert_markdown("case.md", &std::fs::read_to_string(&markdown).unwrap());
    let run = run_in(&dir, &["export", SCRIPT, "--format", "html"]);
    for markup in ["<script", "<img", "=\"javascript:", "<a "] {
        assert!(!run.stdout.contains(markup), "the HTML export holds {markup}:\n{}", run.stdout);
    }
    assert!(run.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{}", run.stdout);
}

#[test]
fn custom_ladder_texts_show_html_as_text_in_markdown() {
    let rungs = Rungs::new();
    let ladder = rungs.home().join("evil.toml");
    let mut text = format!("id = \"evil\"\ntitle = \"{SCRIPT}\"\nversion = \"1\"\n");
    for i in 0..3 {
        text += &format!("\n[[competencies]]\nid = \"c{i}\"\ntitle = \"{SCRIPT} {i}\"\n");
    }
    text += &format!("\n[[levels]]\nid = \"E1\"\ntitle = \"{SCRIPT}\"\n[levels.expectations]\n");
    for i in 0..3 {
        text += &format!("c{i} = {{ text = \"{SCRIPT} {LINK}\" }}\n");
    }
    std::fs::write(&ladder, text).unwrap();
    let run = Rungs::new().args(["ladder", "show"]).args([&ladder]).args(["--format", "markdown"]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_inert_markdown("ladder show --format markdown", &run.stdout);
}

#[test]
fn charts_of_names_with_control_characters_are_well_formed_svg() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("store");
    for (i, name) in ["Esc\u{1b}[2J", "Nul\u{0}byte", "Non\u{ffff}char", EVIL].iter().enumerate() {
        let path = assess(&dir, &answers(&format!("{name} {i}"), name, "2026-11-24", name, name));
        let run = run_in(&dir, &["chart", path.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{run:#?}");
        let doc = roxmltree::Document::parse(&run.stdout);
        assert!(doc.is_ok(), "{name:?}: {doc:?}\n{}", run.stdout);
        let html = run_in(&dir, &["export", path.to_str().unwrap(), "--format", "html"]).stdout;
        assert!(!html.contains(['\u{0}', '\u{1b}', '\u{ffff}']), "{name:?} raw in the HTML page");
    }
}

/// Runs rungs under `umask 000` in `home`'s isolated environment.
#[cfg(unix)]
fn run_with_open_umask(home: &Path, args: &[OsString]) {
    let mut command = std::process::Command::new("sh");
    isolate(&mut command, home);
    command.args(["-c", "umask 000; exec \"$@\"", "sh"]).arg(binary()).args(args);
    let out = command.output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[cfg(unix)]
#[test]
fn exports_and_charts_are_private_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let rungs = Rungs::new();
    let home = rungs.home();
    let dir = home.join("store");
    assess(&dir, &answers("Ada", "Ada", "2026-11-24", "done", ""));
    let existing = home.join("c.svg");
    std::fs::write(&existing, "old").unwrap();
    std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o666)).unwrap();
    let with_dir = |args: &[&str]| -> Vec<OsString> {
        args.iter().map(OsString::from).chain([OsString::from("--dir"), dir.clone().into_os_string()]).collect()
    };
    run_with_open_umask(home, &with_dir(&["export", "Ada", "-o", "case.md"]));
    run_with_open_umask(home, &with_dir(&["export", "Ada", "--format", "html", "-o", "x.html"]));
    run_with_open_umask(home, &with_dir(&["chart", "Ada", "-o", "c.svg"]));
    for name in ["case.md", "case.svg", "x.html", "c.svg"] {
        let meta = std::fs::metadata(home.join(name)).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{name}");
    }
    assert!(std::fs::read_to_string(&existing).unwrap().starts_with("<svg"), "-o replaces an existing file");
    let leftovers: Vec<_> = std::fs::read_dir(home)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
