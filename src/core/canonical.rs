//! The canonical binary encoding every commitment is computed over
//! (`docs/COMMITMENTS.md`, fixed forever for version 1).
//!
//! - `lp(x)`: a 4-byte big-endian length, then the bytes of `x` (UTF-8 for text);
//! - a list: a 4-byte big-endian count, then `lp` of each element;
//! - an optional value: `0x00`, or `0x01` followed by the value;
//! - a 32-byte hash: the raw bytes.

use thiserror::Error;

/// Writes the canonical encoding (规范编码) into a byte buffer.
#[derive(Debug, Default, Clone)]
pub struct Encoder {
    buf: Vec<u8>,
}

impl Encoder {
    /// An empty encoder.
    pub fn new() -> Self {
        Encoder { buf: Vec::new() }
    }

    /// An empty encoder with room for `n` bytes.
    pub fn with_capacity(n: usize) -> Self {
        Encoder {
            buf: Vec::with_capacity(n),
        }
    }

    /// Appends `lp(bytes)`.
    ///
    /// # Panics
    /// Never for inputs under 4 GiB, which the importers guarantee.
    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        let len = u32::try_from(b.len()).unwrap_or(u32::MAX);
        self.buf.extend_from_slice(&len.to_be_bytes());
        self.buf.extend_from_slice(b);
        self
    }

    /// Appends `lp(text)`.
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    /// Appends a list of texts.
    pub fn list<S: AsRef<str>>(&mut self, items: &[S]) -> &mut Self {
        let n = u32::try_from(items.len()).unwrap_or(u32::MAX);
        self.buf.extend_from_slice(&n.to_be_bytes());
        for i in items {
            self.str(i.as_ref());
        }
        self
    }

    /// Appends an optional text.
    pub fn opt(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            None => self.buf.push(0),
            Some(v) => {
                self.buf.push(1);
                self.str(v);
            }
        }
        self
    }

    /// Appends raw bytes (a fixed-size hash).
    pub fn raw(&mut self, b: &[u8]) -> &mut Self {
        self.buf.extend_from_slice(b);
        self
    }

    /// Appends a big-endian u64.
    pub fn u64(&mut self, v: u64) -> &mut Self {
        self.buf.extend_from_slice(&v.to_be_bytes());
        self
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// Clears the buffer, keeping its allocation.
    pub fn clear(&mut self) {
        self.buf.clear();
    }

    /// The encoded bytes.
    pub fn finish(self) -> Vec<u8> {
        self.buf
    }
}

/// Where canonical bytes do not decode (规范编码解码错误).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    /// The input ended early.
    #[error("input ends at byte {at}, {needed} more bytes needed")]
    Truncated {
        /// Offset where the read started.
        at: usize,
        /// Bytes needed.
        needed: usize,
    },
    /// A text field is not UTF-8.
    #[error("text at byte {at} is not UTF-8")]
    Utf8 {
        /// Offset of the field.
        at: usize,
    },
    /// An option tag other than 0 or 1.
    #[error("option tag {tag} at byte {at} is neither 0 nor 1")]
    OptionTag {
        /// Offset.
        at: usize,
        /// The tag found.
        tag: u8,
    },
    /// A value that is not valid where it stands.
    #[error("invalid {field}: {value:?}")]
    Invalid {
        /// The field.
        field: &'static str,
        /// The value.
        value: String,
    },
    /// Bytes left over after the record.
    #[error("{0} bytes left after the record")]
    Trailing(usize),
    /// The domain-separation tag is not the expected one.
    #[error("tag is {got:?}, expected {expected:?}")]
    Tag {
        /// Expected tag.
        expected: &'static str,
        /// Tag found.
        got: String,
    },
}

/// Reads the canonical encoding (规范编码解码).
#[derive(Debug, Clone)]
pub struct Decoder<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Decoder<'a> {
    /// A decoder over `buf`.
    pub fn new(buf: &'a [u8]) -> Self {
        Decoder { buf, pos: 0 }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len());
        match end {
            Some(end) => {
                let s = &self.buf[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(DecodeError::Truncated {
                at: self.pos,
                needed: n - (self.buf.len() - self.pos).min(n),
            }),
        }
    }

    fn u32(&mut self) -> Result<usize, DecodeError> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    /// Reads a big-endian u64.
    pub fn u64(&mut self) -> Result<u64, DecodeError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_be_bytes(a))
    }

    /// Reads `lp(bytes)`.
    pub fn bytes(&mut self) -> Result<&'a [u8], DecodeError> {
        let n = self.u32()?;
        self.take(n)
    }

    /// Reads `lp(text)`.
    pub fn str(&mut self) -> Result<&'a str, DecodeError> {
        let at = self.pos;
        let b = self.bytes()?;
        std::str::from_utf8(b).map_err(|_| DecodeError::Utf8 { at })
    }

    /// Reads a list of texts.
    pub fn list(&mut self) -> Result<Vec<String>, DecodeError> {
        let n = self.u32()?;
        // Each element takes at least 4 bytes: refuse absurd counts early.
        if n > (self.buf.len() - self.pos) / 4 {
            return Err(DecodeError::Truncated {
                at: self.pos,
                needed: n * 4,
            });
        }
        (0..n).map(|_| self.str().map(str::to_string)).collect()
    }

    /// Reads an optional text.
    pub fn opt(&mut self) -> Result<Option<&'a str>, DecodeError> {
        let at = self.pos;
        match self.take(1)?[0] {
            0 => Ok(None),
            1 => self.str().map(Some),
            tag => Err(DecodeError::OptionTag { at, tag }),
        }
    }

    /// Reads a raw 32-byte hash.
    pub fn hash(&mut self) -> Result<[u8; 32], DecodeError> {
        let b = self.take(32)?;
        let mut h = [0u8; 32];
        h.copy_from_slice(b);
        Ok(h)
    }

    /// Reads `lp(tag)` and checks it.
    pub fn tag(&mut self, expected: &'static str) -> Result<(), DecodeError> {
        let got = self.str()?;
        if got != expected {
            return Err(DecodeError::Tag {
                expected,
                got: got.to_string(),
            });
        }
        Ok(())
    }

    /// Whether the whole input was read.
    pub fn is_empty(&self) -> bool {
        self.pos == self.buf.len()
    }

    /// Fails unless the whole input was read.
    pub fn finish(self) -> Result<(), DecodeError> {
        match self.buf.len() - self.pos {
            0 => Ok(()),
            n => Err(DecodeError::Trailing(n)),
        }
    }
}

/// A date as `YYYY-MM-DD` (chrono's `%Y-%m-%d`) without parsing a format:
/// the same text for the years 0 to 9999, chrono's otherwise.
pub(crate) fn date_text(d: chrono::NaiveDate) -> std::borrow::Cow<'static, str> {
    use chrono::Datelike;
    let y = d.year();
    if !(0..=9999).contains(&y) {
        return d.format("%Y-%m-%d").to_string().into();
    }
    let (y, m, day) = (y as u32, d.month(), d.day());
    let b = [
        b'0' + (y / 1000) as u8,
        b'0' + (y / 100 % 10) as u8,
        b'0' + (y / 10 % 10) as u8,
        b'0' + (y % 10) as u8,
        b'-',
        b'0' + (m / 10) as u8,
        b'0' + (m % 10) as u8,
        b'-',
        b'0' + (day / 10) as u8,
        b'0' + (day % 10) as u8,
    ];
    String::from_utf8_lossy(&b).into_owned().into()
}

/// A date read as chrono's `%Y-%m-%d` reads it: `YYYY-MM-DD` of ten ASCII
/// characters at once, any other text by chrono (issue 17: the format was
/// parsed again for every stored entity).
pub(crate) fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10))
    {
        return chrono::NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Guards the dates written into leaves and the store without
        /// chrono's format parser: the same text and the same reading as
        /// `%Y-%m-%d`, for any day and for text of the shape or not.
        #[test]
        fn dates_read_and_write_as_chronos_format(
            days in -800_000i32..4_000_000,
            text in "[0-9+-]{0,3}[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,3}",
        ) {
            if let Some(d) = chrono::NaiveDate::from_num_days_from_ce_opt(days) {
                let chrono_text = d.format("%Y-%m-%d").to_string();
                prop_assert_eq!(date_text(d).into_owned(), chrono_text.clone());
                prop_assert_eq!(parse_date(&chrono_text), Some(d));
            }
            prop_assert_eq!(
                parse_date(&text),
                chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()
            );
        }
    }

    #[test]
    fn length_prefix_is_big_endian_u32() {
        let mut e = Encoder::new();
        e.str("ab").opt(None).opt(Some("")).list(&["x"]);
        assert_eq!(
            e.as_bytes(),
            &[
                0, 0, 0, 2, b'a', b'b', 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, b'x'
            ]
        );
    }

    #[test]
    fn truncated_and_trailing_input_rejected() {
        let mut d = Decoder::new(&[0, 0, 0, 5, b'a']);
        assert!(matches!(d.str(), Err(DecodeError::Truncated { .. })));
        let mut d = Decoder::new(&[0, 0, 0, 0, 9]);
        assert_eq!(d.str().unwrap(), "");
        assert_eq!(d.finish(), Err(DecodeError::Trailing(1)));
        let mut d = Decoder::new(&[0xff, 0xff, 0xff, 0xff]);
        assert!(d.list().is_err());
    }

    proptest! {
        #[test]
        fn round_trip(a in ".*", b in proptest::option::of(".*"), l in proptest::collection::vec(".*", 0..5), n in any::<u64>()) {
            let mut e = Encoder::new();
            e.str(&a).opt(b.as_deref()).list(&l).u64(n);
            let bytes = e.finish();
            let mut d = Decoder::new(&bytes);
            prop_assert_eq!(d.str().unwrap(), a.as_str());
            prop_assert_eq!(d.opt().unwrap(), b.as_deref());
            prop_assert_eq!(d.list().unwrap(), l);
            prop_assert_eq!(d.u64().unwrap(), n);
            prop_assert!(d.finish().is_ok());
        }

        #[test]
        fn decoding_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let mut d = Decoder::new(&bytes);
            let _ = d.str();
            let _ = d.list();
            let _ = d.opt();
            let _ = d.hash();
        }
    }
}
