//! Every page of the site, what each is given, and the parallel rendering of all of
//! them into the output folder.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use minijinja::value::merge_maps;
use minijinja::{Value, context};
use rayon::prelude::*;
use serde::Serialize;

use super::SiteError;
use super::evidence::EvidenceIndex;
use super::kinds::{self, PAGE_KINDS, PageKind};
use super::links::{Links, encode_path};
use super::output::{MARKER, SiteDir};
use super::records::{self, Record};
use super::render::{self, band_class};
use crate::catalog;
use crate::model::FileKind;
use crate::report;
use crate::report::context::{HeatMapEntry, band_palette};
use crate::trail::approvals::file_kind;
use crate::trail::status::{EntityStatus, date};
use crate::trail::timeline::Timeline;

/// What a site is made from.
pub struct Inputs<'v, 'r> {
    /// The view (with approval states when the register is in git), the check result
    /// and the provenance, as every report gets them.
    pub report: &'v report::Inputs<'v, 'r>,
    /// The register's history, when it is in git.
    pub timeline: Option<&'v Timeline>,
    /// `--at` as the user wrote it, when given.
    pub at: Option<&'v str>,
}

/// What was written.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub pages: usize,
    /// Evidence files copied.
    pub files: usize,
    /// Evidence files that could not be copied, and why.
    pub unreadable: Vec<(String, String)>,
}

/// The way back to the site root from a page one folder down.
const UP: &str = "../";

/// One entry of the navigation.
#[derive(Debug, Clone, Serialize)]
struct NavItem {
    key: &'static str,
    title: &'static str,
    /// From the site root, encoded.
    href: String,
    count: Option<usize>,
}

/// One kind of page with its records and where each record's page is.
struct KindPages {
    kind: PageKind,
    records: Vec<Record>,
    paths: Vec<String>,
    /// Whether a record of the same id (or of an id differing only in case) comes
    /// before it.
    duplicate: Vec<bool>,
    /// The first record of each id.
    by_id: HashMap<String, usize>,
}

/// A page to render.
enum Spec {
    Home,
    Index(usize),
    Entity(usize, usize),
    Context,
    Configuration,
    Reference,
    Evidence,
    History,
    Commit(usize),
    Soa,
    Register,
    Audit,
    Check,
    Due,
    Heat(usize, usize, usize),
    Search,
}

/// Renders the whole site into `dir` (which the caller then finishes).
pub fn build(
    inputs: &Inputs<'_, '_>,
    overrides: &[(String, String)],
    dir: &SiteDir,
) -> Result<Summary, SiteError> {
    let report = inputs.report;
    let view = report.view;
    let mut evidence = EvidenceIndex::collect(view);
    let (files, unreadable) = copy_evidence(view.register, &mut evidence, dir)?;

    let audit = report.audit();
    // Each kind's records are made on a thread of their own (the order is kept).
    let kinds: Vec<KindPages> = PAGE_KINDS
        .par_iter()
        .map(|kind| {
            let records = match kind.key {
                "system" => records::systems(view, &audit.systems),
                "risk" => records::risks(view, &audit.risks),
                "impact" => records::impacts(view),
                "control" => records::controls(view, &audit.controls),
                "incident" => records::incidents(view, &audit.incidents),
                "policy" => records::policies(view),
                "objective" => records::objectives(view),
                "monitor" => super::evaluation::monitors(view),
                "audit" => super::evaluation::audits(view),
                "management-review" => super::evaluation::management_reviews(view),
                "clause" => records::clauses(view, &audit.clauses),
                "role" => records::roles(view),
                _ => Vec::new(),
            };
            let (paths, duplicate) = page_paths(kind.folder, &records);
            let mut by_id = HashMap::new();
            for (i, r) in records.iter().enumerate() {
                by_id.entry(r.id.clone()).or_insert(i);
            }
            KindPages {
                kind: *kind,
                paths,
                duplicate,
                by_id,
                records,
            }
        })
        .collect();
    let context = records::context(view);
    let commits = commit_pages(inputs.timeline, view.approvals.as_ref());

    let mut links = Links::default();
    for k in &kinds {
        for (r, path) in k.records.iter().zip(&k.paths) {
            links.add(k.kind.key, &r.id, path, &r.title);
        }
    }
    // An audit finding is a part of its audit's page: `AUD-2026-2/F1`, as an
    // incident's `source` names it.
    for k in kinds.iter().filter(|k| k.kind.key == "audit") {
        for (audit, path) in view.audits.iter().zip(&k.paths) {
            for f in &audit.audit.findings {
                links.add_at(
                    "finding",
                    &format!("{}/{}", audit.id(), f.id),
                    path,
                    Some(&format!("finding-{}", f.id)),
                    &format!("{} of {}", f.kind.as_str(), audit.id()),
                );
            }
        }
    }
    for r in kinds
        .iter()
        .filter(|k| k.kind.key == "role")
        .flat_map(|k| &k.records)
    {
        links.add_role(&r.id, &r.title);
    }
    if let Some(c) = &context {
        links.add("context", &c.id, "organisation/context.html", &c.title);
    }
    links.add(
        "configuration",
        "aims",
        "organisation/index.html",
        "Configuration",
    );
    for (id, title) in reference_ids(view) {
        let anchor = super::links::anchor_id(&id);
        links.add_at(
            "reference",
            &id,
            "reference/index.html",
            Some(&anchor),
            &title,
        );
    }
    for item in &evidence.items {
        links.add_at(
            "evidence",
            &item.reference,
            "evidence/index.html",
            Some(&item.anchor),
            &item.reference,
        );
        if let Some(copy) = &item.copy {
            links.add_file(&item.reference, copy);
        }
    }
    for c in &commits {
        links.add(
            "commit",
            &c.id,
            &format!("history/{}.html", c.id),
            &c.summary,
        );
    }
    let links = Arc::new(links);
    let backlinks = backlinks(&kinds, context.iter(), &links);
    let approvals_by_role = approvals_by_role(view.approvals.as_ref());

    let meta = meta(inputs, &kinds, &evidence, commits.len(), context.is_some());
    let heatmaps: Vec<HeatView> = audit
        .heatmaps
        .iter()
        .enumerate()
        .map(|(i, m)| HeatView::of(i, m))
        .collect();

    let mut specs = vec![
        Spec::Home,
        Spec::Configuration,
        Spec::Reference,
        Spec::Evidence,
        Spec::History,
        Spec::Soa,
        Spec::Register,
        Spec::Audit,
        Spec::Check,
        Spec::Due,
        Spec::Search,
    ];
    if context.is_some() {
        specs.push(Spec::Context);
    }
    for (k, kind) in kinds.iter().enumerate() {
        specs.push(Spec::Index(k));
        specs.extend((0..kind.records.len()).map(|r| Spec::Entity(k, r)));
    }
    specs.extend((0..commits.len()).map(Spec::Commit));
    for (m, map) in heatmaps.iter().enumerate() {
        for (r, row) in map.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                if cell.count > 0 {
                    specs.push(Spec::Heat(m, r, c));
                }
            }
        }
    }

    let data = Data {
        inputs,
        audit: &audit,
        kinds: &kinds,
        context: context.as_ref(),
        commits: &commits,
        evidence: &evidence,
        heatmaps: &heatmaps,
        backlinks: &backlinks,
        approvals_by_role: &approvals_by_role,
        commit_order: inputs
            .timeline
            .iter()
            .flat_map(|t| t.commits.iter().enumerate())
            .map(|(i, c)| (c.id.to_string(), i))
            .collect(),
        meta,
    };
    let budget = report::fuel_of(&audit);
    let env = render::environment(overrides, links.clone(), budget)?;
    specs.par_iter().try_for_each(|spec| {
        let (path, template, page) = data.page(spec);
        let depth_root = if path.contains('/') { UP } else { "" };
        // Reports and indexes are wide tables: printed on landscape pages.
        let wide = path.starts_with("reports/") || path.ends_with("/index.html");
        let ctx = context! { root => depth_root, path => path.clone(), wide => wide, site => data.meta.clone(), ..page };
        let html = report::render_in(&env, template, ctx).map_err(|source| SiteError::Page {
            path: path.clone(),
            source,
        })?;
        dir.write(&path, html.as_bytes())
            .map_err(|source| SiteError::Write { path, source })
    })?;
    let assets = [
        ("assets/site.css", "site/site.css.j2"),
        ("assets/site.js", "site/site.js.j2"),
    ];
    for (path, template) in assets {
        let ctx = context! { palette => band_palette().iter().map(|c| context!{ colour => *c, class => band_class(c) }).collect::<Vec<_>>() };
        let text = report::render_in(&env, template, ctx)?;
        write(dir, path, text.as_bytes())?;
    }
    write(dir, "assets/search.js", search_index(&data).as_bytes())?;
    let marker = serde_json::json!({
        "generator": report.generator,
        "organisation": view.config().map(|c| c.organisation.as_str()),
        "today": view.today,
        "source": report.source,
        "at": inputs.at,
    });
    let mut marker = serde_json::to_string_pretty(&marker).unwrap_or_default();
    marker.push('\n');
    write(dir, MARKER, marker.as_bytes())?;
    Ok(Summary {
        pages: specs.len(),
        files,
        unreadable,
    })
}

fn write(dir: &SiteDir, path: &str, bytes: &[u8]) -> Result<(), SiteError> {
    dir.write(path, bytes).map_err(|source| SiteError::Write {
        path: path.to_string(),
        source,
    })
}

/// Copies every cited evidence file of the register into the site, hashing it as it
/// goes; returns how many were copied and those that could not be read.
fn copy_evidence(
    register: &crate::register::Register,
    evidence: &mut EvidenceIndex,
    dir: &SiteDir,
) -> Result<(usize, Vec<(String, String)>), SiteError> {
    // Two spellings of one path (`evidence/./a.md`) share a copy: copied once.
    let mut by_copy: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, item) in evidence.items.iter().enumerate() {
        if let Some(copy) = &item.copy {
            by_copy.entry(copy.clone()).or_default().push(i);
        }
    }
    let jobs: Vec<(String, Vec<usize>, String)> = by_copy
        .into_iter()
        .map(|(copy, items)| {
            let reference = evidence.items[items[0]].reference.clone();
            (copy, items, reference)
        })
        .collect();
    let done: Vec<Result<(String, u64), String>> = jobs
        .par_iter()
        .map(|(copy, _, reference)| {
            let mut from = register
                .open_evidence(reference)
                .map_err(|e| e.to_string())?;
            let mut to = dir
                .create_file(copy)
                .map_err(|e| format!("cannot copy it: {e}"))?;
            super::evidence::copy_hashed(&mut from, &mut to).map_err(|e| e.to_string())
        })
        .collect();
    let mut copied = 0;
    let mut unreadable = Vec::new();
    for ((_, items, reference), result) in jobs.into_iter().zip(done) {
        match result {
            Ok((sha256, bytes)) => {
                copied += 1;
                for i in items {
                    evidence.copied(i, sha256.clone(), bytes);
                }
            }
            Err(why) => {
                unreadable.push((reference, why.clone()));
                for i in items {
                    evidence.failed(i, why.clone());
                }
            }
        }
    }
    Ok((copied, unreadable))
}

/// Where each record's page is: `<folder>/<id>.html`, and for a second record of the
/// same id (or of an id differing only in case, which some file systems confuse)
/// `<id>~2.html`; and whether each is such a second record.
fn page_paths(folder: &str, records: &[Record]) -> (Vec<String>, Vec<bool>) {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    records
        .iter()
        .map(|r| {
            let duplicate = !seen.insert(r.id.to_lowercase());
            let mut n = 1;
            loop {
                let name = if n == 1 {
                    r.id.clone()
                } else {
                    format!("{}~{n}", r.id)
                };
                if taken.insert(name.to_lowercase()) {
                    return (format!("{folder}/{name}.html"), duplicate);
                }
                n += 1;
            }
        })
        .unzip()
}

/// The ids the reference page explains: risk categories, Annex C, OWASP.
fn reference_ids(view: &crate::view::View<'_>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = view
        .categories
        .iter()
        .map(|c| (c.id.to_string(), c.title.to_string()))
        .collect();
    out.extend(
        catalog::ANNEX_C_OBJECTIVES
            .iter()
            .chain(catalog::RISK_SOURCES)
            .map(|c| (c.id.to_string(), c.title.to_string())),
    );
    out.extend(
        catalog::OWASP_LLM
            .iter()
            .map(|o| (o.id.to_string(), o.title.to_string())),
    );
    out.extend(
        catalog::OBJECTIVES
            .iter()
            .map(|o| (o.id.to_string(), o.title.to_string())),
    );
    out.extend(
        catalog::NIST_CATEGORIES
            .iter()
            .map(|n| (n.id.to_string(), n.title.to_string())),
    );
    out
}

/// For every page, the records that refer to it, by kind then id.
fn backlinks<'a>(
    kinds: &[KindPages],
    context: impl Iterator<Item = &'a Record>,
    links: &Links,
) -> HashMap<(&'static str, String), BTreeSet<(&'static str, String)>> {
    let mut out: HashMap<(&'static str, String), BTreeSet<(&'static str, String)>> = HashMap::new();
    let all = kinds
        .iter()
        .flat_map(|k| k.records.iter().map(move |r| (k.kind.key, r)))
        .chain(context.map(|r| ("context", r)));
    for (kind, record) in all {
        for (to_kind, to_id) in &record.refs {
            if let Some(target) = links.resolve(to_kind, to_id)
                && target != (kind, record.id.clone())
            {
                out.entry(target)
                    .or_default()
                    .insert((kind, record.id.clone()));
            }
        }
    }
    out
}

/// One approval as pages show it.
#[derive(Debug, Clone, Serialize)]
struct ApprovalRow {
    /// The approved entity (its link kind and id), for lists across entities.
    kind: &'static str,
    id: String,
    commit: String,
    by: String,
    role: String,
    date: String,
    verification: &'static str,
    counts: bool,
    covers_current: bool,
    self_approval: bool,
    detail: String,
}

fn approval_rows(status: &EntityStatus) -> Vec<ApprovalRow> {
    let kind = entity_link_kind(status.kind);
    status
        .approvals
        .iter()
        .map(|a| ApprovalRow {
            kind,
            id: status.id.clone(),
            commit: a.commit.clone(),
            by: a.by.clone(),
            role: a.role.clone(),
            date: a.date.clone(),
            verification: a.verification.as_str(),
            counts: a.counts,
            covers_current: a.covers_current,
            self_approval: a.self_approval,
            detail: a.detail.clone(),
        })
        .collect()
}

fn entity_link_kind(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Config => "configuration",
        FileKind::Context => "context",
        FileKind::Entity(k) => kinds::link_kind(k),
    }
}

/// Every approval each role gave, newest first.
fn approvals_by_role(
    states: Option<&crate::trail::status::ApprovalStates>,
) -> BTreeMap<String, Vec<ApprovalRow>> {
    let mut out: BTreeMap<String, Vec<ApprovalRow>> = BTreeMap::new();
    for status in states.iter().flat_map(|s| &s.entities) {
        for row in approval_rows(status) {
            out.entry(row.role.clone()).or_default().push(row);
        }
    }
    for rows in out.values_mut() {
        rows.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| (a.kind, &a.id).cmp(&(b.kind, &b.id)))
        });
    }
    out
}

/// A commit with a page: one that changed the register or approved something in it.
#[derive(Debug, Clone, Serialize)]
struct CommitPage {
    id: String,
    short: String,
    date: String,
    author: String,
    author_email: String,
    committer: String,
    committer_email: String,
    summary: String,
    /// The register files it changed: their kind and id, and how.
    files: Vec<ChangedFile>,
    /// The approvals it gave that stand in the register's history of each entity.
    approvals: Vec<ApprovalRow>,
}

#[derive(Debug, Clone, Serialize)]
struct ChangedFile {
    path: String,
    kind: Option<&'static str>,
    id: String,
    /// `created`, `deleted` or `changed`.
    change: &'static str,
}

fn commit_pages(
    timeline: Option<&Timeline>,
    states: Option<&crate::trail::status::ApprovalStates>,
) -> Vec<CommitPage> {
    let Some(timeline) = timeline else {
        return Vec::new();
    };
    let mut approvals: HashMap<&str, Vec<ApprovalRow>> = HashMap::new();
    let rows: Vec<ApprovalRow> = states
        .iter()
        .flat_map(|s| &s.entities)
        .flat_map(approval_rows)
        .collect();
    for row in &rows {
        approvals
            .entry(row.commit.as_str())
            .or_default()
            .push(row.clone());
    }
    timeline
        .commits
        .iter()
        .filter_map(|c| {
            let id = c.id.to_string();
            let given = approvals.remove(id.as_str()).unwrap_or_default();
            if c.files.is_empty() && given.is_empty() {
                return None;
            }
            Some(CommitPage {
                short: id.chars().take(12).collect(),
                date: date(c.time),
                author: c.author.name.clone(),
                author_email: c.author.email.clone(),
                committer: c.committer.name.clone(),
                committer_email: c.committer.email.clone(),
                summary: c.summary.clone(),
                files: c
                    .files
                    .iter()
                    .map(|f| ChangedFile {
                        path: f.path.clone(),
                        kind: file_kind(&f.path).map(entity_link_kind),
                        id: crate::trail::approvals::entity_id(&f.path),
                        change: match (f.old, f.new) {
                            (None, _) => "created",
                            (_, None) => "deleted",
                            _ => "changed",
                        },
                    })
                    .collect(),
                approvals: given,
                id,
            })
        })
        .collect()
}

/// One row of an entity's history: a commit that changed it or approved it.
#[derive(Debug, Clone, Serialize)]
struct HistoryRow {
    commit: String,
    date: String,
    author: String,
    author_email: String,
    summary: String,
    /// The file at that commit.
    path: String,
    /// What changed, in register terms (`assessment 3x4 -> 2x4`).
    changes: Vec<String>,
    approvals: Vec<ApprovalRow>,
}

/// One approver of the SoA's decisions in force: how many, first and last date, and
/// how the approvals were verified.
#[derive(Debug, Serialize)]
struct Approver {
    count: usize,
    first: String,
    last: String,
    verification: BTreeSet<&'static str>,
}

/// A heat map with the page of each cell's risks.
#[derive(Debug, Clone, Serialize)]
struct HeatView {
    title: &'static str,
    total: usize,
    consequence: Vec<LevelView>,
    rows: Vec<HeatRowView>,
}

#[derive(Debug, Clone, Serialize)]
struct LevelView {
    level: u32,
    name: String,
}

#[derive(Debug, Clone, Serialize)]
struct HeatRowView {
    likelihood: u32,
    name: String,
    cells: Vec<HeatCellView>,
}

#[derive(Debug, Clone, Serialize)]
struct HeatCellView {
    likelihood: u32,
    consequence: u32,
    band: String,
    class: String,
    count: usize,
    risks: Vec<String>,
    /// The page listing the cell's risks, from the site root (empty cells have none).
    href: Option<String>,
}

impl HeatView {
    fn of(index: usize, map: &HeatMapEntry) -> HeatView {
        HeatView {
            title: map.title,
            total: map.total,
            consequence: map
                .consequence
                .iter()
                .map(|c| LevelView {
                    level: c.level,
                    name: c.name.clone(),
                })
                .collect(),
            rows: map
                .rows
                .iter()
                .map(|row| HeatRowView {
                    likelihood: row.likelihood,
                    name: row.name.clone(),
                    cells: row
                        .cells
                        .iter()
                        .map(|c| HeatCellView {
                            likelihood: c.likelihood,
                            consequence: c.consequence,
                            band: c.band.clone(),
                            class: band_class(c.colour),
                            count: c.count,
                            risks: c.risks.clone(),
                            href: (c.count > 0).then(|| {
                                encode_path(&heat_path(index, c.likelihood, c.consequence))
                            }),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

fn heat_path(map: usize, likelihood: u32, consequence: u32) -> String {
    let which = if map == 0 { "current" } else { "target" };
    format!("risks/heat-{which}-{likelihood}-{consequence}.html")
}

/// What every page gets about the site as a whole.
fn meta(
    inputs: &Inputs<'_, '_>,
    kinds: &[KindPages],
    evidence: &EvidenceIndex,
    commits: usize,
    context: bool,
) -> Value {
    let report = inputs.report;
    let m = report.meta("site", "AI management system");
    let mut nav: Vec<NavItem> = vec![NavItem {
        key: "home",
        title: "Home",
        href: "index.html".to_string(),
        count: None,
    }];
    nav.extend(kinds.iter().map(|k| NavItem {
        key: k.kind.key,
        title: k.kind.title,
        href: format!("{}/index.html", k.kind.folder),
        count: Some(k.records.len()),
    }));
    if context {
        nav.push(NavItem {
            key: "context",
            title: "Context",
            href: "organisation/context.html".to_string(),
            count: None,
        });
    }
    nav.extend([
        NavItem {
            key: "evidence",
            title: "Evidence",
            href: "evidence/index.html".to_string(),
            count: Some(evidence.items.len()),
        },
        NavItem {
            key: "history",
            title: "History",
            href: "history/index.html".to_string(),
            count: Some(commits),
        },
        NavItem {
            key: "reports",
            title: "Audit pack",
            href: "reports/audit.html".to_string(),
            count: None,
        },
    ]);
    super::val(serde_json::json!({
        "organisation": m.organisation,
        "scope": m.scope,
        "today": m.today,
        "source": m.source,
        "at": inputs.at,
        "check": m.check,
        "generator": m.generator,
        "approvals_read": report.view.approvals.is_some(),
        "history_read": inputs.timeline.is_some(),
        "history_truncated": inputs.timeline.is_some_and(|t| t.truncated),
        "nav": nav,
    }))
}

/// Everything pages are made from.
struct Data<'a, 'v, 'r> {
    inputs: &'a Inputs<'v, 'r>,
    audit: &'a crate::report::context::AuditContext,
    kinds: &'a [KindPages],
    context: Option<&'a Record>,
    commits: &'a [CommitPage],
    evidence: &'a EvidenceIndex,
    heatmaps: &'a [HeatView],
    backlinks: &'a HashMap<(&'static str, String), BTreeSet<(&'static str, String)>>,
    approvals_by_role: &'a BTreeMap<String, Vec<ApprovalRow>>,
    /// The place of each commit (by id) in the timeline, newest first.
    commit_order: HashMap<String, usize>,
    meta: Value,
}

impl Data<'_, '_, '_> {
    /// The page's path, its template and what it is given.
    fn page(&self, spec: &Spec) -> (String, &'static str, Value) {
        let page = |title: &str, section: &str| context! { title => title, section => section };
        match spec {
            Spec::Home => ("index.html".into(), "site/home.html.j2", self.home()),
            Spec::Index(k) => {
                let kind = &self.kinds[*k];
                let rows: Vec<Value> = kind.records.iter().map(|r| self.row(kind, r)).collect();
                (
                    format!("{}/index.html", kind.kind.folder),
                    "site/index.html.j2",
                    context! { page => page(kind.kind.title, kind.kind.key), kind => super::val(kind.kind), rows => rows },
                )
            }
            Spec::Entity(k, r) => {
                let kind = &self.kinds[*k];
                let record = &kind.records[*r];
                let title = format!("{} {}", capitalise(kind.kind.noun), record.id);
                (
                    kind.paths[*r].clone(),
                    kind.kind.template,
                    merge_maps([
                        context! {
                            page => page(&title, kind.kind.key),
                            kind => super::val(kind.kind),
                            entity => self.row(kind, record),
                            duplicate => kind.duplicate[*r],
                        },
                        self.entity_extras(kind.kind.key, record),
                    ]),
                )
            }
            Spec::Context => {
                let record = self
                    .context
                    .expect("the context page exists only with a context");
                (
                    "organisation/context.html".into(),
                    "site/context.html.j2",
                    merge_maps([
                        context! { page => page("Context of the organisation", "context"), entity => record.value.clone() },
                        self.entity_extras("context", record),
                    ]),
                )
            }
            Spec::Configuration => (
                "organisation/index.html".into(),
                "site/configuration.html.j2",
                self.configuration(page("Configuration and risk criteria", "configuration")),
            ),
            Spec::Reference => (
                "reference/index.html".into(),
                "site/reference.html.j2",
                self.reference(page(
                    "Reference: categories, Annex C, OWASP, NIST AI RMF",
                    "reference",
                )),
            ),
            Spec::Evidence => (
                "evidence/index.html".into(),
                "site/evidence.html.j2",
                context! { page => page("Evidence", "evidence"), items => super::val(&self.evidence.items) },
            ),
            Spec::History => (
                "history/index.html".into(),
                "site/history.html.j2",
                context! { page => page("History of the register", "history"), commits => super::val(self.commits) },
            ),
            Spec::Commit(i) => {
                let c = &self.commits[*i];
                (
                    format!("history/{}.html", c.id),
                    "site/commit.html.j2",
                    context! { page => page(&format!("Commit {}", c.short), "history"), commit => super::val(c) },
                )
            }
            Spec::Soa => (
                "reports/soa.html".into(),
                "site/soa.html.j2",
                self.soa(page("Statement of Applicability", "reports")),
            ),
            Spec::Register => (
                "reports/register.html".into(),
                "site/register.html.j2",
                context! {
                    page => page("AI risk register", "reports"),
                    criteria => super::val(&self.audit.criteria),
                    heatmaps => super::val(self.heatmaps),
                    risks => super::val(&self.audit.risks),
                },
            ),
            Spec::Audit => (
                "reports/audit.html".into(),
                "site/audit.html.j2",
                // The later map wins: the site's heat maps and findings replace the
                // report's.
                merge_maps([
                    super::val(self.audit),
                    context! { page => page("Audit pack", "reports"), heatmaps => super::val(self.heatmaps), findings => self.findings() },
                ]),
            ),
            Spec::Check => (
                "reports/check.html".into(),
                "site/check.html.j2",
                context! { page => page("aims check", "reports"), findings => self.findings() },
            ),
            Spec::Due => {
                let today = self.inputs.report.view.today;
                let items: Vec<crate::report::context::DueEntry> = self
                    .inputs
                    .report
                    .view
                    .due()
                    .into_iter()
                    .map(|i| crate::report::context::DueEntry::of(today, i))
                    .collect();
                (
                    "reports/due.html".into(),
                    "site/due.html.j2",
                    context! { page => page("What falls due", "reports"), items => super::val(&items) },
                )
            }
            Spec::Heat(m, r, c) => {
                let map = &self.heatmaps[*m];
                let cell = &map.rows[*r].cells[*c];
                let title = format!(
                    "{}: likelihood {} x consequence {}",
                    map.title, cell.likelihood, cell.consequence
                );
                let risks: Vec<Value> = cell
                    .risks
                    .iter()
                    .filter_map(|id| {
                        let kind = self.kinds.iter().find(|k| k.kind.key == "risk")?;
                        let record = &kind.records[*kind.by_id.get(id)?];
                        Some(self.row(kind, record))
                    })
                    .collect();
                (
                    heat_path(*m, cell.likelihood, cell.consequence),
                    "site/heat.html.j2",
                    context! { page => page(&title, "risk"), cell => super::val(cell), kind => super::val(kinds::RISKS), rows => risks },
                )
            }
            Spec::Search => (
                "search.html".into(),
                "site/search.html.j2",
                context! { page => page("Search", "search") },
            ),
        }
    }

    /// A record with its approval state, as index rows and pages show it.
    fn row(&self, _kind: &KindPages, record: &Record) -> Value {
        let state = record
            .file
            .as_deref()
            .and_then(|f| self.inputs.report.view.approval(f))
            .map(|s| s.state.as_str());
        merge_maps([
            record.value.clone(),
            context! { approval_state => state, file => record.file.clone() },
        ])
    }

    /// What every entity page shows besides its fields: what refers to it, its
    /// history and approvals, and its file as written.
    fn entity_extras(&self, kind: &'static str, record: &Record) -> Value {
        let view = self.inputs.report.view;
        let mut referenced_by: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        if let Some(set) = self.backlinks.get(&(kind, record.id.clone())) {
            for (k, id) in set {
                referenced_by.entry(k).or_default().push(id.clone());
            }
        }
        let referenced_by: Vec<Value> = referenced_by
            .into_iter()
            .map(|(k, ids)| {
                let title = kinds::page_kind(k).map_or(k, |p| p.title);
                context! { kind => k, title => title, ids => ids }
            })
            .collect();
        let file = record.file.as_deref();
        // A role's file is aims.yaml: its approval and history are the configuration
        // page's, and its page shows what it approved instead.
        let own_file = file.filter(|_| kind != "role");
        let status = own_file.and_then(|f| view.approval(f));
        let given = if kind == "role" {
            super::val(self.approvals_by_role.get(&record.id))
        } else {
            Value::from(())
        };
        context! {
            footer => context! {
                x => own_fields(&record.value),
                referenced_by => referenced_by,
                approval => own_file.map(|_| self.approval(status)),
                history => own_file.map(|f| self.history(f, status)),
                history_read => own_file.map(|_| self.inputs.timeline.is_some()),
                source => own_file.map(|f| context! { path => f, text => self.source_text(f) }),
            },
            approvals_given => given,
        }
    }

    /// The approval state of a file's entity and every approval in its history.
    fn approval(&self, status: Option<&EntityStatus>) -> Value {
        context! {
            read => self.inputs.report.view.approvals.is_some(),
            state => status.map(|s| s.state.as_str()),
            approvals => super::val(status.map(approval_rows).unwrap_or_default()),
            awaiting => super::val(status.map(|s| &s.awaiting)),
        }
    }

    /// The commits that changed an entity's file, newest first, with the approvals
    /// each gave; commits that approved it without changing it included.
    fn history(&self, file: &str, status: Option<&EntityStatus>) -> Value {
        let Some(timeline) = self.inputs.timeline else {
            return Value::from(());
        };
        let approvals = status.map(approval_rows).unwrap_or_default();
        let order = &self.commit_order;
        let mut rows: Vec<(usize, HistoryRow)> = Vec::new();
        if let Some(h) = timeline.entities.get(file) {
            for e in &h.entries {
                let commit = e.commit.to_string();
                let at = order.get(&commit).copied();
                let author = at.map(|i| &timeline.commits[i].author);
                rows.push((
                    at.unwrap_or(usize::MAX),
                    HistoryRow {
                        date: date(e.time),
                        author: author.map_or_else(|| e.author.clone(), |p| p.name.clone()),
                        author_email: author.map(|p| p.email.clone()).unwrap_or_default(),
                        summary: e.summary.clone(),
                        path: e.path.clone(),
                        changes: e.changes.clone(),
                        approvals: approvals
                            .iter()
                            .filter(|a| a.commit == commit)
                            .cloned()
                            .collect(),
                        commit,
                    },
                ));
            }
        }
        for a in &approvals {
            if rows.iter().any(|(_, r)| r.commit == a.commit) {
                continue;
            }
            let Some(&i) = order.get(&a.commit) else {
                continue;
            };
            let c = &timeline.commits[i];
            rows.push((
                i,
                HistoryRow {
                    commit: a.commit.clone(),
                    date: date(c.time),
                    author: c.author.name.clone(),
                    author_email: c.author.email.clone(),
                    summary: c.summary.clone(),
                    path: file.to_string(),
                    changes: Vec::new(),
                    approvals: approvals
                        .iter()
                        .filter(|x| x.commit == a.commit)
                        .cloned()
                        .collect(),
                },
            ));
        }
        rows.sort_by_key(|(i, _)| *i);
        super::val(rows.into_iter().map(|(_, r)| r).collect::<Vec<_>>())
    }

    /// The text of a register file as the version read holds it.
    fn source_text(&self, file: &str) -> Option<String> {
        let register = self.inputs.report.view.register;
        let bytes = match &register.source {
            crate::register::Source::Snapshot { files, .. } => files.get(file).cloned()?,
            crate::register::Source::Disk => {
                let path = register.root.join(file);
                let meta = std::fs::symlink_metadata(&path).ok()?;
                if !meta.is_file() || meta.len() > crate::register::MAX_FILE_BYTES {
                    return None;
                }
                std::fs::read(path).ok()?
            }
        };
        String::from_utf8(bytes).ok()
    }

    fn home(&self) -> Value {
        let report = self.inputs.report;
        let board = report.board();
        let counts: Vec<Value> = self
            .kinds
            .iter()
            .map(|k| {
                context! {
                    key => k.kind.key,
                    title => k.kind.title,
                    href => format!("{}/index.html", k.kind.folder),
                    count => k.records.len(),
                }
            })
            .collect();
        let recent: Vec<&CommitPage> = self
            .commits
            .iter()
            .filter(|c| !c.files.is_empty() || !c.approvals.is_empty())
            .take(10)
            .collect();
        let high: Vec<&crate::report::context::RiskEntry> = self
            .audit
            .risks
            .iter()
            .filter(|r| r.status == "open" && r.kind == "risk")
            .take(10)
            .collect();
        let view = report.view;
        let programme = &view.programme;
        let management = context! {
            last_review => view.last_management_review().map(|m| context! { id => m.id().to_string(), date => m.review.date.to_string() }),
            next_review => view.next_management_review().map(|(due, every)| context! {
                due => due.to_string(), every => every.to_string(), overdue => due < view.today,
            }),
            last_audit => programme.last_done.map(|(id, date)| context! { id => id.to_string(), date => date.to_string() }),
            next_audit => programme.next_due().map(|due| context! { due => due.to_string(), overdue => due < view.today }),
            audit_every => programme.every.to_string(),
            uncovered_clauses => programme.uncovered_clauses(),
            uncovered_controls => programme.uncovered_controls().into_iter().map(String::from).collect::<Vec<_>>(),
            planned_audits => view.audits.iter().filter(|a| a.is_pending()).map(|a| context! { id => a.id().to_string(), planned => a.audit.planned.to_string() }).collect::<Vec<_>>(),
        };
        context! {
            page => context! { title => "Home", section => "home" },
            management => management,
            counts => counts,
            clauses => super::val(&self.audit.clauses),
            clause_totals => super::val(self.audit.clause_totals),
            heatmaps => super::val(self.heatmaps),
            overdue => super::val(&self.audit.overdue),
            recent => super::val(&recent),
            top_risks => super::val(&high),
            by_band => super::val(&board.by_band),
            progress => super::val(&board.progress),
            totals => super::val(&board.totals),
            evidence => self.evidence.items.len(),
            commits => self.commits.len(),
            context_page => self.context.is_some(),
        }
    }

    fn soa(&self, page: Value) -> Value {
        let view = self.inputs.report.view;
        let soa = self.inputs.report.soa();
        // Who approved the decisions in force, and which are not approved.
        let mut approvers: BTreeMap<(String, String), Approver> = BTreeMap::new();
        let mut unapproved = Vec::new();
        for c in &soa.controls {
            match &c.approved {
                Some(a) => {
                    let e = approvers
                        .entry((a.by.clone(), a.role.clone()))
                        .or_insert_with(|| Approver {
                            count: 0,
                            first: a.date.clone(),
                            last: a.date.clone(),
                            verification: BTreeSet::new(),
                        });
                    e.count += 1;
                    e.first = e.first.clone().min(a.date.clone());
                    e.last = e.last.clone().max(a.date.clone());
                    e.verification.insert(a.verification);
                }
                None if c.approval.is_some() => unapproved.push((c.id.clone(), c.approval)),
                None => {}
            }
        }
        let approvers: Vec<Value> = approvers
            .into_iter()
            .map(|((by, role), a)| merge_maps([context! { by => by, role => role }, super::val(a)]))
            .collect();
        let unapproved: Vec<Value> = unapproved
            .into_iter()
            .map(|(id, state)| context! { id => id, state => state })
            .collect();
        context! {
            page => page,
            controls => super::val(&soa.controls),
            totals => super::val(&soa.totals),
            approvers => approvers,
            unapproved => unapproved,
            decisions => soa.controls.iter().filter(|c| c.approval.is_some()).count(),
            approvals_read => view.approvals.is_some(),
        }
    }

    fn findings(&self) -> Value {
        let rows: Vec<Value> = self
            .audit
            .findings
            .iter()
            .map(|f| {
                let kind = file_kind(&f.file).map(entity_link_kind);
                merge_maps([context! { kind => kind }, super::val(f)])
            })
            .collect();
        Value::from(rows)
    }

    fn configuration(&self, page: Value) -> Value {
        let view = self.inputs.report.view;
        let config = view.config();
        let cycles = &view.cycles;
        let record = Record::config_value(config);
        let file = crate::register::CONFIG_FILE;
        let status = view.approval(file);
        context! {
            page => page,
            config => record.clone(),
            criteria => super::val(&self.audit.criteria),
            cycles => super::val(serde_json::json!({
                "impact_review": cycles.impact_review.to_string(),
                "control_review": cycles.control_review.to_string(),
                "management_review": cycles.management_review.to_string(),
                "policy_review": cycles.policy_review.to_string(),
            })),
            footer => context! {
                x => own_fields(&record),
                referenced_by => (),
                approval => self.approval(status),
                history => self.history(file, status),
                history_read => self.inputs.timeline.is_some(),
                source => context! { path => file, text => self.source_text(file) },
            },
        }
    }

    fn reference(&self, page: Value) -> Value {
        let view = self.inputs.report.view;
        let categories: Vec<Value> = view
            .categories
            .iter()
            .map(|c| {
                let controls: Vec<String> = match catalog::category(c.id) {
                    Some(builtin) => builtin.controls.iter().map(|x| x.to_string()).collect(),
                    None => view
                        .config()
                        .and_then(|config| config.categories.iter().find(|x| x.id == c.id))
                        .map(|x| x.controls.clone())
                        .unwrap_or_default(),
                };
                context! { id => c.id, title => c.title, builtin => c.builtin, controls => controls }
            })
            .collect();
        context! {
            page => page,
            categories => categories,
            annex_c_objectives => super::val(catalog::ANNEX_C_OBJECTIVES),
            risk_sources => super::val(catalog::RISK_SOURCES),
            owasp => super::val(catalog::OWASP_LLM),
            owasp_source => catalog::OWASP_SOURCE,
            nist => super::val(catalog::NIST_CATEGORIES),
            nist_source => catalog::NIST_SOURCE,
            objectives => super::val(catalog::OBJECTIVES),
        }
    }
}

impl Record {
    /// `aims.yaml` as the configuration page shows it: every field, as written.
    fn config_value(config: Option<&crate::model::Config>) -> Value {
        super::val(config)
    }
}

/// The `x:` map of a record, or none.
fn own_fields(record: &Value) -> Value {
    record
        .get_attr("x")
        .ok()
        .filter(|x| !x.is_undefined())
        .unwrap_or(Value::from(()))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The search index: every page with an id, its title and its text, as a script
/// (a `file://` page may load a script but not fetch a JSON file).
fn search_index(data: &Data<'_, '_, '_>) -> String {
    let mut entries: Vec<[String; 5]> = Vec::new();
    for k in data.kinds {
        for (r, path) in k.records.iter().zip(&k.paths) {
            entries.push([
                k.kind.noun.to_string(),
                r.id.clone(),
                r.title.clone(),
                encode_path(path),
                r.text.clone(),
            ]);
        }
    }
    if let Some(c) = data.context {
        entries.push([
            "context".into(),
            c.id.clone(),
            c.title.clone(),
            "organisation/context.html".into(),
            c.text.clone(),
        ]);
    }
    for item in &data.evidence.items {
        entries.push([
            "evidence".into(),
            item.reference.clone(),
            item.citations
                .iter()
                .map(|c| c.entity.as_str())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
                .join(", "),
            format!("evidence/index.html#{}", item.anchor),
            String::new(),
        ]);
    }
    for c in data.commits {
        entries.push([
            "commit".into(),
            c.short.clone(),
            c.summary.clone(),
            encode_path(&format!("history/{}.html", c.id)),
            format!("{} {}", c.author, c.date),
        ]);
    }
    let json = serde_json::to_string(&entries).unwrap_or_else(|_| "[]".to_string());
    format!("window.AIMS_SEARCH = {json};\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_ids_get_pages_of_their_own() {
        let record = |id: &str| Record {
            id: id.to_string(),
            title: String::new(),
            file: None,
            value: Value::from(()),
            refs: Vec::new(),
            text: String::new(),
        };
        let (paths, duplicate) = page_paths(
            "risks",
            &[record("R-1"), record("R-1"), record("r-1"), record("R-2")],
        );
        assert_eq!(
            paths,
            [
                "risks/R-1.html",
                "risks/R-1~2.html",
                "risks/r-1~3.html",
                "risks/R-2.html"
            ]
        );
        assert_eq!(duplicate, [false, true, true, false]);
    }
}
