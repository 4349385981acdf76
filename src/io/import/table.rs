//! Reading tables as other systems export them: CSV in UTF-8 (with or without
//! BOM), GB18030/GBK (Chinese Excel's "CSV"), UTF-16 with BOM (Excel's "Unicode
//! text", tab-separated), and `.xlsx` workbooks (a sheet chosen by
//! [`SheetChoice`]).
//!
//! Every file is read under the limits of [`super::limits`], each checked
//! before the memory it guards is allocated. Workbooks are streamed cell by
//! cell (calamine's whole-sheet `Range` allocates its declared extent), and a
//! panic inside calamine is caught and reported as an error naming the file.

use super::limits::{
    MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_PART_BYTES, MAX_ROW_BYTES, MAX_ROWS,
    MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_TEXT_BYTES, cell_too_long, preview,
};
use super::messages::{self, Tried};
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
    read_csv_bytes(&bytes, &display, encoding).map(|t| (t, None))
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

/// A quoted cell being walked by [`check_records`].
struct OpenQuote {
    /// Line and 1-based column (cell number) of the cell the quote opens.
    line: u64,
    column: usize,
    /// Byte offset of the quote.
    at: usize,
    /// Whether a line break is inside the quotes so far.
    spans_lines: bool,
    /// Delimiters inside the quotes so far.
    delimiters: usize,
}

/// The text from byte `at` to the end of its line, shortened for a message.
fn line_from(text: &[u8], at: usize) -> String {
    let rest = &text[at.min(text.len())..];
    let end = rest
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(rest.len());
    preview(std::str::from_utf8(&rest[..end]).unwrap_or(""))
}

/// Walks CSV text as the csv reader will (fields quoted with `"` at their
/// start, `""` inside quotes, records ended by LF, CR or CRLF outside quotes)
/// and refuses a record longer than [`MAX_ROW_BYTES`] or with more than
/// [`MAX_COLUMNS`] fields, naming the line it starts on.
///
/// It also finds unbalanced quotes, each a problem at the line and column
/// (cell) where it is: a quote opening a cell that is never closed; one whose
/// cell spans lines and goes on after the closing quote, or spans lines and
/// holds at least as many delimiters as the header line (at least 2): whole
/// rows swallowed by a stray quote; and an odd number of quotes inside a cell
/// that does not start with one.
fn check_records(
    text: &[u8],
    delimiter: u8,
    header_delimiters: usize,
    file: &str,
) -> Result<(), ImportError> {
    #[derive(PartialEq, Clone, Copy)]
    enum S {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = S::FieldStart;
    let (mut start, mut fields, mut line, mut record_line) = (0usize, 1usize, 1u64, 1u64);
    let mut quotes = QuoteCheck {
        text,
        file,
        delimiter,
        swallowed: header_delimiters.max(2),
        open: None,
        field_at: 0,
        loose: 0,
        first_loose: 0,
        out_of_step: false,
        problems: Vec::new(),
    };
    for (i, &b) in text.iter().enumerate() {
        let mut end_of_record = false;
        match state {
            S::Quoted => {
                if b == b'"' {
                    state = S::QuoteInQuoted;
                } else if let Some(o) = quotes.open.as_mut() {
                    if b == b'\n' {
                        o.spans_lines = true;
                    } else if b == delimiter {
                        o.delimiters += 1;
                    }
                }
            }
            S::QuoteInQuoted if b == b'"' => state = S::Quoted,
            S::FieldStart if b == b'"' => {
                state = S::Quoted;
                quotes.open = Some(OpenQuote {
                    line,
                    column: fields,
                    at: i,
                    spans_lines: false,
                    delimiters: 0,
                });
            }
            _ => {
                if state == S::QuoteInQuoted {
                    quotes.close(Some(b), line);
                }
                if b == delimiter || b == b'\n' || b == b'\r' {
                    quotes.end_field(i, line, fields);
                }
                if b == delimiter {
                    fields += 1;
                    state = S::FieldStart;
                } else if b == b'\n' || b == b'\r' {
                    end_of_record = true;
                } else {
                    if b == b'"' {
                        quotes.loose_quote(i);
                    }
                    state = S::Unquoted;
                }
            }
        }
        if b == b'\n' {
            line += 1;
        }
        if end_of_record {
            (start, fields, record_line, state) = (i + 1, 1, line, S::FieldStart);
            quotes.out_of_step = false;
            continue;
        }
        if i + 1 - start > MAX_ROW_BYTES {
            let never_closed = state == S::Quoted && !text[i..].contains(&b'"');
            return Err(refuse(
                file,
                record_line,
                None,
                "",
                format!(
                    "a row of more than {MAX_ROW_BYTES} bytes (1 MiB){}",
                    match &quotes.open {
                        Some(o) if never_closed => messages::row_limit_open_quote(o.line, o.column),
                        _ => String::new(),
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
    match state {
        S::Quoted => quotes.never_closed(),
        S::QuoteInQuoted => quotes.close(None, line),
        _ => quotes.end_field(text.len(), line, fields),
    }
    let mut problems = quotes.problems;
    if problems.is_empty() {
        return Ok(());
    }
    problems.sort_by_key(|p| (p.line, p.column));
    Err(ImportError::Rejected {
        problems,
        warnings: vec![],
    })
}

/// The unbalanced quotes [`check_records`] finds.
struct QuoteCheck<'a> {
    text: &'a [u8],
    file: &'a str,
    delimiter: u8,
    /// Delimiters inside a quoted cell spanning lines that make it look like
    /// whole rows.
    swallowed: usize,
    /// The quoted cell being read.
    open: Option<OpenQuote>,
    /// Where the current cell starts.
    field_at: usize,
    /// Quotes inside the current cell not part of its quoting, and where the
    /// first is.
    loose: usize,
    first_loose: usize,
    /// After a quote closed with text after it, the rest of that record is
    /// read out of step: its quotes are not reported again.
    out_of_step: bool,
    problems: Vec<Issue>,
}

impl QuoteCheck<'_> {
    /// A quote inside a cell, not part of its quoting.
    fn loose_quote(&mut self, at: usize) {
        if self.loose == 0 {
            self.first_loose = at;
        }
        self.loose += 1;
    }

    /// The quoted cell closes before byte `next` (None: the end of the text),
    /// on line `line`.
    fn close(&mut self, next: Option<u8>, line: u64) {
        let Some(o) = self.open.take().filter(|o| o.spans_lines) else {
            return;
        };
        let delimiter = self.delimiter;
        let text_after = next.is_some_and(|b| b != delimiter && b != b'\n' && b != b'\r');
        let reason = if text_after {
            self.out_of_step = true;
            messages::quote_closed_with_text_after(line)
        } else if o.delimiters >= self.swallowed {
            messages::quote_swallows_rows(line)
        } else {
            return;
        };
        self.problems.push(Issue::new(
            self.file,
            o.line,
            Some(o.column),
            &line_from(self.text, o.at),
            reason,
        ));
    }

    /// The text ends inside a quoted cell.
    fn never_closed(&mut self) {
        if let Some(o) = self.open.take() {
            self.problems.push(Issue::new(
                self.file,
                o.line,
                Some(o.column),
                &line_from(self.text, o.at),
                messages::quote_never_closed(),
            ));
        }
    }

    /// The cell `column` of line `line` ends at byte `end`: an odd number of
    /// loose quotes in it is a problem.
    fn end_field(&mut self, end: usize, line: u64, column: usize) {
        if self.loose % 2 == 1 && !self.out_of_step {
            let cell = std::str::from_utf8(&self.text[self.field_at..end]).unwrap_or("");
            let position = self.text[self.field_at..self.first_loose]
                .iter()
                .filter(|&&b| b & 0xC0 != 0x80)
                .count()
                + 1;
            self.problems.push(Issue::new(
                self.file,
                line,
                Some(column),
                &preview(cell),
                messages::stray_quote_in_cell(position),
            ));
        }
        (self.field_at, self.loose) = (end + 1, 0);
    }
}

/// Most lines with bytes not in the encoding tried that one refusal lists.
const ENCODING_LINES_LISTED: usize = 200;

/// One place where bytes are not text in the encoding tried.
struct BadBytes {
    line: u64,
    /// 1-based character column: characters decoded before it on its line, plus 1.
    column: usize,
    /// Byte offset in the file.
    offset: usize,
    bytes: Vec<u8>,
}

/// Where `bytes` (which start at byte `base` of the file) are not text in
/// `enc`: the first bad sequence of each line, at most
/// [`ENCODING_LINES_LISTED`], and how many lines have one. Only called once
/// the fast decoding failed.
fn bad_bytes(
    enc: &'static encoding_rs::Encoding,
    bytes: &[u8],
    base: usize,
) -> (Vec<BadBytes>, usize) {
    use encoding_rs::DecoderResult;
    let mut dec = enc.new_decoder_without_bom_handling();
    let mut buf = String::with_capacity(64 * 1024);
    let (mut consumed, mut line, mut column) = (0usize, 1u64, 0usize);
    let (mut found, mut lines, mut last_line) = (Vec::new(), 0usize, 0u64);
    loop {
        buf.clear();
        let (result, read) =
            dec.decode_to_string_without_replacement(&bytes[consumed..], &mut buf, true);
        for ch in buf.chars() {
            if ch == '\n' {
                line += 1;
                column = 0;
            } else {
                column += 1;
            }
        }
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(len, after) => {
                let end = consumed + read - usize::from(after);
                let start = end.saturating_sub(usize::from(len));
                if line != last_line {
                    lines += 1;
                    last_line = line;
                    if found.len() < ENCODING_LINES_LISTED {
                        found.push(BadBytes {
                            line,
                            column: column + 1,
                            offset: base + start,
                            bytes: bytes[start..end].to_vec(),
                        });
                    }
                }
                column += 1; // shown as one character (�) by an editor
            }
        }
        consumed += read;
        if read == 0 && matches!(result, DecoderResult::OutputFull) {
            buf.reserve(64 * 1024);
        }
    }
    (found, lines)
}

fn encoding_error(
    file: &str,
    enc: &'static encoding_rs::Encoding,
    name: &str,
    bytes: &[u8],
    base: usize,
    how: Tried,
) -> ImportError {
    let (found, lines) = bad_bytes(enc, bytes, base);
    let listed = found.len();
    let problems = found
        .into_iter()
        .map(|b| {
            Issue::new(
                file,
                b.line,
                Some(b.column),
                "",
                messages::not_in_encoding(&b.bytes, b.offset, name, how),
            )
        })
        .collect();
    ImportError::Encoding {
        file: file.to_string(),
        reason: messages::encoding_summary(lines.max(1), listed, name),
        problems,
    }
}

fn decode(
    bytes: &[u8],
    file: &str,
    forced: Option<TextEncoding>,
) -> Result<(String, TextEncoding), ImportError> {
    // A workbook given another extension is not text in any encoding.
    let unsupported = |reason: String| ImportError::Unsupported {
        file: file.to_string(),
        reason,
    };
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(unsupported(messages::workbook_named_as_text()));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(unsupported(messages::old_workbook_named_as_text()));
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let utf8_error = match forced {
        None if !utf16 => std::str::from_utf8(bytes).err(),
        _ => None,
    };
    let enc = match forced {
        Some(e) => e,
        None if utf16 => TextEncoding::Utf16,
        None if utf8_error.is_none() => TextEncoding::Utf8,
        None => TextEncoding::Gb18030,
    };
    let bom8 = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    match enc {
        TextEncoding::Utf8 => match std::str::from_utf8(&bytes[bom8..]) {
            Ok(s) => Ok((s.to_string(), enc)),
            Err(_) => Err(encoding_error(
                file,
                encoding_rs::UTF_8,
                "UTF-8",
                &bytes[bom8..],
                bom8,
                Tried::Forced,
            )),
        },
        TextEncoding::Gb18030 => {
            let b = &bytes[bom8..];
            match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(b) {
                Some(s) => Ok((s.into_owned(), enc)),
                None => {
                    let how = match utf8_error {
                        Some(e) => {
                            // The bytes before the first that is not UTF-8 are UTF-8.
                            let valid = e.valid_up_to();
                            let text = std::str::from_utf8(&bytes[bom8..valid]).unwrap_or("");
                            let line = 1 + text.bytes().filter(|&b| b == b'\n').count() as u64;
                            Tried::AfterUtf8 { line }
                        }
                        None => Tried::Forced,
                    };
                    Err(encoding_error(
                        file,
                        encoding_rs::GB18030,
                        "GB18030/GBK",
                        b,
                        bom8,
                        how,
                    ))
                }
            }
        }
        TextEncoding::Utf16 => {
            let (coding, bom) = match encoding_rs::Encoding::for_bom(bytes) {
                Some((e, n)) if e == encoding_rs::UTF_16BE => (e, n),
                Some((e, n)) if e == encoding_rs::UTF_16LE => (e, n),
                _ => (encoding_rs::UTF_16LE, 0),
            };
            match coding.decode_without_bom_handling_and_without_replacement(&bytes[bom..]) {
                Some(s) => Ok((s.into_owned(), enc)),
                None => Err(encoding_error(
                    file,
                    coding,
                    coding.name(),
                    &bytes[bom..],
                    bom,
                    if forced.is_some() {
                        Tried::Forced
                    } else {
                        Tried::Bom
                    },
                )),
            }
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
    read_xlsx_bytes_sheet(bytes, file, &SheetChoice::First).map(|(t, _)| t)
}

/// As [`read_xlsx_bytes`], reading the sheet `sheet` chooses; returns its name.
///
/// # Errors
/// As [`read_table_sheet`].
pub fn read_xlsx_bytes_sheet(
    bytes: &[u8],
    file: &str,
    sheet: &SheetChoice,
) -> Result<(Table, Option<String>), ImportError> {
    check_file_size(bytes.len() as u64, file)?;
    check_zip_directory(&mut std::io::Cursor::new(bytes), file)?;
    read_xlsx_from(std::io::Cursor::new(bytes), file, sheet)
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

/// Whether a worksheet holds a cell with text other than spaces (read up to
/// the first one). A chart sheet holds none.
fn has_data<RS: Read + Seek>(
    wb: &mut Xlsx<RS>,
    sheet: &str,
    file: &str,
) -> Result<bool, ImportError> {
    let unsupported = |e: XlsxError| ImportError::Unsupported {
        file: file.to_string(),
        reason: format!("cannot read sheet {sheet:?}: {e}"),
    };
    let mut reader = match wb.worksheet_cells_reader(sheet) {
        Err(XlsxError::NotAWorksheet(_)) => return Ok(false),
        Err(e) => return Err(unsupported(e)),
        Ok(r) => r,
    };
    while let Some(cell) = reader.next_cell().map_err(unsupported)? {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        if !cell_text(&Data::from(cell.get_value().clone()))
            .trim()
            .is_empty()
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The sheet `choice` names in `wb`.
fn choose_sheet<RS: Read + Seek>(
    wb: &mut Xlsx<RS>,
    choice: &SheetChoice,
    file: &str,
) -> Result<String, ImportError> {
    let sheets: Vec<(String, bool)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != calamine::SheetVisible::Visible))
        .collect();
    let Some(first) = sheets.first().map(|(n, _)| n.clone()) else {
        return Err(ImportError::Unsupported {
            file: file.to_string(),
            reason: "workbook has no sheet".into(),
        });
    };
    match choice {
        SheetChoice::First => Ok(first),
        SheetChoice::Named(name) => {
            if let Some((n, _)) = sheets.iter().find(|(n, _)| n == name) {
                return Ok(n.clone());
            }
            let loose: Vec<&String> = sheets
                .iter()
                .map(|(n, _)| n)
                .filter(|n| n.trim().to_lowercase() == name.trim().to_lowercase())
                .collect();
            match loose.as_slice() {
                [one] => Ok((*one).clone()),
                _ => Err(ImportError::Sheet {
                    file: file.to_string(),
                    reason: messages::sheet_not_found(name, &sheets),
                    sheets: sheets.iter().map(|(n, _)| n.clone()).collect(),
                    not_found: true,
                }),
            }
        }
        SheetChoice::OnlyWithData => {
            let mut with_data = Vec::new();
            for (name, hidden) in &sheets {
                if has_data(wb, name, file)? {
                    with_data.push((name.clone(), *hidden));
                }
            }
            let visible: Vec<(String, bool)> =
                with_data.iter().filter(|(_, h)| !h).cloned().collect();
            let candidates = if visible.is_empty() {
                with_data
            } else {
                visible
            };
            match candidates.len() {
                0 => Ok(first),
                1 => Ok(candidates[0].0.clone()),
                _ => Err(ImportError::Sheet {
                    file: file.to_string(),
                    reason: messages::several_sheets(&candidates),
                    sheets: candidates.into_iter().map(|(n, _)| n).collect(),
                    not_found: false,
                }),
            }
        }
    }
}

fn read_xlsx_from<RS: Read + Seek>(
    rs: RS,
    file: &str,
    choice: &SheetChoice,
) -> Result<(Table, Option<String>), ImportError> {
    let unsupported = |reason: String| ImportError::Unsupported {
        file: file.to_string(),
        reason,
    };
    guarded(file, || {
        let mut wb: Xlsx<RS> =
            Xlsx::new(rs).map_err(|e| unsupported(format!("cannot open workbook: {e}")))?;
        let sheet = choose_sheet(&mut wb, choice, file)?;
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

    fn problems(e: ImportError) -> Vec<(u64, Option<usize>, String)> {
        match e {
            ImportError::Rejected { problems, .. } | ImportError::Encoding { problems, .. } => {
                problems
                    .into_iter()
                    .map(|p| (p.line, p.column, p.reason))
                    .collect()
            }
            e => panic!("unexpected {e}"),
        }
    }

    #[test]
    fn encoding_errors_name_line_and_character_column_of_each_bad_line() {
        let (gbk, _, _) = encoding_rs::GBK.encode("a,b\n名称,x\nok,ok\n甲乙,丙\n");
        let e = read_csv_bytes(&gbk, "x.csv", Some(TextEncoding::Utf8)).unwrap_err();
        let p = problems(e);
        let at: Vec<(u64, Option<usize>)> = p.iter().map(|(l, c, _)| (*l, *c)).collect();
        assert_eq!(at, [(2, Some(1)), (4, Some(1))]);
        assert!(
            p[0].2.contains("byte(s) C3 ") && p[0].2.contains("not UTF-8"),
            "{}",
            p[0].2
        );
        // Bad bytes after text on the line: the column counts characters.
        let (gbk, _, _) = encoding_rs::GBK.encode("名称,代码\n甲公司,\u{3000}");
        let mut bytes = gbk.into_owned();
        bytes.extend_from_slice(&[0xFF, b'\n']);
        let p = problems(read_csv_bytes(&bytes, "x.csv", None).unwrap_err());
        assert_eq!((p[0].0, p[0].1), (2, Some(6)), "{p:?}");
        assert!(p[0].2.contains("GB18030"), "{}", p[0].2);
        assert!(p[0].2.contains("from line 1 on"), "{}", p[0].2);
        // A lead byte followed by a line break: the line break is kept.
        let p = problems(read_csv_bytes(b"a,b\nx\x81\nab\xFF\n", "x.csv", None).unwrap_err());
        let at: Vec<(u64, Option<usize>)> = p.iter().map(|(l, c, _)| (*l, *c)).collect();
        assert_eq!(at, [(2, Some(2)), (3, Some(3))]);
    }

    #[test]
    fn a_workbook_named_csv_is_recognised() {
        let e = read_csv_bytes(b"PK\x03\x04rest", "x.csv", None).unwrap_err();
        assert!(e.to_string().contains("name the file .xlsx"), "{e}");
    }

    #[test]
    fn unbalanced_quotes_are_found_where_they_are() {
        let header = "a,b,c,d\n";
        // Never closed.
        let p = problems(
            read_csv_bytes(
                format!("{header}1,\"2,3,4\n5,6,7,8\n").as_bytes(),
                "x.csv",
                None,
            )
            .unwrap_err(),
        );
        assert_eq!((p[0].0, p[0].1), (2, Some(2)));
        assert!(p[0].2.contains("never closed"), "{}", p[0].2);
        // Closed on a later line with text after it.
        let t = format!("{header}1,\"2,3,4\n5,6,7,8\n9,\"x,y\",1,2\n");
        let p = problems(read_csv_bytes(t.as_bytes(), "x.csv", None).unwrap_err());
        assert_eq!((p[0].0, p[0].1), (2, Some(2)));
        assert!(p[0].2.contains("line 4"), "{}", p[0].2);
        // Closed before a delimiter, swallowing a whole row.
        let t = format!("{header}1,\"2,3,4\n5,6,7,8\n9,x\",1,2\n");
        let p = problems(read_csv_bytes(t.as_bytes(), "x.csv", None).unwrap_err());
        assert_eq!((p[0].0, p[0].1), (2, Some(2)));
        assert!(p[0].2.contains("look like whole rows"), "{}", p[0].2);
        // A lone quote inside a cell.
        let t = format!("{header}1,甲公司\",3,4\n");
        let p = problems(read_csv_bytes(t.as_bytes(), "x.csv", None).unwrap_err());
        assert_eq!((p[0].0, p[0].1), (2, Some(2)));
        assert!(p[0].2.contains("character 4"), "{}", p[0].2);
        // Balanced and well-formed quoting is fine, across lines too.
        let t = format!("{header}1,\"甲\"\"乙\"\"\",\"x\ny, z\",4\n5,a \"b\" c,7,8\n");
        let table = read_csv_bytes(t.as_bytes(), "x.csv", None).unwrap();
        assert_eq!(&table.rows[0].1[1], "甲\"乙\"");
        assert_eq!(table.rows.len(), 2);
    }

    #[test]
    fn quoted_multiline_field_keeps_the_starting_line() {
        let t = read_csv_bytes(b"a,b\n\"x\ny\",2\n3,4\n", "x.csv", None).unwrap();
        assert_eq!(t.rows[0].0, 2);
        assert_eq!(t.rows[1].0, 4);
    }
}
