//! Instants, exactly (时刻, `docs/SPEC.md` §1): every instant dualdraw records
//! is whole seconds, UTC, written `YYYY-MM-DDTHH:MM:SSZ`. The clock is
//! truncated when it is read ([`whole_seconds`]); what was stored before
//! (a fraction of a second, an offset) is read by [`parse_instant`] to the
//! same canonical value in every implementation, and hashes and comparisons
//! use only that value.
//!
//! The serde helpers [`canonical`] and [`canonical_opt`] write the canonical
//! form and read any stored form, so a proof written by an older version (with
//! nanoseconds) is read to the value its hash was computed over.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, SubsecRound, Utc};

/// Why a text is not an instant (时刻格式错误).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{text}\" is not an instant: {why} (write YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-03-02T02:00:00Z)"
)]
pub struct InstantError {
    /// The text (cut to 64 characters).
    pub text: String,
    /// What is wrong.
    pub why: &'static str,
}

/// The instant truncated to the whole second (toward the past).
#[inline]
pub fn whole_seconds(t: DateTime<Utc>) -> DateTime<Utc> {
    t.trunc_subsecs(0)
}

/// The canonical text `YYYY-MM-DDTHH:MM:SSZ` of an instant (fraction dropped).
pub fn canonical_text(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let s = b.get(at..at + n)?;
    let mut v = 0u32;
    for &c in s {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

/// Reads a stored instant (§1): RFC 3339 with `T`, an optional fraction of
/// 1–9 digits and `Z` or `±HH:MM`; the value converted to UTC with the
/// fraction truncated. Refuses anything else (no offset, a space for `T`, a
/// leap second, lower-case letters, a year outside 0001–9999).
///
/// # Errors
/// [`InstantError`] saying what is wrong.
pub fn parse_instant(s: &str) -> Result<DateTime<Utc>, InstantError> {
    let err = |why| InstantError {
        text: s.chars().take(64).collect(),
        why,
    };
    let b = s.as_bytes();
    if b.len() < 20 {
        return Err(err("too short"));
    }
    let field = |at, n| digits(b, at, n).ok_or_else(|| err("a digit is missing"));
    let (y, mo, d) = (field(0, 4)?, field(5, 2)?, field(8, 2)?);
    let (h, mi, sec) = (field(11, 2)?, field(14, 2)?, field(17, 2)?);
    if b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return Err(err("the date or time separators are wrong"));
    }
    if b[10] != b'T' {
        return Err(err("date and time must be separated by T"));
    }
    if y == 0 {
        return Err(err("year 0000"));
    }
    if sec > 59 {
        return Err(err("a leap second or a second above 59"));
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start || i - start > 9 {
            return Err(err("a fraction of a second must have 1 to 9 digits"));
        }
    }
    let offset_secs: i64 = match &b[i..] {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), rest @ ..] if rest.len() == 5 && rest[2] == b':' => {
            let oh = digits(rest, 0, 2).ok_or_else(|| err("a bad offset"))?;
            let om = digits(rest, 3, 2).ok_or_else(|| err("a bad offset"))?;
            if oh > 23 || om > 59 {
                return Err(err("a bad offset"));
            }
            let v = i64::from(oh * 3600 + om * 60);
            if *sign == b'-' { -v } else { v }
        }
        [] => return Err(err("no time zone (Z or ±HH:MM)")),
        _ => return Err(err("a bad time zone")),
    };
    let date = NaiveDate::from_ymd_opt(y as i32, mo, d).ok_or_else(|| err("no such date"))?;
    let time = NaiveTime::from_hms_opt(h, mi, sec).ok_or_else(|| err("no such time"))?;
    let local = NaiveDateTime::new(date, time);
    let utc = local - chrono::Duration::seconds(offset_secs);
    Ok(DateTime::from_naive_utc_and_offset(utc, Utc))
}

/// Serde for an instant field: writes the canonical form, reads any stored form
/// (`#[serde(with = "crate::core::instant::canonical")]`).
pub mod canonical {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `YYYY-MM-DDTHH:MM:SSZ`.
    ///
    /// # Errors
    /// The serializer's.
    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::canonical_text(t))
    }

    /// Reads an instant per §1 (truncated to the second).
    ///
    /// # Errors
    /// Not an instant.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse_instant(&s).map_err(serde::de::Error::custom)
    }
}

/// As [`canonical`], for an optional instant (`null` when absent).
pub mod canonical_opt {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the canonical form or `null`.
    ///
    /// # Errors
    /// The serializer's.
    pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&super::canonical_text(t)),
            None => s.serialize_none(),
        }
    }

    /// Reads an instant per §1, or `null`.
    ///
    /// # Errors
    /// Not an instant.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        let s = <Option<std::borrow::Cow<'de, str>>>::deserialize(d)?;
        s.map(|s| super::parse_instant(&s).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nanoseconds_and_offsets_read_to_the_same_canonical_value() {
        let a = parse_instant("2026-12-04T13:05:11.871489049Z").unwrap();
        let b = parse_instant("2026-12-04T21:05:11+08:00").unwrap();
        let c = parse_instant("2026-12-04T21:05:11.5+08:00").unwrap();
        assert_eq!(canonical_text(&a), "2026-12-04T13:05:11Z");
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(
            canonical_text(&parse_instant("2026-01-01T00:00:00-00:30").unwrap()),
            "2026-01-01T00:30:00Z"
        );
    }

    #[test]
    fn whole_seconds_truncates_toward_the_past() {
        let t = parse_instant("2026-12-04T13:05:11Z").unwrap()
            + chrono::Duration::nanoseconds(999_999_999);
        assert_eq!(canonical_text(&whole_seconds(t)), "2026-12-04T13:05:11Z");
        assert_eq!(whole_seconds(t).timestamp_subsec_nanos(), 0);
    }

    #[test]
    fn what_is_not_an_instant_is_refused() {
        for s in [
            "2026-12-04 13:05:11Z",
            "2026-12-04T13:05:11",
            "2026-12-04t13:05:11Z",
            "2026-12-04T13:05:11z",
            "2026-12-31T23:59:60Z",
            "0000-01-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-12-04T13:05:11.Z",
            "2026-12-04T13:05:11.1234567890Z",
            "2026-12-04T13:05:11+0800",
            "2026-12-04T13:05:11+24:00",
            "2026-12-04T13:05:11Z ",
            "+2026-12-04T13:05:11Z",
            "",
        ] {
            assert!(parse_instant(s).is_err(), "{s}");
        }
    }
}
