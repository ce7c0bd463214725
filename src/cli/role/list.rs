//! `aims role list`

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use crate::cli::output;
use crate::cli::{Context, Format, Outcome};

/// List the roles with who holds them, their authority and competence records
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
struct RoleRow<'r> {
    id: &'r str,
    name: &'r str,
    email: Option<&'r str>,
    approver: bool,
    top_management: bool,
    signing_keys: usize,
    competence: usize,
    competence_expired: usize,
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs { format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let rows: Vec<RoleRow<'_>> = view
        .config()
        .map(|c| c.roles.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|r| RoleRow {
            id: &r.id,
            name: &r.name,
            email: r.email.as_deref(),
            approver: r.approver,
            top_management: r.top_management,
            signing_keys: r.signing_keys.len(),
            competence: r.competence.len(),
            competence_expired: view
                .competence
                .iter()
                .filter(|c| c.role == r.id && c.expired)
                .count(),
        })
        .collect();
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human if rows.is_empty() => output::note(crate::cli::choices::nothing(
            0,
            "role",
            "roles",
            "aims role add ID --name NAME",
        )),
        Format::Human => {
            let mut table = output::table(&[
                "id",
                "name",
                "email",
                "approver",
                "top management",
                "keys",
                "competence",
            ]);
            let yes = |b: bool| if b { "yes" } else { "" }.to_string();
            for r in &rows {
                table.add_row([
                    r.id.to_string(),
                    r.name.to_string(),
                    r.email.unwrap_or("").to_string(),
                    yes(r.approver),
                    yes(r.top_management),
                    r.signing_keys.to_string(),
                    match r.competence_expired {
                        0 => r.competence.to_string(),
                        n => format!("{} ({n} expired)", r.competence),
                    },
                ]);
            }
            output::print_table(&table)?;
        }
    }
    Ok(Outcome::Clean)
}
