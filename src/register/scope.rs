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
    /// `aims.yaml`, every file of `kinds`, and the files of `entities`; the other
    /// files are listed (their ids count as existing) but not read.
    Only {
        kinds: Vec<Kind>,
        entities: Vec<(Kind, String)>,
    },
}

impl Scope {
    pub(super) fn reads(&self, kind: FileKind, rel: &str) -> bool {
        match (self, kind) {
            (Scope::Everything, _) | (_, FileKind::Config) => true,
            (Scope::Only { kinds, entities }, FileKind::Entity(kind)) => {
                kinds.contains(&kind)
                    || entities
                        .iter()
                        .any(|(k, id)| *k == kind && stem_of(rel) == *id)
            }
        }
    }
}
