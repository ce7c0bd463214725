//! The kinds of entity page the site holds, in one list: for each, where its pages
//! live, what its index page is called, the columns of its index (those of its `aims
//! ... list` command), and the template of its page. A new kind of record is one more
//! entry here, a function in `records` making its records, and its page template.

use serde::Serialize;

use crate::model::Kind;

/// How a column shows a field of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cell {
    /// The record's own id, linked to its page.
    Id,
    /// Plain text (a list is joined with commas).
    Text,
    /// An id of the given kind, linked.
    Link(&'static str),
    /// A list of ids of the given kind, linked.
    Links(&'static str),
    /// A role id, shown as the person's name with the role.
    Role,
    /// A date; overdue (marked) when the named boolean field of the record is true.
    Date(Option<&'static str>),
    /// A score entry: `3 x 4 = 12` and its band.
    Score,
    /// A yes/no flag.
    Flag,
    /// A number, right-aligned.
    Number,
    /// How many items a list holds.
    Count,
    /// A status word shown as a badge (met, partial, missing, current, stale, ...).
    Status,
}

/// One column of an index.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Column {
    pub title: &'static str,
    /// The field of the record, dotted for a field inside another (`assessment.score`).
    pub field: &'static str,
    pub cell: Cell,
}

const fn col(title: &'static str, field: &'static str, cell: Cell) -> Column {
    Column { title, field, cell }
}

/// A kind of entity page.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PageKind {
    /// The kind as links name it (`risk`).
    pub key: &'static str,
    /// The folder of its pages in the site (`risks`).
    pub folder: &'static str,
    /// The index page's title (`Risks`).
    pub title: &'static str,
    /// One entity, in words (`risk`).
    pub noun: &'static str,
    /// What the records are, for the index page: the clause they answer.
    pub about: &'static str,
    /// The template of each page.
    pub template: &'static str,
    pub columns: &'static [Column],
}

pub const SYSTEMS: PageKind = PageKind {
    key: "system",
    folder: "systems",
    title: "AI systems",
    noun: "AI system",
    about: "The AI system inventory: every AI system developed, provided or used, and whether it is in the AIMS scope (clauses 4.3 and 6.1.2).",
    template: "site/system.html.j2",
    columns: &[
        col("Id", "id", Cell::Id),
        col("Name", "name", Cell::Text),
        col("Lifecycle", "lifecycle", Cell::Text),
        col("Role", "organisation_role", Cell::Text),
        col("Criticality", "criticality", Cell::Text),
        col("Owner", "owner", Cell::Role),
        col("In scope", "in_scope", Cell::Flag),
        col("Open risks", "open_risks", Cell::Number),
        col("Impact assessment", "assessments", Cell::Links("impact")),
        col("Approval", "approval_state", Cell::Status),
    ],
};

pub const RISKS: PageKind = PageKind {
    key: "risk",
    folder: "risks",
    title: "Risks",
    noun: "risk",
    about: "The AI risk register (clause 6.1.2) with each risk's treatment (clause 6.1.3), and the opportunities and risks of the management system itself (clause 6.1.1).",
    template: "site/risk.html.j2",
    columns: &[
        col("Id", "id", Cell::Id),
        col("Title", "title", Cell::Text),
        col("Systems", "systems", Cell::Links("system")),
        col("Category", "category_title", Cell::Text),
        col("L x C", "assessment", Cell::Score),
        col("Treatment", "treatment.option", Cell::Text),
        col("Owner", "owner", Cell::Role),
        col("Status", "status", Cell::Text),
        col(
            "Next review",
            "next_review",
            Cell::Date(Some("review_overdue")),
        ),
        col("Approval", "approval_state", Cell::Status),
    ],
};

pub const IMPACTS: PageKind = PageKind {
    key: "impact",
    folder: "impacts",
    title: "Impact assessments",
    noun: "impact assessment",
    about: "AI system impact assessments: the consequences for individuals, groups and society, dimension by dimension (clause 6.1.4).",
    template: "site/impact.html.j2",
    columns: &[
        col("Id", "id", Cell::Id),
        col("System", "system", Cell::Link("system")),
        col("Assessed", "assessed", Cell::Date(None)),
        col("Assessor", "assessor", Cell::Role),
        col(
            "Next review",
            "next_review",
            Cell::Date(Some("review_overdue")),
        ),
        col("Missing dimensions", "missing", Cell::Text),
        col("Approval", "approval_state", Cell::Status),
    ],
};

pub const CONTROLS: PageKind = PageKind {
    key: "control",
    folder: "controls",
    title: "Controls (Statement of Applicability)",
    noun: "control",
    about: "Every Annex A control and the organisation's own, with the decision on it: the Statement of Applicability (clause 6.1.3 d).",
    template: "site/control.html.j2",
    columns: &[
        col("Id", "id", Cell::Id),
        col("Control", "title", Cell::Text),
        col("Decision", "decision", Cell::Status),
        col("Owner", "owner", Cell::Role),
        col(
            "Verified",
            "verified",
            Cell::Date(Some("verification_overdue")),
        ),
        col("Risks", "risks", Cell::Links("risk")),
        col("Approval", "approval_state", Cell::Status),
    ],
};

pub const INCIDENTS: PageKind = PageKind {
    key: "incident",
    folder: "incidents",
    title: "Incidents and nonconformities",
    noun: "incident",
    about: "Incidents, near misses and nonconformities with their root causes and corrective actions (clause 10.2).",
    template: "site/incident.html.j2",
    columns: &[
        col("Id", "id", Cell::Id),
        col("Title", "title", Cell::Text),
        col("Kind", "kind", Cell::Text),
        col("Severity", "severity", Cell::Text),
        col("Reported", "reported", Cell::Date(None)),
        col("Status", "status", Cell::Text),
        col("Systems", "systems", Cell::Links("system")),
        col("Open actions", "open_actions", Cell::Number),
        col("Approval", "approval_state", Cell::Status),
    ],
};

pub const POLICIES: PageKind = PageKind {
    key: "policy",
    folder: "policies",
    title: "Policies",
    noun: "policy",
    about: "The AI policy and topic policies, their approval and communication (clause 5.2, Annex A.2).",
    template: "site/policy.html.j2",
    columns: &[
        col("Id", "id", Cell::Id),
        col("Title", "title", Cell::Text),
        col("Kind", "kind", Cell::Text),
        col("Version", "version", Cell::Text),
        col("Owner", "owner", Cell::Role),
        col("Approved", "approved", Cell::Date(None)),
        col(
            "Next review",
            "next_review",
            Cell::Date(Some("review_overdue")),
        ),
        col("Approval", "approval_state", Cell::Status),
    ],
};

pub const OBJECTIVES: PageKind = PageKind {
    key: "objective",
    folder: "objectives",
    title: "Objectives",
    noun: "objective",
    about: "AI objectives with their metric, target and plan (clause 6.2).",
    template: "site/objective.html.j2",
    columns: &[
        col("Id", "id", Cell::Id),
        col("Title", "title", Cell::Text),
        col("Status", "status", Cell::Text),
        col("Target", "target", Cell::Text),
        col("Latest", "latest_text", Cell::Text),
        col("Due", "due", Cell::Date(None)),
        col("Plan", "plan_text", Cell::Text),
        col("Approval", "approval_state", Cell::Status),
    ],
};

pub const CLAUSES: PageKind = PageKind {
    key: "clause",
    folder: "clauses",
    title: "Clause readiness",
    noun: "clause",
    about: "Every clause 4.1 to 10.2 of ISO/IEC 42001: met, partial or missing, the records behind it and why.",
    template: "site/clause.html.j2",
    columns: &[
        col("Clause", "id", Cell::Id),
        col("Title", "title", Cell::Text),
        col("Status", "status", Cell::Status),
        col("Why", "reason", Cell::Text),
    ],
};

pub const ROLES: PageKind = PageKind {
    key: "role",
    folder: "roles",
    title: "Roles and people",
    noun: "role",
    about: "Roles, responsibilities and authorities (clause 5.3) and competence (clause 7.2), from aims.yaml.",
    template: "site/role.html.j2",
    columns: &[
        col("Id", "id", Cell::Id),
        col("Name", "name", Cell::Text),
        col("Email", "email", Cell::Text),
        col("Approver", "approver", Cell::Flag),
        col("Top management", "top_management", Cell::Flag),
        col("Signing keys", "signing_keys", Cell::Count),
        col("Competence", "competence", Cell::Count),
    ],
};

pub const MONITORS: PageKind = PageKind {
    key: "monitor",
    folder: "monitors",
    title: "Monitors",
    noun: "monitor",
    about: "What is measured about each AI system, its threshold and cadence (clause 9.1).",
    template: "site/monitor.html.j2",
    columns: &[
        col("Id", "id", Cell::Id),
        col("System", "system", Cell::Link("system")),
        col("Kind", "kind", Cell::Text),
        col("Metric", "metric", Cell::Text),
        col("Threshold", "threshold", Cell::Text),
        col("Every", "every", Cell::Text),
        col("Owner", "owner", Cell::Role),
        col("Approval", "approval_state", Cell::Status),
    ],
};

pub const AUDITS: PageKind = PageKind {
    key: "audit",
    folder: "audits",
    title: "Internal audits",
    noun: "internal audit",
    about: "The internal audit programme: each audit's scope, criteria, auditor and findings (clause 9.2).",
    template: "site/internal-audit.html.j2",
    columns: &[
        col("Id", "id", Cell::Id),
        col("Title", "title", Cell::Text),
        col("Status", "status", Cell::Status),
        col("Planned", "planned", Cell::Date(None)),
        col("Done", "done", Cell::Date(None)),
        col("Auditor", "auditor", Cell::Text),
        col("Clauses", "clauses", Cell::Count),
        col("Controls", "controls", Cell::Number),
        col("Findings", "findings", Cell::Number),
        col("Open", "open_findings", Cell::Number),
        col("Approval", "approval_state", Cell::Status),
    ],
};

pub const MANAGEMENT_REVIEWS: PageKind = PageKind {
    key: "management-review",
    folder: "management-reviews",
    title: "Management reviews",
    noun: "management review",
    about: "Top management's reviews of the AI management system: the inputs considered, the decisions taken and the actions (clause 9.3).",
    template: "site/management-review.html.j2",
    columns: &[
        col("Id", "id", Cell::Id),
        col("Date", "date", Cell::Date(None)),
        col("Attendees", "attendees", Cell::Role),
        col("Inputs (of 5)", "inputs", Cell::Number),
        col("Decisions", "decisions", Cell::Number),
        col("Actions", "actions", Cell::Number),
        col("Open actions", "open_actions", Cell::Number),
        col("Lacks", "missing", Cell::Text),
        col("Approval", "approval_state", Cell::Status),
    ],
};

/// Every kind with an index and a page per entity, in the order the site lists them.
pub const PAGE_KINDS: &[PageKind] = &[
    SYSTEMS,
    RISKS,
    IMPACTS,
    CONTROLS,
    INCIDENTS,
    POLICIES,
    OBJECTIVES,
    MONITORS,
    AUDITS,
    MANAGEMENT_REVIEWS,
    CLAUSES,
    ROLES,
];

/// The link kind of an entity kind.
pub fn link_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::System => "system",
        Kind::Risk => "risk",
        Kind::Impact => "impact",
        Kind::Control => "control",
        Kind::Incident => "incident",
        Kind::Policy => "policy",
        Kind::Objective => "objective",
        Kind::Monitor => "monitor",
        Kind::Audit => "audit",
        Kind::ManagementReview => "management-review",
        Kind::Clause => "clause",
    }
}

/// The page kind of a link kind.
pub fn page_kind(key: &str) -> Option<&'static PageKind> {
    PAGE_KINDS.iter().find(|k| k.key == key)
}
