//! Plain scalars resolved with the YAML 1.2 core schema: `null`, booleans, integers
//! and floats; everything else, dates included, stays a string.

use std::borrow::Cow;

use saphyr_parser::{ScalarStyle, Tag};
use serde_json::{Number, Value};

/// Turns a scalar event into a JSON value following the YAML 1.2 core schema.
pub(super) fn resolve_scalar(
    text: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
) -> Result<Value, String> {
    if let Some(tag) = tag {
        if !tag.is_yaml_core_schema() {
            // `!` alone is the non-specific tag: the scalar stays a string.
            if tag.handle == "!" && tag.suffix.is_empty() {
                return Ok(Value::String(text.into_owned()));
            }
            return Err(format!(
                "tag `{tag}` is not supported; register files use plain YAML"
            ));
        }
        return match tag.suffix.as_str() {
            "str" => Ok(Value::String(text.into_owned())),
            "null" => match null(&text) {
                true => Ok(Value::Null),
                false => Err(format!("`{text}` is not a null")),
            },
            "bool" => boolean(&text).ok_or_else(|| format!("`{text}` is not a boolean")),
            "int" => integer(&text).ok_or_else(|| format!("`{text}` is not an integer")),
            "float" => float(&text)
                .or_else(|| integer(&text))
                .ok_or_else(|| format!("`{text}` is not a number")),
            other => Err(format!("tag `!!{other}` is not supported on a scalar")),
        };
    }
    if style != ScalarStyle::Plain {
        return Ok(Value::String(text.into_owned()));
    }
    if null(&text) {
        return Ok(Value::Null);
    }
    Ok(boolean(&text)
        .or_else(|| integer(&text))
        .or_else(|| float(&text))
        .unwrap_or_else(|| Value::String(text.into_owned())))
}

fn null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn boolean(text: &str) -> Option<Value> {
    match text {
        "true" | "True" | "TRUE" => Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => Some(Value::Bool(false)),
        _ => None,
    }
}

fn integer(text: &str) -> Option<Value> {
    let (radix, digits) = if let Some(octal) = text.strip_prefix("0o") {
        (8, octal)
    } else if let Some(hex) = text.strip_prefix("0x") {
        (16, hex)
    } else {
        let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
        if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        return Some(match text.parse::<i64>() {
            Ok(i) => Value::Number(i.into()),
            Err(_) => match text.trim_start_matches('+').parse::<u64>() {
                Ok(u) => Value::Number(u.into()),
                Err(_) => finite(text.parse::<f64>().ok()?)?,
            },
        });
    };
    if digits.is_empty() {
        return None;
    }
    u64::from_str_radix(digits, radix)
        .ok()
        .map(|u| Value::Number(u.into()))
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the core schema's float.
/// `.inf` and `.nan` have no JSON number, so they stay strings.
fn float(text: &str) -> Option<Value> {
    let bytes = text.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < bytes.len() && bytes[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let whole = digits(&mut i);
    let mut fraction = 0;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        fraction = digits(&mut i);
    }
    if whole == 0 && fraction == 0 {
        return None;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    if i != bytes.len() {
        return None;
    }
    finite(text.parse::<f64>().ok()?)
}

fn finite(f: f64) -> Option<Value> {
    Number::from_f64(f).map(Value::Number)
}
