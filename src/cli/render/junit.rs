//! `aims check --format junit`: JUnit XML test reports, a suite per file and a case
//! per rule per file, failing on errors.

use std::collections::BTreeMap;

use crate::finding::{Finding, Severity};
use crate::validate::Report;

/// Text for XML content or an attribute value. The five markup characters become
/// entities; line breaks and tabs become character references (an attribute would
/// otherwise read them as spaces); characters XML 1.0 forbids altogether (other
/// control characters, U+FFFE, U+FFFF), which no reference can carry, are written as
/// `\u{ffff}`, the way a terminal shows them, so the document stays well-formed and
/// the name still says what it was.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if !allowed(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 allows `c` in a document (its production `Char`).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
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

    #[test]
    fn characters_xml_forbids_are_shown_not_written() {
        assert_eq!(
            xml("a\u{ffff}b\u{1}c\u{fffe}"),
            "a\\u{ffff}b\\u{1}c\\u{fffe}"
        );
        assert_eq!(xml("line\nnext\tx"), "line&#10;next&#9;x");
        assert_eq!(xml("März 😀"), "März 😀");
    }
}
