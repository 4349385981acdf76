//! A deterministic synthetic county (`dualdraw generate`): items, entities,
//! officers and recusals in realistic shares, from a seed. The same seed gives
//! the same county byte for byte, on any machine.
//!
//! The generator draws from the ChaCha20 keystream keyed by
//! `SHA-256("dualdraw-generate-v1" ‖ seed as u64 big-endian)`, with its own
//! integer sampling, so it does not depend on `rand`'s algorithms either.

use crate::core::registry::vocab::{
    CreditClass, EntityKind, EntityStatus, ItemType, OfficerStatus, RegionCode,
};
use crate::core::registry::{Entity, Item, Officer, Recusal, Registries};
use crate::core::uscc::{ALPHABET, complete};
use chrono::NaiveDate;
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// Settings of a synthetic county.
#[derive(Debug, Clone)]
pub struct CountySpec {
    /// Seed.
    pub seed: u64,
    /// Number of entities.
    pub entities: u64,
    /// The county's region code.
    pub region: String,
    /// Number of malformed entity rows to add when writing CSV files.
    pub malformed: usize,
}

impl Default for CountySpec {
    fn default() -> Self {
        CountySpec {
            seed: 1,
            entities: 10_000,
            region: "520123".into(),
            malformed: 0,
        }
    }
}

struct Rng(ChaCha20Rng);

impl Rng {
    fn new(seed: u64, stream: &str) -> Self {
        let mut h = Sha256::new();
        h.update(b"dualdraw-generate-v1");
        h.update(seed.to_be_bytes());
        h.update(stream.as_bytes());
        Rng(ChaCha20Rng::from_seed(h.finalize().into()))
    }
    /// A number in `0..n` (n > 0), by multiply-shift.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.0.next_u64()) * u128::from(n)) >> 64) as u64
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len() as u64) as usize]
    }
    /// Index into `weights` chosen with those weights.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut x = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
    fn chance(&mut self, per_10000: u64) -> bool {
        self.below(10_000) < per_10000
    }
}

/// A department of the synthetic county: name, item-code prefix, target
/// categories and qualifications.
pub struct Department {
    /// Name.
    pub name: &'static str,
    /// Item code prefix.
    pub prefix: &'static str,
    /// Target categories its items apply to.
    pub categories: &'static [&'static str],
    /// Qualifications its officers hold.
    pub qualifications: &'static [&'static str],
}

/// The six departments.
pub const DEPARTMENTS: &[Department] = &[
    Department {
        name: "县市场监管局",
        prefix: "SC",
        categories: &[
            "食品销售经营者",
            "食品生产企业",
            "特种设备使用单位",
            "产品质量生产企业",
            "药品零售企业",
        ],
        qualifications: &["食品安全", "特种设备", "产品质量", "药品"],
    },
    Department {
        name: "县教育局",
        prefix: "JY",
        categories: &["校外培训机构", "民办学校"],
        qualifications: &["教育督导"],
    },
    Department {
        name: "县文旅局",
        prefix: "WL",
        categories: &["旅游市场", "娱乐场所", "网吧"],
        qualifications: &["文化市场"],
    },
    Department {
        name: "县交通运输局",
        prefix: "JT",
        categories: &["道路货运企业", "驾驶员培训机构", "客运站"],
        qualifications: &["道路运输"],
    },
    Department {
        name: "县公安局",
        prefix: "GA",
        categories: &["爆破作业单位", "旅馆业", "客运站"],
        qualifications: &["治安管理", "民用爆炸物品"],
    },
    Department {
        name: "县应急管理局",
        prefix: "YJ",
        categories: &["危险化学品经营单位", "非煤矿山", "爆破作业单位"],
        qualifications: &["安全生产"],
    },
];

const TOWNSHIPS: &[&str] = &[
    "城关镇",
    "龙岗镇",
    "新店镇",
    "白云街道",
    "东门街道",
    "石桥镇",
    "清水乡",
    "马场镇",
    "青山乡",
    "河西街道",
    "三江镇",
    "南岭乡",
];
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "罗",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
    "秀英", "建华", "志强", "海燕",
];
const WORDS: &[&str] = &[
    "鑫", "华", "兴", "盛", "达", "利", "源", "丰", "顺", "恒", "泰", "隆", "康", "宏", "佳", "福",
    "安", "祥", "瑞", "博",
];

fn category_industry(cat: &str) -> &'static str {
    match cat {
        "食品销售经营者" => "批发和零售业",
        "食品生产企业" | "产品质量生产企业" => "制造业",
        "特种设备使用单位" => "租赁和商务服务业",
        "药品零售企业" => "批发和零售业",
        "民办学校" | "校外培训机构" | "驾驶员培训机构" => "教育",
        "旅游市场" => "租赁和商务服务业",
        "娱乐场所" | "网吧" => "文化、体育和娱乐业",
        "客运站" | "道路货运企业" => "交通运输、仓储和邮政业",
        "爆破作业单位" | "非煤矿山" => "采矿业",
        "旅馆业" => "住宿和餐饮业",
        _ => "批发和零售业",
    }
}

fn all_categories() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = DEPARTMENTS
        .iter()
        .flat_map(|d| d.categories.iter().copied())
        .collect();
    v.sort();
    v.dedup();
    v
}

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

/// Officers: 20 to 120 per department.
pub fn officers(seed: u64, region: &RegionCode) -> Vec<Officer> {
    let mut rng = Rng::new(seed, "officers");
    let mut out = Vec::new();
    for (di, d) in DEPARTMENTS.iter().enumerate() {
        let n = 20 + rng.below(101);
        for k in 0..n {
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
            out.push(Officer {
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
            });
        }
    }
    out
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

/// Why a county cannot be generated.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// Bad region code.
    #[error(transparent)]
    Region(#[from] crate::core::registry::vocab::RegionError),
    /// Writing failed.
    #[error("{path}: {source}")]
    Io {
        /// File.
        path: String,
        /// Error.
        source: std::io::Error,
    },
}

/// The whole county in memory.
///
/// # Errors
/// [`GenerateError::Region`] for a bad region code.
pub fn county(spec: &CountySpec) -> Result<Registries, GenerateError> {
    let region = RegionCode::parse(&spec.region)?;
    let officers = officers(spec.seed, &region);
    let recusals = recusals(spec.seed, &officers, spec.entities, spec, &region);
    let mut reg = Registries {
        items: items(spec.seed),
        entities: entities(spec, &region, 0..spec.entities),
        officers,
        recusals,
    };
    reg.sort_by_key_of();
    Ok(reg)
}

/// Files written by [`write_county`].
pub const FILES: [&str; 4] = ["items.csv", "entities.csv", "officers.csv", "recusals.csv"];

/// Writes the county as four UTF-8 CSV files with Chinese headers (as
/// exported by provincial platforms), streaming entities in blocks so that
/// ten million rows need little memory. With `spec.malformed`, that many bad
/// entity rows are mixed in (bad check character, unknown status, bad region
/// code, bad date, in turn).
///
/// # Errors
/// [`GenerateError`].
pub fn write_county(spec: &CountySpec, dir: &Path) -> Result<(), GenerateError> {
    let region = RegionCode::parse(&spec.region)?;
    let io = |path: &Path| {
        let p = path.display().to_string();
        move |source: std::io::Error| GenerateError::Io {
            path: p.clone(),
            source,
        }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let open = |name: &str| -> Result<
        (
            csv::Writer<std::io::BufWriter<std::fs::File>>,
            std::path::PathBuf,
        ),
        GenerateError,
    > {
        let p = dir.join(name);
        let f = std::fs::File::create(&p).map_err(io(&p))?;
        Ok((
            csv::Writer::from_writer(std::io::BufWriter::with_capacity(1 << 20, f)),
            p,
        ))
    };
    let csv_err = |p: &Path| {
        let p = p.display().to_string();
        move |e: csv::Error| GenerateError::Io {
            path: p.clone(),
            source: std::io::Error::other(e),
        }
    };

    let (mut w, p) = open("items.csv")?;
    w.write_record([
        "事项编码",
        "事项名称",
        "检查主体",
        "事项类型",
        "检查对象",
        "检查方式",
        "检查依据",
        "资质要求",
    ])
    .map_err(csv_err(&p))?;
    for i in items(spec.seed) {
        w.write_record([
            i.code.as_str(),
            &i.name,
            &i.department,
            i.item_type.zh(),
            &i.target_category,
            &i.method,
            &i.basis,
            i.qualification.as_deref().unwrap_or(""),
        ])
        .map_err(csv_err(&p))?;
    }
    w.flush().map_err(io(&p))?;

    let (mut w, p) = open("entities.csv")?;
    w.write_record([
        "统一社会信用代码",
        "名称",
        "主体类型",
        "检查对象类别",
        "行业",
        "行政区划代码",
        "乡镇街道",
        "信用风险分类",
        "登记状态",
        "成立日期",
        "标记",
    ])
    .map_err(csv_err(&p))?;
    let bad_every = if spec.malformed > 0 {
        (spec.entities / spec.malformed as u64).max(1)
    } else {
        u64::MAX
    };
    let mut bad_written = 0usize;
    const BLOCK: u64 = 100_000;
    let mut start = 0;
    while start < spec.entities {
        let end = (start + BLOCK).min(spec.entities);
        for (k, e) in entities(spec, &region, start..end).into_iter().enumerate() {
            let i = start + k as u64;
            let mut row = vec![
                e.uscc.to_string(),
                e.name,
                e.kind.zh().to_string(),
                e.categories.join(";"),
                e.industry,
                e.region.to_string(),
                e.township.unwrap_or_default(),
                e.credit_class.token().to_string(),
                e.status.zh().to_string(),
                e.established.map(|d| d.to_string()).unwrap_or_default(),
                e.flags.join(";"),
            ];
            if bad_written < spec.malformed && i % bad_every == bad_every - 1 {
                match bad_written % 4 {
                    0 => {
                        let last = if row[0].ends_with('0') { '1' } else { '0' };
                        row[0].pop();
                        row[0].push(last);
                    }
                    1 => row[8] = "正常营业".into(),
                    2 => row[5] = "5201".into(),
                    _ => row[9] = "2019-02-30".into(),
                }
                bad_written += 1;
            }
            w.write_record(&row).map_err(csv_err(&p))?;
        }
        start = end;
    }
    w.flush().map_err(io(&p))?;

    let offs = officers(spec.seed, &region);
    let (mut w, p) = open("officers.csv")?;
    w.write_record([
        "执法证号",
        "姓名",
        "部门",
        "单位",
        "行政区划代码",
        "资质",
        "状态",
        "执法证有效期",
    ])
    .map_err(csv_err(&p))?;
    for o in &offs {
        w.write_record([
            o.id.as_str(),
            &o.name,
            &o.department,
            &o.unit,
            o.region.as_str(),
            &o.qualifications.join(";"),
            o.status.zh(),
            &o.cert_expiry.to_string(),
        ])
        .map_err(csv_err(&p))?;
    }
    w.flush().map_err(io(&p))?;

    let (mut w, p) = open("recusals.csv")?;
    w.write_record(["执法证号", "统一社会信用代码", "回避原因"])
        .map_err(csv_err(&p))?;
    for r in recusals(spec.seed, &offs, spec.entities, spec, &region) {
        w.write_record([r.officer_id.as_str(), r.uscc.as_str(), &r.reason])
            .map_err(csv_err(&p))?;
    }
    w.flush().map_err(io(&p))?;
    let mut f = w.into_inner().map_err(|e| GenerateError::Io {
        path: p.display().to_string(),
        source: std::io::Error::other(e.to_string()),
    })?;
    f.flush().map_err(io(&p))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_county_and_other_seed_differs() {
        let spec = CountySpec {
            entities: 500,
            ..Default::default()
        };
        let a = county(&spec).unwrap();
        let b = county(&spec).unwrap();
        assert_eq!(a, b);
        let c = county(&CountySpec { seed: 2, ..spec }).unwrap();
        assert_ne!(a.entities, c.entities);
    }

    #[test]
    fn county_has_realistic_shape() {
        let reg = county(&CountySpec {
            entities: 20_000,
            ..Default::default()
        })
        .unwrap();
        assert_eq!(reg.entities.len(), 20_000);
        let d = reg
            .entities
            .iter()
            .filter(|e| e.credit_class == CreditClass::D)
            .count();
        assert!((200..=600).contains(&d), "D share {d}");
        assert!((36..=48).contains(&reg.items.len()));
        for dep in DEPARTMENTS {
            let n = reg
                .officers
                .iter()
                .filter(|o| o.department == dep.name)
                .count();
            assert!((20..=120).contains(&n), "{} has {n}", dep.name);
        }
        let with_recusal: std::collections::BTreeSet<_> =
            reg.recusals.iter().map(|r| &r.officer_id).collect();
        assert!(!with_recusal.is_empty() && with_recusal.len() * 20 < reg.officers.len());
        for want in ["民办学校", "旅游市场", "客运站", "爆破作业单位"] {
            assert!(
                reg.entities
                    .iter()
                    .any(|e| e.categories.iter().any(|c| c == want)),
                "{want}"
            );
        }
        // unique keys (Registries::new re-checks and sorts)
        Registries::new(reg.items, reg.entities, reg.officers, reg.recusals).unwrap();
    }
}
