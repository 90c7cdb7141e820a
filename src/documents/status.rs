//! How a status looks wherever it is shown: one glyph, one tone.

use crate::render::Tone;
use crate::scoring::Status;

/// A status as one character, so a dozen competencies fit in 80 columns.
pub fn glyph(status: Status) -> &'static str {
    match status {
        Status::Ready => "●",
        Status::Growing => "◐",
        Status::Below => "○",
    }
}

/// The tone of a status.
pub fn tone(status: Status) -> Tone {
    match status {
        Status::Ready => Tone::Good,
        Status::Growing => Tone::Warn,
        Status::Below => Tone::Bad,
    }
}
