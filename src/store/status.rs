//! Where each campaign stands (状态) from any [`Store`]: drawn targets,
//! results, publications, results overdue (逾期) or due soon, and the visit
//! dates' schedule.

use super::{CampaignState, Store, StoreError};
use crate::core::calendar::Calendar;
use crate::core::replace::current_teams;
use crate::core::results::InspectionResult;
use chrono::NaiveDate;
use std::collections::BTreeSet;

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
/// its inspection.
pub fn deadlines(unpublished: &[InspectionResult], cal: &Calendar, today: NaiveDate) -> Deadlines {
    let mut d = Deadlines::default();
    for r in unpublished {
        let left = cal
            .results_due(r.inspected_on)
            .and_then(|due| Ok((due, cal.working_days_between(today, due)?)));
        let due = |due| ResultDue {
            target: r.target.clone(),
            item: r.item.clone(),
            due,
        };
        match left {
            Ok((day, left)) if left < 0 => d.overdue.push(due(day)),
            Ok((day, left)) if left <= DUE_SOON_WORKING_DAYS => d.due_soon.push(due(day)),
            Ok(_) => {}
            Err(e) => d.unknown.push(DueUnknown {
                target: r.target.clone(),
                item: r.item.clone(),
                why: e.to_string(),
            }),
        }
    }
    d
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
    let schedule = match store.scheduled_with(&[id.to_string()])? {
        None => None,
        Some(key) => {
            let ids: Vec<String> = key.split('+').map(str::to_string).collect();
            let rec = store.schedule_record(&ids)?;
            Some(ScheduleState {
                revealed: rec.as_ref().is_some_and(|r| r.revealed),
                reschedules: rec.as_ref().map_or(0, |r| r.reschedules),
                key,
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
        schedule,
    })
}
