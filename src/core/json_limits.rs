//! Reading JSON the same way in every implementation (`docs/SPEC.md` §10):
//! UTF-8; one byte-order mark at the very start skipped, anywhere else an
//! error; nesting at most [`MAX_DEPTH`] deep; a size limit per kind of file.
//! Checked on the bytes before any parse.

/// Deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 64;
/// Largest proof, opening or replacement list accepted (256 MiB).
pub const MAX_PROOF_BYTES: u64 = 256 << 20;
/// Largest public snapshot accepted (8 GiB).
pub const MAX_SNAPSHOT_BYTES: u64 = 8 << 30;

/// Why a JSON file is refused before parsing (§10).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonLimitError {
    /// Larger than the limit.
    #[error("{size} bytes: larger than the {limit} bytes allowed for this kind of file (SPEC §10)")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Not UTF-8.
    #[error("not UTF-8 text (byte {at})")]
    NotUtf8 {
        /// Byte offset of the first bad byte.
        at: usize,
    },
    /// A byte-order mark after the start.
    #[error(
        "a byte-order mark (U+FEFF) at byte {at}: one is allowed only at the very start (SPEC §10)"
    )]
    Bom {
        /// Its byte offset.
        at: usize,
    },
    /// Nested too deep.
    #[error("nested more than {MAX_DEPTH} arrays and objects deep (at byte {at}; SPEC §10)")]
    TooDeep {
        /// Byte offset where the limit was passed.
        at: usize,
    },
}

/// Checks `bytes` against §10 and returns the text without a leading BOM.
///
/// # Errors
/// [`JsonLimitError`].
pub fn checked_text(bytes: &[u8], limit: u64) -> Result<&str, JsonLimitError> {
    let size = bytes.len() as u64;
    if size > limit {
        return Err(JsonLimitError::TooLarge { size, limit });
    }
    let (skip, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    let text = std::str::from_utf8(body).map_err(|e| JsonLimitError::NotUtf8 {
        at: skip + e.valid_up_to(),
    })?;
    if let Some(at) = text.find('\u{FEFF}') {
        return Err(JsonLimitError::Bom { at: skip + at });
    }
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, &b) in body.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(JsonLimitError::TooDeep { at: skip + i });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_bom_is_skipped_and_any_other_refused() {
        assert_eq!(checked_text(b"\xEF\xBB\xBF{}", 100), Ok("{}"));
        assert_eq!(
            checked_text(b"{\"a\":\"\xEF\xBB\xBF\"}", 100),
            Err(JsonLimitError::Bom { at: 6 })
        );
        assert!(checked_text(b"\xEF\xBB\xBF\xEF\xBB\xBF{}", 100).is_err());
    }

    #[test]
    fn nesting_is_limited_outside_strings_only() {
        let ok = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert!(checked_text(ok.as_bytes(), 1 << 20).is_ok());
        let deep = "[".repeat(100_000);
        assert_eq!(
            checked_text(deep.as_bytes(), 1 << 20),
            Err(JsonLimitError::TooDeep { at: 64 })
        );
        let in_string = format!("[\"{}\\\"{}\"]", "[".repeat(100), "{".repeat(100));
        assert!(checked_text(in_string.as_bytes(), 1 << 20).is_ok());
    }

    #[test]
    fn size_and_encoding_are_checked() {
        assert!(matches!(
            checked_text(b"[1,2,3]", 3),
            Err(JsonLimitError::TooLarge { size: 7, limit: 3 })
        ));
        assert_eq!(
            checked_text(b"[\"\xFF\"]", 100),
            Err(JsonLimitError::NotUtf8 { at: 2 })
        );
    }
}
