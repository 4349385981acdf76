//! The ceremony (`docs/SPEC.md` §3–§6): announce, collect entropy, derive the
//! seed, draw targets per stratum and assign officers.

use crate::assign::{Infeasible, Problem, TargetNeeds, needs_of};
use crate::campaign::{BeaconScheme, Campaign, CampaignError, MissingReveal};
use crate::canonical::Encoder;
use crate::entropy::{self, BeaconValue, EntropyError, Reveal};
use crate::merkle::{Hash, root_parallel};
use crate::proof::SnapshotRef;
use crate::registry::Registries;
use crate::sample::{self, SampleError, StratumDraw};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Why a campaign cannot be announced or drawn. Nothing is recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    /// The campaign is malformed.
    #[error(transparent)]
    Campaign(#[from] CampaignError),
    /// Targets cannot be drawn.
    #[error(transparent)]
    Sample(#[from] SampleError),
    /// No assignment satisfies the rules.
    #[error(transparent)]
    Infeasible(#[from] Infeasible),
    /// A reveal or beacon is wrong.
    #[error(transparent)]
    Entropy(#[from] EntropyError),
    /// Witnesses have not revealed and the campaign does not proceed without them.
    #[error("waiting for the reveal of {}: with on_missing_reveal = \"void\" every witness must reveal (or void the campaign)", .0.join(", "))]
    MissingReveals(Vec<String>),
    /// A reveal came after the deadline.
    #[error("{name} revealed at {at}, after the deadline {deadline}")]
    LateReveal {
        /// Witness.
        name: String,
        /// When.
        at: String,
        /// Deadline.
        deadline: String,
    },
    /// A name that is not one of the campaign's witnesses.
    #[error("{0:?} is not a witness of this campaign")]
    UnknownWitness(String),
    /// The campaign names a beacon but none was given.
    #[error(
        "the campaign commits to {scheme} round {round}: give it (drand: --beacon ROUND.json; lottery: --lottery RESULT)"
    )]
    BeaconMissing {
        /// Scheme.
        scheme: String,
        /// Round.
        round: String,
    },
    /// A beacon round that is not in the future at announcement.
    #[error("beacon round time {round_time} is not after the announcement time {announced_at}")]
    BeaconNotFuture {
        /// Round time.
        round_time: String,
        /// Announcement.
        announced_at: String,
    },
    /// A beacon round whose China date is after the draw date.
    #[error(
        "beacon round time {round_time} falls on China date {date}, after the draw date {draw_date}"
    )]
    BeaconAfterDrawDate {
        /// Round time.
        round_time: String,
        /// China date.
        date: String,
        /// Draw date.
        draw_date: String,
    },
}

/// An announcement (公告): everything fixed before the randomness exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announcement {
    /// The campaign.
    pub campaign: Campaign,
    /// Its canonical hash.
    pub campaign_hash: Hash,
    /// The registry snapshot.
    pub snapshot: SnapshotRef,
    /// USCCs excluded by history, sorted.
    pub exclusion: Vec<String>,
    /// RFC 6962 root over the exclusion USCCs.
    pub exclusion_root: Hash,
    /// Ledger head (zeros until the ledger exists).
    pub ledger_head: Hash,
    /// When it was announced (UTC).
    pub announced_at: DateTime<Utc>,
    /// `SHA-256` of the canonical announcement.
    pub hash: Hash,
}

/// The China date of an instant (UTC+8).
pub fn china_date(t: &DateTime<Utc>) -> chrono::NaiveDate {
    (*t + Duration::hours(8)).date_naive()
}

impl Announcement {
    /// Makes an announcement (hashes computed).
    pub fn new(
        campaign: Campaign,
        snapshot: SnapshotRef,
        mut exclusion: Vec<String>,
        ledger_head: Hash,
        announced_at: DateTime<Utc>,
    ) -> Self {
        exclusion.sort();
        exclusion.dedup();
        let leaves: Vec<&[u8]> = exclusion.iter().map(|u| u.as_bytes()).collect();
        let mut a = Announcement {
            campaign_hash: campaign.hash(),
            campaign,
            snapshot,
            exclusion_root: root_parallel(&leaves),
            exclusion,
            ledger_head,
            announced_at: announced_at.with_timezone(&Utc),
            hash: Hash([0; 32]),
        };
        a.hash = a.compute_hash();
        a
    }

    /// The canonical announcement bytes (§3).
    pub fn canonical(&self) -> Vec<u8> {
        let mut e = Encoder::with_capacity(256);
        e.str("dualdraw-announcement-v1")
            .raw(&self.campaign_hash.0)
            .raw(&self.snapshot.digest.0)
            .u64(self.exclusion.len() as u64)
            .raw(&self.exclusion_root.0)
            .raw(&self.ledger_head.0)
            .str(&crate::campaign::instant_text(&self.announced_at));
        e.finish()
    }

    /// `SHA-256` of [`Announcement::canonical`].
    pub fn compute_hash(&self) -> Hash {
        Hash::digest(&self.canonical())
    }

    /// The beacon round's time, for drand.
    pub fn beacon_time(&self) -> Option<DateTime<Utc>> {
        let b = self.campaign.entropy.beacon.as_ref()?;
        match b.scheme {
            BeaconScheme::DrandQuicknet => entropy::quicknet_round_time(b.round.parse().ok()?),
            BeaconScheme::Lottery => None,
        }
    }

    /// Reveals must be recorded before this (the deadline, or the beacon round time).
    pub fn reveal_deadline(&self) -> Option<DateTime<Utc>> {
        self.campaign
            .entropy
            .reveal_deadline
            .or_else(|| self.beacon_time())
    }
}

/// Public counts an announcement reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnounceSummary {
    /// Pool size (after class exclusions).
    pub pool: u64,
    /// Left out by class.
    pub excluded_by_class: u64,
    /// Categories drawn from.
    pub categories: Vec<String>,
}

/// Checks a campaign against a snapshot and announces it.
///
/// # Errors
/// [`DrawError`] naming what is wrong; nothing is announced.
pub fn announce(
    reg: &Registries,
    snapshot: SnapshotRef,
    campaign: Campaign,
    exclusion: Vec<String>,
    ledger_head: Hash,
    now: DateTime<Utc>,
) -> Result<(Announcement, AnnounceSummary), DrawError> {
    campaign.check()?;
    let items = sample::campaign_items(reg, &campaign)?;
    let cats = sample::categories(&campaign, &items)?;
    let excl: BTreeSet<String> = exclusion.iter().cloned().collect();
    let pool = sample::pool(reg, &campaign, &cats, &excl);
    let mut present = BTreeSet::new();
    for &i in &pool.members {
        present.insert(reg.entities[i].credit_class);
    }
    for class in present {
        if campaign.stratum(class).is_none() {
            let count = pool
                .members
                .iter()
                .filter(|&&i| reg.entities[i].credit_class == class)
                .count() as u64;
            return Err(SampleError::MissingStratum { class, count }.into());
        }
    }
    let a = Announcement::new(campaign, snapshot, exclusion, ledger_head, now);
    if let Some(t) = a.beacon_time() {
        if t <= a.announced_at {
            return Err(DrawError::BeaconNotFuture {
                round_time: crate::campaign::instant_text(&t),
                announced_at: crate::campaign::instant_text(&a.announced_at),
            });
        }
        if china_date(&t) > a.campaign.draw_date {
            return Err(DrawError::BeaconAfterDrawDate {
                round_time: crate::campaign::instant_text(&t),
                date: china_date(&t).to_string(),
                draw_date: a.campaign.draw_date.to_string(),
            });
        }
    }
    let summary = AnnounceSummary {
        pool: pool.members.len() as u64,
        excluded_by_class: pool.excluded_by_class,
        categories: cats,
    };
    Ok((a, summary))
}

/// Checks the reveals and the beacon and derives the seed. Returns the seed,
/// the reveals used (campaign order) and the witnesses left out.
///
/// # Errors
/// [`DrawError`] for a wrong, late or missing reveal or a missing beacon.
pub fn derive_seed(
    a: &Announcement,
    reveals: &[Reveal],
    beacon: Option<&BeaconValue>,
) -> Result<(Hash, Vec<Reveal>, Vec<String>), DrawError> {
    let plan = &a.campaign.entropy;
    let by_name: HashMap<&str, &Reveal> = reveals.iter().map(|r| (r.name.as_str(), r)).collect();
    for r in reveals {
        if !plan.witnesses.iter().any(|w| w.name == r.name) {
            return Err(DrawError::UnknownWitness(r.name.clone()));
        }
    }
    let deadline = a.reveal_deadline();
    let mut used = Vec::new();
    let mut missing = Vec::new();
    for w in &plan.witnesses {
        match by_name.get(w.name.as_str()) {
            Some(r) => {
                entropy::check_reveal(&w.name, &w.commitment, &r.secret)?;
                if let Some(d) = deadline
                    && r.revealed_at >= d
                {
                    if plan.on_missing_reveal == MissingReveal::Proceed {
                        missing.push(w.name.clone());
                        continue;
                    }
                    return Err(DrawError::LateReveal {
                        name: w.name.clone(),
                        at: crate::campaign::instant_text(&r.revealed_at),
                        deadline: crate::campaign::instant_text(&d),
                    });
                }
                used.push((*r).clone());
            }
            None => missing.push(w.name.clone()),
        }
    }
    if !missing.is_empty() && plan.on_missing_reveal == MissingReveal::Void {
        return Err(DrawError::MissingReveals(missing));
    }
    let beacon_value = match (&plan.beacon, beacon) {
        (None, _) => None,
        (Some(spec), None) => {
            return Err(DrawError::BeaconMissing {
                scheme: spec.scheme.token().into(),
                round: spec.round.clone(),
            });
        }
        (Some(spec), Some(b)) => {
            if b.scheme != spec.scheme || b.round != spec.round {
                return Err(EntropyError::WrongRound {
                    expected: spec.round.clone(),
                    got: b.round.clone(),
                }
                .into());
            }
            Some(b.value)
        }
    };
    let pairs: Vec<(&str, &str)> = used
        .iter()
        .map(|r| (r.name.as_str(), r.secret.as_str()))
        .collect();
    let seed = entropy::seed(&a.hash, &pairs, beacon_value.as_ref());
    Ok((seed, used, missing))
}

/// The outcome of a draw, as indices into the snapshot's registries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawOutcome {
    /// The seed.
    pub seed: Hash,
    /// Pool size.
    pub pool_size: u64,
    /// Left out by class.
    pub excluded_by_class: u64,
    /// Per stratum.
    pub strata: Vec<StratumDraw>,
    /// Drawn entities (indices), by USCC.
    pub targets: Vec<usize>,
    /// Their needs, in the same order.
    pub needs: Vec<TargetNeeds>,
    /// Their teams (officer indices), in the same order.
    pub teams: Vec<Vec<usize>>,
    /// Recusals between a drawn target and an officer of its departments:
    /// (officer index, target position, recusal index).
    pub blocked: Vec<(usize, usize, usize)>,
}

/// Draws targets and assigns officers (§5, §6) for an announcement on `reg`.
///
/// # Errors
/// [`DrawError::Sample`] or [`DrawError::Infeasible`].
pub fn draw(reg: &Registries, a: &Announcement, seed: &Hash) -> Result<DrawOutcome, DrawError> {
    let c = &a.campaign;
    let items = sample::campaign_items(reg, c)?;
    let cats = sample::categories(c, &items)?;
    let excl: BTreeSet<String> = a.exclusion.iter().cloned().collect();
    let (pool, strata) = sample::pool_and_select(reg, c, &cats, &excl, seed)?;
    let mut targets: Vec<usize> = strata
        .iter()
        .flat_map(|s| s.selected.iter().copied())
        .collect();
    targets.sort_unstable();
    let needs: Vec<TargetNeeds> = targets
        .iter()
        .map(|&i| needs_of(&reg.entities[i], c, &items, &cats))
        .collect();
    let position: HashMap<&str, usize> = needs
        .iter()
        .enumerate()
        .map(|(p, t)| (t.uscc.as_str(), p))
        .collect();
    let mut blocked = Vec::new();
    let mut blocked_set = HashSet::new();
    for (ri, r) in reg.recusals.iter().enumerate() {
        let Some(&p) = position.get(r.uscc.as_str()) else {
            continue;
        };
        let Some(o) = reg
            .officers
            .binary_search_by(|o| o.id.as_str().cmp(&r.officer_id))
            .ok()
        else {
            continue;
        };
        if needs[p]
            .needs
            .iter()
            .any(|n| n.department == reg.officers[o].department)
        {
            blocked.push((o, p, ri));
            blocked_set.insert((o, p));
        }
    }
    let problem = Problem {
        date: c.draw_date,
        region: c.teams.officer_region,
        capacity: c.teams.max_targets_per_officer,
        officers: &reg.officers,
        targets: &needs,
        blocked: &blocked_set,
    };
    let teams = problem.solve(seed)?;
    Ok(DrawOutcome {
        seed: *seed,
        pool_size: pool.members.len() as u64,
        excluded_by_class: pool.excluded_by_class,
        strata,
        targets,
        needs,
        teams,
        blocked,
    })
}
