//! Rows of an AI system inventory into system files.
//!
//! A system's id is the sheet's when it is a valid id, else made from its name. A
//! system the register already has (by id or name) is refused unless `--update` is
//! given, which changes only the fields the sheet has.

use std::collections::BTreeMap;

use super::Request;
use super::choices;
use super::columns::Column;
use super::plan::{Draft, Planned, RowView, list};
use super::spellings;
use super::table::Table;
use super::values::{Fix, Problem, Resolver, is_id, key, slug};
use crate::edit::Node;
use crate::model::Kind;
use crate::register::Register;

/// A required field's value, or a problem saying how to give it.
fn required(
    view: &RowView,
    values: &mut Resolver,
    field: &'static str,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let value = view.get(field, values);
    if value.is_none() {
        problems.push(Problem {
            message: format!("no {}", field.replace('-', " ")),
            fix: Some(Fix::Hint(format!(
                "no {}: give one with --default {field}=VALUE",
                field.replace('-', " ")
            ))),
        });
    }
    value
}

pub fn plan(
    request: &Request,
    table: &Table,
    columns: Vec<Column>,
    values: &mut Resolver,
    register: &Register,
) -> Planned {
    // id or key(name) -> (id, path) of the systems already in the register.
    let mut existing: BTreeMap<String, (String, String)> = BTreeMap::new();
    for s in &register.systems {
        let entry = (s.value.id.clone(), register.documents[s.doc].path.clone());
        existing.insert(key(&s.value.name), entry.clone());
        existing.insert(key(&s.value.id), entry);
    }
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
        let name = required(&view, values, "name", &mut problems);
        let sheet_id = view.get("id", values);
        let mut fields: Vec<(String, Node)> = Vec::new();
        fields.push(("name".into(), Node::text(name.clone().unwrap_or_default())));
        let intended = required(&view, values, "intended-use", &mut problems);
        fields.push((
            "intended_use".into(),
            Node::text(intended.unwrap_or_default()),
        ));
        let mut choice = |field: &'static str,
                          spell: fn(&str) -> Option<(&'static str, &'static str)>,
                          expects: &'static str,
                          problems: &mut Vec<Problem>,
                          must: bool| {
            let text = if must {
                required(&view, values, field, problems)
            } else {
                view.get(field, values)
            };
            text.and_then(|t| {
                values
                    .choice(field, &t, number, spell, expects)
                    .map_err(|p| problems.push(p))
                    .ok()
            })
        };
        let lifecycle = choice(
            "lifecycle",
            choices::lifecycle,
            "concept, development, validation, deployed or retired",
            &mut problems,
            true,
        );
        let role = choice(
            "role",
            choices::organisation_role,
            "developer, provider or user",
            &mut problems,
            true,
        );
        let model = choice(
            "model-type",
            choices::model_type,
            "proprietary, fine-tuned, third-party-foundation, third-party-api or rules",
            &mut problems,
            false,
        );
        let criticality = choice(
            "criticality",
            choices::criticality,
            "low, medium, high or critical",
            &mut problems,
            false,
        );
        let in_scope = choice(
            "in-scope",
            |t| spellings::yes_no(t).map(|(b, w)| (if b { "true" } else { "false" }, w)),
            "yes or no",
            &mut problems,
            false,
        );
        fields.push((
            "lifecycle".into(),
            Node::text(lifecycle.unwrap_or("deployed")),
        ));
        fields.push((
            "organisation_role".into(),
            Node::text(role.unwrap_or("user")),
        ));
        if let Some(m) = model {
            fields.push(("model_type".into(), Node::text(m)));
        }
        for (field, name) in [
            ("data-inputs", "data_inputs"),
            ("users", "users"),
            ("affected-parties", "affected_parties"),
        ] {
            if let Some(t) = view.get(field, values) {
                fields.push((
                    name.into(),
                    Node::Seq(list(&t, true).iter().map(Node::text).collect()),
                ));
            }
        }
        if let Some(d) = view.get("deployment", values) {
            fields.push(("deployment".into(), Node::text(d)));
        }
        if let Some(c) = criticality {
            fields.push(("criticality".into(), Node::text(c)));
        }
        let owner = required(&view, values, "owner", &mut problems).and_then(|t| {
            values
                .role("owner", &t, number, false)
                .map_err(|p| problems.push(p))
                .ok()
        });
        fields.push((
            "owner".into(),
            Node::text(owner.clone().unwrap_or_default()),
        ));
        if let Some(s) = view.get("suppliers", values) {
            let suppliers = list(&s, false)
                .iter()
                .map(|n| Node::Map(vec![("name".into(), Node::text(n))]))
                .collect();
            fields.push(("suppliers".into(), Node::Seq(suppliers)));
        }
        if let Some(scope) = in_scope {
            fields.push(("in_scope".into(), Node::Scalar((scope == "true").into())));
        }
        match view.get("scope-note", values) {
            Some(note) => fields.push(("scope_note".into(), Node::text(note))),
            None if in_scope == Some("false") => problems.push(Problem {
                message: "out of the AIMS scope without a scope note".into(),
                fix: Some(Fix::Hint(
                    "a system outside the scope needs a scope note: map its column with --map \"COLUMN=scope-note\"".into(),
                )),
            }),
            None => {}
        }
        let x = view.extension();
        if !x.is_empty() {
            fields.push(("x".into(), Node::Map(x)));
        }
        let id = sheet_id
            .clone()
            .filter(|s| is_id(s))
            .or_else(|| name.as_deref().and_then(slug))
            .unwrap_or_default();
        if id.is_empty() && name.is_some() {
            problems.push(Problem::new("no id, and none can be made from the name"));
        }
        let mut previous = None;
        let matched = [sheet_id.as_deref(), Some(id.as_str()), name.as_deref()]
            .into_iter()
            .flatten()
            .find_map(|k| existing.get(&key(k)))
            .cloned();
        let id = match matched {
            Some((existing_id, path)) if request.update => {
                match std::fs::read_to_string(register.root.join(&path)) {
                    Ok(text) => previous = Some((path, text)),
                    Err(e) => problems.push(Problem::new(format!("cannot read `{path}`: {e}"))),
                }
                existing_id
            }
            Some((existing_id, path)) => {
                problems.push(Problem {
                    message: format!("system `{existing_id}` already exists in `{path}`"),
                    fix: Some(Fix::Hint(
                        "--update changes the systems the register has to the sheet's".into(),
                    )),
                });
                existing_id
            }
            None => id,
        };
        if !id.is_empty() {
            if let Some(first) = seen.get(&id) {
                problems.push(Problem::new(format!(
                    "system `{id}` is also on row {first}"
                )));
            } else {
                seen.insert(id.clone(), number);
            }
        }
        drafts.push(Draft {
            row: number,
            id,
            fields,
            label: name.unwrap_or_default(),
            detail: lifecycle.unwrap_or_default().to_string(),
            owner: owner.unwrap_or_default(),
            previous,
            fallbacks: Vec::new(),
            problems,
        });
    }
    Planned {
        kind: Kind::System,
        drafts,
        columns,
        notes: Vec::new(),
    }
}
