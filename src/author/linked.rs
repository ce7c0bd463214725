//! Edits that must land together: an audit finding and the incident that carries it
//! (`source:`), written all or nothing through the register's journal, under one hold
//! of the lock, so that no reader, crash or second writer ever sees one without the
//! other.

use std::fs;

use crate::edit::{EditError, Editor};
use crate::model::{FileKind, Kind};
use crate::register::journal::{self, Journal};
use crate::register::{self, Register};

use super::{AuthorError, Written};

/// One file's change within a linked edit.
pub type Change<'a> = Box<dyn FnOnce(&mut Editor) -> Result<(), EditError> + 'a>;

/// Applies every change to its entity's file, checks each result as loading would,
/// and writes them all or none. Files whose text does not change are not written.
pub fn edit_together<'a>(
    register: &Register,
    changes: Vec<(Kind, &str, Change<'a>)>,
) -> Result<Vec<Written>, AuthorError> {
    let mut targets = Vec::new();
    for (kind, id, change) in changes {
        let doc = register
            .documents
            .iter()
            .find(|d| d.kind == FileKind::Entity(kind) && d.stem == id)
            .ok_or_else(|| AuthorError::NotFound {
                kind: kind.into(),
                id: id.to_string(),
            })?;
        targets.push((kind, id, doc.path.clone(), change));
    }
    let _lock = super::lock(&register.root, "", "editing linked records")?;
    let mut journal = Journal::begin(&register.root).map_err(|source| AuthorError::Io {
        path: journal::JOURNAL_DIR.to_string(),
        source,
    })?;
    let mut written = Vec::new();
    for (kind, id, path, change) in targets {
        let original =
            fs::read_to_string(register.root.join(&path)).map_err(|source| AuthorError::Io {
                path: path.clone(),
                source,
            })?;
        let mut editor =
            Editor::new(original.clone()).ordered(super::order::of(FileKind::Entity(kind)));
        change(&mut editor).map_err(|source| AuthorError::Edit {
            path: path.clone(),
            source,
        })?;
        let content = editor.into_text();
        let findings = register::check_text(kind.into(), &path, &content);
        if !findings.is_empty() {
            return Err(AuthorError::Invalid {
                kind: kind.into(),
                findings,
            });
        }
        if content != original {
            journal
                .replace(&path, content.as_bytes())
                .map_err(|source| AuthorError::Io {
                    path: path.clone(),
                    source,
                })?;
        }
        written.push(Written {
            id: id.to_string(),
            path,
        });
    }
    journal.commit().map_err(|source| AuthorError::Io {
        path: journal::JOURNAL_DIR.to_string(),
        source,
    })?;
    Ok(written)
}
