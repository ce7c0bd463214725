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

/// Where an entity lists evidence: a control's `evidence`, or that of one of the
/// actions of a risk or an incident. `None` for kinds that cite none.
pub fn list_pointer(kind: Kind, action: Option<usize>) -> Option<String> {
    match (kind, action) {
        (Kind::Control, None) => Some("/evidence".to_string()),
        (Kind::Risk, Some(i)) => Some(format!("{}/{i}/evidence", ActionList::Treatment.pointer())),
        (Kind::Incident, Some(i)) => {
            Some(format!("{}/{i}/evidence", ActionList::Corrective.pointer()))
        }
        _ => None,
    }
}
