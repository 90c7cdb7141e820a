//! The interview redraws cleanly at 60 and 100 columns: a long evidence line
//! that wraps leaves no stale prompt behind, confirmation lines break between
//! words and fit the width, and evidence written in `$EDITOR` or taken from
//! notes is confirmed by its start, not by `:e` or `:n`.
//!
//! The checks read the final screen, as a terminal emulator (vt100) draws it
//! from everything the program wrote, not the byte stream: a stale line is a
//! line left on screen, whatever bytes drew it.

use std::num::NonZeroU16;
use std::path::Path;

use serde_json::json;

use crate::pty::{ENTER, Pty};
use crate::support::Rungs;

/// The evidence prompt, as the interview asks it when no notes are offered.
const PROMPT: &str = "Evidence (optional; Enter to skip, :e for $EDITOR)";
/// Evidence that wraps at both widths, with the prompt before it.
const LONG: &str = "Led the migration of the billing service to async IO, which halved the p99 latency \
                    across three regions and retired two legacy queues";
/// Tall enough that nothing of the interview scrolls off the screen.
const ROWS: u16 = 80;
const WIDTHS: [u16; 2] = [60, 100];

/// The rating asked for in [`interview`].
const RATING: &str = "Influence: your rating at TL5 · 2 Team";

/// Every answer but the target rating and the evidence of Influence.
fn answers() -> serde_json::Value {
    json!({
        "ladder": "tech-lead", "person": "Ada Lovelace", "relationship": "self",
        "current": "TL4", "target": "TL5", "date": "2026-11-24",
        "ratings": {
            "technology": { "current": "meets", "target": "developing", "evidence": "" },
            "system": { "current": "exceeds", "target": "meets", "evidence": "" },
            "people": { "current": "meets", "evidence": "" },
            "process": { "current": "meets", "target": "developing", "evidence": "" },
            "influence": { "current": "meets" }
        }
    })
}

/// `rungs assess` on a `cols`-wide terminal, asking for the [`answers`]
/// left out, up to the rating.
fn interview(rungs: &Rungs, cols: u16, editor: Option<&Path>) -> Pty {
    let path = rungs.home().join("answers.json");
    std::fs::write(&path, answers().to_string()).unwrap();
    let dir = rungs.home().join("D");
    let mut command = Rungs::new().args(["assess", "--answers"]).args([&path]).args(["--dir"]).args([&dir]).command();
    crate::support::isolate(&mut command, rungs.home());
    if let Some(editor) = editor {
        command.env("EDITOR", editor);
    }
    Pty::spawn_sized(&command, cols, ROWS)
}

/// An `$EDITOR` that writes `text` into the file it is given.
fn editor(home: &Path, text: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = home.join("fake-editor");
    let script = format!("#!/bin/sh\ncat > \"$1\" <<'END'\n{text}\nEND\n");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// Waits for the review, takes the screen as drawn then, and saves.
fn screen_at_review(mut pty: Pty, cols: u16) -> vt100::Parser {
    pty.expect("Review your answers");
    let mut parser = vt100::Parser::new(NonZeroU16::new(ROWS).unwrap(), NonZeroU16::new(cols).unwrap(), 0);
    parser.process(pty.transcript.as_bytes());
    pty.answer("", ENTER);
    let (code, transcript) = pty.finish();
    assert_eq!(code, 0, "{transcript}");
    parser
}

/// The screen's rows, trimmed.
fn rows(screen: &vt100::Screen) -> Vec<String> {
    screen.rows(0, screen.size().1.get()).map(|r| r.trim_end().to_owned()).collect()
}

/// The confirmation that starts with `prompt`, up to a blank line or the
/// next evidence prompt: the text of its rows joined by spaces. Asserts that it is on screen once, and that each of its rows
/// was broken by the program (not wrapped by the terminal) between words.
fn confirmation(screen: &vt100::Screen, prompt: &str) -> String {
    let rows = rows(screen);
    let starts: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| r.starts_with(prompt)).map(|(i, _)| i).collect();
    assert_eq!(starts.len(), 1, "the prompt is on screen once, with no stale copy:\n{}", rows.join("\n"));
    let end = (starts[0] + 1..rows.len())
        .find(|&i| rows[i].is_empty() || rows[i].starts_with("Evidence"))
        .unwrap_or(rows.len());
    for i in starts[0]..end {
        let row = u16::try_from(i).unwrap();
        assert!(!screen.row_wrapped(row), "row {i} overflows the width and wraps:\n{}", rows.join("\n"));
    }
    rows[starts[0]..end].join(" ")
}

#[test]
fn long_typed_evidence_leaves_no_stale_prompt_and_its_confirmation_breaks_between_words() {
    for cols in WIDTHS {
        let rungs = Rungs::new();
        let mut pty = interview(&rungs, cols, None);
        pty.pick(RATING, 2);
        pty.answer("Evidence", &format!("{LONG}{ENTER}"));
        let parser = screen_at_review(pty, cols);
        let shown = confirmation(parser.screen(), "Evidence (optional");
        assert_eq!(shown, format!("{PROMPT}: {LONG}"), "at {cols} columns");
    }
}

#[test]
fn evidence_written_in_the_editor_is_confirmed_by_its_start() {
    let first = "Wrote the capacity plan for the storage tier, with a model of growth per region and \
                 the two ways of sharding it that we weighed";
    for cols in WIDTHS {
        let rungs = Rungs::new();
        let editor = editor(rungs.home(), &format!("{first}\n\nSecond paragraph."));
        let mut pty = interview(&rungs, cols, Some(&editor));
        pty.pick(RATING, 2);
        pty.answer("Evidence", &format!(":e{ENTER}"));
        let parser = screen_at_review(pty, cols);
        let shown = confirmation(parser.screen(), "Evidence (optional");
        let start = shown.strip_prefix(&format!("{PROMPT}: ")).unwrap_or_else(|| panic!("{shown}"));
        let start = start.strip_suffix('…').unwrap_or_else(|| panic!("cut with an ellipsis: {shown}"));
        assert!(start.starts_with("Wrote the capacity plan"), "at {cols} columns: {shown}");
        assert!(first.starts_with(start) && first[start.len()..].starts_with(' '), "cut between words: {shown}");
    }
}

#[test]
fn evidence_taken_from_notes_is_confirmed_by_its_start() {
    for cols in WIDTHS {
        let rungs = Rungs::new();
        let dir = rungs.home().join("D");
        let note = Rungs::new()
            .args(["note", "--person", "Ada Lovelace", "-c", "influence", "--date", "2026-08-01"])
            .args(["Mentored the new hire through the first on-call rotation", "--dir"])
            .args([&dir])
            .env("RUNGS_TODAY", "2026-11-24");
        note.ok();
        let mut pty = interview(&rungs, cols, None);
        pty.pick(RATING, 2);
        pty.answer(":n to take the note", &format!(":n{ENTER}"));
        pty.answer("Evidence from notes", ENTER);
        let parser = screen_at_review(pty, cols);
        let shown = confirmation(parser.screen(), "Evidence (optional");
        assert!(!shown.ends_with(": :n"), "at {cols} columns: {shown}");
        assert!(shown.contains(": 2026-08-01: Mentored the new"), "at {cols} columns: {shown}");
    }
}

#[test]
fn a_rating_wider_than_the_terminal_leaves_no_stale_line() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let mut earlier = answers();
    earlier["date"] = json!("2026-05-01");
    earlier["ratings"]["influence"] = json!({ "current": "meets", "target": "exceeds", "evidence": "" });
    crate::support::assess(&dir, &earlier);
    let mut pty = interview(&rungs, 60, None);
    pty.expect(RATING);
    pty.answer("(earlier answer)", ENTER);
    pty.answer("Evidence", ENTER);
    let parser = screen_at_review(pty, 60);
    let shown = confirmation(parser.screen(), RATING);
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    // The confirmation names the rating chosen, not its whole description.
    assert_eq!(words(&shown), words(&format!("{RATING}: exceeds")));
}
