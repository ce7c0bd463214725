//! `aims report site`: the register as a linked, browsable static site that an
//! auditor or a colleague opens in any browser, from a web server, a CI artifact or a
//! zip, with no server and no request leaving the page.
//!
//! The site is assembled from what the reports already compute (the report contexts
//! of `src/report/context`, read from the view) and from the register's history
//! (`trail::timeline`, and the approval states the view carries): a home page, an
//! index and a page per entity of every kind listed in [`kinds`], the SoA, the risk
//! register and the audit pack as pages, the evidence index with a copy of every
//! evidence file, every commit that changed the register, and a search index. Every
//! id is a link ([`links`]), both ways: each page lists what refers to it.
//!
//! Pages are rendered in parallel with minijinja templates (`templates/site/`, which a
//! register's own `templates/site/` replaces by name, like every report template) and
//! written into a fresh folder ([`output`]) that takes the target's place only when
//! complete. Nothing depends on the clock, on hash order or on the order threads
//! finish: the same register, history and `--today` give the same bytes. This module
//! only assembles and renders; it judges nothing.

pub mod evaluation;
pub mod evidence;
pub mod kinds;
pub mod links;
pub mod output;
mod pages;
mod records;
mod render;

use std::io;

pub use pages::{Inputs, Summary, build};
pub use render::TEMPLATES;

use crate::report::ReportError;

/// A serialisable value as templates see it.
fn val(value: impl serde::Serialize) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(value))
}

/// Why a site could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error(transparent)]
    Template(#[from] ReportError),
    #[error("cannot render page `{path}`")]
    Page { path: String, source: ReportError },
    #[error("cannot write `{path}` in the site")]
    Write { path: String, source: io::Error },
    #[error(transparent)]
    Output(#[from] output::OutputError),
}
