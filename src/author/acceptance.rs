//! Accepting a risk (clause 6.1.3): who may, when, and the record written. Only a risk
//! at or below the acceptance threshold may be accepted (the register format: "a score
//! at or below this may be accepted"): an untreated one as it stands, a treated one
//! once its assessment has come down (what is then accepted is its residual risk).
//! Either way the record keeps the score accepted (`residual`), so the acceptance
//! lapses when the risk comes to score higher.

use chrono::NaiveDate;
use serde_json::json;

use crate::edit::Node;
use crate::model::Residual;
use crate::view::{RiskView, View};

/// Why a risk cannot be accepted by a role.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AcceptError {
    #[error("`{role}` is not a role of aims.yaml")]
    UnknownRole {
        role: String,
        approvers: Vec<String>,
    },
    #[error("role `{role}` may not approve a risk acceptance")]
    NotAnApprover {
        role: String,
        approvers: Vec<String>,
    },
    #[error(
        "risk `{id}` scores {score}, above the acceptance threshold {threshold}; only a risk at or below it may be accepted"
    )]
    AboveThreshold {
        id: String,
        score: String,
        threshold: String,
    },
    #[error("risk `{id}` cannot be scored against the criteria of aims.yaml")]
    Unrated { id: String },
    #[error("risk `{id}` is closed")]
    Closed { id: String },
}

/// The residual score `role` would accept for the risk, or why it may not.
pub fn may_accept(
    view: &View<'_>,
    risk: &RiskView<'_>,
    role: &str,
) -> Result<Residual, AcceptError> {
    let approvers: Vec<String> = view.index.approvers.iter().map(|r| r.to_string()).collect();
    let id = risk.id().to_string();
    if !risk.is_open() {
        return Err(AcceptError::Closed { id });
    }
    if !view.index.roles.as_ref().is_some_and(|r| r.contains(role)) {
        return Err(AcceptError::UnknownRole {
            role: role.to_string(),
            approvers,
        });
    }
    if !view.index.approvers.contains(role) {
        return Err(AcceptError::NotAnApprover {
            role: role.to_string(),
            approvers,
        });
    }
    let (Some(scoring), Some(rating), Some(above)) =
        (&view.criteria.scoring, risk.rating(), risk.above_threshold)
    else {
        return Err(AcceptError::Unrated { id });
    };
    if above {
        return Err(AcceptError::AboveThreshold {
            id,
            score: scoring.describe(&rating),
            threshold: scoring.threshold_text(),
        });
    }
    Ok(Residual {
        likelihood: risk.risk.assessment.likelihood,
        consequence: risk.risk.assessment.consequence,
    })
}

/// An acceptance record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAcceptance {
    pub justification: String,
    pub approved_by: String,
    pub date: NaiveDate,
    pub expires: Option<NaiveDate>,
    pub residual: Residual,
}

impl NewAcceptance {
    pub fn node(&self) -> Node {
        let mut fields = vec![
            ("justification".to_string(), Node::text(&self.justification)),
            ("approved_by".to_string(), Node::text(&self.approved_by)),
            ("date".to_string(), Node::text(self.date.to_string())),
        ];
        if let Some(expires) = self.expires {
            fields.push(("expires".to_string(), Node::text(expires.to_string())));
        }
        fields.push((
            "residual".to_string(),
            Node::Map(vec![
                (
                    "likelihood".to_string(),
                    Node::Scalar(json!(self.residual.likelihood)),
                ),
                (
                    "consequence".to_string(),
                    Node::Scalar(json!(self.residual.consequence)),
                ),
            ]),
        ));
        Node::Map(fields)
    }
}
