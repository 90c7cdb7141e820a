//! The ladder page as one self-contained HTML page: inline CSS and SVG,
//! nothing loaded from elsewhere, and the only links point inside the page.
//! Every ladder text passes through [`untrusted::xml`]; the radars come from
//! [`crate::chart`], which escapes its own labels. In print each level
//! starts a page and no competency is split across two.

use std::fmt::Write;

use super::{
    Move, UNGROUPED, cell_lines, changes, delta_words, facts, level_facts, level_words, no_radar, points, step_words,
    track_rows,
};
use crate::chart;
use crate::ladder::{Ladder, NOT_EXPECTED};
use crate::untrusted::xml;

const CSS: &str = include_str!("page.css");

/// The ladder page as one self-contained HTML page.
pub fn html(ladder: &Ladder) -> String {
    let mut body = String::new();
    let _ = write!(body, "<header><h1>{}</h1>", xml(&ladder.title));
    if !ladder.summary.trim().is_empty() {
        let _ = write!(body, "<p class=\"summary\">{}</p>", xml(&ladder.summary));
    }
    let _ = write!(body, "<p class=\"facts\">{}</p>", xml(&facts(ladder)));
    if !ladder.levels.is_empty() && crate::documents::level_radar::radar(ladder, 0).is_none() {
        let _ = write!(body, "<p class=\"no-radar quiet\">{}</p>", xml(&no_radar(ladder)));
    }
    body.push_str("</header>\n");
    contents(&mut body, ladder);
    competencies(&mut body, ladder);
    for index in 0..ladder.levels.len() {
        level(&mut body, ladder, index);
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main class=\"ladder-page\">\n{body}</main>\n</body>\n</html>\n",
        xml(&ladder.title)
    )
}

/// The contents: links to the competencies and to each level. The anchors
/// are numbered by the page, never taken from the ladder's text.
fn contents(out: &mut String, ladder: &Ladder) {
    out.push_str("<nav class=\"contents\"><h2>Contents</h2><ol><li><a href=\"#competencies\">Competencies</a></li>");
    out.push_str("<li>Levels<ol class=\"levels\">");
    for (i, level) in ladder.levels.iter().enumerate() {
        let _ = write!(out, "<li><a href=\"#level-{i}\">{}: {}</a>", xml(&level.id), xml(&level.title));
        let facts = level_facts(level);
        if !facts.is_empty() {
            let _ = write!(out, " <span class=\"quiet\">{}</span>", xml(&facts));
        }
        out.push_str("</li>");
    }
    out.push_str("</ol></li></ol>");
    if !ladder.tracks.is_empty() {
        out.push_str("<table class=\"tracks\"><caption>Tracks, lowest level first</caption><thead><tr>");
        for track in &ladder.tracks {
            let _ = write!(out, "<th>{}</th>", xml(&track.title));
        }
        out.push_str("</tr></thead><tbody>");
        for row in track_rows(ladder) {
            out.push_str("<tr>");
            for id in row {
                let _ = write!(out, "<td>{}</td>", xml(id));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</nav>\n");
}

/// A group's heading, when the ladder has groups.
fn group_heading(out: &mut String, ladder: &Ladder, group: Option<&str>, tag: &str) {
    if !ladder.groups().is_empty() {
        let _ = write!(out, "<{tag} class=\"group-name\">{}</{tag}>", xml(group.unwrap_or(UNGROUPED)));
        // What a group is about is said once, under the competencies.
        if let Some(about) = group.and_then(|g| ladder.group_description(g)).filter(|_| tag == "h3") {
            let _ = write!(out, "<p class=\"about\">{}</p>", xml(about));
        }
    }
}

fn competencies(out: &mut String, ladder: &Ladder) {
    out.push_str("<section id=\"competencies\"><h2>Competencies</h2>\n");
    for (group, members) in ladder.sections() {
        out.push_str("<section class=\"grouped\">");
        group_heading(out, ladder, group, "h3");
        for &i in &members {
            let c = &ladder.competencies[i];
            let _ = write!(
                out,
                "<article class=\"competency keep\" data-competency=\"{}\"><h4>{}</h4>",
                xml(&c.id),
                xml(&c.title)
            );
            if !c.description.trim().is_empty() {
                let _ = write!(out, "<p>{}</p>", xml(&c.description));
            }
            if !c.steps.is_empty() {
                out.push_str("<ol class=\"steps\">");
                for step in &c.steps {
                    let _ = write!(out, "<li><strong>{}</strong>", xml(&step.name));
                    if let Some(p) = step.points {
                        let _ = write!(out, " <span class=\"points\">{}</span>", points(p));
                    }
                    if !step.description.trim().is_empty() {
                        let _ = write!(out, ": {}", xml(&step.description));
                    }
                    out.push_str("</li>");
                }
                out.push_str("</ol>");
            }
            out.push_str("</article>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</section>\n");
}

fn level(out: &mut String, ladder: &Ladder, index: usize) {
    let level = &ladder.levels[index];
    let _ = write!(
        out,
        "<section class=\"level\" id=\"level-{index}\" data-level=\"{}\"><h2>{}: {}</h2>",
        xml(&level.id),
        xml(&level.id),
        xml(&level.title)
    );
    let facts = level_facts(level);
    if !facts.is_empty() {
        let _ = write!(out, "<p class=\"facts\">{}</p>", xml(&facts));
    }
    for words in level_words(ladder, level) {
        let _ = write!(out, "<p class=\"about\">{}</p>", xml(&words));
    }
    radar(out, ladder, index);
    if ladder.below(index).is_some() {
        changed(out, ladder, index);
    }
    let _ = write!(out, "<h3>What {} expects</h3>", xml(&level.id));
    for (group, members) in ladder.sections() {
        out.push_str("<section class=\"grouped\">");
        group_heading(out, ladder, group, "h4");
        for &i in &members {
            // A validated ladder has a cell for every competency.
            let Some(cell) = level.expectations.get(i) else { continue };
            let c = &ladder.competencies[i];
            let _ = write!(out, "<div class=\"cell keep\" data-competency=\"{}\"><h5>{}", xml(&c.id), xml(&c.title));
            if let Some(step) = step_words(ladder, i, cell) {
                let _ = write!(out, " <span class=\"step\">{}</span>", xml(&step));
            }
            out.push_str("</h5>");
            lines(out, cell_lines(cell), !cell.is_expected());
            out.push_str("</div>");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</section>\n");
}

/// The level's radar, when the ladder has enough steps for one; the page's
/// header says why it has none otherwise.
fn radar(out: &mut String, ladder: &Ladder, index: usize) {
    let Some(radar) = crate::documents::level_radar::radar(ladder, index) else {
        return;
    };
    let caption = match (ladder.below(index), crate::documents::level_radar::left_out(ladder).as_slice()) {
        (None, []) => "The step each competency expects.".to_owned(),
        (Some(below), []) => format!("The step each competency expects, over {}.", ladder.levels[below].id),
        (_, left) => {
            format!(
                "The step each competency with steps expects; left out, without steps: {}.",
                crate::text::join_names(left)
            )
        }
    };
    // The SVG is ours, built with every label escaped.
    let svg = chart::svg(&radar);
    let _ = write!(out, "<figure class=\"radar\">{svg}<figcaption>{}</figcaption></figure>", xml(&caption));
}

/// What changes from the level below: one entry per competency that moves.
fn changed(out: &mut String, ladder: &Ladder, index: usize) {
    let Some(below) = ladder.below(index).map(|i| &ladder.levels[i]) else { return };
    let _ = write!(out, "<section class=\"changes keep\"><h3>What changes from {}</h3>", xml(&below.id));
    let deltas = changes(ladder, index);
    if deltas.is_empty() {
        out.push_str("<p class=\"quiet\">Nothing changes but the level's name.</p>");
    } else {
        out.push_str("<ul class=\"deltas\">");
        for delta in &deltas {
            let class = match delta.moves {
                Move::Up | Move::Starts => "up",
                Move::Down | Move::Stops => "down",
                Move::Reworded => "same",
            };
            let title = xml(&ladder.competencies[delta.competency].title);
            let _ = write!(out, "<li class=\"{class}\"><strong>{title}</strong>: {}", xml(&delta_words(delta)));
            if !delta.lines.is_empty() {
                lines(out, &delta.lines, false);
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
}

/// A cell's words: a paragraph, a real list for several items, or the
/// muted words for a cell that expects nothing.
fn lines(out: &mut String, lines: &[impl AsRef<str>], none: bool) {
    match lines {
        _ if none => {
            let _ = write!(out, "<p class=\"not-expected\">{NOT_EXPECTED}</p>");
        }
        [] => {}
        [line] => {
            let _ = write!(out, "<p>{}</p>", xml(line.as_ref()));
        }
        lines => {
            out.push_str("<ul>");
            for line in lines {
                let _ = write!(out, "<li>{}</li>", xml(line.as_ref()));
            }
            out.push_str("</ul>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ladder::{Source, parse::parse};

    /// A ladder with `stepped` competencies with steps and one without.
    fn mixed(stepped: usize) -> Ladder {
        let mut text = String::from("id = \"mixed\"\ntitle = \"Mixed\"\nversion = \"1\"\n");
        for i in 0..stepped {
            text += &format!(
                "[[competencies]]\nid = \"s{i}\"\ntitle = \"Stepped {i}\"\nsteps = [{{ name = \"A\" }}, {{ name = \"B\" }}]\n"
            );
        }
        text += "[[competencies]]\nid = \"craft\"\ntitle = \"Craft\"\n";
        for (level, step) in [("L1", "A"), ("L2", "B")] {
            text += &format!("[[levels]]\nid = \"{level}\"\ntitle = \"{level}\"\n[levels.expectations]\n");
            for i in 0..stepped {
                text += &format!("s{i} = {{ step = \"{step}\", text = \"t\" }}\n");
            }
            text += &format!("craft = {{ text = \"craft at {level}\" }}\n");
        }
        parse(&text, "mixed.toml", Source::BuiltIn).unwrap_or_else(|e| panic!("{e:?}\n{text}"))
    }

    #[test]
    fn a_radar_leaves_out_competencies_without_steps_and_says_which() {
        let page = html(&mixed(3));
        assert_eq!(page.matches("<figure class=\"radar\"><svg").count(), 2);
        assert!(page.contains("left out, without steps: Craft."), "{page}");
        assert!(!page.contains("No radar"));
    }

    #[test]
    fn fewer_than_three_competencies_with_steps_make_no_radar_and_the_page_says_why_once() {
        let page = html(&mixed(2));
        assert!(!page.contains("<svg"));
        assert_eq!(page.matches("No radar: fewer than three competencies have steps").count(), 1, "{page}");
    }
}
