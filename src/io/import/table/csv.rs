//! CSV text: decoding, then records with the line each starts on.

use super::encoding::decode;
use super::quotes::check_records;
use super::{Table, TextEncoding, check_file_size, refuse, too_many_cells, too_many_rows};
use crate::io::import::limits::{MAX_CELLS, MAX_ROWS, cell_too_long};
use crate::io::import::reasons::Reason;
use crate::io::import::{ImportError, Issue};
use csv::StringRecord;

/// Decodes CSV bytes (see [`read_table`]) and parses them.
///
/// # Errors
/// As [`read_table`].
pub fn read_csv_bytes(
    bytes: &[u8],
    file: &str,
    encoding: Option<TextEncoding>,
) -> Result<Table, ImportError> {
    check_file_size(bytes.len() as u64, file)?;
    let (text, enc) = decode(bytes, file, encoding)?;
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    // The csv reader grows a record to whatever the file holds: the sizes of
    // records are checked first, on the text itself.
    let header_delimiters = first_line.bytes().filter(|&b| b == delimiter).count();
    check_records(text.as_bytes(), delimiter, header_delimiters, file)?;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut headers: Option<Vec<String>> = None;
    let mut header_line = 1;
    let mut cells = 0usize;
    let mut rec = StringRecord::new();
    // csv reports a record after blank lines at the first blank line, so lines
    // are counted here from the byte offset, past any leading line breaks.
    let bytes = text.as_bytes();
    let (mut cursor, mut line_at_cursor) = (0usize, 1u64);
    let mut line_of = |start: usize| {
        let mut s = start.min(bytes.len());
        while s < bytes.len() && (bytes[s] == b'\n' || bytes[s] == b'\r') {
            s += 1;
        }
        line_at_cursor += bytes[cursor..s].iter().filter(|&&b| b == b'\n').count() as u64;
        cursor = s;
        line_at_cursor
    };
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {
                let line = rec
                    .position()
                    .map(|p| line_of(p.byte() as usize))
                    .unwrap_or(0);
                if rec.iter().all(|f| f.trim().is_empty()) {
                    continue; // blank lines, and Excel's trailing ",,,," rows
                }
                for (i, f) in rec.iter().enumerate() {
                    if let Some(reason) = cell_too_long(f) {
                        return Err(refuse(file, line, Some(i + 1), f, reason));
                    }
                }
                if headers.is_some() && rows.len() >= MAX_ROWS {
                    return Err(too_many_rows(file, line));
                }
                cells += rec.len();
                if cells > MAX_CELLS {
                    return Err(too_many_cells(file, line));
                }
                if headers.is_none() {
                    headers = Some(rec.iter().map(str::to_string).collect());
                    header_line = line;
                } else {
                    rows.push((line, rec.clone()));
                }
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Err(ImportError::Rejected {
                    problems: vec![Issue::of(
                        file,
                        line,
                        None,
                        "",
                        Reason::UnreadableCsv {
                            error: &e.to_string(),
                        },
                    )],
                    warnings: vec![],
                });
            }
        }
    }
    Ok(Table {
        headers: headers.unwrap_or_default(),
        header_line,
        rows,
        encoding: Some(enc),
    })
}
