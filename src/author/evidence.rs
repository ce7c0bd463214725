//! Evidence brought into the register: where a copied file goes, the item that cites
//! it (dated, and pinned by its SHA-256 unless asked not to), and where in an entity
//! the item goes.

use chrono::NaiveDate;

use crate::edit::Node;
use crate::model::Kind;

use super::actions::ActionList;

/// Where a copy of a file named `name` goes: `evidence/<entity>/<name>`, or
/// `evidence/<name>` when no entity cites it.
pub fn destination(entity: Option<&str>, name: &str) -> String {
    match entity {
        Some(entity) => format!("evidence/{entity}/{name}"),
        None => format!("evidence/{name}"),
    }
}

/// An evidence item: the path, the date it speaks for, its expiry and its pin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvidence {
    pub reference: String,
    pub date: NaiveDate,
    pub expires: Option<NaiveDate>,
    pub sha256: Option<String>,
}

impl NewEvidence {
    pub fn node(&self) -> Node {
        let mut fields = vec![
            ("ref".to_string(), Node::text(&self.reference)),
            ("date".to_string(), Node::text(self.date.to_string())),
        ];
        if let Some(expires) = self.expires {
            fields.push(("expires".to_string(), Node::text(expires.to_string())));
        }
        if let Some(sha256) = &self.sha256 {
            fields.push(("sha256".to_string(), Node::text(sha256)));
        }
        Node::Map(fields)
    }
}

/// Where an entity cites evidence: a list an item is added to, or a field that holds
/// one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    List(String),
    Field(&'static str),
}

impl Place {
    pub fn pointer(&self) -> &str {
        match self {
            Place::List(pointer) => pointer,
            Place::Field(pointer) => pointer,
        }
    }
}

/// Where an entity cites evidence: a control's or a clause statement's `evidence`, an
/// audit's `report`, a management review's `minutes`, a policy's `document`, or the
/// `evidence` of one of the actions of a risk, an incident or a management review.
/// `None` for kinds that cite none there.
pub fn place(kind: Kind, action: Option<usize>) -> Option<Place> {
    let list = |pointer: &str| Some(Place::List(pointer.to_string()));
    let of_action = |actions: ActionList, i: usize| {
        Some(Place::List(format!("{}/{i}/evidence", actions.pointer())))
    };
    match (kind, action) {
        (Kind::Control | Kind::Clause, None) => list("/evidence"),
        (Kind::Audit, None) => Some(Place::Field("/report")),
        (Kind::ManagementReview, None) => Some(Place::Field("/minutes")),
        (Kind::Policy, None) => Some(Place::Field("/document")),
        (Kind::Risk, Some(i)) => of_action(ActionList::Treatment, i),
        (Kind::Incident, Some(i)) => of_action(ActionList::Corrective, i),
        (Kind::ManagementReview, Some(i)) => of_action(ActionList::Review, i),
        _ => None,
    }
}
