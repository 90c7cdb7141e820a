//! The legend under a radar: one row per shape, the groups' colours in
//! rows that wrap within the picture, then what a ring stands for. Names
//! are cut to a readable length and escaped through [`untrusted::xml`].

use std::fmt::Write;

use super::{INK, MARGIN, Radar, colour, labels, labels::Rect};
use crate::untrusted;

/// The legend under the chart: one row per shape, the groups' colours,
/// then what a ring stands for.
pub(super) struct Legend {
    /// Where the legend starts, at the chart's bottom left.
    left: f64,
    /// Where the first row starts.
    top: f64,
    /// The picture's whole width, at least the chart's.
    pub(super) width: f64,
    /// The legend's height.
    pub(super) height: f64,
    /// The position of each group's entry, relative to `left` and `top`.
    groups: Vec<(f64, f64)>,
}

/// The longest name a legend entry shows; longer ones are cut with `…`.
const LEGEND_CHARS: usize = 48;
const LEGEND_FONT: f64 = 13.0;

fn short(name: &str) -> String {
    if name.chars().count() <= LEGEND_CHARS {
        name.to_owned()
    } else {
        format!("{}…", name.chars().take(LEGEND_CHARS - 1).collect::<String>())
    }
}

impl Legend {
    pub(super) fn new(radar: &Radar, groups: &[&str], chart: Rect) -> Legend {
        let entry = |name: &str| 24.0 + labels::width(&short(name), LEGEND_FONT);
        let widest = radar.series.iter().map(|s| 38.0 + entry(&s.name)).fold(0.0, f64::max);
        let width = chart.w.max(widest + 2.0 * MARGIN);
        let series = 24.0 * radar.series.len() as f64;
        let (mut x, mut y) = (0.0, series);
        let mut placed = Vec::with_capacity(groups.len());
        for group in groups {
            let w = entry(group);
            if x > 0.0 && x + w > width - 2.0 * MARGIN {
                (x, y) = (0.0, y + 22.0);
            }
            placed.push((x, y));
            x += w + 16.0;
        }
        let rows = if groups.is_empty() { y } else { y + 22.0 };
        Legend { left: chart.x + MARGIN, top: chart.y + chart.h + 8.0, width, height: rows + 34.0, groups: placed }
    }

    pub(super) fn write(&self, out: &mut String, radar: &Radar, groups: &[&str]) {
        out.push_str(r#"<g class="legend">"#);
        for (i, series) in radar.series.iter().enumerate() {
            let y = self.top + 24.0 * i as f64;
            let _ = write!(
                out,
                r#"<rect class="series {}" x="{:.1}" y="{y:.1}" width="28" height="14"/><text x="{:.1}" y="{:.1}" font-size="{LEGEND_FONT}" fill="{INK}">{}</text>"#,
                series.kind,
                self.left,
                self.left + 38.0,
                y + 12.0,
                untrusted::xml(&short(&series.name))
            );
        }
        for (group, (dx, dy)) in groups.iter().zip(&self.groups) {
            let (x, y) = (self.left + dx, self.top + dy);
            let colour = colour(groups, Some(group));
            let _ = write!(
                out,
                r#"<g class="group-key"><title>{}</title><rect x="{x:.1}" y="{:.1}" width="16" height="6" rx="3" fill="{colour}"/><text x="{:.1}" y="{:.1}" font-size="{LEGEND_FONT}" fill="{colour}">{}</text></g>"#,
                untrusted::xml(group),
                y + 5.0,
                x + 24.0,
                y + 12.0,
                untrusted::xml(&short(group))
            );
        }
        let rows = if groups.is_empty() { 0.0 } else { self.groups.last().map_or(0.0, |g| g.1) + 22.0 };
        let y = self.top + (24.0 * radar.series.len() as f64).max(rows) + 12.0;
        let _ = write!(
            out,
            r#"<text class="note" x="{:.1}" y="{y:.1}" font-size="12">rings: {}s 1–{}</text>"#,
            self.left, radar.ring_label, radar.rings
        );
        out.push_str("</g>");
    }
}
