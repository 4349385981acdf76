//! Light verification (`docs/SPEC.md` §7): everything a draw record can
//! show on its own (announcement, entropy, registries carried whole, targets,
//! strata, blocked pairs), including re-running the officer assignment.

use super::{Level, Mismatch, VerifiedDraw, check, fail};
use crate::core::assign::{Problem, TargetNeeds, needs_of};
use crate::core::campaign::{BeaconScheme, Campaign, StratumRule, instant_text};
use crate::core::commitment::{
    PublicEntity, PublicRecusal, confidential_commitment, item_leaf, officer_leaf,
    recusal_pair_values,
};
use crate::core::draw::derive_seed;
use crate::core::entropy::{self, DrandRound};
use crate::core::merkle::{InclusionProof, root_parallel};
use crate::core::proof::{DRAW_PROOF_FORMAT, DrawProof};
use crate::core::registry::Registries;
use crate::core::registry::vocab::CreditClass;
use crate::core::sample;
use std::collections::HashSet;

/// Light verification (轻量核验, §7): everything the proof itself can show,
/// including re-running the whole officer assignment.
///
/// # Errors
/// [`Mismatch`] naming the first thing that differs.
pub fn verify_light(p: &DrawProof) -> Result<VerifiedDraw, Mismatch> {
    verify_light_inner(p, true)?;
    Ok(VerifiedDraw {
        level: Level::Light,
        proof: p.clone(),
    })
}

pub(super) fn verify_light_inner(p: &DrawProof, rerun_assignment: bool) -> Result<(), Mismatch> {
    check("format", DRAW_PROOF_FORMAT, &p.format)?;
    let a = &p.announcement;
    let c: &Campaign = &a.campaign;
    c.check().map_err(|e| fail("campaign", e))?;
    check("campaign hash", c.hash(), a.campaign_hash)?;
    check(
        "snapshot digest",
        a.snapshot.roots.digest(),
        a.snapshot.digest,
    )?;
    let mut sorted = a.exclusion.clone();
    sorted.sort();
    sorted.dedup();
    check(
        "exclusion list order",
        sorted.join(","),
        a.exclusion.join(","),
    )?;
    let leaves: Vec<&[u8]> = a.exclusion.iter().map(|u| u.as_bytes()).collect();
    check("exclusion root", root_parallel(&leaves), a.exclusion_root)?;
    if !a.officer_history.windows(2).all(|w| w[0] < w[1]) {
        return Err(fail(
            "officer history",
            "must be sorted by officer then target, without repeats",
        ));
    }
    check(
        "officer history root",
        crate::core::announcement::officer_history_root(&a.officer_history),
        a.officer_history_root,
    )?;
    if !a.drawn_this_year.windows(2).all(|w| w[0] < w[1]) {
        return Err(fail("drawn this year", "must be sorted without repeats"));
    }
    check(
        "drawn-this-year root",
        crate::core::announcement::uscc_list_root(&a.drawn_this_year),
        a.drawn_this_year_root,
    )?;
    match (&a.coordination, &c.coordination) {
        (None, None) => {}
        (Some(g), Some(k)) => {
            check("coordination group", &k.group, &g.group)?;
            check(
                "coordination group hash",
                crate::core::announcement::GroupRef::compute_hash(&g.group, &g.members),
                g.hash,
            )?;
            if !g.members.windows(2).all(|w| w[0] < w[1]) || !g.members.contains(&a.campaign_hash) {
                return Err(fail(
                    "coordination group",
                    "members must be sorted and include this campaign's hash",
                ));
            }
        }
        _ => {
            return Err(fail(
                "coordination",
                "the campaign's [coordination] and the announcement's group disagree",
            ));
        }
    }
    check("announcement hash", a.compute_hash(), a.hash)?;
    // Entropy.
    let beacon = match (&c.entropy.beacon, &p.entropy.beacon) {
        (None, None) => None,
        (Some(spec), Some(b)) => {
            let v = match spec.scheme {
                BeaconScheme::DrandQuicknet => entropy::verify_quicknet(
                    spec,
                    &DrandRound {
                        round: spec.round.parse().unwrap_or(0),
                        signature: b.evidence.clone(),
                    },
                ),
                BeaconScheme::Lottery => entropy::lottery_value(spec, &b.evidence),
            }
            .map_err(|e| fail("beacon", e))?;
            check("beacon value", v.value, b.value)?;
            if let Some(t) = v.round_time
                && t <= a.announced_at
            {
                return Err(fail(
                    "beacon round",
                    format!(
                        "round time {} is not after the announcement",
                        instant_text(&t)
                    ),
                ));
            }
            Some(v)
        }
        (Some(_), None) => {
            return Err(fail(
                "beacon",
                "the campaign names a beacon but the proof has none",
            ));
        }
        (None, Some(_)) => {
            return Err(fail(
                "beacon",
                "the proof has a beacon the campaign did not name",
            ));
        }
    };
    let mut all_reveals = p.entropy.reveals.clone();
    let (seed, used, missing) =
        derive_seed(a, &all_reveals, beacon.as_ref()).map_err(|e| fail("entropy", e))?;
    all_reveals.retain(|r| used.contains(r));
    check("reveals used", used.len(), p.entropy.reveals.len())?;
    check(
        "witnesses left out",
        missing.join(","),
        p.entropy.missing.join(","),
    )?;
    check("seed", seed, p.seed)?;
    let key = crate::core::draw::prn_key(
        a,
        &seed,
        &used,
        beacon.as_ref().map(|b| &b.value),
        &p.group_announcements,
    )
    .map_err(|e| fail("coordination", e))?;
    check("PRN seed", key.seed, p.prn_seed)?;
    // Registries carried whole.
    let items =
        crate::core::merkle::root_parallel(&p.items.iter().map(item_leaf).collect::<Vec<_>>());
    check(
        "items root (from the items in the proof)",
        a.snapshot.roots.items.hash,
        items,
    )?;
    let officers = crate::core::merkle::root_parallel(
        &p.officers.iter().map(officer_leaf).collect::<Vec<_>>(),
    );
    check(
        "officers root (from the officers in the proof)",
        a.snapshot.roots.officers.hash,
        officers,
    )?;
    if !p.officers.windows(2).all(|w| w[0].id < w[1].id)
        || !p.items.windows(2).all(|w| w[0].code < w[1].code)
    {
        return Err(fail(
            "registries",
            "items and officers must be in key order",
        ));
    }
    // Targets.
    let reg_items = Registries {
        items: p.items.clone(),
        ..Registries::default()
    };
    let citems = sample::campaign_items(&reg_items, c).map_err(|e| fail("items", e))?;
    let cats = sample::categories(c, &citems).map_err(|e| fail("categories", e))?;
    let sets = sample::HistorySets::of(a);
    let eroot = a.snapshot.roots.entities;
    let mut needs: Vec<TargetNeeds> = Vec::new();
    if p.targets
        .windows(2)
        .any(|w| w[0].entity.uscc >= w[1].entity.uscc)
    {
        return Err(fail("targets", "must be sorted by USCC without repeats"));
    }
    // Each target on its own (on every core): inclusion, PRN, and (unless an
    // audit re-derives them from the registries) pool rules, items, departments.
    let checked: Vec<Result<Option<TargetNeeds>, Mismatch>> = {
        use crate::par::*;
        p.targets
            .par_iter()
            .map(|t| {
                let u = &t.entity.uscc;
                let leaf = t.entity.leaf();
                if let Err(e) = eroot.verify_inclusion(
                    &leaf,
                    t.index,
                    &InclusionProof {
                        path: t.path.clone(),
                    },
                ) {
                    return Err(fail(format!("target {u} inclusion"), e));
                }
                let prn = sample::prn(&key.seed, u);
                if prn != t.prn {
                    return check(format!("prn of {u}"), prn, t.prn).map(|_| None);
                }
                if !rerun_assignment {
                    return Ok(None);
                }
                let e =
                    public_entity_record(&t.entity).map_err(|e| fail(format!("target {u}"), e))?;
                if !sample::in_public_pool(&e, c, &cats, &sets) {
                    return Err(fail(
                        format!("target {u}"),
                        "is not in the pool (status, region, category, flags or history)",
                    ));
                }
                let n = needs_of(&e, c, &citems, &cats);
                if n.items != t.items {
                    check(
                        format!("items of {u}"),
                        n.items.join(","),
                        t.items.join(","),
                    )?;
                }
                if n.needs
                    .iter()
                    .map(|x| &x.department)
                    .ne(t.departments.iter())
                {
                    let depts: Vec<&str> = n.needs.iter().map(|x| x.department.as_str()).collect();
                    check(
                        format!("departments of {u}"),
                        depts.join(","),
                        t.departments.join(","),
                    )?;
                }
                Ok(Some(n))
            })
            .collect()
    };
    for r in checked {
        if let Some(n) = r? {
            needs.push(n);
        }
    }
    // Strata arithmetic: every stratum of the campaign, each once, in class order.
    let want: Vec<&str> = c
        .targets
        .strata
        .iter()
        .map(|s| s.credit_class.token())
        .collect();
    let got: Vec<&str> = p.strata.iter().map(|s| s.credit_class.token()).collect();
    check(
        "strata in the proof (one per campaign stratum)",
        want.join(","),
        got.join(","),
    )?;
    let mut pool = 0u64;
    let mut drawn = 0u64;
    for s in &p.strata {
        let rule = c.stratum(s.credit_class).ok_or_else(|| {
            fail(
                format!("stratum {}", s.credit_class.token()),
                "not in the campaign",
            )
        })?;
        check(
            format!("number drawn in stratum {}", s.credit_class.token()),
            rule.allocate(s.pool),
            s.drawn,
        )?;
        pool += s.pool;
        drawn += s.drawn;
        let _ = matches!(rule.rule, StratumRule::Count(_));
    }
    check("pool size (sum of strata)", pool, p.pool_size)?;
    check("number of targets (sum drawn)", drawn, p.targets.len())?;
    // Blocked pairs.
    let rroot = a.snapshot.roots.recusals;
    let mut blocked = HashSet::new();
    for b in &p.blocked_pairs {
        let pair =
            confidential_commitment(&b.pair_salt.0, &recusal_pair_values(&b.officer, &b.target));
        let leaf = PublicRecusal {
            pair_commitment: pair,
            reason_commitment: b.reason_commitment,
        }
        .leaf();
        rroot
            .verify_inclusion(
                &leaf,
                b.index,
                &InclusionProof {
                    path: b.path.clone(),
                },
            )
            .map_err(|e| fail(format!("recusal {} / {}", b.officer, b.target), e))?;
        let o = p
            .officers
            .binary_search_by(|x| x.id.as_str().cmp(&b.officer))
            .map_err(|_| fail("blocked pair", format!("unknown officer {}", b.officer)))?;
        let t = p
            .targets
            .binary_search_by(|t| t.entity.uscc.as_str().cmp(&b.target))
            .ok()
            .ok_or_else(|| {
                fail(
                    "blocked pair",
                    format!("{} is not a drawn target", b.target),
                )
            })?;
        blocked.insert((o, t));
    }
    // The officer-history rule's pairs among drawn targets (§6).
    for v in &a.officer_history {
        if let (Ok(o), Ok(t)) = (
            p.officers
                .binary_search_by(|x| x.id.as_str().cmp(&v.officer)),
            p.targets
                .binary_search_by(|t| t.entity.uscc.as_str().cmp(&v.target)),
        ) {
            blocked.insert((o, t));
        }
    }
    // Re-run the assignment (an audit re-runs the whole draw instead).
    if !rerun_assignment {
        return check("number of teams", p.targets.len(), p.teams.len());
    }
    let problem = Problem {
        date: c.draw_date,
        region: c.teams.officer_region,
        capacity: c.teams.max_targets_per_officer,
        officers: &p.officers,
        targets: &needs,
        blocked: &blocked,
    };
    let teams = problem.solve(&seed).map_err(|e| fail("assignment", e))?;
    check("number of teams", teams.len(), p.teams.len())?;
    for ((team, n), rec) in teams.iter().zip(&needs).zip(&p.teams) {
        check("team order", &n.uscc, &rec.target)?;
        let ids: Vec<&str> = team.iter().map(|&o| p.officers[o].id.as_str()).collect();
        check(
            format!("team of {}", n.uscc),
            ids.join(","),
            rec.officers.join(","),
        )?;
    }
    Ok(())
}

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
        credit_class: CreditClass::A,
        status: EntityStatus::from_token(&p.status).ok_or("bad status")?,
        established: None,
        flags: p.flags.clone(),
    })
}
