//! Where a radar's axis labels go: wrapped into a few short lines, measured
//! with a deliberately generous estimate of each character's width, and
//! pushed outward along their axis until no two overlap and none covers the
//! chart. Pure geometry: the SVG is written by [`super::svg`], which sizes
//! its picture to hold every box found here.
//!
//! The estimate is taken from DejaVu Sans Bold, one of the widest common
//! sans-serif faces, rounded up, so a label drawn in any narrower face stays
//! inside its box. The browser tests measure the real boxes.

/// A rectangle in the chart's coordinates: `x`, `y` is the top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Whether the two overlap, with `gap` to spare between them.
    pub fn overlaps(&self, other: &Rect, gap: f64) -> bool {
        self.x < other.x + other.w + gap
            && other.x < self.x + self.w + gap
            && self.y < other.y + other.h + gap
            && other.y < self.y + self.h + gap
    }

    /// Whether any of it is closer than `radius` to the point `(cx, cy)`.
    fn reaches(&self, cx: f64, cy: f64, radius: f64) -> bool {
        let nx = cx.clamp(self.x, self.x + self.w);
        let ny = cy.clamp(self.y, self.y + self.h);
        (nx - cx).hypot(ny - cy) < radius
    }
}

/// The type size and line length for a chart of `n` axes: smaller and
/// shorter as more labels share the rim.
pub fn font_for(n: usize) -> (f64, f64) {
    match n {
        0..=8 => (14.0, 14.0),
        9..=16 => (12.0, 12.0),
        17..=24 => (11.0, 10.0),
        _ => (10.0, 9.0),
    }
}

/// The most lines a label takes; the rest is cut with `…`.
const MAX_LINES: usize = 4;
/// How much wider than a line a word may be and still not be broken.
const WHOLE_WORD: f64 = 1.4;
/// Line height, in multiples of the type size.
pub const LEADING: f64 = 1.25;
/// The room above the first baseline and below the last, in multiples of
/// the type size: more than the face's ascent and descent.
const ASCENT: f64 = 0.95;
const DESCENT: f64 = 0.3;

/// A generous width of one character, in multiples of the type size.
pub fn em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | ' ' | '`' | 'I' => 0.42,
        'm' | 'w' | 'M' | 'W' | '@' | '%' | '&' => 1.12,
        'A'..='Z' | '0'..='9' => 0.86,
        c if c.is_ascii() => 0.74,
        // East Asian wide characters and emoji take a full square, or more.
        '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' => 1.1,
        '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}' | '\u{1f000}'.. => 1.25,
        _ => 0.9,
    }
}

/// The estimated width of `text` at type size `font`.
pub fn width(text: &str, font: f64) -> f64 {
    text.chars().map(em).sum::<f64>() * font
}

/// `text` in lines of about `limit` wide at `font` (a word up to 1.4
/// times wider keeps a line of its own), broken between
/// words or after a hyphen where it can and inside a word where it must; at most
/// four lines, the last cut with `…` when the text does not fit, which the
/// `bool` says.
pub fn wrap(text: &str, font: f64, limit: f64) -> (Vec<String>, bool) {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // Each piece, and whether a space comes before it.
    let pieces = text.split_whitespace().flat_map(|word| word.split_inclusive('-').enumerate());
    for (i, piece) in pieces {
        let joined = match (line.is_empty(), i) {
            (true, _) => piece.to_owned(),
            (false, 0) => format!("{line} {piece}"),
            (false, _) => format!("{line}{piece}"),
        };
        if width(&joined, font) <= limit {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word a little wider than the line keeps its own line whole.
        if width(piece, font) <= limit * WHOLE_WORD {
            line = piece.to_owned();
            continue;
        }
        for c in piece.chars() {
            if !line.is_empty() && width(&line, font) + em(c) * font > limit {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    let cut = lines.len() > MAX_LINES;
    if cut {
        lines.truncate(MAX_LINES);
        let last = &mut lines[MAX_LINES - 1];
        while !last.is_empty() && width(last, font) + em('…') * font > limit {
            last.pop();
        }
        last.push('…');
    }
    (lines, cut)
}

/// One placed label.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The lines, top first.
    pub lines: Vec<String>,
    /// The estimated box that holds every line.
    pub rect: Rect,
    /// `start`, `middle` or `end`: how the lines hang from `x`.
    pub anchor: &'static str,
    /// Where each line is anchored horizontally.
    pub x: f64,
    /// The first line's baseline.
    pub y: f64,
    /// Whether the label was cut, so the whole title goes in a tooltip.
    pub cut: bool,
}

/// The label of one axis whose direction is `(dx, dy)` (a unit vector from
/// the centre `c`), hung at distance `r`.
fn hang(lines: &[String], font: f64, c: (f64, f64), (dx, dy): (f64, f64), r: f64) -> (Rect, &'static str, f64, f64) {
    let w = lines.iter().map(|l| width(l, font)).fold(0.0, f64::max);
    let h = (ASCENT + DESCENT + LEADING * (lines.len().max(1) - 1) as f64) * font;
    let (ax, ay) = (c.0 + r * dx, c.1 + r * dy);
    // Above the centre the block sits on its point, below it hangs from
    // it, and at the sides it is centred on it.
    let top = ay - h / 2.0 + dy * h / 2.0;
    let (left, anchor, x) = if dx > 0.3 {
        (ax, "start", ax)
    } else if dx < -0.3 {
        (ax - w, "end", ax)
    } else {
        let left = ax - w / 2.0 + dx * w / 2.0;
        (left, "middle", left + w / 2.0)
    };
    (Rect { x: left, y: top, w, h }, anchor, x, top + ASCENT * font)
}

/// Places one label per direction around the centre `c`, starting at
/// distance `r`, each pushed outward until it overlaps no label placed
/// before it and stays clear of the circle of radius `r`.
pub fn place(texts: &[&str], directions: &[(f64, f64)], c: (f64, f64), r: f64) -> Vec<Placed> {
    let (font, line_ems) = font_for(texts.len());
    let mut placed: Vec<Placed> = Vec::with_capacity(texts.len());
    for (text, &direction) in texts.iter().zip(directions) {
        let (lines, cut) = wrap(text, font, line_ems * font);
        let mut distance = r;
        let (mut rect, mut anchor, mut x, mut y) = hang(&lines, font, c, direction, distance);
        // Bounded, so no input can loop for ever; 600 pushes reach far past
        // any overlap 32 labels can make.
        for _ in 0..600 {
            let clear = !rect.reaches(c.0, c.1, r - 2.0) && !placed.iter().any(|p| p.rect.overlaps(&rect, 3.0));
            if clear {
                break;
            }
            distance += 3.0;
            (rect, anchor, x, y) = hang(&lines, font, c, direction, distance);
        }
        placed.push(Placed { lines, rect, anchor, x, y, cut });
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_wrap_into_at_most_four_lines_within_the_limit() {
        let (lines, cut) = wrap("Feedback, communication & collaboration", 12.0, 132.0);
        assert_eq!(lines, ["Feedback,", "communication", "& collaboration"]);
        assert!(!cut);
        let long = "Supercalifragilisticexpialidocious ".repeat(5);
        let (lines, cut) = wrap(&long, 10.0, 85.0);
        assert!(cut && lines.len() == 4);
        assert!(lines[3].ends_with('…'));
        assert!(lines.iter().all(|l| width(l, 10.0) <= 85.0 * WHOLE_WORD), "{lines:?}");
        let (lines, _) = wrap("Internationalisation-and-localisation-readiness", 12.0, 200.0);
        assert_eq!(lines, ["Internationalisation-", "and-localisation-", "readiness"]);
        assert_eq!(wrap("", 10.0, 85.0), (vec![String::new()], false));
    }

    #[test]
    fn labels_never_overlap_each_other_or_the_circle_from_3_to_32_axes() {
        for n in 3..=32 {
            let texts: Vec<String> = (0..n).map(|i| format!("Competency with a long name number {i}")).collect();
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let directions: Vec<(f64, f64)> = (0..n)
                .map(|i| {
                    let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
                    (a.cos(), a.sin())
                })
                .collect();
            let placed = place(&texts, &directions, (0.0, 0.0), 220.0);
            for (i, a) in placed.iter().enumerate() {
                assert!(!a.rect.reaches(0.0, 0.0, 215.0), "{n} axes: label {i} covers the chart");
                for b in &placed[i + 1..] {
                    assert!(!a.rect.overlaps(&b.rect, 0.0), "{n} axes: {a:?} overlaps {b:?}");
                }
            }
        }
    }
}
