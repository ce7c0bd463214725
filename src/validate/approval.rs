//! Approval rules: `approval-missing`, `approval-stale` (both off unless a register
//! turns them on), `self-approval`, `approval-unverified`, `approval-forged` and
//! `decision-unapproved`. They judge the approval states read from git history;
//! without a repository there is nothing to judge.

use std::collections::HashMap;

use crate::finding::{Finding, Rule};
use crate::model::FileKind;
use crate::register::Register;
use crate::trail::State;
use crate::trail::approvals::Verification;
use crate::trail::status::ApprovalStates;

pub fn rules(register: &Register, states: &ApprovalStates) -> Vec<Finding> {
    let mut out = Vec::new();
    // Looked up once per entity: a scan per entity would be quadratic in the register.
    let by_path: HashMap<&str, &crate::register::Document> = register
        .documents
        .iter()
        .map(|d| (d.path.as_str(), d))
        .collect();
    for status in &states.entities {
        let Some(&doc) = by_path.get(status.file.as_str()) else {
            continue;
        };
        let noun = doc.kind.noun();
        let id = &status.id;
        let finding = |rule: Rule, pointer: &str, message: String| {
            let mut f = Finding::new(rule, &doc.path, message);
            if doc.kind != FileKind::Config {
                f = f.entity(&doc.stem);
            }
            f.at = doc.locate(pointer);
            f.pointer = Some(pointer.to_string());
            f
        };
        let at = if doc.kind == FileKind::Config {
            ""
        } else {
            "/id"
        };
        match status.state {
            State::Unapproved => out.push(
                finding(
                    Rule::ApprovalMissing,
                    at,
                    format!("{noun} `{id}` has never been approved"),
                )
                .hint(format!(
                    "the approver reviews it and runs `aims approve {id}`"
                )),
            ),
            State::Stale => {
                let last = status.approvals.iter().find(|a| a.counts);
                let since = last
                    .map(|a| {
                        format!(
                            " by {} ({}) on {} in commit {}",
                            a.by,
                            a.role,
                            a.date,
                            &a.commit[..12.min(a.commit.len())]
                        )
                    })
                    .unwrap_or_default();
                out.push(
                    finding(
                        Rule::ApprovalStale,
                        at,
                        format!("changed since its last approval{since}"),
                    )
                    .hint(format!(
                        "review the change and approve it: `aims approve {id}`"
                    )),
                );
            }
            State::Current | State::Modified => {}
        }
        for a in status.approvals.iter().filter(|a| a.covers_current) {
            let commit = &a.commit[..12.min(a.commit.len())];
            if a.verification == Verification::BadSignature {
                out.push(
                    finding(
                        Rule::ApprovalForged,
                        at,
                        format!("the approval by {} ({}) in commit {commit} does not hold: {}", a.by, a.role, a.detail),
                    )
                    .hint("the approver signs the approval with a key listed under their role's `signing_keys`: `aims approve --sign`"),
                );
            } else if !a.counts {
                out.push(
                    finding(
                        Rule::ApprovalUnverified,
                        at,
                        format!(
                            "the approval by {} ({}) in commit {commit} does not count under `approvals.require: {}`: {}",
                            a.by,
                            a.role,
                            states.require.as_str(),
                            a.detail
                        ),
                    )
                    .hint(format!("the approver runs `aims approve {id}` themselves (with `--sign` where signatures are required)")),
                );
            }
        }
        let covering: Vec<_> = status
            .approvals
            .iter()
            .filter(|a| a.covers_current && a.counts)
            .collect();
        if !covering.is_empty() && covering.iter().all(|a| a.self_approval) {
            let a = covering[0];
            out.push(
                finding(
                    Rule::SelfApproval,
                    at,
                    format!(
                        "the version in force was approved only by its own author, {} ({})",
                        a.by, a.role
                    ),
                )
                .hint("segregation of duties: have another approver review and approve the change"),
            );
        }
        for awaiting in &status.awaiting {
            out.push(
                finding(
                    Rule::DecisionUnapproved,
                    &format!("{}/approved_by", awaiting.pointer),
                    format!(
                        "the {} names `{}` as its approver, but `{}` has not approved a committed version recording it",
                        awaiting.decision, awaiting.role, awaiting.role
                    ),
                )
                .hint(format!("the `{}` role reviews the decision and runs `aims approve {id}`", awaiting.role)),
            );
        }
    }
    out
}
