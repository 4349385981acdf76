//! The official working-day calendar (工作日): Monday–Friday except the State
//! Council's days off, plus the make-up working weekends (调休上班). The years
//! 2024–2026 ship as data (`data/cn-holidays.toml`); later years are imported
//! into a workspace (`dualdraw calendar import`, `docs/CALENDAR.md`) or loaded
//! from a file of the same shape. A date outside the known years is an
//! error, never a guess — unless the year is *assumed* (weekends only, by an
//! explicit decision): every date counted through an assumed year is
//! provisional (暂定) until the year's official schedule is loaded.

use crate::core::merkle::Hash;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The shipped schedules (国办发明电 notices for 2024, 2025 and 2026).
pub const SHIPPED: &str = include_str!("../../data/cn-holidays.toml");

/// Why a calendar question cannot be answered (工作日历错误).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The year's schedule is not known.
    #[error(
        "no official holiday schedule for {year} is loaded (known: {known}): import it with `dualdraw calendar import FILE` (docs/CALENDAR.md)"
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
#[serde(deny_unknown_fields)]
struct YearFile {
    /// The notice the schedule is copied from.
    #[serde(default)]
    source: String,
    /// Days off: `"MM-DD"` or `"MM-DD..MM-DD"`.
    days_off: Vec<String>,
    /// Make-up working days: `"MM-DD"`.
    #[serde(default)]
    working_weekends: Vec<String>,
}

/// One year's official schedule (年度节假日安排): its days off and make-up
/// working weekends (调休上班), as a notice of the State Council General
/// Office gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSchedule {
    /// The year.
    pub year: i32,
    /// The notice it is copied from (e.g. `国办发明电〔2024〕12号`); may be
    /// empty in a `--holidays` file.
    #[serde(default)]
    pub source: String,
    /// Every day off (放假), ascending.
    pub days_off: BTreeSet<NaiveDate>,
    /// Every make-up working weekend day (调休上班), ascending.
    pub working_weekends: BTreeSet<NaiveDate>,
}

/// The days every year's schedule has off since 1999 (全国年节及纪念日放假办法):
/// New Year's Day, Labour Day and the first three days of National Day.
pub const STATUTORY_DAYS_OFF: [(u32, u32); 5] = [(1, 1), (5, 1), (10, 1), (10, 2), (10, 3)];

impl YearSchedule {
    /// The days off as inclusive ranges of consecutive days, ascending.
    pub fn ranges(&self) -> Vec<(NaiveDate, NaiveDate)> {
        let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        for &d in &self.days_off {
            match out.last_mut() {
                Some((_, end)) if end.succ_opt() == Some(d) => *end = d,
                _ => out.push((d, d)),
            }
        }
        out
    }

    /// The digest of the schedule (what the ledger records):
    /// `SHA-256(lp("dualdraw-calendar-year-v1") ‖ lp(decimal year) ‖ lp(source) ‖
    /// u32be(n) ‖ lp(day off)… ‖ u32be(m) ‖ lp(make-up day)…)`, days as
    /// `YYYY-MM-DD`, ascending (`docs/CALENDAR.md`).
    pub fn sha256(&self) -> Hash {
        let mut e = crate::core::canonical::Encoder::with_capacity(512);
        e.str("dualdraw-calendar-year-v1")
            .str(&self.year.to_string())
            .str(&self.source)
            .raw(&(self.days_off.len() as u32).to_be_bytes());
        for d in &self.days_off {
            e.str(&d.to_string());
        }
        e.raw(&(self.working_weekends.len() as u32).to_be_bytes());
        for d in &self.working_weekends {
            e.str(&d.to_string());
        }
        Hash::digest(e.as_bytes())
    }

    /// Whether the days equal `other`'s (the source aside).
    pub fn same_days(&self, other: &YearSchedule) -> bool {
        self.days_off == other.days_off && self.working_weekends == other.working_weekends
    }

    /// The checks an imported schedule must pass besides its shape: the
    /// notice is named, and the statutory days ([`STATUTORY_DAYS_OFF`]) are
    /// days off — a schedule without them is not an official one.
    ///
    /// # Errors
    /// [`CalendarError::Malformed`] naming the year and what is missing.
    pub fn check_official(&self) -> Result<(), CalendarError> {
        if self.source.trim().is_empty() {
            return Err(CalendarError::Malformed(format!(
                "[{}]: say which notice the schedule is copied from: source = \"国务院办公厅关于{}年部分节假日安排的通知（国办发明电〔…〕…号）\"",
                self.year, self.year
            )));
        }
        let missing: Vec<String> = STATUTORY_DAYS_OFF
            .iter()
            .filter_map(|&(m, d)| NaiveDate::from_ymd_opt(self.year, m, d))
            .filter(|d| !self.days_off.contains(d))
            .map(|d| d.format("%m-%d").to_string())
            .collect();
        if !missing.is_empty() {
            return Err(CalendarError::Malformed(format!(
                "[{}]: {} must be days off in every year (全国年节及纪念日放假办法): this is not an official schedule, or a day is missing",
                self.year,
                missing.join(", ")
            )));
        }
        Ok(())
    }
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

/// Parses a holiday file (`docs/CALENDAR.md`): one table per year,
/// `[2027] source = "…" days_off = ["01-01", "02-06..02-14"] working_weekends
/// = ["02-20"]`. Each year is checked: dates of that year, ranges in order,
/// make-up days on a Saturday or Sunday and not also days off.
///
/// # Errors
/// [`CalendarError::Malformed`] naming the year and the problem.
pub fn parse_schedules(text: &str) -> Result<Vec<YearSchedule>, CalendarError> {
    let years: BTreeMap<String, YearFile> =
        toml::from_str(text).map_err(|e| CalendarError::Malformed(e.message().to_string()))?;
    let mut out = Vec::new();
    for (y, f) in years {
        let year: i32 = y
            .parse()
            .ok()
            .filter(|y| (1900..=9999).contains(y))
            .ok_or_else(|| CalendarError::Malformed(format!("[{y}] is not a year")))?;
        let mut s = YearSchedule {
            year,
            source: f.source.trim().to_string(),
            days_off: BTreeSet::new(),
            working_weekends: BTreeSet::new(),
        };
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
                s.days_off.insert(d);
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
            if s.days_off.contains(&d) {
                return Err(CalendarError::Malformed(format!(
                    "{d} is listed both as a day off and as a make-up working day"
                )));
            }
            s.working_weekends.insert(d);
        }
        out.push(s);
    }
    Ok(out)
}

/// A due date (期限) and whether it is provisional (暂定): counted through a
/// year assumed to have weekends only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Due {
    /// The day.
    pub date: NaiveDate,
    /// Counted through an assumed year (see [`Calendar::assume_weekends`]).
    pub provisional: bool,
}

/// A working-day calendar (工作日历) over the years it knows: official years
/// and years assumed to have weekends only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    years: BTreeSet<i32>,
    assumed: BTreeSet<i32>,
    days_off: BTreeSet<NaiveDate>,
    working_weekends: BTreeSet<NaiveDate>,
    sources: BTreeMap<i32, String>,
}

fn year_span(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
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

    /// The shipped years' schedules.
    pub fn shipped_years() -> Vec<YearSchedule> {
        parse_schedules(SHIPPED).unwrap_or_default()
    }

    /// Adds (or replaces) years from TOML: one table per year,
    /// `[2027] days_off = ["01-01", "02-06..02-14"] working_weekends = ["02-20"]`
    /// ([`parse_schedules`]). A year already known is replaced.
    ///
    /// # Errors
    /// [`CalendarError::Malformed`]; nothing is changed then.
    pub fn load_toml(&mut self, text: &str) -> Result<(), CalendarError> {
        for y in parse_schedules(text)? {
            self.set_year(&y);
        }
        Ok(())
    }

    /// Makes `y` the schedule of its year, replacing what was known of that
    /// year (an official schedule or an assumption).
    pub fn set_year(&mut self, y: &YearSchedule) {
        if let Some((a, b)) = year_span(y.year) {
            let old_off: Vec<NaiveDate> = self.days_off.range(a..=b).copied().collect();
            for d in old_off {
                self.days_off.remove(&d);
            }
            let old_w: Vec<NaiveDate> = self.working_weekends.range(a..=b).copied().collect();
            for d in old_w {
                self.working_weekends.remove(&d);
            }
        }
        self.days_off.extend(y.days_off.iter().copied());
        self.working_weekends
            .extend(y.working_weekends.iter().copied());
        self.assumed.remove(&y.year);
        self.years.insert(y.year);
        self.sources.insert(y.year, y.source.clone());
    }

    /// Proceeds on weekends only in `year` (工作日暂按周一至周五计): every date
    /// counted through it is provisional. Returns `false` (and changes
    /// nothing) when the year's official schedule is known.
    pub fn assume_weekends(&mut self, year: i32) -> bool {
        if self.years.contains(&year) {
            return false;
        }
        self.assumed.insert(year);
        true
    }

    /// The years with an official schedule.
    pub fn years(&self) -> Vec<i32> {
        self.years.iter().copied().collect()
    }

    /// The years assumed to have weekends only.
    pub fn assumed_years(&self) -> Vec<i32> {
        self.assumed.iter().copied().collect()
    }

    /// Whether `year` is assumed to have weekends only.
    pub fn is_assumed(&self, year: i32) -> bool {
        self.assumed.contains(&year)
    }

    /// Whether `year`'s official schedule is known.
    pub fn is_official(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    /// The official schedule of `year`, if known.
    pub fn year(&self, year: i32) -> Option<YearSchedule> {
        let (a, b) = year_span(year)?;
        self.years.contains(&year).then(|| YearSchedule {
            year,
            source: self.sources.get(&year).cloned().unwrap_or_default(),
            days_off: self.days_off.range(a..=b).copied().collect(),
            working_weekends: self.working_weekends.range(a..=b).copied().collect(),
        })
    }

    /// Whether a count over the days from `a` to `b` (both included, any
    /// order) goes through an assumed year.
    pub fn provisional_between(&self, a: NaiveDate, b: NaiveDate) -> bool {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        self.assumed.range(lo.year()..=hi.year()).next().is_some()
    }

    fn known(&self, d: NaiveDate) -> Result<(), CalendarError> {
        if self.years.contains(&d.year()) || self.assumed.contains(&d.year()) {
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

    /// Whether `d` is a working day (in an assumed year: Monday–Friday).
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

    /// [`Calendar::results_due`], saying whether the day is provisional: the
    /// days counted (after `inspection_end`, up to the due day) go through
    /// an assumed year.
    ///
    /// # Errors
    /// [`CalendarError::UnknownYear`].
    pub fn results_due_marked(&self, inspection_end: NaiveDate) -> Result<Due, CalendarError> {
        let date = self.results_due(inspection_end)?;
        let first = inspection_end.succ_opt().unwrap_or(inspection_end);
        Ok(Due {
            date,
            provisional: self.provisional_between(first, date),
        })
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

    #[test]
    fn an_assumed_year_counts_weekdays_and_marks_what_crosses_it_provisional() {
        let mut c = Calendar::shipped();
        assert!(
            !c.assume_weekends(2026),
            "an official year is never assumed"
        );
        assert!(c.assume_weekends(2027));
        assert_eq!(c.assumed_years(), vec![2027]);
        // Fri 2026-12-18 + 20 weekdays: 12-21..12-25 (5), 12-28..12-31 (9),
        // 2027-01-01 (Fri, 10: no holiday assumed), 01-04..01-08 (15),
        // 01-11..01-15 (20).
        let due = c.results_due_marked(d("2026-12-18")).unwrap();
        assert_eq!(due.date, d("2027-01-15"));
        assert!(due.provisional);
        // Counted inside 2026 only: not provisional.
        let due = c.results_due_marked(d("2026-03-02")).unwrap();
        assert!(!due.provisional, "{due:?}");
        // The official schedule replaces the assumption.
        c.load_toml("[2027]\ndays_off = [\"01-01\"]\n").unwrap();
        assert!(!c.is_assumed(2027));
        let due = c.results_due_marked(d("2026-12-18")).unwrap();
        assert_eq!(due.date, d("2027-01-18"));
        assert!(!due.provisional);
        assert!(!c.assume_weekends(2027));
    }

    #[test]
    fn loading_a_known_year_replaces_it_instead_of_adding_to_it() {
        let mut c = Calendar::shipped();
        c.load_toml("[2026]\ndays_off = [\"01-01\"]\n").unwrap();
        assert!(c.is_working_day(d("2026-02-16")).unwrap());
        assert!(!c.is_working_day(d("2026-02-14")).unwrap());
        assert!(!c.is_working_day(d("2026-01-01")).unwrap());
        // Other years are untouched.
        assert!(!c.is_working_day(d("2025-10-08")).unwrap());
    }

    #[test]
    fn the_shipped_years_pass_the_import_checks_and_name_their_notice() {
        let years = Calendar::shipped_years();
        assert_eq!(years.len(), 3);
        for y in &years {
            y.check_official().unwrap();
            assert!(y.source.contains("节假日安排"), "{y:?}");
            assert_eq!(Calendar::shipped().year(y.year).as_ref(), Some(y));
        }
        let y2026 = &years[2];
        let ranges: Vec<String> = y2026
            .ranges()
            .iter()
            .map(|(a, b)| format!("{a}..{b}"))
            .collect();
        assert_eq!(ranges[1], "2026-02-15..2026-02-23");
        assert_eq!(ranges.len(), 7);
    }

    #[test]
    fn a_file_that_is_not_an_official_schedule_is_refused_with_its_reason() {
        let bad = |text: &str, needle: &str| {
            let e = parse_schedules(text)
                .and_then(|ys| ys.iter().try_for_each(YearSchedule::check_official))
                .unwrap_err();
            assert!(e.to_string().contains(needle), "{e}");
        };
        bad(
            "[2027]\nsource = \"x\"\ndays_off = [\"02-06\"]\n",
            "01-01, 05-01, 10-01, 10-02, 10-03",
        );
        bad(
            "[2027]\ndays_off = [\"01-01\", \"05-01\", \"10-01..10-03\"]\n",
            "source",
        );
        bad(
            "[2027]\nsource = \"x\"\ndays_off = [\"01-01\"]\nworking_weekend = [\"02-20\"]\n",
            "working_weekend",
        );
        bad(
            "[2027]\nsource = \"x\"\ndays_off = [\"02-20\"]\nworking_weekends = [\"02-20\"]\n",
            "both",
        );
        bad(
            "[27]\nsource = \"x\"\ndays_off = [\"01-01\"]\n",
            "not a year",
        );
    }

    #[test]
    fn the_year_digest_is_the_documented_encoding() {
        let y = parse_schedules(
            "[2027]\nsource = \"N\"\ndays_off = [\"01-01\"]\nworking_weekends = [\"01-02\"]\n",
        )
        .unwrap()
        .remove(0);
        // lp(x) = u32be(len) ‖ x, written out by hand.
        let mut b = Vec::new();
        for part in ["dualdraw-calendar-year-v1", "2027", "N"] {
            b.extend_from_slice(&(part.len() as u32).to_be_bytes());
            b.extend_from_slice(part.as_bytes());
        }
        for day in ["2027-01-01", "2027-01-02"] {
            b.extend_from_slice(&1u32.to_be_bytes());
            b.extend_from_slice(&10u32.to_be_bytes());
            b.extend_from_slice(day.as_bytes());
        }
        assert_eq!(y.sha256(), Hash::digest(&b));
    }
}
