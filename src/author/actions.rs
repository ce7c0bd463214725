//! Treatment actions of risks, corrective actions of incidents and the actions of
//! management reviews: where each list
//! lives in its file, the next action id, and the YAML of a new action.

use chrono::NaiveDate;

use crate::edit::Node;
use crate::model::{Action, ActionStatus};

use super::next_id;

/// Which list of actions: a risk's treatment actions, an incident's corrective ones
/// or a management review's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionList {
    Treatment,
    Corrective,
    Review,
}

impl ActionList {
    /// Where the list is in its file.
    pub fn pointer(self) -> &'static str {
        match self {
            ActionList::Treatment => "/treatment/actions",
            ActionList::Corrective => "/corrective_actions",
            ActionList::Review => "/actions",
        }
    }

    /// The id of the first action when there is none.
    pub fn first_id(self) -> &'static str {
        match self {
            ActionList::Treatment => "T1",
            ActionList::Corrective => "CA1",
            ActionList::Review => "A1",
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            ActionList::Treatment => "treatment action",
            ActionList::Corrective => "corrective action",
            ActionList::Review => "management review action",
        }
    }
}

/// The next free action id: one past the highest of the list's sequence (`T3` after
/// `T1`, `T2`), `T1`, `CA1` or `A1` for the first.
pub fn next_action_id(list: ActionList, actions: &[Action]) -> String {
    next_id(actions.iter().map(|a| a.id.as_str()), list.first_id())
}

/// The position of action `id` in `actions`.
pub fn position(actions: &[Action], id: &str) -> Option<usize> {
    actions.iter().position(|a| a.id == id)
}

/// A new action, as `aims risk action add`, `aims incident action add` and `aims
/// management-review action add` write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAction {
    pub id: String,
    pub description: String,
    pub owner: String,
    pub due: NaiveDate,
    pub status: ActionStatus,
}

impl NewAction {
    pub fn node(&self) -> Node {
        Node::Map(vec![
            ("id".to_string(), Node::text(&self.id)),
            ("description".to_string(), Node::text(&self.description)),
            ("owner".to_string(), Node::text(&self.owner)),
            ("due".to_string(), Node::text(self.due.to_string())),
            ("status".to_string(), Node::text(self.status.as_str())),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(id: &str) -> Action {
        Action {
            id: id.to_string(),
            description: "d".to_string(),
            owner: None,
            due: None,
            status: ActionStatus::Planned,
            completed: None,
            evidence: Vec::new(),
        }
    }

    #[test]
    fn action_ids_continue_their_sequence() {
        assert_eq!(next_action_id(ActionList::Treatment, &[]), "T1");
        assert_eq!(next_action_id(ActionList::Corrective, &[]), "CA1");
        assert_eq!(next_action_id(ActionList::Review, &[]), "A1");
        let actions = [action("T1"), action("T3")];
        assert_eq!(next_action_id(ActionList::Treatment, &actions), "T4");
        assert_eq!(position(&actions, "T3"), Some(1));
    }
}
