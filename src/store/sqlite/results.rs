//! Results, corrections, objections, inspection history and publications kept
//! in the workspace, each with its ledger entry.

use super::ledger::append;
use super::{StoreError, Workspace, commit};
use crate::core::results::InspectionResult;
use crate::store::Actor;
use crate::store::Conflict;
use crate::store::ResultMode;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

const SQL: &str = "CREATE TABLE IF NOT EXISTS results (
    campaign_id TEXT NOT NULL,
    target      TEXT NOT NULL,
    item        TEXT NOT NULL,
    body        TEXT NOT NULL,
    inspected   TEXT NOT NULL,
    published   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, target, item)
);
CREATE TABLE IF NOT EXISTS history (
    uscc      TEXT NOT NULL,
    inspected TEXT NOT NULL,
    source    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS publications (
    campaign_id TEXT NOT NULL,
    kind        TEXT NOT NULL,
    at          TEXT NOT NULL
);";

impl Workspace {
    pub(super) fn ensure_results_tables(&self) -> Result<(), StoreError> {
        self.ensure_results()
    }

    fn ensure_results(&self) -> Result<(), StoreError> {
        self.ensure_sql(SQL)?;
        self.ensure_sql(super::ledger::LEDGER_SQL)?;
        Ok(())
    }

    /// Records results (all or nothing) with one ledger entry each.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a second result without correction, or a
    /// correction of nothing.
    pub fn store_results(
        &mut self,
        results: &[InspectionResult],
        mode: ResultMode,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        self.ensure_results()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for r in results {
            let exists: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM results WHERE campaign_id = ?1 AND target = ?2 AND item = ?3",
                    params![r.campaign, r.target, r.item],
                    |x| x.get(0),
                )
                .optional()?;
            let w = Self::result_write(r, mode, exists.is_some())?;
            tx.execute(
                "INSERT OR REPLACE INTO results(campaign_id, target, item, body, inspected, published) VALUES (?1, ?2, ?3, ?4, ?5, 0)",
                params![r.campaign, r.target, r.item, w.body, w.inspected],
            )?;
            append(&tx, w.kind, &r.campaign, at, actor, &w.entry)?;
        }
        commit(tx)?;
        Ok(())
    }

    /// Records an objection (异议) to a target's result.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn store_objection(
        &mut self,
        campaign: &str,
        target: &str,
        text: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        self.ensure_results()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        append(
            &tx,
            "objection",
            campaign,
            at,
            actor,
            &serde_json::json!({"target": target, "text": text}),
        )?;
        commit(tx)?;
        Ok(())
    }

    /// The results of a campaign.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn results(&self, campaign: &str) -> Result<Vec<InspectionResult>, StoreError> {
        self.results_where(campaign, false)
    }

    /// The results of a campaign, or only those not yet in a published notice.
    fn results_where(
        &self,
        campaign: &str,
        unpublished: bool,
    ) -> Result<Vec<InspectionResult>, StoreError> {
        self.ensure_results()?;
        let sql = if unpublished {
            "SELECT body FROM results WHERE campaign_id = ?1 AND published = 0 ORDER BY target, item"
        } else {
            "SELECT body FROM results WHERE campaign_id = ?1 ORDER BY target, item"
        };
        let mut st = self.conn.prepare(sql)?;
        let rows = st.query_map([campaign], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(Self::decode_result(&row?)?);
        }
        Ok(out)
    }

    /// Loads earlier inspections (before dualdraw) as history, with a ledger entry.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn store_history(
        &mut self,
        rows: &[(String, NaiveDate)],
        source: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        self.ensure_results()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for (u, d) in rows {
            tx.execute(
                "INSERT INTO history(uscc, inspected, source) VALUES (?1, ?2, ?3)",
                params![u, d.to_string(), source],
            )?;
        }
        // The digest of every row of this source now (earlier imports of a
        // file of the same name included): `ledger verify` recomputes it.
        let all = Self::history_of_source(&tx, source)?;
        append(
            &tx,
            "history_import",
            "",
            at,
            actor,
            &Self::history_import_body(source, rows.len(), &all),
        )?;
        commit(tx)?;
        Ok(())
    }

    /// The history rows (USCC, day as stored) of `source`.
    pub(super) fn history_of_source(
        conn: &rusqlite::Connection,
        source: &str,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let mut st = conn.prepare("SELECT uscc, inspected FROM history WHERE source = ?1")?;
        let rows = st.query_map([source], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Entities inspected on or after `since` and before `until` (history and
    /// recorded results), sorted: the exclusion set of an announcement.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn inspected_between(
        &self,
        since: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<String>, StoreError> {
        self.ensure_results()?;
        let mut st = self.conn.prepare(
            "SELECT uscc FROM history WHERE inspected >= ?1 AND inspected < ?2
             UNION SELECT target FROM results WHERE inspected >= ?1 AND inspected < ?2 ORDER BY 1",
        )?;
        let rows = st.query_map(params![since.to_string(), until.to_string()], |r| {
            r.get::<_, String>(0)
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every imported history row (USCC, inspection day), sorted.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store or a damaged date.
    pub fn imported_history(&self) -> Result<Vec<(String, NaiveDate)>, StoreError> {
        self.ensure_results()?;
        let mut st = self
            .conn
            .prepare("SELECT uscc, inspected FROM history ORDER BY uscc, inspected")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (uscc, day) = row?;
            out.push((uscc, Self::history_day(&day)?));
        }
        Ok(out)
    }

    /// Every recorded result of every campaign (by campaign, target, item).
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store or a damaged result.
    pub fn all_results(&self) -> Result<Vec<InspectionResult>, StoreError> {
        self.ensure_results_tables()?;
        let mut st = self
            .conn
            .prepare("SELECT body FROM results ORDER BY campaign_id, target, item")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(Self::decode_result(&row?)?);
        }
        Ok(out)
    }

    /// The results of a campaign not yet in a published results notice.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn unpublished_results(&self, campaign: &str) -> Result<Vec<InspectionResult>, StoreError> {
        self.results_where(campaign, true)
    }

    /// Checks every stored table against the ledger entries that recorded it
    /// ([`Workspace::audit_records`]: a database edited behind the ledger's
    /// back is found). Returns how many draws and results were checked.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] naming the record that differs.
    pub fn check_records_against_ledger(&self) -> Result<usize, StoreError> {
        let a = self.audit_records()?;
        Ok(a.proofs + a.results)
    }

    /// Records a publication with its ledger entry (file names and hashes).
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn store_publication(
        &mut self,
        campaign: &str,
        kind: &str,
        files: &serde_json::Value,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        self.ensure_results()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        Self::put_publication(&tx, campaign, kind, files, at, actor)?;
        commit(tx)?;
        Ok(())
    }

    fn put_publication(
        tx: &rusqlite::Connection,
        campaign: &str,
        kind: &str,
        files: &serde_json::Value,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        tx.execute(
            "INSERT INTO publications(campaign_id, kind, at) VALUES (?1, ?2, ?3)",
            params![campaign, kind, at],
        )?;
        if kind == "results" {
            tx.execute(
                "UPDATE results SET published = 1 WHERE campaign_id = ?1",
                params![campaign],
            )?;
        }
        append(
            tx,
            "publication",
            campaign,
            at,
            actor,
            &Self::publication_body(kind, files),
        )?;
        Ok(())
    }

    /// Publishes under the workspace's write lock: `make` reads what it
    /// publishes from this workspace, writes the files and returns them as
    /// the ledger lists them; then the publication of `kind` (`draw`,
    /// `results`) is recorded, unless the campaign's latest publication of
    /// `kind` lists exactly these files (a publication run again records
    /// nothing new). No other process can record anything in between, so
    /// the results marked published are exactly those `make` read, and of
    /// two publications at once the files left are those of the one
    /// recorded last. Returns `make`'s value and whether an entry was
    /// recorded.
    ///
    /// # Errors
    /// The error of `make`, or [`StoreError`]; nothing is recorded then.
    pub fn publish_with<T, E: From<StoreError>>(
        &mut self,
        campaign: &str,
        kind: &str,
        at: &str,
        actor: &Actor,
        make: impl FnOnce(&Self) -> Result<(T, serde_json::Value), E>,
    ) -> Result<(T, bool), E> {
        self.ensure_results()?;
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )
        .map_err(StoreError::from)?;
        let (t, files) = make(self)?;
        let mut st = tx
            .prepare(
                "SELECT body FROM ledger WHERE kind = 'publication' AND campaign = ?1 ORDER BY seq DESC",
            )
            .map_err(StoreError::from)?;
        let mut latest = None;
        for body in st
            .query_map([campaign], |r| r.get::<_, String>(0))
            .map_err(StoreError::from)?
        {
            let b: serde_json::Value =
                serde_json::from_str(&body.map_err(StoreError::from)?).unwrap_or_default();
            if b["what"] == kind {
                latest = Some(b);
                break;
            }
        }
        drop(st);
        if latest.is_some_and(|b| b["files"] == files) {
            return Ok((t, false));
        }
        Self::put_publication(&tx, campaign, kind, &files, at, actor)?;
        commit(tx)?;
        Ok((t, true))
    }

    /// When a campaign's list (`draw`) or results (`results`) were last published.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn published_at(&self, campaign: &str, kind: &str) -> Result<Option<String>, StoreError> {
        self.ensure_results()?;
        Ok(self
            .conn
            .query_row(
                "SELECT at FROM publications WHERE campaign_id = ?1 AND kind = ?2 ORDER BY at DESC LIMIT 1",
                params![campaign, kind],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Every announced campaign id, in order of announcement.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn campaign_ids(&self) -> Result<Vec<String>, StoreError> {
        self.ensure_sql(
            "CREATE TABLE IF NOT EXISTS announcements (campaign_id TEXT PRIMARY KEY, hash BLOB NOT NULL, body TEXT NOT NULL, announced_at TEXT NOT NULL);",
        )?;
        let mut st = self
            .conn
            .prepare("SELECT campaign_id FROM announcements ORDER BY announced_at, campaign_id")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// A result as stored and recorded ([`Workspace::result_write`]).
pub(crate) struct ResultWrite {
    /// The row's body (the result's JSON).
    pub body: String,
    /// The row's inspection day (`YYYY-MM-DD`).
    pub inspected: String,
    /// The ledger entry's kind: `result` or `correction`.
    pub kind: &'static str,
    /// The ledger entry's body.
    pub entry: serde_json::Value,
}

/// The rules and bodies of results, history and publications, shared by
/// every backend (the PostgreSQL store calls them too), so that each
/// checks the same and writes the same ledger entries.
impl Workspace {
    /// What storing `r` in `mode` writes, `exists` telling whether a result
    /// of its target and item is recorded (read under the write lock).
    ///
    /// # Errors
    /// [`Conflict::ResultRecorded`] for a second new result,
    /// [`Conflict::NoResultToCorrect`] for a correction of nothing.
    pub(crate) fn result_write(
        r: &InspectionResult,
        mode: ResultMode,
        exists: bool,
    ) -> Result<ResultWrite, StoreError> {
        let body =
            serde_json::to_string(r).map_err(|e| StoreError::Conflict(e.to_string().into()))?;
        match (mode, exists) {
            (ResultMode::New, true) => {
                return Err(StoreError::Conflict(Conflict::ResultRecorded {
                    target: r.target.clone(),
                    item: r.item.clone(),
                }));
            }
            (ResultMode::Correction, false) => {
                return Err(StoreError::Conflict(Conflict::NoResultToCorrect {
                    target: r.target.clone(),
                    item: r.item.clone(),
                }));
            }
            _ => {}
        }
        let kind = if mode == ResultMode::New {
            "result"
        } else {
            "correction"
        };
        Ok(ResultWrite {
            body,
            inspected: r.inspected_on.to_string(),
            kind,
            entry: serde_json::to_value(r).unwrap_or_default(),
        })
    }

    /// A stored result's body read back.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a damaged body.
    pub(crate) fn decode_result(body: &str) -> Result<InspectionResult, StoreError> {
        serde_json::from_str(body)
            .map_err(|e| StoreError::Conflict(format!("stored result: {e}").into()))
    }

    /// A stored history day (`YYYY-MM-DD`) read back.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a damaged date.
    pub(crate) fn history_day(day: &str) -> Result<NaiveDate, StoreError> {
        NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .map_err(|e| StoreError::Conflict(format!("stored history date {day:?}: {e}").into()))
    }

    /// The body of a `history_import` entry: `rows` rows loaded from
    /// `source`, `all` every row of that source now (USCC, day as stored).
    pub(crate) fn history_import_body(
        source: &str,
        rows: usize,
        all: &[(String, String)],
    ) -> serde_json::Value {
        serde_json::json!({"source": source, "rows": rows,
            "source_rows_sha256": crate::core::results::history_rows_sha256(source, all)})
    }

    /// The body of a `publication` entry.
    pub(crate) fn publication_body(kind: &str, files: &serde_json::Value) -> serde_json::Value {
        serde_json::json!({"what": kind, "files": files})
    }
}
