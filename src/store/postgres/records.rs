//! Results, inspection history, publications, recorded schedules and
//! working-day calendars of the PostgreSQL store, each write with its ledger
//! entry in the same transaction. The checks and the ledger bodies are the
//! SQLite workspace's own (shared functions of [`Workspace`]), so both
//! stores decide the same and write the same entries; text is compared and
//! ordered `COLLATE "C"` (byte order, as SQLite's), whatever the database's
//! collation.

use super::{PgStore, append};
use crate::core::calendar::YearSchedule;
use crate::core::results::InspectionResult;
use crate::store::sqlite::Workspace;
use crate::store::{Actor, ResultMode, ScheduleRecord, StoreError, StoredYear, YearImport};
use chrono::NaiveDate;
use postgres::Transaction;

/// The official schedule of `year` known inside the write `tx` (stored,
/// else shipped), and whether the year is assumed.
fn known_in(
    tx: &mut Transaction<'_>,
    year: i32,
) -> Result<(Option<YearSchedule>, bool), StoreError> {
    let row = tx
        .query_opt("SELECT kind, body FROM calendars WHERE year = $1", &[&year])?
        .map(|r| (r.get::<_, String>(0), r.get::<_, String>(1)));
    Workspace::known_year(year, row)
}

impl PgStore {
    /// The years this bureau keeps (imported or assumed), by year.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable or damaged store.
    pub fn calendar_years(&self) -> Result<Vec<StoredYear>, StoreError> {
        let rows = self.client()?.query(
            "SELECT year, kind, body, at FROM calendars ORDER BY year",
            &[],
        )?;
        rows.iter()
            .map(|r| {
                Workspace::stored_year(r.get(0), r.get::<_, &str>(1), r.get::<_, &str>(2), r.get(3))
            })
            .collect()
    }

    /// Records official schedules (`calendar import`), all or none, each
    /// year with a `calendar_import` ledger entry, deciding under the write
    /// lock what each does (as [`Workspace::store_calendar_years`]).
    ///
    /// # Errors
    /// [`StoreError::Conflict`] naming every year refused; nothing is stored.
    pub fn store_calendar_years(
        &mut self,
        years: &[YearSchedule],
        replace: bool,
        file: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<Vec<(i32, YearImport)>, StoreError> {
        self.write(|tx| {
            let mut known = Vec::new();
            for y in years {
                known.push(known_in(tx, y.year)?);
            }
            let plan = Workspace::calendar_import(years, known, replace, file)?;
            for w in &plan.writes {
                tx.execute(
                    "INSERT INTO calendars(year, kind, body, at) VALUES ($1, 'official', $2, $3)
                     ON CONFLICT (year) DO UPDATE SET kind = EXCLUDED.kind, body = EXCLUDED.body, at = EXCLUDED.at",
                    &[&w.year, &w.body, &at],
                )?;
                append(tx, "calendar_import", "", at, actor, &w.entry)?;
            }
            Ok(plan.outcomes)
        })
    }

    /// Records that `year` is assumed to have weekends only, with a
    /// `calendar_assume` ledger entry. Returns `false` (and records nothing)
    /// when it already is.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the year's official schedule is known
    /// (checked under the write lock).
    pub fn assume_weekends(
        &mut self,
        year: i32,
        at: &str,
        actor: &Actor,
    ) -> Result<bool, StoreError> {
        self.write(|tx| {
            let (known, assumed) = known_in(tx, year)?;
            if !Workspace::assume_needed(year, known, assumed)? {
                return Ok(false);
            }
            tx.execute(
                "INSERT INTO calendars(year, kind, body, at) VALUES ($1, 'assumed', '{}', $2)",
                &[&year, &at],
            )?;
            append(
                tx,
                "calendar_assume",
                "",
                at,
                actor,
                &Workspace::assume_body(year),
            )?;
            Ok(true)
        })
    }

    /// Records results (all or nothing) with one ledger entry each: a new
    /// result once, a correction only of a recorded one.
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
        self.write(|tx| {
            for r in results {
                let exists = tx
                    .query_opt(
                        "SELECT 1 FROM results WHERE campaign_id = $1 AND target = $2 AND item = $3",
                        &[&r.campaign, &r.target, &r.item],
                    )?
                    .is_some();
                let w = Workspace::result_write(r, mode, exists)?;
                tx.execute(
                    "INSERT INTO results(campaign_id, target, item, body, inspected, published)
                     VALUES ($1, $2, $3, $4, $5, 0)
                     ON CONFLICT (campaign_id, target, item) DO UPDATE
                     SET body = EXCLUDED.body, inspected = EXCLUDED.inspected, published = 0",
                    &[&r.campaign, &r.target, &r.item, &w.body, &w.inspected],
                )?;
                append(tx, w.kind, &r.campaign, at, actor, &w.entry)?;
            }
            Ok(())
        })
    }

    /// The results of a campaign, by target and item.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store or a damaged result.
    pub fn results(&self, campaign: &str) -> Result<Vec<InspectionResult>, StoreError> {
        let rows = self.client()?.query(
            r#"SELECT body FROM results WHERE campaign_id = $1 ORDER BY target COLLATE "C", item COLLATE "C""#,
            &[&campaign],
        )?;
        rows.iter()
            .map(|r| Workspace::decode_result(r.get(0)))
            .collect()
    }

    /// Every recorded result of every campaign (by campaign, target, item).
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store or a damaged result.
    pub fn all_results(&self) -> Result<Vec<InspectionResult>, StoreError> {
        let rows = self.client()?.query(
            r#"SELECT body FROM results ORDER BY campaign_id COLLATE "C", target COLLATE "C", item COLLATE "C""#,
            &[],
        )?;
        rows.iter()
            .map(|r| Workspace::decode_result(r.get(0)))
            .collect()
    }

    /// Loads earlier inspections (before dualdraw) as history, with a
    /// `history_import` ledger entry.
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
        self.write(|tx| {
            for (u, d) in rows {
                tx.execute(
                    "INSERT INTO history(uscc, inspected, source) VALUES ($1, $2, $3)",
                    &[u, &d.to_string(), &source],
                )?;
            }
            // The digest of every row of this source now (earlier imports
            // of a file of the same name included): `ledger verify`
            // recomputes it.
            let all: Vec<(String, String)> = tx
                .query(
                    "SELECT uscc, inspected FROM history WHERE source = $1 ORDER BY id",
                    &[&source],
                )?
                .iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect();
            append(
                tx,
                "history_import",
                "",
                at,
                actor,
                &Workspace::history_import_body(source, rows.len(), &all),
            )?;
            Ok(())
        })
    }

    /// Every imported history row (USCC, inspection day), sorted.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store or a damaged date.
    pub fn imported_history(&self) -> Result<Vec<(String, NaiveDate)>, StoreError> {
        let rows = self.client()?.query(
            r#"SELECT uscc, inspected FROM history ORDER BY uscc COLLATE "C", inspected COLLATE "C""#,
            &[],
        )?;
        rows.iter()
            .map(|r| Ok((r.get(0), Workspace::history_day(r.get(1))?)))
            .collect()
    }

    /// Entities inspected on or after `since` and before `until` (history
    /// and recorded results), sorted and each once.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn inspected_between(
        &self,
        since: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<String>, StoreError> {
        let rows = self.client()?.query(
            r#"SELECT uscc COLLATE "C" FROM history
                 WHERE inspected COLLATE "C" >= $1 AND inspected COLLATE "C" < $2
               UNION SELECT target COLLATE "C" FROM results
                 WHERE inspected COLLATE "C" >= $1 AND inspected COLLATE "C" < $2
               ORDER BY 1"#,
            &[&since.to_string(), &until.to_string()],
        )?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    /// Records a publication with its ledger entry (file names and hashes);
    /// a publication of `results` marks the campaign's results published.
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
        self.write(|tx| {
            tx.execute(
                "INSERT INTO publications(campaign_id, kind, at) VALUES ($1, $2, $3)",
                &[&campaign, &kind, &at],
            )?;
            if kind == "results" {
                tx.execute(
                    "UPDATE results SET published = 1 WHERE campaign_id = $1",
                    &[&campaign],
                )?;
            }
            append(
                tx,
                "publication",
                campaign,
                at,
                actor,
                &Workspace::publication_body(kind, files),
            )?;
            Ok(())
        })
    }

    /// When a campaign's list (`draw`) or results (`results`) were last
    /// published.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn published_at(&self, campaign: &str, kind: &str) -> Result<Option<String>, StoreError> {
        let row = self.client()?.query_opt(
            r#"SELECT at FROM publications WHERE campaign_id = $1 AND kind = $2 ORDER BY at COLLATE "C" DESC LIMIT 1"#,
            &[&campaign, &kind],
        )?;
        Ok(row.map(|r| r.get(0)))
    }

    /// A campaign's schedule secret (None for draws made before secrets
    /// were kept).
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn schedule_secret(&self, id: &str) -> Result<Option<String>, StoreError> {
        let row = self.client()?.query_opt(
            "SELECT secret FROM schedule_secrets WHERE campaign_id = $1",
            &[&id],
        )?;
        Ok(row.map(|r| r.get(0)))
    }

    /// The recorded schedule of these campaigns, if any.
    ///
    /// # Errors
    /// [`StoreError`].
    pub fn schedule_record(
        &self,
        campaigns: &[String],
    ) -> Result<Option<ScheduleRecord>, StoreError> {
        let key = ScheduleRecord::key_of(campaigns);
        let row = self
            .client()?
            .query_opt("SELECT body FROM schedules WHERE key = $1", &[&key])?;
        row.map(|r| Workspace::decode_schedule(r.get(0)))
            .transpose()
    }

    /// Records a schedule (a first one, or a reschedule or reveal replacing
    /// it) with its ledger entry of `kind` and `body` plus the dates'
    /// commitment, checked under the write lock as
    /// [`Workspace::store_schedule`].
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a second first schedule, a change of
    /// nothing, a revealed schedule, or a schedule that changed meanwhile.
    pub fn store_schedule(
        &mut self,
        record: &ScheduleRecord,
        kind: &str,
        body: serde_json::Value,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let key = ScheduleRecord::key_of(&record.campaigns);
            let stored: Option<String> = tx
                .query_opt("SELECT body FROM schedules WHERE key = $1", &[&key])?
                .map(|r| r.get(0));
            let text = Workspace::schedule_change(record, kind, stored.as_deref())?;
            tx.execute(
                "INSERT INTO schedules(key, body) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET body = EXCLUDED.body",
                &[&key, &text],
            )?;
            let body = Workspace::schedule_entry_body(record, body);
            append(tx, kind, &key, at, actor, &body)?;
            Ok(())
        })
    }

    /// The key of a recorded schedule that already dates one of `ids`
    /// (the first by key).
    ///
    /// # Errors
    /// [`StoreError`].
    pub fn scheduled_with(&self, ids: &[String]) -> Result<Option<String>, StoreError> {
        let rows = self
            .client()?
            .query(r#"SELECT key FROM schedules ORDER BY key COLLATE "C""#, &[])?;
        Ok(rows
            .iter()
            .map(|r| r.get::<_, String>(0))
            .find(|k| Workspace::key_dates_any(k, ids)))
    }
}
