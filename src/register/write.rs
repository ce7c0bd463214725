//! Writing register files without ever leaving a half-written or clobbered file.
//!
//! The new content is written in full to a temporary file in the same folder and
//! synced, then moved into place: linked (which fails if the target exists) for a new
//! file, renamed over the old one for an edit. A crash at any point leaves either
//! the old file or the new one, never a mixture.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

fn temporary(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

fn write_temporary(temp: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(temp)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Writes `bytes` to a new file at `path`; fails with `AlreadyExists` if it exists.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = temporary(path);
    let result = write_temporary(&temp, bytes).and_then(|()| fs::hard_link(&temp, path));
    let _ = fs::remove_file(&temp);
    result
}

/// Replaces the content of the existing file at `path`, keeping its permissions.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let permissions = fs::metadata(path)?.permissions();
    let temp = temporary(path);
    let result = write_temporary(&temp, bytes)
        .and_then(|()| fs::set_permissions(&temp, permissions))
        .and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Writes `bytes` to `path`, creating or replacing it, never leaving it half written.
pub fn atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = temporary(path);
    let result = write_temporary(&temp, bytes).and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
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
}
