//! The official working-day calendar (工作日): Monday–Friday except the State
//! Council's days off, plus the make-up working weekends (调休上班). The years
//! 2024–2026 ship as data (`data/cn-holidays.toml`); later years are loaded
//! from a file of the same shape. A date outside the known years is an
//! error, never a guess.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The shipped schedules (国办发明电 notices for 2024, 2025 and 2026).
pub const SHIPPED: &str = include_str!("../../data/cn-holidays.toml");

/// Why a calendar question cannot be answered (工作日历错误).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The year's schedule is not known.
    #[error(
        "no official holiday schedule for {year} is loaded (known: {known}); load it with a holiday file"
    )]
    UnknownYear {
        /// The year asked about.
        year: i32,
        /// The years known.
        known: String,
    },
    /// A holiday file is malformed.
    #[error("holiday file: {0}")]
    Malformed(String),
}

#[derive(Deserialize)]
struct YearFile {
    /// Days off: `"MM-DD"` or `"MM-DD..MM-DD"`.
    days_off: Vec<String>,
    /// Make-up working days: `"MM-DD"`.
    #[serde(default)]
    working_weekends: Vec<String>,
}

/// A working-day calendar (工作日历) over the years it knows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    years: BTreeSet<i32>,
    days_off: BTreeSet<NaiveDate>,
    working_weekends: BTreeSet<NaiveDate>,
}

fn day(year: i32, md: &str) -> Result<NaiveDate, CalendarError> {
    let (m, d) = md
        .trim()
        .split_once('-')
        .ok_or_else(|| CalendarError::Malformed(format!("{md:?} is not MM-DD")))?;
    let m: u32 = m
        .parse()
        .map_err(|_| CalendarError::Malformed(format!("{md:?} is not MM-DD")))?;
    let d: u32 = d
        .parse()
        .map_err(|_| CalendarError::Malformed(format!("{md:?} is not MM-DD")))?;
    NaiveDate::from_ymd_opt(year, m, d)
        .ok_or_else(|| CalendarError::Malformed(format!("{year}-{md} is not a date")))
}

impl Calendar {
    /// The shipped calendar (2024–2026).
    pub fn shipped() -> Self {
        let mut c = Calendar::default();
        // The shipped data is tested; a failure here is a build defect.
        if let Err(e) = c.load_toml(SHIPPED) {
            debug_assert!(false, "shipped holiday data: {e}");
        }
        c
    }

    /// Adds years from TOML: one table per year,
    /// `[2027] days_off = ["01-01", "02-06..02-14"] working_weekends = ["02-20"]`.
    ///
    /// # Errors
    /// [`CalendarError::Malformed`].
    pub fn load_toml(&mut self, text: &str) -> Result<(), CalendarError> {
        let years: BTreeMap<String, YearFile> =
            toml::from_str(text).map_err(|e| CalendarError::Malformed(e.message().to_string()))?;
        for (y, f) in years {
            let year: i32 = y
                .parse()
                .map_err(|_| CalendarError::Malformed(format!("{y:?} is not a year")))?;
            for r in &f.days_off {
                let (a, b) = r.split_once("..").unwrap_or((r, r));
                let (a, b) = (day(year, a)?, day(year, b)?);
                if b < a {
                    return Err(CalendarError::Malformed(format!(
                        "{year}: range {r} ends before it starts"
                    )));
                }
                let mut d = a;
                while d <= b {
                    self.days_off.insert(d);
                    d += Duration::days(1);
                }
            }
            for w in &f.working_weekends {
                let d = day(year, w)?;
                if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                    return Err(CalendarError::Malformed(format!(
                        "{d} is a make-up working day but not a weekend"
                    )));
                }
                self.working_weekends.insert(d);
            }
            self.years.insert(year);
        }
        Ok(())
    }

    /// The years known.
    pub fn years(&self) -> Vec<i32> {
        self.years.iter().copied().collect()
    }

    fn known(&self, d: NaiveDate) -> Result<(), CalendarError> {
        if self.years.contains(&d.year()) {
            Ok(())
        } else {
            Err(CalendarError::UnknownYear {
                year: d.year(),
                known: self
                    .years
                    .iter()
                    .map(i32::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        }
    }

    /// Whether `d` is a working day.
    ///
    /// # Errors
    /// [`CalendarError::UnknownYear`].
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool, CalendarError> {
        self.known(d)?;
        if self.working_weekends.contains(&d) {
            return Ok(true);
        }
        Ok(!matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.days_off.contains(&d))
    }

    /// The `n`-th working day after `d` (`d` itself not counted).
    ///
    /// # Errors
    /// [`CalendarError::UnknownYear`] when the count leaves the known years.
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.known(d)?;
        let mut cur = d;
        let mut left = n;
        while left > 0 {
            cur += Duration::days(1);
            if self.is_working_day(cur)? {
                left -= 1;
            }
        }
        Ok(cur)
    }

    /// Working days from `a` (not counted) to `b` (counted); negative when `b < a`.
    ///
    /// # Errors
    /// [`CalendarError::UnknownYear`].
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64, CalendarError> {
        let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        let mut n = 0i64;
        let mut cur = lo;
        while cur < hi {
            cur += Duration::days(1);
            if self.is_working_day(cur)? {
                n += 1;
            }
        }
        Ok(sign * n)
    }

    /// When results are due (一公开): the 20th working day after the day a
    /// target's inspection ends, that day not counted.
    ///
    /// # Errors
    /// [`CalendarError::UnknownYear`].
    pub fn results_due(&self, inspection_end: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.add_working_days(inspection_end, 20)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn shipped_years_and_their_special_days() {
        let c = Calendar::shipped();
        assert_eq!(c.years(), vec![2024, 2025, 2026]);
        // Spring Festival 2026: 02-15..02-23 off; Saturday 02-14 and 02-28 worked.
        assert!(!c.is_working_day(d("2026-02-16")).unwrap());
        assert!(!c.is_working_day(d("2026-02-23")).unwrap());
        assert!(c.is_working_day(d("2026-02-14")).unwrap());
        assert!(c.is_working_day(d("2026-02-28")).unwrap());
        assert!(c.is_working_day(d("2026-02-24")).unwrap());
        // National Day 2025: 10-01..10-08 off; Saturday 10-11 worked; Sunday 09-28 worked.
        assert!(!c.is_working_day(d("2025-10-08")).unwrap());
        assert!(c.is_working_day(d("2025-10-11")).unwrap());
        assert!(c.is_working_day(d("2025-09-28")).unwrap());
        // An ordinary weekend.
        assert!(!c.is_working_day(d("2026-03-07")).unwrap());
    }

    #[test]
    fn due_dates_across_spring_festival_and_national_day() {
        let c = Calendar::shipped();
        // Counted by hand from the State Council notice. Inspection ends Tue
        // 2026-02-10; working days after it: 02-11, 02-12, 02-13, 02-14 (make-up
        // Sat) = 4; 02-15..02-23 off; 02-24..02-27 = 8; 02-28 (make-up Sat) = 9;
        // 03-02..03-06 = 14; 03-09..03-13 = 19; 03-16 = 20.
        assert_eq!(c.results_due(d("2026-02-10")).unwrap(), d("2026-03-16"));
        // Ends Fri 2025-09-26: 09-28 (make-up Sun), 09-29, 09-30 = 3; 10-01..10-08
        // off; 10-09, 10-10, 10-11 (make-up Sat) = 6; 10-13..10-17 = 11;
        // 10-20..10-24 = 16; 10-27..10-30 = 20.
        assert_eq!(c.results_due(d("2025-09-26")).unwrap(), d("2025-10-30"));
        // Ends on a day off (Sat 2026-05-02, Labour Day): counting starts after it.
        assert_eq!(
            c.add_working_days(d("2026-05-02"), 1).unwrap(),
            d("2026-05-06")
        );
        // Across the 2026 make-up Saturday 05-09.
        assert_eq!(
            c.add_working_days(d("2026-05-08"), 1).unwrap(),
            d("2026-05-09")
        );
        assert_eq!(
            c.working_days_between(d("2026-02-10"), d("2026-03-16"))
                .unwrap(),
            20
        );
        assert_eq!(
            c.working_days_between(d("2026-03-16"), d("2026-02-10"))
                .unwrap(),
            -20
        );
    }

    #[test]
    fn dates_outside_the_known_years_are_errors_and_can_be_loaded() {
        let mut c = Calendar::shipped();
        let e = c.results_due(d("2026-12-20")).unwrap_err();
        assert!(
            matches!(e, CalendarError::UnknownYear { year: 2027, .. }),
            "{e}"
        );
        assert!(c.is_working_day(d("2023-06-01")).is_err());
        c.load_toml(
            "[2027]\ndays_off = [\"01-01\", \"02-06..02-12\"]\nworking_weekends = [\"02-20\"]\n",
        )
        .unwrap();
        assert!(c.results_due(d("2026-12-20")).is_ok());
        assert!(c.is_working_day(d("2027-02-20")).unwrap());
        assert!(c.load_toml("[2027]\ndays_off = [\"13-01\"]\n").is_err());
        assert!(
            c.load_toml("[2027]\ndays_off = []\nworking_weekends = [\"01-05\"]\n")
                .is_err()
        );
    }
}
