//! The texts of the problems that explain a file (issue 15): empty files,
//! encodings, quotes, numbers Excel made of USCCs, and workbook sheets. One
//! function per message, so that a later pass can move them into the Chinese
//! and English catalogues without hunting for them.

use crate::core::registry::RegistryKind;

/// Bytes as hex pairs: `D6 D0`.
fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
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
    let what = match department {
        Some(d) => format!("the {kind} of department {d:?}"),
        None => format!("the {kind} registry"),
    };
    format!(
        "the file has no data rows, only the header on line {header_line}: it would empty {what} \
         ({records_now} records now); nothing was changed. To empty it on purpose, run the import again with --allow-empty"
    )
}

/// A file holding nothing at all (not even a header line).
pub(crate) fn nothing_in_file() -> String {
    "the file is empty: no header line and no data rows; nothing was changed \
     (to empty a registry on purpose, import a file holding just the header line, with --allow-empty)"
        .to_string()
}

/// The warning when an allowed empty file empties one department's part.
pub(crate) fn department_emptied(department: &str, emptied: bool) -> String {
    format!(
        "the file has no rows: department {department:?}'s part {}",
        if emptied { "is emptied" } else { "stays empty" }
    )
}

// ---------------------------------------------------------------------------
// Encodings

/// How the encoding a file failed in was chosen.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Tried {
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

/// One place where the bytes are not text in the encoding tried.
pub(crate) fn not_in_encoding(bytes: &[u8], offset: usize, encoding: &str, how: Tried) -> String {
    let what = format!(
        "the byte(s) {} (byte offset {offset} in the file) are not {encoding} text",
        hex(bytes)
    );
    match how {
        Tried::Forced if encoding == "UTF-8" => format!(
            "{what} (read as UTF-8 because --encoding says so); a CSV file Chinese Excel saves as \"CSV (逗号分隔)\" is GBK: \
             try --encoding gbk, or leave --encoding out to detect the encoding"
        ),
        Tried::Forced => format!(
            "{what} (read as {encoding} because --encoding says so); leave --encoding out to detect the encoding"
        ),
        Tried::AfterUtf8 { line } => format!(
            "{what} (the file is not UTF-8 either, from line {line} on, so it was read as GB18030/GBK); \
             is it a text file? In Excel, save it as \"CSV UTF-8 (逗号分隔)\""
        ),
        Tried::Bom => format!(
            "{what} (the file starts with a UTF-16 byte-order mark); in Excel, save it as \"CSV UTF-8 (逗号分隔)\""
        ),
    }
}

/// The closing line of an encoding refusal.
pub(crate) fn encoding_summary(lines: usize, listed: usize, encoding: &str) -> String {
    let more = if lines > listed {
        format!(" (the first {listed} are listed)")
    } else {
        String::new()
    };
    format!("{lines} line(s) cannot be read as {encoding}{more}; nothing was imported")
}

/// A zip file (an `.xlsx` workbook) given with another extension.
pub(crate) fn workbook_named_as_text() -> String {
    "this is an Excel workbook (.xlsx), not CSV text: name the file .xlsx".to_string()
}

/// An old `.xls` (OLE) workbook given with another extension.
pub(crate) fn old_workbook_named_as_text() -> String {
    "this is an old Excel .xls workbook, not CSV text: open it in Excel and save it as .xlsx or CSV"
        .to_string()
}

// ---------------------------------------------------------------------------
// Quotes in CSV

/// How a quoted cell ends.
const QUOTE_FIX: &str = "remove the stray quote; a quote that belongs in a cell is written doubled, with the whole cell in quotes (\"甲\"\"公司\" for 甲\"公司)";

/// A quote opening a cell that is never closed.
pub(crate) fn quote_never_closed() -> String {
    format!(
        "a quote \" opens this cell and is never closed: everything after it, to the end of the file, would be read as one cell; {QUOTE_FIX}"
    )
}

/// A quoted cell that spans lines and goes on after its closing quote.
pub(crate) fn quote_closed_with_text_after(close_line: u64) -> String {
    format!(
        "a quote \" opens this cell and the next quote is on line {close_line}, with more text after it: \
         the lines in between would be read as one cell (an unbalanced quote); {QUOTE_FIX}"
    )
}

/// A quoted cell that spans lines and holds what look like whole rows.
pub(crate) fn quote_swallows_rows(close_line: u64) -> String {
    format!(
        "a quote \" opens this cell and the next quote is on line {close_line}: the lines in between, which look like whole rows, \
         would be read as one cell (an unbalanced quote); {QUOTE_FIX}"
    )
}

/// An odd number of quotes in a cell that does not start with one.
pub(crate) fn stray_quote_in_cell(position: usize) -> String {
    format!("an unbalanced quote \" at character {position} of the cell: {QUOTE_FIX}")
}

/// The row-size limit reached inside a quoted cell that never closes.
pub(crate) fn row_limit_open_quote(line: u64, column: usize) -> String {
    format!(": a quote \" is never closed (it opens the cell at line {line}, column {column})")
}

// ---------------------------------------------------------------------------
// USCCs Excel turned into numbers

/// How to keep Excel from turning codes into numbers.
const EXCEL_FIX: &str = "in Excel, format the column as 文本 (Text) before pasting the codes (or use 数据 → 从文本/CSV and set the column to 文本), \
     or import the .xlsx workbook the codes came in instead of a CSV file saved by Excel";

/// A USCC written in scientific notation (`9.13201E+17`).
pub(crate) fn uscc_scientific() -> String {
    format!(
        "Excel converted this column to numbers and wrote the code in scientific notation: \
         the code is lost and cannot be recovered from this file; {EXCEL_FIX}"
    )
}

/// An all-digit USCC ending in `000` whose check character fails.
pub(crate) fn uscc_precision_lost() -> String {
    format!(
        "not a valid code: it looks like a number Excel rounded (Excel keeps only 15 significant digits, \
         so the last 3 digits became 0) and cannot be recovered from this file; {EXCEL_FIX}"
    )
}

/// An 18-character USCC whose check character is `0` and wrong.
pub(crate) fn uscc_last_zero(check_error: &str, fixed: &str) -> String {
    format!(
        "{check_error} (GB 32100-2015): the last character was probably lost or replaced by 0; \
         with the check character of the first 17 the code would be {fixed}: \
         check it against the business licence; if it is a legacy code, list it with --accept-legacy-uscc"
    )
}

/// A 17-character USCC.
pub(crate) fn uscc_seventeen(length_error: &str, fixed: Option<&str>) -> String {
    match fixed {
        Some(f) => format!(
            "{length_error}: the last character (the check character) was probably lost; \
             with it the code would be {f}: check it against the business licence"
        ),
        None => format!(
            "{length_error}: a character was probably lost (often the last one, the check character)"
        ),
    }
}

// ---------------------------------------------------------------------------
// Workbook sheets

fn sheet_list(sheets: &[(String, bool)]) -> String {
    sheets
        .iter()
        .map(|(n, hidden)| {
            if *hidden {
                format!("{n:?} (hidden)")
            } else {
                format!("{n:?}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Several sheets hold data and no `--sheet` was given.
pub(crate) fn several_sheets(with_data: &[(String, bool)]) -> String {
    let example = with_data.first().map(|(n, _)| n.as_str()).unwrap_or("");
    format!(
        "the workbook has {} sheets with data: {}; choose one with --sheet NAME (for example --sheet {example:?})",
        with_data.len(),
        sheet_list(with_data)
    )
}

/// `--sheet NAME` names no sheet of the workbook.
pub(crate) fn sheet_not_found(name: &str, sheets: &[(String, bool)]) -> String {
    format!(
        "the workbook has no sheet named {name:?}; its sheets: {}",
        sheet_list(sheets)
    )
}

/// `--sheet` given with a CSV file.
pub(crate) fn sheet_with_csv() -> String {
    "--sheet applies to .xlsx/.xlsm workbooks, not to CSV files".to_string()
}
