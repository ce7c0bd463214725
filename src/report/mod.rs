//! Reports: the Statement of Applicability, the risk register, impact assessments,
//! the audit pack and the board summary, rendered with minijinja templates to
//! Markdown, HTML and CSV, or printed as the JSON context the templates receive.
//!
//! The built-in templates live in `templates/` and are embedded in the binary. A
//! register's own `templates/<name>.<ext>.j2` replaces the built-in of that name (so a
//! partial such as `_layout.html.j2` can be replaced too), and a template file given by
//! the caller replaces the report's main template. Undefined values are errors, HTML is
//! escaped automatically, and the `md` and `csv` filters make text safe in a
//! GitHub-flavoured table cell and an RFC 4180 field. Nothing here touches the disk.

pub mod context;

use minijinja::syntax::SyntaxConfig;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use serde::Serialize;

pub use context::Inputs;

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    Soa,
    Register,
    Impacts,
    Audit,
    Board,
}

/// Which output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Html,
    Csv,
    Json,
}

impl ReportKind {
    pub fn name(self) -> &'static str {
        match self {
            ReportKind::Soa => "soa",
            ReportKind::Register => "register",
            ReportKind::Impacts => "impacts",
            ReportKind::Audit => "audit",
            ReportKind::Board => "board",
        }
    }

    /// CSV exists for the tabular reports only.
    pub fn supports(self, format: ReportFormat) -> bool {
        format != ReportFormat::Csv
            || matches!(
                self,
                ReportKind::Soa | ReportKind::Register | ReportKind::Impacts
            )
    }
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "md",
            ReportFormat::Html => "html",
            ReportFormat::Csv => "csv",
            ReportFormat::Json => "json",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("the {kind} report has no {format} format; CSV exists for soa, register and impacts")]
    Unsupported {
        kind: &'static str,
        format: &'static str,
    },
    #[error("template `{name}`{}: {message}", line.map(|l| format!(" line {l}")).unwrap_or_default())]
    Template {
        name: String,
        line: Option<usize>,
        message: String,
    },
}

/// The built-in templates, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "_layout.html.j2",
        include_str!("../../templates/_layout.html.j2"),
    ),
    (
        "_sections.html.j2",
        include_str!("../../templates/_sections.html.j2"),
    ),
    (
        "_sections.md.j2",
        include_str!("../../templates/_sections.md.j2"),
    ),
    ("soa.md.j2", include_str!("../../templates/soa.md.j2")),
    ("soa.html.j2", include_str!("../../templates/soa.html.j2")),
    ("soa.csv.j2", include_str!("../../templates/soa.csv.j2")),
    (
        "register.md.j2",
        include_str!("../../templates/register.md.j2"),
    ),
    (
        "register.html.j2",
        include_str!("../../templates/register.html.j2"),
    ),
    (
        "register.csv.j2",
        include_str!("../../templates/register.csv.j2"),
    ),
    (
        "impacts.md.j2",
        include_str!("../../templates/impacts.md.j2"),
    ),
    (
        "impacts.html.j2",
        include_str!("../../templates/impacts.html.j2"),
    ),
    (
        "impacts.csv.j2",
        include_str!("../../templates/impacts.csv.j2"),
    ),
    ("audit.md.j2", include_str!("../../templates/audit.md.j2")),
    (
        "audit.html.j2",
        include_str!("../../templates/audit.html.j2"),
    ),
    ("board.md.j2", include_str!("../../templates/board.md.j2")),
    ("diff.md.j2", include_str!("../../templates/diff.md.j2")),
    (
        "board.html.j2",
        include_str!("../../templates/board.html.j2"),
    ),
];

/// The report's context as a serialisable value.
pub fn context(kind: ReportKind, inputs: &Inputs<'_, '_>) -> serde_json::Value {
    fn json(value: impl Serialize) -> serde_json::Value {
        serde_json::to_value(value).expect("report contexts serialise")
    }
    match kind {
        ReportKind::Soa => json(inputs.soa()),
        ReportKind::Register => json(inputs.register_report()),
        ReportKind::Impacts => json(inputs.impacts_report()),
        ReportKind::Audit => json(inputs.audit()),
        ReportKind::Board => json(inputs.board()),
    }
}

/// Renders a report. `overrides` are `(template name, source)` pairs that replace
/// built-in templates of the same name; `main` replaces the report's main template.
pub fn render(
    kind: ReportKind,
    format: ReportFormat,
    inputs: &Inputs<'_, '_>,
    overrides: &[(String, String)],
    main: Option<(String, String)>,
) -> Result<String, ReportError> {
    if !kind.supports(format) {
        return Err(ReportError::Unsupported {
            kind: kind.name(),
            format: format.extension(),
        });
    }
    let context = context(kind, inputs);
    if format == ReportFormat::Json {
        let mut text = serde_json::to_string_pretty(&context).expect("report contexts serialise");
        text.push('\n');
        return Ok(text);
    }
    let name = format!("{}.{}.j2", kind.name(), format.extension());
    let text = render_template(&name, &context, overrides, main)?;
    Ok(match format {
        ReportFormat::Csv => crlf(&text),
        _ => text,
    })
}

/// What changed between two versions of the register (`aims diff`), as Markdown from
/// `diff.md.j2`, which a register can replace like every report template.
pub fn render_diff(
    changes: &crate::compare::Changes,
    from: &str,
    to: &str,
    overrides: &[(String, String)],
) -> Result<String, ReportError> {
    #[derive(Serialize)]
    struct DiffContext<'c> {
        from: &'c str,
        to: &'c str,
        empty: bool,
        #[serde(flatten)]
        changes: &'c crate::compare::Changes,
    }
    let context = DiffContext {
        from,
        to,
        empty: changes.is_empty(),
        changes,
    };
    render_template("diff.md.j2", &context, overrides, None)
}

/// Renders template `name` (or `main`, when given) with `context`.
fn render_template(
    name: &str,
    context: &impl Serialize,
    overrides: &[(String, String)],
    main: Option<(String, String)>,
) -> Result<String, ReportError> {
    let mut env = environment(overrides)?;
    let main_name = match main {
        Some((label, source)) => {
            env.add_template_owned(label.clone(), source)
                .map_err(template_error)?;
            label
        }
        None => name.to_string(),
    };
    let template = env.get_template(&main_name).map_err(template_error)?;
    template
        .render(minijinja::value::Serde(context))
        .map_err(template_error)
}

fn environment(overrides: &[(String, String)]) -> Result<Environment<'static>, ReportError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(
        SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("a valid syntax configuration"),
    );
    env.set_auto_escape_callback(|name| {
        if name.contains(".html") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.add_filter("md", md);
    env.add_filter("csv", csv);
    for (name, source) in TEMPLATES {
        env.add_template(name, source).map_err(template_error)?;
    }
    for (name, source) in overrides {
        env.add_template_owned(name.clone(), source.clone())
            .map_err(template_error)?;
    }
    Ok(env)
}

fn template_error(e: minijinja::Error) -> ReportError {
    ReportError::Template {
        name: e.name().unwrap_or("?").to_string(),
        line: e.line(),
        message: match e.detail() {
            Some(detail) => format!("{}: {detail}", e.kind()),
            None => e.kind().to_string(),
        },
    }
}

/// Text safe inside a GitHub-flavoured Markdown table cell: pipes escaped, line
/// breaks as `<br>`, and angle brackets and ampersands as entities so register text
/// can never become markup.
pub fn md(value: Value) -> String {
    let text = if value.is_none() || value.is_undefined() {
        String::new()
    } else {
        value.to_string()
    };
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {}
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// One RFC 4180 field: quoted when it holds a comma, a quote or a line break, with
/// quotes doubled. Lists are joined with `; `.
pub fn csv(value: Value) -> String {
    let text = if value.is_none() || value.is_undefined() {
        String::new()
    } else if let Some(s) = value.as_str() {
        s.to_string()
    } else if value.kind() == minijinja::value::ValueKind::Seq {
        value
            .try_iter()
            .map(|items| items.map(|v| v.to_string()).collect::<Vec<_>>().join("; "))
            .unwrap_or_default()
    } else {
        value.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// RFC 4180 line endings.
fn crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_are_escaped() {
        assert_eq!(
            md(Value::from("a | b\nc <script>&")),
            "a \\| b<br>c &lt;script&gt;&amp;"
        );
        assert_eq!(md(Value::from(())), "");
    }

    #[test]
    fn csv_fields_follow_rfc_4180() {
        assert_eq!(csv(Value::from("plain")), "plain");
        assert_eq!(csv(Value::from("a, b")), "\"a, b\"");
        assert_eq!(csv(Value::from("say \"hi\"")), "\"say \"\"hi\"\"\"");
        assert_eq!(csv(Value::from("two\nlines")), "\"two\nlines\"");
        assert_eq!(csv(Value::from(vec!["x", "y"])), "x; y");
        assert_eq!(csv(Value::from(())), "");
        assert_eq!(csv(Value::from(12)), "12");
    }

    #[test]
    fn every_built_in_template_compiles() {
        let env = environment(&[]).expect("templates compile");
        for (name, _) in TEMPLATES {
            env.get_template(name).expect("compiles");
        }
    }
}
