//! Reading metric values from what ML pipelines write, for `aims monitor ingest`,
//! and matching them to monitors by key.
//!
//! Four inputs are understood: a JSON object of metric values, flat or nested (nested
//! keys are joined with `/`: `{"fairness": {"age_gap": 5.6}}` is `fairness/age_gap`);
//! JSON Lines of `{"key": ..., "value": ..., "date": ...}` (also `source` and `note`);
//! CSV rows `key,value[,date]` (with or without that header); and an MLflow run folder
//! as its file store writes it (see [`mlflow`]). A file is recognised by its
//! extension (`.json`, `.jsonl`/`.ndjson`, `.csv`), a folder as an MLflow run, and
//! anything else (standard input included) by its content.
//!
//! Nothing is dropped silently: a value that is not a number is listed as skipped, a
//! key no monitor reports under as unknown, a key several monitors report under as
//! ambiguous (`--system` tells them apart), a value dated after today as refused. A
//! line that does not read stops the run with its file, line and column. Inputs are
//! bounded in size; nothing here writes.

pub mod mlflow;

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

use chrono::NaiveDate;
use serde_json::Value;

use crate::model::Stamp;
use crate::register::measurements::{self, NewMeasurement};

/// Inputs larger than this are refused unread.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// One metric value read from an input.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub key: String,
    pub value: f64,
    /// When it was measured, if the input says.
    pub at: Option<Stamp>,
    /// Where it came from, if the input says (a run id).
    pub source: Option<String>,
    pub note: Option<String>,
    /// Where it was read: `metrics.jsonl:3`.
    pub origin: String,
}

/// A value of the input that is not a measurement, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub key: String,
    pub origin: String,
    pub why: String,
}

/// What an input holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Input {
    pub readings: Vec<Reading>,
    pub skipped: Vec<Skipped>,
}

/// The kinds of input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    JsonLines,
    Csv,
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("cannot read `{file}`")]
    Io { file: String, source: io::Error },
    #[error("`{file}` is {size} bytes, over the limit of {MAX_INPUT_BYTES} bytes for an input")]
    TooLarge { file: String, size: u64 },
    #[error(
        "`{file}` is not a regular file or a folder (a pipe or a device); give a file, a folder or `-`"
    )]
    NotRegular { file: String },
    #[error(
        "`{file}` is a folder but not an MLflow run: no `metrics/` folder in it, in its runs or in its experiments' runs"
    )]
    NotMlflow { file: String },
}

/// Reads one input: a file (by its extension or content) or an MLflow folder.
/// `shown` is how messages name it.
pub fn read_path(path: &Path, shown: &str) -> Result<Input, IngestError> {
    let meta = fs::metadata(path).map_err(|source| IngestError::Io {
        file: shown.to_string(),
        source,
    })?;
    if meta.is_dir() {
        return mlflow::read(path, shown);
    }
    if !meta.is_file() {
        return Err(IngestError::NotRegular {
            file: shown.to_string(),
        });
    }
    let bytes = read_bounded(File::open(path), shown)?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let format = match extension.as_deref() {
        Some("json") => Some(Format::Json),
        Some("jsonl" | "ndjson") => Some(Format::JsonLines),
        Some("csv") => Some(Format::Csv),
        _ => None,
    };
    read_bytes(&bytes, shown, format)
}

/// Reads all of `reader`, refusing more than [`MAX_INPUT_BYTES`].
pub fn read_bounded(reader: io::Result<impl Read>, shown: &str) -> Result<Vec<u8>, IngestError> {
    let io_error = |source| IngestError::Io {
        file: shown.to_string(),
        source,
    };
    let mut bytes = Vec::new();
    reader
        .map_err(io_error)?
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(IngestError::TooLarge {
            file: shown.to_string(),
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Reads an input's bytes in `format`, or in the format its content shows.
pub fn read_bytes(bytes: &[u8], shown: &str, format: Option<Format>) -> Result<Input, IngestError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        IngestError::Syntax {
            file: shown.to_string(),
            line,
            column: String::from_utf8_lossy(&before[start..]).chars().count() + 1,
            message: "the input is not UTF-8 text".to_string(),
        }
    })?;
    let format = format.unwrap_or_else(|| sniff(text));
    match format {
        Format::Json => json(text, shown),
        Format::JsonLines => json_lines(text, shown),
        Format::Csv => csv(text, shown),
    }
}

/// The format an input's content shows: one JSON object, JSON Lines, or CSV.
fn sniff(text: &str) -> Format {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('{') {
        return Format::Csv;
    }
    let first = trimmed.lines().next().unwrap_or_default();
    let several = trimmed
        .lines()
        .filter(|l| !l.trim().is_empty())
        .nth(1)
        .is_some();
    if several && serde_json::from_str::<Value>(first).is_ok_and(|v| v.is_object()) {
        Format::JsonLines
    } else {
        Format::Json
    }
}

/// A JSON object of metric values, nested keys joined with `/`.
fn json(text: &str, shown: &str) -> Result<Input, IngestError> {
    let value: Value = serde_json::from_str(text).map_err(|e| IngestError::Syntax {
        file: shown.to_string(),
        line: e.line(),
        column: e.column(),
        message: format!("not a JSON object of metric values: {e}"),
    })?;
    let Value::Object(map) = value else {
        return Err(IngestError::Syntax {
            file: shown.to_string(),
            line: 1,
            column: 1,
            message: "a JSON input is one object of metric values, e.g. {\"accuracy\": 0.91}"
                .to_string(),
        });
    };
    let mut input = Input::default();
    flatten(&mut input, shown, "", &map);
    Ok(input)
}

fn flatten(input: &mut Input, shown: &str, prefix: &str, map: &serde_json::Map<String, Value>) {
    for (name, value) in map {
        let key = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}/{name}")
        };
        let skip = |why: &str| Skipped {
            key: key.clone(),
            origin: shown.to_string(),
            why: why.to_string(),
        };
        match value {
            Value::Object(inner) => flatten(input, shown, &key, inner),
            Value::Number(n) => match n.as_f64().filter(|v| v.is_finite()) {
                Some(value) => input.readings.push(Reading {
                    key,
                    value,
                    at: None,
                    source: None,
                    note: None,
                    origin: shown.to_string(),
                }),
                None => input.skipped.push(skip("the number is out of range")),
            },
            Value::Array(_) => input.skipped.push(skip("a list, not a number")),
            Value::String(_) => input.skipped.push(skip("text, not a number")),
            Value::Bool(_) => input.skipped.push(skip("true or false, not a number")),
            Value::Null => input.skipped.push(skip("null, not a number")),
        }
    }
}

/// JSON Lines: one object per line with `key`, `value` and optionally `date`,
/// `source` and `note`.
fn json_lines(text: &str, shown: &str) -> Result<Input, IngestError> {
    let mut input = Input::default();
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let error = |column: usize, message: String| IngestError::Syntax {
            file: shown.to_string(),
            line: number,
            column,
            message,
        };
        let value: Value = serde_json::from_str(line)
            .map_err(|e| error(e.column(), format!("not a JSON object: {e}")))?;
        let origin = format!("{shown}:{number}");
        let Value::Object(object) = value else {
            return Err(error(
                1,
                "each line is an object {\"key\": ..., \"value\": ...}".to_string(),
            ));
        };
        let Some(key) = object.get("key").and_then(Value::as_str) else {
            return Err(error(
                1,
                "the line has no `key` (a text naming the metric)".to_string(),
            ));
        };
        let text_field = |name: &str| -> Result<Option<String>, IngestError> {
            match object.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
                Some(_) => Err(error(1, format!("`{name}` must be text"))),
            }
        };
        let at = match text_field("date")? {
            None => None,
            Some(date) => {
                Some(Stamp::parse(&date).map_err(|e| error(1, format!("`date` `{date}` is {e}")))?)
            }
        };
        let source = text_field("source")?;
        let note = text_field("note")?;
        match object.get("value") {
            Some(Value::Number(n)) if n.as_f64().is_some_and(f64::is_finite) => {
                input.readings.push(Reading {
                    key: key.to_string(),
                    value: n.as_f64().unwrap_or_default(),
                    at,
                    source,
                    note,
                    origin,
                });
            }
            Some(Value::Number(_)) => input.skipped.push(Skipped {
                key: key.to_string(),
                origin,
                why: "the number is out of range".to_string(),
            }),
            None => return Err(error(1, "the line has no `value`".to_string())),
            Some(_) => input.skipped.push(Skipped {
                key: key.to_string(),
                origin,
                why: "the value is not a number".to_string(),
            }),
        }
    }
    Ok(input)
}

/// CSV rows `key,value[,date]`, with or without that header.
fn csv(text: &str, shown: &str) -> Result<Input, IngestError> {
    let mut input = Input::default();
    let mut fields = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let error = |at: usize, message: String| IngestError::Syntax {
            file: shown.to_string(),
            line: number,
            column: measurements::column_of(line, at),
            message,
        };
        measurements::split(line, &mut fields).map_err(|(at, why)| error(at, why))?;
        if i == 0 && fields[0].1.trim().eq_ignore_ascii_case("key") {
            continue;
        }
        if let Some((at, _)) = fields.get(3) {
            return Err(error(
                *at,
                format!(
                    "the row has {} fields; a row is key,value[,date]",
                    fields.len()
                ),
            ));
        }
        let key = fields[0].1.trim();
        if key.is_empty() {
            return Err(error(0, "the row has no key".to_string()));
        }
        let Some((value_at, value)) = fields.get(1) else {
            return Err(error(
                line.len(),
                "the row has no value; a row is key,value[,date]".to_string(),
            ));
        };
        let value = measurements::number(value).map_err(|why| error(*value_at, why))?;
        let at = match fields.get(2) {
            Some((at, date)) if !date.trim().is_empty() => Some(
                Stamp::parse(date.trim())
                    .map_err(|e| error(*at, format!("`{}` is {e}", date.trim())))?,
            ),
            _ => None,
        };
        input.readings.push(Reading {
            key: key.to_string(),
            value,
            at,
            source: None,
            note: None,
            origin: format!("{shown}:{number}"),
        });
    }
    Ok(input)
}

/// A monitor values can be matched to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target<'a> {
    pub id: &'a str,
    /// The key it is reported under.
    pub key: &'a str,
    pub system: &'a str,
}

/// What to record, and what could not be.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// New rows, by monitor id, in input order.
    pub rows: BTreeMap<String, Vec<NewMeasurement>>,
    /// Keys no monitor reports under, with where each was first read.
    pub unknown: BTreeMap<String, String>,
    /// Keys several monitors report under, with those monitors.
    pub ambiguous: BTreeMap<String, Vec<String>>,
    /// Values dated after today: not recorded.
    pub future: Vec<Reading>,
}

/// Defaults for readings that do not say.
#[derive(Debug, Clone, Copy)]
pub struct Defaults<'a> {
    /// When, for readings without a date (`--date`, or today).
    pub at: Stamp,
    /// Where from, for readings without a source (`--source`, or the input's name).
    pub source: &'a str,
    /// Only monitors of this system (`--system`).
    pub system: Option<&'a str>,
    pub today: NaiveDate,
}

/// Matches readings to monitors by key.
pub fn plan(readings: Vec<Reading>, monitors: &[Target<'_>], defaults: Defaults<'_>) -> Plan {
    let mut by_key: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for m in monitors
        .iter()
        .filter(|m| defaults.system.is_none_or(|s| s == m.system))
    {
        by_key.entry(m.key).or_default().push(m.id);
    }
    let mut plan = Plan::default();
    for r in readings {
        match by_key.get(r.key.as_str()).map(Vec::as_slice) {
            None | Some([]) => {
                plan.unknown.entry(r.key).or_insert(r.origin);
            }
            Some([id]) => {
                let at = r.at.unwrap_or(defaults.at);
                if at.date > defaults.today {
                    plan.future.push(r);
                    continue;
                }
                plan.rows
                    .entry(id.to_string())
                    .or_default()
                    .push(NewMeasurement {
                        at,
                        value: r.value,
                        source: Some(r.source.unwrap_or_else(|| defaults.source.to_string())),
                        note: r.note,
                    });
            }
            Some(ids) => {
                plan.ambiguous
                    .entry(r.key)
                    .or_insert_with(|| ids.iter().map(|s| s.to_string()).collect());
            }
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(input: &Input) -> Vec<(String, f64)> {
        input
            .readings
            .iter()
            .map(|r| (r.key.clone(), r.value))
            .collect()
    }

    #[test]
    fn a_nested_json_object_gives_slash_joined_keys() {
        let input = read_bytes(
            br#"{"accuracy": 0.91, "fairness": {"age_gap": 5.6, "notes": "x"}, "runs": [1]}"#,
            "m.json",
            None,
        )
        .expect("reads");
        assert_eq!(
            keys(&input),
            [("accuracy".into(), 0.91), ("fairness/age_gap".into(), 5.6)]
        );
        let skipped: Vec<_> = input.skipped.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(skipped, ["fairness/notes", "runs"]);
    }

    #[test]
    fn json_lines_and_csv_carry_dates() {
        let input = read_bytes(
            b"{\"key\": \"psi\", \"value\": 0.12, \"date\": \"2026-10-31\"}\n\n{\"key\": \"psi\", \"value\": 0.3, \"source\": \"run 7\"}\n",
            "m.jsonl",
            None,
        )
        .expect("reads");
        assert_eq!(input.readings.len(), 2);
        assert_eq!(
            input.readings[0].at.map(|s| s.to_string()).as_deref(),
            Some("2026-10-31")
        );
        assert_eq!(input.readings[1].source.as_deref(), Some("run 7"));
        assert_eq!(input.readings[1].origin, "m.jsonl:3");
        let input = read_bytes(
            b"key,value,date\npsi,0.12,2026-10-31\ngap,\"5.6\"\n",
            "m.csv",
            None,
        )
        .expect("reads");
        assert_eq!(keys(&input), [("psi".into(), 0.12), ("gap".into(), 5.6)]);
    }

    #[test]
    fn bad_lines_are_named_by_line_and_column() {
        let err = read_bytes(b"psi,0.1\ngap,abc\n", "m.csv", None).expect_err("bad");
        assert_eq!(
            err.to_string(),
            "m.csv:2:5: `abc` is not a number (write a decimal number with a point, e.g. 0.91)"
        );
        let err = read_bytes(
            b"{\"key\": \"a\", \"value\": 1}\n{\"key\": \"b\" \"value\": 2}\n",
            "m.jsonl",
            None,
        )
        .expect_err("bad");
        assert!(
            err.to_string()
                .starts_with("m.jsonl:2:13: not a JSON object"),
            "{err}"
        );
        let err = read_bytes(b"{\"a\": 1,}", "m.json", None).expect_err("bad");
        assert!(err.to_string().starts_with("m.json:1:9:"), "{err}");
        let err = read_bytes(b"[1, 2]", "m.json", Some(Format::Json)).expect_err("bad");
        assert!(
            err.to_string().contains("one object of metric values"),
            "{err}"
        );
    }

    #[test]
    fn readings_are_matched_by_key_and_nothing_is_dropped_silently() {
        let monitors = [
            Target {
                id: "credit-gap",
                key: "fairness/age_gap",
                system: "credit",
            },
            Target {
                id: "credit-acc",
                key: "accuracy",
                system: "credit",
            },
            Target {
                id: "fraud-acc",
                key: "accuracy",
                system: "fraud",
            },
        ];
        let input = read_bytes(
            br#"{"accuracy": 0.9, "fairness": {"age_gap": 5.6}, "latency": 12}"#,
            "m.json",
            None,
        )
        .expect("reads");
        let today = "2026-11-22".parse().expect("date");
        let defaults = Defaults {
            at: Stamp::day(today),
            source: "m.json",
            system: None,
            today,
        };
        let plan = plan(input.readings.clone(), &monitors, defaults);
        assert_eq!(plan.rows.keys().collect::<Vec<_>>(), ["credit-gap"]);
        assert_eq!(plan.rows["credit-gap"][0].source.as_deref(), Some("m.json"));
        assert_eq!(plan.unknown.keys().collect::<Vec<_>>(), ["latency"]);
        assert_eq!(plan.ambiguous["accuracy"], ["credit-acc", "fraud-acc"]);
        let plan = super::plan(
            input.readings,
            &monitors,
            Defaults {
                system: Some("fraud"),
                ..defaults
            },
        );
        assert_eq!(plan.rows.keys().collect::<Vec<_>>(), ["fraud-acc"]);
        assert_eq!(
            plan.unknown.keys().collect::<Vec<_>>(),
            ["fairness/age_gap", "latency"]
        );
    }
}
