//! The management review's input pack (clause 9.3.2), drawn from the register and its
//! git history.
//!
//! A [`Pack`] compares the register as it stood at the start of the period (the last
//! management review, or what `--since` names; see [`since`]) with the register now,
//! each judged as of its own date: the status of the previous review's actions; the
//! changes to the context and interested parties; the performance of the AIMS with
//! trends (nonconformities and corrective actions, monitoring results and breaches,
//! objectives against their targets, audit results and open findings, and indicators
//! at each earlier review); every change to the register (`compare`); what is
//! overdue; and the opportunities for improvement. From all of it, one summary per
//! input, which `aims management-review record` writes into a new review, marked as
//! drawn from the register.
//!
//! Pure: the registers are read by the caller ([`since::history`]); nothing here
//! reads files, git or the clock.

mod indicators;
pub mod since;

use chrono::NaiveDate;
use serde::Serialize;

use crate::compare::{self, Changes, Movement};
use crate::model::{Action, Incident, IncidentKind, IncidentStatus, RiskKind};
use crate::view::{DueItem, FindingAction, View};

pub use indicators::Indicators;
pub use since::{Period, Point};

/// One action of the previous review, with its status now.
#[derive(Debug, Clone, Serialize)]
pub struct ActionStatusEntry {
    pub id: String,
    pub description: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: &'static str,
    pub completed: Option<NaiveDate>,
    pub evidence: Vec<String>,
    pub overdue: bool,
}

/// The previous review and what became of its actions.
#[derive(Debug, Clone, Serialize)]
pub struct PreviousReview {
    pub id: String,
    pub date: NaiveDate,
    pub file: String,
    pub decisions: Vec<String>,
    pub actions: Vec<ActionStatusEntry>,
}

/// An incident, as the pack lists it.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentLine {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    pub severity: String,
    pub reported: NaiveDate,
    pub status: &'static str,
    pub closed: Option<NaiveDate>,
    /// The audit finding it came from.
    pub source: Option<String>,
    /// The effectiveness review of its corrective actions: `effective on 2026-10-20`.
    pub effectiveness: Option<String>,
    pub open_actions: usize,
}

/// Nonconformities, incidents and corrective actions over the period.
#[derive(Debug, Clone, Serialize)]
pub struct Nonconformities {
    /// Incidents of every kind reported in the period.
    pub opened: Vec<IncidentLine>,
    /// Incidents closed in the period.
    pub closed: Vec<IncidentLine>,
    /// Nonconformities still open now.
    pub open: Vec<IncidentLine>,
    /// Effectiveness reviews recorded in the period.
    pub effectiveness: Vec<IncidentLine>,
    /// Corrective actions completed in the period, and still open now.
    pub corrective_actions_done: usize,
    pub corrective_actions_open: usize,
    pub corrective_actions_overdue: usize,
}

/// One measurement or monitoring result.
#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    /// The objective or monitor.
    pub source: String,
    pub metric: String,
    pub date: NaiveDate,
    pub value: f64,
    /// `at-most 3`, `max 5`.
    pub limit: String,
    pub within: bool,
}

/// Monitoring and measurement results of the period (clause 9.1).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Monitoring {
    /// Every result recorded in the period.
    pub results: Vec<Reading>,
    /// The results beyond their limit.
    pub breaches: Vec<Reading>,
    /// Monitors added or changed in the period.
    pub monitors_changed: Vec<Movement>,
}

/// An objective against its target, then and now.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveTrend {
    pub id: String,
    pub title: String,
    pub status: &'static str,
    pub target: Option<String>,
    pub then: Option<f64>,
    pub now: Option<f64>,
    pub on_target: Option<bool>,
    /// `improving`, `worsening`, `steady`, `new`, or `not measured`.
    pub trend: &'static str,
}

/// An audit done in the period.
#[derive(Debug, Clone, Serialize)]
pub struct AuditLine {
    pub id: String,
    pub title: String,
    pub done: Option<NaiveDate>,
    pub nonconformities: usize,
    pub observations: usize,
    pub opportunities: usize,
}

/// A finding, as the pack lists it.
#[derive(Debug, Clone, Serialize)]
pub struct FindingLine {
    /// `AUD-2026-1/F1`.
    pub id: String,
    pub kind: &'static str,
    pub grade: Option<&'static str>,
    pub about: Option<String>,
    pub description: String,
    /// The incident carrying it, and whether that is closed.
    pub incident: Option<String>,
    pub closed: bool,
}

/// Audit results (clause 9.2).
#[derive(Debug, Clone, Serialize)]
pub struct Audits {
    pub done: Vec<AuditLine>,
    /// Nonconformities not yet closed, of every audit.
    pub open_findings: Vec<FindingLine>,
    pub uncovered_clauses: Vec<&'static str>,
    pub uncovered_controls: Vec<String>,
    /// The next planned or in-progress audit.
    pub next: Option<AuditLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Performance {
    pub nonconformities: Nonconformities,
    pub monitoring: Monitoring,
    pub objectives: Vec<ObjectiveTrend>,
    pub audits: Audits,
    /// The indicators at each earlier review, at the start of the period and now,
    /// oldest first.
    pub indicators: Vec<Indicators>,
}

/// An opportunity for improvement.
#[derive(Debug, Clone, Serialize)]
pub struct Opportunity {
    /// An audit finding (`AUD-2026-1/F2`) or a risk id.
    pub id: String,
    pub source: &'static str,
    pub description: String,
}

/// An item overdue now.
#[derive(Debug, Clone, Serialize)]
pub struct Overdue {
    pub due: Option<NaiveDate>,
    pub kind: &'static str,
    pub entity: String,
    pub item: Option<String>,
    pub title: String,
    pub owner: Option<String>,
}

/// One summary per input of 9.3.2, drawn from the register: what `aims
/// management-review record` prefills, for the meeting to confirm or rewrite.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Summaries {
    pub previous_actions: String,
    pub context_changes: String,
    pub interested_parties: String,
    pub performance: String,
    pub opportunities: String,
}

/// The input pack.
#[derive(Debug, Clone, Serialize)]
pub struct Pack {
    pub period: Period,
    pub previous_review: Option<PreviousReview>,
    /// Changes to the issues (4.1), the scope and the criteria.
    pub context_changes: Vec<Movement>,
    /// Changes to the interested parties and their requirements (4.2).
    pub interested_parties: Vec<Movement>,
    pub performance: Performance,
    /// Every change to the register over the period, as `aims diff` shows it.
    pub changes: Changes,
    pub overdue: Vec<Overdue>,
    pub opportunities: Vec<Opportunity>,
    pub summaries: Summaries,
}

/// The views a pack is drawn from.
pub struct Sources<'a, 'r> {
    /// The register now, judged as of today.
    pub now: &'a View<'r>,
    /// The register at the start of the period, judged as of that date.
    pub then: &'a View<'r>,
    /// The register at earlier reviews, oldest first.
    pub earlier: Vec<(String, &'a View<'r>)>,
    pub period: Period,
}

impl Pack {
    pub fn new(sources: &Sources<'_, '_>) -> Pack {
        let Sources {
            now,
            then,
            earlier,
            period,
        } = sources;
        let since = period.since.date;
        let changes = compare::compare(then, now);
        let previous_review = period
            .review
            .as_deref()
            .and_then(|id| now.management_review(id))
            .map(|m| PreviousReview {
                id: m.id().to_string(),
                date: m.review.date,
                file: m.file.to_string(),
                decisions: m.review.decisions.clone(),
                actions: m
                    .review
                    .actions
                    .iter()
                    .map(|a| action_entry(now, a))
                    .collect(),
            });
        let (context_changes, interested_parties): (Vec<Movement>, Vec<Movement>) = changes
            .context
            .iter()
            .cloned()
            .partition(|m| m.title != "interested party (4.2)");
        let mut context_changes = context_changes;
        context_changes.extend(
            changes
                .criteria
                .iter()
                .filter(|m| m.id == "scope" || m.id.starts_with("criteria."))
                .cloned(),
        );
        let mut indicators: Vec<Indicators> = earlier
            .iter()
            .map(|(label, view)| {
                Indicators::of(
                    view,
                    label.clone(),
                    view.register.revision().map(|r| r.short().to_string()),
                )
            })
            .collect();
        indicators.push(Indicators::of(
            then,
            format!("since ({})", period.since.spec),
            period.since.short.clone(),
        ));
        indicators.push(Indicators::of(now, "now", period.until.short.clone()));
        let performance = Performance {
            nonconformities: nonconformities(now, then, since),
            monitoring: monitoring(now, &changes, since),
            objectives: objectives(now, then),
            audits: audits(now, since),
            indicators,
        };
        let overdue = now
            .due()
            .into_iter()
            .filter(|d| d.overdue(now.today))
            .map(overdue_entry)
            .collect();
        let opportunities = opportunities(now, since);
        let mut pack = Pack {
            period: period.clone(),
            previous_review,
            context_changes,
            interested_parties,
            performance,
            changes,
            overdue,
            opportunities,
            summaries: Summaries {
                previous_actions: String::new(),
                context_changes: String::new(),
                interested_parties: String::new(),
                performance: String::new(),
                opportunities: String::new(),
            },
        };
        pack.summaries = summaries(&pack);
        pack
    }
}

fn action_entry(view: &View<'_>, a: &Action) -> ActionStatusEntry {
    ActionStatusEntry {
        id: a.id.clone(),
        description: a.description.clone(),
        owner: a.owner.clone(),
        due: a.due,
        status: a.status.as_str(),
        completed: a.completed,
        evidence: a
            .evidence
            .iter()
            .map(|e| e.reference().to_string())
            .collect(),
        overdue: view.action_overdue(a),
    }
}

fn overdue_entry(d: DueItem) -> Overdue {
    Overdue {
        due: d.due,
        kind: d.kind.label(),
        entity: d.entity,
        item: d.item,
        title: d.title,
        owner: d.owner,
    }
}

fn incident_line(i: &Incident, open_actions: usize) -> IncidentLine {
    IncidentLine {
        id: i.id.clone(),
        title: i.title.clone(),
        kind: i.kind.as_str(),
        severity: i.severity.clone(),
        reported: i.reported,
        status: i.status.as_str(),
        closed: i.closed,
        source: i.source.clone(),
        effectiveness: i
            .effectiveness
            .as_ref()
            .map(|e| format!("{} on {}", e.result.as_str(), e.date)),
        open_actions,
    }
}

fn nonconformities(now: &View<'_>, then: &View<'_>, since: NaiveDate) -> Nonconformities {
    let was_closed = |id: &str| {
        then.incident(id)
            .is_some_and(|i| i.incident.status == IncidentStatus::Closed)
    };
    let existed = |id: &str| then.incident(id).is_some();
    let mut opened = Vec::new();
    let mut closed = Vec::new();
    let mut open = Vec::new();
    let mut effectiveness = Vec::new();
    let (mut done, mut still_open, mut overdue) = (0, 0, 0);
    let mut incidents: Vec<_> = now.incidents.iter().collect();
    incidents.sort_by(|a, b| (a.incident.reported, a.id()).cmp(&(b.incident.reported, b.id())));
    for i in incidents {
        let line = || incident_line(i.incident, i.open_actions);
        if !existed(i.id()) || i.incident.reported > since {
            opened.push(line());
        }
        if i.incident.status == IncidentStatus::Closed && !was_closed(i.id()) {
            closed.push(line());
        }
        if i.incident.kind == IncidentKind::Nonconformity
            && i.incident.status != IncidentStatus::Closed
        {
            open.push(line());
        }
        let reviewed_before = then
            .incident(i.id())
            .and_then(|x| x.incident.effectiveness.as_ref());
        if i.incident.effectiveness.is_some()
            && reviewed_before != i.incident.effectiveness.as_ref()
        {
            effectiveness.push(line());
        }
        for a in &i.incident.corrective_actions {
            if a.status == crate::model::ActionStatus::Done && a.completed.is_none_or(|d| d > since)
            {
                let was_done = then
                    .incident(i.id())
                    .and_then(|x| x.incident.corrective_actions.iter().find(|b| b.id == a.id))
                    .is_some_and(|b| b.status == crate::model::ActionStatus::Done);
                done += usize::from(!was_done);
            }
            still_open += usize::from(a.status.is_open());
            overdue += usize::from(now.action_overdue(a));
        }
    }
    Nonconformities {
        opened,
        closed,
        open,
        effectiveness,
        corrective_actions_done: done,
        corrective_actions_open: still_open,
        corrective_actions_overdue: overdue,
    }
}

/// Monitoring and measurement results of the period: the measurements of objectives
/// measured by hand, judged against their targets, and the monitors added or changed.
///
/// The results and breaches of `monitors/` (their `measurements/<id>.csv`) belong
/// here too; they join once the read model carries monitors' measurements, and this
/// is the one function to extend.
pub fn monitoring(now: &View<'_>, changes: &Changes, since: NaiveDate) -> Monitoring {
    let mut results = Vec::new();
    for o in now.objectives.iter() {
        let Some(metric) = &o.objective.metric else {
            continue;
        };
        let (Some(target), Some(direction)) = (metric.target, metric.direction) else {
            continue;
        };
        let mut readings: Vec<_> = o
            .objective
            .measurements
            .iter()
            .filter(|m| m.date > since && m.date <= now.today)
            .collect();
        readings.sort_by_key(|m| m.date);
        results.extend(readings.into_iter().map(|m| Reading {
            source: o.id().to_string(),
            metric: metric.name.clone(),
            date: m.date,
            value: m.value,
            limit: format!("{} {target}", direction.as_str()),
            within: direction.met(m.value, target),
        }));
    }
    let breaches = results.iter().filter(|r| !r.within).cloned().collect();
    Monitoring {
        results,
        breaches,
        monitors_changed: changes.monitors.clone(),
    }
}

fn objectives(now: &View<'_>, then: &View<'_>) -> Vec<ObjectiveTrend> {
    now.objectives
        .iter()
        .map(|o| {
            let metric = o.objective.metric.as_ref();
            let target = metric.and_then(|m| {
                m.target
                    .zip(m.direction)
                    .map(|(t, d)| format!("{} {t}", d.as_str()))
            });
            let was = then.objective(o.id()).and_then(|x| x.latest);
            let is = o.latest;
            let direction = metric.and_then(|m| m.direction);
            let trend = match (was, is, direction) {
                (_, None, _) => "not measured",
                (None, Some(_), _) => "new",
                (Some(a), Some(b), Some(d)) if a.value != b.value => {
                    let better = match d {
                        crate::model::Direction::AtMost => b.value < a.value,
                        crate::model::Direction::AtLeast => b.value > a.value,
                    };
                    if better { "improving" } else { "worsening" }
                }
                _ => "steady",
            };
            ObjectiveTrend {
                id: o.id().to_string(),
                title: o.objective.title.clone(),
                status: o.objective.status.as_str(),
                target,
                then: was.map(|r| r.value),
                now: is.map(|r| r.value),
                on_target: o.on_target,
                trend,
            }
        })
        .collect()
}

fn audit_line(a: &crate::view::AuditView<'_>) -> AuditLine {
    let count = |kind: crate::model::FindingKind| {
        a.audit.findings.iter().filter(|f| f.kind == kind).count()
    };
    AuditLine {
        id: a.id().to_string(),
        title: a.audit.title.clone(),
        done: a.audit.done,
        nonconformities: count(crate::model::FindingKind::Nonconformity),
        observations: count(crate::model::FindingKind::Observation),
        opportunities: count(crate::model::FindingKind::Opportunity),
    }
}

fn audits(now: &View<'_>, since: NaiveDate) -> Audits {
    let mut done: Vec<_> = now
        .audits
        .iter()
        .filter(|a| a.is_done() && a.audit.done.is_some_and(|d| d > since && d <= now.today))
        .collect();
    done.sort_by_key(|a| (a.audit.done, a.id()));
    let open_findings = now
        .audits
        .iter()
        .flat_map(|a| {
            a.findings
                .iter()
                .filter(|f| f.open())
                .map(move |f| FindingLine {
                    id: format!("{}/{}", a.id(), f.finding.id),
                    kind: f.finding.kind.as_str(),
                    grade: f.finding.grade.map(|g| match g {
                        crate::model::Grade::Major => "major",
                        crate::model::Grade::Minor => "minor",
                    }),
                    about: f.finding.clause.clone().or(f.finding.control.clone()),
                    description: f.finding.description.trim().to_string(),
                    incident: match f.action {
                        FindingAction::Carried { incident, .. }
                        | FindingAction::NoCorrectiveAction(incident)
                        | FindingAction::NotNonconformity(incident)
                        | FindingAction::UnknownIncident(incident) => Some(incident.to_string()),
                        FindingAction::NoIncident | FindingAction::NotRequired => None,
                    },
                    closed: false,
                })
        })
        .collect();
    let next = now
        .audits
        .iter()
        .filter(|a| a.is_pending())
        .min_by_key(|a| (a.audit.planned, a.id()))
        .map(audit_line);
    Audits {
        done: done.into_iter().map(audit_line).collect(),
        open_findings,
        uncovered_clauses: now.programme.uncovered_clauses(),
        uncovered_controls: now
            .programme
            .uncovered_controls()
            .into_iter()
            .map(str::to_string)
            .collect(),
        next,
    }
}

fn opportunities(now: &View<'_>, since: NaiveDate) -> Vec<Opportunity> {
    let mut out: Vec<Opportunity> = now
        .audits
        .iter()
        .filter(|a| a.is_done() && a.audit.done.is_some_and(|d| d > since) || a.in_cycle)
        .flat_map(|a| {
            a.audit
                .findings
                .iter()
                .filter(|f| f.kind == crate::model::FindingKind::Opportunity)
                .map(move |f| Opportunity {
                    id: format!("{}/{}", a.id(), f.id),
                    source: "audit finding",
                    description: f.description.trim().to_string(),
                })
        })
        .collect();
    out.extend(
        now.risks
            .iter()
            .filter(|r| r.is_open() && r.risk.kind == RiskKind::Opportunity)
            .map(|r| Opportunity {
                id: r.id().to_string(),
                source: "opportunity (risk register)",
                description: r.risk.title.clone(),
            }),
    );
    out
}

/// One summary per input, in words, from the pack.
fn summaries(pack: &Pack) -> Summaries {
    let previous_actions = match &pack.previous_review {
        None => "No earlier management review; no actions to follow up.".to_string(),
        Some(r) if r.actions.is_empty() => format!("{} ({}) recorded no actions.", r.id, r.date),
        Some(r) => {
            let each: Vec<String> = r
                .actions
                .iter()
                .map(|a| {
                    let mut text = format!("{} {}", a.id, a.status);
                    if let Some(d) = a.completed {
                        text.push_str(&format!(" {d}"));
                    } else if let Some(d) = a.due {
                        text.push_str(&format!(", due {d}"));
                    }
                    if a.overdue {
                        text.push_str(" (overdue)");
                    }
                    text
                })
                .collect();
            let done = r.actions.iter().filter(|a| a.status == "done").count();
            format!(
                "{}: {done} of {} actions done; {}.",
                r.id,
                r.actions.len(),
                each.join("; ")
            )
        }
    };
    let listed = |moves: &[Movement], none: &str| {
        if moves.is_empty() {
            none.to_string()
        } else {
            let each: Vec<String> = moves
                .iter()
                .map(|m| {
                    if m.from.is_empty() {
                        format!("{} {}", m.id, m.to)
                    } else {
                        format!("{} {} -> {}", m.id, m.from, m.to)
                    }
                })
                .collect();
            format!("{}.", each.join("; "))
        }
    };
    let p = &pack.performance;
    let n = &p.nonconformities;
    let mut performance = vec![format!(
        "{} incident{} reported, {} closed; {} nonconformit{} open; corrective actions: {} done, {} open, {} overdue",
        n.opened.len(),
        if n.opened.len() == 1 { "" } else { "s" },
        n.closed.len(),
        n.open.len(),
        if n.open.len() == 1 { "y" } else { "ies" },
        n.corrective_actions_done,
        n.corrective_actions_open,
        n.corrective_actions_overdue
    )];
    if !n.effectiveness.is_empty() {
        let each: Vec<String> = n
            .effectiveness
            .iter()
            .map(|i| {
                format!(
                    "{} {}",
                    i.id,
                    i.effectiveness.as_deref().unwrap_or_default()
                )
            })
            .collect();
        performance.push(format!("effectiveness reviewed: {}", each.join(", ")));
    }
    performance.push(format!(
        "{} monitoring result{}, {} beyond limit",
        p.monitoring.results.len(),
        if p.monitoring.results.len() == 1 {
            ""
        } else {
            "s"
        },
        p.monitoring.breaches.len()
    ));
    let objectives: Vec<String> = p
        .objectives
        .iter()
        .filter(|o| o.status == "active")
        .map(|o| {
            let verdict = match o.on_target {
                Some(true) => "on target",
                Some(false) => "off target",
                None => "not measured",
            };
            format!("{} {verdict} ({})", o.id, o.trend)
        })
        .collect();
    if !objectives.is_empty() {
        performance.push(format!("objectives: {}", objectives.join(", ")));
    }
    let audits: Vec<String> = p
        .audits
        .done
        .iter()
        .map(|a| {
            format!(
                "{} ({} nonconformit{}, {} observation{}, {} opportunit{})",
                a.id,
                a.nonconformities,
                if a.nonconformities == 1 { "y" } else { "ies" },
                a.observations,
                if a.observations == 1 { "" } else { "s" },
                a.opportunities,
                if a.opportunities == 1 { "y" } else { "ies" }
            )
        })
        .collect();
    performance.push(if audits.is_empty() {
        "no audit done".to_string()
    } else {
        format!("audits done: {}", audits.join(", "))
    });
    performance.push(format!(
        "{} open audit finding{}; {} item{} overdue",
        p.audits.open_findings.len(),
        if p.audits.open_findings.len() == 1 {
            ""
        } else {
            "s"
        },
        pack.overdue.len(),
        if pack.overdue.len() == 1 { "" } else { "s" }
    ));
    let c = &pack.changes;
    performance.push(format!(
        "risks: {} added, {} closed, {} reopened, {} re-scored",
        c.risks_added.len(),
        c.risks_closed.len(),
        c.risks_reopened.len(),
        c.scores.len() + c.bands_moved.len()
    ));
    let opportunities = if pack.opportunities.is_empty() {
        "No opportunity for improvement recorded.".to_string()
    } else {
        let each: Vec<String> = pack
            .opportunities
            .iter()
            .map(|o| format!("{}: {}", o.id, o.description.trim_end_matches('.')))
            .collect();
        format!("{}.", each.join("; "))
    };
    Summaries {
        previous_actions,
        context_changes: listed(
            &pack.context_changes,
            "No change to the issues, the scope or the criteria.",
        ),
        interested_parties: listed(
            &pack.interested_parties,
            "No change to the interested parties or their requirements.",
        ),
        performance: format!("{}.", performance.join("; ")),
        opportunities,
    }
}
