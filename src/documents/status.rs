//! How a status looks wherever it is shown: one glyph, one tone.

use chrono::NaiveDate;

use crate::chart::strip::Mark;
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

/// A status on the status strip, on `date`: unrated when `None`.
pub fn mark(date: NaiveDate, status: Option<Status>) -> Mark {
    match status {
        Some(status) => Mark { date, tone: tone(status), label: status.name() },
        None => Mark { date, tone: Tone::Muted, label: "unrated" },
    }
}
