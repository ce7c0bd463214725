//! Reading git tree objects in place.
//!
//! The entity folders are a register's large trees (one entry per entity), and the
//! history commands look at a different version of them at nearly every commit.
//! Working on the raw object, which is a run of `<mode> <name>\0<20-byte id>` entries
//! sorted by name, is several times faster than having libgit2 build its table of
//! every entry first, and most of two versions of a folder can be skipped with one
//! byte comparison.

use std::cmp::Ordering;

use git2::Oid;

/// One entry of a raw tree object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry<'a> {
    name: &'a [u8],
    id: &'a [u8],
    kind: EntryKind,
    /// Where the next entry starts.
    end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    File,
    Folder,
    /// A submodule: a commit of another repository.
    Submodule,
}

impl Entry<'_> {
    /// The entry's place in git's order: names compared as bytes, a folder's name as
    /// if it ended in `/`.
    fn order(&self, other: &Entry<'_>) -> Ordering {
        let shared = self.name.len().min(other.name.len());
        self.name[..shared]
            .cmp(&other.name[..shared])
            .then_with(|| self.key_at(shared).cmp(&other.key_at(shared)))
    }

    /// The byte of the sort key at `at`, once the name is exhausted: `/` for a folder,
    /// then nothing (names cannot contain `/`).
    fn key_at(&self, at: usize) -> Option<u8> {
        match self.name.get(at) {
            Some(&byte) => Some(byte),
            None if at == self.name.len() && self.kind == EntryKind::Folder => Some(b'/'),
            None => None,
        }
    }

    fn oid(&self) -> Option<Oid> {
        Oid::from_bytes(self.id).ok()
    }
}

/// The entry starting at `at`, or `None` at the end or where the object is malformed.
fn entry_at(tree: &[u8], at: usize) -> Option<Entry<'_>> {
    let rest = tree.get(at..)?;
    let space = memchr::memchr(b' ', rest)?;
    let kind = match &rest[..space] {
        b"40000" => EntryKind::Folder,
        b"160000" => EntryKind::Submodule,
        _ => EntryKind::File,
    };
    let nul = space + 1 + memchr::memchr(0, &rest[space + 1..])?;
    let id = rest.get(nul + 1..nul + 21)?;
    Some(Entry {
        name: &rest[space + 1..nul],
        id,
        kind,
        end: at + nul + 21,
    })
}

/// Where the next entry starts, when all that matters is skipping the one at `at`.
fn entry_end(tree: &[u8], at: usize) -> Option<usize> {
    let nul = at + memchr::memchr(0, tree.get(at..)?)?;
    (nul + 21 <= tree.len()).then_some(nul + 21)
}

/// The id of the file `name` in a raw tree object. The scan stops once it has passed
/// where `name` would be.
pub fn find_file(tree: &[u8], name: &[u8]) -> Option<Oid> {
    let wanted = Entry {
        name,
        id: &[],
        kind: EntryKind::File,
        end: 0,
    };
    let mut at = 0;
    while let Some(entry) = entry_at(tree, at) {
        match entry.order(&wanted) {
            Ordering::Less => at = entry.end,
            Ordering::Equal => return entry.oid().filter(|_| entry.kind == EntryKind::File),
            Ordering::Greater => return None,
        }
    }
    None
}

/// A file that differs between two versions of a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub name: String,
    pub old: Option<Oid>,
    pub new: Option<Oid>,
}

/// The files directly in a folder (not in its subfolders) whose content differs
/// between two raw versions of it, in name order; `keep` chooses which names count.
///
/// Each round skips the bytes both versions share from the current pair of entries
/// on (one comparison), then finds the whole entries within them in one version, so
/// a change to a few entries of a large folder reads the entries before the first
/// change once and the rest not at all.
pub fn changed_files(old: &[u8], new: &[u8], keep: impl Fn(&str) -> bool) -> Vec<Changed> {
    let mut changed = Vec::new();
    let (mut i, mut j) = (0, 0);
    loop {
        let common = common_prefix(&old[i..], &new[j..]);
        if i + common == old.len() && j + common == new.len() {
            break;
        }
        // Whole entries inside the shared bytes are the same in both versions.
        let shared = j + common;
        while let Some(end) = entry_end(new, j).filter(|&end| end <= shared) {
            i += end - j;
            j = end;
        }
        let (a, b) = (entry_at(old, i), entry_at(new, j));
        let order = match (&a, &b) {
            (Some(a), Some(b)) => a.order(b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => break,
        };
        let (gone, came) = match order {
            Ordering::Less => (a, None),
            Ordering::Greater => (None, b),
            Ordering::Equal => (a, b),
        };
        if let Some(a) = gone {
            i = a.end;
        }
        if let Some(b) = came {
            j = b.end;
        }
        let gone = gone.filter(|e| e.kind == EntryKind::File);
        let came = came.filter(|e| e.kind == EntryKind::File);
        let Some(name) = came.or(gone).map(|e| e.name) else {
            continue;
        };
        let (old_id, new_id) = (gone.and_then(|e| e.oid()), came.and_then(|e| e.oid()));
        if old_id == new_id {
            continue;
        }
        let Ok(name) = std::str::from_utf8(name) else {
            continue;
        };
        if keep(name) {
            changed.push(Changed {
                name: name.to_string(),
                old: old_id,
                new: new_id,
            });
        }
    }
    changed
}

/// How many leading bytes `a` and `b` share, comparing large blocks at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 4096;
    let shortest = a.len().min(b.len());
    let mut at = 0;
    while at + BLOCK <= shortest && a[at..at + BLOCK] == b[at..at + BLOCK] {
        at += BLOCK;
    }
    at + a[at..shortest]
        .iter()
        .zip(&b[at..shortest])
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// A raw tree from `(mode, name, id byte)` entries, sorted into git's order.
    fn raw(entries: &[(&str, String, u8)]) -> Vec<u8> {
        let mut sorted: Vec<&(&str, String, u8)> = entries.iter().collect();
        let key = |e: &(&str, String, u8)| {
            let mut k = e.1.clone().into_bytes();
            if e.0 == "40000" {
                k.push(b'/');
            }
            k
        };
        sorted.sort_by_key(|e| key(e));
        let mut out = Vec::new();
        for (mode, name, id) in sorted {
            out.extend_from_slice(format!("{mode} {name}\0").as_bytes());
            out.extend_from_slice(&[*id; 20]);
        }
        out
    }

    /// Files by name, read the slow and obvious way.
    fn files(entries: &[(&str, String, u8)]) -> BTreeMap<String, u8> {
        entries
            .iter()
            .filter(|e| e.0 != "40000" && e.0 != "160000")
            .map(|e| (e.1.clone(), e.2))
            .collect()
    }

    /// A small deterministic generator, so that failures reproduce.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, below: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % below
        }
    }

    fn random_entry(rng: &mut Lcg) -> (&'static str, String, u8) {
        let mode =
            ["100644", "100644", "100755", "40000", "120000", "160000"][rng.next(6) as usize];
        // Short names from a small alphabet collide, prefix one another ("a", "a.yaml",
        // "a-b") and put folders next to files of the same name.
        let length = 1 + rng.next(3) as usize;
        let mut name: String = (0..length)
            .map(|_| ['a', 'b', '-', '.'][rng.next(4) as usize])
            .collect();
        if rng.next(2) == 0 {
            name.push_str(".yaml");
        }
        (mode, name, 1 + rng.next(200) as u8)
    }

    #[test]
    fn changed_files_matches_a_naive_comparison() {
        let mut rng = Lcg(42);
        for round in 0..3000 {
            let mut old: Vec<(&str, String, u8)> = Vec::new();
            for _ in 0..rng.next(40) {
                let e = random_entry(&mut rng);
                if !old.iter().any(|o| o.1 == e.1) {
                    old.push(e);
                }
            }
            let mut new = old.clone();
            for _ in 0..rng.next(4) {
                match rng.next(3) {
                    0 if !new.is_empty() => {
                        let at = rng.next(new.len() as u64) as usize;
                        new.remove(at);
                    }
                    1 if !new.is_empty() => {
                        let at = rng.next(new.len() as u64) as usize;
                        new[at].2 = new[at].2.wrapping_add(1).max(1);
                    }
                    _ => {
                        let e = random_entry(&mut rng);
                        if !new.iter().any(|o| o.1 == e.1) {
                            new.push(e);
                        }
                    }
                }
            }
            let (before, after) = (files(&old), files(&new));
            let mut expected: Vec<(String, Option<u8>, Option<u8>)> = before
                .keys()
                .chain(after.keys())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .filter(|n| before.get(*n) != after.get(*n))
                .map(|n| (n.clone(), before.get(n).copied(), after.get(n).copied()))
                .collect();
            expected.sort();
            let mut got: Vec<(String, Option<u8>, Option<u8>)> =
                changed_files(&raw(&old), &raw(&new), |_| true)
                    .into_iter()
                    .map(|c| {
                        let byte = |id: Option<Oid>| id.map(|id| id.as_bytes()[0]);
                        (c.name, byte(c.old), byte(c.new))
                    })
                    .collect();
            got.sort();
            assert_eq!(got, expected, "round {round}: {old:?} -> {new:?}");
            for (name, id) in &after {
                assert_eq!(
                    find_file(&raw(&new), name.as_bytes()).map(|o| o.as_bytes()[0]),
                    Some(*id),
                    "round {round}: {name} in {new:?}"
                );
            }
            let missing = random_entry(&mut rng).1;
            if !after.contains_key(&missing) {
                assert_eq!(find_file(&raw(&new), missing.as_bytes()), None);
            }
        }
    }

    #[test]
    fn malformed_trees_end_the_scan_without_panicking() {
        let good = raw(&[
            ("100644", "a.yaml".into(), 1),
            ("100644", "b.yaml".into(), 2),
        ]);
        for cut in 0..good.len() {
            let _ = changed_files(&good[..cut], &good, |_| true);
            let _ = changed_files(&good, &good[..cut], |_| true);
            let _ = find_file(&good[..cut], b"b.yaml");
        }
        assert!(changed_files(&good, &good, |_| true).is_empty());
        assert_eq!(
            changed_files(&[], &good, |n| n == "b.yaml"),
            [Changed {
                name: "b.yaml".into(),
                old: None,
                new: Some(Oid::from_bytes(&[2; 20]).expect("an id"))
            }]
        );
    }
}
