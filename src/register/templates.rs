//! A register's own report templates: `templates/<name>.j2`, read from the working
//! tree or, for `--at`, from the commit, so an old report renders with the templates
//! it was rendered with then.
//!
//! A template is text the renderer runs, so only plain files inside `templates/` (and
//! its `site/` folder, the templates of `aims report site`, named `site/<name>`) are
//! taken: a symlink, another subfolder, a special file, a file over the size limit or
//! one that is not UTF-8 is refused with the reason, never followed or read.

use std::fs::{self, File};
use std::io::Read;

use super::{MAX_FILE_BYTES, Register, Source};

/// The folder of a register's own templates, relative to its root.
pub const TEMPLATES_DIR: &str = "templates";

/// The folder under `templates/` holding the site's templates.
pub const SITE_DIR: &str = "site";

/// One file under `templates/` that renders reports, or why it cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateFile {
    /// The file name, such as `soa.md.j2`; the name templates include it by.
    pub name: String,
    /// Relative to the register root.
    pub path: String,
    /// The template's text, or why it was refused.
    pub source: Result<String, String>,
}

impl Register {
    /// The register's templates (`templates/*.j2`), by name.
    pub fn templates(&self) -> Vec<TemplateFile> {
        let mut templates = match &self.source {
            Source::Snapshot { files, .. } => files
                .iter()
                .filter_map(|(rel, bytes)| {
                    let name = rel.strip_prefix(TEMPLATES_DIR)?.strip_prefix('/')?;
                    let nested = name
                        .strip_prefix(SITE_DIR)
                        .and_then(|n| n.strip_prefix('/'))
                        .unwrap_or(name);
                    if nested.contains('/') || !name.ends_with(".j2") {
                        return None;
                    }
                    Some(TemplateFile {
                        name: name.to_string(),
                        path: rel.clone(),
                        source: text(bytes),
                    })
                })
                .collect(),
            Source::Disk => self.templates_on_disk(),
        };
        templates.sort_by(|a, b| a.name.cmp(&b.name));
        templates
    }

    fn templates_on_disk(&self) -> Vec<TemplateFile> {
        let mut out = Vec::new();
        let dir = self.root.join(TEMPLATES_DIR);
        folder(&dir, "", &mut out);
        // The site's templates sit in a folder of their own, which is looked into only
        // when it is a real folder: a symlink to one is refused like a file would be.
        match std::fs::symlink_metadata(dir.join(SITE_DIR)) {
            Ok(m) if m.is_dir() => folder(&dir.join(SITE_DIR), SITE_DIR, &mut out),
            Ok(m) if m.file_type().is_symlink() => out.push(TemplateFile {
                name: format!("{SITE_DIR}/"),
                path: format!("{TEMPLATES_DIR}/{SITE_DIR}"),
                source: Err(
                    "it is a symlink; templates must be plain files inside `templates/`"
                        .to_string(),
                ),
            }),
            _ => {}
        }
        out
    }
}

/// The `.j2` files of one folder of templates; `prefix` is the folder's name under
/// `templates/` (empty for `templates/` itself).
fn folder(dir: &std::path::Path, prefix: &str, out: &mut Vec<TemplateFile>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Some(file) = entry.file_name().to_str().map(String::from) else {
            continue;
        };
        if !file.ends_with(".j2") {
            continue;
        }
        let name = if prefix.is_empty() {
            file
        } else {
            format!("{prefix}/{file}")
        };
        let path = format!("{TEMPLATES_DIR}/{name}");
        let source = match entry.file_type() {
            Ok(t) if t.is_symlink() => Err(
                "it is a symlink; templates must be plain files inside `templates/`".to_string(),
            ),
            Ok(t) if !t.is_file() => Err("it is not a regular file".to_string()),
            Ok(_) => read(&entry.path()),
            Err(e) => Err(format!("cannot read it: {e}")),
        };
        out.push(TemplateFile { name, path, source });
    }
}

fn read(path: &std::path::Path) -> Result<String, String> {
    let file = File::open(path).map_err(|e| format!("cannot read it: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read it: {e}"))?;
    text(&bytes)
}

fn text(bytes: &[u8]) -> Result<String, String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("it is over the limit of {MAX_FILE_BYTES} bytes"));
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| "it is not UTF-8 text".to_string())
}
