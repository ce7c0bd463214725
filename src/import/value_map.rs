//! The `--value FIELD[,FIELD]:FROM=TO[,FROM=TO...]` tables and `--create-missing`.
//!
//! A FROM is compared as [`key`] compares values (case, punctuation and emoji do not
//! matter); a FROM ending in `*` matches every value starting with it; an empty TO
//! means "no value". A field's own table is tried before its family's: the likelihood
//! table also maps residual likelihoods, the owner table also maps action owners and
//! acceptors.

use std::collections::BTreeMap;

use super::values::key;

/// One `--value` rule.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    from: String,
    prefix: bool,
    to: String,
}

/// The `--value` tables, by field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValueMap {
    rules: BTreeMap<&'static str, Vec<Rule>>,
}

/// The field whose table also applies to `field`.
fn family(field: &str) -> Option<&'static str> {
    match field {
        "residual-likelihood" => Some("likelihood"),
        "residual-consequence" => Some("consequence"),
        "residual-level" => Some("level"),
        "action-owner" | "accepted-by" => Some("owner"),
        _ => None,
    }
}

/// Splits on commas not preceded by a backslash.
fn split_unescaped(text: &str) -> Vec<String> {
    let (mut parts, mut current, mut escaped) = (Vec::new(), String::new(), false);
    for c in text.chars() {
        match c {
            _ if escaped => {
                current.push(c);
                escaped = false;
            }
            '\\' => escaped = true,
            ',' => parts.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    parts.push(current);
    parts
}

impl ValueMap {
    /// Adds one `--value FIELD[,FIELD]:FROM=TO[,FROM=TO]` argument; `field` finds the
    /// canonical name of a field.
    pub fn add(
        &mut self,
        given: &str,
        field: impl Fn(&str) -> Option<&'static str>,
    ) -> Result<(), String> {
        let (fields, table) = given
            .split_once(':')
            .ok_or("write FIELD:FROM=TO, e.g. \"owner:AI Lead=ml-lead\"")?;
        let fields: Vec<&'static str> = fields
            .split(',')
            .map(|f| field(f.trim()).ok_or(format!("`{}` is not a field", f.trim())))
            .collect::<Result<_, _>>()?;
        for pair in split_unescaped(table) {
            if pair.trim().is_empty() {
                continue;
            }
            let (from, to) = pair
                .rsplit_once('=')
                .ok_or(format!("`{pair}` is not FROM=TO"))?;
            let from = from.trim();
            let (from, prefix) = match from.strip_suffix('*') {
                Some(stem) => (stem, true),
                None => (from, false),
            };
            if from.trim().is_empty() && !prefix {
                return Err(format!("`{pair}` maps an empty value"));
            }
            for f in &fields {
                self.rules.entry(f).or_default().push(Rule {
                    from: key(from),
                    prefix,
                    to: to.trim().to_string(),
                });
            }
        }
        Ok(())
    }

    /// What `--value` maps `text` to for `field`, if anything: exact rules before
    /// prefix rules, the field's own table before its family's.
    pub fn get<'s>(&'s self, field: &str, text: &str) -> Option<&'s str> {
        let k = key(text);
        let own: Option<&'static str> = self.rules.keys().find(|k| **k == field).copied();
        let tables = [own, family(field)];
        for prefix in [false, true] {
            for table in tables.iter().flatten() {
                let found = self.rules.get(table).and_then(|rules| {
                    rules.iter().find(|r| {
                        r.prefix == prefix
                            && if prefix {
                                k.starts_with(&r.from)
                            } else {
                                k == r.from
                            }
                    })
                });
                if let Some(rule) = found {
                    return Some(&rule.to);
                }
            }
        }
        None
    }
}

/// What `--create-missing` allows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Create {
    pub systems: bool,
    pub roles: bool,
    pub categories: bool,
}

impl Create {
    pub fn parse(given: &[String], allowed: &[&str]) -> Result<Create, String> {
        let mut create = Create::default();
        for word in given.iter().flat_map(|g| g.split(',')).map(str::trim) {
            if !allowed.contains(&word) {
                return Err(format!(
                    "`{word}` cannot be created here; this import creates {}",
                    allowed.join(", ")
                ));
            }
            match word {
                "systems" => create.systems = true,
                "roles" => create.roles = true,
                _ => create.categories = true,
            }
        }
        Ok(create)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_tables_match_exactly_then_by_prefix_then_by_family() {
        let mut map = ValueMap::default();
        let field = |f: &str| {
            ["owner", "level", "accepted-by"]
                .into_iter()
                .find(|x| *x == f)
        };
        map.add("owner:AI Lead=ml-lead,CEO*=ceo", field)
            .expect("parses");
        map.add("level:High=4x4, Low=1x1", field).expect("parses");
        map.add("accepted-by:N/A*=", field).expect("parses");
        assert_eq!(map.get("owner", "ai lead"), Some("ml-lead"));
        assert_eq!(map.get("owner", "CEO accepted - see RA-1"), Some("ceo"));
        assert_eq!(map.get("accepted-by", "CEO accepted"), Some("ceo"));
        assert_eq!(map.get("accepted-by", "N/A — treated to Low"), Some(""));
        assert_eq!(map.get("residual-level", "Low 🟢"), Some("1x1"));
        assert_eq!(map.get("owner", "someone"), None);
        assert!(map.add("owner", field).is_err());
        assert!(map.add("colour:a=b", field).is_err());
    }
}
