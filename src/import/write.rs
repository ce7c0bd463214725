//! Writing an import's files: every one of them, or none.
//!
//! [`write`] is the only way an import touches the register, and its interface is
//! deliberately narrow (the files to create or replace in, the paths written out), so
//! that its mechanism can be swapped for a crash-safe journal shared with the other
//! commands. Today's mechanism: refuse if a file to replace changed since the plan
//! read it; write every new text to a temporary file beside its target; flush them
//! to disk many at a time (one after another, 10,000 files take minutes; in parallel
//! the file system commits them together, in well under a second); then link new files into
//! place (which never overwrites) and rename replacements over their targets. If any
//! step fails, the files already placed are removed or given back their old text.

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::ImportError;
use super::plan::Change;
use crate::register;
use crate::schema;

fn temporary(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.{}.import.tmp", std::process::id()))
}

fn failed(path: &str, source: io::Error) -> ImportError {
    ImportError::Write {
        path: path.to_string(),
        source,
    }
}

/// How many files are flushed at once. The file system commits concurrent flushes
/// together, so 10,000 files take about as long as a few hundred flushed one by one.
const FLUSHING_THREADS: usize = 64;

/// Flushes the written files' contents to disk, many at a time.
fn sync(temps: &[PathBuf]) -> io::Result<()> {
    if temps.is_empty() {
        return Ok(());
    }
    let chunk = temps.len().div_ceil(FLUSHING_THREADS);
    std::thread::scope(|scope| {
        let workers: Vec<_> = temps
            .chunks(chunk)
            .map(|paths| {
                scope.spawn(move || -> io::Result<()> {
                    for path in paths {
                        File::open(path)?.sync_data()?;
                    }
                    Ok(())
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| {
            w.join()
                .unwrap_or_else(|_| Err(io::Error::other("a flushing thread failed")))
        })
    })
}

/// Writes every change under `root`, or none, and returns the paths written.
pub fn write(root: &Path, changes: &[Change]) -> Result<Vec<String>, ImportError> {
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
    let folders: BTreeSet<PathBuf> = changes
        .iter()
        .filter_map(|c| root.join(&c.path).parent().map(Path::to_path_buf))
        .collect();
    for folder in &folders {
        fs::create_dir_all(folder).map_err(|e| failed(&folder.display().to_string(), e))?;
    }

    let remove_temps = |temps: &[PathBuf]| {
        for t in temps {
            let _ = fs::remove_file(t);
        }
    };
    // The temporary files are written on every core; each result says whether this
    // call created the file, so that only its own files are removed on failure.
    let written: Vec<(PathBuf, io::Result<()>)> = changes
        .par_iter()
        .map(|change| {
            let temp = temporary(&root.join(&change.path));
            let result = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temp)
                .and_then(|mut f| f.write_all(change.text.as_bytes()));
            (temp, result)
        })
        .collect();
    let temps: Vec<PathBuf> = written
        .iter()
        .filter(|(_, r)| !matches!(r, Err(e) if e.kind() == io::ErrorKind::AlreadyExists))
        .map(|(t, _)| t.clone())
        .collect();
    if let Some((change, (_, Err(e)))) = changes.iter().zip(&written).find(|(_, (_, r))| r.is_err())
    {
        remove_temps(&temps);
        return Err(failed(
            &change.path,
            io::Error::new(e.kind(), e.to_string()),
        ));
    }
    if let Err(e) = sync(&temps) {
        remove_temps(&temps);
        return Err(failed(".", e));
    }

    let mut placed: Vec<&Change> = Vec::new();
    for (change, temp) in changes.iter().zip(&temps) {
        let target = root.join(&change.path);
        let result = match &change.previous {
            None => fs::hard_link(temp, &target).and_then(|()| fs::remove_file(temp)),
            Some(_) => fs::rename(temp, &target),
        };
        if let Err(e) = result {
            undo(root, &placed);
            remove_temps(&temps);
            return Err(failed(&change.path, e));
        }
        placed.push(change);
    }
    for folder in &folders {
        // Make the new names durable; a folder that cannot be opened is no reason to fail.
        if let Ok(dir) = File::open(folder) {
            let _ = dir.sync_all();
        }
    }
    Ok(changes.iter().map(|c| c.path.clone()).collect())
}

/// Takes back the changes already placed: new files removed, replaced ones restored.
fn undo(root: &Path, placed: &[&Change]) {
    for change in placed.iter().rev() {
        let target = root.join(&change.path);
        match &change.previous {
            None => {
                let _ = fs::remove_file(&target);
            }
            Some(previous) => {
                let _ = register::write::atomic(&target, previous.as_bytes());
            }
        }
    }
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
