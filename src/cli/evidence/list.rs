//! `aims evidence list`

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::catalog;
use crate::cli::output;
use crate::cli::{Context, Format, Outcome};
use crate::model::Evidence;
use crate::register::evidence::PinState;

/// List every evidence item: who cites it, its date and expiry, and whether its pin
/// holds; then files under `evidence/` that nothing cites
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// One evidence file or URL, with everything that cites it.
#[derive(Debug, Serialize)]
struct EvidenceRow {
    reference: String,
    /// `R-003/T1`, `A.6.2.4`, ...
    cited_by: Vec<String>,
    date: Option<NaiveDate>,
    expires: Option<NaiveDate>,
    expired: bool,
    /// `pinned`, `changed`, `unpinned`, `url`, `missing`, `unusable`.
    pin: PinState,
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs { format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let mut rows: BTreeMap<String, EvidenceRow> = BTreeMap::new();
    for cited in view.evidence() {
        let reference = cited.item.reference().to_string();
        let (date, expires, pin) = match cited.item {
            Evidence::Ref(_) => (None, None, None),
            Evidence::Detailed(d) => (d.date, d.expires, d.sha256.as_deref()),
        };
        let by = match cited.action {
            Some(action) => format!("{}/{action}", cited.entity),
            None => cited.entity.to_string(),
        };
        let row = rows
            .entry(reference.clone())
            .or_insert_with(|| EvidenceRow {
                pin: register.pin_state(&reference, pin),
                reference,
                cited_by: Vec::new(),
                date,
                expires,
                expired: false,
            });
        if !row.cited_by.contains(&by) {
            row.cited_by.push(by);
        }
        row.date = row.date.max(date);
        row.expires = match (row.expires, expires) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        row.expired = row.expires.is_some_and(|e| e < ctx.today);
        // A pinned citation says more than a plain one about the same file.
        if pin.is_some() && row.pin == PinState::Unpinned {
            row.pin = register.pin_state(&row.reference, pin);
        }
    }
    let mut uncited = Vec::new();
    files(&register.root, Path::new("evidence"), &mut uncited);
    uncited.retain(|f| !rows.contains_key(f));
    let mut rows: Vec<EvidenceRow> = rows.into_values().collect();
    for row in &mut rows {
        row.cited_by.sort_by(|a, b| catalog::id_order(a, b));
    }
    rows.extend(uncited.into_iter().map(|reference| EvidenceRow {
        reference,
        cited_by: Vec::new(),
        date: None,
        expires: None,
        expired: false,
        pin: PinState::Unpinned,
    }));
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human if rows.is_empty() => {
            eprintln!(
                "the register cites no evidence; bring some in with `aims evidence add FILE --to ENTITY`"
            );
        }
        Format::Human => {
            let mut table = output::table(&["evidence", "cited by", "date", "expires", "pin"]);
            table.unbroken(&[2, 3]);
            for r in &rows {
                let expires = match (r.expires, r.expired) {
                    (Some(e), true) => format!("{e} expired"),
                    (Some(e), false) => e.to_string(),
                    (None, _) => String::new(),
                };
                let cited = match r.cited_by.is_empty() {
                    true => "not cited".to_string(),
                    false => r.cited_by.join(", "),
                };
                table.add_row([
                    r.reference.clone(),
                    cited,
                    r.date.map(|d| d.to_string()).unwrap_or_default(),
                    expires,
                    r.pin.as_str().to_string(),
                ]);
            }
            output::print_table(&table)?;
            eprintln!(
                "{}",
                output::count(rows.len(), "evidence item", "evidence items")
            );
        }
    }
    Ok(Outcome::Clean)
}

/// Every file under `rel` (relative to `root`), `/`-separated, skipping names that
/// start with `.` and symlinks.
fn files(root: &Path, rel: &Path, out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(root.join(rel)) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with('.') {
            continue;
        }
        let path = rel.join(name);
        match entry.file_type() {
            Ok(t) if t.is_dir() => files(root, &path, out),
            Ok(t) if t.is_file() => out.push(
                path.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/"),
            ),
            _ => {}
        }
    }
}
