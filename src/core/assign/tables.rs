//! What the assignment reads of the officers (执法检查人员), prepared once for
//! every solve on the same officers and draw date: each department's officers,
//! whether each officer can serve at all on the draw date, regions and
//! qualifications as numbers. The risk estimate of an announcement solves 200
//! simulated draws on one officer registry (at a province's 410,000 officers
//! these tables cost about 80 ms a solve); a solve given no tables builds its
//! own. Nothing here changes what §6 decides.

use crate::core::registry::Officer;
use crate::core::registry::vocab::OfficerStatus;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The officer tables of every solve on one officer registry and draw date
/// ([`super::Problem::solve_version_with_tables`]).
pub struct OfficerTables {
    /// The officers these tables were made from (address and length), and
    /// the draw date: a solve on other officers or another date builds its own.
    made_from: (usize, usize, NaiveDate),
    /// Each department's officers, by index (id order).
    pub(super) by_dept: BTreeMap<String, Vec<usize>>,
    /// `officer_dept[o]`: the officer's department as a number, its place
    /// among the keys of `by_dept`.
    pub(super) officer_dept: Vec<u32>,
    /// `serving[o]`: officer `o` is active and certified on the draw date.
    pub(super) serving: Vec<bool>,
    /// `officer_region[o]`: the officer's region as a number of `region_ids`.
    pub(super) officer_region: Vec<u32>,
    pub(super) region_ids: BTreeMap<String, u32>,
    /// Qualifications as numbers, and each officer's as a bit set (`None`
    /// when the officers hold more than 64 different ones).
    pub(super) qual_ids: BTreeMap<String, u32>,
    pub(super) officer_quals: Option<Vec<u64>>,
}

impl OfficerTables {
    /// The tables of `officers` (a registry's, id order) on draw date `date`.
    pub fn new(officers: &[Officer], date: NaiveDate) -> OfficerTables {
        let mut by_dept: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut region_ids: BTreeMap<String, u32> = BTreeMap::new();
        let mut qual_ids: BTreeMap<String, u32> = BTreeMap::new();
        let mut officer_region = Vec::with_capacity(officers.len());
        for (i, o) in officers.iter().enumerate() {
            match by_dept.get_mut(o.department.as_str()) {
                Some(v) => v.push(i),
                None => {
                    by_dept.insert(o.department.clone(), vec![i]);
                }
            }
            let next = region_ids.len() as u32;
            let r = match region_ids.get(o.region.as_str()) {
                Some(&r) => r,
                None => {
                    region_ids.insert(o.region.as_str().to_string(), next);
                    next
                }
            };
            officer_region.push(r);
            for q in &o.qualifications {
                if !qual_ids.contains_key(q) {
                    let next = qual_ids.len() as u32;
                    qual_ids.insert(q.clone(), next);
                }
            }
        }
        let serving = officers
            .iter()
            .map(|o| o.status == OfficerStatus::Active && date <= o.cert_expiry)
            .collect();
        let mut officer_dept = vec![0u32; officers.len()];
        for (d, os) in by_dept.values().enumerate() {
            for &o in os {
                officer_dept[o] = d as u32;
            }
        }
        let officer_quals = (qual_ids.len() <= 64).then(|| {
            officers
                .iter()
                .map(|o| {
                    o.qualifications
                        .iter()
                        .filter_map(|q| qual_ids.get(q))
                        .fold(0u64, |m, &i| m | (1 << i))
                })
                .collect()
        });
        OfficerTables {
            made_from: (officers.as_ptr() as usize, officers.len(), date),
            by_dept,
            officer_dept,
            serving,
            officer_region,
            region_ids,
            qual_ids,
            officer_quals,
        }
    }

    /// Whether these are the tables of `officers` on `date`.
    pub(super) fn are_of(&self, officers: &[Officer], date: NaiveDate) -> bool {
        self.made_from == (officers.as_ptr() as usize, officers.len(), date)
    }
}
