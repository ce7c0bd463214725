//! The text of new entity files. One builder per kind, so that every command that
//! creates an entity (`risk add`, `import`) writes the same fields in the same order.

use chrono::NaiveDate;
use serde_json::json;

use crate::edit::Node;
use crate::model::{RiskKind, RiskScope};

use super::acceptance::NewAcceptance;
use super::actions::NewAction;

/// A new risk, as `aims risk add` and `aims import risks` write it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewRisk {
    pub title: String,
    pub kind: RiskKind,
    /// `aims` for a risk of the management system itself, which lists no system.
    pub scope: Option<RiskScope>,
    pub systems: Vec<String>,
    pub category: String,
    pub cause: Option<String>,
    pub event: Option<String>,
    pub consequence_text: Option<String>,
    pub owner: String,
    pub identified: Option<NaiveDate>,
    pub likelihood: u32,
    pub consequence: u32,
    pub rationale: Option<String>,
    pub controls: Vec<String>,
    /// The treatment option, and its rationale.
    pub treatment: Option<(String, Option<String>)>,
    /// The treatment's first actions.
    pub actions: Vec<NewAction>,
    /// The acceptance record of an accepted risk.
    pub acceptance: Option<NewAcceptance>,
    /// The last review, when one is known.
    pub reviewed: Option<NaiveDate>,
    /// Users' own fields, written under `x:`.
    pub x: Vec<(String, Node)>,
}

impl NewRisk {
    /// The file's YAML for the risk with `id`, identified on `today` unless it says
    /// otherwise.
    pub fn document(&self, id: &str, today: NaiveDate) -> String {
        let mut fields = vec![
            ("id".to_string(), Node::text(id)),
            ("title".to_string(), Node::text(&self.title)),
        ];
        if self.kind != RiskKind::Risk {
            fields.push(("kind".to_string(), Node::text(self.kind.as_str())));
        }
        if let Some(scope) = self.scope {
            fields.push(("scope".to_string(), Node::text(scope.as_str())));
        }
        if !self.systems.is_empty() || self.scope.is_none() {
            fields.push((
                "systems".to_string(),
                Node::Seq(self.systems.iter().map(Node::text).collect()),
            ));
        }
        fields.push(("category".to_string(), Node::text(&self.category)));
        for (key, value) in [
            ("cause", &self.cause),
            ("event", &self.event),
            ("consequence", &self.consequence_text),
        ] {
            if let Some(value) = value {
                fields.push((key.to_string(), Node::text(value)));
            }
        }
        fields.push(("owner".to_string(), Node::text(&self.owner)));
        fields.push((
            "identified".to_string(),
            Node::text(self.identified.unwrap_or(today).to_string()),
        ));
        let mut assessment = vec![
            (
                "likelihood".to_string(),
                Node::Scalar(json!(self.likelihood)),
            ),
            (
                "consequence".to_string(),
                Node::Scalar(json!(self.consequence)),
            ),
        ];
        if let Some(rationale) = &self.rationale {
            assessment.push(("rationale".to_string(), Node::text(rationale)));
        }
        fields.push(("assessment".to_string(), Node::Map(assessment)));
        if !self.controls.is_empty() {
            fields.push((
                "controls".to_string(),
                Node::Seq(self.controls.iter().map(Node::text).collect()),
            ));
        }
        if let Some((option, rationale)) = &self.treatment {
            let mut treatment = vec![("option".to_string(), Node::text(option))];
            if let Some(rationale) = rationale {
                treatment.push(("rationale".to_string(), Node::text(rationale)));
            }
            if !self.actions.is_empty() {
                treatment.push((
                    "actions".to_string(),
                    Node::Seq(self.actions.iter().map(NewAction::node).collect()),
                ));
            }
            if let Some(acceptance) = &self.acceptance {
                treatment.push(("acceptance".to_string(), acceptance.node()));
            }
            fields.push(("treatment".to_string(), Node::Map(treatment)));
        }
        if let Some(reviewed) = self.reviewed {
            fields.push((
                "review".to_string(),
                Node::Map(vec![("last".to_string(), Node::text(reviewed.to_string()))]),
            ));
        }
        fields.push(("status".to_string(), Node::text("open")));
        if !self.x.is_empty() {
            fields.push(("x".to_string(), Node::Map(self.x.clone())));
        }
        Node::Map(fields).document()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_risk_lists_its_fields_in_the_register_order() {
        let risk = NewRisk {
            title: "Bias".into(),
            systems: vec!["s".into()],
            category: "bias-fairness".into(),
            owner: "lead".into(),
            likelihood: 2,
            consequence: 3,
            treatment: Some(("mitigate".into(), None)),
            ..NewRisk::default()
        };
        let today = "2026-01-02".parse().expect("date");
        assert_eq!(
            risk.document("R-001", today),
            "id: R-001\ntitle: Bias\nsystems: [s]\ncategory: bias-fairness\nowner: lead\nidentified: 2026-01-02\nassessment:\n  likelihood: 2\n  consequence: 3\ntreatment:\n  option: mitigate\nstatus: open\n"
        );
    }
}
