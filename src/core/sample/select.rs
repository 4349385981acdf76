//! Selection (§5): in each stratum, the `n` entities of smallest key.
//!
//! One pass over the pool numbers every entity (one compression each, from
//! [`PrnHasher`]'s saved state) and counts the strata; of the numbers it keeps
//! only *candidates*, those whose first 64 bits are at most a bound a little
//! above the stratum's ratio, in bounded per-chunk lists. An entity left out
//! has a key above every candidate's, so when a stratum has at least `n`
//! candidates its `n` smallest keys are among them; a stratum with fewer (a
//! `count` rule, a `min` above the ratio, or chance on a small stratum) is
//! numbered again in full. Either way the result is exactly the spec's order:
//! keys, then USCC bytes.

use super::prn::{PRN_BATCH, PrnHasher, PrnKey, StateBatch};
use super::{HistorySets, Pool, SampleError, in_public_pool, kept_by_class};
use crate::core::campaign::{Campaign, Ratio, StratumRule};
use crate::core::merkle::Hash;
use crate::core::registry::vocab::CreditClass;
use crate::core::registry::{Entity, Registries};
use crate::core::uscc::LEN as USCC_LEN;
use crate::par::*;
use serde::Serialize;

/// Entities per parallel work item.
const CHUNK: usize = 1 << 14;

/// How far above a stratum's ratio the candidate bound lies: relative, then
/// absolute (in fractions of the key space). A stratum whose candidates
/// fall short is numbered again in a second whole pass over the snapshot,
/// so the bound leaves room: a stratum of 50,000 at 10 % (the scale
/// campaign's class D at 20,000,000 entities) falls short at about 6
/// standard deviations (with 1/1024 it was 1.5, about one draw in 14, each
/// costing a pass of about 15 s). Only which keys are kept as candidates
/// depends on it, never the draw.
const MARGIN: f64 = 0.01;
const SLACK: f64 = 1.0 / 128.0;

/// One stratum's draw (分层抽样结果).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StratumDraw {
    /// Class.
    pub credit_class: CreditClass,
    /// Pool entities of this class.
    pub pool: u64,
    /// Number drawn.
    pub drawn: u64,
    /// Drawn entity indices, by PRN.
    #[serde(skip)]
    pub selected: Vec<usize>,
    /// PRN of the last drawn (none when nothing is drawn). An entity of the
    /// stratum is drawn exactly when `order(prn) ≤ order(threshold)`.
    pub threshold: Option<Hash>,
}

/// A candidate: its key (the PRN's ordering value), its entity index and its
/// USCC's bytes (the tie-break of §5, kept so that a streamed draw needs no
/// entity after the pass).
type Candidate = (Hash, usize, [u8; USCC_LEN]);

/// Per class: keep the keys whose first 64 bits are at most this (`None`:
/// keep none, only count).
type Bounds = [Option<u64>; 4];

/// What a pass over entities found: pool counts and candidates per class.
#[derive(Default)]
struct Numbered {
    counts: [u64; 4],
    candidates: [Vec<Candidate>; 4],
}

impl Numbered {
    /// One code whose key starts from an offset (a coordinated campaign's
    /// start); from zero, [`Offers`] numbers codes in batches.
    #[inline]
    fn offer_key(&mut self, uscc: &[u8; USCC_LEN], c: usize, i: usize, prns: &Numbering<'_>) {
        self.counts[c] += 1;
        if let Some(bound) = prns.bounds[c] {
            let k = prns.key.order(&prns.hasher.prn18(uscc));
            if top64(&k) <= bound {
                self.candidates[c].push((k, i, *uscc));
            }
        }
    }

    /// Adds another pass's counts and candidates to these.
    fn absorb(&mut self, other: Numbered) {
        for (c, cands) in other.candidates.into_iter().enumerate() {
            self.counts[c] += other.counts[c];
            self.candidates[c].extend_from_slice(&cands);
        }
    }

    fn merge(parts: Vec<Numbered>) -> Numbered {
        let mut out = Numbered::default();
        for c in 0..4 {
            out.candidates[c].reserve_exact(parts.iter().map(|p| p.candidates[c].len()).sum());
        }
        for p in parts {
            for c in 0..4 {
                out.counts[c] += p.counts[c];
                out.candidates[c].extend_from_slice(&p.candidates[c]);
            }
        }
        out
    }
}

/// Offers codes to a [`Numbered`]: when keys start from zero,
/// [`PRN_BATCH`] at a time ([`StateBatch`]), with the same counts and the
/// same candidates in the same order as [`Numbered::offer_key`] one by one.
/// [`Offers::flush`] ends a run of offers.
struct Offers<'n, 'h> {
    prns: &'n Numbering<'h>,
    batch: StateBatch,
    /// Class, entity index and code of each code in the batch.
    slots: [(usize, usize, [u8; USCC_LEN]); PRN_BATCH],
}

impl<'n, 'h> Offers<'n, 'h> {
    fn new(prns: &'n Numbering<'h>) -> Self {
        Offers {
            prns,
            batch: StateBatch::new(prns.hasher),
            slots: [(0, 0, [0; USCC_LEN]); PRN_BATCH],
        }
    }

    #[inline]
    fn offer(&mut self, out: &mut Numbered, uscc: &[u8; USCC_LEN], c: usize, i: usize) {
        if !self.prns.from_zero {
            out.offer_key(uscc, c, i, self.prns);
            return;
        }
        out.counts[c] += 1;
        if self.prns.bounds[c].is_none() {
            return;
        }
        if let Some(slot) = self.slots.get_mut(self.batch.len()) {
            *slot = (c, i, *uscc);
        }
        if self.batch.push(uscc) {
            self.flush(out);
        }
    }

    /// Numbers the codes waiting.
    fn flush(&mut self, out: &mut Numbered) {
        let (slots, prns) = (&self.slots, self.prns);
        self.batch.run(prns.hasher, |j, st| {
            // The key is the PRN: its first 64 bits are the state's first two
            // words; the hash is made only for a candidate.
            let (c, i, uscc) = slots[j];
            if let Some(bound) = prns.bounds[c]
                && (u64::from(st[0]) << 32 | u64::from(st[1])) <= bound
            {
                out.candidates[c].push((PrnHasher::hash_of(st), i, uscc));
            }
        });
    }
}

/// The fixed inputs of a pass.
struct Numbering<'a> {
    hasher: &'a PrnHasher,
    key: &'a PrnKey,
    bounds: Bounds,
    /// The key reads PRNs from zero (not coordinated): keys are PRNs.
    from_zero: bool,
}

#[inline]
fn top64(k: &Hash) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&k.0[..8]);
    u64::from_be_bytes(b)
}

/// A bound on the first 64 bits of a key that about `ratio` of a stratum's
/// keys, and a margin more, stay under.
fn ratio_bound(r: Ratio) -> u64 {
    let f = r.p() as f64 / r.q() as f64;
    let b = f * (1.0 + MARGIN) + SLACK;
    if b >= 1.0 {
        u64::MAX
    } else {
        // 2^64 · b < 2^64: the cast cannot saturate.
        (b * 18_446_744_073_709_551_616.0) as u64
    }
}

fn first_bounds(c: &Campaign) -> Bounds {
    let mut out = [None; 4];
    for class in CreditClass::ALL {
        out[class_index(*class)] = c.stratum(*class).map(|s| match s.rule {
            StratumRule::Ratio(r) => ratio_bound(r),
            StratumRule::Count(_) => u64::MAX,
        });
    }
    out
}

fn number_members(reg: &Registries, pool: &Pool, prns: &Numbering<'_>) -> Numbered {
    let members = &pool.members;
    if pool.keys.len() == members.len() {
        // The keys side by side: no entity record is read.
        let parts: Vec<Numbered> = pool
            .keys
            .par_chunks(CHUNK)
            .zip(members.par_chunks(CHUNK))
            .map(|(keys, idx)| {
                let mut out = Numbered::default();
                let mut offers = Offers::new(prns);
                for (k, &i) in keys.iter().zip(idx) {
                    offers.offer(&mut out, &k.uscc, class_index(k.class), i);
                }
                offers.flush(&mut out);
                out
            })
            .collect();
        return Numbered::merge(parts);
    }
    let parts: Vec<Numbered> = members
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut out = Numbered::default();
            let mut offers = Offers::new(prns);
            for &i in chunk {
                let e = &reg.entities[i];
                offers.offer(&mut out, e.uscc.as_bytes(), class_index(e.credit_class), i);
            }
            offers.flush(&mut out);
            out
        })
        .collect();
    Numbered::merge(parts)
}

/// Draws every stratum (分层抽样). The result lists strata by class.
///
/// # Errors
/// [`SampleError::MissingStratum`] for a class in the pool without a stratum.
pub fn select(
    reg: &Registries,
    c: &Campaign,
    pool: &Pool,
    key: &PrnKey,
) -> Result<Vec<StratumDraw>, SampleError> {
    let hasher = PrnHasher::new(&key.seed);
    let prns = Numbering {
        hasher: &hasher,
        key,
        bounds: first_bounds(c),
        from_zero: key.offset.0 == [0; 32],
    };
    let numbered = number_members(reg, pool, &prns);
    finish(c, &prns, numbered, &mut |again| {
        Ok::<_, SampleError>(number_members(reg, pool, again))
    })
}

/// One chunk of the one-pass draw: pool members, class exclusions, numbers.
#[derive(Default)]
struct OnePass {
    members: Vec<usize>,
    excluded_by_class: u64,
    numbered: Numbered,
}

/// The pool's rules and how PRNs are read: what a pass over entities needs.
struct PoolRules<'a> {
    c: &'a Campaign,
    cats: &'a [String],
    h: &'a HistorySets,
}

/// One pass over a run of entities whose first has index `first`: pool
/// members (kept only when `keep`), class exclusions and numbers, on every
/// core.
fn one_pass(
    rules: &PoolRules<'_>,
    prns: &Numbering<'_>,
    first: usize,
    entities: &[Entity],
    keep: bool,
) -> OnePass {
    let parts: Vec<OnePass> = entities
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(ci, chunk)| {
            let mut out = OnePass::default();
            let mut offers = Offers::new(prns);
            for (j, e) in chunk.iter().enumerate() {
                if !in_public_pool(e, rules.c, rules.cats, rules.h) {
                    continue;
                }
                if !kept_by_class(e, rules.c, rules.h) {
                    out.excluded_by_class += 1;
                    continue;
                }
                let i = first + ci * CHUNK + j;
                if keep {
                    out.members.push(i);
                }
                offers.offer(
                    &mut out.numbered,
                    e.uscc.as_bytes(),
                    class_index(e.credit_class),
                    i,
                );
            }
            offers.flush(&mut out.numbered);
            out
        })
        .collect();
    let mut out = OnePass {
        members: Vec::with_capacity(parts.iter().map(|p| p.members.len()).sum()),
        ..OnePass::default()
    };
    let mut numbered = Vec::with_capacity(parts.len() + 1);
    for p in parts {
        out.members.extend_from_slice(&p.members);
        out.excluded_by_class += p.excluded_by_class;
        numbered.push(p.numbered);
    }
    out.numbered = Numbered::merge(numbered);
    out
}

/// Hands runs of entities to a pass: `(index of the run's first entity,
/// the run)`, every entity of the registry once and in index order.
pub type EntityRuns<'s, E> = dyn FnMut(&mut dyn FnMut(usize, &[Entity])) -> Result<(), E> + 's;

/// Returns the entities at the given indices (sorted), in that order: how a
/// streamed draw gets its targets after the pass.
pub type FetchEntities<'s, E> = dyn FnMut(&[usize]) -> Result<Vec<Entity>, E> + 's;

/// The pool and every stratum's draw (抽取范围与分层抽样) in one pass over the
/// entities (the same result as [`super::pool`] then [`select`], faster on
/// large registries).
///
/// # Errors
/// [`SampleError::MissingStratum`].
pub fn pool_and_select(
    reg: &Registries,
    c: &Campaign,
    cats: &[String],
    h: &HistorySets,
    key: &PrnKey,
) -> Result<(Pool, Vec<StratumDraw>), SampleError> {
    pool_and_select_runs(c, cats, h, key, true, &mut |f| {
        f(0, &reg.entities);
        Ok(())
    })
}

/// [`pool_and_select`] on entities handed over run by run (a registry
/// streamed from storage, 流式抽取): `runs` is called once, and once more
/// when a stratum must be numbered again in full. Memory is the candidates
/// (about the strata's ratios of the pool, 64 bytes each) and, with
/// `keep_members`, the pool's indices; without it [`Pool::members`] is
/// empty and the pool's size is the strata's sum. The result equals
/// [`pool_and_select`]'s on the same entities.
///
/// # Errors
/// What `runs` returns, or [`SampleError::MissingStratum`] converted.
pub fn pool_and_select_runs<E: From<SampleError>>(
    c: &Campaign,
    cats: &[String],
    h: &HistorySets,
    key: &PrnKey,
    keep_members: bool,
    runs: &mut EntityRuns<'_, E>,
) -> Result<(Pool, Vec<StratumDraw>), E> {
    let hasher = PrnHasher::new(&key.seed);
    let prns = Numbering {
        hasher: &hasher,
        key,
        bounds: first_bounds(c),
        from_zero: key.offset.0 == [0; 32],
    };
    let rules = PoolRules { c, cats, h };
    let mut members = Vec::new();
    let mut excluded_by_class = 0u64;
    let mut numbered = Numbered::default();
    runs(&mut |first, entities| {
        let p = one_pass(&rules, &prns, first, entities, keep_members);
        members.extend_from_slice(&p.members);
        excluded_by_class += p.excluded_by_class;
        numbered.absorb(p.numbered);
    })?;
    let strata = finish::<E>(c, &prns, numbered, &mut |again| {
        let mut full = Numbered::default();
        runs(&mut |first, entities| {
            let p = one_pass(&rules, again, first, entities, false);
            full.absorb(p.numbered);
        })?;
        Ok(full)
    })?;
    Ok((
        Pool {
            members,
            excluded_by_class,
            // Not kept: a draw numbers its pool once, in this pass.
            keys: Vec::new(),
        },
        strata,
    ))
}

/// Allocates every stratum, numbers again in full the strata whose
/// candidates fall short, and keeps the smallest keys.
fn finish<E: From<SampleError>>(
    c: &Campaign,
    prns: &Numbering<'_>,
    mut numbered: Numbered,
    again: &mut dyn FnMut(&Numbering<'_>) -> Result<Numbered, E>,
) -> Result<Vec<StratumDraw>, E> {
    let mut wanted = [None; 4];
    let mut short: Bounds = [None; 4];
    for class in CreditClass::ALL {
        let ci = class_index(*class);
        let n = numbered.counts[ci];
        match c.stratum(*class) {
            None if n > 0 => {
                return Err(SampleError::MissingStratum {
                    class: *class,
                    count: n,
                }
                .into());
            }
            None => {}
            Some(s) => {
                let k = s.allocate(n) as usize;
                if numbered.candidates[ci].len() < k {
                    short[ci] = Some(u64::MAX);
                }
                wanted[ci] = Some(k);
            }
        }
    }
    if short.iter().any(Option::is_some) {
        let mut full = again(&Numbering {
            hasher: prns.hasher,
            key: prns.key,
            bounds: short,
            from_zero: prns.from_zero,
        })?;
        for ((bound, cands), again) in short
            .iter()
            .zip(&mut numbered.candidates)
            .zip(&mut full.candidates)
        {
            if bound.is_some() {
                *cands = std::mem::take(again);
            }
        }
    }
    let mut out = Vec::new();
    for class in CreditClass::ALL {
        let ci = class_index(*class);
        let Some(k) = wanted[ci] else { continue };
        let drawn = smallest(std::mem::take(&mut numbered.candidates[ci]), k);
        out.push(StratumDraw {
            credit_class: *class,
            pool: numbered.counts[ci],
            drawn: k as u64,
            threshold: drawn.last().map(|m| prns.key.unorder(&m.0)),
            selected: drawn.into_iter().map(|m| m.1).collect(),
        });
    }
    Ok(out)
}

/// The `k` smallest candidates by key, then USCC bytes, in that order.
/// Sorted as (first 64 bits of the key, place) pairs, 16 bytes each
/// instead of the candidates' 64: one integer comparison settles nearly
/// every pair, and equal first bits compare the whole keys, then the USCCs.
fn smallest(cands: Vec<Candidate>, k: usize) -> Vec<Candidate> {
    if k == 0 {
        return Vec::new();
    }
    let mut order: Vec<(u64, usize)> = cands
        .iter()
        .enumerate()
        .map(|(j, c)| (top64(&c.0), j))
        .collect();
    let cmp = |a: &(u64, usize), b: &(u64, usize)| {
        a.0.cmp(&b.0).then_with(|| {
            let (x, y) = (&cands[a.1], &cands[b.1]);
            x.0.cmp(&y.0).then_with(|| x.2.cmp(&y.2))
        })
    };
    if k < order.len() {
        order.select_nth_unstable_by(k - 1, cmp);
        order.truncate(k);
    }
    order.par_sort_unstable_by(cmp);
    order.iter().map(|&(_, j)| cands[j]).collect()
}

fn class_index(c: CreditClass) -> usize {
    match c {
        CreditClass::A => 0,
        CreditClass::B => 1,
        CreditClass::C => 2,
        CreditClass::D => 3,
    }
}
