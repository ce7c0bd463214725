//! The register's place in git history: provenance, history, approvals and the
//! register as it stood at any commit.
//!
//! Everything goes through git2 (no `git` subprocess) and works on repositories made
//! with plain git by people who never installed aims. The repository handle stays
//! inside this module: callers ask for what they need (a register at a revision, its
//! provenance, the approval states of its entities), never for git objects.

pub mod approvals;
pub mod cache;
pub mod commit;
pub mod criteria;
pub mod history;
pub mod identity;
pub mod log;
pub mod signature;
pub mod status;
pub mod timeline;
pub mod trailers;
mod tree;

use std::path::Path;

use chrono::NaiveDate;
use git2::{Oid, Repository, StatusOptions};
use serde::Serialize;

use crate::register::{OpenError, Register, Source};

pub use approvals::{Approval, Approvals, State};
pub use history::{CommitInfo, Person, Trail, TrailError};

/// Why the register could not be read at a revision.
#[derive(Debug, thiserror::Error)]
pub enum AtError {
    #[error(transparent)]
    Trail(#[from] TrailError),
    #[error("the register did not exist at `{spec}` ({short})")]
    Missing { spec: String, short: String },
    #[error(transparent)]
    Open(#[from] OpenError),
}

/// Reads the register at `root` as it stood at revision `spec` (`--at`): resolved once,
/// every file read from the object database, the working tree untouched.
pub fn register_at(root: &Path, spec: &str) -> Result<Register, AtError> {
    let trail = Trail::open(root)?;
    let revision = trail.resolve(spec)?;
    let files = trail.snapshot(&revision)?;
    let short = revision.short().to_string();
    Register::from_snapshot(root, revision, files).map_err(|e| match e {
        OpenError::NotFound { .. } => AtError::Missing {
            spec: spec.to_string(),
            short,
        },
        other => AtError::Open(other),
    })
}

/// The commit a register was read at, as reports name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    pub commit: String,
    /// The abbreviated commit id.
    pub short: String,
    /// The commit's date.
    pub date: Option<NaiveDate>,
    /// False when the register's files differ from that commit (modified, staged,
    /// deleted or untracked); always true for a register read at a revision.
    pub clean: bool,
}

/// Where the register was read from: the `--at` commit, or HEAD and whether the
/// working tree matches it. `None` outside a git repository or before the first commit.
pub fn provenance(register: &Register) -> Option<Provenance> {
    let (commit, time, clean) = match &register.source {
        Source::Snapshot { revision, .. } => (revision.commit.clone(), revision.time, true),
        Source::Disk => {
            let repo = Repository::discover(&register.root).ok()?;
            let commit = repo.head().ok()?.peel_to_commit().ok()?;
            // Only the register's own files count: a report or a site written into
            // the register's folder (`aims-site/`) leaves the register as committed.
            let modified = modified_paths(&repo, &register.root)?;
            (
                commit.id().to_string(),
                commit.time().seconds(),
                !modified.iter().any(|p| crate::register::is_own_path(p)),
            )
        }
    };
    Some(Provenance {
        short: commit.chars().take(12).collect(),
        date: chrono::DateTime::from_timestamp(time, 0).map(|d| d.date_naive()),
        commit,
        clean,
    })
}

/// Where the register at `root` stands in its git repository: the repository's working
/// tree and the register's folder relative to it (`/`-separated, empty at the top), for
/// outputs that tools read from the repository root (code scanning, annotations).
/// `None` outside a repository or in a bare one.
pub fn placement(root: &Path) -> Option<(std::path::PathBuf, String)> {
    let repo = Repository::discover(root).ok()?;
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    let relative = root.strip_prefix(&workdir).ok()?;
    let prefix = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    Some((workdir, prefix))
}

/// The names `--at` accepts besides commit ids and dates, for completion: `HEAD`,
/// local and remote branches and tags, sorted. Empty outside a repository.
pub fn revision_names(root: &Path) -> Vec<String> {
    let Ok(repo) = Repository::discover(root) else {
        return Vec::new();
    };
    let mut names = vec!["HEAD".to_string()];
    if let Ok(references) = repo.references() {
        for reference in references.flatten() {
            if let Ok(name) = reference.shorthand()
                && !name.ends_with("/HEAD")
            {
                names.push(name.to_string());
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Files under the register (relative to it) that differ between the working tree and
/// HEAD: modified, staged, deleted or untracked (ignored files excepted).
fn modified_paths(repo: &Repository, root: &Path) -> Option<Vec<String>> {
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

impl Trail {
    /// Register files (relative to `root`) whose working-tree content differs from
    /// HEAD.
    pub fn modified(&self, root: &Path) -> Vec<String> {
        modified_paths(&self.repo, root).unwrap_or_default()
    }

    /// Whether git ignores the file at `path` (anywhere in the working tree), so that
    /// writing it leaves the working tree clean.
    pub fn ignores(&self, path: &Path) -> bool {
        let (Some(workdir), Ok(absolute)) = (self.repo.workdir(), std::path::absolute(path)) else {
            return false;
        };
        let (Ok(workdir), Some(parent), Some(name)) = (
            workdir.canonicalize(),
            absolute.parent().and_then(|p| p.canonicalize().ok()),
            absolute.file_name(),
        ) else {
            return false;
        };
        parent
            .join(name)
            .strip_prefix(&workdir)
            .is_ok_and(|rel| self.repo.is_path_ignored(rel).unwrap_or(false))
    }

    /// Whether the file at `path` (relative to the register) is committed at HEAD.
    pub fn committed_at_head(&self, path: &str) -> Result<bool, TrailError> {
        let tree = self.repo.find_commit(self.head()?)?.tree_id();
        Ok(self.blob_at(tree, path).is_some())
    }

    /// The tree of a commit.
    pub(super) fn tree_of(&self, commit: Oid) -> Option<Oid> {
        self.repo.find_commit(commit).ok().map(|c| c.tree_id())
    }

    /// The signature of a commit and the payload it signs, when it is signed.
    pub(super) fn signature_of(&self, commit: Oid) -> Option<signature::SignedCommit> {
        signature::commit_signature(&self.repo, commit)
            .ok()
            .flatten()
    }

    /// The repository's `user.email`, as git configuration gives it.
    pub fn user_email(&self) -> Result<String, TrailError> {
        Ok(self
            .repo
            .config()?
            .get_string("user.email")
            .unwrap_or_default())
    }

    /// Makes a commit on HEAD that changes no file, with `message`, authored and
    /// committed by the repository's configured identity; returns its id.
    pub fn commit_empty(&self, message: &str) -> Result<String, TrailError> {
        let head = self.repo.find_commit(self.head()?)?;
        let signature = self.repo.signature()?;
        let tree = head.tree()?;
        let commit = self.repo.commit(
            Some("HEAD"),
            &signature,
            &signature,
            message,
            &tree,
            &[&head],
        )?;
        Ok(commit.to_string())
    }
}
