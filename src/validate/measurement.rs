//! `measurement-overdue` for monitors: a monitor of a system in use has no
//! measurement within its cycle (`every`); one never measured is due at once.
//! Objectives measured by hand are judged with the other objective rules
//! (`management`), on their `measure_every`, by the same rule.

use crate::finding::{Finding, Rule};
use crate::view::View;

pub fn overdue(view: &View<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for m in view.monitors.iter().filter(|m| m.active && m.overdue) {
        let every = m.monitor.every;
        let message = match (m.latest(), m.next_due) {
            (Some(latest), Some(due)) => format!(
                "the last measurement was on {}; the next was due by {due} (every {every})",
                latest.at.date
            ),
            _ => format!("nothing has been measured yet (a measurement is expected every {every})"),
        };
        out.push(
            view.finding(Rule::MeasurementOverdue, m.doc, "/every", message)
                .hint(format!(
                    "record it with `aims monitor record {} VALUE`, or from a pipeline with `aims monitor ingest`",
                    m.id()
                )),
        );
    }
    out
}
