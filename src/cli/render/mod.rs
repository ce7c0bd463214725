//! Renderers of `aims check` findings, one per output format, each fed the same
//! [`Report`](crate::validate::Report): `human` (a compiler's diagnostics), `json`
//! (the documented contract), `sarif` (code scanning), `junit` (test reports) and
//! `github` (workflow annotations). Each returns text or a value; the command writes it.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use std::path::PathBuf;

pub use human::Paint;

/// Where tools that read findings from a repository resolve their paths: code
/// scanning and pull-request annotations know only the repository, so a register in
/// a subfolder (`-C compliance/aims`) has its findings' paths written from the
/// repository root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The folder paths are relative to: the repository's working tree, or the
    /// register root outside git. Absolute.
    pub root: PathBuf,
    /// The register's folder relative to `root`: empty, or `/`-separated and ending
    /// with `/`.
    pub prefix: String,
}

impl Origin {
    /// Paths relative to the register root itself.
    pub fn register(root: PathBuf) -> Origin {
        Origin {
            root,
            prefix: String::new(),
        }
    }

    /// The register at `register_root` inside the repository whose working tree is
    /// `workdir`, `prefix` being the register's folder relative to it.
    pub fn repository(workdir: PathBuf, prefix: &str) -> Origin {
        let prefix = prefix.trim_matches('/');
        Origin {
            root: workdir,
            prefix: if prefix.is_empty() {
                String::new()
            } else {
                format!("{prefix}/")
            },
        }
    }

    /// A finding's file (relative to the register root) relative to [`Origin::root`].
    pub fn path(&self, file: &str) -> String {
        format!("{}{file}", self.prefix)
    }
}
