//! Commit-message trailers, read exactly as `git interpret-trailers --parse` reads them.
//!
//! An approval is a claim made in a commit message's trailers, so which lines count as
//! trailers must be decided the way git decides it, not by a looser reading: a line
//! such as `Approved-by: ...` inside a body paragraph is not a trailer to git and must
//! not be one to aims. This module follows git's `trailer.c` step by step (git 2.47,
//! with no `trailer.*` configuration and `#` as the comment character):
//!
//! 1. The message ends with a newline (git adds one when it reads the input).
//! 2. The message part ends at the first line starting with `---` followed by
//!    whitespace (a patch follows), or at a `# --- >8 ---` scissors line; trailing
//!    comment lines, blank lines and an old-style `Conflicts:` block are dropped.
//! 3. The first paragraph (the subject, after leading comment lines) is never trailers.
//! 4. The trailer block is the last paragraph, preceded by a blank (or whitespace-only)
//!    line, when all its lines are trailers, or when at least one starts with a
//!    git-generated prefix (`Signed-off-by: `, `(cherry picked from commit `) and at
//!    least a quarter of its lines are trailers. Comment lines are not counted;
//!    indented lines continue the trailer above them.
//! 5. A trailer line is a token of ASCII letters, digits and `-`, optional spaces or
//!    tabs, then `:`. Token and value are trimmed; continuation lines are unfolded.
//!
//! "Whitespace" is git's: space, tab, newline and carriage return only.
//!
//! [`parse`] returns every trailer; [`approval_trailers`] reads the two aims cares about
//! into [`Trailers`], the struct of `history`, so that it can replace
//! `history::trailers` without changing any caller. This module reads text only: it
//! knows nothing of commits, roles or registers.

use memchr::memmem;

use super::history::{Person, Trailers};

/// Lines starting with this are comments (git's default `core.commentChar`).
const COMMENT: u8 = b'#';

/// Characters that end a trailer's token (git's default `trailer.separators`).
const SEPARATORS: &[u8] = b":";

/// Prefixes of trailers git writes itself; one of them lets a block that is only
/// partly trailers count as a trailer block.
const GIT_GENERATED_PREFIXES: [&[u8]; 2] = [b"Signed-off-by: ", b"(cherry picked from commit "];

/// The scissors line of `git commit --cleanup=scissors`, preceded by a newline:
/// everything from it on is not part of the message.
const SCISSORS: &[u8] = b"\n# ------------------------ >8 ------------------------";

/// One trailer: a token and its value, both trimmed, the value unfolded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trailer {
    pub key: String,
    pub value: String,
}

/// Every trailer of a commit message, in order, as `git interpret-trailers --parse`
/// prints them.
pub fn parse(message: &str) -> Vec<Trailer> {
    let mut buf = message.as_bytes().to_vec();
    // git reads the message as a C string, and completes its last line.
    if let Some(nul) = memchr::memchr(0, &buf) {
        buf.truncate(nul);
    }
    if buf.last().is_some_and(|&b| b != b'\n') {
        buf.push(b'\n');
    }
    let end = end_of_message(&buf);
    let start = trailer_block_start(&buf, end);
    block_lines(&buf[start..end])
        .into_iter()
        .filter(|line| line.first() != Some(&COMMENT))
        .filter_map(|line| {
            let separator = find_separator(&line).filter(|&at| at >= 1)?;
            Some(Trailer {
                key: text(trim(&line[..separator])),
                value: text(&unfold(trim(&line[separator + 1..]))),
            })
        })
        .collect()
}

/// The `Approved-by:` and `Approves:` trailers of a commit message (keys matched
/// without regard to case, as git matches them). An `Approved-by:` value that is not
/// `Name <email>` with an email is ignored.
pub fn approval_trailers(message: &str) -> Trailers {
    let mut out = Trailers::default();
    for trailer in parse(message) {
        if trailer.key.eq_ignore_ascii_case("approved-by") {
            out.approved_by.extend(person(&trailer.value));
        } else if trailer.key.eq_ignore_ascii_case("approves") {
            out.approves.extend(
                trailer
                    .value
                    .split(',')
                    .map(str::trim)
                    .filter(|id| !id.is_empty())
                    .map(String::from),
            );
        }
    }
    out
}

/// `Name <email>`, the way git writes a person.
fn person(value: &str) -> Option<Person> {
    let open = value.rfind('<')?;
    let close = value.rfind('>').filter(|&close| close > open)?;
    let email = value[open + 1..close].trim();
    (!email.is_empty()).then(|| Person {
        name: value[..open].trim().to_string(),
        email: email.to_string(),
    })
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// git's `isspace`, which unlike C's knows no vertical tab or form feed.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn trim(mut bytes: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = bytes
        && is_space(*first)
    {
        bytes = rest;
    }
    while let [rest @ .., last] = bytes
        && is_space(*last)
    {
        bytes = rest;
    }
    bytes
}

/// The start of the line after the one starting at `pos`.
fn next_line(buf: &[u8], pos: usize) -> usize {
    memchr::memchr(b'\n', &buf[pos..]).map_or(buf.len(), |i| pos + i + 1)
}

/// The start of the last line of `buf[..len]`, its final newline belonging to it.
fn last_line(buf: &[u8], len: usize) -> Option<usize> {
    match len {
        0 => None,
        1 => Some(0),
        _ => Some(memchr::memrchr(b'\n', &buf[..len - 1]).map_or(0, |i| i + 1)),
    }
}

/// Whether the line starting at `pos` holds nothing but whitespace.
fn is_blank_line(buf: &[u8], pos: usize) -> bool {
    buf[pos..]
        .iter()
        .take_while(|&&b| b != b'\n')
        .all(|&b| is_space(b))
}

/// Where the message part ends: before a `---` patch separator, a scissors line, and
/// the comments, blank lines and `Conflicts:` block that trail it.
fn end_of_message(buf: &[u8]) -> usize {
    let mut end = buf.len();
    let mut line = 0;
    while line < buf.len() {
        if buf[line..].starts_with(b"---") && buf.get(line + 3).is_some_and(|&b| is_space(b)) {
            end = line;
            break;
        }
        line = next_line(buf, line);
    }
    end - ignored_bytes(buf, end)
}

/// How many bytes at the end of `buf[..len]` are comments, blank lines, an old-style
/// `Conflicts:` block or what follows a scissors line.
fn ignored_bytes(buf: &[u8], len: usize) -> usize {
    let cutoff = if buf.starts_with(&SCISSORS[1..]) {
        0
    } else {
        memmem::find(buf, SCISSORS).map_or(len, |at| len.min(at + 1))
    };
    // The start of the run of ignorable lines reaching the end. git keeps it as an
    // offset where 0 means "none", so a run starting on the first line is never
    // ignored; that quirk is kept.
    let mut run = 0;
    let mut in_conflicts = false;
    let mut line = 0;
    while line < cutoff {
        let next = memchr::memchr(b'\n', &buf[line..cutoff]).map_or(cutoff, |i| line + i + 1);
        if buf[line] == COMMENT || buf[line] == b'\n' {
            if run == 0 {
                run = line;
            }
        } else if buf[line..].starts_with(b"Conflicts:\n") {
            in_conflicts = true;
            if run == 0 {
                run = line;
            }
        } else if in_conflicts && buf[line] == b'\t' {
            // a path in the conflicts block
        } else if run != 0 {
            run = 0;
            in_conflicts = false;
        }
        line = next;
    }
    if run != 0 { len - run } else { len - cutoff }
}

/// The position of the token's separator in a line, if the line starts with a token:
/// ASCII letters, digits and `-`, then optional spaces or tabs. `Some(0)` is a line
/// starting with the separator, which is no trailer either.
fn find_separator(line: &[u8]) -> Option<usize> {
    let mut whitespace_found = false;
    for (i, &c) in line.iter().enumerate() {
        if SEPARATORS.contains(&c) {
            return Some(i);
        }
        if !whitespace_found && (c.is_ascii_alphanumeric() || c == b'-') {
            continue;
        }
        if i != 0 && (c == b' ' || c == b'\t') {
            whitespace_found = true;
            continue;
        }
        break;
    }
    None
}

/// Where the trailer block starts in `buf[..len]`, or `len` when there is none.
fn trailer_block_start(buf: &[u8], len: usize) -> usize {
    // The first paragraph is the title and cannot be trailers.
    let mut end_of_title = 0;
    while end_of_title < len {
        if buf[end_of_title] != COMMENT && is_blank_line(buf, end_of_title) {
            break;
        }
        end_of_title = next_line(buf, end_of_title);
    }

    // From the end, find a blank line above a group of lines that are all trailers, or
    // that hold a git-generated trailer and are at least a quarter trailers.
    let mut only_spaces = true;
    let mut recognised_prefix = false;
    let mut trailer_lines = 0usize;
    let mut non_trailer_lines = 0usize;
    // Indented lines seen since the last trailer: continuations if a trailer comes
    // next, non-trailers otherwise.
    let mut possible_continuations = 0usize;
    let mut cursor = last_line(buf, len);
    while let Some(line) = cursor.filter(|&l| l >= end_of_title) {
        cursor = last_line(buf, line);
        let bytes = &buf[line..];
        if bytes.first() == Some(&COMMENT) {
            non_trailer_lines += possible_continuations;
            possible_continuations = 0;
            continue;
        }
        if is_blank_line(buf, line) {
            if only_spaces {
                continue;
            }
            non_trailer_lines += possible_continuations;
            let block = next_line(buf, line);
            if recognised_prefix && trailer_lines * 3 >= non_trailer_lines {
                return block;
            }
            if trailer_lines > 0 && non_trailer_lines == 0 {
                return block;
            }
            return len;
        }
        only_spaces = false;
        let starts_with_space = bytes.first().is_some_and(|&b| is_space(b));
        if GIT_GENERATED_PREFIXES.iter().any(|p| bytes.starts_with(p)) {
            trailer_lines += 1;
            possible_continuations = 0;
            recognised_prefix = true;
        } else if find_separator(bytes).is_some_and(|at| at >= 1) && !starts_with_space {
            trailer_lines += 1;
            possible_continuations = 0;
        } else if starts_with_space {
            possible_continuations += 1;
        } else {
            non_trailer_lines += 1 + possible_continuations;
            possible_continuations = 0;
        }
    }
    len
}

/// The lines of a trailer block, each with its newline, indented lines joined to the
/// trailer above them.
fn block_lines(block: &[u8]) -> Vec<Vec<u8>> {
    let mut lines: Vec<Vec<u8>> = Vec::new();
    // Whether the last line pushed is a trailer that can take a continuation.
    let mut open = false;
    let mut start = 0;
    while start < block.len() {
        let end = next_line(block, start);
        let line = &block[start..end];
        start = end;
        if open
            && line.first().is_some_and(|&b| is_space(b))
            && let Some(last) = lines.last_mut()
        {
            last.extend_from_slice(line);
            continue;
        }
        open = find_separator(line).is_some_and(|at| at >= 1);
        lines.push(line.to_vec());
    }
    lines
}

/// Joins continuation lines with single spaces.
fn unfold(value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len());
    let mut i = 0;
    while i < value.len() {
        let c = value[i];
        i += 1;
        if c == b'\n' {
            while i < value.len() && is_space(value[i]) {
                i += 1;
            }
            out.push(b' ');
        } else {
            out.push(c);
        }
    }
    trim(&out).to_vec()
}

#[cfg(test)]
mod tests;
