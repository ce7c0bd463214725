//! MLflow runs, as MLflow's file store writes them:
//! `mlruns/<experiment id>/<run id>/metrics/<key>`, one file per metric holding one
//! line per logged value, `<timestamp in ms> <value> <step>`. A key with slashes
//! (`fairness/age_gap`) is a file in subfolders of `metrics/`.
//!
//! A run's measurement of a metric is its final value: the line with the highest step
//! (the latest timestamp among equals, then the last line), dated by its timestamp
//! (UTC). Its source is `mlflow run <run id>` (the `run_id` of the run's `meta.yaml`,
//! or the folder's name). The folder given may be a run, an experiment (its runs are
//! read) or the `mlruns` folder itself (every experiment's runs are read); folders
//! whose names start with `.` (`.trash`) are not. Runs are read in name order.

use std::fs;
use std::path::Path;

use chrono::DateTime;

use crate::model::Stamp;

use super::{IngestError, Input, Reading, Skipped, read_bounded};

/// At most this many runs and metric files are read from one folder.
const MAX_FILES: usize = 100_000;

/// How deep keys may nest under `metrics/`.
const MAX_DEPTH: usize = 16;

/// Reads the runs under `dir`.
pub fn read(dir: &Path, shown: &str) -> Result<Input, IngestError> {
    let runs = runs(dir, shown)?;
    if runs.is_empty() {
        return Err(IngestError::NotMlflow {
            file: shown.to_string(),
        });
    }
    let mut input = Input::default();
    let mut budget = MAX_FILES;
    for (run, shown_run) in runs {
        let id = run_id(&run).unwrap_or_else(|| {
            run.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        let mut metrics = Vec::new();
        files(
            &run.join("metrics"),
            "",
            0,
            &mut budget,
            &mut metrics,
            shown,
        )?;
        metrics.sort();
        for (key, path) in metrics {
            let origin = format!("{shown_run}/metrics/{key}");
            let bytes = read_bounded(fs::File::open(&path), &origin)?;
            let text = String::from_utf8_lossy(&bytes);
            match last_value(&text, &origin)? {
                Some((millis, value, line)) if value.is_finite() => {
                    input.readings.push(Reading {
                        key,
                        value,
                        at: Some(stamp(millis).ok_or_else(|| IngestError::Syntax {
                            file: origin.clone(),
                            line,
                            column: 1,
                            message: format!("the timestamp {millis} is out of range"),
                        })?),
                        source: Some(format!("mlflow run {id}")),
                        note: None,
                        origin: format!("{origin}:{line}"),
                    });
                }
                Some((_, value, line)) => input.skipped.push(Skipped {
                    key,
                    origin: format!("{origin}:{line}"),
                    why: format!("the final value is {value}, not a number a monitor can judge"),
                }),
                None => input.skipped.push(Skipped {
                    key,
                    origin,
                    why: "the metric file is empty".to_string(),
                }),
            }
        }
    }
    Ok(input)
}

/// The run folders under `dir`: itself, its runs, or its experiments' runs.
fn runs(dir: &Path, shown: &str) -> Result<Vec<(std::path::PathBuf, String)>, IngestError> {
    if dir.join("metrics").is_dir() {
        return Ok(vec![(dir.to_path_buf(), shown.to_string())]);
    }
    let mut found = Vec::new();
    for (child, name) in subfolders(dir, shown)? {
        let shown_child = format!("{shown}/{name}");
        if child.join("metrics").is_dir() {
            found.push((child, shown_child));
            continue;
        }
        for (run, run_name) in subfolders(&child, &shown_child)? {
            if run.join("metrics").is_dir() {
                found.push((run, format!("{shown_child}/{run_name}")));
            }
        }
        if found.len() > MAX_FILES {
            break;
        }
    }
    Ok(found)
}

/// The folders directly in `dir`, by name, leaving out hidden ones.
fn subfolders(dir: &Path, shown: &str) -> Result<Vec<(std::path::PathBuf, String)>, IngestError> {
    let entries = fs::read_dir(dir).map_err(|source| IngestError::Io {
        file: shown.to_string(),
        source,
    })?;
    let mut out: Vec<(std::path::PathBuf, String)> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            (!name.starts_with('.')).then(|| (e.path(), name))
        })
        .take(MAX_FILES + 1)
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// The metric files under `dir`, with their keys.
fn files(
    dir: &Path,
    prefix: &str,
    depth: usize,
    budget: &mut usize,
    out: &mut Vec<(String, std::path::PathBuf)>,
    shown: &str,
) -> Result<(), IngestError> {
    let entries = fs::read_dir(dir).map_err(|source| IngestError::Io {
        file: format!("{shown}/{prefix}"),
        source,
    })?;
    for entry in entries.flatten() {
        let Some(name) = entry.file_name().to_str().map(String::from) else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let key = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && depth < MAX_DEPTH {
            files(&entry.path(), &key, depth + 1, budget, out, shown)?;
        } else if kind.is_file() {
            if *budget == 0 {
                return Err(IngestError::Syntax {
                    file: shown.to_string(),
                    line: 1,
                    column: 1,
                    message: format!(
                        "more than {MAX_FILES} metric files; ingest fewer runs at a time"
                    ),
                });
            }
            *budget -= 1;
            out.push((key, entry.path()));
        }
    }
    Ok(())
}

/// The `run_id` of a run's `meta.yaml`, when it has one.
fn run_id(run: &Path) -> Option<String> {
    let bytes = read_bounded(
        fs::File::open(run.join("meta.yaml")).map(|f| std::io::Read::take(f, 64 * 1024)),
        "meta.yaml",
    )
    .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.lines().find_map(|line| {
        let id = line
            .strip_prefix("run_id:")?
            .trim()
            .trim_matches(['"', '\'']);
        (!id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .then(|| id.to_string())
    })
}

/// One logged value: its timestamp in milliseconds, the value, and its line.
type Logged = (i64, f64, usize);

/// The final value of a metric file: (timestamp, value, line) of the line with the
/// highest step, the latest timestamp among equals, the last line among those.
fn last_value(text: &str, origin: &str) -> Result<Option<Logged>, IngestError> {
    // (step, timestamp) of the best line so far, and the line.
    let mut best: Option<((i64, i64), Logged)> = None;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let error = |message: String| IngestError::Syntax {
            file: origin.to_string(),
            line: number,
            column: 1,
            message,
        };
        let mut parts = line.split_whitespace();
        let (Some(time), Some(value)) = (parts.next(), parts.next()) else {
            return Err(error(
                "an MLflow metric line is `<timestamp> <value> <step>`".to_string(),
            ));
        };
        let time: i64 = time
            .parse()
            .map_err(|_| error(format!("`{time}` is not a timestamp in milliseconds")))?;
        let value: f64 = value
            .parse()
            .map_err(|_| error(format!("`{value}` is not a number")))?;
        let step: i64 = match parts.next() {
            Some(step) => step
                .parse()
                .map_err(|_| error(format!("`{step}` is not a step number")))?,
            None => 0,
        };
        if best.as_ref().is_none_or(|(key, _)| (step, time) >= *key) {
            best = Some(((step, time), (time, value, number)));
        }
    }
    Ok(best.map(|(_, found)| found))
}

/// A timestamp in milliseconds since the epoch, as a UTC date-time.
fn stamp(millis: i64) -> Option<Stamp> {
    let t = DateTime::from_timestamp_millis(millis)?;
    Stamp::parse(&t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_final_value_of_a_run_is_read_with_its_key_and_date() {
        let dir = tempfile::tempdir().expect("dir");
        let run = dir.path().join("1/4f1c9e0a");
        fs::create_dir_all(run.join("metrics/fairness")).expect("dirs");
        fs::write(run.join("meta.yaml"), "artifact_uri: x\nrun_id: 4f1c9e0a\n").expect("write");
        fs::write(
            run.join("metrics/fairness/age_gap"),
            "1793404800000 4.1 0\n1793404900000 5.6 2\n1793404850000 9.9 1\n",
        )
        .expect("write");
        fs::write(run.join("metrics/accuracy"), "1793404800000 0.91 0\n").expect("write");
        fs::create_dir_all(dir.path().join(".trash/old/metrics")).expect("dirs");
        let input = read(dir.path(), "mlruns").expect("reads");
        let got: Vec<_> = input
            .readings
            .iter()
            .map(|r| {
                (
                    r.key.as_str(),
                    r.value,
                    r.at.map(|a| a.to_string()),
                    r.source.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "accuracy",
                    0.91,
                    Some("2026-10-31T00:00:00Z".to_string()),
                    Some("mlflow run 4f1c9e0a")
                ),
                (
                    "fairness/age_gap",
                    5.6,
                    Some("2026-10-31T00:01:40Z".to_string()),
                    Some("mlflow run 4f1c9e0a")
                ),
            ]
        );
        assert_eq!(
            input.readings[1].origin,
            "mlruns/1/4f1c9e0a/metrics/fairness/age_gap:2"
        );
    }

    #[test]
    fn a_folder_without_runs_and_a_bad_line_are_reported() {
        let dir = tempfile::tempdir().expect("dir");
        assert!(matches!(
            read(dir.path(), "x"),
            Err(IngestError::NotMlflow { .. })
        ));
        fs::create_dir_all(dir.path().join("metrics")).expect("dirs");
        fs::write(
            dir.path().join("metrics/psi"),
            "1793404800000 0.1 0\nnot a line\n",
        )
        .expect("write");
        let err = read(dir.path(), "run").expect_err("bad");
        assert_eq!(
            err.to_string(),
            "run/metrics/psi:2:1: `not` is not a timestamp in milliseconds"
        );
    }
}
