//! Writing an import's files: every one of them, or none, also when `aims` is killed.
//!
//! [`write`] is the only way an import touches the register. It takes the register's
//! lock, refuses if a file to replace changed since the plan read it, and stages every
//! file in the register's journal (`register::journal`): an import that is
//! interrupted is rolled back, or completed, by the next command that opens the
//! register, and never leaves half of its files behind.

use std::fs;
use std::io;
use std::path::Path;

use super::ImportError;
use super::plan::Change;
use crate::register;
use crate::register::journal::{self, Journal};
use crate::register::lock::{self, Lock};
use crate::schema;

fn failed(path: &str, source: io::Error) -> ImportError {
    ImportError::Write {
        path: path.to_string(),
        source,
    }
}

/// Writes every change under `root`, or none, and returns the paths written.
pub fn write(root: &Path, changes: &[Change]) -> Result<Vec<String>, ImportError> {
    let _lock = Lock::take(root, "import", lock::wait())
        .map_err(|e| failed(lock::LOCK_FILE, io::Error::other(e.to_string())))?;
    for change in changes {
        if let Some(previous) = &change.previous {
            let now =
                fs::read_to_string(root.join(&change.path)).map_err(|e| failed(&change.path, e))?;
            if now != *previous {
                return Err(failed(
                    &change.path,
                    io::Error::other("it changed since the import read it; run the import again"),
                ));
            }
        }
    }
    register::schemas::write_schemas(root, false)
        .map_err(|source| failed(schema::REGISTER_SCHEMAS, source))?;
    let mut staged = Journal::begin(root).map_err(|e| failed(journal::JOURNAL_DIR, e))?;
    for change in changes {
        let bytes = change.text.as_bytes();
        match change.previous {
            None => staged.create(&change.path, bytes),
            Some(_) => staged.replace(&change.path, bytes),
        }
        .map_err(|e| failed(&change.path, e))?;
    }
    let written = staged.commit().map_err(|e| {
        let path = e
            .to_string()
            .split('`')
            .nth(1)
            .map_or_else(|| ".".to_string(), str::to_string);
        failed(&path, e)
    })?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(path: &str, text: &str, previous: Option<&str>) -> Change {
        Change {
            path: path.to_string(),
            text: text.to_string(),
            previous: previous.map(String::from),
        }
    }

    #[test]
    fn all_files_are_written_or_none() {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path();
        fs::create_dir_all(root.join("risks")).expect("dir");
        fs::write(root.join("aims.yaml"), "old\n").expect("write");
        fs::write(root.join("risks/R-2.yaml"), "taken\n").expect("write");
        let changes = vec![
            change("aims.yaml", "new\n", Some("old\n")),
            change("risks/R-1.yaml", "one\n", None),
            change("risks/R-2.yaml", "two\n", None),
        ];
        let error = write(root, &changes).expect_err("R-2 exists");
        assert!(error.to_string().contains("risks/R-2.yaml"), "{error}");
        assert_eq!(
            fs::read_to_string(root.join("aims.yaml")).expect("read"),
            "old\n"
        );
        assert!(!root.join("risks/R-1.yaml").exists());
        assert_eq!(
            fs::read_to_string(root.join("risks/R-2.yaml")).expect("read"),
            "taken\n"
        );
        let leftovers: Vec<_> = fs::read_dir(root.join("risks"))
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");

        let written = write(root, &changes[..2]).expect("writes");
        assert_eq!(written, ["aims.yaml", "risks/R-1.yaml"]);
        assert_eq!(
            fs::read_to_string(root.join("risks/R-1.yaml")).expect("read"),
            "one\n"
        );
        let stale = write(root, &[change("aims.yaml", "x\n", Some("old\n"))]).expect_err("stale");
        assert!(stale.to_string().contains("changed since"), "{stale}");
    }
}
