//! The one integration-test binary: each module covers a feature, driving the
//! real `rungs` executable through the [`support::Rungs`] builder.

mod ladders;
mod support;
