//! Man pages: one per command and subcommand, each naming only pages that
//! exist, and rendered by the system's `man` (or groff) when it has one.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::Rungs;

/// The subcommands `rungs [PARENT…] --help` lists, without `help`.
fn subcommands(parents: &[&str]) -> Vec<String> {
    let help = Rungs::new().args(parents).args(["--help"]).ok();
    let listing = help.split("Commands:\n").nth(1).unwrap_or_default();
    let lines = listing.lines().take_while(|l| l.starts_with("  "));
    // A name starts a line; a description that wraps goes on further in.
    let rows = lines.filter(|l| !l.starts_with("   "));
    let names = rows.filter_map(|l| l.split_whitespace().next()).filter(|n| *n != "help");
    names.map(String::from).collect()
}

/// Every page `rungs --help` implies: `rungs`, each command, each subcommand.
fn expected_pages() -> BTreeSet<String> {
    let mut pages = BTreeSet::from(["rungs".to_owned()]);
    for command in subcommands(&[]) {
        for sub in subcommands(&[&command]) {
            pages.insert(format!("rungs-{command}-{sub}"));
        }
        pages.insert(format!("rungs-{command}"));
    }
    pages
}

fn write_pages() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let run = Rungs::new().args(["man", "--dir"]).args([dir.path().join("man1")]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    dir
}

fn written(dir: &Path) -> BTreeSet<String> {
    let files = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap());
    files.map(|f| f.strip_suffix(".1").unwrap_or_else(|| panic!("{f} is not a section 1 page")).to_owned()).collect()
}

/// Roff made plain: fonts dropped, `\-` as `-`.
fn plain(roff: &str) -> String {
    roff.replace("\\fB", "").replace("\\fR", "").replace("\\fI", "").replace("\\-", "-")
}

/// The pages a page names, `rungs-ladder(1)` and the like.
fn named_pages(page: &str) -> Vec<String> {
    let text = plain(page);
    let mut names = Vec::new();
    for (at, _) in text.match_indices("(1)") {
        let before = &text[..at];
        let start = before.rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).map_or(0, |i| i + 1);
        names.push(before[start..].to_owned());
    }
    names
}

/// The SEE ALSO section of a page.
fn see_also(page: &str) -> Vec<String> {
    let section = page.split(".SH \"SEE ALSO\"\n").nth(1).unwrap_or_default();
    named_pages(section.split("\n.SH").next().unwrap())
}

#[test]
fn man_dir_writes_a_page_for_every_command_and_subcommand() {
    let dir = write_pages();
    let expected = expected_pages();
    assert!(expected.contains("rungs-ladder-show") && expected.contains("rungs-goal-add"), "{expected:?}");
    assert_eq!(written(&dir.path().join("man1")), expected);
}

#[test]
fn every_page_a_page_names_exists() {
    let dir = write_pages();
    let man1 = dir.path().join("man1");
    let pages = written(&man1);
    for page in &pages {
        let text = std::fs::read_to_string(man1.join(format!("{page}.1"))).unwrap();
        for named in named_pages(&text) {
            assert!(pages.contains(&named), "{page}.1 names {named}(1), which was not written");
        }
    }
}

#[test]
fn every_subcommand_page_sees_also_rungs_and_its_parent() {
    let dir = write_pages();
    let man1 = dir.path().join("man1");
    let read = |page: &str| std::fs::read_to_string(man1.join(format!("{page}.1"))).unwrap();
    assert_eq!(see_also(&read("rungs-assess")), ["rungs"]);
    assert_eq!(
        see_also(&read("rungs-ladder-show")),
        [
            "rungs",
            "rungs-ladder",
            "rungs-ladder-compare",
            "rungs-ladder-check",
            "rungs-ladder-export",
            "rungs-ladder-import"
        ]
    );
    for page in written(&man1).into_iter().filter(|p| p != "rungs") {
        let also = see_also(&read(&page));
        assert_eq!(also.first().map(String::as_str), Some("rungs"), "{page}: {also:?}");
        let parent = page.rsplit_once('-').unwrap().0;
        assert!(parent == "rungs" || also.iter().any(|p| p == parent), "{page} does not name {parent}: {also:?}");
    }
}

#[test]
fn the_assess_page_renders() {
    let dir = write_pages();
    let page = dir.path().join("man1/rungs-assess.1");
    let rendered = render(&page);
    let Some(text) = rendered else {
        // Neither man nor groff here: check the roff structure instead.
        let roff = std::fs::read_to_string(&page).unwrap();
        for section in [".TH rungs-assess 1", ".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH EXAMPLES"] {
            assert!(roff.contains(section), "no {section} in\n{roff}");
        }
        return;
    };
    for expected in ["rungs-assess", "SYNOPSIS", "--current", "EXAMPLES", "SEE ALSO", "rungs(1)"] {
        assert!(text.contains(expected), "no {expected} in\n{text}");
    }
    // Examples keep one command a line.
    assert!(
        text.lines().any(|l| l.trim() == "rungs assess --resume                          Continue after Ctrl-C"),
        "{text}"
    );
}

/// The page as `man -l` shows it, else as groff formats it; `None` when
/// neither is installed.
fn render(page: &Path) -> Option<String> {
    let attempts: [&[&str]; 2] = [&["man", "-l"], &["groff", "-man", "-Tutf8"]];
    for command in attempts {
        let output = std::process::Command::new(command[0])
            .args(&command[1..])
            .arg(page)
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .env("MANWIDTH", "100")
            .env("MAN_KEEP_FORMATTING", "")
            .output();
        if let Ok(output) = output {
            assert!(output.status.success(), "{command:?}: {}", String::from_utf8_lossy(&output.stderr));
            // Bold and underline by overstriking, as groff does off a terminal.
            let text = String::from_utf8_lossy(&output.stdout).replace(['\u{2010}', '\u{2212}'], "-");
            return Some(strip_overstrike(&text));
        }
    }
    None
}

fn strip_overstrike(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c == '\u{8}' {
            out.pop();
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn man_prints_the_top_page_or_a_commands_page() {
    let top = Rungs::new().args(["man"]).ok();
    assert!(top.contains(".TH rungs 1"), "{top}");
    assert!(!top.contains("rungs\\-help"), "the top page names a help page that is not written");
    let nested = Rungs::new().args(["man", "ladder", "show"]).ok();
    assert!(nested.contains(".TH rungs-ladder-show 1"), "{nested}");
    let goal = Rungs::new().args(["man", "goal", "add"]).ok();
    assert!(goal.contains(".TH rungs-goal-add 1"), "{goal}");
    let run = Rungs::new().args(["man", "ladder", "sho"]).fails(2);
    assert_eq!(run.stderr, "error: `rungs ladder` has no command `sho`; did you mean `show`?\n");
}

#[test]
fn rungs_dir_never_turns_man_into_writing_pages() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store");
    let out = Rungs::new().env("RUNGS_DIR", &store).args(["man"]).ok();
    assert!(out.starts_with(".ie"), "{out}");
    assert!(!store.exists(), "rungs man wrote into RUNGS_DIR");
}

#[test]
fn man_dir_replaces_a_planted_link_and_writes_pages_readable_by_all_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("man1");
    std::fs::create_dir(&dir).unwrap();
    let victim = home.path().join("victim");
    std::fs::write(&victim, "keep me\n").unwrap();
    std::os::unix::fs::symlink(&victim, dir.join("rungs.1")).unwrap();
    let mut command = std::process::Command::new("sh");
    crate::support::isolate(&mut command, home.path());
    command.args(["-c", "umask 000 && exec \"$0\" \"$@\""]).arg(crate::support::binary()).args(["man", "--dir"]);
    let status = command.arg(&dir).status().unwrap();
    assert!(status.success(), "{status:?}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me\n", "written through the link");
    let top = std::fs::symlink_metadata(dir.join("rungs.1")).unwrap();
    assert!(top.file_type().is_file(), "the link was replaced by the page");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "{}", entry.path().display());
    }
    assert_eq!(written(&dir), expected_pages(), "no temporary file left behind");
}
