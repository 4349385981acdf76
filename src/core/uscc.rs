//! Unified social credit codes (统一社会信用代码, GB 32100-2015).
//!
//! A [`Uscc`] can only be obtained by checking: [`Uscc::parse`] validates the
//! alphabet, the length and the check character; [`Uscc::accept_legacy`] takes a
//! code that fails the check character *knowingly* (some early pilot codes do) and
//! marks it as legacy so that callers can warn about it.

use std::fmt;

/// The 31 symbols a USCC is written in, in value order (no I, O, Z, S, V).
pub const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The length of every USCC, in characters and in bytes.
pub const LEN: usize = 18;

/// Why a string is not a valid USCC (统一社会信用代码).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsccError {
    /// The code does not have 18 characters.
    #[error("has {got} characters, expected 18")]
    Length {
        /// Number of characters found.
        got: usize,
    },
    /// A character outside the 31-symbol alphabet.
    #[error(
        "character {ch:?} at position {position} is not allowed (allowed: 0-9 and A-Y without I, O, S, V, Z)"
    )]
    Character {
        /// The offending character.
        ch: char,
        /// 1-based position.
        position: usize,
    },
    /// The check character (18th) does not match the first 17.
    #[error("check character is {got}, expected {expected}")]
    CheckCharacter {
        /// The check character GB 32100-2015 gives for the first 17 characters.
        expected: char,
        /// The check character found.
        got: char,
    },
}

/// A validated unified social credit code (统一社会信用代码).
///
/// The 18 characters are kept inline as bytes (no allocation per code), so a
/// registry's codes lie in its entity array: the draw reads them without
/// following a pointer per entity (issue 17). The order is that of the text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uscc {
    /// ASCII characters of [`ALPHABET`] only (checked by every constructor).
    code: [u8; LEN],
    legacy: bool,
}

/// The bytes of a code that passed [`check_shape`] (18 characters of the
/// alphabet, so 18 bytes).
fn inline(code: &str) -> Result<[u8; LEN], UsccError> {
    <[u8; LEN]>::try_from(code.as_bytes()).map_err(|_| UsccError::Length {
        got: code.chars().count(),
    })
}

/// Each byte's value in [`ALPHABET`] (its position), or 255 outside it.
const VALUES: [u8; 256] = {
    let mut t = [255u8; 256];
    let mut i = 0;
    while i < ALPHABET.len() {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t
};

fn value_of(ch: u8) -> Option<u32> {
    match VALUES[ch as usize] {
        255 => None,
        v => Some(u32::from(v)),
    }
}

/// The check character (校验码) GB 32100-2015 gives for 17 characters of the
/// alphabet.
///
/// Weights are `3^(i-1) mod 31` for `i = 1..=17`; the check value is
/// `(31 - Σ v_i·w_i mod 31) mod 31`.
///
/// # Errors
/// [`UsccError::Length`] unless `first17` has exactly 17 characters, and
/// [`UsccError::Character`] for a character outside [`ALPHABET`].
pub fn check_character(first17: &str) -> Result<char, UsccError> {
    let bytes = first17.as_bytes();
    let count = first17.chars().count();
    if count != 17 || bytes.len() != 17 {
        return Err(UsccError::Length { got: count + 1 });
    }
    let mut sum: u32 = 0;
    let mut weight: u32 = 1;
    for (i, &b) in bytes.iter().enumerate() {
        let v = value_of(b).ok_or(UsccError::Character {
            ch: b as char,
            position: i + 1,
        })?;
        sum += v * weight;
        weight = weight * 3 % 31;
    }
    let check = (31 - sum % 31) % 31;
    Ok(ALPHABET[check as usize] as char)
}

fn check_shape(s: &str) -> Result<(), UsccError> {
    let count = s.chars().count();
    if count != 18 {
        return Err(UsccError::Length { got: count });
    }
    for (i, ch) in s.chars().enumerate() {
        if !ch.is_ascii() || value_of(ch as u8).is_none() {
            return Err(UsccError::Character {
                ch,
                position: i + 1,
            });
        }
    }
    Ok(())
}

impl Uscc {
    /// Parses and fully validates a code. Surrounding whitespace is ignored and
    /// lower-case letters are upper-cased (exports sometimes lower-case them).
    ///
    /// ```
    /// use dualdraw::Uscc;
    /// assert!(Uscc::parse("91350200776049653A").is_ok());
    /// assert!(Uscc::parse("91350200776049653B").is_err());
    /// ```
    ///
    /// # Errors
    /// A [`UsccError`] naming what is wrong.
    pub fn parse(s: &str) -> Result<Self, UsccError> {
        let trimmed = s.trim();
        // Upper-cased into a new string only when a letter is lower-case.
        let upper;
        let code = if trimmed.bytes().any(|b| b.is_ascii_lowercase()) {
            upper = trimmed.to_ascii_uppercase();
            upper.as_str()
        } else {
            trimmed
        };
        check_shape(code)?;
        let expected = check_character(&code[..17])?;
        let got = code.as_bytes()[17] as char;
        if expected != got {
            return Err(UsccError::CheckCharacter { expected, got });
        }
        Ok(Uscc {
            code: inline(code)?,
            legacy: false,
        })
    }

    /// Accepts a code whose check character is wrong, knowingly: the alphabet
    /// and length are still checked. The result reports [`Uscc::is_legacy`]
    /// when the check character fails.
    ///
    /// # Errors
    /// [`UsccError::Length`] or [`UsccError::Character`].
    pub fn accept_legacy(s: &str) -> Result<Self, UsccError> {
        match Self::parse(s) {
            Ok(u) => Ok(u),
            Err(UsccError::CheckCharacter { .. }) => Ok(Uscc {
                code: inline(&s.trim().to_ascii_uppercase())?,
                legacy: true,
            }),
            Err(e) => Err(e),
        }
    }

    /// The 18-character code.
    #[inline]
    pub fn as_str(&self) -> &str {
        // Every constructor stores ASCII only, so this never falls back.
        std::str::from_utf8(&self.code).unwrap_or_default()
    }

    /// The code's 18 bytes (ASCII), in place.
    #[inline]
    pub fn as_bytes(&self) -> &[u8; LEN] {
        &self.code
    }

    /// Whether this code fails the check character and was accepted as legacy.
    pub fn is_legacy(&self) -> bool {
        self.legacy
    }

    /// The registering authority (1st character): `1` 机构编制, `5` 民政,
    /// `9` 市场监管 (market regulation), `Y` other.
    pub fn authority(&self) -> char {
        self.code[0] as char
    }

    /// The category (2nd character) within the registering authority.
    pub fn category(&self) -> char {
        self.code[1] as char
    }

    /// The GB/T 2260 region code (characters 3 to 8).
    pub fn region(&self) -> &str {
        std::str::from_utf8(&self.code[2..8]).unwrap_or_default()
    }
}

impl serde::Serialize for Uscc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Uscc {
    /// Deserializes a code that was validated when it was stored: a code that
    /// fails only its check character comes back as legacy.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Uscc::accept_legacy(&s).map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Appends the check character (校验码) to 17 characters of the alphabet (used
/// by the synthetic-data generator and tests).
///
/// # Errors
/// As [`check_character`].
pub fn complete(first17: &str) -> Result<Uscc, UsccError> {
    let c = check_character(first17)?;
    Uscc::parse(&format!("{first17}{c}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_valid_codes_from_domain_doc() {
        for code in [
            "91350200776049653A",
            "913502000728319549",
            "91440101MA5CJQ4N59",
            "91350213678251743X",
        ] {
            let u = Uscc::parse(code).unwrap();
            assert_eq!(u.as_str(), code);
            assert!(!u.is_legacy());
        }
    }

    #[test]
    fn legacy_pilot_code_fails_check_but_can_be_accepted() {
        let err = Uscc::parse("91350203M0001QAY9B").unwrap_err();
        assert!(matches!(err, UsccError::CheckCharacter { got: 'B', .. }));
        let u = Uscc::accept_legacy("91350203M0001QAY9B").unwrap();
        assert!(u.is_legacy());
    }

    #[test]
    fn wrong_check_character_names_expected_and_got() {
        assert_eq!(
            Uscc::parse("91350200776049653B").unwrap_err(),
            UsccError::CheckCharacter {
                expected: 'A',
                got: 'B'
            }
        );
    }

    #[test]
    fn forbidden_letters_and_lengths_rejected() {
        assert!(matches!(
            Uscc::parse("9135020077604965IA"),
            Err(UsccError::Character {
                ch: 'I',
                position: 17
            })
        ));
        assert_eq!(
            Uscc::parse("9135020077604965").unwrap_err(),
            UsccError::Length { got: 16 }
        );
        assert!(Uscc::accept_legacy("9135020077604965OA").is_err());
        assert!(matches!(
            Uscc::parse("91350200776049653Ａ"),
            Err(UsccError::Character { position: 18, .. })
        ));
    }

    #[test]
    fn parts() {
        let u = Uscc::parse("91440101MA5CJQ4N59").unwrap();
        assert_eq!(u.authority(), '9');
        assert_eq!(u.category(), '1');
        assert_eq!(u.region(), "440101");
    }

    proptest! {
        #[test]
        fn completed_codes_validate_and_any_single_change_is_caught(
            body in proptest::collection::vec(0usize..31, 17),
            pos in 0usize..18,
            delta in 1usize..31,
        ) {
            let first17: String = body.iter().map(|&i| ALPHABET[i] as char).collect();
            let u = complete(&first17).unwrap();
            prop_assert!(Uscc::parse(u.as_str()).is_ok());
            let mut bytes = u.as_str().as_bytes().to_vec();
            let old = value_of(bytes[pos]).unwrap() as usize;
            bytes[pos] = ALPHABET[(old + delta) % 31];
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert!(Uscc::parse(&changed).is_err());
        }
    }
}
