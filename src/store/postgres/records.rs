//! records of the PostgreSQL store (stubs, being ported from `src/store/sqlite`).
#![allow(unused_variables, unused_imports)]

use super::PgStore;
use crate::core::announcement::Announcement;
use crate::core::entropy::Reveal;
use crate::core::merkle::Hash;
use crate::core::proof::DrawProof;
use crate::core::registry::{Registries, RegistryKind};
use crate::core::replace::{PendingReplacement, Replacement};
use crate::core::results::InspectionResult;
use crate::store::*;
use chrono::NaiveDate;
use std::collections::BTreeSet;

fn not_yet(what: &str) -> StoreError {
    StoreError::Conflict(format!("PgStore::{what} is not ported yet").into())
}

impl PgStore {
    /// Not yet ported (see the module's doc).
    pub fn calendar_years(&self) -> Result<Vec<crate::store::StoredYear>, StoreError> {
        Err(not_yet("calendar_years"))
    }

    /// Not yet ported (see the module's doc).
    pub fn store_calendar_years(
        &mut self,
        years: &[crate::core::calendar::YearSchedule],
        replace: bool,
        file: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<Vec<(i32, crate::store::YearImport)>, StoreError> {
        Err(not_yet("store_calendar_years"))
    }

    /// Not yet ported (see the module's doc).
    pub fn assume_weekends(
        &mut self,
        year: i32,
        at: &str,
        actor: &Actor,
    ) -> Result<bool, StoreError> {
        Err(not_yet("assume_weekends"))
    }

    /// Not yet ported (see the module's doc).
    pub fn store_results(
        &mut self,
        results: &[InspectionResult],
        mode: ResultMode,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        Err(not_yet("store_results"))
    }

    /// Not yet ported (see the module's doc).
    pub fn results(&self, campaign: &str) -> Result<Vec<InspectionResult>, StoreError> {
        Err(not_yet("results"))
    }

    /// Not yet ported (see the module's doc).
    pub fn all_results(&self) -> Result<Vec<InspectionResult>, StoreError> {
        Err(not_yet("all_results"))
    }

    /// Not yet ported (see the module's doc).
    pub fn store_history(
        &mut self,
        rows: &[(String, NaiveDate)],
        source: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        Err(not_yet("store_history"))
    }

    /// Not yet ported (see the module's doc).
    pub fn imported_history(&self) -> Result<Vec<(String, NaiveDate)>, StoreError> {
        Err(not_yet("imported_history"))
    }

    /// Not yet ported (see the module's doc).
    pub fn inspected_between(
        &self,
        since: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<String>, StoreError> {
        Err(not_yet("inspected_between"))
    }

    /// Not yet ported (see the module's doc).
    pub fn store_publication(
        &mut self,
        campaign: &str,
        kind: &str,
        files: &serde_json::Value,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        Err(not_yet("store_publication"))
    }

    /// Not yet ported (see the module's doc).
    pub fn published_at(&self, campaign: &str, kind: &str) -> Result<Option<String>, StoreError> {
        Err(not_yet("published_at"))
    }

    /// Not yet ported (see the module's doc).
    pub fn schedule_secret(&self, id: &str) -> Result<Option<String>, StoreError> {
        Err(not_yet("schedule_secret"))
    }

    /// Not yet ported (see the module's doc).
    pub fn schedule_record(
        &self,
        campaigns: &[String],
    ) -> Result<Option<ScheduleRecord>, StoreError> {
        Err(not_yet("schedule_record"))
    }

    /// Not yet ported (see the module's doc).
    pub fn store_schedule(
        &mut self,
        record: &ScheduleRecord,
        kind: &str,
        body: serde_json::Value,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        Err(not_yet("store_schedule"))
    }

    /// Not yet ported (see the module's doc).
    pub fn scheduled_with(&self, ids: &[String]) -> Result<Option<String>, StoreError> {
        Err(not_yet("scheduled_with"))
    }
}
