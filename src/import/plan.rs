//! What an import would do, as one serialisable value: the columns and how each is
//! used, the value mappings applied, what it would create, every row it would write
//! and every row it cannot import with all its reasons, and the files to write.
//!
//! The kind-specific planners ([`super::risks`], [`super::controls`],
//! [`super::systems`]) turn rows into [`Draft`]s; [`finish`] renders them, checks every
//! file exactly as loading would, adds the roles, categories and systems the accepted
//! rows need, and sums up.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use super::columns::{Column, How, Use};
use super::created;
use super::hints;
use super::read::Source;
use super::table::{Cell, SheetRow};
use super::values::{New, Problem, Resolver};
use super::vocabulary;
use super::{ImportError, What};
use crate::edit::{Editor, Node};
use crate::model::Kind;
use crate::register::{self, Register};
use crate::schema;

#[derive(Debug, Clone, Serialize)]
pub struct ColumnReport {
    pub letter: String,
    pub column: String,
    /// The field, `x` (kept under `x:`) or `ignore`.
    pub field: String,
    pub how: How,
    pub note: Option<String>,
    /// What the field becomes in the register, from the vocabulary.
    pub becomes: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ValueReport {
    pub field: &'static str,
    pub from: String,
    pub to: String,
    pub how: &'static str,
    pub rows: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Creation {
    pub kind: &'static str,
    pub id: String,
    pub label: String,
    pub file: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Update,
    Unchanged,
}

/// A row that would be written.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub row: u32,
    pub id: String,
    pub action: Action,
    pub label: String,
    /// The score of a risk, the decision of a control, the lifecycle of a system.
    pub detail: String,
    pub owner: String,
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rejected {
    pub row: u32,
    pub reasons: Vec<String>,
}

/// Rows of the sheet, and files: a row is imported or rejected whole, and makes one
/// file (several for an SoA row naming an Annex A objective).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Rows under the header that hold something.
    pub rows: usize,
    pub importable: usize,
    pub rejected: usize,
    /// Files the importable rows create, update, and leave as they are.
    pub create: usize,
    pub update: usize,
    pub unchanged: usize,
}

/// A file to write: new when `previous` is `None`, else replacing that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub text: String,
    pub previous: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub what: &'static str,
    pub source: Source,
    pub columns: Vec<ColumnReport>,
    pub values: Vec<ValueReport>,
    pub create: Vec<Creation>,
    pub rows: Vec<Outcome>,
    pub rejected: Vec<Rejected>,
    pub notes: Vec<String>,
    pub hints: Vec<String>,
    pub summary: Summary,
    #[serde(skip)]
    pub changes: Vec<Change>,
}

/// One row on its way to a file.
#[derive(Debug, Clone)]
pub struct Draft {
    pub row: u32,
    pub id: String,
    /// The entity's fields after `id`, in file order; `x` last.
    pub fields: Vec<(String, Node)>,
    pub label: String,
    pub detail: String,
    pub owner: String,
    /// The text of the file this row updates.
    pub previous: Option<(String, String)>,
    /// Fields filled because the sheet says nothing (`identified` today, `status`
    /// open): written in a new file, left alone in an updated one.
    pub fallbacks: Vec<&'static str>,
    pub problems: Vec<Problem>,
}

/// A row's cells by field, with `--value` and `--default` applied.
pub struct RowView<'a> {
    pub row: &'a SheetRow,
    pub columns: &'a [Column],
    pub defaults: &'a BTreeMap<&'static str, String>,
}

impl RowView<'_> {
    pub fn number(&self) -> u32 {
        self.row.number
    }

    /// The cell of the column filling `field`, when it holds something.
    pub fn cell(&self, field: &str) -> Option<&Cell> {
        self.columns
            .iter()
            .find(|c| c.fills(field))
            .map(|c| self.row.get(c.index))
            .filter(|c| !c.is_empty())
    }

    /// The text for `field`: the cell through `--value`, else `--default`.
    pub fn get(&self, field: &'static str, values: &mut Resolver) -> Option<String> {
        let mapped = self.cell(field).map(|cell| {
            let text = cell.text().into_owned();
            values.mapped(field, &text, self.number()).unwrap_or(text)
        });
        match mapped {
            Some(text) if !text.trim().is_empty() => Some(text.trim().to_string()),
            _ => self.defaults.get(field).map(|d| {
                values.record(field, "(empty)", d, "--default", self.number());
                d.clone()
            }),
        }
    }

    /// The cell for `field` as typed (for dates), unless `--value` maps its text; a
    /// default is returned as text.
    pub fn typed(&self, field: &'static str, values: &mut Resolver) -> Option<Cell> {
        if let Some(cell) = self.cell(field) {
            let text = cell.text().into_owned();
            match values.mapped(field, &text, self.number()) {
                Some(to) if to.trim().is_empty() => {}
                Some(to) => return Some(Cell::Text(to)),
                None => return Some(cell.clone()),
            }
        }
        self.get(field, values).map(Cell::Text)
    }

    /// The `x:` entries of the columns kept there, each under its header.
    pub fn extension(&self) -> Vec<(String, Node)> {
        let mut seen = BTreeSet::new();
        self.columns
            .iter()
            .filter(|c| c.use_ == Use::Extension)
            .filter_map(|c| {
                let cell = self.row.get(c.index);
                let mut key = c.header.trim().to_string();
                if !seen.insert(key.clone()) {
                    key = format!("{key} ({})", c.letter);
                }
                (!cell.is_empty()).then(|| (key, Node::text(cell.text())))
            })
            .collect()
    }
}

/// Splits a cell into a list on `;`, newlines and (when `commas`) commas.
pub fn list(text: &str, commas: bool) -> Vec<String> {
    text.split(|c| c == ';' || c == '\n' || (commas && c == ','))
        .map(|s| s.trim().trim_start_matches(['-', '•', '*']).trim())
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Applies a row's fields to an existing file's text, changing only what the sheet
/// gives: maps are entered key by key, so fields the sheet does not have survive.
pub fn merge(previous: &str, fields: &[(String, Node)]) -> Result<String, String> {
    fn set(editor: &mut Editor, pointer: &str, node: &Node) -> Result<(), String> {
        match node {
            Node::Map(entries) if !entries.is_empty() => {
                for (k, v) in entries {
                    let key = k.replace('~', "~0").replace('/', "~1");
                    set(editor, &format!("{pointer}/{key}"), v)?;
                }
                Ok(())
            }
            other => editor.set(pointer, other).map_err(|e| e.to_string()),
        }
    }
    let mut editor = Editor::new(previous);
    for (key, node) in fields {
        let key = key.replace('~', "~0").replace('/', "~1");
        set(&mut editor, &format!("/{key}"), node)?;
    }
    Ok(editor.into_text())
}

/// The file text of a new entity.
pub fn render(kind: Kind, id: &str, fields: &[(String, Node)]) -> String {
    let mut all = vec![("id".to_string(), Node::text(id))];
    all.extend(fields.iter().cloned());
    format!(
        "{}{}",
        schema::modeline(kind.into()),
        Node::Map(all).document()
    )
}

/// Everything a planner found, to be finished into a [`Plan`].
pub struct Planned {
    pub kind: Kind,
    pub drafts: Vec<Draft>,
    pub columns: Vec<Column>,
    pub notes: Vec<String>,
}

/// Renders and checks every accepted draft, adds what the accepted rows need
/// created, and sums up.
pub fn finish(
    what: &'static str,
    source: Source,
    planned: Planned,
    mut values: Resolver,
    register: &Register,
    input: &Path,
) -> Result<Plan, ImportError> {
    let Planned {
        kind,
        drafts,
        columns,
        mut notes,
    } = planned;
    let folder = kind.folder();
    // Each draft rendered and checked, on every core (the results keep row order); a
    // row is imported only if all its drafts are.
    let results: Vec<(u32, Checked)> = drafts
        .into_par_iter()
        .map(|draft| (draft.row, check(kind, folder, draft)))
        .collect();
    let mut checked: BTreeMap<u32, Vec<Checked>> = BTreeMap::new();
    for (row, result) in results {
        checked.entry(row).or_default().push(result);
    }
    let mut changes = Vec::new();
    let (mut rows, mut rejected, mut fixes) = (Vec::new(), Vec::new(), Vec::new());
    let mut accepted_rows = BTreeSet::new();
    for (row, results) in checked {
        if results.iter().all(Result::is_ok) {
            accepted_rows.insert(row);
            for (outcome, change) in results.into_iter().flatten() {
                rows.push(outcome);
                changes.extend(change);
            }
            continue;
        }
        let mut reasons: Vec<String> = Vec::new();
        for problem in results.into_iter().filter_map(Result::err).flatten() {
            fixes.extend(problem.fix);
            if !reasons.contains(&problem.message) {
                reasons.push(problem.message);
            }
        }
        rejected.push(Rejected { row, reasons });
    }

    let used = |new: &Vec<New>| -> Vec<New> {
        new.iter()
            .filter(|n| n.rows.iter().any(|r| accepted_rows.contains(r)))
            .cloned()
            .collect()
    };
    let (roles, categories, systems) = (
        used(&values.new_roles),
        used(&values.new_categories),
        used(&values.new_systems),
    );
    let mut create = Vec::new();
    if !roles.is_empty() || !categories.is_empty() {
        changes.insert(0, created::config_change(register, &roles, &categories)?);
        for r in &roles {
            create.push(Creation {
                kind: "role",
                id: r.id.clone(),
                label: r.label.clone(),
                file: register::CONFIG_FILE.to_string(),
            });
        }
        for c in &categories {
            create.push(Creation {
                kind: "category",
                id: c.id.clone(),
                label: c.label.clone(),
                file: register::CONFIG_FILE.to_string(),
            });
        }
    }
    let input_name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let first_role = register
        .config
        .as_ref()
        .and_then(|c| c.value.roles.first())
        .map(|r| r.id.clone())
        .unwrap_or_default();
    for s in &systems {
        let path = format!("systems/{}.yaml", s.id);
        let text = created::system_text(s, &first_role, &input_name);
        let findings = register::check_text(Kind::System.into(), &path, &text);
        if let Some(f) = findings.first() {
            notes.push(format!(
                "system `{}` cannot be created: {}",
                s.id, f.message
            ));
            continue;
        }
        changes.push(Change {
            path: path.clone(),
            text,
            previous: None,
        });
        create.push(Creation {
            kind: "system",
            id: s.id.clone(),
            label: s.label.clone(),
            file: path,
        });
    }

    let summary = Summary {
        rows: accepted_rows.len() + rejected.len(),
        importable: accepted_rows.len(),
        rejected: rejected.len(),
        create: rows.iter().filter(|r| r.action == Action::Create).count(),
        update: rows.iter().filter(|r| r.action == Action::Update).count(),
        unchanged: rows
            .iter()
            .filter(|r| r.action == Action::Unchanged)
            .count(),
    };
    rejected.sort_by_key(|r| r.row);
    rows.sort_by_key(|r| r.row);
    let values_applied = std::mem::take(&mut values.applied)
        .into_iter()
        .map(|((field, from), a)| ValueReport {
            field,
            from,
            to: a.to,
            how: a.how,
            rows: a.rows.len(),
        })
        .collect();
    Ok(Plan {
        what,
        source,
        columns: columns.iter().map(|c| report(what_of(kind), c)).collect(),
        values: values_applied,
        create,
        rows,
        rejected,
        notes,
        hints: hints::hints(fixes, (&values.likelihood, &values.consequence)),
        summary,
        changes,
    })
}

fn what_of(kind: Kind) -> What {
    match kind {
        Kind::Control => What::Controls,
        Kind::System => What::Systems,
        _ => What::Risks,
    }
}

/// A draft rendered and checked: what it would write, or why it cannot.
type Checked = Result<(Outcome, Option<Change>), Vec<Problem>>;

/// Renders one draft and checks it as loading would: its outcome and the change to
/// write (none when an update changes nothing), or every problem it has.
fn check(kind: Kind, folder: &str, mut draft: Draft) -> Checked {
    let path = match &draft.previous {
        Some((path, _)) => path.clone(),
        None => format!("{folder}/{}.yaml", draft.id),
    };
    if !draft.problems.is_empty() {
        return Err(draft.problems);
    }
    let text = match &draft.previous {
        Some((_, old)) => {
            let given: Vec<(String, Node)> = draft
                .fields
                .iter()
                .filter(|(k, _)| !draft.fallbacks.contains(&k.as_str()))
                .cloned()
                .collect();
            merge(old, &given).map_err(|p| vec![Problem::new(p)])?
        }
        None => render(kind, &draft.id, &draft.fields),
    };
    let findings = register::check_text(kind.into(), &path, &text);
    if !findings.is_empty() {
        draft
            .problems
            .extend(findings.into_iter().map(|f| Problem::new(f.message)));
        return Err(draft.problems);
    }
    let previous = draft.previous.map(|(_, old)| old);
    let action = match &previous {
        None => Action::Create,
        Some(old) if *old == text => Action::Unchanged,
        Some(_) => Action::Update,
    };
    let change = (action != Action::Unchanged).then(|| Change {
        path: path.clone(),
        text,
        previous,
    });
    let outcome = Outcome {
        row: draft.row,
        id: draft.id,
        action,
        label: draft.label,
        detail: draft.detail,
        owner: draft.owner,
        file: path,
    };
    Ok((outcome, change))
}

fn report(what: What, c: &Column) -> ColumnReport {
    ColumnReport {
        letter: c.letter.clone(),
        column: c.header.clone(),
        field: match c.use_ {
            Use::Field(f) => f.to_string(),
            Use::Extension => "x".to_string(),
            Use::Ignore => "ignore".to_string(),
        },
        how: c.how,
        note: c.note.clone(),
        becomes: match c.use_ {
            Use::Field(f) => vocabulary::fields(what)
                .iter()
                .find(|d| d.name == f)
                .map(|d| d.becomes),
            Use::Extension => Some("`x` (kept under its header)"),
            Use::Ignore => None,
        },
    }
}
