//! The corpus's base draws and its "smart" tampers: PRNs, inclusion paths,
//! items, teams and hashes recomputed with the library, so that only the real
//! rule is broken. Where whether public data can see a manipulation depends
//! on the data, the expectation is the spec's (§9.1): the public level must
//! reject exactly when no class assignment could produce the selection.

use crate::bases::read;
use crate::tampers::{Base, Entry};
use crate::verifiers::Level;
use dualdraw::core::merkle::MerkleTree;
use dualdraw::core::proof::DrawProof;
use dualdraw::core::snapshot::PublicSnapshot;
use dualdraw::core::verify::{
    CrossStratumInput, StratumCount, cross_stratum_consistent, public_pool, rerun_teams,
    target_needs,
};

struct Ctx {
    p: DrawProof,
    snap: PublicSnapshot,
    tree: MerkleTree,
}

fn entry(name: &str, level: Level, checks: &[&'static str], base: usize, p: &DrawProof) -> Entry {
    Entry {
        name: name.into(),
        level,
        checks: checks.to_vec(),
        smart: true,
        benign: false,
        bytes: serde_json::to_vec_pretty(p).unwrap_or_default(),
        base,
    }
}

/// The full target record of entity `into`: public record, PRN, leaf index
/// and path, items and departments.
fn record(
    cx: &Ctx,
    p: &DrawProof,
    into: &str,
) -> Result<dualdraw::core::proof::TargetRecord, String> {
    let i = cx
        .snap
        .entities
        .binary_search_by(|e| e.uscc.as_str().cmp(into))
        .map_err(|_| format!("{into} not in the snapshot"))?;
    let e = cx.snap.entities[i].clone();
    let n = target_needs(p, &e).map_err(|m| m.to_string())?;
    Ok(dualdraw::core::proof::TargetRecord {
        prn: dualdraw::core::sample::prn(&p.prn_seed, into),
        entity: e,
        index: i as u64,
        path: cx.tree.prove(i as u64).ok_or("no path")?.path,
        items: n.items.clone(),
        departments: n.needs.iter().map(|x| x.department.clone()).collect(),
    })
}

/// Replaces target `out` by entity `into`, recomputing its record, the team
/// order and every team; drops blocked pairs of the removed target.
fn swap(cx: &Ctx, p: &mut DrawProof, out: &str, into: &str) -> Result<(), String> {
    let r = record(cx, p, into)?;
    let t = p
        .targets
        .iter_mut()
        .find(|t| t.entity.uscc == out)
        .ok_or("no such target")?;
    *t = r;
    p.targets.sort_by(|a, b| a.entity.uscc.cmp(&b.entity.uscc));
    p.blocked_pairs.retain(|b| b.target != out);
    reteam(p)
}

fn reteam(p: &mut DrawProof) -> Result<(), String> {
    p.teams = rerun_teams(p).map_err(|m| m.to_string())?;
    Ok(())
}

/// Recomputes hashes, seed, PRN seed, target PRNs and teams after an edit of
/// the announcement or the reveals (the targets stay).
fn reseal(p: &mut DrawProof) -> Result<(), String> {
    let a = &mut p.announcement;
    a.campaign_hash = a.campaign.hash();
    a.exclusion_root = dualdraw::core::announcement::uscc_list_root(&a.exclusion);
    a.hash = a.compute_hash();
    let (seed, used, _) =
        dualdraw::core::draw::derive_seed(a, &p.entropy.reveals, p.entropy.beacon.as_ref())
            .map_err(|e| e.to_string())?;
    let key = dualdraw::core::draw::prn_key(
        a,
        &seed,
        &used,
        p.entropy.beacon.as_ref().map(|b| &b.value),
        &p.group_announcements,
    )
    .map_err(|e| e.to_string())?;
    p.seed = seed;
    p.prn_seed = key.seed;
    for t in &mut p.targets {
        t.prn = dualdraw::core::sample::prn(&key.seed, &t.entity.uscc);
    }
    reteam(p)
}

/// The spec's expectation for a selection: public when no class assignment
/// could produce it (§9.1), else only the audit level sees it.
fn expected(p: &DrawProof, snap: &PublicSnapshot) -> (Level, &'static [&'static str]) {
    let pool = public_pool(p, snap).ok();
    if pool
        .as_ref()
        .is_some_and(|e| e.len() as u64 != p.pool_size + p.excluded_by_class)
    {
        return (Level::Public, &["pool"]);
    }
    let consistent = pool.is_some_and(|entities| {
        let c = &p.announcement.campaign;
        cross_stratum_consistent(&CrossStratumInput {
            entities,
            strata: p
                .strata
                .iter()
                .map(|s| StratumCount {
                    low_risk: s.credit_class.token() == "A",
                    pool: s.pool,
                    drawn: s.drawn,
                })
                .collect(),
            excluded: p.excluded_by_class,
            any_class_excluded: !c.targets.exclude_credit_classes.is_empty(),
            low_risk_once_a_year: c.targets.low_risk_once_a_year,
        })
        .is_ok()
    });
    if consistent {
        (Level::Audit, &["selection", "rerun", "stratum_membership"])
    } else {
        (Level::Public, &["cross_stratum"])
    }
}

pub fn entries(bases: &[Base]) -> Result<Vec<Entry>, String> {
    let base = &bases[0];
    let p: DrawProof = serde_json::from_value(base.proof.clone()).map_err(|e| e.to_string())?;
    let snap: PublicSnapshot =
        serde_json::from_str(&read(&base.drawn.snapshot)?).map_err(|e| e.to_string())?;
    let leaves: Vec<Vec<u8>> = snap.entities.iter().map(|e| e.leaf()).collect();
    let cx = Ctx {
        tree: MerkleTree::new(&leaves),
        p,
        snap,
    };
    let mut out = Vec::new();
    let pool = public_pool(&cx.p, &cx.snap).map_err(|m| m.to_string())?;
    let mut by_key = pool.clone();
    by_key.sort_by(|a, b| (a.key.0, &a.uscc).cmp(&(b.key.0, &b.uscc)));
    let targets_by_key: Vec<&str> = by_key
        .iter()
        .filter(|e| e.target)
        .map(|e| e.uscc.as_str())
        .collect();
    let non_targets: Vec<&str> = by_key
        .iter()
        .filter(|e| !e.target)
        .map(|e| e.uscc.as_str())
        .collect();
    let cats = |u: &str| {
        cx.snap
            .entities
            .iter()
            .find(|e| e.uscc == u)
            .map(|e| e.categories.clone())
            .unwrap_or_default()
    };
    let add_swaps =
        |name: String, pairs: &[(&str, &str)], out: &mut Vec<Entry>| -> Result<(), String> {
            let mut p = cx.p.clone();
            for (o, i) in pairs {
                swap(&cx, &mut p, o, i)?;
            }
            let (level, checks) = expected(&p, &cx.snap);
            out.push(entry(
                &format!("{name} → {}", level.name()),
                level,
                checks,
                0,
                &p,
            ));
            Ok(())
        };
    // Swapped for the non-targets of the largest keys (past every cut).
    let last = *non_targets.last().ok_or("no non-target")?;
    let last2 = non_targets
        .get(non_targets.len().saturating_sub(2))
        .copied()
        .unwrap_or(last);
    add_swaps(
        "smart: highest-key target swapped for the largest-key non-target".into(),
        &[(targets_by_key[targets_by_key.len() - 1], last)],
        &mut out,
    )?;
    add_swaps(
        "smart: lowest-key target swapped for the largest-key non-target".into(),
        &[(targets_by_key[0], last)],
        &mut out,
    )?;
    add_swaps(
        "smart: two targets swapped for the two largest-key non-targets".into(),
        &[(targets_by_key[0], last), (targets_by_key[1], last2)],
        &mut out,
    )?;
    // Swapped for the next key (another entity "of the same stratum").
    for (label, k) in [
        ("first", 0usize),
        ("middle", targets_by_key.len() / 2),
        ("last", targets_by_key.len() - 1),
    ] {
        let t = targets_by_key[k];
        let pos = by_key.iter().position(|e| e.uscc == t).unwrap_or(0);
        if let Some(next) = by_key[pos + 1..]
            .iter()
            .find(|e| !e.target && cats(&e.uscc) == cats(t))
        {
            add_swaps(
                format!("smart: the {label} target swapped for the next key of its categories"),
                &[(t, &next.uscc)],
                &mut out,
            )?;
        }
    }
    // Swapped for entities outside the pool by their own public record.
    let in_pool: std::collections::HashSet<&str> = pool.iter().map(|e| e.uscc.as_str()).collect();
    let c_cats: Vec<String> =
        cx.p.targets
            .iter()
            .flat_map(|t| t.entity.categories.clone())
            .collect();
    let outside = |f: &dyn Fn(&dualdraw::core::commitment::PublicEntity) -> bool| {
        cx.snap
            .entities
            .iter()
            .find(|e| !in_pool.contains(e.uscc.as_str()) && f(e))
            .map(|e| e.uscc.clone())
    };
    let t0 = targets_by_key[0];
    for (label, found) in [
        (
            "not in business",
            outside(&|e| {
                e.status != "in_business" && e.categories.iter().any(|x| c_cats.contains(x))
            }),
        ),
        (
            "recently inspected (excluded)",
            outside(&|e| {
                e.status == "in_business"
                    && cx.p.announcement.exclusion.contains(&e.uscc)
                    && e.categories.iter().any(|x| c_cats.contains(x))
            }),
        ),
        (
            "of no category of the campaign",
            outside(&|e| {
                e.status == "in_business" && !e.categories.iter().any(|x| c_cats.contains(x))
            }),
        ),
    ] {
        if let Some(u) = found {
            let mut p = cx.p.clone();
            if swap(&cx, &mut p, t0, &u).is_ok() {
                out.push(entry(
                    &format!("smart: a target swapped for an entity {label}"),
                    Level::Light,
                    &["targets"],
                    0,
                    &p,
                ));
            }
        }
    }
    // A blocked pair hidden, teams re-run without it.
    if !cx.p.blocked_pairs.is_empty() {
        let mut p = cx.p.clone();
        p.blocked_pairs.remove(0);
        reteam(&mut p)?;
        out.push(entry(
            "smart: a disclosed recusal removed, teams re-run",
            Level::Audit,
            &["recusals", "rerun"],
            0,
            &p,
        ));
    }
    // A target removed with its team; its stratum shrunk so the arithmetic holds.
    if let Some((mut p, s)) = shrink(&cx.p) {
        let t = p.targets[0].entity.uscc.clone();
        p.targets.remove(0);
        p.blocked_pairs.retain(|b| b.target != t);
        reteam(&mut p)?;
        out.push(entry(
            &format!("smart: a target removed, stratum {s} and the pool shrunk to match"),
            Level::Public,
            &["pool"],
            0,
            &p,
        ));
    }
    // A target added (the next non-target), its stratum grown to match.
    if let Some((mut p, s)) = grow(&cx.p) {
        let u = non_targets[0];
        let r = record(&cx, &p, u)?;
        p.targets.push(r);
        p.targets.sort_by(|a, b| a.entity.uscc.cmp(&b.entity.uscc));
        if reteam(&mut p).is_ok() {
            out.push(entry(
                &format!("smart: a target added, stratum {s} and the pool grown to match"),
                Level::Public,
                &["pool"],
                0,
                &p,
            ));
        }
    }
    // A target removed with its team, the stratum's n lowered only.
    {
        let mut p = cx.p.clone();
        let t = p.targets[0].entity.uscc.clone();
        p.targets.remove(0);
        p.blocked_pairs.retain(|b| b.target != t);
        if let Some(s) = p.strata.iter_mut().find(|s| s.drawn > 0) {
            s.drawn -= 1;
        }
        reteam(&mut p)?;
        out.push(entry(
            "smart: a target removed, its stratum's n lowered",
            Level::Light,
            &["strata"],
            0,
            &p,
        ));
    }
    // One entity moved between strata with both allocations unchanged.
    if let Some(p) = move_between(&cx.p) {
        let (level, checks) = expected(&p, &cx.snap);
        let checks: &[&str] = if level == Level::Audit {
            &["stratum_membership", "rerun"]
        } else {
            checks
        };
        out.push(entry(
            &format!("smart: an entity moved between strata → {}", level.name()),
            level,
            checks,
            0,
            &p,
        ));
    }
    // An item taken from a target, departments and teams recomputed.
    {
        let mut p = cx.p.clone();
        if let Some(t) = p.targets.iter_mut().find(|t| t.items.len() > 1) {
            t.items.pop();
            reteam(&mut p)?;
            out.push(entry(
                "smart: an item taken from a target, teams re-run",
                Level::Light,
                &["targets"],
                0,
                &p,
            ));
        }
    }
    // The announcement an hour earlier, or another witness secret, or one
    // exclusion fewer: everything downstream recomputed, targets kept.
    let mut p = cx.p.clone();
    p.announcement.announced_at -= chrono::Duration::hours(1);
    reseal(&mut p)?;
    let (level, checks) = expected(&p, &cx.snap);
    out.push(entry(
        &format!(
            "smart: announced an hour earlier, hashes, seed, PRNs and teams recomputed → {}",
            level.name()
        ),
        level,
        if level == Level::Audit {
            &["rerun"]
        } else {
            checks
        },
        0,
        &p,
    ));
    let mut p = cx.p.clone();
    let s = "0f".repeat(32);
    p.entropy.reveals[0].secret = s.clone();
    p.announcement.campaign.entropy.witnesses[0].commitment =
        dualdraw::core::entropy::witness_commitment(&s);
    reseal(&mut p)?;
    let (level, checks) = expected(&p, &cx.snap);
    out.push(entry(
        &format!(
            "smart: another witness secret and commitment, all recomputed → {}",
            level.name()
        ),
        level,
        if level == Level::Audit {
            &["rerun"]
        } else {
            checks
        },
        0,
        &p,
    ));
    if !cx.p.announcement.exclusion.is_empty() {
        let mut p = cx.p.clone();
        p.announcement.exclusion.remove(0);
        reseal(&mut p)?;
        let (level, checks) = expected(&p, &cx.snap);
        let (level, checks): (Level, &[&str]) = if level == Level::Audit {
            (Level::Audit, &["rerun"])
        } else {
            (level, checks)
        };
        out.push(entry(
            &format!(
                "smart: an exclusion dropped, root, hashes, seed, PRNs and teams recomputed → {}",
                level.name()
            ),
            level,
            checks,
            0,
            &p,
        ));
    }
    // The redraw: a complete, genuine draw of the same campaign announced again
    // elsewhere with another secret. Only the workspace (audit) or the hash
    // published before the draw can tell.
    let redrawn = base.drawn.proof.with_file_name("T-1-redrawn.json");
    if let Ok(text) = read(&redrawn) {
        out.push(Entry {
            name: "smart: the campaign redrawn in a copy of the workspace (another secret), a genuine proof".into(),
            level: Level::Audit,
            checks: vec!["rerun"],
            smart: true,
            benign: false,
            bytes: text.into_bytes(),
            base: 0,
        });
    }
    // Swapped for the non-target just below a target's key.
    {
        let t = targets_by_key[targets_by_key.len() / 2];
        let pos = by_key.iter().position(|e| e.uscc == t).unwrap_or(0);
        if let Some(prev) = by_key[..pos]
            .iter()
            .rev()
            .find(|e| !e.target && cats(&e.uscc) == cats(t))
        {
            add_swaps(
                "smart: a target swapped for the non-target just below its key".into(),
                &[(t, &prev.uscc)],
                &mut out,
            )?;
        }
    }
    // Announced an hour later, or under another ledger head: all recomputed.
    {
        let mut p = cx.p.clone();
        p.announcement.announced_at += chrono::Duration::hours(1);
        reseal(&mut p)?;
        let early = p
            .entropy
            .reveals
            .iter()
            .any(|r| r.revealed_at < p.announcement.announced_at);
        let (level, checks): (Level, &[&str]) = if early {
            (Level::Light, &["witnesses"])
        } else {
            let (l, c) = expected(&p, &cx.snap);
            if l == Level::Audit {
                (l, &["rerun"])
            } else {
                (l, c)
            }
        };
        out.push(entry(
            &format!(
                "smart: announced an hour later, all recomputed → {}",
                level.name()
            ),
            level,
            checks,
            0,
            &p,
        ));
        let mut p = cx.p.clone();
        p.announcement.ledger_head = dualdraw::Hash([7; 32]);
        reseal(&mut p)?;
        let (level, checks) = expected(&p, &cx.snap);
        let checks: &[&str] = if level == Level::Audit {
            &["rerun"]
        } else {
            checks
        };
        out.push(entry(
            &format!(
                "smart: another ledger head, hashes, seed, PRNs and teams recomputed → {}",
                level.name()
            ),
            level,
            checks,
            0,
            &p,
        ));
    }
    // A coordinated campaign's starting point changed, its hashes recomputed:
    // the group's member list no longer holds it.
    if let Some(g) = bases.get(2) {
        let mut p: DrawProof =
            serde_json::from_value(g.proof.clone()).map_err(|e| e.to_string())?;
        if let Some(k) = p.announcement.campaign.coordination.as_mut() {
            k.start = dualdraw::core::campaign::Ratio::parse("1/3").ok_or("ratio")?;
            if reseal(&mut p).is_ok() {
                out.push(entry(
                    "smart: a group member's starting point changed, hashes recomputed",
                    Level::Light,
                    &["coordination", "seed"],
                    2,
                    &p,
                ));
            }
        }
    }
    // Another lottery result, its beacon value, seed, PRNs and teams
    // recomputed: the page cannot know the real numbers; the selection shows it.
    if let Some(l) = bases.get(3) {
        let mut p: DrawProof =
            serde_json::from_value(l.proof.clone()).map_err(|e| e.to_string())?;
        let snap: PublicSnapshot =
            serde_json::from_str(&read(&l.drawn.snapshot)?).map_err(|e| e.to_string())?;
        if let Some(spec) = p.announcement.campaign.entropy.beacon.clone() {
            let v = dualdraw::core::entropy::lottery_value(&spec, "5,8,2/6")
                .map_err(|e| e.to_string())?;
            p.entropy.beacon = Some(v);
            reseal(&mut p)?;
            let (level, checks) = expected(&p, &snap);
            let checks: &[&str] = if level == Level::Audit {
                &["rerun"]
            } else {
                checks
            };
            out.push(Entry { base: 3, ..entry(&format!("smart: another lottery result, value, seed, PRNs and teams recomputed → {}", level.name()), level, checks, 3, &p) });
        }
    }
    // Coordinated: the group announcements swapped, group seed and PRNs recomputed.
    if let Some(g) = bases.get(2) {
        let mut p: DrawProof =
            serde_json::from_value(g.proof.clone()).map_err(|e| e.to_string())?;
        p.group_announcements.reverse();
        if reseal(&mut p).is_ok() {
            out.push(Entry {
                base: 2,
                ..entry(
                    "smart: group announcements swapped, group seed and PRNs recomputed",
                    Level::Light,
                    &["coordination", "seed"],
                    2,
                    &p,
                )
            });
        }
    }
    Ok(out)
}

fn allocate(p: &DrawProof, class: dualdraw::CreditClass, n: u64) -> Option<u64> {
    p.announcement
        .campaign
        .stratum(class)
        .map(|s| s.allocate(n))
}

/// The proof with one stratum's N lowered so that its n falls by one.
fn shrink(p: &DrawProof) -> Option<(DrawProof, &'static str)> {
    let mut q = p.clone();
    for s in q.strata.iter_mut().filter(|s| s.drawn > 0) {
        for n2 in (0..s.pool).rev() {
            if allocate(p, s.credit_class, n2)? == s.drawn - 1 {
                let cut = s.pool - n2;
                s.pool = n2;
                s.drawn -= 1;
                let class = s.credit_class.token();
                q.pool_size -= cut;
                return Some((q, class));
            }
        }
    }
    None
}

/// The proof with one stratum's N raised so that its n grows by one.
fn grow(p: &DrawProof) -> Option<(DrawProof, &'static str)> {
    let mut q = p.clone();
    for s in q.strata.iter_mut() {
        for n2 in s.pool + 1..s.pool + 10 {
            if allocate(p, s.credit_class, n2)? == s.drawn + 1 {
                let more = n2 - s.pool;
                s.pool = n2;
                s.drawn += 1;
                let class = s.credit_class.token();
                q.pool_size += more;
                return Some((q, class));
            }
        }
    }
    None
}

/// One entity moved from a stratum to another, both allocations unchanged.
fn move_between(p: &DrawProof) -> Option<DrawProof> {
    let k = p.strata.len();
    for i in 0..k {
        for j in 0..k {
            if i == j || p.strata[i].pool == 0 {
                continue;
            }
            let (a, b) = (&p.strata[i], &p.strata[j]);
            if allocate(p, a.credit_class, a.pool - 1)? == a.drawn
                && allocate(p, b.credit_class, b.pool + 1)? == b.drawn
            {
                let mut q = p.clone();
                q.strata[i].pool -= 1;
                q.strata[j].pool += 1;
                return Some(q);
            }
        }
    }
    None
}
