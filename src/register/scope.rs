//! Which files a register reads ([`Scope`]), and what came of reading each one
//! ([`Loading`]), including what a risk file that failed its schema still says it
//! covers ([`Sketch`]).

use crate::model::{FileKind, Kind};

use super::stem_of;

/// What came of reading a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loading {
    /// It loaded: its entity is among the register's.
    Typed,
    /// It could not be loaded (a finding says why). For a risk whose YAML parsed, what
    /// it still says about the systems and category it covers.
    Failed(Option<Sketch>),
    /// It was listed but not read ([`Scope::Only`]): its id counts by its file name.
    Unread,
}

/// What a risk file that failed its schema still says: the systems it names and its
/// category, read from the raw value, so that rules about what risks cover do not
/// report a gap the broken file may fill (no cascades).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch {
    pub systems: Vec<String>,
    /// `None` when the category cannot be read.
    pub category: Option<String>,
}

impl Sketch {
    pub(super) fn of(kind: FileKind, value: &serde_json::Value) -> Option<Sketch> {
        if kind != FileKind::Entity(Kind::Risk) {
            return None;
        }
        let systems = match value.get("systems") {
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect(),
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        };
        let category = value
            .get("category")
            .and_then(serde_json::Value::as_str)
            .map(String::from);
        Some(Sketch { systems, category })
    }
}

/// Which files of a register are read. Commands that write read only what the
/// findings on the files they write depend on, so that an edit costs the same on a
/// register of ten thousand risks as on one of ten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every file.
    Everything,
    /// `aims.yaml`, every file of `kinds`, the files of `mentioning` kinds whose text
    /// holds one of the texts given, the files of `cited` kinds whose ids the files of
    /// `entities` name (all of them without entities), and the files of `entities`; the
    /// other files are listed (their ids count as existing) but not read.
    Only {
        kinds: Vec<Kind>,
        mentioning: Vec<(Kind, Vec<String>)>,
        cited: Vec<Kind>,
        entities: Vec<(Kind, String)>,
    },
}

/// Whether one file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading<'s> {
    Read,
    Skip,
    /// Read when its bytes hold one of these texts, or any `\` (an escape in a quoted
    /// scalar could spell one of them otherwise): a file that cannot name an entity
    /// cannot refer to it.
    IfMentions(&'s [String]),
    /// Read when the files of the scope's entities name its id.
    IfCited,
}

impl Scope {
    pub(super) fn reads(&self, kind: FileKind, rel: &str) -> Reading<'_> {
        let (
            Scope::Only {
                kinds,
                mentioning,
                cited,
                entities,
            },
            FileKind::Entity(kind),
        ) = (self, kind)
        else {
            return Reading::Read;
        };
        if kinds.contains(&kind)
            || entities
                .iter()
                .any(|(k, id)| *k == kind && stem_of(rel) == *id)
        {
            return Reading::Read;
        }
        match mentioning.iter().find(|(k, _)| *k == kind) {
            Some((_, texts)) => Reading::IfMentions(texts),
            None if cited.contains(&kind) => Reading::IfCited,
            None => Reading::Skip,
        }
    }

    /// The entities whose files say which files of `cited` kinds to read.
    pub(super) fn entities(&self) -> &[(Kind, String)] {
        match self {
            Scope::Everything => &[],
            Scope::Only { entities, .. } => entities,
        }
    }
}

/// Whether `bytes` may refer to one of `texts`.
pub(super) fn mentions(bytes: &[u8], texts: &[String]) -> bool {
    memchr::memchr(b'\\', bytes).is_some()
        || texts
            .iter()
            .any(|t| memchr::memmem::find(bytes, t.as_bytes()).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_that_can_name_an_entity_are_read_for_it() {
        let ids = vec!["R-001".to_string()];
        assert!(mentions(b"risks: [R-001]\n", &ids));
        assert!(!mentions(b"risks: [R-002]\n", &ids));
        // an escape could spell the id: read it to be sure
        assert!(mentions(b"risks: [\"R\\u002d001\"]\n", &ids));
        let scope = Scope::Only {
            kinds: vec![Kind::Control],
            mentioning: vec![(Kind::Incident, ids.clone())],
            cited: vec![Kind::System],
            entities: vec![(Kind::Risk, "R-001".to_string())],
        };
        let entity = |kind| FileKind::Entity(kind);
        assert_eq!(scope.reads(FileKind::Config, "aims.yaml"), Reading::Read);
        assert_eq!(
            scope.reads(entity(Kind::Control), "controls/A.2.2.yaml"),
            Reading::Read
        );
        assert_eq!(
            scope.reads(entity(Kind::Risk), "risks/R-001.yaml"),
            Reading::Read
        );
        assert_eq!(
            scope.reads(entity(Kind::Risk), "risks/R-002.yaml"),
            Reading::Skip
        );
        assert_eq!(
            scope.reads(entity(Kind::Incident), "incidents/INC-1.yaml"),
            Reading::IfMentions(&ids)
        );
        assert_eq!(
            scope.reads(entity(Kind::System), "systems/s.yaml"),
            Reading::IfCited
        );
    }
}
