//! Every stored table checked against the ledger entries that committed it
//! (台账核对), in one read transaction so that a concurrent writer can never
//! make a consistent workspace look broken.
//!
//! The ledger is a hash chain ([`crate::ledger::verify_chain`]); what the
//! chain does not contain (announcement bodies, proofs, reveals, results,
//! replacements, voids, publications, schedules and their secrets, calendars, history
//! rows, the snapshots an announcement names) lives in tables. A tamper with
//! a table is caught here when it no longer matches the entry, and every
//! table row must have its entry (an inserted row is caught too).

use super::{StoreError, Workspace};
use crate::core::announcement::Announcement;
use crate::core::entropy::{Reveal, schedule_secret_commitment};
use crate::core::merkle::Hash;
use crate::core::proof::DrawProof;
use crate::core::results::InspectionResult;
use crate::ledger::{Entry, verify_chain};
use crate::store::Conflict;
use crate::store::ScheduleRecord;
use rusqlite::OptionalExtension;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// What [`Workspace::audit_records`] checked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecordAudit {
    /// Ledger entries in the chain.
    pub entries: usize,
    /// The chain's head.
    pub head: Hash,
    /// Announcements whose stored body hashes to their entry.
    pub announcements: usize,
    /// Snapshots named by announcements, present with the committed digest.
    pub snapshots: usize,
    /// Witnesses' reveals matching their entries (and the proofs of drawn campaigns).
    pub reveals: usize,
    /// Draw proofs matching their entries.
    pub proofs: usize,
    /// Replacements, voids, publications, history imports and calendar years matching their entries.
    pub other: usize,
    /// Results matching their latest entry.
    pub results: usize,
    /// Recorded schedules matching their latest dates commitment (and secrets).
    pub schedules: usize,
}

impl RecordAudit {
    /// Records checked in all (proofs and results first, as `ledger verify` counts them).
    pub fn records(&self) -> usize {
        self.proofs
            + self.results
            + self.announcements
            + self.snapshots
            + self.reveals
            + self.other
            + self.schedules
    }
}

fn tampered(what: impl Into<String>) -> StoreError {
    StoreError::Conflict(Conflict::Other(what.into()))
}

fn body(e: &Entry) -> Result<Value, StoreError> {
    serde_json::from_str(&e.body)
        .map_err(|_| tampered(format!("ledger entry {}: the body is not JSON", e.seq)))
}

fn text(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_string()
}

impl Workspace {
    pub(super) fn table_exists(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1
                 UNION ALL SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = ?1",
                [name],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
            .is_some())
    }

    fn rows<T>(
        &self,
        table: &str,
        sql: &str,
        f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        if !self.table_exists(table)? {
            return Ok(Vec::new());
        }
        let mut st = self.conn.prepare(sql)?;
        let rows = st.query_map([], f)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Checks the ledger chain and every stored table against the entries
    /// that committed it, in one read transaction (a concurrent writer is
    /// never seen half-way). Names the first mismatch: the table, the
    /// campaign or key, and the ledger entry.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] describing the first tamper found;
    /// [`StoreError::Backend`] for an unreadable database.
    pub fn audit_records(&self) -> Result<RecordAudit, StoreError> {
        // Within a transaction already open (a publication holding the write
        // lock), that one is the consistent view.
        if !self.conn.is_autocommit() {
            return self.audit_inner();
        }
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let out = self.audit_inner();
        // A read transaction: ending it cannot lose anything.
        let _ = self.conn.execute_batch("COMMIT");
        out
    }

    fn audit_inner(&self) -> Result<RecordAudit, StoreError> {
        let entries = if self.table_exists("ledger")? {
            self.ledger()?
        } else {
            Vec::new()
        };
        let head = verify_chain(&entries).map_err(|e| tampered(e.to_string()))?;
        let mut a = RecordAudit {
            entries: entries.len(),
            head,
            announcements: 0,
            snapshots: 0,
            reveals: 0,
            proofs: 0,
            other: 0,
            results: 0,
            schedules: 0,
        };
        let by_kind = |k: &'static str| entries.iter().filter(move |e| e.kind == k);

        // Announcements: the stored body hashes to the entry's hash.
        let stored: BTreeMap<String, (Vec<u8>, String)> = self
            .rows(
                "announcements",
                "SELECT campaign_id, hash, body FROM announcements",
                |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))),
            )?
            .into_iter()
            .collect();
        let mut announced: BTreeMap<String, Announcement> = BTreeMap::new();
        for e in by_kind("announcement") {
            let b = body(e)?;
            let want = text(&b, "announcement_hash");
            let Some((col, text_body)) = stored.get(&e.campaign) else {
                return Err(tampered(format!(
                    "the announcement of {} (ledger entry {}) is missing from the announcements table",
                    e.campaign, e.seq
                )));
            };
            let ann: Announcement = serde_json::from_str(text_body).map_err(|_| {
                tampered(format!(
                    "the stored announcement of {} is not an announcement",
                    e.campaign
                ))
            })?;
            let got = ann.compute_hash();
            if got.to_hex() != want || col.as_slice() != got.0.as_slice() || ann.hash != got {
                return Err(tampered(format!(
                    "the stored announcement of {} hashes to {got}, but ledger entry {} recorded {want}: it was edited",
                    e.campaign, e.seq
                )));
            }
            // The snapshot it names must still be there, with the digest committed.
            let digest = text(&b, "snapshot_digest");
            let snap = self.snapshot(ann.snapshot.id).map_err(|_| {
                tampered(format!(
                    "snapshot {} named by the announcement of {} (ledger entry {}) is missing",
                    ann.snapshot.id, e.campaign, e.seq
                ))
            })?;
            if snap.digest.to_hex() != digest || snap.roots.digest() != snap.digest {
                return Err(tampered(format!(
                    "snapshot {} has digest {}, but ledger entry {} recorded {digest} for {}",
                    snap.id, snap.digest, e.seq, e.campaign
                )));
            }
            a.snapshots += 1;
            a.announcements += 1;
            announced.insert(e.campaign.clone(), ann);
        }
        if let Some(id) = stored.keys().find(|k| !announced.contains_key(*k)) {
            return Err(tampered(format!(
                "the announcements table holds {id}, which no ledger entry announced"
            )));
        }

        // Draws: the stored proof is the one hashed, of the stored announcement.
        let draws: BTreeMap<String, String> = self
            .rows("draws", "SELECT campaign_id, proof FROM draws", |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .into_iter()
            .collect();
        let mut proofs: BTreeMap<String, DrawProof> = BTreeMap::new();
        let mut commitments: BTreeMap<String, String> = BTreeMap::new();
        for e in by_kind("draw") {
            let b = body(e)?;
            let want = text(&b, "proof_sha256");
            let Some(t) = draws.get(&e.campaign) else {
                return Err(tampered(format!(
                    "the proof of {} (ledger entry {}) is missing from the draws table",
                    e.campaign, e.seq
                )));
            };
            let got = Hash::digest(t.as_bytes()).to_hex();
            if got != want {
                return Err(tampered(format!(
                    "the recorded proof of {} has SHA-256 {got}, but ledger entry {} recorded {want}",
                    e.campaign, e.seq
                )));
            }
            let p: DrawProof = serde_json::from_str(t).map_err(|_| {
                tampered(format!(
                    "the recorded proof of {} is not a proof",
                    e.campaign
                ))
            })?;
            if announced.get(&e.campaign) != Some(&p.announcement) {
                return Err(tampered(format!(
                    "the proof of {} (ledger entry {}) was drawn from another announcement than the one stored",
                    e.campaign, e.seq
                )));
            }
            if let Some(c) = b["schedule_commitment"].as_str() {
                commitments.insert(e.campaign.clone(), c.to_string());
            }
            proofs.insert(e.campaign.clone(), p);
            a.proofs += 1;
        }
        if let Some(id) = draws.keys().find(|k| !proofs.contains_key(*k)) {
            return Err(tampered(format!(
                "the draws table holds a draw of {id}, which no ledger entry recorded"
            )));
        }

        // Reveals: one entry per stored reveal; a drawn campaign's reveals are its proof's.
        let reveals = self.rows(
            "reveals",
            "SELECT campaign_id, name, secret, revealed_at FROM reveals ORDER BY campaign_id, name",
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        )?;
        let mut stored_names: BTreeSet<(String, String)> = BTreeSet::new();
        let mut by_campaign: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
        for (c, n, s, at) in reveals {
            stored_names.insert((c.clone(), n.clone()));
            by_campaign.entry(c).or_default().push((n, s, at));
        }
        let entry_names: BTreeSet<(String, String)> = by_kind("reveal")
            .map(|e| Ok((e.campaign.clone(), text(&body(e)?, "witness"))))
            .collect::<Result<_, StoreError>>()?;
        if let Some((c, n)) = stored_names.symmetric_difference(&entry_names).next() {
            return Err(tampered(format!(
                "the reveal of {n} for {c} is {} the ledger but {} the reveals table",
                if entry_names.contains(&(c.clone(), n.clone())) {
                    "in"
                } else {
                    "not in"
                },
                if stored_names.contains(&(c.clone(), n.clone())) {
                    "in"
                } else {
                    "not in"
                },
            )));
        }
        for (c, p) in &proofs {
            let mut used: Vec<(String, String, String)> = p
                .entropy
                .reveals
                .iter()
                .map(|r: &Reveal| {
                    (
                        r.name.clone(),
                        r.secret.clone(),
                        crate::core::campaign::instant_text(&r.revealed_at),
                    )
                })
                .collect();
            used.sort();
            let mut have = by_campaign.get(c).cloned().unwrap_or_default();
            have.sort();
            if used != have {
                return Err(tampered(format!(
                    "the stored reveals of {c} differ from those its proof used (ledger-hashed): a reveal was changed after the draw"
                )));
            }
        }
        a.reveals = stored_names.len();

        // Voids, replacements, publications, history imports: rows ⇔ entries.
        let voids: BTreeSet<String> = self
            .rows("voids", "SELECT campaign_id FROM voids", |r| r.get(0))?
            .into_iter()
            .collect();
        let void_entries: BTreeSet<String> = by_kind("void").map(|e| e.campaign.clone()).collect();
        if let Some(c) = voids.symmetric_difference(&void_entries).next() {
            return Err(tampered(format!(
                "the voiding of {c} is in one of the ledger and the voids table but not the other"
            )));
        }
        a.other += voids.len();
        let reps: Vec<(String, String)> = self.rows(
            "replacements",
            "SELECT campaign_id, body FROM replacements ORDER BY campaign_id, seq",
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut rep_entries: Vec<(String, Value)> = by_kind("replacement")
            .map(|e| Ok((e.campaign.clone(), body(e)?)))
            .collect::<Result<_, StoreError>>()?;
        rep_entries.sort_by(|x, y| x.0.cmp(&y.0));
        let rep_rows: Vec<(String, Value)> = reps
            .into_iter()
            .map(|(c, b)| (c, serde_json::from_str(&b).unwrap_or(Value::Null)))
            .collect();
        if rep_rows != rep_entries {
            return Err(tampered(
                "the replacements table differs from the replacement entries of the ledger",
            ));
        }
        a.other += rep_rows.len();
        let mut pubs: Vec<(String, String, String)> = self.rows(
            "publications",
            "SELECT campaign_id, kind, at FROM publications",
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        pubs.sort();
        let mut pub_entries: Vec<(String, String, String)> = by_kind("publication")
            .map(|e| Ok((e.campaign.clone(), text(&body(e)?, "what"), e.at.clone())))
            .collect::<Result<_, StoreError>>()?;
        pub_entries.sort();
        if pubs != pub_entries {
            return Err(tampered(
                "the publications table differs from the publication entries of the ledger (a publication was deleted, added or changed)",
            ));
        }
        a.other += pubs.len();
        // History: as many rows per source as its entries imported; and the
        // rows of a source hash to the digest its latest entry recorded
        // (entries written before digests were recorded are count-checked).
        let mut hist_rows: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for (u, d, s) in self.rows(
            "history",
            "SELECT uscc, inspected, source FROM history",
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            },
        )? {
            hist_rows.entry(s).or_default().push((u, d));
        }
        let hist: BTreeMap<String, u64> = hist_rows
            .iter()
            .map(|(s, r)| (s.clone(), r.len() as u64))
            .collect();
        let mut hist_entries: BTreeMap<String, u64> = BTreeMap::new();
        let mut hist_digests: BTreeMap<String, (u64, Option<String>)> = BTreeMap::new();
        for e in by_kind("history_import") {
            let b = body(e)?;
            let source = text(&b, "source");
            *hist_entries.entry(source.clone()).or_default() += b["rows"].as_u64().unwrap_or(0);
            let digest = b["source_rows_sha256"].as_str().map(str::to_string);
            hist_digests.insert(source, (e.seq, digest));
        }
        if hist != hist_entries {
            return Err(tampered(
                "the imported history rows differ in number from the history_import entries of the ledger",
            ));
        }
        for (source, (seq, want)) in &hist_digests {
            let Some(want) = want else { continue };
            let rows = hist_rows.get(source).map(Vec::as_slice).unwrap_or_default();
            let got = crate::core::results::history_rows_sha256(source, rows).to_hex();
            if &got != want {
                return Err(tampered(format!(
                    "the imported history rows of {source} hash to {got}, but ledger entry {seq} recorded {want}: a row was edited or swapped"
                )));
            }
        }
        a.other += hist.len();
        a.other += self.audit_calendars(&entries)?;

        // Results: each stored result is its latest entry.
        let mut latest: BTreeMap<(String, String, String), (u64, String)> = BTreeMap::new();
        for e in entries
            .iter()
            .filter(|e| e.kind == "result" || e.kind == "correction")
        {
            let r: InspectionResult = serde_json::from_str(&e.body)
                .map_err(|_| tampered(format!("ledger entry {}: not a result", e.seq)))?;
            let v = serde_json::to_string(&r).unwrap_or_default();
            latest.insert((r.campaign, r.target, r.item), (e.seq, v));
        }
        let stored: BTreeMap<(String, String, String), String> = self
            .rows(
                "results",
                "SELECT campaign_id, target, item, body FROM results",
                |r| Ok(((r.get(0)?, r.get(1)?, r.get(2)?), r.get(3)?)),
            )?
            .into_iter()
            .collect();
        for (k, (seq, v)) in &latest {
            match stored.get(k) {
                Some(b) if b == v => a.results += 1,
                _ => {
                    return Err(tampered(format!(
                        "the recorded result of {} item {} differs from ledger entry {seq}",
                        k.1, k.2
                    )));
                }
            }
        }
        if let Some(k) = stored.keys().find(|k| !latest.contains_key(*k)) {
            return Err(tampered(format!(
                "a result of {} item {} has no ledger entry",
                k.1, k.2
            )));
        }

        // Schedule secrets open their draws' commitments.
        for (c, s) in self.rows(
            "schedule_secrets",
            "SELECT campaign_id, secret FROM schedule_secrets",
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )? {
            let got = schedule_secret_commitment(&s).to_hex();
            if commitments.get(&c) != Some(&got) {
                return Err(tampered(format!(
                    "the schedule secret of {c} does not open the commitment of its draw entry"
                )));
            }
        }
        // Schedules: the stored dates are those last committed for the key.
        let mut last_dates: BTreeMap<String, (u64, String, Option<Value>)> = BTreeMap::new();
        for e in entries.iter().filter(|e| {
            e.kind == "schedule" || e.kind == "reschedule" || e.kind == "schedule_reveal"
        }) {
            let b = body(e)?;
            let dates = (e.kind == "schedule_reveal").then(|| b["dates"].clone());
            last_dates.insert(e.campaign.clone(), (e.seq, text(&b, "dates_sha256"), dates));
        }
        let schedules: Vec<(String, String)> =
            self.rows("schedules", "SELECT key, body FROM schedules", |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        for (key, text_body) in &schedules {
            let rec: ScheduleRecord = serde_json::from_str(text_body).map_err(|_| {
                tampered(format!(
                    "the stored schedule {key} is not a schedule record"
                ))
            })?;
            let Some((seq, want, revealed)) = last_dates.get(key) else {
                return Err(tampered(format!(
                    "the stored schedule {key} has no ledger entry"
                )));
            };
            let got = rec.dates_sha256().to_hex();
            if &got != want {
                return Err(tampered(format!(
                    "the stored dates of schedule {key} hash to {got}, but ledger entry {seq} recorded {want}: they were edited"
                )));
            }
            if let Some(d) = revealed {
                let dates = serde_json::to_value(&rec.dates).unwrap_or(Value::Null);
                if &dates != d {
                    return Err(tampered(format!(
                        "the stored dates of schedule {key} differ from those revealed in ledger entry {seq}"
                    )));
                }
            }
            a.schedules += 1;
        }
        if let Some(k) = last_dates
            .keys()
            .find(|k| !schedules.iter().any(|(s, _)| s == *k))
        {
            return Err(tampered(format!(
                "the schedule {k} recorded in the ledger is missing from the schedules table"
            )));
        }
        Ok(a)
    }

    /// Calendars (`docs/CALENDAR.md`): each stored year is the one its latest
    /// `calendar_import` / `calendar_assume` entry recorded (an official
    /// schedule hashing to the entry's `sha256`, whose own days hash to it
    /// too), and every such year is stored. Returns the years checked.
    fn audit_calendars(&self, entries: &[Entry]) -> Result<usize, StoreError> {
        let mut latest: BTreeMap<i64, (u64, Option<String>)> = BTreeMap::new();
        for e in entries
            .iter()
            .filter(|e| e.kind == "calendar_import" || e.kind == "calendar_assume")
        {
            let b = body(e)?;
            let year = b["year"]
                .as_i64()
                .ok_or_else(|| tampered(format!("ledger entry {}: no year", e.seq)))?;
            let sha = if e.kind == "calendar_import" {
                let y: crate::core::calendar::YearSchedule = serde_json::from_value(b.clone())
                    .map_err(|_| {
                        tampered(format!("ledger entry {}: not a year's schedule", e.seq))
                    })?;
                let want = text(&b, "sha256");
                if y.sha256().to_hex() != want {
                    return Err(tampered(format!(
                        "the holiday schedule of {year} in ledger entry {} does not hash to its sha256",
                        e.seq
                    )));
                }
                Some(want)
            } else {
                None
            };
            latest.insert(year, (e.seq, sha));
        }
        let rows = self.calendar_rows()?;
        for r in &rows {
            let Some((seq, want)) = latest.get(&i64::from(r.year)) else {
                return Err(tampered(format!(
                    "the calendars table holds {}, which no ledger entry recorded",
                    r.year
                )));
            };
            let got = match r.kind.as_str() {
                "official" => Some(
                    serde_json::from_str::<crate::core::calendar::YearSchedule>(&r.body)
                        .ok()
                        .filter(|y| y.year == r.year)
                        .map(|y| y.sha256().to_hex())
                        .unwrap_or_default(),
                ),
                _ => None,
            };
            if &got != want {
                return Err(tampered(format!(
                    "the stored holiday schedule of {} differs from ledger entry {seq} ({}): it was edited",
                    r.year,
                    if want.is_some() {
                        "an imported schedule"
                    } else {
                        "weekends assumed"
                    }
                )));
            }
        }
        if let Some((y, (seq, _))) = latest
            .iter()
            .find(|(y, _)| !rows.iter().any(|r| i64::from(r.year) == **y))
        {
            return Err(tampered(format!(
                "the holiday schedule of {y} recorded in ledger entry {seq} is missing from the calendars table"
            )));
        }
        Ok(rows.len())
    }
}
