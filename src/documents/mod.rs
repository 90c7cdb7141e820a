//! The documents layer: what the user reads, built from analysis results into
//! one [`crate::render`] document each, never inside a command.
//!
//! See docs/ARCHITECTURE.md.

pub mod agenda;
pub mod case;
pub mod diff;
pub mod due;
pub mod heatmap;
pub mod history;
pub mod journal;
pub mod ladder_page;
pub mod peers;
pub mod report;
pub mod roster;
pub mod status;
pub mod team;
