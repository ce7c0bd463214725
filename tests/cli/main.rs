//! Runs the real `aims` binary on registers built in temporary folders.

mod authoring;
mod bad_input;
mod check;
mod commands;
mod entities;
mod judgement;
mod register;
mod reports;

pub use register::{Reg, run_in};
