//! The SVG radar chart: one axis per competency, its steps as rings, and
//! three shapes: what the current level expects, what the target level
//! expects, and what the ratings show. Pure: data in, SVG text out. The
//! small per-competency status strip of a promotion case is in [`strip`].
//!
//! For a ladder without steps the rings are the ladder's levels. Every
//! label passes through [`crate::untrusted::xml`], so the SVG is always
//! well-formed whatever the names hold.

use std::f64::consts::PI;
use std::fmt::Write;

use crate::untrusted;

pub mod strip;

/// One axis of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// Stable id, kept in the SVG as `data-competency`.
    pub id: String,
    /// The label drawn at the end of the axis.
    pub label: String,
}

/// One shape drawn over the axes.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The legend's words.
    pub name: String,
    /// One value per axis, from 0 (centre) to the number of rings (edge).
    pub values: Vec<f64>,
    /// `current`, `target` or `shown`: picks the colours.
    pub kind: &'static str,
}

/// A whole chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Radar {
    /// The title above the chart.
    pub title: String,
    /// The axes, clockwise from the top.
    pub axes: Vec<Axis>,
    /// How many rings (steps, or levels) there are.
    pub rings: usize,
    /// What a ring stands for, drawn once along the first axis ("step 1"…).
    pub ring_label: &'static str,
    /// The shapes, drawn in order.
    pub series: Vec<Series>,
}

/// The drawing's width; labels need room on the sides more than above and below.
const SIZE: f64 = 640.0;
/// The chart's height, above the legend.
const HEIGHT: f64 = 520.0;
const CENTRE: f64 = SIZE / 2.0;
const MIDDLE: f64 = HEIGHT / 2.0;
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

/// The chart as a standalone SVG document.
pub fn svg(radar: &Radar) -> String {
    let n = radar.axes.len();
    let rings = radar.rings.max(1);
    let legend_height = 24.0 * radar.series.len() as f64 + 16.0;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {h}" width="{SIZE}" height="{h}" role="img" aria-label="{title}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif">"#,
        h = HEIGHT + legend_height,
        title = untrusted::xml(&radar.title)
    );
    let _ = write!(out, "<title>{}</title>", untrusted::xml(&radar.title));
    out.push_str(STYLE);
    out.push_str(r#"<g class="rings">"#);
    for ring in 1..=rings {
        let ring_points = polygon((0..n).map(|i| (i, ring as f64)), n, rings);
        let _ = write!(out, r#"<polygon class="ring" points="{ring_points}"/>"#);
    }
    for ring in 1..=rings {
        let (x, y) = point(0, n, ring as f64, rings);
        let _ = write!(out, r#"<text class="ring-label" x="{:.1}" y="{:.1}">{ring}</text>"#, x + 4.0, y + 4.0);
    }
    out.push_str("</g>");
    axes(&mut out, radar);
    for series in &radar.series {
        let shape = polygon(series.values.iter().copied().enumerate(), n, rings);
        let _ = write!(
            out,
            r#"<polygon class="series {}" points="{shape}"><title>{}</title></polygon>"#,
            series.kind,
            untrusted::xml(&series.name)
        );
    }
    legend(&mut out, radar);
    out.push_str("</svg>\n");
    out
}

fn axes(out: &mut String, radar: &Radar) {
    let n = radar.axes.len();
    // Smaller labels when many axes share the circle.
    let font = if n > 8 { 12 } else { 14 };
    out.push_str(r#"<g class="axes">"#);
    for (i, axis) in radar.axes.iter().enumerate() {
        let (x, y) = point(i, n, radar.rings as f64, radar.rings);
        let _ = write!(
            out,
            r#"<line class="axis" data-competency="{}" x1="{CENTRE}" y1="{MIDDLE}" x2="{x:.1}" y2="{y:.1}"/>"#,
            untrusted::xml(&axis.id)
        );
        let (lx, ly) = point(i, n, radar.rings as f64 * 1.12, radar.rings);
        let anchor = if (lx - CENTRE).abs() < 1.0 {
            "middle"
        } else if lx > CENTRE {
            "start"
        } else {
            "end"
        };
        let dy = if ly < MIDDLE - RADIUS * 0.9 {
            -4.0
        } else if ly > MIDDLE + RADIUS * 0.9 {
            12.0
        } else {
            5.0
        };
        let _ = write!(
            out,
            r#"<text class="label" x="{lx:.1}" y="{:.1}" text-anchor="{anchor}" font-size="{font}">{}</text>"#,
            ly + dy,
            untrusted::xml(&axis.label)
        );
    }
    out.push_str("</g>");
}

fn legend(out: &mut String, radar: &Radar) {
    out.push_str(r#"<g class="legend">"#);
    for (i, series) in radar.series.iter().enumerate() {
        let y = HEIGHT + 8.0 + 24.0 * i as f64;
        let _ = write!(
            out,
            r#"<rect class="series {}" x="40" y="{y}" width="28" height="14"/><text x="78" y="{:.1}" font-size="14">{}</text>"#,
            series.kind,
            y + 12.0,
            untrusted::xml(&series.name)
        );
    }
    let _ = write!(
        out,
        r#"<text class="note" x="{:.1}" y="{:.1}" text-anchor="end" font-size="12">rings: {}s 1–{}</text>"#,
        SIZE - 40.0,
        HEIGHT + 20.0,
        radar.ring_label,
        radar.rings
    );
    out.push_str("</g>");
}

const STYLE: &str = "<style>\
.ring{fill:none;stroke:#d0d5dd;stroke-width:1}\
.ring-label,.note{fill:#667085;font-size:11px}\
.axis{stroke:#98a2b3;stroke-width:1}\
.label{fill:#101828;font-weight:600}\
.series{stroke-width:2.5;stroke-linejoin:round}\
.series.current{fill:none;stroke:#667085;stroke-dasharray:6 4}\
.series.target{fill:none;stroke:#1570ef;stroke-dasharray:2 3}\
.series.shown{fill:#12b76a;fill-opacity:.25;stroke:#039855}\
</style>";

#[cfg(test)]
mod tests {
    use super::*;

    fn radar(n: usize) -> Radar {
        Radar {
            title: "A <chart> & more".into(),
            axes: (0..n).map(|i| Axis { id: format!("c{i}"), label: format!("Competency {i}") }).collect(),
            rings: 5,
            ring_label: "step",
            series: vec![Series { name: "shown".into(), values: vec![3.0; n], kind: "shown" }],
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
    fn the_first_axis_points_up_and_values_scale_with_rings() {
        let (x, y) = point(0, 4, 5.0, 5);
        assert!((x - CENTRE).abs() < 1e-9 && (y - (MIDDLE - RADIUS)).abs() < 1e-9);
        let (_, y) = point(0, 4, 2.5, 5);
        assert!((y - (MIDDLE - RADIUS / 2.0)).abs() < 1e-9);
    }
}
