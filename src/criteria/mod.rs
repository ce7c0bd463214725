//! Risk criteria arithmetic (clause 6.1.2): review cycles and, in time, scoring.
//!
//! Pure functions over dates and numbers: nothing here reads files, the clock or the
//! environment.

pub mod duration;

pub use duration::Duration;
