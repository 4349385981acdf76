//! Drawing a campaign (抽取) from any [`Store`]: the witnesses' reveals
//! (揭示) checked and recorded, the beacon checked against the campaign's
//! commitment, the seed, the targets and teams, and the proof — recorded in
//! one transaction with the commitment to the schedule secret.

use super::{Actor, CampaignState, Conflict, Store, StoreError};
use crate::core::announcement::Announcement;
use crate::core::announcement::DrawError;
use crate::core::campaign::{BeaconScheme, instant_text};
use crate::core::draw::{DrawOutcome, derive_seed, draw_runs, prn_key};
use crate::core::entropy::{self, DrandRound, EntropyError, Reveal};
use crate::core::merkle::{Hash, InclusionProof};
use crate::core::proof::{DrawProof, EntropyRecord, make_proof_with};
use crate::core::registry::{Entity, Registries};
use crate::core::sample::{PrnKey, SampleError};
use crate::store::SnapshotInfo;
use chrono::{DateTime, Utc};

/// Why a witness's reveal (揭示) is refused. Nothing is recorded.
#[derive(Debug, thiserror::Error)]
pub enum RevealError {
    /// The name is not one of the campaign's witnesses.
    #[error("{name:?} is not a witness of {id}")]
    NotAWitness {
        /// Campaign id.
        id: String,
        /// The name given.
        name: String,
    },
    /// The secret does not match the witness's commitment.
    #[error(transparent)]
    Secret(EntropyError),
    /// The reveal would precede the announcement.
    #[error("a reveal at {at} would precede the announcement ({announced})")]
    BeforeAnnouncement {
        /// The reveal's time (RFC 3339, UTC).
        at: String,
        /// The announcement's time.
        announced: String,
    },
    /// The reveal deadline has passed.
    #[error("the reveal deadline {deadline} has passed ({at})")]
    PastDeadline {
        /// The deadline (RFC 3339, UTC).
        deadline: String,
        /// The reveal's time.
        at: String,
    },
    /// The store failed or refused (no such campaign, a second reveal, …).
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Records one witness's reveal (揭示) `name`=`secret` of campaign `id` at
/// `at`: the name must be a witness, the secret must open its commitment,
/// and `at` must be after the announcement and before the reveal deadline.
///
/// # Errors
/// [`RevealError`]; nothing is recorded then.
pub fn record_reveal<S: Store + ?Sized>(
    store: &mut S,
    id: &str,
    (name, secret): (&str, &str),
    at: DateTime<Utc>,
    actor: &Actor,
) -> Result<(), RevealError> {
    reveal(store, id, name, secret, at, actor, false)
}

/// As [`record_reveal`]; with `repeat_ok`, the same secret already recorded
/// for a campaign not yet drawn is accepted as it is (a retried draw).
fn reveal<S: Store + ?Sized>(
    store: &mut S,
    id: &str,
    name: &str,
    secret: &str,
    at: DateTime<Utc>,
    actor: &Actor,
    repeat_ok: bool,
) -> Result<(), RevealError> {
    let a = store.announcement(id)?;
    let w = a
        .campaign
        .entropy
        .witnesses
        .iter()
        .find(|w| w.name == name)
        .ok_or_else(|| RevealError::NotAWitness {
            id: id.to_string(),
            name: name.to_string(),
        })?;
    entropy::check_reveal(name, &w.commitment, secret).map_err(RevealError::Secret)?;
    if at < a.announced_at {
        return Err(RevealError::BeforeAnnouncement {
            at: instant_text(&at),
            announced: instant_text(&a.announced_at),
        });
    }
    // The same secret again in a retried draw is already recorded.
    if repeat_ok
        && store.campaign_state(id)? == CampaignState::Announced
        && store
            .reveals(id)?
            .iter()
            .any(|r| r.name == name && r.secret == secret)
    {
        return Ok(());
    }
    if let Some(d) = a.reveal_deadline()
        && at >= d
    {
        return Err(RevealError::PastDeadline {
            deadline: instant_text(&d),
            at: instant_text(&at),
        });
    }
    match store.store_reveal(
        id,
        &Reveal {
            name: name.to_string(),
            secret: secret.to_string(),
            revealed_at: at,
        },
        actor,
    ) {
        // A draw retried at the same moment by another writer recorded the
        // same secret between the check above and this write.
        Err(StoreError::Conflict(Conflict::RevealRecorded(r))) if repeat_ok && r.same_secret => {
            Ok(())
        }
        other => Ok(other?),
    }
}

/// What a draw is given besides the store: reveals to record first and the
/// beacon's output. Only the beacon of the scheme the campaign committed to
/// is used; the other is ignored.
#[derive(Debug, Clone, Default)]
pub struct DrawInputs {
    /// Witnesses' reveals (name, secret) to record before the draw; one
    /// already recorded with the same secret is accepted again.
    pub reveals: Vec<(String, String)>,
    /// The drand quicknet round, for a campaign committed to one.
    pub drand: Option<DrandRound>,
    /// The lottery result (e.g. `3,7,12,19,25,31/9`), for a campaign
    /// committed to a lottery draw.
    pub lottery: Option<String>,
}

/// Why a campaign cannot be drawn (抽取).
#[derive(Debug, thiserror::Error)]
pub enum DrawCampaignError {
    /// The campaign is already drawn: one draw per announcement.
    #[error("campaign {0} is already drawn: one draw per announcement")]
    AlreadyDrawn(String),
    /// A reveal given with the draw is refused.
    #[error(transparent)]
    Reveal(RevealError),
    /// The beacon, the reveals, the sample or the assignment refuse the draw.
    #[error(transparent)]
    Draw(#[from] DrawError),
    /// The store failed or refused.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Everything [`draw_campaign`] does except recording the draw: checks that
/// campaign `id` is not drawn yet, records the reveals of `inputs` at `at`
/// (each its own ledger entry), checks the beacon, derives the seed and
/// draws targets and teams on the announced snapshot. Returns the proof,
/// not yet recorded (a caller that must write the proof somewhere first
/// records it afterwards with [`Store::store_draw_with`]).
///
/// # Errors
/// [`DrawCampaignError`]; the draw is not recorded (reveals recorded before
/// the error stay recorded).
pub fn prepare_draw<S: Store + ?Sized>(
    store: &mut S,
    id: &str,
    inputs: &DrawInputs,
    at: DateTime<Utc>,
    actor: &Actor,
) -> Result<DrawProof, DrawCampaignError> {
    let a = store.announcement(id)?;
    if store.campaign_state(id)? == CampaignState::Drawn {
        return Err(DrawCampaignError::AlreadyDrawn(id.to_string()));
    }
    for (name, secret) in &inputs.reveals {
        match reveal(store, id, name, secret, at, actor, true) {
            Ok(()) => {}
            // Another writer drew between the check above and this reveal:
            // the campaign is drawn, which is what this caller is told.
            Err(RevealError::Store(StoreError::Conflict(Conflict::DrawnOrVoided { .. })))
                if store.campaign_state(id)? == CampaignState::Drawn =>
            {
                return Err(DrawCampaignError::AlreadyDrawn(id.to_string()));
            }
            Err(e) => return Err(DrawCampaignError::Reveal(e)),
        }
    }
    let beacon = match (&a.campaign.entropy.beacon, &inputs.drand, &inputs.lottery) {
        (Some(spec), Some(round), _) if spec.scheme == BeaconScheme::DrandQuicknet => {
            Some(entropy::verify_quicknet(spec, round).map_err(DrawError::from)?)
        }
        (Some(spec), _, Some(result)) if spec.scheme == BeaconScheme::Lottery => {
            Some(entropy::lottery_value(spec, result).map_err(DrawError::from)?)
        }
        _ => None,
    };
    let recorded = store.reveals(id)?;
    let (seed, used, missing) = derive_seed(&a, &recorded, beacon.as_ref())?;
    let snap = store.snapshot(a.snapshot.id)?;
    let group = store.group_announcements(&a)?;
    let key = prn_key(&a, &seed, &used, beacon.as_ref().map(|b| &b.value), &group)?;
    let StreamedDraw {
        reg,
        outcome,
        targets,
    } = streamed_draw(&*store, &snap, &a, &seed, &key)?;
    Ok(make_proof_with(
        &reg,
        &targets,
        store.salt_key(),
        &a,
        EntropyRecord {
            reveals: used,
            missing,
            beacon,
        },
        &outcome,
        &group,
    ))
}

/// What [`streamed_draw`] gives.
#[derive(Debug, Clone)]
pub struct StreamedDraw {
    /// The snapshot's items, officers and recusals (no entities).
    pub reg: Registries,
    /// The draw.
    pub outcome: DrawOutcome,
    /// The targets and their inclusion proofs, in target order.
    pub targets: Vec<(Entity, InclusionProof)>,
}

/// The draw of `a` on snapshot `snap` with the entities streamed (流式抽取):
/// the registries other than entities loaded, the entities read run by run
/// (twice or three times: the selection, a stratum numbered again, the
/// targets with their inclusion proofs). Returns the registries read, the
/// outcome and the targets with their proofs.
///
/// # Errors
/// The store's errors, [`DrawError`].
pub fn streamed_draw<S: Store + ?Sized>(
    store: &S,
    snap: &SnapshotInfo,
    a: &Announcement,
    seed: &Hash,
    key: &PrnKey,
) -> Result<StreamedDraw, DrawCampaignError> {
    let reg = store.load_kinds(snap, &super::snapshots::NOT_ENTITIES)?;
    let mut targets = Vec::new();
    let outcome = draw_runs::<DrawCampaignError>(
        &reg,
        a,
        seed,
        key,
        &mut |f| Ok(super::snapshots::entity_runs(store, snap, f)?),
        &mut |indices| {
            targets = super::snapshots::entities_at(store, snap, indices)?;
            Ok(targets.iter().map(|t| t.0.clone()).collect())
        },
    )?;
    Ok(StreamedDraw {
        reg,
        outcome,
        targets,
    })
}

impl From<SampleError> for DrawCampaignError {
    fn from(e: SampleError) -> Self {
        DrawCampaignError::Draw(DrawError::Sample(e))
    }
}

/// Draws campaign `id` (抽取) and records the draw at `at` with its ledger
/// entry and the commitment to `schedule_secret` (the secret of the visit
/// dates, revealed after the visits; `None` for no schedule): as
/// [`prepare_draw`], then [`Store::store_draw_with`]. Returns the proof.
///
/// # Errors
/// [`DrawCampaignError`]; the draw is not recorded then.
pub fn draw_campaign<S: Store + ?Sized>(
    store: &mut S,
    id: &str,
    inputs: &DrawInputs,
    at: DateTime<Utc>,
    actor: &Actor,
    schedule_secret: Option<&str>,
) -> Result<DrawProof, DrawCampaignError> {
    let proof = prepare_draw(store, id, inputs, at, actor)?;
    store.store_draw_with(&proof, &instant_text(&at), actor, schedule_secret)?;
    Ok(proof)
}
