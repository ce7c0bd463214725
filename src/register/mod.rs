//! Opening a register: find its root, read every file of every entity folder, parse
//! each once with positions, validate it against its JSON Schema and deserialise the
//! typed entity from the same value.
//!
//! Problems with individual files (unreadable, too large, not UTF-8, malformed YAML,
//! schema violations, files in unexpected places) are findings collected here, so one
//! bad file never stops the others from being read. Only a register that cannot be
//! read at all (no `aims.yaml`, an unreadable root folder) is an error. This module does
//! not apply the cross-file rules; `validate` does.

pub mod evidence;
pub mod schemas;
pub mod write;
pub mod yaml;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::finding::{Finding, Rule};
use crate::model::{AiSystem, Config, ImpactAssessment, Incident, Kind, Risk, SoaDecision};
use crate::schema;
use yaml::{Loc, Positions};

/// The file at the root of every register.
pub const CONFIG_FILE: &str = "aims.yaml";

/// Files larger than this are refused unread: an entity file is a few kilobytes, and a
/// limit keeps a stray data dump or a hostile file from exhausting memory.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Whether a file name in an entity folder names an entity file.
pub fn is_entity_file_name(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// Why a register could not be opened at all.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("no `{CONFIG_FILE}` found in `{}` or any parent directory", start.display())]
    NotFound { start: PathBuf },
    #[error("`{}` is not a directory", path.display())]
    NotADirectory { path: PathBuf },
    #[error("cannot read `{}`: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
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
    absolute
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).exists())
        .map(Path::to_path_buf)
        .ok_or(OpenError::NotFound { start: absolute })
}

/// One file of the register, as read.
#[derive(Debug)]
pub struct Document {
    pub kind: Kind,
    /// Relative to the register root, `/`-separated.
    pub path: String,
    /// The file name without its extension: the entity id the file claims.
    pub stem: String,
    /// The `id` field, when the file parsed and has a textual one.
    pub id: Option<String>,
    /// `None` when the file could not be read or parsed (a finding says why).
    pub positions: Option<Positions>,
}

impl Document {
    /// Where the node at a JSON pointer stands in this file.
    pub fn locate(&self, pointer: &str) -> Option<Loc> {
        self.positions.as_ref().map(|p| p.locate(pointer))
    }
}

/// A typed entity and the index of the document it came from.
#[derive(Debug)]
pub struct Entity<T> {
    pub doc: usize,
    pub value: T,
}

/// A register read from disk.
#[derive(Debug)]
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
    /// Findings from reading, parsing and schema validation.
    pub findings: Vec<Finding>,
    /// Where the files came from: the working tree, or a commit.
    pub source: Source,
}

/// Where a register's files are read from.
#[derive(Debug, Clone)]
pub enum Source {
    /// The folder on disk.
    Disk,
    /// Every file of the register as it stood at a commit, by path relative to the
    /// register root (evidence included).
    Snapshot {
        commit: String,
        files: BTreeMap<String, Vec<u8>>,
    },
}

/// A typed entity of any kind, on its way out of the parallel part of loading.
/// Short-lived and moved once, so the size difference between variants costs nothing.
#[allow(clippy::large_enum_variant)]
enum Typed {
    Config(Config),
    System(AiSystem),
    Risk(Risk),
    Impact(ImpactAssessment),
    Control(SoaDecision),
    Incident(Incident),
}

/// What loading one file produced. The file's value is not among it: it is dropped
/// as soon as the typed entity is made, which keeps memory flat on large registers.
struct Loaded {
    id: Option<String>,
    positions: Option<Positions>,
    typed: Option<Typed>,
    findings: Vec<Finding>,
}

impl Loaded {
    /// A file that could not be loaded, for the one reason given.
    fn failed(finding: Finding) -> Loaded {
        Loaded {
            id: None,
            positions: None,
            typed: None,
            findings: vec![finding],
        }
    }
}

impl Register {
    /// Reads the register rooted at `root` (the folder holding `aims.yaml`).
    pub fn open(root: &Path) -> Result<Register, OpenError> {
        let root = root.to_path_buf();
        let canonical_root = fs::canonicalize(&root).map_err(|source| OpenError::Io {
            path: root.clone(),
            source,
        })?;
        let mut findings = Vec::new();
        let mut files: Vec<(Kind, String, PathBuf)> = Vec::new();
        if !root.join(CONFIG_FILE).exists() {
            return Err(OpenError::NotFound { start: root });
        }
        files.push((
            Kind::Config,
            CONFIG_FILE.to_string(),
            root.join(CONFIG_FILE),
        ));
        for &kind in Kind::ENTITIES {
            let folder = kind.folder().expect("entity kinds have a folder");
            list_folder(
                &root,
                &canonical_root,
                kind,
                folder,
                &mut files,
                &mut findings,
            )?;
        }

        let loaded: Vec<Loaded> = files
            .par_iter()
            .map(|(kind, rel, path)| load(*kind, rel, path, &canonical_root))
            .collect();
        let listed = files
            .into_iter()
            .map(|(kind, rel, _)| (kind, rel))
            .collect();
        Ok(Register::assemble(
            root,
            Source::Disk,
            listed,
            loaded,
            findings,
        ))
    }

    /// Reads the register as it stood at a commit, from its files there (paths
    /// relative to the register root). `root` is where it lives on disk today.
    pub fn from_snapshot(
        root: &Path,
        commit: String,
        files: Vec<(String, Vec<u8>)>,
    ) -> Result<Register, OpenError> {
        let files: BTreeMap<String, Vec<u8>> = files.into_iter().collect();
        if !files.contains_key(CONFIG_FILE) {
            return Err(OpenError::NotFound {
                start: root.to_path_buf(),
            });
        }
        let mut findings = Vec::new();
        let mut listed: Vec<(Kind, String)> = vec![(Kind::Config, CONFIG_FILE.to_string())];
        let mut subfolders = BTreeSet::new();
        for &kind in Kind::ENTITIES {
            let folder = kind.folder().expect("entity kinds have a folder");
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
                    listed.push((kind, rel.clone()));
                } else {
                    findings.push(Finding::new(
                        Rule::UnexpectedFile,
                        rel.clone(),
                        format!("`{name}` is not a register file; `{folder}/` holds `<id>.yaml` files only"),
                    ));
                }
            }
        }
        let loaded: Vec<Loaded> = listed
            .par_iter()
            .map(|(kind, rel)| load_bytes(*kind, rel, &files[rel]))
            .collect();
        Ok(Register::assemble(
            root.to_path_buf(),
            Source::Snapshot { commit, files },
            listed,
            loaded,
            findings,
        ))
    }

    fn assemble(
        root: PathBuf,
        source: Source,
        listed: Vec<(Kind, String)>,
        loaded: Vec<Loaded>,
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
            findings,
            source,
        };
        for ((kind, rel), loaded) in listed.into_iter().zip(loaded) {
            let doc = register.documents.len();
            register.findings.extend(loaded.findings);
            match loaded.typed {
                Some(Typed::Config(value)) => register.config = Some(Entity { doc, value }),
                Some(Typed::System(value)) => register.systems.push(Entity { doc, value }),
                Some(Typed::Risk(value)) => register.risks.push(Entity { doc, value }),
                Some(Typed::Impact(value)) => register.impacts.push(Entity { doc, value }),
                Some(Typed::Control(value)) => register.controls.push(Entity { doc, value }),
                Some(Typed::Incident(value)) => register.incidents.push(Entity { doc, value }),
                None => {}
            }
            register.documents.push(Document {
                kind,
                stem: stem_of(&rel),
                path: rel,
                id: loaded.id,
                positions: loaded.positions,
            });
        }
        register
    }

    /// Where the node at `pointer` stands in document `doc`.
    pub fn locate(&self, doc: usize, pointer: &str) -> Option<Loc> {
        self.documents.get(doc).and_then(|d| d.locate(pointer))
    }
}

fn stem_of(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    match name.rsplit_once('.') {
        Some((stem, _)) => stem.to_string(),
        None => name.to_string(),
    }
}

/// Lists the `.yaml`/`.yml` files of one entity folder, sorted by name, reporting
/// anything else found there.
fn list_folder(
    root: &Path,
    canonical_root: &Path,
    kind: Kind,
    folder: &str,
    files: &mut Vec<(Kind, String, PathBuf)>,
    findings: &mut Vec<Finding>,
) -> Result<(), OpenError> {
    let dir = root.join(folder);
    let meta = match fs::symlink_metadata(&dir) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(OpenError::Io { path: dir, source }),
    };
    if meta.file_type().is_symlink() {
        match fs::canonicalize(&dir) {
            Ok(target) if !target.starts_with(canonical_root) => {
                findings.push(outside_register(format!("{folder}/"), &target));
                return Ok(());
            }
            Ok(_) => {}
            Err(e) => {
                findings.push(Finding::new(
                    Rule::FileUnreadable,
                    format!("{folder}/"),
                    format!("`{folder}/` is a broken symlink: {e}"),
                ));
                return Ok(());
            }
        }
    }
    if !dir.is_dir() {
        findings.push(Finding::new(
            Rule::FileUnreadable,
            folder.to_string(),
            format!(
                "`{folder}` is a file; the register expects a folder of {} files here",
                kind.noun()
            ),
        ));
        return Ok(());
    }

    let entries = fs::read_dir(&dir).map_err(|source| OpenError::Io {
        path: dir.clone(),
        source,
    })?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| OpenError::Io {
            path: dir.clone(),
            source,
        })?;
        names.push(entry.file_name());
    }
    names.sort();
    for name in names {
        let path = dir.join(&name);
        let Some(name) = name.to_str() else {
            findings.push(Finding::new(
                Rule::UnexpectedFile,
                format!("{folder}/{}", name.to_string_lossy()),
                "file name is not valid UTF-8; it was not read",
            ));
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let rel = format!("{folder}/{name}");
        let is_yaml = is_entity_file_name(name);
        let meta = match fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                findings.push(Finding::new(
                    Rule::FileUnreadable,
                    rel,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let file_type = meta.file_type();
        let is_file = if file_type.is_symlink() {
            match fs::canonicalize(&path) {
                Ok(target) if !target.starts_with(canonical_root) => {
                    findings.push(outside_register(rel, &target));
                    continue;
                }
                Ok(target) => target.is_file(),
                Err(e) => {
                    findings.push(Finding::new(
                        Rule::FileUnreadable,
                        rel,
                        format!("broken symlink: {e}"),
                    ));
                    continue;
                }
            }
        } else if file_type.is_dir() {
            findings.push(
                Finding::new(
                    Rule::UnexpectedFile,
                    format!("{rel}/"),
                    format!(
                        "folder `{rel}/` is not read; {} files sit directly in `{folder}/`",
                        kind.noun()
                    ),
                )
                .hint(format!(
                    "move its files up into `{folder}/`, or out of the register folders"
                )),
            );
            continue;
        } else {
            file_type.is_file()
        };
        if !is_file {
            findings.push(Finding::new(
                Rule::FileUnreadable,
                rel,
                "not a regular file; it was not read",
            ));
        } else if is_yaml {
            files.push((kind, rel, path));
        } else {
            findings.push(
                Finding::new(
                    Rule::UnexpectedFile,
                    rel,
                    format!("`{name}` is not a register file; `{folder}/` holds `<id>.yaml` files only"),
                )
                .hint("keep other files under `evidence/`, or give the file a `.yaml` extension if it is an entity"),
            );
        }
    }
    Ok(())
}

/// Reads, parses, validates and types one file. Runs in parallel with the others.
fn load(kind: Kind, rel: &str, path: &Path, canonical_root: &Path) -> Loaded {
    let finding = |rule: Rule, message: String| file_finding(kind, rel, rule, message);

    if kind == Kind::Config {
        // aims.yaml may be a symlink too; the same containment rule applies.
        if let Ok(target) = fs::canonicalize(path)
            && !target.starts_with(canonical_root)
        {
            return Loaded::failed(outside_register(rel, &target));
        }
    }
    let bytes = match read_limited(path) {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge(size)) => return Loaded::failed(too_large(kind, rel, size)),
        Err(ReadError::Io(e)) => {
            return Loaded::failed(finding(Rule::FileUnreadable, format!("cannot read: {e}")));
        }
    };
    load_bytes(kind, rel, &bytes)
}

/// Checks a file's bytes are UTF-8, then parses, validates and types them.
fn load_bytes(kind: Kind, rel: &str, bytes: &[u8]) -> Loaded {
    let finding = |rule: Rule, message: String| file_finding(kind, rel, rule, message);
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Loaded::failed(too_large(kind, rel, bytes.len() as u64));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = byte_position(bytes, e.valid_up_to());
            let bad = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
            return Loaded::failed(
                finding(
                    Rule::YamlSyntax,
                    format!("file is not valid UTF-8 (byte 0x{bad:02x})"),
                )
                .at(at)
                .hint("save the file as UTF-8"),
            );
        }
    };
    load_text(kind, rel, text)
}

/// A file over the size limit, which is never read further.
fn too_large(kind: Kind, rel: &str, size: u64) -> Finding {
    file_finding(
        kind,
        rel,
        Rule::FileUnreadable,
        format!(
            "file is {size} bytes, over the limit of {MAX_FILE_BYTES} bytes for a register file; it was not read"
        ),
    )
    .hint("a register file describes one entity; keep large material under `evidence/`")
}

/// A finding about a whole file, naming its entity (the file stem) unless it is aims.yaml.
fn file_finding(kind: Kind, rel: &str, rule: Rule, message: String) -> Finding {
    let f = Finding::new(rule, rel, message);
    if kind == Kind::Config {
        f
    } else {
        f.entity(stem_of(rel))
    }
}

/// Checks the text of a prospective register file exactly as loading it would:
/// YAML, schema and typing. No findings means the file would load cleanly.
pub fn check_text(kind: Kind, rel: &str, text: &str) -> Vec<Finding> {
    load_text(kind, rel, text).findings
}

/// Parses, validates and types one file's text.
fn load_text(kind: Kind, rel: &str, text: &str) -> Loaded {
    let finding = |rule: Rule, message: String| file_finding(kind, rel, rule, message);
    let parsed = match yaml::parse(text) {
        Ok(parsed) => parsed,
        Err(e) => return Loaded::failed(finding(Rule::YamlSyntax, e.message).at(e.at)),
    };
    let id = parsed
        .value
        .get("id")
        .and_then(Value::as_str)
        .map(String::from);
    if !parsed.has_document {
        return Loaded {
            id,
            positions: Some(parsed.positions),
            typed: None,
            findings: vec![
                finding(
                    Rule::Schema,
                    format!(
                        "file holds no YAML document (it is empty or only comments); expected a {}",
                        kind.noun()
                    ),
                )
                .at(Loc { line: 1, column: 1 })
                .hint("write the entity's fields, or delete the file"),
            ],
        };
    }

    let violations = schema::validate(kind, &parsed.value);
    if !violations.is_empty() {
        let findings = violations
            .into_iter()
            .map(|v| {
                let at = parsed.positions.locate_node(&v.pointer, v.at_key);
                finding(Rule::Schema, v.message).at(at).maybe_hint(v.hint)
            })
            .collect();
        return Loaded {
            id,
            positions: Some(parsed.positions),
            typed: None,
            findings,
        };
    }

    let typed = match kind {
        Kind::Config => typed(&parsed.value).map(Typed::Config),
        Kind::System => typed(&parsed.value).map(Typed::System),
        Kind::Risk => typed(&parsed.value).map(Typed::Risk),
        Kind::Impact => typed(&parsed.value).map(Typed::Impact),
        Kind::Control => typed(&parsed.value).map(Typed::Control),
        Kind::Incident => typed(&parsed.value).map(Typed::Incident),
    };
    match typed {
        Ok(typed) => Loaded {
            id,
            positions: Some(parsed.positions),
            typed: Some(typed),
            findings: Vec::new(),
        },
        Err(e) => Loaded {
            id,
            positions: Some(parsed.positions),
            typed: None,
            findings: vec![
                finding(
                    Rule::Schema,
                    format!(
                        "the file matches the schema but cannot be read as a {}: {e}",
                        kind.noun()
                    ),
                )
                .at(Loc { line: 1, column: 1 })
                .hint("this is a bug in aims; please report it with the file"),
            ],
        },
    }
}

/// A symlink leading out of the register: reported, never followed, so a register
/// cannot be made to read (or leak into reports) files that are not part of it.
fn outside_register(rel: impl Into<String>, target: &Path) -> Finding {
    Finding::new(
        Rule::FileUnreadable,
        rel,
        format!(
            "symlink to `{}`, outside the register; it was not followed",
            target.display()
        ),
    )
    .hint("keep register files inside the register, where git keeps their history")
}

fn typed<T: DeserializeOwned>(value: &Value) -> Result<T, serde_json::Error> {
    T::deserialize(value)
}

enum ReadError {
    TooLarge(u64),
    Io(io::Error),
}

/// Reads a file, refusing it if it is larger than [`MAX_FILE_BYTES`] (checked from the
/// metadata first, and enforced while reading in case the file grows).
fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The line and column (in characters) of a byte offset in possibly invalid UTF-8.
fn byte_position(bytes: &[u8], offset: usize) -> Loc {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Loc {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_keep_inner_dots() {
        assert_eq!(stem_of("controls/A.6.2.4.yaml"), "A.6.2.4");
        assert_eq!(stem_of("risks/R-001.yml"), "R-001");
    }

    #[test]
    fn byte_positions_count_characters() {
        let bytes = b"id: x\nt\xc3\xa9: \xff";
        assert_eq!(byte_position(bytes, 11), Loc { line: 2, column: 5 });
    }
}
