//! `measurements/<id>.csv`: the results of monitor `<id>`, one row per measurement,
//! appended to and never rewritten.
//!
//! ```text
//! date,value,source,note
//! 2026-09-30,2.9,pipeline run 8812,
//! 2026-10-31,5.6,pipeline run 9015,after the October retrain
//! ```
//!
//! A file is read in one pass over its bytes, line by line, without a CSV library
//! or a copy per field (a register may hold a million rows). RFC 4180 quoting is
//! understood within a line; a row never spans lines, so a row is a line and every
//! problem is reported at its line and column (`measurement-invalid`), and the rows
//! that do read are kept. A last line without a line break is not trusted: it is what
//! a write cut short leaves, and a value cut short (`0.9` of `0.91`) would read as a
//! different measurement. Whether a file belongs to a monitor, and whether a date lies
//! in the future, are judged later (`view`, `validate`), against the monitors and the
//! date of the run.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

use crate::finding::{Finding, Rule};
use crate::model::{Measurement, Stamp, TextRef};
use crate::yaml::Loc;

/// The folder of measurement files, beside the entity folders.
pub const FOLDER: &str = "measurements";

/// The columns of a measurements file, in order; the first two are required.
pub const COLUMNS: [&str; 4] = ["date", "value", "source", "note"];

/// The header `aims` writes in a new file.
pub const HEADER: &str = "date,value,source,note";

/// Files larger than this are refused unread: ten years of hourly measurements take
/// about 4 MiB.
pub const MAX_MEASUREMENT_BYTES: u64 = 64 * 1024 * 1024;

/// Whether a file name in `measurements/` names a measurements file.
pub fn is_measurement_file_name(name: &str) -> bool {
    name.ends_with(".csv")
}

/// One measurements file, as read.
#[derive(Debug, Clone)]
pub struct MeasurementFile {
    /// Relative to the register root: `measurements/<id>.csv`.
    pub path: String,
    /// The file stem: the id of the monitor it belongs to.
    pub id: String,
    /// How many columns its header names (2 to 4); `None` when the header could not
    /// be read (and then no row was).
    pub columns: Option<usize>,
    /// The rows that read, in file order.
    pub rows: Vec<Measurement>,
    /// The text fields of every row (sources and notes), one after the other: a row's
    /// [`TextRef`]s point into it.
    pub text: String,
    /// Whether the file ends with a line break (or is empty): appending to it then
    /// cannot join a new row to a line cut short.
    pub complete: bool,
    /// The 1-based number of the file's last line.
    pub lines: u32,
}

impl MeasurementFile {
    /// Where a row's value came from, when the row says.
    pub fn source(&self, row: &Measurement) -> Option<&str> {
        row.source.get(&self.text)
    }

    /// A row's note, when it has one.
    pub fn note(&self, row: &Measurement) -> Option<&str> {
        row.note.get(&self.text)
    }

    /// The path of monitor `id`'s measurements, relative to the register root.
    pub fn path_of(id: &str) -> String {
        format!("{FOLDER}/{id}.csv")
    }
}

/// Reads the text of a measurements file: its rows, and a finding for every line
/// that does not read.
pub fn parse(rel: &str, bytes: &[u8]) -> (MeasurementFile, Vec<Finding>) {
    let id = stem(rel);
    let mut file = MeasurementFile {
        path: rel.to_string(),
        id: id.to_string(),
        columns: None,
        rows: Vec::new(),
        text: String::new(),
        complete: bytes.is_empty() || bytes.ends_with(b"\n"),
        lines: 0,
    };
    let mut findings = Vec::new();
    let finding = |line: u32, column: usize, message: String| {
        Finding::new(Rule::MeasurementInvalid, rel, message)
            .at(Loc {
                line,
                column: u32::try_from(column).unwrap_or(u32::MAX),
            })
            .entity(id)
    };
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    if bytes.is_empty() {
        findings.push(
            finding(
                1,
                1,
                format!("the file is empty; a measurements file starts with the header `{HEADER}`"),
            )
            .hint("write the header line, or delete the file"),
        );
        return (file, findings);
    }
    let mut fields: Vec<(usize, Cow<'_, str>)> = Vec::with_capacity(COLUMNS.len());
    let mut start = 0;
    let mut number = 0u32;
    while start < bytes.len() {
        number = number.saturating_add(1);
        let (end, next, broken) = match memchr::memchr(b'\n', &bytes[start..]) {
            Some(i) => (start + i, start + i + 1, false),
            None => (bytes.len(), bytes.len(), true),
        };
        let raw = &bytes[start..end];
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        start = next;
        file.lines = number;
        let line = match std::str::from_utf8(raw) {
            Ok(line) => line,
            Err(e) => {
                let column = String::from_utf8_lossy(&raw[..e.valid_up_to()])
                    .chars()
                    .count()
                    + 1;
                findings.push(
                    finding(
                        number,
                        column,
                        "the line is not valid UTF-8 text".to_string(),
                    )
                    .hint("save the file as UTF-8"),
                );
                continue;
            }
        };
        let Some(columns) = file.columns else {
            if number > 1 {
                break;
            }
            match header(line) {
                Ok(columns) => file.columns = Some(columns),
                Err(at) => {
                    findings.push(
                        finding(
                            1,
                            column_of(line, at),
                            format!("the first line must be the header `{HEADER}` (or its first two or three columns); found `{line}`"),
                        )
                        .hint("no row is read until the header names the columns"),
                    );
                    return (file, findings);
                }
            }
            continue;
        };
        if line.trim().is_empty() {
            continue;
        }
        if broken {
            findings.push(
                finding(
                    number,
                    1,
                    "the last line does not end with a line break; it may have been cut short by an interrupted write, so it is not counted".to_string(),
                )
                .hint("if the row is whole, end it with a line break; if not, delete it and record the measurement again"),
            );
            break;
        }
        match row(line, columns, &mut fields) {
            Ok((at, value, source, note)) => {
                let mut keep = |field: Option<Cow<'_, str>>| {
                    let field = field.unwrap_or_default();
                    let at = TextRef::new(file.text.len(), field.len()).unwrap_or_default();
                    file.text.push_str(&field);
                    at
                };
                let (source, note) = (keep(source), keep(note));
                file.rows.push(Measurement {
                    at,
                    value,
                    source,
                    note,
                    line: number,
                });
            }
            Err((at, message)) => findings.push(finding(number, column_of(line, at), message)),
        }
    }
    if file.columns.is_none() && findings.is_empty() {
        findings.push(finding(
            1,
            1,
            format!("the file has no header; a measurements file starts with `{HEADER}`"),
        ));
    }
    (file, findings)
}

/// The number of columns a header line names, or the byte offset of the first one
/// that is not where it should be.
fn header(line: &str) -> Result<usize, usize> {
    let mut offset = 0;
    let mut count = 0;
    for (i, name) in line.split(',').enumerate() {
        if COLUMNS
            .get(i)
            .is_none_or(|expected| !name.trim().eq_ignore_ascii_case(expected))
        {
            return Err(offset);
        }
        offset += name.len() + 1;
        count = i + 1;
    }
    if count < 2 {
        Err(offset.min(line.len()))
    } else {
        Ok(count)
    }
}

type Row<'l> = (Stamp, f64, Option<Cow<'l, str>>, Option<Cow<'l, str>>);

/// One row: its stamp, value, source and note; or the byte offset and description
/// of what is wrong with it.
fn row<'l>(
    line: &'l str,
    columns: usize,
    fields: &mut Vec<(usize, Cow<'l, str>)>,
) -> Result<Row<'l>, (usize, String)> {
    split(line, fields)?;
    if let Some((at, _)) = fields.get(columns) {
        return Err((
            *at,
            format!(
                "the row has {} fields; the header names {columns} ({})",
                fields.len(),
                COLUMNS[..columns].join(", ")
            ),
        ));
    }
    let mut fields = fields.drain(..);
    let (date_at, date) = fields.next().unwrap_or((0, Cow::Borrowed("")));
    let date = date.trim_ascii();
    let at = Stamp::parse(date).map_err(|e| {
        let shown = if date.is_empty() {
            "an empty date".to_string()
        } else {
            format!("`{date}`")
        };
        (date_at, format!("{shown} is {e}"))
    })?;
    let Some((value_at, value)) = fields.next() else {
        return Err((line.len(), "the row has no value".to_string()));
    };
    let value = number(&value).map_err(|why| (value_at, why))?;
    let mut text = || fields.next().map(|(_, t)| t).and_then(trimmed);
    let source = text();
    let note = text();
    Ok((at, value, source, note))
}

/// Text without surrounding blanks, or `None` when nothing is left.
fn trimmed(text: Cow<'_, str>) -> Option<Cow<'_, str>> {
    let trimmed = text.trim_ascii();
    if trimmed.is_empty() {
        return None;
    }
    Some(match text {
        Cow::Borrowed(b) => Cow::Borrowed(b.trim_ascii()),
        Cow::Owned(o) if o.len() == o.trim_ascii().len() => Cow::Owned(o),
        Cow::Owned(o) => Cow::Owned(o.trim_ascii().to_string()),
    })
}

/// A measured value: a finite decimal number.
pub fn number(text: &str) -> Result<f64, String> {
    let text = text.trim_ascii();
    if text.is_empty() {
        return Err("the value is empty; a measurement is a number".to_string());
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!(
            "`{text}` is not a number (write a decimal number with a point, e.g. 0.91)"
        )),
    }
}

/// Splits a line into fields (byte offset, text), RFC 4180 style: a field starting
/// with a quote runs to the closing quote, with `""` standing for a quote.
pub fn split<'l>(
    line: &'l str,
    fields: &mut Vec<(usize, Cow<'l, str>)>,
) -> Result<(), (usize, String)> {
    fields.clear();
    let bytes = line.as_bytes();
    let mut at = 0;
    loop {
        if bytes.get(at) == Some(&b'"') {
            let mut text = String::new();
            let mut i = at + 1;
            loop {
                match memchr::memchr(b'"', &bytes[i..]) {
                    None => {
                        return Err((
                            at,
                            "a quoted field is not closed on its line (a row never spans lines)"
                                .to_string(),
                        ));
                    }
                    Some(q) => {
                        text.push_str(&line[i..i + q]);
                        i += q + 1;
                        if bytes.get(i) == Some(&b'"') {
                            text.push('"');
                            i += 1;
                        } else {
                            break;
                        }
                    }
                }
            }
            fields.push((at, Cow::Owned(text)));
            match bytes.get(i) {
                None => return Ok(()),
                Some(b',') => at = i + 1,
                Some(_) => {
                    return Err((
                        i,
                        "a quoted field must be followed by a comma or the end of the line"
                            .to_string(),
                    ));
                }
            }
        } else {
            match memchr::memchr(b',', &bytes[at..]) {
                Some(c) => {
                    fields.push((at, Cow::Borrowed(&line[at..at + c])));
                    at += c + 1;
                }
                None => {
                    fields.push((at, Cow::Borrowed(&line[at..])));
                    return Ok(());
                }
            }
        }
    }
}

/// The 1-based character column of a byte offset in a line.
pub fn column_of(line: &str, at: usize) -> usize {
    let at = at.min(line.len());
    line.get(..at).map_or(at, |before| before.chars().count()) + 1
}

fn stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.strip_suffix(".csv").unwrap_or(name)
}

/// Why a measurements file could not be read at all.
#[derive(Debug)]
pub enum ReadError {
    TooLarge(u64),
    NotRegular,
    Io(io::Error),
}

/// Reads a measurements file from disk, refusing special files (opening a FIFO would
/// wait forever) and files over [`MAX_MEASUREMENT_BYTES`].
pub fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    let meta = fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > MAX_MEASUREMENT_BYTES {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let file = File::open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_MEASUREMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_MEASUREMENT_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads and parses one measurements file: what the loader does for each.
pub fn load(rel: &str, path: &Path) -> (Option<MeasurementFile>, Vec<Finding>) {
    let unreadable =
        |message: String| Finding::new(Rule::FileUnreadable, rel, message).entity(stem(rel));
    match read(path) {
        Ok(bytes) => {
            let (file, findings) = parse(rel, &bytes);
            (Some(file), findings)
        }
        Err(ReadError::TooLarge(size)) => (
            None,
            vec![unreadable(format!(
                "file is {size} bytes, over the limit of {MAX_MEASUREMENT_BYTES} bytes for a measurements file; it was not read"
            ))],
        ),
        Err(ReadError::NotRegular) => (
            None,
            vec![unreadable(
                "not a regular file (a folder, a pipe or a device); it was not read".to_string(),
            )],
        ),
        Err(ReadError::Io(e)) => (None, vec![unreadable(format!("cannot read: {e}"))]),
    }
}

/// Parses the bytes of a measurements file read from a commit (`--at`).
pub fn load_bytes(rel: &str, bytes: &[u8]) -> (Option<MeasurementFile>, Vec<Finding>) {
    if bytes.len() as u64 > MAX_MEASUREMENT_BYTES {
        return (
            None,
            vec![Finding::new(
                Rule::FileUnreadable,
                rel,
                format!("file is {} bytes, over the limit of {MAX_MEASUREMENT_BYTES} bytes for a measurements file; it was not read", bytes.len()),
            )
            .entity(stem(rel))],
        );
    }
    let (file, findings) = parse(rel, bytes);
    (Some(file), findings)
}

/// A measurement about to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMeasurement {
    pub at: Stamp,
    pub value: f64,
    pub source: Option<String>,
    pub note: Option<String>,
}

/// The line of a new row for a file whose header names `columns` columns. Text
/// fields are quoted where RFC 4180 needs it, and text a spreadsheet would run as a
/// formula gets a leading `'`, so that a file opened in one shows it as text.
pub fn line(m: &NewMeasurement, columns: usize) -> String {
    let mut out = String::new();
    let _ = write!(out, "{},{}", m.at, m.value);
    for (i, text) in [&m.source, &m.note].into_iter().enumerate() {
        if columns > i + 2 {
            out.push(',');
            out.push_str(&field(text.as_deref().unwrap_or("")));
        }
    }
    out.push('\n');
    out
}

/// One text field, made safe for spreadsheets and quoted where needed. A row is one
/// line: line breaks and other control characters become spaces.
pub fn field(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let text: Cow<'_, str> = if text.starts_with(['=', '+', '-', '@']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(&text)
    };
    if text.contains([',', '"']) || text != text.trim() {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (MeasurementFile, Vec<String>) {
        let (file, findings) = parse("measurements/m.csv", text.as_bytes());
        let shown = findings
            .iter()
            .map(|f| format!("{}: {}", f.place(), f.message))
            .collect();
        (file, shown)
    }

    #[test]
    fn rows_read_with_their_lines() {
        let (file, findings) = read(
            "date,value,source,note\n2026-09-30,2.9,pipeline run 8812,\n\n2026-10-31T06:00:00Z,5.6,\"run, 9015\",\"said \"\"hi\"\"\"\r\n",
        );
        assert_eq!(findings, Vec::<String>::new());
        assert_eq!(file.columns, Some(4));
        assert_eq!(file.rows.len(), 2);
        assert_eq!(file.rows[0].line, 2);
        assert_eq!(file.source(&file.rows[0]), Some("pipeline run 8812"));
        assert_eq!(file.note(&file.rows[0]), None);
        assert_eq!(file.rows[1].line, 4);
        assert_eq!(file.rows[1].value, 5.6);
        assert_eq!(file.source(&file.rows[1]), Some("run, 9015"));
        assert_eq!(file.note(&file.rows[1]), Some("said \"hi\""));
        assert!(file.complete);
    }

    #[test]
    fn bad_rows_are_reported_at_their_field_and_the_others_kept() {
        let (file, findings) = read(
            "date,value\n2026-09-31,1\n2026-10-01,abc\n2026-10-02,NaN\n2026-10-03,2,extra\n2026-10-04,3\n2026-10-05,\"4\n",
        );
        assert_eq!(
            findings,
            [
                "measurements/m.csv:2:1: `2026-09-31` is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDThh:mm[:ss][Z|±hh:mm])",
                "measurements/m.csv:3:12: `abc` is not a number (write a decimal number with a point, e.g. 0.91)",
                "measurements/m.csv:4:12: `NaN` is not a number (write a decimal number with a point, e.g. 0.91)",
                "measurements/m.csv:5:14: the row has 3 fields; the header names 2 (date, value)",
                "measurements/m.csv:7:12: a quoted field is not closed on its line (a row never spans lines)",
            ]
        );
        assert_eq!(file.rows.len(), 1);
        assert_eq!(file.rows[0].line, 6);
    }

    #[test]
    fn a_line_cut_short_is_not_counted() {
        let (file, findings) = read("date,value\n2026-10-01,0.91\n2026-10-02,0.9");
        assert_eq!(file.rows.len(), 1);
        assert!(!file.complete);
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].starts_with(
                "measurements/m.csv:3:1: the last line does not end with a line break"
            )
        );
    }

    #[test]
    fn a_bad_header_stops_reading() {
        let (file, findings) = read("when,value\n2026-10-01,1\n");
        assert!(file.rows.is_empty());
        assert_eq!(file.columns, None);
        assert!(
            findings[0].starts_with("measurements/m.csv:1:1: the first line must be the header"),
            "{findings:?}"
        );
        let (_, findings) = read("date,value,comment\n");
        assert!(
            findings[0].starts_with("measurements/m.csv:1:12:"),
            "{findings:?}"
        );
        let (_, findings) = read("");
        assert!(findings[0].contains("the file is empty"));
        let (_, findings) = read("date\n");
        assert!(
            findings[0].starts_with("measurements/m.csv:1:"),
            "{findings:?}"
        );
    }

    #[test]
    fn new_rows_read_back_as_written() {
        let m = NewMeasurement {
            at: Stamp::parse("2026-10-31T06:00:00Z").expect("stamp"),
            value: -0.125,
            source: Some("=HYPERLINK(\"x\")".to_string()),
            note: Some("after the retrain, v4".to_string()),
        };
        let text = format!("{HEADER}\n{}", line(&m, 4));
        let (file, findings) = read(&text);
        assert!(findings.is_empty(), "{findings:?}");
        let row = &file.rows[0];
        assert_eq!(row.at, m.at);
        assert_eq!(row.value, -0.125);
        assert_eq!(file.source(row), Some("'=HYPERLINK(\"x\")"));
        assert_eq!(file.note(row), Some("after the retrain, v4"));
        assert_eq!(line(&m, 2), "2026-10-31T06:00:00Z,-0.125\n");
    }
}
