//! Announcing campaigns from a workspace: the current snapshot, the history
//! rules' inputs from the workspace, coordination groups, and one transaction.

use super::{Actor, Conflict, Store, StoreError};
use crate::core::announcement::{AnnounceSummary, Announcement, DrawError, announce, groups_of};
use crate::core::campaign::Campaign;
use crate::core::record_proof::SnapshotRef;
use crate::core::registry::{Registries, RegistryKind};
use crate::core::sample::{self, HistorySets};
use crate::par::*;
use crate::store::SnapshotInfo;
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

/// The registries an announcement and its checks read (公告所需名录): `kinds`
/// whole (items always), and of the entities, streamed, only those that can
/// be in the pool of one of `campaigns` — those passing its public filters
/// (status, regions, categories, flags; the history is not applied, so
/// this is a superset of every pool). A pool is then computed on these
/// exactly as on the whole registry (same entities, same USCC order), and
/// memory follows the pools, not the registry (issue 17).
///
/// # Errors
/// The store's errors.
pub fn pool_registries<S: Store + ?Sized>(
    store: &S,
    snap: &SnapshotInfo,
    kinds: &[RegistryKind],
    campaigns: &[Campaign],
) -> Result<Registries, StoreError> {
    let mut kinds: Vec<RegistryKind> = kinds.to_vec();
    if !kinds.contains(&RegistryKind::Items) {
        kinds.push(RegistryKind::Items);
    }
    kinds.retain(|k| *k != RegistryKind::Entities);
    let mut reg = store.load_kinds(snap, &kinds)?;
    // A campaign whose items do not resolve is refused by `announce`
    // later; it keeps nothing here.
    let filters: Vec<(&Campaign, Vec<String>)> = campaigns
        .iter()
        .filter_map(|c| {
            let items = sample::campaign_items(&reg, c).ok()?;
            Some((c, sample::categories(c, &items).ok()?))
        })
        .collect();
    let none = HistorySets::default();
    let mut kept = Vec::new();
    store.for_each_entity_run(snap, &mut |_, run| {
        let keep: Vec<bool> = run
            .par_iter()
            .map(|e| {
                filters
                    .iter()
                    .any(|(c, cats)| sample::in_public_pool(e, c, cats, &none))
            })
            .collect();
        kept.extend(
            run.iter()
                .zip(keep)
                .filter(|(_, k)| *k)
                .map(|(e, _)| e.clone()),
        );
        Ok(())
    })?;
    reg.entities = kept;
    Ok(reg)
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
    check_campaigns_reading(store, campaigns, now, &[])
        .map(|(list, summaries, _)| (list, summaries))
}

/// [`check_campaigns`], giving back the registries it read as well: the
/// items, the entities that can be in a pool ([`pool_registries`]) and
/// `kinds` whole, all of the current snapshot, on which the announcements
/// were made. The checks before an announcement (officers, recusals) read
/// them instead of streaming the entities a second time.
///
/// # Errors
/// As [`check_campaigns`].
pub(crate) fn check_campaigns_reading<S: Store + ?Sized>(
    store: &S,
    campaigns: Vec<Campaign>,
    now: DateTime<Utc>,
    kinds: &[RegistryKind],
) -> Result<(Vec<Announcement>, Vec<AnnounceSummary>, Registries), AnnounceError> {
    let groups = groups_of(&campaigns).map_err(|e| AnnounceError::Group(e.to_string()))?;
    let taken = store.group_names()?;
    if let Some(g) = groups.iter().flatten().find(|g| taken.contains(&g.group)) {
        return Err(AnnounceError::GroupTaken {
            group: g.group.clone(),
        });
    }
    let snap = store.current_snapshot()?.ok_or(AnnounceError::NoSnapshot)?;
    let mut read = vec![RegistryKind::Items];
    read.extend_from_slice(kinds);
    let reg = pool_registries(store, &snap, &read, &campaigns)?;
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
    Ok((list, summaries, reg))
}
