//! The draw (`docs/SPEC.md` §4–§6): check the entropy, derive the seed, draw
//! targets per stratum ([`crate::core::sample`]) and assign officers
//! ([`crate::core::assign`]).

use crate::core::announcement::{Announcement, DrawError};
use crate::core::assign::{Infeasible, OfficerTables, Problem, TargetNeeds, needs_of};
use crate::core::campaign::MissingReveal;
use crate::core::entropy::{self, BeaconValue, EntropyError, Reveal};
use crate::core::merkle::Hash;
use crate::core::registry::{Entity, Item, Registries};
use crate::core::sample::{
    self, EntityRuns, FetchEntities, HistorySets, PrnKey, SampleError, StratumDraw,
};
use std::collections::{HashMap, HashSet};

/// Checks the reveals and the beacon and derives the seed (随机种子). Returns
/// the seed, the reveals used (campaign order) and the witnesses left out.
///
/// # Errors
/// [`DrawError`] for a wrong, late or missing reveal or a missing beacon.
pub fn derive_seed(
    a: &Announcement,
    reveals: &[Reveal],
    beacon: Option<&BeaconValue>,
) -> Result<(Hash, Vec<Reveal>, Vec<String>), DrawError> {
    let plan = &a.campaign.entropy;
    let by_name: HashMap<&str, &Reveal> = reveals.iter().map(|r| (r.name.as_str(), r)).collect();
    for r in reveals {
        if !plan.witnesses.iter().any(|w| w.name == r.name) {
            return Err(DrawError::UnknownWitness(r.name.clone()));
        }
    }
    let deadline = a.reveal_deadline();
    let mut used = Vec::new();
    let mut missing = Vec::new();
    for w in &plan.witnesses {
        match by_name.get(w.name.as_str()) {
            Some(r) => {
                entropy::check_reveal(&w.name, &w.commitment, &r.secret)?;
                if let Some(d) = deadline
                    && r.revealed_at >= d
                {
                    if plan.on_missing_reveal == MissingReveal::Proceed {
                        missing.push(w.name.clone());
                        continue;
                    }
                    return Err(DrawError::LateReveal {
                        name: w.name.clone(),
                        at: crate::core::campaign::instant_text(&r.revealed_at),
                        deadline: crate::core::campaign::instant_text(&d),
                    });
                }
                used.push((*r).clone());
            }
            None => missing.push(w.name.clone()),
        }
    }
    if !missing.is_empty() && plan.on_missing_reveal == MissingReveal::Void {
        return Err(DrawError::MissingReveals(missing));
    }
    let beacon_value = match (&plan.beacon, beacon) {
        (None, _) => None,
        (Some(spec), None) => {
            return Err(DrawError::BeaconMissing {
                scheme: spec.scheme.token().into(),
                round: spec.round.clone(),
            });
        }
        (Some(spec), Some(b)) => {
            if b.scheme != spec.scheme || b.round != spec.round {
                return Err(EntropyError::WrongRound {
                    expected: spec.round.clone(),
                    got: b.round.clone(),
                }
                .into());
            }
            Some(b.value)
        }
    };
    let pairs: Vec<(&str, &str)> = used
        .iter()
        .map(|r| (r.name.as_str(), r.secret.as_str()))
        .collect();
    let seed = entropy::seed(&a.hash, &pairs, beacon_value.as_ref());
    Ok((seed, used, missing))
}

/// How the draw reads PRNs (永久随机数, §5): from the seed, or for a
/// coordinated campaign from the group seed (`group_announcements` are the
/// members' announcement hashes in the order of `coordination.members`), each
/// from its start.
///
/// # Errors
/// [`DrawError::Group`] when the member announcements do not match the group.
pub fn prn_key(
    a: &Announcement,
    seed: &Hash,
    reveals: &[Reveal],
    beacon: Option<&Hash>,
    group_announcements: &[Hash],
) -> Result<PrnKey, DrawError> {
    let (Some(g), Some(k)) = (&a.coordination, &a.campaign.coordination) else {
        return Ok(PrnKey::plain(*seed));
    };
    let pos = g.members.iter().position(|m| *m == a.campaign_hash);
    if group_announcements.len() != g.members.len()
        || pos.and_then(|p| group_announcements.get(p)) != Some(&a.hash)
    {
        return Err(DrawError::Group(format!(
            "the group {:?} has {} member(s); the announcement hashes given ({}) do not match this campaign's place in it",
            g.group,
            g.members.len(),
            group_announcements.len()
        )));
    }
    let pairs: Vec<(&str, &str)> = reveals
        .iter()
        .map(|r| (r.name.as_str(), r.secret.as_str()))
        .collect();
    let group_seed = entropy::group_seed(&g.hash, group_announcements, &pairs, beacon);
    Ok(PrnKey::new(group_seed, Some(k.start)))
}

/// The outcome of a draw (抽取结果), as indices into the snapshot's registries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawOutcome {
    /// The seed.
    pub seed: Hash,
    /// How PRNs were read.
    pub prn_key: PrnKey,
    /// Pool size.
    pub pool_size: u64,
    /// Left out by class.
    pub excluded_by_class: u64,
    /// Per stratum.
    pub strata: Vec<StratumDraw>,
    /// Drawn entities (indices), by USCC.
    pub targets: Vec<usize>,
    /// Their needs, in the same order.
    pub needs: Vec<TargetNeeds>,
    /// Their teams (officer indices), in the same order.
    pub teams: Vec<Vec<usize>>,
    /// Recusals between a drawn target and an officer of its departments:
    /// (officer index, target position, recusal index).
    pub blocked: Vec<(usize, usize, usize)>,
}

/// Draws targets and assigns officers (随机抽取检查对象、随机选派执法检查人员,
/// §5, §6) for an announcement on `reg`, with PRNs read as `key` says
/// ([`prn_key`]; [`PrnKey::plain`] of the seed for an uncoordinated campaign).
///
/// # Errors
/// [`DrawError::Sample`] or [`DrawError::Infeasible`].
pub fn draw(
    reg: &Registries,
    a: &Announcement,
    seed: &Hash,
    key: &PrnKey,
) -> Result<DrawOutcome, DrawError> {
    let c = &a.campaign;
    let items = sample::campaign_items(reg, c)?;
    let cats = sample::categories(c, &items)?;
    let sets = HistorySets::of(a);
    let (pool, strata) = sample::pool_and_select(reg, c, &cats, &sets, key)?;
    let Staffed {
        targets,
        needs,
        teams,
        blocked,
    } = staff(reg, a, &items, &cats, &strata, seed)?;
    Ok(DrawOutcome {
        seed: *seed,
        prn_key: *key,
        pool_size: pool.members.len() as u64,
        excluded_by_class: pool.excluded_by_class,
        strata,
        targets,
        needs,
        teams,
        blocked,
    })
}

/// [`draw`] on entities streamed from storage (流式抽取) rather than held in
/// `reg` (whose entities are not read; its items, officers and recusals
/// are): `runs` hands every entity over run by run (once, twice when a
/// stratum must be numbered again, see [`sample::pool_and_select_runs`]),
/// then `fetch` returns the drawn entities of the given indices (sorted, in
/// that order). Memory is the candidates and the targets, not the registry.
/// The outcome equals [`draw`]'s on the same registries.
///
/// # Errors
/// What `runs` or `fetch` return, [`DrawError::Sample`] or
/// [`DrawError::Infeasible`] converted.
pub fn draw_runs<E: From<DrawError> + From<SampleError>>(
    reg: &Registries,
    a: &Announcement,
    seed: &Hash,
    key: &PrnKey,
    runs: &mut EntityRuns<'_, E>,
    fetch: &mut FetchEntities<'_, E>,
) -> Result<DrawOutcome, E> {
    let c = &a.campaign;
    let items = sample::campaign_items(reg, c)?;
    let cats = sample::categories(c, &items)?;
    let sets = HistorySets::of(a);
    let (pool, strata) = sample::pool_and_select_runs(c, &cats, &sets, key, false, runs)?;
    let targets = drawn_indices(&strata);
    let entities = fetch(&targets)?;
    let refs: Vec<&Entity> = entities.iter().collect();
    let Staffed {
        targets,
        needs,
        teams,
        blocked,
    } = staff_targets(reg, a, &items, &cats, targets, &refs, seed, None)
        .map_err(DrawError::from)?;
    Ok(DrawOutcome {
        seed: *seed,
        prn_key: *key,
        pool_size: strata.iter().map(|s| s.pool).sum(),
        excluded_by_class: pool.excluded_by_class,
        strata,
        targets,
        needs,
        teams,
        blocked,
    })
}

/// The drawn entities' indices of every stratum, sorted (USCC order).
fn drawn_indices(strata: &[StratumDraw]) -> Vec<usize> {
    let mut targets: Vec<usize> = strata
        .iter()
        .flat_map(|s| s.selected.iter().copied())
        .collect();
    targets.sort_unstable();
    targets
}

/// What [`staff`] gives: the drawn targets, their needs, their teams and the
/// recusals between them and their departments' officers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staffed {
    /// Drawn entities (indices), by USCC.
    pub targets: Vec<usize>,
    /// Their needs, in the same order.
    pub needs: Vec<TargetNeeds>,
    /// Their teams (officer indices), in the same order.
    pub teams: Vec<Vec<usize>>,
    /// Recusals between a drawn target and an officer of its departments:
    /// (officer index, target position, recusal index).
    pub blocked: Vec<(usize, usize, usize)>,
}

/// The second half of [`draw`] (§6): the targets of `strata` (drawn for `a`
/// on `reg`), their needs, the recusal and officer-history blocks, and the
/// teams assigned with `seed`. `items` and `cats` are the campaign's
/// ([`sample::campaign_items`], [`sample::categories`]).
///
/// # Errors
/// [`Infeasible`] when no assignment exists.
pub fn staff(
    reg: &Registries,
    a: &Announcement,
    items: &[&Item],
    cats: &[String],
    strata: &[StratumDraw],
    seed: &Hash,
) -> Result<Staffed, Infeasible> {
    let targets = drawn_indices(strata);
    let entities: Vec<&Entity> = targets.iter().map(|&i| &reg.entities[i]).collect();
    staff_targets(reg, a, items, cats, targets, &entities, seed, None)
}

/// [`staff`] for drawn `targets` (sorted indices) whose entities are
/// `entities`, in the same order.
#[allow(clippy::too_many_arguments)]
fn staff_targets(
    reg: &Registries,
    a: &Announcement,
    items: &[&Item],
    cats: &[String],
    targets: Vec<usize>,
    entities: &[&Entity],
    seed: &Hash,
    tables: Option<&OfficerTables>,
) -> Result<Staffed, Infeasible> {
    let c = &a.campaign;
    let needs: Vec<TargetNeeds> = entities
        .iter()
        .map(|e| needs_of(e, c, items, cats))
        .collect();
    staff_needs(reg, a, targets, needs, seed, tables)
}

/// [`staff`] for drawn `targets` (sorted entity indices of `reg`) whose
/// needs ([`needs_of`]) are `needs`, in the same order, reading the officers
/// from `tables` when given (made once with [`OfficerTables::new`] for many
/// draws on `reg`'s officers and the campaign's draw date, as the risk
/// estimate does): the same result as [`staff`].
///
/// # Errors
/// [`Infeasible`] when no assignment exists.
pub fn staff_needs(
    reg: &Registries,
    a: &Announcement,
    targets: Vec<usize>,
    needs: Vec<TargetNeeds>,
    seed: &Hash,
    tables: Option<&OfficerTables>,
) -> Result<Staffed, Infeasible> {
    let c = &a.campaign;
    let (blocked, blocked_set) = blocks(reg, a, &needs);
    let problem = Problem {
        date: c.draw_date,
        region: c.teams.officer_region,
        capacity: c.teams.max_targets_per_officer,
        officers: &reg.officers,
        targets: &needs,
        blocked: &blocked_set,
    };
    let teams = match tables {
        Some(t) => problem.solve_version_with_tables(seed, c.teams.assignment, t)?,
        None => problem.solve_version(seed, c.teams.assignment)?,
    };
    Ok(Staffed {
        targets,
        needs,
        teams,
        blocked,
    })
}

/// What [`blocks`] gives: the recusals (officer index, target position,
/// recusal index) and every blocked (officer index, target position) pair.
pub type Blocks = (Vec<(usize, usize, usize)>, HashSet<(usize, usize)>);

/// The pairs the assignment may not make for targets `needs` of `a` (§6):
/// the recusals between a target and an officer of one of its departments,
/// as (officer index, target position, recusal index), and the set of
/// blocked (officer index, target position) pairs, which adds the
/// officer-history rule (an officer who inspected the target recently,
/// whatever the department).
pub fn blocks(reg: &Registries, a: &Announcement, needs: &[TargetNeeds]) -> Blocks {
    let position: HashMap<&str, usize> = needs
        .iter()
        .enumerate()
        .map(|(p, t)| (t.uscc.as_str(), p))
        .collect();
    let mut blocked = Vec::new();
    let mut blocked_set = HashSet::new();
    for (ri, r) in reg.recusals.iter().enumerate() {
        let Some(&p) = position.get(r.uscc.as_str()) else {
            continue;
        };
        let Some(o) = reg
            .officers
            .binary_search_by(|o| o.id.as_str().cmp(&r.officer_id))
            .ok()
        else {
            continue;
        };
        if needs[p]
            .needs
            .iter()
            .any(|n| n.department == reg.officers[o].department)
        {
            blocked.push((o, p, ri));
            blocked_set.insert((o, p));
        }
    }
    // The officer-history rule: an officer who inspected a target recently is
    // blocked from it (§6), whatever the department.
    for v in &a.officer_history {
        let (Some(&p), Ok(o)) = (
            position.get(v.target.as_str()),
            reg.officers
                .binary_search_by(|o| o.id.as_str().cmp(v.officer.as_str())),
        ) else {
            continue;
        };
        blocked_set.insert((o, p));
    }
    (blocked, blocked_set)
}
