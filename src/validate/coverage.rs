//! Coverage of in-scope systems: `category-not-screened`, `impact-assessment-missing`
//! and `impact-dimension-missing` (clauses 6.1.2 and 6.1.4).
//!
//! Systems with `in_scope: false` are exempt, and so are their impact assessments.

use std::collections::{BTreeMap, BTreeSet};

use crate::catalog;
use crate::finding::{Finding, Rule};

use super::Judge;

pub fn rules(judge: &Judge<'_>) -> Vec<Finding> {
    let register = judge.register;
    let mut out = Vec::new();

    // Every category a system is covered in, by a risk or a screening entry.
    let mut covered: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for risk in &register.risks {
        for system in &risk.value.systems {
            covered
                .entry(system.as_str())
                .or_default()
                .insert(risk.value.category.as_str());
        }
    }
    let assessed: BTreeSet<&str> = register
        .impacts
        .iter()
        .map(|a| a.value.system.as_str())
        .collect();
    let mut categories: Vec<(&str, &str)> = catalog::CATEGORIES
        .iter()
        .map(|c| (c.id, c.title))
        .collect();
    if let Some(config) = &register.config {
        categories.extend(
            config
                .value
                .categories
                .iter()
                .map(|c| (c.id.as_str(), c.title.as_str())),
        );
    }

    for entity in &register.systems {
        let system = &entity.value;
        if !system.in_scope {
            continue;
        }
        let mut here: BTreeSet<&str> = covered.get(system.id.as_str()).cloned().unwrap_or_default();
        here.extend(system.screening.iter().map(|s| s.category.as_str()));
        let pointer = if system.screening.is_empty() {
            "/id"
        } else {
            "/screening"
        };
        for (id, title) in &categories {
            if !here.contains(id) {
                out.push(
                    judge
                        .finding(
                            Rule::CategoryNotScreened,
                            entity.doc,
                            pointer,
                            format!("no risk and no screening for category `{id}` ({title})"),
                        )
                        .hint(format!(
                            "identify a risk of this system in `{id}`, or record that you looked and found none: `screening: [{{ category: {id}, date: YYYY-MM-DD, rationale: ... }}]`"
                        )),
                );
            }
        }
        if !assessed.contains(system.id.as_str()) {
            out.push(
                judge
                    .finding(
                        Rule::ImpactAssessmentMissing,
                        entity.doc,
                        "/id",
                        "in-scope system has no impact assessment (clause 6.1.4)",
                    )
                    .hint(format!(
                        "assess its impact on individuals, groups and society: `aims impact add --system {}`",
                        system.id
                    )),
            );
        }
    }

    for entity in &register.impacts {
        let assessment = &entity.value;
        if !judge.index.in_scope(&assessment.system) {
            continue;
        }
        let present: BTreeSet<&str> = assessment
            .dimensions
            .iter()
            .map(|d| d.dimension.as_str())
            .collect();
        for dimension in catalog::IMPACT_DIMENSIONS {
            if !present.contains(dimension) {
                out.push(
                    judge
                        .finding(
                            Rule::ImpactDimensionMissing,
                            entity.doc,
                            "/dimensions",
                            format!("dimension `{dimension}` is not assessed"),
                        )
                        .hint(format!(
                            "add `- dimension: {dimension}` with description, severity and likelihood, or with `not_applicable: <why>`"
                        )),
                );
            }
        }
    }
    out
}
