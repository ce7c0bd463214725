//! `aims catalog`: list the built-in reference data.

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::output;
use super::{Context, Format, Outcome};
use crate::catalog;

/// List the built-in catalog: Annex A controls, Annex C objectives and risk sources,
/// risk categories, clauses 4 to 10, and crosswalks to other frameworks
///
/// `aims catalog crosswalk nist-ai-rmf` lists the NIST AI RMF categories with the
/// ISO/IEC 42001 clauses and Annex A controls they map to; `aims catalog crosswalk
/// owasp-llm` the OWASP Top 10 for LLM Applications 2025 with the risk categories and
/// controls that treat them. Both mappings are informative.
#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// What to list
    #[arg(value_enum)]
    pub list: CatalogList,

    /// The framework of a crosswalk
    #[arg(value_enum, required_if_eq("list", "crosswalk"))]
    pub framework: Option<Framework>,

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
    /// ISO/IEC 42001 clauses 4 to 10 by id and short title
    Clauses,
    /// A crosswalk to another framework: nist-ai-rmf or owasp-llm
    Crosswalk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Framework {
    /// NIST AI RMF 1.0 categories
    NistAiRmf,
    /// OWASP Top 10 for LLM Applications 2025
    OwaspLlm,
}

#[derive(Debug, Serialize)]
struct ClauseRow {
    id: &'static str,
    title: &'static str,
    /// Judged on its own in the clause readiness view (`aims report clauses`).
    assessed: bool,
}

#[derive(Debug, Serialize)]
struct Crosswalk<T: Serialize> {
    framework: &'static str,
    source: &'static str,
    entries: Vec<T>,
}

#[derive(Debug, Serialize)]
struct OwaspRow {
    id: &'static str,
    title: &'static str,
    categories: &'static [&'static str],
    /// Annex A controls the categories suggest.
    controls: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
struct AnnexAControl {
    id: &'static str,
    title: &'static str,
    objective: &'static str,
    objective_title: &'static str,
}

pub fn run(_ctx: &Context, args: CatalogArgs) -> Result<Outcome> {
    let CatalogArgs {
        list,
        framework,
        format,
    } = args;
    if list != CatalogList::Crosswalk && framework.is_some() {
        return Err(super::fail(
            "a framework is only given to `aims catalog crosswalk`",
            "e.g. `aims catalog crosswalk nist-ai-rmf`",
        ));
    }
    match (list, format) {
        (CatalogList::Clauses, Format::Json) => output::json(&clause_rows())?,
        (CatalogList::Clauses, Format::Human) => {
            let mut table = output::table(&["id", "clause"]);
            for row in clause_rows() {
                let indent = "  ".repeat(row.id.matches('.').count());
                table.add_row([row.id.to_string(), format!("{indent}{}", row.title)]);
            }
            output::print_table(&table)?;
        }
        (CatalogList::Crosswalk, _) => crosswalk(framework, format)?,
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

fn clause_rows() -> Vec<ClauseRow> {
    catalog::CLAUSES
        .iter()
        .map(|c| ClauseRow {
            id: c.id,
            title: c.title,
            assessed: c.assessed,
        })
        .collect()
}

fn owasp_rows() -> Vec<OwaspRow> {
    catalog::OWASP_LLM
        .iter()
        .map(|o| {
            let mut controls: Vec<&'static str> = catalog::CONTROLS
                .iter()
                .map(|c| c.id)
                .filter(|id| catalog::owasp_for_control(id).contains(&o.id))
                .collect();
            controls.dedup();
            OwaspRow {
                id: o.id,
                title: o.title,
                categories: o.categories,
                controls,
            }
        })
        .collect()
}

fn crosswalk(framework: Option<Framework>, format: Format) -> Result<()> {
    match (framework, format) {
        (Some(Framework::NistAiRmf), Format::Json) => output::json(&Crosswalk {
            framework: "nist-ai-rmf",
            source: catalog::NIST_SOURCE,
            entries: catalog::NIST_CATEGORIES.to_vec(),
        })?,
        (Some(Framework::NistAiRmf), Format::Human) => {
            let mut table = output::table(&["category", "title", "clauses", "Annex A controls"]);
            for c in catalog::NIST_CATEGORIES {
                table.add_row([
                    c.id.to_string(),
                    c.title.to_string(),
                    c.clauses.join(", "),
                    c.controls.join(", "),
                ]);
            }
            output::print_table(&table)?;
            eprintln!("source: {}", catalog::NIST_SOURCE);
        }
        (Some(Framework::OwaspLlm), Format::Json) => output::json(&Crosswalk {
            framework: "owasp-llm",
            source: catalog::OWASP_SOURCE,
            entries: owasp_rows(),
        })?,
        (Some(Framework::OwaspLlm), Format::Human) => {
            let mut table = output::table(&["id", "title", "risk categories", "Annex A controls"]);
            for o in owasp_rows() {
                table.add_row([
                    o.id.to_string(),
                    o.title.to_string(),
                    o.categories.join(", "),
                    o.controls.join(", "),
                ]);
            }
            output::print_table(&table)?;
            eprintln!("source: {}", catalog::OWASP_SOURCE);
        }
        (None, _) => {
            return Err(super::fail(
                "which crosswalk?",
                "`aims catalog crosswalk nist-ai-rmf` or `aims catalog crosswalk owasp-llm`",
            ));
        }
    }
    Ok(())
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
