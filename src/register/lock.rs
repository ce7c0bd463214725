//! One writer at a time: the register's lock, an advisory lock on `.aims/lock` held by
//! every command that writes, for as long as it reads, decides and writes. Two
//! `aims` editing the same file can then never lose each other's change: the second
//! waits, then reads what the first wrote. Readers take no lock; they never see a
//! half-written file anyway (see `write`).
//!
//! The lock is the operating system's (`flock` on Unix, `LockFileEx` on Windows): it
//! is released when the holder exits, killed or not, so a crash never leaves the
//! register locked. The file names its holder, so a waiting command can say who.

use std::fs::{self, File, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The lock file, relative to the register root.
pub const LOCK_FILE: &str = ".aims/lock";

/// How long a writer waits for another to finish before giving up, unless the
/// command line sets another wait ([`set_wait`]).
pub const WAIT: Duration = Duration::from_secs(5);

/// The wait of this process, in milliseconds.
static WAIT_MS: AtomicU64 = AtomicU64::new(WAIT.as_secs() * 1_000);

/// Sets how long every writer of this process waits for the lock (the command line
/// reads `AIMS_LOCK_WAIT`).
pub fn set_wait(wait: Duration) {
    let ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
    WAIT_MS.store(ms, Ordering::Relaxed);
}

/// How long a writer of this process waits for the lock: [`WAIT`] unless set.
pub fn wait() -> Duration {
    Duration::from_millis(WAIT_MS.load(Ordering::Relaxed))
}

/// The held lock; dropping it releases it.
#[derive(Debug)]
pub struct Lock {
    file: File,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another aims is writing to this register ({holder}); gave up after {:.1} s", waited.as_secs_f64())]
    Busy { holder: String, waited: Duration },
    #[error("cannot lock the register (`{}`)", path.display())]
    Io { path: PathBuf, source: io::Error },
}

impl Lock {
    /// Takes the lock of the register at `root` for `command` (how the holder is named
    /// to others), waiting up to `wait` for another writer to finish.
    pub fn take(root: &Path, command: &str, wait: Duration) -> Result<Lock, LockError> {
        let path = root.join(LOCK_FILE);
        let io_error = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io_error)?;
            // The lock and the journal are the running process's, not the register's:
            // keep them out of git (this file ignores itself too).
            let ignore = dir.join(".gitignore");
            if !ignore.exists() {
                let _ = super::write::write_new(&ignore, b".gitignore\nlock\njournal/\n");
            }
        }
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_error)?;
        let start = Instant::now();
        let mut pause = Duration::from_millis(5);
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(pause.min(wait.saturating_sub(start.elapsed())));
                    pause = (pause * 2).min(Duration::from_millis(100));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(LockError::Busy {
                        holder: holder(&path),
                        waited: start.elapsed(),
                    });
                }
                Err(TryLockError::Error(source)) => return Err(io_error(source)),
            }
        }
        let mut lock = Lock { file };
        // Name the holder for those who wait; the lock itself does not depend on it.
        let _ = lock.name(command);
        Ok(lock)
    }

    fn name(&mut self, command: &str) -> io::Result<()> {
        self.file.set_len(0)?;
        self.file.seek(SeekFrom::Start(0))?;
        writeln!(self.file, "process {}: aims {command}", std::process::id())
    }
}

/// Who holds the lock, as the holder wrote it.
fn holder(path: &Path) -> String {
    let mut text = String::new();
    let _ = File::open(path).and_then(|f| f.take(200).read_to_string(&mut text));
    match text.trim() {
        "" => "its process is not named".to_string(),
        named => named.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_then_names_the_holder() {
        let dir = tempfile::tempdir().expect("dir");
        let first = Lock::take(dir.path(), "risk close R-001", WAIT).expect("free");
        let err = Lock::take(dir.path(), "risk review R-001", Duration::from_millis(50))
            .expect_err("busy");
        let text = err.to_string();
        assert!(text.contains("aims risk close R-001"), "{text}");
        drop(first);
        Lock::take(dir.path(), "risk review R-001", Duration::from_millis(50)).expect("free again");
    }
}
