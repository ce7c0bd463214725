//! `aims check --format sarif`: SARIF 2.1.0 for code scanning, every rule described
//! in `tool.driver.rules` and one result per finding with its physical location.

use serde_json::{Value, json};

use crate::finding::{Rule, Severity};
use crate::validate::Report;

const INFORMATION_URI: &str = "https://github.com/aims-register/aims";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning | Severity::Off => "warning",
    }
}

/// A SARIF 2.1.0 log: every rule described in `tool.driver.rules`, one result per
/// finding with its rule, level, message and physical location.
pub fn sarif(report: &Report) -> Value {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|rule| {
            json!({
                "id": rule.name(),
                "shortDescription": { "text": rule.summary() },
                "fullDescription": { "text": rule.summary() },
                "help": { "text": format!("{} (see `aims check` in the README for every rule and how to set its severity in aims.yaml)", rule.summary()) },
                "defaultConfiguration": { "level": match rule.default_severity() {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Off => "none",
                } },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut location = json!({
                "artifactLocation": { "uri": f.file, "uriBaseId": "SRCROOT" },
            });
            if let Some(at) = f.at {
                location["region"] = json!({ "startLine": at.line, "startColumn": at.column });
            }
            let text = match &f.hint {
                Some(hint) => format!("{} ({hint})", f.message),
                None => f.message.clone(),
            };
            json!({
                "ruleId": f.rule.name(),
                "ruleIndex": Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0),
                "level": level(f.severity),
                "message": { "text": text },
                "locations": [ { "physicalLocation": location } ],
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
            "originalUriBaseIds": { "SRCROOT": { "description": { "text": "the register root" } } },
            "results": results,
        } ],
    })
}
