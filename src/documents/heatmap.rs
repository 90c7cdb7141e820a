//! The team heatmap: one self-contained HTML page of people × competencies,
//! coloured by status, one table per ladder. Pure: a [`Heatmap`] in, a page
//! out.
//!
//! The page loads nothing from the network. Every stored string (names,
//! ladder and competency titles) passes through [`crate::untrusted::xml`],
//! in text and in attributes alike. The small inline script adds sorting (a
//! click on a column header) and a box filtering people by name; it reads
//! only the page's own `data-` attributes and writes only text, so nothing
//! stored can run. Without JavaScript the page is the same tables, complete.
//! Which rows and views the page shows is decided by `rungs team`, not here.

use std::fmt::Write;

use crate::scoring::Status;
use crate::untrusted;

/// The whole page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Heatmap {
    /// The page's title and heading.
    pub title: String,
    /// Says which view each row shows.
    pub basis: String,
    /// One table per ladder.
    pub groups: Vec<Group>,
}

/// The people assessed on one ladder, whose competencies they share.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Group {
    /// The ladder's id.
    pub ladder: String,
    /// The ladder's title (its id when the ladder is not loaded).
    pub title: String,
    /// The columns: `(competency id, title)`, in the ladder's order.
    pub competencies: Vec<(String, String)>,
    /// One row per person, in the order shown.
    pub rows: Vec<Row>,
}

/// One person: the view shown and its status per competency.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// The person's name.
    pub person: String,
    /// The relationship of the view shown: `manager` or `self`.
    pub view: String,
    /// The current and target levels.
    pub levels: String,
    /// The assessment's date, `YYYY-MM-DD`.
    pub date: String,
    /// Competencies ready.
    pub ready: usize,
    /// Competencies rated.
    pub total: usize,
    /// Competencies whose status the latest self and manager views disagree
    /// on; `None` when either view is missing.
    pub disagreements: Option<usize>,
    /// One square per column of [`Group::competencies`].
    pub squares: Vec<Square>,
}

/// One competency of one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Square {
    /// The status in the view shown; `None` when it was not rated.
    pub status: Option<Status>,
    /// When the latest self and manager views disagree on the status: `(self, manager)`.
    pub split: Option<(Status, Status)>,
}

/// How many people of a group are ready, growing and below on one competency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Ready.
    pub ready: usize,
    /// Growing.
    pub growing: usize,
    /// Below.
    pub below: usize,
}

impl Group {
    /// The counts of column `column` over every row.
    pub fn counts(&self, column: usize) -> Counts {
        let mut counts = Counts::default();
        for status in self.rows.iter().filter_map(|r| r.squares.get(column).and_then(|s| s.status)) {
            match status {
                Status::Ready => counts.ready += 1,
                Status::Growing => counts.growing += 1,
                Status::Below => counts.below += 1,
            }
        }
        counts
    }
}

/// The columns before and after the competencies.
const LEAD: [&str; 3] = ["Person", "View", "Levels"];
const TAIL: [&str; 3] = ["Ready", "Differ", "Date"];

/// The complete page.
pub fn page(map: &Heatmap) -> String {
    let people: usize = map.groups.iter().map(|g| g.rows.len()).sum();
    let mut body =
        format!("<h1>{}</h1>\n<p class=\"muted\">{}</p>\n", untrusted::xml(&map.title), untrusted::xml(&map.basis));
    body.push_str(LEGEND);
    body.push_str("<div id=\"tools\"></div>\n");
    if people == 0 {
        body.push_str("<p>No assessments yet; start with: rungs assess</p>\n");
    }
    for group in &map.groups {
        body.push_str(&section(group));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        untrusted::xml(&map.title)
    )
}

fn section(group: &Group) -> String {
    let people = if group.rows.len() == 1 { "1 person".to_owned() } else { format!("{} people", group.rows.len()) };
    let mut out = format!(
        "<section class=\"ladder\" data-ladder=\"{}\">\n<h2>{} <small>{} · {people}</small></h2>\n<div class=\"scroll\">\n<table class=\"heatmap\">\n<thead>\n<tr>",
        untrusted::xml(&group.ladder),
        untrusted::xml(&group.title),
        untrusted::xml(&group.ladder)
    );
    for name in LEAD {
        let _ = write!(out, "<th scope=\"col\">{name}</th>");
    }
    for (id, title) in &group.competencies {
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"competency\" data-competency=\"{}\">{}</th>",
            untrusted::xml(id),
            untrusted::xml(title)
        );
    }
    for name in TAIL {
        let _ = write!(out, "<th scope=\"col\">{name}</th>");
    }
    out.push_str("</tr>\n");
    out.push_str(&counts_row(group));
    out.push_str("</thead>\n<tbody>\n");
    for row in &group.rows {
        out.push_str(&self::row(group, row));
    }
    out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
    out
}

/// The row of counts under the header; the script recounts it when filtering.
fn counts_row(group: &Group) -> String {
    let mut out =
        format!("<tr class=\"counts\"><th scope=\"row\" colspan=\"{}\">Ready · growing · below</th>", LEAD.len());
    for (column, (id, _)) in group.competencies.iter().enumerate() {
        let c = group.counts(column);
        let _ = write!(
            out,
            "<td class=\"count\" data-column=\"{}\" data-competency=\"{}\" data-ready=\"{}\" data-growing=\"{}\" data-below=\"{}\">\
             <span class=\"ready\">{}</span> <span class=\"growing\">{}</span> <span class=\"below\">{}</span></td>",
            LEAD.len() + column,
            untrusted::xml(id),
            c.ready,
            c.growing,
            c.below,
            c.ready,
            c.growing,
            c.below
        );
    }
    let _ = writeln!(out, "<td colspan=\"{}\"></td></tr>", TAIL.len());
    out
}

fn row(group: &Group, row: &Row) -> String {
    let person = untrusted::xml(&row.person);
    let mut out = format!(
        "<tr data-person=\"{person}\"><th scope=\"row\" class=\"person\" data-sort=\"{person}\">{person}</th>\
         <td data-sort=\"{view}\">{view}</td><td data-sort=\"{levels}\">{levels}</td>",
        view = untrusted::xml(&row.view),
        levels = untrusted::xml(&row.levels)
    );
    for (competency, square) in group.competencies.iter().zip(&row.squares) {
        out.push_str(&self::square(competency, square));
    }
    let (differ, differ_key) =
        row.disagreements.map_or_else(|| ("—".to_owned(), "-1".to_owned()), |n| (n.to_string(), n.to_string()));
    let _ = writeln!(
        out,
        "<td data-sort=\"{}\">{}/{}</td><td class=\"differ-count\" data-sort=\"{differ_key}\">{differ}</td>\
         <td data-sort=\"{date}\">{date}</td></tr>",
        row.ready,
        row.ready,
        row.total,
        date = untrusted::xml(&row.date)
    );
    out
}

fn square((id, title): &(String, String), square: &Square) -> String {
    let (id, title) = (untrusted::xml(id), untrusted::xml(title));
    let Some(status) = square.status else {
        return format!(
            "<td class=\"square none\" data-competency=\"{id}\" data-sort=\"-1\" title=\"{title}: not rated\">·</td>"
        );
    };
    let (glyph, rank) = match status {
        Status::Ready => ("●", 2),
        Status::Growing => ("◐", 1),
        Status::Below => ("○", 0),
    };
    let name = status.name();
    let attributes = format!("data-competency=\"{id}\" data-status=\"{name}\" data-sort=\"{rank}\"");
    match square.split {
        None => format!("<td class=\"square {name}\" {attributes} title=\"{title}: {name}\">{glyph}</td>"),
        Some((own, manager)) => format!(
            "<td class=\"square {name} differ\" {attributes} title=\"{title}: {name}; self view {}, manager view {}\">\
             {glyph}<span class=\"mark\">◆</span></td>",
            own.name(),
            manager.name()
        ),
    }
}

const LEGEND: &str = "<ul class=\"legend\">\
<li><span class=\"key ready\">●</span> ready: the target level's expectation is met</li>\
<li><span class=\"key growing\">◐</span> growing: only the current level's is</li>\
<li><span class=\"key below\">○</span> below: not even the current level's</li>\
<li><span class=\"key none\">·</span> not rated</li>\
<li><span class=\"key mark\">◆</span> the latest self and manager views disagree on this status</li>\
</ul>\n";

/// The page's look: status colours, the legend, a table that scrolls sideways.
const CSS: &str = include_str!("heatmap.css");

/// Sorting and filtering. It reads `data-` attributes and sets only text
/// (`textContent`), never markup.
const SCRIPT: &str = include_str!("heatmap.js");

#[cfg(test)]
mod tests {
    use super::*;

    fn square(status: Status) -> Square {
        Square { status: Some(status), split: None }
    }

    fn sample() -> Heatmap {
        let row = |person: &str, squares: Vec<Square>| Row {
            person: person.into(),
            view: "manager".into(),
            levels: "TL4 → TL5".into(),
            date: "2026-11-24".into(),
            ready: 1,
            total: 2,
            disagreements: Some(1),
            squares,
        };
        let split = Square { status: Some(Status::Growing), split: Some((Status::Ready, Status::Growing)) };
        Heatmap {
            title: "Team <heatmap>".into(),
            basis: "View: manager".into(),
            groups: vec![Group {
                ladder: "tech-lead".into(),
                title: "Tech \"Lead\"".into(),
                competencies: vec![("x".into(), "<X>".into()), ("y".into(), "Y".into())],
                rows: vec![
                    row("<script>alert(1)</script>", vec![square(Status::Ready), split]),
                    row("Bo", vec![square(Status::Ready), Square::default()]),
                ],
            }],
        }
    }

    #[test]
    fn counts_tally_each_status_of_a_column_and_skip_the_unrated() {
        let map = sample();
        let counts = map.groups[0].counts(1);
        assert_eq!(counts, Counts { ready: 0, growing: 1, below: 0 });
        assert_eq!(map.groups[0].counts(0).ready, 2);
    }

    #[test]
    fn stored_text_is_escaped_in_text_and_attributes() {
        let html = page(&sample());
        assert_eq!(html.matches("<script>").count(), 1, "only the page's own script:\n{html}");
        assert!(!SCRIPT.contains("</") && !CSS.contains("</"), "the inline script and style end where they should");
        assert!(html.contains("data-person=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), "{html}");
        assert!(html.contains("<title>Team &lt;heatmap&gt;</title>") && html.contains("Tech &quot;Lead&quot;"));
        assert!(!html.contains("<X>"), "{html}");
    }

    #[test]
    fn a_disagreement_is_marked_with_both_statuses() {
        let html = page(&sample());
        assert_eq!(html.matches("<span class=\"mark\">◆</span></td>").count(), 1, "{html}");
        assert!(html.contains("class=\"square growing differ\""), "{html}");
        assert!(html.contains("self view ready, manager view growing"), "{html}");
    }

    #[test]
    fn the_page_loads_nothing_from_elsewhere() {
        let html = page(&sample());
        for remote in ["http://", "https://", "<link", " src="] {
            assert!(!html.contains(remote), "{remote}");
        }
    }
}
