//! A risk row's status, treatment and review: what its status means (open, closed
//! with the text as reason, or the status of its action), the treatment option (given,
//! or mitigate when the sheet has a plan, accept when it names an acceptor), the
//! mitigation plan as the treatment's rationale or as an action, the acceptance
//! record, and the last review, next review and review cycle.

use super::dates;
use super::risks::{Counts, RowRisk, missing};
use super::spellings::{self, Status};
use super::values::{Fix, Problem, key};
use crate::edit::Node;

impl RowRisk<'_, '_, '_> {
    /// The sheet's status: what it means, and its text.
    pub(super) fn status(&mut self) -> Option<(Status, String)> {
        let row = self.row();
        let text = self.get("status")?;
        // The sheet's own words (the reason a closed risk keeps), else the default's.
        let cell = self
            .view
            .cell("status")
            .map(|c| c.text().into_owned())
            .unwrap_or_else(|| text.clone());
        let found = spellings::status(&text).or_else(|| spellings::status_target(&text));
        match found {
            Some((status, written)) => {
                if text == cell {
                    self.values
                        .record("status", &text, written, "spelling", row);
                }
                Some((status, cell))
            }
            None => {
                let message = if spellings::AMBIGUOUS_STATUSES.contains(&key(&text).as_str()) {
                    format!("status `{text}` may mean a closed risk or a finished treatment")
                } else {
                    format!("status `{text}` is not open, closed, or the status of a treatment")
                };
                self.problems.push(Problem {
                    message,
                    fix: Some(Fix::Value {
                        field: "status",
                        value: text,
                        to: "closed",
                        create: None,
                    }),
                });
                None
            }
        }
    }

    pub(super) fn treatment(
        &mut self,
        owner: Option<&str>,
        status: Option<(Status, String)>,
    ) -> Option<Node> {
        let row = self.row();
        let option = self.get("treatment").and_then(|t| {
            self.values
                .choice(
                    "treatment",
                    &t,
                    row,
                    spellings::treatment,
                    "avoid, mitigate, transfer or accept",
                )
                .map_err(|p| self.problems.push(p))
                .ok()
        });
        let mitigation = self.get("mitigation");
        let action = self.get("action");
        let accepted_cell = self.view.cell("accepted-by").map(|c| c.text().into_owned());
        let approver = self.get("accepted-by").and_then(|t| {
            self.values
                .role("accepted-by", &t, row, true)
                .map_err(|p| self.problems.push(p))
                .ok()
        });
        let (date, expires) = (self.date("acceptance-date"), self.date("acceptance-expiry"));
        let option = option.or(if mitigation.is_some() || action.is_some() {
            Some("mitigate")
        } else if approver.is_some() {
            Some("accept")
        } else {
            None
        });
        let mut status_used = false;
        let mut out = Vec::new();
        if let Some(option) = option {
            out.push(("option".to_string(), Node::text(option)));
        }
        if let Some(m) = &mitigation {
            out.push(("rationale".into(), Node::text(m)));
        }
        if let Some(description) = action {
            let action_owner = match self.get("action-owner") {
                Some(t) => self
                    .values
                    .role("action-owner", &t, row, false)
                    .map_err(|p| self.problems.push(p))
                    .ok(),
                None => owner.map(String::from),
            };
            let mut entry = vec![
                ("id".to_string(), Node::text("T1")),
                ("description".into(), Node::text(description)),
            ];
            if let Some(o) = action_owner {
                entry.push(("owner".into(), Node::text(o)));
            }
            if let Some(due) = self.date("action-due") {
                entry.push(("due".into(), Node::text(due.to_string())));
            }
            let action_status = match &status {
                Some((Status::Action(s), _)) => {
                    status_used = true;
                    *s
                }
                _ => "planned",
            };
            entry.push(("status".into(), Node::text(action_status)));
            out.push(("actions".into(), Node::Seq(vec![Node::Map(entry)])));
        }
        if approver.is_some() || date.is_some() || expires.is_some() {
            let mut acceptance = Vec::new();
            let justification = self.get("acceptance-justification").or_else(|| {
                accepted_cell.filter(|c| approver.as_deref().is_none_or(|a| key(a) != key(c)))
            });
            if let Some(j) = justification {
                acceptance.push(("justification".to_string(), Node::text(j)));
            }
            if let Some(a) = &approver {
                acceptance.push(("approved_by".into(), Node::text(a)));
            }
            if let Some(d) = date {
                acceptance.push(("date".into(), Node::text(d.to_string())));
            }
            if let Some(e) = expires {
                acceptance.push(("expires".into(), Node::text(e.to_string())));
            }
            out.push(("acceptance".into(), Node::Map(acceptance)));
        }
        if let Some((s, text)) = &status {
            let literal = matches!(key(text).as_str(), "open" | "closed");
            if !status_used && !literal && *s != Status::Closed {
                self.keep("status", text.clone());
            }
        }
        if out.is_empty() || option.is_none() {
            if !out.is_empty() {
                self.problems.push(missing(
                    "treatment option for the acceptance",
                    "no treatment option: give one with --default treatment=accept",
                ));
            }
            return None;
        }
        Some(Node::Map(out))
    }

    pub(super) fn review(&mut self, counts: &mut Counts) -> Option<Node> {
        let mut last = self.date("last-review");
        let mut next = self.date("next-review");
        if let Some(next) = next {
            self.keep("next-review", next.to_string());
        }
        if let Some(date) = self.date("review-date") {
            if date > self.today {
                counts.next += 1;
                next = next.or(Some(date));
                self.keep("review-date", date.to_string());
            } else {
                counts.last += 1;
                last = last.or(Some(date));
            }
        }
        let every = match self.get("review-frequency") {
            Some(text) => {
                let cycle = dates::cycle(&text);
                if cycle.is_none() {
                    let message = format!(
                        "review frequency `{text}` is not a cycle such as Quarterly, 6 months or 1y"
                    );
                    let fix = Fix::Value {
                        field: "review-frequency",
                        value: text,
                        to: "3m",
                        create: None,
                    };
                    self.problems.push(Problem {
                        message,
                        fix: Some(fix),
                    });
                }
                cycle
            }
            None => last.zip(next).and_then(|(l, n)| dates::between(l, n)),
        };
        let mut review = Vec::new();
        if let Some(last) = last {
            review.push(("last".to_string(), Node::text(last.to_string())));
        }
        if let Some(every) = every {
            review.push(("every".into(), Node::text(every)));
        }
        (!review.is_empty()).then_some(Node::Map(review))
    }
}
