//! The register's own copy of the JSON Schemas, under `.aims/schemas/`, so editors can
//! validate and complete files offline.

use std::fs;
use std::io;
use std::path::Path;

use crate::model::FileKind;
use crate::schema;

use super::write;

/// Writes every schema into the register; with `refresh`, replaces existing copies,
/// otherwise only writes the missing ones. Returns the files written, relative to the
/// register root.
pub fn write_schemas(root: &Path, refresh: bool) -> io::Result<Vec<String>> {
    let dir = root.join(schema::REGISTER_SCHEMAS);
    fs::create_dir_all(&dir)?;
    let mut written = Vec::new();
    for &kind in FileKind::ALL {
        let name = format!("{}.schema.json", kind.schema_name());
        let path = dir.join(&name);
        let result = if refresh {
            write::atomic(&path, schema::source(kind).as_bytes())
        } else {
            match write::write_new(&path, schema::source(kind).as_bytes()) {
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                other => other,
            }
        };
        result?;
        written.push(format!("{}/{name}", schema::REGISTER_SCHEMAS));
    }
    Ok(written)
}
