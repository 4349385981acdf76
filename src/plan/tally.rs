//! Tallies shared by the campaign and department checks: expected targets
//! per stratum and department, officer eligibility, capacity, working days.

use super::findings::UnstaffableExample;
use super::frac::{Expected, Fraction};
use crate::core::calendar::{Calendar, CalendarError};
use crate::core::campaign::OfficerRegion;
use crate::core::registry::Officer;
use crate::core::registry::vocab::CreditClass;
use chrono::{Duration, NaiveDate};
use std::collections::BTreeMap;

/// How many unstaffable pool entities a department's check names.
pub(super) const EXAMPLES: usize = 5;

pub(super) fn class_index(c: CreditClass) -> usize {
    CreditClass::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

/// Per stratum, how many pool entities have each positive value (places,
/// or 1 for a count).
#[derive(Debug, Clone, Default)]
pub(super) struct Tally {
    pub(super) by_stratum: [BTreeMap<u64, u64>; 4],
}

impl Tally {
    pub(super) fn add(&mut self, s: usize, r: u64) {
        if r > 0 {
            *self.by_stratum[s].entry(r).or_insert(0) += 1;
        }
    }

    /// `Σ_s n_s · (Σ r) / N_s` exactly, and the most any draw gives: the
    /// `n_s` largest values of each stratum.
    pub(super) fn expected(&self, sizes: &[(u64, u64); 4]) -> Option<Expected> {
        let mut exact = Fraction::ZERO;
        let mut at_most: u64 = 0;
        for (s, hist) in self.by_stratum.iter().enumerate() {
            let (big_n, n) = sizes[s];
            if big_n == 0 || n == 0 {
                continue;
            }
            let sum: u128 = hist
                .iter()
                .map(|(r, c)| u128::from(*r) * u128::from(*c))
                .sum();
            let term = Fraction::new(u128::from(n).checked_mul(sum)?, u128::from(big_n))?;
            exact = exact.checked_add(term)?;
            let mut left = n;
            for (r, c) in hist.iter().rev() {
                let take = left.min(*c);
                at_most = at_most.saturating_add(r.saturating_mul(take));
                left -= take;
                if left == 0 {
                    break;
                }
            }
        }
        Some(Expected::new(exact, at_most))
    }
}

#[derive(Default)]
pub(super) struct DeptTally {
    pub(super) targets: Tally,
    pub(super) places: Tally,
    pub(super) quals: BTreeMap<String, Tally>,
    pub(super) regions: BTreeMap<String, Tally>,
    pub(super) unstaffable: Tally,
    pub(super) unstaffable_count: u64,
    pub(super) examples: Vec<UnstaffableExample>,
}

pub(super) fn region_ok(rule: OfficerRegion, o: &Officer, region: &str) -> bool {
    match rule {
        OfficerRegion::Any => true,
        OfficerRegion::Same => o.region.as_str() == region,
        OfficerRegion::Other => o.region.as_str() != region,
    }
}

pub(super) fn cap(officers: u64, max: Option<u64>) -> Option<u64> {
    max.map(|m| officers.saturating_mul(m))
}

/// Working days in `start..=end`.
pub(super) fn working_days(
    cal: &Calendar,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<u64, CalendarError> {
    let mut n = 0;
    let mut d = start;
    while d <= end {
        if cal.is_working_day(d)? {
            n += 1;
        }
        d += Duration::days(1);
    }
    Ok(n)
}
