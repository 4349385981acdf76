//! Target sampling (`docs/SPEC.md` §5): the pool, strata by credit class,
//! exact allocation, permanent random numbers, and selection of the smallest.

use crate::core::campaign::{Campaign, Ratio};
use crate::core::merkle::Hash;
use crate::core::registry::vocab::CreditClass;
use crate::core::registry::{Entity, Item, Registries};
use crate::par::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// Why targets cannot be drawn (抽取检查对象错误).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SampleError {
    /// A campaign item is not in the item list.
    #[error("item {0} is not in the item list of the snapshot")]
    UnknownItem(String),
    /// A directed category that no campaign item checks.
    #[error(
        "category {category:?} is not the target category of any campaign item (items cover: {covered})"
    )]
    CategoryWithoutItem {
        /// The category.
        category: String,
        /// What the items cover.
        covered: String,
    },
    /// A credit class present in the pool has no stratum.
    #[error(
        "{count} entities of credit class {class} are in the pool, but the campaign has no stratum for {class}: add one or list {class} in targets.exclude_credit_classes"
    )]
    MissingStratum {
        /// Class.
        class: CreditClass,
        /// How many pool entities have it.
        count: u64,
    },
}

/// The campaign's items (抽查事项), from the snapshot.
///
/// # Errors
/// [`SampleError::UnknownItem`].
pub fn campaign_items<'a>(reg: &'a Registries, c: &Campaign) -> Result<Vec<&'a Item>, SampleError> {
    c.items
        .iter()
        .map(|code| {
            reg.items
                .binary_search_by(|i| i.code.as_str().cmp(code))
                .map(|i| &reg.items[i])
                .map_err(|_| SampleError::UnknownItem(code.clone()))
        })
        .collect()
}

/// The categories drawn from (检查对象类别; `C` of the spec), sorted.
///
/// # Errors
/// [`SampleError::CategoryWithoutItem`].
pub fn categories(c: &Campaign, items: &[&Item]) -> Result<Vec<String>, SampleError> {
    let covered: BTreeSet<&str> = items.iter().map(|i| i.target_category.as_str()).collect();
    match &c.targets.categories {
        None => Ok(covered.into_iter().map(str::to_string).collect()),
        Some(cats) => {
            for cat in cats {
                if !covered.contains(cat.as_str()) {
                    return Err(SampleError::CategoryWithoutItem {
                        category: cat.clone(),
                        covered: covered.iter().copied().collect::<Vec<_>>().join(", "),
                    });
                }
            }
            Ok(cats.clone())
        }
    }
}

/// The history sets (历史检查名单) an announcement fixes (`docs/SPEC.md` §3),
/// as the pool reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistorySets {
    /// Entities inspected recently (rule 5 of §5).
    pub exclusion: BTreeSet<String>,
    /// Entities drawn or inspected earlier in the year (rule 7 of §5).
    pub drawn_this_year: BTreeSet<String>,
}

/// Whether an entity passes the public filters (公开筛选条件) of the pool (1–5
/// of §5).
#[inline]
pub fn in_public_pool(e: &Entity, c: &Campaign, cats: &[String], h: &HistorySets) -> bool {
    e.status.in_business()
        && (c.targets.regions.is_empty()
            || c.targets
                .regions
                .iter()
                .any(|r| e.region.as_str().starts_with(r.as_str())))
        && e.categories.iter().any(|x| cats.binary_search(x).is_ok())
        && !e
            .flags
            .iter()
            .any(|f| c.targets.exclude_flags.binary_search(f).is_ok())
        && !h.exclusion.contains(e.uscc.as_str())
}

/// Whether an entity of the public pool stays in it given its (confidential)
/// credit class (信用风险分类): rules 6 and 7 of §5. Those left out count as
/// `excluded_by_class`.
#[inline]
pub fn kept_by_class(e: &Entity, c: &Campaign, h: &HistorySets) -> bool {
    let low_risk_again = c.targets.low_risk_once_a_year
        && e.credit_class == CreditClass::A
        && h.drawn_this_year.contains(e.uscc.as_str());
    !c.targets.exclude_credit_classes.contains(&e.credit_class) && !low_risk_again
}

/// The pool (抽取范围): entity indices (in USCC order) and the class-excluded
/// count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pool {
    /// Indices into `Registries::entities`.
    pub members: Vec<usize>,
    /// Entities left out because of their class (rules 6 and 7 of §5).
    pub excluded_by_class: u64,
}

/// Computes the pool (抽取范围, §5).
pub fn pool(reg: &Registries, c: &Campaign, cats: &[String], h: &HistorySets) -> Pool {
    let public: Vec<usize> = reg
        .entities
        .par_iter()
        .enumerate()
        .filter(|(_, e)| in_public_pool(e, c, cats, h))
        .map(|(i, _)| i)
        .collect();
    let (members, out): (Vec<usize>, Vec<usize>) = public
        .into_iter()
        .partition(|&i| kept_by_class(&reg.entities[i], c, h));
    Pool {
        members,
        excluded_by_class: out.len() as u64,
    }
}

/// How PRNs (永久随机数) are read (§5): the seed they come from and the
/// starting point subtracted before ordering (zero unless the campaign is
/// coordinated).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrnKey {
    /// The PRN seed: the draw's seed, or the group seed of a coordinated campaign.
    pub seed: Hash,
    /// `floor(start · 2^256)` as 32 big-endian bytes.
    pub offset: Hash,
}

impl PrnKey {
    /// PRNs from `seed`, read from the start `start` (`None`: from zero).
    pub fn new(seed: Hash, start: Option<Ratio>) -> Self {
        PrnKey {
            seed,
            offset: start.map_or(Hash([0; 32]), start_offset),
        }
    }

    /// An uncoordinated draw's key: the seed, from zero.
    pub fn plain(seed: Hash) -> Self {
        Self::new(seed, None)
    }

    /// The ordering value of a PRN: `(prn − offset) mod 2^256`.
    #[inline]
    pub fn order(&self, prn: &Hash) -> Hash {
        if self.offset.0 == [0; 32] {
            return *prn;
        }
        let mut out = [0u8; 32];
        let mut borrow = 0i16;
        for i in (0..32).rev() {
            let mut d = i16::from(prn.0[i]) - i16::from(self.offset.0[i]) - borrow;
            borrow = 0;
            if d < 0 {
                d += 256;
                borrow = 1;
            }
            out[i] = d as u8;
        }
        Hash(out)
    }

    /// The PRN whose ordering value is `v`: `(v + offset) mod 2^256`.
    pub fn unorder(&self, v: &Hash) -> Hash {
        let mut out = [0u8; 32];
        let mut carry = 0u16;
        for i in (0..32).rev() {
            let d = u16::from(v.0[i]) + u16::from(self.offset.0[i]) + carry;
            out[i] = (d & 0xff) as u8;
            carry = d >> 8;
        }
        Hash(out)
    }
}

/// A coordination starting point (样本协调起点): `floor(p · 2^256 / q)`
/// for `p < q`, as 32 big-endian bytes (long division).
pub fn start_offset(r: Ratio) -> Hash {
    let q = u128::from(r.q());
    let mut rem = u128::from(r.p()) % q;
    let mut out = [0u8; 32];
    for byte in out.iter_mut() {
        let num = rem << 8;
        *byte = (num / q) as u8;
        rem = num % q;
    }
    Hash(out)
}

/// The fixed first block of every PRN hash: `dualdraw-prn-v1` padded to 32
/// bytes, then the seed.
fn prn_prefix(seed: &Hash) -> Sha256 {
    let mut block = [0u8; 64];
    block[..15].copy_from_slice(b"dualdraw-prn-v1");
    block[32..].copy_from_slice(&seed.0);
    let mut h = Sha256::new();
    h.update(block);
    h
}

/// An entity's permanent random number (永久随机数): `SHA-256(P ‖ lp(uscc))`.
pub fn prn(seed: &Hash, uscc: &str) -> Hash {
    prn_with(&prn_prefix(seed), uscc)
}

#[inline]
fn prn_with(prefix: &Sha256, uscc: &str) -> Hash {
    let mut h = prefix.clone();
    h.update((uscc.len() as u32).to_be_bytes());
    h.update(uscc.as_bytes());
    Hash(h.finalize().into())
}

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
    let prefix = prn_prefix(&key.seed);
    let mut by_class: [Vec<(Hash, usize)>; 4] = Default::default();
    let numbered: Vec<(CreditClass, Hash, usize)> = pool
        .members
        .par_iter()
        .map(|&i| {
            let e = &reg.entities[i];
            (
                e.credit_class,
                key.order(&prn_with(&prefix, e.uscc.as_str())),
                i,
            )
        })
        .collect();
    for (class, p, i) in numbered {
        by_class[class_index(class)].push((p, i));
    }
    select_grouped(reg, c, by_class, key)
}

/// The pool and every stratum's draw (抽取范围与分层抽样) in one pass over the
/// entities (the same result as [`pool`] then [`select`], faster on large
/// registries).
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
    let prefix = prn_prefix(&key.seed);
    // (in pool after class exclusion, class, prn, index)
    let numbered: Vec<(bool, CreditClass, Hash, usize)> = reg
        .entities
        .par_iter()
        .enumerate()
        .filter(|(_, e)| in_public_pool(e, c, cats, h))
        .map(|(i, e)| {
            let kept = kept_by_class(e, c, h);
            let p = if kept {
                key.order(&prn_with(&prefix, e.uscc.as_str()))
            } else {
                Hash([0; 32])
            };
            (kept, e.credit_class, p, i)
        })
        .collect();
    let mut members = Vec::with_capacity(numbered.len());
    let mut excluded_by_class = 0u64;
    let mut by_class: [Vec<(Hash, usize)>; 4] = Default::default();
    for (kept, class, p, i) in numbered {
        if kept {
            members.push(i);
            by_class[class_index(class)].push((p, i));
        } else {
            excluded_by_class += 1;
        }
    }
    let strata = select_grouped(reg, c, by_class, key)?;
    Ok((
        Pool {
            members,
            excluded_by_class,
        },
        strata,
    ))
}

fn select_grouped(
    reg: &Registries,
    c: &Campaign,
    mut by_class: [Vec<(Hash, usize)>; 4],
    key: &PrnKey,
) -> Result<Vec<StratumDraw>, SampleError> {
    let mut out = Vec::new();
    for class in CreditClass::ALL {
        let mut members = std::mem::take(&mut by_class[class_index(*class)]);
        let n = members.len() as u64;
        let Some(stratum) = c.stratum(*class) else {
            if n > 0 {
                return Err(SampleError::MissingStratum {
                    class: *class,
                    count: n,
                });
            }
            continue;
        };
        let k = stratum.allocate(n) as usize;
        let cmp = |a: &(Hash, usize), b: &(Hash, usize)| {
            a.0.cmp(&b.0).then_with(|| {
                reg.entities[a.1]
                    .uscc
                    .as_str()
                    .cmp(reg.entities[b.1].uscc.as_str())
            })
        };
        if k > 0 && k < members.len() {
            members.select_nth_unstable_by(k - 1, cmp);
            members.truncate(k);
        }
        members.sort_unstable_by(cmp);
        members.truncate(k);
        out.push(StratumDraw {
            credit_class: *class,
            pool: n,
            drawn: k as u64,
            threshold: members.last().map(|m| key.unorder(&m.0)),
            selected: members.into_iter().map(|m| m.1).collect(),
        });
    }
    Ok(out)
}

fn class_index(c: CreditClass) -> usize {
    match c {
        CreditClass::A => 0,
        CreditClass::B => 1,
        CreditClass::C => 2,
        CreditClass::D => 3,
    }
}

#[cfg(test)]
mod tests;
