//! Rows of a risk register into risk files.
//!
//! Each row is resolved field by field into a [`Draft`] with every problem it has;
//! then ids are given in row order: the sheet's own id when it is a valid, free id,
//! otherwise the register's next id with the sheet's kept under `x.import_id`. With
//! `--update`, a row whose id matches a risk's `x.import_id` (or its id) updates that
//! risk instead.

use chrono::NaiveDate;
use serde_json::json;

use super::columns::{Column, column_of};
use super::content::{self, DateOrders};
use super::ids;
use super::plan::{Draft, Planned, RowView, list};
use super::spellings::Status;
use super::table::Table;
use super::values::{Fix, Problem, Resolver};
use super::{Request, dates};
use crate::criteria::Scoring;
use crate::edit::Node;
use crate::model::Kind;
use crate::register::Register;

const DATE_FIELDS: &[&str] = &[
    "identified",
    "last-review",
    "next-review",
    "review-date",
    "acceptance-date",
    "acceptance-expiry",
    "action-due",
];

/// Plans every row of `table`.
pub fn plan(
    request: &Request,
    table: &Table,
    mut columns: Vec<Column>,
    values: &mut Resolver,
    register: &Register,
    scoring: &Scoring,
) -> Planned {
    let mut notes = Vec::new();
    content::decide(&mut columns, table, values);
    let orders = content::date_orders(&mut columns, table, DATE_FIELDS, request.date_format);
    let mut counts = Counts::default();
    let mut drafts: Vec<(Option<String>, Draft)> = Vec::new();
    for row in &table.rows {
        let view = RowView {
            row,
            columns: &columns,
            defaults: &request.defaults,
        };
        let mut risk = RowRisk {
            view: &view,
            values,
            orders: &orders,
            scoring,
            today: request.today,
            problems: Vec::new(),
            x: view.extension(),
        };
        let draft = risk.draft(&mut counts);
        drafts.push(draft);
    }
    if let Some(c) = columns.iter_mut().find(|c| c.fills("review-date")) {
        c.note = Some(format!(
            "next review for {} row{} (after {}), last review for {}",
            counts.next,
            if counts.next == 1 { "" } else { "s" },
            request.today,
            counts.last
        ));
    }
    if counts.residual_kept > 0
        && let Some(c) = columns.iter_mut().find(|c| c.fills("residual-level"))
    {
        c.note = Some(format!(
            "kept under x for {} row{}: map its levels with --value \"level:High=4x4,...\" to make it the target",
            counts.residual_kept,
            if counts.residual_kept == 1 { "" } else { "s" }
        ));
    }
    let drafts = ids::assign(drafts, request.update, register, &mut notes);
    Planned {
        kind: Kind::Risk,
        drafts,
        columns,
        notes,
    }
}

/// What the rows did with the columns whose use varies by row.
#[derive(Default)]
pub(super) struct Counts {
    /// "Review date" read as the next review, and as the last.
    pub(super) next: usize,
    pub(super) last: usize,
    /// Residual levels no `--value` maps, kept under `x`.
    pub(super) residual_kept: usize,
}

pub(super) struct RowRisk<'a, 'v, 'r> {
    pub(super) view: &'a RowView<'a>,
    pub(super) values: &'v mut Resolver<'r>,
    pub(super) orders: &'a DateOrders,
    pub(super) scoring: &'a Scoring,
    pub(super) today: NaiveDate,
    pub(super) problems: Vec<Problem>,
    pub(super) x: Vec<(String, Node)>,
}

pub(super) fn missing(what: &str, hint: &str) -> Problem {
    Problem {
        message: format!("no {what}"),
        fix: Some(Fix::Hint(hint.to_string())),
    }
}

impl RowRisk<'_, '_, '_> {
    pub(super) fn row(&self) -> u32 {
        self.view.number()
    }

    pub(super) fn get(&mut self, field: &'static str) -> Option<String> {
        self.view.get(field, self.values)
    }

    pub(super) fn keep(&mut self, field: &str, text: impl Into<String>) {
        if let Some(c) = column_of(self.view.columns, field) {
            self.x.push((c.header.clone(), Node::text(text)));
        }
    }

    pub(super) fn date(&mut self, field: &'static str) -> Option<NaiveDate> {
        let cell = self.view.typed(field, self.values)?;
        let order = self.orders.get(field).copied().flatten();
        match dates::parse(&cell, order, false) {
            Ok(d) => Some(d),
            Err(dates::DateProblem::Ambiguous) => {
                self.problems.push(Problem {
                    message: format!(
                        "{field} `{}` could be day/month or month/day",
                        cell.text()
                    ),
                    fix: Some(Fix::Hint(
                        "dates like 11/02/2026: say which order with --date-format DD/MM/YYYY or --date-format MM/DD/YYYY".into(),
                    )),
                });
                None
            }
            Err(dates::DateProblem::NotADate) => {
                self.problems.push(Problem {
                    message: format!("{field} `{}` is not a date", cell.text()),
                    fix: Some(Fix::Value {
                        field,
                        value: cell.text().into_owned(),
                        to: "YYYY-MM-DD",
                        create: None,
                    }),
                });
                None
            }
        }
    }

    fn level(&mut self, field: &'static str) -> Option<u32> {
        let text = self.get(field)?;
        let row = self.row();
        self.values
            .level(field, &text, row)
            .map_err(|p| self.problems.push(p))
            .ok()
    }

    fn draft(&mut self, counts: &mut Counts) -> (Option<String>, Draft) {
        let row = self.row();
        let sheet_id = self.get("id");
        let description = self.get("description");
        let title = self
            .get("title")
            .or_else(|| description.as_deref().map(content::title_from));
        if title.is_none() {
            self.problems.push(missing(
                "title",
                "no title: map the column naming each risk with --map \"COLUMN=title\"",
            ));
        }
        let owner = match self.get("owner") {
            Some(text) => self
                .values
                .role("owner", &text, row, false)
                .map_err(|p| self.problems.push(p))
                .ok(),
            None => {
                self.problems.push(missing(
                    "owner",
                    "no owner: give one with --default owner=ROLE",
                ));
                None
            }
        };
        let systems = self.systems(owner.as_deref());
        let category = match self.get("category") {
            Some(text) => self
                .values
                .category(&text, row)
                .map_err(|p| self.problems.push(p))
                .ok(),
            None => {
                self.problems.push(missing(
                    "category",
                    "no category: give one with --default category=CATEGORY (see `aims catalog categories`)",
                ));
                None
            }
        };
        let assessment = self.assessment();
        let target = self.target(counts);
        let mut fields: Vec<(String, Node)> = Vec::new();
        let text = |s: &str| Node::text(s);
        fields.push(("title".into(), text(title.as_deref().unwrap_or(""))));
        fields.push((
            "systems".into(),
            Node::Seq(systems.iter().map(|s| text(s)).collect()),
        ));
        fields.push(("category".into(), text(category.as_deref().unwrap_or(""))));
        if let Some(cause) = self.get("cause") {
            fields.push(("cause".into(), text(&cause)));
        }
        let event = self
            .get("event")
            .or_else(|| description.clone().filter(|d| Some(d) != title.as_ref()));
        if let Some(event) = event {
            fields.push(("event".into(), text(&event)));
        }
        if let Some(c) = self.get("consequence-text") {
            fields.push(("consequence".into(), text(&c)));
        }
        if let Some(parties) = self.get("affected-parties") {
            fields.push((
                "affected_parties".into(),
                Node::Seq(list(&parties, true).iter().map(|p| text(p)).collect()),
            ));
        }
        fields.push(("owner".into(), text(owner.as_deref().unwrap_or(""))));
        let mut fallbacks = Vec::new();
        let identified = self.date("identified").unwrap_or_else(|| {
            fallbacks.push("identified");
            self.today
        });
        fields.push(("identified".into(), text(&identified.to_string())));
        let mut rationale: Vec<String> = self.get("rationale").into_iter().collect();
        if let Some(existing) = self.get("existing-controls") {
            rationale.push(format!("Existing controls: {existing}"));
        }
        let (l, c) = assessment.unwrap_or((1, 1));
        let mut scored = vec![
            ("likelihood".to_string(), Node::Scalar(json!(l))),
            ("consequence".to_string(), Node::Scalar(json!(c))),
        ];
        if !rationale.is_empty() {
            scored.push(("rationale".into(), text(&rationale.join("\n"))));
        }
        fields.push(("assessment".into(), Node::Map(scored)));
        if let Some((tl, tc)) = target {
            fields.push((
                "target".into(),
                Node::Map(vec![
                    ("likelihood".into(), Node::Scalar(json!(tl))),
                    ("consequence".into(), Node::Scalar(json!(tc))),
                ]),
            ));
        }
        let controls = self.controls();
        if !controls.is_empty() {
            fields.push((
                "controls".into(),
                Node::Seq(controls.iter().map(|c| text(c)).collect()),
            ));
        }
        if let Some(refs) = self.get("infosec") {
            fields.push((
                "infosec_refs".into(),
                Node::Seq(list(&refs, true).iter().map(|r| text(r)).collect()),
            ));
        }
        let status = self.status();
        if let Some(treatment) = self.treatment(owner.as_deref(), status.clone()) {
            fields.push(("treatment".into(), treatment));
        }
        if let Some(review) = self.review(counts) {
            fields.push(("review".into(), review));
        }
        match status {
            Some((Status::Closed, reason)) => {
                fields.push(("status".into(), text("closed")));
                fields.push(("closed_reason".into(), text(&reason)));
            }
            Some(_) => fields.push(("status".into(), text("open"))),
            None => {
                fallbacks.push("status");
                fields.push(("status".into(), text("open")));
            }
        }
        if !self.x.is_empty() {
            fields.push(("x".into(), Node::Map(std::mem::take(&mut self.x))));
        }
        let detail = match assessment {
            Some((l, c)) => self
                .scoring
                .rate(l, c)
                .map(|r| self.scoring.describe(&r))
                .unwrap_or_default(),
            None => String::new(),
        };
        let draft = Draft {
            row,
            id: String::new(),
            fields,
            label: title.unwrap_or_default(),
            detail,
            owner: owner.unwrap_or_default(),
            previous: None,
            fallbacks,
            problems: std::mem::take(&mut self.problems),
        };
        (sheet_id, draft)
    }

    fn systems(&mut self, owner: Option<&str>) -> Vec<String> {
        let row = self.row();
        let Some(text) = self.get("systems") else {
            self.problems.push(missing(
                "AI system",
                "no AI system: give one with --default system=SYSTEM, or map the column naming it with --map \"COLUMN=systems\"",
            ));
            return Vec::new();
        };
        // The whole cell first: a system's name may hold a comma.
        let whole = text.contains([';', '\n'])
            || !self.values.knows_system(&text) && {
                let parts = list(&text, true);
                parts.len() > 1 && parts.iter().all(|p| self.values.knows_system(p))
            };
        let names = if whole { list(&text, true) } else { vec![text] };
        let mut ids = Vec::new();
        for name in names {
            let name = self.values.mapped("systems", &name, row).unwrap_or(name);
            if name.trim().is_empty() {
                continue;
            }
            match self.values.system(&name, row, owner) {
                Ok(id) if !ids.contains(&id) => ids.push(id),
                Ok(_) => {}
                Err(p) => self.problems.push(p),
            }
        }
        ids
    }

    /// Likelihood and consequence, or an overall level given as `LxC`.
    fn assessment(&mut self) -> Option<(u32, u32)> {
        let (l, c) = (
            self.view.cell("likelihood").is_some() || self.view.defaults.contains_key("likelihood"),
            self.view.cell("consequence").is_some()
                || self.view.defaults.contains_key("consequence"),
        );
        if l || c {
            let (l, c) = (self.level("likelihood"), self.level("consequence"));
            if self.view.cell("likelihood").is_none()
                && !self.view.defaults.contains_key("likelihood")
            {
                self.problems.push(missing(
                    "likelihood",
                    "no likelihood: give one with --default likelihood=LEVEL",
                ));
            }
            if self.view.cell("consequence").is_none()
                && !self.view.defaults.contains_key("consequence")
            {
                self.problems.push(missing(
                    "consequence level",
                    "no consequence level: give one with --default consequence=LEVEL",
                ));
            }
            return l.zip(c);
        }
        let row = self.row();
        match self.get("level") {
            Some(text) => self
                .values
                .overall("level", &text, row)
                .map_err(|p| self.problems.push(p))
                .ok(),
            None => {
                self.problems.push(missing(
                    "likelihood and consequence",
                    "no likelihood and consequence: map their columns with --map \"COLUMN=likelihood\" and --map \"COLUMN=consequence\"",
                ));
                None
            }
        }
    }

    /// The residual likelihood and consequence, or a residual overall level as `LxC`;
    /// a residual level nothing maps is kept under `x`.
    fn target(&mut self, counts: &mut Counts) -> Option<(u32, u32)> {
        let row = self.row();
        if self.view.cell("residual-likelihood").is_some()
            || self.view.cell("residual-consequence").is_some()
        {
            let l = self.level("residual-likelihood");
            let c = self.level("residual-consequence");
            if l.is_none() != c.is_none() {
                // Half a target is no target; the half the sheet has is kept.
                for field in ["residual-likelihood", "residual-consequence"] {
                    if let Some(cell) = self.view.cell(field) {
                        let text = cell.text().into_owned();
                        self.keep(field, text);
                    }
                }
            }
            return l.zip(c);
        }
        let text = self.get("residual-level")?;
        match self.values.overall("residual-level", &text, row) {
            Ok(lc) => Some(lc),
            Err(_) => {
                counts.residual_kept += 1;
                self.keep("residual-level", text);
                None
            }
        }
    }

    fn controls(&mut self) -> Vec<String> {
        let Some(text) = self.get("controls") else {
            return Vec::new();
        };
        let mut ids = Vec::new();
        for item in list(&text, true) {
            match content::control_id(&item, self.values) {
                Some(id) if !ids.contains(&id) => ids.push(id),
                Some(_) => {}
                None => self.problems.push(Problem::new(format!(
                    "control `{item}` is neither an Annex A control nor a custom control"
                ))),
            }
        }
        ids
    }
}
