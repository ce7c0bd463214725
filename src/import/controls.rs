//! Rows of a Statement of Applicability into SoA decisions, one file per control.
//!
//! A row names an Annex A control (`A.6.2.4`, `a.6.2.4`, `A.6.2.4 Verification and
//! validation`), an Annex A objective (`A.6.1`: its decision then applies to each of
//! the objective's controls the sheet does not list itself), or a custom control (a
//! valid id with a title). A control that already has a decision is refused unless
//! `--update` is given, which changes only the fields the sheet has.

use std::collections::BTreeMap;

use super::choices;
use super::columns::{Column, How, Use, column_of};
use super::content;
use super::plan::{Draft, Planned, RowView, list};
use super::spellings;
use super::table::Table;
use super::values::{Fix, Problem, Resolver, is_id};
use super::{Request, dates};
use crate::catalog;
use crate::edit::Node;
use crate::model::Kind;
use crate::register::Register;

/// What a row's id names.
enum Named {
    Control(String),
    Objective(String),
    Custom(String),
}

fn named(text: &str) -> Option<Named> {
    let first = text
        .split([' ', ':', '–', '—'])
        .next()
        .unwrap_or("")
        .trim_end_matches(['.', ',']);
    let digits = first.trim_start_matches(['A', 'a']).trim_start_matches('.');
    let annex = format!("A.{digits}");
    if catalog::CONTROLS.iter().any(|c| c.id == annex) {
        return Some(Named::Control(annex));
    }
    if catalog::OBJECTIVES.iter().any(|o| o.id == annex) {
        return Some(Named::Objective(annex));
    }
    is_id(text.trim()).then(|| Named::Custom(text.trim().to_string()))
}

pub fn plan(
    request: &Request,
    table: &Table,
    mut columns: Vec<Column>,
    values: &mut Resolver,
    register: &Register,
) -> Planned {
    let mut notes = Vec::new();
    if let Some(c) = columns
        .iter_mut()
        .find(|c| c.fills("evidence") && c.how == How::Recognised)
        && !content::evidence_column(std::slice::from_ref(c), table, "evidence")
    {
        c.use_ = Use::Extension;
        c.how = How::Content;
        c.note = Some("text, not paths or URLs: kept under x".into());
    }
    if let Some(c) = columns.iter_mut().find(|c| c.fills("title")) {
        c.note =
            Some("the title of custom controls; Annex A titles come from the catalogue".into());
    }
    let orders = content::date_orders(&mut columns, table, &["verified"], request.date_format);
    // Which rows name which controls directly, to expand objectives around them.
    let listed: BTreeMap<String, u32> = column_of(&columns, "id")
        .map(|c| {
            table
                .rows
                .iter()
                .filter_map(|r| match named(&r.get(c.index).text()) {
                    Some(Named::Control(id)) => Some((id, r.number)),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let existing: BTreeMap<&str, &str> = register
        .controls
        .iter()
        .map(|c| (c.value.id.as_str(), register.documents[c.doc].path.as_str()))
        .collect();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let mut drafts = Vec::new();
    for row in &table.rows {
        let view = RowView {
            row,
            columns: &columns,
            defaults: &request.defaults,
        };
        let number = row.number;
        let mut problems = Vec::new();
        let id_text = view.get("id", values);
        let (ids, custom) = match id_text.as_deref().map(|t| (t, named(t))) {
            Some((_, Some(Named::Control(id)))) => (vec![id], false),
            Some((text, Some(Named::Objective(objective)))) => {
                let ids: Vec<String> = catalog::CONTROLS
                    .iter()
                    .filter(|c| c.id.starts_with(&format!("{objective}.")))
                    .map(|c| c.id.to_string())
                    .filter(|id| !listed.contains_key(id))
                    .collect();
                notes.push(format!(
                    "row {number}: `{text}` is an Annex A objective; its decision applies to {}",
                    if ids.is_empty() {
                        "none of its controls (the sheet lists them all)".to_string()
                    } else {
                        ids.join(", ")
                    }
                ));
                if ids.is_empty() {
                    continue;
                }
                (ids, false)
            }
            Some((_, Some(Named::Custom(id)))) => (vec![id], true),
            Some((text, None)) => {
                problems.push(Problem::new(format!(
                    "`{text}` is neither an Annex A control nor a valid custom control id"
                )));
                (vec![String::new()], false)
            }
            None => {
                problems.push(Problem {
                    message: "no control id".into(),
                    fix: Some(Fix::Hint(
                        "no control id: map the column of control ids with --map \"COLUMN=id\""
                            .into(),
                    )),
                });
                (vec![String::new()], false)
            }
        };
        let mut fields: Vec<(String, Node)> = Vec::new();
        let applicable = match view.get("applicable", values) {
            Some(t) => values
                .choice("applicable", &t, number, spellings::yes_no, "yes or no")
                .map_err(|p| problems.push(p))
                .ok(),
            None => {
                problems.push(Problem {
                    message: "no applicability (yes or no)".into(),
                    fix: Some(Fix::Hint(
                        "no applicability: give one with --default applicable=yes".into(),
                    )),
                });
                None
            }
        };
        fields.push((
            "applicable".into(),
            Node::Scalar(applicable.unwrap_or(true).into()),
        ));
        if let Some(j) = view.get("justification", values) {
            fields.push(("justification".into(), Node::text(j)));
        }
        let status = view.get("status", values).and_then(|t| {
            values
                .choice(
                    "status",
                    &t,
                    number,
                    choices::control_status,
                    "planned, partial or implemented",
                )
                .map_err(|p| problems.push(p))
                .ok()
        });
        if let Some(s) = status {
            fields.push(("status".into(), Node::text(s)));
        }
        let owner = view.get("owner", values).and_then(|t| {
            values
                .role("owner", &t, number, false)
                .map_err(|p| problems.push(p))
                .ok()
        });
        if let Some(o) = &owner {
            fields.push(("owner".into(), Node::text(o)));
        }
        if let Some(e) = view.get("evidence", values) {
            let items = list(&e, false);
            for bad in items.iter().filter(|i| !content::is_evidence(i)) {
                problems.push(Problem::new(format!(
                    "evidence `{bad}` is neither a path inside the register nor a URL"
                )));
            }
            fields.push((
                "evidence".into(),
                Node::Seq(items.iter().map(Node::text).collect()),
            ));
        }
        if let Some(cell) = view.typed("verified", values) {
            match dates::parse(&cell, orders.get("verified").copied().flatten(), false) {
                Ok(d) => fields.push(("verified".into(), Node::text(d.to_string()))),
                Err(_) => problems.push(Problem::new(format!(
                    "verified `{}` is not a date",
                    cell.text()
                ))),
            }
        }
        let mut x = view.extension();
        let title = view.get("title", values);
        let description = view.get("description", values);
        if custom {
            match &title {
                Some(t) => fields.push(("title".into(), Node::text(t))),
                None => problems.push(Problem::new(format!(
                    "`{}` is not an Annex A control; a custom control needs a title",
                    ids[0]
                ))),
            }
            match &description {
                Some(d) => fields.push(("description".into(), Node::text(d))),
                None => problems.push(Problem::new(format!(
                    "`{}` is not an Annex A control; a custom control needs a description",
                    ids[0]
                ))),
            }
        } else if let (Some(d), Some(c)) = (&description, column_of(&columns, "description")) {
            x.push((c.header.clone(), Node::text(d)));
        }
        if !x.is_empty() {
            fields.push(("x".into(), Node::Map(x)));
        }
        let detail = match (applicable, status) {
            (Some(false), _) => "excluded".to_string(),
            (_, Some(s)) => s.to_string(),
            _ => "applicable".to_string(),
        };
        for id in ids {
            let mut problems = problems.clone();
            let mut previous = None;
            if !id.is_empty() {
                if let Some(first) = seen.get(&id) {
                    problems.push(Problem::new(format!(
                        "control `{id}` is also on row {first}"
                    )));
                } else {
                    seen.insert(id.clone(), number);
                }
                if let Some(path) = existing.get(id.as_str()) {
                    if request.update {
                        match std::fs::read_to_string(register.root.join(path)) {
                            Ok(text) => previous = Some((path.to_string(), text)),
                            Err(e) => {
                                problems.push(Problem::new(format!("cannot read `{path}`: {e}")))
                            }
                        }
                    } else {
                        problems.push(Problem {
                            message: format!("control `{id}` already has a decision in `{path}`"),
                            fix: Some(Fix::Hint(
                                "--update changes the decisions the register has to the sheet's"
                                    .into(),
                            )),
                        });
                    }
                }
            }
            let label = catalog::CONTROLS
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.title.to_string())
                .or_else(|| title.clone())
                .unwrap_or_default();
            drafts.push(Draft {
                row: number,
                id,
                fields: fields.clone(),
                label,
                detail: detail.clone(),
                owner: owner.clone().unwrap_or_default(),
                previous,
                fallbacks: Vec::new(),
                problems,
            });
        }
    }
    Planned {
        kind: Kind::Control,
        drafts,
        columns,
        notes,
    }
}
