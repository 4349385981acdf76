//! Replacing (替换) a drawn target or an officer of a team from any
//! [`Store`]: at once, or requested now and decided later by a drand round
//! that does not exist yet.

use super::{Actor, CampaignState, Store, StoreError};
use crate::core::announcement::Announcement;
use crate::core::campaign::{BeaconScheme, BeaconSpec};
use crate::core::entropy::{self, DrandRound, EntropyError};
use crate::core::proof::DrawProof;
use crate::core::registry::{Registries, RegistryKind};
use crate::core::replace::{PendingReplacement, ReplaceError, Replacement, Request};
use chrono::{DateTime, Utc};

/// Why a replacement (替换) cannot be made, requested or resolved. Nothing
/// is recorded.
#[derive(Debug, thiserror::Error)]
pub enum ReplaceFlowError {
    /// The campaign was voided.
    #[error("campaign {0} was voided: nothing can be replaced")]
    Voided(String),
    /// The campaign is announced, not drawn.
    #[error("campaign {0} is not drawn")]
    NotDrawn(String),
    /// The drand round named for a request is not in the future.
    #[error("drand round {0} is not in the future: name a round that does not exist yet")]
    RoundNotFuture(u64),
    /// No request waits for a beacon round.
    #[error("no replacement of {0} is waiting for a beacon round")]
    NoPending(String),
    /// The drand round given does not verify (wrong round, bad signature).
    #[error(transparent)]
    Beacon(EntropyError),
    /// The drand round's time is not after the request.
    #[error("the beacon round is not after the request")]
    BeaconNotAfterRequest,
    /// The replacement itself is refused (not a target, no reserve, …).
    #[error(transparent)]
    Rejected(#[from] ReplaceError),
    /// The store failed or refused.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A drawn campaign's announcement, proof, replacements so far and the
/// announced snapshot's registries.
struct Drawn {
    a: Announcement,
    proof: DrawProof,
    previous: Vec<Replacement>,
    reg: Registries,
}

fn load_drawn<S: Store + ?Sized>(
    store: &S,
    a: Announcement,
    id: &str,
) -> Result<Drawn, ReplaceFlowError> {
    let proof = store.draw_proof(id)?;
    let previous = store.replacements(id)?;
    let snap = store.snapshot(a.snapshot.id)?;
    // A replacement is drawn from the campaign's pool: of the entities,
    // only those that can be in it are read (streamed).
    let kinds = [RegistryKind::Officers, RegistryKind::Recusals];
    let reg = super::pool_registries(store, &snap, &kinds, std::slice::from_ref(&a.campaign))?;
    Ok(Drawn {
        a,
        proof,
        previous,
        reg,
    })
}

/// The drawn campaign `id`, refused when it is voided or not drawn.
fn drawn<S: Store + ?Sized>(store: &S, id: &str) -> Result<Drawn, ReplaceFlowError> {
    let a = store.announcement(id)?;
    match store.campaign_state(id)? {
        CampaignState::Drawn => {}
        CampaignState::Voided => return Err(ReplaceFlowError::Voided(id.to_string())),
        CampaignState::Announced => return Err(ReplaceFlowError::NotDrawn(id.to_string())),
    }
    load_drawn(store, a, id)
}

/// Replaces (替换) at once a drawn target of campaign `id` (by the next of
/// its stratum) or one officer of a team, for `reason`, at `at`, and records
/// the replacement with its ledger entry. Returns it.
///
/// # Errors
/// [`ReplaceFlowError`]; nothing is recorded then.
pub fn replace_now<S: Store + ?Sized>(
    store: &mut S,
    id: &str,
    request: Request,
    reason: &str,
    at: DateTime<Utc>,
    actor: &Actor,
) -> Result<Replacement, ReplaceFlowError> {
    let d = drawn(store, id)?;
    let r =
        crate::core::replace::replace(&d.reg, &d.a, &d.proof, &d.previous, request, reason, at)?;
    store.store_replacement(id, &r, actor)?;
    Ok(r)
}

/// Requests a replacement (替换申请) of campaign `id` to be decided by drand
/// quicknet round `round`, which must not exist yet at `at`: the request
/// itself (target, officer) is checked now, so that the round decides only
/// the choice, and recorded. Returns the request and the round's time.
///
/// # Errors
/// [`ReplaceFlowError`]; nothing is recorded then.
pub fn request_replacement<S: Store + ?Sized>(
    store: &mut S,
    id: &str,
    request: Request,
    reason: &str,
    round: u64,
    at: DateTime<Utc>,
    actor: &Actor,
) -> Result<(PendingReplacement, DateTime<Utc>), ReplaceFlowError> {
    let d = drawn(store, id)?;
    let due = entropy::quicknet_round_time(round)
        .filter(|t| *t > at)
        .ok_or(ReplaceFlowError::RoundNotFuture(round))?;
    crate::core::replace::replace(
        &d.reg,
        &d.a,
        &d.proof,
        &d.previous,
        request.clone(),
        reason,
        at,
    )?;
    let pending = PendingReplacement {
        request,
        reason: reason.to_string(),
        round,
        requested_at: at,
    };
    store.store_replacement_request(id, &pending, actor)?;
    Ok((pending, due))
}

/// Completes the replacement of campaign `id` requested with
/// [`request_replacement`], with its drand `round` (checked offline, and
/// after the request), at `at`; records it. Returns the replacement and the
/// request it completes.
///
/// # Errors
/// [`ReplaceFlowError`]; nothing is recorded then.
pub fn resolve_replacement<S: Store + ?Sized>(
    store: &mut S,
    id: &str,
    round: &DrandRound,
    at: DateTime<Utc>,
    actor: &Actor,
) -> Result<(Replacement, PendingReplacement), ReplaceFlowError> {
    let a = store.announcement(id)?;
    let pending = store
        .pending_replacement(id)?
        .ok_or_else(|| ReplaceFlowError::NoPending(id.to_string()))?;
    let spec = BeaconSpec {
        scheme: BeaconScheme::DrandQuicknet,
        round: pending.round.to_string(),
    };
    let b = entropy::verify_quicknet(&spec, round).map_err(ReplaceFlowError::Beacon)?;
    if b.round_time.is_none_or(|t| t <= pending.requested_at) {
        return Err(ReplaceFlowError::BeaconNotAfterRequest);
    }
    let d = load_drawn(store, a, id)?;
    let r = crate::core::replace::replace_with(
        &d.reg,
        &d.a,
        &d.proof,
        &d.previous,
        pending.request.clone(),
        &pending.reason,
        at,
        Some(&b),
        Some(pending.requested_at),
    )?;
    store.store_replacement(id, &r, actor)?;
    Ok((r, pending))
}
