//! The register's place in git history.
//!
//! Everything goes through git2 (no `git` subprocess), and works on repositories
//! made with plain git.

use std::path::Path;

use git2::{Repository, StatusOptions};

/// The commit a register was read at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub commit: String,
    /// False when files of the register differ from that commit (modified, staged,
    /// deleted or untracked).
    pub clean: bool,
}

/// The HEAD commit of the repository holding `root`, and whether the register's
/// files match it. `None` outside a git repository or before the first commit.
pub fn provenance(root: &Path) -> Option<Provenance> {
    let repo = Repository::discover(root).ok()?;
    let commit = repo.head().ok()?.peel_to_commit().ok()?;
    let workdir = repo.workdir()?;
    let root = root.canonicalize().ok()?;
    let workdir = workdir.canonicalize().ok()?;
    let relative = root.strip_prefix(&workdir).ok()?;
    let mut options = StatusOptions::new();
    options
        .include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false);
    if !relative.as_os_str().is_empty() {
        options.pathspec(relative.to_string_lossy().replace('\\', "/"));
    }
    let clean = repo.statuses(Some(&mut options)).ok()?.is_empty();
    Some(Provenance {
        commit: commit.id().to_string(),
        clean,
    })
}
