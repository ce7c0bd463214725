//! Where a node's own text starts and ends, which the parser's events only hint at:
//! after an anchor or tag, at the dash of an indentless list, just after the `:` of an
//! empty value. The editor replaces exactly these characters, so they must be exact.

use saphyr_parser::Span;

use super::positions::{Positions, Style};
use super::{Content, Frame, offset};

/// Where a collection's own text starts, and whether it is written in flow style.
///
/// The parser's span of a collection starts at its anchor or tag when it has one and
/// ends after its first token: the `{` or `[` of a flow collection (with any blanks
/// after it), or an empty token at the first key (or `?`, or `-`) of a block
/// collection. Without properties, a span that is not empty is a flow collection's;
/// with them (`--- &r` or `!!map` on the line above the keys), the first character
/// after them tells. Inside a flow collection everything is flow, including a
/// single-pair mapping in a flow sequence (`[a: b]`), which starts at its key with no
/// brace.
pub(super) fn collection_start(
    stack: &[Frame],
    positions: &Positions,
    chars: &mut CharAt<'_>,
    span: Span,
    properties: bool,
    mapping: bool,
) -> (u32, bool) {
    let mut start = own_start(chars, span, properties);
    // An indentless sequence (`key:` then `- item` in the key's column) is marked at
    // its first item, after the dash.
    if !mapping
        && !properties
        && span.is_empty()
        && chars.at(start as usize) != Some('-')
        && let Some(dash) = dash_before(chars, start as usize)
    {
        start = dash;
    }
    let bracketed = if properties {
        matches!(chars.at(start as usize), Some('{' | '['))
    } else {
        !span.is_empty()
    };
    let in_flow = stack.last().is_some_and(|frame| {
        positions
            .nodes
            .get(frame.node as usize)
            .is_some_and(|n| n.style == Style::FlowCollection)
    });
    (start, bracketed || in_flow)
}

/// Where a node's own text starts: after its anchor and tag (`&a !!str x`) and the
/// blanks, line breaks and comments that separate them from it, never past the end of
/// the parser's span (which an empty node with only properties ends at).
pub(super) fn own_start(chars: &mut CharAt<'_>, span: Span, properties: bool) -> u32 {
    let (start, end) = (span.start.index(), span.end.index());
    if !properties {
        return offset(start);
    }
    let text: Vec<char> = chars.from(start).take(end.saturating_sub(start)).collect();
    let mut i = 0;
    while let Some(&c) = text.get(i) {
        match c {
            // An anchor or tag runs to a blank or a flow indicator; a verbatim tag
            // (`!<tag:yaml.org,2002:str>`) to its `>`.
            '&' | '!' if text.get(i + 1) == Some(&'<') && c == '!' => {
                i += text[i..]
                    .iter()
                    .position(|&c| c == '>')
                    .map_or(text.len(), |p| p + 1);
            }
            '&' | '!' => {
                i += 1;
                while text
                    .get(i)
                    .is_some_and(|&c| !c.is_whitespace() && !",[]{}".contains(c))
                {
                    i += 1;
                }
            }
            '#' => {
                while text.get(i).is_some_and(|&c| c != '\n') {
                    i += 1;
                }
            }
            c if c.is_whitespace() => i += 1,
            _ => break,
        }
    }
    offset(start + i.min(text.len()))
}

/// Where an empty value (`key:` or `-` with nothing after it) stands.
///
/// Such a value has no characters of its own, and the parser marks it at the indicator
/// before it (the `:` or the `-`), or, for a key with no `:` at all (`? key`), at
/// whatever token comes next, which may be lines further on. It is placed just after
/// its indicator, where its text would go, or, without one, just after its key.
pub(super) fn empty_value_at(stack: &[Frame], chars: &mut CharAt<'_>, marked: u32) -> u32 {
    let indicator = chars.at(marked as usize);
    match stack.last().map(|frame| &frame.content) {
        Some(Content::Map {
            pending_key: Some((_, _, key_end)),
            ..
        }) => match indicator {
            Some(':') => marked.saturating_add(1),
            _ => *key_end,
        },
        Some(Content::Seq(_)) => {
            dash_before(chars, marked as usize).map_or(marked, |d| d.saturating_add(1))
        }
        _ => marked,
    }
}

/// The `-` of a block sequence entry, which the parser marks after the dash and the
/// blanks (and any comment) that follow it on its line. Before the mark on that line
/// there is only indentation, dashes and blanks, then perhaps a comment.
pub(super) fn dash_before(chars: &mut CharAt<'_>, marked: usize) -> Option<u32> {
    let line = chars.line_before(marked);
    let code = line.split('#').next().unwrap_or_default();
    let dash = code.trim_end_matches([' ', '\t']);
    if !dash.ends_with('-') {
        return None;
    }
    let after = line.chars().count() - dash.chars().count();
    Some(offset(marked.checked_sub(after + 1)?))
}

/// Characters by character offset, for offsets visited mostly in increasing order (as
/// the parser's events are), without indexing the whole text.
pub(super) struct CharAt<'a> {
    text: &'a str,
    /// A character offset and the byte offset it stands at.
    char_pos: usize,
    byte_pos: usize,
}

impl<'a> CharAt<'a> {
    pub(super) fn new(text: &'a str) -> CharAt<'a> {
        CharAt {
            text,
            char_pos: 0,
            byte_pos: 0,
        }
    }

    /// The text from a character offset on (empty past the end).
    fn from(&mut self, index: usize) -> std::str::Chars<'a> {
        if index < self.char_pos {
            (self.char_pos, self.byte_pos) = (0, 0);
        }
        let mut rest = self.text.get(self.byte_pos..).unwrap_or_default().chars();
        while self.char_pos < index {
            let Some(c) = rest.next() else { break };
            self.byte_pos += c.len_utf8();
            self.char_pos += 1;
        }
        rest
    }

    /// The number of characters in the text.
    pub(super) fn count(&mut self) -> usize {
        let _ = self.from(usize::MAX);
        self.char_pos
    }

    /// The text of the line holding a character offset, up to that offset.
    fn line_before(&mut self, index: usize) -> &'a str {
        let _ = self.from(index);
        let text = self.text.get(..self.byte_pos).unwrap_or_default();
        &text[text.rfind('\n').map_or(0, |i| i + 1)..]
    }

    pub(super) fn at(&mut self, index: usize) -> Option<char> {
        let mut rest = self.from(index);
        if self.char_pos == index {
            rest.next()
        } else {
            None
        }
    }
}
