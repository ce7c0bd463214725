//! What an import creates besides its rows' files: the roles and categories the
//! sheet names, appended to `aims.yaml` (checked as loading would check it), and the
//! systems it names, with placeholders the dry run says to complete.

use super::ImportError;
use super::plan::{Change, render};
use super::values::New;
use crate::edit::{Editor, Node};
use crate::model::{FileKind, Kind};
use crate::register::{self, Register};

/// `aims.yaml` with the new roles and categories appended to their lists.
pub fn config_change(
    register: &Register,
    roles: &[New],
    categories: &[New],
) -> Result<Change, ImportError> {
    let problem = |problem: String| ImportError::Config {
        path: register::CONFIG_FILE.to_string(),
        problem,
    };
    let path = register.root.join(register::CONFIG_FILE);
    let previous = std::fs::read_to_string(&path).map_err(|e| problem(e.to_string()))?;
    let mut editor = Editor::new(previous.clone());
    for r in roles {
        let mut entry = vec![
            ("id".to_string(), Node::text(&r.id)),
            ("name".to_string(), Node::text(&r.label)),
        ];
        if r.label.contains('@') {
            entry.push(("email".to_string(), Node::text(&r.label)));
        }
        if r.approver {
            entry.push(("approver".to_string(), Node::Scalar(true.into())));
        }
        editor
            .push("/roles", &Node::Map(entry))
            .map_err(|e| problem(e.to_string()))?;
    }
    let entries: Vec<Node> = categories
        .iter()
        .map(|c| {
            Node::Map(vec![
                ("id".to_string(), Node::text(&c.id)),
                ("title".to_string(), Node::text(&c.label)),
            ])
        })
        .collect();
    let has_categories = register
        .config
        .as_ref()
        .is_some_and(|c| !c.value.categories.is_empty());
    if !entries.is_empty() && !has_categories {
        // `categories: []` becomes a block list rather than one long flow line.
        editor
            .set("/categories", &Node::Seq(entries))
            .map_err(|e| problem(e.to_string()))?;
    } else {
        for entry in entries {
            editor
                .push("/categories", &entry)
                .map_err(|e| problem(e.to_string()))?;
        }
    }
    let text = editor.into_text();
    if let Some(f) = register::check_text(FileKind::Config, register::CONFIG_FILE, &text).first() {
        return Err(problem(f.message.clone()));
    }
    Ok(Change {
        path: register::CONFIG_FILE.to_string(),
        text,
        previous: Some(previous),
    })
}

/// A system the sheet names and the register lacks, with placeholders to complete.
pub fn system_text(system: &New, first_role: &str, input: &str) -> String {
    let owner = system
        .owner
        .clone()
        .unwrap_or_else(|| first_role.to_string());
    render(
        Kind::System,
        &system.id,
        &[
            ("name".to_string(), Node::text(&system.label)),
            (
                "intended_use".to_string(),
                Node::text(format!(
                    "To be described: named in `{input}`, imported by aims."
                )),
            ),
            ("lifecycle".to_string(), Node::text("deployed")),
            ("organisation_role".to_string(), Node::text("user")),
            ("owner".to_string(), Node::text(owner)),
            (
                "x".to_string(),
                Node::Map(vec![(
                    "import_note".to_string(),
                    Node::text(
                        "created by aims import; check intended_use, lifecycle and organisation_role",
                    ),
                )]),
            ),
        ],
    )
}
