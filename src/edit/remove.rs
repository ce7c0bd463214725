//! Removing a list item or a mapping key in place: its lines in block style (with
//! nothing else on them), its text and one separating comma in flow style. Removing the
//! last entry of a collection writes it empty (`[]`, `{}`), so that the key keeps a
//! list or a mapping rather than turning null.

use super::text::{CharIndex, offset_of, outer_start, split, subtree_end, true_end};
use super::{Draft, EditError, Node};
use crate::yaml::{NodeSpan, Style};

impl Draft<'_> {
    pub(super) fn remove(&mut self, pointer: &str) -> Result<(), EditError> {
        let unsupported = |why| EditError::Unsupported {
            pointer: pointer.to_string(),
            why,
        };
        let Some(span) = self.positions.span(pointer) else {
            return Err(unsupported("there is nothing there to remove"));
        };
        let (parent, _) = split(pointer);
        let Some(parent_span) = self.positions.span(parent) else {
            return Err(unsupported("the file holds no collection there"));
        };
        let siblings = self.positions.children(parent);
        let Some(index) = siblings.iter().position(|s| *s == span) else {
            return Err(unsupported(
                "its position in its collection cannot be found",
            ));
        };
        if siblings.len() == 1 {
            let empty = match parent_span.is_mapping {
                true => Node::Map(Vec::new()),
                false => Node::Seq(Vec::new()),
            };
            return self.set(parent, &empty);
        }
        let chars = CharIndex::new(&self.text);
        // Where an entry starts: its key, or (for a list item) its own text.
        let start_of = |s: &NodeSpan| -> Option<usize> {
            match s.key_at {
                Some(at) => offset_of(&self.text, &chars, at),
                None => Some(outer_start(&self.text, &chars, s)),
            }
        };
        if parent_span.style == Style::FlowCollection {
            let (s, e) = match (siblings.get(index + 1), index.checked_sub(1)) {
                // `a, b` -> `b`: from this entry to the next one.
                (Some(next), _) => (start_of(&span), start_of(next)),
                // `a, b` -> `a`: from the end of the previous entry to this one's end.
                (None, Some(previous)) => (
                    Some(true_end(&self.text, &chars, &siblings[previous])),
                    Some(true_end(&self.text, &chars, &span)),
                ),
                (None, None) => (None, None),
            };
            let (Some(s), Some(e)) = (s, e) else {
                return Err(unsupported(
                    "its place in the flow collection cannot be found",
                ));
            };
            let (s, e) = (chars.byte(s), chars.byte(e));
            return self.splice(s, e, "");
        }
        // Block style: the entry's whole lines, which must hold nothing else.
        let Some(start) = start_of(&span) else {
            return Err(unsupported("its place in the file cannot be found"));
        };
        let start = chars.byte(start);
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let before = &self.text[line_start..start];
        let alone = match span.key_at {
            Some(_) => before.chars().all(|c| c == ' '),
            None => {
                let trimmed = before.trim_end_matches(' ');
                trimmed.ends_with('-') && trimmed[..trimmed.len() - 1].chars().all(|c| c == ' ')
            }
        };
        if !alone {
            return Err(unsupported(
                "it shares its first line with another entry; edit the file by hand",
            ));
        }
        let end = self.line_end(chars.byte(subtree_end(&self.text, &chars, &span)));
        let end = match self.text[end..].find('\n') {
            Some(i) => end + i + 1,
            None => self.text.len(),
        };
        self.splice(line_start, end, "")
    }
}
