//! `aims report`: every report in every format, pinned by snapshots, parsed as HTML,
//! and safe against hostile register text and broken templates.

use std::fs;
use std::path::Path;

use html5ever::parse_document;
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::RcDom;

use crate::register::RISK;
use crate::{Ran, Reg, aims_in, run_in};

const KINDS: [&str; 6] = ["soa", "register", "impacts", "audit", "board", "clauses"];

/// A copy of the example register outside any git repository, so the reports do not
/// name the commit this test happens to run at.
fn example() -> tempfile::TempDir {
    let dir = crate::tempdir();
    crate::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind"),
        dir.path(),
    );
    dir
}

fn report(dir: &Path, kind: &str, format: &str) -> Ran {
    aims_in(
        dir,
        &["report", kind, "--format", format, "--today", "2026-11-22"],
    )
}

fn html_errors(html: &str) -> Vec<String> {
    let dom = parse_document(RcDom::default(), Default::default())
        .from_utf8()
        .read_from(&mut html.as_bytes())
        .expect("parses");
    dom.errors.borrow().iter().map(|e| e.to_string()).collect()
}

#[test]
fn markdown_and_csv_of_the_example_are_pinned() {
    let dir = example();
    for kind in KINDS {
        let Ran {
            code,
            stdout: md,
            stderr: err,
        } = report(dir.path(), kind, "md");
        assert_eq!(code, 0, "{kind}: {err}");
        insta::assert_snapshot!(format!("{kind}_md"), md);
    }
    for kind in ["soa", "register", "impacts", "clauses"] {
        let Ran {
            code,
            stdout: csv,
            stderr: err,
        } = report(dir.path(), kind, "csv");
        assert_eq!(code, 0, "{kind}: {err}");
        assert!(
            csv.ends_with("\r\n") && !csv.replace("\r\n", "").contains('\n')
                || csv.contains("\"\n"),
            "{kind}: CRLF rows"
        );
        insta::assert_snapshot!(format!("{kind}_csv"), csv);
    }
}

#[test]
fn html_reports_parse_without_errors_and_stand_alone() {
    assert!(
        !html_errors("<p>unclosed <b>bold</p></i>").is_empty(),
        "the parser does report errors"
    );
    let dir = example();
    for kind in KINDS {
        let Ran {
            code,
            stdout: html,
            stderr: err,
        } = report(dir.path(), kind, "html");
        assert_eq!(code, 0, "{kind}: {err}");
        assert_eq!(html_errors(&html), Vec::<String>::new(), "{kind}");
        assert!(html.starts_with("<!DOCTYPE html>"));
        for external in ["<link", "<script", "src=\"http", "@import", "url("] {
            assert!(
                !html.contains(external),
                "{kind} must be self-contained: {external}"
            );
        }
        assert!(html.contains("@media print"), "{kind}");
    }
    let Ran {
        stdout: register, ..
    } = report(dir.path(), "register", "html");
    assert_eq!(
        register.matches("<svg class=\"heatmap\"").count(),
        2,
        "current and target heat maps"
    );
}

#[test]
fn json_is_the_template_context() {
    let dir = example();
    let Ran {
        code, stdout: json, ..
    } = report(dir.path(), "soa", "json");
    assert_eq!(code, 0);
    let context: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(context["meta"]["organisation"], "Northwind Lending Ltd");
    assert_eq!(context["meta"]["source"], serde_json::Value::Null);
    assert_eq!(context["controls"].as_array().expect("controls").len(), 38);
    assert_eq!(context["controls"][18]["id"], "A.6.2.4");
    assert_eq!(
        context["controls"][18]["risks"],
        serde_json::json!(["R-001", "R-007", "R-009", "R-012", "R-017", "R-019"]),
        "risks citing a control are derived from the register"
    );
    assert_eq!(context["totals"]["excluded"], 1);
}

#[test]
fn reports_are_byte_identical_for_the_same_register_and_date() {
    let dir = example();
    for kind in KINDS {
        for format in ["md", "html", "json"] {
            assert_eq!(
                report(dir.path(), kind, format).stdout,
                report(dir.path(), kind, format).stdout,
                "{kind} {format}"
            );
        }
    }
}

#[test]
fn hostile_register_text_is_escaped_everywhere() {
    let title = "<script>alert(1)</script> | pipes, \\\"quotes\\\" & ampersands";
    let reg = Reg::new().file(
        "risks/R-001.yaml",
        &RISK
            .replace("{id}", "R-001")
            .replace("Something goes wrong", &format!("\"{title}\"")),
    );
    let Ran {
        code, stdout: html, ..
    } = report(reg.path(), "register", "html");
    assert_eq!(code, 0);
    assert!(!html.contains("<script>"), "no live script");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
        "shown as text"
    );
    assert_eq!(html_errors(&html), Vec::<String>::new());
    let Ran { stdout: md, .. } = report(reg.path(), "register", "md");
    assert!(
        md.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| pipes, \"quotes\" &amp; ampersands"),
        "{md}"
    );
    let row = md.lines().find(|l| l.contains("R-001")).expect("row");
    assert_eq!(
        row.matches(" | ").count() + 2,
        md.lines()
            .find(|l| l.starts_with("| Risk |"))
            .expect("header")
            .matches('|')
            .count(),
        "the pipe does not add a column"
    );
    let Ran { stdout: csv, .. } = report(reg.path(), "register", "csv");
    assert!(
        csv.contains("\"<script>alert(1)</script> | pipes, \"\"quotes\"\" & ampersands\""),
        "{csv}"
    );
}

#[test]
fn a_register_with_errors_renders_as_a_draft() {
    let reg = Reg::new().risk("R-001", "controls: [A.99]\n");
    let Ran {
        code, stdout: md, ..
    } = report(reg.path(), "soa", "md");
    assert_eq!(code, 0, "still renders");
    assert!(
        md.contains("> **Draft:** `aims check` reports 1 error in this register."),
        "{md}"
    );
    let Ran { stdout: html, .. } = report(reg.path(), "soa", "html");
    assert!(html.contains("class=\"banner\""));
    let Ran { stdout: clean, .. } = report(Reg::new().path(), "soa", "md");
    assert!(!clean.contains("Draft"));
}

#[test]
fn csv_exists_only_for_tabular_reports() {
    let reg = Reg::new();
    let Ran {
        code, stderr: err, ..
    } = report(reg.path(), "audit", "csv");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: the audit report has no csv format; CSV and XLSX exist for soa, register, impacts and clauses\n"
    );
}

#[test]
fn the_register_can_override_templates_and_so_can_a_file() {
    let reg = Reg::new().file(
        "templates/soa.md.j2",
        "{{ meta.organisation }} has {{ totals.controls }} controls\n",
    );
    let Ran {
        code, stdout: md, ..
    } = report(reg.path(), "soa", "md");
    assert_eq!(code, 0);
    assert_eq!(md, "Test Org has 38 controls\n");
    let other = reg.join("mine.j2");
    fs::write(&other, "{% for c in controls %}{{ c.id }} {% endfor %}\n").expect("write");
    let out = run_in(
        reg.path(),
        &[
            "report",
            "soa",
            "--template",
            other.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .count(),
        38
    );
}

#[test]
fn broken_templates_name_the_template_and_line_and_write_nothing() {
    let reg = Reg::new().file(
        "templates/soa.md.j2",
        "line one\n{{ meta.organisation }}\n{{ risk.titel }}\n",
    );
    let target = reg.join("out.md");
    fs::write(&target, "previous report").expect("write");
    let out = run_in(reg.path(), &["report", "soa", "--output", "out.md"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: template `soa.md.j2` line 3: undefined value"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&target).expect("read"),
        "previous report",
        "never half-written"
    );
    let reg = Reg::new().file(
        "templates/soa.md.j2",
        "{% for c in controls %}\n{{ c.id }\n",
    );
    let out = run_in(reg.path(), &["report", "soa"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: template `soa.md.j2` line 2: syntax error"),
        "{err}"
    );
}

#[test]
fn output_is_written_to_a_file() {
    let reg = Reg::new();
    let out = run_in(
        reg.path(),
        &[
            "report",
            "board",
            "--format",
            "html",
            "-o",
            "board.html",
            "--today",
            "2026-11-22",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let html = fs::read_to_string(reg.join("board.html")).expect("written");
    assert!(html.contains("<h2>Ten highest risks</h2>"));
    let names: Vec<String> = fs::read_dir(reg.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "no temporary file left: {names:?}");
}

/// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR must start a CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("bare LF outside a quoted field"),
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record ends with CRLF"
    );
    records
}

#[test]
fn csv_reports_are_rfc_4180_with_one_header_row() {
    let dir = example();
    let headers = [
        (
            "soa",
            "id,objective,title,applicable,justification,status,owner,evidence,verified,risks,nist_ai_rmf,owasp_llm,monitored_by",
        ),
        (
            "register",
            "id,title,status,systems,category,owner,likelihood,consequence,score,band,target_likelihood,target_consequence,target_score,target_band,treatment,treatment_rationale,actions,next_review,review_overdue,kind,scope,cause,event,consequence_description,consequence_areas,affected_parties,sources,owasp,controls,infosec_refs",
        ),
        (
            "impacts",
            "assessment,system,assessed,assessor,dimension,applicable,severity,likelihood,reversible,description,mitigations,risks,next_review",
        ),
        (
            "clauses",
            "clause,title,status,reason,statement_status,statement,evidence",
        ),
    ];
    for (kind, header) in headers {
        let Ran { stdout: csv, .. } = report(dir.path(), kind, "csv");
        let records = parse_csv(&csv);
        assert_eq!(records[0].join(","), header, "{kind}");
        for record in &records {
            assert_eq!(record.len(), records[0].len(), "{kind}: {record:?}");
        }
    }
    let Ran { stdout: soa, .. } = report(dir.path(), "soa", "csv");
    let rows = parse_csv(&soa);
    assert_eq!(rows.len(), 39, "a header and 38 controls");
    // the control-effectiveness monitor of the example evidences A.9.3
    let oversight = rows.iter().find(|r| r[0] == "A.9.3").expect("A.9.3");
    assert_eq!(
        oversight[12],
        "fraud-review-sla: 98.6 on 2026-10-31, within the threshold (min 95)"
    );
    let planned = rows.iter().find(|r| r[0] == "A.2.2").expect("A.2.2");
    assert_eq!(planned[12], "");
    let reg = Reg::new().file(
        "risks/R-001.yaml",
        &RISK
            .replace("{id}", "R-001")
            .replace("Something goes wrong", "\"Line one,\\n\\\"two\\\"\""),
    );
    let Ran { stdout: csv, .. } = report(reg.path(), "register", "csv");
    let records = parse_csv(&csv);
    assert_eq!(records[1][1], "Line one,\r\n\"two\"");
}

#[test]
fn board_and_audit_show_monitors_as_sparklines_triggered_reviews_and_open_incidents() {
    let dir = example();
    let Ran { code, stderr, .. } = aims_in(
        dir.path(),
        &[
            "monitor",
            "record",
            "credit-age-gap",
            "5.6",
            "--date",
            "2026-11-20",
            "--source",
            "<b>job</b>",
            "--today",
            "2026-11-22",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let Ran {
        code, stdout: json, ..
    } = report(dir.path(), "board", "json");
    assert_eq!(code, 0);
    let board: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(
        board["monitors"][0]["id"], "credit-age-gap",
        "breaches first"
    );
    assert_eq!(board["monitors"][0]["state"], "breach");
    assert_eq!(board["monitors"].as_array().expect("monitors").len(), 9);
    let spark = &board["monitors"][0]["sparkline"];
    assert_eq!(
        spark["dots"].as_array().expect("dots").len(),
        13,
        "a year of monthly measurements"
    );
    assert_eq!(board["triggered"][0]["entity"], "R-001");
    assert_eq!(board["triggered"][0]["due"], "2026-12-20");
    assert_eq!(board["triggered"][1]["entity"], "R-006");
    assert_eq!(board["open_incidents"][0]["id"], "INC-2026-004");
    for kind in ["board", "audit"] {
        let Ran {
            code, stdout: html, ..
        } = report(dir.path(), kind, "html");
        assert_eq!(code, 0);
        assert_eq!(html_errors(&html), Vec::<String>::new(), "{kind}");
        assert!(html.contains("<svg class=\"spark\""), "{kind}");
        assert!(html.contains("<title>2026-11-20: 5.6</title>"), "{kind}");
        assert!(
            !html.contains("<b>job</b>"),
            "{kind}: register text is escaped"
        );
        let Ran { stdout: md, .. } = report(dir.path(), kind, "md");
        assert!(md.contains("▁▁▁▁▁▁█▄▃▂▂▁▅"), "{kind}: {md}");
        assert!(md.contains("| **R-001** Credit model under-scores applicants from a protected group | monitor \\`credit-age-gap\\` breached its threshold on 2026-11-20 (5.6, threshold max 5) | 2026-12-20 | ml-lead |"), "{kind}");
    }
    let Ran { stdout: soa, .. } = report(dir.path(), "soa", "md");
    assert!(
        soa.contains("monitor credit-age-gap: 5.6 on 2026-11-20, beyond the threshold (max 5)"),
        "{soa}"
    );
}
