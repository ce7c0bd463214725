//! The register's place in git history: provenance, history, approvals and the
//! register as it stood at any commit.
//!
//! Everything goes through git2 (no `git` subprocess) and works on repositories made
//! with plain git by people who never installed aims.

pub mod approvals;
pub mod cache;
pub mod history;
pub mod identity;
pub mod log;
pub mod signature;
pub mod status;
pub mod trailers;
mod tree;

use std::path::Path;

use git2::{Repository, StatusOptions};

pub use approvals::{Approval, Approvals, State};
pub use history::{CommitInfo, Person, Trail, TrailError};

/// The commit a register was read at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub commit: String,
    /// Commit time, seconds since the epoch.
    pub time: i64,
    /// False when files of the register differ from that commit (modified, staged,
    /// deleted or untracked).
    pub clean: bool,
}

/// The HEAD commit of the repository holding `root`, and whether the register's
/// files match it. `None` outside a git repository or before the first commit.
pub fn provenance(root: &Path) -> Option<Provenance> {
    let repo = Repository::discover(root).ok()?;
    let commit = repo.head().ok()?.peel_to_commit().ok()?;
    let modified = modified_paths(&repo, root)?;
    Some(Provenance {
        commit: commit.id().to_string(),
        time: commit.time().seconds(),
        clean: modified.is_empty(),
    })
}

/// Files under the register (relative to it) that differ between the working tree and
/// HEAD: modified, staged, deleted or untracked (ignored files excepted).
pub fn modified_paths(repo: &Repository, root: &Path) -> Option<Vec<String>> {
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    let relative = root
        .strip_prefix(&workdir)
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    let mut options = StatusOptions::new();
    options
        .include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false);
    if !relative.is_empty() {
        options.pathspec(&relative);
    }
    let statuses = repo.statuses(Some(&mut options)).ok()?;
    let prefix = if relative.is_empty() {
        String::new()
    } else {
        format!("{relative}/")
    };
    Some(
        statuses
            .iter()
            .filter_map(|s| {
                s.path()
                    .ok()
                    .map(|p| p.strip_prefix(&prefix).unwrap_or(p).to_string())
            })
            .collect(),
    )
}
