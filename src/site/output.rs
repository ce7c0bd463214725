//! The folder a site is written to, and nothing outside it.
//!
//! A site is built in a fresh folder made beside the target (created exclusively, so it
//! cannot be anyone else's), every file created exclusively inside it (so no symlink
//! or file already there is ever followed or overwritten), and only when every page
//! is written does it take the target's place: by renaming for a new target, by an
//! atomic exchange (Linux) or two renames for an existing one. Readers never see a
//! half-written site, and a failed run leaves the old one as it was.
//!
//! The target is refused when it is a symlink or not a folder, when it lies among the
//! register's own files (its entity folders, `evidence/`, `templates/`, `.aims/`,
//! `.git/`) or is the register's root or one of its parents, and when it is a folder
//! holding anything other than a site aims wrote (recognised by [`MARKER`]): a typo in
//! `--output` never replaces someone's folder.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The file every site carries at its root, naming what wrote it; a folder holding it
/// may be replaced by the next site.
pub const MARKER: &str = "aims-site.json";

/// Why a site cannot be written where it was asked to go.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("`{}` is a symlink; the site is written only to a real folder", .0.display())]
    Symlink(PathBuf),
    #[error("`{}` exists and is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("`{}` is a folder that holds other files, not a site aims wrote (no `{MARKER}` in it)", .0.display())]
    NotASite(PathBuf),
    #[error("`{}` is inside the register's own files (`{rel}`)", path.display())]
    InsideRegister { path: PathBuf, rel: String },
    #[error("`{}` holds the register; the site would replace it", .0.display())]
    HoldsRegister(PathBuf),
    #[error("cannot write the site to `{}`", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// A site being written: a fresh folder beside the target.
#[derive(Debug)]
pub struct SiteDir {
    target: PathBuf,
    staging: PathBuf,
    /// Bytes written so far, for the limit.
    written: AtomicU64,
    finished: bool,
}

/// The most a site's pages may take together: far beyond any register's site, and a
/// stop for a runaway template that would otherwise fill the disk page by page.
/// Evidence copies do not count: they are the register's own files.
pub const MAX_PAGES_BYTES: u64 = 4 * 1024 * 1024 * 1024;

impl SiteDir {
    /// Checks `target` and makes the folder the site is built in. `register_root` is
    /// the register's folder on disk.
    pub fn create(target: &Path, register_root: &Path) -> Result<SiteDir, OutputError> {
        let io_error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| OutputError::Io { path, source }
        };
        match fs::symlink_metadata(target) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(OutputError::Symlink(target.to_path_buf()));
            }
            Ok(m) if !m.is_dir() => return Err(OutputError::NotAFolder(target.to_path_buf())),
            Ok(_) => {
                let mut entries = fs::read_dir(target).map_err(io_error(target))?;
                let empty = entries.next().is_none();
                let marked = fs::symlink_metadata(target.join(MARKER)).is_ok_and(|m| m.is_file());
                if !empty && !marked {
                    return Err(OutputError::NotASite(target.to_path_buf()));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(target)(e)),
        }
        let absolute = real_path(target).map_err(io_error(target))?;
        let root = fs::canonicalize(register_root).map_err(io_error(register_root))?;
        if root.starts_with(&absolute) {
            return Err(OutputError::HoldsRegister(target.to_path_buf()));
        }
        if let Ok(rel) = absolute.strip_prefix(&root) {
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            if crate::register::is_own_path(&rel) || rel.split('/').next() == Some(".git") {
                return Err(OutputError::InsideRegister {
                    path: target.to_path_buf(),
                    rel,
                });
            }
        }
        let parent = absolute.parent().unwrap_or(Path::new("/")).to_path_buf();
        fs::create_dir_all(&parent).map_err(io_error(&parent))?;
        let name = absolute
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".to_string());
        let staging = fresh(&parent, &name, "new").map_err(io_error(&parent))?;
        Ok(SiteDir {
            target: absolute,
            staging,
            written: AtomicU64::new(0),
            finished: false,
        })
    }

    /// Where the site will be once finished.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Creates the file at `rel` (a `/`-separated path inside the site) with `bytes`.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let total = self
            .written
            .fetch_add(bytes.len() as u64, Ordering::Relaxed);
        if total + bytes.len() as u64 > MAX_PAGES_BYTES {
            return Err(io::Error::other(format!(
                "the site's pages grew past {} GiB; a template that writes this much is refused",
                MAX_PAGES_BYTES >> 30
            )));
        }
        let mut file = self.create_file(rel)?;
        io::Write::write_all(&mut file, bytes)
    }

    /// Creates the file at `rel` for writing, with its folders; an existing file (or
    /// anything else at the path) is an error, never opened.
    pub fn create_file(&self, rel: &str) -> io::Result<File> {
        let path = self.inside(rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        OpenOptions::new().write(true).create_new(true).open(&path)
    }

    /// `rel` under the staging folder, refusing anything but plain names.
    fn inside(&self, rel: &str) -> io::Result<PathBuf> {
        let path = Path::new(rel);
        let plain = !rel.is_empty()
            && !rel.contains('\0')
            && path.components().all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{rel}` is not a plain path inside the site"),
            ));
        }
        Ok(self.staging.join(path))
    }

    /// Puts the finished site in the target's place.
    pub fn finish(mut self) -> Result<PathBuf, OutputError> {
        let io_error = |source| OutputError::Io {
            path: self.target.clone(),
            source,
        };
        match fs::symlink_metadata(&self.target) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::rename(&self.staging, &self.target).map_err(io_error)?;
            }
            Err(e) => return Err(io_error(e)),
            Ok(m) if m.file_type().is_symlink() => {
                return Err(OutputError::Symlink(self.target.clone()));
            }
            Ok(_) => {
                let old = exchange(&self.staging, &self.target).map_err(io_error)?;
                // The old site is now where the staging folder was (or beside it).
                let _ = fs::remove_dir_all(old);
            }
        }
        self.finished = true;
        Ok(self.target.clone())
    }
}

impl Drop for SiteDir {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Swaps the folders `new` and `target`; returns where the old target now is.
#[cfg(target_os = "linux")]
fn exchange(new: &Path, target: &Path) -> io::Result<PathBuf> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(new.to_path_buf()),
        // A file system without the exchange: two renames.
        Err(_) => two_renames(new, target),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(new: &Path, target: &Path) -> io::Result<PathBuf> {
    two_renames(new, target)
}

fn two_renames(new: &Path, target: &Path) -> io::Result<PathBuf> {
    let parent = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let old = fresh(parent, &name, "old")?;
    fs::remove_dir(&old)?;
    fs::rename(target, &old)?;
    if let Err(e) = fs::rename(new, target) {
        let _ = fs::rename(&old, target);
        return Err(e);
    }
    Ok(old)
}

/// Makes a new, empty folder beside others in `parent`, named after `name`, that no
/// one else can be using.
fn fresh(parent: &Path, name: &str, what: &str) -> io::Result<PathBuf> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    for _ in 0..64 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = parent.join(format!(
            ".{name}.{what}-{}-{nanos}-{n}.tmp",
            std::process::id()
        ));
        match fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free name for a temporary folder"))
}

/// The absolute path `path` names, with every part that exists resolved (symlinks
/// included) and the rest appended as written: where a write would really land.
fn real_path(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        match fs::canonicalize(&existing) {
            Ok(real) => {
                let mut out = real;
                for part in rest.iter().rev() {
                    if part == ".." {
                        out.pop();
                    } else if part != "." {
                        out.push(part);
                    }
                }
                return Ok(out);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let Some(name) = existing.file_name() else {
                    return Err(e);
                };
                rest.push(name.to_os_string());
                if !existing.pop() {
                    return Err(e);
                }
            }
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        let dir = std::env::temp_dir().join(format!("aims-site-test-{}", std::process::id()));
        let register = dir.join("register");
        fs::create_dir_all(&register).expect("mkdir");
        let site = SiteDir::create(&dir.join("out"), &register).expect("a site folder");
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            assert!(site.write(bad, b"x").is_err(), "{bad}");
        }
        site.write("a/b.html", b"x").expect("a page");
        assert!(site.write("a/b.html", b"y").is_err(), "written once");
        let target = site.finish().expect("finished");
        assert_eq!(fs::read(target.join("a/b.html")).expect("read"), b"x");
        let _ = fs::remove_dir_all(&dir);
    }
}
