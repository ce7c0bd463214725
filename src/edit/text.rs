//! Reading positions in a file's text: character and byte offsets, the true end of a
//! node, the end of a subtree, the column of a dash, the `:` before a value.

use crate::yaml::{Loc, NodeSpan, Style};

/// `/a/b/c` into `/a/b` and `c` (unescaped).
pub(super) fn split(pointer: &str) -> (&str, String) {
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    (parent, key.replace("~1", "/").replace("~0", "~"))
}

pub(super) fn is_null(text: &str, span: &NodeSpan) -> bool {
    span.style == Style::Plain && {
        let raw: String = text
            .chars()
            .skip(span.start)
            .take(span.end.saturating_sub(span.start))
            .collect();
        matches!(raw.trim(), "" | "~" | "null" | "Null" | "NULL")
    }
}

/// Character offset to byte offset, for one text.
pub(super) struct CharIndex {
    bytes: Vec<usize>,
}

impl CharIndex {
    pub(super) fn new(text: &str) -> CharIndex {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharIndex { bytes }
    }

    pub(super) fn byte(&self, char_offset: usize) -> usize {
        self.bytes
            .get(char_offset)
            .copied()
            .unwrap_or_else(|| *self.bytes.last().unwrap_or(&0))
    }

    /// The character offset of a byte offset (which must fall on a character).
    fn char(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| b < byte)
    }
}

pub(super) fn char_at(text: &str, chars: &CharIndex, offset: usize) -> Option<char> {
    text[chars.byte(offset)..].chars().next()
}

/// Where a node's text starts, with its anchor or tag: its span starts at its own
/// first character, and its properties stand where its position (`at`) says.
pub(super) fn outer_start(text: &str, chars: &CharIndex, span: &NodeSpan) -> usize {
    match offset_of(text, chars, span.at) {
        Some(at) if at < span.start && matches!(char_at(text, chars, at), Some('&' | '!')) => at,
        _ => span.start,
    }
}

/// The character offset of a line and column.
pub(super) fn offset_of(text: &str, chars: &CharIndex, at: Loc) -> Option<usize> {
    let mut line_start = 0;
    for _ in 1..at.line {
        line_start += text[line_start..].find('\n')? + 1;
    }
    Some(chars.char(line_start) + at.column.checked_sub(1)? as usize)
}

/// The end of a node. The parser's span of a quoted scalar runs over trailing blanks
/// and a comment; its true end is its closing quote.
pub(super) fn true_end(text: &str, chars: &CharIndex, span: &NodeSpan) -> usize {
    let quote = match span.style {
        Style::SingleQuoted => '\'',
        Style::DoubleQuoted => '"',
        _ => return span.end,
    };
    let from = span.start;
    let mut iter = text[chars.byte(from)..].chars();
    if iter.next() != Some(quote) {
        return span.end;
    }
    let mut count = 1;
    while let Some(c) = iter.next() {
        count += 1;
        if quote == '"' && c == '\\' {
            if iter.next().is_some() {
                count += 1;
            }
        } else if c == quote {
            // `''` inside single quotes is an escaped quote.
            if quote == '\'' && iter.clone().next() == Some('\'') {
                iter.next();
                count += 1;
            } else {
                return from + count;
            }
        }
    }
    span.end
}

/// The end of `child` and everything under it, on its last line.
pub(super) fn subtree_end(text: &str, chars: &CharIndex, child: &NodeSpan) -> usize {
    let end = true_end(text, chars, child);
    // Block scalars end after their final newline; step back onto their last line.
    if end > 0 && text[..chars.byte(end)].ends_with('\n') {
        end - 1
    } else {
        end
    }
}

/// The character offset of the `:` that introduces the value of the key ending at
/// `key_end`: after blanks (`key :`), or, for an explicit `? key`, on a later line.
pub(super) fn value_indicator(text: &str, chars: &CharIndex, key_end: usize) -> Option<usize> {
    let mut offset = key_end;
    let mut iter = text[chars.byte(key_end)..].chars().peekable();
    while let Some(c) = iter.next() {
        match c {
            ':' => {
                return match iter.peek() {
                    None => Some(offset),
                    Some(n) if n.is_whitespace() => Some(offset),
                    Some(_) => None,
                };
            }
            '#' => {
                while iter.peek().is_some_and(|&c| c != '\n') {
                    iter.next();
                    offset += 1;
                }
            }
            c if c.is_whitespace() => {}
            _ => return None,
        }
        offset += 1;
    }
    None
}

/// The column (0-based, in characters) of a character offset.
pub(super) fn column_of(text: &str, chars: &CharIndex, offset: usize) -> usize {
    let byte = chars.byte(offset);
    let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..byte].chars().count()
}
