//! Arbitrary bytes into the YAML loader: it must never panic or hang, and when it
//! accepts a file, every node of the value it returns must have a sane place in the
//! position index.

#![no_main]

use aims::yaml;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(parsed) = yaml::parse(&text) else {
        return;
    };
    // The loader sets one byte order mark aside; its offsets count from after it.
    let chars = text
        .strip_prefix('\u{feff}')
        .unwrap_or(&text)
        .chars()
        .count();
    // Only a `%` directive line makes the parser miscount characters.
    assert!(
        parsed.positions.exact() || text.contains('%'),
        "offsets drifted without a directive"
    );
    if !parsed.positions.exact() {
        return;
    }
    let mut pointers = Vec::new();
    pointers_of(&parsed.value, String::new(), &mut pointers);
    for pointer in pointers {
        if !parsed.has_document {
            break;
        }
        let span = parsed
            .positions
            .span(&pointer)
            .unwrap_or_else(|| panic!("no span for `{pointer}`"));
        assert!(
            span.start <= span.end && span.end <= chars,
            "`{pointer}`: {span:?} in {chars} characters"
        );
        let at = parsed.positions.locate(&pointer);
        assert!(at.line >= 1 && at.column >= 1, "`{pointer}` at {at:?}");
    }
});

fn pointers_of(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                pointers_of(child, format!("{pointer}/{escaped}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers_of(child, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(pointer);
}
