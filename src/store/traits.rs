//! The [`Store`] trait: what a backend persists and how it is read back.

use super::StoreError;
use super::{Actor, CampaignState, CommitOutcome, ResultMode, ScheduleRecord, SnapshotInfo};
use crate::core::announcement::Announcement;
use crate::core::commitment::SaltKey;
use crate::core::entropy::Reveal;
use crate::core::merkle::{Hash, InclusionProof, PathError};
use crate::core::proof::DrawProof;
use crate::core::registry::{Entity, Registries, RegistryKind};
use crate::core::replace::{PendingReplacement, Replacement};
use crate::core::results::InspectionResult;
use crate::ledger::Entry;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// Receives a run of streamed entities: the index of its first entity and
/// the run ([`Store::for_each_entity_run`]).
pub type EntityRunVisitor<'a> = dyn FnMut(usize, &[Entity]) -> Result<(), StoreError> + 'a;

/// A run of streamed entities with what the stream made of each
/// ([`Store::for_each_committed_run`]).
#[derive(Debug, Clone, Copy)]
pub struct CommittedRun<'r> {
    /// The index of the run's first entity.
    pub first: usize,
    /// The entities, in USCC order.
    pub entities: &'r [Entity],
    /// Each one's leaf hash in the entity tree.
    pub leaves: &'r [Hash],
    /// Each one's credit class's commitment
    /// ([`crate::core::commitment::entity_commitment`]).
    pub commitments: &'r [Hash],
}

/// Receives a run of streamed entities with their leaf hashes and
/// commitments ([`Store::for_each_committed_run`]).
pub type CommittedRunVisitor<'a> = dyn FnMut(CommittedRun<'_>) -> Result<(), StoreError> + 'a;

/// Which entities a look-up wants, by USCC ([`Store::entities_named`]).
pub type Named<'a> = &'a (dyn Fn(&str) -> bool + Sync);

/// A workspace's storage (工作区存储): registries and their versions,
/// announcements, reveals, draws, replacements, results, publications,
/// schedules and the ledger.
///
/// Contract every backend keeps (checked by the shared suite in
/// `tests/store_suite/`):
/// - **Versions are immutable.** [`Store::commit`] writes a new version of one
///   registry and a new snapshot over it and the other three's current
///   versions; every earlier snapshot loads back exactly, and its roots are
///   re-checked on load.
/// - **One draw per announcement, append-only.** A second announcement,
///   reveal, draw or schedule of the same thing is [`StoreError::Conflict`];
///   nothing is ever updated in place except through a ledger entry that
///   says so (a void, a replacement, a correction, a reschedule).
/// - **Every write is one transaction with its ledger entry**, and the
///   ledger is a hash chain ([`crate::ledger`]) whose head
///   [`Store::ledger_head`] returns.
/// - **Reads are by value** and in a fixed order (ids, USCCs), never in
///   hash-map or insertion order.
/// - **Streaming.** [`Store::for_each_entity`] hands entities over one by
///   one so that a backend holding millions of rows need not materialise
///   them; the default implementation loads the registry (fine for a county).
pub trait Store {
    // ---- registries (名录) and snapshots (版本快照) ----

    /// The workspace's salt key (confidential: it opens every committed value).
    fn salt_key(&self) -> &SaltKey;

    /// The newest snapshot, if any registry was committed.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn current_snapshot(&self) -> Result<Option<SnapshotInfo>, StoreError>;

    /// Snapshot `id`.
    ///
    /// # Errors
    /// [`StoreError::NoSnapshot`].
    fn snapshot(&self, id: u64) -> Result<SnapshotInfo, StoreError>;

    /// Every snapshot, oldest first.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError>;

    /// The snapshot with this digest, if any.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn snapshot_by_digest(&self, digest: &Hash) -> Result<Option<SnapshotInfo>, StoreError>;

    /// The registries of `kinds` as of `snap` (the others left empty), each
    /// re-checked against its recorded root.
    ///
    /// # Errors
    /// [`StoreError::Damaged`] or [`StoreError::RootMismatch`] for a damaged store.
    fn load_kinds(
        &self,
        snap: &SnapshotInfo,
        kinds: &[RegistryKind],
    ) -> Result<Registries, StoreError>;

    /// All four registries as of `snap`.
    ///
    /// # Errors
    /// As [`Store::load_kinds`].
    fn load(&self, snap: &SnapshotInfo) -> Result<Registries, StoreError> {
        self.load_kinds(snap, &RegistryKind::ALL)
    }

    /// The registries of `kinds` as of the newest snapshot (empty before the
    /// first commit).
    ///
    /// # Errors
    /// As [`Store::load_kinds`].
    fn load_current(&self, kinds: &[RegistryKind]) -> Result<Registries, StoreError> {
        match self.current_snapshot()? {
            Some(s) => self.load_kinds(&s, kinds),
            None => Ok(Registries::default()),
        }
    }

    /// Hands every entity of `snap` to `f`, in USCC order, stopping at the
    /// first error `f` returns. A backend with millions of rows streams them.
    ///
    /// # Errors
    /// What the store or `f` returns.
    fn for_each_entity(
        &self,
        snap: &SnapshotInfo,
        f: &mut dyn FnMut(&Entity) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.for_each_entity_run(snap, &mut |_, run| run.iter().try_for_each(&mut *f))
    }

    /// The entities of `snap` whose USCC `named` wants, in USCC order: a
    /// look-up (the entities a recusals file or an update names, a
    /// campaign's targets). The entities' root is not re-checked: nothing
    /// drawn or proved rests on a look-up, and a draw, a proof or `verify`
    /// re-checks it. A streaming backend reads each stored record's USCC and
    /// decodes only the records wanted, hashing none.
    ///
    /// # Errors
    /// What the store returns.
    fn entities_named(
        &self,
        snap: &SnapshotInfo,
        named: crate::store::Named<'_>,
    ) -> Result<Vec<Entity>, StoreError> {
        let mut out = Vec::new();
        self.for_each_entity(snap, &mut |e| {
            if named(e.uscc.as_str()) {
                out.push(e.clone());
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Hands the entities of `snap` to `f` run by run, in USCC order:
    /// `(index of the run's first entity, the run)`. Runs are a backend's
    /// unit of storage (a few thousand entities); a draw numbers each on
    /// every core. The entities' root is re-checked against the snapshot's
    /// after the last run, so a caller keeps nothing from a call that failed.
    ///
    /// # Errors
    /// What the store or `f` returns; [`StoreError::RootMismatch`].
    fn for_each_entity_run(
        &self,
        snap: &SnapshotInfo,
        f: &mut EntityRunVisitor<'_>,
    ) -> Result<(), StoreError> {
        let reg = self.load_kinds(snap, &[RegistryKind::Entities])?;
        f(0, &reg.entities)
    }

    /// As [`Store::for_each_entity_run`], handing `f` each entity's leaf
    /// hash and credit class's commitment with the run (a public snapshot
    /// is written from them). A streaming backend hands on the ones it made
    /// to check the root instead of making them twice.
    ///
    /// # Errors
    /// As [`Store::for_each_entity_run`].
    fn for_each_committed_run(
        &self,
        snap: &SnapshotInfo,
        f: &mut CommittedRunVisitor<'_>,
    ) -> Result<(), StoreError> {
        let key = self.salt_key().clone();
        self.for_each_entity_run(snap, &mut |first, run| {
            let (leaves, commitments) = crate::core::commitment::entity_leaves(run, &key);
            f(CommittedRun {
                first,
                entities: run,
                leaves: &leaves,
                commitments: &commitments,
            })
        })
    }

    /// The entities of `snap` at `indices` (USCC order positions) with
    /// their inclusion proofs in its entity tree, in the order asked. A
    /// streaming backend keeps the tree's frontier and the paths' nodes,
    /// not the registry.
    ///
    /// # Errors
    /// [`StoreError::Backend`] for an index past the registry's end;
    /// [`StoreError::RootMismatch`] for a damaged store.
    fn entity_proofs(
        &self,
        snap: &SnapshotInfo,
        indices: &[u64],
    ) -> Result<Vec<(Entity, InclusionProof)>, StoreError> {
        let reg = self.load_kinds(snap, &[RegistryKind::Entities])?;
        let tree =
            crate::core::commitment::registry_tree(&reg, RegistryKind::Entities, self.salt_key());
        indices
            .iter()
            .map(|&i| {
                let size = reg.entities.len() as u64;
                match (reg.entities.get(i as usize), tree.prove(i)) {
                    (Some(e), Some(p)) => Ok((e.clone(), p)),
                    _ => Err(StoreError::Backend(Box::new(PathError::IndexOutOfRange {
                        index: i,
                        size,
                    }))),
                }
            })
            .collect()
    }

    /// Stores `kind` of `reg` as a new version and a new snapshot (or nothing
    /// if it equals the current one).
    ///
    /// # Errors
    /// [`StoreError`]; nothing is written then.
    fn commit(
        &mut self,
        kind: RegistryKind,
        reg: &Registries,
        note: &str,
    ) -> Result<CommitOutcome, StoreError>;

    /// [`Store::commit`] for content derived from snapshot `base` (`None`:
    /// from the empty store): refused with [`StoreError::Conflict`] when
    /// `kind` changed since `base`, checked under the write lock, so that two
    /// concurrent read-modify-writes never lose an update.
    ///
    /// # Errors
    /// As [`Store::commit`], and that conflict.
    fn commit_based(
        &mut self,
        kind: RegistryKind,
        reg: &Registries,
        note: &str,
        base: Option<u64>,
    ) -> Result<CommitOutcome, StoreError>;

    /// An update of the entities (`registry update entities`) from snapshot
    /// `base`, as [`Store::commit_based`] of the merged registry:
    /// `upserts` (sorted by USCC, distinct) added or replacing the entity of
    /// the same USCC, `removals` (USCCs) left out; `visit` sees every
    /// entity of the result in order. A streaming backend merges as the
    /// stored version streams by; the default loads it.
    ///
    /// # Errors
    /// As [`Store::commit_based`].
    fn commit_entity_delta(
        &mut self,
        base: Option<u64>,
        upserts: Vec<Entity>,
        removals: &BTreeSet<String>,
        note: &str,
        visit: &mut dyn FnMut(&Entity),
    ) -> Result<CommitOutcome, StoreError> {
        let mut reg = match base {
            Some(id) => {
                let snap = self.snapshot(id)?;
                self.load_kinds(&snap, &[RegistryKind::Entities])?
            }
            None => Registries::default(),
        };
        let keys: BTreeSet<&str> = upserts.iter().map(|e| e.uscc.as_str()).collect();
        let mut merged: Vec<Entity> = std::mem::take(&mut reg.entities)
            .into_iter()
            .filter(|e| !keys.contains(e.uscc.as_str()) && !removals.contains(e.uscc.as_str()))
            .collect();
        merged.extend(upserts.iter().cloned());
        merged.sort_by(|a, b| a.uscc.as_bytes().cmp(b.uscc.as_bytes()));
        merged.iter().for_each(&mut *visit);
        reg.entities = merged;
        self.commit_based(RegistryKind::Entities, &reg, note, base)
    }

    /// Replaces the entities with `sorted` (by USCC, distinct), from
    /// snapshot `base` as [`Store::commit_based`]: a province's registry
    /// imported from its counties' files at once (issue 17). `visit` sees
    /// every entity in order; the stream's first error is returned and
    /// nothing is written. A streaming backend writes the version as the
    /// stream arrives; the default collects it.
    ///
    /// # Errors
    /// As [`Store::commit_based`], the stream's errors, and
    /// [`StoreError::Backend`] for entities out of order or repeated.
    fn commit_entity_stream(
        &mut self,
        base: Option<u64>,
        sorted: &mut dyn Iterator<Item = Result<Entity, StoreError>>,
        note: &str,
        visit: &mut dyn FnMut(&Entity),
    ) -> Result<CommitOutcome, StoreError> {
        let mut reg = Registries::default();
        let failed = std::cell::RefCell::new(None);
        for e in super::snapshots::checked_stream(sorted, &failed) {
            visit(&e);
            reg.entities.push(e);
        }
        if let Some(e) = failed.into_inner() {
            return Err(e);
        }
        self.commit_based(RegistryKind::Entities, &reg, note, base)
    }

    /// USCCs accepted as legacy codes in this workspace.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn accepted_legacy(&self) -> Result<BTreeSet<String>, StoreError>;

    /// Adds USCCs accepted as legacy codes.
    ///
    /// # Errors
    /// [`StoreError`]; nothing is written then.
    fn accept_legacy(&mut self, codes: &BTreeSet<String>) -> Result<(), StoreError>;

    // ---- announcements (公告), reveals, draws (抽取) ----

    /// Records announcements, all or none, each with its ledger entry.
    /// Returns them as recorded.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for an id already announced, and
    /// `StoreError::Conflict(`[`crate::store::Conflict::LedgerMoved`]`)` when the first
    /// names a ledger head that is no longer the head (checked under the
    /// store's write lock).
    fn store_announcements(
        &mut self,
        list: Vec<Announcement>,
        actor: &Actor,
    ) -> Result<Vec<Announcement>, StoreError>;

    /// The announcement of a campaign.
    ///
    /// # Errors
    /// [`StoreError::NoCampaign`].
    fn announcement(&self, id: &str) -> Result<Announcement, StoreError>;

    /// Every announced campaign id, sorted.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn campaign_ids(&self) -> Result<Vec<String>, StoreError>;

    /// The coordination group names already announced.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn group_names(&self) -> Result<BTreeSet<String>, StoreError>;

    /// The announcement hashes of `a`'s coordination group (empty without one).
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when a member is not announced here.
    fn group_announcements(&self, a: &Announcement) -> Result<Vec<Hash>, StoreError>;

    /// A campaign's state.
    ///
    /// # Errors
    /// [`StoreError::NoCampaign`].
    fn campaign_state(&self, id: &str) -> Result<CampaignState, StoreError>;

    /// Records a witness's reveal (once per witness).
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a second reveal or a drawn campaign.
    fn store_reveal(&mut self, id: &str, r: &Reveal, actor: &Actor) -> Result<(), StoreError>;

    /// The reveals recorded for a campaign.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn reveals(&self, id: &str) -> Result<Vec<Reveal>, StoreError>;

    /// Records a draw (once per announcement) with its ledger entry, and the
    /// commitment to the schedule secret when one is made.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a second draw or a voided campaign.
    fn store_draw_with(
        &mut self,
        p: &DrawProof,
        at: &str,
        actor: &Actor,
        schedule_secret: Option<&str>,
    ) -> Result<(), StoreError>;

    /// The draw proof of a campaign.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when it is not drawn.
    fn draw_proof(&self, id: &str) -> Result<DrawProof, StoreError>;

    /// The campaigns drawn and not voided, by id.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn drawn_campaigns(&self) -> Result<Vec<String>, StoreError>;

    /// Voids a campaign in the open.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when it is already voided.
    fn void_campaign(
        &mut self,
        id: &str,
        reason: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError>;

    /// The replacements recorded for a campaign, in order.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn replacements(&self, id: &str) -> Result<Vec<Replacement>, StoreError>;

    /// Records a replacement (替换) with its ledger entry.
    ///
    /// # Errors
    /// [`StoreError`]; nothing is written then.
    fn store_replacement(
        &mut self,
        id: &str,
        r: &Replacement,
        actor: &Actor,
    ) -> Result<(), StoreError>;

    /// Records a replacement request waiting for its beacon.
    ///
    /// # Errors
    /// [`StoreError`]; nothing is written then.
    fn store_replacement_request(
        &mut self,
        id: &str,
        p: &PendingReplacement,
        actor: &Actor,
    ) -> Result<(), StoreError>;

    /// The replacement request waiting for its beacon, if any.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn pending_replacement(&self, id: &str) -> Result<Option<PendingReplacement>, StoreError>;

    // ---- results (检查结果), history, publications (公示) ----

    /// Records results (new or corrections), all or none.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a new result that exists or a correction
    /// of one that does not.
    fn store_results(
        &mut self,
        results: &[InspectionResult],
        mode: ResultMode,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError>;

    /// The results of a campaign.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn results(&self, campaign: &str) -> Result<Vec<InspectionResult>, StoreError>;

    /// Every recorded result (by campaign, target, item).
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn all_results(&self) -> Result<Vec<InspectionResult>, StoreError>;

    /// Records inspections made outside dualdraw (imported history).
    ///
    /// # Errors
    /// [`StoreError`]; nothing is written then.
    fn store_history(
        &mut self,
        rows: &[(String, NaiveDate)],
        source: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError>;

    /// Every imported history row (USCC, inspection day), sorted.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn imported_history(&self) -> Result<Vec<(String, NaiveDate)>, StoreError>;

    /// USCCs inspected on a day in `[since, until)`, sorted.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn inspected_between(
        &self,
        since: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<String>, StoreError>;

    /// Records a publication (公示) of a campaign's files.
    ///
    /// # Errors
    /// [`StoreError`]; nothing is written then.
    fn store_publication(
        &mut self,
        campaign: &str,
        kind: &str,
        files: &serde_json::Value,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError>;

    /// When a campaign's publication of `kind` was recorded, if it was.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn published_at(&self, campaign: &str, kind: &str) -> Result<Option<String>, StoreError>;

    // ---- schedules (检查日期) ----

    /// A campaign's schedule secret, if its draw made one.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn schedule_secret(&self, id: &str) -> Result<Option<String>, StoreError>;

    /// The recorded schedule of exactly these campaigns, if any.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn schedule_record(&self, campaigns: &[String]) -> Result<Option<ScheduleRecord>, StoreError>;

    /// Records a schedule with its ledger entry of `kind` (`schedule`,
    /// `reschedule`, `schedule_reveal`). A reschedule must follow the
    /// recorded schedule (`record.reschedules` one more) and a reveal name it
    /// (the same number), checked under the store's write lock.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a second first schedule, a change of no
    /// schedule or of a revealed one, and a change made from a record
    /// replaced meanwhile ("changed while this ran … run it again").
    fn store_schedule(
        &mut self,
        record: &ScheduleRecord,
        kind: &str,
        body: serde_json::Value,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError>;

    /// The key of a recorded schedule that already dates one of `ids`.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn scheduled_with(&self, ids: &[String]) -> Result<Option<String>, StoreError>;

    // ---- calendars (工作日历) ----

    /// The years this store keeps besides the shipped ones (imported
    /// official schedules, years assumed to have weekends only), by year.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn calendar_years(&self) -> Result<Vec<crate::store::StoredYear>, StoreError>;

    /// Records official schedules, all or none, each year with its ledger
    /// entry (`calendar_import`); what each year does is decided under the
    /// store's write lock ([`crate::store::calendars::import_outcome`]).
    ///
    /// # Errors
    /// [`StoreError::Conflict`] naming every year refused; nothing is stored.
    fn store_calendar_years(
        &mut self,
        years: &[crate::core::calendar::YearSchedule],
        replace: bool,
        file: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<Vec<(i32, crate::store::YearImport)>, StoreError>;

    /// Records that `year` is assumed to have weekends only, with its ledger
    /// entry (`calendar_assume`); `false` when it already was.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the year's official schedule is known.
    fn assume_weekends(&mut self, year: i32, at: &str, actor: &Actor) -> Result<bool, StoreError>;

    // ---- the ledger (台账) ----

    /// Every ledger entry, in order.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn ledger(&self) -> Result<Vec<Entry>, StoreError>;

    /// The hash of the last ledger entry (the genesis value when empty).
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    fn ledger_head(&self) -> Result<Hash, StoreError>;
}
