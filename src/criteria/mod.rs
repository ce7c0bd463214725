//! Risk criteria arithmetic (clause 6.1.2): scoring against the organisation's scales,
//! bands and acceptance threshold, and review cycles.
//!
//! Pure functions over dates and numbers: nothing here reads files, the clock or the
//! environment.

pub mod scoring;

pub use scoring::{CriteriaError, OutOfRange, Rating, Scoring};
