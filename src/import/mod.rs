//! Bringing the spreadsheets organisations really have into the register: a risk
//! register, a Statement of Applicability, an AI system inventory.
//!
//! Reading ([`read`]) turns a CSV file (any delimiter, UTF-8, UTF-16 or Windows-1252)
//! or a workbook (`.xlsx`, `.ods`, `.xls`) into a [`Table`]: the sheet with a header
//! row, found under titles and group headers, with the row numbers the user sees.
//! [`limits`] bounds what is read before anything is allocated for it. Planning
//! ([`plan`]) recognises the columns ([`columns`]), turns values into the register's
//! ids, levels and dates ([`values`], [`spellings`], [`dates`]), and builds every file
//! the import would write, checked exactly as loading would check it, with every row
//! it cannot import and why. Writing ([`write::write`]) puts all the files in place or
//! none. Nothing here prints, reads the clock or the environment.

mod book;
mod choices;
mod columns;
mod content;
mod controls;
mod created;
mod dates;
mod delimited;
mod hints;
mod ids;
mod limits;
mod ods;
mod plan;
mod read;
mod risks;
mod spellings;
mod systems;
mod table;
mod treatment;
mod value_map;
mod values;
mod vocabulary;
mod write;
mod xlsx;
mod xlsx_sheet;
mod xml;

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use chrono::NaiveDate;

pub use columns::How;
pub use plan::{
    Action, Change, ColumnReport, Creation, Outcome, Plan, Rejected, Summary, ValueReport,
};
pub use read::{ReadOptions, SheetChoice, Source};
pub use table::{Cell, Table};
pub use write::write;

use columns::ColumnMap;
use dates::DayMonth;
use value_map::{Create, ValueMap};
use values::Resolver;

use crate::criteria::Scoring;
use crate::model::Kind;
use crate::register::Register;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read `{path}`: {message}")]
    Read { path: String, message: String },
    #[error(
        "`{path}`{}: {message}\nhint: aims imports sheets of up to {} rows and {} columns, with at most {} characters in a cell; remove what lies outside the table",
        sheet.as_ref().map(|s| format!(", sheet `{s}`")).unwrap_or_default(),
        limits::MAX_ROWS, limits::MAX_COLUMNS, limits::MAX_CELL_CHARS
    )]
    TooLarge {
        path: String,
        sheet: Option<String>,
        message: String,
    },
    #[error(
        "`{path}` has no sheet `{given}`\nhint: its sheets are {}; choose one with --sheet NAME or --sheet N",
        quoted(sheets)
    )]
    NoSuchSheet {
        path: String,
        given: String,
        sheets: Vec<String>,
    },
    #[error(
        "no header row in {place}: none of the first {} rows has two column names aims recognises\nhint: give the header row with --header-row N, and name columns with --map \"COLUMN=field\"",
        table::HEADER_SEARCH_ROWS
    )]
    NoHeader { place: String },
    #[error(
        "{place} has no rows under its header (row {row})\nhint: if the header is elsewhere, give it with --header-row N"
    )]
    NoRows { place: String, row: u32 },
    #[error("`--{flag} {given}`: {problem}")]
    Option {
        flag: &'static str,
        given: String,
        problem: String,
    },
    #[error(
        "`--map {given}`: the sheet has no column `{column}`\nhint: its columns are {}",
        quoted(columns)
    )]
    NoSuchColumn {
        given: String,
        column: String,
        columns: Vec<String>,
    },
    #[error(
        "--update needs an id column to match the sheet's rows to the register\nhint: map the column of ids with --map \"COLUMN=id\""
    )]
    UpdateWithoutId,
    #[error("`{path}` cannot take the roles and categories to create: {problem}")]
    Config { path: String, problem: String },
    #[error("cannot write `{path}`: {source}; nothing was imported")]
    Write { path: String, source: io::Error },
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Risks,
    Controls,
    Systems,
}

impl What {
    pub fn noun(self) -> &'static str {
        match self {
            What::Risks => "a risk",
            What::Controls => "an SoA decision",
            What::Systems => "a system",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            What::Risks => "risks",
            What::Controls => "controls",
            What::Systems => "systems",
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            What::Risks => Kind::Risk,
            What::Controls => Kind::Control,
            What::Systems => Kind::System,
        }
    }

    /// What `--create-missing` may create for this import.
    fn creatable(self) -> &'static [&'static str] {
        match self {
            What::Risks => &["systems", "roles", "categories"],
            What::Controls | What::Systems => &["roles"],
        }
    }
}

/// The options of an import as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub maps: Vec<String>,
    pub values: Vec<String>,
    pub defaults: Vec<String>,
    pub create_missing: Vec<String>,
    pub sheet: Option<String>,
    pub header_row: Option<u32>,
    pub delimiter: Option<String>,
    pub encoding: Option<String>,
    pub date_format: Option<String>,
    pub update: bool,
}

/// The options, checked and resolved.
#[derive(Debug, Clone)]
pub struct Request {
    pub what: What,
    pub maps: Vec<ColumnMap>,
    pub values: ValueMap,
    pub defaults: BTreeMap<&'static str, String>,
    pub create: Create,
    pub read: ReadOptions,
    pub date_format: Option<DayMonth>,
    pub update: bool,
    /// The date imported risks are identified on when the sheet does not say, and
    /// that decides whether a review date is past or next.
    pub today: NaiveDate,
}

impl Request {
    pub fn new(what: What, options: &Options, today: NaiveDate) -> Result<Request, ImportError> {
        let bad = |flag: &'static str, given: &str, problem: String| ImportError::Option {
            flag,
            given: given.to_string(),
            problem,
        };
        let field = |name: &str| -> Option<&'static str> {
            let name = name.trim().to_lowercase();
            let name = match name.as_str() {
                "system" => "systems",
                "impact" | "severity" => "consequence",
                other => other,
            };
            vocabulary::fields(what)
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.name)
        };
        let maps = options
            .maps
            .iter()
            .map(|m| {
                columns::parse_map(what, m).map_err(|p| {
                    bad(
                        "map",
                        m,
                        format!(
                            "{p}\nhint: the fields are {}",
                            columns::map_targets(what).join(", ")
                        ),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut values = ValueMap::default();
        for v in &options.values {
            values.add(v, field).map_err(|p| {
                let fields: Vec<&str> = vocabulary::fields(what).iter().map(|f| f.name).collect();
                bad(
                    "value",
                    v,
                    format!("{p}\nhint: the fields are {}", fields.join(", ")),
                )
            })?;
        }
        let mut defaults = BTreeMap::new();
        for d in &options.defaults {
            let (name, value) = d.split_once('=').ok_or_else(|| {
                bad(
                    "default",
                    d,
                    "write FIELD=VALUE, e.g. system=credit-scoring".into(),
                )
            })?;
            let f = field(name).ok_or_else(|| {
                let fields: Vec<&str> = vocabulary::fields(what).iter().map(|f| f.name).collect();
                bad(
                    "default",
                    d,
                    format!(
                        "`{}` is not a field of {}\nhint: the fields are {}",
                        name.trim(),
                        what.noun(),
                        fields.join(", ")
                    ),
                )
            })?;
            defaults.insert(f, value.trim().to_string());
        }
        let create = Create::parse(&options.create_missing, what.creatable())
            .map_err(|p| bad("create-missing", &options.create_missing.join(","), p))?;
        let delimiter = options
            .delimiter
            .as_deref()
            .map(|d| {
                delimited::parse_delimiter(d)
                    .ok_or_else(|| bad("delimiter", d, "give one character, or `tab`".into()))
            })
            .transpose()?;
        let encoding = options
            .encoding
            .as_deref()
            .map(|e| {
                encoding_rs::Encoding::for_label(e.trim().as_bytes()).ok_or_else(|| {
                    bad(
                        "encoding",
                        e,
                        "not an encoding; e.g. utf-8, utf-16, windows-1252, iso-8859-1".into(),
                    )
                })
            })
            .transpose()?;
        let date_format = options
            .date_format
            .as_deref()
            .map(|f| {
                DayMonth::parse(f)
                    .ok_or_else(|| bad("date-format", f, "write DD/MM/YYYY or MM/DD/YYYY".into()))
            })
            .transpose()?;
        if options.header_row == Some(0) {
            return Err(bad("header-row", "0", "rows are numbered from 1".into()));
        }
        Ok(Request {
            what,
            maps,
            values,
            defaults,
            create,
            read: ReadOptions {
                sheet: options.sheet.as_deref().map(read::sheet_choice),
                header_row: options.header_row,
                delimiter,
                encoding,
            },
            date_format,
            update: options.update,
            today,
        })
    }

    /// Whether a header names something this import reads: a field of its
    /// vocabulary, or a column `--map` names.
    pub fn recognises(&self, header: &str) -> bool {
        columns::recognise(self.what, header).is_some()
            || self
                .maps
                .iter()
                .any(|m| columns::find_column(&[header.to_string()], &m.column).is_some())
    }
}

/// Reads the table to import from `path`.
pub fn read(path: &Path, request: &Request) -> Result<(Source, Table), ImportError> {
    read::read(path, &request.read, &|h| request.recognises(h))
}

/// Plans the import of `table`: every file it would write, every row it cannot
/// import with its reasons.
pub fn plan(
    request: &Request,
    path: &Path,
    source: Source,
    table: &Table,
    register: &Register,
    scoring: &Scoring,
) -> Result<Plan, ImportError> {
    for map in &request.maps {
        if columns::find_column(&table.headers, &map.column).is_none() {
            return Err(ImportError::NoSuchColumn {
                given: map.given.clone(),
                column: map.column.clone(),
                columns: table.headers.clone(),
            });
        }
    }
    let columns = columns::resolve(request.what, &table.headers, &request.maps);
    if request.update
        && columns::column_of(&columns, "id").is_none()
        && !(request.what == What::Systems && columns::column_of(&columns, "name").is_some())
    {
        return Err(ImportError::UpdateWithoutId);
    }
    // The categories a row may name are the read model's: built-in and the register's.
    let view = crate::view::View::new(register, request.today);
    let mut values = Resolver::new(
        register,
        &view.categories,
        scoring,
        &request.values,
        request.create,
    );
    let planned = match request.what {
        What::Risks => risks::plan(request, table, columns, &mut values, register, scoring),
        What::Controls => controls::plan(request, table, columns, &mut values, register),
        What::Systems => systems::plan(request, table, columns, &mut values, register),
    };
    plan::finish(request.what.name(), source, planned, values, register, path)
}

/// The rows a plan cannot import, as CSV beside the input: the sheet's header and
/// cells, then `aims row` and `aims reasons` (which a later import ignores).
pub fn rejected_csv(table: &Table, plan: &Plan) -> Option<Vec<u8>> {
    if plan.rejected.is_empty() {
        return None;
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header = table.headers.clone();
    header.extend([REJECTED_ROW.to_string(), REJECTED_REASONS.to_string()]);
    writer.write_record(&header).ok()?;
    for rejected in &plan.rejected {
        let row = table.rows.iter().find(|r| r.number == rejected.row)?;
        let mut record: Vec<String> = (0..table.headers.len())
            .map(|i| row.get(i).text().into_owned())
            .collect();
        record.push(rejected.row.to_string());
        record.push(rejected.reasons.join("; "));
        writer.write_record(&record).ok()?;
    }
    writer.into_inner().ok()
}

/// The columns a rejected-rows file adds, ignored when it is imported again.
pub const REJECTED_ROW: &str = "aims row";
pub const REJECTED_REASONS: &str = "aims reasons";
