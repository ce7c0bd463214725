//! `aims policy`: the AI policy and topic policies (clause 5.2, controls A.2.2 to
//! A.2.4): their document, owner, approval, communication and review.

mod add;
mod approve_record;
mod communicate;
mod list;
mod review;
mod set;
mod show;

use anyhow::Result;
use clap::Subcommand;

use super::{Context, Outcome};

/// Add and keep the AI policy and topic policies: approval, communication, review
#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    Add(add::AddArgs),
    Set(set::SetArgs),
    ApproveRecord(approve_record::ApproveRecordArgs),
    Communicate(communicate::CommunicateArgs),
    Review(review::ReviewArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
}

pub fn run(ctx: &Context, command: PolicyCommand) -> Result<Outcome> {
    match command {
        PolicyCommand::Add(args) => add::run(ctx, args),
        PolicyCommand::Set(args) => set::run(ctx, args),
        PolicyCommand::ApproveRecord(args) => approve_record::run(ctx, args),
        PolicyCommand::Communicate(args) => communicate::run(ctx, args),
        PolicyCommand::Review(args) => review::run(ctx, args),
        PolicyCommand::List(args) => list::run(ctx, args),
        PolicyCommand::Show(args) => show::run(ctx, args),
    }
}
