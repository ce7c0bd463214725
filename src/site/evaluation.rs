//! Records of performance evaluation (clause 9) for the site: monitors (9.1),
//! internal audits (9.2) and management reviews (9.3), built like the others in
//! `records` from the read model and, for what the read model derives, from the rows
//! of their list commands, so that an index page shows what `aims audit list` shows.

use chrono::NaiveDate;
use serde::Serialize;

use super::records::{Record, opt, refs};
use crate::cli::audit::list::AuditRow;
use crate::cli::management_review::list::ReviewRow;
use crate::model::{Extension, Grade};
use crate::report::context::{ActionEntry, EvidenceEntry};
use crate::view::{FindingAction, View};

#[derive(Serialize)]
struct AuditRecord<'a> {
    #[serde(flatten)]
    row: AuditRow<'a>,
    auditor_role: Option<&'a str>,
    /// The scope as written: clause numbers or groups (`4`, `6.1`), controls, systems.
    scope_clauses: &'a [String],
    scope_controls: &'a [String],
    scope_systems: &'a [String],
    criteria: Option<&'a str>,
    findings: Vec<FindingEntry<'a>>,
    /// What the auditor's role owns in the scope, by kind and id.
    conflicts: Vec<ConflictEntry<'a>>,
    report: Vec<EvidenceEntry>,
    file: &'a str,
    x: &'a Extension,
}

#[derive(Serialize)]
struct ConflictEntry<'a> {
    kind: &'static str,
    id: &'a str,
}

#[derive(Serialize)]
struct FindingEntry<'a> {
    id: &'a str,
    kind: &'static str,
    grade: Option<&'static str>,
    clause: Option<&'a str>,
    control: Option<&'a str>,
    description: &'a str,
    incident: Option<&'a str>,
    /// How it is acted on, in words (`carried by INC-2026-004, open`).
    action: String,
    /// A nonconformity not yet corrected (or not carried by an incident at all).
    open: bool,
    /// The action it calls for is missing or wrong.
    problem: bool,
}

fn grade(g: Grade) -> &'static str {
    match g {
        Grade::Major => "major",
        Grade::Minor => "minor",
    }
}

pub fn audits(view: &View<'_>) -> Vec<Record> {
    view.audits
        .iter()
        .map(|a| {
            let audit = a.audit;
            let findings: Vec<FindingEntry<'_>> = a
                .findings
                .iter()
                .map(|f| {
                    let finding = f.finding;
                    let (action, problem) = match f.action {
                        FindingAction::NotRequired => ("no action required".to_string(), false),
                        FindingAction::NoIncident => {
                            ("no incident records its correction".to_string(), true)
                        }
                        FindingAction::UnknownIncident(i) => {
                            (format!("{i} is not an incident of the register"), true)
                        }
                        FindingAction::NotNonconformity(i) => {
                            (format!("{i} is not a nonconformity"), true)
                        }
                        FindingAction::NoCorrectiveAction(i) => {
                            (format!("{i} has no corrective action"), true)
                        }
                        FindingAction::Carried { incident, closed } => (
                            format!(
                                "carried by {incident}, {}",
                                if closed { "closed" } else { "open" }
                            ),
                            false,
                        ),
                    };
                    FindingEntry {
                        id: &finding.id,
                        kind: finding.kind.as_str(),
                        grade: finding.grade.map(grade),
                        clause: finding.clause.as_deref(),
                        control: finding.control.as_deref(),
                        description: finding.description.trim(),
                        incident: finding.incident.as_deref(),
                        action,
                        open: f.open(),
                        problem,
                    }
                })
                .collect();
            let mut links = refs("clause", a.clauses.iter());
            links.extend(refs("control", &audit.scope.controls));
            links.extend(refs("system", &audit.scope.systems));
            if let Some(role) = audit.auditor.as_ref().and_then(|x| x.role.clone()) {
                links.push(("role", role));
            }
            for f in &audit.findings {
                links.extend(f.clause.clone().map(|c| ("clause", c)));
                links.extend(f.control.clone().map(|c| ("control", c)));
                links.extend(f.incident.clone().map(|i| ("incident", i)));
            }
            let mut text = vec![audit.title.as_str(), opt(&audit.criteria)];
            text.extend(audit.findings.iter().map(|f| f.description.as_str()));
            let value = AuditRecord {
                row: AuditRow::of(a),
                auditor_role: audit.auditor.as_ref().and_then(|x| x.role.as_deref()),
                scope_clauses: &audit.scope.clauses,
                scope_controls: &audit.scope.controls,
                scope_systems: &audit.scope.systems,
                criteria: audit.criteria.as_deref().map(str::trim),
                findings,
                conflicts: a
                    .conflicts
                    .iter()
                    .map(|c| ConflictEntry {
                        kind: c.kind,
                        id: c.id,
                    })
                    .collect(),
                report: EvidenceEntry::all(audit.report.as_slice()),
                file: a.file,
                x: &audit.x,
            };
            Record::new(&audit.id, &audit.title, Some(a.file), &value, links, &text)
        })
        .collect()
}

#[derive(Serialize)]
struct ReviewRecord<'a> {
    #[serde(flatten)]
    row: ReviewRow<'a>,
    /// `Management review of 2026-10-20`.
    title: String,
    /// The register version the review looked at, as written.
    revision: Option<&'a str>,
    /// The five inputs of 9.3.2, in the order of the clause, with what was recorded.
    inputs_recorded: Vec<InputEntry<'a>>,
    decisions_taken: &'a [String],
    action_list: Vec<ActionEntry>,
    minutes: Vec<EvidenceEntry>,
    /// The attendees that are top management.
    top_management: &'a [&'a str],
    complete: bool,
    /// The review held before this one.
    previous: Option<&'a str>,
    file: &'a str,
    x: &'a Extension,
}

#[derive(Serialize)]
struct InputEntry<'a> {
    name: &'static str,
    text: Option<&'a str>,
}

pub fn management_reviews(view: &View<'_>) -> Vec<Record> {
    view.management_reviews
        .iter()
        .map(|m| {
            let review = m.review;
            let inputs = &review.inputs;
            let recorded = [
                &inputs.previous_actions,
                &inputs.context_changes,
                &inputs.interested_parties,
                &inputs.performance,
                &inputs.opportunities,
            ];
            let title = format!("Management review of {}", review.date);
            let actions: Vec<ActionEntry> = review
                .actions
                .iter()
                .map(|a| ActionEntry::of(view, a))
                .collect();
            let previous = view.management_review_before(m).map(|p| p.id());
            let mut links = refs("role", &review.attendees);
            links.extend(
                actions
                    .iter()
                    .filter_map(|a| a.owner.clone().map(|o| ("role", o))),
            );
            links.extend(previous.map(|p| ("management-review", p.to_string())));
            let mut text: Vec<&str> = recorded.iter().map(|t| opt(t)).collect();
            text.extend(review.decisions.iter().map(String::as_str));
            let value = ReviewRecord {
                row: ReviewRow::of(m),
                title: title.clone(),
                revision: review.revision.as_deref(),
                inputs_recorded: recorded
                    .iter()
                    .zip(crate::model::ReviewInputs::NAMES)
                    .map(|(t, name)| InputEntry {
                        name,
                        text: t.as_deref().map(str::trim),
                    })
                    .collect(),
                decisions_taken: &review.decisions,
                action_list: actions,
                minutes: EvidenceEntry::all(review.minutes.as_slice()),
                top_management: &m.top_management,
                complete: m.complete(),
                previous,
                file: m.file,
                x: &review.x,
            };
            Record::new(&review.id, &title, Some(m.file), &value, links, &text)
        })
        .collect()
}

#[derive(Serialize)]
struct MonitorRecord<'a> {
    id: &'a str,
    system: &'a str,
    kind: &'static str,
    metric: &'a str,
    key: Option<&'a str>,
    /// `max 0.05`, `min 0.8`.
    threshold: String,
    warn: Option<String>,
    every: String,
    owner: &'a str,
    risks: &'a [String],
    controls: &'a [String],
    description: Option<&'a str>,
    /// Objectives whose metric this monitor measures.
    objectives: Vec<&'a str>,
    /// Where the latest measurement stands: `within`, `warning`, `breach`, `no data`.
    state: &'static str,
    /// The latest measurement against the threshold, in words.
    standing: String,
    /// How many measurements there are up to the site's date.
    measured: usize,
    next_due: Option<NaiveDate>,
    overdue: bool,
    /// Whether the monitor is expected to run (its system in scope and not retired).
    active: bool,
    /// Every breach, oldest first.
    breaches: Vec<BreachRecord>,
    file: &'a str,
    x: &'a Extension,
}

#[derive(Serialize)]
struct BreachRecord {
    at: String,
    value: f64,
}

/// Monitors with what the read model derives from their measurements: where the
/// latest stands, the breaches, when the next is due, and the objectives they measure.
pub fn monitors(view: &View<'_>) -> Vec<Record> {
    view.monitors
        .iter()
        .map(|m| {
            let monitor = m.monitor;
            let file = m.file;
            let objectives: Vec<&str> = view
                .objectives
                .iter()
                .filter(|o| {
                    matches!(o.measured_by, Some(crate::view::MeasuredBy::Monitor(id)) if id == monitor.id)
                })
                .map(|o| o.id())
                .collect();
            let mut links = vec![
                ("system", monitor.system.clone()),
                ("role", monitor.owner.clone()),
            ];
            links.extend(refs("risk", &monitor.risks));
            links.extend(refs("control", &monitor.controls));
            let value = MonitorRecord {
                id: &monitor.id,
                system: &monitor.system,
                kind: monitor.kind.as_str(),
                metric: &monitor.metric,
                key: monitor.key.as_deref(),
                threshold: monitor.threshold.describe(),
                warn: monitor.warn.map(|w| w.describe()),
                every: monitor.every.to_string(),
                owner: &monitor.owner,
                risks: &monitor.risks,
                controls: &monitor.controls,
                description: monitor.description.as_deref().map(str::trim),
                objectives,
                state: m.state.as_str(),
                standing: m.standing(),
                measured: m.series.len(),
                next_due: m.next_due,
                overdue: m.overdue,
                active: m.active,
                breaches: m
                    .breaches
                    .iter()
                    .map(|b| BreachRecord {
                        at: b.at.to_string(),
                        value: b.value,
                    })
                    .collect(),
                file,
                x: &monitor.x,
            };
            Record::new(
                &monitor.id,
                &monitor.metric,
                Some(file),
                &value,
                links,
                &[&monitor.metric, opt(&monitor.description)],
            )
        })
        .collect()
}
