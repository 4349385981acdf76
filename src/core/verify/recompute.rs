//! What a verifier recomputes from public data (重新计算), without judging:
//! a target's items and departments from its public record, the teams re-run
//! from a proof (§6), and the pool with its keys from a public snapshot.
//! The verification levels compare these with the proof; tools that study
//! or test verifiers (the conformance harness's tamper corpus) use them to
//! build a record that breaks one rule only.

use super::{Check, Mismatch, PoolEntity, fail};
use crate::core::assign::{Problem, TargetNeeds, needs_of};
use crate::core::commitment::PublicEntity;
use crate::core::proof::{DrawProof, TeamRecord};
use crate::core::registry::Registries;
use crate::core::sample;
use crate::core::snapshot::PublicSnapshot;
use std::collections::HashSet;

/// A target's items and departments (§6 D(t)) from its public record.
///
/// # Errors
/// The campaign's items or categories do not resolve, or the record is not
/// a valid entity.
pub fn target_needs(p: &DrawProof, e: &PublicEntity) -> Result<TargetNeeds, Mismatch> {
    let c = &p.announcement.campaign;
    let reg = Registries {
        items: p.items.clone(),
        ..Registries::default()
    };
    let citems = sample::campaign_items(&reg, c).map_err(|x| fail(Check::Targets, "items", x))?;
    let cats = sample::categories(c, &citems).map_err(|x| fail(Check::Targets, "categories", x))?;
    let rec = public_entity_record(e)
        .map_err(|x| fail(Check::Targets, format!("target {}", e.uscc), x))?;
    Ok(needs_of(&rec, c, &citems, &cats))
}

/// The officer pairs a team may not use: the disclosed recusals and the
/// officer-history rule's pairs among drawn targets (indices into the
/// proof's officers and targets).
pub(super) fn blocked_indices(p: &DrawProof) -> HashSet<(usize, usize)> {
    let officer = |id: &str| p.officers.binary_search_by(|x| x.id.as_str().cmp(id)).ok();
    let target = |u: &str| {
        p.targets
            .binary_search_by(|t| t.entity.uscc.as_str().cmp(u))
            .ok()
    };
    let mut blocked = HashSet::new();
    for (o, t) in p
        .blocked_pairs
        .iter()
        .map(|b| (b.officer.as_str(), b.target.as_str()))
        .chain(
            p.announcement
                .officer_history
                .iter()
                .map(|v| (v.officer.as_str(), v.target.as_str())),
        )
    {
        if let (Some(o), Some(t)) = (officer(o), target(t)) {
            blocked.insert((o, t));
        }
    }
    blocked
}

/// Solves §6 for `needs` (in target order) and returns the teams as records.
pub(super) fn solve_teams(
    p: &DrawProof,
    needs: &[TargetNeeds],
    blocked: &HashSet<(usize, usize)>,
) -> Result<Vec<TeamRecord>, Mismatch> {
    let c = &p.announcement.campaign;
    let problem = Problem {
        date: c.draw_date,
        region: c.teams.officer_region,
        capacity: c.teams.max_targets_per_officer,
        officers: &p.officers,
        targets: needs,
        blocked,
    };
    let teams = problem
        .solve_version(&p.seed, c.teams.assignment)
        .map_err(|e| fail(Check::Teams, "assignment", e))?;
    Ok(teams
        .iter()
        .zip(needs)
        .map(|(team, n)| TeamRecord {
            target: n.uscc.clone(),
            officers: team.iter().map(|&o| p.officers[o].id.clone()).collect(),
        })
        .collect())
}

/// The teams re-run (§6) from a proof's targets, officers, blocked pairs and
/// officer history, with its seed, in target order.
///
/// # Errors
/// A target's record does not resolve, or the assignment is infeasible.
pub fn rerun_teams(p: &DrawProof) -> Result<Vec<TeamRecord>, Mismatch> {
    let needs = p
        .targets
        .iter()
        .map(|t| target_needs(p, &t.entity))
        .collect::<Result<Vec<_>, _>>()?;
    solve_teams(p, &needs, &blocked_indices(p))
}

/// The pool recomputed from a public snapshot (§5 rules 1–5), each entity
/// with its key (§5) and whether the proof drew it.
///
/// # Errors
/// A snapshot entity that is not a valid record (`public_snapshot`), or the
/// campaign's items do not resolve (`pool`).
pub fn public_pool(p: &DrawProof, snap: &PublicSnapshot) -> Result<Vec<PoolEntity>, Mismatch> {
    let mut pool = PublicPool::new(p, &snap.items)?;
    pool.add(&snap.entities)?;
    Ok(pool.finish())
}

/// The public pool (公开抽取范围) recounted as a public snapshot's entities
/// stream by: [`public_pool`] one run at a time, for a snapshot read block by
/// block (`docs/COMMITMENTS.md` §9). Memory is the pool, not the snapshot.
#[derive(Debug)]
pub struct PublicPool<'p> {
    p: &'p DrawProof,
    cats: Vec<String>,
    sets: sample::HistorySets,
    key: sample::PrnKey,
    prns: sample::PrnHasher,
    targets: HashSet<&'p str>,
    out: Vec<PoolEntity>,
}

impl<'p> PublicPool<'p> {
    /// An empty recount for the campaign of `p` over the snapshot's `items`.
    ///
    /// # Errors
    /// The campaign's items or categories do not resolve (`pool`).
    pub fn new(p: &'p DrawProof, items: &[crate::core::registry::Item]) -> Result<Self, Mismatch> {
        let a = &p.announcement;
        let c = &a.campaign;
        let reg_items = Registries {
            items: items.to_vec(),
            ..Registries::default()
        };
        let citems =
            sample::campaign_items(&reg_items, c).map_err(|e| fail(Check::Pool, "items", e))?;
        let cats =
            sample::categories(c, &citems).map_err(|e| fail(Check::Pool, "categories", e))?;
        let key = p.prn_key();
        let prns = sample::PrnHasher::new(&key.seed);
        Ok(PublicPool {
            p,
            cats,
            sets: sample::HistorySets::of(a),
            key,
            prns,
            targets: p.targets.iter().map(|t| t.entity.uscc.as_str()).collect(),
            out: Vec::new(),
        })
    }

    /// Whether one entity of the snapshot is in the public pool (§5 rules
    /// 1–5), with its key and whether the proof drew it: the enterprise's
    /// "was I in the pool?" once its record is proved.
    ///
    /// # Errors
    /// A record that is not valid (`public_snapshot`).
    pub fn judge(&self, e: &PublicEntity) -> Result<Option<PoolEntity>, Mismatch> {
        let c = &self.p.announcement.campaign;
        let rec = public_entity_record(e)
            .map_err(|x| fail(Check::PublicSnapshot, format!("entity {}", e.uscc), x))?;
        if !sample::in_public_pool(&rec, c, &self.cats, &self.sets) {
            return Ok(None);
        }
        Ok(Some(PoolEntity {
            key: self.key.order(&self.prns.prn(e.uscc.as_bytes())),
            uscc: e.uscc.clone(),
            target: self.targets.contains(e.uscc.as_str()),
            drawn_this_year: self.sets.drawn_this_year.contains(e.uscc.as_str()),
        }))
    }

    /// Adds the next run of the snapshot's entities (in leaf order).
    ///
    /// # Errors
    /// An entity that is not a valid record (`public_snapshot`).
    pub fn add(&mut self, run: &[PublicEntity]) -> Result<(), Mismatch> {
        use crate::par::*;
        let this = &*self;
        let in_pool: Vec<Result<Option<PoolEntity>, Mismatch>> =
            run.par_iter().map(|e| this.judge(e)).collect();
        for r in in_pool {
            if let Some(e) = r? {
                self.out.push(e);
            }
        }
        Ok(())
    }

    /// The pool entities, in leaf order.
    pub fn finish(self) -> Vec<PoolEntity> {
        self.out
    }
}

/// A public snapshot's entity as the pool and assignment rules read it.
pub(super) fn public_entity_record(
    p: &PublicEntity,
) -> Result<crate::core::registry::Entity, String> {
    // The assignment and pool rules read public fields only; the class is
    // filled with a placeholder that no rule of §5/§6 reads here.
    use crate::core::registry::vocab::{EntityKind, EntityStatus, RegionCode};
    Ok(crate::core::registry::Entity {
        uscc: crate::core::uscc::Uscc::accept_legacy(&p.uscc).map_err(|e| e.to_string())?,
        name: p.name.clone(),
        kind: EntityKind::from_token(&p.kind).ok_or("bad kind")?,
        categories: p.categories.clone(),
        industry: p.industry.clone(),
        region: RegionCode::parse(&p.region).map_err(|e| e.to_string())?,
        township: p.township.clone(),
        credit_class: crate::core::registry::vocab::CreditClass::A,
        status: EntityStatus::from_token(&p.status).ok_or("bad status")?,
        established: None,
        flags: p.flags.clone(),
    })
}
