//! What the assignment's inner loops read, prepared once per solve: each
//! target's blocked officers as a sorted list, whether each officer can serve
//! at all on the draw date, and regions as numbers. Nothing here changes what
//! §6 decides; it only avoids hashing pairs and comparing strings per check.

use super::{Need, Problem};
use crate::core::campaign::OfficerRegion;
use crate::core::registry::vocab::OfficerStatus;
use std::collections::BTreeMap;

/// The prepared tables of one solve (shared read-only by all departments).
pub(super) struct Hot {
    /// `blocked[t]`: the officers blocked for target `t`, sorted.
    pub blocked: Vec<Vec<usize>>,
    /// `serving[o]`: officer `o` is active and certified on the draw date.
    serving: Vec<bool>,
    /// `officer_region[o]`, `target_region[t]`: regions as numbers.
    pub officer_region: Vec<u32>,
    pub target_region: Vec<u32>,
}

impl Hot {
    pub(super) fn new(p: &Problem<'_>) -> Hot {
        let mut blocked: Vec<Vec<usize>> = vec![Vec::new(); p.targets.len()];
        for &(o, t) in p.blocked {
            if let Some(v) = blocked.get_mut(t) {
                v.push(o);
            }
        }
        for v in &mut blocked {
            v.sort_unstable();
        }
        let mut ids: BTreeMap<&str, u32> = BTreeMap::new();
        let mut officer_region = Vec::with_capacity(p.officers.len());
        for o in p.officers {
            let next = ids.len() as u32;
            officer_region.push(*ids.entry(o.region.as_str()).or_insert(next));
        }
        let mut target_region = Vec::with_capacity(p.targets.len());
        for t in p.targets {
            let next = ids.len() as u32;
            target_region.push(*ids.entry(t.region.as_str()).or_insert(next));
        }
        let serving = p
            .officers
            .iter()
            .map(|o| o.status == OfficerStatus::Active && p.date <= o.cert_expiry)
            .collect();
        Hot {
            blocked,
            serving,
            officer_region,
            target_region,
        }
    }

    /// §6's eligibility of officer `o` for target `t`'s `need`, from the
    /// prepared tables (the same answer as [`Problem::is_eligible`]).
    pub(super) fn eligible(&self, p: &Problem<'_>, o: usize, t: usize, need: &Need) -> bool {
        self.serving[o]
            && match p.region {
                OfficerRegion::Any => true,
                OfficerRegion::Same => self.officer_region[o] == self.target_region[t],
                OfficerRegion::Other => self.officer_region[o] != self.target_region[t],
            }
            && (need.qualifications.is_empty()
                || need
                    .qualifications
                    .iter()
                    .all(|q| p.officers[o].qualifications.binary_search(q).is_ok()))
            && self.blocked[t].binary_search(&o).is_err()
    }
}
