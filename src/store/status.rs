//! Where each campaign stands (状态) from any [`Store`]: drawn targets,
//! results, publications, every target's deadline — with a result or
//! without one — as pending (期限未到), overdue (逾期) or unknown, totals per
//! department and per township, and the visit dates' schedule.

use super::{CampaignState, Store, StoreError};
use crate::core::calendar::{Calendar, CalendarError, Due};
use crate::core::replace::current_teams;
use crate::core::results::InspectionResult;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How many working days ahead a result counts as due soon.
pub const DUE_SOON_WORKING_DAYS: i64 = 5;

/// An unpublished result and the day by which it must be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultDue {
    /// Target (USCC).
    pub target: String,
    /// Item code.
    pub item: String,
    /// The last day to publish it (20th working day after the inspection).
    pub due: NaiveDate,
    /// Counted through a year assumed to have weekends only (暂定).
    pub provisional: bool,
}

/// An unpublished result whose due day the calendar cannot count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueUnknown {
    /// Target (USCC).
    pub target: String,
    /// Item code.
    pub item: String,
    /// Why (e.g. a year the calendar does not hold).
    pub why: String,
    /// The year the calendar does not hold, if that is why.
    pub year: Option<i32>,
}

/// Unpublished results sorted by their publication deadline (公示期限) as of
/// a day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deadlines {
    /// Past their due day (逾期).
    pub overdue: Vec<ResultDue>,
    /// Due within [`DUE_SOON_WORKING_DAYS`] working days.
    pub due_soon: Vec<ResultDue>,
    /// Due day unknown to the calendar.
    pub unknown: Vec<DueUnknown>,
}

/// Sorts `unpublished` results into overdue (逾期), due soon and unknown as of
/// `today`, in their order: a result is due on the 20th working day after
/// its inspection, and overdue from the day after its due day.
pub fn deadlines(unpublished: &[InspectionResult], cal: &Calendar, today: NaiveDate) -> Deadlines {
    let mut d = Deadlines::default();
    for r in unpublished {
        let due = |due: Due| ResultDue {
            target: r.target.clone(),
            item: r.item.clone(),
            due: due.date,
            provisional: due.provisional,
        };
        match cal.results_due_marked(r.inspected_on) {
            Ok(day) if day.date < today => d.overdue.push(due(day)),
            Ok(day) if due_soon(cal, today, day.date) => d.due_soon.push(due(day)),
            Ok(_) => {}
            Err(e) => d.unknown.push(DueUnknown {
                target: r.target.clone(),
                item: r.item.clone(),
                why: e.to_string(),
                year: missing_year(&e),
            }),
        }
    }
    d
}

/// The year a calendar error says is not known.
fn missing_year(e: &CalendarError) -> Option<i32> {
    match e {
        CalendarError::UnknownYear { year, .. } => Some(*year),
        CalendarError::Malformed(_) => None,
    }
}

/// Whether `due` (not before `today`) is within [`DUE_SOON_WORKING_DAYS`]
/// working days (false when the calendar cannot count them).
fn due_soon(cal: &Calendar, today: NaiveDate, due: NaiveDate) -> bool {
    cal.working_days_between(today, due)
        .is_ok_and(|left| left <= DUE_SOON_WORKING_DAYS)
}

/// Where a drawn target stands (检查对象状态), by its results' publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetState {
    /// Every item has a result and every result is published (已公示).
    Published,
    /// Something is left (a result to record or to publish) and its
    /// deadline has not passed — or there is no deadline yet, or it cannot
    /// be counted yet but cannot have passed (期限未到).
    Pending,
    /// Something is left and its deadline has passed (逾期).
    Overdue,
    /// Something is left and its deadline cannot be counted (a year the
    /// calendar does not hold) and may have passed: more than 20 days went by
    /// since the day it counts from (期限未知). Before that it cannot have
    /// passed, whatever the holidays, and the target is pending.
    Unknown,
}

/// What a deadline is counted from (期限依据).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueBasis {
    /// The inspection day of a recorded, unpublished result.
    Result,
    /// The target's scheduled visit day (no result yet).
    Visit,
    /// The end of the campaign's period (no result, no visit scheduled).
    PeriodEnd,
}

/// One drawn target's deadline (检查对象期限): the earliest of what is left
/// for it — a recorded result to publish (20 working days after its
/// inspection), an item without a result (20 working days after the visit
/// day, else after the period's end).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetDeadline {
    /// Target (USCC).
    pub target: String,
    /// Its township (乡镇/街道), else its region code.
    pub township: String,
    /// The departments of its items, sorted.
    pub departments: Vec<String>,
    /// Where it stands.
    pub state: TargetState,
    /// The items that apply to it.
    pub items: usize,
    /// Of those, with a recorded result.
    pub results: usize,
    /// Of those, published.
    pub published: usize,
    /// The earliest deadline of what is left (`None`: nothing left, none
    /// countable, or no period and no visit day).
    pub due: Option<NaiveDate>,
    /// What `due` is counted from.
    pub due_basis: Option<DueBasis>,
    /// `due` is within [`DUE_SOON_WORKING_DAYS`] working days.
    pub due_soon: bool,
    /// `due` was counted through a year assumed to have weekends only, or
    /// from a visit day chosen in such a year (暂定).
    pub provisional: bool,
    /// The scheduled visit day, if any.
    pub visit: Option<NaiveDate>,
    /// Why the deadline is unknown or absent.
    pub why: Option<String>,
    /// The year the calendar does not hold, when that is why.
    pub missing_year: Option<i32>,
}

/// Drawn targets counted by where they stand (合计): `targets` is the sum
/// of `published`, `pending`, `overdue` and `unknown`; `no_result`,
/// `due_soon` and `provisional` count within them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Targets.
    pub targets: usize,
    /// Every result recorded and published.
    pub published: usize,
    /// Deadline not passed, or none yet (期限未到).
    pub pending: usize,
    /// Deadline passed (逾期).
    pub overdue: usize,
    /// Deadline not countable (期限未知).
    pub unknown: usize,
    /// Without any result.
    pub no_result: usize,
    /// Pending and due within [`DUE_SOON_WORKING_DAYS`] working days.
    pub due_soon: usize,
    /// With a provisional deadline (暂定).
    pub provisional: usize,
}

impl Tally {
    /// Counts one target.
    pub fn add(&mut self, t: &TargetDeadline) {
        self.targets += 1;
        match t.state {
            TargetState::Published => self.published += 1,
            TargetState::Pending => self.pending += 1,
            TargetState::Overdue => self.overdue += 1,
            TargetState::Unknown => self.unknown += 1,
        }
        self.no_result += usize::from(t.results == 0);
        self.due_soon += usize::from(t.state == TargetState::Pending && t.due_soon);
        self.provisional += usize::from(t.provisional && t.state != TargetState::Published);
    }

    /// Adds another tally.
    pub fn merge(&mut self, o: &Tally) {
        self.targets += o.targets;
        self.published += o.published;
        self.pending += o.pending;
        self.overdue += o.overdue;
        self.unknown += o.unknown;
        self.no_result += o.no_result;
        self.due_soon += o.due_soon;
        self.provisional += o.provisional;
    }
}

/// Every drawn target's deadline and the totals: over the campaign, per
/// department (a target counts under each department with items on it,
/// judged on that department's items) and per township.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TargetDeadlines {
    /// Each current target, by USCC.
    pub targets: Vec<TargetDeadline>,
    /// The totals.
    pub totals: Tally,
    /// Department → totals.
    pub by_department: BTreeMap<String, Tally>,
    /// Township (else region code) → totals.
    pub by_township: BTreeMap<String, Tally>,
}

/// What is left for one item of one target.
enum Left {
    Done,
    Due(Due, DueBasis),
    NoDeadline,
    /// The calendar cannot count from this day (a year it lacks).
    Unknown(CalendarError, NaiveDate),
}

/// The least number of calendar days 20 working days take: a deadline
/// counted from `d` is never before `d` + this, whatever the holidays.
const MIN_DAYS_TO_DUE: i64 = 20;

/// One item of one target: its department and what is left.
struct Slot {
    department: String,
    result: bool,
    published: bool,
    left: Left,
}

/// A target's items judged together: its state, earliest deadline and flags.
fn judge(
    target: &str,
    township: &str,
    visit: Option<NaiveDate>,
    slots: &[&Slot],
    cal: &Calendar,
    today: NaiveDate,
) -> TargetDeadline {
    let mut departments: Vec<String> = slots.iter().map(|s| s.department.clone()).collect();
    departments.sort();
    departments.dedup();
    let mut earliest: Option<(Due, DueBasis)> = None;
    let mut unknown = None;
    let mut uncountable = None;
    let mut no_deadline = false;
    let mut provisional = false;
    for s in slots {
        match &s.left {
            Left::Done => {}
            Left::Due(d, b) => {
                provisional |= d.provisional;
                if earliest.is_none_or(|(e, _)| d.date < e.date) {
                    earliest = Some((*d, *b));
                }
            }
            Left::NoDeadline => no_deadline = true,
            // Not countable, but it cannot have passed yet: pending.
            Left::Unknown(e, from) if today <= *from + chrono::Duration::days(MIN_DAYS_TO_DUE) => {
                uncountable = Some(e.clone());
            }
            Left::Unknown(e, _) => unknown = Some(e.clone()),
        }
    }
    // A target with no item to record (none applies) is never "published".
    let all_done = !slots.is_empty() && slots.iter().all(|s| matches!(s.left, Left::Done));
    let state = match (&earliest, &unknown) {
        _ if all_done => TargetState::Published,
        (Some((d, _)), _) if d.date < today => TargetState::Overdue,
        (_, Some(_)) => TargetState::Unknown,
        _ => TargetState::Pending,
    };
    let missing_year = unknown
        .as_ref()
        .or(uncountable.as_ref())
        .and_then(missing_year);
    let why = unknown.or(uncountable).map(|e| e.to_string()).or_else(|| {
        if slots.is_empty() {
            return Some("no item of the campaign applies to it".to_string());
        }
        (no_deadline && earliest.is_none()).then(|| {
            "no result yet, and neither a visit day nor a period to count a deadline from"
                .to_string()
        })
    });
    TargetDeadline {
        target: target.to_string(),
        township: township.to_string(),
        departments,
        state,
        items: slots.len(),
        results: slots.iter().filter(|s| s.result).count(),
        published: slots.iter().filter(|s| s.published).count(),
        due: earliest.map(|(d, _)| d.date),
        due_basis: earliest.map(|(_, b)| b),
        due_soon: state == TargetState::Pending
            && earliest.is_some_and(|(d, _)| due_soon(cal, today, d.date)),
        provisional,
        visit,
        why,
        missing_year,
    }
}

/// The deadline of an item without a result: counted from the visit day
/// (provisional when the visit day is in an assumed year), else the
/// period's end.
fn missing_deadline(
    cal: &Calendar,
    visit: Option<NaiveDate>,
    period_end: Option<NaiveDate>,
) -> Left {
    let (from, basis) = match (visit, period_end) {
        (Some(v), _) => (v, DueBasis::Visit),
        (None, Some(e)) => (e, DueBasis::PeriodEnd),
        (None, None) => return Left::NoDeadline,
    };
    match cal.results_due_marked(from) {
        Ok(mut d) => {
            d.provisional |= basis == DueBasis::Visit && cal.is_assumed(from.year());
            Left::Due(d, basis)
        }
        Err(e) => Left::Unknown(e, from),
    }
}

/// Every current target of drawn campaign `id` with its deadline (see
/// [`TargetDeadline`]) and the totals, as of `today`. `unpublished` are the
/// campaign's results not yet in a published results notice; `visits` the
/// visit days of its schedule (visit id = target USCC).
///
/// # Errors
/// [`StoreError`] for an unreadable store.
pub fn target_deadlines<S: Store + ?Sized>(
    store: &S,
    id: &str,
    cal: &Calendar,
    today: NaiveDate,
    unpublished: &[InspectionResult],
    visits: &BTreeMap<String, NaiveDate>,
) -> Result<TargetDeadlines, StoreError> {
    let proof = store.draw_proof(id)?;
    let reps = store.replacements(id)?;
    let results = store.results(id)?;
    deadlines_of(
        store,
        &Drawn {
            id,
            proof: &proof,
            reps: &reps,
            results: &results,
        },
        cal,
        today,
        unpublished,
        visits,
    )
}

/// A drawn campaign as read once by [`campaign_statuses`].
struct Drawn<'a> {
    id: &'a str,
    proof: &'a crate::core::proof::DrawProof,
    reps: &'a [crate::core::replace::Replacement],
    results: &'a [InspectionResult],
}

fn deadlines_of<S: Store + ?Sized>(
    store: &S,
    c: &Drawn<'_>,
    cal: &Calendar,
    today: NaiveDate,
    unpublished: &[InspectionResult],
    visits: &BTreeMap<String, NaiveDate>,
) -> Result<TargetDeadlines, StoreError> {
    let (id, proof, reps, results) = (c.id, c.proof, c.reps, c.results);
    let waiting: BTreeSet<(&str, &str)> = unpublished
        .iter()
        .map(|r| (r.target.as_str(), r.item.as_str()))
        .collect();
    let recorded: BTreeMap<(&str, &str), &InspectionResult> = results
        .iter()
        .map(|r| ((r.target.as_str(), r.item.as_str()), r))
        .collect();
    let item_dept: BTreeMap<&str, &str> = proof
        .items
        .iter()
        .map(|i| (i.code.as_str(), i.department.as_str()))
        .collect();
    let period_end = proof.announcement.campaign.period.map(|p| p.end);
    // A replacement target is not in the proof: its items and township come
    // from the announced snapshot (loaded only then).
    let mut drawn: Option<super::DrawnCampaign> = None;
    let mut out = TargetDeadlines::default();
    for (target, _) in current_teams(proof, reps) {
        let (township, items) = match proof.target(&target) {
            Some(t) => (
                t.entity
                    .township
                    .clone()
                    .unwrap_or_else(|| t.entity.region.clone()),
                t.items.clone(),
            ),
            None => {
                if drawn.is_none() {
                    drawn = Some(super::drawn_campaign(store, id).map_err(|e| match e {
                        super::ResultsFlowError::Store(s) => s,
                        e => StoreError::Conflict(e.to_string().into()),
                    })?);
                }
                let d = drawn.as_ref().map(|d| {
                    let town = d
                        .registries
                        .entity(&target)
                        .map(|e| {
                            e.township
                                .clone()
                                .unwrap_or_else(|| e.region.as_str().to_string())
                        })
                        .unwrap_or_default();
                    (town, d.items_of(&target))
                });
                d.unwrap_or_default()
            }
        };
        let visit = visits.get(&target).copied();
        let slots: Vec<Slot> = items
            .iter()
            .map(|item| {
                let department = item_dept
                    .get(item.as_str())
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                let key = (target.as_str(), item.as_str());
                let (result, published, left) = match recorded.get(&key) {
                    Some(_) if !waiting.contains(&key) => (true, true, Left::Done),
                    Some(r) => (
                        true,
                        false,
                        match cal.results_due_marked(r.inspected_on) {
                            Ok(d) => Left::Due(d, DueBasis::Result),
                            Err(e) => Left::Unknown(e, r.inspected_on),
                        },
                    ),
                    None => (false, false, missing_deadline(cal, visit, period_end)),
                };
                Slot {
                    department,
                    result,
                    published,
                    left,
                }
            })
            .collect();
        let all: Vec<&Slot> = slots.iter().collect();
        let t = judge(&target, &township, visit, &all, cal, today);
        out.totals.add(&t);
        out.by_township.entry(township.clone()).or_default().add(&t);
        for dept in &t.departments {
            let mine: Vec<&Slot> = slots.iter().filter(|s| &s.department == dept).collect();
            out.by_department
                .entry(dept.clone())
                .or_default()
                .add(&judge(&target, &township, visit, &mine, cal, today));
        }
        out.targets.push(t);
    }
    out.targets.sort_by(|a, b| a.target.cmp(&b.target));
    Ok(out)
}

/// The recorded schedule that dates a campaign's visits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleState {
    /// The schedule's key (its campaigns joined by `+`).
    pub key: String,
    /// How many reschedules were recorded.
    pub reschedules: u32,
    /// Whether its secrets were revealed.
    pub revealed: bool,
    /// Visits of this campaign on a day that is not a working day by the
    /// calendar now (a year assumed to have weekends only was imported
    /// since): each must be moved with `schedule move`.
    pub visits_on_days_off: Vec<(String, NaiveDate)>,
    /// Visits of this campaign on a day of a year assumed to have weekends
    /// only (暂定).
    pub provisional_visits: usize,
}

/// Where a drawn campaign stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawnState {
    /// Current targets (after replacements).
    pub targets: usize,
    /// Targets with at least one result.
    pub with_results: usize,
    /// Results recorded.
    pub results: usize,
    /// Whether the list was published.
    pub list_published: bool,
    /// Whether results were recorded and all of them published.
    pub results_published: bool,
    /// Results recorded and not yet published.
    pub unpublished_results: usize,
    /// The unpublished results' deadlines.
    pub deadlines: Deadlines,
    /// The schedule of its visits, if one was made.
    pub schedule: Option<ScheduleState>,
    /// Every current target's deadline, with or without a result, and the
    /// totals per department and township.
    pub targets_due: TargetDeadlines,
}

/// Where a campaign stands (任务状态).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignStatus {
    /// Campaign id.
    pub id: String,
    /// Announced, drawn or voided.
    pub state: CampaignState,
    /// For a drawn campaign: targets, results, publications, deadlines.
    pub drawn: Option<DrawnState>,
}

/// Where every campaign of the store stands on `today` (状态), by id: for a
/// drawn campaign its targets, results, publications, the deadlines of the
/// results not yet published (`unpublished` gives them per campaign: which
/// results a publication covered is the backend's record) and its schedule.
///
/// # Errors
/// [`StoreError`] for an unreadable store, or what `unpublished` returns.
pub fn campaign_statuses<S: Store + ?Sized>(
    store: &S,
    cal: &Calendar,
    today: NaiveDate,
    unpublished: &dyn Fn(&str) -> Result<Vec<InspectionResult>, StoreError>,
) -> Result<Vec<CampaignStatus>, StoreError> {
    let mut all = Vec::new();
    for id in store.campaign_ids()? {
        let state = store.campaign_state(&id)?;
        let drawn = if state == CampaignState::Drawn {
            Some(drawn_state(store, &id, cal, today, unpublished)?)
        } else {
            None
        };
        all.push(CampaignStatus { id, state, drawn });
    }
    Ok(all)
}

fn drawn_state<S: Store + ?Sized>(
    store: &S,
    id: &str,
    cal: &Calendar,
    today: NaiveDate,
    unpublished: &dyn Fn(&str) -> Result<Vec<InspectionResult>, StoreError>,
) -> Result<DrawnState, StoreError> {
    let proof = store.draw_proof(id)?;
    let reps = store.replacements(id)?;
    let teams = current_teams(&proof, &reps);
    let results = store.results(id)?;
    let waiting = unpublished(id)?;
    let list_published = store.published_at(id, "draw")?.is_some();
    let with_results: BTreeSet<&str> = results.iter().map(|r| r.target.as_str()).collect();
    // Visit dates (docs/SCHEDULE.md §16).
    let mut visits = BTreeMap::new();
    let schedule = match store.scheduled_with(&[id.to_string()])? {
        None => None,
        Some(key) => {
            let ids: Vec<String> = key.split('+').map(str::to_string).collect();
            let rec = store.schedule_record(&ids)?;
            let mine: BTreeSet<&str> = teams.iter().map(|t| t.0.as_str()).collect();
            if let Some(r) = &rec {
                visits = r
                    .dates
                    .iter()
                    .filter(|(v, _)| mine.contains(v.as_str()))
                    .map(|(v, d)| (v.clone(), *d))
                    .collect();
            }
            Some(ScheduleState {
                revealed: rec.as_ref().is_some_and(|r| r.revealed),
                reschedules: rec.as_ref().map_or(0, |r| r.reschedules),
                key,
                visits_on_days_off: visits
                    .iter()
                    .filter(|(_, d)| cal.is_working_day(**d) == Ok(false))
                    .map(|(v, d)| (v.clone(), *d))
                    .collect(),
                provisional_visits: visits.values().filter(|d| cal.is_assumed(d.year())).count(),
            })
        }
    };
    Ok(DrawnState {
        targets: teams.len(),
        with_results: with_results.len(),
        results: results.len(),
        list_published,
        results_published: !results.is_empty() && waiting.is_empty(),
        unpublished_results: waiting.len(),
        deadlines: deadlines(&waiting, cal, today),
        targets_due: deadlines_of(
            store,
            &Drawn {
                id,
                proof: &proof,
                reps: &reps,
                results: &results,
            },
            cal,
            today,
            &waiting,
            &visits,
        )?,
        schedule,
    })
}
