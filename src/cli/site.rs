//! `aims report site`: the register as a linked static site in a folder
//! (`site::build`), read at the version `--at` names or the working tree, with its
//! history and approvals when it is in git.

use std::path::PathBuf;

use anyhow::{Context as _, Result};

use super::report::{FormatArg, register_templates};
use super::{Context, Outcome, fail};
use crate::report::Inputs;
use crate::site::{self, output::SiteDir};
use crate::trail;
use crate::validate;

/// Where the site goes without `--output`.
const DEFAULT_DIR: &str = "aims-site";

pub fn run(
    ctx: &Context,
    dir: Option<PathBuf>,
    output: Option<PathBuf>,
    format: FormatArg,
    template: Option<PathBuf>,
) -> Result<Outcome> {
    if matches!(format, FormatArg::Csv | FormatArg::Json | FormatArg::Xlsx) {
        return Err(fail(
            "the site is HTML; it has no csv, json or xlsx format",
            "leave out --format, or use `aims report audit --format json` for the data",
        ));
    }
    if template.is_some() {
        return Err(fail(
            "--template replaces one report's template; the site has many",
            "put templates named like the built-in ones under the register's `templates/site/` to replace them",
        ));
    }
    let target = output.unwrap_or_else(|| PathBuf::from(DEFAULT_DIR));
    if target.as_os_str() == "-" {
        return Err(fail(
            "the site is a folder of files; it cannot go to standard output",
            "give a folder with --output DIR",
        ));
    }
    let register = ctx.open_register(dir.as_deref())?;
    let view = ctx.view(&register);
    // Approval states and history as of the version read; none outside git.
    let view = match trail::status::entity_states(&register) {
        Ok(states) => view.with_approvals(states),
        Err(_) => view,
    };
    let timeline = match trail::timeline::timeline(&register) {
        Ok(timeline) => Some(timeline),
        Err(trail::TrailError::NotARepository(_) | trail::TrailError::NoCommits) => None,
        Err(e) => return Err(e).context("cannot read the register's history"),
    };
    if timeline.as_ref().is_some_and(|t| t.rebuilt) {
        eprintln!(
            "warning: the record of what each commit changed (in the git folder's aims/) did not match the repository; it was rebuilt"
        );
    }
    let check = validate::check(&view);
    let inputs = Inputs {
        view: &view,
        check: &check,
        source: trail::provenance(&register),
        generator: format!("aims {}", env!("CARGO_PKG_VERSION")),
    };
    let overrides = register_templates(&register)?;
    let out = SiteDir::create(&target, &register.root)?;
    let summary = site::build(
        &site::Inputs {
            report: &inputs,
            timeline: timeline.as_ref(),
            at: ctx.at.as_deref(),
        },
        &overrides,
        &out,
    )?;
    let written = out.finish()?;
    for (reference, why) in &summary.unreadable {
        eprintln!(
            "warning: evidence `{}` was not copied: {}",
            super::output::safe(reference),
            super::output::safe(why)
        );
    }
    eprintln!(
        "wrote {} pages and {} evidence file{} to `{}`; open `{}`",
        summary.pages,
        summary.files,
        if summary.files == 1 { "" } else { "s" },
        super::output::safe(&written.display().to_string()),
        super::output::safe(&written.join("index.html").display().to_string()),
    );
    Ok(Outcome::Clean)
}
