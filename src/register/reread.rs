//! Reading one file again after a write, so that a command can say what `aims
//! check` now reports about it without reading the whole register twice.

use std::fs;

use crate::model::{FileKind, Kind};

use super::{CONFIG_FILE, Document, Entity, Loading, OpenError, Register, Typed, load, stem_of};

impl Register {
    /// Reads the file at `rel` (relative to the root) again after a write, or for the
    /// first time when it is new (it is then listed last), replacing what was read of
    /// it before: its document, its entity and its findings.
    pub fn reread(&mut self, rel: &str) -> Result<(), OpenError> {
        let kind = match rel.split_once('/') {
            Some((folder, _)) => match Kind::ALL.iter().find(|k| k.folder() == folder) {
                Some(&kind) => FileKind::Entity(kind),
                None => return Ok(()),
            },
            None if rel == CONFIG_FILE => FileKind::Config,
            None => return Ok(()),
        };
        let canonical_root = fs::canonicalize(&self.root).map_err(|source| OpenError::Io {
            path: self.root.clone(),
            source,
        })?;
        let loaded = load::load(kind, rel, &self.root.join(rel), &canonical_root, None);
        let doc = match self.documents.iter().position(|d| d.path == rel) {
            Some(doc) => doc,
            None => {
                self.documents.push(Document {
                    kind,
                    path: rel.to_string(),
                    stem: stem_of(rel),
                    id: None,
                    positions: None,
                    loading: Loading::Unread,
                });
                self.documents.len() - 1
            }
        };
        self.findings.retain(|f| f.file != rel);
        self.findings.extend(loaded.findings.iter().cloned());
        let document = &mut self.documents[doc];
        document.loading = loaded.loading();
        document.id = loaded.id;
        document.positions = loaded.positions;
        fn place<T>(entities: &mut Vec<Entity<T>>, doc: usize, value: Option<T>) {
            entities.retain(|e| e.doc != doc);
            if let Some(value) = value {
                let at = entities.partition_point(|e| e.doc < doc);
                entities.insert(at, Entity { doc, value });
            }
        }
        match (kind, loaded.typed) {
            (FileKind::Config, Some(Typed::Config(value))) => {
                self.config = Some(Entity { doc, value });
            }
            (FileKind::Config, _) => self.config = None,
            (FileKind::Entity(Kind::System), typed) => place(
                &mut self.systems,
                doc,
                typed.and_then(|t| match t {
                    Typed::System(v) => Some(v),
                    _ => None,
                }),
            ),
            (FileKind::Entity(Kind::Risk), typed) => place(
                &mut self.risks,
                doc,
                typed.and_then(|t| match t {
                    Typed::Risk(v) => Some(v),
                    _ => None,
                }),
            ),
            (FileKind::Entity(Kind::Impact), typed) => place(
                &mut self.impacts,
                doc,
                typed.and_then(|t| match t {
                    Typed::Impact(v) => Some(v),
                    _ => None,
                }),
            ),
            (FileKind::Entity(Kind::Control), typed) => place(
                &mut self.controls,
                doc,
                typed.and_then(|t| match t {
                    Typed::Control(v) => Some(v),
                    _ => None,
                }),
            ),
            (FileKind::Entity(Kind::Incident), typed) => place(
                &mut self.incidents,
                doc,
                typed.and_then(|t| match t {
                    Typed::Incident(v) => Some(v),
                    _ => None,
                }),
            ),
        }
        Ok(())
    }
}
