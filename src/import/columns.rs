//! Which register field each column of a sheet fills: recognised from its header
//! after normalising case, punctuation and parenthesised units or ranges
//! ("Likelihood (1-5)" is `likelihood`), with "inherent"/"residual" qualifiers, or
//! given with `--map COLUMN=field`. A column that fills nothing is kept under the
//! entity's `x:` map with its header, or dropped with `--map COLUMN=ignore`.
//!
//! The vocabulary is [`super::vocabulary`], the documented one.

use serde::Serialize;

use super::What;
use super::limits::column_letter;
use super::vocabulary::fields;

/// A header in the form the vocabulary is written in: lower case, parenthesised or
/// bracketed parts removed, punctuation as single spaces.
pub fn normalise(header: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(header.len());
    for c in header.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

const INHERENT: &[&str] = &[
    "inherent",
    "gross",
    "initial",
    "raw",
    "current",
    "pre mitigation",
    "before treatment",
    "untreated",
];
const RESIDUAL: &[&str] = &[
    "residual",
    "net",
    "post mitigation",
    "target",
    "after treatment",
    "after mitigation",
    "treated",
    "revised",
];

/// The field a header means for this kind of import, if any.
pub fn recognise(what: What, header: &str) -> Option<&'static str> {
    let h = normalise(header);
    let lookup = |h: &str| {
        fields(what)
            .iter()
            .find(|f| f.headers.contains(&h))
            .map(|f| f.name)
    };
    if let Some(field) = lookup(&h) {
        return Some(field);
    }
    if what == What::Risks {
        if INHERENT.contains(&h.as_str()) {
            return Some("level");
        }
        if RESIDUAL.contains(&h.as_str()) {
            return Some("residual-level");
        }
        for (qualifiers, residual) in [(RESIDUAL, true), (INHERENT, false)] {
            for q in qualifiers {
                let rest = h
                    .strip_prefix(q)
                    .or_else(|| h.strip_suffix(q))
                    .map(str::trim)
                    .filter(|r| {
                        !r.is_empty()
                            && (h.starts_with(&format!("{q} ")) || h.ends_with(&format!(" {q}")))
                    });
                let Some(rest) = rest else { continue };
                let base = match rest {
                    "risk" | "risk level" | "risk rating" | "level" | "rating" => Some("level"),
                    other => lookup(other),
                };
                return match (base, residual) {
                    (Some("likelihood"), true) => Some("residual-likelihood"),
                    (Some("consequence"), true) => Some("residual-consequence"),
                    (Some("level"), true) => Some("residual-level"),
                    (Some("score"), true) => Some("residual-score"),
                    (Some(f @ ("likelihood" | "consequence" | "level" | "score")), false) => {
                        Some(f)
                    }
                    _ => None,
                };
            }
        }
    }
    None
}

/// Fields the register has no place for: recognised, and kept under `x:`.
pub const KEPT_UNDER_X: &[&str] = &["notes", "score", "residual-score", "regulatory"];

/// What a column is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Field(&'static str),
    /// Kept under `x:` with its header.
    Extension,
    Ignore,
}

/// How the use was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    Recognised,
    Mapped,
    NotRecognised,
    /// Another column already fills the same field.
    Duplicate,
    /// Decided from the column's values (a "Controls" column of free text).
    Content,
}

impl Column {
    /// Whether the column fills `field`.
    pub fn fills(&self, field: &str) -> bool {
        matches!(self.use_, Use::Field(f) if f == field)
    }
}

#[derive(Debug, Clone)]
pub struct Column {
    pub index: usize,
    pub letter: String,
    pub header: String,
    pub use_: Use,
    pub how: How,
    /// What the dry run says about the column beyond its use.
    pub note: Option<String>,
}

/// A `--map COLUMN=field` argument, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    /// The argument as given.
    pub given: String,
    pub column: String,
    pub use_: Use,
}

/// The field names `--map` accepts for a kind, `ignore` and `x` included.
pub fn map_targets(what: What) -> Vec<&'static str> {
    fields(what)
        .iter()
        .map(|f| f.name)
        .chain(["x", "ignore"])
        .collect()
}

/// Parses `COLUMN=field`; the column is everything before the last `=`.
pub fn parse_map(what: What, given: &str) -> Result<ColumnMap, String> {
    let (column, field) = given
        .rsplit_once('=')
        .ok_or_else(|| "write COLUMN=field".to_string())?;
    let field = field.trim().to_lowercase();
    let use_ = match field.as_str() {
        "ignore" => Use::Ignore,
        "x" => Use::Extension,
        "consequence-level" | "impact" | "severity" => Use::Field("consequence"),
        "system" => Use::Field("systems"),
        f => match fields(what).iter().find(|d| d.name == f) {
            Some(d) => Use::Field(d.name),
            None => return Err(format!("`{}` is not a field of {}", field, what.noun())),
        },
    };
    Ok(ColumnMap {
        given: given.to_string(),
        column: column.trim().to_string(),
        use_,
    })
}

/// The index of the column a `--map` names: its header exactly, then ignoring case
/// and punctuation.
pub fn find_column(headers: &[String], name: &str) -> Option<usize> {
    headers
        .iter()
        .position(|h| h.trim() == name)
        .or_else(|| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        })
        .or_else(|| {
            let n = normalise(name);
            headers
                .iter()
                .position(|h| normalise(h) == n && !n.is_empty())
        })
}

/// Decides every column's use. `maps` have been checked to name existing columns.
pub fn resolve(what: What, headers: &[String], maps: &[ColumnMap]) -> Vec<Column> {
    let mapped: Vec<Option<Use>> = (0..headers.len())
        .map(|i| {
            maps.iter()
                .find(|m| find_column(headers, &m.column) == Some(i))
                .map(|m| m.use_)
        })
        .collect();
    let mut columns: Vec<Column> = headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let (use_, how) = match mapped[i] {
                Some(u) => (u, How::Mapped),
                None if [super::REJECTED_ROW, super::REJECTED_REASONS].contains(&header.trim()) => {
                    (Use::Ignore, How::Recognised)
                }
                None => match recognise(what, header) {
                    Some(f) if KEPT_UNDER_X.contains(&f) => (Use::Extension, How::Recognised),
                    Some(f) => (Use::Field(f), How::Recognised),
                    None => (Use::Extension, How::NotRecognised),
                },
            };
            Column {
                index: i,
                letter: column_letter(i as u32),
                header: header.clone(),
                use_,
                how,
                note: None,
            }
        })
        .collect();
    // One column per field: a mapped column wins, then the leftmost.
    for i in 0..columns.len() {
        let Use::Field(field) = columns[i].use_ else {
            continue;
        };
        let winner = columns
            .iter()
            .filter(|c| c.use_ == Use::Field(field))
            .min_by_key(|c| (c.how != How::Mapped, c.index))
            .map(|c| c.index);
        if winner != Some(i) {
            let first = winner
                .map(|w| columns[w].header.clone())
                .unwrap_or_default();
            columns[i].use_ = Use::Extension;
            columns[i].how = How::Duplicate;
            columns[i].note = Some(format!("`{first}` already fills {field}"));
        }
    }
    columns
}

/// The column filling `field`, if any.
pub fn column_of<'a>(columns: &'a [Column], field: &str) -> Option<&'a Column> {
    columns.iter().find(|c| c.fills(field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_through_case_punctuation_and_ranges() {
        let r = |h| recognise(What::Risks, h);
        assert_eq!(r("Risk ID"), Some("id"));
        assert_eq!(r(" Impact "), Some("consequence"));
        assert_eq!(r("Likelihood (1-5)"), Some("likelihood"));
        assert_eq!(r("Impact Rating"), Some("consequence"));
        assert_eq!(r("Inherent Probability"), Some("likelihood"));
        assert_eq!(r("Residual Impact"), Some("residual-consequence"));
        assert_eq!(r("Residual Risk"), Some("residual-level"));
        assert_eq!(r("Inherent Risk"), Some("level"));
        assert_eq!(r("Inherent"), Some("level"));
        assert_eq!(r("Residual"), Some("residual-level"));
        assert_eq!(r("Residual risk Likelihood"), Some("residual-likelihood"));
        assert_eq!(r("AI System(s)"), Some("systems"));
        assert_eq!(r("Risk_Owner"), Some("owner"));
        assert_eq!(r("Review date"), Some("review-date"));
        assert_eq!(
            r("Regulatory Implication (EU AI Act / DPDP / ISO)"),
            Some("regulatory")
        );
        assert_eq!(r("Colour"), None);
        assert_eq!(recognise(What::Controls, "Ref"), Some("id"));
        assert_eq!(
            recognise(What::Systems, "Lifecycle stage"),
            Some("lifecycle")
        );
    }

    #[test]
    fn maps_name_fields_and_columns() {
        assert_eq!(
            parse_map(What::Risks, "Mitigation Plan=action"),
            Ok(ColumnMap {
                given: "Mitigation Plan=action".into(),
                column: "Mitigation Plan".into(),
                use_: Use::Field("action")
            })
        );
        assert!(parse_map(What::Risks, "x=nonsense").is_err());
        assert!(parse_map(What::Risks, "no equals").is_err());
        let headers = vec!["Risk statement".to_string(), "Notes".to_string()];
        assert_eq!(find_column(&headers, "risk STATEMENT"), Some(0));
        assert_eq!(find_column(&headers, "Risk_statement"), Some(0));
        assert_eq!(find_column(&headers, "Owner"), None);
    }

    #[test]
    fn the_import_guide_lists_the_whole_vocabulary() {
        let guide = include_str!("../../docs/import.md");
        for what in [What::Risks, What::Controls, What::Systems] {
            let heading = format!("#### `aims import {}`", what.name());
            let section = guide.split(&heading).nth(1).expect("a section per import");
            let section = section.split("####").next().expect("section");
            for field in fields(what) {
                let row = section
                    .lines()
                    .find(|l| l.starts_with(&format!("| `{}` | ", field.name)))
                    .unwrap_or_else(|| panic!("{heading}: no row for `{}`", field.name));
                let cells: Vec<&str> = row.split(" | ").collect();
                assert_eq!(
                    cells[2].trim_end_matches(" |"),
                    field.becomes,
                    "{heading} `{}`",
                    field.name
                );
                let listed: Vec<&str> = cells[1].split(", ").collect();
                for header in field.headers {
                    assert!(
                        listed.contains(header),
                        "{heading} `{}`: `{header}`",
                        field.name
                    );
                }
            }
        }
    }

    #[test]
    fn a_second_column_for_one_field_is_kept_under_x() {
        let headers: Vec<String> = ["Owner", "Risk Owner", "Title"].map(String::from).to_vec();
        let columns = resolve(What::Risks, &headers, &[]);
        assert_eq!(columns[0].use_, Use::Field("owner"));
        assert_eq!(columns[1].use_, Use::Extension);
        assert_eq!(columns[1].how, How::Duplicate);
    }
}
