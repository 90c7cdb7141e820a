//! The documents layer: what the user reads, built from analysis results into
//! one [`crate::render`] document each, never inside a command.
//!
//! See docs/ARCHITECTURE.md.

pub mod calibration;
