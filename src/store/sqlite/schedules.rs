//! Visit dates kept in the workspace (`docs/SCHEDULE.md` §16): the inputs of a
//! schedule from the draws, the schedule secrets, the recorded schedules and
//! their ledger entries.

use super::ledger::append;
use super::{StoreError, Workspace, commit};
use crate::core::calendar::Calendar;
use crate::core::campaign::Period;
use crate::core::canonical::Encoder;
use crate::core::merkle::Hash;
use crate::core::registry::RegistryKind;
use crate::schedule::{Labels, Problem, Schedule, TargetLabel, Visit};
use crate::store::Actor;
use crate::store::Conflict;
use crate::store::{SCHEDULE_RECORD_FORMAT, ScheduleRecord};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use std::collections::{BTreeMap, BTreeSet};

const SQL: &str = "CREATE TABLE IF NOT EXISTS schedules (
    key  TEXT PRIMARY KEY,
    body TEXT NOT NULL
);";

/// What a schedule is made from (排期输入): the merged visits, the period's
/// working days, names for the calendar files, and the seed of its stream.
#[derive(Debug, Clone)]
pub struct ScheduleInputs {
    /// The campaigns, sorted.
    pub campaigns: Vec<String>,
    /// The visits (without leave), the working days of the period.
    pub problem: Problem,
    /// Names and places.
    pub labels: Labels,
    /// The period (the intersection of the campaigns' periods).
    pub period: Period,
    /// How many targets were drawn by more than one campaign (joint visits).
    pub joint_visits: usize,
    /// `SHA-256(lp("dualdraw-schedule-seed-v1") ‖ u32be(m) ‖ (lp(id) ‖ raw(seed) ‖ lp(secret))…)`.
    pub seed: Hash,
}

/// Why a schedule cannot be made (排期错误).
#[derive(Debug, thiserror::Error)]
pub enum ScheduleStoreError {
    /// A campaign is not drawn.
    #[error("campaign {0} is not drawn: dates are given to drawn teams")]
    NotDrawn(String),
    /// A campaign has no period.
    #[error(
        "campaign {0} has no period: add period = {{ start = \"YYYY-MM-DD\", end = \"YYYY-MM-DD\" }} to its file (it is fixed at announcement)"
    )]
    NoPeriod(String),
    /// The periods of the campaigns do not meet.
    #[error("the periods of {0} do not overlap")]
    DisjointPeriods(String),
    /// A campaign was drawn without a schedule secret.
    #[error("campaign {0} has no schedule secret (it was drawn before dualdraw kept one)")]
    NoSecret(String),
    /// The calendar does not know a date.
    #[error(transparent)]
    Calendar(#[from] crate::core::calendar::CalendarError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Workspace {
    fn ensure_schedule_tables(&self) -> Result<(), StoreError> {
        self.ensure_campaign_tables()?;
        self.ensure_sql(SQL)?;
        Ok(())
    }

    /// A campaign's schedule secret (None for draws made before secrets were kept).
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn schedule_secret(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.ensure_schedule_tables()?;
        Ok(self
            .conn
            .query_row(
                "SELECT secret FROM schedule_secrets WHERE campaign_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The inputs of a schedule for drawn campaigns (`docs/SCHEDULE.md` §16):
    /// every current team (after replacements), one visit per target with the
    /// union of the teams of every campaign that drew it, the township from
    /// the snapshot, the working days of the periods' intersection.
    ///
    /// # Errors
    /// [`ScheduleStoreError`] naming the campaign.
    pub fn schedule_inputs(
        &self,
        ids: &[String],
        calendar: &Calendar,
        per_day: u32,
    ) -> Result<ScheduleInputs, ScheduleStoreError> {
        let mut campaigns = ids.to_vec();
        campaigns.sort();
        campaigns.dedup();
        let mut period: Option<Period> = None;
        let mut visits: BTreeMap<String, Visit> = BTreeMap::new();
        let mut drawn_by: BTreeMap<String, usize> = BTreeMap::new();
        let mut labels = Labels::default();
        let mut seed = Encoder::with_capacity(256);
        seed.str("dualdraw-schedule-seed-v1")
            .raw(&(campaigns.len() as u32).to_be_bytes());
        let mut titles = Vec::new();
        let mut entities: BTreeMap<u64, crate::core::registry::Registries> = BTreeMap::new();
        for id in &campaigns {
            if self.campaign_state(id)? != crate::store::CampaignState::Drawn {
                return Err(ScheduleStoreError::NotDrawn(id.clone()));
            }
            let proof = self.draw_proof(id)?;
            let c = &proof.announcement.campaign;
            titles.push(c.title.clone());
            let p = c
                .period
                .ok_or_else(|| ScheduleStoreError::NoPeriod(id.clone()))?;
            period = Some(match period {
                None => p,
                Some(q) => Period {
                    start: q.start.max(p.start),
                    end: q.end.min(p.end),
                },
            });
            let secret = self
                .schedule_secret(id)?
                .ok_or_else(|| ScheduleStoreError::NoSecret(id.clone()))?;
            seed.str(id).raw(&proof.seed.0).str(&secret);
            // Campaigns drawn on one snapshot share its entities.
            let sid = proof.announcement.snapshot.id;
            let reg = match entities.entry(sid) {
                std::collections::btree_map::Entry::Occupied(o) => o.into_mut(),
                std::collections::btree_map::Entry::Vacant(v) => {
                    let snap = self.snapshot(sid)?;
                    v.insert(self.load_kinds(&snap, &[RegistryKind::Entities])?)
                }
            };
            let dept: BTreeMap<&str, &crate::core::registry::Officer> =
                proof.officers.iter().map(|o| (o.id.as_str(), o)).collect();
            let reps = self.replacements(id)?;
            for (target, officers) in crate::core::replace::current_teams(&proof, &reps) {
                let entity = reg
                    .entities
                    .binary_search_by(|e| e.uscc.as_str().cmp(&target))
                    .ok()
                    .map(|i| &reg.entities[i]);
                let township = entity
                    .map(|e| {
                        e.township
                            .clone()
                            .unwrap_or_else(|| e.region.as_str().to_string())
                    })
                    .unwrap_or_default();
                if let Some(e) = entity {
                    labels.targets.insert(
                        target.clone(),
                        TargetLabel {
                            name: e.name.clone(),
                            address: format!(
                                "{}{}",
                                e.region.as_str(),
                                e.township
                                    .as_deref()
                                    .map(|t| format!(" {t}"))
                                    .unwrap_or_default()
                            ),
                        },
                    );
                }
                *drawn_by.entry(target.clone()).or_default() += 1;
                let v = visits
                    .entry(target.clone())
                    .or_insert_with(|| Visit::new(target.clone(), Vec::<String>::new(), township));
                for o in officers {
                    if let Some(off) = dept.get(o.as_str()) {
                        labels.officers.insert(o.clone(), off.name.clone());
                        if !v.departments.contains(&off.department) {
                            v.departments.push(off.department.clone());
                        }
                    }
                    if !v.officers.contains(&o) {
                        v.officers.push(o);
                    }
                }
            }
        }
        let period = period.ok_or_else(|| ScheduleStoreError::NotDrawn(String::new()))?;
        if period.end < period.start {
            return Err(ScheduleStoreError::DisjointPeriods(campaigns.join(", ")));
        }
        let days = crate::schedule::working_days(calendar, period.start, period.end)?;
        let mut problem = Problem::new(visits.into_values().collect(), days);
        problem.max_visits_per_officer_per_day = per_day;
        for v in &mut problem.visits {
            v.departments.sort();
        }
        labels.campaign = ScheduleRecord::key_of(&campaigns);
        labels.title = titles.join(" + ");
        Ok(ScheduleInputs {
            joint_visits: drawn_by.values().filter(|&&n| n > 1).count(),
            campaigns,
            problem,
            labels,
            period,
            seed: Hash::digest(seed.as_bytes()),
        })
    }

    /// The recorded schedule of these campaigns, if any.
    ///
    /// # Errors
    /// [`StoreError`].
    pub fn schedule_record(
        &self,
        campaigns: &[String],
    ) -> Result<Option<ScheduleRecord>, StoreError> {
        self.ensure_schedule_tables()?;
        let key = ScheduleRecord::key_of(campaigns);
        let body: Option<String> = self
            .conn
            .query_row("SELECT body FROM schedules WHERE key = ?1", [&key], |r| {
                r.get(0)
            })
            .optional()?;
        body.map(|b| Self::decode_schedule(&b)).transpose()
    }

    /// Records a schedule (a first one, or a reschedule replacing it) with
    /// its ledger entry of `kind` (`schedule`, `reschedule` or
    /// `schedule_reveal`) and `body` plus the dates' commitment. A reschedule
    /// must follow the recorded one (`record.reschedules` one more) and a
    /// reveal must name it (the same number): checked under the write lock,
    /// so that a change made from a record another process replaced
    /// meanwhile is refused, never recorded over it.
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
        self.ensure_schedule_tables()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        Self::put_schedule(&tx, record, kind, body, at, actor)?;
        commit(tx)?;
        Ok(())
    }

    /// [`Workspace::store_schedule`] within a write transaction.
    fn put_schedule(
        tx: &rusqlite::Connection,
        record: &ScheduleRecord,
        kind: &str,
        body: serde_json::Value,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let key = ScheduleRecord::key_of(&record.campaigns);
        let stored: Option<String> = tx
            .query_row("SELECT body FROM schedules WHERE key = ?1", [&key], |r| {
                r.get(0)
            })
            .optional()?;
        let text = Self::schedule_change(record, kind, stored.as_deref())?;
        tx.execute(
            "INSERT OR REPLACE INTO schedules(key, body) VALUES (?1, ?2)",
            params![key, text],
        )?;
        let body = Self::schedule_entry_body(record, body);
        append(tx, kind, &key, at, actor, &body)?;
        Ok(())
    }

    /// The key of a recorded schedule that already dates one of `ids`.
    ///
    /// # Errors
    /// [`StoreError`].
    pub fn scheduled_with(&self, ids: &[String]) -> Result<Option<String>, StoreError> {
        self.ensure_schedule_tables()?;
        let mut st = self
            .conn
            .prepare("SELECT key FROM schedules ORDER BY key")?;
        let keys = st.query_map([], |r| r.get::<_, String>(0))?;
        for k in keys {
            let k = k?;
            if Self::key_dates_any(&k, ids) {
                return Ok(Some(k));
            }
        }
        Ok(None)
    }

    /// The officers known to these campaigns' proofs (for checking a leave file).
    ///
    /// # Errors
    /// [`StoreError`].
    pub fn officers_of(&self, campaigns: &[String]) -> Result<BTreeSet<String>, StoreError> {
        let mut out = BTreeSet::new();
        for id in campaigns {
            for o in self.draw_proof(id)?.officers {
                out.insert(o.id);
            }
        }
        Ok(out)
    }
}

/// The rules and bodies of recorded schedules, shared by every backend (the
/// PostgreSQL store calls them too), so that each checks the same and
/// writes the same ledger entries.
impl Workspace {
    /// Checks that `record` may be stored as a `kind` (`schedule`,
    /// `reschedule` or `schedule_reveal`) over `stored`, the body recorded
    /// for its key (read under the write lock), and returns the body to
    /// store.
    ///
    /// # Errors
    /// [`Conflict::AlreadyScheduled`], [`Conflict::NotScheduled`] or
    /// [`Conflict::ScheduleMoved`] ([`Workspace::store_schedule`]).
    pub(crate) fn schedule_change(
        record: &ScheduleRecord,
        kind: &str,
        stored: Option<&str>,
    ) -> Result<String, StoreError> {
        let key = ScheduleRecord::key_of(&record.campaigns);
        let text = serde_json::to_string(record)
            .map_err(|e| StoreError::Conflict(e.to_string().into()))?;
        match (kind, stored) {
            ("schedule", Some(_)) => {
                return Err(StoreError::Conflict(Conflict::AlreadyScheduled {
                    key: key.clone(),
                }));
            }
            ("schedule", None) => {}
            (_, None) => {
                return Err(StoreError::Conflict(Conflict::NotScheduled {
                    key: key.clone(),
                }));
            }
            (_, Some(b)) => {
                let now = Self::decode_schedule(b)?;
                let base = if kind == "reschedule" {
                    record.reschedules.checked_sub(1)
                } else {
                    Some(record.reschedules)
                };
                if now.revealed || Some(now.reschedules) != base {
                    return Err(StoreError::Conflict(Conflict::ScheduleMoved {
                        key: key.clone(),
                        by: (!now.revealed).then_some(u64::from(now.reschedules)),
                    }));
                }
            }
        }
        Ok(text)
    }

    /// The ledger entry's body of a stored schedule: `body` plus the
    /// campaigns and the dates' commitment.
    pub(crate) fn schedule_entry_body(
        record: &ScheduleRecord,
        body: serde_json::Value,
    ) -> serde_json::Value {
        let mut body = body;
        if let Some(o) = body.as_object_mut() {
            o.insert("campaigns".into(), serde_json::json!(record.campaigns));
            o.insert(
                "dates_sha256".into(),
                serde_json::json!(record.dates_sha256()),
            );
        }
        body
    }

    /// A stored schedule's body read back.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a damaged body.
    pub(crate) fn decode_schedule(body: &str) -> Result<ScheduleRecord, StoreError> {
        serde_json::from_str(body)
            .map_err(|e| StoreError::Conflict(format!("stored schedule: {e}").into()))
    }

    /// Whether the schedule of key `key` dates one of `ids`.
    pub(crate) fn key_dates_any(key: &str, ids: &[String]) -> bool {
        key.split('+').any(|c| ids.iter().any(|i| i == c))
    }
}

/// What [`Workspace::make_schedule`] did (排期结果).
#[derive(Debug, Clone)]
pub struct MadeSchedule {
    /// The inputs it was made from.
    pub inputs: ScheduleInputs,
    /// The recorded schedule.
    pub record: ScheduleRecord,
    /// The schedule.
    pub schedule: Schedule,
}

/// What [`Workspace::move_visit`] did (改期结果).
#[derive(Debug, Clone)]
pub struct MovedSchedule {
    /// The recorded schedule afterwards.
    pub record: ScheduleRecord,
    /// The schedule afterwards.
    pub schedule: Schedule,
    /// The names and places for its files.
    pub labels: Labels,
    /// What moved.
    pub moved: Vec<crate::schedule::Moved>,
}

/// Why a schedule could not be made, moved or revealed (排期、改期或揭示错误).
/// Nothing is recorded.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleFlowError {
    /// The inputs are wrong.
    #[error(transparent)]
    Inputs(#[from] ScheduleStoreError),
    /// No schedule satisfies the rules, or a change cannot be applied.
    #[error(transparent)]
    Schedule(#[from] crate::schedule::ScheduleError),
    /// There is no schedule to move or reveal.
    #[error("{0} has no schedule yet")]
    NotScheduled(String),
    /// The schedule was revealed: its visits are done.
    #[error("the schedule of {0} was revealed (its visits are done)")]
    Revealed(String),
    /// A reveal before the last visit: the dates would warn the targets.
    #[error("the last visit of {key} is on {last}: reveal the schedule after the visits")]
    TooEarly {
        /// The schedule.
        key: String,
        /// Its last visit date.
        last: NaiveDate,
    },
    /// The store failed or refused.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Workspace {
    /// Dates every visit of drawn campaigns (`docs/SCHEDULE.md` §16) with the
    /// stream `stream(schedule seed, "schedule")`, and records the schedule
    /// with a `schedule` ledger entry (the dates' commitment, not the dates).
    ///
    /// # Errors
    /// [`ScheduleFlowError`]; nothing is recorded.
    pub fn make_schedule(
        &mut self,
        ids: &[String],
        calendar: &Calendar,
        per_day: u32,
        leave: BTreeMap<String, BTreeSet<NaiveDate>>,
        at: &str,
        actor: &Actor,
    ) -> Result<MadeSchedule, ScheduleFlowError> {
        for id in ids {
            self.campaign_state(id)?;
        }
        let key = ScheduleRecord::key_of(ids);
        if let Some(other) = self.scheduled_with(ids)? {
            return Err(ScheduleFlowError::Store(StoreError::Conflict(
                if other == key {
                    Conflict::AlreadyScheduled { key }
                } else {
                    Conflict::ScheduledElsewhere { key, other }
                },
            )));
        }
        let inputs = self.schedule_inputs(ids, calendar, per_day)?;
        let mut problem = inputs.problem.clone();
        problem.leave = leave;
        let mut stream = crate::core::entropy::Stream::new(&inputs.seed, "schedule");
        let schedule = crate::schedule::schedule(&problem, &mut stream)?;
        let record = ScheduleRecord {
            format: SCHEDULE_RECORD_FORMAT.into(),
            campaigns: inputs.campaigns.clone(),
            problem: schedule.problem().clone(),
            dates: schedule.dates(),
            reschedules: 0,
            revealed: false,
        };
        self.store_schedule(
            &record,
            "schedule",
            serde_json::json!({"visits": record.dates.len(), "joint_visits": inputs.joint_visits,
                "period": inputs.period, "working_days": problem.days.len(),
                "per_day": per_day, "leave_officers": problem.leave.len(),
                "problem_sha256": record.problem_sha256(),
                "format": crate::schedule::SCHEDULE_VERSION}),
            at,
            actor,
        )?;
        Ok(MadeSchedule {
            inputs,
            record,
            schedule,
        })
    }

    /// Applies one change to a recorded schedule (reschedule number `k`, with
    /// the stream `stream(schedule seed, "reschedule/" ‖ k)`), moving as
    /// little as possible, and records it with a `reschedule` ledger entry.
    ///
    /// # Errors
    /// [`ScheduleFlowError`]; nothing is recorded.
    pub fn move_visit(
        &mut self,
        ids: &[String],
        calendar: &Calendar,
        change: &crate::schedule::Change,
        reason: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<MovedSchedule, ScheduleFlowError> {
        self.move_visit_with(ids, calendar, change, reason, at, actor, |_| {
            Ok::<(), ScheduleFlowError>(())
        })
        .map(|(m, ())| m)
    }

    /// [`Workspace::move_visit`], with `files` run on the moved schedule
    /// before the change is committed (writing its calendar files): the
    /// record is read, changed, `files` run and the change recorded under
    /// one write lock, so that two moves at once are made one after the
    /// other (neither lost) and the files left are those of the last
    /// recorded change. When `files` fails nothing is recorded.
    ///
    /// # Errors
    /// [`ScheduleFlowError`] (converted), or the error of `files`; nothing
    /// is recorded.
    #[allow(clippy::too_many_arguments)]
    pub fn move_visit_with<T, E: From<ScheduleFlowError>>(
        &mut self,
        ids: &[String],
        calendar: &Calendar,
        change: &crate::schedule::Change,
        reason: &str,
        at: &str,
        actor: &Actor,
        files: impl FnOnce(&MovedSchedule) -> Result<T, E>,
    ) -> Result<(MovedSchedule, T), E> {
        let flow = |e: StoreError| E::from(ScheduleFlowError::Store(e));
        self.ensure_schedule_tables().map_err(flow)?;
        // The write lock from the first read: no other change can commit
        // between reading the record and recording this one.
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )
        .map_err(|e| flow(e.into()))?;
        let moved = self.moved(ids, calendar, change, reason, at, actor, &tx)?;
        let t = files(&moved)?;
        commit(tx).map_err(flow)?;
        Ok((moved, t))
    }

    #[allow(clippy::too_many_arguments)]
    fn moved(
        &self,
        ids: &[String],
        calendar: &Calendar,
        change: &crate::schedule::Change,
        reason: &str,
        at: &str,
        actor: &Actor,
        tx: &rusqlite::Connection,
    ) -> Result<MovedSchedule, ScheduleFlowError> {
        for id in ids {
            self.campaign_state(id)?;
        }
        let key = ScheduleRecord::key_of(ids);
        let mut record = self
            .schedule_record(ids)?
            .ok_or_else(|| ScheduleFlowError::NotScheduled(key.clone()))?;
        if record.revealed {
            return Err(ScheduleFlowError::Revealed(key));
        }
        let s = record.schedule()?;
        let inputs =
            self.schedule_inputs(ids, calendar, s.problem().max_visits_per_officer_per_day)?;
        let k = record.reschedules + 1;
        let mut stream =
            crate::core::entropy::Stream::new(&inputs.seed, &format!("reschedule/{k}"));
        // The period's working days as the calendar gives them now: they
        // differ from the recorded ones only when a year assumed to have
        // weekends only was imported since (docs/CALENDAR.md).
        let (old_days, new_days): (BTreeSet<NaiveDate>, BTreeSet<NaiveDate>) = (
            s.problem().days.iter().copied().collect(),
            inputs.problem.days.iter().copied().collect(),
        );
        let days = (old_days != new_days).then_some(inputs.problem.days.as_slice());
        let r = crate::schedule::reschedule_on_days(&s, change, days, &mut stream)?;
        record.problem = r.schedule.problem().clone();
        record.dates = r.schedule.dates();
        record.reschedules = k;
        let mut body = serde_json::json!({"seq": k, "change": change, "reason": reason,
            "moved": r.moved.iter().map(|m| serde_json::json!({"visit": m.visit, "from": m.from, "to": m.to})).collect::<Vec<_>>()});
        if days.is_some() {
            body["days_changed"] = serde_json::json!({
                "removed": old_days.difference(&new_days).collect::<Vec<_>>(),
                "added": new_days.difference(&old_days).collect::<Vec<_>>(),
            });
        }
        Self::put_schedule(tx, &record, "reschedule", body, at, actor)?;
        Ok(MovedSchedule {
            record,
            schedule: r.schedule,
            labels: inputs.labels,
            moved: r.moved,
        })
    }

    /// After the visits: records the schedule secrets and the dates in a
    /// `schedule_reveal` ledger entry (`ledger verify` checks each secret
    /// against its draw's commitment).
    ///
    /// # Errors
    /// [`ScheduleFlowError`]; nothing is recorded.
    pub fn reveal_schedule(
        &mut self,
        ids: &[String],
        at: &str,
        actor: &Actor,
    ) -> Result<ScheduleRecord, ScheduleFlowError> {
        for id in ids {
            self.campaign_state(id)?;
        }
        let key = ScheduleRecord::key_of(ids);
        let mut record = self
            .schedule_record(ids)?
            .ok_or_else(|| ScheduleFlowError::NotScheduled(key.clone()))?;
        if record.revealed {
            return Err(ScheduleFlowError::Revealed(key));
        }
        // Only after the visits: the China date of `at` is after the last visit.
        let last = record.dates.values().max().copied();
        let today = chrono::DateTime::parse_from_rfc3339(at)
            .ok()
            .map(|t| crate::core::announcement::china_date(&t.with_timezone(&chrono::Utc)));
        if let (Some(last), Some(today)) = (last, today)
            && today <= last
        {
            return Err(ScheduleFlowError::TooEarly { key, last });
        }
        let mut secrets = serde_json::Map::new();
        for id in &record.campaigns {
            let s = self
                .schedule_secret(id)?
                .ok_or_else(|| ScheduleStoreError::NoSecret(id.clone()))?;
            secrets.insert(id.clone(), serde_json::Value::String(s));
        }
        record.revealed = true;
        self.store_schedule(
            &record,
            "schedule_reveal",
            serde_json::json!({"secrets": secrets, "dates": record.dates, "reschedules": record.reschedules}),
            at,
            actor,
        )?;
        Ok(record)
    }
}
