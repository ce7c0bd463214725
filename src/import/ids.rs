//! Ids for imported risks, given in row order: the sheet's own when it is a valid id
//! the register does not use, otherwise the register's next id with the sheet's kept
//! under `x.import_id`. With `--update`, a row whose id matches a risk's
//! `x.import_id` (or its id) updates that risk instead of adding one.

use std::collections::{BTreeMap, BTreeSet};

use super::plan::Draft;
use super::values::{Problem, is_id};
use crate::author;
use crate::edit::Node;
use crate::model::{FileKind, Kind};
use crate::register::Register;

/// Gives every draft its id, or the risk it updates.
pub fn assign(
    drafts: Vec<(Option<String>, Draft)>,
    update: bool,
    register: &Register,
    notes: &mut Vec<String>,
) -> Vec<Draft> {
    let mut taken: BTreeSet<String> = register
        .documents
        .iter()
        .filter(|d| d.kind == FileKind::Entity(Kind::Risk))
        .map(|d| d.stem.clone())
        .collect();
    // `x.import_id` and id -> (id, path) of the risks already in the register.
    let mut by_import: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut by_id: BTreeMap<String, (String, String)> = BTreeMap::new();
    for risk in &register.risks {
        let path = register.documents[risk.doc].path.clone();
        let entry = (risk.value.id.clone(), path);
        if let Some(import_id) = risk
            .value
            .x
            .as_ref()
            .and_then(|x| x.get("import_id"))
            .and_then(|v| v.as_str())
        {
            by_import.insert(import_id.to_string(), entry.clone());
        }
        by_id.insert(risk.value.id.clone(), entry);
    }
    let mut updated: BTreeMap<String, u32> = BTreeMap::new();
    let mut renamed = 0;
    let mut out = Vec::new();
    for (sheet_id, mut draft) in drafts {
        if update
            && let Some(sid) = &sheet_id
            && let Some((id, path)) = by_import.get(sid).or_else(|| by_id.get(sid))
        {
            if let Some(first) = updated.get(id) {
                draft.problems.push(Problem::new(format!(
                    "id `{sid}` was already imported onto `{id}` from row {first}"
                )));
            } else {
                updated.insert(id.clone(), draft.row);
                match std::fs::read_to_string(register.root.join(path)) {
                    Ok(text) => draft.previous = Some((path.clone(), text)),
                    Err(e) => draft
                        .problems
                        .push(Problem::new(format!("cannot read `{path}`: {e}"))),
                }
            }
            draft.id = id.clone();
            out.push(draft);
            continue;
        }
        let keep = sheet_id.clone().filter(|s| is_id(s) && !taken.contains(s));
        draft.id = match &keep {
            Some(id) => id.clone(),
            None => author::next_id(taken.iter().map(String::as_str), "R-001"),
        };
        if let Some(sid) = sheet_id.filter(|s| Some(s) != keep.as_ref()) {
            renamed += 1;
            let entry = ("import_id".to_string(), Node::text(sid));
            match draft.fields.last_mut() {
                Some((k, Node::Map(x))) if k == "x" => x.push(entry),
                _ => draft.fields.push(("x".into(), Node::Map(vec![entry]))),
            }
        }
        if draft.problems.is_empty() {
            taken.insert(draft.id.clone());
        }
        out.push(draft);
    }
    if renamed > 0 {
        notes.push(format!(
            "{renamed} row{} with an id the register already uses (or that is not a valid id) get the next id; the sheet's id is kept under `x.import_id`{}",
            if renamed == 1 { "" } else { "s" },
            if update { "" } else { " (use --update to update the risks a previous import created)" }
        ));
    }
    out
}
