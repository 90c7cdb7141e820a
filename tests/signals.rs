//! SIGTERM and SIGHUP during an interview keep the draft as Ctrl-C does,
//! show the cursor again, and exit 128 + the signal.

use std::path::Path;

use crate::pty::Pty;
use crate::support::{Rungs, json};

/// Starts an interview of Ada on a pseudo-terminal, answers Technology and
/// System, then sends `signal` at the People prompt; returns the exit code,
/// the transcript and the draft.
fn interrupt_with(signal: &str) -> (i32, String, serde_json::Value) {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let mut command = Rungs::new()
        .args(["assess", "--person", "Ada Lovelace", "--date", "2026-11-24", "--current", "TL4", "--dir"])
        .args([&dir])
        .command();
    crate::support::isolate(&mut command, rungs.home());
    let mut pty = Pty::spawn(command);
    pty.pick("your rating at TL4 · 2 Specializes", 2);
    pty.pick("your rating at TL5 · 3 Evangelizes", 1);
    pty.answer("Evidence", "Ran the async IO migration\r");
    pty.pick("your rating at TL4 · 3 Owns", 3);
    pty.pick("your rating at TL5 · 4 Evolves", 2);
    pty.answer("Evidence", "\r");
    pty.expect("your rating at TL4 · 4 Coordinates");
    std::thread::sleep(std::time::Duration::from_millis(100));
    pty.signal(signal);
    let (code, transcript) = pty.finish();
    (code, transcript, read(&dir.join("ada-lovelace/.draft-tech-lead-self.json")))
}

fn read(path: &Path) -> serde_json::Value {
    json(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn assert_kept(code: i32, expected: i32, transcript: &str, draft: &serde_json::Value) {
    assert_eq!(code, expected, "{transcript}");
    let hidden = transcript.rfind("\x1b[?25l").expect("the select prompt hides the cursor");
    let shown = transcript.rfind("\x1b[?25h").expect("the cursor is shown again");
    assert!(shown > hidden, "cursor left hidden:\n{transcript:?}");
    let rated: Vec<&String> = draft["ratings"].as_object().unwrap().keys().collect();
    assert_eq!(rated, ["system", "technology"], "{draft:#}");
    assert_eq!(draft["ratings"]["technology"]["evidence"], "Ran the async IO migration");
}

#[test]
fn sigterm_during_an_interview_keeps_the_draft_and_exits_143() {
    let (code, transcript, draft) = interrupt_with("TERM");
    assert_kept(code, 143, &transcript, &draft);
    assert!(transcript.contains("interrupted by SIGTERM"), "{transcript}");
}

#[test]
fn sighup_during_an_interview_keeps_the_draft_and_exits_129() {
    let (code, transcript, draft) = interrupt_with("HUP");
    assert_kept(code, 129, &transcript, &draft);
}
