//! The unit tests of commit text, identities and the cleared environment.

use super::record::{email, name};
use super::*;

#[test]
fn author_names_never_break_the_author_field() {
    assert_eq!(name("Kim <kim@x> Park"), "Kim kim@x Park");
    assert_eq!(name("  "), "rungs");
    assert_eq!(name("Eve\n\nCo-authored-by: M <m@x>"), "Eve  Co-authored-by: M m@x");
    assert_eq!(email("a <b>@c d\u{1b}"), "ab@cd");
}

#[test]
fn commit_text_is_one_line_with_hidden_characters_shown() {
    assert_eq!(one_line("a\u{1b}]0;x\u{7}b\u{202e}c\u{9b}d"), "a\\u{1b}]0;x\\u{7}b\\u{202e}c\\u{9b}d");
    assert_eq!(one_line("one\ntwo\r\n\tthree"), "one two   three");
}

#[test]
fn the_ignore_rules_cover_drafts_and_temporary_files() {
    for pattern in [".draft-*", ".tmp-*", "*.part"] {
        assert!(IGNORE.lines().any(|l| l == pattern), "{pattern}");
    }
}

#[test]
fn the_cleared_variables_are_git_s_own_list() {
    let Some(listed) = answer(Command::new("git").args(["rev-parse", "--local-env-vars"])) else {
        return; // no git here: nothing to compare with
    };
    for name in listed.lines() {
        assert!(LOCAL_ENV.contains(&name), "{name} is not cleared");
    }
}
