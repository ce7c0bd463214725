//! `aims` keeps an organisation's ISO/IEC 42001 AI management system register as YAML
//! files in a git repository, and checks it the way an auditor would.
//!
//! Data flows one way: command-line arguments ([`cli`]) are resolved into a context,
//! the register is read from disk ([`register`], parsing each file once with positions
//! and validating it against the JSON Schemas of [`schema`] into the types of
//! [`model`]), the rules of [`validate`] turn it into [`finding`]s, and [`cli`] renders
//! them. [`catalog`] holds the Annex A and Annex C reference data, [`criteria`] the
//! arithmetic of risk criteria and review cycles, and [`scaffold`] what `aims init`
//! writes. Only [`cli`] prints, reads the clock or the environment, or exits.

pub mod author;
pub mod catalog;
pub mod cli;
pub mod compare;
pub mod criteria;
pub mod edit;
pub mod finding;
pub mod import;
pub mod ingest;
pub mod model;
pub mod progress;
pub mod register;
pub mod report;
pub mod review;
pub mod scaffold;
pub mod schedule;
pub mod schema;
pub mod site;
pub mod suggest;
pub mod trail;
pub mod validate;
pub mod view;
pub mod yaml;
