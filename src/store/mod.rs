//! Storage (存储): everything a workspace persists, behind the [`Store`]
//! trait; the workflows that only need a store, generic over any backend —
//! announcing ([`announce_campaigns`], [`check_campaigns`], with the checks
//! before anyone reveals: [`announce_checked`]), the history
//! rules' inputs ([`history_for`]), reveals and draws ([`record_reveal`],
//! [`draw_campaign`]), replacements ([`replace_now`],
//! [`request_replacement`], [`resolve_replacement`]), verification
//! ([`verify_draw`], [`open_stratum_threshold`]), results ([`drawn_campaign`],
//! [`record_result`], [`import_results`]), status and deadlines
//! ([`campaign_statuses`], [`deadlines`]), snapshots ([`snapshot_or_current`],
//! [`known_snapshot`], [`public_snapshot`], [`prove_record`]); and the first
//! backend, the embedded SQLite workspace (`sqlite::Workspace`, feature
//! `sqlite`). The command line calls these; an embedder calls the same.
//!
//! A backend keeps: the registries and every version of them (snapshots),
//! announcements, witnesses' reveals, draws and their proofs, voids and
//! replacements, inspection results and imported history, publications,
//! schedules, and the hash-chained ledger over all of it. The shared suite
//! any backend must pass is `tests/store_suite/`.

mod announce;
pub mod calendars;
mod checked;
mod conflict;
mod draw;
mod history;
#[cfg(feature = "sqlite")]
pub mod key_rotation;
#[cfg(feature = "sqlite")]
pub mod log_files;
mod outcomes;
#[cfg(feature = "postgres")]
pub mod postgres;
mod replace;
mod snapshots;
#[cfg(feature = "sqlite")]
pub mod sqlite;
mod status;
mod traits;
mod types;
mod verify;

pub use announce::{AnnounceError, announce_campaigns, check_campaigns, pool_registries};
pub use calendars::{StoredYear, YearImport, store_calendar};
pub use checked::{Announced, CheckedAnnounceError, announce_checked};
pub use conflict::{Conflict, RecordedReveal};
pub use draw::{
    DrawCampaignError, DrawInputs, RevealError, StreamedDraw, draw_campaign, prepare_draw,
    record_reveal, streamed_draw,
};
pub use history::{history_for, visit_log};
pub use outcomes::{
    DrawnCampaign, ResultsFlowError, RowProblem, RowWhy, drawn_campaign, import_results,
    record_result,
};
pub use replace::{ReplaceFlowError, replace_now, request_replacement, resolve_replacement};
pub use snapshots::{
    known_snapshot, prove_record, public_snapshot, snapshot_or_current, write_public_snapshot,
};
pub use status::{
    CampaignStatus, DUE_SOON_WORKING_DAYS, Deadlines, DrawnState, DueBasis, DueUnknown, ResultDue,
    ScheduleState, Tally, TargetDeadline, TargetDeadlines, TargetState, campaign_statuses,
    deadlines, target_deadlines,
};
pub use traits::{CommittedRun, CommittedRunVisitor, EntityRunVisitor, Named, Store};
pub use types::{Actor, CampaignState, ResultMode, SCHEDULE_RECORD_FORMAT, ScheduleRecord};
pub use verify::{VerifyDrawError, level_available, open_stratum_threshold, verify_draw};

#[cfg(feature = "postgres")]
pub use postgres::migrate::{MigrateError, Migrated, migrate_workspace};
#[cfg(feature = "postgres")]
pub use postgres::{BadBureau, Bureau, PgStore};
#[cfg(feature = "sqlite")]
pub use sqlite::{
    DB_FILE, MadeSchedule, MovedSchedule, ScheduleFlowError, ScheduleInputs, ScheduleStoreError,
    Workspace, codec,
};

use crate::core::canonical::DecodeError;
use crate::core::commitment::SnapshotRoots;
use crate::core::merkle::Hash;
use crate::core::registry::RegistryKind;
use serde::Serialize;
use std::path::PathBuf;

/// What went wrong with the store (存储错误).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder holds no workspace.
    #[error("{0} is not a dualdraw workspace (run `dualdraw --workspace {0} init` first)")]
    NotAWorkspace(PathBuf),
    /// The folder already holds a workspace.
    #[error("{0} already holds a dualdraw workspace")]
    AlreadyExists(PathBuf),
    /// The database was written by a newer dualdraw.
    #[error("workspace schema version {got} is newer than this dualdraw understands ({expected})")]
    Schema {
        /// Version this build understands.
        expected: i64,
        /// Version found.
        got: i64,
    },
    /// No such snapshot.
    #[error("no snapshot {0}")]
    NoSnapshot(u64),
    /// A stored record no longer decodes: the database was damaged or edited.
    #[error("stored {kind} version {version} is damaged: {source}")]
    Damaged {
        /// Registry.
        kind: RegistryKind,
        /// Version id.
        version: i64,
        /// Decoding error.
        source: DecodeError,
    },
    /// A stored registry no longer matches its recorded root.
    #[error("stored {kind} of snapshot {snapshot} has root {got}, but {expected} was recorded")]
    RootMismatch {
        /// Registry.
        kind: RegistryKind,
        /// Snapshot.
        snapshot: u64,
        /// Root recorded.
        expected: Hash,
        /// Root recomputed.
        got: Hash,
    },
    /// Filesystem error.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The storage backend failed (SQLite, PostgreSQL, …).
    #[error("database: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync + 'static>),
    /// The operation conflicts with what is recorded (a second announcement or
    /// draw of one campaign, a second reveal).
    #[error("{0}")]
    Conflict(Conflict),
    /// No such campaign.
    #[error("no campaign {0:?} in the workspace (announce it first)")]
    NoCampaign(String),
    /// The workspace was opened read-only (a read-only copy, folder or
    /// medium): nothing was changed.
    #[error(
        "the workspace is read-only here (a read-only copy, folder or medium): nothing was changed; work on a writable copy"
    )]
    ReadOnly,
    /// The operating system has no random source for the salt key.
    #[error("no random source: {0}")]
    Random(String),
}

/// A snapshot of the four registries (版本快照).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnapshotInfo {
    /// Sequential id, from 1.
    pub id: u64,
    /// Digest over the four roots ([`SnapshotRoots::digest`]).
    pub digest: Hash,
    /// The four roots.
    pub roots: SnapshotRoots,
    /// When it was made (UTC, RFC 3339; informational only).
    pub created_at: String,
    /// What made it (e.g. `import entities entities.csv`).
    pub note: String,
    /// The stored registry versions it points at (items, entities,
    /// officers, recusals): backend identifiers, not part of any commitment.
    #[serde(skip)]
    pub(crate) versions: [i64; 4],
}

/// The result of storing a registry (名录入库结果).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum CommitOutcome {
    /// A new snapshot was made.
    NewSnapshot {
        /// The snapshot.
        snapshot: SnapshotInfo,
    },
    /// The content equals the current snapshot's: nothing was written.
    Unchanged {
        /// The current snapshot (if any).
        snapshot: Option<SnapshotInfo>,
    },
}
