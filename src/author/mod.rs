//! Creating and editing entities on disk, safely.
//!
//! A new entity gets the next free id of the register's own sequence (`R-019` after
//! `R-018`), its text is checked exactly as loading would check it, and it is linked
//! into place so that an existing file is never overwritten: when two `add`s race
//! for the same id, the loser takes the next one. An edit reads the file, applies
//! byte-preserving changes, checks the result, and replaces the file atomically. A
//! change that would not load cleanly is refused before anything touches the disk.

pub mod acceptance;
pub mod actions;
pub mod batch;
mod document;
pub mod evidence;
mod linked;
pub mod measure;
pub mod order;
pub mod soa;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::edit::{EditError, Editor};
use crate::finding::Finding;
use crate::model::{FileKind, Kind};
use crate::register::lock::{self, Lock, LockError};
use crate::register::{self, Register, write};

pub use document::NewRisk;
pub use linked::{Change, edit_together};

#[derive(Debug, thiserror::Error)]
pub enum AuthorError {
    #[error("{} `{id}` already exists in `{path}`", kind.noun())]
    Exists {
        kind: FileKind,
        id: String,
        path: String,
    },
    #[error("no {} `{id}` in the register", kind.noun())]
    NotFound { kind: FileKind, id: String },
    #[error("the result would not be a valid {} file; nothing was written", kind.noun())]
    Invalid {
        kind: FileKind,
        findings: Vec<Finding>,
    },
    #[error("cannot edit `{path}`")]
    Edit { path: String, source: EditError },
    #[error("cannot write `{path}`")]
    Io { path: String, source: io::Error },
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Record(#[from] measure::RecordError),
}

/// The next id in the register's own numbering: the prefix most ids share (`R-`,
/// `INC-2026-`), one past its highest number, padded like the existing ones.
/// `default` when no id ends in a number.
pub fn next_id<'a>(existing: impl IntoIterator<Item = &'a str>, default: &str) -> String {
    // prefix -> (count, highest number, widest number)
    let mut sequences: BTreeMap<&str, (usize, u64, usize)> = BTreeMap::new();
    for id in existing {
        let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > 18 {
            continue;
        }
        let (prefix, number) = id.split_at(id.len() - digits);
        let Ok(number) = number.parse::<u64>() else {
            continue;
        };
        let entry = sequences.entry(prefix).or_insert((0, 0, 0));
        entry.0 += 1;
        entry.1 = entry.1.max(number);
        entry.2 = entry.2.max(digits);
    }
    match sequences
        .iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.0.cmp(a.0)))
    {
        Some((prefix, (_, highest, width))) => {
            format!("{prefix}{:0width$}", highest + 1, width = *width)
        }
        None => default.to_string(),
    }
}

/// A file that was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub id: String,
    /// Relative to the register root.
    pub path: String,
}

/// Creates a new entity of `kind`. With `id`, exactly that id (refused if taken);
/// without, the next free id of the register's sequence, `default` for the first.
/// `text` renders the file for a given id.
pub fn create(
    register: &Register,
    kind: Kind,
    id: Option<&str>,
    default: &str,
    text: impl Fn(&str) -> String,
) -> Result<Written, AuthorError> {
    let folder = kind.folder();
    let taken: Vec<&str> = register
        .documents
        .iter()
        .filter(|d| d.kind == FileKind::Entity(kind))
        .map(|d| d.stem.as_str())
        .collect();
    let mut candidate = match id {
        Some(id) => {
            if let Some(doc) = register
                .documents
                .iter()
                .find(|d| d.kind == FileKind::Entity(kind) && d.stem == id)
            {
                return Err(AuthorError::Exists {
                    kind: kind.into(),
                    id: id.to_string(),
                    path: doc.path.clone(),
                });
            }
            id.to_string()
        }
        None => next_id(taken.iter().copied(), default),
    };
    let dir = register.root.join(folder);
    fs::create_dir_all(&dir).map_err(|source| AuthorError::Io {
        path: format!("{folder}/"),
        source,
    })?;
    // The new file's first line points editors at the register's copy of the schema.
    register::schemas::write_schemas(&register.root, false).map_err(|source| AuthorError::Io {
        path: crate::schema::REGISTER_SCHEMAS.to_string(),
        source,
    })?;
    let _lock = lock(
        &register.root,
        folder,
        &format!("creating a {} in `{folder}/`", kind.noun()),
    )?;
    // Another writer may have taken the id before we held the lock: then move on.
    for _ in 0..100 {
        let rel = format!("{folder}/{candidate}.yaml");
        let content = format!(
            "{}{}",
            crate::schema::modeline(kind.into()),
            text(&candidate)
        );
        let findings = register::check_text(kind.into(), &rel, &content);
        if !findings.is_empty() {
            return Err(AuthorError::Invalid {
                kind: kind.into(),
                findings,
            });
        }
        let path = register.root.join(&rel);
        match write::write_new(&path, content.as_bytes()) {
            Ok(()) => {
                return Ok(Written {
                    id: candidate,
                    path: rel,
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && id.is_none() => {
                candidate = next_id(taken.iter().copied().chain([candidate.as_str()]), default);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                return Err(AuthorError::Exists {
                    kind: kind.into(),
                    id: candidate,
                    path: rel,
                });
            }
            Err(source) => return Err(AuthorError::Io { path: rel, source }),
        }
    }
    Err(AuthorError::Io {
        path: folder.to_string(),
        source: io::Error::other("no free id after 100 attempts"),
    })
}

/// Edits the file of entity `id` of `kind` in place with `change`.
pub fn edit(
    register: &Register,
    kind: Kind,
    id: &str,
    change: impl FnOnce(&mut Editor) -> Result<(), EditError>,
) -> Result<Written, AuthorError> {
    let doc = register
        .documents
        .iter()
        .find(|d| d.kind == FileKind::Entity(kind) && d.stem == id)
        .ok_or_else(|| AuthorError::NotFound {
            kind: kind.into(),
            id: id.to_string(),
        })?;
    edit_document(register, doc, id, change)
}

/// Edits a root file (`aims.yaml`, `context.yaml`) in place with `change`.
pub fn edit_root(
    register: &Register,
    kind: FileKind,
    change: impl FnOnce(&mut Editor) -> Result<(), EditError>,
) -> Result<Written, AuthorError> {
    let id = kind.root_id().unwrap_or_default();
    let doc = register
        .documents
        .iter()
        .find(|d| d.kind == kind)
        .ok_or_else(|| AuthorError::NotFound {
            kind,
            id: id.to_string(),
        })?;
    edit_document(register, doc, id, change)
}

/// Creates a root file (`context.yaml`) that does not exist yet, with `text`.
pub fn create_root(
    register: &Register,
    kind: FileKind,
    text: &str,
) -> Result<Written, AuthorError> {
    let (Some(rel), Some(id)) = (kind.root_file(), kind.root_id()) else {
        return Err(AuthorError::NotFound {
            kind,
            id: String::new(),
        });
    };
    let _lock = lock(&register.root, ".", &format!("creating `{rel}`"))?;
    let content = format!("{}{text}", crate::schema::modeline(kind));
    let findings = register::check_text(kind, rel, &content);
    if !findings.is_empty() {
        return Err(AuthorError::Invalid { kind, findings });
    }
    register::schemas::write_schemas(&register.root, false).map_err(|source| AuthorError::Io {
        path: crate::schema::REGISTER_SCHEMAS.to_string(),
        source,
    })?;
    match write::write_new(&register.root.join(rel), content.as_bytes()) {
        Ok(()) => Ok(Written {
            id: id.to_string(),
            path: rel.to_string(),
        }),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(AuthorError::Exists {
            kind,
            id: id.to_string(),
            path: rel.to_string(),
        }),
        Err(source) => Err(AuthorError::Io {
            path: rel.to_string(),
            source,
        }),
    }
}

fn edit_document(
    register: &Register,
    doc: &register::Document,
    id: &str,
    change: impl FnOnce(&mut Editor) -> Result<(), EditError>,
) -> Result<Written, AuthorError> {
    let path: PathBuf = register.root.join(&doc.path);
    let io_error = |source| AuthorError::Io {
        path: doc.path.clone(),
        source,
    };
    // Read under the lock, so that a change made meanwhile by another aims is the
    // one this edit builds on, never one it overwrites.
    let folder = doc.path.rsplit_once('/').map_or(".", |(folder, _)| folder);
    let _lock = lock(&register.root, folder, &format!("editing `{}`", doc.path))?;
    let original = fs::read_to_string(&path).map_err(io_error)?;
    let mut editor = Editor::new(original.clone()).ordered(order::of(doc.kind));
    change(&mut editor).map_err(|source| AuthorError::Edit {
        path: doc.path.clone(),
        source,
    })?;
    let content = editor.into_text();
    let findings = register::check_text(doc.kind, &doc.path, &content);
    if !findings.is_empty() {
        return Err(AuthorError::Invalid {
            kind: doc.kind,
            findings,
        });
    }
    if content != original {
        write::replace(&path, content.as_bytes()).map_err(io_error)?;
    }
    Ok(Written {
        id: id.to_string(),
        path: doc.path.clone(),
    })
}

/// Takes the register's lock for a write in `folder`, and clears what killed writers
/// left there.
fn lock(root: &Path, folder: &str, doing: &str) -> Result<Lock, AuthorError> {
    let lock = Lock::take(root, doing, lock::wait())?;
    write::remove_stale_temporaries(&root.join(folder));
    Ok(lock)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_id_follows_the_register_sequence() {
        assert_eq!(next_id([], "R-001"), "R-001");
        assert_eq!(next_id(["R-001", "R-002", "R-018"], "R-001"), "R-019");
        assert_eq!(next_id(["R-9"], "R-001"), "R-10");
        assert_eq!(
            next_id(["INC-2026-001", "INC-2026-004"], "INC-001"),
            "INC-2026-005"
        );
        // the prefix most ids share wins over a stray one
        assert_eq!(next_id(["R-001", "R-002", "X-900"], "R-001"), "R-003");
        assert_eq!(next_id(["credit-risk", "bias"], "R-001"), "R-001");
    }
}
