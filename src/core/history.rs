//! The history rules' inputs (历史检查记录, `docs/SPEC.md` §3) from a visit
//! log: a platform that keeps its own records of earlier draws and
//! inspections gets the exact lists an announcement fixes.

use crate::core::announcement::{History, OfficerVisit};
use crate::core::campaign::Campaign;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::BTreeSet;

/// What an earlier visit was (历史检查类型: 被抽中或已检查).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PastVisitKind {
    /// A current team of an earlier draw that was not voided, dated by that
    /// campaign's draw date.
    Drawn,
    /// An inspection: a recorded result (with its officers) or an imported
    /// history row (no officers), dated by the day it was made.
    Inspected,
}

/// One earlier visit of a target (历史检查).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PastVisit {
    /// Drawn or inspected.
    pub kind: PastVisitKind,
    /// Its date (see [`PastVisitKind`]).
    pub date: NaiveDate,
    /// The target's USCC.
    pub target: String,
    /// The officers of the team or the inspection (empty for imported history).
    pub officers: Vec<String>,
}

fn days_back(d: NaiveDate, days: u64) -> NaiveDate {
    d - Duration::days(i64::try_from(days).unwrap_or(i64::MAX / 2).min(36_500))
}

impl History {
    /// The three lists of §3 for campaign `c`, as of its draw date, from
    /// every earlier visit in `log` (any order; repeats are harmless):
    /// - the exclusion set: targets *inspected* on or after
    ///   `draw_date − exclude_inspected_within_days` and before `draw_date`;
    /// - the officer history: (officer, target) of every visit dated in
    ///   `[draw_date − avoid_same_officer_within_days, draw_date]`;
    /// - drawn this year: targets of every visit dated from 1 January of the
    ///   draw date's year up to the draw date.
    ///
    /// A rule that is off (`0`, `false`) gives an empty list.
    ///
    /// ```
    /// use dualdraw::core::history::{PastVisit, PastVisitKind};
    /// use dualdraw::core::announcement::History;
    /// use dualdraw::chrono::NaiveDate;
    /// let c = dualdraw::Campaign::from_toml(&format!(
    ///     "id = \"C\"\ntitle = \"t\"\nlead_department = \"D\"\ndraw_date = \"2026-03-02\"\n\
    ///      items = [\"X\"]\n[targets]\nexclude_inspected_within_days = 30\n\
    ///      [entropy]\nwitnesses = [{{ name = \"w\", commitment = \"{}\" }}]\n",
    ///     dualdraw::core::entropy::witness_commitment("secret"),
    /// ))
    /// .unwrap();
    /// let visit = PastVisit {
    ///     kind: PastVisitKind::Inspected,
    ///     date: NaiveDate::from_ymd_opt(2026, 2, 20).unwrap(),
    ///     target: "91350200776049653A".into(),
    ///     officers: vec!["A01".into()],
    /// };
    /// let h = History::from_log(&c, &[visit]);
    /// assert_eq!(h.exclusion, vec!["91350200776049653A".to_string()]);
    /// ```
    pub fn from_log(c: &Campaign, log: &[PastVisit]) -> History {
        let until = c.draw_date;
        let mut h = History::default();
        let days = c.targets.exclude_inspected_within_days;
        if days > 0 {
            let since = days_back(until, days);
            let set: BTreeSet<&str> = log
                .iter()
                .filter(|v| v.kind == PastVisitKind::Inspected)
                .filter(|v| v.date >= since && v.date < until)
                .map(|v| v.target.as_str())
                .collect();
            h.exclusion = set.into_iter().map(str::to_string).collect();
        }
        let officer_days = c.teams.avoid_same_officer_within_days;
        if officer_days > 0 {
            let since = days_back(until, officer_days);
            let pairs: BTreeSet<OfficerVisit> = log
                .iter()
                .filter(|v| v.date >= since && v.date <= until)
                .flat_map(|v| {
                    v.officers.iter().map(|o| OfficerVisit {
                        officer: o.clone(),
                        target: v.target.clone(),
                    })
                })
                .collect();
            h.officer_history = pairs.into_iter().collect();
        }
        let jan1 = NaiveDate::from_ymd_opt(until.year(), 1, 1);
        if let (true, Some(jan1)) = (c.targets.low_risk_once_a_year, jan1) {
            let year: BTreeSet<&str> = log
                .iter()
                .filter(|v| v.date >= jan1 && v.date <= until)
                .map(|v| v.target.as_str())
                .collect();
            h.drawn_this_year = year.into_iter().map(str::to_string).collect();
        }
        h
    }
}
