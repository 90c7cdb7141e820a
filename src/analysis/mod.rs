//! The analysis layer: pure functions from model values to result values.
//!
//! Nothing here reads a file, prints or knows a flag; see docs/ARCHITECTURE.md.

pub mod agreement;
pub mod bootstrap;
pub mod calibrate;
pub mod calibration;
pub mod case;
pub mod coverage;
pub mod diff;
pub mod due;
pub mod history;
pub mod kappa;
pub mod peers;
pub mod raters;
pub mod scope;
pub mod scored;
pub mod summary;
pub mod units;

pub use scored::Scored;
