//! One row of `measurements/<id>.csv`: a result of monitor `<id>` (clause 9.1), with
//! the moment it speaks for, its value, where it came from and a note.
//!
//! The moment is written as an ISO 8601 date (`2026-10-31`) or date-time
//! (`2026-10-31T06:15:00Z`, with or without seconds, fraction and offset); [`Stamp`]
//! keeps it as written so that a row reads back and compares exactly as it was
//! recorded. Parsing is by hand: a register may hold a million of them.

use std::fmt;

use chrono::NaiveDate;

/// When a measurement was taken, as written: a date, and optionally the time of day
/// and the offset from UTC it was given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    pub date: NaiveDate,
    /// Milliseconds since midnight, when a time was given.
    pub time: Option<u32>,
    /// Minutes east of UTC, when an offset (or `Z`) was given.
    pub offset: Option<i16>,
}

/// Why a stamp could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDThh:mm[:ss][Z|±hh:mm])")]
pub struct StampError;

impl Stamp {
    /// A date without a time.
    pub fn day(date: NaiveDate) -> Stamp {
        Stamp {
            date,
            time: None,
            offset: None,
        }
    }

    /// Reads `2026-10-31`, `2026-10-31T06:15`, `2026-10-31T06:15:00.250Z` or
    /// `2026-10-31 06:15:00+02:00`.
    pub fn parse(text: &str) -> Result<Stamp, StampError> {
        let b = text.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(StampError);
        }
        let year = digits(&b[0..4])?;
        let month = digits(&b[5..7])?;
        let day = digits(&b[8..10])?;
        let date = i32::try_from(year)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
            .ok_or(StampError)?;
        let rest = &b[10..];
        if rest.is_empty() {
            return Ok(Stamp::day(date));
        }
        if !matches!(rest[0], b'T' | b't' | b' ') || rest.len() < 6 || rest[3] != b':' {
            return Err(StampError);
        }
        let hours = digits(&rest[1..3])?;
        let minutes = digits(&rest[4..6])?;
        let mut i = 6;
        let mut seconds = 0;
        let mut millis = 0;
        if rest.get(i) == Some(&b':') {
            seconds = digits(rest.get(i + 1..i + 3).ok_or(StampError)?)?;
            i += 3;
            if rest.get(i) == Some(&b'.') {
                let start = i + 1;
                let mut end = start;
                while rest.get(end).is_some_and(u8::is_ascii_digit) {
                    end += 1;
                }
                if end == start || end - start > 9 {
                    return Err(StampError);
                }
                // Milliseconds: what a pipeline's clock means; finer digits are dropped.
                let fraction = &rest[start..end];
                millis = (0..3).fold(0, |n, k| {
                    n * 10 + fraction.get(k).map_or(0, |d| u32::from(d - b'0'))
                });
                i = end;
            }
        }
        if hours > 23 || minutes > 59 || seconds > 59 {
            return Err(StampError);
        }
        let offset = match &rest[i..] {
            [] => None,
            [b'Z' | b'z'] => Some(0),
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2]
            | [sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
                let h = digits(&[*h1, *h2])?;
                let m = digits(&[*m1, *m2])?;
                if h > 23 || m > 59 {
                    return Err(StampError);
                }
                let minutes = i16::try_from(h * 60 + m).map_err(|_| StampError)?;
                Some(if *sign == b'-' { -minutes } else { minutes })
            }
            _ => return Err(StampError),
        };
        Ok(Stamp {
            date,
            time: Some(((hours * 60 + minutes) * 60 + seconds) * 1000 + millis),
            offset,
        })
    }
}

fn digits(b: &[u8]) -> Result<u32, StampError> {
    let mut n = 0u32;
    for &d in b {
        if !d.is_ascii_digit() {
            return Err(StampError);
        }
        n = n * 10 + u32::from(d - b'0');
    }
    Ok(n)
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date.format("%Y-%m-%d"))?;
        let Some(time) = self.time else {
            return Ok(());
        };
        let (seconds, millis) = (time / 1000, time % 1000);
        write!(
            f,
            "T{:02}:{:02}:{:02}",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        )?;
        if millis > 0 {
            write!(f, ".{millis:03}")?;
        }
        match self.offset {
            None => Ok(()),
            Some(0) => f.write_str("Z"),
            Some(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
            }
        }
    }
}

/// One measurement of a monitor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measurement {
    pub at: Stamp,
    /// A finite number.
    pub value: f64,
    /// Where the value came from (`pipeline run 8812`), kept by the file the row is in.
    pub source: TextRef,
    pub note: TextRef,
    /// The 1-based line of the row in its file.
    pub line: u32,
}

/// A text field of a row, kept once for the whole file rather than one allocation per
/// row: where it stands in the file's text, or nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TextRef {
    start: u32,
    /// Zero for an empty field.
    len: u32,
}

impl TextRef {
    /// The field at `start..start + len` of a file's text; `None` past 4 GiB.
    pub fn new(start: usize, len: usize) -> Option<TextRef> {
        Some(TextRef {
            start: u32::try_from(start).ok()?,
            len: u32::try_from(len).ok()?,
        })
    }

    /// The field's text within `text`, or `None` when it is empty.
    pub fn get(self, text: &str) -> Option<&str> {
        if self.len == 0 {
            return None;
        }
        let start = self.start as usize;
        text.get(start..start + self.len as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_read_back_as_written() {
        for text in [
            "2026-10-31",
            "2026-10-31T06:15:00",
            "2026-10-31T06:15:00Z",
            "2026-10-31T06:15:00.250+02:00",
            "2026-10-31T23:59:59-05:30",
        ] {
            assert_eq!(Stamp::parse(text).expect(text).to_string(), text);
        }
        assert_eq!(
            Stamp::parse("2026-10-31 06:15")
                .expect("a space")
                .to_string(),
            "2026-10-31T06:15:00"
        );
        assert_eq!(
            Stamp::parse("2026-10-31T06:15:00.123456789+0200")
                .expect("nanoseconds")
                .to_string(),
            "2026-10-31T06:15:00.123+02:00"
        );
    }

    #[test]
    fn bad_stamps_are_refused() {
        for text in [
            "",
            "2026-13-01",
            "2026-02-30",
            "31/10/2026",
            "2026-10-31T",
            "2026-10-31T25:00",
            "2026-10-31T06:15:61",
            "2026-10-31T06:15Zx",
            "2026-10-31T06:15+2",
            "2026-10-31x",
            "2026-10-31T06:15:00.",
            "+2026-10-31",
        ] {
            assert_eq!(Stamp::parse(text), Err(StampError), "{text:?}");
        }
    }

    #[test]
    fn stamps_order_by_date_then_time() {
        let a = Stamp::parse("2026-10-31").expect("date");
        let b = Stamp::parse("2026-10-31T00:00:01").expect("time");
        let c = Stamp::parse("2026-11-01").expect("date");
        assert!(a < b && b < c);
    }
}
