//! Reading one register file: the size limit, UTF-8, one YAML parse with positions,
//! the JSON Schema, and the typed entity deserialised from the same value.
//!
//! Each function returns what loading produced, findings included; nothing here
//! decides which files belong to the register (see `listing`) or judges one file
//! against another (see `validate`).

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{Loaded, MAX_FILE_BYTES, Sketch, Typed, stem_of};
use crate::finding::MAX_FINDINGS_PER_FILE;
use crate::finding::{Finding, Rule};
use crate::model::{FileKind, Kind};
use crate::schema;
use crate::yaml::{self, Loc};

/// Reads, parses, validates and types one file; in a register of 256 files or more, in
/// parallel with the others.
/// With `mentioning`, a file whose bytes cannot refer to any of those texts is left
/// unread after reading its bytes.
pub(super) fn load(
    kind: FileKind,
    rel: &str,
    path: &Path,
    canonical_root: &Path,
    mentioning: Option<&[String]>,
) -> Loaded {
    let finding = |rule: Rule, message: String| file_finding(kind, rel, rule, message);

    if matches!(kind, FileKind::Config | FileKind::Context) {
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
        Err(ReadError::NotRegular) => {
            return Loaded::failed(
                finding(
                    Rule::FileUnreadable,
                    "not a regular file (a folder, a pipe or a device); it was not read"
                        .to_string(),
                )
                .hint("a register file is a plain YAML file"),
            );
        }
        Err(ReadError::Io(e)) => {
            return Loaded::failed(finding(Rule::FileUnreadable, format!("cannot read: {e}")));
        }
    };
    if let Some(texts) = mentioning
        && !super::scope::mentions(&bytes, texts)
    {
        return Loaded::unread();
    }
    load_bytes(kind, rel, &bytes)
}

/// Checks a file's bytes are UTF-8, then parses, validates and types them.
pub(super) fn load_bytes(kind: FileKind, rel: &str, bytes: &[u8]) -> Loaded {
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
pub(super) fn too_large(kind: FileKind, rel: &str, size: u64) -> Finding {
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
fn file_finding(kind: FileKind, rel: &str, rule: Rule, message: String) -> Finding {
    let f = Finding::new(rule, rel, message);
    if kind == FileKind::Config {
        f
    } else {
        f.entity(stem_of(rel))
    }
}

/// Checks the text of a prospective register file exactly as loading it would:
/// YAML, schema and typing. No findings means the file would load cleanly.
pub fn check_text(kind: FileKind, rel: &str, text: &str) -> Vec<Finding> {
    load_text(kind, rel, text).findings
}

/// Parses, validates and types one file's text.
fn load_text(kind: FileKind, rel: &str, text: &str) -> Loaded {
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
            sketch: None,
            unread: false,
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

    let (violations, more) = schema::validate(kind, &parsed.value, MAX_FINDINGS_PER_FILE);
    if !violations.is_empty() {
        let mut findings: Vec<Finding> = violations
            .into_iter()
            .map(|v| {
                let at = parsed.positions.locate_node(&v.pointer, v.at_key);
                finding(Rule::Schema, v.message)
                    .at(at)
                    .pointer(v.pointer)
                    .maybe_hint(v.hint)
            })
            .collect();
        if more > 0 {
            findings.push(
                finding(
                    Rule::Schema,
                    format!("and {more} more schema violations in this file, not listed"),
                )
                .hint("fix the ones listed; a register file this far from its schema was probably not meant for this folder"),
            );
        }
        return Loaded {
            id,
            positions: Some(parsed.positions),
            typed: None,
            sketch: Sketch::of(kind, &parsed.value),
            unread: false,
            findings,
        };
    }

    let typed = match kind {
        FileKind::Config => typed(&parsed.value).map(Typed::Config),
        FileKind::Entity(Kind::System) => typed(&parsed.value).map(Typed::System),
        FileKind::Entity(Kind::Risk) => typed(&parsed.value).map(Typed::Risk),
        FileKind::Entity(Kind::Impact) => typed(&parsed.value).map(Typed::Impact),
        FileKind::Entity(Kind::Control) => typed(&parsed.value).map(Typed::Control),
        FileKind::Entity(Kind::Incident) => typed(&parsed.value).map(Typed::Incident),
        FileKind::Context => typed(&parsed.value).map(Typed::Context),
        FileKind::Entity(Kind::Policy) => typed(&parsed.value).map(Typed::Policy),
        FileKind::Entity(Kind::Objective) => typed(&parsed.value).map(Typed::Objective),
        FileKind::Entity(Kind::Monitor) => typed(&parsed.value).map(Typed::Monitor),
        FileKind::Entity(Kind::Audit) => typed(&parsed.value).map(Typed::Audit),
        FileKind::Entity(Kind::ManagementReview) => {
            typed(&parsed.value).map(Typed::ManagementReview)
        }
        FileKind::Entity(Kind::Clause) => typed(&parsed.value).map(Typed::Clause),
    };
    match typed {
        Ok(typed) => Loaded {
            id,
            positions: Some(parsed.positions),
            typed: Some(typed),
            sketch: None,
            unread: false,
            findings: Vec::new(),
        },
        Err((pointer, message)) => {
            let at = parsed.positions.locate(&pointer);
            Loaded {
                id,
                positions: Some(parsed.positions),
                typed: None,
                sketch: Sketch::of(kind, &parsed.value),
                unread: false,
                findings: vec![finding(Rule::Schema, message).at(at).pointer(pointer)],
            }
        }
    }
}

/// A symlink leading out of the register: reported, never followed, so a register
/// cannot be made to read (or leak into reports) files that are not part of it.
pub(super) fn outside_register(rel: impl Into<String>, target: &Path) -> Finding {
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

/// The typed entity, or where and why its value cannot be one: a number the schema
/// lets through but the model cannot hold (`3.0` for a level, a score beyond
/// 4,294,967,295), named at its node like a schema violation.
fn typed<T: DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
    // Tracking the path costs an allocation per key, so it is done only to locate a
    // failure, by reading the value a second time.
    if let Ok(typed) = T::deserialize(value) {
        return Ok(typed);
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut pointer = String::new();
        let mut field = String::new();
        for segment in e.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => {
                    pointer.push_str(&format!("/{index}"));
                }
                serde_path_to_error::Segment::Map { key } => {
                    pointer.push_str(&format!("/{}", key.replace('~', "~0").replace('/', "~1")));
                    field.clone_from(key);
                }
                _ => {}
            }
        }
        let why = e.inner().to_string();
        let why = why
            .replace("floating point", "the decimal number")
            .replace(
                "expected u32",
                "expected a whole number from 0 to 4294967295",
            )
            .replace("invalid value: integer", "the number")
            .replace("invalid type: ", "");
        (pointer, format!("`{field}` cannot be read: {why}"))
    })
}

enum ReadError {
    TooLarge(u64),
    NotRegular,
    Io(io::Error),
}

/// Reads a file, refusing it if it is larger than [`MAX_FILE_BYTES`] (checked from the
/// metadata first, and enforced while reading in case the file grows).
fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
    // Looked at before opening: opening a FIFO would wait for a writer forever.
    let meta = fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
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
pub(super) fn byte_position(bytes: &[u8], offset: usize) -> Loc {
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
    fn byte_positions_count_characters() {
        let bytes = b"id: x\nt\xc3\xa9: \xff";
        assert_eq!(byte_position(bytes, 11), Loc { line: 2, column: 5 });
    }
}
