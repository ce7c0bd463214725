//! Monitoring and measurement (clause 9.1): `monitor-breach`, `measurement-invalid`
//! (the parts that need the monitors and the date: a file without a monitor, a
//! measurement dated in the future; rows that do not read are reported by the loader)
//! and `monitoring-missing`.
//!
//! Monitors of systems that are retired, out of scope or unknown are history: only
//! their files are judged.

use crate::finding::{Finding, Rule};
use crate::model::{Kind, Lifecycle};
use crate::view::{MonitorState, View};
use crate::yaml::Loc;

pub fn rules(view: &View<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    breaches(view, &mut out);
    invalid(view, &mut out);
    missing(view, &mut out);
    out
}

fn breaches(view: &View<'_>, out: &mut Vec<Finding>) {
    for m in view.monitors.iter().filter(|m| m.active) {
        let (MonitorState::Breach, Some(latest)) = (m.state, m.latest()) else {
            continue;
        };
        let risks = &m.monitor.risks;
        let listed = risks
            .iter()
            .map(|r| format!("`{r}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let hint = match risks.len() {
            0 => "find out why, and list the risks it watches under `risks:` so that a breach triggers their review".to_string(),
            1 => format!("find out why; the review of {listed} is triggered"),
            _ => format!("find out why; the reviews of {listed} are triggered"),
        };
        out.push(
            view.finding(
                Rule::MonitorBreach,
                m.doc,
                "/threshold",
                format!(
                    "the latest measurement, {} on {} ({}:{}), is beyond the threshold ({})",
                    latest.value,
                    latest.at,
                    m.measurements.map_or("", |f| f.path.as_str()),
                    latest.line,
                    m.monitor.threshold.describe()
                ),
            )
            .hint(hint),
        );
    }
}

fn invalid(view: &View<'_>, out: &mut Vec<Finding>) {
    for file in &view.register.measurements {
        if !view.index.has(Kind::Monitor, &file.id) {
            let known = view.monitors.iter().map(|m| m.id());
            let hint = match crate::suggest::closest(&file.id, known) {
                Some(s) => format!("did you mean `measurements/{s}.csv`?"),
                None => format!(
                    "add the monitor as `monitors/{}.yaml` (`aims monitor add`), or move the file out of `measurements/`",
                    file.id
                ),
            };
            out.push(
                Finding::new(
                    Rule::MeasurementInvalid,
                    &file.path,
                    format!("there is no monitor `{}` for these measurements", file.id),
                )
                .entity(&file.id)
                .hint(hint),
            );
        }
    }
    for m in &view.monitors {
        let Some(file) = m.measurements else { continue };
        for row in &m.future {
            out.push(
                Finding::new(
                    Rule::MeasurementInvalid,
                    &file.path,
                    format!(
                        "the measurement is dated {}, after today ({}); it is not counted",
                        row.at, view.today
                    ),
                )
                .at(Loc {
                    line: row.line,
                    column: 1,
                })
                .entity(&file.id)
                .hint("correct the date; a measurement speaks for when it was taken"),
            );
        }
    }
}

fn missing(view: &View<'_>, out: &mut Vec<Finding>) {
    for s in &view.systems {
        let system = s.system;
        if !system.in_scope || system.lifecycle != Lifecycle::Deployed || !s.monitors.is_empty() {
            continue;
        }
        out.push(
            view.finding(
                Rule::MonitoringMissing,
                s.doc,
                "/lifecycle",
                "the system is deployed but nothing monitors it (clause 9.1): no monitor names it",
            )
            .hint(format!(
                "add a monitor of its performance, drift or fairness: `aims monitor add --system {}`",
                system.id
            )),
        );
    }
}
