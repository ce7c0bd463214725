//! CSV files as spreadsheet programs write them: UTF-8 with or without a byte order
//! mark, UTF-16 with one, or the Windows code page; separated by `,`, `;` (much of
//! Europe), tabs or `|`.
//!
//! The encoding is taken from a byte order mark, else UTF-8 when the bytes are valid
//! UTF-8, else Windows-1252, which is said (or from `--encoding`). The delimiter is the
//! candidate that splits the first lines into the same number of fields most often
//! (or `--delimiter`). Rows are numbered as a spreadsheet program shows them: one row
//! per record, blank lines included.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::limits::{self, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS};
use super::table::{Cell, Sheet, SheetRow};

/// What reading a CSV file found out about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name, e.g. `UTF-8`, `windows-1252`.
    pub encoding: &'static str,
    /// Whether the encoding was a fallback the user should hear about.
    pub guessed: bool,
}

/// Decodes `bytes`: with `forced` when given, else by byte order mark, else UTF-8 when
/// valid, else Windows-1252.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Decoded {
    let (bom, rest) = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => (Some(UTF_8), rest),
        [0xFF, 0xFE, rest @ ..] => (Some(UTF_16LE), rest),
        [0xFE, 0xFF, rest @ ..] => (Some(UTF_16BE), rest),
        _ => (None, bytes),
    };
    let (encoding, input, guessed) = match (forced, bom) {
        (Some(f), Some(b)) if f == b => (f, rest, false),
        (Some(f), _) => (f, bytes, false),
        (None, Some(b)) => (b, rest, false),
        (None, None) if std::str::from_utf8(bytes).is_ok() => (UTF_8, bytes, false),
        (None, None) => (WINDOWS_1252, bytes, true),
    };
    let (text, _) = encoding.decode_without_bom_handling(input);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        guessed,
    }
}

/// The candidate delimiters, in order of preference when they tie.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The delimiter that splits the first lines most consistently into more than one
/// field; `,` when nothing does.
pub fn sniff(text: &str) -> u8 {
    let sample: String = text.lines().take(30).collect::<Vec<_>>().join("\n");
    let mut best = (b',', 0usize, 0usize);
    for delimiter in DELIMITERS {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(sample.as_bytes());
        let mut counts: Vec<usize> = reader
            .records()
            .map_while(Result::ok)
            .map(|r| r.len())
            .filter(|&n| n > 1)
            .collect();
        counts.sort_unstable();
        // The most frequent width, and how many lines have it.
        let (mut mode, mut freq) = (0, 0);
        for chunk in counts.chunk_by(|a, b| a == b) {
            if chunk.len() > freq || (chunk.len() == freq && chunk[0] > mode) {
                (mode, freq) = (chunk[0], chunk.len());
            }
        }
        if (freq, mode) > (best.1, best.2) {
            best = (delimiter, freq, mode);
        }
    }
    best.0
}

/// A problem reading the records of a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvProblem {
    Syntax(String),
    /// The row and column of a cell outside the limits, or too large.
    Limit(String),
}

/// Splits decoded text into a sheet of text cells, numbered as a spreadsheet shows them.
pub fn parse(text: &str, delimiter: u8) -> Result<Sheet, CsvProblem> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // A spreadsheet program shows one row per record and per blank line: a record's
    // row is the previous record's plus the line ends between their starts, less the
    // line ends inside the previous record's quoted fields.
    let bytes = text.as_bytes();
    let (mut number, mut previous_start, mut inner) = (0u64, 0usize, 0u64);
    for record in reader.records() {
        let record = record.map_err(|e| CsvProblem::Syntax(e.to_string()))?;
        // The reader's position is where it started reading: before blank lines.
        let mut start = record
            .position()
            .map_or(previous_start, |p| p.byte() as usize)
            .clamp(previous_start, bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
            start += 1;
        }
        let between = memchr::memchr_iter(b'\n', &bytes[previous_start..start]).count() as u64;
        number = if number == 0 {
            1 + between
        } else {
            number + between.saturating_sub(inner).max(1)
        };
        previous_start = start;
        inner = record
            .iter()
            .map(|f| memchr::memchr_iter(b'\n', f.as_bytes()).count() as u64)
            .sum();
        let fields: Vec<&str> = record.iter().collect();
        let last_filled = fields.iter().rposition(|f| !f.trim().is_empty());
        let Some(last_filled) = last_filled else {
            continue;
        };
        if !limits::within(last_filled as u64, number) {
            let column = (last_filled as u64).min(u64::from(u32::MAX)) as u32;
            let row = number.min(u64::from(u32::MAX)) as u32;
            return Err(CsvProblem::Limit(limits::position_message(
                &limits::cell_name(column.min(MAX_COLUMNS), row.min(MAX_ROWS + 1)),
            )));
        }
        let mut cells = Vec::with_capacity(last_filled + 1);
        for (column, field) in fields.iter().take(last_filled + 1).enumerate() {
            if field.len() > MAX_CELL_CHARS && field.chars().count() > MAX_CELL_CHARS {
                return Err(CsvProblem::Limit(limits::cell_size_message(
                    &limits::cell_name(column as u32, number as u32),
                )));
            }
            cells.push(if field.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(field.to_string())
            });
        }
        rows.push(SheetRow {
            number: number as u32,
            cells,
        });
    }
    Ok(Sheet {
        name: String::new(),
        rows,
        merges: Vec::new(),
    })
}

/// The delimiter as users write it: `,`, `;`, `tab` or `\t`, `|`, or any one ASCII
/// character.
pub fn parse_delimiter(given: &str) -> Option<u8> {
    match given {
        "tab" | "\\t" | "\t" | "TAB" => Some(b'\t'),
        s if s.len() == 1 && s.is_ascii() && s != "\"" => Some(s.as_bytes()[0]),
        _ => None,
    }
}

/// How a delimiter is shown in messages.
pub fn delimiter_name(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "tab".to_string(),
        d => (d as char).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_follow_the_byte_order_mark_then_utf8_then_windows_1252() {
        let utf8 = decode("\u{feff}Catégorie".as_bytes(), None);
        assert_eq!(
            (utf8.text.as_str(), utf8.encoding, utf8.guessed),
            ("Catégorie", "UTF-8", false)
        );
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Tür".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&utf16, None).text, "Tür");
        let cp1252 = decode(b"Cat\xe9gorie \x80", None);
        assert_eq!(cp1252.text, "Catégorie €");
        assert!(cp1252.guessed);
        let forced = decode("Catégorie".as_bytes(), Some(WINDOWS_1252));
        assert_eq!(forced.text, "CatÃ©gorie");
    }

    #[test]
    fn the_delimiter_is_the_one_that_splits_lines_alike() {
        assert_eq!(sniff("a;b;c\n1;2,5;3\n4;5;6\n"), b';');
        assert_eq!(sniff("a,b,c\n1,\"2;3\",4\n"), b',');
        assert_eq!(sniff("a\tb\n1\t2\n"), b'\t');
        assert_eq!(sniff("title only\n\na|b|c\n1|2|3\n"), b'|');
        assert_eq!(sniff("one\n"), b',');
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let sheet = parse("Register\n\nId,Title\n1,\"two\nlines\"\n2,x\n", b',').expect("parses");
        let numbers: Vec<u32> = sheet.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 3, 4, 5]);
    }
}
