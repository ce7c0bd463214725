//! `aims check --format sarif`: SARIF 2.1.0 for code scanning, every rule described
//! in `tool.driver.rules` and one result per finding with its physical location.
//!
//! Paths are written relative to the repository root (`SRCROOT`, whose absolute URI
//! `originalUriBaseIds` gives) and percent-encoded as URIs must be. Each result
//! carries a fingerprint built from the rule, the entity and the field the finding is
//! about, never the line, so that code scanning follows an alert across commits that
//! move it.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::Origin;
use crate::finding::{Finding, Rule, Severity};
use crate::validate::Report;

const INFORMATION_URI: &str = "https://github.com/aims-register/aims";
/// The README's section describing every rule.
const RULES_URI: &str = "https://github.com/aims-register/aims#rules";
/// The name of the fingerprint in `partialFingerprints`; its version changes whenever
/// the way it is computed does.
const FINGERPRINT: &str = "aimsFinding/v1";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Off => "none",
    }
}

/// A SARIF 2.1.0 log: every rule described in `tool.driver.rules`, one result per
/// finding with its rule, level, message, physical location and fingerprint.
pub fn sarif(report: &Report, origin: &Origin) -> Value {
    let rules: Vec<Value> = Rule::ALL.iter().map(|rule| describe(*rule)).collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut location = json!({
                "artifactLocation": {
                    "uri": percent_encode(&origin.path(&f.file)),
                    "uriBaseId": "SRCROOT",
                },
            });
            if let Some(at) = f.at {
                location["region"] = json!({ "startLine": at.line, "startColumn": at.column });
            }
            let text = match &f.hint {
                Some(hint) => format!("{} ({hint})", f.message),
                None => f.message.clone(),
            };
            // Two findings with the same key (two violations at one node) are told
            // apart by their order, as code scanning's own fingerprints are.
            let key = fingerprint(f);
            let n = seen.entry(key.clone()).or_default();
            *n += 1;
            json!({
                "ruleId": f.rule.name(),
                "ruleIndex": Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0),
                "level": level(f.severity),
                "message": { "text": text },
                "locations": [ { "physicalLocation": location } ],
                "partialFingerprints": { FINGERPRINT: format!("{key}:{n}") },
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [ {
            "tool": { "driver": {
                "name": "aims",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": rules,
            } },
            "originalUriBaseIds": { "SRCROOT": {
                "uri": file_uri(&origin.root),
                "description": { "text": "the root of the repository holding the register (the register root outside git)" },
            } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        } ],
    })
}

/// A rule's `reportingDescriptor`: its summary, and help in Markdown linking to the
/// README's description of every rule.
fn describe(rule: Rule) -> Value {
    let default = rule.default_severity();
    let setting = if rule.overridable() {
        format!(
            "`aims.yaml` can change it, for example `rules: {{ {}: warning }}`, or switch it off",
            rule.name()
        )
    } else {
        "it cannot be lowered or switched off: it means a file could not be read".to_string()
    };
    let markdown = format!(
        "**`{name}`**: {summary}.\n\nDefault severity: {severity}; {setting}.\n\nSee [the rules of `aims check`]({RULES_URI}) for when each rule fires and how it judges dates, scores and scope.",
        name = rule.name(),
        summary = rule.summary(),
        severity = default.as_str(),
    );
    json!({
        "id": rule.name(),
        "name": rule.name(),
        "shortDescription": { "text": rule.summary() },
        "fullDescription": { "text": rule.summary() },
        "helpUri": RULES_URI,
        "help": {
            "text": format!("{}. Default severity: {}; {setting}. See the rules of `aims check` in the README: {RULES_URI}", rule.summary(), default.as_str()),
            "markdown": markdown,
        },
        "defaultConfiguration": { "level": level(default) },
    })
}

/// The stable part of a finding's identity: its rule, what it is about (the entity,
/// with its folder, or the file) and where in it (the field, or the message when the
/// finding is about no field). Lines are left out: they move with every edit above.
fn fingerprint(f: &Finding) -> String {
    let subject = match (&f.entity, f.file.split_once('/')) {
        (Some(entity), Some((folder, _))) => format!("{folder}/{entity}"),
        _ => f.file.clone(),
    };
    let place = f.pointer.as_deref().unwrap_or(&f.message);
    let digest = Sha256::digest(format!("{}\0{subject}\0{place}", f.rule.name()));
    digest[..16].iter().fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// `path` as a URI reference (RFC 3986): every byte outside the unreserved set and
/// `/` percent-encoded, so that `März.yaml` or a space makes a valid URI.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// An absolute folder as a `file:` URI ending with `/`, as `originalUriBaseIds` needs.
fn file_uri(dir: &std::path::Path) -> String {
    let mut path = dir.to_string_lossy().replace('\\', "/");
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    if !path.ends_with('/') {
        path.push('/');
    }
    format!("file://{}", percent_encode(&path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            percent_encode("risks/März 1.yaml"),
            "risks/M%C3%A4rz%201.yaml"
        );
        assert_eq!(percent_encode("a#b?c%d"), "a%23b%3Fc%25d");
        assert_eq!(
            file_uri(std::path::Path::new("/srv/a b")),
            "file:///srv/a%20b/"
        );
    }

    #[test]
    fn fingerprints_ignore_the_line_but_not_the_field() {
        let base = Finding::new(Rule::UnknownReference, "risks/R-1.yaml", "no `x`")
            .entity("R-1")
            .pointer("/controls/0");
        let moved = base.clone().at(crate::yaml::Loc { line: 9, column: 3 });
        assert_eq!(fingerprint(&base), fingerprint(&moved));
        let other = base.clone().pointer("/controls/1");
        assert_ne!(fingerprint(&base), fingerprint(&other));
    }
}
