//! [`Store`] for [`PgStore`]: each method is the store's own (`registries.rs`,
//! `campaigns.rs`, `records.rs`, the ledger in `mod.rs`).

use super::PgStore;
use crate::core::announcement::Announcement;
use crate::core::commitment::SaltKey;
use crate::core::entropy::Reveal;
use crate::core::merkle::Hash;
use crate::core::proof::DrawProof;
use crate::core::registry::{Registries, RegistryKind};
use crate::core::replace::{PendingReplacement, Replacement};
use crate::core::results::InspectionResult;
use crate::ledger::Entry;
use crate::store::{
    Actor, CampaignState, CommitOutcome, ResultMode, ScheduleRecord, SnapshotInfo, Store,
    StoreError,
};
use chrono::NaiveDate;
use std::collections::BTreeSet;

impl Store for PgStore {
    fn calendar_years(&self) -> Result<Vec<crate::store::StoredYear>, StoreError> {
        PgStore::calendar_years(self)
    }

    fn store_calendar_years(
        &mut self,
        years: &[crate::core::calendar::YearSchedule],
        replace: bool,
        file: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<Vec<(i32, crate::store::YearImport)>, StoreError> {
        PgStore::store_calendar_years(self, years, replace, file, at, actor)
    }

    fn assume_weekends(&mut self, year: i32, at: &str, actor: &Actor) -> Result<bool, StoreError> {
        PgStore::assume_weekends(self, year, at, actor)
    }

    fn salt_key(&self) -> &SaltKey {
        PgStore::salt_key(self)
    }

    fn current_snapshot(&self) -> Result<Option<SnapshotInfo>, StoreError> {
        PgStore::current_snapshot(self)
    }

    fn snapshot(&self, id: u64) -> Result<SnapshotInfo, StoreError> {
        PgStore::snapshot(self, id)
    }

    fn snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError> {
        PgStore::snapshots(self)
    }

    fn snapshot_by_digest(&self, digest: &Hash) -> Result<Option<SnapshotInfo>, StoreError> {
        PgStore::snapshot_by_digest(self, digest)
    }

    fn load_kinds(
        &self,
        snap: &SnapshotInfo,
        kinds: &[RegistryKind],
    ) -> Result<Registries, StoreError> {
        PgStore::load_kinds(self, snap, kinds)
    }

    fn for_each_entity_run(
        &self,
        snap: &SnapshotInfo,
        f: &mut crate::store::EntityRunVisitor<'_>,
    ) -> Result<(), StoreError> {
        self.stream_entity_runs(snap, &[], f).map(|_| ())
    }

    fn entities_named(
        &self,
        snap: &SnapshotInfo,
        named: crate::store::Named<'_>,
    ) -> Result<Vec<crate::core::registry::Entity>, StoreError> {
        self.stream_entities_named(snap, named)
    }

    fn entity_proofs(
        &self,
        snap: &SnapshotInfo,
        indices: &[u64],
    ) -> Result<
        Vec<(
            crate::core::registry::Entity,
            crate::core::merkle::InclusionProof,
        )>,
        StoreError,
    > {
        self.stream_entity_proofs(snap, indices)
    }

    fn commit(
        &mut self,
        kind: RegistryKind,
        reg: &Registries,
        note: &str,
    ) -> Result<CommitOutcome, StoreError> {
        PgStore::commit(self, kind, reg, note)
    }

    fn commit_based(
        &mut self,
        kind: RegistryKind,
        reg: &Registries,
        note: &str,
        base: Option<u64>,
    ) -> Result<CommitOutcome, StoreError> {
        PgStore::commit_based(self, kind, reg, note, base)
    }

    fn commit_entity_delta(
        &mut self,
        base: Option<u64>,
        upserts: Vec<crate::core::registry::Entity>,
        removals: &BTreeSet<String>,
        note: &str,
        visit: &mut dyn FnMut(&crate::core::registry::Entity),
    ) -> Result<CommitOutcome, StoreError> {
        PgStore::commit_entity_delta(self, base, upserts, removals, note, visit)
    }

    fn commit_entity_stream(
        &mut self,
        base: Option<u64>,
        sorted: &mut dyn Iterator<Item = Result<crate::core::registry::Entity, StoreError>>,
        note: &str,
        visit: &mut dyn FnMut(&crate::core::registry::Entity),
    ) -> Result<CommitOutcome, StoreError> {
        PgStore::commit_entity_stream(self, base, sorted, note, visit)
    }

    fn accepted_legacy(&self) -> Result<BTreeSet<String>, StoreError> {
        PgStore::accepted_legacy(self)
    }

    fn accept_legacy(&mut self, codes: &BTreeSet<String>) -> Result<(), StoreError> {
        PgStore::accept_legacy(self, codes)
    }

    fn store_announcements(
        &mut self,
        list: Vec<Announcement>,
        actor: &Actor,
    ) -> Result<Vec<Announcement>, StoreError> {
        PgStore::store_announcements(self, list, actor)
    }

    fn announcement(&self, id: &str) -> Result<Announcement, StoreError> {
        PgStore::announcement(self, id)
    }

    fn campaign_ids(&self) -> Result<Vec<String>, StoreError> {
        PgStore::campaign_ids(self)
    }

    fn group_names(&self) -> Result<BTreeSet<String>, StoreError> {
        PgStore::group_names(self)
    }

    fn group_announcements(&self, a: &Announcement) -> Result<Vec<Hash>, StoreError> {
        PgStore::group_announcements(self, a)
    }

    fn campaign_state(&self, id: &str) -> Result<CampaignState, StoreError> {
        PgStore::campaign_state(self, id)
    }

    fn store_reveal(&mut self, id: &str, r: &Reveal, actor: &Actor) -> Result<(), StoreError> {
        PgStore::store_reveal(self, id, r, actor)
    }

    fn reveals(&self, id: &str) -> Result<Vec<Reveal>, StoreError> {
        PgStore::reveals(self, id)
    }

    fn store_draw_with(
        &mut self,
        p: &DrawProof,
        at: &str,
        actor: &Actor,
        schedule_secret: Option<&str>,
    ) -> Result<(), StoreError> {
        PgStore::store_draw_with(self, p, at, actor, schedule_secret)
    }

    fn draw_proof(&self, id: &str) -> Result<DrawProof, StoreError> {
        PgStore::draw_proof(self, id)
    }

    fn drawn_campaigns(&self) -> Result<Vec<String>, StoreError> {
        PgStore::drawn_campaigns(self)
    }

    fn void_campaign(
        &mut self,
        id: &str,
        reason: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        PgStore::void_campaign(self, id, reason, at, actor)
    }

    fn replacements(&self, id: &str) -> Result<Vec<Replacement>, StoreError> {
        PgStore::replacements(self, id)
    }

    fn store_replacement(
        &mut self,
        id: &str,
        r: &Replacement,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        PgStore::store_replacement(self, id, r, actor)
    }

    fn store_replacement_request(
        &mut self,
        id: &str,
        p: &PendingReplacement,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        PgStore::store_replacement_request(self, id, p, actor)
    }

    fn pending_replacement(&self, id: &str) -> Result<Option<PendingReplacement>, StoreError> {
        PgStore::pending_replacement(self, id)
    }

    fn store_results(
        &mut self,
        results: &[InspectionResult],
        mode: ResultMode,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        PgStore::store_results(self, results, mode, at, actor)
    }

    fn results(&self, campaign: &str) -> Result<Vec<InspectionResult>, StoreError> {
        PgStore::results(self, campaign)
    }

    fn all_results(&self) -> Result<Vec<InspectionResult>, StoreError> {
        PgStore::all_results(self)
    }

    fn store_history(
        &mut self,
        rows: &[(String, NaiveDate)],
        source: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        PgStore::store_history(self, rows, source, at, actor)
    }

    fn imported_history(&self) -> Result<Vec<(String, NaiveDate)>, StoreError> {
        PgStore::imported_history(self)
    }

    fn inspected_between(
        &self,
        since: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<String>, StoreError> {
        PgStore::inspected_between(self, since, until)
    }

    fn store_publication(
        &mut self,
        campaign: &str,
        kind: &str,
        files: &serde_json::Value,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        PgStore::store_publication(self, campaign, kind, files, at, actor)
    }

    fn published_at(&self, campaign: &str, kind: &str) -> Result<Option<String>, StoreError> {
        PgStore::published_at(self, campaign, kind)
    }

    fn schedule_secret(&self, id: &str) -> Result<Option<String>, StoreError> {
        PgStore::schedule_secret(self, id)
    }

    fn schedule_record(&self, campaigns: &[String]) -> Result<Option<ScheduleRecord>, StoreError> {
        PgStore::schedule_record(self, campaigns)
    }

    fn store_schedule(
        &mut self,
        record: &ScheduleRecord,
        kind: &str,
        body: serde_json::Value,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        PgStore::store_schedule(self, record, kind, body, at, actor)
    }

    fn scheduled_with(&self, ids: &[String]) -> Result<Option<String>, StoreError> {
        PgStore::scheduled_with(self, ids)
    }

    fn ledger(&self) -> Result<Vec<Entry>, StoreError> {
        PgStore::ledger(self)
    }

    fn ledger_head(&self) -> Result<Hash, StoreError> {
        PgStore::ledger_head(self)
    }
}
