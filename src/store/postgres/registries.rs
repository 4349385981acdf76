//! registries of the PostgreSQL store (stubs, being ported from `src/store/sqlite`).
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
    pub fn current_snapshot(&self) -> Result<Option<SnapshotInfo>, StoreError> {
        Err(not_yet("current_snapshot"))
    }

    /// Not yet ported (see the module's doc).
    pub fn snapshot(&self, id: u64) -> Result<SnapshotInfo, StoreError> {
        Err(not_yet("snapshot"))
    }

    /// Not yet ported (see the module's doc).
    pub fn snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError> {
        Err(not_yet("snapshots"))
    }

    /// Not yet ported (see the module's doc).
    pub fn snapshot_by_digest(&self, digest: &Hash) -> Result<Option<SnapshotInfo>, StoreError> {
        Err(not_yet("snapshot_by_digest"))
    }

    /// Not yet ported (see the module's doc).
    pub fn load_kinds(
        &self,
        snap: &SnapshotInfo,
        kinds: &[RegistryKind],
    ) -> Result<Registries, StoreError> {
        Err(not_yet("load_kinds"))
    }

    /// Not yet ported (see the module's doc).
    pub fn stream_entity_runs(
        &self,
        snap: &SnapshotInfo,
        targets: &[u64],
        f: &mut crate::store::EntityRunVisitor<'_>,
    ) -> Result<Vec<crate::core::merkle::InclusionProof>, StoreError> {
        Err(not_yet("stream_entity_runs"))
    }

    /// Not yet ported (see the module's doc).
    pub fn stream_entity_proofs(
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
        Err(not_yet("stream_entity_proofs"))
    }

    /// Not yet ported (see the module's doc).
    pub fn commit(
        &mut self,
        kind: RegistryKind,
        reg: &Registries,
        note: &str,
    ) -> Result<CommitOutcome, StoreError> {
        Err(not_yet("commit"))
    }

    /// Not yet ported (see the module's doc).
    pub fn commit_based(
        &mut self,
        kind: RegistryKind,
        reg: &Registries,
        note: &str,
        base: Option<u64>,
    ) -> Result<CommitOutcome, StoreError> {
        Err(not_yet("commit_based"))
    }

    /// Not yet ported (see the module's doc).
    pub fn commit_entity_delta(
        &mut self,
        base: Option<u64>,
        upserts: Vec<crate::core::registry::Entity>,
        removals: &BTreeSet<String>,
        note: &str,
        visit: &mut dyn FnMut(&crate::core::registry::Entity),
    ) -> Result<CommitOutcome, StoreError> {
        Err(not_yet("commit_entity_delta"))
    }

    /// Not yet ported (see the module's doc).
    pub fn accepted_legacy(&self) -> Result<BTreeSet<String>, StoreError> {
        Err(not_yet("accepted_legacy"))
    }

    /// Not yet ported (see the module's doc).
    pub fn accept_legacy(&mut self, codes: &BTreeSet<String>) -> Result<(), StoreError> {
        Err(not_yet("accept_legacy"))
    }
}
