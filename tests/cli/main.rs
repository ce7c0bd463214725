//! Runs the real `aims` binary on registers built in temporary folders.

mod approvals;
mod authoring;
mod bad_input;
mod check;
mod ci;
mod commands;
mod docs;
mod editing;
mod entities;
mod import;
mod judgement;
mod monitoring;
mod register;
mod reports;
mod robustness;
mod tooling;
mod trail;

pub use register::{Ran, Reg, aims_in, copy_dir, run_in};
