//! [`Store`] for the SQLite [`Workspace`]: each method is the workspace's own.

use super::Workspace;
use crate::core::announcement::{AnnounceSummary, Announcement, History};
use crate::core::campaign::Campaign;
use crate::core::commitment::SaltKey;
use crate::core::entropy::Reveal;
use crate::core::merkle::Hash;
use crate::core::proof::DrawProof;
use crate::core::registry::{Registries, RegistryKind};
use crate::core::replace::{PendingReplacement, Replacement};
use crate::core::results::InspectionResult;
use crate::ledger::Entry;
use crate::store::{
    Actor, AnnounceError, CampaignState, CommitOutcome, ResultMode, ScheduleRecord, SnapshotInfo,
    Store, StoreError,
};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeSet;

impl Store for Workspace {
    fn calendar_years(&self) -> Result<Vec<crate::store::StoredYear>, StoreError> {
        Workspace::calendar_years(self)
    }

    fn store_calendar_years(
        &mut self,
        years: &[crate::core::calendar::YearSchedule],
        replace: bool,
        file: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<Vec<(i32, crate::store::YearImport)>, StoreError> {
        Workspace::store_calendar_years(self, years, replace, file, at, actor)
    }

    fn assume_weekends(&mut self, year: i32, at: &str, actor: &Actor) -> Result<bool, StoreError> {
        Workspace::assume_weekends(self, year, at, actor)
    }

    fn salt_key(&self) -> &SaltKey {
        Workspace::salt_key(self)
    }

    fn current_snapshot(&self) -> Result<Option<SnapshotInfo>, StoreError> {
        Workspace::current_snapshot(self)
    }

    fn snapshot(&self, id: u64) -> Result<SnapshotInfo, StoreError> {
        Workspace::snapshot(self, id)
    }

    fn snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError> {
        Workspace::snapshots(self)
    }

    fn snapshot_by_digest(&self, digest: &Hash) -> Result<Option<SnapshotInfo>, StoreError> {
        Workspace::snapshot_by_digest(self, digest)
    }

    fn load_kinds(
        &self,
        snap: &SnapshotInfo,
        kinds: &[RegistryKind],
    ) -> Result<Registries, StoreError> {
        Workspace::load_kinds(self, snap, kinds)
    }

    fn for_each_entity_run(
        &self,
        snap: &SnapshotInfo,
        f: &mut crate::store::EntityRunVisitor<'_>,
    ) -> Result<(), StoreError> {
        self.stream_entity_runs(snap, &[], f).map(|_| ())
    }

    fn for_each_committed_run(
        &self,
        snap: &SnapshotInfo,
        f: &mut crate::store::CommittedRunVisitor<'_>,
    ) -> Result<(), StoreError> {
        self.stream_committed_runs(snap, &[], f).map(|_| ())
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
        Workspace::commit(self, kind, reg, note)
    }

    fn commit_based(
        &mut self,
        kind: RegistryKind,
        reg: &Registries,
        note: &str,
        base: Option<u64>,
    ) -> Result<CommitOutcome, StoreError> {
        Workspace::commit_based(self, kind, reg, note, base)
    }

    fn commit_entity_delta(
        &mut self,
        base: Option<u64>,
        upserts: Vec<crate::core::registry::Entity>,
        removals: &BTreeSet<String>,
        note: &str,
        visit: &mut dyn FnMut(&crate::core::registry::Entity),
    ) -> Result<CommitOutcome, StoreError> {
        Workspace::commit_entity_delta(self, base, upserts, removals, note, visit)
    }

    fn commit_entity_stream(
        &mut self,
        base: Option<u64>,
        sorted: &mut dyn Iterator<Item = Result<crate::core::registry::Entity, StoreError>>,
        note: &str,
        visit: &mut dyn FnMut(&crate::core::registry::Entity),
    ) -> Result<CommitOutcome, StoreError> {
        Workspace::commit_entity_stream(self, base, sorted, note, visit)
    }

    fn accepted_legacy(&self) -> Result<BTreeSet<String>, StoreError> {
        Workspace::accepted_legacy(self)
    }

    fn accept_legacy(&mut self, codes: &BTreeSet<String>) -> Result<(), StoreError> {
        Workspace::accept_legacy(self, codes)
    }

    fn store_announcements(
        &mut self,
        list: Vec<Announcement>,
        actor: &Actor,
    ) -> Result<Vec<Announcement>, StoreError> {
        Workspace::store_announcements(self, list, actor)
    }

    fn announcement(&self, id: &str) -> Result<Announcement, StoreError> {
        Workspace::announcement(self, id)
    }

    fn campaign_ids(&self) -> Result<Vec<String>, StoreError> {
        Workspace::campaign_ids(self)
    }

    fn group_names(&self) -> Result<BTreeSet<String>, StoreError> {
        Workspace::group_names(self)
    }

    fn group_announcements(&self, a: &Announcement) -> Result<Vec<Hash>, StoreError> {
        Workspace::group_announcements(self, a)
    }

    fn campaign_state(&self, id: &str) -> Result<CampaignState, StoreError> {
        Workspace::campaign_state(self, id)
    }

    fn store_reveal(&mut self, id: &str, r: &Reveal, actor: &Actor) -> Result<(), StoreError> {
        Workspace::store_reveal(self, id, r, actor)
    }

    fn reveals(&self, id: &str) -> Result<Vec<Reveal>, StoreError> {
        Workspace::reveals(self, id)
    }

    fn store_draw_with(
        &mut self,
        p: &DrawProof,
        at: &str,
        actor: &Actor,
        schedule_secret: Option<&str>,
    ) -> Result<(), StoreError> {
        Workspace::store_draw_with(self, p, at, actor, schedule_secret)
    }

    fn draw_proof(&self, id: &str) -> Result<DrawProof, StoreError> {
        Workspace::draw_proof(self, id)
    }

    fn drawn_campaigns(&self) -> Result<Vec<String>, StoreError> {
        Workspace::drawn_campaigns(self)
    }

    fn void_campaign(
        &mut self,
        id: &str,
        reason: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        Workspace::void_campaign(self, id, reason, at, actor)
    }

    fn replacements(&self, id: &str) -> Result<Vec<Replacement>, StoreError> {
        Workspace::replacements(self, id)
    }

    fn store_replacement(
        &mut self,
        id: &str,
        r: &Replacement,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        Workspace::store_replacement(self, id, r, actor)
    }

    fn store_replacement_request(
        &mut self,
        id: &str,
        p: &PendingReplacement,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        Workspace::store_replacement_request(self, id, p, actor)
    }

    fn pending_replacement(&self, id: &str) -> Result<Option<PendingReplacement>, StoreError> {
        Workspace::pending_replacement(self, id)
    }

    fn store_results(
        &mut self,
        results: &[InspectionResult],
        mode: ResultMode,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        Workspace::store_results(self, results, mode, at, actor)
    }

    fn results(&self, campaign: &str) -> Result<Vec<InspectionResult>, StoreError> {
        Workspace::results(self, campaign)
    }

    fn all_results(&self) -> Result<Vec<InspectionResult>, StoreError> {
        Workspace::all_results(self)
    }

    fn store_history(
        &mut self,
        rows: &[(String, NaiveDate)],
        source: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        Workspace::store_history(self, rows, source, at, actor)
    }

    fn imported_history(&self) -> Result<Vec<(String, NaiveDate)>, StoreError> {
        Workspace::imported_history(self)
    }

    fn inspected_between(
        &self,
        since: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<String>, StoreError> {
        Workspace::inspected_between(self, since, until)
    }

    fn store_publication(
        &mut self,
        campaign: &str,
        kind: &str,
        files: &serde_json::Value,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        Workspace::store_publication(self, campaign, kind, files, at, actor)
    }

    fn published_at(&self, campaign: &str, kind: &str) -> Result<Option<String>, StoreError> {
        Workspace::published_at(self, campaign, kind)
    }

    fn schedule_secret(&self, id: &str) -> Result<Option<String>, StoreError> {
        Workspace::schedule_secret(self, id)
    }

    fn schedule_record(&self, campaigns: &[String]) -> Result<Option<ScheduleRecord>, StoreError> {
        Workspace::schedule_record(self, campaigns)
    }

    fn store_schedule(
        &mut self,
        record: &ScheduleRecord,
        kind: &str,
        body: serde_json::Value,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        Workspace::store_schedule(self, record, kind, body, at, actor)
    }

    fn scheduled_with(&self, ids: &[String]) -> Result<Option<String>, StoreError> {
        Workspace::scheduled_with(self, ids)
    }

    fn ledger(&self) -> Result<Vec<Entry>, StoreError> {
        Workspace::ledger(self)
    }

    fn ledger_head(&self) -> Result<Hash, StoreError> {
        Workspace::ledger_head(self)
    }
}

impl Workspace {
    /// [`crate::store::announce_campaigns`] on this workspace.
    ///
    /// # Errors
    /// [`AnnounceError`] naming the campaign; nothing is recorded.
    pub fn announce_campaigns(
        &mut self,
        campaigns: Vec<Campaign>,
        now: DateTime<Utc>,
        actor: &Actor,
    ) -> Result<Vec<(Announcement, AnnounceSummary)>, AnnounceError> {
        crate::store::announce_campaigns(self, campaigns, now, actor)
    }

    /// [`crate::store::check_campaigns`] on this workspace.
    ///
    /// # Errors
    /// [`AnnounceError`] naming the campaign.
    pub fn check_campaigns(
        &self,
        campaigns: Vec<Campaign>,
        now: DateTime<Utc>,
    ) -> Result<(Vec<Announcement>, Vec<AnnounceSummary>), AnnounceError> {
        crate::store::check_campaigns(self, campaigns, now)
    }

    /// [`crate::store::history_for`] on this workspace.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    pub fn history_for(&self, c: &Campaign) -> Result<History, StoreError> {
        crate::store::history_for(self, c)
    }
}
