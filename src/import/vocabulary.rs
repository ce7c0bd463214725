//! The column vocabulary: for each kind of import, the fields a column can fill, the
//! headers (normalised, see [`super::columns::normalise`]) that mean each, and what
//! each becomes in the register. One table per kind, so that the import guide (a test
//! checks docs/import.md lists all of it), the recognition and the `--map` checks
//! agree.

use super::What;

/// A field a column can fill, the headers that mean it (normalised), and what it
/// becomes in the register.
pub struct FieldDef {
    pub name: &'static str,
    pub headers: &'static [&'static str],
    pub becomes: &'static str,
}

macro_rules! fields {
    ($($name:literal [$($header:literal),* $(,)?] => $becomes:literal;)*) => {
        &[$(FieldDef { name: $name, headers: &[$($header),*], becomes: $becomes }),*]
    };
}

pub const RISK_FIELDS: &[FieldDef] = fields! {
    "id" [
        "id", "risk id", "ref", "risk ref", "reference", "risk reference", "risk no",
        "risk number", "no", "number", "risk code", "key"
    ] => "`id` (kept when valid and free; otherwise the next id, the original under `x.import_id`)";
    "title" [
        "title", "risk title", "risk", "risk name", "name", "summary", "risk summary",
        "headline", "short description"
    ] => "`title`";
    "description" [
        "description", "risk description", "details", "risk details", "risk scenario",
        "scenario", "risk statement", "statement", "threat scenario"
    ] => "`event`; also the title (its first sentence) when there is no title column";
    "cause" [
        "cause", "causes", "root cause", "risk source", "source", "trigger", "threat",
        "vulnerability"
    ] => "`cause`";
    "event" [
        "event", "risk event"
    ] => "`event`";
    "consequence-text" [
        "effect", "effects", "consequences", "consequence description", "impact description",
        "potential impact", "harm", "potential harm"
    ] => "`consequence` (the text)";
    "likelihood" [
        "likelihood", "probability", "likelihood rating", "likelihood score",
        "probability rating", "probability score", "risk likelihood", "risk probability",
        "frequency", "l", "p"
    ] => "`assessment.likelihood`";
    "consequence" [
        "impact", "consequence", "severity", "impact rating", "impact score",
        "consequence rating", "consequence score", "severity rating", "severity score",
        "risk impact", "risk consequence", "risk severity", "magnitude", "i", "c", "s"
    ] => "`assessment.consequence`";
    "level" [
        "risk level", "risk rating", "level", "rating", "overall risk", "overall risk level",
        "overall rating", "risk priority", "priority"
    ] =>
        "`assessment` through `--value \"level:High=4x4\"` when there is no likelihood and consequence; otherwise `x`";
    "score" [
        "risk score", "score", "rpn", "risk priority number", "overall score"
    ] => "`x` (aims computes the score)";
    "residual-likelihood" [] => "`target.likelihood` (a residual or target likelihood)";
    "residual-consequence" [] => "`target.consequence`";
    "residual-level" [] => "`target` through `--value \"level:...\"`; otherwise `x`";
    "residual-score" [] => "`x`";
    "category" [
        "category", "risk category", "type", "risk type", "domain", "risk domain", "area",
        "risk area", "classification", "theme", "taxonomy"
    ] => "`category`";
    "systems" [
        "system", "systems", "ai system", "ai systems", "ai system name", "system name",
        "model", "ai model", "use case", "ai use case", "application", "product", "asset",
        "ai asset"
    ] => "`systems`";
    "owner" [
        "owner", "risk owner", "accountable", "accountable owner", "responsible", "owner role",
        "assigned to", "assignee"
    ] => "`owner`";
    "status" [
        "status", "risk status", "state", "current status"
    ] => "`status` (and `closed_reason`), or the status of the action";
    "treatment" [
        "treatment", "treatment option", "response", "risk response", "strategy",
        "treatment strategy", "response strategy", "risk treatment", "treatment decision",
        "decision"
    ] => "`treatment.option`";
    "mitigation" [
        "mitigation", "mitigations", "mitigation plan", "mitigation strategy",
        "mitigation actions", "mitigation measures", "treatment plan", "action plan",
        "actions", "planned actions", "recommended actions", "treatment actions",
        "proposed mitigation", "proposed controls", "recommended controls", "remediation",
        "remediation plan", "proposed control", "planned controls"
    ] => "`treatment.rationale` (or an action with `--map \"COLUMN=action\"`)";
    "action" [] => "an action of `treatment.actions`";
    "action-owner" [
        "action owner", "action by", "mitigation owner", "treatment owner"
    ] => "the action's owner";
    "action-due" [
        "due", "due date", "target date", "action due", "deadline", "target completion",
        "target completion date", "completion date"
    ] => "the action's due date";
    "existing-controls" [
        "existing controls", "current controls", "controls in place", "existing measures",
        "current measures", "existing mitigations", "current mitigations",
        "existing safeguards"
    ] => "`assessment.rationale`, as the controls the score assumes";
    "controls" [
        "controls", "control", "annex a controls", "annex a", "annex a control",
        "iso 42001 controls", "42001 controls", "iso iec 42001 controls", "control ids",
        "mapped controls", "mitigating controls", "related controls"
    ] => "`controls` (Annex A or custom ids; a column of free text is existing controls)";
    "accepted-by" [
        "accepted by", "risk accepted by", "acceptance by", "approved by", "risk acceptance",
        "acceptance owner", "accepted"
    ] => "`treatment.acceptance.approved_by` (the text as its justification)";
    "acceptance-date" [
        "acceptance date", "date accepted", "accepted on", "approval date"
    ] => "`treatment.acceptance.date`";
    "acceptance-expiry" [
        "acceptance expiry", "acceptance expires", "acceptance expiry date", "expiry",
        "expiry date", "valid until", "acceptance valid until"
    ] => "`treatment.acceptance.expires`";
    "acceptance-justification" [
        "acceptance justification", "acceptance rationale", "justification",
        "acceptance reason"
    ] => "`treatment.acceptance.justification`";
    "identified" [
        "identified", "date identified", "date raised", "raised", "raised on", "created",
        "date created", "date added", "date logged", "logged", "identified on",
        "identification date", "opened", "date opened"
    ] => "`identified` (default: today)";
    "last-review" [
        "last review", "last reviewed", "reviewed", "date reviewed", "last review date",
        "reviewed on", "assessment date", "date assessed", "last assessed"
    ] => "`review.last`";
    "next-review" [
        "next review", "next review date", "review due", "next review due", "due for review",
        "review by", "next assessment"
    ] =>
        "`x` (the next review comes from the band's cycle), and `review.every` when the last review is known";
    "review-date" [
        "review date", "review"
    ] => "`review.last` when past, the next review when in the future";
    "review-frequency" [
        "review frequency", "review cycle", "review period", "review interval",
        "frequency of review", "review every"
    ] => "`review.every`";
    "infosec" [
        "iso 27001 reference", "iso 27001", "iso 27001 ref", "iso 27001 controls",
        "iso 27001 control", "iso iec 27001", "27001", "isms reference", "isms ref",
        "isms risk", "isms risk id", "infosec reference", "information security reference",
        "infosec refs"
    ] => "`infosec_refs`";
    "regulatory" [
        "regulatory reference", "regulatory references", "regulation", "regulations",
        "legal reference", "compliance reference", "regulatory implication",
        "regulatory implications", "regulatory requirement", "regulatory mapping",
        "framework reference", "framework", "standard reference", "law", "legal basis",
        "compliance requirement"
    ] => "`x` (the register has no field for regulatory references)";
    "rationale" [
        "rationale", "scoring rationale", "assessment rationale", "assessment notes",
        "score rationale"
    ] => "`assessment.rationale`";
    "affected-parties" [
        "affected parties", "affected groups", "stakeholders", "affected stakeholders",
        "impacted parties", "impacted groups"
    ] => "`affected_parties`";
    "notes" [
        "notes", "note", "comments", "comment", "remarks"
    ] => "`x`";
};

pub const CONTROL_FIELDS: &[FieldDef] = fields! {
    "id" [
        "id", "control", "control id", "control ref", "ref", "reference", "annex a control",
        "annex a ref", "annex a", "clause", "control number", "control no", "no",
        "iso 42001 control", "iso iec 42001 control"
    ] => "`id` (an Annex A control, an Annex A objective for each of its controls, or a custom id)";
    "title" [
        "title", "control title", "control name", "name"
    ] => "`title` of a custom control (Annex A titles come from the catalogue)";
    "description" [
        "description", "control description", "implementation description", "how implemented",
        "implementation details"
    ] => "`description` of a custom control; otherwise `x`";
    "applicable" [
        "applicable", "applicability", "applies", "included", "in scope", "selected",
        "is applicable", "applicable y n", "inclusion"
    ] => "`applicable` (yes/no/y/n/x/✓)";
    "justification" [
        "justification", "reason", "rationale", "justification for inclusion",
        "justification for exclusion", "reason for inclusion exclusion",
        "inclusion exclusion justification", "justification for inclusion exclusion",
        "reason for selection"
    ] => "`justification`";
    "status" [
        "status", "implementation status", "implemented", "implementation", "state"
    ] => "`status` (planned, partial, implemented)";
    "owner" [
        "owner", "control owner", "responsible", "accountable"
    ] => "`owner`";
    "evidence" [
        "evidence", "implementation evidence", "evidence reference", "evidence link",
        "evidence links", "proof", "reference document", "documentation", "link", "links"
    ] => "`evidence` (paths or URLs; a column of free text is kept under `x`)";
    "verified" [
        "verified", "last verified", "last tested", "last checked", "date verified",
        "effectiveness review", "last review", "last reviewed"
    ] => "`verified`";
    "notes" [
        "notes", "note", "comments", "comment", "remarks", "gap", "gap action", "gaps",
        "action", "actions"
    ] => "`x`";
};

pub const SYSTEM_FIELDS: &[FieldDef] = fields! {
    "id" [
        "id", "system id", "ref", "reference", "asset id", "no", "inventory id"
    ] => "`id` (default: made from the name)";
    "name" [
        "name", "system", "system name", "ai system", "ai system name", "use case",
        "use case name", "application", "model", "model name", "tool", "product",
        "ai use case"
    ] => "`name`";
    "intended-use" [
        "intended use", "purpose", "description", "use case description", "intended purpose",
        "business purpose", "what it does"
    ] => "`intended_use`";
    "lifecycle" [
        "lifecycle", "lifecycle stage", "life cycle", "stage", "status", "phase",
        "deployment status"
    ] => "`lifecycle` (concept, development, validation, deployed, retired)";
    "role" [
        "organisation role", "organization role", "our role", "role", "ai act role",
        "operator role"
    ] => "`organisation_role` (developer, provider, user)";
    "model-type" [
        "model type", "type", "ai type", "model category", "technology"
    ] => "`model_type`";
    "data-inputs" [
        "data inputs", "data", "data sources", "input data", "data categories",
        "training data"
    ] => "`data_inputs`";
    "users" [
        "users", "user groups", "intended users"
    ] => "`users`";
    "affected-parties" [
        "affected parties", "affected groups", "stakeholders", "impacted parties"
    ] => "`affected_parties`";
    "deployment" [
        "deployment", "hosting", "environment", "platform", "deployment environment"
    ] => "`deployment`";
    "criticality" [
        "criticality", "risk level", "risk tier", "risk classification", "ai act risk",
        "ai act classification", "risk rating"
    ] => "`criticality` (low, medium, high, critical)";
    "owner" [
        "owner", "system owner", "business owner", "accountable", "responsible"
    ] => "`owner`";
    "suppliers" [
        "supplier", "suppliers", "vendor", "vendors", "provider", "third party",
        "third parties"
    ] => "`suppliers`";
    "in-scope" [
        "in scope", "scope", "in aims scope", "within scope"
    ] => "`in_scope` (yes/no)";
    "scope-note" [
        "scope note", "scope justification", "out of scope reason", "exclusion reason",
        "scope rationale"
    ] => "`scope_note`";
    "notes" [
        "notes", "note", "comments", "comment", "remarks"
    ] => "`x`";
};

/// The fields of one kind of import.
pub fn fields(what: What) -> &'static [FieldDef] {
    match what {
        What::Risks => RISK_FIELDS,
        What::Controls => CONTROL_FIELDS,
        What::Systems => SYSTEM_FIELDS,
    }
}
