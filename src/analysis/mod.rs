//! The analysis layer: pure functions from model values to result values.
//!
//! Nothing here reads a file, prints or knows a flag; see docs/ARCHITECTURE.md.

pub mod agreement;
pub mod bootstrap;
pub mod calibration;
pub mod coverage;
pub mod kappa;
pub mod raters;
pub mod scope;
pub mod units;
