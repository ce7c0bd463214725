//! `aims audit`: the internal audit programme (clause 9.2): plan an audit, start it,
//! record its findings, mark it done, and see what the programme covered in the cycle.

mod done;
mod finding;
pub(crate) mod list;
mod plan;
mod programme;
mod show;
mod start;

use anyhow::Result;
use clap::Subcommand;

use super::{Context, Outcome};
use crate::register::Register;
use crate::view::View;

/// Plan internal audits, record their findings, and see the audit programme
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    Plan(plan::PlanArgs),
    Start(start::StartArgs),
    #[command(subcommand)]
    Finding(finding::FindingCommand),
    Done(done::DoneArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Programme(programme::ProgrammeArgs),
}

pub fn run(ctx: &Context, command: AuditCommand) -> Result<Outcome> {
    match command {
        AuditCommand::Plan(args) => plan::run(ctx, args),
        AuditCommand::Start(args) => start::run(ctx, args),
        AuditCommand::Finding(command) => finding::run(ctx, command),
        AuditCommand::Done(args) => done::run(ctx, args),
        AuditCommand::List(args) => list::run(ctx, args),
        AuditCommand::Show(args) => show::run(ctx, args),
        AuditCommand::Programme(args) => programme::run(ctx, args),
    }
}

/// The audit `id`, or an error naming the closest one.
fn find<'v, 'r>(view: &'v View<'r>, id: &str) -> Result<&'v crate::view::AuditView<'r>> {
    view.audit(id).ok_or_else(|| {
        crate::cli::not_found(
            "audit",
            id,
            view.audits.iter().map(|a| a.id()),
            "aims audit list",
        )
    })
}

/// The clauses of ISO/IEC 42001 a scope may name: `6.1.2`, `8`, `9.2`.
fn check_clauses(clauses: &[String]) -> Result<()> {
    for c in clauses {
        if crate::catalog::clause_by_id(c).is_none() {
            return Err(crate::cli::fail(
                format!("`{c}` is not a clause of ISO/IEC 42001 from 4 to 10.2"),
                "name a clause such as `6.1.2`, `8` or `9.2`; `aims catalog clauses` lists them",
            ));
        }
    }
    Ok(())
}

/// The register's audit ids of the year, for the next default id.
fn ids_of_year<'r>(register: &'r Register, prefix: &str) -> Vec<&'r str> {
    register
        .documents
        .iter()
        .filter(|d| d.kind == crate::model::FileKind::Entity(crate::model::Kind::Audit))
        .map(|d| d.stem.as_str())
        .filter(|s| s.starts_with(prefix))
        .collect()
}
