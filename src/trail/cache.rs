//! Which entity files every commit changed, worked out once and kept.
//!
//! A commit never changes, so neither does what it changed against its first parent:
//! once worked out, the answer holds for good. `aims log` needs it for every commit of
//! the history, and reading a large entity folder at each of 20,000 commits takes
//! seconds; the answers are therefore kept in the repository's git directory
//! (`.git/aims/`, never in the working tree or in history) and only commits not seen
//! before are read. The file is rewritten whole (temporary file, then rename), holds
//! only commits reachable from HEAD, and is ignored and rebuilt whenever it does not
//! read back exactly; deleting it is always safe. A commit at a shallow clone's
//! boundary is never kept, since its parent may yet be fetched.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use git2::Oid;
use sha2::{Digest, Sha256};

use crate::progress::{Progress, Silent};
use crate::register::write;

use super::history::{CommitInfo, FileChange, Trail};

/// The first line; the number changes whenever what counts as an entity file does, so
/// that records written by another version of aims are rebuilt rather than trusted.
const HEADER: &str = "aims changed-files cache 1";

/// What a commit changed, and whether that is sure (see `Trail::diff_commit`).
type Diffed = (Vec<FileChange>, bool);

/// What each of `commits` changed (as `Trail::changes`), in the same order.
pub fn changes(trail: &Trail, commits: &[CommitInfo]) -> Vec<Vec<FileChange>> {
    changes_with(trail, commits, &Silent)
}

/// [`changes`], telling `progress` how many of the commits not seen before have been
/// worked out.
pub fn changes_with(
    trail: &Trail,
    commits: &[CommitInfo],
    progress: &dyn Progress,
) -> Vec<Vec<FileChange>> {
    let register = register_line(trail);
    let path = location(trail, &register);
    let mut known = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| parse(&text, &register))
        .unwrap_or_default();
    let missing: Vec<&CommitInfo> = commits
        .iter()
        .filter(|c| !known.contains_key(&c.id))
        .collect();
    let mut worked_out = 0;
    let mut unsure = HashMap::new();
    if !missing.is_empty() {
        progress.start("working out what each commit changed", missing.len() as u64);
    }
    let computed = compute(trail, &missing, progress);
    progress.finish();
    for (commit, (changes, sure)) in missing.iter().zip(computed) {
        if sure {
            known.insert(commit.id, changes);
            worked_out += 1;
        } else {
            unsure.insert(commit.id, changes);
        }
    }
    if worked_out > 0 {
        // Best effort: a read-only repository simply goes without.
        let _ = save(&path, &register, commits, &known);
    }
    commits
        .iter()
        .map(|c| {
            known
                .remove(&c.id)
                .or_else(|| unsure.remove(&c.id))
                .unwrap_or_default()
        })
        .collect()
}

/// What each of `commits` changed (as [`changes`] gave it), checked against the repository for the files at
/// `paths` (one entity's, through its renames): every change the record claims for
/// them is worked out again, and the newest must lead to what HEAD holds and each to
/// the next. A record written by anything but aims (a false but well-formed one) is
/// caught here and rebuilt; the second value says whether that happened.
pub fn checked(
    trail: &Trail,
    commits: &[CommitInfo],
    changed: Vec<Vec<FileChange>>,
    paths: &[String],
) -> (Vec<Vec<FileChange>>, bool) {
    if consistent(trail, commits, &changed, paths) {
        return (changed, false);
    }
    (rebuild(trail, commits), true)
}

/// What each of `commits` changed, worked out afresh: the kept record is dropped first
/// (for a caller that found it does not hold together).
pub fn rebuild(trail: &Trail, commits: &[CommitInfo]) -> Vec<Vec<FileChange>> {
    let register = register_line(trail);
    let _ = std::fs::remove_file(location(trail, &register));
    changes(trail, commits)
}

fn consistent(
    trail: &Trail,
    commits: &[CommitInfo],
    changed: &[Vec<FileChange>],
    paths: &[String],
) -> bool {
    let Some(current) = paths.first() else {
        return true;
    };
    // Every claimed change of these files happened.
    for (commit, claimed) in commits.iter().zip(changed) {
        let mine: Vec<&FileChange> = claimed.iter().filter(|c| paths.contains(&c.path)).collect();
        if mine.is_empty() {
            continue;
        }
        let actual = trail.changes(commit);
        if !mine.iter().all(|c| actual.contains(c)) {
            return false;
        }
    }
    // And none is missing: newest first, each change of the current path starts where
    // the one before it (in time) ended, and the newest ends at what HEAD holds.
    let mut expected = commits.first().and_then(|c| trail.blob_at(c.tree, current));
    for claimed in changed {
        if let Some(c) = claimed.iter().find(|c| &c.path == current) {
            if c.new != expected {
                return false;
            }
            expected = c.old;
            if expected.is_none() {
                break;
            }
        }
    }
    // A file that exists was created somewhere, unless history stops before that.
    expected.is_none() || trail.shallow()
}

/// Works out what `commits` changed, on as many threads as there are cores when there
/// are enough of them to be worth it, each with its own handle on the repository.
fn compute(trail: &Trail, commits: &[&CommitInfo], progress: &dyn Progress) -> Vec<Diffed> {
    let diff = |trail: &Trail, c: &CommitInfo| {
        let diffed = trail.diff_commit(c);
        progress.advance(1);
        diffed
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads == 1 || commits.len() < 512 {
        return commits.iter().map(|c| diff(trail, c)).collect();
    }
    let chunk = commits.len().div_ceil(threads);
    let parts: Vec<Option<Vec<Diffed>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = commits
            .chunks(chunk)
            .map(|part| {
                // Opened here: a handle may move to another thread but not be shared.
                let other = trail.reopen();
                scope.spawn(move || {
                    let other = other?;
                    Some(part.iter().map(|c| diff(&other, c)).collect())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    // A thread that could not open the repository leaves its share to this one.
    commits
        .chunks(chunk)
        .zip(parts)
        .flat_map(|(part, done)| {
            done.unwrap_or_else(|| part.iter().map(|c| diff(trail, c)).collect())
        })
        .collect()
}

/// `.git/aims/changes-<register>.txt`, one file per register folder in the repository.
fn location(trail: &Trail, register: &str) -> PathBuf {
    let digest = Sha256::digest(register.as_bytes());
    let short: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    trail
        .repo
        .commondir()
        .join("aims")
        .join(format!("changes-{short}.txt"))
}

fn register_line(trail: &Trail) -> String {
    let folder = if trail.prefix.is_empty() {
        ".".to_string()
    } else {
        trail.prefix.join("/")
    };
    format!("register {folder}")
}

/// The cache's content, or `None` unless it reads back exactly.
fn parse(text: &str, register: &str) -> Option<HashMap<Oid, Vec<FileChange>>> {
    let mut lines = text.lines();
    if lines.next()? != HEADER || lines.next()? != register {
        return None;
    }
    let mut known: HashMap<Oid, Vec<FileChange>> = HashMap::new();
    let mut current: Option<Oid> = None;
    for line in lines {
        let (tag, rest) = line.split_once(' ')?;
        match tag {
            "commit" => {
                let id = Oid::from_str(rest).ok()?;
                known.insert(id, Vec::new());
                current = Some(id);
            }
            "file" => {
                let mut fields = rest.splitn(3, ' ');
                let id = |field: &str| match field {
                    "-" => Some(None),
                    hex => Oid::from_str(hex).ok().map(Some),
                };
                let old = id(fields.next()?)?;
                let new = id(fields.next()?)?;
                let path = fields.next()?.to_string();
                known
                    .get_mut(&current?)?
                    .push(FileChange { path, old, new });
            }
            "end" => return (rest.parse::<usize>().ok()? == known.len()).then_some(known),
            _ => return None,
        }
    }
    // No `end` line: the file was cut short.
    None
}

/// Writes what is known about `commits`, in their order.
fn save(
    path: &std::path::Path,
    register: &str,
    commits: &[CommitInfo],
    known: &HashMap<Oid, Vec<FileChange>>,
) -> std::io::Result<()> {
    let mut text = format!("{HEADER}\n{register}\n");
    let mut count = 0;
    let id = |id: Option<Oid>| id.map_or("-".to_string(), |id| id.to_string());
    for commit in commits {
        let Some(changes) = known.get(&commit.id) else {
            continue;
        };
        // A path that would break the line format is simply worked out again.
        if changes.iter().any(|c| c.path.contains(['\n', '\r'])) {
            continue;
        }
        let _ = writeln!(text, "commit {}", commit.id);
        for c in changes {
            let _ = writeln!(text, "file {} {} {}", id(c.old), id(c.new), c.path);
        }
        count += 1;
    }
    let _ = writeln!(text, "end {count}");
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    write::atomic(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_reads_back_only_when_whole() {
        let a = Oid::from_bytes(&[1; 20]).expect("an id");
        let b = Oid::from_bytes(&[2; 20]).expect("an id");
        let text = format!(
            "{HEADER}\nregister .\ncommit {a}\nfile - {b} risks/R 1.yaml\ncommit {b}\nend 2\n"
        );
        let known = parse(&text, "register .").expect("a whole cache");
        assert_eq!(
            known[&a],
            [FileChange {
                path: "risks/R 1.yaml".into(),
                old: None,
                new: Some(b)
            }]
        );
        assert!(known[&b].is_empty());
        // Another register, a missing end, a wrong count, a bad id, an unknown line.
        assert!(parse(&text, "register sub").is_none());
        assert!(parse(text.trim_end_matches("end 2\n"), "register .").is_none());
        assert!(parse(&text.replace("end 2", "end 3"), "register .").is_none());
        assert!(parse(&text.replace("file -", "file x"), "register .").is_none());
        assert!(parse(&text.replace("commit ", "commits "), "register .").is_none());
        assert!(parse("", "register .").is_none());
    }
}
