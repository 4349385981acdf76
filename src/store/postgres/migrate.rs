//! `dualdraw migrate` (迁移): a county's SQLite workspace moved into a new
//! bureau of a PostgreSQL platform, table by table, in one transaction, and
//! verified after the move.
//!
//! The copy is exact: the same registry versions and chunks, snapshot ids
//! and digests, announcements, reveals, draws and their proof texts,
//! results, schedules, calendars and every ledger entry, byte for byte. The
//! database's own rules apply while it is copied: each ledger entry must
//! extend the chain, a draw must follow its announcement. Then a fresh
//! connection, working as the bureau's role, reads it back and checks it:
//! every table's row count, the ledger's chain and head against the
//! workspace's, every snapshot's four roots recomputed from its chunks, and
//! every draw's proof text.
//!
//! The workspace folder's files (the signing keys in `keys/`, the log policy,
//! checkpoints, published files) are not in the database and stay where they
//! are; [`Migrated::left_in_folder`] names them.

use super::{Bureau, PgStore, db, schema};
use crate::core::commitment::SaltKey;
use crate::core::registry::RegistryKind;
use crate::store::{Store, StoreError};
use postgres::Transaction;
use postgres::types::ToSql;
use rusqlite::OpenFlags;
use std::path::Path;

/// A column's type in both databases.
#[derive(Clone, Copy)]
enum Col {
    Text,
    Blob,
    Big,
    Int,
}

/// A copied value.
enum Val {
    Text(String),
    Blob(Vec<u8>),
    Big(i64),
    Int(i32),
}

impl Val {
    fn as_sql(&self) -> &(dyn ToSql + Sync) {
        match self {
            Val::Text(s) => s,
            Val::Blob(b) => b,
            Val::Big(i) => i,
            Val::Int(i) => i,
        }
    }
}

/// The tables copied, in an order that keeps every reference and trigger
/// satisfied (a draw before a void: a drawn campaign can be voided after),
/// with their columns and the order rows are read in.
/// A table: its name, its columns and the order its rows are read in.
type Table = (&'static str, &'static [(&'static str, Col)], &'static str);

const TABLES: &[Table] = &[
    (
        "registry_versions",
        &[
            ("id", Col::Big),
            ("kind", Col::Text),
            ("root", Col::Blob),
            ("size", Col::Big),
            ("created_at", Col::Text),
        ],
        "id",
    ),
    (
        "registry_chunks",
        &[
            ("version", Col::Big),
            ("seq", Col::Big),
            ("data", Col::Blob),
        ],
        "version, seq",
    ),
    (
        "snapshots",
        &[
            ("id", Col::Big),
            ("digest", Col::Blob),
            ("created_at", Col::Text),
            ("note", Col::Text),
            ("items_v", Col::Big),
            ("entities_v", Col::Big),
            ("officers_v", Col::Big),
            ("recusals_v", Col::Big),
        ],
        "id",
    ),
    ("legacy_uscc", &[("code", Col::Text)], "code"),
    (
        "announcements",
        &[
            ("campaign_id", Col::Text),
            ("hash", Col::Blob),
            ("body", Col::Text),
            ("announced_at", Col::Text),
        ],
        "rowid",
    ),
    (
        "reveals",
        &[
            ("campaign_id", Col::Text),
            ("name", Col::Text),
            ("secret", Col::Text),
            ("revealed_at", Col::Text),
        ],
        "rowid",
    ),
    (
        "draws",
        &[
            ("campaign_id", Col::Text),
            ("seed", Col::Blob),
            ("proof", Col::Text),
        ],
        "rowid",
    ),
    (
        "replacements",
        &[
            ("campaign_id", Col::Text),
            ("seq", Col::Big),
            ("body", Col::Text),
        ],
        "campaign_id, seq",
    ),
    (
        "replacement_requests",
        &[("campaign_id", Col::Text), ("body", Col::Text)],
        "campaign_id",
    ),
    (
        "voids",
        &[
            ("campaign_id", Col::Text),
            ("reason", Col::Text),
            ("at", Col::Text),
        ],
        "rowid",
    ),
    (
        "schedule_secrets",
        &[("campaign_id", Col::Text), ("secret", Col::Text)],
        "campaign_id",
    ),
    (
        "ledger",
        &[
            ("seq", Col::Big),
            ("prev", Col::Blob),
            ("hash", Col::Blob),
            ("kind", Col::Text),
            ("campaign", Col::Text),
            ("at", Col::Text),
            ("operator", Col::Text),
            ("approver", Col::Text),
            ("body", Col::Text),
        ],
        "seq",
    ),
    (
        "results",
        &[
            ("campaign_id", Col::Text),
            ("target", Col::Text),
            ("item", Col::Text),
            ("body", Col::Text),
            ("inspected", Col::Text),
            ("published", Col::Int),
        ],
        "rowid",
    ),
    (
        "history",
        &[
            ("uscc", Col::Text),
            ("inspected", Col::Text),
            ("source", Col::Text),
        ],
        "rowid",
    ),
    (
        "publications",
        &[
            ("campaign_id", Col::Text),
            ("kind", Col::Text),
            ("at", Col::Text),
        ],
        "rowid",
    ),
    (
        "schedules",
        &[("key", Col::Text), ("body", Col::Text)],
        "key",
    ),
    (
        "calendars",
        &[
            ("year", Col::Int),
            ("kind", Col::Text),
            ("body", Col::Text),
            ("at", Col::Text),
        ],
        "year",
    ),
];

/// What a migration moved and checked.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Migrated {
    /// The bureau made.
    pub bureau: String,
    /// Rows copied per table, in copy order (equal in both databases).
    pub tables: Vec<(String, u64)>,
    /// Snapshots whose four roots were recomputed from the copied chunks.
    pub snapshots_checked: u64,
    /// Ledger entries, and the head both databases share.
    pub ledger_entries: u64,
    /// The ledger head (hex).
    pub ledger_head: String,
    /// Files and folders of the workspace that are not in the database.
    pub left_in_folder: Vec<String>,
}

/// Why a migration stopped.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    /// The workspace could not be read, or the platform refused a write
    /// (nothing was written: the copy is one transaction).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The copy was written but does not read back as the workspace: the
    /// bureau exists and must not be used (drop its schema and migrate again).
    #[error("bureau {bureau} was written but fails verification: {what}")]
    Verification {
        /// The bureau.
        bureau: String,
        /// What differs.
        what: String,
    },
}

fn sqlite_err(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(Box::new(e))
}

/// Moves the SQLite workspace in `dir` into a new bureau `bureau` of the
/// PostgreSQL database at `url`, then verifies the copy (see the module's
/// doc). The workspace is only read.
///
/// # Errors
/// [`MigrateError::Store`] before anything is committed (the bureau exists
/// already, the workspace is unreadable, the server refuses);
/// [`MigrateError::Verification`] when the committed copy differs.
pub fn migrate_workspace(dir: &Path, url: &str, bureau: &Bureau) -> Result<Migrated, MigrateError> {
    let db_path = dir.join(crate::store::DB_FILE);
    if !db_path.exists() {
        return Err(StoreError::NotAWorkspace(dir.to_path_buf()).into());
    }
    let mut src = rusqlite::Connection::open_with_flags(
        &db_path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite_err)?;
    // One read transaction: every table as of one moment.
    let rtx = src.transaction().map_err(sqlite_err)?;
    let key: Vec<u8> = rtx
        .query_row("SELECT value FROM meta WHERE key = 'salt_key'", [], |r| {
            r.get(0)
        })
        .map_err(sqlite_err)?;
    let key: [u8; 32] = key
        .as_slice()
        .try_into()
        .map_err(|_| StoreError::Conflict("the workspace's salt key is damaged".into()))?;
    let key = SaltKey::from_bytes(key);

    let mut client = super::connect(url)?;
    if PgStore::bureaus(url)?.contains(bureau) {
        return Err(StoreError::Conflict(crate::store::Conflict::BureauExists {
            bureau: bureau.to_string(),
        })
        .into());
    }
    let mut tx = client.transaction().map_err(db)?;
    schema::create(&mut tx, bureau, &key)?;
    let mut tables = Vec::new();
    for (name, cols, order) in TABLES {
        let n = copy_table(&rtx, &mut tx, name, cols, order)?;
        tables.push((name.to_string(), n));
    }
    tx.commit().map_err(db)?;
    drop(rtx);
    drop(src);
    // Past the commit, any failure means the bureau exists but is unproven.
    verify_copy(dir, url, bureau, tables).map_err(|e| match e {
        MigrateError::Store(e) => MigrateError::Verification {
            bureau: bureau.to_string(),
            what: e.to_string(),
        },
        v => v,
    })
}

fn table_exists(src: &rusqlite::Connection, table: &str) -> Result<bool, StoreError> {
    let n: i64 = src
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )
        .map_err(sqlite_err)?;
    Ok(n > 0)
}

/// Copies one table's rows; returns how many. A table the workspace never
/// made (its feature unused) is empty.
fn copy_table(
    src: &rusqlite::Connection,
    dst: &mut Transaction<'_>,
    table: &str,
    cols: &[(&str, Col)],
    order: &str,
) -> Result<u64, StoreError> {
    if !table_exists(src, table)? {
        return Ok(0);
    }
    let names: Vec<&str> = cols.iter().map(|(n, _)| *n).collect();
    let select = format!("SELECT {} FROM {table} ORDER BY {order}", names.join(", "));
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
    let insert = format!(
        "INSERT INTO {table}({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    );
    let ins = dst.prepare(&insert).map_err(db)?;
    let mut st = src.prepare(&select).map_err(sqlite_err)?;
    let mut rows = st.query([]).map_err(sqlite_err)?;
    let mut n = 0u64;
    while let Some(row) = rows.next().map_err(sqlite_err)? {
        let mut vals = Vec::with_capacity(cols.len());
        for (i, (_, c)) in cols.iter().enumerate() {
            vals.push(match c {
                Col::Text => Val::Text(row.get(i).map_err(sqlite_err)?),
                Col::Blob => Val::Blob(row.get(i).map_err(sqlite_err)?),
                Col::Big => Val::Big(row.get(i).map_err(sqlite_err)?),
                Col::Int => Val::Int(row.get(i).map_err(sqlite_err)?),
            });
        }
        let params: Vec<&(dyn ToSql + Sync)> = vals.iter().map(Val::as_sql).collect();
        dst.execute(&ins, &params).map_err(db)?;
        n += 1;
    }
    Ok(n)
}

/// Reads the committed copy back as the bureau's role and checks it.
fn verify_copy(
    dir: &Path,
    url: &str,
    bureau: &Bureau,
    tables: Vec<(String, u64)>,
) -> Result<Migrated, MigrateError> {
    let fail = |what: String| MigrateError::Verification {
        bureau: bureau.to_string(),
        what,
    };
    let pg = PgStore::open(url, bureau)?;
    {
        let mut client = pg.client()?;
        for (name, n) in &tables {
            let got: i64 = client
                .query_one(&format!("SELECT count(*) FROM {name}"), &[])
                .map_err(db)?
                .get(0);
            if got as u64 != *n {
                return Err(fail(format!("{name}: {n} rows copied, {got} read back")));
            }
        }
    }
    let entries = pg.ledger()?;
    let head = crate::ledger::verify_chain(&entries)
        .map_err(|e| fail(format!("the ledger's chain: {e}")))?;
    let ws = crate::store::Workspace::open_read_only(dir)?;
    let ws_head = ws.ledger_head()?;
    if ws_head != head {
        return Err(fail(format!(
            "ledger head {} in the workspace, {} on the platform",
            ws_head.to_hex(),
            head.to_hex()
        )));
    }
    let snaps = pg.snapshots()?;
    let ws_snaps = ws.snapshots()?;
    if snaps.len() != ws_snaps.len() {
        return Err(fail(format!(
            "{} snapshots in the workspace, {} on the platform",
            ws_snaps.len(),
            snaps.len()
        )));
    }
    for (s, w) in snaps.iter().zip(&ws_snaps) {
        if s.id != w.id || s.digest != w.digest || s.roots != w.roots {
            return Err(fail(format!("snapshot {} differs", w.id)));
        }
        // Roots recomputed from the copied chunks (load_kinds re-checks them;
        // the entities stream a chunk group at a time).
        pg.load_kinds(
            s,
            &[
                RegistryKind::Items,
                RegistryKind::Officers,
                RegistryKind::Recusals,
            ],
        )?;
        pg.for_each_entity_run(s, &mut |_, _| Ok(()))?;
    }
    {
        // Every draw, a voided campaign's too (`drawn_campaigns` leaves
        // those out).
        let src = rusqlite::Connection::open_with_flags(
            dir.join(crate::store::DB_FILE),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sqlite_err)?;
        let drawn: Vec<String> = if table_exists(&src, "draws")? {
            let mut st = src
                .prepare("SELECT campaign_id FROM draws ORDER BY campaign_id")
                .map_err(sqlite_err)?;
            st.query_map([], |r| r.get(0))
                .and_then(|rows| rows.collect())
                .map_err(sqlite_err)?
        } else {
            Vec::new()
        };
        let mut client = pg.client()?;
        for id in drawn {
            let copied: Option<String> = client
                .query_opt("SELECT proof FROM draws WHERE campaign_id = $1", &[&id])
                .map_err(db)?
                .map(|r| r.get(0));
            if copied.as_deref() != Some(ws.draw_proof_text(&id)?.as_str()) {
                return Err(fail(format!("the draw proof of {id}")));
            }
        }
    }
    let left_in_folder = folder_files(dir);
    Ok(Migrated {
        bureau: bureau.to_string(),
        tables,
        snapshots_checked: snaps.len() as u64,
        ledger_entries: entries.len() as u64,
        ledger_head: head.to_hex(),
        left_in_folder,
    })
}

/// The workspace folder's entries other than the database, by name.
fn folder_files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with(crate::store::DB_FILE))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}
