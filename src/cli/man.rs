//! `aims man`: man pages generated from the command definitions, aims(1) and one
//! page per command, each with the sections clap does not know about: EXAMPLES,
//! EXIT STATUS and ENVIRONMENT.

use std::io::Write;

use anyhow::Result;
use clap::Command;
use clap_mangen::Man;

/// Examples by command path (`risk show`), each a command line and what it does. A
/// command with none of its own gets one pointing at its `--help`.
const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    (
        "",
        &[
            (
                "aims init --organisation \"Acme\"",
                "create a register in the current directory",
            ),
            ("aims check", "check every file of the register"),
            (
                "aims -C compliance/aims report soa --output soa.html --format html",
                "the Statement of Applicability of a register in a subfolder, as a web page",
            ),
        ],
    ),
    (
        "init",
        &[(
            "aims init registers/acme --preset 4x4 --organisation \"Acme\"",
            "a register with 4x4 risk criteria in a new folder",
        )],
    ),
    (
        "check",
        &[
            (
                "aims check --today 2026-11-22",
                "judge dates as of a fixed day, for a reproducible run",
            ),
            (
                "aims check --format sarif --fail-on never > aims.sarif",
                "SARIF for code scanning, whatever is found",
            ),
            (
                "aims check --format json | jq '.diagnostics[] | select(.severity == \"error\")'",
                "the errors alone, with jq",
            ),
        ],
    ),
    (
        "catalog",
        &[("aims catalog controls", "the 38 Annex A controls")],
    ),
    ("system", &[("aims system list", "the AI system inventory")]),
    (
        "system add",
        &[(
            "aims system add --name \"Credit scoring\" --lifecycle deployed --role developer --owner ml-lead",
            "add an AI system, asking for what is missing",
        )],
    ),
    (
        "system list",
        &[(
            "aims system list --owner ml-lead --format json",
            "the systems one role owns, as JSON",
        )],
    ),
    (
        "system show",
        &[(
            "aims system show credit-scoring",
            "a system with its risks, category coverage, assessments and incidents",
        )],
    ),
    (
        "risk",
        &[("aims risk list --overdue", "risks whose review is overdue")],
    ),
    (
        "risk add",
        &[(
            "aims risk add --title \"Model drift\" --system credit-scoring --category operational --likelihood 3 --consequence 4",
            "add a risk; the id continues the register's sequence",
        )],
    ),
    (
        "risk list",
        &[(
            "aims risk list --band high --sort score",
            "high risks, highest score first",
        )],
    ),
    (
        "risk show",
        &[(
            "aims risk show R-004",
            "one risk with its score, band, treatment, controls and next review",
        )],
    ),
    (
        "risk review",
        &[(
            "aims risk review R-004 --likelihood 2 --consequence 3 --rationale \"Retrained monthly\"",
            "record a review with a new assessment",
        )],
    ),
    (
        "risk close",
        &[(
            "aims risk close R-004 --reason \"System retired\"",
            "close a risk that no longer applies",
        )],
    ),
    (
        "impact",
        &[(
            "aims impact list",
            "impact assessments with their next review",
        )],
    ),
    (
        "impact add",
        &[(
            "aims impact add --system credit-scoring",
            "add an impact assessment, asking for each dimension",
        )],
    ),
    (
        "impact list",
        &[("aims impact list --format json", "the assessments as JSON")],
    ),
    (
        "impact show",
        &[(
            "aims impact show IA-credit-scoring",
            "one assessment, dimension by dimension",
        )],
    ),
    (
        "incident",
        &[(
            "aims incident list --status open",
            "open incidents, newest first",
        )],
    ),
    (
        "incident add",
        &[(
            "aims incident add --title \"Wrong decline\" --kind incident --severity major",
            "record an incident",
        )],
    ),
    (
        "incident list",
        &[(
            "aims incident list --system credit-scoring",
            "one system's incidents",
        )],
    ),
    (
        "incident show",
        &[(
            "aims incident show INC-001",
            "one incident with its corrective actions",
        )],
    ),
    (
        "control",
        &[(
            "aims control list --status none",
            "Annex A controls without a decision",
        )],
    ),
    (
        "control set",
        &[(
            "aims control set A.6.2.4 --applicable yes --status implemented --evidence evidence/validation.pdf --verified 2026-11-01",
            "record an SoA decision with its evidence",
        )],
    ),
    (
        "control list",
        &[(
            "aims control list --owner ml-lead",
            "the controls one role owns",
        )],
    ),
    (
        "control show",
        &[(
            "aims control show A.6.2.4",
            "one control's decision and the risks citing it",
        )],
    ),
    (
        "context",
        &[(
            "aims context show",
            "the organisation's issues and interested parties, and the next review",
        )],
    ),
    (
        "context show",
        &[("aims context show --format json", "the context as JSON")],
    ),
    (
        "policy",
        &[(
            "aims policy list",
            "the policies with their approval and next review",
        )],
    ),
    (
        "policy list",
        &[("aims policy list --format json", "the policies as JSON")],
    ),
    (
        "policy show",
        &[(
            "aims policy show ai-policy",
            "one policy with its approval and communication records",
        )],
    ),
    (
        "objective",
        &[(
            "aims objective list",
            "the AI objectives with their latest measurement",
        )],
    ),
    (
        "objective list",
        &[(
            "aims objective list --format json",
            "the objectives as JSON",
        )],
    ),
    (
        "objective show",
        &[(
            "aims objective show OBJ-2026-01",
            "one objective with its plan and measurements",
        )],
    ),
    (
        "role",
        &[(
            "aims role list",
            "the roles, who holds them, and their authority",
        )],
    ),
    (
        "role list",
        &[("aims role list --format json", "the roles as JSON")],
    ),
    (
        "clause",
        &[(
            "aims clause list",
            "every clause 4.1 to 10.2 as met, partial or missing",
        )],
    ),
    (
        "clause list",
        &[("aims clause list --format json", "clause readiness as JSON")],
    ),
    (
        "due",
        &[(
            "aims due --within 14d --owner ml-lead",
            "what one role must do in the next two weeks",
        )],
    ),
    (
        "report",
        &[
            (
                "aims report soa --format html --output soa.html",
                "the Statement of Applicability as one printable page",
            ),
            (
                "aims report register --format xlsx --output register.xlsx",
                "the risk register as a spreadsheet",
            ),
            (
                "aims report soa --format csv --bom > soa.csv",
                "CSV that spreadsheet programs open with the right encoding",
            ),
        ],
    ),
    (
        "status",
        &[(
            "aims status --format json",
            "every entity's approval state, for a CI gate",
        )],
    ),
    (
        "approve",
        &[(
            "aims approve R-004 --sign",
            "record your signed approval of a risk",
        )],
    ),
    (
        "log",
        &[(
            "aims log R-004",
            "every change of a risk, with who approved which version",
        )],
    ),
    (
        "diff",
        &[(
            "aims diff origin/main..HEAD",
            "what a branch changes in the register, as Markdown",
        )],
    ),
    (
        "export",
        &[(
            "aims export | jq '.risks[] | select(.assessment.band == \"high\") | .id'",
            "the ids of high risks",
        )],
    ),
    (
        "import",
        &[(
            "aims import risks register.xlsx --dry-run",
            "what importing a spreadsheet would write",
        )],
    ),
    (
        "schema",
        &[
            ("aims schema risk", "the JSON Schema of risk files"),
            (
                "aims schema output check",
                "the JSON Schema of `aims check --format json`",
            ),
        ],
    ),
    (
        "completions",
        &[(
            "source <(aims completions bash)",
            "complete commands and the register's ids in bash",
        )],
    ),
    (
        "man",
        &[(
            "aims man --dir ~/.local/share/man/man1",
            "install every page for man(1)",
        )],
    ),
    (
        "matrix",
        &[(
            "aims matrix --target",
            "target scores per likelihood and consequence",
        )],
    ),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "success; for check, no finding of severity error (warnings allowed)",
    ),
    (
        "1",
        "check found at least one error (see --fail-on); status found an entity not approved",
    ),
    (
        "2",
        "the command could not run: no register found, an unreadable folder, bad arguments",
    ),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "NO_COLOR",
        "when set and not empty, no colour (unless --color always)",
    ),
    (
        "CLICOLOR_FORCE",
        "when set and not 0, colour even when the output is not a terminal (unless NO_COLOR or --color never)",
    ),
    ("CLICOLOR", "when 0, no colour on a terminal"),
    ("TERM", "dumb turns colour off"),
    (
        "AIMS_PROGRESS_DELAY",
        "seconds of work (0 to 86400) before a progress bar appears on a terminal (default 1); bars never appear with --quiet, with JSON output or when standard error is not a terminal",
    ),
    (
        "AIMS_LOCK_WAIT",
        "seconds (0 to 86400) a command that writes waits for another aims writing to the same register (default 5), then exits 2 naming it",
    ),
    (
        "COMPLETE",
        "set by the shell to ask aims for completions (see aims-completions(1)); not for use by hand",
    ),
];

/// Every page, aims(1) first: `(name, roff)`, the name without its section.
pub fn pages(command: Command) -> Result<Vec<(String, Vec<u8>)>> {
    let mut command = command.disable_help_subcommand(true);
    command.build();
    let mut pages = Vec::new();
    collect(&command, "", &mut pages)?;
    Ok(pages)
}

fn collect(command: &Command, path: &str, pages: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    pages.push((name(command), page(command, path)?));
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub_path = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        collect(sub, &sub_path, pages)?;
    }
    Ok(())
}

fn name(command: &Command) -> String {
    command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_string()
}

fn page(command: &Command, path: &str) -> Result<Vec<u8>> {
    let man = Man::new(command.clone()).source(format!("aims {}", env!("CARGO_PKG_VERSION")));
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out)?;
    }
    if command.has_subcommands() {
        man.render_subcommands_section(&mut out)?;
    }
    let fallback = [(
        format!("aims {path} --help"),
        "the full help of this command".to_string(),
    )];
    let examples: Vec<(String, String)> = EXAMPLES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, e)| {
            e.iter()
                .map(|(l, t)| (l.to_string(), t.to_string()))
                .collect()
        })
        .unwrap_or_else(|| fallback.to_vec());
    section(&mut out, "EXAMPLES", &examples, true)?;
    let owned = |items: &[(&str, &str)]| -> Vec<(String, String)> {
        items
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    section(&mut out, "EXIT STATUS", &owned(EXIT_STATUS), false)?;
    section(&mut out, "ENVIRONMENT", &owned(ENVIRONMENT), false)?;
    if let Some((parent, _)) = path
        .rsplit_once(' ')
        .or(Some(("", path)))
        .filter(|_| !path.is_empty())
    {
        let parent = if parent.is_empty() {
            "aims".to_string()
        } else {
            format!("aims-{}", parent.replace(' ', "-"))
        };
        writeln!(out, ".SH \"SEE ALSO\"\n{}(1)", roff(&parent))?;
    }
    if command.get_version().is_some() {
        man.render_version_section(&mut out)?;
    }
    Ok(out)
}

/// A section of tagged paragraphs: the tag in bold (a command line, a code, a
/// variable), the text below it.
fn section(
    out: &mut Vec<u8>,
    title: &str,
    items: &[(String, String)],
    code: bool,
) -> std::io::Result<()> {
    writeln!(out, ".SH \"{title}\"")?;
    for (tag, text) in items {
        writeln!(out, ".TP")?;
        if code {
            writeln!(out, "\\fB{}\\fR", roff(tag))?;
        } else {
            writeln!(out, "\\fI{}\\fR", roff(tag))?;
        }
        writeln!(out, "{}", roff(text))?;
    }
    Ok(())
}

/// Text safe in a roff line: backslashes and hyphens escaped (a plain `-` may be set
/// as a hyphen and break copy-paste of options), and a leading `.` or `'` kept from
/// reading as a request.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_text_is_escaped() {
        assert_eq!(
            roff("aims check --format json"),
            "aims check \\-\\-format json"
        );
        assert_eq!(roff(".hidden"), "\\&.hidden");
        assert_eq!(roff("a\\b"), "a\\eb");
    }
}
