//! How much a ladder spreadsheet may hold.

use crate::ladder::parse::{MAX_COMPETENCIES, MAX_LEVELS, MAX_STEPS};

/// The most items one cell may list.
pub const MAX_ITEMS: usize = 32;

/// The most rows (header aside) a spreadsheet may have: a ladder row, every
/// competency with all its steps and a group row, every level with all its
/// cells, and as many track rows as levels.
pub const MAX_ROWS: usize = 1 + MAX_COMPETENCIES * (2 + MAX_STEPS) + MAX_LEVELS * (1 + MAX_COMPETENCIES) + MAX_LEVELS;
