//! Light verification (`docs/SPEC.md` §7): everything a draw record can
//! show on its own (announcement, entropy, registries carried whole, targets,
//! strata, blocked pairs), including re-running the officer assignment.

use super::recompute::public_entity_record;
use super::{Check, Level, Mismatch, VerifiedDraw, check, fail};
use crate::core::assign::{TargetNeeds, needs_of};
use crate::core::campaign::{BeaconScheme, Campaign, StratumRule, instant_text};
use crate::core::commitment::{
    PublicRecusal, confidential_commitment, item_leaf, officer_leaf, recusal_pair_values,
};
use crate::core::draw::derive_seed;
use crate::core::entropy::{self, DrandRound};
use crate::core::merkle::{InclusionProof, root_parallel};
use crate::core::proof::{DRAW_PROOF_FORMAT, DrawProof};
use crate::core::registry::Registries;
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
    check(Check::Format, "format", DRAW_PROOF_FORMAT, &p.format)?;
    let a = &p.announcement;
    let c: &Campaign = &a.campaign;
    c.check()
        .map_err(|e| fail(Check::Campaign, "campaign", e))?;
    check(Check::Campaign, "campaign hash", c.hash(), a.campaign_hash)?;
    check(
        Check::Announcement,
        "snapshot digest",
        a.snapshot.roots.digest(),
        a.snapshot.digest,
    )?;
    let mut sorted = a.exclusion.clone();
    sorted.sort();
    sorted.dedup();
    check(
        Check::Announcement,
        "exclusion list order",
        sorted.join(","),
        a.exclusion.join(","),
    )?;
    let leaves: Vec<&[u8]> = a.exclusion.iter().map(|u| u.as_bytes()).collect();
    check(
        Check::Announcement,
        "exclusion root",
        root_parallel(&leaves),
        a.exclusion_root,
    )?;
    if !a.officer_history.windows(2).all(|w| w[0] < w[1]) {
        return Err(fail(
            Check::Announcement,
            "officer history",
            "must be sorted by officer then target, without repeats",
        ));
    }
    check(
        Check::Announcement,
        "officer history root",
        crate::core::announcement::officer_history_root(&a.officer_history),
        a.officer_history_root,
    )?;
    if !a.drawn_this_year.windows(2).all(|w| w[0] < w[1]) {
        return Err(fail(
            Check::Announcement,
            "drawn this year",
            "must be sorted without repeats",
        ));
    }
    check(
        Check::Announcement,
        "drawn-this-year root",
        crate::core::announcement::uscc_list_root(&a.drawn_this_year),
        a.drawn_this_year_root,
    )?;
    match (&a.coordination, &c.coordination) {
        (None, None) if !p.group_announcements.is_empty() => {
            return Err(fail(
                Check::Coordination,
                "group announcements",
                "a campaign outside any coordination group lists none",
            ));
        }
        (None, None) => {}
        (Some(g), Some(k)) => {
            check(
                Check::Coordination,
                "coordination group",
                &k.group,
                &g.group,
            )?;
            check(
                Check::Coordination,
                "coordination group hash",
                crate::core::announcement::GroupRef::compute_hash(&g.group, &g.members),
                g.hash,
            )?;
            if !g.members.windows(2).all(|w| w[0] < w[1]) || !g.members.contains(&a.campaign_hash) {
                return Err(fail(
                    Check::Coordination,
                    "coordination group",
                    "members must be sorted and include this campaign's hash",
                ));
            }
        }
        _ => {
            return Err(fail(
                Check::Coordination,
                "coordination",
                "the campaign's [coordination] and the announcement's group disagree",
            ));
        }
    }
    for (list, len, on) in [
        (
            "exclusion list (exclude_inspected_within_days is 0)",
            a.exclusion.len(),
            c.targets.exclude_inspected_within_days > 0,
        ),
        (
            "officer history (avoid_same_officer_within_days is 0)",
            a.officer_history.len(),
            c.teams.avoid_same_officer_within_days > 0,
        ),
        (
            "drawn this year (low_risk_once_a_year is off)",
            a.drawn_this_year.len(),
            c.targets.low_risk_once_a_year,
        ),
    ] {
        if !on && len > 0 {
            return Err(fail(
                Check::Announcement,
                list,
                format!("{len} entries where the rule is off must be none"),
            ));
        }
    }
    check(
        Check::Announcement,
        "announcement hash",
        a.compute_hash(),
        a.hash,
    )?;
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
            .map_err(|e| fail(Check::Beacon, "beacon", e))?;
            check(Check::Beacon, "beacon value", v.value, b.value)?;
            let text = |t: &Option<chrono::DateTime<chrono::Utc>>| {
                t.as_ref().map_or_else(|| "none".to_string(), instant_text)
            };
            check(
                Check::Beacon,
                "beacon round time (genesis + (round − 1) · period)",
                text(&v.round_time),
                text(&b.round_time),
            )?;
            if let Some(t) = v.round_time
                && crate::core::announcement::china_date(&t) > c.draw_date
            {
                return Err(fail(
                    Check::Beacon,
                    "beacon round",
                    format!(
                        "round time {} falls after the draw date {}",
                        instant_text(&t),
                        c.draw_date
                    ),
                ));
            }
            if let Some(t) = v.round_time
                && t <= a.announced_at
            {
                return Err(fail(
                    Check::Beacon,
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
                Check::Beacon,
                "beacon",
                "the campaign names a beacon but the proof has none",
            ));
        }
        (None, Some(_)) => {
            return Err(fail(
                Check::Beacon,
                "beacon",
                "the proof has a beacon the campaign did not name",
            ));
        }
    };
    // No reveal before the announcement (instants are whole seconds, §1).
    for r in &p.entropy.reveals {
        if r.revealed_at < a.announced_at {
            return Err(Mismatch {
                check: Check::Witnesses,
                what: format!("reveal of {}", r.name),
                expected: format!(
                    "at or after the announcement, {}",
                    instant_text(&a.announced_at)
                ),
                got: instant_text(&r.revealed_at),
            });
        }
    }
    let mut all_reveals = p.entropy.reveals.clone();
    let (seed, used, missing) = derive_seed(a, &all_reveals, beacon.as_ref())
        .map_err(|e| fail(Check::Witnesses, "entropy", e))?;
    all_reveals.retain(|r| used.contains(r));
    check(
        Check::Witnesses,
        "reveals used",
        used.len(),
        p.entropy.reveals.len(),
    )?;
    check(
        Check::Witnesses,
        "witnesses left out",
        missing.join(","),
        p.entropy.missing.join(","),
    )?;
    check(Check::Seed, "seed", seed, p.seed)?;
    let key = crate::core::draw::prn_key(
        a,
        &seed,
        &used,
        beacon.as_ref().map(|b| &b.value),
        &p.group_announcements,
    )
    .map_err(|e| fail(Check::Coordination, "coordination", e))?;
    check(Check::Seed, "PRN seed", key.seed, p.prn_seed)?;
    // Registries carried whole.
    let items =
        crate::core::merkle::root_parallel(&p.items.iter().map(item_leaf).collect::<Vec<_>>());
    check(
        Check::Registries,
        "items root (from the items in the proof)",
        a.snapshot.roots.items.hash,
        items,
    )?;
    let officers = crate::core::merkle::root_parallel(
        &p.officers.iter().map(officer_leaf).collect::<Vec<_>>(),
    );
    check(
        Check::Registries,
        "officers root (from the officers in the proof)",
        a.snapshot.roots.officers.hash,
        officers,
    )?;
    if !p.officers.windows(2).all(|w| w[0].id < w[1].id)
        || !p.items.windows(2).all(|w| w[0].code < w[1].code)
    {
        return Err(fail(
            Check::Registries,
            "registries",
            "items and officers must be in key order",
        ));
    }
    // Targets.
    let reg_items = Registries {
        items: p.items.clone(),
        ..Registries::default()
    };
    let citems =
        sample::campaign_items(&reg_items, c).map_err(|e| fail(Check::Targets, "items", e))?;
    let cats = sample::categories(c, &citems).map_err(|e| fail(Check::Targets, "categories", e))?;
    let sets = sample::HistorySets::of(a);
    let eroot = a.snapshot.roots.entities;
    let mut needs: Vec<TargetNeeds> = Vec::new();
    if p.targets
        .windows(2)
        .any(|w| w[0].entity.uscc >= w[1].entity.uscc)
    {
        return Err(fail(
            Check::Targets,
            "targets",
            "must be sorted by USCC without repeats",
        ));
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
                    return Err(fail(Check::Inclusion, format!("target {u} inclusion"), e));
                }
                let prn = sample::prn(&key.seed, u);
                if prn != t.prn {
                    return check(Check::Prn, format!("prn of {u}"), prn, t.prn).map(|_| None);
                }
                if !rerun_assignment {
                    return Ok(None);
                }
                let e = public_entity_record(&t.entity)
                    .map_err(|e| fail(Check::Targets, format!("target {u}"), e))?;
                if !sample::in_public_pool(&e, c, &cats, &sets) {
                    return Err(fail(
                        Check::Targets,
                        format!("target {u}"),
                        "is not in the pool (status, region, category, flags or history)",
                    ));
                }
                let n = needs_of(&e, c, &citems, &cats);
                if n.items != t.items {
                    check(
                        Check::Targets,
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
                        Check::Targets,
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
        Check::Strata,
        "strata in the proof (one per campaign stratum)",
        want.join(","),
        got.join(","),
    )?;
    let mut pool = 0u64;
    let mut drawn = 0u64;
    for s in &p.strata {
        let rule = c.stratum(s.credit_class).ok_or_else(|| {
            fail(
                Check::Strata,
                format!("stratum {}", s.credit_class.token()),
                "not in the campaign",
            )
        })?;
        check(
            Check::Strata,
            format!("number drawn in stratum {}", s.credit_class.token()),
            rule.allocate(s.pool),
            s.drawn,
        )?;
        pool += s.pool;
        drawn += s.drawn;
        let _ = matches!(rule.rule, StratumRule::Count(_));
    }
    check(
        Check::Strata,
        "pool size (sum of strata)",
        pool,
        p.pool_size,
    )?;
    check(
        Check::Strata,
        "number of targets (sum drawn)",
        drawn,
        p.targets.len(),
    )?;
    if p.excluded_by_class > 0
        && c.targets.exclude_credit_classes.is_empty()
        && !c.targets.low_risk_once_a_year
    {
        return Err(fail(
            Check::Strata,
            "left out by class",
            format!(
                "{} entities, but the campaign has no class rule (exclude_credit_classes, low_risk_once_a_year)",
                p.excluded_by_class
            ),
        ));
    }
    // Blocked pairs: in order (target, then officer), without repeats.
    if p.blocked_pairs
        .windows(2)
        .any(|w| (&w[0].target, &w[0].officer) >= (&w[1].target, &w[1].officer))
    {
        return Err(fail(
            Check::BlockedPairs,
            "blocked pairs",
            "must be in order (target, then officer) without repeats",
        ));
    }
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
            .map_err(|e| {
                fail(
                    Check::Inclusion,
                    format!("recusal {} / {}", b.officer, b.target),
                    e,
                )
            })?;
        let o = p
            .officers
            .binary_search_by(|x| x.id.as_str().cmp(&b.officer))
            .map_err(|_| {
                fail(
                    Check::BlockedPairs,
                    "blocked pair",
                    format!("unknown officer {}", b.officer),
                )
            })?;
        let t = p
            .targets
            .binary_search_by(|t| t.entity.uscc.as_str().cmp(&b.target))
            .ok()
            .ok_or_else(|| {
                fail(
                    Check::BlockedPairs,
                    "blocked pair",
                    format!("{} is not a drawn target", b.target),
                )
            })?;
        if !p.targets[t]
            .departments
            .iter()
            .any(|d| *d == p.officers[o].department)
        {
            return Err(fail(
                Check::BlockedPairs,
                format!("blocked pair {} / {}", b.officer, b.target),
                format!(
                    "the officer's department {} is not one of the target's",
                    p.officers[o].department
                ),
            ));
        }
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
        return check(
            Check::Teams,
            "number of teams",
            p.targets.len(),
            p.teams.len(),
        );
    }
    let teams = super::recompute::solve_teams(p, &needs, &blocked)?;
    check(Check::Teams, "number of teams", teams.len(), p.teams.len())?;
    for (team, rec) in teams.iter().zip(&p.teams) {
        check(Check::Teams, "team order", &team.target, &rec.target)?;
        check(
            Check::Teams,
            format!("team of {}", team.target),
            team.officers.join(","),
            rec.officers.join(","),
        )?;
    }
    Ok(())
}
