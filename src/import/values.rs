//! Turning what a sheet says into what the register holds: roles by id, name or
//! email; systems by id or name; categories by id, title or a common spelling
//! ("Bias/Fairness"); scale levels by number, label or "4 - Likely". Case, spacing,
//! punctuation and traffic-light emoji do not matter.
//!
//! Anything else is mapped with `--value` ([`super::value_map`]) or created with
//! `--create-missing`. Every mapping applied is recorded for the dry run, and every
//! value that matches nothing becomes a [`Problem`] whose [`Fix`] names the flag.

use std::collections::{BTreeMap, BTreeSet};

use super::spellings;
use super::value_map::{Create, ValueMap};
use crate::catalog;
use crate::criteria::Scoring;
use crate::register::Register;
use crate::view::RiskCategory;

/// A value as the register compares it: lower case, punctuation and symbols as
/// single spaces.
pub fn key(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An id made from a name: `AI Hiring Tool` -> `ai-hiring-tool`.
pub fn slug(text: &str) -> Option<String> {
    let s: String = key(text).replace(' ', "-");
    let s: String = s
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let s = s.trim_matches('-').chars().take(64).collect::<String>();
    let s = s.trim_end_matches('-').to_string();
    (!s.is_empty()).then_some(s)
}

/// Whether text is a valid register id.
pub fn is_id(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && text.len() <= 64
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Why a value cannot be used, and what would fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub fix: Option<Fix>,
}

impl Problem {
    pub fn new(message: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            fix: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fix {
    /// Map the value with `--value FIELD:VALUE=TO`, or create it with
    /// `--create-missing CREATE`.
    Value {
        field: &'static str,
        value: String,
        to: &'static str,
        create: Option<&'static str>,
    },
    Hint(String),
}

/// A mapping applied to a value, for the dry run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub to: String,
    pub how: &'static str,
    pub rows: BTreeSet<u32>,
}

/// Something the sheet names that the register lacks, to be created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct New {
    pub id: String,
    pub label: String,
    /// For roles: may approve (named as an acceptor of risk).
    pub approver: bool,
    /// For systems: the owner of the first row naming it.
    pub owner: Option<String>,
    pub rows: BTreeSet<u32>,
}

/// The register's names, and what this import has matched and created so far.
pub struct Resolver<'a> {
    roles: Vec<(String, String, Option<String>)>,
    systems: Vec<(String, String)>,
    categories: Vec<(String, String)>,
    pub likelihood: Vec<String>,
    pub consequence: Vec<String>,
    /// The ids of the register's custom controls.
    pub custom_controls: Vec<String>,
    values: &'a ValueMap,
    create: Create,
    pub applied: BTreeMap<(&'static str, String), Applied>,
    pub new_roles: Vec<New>,
    pub new_systems: Vec<New>,
    pub new_categories: Vec<New>,
}

impl<'a> Resolver<'a> {
    pub fn new(
        register: &Register,
        categories: &[RiskCategory<'_>],
        scoring: &Scoring,
        values: &'a ValueMap,
        create: Create,
    ) -> Resolver<'a> {
        let config = register.config.as_ref().map(|c| &c.value);
        Resolver {
            roles: config
                .iter()
                .flat_map(|c| &c.roles)
                .map(|r| (r.id.clone(), r.name.clone(), r.email.clone()))
                .collect(),
            systems: register
                .systems
                .iter()
                .map(|s| (s.value.id.clone(), s.value.name.clone()))
                .collect(),
            categories: categories
                .iter()
                .map(|c| (c.id.to_string(), c.title.to_string()))
                .collect(),
            likelihood: scoring.likelihood_names.clone(),
            consequence: scoring.consequence_names.clone(),
            custom_controls: register
                .controls
                .iter()
                .map(|c| c.value.id.clone())
                .filter(|id| !catalog::CONTROLS.iter().any(|a| a.id == id))
                .collect(),
            values,
            create,
            applied: BTreeMap::new(),
            new_roles: Vec::new(),
            new_systems: Vec::new(),
            new_categories: Vec::new(),
        }
    }

    /// Records that `from` in `field` became `to` on `row`.
    pub fn record(
        &mut self,
        field: &'static str,
        from: &str,
        to: &str,
        how: &'static str,
        row: u32,
    ) {
        if from == to && how != "--value" && how != "--default" {
            return;
        }
        self.applied
            .entry((field, from.to_string()))
            .or_insert_with(|| Applied {
                to: to.to_string(),
                how,
                rows: BTreeSet::new(),
            })
            .rows
            .insert(row);
    }

    /// The `--value` mapping of a value, without recording it.
    pub fn peek(&self, field: &str, text: &str) -> Option<&str> {
        self.values.get(field, text)
    }

    /// The `--value` mapping of a cell, if any, recorded.
    pub fn mapped(&mut self, field: &'static str, text: &str, row: u32) -> Option<String> {
        let to = self.values.get(field, text)?.to_string();
        self.record(
            field,
            text,
            if to.is_empty() { "(none)" } else { &to },
            "--value",
            row,
        );
        Some(to)
    }

    pub fn role(
        &mut self,
        field: &'static str,
        text: &str,
        row: u32,
        approver: bool,
    ) -> Result<String, Problem> {
        let k = key(text);
        let found = self.roles.iter().find_map(|(id, name, email)| {
            if key(id) == k {
                Some((id.clone(), "id"))
            } else if key(name) == k {
                Some((id.clone(), "name"))
            } else if email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(text.trim()))
            {
                Some((id.clone(), "email"))
            } else {
                None
            }
        });
        if let Some((id, how)) = found {
            self.record(field, text, &id, how, row);
            return Ok(id);
        }
        if let Some(new) = self
            .new_roles
            .iter_mut()
            .find(|n| key(&n.label) == k || n.id == text)
        {
            new.rows.insert(row);
            new.approver |= approver;
            let id = new.id.clone();
            self.record(field, text, &id, "new role", row);
            return Ok(id);
        }
        if self.create.roles {
            let base = text.split('@').next().unwrap_or(text);
            let taken: BTreeSet<String> = self.roles.iter().map(|r| r.0.clone()).collect();
            let id = fresh(base, &taken, &self.new_roles)
                .ok_or_else(|| Problem::new(format!("{field} `{text}` cannot become a role id")))?;
            self.new_roles.push(New {
                id: id.clone(),
                label: text.trim().to_string(),
                approver,
                owner: None,
                rows: BTreeSet::from([row]),
            });
            self.record(field, text, &id, "new role", row);
            return Ok(id);
        }
        Err(Problem {
            message: format!("{field} `{text}` is not a role of aims.yaml"),
            fix: Some(Fix::Value {
                field,
                value: text.to_string(),
                to: "ROLE",
                create: Some("roles"),
            }),
        })
    }

    pub fn system(&mut self, text: &str, row: u32, owner: Option<&str>) -> Result<String, Problem> {
        let k = key(text);
        let found = self.systems.iter().find_map(|(id, name)| {
            (key(id) == k)
                .then(|| (id.clone(), "id"))
                .or_else(|| (key(name) == k).then(|| (id.clone(), "name")))
        });
        if let Some((id, how)) = found {
            self.record("systems", text, &id, how, row);
            return Ok(id);
        }
        if let Some(new) = self.new_systems.iter_mut().find(|n| key(&n.label) == k) {
            new.rows.insert(row);
            let id = new.id.clone();
            self.record("systems", text, &id, "new system", row);
            return Ok(id);
        }
        if self.create.systems {
            let taken: BTreeSet<String> = self.systems.iter().map(|s| s.0.clone()).collect();
            let id = fresh(text, &taken, &self.new_systems)
                .ok_or_else(|| Problem::new(format!("system `{text}` cannot become an id")))?;
            self.new_systems.push(New {
                id: id.clone(),
                label: text.trim().to_string(),
                approver: false,
                owner: owner.map(String::from),
                rows: BTreeSet::from([row]),
            });
            self.record("systems", text, &id, "new system", row);
            return Ok(id);
        }
        Err(Problem {
            message: format!("AI system `{text}` does not exist"),
            fix: Some(Fix::Value {
                field: "systems",
                value: text.to_string(),
                to: "SYSTEM",
                create: Some("systems"),
            }),
        })
    }

    /// Whether `text` names a system of the register or one created by this import.
    pub fn knows_system(&self, text: &str) -> bool {
        let k = key(text);
        self.systems
            .iter()
            .any(|(id, name)| key(id) == k || key(name) == k)
            || self.new_systems.iter().any(|n| key(&n.label) == k)
    }

    pub fn category(&mut self, text: &str, row: u32) -> Result<String, Problem> {
        let k = key(text);
        let found = self.categories.iter().find_map(|(id, title)| {
            (key(id) == k)
                .then(|| (id.clone(), "id"))
                .or_else(|| (key(title) == k).then(|| (id.clone(), "title")))
        });
        let found =
            found.or_else(|| spellings::category(text).map(|id| (id.to_string(), "spelling")));
        if let Some((id, how)) = found {
            self.record("category", text, &id, how, row);
            return Ok(id);
        }
        if let Some(new) = self.new_categories.iter_mut().find(|n| key(&n.label) == k) {
            new.rows.insert(row);
            let id = new.id.clone();
            self.record("category", text, &id, "new category", row);
            return Ok(id);
        }
        if self.create.categories {
            let taken: BTreeSet<String> = self.categories.iter().map(|c| c.0.clone()).collect();
            let id = fresh(text, &taken, &self.new_categories)
                .ok_or_else(|| Problem::new(format!("category `{text}` cannot become an id")))?;
            self.new_categories.push(New {
                id: id.clone(),
                label: text.trim().to_string(),
                approver: false,
                owner: None,
                rows: BTreeSet::from([row]),
            });
            self.record("category", text, &id, "new category", row);
            return Ok(id);
        }
        Err(Problem {
            message: format!("category `{text}` is not a known category"),
            fix: Some(Fix::Value {
                field: "category",
                value: text.to_string(),
                to: "CATEGORY",
                create: Some("categories"),
            }),
        })
    }

    /// A likelihood or consequence level: a number of the scale, a label, or both
    /// ("4 - Likely").
    pub fn level(&mut self, field: &'static str, text: &str, row: u32) -> Result<u32, Problem> {
        let names = if field.contains("likelihood") {
            &self.likelihood
        } else {
            &self.consequence
        };
        let scale = if field.contains("likelihood") {
            "likelihood"
        } else {
            "consequence"
        };
        let t = text.trim();
        let level = parse_level(t, names);
        match level {
            Some(n) if (1..=names.len() as u32).contains(&n) => {
                self.record(
                    field,
                    text,
                    &n.to_string(),
                    if t.starts_with(|c: char| c.is_ascii_digit()) {
                        "level"
                    } else {
                        "label"
                    },
                    row,
                );
                Ok(n)
            }
            Some(n) => Err(Problem::new(format!(
                "{scale} {n} is outside the scale (1 to {})",
                names.len()
            ))),
            None => Err(Problem {
                message: format!(
                    "{scale} `{t}` is not a level of the scale ({})",
                    names.join(", ")
                ),
                fix: Some(Fix::Value {
                    field,
                    value: t.to_string(),
                    to: "LEVEL",
                    create: None,
                }),
            }),
        }
    }

    /// An overall level given as `LxC` (`4x4`, `3×5`), directly or through `--value`.
    pub fn overall(
        &mut self,
        field: &'static str,
        text: &str,
        row: u32,
    ) -> Result<(u32, u32), Problem> {
        let parts: Vec<&str> = text.split(['x', 'X', '×', '*']).map(str::trim).collect();
        let parsed = match parts.as_slice() {
            [l, c] => l.parse::<u32>().ok().zip(c.parse::<u32>().ok()),
            _ => None,
        };
        let Some((l, c)) = parsed else {
            return Err(Problem {
                message: format!(
                    "`{}` is an overall level; aims needs a likelihood and a consequence, and never splits a level by guessing",
                    text.trim()
                ),
                fix: Some(Fix::Value {
                    field: if field == "residual-level" {
                        "level"
                    } else {
                        field
                    },
                    value: text.trim().to_string(),
                    to: "LxC",
                    create: None,
                }),
            });
        };
        let (nl, nc) = (self.likelihood.len() as u32, self.consequence.len() as u32);
        if !(1..=nl).contains(&l) || !(1..=nc).contains(&c) {
            return Err(Problem::new(format!(
                "`{text}` is outside the scales ({nl} likelihood x {nc} consequence levels)"
            )));
        }
        self.record(field, text, &format!("{l}x{c}"), "level", row);
        Ok((l, c))
    }

    /// A value from a fixed set through its common spellings.
    pub fn choice<T>(
        &mut self,
        field: &'static str,
        text: &str,
        row: u32,
        spell: impl Fn(&str) -> Option<(T, &'static str)>,
        expects: &'static str,
    ) -> Result<T, Problem> {
        match spell(text) {
            Some((value, written)) => {
                self.record(field, text, written, "spelling", row);
                Ok(value)
            }
            None => Err(Problem {
                message: format!("{field} `{}` is not {expects}", text.trim()),
                fix: Some(Fix::Value {
                    field,
                    value: text.trim().to_string(),
                    to: "VALUE",
                    create: None,
                }),
            }),
        }
    }
}

/// A level given as a number, a label of the scale, or both ("4 - Likely", "4
/// (Likely)"); a number is returned even when outside the scale, for the message.
fn parse_level(text: &str, names: &[String]) -> Option<u32> {
    let label = |s: &str| {
        names
            .iter()
            .position(|n| key(n) == key(s))
            .map(|i| i as u32 + 1)
    };
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return label(text);
    }
    let n: u32 = text[..digits].parse().ok()?;
    // `4.0` is how a spreadsheet may hand over the number 4.
    let rest = text[digits..].strip_prefix(".0").unwrap_or(&text[digits..]);
    (key(rest).is_empty() || label(rest) == Some(n)).then_some(n)
}

/// A fresh id from `text`, unused by the register and by what is being created.
fn fresh(text: &str, taken: &BTreeSet<String>, new: &[New]) -> Option<String> {
    let base = slug(text)?;
    let used = |id: &str| taken.contains(id) || new.iter().any(|n| n.id == id);
    if !used(&base) {
        return Some(base);
    }
    (2..).map(|n| format!("{base}-{n}")).find(|id| !used(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_numbers_labels_or_both() {
        let names: Vec<String> = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"]
            .map(String::from)
            .to_vec();
        assert_eq!(parse_level("likely", &names), Some(4));
        assert_eq!(parse_level("4 - Likely", &names), Some(4));
        assert_eq!(parse_level("4 (Likely)", &names), Some(4));
        assert_eq!(parse_level("4.0", &names), Some(4));
        assert_eq!(parse_level("Almost Certain", &names), Some(5));
        assert_eq!(parse_level("9", &names), Some(9));
        assert_eq!(parse_level("3 - Likely", &names), None);
        assert_eq!(parse_level("4.5", &names), None);
        assert_eq!(parse_level("High", &names), None);
    }

    #[test]
    fn keys_ignore_case_punctuation_and_emoji() {
        assert_eq!(key("High 🔴"), "high");
        assert_eq!(key("  AI-Lead "), "ai lead");
        assert_eq!(
            slug("AI Hiring Screening Tool"),
            Some("ai-hiring-screening-tool".into())
        );
        assert_eq!(slug("🔴"), None);
        assert!(is_id("RISK-001"));
        assert!(!is_id("R 01"));
    }
}
