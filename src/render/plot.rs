//! Two small SVG plots for HTML pages: points with intervals on one axis,
//! and stacked bars of counts. They know numbers and labels, nothing about
//! assessments; every label passes through [`untrusted::xml`]. Each SVG is
//! an image with a title for screen readers (`role="img"`), and a page shows
//! the same figures in a table beside it.

use std::fmt::Write;

use crate::untrusted;

/// One row of an interval plot.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// What the row is about.
    pub label: String,
    /// The estimate; a row without one shows only its label.
    pub value: Option<f64>,
    /// The interval, when there is one.
    pub interval: Option<(f64, f64)>,
    /// Drawn in the warning colour.
    pub marked: bool,
}

const WIDTH: f64 = 680.0;
const LEFT: f64 = 210.0;
const RIGHT: f64 = 30.0;
const ROW: f64 = 26.0;
const TOP: f64 = 34.0;

/// A plot of points with their intervals on a horizontal axis from
/// `domain.0` to `domain.1`, with dashed lines at `guides` (0, or the limits
/// of a flag), titled `title`.
pub fn intervals(title: &str, rows: &[Point], domain: (f64, f64), guides: &[f64]) -> String {
    let (low, high) = if domain.1 > domain.0 { domain } else { (domain.0 - 1.0, domain.0 + 1.0) };
    let x = |v: f64| LEFT + (v.clamp(low, high) - low) / (high - low) * (WIDTH - LEFT - RIGHT);
    let height = TOP + ROW * rows.len() as f64 + 10.0;
    let mut svg = open(title, height);
    for tick in ticks(low, high) {
        let _ = write!(
            svg,
            "<line class=\"tick\" x1=\"{0:.1}\" y1=\"{1}\" x2=\"{0:.1}\" y2=\"{2:.1}\"/><text class=\"axis\" x=\"{0:.1}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>",
            x(tick),
            TOP - 6.0,
            height - 6.0,
            TOP - 12.0,
            number(tick)
        );
    }
    for &guide in guides.iter().filter(|g| (low..=high).contains(*g)) {
        let _ = write!(
            svg,
            "<line class=\"guide\" x1=\"{0:.1}\" y1=\"{1}\" x2=\"{0:.1}\" y2=\"{2:.1}\"/>",
            x(guide),
            TOP - 6.0,
            height - 6.0
        );
    }
    for (i, row) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64 + ROW / 2.0;
        let class = if row.marked { "mark" } else { "point" };
        let _ = write!(
            svg,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LEFT - 10.0,
            y + 4.0,
            untrusted::xml(&short(&row.label))
        );
        if let Some((a, b)) = row.interval {
            let _ = write!(
                svg,
                "<line class=\"{class}\" x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke-width=\"2\"/>",
                x(a),
                x(b)
            );
        }
        if let Some(v) = row.value {
            let _ = write!(svg, "<circle class=\"{class}\" cx=\"{:.1}\" cy=\"{y:.1}\" r=\"5\"/>", x(v));
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Stacked horizontal bars: per row, its `counts` as shares of the row's
/// total, in the order of `legend`, titled `title`.
pub fn stacked(title: &str, legend: &[&str], rows: &[(String, Vec<usize>)]) -> String {
    let height = TOP + ROW * rows.len() as f64 + 10.0;
    let mut svg = open(title, height);
    let span = WIDTH - LEFT - RIGHT;
    let mut at = LEFT;
    for (i, name) in legend.iter().enumerate() {
        let _ = write!(
            svg,
            "<rect class=\"s{i}\" x=\"{at:.1}\" y=\"8\" width=\"12\" height=\"12\"/><text class=\"axis\" x=\"{:.1}\" y=\"18\">{}</text>",
            at + 16.0,
            untrusted::xml(name)
        );
        at += 24.0 + 7.5 * name.chars().count() as f64;
    }
    for (r, (label, counts)) in rows.iter().enumerate() {
        let y = TOP + ROW * r as f64 + 4.0;
        let _ = write!(
            svg,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LEFT - 10.0,
            y + 13.0,
            untrusted::xml(&short(label))
        );
        let total: usize = counts.iter().sum();
        let mut x = LEFT;
        for (i, &n) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
            let w = span * n as f64 / total as f64;
            let _ = write!(svg, "<rect class=\"s{i}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"18\"/>");
            x += w;
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The opening of a plot: an image with its title, and its styles.
fn open(title: &str, height: f64) -> String {
    let title = untrusted::xml(title);
    format!(
        "<svg class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height:.0}\" width=\"{WIDTH}\" height=\"{height:.0}\" role=\"img\" aria-label=\"{title}\"><title>{title}</title>\
         <style>.label,.axis{{font:13px system-ui,sans-serif;fill:#344054}}.axis{{font-size:11px}}.tick{{stroke:#eaecf0}}\
         .guide{{stroke:#98a2b3;stroke-dasharray:4 3}}line.point{{stroke:#1849a9}}circle.point{{fill:#1849a9}}\
         line.mark{{stroke:#b42318}}circle.mark{{fill:#b42318}}.s0{{fill:#b42318}}.s1{{fill:#f79009}}.s2{{fill:#2e90fa}}.s3{{fill:#067647}}</style>"
    )
}

/// Ticks every 0.25, 0.5 or 1, as the domain is wide.
fn ticks(low: f64, high: f64) -> Vec<f64> {
    let step = match high - low {
        w if w <= 1.5 => 0.25,
        w if w <= 4.0 => 0.5,
        _ => 1.0,
    };
    let mut tick = (low / step).ceil() * step;
    let mut out = Vec::new();
    while tick <= high + 1e-9 {
        out.push(tick);
        tick += step;
    }
    out
}

/// A number as an axis shows it: `−0.5`, `0`, `1.25`.
fn number(v: f64) -> String {
    let text = format!("{:.2}", if v.abs() < 1e-9 { 0.0 } else { v });
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.replace('-', "−")
}

/// A label cut to fit the label column.
fn short(label: &str) -> String {
    if label.chars().count() <= 28 {
        label.to_owned()
    } else {
        format!("{}…", label.chars().take(27).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_the_plot_is_well_formed_xml() {
        let rows = vec![
            Point { label: "<b>Kim</b> & co".into(), value: Some(1.0), interval: Some((0.8, 1.2)), marked: true },
            Point { label: "peers (3)".into(), value: None, interval: None, marked: false },
        ];
        let svg = intervals("Leniency <by> rater", &rows, (-1.5, 1.5), &[0.0, -0.5, 0.5]);
        assert!(!svg.contains("<b>") && svg.contains("&lt;b&gt;Kim&lt;/b&gt; &amp; co"), "{svg}");
        roxmltree::Document::parse(&svg).unwrap();
        assert_eq!(svg.matches("<circle").count(), 1);
        assert_eq!(svg.matches("class=\"guide\"").count(), 3);
        let bars =
            stacked("By level", &["not-yet", "meets"], &[("TL4".into(), vec![1, 3]), ("<x>".into(), vec![0, 2])]);
        roxmltree::Document::parse(&bars).unwrap();
        assert_eq!(bars.matches("<rect").count(), 2 + 3, "legend, then a rect per count given");
    }

    #[test]
    fn axis_numbers_read_as_people_write_them() {
        assert_eq!(ticks(-1.0, 1.0), [-1.0, -0.5, 0.0, 0.5, 1.0]);
        assert_eq!(["−0.5", "0", "1.25"], [number(-0.5), number(0.0), number(1.25)]);
    }
}
