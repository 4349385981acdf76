//! Text encodings: detecting them, decoding, and listing where bytes are not
//! text in the encoding tried.

use super::TextEncoding;
use crate::io::import::messages::{self, Message, Tried};
use crate::io::import::reasons::Reason;
use crate::io::import::{ImportError, Issue};

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
            let bytes = messages::hex(&b.bytes);
            Issue::of(
                file,
                b.line,
                Some(b.column),
                "",
                Reason::Explained(Message::NotInEncoding {
                    bytes: &bytes,
                    offset: b.offset,
                    encoding: name,
                    how,
                }),
            )
        })
        .collect();
    ImportError::Encoding {
        file: file.to_string(),
        reason: messages::encoding_summary(lines.max(1), listed, name),
        problems,
    }
}

pub(super) fn decode(
    owned: Vec<u8>,
    file: &str,
    forced: Option<TextEncoding>,
) -> Result<(String, TextEncoding), ImportError> {
    let bytes = &owned[..];
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
    let bom8 = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    // UTF-8 when forced, or when the bytes are (and no UTF-16 mark says
    // otherwise): validated once, and the file's own buffer becomes the text,
    // without a copy (issue 17).
    let try_utf8 = match forced {
        Some(e) => e == TextEncoding::Utf8,
        None => !utf16,
    };
    let mut utf8_error = None;
    let owned = if try_utf8 {
        match String::from_utf8(owned) {
            Ok(mut text) => {
                text.drain(..bom8);
                return Ok((text, TextEncoding::Utf8));
            }
            Err(e) => {
                utf8_error = Some(e.utf8_error());
                e.into_bytes()
            }
        }
    } else {
        owned
    };
    let bytes = &owned[..];
    let enc = match forced {
        Some(e) => e,
        None if utf16 => TextEncoding::Utf16,
        None => TextEncoding::Gb18030,
    };
    match enc {
        TextEncoding::Utf8 => Err(encoding_error(
            file,
            encoding_rs::UTF_8,
            "UTF-8",
            &bytes[bom8..],
            bom8,
            Tried::Forced,
        )),
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
