//! Working-day calendars kept in the workspace (`docs/CALENDAR.md`): the
//! `calendars` table (added by the schema-2 migration) and its ledger
//! entries `calendar_import` and `calendar_assume`, written in the same
//! transaction.

use super::ledger::append;
use super::{StoreError, Workspace, commit};
use crate::core::calendar::{Calendar, YearSchedule};
use crate::store::Actor;
use crate::store::calendars::{StoredYear, YearImport, import_outcome};
use rusqlite::{OptionalExtension, params};

/// The table (schema version 2): one row per year, `kind` `official` (with
/// the schedule's JSON) or `assumed` (weekends only, body `{}`).
pub(super) const CALENDARS_SQL: &str = "CREATE TABLE IF NOT EXISTS calendars (
    year INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('official', 'assumed')),
    body TEXT NOT NULL,
    at   TEXT NOT NULL
);";

/// One row as stored.
pub(super) struct Row {
    pub year: i32,
    pub kind: String,
    pub body: String,
    pub at: String,
}

fn read_rows(conn: &rusqlite::Connection) -> Result<Vec<Row>, StoreError> {
    let mut st = conn.prepare("SELECT year, kind, body, at FROM calendars ORDER BY year")?;
    let rows = st.query_map([], |r| {
        Ok(Row {
            year: r.get(0)?,
            kind: r.get(1)?,
            body: r.get(2)?,
            at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn stored(row: Row) -> Result<StoredYear, StoreError> {
    Workspace::stored_year(row.year, &row.kind, &row.body, row.at)
}

/// The official schedule of `year` known under the write lock (stored, else
/// shipped), and whether the year is assumed.
fn known_in(
    tx: &rusqlite::Connection,
    year: i32,
) -> Result<(Option<YearSchedule>, bool), StoreError> {
    let row: Option<(String, String)> = tx
        .query_row(
            "SELECT kind, body FROM calendars WHERE year = ?1",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Workspace::known_year(year, row)
}

/// The body of a `calendar_import` entry.
fn import_body(
    y: &YearSchedule,
    file: &str,
    outcome: YearImport,
    old: Option<&YearSchedule>,
) -> serde_json::Value {
    serde_json::json!({
        "year": y.year,
        "source": y.source,
        "days_off": y.days_off,
        "working_weekends": y.working_weekends,
        "sha256": y.sha256(),
        "file": file,
        "replaces": match outcome {
            YearImport::ReplacedAssumption => serde_json::json!("assumed"),
            YearImport::Replaced => serde_json::json!(old.map(|o| o.sha256().to_hex())),
            _ => serde_json::Value::Null,
        },
    })
}

impl Workspace {
    pub(super) fn ensure_calendar_tables(&self) -> Result<(), StoreError> {
        self.ensure_sql(CALENDARS_SQL)?;
        self.ensure_sql(super::ledger::LEDGER_SQL)?;
        Ok(())
    }

    /// The rows of the calendars table, by year (for the audit).
    pub(super) fn calendar_rows(&self) -> Result<Vec<Row>, StoreError> {
        if !self.table_exists("calendars")? {
            return Ok(Vec::new());
        }
        read_rows(&self.conn)
    }

    /// The years this workspace keeps (imported or assumed), by year.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable or damaged store.
    pub fn calendar_years(&self) -> Result<Vec<StoredYear>, StoreError> {
        self.ensure_calendar_tables()?;
        read_rows(&self.conn)?.into_iter().map(stored).collect()
    }

    /// The calendar commands count with: the shipped years, then the years
    /// kept here ([`crate::store::store_calendar`]).
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable or damaged store.
    pub fn calendar(&self) -> Result<Calendar, StoreError> {
        crate::store::store_calendar(self)
    }

    /// Records official schedules (`calendar import`), all or none, each
    /// year with a `calendar_import` ledger entry, deciding under the write
    /// lock what each does ([`import_outcome`]): a new year is recorded, an
    /// assumed one replaced, the same days recorded nothing, other days of
    /// a known year are refused unless `replace`. Returns each year's outcome.
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
        self.ensure_calendar_tables()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut known = Vec::new();
        for y in years {
            known.push(known_in(&tx, y.year)?);
        }
        let plan = Self::calendar_import(years, known, replace, file)?;
        for w in &plan.writes {
            tx.execute(
                "INSERT OR REPLACE INTO calendars(year, kind, body, at) VALUES (?1, 'official', ?2, ?3)",
                params![w.year, w.body, at],
            )?;
            append(&tx, "calendar_import", "", at, actor, &w.entry)?;
        }
        commit(tx)?;
        Ok(plan.outcomes)
    }

    /// Records that `year` is assumed to have weekends only (`--assume-weekends
    /// YEAR`) with a `calendar_assume` ledger entry. Returns `false` (and
    /// records nothing) when it already is.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the year's official schedule is known
    /// (checked under the write lock: an import that committed first wins).
    pub fn assume_weekends(
        &mut self,
        year: i32,
        at: &str,
        actor: &Actor,
    ) -> Result<bool, StoreError> {
        self.ensure_calendar_tables()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let (known, assumed) = known_in(&tx, year)?;
        if !Self::assume_needed(year, known, assumed)? {
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO calendars(year, kind, body, at) VALUES (?1, 'assumed', '{}', ?2)",
            params![year, at],
        )?;
        append(
            &tx,
            "calendar_assume",
            "",
            at,
            actor,
            &Self::assume_body(year),
        )?;
        commit(tx)?;
        Ok(true)
    }
}

/// A year's row to write by a `calendar import` ([`Workspace::calendar_import`]).
pub(crate) struct YearWrite {
    /// The year.
    pub year: i32,
    /// The row's body (the schedule's JSON).
    pub body: String,
    /// The `calendar_import` entry's body.
    pub entry: serde_json::Value,
}

/// What a `calendar import` does ([`Workspace::calendar_import`]).
pub(crate) struct ImportPlan {
    /// Each year's outcome, in the order given.
    pub outcomes: Vec<(i32, YearImport)>,
    /// The rows to write, each with its ledger entry, in the order given.
    pub writes: Vec<YearWrite>,
}

/// The rules and bodies of calendars, shared by every backend (the
/// PostgreSQL store calls them too), so that each decides the same and
/// writes the same ledger entries.
impl Workspace {
    /// A stored row (`kind` `official` or `assumed`) read back.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a damaged schedule.
    pub(crate) fn stored_year(
        year: i32,
        kind: &str,
        body: &str,
        at: String,
    ) -> Result<StoredYear, StoreError> {
        let schedule = match kind {
            "official" => Some(serde_json::from_str::<YearSchedule>(body).map_err(|e| {
                StoreError::Conflict(format!("stored calendar {year}: {e}").into())
            })?),
            _ => None,
        };
        Ok(StoredYear { year, schedule, at })
    }

    /// The official schedule of `year` known from its stored row `row`
    /// (kind, body) if any, else shipped, and whether the year is assumed.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a damaged schedule.
    pub(crate) fn known_year(
        year: i32,
        row: Option<(String, String)>,
    ) -> Result<(Option<YearSchedule>, bool), StoreError> {
        match row {
            Some((kind, _)) if kind == "assumed" => Ok((None, true)),
            Some((_, body)) => Ok((
                Some(serde_json::from_str(&body).map_err(|e| {
                    StoreError::Conflict(format!("stored calendar {year}: {e}").into())
                })?),
                false,
            )),
            None => Ok((Calendar::shipped().year(year), false)),
        }
    }

    /// What importing `years` from `file` does, `known` giving for each
    /// year what [`Workspace::known_year`] found under the write lock.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] naming every year refused.
    pub(crate) fn calendar_import(
        years: &[YearSchedule],
        known: Vec<(Option<YearSchedule>, bool)>,
        replace: bool,
        file: &str,
    ) -> Result<ImportPlan, StoreError> {
        let mut outcomes = Vec::new();
        let mut refused = Vec::new();
        let mut olds = Vec::new();
        for (y, (known, assumed)) in years.iter().zip(known) {
            match import_outcome(y, known.as_ref(), assumed, replace) {
                Ok(o) => outcomes.push((y.year, o)),
                Err(m) => refused.push(m),
            }
            olds.push(known);
        }
        if !refused.is_empty() {
            return Err(StoreError::Conflict(refused.join("\n").into()));
        }
        let mut writes = Vec::new();
        for ((y, (_, outcome)), old) in years.iter().zip(&outcomes).zip(&olds) {
            if *outcome == YearImport::Unchanged {
                continue;
            }
            let body =
                serde_json::to_string(y).map_err(|e| StoreError::Conflict(e.to_string().into()))?;
            writes.push(YearWrite {
                year: y.year,
                body,
                entry: import_body(y, file, *outcome, old.as_ref()),
            });
        }
        Ok(ImportPlan { outcomes, writes })
    }

    /// Whether assuming `year` records anything (`false`: it already is),
    /// given what [`Workspace::known_year`] found under the write lock.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the year's official schedule is known.
    pub(crate) fn assume_needed(
        year: i32,
        known: Option<YearSchedule>,
        assumed: bool,
    ) -> Result<bool, StoreError> {
        if let Some(k) = known {
            return Err(StoreError::Conflict(
                format!(
                    "the official holiday schedule of {year} is known ({}): nothing is assumed",
                    if k.source.is_empty() {
                        "no notice named".to_string()
                    } else {
                        k.source
                    }
                )
                .into(),
            ));
        }
        Ok(!assumed)
    }

    /// The body of a `calendar_assume` entry.
    pub(crate) fn assume_body(year: i32) -> serde_json::Value {
        serde_json::json!({"year": year, "rule": "weekdays"})
    }
}
