//! Reading one file again after a write, so that a command can say what `aims
//! check` now reports about it without reading the whole register twice.

use std::fs;

use crate::model::{FileKind, Kind};

use super::{
    CONFIG_FILE, CONTEXT_FILE, Document, Entity, Loading, OpenError, Register, Typed, load, stem_of,
};

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
            None if rel == CONTEXT_FILE => FileKind::Context,
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
        // Whatever was typed of the file before goes; what it holds now takes its place.
        forget(self, doc);
        match loaded.typed {
            Some(Typed::Config(value)) => self.config = Some(Entity { doc, value }),
            Some(Typed::Context(value)) => self.context = Some(Entity { doc, value }),
            Some(Typed::System(value)) => place(&mut self.systems, doc, value),
            Some(Typed::Risk(value)) => place(&mut self.risks, doc, value),
            Some(Typed::Impact(value)) => place(&mut self.impacts, doc, value),
            Some(Typed::Control(value)) => place(&mut self.controls, doc, value),
            Some(Typed::Incident(value)) => place(&mut self.incidents, doc, value),
            Some(Typed::Policy(value)) => place(&mut self.policies, doc, value),
            Some(Typed::Objective(value)) => place(&mut self.objectives, doc, value),
            Some(Typed::Monitor(value)) => place(&mut self.monitors, doc, value),
            Some(Typed::Audit(value)) => place(&mut self.audits, doc, value),
            Some(Typed::ManagementReview(value)) => place(&mut self.management_reviews, doc, value),
            Some(Typed::Clause(value)) => place(&mut self.clauses, doc, value),
            None => match kind {
                FileKind::Config => self.config = None,
                FileKind::Context => self.context = None,
                FileKind::Entity(_) => {}
            },
        }
        Ok(())
    }
}

/// Puts an entity read from document `doc` among the others, in document order.
fn place<T>(entities: &mut Vec<Entity<T>>, doc: usize, value: T) {
    let at = entities.partition_point(|e| e.doc < doc);
    entities.insert(at, Entity { doc, value });
}

/// Drops the entity read from document `doc`, whatever its kind.
fn forget(register: &mut Register, doc: usize) {
    fn drop_from<T>(entities: &mut Vec<Entity<T>>, doc: usize) {
        entities.retain(|e| e.doc != doc);
    }
    drop_from(&mut register.systems, doc);
    drop_from(&mut register.risks, doc);
    drop_from(&mut register.impacts, doc);
    drop_from(&mut register.controls, doc);
    drop_from(&mut register.incidents, doc);
    drop_from(&mut register.policies, doc);
    drop_from(&mut register.objectives, doc);
    drop_from(&mut register.monitors, doc);
    drop_from(&mut register.audits, doc);
    drop_from(&mut register.management_reviews, doc);
    drop_from(&mut register.clauses, doc);
}
