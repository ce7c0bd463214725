//! The hints a dry run ends with: one per kind of fix, naming the values it concerns
//! and a ready-to-edit flag that maps them (`--value "owner:AI Lead=ROLE,..."`), with
//! the scale's levels when the values are levels.

use std::collections::{BTreeMap, BTreeSet};

use super::values::Fix;

/// One hint per kind of fix, naming the values and the flag that maps them.
pub fn hints(fixes: Vec<Fix>, scales: (&[String], &[String])) -> Vec<String> {
    let mut grouped: BTreeMap<(&'static str, &'static str, Option<&'static str>), Vec<String>> =
        BTreeMap::new();
    let mut other = BTreeSet::new();
    for fix in fixes {
        match fix {
            Fix::Value {
                field,
                value,
                to,
                create,
            } => {
                let values = grouped.entry((field, to, create)).or_default();
                if !values.contains(&value) {
                    values.push(value);
                }
            }
            Fix::Hint(h) => {
                other.insert(h);
            }
        }
    }
    let mut out = Vec::new();
    for ((field, to, create), values) in grouped {
        let shown: Vec<String> = values.iter().take(8).map(|v| format!("`{v}`")).collect();
        let more = values.len().saturating_sub(8);
        let table: Vec<String> = values
            .iter()
            .take(8)
            .map(|v| format!("{}={to}", v.replace(',', "\\,")))
            .collect();
        let mut hint = format!(
            "{field} {}{}: map with --value \"{field}:{}\"",
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            },
            table.join(",")
        );
        if more > 0 || values.len() > 3 {
            hint.push_str(" (FROM* maps every value starting with FROM)");
        }
        if to == "LEVEL" || to == "LxC" {
            let scale = |names: &[String]| format!("1 to {} ({})", names.len(), names.join(", "));
            hint.push_str(&if field.contains("likelihood") {
                format!("; likelihood levels are {}", scale(scales.0))
            } else if field.contains("consequence") {
                format!("; consequence levels are {}", scale(scales.1))
            } else {
                format!(
                    "; LxC is a likelihood 1 to {} and a consequence 1 to {}, e.g. {}x{}",
                    scales.0.len(),
                    scales.1.len(),
                    scales.0.len(),
                    scales.1.len()
                )
            });
        }
        if field == "status" {
            hint = format!(
                "status {}: say what each means, --value \"status:{}=closed\" (the risk is closed) or =done (its treatment is done), =open, =in-progress, =planned",
                shown.join(", "),
                values[0]
            );
        }
        if let Some(create) = create {
            hint.push_str(&format!(", or create them with --create-missing {create}"));
        }
        out.push(hint);
    }
    out.extend(other);
    out
}
