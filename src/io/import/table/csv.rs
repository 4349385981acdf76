//! CSV text: decoding, then records with the line each starts on.

use super::encoding::decode;
use super::quotes::check_records;
use super::{Table, TextEncoding, check_file_size, refuse, too_many_cells, too_many_rows};
use crate::io::import::limits::{MAX_CELLS, MAX_ROWS, cell_too_long};
use crate::io::import::reasons::Reason;
use crate::io::import::{ImportError, Issue};
use csv::StringRecord;

/// Rows handed to a streamed reader at a time ([`read_csv_stream`]).
pub(crate) const BATCH_ROWS: usize = 16_384;

/// What a streamed CSV read hands over, in order: the header once (when
/// the file has a non-blank line), then the data rows in batches.
pub(crate) enum CsvEvent {
    /// The header cells and their line.
    Head(Vec<String>, u64),
    /// Up to [`BATCH_ROWS`] rows with their lines.
    Rows(Vec<(u64, StringRecord)>),
}

/// Decodes CSV bytes (see [`read_table`](super::read_table)) and parses them.
///
/// # Errors
/// As [`read_table`](super::read_table).
pub fn read_csv_bytes(
    bytes: &[u8],
    file: &str,
    encoding: Option<TextEncoding>,
) -> Result<Table, ImportError> {
    check_file_size(bytes.len() as u64, file)?;
    read_csv_vec(bytes.to_vec(), file, encoding)
}

/// [`read_csv_bytes`] taking the file's buffer (UTF-8 text is not copied).
///
/// # Errors
/// As [`read_table`](super::read_table).
pub(crate) fn read_csv_vec(
    bytes: Vec<u8>,
    file: &str,
    encoding: Option<TextEncoding>,
) -> Result<Table, ImportError> {
    let mut table = Table {
        headers: Vec::new(),
        header_line: 1,
        rows: Vec::new(),
        encoding: None,
    };
    let enc = read_csv_stream(bytes, file, encoding, &mut |ev| {
        match ev {
            CsvEvent::Head(h, line) => {
                table.headers = h;
                table.header_line = line;
            }
            CsvEvent::Rows(mut rows) => table.rows.append(&mut rows),
        }
        Ok(())
    })?;
    table.encoding = Some(enc);
    Ok(table)
}

/// Decodes CSV bytes and hands the header and the rows to `on` a batch at a
/// time, under the same limits and with the same errors as
/// [`read_csv_bytes`]: a caller that keeps only what it makes of each batch
/// never holds the whole table (issue 17). An error from `on` stops the read.
/// The records are read on a scoped thread a few batches ahead of `on`
/// (which runs on the caller's thread), so that reading and handling the
/// rows use both cores; `on` sees exactly the events, in the same order, and
/// the same error, that one thread doing both would give.
///
/// # Errors
/// As [`read_table`](super::read_table), or `on`'s.
pub(crate) fn read_csv_stream(
    bytes: Vec<u8>,
    file: &str,
    encoding: Option<TextEncoding>,
    on: &mut dyn FnMut(CsvEvent) -> Result<(), ImportError>,
) -> Result<TextEncoding, ImportError> {
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
    // The records are read on a thread of their own, a few batches ahead of
    // `on`: reading the CSV (one core) and what `on` makes of each batch run
    // side by side. Events arrive in order; `on`'s error stops the reader.
    let (tx, rx) = std::sync::mpsc::sync_channel::<CsvEvent>(2);
    let text = text.as_bytes();
    let (read, handled) = std::thread::scope(|s| {
        let reader = s.spawn(move || {
            read_records(text, delimiter, file, &mut |ev| {
                tx.send(ev).map_err(|_| Halt::Stopped)
            })
        });
        let mut handled = Ok(());
        for ev in rx {
            if let Err(e) = on(ev) {
                handled = Err(e);
                break; // dropping `rx` stops the reader at its next batch
            }
        }
        (reader.join(), handled)
    });
    handled?;
    match read {
        Ok(Ok(())) => Ok(enc),
        Ok(Err(Halt::Failed(e))) => Err(e),
        // Only after `on` failed, which was returned above.
        Ok(Err(Halt::Stopped)) => Err(ImportError::Io {
            file: file.to_string(),
            source: std::io::Error::other("the CSV reader was stopped"),
        }),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Why [`read_records`] stopped early.
enum Halt {
    /// The file is refused.
    Failed(ImportError),
    /// The receiver is gone (its handler failed).
    Stopped,
}

impl From<ImportError> for Halt {
    fn from(e: ImportError) -> Self {
        Halt::Failed(e)
    }
}

/// The records of `text` (checked by [`check_records`]) handed to `on`:
/// the header, then batches of rows with their lines.
fn read_records(
    text: &[u8],
    delimiter: u8,
    file: &str,
    on: &mut dyn FnMut(CsvEvent) -> Result<(), Halt>,
) -> Result<(), Halt> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text);
    let mut rows = Vec::new();
    let mut count = 0usize;
    let mut has_header = false;
    let mut cells = 0usize;
    let mut rec = StringRecord::new();
    // csv reports a record after blank lines at the first blank line, so lines
    // are counted here from the byte offset, past any leading line breaks.
    let (mut cursor, mut line_at_cursor) = (0usize, 1u64);
    let mut line_of = |start: usize| {
        let mut s = start.min(text.len());
        while s < text.len() && (text[s] == b'\n' || text[s] == b'\r') {
            s += 1;
        }
        line_at_cursor += text[cursor..s].iter().filter(|&&b| b == b'\n').count() as u64;
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
                        return Err(refuse(file, line, Some(i + 1), f, reason).into());
                    }
                }
                if has_header && count >= MAX_ROWS {
                    return Err(too_many_rows(file, line).into());
                }
                cells += rec.len();
                if cells > MAX_CELLS {
                    return Err(too_many_cells(file, line).into());
                }
                if !has_header {
                    has_header = true;
                    on(CsvEvent::Head(
                        rec.iter().map(str::to_string).collect(),
                        line,
                    ))?;
                } else {
                    rows.push((line, rec.clone()));
                    count += 1;
                    if rows.len() >= BATCH_ROWS {
                        on(CsvEvent::Rows(std::mem::take(&mut rows)))?;
                    }
                }
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Err(Halt::Failed(ImportError::Rejected {
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
                }));
            }
        }
    }
    if !rows.is_empty() {
        on(CsvEvent::Rows(rows))?;
    }
    Ok(())
}
