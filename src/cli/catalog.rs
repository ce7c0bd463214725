//! `aims catalog`: list the built-in reference data.

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::output;
use super::{Context, Format, Outcome};
use crate::catalog;

/// List the built-in catalog: Annex A controls, Annex C objectives and risk sources,
/// risk categories
#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// What to list
    #[arg(value_enum)]
    pub list: CatalogList,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CatalogList {
    /// The 38 Annex A controls with their objectives
    Controls,
    /// Annex C.2 AI-related organisational objectives
    Objectives,
    /// Annex C.3 risk sources (the ids a risk's `sources:` cites)
    Sources,
    /// The eight built-in risk categories with their suggested controls
    Categories,
}

#[derive(Debug, Serialize)]
struct AnnexAControl {
    id: &'static str,
    title: &'static str,
    objective: &'static str,
    objective_title: &'static str,
}

pub fn run(_ctx: &Context, args: CatalogArgs) -> Result<Outcome> {
    let CatalogArgs { list, format } = args;
    match (list, format) {
        (CatalogList::Controls, Format::Json) => output::json(&control_rows())?,
        (CatalogList::Controls, Format::Human) => {
            let mut table = output::table(&["id", "control", "objective"]);
            for row in control_rows() {
                table.add_row([
                    row.id,
                    row.title,
                    &format!("{} {}", row.objective, row.objective_title),
                ]);
            }
            output::print_table(&table)?;
        }
        (CatalogList::Objectives | CatalogList::Sources, Format::Json) => {
            output::json(&annex_c(list))?
        }
        (CatalogList::Objectives | CatalogList::Sources, Format::Human) => {
            let mut table = output::table(&["id", "title"]);
            for entry in annex_c(list) {
                table.add_row([entry.id, entry.title]);
            }
            output::print_table(&table)?;
        }
        (CatalogList::Categories, Format::Json) => output::json(&catalog::CATEGORIES)?,
        (CatalogList::Categories, Format::Human) => {
            let mut table = output::table(&["id", "category", "suggested Annex A controls"]);
            for category in catalog::CATEGORIES {
                let controls: Vec<String> = category
                    .controls
                    .iter()
                    .map(|id| match catalog::control(id) {
                        Some(c) => format!("{id} {}", c.title),
                        None => (*id).to_string(),
                    })
                    .collect();
                table.add_row([category.id, category.title, &controls.join("\n")]);
            }
            output::print_table(&table)?;
        }
    }
    Ok(Outcome::Clean)
}

fn annex_c(list: CatalogList) -> &'static [catalog::AnnexC] {
    match list {
        CatalogList::Objectives => catalog::ANNEX_C_OBJECTIVES,
        _ => catalog::RISK_SOURCES,
    }
}

fn control_rows() -> Vec<AnnexAControl> {
    catalog::CONTROLS
        .iter()
        .map(|c| AnnexAControl {
            id: c.id,
            title: c.title,
            objective: c.objective,
            objective_title: catalog::objective(c.objective).map_or("", |o| o.title),
        })
        .collect()
}
