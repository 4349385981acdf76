//! Exact expected counts: fractions of 128-bit integers, and their display
//! (one decimal, rounded half up). No floating point.

use serde::Serialize;
use std::fmt;

/// A non-negative fraction (分数) `num/den` in lowest terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fraction {
    num: u128,
    den: u128,
}

fn gcd(a: u128, b: u128) -> u128 {
    let (mut a, mut b) = (a, b);
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Fraction {
    /// Zero.
    pub const ZERO: Fraction = Fraction { num: 0, den: 1 };

    /// `num/den` reduced; `None` when `den` is 0.
    pub fn new(num: u128, den: u128) -> Option<Self> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        Some(Fraction {
            num: num / g,
            den: den / g,
        })
    }

    /// A whole number.
    pub fn whole(n: u64) -> Self {
        Fraction {
            num: u128::from(n),
            den: 1,
        }
    }

    /// Numerator (lowest terms).
    pub fn num(self) -> u128 {
        self.num
    }

    /// Denominator (lowest terms, at least 1).
    pub fn den(self) -> u128 {
        self.den
    }

    /// `self + other`, `None` on overflow.
    pub fn checked_add(self, other: Fraction) -> Option<Fraction> {
        let g = gcd(self.den, other.den).max(1);
        let den = (self.den / g).checked_mul(other.den)?;
        let num = self
            .num
            .checked_mul(other.den / g)?
            .checked_add(other.num.checked_mul(self.den / g)?)?;
        Fraction::new(num, den)
    }

    /// Whether `self > n`.
    pub fn exceeds(self, n: u128) -> bool {
        match n.checked_mul(self.den) {
            Some(m) => self.num > m,
            None => false,
        }
    }

    /// The smallest whole number at least `self`.
    pub fn ceil(self) -> u128 {
        self.num.div_ceil(self.den)
    }

    /// `floor(self · 10^6)` (millionths), saturating.
    pub fn millionths(self) -> u128 {
        match self.num.checked_mul(1_000_000) {
            Some(m) => m / self.den,
            None => (self.num / self.den).saturating_mul(1_000_000),
        }
    }

    /// One decimal, rounded half up: `"176.3"`.
    pub fn rounded(self) -> String {
        tenths_text(self.tenths())
    }

    /// `floor(10·self + 1/2)`: tenths, rounded half up.
    pub fn tenths(self) -> u128 {
        let (q, r) = (self.num / self.den, self.num % self.den);
        // 10·q + floor((20·r + den) / (2·den)), exact while 21·den fits.
        let part = match (r.checked_mul(20), self.den.checked_mul(21)) {
            (Some(r20), Some(_)) => (r20 + self.den) / (2 * self.den),
            // Denominators beyond 10^37 do not occur; approximate, never panic.
            _ => (r / (self.den / 20).max(1)).div_ceil(2).min(10),
        };
        q.saturating_mul(10).saturating_add(part)
    }
}

/// `1763` → `"176.3"`.
pub(super) fn tenths_text(tenths: u128) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}

impl Serialize for Fraction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// An expected count (预计数量) of one campaign: exact, rounded for people,
/// rounded up, and the most any draw can give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expected {
    /// The exact expectation, `"num/den"` (or a whole number).
    pub exact: Fraction,
    /// One decimal, rounded half up.
    pub rounded: String,
    /// Rounded up.
    pub ceil: u64,
    /// The most any draw can give (the strata's worst case).
    pub at_most: u64,
}

impl Expected {
    /// From the exact value and the maximum.
    pub fn new(exact: Fraction, at_most: u64) -> Self {
        Expected {
            rounded: exact.rounded(),
            ceil: u64::try_from(exact.ceil()).unwrap_or(u64::MAX),
            exact,
            at_most,
        }
    }

    /// Nothing expected.
    pub fn zero() -> Self {
        Expected::new(Fraction::ZERO, 0)
    }
}

/// A sum of expected counts (年度预计数量) over several campaigns: summed in
/// millionths (each campaign's value rounded down to a millionth, so the sum is
/// low by less than a millionth per campaign), shown to one decimal (half up).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearExpected {
    /// One decimal, rounded half up.
    pub rounded: String,
    /// The sum in millionths.
    pub millionths: u128,
    /// The sum of the campaigns' maxima.
    pub at_most: u64,
}

impl YearExpected {
    /// The sum of campaigns' expectations.
    pub fn sum<'a>(parts: impl IntoIterator<Item = &'a Expected>) -> Self {
        let mut m: u128 = 0;
        let mut at_most: u64 = 0;
        for e in parts {
            m = m.saturating_add(e.exact.millionths());
            at_most = at_most.saturating_add(e.at_most);
        }
        YearExpected {
            rounded: tenths_text(m.saturating_add(50_000) / 100_000),
            millionths: m,
            at_most,
        }
    }
}
