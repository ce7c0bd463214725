//! Decisions a column's values make for the whole column, never cell by cell: the
//! day/month order of a date column, whether a "Controls" column holds control ids or
//! free text, whether a "Treatment" column holds options or a plan, whether an
//! "Evidence" column holds paths and URLs, and which columns a sheet's other columns
//! make redundant. Each decision is written on the column for the dry run.

use std::collections::BTreeMap;

use super::columns::{Column, How, Use, column_of};
use super::dates::{self, DayMonth};
use super::spellings;
use super::table::{Cell, Table};
use super::values::Resolver;
use crate::catalog;

pub type DateOrders = BTreeMap<&'static str, Option<DayMonth>>;

/// The non-empty cells of the column filling `field`, with their row numbers.
fn cells<'a>(columns: &[Column], table: &'a Table, field: &str) -> Vec<(u32, &'a Cell)> {
    match column_of(columns, field) {
        Some(c) => table
            .rows
            .iter()
            .map(|r| (r.number, r.get(c.index)))
            .filter(|(_, cell)| !cell.is_empty())
            .collect(),
        None => Vec::new(),
    }
}

/// Decides the day/month order of every date column in `fields`.
pub fn date_orders(
    columns: &mut [Column],
    table: &Table,
    fields: &[&'static str],
    given: Option<DayMonth>,
) -> DateOrders {
    let own: Vec<(&'static str, dates::Order)> = fields
        .iter()
        .map(|f| {
            (
                *f,
                dates::decide(cells(columns, table, f).into_iter(), None, None),
            )
        })
        .collect();
    let decided: Vec<(DayMonth, String)> = own
        .iter()
        .filter_map(|(f, o)| {
            let c = column_of(columns, f)?;
            Some((
                o.order?,
                format!("column `{}`, {}", c.header, o.because.clone()?),
            ))
        })
        .collect();
    let fallback = match decided.as_slice() {
        [first, rest @ ..] if rest.iter().all(|(o, _)| *o == first.0) => Some(first.clone()),
        _ => None,
    };
    let mut orders = DateOrders::new();
    for field in fields {
        let values = cells(columns, table, field);
        let numeric = values.iter().any(|(_, c)| numeric_date(c));
        let order = dates::decide(values.into_iter(), fallback.clone(), given);
        if let Some(c) = columns.iter_mut().find(|c| c.fills(field)) {
            if order.mixed {
                c.note = Some("its dates mix day/month and month/day orders".to_string());
            } else if numeric && let (Some(o), Some(why)) = (order.order, &order.because) {
                c.note = Some(format!("dates read as {} ({why})", o.pattern()));
            }
        }
        orders.insert(field, if order.mixed { None } else { order.order });
    }
    orders
}

/// Whether a cell is a date written as three numbers (`11/02/2026`), whose
/// day/month order the dry run should explain.
fn numeric_date(cell: &Cell) -> bool {
    let Cell::Text(t) = cell else { return false };
    let t = t.trim();
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars().filter(|c| matches!(c, '/' | '.' | '-')).count() == 2
}

/// An Annex A or custom control id in `item`: `A.6.2.4`, `a.6.2.4`, `A.6.2.4 Verification
/// and validation`, or an id of the register's custom controls.
pub fn control_id(item: &str, values: &Resolver) -> Option<String> {
    let first = item
        .split([' ', ':', '–', '—'])
        .next()
        .unwrap_or("")
        .trim_end_matches(['.', ',']);
    let digits = first.trim_start_matches(['A', 'a']).trim_start_matches('.');
    let annex = format!("A.{digits}");
    if catalog::CONTROLS.iter().any(|c| c.id == annex) {
        return Some(annex);
    }
    values
        .custom_controls
        .iter()
        .find(|id| id.eq_ignore_ascii_case(item.trim()))
        .cloned()
}

/// Whether an item looks like a control reference at all (a valid id or not).
fn control_like(item: &str) -> bool {
    let first = item.split([' ', ':']).next().unwrap_or("");
    let rest = first.trim_start_matches(['A', 'a']).trim_start_matches('.');
    first.len() > 1
        && (first.starts_with(['A', 'a']))
        && rest
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && rest.contains('.')
}

/// The risk columns whose use their values decide.
pub fn decide(columns: &mut [Column], table: &Table, values: &Resolver) {
    let free = |columns: &[Column], field| column_of(columns, field).is_none();
    // A "Controls" column of free text describes the controls in place.
    if let Some(i) = columns
        .iter()
        .position(|c| c.fills("controls") && c.how == How::Recognised)
    {
        let cells = cells(columns, table, "controls");
        let any_id = cells.iter().any(|(_, c)| {
            super::plan::list(&c.text(), true)
                .iter()
                .any(|item| control_like(item) || control_id(item, values).is_some())
        });
        if !cells.is_empty() && !any_id {
            let existing_free = free(columns, "existing-controls");
            let column = &mut columns[i];
            column.how = How::Content;
            if existing_free {
                column.use_ = Use::Field("existing-controls");
                column.note = Some("free text, not control ids: the controls in place".into());
            } else {
                column.use_ = Use::Extension;
            }
        }
    }
    // A "Treatment" column that never names an option is the treatment plan.
    if let Some(i) = columns
        .iter()
        .position(|c| c.fills("treatment") && c.how == How::Recognised)
    {
        let cells = cells(columns, table, "treatment");
        let any_option = cells.iter().any(|(_, c)| {
            let text = c.text();
            spellings::treatment(&text).is_some() || values_has(values, "treatment", &text)
        });
        if !cells.is_empty() && !any_option && free(columns, "mitigation") {
            let column = &mut columns[i];
            column.use_ = Use::Field("mitigation");
            column.how = How::Content;
            column.note = Some("text, not treatment options: the treatment plan".into());
        }
    }
    // A sheet's overall level is redundant beside its likelihood and consequence.
    for (level, l, c) in [
        ("level", "likelihood", "consequence"),
        (
            "residual-level",
            "residual-likelihood",
            "residual-consequence",
        ),
    ] {
        if column_of(columns, l).is_some()
            && column_of(columns, c).is_some()
            && let Some(column) = columns.iter_mut().find(|col| col.fills(level))
        {
            column.use_ = Use::Extension;
            column.how = How::Content;
            column.note = Some(format!("derived from {l} and {c}; kept under x"));
        }
    }
    // Action owners and due dates belong to an action.
    if column_of(columns, "action").is_none() {
        for field in ["action-owner", "action-due"] {
            if let Some(column) = columns.iter_mut().find(|c| c.fills(field)) {
                column.use_ = Use::Extension;
                column.how = How::Content;
                column.note = Some(
                    "kept under x: no action column (map the plan with --map \"COLUMN=action\")"
                        .into(),
                );
            }
        }
    }
    let has_title = column_of(columns, "title").is_some();
    if column_of(columns, "event").is_some()
        && let Some(column) = columns.iter_mut().find(|c| c.fills("description"))
    {
        if has_title {
            column.use_ = Use::Extension;
            column.how = How::Content;
            column.note = Some("kept under x: an event column is given".into());
        } else {
            column.note = Some("the title (its first sentence)".into());
        }
    } else if !has_title && let Some(column) = columns.iter_mut().find(|c| c.fills("description")) {
        column.note = Some("the title (its first sentence) and the event".into());
    }
    if column_of(columns, "mitigation").is_some()
        && column_of(columns, "treatment").is_none()
        && let Some(column) = columns.iter_mut().find(|c| c.fills("mitigation"))
    {
        column.note =
            Some("treatment rationale, with option mitigate (no treatment column)".into());
    }
}

fn values_has(values: &Resolver, field: &'static str, text: &str) -> bool {
    values.peek(field, text).is_some()
}

/// A title from a description: its first sentence, cut at a word before 100
/// characters.
pub fn title_from(description: &str) -> String {
    let line = description
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let end = line
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '?' | '!') && line[i + c.len_utf8()..].starts_with(' '))
        .map_or(line.len(), |(i, _)| i);
    let sentence = line[..end].trim().trim_end_matches('.');
    if sentence.chars().count() <= 100 {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(100).collect();
    let at_word = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", at_word.trim_end_matches([',', ';', ':']))
}

/// Whether every non-empty cell of the column filling `field` reads as evidence
/// (paths inside the register or URLs).
pub fn evidence_column(columns: &[Column], table: &Table, field: &str) -> bool {
    let cells = cells(columns, table, field);
    !cells.is_empty()
        && cells.iter().all(|(_, c)| {
            super::plan::list(&c.text(), false)
                .iter()
                .all(|item| is_evidence(item))
        })
}

/// A URL, or a relative path without spaces that names a file or folder.
pub fn is_evidence(item: &str) -> bool {
    let item = item.trim();
    item.starts_with("https://")
        || item.starts_with("http://")
        || (!item.contains(char::is_whitespace)
            && !item.starts_with('/')
            && !item.contains("..")
            && (item.contains('/')
                || item
                    .rsplit_once('.')
                    .is_some_and(|(_, ext)| (1..=5).contains(&ext.len()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_the_first_sentence() {
        assert_eq!(title_from("Model drifts. Then it fails."), "Model drifts");
        assert_eq!(
            title_from("Consensus Hallucination: Agents reinforcing false data loops."),
            "Consensus Hallucination: Agents reinforcing false data loops"
        );
        let long = "word ".repeat(40);
        let t = title_from(&long);
        assert!(t.ends_with('…') && t.chars().count() <= 101, "{t}");
    }

    #[test]
    fn evidence_is_paths_or_urls() {
        assert!(is_evidence("evidence/A.6.2.4/procedure.md"));
        assert!(is_evidence("https://wiki.example/x"));
        assert!(!is_evidence("AI Policy in Section 11"));
        assert!(!is_evidence("../outside.md"));
    }
}
