//! Writing register files without ever leaving a half-written or clobbered file.
//!
//! The new content is written in full to a temporary file in the same folder and
//! synced, then moved into place: linked (which fails if the target exists) for a new
//! file, renamed over the old one for an edit. A crash at any point leaves either
//! the old file or the new one, never a mixture. Temporary files have names no other
//! writer can be using (`.<name>.<pid>-<nanos>-<n>.tmp`, created exclusively), so a
//! leftover from a killed run never makes a write fail; such leftovers are removed by
//! the next command that holds the register's lock ([`remove_stale_temporaries`]).

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The suffix of every temporary file `aims` writes.
const TEMPORARY_SUFFIX: &str = ".tmp";

/// Creates a temporary file beside `path` that no one else is using, with `bytes`
/// written and synced; returns its path.
fn temporary(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for _ in 0..64 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(
            ".{name}.{}-{nanos}-{n}{TEMPORARY_SUFFIX}",
            std::process::id()
        ));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(mut file) => {
                let written = file.write_all(bytes).and_then(|()| file.sync_all());
                if let Err(e) = written {
                    let _ = fs::remove_file(&temp);
                    return Err(e);
                }
                return Ok(temp);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free name for a temporary file"))
}

/// Writes `bytes` to a new file at `path`; fails with `AlreadyExists` if it exists.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = temporary(path, bytes)?;
    let result = fs::hard_link(&temp, path);
    let _ = fs::remove_file(&temp);
    result.and_then(|()| sync_folder(path))
}

/// Replaces the content of the existing file at `path`, keeping its permissions.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let permissions = fs::metadata(path)?.permissions();
    let temp = temporary(path, bytes)?;
    let result = fs::set_permissions(&temp, permissions).and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.and_then(|()| sync_folder(path))
}

/// Writes `bytes` to `path`, creating or replacing it, never leaving it half written.
/// An existing file keeps its permissions.
pub fn atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let permissions = fs::metadata(path).ok().map(|m| m.permissions());
    let temp = temporary(path, bytes)?;
    let result = permissions
        .map_or(Ok(()), |p| fs::set_permissions(&temp, p))
        .and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Makes a rename or link in the folder of `path` durable.
fn sync_folder(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        fs::File::open(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })?
        .sync_all()?;
    }
    Ok(())
}

/// Removes the temporary files a killed `aims` left in `dir`. Only safe while the
/// register's lock is held: no other writer can be using them then.
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.')
            && name.ends_with(TEMPORARY_SUFFIX)
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_new_never_overwrites() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("R-1.yaml");
        write_new(&path, b"first").expect("writes");
        let err = write_new(&path, b"second").expect_err("refuses");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).expect("read"), b"first");
        assert_eq!(
            fs::read_dir(dir.path()).expect("dir").count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn replace_swaps_the_content_whole() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("R-1.yaml");
        fs::write(&path, "old").expect("write");
        replace(&path, b"new").expect("replaces");
        assert_eq!(fs::read(&path).expect("read"), b"new");
        assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 1);
        assert!(replace(&dir.path().join("missing.yaml"), b"x").is_err());
    }

    #[test]
    fn a_leftover_temporary_file_never_blocks_a_write() {
        let dir = tempfile::tempdir().expect("dir");
        // What a killed run with this process's id would have left.
        let leftover = dir
            .path()
            .join(format!(".R-020.yaml.{}.tmp", std::process::id()));
        fs::write(&leftover, "half").expect("write");
        write_new(&dir.path().join("R-020.yaml"), b"new").expect("writes");
        assert_eq!(
            fs::read(dir.path().join("R-020.yaml")).expect("read"),
            b"new"
        );
        remove_stale_temporaries(dir.path());
        assert!(!leftover.exists());
        assert!(dir.path().join("R-020.yaml").exists());
    }

    #[cfg(unix)]
    #[test]
    fn an_existing_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("report.html");
        fs::write(&path, "old").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod");
        atomic(&path, b"new").expect("writes");
        let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
