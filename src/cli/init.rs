//! `aims init`: create a new register.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::{Context, Outcome};
use crate::scaffold::{self, Preset, Starter};

/// Create a register: aims.yaml with risk criteria and guidance, and the entity folders
///
/// Refuses to touch a folder that already holds an aims.yaml.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the register (default: the current directory, or -C DIR)
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Likelihood x consequence scale of the risk criteria
    #[arg(long, value_enum, default_value_t = PresetArg::FiveByFive)]
    pub preset: PresetArg,

    /// The organisation's name (default: the folder's name)
    #[arg(long, value_name = "NAME")]
    pub organisation: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PresetArg {
    /// Three likelihood and three consequence levels
    #[value(name = "3x3")]
    ThreeByThree,
    /// Four by four
    #[value(name = "4x4")]
    FourByFour,
    /// Five by five, the most common
    #[value(name = "5x5")]
    FiveByFive,
}

impl From<PresetArg> for Preset {
    fn from(p: PresetArg) -> Preset {
        match p {
            PresetArg::ThreeByThree => Preset::ThreeByThree,
            PresetArg::FourByFour => Preset::FourByFour,
            PresetArg::FiveByFive => Preset::FiveByFive,
        }
    }
}

pub fn run(ctx: &Context, args: InitArgs) -> Result<Outcome> {
    let InitArgs {
        dir,
        preset,
        organisation,
    } = args;
    let dir = dir.unwrap_or_else(|| ctx.start.clone());
    let dir = std::path::absolute(&dir)?;
    let organisation = organisation.unwrap_or_else(|| {
        dir.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "My organisation".to_string())
    });
    let (lead_name, lead_email) = git_identity(&dir);
    let starter = Starter {
        organisation,
        preset: preset.into(),
        lead_name,
        lead_email,
    };
    let created = scaffold::create(&dir, &starter)?;

    let mut out = io::stdout().lock();
    writeln!(
        out,
        "created a register for {} in {}",
        super::output::safe(&starter.organisation),
        dir.display()
    )?;
    for path in &created {
        writeln!(out, "  {path}")?;
    }
    writeln!(out)?;
    writeln!(out, "next steps:")?;
    for step in [
        "  1. state the AIMS scope: `aims context scope --statement TEXT`",
        "  2. add the roles and say who may approve: `aims role add ID --name NAME --email EMAIL [--approver]`",
        "  3. record the Statement of Applicability: `aims control review` walks each Annex A control in turn; `aims control set ID... --applicable yes|no --justification TEXT` decides several at once",
        "  4. add your AI systems, their risks and impact assessments: `aims system add`, `aims risk add`, `aims impact add`",
        "  5. run `aims check`; until step 3 is done it reports the SoA as incomplete",
    ] {
        writeln!(out, "{step}")?;
    }
    if git2::Repository::discover(&dir).is_err() {
        writeln!(
            out,
            "  6. put the register under version control: `git init` and commit"
        )?;
    }
    Ok(Outcome::Clean)
}

/// The user's name and email as git resolves them for the folder (the repository's
/// configuration first, then global), to fill in the first role.
fn git_identity(dir: &std::path::Path) -> (Option<String>, Option<String>) {
    // The folder may not exist yet: resolve from the nearest one that does.
    let existing = dir.ancestors().find(|d| d.is_dir()).unwrap_or(dir);
    let env = |name: &str| std::env::var(name).ok();
    match crate::trail::identity::identities(existing, &env) {
        Ok(ids) => (
            ids.author.name.map(|s| s.value),
            ids.author.email.map(|s| s.value),
        ),
        Err(_) => (None, None),
    }
}
