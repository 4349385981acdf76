//! The yearly report (年度报告): for one calendar year, what the bureau's
//! draws asked for and what was done — entities drawn and inspected per
//! credit class and per department, how many entities were visited more than
//! once (进一次门、查多项事), officers' loads, and each campaign's results and
//! publications (`docs/REPORT.md`).
//!
//! **Internal.** The report shows counts per credit-risk class, which is
//! confidential supervision data (read from the registries of each draw's
//! snapshot): it is for the bureau, never for publication. Nothing in it is
//! published by `dualdraw publish`.
//!
//! [`gather`] reads the workspace into plain [`CampaignInput`]s; [`compute`]
//! turns them into a [`Report`] without touching the workspace (so every
//! number can be tested on hand-made inputs); [`build`] does both;
//! [`write_files`] writes `report.html` (with an inline SVG chart of officers'
//! loads), `report.json` and CSV tables; [`text`] is the summary the CLI prints.
//! The output depends only on the workspace's records and the year: every
//! list is sorted, and no clock is read.

mod render;
#[cfg(test)]
mod tests;

pub use render::{REPORT_FILES, html, json_text, tables, write_files};

use crate::core::merkle::Hash;
use crate::core::proof::DrawProof;
use crate::core::registry::vocab::CreditClass;
use crate::core::registry::{Registries, RegistryKind};
use crate::store::{CampaignState, StoreError, Workspace};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The schema name of the report's JSON (`--json` and `report.json`).
pub const REPORT_SCHEMA: &str = "dualdraw.report.v1";

/// The years a report can be made for.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The year is outside [`YEARS`].
    #[error("{0} is not a year to report on (expected a calendar year such as 2026, 1900–9999)")]
    Year(i32),
    /// The workspace could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The workspace's records contradict each other (a damaged or edited store).
    #[error("campaign {campaign}: {message}")]
    Inconsistent {
        /// Campaign id.
        campaign: String,
        /// What does not fit.
        message: String,
    },
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] crate::io::publish::PublishError),
}

// ---------------------------------------------------------------------------
// Inputs: what the workspace says about one campaign
// ---------------------------------------------------------------------------

/// An officer as a draw's snapshot lists them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct OfficerRef {
    /// 执法证号.
    pub id: String,
    /// 姓名.
    pub name: String,
    /// 部门, as of the draw's snapshot.
    pub department: String,
}

/// One visit: a current target of a draw (after replacements) and its team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitInput {
    /// Target USCC.
    pub target: String,
    /// Its name.
    pub name: String,
    /// Its credit class in the draw's snapshot (confidential).
    pub credit_class: CreditClass,
    /// Its departments: the proof's `departments`, or for a replacement
    /// target its team's officers' departments (lead department first).
    pub departments: Vec<String>,
    /// The current team.
    pub officers: Vec<OfficerRef>,
}

/// One recorded result (or its latest correction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultInput {
    /// Target USCC.
    pub target: String,
    /// Item code.
    pub item: String,
    /// The item's department.
    pub department: String,
    /// The day the inspection ended.
    pub inspected_on: NaiveDate,
    /// Whether it is in a published results notice.
    pub published: bool,
}

/// A counted campaign (drawn, not voided) as the report sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignInput {
    /// Campaign id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Draw date.
    pub draw_date: NaiveDate,
    /// Its coordination group, if any.
    pub coordination_group: Option<String>,
    /// The recorded schedule that dates its visits (`docs/SCHEDULE.md` §16),
    /// if any: targets of campaigns scheduled together got one joint visit,
    /// so an entity drawn by several of them counts as visited once.
    pub schedule: Option<String>,
    /// Replacements recorded after the draw.
    pub replacements: usize,
    /// Whether the list (`dualdraw publish`) was published.
    pub list_published: bool,
    /// Current targets and teams.
    pub visits: Vec<VisitInput>,
    /// Every recorded result of the campaign (any date; [`compute`] keeps
    /// those inspected in the year).
    pub results: Vec<ResultInput>,
    /// The officers whose loads are reported: those of the departments of
    /// the visits who were active and certified on the draw date in the
    /// draw's snapshot (officers on teams are added by [`compute`] anyway).
    pub roster: Vec<OfficerRef>,
}

/// Why a campaign drawn for the year is not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotCountedReason {
    /// Voided (whether drawn or not).
    Voided,
    /// Announced but not drawn.
    NotDrawn,
}

/// A campaign with its draw date in the year that is not counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotCounted {
    /// Campaign id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Draw date.
    pub draw_date: NaiveDate,
    /// Why.
    pub reason: NotCountedReason,
}

/// Whether a campaign in `state` drawn on `draw_date` is counted in `year`:
/// `None` for another year, `Some(Ok(()))` when counted, `Some(Err(reason))`
/// when it is in the year but not counted.
pub fn counted(
    state: CampaignState,
    draw_date: NaiveDate,
    year: i32,
) -> Option<Result<(), NotCountedReason>> {
    if draw_date.year() != year {
        return None;
    }
    Some(match state {
        CampaignState::Drawn => Ok(()),
        CampaignState::Voided => Err(NotCountedReason::Voided),
        CampaignState::Announced => Err(NotCountedReason::NotDrawn),
    })
}

// ---------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------

/// The yearly report (`dualdraw.report.v1`; every field in `docs/REPORT.md`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// [`REPORT_SCHEMA`].
    pub schema: &'static str,
    /// The calendar year.
    pub year: i32,
    /// Always `true`: the report holds confidential credit-class counts and
    /// is for the bureau only.
    pub internal: bool,
    /// The workspace's ledger head when the report was made (which records
    /// it covers).
    pub ledger_head: Hash,
    /// Totals.
    pub summary: Summary,
    /// Per credit class, A to D (every class, also with zero counts).
    pub by_credit_class: Vec<ClassRow>,
    /// Per department, by name.
    pub by_department: Vec<DepartmentRow>,
    /// Per officer and department, by department then id.
    pub officers: Vec<OfficerRow>,
    /// Entities visited more than once: most visits first, then by USCC.
    pub repeat_visits: Vec<RepeatRow>,
    /// The counted campaigns, by draw date then id.
    pub campaigns: Vec<CampaignRow>,
    /// Campaigns with their draw date in the year that are not counted.
    pub not_counted: Vec<NotCounted>,
}

/// Totals of the year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Counted campaigns.
    pub campaigns: usize,
    /// Visits (current targets of the counted draws).
    pub visits: usize,
    /// Visits with at least one result inspected in the year.
    pub visits_with_results: usize,
    /// Distinct entities visited.
    pub entities: usize,
    /// Distinct entities with at least one result inspected in the year.
    pub entities_with_results: usize,
    /// Entities visited more than once (by several campaigns).
    pub visited_more_than_once: usize,
    /// The most visits of one entity (0 without visits).
    pub max_visits: usize,
    /// How many entities had 1, 2, … visits (up to `max_visits`).
    pub visits_histogram: Vec<HistogramRow>,
    /// Visits whose team comes from two departments or more (joint visits).
    pub joint_visits: usize,
    /// Department checks: the sum over visits of their departments.
    pub department_checks: usize,
    /// Results recorded with an inspection date in the year.
    pub results: usize,
    /// Of those, in a published results notice.
    pub results_published: usize,
    /// Results of the counted campaigns inspected after the year (not counted).
    pub results_later: usize,
}

/// One line of the visits histogram.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistogramRow {
    /// Number of visits.
    pub visits: usize,
    /// Entities visited that many times.
    pub entities: usize,
}

/// Counts of one credit class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassRow {
    /// The class (`A` … `D`).
    pub credit_class: CreditClass,
    /// Distinct entities drawn while in this class.
    pub entities: usize,
    /// Of those, with results recorded.
    pub entities_with_results: usize,
    /// Visits to entities of this class.
    pub visits: usize,
    /// Of those, with results recorded.
    pub visits_with_results: usize,
}

/// Officers' loads in one department.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadStats {
    /// Fewest visits of an officer.
    pub min: usize,
    /// Median (the mean of the two middle loads for an even count).
    pub median: f64,
    /// Most visits of an officer.
    pub max: usize,
    /// Sum of the loads (team places filled).
    pub total: usize,
}

/// Counts of one department.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentRow {
    /// Department.
    pub department: String,
    /// Distinct entities whose visit involved the department.
    pub entities: usize,
    /// Of those, with a result for one of the department's items.
    pub entities_with_results: usize,
    /// Visits involving the department.
    pub visits: usize,
    /// Of those, with a result for one of the department's items.
    pub visits_with_results: usize,
    /// Officers reported (the roster: see [`CampaignInput::roster`]).
    pub officers: usize,
    /// Of those, on at least one visit.
    pub officers_with_visits: usize,
    /// Loads over the roster (officers without visits count as 0).
    pub load: LoadStats,
}

/// One officer's load in one department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficerRow {
    /// Department.
    pub department: String,
    /// 执法证号.
    pub id: String,
    /// 姓名.
    pub name: String,
    /// Visits (teams served): the load.
    pub visits: usize,
    /// Of those, with a result for one of the department's items.
    pub visits_with_results: usize,
    /// Campaigns served in.
    pub campaigns: usize,
}

/// An entity visited more than once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepeatRow {
    /// USCC.
    pub uscc: String,
    /// Name (as of its last visit).
    pub name: String,
    /// Visits.
    pub visits: usize,
    /// Of those, with results recorded.
    pub visits_with_results: usize,
    /// The campaigns, by draw date then id.
    pub campaigns: Vec<String>,
    /// Every department involved, by name.
    pub departments: Vec<String>,
}

/// One counted campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CampaignRow {
    /// Campaign id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Draw date.
    pub draw_date: NaiveDate,
    /// Coordination group, or `null`.
    pub coordination_group: Option<String>,
    /// Current targets (after replacements).
    pub targets: usize,
    /// Replacements recorded.
    pub replacements: usize,
    /// Targets with at least one result inspected in the year.
    pub targets_with_results: usize,
    /// Results inspected in the year.
    pub results: usize,
    /// Of those, in a published results notice.
    pub results_published: usize,
    /// Results inspected after the year (not counted).
    pub results_later: usize,
    /// Whether the list was published.
    pub list_published: bool,
}

fn median(sorted: &[usize]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2] as f64,
        n => (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0,
    }
}

#[derive(Default)]
struct EntityAcc<'a> {
    name: &'a str,
    visits: usize,
    schedules: BTreeSet<&'a str>,
    done: usize,
    campaigns: Vec<&'a str>,
    departments: BTreeSet<&'a str>,
}

#[derive(Default)]
struct GroupAcc<'a> {
    entities: BTreeSet<&'a str>,
    entities_done: BTreeSet<&'a str>,
    visits: usize,
    done: usize,
}

#[derive(Default)]
struct OfficerAcc<'a> {
    name: &'a str,
    visits: usize,
    done: usize,
    campaigns: BTreeSet<&'a str>,
}

/// Computes the report of `year` from the counted campaigns (those
/// [`counted`] in the year) and the ones not counted. Results inspected
/// outside the year are left out (counted as `results_later`).
pub fn compute(
    year: i32,
    ledger_head: Hash,
    campaigns: &[CampaignInput],
    not_counted: Vec<NotCounted>,
) -> Report {
    let mut order: Vec<&CampaignInput> = campaigns.iter().collect();
    order.sort_by(|a, b| (a.draw_date, &a.id).cmp(&(b.draw_date, &b.id)));
    let mut summary = Summary {
        campaigns: order.len(),
        ..Summary::default()
    };
    let mut entities: BTreeMap<&str, EntityAcc<'_>> = BTreeMap::new();
    let mut classes: BTreeMap<CreditClass, GroupAcc<'_>> = CreditClass::ALL
        .iter()
        .map(|c| (*c, GroupAcc::default()))
        .collect();
    let mut departments: BTreeMap<&str, GroupAcc<'_>> = BTreeMap::new();
    let mut officers: BTreeMap<(&str, &str), OfficerAcc<'_>> = BTreeMap::new();
    let mut rows = Vec::with_capacity(order.len());
    for c in order {
        // Departments with a result in the year, per target.
        let mut done_by_target: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        let (mut results, mut published, mut later) = (0, 0, 0);
        for r in &c.results {
            if r.inspected_on.year() != year {
                later += 1;
                continue;
            }
            results += 1;
            published += usize::from(r.published);
            done_by_target
                .entry(r.target.as_str())
                .or_default()
                .insert(r.department.as_str());
        }
        for o in &c.roster {
            officers
                .entry((o.department.as_str(), o.id.as_str()))
                .or_default()
                .name = o.name.as_str();
        }
        let mut with_results = 0;
        for v in &c.visits {
            let done_depts = done_by_target.get(v.target.as_str());
            let done = done_depts.is_some();
            let dept_done = |d: &str| done_depts.is_some_and(|s| s.contains(d));
            with_results += usize::from(done);
            let e = entities.entry(v.target.as_str()).or_default();
            e.name = v.name.as_str();
            // One joint visit for the campaigns of one recorded schedule.
            let joint = c
                .schedule
                .as_deref()
                .is_some_and(|k| !e.schedules.insert(k));
            if !joint {
                e.visits += 1;
            }
            e.done += usize::from(done);
            e.campaigns.push(c.id.as_str());
            e.departments
                .extend(v.departments.iter().map(String::as_str));
            let k = classes.entry(v.credit_class).or_default();
            k.entities.insert(v.target.as_str());
            k.visits += 1;
            if done {
                k.entities_done.insert(v.target.as_str());
                k.done += 1;
            }
            for d in &v.departments {
                let g = departments.entry(d.as_str()).or_default();
                g.entities.insert(v.target.as_str());
                g.visits += 1;
                if dept_done(d) {
                    g.entities_done.insert(v.target.as_str());
                    g.done += 1;
                }
            }
            for o in &v.officers {
                let a = officers
                    .entry((o.department.as_str(), o.id.as_str()))
                    .or_default();
                a.name = o.name.as_str();
                a.visits += 1;
                a.done += usize::from(dept_done(&o.department));
                a.campaigns.insert(c.id.as_str());
            }
            summary.visits += 1;
            summary.visits_with_results += usize::from(done);
            summary.joint_visits += usize::from(v.departments.len() >= 2);
            summary.department_checks += v.departments.len();
        }
        summary.results += results;
        summary.results_published += published;
        summary.results_later += later;
        rows.push(CampaignRow {
            id: c.id.clone(),
            title: c.title.clone(),
            draw_date: c.draw_date,
            coordination_group: c.coordination_group.clone(),
            targets: c.visits.len(),
            replacements: c.replacements,
            targets_with_results: with_results,
            results,
            results_published: published,
            results_later: later,
            list_published: c.list_published,
        });
    }
    summary.entities = entities.len();
    summary.entities_with_results = entities.values().filter(|e| e.done > 0).count();
    summary.visited_more_than_once = entities.values().filter(|e| e.visits > 1).count();
    summary.max_visits = entities.values().map(|e| e.visits).max().unwrap_or(0);
    summary.visits_histogram = (1..=summary.max_visits)
        .map(|k| HistogramRow {
            visits: k,
            entities: entities.values().filter(|e| e.visits == k).count(),
        })
        .collect();
    let mut repeat_visits: Vec<RepeatRow> = entities
        .iter()
        .filter(|(_, e)| e.visits > 1)
        .map(|(u, e)| RepeatRow {
            uscc: (*u).to_string(),
            name: e.name.to_string(),
            visits: e.visits,
            visits_with_results: e.done,
            campaigns: e.campaigns.iter().map(|s| (*s).to_string()).collect(),
            departments: e.departments.iter().map(|s| (*s).to_string()).collect(),
        })
        .collect();
    repeat_visits.sort_by(|a, b| b.visits.cmp(&a.visits).then_with(|| a.uscc.cmp(&b.uscc)));
    let by_credit_class = classes
        .into_iter()
        .map(|(credit_class, g)| ClassRow {
            credit_class,
            entities: g.entities.len(),
            entities_with_results: g.entities_done.len(),
            visits: g.visits,
            visits_with_results: g.done,
        })
        .collect();
    let officer_rows: Vec<OfficerRow> = officers
        .iter()
        .map(|((d, id), a)| OfficerRow {
            department: (*d).to_string(),
            id: (*id).to_string(),
            name: a.name.to_string(),
            visits: a.visits,
            visits_with_results: a.done,
            campaigns: a.campaigns.len(),
        })
        .collect();
    for (d, _) in officers.keys() {
        departments.entry(*d).or_default();
    }
    let by_department = departments
        .into_iter()
        .map(|(d, g)| {
            let mut loads: Vec<usize> = officer_rows
                .iter()
                .filter(|o| o.department == d)
                .map(|o| o.visits)
                .collect();
            loads.sort_unstable();
            DepartmentRow {
                department: d.to_string(),
                entities: g.entities.len(),
                entities_with_results: g.entities_done.len(),
                visits: g.visits,
                visits_with_results: g.done,
                officers: loads.len(),
                officers_with_visits: loads.iter().filter(|&&l| l > 0).count(),
                load: LoadStats {
                    min: loads.first().copied().unwrap_or(0),
                    median: median(&loads),
                    max: loads.last().copied().unwrap_or(0),
                    total: loads.iter().sum(),
                },
            }
        })
        .collect();
    let mut not_counted = not_counted;
    not_counted.sort_by(|a, b| (a.draw_date, &a.id).cmp(&(b.draw_date, &b.id)));
    Report {
        schema: REPORT_SCHEMA,
        year,
        internal: true,
        ledger_head,
        summary,
        by_credit_class,
        by_department,
        officers: officer_rows,
        repeat_visits,
        campaigns: rows,
        not_counted,
    }
}

// ---------------------------------------------------------------------------
// Reading the workspace
// ---------------------------------------------------------------------------

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

/// Where the report's files go by default: `WORKSPACE/reports/YEAR/`.
pub fn default_dir(workspace: &std::path::Path, year: i32) -> std::path::PathBuf {
    workspace.join("reports").join(year.to_string())
}

/// The report of `year` from the workspace ([`gather`], then [`compute`]).
///
/// # Errors
/// As [`gather`].
pub fn build(ws: &Workspace, year: i32) -> Result<Report, ReportError> {
    let (inputs, not_counted) = gather(ws, year)?;
    Ok(compute(year, ws.ledger_head()?, &inputs, not_counted))
}

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

/// A load's median as text (`2`, `2.5`).
pub fn median_text(m: f64) -> String {
    if m.fract() == 0.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}")
    }
}

/// The summary printed by `dualdraw report` (without the list of files).
pub fn text(r: &Report) -> String {
    let mut t = format!(
        "yearly report {} (年度报告) — INTERNAL (内部资料): it shows credit-risk classes; do not publish\n",
        r.year
    );
    let nc = |reason| r.not_counted.iter().filter(|n| n.reason == reason).count();
    let (voided, not_drawn) = (nc(NotCountedReason::Voided), nc(NotCountedReason::NotDrawn));
    if r.campaigns.is_empty() {
        let _ = writeln!(
            t,
            "no drawn campaign in {} (with its draw date in the year and not voided): nothing to count",
            r.year
        );
    }
    let s = &r.summary;
    let _ = writeln!(
        t,
        "campaigns: {} counted (drawn in {}, not voided); not counted: {voided} voided, {not_drawn} not drawn",
        s.campaigns, r.year
    );
    if r.campaigns.is_empty() {
        return t;
    }
    let _ = writeln!(
        t,
        "visits: {} to {} entities, {} with results ({} entities); {} joint visits (2+ departments), {} department checks",
        s.visits,
        s.entities,
        s.visits_with_results,
        s.entities_with_results,
        s.joint_visits,
        s.department_checks
    );
    let _ = writeln!(
        t,
        "visited more than once: {} entities (max {} visits)",
        s.visited_more_than_once, s.max_visits
    );
    let _ = writeln!(
        t,
        "results inspected in {}: {} ({} published); {} inspected later, not counted",
        r.year, s.results, s.results_published, s.results_later
    );
    t.push_str("by credit class: entities drawn / with results (visits / with results)\n");
    for c in &r.by_credit_class {
        let _ = writeln!(
            t,
            "  {}  {} / {}  ({} / {})",
            c.credit_class.token(),
            c.entities,
            c.entities_with_results,
            c.visits,
            c.visits_with_results
        );
    }
    t.push_str(
        "by department: entities drawn / with results; officers with visits / reported; load min / median / max\n",
    );
    for d in &r.by_department {
        let _ = writeln!(
            t,
            "  {}  {} / {}; officers {} / {}; load {} / {} / {}",
            d.department,
            d.entities,
            d.entities_with_results,
            d.officers_with_visits,
            d.officers,
            d.load.min,
            median_text(d.load.median),
            d.load.max
        );
    }
    t.push_str("campaigns: targets, with results, results (published), list\n");
    for c in &r.campaigns {
        let _ = writeln!(
            t,
            "  {} {}  {}, {}, {} ({}), list {}",
            c.id,
            c.draw_date,
            c.targets,
            c.targets_with_results,
            c.results,
            c.results_published,
            if c.list_published {
                "published"
            } else {
                "not published"
            }
        );
    }
    t
}
