//! The ladder page in GitHub-flavoured Markdown: the same sections as the
//! HTML page, without radars and without links. Every ladder text goes
//! through [`untrusted::markdown`], folded onto one line; that one policy
//! keeps it from starting a block (a heading, a quote, a list) where it
//! opens a line.

use std::fmt::Write;

use super::{
    Move, UNGROUPED, cell_lines, changes, delta_words, facts, level_facts, level_words, points, step_words, track_rows,
};
use crate::ladder::{Ladder, NOT_EXPECTED};
use crate::untrusted;

/// Text on one line, escaped by the one Markdown policy
/// ([`untrusted::markdown`]), which keeps it from opening a block where it
/// starts a line.
fn inline(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    untrusted::markdown(&folded).into_owned()
}

/// A table cell: [`inline`], with `|` escaped so it cannot end the cell.
fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

/// The ladder page as Markdown.
pub fn markdown(ladder: &Ladder) -> String {
    let mut out = format!("# {}\n\n", inline(&ladder.title));
    if !ladder.summary.trim().is_empty() {
        let _ = write!(out, "{}\n\n", inline(&ladder.summary));
    }
    let _ = write!(out, "{}\n\n", inline(&facts(ladder)));
    contents(&mut out, ladder);
    competencies(&mut out, ladder);
    for index in 0..ladder.levels.len() {
        level(&mut out, ladder, index);
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The contents: the sections, then a table of the levels.
fn contents(out: &mut String, ladder: &Ladder) {
    out.push_str("## Contents\n\n- Competencies\n- Levels, each with what changes from the level below it\n\n");
    let with_points = ladder.levels.iter().any(|l| l.min_points.is_some());
    out.push_str(if with_points {
        "| Level | Title | Senior | Minimum points |\n| --- | --- | --- | --- |\n"
    } else {
        "| Level | Title | Senior |\n| --- | --- | --- |\n"
    });
    for level in &ladder.levels {
        let senior = if level.senior { "yes" } else { "no" };
        let _ = write!(out, "| {} | {} | {senior} |", cell(&level.id), cell(&level.title));
        if with_points {
            let _ = write!(out, " {} |", level.min_points.map_or_else(String::new, |p| p.to_string()));
        }
        out.push('\n');
    }
    out.push('\n');
    if !ladder.tracks.is_empty() {
        let titles: Vec<String> = ladder.tracks.iter().map(|t| cell(&t.title)).collect();
        let _ = write!(
            out,
            "Tracks, lowest level first:\n\n| {} |\n|{}\n",
            titles.join(" | "),
            " --- |".repeat(titles.len())
        );
        for row in track_rows(ladder) {
            let cells: Vec<String> = row.iter().map(|id| cell(id)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
    }
    if ladder.competencies.iter().any(|c| !c.steps.is_empty()) {
        out.push_str("The HTML page (`--format html`) draws a radar of each level's steps.\n\n");
    }
}

/// A group's heading at `depth`, when the ladder has groups.
fn group_heading(out: &mut String, ladder: &Ladder, group: Option<&str>, depth: usize) {
    if ladder.groups().is_empty() {
        return;
    }
    let _ = write!(out, "{} {}\n\n", "#".repeat(depth), inline(group.unwrap_or(UNGROUPED)));
    // What a group is about is said once, under the competencies.
    if let Some(about) = group.and_then(|g| ladder.group_description(g)).filter(|_| depth == 3) {
        let _ = write!(out, "{}\n\n", inline(about));
    }
}

fn competencies(out: &mut String, ladder: &Ladder) {
    out.push_str("## Competencies\n\n");
    let depth = if ladder.groups().is_empty() { 3 } else { 4 };
    for (group, members) in ladder.sections() {
        group_heading(out, ladder, group, 3);
        for &i in &members {
            let c = &ladder.competencies[i];
            let _ = write!(out, "{} {}\n\n", "#".repeat(depth), inline(&c.title));
            if !c.description.trim().is_empty() {
                let _ = write!(out, "{}\n\n", inline(&c.description));
            }
            for (n, step) in c.steps.iter().enumerate() {
                let worth = step.points.map_or_else(String::new, |p| format!(" ({})", points(p)));
                let _ = write!(out, "{}. **{}**{worth}", n + 1, inline(&step.name));
                if !step.description.trim().is_empty() {
                    let _ = write!(out, ": {}", inline(&step.description));
                }
                out.push('\n');
            }
            if !c.steps.is_empty() {
                out.push('\n');
            }
        }
    }
}

fn level(out: &mut String, ladder: &Ladder, index: usize) {
    let level = &ladder.levels[index];
    let _ = write!(out, "## {}: {}\n\n", inline(&level.id), inline(&level.title));
    let facts = level_facts(level);
    if !facts.is_empty() {
        let _ = write!(out, "{facts}\n\n");
    }
    for words in level_words(ladder, level) {
        let _ = write!(out, "{}\n\n", inline(&words));
    }
    if let Some(below) = ladder.below(index).map(|i| &ladder.levels[i]) {
        let _ = write!(out, "### What changes from {}\n\n", inline(&below.id));
        let deltas = changes(ladder, index);
        if deltas.is_empty() {
            out.push_str("Nothing changes but the level's name.\n\n");
        }
        for delta in &deltas {
            let title = inline(&ladder.competencies[delta.competency].title);
            let _ = write!(out, "- **{title}**: {}", inline(&delta_words(delta)));
            list(out, &delta.lines, delta.moves == Move::Stops);
        }
        if !deltas.is_empty() {
            out.push('\n');
        }
    }
    let _ = write!(out, "### What {} expects\n\n", inline(&level.id));
    for (group, members) in ladder.sections() {
        group_heading(out, ladder, group, 4);
        for &i in &members {
            // A validated ladder has a cell for every competency.
            let Some(cell) = level.expectations.get(i) else { continue };
            let _ = write!(out, "- **{}**", inline(&ladder.competencies[i].title));
            if let Some(step) = step_words(ladder, i, cell) {
                let _ = write!(out, " ({})", inline(&step));
            }
            if cell.is_expected() {
                list(out, cell_lines(cell), false);
            } else {
                let _ = writeln!(out, ": *{NOT_EXPECTED}*");
            }
        }
        out.push('\n');
    }
}

/// The end of a list item: one line after a colon, or a nested list.
fn list(out: &mut String, lines: &[impl AsRef<str>], none: bool) {
    match lines {
        _ if none => out.push('\n'),
        [] => out.push('\n'),
        [line] => {
            let _ = writeln!(out, ": {}", inline(line.as_ref()));
        }
        lines => {
            out.push_str(":\n");
            for line in lines {
                let _ = writeln!(out, "  - {}", inline(line.as_ref()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_at_the_start_of_a_line_cannot_open_a_block() {
        assert_eq!(inline("# not a heading"), "\\# not a heading");
        assert_eq!(inline("1. not a list"), "1\\. not a list");
        assert_eq!(inline("two\n\nparagraphs"), "two paragraphs");
        assert_eq!(inline("<b>`x`</b>"), "&lt;b&gt;&#96;x&#96;&lt;/b&gt;");
        assert_eq!(cell("a | b"), "a \\| b");
    }
}
