//! Coverage of in-scope systems: `category-not-screened`, `impact-assessment-missing`
//! and `impact-dimension-missing` (clauses 6.1.2 and 6.1.4).
//!
//! Systems with `in_scope: false` are exempt, and so are their impact assessments.

use crate::finding::{Finding, Rule};
use crate::view::{Coverage, View};

pub fn rules(view: &View<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in view.systems.iter().filter(|s| s.system.in_scope) {
        let system = s.system;
        let pointer = if system.screening.is_empty() {
            "/id"
        } else {
            "/screening"
        };
        for (id, _) in s
            .coverage
            .iter()
            .filter(|(_, how)| *how == Coverage::Missing)
        {
            let title = view.category_title(id);
            out.push(
                view.finding(
                    Rule::CategoryNotScreened,
                    s.doc,
                    pointer,
                    format!("no risk and no screening for category `{id}` ({title})"),
                )
                .hint(format!(
                    "add a risk of this system in `{id}` (`aims risk add --system {sys} --category {id}`), or record that you looked and found none: `aims system screen {sys} --category {id} --rationale TEXT`",
                    sys = system.id
                )),
            );
        }
        if s.assessments.is_empty() {
            out.push(
                view.finding(
                    Rule::ImpactAssessmentMissing,
                    s.doc,
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
    for i in view.impacts.iter().filter(|i| i.in_scope) {
        for dimension in &i.missing {
            out.push(
                view.finding(
                    Rule::ImpactDimensionMissing,
                    i.doc,
                    "/dimensions",
                    format!("dimension `{dimension}` is not assessed"),
                )
                .hint(format!(
                    "assess it with `aims impact set {id} --dimension {dimension}=SxL:TEXT`, or say why it does not apply with `--not-applicable {dimension}=REASON`",
                    id = i.id()
                )),
            );
        }
    }
    out
}
