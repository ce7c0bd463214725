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
mod xlsx;

use minijinja::syntax::SyntaxConfig;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use serde::Serialize;

pub use context::Inputs;
pub use xlsx::render_xlsx;

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    Soa,
    Register,
    Impacts,
    Audit,
    Board,
    Clauses,
}

/// Which output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Html,
    Csv,
    Json,
    /// Excel workbook (Office Open XML), one sheet, for the tabular reports.
    Xlsx,
}

impl ReportKind {
    pub fn name(self) -> &'static str {
        match self {
            ReportKind::Soa => "soa",
            ReportKind::Register => "register",
            ReportKind::Impacts => "impacts",
            ReportKind::Audit => "audit",
            ReportKind::Board => "board",
            ReportKind::Clauses => "clauses",
        }
    }

    /// CSV and XLSX exist for the tabular reports only.
    pub fn supports(self, format: ReportFormat) -> bool {
        !matches!(format, ReportFormat::Csv | ReportFormat::Xlsx)
            || matches!(
                self,
                ReportKind::Soa | ReportKind::Register | ReportKind::Impacts | ReportKind::Clauses
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
            ReportFormat::Xlsx => "xlsx",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(
        "the {kind} report has no {format} format; CSV and XLSX exist for soa, register, impacts and clauses"
    )]
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
    #[error("cannot write the spreadsheet: {0}")]
    Spreadsheet(String),
    #[error(
        "{format} is binary; write it with --output FILE (or redirect standard output to a file)"
    )]
    Binary { format: &'static str },
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
    (
        "clauses.md.j2",
        include_str!("../../templates/clauses.md.j2"),
    ),
    (
        "clauses.html.j2",
        include_str!("../../templates/clauses.html.j2"),
    ),
    (
        "clauses.csv.j2",
        include_str!("../../templates/clauses.csv.j2"),
    ),
    ("diff.md.j2", include_str!("../../templates/diff.md.j2")),
    (
        "management-review.md.j2",
        include_str!("../../templates/management-review.md.j2"),
    ),
    (
        "management-review.html.j2",
        include_str!("../../templates/management-review.html.j2"),
    ),
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
        ReportKind::Clauses => json(inputs.clauses_report()),
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
    if format == ReportFormat::Xlsx {
        return Err(ReportError::Binary { format: "xlsx" });
    }
    let text = render_template(&name, context, overrides, main, Escape::for_format(format))?;
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
    let context = serde_json::to_value(context).expect("diff contexts serialise");
    render_template("diff.md.j2", context, overrides, None, Escape::None)
}

/// The management review's input pack (`aims report management-review`) in Markdown,
/// HTML or JSON (the context itself), from `management-review.<ext>.j2`, which a
/// register can replace like every report template.
pub fn render_management_review(
    format: ReportFormat,
    context: &context::ManagementReviewContext<'_>,
    overrides: &[(String, String)],
    main: Option<(String, String)>,
) -> Result<String, ReportError> {
    let value = serde_json::to_value(context).expect("report contexts serialise");
    match format {
        ReportFormat::Json => {
            let mut text = serde_json::to_string_pretty(&value).expect("report contexts serialise");
            text.push('\n');
            Ok(text)
        }
        ReportFormat::Csv | ReportFormat::Xlsx => Err(ReportError::Unsupported {
            kind: "management-review",
            format: format.extension(),
        }),
        ReportFormat::Markdown | ReportFormat::Html => render_template(
            &format!("management-review.{}.j2", format.extension()),
            value,
            overrides,
            main,
            Escape::for_format(format),
        ),
    }
}

/// The most a report may print: a limit that no register's report comes near, and
/// that a runaway template hits long before it exhausts memory.
pub const MAX_OUTPUT_BYTES: usize = 256 * 1024 * 1024;

/// The work one render may do (minijinja's fuel: about one unit per instruction, and
/// one per 64 bytes allocated): a fixed amount plus one unit per 4 bytes of the
/// report's data. The largest built-in report of a 12,000-file register (the audit
/// pack in HTML) takes about a third of its budget; a template with a runaway loop or
/// a string that doubles stops with a clear error within a second or two, long before
/// it exhausts memory.
pub(crate) fn fuel(context: &serde_json::Value) -> u64 {
    2_000_000 + size(context) / 4
}

/// [`fuel`] for data that is not a JSON value yet: measured by writing it out as JSON
/// to a counter, which allocates nothing.
pub(crate) fn fuel_of(context: &impl serde::Serialize) -> u64 {
    struct Count(u64);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = serde_json::to_writer(&mut count, context);
    2_000_000 + count.0 / 4
}

/// Roughly how many bytes a value takes written out, without writing it.
pub(crate) fn size(value: &serde_json::Value) -> u64 {
    use serde_json::Value;
    match value {
        Value::String(s) => s.len() as u64 + 3,
        Value::Array(items) => 2 + items.iter().map(size).sum::<u64>(),
        Value::Object(map) => {
            2 + map
                .iter()
                .map(|(k, v)| k.len() as u64 + 4 + size(v))
                .sum::<u64>()
        }
        _ => 6,
    }
}

/// What the output needs escaped, decided by the output, whatever the templates are
/// called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Escape {
    None,
    /// HTML: everything escaped automatically.
    Html,
    /// CSV read back into spreadsheet cells that are written as text (never as
    /// formulas): the `csv` filter quotes but needs no guard against formulas.
    Cells,
}

impl Escape {
    fn for_format(format: ReportFormat) -> Escape {
        match format {
            ReportFormat::Html => Escape::Html,
            _ => Escape::None,
        }
    }
}

/// Renders template `name` (or `main`, when given) with `context`, escaped as
/// `escape` says.
fn render_template(
    name: &str,
    value: serde_json::Value,
    overrides: &[(String, String)],
    main: Option<(String, String)>,
    escape: Escape,
) -> Result<String, ReportError> {
    let mut env = environment(overrides, escape)?;
    env.set_fuel(Some(fuel(&value)));
    let main_name = match main {
        Some((label, source)) => {
            env.add_template_owned(label.clone(), source)
                .map_err(template_error)?;
            label
        }
        None => name.to_string(),
    };
    render_in(
        &env,
        &main_name,
        minijinja::value::Value::from(minijinja::value::Serde(&value)),
    )
}

/// Renders template `name` of `env` with `context`, within the output limit.
pub(crate) fn render_in(
    env: &Environment<'_>,
    name: &str,
    context: Value,
) -> Result<String, ReportError> {
    let template = env.get_template(name).map_err(template_error)?;
    let mut out = Limited {
        bytes: Vec::new(),
        limit: MAX_OUTPUT_BYTES,
    };
    let rendered = template.render_captured_to(context, &mut out);
    if out.bytes.len() >= MAX_OUTPUT_BYTES {
        return Err(ReportError::Template {
            name: name.to_string(),
            line: None,
            message: format!(
                "the report grew past {} MiB; a template that writes this much is refused",
                MAX_OUTPUT_BYTES / (1024 * 1024)
            ),
        });
    }
    rendered.map_err(template_error)?;
    String::from_utf8(out.bytes).map_err(|_| ReportError::Template {
        name: name.to_string(),
        line: None,
        message: "the report is not UTF-8 text".to_string(),
    })
}

/// A writer that refuses to grow past its limit.
struct Limited {
    bytes: Vec<u8>,
    limit: usize,
}

impl std::io::Write for Limited {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            self.bytes.resize(self.limit, 0);
            return Err(std::io::Error::other("the report is too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub(crate) fn environment(
    overrides: &[(String, String)],
    escape: Escape,
) -> Result<Environment<'static>, ReportError> {
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
    // The output decides escaping, not a template's name: `--template notes.j2
    // --format html` is escaped like the built-in HTML.
    let auto = if escape == Escape::Html {
        AutoEscape::Html
    } else {
        AutoEscape::None
    };
    env.set_auto_escape_callback(move |_| auto.clone());
    env.add_filter("md", md);
    if escape == Escape::Cells {
        env.add_filter("csv", |v: Value| quote_field(field_text(&v)));
    } else {
        env.add_filter("csv", csv);
    }
    env.add_filter("plural", plural);
    for (name, source) in TEMPLATES {
        env.add_template(name, source).map_err(template_error)?;
    }
    for (name, source) in overrides {
        env.add_template_owned(name.clone(), source.clone())
            .map_err(template_error)?;
    }
    Ok(env)
}

pub(crate) fn template_error(e: minijinja::Error) -> ReportError {
    let mut message = match (e.kind(), e.detail()) {
        (minijinja::ErrorKind::OutOfFuel, _) => "the template does far more work than a report needs (a runaway loop, or text that keeps growing); it was stopped".to_string(),
        (_, Some(detail)) => format!("{}: {detail}", e.kind()),
        (_, None) => e.kind().to_string(),
    };
    // An error inside an included template or a macro is the cause of the one the
    // outer template reports: say where it really is.
    let mut cause = std::error::Error::source(&e);
    while let Some(inner) = cause {
        match inner.downcast_ref::<minijinja::Error>() {
            Some(inner) => {
                message.push_str(&format!(
                    "; in `{}`{}: {}",
                    inner.name().unwrap_or("?"),
                    inner
                        .line()
                        .map(|l| format!(" line {l}"))
                        .unwrap_or_default(),
                    inner.detail().unwrap_or(&inner.kind().to_string())
                ));
                cause = std::error::Error::source(inner);
            }
            None => break,
        }
    }
    ReportError::Template {
        name: e.name().unwrap_or("?").to_string(),
        line: e.line(),
        message,
    }
}

/// `{{ n|plural("error") }}`: `1 error`, `2 errors`; with a second argument for an
/// irregular plural, `{{ n|plural("entry", "entries") }}`.
fn plural(n: i64, one: String, many: Option<String>) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {}", many.unwrap_or_else(|| format!("{one}s"))),
    }
}

/// Register text as GitHub-flavoured Markdown that renders as the text it is, also in
/// a table cell: pipes, backslashes and the characters of emphasis, code, links and
/// strikethrough (`* _ ` [ ] ~`) backslash-escaped, a leading `#` too, angle brackets
/// and ampersands as entities so nothing becomes HTML, `@` as an entity so nobody is
/// mentioned, and line breaks as `<br>`.
pub fn md(value: Value) -> String {
    let text = if value.is_none() || value.is_undefined() {
        String::new()
    } else {
        value.to_string()
    };
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.trim().chars().enumerate() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 => out.push_str("\\#"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '@' => out.push_str("&#64;"),
            '\r' => {}
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// One RFC 4180 field: quoted when it holds a comma, a quote or a line break, with
/// quotes doubled. Lists are joined with `; `. Text starting with `=`, `+`, `-`, `@`,
/// a tab or a carriage return gets a leading `'`, as OWASP recommends against formula
/// injection, so that a spreadsheet shows it as text instead of running it.
pub fn csv(value: Value) -> String {
    let text = field_text(&value);
    let is_text = value.kind() != minijinja::value::ValueKind::Number;
    let text = if is_text && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    };
    quote_field(text)
}

/// A value as the text of one field: nothing for none, lists joined with `; `.
fn field_text(value: &Value) -> String {
    if value.is_none() || value.is_undefined() {
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
    }
}

/// Quoted as RFC 4180 asks when it holds a comma, a quote or a line break.
fn quote_field(text: String) -> String {
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
    fn markdown_text_cannot_become_links_mentions_or_emphasis() {
        assert_eq!(
            md(Value::from(
                "[x](javascript:alert(1)) @everyone `code` *bold* _it_ ~~s~~"
            )),
            "\\[x\\](javascript:alert(1)) &#64;everyone \\`code\\` \\*bold\\* \\_it\\_ \\~\\~s\\~\\~"
        );
        assert_eq!(md(Value::from("# not a heading")), "\\# not a heading");
    }

    #[test]
    fn csv_cells_cannot_start_a_formula() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(
                csv(Value::from(bad))
                    .trim_start_matches('"')
                    .starts_with('\''),
                "{bad:?}"
            );
        }
        assert_eq!(
            csv(Value::from("=HYPERLINK(\"x\")")),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(csv(Value::from(-3)), "-3", "numbers stay numbers");
        assert_eq!(csv(Value::from("a-b")), "a-b");
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
        let env = environment(&[], Escape::None).expect("templates compile");
        for (name, _) in TEMPLATES {
            env.get_template(name).expect("compiles");
        }
    }
}
