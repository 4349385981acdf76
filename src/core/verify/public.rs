//! Public verification (`docs/SPEC.md` §7): the light checks, then the pool
//! recomputed from a published public snapshot.

use super::light::{public_entity_record, verify_light};
use super::{Level, Mismatch, VerifiedDraw, check, fail};
use crate::core::proof::DrawProof;
use crate::core::registry::Registries;
use crate::core::sample;

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
    snap.check().map_err(|e| fail("public snapshot", e))?;
    let a = &p.announcement;
    check(
        "public snapshot digest",
        a.snapshot.digest,
        snap.snapshot.digest,
    )?;
    let c = &a.campaign;
    let reg_items = Registries {
        items: snap.items.clone(),
        ..Registries::default()
    };
    let citems = sample::campaign_items(&reg_items, c).map_err(|e| fail("items", e))?;
    let cats = sample::categories(c, &citems).map_err(|e| fail("categories", e))?;
    let sets = sample::HistorySets::of(a);
    let mut pool = 0u64;
    for e in &snap.entities {
        let rec = public_entity_record(e).map_err(|x| fail(format!("entity {}", e.uscc), x))?;
        if sample::in_public_pool(&rec, c, &cats, &sets) {
            pool += 1;
        }
    }
    check(
        "pool size from the public snapshot (pool + left out by class)",
        pool,
        p.pool_size + p.excluded_by_class,
    )?;
    Ok(VerifiedDraw {
        level: Level::Public,
        proof: p.clone(),
    })
}
