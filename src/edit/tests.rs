use super::*;
use serde_json::json;

fn s(v: &str) -> Node {
    Node::Scalar(json!(v))
}

fn edited(text: &str, edit: impl FnOnce(&mut Editor) -> Result<(), EditError>) -> String {
    let mut editor = Editor::new(text);
    edit(&mut editor).expect("edit applies");
    let out = editor.into_text();
    yaml::parse(&out).unwrap_or_else(|e| panic!("edit broke the YAML: {e:?}\n{out}"));
    out
}

const COMMENTED: &str = "\
# Risk owned by the ML team.   keep this comment
id: R-001   # the id
title: 'Bias in scoring'  # quoted on purpose

assessment:
  likelihood: 3     # from the 2025 back-test
  consequence: 4
  rationale: >
    Folded text
    over two lines.
review:
  last: 2026-04-02   # last review
status: open
# trailing comment
";

#[test]
fn replacing_a_scalar_keeps_everything_else() {
    let out = edited(COMMENTED, |e| e.set("/review/last", &s("2026-11-22")));
    assert_eq!(
        out,
        COMMENTED.replace("last: 2026-04-02", "last: 2026-11-22")
    );
    let out = edited(COMMENTED, |e| {
        e.set("/assessment/likelihood", &Node::Scalar(json!(2)))
    });
    assert_eq!(out, COMMENTED.replace("likelihood: 3 ", "likelihood: 2 "));
    let out = edited(COMMENTED, |e| e.set("/title", &s("It's biased")));
    assert_eq!(out, COMMENTED.replace("'Bias in scoring'", "It's biased"));
}

#[test]
fn replacing_a_block_scalar() {
    let out = edited(COMMENTED, |e| {
        e.set("/assessment/rationale", &s("Seen in 2026."))
    });
    assert_eq!(
        out,
        COMMENTED.replace(
            "  rationale: >\n    Folded text\n    over two lines.\n",
            "  rationale: Seen in 2026.\n"
        )
    );
}

#[test]
fn inserting_keys_into_block_mappings() {
    let out = edited(COMMENTED, |e| e.set("/closed_reason", &s("System retired")));
    assert_eq!(
        out,
        COMMENTED.replace(
            "status: open\n",
            "status: open\nclosed_reason: System retired\n"
        )
    );
    let out = edited(COMMENTED, |e| e.set("/review/every", &s("3m")));
    assert_eq!(
        out,
        COMMENTED.replace(
            "last: 2026-04-02   # last review\n",
            "last: 2026-04-02   # last review\n  every: 3m\n"
        )
    );
    // after a block scalar
    let out = edited(COMMENTED, |e| e.set("/assessment/x", &s("y")));
    assert!(
        out.contains("    over two lines.\n  x: y\nreview:"),
        "{out}"
    );
}

#[test]
fn creating_missing_parents() {
    let text = "id: R-1\nstatus: open\n";
    let out = edited(text, |e| e.set("/review/last", &s("2026-11-22")));
    assert_eq!(out, "id: R-1\nstatus: open\nreview:\n  last: 2026-11-22\n");
    let out = edited("id: R-1\nreview:\nstatus: open\n", |e| {
        e.set("/review/last", &s("2026-11-22"))
    });
    assert_eq!(out, "id: R-1\nreview:\n  last: 2026-11-22\nstatus: open\n");
}

#[test]
fn flow_mappings_and_lists() {
    let text = "review: { last: 2026-01-01 }  # note\nevidence: [a.md, 'b.md']\nnone: []\n";
    let out = edited(text, |e| e.set("/review/every", &s("1m")));
    assert_eq!(
        out,
        text.replace("{ last: 2026-01-01 }", "{ last: 2026-01-01, every: 1m }")
    );
    let out = edited(text, |e| e.push("/evidence", &s("c d.md")));
    assert_eq!(
        out,
        text.replace("[a.md, 'b.md']", "[a.md, 'b.md', c d.md]")
    );
    let out = edited(text, |e| e.push("/none", &s("x")));
    assert_eq!(out, text.replace("none: []", "none: [x]"));
    let out = edited(text, |e| e.push("/missing", &s("x")));
    assert_eq!(out, format!("{text}missing: [x]\n"));
}

#[test]
fn appending_to_block_lists() {
    let text = "evidence:\n  - a.md   # first\n  - b.md\nstatus: open\n";
    let out = edited(text, |e| e.push("/evidence", &s("c.md")));
    assert_eq!(
        out,
        "evidence:\n  - a.md   # first\n  - b.md\n  - c.md\nstatus: open\n"
    );
    let text = "evidence:\n- a.md\n";
    let out = edited(text, |e| e.push("/evidence", &s("b.md")));
    assert_eq!(out, "evidence:\n- a.md\n- b.md\n");
}

#[test]
fn values_that_need_quotes_are_quoted() {
    let out = edited("a: x\n", |e| e.set("/a", &s("yes: really # not a comment")));
    assert_eq!(out, "a: \"yes: really # not a comment\"\n");
    let parsed = yaml::parse(&out).expect("parses");
    assert_eq!(parsed.value["a"], "yes: really # not a comment");
}

#[test]
fn non_ascii_text_before_the_edit() {
    let text = "title: Évaluation – café\nstatus: open\n";
    let out = edited(text, |e| e.set("/status", &s("closed")));
    assert_eq!(out, "title: Évaluation – café\nstatus: closed\n");
}

/// A register file's tail that hides what follows it: a nested block mapping
/// ending in a block list.
const NOTES: &str = "x:\n  notes:\n    - first note\n";

#[test]
fn keys_go_into_an_anchored_or_tagged_root_mapping() {
    for head in [
        "--- &r\n",
        "!!map\n",
        "--- !!map &r\n",
        "&r\n",
        "--- !!map # c\n",
    ] {
        let text = format!("{head}id: R-001\nstatus: open\n{NOTES}");
        let out = edited(&text, |e| {
            e.set("/status", &s("closed"))?;
            e.set("/closed_reason", &s("Model retired"))
        });
        assert_eq!(
            out,
            format!("{head}id: R-001\nstatus: closed\n{NOTES}closed_reason: Model retired\n"),
            "{head:?}"
        );
    }
    // the same for a nested mapping with properties, in flow or block style
    let text = "x: &x !!map\n  notes:\n    - first note\ny: !!map { a: 1 }\n";
    let out = edited(text, |e| {
        e.set("/x/more", &s("m"))?;
        e.set("/y/b", &Node::Scalar(json!(2)))
    });
    assert_eq!(
        out,
        "x: &x !!map\n  notes:\n    - first note\n  more: m\ny: !!map { a: 1, b: 2 }\n"
    );
    // replacing a collection replaces its anchor and tag with it
    let out = edited(text, |e| e.set("/y", &Node::Seq(vec![s("a")])));
    assert_eq!(out, text.replace("!!map { a: 1 }", "[a]"));
}

#[test]
fn keys_go_beside_explicit_keys() {
    let text = format!("? id\n: R-001\nstatus: open\n{NOTES}");
    let out = edited(&text, |e| e.set("/closed_reason", &s("Model retired")));
    assert_eq!(out, format!("{text}closed_reason: Model retired\n"));
    // explicit keys all along, the last one holding the nested block
    let text = "? id\n: R-001\n? x\n: notes:\n    - first note\n";
    let out = edited(text, |e| e.set("/closed_reason", &s("Model retired")));
    assert_eq!(out, format!("{text}closed_reason: Model retired\n"));
    // their values replaced in place, as a scalar and as a block
    let out = edited(text, |e| e.set("/id", &s("R-002")));
    assert_eq!(out, text.replace("R-001", "R-002"));
    let out = edited(text, |e| {
        e.set("/id", &Node::Map(vec![("a".into(), s("b"))]))
    });
    assert_eq!(out, text.replace(": R-001", ":\n  a: b"));
}

#[test]
fn empty_values_are_filled_after_their_indicator() {
    let text = "id: A.5.2\nowner: # to be decided\nstatus: planned\n";
    let out = edited(text, |e| e.set("/owner", &s("ml-lead")));
    assert_eq!(out, text.replace("owner: #", "owner: ml-lead #"));
    // without a comment, or as the last line without a line break
    let out = edited("owner:\nid: A\n", |e| e.set("/owner", &s("ml-lead")));
    assert_eq!(out, "owner: ml-lead\nid: A\n");
    let out = edited("id: A\nowner:", |e| e.set("/owner", &s("ml-lead")));
    assert_eq!(out, "id: A\nowner: ml-lead");
    // an empty list item
    let text = "l:\n  - # empty\n  -\n  - c\n";
    let out = edited(text, |e| {
        e.set("/l/0", &s("a"))?;
        e.set("/l/1", &s("b"))
    });
    assert_eq!(out, "l:\n  - a # empty\n  - b\n  - c\n");
    let text = "l:\n- # empty\nm: 1\n";
    let out = edited(text, |e| e.push("/l", &s("b")));
    assert_eq!(out, "l:\n- # empty\n- b\nm: 1\n");
    // an empty mapping value gets its first key below the comment
    let text = "review: # yearly\nstatus: open\n";
    let out = edited(text, |e| e.set("/review/last", &s("2026-11-22")));
    assert_eq!(out, "review: # yearly\n  last: 2026-11-22\nstatus: open\n");
    // the value of an explicit key with an empty value
    let out = edited("? id\n:   # none yet\n", |e| e.set("/id", &s("R-1")));
    assert_eq!(out, "? id\n: R-1   # none yet\n");
}

#[test]
fn an_empty_value_without_a_colon_is_refused() {
    let mut editor = Editor::new("? id\nstatus: open\n");
    let err = editor.set("/id", &s("R-1")).expect_err("refused");
    assert!(matches!(err, EditError::Unsupported { .. }), "{err}");
    assert_eq!(editor.into_text(), "? id\nstatus: open\n");
}

#[test]
fn a_file_whose_offsets_drifted_is_refused() {
    let text = "%FOO é\n---\na: 1\n";
    let mut editor = Editor::new(text);
    let err = editor
        .set("/a", &Node::Scalar(json!(2)))
        .expect_err("refused");
    assert!(matches!(err, EditError::Unsupported { .. }), "{err}");
    assert_eq!(editor.into_text(), text);
}

#[test]
fn byte_order_mark_is_kept() {
    let text = "\u{feff}id: R-001\nstatus: open\n";
    let out = edited(text, |e| {
        e.set("/status", &s("closed"))?;
        e.set("/closed_reason", &s("Model retired"))
    });
    assert_eq!(
        out,
        "\u{feff}id: R-001\nstatus: closed\nclosed_reason: Model retired\n"
    );
    let out = edited("\u{feff}evidence: [a]\n", |e| e.push("/evidence", &s("b")));
    assert_eq!(out, "\u{feff}evidence: [a, b]\n");
}

#[test]
fn quoted_and_tagged_scalars_keep_their_comments() {
    let text = "a: \"x \\\" y\"  # dq\nb: !!str 'it''s' # sq\nc: &c 'z'\n";
    let out = edited(text, |e| {
        e.set("/a", &s("new a"))?;
        e.set("/b", &s("new b"))?;
        e.set("/c", &s("new c"))
    });
    assert_eq!(out, "a: new a  # dq\nb: new b # sq\nc: new c\n");
}

#[test]
fn crlf_files_keep_their_line_breaks() {
    let text = "id: R-1\r\nreview:\r\n  last: 2026-01-01\r\nl:\r\n  - a\r\n";
    let out = edited(text, |e| {
        e.set("/review/every", &s("1y"))?;
        e.push("/l", &s("b"))?;
        e.set("/m", &Node::Map(vec![("k".into(), s("v"))]))
    });
    assert_eq!(
        out,
        "id: R-1\r\nreview:\r\n  last: 2026-01-01\r\n  every: 1y\r\nl:\r\n  - a\r\n  - b\r\nm:\r\n  k: v\r\n"
    );
}

#[test]
fn indentless_lists_and_list_items_that_are_mappings() {
    let text = "actions:\n- id: T1\n  due: 2026-01-01\nstatus: open\n";
    let out = edited(text, |e| {
        e.push(
            "/actions",
            &Node::Map(vec![
                ("id".into(), s("T2")),
                ("due".into(), s("2027-01-01")),
            ]),
        )?;
        e.set("/actions/0/owner", &s("lead"))
    });
    assert_eq!(
        out,
        "actions:\n- id: T1\n  due: 2026-01-01\n  owner: lead\n- id: T2\n  due: 2027-01-01\nstatus: open\n"
    );
}

#[test]
fn a_single_pair_mapping_in_a_flow_list_is_refused() {
    let mut editor = Editor::new("l: [a: b, c]\n");
    let err = editor.set("/l/0/k", &s("v")).expect_err("refused");
    assert!(matches!(err, EditError::Unsupported { .. }), "{err}");
    // but it can be replaced whole
    let out = edited("l: [a: b, c]\n", |e| {
        e.set("/l/0", &Node::Map(vec![("k".into(), s("v"))]))
    });
    assert_eq!(out, "l: [{ k: v }, c]\n");
}

#[test]
fn empty_collections_are_written_in_flow_style() {
    let out = edited("a: 1\n", |e| e.set("/x", &Node::Map(vec![])));
    assert_eq!(out, "a: 1\nx: {}\n");
    let out = edited("a: 1\n", |e| e.set("/a", &Node::Seq(vec![])));
    assert_eq!(out, "a: []\n");
}

/// An editor whose positions belong to another text, so its byte edits land in
/// the wrong place: the oracle must catch them.
fn misled(text: &str, positions_of: &str) -> Editor {
    let value = yaml::parse(text).expect("parses").value;
    let mut wrong = yaml::parse(positions_of).expect("parses");
    wrong.value = value;
    Editor {
        bom: false,
        text: text.to_string(),
        parsed: Some(wrong),
        order: None,
    }
}

#[test]
fn the_oracle_refuses_an_edit_that_lands_elsewhere() {
    let text = "a: 1\nb: 2\n";
    let mut editor = misled(text, "b: 2\na: 1\n");
    let err = editor
        .set("/b", &Node::Scalar(json!(3)))
        .expect_err("refused");
    assert!(
        matches!(&err, EditError::Misplaced { edited, changed } if edited == "/b" && changed == "/a"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "editing `/b` in place would also change `/a`; the file is left as it was"
    );
    assert_eq!(editor.into_text(), text);

    // the edited node itself getting a wrong value
    let mut editor = misled(text, "a: 1\nb:  2\n");
    let err = editor
        .set("/b", &Node::Scalar(json!(3)))
        .expect_err("refused");
    assert_eq!(
        err.to_string(),
        "editing `/b` in place would write something other than the intended value at `/b`; the file is left as it was"
    );
    // and text that no longer parses
    let mut editor = misled(text, "a: 1\nb: 2\n# a longer tail\n");
    let err = editor.push("/b", &s("x")).expect_err("refused");
    assert!(matches!(err, EditError::Unsupported { .. }), "{err:?}");
    let mut editor = misled("a: [x]\n", "a:  [x]\n");
    let err = editor.push("/a", &s("y")).expect_err("refused");
    assert!(matches!(err, EditError::Broken { .. }), "{err:?}");
    assert_eq!(editor.into_text(), "a: [x]\n");
}

#[test]
fn removing_list_items_and_keys_keeps_everything_else() {
    let text = "\
id: R-1
controls: [A.2.2, A.6.2.4, A.7.4]   # cited
systems:
  - a   # first
  - b
  - c
dimensions:
  - dimension: fairness
    not_applicable: No people   # why
    severity: 2
  - { dimension: safety, not_applicable: No physical effect, risks: [R-1] }
# end
";
    let out = edited(text, |e| e.remove("/controls/1"));
    assert!(
        out.contains("controls: [A.2.2, A.7.4]   # cited\n"),
        "{out}"
    );
    let out = edited(text, |e| e.remove("/controls/2"));
    assert!(
        out.contains("controls: [A.2.2, A.6.2.4]   # cited\n"),
        "{out}"
    );
    let out = edited(text, |e| e.remove("/systems/0"));
    assert_eq!(out, text.replace("  - a   # first\n", ""));
    let out = edited(text, |e| e.remove("/systems/2"));
    assert_eq!(out, text.replace("  - c\n", ""));
    let out = edited(text, |e| e.remove("/dimensions/0/not_applicable"));
    assert_eq!(
        out,
        text.replace("    not_applicable: No people   # why\n", "")
    );
    let out = edited(text, |e| e.remove("/dimensions/1/not_applicable"));
    assert!(
        out.contains("  - { dimension: safety, risks: [R-1] }\n"),
        "{out}"
    );
    let out = edited(text, |e| e.remove("/dimensions/1/risks"));
    assert!(
        out.contains("  - { dimension: safety, not_applicable: No physical effect }\n"),
        "{out}"
    );
    let out = edited(text, |e| e.remove("/dimensions/0"));
    assert!(out.starts_with("id: R-1\ncontrols"), "{out}");
    assert!(
        out.contains("dimensions:\n  - { dimension: safety"),
        "{out}"
    );
    // the last item leaves an empty list, not a null
    let out = edited(text, |e| {
        e.remove("/systems/0")?;
        e.remove("/systems/0")?;
        e.remove("/systems/0")
    });
    assert!(out.contains("systems: []\ndimensions:"), "{out}");
    let value = yaml::parse(&out).expect("parses").value;
    assert_eq!(value["systems"], json!([]));
}

#[test]
fn removing_what_is_not_there_is_refused() {
    let mut editor = Editor::new("id: R-1\nsystems: [a]\n");
    assert!(matches!(
        editor.remove("/controls/0"),
        Err(EditError::Unsupported { .. })
    ));
    assert_eq!(editor.into_text(), "id: R-1\nsystems: [a]\n");
}

#[test]
fn new_keys_go_beside_their_neighbours_in_the_key_order() {
    fn order(pointer: &str) -> &'static [&'static str] {
        match pointer {
            "" => &["id", "title", "treatment", "review", "status", "closed"],
            "/items/*" => &["id", "due", "status"],
            _ => &[],
        }
    }
    let text = "id: R-1\ntitle: t\nreview:\n  last: 2026-01-01\nstatus: open\nitems:\n  - id: T1\n    status: done\n";
    let mut editor = Editor::new(text).ordered(order);
    editor
        .set(
            "/treatment",
            &Node::Map(vec![("option".into(), s("mitigate"))]),
        )
        .expect("sets");
    editor.set("/closed", &s("2026-02-01")).expect("sets");
    editor.set("/items/0/due", &s("2026-03-01")).expect("sets");
    // a key the order does not know goes last
    editor.set("/other", &s("x")).expect("sets");
    assert_eq!(
        editor.into_text(),
        "id: R-1\ntitle: t\ntreatment:\n  option: mitigate\nreview:\n  last: 2026-01-01\nstatus: open\nclosed: 2026-02-01\nitems:\n  - id: T1\n    due: 2026-03-01\n    status: done\nother: x\n"
    );
}
