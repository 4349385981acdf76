//! The campaign records' pieces that touch no SQL: the ledger-head check of
//! an announcement, the stored texts and ledger entry bodies of
//! announcements, reveals, draws and replacements, their decoding, and the
//! refusals both backends give. Shared with the PostgreSQL store
//! (`store::postgres`) as associated functions of [`Workspace`].

use super::{StoreError, Workspace};
use crate::core::announcement::Announcement;
use crate::core::entropy::Reveal;
use crate::core::merkle::Hash;
use crate::core::proof::DrawProof;
use crate::store::Conflict;

/// The backend-neutral parts of the campaign records (the checks, ledger
/// bodies and decoding that do not touch SQL), shared with the PostgreSQL
/// store so that both write byte-identical ledgers and refuse alike. They
/// are associated functions because this module is private to the SQLite
/// store: `Workspace::…` is the path the other backend can name.
impl Workspace {
    /// The announcement `a`, `i`-th of a batch, as recorded on the ledger
    /// head `head` (the last entry's hash; `None` for an empty ledger): the
    /// first must name that head, each later one is re-made on it.
    ///
    /// # Errors
    /// [`Conflict::LedgerMoved`] when the first names another head.
    pub(crate) fn announcement_on_head(
        i: usize,
        a: Announcement,
        head: Option<Vec<u8>>,
    ) -> Result<Announcement, StoreError> {
        let head = head.unwrap_or_else(|| vec![0; 32]);
        if i == 0 {
            if head != a.ledger_head.0.to_vec() {
                return Err(StoreError::Conflict(Conflict::LedgerMoved));
            }
            Ok(a)
        } else {
            let mut h = [0u8; 32];
            if head.len() == 32 {
                h.copy_from_slice(&head);
            }
            Ok(a.with_ledger_head(Hash(h)))
        }
    }

    /// The stored text of an announcement.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when it does not serialise.
    pub(crate) fn announcement_text(a: &Announcement) -> Result<String, StoreError> {
        serde_json::to_string(a).map_err(|e| StoreError::Conflict(e.to_string().into()))
    }

    /// The body of an announcement's ledger entry.
    pub(crate) fn announcement_entry(a: &Announcement) -> serde_json::Value {
        serde_json::json!({"announcement_hash": a.hash, "campaign_hash": a.campaign_hash,
            "snapshot_digest": a.snapshot.digest, "ledger_head": a.ledger_head, "draw_date": a.campaign.draw_date,
            "group": a.coordination.as_ref().map(|g| &g.hash)})
    }

    /// A stored announcement's text decoded (`id` names it in the error).
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a damaged body.
    pub(crate) fn announcement_from_text(
        body: &str,
        id: Option<&str>,
    ) -> Result<Announcement, StoreError> {
        serde_json::from_str(body).map_err(|e| {
            StoreError::Conflict(
                match id {
                    Some(id) => format!("stored announcement of {id}: {e}"),
                    None => format!("stored announcement: {e}"),
                }
                .into(),
            )
        })
    }

    /// The names of the coordination groups among `all` announcements.
    pub(crate) fn group_names_among(all: Vec<Announcement>) -> std::collections::BTreeSet<String> {
        all.into_iter()
            .filter_map(|a| a.coordination.map(|g| g.group))
            .collect()
    }

    /// The announcement hashes of `a`'s coordination group's members among
    /// `all` (in the order of the group's member campaign hashes; empty when
    /// `a` is in no group).
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when a member is not among them.
    pub(crate) fn group_announcements_among(
        a: &Announcement,
        all: &[Announcement],
    ) -> Result<Vec<Hash>, StoreError> {
        let Some(g) = &a.coordination else {
            return Ok(Vec::new());
        };
        g.announcement_hashes(all).ok_or_else(|| {
            StoreError::Conflict(
                format!(
                    "coordination group {:?}: a member is not announced here",
                    g.group
                )
                .into(),
            )
        })
    }

    /// The body of a reveal's ledger entry (also how the entry is found).
    pub(crate) fn reveal_entry(witness: &str) -> serde_json::Value {
        serde_json::json!({ "witness": witness })
    }

    /// The refusal of reveal `r` of campaign `id` when the witness's reveal
    /// is already recorded (its `secret`, time `when`, and operator `by` as
    /// the ledger names them).
    pub(crate) fn reveal_recorded(
        id: &str,
        r: &Reveal,
        secret: &str,
        when: String,
        by: Option<String>,
    ) -> StoreError {
        StoreError::Conflict(Conflict::RevealRecorded(Box::new(
            crate::store::RecordedReveal {
                id: id.to_string(),
                name: r.name.clone(),
                when,
                by,
                same_secret: secret == r.secret,
            },
        )))
    }

    /// A stored reveal decoded from its columns.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for an unreadable time.
    pub(crate) fn reveal_from_row(
        name: String,
        secret: String,
        at: &str,
    ) -> Result<Reveal, StoreError> {
        let revealed_at = chrono::DateTime::parse_from_rfc3339(at)
            .map(|t| t.with_timezone(&chrono::Utc))
            .map_err(|e| StoreError::Conflict(format!("stored reveal time {at:?}: {e}").into()))?;
        Ok(Reveal {
            name,
            secret,
            revealed_at,
        })
    }

    /// The stored (and published) text of a draw's proof: its SHA-256 is
    /// the ledger's.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when it does not serialise.
    pub(crate) fn proof_text(p: &DrawProof) -> Result<String, StoreError> {
        serde_json::to_string_pretty(p).map_err(|e| StoreError::Conflict(e.to_string().into()))
    }

    /// The body of a draw's ledger entry, `text` being [`Workspace::proof_text`].
    pub(crate) fn draw_entry(
        p: &DrawProof,
        text: &str,
        schedule_secret: Option<&str>,
    ) -> serde_json::Value {
        serde_json::json!({"seed": p.seed, "announcement_hash": p.announcement.hash,
            "proof_sha256": crate::core::merkle::Hash::digest(text.as_bytes()), "targets": p.targets.len(),
            "schedule_commitment": schedule_secret.map(crate::core::entropy::schedule_secret_commitment)})
    }

    /// A stored proof decoded.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a damaged text.
    pub(crate) fn proof_from_text(id: &str, text: &str) -> Result<DrawProof, StoreError> {
        serde_json::from_str(text)
            .map_err(|e| StoreError::Conflict(format!("stored proof of {id}: {e}").into()))
    }

    /// The stored text of a replacement or replacement request, and the
    /// body of its ledger entry (the same JSON).
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when it does not serialise.
    pub(crate) fn record_text(
        v: &impl serde::Serialize,
    ) -> Result<(String, serde_json::Value), StoreError> {
        let body =
            serde_json::to_string(v).map_err(|e| StoreError::Conflict(e.to_string().into()))?;
        let value: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        Ok((body, value))
    }

    /// A stored replacement decoded.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a damaged body.
    pub(crate) fn replacement_from_text(
        id: &str,
        body: &str,
    ) -> Result<crate::core::replace::Replacement, StoreError> {
        serde_json::from_str(body)
            .map_err(|e| StoreError::Conflict(format!("stored replacement of {id}: {e}").into()))
    }

    /// A stored replacement request decoded.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a damaged body.
    pub(crate) fn replacement_request_from_text(
        body: &str,
    ) -> Result<crate::core::replace::PendingReplacement, StoreError> {
        serde_json::from_str(body)
            .map_err(|e| StoreError::Conflict(format!("stored request: {e}").into()))
    }
}
