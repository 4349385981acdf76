//! Importing registries from CSV and `.xlsx` files, all or nothing: a file with
//! any bad row yields [`ImportError::Rejected`] listing **every** problem with
//! its file, line, column, value and reason.

pub mod apply;
pub mod columns;
mod hints;
pub mod limits;
pub(crate) mod messages;
pub(crate) mod reasons;
pub mod results;
mod rows;
#[cfg(feature = "sqlite")]
pub mod several;
pub(crate) mod streamed;
pub mod table;

use crate::core::registry::{Entity, Item, Officer, Recusal, Registries, RegistryKind};
use chrono::NaiveDate;
pub use rows::{parse_date, split_list};
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;
pub(crate) use streamed::{csv_uscc_cells, parse_csv_streamed};
pub use table::{
    SheetChoice, Table, TextEncoding, read_csv_bytes, read_table, read_table_sheet,
    read_xlsx_bytes, read_xlsx_bytes_sheet,
};

/// One problem (or warning) found in a file (导入问题或警告).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// The file, as named on the command line.
    pub file: String,
    /// 1-based line (CSV) or row (xlsx); the header is line 1.
    pub line: u64,
    /// 1-based column, when the issue is about one cell.
    pub column: Option<usize>,
    /// The canonical name of that column.
    pub column_name: Option<String>,
    /// That column's header as the file writes it (shown in the text).
    pub header: Option<String>,
    /// The offending value, as written.
    pub value: String,
    /// What is wrong, as a stable machine code (`docs/IMPORT.md`);
    /// `other` for an issue made with [`Issue::new`].
    pub code: &'static str,
    /// Why it is a problem, in the language of the run.
    pub reason: String,
}

impl Issue {
    /// A new issue.
    pub fn new(
        file: &str,
        line: u64,
        column: Option<usize>,
        value: &str,
        reason: impl Into<String>,
    ) -> Self {
        Issue {
            file: file.to_string(),
            line,
            column,
            column_name: None,
            header: None,
            value: value.to_string(),
            code: "other",
            reason: reason.into(),
        }
    }

    /// A new issue for a typed reason: its code, and its text in the words
    /// installed ([`messages::set_texts`]).
    pub(crate) fn of(
        file: &str,
        line: u64,
        column: Option<usize>,
        value: &str,
        reason: reasons::Reason<'_>,
    ) -> Self {
        Issue {
            code: reason.code(),
            ..Issue::new(file, line, column, value, reasons::render_reason(reason))
        }
    }

    /// This issue about the column `name` (canonical), headed `header` in the file.
    pub(crate) fn in_column(mut self, name: &str, header: Option<&str>) -> Self {
        self.column_name = Some(name.to_string());
        self.header = header.map(str::to_string);
        self
    }
}

impl fmt::Display for Issue {
    /// `FILE:LINE:COLUMN: column "value": reason` (column 0 when the issue is
    /// about a whole row or the file; the column as the file's header writes it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: ",
            self.file,
            self.line,
            self.column.unwrap_or(0)
        )?;
        if let Some(c) = self.header.as_ref().or(self.column_name.as_ref()) {
            write!(f, "{c} ")?;
        }
        if !self.value.is_empty() || self.column_name.is_some() {
            write!(f, "{:?}: ", self.value)?;
        }
        f.write_str(&self.reason)
    }
}

/// Why an import was refused (导入错误). Nothing is stored in any of these
/// cases.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read.
    #[error("{file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The text is not in the encoding tried: every line holding bytes that
    /// are not (the first of each line, up to a few hundred), then `reason`.
    #[error("{}", encoding_text(file, reason, problems))]
    Encoding {
        /// The file.
        file: String,
        /// What is wrong, in all.
        reason: String,
        /// Where: `FILE:LINE:COLUMN` (character column) of each bad byte sequence.
        problems: Vec<Issue>,
    },
    /// A full import of a file without data rows that would empty a
    /// registry (or a department's part) holding records, without
    /// [`ImportOptions::allow_empty`]; or a file holding nothing at all.
    /// Nothing is changed.
    #[error("{file}:{line}:0: {reason}")]
    Empty {
        /// The file.
        file: String,
        /// The header's line, or 0 when there is none.
        line: u64,
        /// What is wrong and what to do.
        reason: String,
    },
    /// Which sheet of a workbook to read cannot be decided: several hold data
    /// and none was named, or the one named does not exist.
    #[error("{file}: {reason}")]
    Sheet {
        /// The file.
        file: String,
        /// What is wrong.
        reason: String,
        /// Every sheet of the workbook (with data, when several hold data
        /// and none was named).
        sheets: Vec<String>,
        /// Whether a sheet was named (`--sheet`) and not found.
        not_found: bool,
    },
    /// The file is of a kind that cannot be read.
    #[error("{file}: {reason}")]
    Unsupported {
        /// The file.
        file: String,
        /// What is wrong.
        reason: String,
    },
    /// One or more rows are bad. Displayed as the problems, one a line
    /// (the first 20), then their count.
    #[error("{}", rejected_text(problems))]
    Rejected {
        /// Every problem found.
        problems: Vec<Issue>,
        /// Warnings found along the way.
        warnings: Vec<Issue>,
    },
}

fn encoding_text(file: &str, reason: &str, problems: &[Issue]) -> String {
    let mut s = String::new();
    for p in problems.iter().take(20) {
        s.push_str(&p.to_string());
        s.push('\n');
    }
    if problems.len() > 20 {
        s.push_str(&messages::render(messages::Message::More {
            count: problems.len() - 20,
        }));
        s.push('\n');
    }
    s.push_str(&format!("{file}: {reason}"));
    s
}

impl ImportError {
    /// The `--json` error kind (`docs/CLI.md`): `rejected` (problems in
    /// rows), `unreadable` (the file cannot be read: missing, in no encoding
    /// tried, of a kind not read), `empty_file`, `several_sheets`,
    /// `sheet_not_found`.
    pub fn kind(&self) -> &'static str {
        match self {
            ImportError::Rejected { .. } => "rejected",
            ImportError::Io { .. }
            | ImportError::Encoding { .. }
            | ImportError::Unsupported { .. } => "unreadable",
            ImportError::Empty { .. } => "empty_file",
            ImportError::Sheet {
                not_found: true, ..
            } => "sheet_not_found",
            ImportError::Sheet { .. } => "several_sheets",
        }
    }

    /// One line saying what is wrong (the message of a `--json` error).
    pub fn headline(&self) -> String {
        match self {
            ImportError::Encoding { file, reason, .. } => format!("{file}: {reason}"),
            ImportError::Rejected { problems, .. } => {
                messages::render(messages::Message::RejectedHeadline {
                    count: problems.len(),
                })
            }
            e => e.to_string(),
        }
    }

    /// What a `--json` error adds besides its kind and message: `problems`
    /// of an encoding refusal (as those of a rejected file), `sheets` of a
    /// workbook whose sheet cannot be decided.
    pub fn json_details(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut m = serde_json::Map::new();
        match self {
            ImportError::Encoding { problems, .. } => {
                m.insert("problems".into(), serde_json::json!(problems));
            }
            ImportError::Sheet { sheets, .. } => {
                m.insert("sheets".into(), serde_json::json!(sheets));
            }
            _ => {}
        }
        m
    }
}

fn rejected_text(problems: &[Issue]) -> String {
    const SHOWN: usize = 20;
    let mut s = String::new();
    for p in problems.iter().take(SHOWN) {
        s.push_str(&p.to_string());
        s.push('\n');
    }
    if problems.len() > SHOWN {
        s.push_str(&messages::render(messages::Message::More {
            count: problems.len() - SHOWN,
        }));
        s.push('\n');
    }
    s.push_str(&messages::render(messages::Message::RejectedSummary {
        count: problems.len(),
    }));
    s
}

/// The usage error of `--sheet` given with a CSV file.
pub fn sheet_with_csv_message() -> String {
    messages::sheet_with_csv()
}

/// Options of an import (导入选项).
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Force a text encoding instead of detecting it.
    pub encoding: Option<TextEncoding>,
    /// USCCs accepted although their check character fails (listed legacy codes).
    pub accept_legacy: BTreeSet<String>,
    /// Only this department's items or officers (the rest of the registry stays).
    pub department: Option<String>,
    /// The date certificate expiry is judged against for warnings.
    pub today: Option<NaiveDate>,
    /// The file is an update: rows replace by key, rows with a removal
    /// `action` remove, and only the key column is required.
    pub delta: bool,
    /// A full import of a file with a header and no data rows empties a
    /// registry (or a department's part) holding records only when this is
    /// set; otherwise it is refused ([`ImportError::Empty`]). Into an empty
    /// registry such a file changes nothing and is accepted (a warning).
    pub allow_empty: bool,
    /// The sheet of a workbook to read; without it, the only sheet holding
    /// data ([`SheetChoice::OnlyWithData`]).
    pub sheet: Option<String>,
}

impl ImportOptions {
    /// The sheet to read, as these options choose it.
    pub fn sheet_choice(&self) -> SheetChoice {
        match &self.sheet {
            Some(name) => SheetChoice::Named(name.clone()),
            None => SheetChoice::OnlyWithData,
        }
    }
}

/// The records of one registry (名录记录) read from a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Records {
    /// Items.
    Items(Vec<Item>),
    /// Entities.
    Entities(Vec<Entity>),
    /// Officers.
    Officers(Vec<Officer>),
    /// Recusals.
    Recusals(Vec<Recusal>),
}

impl Records {
    /// Number of records.
    pub fn len(&self) -> usize {
        match self {
            Records::Items(v) => v.len(),
            Records::Entities(v) => v.len(),
            Records::Officers(v) => v.len(),
            Records::Recusals(v) => v.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A file read and validated (已读取并校验的名录文件).
#[derive(Debug, Clone)]
pub struct Parsed {
    /// Which registry.
    pub kind: RegistryKind,
    /// Rows to add or replace (a full import: the whole registry or department).
    pub records: Records,
    /// Keys marked for removal (updates only), with their lines.
    pub removals: Vec<(u64, String)>,
    /// Warnings: nothing wrong enough to refuse the file.
    pub warnings: Vec<Issue>,
    /// Encoding the text was read in (`None` for xlsx).
    pub encoding: Option<TextEncoding>,
    /// The workbook sheet read (`None` for CSV, and from [`parse_table`]).
    pub sheet: Option<String>,
}

/// Reads and validates a registry file. `current` is what the workspace holds
/// now: recusals are checked against its officers and entities (after any
/// update in the same file is applied by the caller).
///
/// # Errors
/// [`ImportError`]; [`ImportError::Rejected`] lists every problem.
pub fn parse_file(
    kind: RegistryKind,
    path: &Path,
    opts: &ImportOptions,
    current: &Registries,
) -> Result<Parsed, ImportError> {
    let (table, sheet) = read_table_sheet(path, opts.encoding, &opts.sheet_choice())?;
    let mut parsed = parse_table(kind, &table, &path.display().to_string(), opts, current)?;
    parsed.sheet = sheet;
    Ok(parsed)
}

/// Refuses a full import without data rows that would remove records (the
/// registry, or the department's part, holds some now) unless
/// [`ImportOptions::allow_empty`] is set (see [`ImportError::Empty`]).
fn check_not_empty(
    kind: RegistryKind,
    table: &Table,
    file: &str,
    opts: &ImportOptions,
    current: &Registries,
) -> Result<(), ImportError> {
    if opts.delta || opts.allow_empty || !table.rows.is_empty() {
        return Ok(());
    }
    let dept = opts.department.as_deref();
    let records_now = match (kind, dept) {
        (RegistryKind::Items, Some(d)) => {
            current.items.iter().filter(|i| i.department == d).count()
        }
        (RegistryKind::Officers, Some(d)) => current
            .officers
            .iter()
            .filter(|o| o.department == d)
            .count(),
        _ => current.len(kind),
    };
    if records_now == 0 {
        // Nothing would be removed: the registry stays empty (a warning).
        return Ok(());
    }
    Err(ImportError::Empty {
        file: file.to_string(),
        line: table.header_line,
        reason: messages::empty_file(kind, table.header_line, records_now, dept),
    })
}

/// As [`parse_file`] for a table already read.
///
/// # Errors
/// [`ImportError::Rejected`] listing every problem.
pub fn parse_table(
    kind: RegistryKind,
    table: &Table,
    file: &str,
    opts: &ImportOptions,
    current: &Registries,
) -> Result<Parsed, ImportError> {
    if table.headers.iter().all(|h| h.trim().is_empty()) && table.rows.is_empty() {
        // Nothing at all: say so rather than list missing columns.
        return Err(ImportError::Empty {
            file: file.to_string(),
            line: 0,
            reason: messages::nothing_in_file(),
        });
    }
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let map = columns::ColumnMap::new(
        kind,
        &table.headers,
        table.header_line,
        file,
        opts.delta,
        &mut problems,
        &mut warnings,
    );
    if !problems.is_empty() {
        return Err(ImportError::Rejected { problems, warnings });
    }
    check_not_empty(kind, table, file, opts, current)?;
    let mut ctx = rows::Ctx {
        file,
        map: &map,
        opts,
        kind,
        problems: Vec::new(),
        warnings,
    };
    let (records, removals) = rows::parse_rows(&mut ctx, table, current);
    let rows::Ctx {
        problems, warnings, ..
    } = ctx;
    if !problems.is_empty() {
        return Err(ImportError::Rejected { problems, warnings });
    }
    Ok(Parsed {
        kind,
        records,
        removals,
        warnings,
        encoding: table.encoding,
        sheet: None,
    })
}
