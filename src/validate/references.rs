//! `unknown-reference`: every id a file cites must exist: systems, risks, impact
//! assessments, controls (Annex A or custom), categories (built-in or from
//! `aims.yaml`), Annex C risk sources and objectives, roles, policies, monitors,
//! OWASP Top 10 for LLM Applications ids, clauses, incidents, audit findings (an
//! incident's `source`), and what an interested party's requirements are addressed
//! by.

use std::collections::BTreeSet;

use crate::catalog;
use crate::finding::{Finding, Rule};
use crate::model::{FileKind, Kind};
use crate::register::{Document, Register};
use crate::suggest;

use crate::view::Index;

/// What a reference points at, for the message and the hint.
#[derive(Debug, Clone, Copy)]
enum Target {
    System,
    Risk,
    Impact,
    Control,
    Category,
    Source,
    Role,
    Policy,
    Monitor,
    Clause,
    /// A clause or sub-clause of 4 to 10 at any level (an audit's scope: `6.1`, `9`).
    ClauseAnyLevel,
    Incident,
    /// An audit finding, `AUD-2026-1/F1`.
    AuditFinding,
    Owasp,
    AnnexCObjective,
    /// What an interested party's requirements are addressed by: a control,
    /// objective, policy or risk.
    Addressing,
}

impl Target {
    fn noun(self) -> &'static str {
        match self {
            Target::System => "system",
            Target::Risk => "risk",
            Target::Impact => "impact assessment",
            Target::Control => "control",
            Target::Category => "category",
            Target::Source => "Annex C risk source",
            Target::Role => "role",
            Target::Policy => "policy",
            Target::Clause | Target::ClauseAnyLevel => "clause of ISO/IEC 42001",
            Target::Incident => "incident",
            Target::AuditFinding => "audit finding",
            Target::Monitor => "monitor",
            Target::Owasp => "OWASP Top 10 for LLM Applications id",
            Target::AnnexCObjective => "Annex C objective",
            Target::Addressing => "control, objective, policy or risk",
        }
    }
}

struct Checker<'r, 'i> {
    index: &'i Index<'r>,
    findings: Vec<Finding>,
}

impl Checker<'_, '_> {
    /// Checks one reference at `pointer` in `doc`, made by entity `entity`.
    fn check(
        &mut self,
        doc: &Document,
        entity: Option<&str>,
        pointer: String,
        target: Target,
        id: &str,
    ) {
        let known: Option<&BTreeSet<&str>> = match target {
            Target::System => Some(self.index.ids(Kind::System)),
            Target::Risk => Some(self.index.ids(Kind::Risk)),
            Target::Impact => Some(self.index.ids(Kind::Impact)),
            Target::Control => {
                if self.index.control_exists(id) {
                    return;
                }
                Some(self.index.ids(Kind::Control))
            }
            Target::Category => self.index.categories.as_ref(),
            Target::Role => self.index.roles.as_ref(),
            Target::Source => {
                if catalog::risk_source(id).is_some() {
                    return;
                }
                None
            }
            Target::Policy => Some(self.index.ids(Kind::Policy)),
            Target::Incident => Some(self.index.ids(Kind::Incident)),
            Target::AuditFinding => {
                if self.index.audit_findings.contains(id) {
                    return;
                }
                None
            }
            Target::Monitor => Some(self.index.ids(Kind::Monitor)),
            Target::Owasp | Target::AnnexCObjective | Target::Clause | Target::ClauseAnyLevel => {
                let known = match target {
                    Target::Owasp => catalog::owasp(id).is_some(),
                    Target::Clause => catalog::clause_by_id(id).is_some_and(|c| c.assessed),
                    Target::ClauseAnyLevel => catalog::clause_by_id(id).is_some(),
                    _ => catalog::annex_c_objective(id).is_some(),
                };
                if known {
                    return;
                }
                None
            }
            Target::Addressing => {
                if self.index.control_exists(id)
                    || [Kind::Objective, Kind::Policy, Kind::Risk]
                        .iter()
                        .any(|k| self.index.has(*k, id))
                {
                    return;
                }
                None
            }
        };
        // An unreadable aims.yaml leaves roles and categories unknown: say nothing
        // rather than flag every reference.
        let hint = match (target, known) {
            (Target::Source, _) => Some(source_hint(id)),
            (Target::Owasp, _) => Some("OWASP Top 10 for LLM Applications 2025 ids are LLM01:2025 to LLM10:2025 (`aims catalog crosswalk owasp-llm`)".to_string()),
            (Target::AnnexCObjective, _) => Some("Annex C objectives are C.2.1 to C.2.11 (`aims catalog objectives`)".to_string()),
            (Target::Clause, _) => Some("a statement is about one of the clauses 4.1 to 10.2 (`aims catalog clauses`)".to_string()),
            (Target::ClauseAnyLevel, _) => Some("name a clause of ISO/IEC 42001 from 4 to 10.2, such as `6.1.2`, `8` or `9.2` (`aims catalog clauses`)".to_string()),
            (Target::AuditFinding, _) => Some(match id.split_once('/') {
                Some((audit, _)) if self.index.has(Kind::Audit, audit) => format!("audit `{audit}` has no finding of that id; `aims audit show {audit}` lists them"),
                Some((audit, _)) => match suggest::closest(audit, self.index.ids(Kind::Audit).iter().copied()) {
                    Some(s) => format!("no audit `{audit}`; did you mean `{s}`?"),
                    None => format!("no audit `{audit}`: a source names an audit finding, `AUDIT-ID/FINDING-ID`"),
                },
                None => "a source names an audit finding, `AUDIT-ID/FINDING-ID`".to_string(),
            }),
            (Target::Addressing, _) => Some("name an Annex A or custom control, or the id of an objective, policy or risk".to_string()),
            (_, None) => return,
            (_, Some(known)) if known.contains(id) => return,
            (Target::Control, Some(known)) => {
                let candidates = catalog::CONTROLS.iter().map(|c| c.id).chain(known.iter().copied());
                Some(match suggest::closest(id, candidates) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "cite an Annex A control (`aims catalog controls`) or add a custom control as `controls/{id}.yaml`"
                    ),
                })
            }
            (Target::Role, Some(known)) => Some(match suggest::closest(id, known.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!(
                    "roles are defined under `roles:` in aims.yaml: {}",
                    known.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ")
                ),
            }),
            (Target::Category, Some(known)) => Some(match suggest::closest(id, known.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "list the categories with `aims catalog categories`, or define your own under `categories:` in aims.yaml".to_string(),
            }),
            (_, Some(known)) => suggest::closest(id, known.iter().copied()).map(|s| format!("did you mean `{s}`?")),
        };
        let mut finding = Finding::new(
            Rule::UnknownReference,
            &doc.path,
            format!("{} `{id}` does not exist", target.noun()),
        )
        .maybe_hint(hint);
        if let Some(entity) = entity {
            finding = finding.entity(entity);
        }
        finding.at = doc.locate(&pointer);
        finding.pointer = Some(pointer);
        self.findings.push(finding);
    }

    /// A control file whose id is written like an Annex A control but is none: the
    /// id belongs to the standard, so it is a typo, not a custom control.
    fn annex_a_namespace(&mut self, doc: &Document) {
        let id = doc.id.as_deref().unwrap_or(&doc.stem);
        if !catalog::in_annex_a_namespace(id) || catalog::control(id).is_some() {
            return;
        }
        let hint = match suggest::closest(id, catalog::CONTROLS.iter().map(|c| c.id)) {
            Some(s) => format!("did you mean `{s}`? custom controls take ids outside the Annex A namespace"),
            None => "list the Annex A controls with `aims catalog controls`; custom controls take ids outside the Annex A namespace".to_string(),
        };
        let mut finding = Finding::new(
            Rule::UnknownReference,
            &doc.path,
            format!(
                "control `{id}` is not an Annex A control, yet its id is in the Annex A namespace"
            ),
        )
        .hint(hint)
        .entity(&doc.stem);
        finding.at = doc.locate("/id");
        self.findings.push(finding);
    }

    fn each<'a>(
        &mut self,
        doc: &Document,
        entity: Option<&str>,
        pointer: &str,
        target: Target,
        ids: impl IntoIterator<Item = &'a String>,
    ) {
        for (i, id) in ids.into_iter().enumerate() {
            self.check(doc, entity, format!("{pointer}/{i}"), target, id);
        }
    }
}

fn source_hint(id: &str) -> String {
    if id.starts_with("C.2.") {
        format!(
            "`{id}` is an Annex C objective; risk sources are C.3.1 to C.3.7 (`aims catalog sources`)"
        )
    } else {
        "Annex C risk sources are C.3.1 to C.3.7 (`aims catalog sources`)".to_string()
    }
}

pub fn unknown_references(register: &Register, index: &Index<'_>) -> Vec<Finding> {
    let mut c = Checker {
        index,
        findings: Vec::new(),
    };
    let doc = |i: usize| &register.documents[i];

    if let Some(config) = &register.config {
        let d = doc(config.doc);
        for (i, category) in config.value.categories.iter().enumerate() {
            c.each(
                d,
                None,
                &format!("/categories/{i}/controls"),
                Target::Control,
                &category.controls,
            );
        }
    }
    for e in &register.systems {
        let (d, s, id) = (doc(e.doc), &e.value, Some(e.value.id.as_str()));
        c.check(d, id, "/owner".into(), Target::Role, &s.owner);
        for (i, screening) in s.screening.iter().enumerate() {
            c.check(
                d,
                id,
                format!("/screening/{i}/category"),
                Target::Category,
                &screening.category,
            );
        }
    }
    for e in &register.risks {
        let (d, r, id) = (doc(e.doc), &e.value, Some(e.value.id.as_str()));
        c.each(d, id, "/systems", Target::System, &r.systems);
        c.check(d, id, "/category".into(), Target::Category, &r.category);
        c.each(d, id, "/sources", Target::Source, &r.sources);
        c.check(d, id, "/owner".into(), Target::Role, &r.owner);
        if let Some(by) = &r.review.by {
            c.check(d, id, "/review/by".into(), Target::Role, by);
        }
        c.each(d, id, "/controls", Target::Control, &r.controls);
        c.each(d, id, "/impacts", Target::Impact, &r.impacts);
        c.each(d, id, "/owasp", Target::Owasp, &r.owasp);
        if let Some(t) = &r.treatment {
            for (i, action) in t.actions.iter().enumerate() {
                if let Some(owner) = &action.owner {
                    c.check(
                        d,
                        id,
                        format!("/treatment/actions/{i}/owner"),
                        Target::Role,
                        owner,
                    );
                }
            }
            if let Some(approver) = t.acceptance.as_ref().and_then(|a| a.approved_by.as_ref()) {
                c.check(
                    d,
                    id,
                    "/treatment/acceptance/approved_by".into(),
                    Target::Role,
                    approver,
                );
            }
        }
    }
    for e in &register.impacts {
        let (d, a, id) = (doc(e.doc), &e.value, Some(e.value.id.as_str()));
        c.check(d, id, "/system".into(), Target::System, &a.system);
        c.check(d, id, "/assessor".into(), Target::Role, &a.assessor);
        if let Some(by) = &a.review.by {
            c.check(d, id, "/review/by".into(), Target::Role, by);
        }
        for (i, dimension) in a.dimensions.iter().enumerate() {
            c.each(
                d,
                id,
                &format!("/dimensions/{i}/risks"),
                Target::Risk,
                &dimension.risks,
            );
        }
    }
    for d in register
        .documents
        .iter()
        .filter(|d| d.kind == FileKind::Entity(Kind::Control))
    {
        c.annex_a_namespace(d);
    }
    for e in &register.controls {
        let (d, s, id) = (doc(e.doc), &e.value, Some(e.value.id.as_str()));
        if let Some(owner) = &s.owner {
            c.check(d, id, "/owner".into(), Target::Role, owner);
        }
    }
    for e in &register.monitors {
        let (d, m, id) = (doc(e.doc), &e.value, Some(e.value.id.as_str()));
        c.check(d, id, "/system".into(), Target::System, &m.system);
        c.check(d, id, "/owner".into(), Target::Role, &m.owner);
        c.each(d, id, "/risks", Target::Risk, &m.risks);
        c.each(d, id, "/controls", Target::Control, &m.controls);
    }
    for e in &register.incidents {
        let (d, n, id) = (doc(e.doc), &e.value, Some(e.value.id.as_str()));
        c.check(d, id, "/reporter".into(), Target::Role, &n.reporter);
        if let Some(by) = n.effectiveness.as_ref().and_then(|x| x.by.as_ref()) {
            c.check(d, id, "/effectiveness/by".into(), Target::Role, by);
        }
        c.each(d, id, "/systems", Target::System, &n.systems);
        c.each(d, id, "/risks", Target::Risk, &n.risks);
        if let Some(source) = &n.source {
            c.check(d, id, "/source".into(), Target::AuditFinding, source);
        }
        if let Some(by) = n.effectiveness.as_ref().and_then(|e| e.by.as_ref()) {
            c.check(d, id, "/effectiveness/by".into(), Target::Role, by);
        }
        for (i, action) in n.corrective_actions.iter().enumerate() {
            if let Some(owner) = &action.owner {
                c.check(
                    d,
                    id,
                    format!("/corrective_actions/{i}/owner"),
                    Target::Role,
                    owner,
                );
            }
        }
    }
    if let Some(e) = &register.context {
        let (d, x) = (doc(e.doc), &e.value);
        for (i, party) in x.interested_parties.iter().enumerate() {
            c.each(
                d,
                None,
                &format!("/interested_parties/{i}/addressed_by"),
                Target::Addressing,
                &party.addressed_by,
            );
        }
    }
    for e in &register.policies {
        let (d, p, id) = (doc(e.doc), &e.value, Some(e.value.id.as_str()));
        if let Some(owner) = &p.owner {
            c.check(d, id, "/owner".into(), Target::Role, owner);
        }
        if let Some(approved) = &p.approved {
            c.check(d, id, "/approved/by".into(), Target::Role, &approved.by);
        }
    }
    for e in &register.objectives {
        let (d, o, id) = (doc(e.doc), &e.value, Some(e.value.id.as_str()));
        c.each(d, id, "/annex_c", Target::AnnexCObjective, &o.annex_c);
        if let Some(policy) = &o.policy {
            c.check(d, id, "/policy".into(), Target::Policy, policy);
        }
        c.each(d, id, "/systems", Target::System, &o.systems);
        if let Some(owner) = &o.owner {
            c.check(d, id, "/owner".into(), Target::Role, owner);
        }
        if let Some(monitor) = o.metric.as_ref().and_then(|m| m.monitor.as_ref()) {
            c.check(d, id, "/metric/monitor".into(), Target::Monitor, monitor);
        }
        for (i, action) in o.plan.iter().enumerate() {
            if let Some(owner) = &action.owner {
                c.check(d, id, format!("/plan/{i}/owner"), Target::Role, owner);
            }
        }
    }
    for e in &register.audits {
        let (d, a, id) = (doc(e.doc), &e.value, Some(e.value.id.as_str()));
        if let Some(role) = a.auditor.as_ref().and_then(|x| x.role.as_ref()) {
            c.check(d, id, "/auditor/role".into(), Target::Role, role);
        }
        c.each(
            d,
            id,
            "/scope/clauses",
            Target::ClauseAnyLevel,
            &a.scope.clauses,
        );
        c.each(d, id, "/scope/controls", Target::Control, &a.scope.controls);
        c.each(d, id, "/scope/systems", Target::System, &a.scope.systems);
        for (i, f) in a.findings.iter().enumerate() {
            if let Some(clause) = &f.clause {
                c.check(
                    d,
                    id,
                    format!("/findings/{i}/clause"),
                    Target::ClauseAnyLevel,
                    clause,
                );
            }
            if let Some(control) = &f.control {
                c.check(
                    d,
                    id,
                    format!("/findings/{i}/control"),
                    Target::Control,
                    control,
                );
            }
            if let Some(incident) = &f.incident {
                c.check(
                    d,
                    id,
                    format!("/findings/{i}/incident"),
                    Target::Incident,
                    incident,
                );
            }
        }
    }
    for e in &register.management_reviews {
        let (d, m, id) = (doc(e.doc), &e.value, Some(e.value.id.as_str()));
        c.each(d, id, "/attendees", Target::Role, &m.attendees);
        for (i, action) in m.actions.iter().enumerate() {
            if let Some(owner) = &action.owner {
                c.check(d, id, format!("/actions/{i}/owner"), Target::Role, owner);
            }
        }
    }
    for e in &register.clauses {
        let (d, x) = (doc(e.doc), &e.value);
        c.check(d, Some(x.id.as_str()), "/id".into(), Target::Clause, &x.id);
    }
    c.findings
}
