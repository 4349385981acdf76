//! Announcing campaigns from a workspace: the current snapshot, the history
//! rules' inputs from the workspace, coordination groups, and one transaction.

use super::{Actor, Conflict, Store, StoreError};
use crate::core::announcement::{AnnounceSummary, Announcement, DrawError, announce, groups_of};
use crate::core::campaign::Campaign;
use crate::core::record_proof::SnapshotRef;
use crate::core::registry::RegistryKind;
use chrono::{DateTime, Utc};

/// Why campaigns cannot be announced (抽查公告错误). Nothing is recorded.
#[derive(Debug, thiserror::Error)]
pub enum AnnounceError {
    /// The workspace has no registry snapshot yet.
    #[error("the workspace has no snapshot yet: import the registries first")]
    NoSnapshot,
    /// A campaign is refused (names the campaign).
    #[error("campaign {id}: {source}")]
    Campaign {
        /// Campaign id.
        id: String,
        /// Why.
        source: DrawError,
    },
    /// A coordination group is malformed.
    #[error("{0}")]
    Group(String),
    /// A coordination group of that name was announced before.
    #[error(
        "coordination group {group:?} is already announced: a group is announced together, in one command, so that no campaign joins it after its randomness exists; name a new group"
    )]
    GroupTaken {
        /// The group's name.
        group: String,
    },
    /// The store failed or refused.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Checks campaigns against the current snapshot and announces them all
/// (or none) at `now`: each with its history rules' inputs from this
/// workspace (`docs/SPEC.md` §3); the campaigns of a coordination group
/// must all be in `campaigns`, and a group name already announced is refused.
///
/// # Errors
/// [`AnnounceError`] naming the campaign; nothing is recorded.
pub fn announce_campaigns<S: Store + ?Sized>(
    store: &mut S,
    campaigns: Vec<Campaign>,
    now: DateTime<Utc>,
    actor: &Actor,
) -> Result<Vec<(Announcement, AnnounceSummary)>, AnnounceError> {
    // An announcement commits to the ledger head: when another entry is
    // committed between the check and the record (another announcement, a
    // reveal, a result), the record is refused (never made on a stale head)
    // and the campaigns are checked again on the new head, a few times
    // before giving up with that refusal.
    let mut attempt = 0;
    loop {
        attempt += 1;
        let (list, summaries) = check_campaigns(store, campaigns.clone(), now)?;
        match store.store_announcements(list, actor) {
            Ok(recorded) => return Ok(recorded.into_iter().zip(summaries).collect()),
            Err(StoreError::Conflict(Conflict::LedgerMoved)) if attempt < 5 => {}
            Err(e) => return Err(e.into()),
        }
    }
}

/// Everything [`announce_campaigns`] checks, without recording:
/// the announcements as they would be made now, with their summaries.
///
/// # Errors
/// [`AnnounceError`] naming the campaign.
pub fn check_campaigns<S: Store + ?Sized>(
    store: &S,
    campaigns: Vec<Campaign>,
    now: DateTime<Utc>,
) -> Result<(Vec<Announcement>, Vec<AnnounceSummary>), AnnounceError> {
    let groups = groups_of(&campaigns).map_err(|e| AnnounceError::Group(e.to_string()))?;
    let taken = store.group_names()?;
    if let Some(g) = groups.iter().flatten().find(|g| taken.contains(&g.group)) {
        return Err(AnnounceError::GroupTaken {
            group: g.group.clone(),
        });
    }
    let snap = store.current_snapshot()?.ok_or(AnnounceError::NoSnapshot)?;
    let reg = store.load_kinds(&snap, &[RegistryKind::Items, RegistryKind::Entities])?;
    let sref = SnapshotRef {
        id: snap.id,
        digest: snap.digest,
        roots: snap.roots,
    };
    let head = store.ledger_head()?;
    let mut list = Vec::new();
    let mut summaries = Vec::new();
    for (campaign, group) in campaigns.into_iter().zip(groups) {
        let history = super::history::history_for(store, &campaign)?;
        let id = campaign.id.clone();
        let (a, summary) = announce(&reg, sref.clone(), campaign, history, group, head, now)
            .map_err(|source| AnnounceError::Campaign { id, source })?;
        list.push(a);
        summaries.push(summary);
    }
    Ok((list, summaries))
}
