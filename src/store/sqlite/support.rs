//! Workspace plumbing: read-only connections, what a killed `init` left,
//! the base-snapshot check of a read-modify-write, and tables made on demand.

use super::{DB_FILE, StoreError, Workspace};
use crate::core::merkle::{MerkleRoot, empty_root};
use crate::core::registry::RegistryKind;
use crate::store::SnapshotInfo;
use rusqlite::{Connection, OptionalExtension};
use std::path::Path;

impl Workspace {
    /// A read-only connection; where even the WAL index cannot be made (a
    /// read-only folder), the file is opened as immutable.
    pub(super) fn connect_read_only(db: &Path) -> Result<Connection, StoreError> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if let Ok(conn) = Connection::open_with_flags(db, flags) {
            let _ = conn.busy_timeout(std::time::Duration::from_secs(30));
            if conn
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                    r.get::<_, i64>(0)
                })
                .is_ok()
            {
                return Ok(conn);
            }
        }
        let mut uri = String::from("file:");
        for c in db.to_string_lossy().chars() {
            match c {
                '%' => uri.push_str("%25"),
                '?' => uri.push_str("%3f"),
                '#' => uri.push_str("%23"),
                c => uri.push(c),
            }
        }
        uri.push_str("?immutable=1");
        Ok(Connection::open_with_flags(
            uri,
            flags | OpenFlags::SQLITE_OPEN_URI,
        )?)
    }

    /// Removes temporary databases left by a killed `init`.
    pub(super) fn remove_stale_inits(dir: &Path) {
        let prefix = format!("{DB_FILE}.init-");
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                if e.file_name().to_string_lossy().starts_with(&prefix) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }

    pub(super) fn read_latest(conn: &Connection) -> Result<SnapshotInfo, StoreError> {
        let sql = format!("{} ORDER BY s.id DESC LIMIT 1", Self::SNAPSHOT_SQL);
        Ok(conn.query_row(&sql, [], Self::read_snapshot)?.0)
    }

    /// Refuses a commit of `kind` derived from snapshot `base` when the
    /// current snapshot holds other content of `kind` (compared by root).
    pub(super) fn check_base(
        conn: &Connection,
        kind: RegistryKind,
        base: Option<u64>,
        current: Option<&SnapshotInfo>,
    ) -> Result<(), StoreError> {
        let empty = MerkleRoot {
            hash: empty_root(),
            size: 0,
        };
        let was = match base {
            Some(id) => {
                let sql = format!("{} WHERE s.id = ?1", Self::SNAPSHOT_SQL);
                conn.query_row(&sql, [id as i64], Self::read_snapshot)
                    .optional()?
                    .ok_or(StoreError::NoSnapshot(id))?
                    .0
                    .roots
                    .get(kind)
            }
            None => empty,
        };
        super::versions::check_unmoved(kind, was, current)
    }

    /// Makes the tables of `sql` (`CREATE TABLE IF NOT EXISTS …;` statements)
    /// that are missing. A read-only workspace makes them as empty temporary
    /// tables, so that reads of what was never written find nothing instead
    /// of failing; nothing on disk changes.
    pub(super) fn ensure_sql(&self, sql: &str) -> Result<(), StoreError> {
        // Only a missing table is made: a reader never takes the write lock.
        for stmt in sql.split(';') {
            let Some(rest) = stmt.split("IF NOT EXISTS").nth(1) else {
                continue;
            };
            let name = rest
                .trim_start()
                .split(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or_default();
            if name.is_empty() || self.table_exists(name)? {
                continue;
            }
            if self.read_only {
                self.conn
                    .execute_batch(&stmt.replacen("CREATE TABLE", "CREATE TEMP TABLE", 1))?;
            } else {
                self.conn.execute_batch(stmt)?;
            }
        }
        Ok(())
    }
}
