//! `aims diff`: what changed between two versions of the register.

use std::io::{self, Write};

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::context::history_view;
use super::{Context, Outcome, output};
use crate::compare::{self, Changes};
use crate::register::{self, Register};
use crate::trail;

/// Show what changed between two versions of the register, in its own terms
///
/// `REV1..REV2` compares two revisions (commits, tags, `HEAD~3`, or dates); a single
/// `REV` compares it with the working tree. Markdown output can be pasted into a
/// pull request or a management review (clause 9.3).
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// `REV1..REV2`, or `REV` to compare with the working tree
    #[arg(value_name = "RANGE")]
    pub range: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Md)]
    pub format: DiffFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Md,
    Json,
}

#[derive(Debug, Serialize)]
struct Diff<'c> {
    from: String,
    to: String,
    #[serde(flatten)]
    changes: &'c Changes,
}

pub fn run(ctx: &Context, args: DiffArgs) -> Result<Outcome> {
    let DiffArgs { range, format } = args;
    ctx.refuse_at("diff")?;
    let root = register::discover(&ctx.start)?;
    let read = |rev: &str| -> Result<(Register, String)> {
        let register = trail::register_at(&root, rev)?;
        let short = register
            .revision()
            .map(|r| r.short().to_string())
            .unwrap_or_default();
        Ok((register, short))
    };
    let (old, new, from, to) = match range.split_once("..") {
        Some((a, b)) if !a.is_empty() && !b.is_empty() => {
            let (old, a_id) = read(a)?;
            let (new, b_id) = read(b)?;
            (old, new, format!("{a} ({a_id})"), format!("{b} ({b_id})"))
        }
        Some(_) => bail!("`{range}` is not a range; write REV1..REV2"),
        None => {
            let (old, a_id) = read(&range)?;
            (
                old,
                Register::open(&root)?,
                format!("{range} ({a_id})"),
                "working tree".to_string(),
            )
        }
    };
    // Each version is judged as of its own date, so that an acceptance that expired in
    // between shows as expired; the working tree as of `--today`.
    let as_of = |r: &Register| r.revision().map_or(ctx.today, |rev| rev.date());
    let changes = compare::compare(
        &history_view(&old, as_of(&old)),
        &history_view(&new, as_of(&new)),
    );
    match format {
        DiffFormat::Json => output::json(&Diff {
            from,
            to,
            changes: &changes,
        })?,
        DiffFormat::Md => {
            let current = Register::open(&root)?;
            let overrides = super::report::register_templates(&current)?;
            let text = crate::report::render_diff(&changes, &from, &to, &overrides)?;
            io::stdout().lock().write_all(text.as_bytes())?
        }
    }
    Ok(Outcome::Clean)
}
