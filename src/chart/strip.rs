//! The status strip: one competency's status (ready, growing, below)
//! across the assessments of a view, left to right, each dated. Pure: data
//! in, SVG text out, the title through [`crate::untrusted::xml`] (a mark's
//! label is one of rungs' own words, a `&'static str`); colours are
//! attributes, so strips inlined in one page never share a stylesheet.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::render::Tone;
use crate::untrusted;

/// One assessment's mark on the strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// The assessment's date, written under the mark.
    pub date: NaiveDate,
    /// How the competency stood then, as a tone: good, warn, bad, or
    /// muted when it was not rated.
    pub tone: Tone,
    /// The word for it: `ready`, `growing`, `below`, `unrated`.
    pub label: &'static str,
}

/// The width of one mark, its date included.
const CELL: usize = 84;
/// The strip's height: the coloured bar, then the date.
const HEIGHT: usize = 44;

/// The fill and the ink of a tone.
fn colours(tone: Tone) -> (&'static str, &'static str) {
    match tone {
        Tone::Good => ("#dcfae6", "#067647"),
        Tone::Warn => ("#fef0c7", "#b54708"),
        Tone::Bad => ("#fee4e2", "#b42318"),
        _ => ("#f2f4f7", "#475467"),
    }
}

/// The strip of `marks`, oldest first, as an SVG element with class
/// `strip`, labelled `title` for screen readers.
pub fn svg(title: &str, marks: &[Mark]) -> String {
    let width = CELL * marks.len().max(1);
    let title = untrusted::xml(title);
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="strip" viewBox="0 0 {width} {HEIGHT}" width="{width}" height="{HEIGHT}" role="img" aria-label="{title}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif"><title>{title}</title>"#
    );
    for (i, mark) in marks.iter().enumerate() {
        let x = i * CELL;
        let (fill, ink) = colours(mark.tone);
        let (status, date) = (mark.label, mark.date);
        let _ = write!(
            out,
            r##"<g class="mark {status}"><title>{date}: {status}</title><rect x="{}" y="1" width="{}" height="22" rx="4" fill="{fill}" stroke="{ink}" stroke-width="1"/><text x="{}" y="16" text-anchor="middle" font-size="12" font-weight="600" fill="{ink}">{status}</text><text x="{}" y="38" text-anchor="middle" font-size="11" fill="#475467">{date}</text></g>"##,
            x + 2,
            CELL - 4,
            x + CELL / 2,
            x + CELL / 2,
        );
    }
    out.push_str("</svg>");
    out
}

/// The strip in words, for Markdown and the terminal:
/// `2026-01-10 growing → 2026-04-10 ready`.
pub fn text(marks: &[Mark]) -> String {
    let marks: Vec<String> = marks.iter().map(|m| format!("{} {}", m.date, m.label)).collect();
    marks.join(" → ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks() -> Vec<Mark> {
        let day = |d: &str| d.parse().unwrap();
        vec![
            Mark { date: day("2026-01-10"), tone: Tone::Bad, label: "below" },
            Mark { date: day("2026-04-10"), tone: Tone::Warn, label: "growing" },
            Mark { date: day("2026-07-10"), tone: Tone::Muted, label: "unrated" },
            Mark { date: day("2026-10-10"), tone: Tone::Good, label: "ready" },
        ]
    }

    #[test]
    fn one_dated_mark_per_assessment_in_well_formed_svg() {
        let svg = svg("Technology <&> \u{1b}\u{0}", &marks());
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
        let root = doc.root_element();
        assert_eq!(root.attribute("class"), Some("strip"));
        assert_eq!(root.attribute("aria-label"), Some("Technology <&> \u{fffd}\u{fffd}"));
        let classes: Vec<&str> =
            root.children().filter(|n| n.has_tag_name("g")).filter_map(|g| g.attribute("class")).collect();
        assert_eq!(classes, ["mark below", "mark growing", "mark unrated", "mark ready"]);
        let texts: Vec<&str> = root.descendants().filter(|n| n.has_tag_name("text")).filter_map(|t| t.text()).collect();
        assert_eq!(texts[..2], ["below", "2026-01-10"]);
        assert_eq!(texts[6..], ["ready", "2026-10-10"]);
    }

    #[test]
    fn an_empty_strip_is_still_well_formed() {
        assert!(roxmltree::Document::parse(&svg("x", &[])).is_ok());
    }

    #[test]
    fn the_words_follow_the_marks() {
        assert_eq!(text(&marks()), "2026-01-10 below → 2026-04-10 growing → 2026-07-10 unrated → 2026-10-10 ready");
    }
}
