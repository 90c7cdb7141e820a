//! The ladder page: a whole framework as one page to publish.

use crate::ladder::Ladder;

/// The ladder page as Markdown.
pub fn markdown(ladder: &Ladder) -> String {
    format!("# {}\n", ladder.title)
}

/// The ladder page as one self-contained HTML page.
pub fn html(ladder: &Ladder) -> String {
    format!("<!doctype html><title>{}</title>\n", crate::untrusted::xml(&ladder.title))
}
