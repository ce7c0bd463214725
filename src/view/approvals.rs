//! The approval states of the register's entities, read from git by the caller and
//! joined to the view, or why they could not be read.

use super::View;
use crate::trail::TrailError;
use crate::trail::status::ApprovalStates;

impl<'r> View<'r> {
    /// The view with the approval states of the register's entities (from git).
    pub fn with_approvals(mut self, approvals: ApprovalStates) -> View<'r> {
        self.approvals = Some(approvals);
        self
    }

    /// The view with the approval states read from git, or the reason they could not
    /// be read.
    pub fn with_approvals_read(self, read: Result<ApprovalStates, TrailError>) -> View<'r> {
        match read {
            Ok(states) => self.with_approvals(states),
            Err(TrailError::NoCommits) => View {
                approvals_unread: Some("no commits yet"),
                ..self
            },
            Err(_) => View {
                approvals_unread: Some("not a git repository"),
                ..self
            },
        }
    }
}
