//! Shell completion and man pages, generated from the command-line definitions.
//!
//! Completion is dynamic (clap_complete's `CompleteEnv`): the shell calls `aims` itself
//! with `COMPLETE=<shell>`, so flags, subcommands and fixed values complete as the
//! definitions say, and the values that come from the register (risk, system, control
//! and other ids, roles, categories, Annex C sources, git revisions for `--at`)
//! complete from the register found the way every command finds it (`-C DIR` on the
//! line being completed, else the current directory). Ids are read from the file
//! names in the entity folders, without parsing any file, so completing stays quick
//! on a register of thousands of files; anything that cannot be read completes to
//! nothing rather than failing.
//!
//! Which arguments complete what is decided by the [`SOURCES`] table, by argument
//! name, so a command added later completes its ids by naming its arguments the same
//! way.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::{Arg, Args, Command, CommandFactory};
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use clap_complete::env::Shells;
use clap_complete::{CompleteEnv, Shell};

use super::{Cli, Context, Outcome, output};
use crate::catalog;
use crate::model::Kind;
use crate::register;
use crate::trail;

/// The environment variable a shell sets to ask `aims` for completions.
pub const VAR: &str = "COMPLETE";

/// Print the shell setup that completes commands, flags and the register's ids
///
/// Add one line to your shell's start-up file. bash, in ~/.bashrc:
/// `source <(aims completions bash)`
///
/// zsh, in ~/.zshrc: `source <(aims completions zsh)`
///
/// fish, in ~/.config/fish/config.fish: `aims completions fish | source`
///
/// PowerShell, in $PROFILE: `aims completions powershell | Out-String | Invoke-Expression`
///
/// The shell then asks aims itself (`COMPLETE=bash aims ...`) at every TAB, so the ids
/// of risks, systems, controls, roles and the rest complete from the register.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Write the man pages: aims(1) and one page per command (aims-risk-show(1), ...)
///
/// With --dir, every page is written into DIR as `aims.1`, `aims-risk.1`,
/// `aims-risk-show.1` and so on (for example `aims man --dir ~/.local/share/man/man1`);
/// without it, aims(1) alone is printed.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write every page into DIR instead of printing aims(1)
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Answers a completion request and exits, when the shell made one (`COMPLETE` is
/// set); otherwise returns and the command line is parsed as usual.
pub fn complete_if_asked() {
    CompleteEnv::with_factory(command).var(VAR).complete();
}

/// The command definitions with the register's values attached to the arguments
/// that take them.
pub fn command() -> Command {
    attach(Cli::command(), &[])
}

fn attach(mut command: Command, path: &[&str]) -> Command {
    let here: Vec<String> = path
        .iter()
        .map(|s| s.to_string())
        .chain([command.get_name().to_string()])
        .collect();
    // `mut_arg` moves an argument to the end, which would reorder positionals: pin
    // each to the place it has.
    let positionals: Vec<String> = command
        .get_positionals()
        .map(|a| a.get_id().to_string())
        .collect();
    for (i, id) in positionals.iter().enumerate() {
        command = command.mut_arg(id.as_str(), |a| a.index(i + 1));
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let positional = command
            .get_arguments()
            .find(|a| a.get_id() == id.as_str())
            .is_some_and(Arg::is_positional);
        if let Some(source) = source_for(&id, positional, &here) {
            command = command.mut_arg(id.as_str(), |a| {
                a.add(ArgValueCandidates::new(move || candidates(source)))
            });
        }
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    let path: Vec<&str> = here.iter().map(String::as_str).collect();
    for name in names {
        command = command.mut_subcommand(name.as_str(), |sub| attach(sub, &path));
    }
    command
}

/// What an argument's values are drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Entities(Kind),
    /// Every entity id, and `aims` for aims.yaml (`aims log`, `aims approve`).
    AnyEntity,
    Controls,
    Roles,
    Categories,
    RiskSources,
    /// Annex C organisational objectives (C.2.1 ...).
    AnnexCObjectives,
    /// Clauses 4.1 to 10.2.
    Clauses,
    Revisions,
}

/// Options completed from the register, by argument name (the field name of the
/// command's Args struct).
const SOURCES: &[(&str, Source)] = &[
    ("system", Source::Entities(Kind::System)),
    ("systems", Source::Entities(Kind::System)),
    ("risk", Source::Entities(Kind::Risk)),
    ("risks", Source::Entities(Kind::Risk)),
    ("impact", Source::Entities(Kind::Impact)),
    ("incident", Source::Entities(Kind::Incident)),
    ("incidents", Source::Entities(Kind::Incident)),
    ("control", Source::Controls),
    ("controls", Source::Controls),
    ("owner", Source::Roles),
    ("assessor", Source::Roles),
    ("reporter", Source::Roles),
    ("approver", Source::Roles),
    ("role", Source::Roles),
    ("as", Source::Roles),
    ("category", Source::Categories),
    ("by", Source::Roles),
    ("source", Source::RiskSources),
    ("sources", Source::RiskSources),
    ("add_systems", Source::Entities(Kind::System)),
    ("policy", Source::Entities(Kind::Policy)),
    ("objective", Source::Entities(Kind::Objective)),
    ("monitor", Source::Entities(Kind::Monitor)),
    ("annex_c", Source::AnnexCObjectives),
    ("add_annex_c", Source::AnnexCObjectives),
    ("at", Source::Revisions),
];

/// The source of an argument's values: a positional `id`/`ids` names an entity of
/// the kind its command group is called after (`aims risk show ID`); other
/// arguments go by the table.
fn source_for(arg: &str, positional: bool, path: &[String]) -> Option<Source> {
    if positional && matches!(arg, "id" | "ids") {
        if path.iter().any(|c| c == "add") {
            return None;
        }
        if path.iter().any(|c| c == "log" || c == "approve") {
            return Some(Source::AnyEntity);
        }
        if path.iter().any(|c| c == "role") {
            return Some(Source::Roles);
        }
        return path.iter().rev().find_map(|c| {
            Kind::ALL
                .iter()
                .copied()
                .find(|k| kind_name(*k) == *c)
                .map(|k| match k {
                    Kind::Control => Source::Controls,
                    Kind::Clause => Source::Clauses,
                    k => Source::Entities(k),
                })
        });
    }
    if positional {
        return None;
    }
    SOURCES
        .iter()
        .find(|(name, _)| *name == arg)
        .map(|(_, source)| *source)
}

/// The kind's name as commands and JSON spell it (`risk`, `system`).
fn kind_name(kind: Kind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn candidates(source: Source) -> Vec<CompletionCandidate> {
    let root = register_root();
    let plain = |ids: Vec<String>| ids.into_iter().map(CompletionCandidate::new).collect();
    match source {
        Source::Entities(kind) => plain(root.map(|r| entity_ids(&r, kind)).unwrap_or_default()),
        Source::AnyEntity => {
            let mut ids = vec!["aims".to_string()];
            if let Some(root) = &root {
                for kind in Kind::ALL {
                    ids.extend(entity_ids(root, *kind));
                }
            }
            plain(ids)
        }
        Source::Controls => {
            let mut all: Vec<CompletionCandidate> = catalog::CONTROLS
                .iter()
                .map(|c| CompletionCandidate::new(c.id).help(Some(c.title.into())))
                .collect();
            if let Some(root) = &root {
                all.extend(
                    entity_ids(root, Kind::Control)
                        .into_iter()
                        .filter(|id| catalog::control(id).is_none())
                        .map(CompletionCandidate::new),
                );
            }
            all
        }
        Source::Roles => root
            .map(|r| {
                config_ids(&r, "roles", "name")
                    .into_iter()
                    .map(|(id, name)| CompletionCandidate::new(id).help(name.map(Into::into)))
                    .collect()
            })
            .unwrap_or_default(),
        Source::Categories => {
            let mut all: Vec<CompletionCandidate> = catalog::CATEGORIES
                .iter()
                .map(|c| CompletionCandidate::new(c.id).help(Some(c.title.into())))
                .collect();
            if let Some(root) = &root {
                all.extend(
                    config_ids(root, "categories", "title")
                        .into_iter()
                        .map(|(id, t)| CompletionCandidate::new(id).help(t.map(Into::into))),
                );
            }
            all
        }
        Source::RiskSources => catalog::RISK_SOURCES
            .iter()
            .map(|s| CompletionCandidate::new(s.id).help(Some(s.title.into())))
            .collect(),
        Source::AnnexCObjectives => catalog::ANNEX_C_OBJECTIVES
            .iter()
            .map(|s| CompletionCandidate::new(s.id).help(Some(s.title.into())))
            .collect(),
        Source::Clauses => catalog::CLAUSES
            .iter()
            .map(|c| CompletionCandidate::new(c.id).help(Some(c.title.into())))
            .collect(),
        Source::Revisions => plain(root.map(|r| trail::revision_names(&r)).unwrap_or_default()),
    }
}

/// The register the line being completed is about: found from its `-C DIR` (or
/// `--register DIR`) when it has one, else from the current directory.
fn register_root() -> Option<PathBuf> {
    // The shell passes the words of its line after `--`.
    let words: Vec<OsString> = std::env::args_os()
        .skip_while(|a| a != "--")
        .skip(2)
        .collect();
    let mut start = None;
    let mut words = words.iter();
    while let Some(word) = words.next() {
        let word = word.to_string_lossy();
        if word == "-C" || word == "--register" {
            start = words.next().map(PathBuf::from);
        } else if let Some(dir) = word.strip_prefix("--register=") {
            start = Some(PathBuf::from(dir));
        } else if let Some(dir) = word.strip_prefix("-C").filter(|d| !d.is_empty()) {
            start = Some(PathBuf::from(dir));
        }
    }
    let start = match start {
        Some(dir) => dir,
        None => std::env::current_dir().ok()?,
    };
    register::discover(&start).ok()
}

/// The ids of a kind's entities: the stems of `<id>.yaml` and `<id>.yml` files in its
/// folder, sorted.
fn entity_ids(root: &Path, kind: Kind) -> Vec<String> {
    let Ok(entries) = fs::read_dir(root.join(kind.folder())) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let stem = name
                .strip_suffix(".yaml")
                .or_else(|| name.strip_suffix(".yml"))?;
            (!stem.starts_with('.')).then(|| stem.to_string())
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The `id` (and one descriptive field) of each item of a list in `aims.yaml`.
fn config_ids(root: &Path, list: &str, label: &str) -> Vec<(String, Option<String>)> {
    let Ok(text) = fs::read_to_string(root.join(register::CONFIG_FILE)) else {
        return Vec::new();
    };
    let Ok(parsed) = crate::yaml::parse(&text) else {
        return Vec::new();
    };
    parsed.value[list]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| {
                    let id = item["id"].as_str()?.to_string();
                    Some((id, item[label].as_str().map(str::to_string)))
                })
                .collect()
        })
        .unwrap_or_default()
}

pub fn completions(_ctx: &Context, args: CompletionsArgs) -> Result<Outcome> {
    let CompletionsArgs { shell } = args;
    let name = shell.to_string();
    let shells = Shells::builtins();
    let completer = shells
        .completer(&name)
        .with_context(|| format!("no completion for `{name}`"))?;
    // The shell calls this same binary at every TAB.
    let bin = std::env::current_exe()
        .ok()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|| "aims".to_string());
    let mut script = Vec::new();
    completer.write_registration(VAR, "aims", "aims", &bin, &mut script)?;
    io::stdout().lock().write_all(&script)?;
    Ok(Outcome::Clean)
}

pub fn man(_ctx: &Context, args: ManArgs) -> Result<Outcome> {
    let ManArgs { dir } = args;
    let pages = super::man::pages(Cli::command())?;
    match dir {
        None => {
            let (_, page) = pages.into_iter().next().expect("aims(1) comes first");
            io::stdout().lock().write_all(&page)?;
        }
        Some(dir) => {
            fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create `{}`", dir.display()))?;
            for (name, page) in &pages {
                let path = dir.join(format!("{name}.1"));
                fs::write(&path, page)
                    .with_context(|| format!("cannot write `{}`", path.display()))?;
            }
            output::note(format_args!(
                "wrote {} man pages into `{}`",
                pages.len(),
                dir.display()
            ));
        }
    }
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command's positionals, in the order they are parsed, by command path.
    fn positionals(command: &Command, path: String, out: &mut Vec<(String, Vec<String>)>) {
        let mut order: Vec<(usize, String)> = command
            .get_positionals()
            .map(|a| (a.get_index().unwrap_or(0), a.get_id().to_string()))
            .collect();
        order.sort();
        out.push((path.clone(), order.into_iter().map(|(_, id)| id).collect()));
        for sub in command.get_subcommands() {
            positionals(sub, format!("{path} {}", sub.get_name()), out);
        }
    }

    #[test]
    fn attaching_completions_keeps_every_positional_in_its_place() {
        let (mut plain, mut completing) = (Cli::command(), command());
        plain.build();
        completing.build();
        let (mut before, mut after) = (Vec::new(), Vec::new());
        positionals(&plain, "aims".into(), &mut before);
        positionals(&completing, "aims".into(), &mut after);
        assert_eq!(before, after);
    }

    #[test]
    fn ids_take_the_kind_of_their_command() {
        let path = |p: &str| p.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(
            source_for("id", true, &path("aims risk show")),
            Some(Source::Entities(Kind::Risk))
        );
        assert_eq!(source_for("id", true, &path("aims risk add")), None);
        assert_eq!(
            source_for("id", true, &path("aims control set")),
            Some(Source::Controls)
        );
        assert_eq!(
            source_for("owner", false, &path("aims risk add")),
            Some(Source::Roles)
        );
        assert_eq!(source_for("title", false, &path("aims risk add")), None);
    }
}
