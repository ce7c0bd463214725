//! `aims check --format junit`: JUnit XML test reports, a suite per file and a case
//! per rule per file, failing on errors.

use std::collections::BTreeMap;

use crate::finding::{Finding, Severity};
use crate::validate::Report;

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
                        f.place(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_is_escaped() {
        assert_eq!(
            xml("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
    }
}
