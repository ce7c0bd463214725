//! Writes that touch several files at once (several SoA decisions, an evidence file
//! copied in and the entity that cites it), all or nothing: every file is prepared
//! and checked under the register's lock, then the whole set goes through the
//! register's journal, so that a run killed half way leaves every change or none.

use std::fs;

use crate::edit::{EditError, Editor};
use crate::model::{FileKind, Kind};
use crate::register::journal::{self, Journal};
use crate::register::{self, Register};

use super::{AuthorError, Written, lock};

/// A change to a file's text.
pub type Change<'a> = Box<dyn FnOnce(&mut Editor) -> Result<(), EditError> + 'a>;

/// One file of a multi-file write.
pub enum Write<'a> {
    /// A new entity file, from its text for its id.
    Create {
        kind: Kind,
        id: String,
        text: String,
    },
    /// A change to an existing entity file.
    Edit {
        kind: Kind,
        id: String,
        change: Change<'a>,
    },
    /// A file that is not an entity (evidence), at a path relative to the root. An
    /// existing file with the same bytes is left as it is; one with other bytes is
    /// refused.
    Copy { rel: String, bytes: Vec<u8> },
}

/// Makes every write or none. Returns what was written, in the order given (copies
/// of identical files included).
pub fn write_all(register: &Register, writes: Vec<Write<'_>>) -> Result<Vec<Written>, AuthorError> {
    let root = &register.root;
    register::schemas::write_schemas(root, false).map_err(|source| AuthorError::Io {
        path: crate::schema::REGISTER_SCHEMAS.to_string(),
        source,
    })?;
    let _lock = lock(
        &register.root,
        ".",
        &format!("writing {} files", writes.len()),
    )?;
    let mut staged: Vec<(bool, String, Vec<u8>)> = Vec::new();
    let mut written = Vec::new();
    for write in writes {
        match write {
            Write::Create { kind, id, text } => {
                let rel = format!("{}/{id}.yaml", kind.folder());
                if register.document_of(kind, &id).is_some() || root.join(&rel).exists() {
                    return Err(AuthorError::Exists {
                        kind: FileKind::Entity(kind),
                        id,
                        path: rel,
                    });
                }
                let content = format!("{}{text}", crate::schema::modeline(FileKind::Entity(kind)));
                check(kind, &rel, &content)?;
                staged.push((true, rel.clone(), content.into_bytes()));
                written.push(Written { id, path: rel });
            }
            Write::Edit { kind, id, change } => {
                let doc = register
                    .document_of(kind, &id)
                    .ok_or_else(|| AuthorError::NotFound {
                        kind: FileKind::Entity(kind),
                        id: id.clone(),
                    })?;
                let rel = doc.path.clone();
                let original =
                    fs::read_to_string(root.join(&rel)).map_err(|source| AuthorError::Io {
                        path: rel.clone(),
                        source,
                    })?;
                let mut editor =
                    Editor::new(original.clone()).ordered(super::order::of(FileKind::Entity(kind)));
                change(&mut editor).map_err(|source| AuthorError::Edit {
                    path: rel.clone(),
                    source,
                })?;
                let content = editor.into_text();
                check(kind, &rel, &content)?;
                if content != original {
                    staged.push((false, rel.clone(), content.into_bytes()));
                }
                written.push(Written { id, path: rel });
            }
            Write::Copy { rel, bytes } => {
                match fs::read(root.join(&rel)) {
                    Ok(existing) if existing == bytes => {}
                    Ok(_) => {
                        return Err(AuthorError::Io {
                            path: rel,
                            source: std::io::Error::new(
                                std::io::ErrorKind::AlreadyExists,
                                "a different file is already there; give the copy another name",
                            ),
                        });
                    }
                    Err(_) => staged.push((true, rel.clone(), bytes)),
                }
                written.push(Written {
                    id: rel.clone(),
                    path: rel,
                });
            }
        }
    }
    let io = |path: &str| {
        let path = path.to_string();
        move |source| AuthorError::Io { path, source }
    };
    let mut journal = Journal::begin(root).map_err(io(journal::JOURNAL_DIR))?;
    for (new, rel, bytes) in &staged {
        match new {
            true => journal.create(rel, bytes),
            false => journal.replace(rel, bytes),
        }
        .map_err(io(rel))?;
    }
    journal.commit().map_err(io(journal::JOURNAL_DIR))?;
    Ok(written)
}

/// Refuses text that would not load cleanly as a file of `kind`.
fn check(kind: Kind, rel: &str, content: &str) -> Result<(), AuthorError> {
    let findings = register::check_text(FileKind::Entity(kind), rel, content);
    match findings.is_empty() {
        true => Ok(()),
        false => Err(AuthorError::Invalid {
            kind: FileKind::Entity(kind),
            findings,
        }),
    }
}
