//! The needs of a campaign's pool entities, worked out once for every
//! simulated draw of the risk estimate.

use crate::core::assign::{TargetNeeds, needs_of};
use crate::core::campaign::Campaign;
use crate::core::registry::vocab::CreditClass;
use crate::core::registry::{Item, Registries};
use std::collections::HashMap;

/// A pool entity's needs (§6, [`needs_of`]) depend only on which of the
/// campaign's categories it is of: one template per such set (USCC and
/// region left empty), and per stratum member its template's number, so that
/// a simulated draw copies its targets' needs instead of working them out.
pub(super) struct NeedTemplates {
    pub(super) templates: Vec<TargetNeeds>,
    /// `of[s][j]`: the template of member `j` of stratum `s`.
    pub(super) of: Vec<Vec<u32>>,
}

impl NeedTemplates {
    pub(super) fn new(
        reg: &Registries,
        c: &Campaign,
        items: &[&Item],
        cats: &[String],
        strata: &[(CreditClass, Vec<usize>, u64)],
    ) -> NeedTemplates {
        let mut index: HashMap<Vec<&str>, u32> = HashMap::new();
        let mut templates = Vec::new();
        let mut of = Vec::with_capacity(strata.len());
        for (_, members, _) in strata {
            let mut mine = Vec::with_capacity(members.len());
            for &i in members {
                let e = &reg.entities[i];
                let mut set: Vec<&str> = e
                    .categories
                    .iter()
                    .filter(|x| cats.binary_search(x).is_ok())
                    .map(String::as_str)
                    .collect();
                set.sort_unstable();
                set.dedup();
                let next = templates.len() as u32;
                let t = *index.entry(set).or_insert_with(|| {
                    let mut n = needs_of(e, c, items, cats);
                    n.uscc.clear();
                    n.region.clear();
                    templates.push(n);
                    next
                });
                mine.push(t);
            }
            of.push(mine);
        }
        NeedTemplates { templates, of }
    }
}
