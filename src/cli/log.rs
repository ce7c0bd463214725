//! `aims log`: an entity's history and approvals.

use std::io::{self, Write};

use anyhow::{Result, bail};
use clap::Args;
use serde::Serialize;

use super::output::{self, Paint, safe};
use super::{Context, Format, Outcome};
use crate::model::FileKind;
use crate::trail::approvals::Verification;
use crate::trail::status::date;
use crate::trail::{Trail, approvals, cache, log};

/// Show every commit that changed an entity (following renames), what changed in it,
/// and who approved which version
#[derive(Debug, Args)]
pub struct LogArgs {
    /// The entity
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
struct LogEntryLine {
    commit: String,
    date: String,
    author: String,
    summary: String,
    file: String,
    changes: Vec<String>,
    approvals: Vec<LogApproval>,
}

#[derive(Debug, Serialize)]
struct LogApproval {
    by: String,
    role: String,
    self_approval: bool,
    /// `signed`, `identity`, `on-behalf` or `bad-signature`.
    verification: Verification,
    /// Whether it counts under the register's `approvals.require`.
    counts: bool,
    detail: String,
}

#[derive(Debug, Serialize)]
struct EntityLog {
    id: String,
    files: Vec<String>,
    history_truncated: bool,
    commits: Vec<LogEntryLine>,
}

pub fn run(ctx: &Context, args: LogArgs) -> Result<Outcome> {
    let LogArgs { id, format } = args;
    ctx.refuse_at("log")?;
    let register = ctx.open_register(None)?;
    let require = register
        .config
        .as_ref()
        .map(|c| c.value.approvals.require)
        .unwrap_or_default();
    let docs: Vec<_> = register
        .documents
        .iter()
        .filter(|d| {
            if let Some(root) = FileKind::root_named(&id) {
                d.kind == root
            } else {
                d.kind.entity().is_some() && d.stem == id
            }
        })
        .collect();
    let path = match docs.as_slice() {
        [doc] => doc.path.clone(),
        [] => bail!("no entity `{id}` in the register"),
        many => bail!(
            "`{id}` names several entities: {}",
            many.iter()
                .map(|d| d.path.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let trail = Trail::open(&register.root)?;
    let commits = trail.commits()?;
    let changed = cache::changes_with(
        &trail,
        &commits,
        &super::progress::Bar::new(format == Format::Json),
    );
    let (_, paths) = log::file_log(&trail, &commits, &changed, &path);
    let (changed, rebuilt) = cache::checked(&trail, &commits, changed, &paths);
    if rebuilt {
        eprintln!(
            "warning: the record of what each commit changed (in the git folder's aims/) did not match the repository; it was rebuilt"
        );
    }
    let (entries, paths) = log::file_log(&trail, &commits, &changed, &path);
    // Only commits that changed this entity, or name it, can have approved it.
    let changed: std::collections::HashSet<git2::Oid> = entries.iter().map(|e| e.commit).collect();
    let approvals = approvals::approvals_in(&trail, &commits, |c| {
        changed.contains(&c.id) || c.trailers.approves.contains(&id)
    });
    let approved = log::entity_approvals(&approvals, &paths);
    let report = EntityLog {
        id,
        files: paths,
        history_truncated: approvals.truncated,
        commits: entries
            .into_iter()
            .map(|e| LogEntryLine {
                approvals: approved
                    .iter()
                    .filter(|a| a.commit == e.commit)
                    .map(|a| LogApproval {
                        by: a.by.display(),
                        role: a.role.clone(),
                        self_approval: a.self_approval,
                        verification: a.verification,
                        counts: a.verification.counts(require),
                        detail: a.detail.clone(),
                    })
                    .collect(),
                commit: e.commit.to_string(),
                date: date(e.time),
                author: e.author,
                summary: e.summary,
                file: e.path,
                changes: e.changes,
            })
            .collect(),
    };
    // LogApproval-only commits change no file; show them in the history too.
    let mut report = report;
    for a in &approved {
        if !report
            .commits
            .iter()
            .any(|c| c.commit == a.commit.to_string())
            && let Some(c) = commits.iter().find(|c| c.id == a.commit)
        {
            report.commits.push(LogEntryLine {
                commit: c.id.to_string(),
                date: date(c.time),
                author: c.author.display(),
                summary: c.summary.clone(),
                file: a.path.clone(),
                changes: Vec::new(),
                approvals: approved
                    .iter()
                    .filter(|x| x.commit == c.id)
                    .map(|x| LogApproval {
                        by: x.by.display(),
                        role: x.role.clone(),
                        self_approval: x.self_approval,
                        verification: x.verification,
                        counts: x.verification.counts(require),
                        detail: x.detail.clone(),
                    })
                    .collect(),
            });
        }
    }
    let order: std::collections::HashMap<String, usize> = commits
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.to_string(), i))
        .collect();
    report
        .commits
        .sort_by_key(|c| order.get(&c.commit).copied().unwrap_or(usize::MAX));
    match format {
        Format::Json => output::json(&report)?,
        Format::Human => {
            let paint = Paint { on: ctx.color };
            let mut out = io::stdout().lock();
            if report.history_truncated {
                eprintln!("warning: shallow clone: history before its boundary is not shown");
            }
            for c in &report.commits {
                writeln!(
                    out,
                    "{} {} {}  {}",
                    paint.yellow(&c.commit[..12]),
                    c.date,
                    safe(&c.author),
                    safe(&c.summary)
                )?;
                for change in &c.changes {
                    writeln!(out, "    {}", safe(change))?;
                }
                for a in &c.approvals {
                    let flag = if a.self_approval {
                        paint.red(" (self-approval)")
                    } else {
                        String::new()
                    };
                    let how = if a.counts {
                        a.verification.as_str().to_string()
                    } else {
                        paint.red(&format!(
                            "{}, does not count: {}",
                            a.verification.as_str(),
                            a.detail
                        ))
                    };
                    writeln!(
                        out,
                        "    {} {} ({}), {how}{flag}",
                        paint.bold("approved by"),
                        safe(&a.by),
                        safe(&a.role)
                    )?;
                }
            }
        }
    }
    Ok(Outcome::Clean)
}
