//! Which files belong to a register: `aims.yaml`, the `<id>.yaml` files directly
//! inside each entity folder and the `<id>.csv` files directly inside `measurements/`.
//! Anything else found there (other files, subfolders, symlinks leading out, special
//! files) is reported, never read.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{OpenError, is_entity_file_name, load::outside_register, measurements};
use crate::finding::{Finding, Rule};
use crate::model::{FileKind, Kind};

/// What one register folder holds.
struct Folder<'a> {
    name: &'a str,
    /// What its files are, for messages: `risk`, `measurements`.
    noun: &'a str,
    /// Whether a file name is one of its files.
    wanted: fn(&str) -> bool,
    /// Its files' names, for messages: `<id>.yaml`.
    pattern: &'a str,
    /// What to do with a file that is not one, for the hint.
    advice: &'a str,
}

/// Lists the `.yaml`/`.yml` files of one entity folder, sorted by name, reporting
/// anything else found there.
pub(super) fn list_folder(
    root: &Path,
    canonical_root: &Path,
    kind: Kind,
    files: &mut Vec<(FileKind, String, PathBuf)>,
    findings: &mut Vec<Finding>,
) -> Result<(), OpenError> {
    let folder = Folder {
        name: kind.folder(),
        noun: kind.noun(),
        wanted: is_entity_file_name,
        pattern: "<id>.yaml",
        advice: "keep other files under `evidence/`, or give the file a `.yaml` extension if it is an entity",
    };
    let mut found = Vec::new();
    list(root, canonical_root, &folder, &mut found, findings)?;
    files.extend(
        found
            .into_iter()
            .map(|(rel, path)| (FileKind::Entity(kind), rel, path)),
    );
    Ok(())
}

/// Lists the `<id>.csv` files of `measurements/`, sorted by name, reporting anything
/// else found there.
pub(super) fn list_measurements(
    root: &Path,
    canonical_root: &Path,
    files: &mut Vec<(String, PathBuf)>,
    findings: &mut Vec<Finding>,
) -> Result<(), OpenError> {
    let folder = Folder {
        name: measurements::FOLDER,
        noun: "measurements",
        wanted: measurements::is_measurement_file_name,
        pattern: "<monitor id>.csv",
        advice: "keep other files under `evidence/`; measurements of monitor <id> go in `measurements/<id>.csv`",
    };
    list(root, canonical_root, &folder, files, findings)
}

fn list(
    root: &Path,
    canonical_root: &Path,
    spec: &Folder<'_>,
    files: &mut Vec<(String, PathBuf)>,
    findings: &mut Vec<Finding>,
) -> Result<(), OpenError> {
    let folder = spec.name;
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
                spec.noun
            ),
        ));
        return Ok(());
    }

    let entries = fs::read_dir(&dir).map_err(|source| OpenError::Io {
        path: dir.clone(),
        source,
    })?;
    // The type of each entry comes with the folder's listing (no `stat` per file on
    // most file systems), which keeps listing a folder of ten thousand files cheap.
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| OpenError::Io {
            path: dir.clone(),
            source,
        })?;
        names.push((entry.file_name(), entry.file_type()));
    }
    names.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, file_type) in names {
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
        let is_wanted = (spec.wanted)(name);
        let file_type = match file_type {
            Ok(t) => t,
            Err(e) => {
                findings.push(Finding::new(
                    Rule::FileUnreadable,
                    rel,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
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
                        spec.noun
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
        } else if is_wanted {
            files.push((rel, path));
        } else {
            findings.push(
                Finding::new(
                    Rule::UnexpectedFile,
                    rel,
                    format!(
                        "`{name}` is not a register file; `{folder}/` holds `{}` files only",
                        spec.pattern
                    ),
                )
                .hint(spec.advice),
            );
        }
    }
    Ok(())
}
