//! Findings: what `aims check` reports.
//!
//! A finding is data, not an error: a rule name, a severity, the file (relative to the
//! register root, with `/` separators), the 1-based line and column of the offending
//! node where one exists, the entity id and a message, with an optional hint saying
//! what to do. This module owns the rule list with its default severities; it does not
//! decide when a rule fires.

use std::fmt;
use std::str::FromStr;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use crate::yaml::Loc;

/// At most this many findings are reported per file; one more says how many were
/// left out. Bounds the output, and the work, of a hostile file.
pub const MAX_FINDINGS_PER_FILE: usize = 1000;

/// Severity of a finding, or `Off` for a rule switched off in `aims.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Off,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Off => "off",
        }
    }
}

macro_rules! rules {
    ($( $variant:ident = $name:literal, $severity:ident, $overridable:literal, $summary:literal; )*) => {
        /// Every rule `aims check` knows, in the order the README lists them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule { $( $variant, )* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[ $( Rule::$variant, )* ];

            /// The rule's name as users write it in `aims.yaml` and see it in output.
            pub fn name(self) -> &'static str {
                match self { $( Rule::$variant => $name, )* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $( Rule::$variant => Severity::$severity, )* }
            }

            /// Whether `aims.yaml` `rules:` may change this rule's severity. Rules that
            /// mean a file could not be read at all cannot be lowered or switched off:
            /// that would hide a file from every other rule.
            pub fn overridable(self) -> bool {
                match self { $( Rule::$variant => $overridable, )* }
            }

            /// One line saying when the rule fires.
            pub fn summary(self) -> &'static str {
                match self { $( Rule::$variant => $summary, )* }
            }
        }
    };
}

rules! {
    FileUnreadable = "file-unreadable", Error, false, "a file in the register cannot be read: permission denied, larger than the size limit, not a regular file, or a symlink leading outside the register";
    YamlSyntax = "yaml-syntax", Error, false, "a file is not well-formed YAML (or uses aliases, duplicate keys, custom tags, several documents or nesting deeper than 64 levels)";
    Schema = "schema", Error, false, "a file does not match its JSON Schema (one diagnostic per violation, at the offending node)";
    CriteriaInvalid = "criteria-invalid", Error, false, "the risk criteria in aims.yaml are inconsistent: levels not numbered 1..n, bands not ascending or not covering the highest score, a matrix of the wrong shape or naming unknown bands, a threshold outside the score range";
    TemplateUnsafe = "template-unsafe", Error, false, "a file under `templates/` that reports would refuse to run: a symlink, a special file, a file over the size limit or not UTF-8 text";
    UnexpectedFile = "unexpected-file", Warning, true, "a file or folder inside an entity folder that `aims` does not read (not `<id>.yaml` or `<id>.yml`)";
    IdMismatch = "id-mismatch", Error, true, "`id` differs from the file stem";
    DuplicateId = "duplicate-id", Error, true, "two files of one kind share an id, or two roles, categories or actions in one file share an id";
    UnknownReference = "unknown-reference", Error, true, "a system, risk, impact, control, category, Annex C source or role id that does not exist";
    ScoreOutOfRange = "score-out-of-range", Error, true, "a likelihood or consequence level outside the configured scale";
    TreatmentRequired = "treatment-required", Error, true, "a risk scores above the acceptance threshold and has no treatment, or is accepted without `acceptance` (justification, approver, date)";
    TreatmentIncomplete = "treatment-incomplete", Error, true, "a treatment action without owner or due date";
    ActionOverdue = "action-overdue", Warning, true, "a treatment or corrective action past its due date and not done or cancelled";
    EvidenceMissing = "evidence-missing", Error, true, "an action marked done, or a control marked implemented, with no evidence; or an evidence path that does not exist in the register";
    ReviewOverdue = "review-overdue", Error, true, "a risk, impact assessment, policy or the context is past its review cycle, an implemented control its verification cycle, or a triggered review its due date";
    ReviewTriggered = "review-triggered", Warning, true, "a review triggered after a risk's or an impact assessment's last review (an incident, a system change, a monitor breach, a change of the risk criteria) and not yet due; once due, it is `review-overdue`";
    CategoryNotScreened = "category-not-screened", Error, true, "an in-scope system has neither a risk nor a screening entry for one of the categories";
    ImpactAssessmentMissing = "impact-assessment-missing", Error, true, "an in-scope system has no impact assessment";
    ImpactDimensionMissing = "impact-dimension-missing", Error, true, "an impact assessment does not assess (or mark n/a) a required dimension";
    SoaIncomplete = "soa-incomplete", Error, true, "an Annex A control has no file in controls/, or an applicable control has no status";
    ExcludedControlInUse = "excluded-control-in-use", Error, true, "a risk cites a control whose SoA decision is `applicable: false`";
    JustificationMissing = "justification-missing", Error, true, "an SoA decision without justification";
    ClosedWithoutReason = "closed-without-reason", Error, true, "a risk closed without `closed_reason`";
    DateInFuture = "date-in-future", Error, true, "a date recording something that happened (identified, reviewed, completed, reported, assessed, screened, changed, verified, accepted, closed) is after today";
    AcceptanceExpired = "acceptance-expired", Error, true, "an accepted risk whose `acceptance.expires` has passed";
    TargetAboveAssessment = "target-above-assessment", Error, true, "a risk's `target` score is higher than its `assessment` score";
    EvidenceExpired = "evidence-expired", Warning, true, "an evidence item past its `expires` date";
    EvidenceChanged = "evidence-changed", Error, true, "an evidence file whose content no longer matches its `sha256` pin";
    EvidenceOutsideRegister = "evidence-outside-register", Error, true, "an evidence path that is absolute or escapes the register directory";
    ApprovalMissing = "approval-missing", Off, true, "an entity's committed version has never been approved (off unless turned on)";
    ApprovalStale = "approval-stale", Off, true, "an entity changed since its last approval (off unless turned on)";
    SelfApproval = "self-approval", Warning, true, "the approval covering an entity's current version was given by the author of the change";
    ApprovalUnverified = "approval-unverified", Warning, true, "an approval of an entity's committed version that does not count under `approvals.require` (made on behalf of the approver, or unsigned where signatures are required)";
    ApprovalForged = "approval-forged", Error, true, "an approval of an entity's committed version whose commit signature does not verify or was not made with a key of the approver";
    DecisionUnapproved = "decision-unapproved", Warning, true, "a decision names its approver (a risk acceptance's `approved_by`) but that role has not approved, in a way that counts, a committed version carrying the decision";
    ContextMissing = "context-missing", Warning, true, "no `context.yaml`, or it lists no issues or no interested parties (clauses 4.1, 4.2; absence)";
    PolicyMissing = "policy-missing", Warning, true, "no policy of kind `ai-policy` (clause 5.2; absence)";
    PolicyIncomplete = "policy-incomplete", Error, true, "a policy without document, owner, approval by an approver role, or communication record (clause 5.2)";
    ObjectiveIncomplete = "objective-incomplete", Error, true, "an active objective without metric (name, target, direction), owner, due date or plan (clause 6.2)";
    ObjectiveOffTarget = "objective-off-target", Warning, true, "the latest measurement of an active objective misses its target";
    MeasurementOverdue = "measurement-overdue", Warning, true, "a monitor, or an objective measured by hand, has no measurement within its cycle (`every`, `measure_every`), or none at all";
    CompetenceExpired = "competence-expired", Warning, true, "a competence record of a role is past its `expires` date (clause 7.2)";
    InternalAuditOverdue = "internal-audit-overdue", Warning, true, "no internal audit done within `internal_audit_every` (clause 9.2; absence)";
    AuditCoverage = "audit-coverage", Warning, true, "a clause 4.1 to 10.2 or an applicable Annex A control not in the scope of an audit done within `internal_audit_every` (clause 9.2; absence)";
    AuditorNotIndependent = "auditor-not-independent", Error, true, "the auditor's role owns a system, risk, control or policy in the audit's scope (clause 9.2.2)";
    FindingWithoutAction = "finding-without-action", Error, true, "a nonconformity an audit found without an incident of kind nonconformity, or that incident has no corrective action (clauses 9.2, 10.2)";
    ManagementReviewOverdue = "management-review-overdue", Warning, true, "no management review within `management_review_every` (clause 9.3; absence)";
    ManagementReviewIncomplete = "management-review-incomplete", Error, true, "a management review without one of the five inputs of 9.3.2, without decisions, or without a top-management attendee";
    ClauseUnaddressed = "clause-unaddressed", Warning, true, "a clause 4.1 to 10.2 with neither evidence derived from the register nor a `clauses/` statement (absence)";
    MeasurementInvalid = "measurement-invalid", Error, true, "a measurements file without a monitor of its id, a row that does not read (a bad date or number, a line cut short), or a measurement dated in the future";
    MonitorBreach = "monitor-breach", Warning, true, "a monitor's latest measurement is beyond its threshold (the reviews of its risks are triggered)";
    MonitoringMissing = "monitoring-missing", Warning, true, "an in-scope deployed system has no monitor";
    NonconformityOpen = "nonconformity-open", Error, true, "a closed nonconformity without root cause, without a corrective action or with one still planned or in progress, or without an effectiveness review";
    CorrectiveActionRequired = "corrective-action-required", Error, true, "an open incident of severity high or critical without a corrective action";
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Rule {
    type Err = ();

    fn from_str(name: &str) -> Result<Rule, ()> {
        Rule::ALL
            .iter()
            .copied()
            .find(|rule| rule.name() == name)
            .ok_or(())
    }
}

/// One diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    /// Relative to the register root, `/`-separated.
    pub file: String,
    pub at: Option<Loc>,
    /// The JSON pointer of the offending node (`/treatment/actions/0/due`) where the
    /// finding is about one, so that tools can tell the same problem apart from a moved
    /// one: code scanning's fingerprints are built from it, not from the line.
    pub pointer: Option<String>,
    pub entity: Option<String>,
    pub message: String,
    /// What to do about it, when that is not obvious from the message.
    pub hint: Option<String>,
}

impl Finding {
    /// A finding at the rule's default severity; `aims.yaml` overrides apply later.
    pub fn new(rule: Rule, file: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: rule.default_severity(),
            file: file.into(),
            at: None,
            pointer: None,
            entity: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn at(mut self, at: Loc) -> Finding {
        self.at = Some(at);
        self
    }

    /// The node the finding is about, by JSON pointer.
    pub fn pointer(mut self, pointer: impl Into<String>) -> Finding {
        self.pointer = Some(pointer.into());
        self
    }

    pub fn entity(mut self, id: impl Into<String>) -> Finding {
        self.entity = Some(id.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Finding {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Finding {
        self.hint = hint;
        self
    }

    /// Where the finding stands, written `file:line:col` (or the file alone).
    pub fn place(&self) -> Place<'_> {
        Place {
            file: &self.file,
            at: self.at,
        }
    }

    /// The order findings are reported in: by file, then position, then rule.
    pub fn sort_key(&self) -> (&str, Loc, Rule, &str) {
        (
            &self.file,
            self.at.unwrap_or_default(),
            self.rule,
            &self.message,
        )
    }

    /// The order findings are listed in: by file (a folder's files by id, Annex A
    /// controls in Annex A order: `controls/A.2.2.yaml` before `controls/A.10.2.yaml`),
    /// then by position, rule and message.
    pub fn order(&self, other: &Finding) -> std::cmp::Ordering {
        file_order(&self.file, &other.file).then_with(|| self.sort_key().cmp(&other.sort_key()))
    }
}

/// Files by their first path component (a root file by its name, a file in a folder
/// by the folder, as paths sort), then, within a folder, by the id their name holds
/// (see [`crate::catalog::id_order`]).
fn file_order(a: &str, b: &str) -> std::cmp::Ordering {
    let split = |path: &'_ str| -> (String, String) {
        let path = path.trim_end_matches('/');
        match path.split_once('/') {
            Some((head, rest)) => {
                let stem = rest
                    .strip_suffix(".yaml")
                    .or_else(|| rest.strip_suffix(".yml"))
                    .unwrap_or(rest);
                (head.to_string(), stem.to_string())
            }
            None => (path.to_string(), String::new()),
        }
    };
    let ((head_a, stem_a), (head_b, stem_b)) = (split(a), split(b));
    head_a
        .cmp(&head_b)
        .then_with(|| crate::catalog::id_order(&stem_a, &stem_b))
}

/// A finding serialises the same way everywhere (`aims check --format json`, the
/// reports' contexts, exports): rule and severity by name, the position as `line` and
/// `column` (null where there is none), and the hint (null where there is none).
impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Finding", 8)?;
        s.serialize_field("rule", self.rule.name())?;
        s.serialize_field("severity", self.severity.as_str())?;
        s.serialize_field("file", &self.file)?;
        s.serialize_field("line", &self.at.map(|a| a.line))?;
        s.serialize_field("column", &self.at.map(|a| a.column))?;
        s.serialize_field("entity", &self.entity)?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("hint", &self.hint)?;
        s.end()
    }
}

/// Where a finding stands: `file:line:col`, or the file alone when it has no position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place<'a> {
    pub file: &'a str,
    pub at: Option<Loc>,
}

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(at) => write!(f, "{}:{}:{}", self.file, at.line, at.column),
            None => f.write_str(self.file),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_round_trip_and_are_unique() {
        let mut names: Vec<_> = Rule::ALL.iter().map(|r| r.name()).collect();
        for rule in Rule::ALL {
            assert_eq!(rule.name().parse::<Rule>(), Ok(*rule));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Rule::ALL.len());
    }

    #[test]
    fn a_finding_serialises_with_its_place_and_hint() {
        let f = Finding::new(Rule::ReviewOverdue, "risks/R-1.yaml", "late")
            .at(Loc { line: 3, column: 5 })
            .entity("R-1")
            .hint("review it");
        assert_eq!(f.place().to_string(), "risks/R-1.yaml:3:5");
        assert_eq!(
            serde_json::to_value(&f).expect("serialises"),
            serde_json::json!({"rule": "review-overdue", "severity": "error",
                "file": "risks/R-1.yaml", "line": 3, "column": 5, "entity": "R-1",
                "message": "late", "hint": "review it"})
        );
        let bare = Finding::new(Rule::FileUnreadable, "aims.yaml", "gone");
        assert_eq!(bare.place().to_string(), "aims.yaml");
        assert_eq!(
            serde_json::to_value(&bare).expect("serialises")["line"],
            serde_json::Value::Null
        );
    }

    #[test]
    fn reading_rules_cannot_be_overridden() {
        for rule in [Rule::FileUnreadable, Rule::YamlSyntax, Rule::Schema] {
            assert!(!rule.overridable());
        }
        assert!(Rule::ReviewOverdue.overridable());
    }
}
