//! When the risk criteria last changed, from git history: the last commit whose
//! `aims.yaml` holds other `criteria` than the commit before it.
//!
//! A change of the criteria re-interprets every score, so it triggers the review of
//! every open risk reviewed before it (the read model does that; this module only
//! finds the date). The walk follows the first-parent line from HEAD (or the `--at`
//! commit), as `git log --first-parent` does: a merge brings a branch's criteria in
//! on the day it is merged, which is when they start to apply. It compares blob ids
//! first and reads and types the criteria only where `aims.yaml` changed, so comments
//! and layout never count as a change and other files are never read. A version of
//! `aims.yaml` that does not read is passed over. The first version of the criteria
//! is not a change; history cut short by a shallow clone ends the walk.
//!
//! The answer for HEAD is kept in the repository's git directory (`.git/aims/`, as
//! `cache` keeps what commits changed), so that a later run only walks the commits
//! made since. When the working tree's criteria differ from HEAD's, the change is not
//! yet committed: the read model dates it on the day of the run.

use std::path::PathBuf;

use chrono::{FixedOffset, NaiveDate, TimeZone};
use git2::Oid;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::Criteria;
use crate::register::{CONFIG_FILE, Register, Source, write};
use crate::yaml;

use super::Trail;

/// The last change of the risk criteria.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum CriteriaChange {
    /// Made in a commit, on the commit's (author) date.
    Committed {
        /// The commit id, abbreviated.
        commit: String,
        date: NaiveDate,
    },
    /// The working tree's criteria differ from those committed at HEAD.
    Uncommitted,
}

/// The last change of the criteria of the register, as read: from the commit it was
/// read at (`--at`), or from HEAD and the working tree. `None` outside a repository,
/// before the first commit, and when the criteria never changed.
pub fn last_change(register: &Register) -> Option<CriteriaChange> {
    let trail = Trail::open(&register.root).ok()?;
    match &register.source {
        Source::Snapshot { revision, .. } => {
            let start = trail.oid(revision).ok()?;
            let head = trail.head().ok();
            if head == Some(start) {
                cached(&trail, start)
            } else {
                walk(&trail, start, None).found()
            }
        }
        Source::Disk => {
            let head = trail.head().ok()?;
            let working = register.config.as_ref().map(|c| &c.value.criteria);
            let committed = trail
                .tree_of(head)
                .and_then(|tree| criteria_at(&trail, tree));
            if let (Some(working), Some(committed)) = (working, &committed)
                && working != committed
            {
                return Some(CriteriaChange::Uncommitted);
            }
            cached(&trail, head)
        }
    }
}

/// How a walk ended.
enum Walk {
    /// The criteria changed in this commit.
    Found(CriteriaChange),
    /// The walk reached the commit it was told to stop at, without a change since.
    Reached,
    /// The first version of the criteria, or the end of the history.
    End,
}

impl Walk {
    fn found(self) -> Option<CriteriaChange> {
        match self {
            Walk::Found(change) => Some(change),
            Walk::Reached | Walk::End => None,
        }
    }
}

/// Walks the first-parent line back from `start` (stopping at `stop`) to the last
/// commit whose criteria differ from its parent's.
fn walk(trail: &Trail, start: Oid, stop: Option<Oid>) -> Walk {
    let Ok(mut commit) = trail.repo.find_commit(start) else {
        return Walk::End;
    };
    // The criteria the walk compares against (the newest version that reads), the
    // oldest commit found carrying them without a change since, and its blob.
    let mut base: Option<(Criteria, git2::Commit<'_>, Oid)> = trail
        .blob_at(commit.tree_id(), CONFIG_FILE)
        .and_then(|b| Some((read(trail, b)?, commit.clone(), b)));
    loop {
        if Some(commit.id()) == stop {
            return Walk::Reached;
        }
        let Ok(parent) = commit.parent(0) else {
            return Walk::End;
        };
        let Some(blob) = trail.blob_at(parent.tree_id(), CONFIG_FILE) else {
            return Walk::End;
        };
        match &mut base {
            Some((_, since, since_blob)) if blob == *since_blob => *since = parent.clone(),
            Some((criteria, since, since_blob)) => match read(trail, blob) {
                None => {}
                Some(older) if older == *criteria => {
                    *since = parent.clone();
                    *since_blob = blob;
                }
                Some(_) => return Walk::Found(committed(since)),
            },
            None => base = read(trail, blob).map(|c| (c, parent.clone(), blob)),
        }
        commit = parent;
    }
}

/// The change as the commit records it: its abbreviated id and (author) date.
fn committed(commit: &git2::Commit<'_>) -> CriteriaChange {
    let when = commit.author().when();
    let date = FixedOffset::east_opt(when.offset_minutes() * 60)
        .and_then(|offset| offset.timestamp_opt(when.seconds(), 0).single())
        .map(|t| t.date_naive())
        .unwrap_or_default();
    CriteriaChange::Committed {
        commit: commit.id().to_string().chars().take(12).collect(),
        date,
    }
}

/// The criteria of `aims.yaml` in a tree, when it reads.
fn criteria_at(trail: &Trail, tree: Oid) -> Option<Criteria> {
    read(trail, trail.blob_at(tree, CONFIG_FILE)?)
}

/// The criteria of one version of `aims.yaml`, when it reads.
fn read(trail: &Trail, blob: Oid) -> Option<Criteria> {
    let bytes = trail.read(blob)?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let parsed = yaml::parse(text).ok()?;
    serde_json::from_value(parsed.value.get("criteria")?.clone()).ok()
}

/// The last change up to HEAD, from what the last run kept and the commits since.
fn cached(trail: &Trail, head: Oid) -> Option<CriteriaChange> {
    let path = location(trail);
    let kept = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| parse(&text));
    if let Some((kept_head, change)) = &kept
        && *kept_head == head
    {
        return change.clone();
    }
    let change = match kept {
        Some((kept_head, change)) => match walk(trail, head, Some(kept_head)) {
            Walk::Found(found) => Some(found),
            Walk::Reached => change,
            Walk::End => None,
        },
        None => walk(trail, head, None).found(),
    };
    // A commit at a shallow boundary may yet get its parents: keep nothing then.
    if !trail.shallow() {
        let _ = save(&path, head, change.as_ref());
    }
    change
}

const HEADER: &str = "aims criteria-change cache 1";

fn location(trail: &Trail) -> PathBuf {
    let folder = if trail.prefix.is_empty() {
        ".".to_string()
    } else {
        trail.prefix.join("/")
    };
    let digest = Sha256::digest(folder.as_bytes());
    let short: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    trail
        .repo
        .commondir()
        .join("aims")
        .join(format!("criteria-{short}.txt"))
}

/// The kept head and answer, or `None` unless the file reads back exactly.
fn parse(text: &str) -> Option<(Oid, Option<CriteriaChange>)> {
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    let head = Oid::from_str(lines.next()?.strip_prefix("head ")?).ok()?;
    let change = match lines.next()? {
        "none" => None,
        line => {
            let mut parts = line.strip_prefix("change ")?.split(' ');
            let commit = parts.next()?.to_string();
            let date = parts.next()?.parse().ok()?;
            if commit.is_empty() || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            Some(CriteriaChange::Committed { commit, date })
        }
    };
    (lines.next()? == "end" && lines.next().is_none()).then_some((head, change))
}

fn save(path: &std::path::Path, head: Oid, change: Option<&CriteriaChange>) -> std::io::Result<()> {
    let change = match change {
        Some(CriteriaChange::Committed { commit, date }) => format!("change {commit} {date}"),
        _ => "none".to_string(),
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    write::atomic(
        path,
        format!("{HEADER}\nhead {head}\n{change}\nend\n").as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_reads_back_only_when_whole() {
        let head = Oid::from_bytes(&[7; 20]).expect("an id");
        let text = format!("{HEADER}\nhead {head}\nchange 0123456789ab 2026-10-01\nend\n");
        assert_eq!(
            parse(&text),
            Some((
                head,
                Some(CriteriaChange::Committed {
                    commit: "0123456789ab".into(),
                    date: "2026-10-01".parse().expect("date")
                })
            ))
        );
        assert_eq!(
            parse(&format!("{HEADER}\nhead {head}\nnone\nend\n")),
            Some((head, None))
        );
        assert_eq!(parse(text.trim_end_matches("end\n")), None);
        assert_eq!(parse(&text.replace("2026-10-01", "someday")), None);
        assert_eq!(parse(&text.replace("head ", "heads ")), None);
        assert_eq!(parse(""), None);
    }
}
