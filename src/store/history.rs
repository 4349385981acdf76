//! The history rules' inputs (`docs/SPEC.md` §3) from any [`Store`]: its
//! earlier draws (their current teams), recorded results and imported
//! history, handed to [`History::from_log`].

use super::{Store, StoreError};
use crate::core::announcement::History;
use crate::core::campaign::Campaign;
use crate::core::history::{PastVisit, PastVisitKind};
use crate::core::replace::current_teams;

/// Every visit the store knows of: drawn teams of campaigns not voided
/// (dated by their draw date), recorded results and imported history.
///
/// # Errors
/// [`StoreError`] for an unreadable store.
pub fn visit_log<S: Store + ?Sized>(store: &S) -> Result<Vec<PastVisit>, StoreError> {
    let mut log = Vec::new();
    for id in store.drawn_campaigns()? {
        let proof = store.draw_proof(&id)?;
        let reps = store.replacements(&id)?;
        let date = proof.announcement.campaign.draw_date;
        for (target, officers) in current_teams(&proof, &reps) {
            log.push(PastVisit {
                kind: PastVisitKind::Drawn,
                date,
                target,
                officers,
            });
        }
    }
    for r in store.all_results()? {
        log.push(PastVisit {
            kind: PastVisitKind::Inspected,
            date: r.inspected_on,
            target: r.target,
            officers: r.officers,
        });
    }
    for (target, date) in store.imported_history()? {
        log.push(PastVisit {
            kind: PastVisitKind::Inspected,
            date,
            target,
            officers: Vec::new(),
        });
    }
    Ok(log)
}

/// The inputs of a campaign's history rules from the store, as of its draw
/// date ([`History::from_log`] over [`visit_log`]).
///
/// # Errors
/// [`StoreError`] for an unreadable store.
pub fn history_for<S: Store + ?Sized>(store: &S, c: &Campaign) -> Result<History, StoreError> {
    let on = c.targets.exclude_inspected_within_days > 0
        || c.teams.avoid_same_officer_within_days > 0
        || c.targets.low_risk_once_a_year;
    if !on {
        return Ok(History::default());
    }
    Ok(History::from_log(c, &visit_log(store)?))
}
