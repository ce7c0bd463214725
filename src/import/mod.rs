//! Bringing a spreadsheet risk register into the register.
//!
//! A CSV or Excel sheet is read into a table; its columns are recognised by their
//! common names (case-insensitive) or mapped explicitly; each row becomes a risk file,
//! checked exactly as loading would check it, with scale labels ("Likely", "Major")
//! mapped to levels through the register's criteria. Every row that cannot be imported
//! is reported with its row number and why. Writing is all or nothing.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use chrono::NaiveDate;

use crate::author::{self, NewRisk};
use crate::catalog;
use crate::criteria::Scoring;
use crate::model::{FileKind, Kind};
use crate::register::journal::{self, Journal};
use crate::register::lock::{self, Lock};
use crate::register::{self, Register};
use crate::schema;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read `{path}`: {message}")]
    Read { path: String, message: String },
    #[error("`{0}` has no header row")]
    Empty(String),
    #[error("`--map {0}`: write COLUMN=field, with field one of {fields}", fields = FIELDS.join(", "))]
    Mapping(String),
    #[error("cannot write `{path}`; nothing was imported")]
    Write { path: String, source: io::Error },
}

/// A sheet: its header and its rows, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Reads the first sheet of an `.xlsx`/`.xls`/`.ods` workbook, or a CSV file.
pub fn read_table(path: &Path) -> Result<Table, ImportError> {
    let read_error = |message: String| ImportError::Read {
        path: path.display().to_string(),
        message,
    };
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut rows: Vec<Vec<String>> =
        if matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
            use calamine::{Data, Reader};
            let mut workbook =
                calamine::open_workbook_auto(path).map_err(|e| read_error(e.to_string()))?;
            let range = workbook
                .worksheet_range_at(0)
                .ok_or_else(|| read_error("the workbook has no sheet".to_string()))?
                .map_err(|e| read_error(e.to_string()))?;
            range
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|cell| match cell {
                            Data::Empty => String::new(),
                            Data::String(s) => s.clone(),
                            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                                format!("{}", *f as i64)
                            }
                            Data::Float(f) => f.to_string(),
                            Data::Int(i) => i.to_string(),
                            Data::Bool(b) => b.to_string(),
                            Data::DateTime(d) => d
                                .as_datetime()
                                .map(|dt| dt.date().to_string())
                                .unwrap_or_else(|| d.to_string()),
                            Data::DateTimeIso(s) => s.chars().take(10).collect(),
                            Data::DurationIso(s) => s.clone(),
                            Data::Error(e) => format!("#{e:?}"),
                        })
                        .collect()
                })
                .collect()
        } else {
            let bytes = fs::read(path).map_err(|e| read_error(e.to_string()))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| read_error("not UTF-8; save the sheet as CSV UTF-8".to_string()))?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            reader
                .records()
                .map(|r| {
                    r.map(|r| r.iter().map(String::from).collect())
                        .map_err(|e| read_error(e.to_string()))
                })
                .collect::<Result<_, _>>()?
        };
    if rows.is_empty() {
        return Err(ImportError::Empty(path.display().to_string()));
    }
    let headers: Vec<String> = rows
        .remove(0)
        .into_iter()
        .map(|h| h.trim().to_string())
        .collect();
    rows.retain(|r| r.iter().any(|c| !c.trim().is_empty()));
    Ok(Table { headers, rows })
}

/// The risk fields a column can fill.
pub const FIELDS: &[&str] = &[
    "id",
    "title",
    "description",
    "cause",
    "event",
    "consequence-text",
    "likelihood",
    "consequence",
    "owner",
    "treatment",
    "treatment-rationale",
    "controls",
    "review-date",
    "systems",
    "category",
    "identified",
    "rationale",
    "ignore",
];

/// The field a column fills, from its header (common names, case-insensitive).
pub fn recognise(header: &str) -> Option<&'static str> {
    let h: String = header
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(match h.as_str() {
        "id" | "risk id" | "ref" | "risk ref" | "reference" | "risk no" | "risk number" | "no" => {
            "id"
        }
        "title" | "risk" | "risk title" | "name" | "risk name" | "summary" => "title",
        "description" | "risk description" | "details" => "description",
        "cause" | "causes" | "root cause" => "cause",
        "event" | "risk event" => "event",
        "effect" | "effects" | "consequence description" => "consequence-text",
        "likelihood" | "probability" | "likelihood rating" | "l" => "likelihood",
        "impact" | "consequence" | "severity" | "impact rating" | "c" | "i" => "consequence",
        "owner" | "risk owner" | "accountable" => "owner",
        "treatment" | "treatment option" | "response" | "risk response" | "strategy" => "treatment",
        "treatment plan" | "treatment rationale" | "mitigation" | "mitigation plan" => {
            "treatment-rationale"
        }
        "controls"
        | "control"
        | "annex a controls"
        | "mitigating controls"
        | "iso 42001 controls" => "controls",
        "review date" | "last review" | "last reviewed" | "reviewed" | "date reviewed" => {
            "review-date"
        }
        "system" | "systems" | "system s" | "ai system" | "ai systems" | "ai system s"
        | "model" => "systems",
        "category" | "risk category" | "type" | "risk type" => "category",
        "identified" | "date identified" | "raised" | "date raised" | "created" => "identified",
        "rationale" | "scoring rationale" | "assessment rationale" => "rationale",
        _ => return None,
    })
}

/// Parses `--map COLUMN=field` arguments.
pub fn parse_mapping(maps: &[String]) -> Result<Vec<(String, &'static str)>, ImportError> {
    maps.iter()
        .map(|m| {
            let (column, field) = m
                .split_once('=')
                .ok_or_else(|| ImportError::Mapping(m.clone()))?;
            let field = FIELDS
                .iter()
                .find(|f| f.eq_ignore_ascii_case(field.trim()))
                .ok_or_else(|| ImportError::Mapping(m.clone()))?;
            Ok((column.trim().to_lowercase(), *field))
        })
        .collect()
}

/// One row ready to write.
#[derive(Debug, Clone)]
pub struct Planned {
    pub row: usize,
    pub id: String,
    pub title: String,
    pub score: String,
    pub owner: String,
    pub path: String,
    pub text: String,
}

/// One row that cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The row number as the spreadsheet shows it (the header is row 1).
    pub row: usize,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub risks: Vec<Planned>,
    pub errors: Vec<RowError>,
    /// Columns nothing was taken from.
    pub ignored: Vec<String>,
    /// Column -> field, as used.
    pub columns: Vec<(String, &'static str)>,
}

fn level(value: &str, names: &[String], scale: &str) -> Result<u32, String> {
    let v = value.trim();
    if let Ok(n) = v.parse::<u32>() {
        if (1..=names.len() as u32).contains(&n) {
            return Ok(n);
        }
        return Err(format!(
            "{scale} {n} is outside the scale (1 to {})",
            names.len()
        ));
    }
    names
        .iter()
        .position(|n| n.eq_ignore_ascii_case(v))
        .map(|i| i as u32 + 1)
        .ok_or_else(|| {
            format!(
                "{scale} `{v}` is not a level of the scale ({})",
                names.join(", ")
            )
        })
}

fn treatment(value: &str) -> Option<&'static str> {
    Some(match value.trim().to_lowercase().as_str() {
        "avoid" | "terminate" | "eliminate" => "avoid",
        "mitigate" | "reduce" | "treat" | "modify" | "control" => "mitigate",
        "transfer" | "share" | "insure" => "transfer",
        "accept" | "retain" | "tolerate" => "accept",
        _ => return None,
    })
}

fn date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d/%m/%Y"))
        .or_else(|_| NaiveDate::parse_from_str(v, "%d.%m.%Y"))
        .ok()
}

fn list(value: &str) -> Vec<String> {
    value
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Turns every row into a risk file, or an error saying why it cannot be.
pub fn plan(
    table: &Table,
    mapping: &[(String, &'static str)],
    register: &Register,
    scoring: &Scoring,
    today: NaiveDate,
) -> Plan {
    let mut plan = Plan::default();
    let columns: Vec<Option<&'static str>> = table
        .headers
        .iter()
        .map(|h| {
            mapping
                .iter()
                .find(|(c, _)| *c == h.to_lowercase())
                .map(|(_, f)| *f)
                .or_else(|| recognise(h))
                .filter(|f| *f != "ignore")
        })
        .collect();
    for (header, field) in table.headers.iter().zip(&columns) {
        match field {
            Some(f) => plan.columns.push((header.clone(), f)),
            None => plan.ignored.push(header.clone()),
        }
    }
    let systems: BTreeSet<&str> = register
        .systems
        .iter()
        .map(|s| s.value.id.as_str())
        .collect();
    let roles: BTreeSet<&str> = register
        .config
        .iter()
        .flat_map(|c| c.value.roles.iter().map(|r| r.id.as_str()))
        .collect();
    let mut categories: BTreeSet<&str> = catalog::CATEGORIES.iter().map(|c| c.id).collect();
    categories.extend(
        register
            .config
            .iter()
            .flat_map(|c| c.value.categories.iter().map(|x| x.id.as_str())),
    );
    let controls: BTreeSet<&str> = catalog::CONTROLS
        .iter()
        .map(|c| c.id)
        .chain(register.controls.iter().map(|c| c.value.id.as_str()))
        .collect();
    let mut taken: BTreeSet<String> = register
        .documents
        .iter()
        .filter(|d| d.kind == FileKind::Entity(Kind::Risk))
        .map(|d| d.stem.clone())
        .collect();
    let mut next = author::next_id(taken.iter().map(String::as_str), "R-001");

    for (i, row) in table.rows.iter().enumerate() {
        let number = i + 2;
        let get = |field: &str| -> Option<String> {
            columns
                .iter()
                .position(|c| *c == Some(field))
                .and_then(|j| row.get(j))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let mut problems: Vec<String> = Vec::new();
        let mut require = |field: &str, name: &str| -> String {
            get(field).unwrap_or_else(|| {
                problems.push(format!("no {name}"));
                String::new()
            })
        };
        let title = require("title", "title");
        let owner = require("owner", "owner");
        let category = require("category", "category");
        let system_list = get("systems").map(|s| list(&s)).unwrap_or_default();
        let likelihood_text = require("likelihood", "likelihood");
        let consequence_text = require("consequence", "consequence level");
        if system_list.is_empty() {
            problems.push("no AI system".to_string());
        }
        for s in &system_list {
            if !systems.contains(s.as_str()) {
                problems.push(format!("AI system `{s}` does not exist"));
            }
        }
        if !owner.is_empty() && !roles.contains(owner.as_str()) {
            problems.push(format!("owner `{owner}` is not a role of aims.yaml"));
        }
        if !category.is_empty() && !categories.contains(category.as_str()) {
            problems.push(format!("category `{category}` is not a known category"));
        }
        let likelihood = (!likelihood_text.is_empty())
            .then(|| level(&likelihood_text, &scoring.likelihood_names, "likelihood"))
            .transpose()
            .unwrap_or_else(|e| {
                problems.push(e);
                None
            });
        let consequence = (!consequence_text.is_empty())
            .then(|| level(&consequence_text, &scoring.consequence_names, "consequence"))
            .transpose()
            .unwrap_or_else(|e| {
                problems.push(e);
                None
            });
        let control_list = get("controls").map(|c| list(&c)).unwrap_or_default();
        for c in &control_list {
            if !controls.contains(c.as_str()) {
                problems.push(format!(
                    "control `{c}` is neither an Annex A control nor a custom control"
                ));
            }
        }
        let option = match get("treatment") {
            Some(t) => match treatment(&t) {
                Some(o) => Some(o),
                None => {
                    problems.push(format!(
                        "treatment `{t}` is not avoid, mitigate, transfer or accept"
                    ));
                    None
                }
            },
            None => None,
        };
        let mut dated = |field: &str, name: &str| -> Option<NaiveDate> {
            let v = get(field)?;
            let d = date(&v);
            if d.is_none() {
                problems.push(format!(
                    "{name} `{v}` is not a date (YYYY-MM-DD or DD/MM/YYYY)"
                ));
            }
            d
        };
        let review = dated("review-date", "review date");
        let identified = dated("identified", "identified date").unwrap_or(today);
        let id = match get("id") {
            Some(id) => {
                if taken.contains(&id) {
                    problems.push(format!("id `{id}` is already used"));
                }
                id
            }
            None => next.clone(),
        };
        if !problems.is_empty() {
            plan.errors.push(RowError {
                row: number,
                message: problems.join("; "),
            });
            continue;
        }
        let (likelihood, consequence) = (likelihood.unwrap_or(1), consequence.unwrap_or(1));
        let new = NewRisk {
            title: title.clone(),
            systems: system_list,
            category,
            cause: get("cause"),
            event: get("event").or_else(|| get("description")),
            consequence_text: get("consequence-text"),
            owner: owner.clone(),
            identified: Some(identified),
            likelihood,
            consequence,
            rationale: get("rationale"),
            controls: control_list,
            treatment: option.map(|o| (o.to_string(), get("treatment-rationale"))),
            actions: Vec::new(),
            acceptance: None,
            reviewed: review,
            x: Vec::new(),
        };
        let path = format!("risks/{id}.yaml");
        let text = format!(
            "{}{}",
            schema::modeline(Kind::Risk.into()),
            new.document(&id, today)
        );
        let findings = register::check_text(Kind::Risk.into(), &path, &text);
        if let Some(f) = findings.first() {
            plan.errors.push(RowError {
                row: number,
                message: f.message.clone(),
            });
            continue;
        }
        let score = scoring
            .rate(likelihood, consequence)
            .map(|r| scoring.describe(&r))
            .unwrap_or_default();
        taken.insert(id.clone());
        if get("id").is_none() {
            next = author::next_id(taken.iter().map(String::as_str), "R-001");
        }
        plan.risks.push(Planned {
            row: number,
            id,
            title,
            score,
            owner,
            path,
            text,
        });
    }
    plan
}

/// Writes every planned risk, or none, also when interrupted: the files go through the
/// register's journal under its lock, so a killed import is rolled back (or
/// completed) by the next command that opens the register.
pub fn write_all(root: &Path, plan: &Plan) -> Result<Vec<String>, ImportError> {
    let error = |path: &str| {
        let path = path.to_string();
        move |source| ImportError::Write { path, source }
    };
    let _lock =
        Lock::take(root, "importing risks", lock::WAIT).map_err(|e| ImportError::Write {
            path: lock::LOCK_FILE.to_string(),
            source: io::Error::other(e.to_string()),
        })?;
    register::schemas::write_schemas(root, false).map_err(error(schema::REGISTER_SCHEMAS))?;
    let mut journal = Journal::begin(root).map_err(error(journal::JOURNAL_DIR))?;
    for risk in &plan.risks {
        journal
            .create(&risk.path, risk.text.as_bytes())
            .map_err(error(&risk.path))?;
    }
    journal.commit().map_err(error("risks/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_column_names_are_recognised() {
        assert_eq!(recognise("Risk ID"), Some("id"));
        assert_eq!(recognise(" Impact "), Some("consequence"));
        assert_eq!(recognise("Review date"), Some("review-date"));
        assert_eq!(recognise("AI System(s)"), Some("systems"));
        assert_eq!(recognise("Risk_Owner"), Some("owner"));
        assert_eq!(recognise("Colour"), None);
    }

    #[test]
    fn levels_come_from_numbers_or_labels() {
        let names: Vec<String> = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(level("likely", &names, "likelihood"), Ok(4));
        assert_eq!(level("5", &names, "likelihood"), Ok(5));
        assert!(
            level("6", &names, "likelihood")
                .expect_err("refused")
                .contains("outside the scale")
        );
        assert!(
            level("High", &names, "likelihood")
                .expect_err("refused")
                .contains("Rare, Unlikely")
        );
    }

    #[test]
    fn treatments_and_dates_accept_common_spellings() {
        assert_eq!(treatment("Reduce"), Some("mitigate"));
        assert_eq!(treatment("tolerate"), Some("accept"));
        assert_eq!(treatment("ignore it"), None);
        assert_eq!(date("31/03/2026"), NaiveDate::from_ymd_opt(2026, 3, 31));
        assert_eq!(date("2026-03-31"), NaiveDate::from_ymd_opt(2026, 3, 31));
        assert_eq!(date("March"), None);
    }
}
