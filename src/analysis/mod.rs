//! The analysis layer: pure functions from model values to result values.
//!
//! Nothing here reads a file, prints or knows a flag; see docs/ARCHITECTURE.md.
