//! The one integration-test binary: each module covers a feature, driving the
//! real `rungs` executable through the [`support::Rungs`] builder, or through
//! a pseudo-terminal with [`pty::Pty`].

mod analytics;
mod assess;
mod cache;
mod case;
mod check;
mod completions;
mod crash;
mod day;
mod export;
mod format;
mod fuzz;
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
mod pty;
mod real_ladders;
mod redraw;
mod reports;
mod share;
mod signals;
mod support;
mod views;
mod widths;
