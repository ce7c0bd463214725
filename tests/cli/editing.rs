//! `aims risk close` and `aims control set` on files that are valid but laid out in
//! ways an in-place editor can trip over: the edit lands where it belongs, every other
//! byte stays, and the result still loads cleanly.

use std::fs;

use crate::register::RISK;
use crate::{Reg, run_in};

const TODAY: &str = "2026-11-22";

/// A nested block mapping ending in a block list: text after it is easy to misplace.
const NOTES: &str = "x:\n  notes:\n    - first note\n";

/// Writes `text` to `rel` in a clean register, runs `aims` with `args`, and returns the
/// file afterwards, after checking that the command succeeded and that `aims check`
/// finds nothing wrong with the file.
fn edit(rel: &str, text: &str, args: &[&str]) -> String {
    let reg = Reg::new()
        .file(rel, text)
        .file("evidence/x.md", "Evidence.\n");
    let mut all = args.to_vec();
    all.extend(["--today", TODAY]);
    let out = run_in(reg.path(), &all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text:?}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = fs::read_to_string(reg.join(rel)).expect("read");
    let findings: Vec<_> = reg
        .findings()
        .into_iter()
        .filter(|(_, file, _, _)| file == rel)
        .collect();
    assert!(findings.is_empty(), "{findings:?}\n{after}");
    after
}

fn risk() -> String {
    RISK.replace("{id}", "R-001")
}

fn close(text: &str) -> String {
    edit(
        "risks/R-001.yaml",
        text,
        &["risk", "close", "R-001", "--reason", "Model retired"],
    )
}

#[test]
fn close_puts_the_reason_in_an_anchored_or_tagged_root_mapping() {
    for head in [
        "--- &r\n",
        "!!map\n",
        "--- !!map &r   # the whole risk\n",
        "&r\n",
    ] {
        let before = format!("{head}{}status: open\n{NOTES}", risk());
        let after = close(&before);
        assert_eq!(
            after,
            format!(
                "{head}{}status: closed\nclosed_reason: Model retired\nclosed: 2026-11-22\n{NOTES}",
                risk()
            ),
            "{head:?}"
        );
    }
}

#[test]
fn close_keeps_nested_block_lists_in_every_layout() {
    for notes in [
        NOTES,
        "x:\n  notes:\n  - first note\n",
        "x:\n  notes:\n    - first note   # kept\n",
        "x:\n  notes:\n    -   first note\n    - |\n      second\n",
        "x:\n  notes:\n    - 'first note'  # quoted\n",
        "x: {notes: [first note]}\n",
    ] {
        let before = format!("--- &r\n{}status: open\n{notes}", risk());
        let after = close(&before);
        assert_eq!(
            after,
            format!(
                "--- &r\n{}status: closed\nclosed_reason: Model retired\nclosed: 2026-11-22\n{notes}",
                risk()
            ),
            "{notes:?}"
        );
    }
    // a trailing comment stays last
    let before = format!("{}status: open\n{NOTES}\n# the end\n", risk());
    assert_eq!(
        close(&before),
        format!(
            "{}status: closed\nclosed_reason: Model retired\nclosed: 2026-11-22\n{NOTES}\n# the end\n",
            risk()
        )
    );
}

#[test]
fn close_puts_the_reason_beside_explicit_keys() {
    let before = format!(
        "{}status: open\n{NOTES}",
        risk().replace("id: R-001\n", "? id\n: R-001\n")
    );
    assert_eq!(
        close(&before),
        before.replace(
            "status: open\n",
            "status: closed\nclosed_reason: Model retired\nclosed: 2026-11-22\n"
        )
    );
    let before = format!(
        "{}? status\n: open\n? x\n: notes:\n    - first note\n",
        risk()
    );
    assert_eq!(
        close(&before),
        before.replace(
            ": open\n",
            ": closed\nclosed_reason: Model retired\nclosed: 2026-11-22\n"
        )
    );
}

#[test]
fn close_edits_a_file_that_starts_with_a_byte_order_mark() {
    let before = format!("\u{feff}{}status: open\n{NOTES}", risk());
    let after = close(&before);
    assert_eq!(
        after,
        format!(
            "\u{feff}{}status: closed\nclosed_reason: Model retired\nclosed: 2026-11-22\n{NOTES}",
            risk()
        )
    );
}

fn set(text: &str, args: &[&str]) -> String {
    let mut all = vec!["control", "set", "A.5.2"];
    all.extend(args);
    edit("controls/A.5.2.yaml", text, &all)
}

const CONTROL: &str = "id: A.5.2\napplicable: true\njustification: Needed.\nstatus: planned\n";

#[test]
fn set_fills_an_empty_value_and_keeps_its_comment() {
    let before = CONTROL.replace("status:", "owner: # to be decided\nstatus:");
    assert_eq!(
        set(&before, &["--owner", "ml-lead"]),
        before.replace("owner: #", "owner: ml-lead #")
    );
    let before = format!("{CONTROL}owner:\n");
    assert_eq!(
        set(&before, &["--owner", "ml-lead"]),
        format!("{CONTROL}owner: ml-lead\n")
    );
}

#[test]
fn set_adds_keys_and_evidence_to_hostile_layouts() {
    let args = ["--owner", "ml-lead", "--evidence", "evidence/x.md"];
    let added = "owner: ml-lead\nevidence: [evidence/x.md]\n";
    for head in ["--- &c\n", "!!map\n", "\u{feff}"] {
        let before = format!("{head}{CONTROL}{NOTES}");
        assert_eq!(
            set(&before, &args),
            format!("{head}{CONTROL}{added}{NOTES}"),
            "{before:?}"
        );
    }
    let explicit = CONTROL.replace("id: A.5.2\n", "? id\n: A.5.2\n");
    assert_eq!(
        set(&format!("{explicit}{NOTES}"), &args),
        format!("{explicit}{added}{NOTES}")
    );
    // existing evidence lists grow in their own style
    let before = format!("{CONTROL}evidence:\n- evidence/a.md  # first\n{NOTES}");
    let reg = Reg::new()
        .file("controls/A.5.2.yaml", &before)
        .file("evidence/a.md", "A.\n")
        .file("evidence/x.md", "X.\n");
    let out = run_in(
        reg.path(),
        &[
            "control",
            "set",
            "A.5.2",
            "--evidence",
            "evidence/x.md",
            "--today",
            TODAY,
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        fs::read_to_string(reg.join("controls/A.5.2.yaml")).expect("read"),
        before.replace("# first\n", "# first\n- evidence/x.md\n")
    );
}
