//! `aims evidence add`

use std::fs;
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use clap::Args;

use crate::author::actions;
use crate::author::batch::{self, Write};
use crate::author::evidence::{NewEvidence, Place, destination, place};
use crate::cli::authoring::{announce_each, author_error, focus};
use crate::cli::output::safe;
use crate::cli::prompt::refuse_future;
use crate::cli::{Context, Outcome, fail, parse_date};
use crate::edit::Editor;
use crate::model::{Evidence, Kind};
use crate::register::{self, Register, evidence::sha256};

/// Copy a file into the register as evidence, pin its SHA-256 and cite it
///
/// The file is copied under `evidence/<entity>/` (a file already inside the register
/// stays where it is) and cited where `--to` says: a control (`--to A.6.2.4`), a clause
/// statement (`--to 5.1`), the report of an audit (`--to AUD-2026-1`), the minutes of a
/// management review (`--to MR-2026-1`), the document of a policy (`--to ai-policy`),
/// or an action of a risk, an incident or a management review (`--to R-003/T1`, `--to
/// INC-2026-001/CA1`, `--to MR-2026-1/A1`); a report, minutes or document cited before
/// is replaced. The
/// citation records the file's SHA-256, so `aims check` notices any later change to it
/// (`--no-pin` leaves that out). The copy and the citation are written together or not
/// at all.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The file to bring in
    pub file: PathBuf,
    /// Where to cite it: a control, clause, audit, management review or policy id, or
    /// RISK/ACTION, INCIDENT/ACTION or REVIEW/ACTION
    #[arg(long, value_name = "ENTITY[/ACTION]")]
    pub to: Option<String>,
    /// The date the evidence speaks for (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Date after which the evidence no longer holds (a certificate, a test)
    #[arg(long, value_parser = parse_date)]
    pub expires: Option<NaiveDate>,
    /// Cite the file without its SHA-256
    #[arg(long = "no-pin")]
    pub no_pin: bool,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
        file,
        to,
        date,
        expires,
        no_pin,
    } = args;
    ctx.refuse_at("evidence add")?;
    let date = date.unwrap_or(ctx.today);
    refuse_future("date", date, ctx.today)?;
    if let Some(expires) = expires
        && expires <= date
    {
        return Err(fail(
            format!("--expires {expires} is not after the evidence's date {date}"),
            "give a later expiry, or none",
        ));
    }
    let meta = fs::metadata(&file).with_context(|| format!("cannot read `{}`", file.display()))?;
    if !meta.is_file() {
        bail!("`{}` is not a file", file.display());
    }
    let bytes = fs::read(&file).with_context(|| format!("cannot read `{}`", file.display()))?;
    let root = register::discover(&ctx.start)?;
    let (entity, action) = match &to {
        Some(to) => match to.split_once('/') {
            Some((entity, action)) => (Some(entity.to_string()), Some(action.to_string())),
            None => (Some(to.clone()), None),
        },
        None => (None, None),
    };
    let kind = match &entity {
        Some(id) => Some(kind_of(&root, id)?),
        None => None,
    };
    let scope = match (&entity, kind) {
        // The kinds whose findings depend on the whole register are edited with all of it.
        (
            Some(_),
            Some(
                Kind::Audit
                | Kind::ManagementReview
                | Kind::Policy
                | Kind::Clause
                | Kind::Objective
                | Kind::Monitor,
            ),
        ) => register::Scope::Everything,
        (Some(id), Some(kind)) => focus(kind, &[id.as_str()]),
        _ => register::Scope::Only {
            kinds: Vec::new(),
            mentioning: Vec::new(),
            cited: Vec::new(),
            entities: Vec::new(),
        },
    };
    let authoring = ctx.open_for_authoring_in(scope)?;
    let reference = match inside(&authoring.register, &file) {
        Some(rel) => rel,
        None => {
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or_else(|| anyhow::anyhow!("`{}` has no usable file name", file.display()))?;
            destination(entity.as_deref(), name)
        }
    };
    let copy = !authoring.register.root.join(&reference).is_file()
        || fs::read(authoring.register.root.join(&reference))
            .ok()
            .as_deref()
            != Some(&bytes[..]);
    let mut writes = Vec::new();
    if copy {
        writes.push(Write::Copy {
            rel: reference.clone(),
            bytes: bytes.clone(),
        });
    }
    let item = NewEvidence {
        reference: reference.clone(),
        date,
        expires,
        sha256: (!no_pin).then(|| sha256(&bytes)),
    };
    if let (Some(id), Some(kind)) = (&entity, kind) {
        let (pointer, cited) = citing_list(&authoring.register, kind, id, action.as_deref())?;
        if cited.iter().any(|e| e.reference() == reference) {
            return Err(fail(
                format!(
                    "`{reference}` is already cited by `{}`",
                    to.as_deref().unwrap_or(id)
                ),
                format!(
                    "after a deliberate update of the file, pin it again with `aims evidence pin {reference}`"
                ),
            ));
        }
        let node = item.node();
        writes.push(Write::Edit {
            kind,
            id: id.clone(),
            change: Box::new(move |e: &mut Editor| match &pointer {
                Place::List(list) => e.push(list, &node),
                Place::Field(field) => e.set(field, &node),
            }),
        });
    }
    let written = batch::write_all(&authoring.register, writes).map_err(author_error)?;
    let mut entities = Vec::new();
    for w in &written {
        if w.path == reference {
            if copy {
                println!(
                    "copied {} to {}",
                    safe(&file.display().to_string()),
                    safe(&reference)
                );
            }
        } else {
            entities.push(("cited it in", w));
        }
    }
    if entities.is_empty() {
        eprintln!(
            "cite it with `aims evidence add {reference} --to ENTITY[/ACTION]`, `aims control set ID --evidence {reference}` or `aims risk action done RISK ACTION --evidence {reference}`"
        );
        return Ok(Outcome::Clean);
    }
    announce_each(ctx, &authoring, &entities)?;
    Ok(Outcome::Clean)
}

/// The kind of the entity with file `<folder>/<id>.yaml`, or why there is none.
fn kind_of(root: &std::path::Path, id: &str) -> Result<Kind> {
    let found: Vec<Kind> = Kind::ALL
        .iter()
        .copied()
        .filter(|k| {
            ["yaml", "yml"]
                .iter()
                .any(|ext| root.join(k.folder()).join(format!("{id}.{ext}")).is_file())
        })
        .collect();
    match found.as_slice() {
        [kind] => Ok(*kind),
        [] => Err(fail(
            format!("--to: no entity `{id}` in the register"),
            WHERE,
        )),
        _ => Err(fail(
            format!("--to: `{id}` names entities of several kinds"),
            "rename one of them; ids should be unique across the register",
        )),
    }
}

/// The path of `file` relative to the register root, when it lies inside it.
fn inside(register: &Register, file: &std::path::Path) -> Option<String> {
    let root = fs::canonicalize(&register.root).ok()?;
    let full = fs::canonicalize(file).ok()?;
    let rel = full.strip_prefix(&root).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// Where entity `id` of `kind` cites evidence for `action`, and what it cites there.
fn citing_list(
    register: &Register,
    kind: Kind,
    id: &str,
    action: Option<&str>,
) -> Result<(Place, Vec<Evidence>)> {
    let unread = || {
        anyhow::anyhow!(
            "`{id}` could not be read; fix the problems `aims check` reports in its file first"
        )
    };
    fn read<'r, T>(entities: &'r [register::Entity<T>], id: &str) -> Option<&'r T>
    where
        T: HasId,
    {
        entities.iter().map(|e| &e.value).find(|v| v.id() == id)
    }
    // What the entity cites itself, when it does.
    let own: Option<Vec<Evidence>> = match kind {
        Kind::Control => Some(
            read(&register.controls, id)
                .ok_or_else(unread)?
                .evidence
                .clone(),
        ),
        Kind::Clause => Some(
            read(&register.clauses, id)
                .ok_or_else(unread)?
                .evidence
                .clone(),
        ),
        Kind::Audit => Some(
            read(&register.audits, id)
                .ok_or_else(unread)?
                .report
                .iter()
                .cloned()
                .collect(),
        ),
        Kind::Policy => Some(
            read(&register.policies, id)
                .ok_or_else(unread)?
                .document
                .iter()
                .cloned()
                .collect(),
        ),
        Kind::ManagementReview if action.is_none() => Some(
            read(&register.management_reviews, id)
                .ok_or_else(unread)?
                .minutes
                .iter()
                .cloned()
                .collect(),
        ),
        _ => None,
    };
    if let Some(cited) = own {
        if let Some(action) = action {
            bail!(
                "--to {id}/{action}: a {} cites evidence itself; write `--to {id}`",
                kind.noun()
            );
        }
        let place = place(kind, None).expect("these kinds cite evidence themselves");
        return Ok((place, cited));
    }
    let (actions, list) = match kind {
        Kind::Risk => {
            let risk = read(&register.risks, id).ok_or_else(unread)?;
            let actions = risk
                .treatment
                .as_ref()
                .map(|t| t.actions.clone())
                .unwrap_or_default();
            (actions, actions::ActionList::Treatment)
        }
        Kind::Incident => {
            let incident = read(&register.incidents, id).ok_or_else(unread)?;
            (
                incident.corrective_actions.clone(),
                actions::ActionList::Corrective,
            )
        }
        Kind::ManagementReview => {
            let review = read(&register.management_reviews, id).ok_or_else(unread)?;
            (review.actions.clone(), actions::ActionList::Review)
        }
        _ => {
            return Err(fail(
                format!("--to: {} `{id}` does not cite evidence", kind.noun()),
                WHERE,
            ));
        }
    };
    let Some(action) = action else {
        let first = actions.first().map_or(list.first_id(), |a| a.id.as_str());
        return Err(fail(
            format!(
                "--to {id}: a {} cites evidence through its actions",
                kind.noun()
            ),
            format!("name the action, e.g. `--to {id}/{first}`"),
        ));
    };
    let Some(i) = actions::position(&actions, action) else {
        return Err(crate::cli::not_found_of(
            list.noun(),
            action,
            id,
            actions.iter().map(|a| a.id.as_str()),
            &format!("aims {} show {id}", kind.noun()),
        ));
    };
    let place = place(kind, Some(i)).expect("actions cite evidence");
    Ok((place, actions[i].evidence.clone()))
}

/// Where evidence may be cited, for refusals.
const WHERE: &str = "evidence is cited by a control (`--to A.6.2.4`), a clause statement (`--to 5.1`), an audit's report (`--to AUD-2026-1`), a management review's minutes (`--to MR-2026-1`), a policy's document (`--to ai-policy`), or an action of a risk, incident or management review (`--to R-003/T1`)";

/// The id of an entity as read.
trait HasId {
    fn id(&self) -> &str;
}

macro_rules! has_id {
    ($($t:ty),*) => {
        $(impl HasId for $t {
            fn id(&self) -> &str {
                &self.id
            }
        })*
    };
}

has_id!(
    crate::model::SoaDecision,
    crate::model::ClauseStatement,
    crate::model::Audit,
    crate::model::Policy,
    crate::model::ManagementReview,
    crate::model::Risk,
    crate::model::Incident
);
