//! The sizes of CSV records and unbalanced quotes, found on the text before
//! the csv reader reads it.

use super::{refuse, row_too_long};
use crate::io::import::limits::{MAX_COLUMNS, MAX_ROW_BYTES, preview};
use crate::io::import::messages::Message;
use crate::io::import::reasons::Reason;
use crate::io::import::{ImportError, Issue};

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
pub(super) fn check_records(
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
    let mut i = 0;
    while i < text.len() {
        if state == S::Unquoted && skips_runs() {
            // The ordinary bytes of an unquoted cell change nothing but the
            // record's length: skipped to the next delimiter, line break or
            // quote, with the length checked as byte by byte.
            let run = text[i..]
                .iter()
                .position(|&c| c == delimiter || c == b'\n' || c == b'\r' || c == b'"')
                .unwrap_or(text.len() - i);
            if run > 0 {
                if i + run - start > MAX_ROW_BYTES {
                    return Err(row_too_long(file, record_line, None));
                }
                i += run;
                continue;
            }
        }
        let b = text[i];
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
            i += 1;
            continue;
        }
        if i + 1 - start > MAX_ROW_BYTES {
            let never_closed = state == S::Quoted && !text[i..].contains(&b'"');
            let open_quote = match &quotes.open {
                Some(o) if never_closed => Some((o.line, o.column)),
                _ => None,
            };
            return Err(row_too_long(file, record_line, open_quote));
        }
        if fields > MAX_COLUMNS {
            return Err(refuse(
                file,
                record_line,
                Some(fields),
                "",
                Reason::TooManyColumns { limit: MAX_COLUMNS },
            ));
        }
        i += 1;
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

/// Whether [`check_records`] skips the ordinary bytes of unquoted cells
/// (tests compare it with reading them one by one).
#[cfg(not(test))]
fn skips_runs() -> bool {
    true
}

#[cfg(test)]
thread_local! {
    /// Set by a test to make [`check_records`] read every byte.
    static BYTE_BY_BYTE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
fn skips_runs() -> bool {
    !BYTE_BY_BYTE.with(std::cell::Cell::get)
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
            Message::QuoteClosedWithTextAfter { close_line: line }
        } else if o.delimiters >= self.swallowed {
            Message::QuoteSwallowsRows { close_line: line }
        } else {
            return;
        };
        self.problems.push(Issue::of(
            self.file,
            o.line,
            Some(o.column),
            &line_from(self.text, o.at),
            Reason::Explained(reason),
        ));
    }

    /// The text ends inside a quoted cell.
    fn never_closed(&mut self) {
        if let Some(o) = self.open.take() {
            self.problems.push(Issue::of(
                self.file,
                o.line,
                Some(o.column),
                &line_from(self.text, o.at),
                Reason::Explained(Message::QuoteNeverClosed),
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
            self.problems.push(Issue::of(
                self.file,
                line,
                Some(column),
                &preview(cell),
                Reason::Explained(Message::StrayQuoteInCell { position }),
            ));
        }
        (self.field_at, self.loose) = (end + 1, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn both(text: &[u8], delimiter: u8) -> (String, String) {
        let run = |byte_by_byte: bool| {
            BYTE_BY_BYTE.with(|c| c.set(byte_by_byte));
            let r = check_records(text, delimiter, 3, "t.csv");
            BYTE_BY_BYTE.with(|c| c.set(false));
            format!("{r:?}")
        };
        (run(false), run(true))
    }

    proptest! {
        /// Guards the skipped runs: on text of cells, delimiters, line breaks,
        /// stray and balanced quotes, and cells that make a record just under,
        /// at or just over the length limit, [`check_records`] gives what
        /// reading every byte gives (the same refusal, line and column).
        #[test]
        fn skipping_ordinary_bytes_finds_what_reading_each_byte_finds(
            pieces in prop::collection::vec(prop_oneof![
                Just("甲乙".to_string()),
                Just("abc".to_string()),
                Just(",".to_string()),
                Just("\t".to_string()),
                Just("\n".to_string()),
                Just("\r\n".to_string()),
                Just("\r".to_string()),
                Just("\"".to_string()),
                Just("\"\"".to_string()),
                Just("\"x,\ny\"".to_string()),
            ], 0..40),
            long in prop::option::of((0usize..40, 0usize..5)),
            tab in any::<bool>(),
        ) {
            let mut text = pieces.concat();
            if let Some((at, over)) = long {
                let at = text.char_indices().map(|(i, _)| i).nth(at).unwrap_or(text.len());
                text.insert_str(at, &"x".repeat(MAX_ROW_BYTES - 2 + over));
            }
            let (skipped, each) = both(text.as_bytes(), if tab { b'\t' } else { b',' });
            prop_assert_eq!(skipped, each);
        }
    }

    #[test]
    fn a_record_one_byte_over_the_limit_is_refused_on_its_line() {
        let ok = format!("a,b\n{}\n", "x".repeat(MAX_ROW_BYTES));
        assert!(check_records(ok.as_bytes(), b',', 1, "t.csv").is_ok());
        let over = format!("a,b\n{}\n", "x".repeat(MAX_ROW_BYTES + 1));
        let e = check_records(over.as_bytes(), b',', 1, "t.csv").unwrap_err();
        assert!(format!("{e:?}").contains("line: 2"), "{e:?}");
        let (skipped, each) = both(over.as_bytes(), b',');
        assert_eq!(skipped, each);
    }
}
