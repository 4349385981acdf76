//! Reading tables as other systems export them: CSV in UTF-8 (with or without
//! BOM), GB18030/GBK (Chinese Excel's "CSV"), UTF-16 with BOM (Excel's "Unicode
//! text", tab-separated), and `.xlsx` workbooks (first sheet).
//!
//! Every file is read under the limits of [`super::limits`], each checked
//! before the memory it guards is allocated. Workbooks are streamed cell by
//! cell (calamine's whole-sheet `Range` allocates its declared extent), and a
//! panic inside calamine is caught and reported as an error naming the file.

use super::limits::{
    MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_PART_BYTES, MAX_ROW_BYTES, MAX_ROWS,
    MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_TEXT_BYTES, cell_too_long, preview,
};
use super::{ImportError, Issue};
use calamine::{Data, Reader, Xlsx, XlsxError};
use csv::StringRecord;
use std::io::{Read, Seek};
use std::path::Path;

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

/// Reads a CSV or xlsx file (chosen by extension, `.xlsx`/`.xlsm` for Excel).
///
/// # Errors
/// [`ImportError`]: unreadable, in no supported encoding or format, or past
/// one of the [`super::limits`].
pub fn read_table(path: &Path, encoding: Option<TextEncoding>) -> Result<Table, ImportError> {
    let display = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if ext == "xls" {
        return Err(ImportError::Unsupported {
            file: display,
            reason: "old .xls workbooks are not read; save as .xlsx or CSV".into(),
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
        return read_xlsx_from(std::io::BufReader::new(f), &display);
    }
    // The size is checked: the whole file may be read.
    let mut bytes = Vec::with_capacity(size as usize);
    f.read_to_end(&mut bytes).map_err(io)?;
    read_csv_bytes(&bytes, &display, encoding)
}

fn check_file_size(size: u64, file: &str) -> Result<(), ImportError> {
    if size > MAX_FILE_BYTES {
        return Err(ImportError::Unsupported {
            file: file.to_string(),
            reason: format!(
                "the file is {size} bytes; the limit is {MAX_FILE_BYTES} (256 MiB): split it"
            ),
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
    reason: String,
) -> ImportError {
    ImportError::Rejected {
        problems: vec![Issue::new(file, line, column, &preview(value), reason)],
        warnings: vec![],
    }
}

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
    check_records(text.as_bytes(), delimiter, file)?;
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
                    problems: vec![Issue::new(
                        file,
                        line,
                        None,
                        "",
                        format!("unreadable CSV: {e}"),
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

fn too_many_rows(file: &str, line: u64) -> ImportError {
    refuse(
        file,
        line,
        None,
        "",
        format!("more than {MAX_ROWS} data rows (Excel's own limit): split the file"),
    )
}

fn too_many_cells(file: &str, line: u64) -> ImportError {
    refuse(
        file,
        line,
        None,
        "",
        format!("more than {MAX_CELLS} cells in all: split the file"),
    )
}

/// Walks CSV text as the csv reader will (fields quoted with `"` at their
/// start, `""` inside quotes, records ended by LF, CR or CRLF outside quotes)
/// and refuses a record longer than [`MAX_ROW_BYTES`] or with more than
/// [`MAX_COLUMNS`] fields, naming the line it starts on.
fn check_records(text: &[u8], delimiter: u8, file: &str) -> Result<(), ImportError> {
    #[derive(PartialEq)]
    enum S {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = S::FieldStart;
    let (mut start, mut fields, mut line, mut record_line) = (0usize, 1usize, 1u64, 1u64);
    for (i, &b) in text.iter().enumerate() {
        let mut end_of_record = false;
        match state {
            S::Quoted => {
                if b == b'"' {
                    state = S::QuoteInQuoted;
                }
            }
            S::QuoteInQuoted if b == b'"' => state = S::Quoted,
            S::FieldStart if b == b'"' => state = S::Quoted,
            _ => {
                if b == delimiter {
                    fields += 1;
                    state = S::FieldStart;
                } else if b == b'\n' || b == b'\r' {
                    end_of_record = true;
                } else {
                    state = S::Unquoted;
                }
            }
        }
        if b == b'\n' {
            line += 1;
        }
        if end_of_record {
            (start, fields, record_line, state) = (i + 1, 1, line, S::FieldStart);
            continue;
        }
        if i + 1 - start > MAX_ROW_BYTES {
            return Err(refuse(
                file,
                record_line,
                None,
                "",
                format!(
                    "a row of more than {MAX_ROW_BYTES} bytes (1 MiB){}",
                    if state == S::Quoted && !text[i..].contains(&b'"') {
                        ": a quote \" is never closed"
                    } else {
                        ""
                    }
                ),
            ));
        }
        if fields > MAX_COLUMNS {
            return Err(refuse(
                file,
                record_line,
                Some(fields),
                "",
                format!("a row of more than {MAX_COLUMNS} columns"),
            ));
        }
    }
    Ok(())
}

fn decode(
    bytes: &[u8],
    file: &str,
    forced: Option<TextEncoding>,
) -> Result<(String, TextEncoding), ImportError> {
    let bad = |reason: String| ImportError::Encoding {
        file: file.to_string(),
        reason,
    };
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let enc = match forced {
        Some(e) => e,
        None if utf16 => TextEncoding::Utf16,
        None if std::str::from_utf8(bytes).is_ok() => TextEncoding::Utf8,
        None => TextEncoding::Gb18030,
    };
    match enc {
        TextEncoding::Utf8 => {
            let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
            match std::str::from_utf8(b) {
                Ok(s) => Ok((s.to_string(), enc)),
                Err(e) => Err(bad(format!(
                    "not valid UTF-8 at byte {} (try --encoding gbk)",
                    e.valid_up_to()
                ))),
            }
        }
        TextEncoding::Gb18030 => {
            let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
            encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(b)
                .map(|s| (s.into_owned(), enc))
                .ok_or_else(|| bad("neither UTF-8 nor GB18030/GBK text".into()))
        }
        TextEncoding::Utf16 => {
            let (s, _, had_errors) = encoding_rs::UTF_16LE.decode(bytes);
            if had_errors {
                return Err(bad("malformed UTF-16".into()));
            }
            Ok((s.into_owned(), enc))
        }
    }
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) => t.date().format("%Y-%m-%d").to_string(),
            None => dt.to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Reads a workbook held in memory, as [`read_table`] reads an `.xlsx` file.
///
/// # Errors
/// As [`read_table`].
pub fn read_xlsx_bytes(bytes: &[u8], file: &str) -> Result<Table, ImportError> {
    check_file_size(bytes.len() as u64, file)?;
    check_zip_directory(&mut std::io::Cursor::new(bytes), file)?;
    read_xlsx_from(std::io::Cursor::new(bytes), file)
}

/// Refuses a workbook whose zip directory declares a part (the sheet, the
/// shared strings calamine loads whole) larger than [`MAX_PART_BYTES`]
/// unpacked. What is not a readable zip directory is left to calamine to
/// report. (A zip can understate a part's size: the cell limits still hold
/// for the sheet, which is streamed, but not for the shared strings.)
fn check_zip_directory<R: Read + Seek>(r: &mut R, file: &str) -> Result<(), ImportError> {
    use std::io::SeekFrom;
    let Ok(len) = r.seek(SeekFrom::End(0)) else {
        return Ok(());
    };
    // The end-of-central-directory record: 22 bytes and a comment of at most 64 KiB.
    let tail_len = len.min(22 + 65_535);
    let mut tail = vec![0u8; tail_len as usize];
    if r.seek(SeekFrom::Start(len - tail_len)).is_err() || r.read_exact(&mut tail).is_err() {
        return Ok(());
    }
    let Some(eocd) = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..].starts_with(b"PK\x05\x06"))
    else {
        return Ok(());
    };
    let u16_at = |b: &[u8], i: usize| u16::from_le_bytes([b[i], b[i + 1]]) as u64;
    let u32_at =
        |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as u64;
    let entries = u16_at(&tail, eocd + 10);
    let dir_size = u32_at(&tail, eocd + 12);
    let dir_at = u32_at(&tail, eocd + 16);
    if dir_size > len || dir_at > len - dir_size {
        return Ok(());
    }
    let mut dir = vec![0u8; dir_size as usize];
    if r.seek(SeekFrom::Start(dir_at)).is_err() || r.read_exact(&mut dir).is_err() {
        return Ok(());
    }
    let mut at = 0usize;
    for _ in 0..entries {
        if at + 46 > dir.len() || !dir[at..].starts_with(b"PK\x01\x02") {
            break;
        }
        let unpacked = u32_at(&dir, at + 24);
        let name_len = u16_at(&dir, at + 28) as usize;
        let extra_len = u16_at(&dir, at + 30) as usize;
        let comment_len = u16_at(&dir, at + 32) as usize;
        let name = dir
            .get(at + 46..at + 46 + name_len)
            .map(String::from_utf8_lossy)
            .unwrap_or_default();
        // 0xFFFFFFFF means the size is in a zip64 field: at least that large.
        if unpacked > MAX_PART_BYTES || unpacked == u32::MAX as u64 {
            return Err(ImportError::Unsupported {
                file: file.to_string(),
                reason: format!(
                    "the workbook part {name} unpacks to {} bytes; the limit is {MAX_PART_BYTES} (1 GiB)",
                    if unpacked == u32::MAX as u64 {
                        "more than 4 GiB".to_string()
                    } else {
                        unpacked.to_string()
                    }
                ),
            });
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(())
}

std::thread_local! {
    /// Set while calamine runs on this thread: its panics are reported as
    /// errors, not printed.
    static IN_READER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, which calls calamine, turning a panic inside it into an error
/// naming the file. The panic hook in place is kept for every other panic.
fn guarded<T>(file: &str, f: impl FnOnce() -> Result<T, ImportError>) -> Result<T, ImportError> {
    static QUIET_HOOK: std::sync::Once = std::sync::Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_READER.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = IN_READER.with(|q| q.replace(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    IN_READER.with(|q| q.set(was));
    r.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(ImportError::Unsupported {
            file: file.to_string(),
            reason: format!(
                "damaged workbook: the spreadsheet reader failed on it ({what}); open and save it again in Excel, or export CSV"
            ),
        })
    })
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

fn read_xlsx_from<RS: Read + Seek>(rs: RS, file: &str) -> Result<Table, ImportError> {
    let unsupported = |reason: String| ImportError::Unsupported {
        file: file.to_string(),
        reason,
    };
    guarded(file, || {
        let mut wb: Xlsx<RS> =
            Xlsx::new(rs).map_err(|e| unsupported(format!("cannot open workbook: {e}")))?;
        let sheet = wb
            .sheet_names()
            .first()
            .cloned()
            .ok_or_else(|| unsupported("workbook has no sheet".into()))?;
        let mut cells: Vec<(u32, u32, String)> = Vec::new();
        let mut text_bytes = 0usize;
        match wb.worksheet_cells_reader(&sheet) {
            Err(XlsxError::NotAWorksheet(_)) => {} // a chart sheet: no rows
            Err(e) => return Err(unsupported(format!("cannot read sheet {sheet:?}: {e}"))),
            Ok(mut reader) => {
                let d = reader.dimensions();
                let (rows, cols) = (u64::from(d.end.0) + 1, u64::from(d.end.1) + 1);
                if rows > MAX_SHEET_ROWS || cols > MAX_SHEET_COLUMNS {
                    return Err(unsupported(format!(
                        "sheet {sheet:?} declares the range {}{}:{}{rows}, beyond Excel's {MAX_SHEET_ROWS} rows and {MAX_SHEET_COLUMNS} columns",
                        column_name(d.start.1.into()),
                        u64::from(d.start.0) + 1,
                        column_name(d.end.1.into()),
                    )));
                }
                while let Some(cell) = reader
                    .next_cell()
                    .map_err(|e| unsupported(format!("cannot read sheet {sheet:?}: {e}")))?
                {
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
                            format!("a cell in row {line}, beyond Excel's {MAX_SHEET_ROWS} rows"),
                        ));
                    }
                    if c as usize >= MAX_COLUMNS {
                        return Err(refuse(
                            file,
                            line,
                            Some(c as usize + 1),
                            "",
                            format!(
                                "a cell in column {} ({}), beyond the {MAX_COLUMNS} columns read",
                                column_name(c.into()),
                                u64::from(c) + 1
                            ),
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
                            format!(
                                "more than {MAX_TEXT_BYTES} bytes of text in all (512 MiB): split the file"
                            ),
                        ));
                    }
                    cells.push((r, c, text));
                }
            }
        }
        lay_out(cells, file)
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
            return Err(refuse(
                file,
                line,
                None,
                "",
                format!("a row of more than {MAX_ROW_BYTES} bytes (1 MiB)"),
            ));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_bytes_are_detected_and_decoded() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("名称,统一社会信用代码\n测试公司,91350200776049653A\n");
        let t = read_csv_bytes(&bytes, "x.csv", None).unwrap();
        assert_eq!(t.encoding, Some(TextEncoding::Gb18030));
        assert_eq!(t.headers, vec!["名称", "统一社会信用代码"]);
        assert_eq!(&t.rows[0].1[0], "测试公司");
        assert_eq!(t.rows[0].0, 2);
    }

    #[test]
    fn utf8_bom_is_stripped_and_blank_lines_skipped() {
        let t = read_csv_bytes("\u{feff}a,b\n\n1,2\n,,\n3,4\n".as_bytes(), "x.csv", None).unwrap();
        assert_eq!(t.headers, vec!["a", "b"]);
        let lines: Vec<u64> = t.rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, vec![3, 5]);
    }

    #[test]
    fn utf16_tab_separated_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "名称\t代码\r\n甲\t1\r\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let t = read_csv_bytes(&bytes, "x.txt", None).unwrap();
        assert_eq!(t.headers, vec!["名称", "代码"]);
        assert_eq!(&t.rows[0].1[1], "1");
    }

    #[test]
    fn forced_utf8_on_gbk_bytes_is_an_encoding_error() {
        let (bytes, _, _) = encoding_rs::GBK.encode("名称\n");
        let e = read_csv_bytes(&bytes, "x.csv", Some(TextEncoding::Utf8)).unwrap_err();
        assert!(matches!(e, ImportError::Encoding { .. }));
    }

    #[test]
    fn quoted_multiline_field_keeps_the_starting_line() {
        let t = read_csv_bytes(b"a,b\n\"x\ny\",2\n3,4\n", "x.csv", None).unwrap();
        assert_eq!(t.rows[0].0, 2);
        assert_eq!(t.rows[1].0, 4);
    }
}
