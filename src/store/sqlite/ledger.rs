//! The ledger table: entries appended inside the transaction that records
//! what they describe, so a process killed at any moment leaves both or
//! neither.

use super::{StoreError, Workspace};
use crate::core::merkle::Hash;
use crate::ledger::Entry;
use crate::store::Actor;
use rusqlite::{Connection, OptionalExtension, params};

pub(super) const LEDGER_SQL: &str = "CREATE TABLE IF NOT EXISTS ledger (
    seq      INTEGER PRIMARY KEY,
    prev     BLOB NOT NULL,
    hash     BLOB NOT NULL,
    kind     TEXT NOT NULL,
    campaign TEXT NOT NULL,
    at       TEXT NOT NULL,
    operator TEXT NOT NULL,
    approver TEXT NOT NULL,
    body     TEXT NOT NULL
);";

fn hash_of(v: Vec<u8>) -> Hash {
    let mut h = [0u8; 32];
    if v.len() == 32 {
        h.copy_from_slice(&v);
    }
    Hash(h)
}

/// Appends an entry within the write transaction open on `tx`.
pub(super) fn append(
    tx: &Connection,
    kind: &str,
    campaign: &str,
    at: &str,
    actor: &Actor,
    body: &serde_json::Value,
) -> Result<Entry, StoreError> {
    tx.execute_batch(LEDGER_SQL)?;
    let last: Option<(i64, Vec<u8>)> = tx
        .query_row(
            "SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, prev) = match last {
        Some((s, h)) => (s as u64 + 1, hash_of(h)),
        None => (1, Hash([0; 32])),
    };
    let e = Entry::new(
        seq,
        prev,
        kind,
        campaign,
        at,
        &actor.operator,
        &actor.approver,
        body.to_string(),
    );
    tx.execute(
        "INSERT INTO ledger(seq, prev, hash, kind, campaign, at, operator, approver, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![e.seq as i64, e.prev.0.to_vec(), e.hash.0.to_vec(), e.kind, e.campaign, e.at, e.operator, e.approver, e.body],
    )?;
    Ok(e)
}

impl Workspace {
    /// Every ledger entry, by number (as stored: [`crate::ledger::verify_chain`] checks them).
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn ledger(&self) -> Result<Vec<Entry>, StoreError> {
        self.ensure_sql(LEDGER_SQL)?;
        let mut st = self.conn.prepare(
            "SELECT seq, prev, hash, kind, campaign, at, operator, approver, body FROM ledger ORDER BY rowid",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Entry {
                seq: r.get::<_, i64>(0)? as u64,
                prev: hash_of(r.get(1)?),
                hash: hash_of(r.get(2)?),
                kind: r.get(3)?,
                campaign: r.get(4)?,
                at: r.get(5)?,
                operator: r.get(6)?,
                approver: r.get(7)?,
                body: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Appends a `key` entry (a bureau key rotation or revocation,
    /// `docs/LOG.md` §8) with `body`; returns it.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn record_key_change(
        &mut self,
        body: &serde_json::Value,
        at: &str,
        actor: &Actor,
    ) -> Result<Entry, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let e = append(&tx, "key", "", at, actor, body)?;
        super::commit(tx)?;
        Ok(e)
    }

    /// The ledger head: the last entry's hash (zeros when empty).
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn ledger_head(&self) -> Result<Hash, StoreError> {
        self.ensure_sql(LEDGER_SQL)?;
        let h: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT hash FROM ledger ORDER BY seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(h.map(hash_of).unwrap_or(Hash([0; 32])))
    }
}
