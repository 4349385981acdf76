//! `.xlsx` workbooks: a sheet streamed cell by cell and laid out as rows.

use super::workbook::{cell_text, check_zip_directory, choose_sheet, guarded};
use super::{
    SheetChoice, Table, check_file_size, refuse, row_too_long, too_many_cells, too_many_rows,
};
use crate::io::import::ImportError;
use crate::io::import::limits::{
    MAX_CELLS, MAX_COLUMNS, MAX_ROW_BYTES, MAX_ROWS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS,
    MAX_TEXT_BYTES, cell_too_long,
};
use crate::io::import::reasons::{Reason, render_reason};
use calamine::{Data, Reader, Xlsx, XlsxError};
use csv::StringRecord;
use std::io::{Read, Seek};

/// Reads a workbook held in memory, as [`read_table`](super::read_table) reads an `.xlsx` file.
///
/// # Errors
/// As [`read_table`](super::read_table).
pub fn read_xlsx_bytes(bytes: &[u8], file: &str) -> Result<Table, ImportError> {
    read_xlsx_bytes_sheet(bytes, file, &SheetChoice::First).map(|(t, _)| t)
}

/// As [`read_xlsx_bytes`], reading the sheet `sheet` chooses; returns its name.
///
/// # Errors
/// As [`read_table_sheet`](super::read_table_sheet).
pub fn read_xlsx_bytes_sheet(
    bytes: &[u8],
    file: &str,
    sheet: &SheetChoice,
) -> Result<(Table, Option<String>), ImportError> {
    check_file_size(bytes.len() as u64, file)?;
    check_zip_directory(&mut std::io::Cursor::new(bytes), file)?;
    read_xlsx_from(std::io::Cursor::new(bytes), file, sheet)
}

/// A1-style name of a 0-based column.
fn column_name(mut c: u64) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

pub(super) fn read_xlsx_from<RS: Read + Seek>(
    rs: RS,
    file: &str,
    choice: &SheetChoice,
) -> Result<(Table, Option<String>), ImportError> {
    let unsupported = |reason: Reason<'_>| ImportError::Unsupported {
        file: file.to_string(),
        reason: render_reason(reason),
    };
    let cannot_read = |sheet: &str, e: XlsxError| {
        unsupported(Reason::CannotReadSheet {
            sheet,
            error: &e.to_string(),
        })
    };
    guarded(file, || {
        let mut wb: Xlsx<RS> = Xlsx::new(rs).map_err(|e| {
            unsupported(Reason::CannotOpenWorkbook {
                error: &e.to_string(),
            })
        })?;
        let sheet = choose_sheet(&mut wb, choice, file)?;
        let mut cells: Vec<(u32, u32, String)> = Vec::new();
        let mut text_bytes = 0usize;
        match wb.worksheet_cells_reader(&sheet) {
            Err(XlsxError::NotAWorksheet(_)) => {} // a chart sheet: no rows
            Err(e) => return Err(cannot_read(&sheet, e)),
            Ok(mut reader) => {
                let d = reader.dimensions();
                let (rows, cols) = (u64::from(d.end.0) + 1, u64::from(d.end.1) + 1);
                if rows > MAX_SHEET_ROWS || cols > MAX_SHEET_COLUMNS {
                    let range = format!(
                        "{}{}:{}{rows}",
                        column_name(d.start.1.into()),
                        u64::from(d.start.0) + 1,
                        column_name(d.end.1.into()),
                    );
                    return Err(unsupported(Reason::SheetRangeBeyond {
                        sheet: &sheet,
                        range: &range,
                        rows: MAX_SHEET_ROWS,
                        columns: MAX_SHEET_COLUMNS,
                    }));
                }
                while let Some(cell) = reader.next_cell().map_err(|e| cannot_read(&sheet, e))? {
                    let (r, c) = cell.get_position();
                    if matches!(cell.get_value(), calamine::DataRef::Empty) {
                        continue;
                    }
                    let line = u64::from(r) + 1;
                    if line > MAX_SHEET_ROWS {
                        return Err(refuse(
                            file,
                            line,
                            None,
                            "",
                            Reason::CellBeyondRows {
                                row: line,
                                limit: MAX_SHEET_ROWS,
                            },
                        ));
                    }
                    if c as usize >= MAX_COLUMNS {
                        return Err(refuse(
                            file,
                            line,
                            Some(c as usize + 1),
                            "",
                            Reason::CellBeyondColumns {
                                name: &column_name(c.into()),
                                number: u64::from(c) + 1,
                                limit: MAX_COLUMNS,
                            },
                        ));
                    }
                    let text = cell_text(&Data::from(cell.get_value().clone()));
                    if text.is_empty() {
                        continue;
                    }
                    if let Some(reason) = cell_too_long(&text) {
                        return Err(refuse(file, line, Some(c as usize + 1), &text, reason));
                    }
                    if cells.len() >= MAX_CELLS {
                        return Err(too_many_cells(file, line));
                    }
                    text_bytes += text.len();
                    if text_bytes > MAX_TEXT_BYTES {
                        return Err(refuse(
                            file,
                            line,
                            None,
                            "",
                            Reason::TooMuchText {
                                limit: MAX_TEXT_BYTES,
                            },
                        ));
                    }
                    cells.push((r, c, text));
                }
            }
        }
        lay_out(cells, file).map(|t| (t, Some(sheet)))
    })
}

/// Lays out the filled cells of a sheet as rows, each as wide as its last
/// filled cell; rows with no text but spaces are skipped.
fn lay_out(mut cells: Vec<(u32, u32, String)>, file: &str) -> Result<Table, ImportError> {
    // Cells come in sheet order, which a hand-made sheet need not keep.
    cells.sort_by_key(|&(r, c, _)| (r, c));
    let mut headers: Option<Vec<String>> = None;
    let mut header_line = 1;
    let mut rows = Vec::new();
    let mut laid_out = 0usize;
    let mut it = cells.into_iter().peekable();
    while let Some(&(r, _, _)) = it.peek() {
        let line = u64::from(r) + 1;
        let mut row: Vec<(u32, String)> = Vec::new();
        let mut bytes = 0usize;
        while let Some((_, c, text)) = it.next_if(|&(rr, _, _)| rr == r) {
            bytes += text.len();
            row.push((c, text));
        }
        if row.iter().all(|(_, t)| t.trim().is_empty()) {
            continue;
        }
        if bytes > MAX_ROW_BYTES {
            return Err(row_too_long(file, line, None));
        }
        let width = row.last().map(|&(c, _)| c as usize + 1).unwrap_or(0);
        laid_out += width;
        if laid_out > MAX_CELLS {
            return Err(too_many_cells(file, line));
        }
        if headers.is_some() && rows.len() >= MAX_ROWS {
            return Err(too_many_rows(file, line));
        }
        let mut out = vec![String::new(); width];
        for (c, text) in row {
            out[c as usize] = text;
        }
        if headers.is_none() {
            headers = Some(out);
            header_line = line;
        } else {
            rows.push((line, StringRecord::from(out)));
        }
    }
    Ok(Table {
        headers: headers.unwrap_or_default(),
        header_line,
        rows,
        encoding: None,
    })
}
