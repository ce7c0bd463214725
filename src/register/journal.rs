//! Writes that span several files, all or nothing, also when `aims` is killed.
//!
//! The files are first written in full to a journal (`.aims/journal/`) with a plan
//! naming where each goes; only then is a commit mark written, and only after it are the
//! files moved into place. Until the mark exists nothing in the register has changed,
//! so an interrupted run is rolled back by deleting the journal; once it exists the
//! decision is made, so an interrupted run is completed by moving the rest into place.
//! The next command that opens the register does whichever is due ([`recover`]) and
//! says so. A journal is only written or recovered by the holder of the register's
//! lock.
//!
//! Durability costs one flush of the file system where it matters (the staged files
//! before the commit mark, the placed files before the journal goes), not one `fsync`
//! per file: an import of ten thousand risks would otherwise spend seconds syncing.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The journal folder, relative to the register root.
pub const JOURNAL_DIR: &str = ".aims/journal";

const PLAN: &str = "plan";
const COMMIT: &str = "commit";

/// What a journal does to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// Create a file that must not exist.
    Create,
    /// Replace an existing file's content.
    Replace,
}

/// A multi-file write under way.
#[derive(Debug)]
pub struct Journal {
    root: PathBuf,
    dir: PathBuf,
    entries: Vec<(Op, String)>,
}

/// What the next command found of an interrupted multi-file write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// It had decided to write: the files it had not yet placed were placed.
    Completed(Vec<String>),
    /// It had not: nothing in the register had changed, and the journal was removed.
    RolledBack(Vec<String>),
}

impl Journal {
    /// Starts a multi-file write in the register at `root`, first completing or
    /// rolling back an interrupted one. The caller holds the lock.
    pub fn begin(root: &Path) -> io::Result<Journal> {
        recover(root)?;
        let dir = root.join(JOURNAL_DIR);
        fs::create_dir_all(&dir)?;
        Ok(Journal {
            root: root.to_path_buf(),
            dir,
            entries: Vec::new(),
        })
    }

    /// Stages a new file at `rel` (relative to the register root).
    pub fn create(&mut self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.stage(Op::Create, rel, bytes)
    }

    /// Stages new content for the existing file at `rel`.
    pub fn replace(&mut self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.stage(Op::Replace, rel, bytes)
    }

    fn stage(&mut self, op: Op, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let staged = self.dir.join(self.entries.len().to_string());
        File::create(&staged)?.write_all(bytes)?;
        self.entries.push((op, rel.to_string()));
        Ok(())
    }

    /// Decides the write, then places every file. Returns the files written.
    pub fn commit(self) -> io::Result<Vec<String>> {
        for (op, rel) in &self.entries {
            let target = self.root.join(rel);
            match op {
                Op::Create if target.exists() => {
                    let _ = fs::remove_dir_all(&self.dir);
                    return Err(io::Error::new(
                        io::ErrorKind::AlreadyExists,
                        format!("`{rel}` exists already"),
                    ));
                }
                Op::Replace if !target.is_file() => {
                    let _ = fs::remove_dir_all(&self.dir);
                    return Err(io::Error::new(
                        io::ErrorKind::NotFound,
                        format!("`{rel}` does not exist"),
                    ));
                }
                _ => {}
            }
        }
        let mut plan = String::new();
        for (i, (op, rel)) in self.entries.iter().enumerate() {
            let op = match op {
                Op::Create => "create",
                Op::Replace => "replace",
            };
            plan.push_str(&format!("{op}\t{i}\t{rel}\n"));
        }
        durable(&self.dir.join(PLAN), plan.as_bytes())?;
        flush(&self.dir, &self.staged_paths())?;
        // The decision: from here on, an interrupted run is completed, not undone.
        durable(&self.dir.join(COMMIT), b"")?;
        sync_dir(&self.dir)?;
        apply(&self.root, &self.dir, &self.entries)?;
        let placed: Vec<PathBuf> = self
            .entries
            .iter()
            .map(|(_, rel)| self.root.join(rel))
            .collect();
        flush(&self.root, &placed)?;
        fs::remove_dir_all(&self.dir)?;
        Ok(self.entries.into_iter().map(|(_, rel)| rel).collect())
    }
}

impl Journal {
    fn staged_paths(&self) -> Vec<PathBuf> {
        (0..self.entries.len())
            .map(|i| self.dir.join(i.to_string()))
            .collect()
    }
}

/// Makes `files` (and the folders holding them) durable: one flush of the file system
/// holding `anchor` where the system offers it, else one `fsync` per file and folder.
fn flush(anchor: &Path, files: &[PathBuf]) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let _ = files;
        rustix::fs::syncfs(File::open(anchor)?)?;
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = anchor;
        let mut folders = std::collections::BTreeSet::new();
        for file in files {
            File::open(file)?.sync_all()?;
            if let Some(parent) = file.parent() {
                folders.insert(parent.to_path_buf());
            }
        }
        folders.iter().try_for_each(|f| sync_dir(f))
    }
}

/// Whether an interrupted multi-file write awaits recovery.
pub fn pending(root: &Path) -> bool {
    root.join(JOURNAL_DIR).exists()
}

/// Completes or rolls back an interrupted multi-file write; `None` when there was
/// none. The caller holds the lock.
pub fn recover(root: &Path) -> io::Result<Option<Recovery>> {
    let dir = root.join(JOURNAL_DIR);
    if !dir.exists() {
        return Ok(None);
    }
    let plan = fs::read_to_string(dir.join(PLAN)).unwrap_or_default();
    let entries: Vec<(Op, String)> = plan
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            let op = match parts.next()? {
                "create" => Op::Create,
                "replace" => Op::Replace,
                _ => return None,
            };
            let _index = parts.next()?;
            Some((op, parts.next()?.to_string()))
        })
        .collect();
    let files = entries.iter().map(|(_, rel)| rel.clone()).collect();
    if dir.join(COMMIT).exists() {
        apply(root, &dir, &entries)?;
        let placed: Vec<PathBuf> = entries.iter().map(|(_, rel)| root.join(rel)).collect();
        flush(root, &placed)?;
        fs::remove_dir_all(&dir)?;
        Ok(Some(Recovery::Completed(files)))
    } else {
        fs::remove_dir_all(&dir)?;
        Ok(Some(Recovery::RolledBack(files)))
    }
}

/// Places every staged file; safe to run again after an interruption.
fn apply(root: &Path, dir: &Path, entries: &[(Op, String)]) -> io::Result<()> {
    for (i, (op, rel)) in entries.iter().enumerate() {
        let staged = dir.join(i.to_string());
        let target = root.join(rel);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        match op {
            Op::Create => match fs::hard_link(&staged, &target) {
                Ok(()) => {}
                // Placed before an interruption: the same file, already linked.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound && target.exists() => {}
                Err(e) => return Err(e),
            },
            Op::Replace => {
                if staged.exists() {
                    if let Ok(meta) = fs::metadata(&target) {
                        fs::set_permissions(&staged, meta.permissions())?;
                    }
                    fs::rename(&staged, &target)?;
                }
            }
        }
    }
    Ok(())
}

fn durable(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_writes_every_file_or_none() {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path();
        fs::create_dir_all(root.join("risks")).expect("dir");
        fs::write(root.join("risks/R-1.yaml"), "old").expect("write");
        let mut journal = Journal::begin(root).expect("begins");
        journal.create("risks/R-2.yaml", b"two").expect("stages");
        journal.replace("risks/R-1.yaml", b"new").expect("stages");
        assert!(
            !root.join("risks/R-2.yaml").exists(),
            "nothing placed before commit"
        );
        assert_eq!(
            journal.commit().expect("commits"),
            ["risks/R-2.yaml", "risks/R-1.yaml"]
        );
        assert_eq!(fs::read(root.join("risks/R-2.yaml")).expect("read"), b"two");
        assert_eq!(fs::read(root.join("risks/R-1.yaml")).expect("read"), b"new");
        assert!(!pending(root));
    }

    #[test]
    fn an_interrupted_write_is_rolled_back_before_its_decision_and_completed_after() {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path();
        let mut journal = Journal::begin(root).expect("begins");
        journal.create("risks/R-2.yaml", b"two").expect("stages");
        // killed before the commit mark: nothing happened
        std::mem::forget(journal);
        assert_eq!(
            recover(root).expect("recovers"),
            Some(Recovery::RolledBack(Vec::new()))
        );
        assert!(!root.join("risks/R-2.yaml").exists());

        // killed after the commit mark, with one of two files placed
        let journal_dir = root.join(JOURNAL_DIR);
        fs::create_dir_all(&journal_dir).expect("dir");
        fs::write(journal_dir.join("0"), "one").expect("write");
        fs::write(journal_dir.join("1"), "two").expect("write");
        fs::write(
            journal_dir.join(PLAN),
            "create\t0\trisks/R-1.yaml\ncreate\t1\trisks/R-2.yaml\n",
        )
        .expect("write");
        fs::write(journal_dir.join(COMMIT), "").expect("write");
        fs::create_dir_all(root.join("risks")).expect("dir");
        fs::hard_link(journal_dir.join("0"), root.join("risks/R-1.yaml")).expect("link");
        assert_eq!(
            recover(root).expect("recovers"),
            Some(Recovery::Completed(vec![
                "risks/R-1.yaml".to_string(),
                "risks/R-2.yaml".to_string()
            ]))
        );
        assert_eq!(fs::read(root.join("risks/R-2.yaml")).expect("read"), b"two");
        assert!(!pending(root));
        assert_eq!(recover(root).expect("nothing"), None);
    }
}
