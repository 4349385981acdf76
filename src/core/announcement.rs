//! The announcement (抽查公告, `docs/SPEC.md` §3): a campaign fixed, with its
//! history sets and snapshot, before any randomness exists.

use crate::core::assign::Infeasible;
use crate::core::campaign::{BeaconScheme, Campaign, CampaignError};
use crate::core::canonical::Encoder;
use crate::core::entropy::{self, EntropyError};
use crate::core::merkle::{Hash, root_parallel};
use crate::core::record_proof::SnapshotRef;
use crate::core::registry::Registries;
use crate::core::sample::{self, HistorySets, SampleError};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Why a campaign cannot be announced or drawn (抽查公告或抽取错误). Nothing is
/// recorded.
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
    /// A coordination group announced wrongly.
    #[error("{0}")]
    Group(String),
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

/// An officer who inspected an entity recently (执法人员近期检查记录,
/// `avoid_same_officer_within_days`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OfficerVisit {
    /// Officer id.
    pub officer: String,
    /// The entity's USCC.
    pub target: String,
}

impl OfficerVisit {
    /// The leaf of the officer-history tree: `lp(officer) ‖ lp(target)`.
    pub fn leaf(&self) -> Vec<u8> {
        let mut e = Encoder::with_capacity(64);
        e.str(&self.officer).str(&self.target);
        e.finish()
    }
}

/// What the ledger's history gives an announcement (历史检查记录,
/// `docs/SPEC.md` §3).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Entities inspected within `exclude_inspected_within_days` (the exclusion set).
    pub exclusion: Vec<String>,
    /// Officer–entity pairs within `avoid_same_officer_within_days`.
    pub officer_history: Vec<OfficerVisit>,
    /// Entities drawn or inspected earlier in the draw date's year (for `low_risk_once_a_year`).
    pub drawn_this_year: Vec<String>,
}

/// The coordination group an announcement belongs to (样本协调组).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRef {
    /// The group's name.
    pub group: String,
    /// The members' campaign hashes, sorted.
    pub members: Vec<Hash>,
    /// `SHA-256(lp("dualdraw-group-v1") ‖ lp(group) ‖ u32be(m) ‖ raw(member)…)`.
    pub hash: Hash,
}

impl GroupRef {
    /// The group of these campaign hashes (sorted, without duplicates).
    pub fn new(group: &str, mut members: Vec<Hash>) -> Self {
        members.sort();
        members.dedup();
        let hash = Self::compute_hash(group, &members);
        GroupRef {
            group: group.to_string(),
            members,
            hash,
        }
    }

    /// The members' announcement hashes in the order of [`GroupRef::members`]
    /// (the `group_announcements` of §4), found among `announcements`; `None`
    /// when a member is not among them.
    pub fn announcement_hashes<'a>(
        &self,
        announcements: impl IntoIterator<Item = &'a Announcement>,
    ) -> Option<Vec<Hash>> {
        let found: std::collections::BTreeMap<Hash, Hash> = announcements
            .into_iter()
            .filter(|a| a.coordination.as_ref().map(|g| g.hash) == Some(self.hash))
            .map(|a| (a.campaign_hash, a.hash))
            .collect();
        self.members.iter().map(|m| found.get(m).copied()).collect()
    }

    /// The group hash (§3).
    pub fn compute_hash(group: &str, members: &[Hash]) -> Hash {
        let mut e = Encoder::with_capacity(64 + 32 * members.len());
        e.str("dualdraw-group-v1")
            .str(group)
            .raw(&(members.len() as u32).to_be_bytes());
        for m in members {
            e.raw(&m.0);
        }
        Hash::digest(e.as_bytes())
    }
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
    /// Officer–entity pairs the officer-history rule forbids, sorted.
    pub officer_history: Vec<OfficerVisit>,
    /// RFC 6962 root over their leaves.
    pub officer_history_root: Hash,
    /// Entities drawn or inspected earlier in the year (the low-risk rule), sorted.
    pub drawn_this_year: Vec<String>,
    /// RFC 6962 root over those USCCs.
    pub drawn_this_year_root: Hash,
    /// The coordination group, if any.
    pub coordination: Option<GroupRef>,
    /// Ledger head (zeros until the ledger exists).
    pub ledger_head: Hash,
    /// When it was announced (UTC, whole seconds: `instant`).
    #[serde(with = "crate::core::instant::canonical")]
    pub announced_at: DateTime<Utc>,
    /// `SHA-256` of the canonical announcement.
    pub hash: Hash,
}

fn text_root(v: &[String]) -> Hash {
    let leaves: Vec<&[u8]> = v.iter().map(|u| u.as_bytes()).collect();
    root_parallel(&leaves)
}

/// The RFC 6962 root of the officer-history leaves
/// (执法人员检查历史的默克尔树根).
pub fn officer_history_root(v: &[OfficerVisit]) -> Hash {
    let leaves: Vec<Vec<u8>> = v.iter().map(OfficerVisit::leaf).collect();
    let refs: Vec<&[u8]> = leaves.iter().map(Vec::as_slice).collect();
    root_parallel(&refs)
}

/// The RFC 6962 root of a sorted USCC list (统一社会信用代码名单的默克尔树根;
/// exclusion and year sets).
pub fn uscc_list_root(v: &[String]) -> Hash {
    text_root(v)
}

/// The China date (北京时间日期) of an instant (UTC+8).
pub fn china_date(t: &DateTime<Utc>) -> chrono::NaiveDate {
    (*t + Duration::hours(8)).date_naive()
}

impl Announcement {
    /// Makes an announcement (hashes computed).
    pub fn new(
        campaign: Campaign,
        snapshot: SnapshotRef,
        history: History,
        coordination: Option<GroupRef>,
        ledger_head: Hash,
        announced_at: DateTime<Utc>,
    ) -> Self {
        let History {
            mut exclusion,
            mut officer_history,
            mut drawn_this_year,
        } = history;
        exclusion.sort();
        exclusion.dedup();
        officer_history.sort();
        officer_history.dedup();
        drawn_this_year.sort();
        drawn_this_year.dedup();
        let mut a = Announcement {
            campaign_hash: campaign.hash(),
            campaign,
            snapshot,
            exclusion_root: text_root(&exclusion),
            exclusion,
            officer_history_root: officer_history_root(&officer_history),
            officer_history,
            drawn_this_year_root: text_root(&drawn_this_year),
            drawn_this_year,
            coordination,
            ledger_head,
            announced_at: crate::core::instant::whole_seconds(announced_at.with_timezone(&Utc)),
            hash: Hash([0; 32]),
        };
        a.hash = a.compute_hash();
        a
    }

    /// The same announcement after another ledger head (hash recomputed).
    pub fn with_ledger_head(mut self, head: Hash) -> Self {
        self.ledger_head = head;
        self.hash = self.compute_hash();
        self
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
            .str(&crate::core::campaign::instant_text(&self.announced_at))
            .u64(self.officer_history.len() as u64)
            .raw(&self.officer_history_root.0)
            .u64(self.drawn_this_year.len() as u64)
            .raw(&self.drawn_this_year_root.0);
        match &self.coordination {
            None => e.raw(&[0]),
            Some(g) => e.raw(&[1]).raw(&g.hash.0),
        };
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

/// The coordination groups (样本协调组) of campaigns announced together: for
/// each campaign its group (`None` without `[coordination]`). A group is
/// exactly the campaigns given here with its name; they must share their
/// entropy (the same witnesses and beacon), since the group seed comes from it.
///
/// # Errors
/// [`DrawError::Group`] naming the campaign that differs.
pub fn groups_of(campaigns: &[Campaign]) -> Result<Vec<Option<GroupRef>>, DrawError> {
    let mut groups: std::collections::BTreeMap<&str, Vec<&Campaign>> = Default::default();
    for c in campaigns {
        if let Some(k) = &c.coordination {
            groups.entry(k.group.as_str()).or_default().push(c);
        }
    }
    let mut refs: std::collections::BTreeMap<&str, GroupRef> = Default::default();
    for (name, members) in &groups {
        let first = members[0];
        if let Some(c) = members
            .iter()
            .find(|c| c.entropy.on_missing_reveal != crate::core::campaign::MissingReveal::Void)
        {
            return Err(DrawError::Group(format!(
                "campaign {} of coordination group {name:?}: a group needs on_missing_reveal = \"void\", so that every member's draw uses the same reveals",
                c.id
            )));
        }
        for m in &members[1..] {
            if m.entropy != first.entropy {
                return Err(DrawError::Group(format!(
                    "campaigns {} and {} of coordination group {name:?} must have the same [entropy] (witnesses, beacon, deadline): the group's permanent random numbers come from it",
                    first.id, m.id
                )));
            }
        }
        refs.insert(
            name,
            GroupRef::new(name, members.iter().map(|c| c.hash()).collect()),
        );
    }
    Ok(campaigns
        .iter()
        .map(|c| {
            c.coordination
                .as_ref()
                .and_then(|k| refs.get(k.group.as_str()).cloned())
        })
        .collect())
}

/// Public counts an announcement reports (抽查公告公开数量).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnounceSummary {
    /// Pool size (after class exclusions).
    pub pool: u64,
    /// Left out by class.
    pub excluded_by_class: u64,
    /// Categories drawn from.
    pub categories: Vec<String>,
}

/// Checks a campaign against a snapshot and announces it (发布抽查公告).
/// `coordination` is the campaign's group (required exactly when the campaign
/// has a `[coordination]` table; see [`GroupRef::new`]).
///
/// # Errors
/// [`DrawError`] naming what is wrong; nothing is announced.
pub fn announce(
    reg: &Registries,
    snapshot: SnapshotRef,
    campaign: Campaign,
    history: History,
    coordination: Option<GroupRef>,
    ledger_head: Hash,
    now: DateTime<Utc>,
) -> Result<(Announcement, AnnounceSummary), DrawError> {
    campaign.check()?;
    match (&campaign.coordination, &coordination) {
        (None, None) => {}
        (Some(k), Some(g)) if k.group == g.group && g.members.contains(&campaign.hash()) => {}
        (Some(k), _) => {
            return Err(DrawError::Group(format!(
                "campaign {} belongs to coordination group {:?}: announce every campaign of the group together",
                campaign.id, k.group
            )));
        }
        (None, Some(g)) => {
            return Err(DrawError::Group(format!(
                "campaign {} has no [coordination] table but is announced in group {:?}",
                campaign.id, g.group
            )));
        }
    }
    let items = sample::campaign_items(reg, &campaign)?;
    let cats = sample::categories(&campaign, &items)?;
    let sets = HistorySets {
        exclusion: history.exclusion.iter().cloned().collect(),
        drawn_this_year: history.drawn_this_year.iter().cloned().collect(),
    };
    let pool = sample::pool(reg, &campaign, &cats, &sets);
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
    let a = Announcement::new(campaign, snapshot, history, coordination, ledger_head, now);
    if let Some(t) = a.beacon_time() {
        if t <= a.announced_at {
            return Err(DrawError::BeaconNotFuture {
                round_time: crate::core::campaign::instant_text(&t),
                announced_at: crate::core::campaign::instant_text(&a.announced_at),
            });
        }
        if china_date(&t) > a.campaign.draw_date {
            return Err(DrawError::BeaconAfterDrawDate {
                round_time: crate::core::campaign::instant_text(&t),
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

impl HistorySets {
    /// The sets of an announcement.
    pub fn of(a: &Announcement) -> Self {
        HistorySets {
            exclusion: a.exclusion.iter().cloned().collect(),
            drawn_this_year: a.drawn_this_year.iter().cloned().collect(),
        }
    }
}
