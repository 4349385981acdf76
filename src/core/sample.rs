//! Target sampling (`docs/SPEC.md` §5): the pool, strata by credit class,
//! exact allocation, permanent random numbers, and selection of the smallest.

use crate::core::campaign::Campaign;
use crate::core::registry::vocab::CreditClass;
use crate::core::registry::{Entity, Item, Registries};
use crate::par::*;
use std::collections::BTreeSet;

mod prn;
mod select;

pub use prn::{PrnHasher, PrnKey, prn, start_offset};
pub use select::{
    EntityRuns, FetchEntities, StratumDraw, pool_and_select, pool_and_select_runs, select,
};

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
#[derive(Debug, Clone, Eq)]
pub struct Pool {
    /// Indices into `Registries::entities`.
    pub members: Vec<usize>,
    /// Entities left out because of their class (rules 6 and 7 of §5).
    pub excluded_by_class: u64,
    /// Each member's USCC bytes and class side by side, what numbering the
    /// pool reads ([`select`] many times in an announcement's simulated
    /// draws): filled by [`pool`], empty from [`pool_and_select`] (a draw
    /// numbers its pool once, in its pass); when empty, [`select`] reads the
    /// entities. Derived from `members`, so not
    /// compared.
    pub keys: Vec<PoolKey>,
}

impl PartialEq for Pool {
    fn eq(&self, other: &Self) -> bool {
        self.members == other.members && self.excluded_by_class == other.excluded_by_class
    }
}

/// A pool member as the numbering reads it: its USCC's bytes and its credit
/// class (19 bytes, read in order instead of the entity's record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolKey {
    /// The USCC's 18 bytes.
    pub uscc: [u8; crate::core::uscc::LEN],
    /// The class.
    pub class: CreditClass,
}

impl PoolKey {
    /// The key of entity `e`.
    pub fn of(e: &Entity) -> Self {
        PoolKey {
            uscc: *e.uscc.as_bytes(),
            class: e.credit_class,
        }
    }
}

/// Computes the pool (抽取范围, §5).
pub fn pool(reg: &Registries, c: &Campaign, cats: &[String], h: &HistorySets) -> Pool {
    let mut pool = pool_members(reg, c, cats, h);
    pool.keys = pool
        .members
        .iter()
        .map(|&i| PoolKey::of(&reg.entities[i]))
        .collect();
    pool
}

/// [`pool`] without [`Pool::keys`], for a caller that never numbers the pool
/// (the announcement's simulated draws): 19 bytes a member less.
pub fn pool_members(reg: &Registries, c: &Campaign, cats: &[String], h: &HistorySets) -> Pool {
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
        keys: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
