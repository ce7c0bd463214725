//! Dates as sheets hold them: date cells, ISO dates, `30/06/2026`, `06/30/2026`,
//! `30.06.2026`, `30-Jun-2025`, `June 30, 2025`, `20260630`, and spreadsheet serial
//! numbers; and review cycles as sheets write them ("Quarterly", "6 months").
//!
//! Whether `11/02/2026` is the 11th of February or the 2nd of November is decided for
//! a whole column, never per cell: by the column's unambiguous values (`25/06/2026` can
//! only be day first), else by the other date columns of the sheet, else by
//! `--date-format`; with none of these, such cells are refused with the hint.

use chrono::{Datelike, NaiveDate};

use super::book::serial_date;
use super::table::Cell;

/// Which comes first in a numeric date with the year last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayMonth {
    DayFirst,
    MonthFirst,
}

impl DayMonth {
    /// `--date-format` as users write it.
    pub fn parse(given: &str) -> Option<DayMonth> {
        let g: String = given
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .collect();
        match g.as_str() {
            "ddmmyyyy" | "ddmmyy" | "dmy" | "daymonthyear" | "dayfirst" => Some(DayMonth::DayFirst),
            "mmddyyyy" | "mmddyy" | "mdy" | "monthdayyear" | "monthfirst" => {
                Some(DayMonth::MonthFirst)
            }
            _ => None,
        }
    }

    pub fn pattern(self) -> &'static str {
        match self {
            DayMonth::DayFirst => "DD/MM/YYYY",
            DayMonth::MonthFirst => "MM/DD/YYYY",
        }
    }
}

/// Why a cell is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    NotADate,
    /// Day and month could be either way round and nothing decides it.
    Ambiguous,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .zip(full)
        .position(|(short, long)| {
            w == *short || long.starts_with(&w) || (w == "sept" && *short == "sep")
        })
        .map(|i| i as u32 + 1)
}

fn year(text: &str) -> Option<i32> {
    let y: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(y),
        2 => Some(2000 + y),
        _ => None,
    }
}

/// The numeric day/month/year parts of `30/06/2026`-style text, year last.
fn numeric_parts(text: &str) -> Option<(u32, u32, i32)> {
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    if parts.len() != 3 || parts[..2].iter().any(|p| p.is_empty() || p.len() > 2) {
        return None;
    }
    Some((
        parts[0].parse().ok()?,
        parts[1].parse().ok()?,
        year(parts[2])?,
    ))
}

/// The order a column's value shows unambiguously: `Some(DayFirst)` for `25/06/2026`.
pub fn evidence(cell: &Cell) -> Option<DayMonth> {
    let Cell::Text(t) = cell else { return None };
    let (a, b, _) = numeric_parts(date_part(t))?;
    match (a > 12 && b <= 12, b > 12 && a <= 12) {
        (true, false) => Some(DayMonth::DayFirst),
        (false, true) => Some(DayMonth::MonthFirst),
        _ => None,
    }
}

/// The date part of text that may carry a time (`2026-06-30 00:00:00`, `...T10:00Z`).
fn date_part(text: &str) -> &str {
    let t = text.trim();
    let cut = t
        .find(['T', ' '])
        .filter(|&i| i >= 8 && t[..i].chars().filter(|c| c.is_ascii_digit()).count() >= 6);
    match cut {
        Some(i) if t[i..].contains(':') => &t[..i],
        _ => t,
    }
}

/// Parses one cell as a date, with the column's day/month order when it has one.
pub fn parse(
    cell: &Cell,
    order: Option<DayMonth>,
    date1904: bool,
) -> Result<NaiveDate, DateProblem> {
    let text = match cell {
        Cell::Date(d) => return Ok(*d),
        Cell::Number(f) => return serial(*f, date1904).ok_or(DateProblem::NotADate),
        Cell::Text(t) => date_part(t),
        _ => return Err(DateProblem::NotADate),
    };
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y/%m/%d"))
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y.%m.%d"))
    {
        return Ok(d);
    }
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(text, "%Y%m%d").map_err(|_| DateProblem::NotADate);
    }
    if text.len() == 5 && text.bytes().all(|b| b.is_ascii_digit()) {
        let n: f64 = text.parse().map_err(|_| DateProblem::NotADate)?;
        return serial(n, date1904).ok_or(DateProblem::NotADate);
    }
    if let Some((a, b, y)) = numeric_parts(text) {
        let (day, month) = match (a > 12, b > 12, order) {
            (true, true, _) => return Err(DateProblem::NotADate),
            (true, false, _) => (a, b),
            (false, true, _) => (b, a),
            _ if a == b => (a, b),
            (_, _, Some(DayMonth::DayFirst)) => (a, b),
            (_, _, Some(DayMonth::MonthFirst)) => (b, a),
            (_, _, None) => return Err(DateProblem::Ambiguous),
        };
        return NaiveDate::from_ymd_opt(y, month, day).ok_or(DateProblem::NotADate);
    }
    worded(text).ok_or(DateProblem::NotADate)
}

/// `30-Jun-2025`, `30 June 2025`, `June 30, 2025`, `Jun 30 2025`.
fn worded(text: &str) -> Option<NaiveDate> {
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '/' | '.'))
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() != 3 {
        return None;
    }
    let day = |t: &str| -> Option<u32> {
        t.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .ok()
    };
    let (d, m, y) = if let Some(m) = month_number(tokens[1]) {
        (day(tokens[0])?, m, year(tokens[2])?)
    } else if let Some(m) = month_number(tokens[0]) {
        (day(tokens[1])?, m, year(tokens[2])?)
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A serial day number in the range spreadsheets use for dates of this era.
fn serial(n: f64, date1904: bool) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&n) {
        return None;
    }
    serial_date(n, date1904).filter(|d| (1950..=2200).contains(&d.year()))
}

/// How a column's day/month order was decided, for the dry run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub order: Option<DayMonth>,
    pub because: Option<String>,
    /// Both orders appear among the column's values.
    pub mixed: bool,
}

/// Decides a column's order from its own values `(row, cell)`, else `fallback` (the
/// sheet's other date columns), else `given` (`--date-format`). A given format wins
/// over the fallback but not over the column's own evidence, which it must agree with.
pub fn decide<'a>(
    cells: impl Iterator<Item = (u32, &'a Cell)>,
    fallback: Option<(DayMonth, String)>,
    given: Option<DayMonth>,
) -> Order {
    let mut day_first: Option<(u32, String)> = None;
    let mut month_first: Option<(u32, String)> = None;
    for (row, cell) in cells {
        match evidence(cell) {
            Some(DayMonth::DayFirst) if day_first.is_none() => {
                day_first = Some((row, cell.text().into_owned()))
            }
            Some(DayMonth::MonthFirst) if month_first.is_none() => {
                month_first = Some((row, cell.text().into_owned()))
            }
            _ => {}
        }
    }
    let seen = |(row, text): &(u32, String)| format!("row {row}'s `{text}`");
    match (&day_first, &month_first) {
        (Some(_), Some(_)) => Order {
            order: None,
            because: None,
            mixed: true,
        },
        (Some(e), None) => Order {
            order: Some(DayMonth::DayFirst),
            because: Some(seen(e)),
            mixed: given == Some(DayMonth::MonthFirst),
        },
        (None, Some(e)) => Order {
            order: Some(DayMonth::MonthFirst),
            because: Some(seen(e)),
            mixed: given == Some(DayMonth::DayFirst),
        },
        (None, None) => match (given, fallback) {
            (Some(g), _) => Order {
                order: Some(g),
                because: Some("--date-format".to_string()),
                mixed: false,
            },
            (None, Some((o, why))) => Order {
                order: Some(o),
                because: Some(why),
                mixed: false,
            },
            (None, None) => Order {
                order: None,
                because: None,
                mixed: false,
            },
        },
    }
}

/// A review cycle as sheets write it, as a register duration (`3m`).
pub fn cycle(text: &str) -> Option<String> {
    let t = text.trim().to_lowercase();
    let fixed = match t.as_str() {
        "weekly" => "1w",
        "fortnightly" | "biweekly" | "bi-weekly" => "2w",
        "monthly" => "1m",
        "bimonthly" | "bi-monthly" | "every two months" => "2m",
        "quarterly" => "3m",
        "semi-annually" | "semi-annual" | "semiannual" | "semiannually" | "half-yearly"
        | "half yearly" | "biannual" | "biannually" | "bi-annually" | "twice a year" => "6m",
        "annually" | "annual" | "yearly" | "every year" | "once a year" => "1y",
        _ => "",
    };
    if !fixed.is_empty() {
        return Some(fixed.to_string());
    }
    if t.parse::<crate::model::Duration>().is_ok() {
        return Some(t);
    }
    let t = t.trim_start_matches("every ").trim();
    let (number, unit) = t.split_once(' ').unwrap_or((t, ""));
    let n: u32 = number.parse().ok().filter(|n| *n > 0)?;
    let unit = match unit.trim_end_matches('s') {
        "day" => "d",
        "week" => "w",
        "month" => "m",
        "year" => "y",
        _ => return None,
    };
    Some(format!("{n}{unit}"))
}

/// The cycle from one date to a later one: whole months when they fit exactly,
/// otherwise days.
pub fn between(from: NaiveDate, to: NaiveDate) -> Option<String> {
    if to <= from {
        return None;
    }
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if months > 0 && from.checked_add_months(chrono::Months::new(months as u32)) == Some(to) {
        return Some(if months % 12 == 0 {
            format!("{}y", months / 12)
        } else {
            format!("{months}m")
        });
    }
    Some(format!("{}d", (to - from).num_days()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn the_spellings_sheets_use_are_dates() {
        for (given, expected) in [
            ("2025-06-30", day(2025, 6, 30)),
            ("2025-06-30 00:00:00", day(2025, 6, 30)),
            ("2025-06-30T10:00:00Z", day(2025, 6, 30)),
            ("30-Jun-2025", day(2025, 6, 30)),
            ("30 June 2025", day(2025, 6, 30)),
            ("June 30, 2025", day(2025, 6, 30)),
            ("Sept 1 2025", day(2025, 9, 1)),
            ("30/06/2025", day(2025, 6, 30)),
            ("06/30/2025", day(2025, 6, 30)),
            ("30.06.2025", day(2025, 6, 30)),
            ("20250630", day(2025, 6, 30)),
            ("45838", day(2025, 6, 30)),
        ] {
            assert_eq!(parse(&text(given), None, false), Ok(expected), "{given}");
        }
        assert_eq!(
            parse(&Cell::Number(45838.0), None, false),
            Ok(day(2025, 6, 30))
        );
        assert_eq!(
            parse(&text("11/02/2026"), None, false),
            Err(DateProblem::Ambiguous)
        );
        assert_eq!(
            parse(&text("11/02/2026"), Some(DayMonth::MonthFirst), false),
            Ok(day(2026, 11, 2))
        );
        assert_eq!(
            parse(&text("soon"), None, false),
            Err(DateProblem::NotADate)
        );
        assert_eq!(
            parse(&text("31/02/2026"), None, false),
            Err(DateProblem::NotADate)
        );
    }

    #[test]
    fn a_column_is_decided_by_its_unambiguous_values() {
        let cells = [text("11/02/2026"), text("25/06/2026")];
        let order = decide(
            cells.iter().enumerate().map(|(i, c)| (i as u32 + 2, c)),
            None,
            None,
        );
        assert_eq!(order.order, Some(DayMonth::DayFirst));
        assert_eq!(order.because.as_deref(), Some("row 3's `25/06/2026`"));
        let mixed = [text("13/01/2026"), text("01/13/2026")];
        assert!(decide(mixed.iter().map(|c| (2, c)), None, None).mixed);
        let none = [text("11/02/2026")];
        let given = decide(
            none.iter().map(|c| (2, c)),
            None,
            Some(DayMonth::MonthFirst),
        );
        assert_eq!(given.order, Some(DayMonth::MonthFirst));
        assert_eq!(decide(none.iter().map(|c| (2, c)), None, None).order, None);
    }

    #[test]
    fn review_cycles() {
        assert_eq!(cycle("Quarterly").as_deref(), Some("3m"));
        assert_eq!(cycle("6 months").as_deref(), Some("6m"));
        assert_eq!(cycle("every 2 weeks").as_deref(), Some("2w"));
        assert_eq!(cycle("1y").as_deref(), Some("1y"));
        assert_eq!(cycle("whenever"), None);
        assert_eq!(
            between(day(2026, 1, 15), day(2026, 7, 15)).as_deref(),
            Some("6m")
        );
        assert_eq!(
            between(day(2026, 1, 15), day(2027, 1, 15)).as_deref(),
            Some("1y")
        );
        assert_eq!(
            between(day(2026, 1, 15), day(2026, 2, 1)).as_deref(),
            Some("17d")
        );
    }
}
