//! Reading tables as other systems export them: CSV in UTF-8 (with or without
//! BOM), GB18030/GBK (Chinese Excel's "CSV"), UTF-16 with BOM (Excel's "Unicode
//! text", tab-separated), and `.xlsx` workbooks (a sheet chosen by
//! [`SheetChoice`]).
//!
//! Every file is read under the limits of [`super::limits`], each checked
//! before the memory it guards is allocated. Workbooks are streamed cell by
//! cell (calamine's whole-sheet `Range` allocates its declared extent), and a
//! panic inside calamine is caught and reported as an error naming the file.

mod csv;
mod encoding;
mod quotes;
#[cfg(test)]
mod tests;
mod workbook;
mod xlsx;

use super::limits::{MAX_CELLS, MAX_FILE_BYTES, MAX_ROW_BYTES, MAX_ROWS, preview};
use super::messages;
use super::reasons::{Reason, render_reason};
use super::{ImportError, Issue};
use ::csv::StringRecord;
pub use csv::read_csv_bytes;
pub(crate) use csv::{CsvEvent, read_csv_stream};
use std::io::Read;
use std::path::Path;
use workbook::check_zip_directory;
use xlsx::read_xlsx_from;
pub use xlsx::{read_xlsx_bytes, read_xlsx_bytes_sheet};

/// The text encoding (字符编码) of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum TextEncoding {
    /// UTF-8, with or without BOM.
    #[serde(rename = "utf-8")]
    Utf8,
    /// GB18030, which includes GBK and GB2312.
    #[serde(rename = "gb18030")]
    Gb18030,
    /// UTF-16 with a byte-order mark.
    #[serde(rename = "utf-16")]
    Utf16,
}

impl TextEncoding {
    /// Parses `utf-8`, `gbk`, `gb18030`, `gb2312` or `utf-16`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(TextEncoding::Utf8),
            "gbk" | "gb18030" | "gb2312" | "cp936" => Some(TextEncoding::Gb18030),
            "utf-16" | "utf16" => Some(TextEncoding::Utf16),
            _ => None,
        }
    }
}

/// A table (表格) read from a file: its header and its rows, each with the line
/// (CSV) or row (xlsx) number it came from; the header is line 1.
#[derive(Debug, Clone)]
pub struct Table {
    /// Header cells, as written.
    pub headers: Vec<String>,
    /// The line (CSV) or row (xlsx) the header is on.
    pub header_line: u64,
    /// Rows with their 1-based line numbers.
    pub rows: Vec<(u64, StringRecord)>,
    /// The encoding the text was read in (`None` for xlsx).
    pub encoding: Option<TextEncoding>,
}

/// Which sheet of a workbook to read (工作表).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SheetChoice {
    /// The first sheet, whatever it holds (results and leave files).
    #[default]
    First,
    /// The only sheet holding data (a non-blank cell); visible sheets first,
    /// hidden ones only when no visible one holds data. Several: refused
    /// ([`ImportError::Sheet`]) with their names. None: the first sheet.
    OnlyWithData,
    /// The sheet of this name (exactly, or else the only one equal to it
    /// ignoring case and surrounding spaces); none: refused with the names.
    Named(String),
}

/// Reads a CSV or xlsx file (chosen by extension, `.xlsx`/`.xlsm` for
/// Excel), a workbook's first sheet.
///
/// # Errors
/// [`ImportError`]: unreadable, in no supported encoding or format, or past
/// one of the [`super::limits`].
pub fn read_table(path: &Path, encoding: Option<TextEncoding>) -> Result<Table, ImportError> {
    read_table_sheet(path, encoding, &SheetChoice::First).map(|(t, _)| t)
}

/// As [`read_table`], reading the sheet `sheet` chooses; returns the name
/// of the sheet read (`None` for CSV). A sheet choice other than
/// [`SheetChoice::First`] is refused for a CSV file.
///
/// # Errors
/// As [`read_table`], and [`ImportError::Sheet`].
pub fn read_table_sheet(
    path: &Path,
    encoding: Option<TextEncoding>,
    sheet: &SheetChoice,
) -> Result<(Table, Option<String>), ImportError> {
    let display = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if ext == "xls" {
        return Err(ImportError::Unsupported {
            file: display,
            reason: render_reason(Reason::OldXls),
        });
    }
    let io = |source| ImportError::Io {
        file: display.clone(),
        source,
    };
    let mut f = std::fs::File::open(path).map_err(io)?;
    let size = f.metadata().map_err(io)?.len();
    check_file_size(size, &display)?;
    if ext == "xlsx" || ext == "xlsm" {
        check_zip_directory(&mut f, &display)?;
        return read_xlsx_from(std::io::BufReader::new(f), &display, sheet);
    }
    if let SheetChoice::Named(_) = sheet {
        return Err(ImportError::Unsupported {
            file: display,
            reason: messages::sheet_with_csv(),
        });
    }
    // The size is checked: the whole file may be read.
    let mut bytes = Vec::with_capacity(size as usize);
    f.read_to_end(&mut bytes).map_err(io)?;
    csv::read_csv_vec(bytes, &display, encoding).map(|t| (t, None))
}

fn check_file_size(size: u64, file: &str) -> Result<(), ImportError> {
    if size > MAX_FILE_BYTES {
        return Err(ImportError::Unsupported {
            file: file.to_string(),
            reason: render_reason(Reason::FileTooLarge {
                size,
                limit: MAX_FILE_BYTES,
            }),
        });
    }
    Ok(())
}

/// One positioned problem, as a refusal of the whole file.
fn refuse(
    file: &str,
    line: u64,
    column: Option<usize>,
    value: &str,
    reason: Reason<'_>,
) -> ImportError {
    ImportError::Rejected {
        problems: vec![Issue::of(file, line, column, &preview(value), reason)],
        warnings: vec![],
    }
}

fn too_many_rows(file: &str, line: u64) -> ImportError {
    refuse(
        file,
        line,
        None,
        "",
        Reason::TooManyRows { limit: MAX_ROWS },
    )
}

/// The refusal of a record longer than [`MAX_ROW_BYTES`] starting on line
/// `line`, with the quote that never closes when one does (a CSV record).
fn row_too_long(file: &str, line: u64, open_quote: Option<(u64, usize)>) -> ImportError {
    refuse(
        file,
        line,
        None,
        "",
        Reason::RowTooLong {
            limit: MAX_ROW_BYTES,
            open_quote,
        },
    )
}

fn too_many_cells(file: &str, line: u64) -> ImportError {
    refuse(
        file,
        line,
        None,
        "",
        Reason::TooManyCells { limit: MAX_CELLS },
    )
}
