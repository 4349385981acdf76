//! Reading the workspace: each campaign drawn in the year, with its draw,
//! schedule, results and publications, as a plain [`CampaignInput`].

use super::{
    CampaignInput, NotCounted, OfficerRef, ReportError, ResultInput, VisitInput, YEARS, counted,
};
use crate::core::proof::DrawProof;
use crate::core::registry::{Registries, RegistryKind};
use crate::store::Workspace;
use std::collections::BTreeSet;

fn inconsistent(campaign: &str, message: String) -> ReportError {
    ReportError::Inconsistent {
        campaign: campaign.to_string(),
        message,
    }
}

/// The entities registry of a snapshot, loaded once for consecutive campaigns
/// drawn on the same snapshot.
struct EntityCache {
    snapshot: Option<u64>,
    reg: Registries,
}

impl EntityCache {
    fn get(&mut self, ws: &Workspace, proof: &DrawProof) -> Result<&Registries, ReportError> {
        let id = proof.announcement.snapshot.id;
        if self.snapshot != Some(id) {
            let snap = ws.snapshot(id)?;
            if snap.digest != proof.announcement.snapshot.digest {
                return Err(inconsistent(
                    &proof.announcement.campaign.id,
                    format!("snapshot {id} of this workspace is not the one the draw used"),
                ));
            }
            self.reg = ws.load_kinds(&snap, &[RegistryKind::Entities])?;
            self.snapshot = Some(id);
        }
        Ok(&self.reg)
    }
}

/// One counted campaign read from the workspace.
fn campaign_input(
    ws: &Workspace,
    id: &str,
    cache: &mut EntityCache,
) -> Result<CampaignInput, ReportError> {
    let proof = ws.draw_proof(id)?;
    let reps = ws.replacements(id)?;
    let c = &proof.announcement.campaign;
    let officer_of = |oid: &str| -> Result<OfficerRef, ReportError> {
        proof
            .officers
            .binary_search_by(|o| o.id.as_str().cmp(oid))
            .map(|i| OfficerRef {
                id: oid.to_string(),
                name: proof.officers[i].name.clone(),
                department: proof.officers[i].department.clone(),
            })
            .map_err(|_| inconsistent(id, format!("officer {oid} is not in the draw's snapshot")))
    };
    let reg = cache.get(ws, &proof)?;
    let mut visits = Vec::new();
    for (target, team) in crate::core::replace::current_teams(&proof, &reps) {
        let officers = team
            .iter()
            .map(|o| officer_of(o))
            .collect::<Result<Vec<_>, _>>()?;
        let entity = reg.entity(&target).ok_or_else(|| {
            inconsistent(id, format!("target {target} is not in the draw's snapshot"))
        })?;
        let drawn = proof
            .targets
            .binary_search_by(|t| t.entity.uscc.as_str().cmp(&target));
        let departments = match drawn {
            Ok(i) => proof.targets[i].departments.clone(),
            Err(_) => {
                // A replacement target: its team's departments, lead first.
                let set: BTreeSet<&str> = officers.iter().map(|o| o.department.as_str()).collect();
                let mut d: Vec<String> = Vec::with_capacity(set.len());
                if set.contains(c.lead_department.as_str()) {
                    d.push(c.lead_department.clone());
                }
                d.extend(
                    set.into_iter()
                        .filter(|x| *x != c.lead_department)
                        .map(str::to_string),
                );
                d
            }
        };
        visits.push(VisitInput {
            name: entity.name.clone(),
            credit_class: entity.credit_class,
            target,
            departments,
            officers,
        });
    }
    let unpublished: BTreeSet<(String, String)> = ws
        .unpublished_results(id)?
        .into_iter()
        .map(|r| (r.target, r.item))
        .collect();
    let mut results = Vec::new();
    for r in ws.results(id)? {
        let department = proof
            .items
            .binary_search_by(|i| i.code.as_str().cmp(&r.item))
            .map(|i| proof.items[i].department.clone())
            .map_err(|_| {
                inconsistent(
                    id,
                    format!("result item {} is not in the draw's snapshot", r.item),
                )
            })?;
        let published = !unpublished.contains(&(r.target.clone(), r.item.clone()));
        results.push(ResultInput {
            target: r.target,
            item: r.item,
            department,
            inspected_on: r.inspected_on,
            published,
        });
    }
    let involved: BTreeSet<&str> = visits
        .iter()
        .flat_map(|v| v.departments.iter().map(String::as_str))
        .collect();
    let roster = proof
        .officers
        .iter()
        .filter(|o| involved.contains(o.department.as_str()) && o.eligible_on(c.draw_date))
        .map(|o| OfficerRef {
            id: o.id.clone(),
            name: o.name.clone(),
            department: o.department.clone(),
        })
        .collect();
    Ok(CampaignInput {
        id: id.to_string(),
        title: c.title.clone(),
        draw_date: c.draw_date,
        coordination_group: c.coordination.as_ref().map(|g| g.group.clone()),
        schedule: ws.scheduled_with(&[id.to_string()])?,
        replacements: reps.len(),
        list_published: ws.published_at(id, "draw")?.is_some(),
        visits,
        results,
        roster,
    })
}

/// Reads the campaigns with their draw date in `year`: the counted ones
/// (drawn, not voided) as [`CampaignInput`]s, and the others.
///
/// # Errors
/// [`ReportError::Year`] for a year outside [`YEARS`]; [`ReportError::Store`]
/// or [`ReportError::Inconsistent`] for an unreadable or damaged workspace.
pub fn gather(
    ws: &Workspace,
    year: i32,
) -> Result<(Vec<CampaignInput>, Vec<NotCounted>), ReportError> {
    if !YEARS.contains(&year) {
        return Err(ReportError::Year(year));
    }
    let mut drawn = Vec::new();
    let mut not_counted = Vec::new();
    for id in ws.campaign_ids()? {
        let a = ws.announcement(&id)?;
        let state = ws.campaign_state(&id)?;
        match counted(state, a.campaign.draw_date, year) {
            None => {}
            Some(Ok(())) => drawn.push((a.snapshot.id, id)),
            Some(Err(reason)) => not_counted.push(NotCounted {
                id,
                title: a.campaign.title.clone(),
                draw_date: a.campaign.draw_date,
                reason,
            }),
        }
    }
    // Campaigns of one snapshot together: its entities are loaded once.
    drawn.sort();
    let mut cache = EntityCache {
        snapshot: None,
        reg: Registries::default(),
    };
    let inputs = drawn
        .iter()
        .map(|(_, id)| campaign_input(ws, id, &mut cache))
        .collect::<Result<_, _>>()?;
    Ok((inputs, not_counted))
}
