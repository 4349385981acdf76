//! Inspection results (检查结果) against a drawn campaign from any
//! [`Store`]: the campaign as drawn and replaced, the items that apply to a
//! target, one result checked and recorded, and imported rows checked
//! against the draw, each other and what is recorded.

use super::{Actor, CampaignState, ResultMode, Store, StoreError};
use crate::core::calendar::Calendar;
use crate::core::proof::DrawProof;
use crate::core::registry::{Registries, RegistryKind};
use crate::core::replace::{Replacement, current_teams};
use crate::core::results::{InspectionResult, ResultError, check};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Why results cannot be recorded. Nothing is recorded.
#[derive(Debug, thiserror::Error)]
pub enum ResultsFlowError {
    /// The campaign is not drawn (announced or voided).
    #[error("campaign {0} is not drawn")]
    NotDrawn(String),
    /// The result is refused (not a target, an item that does not apply, …).
    #[error(transparent)]
    Rejected(#[from] ResultError),
    /// Imported rows are refused: every problem, by line.
    #[error("{} problem(s); nothing was imported", .0.len())]
    Rows(Vec<RowProblem>),
    /// The store failed or refused.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A refused row of imported results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row's line in its file.
    pub line: u64,
    /// The row's target (USCC).
    pub target: String,
    /// The row's item (检查事项编码).
    pub item: String,
    /// What is wrong.
    pub why: RowWhy,
}

impl RowWhy {
    /// A stable machine code (`docs/IMPORT.md` "Problem codes").
    pub fn code(&self) -> &'static str {
        match self {
            RowWhy::Rejected(e) => match e {
                ResultError::NotATarget(_) => "not_a_target",
                ResultError::ItemNotApplicable { .. } => "item_not_applicable",
                ResultError::Category(_) => "not_a_result_category",
                ResultError::BeforeDraw { .. } => "before_draw_date",
                ResultError::NotOnTeam { .. } => "officer_not_on_team",
                ResultError::Calendar(_) => "calendar",
            },
            RowWhy::Duplicate { .. } => "duplicate_row",
            RowWhy::AlreadyRecorded => "already_recorded",
        }
    }
}

impl RowProblem {
    /// What is wrong, in English (the CLI words [`RowProblem::why`] from its
    /// catalogue).
    pub fn message(&self) -> String {
        match &self.why {
            RowWhy::Rejected(e) => e.to_string(),
            RowWhy::Duplicate { first_line } => format!(
                "{} item {} is already on line {first_line}",
                self.target, self.item
            ),
            RowWhy::AlreadyRecorded => format!(
                "a result for {} item {} is already recorded: use results correct",
                self.target, self.item
            ),
        }
    }
}

/// Why a result row is refused (检查结果行被拒绝的原因).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RowWhy {
    /// The result breaks a rule of the campaign ([`ResultError`]).
    Rejected(ResultError),
    /// The same target and item are on an earlier line of the file.
    Duplicate {
        /// That line.
        first_line: u64,
    },
    /// A result for the target and item is already recorded (更正 is
    /// `results correct`).
    AlreadyRecorded,
}

/// A drawn campaign (已抽取的任务) as the results are checked against it: its
/// proof, its replacements and the announced snapshot's items and entities.
#[derive(Debug, Clone)]
pub struct DrawnCampaign {
    /// The recorded draw proof.
    pub proof: DrawProof,
    /// The replacements recorded after the draw, in order.
    pub replacements: Vec<Replacement>,
    /// The announced snapshot's items, and of its entities those of the
    /// targets, drawn and replacements (the other registries empty).
    pub registries: Registries,
}

/// The drawn campaign `id` (not voided).
///
/// # Errors
/// [`ResultsFlowError::NotDrawn`], or [`ResultsFlowError::Store`].
pub fn drawn_campaign<S: Store + ?Sized>(
    store: &S,
    id: &str,
) -> Result<DrawnCampaign, ResultsFlowError> {
    if store.campaign_state(id)? != CampaignState::Drawn {
        return Err(ResultsFlowError::NotDrawn(id.to_string()));
    }
    let proof = store.draw_proof(id)?;
    let replacements = store.replacements(id)?;
    let snap = store.snapshot(proof.announcement.snapshot.id)?;
    // Of the entities, only the targets (drawn and replacements): looked up.
    let wanted: std::collections::BTreeSet<&str> = proof
        .targets
        .iter()
        .map(|t| t.entity.uscc.as_str())
        .chain(replacements.iter().map(|r| r.replacement.as_str()))
        .collect();
    let mut registries = store.load_kinds(&snap, &[RegistryKind::Items])?;
    registries.entities = store.entities_named(&snap, &|u| wanted.contains(u))?;
    Ok(DrawnCampaign {
        proof,
        replacements,
        registries,
    })
}

impl DrawnCampaign {
    /// The campaign id.
    pub fn id(&self) -> &str {
        &self.proof.announcement.campaign.id
    }

    /// The items (检查事项) that apply to target `uscc`: from the proof for a
    /// drawn target, recomputed from the snapshot for a replacement target
    /// (empty for an entity the snapshot does not hold).
    pub fn items_of(&self, uscc: &str) -> Vec<String> {
        if let Some(t) = self.proof.target(uscc) {
            return t.items.clone();
        }
        let c = &self.proof.announcement.campaign;
        let (Ok(items), Some(e)) = (
            crate::core::sample::campaign_items(&self.registries, c),
            self.registries.entity(uscc),
        ) else {
            return vec![];
        };
        let cats = crate::core::sample::categories(c, &items).unwrap_or_default();
        crate::core::assign::needs_of(e, c, &items, &cats).items
    }

    /// Whether `uscc` is a current target (after replacements).
    pub fn is_target(&self, uscc: &str) -> bool {
        current_teams(&self.proof, &self.replacements)
            .iter()
            .any(|t| t.0 == uscc)
    }

    /// The name of entity `uscc` in the announced snapshot (empty if absent).
    pub fn entity_name(&self, uscc: &str) -> String {
        self.registries
            .entity(uscc)
            .map(|e| e.name.clone())
            .unwrap_or_default()
    }

    /// Checks a result (检查结果) against the draw, its replacements and the
    /// calendar. Returns the day by which it must be published (the 20th
    /// working day after the inspection).
    ///
    /// # Errors
    /// [`ResultError`] naming the problem.
    pub fn check(&self, r: &InspectionResult, cal: &Calendar) -> Result<NaiveDate, ResultError> {
        check(
            r,
            &self.proof,
            &self.replacements,
            &|u| self.items_of(u),
            cal,
        )
    }

    /// Checks imported result rows (line, result): each against the draw
    /// ([`DrawnCampaign::check`]), against the rows before it (one result
    /// per target and item) and against the results `store` has recorded
    /// (a recorded one needs a correction, 更正). Returns the rows accepted
    /// and the problems, in row order.
    ///
    /// # Errors
    /// [`StoreError`] for an unreadable store.
    pub fn check_rows<S: Store + ?Sized>(
        &self,
        store: &S,
        rows: Vec<(u64, InspectionResult)>,
        cal: &Calendar,
    ) -> Result<(Vec<InspectionResult>, Vec<RowProblem>), StoreError> {
        let recorded: BTreeSet<(String, String)> = store
            .results(self.id())?
            .into_iter()
            .map(|r| (r.target, r.item))
            .collect();
        let mut seen: BTreeMap<(String, String), u64> = BTreeMap::new();
        let mut accepted = Vec::new();
        let mut problems = Vec::new();
        let problem = |line, r: &InspectionResult, why| RowProblem {
            line,
            target: r.target.clone(),
            item: r.item.clone(),
            why,
        };
        for (line, r) in rows {
            if let Err(e) = self.check(&r, cal) {
                problems.push(problem(line, &r, RowWhy::Rejected(e)));
                continue;
            }
            let key = (r.target.clone(), r.item.clone());
            if let Some(first) = seen.get(&key) {
                let why = RowWhy::Duplicate { first_line: *first };
                problems.push(problem(line, &r, why));
                continue;
            }
            seen.insert(key.clone(), line);
            if recorded.contains(&key) {
                problems.push(problem(line, &r, RowWhy::AlreadyRecorded));
                continue;
            }
            accepted.push(r);
        }
        Ok((accepted, problems))
    }

    /// Checks result `r` and records it (new, or a correction 更正) at `at`
    /// with its ledger entry. Returns the day by which it must be published.
    ///
    /// # Errors
    /// [`ResultsFlowError`]; nothing is recorded then.
    pub fn record<S: Store + ?Sized>(
        &self,
        store: &mut S,
        r: &InspectionResult,
        mode: ResultMode,
        cal: &Calendar,
        at: &str,
        actor: &Actor,
    ) -> Result<NaiveDate, ResultsFlowError> {
        let due = self.check(r, cal)?;
        store.store_results(std::slice::from_ref(r), mode, at, actor)?;
        Ok(due)
    }
}

/// Records one inspection result (记录检查结果) of a drawn campaign: checked
/// against the draw and its replacements ([`DrawnCampaign::check`]), then
/// recorded at `at` as new or as a correction (更正). Returns the day by
/// which it must be published.
///
/// # Errors
/// [`ResultsFlowError`]; nothing is recorded then.
pub fn record_result<S: Store + ?Sized>(
    store: &mut S,
    r: &InspectionResult,
    mode: ResultMode,
    cal: &Calendar,
    at: &str,
    actor: &Actor,
) -> Result<NaiveDate, ResultsFlowError> {
    drawn_campaign(store, &r.campaign)?.record(store, r, mode, cal, at, actor)
}

/// Imports result rows (line, result) of drawn campaign `id` (导入检查结果),
/// all or nothing: checked by [`DrawnCampaign::check_rows`] and recorded as
/// new results at `at`. Returns the results recorded.
///
/// # Errors
/// [`ResultsFlowError::Rows`] with every problem; nothing is recorded then.
pub fn import_results<S: Store + ?Sized>(
    store: &mut S,
    id: &str,
    rows: Vec<(u64, InspectionResult)>,
    cal: &Calendar,
    at: &str,
    actor: &Actor,
) -> Result<Vec<InspectionResult>, ResultsFlowError> {
    let d = drawn_campaign(store, id)?;
    let (accepted, problems) = d.check_rows(store, rows, cal)?;
    if !problems.is_empty() {
        return Err(ResultsFlowError::Rows(problems));
    }
    store.store_results(&accepted, ResultMode::New, at, actor)?;
    Ok(accepted)
}
