//! Announcements, reveals and draws kept in the workspace.

use super::{StoreError, Workspace};
use crate::draw::Announcement;
use crate::draw_proof::DrawProof;
use crate::entropy::Reveal;
use rusqlite::{OptionalExtension, params};

/// A campaign's state in the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignState {
    /// Announced, not drawn.
    Announced,
    /// Drawn.
    Drawn,
}

impl Workspace {
    fn ensure_campaign_tables(&self) -> Result<(), StoreError> {
        self.conn.execute_batch(
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
            CREATE TABLE IF NOT EXISTS draws (
                campaign_id TEXT PRIMARY KEY REFERENCES announcements(campaign_id),
                seed        BLOB NOT NULL,
                proof       TEXT NOT NULL
            );",
        )?;
        Ok(())
    }

    /// Stores an announcement. A campaign id is announced once.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] if the id was announced before.
    pub fn store_announcement(&mut self, a: &Announcement) -> Result<(), StoreError> {
        self.ensure_campaign_tables()?;
        let body = serde_json::to_string(a).map_err(|e| StoreError::Conflict(e.to_string()))?;
        let n = self.conn.execute(
            "INSERT OR IGNORE INTO announcements(campaign_id, hash, body, announced_at) VALUES (?1, ?2, ?3, ?4)",
            params![a.campaign.id, a.hash.0.to_vec(), body, crate::campaign::instant_text(&a.announced_at)],
        )?;
        if n == 0 {
            return Err(StoreError::Conflict(format!(
                "campaign {} is already announced: a new campaign needs a new id",
                a.campaign.id
            )));
        }
        Ok(())
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
        serde_json::from_str(&body)
            .map_err(|e| StoreError::Conflict(format!("stored announcement of {id}: {e}")))
    }

    /// Records a witness's reveal (checked by the caller). A witness reveals once.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when already revealed or drawn.
    pub fn store_reveal(&mut self, id: &str, r: &Reveal) -> Result<(), StoreError> {
        self.ensure_campaign_tables()?;
        if self.campaign_state(id)? == CampaignState::Drawn {
            return Err(StoreError::Conflict(format!(
                "campaign {id} is already drawn"
            )));
        }
        let n = self.conn.execute(
            "INSERT OR IGNORE INTO reveals(campaign_id, name, secret, revealed_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, r.name, r.secret, crate::campaign::instant_text(&r.revealed_at)],
        )?;
        if n == 0 {
            return Err(StoreError::Conflict(format!(
                "{} has already revealed for {id}",
                r.name
            )));
        }
        Ok(())
    }

    /// The recorded reveals of a campaign.
    ///
    /// # Errors
    /// [`StoreError::Sql`].
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
            let revealed_at = chrono::DateTime::parse_from_rfc3339(&at)
                .map(|t| t.with_timezone(&chrono::Utc))
                .map_err(|e| StoreError::Conflict(format!("stored reveal time {at:?}: {e}")))?;
            out.push(Reveal {
                name,
                secret,
                revealed_at,
            });
        }
        Ok(out)
    }

    /// Whether a campaign is drawn.
    ///
    /// # Errors
    /// [`StoreError::NoCampaign`].
    pub fn campaign_state(&self, id: &str) -> Result<CampaignState, StoreError> {
        self.ensure_campaign_tables()?;
        self.announcement(id)?;
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

    /// Records a draw. One draw per announcement: a second is refused.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the campaign is already drawn.
    pub fn store_draw(&mut self, p: &DrawProof) -> Result<(), StoreError> {
        self.ensure_campaign_tables()?;
        let body = serde_json::to_string(p).map_err(|e| StoreError::Conflict(e.to_string()))?;
        let n = self.conn.execute(
            "INSERT OR IGNORE INTO draws(campaign_id, seed, proof) VALUES (?1, ?2, ?3)",
            params![p.announcement.campaign.id, p.seed.0.to_vec(), body],
        )?;
        if n == 0 {
            return Err(StoreError::Conflict(format!(
                "campaign {} is already drawn: one draw per announcement",
                p.announcement.campaign.id
            )));
        }
        Ok(())
    }

    /// The recorded proof of a drawn campaign.
    ///
    /// # Errors
    /// [`StoreError::NoCampaign`] when not drawn.
    pub fn draw_proof(&self, id: &str) -> Result<DrawProof, StoreError> {
        self.ensure_campaign_tables()?;
        let body: Option<String> = self
            .conn
            .query_row(
                "SELECT proof FROM draws WHERE campaign_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let body = body.ok_or_else(|| StoreError::NoCampaign(id.to_string()))?;
        serde_json::from_str(&body)
            .map_err(|e| StoreError::Conflict(format!("stored proof of {id}: {e}")))
    }

    /// The replacements made after a campaign's draw, in order.
    ///
    /// # Errors
    /// [`StoreError::Sql`].
    pub fn replacements(&self, id: &str) -> Result<Vec<crate::replace::Replacement>, StoreError> {
        self.ensure_campaign_tables()?;
        let mut st = self
            .conn
            .prepare("SELECT body FROM replacements WHERE campaign_id = ?1 ORDER BY seq")?;
        let rows = st.query_map([id], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            let body = row?;
            out.push(
                serde_json::from_str(&body).map_err(|e| {
                    StoreError::Conflict(format!("stored replacement of {id}: {e}"))
                })?,
            );
        }
        Ok(out)
    }

    /// Records a replacement; its number must be the next one.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] if another replacement took that number.
    pub fn store_replacement(
        &mut self,
        id: &str,
        r: &crate::replace::Replacement,
    ) -> Result<(), StoreError> {
        self.ensure_campaign_tables()?;
        let body = serde_json::to_string(r).map_err(|e| StoreError::Conflict(e.to_string()))?;
        let n = self.conn.execute(
            "INSERT OR IGNORE INTO replacements(campaign_id, seq, body) VALUES (?1, ?2, ?3)",
            params![id, r.seq, body],
        )?;
        if n == 0 {
            return Err(StoreError::Conflict(format!(
                "replacement {} of {id} already exists",
                r.seq
            )));
        }
        Ok(())
    }

    /// Finds the snapshot with a digest.
    ///
    /// # Errors
    /// [`StoreError::Sql`].
    pub fn snapshot_by_digest(
        &self,
        digest: &crate::merkle::Hash,
    ) -> Result<Option<super::SnapshotInfo>, StoreError> {
        Ok(self
            .snapshots()?
            .into_iter()
            .rev()
            .find(|s| &s.digest == digest))
    }
}
