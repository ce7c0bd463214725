//! The evidence index: every evidence item the register cites, grouped by what it
//! cites, with who cites it, its dates and pin, and for a file in the register the
//! copy the site carries, its SHA-256 and whether that still matches each pin.
//!
//! Citations come from the read model (`View::evidence`), files from the register
//! (`Register::open_evidence`, which reads only regular files inside the register, or
//! the commit's files for `--at`). A file is hashed as it is copied, from the same
//! bytes, so the hash the index shows is the hash of the file the site links to.
//! Files a browser would run as a page or a script (HTML, SVG, XML, JavaScript) are
//! copied with `.txt` added to their name, so that no static host serves register
//! content as active content beside the site's pages.

use std::collections::BTreeMap;
use std::io::Read;

use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::{Evidence, FileKind};
use crate::register::evidence::{EvidenceTarget, normalised};
use crate::view::View;

/// The folder of the site the register's evidence files are copied under.
pub const FILES_DIR: &str = "files";

/// Extensions a browser may run as a page or a script when served as they are.
const ACTIVE: &[&str] = &[
    "htm", "html", "xhtml", "xht", "shtml", "svg", "svgz", "xml", "xsl", "xslt", "js", "mjs",
    "cjs", "php", "swf",
];

/// One thing cited as evidence: a file of the register or a URL.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceItem {
    /// As cited.
    pub reference: String,
    /// The anchor of the item on the evidence index.
    pub anchor: String,
    /// `file`, `url`, `missing`, `outside` or `unreadable`.
    pub status: &'static str,
    /// Why a file is missing, outside or unreadable.
    pub why: Option<String>,
    /// Where the copy sits in the site (from its root, not encoded).
    pub copy: Option<String>,
    /// The copy was given a `.txt` name so that it is shown as text.
    pub as_text: bool,
    pub sha256: Option<String>,
    pub bytes: Option<u64>,
    pub citations: Vec<Citation>,
}

/// One place the register cites an item.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    /// The link kind of the citing entity (`risk`, `control`, `role`, ...).
    pub kind: &'static str,
    pub entity: String,
    /// The action, for the evidence of an action.
    pub action: Option<String>,
    pub file: String,
    pub description: Option<String>,
    pub date: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
    pub expired: bool,
    /// The SHA-256 the citation pins, if any.
    pub pin: Option<String>,
    /// Whether the file still matches the pin (`None` without a pin or a file).
    pub matches: Option<bool>,
    /// The citing entity is closed: the evidence is history.
    pub closed: bool,
}

/// Every cited item, by reference.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EvidenceIndex {
    pub items: Vec<EvidenceItem>,
}

impl EvidenceIndex {
    /// The citations of the view, grouped by reference, with where each file would be
    /// copied; nothing is read yet.
    pub fn collect(view: &View<'_>) -> EvidenceIndex {
        let mut items: BTreeMap<String, EvidenceItem> = BTreeMap::new();
        for cited in view.evidence() {
            let reference = cited.item.reference().to_string();
            let document = view.document(cited.doc);
            let (description, date, expires, pin) = match cited.item {
                Evidence::Ref(_) => (None, None, None, None),
                Evidence::Detailed(d) => (
                    d.description.clone(),
                    d.date,
                    d.expires,
                    d.sha256.as_ref().map(|p| p.to_ascii_lowercase()),
                ),
            };
            let item = items.entry(reference.clone()).or_insert_with(|| {
                let (status, why) = match view.register.evidence_target(&reference) {
                    EvidenceTarget::Url => ("url", None),
                    EvidenceTarget::File => ("file", None),
                    EvidenceTarget::Missing => ("missing", None),
                    EvidenceTarget::Unreadable(why) => ("unreadable", Some(why)),
                    EvidenceTarget::Outside(why) => ("outside", Some(why)),
                };
                let (copy, as_text) = if status == "file" {
                    let path = format!("{FILES_DIR}/{}", normalised(&reference));
                    let active = path.rsplit_once('.').is_some_and(|(_, ext)| {
                        ACTIVE.contains(&ext.to_ascii_lowercase().as_str())
                    });
                    if active {
                        (Some(format!("{path}.txt")), true)
                    } else {
                        (Some(path), false)
                    }
                } else {
                    (None, false)
                };
                EvidenceItem {
                    anchor: String::new(),
                    reference: reference.clone(),
                    status,
                    why,
                    copy,
                    as_text,
                    sha256: None,
                    bytes: None,
                    citations: Vec::new(),
                }
            });
            item.citations.push(Citation {
                kind: match document.kind {
                    FileKind::Config => "role",
                    FileKind::Context => "context",
                    FileKind::Entity(kind) => super::kinds::link_kind(kind),
                },
                entity: cited.entity.to_string(),
                action: cited.action.map(str::to_string),
                file: document.path.clone(),
                description,
                date,
                expires,
                expired: expires.is_some_and(|e| e < view.today),
                pin,
                matches: None,
                closed: cited.closed,
            });
        }
        let mut items: Vec<EvidenceItem> = items.into_values().collect();
        for (i, item) in items.iter_mut().enumerate() {
            item.anchor = format!("e{}", i + 1);
        }
        EvidenceIndex { items }
    }

    /// Records what a copied file hashed to, and judges each pin against it.
    pub fn copied(&mut self, index: usize, sha256: String, bytes: u64) {
        let item = &mut self.items[index];
        for c in &mut item.citations {
            c.matches = c.pin.as_ref().map(|pin| *pin == sha256);
        }
        item.sha256 = Some(sha256);
        item.bytes = Some(bytes);
    }

    /// A copy that could not be made: the file is shown as unreadable, with why.
    pub fn failed(&mut self, index: usize, why: String) {
        let item = &mut self.items[index];
        item.status = "unreadable";
        item.why = Some(why);
        item.copy = None;
    }

    /// The item citing `reference`, if any.
    pub fn item(&self, reference: &str) -> Option<&EvidenceItem> {
        self.items
            .binary_search_by(|i| i.reference.as_str().cmp(reference))
            .ok()
            .map(|i| &self.items[i])
    }
}

/// Streams `from` into `to`, hashing the bytes on the way: the SHA-256 (lower-case
/// hex) and the length.
pub fn copy_hashed(
    from: &mut dyn Read,
    to: &mut dyn std::io::Write,
) -> std::io::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let read = match from.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buffer[..read]);
        to.write_all(&buffer[..read])?;
        total += read as u64;
    }
    let hex = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok((hex, total))
}
