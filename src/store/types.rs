//! The values a store keeps besides registries: who records an entry, a
//! campaign's state, how a result is recorded, a recorded schedule.

use super::StoreError;
use crate::core::merkle::Hash;
use crate::schedule::{Problem, Schedule};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Who records an entry (操作人, 审批人).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    /// Operator.
    pub operator: String,
    /// Approver, where the bureau requires one (empty for none).
    pub approver: String,
}

/// A campaign's state (抽查任务状态) in the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignState {
    /// Announced, not drawn.
    Announced,
    /// Drawn.
    Drawn,
    /// Voided in the open (a new campaign needs a new announcement).
    Voided,
}

/// How a result is recorded (检查结果录入方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultMode {
    /// A first result: refused if one exists.
    New,
    /// A correction (更正): refused if none exists.
    Correction,
}

/// The format tag of a [`ScheduleRecord`].
pub const SCHEDULE_RECORD_FORMAT: &str = "dualdraw-schedule-record-v1";

/// A recorded schedule (排期记录): its campaigns, its problem and its dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleRecord {
    /// [`SCHEDULE_RECORD_FORMAT`].
    pub format: String,
    /// The campaigns whose visits it dates, sorted (a coordination group's
    /// targets drawn by several campaigns are one joint visit).
    pub campaigns: Vec<String>,
    /// The problem as scheduled (after every recorded change).
    pub problem: Problem,
    /// Visit id → date.
    pub dates: BTreeMap<String, NaiveDate>,
    /// How many reschedules were recorded.
    pub reschedules: u32,
    /// Whether the schedule secrets were revealed.
    pub revealed: bool,
}

impl ScheduleRecord {
    /// The store key of a set of campaigns: their sorted ids joined by `+`.
    pub fn key_of(campaigns: &[String]) -> String {
        let mut v = campaigns.to_vec();
        v.sort();
        v.dedup();
        v.join("+")
    }

    /// `SHA-256` of the dates' canonical text (one `id date` line each, by id):
    /// the commitment to the dates recorded in the ledger.
    pub fn dates_sha256(&self) -> Hash {
        let mut text = String::new();
        for (id, d) in &self.dates {
            text.push_str(id);
            text.push(' ');
            text.push_str(&d.format("%Y-%m-%d").to_string());
            text.push('\n');
        }
        Hash::digest(text.as_bytes())
    }

    /// `SHA-256` of the recorded problem's JSON (visits, teams, days, leave,
    /// limit): an auditor with the workspace checks the problem it re-runs.
    pub fn problem_sha256(&self) -> Hash {
        Hash::digest(
            serde_json::to_string(&self.problem)
                .unwrap_or_default()
                .as_bytes(),
        )
    }

    /// The schedule, re-checked against its problem.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the stored dates break the rules.
    pub fn schedule(&self) -> Result<Schedule, StoreError> {
        Schedule::from_dates(&self.problem, &self.dates)
            .map_err(|e| StoreError::Conflict(format!("stored schedule: {e}").into()))
    }
}
