//! Small text helpers shared by the loaders and commands: near-match
//! suggestions, Unicode normalisation, file-name slugs and breaking lines
//! between words. Pure functions, no I/O.

use unicode_normalization::UnicodeNormalization;

/// `text` with each line longer than `width` columns broken between words,
/// its continuations indented as the line is: for messages on a terminal,
/// which would otherwise break them mid-word. Styles take no room.
pub fn fill_lines(text: &str, width: usize) -> String {
    let lines = text.split('\n').map(|line| {
        let indent = &line[..line.len() - line.trim_start_matches(' ').len()];
        let options = textwrap::Options::new(width.max(20))
            .subsequent_indent(indent)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .break_words(false);
        textwrap::fill(line, options)
    });
    lines.collect::<Vec<_>>().join("\n")
}

/// The candidates within a small edit distance of `name`, closest first.
///
/// Matching ignores ASCII case, so `tl5` suggests `TL5`.
pub fn near_matches<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = name.to_ascii_lowercase();
    let limit = (wanted.chars().count() / 3).max(1);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (edit_distance(&wanted, &c.to_ascii_lowercase()), c))
        .filter(|&(distance, c)| distance <= limit || c.to_ascii_lowercase().contains(&wanted))
        .collect();
    scored.sort_by_key(|&(distance, _)| distance);
    scored.into_iter().map(|(_, c)| c).collect()
}

/// The text in Unicode normalisation form C, so that a name typed or saved
/// decomposed (`e` + combining accent, as macOS file names often are) equals
/// the same name precomposed.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// Names joined into one list: with `, `, or with `; ` when a name holds a
/// comma itself ("Feedback, communication & collaboration"), so that the
/// list still reads as the names it holds.
pub fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    let separator = if names.iter().any(|n| n.as_ref().contains(',')) { "; " } else { ", " };
    names.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(separator)
}

/// A count that reads naturally: `1 assessment`, `3 assessments`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// A size in bytes as people read it: `812 bytes`, `20.4 MB`, `16 MiB`
/// (whole binary units stay binary, as the limits are written).
pub fn bytes(size: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    match size {
        0..1000 => plural(usize::try_from(size).unwrap_or(usize::MAX), "byte"),
        s if s % MIB == 0 => format!("{} MiB", s / MIB),
        s if s < 1_000_000 => format!("{:.1} kB", s as f64 / 1e3),
        s => format!("{:.1} MB", s as f64 / 1e6),
    }
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// A folder name for a person: lowercase letters and digits of any script,
/// joined by single hyphens. Never empty, never `.` or `..`, never a path.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(MAX_SLUG).collect();
    let out = out.trim_end_matches('-');
    if out.is_empty() { "unnamed".to_owned() } else { out.to_owned() }
}

/// The longest slug, in characters.
const MAX_SLUG: usize = 60;

/// Quotes a word for a POSIX shell when it needs it.
pub fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_.,/:@".contains(c));
    if plain { word.to_owned() } else { format!("'{}'", word.replace('\'', "'\\''")) }
}

/// Today: `RUNGS_TODAY` when it is a date (for scripts and reproducible
/// output), else the local date.
pub fn today() -> chrono::NaiveDate {
    let fixed = std::env::var("RUNGS_TODAY").ok().and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    fixed.unwrap_or_else(|| chrono::Local::now().date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(bytes(1), "1 byte");
        assert_eq!(bytes(812), "812 bytes");
        assert_eq!(bytes(64_000), "64.0 kB");
        assert_eq!(bytes(20_400_000), "20.4 MB");
        assert_eq!(bytes(16 * 1024 * 1024), "16 MiB");
    }

    #[test]
    fn long_lines_break_between_words_and_keep_their_indent() {
        let text = "Compare it: rungs diff 'Jo Park' 'Jo Park@Kim Park'\n  the agenda: rungs export 'Jo Park' --agenda";
        assert_eq!(
            fill_lines(text, 24),
            "Compare it: rungs diff\n'Jo Park' 'Jo Park@Kim\nPark'\n  the agenda: rungs\n  export 'Jo Park'\n  --agenda"
        );
        assert_eq!(fill_lines("short\n\nlines", 24), "short\n\nlines");
    }

    #[test]
    fn names_with_commas_are_joined_with_semicolons() {
        assert_eq!(join_names(&["Craft", "People"]), "Craft, People");
        assert_eq!(join_names(&["Craft", "Feedback, communication"]), "Craft; Feedback, communication");
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(plural(1, "assessment"), "1 assessment");
        assert_eq!(plural(0, "problem"), "0 problems");
        assert_eq!(plural(3, "file"), "3 files");
    }

    #[test]
    fn nfc_makes_decomposed_and_precomposed_equal() {
        assert_eq!(nfc("De\u{301}finit"), "D\u{e9}finit");
        assert_eq!(nfc("plain"), "plain");
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn near_matches_ignore_case_and_rank_closest_first() {
        assert_eq!(near_matches("tl5", ["TL4", "TL5", "D5"]), ["TL5", "TL4"]);
        assert_eq!(near_matches("tech", ["tech-lead", "developer"]), ["tech-lead"]);
        assert!(near_matches("zzzzzz", ["tech-lead"]).is_empty());
    }

    #[test]
    fn slugs_are_safe_and_keep_letters_of_any_script() {
        assert_eq!(slug("Zoë O'Brien"), "zoë-o-brien");
        assert_eq!(slug("李雷"), "李雷");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("../.."), "unnamed");
        assert_eq!(slug("  Ada   Lovelace "), "ada-lovelace");
        assert_eq!(slug(&"x".repeat(100)).len(), MAX_SLUG);
    }

    proptest::proptest! {
        #[test]
        fn a_slug_is_always_one_plain_path_component(name in ".*") {
            let s = slug(&name);
            proptest::prop_assert!(!s.is_empty() && s != "." && s != "..");
            proptest::prop_assert!(!s.contains(['/', '\\', '\0', '.']));
            proptest::prop_assert_eq!(std::path::Path::new(&s).components().count(), 1);
        }
    }
}
