//! Draw proofs (`dualdraw-draw-proof-v1`, `docs/SPEC.md` §7) and their
//! verification: light (the proof alone) and audit (with the registries and
//! salts of the workspace).

use crate::core::announcement::Announcement;
use crate::core::commitment::{
    PublicEntity, PublicRecusal, SaltKey, recusal_pair_values, registry_tree,
};
use crate::core::draw::DrawOutcome;
use crate::core::entropy::{BeaconValue, Reveal};
use crate::core::merkle::{Hash, InclusionProof};
use crate::core::registry::vocab::CreditClass;
use crate::core::registry::{Entity, Item, Officer, Registries, RegistryKind};
use crate::core::sample;
use serde::{Deserialize, Serialize};

/// Format tag of a draw proof.
pub const DRAW_PROOF_FORMAT: &str = "dualdraw-draw-proof-v1";

/// Entropy (随机源: 义务监督员揭示与随机信标) as recorded in a proof.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntropyRecord {
    /// Reveals used, in campaign order.
    pub reveals: Vec<Reveal>,
    /// Witnesses left out.
    pub missing: Vec<String>,
    /// The beacon, if any.
    pub beacon: Option<BeaconValue>,
}

/// One stratum (分层抽样记录) in a proof.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StratumRecord {
    /// Class.
    pub credit_class: CreditClass,
    /// Pool entities of the class.
    pub pool: u64,
    /// Drawn.
    pub drawn: u64,
    /// Commitment to the threshold (§7).
    pub threshold_commitment: Hash,
}

/// A drawn target (被抽中的检查对象) in a proof.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetRecord {
    /// The public entity record.
    pub entity: PublicEntity,
    /// Its permanent random number.
    pub prn: Hash,
    /// Applicable items.
    pub items: Vec<String>,
    /// Departments, lead first.
    pub departments: Vec<String>,
    /// Leaf index in the entities tree.
    pub index: u64,
    /// Audit path.
    pub path: Vec<Hash>,
}

/// A disclosed blocked pair (公开的回避人员与检查对象).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockedPair {
    /// Officer id.
    pub officer: String,
    /// Target USCC.
    pub target: String,
    /// Salt opening the pair commitment.
    pub pair_salt: Hash,
    /// The reason's commitment (the reason stays hidden).
    pub reason_commitment: Hash,
    /// Leaf index in the recusals tree.
    pub index: u64,
    /// Audit path.
    pub path: Vec<Hash>,
}

/// A team (检查组).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRecord {
    /// Target USCC.
    pub target: String,
    /// Officer ids, by department order then id.
    pub officers: Vec<String>,
}

/// A draw proof (抽查记录).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawProof {
    /// [`DRAW_PROOF_FORMAT`].
    pub format: String,
    /// The announcement (with the campaign).
    pub announcement: Announcement,
    /// Entropy.
    pub entropy: EntropyRecord,
    /// The seed.
    pub seed: Hash,
    /// The seed the PRNs come from: the seed, or the group seed of a
    /// coordinated campaign (§5).
    pub prn_seed: Hash,
    /// A coordinated campaign's group members' announcement hashes, in the
    /// order of `announcement.coordination.members` (empty otherwise).
    pub group_announcements: Vec<Hash>,
    /// Pool size (after class exclusions).
    pub pool_size: u64,
    /// Left out by class.
    pub excluded_by_class: u64,
    /// Strata.
    pub strata: Vec<StratumRecord>,
    /// The whole item list of the snapshot (it reproduces the items root).
    pub items: Vec<Item>,
    /// The whole officer directory of the snapshot (it reproduces the officers root).
    pub officers: Vec<Officer>,
    /// Drawn targets, by USCC.
    pub targets: Vec<TargetRecord>,
    /// Recusals between drawn targets and their departments' officers.
    pub blocked_pairs: Vec<BlockedPair>,
    /// Teams, by target.
    pub teams: Vec<TeamRecord>,
}

impl DrawProof {
    /// The record of drawn target `uscc`, if it is one. The targets are
    /// sorted by USCC: a binary search (a proof whose targets are out of
    /// order, which light verification refuses, is still searched through).
    pub fn target(&self, uscc: &str) -> Option<&TargetRecord> {
        match self
            .targets
            .binary_search_by(|t| t.entity.uscc.as_str().cmp(uscc))
        {
            Ok(i) => self.targets.get(i),
            Err(_) => self.targets.iter().find(|t| t.entity.uscc == uscc),
        }
    }

    /// How the proof's draw reads PRNs (§5): its PRN seed from its campaign's
    /// starting point. (Light verification re-derives and compares the seed.)
    pub fn prn_key(&self) -> sample::PrnKey {
        sample::PrnKey::new(
            self.prn_seed,
            self.announcement
                .campaign
                .coordination
                .as_ref()
                .map(|k| k.start),
        )
    }
}

/// A stratum's threshold commitment (分层阈值承诺):
/// `SHA-256(lp("dualdraw-threshold-v1") ‖ lp(salt) ‖ lp(class) ‖ opt(threshold
/// hex))`.
pub fn threshold_commitment(salt: &[u8; 32], class: CreditClass, threshold: Option<&Hash>) -> Hash {
    let mut e = crate::core::canonical::Encoder::new();
    e.str("dualdraw-threshold-v1")
        .bytes(salt)
        .str(class.token())
        .opt(threshold.map(Hash::to_hex).as_deref());
    Hash::digest(e.as_bytes())
}

pub(crate) fn threshold_salt(key: &SaltKey, campaign_hash: &Hash, class: CreditClass) -> [u8; 32] {
    key.salt(&["threshold", &campaign_hash.to_hex(), class.token()])
}

/// Builds the proof of a draw (生成抽查记录).
pub fn make_proof(
    reg: &Registries,
    key: &SaltKey,
    a: &Announcement,
    entropy: EntropyRecord,
    out: &DrawOutcome,
    group_announcements: &[Hash],
) -> DrawProof {
    let tree = registry_tree(reg, RegistryKind::Entities, key);
    let targets: Vec<(Entity, InclusionProof)> = out
        .targets
        .iter()
        .map(|&i| {
            let path = tree
                .prove(i as u64)
                .unwrap_or(InclusionProof { path: Vec::new() });
            (reg.entities[i].clone(), path)
        })
        .collect();
    make_proof_with(reg, &targets, key, a, entropy, out, group_announcements)
}

/// [`make_proof`] for a draw whose entities were streamed
/// ([`crate::core::draw::draw_runs`]): `targets` holds the drawn entities
/// and their inclusion proofs, in the order of `out.targets`; of `reg`
/// only the items, officers and recusals are read.
pub fn make_proof_with(
    reg: &Registries,
    targets: &[(Entity, InclusionProof)],
    key: &SaltKey,
    a: &Announcement,
    entropy: EntropyRecord,
    out: &DrawOutcome,
    group_announcements: &[Hash],
) -> DrawProof {
    let rtree = registry_tree(reg, RegistryKind::Recusals, key);
    let recusal_leaves: Vec<Vec<u8>> =
        crate::core::commitment::leaves(reg, RegistryKind::Recusals, key);
    let prns = sample::PrnHasher::new(&out.prn_key.seed);
    let targets = out
        .targets
        .iter()
        .zip(&out.needs)
        .zip(targets)
        .map(|((&i, n), (e, path))| TargetRecord {
            entity: PublicEntity::of(e, key),
            prn: prns.prn18(e.uscc.as_bytes()),
            items: n.items.clone(),
            departments: n.needs.iter().map(|x| x.department.clone()).collect(),
            index: i as u64,
            path: path.path.clone(),
        })
        .collect();
    let mut blocked_pairs: Vec<BlockedPair> = out
        .blocked
        .iter()
        .map(|&(o, p, ri)| {
            let r = &reg.recusals[ri];
            let pr = PublicRecusal::of(r, key);
            let leaf = pr.leaf();
            let index = recusal_leaves.binary_search(&leaf).unwrap_or(0) as u64;
            BlockedPair {
                officer: reg.officers[o].id.clone(),
                target: out.needs[p].uscc.clone(),
                pair_salt: Hash(key.salt(&recusal_pair_values(&r.officer_id, r.uscc.as_str()))),
                reason_commitment: pr.reason_commitment,
                index,
                path: rtree.prove(index).map(|p| p.path).unwrap_or_default(),
            }
        })
        .collect();
    blocked_pairs.sort_by(|a, b| (&a.target, &a.officer).cmp(&(&b.target, &b.officer)));
    let strata = out
        .strata
        .iter()
        .map(|s| StratumRecord {
            credit_class: s.credit_class,
            pool: s.pool,
            drawn: s.drawn,
            threshold_commitment: threshold_commitment(
                &threshold_salt(key, &a.campaign_hash, s.credit_class),
                s.credit_class,
                s.threshold.as_ref(),
            ),
        })
        .collect();
    let teams = out
        .needs
        .iter()
        .zip(&out.teams)
        .map(|(n, t)| TeamRecord {
            target: n.uscc.clone(),
            officers: t.iter().map(|&o| reg.officers[o].id.clone()).collect(),
        })
        .collect();
    DrawProof {
        format: DRAW_PROOF_FORMAT.into(),
        announcement: a.clone(),
        entropy,
        seed: out.seed,
        prn_seed: out.prn_key.seed,
        group_announcements: group_announcements.to_vec(),
        pool_size: out.pool_size,
        excluded_by_class: out.excluded_by_class,
        strata,
        items: reg.items.clone(),
        officers: reg.officers.clone(),
        targets,
        blocked_pairs,
        teams,
    }
}
