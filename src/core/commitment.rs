//! Commitments to the registries (`docs/COMMITMENTS.md`): the canonical leaf of
//! each record, salted commitments to confidential values, one RFC 6962 Merkle
//! root per registry, and the snapshot digest over the four roots.
//!
//! Public fields enter a leaf as they are. A confidential value (an entity's
//! credit class; a recusal's pair and reason) enters only as
//! `SHA-256(pad32("dualdraw-confidential-v1") ‖ salt ‖ list(values))`, with a
//! 32-byte salt only the store knows. A published leaf therefore reproduces the
//! root, reveals nothing confidential and resists guessing; handing out one
//! salt opens exactly one value.

use crate::core::canonical::{DecodeError, Decoder, Encoder};
use crate::core::merkle::{Hash, MerkleRoot, MerkleTree, leaf_hash, root_from_leaf_hashes};
use crate::core::registry::vocab::{EntityKind, EntityStatus, ItemType, OfficerStatus, RegionCode};
use crate::core::registry::{Entity, Item, Officer, Recusal, Registries, RegistryKind};
use crate::core::uscc::Uscc;
use crate::par::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Domain-separation tag of an item leaf.
pub const ITEM_TAG: &str = "dualdraw-leaf-v1/item";
/// Domain-separation tag of an entity leaf.
pub const ENTITY_TAG: &str = "dualdraw-leaf-v1/entity";
/// Domain-separation tag of an officer leaf.
pub const OFFICER_TAG: &str = "dualdraw-leaf-v1/officer";
/// Domain-separation tag of a recusal leaf.
pub const RECUSAL_TAG: &str = "dualdraw-leaf-v1/recusal";
/// Domain-separation tag of a confidential commitment.
pub const CONFIDENTIAL_TAG: &str = "dualdraw-confidential-v1";
/// Domain-separation tag of salt derivation.
pub const SALT_TAG: &str = "dualdraw-salt-v1";
/// Domain-separation tag of the snapshot digest.
pub const SNAPSHOT_TAG: &str = "dualdraw-snapshot-v1";

/// `pad32(tag)`: the tag's bytes followed by zeros up to 32 bytes.
fn pad32(tag: &str) -> [u8; 32] {
    let mut b = [0u8; 32];
    b[..tag.len()].copy_from_slice(tag.as_bytes());
    b
}

/// The secret (盐值密钥) a workspace derives every salt from (kept in the
/// store, never published). An embedding system that keeps its own key gets the
/// same roots as the store for the same records.
#[derive(Clone)]
pub struct SaltKey {
    key: [u8; 32],
    /// SHA-256 state after `pad32("dualdraw-salt-v1") ‖ K`: one block.
    salt_state: Sha256,
}

impl PartialEq for SaltKey {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for SaltKey {}

impl std::fmt::Debug for SaltKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SaltKey(..)")
    }
}

fn hash_list(h: &mut Sha256, values: &[&str]) {
    h.update((values.len() as u32).to_be_bytes());
    for v in values {
        h.update((v.len() as u32).to_be_bytes());
        h.update(v.as_bytes());
    }
}

impl SaltKey {
    /// A key from 32 bytes.
    pub fn from_bytes(key: [u8; 32]) -> Self {
        let mut salt_state = Sha256::new();
        salt_state.update(pad32(SALT_TAG));
        salt_state.update(key);
        SaltKey { key, salt_state }
    }

    /// A fresh key from the operating system's random source.
    ///
    /// # Errors
    /// When the operating system has no random source.
    pub fn generate() -> Result<Self, getrandom::Error> {
        let mut b = [0u8; 32];
        getrandom::fill(&mut b)?;
        Ok(SaltKey::from_bytes(b))
    }

    /// The key bytes (to keep in the store).
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.key
    }

    /// The salt of one confidential value: `SHA-256(pad32("dualdraw-salt-v1")
    /// ‖ K ‖ list(values))`. The values name the field, the record and the
    /// value, so each salt opens exactly that one value.
    pub fn salt(&self, values: &[&str]) -> [u8; 32] {
        let mut h = self.salt_state.clone();
        hash_list(&mut h, values);
        h.finalize().into()
    }

    /// The salted commitment to `values`, with the salt derived from them.
    pub fn commit(&self, values: &[&str]) -> Hash {
        confidential_commitment(&self.salt(values), values)
    }
}

/// A confidential commitment (保密数据承诺):
/// `SHA-256(pad32("dualdraw-confidential-v1") ‖ salt ‖ list(values))`.
pub fn confidential_commitment(salt: &[u8; 32], values: &[&str]) -> Hash {
    let mut h = Sha256::new();
    h.update(pad32(CONFIDENTIAL_TAG));
    h.update(salt);
    hash_list(&mut h, values);
    Hash(h.finalize().into())
}

/// The values committed for an entity's credit class (信用风险分类).
pub fn credit_class_values<'a>(uscc: &'a str, class_token: &'a str) -> [&'a str; 3] {
    ["credit_class", uscc, class_token]
}

/// The values committed for a recusal pair (回避关系; who and whom, without the
/// reason).
pub fn recusal_pair_values<'a>(officer_id: &'a str, uscc: &'a str) -> [&'a str; 3] {
    ["recusal", officer_id, uscc]
}

/// The values committed for a recusal's reason (回避事由).
pub fn recusal_reason_values<'a>(
    officer_id: &'a str,
    uscc: &'a str,
    reason: &'a str,
) -> [&'a str; 4] {
    ["recusal_reason", officer_id, uscc, reason]
}

fn date_text(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(|d| crate::core::canonical::date_text(d).into_owned())
}

/// `YYYY-MM-DD` without allocating.
fn date_bytes(d: chrono::NaiveDate) -> [u8; 10] {
    use chrono::Datelike;
    let (y, m, day) = (d.year().clamp(0, 9999) as u32, d.month(), d.day());
    let mut b = *b"0000-00-00";
    b[0] = b'0' + (y / 1000) as u8;
    b[1] = b'0' + (y / 100 % 10) as u8;
    b[2] = b'0' + (y / 10 % 10) as u8;
    b[3] = b'0' + (y % 10) as u8;
    b[5] = b'0' + (m / 10) as u8;
    b[6] = b'0' + (m % 10) as u8;
    b[8] = b'0' + (day / 10) as u8;
    b[9] = b'0' + (day % 10) as u8;
    b
}

/// Encodes an entity's canonical leaf (市场主体叶子节点) straight from the
/// record (the same bytes as [`PublicEntity::leaf`], without building the
/// public view).
pub fn encode_entity_leaf(e: &Entity, key: &SaltKey, enc: &mut Encoder) {
    encode_entity_leaf_with(e, &entity_commitment(e, key), enc);
}

/// The commitment standing for entity `e`'s credit class in its leaf (and
/// in its public view).
pub fn entity_commitment(e: &Entity, key: &SaltKey) -> Hash {
    key.commit(&credit_class_values(
        e.uscc.as_str(),
        e.credit_class.token(),
    ))
}

/// The leaf hashes and credit classes' commitments of `run`, made on every
/// core.
pub fn entity_leaves(run: &[Entity], key: &SaltKey) -> (Vec<Hash>, Vec<Hash>) {
    use crate::par::*;
    let parts: Vec<Vec<(Hash, Hash)>> = run
        .par_chunks(1024)
        .map(|part| {
            let mut enc = Encoder::with_capacity(512);
            part.iter()
                .map(|e| {
                    enc.clear();
                    let c = entity_commitment(e, key);
                    encode_entity_leaf_with(e, &c, &mut enc);
                    (crate::core::merkle::leaf_hash(enc.as_bytes()), c)
                })
                .collect()
        })
        .collect();
    parts.into_iter().flatten().unzip()
}

/// [`encode_entity_leaf`] with the credit class's commitment already made
/// ([`entity_commitment`]): a stream that made it once hands it on.
pub fn encode_entity_leaf_with(e: &Entity, commitment: &Hash, enc: &mut Encoder) {
    enc.str(ENTITY_TAG)
        .str(e.uscc.as_str())
        .str(&e.name)
        .str(e.kind.token())
        .list(&e.categories)
        .str(&e.industry)
        .str(e.region.as_str())
        .opt(e.township.as_deref());
    enc.str(e.status.token());
    match e.established {
        None => {
            enc.raw(&[0]);
        }
        Some(d) => {
            enc.raw(&[1]).bytes(&date_bytes(d));
        }
    }
    enc.list(&e.flags).raw(&commitment.0);
}

/// The public view of an entity (市场主体公开信息): every public field, and the
/// commitment standing for its credit class. This is what a published snapshot
/// holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicEntity {
    /// 统一社会信用代码.
    pub uscc: String,
    /// 名称.
    pub name: String,
    /// Kind token.
    pub kind: String,
    /// Categories, sorted.
    pub categories: Vec<String>,
    /// 行业.
    pub industry: String,
    /// Region code.
    pub region: String,
    /// 乡镇街道.
    pub township: Option<String>,
    /// Status token.
    pub status: String,
    /// 成立日期, `YYYY-MM-DD`.
    pub established: Option<String>,
    /// Flags, sorted.
    pub flags: Vec<String>,
    /// Salted commitment to the credit class.
    pub credit_class_commitment: Hash,
}

impl PublicEntity {
    /// The public view of `e` under `key`.
    pub fn of(e: &Entity, key: &SaltKey) -> Self {
        Self::with_commitment(e, entity_commitment(e, key))
    }

    /// The public view of `e` whose credit class's commitment is
    /// `commitment` ([`entity_commitment`], made once by a stream).
    pub fn with_commitment(e: &Entity, commitment: Hash) -> Self {
        PublicEntity {
            uscc: e.uscc.as_str().to_string(),
            name: e.name.clone(),
            kind: e.kind.token().to_string(),
            categories: e.categories.clone(),
            industry: e.industry.clone(),
            region: e.region.as_str().to_string(),
            township: e.township.clone(),
            status: e.status.token().to_string(),
            established: date_text(e.established),
            flags: e.flags.clone(),
            credit_class_commitment: commitment,
        }
    }

    /// The canonical leaf.
    pub fn leaf(&self) -> Vec<u8> {
        let mut e = Encoder::with_capacity(256);
        self.encode_into(&mut e);
        e.finish()
    }

    fn encode_into(&self, e: &mut Encoder) {
        e.str(ENTITY_TAG)
            .str(&self.uscc)
            .str(&self.name)
            .str(&self.kind)
            .list(&self.categories)
            .str(&self.industry)
            .str(&self.region)
            .opt(self.township.as_deref())
            .str(&self.status)
            .opt(self.established.as_deref())
            .list(&self.flags)
            .raw(&self.credit_class_commitment.0);
    }

    /// Decodes a canonical leaf, checking every vocabulary token.
    ///
    /// # Errors
    /// [`DecodeError`] for malformed bytes or values.
    pub fn from_leaf(leaf: &[u8]) -> Result<Self, DecodeError> {
        let mut d = Decoder::new(leaf);
        d.tag(ENTITY_TAG)?;
        let p = PublicEntity {
            uscc: d.str()?.to_string(),
            name: d.str()?.to_string(),
            kind: d.str()?.to_string(),
            categories: d.list()?,
            industry: d.str()?.to_string(),
            region: d.str()?.to_string(),
            township: d.opt()?.map(str::to_string),
            status: d.str()?.to_string(),
            established: d.opt()?.map(str::to_string),
            flags: d.list()?,
            credit_class_commitment: Hash(d.hash()?),
        };
        d.finish()?;
        p.check()?;
        Ok(p)
    }

    /// Checks the record's values as a leaf read back must be (§4): USCC,
    /// tokens, region, date, sorted lists.
    ///
    /// # Errors
    /// [`DecodeError::Invalid`] naming the field.
    pub fn check(&self) -> Result<(), DecodeError> {
        let inv = |field: &'static str, value: &str| DecodeError::Invalid {
            field,
            value: value.to_string(),
        };
        Uscc::accept_legacy(&self.uscc).map_err(|_| inv("uscc", &self.uscc))?;
        EntityKind::from_token(&self.kind).ok_or_else(|| inv("kind", &self.kind))?;
        EntityStatus::from_token(&self.status).ok_or_else(|| inv("status", &self.status))?;
        RegionCode::parse(&self.region).map_err(|_| inv("region", &self.region))?;
        if let Some(d) = &self.established {
            crate::core::canonical::parse_date(d).ok_or_else(|| inv("established", d))?;
        }
        if !is_sorted_unique(&self.categories) {
            return Err(inv("categories", &self.categories.join(";")));
        }
        if !is_sorted_unique(&self.flags) {
            return Err(inv("flags", &self.flags.join(";")));
        }
        Ok(())
    }
}

fn is_sorted_unique(v: &[String]) -> bool {
    v.windows(2).all(|w| w[0] < w[1])
}

/// The canonical leaf of an item (抽查事项叶子节点; all fields public).
pub fn item_leaf(i: &Item) -> Vec<u8> {
    let mut e = Encoder::with_capacity(256);
    e.str(ITEM_TAG)
        .str(&i.code)
        .str(&i.name)
        .str(&i.department)
        .str(i.item_type.token())
        .str(&i.target_category)
        .str(&i.method)
        .str(&i.basis)
        .opt(i.qualification.as_deref());
    e.finish()
}

/// Decodes an item leaf (抽查事项叶子节点).
///
/// # Errors
/// [`DecodeError`] for malformed bytes or values.
pub fn item_from_leaf(leaf: &[u8]) -> Result<Item, DecodeError> {
    let mut d = Decoder::new(leaf);
    d.tag(ITEM_TAG)?;
    let code = d.str()?.to_string();
    let name = d.str()?.to_string();
    let department = d.str()?.to_string();
    let t = d.str()?;
    let item_type = ItemType::from_token(t).ok_or_else(|| DecodeError::Invalid {
        field: "type",
        value: t.to_string(),
    })?;
    let item = Item {
        code,
        name,
        department,
        item_type,
        target_category: d.str()?.to_string(),
        method: d.str()?.to_string(),
        basis: d.str()?.to_string(),
        qualification: d.opt()?.map(str::to_string),
    };
    d.finish()?;
    Ok(item)
}

/// The canonical leaf of an entity (市场主体叶子节点).
pub fn entity_leaf(e: &Entity, key: &SaltKey) -> Vec<u8> {
    let mut enc = Encoder::with_capacity(320);
    encode_entity_leaf(e, key, &mut enc);
    enc.finish()
}

/// The canonical leaf of an officer (执法检查人员叶子节点; all fields public).
pub fn officer_leaf(o: &Officer) -> Vec<u8> {
    let mut e = Encoder::with_capacity(256);
    e.str(OFFICER_TAG)
        .str(&o.id)
        .str(&o.name)
        .str(&o.department)
        .str(&o.unit)
        .str(o.region.as_str())
        .list(&o.qualifications)
        .str(o.status.token())
        .str(&o.cert_expiry.format("%Y-%m-%d").to_string());
    e.finish()
}

/// Decodes an officer leaf (执法检查人员叶子节点).
///
/// # Errors
/// [`DecodeError`] for malformed bytes or values.
pub fn officer_from_leaf(leaf: &[u8]) -> Result<Officer, DecodeError> {
    let mut d = Decoder::new(leaf);
    d.tag(OFFICER_TAG)?;
    let inv = |field: &'static str, value: &str| DecodeError::Invalid {
        field,
        value: value.to_string(),
    };
    let id = d.str()?.to_string();
    let name = d.str()?.to_string();
    let department = d.str()?.to_string();
    let unit = d.str()?.to_string();
    let r = d.str()?;
    let region = RegionCode::parse(r).map_err(|_| inv("region", r))?;
    let qualifications = d.list()?;
    let s = d.str()?;
    let status = OfficerStatus::from_token(s).ok_or_else(|| inv("status", s))?;
    let x = d.str()?;
    // Parsing accepts spellings (`2026-3-9`, `+2026-03-09`) that encode
    // differently: only the canonical one is a leaf.
    let cert_expiry = chrono::NaiveDate::parse_from_str(x, "%Y-%m-%d")
        .ok()
        .filter(|d| d.format("%Y-%m-%d").to_string() == x)
        .ok_or_else(|| inv("cert_expiry", x))?;
    d.finish()?;
    if !is_sorted_unique(&qualifications) {
        return Err(inv("qualifications", &qualifications.join(";")));
    }
    let o = Officer {
        id,
        name,
        department,
        unit,
        region,
        qualifications,
        status,
        cert_expiry,
    };
    // Whatever else a parser normalises, a leaf is canonical only if it is
    // exactly the encoding of what it decodes to.
    if officer_leaf(&o) != leaf {
        return Err(inv("leaf", "not the canonical encoding of its officer"));
    }
    Ok(o)
}

/// The public view of a recusal (回避记录的公开形式): two commitments, to the
/// pair and to the reason. Nothing else about it is ever published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PublicRecusal {
    /// Commitment to (officer id, USCC).
    pub pair_commitment: Hash,
    /// Commitment to (officer id, USCC, reason).
    pub reason_commitment: Hash,
}

impl PublicRecusal {
    /// The public view of `r` under `key`.
    pub fn of(r: &Recusal, key: &SaltKey) -> Self {
        PublicRecusal {
            pair_commitment: key.commit(&recusal_pair_values(&r.officer_id, r.uscc.as_str())),
            reason_commitment: key.commit(&recusal_reason_values(
                &r.officer_id,
                r.uscc.as_str(),
                &r.reason,
            )),
        }
    }

    /// The canonical leaf.
    pub fn leaf(&self) -> Vec<u8> {
        let mut e = Encoder::with_capacity(100);
        e.str(RECUSAL_TAG)
            .raw(&self.pair_commitment.0)
            .raw(&self.reason_commitment.0);
        e.finish()
    }

    /// Decodes a recusal leaf.
    ///
    /// # Errors
    /// [`DecodeError`] for malformed bytes.
    pub fn from_leaf(leaf: &[u8]) -> Result<Self, DecodeError> {
        let mut d = Decoder::new(leaf);
        d.tag(RECUSAL_TAG)?;
        let p = PublicRecusal {
            pair_commitment: Hash(d.hash()?),
            reason_commitment: Hash(d.hash()?),
        };
        d.finish()?;
        Ok(p)
    }
}

/// The leaves of one registry (名录叶子节点) in canonical order: items,
/// entities and officers by key; recusals by their leaf bytes (so that the
/// order reveals nothing about who is recused from whom).
pub fn leaves(reg: &Registries, kind: RegistryKind, key: &SaltKey) -> Vec<Vec<u8>> {
    match kind {
        RegistryKind::Items => reg.items.par_iter().map(item_leaf).collect(),
        RegistryKind::Entities => reg
            .entities
            .par_iter()
            .map(|e| entity_leaf(e, key))
            .collect(),
        RegistryKind::Officers => reg.officers.par_iter().map(officer_leaf).collect(),
        RegistryKind::Recusals => {
            let mut l: Vec<Vec<u8>> = reg
                .recusals
                .par_iter()
                .map(|r| PublicRecusal::of(r, key).leaf())
                .collect();
            l.par_sort_unstable();
            l
        }
    }
}

/// The Merkle root of one registry (名录默克尔树根).
pub fn registry_root(reg: &Registries, kind: RegistryKind, key: &SaltKey) -> MerkleRoot {
    let hashes: Vec<Hash> = match kind {
        RegistryKind::Entities => reg
            .entities
            .par_iter()
            .map_init(
                || Encoder::with_capacity(512),
                |enc, e| {
                    enc.clear();
                    encode_entity_leaf(e, key, enc);
                    leaf_hash(enc.as_bytes())
                },
            )
            .collect(),
        _ => leaves(reg, kind, key)
            .par_iter()
            .map(|l| leaf_hash(l))
            .collect(),
    };
    let size = hashes.len() as u64;
    MerkleRoot {
        hash: root_from_leaf_hashes(hashes),
        size,
    }
}

/// The whole tree of one registry (名录默克尔树), for proofs.
pub fn registry_tree(reg: &Registries, kind: RegistryKind, key: &SaltKey) -> MerkleTree {
    MerkleTree::new(&leaves(reg, kind, key))
}

/// The four registry roots (默克尔树根) and the snapshot digest (快照摘要) over
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRoots {
    /// Items root.
    pub items: MerkleRoot,
    /// Entities root.
    pub entities: MerkleRoot,
    /// Officers root.
    pub officers: MerkleRoot,
    /// Recusals root.
    pub recusals: MerkleRoot,
}

impl SnapshotRoots {
    /// Computes all four roots.
    pub fn compute(reg: &Registries, key: &SaltKey) -> Self {
        SnapshotRoots {
            items: registry_root(reg, RegistryKind::Items, key),
            entities: registry_root(reg, RegistryKind::Entities, key),
            officers: registry_root(reg, RegistryKind::Officers, key),
            recusals: registry_root(reg, RegistryKind::Recusals, key),
        }
    }

    /// The root of one registry.
    pub fn get(&self, kind: RegistryKind) -> MerkleRoot {
        match kind {
            RegistryKind::Items => self.items,
            RegistryKind::Entities => self.entities,
            RegistryKind::Officers => self.officers,
            RegistryKind::Recusals => self.recusals,
        }
    }

    /// Sets the root of one registry.
    pub fn set(&mut self, kind: RegistryKind, root: MerkleRoot) {
        match kind {
            RegistryKind::Items => self.items = root,
            RegistryKind::Entities => self.entities = root,
            RegistryKind::Officers => self.officers = root,
            RegistryKind::Recusals => self.recusals = root,
        }
    }

    /// `SHA-256(lp("dualdraw-snapshot-v1") ‖ for each registry in the order
    /// items, entities, officers, recusals: lp(name) ‖ u64 size ‖ root)`.
    pub fn digest(&self) -> Hash {
        let mut e = Encoder::with_capacity(200);
        e.str(SNAPSHOT_TAG);
        for k in RegistryKind::ALL {
            let r = self.get(k);
            e.str(k.token()).u64(r.size).raw(&r.hash.0);
        }
        Hash::digest(e.as_bytes())
    }
}

#[cfg(test)]
mod tests;
