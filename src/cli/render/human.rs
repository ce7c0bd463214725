//! Findings as a compiler writes diagnostics: `error[rule]: file:line:col: message`,
//! the hint on a line of its own, then a summary line; colour only when asked for.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::cli::output::safe;
use crate::finding::{Finding, Severity};
use crate::validate::Report;

/// Styling with `anstyle` (clap's own), applied only when colour is on. The text is
/// made [`safe`] first, so register text cannot bring escapes of its own.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub on: bool,
}

impl Paint {
    /// `text` in `style` when colour is on, plain otherwise.
    pub fn style(self, style: Style, text: &str) -> String {
        let text = safe(text);
        if self.on {
            format!("{style}{text}{style:#}")
        } else {
            text.into_owned()
        }
    }

    pub fn red(self, text: &str) -> String {
        self.style(
            Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
            text,
        )
    }

    pub fn yellow(self, text: &str) -> String {
        self.style(
            Style::new().bold().fg_color(Some(AnsiColor::Yellow.into())),
            text,
        )
    }

    pub fn cyan(self, text: &str) -> String {
        self.style(
            Style::new().bold().fg_color(Some(AnsiColor::Cyan.into())),
            text,
        )
    }

    pub fn bold(self, text: &str) -> String {
        self.style(Style::new().bold(), text)
    }
}

/// Writes each finding with its hint.
pub fn findings(out: &mut impl Write, findings: &[Finding], paint: Paint) -> io::Result<()> {
    for finding in findings {
        let label = match finding.severity {
            Severity::Error => paint.red(&format!("error[{}]", finding.rule)),
            _ => paint.yellow(&format!("warning[{}]", finding.rule)),
        };
        let place = finding.place().to_string();
        writeln!(
            out,
            "{label}: {}: {}",
            paint.bold(&place),
            safe(&finding.message)
        )?;
        if let Some(hint) = &finding.hint {
            writeln!(out, "  {} {}", paint.cyan("hint:"), safe(hint))?;
        }
    }
    Ok(())
}

/// `1 error, 2 warnings in 42 files`, or `no problems found in 42 files`.
pub fn summary_line(report: &Report) -> String {
    let summary = report.summary();
    if summary.errors == 0 && summary.warnings == 0 {
        format!("no problems found in {}", count(summary.files, "file"))
    } else {
        format!(
            "{}, {} in {}",
            count(summary.errors, "error"),
            count(summary.warnings, "warning"),
            count(summary.files, "file")
        )
    }
}

/// `1 file`, `2 files`.
pub fn count(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// A whole check: the findings, a blank line, the summary in bold.
pub fn check(out: &mut impl Write, report: &Report, paint: Paint) -> io::Result<()> {
    findings(out, &report.findings, paint)?;
    if !report.findings.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "{}", paint.bold(&summary_line(report)))
}
