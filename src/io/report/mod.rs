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

mod compute;
mod gather;
mod numbers;
mod render;
#[cfg(test)]
mod tests;
mod text;

pub use compute::compute;
pub use gather::gather;
pub use numbers::{
    CampaignRow, ClassRow, DepartmentRow, HistogramRow, LoadStats, OfficerRow, RepeatRow, Report,
    Summary,
};
pub use render::{REPORT_FILES, html, json_text, tables, write_files};
pub use text::{Line, ReportTexts, lines, median_text, text, text_in};

use crate::core::registry::vocab::CreditClass;
use crate::store::{CampaignState, StoreError, Workspace};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The schema name of the report's JSON (`--json` and `report.json`).
pub const REPORT_SCHEMA: &str = "dualdraw.report.v1";

/// The years a report can be made for.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// Why a report could not be made (年度报告错误).
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

/// An officer (执法检查人员) as a draw's snapshot lists them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct OfficerRef {
    /// 执法证号.
    pub id: String,
    /// 姓名.
    pub name: String,
    /// 部门, as of the draw's snapshot.
    pub department: String,
}

/// One visit (检查任务): a current target of a draw (after replacements) and
/// its team.
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

/// One recorded result (检查结果, or its latest correction).
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

/// A counted campaign (计入统计的抽查任务; drawn, not voided) as the report
/// sees it.
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

/// Why a campaign drawn for the year is not counted (不计入统计的原因).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotCountedReason {
    /// Voided (whether drawn or not).
    Voided,
    /// Announced but not drawn.
    NotDrawn,
}

/// A campaign with its draw date in the year that is not counted
/// (不计入统计的抽查任务).
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
