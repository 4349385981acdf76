//! Working-day calendars kept in a store (工作日历): the official schedules
//! of years after the shipped ones (`dualdraw calendar import`,
//! `docs/CALENDAR.md`) and the years assumed to have weekends only
//! (`--assume-weekends YEAR`), each recorded with its ledger entry, and the
//! calendar every command counts working days with ([`store_calendar`]).

use super::{Store, StoreError};
use crate::core::calendar::{Calendar, YearSchedule};
use serde::Serialize;

/// A year a store keeps (工作日历年度).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredYear {
    /// The year.
    pub year: i32,
    /// Its official schedule; `None` when the year is assumed to have
    /// weekends only (every date counted through it is provisional, 暂定).
    pub schedule: Option<YearSchedule>,
    /// When it was recorded (the ledger entry's instant).
    pub at: String,
}

/// What importing one year did (导入结果).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum YearImport {
    /// A year not known before: recorded.
    Imported,
    /// The year was assumed to have weekends only: its official schedule
    /// replaces the assumption (deadlines counted through it are recomputed).
    ReplacedAssumption,
    /// An official schedule with other days replaced (`--replace`).
    Replaced,
    /// The same days are already known (shipped or imported): nothing recorded.
    Unchanged,
}

/// The calendar of a store: the shipped years, then the years it keeps
/// (an imported schedule replaces a shipped one of the same year), with the
/// assumed years.
///
/// # Errors
/// [`StoreError`] for an unreadable store.
pub fn store_calendar<S: Store + ?Sized>(store: &S) -> Result<Calendar, StoreError> {
    let mut cal = Calendar::shipped();
    for y in store.calendar_years()? {
        match &y.schedule {
            Some(s) => cal.set_year(s),
            None => {
                cal.assume_weekends(y.year);
            }
        }
    }
    Ok(cal)
}

/// What importing `new` over what is known (`known`: the shipped or stored
/// official schedule, `assumed`: the year is assumed) does, or why it is
/// refused (without `replace`, an official year is never changed).
///
/// # Errors
/// A message naming the year and how many days differ.
pub fn import_outcome(
    new: &YearSchedule,
    known: Option<&YearSchedule>,
    assumed: bool,
    replace: bool,
) -> Result<YearImport, String> {
    match known {
        Some(k) if k.same_days(new) => Ok(YearImport::Unchanged),
        Some(k) if !replace => {
            let off = k.days_off.symmetric_difference(&new.days_off).count();
            let worked = k
                .working_weekends
                .symmetric_difference(&new.working_weekends)
                .count();
            Err(format!(
                "{}: the official schedule already known ({}) differs from this file in {off} day(s) off and {worked} make-up working day(s)",
                new.year,
                if k.source.is_empty() {
                    "no notice named".to_string()
                } else {
                    k.source.clone()
                }
            ))
        }
        Some(_) => Ok(YearImport::Replaced),
        None if assumed => Ok(YearImport::ReplacedAssumption),
        None => Ok(YearImport::Imported),
    }
}
