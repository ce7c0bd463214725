//! What a register file holds: the configuration (`aims.yaml`) or one entity of a
//! kind kept one file per entity in its own folder.

use serde::Serialize;

/// The kinds of entity, each kept one file per entity in its own folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    System,
    Risk,
    Impact,
    Control,
    Incident,
}

impl Kind {
    /// Every entity kind, in the order the register lists them.
    pub const ALL: &'static [Kind] = &[
        Kind::System,
        Kind::Risk,
        Kind::Impact,
        Kind::Control,
        Kind::Incident,
    ];

    /// The folder holding this kind's files.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::System => "systems",
            Kind::Risk => "risks",
            Kind::Impact => "impacts",
            Kind::Control => "controls",
            Kind::Incident => "incidents",
        }
    }

    /// The word users read in messages.
    pub fn noun(self) -> &'static str {
        FileKind::Entity(self).noun()
    }
}

/// What one register file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// `aims.yaml`: organisation, scope, roles, criteria and rule settings.
    Config,
    Entity(Kind),
}

impl FileKind {
    /// Every kind of file, `aims.yaml` first: one JSON Schema each.
    pub const ALL: &'static [FileKind] = &[
        FileKind::Config,
        FileKind::Entity(Kind::System),
        FileKind::Entity(Kind::Risk),
        FileKind::Entity(Kind::Impact),
        FileKind::Entity(Kind::Control),
        FileKind::Entity(Kind::Incident),
    ];

    /// The position of this kind in [`FileKind::ALL`].
    pub fn index(self) -> usize {
        FileKind::ALL
            .iter()
            .position(|k| *k == self)
            .expect("every file kind is listed in ALL")
    }

    /// The entity kind, unless the file is `aims.yaml`.
    pub fn entity(self) -> Option<Kind> {
        match self {
            FileKind::Config => None,
            FileKind::Entity(kind) => Some(kind),
        }
    }

    /// The name of the kind's JSON Schema file, `<name>.schema.json`.
    pub fn schema_name(self) -> &'static str {
        match self {
            FileKind::Config => "aims",
            FileKind::Entity(Kind::System) => "system",
            FileKind::Entity(Kind::Risk) => "risk",
            FileKind::Entity(Kind::Impact) => "impact",
            FileKind::Entity(Kind::Control) => "control",
            FileKind::Entity(Kind::Incident) => "incident",
        }
    }

    /// The word users read in messages.
    pub fn noun(self) -> &'static str {
        match self {
            FileKind::Config => "configuration",
            FileKind::Entity(Kind::System) => "system",
            FileKind::Entity(Kind::Risk) => "risk",
            FileKind::Entity(Kind::Impact) => "impact assessment",
            FileKind::Entity(Kind::Control) => "control",
            FileKind::Entity(Kind::Incident) => "incident",
        }
    }
}

impl From<Kind> for FileKind {
    fn from(kind: Kind) -> FileKind {
        FileKind::Entity(kind)
    }
}
