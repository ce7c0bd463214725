//! The performance of the AIMS over the period (9.3.2 d) and its opportunities
//! (9.3.2 e): incidents and nonconformities with their corrective actions, monitoring
//! and measurement results, objectives against their targets, audit results.

use chrono::NaiveDate;

use super::{
    AuditLine, Audits, Changes, FindingLine, IncidentLine, MonitorLine, Monitoring,
    Nonconformities, ObjectiveTrend, Opportunity, Reading,
};
use crate::model::{Incident, IncidentKind, IncidentStatus, RiskKind};
use crate::view::{FindingAction, View};

pub(super) fn incident_line(i: &Incident, open_actions: usize) -> IncidentLine {
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

pub(super) fn nonconformities(
    now: &View<'_>,
    then: &View<'_>,
    since: NaiveDate,
) -> Nonconformities {
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
        // Closed in the period: since the start, or dated in it (a closure recorded
        // before the first commit of a register younger than the period).
        if i.incident.status == IncidentStatus::Closed
            && (!was_closed(i.id()) || i.incident.closed.is_some_and(|d| d > since))
        {
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

/// Monitoring and measurement results of the period: each monitor of a system in
/// use (and any other measured in the period) with its latest measurement, how often
/// it was measured and its breaches; the measurements of objectives measured by hand,
/// judged against their targets; and the monitors added or changed.
pub fn monitoring(now: &View<'_>, changes: &Changes, since: NaiveDate) -> Monitoring {
    let in_period = |d: NaiveDate| d > since && d <= now.today;
    let mut breaches = Vec::new();
    let mut monitors = Vec::new();
    for m in &now.monitors {
        let first = m.series.partition_point(|x| x.at.date <= since);
        let measured = m.series.len() - first;
        if !m.active && measured == 0 {
            continue;
        }
        let threshold = m.monitor.threshold.describe();
        let reading = |x: &crate::model::Measurement| Reading {
            source: m.id().to_string(),
            metric: m.monitor.metric.clone(),
            date: x.at.date,
            value: x.value,
            limit: threshold.clone(),
            within: !m.beyond(x.value),
        };
        let broke: Vec<Reading> = m
            .breaches
            .iter()
            .filter(|x| in_period(x.at.date))
            .map(|x| reading(x))
            .collect();
        breaches.extend(broke.iter().cloned());
        monitors.push(MonitorLine {
            id: m.id().to_string(),
            system: m.monitor.system.clone(),
            metric: m.monitor.metric.clone(),
            threshold: threshold.clone(),
            state: m.state,
            latest: m.latest().map(reading),
            measured,
            overdue: m.active && m.overdue,
            breaches: broke,
        });
    }
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
            .filter(|m| in_period(m.date))
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
    breaches.extend(results.iter().filter(|r| !r.within).cloned());
    breaches.sort_by(|a, b| (a.date, &a.source).cmp(&(b.date, &b.source)));
    Monitoring {
        monitors,
        results,
        breaches,
        monitors_changed: changes.monitors.clone(),
    }
}

pub(super) fn objectives(now: &View<'_>, then: &View<'_>) -> Vec<ObjectiveTrend> {
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

pub(super) fn audit_line(a: &crate::view::AuditView<'_>) -> AuditLine {
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

pub(super) fn audits(now: &View<'_>, since: NaiveDate) -> Audits {
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

pub(super) fn opportunities(now: &View<'_>, since: NaiveDate) -> Vec<Opportunity> {
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
