//! Verifying a draw proof (验证) at the highest level the inputs allow: with
//! a published public snapshot, with a [`Store`] holding the draw's
//! snapshot (audit, and the recorded replacements), or the proof alone;
//! and opening one stratum's threshold from a store.

use super::snapshots::{NOT_ENTITIES, entities_at, entity_runs};
use super::{Store, StoreError};
use crate::core::proof::DrawProof;
use crate::core::registry::Entity;
use crate::core::registry::vocab::CreditClass;
use crate::core::replace::{Replacement, verify_replacements};
use crate::core::snapshot::PublicSnapshot;
use crate::core::verify::{
    Check, Level, Mismatch, ThresholdOpening, VerifiedDraw, open_threshold_runs, verify_audit_runs,
    verify_light, verify_public,
};

/// Why a draw proof does not verify, or cannot be verified as asked.
#[derive(Debug, thiserror::Error)]
pub enum VerifyDrawError {
    /// A replacement list was given but no store holds the draw's snapshot
    /// (replacements are re-derived at audit level only).
    #[error("a replacement list needs the workspace that holds the draw's snapshot (audit level)")]
    ReplacementsNeedAudit,
    /// The proof does not verify.
    #[error(transparent)]
    Mismatch(#[from] Mismatch),
    /// A replacement of the list does not re-derive.
    #[error("{0}")]
    Replacement(String),
    /// The list verifies but differs from the replacements the store recorded.
    #[error(
        "the replacement file has {given} replacement(s) that differ from the {recorded} recorded in the workspace (ledger)"
    )]
    ReplacementsDiffer {
        /// How many the list has.
        given: usize,
        /// How many the store recorded.
        recorded: usize,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Verifies a draw proof (验证抽取证明): at public level with `public` (a
/// published public snapshot); else at audit level when `store` holds a
/// snapshot with the proof's digest — re-running the whole draw with its
/// salts, and re-deriving `replacements` (if given), which must also equal
/// those the store recorded; else at light level (the proof alone). Returns
/// the verified draw (its [`VerifiedDraw::level`] is the level reached).
///
/// # Errors
/// [`VerifyDrawError`]: what does not verify, or replacements given without
/// a store holding the snapshot.
pub fn verify_draw<S: Store + ?Sized>(
    store: Option<&S>,
    proof: &DrawProof,
    public: Option<&PublicSnapshot>,
    replacements: Option<&[Replacement]>,
) -> Result<VerifiedDraw, VerifyDrawError> {
    if let Some(ps) = public {
        return Ok(verify_public(proof, ps)?);
    }
    let snap = store.and_then(|s| {
        s.snapshot_by_digest(&proof.announcement.snapshot.digest)
            .ok()
            .flatten()
            .map(|snap| (s, snap))
    });
    // Without the draw's snapshot or its announcement here: the proof alone.
    let light_only = || match replacements {
        Some(_) => Err(VerifyDrawError::ReplacementsNeedAudit),
        None => Ok(verify_light(proof)?),
    };
    let Some((store, snap)) = snap else {
        return light_only();
    };
    // The audit level also knows what was announced: a proof of a redrawn
    // announcement (another reveal, another time) is not this campaign's.
    let id = &proof.announcement.campaign.id;
    match store.announcement(id) {
        Ok(a) if a.hash == proof.announcement.hash => {}
        Ok(a) => {
            return Err(Mismatch {
                check: Check::Rerun,
                what: format!("announcement of {id} recorded in the workspace"),
                expected: a.hash.to_hex(),
                got: proof.announcement.hash.to_hex(),
            }
            .into());
        }
        // Another workspace with the same registries: no audit here.
        Err(StoreError::NoCampaign(_)) => return light_only(),
        Err(e) => return Err(e.into()),
    }
    let v = audit_streamed(store, &snap, proof)??;
    let Some(list) = replacements else {
        return Ok(v);
    };
    // Replacements are re-derived from the entities that can be in the
    // campaign's pool, as `campaign replace` made them (streamed).
    use crate::core::registry::RegistryKind;
    let kinds = [RegistryKind::Officers, RegistryKind::Recusals];
    let reg = crate::store::pool_registries(
        store,
        &snap,
        &kinds,
        std::slice::from_ref(&proof.announcement.campaign),
    )?;
    verify_replacements(&reg, &proof.announcement, proof, list)
        .map_err(VerifyDrawError::Replacement)?;
    let recorded = store.replacements(&proof.announcement.campaign.id)?;
    if recorded != list {
        return Err(VerifyDrawError::ReplacementsDiffer {
            given: list.len(),
            recorded: recorded.len(),
        });
    }
    Ok(v)
}

/// Audit verification with the entities streamed from `store`
/// ([`verify_audit_runs`]): memory is the candidates and the targets, not
/// the registry.
fn audit_streamed<S: Store + ?Sized>(
    store: &S,
    snap: &crate::store::SnapshotInfo,
    proof: &DrawProof,
) -> Result<Result<VerifiedDraw, Mismatch>, StoreError> {
    let reg = store.load_kinds(snap, &NOT_ENTITIES)?;
    let kept = KeptTargets::of(proof);
    verify_audit_runs::<StoreError>(
        proof,
        &reg,
        store.salt_key(),
        &snap.roots,
        &mut |f| kept.runs(store, snap, f),
        &mut |indices| kept.fetch(store, snap, indices),
    )
}

/// The entities a re-run draw fetches after its passes over the snapshot
/// (its targets), kept as the first pass goes by when they are at the
/// places the proof names. A proof that tells the truth is so audited with
/// one pass over the snapshot fewer; places it does not name (a dishonest
/// or damaged proof) are read from the store again. What is kept came from
/// a pass whose entity root the store re-checked (a pass that fails the
/// check ends the re-run before any fetch).
struct KeptTargets {
    /// The proof's target places, sorted and distinct.
    wanted: Vec<usize>,
    kept: std::cell::RefCell<std::collections::BTreeMap<usize, Entity>>,
}

impl KeptTargets {
    fn of(proof: &DrawProof) -> Self {
        let mut wanted: Vec<usize> = proof
            .targets
            .iter()
            .filter_map(|t| usize::try_from(t.index).ok())
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        KeptTargets {
            wanted,
            kept: Default::default(),
        }
    }

    /// A pass over `snap`'s entities, handing each run to `f` and keeping
    /// the wanted ones.
    fn runs<S: Store + ?Sized>(
        &self,
        store: &S,
        snap: &crate::store::SnapshotInfo,
        f: &mut dyn FnMut(usize, &[Entity]),
    ) -> Result<(), StoreError> {
        entity_runs(store, snap, &mut |first, run| {
            let from = self.wanted.partition_point(|&i| i < first);
            let end = first + run.len();
            let mut kept = self.kept.borrow_mut();
            for &i in self.wanted[from..].iter().take_while(|&&i| i < end) {
                kept.entry(i).or_insert_with(|| run[i - first].clone());
            }
            drop(kept);
            f(first, run)
        })
    }

    /// The entities at `indices`: those kept, or all read again.
    fn fetch<S: Store + ?Sized>(
        &self,
        store: &S,
        snap: &crate::store::SnapshotInfo,
        indices: &[usize],
    ) -> Result<Vec<Entity>, StoreError> {
        let kept = self.kept.borrow();
        if let Some(all) = indices
            .iter()
            .map(|i| kept.get(i).cloned())
            .collect::<Option<Vec<Entity>>>()
        {
            return Ok(all);
        }
        drop(kept);
        Ok(entities_at(store, snap, indices)?
            .into_iter()
            .map(|t| t.0)
            .collect())
    }
}

/// The level [`verify_draw`] runs with these inputs (核验级别): public with a
/// public snapshot, audit when `store` holds the proof's snapshot, else
/// light. A verdict on a failed verification names this level.
pub fn level_available<S: Store + ?Sized>(
    store: Option<&S>,
    proof: &DrawProof,
    public: Option<&PublicSnapshot>,
) -> Level {
    if public.is_some() {
        return Level::Public;
    }
    let Some(s) = store else {
        return Level::Light;
    };
    match (
        s.snapshot_by_digest(&proof.announcement.snapshot.digest),
        s.announcement(&proof.announcement.campaign.id),
    ) {
        (Ok(Some(_)), Ok(_)) => Level::Audit,
        _ => Level::Light,
    }
}

/// Opens the threshold of stratum `class` of drawn campaign `id` (阈值开启):
/// for an enterprise of that credit class to see why it was or was not
/// drawn. The draw is re-checked at audit level first.
///
/// # Errors
/// [`VerifyDrawError::Mismatch`] when the draw does not verify or has no
/// such stratum; [`VerifyDrawError::Store`].
pub fn open_stratum_threshold<S: Store + ?Sized>(
    store: &S,
    id: &str,
    class: CreditClass,
) -> Result<ThresholdOpening, VerifyDrawError> {
    let proof = store.draw_proof(id)?;
    let snap = store.snapshot(proof.announcement.snapshot.id)?;
    let reg = store.load_kinds(&snap, &NOT_ENTITIES)?;
    let kept = KeptTargets::of(&proof);
    let opened = open_threshold_runs::<StoreError>(
        &proof,
        &reg,
        store.salt_key(),
        &snap.roots,
        class,
        &mut |f| kept.runs(store, &snap, f),
        &mut |indices| kept.fetch(store, &snap, indices),
    )?;
    Ok(opened?)
}
