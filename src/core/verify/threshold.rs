//! Threshold openings (分层阈值的揭示, `docs/SPEC.md` §7): a stratum's
//! threshold with the salt of its commitment, made by an audit re-run and
//! checked against the proof.

use super::audit::audit;
use super::{Check, Mismatch, check, fail};
use crate::core::commitment::SaltKey;
use crate::core::merkle::Hash;
use crate::core::proof::{DrawProof, threshold_commitment, threshold_salt};
use crate::core::registry::Registries;
use crate::core::registry::vocab::CreditClass;
use serde::{Deserialize, Serialize};

/// The opening of one stratum's threshold commitment (分层阈值的揭示), which a
/// bureau gives an enterprise of that class so it can see why it was or was
/// not drawn (§7): `format` = `"dualdraw-threshold-opening-v1"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThresholdOpening {
    /// `"dualdraw-threshold-opening-v1"`.
    pub format: String,
    /// Campaign id.
    pub campaign: String,
    /// The campaign hash of the proof it opens.
    pub campaign_hash: Hash,
    /// The stratum's class.
    pub credit_class: CreditClass,
    /// The `prn` of the stratum's last drawn entity (none when nothing was drawn).
    pub threshold: Option<Hash>,
    /// The salt of the commitment.
    pub salt: Hash,
}

/// The format tag of a [`ThresholdOpening`].
pub const THRESHOLD_OPENING_FORMAT: &str = "dualdraw-threshold-opening-v1";

/// Opens a stratum's threshold (揭示分层阈值): re-runs the draw on the
/// snapshot's registries (audit level) and returns the threshold with the salt
/// of its commitment.
///
/// # Errors
/// [`Mismatch`] when the proof does not verify at audit level or has no
/// stratum of `class`.
pub fn open_threshold(
    p: &DrawProof,
    reg: &Registries,
    key: &SaltKey,
    class: CreditClass,
) -> Result<ThresholdOpening, Mismatch> {
    let out = audit(p, reg, key)?;
    opening_of(p, key, class, &out)
}

/// [`open_threshold`] with the entities streamed (see
/// [`super::verify_audit_runs`]): `reg` holds the items, officers and
/// recusals, `roots` are the snapshot's roots the runs are checked against.
/// The outer error is the source's.
///
/// # Errors
/// What `runs` or `fetch` return; inside, as [`open_threshold`].
pub fn open_threshold_runs<E>(
    p: &DrawProof,
    reg: &Registries,
    key: &SaltKey,
    roots: &crate::core::commitment::SnapshotRoots,
    class: CreditClass,
    runs: &mut crate::core::sample::EntityRuns<'_, E>,
    fetch: &mut crate::core::sample::FetchEntities<'_, E>,
) -> Result<Result<ThresholdOpening, Mismatch>, E> {
    Ok(super::audit::audit_runs(p, reg, key, roots, runs, fetch)?
        .and_then(|out| opening_of(p, key, class, &out)))
}

/// The opening of stratum `class` of the re-run draw `out`, checked against
/// the proof's commitment.
fn opening_of(
    p: &DrawProof,
    key: &SaltKey,
    class: CreditClass,
    out: &crate::core::draw::DrawOutcome,
) -> Result<ThresholdOpening, Mismatch> {
    let a = &p.announcement;
    let s = out
        .strata
        .iter()
        .find(|s| s.credit_class == class)
        .ok_or_else(|| {
            fail(
                Check::Selection,
                "stratum",
                format!("the campaign has no stratum {}", class.token()),
            )
        })?;
    let opening = ThresholdOpening {
        format: THRESHOLD_OPENING_FORMAT.into(),
        campaign: a.campaign.id.clone(),
        campaign_hash: a.campaign_hash,
        credit_class: class,
        threshold: s.threshold,
        salt: Hash(threshold_salt(key, &a.campaign_hash, class)),
    };
    opening.verify(p)?;
    Ok(opening)
}

impl ThresholdOpening {
    /// Checks the opening against the proof's threshold commitment.
    ///
    /// # Errors
    /// [`Mismatch`] naming what differs.
    pub fn verify(&self, p: &DrawProof) -> Result<(), Mismatch> {
        check(
            Check::Selection,
            "format",
            THRESHOLD_OPENING_FORMAT,
            &self.format,
        )?;
        check(
            Check::Selection,
            "campaign hash",
            p.announcement.campaign_hash,
            self.campaign_hash,
        )?;
        let s = p
            .strata
            .iter()
            .find(|s| s.credit_class == self.credit_class)
            .ok_or_else(|| {
                fail(
                    Check::Selection,
                    "stratum",
                    format!("no stratum {}", self.credit_class.token()),
                )
            })?;
        check(
            Check::Selection,
            format!(
                "threshold commitment of stratum {}",
                self.credit_class.token()
            ),
            threshold_commitment(&self.salt.0, self.credit_class, self.threshold.as_ref()),
            s.threshold_commitment,
        )
    }

    /// Whether an entity with this PRN is drawn in the stratum (§5:
    /// `key(prn) ≤ key(threshold)`), for the proof's campaign.
    pub fn draws(&self, p: &DrawProof, prn: &Hash) -> bool {
        let key = p.prn_key();
        self.threshold
            .is_some_and(|t| key.order(prn) <= key.order(&t))
    }
}

#[cfg(test)]
mod threshold_tests {
    use super::*;

    #[test]
    fn a_threshold_opening_verifies_and_explains_every_target() {
        let (reg, key, p) = crate::core::replace::tests_support::drawn();
        for s in &p.strata {
            let o = open_threshold(&p, &reg, &key, s.credit_class).unwrap();
            o.verify(&p).unwrap();
            for t in &p.targets {
                let e = reg
                    .entities
                    .iter()
                    .find(|e| e.uscc.as_str() == t.entity.uscc)
                    .unwrap();
                if e.credit_class == s.credit_class {
                    assert!(o.draws(&p, &t.prn), "{} is drawn", t.entity.uscc);
                }
            }
            let mut bad = o.clone();
            bad.salt.0[0] ^= 1;
            assert!(bad.verify(&p).is_err(), "a wrong salt fails");
        }
    }
}
