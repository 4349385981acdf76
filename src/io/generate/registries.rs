//! The registries of the county, each drawn from its own stream: items,
//! entities (each on its own, so any range can be made), officers and
//! recusals.

use super::tables::{
    DEPARTMENTS, GIVEN, SURNAMES, TOWNSHIPS, WORDS, all_categories, category_industry,
};
use super::{CountySpec, Rng};
use crate::core::registry::vocab::{
    CreditClass, EntityKind, EntityStatus, ItemType, OfficerStatus, RegionCode,
};
use crate::core::registry::{Entity, Item, Officer, Recusal};
use crate::core::uscc::{ALPHABET, complete};
use chrono::NaiveDate;

/// The item list: six to seven items per department (about 40).
pub fn items(seed: u64) -> Vec<Item> {
    let mut rng = Rng::new(seed, "items");
    let mut out = Vec::new();
    for d in DEPARTMENTS {
        let n = 6 + rng.below(2);
        for k in 0..n {
            let cat = d.categories[k as usize % d.categories.len()];
            let qual = (k % 3 == 1)
                .then(|| d.qualifications[k as usize % d.qualifications.len()].to_string());
            out.push(Item {
                code: format!("{}-{:03}", d.prefix, k + 1),
                name: format!(
                    "{cat}{}检查",
                    [
                        "经营行为",
                        "安全管理",
                        "资质条件",
                        "公示信息",
                        "质量管理",
                        "设施设备",
                        "从业人员"
                    ][k as usize]
                ),
                department: d.name.to_string(),
                item_type: if k % 2 == 0 {
                    ItemType::Key
                } else {
                    ItemType::General
                },
                target_category: cat.to_string(),
                method: ["实地检查", "书面检查", "网络监测", "实地检查;检验检测"][k as usize % 4]
                    .to_string(),
                basis: format!("《{cat}管理条例》第{}条", 10 + k),
                qualification: qual,
            });
        }
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

const KIND_WEIGHTS: [(EntityKind, u64); 6] = [
    (EntityKind::Enterprise, 3500),
    (EntityKind::IndividualBusiness, 5500),
    (EntityKind::FarmerCooperative, 400),
    (EntityKind::PublicInstitution, 200),
    (EntityKind::SocialOrganization, 100),
    (EntityKind::PrivateNonEnterprise, 300),
];

/// Entity number `i` of the county (entities are independent of each other, so
/// any range can be made on its own; see [`entities`]).
fn entity(seed: u64, region: &RegionCode, i: u64, cats: &[&'static str]) -> Entity {
    let mut rng = Rng::new(seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15), "entity");
    let kind = KIND_WEIGHTS[rng.weighted(&KIND_WEIGHTS.map(|(_, w)| w))].0;
    let prefix = kind.uscc_prefixes().map(|p| p[0]).unwrap_or("Y1");
    // A bijection of i onto 9 base-31 digits keeps every code unique.
    let mut org = (i.wrapping_mul(1_000_003) + seed % 1_000) % 26_439_622_160_671; // 31^9
    let mut digits = [b'0'; 9];
    for d in digits.iter_mut().rev() {
        *d = ALPHABET[(org % 31) as usize];
        org /= 31;
    }
    let first17 = format!(
        "{prefix}{}{}",
        region.as_str(),
        std::str::from_utf8(&digits).unwrap_or("000000000")
    );
    let uscc = match complete(&first17) {
        Ok(u) => u,
        Err(_) => unreachable_uscc(),
    };
    let cat = match kind {
        EntityKind::PrivateNonEnterprise => {
            *rng.pick(&["民办学校", "校外培训机构", "驾驶员培训机构"])
        }
        EntityKind::PublicInstitution => *rng.pick(&["客运站", "民办学校", "旅游市场"]),
        EntityKind::IndividualBusiness => *rng.pick(&[
            "食品销售经营者",
            "食品销售经营者",
            "网吧",
            "旅馆业",
            "药品零售企业",
        ]),
        _ => *rng.pick(cats),
    };
    let mut categories = vec![cat.to_string()];
    if rng.chance(500) {
        categories.push(rng.pick(cats).to_string());
    }
    categories.sort();
    categories.dedup();
    let suffix = match kind {
        EntityKind::IndividualBusiness => "经营部",
        EntityKind::FarmerCooperative => "专业合作社",
        EntityKind::PrivateNonEnterprise => "学校",
        EntityKind::PublicInstitution => "服务中心",
        EntityKind::SocialOrganization => "协会",
        _ => "有限公司",
    };
    let township = rng.pick(TOWNSHIPS);
    let name = format!(
        "{}{}{}{}{}",
        township
            .trim_end_matches(['镇', '乡'])
            .trim_end_matches("街道"),
        rng.pick(WORDS),
        rng.pick(WORDS),
        cat.chars().take(2).collect::<String>(),
        suffix
    );
    let credit_class = [
        CreditClass::A,
        CreditClass::B,
        CreditClass::C,
        CreditClass::D,
    ][rng.weighted(&[6500, 2500, 800, 200])];
    let status = [
        EntityStatus::InBusiness,
        EntityStatus::Revoked,
        EntityStatus::Deregistered,
        EntityStatus::MovedOut,
        EntityStatus::Suspended,
    ][rng.weighted(&[9200, 200, 400, 100, 100])];
    let established = NaiveDate::from_ymd_opt(
        1995 + rng.below(31) as i32,
        1 + rng.below(12) as u32,
        1 + rng.below(28) as u32,
    );
    let mut flags = Vec::new();
    if rng.chance(300) {
        flags.push("经营异常名录".to_string());
    }
    if rng.chance(30) {
        flags.push("严重违法失信名单".to_string());
    }
    // Leaves hold lists sorted by UTF-8 bytes (COMMITMENTS §1), as imports make them.
    flags.sort();
    Entity {
        uscc,
        name,
        kind,
        industry: category_industry(cat).to_string(),
        categories,
        region: region.clone(),
        township: Some(township.to_string()),
        credit_class,
        status,
        established,
        flags,
    }
}

#[cold]
fn unreachable_uscc() -> crate::core::uscc::Uscc {
    // Every character above comes from the alphabet and the length is 17, so
    // `complete` cannot fail; keep a valid code rather than panic.
    crate::core::uscc::Uscc::parse("91350200776049653A").unwrap_or_else(|_| unreachable_uscc())
}

/// Entities `range` of the county.
pub fn entities(
    spec: &CountySpec,
    region: &RegionCode,
    range: std::ops::Range<u64>,
) -> Vec<Entity> {
    use crate::par::*;
    let cats = all_categories();
    range
        .into_par_iter()
        .map(|i| entity(spec.seed, region, i, &cats))
        .collect()
}

/// Entities per "base" county: a county of at most this many entities has
/// 20 to 120 officers per department; a larger one proportionally more
/// ([`officers_for`]).
pub const ENTITIES_PER_BASE_STAFF: u64 = 20_000;

/// Officers: 20 to 120 per department (the staff of a county of up to
/// [`ENTITIES_PER_BASE_STAFF`] entities).
pub fn officers(seed: u64, region: &RegionCode) -> Vec<Officer> {
    officers_for(seed, region, 0)
}

/// Officers of a county of `entities` entities: each department's 20 to 120
/// officers of [`officers`] (the same, byte for byte), and for a county of
/// more than [`ENTITIES_PER_BASE_STAFF`] entities as many more as keep the
/// ratio of officers to entities, `ceil(n · entities / 20,000)` in all, from
/// their own stream (so that a campaign feasible on a county of 20,000
/// entities stays feasible on a larger one).
pub fn officers_for(seed: u64, region: &RegionCode, entities: u64) -> Vec<Officer> {
    let mut rng = Rng::new(seed, "officers");
    let mut out = Vec::new();
    for (di, d) in DEPARTMENTS.iter().enumerate() {
        let n = 20 + rng.below(101);
        for k in 0..n {
            out.push(officer(&mut rng, region, di, d, k));
        }
        let total = u64::try_from(
            (u128::from(n) * u128::from(entities)).div_ceil(u128::from(ENTITIES_PER_BASE_STAFF)),
        )
        .unwrap_or(u64::MAX);
        if total > n {
            let mut extra = Rng::new(seed, &format!("officers/{}", d.prefix));
            for k in n..total {
                out.push(officer(&mut extra, region, di, d, k));
            }
        }
    }
    out
}

/// Officer number `k` of department `d` (number `di`), drawn from `rng`.
fn officer(
    rng: &mut Rng,
    region: &RegionCode,
    di: usize,
    d: &super::tables::Department,
    k: u64,
) -> Officer {
    let mut qualifications = vec![rng.pick(d.qualifications).to_string()];
    if rng.chance(3000) {
        qualifications.push(rng.pick(d.qualifications).to_string());
    }
    qualifications.sort();
    qualifications.dedup();
    let status = [
        OfficerStatus::Active,
        OfficerStatus::OnLeave,
        OfficerStatus::Seconded,
        OfficerStatus::Transferred,
        OfficerStatus::Retired,
    ][rng.weighted(&[9000, 400, 200, 200, 200])];
    let expired = rng.chance(300);
    let year = if expired {
        2024 + rng.below(2)
    } else {
        2026 + rng.below(6)
    } as i32;
    Officer {
        id: format!("{}{:02}{:04}", region.as_str(), di + 1, k + 1),
        name: format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN)),
        department: d.name.to_string(),
        unit: format!(
            "{}{}",
            d.name.trim_start_matches('县'),
            ["执法大队", "稽查科", "综合执法队"][k as usize % 3]
        ),
        region: region.clone(),
        qualifications,
        status,
        cert_expiry: NaiveDate::from_ymd_opt(
            year,
            1 + rng.below(12) as u32,
            1 + rng.below(28) as u32,
        )
        .unwrap_or(NaiveDate::MAX),
    }
}

/// Recusals: about 1% of officers declare one to three conflicts.
pub fn recusals(
    seed: u64,
    officers: &[Officer],
    n_entities: u64,
    spec: &CountySpec,
    region: &RegionCode,
) -> Vec<Recusal> {
    let mut rng = Rng::new(seed, "recusals");
    let cats = all_categories();
    let mut out: Vec<Recusal> = Vec::new();
    if n_entities == 0 {
        return out;
    }
    for o in officers {
        if !rng.chance(100) {
            continue;
        }
        for _ in 0..1 + rng.below(3) {
            let e = entity(spec.seed, region, rng.below(n_entities), &cats);
            out.push(Recusal {
                officer_id: o.id.clone(),
                uscc: e.uscc,
                reason: rng
                    .pick(&[
                        "近亲属在该单位任职",
                        "曾在该单位工作",
                        "持有该单位股份",
                        "当事人申请回避",
                    ])
                    .to_string(),
            });
        }
    }
    out.sort_by(|a, b| {
        (a.officer_id.as_str(), a.uscc.as_str()).cmp(&(b.officer_id.as_str(), b.uscc.as_str()))
    });
    out.dedup_by(|a, b| a.officer_id == b.officer_id && a.uscc == b.uscc);
    out
}
