//! Opening a register: find its root, read every file of every entity folder, parse
//! each once with positions, validate it against its JSON Schema and deserialise the
//! typed entity from the same value.
//!
//! Problems with individual files (unreadable, too large, not UTF-8, malformed YAML,
//! schema violations, files in unexpected places) are findings collected here, so one
//! bad file never stops the others from being read. Only a register that cannot be
//! read at all (no `aims.yaml`, an unreadable root folder) is an error. This module does
//! not apply the cross-file rules; `validate` does.
//!
//! A register is read from the working tree or, for `--at`, from a commit: the
//! [`Source`] says which, and carries the resolved [`Revision`] so that everything
//! downstream (approvals, provenance, templates, evidence) reads the same version.

pub mod evidence;
pub mod journal;
mod listing;
mod load;
pub mod lock;
pub mod measurements;
mod reread;
pub mod schemas;
mod scope;
pub mod templates;
pub mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::finding::{Finding, Rule};
use crate::model::{
    AiSystem, Audit, ClauseStatement, Config, Context, FileKind, ImpactAssessment, Incident, Kind,
    ManagementReview, Monitor, Objective, Policy, Risk, SoaDecision,
};
use crate::yaml::{Loc, Positions};

use measurements::MeasurementFile;

pub use load::check_text;
use scope::Reading;
pub use scope::{Loading, Scope, Sketch};

/// The file at the root of every register.
pub const CONFIG_FILE: &str = "aims.yaml";

/// The organisation's context, beside `aims.yaml` (format 2; optional).
pub const CONTEXT_FILE: &str = "context.yaml";

/// Files larger than this are refused unread: an entity file is a few kilobytes, and a
/// limit keeps a stray data dump or a hostile file from exhausting memory.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Whether a file name in an entity folder names an entity file.
pub fn is_entity_file_name(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// Whether a path relative to the register root is one of the register's own files
/// or folders: a root file, an entity folder, `evidence/`, `templates/` or `.aims/`.
/// Nothing aims produces (a report, a site) is ever written there.
pub fn is_own_path(rel: &str) -> bool {
    let first = rel.split('/').next().unwrap_or_default();
    FileKind::root_at(rel).is_some()
        || Kind::ALL.iter().any(|k| k.folder() == first)
        || [".aims", templates::TEMPLATES_DIR, "evidence"].contains(&first)
}

/// Why a register could not be opened at all.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("no `{CONFIG_FILE}` found in `{}` or any parent directory", start.display())]
    NotFound { start: PathBuf },
    #[error("`{}` is not a directory", path.display())]
    NotADirectory { path: PathBuf },
    #[error("cannot read `{}`", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Finds the register containing `start`: `start` itself or its nearest ancestor that
/// holds an `aims.yaml`, the way git finds a repository.
pub fn discover(start: &Path) -> Result<PathBuf, OpenError> {
    let absolute = std::path::absolute(start).map_err(|source| OpenError::Io {
        path: start.to_path_buf(),
        source,
    })?;
    match fs::metadata(&absolute) {
        Ok(m) if !m.is_dir() => return Err(OpenError::NotADirectory { path: absolute }),
        Ok(_) => {}
        Err(source) => {
            return Err(OpenError::Io {
                path: absolute,
                source,
            });
        }
    }
    for dir in absolute.ancestors() {
        let config = dir.join(CONFIG_FILE);
        match fs::symlink_metadata(&config) {
            Ok(_) => return Ok(dir.to_path_buf()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            // A folder that cannot be looked into may hold a register: say so, rather
            // than walk up and open another one.
            Err(source) => {
                return Err(OpenError::Io {
                    path: config,
                    source,
                });
            }
        }
    }
    Err(OpenError::NotFound { start: absolute })
}

/// One file of the register, as read.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: FileKind,
    /// Relative to the register root, `/`-separated.
    pub path: String,
    /// The file name without its extension: the entity id the file claims.
    pub stem: String,
    /// The `id` field, when the file parsed and has a textual one.
    pub id: Option<String>,
    /// `None` when the file could not be read or parsed (a finding says why), or was
    /// not read.
    pub positions: Option<Positions>,
    /// Whether the file was read and what came of it.
    pub loading: Loading,
}

impl Document {
    /// Where the node at a JSON pointer stands in this file.
    pub fn locate(&self, pointer: &str) -> Option<Loc> {
        self.positions.as_ref().map(|p| p.locate(pointer))
    }

    /// The entity kind of the file, unless it is `aims.yaml`.
    pub fn entity_kind(&self) -> Option<Kind> {
        self.kind.entity()
    }
}

/// A typed entity and the index of the document it came from.
#[derive(Debug, Clone)]
pub struct Entity<T> {
    pub doc: usize,
    pub value: T,
}

/// A register read from disk or from a commit.
#[derive(Debug, Clone)]
pub struct Register {
    pub root: PathBuf,
    /// Every register file found, `aims.yaml` first, then by kind and path.
    pub documents: Vec<Document>,
    pub config: Option<Entity<Config>>,
    pub systems: Vec<Entity<AiSystem>>,
    pub risks: Vec<Entity<Risk>>,
    pub impacts: Vec<Entity<ImpactAssessment>>,
    pub controls: Vec<Entity<SoaDecision>>,
    pub incidents: Vec<Entity<Incident>>,
    pub context: Option<Entity<Context>>,
    pub policies: Vec<Entity<Policy>>,
    pub objectives: Vec<Entity<Objective>>,
    pub monitors: Vec<Entity<Monitor>>,
    pub audits: Vec<Entity<Audit>>,
    pub management_reviews: Vec<Entity<ManagementReview>>,
    pub clauses: Vec<Entity<ClauseStatement>>,
    /// `measurements/<id>.csv`, by path: the results of the monitors.
    pub measurements: Vec<MeasurementFile>,
    /// Findings from reading, parsing and schema validation.
    pub findings: Vec<Finding>,
    /// Where the files came from: the working tree, or a commit.
    pub source: Source,
}

/// A commit the register is read at (`--at`), resolved once from what the user wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// The full commit id, in hexadecimal.
    pub commit: String,
    /// The commit's time, seconds since the epoch.
    pub time: i64,
    /// What the user wrote: `HEAD~1`, a tag, a date.
    pub spec: String,
}

impl Revision {
    /// The abbreviated commit id people read.
    pub fn short(&self) -> &str {
        &self.commit[..self.commit.len().min(12)]
    }

    /// The commit's date (UTC).
    pub fn date(&self) -> NaiveDate {
        chrono::DateTime::from_timestamp(self.time, 0).map_or(NaiveDate::MIN, |d| d.date_naive())
    }
}

/// Where a register's files are read from.
#[derive(Debug, Clone)]
pub enum Source {
    /// The folder on disk.
    Disk,
    /// Every file of the register as it stood at a commit, by path relative to the
    /// register root (evidence and templates included).
    Snapshot {
        revision: Revision,
        files: BTreeMap<String, Vec<u8>>,
    },
}

/// A typed entity of any kind, on its way out of the parallel part of loading.
/// Short-lived and moved once, so the size difference between variants costs nothing.
#[allow(clippy::large_enum_variant)]
enum Typed {
    Config(Config),
    Context(Context),
    System(AiSystem),
    Risk(Risk),
    Impact(ImpactAssessment),
    Control(SoaDecision),
    Incident(Incident),
    Policy(Policy),
    Objective(Objective),
    Monitor(Monitor),
    Audit(Audit),
    ManagementReview(ManagementReview),
    Clause(ClauseStatement),
}

/// What loading one file produced. The file's value is not among it: it is dropped
/// as soon as the typed entity is made, which keeps memory flat on large registers.
struct Loaded {
    id: Option<String>,
    positions: Option<Positions>,
    typed: Option<Typed>,
    /// For a risk that failed its schema: what it says it covers.
    sketch: Option<Sketch>,
    findings: Vec<Finding>,
    /// Listed, not read.
    unread: bool,
}

impl Loaded {
    /// A file that could not be loaded, for the one reason given.
    fn failed(finding: Finding) -> Loaded {
        Loaded {
            id: None,
            positions: None,
            typed: None,
            sketch: None,
            findings: vec![finding],
            unread: false,
        }
    }

    /// A file listed but not read.
    fn unread() -> Loaded {
        Loaded {
            id: None,
            positions: None,
            typed: None,
            sketch: None,
            findings: Vec::new(),
            unread: true,
        }
    }

    fn loading(&self) -> Loading {
        match (&self.typed, self.unread) {
            (Some(_), _) => Loading::Typed,
            (None, true) => Loading::Unread,
            (None, false) => Loading::Failed(self.sketch.clone()),
        }
    }
}

impl Register {
    /// Reads the register rooted at `root` (the folder holding `aims.yaml`).
    pub fn open(root: &Path) -> Result<Register, OpenError> {
        Register::open_scoped(root, &Scope::Everything)
    }

    /// Reads the files of the register at `root` that `scope` names, and lists the
    /// others.
    pub fn open_scoped(root: &Path, scope: &Scope) -> Result<Register, OpenError> {
        let root = root.to_path_buf();
        let canonical_root = fs::canonicalize(&root).map_err(|source| OpenError::Io {
            path: root.clone(),
            source,
        })?;
        let mut findings = Vec::new();
        let mut files: Vec<(FileKind, String, PathBuf)> = Vec::new();
        if !root.join(CONFIG_FILE).exists() {
            return Err(OpenError::NotFound { start: root });
        }
        files.push((
            FileKind::Config,
            CONFIG_FILE.to_string(),
            root.join(CONFIG_FILE),
        ));
        if fs::symlink_metadata(root.join(CONTEXT_FILE)).is_ok() {
            files.push((
                FileKind::Context,
                CONTEXT_FILE.to_string(),
                root.join(CONTEXT_FILE),
            ));
        }
        for &kind in Kind::ALL {
            listing::list_folder(&root, &canonical_root, kind, &mut files, &mut findings)?;
        }
        let mut series = Vec::new();
        listing::list_measurements(&root, &canonical_root, &mut series, &mut findings)?;

        // What the scope's entities name: files of `cited` kinds are read when named (all
        // of them when there is no entity, or one cannot be read).
        let named: Option<Vec<u8>> = files
            .iter()
            .filter(|(kind, rel, _)| {
                scope
                    .entities()
                    .iter()
                    .any(|(k, id)| FileKind::Entity(*k) == *kind && stem_of(rel) == *id)
            })
            .map(|(_, _, path)| fs::read(path).ok())
            .collect::<Option<Vec<Vec<u8>>>>()
            .filter(|texts| !texts.is_empty())
            .map(|texts| texts.concat());
        let parallel = files.len() + series.len() >= PARALLEL_FROM;
        let loaded: Vec<Loaded> = map_files(parallel, &files, |(kind, rel, path)| {
            match scope.reads(*kind, rel) {
                Reading::Read => load::load(*kind, rel, path, &canonical_root, None),
                Reading::IfMentions(texts) => {
                    load::load(*kind, rel, path, &canonical_root, Some(texts))
                }
                Reading::IfCited => match &named {
                    Some(named) if !scope::mentions(named, &[stem_of(rel)]) => Loaded::unread(),
                    _ => load::load(*kind, rel, path, &canonical_root, None),
                },
                Reading::Skip => Loaded::unread(),
            }
        });
        let listed = files
            .into_iter()
            .map(|(kind, rel, _)| (kind, rel))
            .collect();
        let measured = map_files(parallel, &series, |(rel, path)| {
            measurements::load(rel, path)
        });
        Ok(Register::assemble(
            root,
            Source::Disk,
            listed,
            loaded,
            measured,
            findings,
        ))
    }

    /// Reads the register as it stood at a commit, from its files there (paths
    /// relative to the register root). `root` is where it lives on disk today.
    pub fn from_snapshot(
        root: &Path,
        revision: Revision,
        files: Vec<(String, Vec<u8>)>,
    ) -> Result<Register, OpenError> {
        let files: BTreeMap<String, Vec<u8>> = files.into_iter().collect();
        if !files.contains_key(CONFIG_FILE) {
            return Err(OpenError::NotFound {
                start: root.to_path_buf(),
            });
        }
        let mut findings = Vec::new();
        let mut listed: Vec<(FileKind, String)> = FileKind::ROOT
            .iter()
            .filter_map(|k| k.root_file().map(|f| (*k, f)))
            .filter(|(_, f)| files.contains_key(*f))
            .map(|(k, f)| (k, f.to_string()))
            .collect();
        let mut subfolders = BTreeSet::new();
        for &kind in Kind::ALL {
            let folder = kind.folder();
            let prefix = format!("{folder}/");
            for rel in files.keys().filter(|r| r.starts_with(&prefix)) {
                let name = &rel[prefix.len()..];
                if let Some((sub, _)) = name.split_once('/') {
                    if !sub.starts_with('.') && subfolders.insert(format!("{folder}/{sub}/")) {
                        findings.push(Finding::new(
                            Rule::UnexpectedFile,
                            format!("{folder}/{sub}/"),
                            format!("folder `{folder}/{sub}/` is not read; {} files sit directly in `{folder}/`", kind.noun()),
                        ));
                    }
                } else if name.starts_with('.') {
                } else if is_entity_file_name(name) {
                    listed.push((FileKind::Entity(kind), rel.clone()));
                } else {
                    findings.push(Finding::new(
                        Rule::UnexpectedFile,
                        rel.clone(),
                        format!("`{name}` is not a register file; `{folder}/` holds `<id>.yaml` files only"),
                    ));
                }
            }
        }
        let prefix = format!("{}/", measurements::FOLDER);
        let mut series = Vec::new();
        for rel in files.keys().filter(|r| r.starts_with(&prefix)) {
            let name = &rel[prefix.len()..];
            if let Some((sub, _)) = name.split_once('/') {
                if !sub.starts_with('.') && subfolders.insert(format!("{prefix}{sub}/")) {
                    findings.push(Finding::new(
                        Rule::UnexpectedFile,
                        format!("{prefix}{sub}/"),
                        format!("folder `{prefix}{sub}/` is not read; measurements files sit directly in `{prefix}`"),
                    ));
                }
            } else if name.starts_with('.') {
            } else if measurements::is_measurement_file_name(name) {
                series.push(rel.clone());
            } else {
                findings.push(Finding::new(
                    Rule::UnexpectedFile,
                    rel.clone(),
                    format!("`{name}` is not a register file; `{prefix}` holds `<monitor id>.csv` files only"),
                ));
            }
        }
        let parallel = listed.len() + series.len() >= PARALLEL_FROM;
        let loaded: Vec<Loaded> = map_files(parallel, &listed, |(kind, rel)| {
            load::load_bytes(*kind, rel, &files[rel])
        });
        let measured = map_files(parallel, &series, |rel| {
            measurements::load_bytes(rel, &files[rel])
        });
        Ok(Register::assemble(
            root.to_path_buf(),
            Source::Snapshot { revision, files },
            listed,
            loaded,
            measured,
            findings,
        ))
    }

    fn assemble(
        root: PathBuf,
        source: Source,
        listed: Vec<(FileKind, String)>,
        loaded: Vec<Loaded>,
        measured: Vec<(Option<MeasurementFile>, Vec<Finding>)>,
        findings: Vec<Finding>,
    ) -> Register {
        let mut register = Register {
            root,
            documents: Vec::with_capacity(listed.len()),
            config: None,
            systems: Vec::new(),
            risks: Vec::new(),
            impacts: Vec::new(),
            controls: Vec::new(),
            incidents: Vec::new(),
            context: None,
            policies: Vec::new(),
            objectives: Vec::new(),
            monitors: Vec::new(),
            audits: Vec::new(),
            management_reviews: Vec::new(),
            clauses: Vec::new(),
            measurements: Vec::new(),
            findings,
            source,
        };
        for (file, found) in measured {
            register.findings.extend(found);
            register.measurements.extend(file);
        }
        for ((kind, rel), loaded) in listed.into_iter().zip(loaded) {
            let doc = register.documents.len();
            let loading = loaded.loading();
            register.findings.extend(loaded.findings);
            match loaded.typed {
                Some(Typed::Config(value)) => register.config = Some(Entity { doc, value }),
                Some(Typed::System(value)) => register.systems.push(Entity { doc, value }),
                Some(Typed::Risk(value)) => register.risks.push(Entity { doc, value }),
                Some(Typed::Impact(value)) => register.impacts.push(Entity { doc, value }),
                Some(Typed::Control(value)) => register.controls.push(Entity { doc, value }),
                Some(Typed::Incident(value)) => register.incidents.push(Entity { doc, value }),
                Some(Typed::Context(value)) => register.context = Some(Entity { doc, value }),
                Some(Typed::Policy(value)) => register.policies.push(Entity { doc, value }),
                Some(Typed::Objective(value)) => register.objectives.push(Entity { doc, value }),
                Some(Typed::Monitor(value)) => register.monitors.push(Entity { doc, value }),
                Some(Typed::Audit(value)) => register.audits.push(Entity { doc, value }),
                Some(Typed::ManagementReview(value)) => {
                    register.management_reviews.push(Entity { doc, value })
                }
                Some(Typed::Clause(value)) => register.clauses.push(Entity { doc, value }),
                None => {}
            }
            register.documents.push(Document {
                kind,
                stem: stem_of(&rel),
                path: rel,
                id: loaded.id,
                positions: loaded.positions,
                loading,
            });
        }
        register
    }

    /// Where the node at `pointer` stands in document `doc`.
    pub fn locate(&self, doc: usize, pointer: &str) -> Option<Loc> {
        self.documents.get(doc).and_then(|d| d.locate(pointer))
    }

    /// The commit the register was read at, for `--at`; `None` for the working tree.
    pub fn revision(&self) -> Option<&Revision> {
        match &self.source {
            Source::Disk => None,
            Source::Snapshot { revision, .. } => Some(revision),
        }
    }

    /// The measurements of monitor `id`, when it has a file.
    pub fn measurements_of(&self, id: &str) -> Option<&MeasurementFile> {
        self.measurements.iter().find(|m| m.id == id)
    }

    /// How many files were read: the YAML files and the measurements files.
    pub fn files(&self) -> usize {
        self.documents.len() + self.measurements.len()
    }

    /// The document of entity `id` of `kind`, by file stem.
    pub fn document_of(&self, kind: Kind, id: &str) -> Option<&Document> {
        self.documents
            .iter()
            .find(|d| d.kind == FileKind::Entity(kind) && d.stem == id)
    }
}

fn stem_of(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    match name.rsplit_once('.') {
        Some((stem, _)) => stem.to_string(),
        None => name.to_string(),
    }
}

/// Below this many files (YAML and measurements together), a register is read on the
/// calling thread: for a small register, starting the worker threads costs more CPU
/// than they save time.
const PARALLEL_FROM: usize = 256;

/// `read` applied to every item, in order; on the worker threads when `parallel`.
fn map_files<T: Sync, R: Send>(
    parallel: bool,
    items: &[T],
    read: impl Fn(&T) -> R + Sync + Send,
) -> Vec<R> {
    if parallel {
        items.par_iter().map(read).collect()
    } else {
        items.iter().map(read).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_read_in_order_on_one_thread_or_many() {
        for (count, parallel) in [(0, false), (1, false), (300, false), (300, true)] {
            let items: Vec<usize> = (0..count).collect();
            let threads = std::sync::Mutex::new(std::collections::HashSet::new());
            let read = map_files(parallel, &items, |n| {
                if let Ok(mut seen) = threads.lock() {
                    seen.insert(std::thread::current().id());
                }
                n * 2
            });
            assert_eq!(read, items.iter().map(|n| n * 2).collect::<Vec<_>>());
            let threads = threads.into_inner().expect("not poisoned");
            let here = std::thread::current().id();
            if parallel {
                assert!(threads.iter().any(|t| *t != here), "{count}");
            } else {
                assert!(threads.iter().all(|t| *t == here), "{count}");
            }
        }
    }

    #[test]
    fn stems_keep_inner_dots() {
        assert_eq!(stem_of("controls/A.6.2.4.yaml"), "A.6.2.4");
        assert_eq!(stem_of("risks/R-001.yml"), "R-001");
    }
}
