//! `id-mismatch` and `duplicate-id`: every entity has one id, the one its file is named
//! after, and no two entities of a kind share one.

use std::collections::BTreeMap;

use crate::finding::{Finding, Rule};
use crate::model::{FileKind, Kind};
use crate::register::Register;

/// `id` differs from the file stem.
pub fn id_mismatch(register: &Register) -> Vec<Finding> {
    let mut findings = Vec::new();
    for doc in &register.documents {
        if doc.kind == FileKind::Config {
            continue;
        }
        let Some(id) = doc.id.as_deref() else {
            continue;
        };
        if id != doc.stem {
            let mut finding = Finding::new(
                Rule::IdMismatch,
                &doc.path,
                format!("id `{id}` differs from the file name `{}`", doc.stem),
            )
            .entity(&doc.stem)
            .hint(format!(
                "rename the file to `{id}.yaml` or set `id: {}`; the file name is the entity's id",
                doc.stem
            ));
            finding.at = doc.locate("/id");
            finding.pointer = Some("/id".to_string());
            findings.push(finding);
        }
    }
    findings
}

/// Two files of one kind claim the same id, or ids repeat inside one file where
/// they must be unique (roles and categories in `aims.yaml`, actions in a risk,
/// incident or management review, findings in an audit).
pub fn duplicate_ids(register: &Register) -> Vec<Finding> {
    let mut findings = Vec::new();
    // (kind, id) -> first document claiming it
    let mut first: BTreeMap<(Kind, &str), usize> = BTreeMap::new();
    for (i, doc) in register.documents.iter().enumerate() {
        let FileKind::Entity(kind) = doc.kind else {
            continue;
        };
        let id = doc.id.as_deref().unwrap_or(&doc.stem);
        if let Some(&earlier) = first.get(&(kind, id)) {
            let mut finding = Finding::new(
                Rule::DuplicateId,
                &doc.path,
                format!(
                    "{} id `{id}` is also used by `{}`",
                    doc.kind.noun(),
                    register.documents[earlier].path
                ),
            )
            .entity(&doc.stem)
            .hint("every entity needs its own id; rename one of the two");
            finding.at = doc.locate("/id");
            finding.pointer = Some("/id".to_string());
            findings.push(finding);
        } else {
            first.insert((kind, id), i);
        }
    }

    if let Some(config) = &register.config {
        let doc = &register.documents[config.doc];
        let roles = config.value.roles.iter().map(|r| r.id.as_str());
        within(doc, "/roles", "role", roles, None, &mut findings);
        let categories = config.value.categories.iter().map(|c| c.id.as_str());
        for (i, id) in config
            .value
            .categories
            .iter()
            .map(|c| c.id.as_str())
            .enumerate()
        {
            if crate::catalog::category(id).is_some() {
                let mut finding = Finding::new(
                    Rule::DuplicateId,
                    &doc.path,
                    format!("category `{id}` is already a built-in category"),
                )
                .hint("remove it from `categories:`; built-in categories need no definition");
                finding.pointer = Some(format!("/categories/{i}/id"));
                finding.at = doc.locate(&format!("/categories/{i}/id"));
                findings.push(finding);
            }
        }
        within(
            doc,
            "/categories",
            "category",
            categories,
            None,
            &mut findings,
        );
    }
    for risk in &register.risks {
        let doc = &register.documents[risk.doc];
        if let Some(treatment) = &risk.value.treatment {
            let ids = treatment.actions.iter().map(|a| a.id.as_str());
            within(
                doc,
                "/treatment/actions",
                "action",
                ids,
                Some(&risk.value.id),
                &mut findings,
            );
        }
    }
    for incident in &register.incidents {
        let doc = &register.documents[incident.doc];
        let ids = incident
            .value
            .corrective_actions
            .iter()
            .map(|a| a.id.as_str());
        within(
            doc,
            "/corrective_actions",
            "corrective action",
            ids,
            Some(&incident.value.id),
            &mut findings,
        );
    }
    for audit in &register.audits {
        let doc = &register.documents[audit.doc];
        let ids = audit.value.findings.iter().map(|f| f.id.as_str());
        within(
            doc,
            "/findings",
            "finding",
            ids,
            Some(&audit.value.id),
            &mut findings,
        );
    }
    for review in &register.management_reviews {
        let doc = &register.documents[review.doc];
        let ids = review.value.actions.iter().map(|a| a.id.as_str());
        within(
            doc,
            "/actions",
            "action",
            ids,
            Some(&review.value.id),
            &mut findings,
        );
    }
    findings
}

/// Reports ids repeated in the list at `pointer` of one document.
fn within<'a>(
    doc: &crate::register::Document,
    pointer: &str,
    noun: &str,
    ids: impl Iterator<Item = &'a str>,
    entity: Option<&str>,
    findings: &mut Vec<Finding>,
) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(&earlier) = seen.get(id) {
            let first_line = doc
                .locate(&format!("{pointer}/{earlier}/id"))
                .map_or(String::new(), |at| format!(" (first at line {})", at.line));
            let mut finding = Finding::new(
                Rule::DuplicateId,
                &doc.path,
                format!("{noun} id `{id}` is used twice{first_line}"),
            );
            if let Some(entity) = entity {
                finding = finding.entity(entity);
            }
            finding.pointer = Some(format!("{pointer}/{i}/id"));
            finding.at = doc.locate(&format!("{pointer}/{i}/id"));
            findings.push(finding);
        } else {
            seen.insert(id, i);
        }
    }
}
