//! Evidence: `evidence-missing`, `evidence-outside-register`, `evidence-expired` and
//! `evidence-changed`.
//!
//! Evidence is judged where it is cited: every open action list (`View::action_lists`),
//! SoA decisions, policy documents, clause statements and competence records. Each distinct path is looked up (and
//! hashed, if pinned) once, however many entities cite it.

use std::collections::BTreeMap;

use crate::finding::{Finding, Rule};
use crate::model::{Action, ActionStatus, Evidence, Kind};
use crate::register::evidence::EvidenceTarget;
use crate::view::{SoaState, View};

struct Checker<'v, 'r> {
    view: &'v View<'r>,
    targets: BTreeMap<String, EvidenceTarget>,
    hashes: BTreeMap<String, Result<String, String>>,
    out: Vec<Finding>,
}

pub fn rules(view: &View<'_>) -> Vec<Finding> {
    let mut c = Checker {
        view,
        targets: BTreeMap::new(),
        hashes: BTreeMap::new(),
        out: Vec::new(),
    };
    for list in view.action_lists().into_iter().filter(|l| !l.closed) {
        let to = |action: &str| list.command("set", action);
        c.done_without_evidence(list.doc, list.pointer, list.actions, to);
    }
    for control in &view.controls {
        if let (SoaState::Implemented, Some(decision), Some(doc)) =
            (control.state, control.decision, control.doc)
            && decision.evidence.is_empty()
        {
            c.out.push(
                view.finding(
                    Rule::EvidenceMissing,
                    doc,
                    "/status",
                    "control is marked implemented but cites no evidence",
                )
                .hint(format!(
                    "cite the documents, records or links that show it works: `aims evidence add FILE --to {id}`, or `aims control set {id} --evidence URL`",
                    id = control.id
                )),
            );
        }
    }
    for cited in view.evidence().iter().filter(|e| !e.closed) {
        // `aims evidence add --to` cites on a control, or an action of a risk or incident.
        let kind = view.document(cited.doc).entity_kind();
        let to = match (kind, cited.action) {
            (Some(Kind::Control), None) => Some(cited.entity.to_string()),
            (Some(Kind::Risk | Kind::Incident), Some(action)) => {
                Some(format!("{}/{action}", cited.entity))
            }
            _ => None,
        };
        c.item(cited.doc, &cited.pointer, cited.item, to.as_deref());
    }
    c.out
}

impl Checker<'_, '_> {
    fn done_without_evidence(
        &mut self,
        doc: usize,
        pointer: &str,
        actions: &[Action],
        set: impl Fn(&str) -> Option<String>,
    ) {
        for (i, action) in actions.iter().enumerate() {
            if action.status == ActionStatus::Done && action.evidence.is_empty() {
                self.out.push(
                    self.view
                        .finding(
                            Rule::EvidenceMissing,
                            doc,
                            &format!("{pointer}/{i}/status"),
                            format!("action `{}` is marked done but cites no evidence", action.id),
                        )
                        .hint(match set(&action.id) {
                            Some(command) => format!(
                                "cite the file or link that shows it was carried out: `{command} --evidence PATH`"
                            ),
                            None => "add `evidence:` with the file or link that shows the action was carried out".to_string(),
                        }),
                );
            }
        }
    }

    /// One evidence item cited at `here` by `to` (`R-001/T1`, `A.6.2.4`).
    fn item(&mut self, doc: usize, here: &str, item: &Evidence, to: Option<&str>) {
        let reference = item.reference();
        let (detail_at, expires, pin) = match item {
            Evidence::Ref(_) => (here.to_string(), None, None),
            Evidence::Detailed(d) => (format!("{here}/ref"), d.expires, d.sha256.as_deref()),
        };
        if let Some(expires) = expires
            && expires < self.view.today
        {
            self.out.push(
                self.view
                    .finding(
                        Rule::EvidenceExpired,
                        doc,
                        &format!("{here}/expires"),
                        format!("evidence `{reference}` expired on {expires}"),
                    )
                    .hint(match to {
                        Some(to) => format!("renew the evidence (a new test, review or certificate): `aims evidence add FILE --to {to} --date DATE --expires DATE`"),
                        None => "renew the evidence (a new test, review or certificate) and update its date and expires".to_string(),
                    }),
            );
        }
        match self.target(reference) {
            EvidenceTarget::Url => {}
            EvidenceTarget::Outside(why) => self.out.push(
                self.view
                    .finding(
                        Rule::EvidenceOutsideRegister,
                        doc,
                        &detail_at,
                        format!("evidence `{reference}` is outside the register: {why}"),
                    )
                    .hint(match to {
                        Some(to) => format!("copy the file into the register and cite it there: `aims evidence add FILE --to {to}`, or cite a URL"),
                        None => "copy the file under `evidence/` and cite it relative to the register root, or cite a URL".to_string(),
                    }),
            ),
            EvidenceTarget::Unreadable(why) => self.out.push(
                self.view
                    .finding(
                        Rule::EvidenceMissing,
                        doc,
                        &detail_at,
                        format!("evidence `{reference}` cannot be read: {why}"),
                    )
                    .hint("make the file and its folders readable by whoever runs aims check"),
            ),
            EvidenceTarget::Missing => self.out.push(
                self.view
                    .finding(
                        Rule::EvidenceMissing,
                        doc,
                        &detail_at,
                        format!("evidence file `{reference}` does not exist in the register"),
                    )
                    .hint(match to {
                        Some(to) => format!("add the file (`aims evidence add FILE --to {to}` copies it in and cites it), or correct the path (relative to the folder holding aims.yaml)"),
                        None => "add the file, or correct the path (relative to the folder holding aims.yaml)".to_string(),
                    }),
            ),
            EvidenceTarget::File => {
                if let Some(pin) = pin {
                    self.pin(doc, &format!("{here}/sha256"), reference, pin);
                }
            }
        }
    }

    fn pin(&mut self, doc: usize, pointer: &str, reference: &str, pin: &str) {
        let register = self.view.register;
        let hash = self
            .hashes
            .entry(reference.to_string())
            .or_insert_with(|| {
                register
                    .evidence_sha256(reference)
                    .map_err(|e| e.to_string())
            })
            .clone();
        let message = match hash {
            Ok(actual) if actual == pin => return,
            Ok(actual) => format!(
                "evidence `{reference}` has changed: its SHA-256 is {actual}, the pin says {pin}"
            ),
            Err(e) => format!("evidence `{reference}` cannot be read to check its pin: {e}"),
        };
        self.out.push(
            self.view
                .finding(Rule::EvidenceChanged, doc, pointer, message)
                .hint(format!("if the file was updated on purpose, review it and pin it again with `aims evidence pin {reference}`; otherwise restore it")),
        );
    }

    fn target(&mut self, reference: &str) -> EvidenceTarget {
        let register = self.view.register;
        self.targets
            .entry(reference.to_string())
            .or_insert_with(|| register.evidence_target(reference))
            .clone()
    }
}
