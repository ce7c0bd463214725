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
mod evaluation_acts;
mod first_register;
mod import;
mod inventory;
mod journey;
mod judgement;
mod management;
mod management_acts;
mod monitoring;
mod outputs;
mod register;
mod reports;
mod review;
mod robustness;
mod site;
mod soa;
mod spreadsheets;
mod terminal;
mod tooling;
mod trail;
mod treatment;

pub use register::{Ran, Reg, aims_command, aims_in, copy_dir, run_in, run_in_env, tempdir};
