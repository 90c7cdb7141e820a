//! How much a ladder file may hold: every bound the parser checks.

/// The most competencies a ladder may have.
pub const MAX_COMPETENCIES: usize = 32;

/// The fewest competencies a ladder may have.
pub const MIN_COMPETENCIES: usize = 3;

/// The most levels a ladder may have.
pub const MAX_LEVELS: usize = 32;

/// The most steps a competency may have.
pub const MAX_STEPS: usize = 32;

/// The longest id (ladder, competency, level) or version, in characters.
pub const MAX_ID_CHARS: usize = 64;

/// The longest step or group name, in characters; also the longest person's name in an assessment.
pub const MAX_NAME_CHARS: usize = 200;

/// The most items one cell (`items = [...]`) may list.
pub const MAX_ITEMS: usize = 32;

/// The largest `points` of a step or `min_points` of a level.
pub const MAX_POINTS: u32 = 1_000_000;
