//! Public verification (`docs/SPEC.md` §7): the light checks, then the pool
//! recomputed from a published public snapshot.

use super::cross_stratum::{CrossStratumInput, StratumCount, cross_stratum_consistent};
use super::light::verify_light;
use super::{Check, Level, Mismatch, VerifiedDraw, check, fail};
use crate::core::proof::DrawProof;

/// Public verification (公开核验): light verification, then the pool recomputed
/// from a published public snapshot of the announced snapshot.
///
/// # Errors
/// [`Mismatch`] naming what differs.
pub fn verify_public(
    p: &DrawProof,
    snap: &crate::core::snapshot::PublicSnapshot,
) -> Result<VerifiedDraw, Mismatch> {
    verify_light(p)?;
    snap.check()
        .map_err(|e| fail(Check::PublicSnapshot, "public snapshot", e))?;
    let a = &p.announcement;
    check(
        Check::PublicSnapshot,
        "public snapshot digest",
        a.snapshot.digest,
        snap.snapshot.digest,
    )?;
    let entities = super::recompute::public_pool(p, snap)?;
    conclude(p, entities)
}

/// Public verification (公开核验) with a compact public snapshot
/// (`docs/COMMITMENTS.md` §9) read block by block: the same checks and
/// verdict as [`verify_public`], holding one block and the pool.
///
/// # Errors
/// [`Mismatch`] naming what differs (a block that breaks §9 is
/// `public_snapshot`).
pub fn verify_public_compact<R: std::io::Read>(
    p: &DrawProof,
    mut snap: crate::core::snapshot::compact::CompactReader<R>,
) -> Result<VerifiedDraw, Mismatch> {
    verify_light(p)?;
    let bad = |e: crate::core::snapshot::compact::CompactError| {
        fail(Check::PublicSnapshot, "public snapshot", e)
    };
    check(
        Check::PublicSnapshot,
        "public snapshot digest",
        p.announcement.snapshot.digest,
        snap.head().snapshot.digest,
    )?;
    let items = snap.head().items.clone();
    let mut pool = super::recompute::PublicPool::new(p, &items)?;
    loop {
        // A few blocks inflated and decoded side by side.
        let blocks = snap.next_blocks(8).map_err(bad)?;
        if blocks.is_empty() {
            break;
        }
        for block in &blocks {
            pool.add(block)?;
        }
    }
    snap.finish().map_err(bad)?;
    conclude(p, pool.finish())
}

/// The pool's size, its targets and the cross-stratum check (§9.1).
fn conclude(p: &DrawProof, entities: Vec<super::PoolEntity>) -> Result<VerifiedDraw, Mismatch> {
    let c = &p.announcement.campaign;
    check(
        Check::Pool,
        "pool size from the public snapshot (pool + left out by class)",
        entities.len(),
        p.pool_size + p.excluded_by_class,
    )?;
    let found = entities.iter().filter(|e| e.target).count();
    if found != p.targets.len() {
        let pooled: std::collections::HashSet<&str> =
            entities.iter().map(|e| e.uscc.as_str()).collect();
        let outside: Vec<&str> = p
            .targets
            .iter()
            .map(|t| t.entity.uscc.as_str())
            .filter(|u| !pooled.contains(u))
            .take(5)
            .collect();
        return Err(fail(
            Check::Pool,
            "targets in the pool recomputed from the public snapshot",
            format!("not in it: {}", outside.join(", ")),
        ));
    }
    cross_stratum_consistent(&CrossStratumInput {
        entities,
        strata: p
            .strata
            .iter()
            .map(|s| StratumCount {
                low_risk: s.credit_class == crate::core::registry::vocab::CreditClass::A,
                pool: s.pool,
                drawn: s.drawn,
            })
            .collect(),
        excluded: p.excluded_by_class,
        any_class_excluded: !c.targets.exclude_credit_classes.is_empty(),
        low_risk_once_a_year: c.targets.low_risk_once_a_year,
    })
    .map_err(|e| fail(Check::CrossStratum, "cross-stratum consistency", e))?;
    Ok(VerifiedDraw {
        level: Level::Public,
        proof: p.clone(),
    })
}
