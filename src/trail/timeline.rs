//! The register's history as a whole, for a reader who walks it rather than asks about
//! one entity: every commit that changed a register file, what it changed, and each
//! entity's own history in register terms (as `aims log` gives it), following renames.
//!
//! It is read as of the version the register was read at: HEAD for the working tree,
//! the `--at` commit otherwise, so a site of "the register as audited" shows the
//! history up to that commit and nothing after it. What each commit changed comes from
//! the record `cache` keeps (the same one `aims log` reads); it is checked as a whole
//! before use, every change leading to the next and the newest to what the commit read
//! holds, and worked out afresh when it does not hold together.

use std::collections::{BTreeMap, HashMap};

use crate::register::Register;
use git2::Oid;

use super::cache;
use super::history::{CommitInfo, FileChange, Person, Trail, TrailError};
use super::log::{self, LogEntry};

/// One commit that changed the register.
#[derive(Debug, Clone)]
pub struct TimelineCommit {
    pub id: Oid,
    /// Seconds since the epoch (the author date).
    pub time: i64,
    pub author: Person,
    pub committer: Person,
    pub summary: String,
    /// The register files it changed against its first parent, by path.
    pub files: Vec<FileChange>,
}

/// An entity's history: its changes newest first, and every path it has had (the
/// current one first).
#[derive(Debug, Clone, Default)]
pub struct EntityHistory {
    pub entries: Vec<LogEntry>,
    pub paths: Vec<String>,
}

/// The register's history up to the version read.
#[derive(Debug, Default)]
pub struct Timeline {
    /// Every commit reachable from the version read, newest first, with what it
    /// changed (commits that changed no register file included: they may approve).
    pub commits: Vec<TimelineCommit>,
    /// The history of each register file of the version read, by its path.
    pub entities: BTreeMap<String, EntityHistory>,
    /// History stops at a shallow clone's boundary.
    pub truncated: bool,
    /// The record of what each commit changed did not hold together and was rebuilt.
    pub rebuilt: bool,
}

/// The history of `register` (every file of it) as of the version it was read at.
pub fn timeline(register: &Register) -> Result<Timeline, TrailError> {
    let trail = Trail::open(&register.root)?;
    let head = trail.head()?;
    let start = match register.revision() {
        Some(revision) => trail.oid(revision)?,
        None => head,
    };
    // What each commit changed is worked out (and kept) for the whole of HEAD's
    // history, so that reading an older version does not shrink the record.
    let all = trail.commits_from(head)?;
    let mut changed = cache::changes(&trail, &all);
    let mut rebuilt = false;
    if !holds_together(&trail, &all, &changed) {
        changed = cache::rebuild(&trail, &all);
        rebuilt = true;
    }
    let mut known: HashMap<Oid, Vec<FileChange>> = all.iter().map(|c| c.id).zip(changed).collect();
    let commits = if start == head {
        all
    } else {
        trail.commits_from(start)?
    };
    let changed: Vec<Vec<FileChange>> = commits
        .iter()
        .map(|c| known.remove(&c.id).unwrap_or_else(|| trail.changes(c)))
        .collect();
    let paths: Vec<String> = register.documents.iter().map(|d| d.path.clone()).collect();
    let histories = log::file_logs(&trail, &commits, &changed, &paths);
    let entities = paths
        .into_iter()
        .zip(histories)
        .map(|(path, (entries, paths))| (path, EntityHistory { entries, paths }))
        .collect();
    let commits = commits
        .into_iter()
        .zip(changed)
        .map(|(c, files)| TimelineCommit {
            id: c.id,
            time: c.time,
            author: c.author,
            committer: c.committer,
            summary: c.summary,
            files,
        })
        .collect();
    Ok(Timeline {
        commits,
        entities,
        truncated: trail.shallow(),
        rebuilt,
    })
}

/// Whether the recorded changes of every file hold together: walking from the newest
/// commit back, each change of a path starts where the one after it ended, the newest
/// ends at what the newest commit holds, and every file that exists was created
/// somewhere (unless history stops at a shallow boundary).
fn holds_together(trail: &Trail, commits: &[CommitInfo], changed: &[Vec<FileChange>]) -> bool {
    let Some(newest) = commits.first() else {
        return true;
    };
    let mut expected: HashMap<String, Option<Oid>> = trail
        .files(newest.tree)
        .into_iter()
        .map(|(path, blob)| (path, Some(blob)))
        .collect();
    // A file created in a merge's second parent is followed along first parents only;
    // the walk is over the first-parent line, as the record is.
    let index: HashMap<Oid, usize> = commits.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut at = Some(0);
    while let Some(i) = at {
        for change in &changed[i] {
            let now = expected.get(&change.path).copied().flatten();
            if change.new != now {
                return false;
            }
            expected.insert(change.path.clone(), change.old);
        }
        at = commits[i]
            .parents
            .first()
            .and_then(|p| index.get(p))
            .copied();
    }
    trail.shallow() || expected.values().all(Option::is_none)
}
