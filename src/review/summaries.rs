//! The summary of each input of 9.3.2, in words, from the pack: what `aims
//! management-review record` prefills and the pack's first table shows.

use super::{Movement, Pack, Summaries};

/// One summary per input, in words, from the pack.
pub(super) fn summaries(pack: &Pack) -> Summaries {
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
    let m = &p.monitoring;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let measured: usize = m.monitors.iter().map(|x| x.measured).sum();
    let broke: usize = m.monitors.iter().map(|x| x.breaches.len()).sum();
    let in_breach = m
        .monitors
        .iter()
        .filter(|x| x.state == crate::view::MonitorState::Breach)
        .count();
    performance.push(format!(
        "{} measured {}, {} ({in_breach} in breach now); {}, {} beyond target",
        plural(m.monitors.len(), "monitor", "monitors"),
        plural(measured, "time", "times"),
        plural(broke, "breach", "breaches"),
        plural(m.results.len(), "objective result", "objective results"),
        m.results.iter().filter(|r| !r.within).count()
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
