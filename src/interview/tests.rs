use super::summary;
use super::terminal::cursor_row;

#[test]
fn the_cursor_rests_on_the_row_of_the_last_character() {
    assert_eq!(cursor_row("", 10), 0);
    assert_eq!(cursor_row("0123456789", 10), 0, "a full row waits to wrap");
    assert_eq!(cursor_row("0123456789a", 10), 1);
    assert_eq!(cursor_row("\x1b[1mbold\x1b[0m", 4), 0, "styles take no room");
    assert_eq!(cursor_row("abcdefghi李", 10), 1, "a wide character that does not fit wraps whole");
}

#[test]
fn a_summary_is_the_first_line_cut_between_words() {
    assert_eq!(summary("  short  ", 20), "short");
    assert_eq!(summary("one two three four", 12), "one two…");
    assert_eq!(summary("first\n\nsecond", 20), "first…");
    assert_eq!(summary("abcdefghijklmnop", 5), "abcd…");
}
