//! Runs the real `aims` binary on registers built in temporary folders.

mod approvals;
mod authoring;
mod bad_input;
mod check;
mod ci;
mod commands;
mod conventions;
mod diff;
mod docs;
mod editing;
mod entities;
mod evaluation;
mod import;
mod judgement;
mod management;
mod management_acts;
mod monitoring;
mod outputs;
mod register;
mod reports;
mod review;
mod robustness;
mod spreadsheets;
mod tooling;
mod trail;

pub use register::{Ran, Reg, aims_in, copy_dir, run_in};
