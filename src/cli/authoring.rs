//! What every command that writes shares: opening the register for authoring (its
//! `aims.yaml` must load and its criteria be usable), announcing a write with what
//! `aims check` then says about the file, and spelling out why a write was refused.
//!
//! A command that edits given entities reads only what the findings on their files
//! depend on ([`focus`]), and after the write reads those files again rather than the
//! whole register: an edit costs the same on a register of ten thousand risks as on
//! one of ten, and what it prints is what `aims check` says about those files.

use std::io::Write as _;

use anyhow::{Result, bail};

use super::Context;
use super::render::{self, Paint};
use crate::author::{AuthorError, Written};
use crate::criteria::Scoring;
use crate::finding::{Finding, Severity};
use crate::model::{FileKind, Kind};
use crate::register::{self, Register, Scope};
use crate::validate;
use crate::view::{CompiledCriteria, View};

/// A register ready for authoring: its configuration read and its criteria usable.
pub struct Authoring {
    pub register: Register,
    pub scoring: Scoring,
}

impl Context {
    /// Opens the register for commands that write: `aims.yaml` must load cleanly and
    /// its criteria must be consistent, since every entity refers to them. Broken
    /// files of other kinds do not block authoring.
    pub fn open_for_authoring(&self) -> Result<Authoring> {
        self.open_for_authoring_in(Scope::Everything)
    }

    /// [`Context::open_for_authoring`], reading only the files `scope` names (see
    /// [`focus`]).
    pub fn open_for_authoring_in(&self, scope: Scope) -> Result<Authoring> {
        if let Some(rev) = &self.at {
            return Err(super::fail(
                format!(
                    "a command that writes changes the working tree; it does not take --at (given `{rev}`)"
                ),
                "leave out --at to change the register as it is now; `aims --at REV show ...` and `aims --at REV check` read it as it was",
            ));
        }
        let root = register::discover(&self.start)?;
        super::context::recover(&root)?;
        let register = Register::open_scoped(&root, &scope)?;
        let config_problems = || {
            let report = validate::check(&View::new(&register, self.today));
            report
                .findings
                .iter()
                .filter(|f| f.file == register::CONFIG_FILE && f.severity == Severity::Error)
                .map(|f| format!("  {}: {}", f.place(), f.message))
                .collect::<Vec<_>>()
                .join("\n")
        };
        if register.config.is_none() {
            bail!(
                "aims.yaml has errors; fix them before adding or editing entities:\n{}",
                config_problems()
            );
        }
        let Some(scoring) = CompiledCriteria::of(&register).scoring else {
            bail!(
                "the risk criteria in aims.yaml are inconsistent; fix them first:\n{}",
                config_problems()
            );
        };
        Ok(Authoring { register, scoring })
    }
}

impl Authoring {
    /// The read model of the register as opened (before any write).
    pub fn view(&self, ctx: &Context) -> View<'_> {
        ctx.view(&self.register)
    }

    /// The register as it is after a write: what was read of it, with the written
    /// files read again (or for the first time).
    pub fn after(&self, written: &[Written]) -> Result<Register> {
        let mut register = self.register.clone();
        for w in written {
            register.reread(&w.path)?;
        }
        Ok(register)
    }

    /// Reads the written files again and returns what `aims check` says about each.
    fn findings_for(&self, ctx: &Context, written: &[&Written]) -> Result<Vec<Vec<Finding>>> {
        let written: Vec<Written> = written.iter().map(|w| (*w).clone()).collect();
        let register = self.after(&written)?;
        let report = validate::check(&ctx.view(&register));
        let paths: Vec<&str> = written.iter().map(|w| w.path.as_str()).collect();
        Ok(paths
            .iter()
            .map(|path| {
                report
                    .findings
                    .iter()
                    .filter(|f| f.file == *path)
                    .cloned()
                    .collect()
            })
            .collect())
    }

    /// Refuses `id` unless the register has a file of an entity of `kind` by that
    /// name, with the closest id as a hint: ``no risk `R-9` in the register``.
    pub fn require(&self, kind: Kind, noun: &str, id: &str) -> Result<()> {
        if self.register.document_of(kind, id).is_some() {
            return Ok(());
        }
        let known = self
            .register
            .documents
            .iter()
            .filter(|d| d.entity_kind() == Some(kind))
            .map(|d| d.stem.as_str());
        Err(super::not_found(
            noun,
            id,
            known,
            &format!("aims {} list", FileKind::from(kind).schema_name()),
        ))
    }

    /// The role of an entity `flag` names, checked against aims.yaml.
    pub fn role(&self, flag: &str, given: &str) -> Result<String> {
        super::prompt::check(flag, "role", given, &super::choices::roles(&self.register))
    }

    /// The role whose email is the git user's, when exactly one is.
    pub fn my_role(&self) -> Option<String> {
        let env = |name: &str| std::env::var(name).ok();
        let me = crate::trail::identity::identities(&self.register.root, &env)
            .ok()?
            .author
            .email?
            .value;
        let roles = &self.register.config.as_ref()?.value.roles;
        let mut mine = roles.iter().filter(|r| {
            r.email
                .as_ref()
                .is_some_and(|e| e.eq_ignore_ascii_case(&me))
        });
        match (mine.next(), mine.next()) {
            (Some(role), None) => Some(role.id.clone()),
            _ => None,
        }
    }

    /// Who made a review: the role given, or the one whose email is the git user's, or,
    /// in a terminal, the one chosen; without any, `--by` is a missing flag.
    pub fn reviewer(&self, ask: &mut super::prompt::Asker, by: Option<String>) -> Result<String> {
        match (by, self.my_role()) {
            (Some(by), _) => self.role("by", &by),
            (None, Some(mine)) => Ok(mine),
            (None, None) => ask.choose(
                "by",
                "who reviewed (your git email is no role's in aims.yaml)",
                None,
                &super::choices::roles(&self.register),
            ),
        }
    }

    /// Refuses evidence that is neither a URL nor a file inside the register, saying
    /// how to bring a file in; `to` is where it would be cited (`R-001/T1`).
    pub fn refuse_missing_evidence(&self, references: &[String], to: &str) -> Result<()> {
        self.refuse_missing("evidence", references, to)
    }

    /// [`Authoring::refuse_missing_evidence`] for evidence given with `--flag`
    /// (`--report`, `--minutes`).
    pub fn refuse_missing(&self, flag: &str, references: &[String], to: &str) -> Result<()> {
        use crate::register::evidence::EvidenceTarget;
        for reference in references {
            let why = match self.register.evidence_target(reference) {
                EvidenceTarget::Url | EvidenceTarget::File => continue,
                EvidenceTarget::Missing => "does not exist in the register".to_string(),
                EvidenceTarget::Unreadable(why) => format!("cannot be read: {why}"),
                EvidenceTarget::Outside(why) => format!("is outside the register: {why}"),
            };
            return Err(super::fail(
                format!("--{flag}: `{reference}` {why}; nothing was written"),
                format!(
                    "copy a file into the register and cite it with `aims evidence add FILE --to {to}`, or give a path relative to the folder holding aims.yaml, or a URL"
                ),
            ));
        }
        Ok(())
    }
}

/// What the findings on files of the given entities depend on: the entities
/// themselves and every file of the kinds their rules look at.
pub fn focus(kind: Kind, ids: &[&str]) -> Scope {
    let judged = validate::judged_with(kind);
    let ids: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
    Scope::Only {
        kinds: judged
            .iter()
            .filter(|(_, reach)| *reach == validate::Reach::All)
            .map(|(kind, _)| *kind)
            .collect(),
        mentioning: judged
            .iter()
            .filter(|(_, reach)| *reach == validate::Reach::Citing)
            .map(|(kind, _)| (*kind, ids.clone()))
            .collect(),
        cited: judged
            .iter()
            .filter(|(_, reach)| *reach == validate::Reach::Cited)
            .map(|(kind, _)| *kind)
            .collect(),
        entities: ids.iter().map(|id| (kind, id.clone())).collect(),
    }
}

/// Prints what a write did, then what `aims check` now says about the file.
pub fn announce(ctx: &Context, authoring: &Authoring, verb: &str, written: &Written) -> Result<()> {
    announce_all(ctx, authoring, verb, std::slice::from_ref(written))
}

/// Prints each file a write wrote, each followed by what `aims check` now says about
/// it.
pub fn announce_all(
    ctx: &Context,
    authoring: &Authoring,
    verb: &str,
    written: &[Written],
) -> Result<()> {
    let each: Vec<(&str, &Written)> = written.iter().map(|w| (verb, w)).collect();
    announce_each(ctx, authoring, &each)
}

/// [`announce_all`] with a verb for each file.
pub fn announce_each(
    ctx: &Context,
    authoring: &Authoring,
    written: &[(&str, &Written)],
) -> Result<()> {
    let files: Vec<&Written> = written.iter().map(|(_, w)| *w).collect();
    let findings = authoring.findings_for(ctx, &files)?;
    let mut out = std::io::stdout().lock();
    for ((verb, w), findings) in written.iter().zip(findings) {
        writeln!(out, "{verb} {}", super::output::safe(&w.path))?;
        render::human::findings(&mut out, &findings, Paint { on: ctx.color })?;
    }
    Ok(())
}

/// An authoring failure, with the findings that refused it spelt out.
pub fn author_error(error: AuthorError) -> anyhow::Error {
    match error {
        AuthorError::Invalid { ref findings, .. } => {
            let details: Vec<String> = findings
                .iter()
                .map(|f| match f.at {
                    Some(at) => format!("  {}:{}: {}", at.line, at.column, f.message),
                    None => format!("  {}", f.message),
                })
                .collect();
            anyhow::anyhow!("{error}:\n{}", details.join("\n"))
        }
        other => other.into(),
    }
}

/// `--add-X` and `--remove-X` of one list field of an entity.
#[derive(Debug, Clone)]
pub struct ListChange {
    /// The list's pointer, e.g. `/controls`.
    pub pointer: &'static str,
    /// What an item is, for messages (`control`).
    pub noun: &'static str,
    pub add: Vec<String>,
    pub remove: Vec<String>,
}

impl ListChange {
    pub fn new(
        pointer: &'static str,
        noun: &'static str,
        add: Vec<String>,
        remove: Vec<String>,
    ) -> ListChange {
        ListChange {
            pointer,
            noun,
            add,
            remove,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.remove.is_empty()
    }

    /// The edits that make `current` hold the list asked for: removals from the last
    /// item backwards (so indices stay true), then additions not already there.
    /// Refuses to remove what is not in the list.
    pub fn plan(&self, entity: &str, current: &[String]) -> Result<Vec<ListEdit>> {
        let mut removals = Vec::new();
        for item in &self.remove {
            match current.iter().position(|c| c == item) {
                Some(i) => removals.push(i),
                None => {
                    return Err(super::fail(
                        format!("`{entity}` has no {} `{item}` to remove", self.noun),
                        match current.is_empty() {
                            true => format!("it lists no {}", self.noun),
                            false => format!(
                                "it lists {}",
                                current
                                    .iter()
                                    .map(|c| format!("`{c}`"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        },
                    ));
                }
            }
        }
        removals.sort_unstable();
        removals.dedup();
        let mut edits: Vec<ListEdit> = removals
            .into_iter()
            .rev()
            .map(|i| ListEdit::Remove(format!("{}/{i}", self.pointer)))
            .collect();
        let mut added: Vec<&String> = Vec::new();
        for item in &self.add {
            if !current.contains(item) && !added.contains(&item) {
                added.push(item);
                edits.push(ListEdit::Push(self.pointer, item.clone()));
            }
        }
        Ok(edits)
    }
}

/// One edit of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListEdit {
    Remove(String),
    Push(&'static str, String),
}

impl ListEdit {
    pub fn apply(&self, editor: &mut crate::edit::Editor) -> Result<(), crate::edit::EditError> {
        match self {
            ListEdit::Remove(pointer) => editor.remove(pointer),
            ListEdit::Push(pointer, item) => editor.push(pointer, &crate::edit::Node::text(item)),
        }
    }
}

/// A role given with `--flag`, checked against the roles of `aims.yaml` (refused with
/// the valid ones and a did-you-mean).
pub fn checked_role(
    register: &Register,
    flag: &str,
    given: Option<String>,
) -> Result<Option<String>> {
    given
        .map(|role| {
            super::prompt::Asker::from_terminal().choose(
                flag,
                "role",
                Some(role),
                &super::choices::roles(register),
            )
        })
        .transpose()
}

/// The refusal of a `set` given nothing to change.
pub fn nothing_to_change(flags: &str) -> anyhow::Error {
    super::fail("nothing to change", format!("give at least one of {flags}"))
}

/// An id made from a title: lower case, words joined by `-` (`AI policy` is
/// `ai-policy`).
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(60).collect()
}
