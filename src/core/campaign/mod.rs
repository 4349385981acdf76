//! Campaigns (抽查任务): what is drawn, from which registries, with which
//! teams and which entropy. A campaign is written as TOML (`docs/CAMPAIGN.md`),
//! checked, and hashed through its canonical encoding (`docs/SPEC.md` §2).

mod parse;
mod reason;
mod toml_problem;

use crate::core::canonical::Encoder;
use crate::core::merkle::Hash;
use crate::core::registry::vocab::CreditClass;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

pub use parse::CampaignError;
pub use reason::Reason;
pub use toml_problem::{TomlProblem, key_at_line};

/// An exact ratio `p/q` in lowest terms (抽查比例).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    p: u64,
    q: u64,
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

impl Ratio {
    /// `p/q` reduced; `None` unless `q ≥ 1` and `p ≤ q`.
    pub fn new(p: u64, q: u64) -> Option<Self> {
        if q == 0 || p > q {
            return None;
        }
        let g = gcd(p, q).max(1);
        Some(Ratio { p: p / g, q: q / g })
    }

    /// Numerator.
    pub fn p(self) -> u64 {
        self.p
    }

    /// Denominator.
    pub fn q(self) -> u64 {
        self.q
    }

    /// `ceil(n·p/q)`, in 128-bit integers.
    pub fn ceil_of(self, n: u64) -> u64 {
        let v = (u128::from(n) * u128::from(self.p)).div_ceil(u128::from(self.q));
        u64::try_from(v).unwrap_or(u64::MAX)
    }

    /// Parses `"3%"`, `"2.5%"`, `"1/30"` or `"0.03"` exactly.
    pub fn parse(s: &str) -> Option<Self> {
        let t = s.trim();
        if let Some(pct) = t.strip_suffix('%') {
            let (p, q) = decimal(pct.trim())?;
            return Ratio::new(p, q.checked_mul(100)?);
        }
        if let Some((a, b)) = t.split_once('/') {
            return Ratio::new(a.trim().parse().ok()?, b.trim().parse().ok()?);
        }
        let (p, q) = decimal(t)?;
        Ratio::new(p, q)
    }
}

/// A decimal number as a fraction `(digits, 10^k)`.
fn decimal(s: &str) -> Option<(u64, u64)> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() && frac.is_empty()
        || !(int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if frac.len() > 12 {
        return None;
    }
    let digits: u64 = format!("{int}{frac}").parse().ok()?;
    Some((digits, 10u64.pow(frac.len() as u32)))
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.p, self.q)
    }
}

impl Serialize for Ratio {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ratio::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("{s:?} is not a ratio")))
    }
}

/// How many a stratum draws (分层抽取数量规则: 比例或固定数量).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StratumRule {
    /// A ratio of the stratum, rounded up.
    Ratio(Ratio),
    /// A fixed number.
    Count(u64),
}

/// One stratum (分层) of the target draw, by credit class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stratum {
    /// The credit class.
    pub credit_class: CreditClass,
    /// Ratio or count.
    pub rule: StratumRule,
    /// At least this many (if the stratum has them).
    pub min: Option<u64>,
    /// At most this many.
    pub max: Option<u64>,
}

impl Stratum {
    /// The number drawn from a stratum of `n` entities (`docs/SPEC.md` §5).
    pub fn allocate(&self, n: u64) -> u64 {
        let mut k = match self.rule {
            StratumRule::Ratio(r) => r.ceil_of(n),
            StratumRule::Count(c) => c,
        };
        if let Some(min) = self.min {
            k = k.max(min);
        }
        if let Some(max) = self.max {
            k = k.min(max);
        }
        k.min(n)
    }
}

/// Which officers may inspect a target, by region (异地交叉检查).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfficerRegion {
    /// Same county as the target.
    Same,
    /// Another county (cross inspection).
    Other,
    /// Any.
    Any,
}

impl OfficerRegion {
    /// The token in the canonical encoding.
    pub fn token(self) -> &'static str {
        match self {
            OfficerRegion::Same => "same",
            OfficerRegion::Other => "other",
            OfficerRegion::Any => "any",
        }
    }
}

/// What happens when a witness does not reveal (义务监督员未揭示的处理方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingReveal {
    /// The draw cannot be made; the campaign must be voided and announced again.
    Void,
    /// The draw goes ahead without that witness (only with a beacon).
    Proceed,
}

impl MissingReveal {
    /// Token.
    pub fn token(self) -> &'static str {
        match self {
            MissingReveal::Void => "void",
            MissingReveal::Proceed => "proceed",
        }
    }
}

/// Target selection settings (检查对象抽取设置).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Targets {
    /// Directed draw: these categories only (`None`: every category of the items).
    pub categories: Option<Vec<String>>,
    /// Region-code prefixes (empty: everywhere).
    pub regions: Vec<String>,
    /// Entities with any of these flags are left out.
    pub exclude_flags: Vec<String>,
    /// Credit classes left out on purpose.
    pub exclude_credit_classes: Vec<CreditClass>,
    /// Entities inspected within this many days are left out (0: none).
    pub exclude_inspected_within_days: u64,
    /// Strata, by class.
    pub strata: Vec<Stratum>,
    /// Low-risk (class A) entities drawn or inspected earlier in the draw
    /// date's calendar year are left out (一年内不重复抽查低风险主体).
    #[serde(default)]
    pub low_risk_once_a_year: bool,
}

/// Team settings (检查组设置).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Teams {
    /// Officers per team, at least 2 (行政处罚法 art. 42).
    pub min_size: u64,
    /// Officers each applicable department sends.
    pub per_department: u64,
    /// Most targets one officer serves in the campaign (`None`: no limit).
    pub max_targets_per_officer: Option<u64>,
    /// Region rule.
    pub officer_region: OfficerRegion,
    /// The same officer not on the same target within this many days (0: no rule).
    pub avoid_same_officer_within_days: u64,
    /// Which assignment procedure (`docs/SPEC.md` §6): absent in files and
    /// JSON means v1, so every campaign made before v2 keeps its bytes.
    #[serde(default, skip_serializing_if = "AssignmentVersion::is_v1")]
    pub assignment: AssignmentVersion,
}

/// The assignment procedure of a campaign (选派算法版本, `docs/SPEC.md` §6).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentVersion {
    /// §6 as first written: officers and the search in id/USCC order.
    #[default]
    V1,
    /// §6.1 "Assignment v2": every free order from the seed, then a chain of
    /// load-preserving rotations.
    V2,
}

impl AssignmentVersion {
    /// The token in files and the canonical encoding (`"v1"`, `"v2"`).
    pub fn token(self) -> &'static str {
        match self {
            AssignmentVersion::V1 => "v1",
            AssignmentVersion::V2 => "v2",
        }
    }

    /// Whether this is v1 (the default, never written).
    pub fn is_v1(&self) -> bool {
        *self == AssignmentVersion::V1
    }
}

/// A witness (义务监督员) and the commitment to their secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WitnessCommitment {
    /// Name.
    pub name: String,
    /// `SHA-256(lp("dualdraw-witness-v1") ‖ lp(secret))`.
    pub commitment: Hash,
}

/// A public randomness source (随机信标类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BeaconScheme {
    /// drand quicknet.
    #[serde(rename = "drand-quicknet")]
    DrandQuicknet,
    /// A named public lottery draw (RFC 3797 style).
    #[serde(rename = "lottery")]
    Lottery,
}

impl BeaconScheme {
    /// Token.
    pub fn token(self) -> &'static str {
        match self {
            BeaconScheme::DrandQuicknet => "drand-quicknet",
            BeaconScheme::Lottery => "lottery",
        }
    }
}

/// The beacon (随机信标) a campaign commits to: a round that does not exist
/// yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeaconSpec {
    /// Scheme.
    pub scheme: BeaconScheme,
    /// The round (decimal) or the lottery draw's name.
    pub round: String,
}

/// Where the randomness comes from (随机源安排: 义务监督员与随机信标).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntropyPlan {
    /// Witnesses, in order.
    pub witnesses: Vec<WitnessCommitment>,
    /// Optional beacon.
    pub beacon: Option<BeaconSpec>,
    /// Reveals must be recorded before this instant (default: the beacon round time).
    #[serde(with = "crate::core::instant::canonical_opt")]
    pub reveal_deadline: Option<DateTime<Utc>>,
    /// What a missing reveal does.
    pub on_missing_reveal: MissingReveal,
}

/// The inspection period (检查期间): visits are dated inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
}

/// Sample coordination (样本协调) with other campaigns announced together:
/// the group's campaigns share permanent random numbers, each read from its
/// own starting point (`docs/SPEC.md` §5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coordination {
    /// The group's name; every campaign of the group gives the same.
    pub group: String,
    /// The starting point in `[0, 1)`: equal starts overlap as much as
    /// possible (one visit instead of several), spread starts spread the burden.
    pub start: Ratio,
}

/// A checked campaign (抽查任务).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaign {
    /// Campaign id.
    pub id: String,
    /// Title.
    pub title: String,
    /// 发起部门.
    pub lead_department: String,
    /// Eligibility is judged as of this (China) date.
    pub draw_date: NaiveDate,
    /// Item codes, sorted.
    pub items: Vec<String>,
    /// Target selection.
    pub targets: Targets,
    /// Teams.
    pub teams: Teams,
    /// Entropy.
    pub entropy: EntropyPlan,
    /// The inspection period, if given.
    #[serde(default)]
    pub period: Option<Period>,
    /// Sample coordination, if the campaign belongs to a group.
    #[serde(default)]
    pub coordination: Option<Coordination>,
}

/// The instant format (时刻格式) of the spec.
pub fn instant_text(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Campaign {
    /// Parses and checks a campaign file.
    ///
    /// # Errors
    /// [`CampaignError`] naming the key and the problem.
    pub fn from_toml(text: &str) -> Result<Self, CampaignError> {
        parse::from_toml(text)
    }

    /// Re-checks a campaign (e.g. one read back from a proof).
    ///
    /// # Errors
    /// [`CampaignError`].
    pub fn check(&self) -> Result<(), CampaignError> {
        parse::check(self)
    }

    /// The canonical encoding (`docs/SPEC.md` §2).
    pub fn canonical(&self) -> Vec<u8> {
        let mut e = Encoder::with_capacity(1024);
        e.str("dualdraw-campaign-v1")
            .str(&self.id)
            .str(&self.title)
            .str(&self.lead_department)
            .str(&self.draw_date.format("%Y-%m-%d").to_string())
            .list(&self.items);
        match &self.targets.categories {
            None => {
                e.raw(&[0]);
            }
            Some(c) => {
                e.raw(&[1]).list(c);
            }
        }
        let classes: Vec<&str> = self
            .targets
            .exclude_credit_classes
            .iter()
            .map(|c| c.token())
            .collect();
        e.list(&self.targets.regions)
            .list(&self.targets.exclude_flags)
            .list(&classes)
            .u64(self.targets.exclude_inspected_within_days)
            .raw(&(self.targets.strata.len() as u32).to_be_bytes());
        let opt64 = |e: &mut Encoder, v: Option<u64>| match v {
            None => {
                e.raw(&[0]);
            }
            Some(x) => {
                e.raw(&[1]).u64(x);
            }
        };
        for s in &self.targets.strata {
            e.str(s.credit_class.token());
            match s.rule {
                StratumRule::Ratio(r) => {
                    e.raw(&[1]).u64(r.p()).u64(r.q());
                }
                StratumRule::Count(c) => {
                    e.raw(&[2]).u64(c);
                }
            }
            opt64(&mut e, s.min);
            opt64(&mut e, s.max);
        }
        e.u64(self.teams.min_size).u64(self.teams.per_department);
        opt64(&mut e, self.teams.max_targets_per_officer);
        e.str(self.teams.officer_region.token())
            .u64(self.teams.avoid_same_officer_within_days)
            .raw(&(self.entropy.witnesses.len() as u32).to_be_bytes());
        for w in &self.entropy.witnesses {
            e.str(&w.name).raw(&w.commitment.0);
        }
        match &self.entropy.beacon {
            None => {
                e.raw(&[0]);
            }
            Some(b) => {
                e.raw(&[1]).str(b.scheme.token()).str(&b.round);
            }
        }
        e.opt(
            self.entropy
                .reveal_deadline
                .as_ref()
                .map(instant_text)
                .as_deref(),
        )
        .str(self.entropy.on_missing_reveal.token());
        // Additions of the same version (§2): the low-risk rule, the period and coordination.
        e.raw(&[u8::from(self.targets.low_risk_once_a_year)]);
        match &self.period {
            None => {
                e.raw(&[0]);
            }
            Some(p) => {
                e.raw(&[1])
                    .str(&p.start.format("%Y-%m-%d").to_string())
                    .str(&p.end.format("%Y-%m-%d").to_string());
            }
        }
        match &self.coordination {
            None => {
                e.raw(&[0]);
            }
            Some(k) => {
                e.raw(&[1]).str(&k.group).u64(k.start.p()).u64(k.start.q());
            }
        }
        // Assignment v2 (§2, §6.1): only a v2 campaign appends anything, so a
        // v1 campaign's bytes (and hash) are those it always had.
        if self.teams.assignment != AssignmentVersion::V1 {
            e.str("teams.assignment").str(self.teams.assignment.token());
        }
        e.finish()
    }

    /// `SHA-256` of the canonical encoding.
    pub fn hash(&self) -> Hash {
        Hash::digest(&self.canonical())
    }

    /// The stratum of a class, if any.
    pub fn stratum(&self, class: CreditClass) -> Option<&Stratum> {
        self.targets.strata.iter().find(|s| s.credit_class == class)
    }
}

#[cfg(test)]
mod tests;
