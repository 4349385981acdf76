//! The history rules' inputs (`docs/SPEC.md` §3), computed from the workspace
//! at announcement: earlier draws (their current teams), recorded results and
//! imported history.

use super::{Store, StoreError};
use crate::core::announcement::{History, OfficerVisit};
use crate::core::campaign::Campaign;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::BTreeSet;

/// One earlier visit known to the workspace: a drawn team (dated by its
/// campaign's draw date) or a recorded result (dated by its inspection).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Visit {
    date: NaiveDate,
    target: String,
    officers: Vec<String>,
}

fn days_back(d: NaiveDate, days: u64) -> NaiveDate {
    d - Duration::days(i64::try_from(days).unwrap_or(i64::MAX / 2).min(36_500))
}

/// Every drawn team of a campaign that is not voided, dated by its draw date.
fn drawn_visits<S: Store + ?Sized>(store: &S) -> Result<Vec<Visit>, StoreError> {
    let mut out = Vec::new();
    for id in store.drawn_campaigns()? {
        let proof = store.draw_proof(&id)?;
        let reps = store.replacements(&id)?;
        let date = proof.announcement.campaign.draw_date;
        for (target, officers) in crate::core::replace::current_teams(&proof, &reps) {
            out.push(Visit {
                date,
                target,
                officers,
            });
        }
    }
    Ok(out)
}

/// Every recorded result as a visit (one per target and day).
fn result_visits<S: Store + ?Sized>(store: &S) -> Result<Vec<Visit>, StoreError> {
    let mut out = Vec::new();
    for r in store.all_results()? {
        out.push(Visit {
            date: r.inspected_on,
            target: r.target,
            officers: r.officers,
        });
    }
    Ok(out)
}

/// The inputs of a campaign's history rules, as of its draw date:
/// - `exclusion`: entities inspected (imported history, recorded results)
///   within `exclude_inspected_within_days` before the draw date;
/// - `officer_history`: officer–entity pairs of drawn teams and recorded
///   results within `avoid_same_officer_within_days` before the draw date;
/// - `drawn_this_year`: with `low_risk_once_a_year`, entities drawn,
///   inspected or imported as inspected earlier in the draw date's year.
///
/// # Errors
/// [`StoreError`] for an unreadable store.
pub fn history_for<S: Store + ?Sized>(store: &S, c: &Campaign) -> Result<History, StoreError> {
    let until = c.draw_date;
    let mut h = History::default();
    let days = c.targets.exclude_inspected_within_days;
    if days > 0 {
        h.exclusion = store.inspected_between(days_back(until, days), until)?;
    }
    let officer_days = c.teams.avoid_same_officer_within_days;
    let need_visits = officer_days > 0 || c.targets.low_risk_once_a_year;
    let visits = if need_visits {
        let mut v = drawn_visits(store)?;
        v.extend(result_visits(store)?);
        v
    } else {
        Vec::new()
    };
    if officer_days > 0 {
        let since = days_back(until, officer_days);
        let pairs: BTreeSet<OfficerVisit> = visits
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
    if c.targets.low_risk_once_a_year {
        let Some(jan1) = NaiveDate::from_ymd_opt(until.year(), 1, 1) else {
            return Ok(h);
        };
        let mut year: BTreeSet<String> = visits
            .iter()
            .filter(|v| v.date >= jan1 && v.date <= until)
            .map(|v| v.target.clone())
            .collect();
        let next = until + Duration::days(1);
        year.extend(store.inspected_between(jan1, next)?);
        h.drawn_this_year = year.into_iter().collect();
    }
    Ok(h)
}
