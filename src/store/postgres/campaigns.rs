//! campaigns of the PostgreSQL store (stubs, being ported from `src/store/sqlite`).
#![allow(unused_variables, unused_imports)]

use super::PgStore;
use crate::core::announcement::Announcement;
use crate::core::entropy::Reveal;
use crate::core::merkle::Hash;
use crate::core::proof::DrawProof;
use crate::core::registry::{Registries, RegistryKind};
use crate::core::replace::{PendingReplacement, Replacement};
use crate::core::results::InspectionResult;
use crate::store::*;
use chrono::NaiveDate;
use std::collections::BTreeSet;

fn not_yet(what: &str) -> StoreError {
    StoreError::Conflict(format!("PgStore::{what} is not ported yet").into())
}

impl PgStore {
    /// Not yet ported (see the module's doc).
    pub fn store_announcements(
        &mut self,
        list: Vec<Announcement>,
        actor: &Actor,
    ) -> Result<Vec<Announcement>, StoreError> {
        Err(not_yet("store_announcements"))
    }

    /// Not yet ported (see the module's doc).
    pub fn announcement(&self, id: &str) -> Result<Announcement, StoreError> {
        Err(not_yet("announcement"))
    }

    /// Not yet ported (see the module's doc).
    pub fn campaign_ids(&self) -> Result<Vec<String>, StoreError> {
        Err(not_yet("campaign_ids"))
    }

    /// Not yet ported (see the module's doc).
    pub fn group_names(&self) -> Result<BTreeSet<String>, StoreError> {
        Err(not_yet("group_names"))
    }

    /// Not yet ported (see the module's doc).
    pub fn group_announcements(&self, a: &Announcement) -> Result<Vec<Hash>, StoreError> {
        Err(not_yet("group_announcements"))
    }

    /// Not yet ported (see the module's doc).
    pub fn campaign_state(&self, id: &str) -> Result<CampaignState, StoreError> {
        Err(not_yet("campaign_state"))
    }

    /// Not yet ported (see the module's doc).
    pub fn store_reveal(&mut self, id: &str, r: &Reveal, actor: &Actor) -> Result<(), StoreError> {
        Err(not_yet("store_reveal"))
    }

    /// Not yet ported (see the module's doc).
    pub fn reveals(&self, id: &str) -> Result<Vec<Reveal>, StoreError> {
        Err(not_yet("reveals"))
    }

    /// Not yet ported (see the module's doc).
    pub fn store_draw_with(
        &mut self,
        p: &DrawProof,
        at: &str,
        actor: &Actor,
        schedule_secret: Option<&str>,
    ) -> Result<(), StoreError> {
        Err(not_yet("store_draw_with"))
    }

    /// Not yet ported (see the module's doc).
    pub fn draw_proof(&self, id: &str) -> Result<DrawProof, StoreError> {
        Err(not_yet("draw_proof"))
    }

    /// Not yet ported (see the module's doc).
    pub fn drawn_campaigns(&self) -> Result<Vec<String>, StoreError> {
        Err(not_yet("drawn_campaigns"))
    }

    /// Not yet ported (see the module's doc).
    pub fn void_campaign(
        &mut self,
        id: &str,
        reason: &str,
        at: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        Err(not_yet("void_campaign"))
    }

    /// Not yet ported (see the module's doc).
    pub fn replacements(&self, id: &str) -> Result<Vec<Replacement>, StoreError> {
        Err(not_yet("replacements"))
    }

    /// Not yet ported (see the module's doc).
    pub fn store_replacement(
        &mut self,
        id: &str,
        r: &Replacement,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        Err(not_yet("store_replacement"))
    }

    /// Not yet ported (see the module's doc).
    pub fn store_replacement_request(
        &mut self,
        id: &str,
        p: &PendingReplacement,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        Err(not_yet("store_replacement_request"))
    }

    /// Not yet ported (see the module's doc).
    pub fn pending_replacement(&self, id: &str) -> Result<Option<PendingReplacement>, StoreError> {
        Err(not_yet("pending_replacement"))
    }
}
