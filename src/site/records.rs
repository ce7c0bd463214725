//! One record per entity page: the entity's report entry (every recorded field, as
//! `src/report/context` serialises it) with what the site adds to it: the derived
//! values the view holds that the entry does not carry, the users' own `x:` fields,
//! the ids it refers to (from which the site draws links both ways) and the text the
//! search box looks through.
//!
//! Values come from the read model and the report entries; nothing is judged here.
//! Kinds without a report entry (policies, objectives, the context, roles) get theirs
//! here, built the same way from their views.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use minijinja::Value;
use serde::Serialize;

use crate::model::Extension;
use crate::report::context::{
    ActionEntry, ClauseEntry, ControlEntry, EvidenceEntry, ImpactEntry, IncidentEntry, RiskEntry,
    SystemEntry,
};
use crate::view::{MeasuredBy, Reading, View};

/// An entity as its page and its index row show it.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    /// A title or name, for links and search.
    pub title: String,
    /// The register file it is read from.
    pub file: Option<String>,
    /// The entry (see the module comment).
    pub value: Value,
    /// The ids it refers to, by link kind.
    pub refs: Vec<(&'static str, String)>,
    /// Its text, for the search index.
    pub text: String,
}

impl Record {
    pub(super) fn new(
        id: &str,
        title: &str,
        file: Option<&str>,
        value: &impl Serialize,
        refs: Vec<(&'static str, String)>,
        text: &[&str],
    ) -> Record {
        Record {
            id: id.to_string(),
            title: title.to_string(),
            file: file.map(str::to_string),
            value: super::val(value),
            refs,
            text: search_text(text),
        }
    }
}

/// The words of a record the search looks through: bounded, so that the index stays
/// small enough to load on a phone.
fn search_text(parts: &[&str]) -> String {
    const MAX: usize = 600;
    let mut out = String::new();
    for part in parts {
        for word in part.split_whitespace() {
            if out.len() + word.len() + 1 > MAX {
                return out;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// The ids of one kind a record refers to.
pub(super) fn refs<S: AsRef<str>>(
    kind: &'static str,
    ids: impl IntoIterator<Item = S>,
) -> Vec<(&'static str, String)> {
    ids.into_iter()
        .map(|id| (kind, id.as_ref().to_string()))
        .collect()
}

pub(super) fn opt(text: &Option<String>) -> &str {
    text.as_deref().unwrap_or_default()
}

/// The ids of the Annex C risk sources and objectives, and the categories, linked to
/// the reference page.
fn reference_refs<'a>(ids: impl IntoIterator<Item = &'a String>) -> Vec<(&'static str, String)> {
    refs("reference", ids)
}

/// The evidence of a list of actions, by role of whoever owns each.
fn action_refs(actions: &[ActionEntry]) -> Vec<(&'static str, String)> {
    actions
        .iter()
        .filter_map(|a| a.owner.clone().map(|o| ("role", o)))
        .collect()
}

#[derive(Serialize)]
struct RiskRecord<'a> {
    #[serde(flatten)]
    entry: &'a RiskEntry,
    /// The cycle the next review follows, and why it falls when it does.
    review_basis: Option<String>,
    review_every: Option<String>,
    above_threshold: Option<bool>,
    /// Why the target score is expected once the treatment is done.
    target_rationale: Option<&'a str>,
    /// What happened since the last review that calls for another, in words.
    triggers: Vec<String>,
    /// Incidents citing the risk.
    incidents: Vec<String>,
    /// Each control the risk cites, with its title and SoA state.
    control_states: Vec<ControlBrief<'a>>,
    x: &'a Extension,
}

#[derive(Serialize)]
struct ControlBrief<'a> {
    id: &'a str,
    title: &'a str,
    /// The SoA state (`implemented`, ..., `no decision`); none for an unknown control.
    state: Option<&'static str>,
}

pub fn risks(view: &View<'_>, entries: &[RiskEntry]) -> Vec<Record> {
    let by_id: HashMap<&str, _> = view.risks.iter().rev().map(|r| (r.id(), r)).collect();
    let mut incidents: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for i in &view.incidents {
        for r in &i.incident.risks {
            incidents.entry(r).or_default().push(i.id().to_string());
        }
    }
    entries
        .iter()
        .filter_map(|entry| {
            let r = *by_id.get(entry.id.as_str())?;
            let risk = r.risk;
            let cited_by = incidents
                .get(entry.id.as_str())
                .cloned()
                .unwrap_or_default();
            let mut links = refs("system", &entry.systems);
            links.extend(refs("control", &entry.controls));
            links.extend(refs("impact", &entry.impacts));
            links.extend(refs("incident", &cited_by));
            links.push(("role", entry.owner.clone()));
            links.extend(reference_refs(&entry.sources));
            if let Some(t) = &entry.treatment {
                links.extend(action_refs(&t.actions));
                if let Some(by) = t.acceptance.as_ref().and_then(|a| a.approved_by.clone()) {
                    links.push(("role", by));
                }
            }
            let value = RiskRecord {
                entry,
                review_basis: r.review.as_ref().map(|v| v.basis.to_string()),
                review_every: risk.review.every.map(|d| d.to_string()),
                above_threshold: r.above_threshold,
                target_rationale: risk
                    .target
                    .as_ref()
                    .and_then(|t| t.rationale.as_deref())
                    .map(str::trim),
                triggers: r.triggers.iter().map(|t| t.describe()).collect(),
                incidents: cited_by,
                control_states: entry
                    .controls
                    .iter()
                    .map(|id| {
                        let c = view.control(id);
                        ControlBrief {
                            id,
                            title: c.map_or("", |c| c.title),
                            state: c.map(|c| c.state.as_str()),
                        }
                    })
                    .collect(),
                x: &risk.x,
            };
            Some(Record::new(
                &entry.id,
                &entry.title,
                Some(&entry.file),
                &value,
                links,
                &[
                    &entry.title,
                    opt(&entry.cause),
                    opt(&entry.event),
                    opt(&entry.consequence),
                    opt(&entry.rationale),
                ],
            ))
        })
        .collect()
}

#[derive(Serialize)]
struct SystemRecord<'a> {
    #[serde(flatten)]
    entry: &'a SystemEntry,
    /// Every risk naming the system, open and closed.
    risks: Vec<&'a str>,
    assessments: Vec<&'a str>,
    incidents: Vec<&'a str>,
    /// Every risk category and how the system is covered in it.
    coverage: Vec<CoverageEntry<'a>>,
    file: &'a str,
    x: &'a Extension,
}

#[derive(Serialize)]
struct CoverageEntry<'a> {
    category: &'a str,
    title: &'a str,
    how: &'static str,
}

pub fn systems(view: &View<'_>, entries: &[SystemEntry]) -> Vec<Record> {
    let by_id: HashMap<&str, _> = view.systems.iter().rev().map(|s| (s.id(), s)).collect();
    entries
        .iter()
        .filter_map(|entry| {
            let s = *by_id.get(entry.id.as_str())?;
            let value = SystemRecord {
                entry,
                risks: s.risks.iter().map(|&i| view.risks[i].id()).collect(),
                assessments: s
                    .assessments
                    .iter()
                    .map(|&i| view.impacts[i].id())
                    .collect(),
                incidents: s
                    .incidents
                    .iter()
                    .map(|&i| view.incidents[i].id())
                    .collect(),
                coverage: s
                    .coverage
                    .iter()
                    .map(|(c, how)| CoverageEntry {
                        category: c,
                        title: view.category_title(c),
                        how: how.as_str(),
                    })
                    .collect(),
                file: s.file,
                x: &s.system.x,
            };
            let mut links: Vec<(&'static str, String)> = value
                .risks
                .iter()
                .map(|r| ("risk", r.to_string()))
                .collect();
            links.extend(value.assessments.iter().map(|a| ("impact", a.to_string())));
            links.extend(value.incidents.iter().map(|i| ("incident", i.to_string())));
            links.push(("role", entry.owner.clone()));
            let screening: Vec<&str> = entry
                .screening
                .iter()
                .map(|x| x.rationale.as_str())
                .collect();
            let mut text = vec![entry.name.as_str(), entry.intended_use.as_str()];
            text.extend(screening);
            Some(Record::new(
                &entry.id,
                &entry.name,
                Some(s.file),
                &value,
                links,
                &text,
            ))
        })
        .collect()
}

#[derive(Serialize)]
struct ImpactRecord<'a> {
    #[serde(flatten)]
    entry: &'a ImpactEntry,
    last_review: Option<NaiveDate>,
    review_every: Option<String>,
    review_overdue: bool,
    in_scope: bool,
    file: &'a str,
    x: &'a Extension,
}

pub fn impacts(view: &View<'_>) -> Vec<Record> {
    view.impacts
        .iter()
        .map(|i| {
            let entry = ImpactEntry::of(i);
            let a = i.assessment;
            let mut links = vec![("system", a.system.clone()), ("role", a.assessor.clone())];
            for d in &a.dimensions {
                links.extend(refs("risk", &d.risks));
            }
            let descriptions: Vec<&str> = a
                .dimensions
                .iter()
                .filter_map(|d| d.description.as_deref().or(d.not_applicable.as_deref()))
                .collect();
            let title = format!("Impact assessment of {}", a.system);
            let value = ImpactRecord {
                entry: &entry,
                last_review: a.review.last,
                review_every: i.next_review.map(|(_, every)| every.to_string()),
                review_overdue: i.review_overdue,
                in_scope: i.in_scope,
                file: i.file,
                x: &a.x,
            };
            let mut text = vec![title.as_str()];
            text.extend(descriptions);
            Record::new(a.id.as_str(), &title, Some(i.file), &value, links, &text)
        })
        .collect()
}

#[derive(Serialize)]
struct ControlRecord<'a> {
    #[serde(flatten)]
    entry: &'a ControlEntry,
    /// When an implemented control must next be verified (`never verified`: at once).
    verification_due: Option<Option<NaiveDate>>,
    verification_overdue: bool,
    file: Option<&'a str>,
    x: Option<&'a Extension>,
}

pub fn controls(view: &View<'_>, entries: &[ControlEntry]) -> Vec<Record> {
    entries
        .iter()
        .filter_map(|entry| {
            let c = view.control(&entry.id)?;
            let value = ControlRecord {
                entry,
                verification_due: c.verification,
                verification_overdue: c
                    .verification
                    .is_some_and(|due| due.is_none_or(|d| d < view.today)),
                file: c.file,
                x: c.decision.map(|d| &d.x),
            };
            let mut links = refs("risk", &entry.risks);
            links.extend(entry.owner.clone().map(|o| ("role", o)));
            Some(Record::new(
                &entry.id,
                &entry.title,
                c.file,
                &value,
                links,
                &[
                    &entry.title,
                    opt(&entry.justification),
                    opt(&entry.description),
                ],
            ))
        })
        .collect()
}

#[derive(Serialize)]
struct IncidentRecord<'a> {
    #[serde(flatten)]
    entry: &'a IncidentEntry,
    /// The audit finding a nonconformity comes from (`AUD-2026-1/F1`).
    source: Option<&'a str>,
    open_actions: usize,
    effectiveness: Option<EffectivenessEntry<'a>>,
    file: &'a str,
    x: &'a Extension,
}

#[derive(Serialize)]
struct EffectivenessEntry<'a> {
    date: NaiveDate,
    by: Option<&'a str>,
    result: &'static str,
    note: Option<&'a str>,
}

pub fn incidents(view: &View<'_>, entries: &[IncidentEntry]) -> Vec<Record> {
    let by_id: HashMap<&str, _> = view.incidents.iter().rev().map(|i| (i.id(), i)).collect();
    entries
        .iter()
        .filter_map(|entry| {
            let i = *by_id.get(entry.id.as_str())?;
            let n = i.incident;
            let value = IncidentRecord {
                entry,
                source: n.source.as_deref(),
                open_actions: i.open_actions,
                effectiveness: n.effectiveness.as_ref().map(|e| EffectivenessEntry {
                    date: e.date,
                    by: e.by.as_deref(),
                    result: e.result.as_str(),
                    note: e.note.as_deref(),
                }),
                file: i.file,
                x: &n.x,
            };
            let mut links = refs("system", &entry.systems);
            links.extend(refs("risk", &entry.risks));
            links.push(("role", entry.reporter.clone()));
            links.extend(action_refs(&entry.corrective_actions));
            if let Some(by) = n.effectiveness.as_ref().and_then(|e| e.by.clone()) {
                links.push(("role", by));
            }
            if let Some(audit) = n.source.as_deref().and_then(|s| s.split('/').next()) {
                links.push(("audit", audit.to_string()));
            }
            Some(Record::new(
                &entry.id,
                &entry.title,
                Some(i.file),
                &value,
                links,
                &[&entry.title, &entry.description, opt(&entry.root_cause)],
            ))
        })
        .collect()
}

#[derive(Serialize)]
struct PolicyRecord<'a> {
    id: &'a str,
    title: &'a str,
    kind: &'static str,
    version: Option<&'a str>,
    document: Vec<EvidenceEntry>,
    owner: Option<&'a str>,
    approved_by: Option<&'a str>,
    approved: Option<NaiveDate>,
    /// The approval names a role that may not approve.
    approved_by_non_approver: bool,
    communicated: Vec<CommunicationEntry<'a>>,
    last_review: Option<NaiveDate>,
    review_every: Option<String>,
    next_review: Option<NaiveDate>,
    review_overdue: bool,
    /// What `policy-incomplete` finds missing.
    missing: &'a [&'static str],
    file: &'a str,
    x: &'a Extension,
}

#[derive(Serialize)]
struct CommunicationEntry<'a> {
    date: NaiveDate,
    to: &'a str,
    how: Option<&'a str>,
}

pub fn policies(view: &View<'_>) -> Vec<Record> {
    view.policies
        .iter()
        .map(|p| {
            let policy = p.policy;
            let value = PolicyRecord {
                id: &policy.id,
                title: &policy.title,
                kind: policy.kind.as_str(),
                version: policy.version.as_deref(),
                document: EvidenceEntry::all(policy.document.as_slice()),
                owner: policy.owner.as_deref(),
                approved_by: policy.approved.as_ref().map(|a| a.by.as_str()),
                approved: policy.approved.as_ref().map(|a| a.date),
                approved_by_non_approver: p.approved_by_non_approver,
                communicated: policy
                    .communicated
                    .iter()
                    .map(|c| CommunicationEntry {
                        date: c.date,
                        to: &c.to,
                        how: c.how.as_deref(),
                    })
                    .collect(),
                last_review: policy.review.last,
                review_every: p.next_review.map(|(_, every)| every.to_string()),
                next_review: p.next_review.map(|(d, _)| d),
                review_overdue: p.review_overdue,
                missing: &p.missing,
                file: p.file,
                x: &policy.x,
            };
            let mut links: Vec<(&'static str, String)> = Vec::new();
            links.extend(policy.owner.clone().map(|o| ("role", o)));
            links.extend(policy.approved.as_ref().map(|a| ("role", a.by.clone())));
            Record::new(
                &policy.id,
                &policy.title,
                Some(p.file),
                &value,
                links,
                &[&policy.title],
            )
        })
        .collect()
}

#[derive(Serialize)]
struct ObjectiveRecord<'a> {
    id: &'a str,
    title: &'a str,
    status: &'static str,
    annex_c: &'a [String],
    policy: Option<&'a str>,
    systems: &'a [String],
    owner: Option<&'a str>,
    metric: Option<MetricEntry<'a>>,
    /// `at-most 3`, `at-least 99`.
    target: Option<String>,
    due: Option<NaiveDate>,
    plan: Vec<ActionEntry>,
    plan_done: usize,
    measurements: Vec<MeasurementEntry<'a>>,
    latest: Option<Reading>,
    on_target: Option<bool>,
    /// The latest reading as `aims objective list` shows it: `0.93 on 2026-10-01 (met)`.
    latest_text: String,
    /// `1/3 done`.
    plan_text: String,
    on_plan: bool,
    /// When the next measurement by hand is due (`None` inside: at once).
    next_measurement: Option<Option<NaiveDate>>,
    measurement_overdue: bool,
    /// What `objective-incomplete` finds missing.
    missing: &'a [&'static str],
    file: &'a str,
    x: &'a Extension,
}

#[derive(Serialize)]
struct MetricEntry<'a> {
    name: &'a str,
    target: Option<f64>,
    direction: Option<&'static str>,
    monitor: Option<&'a str>,
    measure_every: Option<String>,
}

#[derive(Serialize)]
struct MeasurementEntry<'a> {
    date: NaiveDate,
    value: f64,
    note: Option<&'a str>,
}

pub fn objectives(view: &View<'_>) -> Vec<Record> {
    view.objectives
        .iter()
        .map(|o| {
            let objective = o.objective;
            let metric = objective.metric.as_ref();
            let plan: Vec<ActionEntry> = objective
                .plan
                .iter()
                .map(|a| ActionEntry::of(view, a))
                .collect();
            let plan_done = plan.iter().filter(|a| a.status == "done").count();
            let plan_text = format!("{plan_done}/{} done", plan.len());
            let value = ObjectiveRecord {
                id: &objective.id,
                title: &objective.title,
                status: objective.status.as_str(),
                annex_c: &objective.annex_c,
                policy: objective.policy.as_deref(),
                systems: &objective.systems,
                owner: objective.owner.as_deref(),
                metric: metric.map(|m| MetricEntry {
                    name: &m.name,
                    target: m.target,
                    direction: m.direction.map(|d| d.as_str()),
                    monitor: m.monitor.as_deref(),
                    measure_every: m.measure_every.map(|d| d.to_string()),
                }),
                target: metric.and_then(|m| {
                    let target = m.target?;
                    Some(match m.direction {
                        Some(d) => format!("{} {target}", d.as_str()),
                        None => target.to_string(),
                    })
                }),
                due: objective.due,
                plan_done,
                plan,
                measurements: objective
                    .measurements
                    .iter()
                    .map(|m| MeasurementEntry {
                        date: m.date,
                        value: m.value,
                        note: m.note.as_deref(),
                    })
                    .collect(),
                latest: o.latest,
                on_target: o.on_target,
                latest_text: match (o.latest, o.on_target) {
                    (Some(l), Some(true)) => format!("{} on {} (met)", l.value, l.date),
                    (Some(l), Some(false)) => format!("{} on {} (missed)", l.value, l.date),
                    (Some(l), None) => format!("{} on {}", l.value, l.date),
                    (None, _) => "not measured".to_string(),
                },
                plan_text,
                on_plan: o.on_plan(view.today),
                next_measurement: o.next_measurement,
                measurement_overdue: o.measurement_overdue(view.today),
                missing: &o.missing,
                file: o.file,
                x: &objective.x,
            };
            let mut links = refs("system", &objective.systems);
            links.extend(objective.policy.clone().map(|p| ("policy", p)));
            links.extend(objective.owner.clone().map(|o| ("role", o)));
            links.extend(reference_refs(&objective.annex_c));
            links.extend(action_refs(&value.plan));
            if let Some(MeasuredBy::Monitor(m)) = o.measured_by {
                links.push(("monitor", m.to_string()));
            }
            Record::new(
                &objective.id,
                &objective.title,
                Some(o.file),
                &value,
                links,
                &[&objective.title, metric.map_or("", |m| m.name.as_str())],
            )
        })
        .collect()
}

#[derive(Serialize)]
struct ClauseRecord<'a> {
    #[serde(flatten)]
    entry: &'a ClauseEntry,
    /// The statement's evidence, when `clauses/<id>.yaml` cites any.
    statement_evidence: Vec<EvidenceEntry>,
    x: Option<&'a Extension>,
}

pub fn clauses(view: &View<'_>, entries: &[ClauseEntry]) -> Vec<Record> {
    entries
        .iter()
        .map(|entry| {
            let statement = view
                .register
                .clauses
                .iter()
                .find(|e| e.value.id == entry.id)
                .map(|e| &e.value);
            let value = ClauseRecord {
                entry,
                statement_evidence: statement
                    .map(|s| EvidenceEntry::all(&s.evidence))
                    .unwrap_or_default(),
                x: statement.map(|s| &s.x),
            };
            let links = entry
                .evidence
                .iter()
                .filter_map(|r| Some((record_kind(r.kind)?, r.id.clone())))
                .collect();
            Record::new(
                entry.id,
                entry.title,
                entry.statement.as_ref().map(|s| s.file.as_str()),
                &value,
                links,
                &[entry.title, &entry.reason],
            )
        })
        .collect()
}

/// The link kind of a record kind the readiness names (`risk`, `policy`,
/// `configuration`, ...).
pub fn record_kind(kind: &str) -> Option<&'static str> {
    match kind {
        "impact assessment" => Some("impact"),
        "clause statement" => Some("clause"),
        other => super::links::KINDS.iter().copied().find(|k| *k == other),
    }
}

#[derive(Serialize)]
struct RoleRecord<'a> {
    id: &'a str,
    name: &'a str,
    email: Option<&'a str>,
    approver: bool,
    top_management: bool,
    signing_keys: &'a [String],
    competence: Vec<CompetenceEntry<'a>>,
}

#[derive(Serialize)]
struct CompetenceEntry<'a> {
    need: &'a str,
    evidence: Vec<EvidenceEntry>,
    date: Option<NaiveDate>,
    expires: Option<NaiveDate>,
    expired: bool,
}

pub fn roles(view: &View<'_>) -> Vec<Record> {
    let Some(config) = view.config() else {
        return Vec::new();
    };
    config
        .roles
        .iter()
        .map(|role| {
            let value = RoleRecord {
                id: &role.id,
                name: &role.name,
                email: role.email.as_deref(),
                approver: role.approver,
                top_management: role.top_management,
                signing_keys: &role.signing_keys,
                competence: view
                    .competence
                    .iter()
                    .filter(|c| c.role == role.id)
                    .map(|c| CompetenceEntry {
                        need: &c.record.need,
                        evidence: EvidenceEntry::all(c.record.evidence.as_slice()),
                        date: c.record.date,
                        expires: c.record.expires,
                        expired: c.expired,
                    })
                    .collect(),
            };
            Record::new(
                &role.id,
                &role.name,
                Some(crate::register::CONFIG_FILE),
                &value,
                Vec::new(),
                &[&role.name],
            )
        })
        .collect()
}

#[derive(Serialize)]
struct ContextRecord<'a> {
    id: &'a str,
    issues: Vec<IssueEntry<'a>>,
    interested_parties: Vec<PartyEntry<'a>>,
    complete: bool,
    last_review: Option<NaiveDate>,
    review_every: Option<String>,
    next_review: Option<NaiveDate>,
    review_overdue: bool,
    file: &'a str,
    x: &'a Extension,
}

#[derive(Serialize)]
struct IssueEntry<'a> {
    id: &'a str,
    kind: &'static str,
    description: &'a str,
}

#[derive(Serialize)]
struct PartyEntry<'a> {
    id: &'a str,
    name: &'a str,
    requirements: &'a [String],
    /// Controls, objectives, policies or risks, as written.
    addressed_by: &'a [String],
}

/// The organisation's context (4.1, 4.2), when `context.yaml` loaded.
pub fn context(view: &View<'_>) -> Option<Record> {
    let c = view.context.as_ref()?;
    let context = c.context;
    let value = ContextRecord {
        id: &context.id,
        issues: context
            .issues
            .iter()
            .map(|i| IssueEntry {
                id: &i.id,
                kind: i.kind.as_str(),
                description: &i.description,
            })
            .collect(),
        interested_parties: context
            .interested_parties
            .iter()
            .map(|p| PartyEntry {
                id: &p.id,
                name: &p.name,
                requirements: &p.requirements,
                addressed_by: &p.addressed_by,
            })
            .collect(),
        complete: c.complete(),
        last_review: context.review.last,
        review_every: c.next_review.map(|(_, every)| every.to_string()),
        next_review: c.next_review.map(|(d, _)| d),
        review_overdue: c.review_overdue,
        file: c.file,
        x: &context.x,
    };
    let mut text: Vec<&str> = context
        .issues
        .iter()
        .map(|i| i.description.as_str())
        .collect();
    text.extend(context.interested_parties.iter().map(|p| p.name.as_str()));
    Some(Record::new(
        &context.id,
        "Context of the organisation",
        Some(c.file),
        &value,
        Vec::new(),
        &text,
    ))
}
