//! The order in which each kind's fields are written (the order of the register
//! format), so that a field an edit adds lands beside its neighbours rather than at
//! the end of the file: a treatment before the review, a closing date after the
//! reason.

use crate::edit::KeyOrder;
use crate::model::{FileKind, Kind};

/// The key order of the mappings of a file of `kind`. Kinds without one get new keys
/// after their last sibling.
pub fn of(kind: FileKind) -> KeyOrder {
    match kind {
        FileKind::Entity(Kind::System) => system,
        FileKind::Entity(Kind::Risk) => risk,
        FileKind::Entity(Kind::Impact) => impact,
        FileKind::Entity(Kind::Control) => control,
        FileKind::Entity(Kind::Incident) => incident,
        FileKind::Entity(Kind::Audit) => audit,
        FileKind::Entity(Kind::ManagementReview) => management_review,
        _ => unordered,
    }
}

fn unordered(_: &str) -> &'static [&'static str] {
    &[]
}

const ACTION: &[&str] = &[
    "id",
    "description",
    "owner",
    "due",
    "status",
    "completed",
    "evidence",
];
const REVIEW: &[&str] = &["last", "every", "by", "note"];
const EVIDENCE: &[&str] = &["ref", "description", "date", "expires", "sha256"];

fn risk(pointer: &str) -> &'static [&'static str] {
    match pointer {
        "" => &[
            "id",
            "title",
            "kind",
            "scope",
            "systems",
            "category",
            "sources",
            "owasp",
            "cause",
            "event",
            "consequence",
            "consequence_areas",
            "affected_parties",
            "owner",
            "identified",
            "assessment",
            "target",
            "controls",
            "impacts",
            "infosec_refs",
            "treatment",
            "review",
            "status",
            "closed_reason",
            "closed",
            "x",
        ],
        "/assessment" | "/target" => &["likelihood", "consequence", "rationale"],
        "/treatment" => &["option", "rationale", "actions", "acceptance"],
        "/treatment/acceptance" => &[
            "justification",
            "approved_by",
            "date",
            "expires",
            "residual",
        ],
        "/treatment/actions/*" => ACTION,
        "/treatment/actions/*/evidence/*" => EVIDENCE,
        "/review" => REVIEW,
        _ => &[],
    }
}

fn system(pointer: &str) -> &'static [&'static str] {
    match pointer {
        "" => &[
            "id",
            "name",
            "intended_use",
            "lifecycle",
            "organisation_role",
            "model_type",
            "data_inputs",
            "users",
            "affected_parties",
            "deployment",
            "criticality",
            "owner",
            "suppliers",
            "in_scope",
            "scope_note",
            "changes",
            "screening",
            "x",
        ],
        _ => &[],
    }
}

fn impact(pointer: &str) -> &'static [&'static str] {
    match pointer {
        "" => &[
            "id",
            "system",
            "assessed",
            "assessor",
            "affected_groups",
            "dimensions",
            "review",
            "x",
        ],
        "/dimensions/*" => &[
            "dimension",
            "description",
            "severity",
            "likelihood",
            "reversible",
            "mitigations",
            "risks",
            "not_applicable",
        ],
        "/review" => REVIEW,
        _ => &[],
    }
}

fn control(pointer: &str) -> &'static [&'static str] {
    match pointer {
        "" => &[
            "id",
            "title",
            "description",
            "applicable",
            "justification",
            "status",
            "owner",
            "evidence",
            "verified",
            "x",
        ],
        "/evidence/*" => EVIDENCE,
        _ => &[],
    }
}

fn incident(pointer: &str) -> &'static [&'static str] {
    match pointer {
        "" => &[
            "id",
            "title",
            "kind",
            "reported",
            "reporter",
            "systems",
            "risks",
            "source",
            "severity",
            "description",
            "root_cause",
            "corrective_actions",
            "effectiveness",
            "status",
            "closed",
            "x",
        ],
        "/corrective_actions/*" => ACTION,
        "/corrective_actions/*/evidence/*" => EVIDENCE,
        _ => &[],
    }
}

fn audit(pointer: &str) -> &'static [&'static str] {
    match pointer {
        "" => &[
            "id", "title", "planned", "status", "done", "auditor", "scope", "criteria", "findings",
            "report",
        ],
        "/findings/*" => &[
            "id",
            "kind",
            "grade",
            "clause",
            "control",
            "description",
            "incident",
        ],
        "/report" => EVIDENCE,
        _ => &[],
    }
}

fn management_review(pointer: &str) -> &'static [&'static str] {
    match pointer {
        "" => &[
            "id",
            "date",
            "attendees",
            "revision",
            "inputs",
            "decisions",
            "actions",
            "minutes",
        ],
        "/inputs" => &[
            "previous-actions",
            "context-changes",
            "interested-parties",
            "performance",
            "opportunities",
        ],
        "/actions/*" => ACTION,
        "/actions/*/evidence/*" => EVIDENCE,
        "/minutes" => EVIDENCE,
        _ => &[],
    }
}
