//! The analysis layer: pure functions from model values to result values.
//!
//! Nothing here reads a file, prints or knows a flag; see docs/ARCHITECTURE.md.

pub mod calibrate;
pub mod case;
pub mod diff;
pub mod due;
pub mod history;
pub mod peers;
pub mod scored;

pub use scored::Scored;
