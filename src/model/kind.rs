//! What a register file holds: the configuration (`aims.yaml`), the organisation's
//! context (`context.yaml`), or one entity of a kind kept one file per entity in its
//! own folder.

use serde::Serialize;

/// The kinds of entity, each kept one file per entity in its own folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    System,
    Risk,
    Impact,
    Control,
    Incident,
    Policy,
    Objective,
    Monitor,
    Audit,
    ManagementReview,
    Clause,
}

impl Kind {
    /// Every entity kind, in the order the register lists them.
    pub const ALL: &'static [Kind] = &[
        Kind::System,
        Kind::Risk,
        Kind::Impact,
        Kind::Control,
        Kind::Incident,
        Kind::Policy,
        Kind::Objective,
        Kind::Monitor,
        Kind::Audit,
        Kind::ManagementReview,
        Kind::Clause,
    ];

    /// The folder holding this kind's files.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::System => "systems",
            Kind::Risk => "risks",
            Kind::Impact => "impacts",
            Kind::Control => "controls",
            Kind::Incident => "incidents",
            Kind::Policy => "policies",
            Kind::Objective => "objectives",
            Kind::Monitor => "monitors",
            Kind::Audit => "audits",
            Kind::ManagementReview => "management-reviews",
            Kind::Clause => "clauses",
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
    /// `context.yaml`: the organisation's issues and interested parties.
    Context,
    Entity(Kind),
}

impl FileKind {
    /// Every kind of file, `aims.yaml` first: one JSON Schema each.
    pub const ALL: &'static [FileKind] = &[
        FileKind::Config,
        FileKind::Context,
        FileKind::Entity(Kind::System),
        FileKind::Entity(Kind::Risk),
        FileKind::Entity(Kind::Impact),
        FileKind::Entity(Kind::Control),
        FileKind::Entity(Kind::Incident),
        FileKind::Entity(Kind::Policy),
        FileKind::Entity(Kind::Objective),
        FileKind::Entity(Kind::Monitor),
        FileKind::Entity(Kind::Audit),
        FileKind::Entity(Kind::ManagementReview),
        FileKind::Entity(Kind::Clause),
    ];

    /// The position of this kind in [`FileKind::ALL`].
    pub fn index(self) -> usize {
        FileKind::ALL
            .iter()
            .position(|k| *k == self)
            .expect("every file kind is listed in ALL")
    }

    /// The entity kind, unless the file is `aims.yaml` or `context.yaml`.
    pub fn entity(self) -> Option<Kind> {
        match self {
            FileKind::Config | FileKind::Context => None,
            FileKind::Entity(kind) => Some(kind),
        }
    }

    /// The files at the register's root: `aims.yaml` and `context.yaml`.
    pub const ROOT: &'static [FileKind] = &[FileKind::Config, FileKind::Context];

    /// The file name of a root file (`aims.yaml`, `context.yaml`); `None` for entities.
    pub fn root_file(self) -> Option<&'static str> {
        match self {
            FileKind::Config => Some("aims.yaml"),
            FileKind::Context => Some("context.yaml"),
            FileKind::Entity(_) => None,
        }
    }

    /// The id `Approves:`, `aims approve` and `aims log` name a root file by: `aims`
    /// for `aims.yaml`, `context` for `context.yaml`.
    pub fn root_id(self) -> Option<&'static str> {
        match self {
            FileKind::Config => Some("aims"),
            FileKind::Context => Some("context"),
            FileKind::Entity(_) => None,
        }
    }

    /// The root file kind at `path` (relative to the register), if it is one.
    pub fn root_at(path: &str) -> Option<FileKind> {
        FileKind::ROOT
            .iter()
            .copied()
            .find(|k| k.root_file() == Some(path))
    }

    /// The root file kind named by `id` (`aims`, `context`).
    pub fn root_named(id: &str) -> Option<FileKind> {
        FileKind::ROOT
            .iter()
            .copied()
            .find(|k| k.root_id() == Some(id))
    }

    /// The name of the kind's JSON Schema file, `<name>.schema.json`.
    pub fn schema_name(self) -> &'static str {
        match self {
            FileKind::Config => "aims",
            FileKind::Context => "context",
            FileKind::Entity(Kind::System) => "system",
            FileKind::Entity(Kind::Risk) => "risk",
            FileKind::Entity(Kind::Impact) => "impact",
            FileKind::Entity(Kind::Control) => "control",
            FileKind::Entity(Kind::Incident) => "incident",
            FileKind::Entity(Kind::Policy) => "policy",
            FileKind::Entity(Kind::Objective) => "objective",
            FileKind::Entity(Kind::Monitor) => "monitor",
            FileKind::Entity(Kind::Audit) => "audit",
            FileKind::Entity(Kind::ManagementReview) => "management-review",
            FileKind::Entity(Kind::Clause) => "clause",
        }
    }

    /// The word users read in messages.
    pub fn noun(self) -> &'static str {
        match self {
            FileKind::Config => "configuration",
            FileKind::Context => "context",
            FileKind::Entity(Kind::System) => "system",
            FileKind::Entity(Kind::Risk) => "risk",
            FileKind::Entity(Kind::Impact) => "impact assessment",
            FileKind::Entity(Kind::Control) => "control",
            FileKind::Entity(Kind::Incident) => "incident",
            FileKind::Entity(Kind::Policy) => "policy",
            FileKind::Entity(Kind::Objective) => "objective",
            FileKind::Entity(Kind::Monitor) => "monitor",
            FileKind::Entity(Kind::Audit) => "audit",
            FileKind::Entity(Kind::ManagementReview) => "management review",
            FileKind::Entity(Kind::Clause) => "clause statement",
        }
    }
}

impl From<Kind> for FileKind {
    fn from(kind: Kind) -> FileKind {
        FileKind::Entity(kind)
    }
}
