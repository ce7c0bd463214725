//! The JSON Schemas of the register format, from `schemas/`: compiled into Rust at
//! build time to judge a document, and compiled at run time, once, to explain why one
//! fails.
//!
//! The same files are what users point their editors at, so they are the one source of
//! truth for field names, types, enums and formats. This module validates a parsed
//! document against its kind's schema and turns each violation into a [`Violation`]
//! with a JSON pointer and a message worded for a person (the validator's own wording
//! is kept only for kinds of error the register format never produces). It never reads
//! files and never decides severities.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::model::{FileKind, Kind};
use crate::suggest;

/// One schema violation, located by JSON pointer into the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Pointer to the node to blame; for an unknown field, to the field itself.
    pub pointer: String,
    /// True when `pointer` names a mapping key rather than a value.
    pub at_key: bool,
    pub message: String,
    pub hint: Option<String>,
}

/// Each kind's schema file, written once: [`source`] embeds it, and the validator
/// generated from it at build time ([`generated::is_valid`]) judges documents.
macro_rules! schemas {
    ($($kind:pat => $name:ident = $path:literal;)*) => {
        /// The source text of a kind's schema, as shipped in `schemas/`.
        pub fn source(kind: FileKind) -> &'static str {
            match kind {
                $($kind => include_str!(concat!("../../", $path)),)*
            }
        }

        /// The schemas compiled into Rust when `aims` is built, which say whether a
        /// document is valid; a valid document, nearly every one, never needs
        /// [`compiled`]. They are generated from the same files by the validator's own
        /// compiler, and a test holds them to the compiled schemas' verdict.
        mod generated {
            use serde_json::Value;

            use crate::model::{FileKind, Kind};

            $(
                #[jsonschema::validator(
                    path = $path,
                    draft = Draft202012,
                    validate_formats = true,
                    methods = { is_valid = true, validate = false, iter_errors = false }
                )]
                pub struct $name;
            )*

            /// Whether `value` is valid against the schema of `kind`.
            pub fn is_valid(kind: FileKind, value: &Value) -> bool {
                match kind {
                    $($kind => $name::is_valid(value),)*
                }
            }
        }
    };
}

schemas! {
    FileKind::Config => Config = "schemas/aims.schema.json";
    FileKind::Entity(Kind::System) => System = "schemas/system.schema.json";
    FileKind::Entity(Kind::Risk) => Risk = "schemas/risk.schema.json";
    FileKind::Entity(Kind::Impact) => Impact = "schemas/impact.schema.json";
    FileKind::Entity(Kind::Control) => Control = "schemas/control.schema.json";
    FileKind::Entity(Kind::Incident) => Incident = "schemas/incident.schema.json";
    FileKind::Context => Context = "schemas/context.schema.json";
    FileKind::Entity(Kind::Policy) => Policy = "schemas/policy.schema.json";
    FileKind::Entity(Kind::Objective) => Objective = "schemas/objective.schema.json";
    FileKind::Entity(Kind::Monitor) => Monitor = "schemas/monitor.schema.json";
    FileKind::Entity(Kind::Audit) => Audit = "schemas/audit.schema.json";
    FileKind::Entity(Kind::ManagementReview) => ManagementReview = "schemas/management-review.schema.json";
    FileKind::Entity(Kind::Clause) => Clause = "schemas/clause.schema.json";
}

/// Where a register keeps its copy of the schemas for editors, relative to its root.
pub const REGISTER_SCHEMAS: &str = ".aims/schemas";

/// The first line that points YAML-language-server editors (VS Code and others) at the
/// register's copy of a kind's schema, from a file in that kind's folder.
pub fn modeline(kind: FileKind) -> String {
    let up = match kind {
        FileKind::Config | FileKind::Context => "",
        FileKind::Entity(_) => "../",
    };
    format!(
        "# yaml-language-server: $schema={up}{REGISTER_SCHEMAS}/{}.schema.json\n",
        kind.schema_name()
    )
}

struct Compiled {
    schema: Value,
    validator: Validator,
}

/// The compiled schema of `kind`, compiled when first needed: only a document that
/// fails its schema needs it, to explain each violation.
fn compiled(kind: FileKind) -> &'static Compiled {
    static ALL: [OnceLock<Compiled>; FileKind::ALL.len()] =
        [const { OnceLock::new() }; FileKind::ALL.len()];
    ALL[kind.index()].get_or_init(|| {
        let schema: Value =
            serde_json::from_str(source(kind)).expect("embedded schemas are valid JSON (tested)");
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("embedded schemas compile (tested)");
        Compiled { schema, validator }
    })
}

/// Validates `value` against the schema of `kind`. Violations come in the validator's
/// order; callers sort findings.
/// At most `limit` are explained; the count of the others is returned beside them, so
/// that a hostile file with half a million violations costs no more than a thousand.
pub fn validate(kind: FileKind, value: &Value, limit: usize) -> (Vec<Violation>, usize) {
    if generated::is_valid(kind, value) {
        return (Vec::new(), 0);
    }
    let compiled = compiled(kind);
    let mut violations = Vec::new();
    let mut more = 0;
    for error in compiled.validator.iter_errors(value) {
        if violations.len() < limit {
            explain(&compiled.schema, &error, &mut violations);
        } else {
            more += 1;
        }
    }
    if violations.is_empty() && more == 0 && limit > 0 {
        // The two validators disagree (a test holds them to one verdict): the file is
        // still reported, never passed.
        violations.push(Violation {
            pointer: String::new(),
            at_key: false,
            message: format!("does not match the {} schema", kind.schema_name()),
            hint: None,
        });
    }
    (violations, more)
}

fn explain(schema: &Value, error: &ValidationError<'_>, out: &mut Vec<Violation>) {
    let pointer = error.instance_path().as_str().to_string();
    let instance = error.instance();
    let field = pointer.rsplit('/').next().unwrap_or_default().to_string();
    let plain = |message: String, hint: Option<String>| Violation {
        pointer: pointer.clone(),
        at_key: false,
        message,
        hint,
    };
    let violation = match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed = allowed_properties(schema, error.schema_path().as_str());
            for name in unexpected {
                let mut hint = suggest::closest(name, allowed.iter().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?"));
                if pointer.is_empty() && hint.is_none() {
                    hint = Some("put your organisation's own fields under `x:`".to_string());
                }
                out.push(Violation {
                    pointer: format!("{pointer}/{}", escape(name)),
                    at_key: true,
                    message: format!("unknown field `{name}`"),
                    hint,
                });
            }
            return;
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let within = if pointer.is_empty() {
                String::new()
            } else {
                format!(" in `{}`", readable(&pointer))
            };
            plain(format!("missing required field `{name}`{within}"), None)
        }
        ValidationErrorKind::Enum { options } => {
            let choices: Vec<String> = options
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|o| o.as_str().map_or_else(|| short(o), String::from))
                        .collect()
                })
                .unwrap_or_default();
            let hint = instance.as_str().and_then(|given| {
                suggest::closest(given, choices.iter().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?"))
            });
            plain(
                format!(
                    "`{field}` is {}, which is not one of: {}",
                    short(instance),
                    choices.join(", ")
                ),
                hint,
            )
        }
        ValidationErrorKind::Constant { expected_value } => plain(
            format!(
                "`{field}` must be {}, found {}",
                short(expected_value),
                short(instance)
            ),
            None,
        ),
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => article(&t.to_string()),
                TypeKind::Multiple(ts) => ts
                    .iter()
                    .map(|t| article(&t.to_string()))
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            let what = if pointer.is_empty() {
                "the file".to_string()
            } else {
                format!("`{}`", readable(&pointer))
            };
            plain(
                format!(
                    "{what} must be {expected}, found {} {}",
                    json_type(instance),
                    short(instance)
                ),
                None,
            )
        }
        ValidationErrorKind::Format { format } if format == "date" => plain(
            format!("{} is not a calendar date", short(instance)),
            Some("write dates as YYYY-MM-DD, e.g. 2026-03-31".to_string()),
        ),
        ValidationErrorKind::Pattern { pattern } => {
            let (what, hint) = if pattern.contains("[dwmy]") {
                ("a duration", "write <n>d, <n>w, <n>m or <n>y, e.g. 3m")
            } else if pattern.contains("{64}") {
                ("a SHA-256 digest", "write 64 lower-case hex digits")
            } else if pattern.contains("{7,64}") {
                (
                    "a commit id",
                    "write the commit's hexadecimal id, at least 7 digits, as `git log` shows it",
                )
            } else if pattern.starts_with("^[0-9]+") {
                (
                    "a clause number",
                    "write the clause in quotes, e.g. \"8.4\"",
                )
            } else if pattern.contains("}/[") {
                (
                    "an audit finding",
                    "write AUDIT-ID/FINDING-ID, e.g. AUD-2026-1/F1",
                )
            } else {
                (
                    "a valid id",
                    "ids use letters, digits, '.', '_' and '-', start with a letter or digit, and are at most 64 characters",
                )
            };
            plain(
                format!("{} is not {what}", short(instance)),
                Some(hint.to_string()),
            )
        }
        ValidationErrorKind::FalseSchema => Violation {
            at_key: true,
            ..plain(
                format!("field `{field}` is not allowed here"),
                if pointer.contains("/dimensions/") {
                    Some("a dimension marked `not_applicable` carries no assessment".to_string())
                } else if field == "measure_every" || field == "measurements" {
                    Some("an objective measured by a monitor (`metric.monitor`) takes its measurements and their cycle from the monitor; drop `metric.monitor` to measure by hand".to_string())
                } else {
                    None
                },
            )
        },
        ValidationErrorKind::MinItems { limit } => plain(
            format!(
                "`{}` needs at least {limit} item{}",
                readable(&pointer),
                if *limit == 1 { "" } else { "s" }
            ),
            None,
        ),
        ValidationErrorKind::MaxItems { limit } => plain(
            format!("`{}` has more than {limit} items", readable(&pointer)),
            None,
        ),
        ValidationErrorKind::MaxProperties { limit } => {
            let names: Vec<String> = instance
                .as_object()
                .map(|o| o.keys().map(|k| format!("`{k}`")).collect())
                .unwrap_or_default();
            plain(
                format!(
                    "`{}` takes at most {limit} field{}; it has {}",
                    readable(&pointer),
                    if *limit == 1 { "" } else { "s" },
                    names.join(", ")
                ),
                None,
            )
        }
        ValidationErrorKind::MinProperties { limit } => plain(
            format!(
                "`{}` needs at least {limit} field{}",
                readable(&pointer),
                if *limit == 1 { "" } else { "s" }
            ),
            None,
        ),
        ValidationErrorKind::MinLength { .. } => {
            plain(format!("`{}` must not be empty", readable(&pointer)), None)
        }
        ValidationErrorKind::Minimum { limit } => plain(
            format!(
                "`{field}` is {}, below the minimum of {limit}",
                short(instance)
            ),
            None,
        ),
        ValidationErrorKind::Maximum { limit } => plain(
            format!(
                "`{field}` is {}, above the maximum of {limit}",
                short(instance)
            ),
            None,
        ),
        ValidationErrorKind::PropertyNames { error } => {
            let name = error.instance().as_str().unwrap_or_default().to_string();
            let choices = rule_names(schema);
            out.push(Violation {
                pointer: format!("{pointer}/{}", escape(&name)),
                at_key: true,
                message: format!("`{name}` is not a rule whose severity can be set"),
                hint: suggest::closest(&name, choices.iter().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?")),
            });
            return;
        }
        _ => plain(error.to_string(), None),
    };
    out.push(violation);
}

/// The property names allowed by the schema object whose `additionalProperties` an
/// error points at, following `$ref`s along the schema path.
fn allowed_properties(schema: &Value, schema_path: &str) -> Vec<String> {
    let mut node = schema;
    let segments: Vec<&str> = schema_path.split('/').skip(1).collect();
    let parent = segments.len().saturating_sub(1);
    for segment in &segments[..parent] {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        let next = match (segment.as_str(), node) {
            ("$ref", Value::Object(map)) => map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
                .and_then(|p| schema.pointer(p)),
            (key, Value::Object(map)) => map.get(key),
            (index, Value::Array(items)) => index.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return Vec::new(),
        }
    }
    node.get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

fn rule_names(schema: &Value) -> Vec<String> {
    schema
        .pointer("/properties/rules/propertyNames/enum")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// `/treatment/actions/0/due` as `treatment.actions[0].due`.
fn readable(pointer: &str) -> String {
    let mut out = String::new();
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if segment.parse::<usize>().is_ok() {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&segment);
        }
    }
    out
}

fn article(t: &str) -> String {
    match t {
        "object" => "a mapping".to_string(),
        "array" => "a list".to_string(),
        "integer" => "an integer".to_string(),
        "null" => "empty".to_string(),
        other => format!("a {other}"),
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "the boolean",
        Value::Number(_) => "the number",
        Value::String(_) => "the text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// A value rendered for a message, shortened to keep messages on one line.
fn short(v: &Value) -> String {
    let text = match v {
        Value::Array(_) => "[...]".to_string(),
        Value::Object(_) => "{...}".to_string(),
        other => other.to_string(),
    };
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::finding::Rule;
    use serde_json::json;

    /// Every schema fixture and every file of the example, with the kind whose schema
    /// it is judged by.
    fn documents() -> Vec<(FileKind, String, Value)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        let mut add = |kind: FileKind, path: std::path::PathBuf| {
            let text = std::fs::read_to_string(&path).expect("read");
            if let Ok(parsed) = crate::yaml::parse(&text) {
                out.push((kind, path.display().to_string(), parsed.value));
            }
        };
        for &kind in FileKind::ALL {
            for verdict in ["valid", "invalid"] {
                let dir = root
                    .join("tests/fixtures/schemas")
                    .join(kind.schema_name())
                    .join(verdict);
                for entry in std::fs::read_dir(&dir).expect("fixtures") {
                    add(kind, entry.expect("entry").path());
                }
            }
        }
        let example = root.join("examples/northwind");
        add(FileKind::Config, example.join("aims.yaml"));
        add(FileKind::Context, example.join("context.yaml"));
        for &kind in Kind::ALL {
            for entry in std::fs::read_dir(example.join(kind.folder())).expect("example folder") {
                add(kind.into(), entry.expect("entry").path());
            }
        }
        out
    }

    #[test]
    fn the_schemas_compiled_at_build_time_judge_as_the_compiled_schemas_do() {
        let documents = documents();
        let invalid = documents
            .iter()
            .filter(|(kind, _, value)| !compiled(*kind).validator.is_valid(value))
            .count();
        // Both verdicts are exercised, and for every kind.
        assert!(
            invalid >= 60 && documents.len() - invalid >= 100,
            "{invalid}"
        );
        for &kind in FileKind::ALL {
            let verdicts: BTreeSet<bool> = documents
                .iter()
                .filter(|(k, _, _)| *k == kind)
                .map(|(_, _, value)| compiled(kind).validator.is_valid(value))
                .collect();
            assert_eq!(verdicts.len(), 2, "{kind:?}");
        }
        for (kind, path, value) in &documents {
            assert_eq!(
                generated::is_valid(*kind, value),
                compiled(*kind).validator.is_valid(value),
                "{path}"
            );
        }
    }

    #[test]
    fn every_schema_compiles() {
        for &kind in FileKind::ALL {
            assert!(!validate(kind, &json!({}), 10).0.is_empty(), "{kind:?}");
        }
    }

    #[test]
    fn rules_enum_matches_the_overridable_rules() {
        let schema: Value = serde_json::from_str(source(FileKind::Config)).expect("json");
        let mut in_schema = rule_names(&schema);
        let mut in_code: Vec<String> = Rule::ALL
            .iter()
            .filter(|r| r.overridable())
            .map(|r| r.name().to_string())
            .collect();
        in_schema.sort();
        in_code.sort();
        assert_eq!(in_schema, in_code);
    }

    #[test]
    fn annex_a_ids_in_the_control_schema_match_the_catalog() {
        let schema: Value = serde_json::from_str(source(Kind::Control.into())).expect("json");
        let ids: Vec<&str> = schema
            .pointer("/if/properties/id/enum")
            .and_then(Value::as_array)
            .expect("enum")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let catalog: Vec<&str> = crate::catalog::CONTROLS.iter().map(|c| c.id).collect();
        assert_eq!(ids, catalog);
    }

    #[test]
    fn unknown_field_points_at_the_key_with_a_suggestion() {
        let v = validate(
            Kind::Control.into(),
            &json!({"id": "A.2.2", "applicable": true, "justifcation": "x"}),
            10,
        )
        .0;
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].pointer, "/justifcation");
        assert!(v[0].at_key);
        assert_eq!(v[0].message, "unknown field `justifcation`");
        assert_eq!(v[0].hint.as_deref(), Some("did you mean `justification`?"));
    }

    #[test]
    fn unknown_field_inside_a_referenced_definition_gets_a_suggestion() {
        let risk = json!({"id": "R-1", "title": "t", "systems": ["s"], "category": "safety",
            "owner": "o", "identified": "2026-01-01", "assessment": {"likelihood": 1, "consequence": 1},
            "treatment": {"option": "mitigate", "actions": [{"id": "T1", "description": "d", "status": "done", "duee": "2026-01-01"}]}});
        let v = validate(Kind::Risk.into(), &risk, 10).0;
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].pointer, "/treatment/actions/0/duee");
        assert_eq!(v[0].hint.as_deref(), Some("did you mean `due`?"));
    }

    #[test]
    fn violations_beyond_the_limit_are_counted_not_explained() {
        let many: Vec<Value> = (0..50).map(|_| json!(7)).collect();
        let (v, more) = validate(
            Kind::Risk.into(),
            &json!({"id": "R-1", "title": "t", "systems": many, "category": "safety",
                "owner": "o", "identified": "2026-01-01",
                "assessment": {"likelihood": 1, "consequence": 1}}),
            10,
        );
        assert_eq!((v.len(), more), (10, 40));
    }

    #[test]
    fn readable_pointers() {
        assert_eq!(
            readable("/treatment/actions/0/due"),
            "treatment.actions[0].due"
        );
    }
}
