//! Reading a register's history from git: commits with their trailers, the entity
//! files a commit changed, and file contents at any commit.
//!
//! One revwalk reads every commit once (messages are small and cheap); trees are read
//! only where an answer needs them, comparing tree ids first and descending only into
//! subtrees that differ, so unchanged folders are never opened.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use git2::{ObjectType, Oid, Repository, Sort, Tree};

use crate::model::{FileKind, Kind};
use crate::register::{Revision, is_entity_file_name};

use super::tree;

#[derive(Debug, thiserror::Error)]
pub enum TrailError {
    #[error("`{}` is not in a git repository; history, approvals and `--at` need one", .0.display())]
    NotARepository(PathBuf),
    #[error("the repository has no commits yet; commit the register first")]
    NoCommits,
    #[error("the repository has no working tree")]
    Bare,
    #[error("`{rev}` names no commit: {message}")]
    Revision { rev: String, message: String },
    #[error("git: {0}")]
    Git(#[from] git2::Error),
}

/// A person as git records them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub email: String,
}

impl Person {
    pub fn display(&self) -> String {
        format!("{} <{}>", self.name, self.email)
    }
}

/// What the trailers of a commit message say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trailers {
    /// `Approved-by: Name <email>` lines.
    pub approved_by: Vec<Person>,
    /// Ids listed by `Approves: R-001, A.6.2.4` lines.
    pub approves: Vec<String>,
}

/// One commit, as much as every command needs.
#[derive(Debug, Clone)]
pub struct CommitInfo {
    pub id: Oid,
    pub tree: Oid,
    pub parents: Vec<Oid>,
    pub author: Person,
    pub committer: Person,
    /// Seconds since the epoch, and the offset in minutes, of the author date.
    pub time: i64,
    pub offset: i32,
    pub summary: String,
    pub trailers: Trailers,
}

/// An entity file's change in one commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Path relative to the register root.
    pub path: String,
    pub old: Option<Oid>,
    pub new: Option<Oid>,
}

/// The register's repository.
pub struct Trail {
    pub(super) repo: Repository,
    /// The register's folder relative to the repository's working tree (empty at the
    /// top), as path components.
    pub(super) prefix: Vec<String>,
    /// The commits at a shallow clone's boundary (git lists them in `.git/shallow`),
    /// which the repository shows without their parents.
    boundary: HashSet<Oid>,
}

impl Trail {
    /// Opens the repository holding the register at `root`.
    pub fn open(root: &Path) -> Result<Trail, TrailError> {
        // libgit2 re-hashes every object it reads by default, which is nine tenths of
        // the time spent reading a large folder's tree at every commit. git itself
        // trusts its object database on reads (checking is `git fsck`'s job), and so
        // does `aims`.
        git2::opts::strict_hash_verification(false);
        let repo = Repository::discover(root)
            .map_err(|_| TrailError::NotARepository(root.to_path_buf()))?;
        let workdir = repo
            .workdir()
            .ok_or(TrailError::Bare)?
            .canonicalize()
            .map_err(|e| TrailError::Git(git2::Error::from_str(&e.to_string())))?;
        let root = root
            .canonicalize()
            .map_err(|e| TrailError::Git(git2::Error::from_str(&e.to_string())))?;
        let prefix = root
            .strip_prefix(&workdir)
            .map(|p| {
                p.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let boundary = shallow_boundary(&repo);
        Ok(Trail {
            repo,
            prefix,
            boundary,
        })
    }

    /// Another handle on the same repository, for another thread.
    pub(super) fn reopen(&self) -> Option<Trail> {
        self.opener().open()
    }

    /// What opens another handle on the same repository: it can be shared between
    /// threads, where a handle cannot.
    pub(super) fn opener(&self) -> Opener {
        Opener {
            path: self.repo.path().to_path_buf(),
            prefix: self.prefix.clone(),
            boundary: self.boundary.clone(),
        }
    }

    /// Whether history stops at a shallow-clone boundary.
    pub fn shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    /// The commit HEAD points at.
    pub fn head(&self) -> Result<Oid, TrailError> {
        let head = self.repo.head().map_err(|_| TrailError::NoCommits)?;
        Ok(head
            .peel_to_commit()
            .map_err(|_| TrailError::NoCommits)?
            .id())
    }

    /// Resolves a revision once, into the commit it names and that commit's time:
    /// anything git understands (`HEAD~3`, a tag, a commit id), or a date
    /// `YYYY-MM-DD`, meaning the last commit on HEAD's first-parent line made on or
    /// before that day (UTC).
    pub fn resolve(&self, rev: &str) -> Result<Revision, TrailError> {
        let commit = self.repo.find_commit(self.resolve_oid(rev)?)?;
        Ok(Revision {
            commit: commit.id().to_string(),
            time: commit.time().seconds(),
            spec: rev.to_string(),
        })
    }

    /// The first commit on HEAD's first-parent line (the oldest one reachable, in a
    /// shallow clone).
    pub fn root(&self) -> Result<Revision, TrailError> {
        let mut commit = self.repo.find_commit(self.head()?)?;
        while let Ok(parent) = commit.parent(0) {
            commit = parent;
        }
        Ok(Revision {
            commit: commit.id().to_string(),
            time: commit.time().seconds(),
            spec: "first commit".to_string(),
        })
    }

    /// The commit a resolved revision names.
    pub(super) fn oid(&self, revision: &Revision) -> Result<Oid, TrailError> {
        Oid::from_str(&revision.commit).map_err(TrailError::Git)
    }

    fn resolve_oid(&self, rev: &str) -> Result<Oid, TrailError> {
        if let Ok(date) = chrono::NaiveDate::parse_from_str(rev, "%Y-%m-%d") {
            let end = date
                .and_hms_opt(23, 59, 59)
                .expect("a valid time")
                .and_utc()
                .timestamp();
            let mut commit = self.repo.find_commit(self.head()?)?;
            loop {
                if commit.time().seconds() <= end {
                    return Ok(commit.id());
                }
                match commit.parent(0) {
                    Ok(parent) => commit = parent,
                    Err(_) => {
                        return Err(TrailError::Revision {
                            rev: rev.to_string(),
                            message: format!("no commit on or before {date}"),
                        });
                    }
                }
            }
        }
        let object = self
            .repo
            .revparse_single(rev)
            .map_err(|e| TrailError::Revision {
                rev: rev.to_string(),
                message: e.message().to_string(),
            })?;
        let commit = object.peel_to_commit().map_err(|e| TrailError::Revision {
            rev: rev.to_string(),
            message: e.message().to_string(),
        })?;
        Ok(commit.id())
    }

    /// Every commit reachable from HEAD, newest first (parents after children).
    pub fn commits(&self) -> Result<Vec<CommitInfo>, TrailError> {
        self.commits_from(self.head()?)
    }

    /// Every commit reachable from `start`, newest first.
    pub fn commits_from(&self, start: Oid) -> Result<Vec<CommitInfo>, TrailError> {
        self.commits_from_with(start, &crate::progress::Silent)
    }

    /// [`Trail::commits_from`], telling `progress` of each commit read (the number
    /// of commits is not known until the walk ends).
    pub fn commits_from_with(
        &self,
        start: Oid,
        progress: &dyn crate::progress::Progress,
    ) -> Result<Vec<CommitInfo>, TrailError> {
        progress.start("reading the history", 0);
        let mut walk = self.repo.revwalk()?;
        walk.push(start)?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
        let mut commits = Vec::new();
        for oid in walk {
            let commit = self.repo.find_commit(oid?)?;
            let message = String::from_utf8_lossy(commit.message_bytes()).into_owned();
            let author = commit.author();
            let committer = commit.committer();
            commits.push(CommitInfo {
                id: commit.id(),
                tree: commit.tree_id(),
                parents: commit.parent_ids().collect(),
                author: Person {
                    name: String::from_utf8_lossy(author.name_bytes()).into_owned(),
                    email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
                },
                committer: Person {
                    name: String::from_utf8_lossy(committer.name_bytes()).into_owned(),
                    email: String::from_utf8_lossy(committer.email_bytes()).into_owned(),
                },
                time: author.when().seconds(),
                offset: author.when().offset_minutes(),
                summary: message.lines().next().unwrap_or_default().to_string(),
                trailers: super::trailers::approval_trailers(&message),
            });
            progress.advance(1);
        }
        progress.finish();
        Ok(commits)
    }

    /// The register's subtree in a commit's tree, if the register existed then.
    fn register_tree(&self, tree: Oid) -> Option<Tree<'_>> {
        let mut tree = self.repo.find_tree(tree).ok()?;
        for part in &self.prefix {
            let id = tree.get_name(part)?.id();
            tree = self.repo.find_tree(id).ok()?;
        }
        Some(tree)
    }

    /// The blob id of the file at `path` (relative to the register) in a tree.
    pub fn blob_at(&self, tree: Oid, path: &str) -> Option<Oid> {
        let (folders, name) = path.rsplit_once('/').unwrap_or(("", path));
        let mut folder = self.register_tree(tree)?.id();
        for part in folders.split('/').filter(|p| !p.is_empty()) {
            folder = self
                .repo
                .find_tree(folder)
                .ok()?
                .get_name(part)
                .filter(|e| e.kind() == Some(ObjectType::Tree))?
                .id();
        }
        let odb = self.repo.odb().ok()?;
        let raw = odb.read(folder).ok()?;
        tree::find_file(raw.data(), name.as_bytes())
    }

    /// Every entity file (and aims.yaml) in a tree, with its blob id: each folder is
    /// read once.
    pub fn files(&self, tree: Oid) -> std::collections::BTreeMap<String, Oid> {
        let mut files = std::collections::BTreeMap::new();
        let Some(root) = self.register_tree(tree) else {
            return files;
        };
        for file in FileKind::ROOT.iter().filter_map(|k| k.root_file()) {
            if let Some(entry) = root.get_name(file) {
                files.insert(file.to_string(), entry.id());
            }
        }
        for kind in Kind::ALL {
            let folder = kind.folder();
            let Some(id) = root
                .get_name(folder)
                .filter(|e| e.kind() == Some(ObjectType::Tree))
                .map(|e| e.id())
            else {
                continue;
            };
            let Ok(subtree) = self.repo.find_tree(id) else {
                continue;
            };
            for entry in subtree
                .iter()
                .filter(|e| e.kind() == Some(ObjectType::Blob))
            {
                if let Ok(name) = entry.name() {
                    files.insert(format!("{folder}/{name}"), entry.id());
                }
            }
        }
        files
    }

    /// The content of a blob.
    pub fn read(&self, blob: Oid) -> Option<Vec<u8>> {
        self.repo.find_blob(blob).ok().map(|b| b.content().to_vec())
    }

    /// The entity files (and aims.yaml) a commit changed against its first parent (a
    /// root commit: against nothing), comparing tree ids so that unchanged folders are
    /// never read.
    pub fn changes(&self, commit: &CommitInfo) -> Vec<FileChange> {
        self.diff_commit(commit).0
    }

    /// `changes`, and whether they are sure: false at a shallow clone's boundary,
    /// whose parents may yet be fetched, and when the first parent or a folder could
    /// not be read (a damaged or partial object database), so that the commit was
    /// compared against less than it should have been.
    pub(super) fn diff_commit(&self, commit: &CommitInfo) -> (Vec<FileChange>, bool) {
        let parent = match commit.parents.first() {
            None => Some(None),
            Some(p) => self.repo.find_commit(*p).ok().map(|c| Some(c.tree_id())),
        };
        let mut complete = parent.is_some() && !self.boundary.contains(&commit.id);
        let new = self.register_tree(commit.tree);
        let old = parent.flatten().and_then(|t| self.register_tree(t));
        if new.as_ref().map(Tree::id) == old.as_ref().map(Tree::id) {
            return (Vec::new(), complete);
        }
        let entry = |tree: &Option<Tree<'_>>, name: &str, kind: ObjectType| {
            tree.as_ref()
                .and_then(|t| t.get_name(name))
                .filter(|e| e.kind() == Some(kind))
                .map(|e| e.id())
        };
        let mut changes = Vec::new();
        for file in FileKind::ROOT.iter().filter_map(|k| k.root_file()) {
            let (old_blob, new_blob) = (
                entry(&old, file, ObjectType::Blob),
                entry(&new, file, ObjectType::Blob),
            );
            if old_blob != new_blob {
                changes.push(FileChange {
                    path: file.to_string(),
                    old: old_blob,
                    new: new_blob,
                });
            }
        }
        let Ok(odb) = self.repo.odb() else {
            return (changes, false);
        };
        for kind in Kind::ALL {
            let folder = kind.folder();
            let old_folder = entry(&old, folder, ObjectType::Tree);
            let new_folder = entry(&new, folder, ObjectType::Tree);
            if old_folder == new_folder {
                continue;
            }
            // A folder that cannot be read is compared as empty, and the answer
            // marked unsure.
            let mut read = |id: Option<Oid>| {
                id.map(|id| odb.read(id)).transpose().unwrap_or_else(|_| {
                    complete = false;
                    None
                })
            };
            let (old_raw, new_raw) = (read(old_folder), read(new_folder));
            let old_bytes = old_raw.as_ref().map_or(&[][..], |r| r.data());
            let new_bytes = new_raw.as_ref().map_or(&[][..], |r| r.data());
            changes.extend(
                tree::changed_files(old_bytes, new_bytes, is_entity_file_name)
                    .into_iter()
                    .map(|c| FileChange {
                        path: format!("{folder}/{}", c.name),
                        old: c.old,
                        new: c.new,
                    }),
            );
        }
        (changes, complete)
    }

    /// Every file under the register in a commit, with its content: the register as it
    /// was, read straight from the object database.
    pub fn snapshot(&self, revision: &Revision) -> Result<Vec<(String, Vec<u8>)>, TrailError> {
        let tree = self.repo.find_commit(self.oid(revision)?)?.tree_id();
        let Some(root) = self.register_tree(tree) else {
            return Ok(Vec::new());
        };
        let mut files = Vec::new();
        root.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
            if entry.kind() == Some(ObjectType::Blob)
                && let (Ok(name), Ok(blob)) = (entry.name(), self.repo.find_blob(entry.id()))
            {
                files.push((format!("{dir}{name}"), blob.content().to_vec()));
            }
            git2::TreeWalkResult::Ok
        })?;
        Ok(files)
    }
}

/// Opens handles on a repository, one per thread ([`Trail::opener`]).
pub(super) struct Opener {
    path: PathBuf,
    prefix: Vec<String>,
    boundary: HashSet<Oid>,
}

impl Opener {
    pub(super) fn open(&self) -> Option<Trail> {
        Some(Trail {
            repo: Repository::open(&self.path).ok()?,
            prefix: self.prefix.clone(),
            boundary: self.boundary.clone(),
        })
    }
}

fn shallow_boundary(repo: &Repository) -> HashSet<Oid> {
    std::fs::read_to_string(repo.commondir().join("shallow"))
        .map(|text| {
            text.lines()
                .filter_map(|l| Oid::from_str(l.trim()).ok())
                .collect()
        })
        .unwrap_or_default()
}
