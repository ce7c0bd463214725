//! `aims check` output for CI systems: SARIF 2.1.0 (code scanning), JUnit XML (test
//! reports) and GitHub workflow commands (inline pull-request annotations).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::finding::{Finding, Rule, Severity};
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

fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn place(f: &Finding) -> String {
    match f.at {
        Some(at) => format!("{}:{}:{}", f.file, at.line, at.column),
        None => f.file.clone(),
    }
}

/// JUnit XML: one test suite per file, one test case per rule per file (failed when
/// the rule reported an error there), and a passing case for a file with no findings.
pub fn junit(report: &Report, files: &[String]) -> String {
    let mut by_file: BTreeMap<&str, BTreeMap<&str, Vec<&Finding>>> = BTreeMap::new();
    for file in files {
        by_file.entry(file).or_default();
    }
    for f in &report.findings {
        by_file
            .entry(&f.file)
            .or_default()
            .entry(f.rule.name())
            .or_default()
            .push(f);
    }
    let mut suites = String::new();
    let (mut total_tests, mut total_failures) = (0, 0);
    for (file, rules) in &by_file {
        let mut cases = String::new();
        let mut failures = 0;
        if rules.is_empty() {
            cases.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"aims check\"/>\n",
                xml(file)
            ));
        }
        for (rule, findings) in rules {
            let errors: Vec<&&Finding> = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            let details: Vec<String> = findings
                .iter()
                .map(|f| {
                    format!(
                        "{}[{}] {}: {}",
                        f.severity.as_str(),
                        f.rule,
                        place(f),
                        f.message
                    )
                })
                .collect();
            cases.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{}\">\n",
                xml(file),
                xml(rule)
            ));
            if let Some(first) = errors.first() {
                failures += 1;
                cases.push_str(&format!(
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                    xml(rule),
                    xml(&first.message),
                    xml(&details.join("\n"))
                ));
            } else {
                cases.push_str(&format!(
                    "      <system-out>{}</system-out>\n",
                    xml(&details.join("\n"))
                ));
            }
            cases.push_str("    </testcase>\n");
        }
        let tests = rules.len().max(1);
        total_tests += tests;
        total_failures += failures;
        suites.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n{cases}  </testsuite>\n",
            xml(file)
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"aims check\" tests=\"{total_tests}\" failures=\"{total_failures}\" errors=\"0\">\n{suites}</testsuites>\n"
    )
}

/// Escapes workflow-command data (`%`, CR, LF) and, in properties, `:` and `,`.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: `::error file=...,line=...,col=...,title=rule::message`.
pub fn github(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let command = match f.severity {
            Severity::Error => "error",
            _ => "warning",
        };
        let mut properties = vec![format!("file={}", escape_property(&f.file))];
        if let Some(at) = f.at {
            properties.push(format!("line={}", at.line));
            properties.push(format!("col={}", at.column));
        }
        properties.push(format!("title={}", escape_property(f.rule.name())));
        let message = match &f.hint {
            Some(hint) => format!("{}\nhint: {hint}", f.message),
            None => f.message.clone(),
        };
        out.push_str(&format!(
            "::{command} {}::{}\n",
            properties.join(","),
            escape_data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_their_data() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }

    #[test]
    fn xml_is_escaped() {
        assert_eq!(
            xml("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
    }
}
