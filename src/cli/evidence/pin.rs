//! `aims evidence pin`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author::batch::{self, Write};
use crate::cli::authoring::{announce_all, author_error};
use crate::cli::prompt::refuse_future;
use crate::cli::{Context, Outcome, fail, parse_date};
use crate::edit::{Editor, Node};
use crate::model::Evidence;
use crate::register::evidence::EvidenceTarget;

/// Pin an evidence file again after a deliberate update: record its new SHA-256
/// wherever it is cited
///
/// A citation written as a plain path becomes `{ ref, sha256 }`. With `--date`, the
/// date the evidence speaks for changes too.
#[derive(Debug, Args)]
pub struct PinArgs {
    /// The evidence file, relative to the folder holding aims.yaml
    pub path: String,
    /// The date the updated evidence speaks for
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: PinArgs) -> Result<Outcome> {
    let PinArgs { path, date } = args;
    if let Some(date) = date {
        refuse_future("date", date, ctx.today)?;
    }
    let authoring = ctx.open_for_authoring()?;
    let register = &authoring.register;
    match register.evidence_target(&path) {
        EvidenceTarget::File => {}
        EvidenceTarget::Url => {
            return Err(fail(
                format!("`{path}` is a URL; only files in the register are pinned"),
                "a URL's content is not fetched; give it an `expires` date instead",
            ));
        }
        _ => {
            return Err(fail(
                format!("`{path}` is not a file in the register"),
                "give its path relative to the folder holding aims.yaml, as it is cited (`aims evidence list`)",
            ));
        }
    }
    let hash = register
        .evidence_sha256(&path)
        .map_err(|e| anyhow::anyhow!("cannot read `{path}`: {e}"))?;
    let view = authoring.view(ctx);
    let citations: Vec<_> = view
        .evidence()
        .into_iter()
        .filter(|c| c.item.reference() == path)
        .collect();
    if citations.is_empty() {
        return Err(fail(
            format!("nothing in the register cites `{path}`"),
            "cite it with `aims evidence add` (which pins it), `aims control set --evidence` or `aims risk action done --evidence`",
        ));
    }
    // Each citing file, with the items to pin in it: (pointer, written as a plain path).
    type Items = Vec<(String, bool)>;
    let mut files: Vec<(crate::model::Kind, String, Items)> = Vec::new();
    for c in &citations {
        let doc = view.document(c.doc);
        let Some(kind) = doc.entity_kind() else {
            continue;
        };
        let plain = matches!(c.item, Evidence::Ref(_));
        match files.iter_mut().find(|(_, id, _)| *id == doc.stem) {
            Some((_, _, items)) => items.push((c.pointer.clone(), plain)),
            None => files.push((kind, doc.stem.clone(), vec![(c.pointer.clone(), plain)])),
        }
    }
    drop(view);
    let writes: Vec<Write<'_>> = files
        .into_iter()
        .map(|(kind, id, items)| {
            let (hash, path) = (hash.clone(), path.clone());
            Write::Edit {
                kind,
                id,
                change: Box::new(move |e: &mut Editor| {
                    for (pointer, plain) in &items {
                        if *plain {
                            let mut fields = vec![("ref".to_string(), Node::text(&path))];
                            if let Some(date) = date {
                                fields.push(("date".to_string(), Node::text(date.to_string())));
                            }
                            fields.push(("sha256".to_string(), Node::text(&hash)));
                            e.set(pointer, &Node::Map(fields))?;
                        } else {
                            e.set(&format!("{pointer}/sha256"), &Node::text(&hash))?;
                            if let Some(date) = date {
                                e.set(&format!("{pointer}/date"), &Node::text(date.to_string()))?;
                            }
                        }
                    }
                    Ok(())
                }),
            }
        })
        .collect();
    let written = batch::write_all(&authoring.register, writes).map_err(author_error)?;
    announce_all(
        ctx,
        &authoring,
        &format!("pinned {path} ({}) in", &hash[..12]),
        &written,
    )?;
    Ok(Outcome::Clean)
}
