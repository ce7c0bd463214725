//! The Statement of Applicability: `soa-incomplete`, `justification-missing` and
//! `excluded-control-in-use`.

use crate::finding::{Finding, Rule};
use crate::view::{SoaState, View};

pub fn rules(view: &View<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for control in view.controls.iter().filter_map(|c| c.annex) {
        // A control file that exists but did not parse is reported by its own rule.
        if view.index.has(crate::model::Kind::Control, control.id) {
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
                "decide it: `aims control set {} --applicable yes --justification TEXT --status planned` (or `--applicable no`), or walk every open decision with `aims control review`",
                control.id
            )),
        );
    }
    for c in &view.controls {
        let (Some(decision), Some(doc)) = (c.decision, c.doc) else {
            continue;
        };
        if c.state == SoaState::NoStatus {
            out.push(
                view.finding(
                    Rule::SoaIncomplete,
                    doc,
                    "/applicable",
                    "control is applicable but has no implementation status",
                )
                .hint(format!("set its status: `aims control set {} --status planned` (or partial, implemented)", c.id)),
            );
        }
        if decision.justification.is_none() {
            let why = if decision.applicable {
                "included"
            } else {
                "excluded"
            };
            out.push(
                view.finding(
                    Rule::JustificationMissing,
                    doc,
                    "/applicable",
                    format!("SoA decision has no justification for why the control is {why}"),
                )
                .hint(format!("auditors read it for every one of the 38 controls: `aims control set {} --justification TEXT`", c.id)),
            );
        }
    }
    for r in view.risks.iter().filter(|r| r.is_open()) {
        for (i, id) in r.risk.controls.iter().enumerate() {
            if view
                .control(id)
                .is_some_and(|c| c.state == SoaState::Excluded)
            {
                out.push(
                    view
                        .finding(
                            Rule::ExcludedControlInUse,
                            r.doc,
                            &format!("/controls/{i}"),
                            format!("control `{id}` is excluded in the SoA (`applicable: false`), yet this risk relies on it"),
                        )
                        .hint(format!(
                            "include it (`aims control set {id} --applicable yes --justification TEXT`), or stop relying on it (`aims risk set {} --remove-control {id}`)",
                            r.id()
                        )),
                );
            }
        }
    }
    out
}
