//! Public verification (`docs/SPEC.md` §7): the light checks, then the pool
//! recomputed from a published public snapshot.

use super::cross_stratum::{CrossStratumInput, PoolEntity, StratumCount, cross_stratum_consistent};
use super::light::{public_entity_record, verify_light};
use super::{Check, Level, Mismatch, VerifiedDraw, check, fail};
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
    snap.check()
        .map_err(|e| fail(Check::PublicSnapshot, "public snapshot", e))?;
    let a = &p.announcement;
    check(
        Check::PublicSnapshot,
        "public snapshot digest",
        a.snapshot.digest,
        snap.snapshot.digest,
    )?;
    let c = &a.campaign;
    let reg_items = Registries {
        items: snap.items.clone(),
        ..Registries::default()
    };
    let citems =
        sample::campaign_items(&reg_items, c).map_err(|e| fail(Check::Pool, "items", e))?;
    let cats = sample::categories(c, &citems).map_err(|e| fail(Check::Pool, "categories", e))?;
    let sets = sample::HistorySets::of(a);
    let key = p.prn_key();
    let targets: std::collections::HashSet<&str> =
        p.targets.iter().map(|t| t.entity.uscc.as_str()).collect();
    let in_pool: Vec<Result<Option<PoolEntity>, Mismatch>> = {
        use crate::par::*;
        snap.entities
            .par_iter()
            .map(|e| {
                let rec = public_entity_record(e)
                    .map_err(|x| fail(Check::PublicSnapshot, format!("entity {}", e.uscc), x))?;
                if !sample::in_public_pool(&rec, c, &cats, &sets) {
                    return Ok(None);
                }
                Ok(Some(PoolEntity {
                    key: key.order(&sample::prn(&key.seed, &e.uscc)),
                    uscc: e.uscc.clone(),
                    target: targets.contains(e.uscc.as_str()),
                    drawn_this_year: sets.drawn_this_year.contains(e.uscc.as_str()),
                }))
            })
            .collect()
    };
    let mut entities = Vec::new();
    for r in in_pool {
        if let Some(e) = r? {
            entities.push(e);
        }
    }
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
