//! Reading tables as other systems export them: CSV in UTF-8 (with or without
//! BOM), GB18030/GBK (Chinese Excel's "CSV"), UTF-16 with BOM (Excel's "Unicode
//! text", tab-separated), and `.xlsx` workbooks (first sheet).

use super::{ImportError, Issue};
use calamine::{Data, Reader};
use csv::StringRecord;
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
pub fn read_table(path: &Path, encoding: Option<TextEncoding>) -> Result<Table, ImportError> {
    let display = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if ext == "xlsx" || ext == "xlsm" {
        return read_xlsx(path, &display);
    }
    if ext == "xls" {
        return Err(ImportError::Unsupported {
            file: display,
            reason: "old .xls workbooks are not read; save as .xlsx or CSV".into(),
        });
    }
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        file: display.clone(),
        source,
    })?;
    read_csv_bytes(&bytes, &display, encoding)
}

/// Decodes CSV bytes (see [`read_table`]) and parses them.
pub fn read_csv_bytes(
    bytes: &[u8],
    file: &str,
    encoding: Option<TextEncoding>,
) -> Result<Table, ImportError> {
    let (text, enc) = decode(bytes, file, encoding)?;
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut headers: Option<Vec<String>> = None;
    let mut header_line = 1;
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

fn read_xlsx(path: &Path, file: &str) -> Result<Table, ImportError> {
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| ImportError::Unsupported {
        file: file.to_string(),
        reason: format!("cannot open workbook: {e}"),
    })?;
    let sheet = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| ImportError::Unsupported {
            file: file.to_string(),
            reason: "workbook has no sheet".into(),
        })?;
    let range = wb
        .worksheet_range(&sheet)
        .map_err(|e| ImportError::Unsupported {
            file: file.to_string(),
            reason: format!("cannot read sheet {sheet:?}: {e}"),
        })?;
    let first_row = range.start().map(|(r, _)| r as u64).unwrap_or(0);
    let first_col = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    let mut headers: Option<Vec<String>> = None;
    let mut header_line = 1;
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let mut cells: Vec<String> = vec![String::new(); first_col];
        cells.extend(row.iter().map(cell_text));
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = first_row + i as u64 + 1;
        if headers.is_none() {
            headers = Some(cells);
            header_line = line;
        } else {
            rows.push((line, StringRecord::from(cells)));
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
