//! `aims check --format github`: GitHub Actions workflow commands, shown as inline
//! annotations on pull requests. Paths are relative to the repository root, where
//! GitHub looks for them.

use super::Origin;
use crate::finding::Severity;
use crate::validate::Report;

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
pub fn github(report: &Report, origin: &Origin) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let command = match f.severity {
            Severity::Error => "error",
            _ => "warning",
        };
        let mut properties = vec![format!("file={}", escape_property(&origin.path(&f.file)))];
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
}
