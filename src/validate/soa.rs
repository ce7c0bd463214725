//! The Statement of Applicability: `soa-incomplete`, `justification-missing` and
//! `excluded-control-in-use`.

use crate::catalog;
use crate::finding::{Finding, Rule};
use crate::model::RiskStatus;

use super::Judge;

pub fn rules(judge: &Judge<'_>) -> Vec<Finding> {
    let register = judge.register;
    let mut out = Vec::new();
    for control in catalog::CONTROLS {
        // A control file that exists but did not parse is reported by its own rule.
        if judge.index.controls.contains(control.id) {
            continue;
        }
        out.push(
            Finding::new(
                Rule::SoaIncomplete,
                format!("controls/{}.yaml", control.id),
                format!(
                    "no Statement of Applicability decision for `{}` ({})",
                    control.id, control.title
                ),
            )
            .entity(control.id)
            .hint(format!(
                "create `controls/{}.yaml` with `applicable: true` or `false`, a `justification` and, if applicable, a `status`",
                control.id
            )),
        );
    }
    for entity in &register.controls {
        let decision = &entity.value;
        if decision.applicable && decision.status.is_none() {
            out.push(
                judge
                    .finding(
                        Rule::SoaIncomplete,
                        entity.doc,
                        "/applicable",
                        "control is applicable but has no implementation status",
                    )
                    .hint("set `status: planned`, `partial` or `implemented`"),
            );
        }
        if decision.justification.is_none() {
            let why = if decision.applicable {
                "included"
            } else {
                "excluded"
            };
            out.push(
                judge
                    .finding(
                        Rule::JustificationMissing,
                        entity.doc,
                        "/applicable",
                        format!("SoA decision has no justification for why the control is {why}"),
                    )
                    .hint(
                        "add `justification:`; auditors read it for every one of the 38 controls",
                    ),
            );
        }
    }
    for entity in &register.risks {
        let risk = &entity.value;
        if risk.status == RiskStatus::Closed {
            continue;
        }
        for (i, id) in risk.controls.iter().enumerate() {
            if judge
                .index
                .decisions
                .get(id.as_str())
                .is_some_and(|d| !d.applicable)
            {
                out.push(
                    judge
                        .finding(
                            Rule::ExcludedControlInUse,
                            entity.doc,
                            &format!("/controls/{i}"),
                            format!("control `{id}` is excluded in the SoA (`applicable: false`), yet this risk relies on it"),
                        )
                        .hint(format!(
                            "include `{id}` in the SoA with a justification, or treat the risk with other controls"
                        )),
                );
            }
        }
    }
    out
}
