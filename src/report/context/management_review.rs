//! The context of `aims report management-review`: the report's header and the input
//! pack of clause 9.3.2 ([`crate::review::Pack`]), flattened, so that a template reads
//! `period`, `previous_review`, `performance`, `changes` and `summaries` at the top.

use serde::Serialize;

use super::{Inputs, Meta};
use crate::review::Pack;

#[derive(Debug, Clone, Serialize)]
pub struct ManagementReviewContext<'p> {
    pub meta: Meta,
    #[serde(flatten)]
    pub pack: &'p Pack,
}

impl Inputs<'_, '_> {
    pub fn management_review<'p>(&self, pack: &'p Pack) -> ManagementReviewContext<'p> {
        ManagementReviewContext {
            meta: self.meta("management-review", "Management review input pack"),
            pack,
        }
    }
}
