//! Announcements, reveals and draws kept in the workspace.

use super::ledger::append;
use super::{StoreError, Workspace, commit};
use crate::core::announcement::Announcement;
use crate::core::entropy::Reveal;
use crate::core::merkle::Hash;
use crate::core::proof::DrawProof;
use crate::store::Actor;
use crate::store::CampaignState;
use crate::store::Conflict;
use rusqlite::{OptionalExtension, params};

/// Whether a campaign was voided (within a transaction or not).
fn is_voided(conn: &rusqlite::Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .query_row("SELECT 1 FROM voids WHERE campaign_id = ?1", [id], |r| {
            r.get::<_, i64>(0)
        })
        .optional()?
        .is_some())
}

impl Workspace {
    pub(super) fn ensure_campaign_tables(&self) -> Result<(), StoreError> {
        self.ensure_sql(
            "CREATE TABLE IF NOT EXISTS announcements (
                campaign_id  TEXT PRIMARY KEY,
                hash         BLOB NOT NULL,
                body         TEXT NOT NULL,
                announced_at TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS reveals (
                campaign_id TEXT NOT NULL REFERENCES announcements(campaign_id),
                name        TEXT NOT NULL,
                secret      TEXT NOT NULL,
                revealed_at TEXT NOT NULL,
                PRIMARY KEY (campaign_id, name)
            );
            CREATE TABLE IF NOT EXISTS replacements (
                campaign_id TEXT NOT NULL REFERENCES draws(campaign_id),
                seq         INTEGER NOT NULL,
                body        TEXT NOT NULL,
                PRIMARY KEY (campaign_id, seq)
            );
            CREATE TABLE IF NOT EXISTS replacement_requests (
                campaign_id TEXT PRIMARY KEY,
                body        TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS voids (
                campaign_id TEXT PRIMARY KEY REFERENCES announcements(campaign_id),
                reason      TEXT NOT NULL,
                at          TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS schedule_secrets (
                campaign_id TEXT PRIMARY KEY,
                secret      TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS draws (
                campaign_id TEXT PRIMARY KEY REFERENCES announcements(campaign_id),
                seed        BLOB NOT NULL,
                proof       TEXT NOT NULL
            );",
        )?;
        self.ensure_sql(super::ledger::LEDGER_SQL)?;
        Ok(())
    }

    /// Stores an announcement and its ledger entry. A campaign id is
    /// announced once, and only on the ledger head it commits to.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] if the id was announced before or the ledger
    /// moved since the announcement was made.
    pub fn store_announcement(
        &mut self,
        a: &Announcement,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        self.store_announcements(vec![a.clone()], actor).map(|_| ())
    }

    /// Records several announcements in one transaction (a coordination
    /// group is announced together): the first must name the current ledger
    /// head; each later one is re-made on the head the previous one left.
    /// Returns the announcements as recorded.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the ledger moved or a campaign id is taken;
    /// nothing is recorded.
    pub fn store_announcements(
        &mut self,
        list: Vec<Announcement>,
        actor: &Actor,
    ) -> Result<Vec<Announcement>, StoreError> {
        self.ensure_campaign_tables()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(list.len());
        for (i, a) in list.into_iter().enumerate() {
            let head: Option<Vec<u8>> = tx
                .query_row(
                    "SELECT hash FROM ledger ORDER BY seq DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            let a = Self::announcement_on_head(i, a, head)?;
            let body = Self::announcement_text(&a)?;
            let n = tx.execute(
                "INSERT OR IGNORE INTO announcements(campaign_id, hash, body, announced_at) VALUES (?1, ?2, ?3, ?4)",
                params![a.campaign.id, a.hash.0.to_vec(), body, crate::core::campaign::instant_text(&a.announced_at)],
            )?;
            if n == 0 {
                return Err(StoreError::Conflict(Conflict::AlreadyAnnounced {
                    id: a.campaign.id.clone(),
                }));
            }
            append(
                &tx,
                "announcement",
                &a.campaign.id,
                &crate::core::campaign::instant_text(&a.announced_at),
                actor,
                &Self::announcement_entry(&a),
            )?;
            out.push(a);
        }
        commit(tx)?;
        Ok(out)
    }

    /// The names of the coordination groups announced in this workspace.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    pub fn group_names(&self) -> Result<std::collections::BTreeSet<String>, StoreError> {
        Ok(Self::group_names_among(self.all_announcements()?))
    }

    /// Every stored announcement.
    fn all_announcements(&self) -> Result<Vec<Announcement>, StoreError> {
        self.ensure_campaign_tables()?;
        let mut st = self.conn.prepare("SELECT body FROM announcements")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(Self::announcement_from_text(&row?, None)?);
        }
        Ok(out)
    }

    /// The announcement hashes of a coordination group's members, in the
    /// order of the group's member campaign hashes.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when a member is not announced in this workspace.
    pub fn group_announcements(&self, a: &Announcement) -> Result<Vec<Hash>, StoreError> {
        if a.coordination.is_none() {
            return Ok(Vec::new());
        }
        Self::group_announcements_among(a, &self.all_announcements()?)
    }

    /// The campaigns drawn and not voided, by id.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn drawn_campaigns(&self) -> Result<Vec<String>, StoreError> {
        self.ensure_campaign_tables()?;
        let mut st = self.conn.prepare(
            "SELECT campaign_id FROM draws WHERE campaign_id NOT IN (SELECT campaign_id FROM voids) ORDER BY 1",
        )?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The announcement of a campaign.
    ///
    /// # Errors
    /// [`StoreError::NoCampaign`].
    pub fn announcement(&self, id: &str) -> Result<Announcement, StoreError> {
        self.ensure_campaign_tables()?;
        let body: Option<String> = self
            .conn
            .query_row(
                "SELECT body FROM announcements WHERE campaign_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let body = body.ok_or_else(|| StoreError::NoCampaign(id.to_string()))?;
        Self::announcement_from_text(&body, Some(id))
    }

    /// Records a witness's reveal (checked by the caller) and its ledger entry
    /// (the witness and time; the secret is published with the proof). A
    /// witness reveals once.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when already revealed, drawn or voided.
    pub fn store_reveal(&mut self, id: &str, r: &Reveal, actor: &Actor) -> Result<(), StoreError> {
        self.ensure_campaign_tables()?;
        self.announcement(id)?;
        let at = crate::core::campaign::instant_text(&r.revealed_at);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Checked under the write lock: no draw can slip in between.
        let drawn: Option<i64> = tx
            .query_row("SELECT 1 FROM draws WHERE campaign_id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        if drawn.is_some() || is_voided(&tx, id)? {
            return Err(StoreError::Conflict(Conflict::DrawnOrVoided {
                id: id.to_string(),
            }));
        }
        let earlier: Option<(String, String)> = tx
            .query_row(
                "SELECT secret, revealed_at FROM reveals WHERE campaign_id = ?1 AND name = ?2",
                params![id, r.name],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        if let Some((secret, when)) = earlier {
            let by: Option<String> = tx
                .query_row(
                    "SELECT operator FROM ledger WHERE kind = 'reveal' AND campaign = ?1 AND body = ?2 ORDER BY seq LIMIT 1",
                    params![id, Self::reveal_entry(&r.name).to_string()],
                    |row| row.get(0),
                )
                .optional()?;
            return Err(Self::reveal_recorded(id, r, &secret, when, by));
        }
        tx.execute(
            "INSERT INTO reveals(campaign_id, name, secret, revealed_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, r.name, r.secret, at],
        )?;
        append(&tx, "reveal", id, &at, actor, &Self::reveal_entry(&r.name))?;
        commit(tx)?;
        Ok(())
    }

    /// The recorded reveals of a campaign.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn reveals(&self, id: &str) -> Result<Vec<Reveal>, StoreError> {
        self.ensure_campaign_tables()?;
        let mut st = self.conn.prepare(
            "SELECT name, secret, revealed_at FROM reveals WHERE campaign_id = ?1 ORDER BY name",
        )?;
        let rows = st.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (name, secret, at) = row?;
            out.push(Self::reveal_from_row(name, secret, &at)?);
        }
        Ok(out)
    }

    /// Whether a campaign is announced, drawn or voided.
    ///
    /// # Errors
    /// [`StoreError::NoCampaign`].
    pub fn campaign_state(&self, id: &str) -> Result<CampaignState, StoreError> {
        self.ensure_campaign_tables()?;
        self.announcement(id)?;
        if is_voided(&self.conn, id)? {
            return Ok(CampaignState::Voided);
        }
        let drawn: Option<i64> = self
            .conn
            .query_row("SELECT 1 FROM draws WHERE campaign_id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(if drawn.is_some() {
            CampaignState::Drawn
        } else {
            CampaignState::Announced
        })
    }

    /// Records a draw and its ledger entry. One draw per announcement: a
    /// second (even one started at the same moment by another process) is
    /// refused, and a voided campaign cannot be drawn.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the campaign is already drawn or voided.
    pub fn store_draw(&mut self, p: &DrawProof, at: &str, actor: &Actor) -> Result<(), StoreError> {
        self.store_draw_with(p, at, actor, None)
    }

    /// [`Workspace::store_draw`], also keeping the schedule secret of the
    /// campaign's visit dates (`docs/SCHEDULE.md`): the secret stays in the
    /// workspace and its commitment goes into the draw's ledger entry, so the
    /// dates are fixed at draw time yet unknown to the public until revealed.
    ///
    /// # Errors
    /// As [`Workspace::store_draw`].
    pub fn store_draw_with(
        &mut self,
        p: &DrawProof,
        at: &str,
        actor: &Actor,
        schedule_secret: Option<&str>,
    ) -> Result<(), StoreError> {
        self.ensure_campaign_tables()?;
        let id = &p.announcement.campaign.id;
        // The published proof file is exactly this text, so its SHA-256 is the ledger's.
        let body = Self::proof_text(p)?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if is_voided(&tx, id)? {
            return Err(StoreError::Conflict(Conflict::Voided {
                id: id.to_string(),
            }));
        }
        let n = tx.execute(
            "INSERT OR IGNORE INTO draws(campaign_id, seed, proof) VALUES (?1, ?2, ?3)",
            params![id, p.seed.0.to_vec(), body],
        )?;
        if n == 0 {
            return Err(StoreError::Conflict(Conflict::AlreadyDrawn {
                id: id.to_string(),
            }));
        }
        append(
            &tx,
            "draw",
            id,
            at,
            actor,
            &Self::draw_entry(p, &body, schedule_secret),
        )?;
        if let Some(secret) = schedule_secret {
            tx.execute(
                "INSERT INTO schedule_secrets(campaign_id, secret) VALUES (?1, ?2)",
                params![id, secret],
            )?;
        }
        commit(tx)?;
        Ok(())
    }

    /// Voids a campaign in the open: the voiding is a ledger entry; a drawn
    /// campaign's draw stays recorded.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when already voided.
    pub fn void_campaign(
        &mut self,
        id: &str,
        reason: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        self.ensure_campaign_tables()?;
        self.announcement(id)?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let n = tx.execute(
            "INSERT OR IGNORE INTO voids(campaign_id, reason, at) VALUES (?1, ?2, ?3)",
            params![id, reason, at],
        )?;
        if n == 0 {
            return Err(StoreError::Conflict(Conflict::AlreadyVoided {
                id: id.to_string(),
            }));
        }
        append(
            &tx,
            "void",
            id,
            at,
            actor,
            &serde_json::json!({"reason": reason}),
        )?;
        commit(tx)?;
        Ok(())
    }

    /// The recorded proof JSON text of a drawn campaign (as its ledger entry hashed it).
    ///
    /// # Errors
    /// [`StoreError::NoCampaign`] when not drawn.
    pub fn draw_proof_text(&self, id: &str) -> Result<String, StoreError> {
        self.ensure_campaign_tables()?;
        let body: Option<String> = self
            .conn
            .query_row(
                "SELECT proof FROM draws WHERE campaign_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        body.ok_or_else(|| StoreError::NoCampaign(id.to_string()))
    }

    /// The recorded proof of a drawn campaign.
    ///
    /// # Errors
    /// [`StoreError::NoCampaign`] when not drawn.
    pub fn draw_proof(&self, id: &str) -> Result<DrawProof, StoreError> {
        Self::proof_from_text(id, &self.draw_proof_text(id)?)
    }

    /// The replacements made after a campaign's draw, in order.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn replacements(
        &self,
        id: &str,
    ) -> Result<Vec<crate::core::replace::Replacement>, StoreError> {
        self.ensure_campaign_tables()?;
        let mut st = self
            .conn
            .prepare("SELECT body FROM replacements WHERE campaign_id = ?1 ORDER BY seq")?;
        let rows = st.query_map([id], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(Self::replacement_from_text(id, &row?)?);
        }
        Ok(out)
    }

    /// Records a replacement and its ledger entry; its number must be the next one.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] if another replacement took that number.
    pub fn store_replacement(
        &mut self,
        id: &str,
        r: &crate::core::replace::Replacement,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        self.ensure_campaign_tables()?;
        let (body, value) = Self::record_text(r)?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if is_voided(&tx, id)? {
            return Err(StoreError::Conflict(Conflict::VoidedNoReplacement {
                id: id.to_string(),
            }));
        }
        if r.beacon.is_some() {
            tx.execute(
                "DELETE FROM replacement_requests WHERE campaign_id = ?1",
                [id],
            )?;
        }
        let n = tx.execute(
            "INSERT OR IGNORE INTO replacements(campaign_id, seq, body) VALUES (?1, ?2, ?3)",
            params![id, r.seq, body],
        )?;
        if n == 0 {
            return Err(StoreError::Conflict(Conflict::ReplacementExists {
                id: id.to_string(),
                seq: u64::from(r.seq),
            }));
        }
        append(
            &tx,
            "replacement",
            id,
            &crate::core::campaign::instant_text(&r.at),
            actor,
            &value,
        )?;
        commit(tx)?;
        Ok(())
    }

    /// Records a replacement request that waits for a future drand round
    /// (one at a time per campaign), with its ledger entry.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when one is already waiting.
    pub fn store_replacement_request(
        &mut self,
        id: &str,
        p: &crate::core::replace::PendingReplacement,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        self.ensure_campaign_tables()?;
        let (body, value) = Self::record_text(p)?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let n = tx.execute(
            "INSERT OR IGNORE INTO replacement_requests(campaign_id, body) VALUES (?1, ?2)",
            params![id, body],
        )?;
        if n == 0 {
            return Err(StoreError::Conflict(Conflict::ReplacementWaiting {
                id: id.to_string(),
            }));
        }
        append(
            &tx,
            "replacement_request",
            id,
            &crate::core::campaign::instant_text(&p.requested_at),
            actor,
            &value,
        )?;
        commit(tx)?;
        Ok(())
    }

    /// The replacement request waiting for its beacon round, if any.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn pending_replacement(
        &self,
        id: &str,
    ) -> Result<Option<crate::core::replace::PendingReplacement>, StoreError> {
        self.ensure_campaign_tables()?;
        let body: Option<String> = self
            .conn
            .query_row(
                "SELECT body FROM replacement_requests WHERE campaign_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        body.map(|b| Self::replacement_request_from_text(&b))
            .transpose()
    }

    /// Finds the snapshot with a digest.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn snapshot_by_digest(
        &self,
        digest: &crate::core::merkle::Hash,
    ) -> Result<Option<super::SnapshotInfo>, StoreError> {
        Ok(self
            .snapshots()?
            .into_iter()
            .rev()
            .find(|s| &s.digest == digest))
    }
}
