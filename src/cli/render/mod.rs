//! Renderers of `aims check` findings, one per output format, each fed the same
//! [`Report`](crate::validate::Report): `human` (a compiler's diagnostics), `json`
//! (the documented contract), `sarif` (code scanning), `junit` (test reports) and
//! `github` (workflow annotations). Each returns text or a value; the command writes it.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

pub use human::Paint;
