//! The SQLite workspace store: an embedded SQLite database (`dualdraw.db`) holding
//! every version of every registry, the snapshots over them, and the secret
//! salts are derived from.
//!
//! Versions are immutable: an import or update writes a new version of one
//! registry and a new snapshot that points at it and at the unchanged versions
//! of the other three, so any earlier snapshot can be loaded exactly.

mod audit;
mod block_proofs;
mod calendars;
mod campaigns;
mod campaigns_shared;
pub mod codec;
pub(crate) mod delta;
mod ledger;
mod maintenance;
mod results;
mod schedules;
mod store_impl;
pub(crate) mod stream;
mod support;
pub(crate) mod versions;

use super::{CommitOutcome, SnapshotInfo, StoreError};
pub use audit::RecordAudit;
pub use maintenance::{Backup, Finding, PublishedCheck, PublishedMismatch, check_published};
pub use schedules::{
    MadeSchedule, MovedSchedule, ScheduleFlowError, ScheduleInputs, ScheduleStoreError,
};

use versions::{check_loaded, decode_version, encode_version, kind_index, snapshot_info};

use crate::core::commitment::{SaltKey, SnapshotRoots};
use crate::core::merkle::{Hash, MerkleRoot, empty_root};
use crate::core::registry::{Registries, RegistryKind};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The database file inside a workspace folder.
pub const DB_FILE: &str = "dualdraw.db";
/// The schema this build writes. Version 2 added the `calendars` table
/// (`docs/CALENDAR.md`); a version-1 workspace is migrated when first opened
/// for writing ([`MIGRATIONS`]), and read as it is when read-only.
const SCHEMA_VERSION: i64 = 2;

/// The migrations (迁移): each brings the schema to its version from the one
/// before, in one transaction that also records the new version.
const MIGRATIONS: &[(i64, &str)] = &[(2, calendars::CALENDARS_SQL)];

/// A dualdraw workspace (工作区): a folder with its database.
pub struct Workspace {
    dir: PathBuf,
    conn: Connection,
    key: SaltKey,
    read_only: bool,
    /// The block hashes the last whole pass over a version of the entities
    /// kept (`block_proofs`).
    blocks: std::sync::Mutex<block_proofs::KnownBlocks>,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace").field("dir", &self.dir).finish()
    }
}

fn now_rfc3339() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Workspace {
    /// Creates a workspace in `dir` (made if missing) with a fresh salt key.
    ///
    /// # Errors
    /// [`StoreError::AlreadyExists`] if `dir` already holds one.
    pub fn init(dir: &Path) -> Result<Self, StoreError> {
        let key = SaltKey::generate().map_err(|e| StoreError::Random(e.to_string()))?;
        Self::init_with_key(dir, key)
    }

    /// Creates a workspace with a given salt key (for embedding systems and tests).
    ///
    /// # Errors
    /// As [`Workspace::init`].
    pub fn init_with_key(dir: &Path, key: SaltKey) -> Result<Self, StoreError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Io { path, source }
        };
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let db = dir.join(DB_FILE);
        if db.exists() {
            return Err(StoreError::AlreadyExists(dir.to_path_buf()));
        }
        // Atomic: the database is made complete under a temporary name and
        // renamed into place, so a killed `init` leaves no half workspace
        // (only a stale temporary file, which the next `init` removes).
        Self::remove_stale_inits(dir);
        let tmp = dir.join(format!("{DB_FILE}.init-{}", std::process::id()));
        let made = (|| -> Result<(), StoreError> {
            let conn = Connection::open(&tmp)?;
            // Large pages suit the multi-megabyte chunks; set before any table exists.
            conn.pragma_update(None, "page_size", 65536)?;
            conn.pragma_update(None, "journal_mode", "DELETE")?;
            conn.pragma_update(None, "synchronous", "FULL")?;
            conn.execute_batch(include_str!("schema.sql"))?;
            for (_, sql) in MIGRATIONS {
                conn.execute_batch(sql)?;
            }
            conn.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_version', ?1), ('salt_key', ?2)",
                params![
                    SCHEMA_VERSION.to_string().into_bytes(),
                    key.as_bytes().to_vec()
                ],
            )?;
            conn.close().map_err(|(_, e)| StoreError::from(e))?;
            std::fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(io(&tmp))?;
            Ok(())
        })();
        if let Err(e) = made {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        // `rename` does not replace silently on a race: a workspace made by
        // another process meanwhile wins and this one is refused.
        if db.exists() {
            let _ = std::fs::remove_file(&tmp);
            return Err(StoreError::AlreadyExists(dir.to_path_buf()));
        }
        crate::durable::crash_point("file");
        std::fs::rename(&tmp, &db).map_err(io(&db))?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        crate::durable::crash_point("rename");
        Self::open(dir)
    }

    fn pragmas(conn: &Connection) -> Result<(), StoreError> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // In WAL mode NORMAL keeps the database consistent whenever a process
        // is killed; only a power cut can lose the last commits.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        Ok(())
    }

    /// Opens the workspace in `dir`.
    ///
    /// # Errors
    /// [`StoreError::NotAWorkspace`] if there is none.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        Self::open_with(dir, false)
    }

    /// Opens a workspace for reading only (an auditor's copy, a read-only
    /// folder or medium): every read works, every write is refused with
    /// [`StoreError::ReadOnly`] and nothing on disk is touched.
    /// [`Workspace::open`] falls back to this by itself when the database
    /// cannot be written.
    ///
    /// # Errors
    /// As [`Workspace::open`].
    pub fn open_read_only(dir: &Path) -> Result<Self, StoreError> {
        Self::open_with(dir, true)
    }

    /// Whether the workspace was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn open_with(dir: &Path, read_only: bool) -> Result<Self, StoreError> {
        let db = dir.join(DB_FILE);
        if !db.is_file() {
            return Err(StoreError::NotAWorkspace(dir.to_path_buf()));
        }
        let (mut conn, read_only) = if read_only {
            (Self::connect_read_only(&db)?, true)
        } else {
            let conn = Connection::open(&db)?;
            if conn.is_readonly(rusqlite::MAIN_DB)? || Self::pragmas(&conn).is_err() {
                drop(conn);
                (Self::connect_read_only(&db)?, true)
            } else {
                (conn, false)
            }
        };
        let get = |k: &str| -> Result<Option<Vec<u8>>, rusqlite::Error> {
            conn.query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0))
                .optional()
        };
        let version: i64 = get("schema_version")
            .map_err(|_| StoreError::NotAWorkspace(dir.to_path_buf()))?
            .and_then(|v| String::from_utf8(v).ok())
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| StoreError::NotAWorkspace(dir.to_path_buf()))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::Schema {
                expected: SCHEMA_VERSION,
                got: version,
            });
        }
        let key_bytes: [u8; 32] = get("salt_key")?
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| StoreError::NotAWorkspace(dir.to_path_buf()))?;
        if version < SCHEMA_VERSION && !read_only {
            Self::migrate(&mut conn)?;
        }
        Ok(Workspace {
            dir: dir.to_path_buf(),
            conn,
            key: SaltKey::from_bytes(key_bytes),
            read_only,
            blocks: Default::default(),
        })
    }

    /// Brings a workspace of an earlier schema to [`SCHEMA_VERSION`]: the
    /// version is read again under the write lock (two processes opening it
    /// at once migrate it once), each missing migration runs, and the new
    /// version is recorded, all in one transaction.
    fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version: i64 = tx
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get::<_, Vec<u8>>(0),
            )
            .ok()
            .and_then(|v| String::from_utf8(v).ok())
            .and_then(|s| s.parse().ok())
            .unwrap_or(SCHEMA_VERSION);
        if version >= SCHEMA_VERSION {
            return Ok(());
        }
        for (v, sql) in MIGRATIONS {
            if *v > version {
                tx.execute_batch(sql)?;
            }
        }
        tx.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'schema_version'",
            [SCHEMA_VERSION.to_string().into_bytes()],
        )?;
        commit(tx)
    }

    /// The workspace's schema version (as recorded in it).
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        let v: Vec<u8> = self.conn.query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )?;
        Ok(String::from_utf8(v)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0))
    }

    /// The workspace folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The salt key (confidential: it opens every committed value).
    pub fn salt_key(&self) -> &SaltKey {
        &self.key
    }

    fn read_snapshot(row: &rusqlite::Row<'_>) -> rusqlite::Result<(SnapshotInfo, Vec<u8>)> {
        let id: i64 = row.get(0)?;
        let digest: Vec<u8> = row.get(1)?;
        let mut versions = [0i64; 4];
        for (i, v) in versions.iter_mut().enumerate() {
            *v = row.get(4 + i)?;
        }
        let mut roots: [(Vec<u8>, i64); 4] = Default::default();
        for (i, r) in roots.iter_mut().enumerate() {
            *r = (row.get(8 + 2 * i)?, row.get(9 + 2 * i)?);
        }
        let info = snapshot_info(id, &digest, row.get(2)?, row.get(3)?, versions, &roots);
        Ok((info, digest))
    }

    const SNAPSHOT_SQL: &'static str = "SELECT s.id, s.digest, s.created_at, s.note,
        s.items_v, s.entities_v, s.officers_v, s.recusals_v,
        vi.root, vi.size, ve.root, ve.size, vo.root, vo.size, vr.root, vr.size
        FROM snapshots s
        JOIN registry_versions vi ON vi.id = s.items_v
        JOIN registry_versions ve ON ve.id = s.entities_v
        JOIN registry_versions vo ON vo.id = s.officers_v
        JOIN registry_versions vr ON vr.id = s.recusals_v";

    /// The newest snapshot, if any import was made.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn current_snapshot(&self) -> Result<Option<SnapshotInfo>, StoreError> {
        let sql = format!("{} ORDER BY s.id DESC LIMIT 1", Self::SNAPSHOT_SQL);
        Ok(self
            .conn
            .query_row(&sql, [], Self::read_snapshot)
            .optional()?
            .map(|(s, _)| s))
    }

    /// Snapshot `id`.
    ///
    /// # Errors
    /// [`StoreError::NoSnapshot`].
    pub fn snapshot(&self, id: u64) -> Result<SnapshotInfo, StoreError> {
        let sql = format!("{} WHERE s.id = ?1", Self::SNAPSHOT_SQL);
        self.conn
            .query_row(&sql, [id as i64], Self::read_snapshot)
            .optional()?
            .map(|(s, _)| s)
            .ok_or(StoreError::NoSnapshot(id))
    }

    /// Every snapshot, oldest first.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError> {
        let sql = format!("{} ORDER BY s.id", Self::SNAPSHOT_SQL);
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map([], Self::read_snapshot)?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r?.0);
        }
        Ok(out)
    }

    fn load_version(
        &self,
        kind: RegistryKind,
        version: i64,
        into: &mut Registries,
    ) -> Result<(), StoreError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT data FROM registry_chunks WHERE version = ?1 ORDER BY seq")?;
        let chunks: Vec<Vec<u8>> = st
            .query_map([version], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        decode_version(kind, version, &chunks, into)
    }

    /// Loads the given registries of a snapshot (the others stay empty), and
    /// checks each against its recorded root.
    ///
    /// # Errors
    /// [`StoreError::RootMismatch`] if the stored records no longer give the
    /// recorded root; [`StoreError::Damaged`] if they do not decode.
    pub fn load_kinds(
        &self,
        snap: &SnapshotInfo,
        kinds: &[RegistryKind],
    ) -> Result<Registries, StoreError> {
        let mut reg = Registries::default();
        for &k in kinds {
            self.load_version(k, snap.versions[kind_index(k)], &mut reg)?;
            check_loaded(&reg, k, snap, &self.key)?;
        }
        Ok(reg)
    }

    /// Loads all four registries of a snapshot.
    ///
    /// # Errors
    /// As [`Workspace::load_kinds`].
    pub fn load(&self, snap: &SnapshotInfo) -> Result<Registries, StoreError> {
        self.load_kinds(snap, &RegistryKind::ALL)
    }

    /// Loads the given registries of the current snapshot (empty ones before
    /// the first import).
    ///
    /// # Errors
    /// As [`Workspace::load_kinds`].
    pub fn load_current(&self, kinds: &[RegistryKind]) -> Result<Registries, StoreError> {
        match self.current_snapshot()? {
            Some(s) => self.load_kinds(&s, kinds),
            None => Ok(Registries::default()),
        }
    }

    /// Stores registry `kind` of `reg` (sorted, unique keys) as a new version
    /// and makes a new snapshot, unless its root equals the current one.
    ///
    /// # Errors
    /// [`StoreError::Backend`]; nothing is written on error.
    pub fn commit(
        &mut self,
        kind: RegistryKind,
        reg: &Registries,
        note: &str,
    ) -> Result<CommitOutcome, StoreError> {
        self.commit_inner(kind, reg, note, None)
    }

    /// [`Workspace::commit`] for content derived from snapshot `base` (`None`:
    /// from the empty workspace): refused with [`StoreError::Conflict`] if
    /// `kind` changed since `base` (another import or update committed in
    /// between), so that a read-modify-write never loses an update.
    ///
    /// # Errors
    /// As [`Workspace::commit`], and the conflict above.
    pub fn commit_based(
        &mut self,
        kind: RegistryKind,
        reg: &Registries,
        note: &str,
        base: Option<u64>,
    ) -> Result<CommitOutcome, StoreError> {
        self.commit_inner(kind, reg, note, Some(base))
    }

    fn commit_inner(
        &mut self,
        kind: RegistryKind,
        reg: &Registries,
        note: &str,
        base: Option<Option<u64>>,
    ) -> Result<CommitOutcome, StoreError> {
        let (root, chunks) = encode_version(reg, kind, &self.key);
        let current = self.current_snapshot()?;
        if let Some(base) = base {
            Self::check_base(&self.conn, kind, base, current.as_ref())?;
        }
        let base_root = current
            .as_ref()
            .map(|s| s.roots.get(kind))
            .unwrap_or(MerkleRoot {
                hash: empty_root(),
                size: 0,
            });
        if root == base_root {
            return Ok(CommitOutcome::Unchanged { snapshot: current });
        }
        let now = now_rfc3339();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Re-read inside the write lock: another process may have committed.
        let mut versions = [0i64; 4];
        let mut roots = SnapshotRoots {
            items: base_root,
            entities: base_root,
            officers: base_root,
            recusals: base_root,
        };
        let latest: Option<(i64, i64, i64, i64)> = tx
            .query_row(
                "SELECT items_v, entities_v, officers_v, recusals_v FROM snapshots ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        if let Some(base) = base {
            // Checked again under the write lock: nothing can commit now.
            let now_current = match latest {
                Some(_) => Some(Self::read_latest(&tx)?),
                None => None,
            };
            Self::check_base(&tx, kind, base, now_current.as_ref())?;
        }
        for k in RegistryKind::ALL {
            let v = match latest {
                Some(l) => [l.0, l.1, l.2, l.3][kind_index(k)],
                None => Self::empty_version(&tx, k, &now)?,
            };
            versions[kind_index(k)] = v;
            let (h, size): (Vec<u8>, i64) = tx.query_row(
                "SELECT root, size FROM registry_versions WHERE id = ?1",
                [v],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let mut a = [0u8; 32];
            if h.len() == 32 {
                a.copy_from_slice(&h);
            }
            roots.set(
                k,
                MerkleRoot {
                    hash: Hash(a),
                    size: size as u64,
                },
            );
        }
        tx.execute(
            "INSERT INTO registry_versions(kind, root, size, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![kind.token(), root.hash.0.to_vec(), root.size as i64, now],
        )?;
        let vid = tx.last_insert_rowid();
        {
            let mut st =
                tx.prepare("INSERT INTO registry_chunks(version, seq, data) VALUES (?1, ?2, ?3)")?;
            for (i, c) in chunks.iter().enumerate() {
                st.execute(params![vid, i as i64, c])?;
            }
        }
        versions[kind_index(kind)] = vid;
        roots.set(kind, root);
        let digest = roots.digest();
        tx.execute(
            "INSERT INTO snapshots(digest, created_at, note, items_v, entities_v, officers_v, recusals_v)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![digest.0.to_vec(), now, note, versions[0], versions[1], versions[2], versions[3]],
        )?;
        let sid = tx.last_insert_rowid() as u64;
        commit(tx)?;
        Ok(CommitOutcome::NewSnapshot {
            snapshot: self.snapshot(sid)?,
        })
    }

    pub(super) fn empty_version(
        tx: &rusqlite::Transaction<'_>,
        kind: RegistryKind,
        now: &str,
    ) -> Result<i64, StoreError> {
        tx.execute(
            "INSERT INTO registry_versions(kind, root, size, created_at) VALUES (?1, ?2, 0, ?3)",
            params![kind.token(), empty_root().0.to_vec(), now],
        )?;
        Ok(tx.last_insert_rowid())
    }

    /// USCCs accepted as legacy codes in this workspace.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn accepted_legacy(&self) -> Result<BTreeSet<String>, StoreError> {
        let mut st = self.conn.prepare("SELECT code FROM legacy_uscc")?;
        let codes = st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(codes)
    }

    /// Remembers legacy USCCs accepted knowingly, so later imports accept them.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn accept_legacy(&mut self, codes: &BTreeSet<String>) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for c in codes {
            tx.execute("INSERT OR IGNORE INTO legacy_uscc(code) VALUES (?1)", [c])?;
        }
        commit(tx)?;
        Ok(())
    }

    /// The underlying connection (tests that damage the database on purpose).
    #[cfg(test)]
    pub(crate) fn connection(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

#[cfg(test)]
mod tests;

/// Commits a write transaction, with the crash points just before and after
/// it (`crate::durable`): every SQLite commit of the workspace goes here.
pub(super) fn commit(tx: rusqlite::Transaction<'_>) -> Result<(), StoreError> {
    crate::durable::crash_point("before commit");
    tx.commit()?;
    crate::durable::crash_point("commit");
    Ok(())
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) {
            return StoreError::ReadOnly;
        }
        StoreError::Backend(Box::new(e))
    }
}
