//! Tests of the positioned YAML loader.

use super::*;
use serde_json::json;

fn ok(text: &str) -> Parsed {
    parse(text).expect("parses")
}

fn err(text: &str) -> YamlError {
    parse(text).expect_err("is refused")
}

#[test]
fn core_schema_scalars() {
    let p = ok(
        "a: 1\nb: -7\nc: 1.5\nd: true\ne: ~\nf: 2026-03-31\ng: '1'\nh: yes\ni: 0x1f\nj: .inf\nk: 1e3\n",
    );
    assert_eq!(
        p.value,
        json!({"a": 1, "b": -7, "c": 1.5, "d": true, "e": null, "f": "2026-03-31",
               "g": "1", "h": "yes", "i": 31, "j": ".inf", "k": 1000.0})
    );
}

#[test]
fn missing_key_falls_back_to_its_mapping() {
    let p = ok("a:\n  b: 1\n");
    assert_eq!(p.positions.locate_key("/a/zz"), Loc { line: 1, column: 1 });
    assert_eq!(p.positions.locate_key("/a/b"), Loc { line: 2, column: 3 });
}

#[test]
fn positions_of_values_keys_and_flow_items() {
    let text =
        "id: R-1\ntreatment:\n  actions:\n    - id: T1\n      due: 2026-13-01\nsystems: [a, b]\n";
    let p = ok(text);
    let at = |ptr| p.positions.locate(ptr);
    assert_eq!(at("/id"), Loc { line: 1, column: 5 });
    assert_eq!(at("/treatment"), Loc { line: 2, column: 1 });
    assert_eq!(
        at("/treatment/actions/0/due"),
        Loc {
            line: 5,
            column: 12
        }
    );
    assert_eq!(
        at("/systems/1"),
        Loc {
            line: 6,
            column: 14
        }
    );
    // a missing node falls back to its nearest existing ancestor
    assert_eq!(at("/treatment/actions/0/owner"), Loc { line: 4, column: 7 });
    assert_eq!(
        p.positions.locate_key("/treatment/actions/0/due"),
        Loc { line: 5, column: 7 }
    );
}

#[test]
fn pointer_escapes() {
    let p = ok("x:\n  a/b: 1\n  c~d: 2\n");
    assert_eq!(p.positions.locate("/x/a~1b").line, 2);
    assert_eq!(p.positions.locate("/x/c~0d").line, 3);
}

#[test]
fn empty_and_comment_only_files_have_no_document() {
    for text in ["", "# only a comment\n\n# another\n"] {
        let p = ok(text);
        assert!(!p.has_document);
        assert_eq!(p.value, Value::Null);
    }
}

#[test]
fn duplicate_keys_are_refused_at_the_second_key() {
    let e = err("id: a\ntitle: x\ntitle: y\n");
    assert_eq!(e.at, Loc { line: 3, column: 1 });
    assert!(
        e.message
            .contains("duplicate key `title` (first at line 2)")
    );
}

#[test]
fn aliases_are_refused() {
    let bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n";
    assert!(err(bomb).message.contains("aliases"));
}

#[test]
fn deep_nesting_is_refused_without_overflowing() {
    let flow = "[".repeat(10_000) + &"]".repeat(10_000);
    assert!(parse(&flow).is_err());
    let block = "- ".repeat(10_000) + "x\n";
    assert!(err(&block).message.contains("nesting deeper"));
    let mut nested = String::new();
    for depth in 0..200 {
        nested.push_str(&" ".repeat(depth));
        nested.push_str("k:\n");
    }
    assert!(err(&nested).message.contains("nesting deeper"));
}

#[test]
fn syntax_errors_carry_a_position() {
    let e = err("id: a\ntitle: [unclosed\n");
    assert!(e.at.line >= 2, "{e:?}");
}

#[test]
fn second_document_is_refused() {
    assert!(
        err("a: 1\n---\nb: 2\n")
            .message
            .contains("second YAML document")
    );
}

#[test]
fn custom_tags_are_refused_and_core_tags_apply() {
    assert!(err("a: !secret x\n").message.contains("not supported"));
    assert_eq!(ok("a: !!str 12\n").value, json!({"a": "12"}));
    assert_eq!(ok("a: !!int '12'\n").value, json!({"a": 12}));
}

#[test]
fn complex_keys_are_refused() {
    assert!(err("? [a, b]\n: 1\n").message.contains("key"));
}

#[test]
fn spans_start_at_the_nodes_own_text() {
    let text = "--- &r\nm: !!map\n  k: 'v'  # c\nf: &f { a: 1 }\ne: # none\nl:\n- # none\n- x\n";
    let p = ok(text);
    let span = |ptr| p.positions.span(ptr).expect("exists");
    let at = |ptr| {
        let s = span(ptr);
        (s.start, s.style)
    };
    // a collection after its anchor and tag, at its first key, `{` or `-`
    assert_eq!(at(""), (7, Style::BlockCollection));
    assert_eq!(at("/m"), (18, Style::BlockCollection));
    assert_eq!(at("/f"), (36, Style::FlowCollection));
    assert_eq!(at("/l"), (58, Style::BlockCollection));
    // an empty value just after its indicator
    assert_eq!(at("/e"), (47, Style::Plain));
    assert_eq!(span("/e").end, 47);
    assert_eq!(at("/l/0"), (59, Style::Plain));
    assert!(p.positions.exact());
}

#[test]
fn a_directive_with_non_ascii_text_makes_offsets_inexact() {
    // found by fuzzing: the parser counts the directive's bytes as characters
    let p = ok("%FOO é\n---\na: 1\n");
    assert_eq!(p.value, json!({"a": 1}));
    assert!(!p.positions.exact());
    assert_eq!(p.positions.locate("/a"), Loc { line: 3, column: 4 });
}

#[test]
fn a_file_of_too_many_values_is_refused_quickly() {
    let flat = format!("[{}]", "a,".repeat(MAX_NODES + 10));
    assert!(err(&flat).message.contains("more than 50000 values"));
    let fine = format!("[{}]", "a,".repeat(1000));
    assert!(parse(&fine).is_ok());
}

#[test]
fn byte_order_mark_is_skipped() {
    assert_eq!(ok("\u{feff}a: 1\n").value, json!({"a": 1}));
}
