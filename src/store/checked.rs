//! Announcing with the checks that can be made before anyone reveals
//! (`docs/CAMPAIGN.md` "Checks before the announcement"): the store's own
//! checks ([`super::check_campaigns`]), then [`crate::core::campaign_checks`]
//! on the same snapshot, then the record, so that what is recorded is exactly
//! what was checked. `campaign announce` and `plan announce` both call this.

use super::{AnnounceError, Conflict, Store, StoreError};
use crate::core::announcement::{AnnounceSummary, Announcement};
use crate::core::campaign::Campaign;
use crate::core::campaign_checks::{CheckError, CheckOptions, Checked, check_announcement};
use crate::core::registry::RegistryKind;
use chrono::{DateTime, Utc};
use std::time::{Duration, Instant};

/// What [`announce_checked`] recorded: the announcements with their
/// summaries, and what their checks found, in the same order.
pub type Announced = (Vec<(Announcement, AnnounceSummary)>, Vec<Checked>);

/// Why [`announce_checked`] announced nothing (抽查公告前检查未通过).
#[derive(Debug, thiserror::Error)]
pub enum CheckedAnnounceError {
    /// The store's own checks or the record refused.
    #[error(transparent)]
    Announce(#[from] AnnounceError),
    /// A campaign failed a check before the announcement.
    #[error("campaign {id}: {source}")]
    Check {
        /// Campaign id.
        id: String,
        /// Why.
        source: CheckError,
    },
}

/// As [`super::announce_campaigns`], with the checks of
/// [`crate::core::campaign_checks`] between the store's checks and the
/// record: each campaign's simulated draws stop after `budget`. All the
/// campaigns are announced, or none. Checked again when another ledger entry
/// was committed meanwhile (a few times, then [`Conflict::LedgerMoved`]).
///
/// # Errors
/// [`CheckedAnnounceError`] naming the campaign; nothing is recorded.
pub fn announce_checked<S: Store + ?Sized>(
    store: &mut S,
    campaigns: Vec<Campaign>,
    at: DateTime<Utc>,
    actor: &super::Actor,
    opts: &CheckOptions,
    budget: Duration,
) -> Result<Announced, CheckedAnnounceError> {
    // An id already announced is refused before the registries are read
    // (at a province's size the checks take a minute); the record would
    // refuse it too. (`plan check` reports it among its findings instead.)
    for c in &campaigns {
        match store.campaign_state(&c.id) {
            Ok(_) => {
                let taken = Conflict::AlreadyAnnounced { id: c.id.clone() };
                return Err(AnnounceError::from(StoreError::Conflict(taken)).into());
            }
            Err(StoreError::NoCampaign(_)) => {}
            Err(e) => return Err(AnnounceError::from(e).into()),
        }
    }
    let mut attempt = 0;
    loop {
        attempt += 1;
        // One pass over the entities: the announcements and their checks read
        // the same registries of the same snapshot.
        let kinds = [RegistryKind::Officers, RegistryKind::Recusals];
        let (list, summaries, reg) =
            super::announce::check_campaigns_reading(store, campaigns.clone(), at, &kinds)?;
        let mut checked = Vec::new();
        for a in &list {
            let started = Instant::now();
            let c = check_announcement(&reg, a, opts, &mut |_| started.elapsed() < budget)
                .map_err(|source| CheckedAnnounceError::Check {
                    id: a.campaign.id.clone(),
                    source,
                })?;
            checked.push(c);
        }
        drop(reg);
        match store.store_announcements(list, actor) {
            Ok(r) => return Ok((r.into_iter().zip(summaries).collect(), checked)),
            Err(StoreError::Conflict(Conflict::LedgerMoved)) if attempt < 5 => {}
            Err(e) => return Err(AnnounceError::from(e).into()),
        }
    }
}
