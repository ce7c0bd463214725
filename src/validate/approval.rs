//! Approval rules: `approval-missing`, `approval-stale` (both off unless a register
//! turns them on) and `self-approval`. They judge the approval states read from git
//! history; without a repository there is nothing to judge.

use crate::finding::{Finding, Rule};
use crate::register::Register;
use crate::trail::State;
use crate::trail::status::ApprovalStates;

pub fn rules(register: &Register, states: &ApprovalStates) -> Vec<Finding> {
    let mut out = Vec::new();
    for status in &states.entities {
        let Some(doc) = register.documents.iter().find(|d| d.path == status.file) else {
            continue;
        };
        let finding = |rule: Rule, message: String| {
            let mut f = Finding::new(rule, &doc.path, message).entity(&doc.stem);
            f.at = doc.locate("/id");
            f
        };
        match status.state {
            State::Unapproved => out.push(
                finding(Rule::ApprovalMissing, format!("{} `{}` has never been approved", doc.kind.noun(), doc.stem))
                    .hint(format!("approve it with `aims approve {}`, or with an Approved-by: trailer on the commit that changes it", doc.stem)),
            ),
            State::Stale => {
                let last = status.approvals.first();
                let since = last
                    .map(|a| format!(" by {} ({}) on {} in commit {}", a.by, a.role, a.date, &a.commit[..12.min(a.commit.len())]))
                    .unwrap_or_default();
                out.push(
                    finding(Rule::ApprovalStale, format!("changed since its last approval{since}"))
                        .hint(format!("review the change and approve it: `aims approve {}`", doc.stem)),
                );
            }
            State::Current | State::Modified => {}
        }
        let covering: Vec<_> = status
            .approvals
            .iter()
            .filter(|a| a.covers_current)
            .collect();
        if !covering.is_empty() && covering.iter().all(|a| a.self_approval) {
            let a = covering[0];
            out.push(
                finding(
                    Rule::SelfApproval,
                    format!(
                        "the version in force was approved only by its own author, {} ({})",
                        a.by, a.role
                    ),
                )
                .hint("segregation of duties: have another approver review and approve the change"),
            );
        }
    }
    out
}
