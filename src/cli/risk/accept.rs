//! `aims risk accept`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use super::{open, open_risk};
use crate::author::acceptance::{AcceptError, NewAcceptance, may_accept};
use crate::author::{self};
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::{Asker, Choice, refuse_future};
use crate::cli::{Context, Outcome, fail, parse_date};
use crate::edit::Node;
use crate::model::{Kind, TreatmentOption};

/// Record the acceptance of a risk by an approver, with the score accepted, or
/// withdraw it
///
/// Only a risk at or below the acceptance threshold may be accepted. An untreated one
/// is accepted as it stands (its treatment becomes `accept`); a treated one whose
/// assessment has come down to the threshold (`aims risk review`) has its residual
/// risk accepted (the treatment stays as it is). The record keeps the score accepted:
/// if the risk later scores higher, the acceptance no longer holds. `--withdraw`
/// removes the acceptance (and a treatment of `accept` with it), which `aims diff`
/// then shows as withdrawn.
#[derive(Debug, Args)]
pub struct AcceptArgs {
    /// The risk accepted
    pub id: String,
    /// Withdraw the risk's acceptance instead of recording one
    #[arg(long, conflicts_with_all = ["justification", "by", "date", "expires"])]
    pub withdraw: bool,
    /// Why the risk may be accepted
    #[arg(long)]
    pub justification: Option<String>,
    /// The approver accepting it: a role with `approver: true` in aims.yaml
    #[arg(long, value_name = "ROLE")]
    pub by: Option<String>,
    /// Date of the acceptance (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Date after which the acceptance no longer holds
    #[arg(long, value_parser = parse_date)]
    pub expires: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: AcceptArgs) -> Result<Outcome> {
    let AcceptArgs {
        id,
        withdraw,
        justification,
        by,
        date,
        expires,
    } = args;
    let authoring = open(ctx, &id)?;
    let view = authoring.view(ctx);
    let risk = open_risk(&view, &id, "accept")?;
    if withdraw {
        let treatment = risk.risk.treatment.as_ref();
        let Some(treatment) = treatment.filter(|t| t.acceptance.is_some()) else {
            return Err(fail(
                format!("risk `{id}` has no acceptance to withdraw; nothing was written"),
                format!("`aims risk show {id}` shows its treatment"),
            ));
        };
        let pointer = match treatment.option {
            TreatmentOption::Accept => "/treatment",
            _ => "/treatment/acceptance",
        };
        drop(view);
        let written = author::edit(&authoring.register, Kind::Risk, &id, |e| e.remove(pointer))
            .map_err(author_error)?;
        announce(ctx, &authoring, "withdrew the acceptance of", &written)?;
        return Ok(Outcome::Clean);
    }
    let approvers: Vec<Choice> = authoring
        .register
        .config
        .iter()
        .flat_map(|c| c.value.roles.iter())
        .filter(|r| r.approver)
        .map(|r| Choice::new(&r.id, &r.name))
        .collect();
    let mut ask = Asker::from_terminal();
    let justification = ask.text(
        "justification",
        "why the risk may be accepted",
        justification,
    )?;
    let by = match by {
        // Checked by may_accept, which says why a role may not accept.
        Some(by) => by,
        None => ask.choose("by", "approver accepting it", None, &approvers)?,
    };
    let date = ask.past_date("date", "accepted on", date, ctx.today, ctx.today)?;
    let expires = match expires {
        Some(e) => Some(e),
        None => ask
            .optional("expires on (YYYY-MM-DD)", None)?
            .map(|e| parse_date(&e).map_err(anyhow::Error::msg))
            .transpose()?,
    };
    ask.finish()?;
    refuse_future("date", date, ctx.today)?;
    if let Some(expires) = expires
        && expires <= date
    {
        return Err(fail(
            format!("--expires {expires} is not after the acceptance date {date}"),
            "an acceptance holds until its expiry; give a later date, or none",
        ));
    }
    let residual = may_accept(&view, risk, &by).map_err(|e| refusal(&id, e))?;
    let treated = risk.risk.treatment.as_ref().map(|t| t.option);
    drop(view);
    let acceptance = NewAcceptance {
        justification,
        approved_by: by,
        date,
        expires,
        residual,
    };
    let written = author::edit(&authoring.register, Kind::Risk, &id, |e| match treated {
        None => e.set(
            "/treatment",
            &Node::Map(vec![
                ("option".to_string(), Node::text("accept")),
                ("acceptance".to_string(), acceptance.node()),
            ]),
        ),
        Some(_) => e.set("/treatment/acceptance", &acceptance.node()),
    })
    .map_err(author_error)?;
    let verb = match treated {
        Some(option) if option != TreatmentOption::Accept => "accepted the residual risk of",
        _ => "accepted",
    };
    announce(ctx, &authoring, verb, &written)?;
    Ok(Outcome::Clean)
}

/// Why the acceptance was refused, with what to do instead.
fn refusal(id: &str, error: AcceptError) -> anyhow::Error {
    let hint = match &error {
        AcceptError::UnknownRole { approvers, .. }
        | AcceptError::NotAnApprover { approvers, .. } => match approvers.is_empty() {
            true => {
                "no role of aims.yaml has `approver: true`; mark the role that may accept risks"
                    .to_string()
            }
            false => format!(
                "an acceptance is given by an approver: {}",
                approvers
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        AcceptError::AboveThreshold { .. } => format!(
            "treat it (`aims risk treat {id} --option mitigate --rationale TEXT` and `aims risk action add {id} ...`); once its actions are done, reassess it with `aims risk review {id} --likelihood L --consequence C`: what remains at or below the threshold may then be accepted"
        ),
        AcceptError::Unrated { .. } => {
            "fix the risk's assessment or the criteria (`aims check`)".to_string()
        }
        AcceptError::Closed { .. } => {
            "a closed risk is history; there is nothing to accept".to_string()
        }
    };
    fail(format!("{error}; nothing was written"), hint)
}
