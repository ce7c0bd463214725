//! How much of a spreadsheet `aims import` is willing to read, checked before anything
//! is allocated for it.
//!
//! A workbook is a zip of XML parts, and a few hundred bytes of it can claim a cell at
//! `XFD1048576` or expand into gigabytes of text. The readers therefore never size
//! anything from what a file declares: every part is read through [`Bounded`], which
//! stops at [`MAX_PART_BYTES`] and at any run of text longer than [`MAX_RUN_BYTES`]
//! (so one huge cell fails after a megabyte, not after gigabytes), and every filled
//! cell's position is checked against [`MAX_ROWS`], [`MAX_COLUMNS`] and [`MAX_CELLS`]
//! as it is met. Errors name the sheet and the cell.

use std::io::{self, Read};

/// The largest input file read at all (CSV or workbook), in bytes.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;
/// The largest part of a workbook (one sheet's XML, the shared strings), uncompressed.
pub const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;
/// The last row a filled cell may be on.
pub const MAX_ROWS: u32 = 100_000;
/// The last column a filled cell may be in (column `AMJ`).
pub const MAX_COLUMNS: u32 = 1_024;
/// The most cells a sheet may span: the sum, over its rows, of the columns up to the
/// row's last filled cell.
pub const MAX_CELLS: u64 = 4_000_000;
/// The most characters one cell may hold: Excel's own limit.
pub const MAX_CELL_CHARS: usize = 32_767;
/// The longest run of XML between two tags: a cell of [`MAX_CELL_CHARS`] characters,
/// each written as a long entity, fits with room to spare.
pub const MAX_RUN_BYTES: u64 = 1024 * 1024;
/// The most merged ranges a sheet may declare.
pub const MAX_MERGES: usize = 100_000;

/// Why a part of a workbook was not read to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overrun {
    /// The part is larger than [`MAX_PART_BYTES`].
    Part,
    /// A run of text between two tags is longer than [`MAX_RUN_BYTES`]: one cell too
    /// large, or a tag that is not a spreadsheet's.
    Run,
}

/// The marker carried inside the `io::Error` a [`Bounded`] reader returns, so that a
/// parser's error can be traced back to the limit that stopped it.
#[derive(Debug)]
pub struct OverrunError(pub Overrun);

impl std::fmt::Display for OverrunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Overrun::Part => write!(f, "part larger than {MAX_PART_BYTES} bytes"),
            Overrun::Run => write!(f, "text run longer than {MAX_RUN_BYTES} bytes"),
        }
    }
}

impl std::error::Error for OverrunError {}

/// A reader that fails once it has produced more than [`MAX_PART_BYTES`], or a run of
/// more than [`MAX_RUN_BYTES`] without a `<`.
pub struct Bounded<R> {
    inner: R,
    total: u64,
    run: u64,
}

impl<R: Read> Bounded<R> {
    pub fn new(inner: R) -> Bounded<R> {
        Bounded {
            inner,
            total: 0,
            run: 0,
        }
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // Read a little at a time near the limits, so the error comes at the limit.
        let room = (MAX_RUN_BYTES + 1 - self.run.min(MAX_RUN_BYTES)) as usize;
        let want = buf.len().min(room.max(1)).min(64 * 1024);
        let n = self.inner.read(&mut buf[..want])?;
        self.total += n as u64;
        if self.total > MAX_PART_BYTES {
            return Err(io::Error::other(OverrunError(Overrun::Part)));
        }
        match memchr::memrchr(b'<', &buf[..n]) {
            Some(at) => self.run = (n - at - 1) as u64,
            None => self.run += n as u64,
        }
        if self.run > MAX_RUN_BYTES {
            return Err(io::Error::other(OverrunError(Overrun::Run)));
        }
        Ok(n)
    }
}

/// The spreadsheet name of a column: 0 is `A`, 26 is `AA`.
pub fn column_letter(index: u32) -> String {
    let mut n = index as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// A cell's name, `B7`, from its 0-based column and 1-based row.
pub fn cell_name(column: u32, row: u32) -> String {
    format!("{}{row}", column_letter(column))
}

/// Parses a cell reference such as `XFD1048576` into (0-based column, 1-based row),
/// without limits: the caller judges the position.
pub fn parse_cell(reference: &str) -> Option<(u64, u64)> {
    let reference = reference.trim_start_matches('$');
    let split = reference.find(|c: char| !c.is_ascii_alphabetic())?;
    let (letters, digits) = reference.split_at(split);
    let digits = digits.trim_start_matches('$');
    if letters.is_empty() || letters.len() > 4 || digits.is_empty() || digits.len() > 10 {
        return None;
    }
    let mut column: u64 = 0;
    for c in letters.bytes() {
        column = column * 26 + u64::from(c.to_ascii_uppercase() - b'A' + 1);
    }
    let row: u64 = digits.parse().ok()?;
    (row > 0).then_some((column - 1, row))
}

/// Whether a filled cell at this position is inside the limits.
pub fn within(column: u64, row: u64) -> bool {
    column < u64::from(MAX_COLUMNS) && row <= u64::from(MAX_ROWS)
}

/// What the message about a cell outside the limits says.
pub fn position_message(cell: &str) -> String {
    format!(
        "cell `{cell}` is beyond what aims imports ({MAX_ROWS} rows, {MAX_COLUMNS} columns up to `{}`)",
        column_letter(MAX_COLUMNS - 1)
    )
}

/// What the message about a cell with too much text says.
pub fn cell_size_message(cell: &str) -> String {
    format!("cell `{cell}` holds more than {MAX_CELL_CHARS} characters, the most a cell can hold")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_round_trip() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(16_383), "XFD");
        assert_eq!(parse_cell("XFD1048576"), Some((16_383, 1_048_576)));
        assert_eq!(parse_cell("$B$7"), Some((1, 7)));
        assert_eq!(parse_cell("B0"), None);
        assert_eq!(parse_cell("7"), None);
        assert!(within(0, 1));
        assert!(!within(16_383, 1));
        assert!(!within(0, 1_048_576));
    }

    #[test]
    fn a_bounded_reader_stops_at_a_long_run() {
        let long = vec![b'a'; (MAX_RUN_BYTES + 10) as usize];
        let mut reader = Bounded::new(&long[..]);
        let mut sink = Vec::new();
        let error = reader.read_to_end(&mut sink).expect_err("stops");
        let inner = error
            .get_ref()
            .and_then(|e| e.downcast_ref::<OverrunError>());
        assert!(matches!(inner, Some(OverrunError(Overrun::Run))), "{error}");
        assert!(sink.len() as u64 <= MAX_RUN_BYTES + 1);

        let tags = b"<a>x</a>".repeat(1000);
        let mut reader = Bounded::new(&tags[..]);
        let mut sink = Vec::new();
        reader.read_to_end(&mut sink).expect("short runs pass");
        assert_eq!(sink, tags);
    }
}
