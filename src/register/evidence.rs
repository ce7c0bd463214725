//! Evidence files: where a cited path leads, and what its bytes hash to.
//!
//! Evidence may be a URL or a path relative to the register root. A path must stay
//! inside the register: absolute paths, `..` climbing above the root, and symlinks
//! leading out are refused. Hashes are SHA-256 of the file's bytes, streamed so that
//! large evidence (scans, exports) costs no memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Component, Path};

use sha2::{Digest, Sha256};

use super::Register;

/// What an evidence reference points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceTarget {
    /// An `http(s)://` URL; not checked.
    Url,
    /// A file inside the register.
    File,
    /// Nothing exists at the path.
    Missing,
    /// Something may exist there, but it cannot be looked at; the reason.
    Unreadable(String),
    /// Absolute, escaping the root with `..`, or a symlink leading out; the reason.
    Outside(String),
}

impl Register {
    /// Where the evidence reference `reference` leads.
    pub fn evidence_target(&self, reference: &str) -> EvidenceTarget {
        if reference.starts_with("https://") || reference.starts_with("http://") {
            return EvidenceTarget::Url;
        }
        let path = Path::new(reference);
        let windows_drive = reference.as_bytes().get(1) == Some(&b':');
        if path.is_absolute() || reference.starts_with('\\') || windows_drive {
            return EvidenceTarget::Outside("it is an absolute path".to_string());
        }
        let mut depth = 0i32;
        for component in path.components() {
            match component {
                Component::ParentDir => depth -= 1,
                Component::Normal(_) => depth += 1,
                _ => {}
            }
            if depth < 0 {
                return EvidenceTarget::Outside("`..` leads out of the register".to_string());
            }
        }
        if let super::Source::Snapshot { files, .. } = &self.source {
            return match files.contains_key(&normalise(path)) {
                true => EvidenceTarget::File,
                false => EvidenceTarget::Missing,
            };
        }
        let full = self.root.join(path);
        match (
            std::fs::canonicalize(&full),
            std::fs::canonicalize(&self.root),
        ) {
            (Ok(target), Ok(root)) if !target.starts_with(&root) => {
                EvidenceTarget::Outside(format!(
                    "it is a symlink to `{}`, outside the register",
                    target.display()
                ))
            }
            (Ok(_), _) if full.is_file() => EvidenceTarget::File,
            (Ok(_), _) => EvidenceTarget::Missing,
            (Err(e), _) if e.kind() == std::io::ErrorKind::NotFound => EvidenceTarget::Missing,
            (Err(e), _) => EvidenceTarget::Unreadable(e.to_string()),
        }
    }

    /// Lower-case hex SHA-256 of an evidence file inside the register.
    pub fn evidence_sha256(&self, reference: &str) -> io::Result<String> {
        let mut hasher = Sha256::new();
        let mut file = self.open_evidence(reference)?;
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let read = file.read(&mut buffer)?;
            if read == 0 {
                break;
            }
            hasher.update(&buffer[..read]);
        }
        Ok(hex(&hasher.finalize()))
    }

    /// The bytes of an evidence file inside the register, to read once: from the
    /// commit for a register read at a revision, otherwise from the file the path
    /// leads to, which must be a regular file inside the register (a symlink may lead
    /// to another file of the register, never out of it).
    pub fn open_evidence(&self, reference: &str) -> io::Result<Box<dyn Read + Send + '_>> {
        if let super::Source::Snapshot { files, .. } = &self.source {
            let bytes = files
                .get(&normalise(Path::new(reference)))
                .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not in the commit"))?;
            return Ok(Box::new(bytes.as_slice()));
        }
        match self.evidence_target(reference) {
            EvidenceTarget::File => {}
            EvidenceTarget::Outside(why) => {
                return Err(io::Error::new(io::ErrorKind::PermissionDenied, why));
            }
            _ => return Err(io::Error::new(io::ErrorKind::NotFound, "no such file")),
        }
        let root = std::fs::canonicalize(&self.root)?;
        let target = std::fs::canonicalize(self.root.join(reference))?;
        if !target.starts_with(&root) {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "it leads out of the register",
            ));
        }
        let file = File::open(&target)?;
        if !file.metadata()?.is_file() {
            return Err(io::Error::other("it is not a regular file"));
        }
        Ok(Box::new(file))
    }
}

/// An evidence path as the site and a commit name it: relative, `/`-separated, with
/// `.` and `..` resolved.
pub fn normalised(reference: &str) -> String {
    normalise(Path::new(reference))
}

/// Where an evidence item stands against its file: what `aims evidence list` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PinState {
    /// The file's SHA-256 is the pinned one.
    Pinned,
    /// The file's SHA-256 differs from the pin.
    Changed,
    /// A file in the register, not pinned.
    Unpinned,
    /// A URL: not fetched, not pinned.
    Url,
    /// No file at the path.
    Missing,
    /// Outside the register, or unreadable.
    Unusable,
}

impl PinState {
    pub fn as_str(self) -> &'static str {
        match self {
            PinState::Pinned => "pinned",
            PinState::Changed => "changed",
            PinState::Unpinned => "unpinned",
            PinState::Url => "url",
            PinState::Missing => "missing",
            PinState::Unusable => "unusable",
        }
    }
}

impl Register {
    /// How the evidence at `reference` stands against `pin`.
    pub fn pin_state(&self, reference: &str, pin: Option<&str>) -> PinState {
        match (self.evidence_target(reference), pin) {
            (EvidenceTarget::Url, _) => PinState::Url,
            (EvidenceTarget::Missing, _) => PinState::Missing,
            (EvidenceTarget::Outside(_) | EvidenceTarget::Unreadable(_), _) => PinState::Unusable,
            (EvidenceTarget::File, None) => PinState::Unpinned,
            (EvidenceTarget::File, Some(pin)) => match self.evidence_sha256(reference) {
                Ok(actual) if actual == pin => PinState::Pinned,
                Ok(_) => PinState::Changed,
                Err(_) => PinState::Unusable,
            },
        }
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A relative path with `.` and `..` resolved lexically, `/`-separated (as paths in
/// a commit are).
fn normalise(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}
