//! The documents layer: what the user reads, built from analysis results into
//! one [`crate::render`] document each, never inside a command.
//!
//! See docs/ARCHITECTURE.md.

pub mod agenda;
pub mod calibration;
pub mod case;
pub mod diff;
pub mod due;
pub mod heatmap;
pub mod history;
pub mod journal;
pub mod ladder_page;
pub mod level_radar;
pub mod list;
pub mod peers;
pub mod radar;
pub mod ratings;
pub mod report;
pub mod roster;
pub mod status;
pub mod team;
