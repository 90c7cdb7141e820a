//! The one integration-test binary: each module covers a feature, driving the
//! real `rungs` executable through the [`support::Rungs`] builder, or through
//! a pseudo-terminal with [`pty::Pty`].

mod analytics;
mod architecture;
mod assess;
mod bounds;
mod cache;
mod calibrate;
mod case;
mod check;
mod compare_truth;
mod completions;
mod crash;
mod day;
mod due;
mod export;
mod format;
mod fuzz;
mod git_safety;
mod harvest;
mod heatmap;
mod hostile_fixture;
mod hostile_store;
mod hostile_text;
mod journal;
mod ladder_check;
mod ladder_csv;
mod ladder_page;
mod ladders;
mod man;
mod mistakes;
mod promises;
mod pty;
mod real_ladders;
mod redraw;
mod reports;
mod roster;
mod roster_tamper;
mod share;
mod signals;
mod spreadsheet;
mod support;
mod tracks;
mod views;
mod widths;
