//! `.xlsx` workbooks, read part by part from the zip without ever building a dense
//! grid: a sheet becomes the rows that hold something, each as wide as its last filled
//! cell, and every filled cell is checked against the limits as it is met.
//!
//! Shared strings, inline strings, numbers, booleans, errors and ISO dates are read as
//! such; a number in a cell whose style is a date format is a date (1900 or 1904
//! system); a formula cell is its cached value. Merged ranges are kept for the header
//! search.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Seek};

use chrono::NaiveDate;
use quick_xml::events::Event;
use zip::ZipArchive;

use super::book::{BookError, SheetInfo};
use super::limits::{self, MAX_CELL_CHARS, MAX_CELLS, MAX_MERGES, Overrun};
use super::table::Sheet;
use super::xlsx_sheet;
use super::xml::{self, XmlProblem, attr, local, push_text};

pub struct Xlsx {
    zip: ZipArchive<File>,
    sheets: Vec<(SheetInfo, String)>,
    strings: Strings,
    date_styles: Vec<bool>,
    date1904: bool,
}

/// The workbook's shared strings, up to the first one over the cell limit.
#[derive(Default)]
pub struct Strings {
    pub items: Vec<String>,
    /// The index of a string that was too long; reading stopped there.
    pub stopped_at: Option<usize>,
}

pub fn unreadable(part: &str, problem: XmlProblem) -> BookError {
    match problem {
        XmlProblem::Overrun(Overrun::Part) => BookError::Limit {
            sheet: None,
            message: format!(
                "part `{part}` is larger than {} MiB uncompressed",
                limits::MAX_PART_BYTES / (1024 * 1024)
            ),
        },
        XmlProblem::Overrun(Overrun::Run) => BookError::Limit {
            sheet: None,
            message: format!(
                "part `{part}` holds a run of text over {} KiB",
                limits::MAX_RUN_BYTES / 1024
            ),
        },
        XmlProblem::Malformed(m) => BookError::Unreadable(format!("`{part}`: {m}")),
    }
}

/// Opens the zip part `name`, if the workbook has it.
fn part<'a, R: Read + Seek>(
    zip: &'a mut ZipArchive<R>,
    name: &str,
) -> Result<Option<xml::Xml<zip::read::ZipFile<'a, R>>>, BookError> {
    let index = (0..zip.len()).find(|&i| {
        zip.name_for_index(i)
            .and_then(Result::ok)
            .is_some_and(|n| n.trim_start_matches('/').eq_ignore_ascii_case(name))
    });
    let Some(index) = index else {
        return Ok(None);
    };
    let file = zip
        .by_index(index)
        .map_err(|e| BookError::Unreadable(format!("`{name}`: {e}")))?;
    Ok(Some(xml::reader(file)))
}

/// Resolves a relationship target against the folder of the part that declares it.
fn resolve(base_dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base_dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for segment in target.split('/').filter(|s| !s.is_empty() && *s != ".") {
        if segment == ".." {
            parts.pop();
        } else {
            parts.push(segment);
        }
    }
    parts.join("/")
}

/// `Id -> (Type, Target)` of a relationships part.
fn relationships<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    name: &str,
) -> Result<BTreeMap<String, (String, String)>, BookError> {
    let mut map = BTreeMap::new();
    let Some(mut xml) = part(zip, name)? else {
        return Ok(map);
    };
    let mut buf = Vec::new();
    loop {
        match xml
            .read_event_into(&mut buf)
            .map_err(|e| unreadable(name, e.into()))?
        {
            Event::Start(e) if local(&e) == "Relationship" => {
                let get = |k| attr(&e, k).map_err(|p| unreadable(name, p));
                if let (Some(id), Some(kind), Some(target)) =
                    (get("Id")?, get("Type")?, get("Target")?)
                {
                    map.insert(id, (kind, target));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(map)
}

impl Xlsx {
    pub fn open(file: File) -> Result<Xlsx, BookError> {
        let mut zip = ZipArchive::new(file)
            .map_err(|e| BookError::Unreadable(format!("not a workbook: {e}")))?;
        let package = relationships(&mut zip, "_rels/.rels")?;
        let workbook_path = package
            .values()
            .find(|(kind, _)| kind.ends_with("/officeDocument"))
            .map(|(_, target)| resolve("", target))
            .unwrap_or_else(|| "xl/workbook.xml".to_string());
        let dir = workbook_path
            .rsplit_once('/')
            .map_or(String::new(), |(d, _)| d.to_string());
        let rels_name = format!(
            "{dir}/_rels/{}.rels",
            workbook_path.rsplit('/').next().unwrap_or("")
        );
        let rels = relationships(&mut zip, rels_name.trim_start_matches('/'))?;
        let target_of = |suffix: &str, default: &str| {
            rels.values()
                .find(|(kind, _)| kind.ends_with(suffix))
                .map(|(_, t)| resolve(&dir, t))
                .unwrap_or_else(|| resolve(&dir, default))
        };
        let strings_path = target_of("/sharedStrings", "sharedStrings.xml");
        let styles_path = target_of("/styles", "styles.xml");

        let (listed, date1904) = read_workbook(&mut zip, &workbook_path)?;
        let sheets = listed
            .into_iter()
            .filter_map(|(info, rid)| {
                let (_, target) = rels.get(&rid)?;
                Some((info, resolve(&dir, target)))
            })
            .collect();
        let strings = read_strings(&mut zip, &strings_path)?;
        let date_styles = read_styles(&mut zip, &styles_path)?;
        Ok(Xlsx {
            zip,
            sheets,
            strings,
            date_styles,
            date1904,
        })
    }

    pub fn sheets(&self) -> Vec<SheetInfo> {
        self.sheets.iter().map(|(info, _)| info.clone()).collect()
    }

    pub fn sheet(&mut self, index: usize) -> Result<Sheet, BookError> {
        let (info, path) = self.sheets[index].clone();
        let Some(mut xml) = part(&mut self.zip, &path)? else {
            return Err(BookError::Unreadable(format!(
                "sheet `{}` has no part `{path}`",
                info.name
            )));
        };
        xlsx_sheet::read(
            &info.name,
            &path,
            &mut xml,
            &self.strings,
            &self.date_styles,
            self.date1904,
        )
    }
}

/// Sheet names, hidden states and relationship ids, and the 1904 flag.
fn read_workbook<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    path: &str,
) -> Result<(Vec<(SheetInfo, String)>, bool), BookError> {
    let Some(mut xml) = part(zip, path)? else {
        return Err(BookError::Unreadable(format!(
            "not a workbook: no `{path}`"
        )));
    };
    let (mut sheets, mut date1904) = (Vec::new(), false);
    let mut buf = Vec::new();
    loop {
        match xml
            .read_event_into(&mut buf)
            .map_err(|e| unreadable(path, e.into()))?
        {
            Event::Start(e) if local(&e) == "workbookPr" => {
                let flag = attr(&e, "date1904").map_err(|p| unreadable(path, p))?;
                date1904 = matches!(flag.as_deref(), Some("1" | "true"));
            }
            Event::Start(e) if local(&e) == "sheet" => {
                let get = |k| attr(&e, k).map_err(|p| unreadable(path, p));
                if let (Some(name), Some(rid)) = (get("name")?, get("id")?) {
                    let hidden = get("state")?.is_some_and(|s| s != "visible");
                    sheets.push((SheetInfo { name, hidden }, rid));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok((sheets, date1904))
}

fn read_strings<R: Read + Seek>(zip: &mut ZipArchive<R>, path: &str) -> Result<Strings, BookError> {
    let mut strings = Strings::default();
    let Some(mut xml) = part(zip, path)? else {
        return Ok(strings);
    };
    let mut buf = Vec::new();
    let (mut current, mut in_si, mut in_t, mut phonetic) = (String::new(), false, false, false);
    loop {
        let event = match xml.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(e) => match XmlProblem::from(e) {
                XmlProblem::Overrun(Overrun::Run) => {
                    strings.stopped_at = Some(strings.items.len());
                    return Ok(strings);
                }
                other => return Err(unreadable(path, other)),
            },
        };
        match &event {
            Event::Start(e) => match local(e).as_str() {
                "si" => (in_si, current) = (true, String::new()),
                "t" => in_t = true,
                "rPh" => phonetic = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "si" => {
                    in_si = false;
                    if current.chars().count() > MAX_CELL_CHARS {
                        strings.stopped_at = Some(strings.items.len());
                        return Ok(strings);
                    }
                    if strings.items.len() as u64 >= MAX_CELLS {
                        return Err(BookError::Limit {
                            sheet: None,
                            message: format!(
                                "the workbook's text table holds more than {MAX_CELLS} entries"
                            ),
                        });
                    }
                    strings.items.push(std::mem::take(&mut current));
                }
                "t" => in_t = false,
                "rPh" => phonetic = false,
                _ => {}
            },
            Event::Eof => break,
            other if in_si && in_t && !phonetic => {
                push_text(other, &mut current).map_err(|p| unreadable(path, p))?;
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(strings)
}

/// For each cell style (`s="3"`), whether its number format shows a date.
fn read_styles<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    path: &str,
) -> Result<Vec<bool>, BookError> {
    let Some(mut xml) = part(zip, path)? else {
        return Ok(Vec::new());
    };
    let (mut custom, mut styles, mut in_xfs) = (BTreeMap::new(), Vec::new(), false);
    let mut buf = Vec::new();
    loop {
        match xml
            .read_event_into(&mut buf)
            .map_err(|e| unreadable(path, e.into()))?
        {
            Event::Start(e) => match local(&e).as_str() {
                "numFmt" => {
                    let id = attr(&e, "numFmtId").map_err(|p| unreadable(path, p))?;
                    let code = attr(&e, "formatCode").map_err(|p| unreadable(path, p))?;
                    if let (Some(id), Some(code)) = (id.and_then(|i| i.parse::<u32>().ok()), code) {
                        custom.insert(id, is_date_format(&code));
                    }
                }
                "cellXfs" => in_xfs = true,
                "xf" if in_xfs => {
                    if styles.len() >= MAX_MERGES {
                        return Err(unreadable(
                            path,
                            XmlProblem::Malformed("too many styles".into()),
                        ));
                    }
                    let id = attr(&e, "numFmtId")
                        .map_err(|p| unreadable(path, p))?
                        .and_then(|i| i.parse::<u32>().ok())
                        .unwrap_or(0);
                    styles.push(custom.get(&id).copied().unwrap_or_else(|| builtin_date(id)));
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_xfs = false,
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(styles)
}

/// The built-in number formats that show dates.
fn builtin_date(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// Whether a custom number format shows a date: it has a day or year part outside
/// quoted text and `[...]` sections.
pub fn is_date_format(code: &str) -> bool {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            'd' | 'D' | 'y' | 'Y' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// A spreadsheet serial day number as a date, in the 1900 (with its phantom 29
/// February) or 1904 system.
pub fn serial_date(serial: f64, date1904: bool) -> Option<NaiveDate> {
    if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let (base, days) = if date1904 {
        (NaiveDate::from_ymd_opt(1904, 1, 1)?, days)
    } else if days < 60 {
        (NaiveDate::from_ymd_opt(1899, 12, 31)?, days)
    } else {
        (NaiveDate::from_ymd_opt(1899, 12, 30)?, days)
    };
    base.checked_add_signed(chrono::TimeDelta::days(days))
}
