//! The texts of the problems that explain a file (issue 15): empty files,
//! encodings, quotes, numbers Excel made of USCCs, and workbook sheets.
//!
//! Each text is a typed [`Message`] with its fields; the library writes it
//! in English ([`Message`]'s `Display`), and a program can install its own
//! words once with [`set_texts`] (the CLI: its Chinese and English
//! catalogues). Positions (`FILE:LINE:COL:`) and the other fields of a
//! problem are not part of these texts: they stay as they are.

use super::reasons::Reason;
use crate::core::registry::RegistryKind;
use std::fmt;
use std::sync::OnceLock;

/// One text of an import problem, with its fields.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Message<'a> {
    /// A full import of a file with a header but no data row that would
    /// empty a registry (or a department's part), without `--allow-empty`.
    EmptyFile {
        /// The registry.
        kind: RegistryKind,
        /// The header's line.
        header_line: u64,
        /// Records the registry (or part) holds now.
        records_now: usize,
        /// The department, for a department's part.
        department: Option<&'a str>,
    },
    /// A file holding nothing at all.
    NothingInFile,
    /// An allowed empty file empties (or leaves empty) a department's part.
    DepartmentEmptied {
        /// The department.
        department: &'a str,
        /// Whether it held records before.
        emptied: bool,
    },
    /// Bytes that are not text in the encoding tried.
    NotInEncoding {
        /// The bytes, as hex pairs (`D6 D0`).
        bytes: &'a str,
        /// Byte offset in the file.
        offset: usize,
        /// The encoding tried.
        encoding: &'a str,
        /// How it was chosen.
        how: Tried,
    },
    /// The closing line of an encoding refusal.
    EncodingSummary {
        /// Lines with bytes that are not text.
        lines: usize,
        /// How many of them are listed.
        listed: usize,
        /// The encoding tried.
        encoding: &'a str,
    },
    /// An `.xlsx` workbook given another extension.
    WorkbookNamedAsText,
    /// An old `.xls` workbook given another extension.
    OldWorkbookNamedAsText,
    /// A quote opening a cell that is never closed.
    QuoteNeverClosed,
    /// A quoted cell spanning lines that goes on after its closing quote.
    QuoteClosedWithTextAfter {
        /// The line of the closing quote.
        close_line: u64,
    },
    /// A quoted cell spanning lines that holds what look like whole rows.
    QuoteSwallowsRows {
        /// The line of the closing quote.
        close_line: u64,
    },
    /// An odd number of quotes in a cell that does not start with one.
    StrayQuoteInCell {
        /// Character position in the cell.
        position: usize,
    },
    /// A USCC in scientific notation.
    UsccScientific,
    /// An all-digit USCC Excel rounded to 15 digits.
    UsccPrecisionLost,
    /// A USCC whose check character is `0` and wrong.
    UsccLastZero {
        /// What the check says.
        check_error: &'a str,
        /// The code with the right check character.
        fixed: &'a str,
    },
    /// A 17-character USCC.
    UsccSeventeen {
        /// What the length check says.
        length_error: &'a str,
        /// The code with the check character of the 17, if valid.
        fixed: Option<&'a str>,
    },
    /// Several sheets hold data and none was named.
    SeveralSheets {
        /// The sheets with data (name, hidden).
        with_data: &'a [(String, bool)],
    },
    /// `--sheet NAME` names no sheet.
    SheetNotFound {
        /// The name given.
        name: &'a str,
        /// Every sheet (name, hidden).
        sheets: &'a [(String, bool)],
    },
    /// `--sheet` with a CSV file.
    SheetWithCsv,
    /// `… and N more` after the problems listed.
    More {
        /// How many are not listed.
        count: usize,
    },
    /// The last line of a refused file.
    RejectedSummary {
        /// How many problems.
        count: usize,
    },
    /// The one-line headline of a refused file.
    RejectedHeadline {
        /// How many problems.
        count: usize,
    },
}

/// The words of [`Message`]s in a program's language.
pub trait ImportTexts: Send + Sync {
    /// The text of `m`.
    fn text(&self, m: &Message<'_>) -> String;

    /// The text of the reason `r` of a problem ([`Reason`]); `None`: its
    /// English.
    fn reason(&self, r: &Reason<'_>) -> Option<String> {
        let _ = r;
        None
    }
}

static TEXTS: OnceLock<Box<dyn ImportTexts>> = OnceLock::new();

/// Installs the words of import messages for this process (once; a later
/// call is ignored). Without it they are the English of [`Message`].
pub fn set_texts(texts: Box<dyn ImportTexts>) {
    let _ = TEXTS.set(texts);
}

/// The words installed, if any.
pub(crate) fn installed() -> Option<&'static dyn ImportTexts> {
    TEXTS.get().map(|t| t.as_ref())
}

/// The text of `m`: the installed words, else English.
pub(crate) fn render(m: Message<'_>) -> String {
    match TEXTS.get() {
        Some(t) => t.text(&m),
        None => m.to_string(),
    }
}

/// Bytes as hex pairs: `D6 D0`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How to end a quoted cell.
const QUOTE_FIX: &str = "remove the stray quote; a quote that belongs in a cell is written doubled, with the whole cell in quotes (\"甲\"\"公司\" for 甲\"公司)";

/// How to keep Excel from turning codes into numbers.
const EXCEL_FIX: &str = "in Excel, format the column as 文本 (Text) before pasting the codes (or use 数据 → 从文本/CSV and set the column to 文本), \
     or import the .xlsx workbook the codes came in instead of a CSV file saved by Excel";

/// Sheet names, quoted, each hidden one marked `(hidden)`.
pub fn sheet_list(sheets: &[(String, bool)], hidden: &str) -> String {
    sheets
        .iter()
        .map(|(n, h)| {
            if *h {
                format!("{n:?} {hidden}")
            } else {
                format!("{n:?}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Message<'_> {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Message::EmptyFile {
                kind,
                header_line,
                records_now,
                department,
            } => {
                let what = match department {
                    Some(d) => format!("the {kind} of department {d:?}"),
                    None => format!("the {kind} registry"),
                };
                write!(
                    f,
                    "the file has no data rows, only the header on line {header_line}: it would empty {what} \
                     ({records_now} records now); nothing was changed. To empty it on purpose, run the import again with --allow-empty"
                )
            }
            Message::NothingInFile => f.write_str(
                "the file is empty: no header line and no data rows; nothing was changed \
                 (to empty a registry on purpose, import a file holding just the header line, with --allow-empty)",
            ),
            Message::DepartmentEmptied {
                department,
                emptied,
            } => write!(
                f,
                "the file has no rows: department {department:?}'s part {}",
                if emptied { "is emptied" } else { "stays empty" }
            ),
            Message::NotInEncoding {
                bytes,
                offset,
                encoding,
                how,
            } => {
                write!(
                    f,
                    "the byte(s) {bytes} (byte offset {offset} in the file) are not {encoding} text"
                )?;
                match how {
                    Tried::Forced if encoding == "UTF-8" => f.write_str(
                        " (read as UTF-8 because --encoding says so); a CSV file Chinese Excel saves as \"CSV (逗号分隔)\" is GBK: \
                         try --encoding gbk, or leave --encoding out to detect the encoding",
                    ),
                    Tried::Forced => write!(
                        f,
                        " (read as {encoding} because --encoding says so); leave --encoding out to detect the encoding"
                    ),
                    Tried::AfterUtf8 { line } => write!(
                        f,
                        " (the file is not UTF-8 either, from line {line} on, so it was read as GB18030/GBK); \
                         is it a text file? In Excel, save it as \"CSV UTF-8 (逗号分隔)\""
                    ),
                    Tried::Bom => f.write_str(
                        " (the file starts with a UTF-16 byte-order mark); in Excel, save it as \"CSV UTF-8 (逗号分隔)\"",
                    ),
                }
            }
            Message::EncodingSummary {
                lines,
                listed,
                encoding,
            } => {
                write!(f, "{lines} line(s) cannot be read as {encoding}")?;
                if lines > listed {
                    write!(f, " (the first {listed} are listed)")?;
                }
                f.write_str("; nothing was imported")
            }
            Message::WorkbookNamedAsText => f.write_str(
                "this is an Excel workbook (.xlsx), not CSV text: name the file .xlsx",
            ),
            Message::OldWorkbookNamedAsText => f.write_str(
                "this is an old Excel .xls workbook, not CSV text: open it in Excel and save it as .xlsx or CSV",
            ),
            Message::QuoteNeverClosed => write!(
                f,
                "a quote \" opens this cell and is never closed: everything after it, to the end of the file, would be read as one cell; {QUOTE_FIX}"
            ),
            Message::QuoteClosedWithTextAfter { close_line } => write!(
                f,
                "a quote \" opens this cell and the next quote is on line {close_line}, with more text after it: \
                 the lines in between would be read as one cell (an unbalanced quote); {QUOTE_FIX}"
            ),
            Message::QuoteSwallowsRows { close_line } => write!(
                f,
                "a quote \" opens this cell and the next quote is on line {close_line}: the lines in between, which look like whole rows, \
                 would be read as one cell (an unbalanced quote); {QUOTE_FIX}"
            ),
            Message::StrayQuoteInCell { position } => write!(
                f,
                "an unbalanced quote \" at character {position} of the cell: {QUOTE_FIX}"
            ),
            Message::UsccScientific => write!(
                f,
                "Excel converted this column to numbers and wrote the code in scientific notation: \
                 the code is lost and cannot be recovered from this file; {EXCEL_FIX}"
            ),
            Message::UsccPrecisionLost => write!(
                f,
                "not a valid code: it looks like a number Excel rounded (Excel keeps only 15 significant digits, \
                 so the last 3 digits became 0) and cannot be recovered from this file; {EXCEL_FIX}"
            ),
            Message::UsccLastZero { check_error, fixed } => write!(
                f,
                "{check_error} (GB 32100-2015): the last character was probably lost or replaced by 0; \
                 with the check character of the first 17 the code would be {fixed}: \
                 check it against the business licence; if it is a legacy code, list it with --accept-legacy-uscc"
            ),
            Message::UsccSeventeen {
                length_error,
                fixed: Some(fixed),
            } => write!(
                f,
                "{length_error}: the last character (the check character) was probably lost; \
                 with it the code would be {fixed}: check it against the business licence"
            ),
            Message::UsccSeventeen {
                length_error,
                fixed: None,
            } => write!(
                f,
                "{length_error}: a character was probably lost (often the last one, the check character)"
            ),
            Message::SeveralSheets { with_data } => {
                let example = with_data.first().map(|(n, _)| n.as_str()).unwrap_or("");
                write!(
                    f,
                    "the workbook has {} sheets with data: {}; choose one with --sheet NAME (for example --sheet {example:?})",
                    with_data.len(),
                    sheet_list(with_data, "(hidden)")
                )
            }
            Message::SheetNotFound { name, sheets } => write!(
                f,
                "the workbook has no sheet named {name:?}; its sheets: {}",
                sheet_list(sheets, "(hidden)")
            ),
            Message::SheetWithCsv => {
                f.write_str("--sheet applies to .xlsx/.xlsm workbooks, not to CSV files")
            }
            Message::More { count } => write!(f, "… and {count} more"),
            Message::RejectedSummary { count } => {
                write!(f, "{count} problem(s) found; nothing was imported")
            }
            Message::RejectedHeadline { count } => {
                write!(f, "{count} problem(s); nothing was imported")
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Empty files

/// A full import of a file with a header but no data row that would empty
/// a registry (or a department's part) holding `records_now` records,
/// without `--allow-empty`.
pub(crate) fn empty_file(
    kind: RegistryKind,
    header_line: u64,
    records_now: usize,
    department: Option<&str>,
) -> String {
    render(Message::EmptyFile {
        kind,
        header_line,
        records_now,
        department,
    })
}

/// A file holding nothing at all (not even a header line).
pub(crate) fn nothing_in_file() -> String {
    render(Message::NothingInFile)
}

// ---------------------------------------------------------------------------
// Encodings

/// How the encoding a file failed in was chosen.
#[derive(Debug, Clone, Copy)]
pub enum Tried {
    /// `--encoding` asked for it.
    Forced,
    /// Detected: not valid UTF-8 (from this line on), so GB18030.
    AfterUtf8 {
        /// Line of the first byte that is not UTF-8.
        line: u64,
    },
    /// Detected from a UTF-16 byte-order mark.
    Bom,
}

/// The closing line of an encoding refusal.
pub(crate) fn encoding_summary(lines: usize, listed: usize, encoding: &str) -> String {
    render(Message::EncodingSummary {
        lines,
        listed,
        encoding,
    })
}

/// A zip file (an `.xlsx` workbook) given with another extension.
pub(crate) fn workbook_named_as_text() -> String {
    render(Message::WorkbookNamedAsText)
}

/// An old `.xls` (OLE) workbook given with another extension.
pub(crate) fn old_workbook_named_as_text() -> String {
    render(Message::OldWorkbookNamedAsText)
}

// ---------------------------------------------------------------------------
// Quotes in CSV

// ---------------------------------------------------------------------------
// Workbook sheets

/// Several sheets hold data and no `--sheet` was given.
pub(crate) fn several_sheets(with_data: &[(String, bool)]) -> String {
    render(Message::SeveralSheets { with_data })
}

/// `--sheet NAME` names no sheet of the workbook.
pub(crate) fn sheet_not_found(name: &str, sheets: &[(String, bool)]) -> String {
    render(Message::SheetNotFound { name, sheets })
}

/// `--sheet` given with a CSV file.
pub(crate) fn sheet_with_csv() -> String {
    render(Message::SheetWithCsv)
}
