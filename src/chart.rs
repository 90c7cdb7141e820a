//! The SVG radar chart: one axis per competency, its steps as rings, and
//! the shapes drawn over them: what the current level expects, what the
//! target level expects, and what the ratings show. Pure: data in, SVG text
//! out. The small per-competency status strip of a promotion case is in
//! [`strip`]; the radar of one level of a ladder, for the ladder page, in
//! [`crate::documents::level_radar`].
//!
//! From 3 to 32 axes the chart stays readable: [`labels`] wraps each label
//! into a few lines and places it so none overlaps another or the circle,
//! and the picture grows to hold them all. Groups of competencies show as
//! coloured arcs around the rim, in the labels' colour, and in the legend.
//! For a ladder without steps the rings are the ladder's levels. Every
//! label passes through [`crate::untrusted::xml`], so the SVG is always
//! well-formed whatever the names hold.

use std::f64::consts::PI;
use std::fmt::Write;

use labels::{Placed, Rect};
use legend::Legend;

use crate::untrusted;

pub mod labels;
mod legend;
pub mod strip;

/// One axis of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// Stable id, kept in the SVG as `data-competency`.
    pub id: String,
    /// The label drawn at the end of the axis.
    pub label: String,
    /// The group the axis belongs to, drawn as a coloured arc at the rim,
    /// the label's colour and an entry in the legend.
    pub group: Option<String>,
}

/// One shape drawn over the axes.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The legend's words.
    pub name: String,
    /// One value per axis, from 0 (centre) to the number of rings (edge).
    pub values: Vec<f64>,
    /// `current`, `target`, `shown` or `level`: picks the colours.
    pub kind: &'static str,
}

/// A whole chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Radar {
    /// What the chart shows, as its accessible name and tooltip.
    pub title: String,
    /// Whether the title is also written above the chart: for a chart on
    /// its own, which nothing around it names.
    pub heading: bool,
    /// The axes, clockwise from the top.
    pub axes: Vec<Axis>,
    /// How many rings (steps, or levels) there are.
    pub rings: usize,
    /// What a ring stands for, drawn once along the first axis ("step 1"…).
    pub ring_label: &'static str,
    /// The shapes, drawn in order.
    pub series: Vec<Series>,
}

/// The circle's centre; the picture's edges follow from what is drawn.
const CENTRE: f64 = 320.0;
const MIDDLE: f64 = 260.0;
const RADIUS: f64 = 200.0;

fn point(axis: usize, count: usize, value: f64, rings: usize) -> (f64, f64) {
    let angle = -PI / 2.0 + 2.0 * PI * axis as f64 / count as f64;
    let r = RADIUS * value / rings.max(1) as f64;
    (CENTRE + r * angle.cos(), MIDDLE + r * angle.sin())
}

fn polygon(values: impl Iterator<Item = (usize, f64)>, count: usize, rings: usize) -> String {
    let points: Vec<String> = values
        .map(|(i, v)| {
            let (x, y) = point(i, count, v, rings);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    points.join(" ")
}

/// The picture's corners: the circle, its band of groups and every label.
fn bounds(labels: &[Placed], rim: f64) -> Rect {
    let (mut left, mut top) = (CENTRE - rim, MIDDLE - rim);
    let (mut right, mut bottom) = (CENTRE + rim, MIDDLE + rim);
    for label in labels {
        left = left.min(label.rect.x);
        top = top.min(label.rect.y);
        right = right.max(label.rect.x + label.rect.w);
        bottom = bottom.max(label.rect.y + label.rect.h);
    }
    Rect { x: left - MARGIN, y: top - MARGIN, w: right - left + 2.0 * MARGIN, h: bottom - top + MARGIN }
}

/// The groups of the axes in the order they first appear; a group's place
/// in this list picks its colour.
fn groups(radar: &Radar) -> Vec<&str> {
    let mut groups: Vec<&str> = Vec::new();
    for group in radar.axes.iter().filter_map(|a| a.group.as_deref()) {
        if !groups.contains(&group) {
            groups.push(group);
        }
    }
    groups
}

/// The colour of a group, or plain ink for an axis outside any group.
fn colour(groups: &[&str], group: Option<&str>) -> &'static str {
    group.and_then(|g| groups.iter().position(|x| *x == g)).map_or(INK, |i| PALETTE[i % PALETTE.len()])
}

/// The chart as a standalone SVG document. The picture grows to hold every
/// label, however many axes and however long their titles.
pub fn svg(radar: &Radar) -> String {
    let n = radar.axes.len();
    let rings = radar.rings.max(1);
    let groups = groups(radar);
    let rim = RADIUS + if groups.is_empty() { 14.0 } else { 24.0 };
    let texts: Vec<&str> = radar.axes.iter().map(|a| a.label.as_str()).collect();
    let directions: Vec<(f64, f64)> = (0..n).map(|i| direction(i, n)).collect();
    let labels = labels::place(&texts, &directions, (CENTRE, MIDDLE), rim);
    let mut chart = bounds(&labels, rim);
    if radar.heading {
        chart.y -= HEADING;
        chart.h += HEADING;
    }
    let legend = Legend::new(radar, &groups, chart);
    let (x, y) = (chart.x.floor(), chart.y.floor());
    let (w, h) = ((chart.x + legend.width - x).ceil(), (chart.y + chart.h + legend.height - y).ceil());
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x} {y} {w} {h}" width="{w}" height="{h}" role="img" aria-label="{title}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif">"#,
        title = untrusted::xml(&radar.title)
    );
    let _ = write!(out, "<title>{}</title>", untrusted::xml(&radar.title));
    out.push_str(STYLE);
    if radar.heading {
        let (x, y) = (chart.x + MARGIN, chart.y + MARGIN + 14.0);
        let title = untrusted::xml(&radar.title);
        let _ =
            write!(out, r#"<text class="heading" x="{x:.1}" y="{y:.1}" font-size="15" fill="{INK}">{title}</text>"#);
    }
    out.push_str(r#"<g class="rings">"#);
    for ring in 1..=rings {
        let ring_points = polygon((0..n).map(|i| (i, ring as f64)), n, rings);
        let _ = write!(out, r#"<polygon class="ring" points="{ring_points}"/>"#);
    }
    // Above and right of where each ring meets the first axis, which points
    // up: every line there runs down and away from that point.
    for ring in 1..=rings {
        let (x, y) = point(0, n, ring as f64, rings);
        let _ = write!(out, r#"<text class="ring-label" x="{:.1}" y="{:.1}">{ring}</text>"#, x + 4.0, y - 3.0);
    }
    out.push_str("</g>");
    band(&mut out, radar, &groups);
    axes(&mut out, radar, &labels, &groups);
    for series in &radar.series {
        let shape = polygon(series.values.iter().copied().enumerate(), n, rings);
        let _ = write!(
            out,
            r#"<polygon class="series {}" points="{shape}"><title>{}</title></polygon>"#,
            series.kind,
            untrusted::xml(&series.name)
        );
    }
    legend.write(&mut out, radar, &groups);
    out.push_str("</svg>\n");
    out
}

/// The unit vector of axis `i` of `n`, clockwise from the top.
fn direction(i: usize, n: usize) -> (f64, f64) {
    let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n.max(1) as f64;
    (angle.cos(), angle.sin())
}

/// A coloured arc outside the rim for each run of neighbouring axes in one
/// group, so a group reads as one stretch of the circle.
fn band(out: &mut String, radar: &Radar, groups: &[&str]) {
    let n = radar.axes.len();
    if groups.is_empty() || n == 0 {
        return;
    }
    out.push_str(r#"<g class="groups">"#);
    let step = 2.0 * PI / n as f64;
    let r = RADIUS + 10.0;
    let mut start = 0;
    while start < n {
        let group = radar.axes[start].group.as_deref();
        let mut end = start;
        while end + 1 < n && radar.axes[end + 1].group.as_deref() == group {
            end += 1;
        }
        if let Some(name) = group {
            let colour = colour(groups, group);
            let name = untrusted::xml(name);
            if end + 1 - start == n {
                let _ = write!(
                    out,
                    r#"<circle class="group" cx="{CENTRE}" cy="{MIDDLE}" r="{r}" fill="none" stroke="{colour}" stroke-width="6"><title>{name}</title></circle>"#
                );
            } else {
                let from = -PI / 2.0 + step * (start as f64 - 0.5) + 0.04;
                let to = -PI / 2.0 + step * (end as f64 + 0.5) - 0.04;
                let large = u8::from(to - from > PI);
                let (x0, y0) = (CENTRE + r * from.cos(), MIDDLE + r * from.sin());
                let (x1, y1) = (CENTRE + r * to.cos(), MIDDLE + r * to.sin());
                let _ = write!(
                    out,
                    r#"<path class="group" d="M{x0:.1} {y0:.1}A{r} {r} 0 {large} 1 {x1:.1} {y1:.1}" fill="none" stroke="{colour}" stroke-width="6" stroke-linecap="round"><title>{name}</title></path>"#
                );
            }
        }
        start = end + 1;
    }
    out.push_str("</g>");
}

fn axes(out: &mut String, radar: &Radar, labels: &[Placed], groups: &[&str]) {
    let n = radar.axes.len();
    let (font, _) = labels::font_for(n);
    out.push_str(r#"<g class="axes">"#);
    for ((i, axis), label) in radar.axes.iter().enumerate().zip(labels) {
        let (x, y) = point(i, n, radar.rings as f64, radar.rings);
        let _ = write!(
            out,
            r#"<line class="axis" data-competency="{}" x1="{CENTRE}" y1="{MIDDLE}" x2="{x:.1}" y2="{y:.1}"/>"#,
            untrusted::xml(&axis.id)
        );
        let _ = write!(
            out,
            r#"<text class="label" data-competency="{}" x="{:.1}" y="{:.1}" text-anchor="{}" font-size="{font}" fill="{}">"#,
            untrusted::xml(&axis.id),
            label.x,
            label.y,
            label.anchor,
            colour(groups, axis.group.as_deref())
        );
        if label.cut {
            let _ = write!(out, "<title>{}</title>", untrusted::xml(&axis.label));
        }
        // One line stays bare text; more lines are one `tspan` each.
        if let [line] = label.lines.as_slice() {
            out.push_str(&untrusted::xml(line));
        } else {
            for (j, line) in label.lines.iter().enumerate() {
                let dy = if j == 0 { 0.0 } else { font * labels::LEADING };
                let _ = write!(out, r#"<tspan x="{:.1}" dy="{dy}">{}</tspan>"#, label.x, untrusted::xml(line));
            }
        }
        out.push_str("</text>");
    }
    out.push_str("</g>");
}

/// The room around the chart's content.
const MARGIN: f64 = 12.0;
/// The room a heading takes above the chart.
const HEADING: f64 = 26.0;
/// The ink of a label outside any group.
const INK: &str = "#101828";
/// A group's colour, dark enough to read as text on white.
const PALETTE: [&str; 8] = ["#1849a9", "#067647", "#6941c6", "#b54708", "#0e7090", "#c11574", "#4d5761", "#b42318"];

const STYLE: &str = "<style>\
.ring{fill:none;stroke:#d0d5dd;stroke-width:1}\
.ring-label,.note{fill:#667085;font-size:11px}\
.ring-label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}\
.axis{stroke:#98a2b3;stroke-width:1}\
.label{font-weight:600}\
.series{stroke-width:2.5;stroke-linejoin:round}\
.series.current{fill:none;stroke:#667085;stroke-dasharray:6 4}\
.series.target{fill:none;stroke:#1570ef;stroke-dasharray:2 3}\
.series.shown{fill:#12b76a;fill-opacity:.25;stroke:#039855}\
.series.level{fill:#1570ef;fill-opacity:.18;stroke:#1570ef}\
</style>";

#[cfg(test)]
mod tests {
    use super::*;

    fn radar(n: usize) -> Radar {
        Radar {
            title: "A <chart> & more".into(),
            axes: (0..n).map(|i| Axis { id: format!("c{i}"), label: format!("Competency {i}"), group: None }).collect(),
            heading: false,
            rings: 5,
            ring_label: "step",
            series: vec![Series { name: "shown".into(), values: vec![3.0; n], kind: "shown" }],
        }
    }

    /// The points of a `points` attribute.
    fn points(text: &str) -> Vec<(f64, f64)> {
        text.split(' ')
            .filter_map(|p| p.split_once(','))
            .map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap()))
            .collect()
    }

    #[test]
    fn ring_labels_sit_clear_of_every_ring_and_axis() {
        for n in [3, 5, 12] {
            let svg = svg(&radar(n));
            let doc = roxmltree::Document::parse(&svg).unwrap();
            let class = |c: &'static str| doc.descendants().filter(move |e| e.attribute("class") == Some(c));
            let mut segments: Vec<((f64, f64), (f64, f64))> = Vec::new();
            for ring in class("ring") {
                let corners = points(ring.attribute("points").unwrap());
                segments.extend(corners.iter().zip(corners.iter().cycle().skip(1)).map(|(a, b)| (*a, *b)));
            }
            for axis in class("axis") {
                let at = |k: &str| axis.attribute(k).unwrap().parse::<f64>().unwrap();
                segments.push(((at("x1"), at("y1")), (at("x2"), at("y2"))));
            }
            for label in class("ring-label") {
                let at = |k: &str| label.attribute(k).unwrap().parse::<f64>().unwrap();
                // An 11px digit: about 7 wide, 8 tall above its baseline.
                let (left, bottom) = (at("x"), at("y") + 1.0);
                let inside =
                    |(x, y): (f64, f64)| (left..left + 7.0).contains(&x) && (bottom - 9.0..bottom).contains(&y);
                for ((x0, y0), (x1, y1)) in &segments {
                    let crosses = (0..=100)
                        .map(|t| f64::from(t) / 100.0)
                        .any(|t| inside((x0 + t * (x1 - x0), y0 + t * (y1 - y0))));
                    assert!(!crosses, "{n} axes: ring label {:?} crosses a line", label.text());
                }
            }
        }
    }

    #[test]
    fn one_axis_per_competency_and_text_is_escaped() {
        for n in [3, 5, 12] {
            let svg = svg(&radar(n));
            assert_eq!(svg.matches(r#"class="axis""#).count(), n);
            assert!(svg.contains("A &lt;chart&gt; &amp; more"));
            assert!(!svg.contains("<chart>"));
        }
    }

    #[test]
    fn groups_show_as_arcs_around_the_rim_and_in_the_legend() {
        let mut chart = radar(6);
        for (i, axis) in chart.axes.iter_mut().enumerate() {
            axis.group = Some(["<G1> & \u{1b}", "G2"][usize::from((2..5).contains(&i))].to_owned());
        }
        let svg = svg(&chart);
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
        let arcs: Vec<&str> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("group"))
            .filter_map(|n| n.first_child().and_then(|t| t.text()))
            .collect();
        assert_eq!(arcs, ["<G1> & \u{fffd}", "G2", "<G1> & \u{fffd}"], "one arc per run of neighbours");
        assert_eq!(doc.descendants().filter(|n| n.attribute("class") == Some("group-key")).count(), 2);
        let colours: Vec<&str> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("label"))
            .filter_map(|n| n.attribute("fill"))
            .collect();
        assert_eq!(colours, [PALETTE[0], PALETTE[0], PALETTE[1], PALETTE[1], PALETTE[1], PALETTE[0]]);
    }

    #[test]
    fn a_long_label_wraps_into_lines_and_a_cut_one_keeps_its_whole_title() {
        let mut chart = radar(5);
        chart.axes[1].label = "Feedback, communication & collaboration".into();
        chart.axes[2].label = "word ".repeat(40);
        let svg = svg(&chart);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let labels: Vec<_> = doc.descendants().filter(|n| n.attribute("class") == Some("label")).collect();
        let lines = |i: usize| labels[i].children().filter(|n| n.has_tag_name("tspan")).count();
        assert_eq!((lines(0), lines(1), lines(2)), (0, 3, 4), "one line stays bare text");
        let tooltip = labels[2].children().find(|n| n.has_tag_name("title")).and_then(|t| t.text());
        assert_eq!(tooltip, Some("word ".repeat(40).as_str()));
    }

    #[test]
    fn the_first_axis_points_up_and_values_scale_with_rings() {
        let (x, y) = point(0, 4, 5.0, 5);
        assert!((x - CENTRE).abs() < 1e-9 && (y - (MIDDLE - RADIUS)).abs() < 1e-9);
        let (_, y) = point(0, 4, 2.5, 5);
        assert!((y - (MIDDLE - RADIUS / 2.0)).abs() < 1e-9);
    }
}
