//! What changed in the risks: added, removed, closed and reopened; assessments and the
//! bands a criteria change moves; targets, treatment options, treatment actions,
//! acceptances (given, expired, withdrawn) and reviews.

use chrono::NaiveDate;

use super::{Changes, Item, matched, movement};
use crate::model::{Action, Risk, RiskStatus};
use crate::view::View;

fn score_text(view: &View<'_>, risk: &Risk) -> String {
    view.describe(risk.assessment.likelihood, risk.assessment.consequence)
}

fn acceptance(risk: &Risk) -> Option<String> {
    let a = risk.treatment.as_ref()?.acceptance.as_ref()?;
    Some(format!(
        "by {} on {}{}",
        a.approved_by.as_deref().unwrap_or("?"),
        a.date.map_or_else(|| "?".to_string(), |d| d.to_string()),
        a.expires
            .map(|d| format!(", until {d}"))
            .unwrap_or_default()
    ))
}

/// Whether a risk's acceptance holds on `today`: present and not past `expires`.
fn acceptance_holds(risk: &Risk, today: NaiveDate) -> bool {
    risk.treatment
        .as_ref()
        .and_then(|t| t.acceptance.as_ref())
        .is_some_and(|a| a.expires.is_none_or(|e| e >= today))
}

/// What a risk's comparison below interprets; other changed fields are `edited`.
const RISK_FIELDS: &[&str] = &[
    "status",
    "closed_reason",
    "assessment/likelihood",
    "assessment/consequence",
    "target",
    "treatment/option",
    "treatment/actions",
    "treatment/acceptance",
    "review/last",
];

impl Changes {
    pub(super) fn risks(&mut self, old_view: &View<'_>, new_view: &View<'_>) {
        let (old, new) = (old_view.register, new_view.register);
        for (id, before, after) in matched(&old.risks, &new.risks, |r: &Risk| &r.id) {
            let (before, risk) = match (before, after) {
                (None, Some(risk)) => {
                    self.risks_added.push(Item {
                        id: id.to_string(),
                        title: risk.title.clone(),
                        detail: score_text(new_view, risk),
                    });
                    continue;
                }
                (Some(risk), None) => {
                    self.risks_removed.push(Item {
                        id: id.to_string(),
                        title: risk.title.clone(),
                        detail: score_text(old_view, risk),
                    });
                    continue;
                }
                (Some(before), Some(after)) => (before, after),
                (None, None) => continue,
            };
            let title = || risk.title.clone();
            match (before.status, risk.status) {
                (RiskStatus::Open, RiskStatus::Closed) => self.risks_closed.push(Item {
                    id: id.to_string(),
                    title: title(),
                    detail: risk.closed_reason.clone().unwrap_or_default(),
                }),
                (RiskStatus::Closed, RiskStatus::Open) => self.risks_reopened.push(Item {
                    id: id.to_string(),
                    title: title(),
                    detail: score_text(new_view, risk),
                }),
                _ => {}
            }
            let (from, to) = (score_text(old_view, before), score_text(new_view, risk));
            let (a, b) = (&before.assessment, &risk.assessment);
            if (a.likelihood, a.consequence) != (b.likelihood, b.consequence) {
                self.scores.push(movement(id, title(), from, to));
            } else if from != to {
                self.bands_moved.push(movement(id, title(), from, to));
            }
            let target = |view: &View<'_>, r: &Risk| {
                r.target
                    .as_ref()
                    .map_or_else(String::new, |t| view.describe(t.likelihood, t.consequence))
            };
            if before.target != risk.target {
                self.targets.push(movement(
                    id,
                    title(),
                    target(old_view, before),
                    target(new_view, risk),
                ));
            }
            let option = |r: &Risk| {
                r.treatment
                    .as_ref()
                    .map_or("none", |t| t.option.as_str())
                    .to_string()
            };
            if option(before) != option(risk) {
                self.treatments
                    .push(movement(id, title(), option(before), option(risk)));
            }
            let no_actions: &[Action] = &[];
            self.actions_of(
                id,
                before.treatment.as_ref().map_or(no_actions, |t| &t.actions),
                risk.treatment.as_ref().map_or(no_actions, |t| &t.actions),
            );
            let (was, is) = (acceptance(before), acceptance(risk));
            let (held, holds) = (
                acceptance_holds(before, old_view.today),
                acceptance_holds(risk, new_view.today),
            );
            match (&was, &is) {
                (None, Some(now)) => {
                    self.acceptances
                        .push(movement(id, title(), "", format!("given {now}")));
                }
                (Some(then), None) => {
                    self.acceptances
                        .push(movement(id, title(), then, "withdrawn"));
                }
                (Some(then), Some(now)) if then != now => {
                    self.acceptances.push(movement(id, title(), then, now));
                }
                (Some(then), Some(_)) if held && !holds => {
                    let expired = risk
                        .treatment
                        .as_ref()
                        .and_then(|t| t.acceptance.as_ref())
                        .and_then(|a| a.expires)
                        .map_or_else(String::new, |d| format!(" on {d}"));
                    self.acceptances
                        .push(movement(id, title(), then, format!("expired{expired}")));
                }
                _ => {}
            }
            if before.review.last != risk.review.last {
                self.reviews.push(movement(
                    id,
                    title(),
                    before
                        .review
                        .last
                        .map_or_else(|| "never reviewed".to_string(), |d| format!("reviewed {d}")),
                    risk.review
                        .last
                        .map_or_else(|| "never reviewed".to_string(), |d| format!("reviewed {d}")),
                ));
            }
            self.edited("risk", id, before, risk, RISK_FIELDS);
        }
    }
}
