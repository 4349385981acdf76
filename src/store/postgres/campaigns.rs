//! Announcements, reveals, draws, voidings and replacements of the
//! PostgreSQL store: the SQLite workspace's
//! (`src/store/sqlite/campaigns_shared.rs`) checks, ledger bodies and
//! decoding, shared with it through the backend-neutral associated
//! functions of [`Workspace`]; each check and its write are one
//! [`PgStore::write`] transaction. Text is ordered by `COLLATE "C"` (byte
//! order, as SQLite's `BINARY`), whatever the database's collation.

use super::{PgStore, append};
use crate::core::announcement::Announcement;
use crate::core::campaign::instant_text;
use crate::core::entropy::Reveal;
use crate::core::merkle::Hash;
use crate::core::proof::DrawProof;
use crate::core::replace::{PendingReplacement, Replacement};
use crate::store::sqlite::Workspace;
use crate::store::*;
use ::postgres::GenericClient;
use std::collections::BTreeSet;

/// Whether a campaign was voided (within a transaction or not).
fn is_voided(c: &mut impl GenericClient, id: &str) -> Result<bool, StoreError> {
    Ok(
        c.query_opt("SELECT 1 FROM voids WHERE campaign_id = $1", &[&id])?
            .is_some(),
    )
}

/// Whether a campaign was drawn (within a transaction or not).
fn is_drawn(c: &mut impl GenericClient, id: &str) -> Result<bool, StoreError> {
    Ok(
        c.query_opt("SELECT 1 FROM draws WHERE campaign_id = $1", &[&id])?
            .is_some(),
    )
}

impl PgStore {
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
        self.write(|tx| {
            let mut out = Vec::with_capacity(list.len());
            for (i, a) in list.into_iter().enumerate() {
                let head: Option<Vec<u8>> = tx
                    .query_opt("SELECT hash FROM ledger ORDER BY seq DESC LIMIT 1", &[])?
                    .map(|r| r.get(0));
                let a = Workspace::announcement_on_head(i, a, head)?;
                let body = Workspace::announcement_text(&a)?;
                let at = instant_text(&a.announced_at);
                let n = tx.execute(
                    "INSERT INTO announcements(campaign_id, hash, body, announced_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                    &[&a.campaign.id, &a.hash.0.as_slice(), &body, &at],
                )?;
                if n == 0 {
                    return Err(StoreError::Conflict(Conflict::AlreadyAnnounced {
                        id: a.campaign.id.clone(),
                    }));
                }
                append(
                    tx,
                    "announcement",
                    &a.campaign.id,
                    &at,
                    actor,
                    &Workspace::announcement_entry(&a),
                )?;
                out.push(a);
            }
            Ok(out)
        })
    }

    /// The announcement of a campaign.
    ///
    /// # Errors
    /// [`StoreError::NoCampaign`].
    pub fn announcement(&self, id: &str) -> Result<Announcement, StoreError> {
        let row = self.client()?.query_opt(
            "SELECT body FROM announcements WHERE campaign_id = $1",
            &[&id],
        )?;
        let body: String = row
            .ok_or_else(|| StoreError::NoCampaign(id.to_string()))?
            .get(0);
        Workspace::announcement_from_text(&body, Some(id))
    }

    /// Every announced campaign id, in order of announcement.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn campaign_ids(&self) -> Result<Vec<String>, StoreError> {
        let rows = self.client()?.query(
            "SELECT campaign_id FROM announcements ORDER BY announced_at COLLATE \"C\", campaign_id COLLATE \"C\"",
            &[],
        )?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    /// Every stored announcement, in the order they were recorded (their
    /// ledger entries').
    fn all_announcements(&self) -> Result<Vec<Announcement>, StoreError> {
        let rows = self.client()?.query(
            "SELECT a.body FROM announcements a
             LEFT JOIN (SELECT campaign, min(seq) AS seq FROM ledger WHERE kind = 'announcement' GROUP BY campaign) l
               ON l.campaign = a.campaign_id
             ORDER BY l.seq, a.campaign_id COLLATE \"C\"",
            &[],
        )?;
        rows.iter()
            .map(|r| Workspace::announcement_from_text(r.get(0), None))
            .collect()
    }

    /// The names of the coordination groups announced in this bureau.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    pub fn group_names(&self) -> Result<BTreeSet<String>, StoreError> {
        Ok(Workspace::group_names_among(self.all_announcements()?))
    }

    /// The announcement hashes of a coordination group's members, in the
    /// order of the group's member campaign hashes.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when a member is not announced in this bureau.
    pub fn group_announcements(&self, a: &Announcement) -> Result<Vec<Hash>, StoreError> {
        if a.coordination.is_none() {
            return Ok(Vec::new());
        }
        Workspace::group_announcements_among(a, &self.all_announcements()?)
    }

    /// Whether a campaign is announced, drawn or voided.
    ///
    /// # Errors
    /// [`StoreError::NoCampaign`].
    pub fn campaign_state(&self, id: &str) -> Result<CampaignState, StoreError> {
        self.announcement(id)?;
        let mut c = self.client()?;
        if is_voided(&mut *c, id)? {
            return Ok(CampaignState::Voided);
        }
        Ok(if is_drawn(&mut *c, id)? {
            CampaignState::Drawn
        } else {
            CampaignState::Announced
        })
    }

    /// Records a witness's reveal (checked by the caller) and its ledger entry
    /// (the witness and time; the secret is published with the proof). A
    /// witness reveals once.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when already revealed, drawn or voided.
    pub fn store_reveal(&mut self, id: &str, r: &Reveal, actor: &Actor) -> Result<(), StoreError> {
        self.announcement(id)?;
        let at = instant_text(&r.revealed_at);
        self.write(|tx| {
            // Checked under the write lock: no draw can slip in between.
            if is_drawn(tx, id)? || is_voided(tx, id)? {
                return Err(StoreError::Conflict(Conflict::DrawnOrVoided {
                    id: id.to_string(),
                }));
            }
            let earlier = tx.query_opt(
                "SELECT secret, revealed_at FROM reveals WHERE campaign_id = $1 AND name = $2",
                &[&id, &r.name],
            )?;
            if let Some(row) = earlier {
                let secret: String = row.get(0);
                let when: String = row.get(1);
                let by: Option<String> = tx
                    .query_opt(
                        "SELECT operator FROM ledger WHERE kind = 'reveal' AND campaign = $1 AND body = $2 ORDER BY seq LIMIT 1",
                        &[&id, &Workspace::reveal_entry(&r.name).to_string()],
                    )?
                    .map(|row| row.get(0));
                return Err(Workspace::reveal_recorded(id, r, &secret, when, by));
            }
            tx.execute(
                "INSERT INTO reveals(campaign_id, name, secret, revealed_at) VALUES ($1, $2, $3, $4)",
                &[&id, &r.name, &r.secret, &at],
            )?;
            append(
                tx,
                "reveal",
                id,
                &at,
                actor,
                &Workspace::reveal_entry(&r.name),
            )?;
            Ok(())
        })
    }

    /// The recorded reveals of a campaign, by witness.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn reveals(&self, id: &str) -> Result<Vec<Reveal>, StoreError> {
        let rows = self.client()?.query(
            "SELECT name, secret, revealed_at FROM reveals WHERE campaign_id = $1 ORDER BY name COLLATE \"C\"",
            &[&id],
        )?;
        rows.iter()
            .map(|r| Workspace::reveal_from_row(r.get(0), r.get(1), r.get(2)))
            .collect()
    }

    /// Records a draw and its ledger entry, also keeping the schedule secret
    /// of the campaign's visit dates when given (its commitment goes into the
    /// entry). One draw per announcement: a second (even one started at the
    /// same moment by another process) is refused, and a voided campaign
    /// cannot be drawn (a trigger refuses that too).
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the campaign is already drawn or voided.
    pub fn store_draw_with(
        &mut self,
        p: &DrawProof,
        at: &str,
        actor: &Actor,
        schedule_secret: Option<&str>,
    ) -> Result<(), StoreError> {
        let id = &p.announcement.campaign.id;
        // The published proof file is exactly this text, so its SHA-256 is the ledger's.
        let body = Workspace::proof_text(p)?;
        self.write(|tx| {
            if is_voided(tx, id)? {
                return Err(StoreError::Conflict(Conflict::Voided { id: id.clone() }));
            }
            let n = tx.execute(
                "INSERT INTO draws(campaign_id, seed, proof) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                &[id, &p.seed.0.as_slice(), &body],
            )?;
            if n == 0 {
                return Err(StoreError::Conflict(Conflict::AlreadyDrawn { id: id.clone() }));
            }
            append(
                tx,
                "draw",
                id,
                at,
                actor,
                &Workspace::draw_entry(p, &body, schedule_secret),
            )?;
            if let Some(secret) = schedule_secret {
                tx.execute(
                    "INSERT INTO schedule_secrets(campaign_id, secret) VALUES ($1, $2)",
                    &[id, &secret],
                )?;
            }
            Ok(())
        })
    }

    /// The recorded proof of a drawn campaign.
    ///
    /// # Errors
    /// [`StoreError::NoCampaign`] when not drawn.
    pub fn draw_proof(&self, id: &str) -> Result<DrawProof, StoreError> {
        let row = self
            .client()?
            .query_opt("SELECT proof FROM draws WHERE campaign_id = $1", &[&id])?;
        let text: String = row
            .ok_or_else(|| StoreError::NoCampaign(id.to_string()))?
            .get(0);
        Workspace::proof_from_text(id, &text)
    }

    /// The campaigns drawn and not voided, by id.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn drawn_campaigns(&self) -> Result<Vec<String>, StoreError> {
        let rows = self.client()?.query(
            "SELECT campaign_id FROM draws WHERE campaign_id NOT IN (SELECT campaign_id FROM voids) ORDER BY campaign_id COLLATE \"C\"",
            &[],
        )?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
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
        self.announcement(id)?;
        self.write(|tx| {
            let n = tx.execute(
                "INSERT INTO voids(campaign_id, reason, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                &[&id, &reason, &at],
            )?;
            if n == 0 {
                return Err(StoreError::Conflict(Conflict::AlreadyVoided {
                    id: id.to_string(),
                }));
            }
            append(
                tx,
                "void",
                id,
                at,
                actor,
                &serde_json::json!({ "reason": reason }),
            )?;
            Ok(())
        })
    }

    /// The replacements made after a campaign's draw, in order.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn replacements(&self, id: &str) -> Result<Vec<Replacement>, StoreError> {
        let rows = self.client()?.query(
            "SELECT body FROM replacements WHERE campaign_id = $1 ORDER BY seq",
            &[&id],
        )?;
        rows.iter()
            .map(|r| Workspace::replacement_from_text(id, r.get(0)))
            .collect()
    }

    /// Records a replacement and its ledger entry; its number must be the next one.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] if another replacement took that number, or
    /// the campaign was voided.
    pub fn store_replacement(
        &mut self,
        id: &str,
        r: &Replacement,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let (body, value) = Workspace::record_text(r)?;
        self.write(|tx| {
            if is_voided(tx, id)? {
                return Err(StoreError::Conflict(Conflict::VoidedNoReplacement {
                    id: id.to_string(),
                }));
            }
            if r.beacon.is_some() {
                tx.execute(
                    "DELETE FROM replacement_requests WHERE campaign_id = $1",
                    &[&id],
                )?;
            }
            let n = tx.execute(
                "INSERT INTO replacements(campaign_id, seq, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                &[&id, &i64::from(r.seq), &body],
            )?;
            if n == 0 {
                return Err(StoreError::Conflict(Conflict::ReplacementExists {
                    id: id.to_string(),
                    seq: u64::from(r.seq),
                }));
            }
            append(tx, "replacement", id, &instant_text(&r.at), actor, &value)?;
            Ok(())
        })
    }

    /// Records a replacement request that waits for a future drand round
    /// (one at a time per campaign), with its ledger entry.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when one is already waiting.
    pub fn store_replacement_request(
        &mut self,
        id: &str,
        p: &PendingReplacement,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let (body, value) = Workspace::record_text(p)?;
        self.write(|tx| {
            let n = tx.execute(
                "INSERT INTO replacement_requests(campaign_id, body) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&id, &body],
            )?;
            if n == 0 {
                return Err(StoreError::Conflict(Conflict::ReplacementWaiting {
                    id: id.to_string(),
                }));
            }
            append(
                tx,
                "replacement_request",
                id,
                &instant_text(&p.requested_at),
                actor,
                &value,
            )?;
            Ok(())
        })
    }

    /// The replacement request waiting for its beacon round, if any.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn pending_replacement(&self, id: &str) -> Result<Option<PendingReplacement>, StoreError> {
        let row = self.client()?.query_opt(
            "SELECT body FROM replacement_requests WHERE campaign_id = $1",
            &[&id],
        )?;
        row.map(|r| Workspace::replacement_request_from_text(r.get(0)))
            .transpose()
    }
}
