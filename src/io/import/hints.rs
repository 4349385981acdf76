//! Hints for USCCs a spreadsheet damaged: what Excel does to an 18-character
//! code it takes for a number (scientific notation, 15 significant digits),
//! and a check character lost or replaced.

use super::messages::Message;
use super::reasons::{Reason, render_reason};
use crate::core::uscc::{ALPHABET, UsccError, check_character};

/// Whether `v` is a number in scientific notation as Excel writes it
/// (`9.13201E+17`, `9.1320100MA1K2L3X4E+17`): a mantissa of digits and
/// letters with a decimal point, or an exponent with a sign. No USCC holds
/// `.` or `+`.
pub(crate) fn scientific(v: &str) -> bool {
    let v = v.trim().to_ascii_uppercase();
    let Some((mantissa, exponent)) = v.rsplit_once('E') else {
        return false;
    };
    let (signed, digits) = match exponent.strip_prefix('+') {
        Some(d) => (true, d),
        None => (false, exponent),
    };
    let dots = mantissa.bytes().filter(|&b| b == b'.').count();
    !digits.is_empty()
        && digits.len() <= 3
        && digits.bytes().all(|b| b.is_ascii_digit())
        && mantissa.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && mantissa
            .bytes()
            .all(|b| b == b'.' || b.is_ascii_alphanumeric())
        && dots <= 1
        && (dots == 1 || signed)
}

/// Whether `v` is an 18-digit number ending in `000` (what Excel keeps of an
/// all-digit code: 15 significant digits).
pub(crate) fn rounded(v: &str) -> bool {
    let v = v.trim();
    v.len() == 18 && v.bytes().all(|b| b.is_ascii_digit()) && v.ends_with("000")
}

/// Whether a spreadsheet turned the code `v` into a number: its text is not
/// the code (two rows of different codes can read the same).
pub(crate) fn excel_number(v: &str) -> bool {
    scientific(v) || rounded(v)
}

/// A hint about a USCC a spreadsheet damaged (see [`uscc_hint`]).
pub(crate) enum UsccHint {
    /// Written in scientific notation.
    Scientific,
    /// Rounded to 15 significant digits.
    PrecisionLost,
    /// The check character is `0` and wrong: `why` the check fails, and
    /// the code with the right one.
    LastZero {
        /// Why the check fails, in the words installed.
        why: String,
        /// The code with the check character of the first 17.
        fixed: String,
    },
    /// 17 characters: why, and the code with the check character of the 17.
    Seventeen {
        /// Why the length is wrong, in the words installed.
        why: String,
        /// The code with its check character, when it can be computed.
        fixed: Option<String>,
    },
}

impl UsccHint {
    /// The reason this hint gives.
    pub(crate) fn reason(&self) -> Reason<'_> {
        Reason::Explained(match self {
            UsccHint::Scientific => Message::UsccScientific,
            UsccHint::PrecisionLost => Message::UsccPrecisionLost,
            UsccHint::LastZero { why, fixed } => Message::UsccLastZero {
                check_error: why,
                fixed,
            },
            UsccHint::Seventeen { why, fixed } => Message::UsccSeventeen {
                length_error: why,
                fixed: fixed.as_deref(),
            },
        })
    }
}

/// The hint for refusing the USCC `v` whose parse failed with `e`, when the
/// value looks damaged by a spreadsheet; `None` when there is none (the
/// plain error is used).
pub(crate) fn uscc_hint(v: &str, e: &UsccError) -> Option<UsccHint> {
    let code = v.trim().to_ascii_uppercase();
    if scientific(&code) {
        return Some(UsccHint::Scientific);
    }
    let why = || render_reason(Reason::Uscc(e));
    match e {
        UsccError::CheckCharacter { .. } if rounded(&code) => Some(UsccHint::PrecisionLost),
        UsccError::CheckCharacter { got: '0', expected } => Some(UsccHint::LastZero {
            why: why(),
            fixed: format!("{}{expected}", &code[..17]),
        }),
        UsccError::Length { got: 17 } => {
            let fixed = code
                .bytes()
                .all(|b| ALPHABET.contains(&b))
                .then(|| check_character(&code).ok())
                .flatten()
                .map(|c| format!("{code}{c}"));
            Some(UsccHint::Seventeen { why: why(), fixed })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::uscc::Uscc;

    fn uscc_reason(v: &str, e: &UsccError) -> Option<String> {
        uscc_hint(v, e).map(|h| render_reason(h.reason()))
    }

    #[test]
    fn scientific_notation_is_recognised_and_codes_are_not() {
        for v in [
            "9.13201E+17",
            "9.13E+17",
            "9.1320100MA1K2L3X4E+17",
            "9E+17",
            "1.2e+17",
            "9.132010077E17",
        ] {
            assert!(scientific(v), "{v}");
        }
        // Real codes may hold E and digits, never . or +.
        for v in [
            "91350200776049653A",
            "9132010012345678E5",
            "913201E17",
            "",
            "E+17",
            "9.1.2E+17",
        ] {
            assert!(!scientific(v), "{v}");
        }
    }

    #[test]
    fn hints_name_the_check_character_where_it_can_be_computed() {
        let good = "91350200776049653A";
        // 17 characters: the check character is computed.
        let e = Uscc::parse(&good[..17]).unwrap_err();
        let r = uscc_reason(&good[..17], &e).unwrap();
        assert!(r.contains(good), "{r}");
        // The last character replaced by 0.
        let zero = format!("{}0", &good[..17]);
        let e = Uscc::parse(&zero).unwrap_err();
        let r = uscc_reason(&zero, &e).unwrap();
        assert!(r.contains(good) && r.contains("replaced by 0"), "{r}");
        // Rounded by Excel: no code is suggested.
        let e = Uscc::parse("913502007760490000").unwrap_err();
        let r = uscc_reason("913502007760490000", &e).unwrap();
        assert!(r.contains("15 significant digits"), "{r}");
        assert!(!r.contains("would be"), "{r}");
        // A wrong check character other than 0: the plain error says it all.
        let other = format!("{}B", &good[..17]);
        let e = Uscc::parse(&other).unwrap_err();
        assert_eq!(uscc_reason(&other, &e), None);
    }
}
