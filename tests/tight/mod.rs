//! The tight vector's registries and campaign (`tests/vectors/draw-v1.json`
//! `draw_tight`, `tests/vectors/draw-v2.json`), shared by the vector tests.

use dualdraw::core::entropy::witness_commitment;

pub const SECRET_A: &str = "witness-a-secret-0123456789abcdef";

pub fn tight_registries() -> dualdraw::Registries {
    use dualdraw::core::registry::vocab::{
        CreditClass, EntityKind, EntityStatus, ItemType, OfficerStatus, RegionCode,
    };
    use dualdraw::{Entity, Item, Officer, Recusal, Registries};
    let region = RegionCode::parse("520123").unwrap();
    let item = |code: &str, dept: &str, cat: &str, q: Option<&str>| Item {
        code: code.into(),
        name: format!("{cat}检查"),
        department: dept.into(),
        item_type: ItemType::Key,
        target_category: cat.into(),
        method: "实地检查".into(),
        basis: "依据".into(),
        qualification: q.map(str::to_string),
    };
    let items = vec![
        item("T-001", "县文旅局", "旅游市场", Some("导游管理")),
        item("T-002", "县文旅局", "娱乐场所", Some("文化市场")),
        item("S-001", "县市场监管局", "旅游市场", None),
    ];
    let officer = |id: &str, dept: &str, q: &[&str]| Officer {
        id: id.into(),
        name: format!("官{id}"),
        department: dept.into(),
        unit: "执法大队".into(),
        region: region.clone(),
        qualifications: q.iter().map(|s| s.to_string()).collect(),
        status: OfficerStatus::Active,
        cert_expiry: chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
    };
    let officers = vec![
        officer("W1", "县文旅局", &["导游管理", "文化市场"]),
        officer("W2", "县文旅局", &["导游管理"]),
        officer("W3", "县文旅局", &["文化市场"]),
        officer("W4", "县文旅局", &["导游管理", "文化市场"]),
        officer("W5", "县文旅局", &["文化市场"]),
        officer("S1", "县市场监管局", &[]),
        officer("S2", "县市场监管局", &[]),
        officer("S3", "县市场监管局", &[]),
    ];
    let classes = [
        CreditClass::A,
        CreditClass::B,
        CreditClass::C,
        CreditClass::D,
    ];
    let mut entities = Vec::new();
    for i in 0..10u32 {
        let cats: Vec<String> = match i {
            0..=3 => vec!["旅游市场".into()],
            4 | 5 => vec!["娱乐场所".into(), "旅游市场".into()],
            _ => vec!["娱乐场所".into()],
        };
        let mut cats = cats;
        cats.sort();
        entities.push(Entity {
            uscc: dualdraw::core::uscc::complete(&format!("91520123MA{i:07}")).unwrap(),
            name: format!("测试{i}号"),
            kind: EntityKind::Enterprise,
            categories: cats,
            industry: String::new(),
            region: region.clone(),
            township: None,
            credit_class: classes[i as usize % 4],
            status: EntityStatus::InBusiness,
            established: None,
            flags: vec![],
        });
    }
    let recusals = vec![Recusal {
        officer_id: "W4".into(),
        uscc: entities[7].uscc.clone(),
        reason: "亲属".into(),
    }];
    Registries::new(items, entities, officers, recusals).unwrap()
}

pub fn tight_campaign() -> String {
    format!(
        r#"id = "VECTOR-TIGHT"
title = "紧约束向量"
lead_department = "县市场监管局"
draw_date = "2026-03-02"
items = ["T-001", "T-002", "S-001"]
[[targets.strata]]
credit_class = "A"
ratio = "100%"
[[targets.strata]]
credit_class = "B"
ratio = "100%"
[[targets.strata]]
credit_class = "C"
ratio = "100%"
[[targets.strata]]
credit_class = "D"
ratio = "100%"
[teams]
assignment = "v1"
max_targets_per_officer = 3
[entropy]
witnesses = [{{ name = "甲", commitment = "{}" }}]
"#,
        witness_commitment(SECRET_A)
    )
}

/// Registries of two counties for `officer_region = "same"` under v2
/// (`tests/vectors/draw-v2.json` `draw_regions_v2`): two departments with
/// qualifications, officers in both counties, recusals; the rotation chain
/// works in one block per county.
#[allow(dead_code)] // used by draw_vectors_v2 only
pub fn regional_registries() -> dualdraw::Registries {
    use dualdraw::core::registry::vocab::{
        CreditClass, EntityKind, EntityStatus, ItemType, OfficerStatus, RegionCode,
    };
    use dualdraw::{Entity, Item, Officer, Recusal, Registries};
    let regions = [
        RegionCode::parse("520123").unwrap(),
        RegionCode::parse("520124").unwrap(),
    ];
    let item = |code: &str, dept: &str, cat: &str, q: Option<&str>| Item {
        code: code.into(),
        name: format!("{cat}检查"),
        department: dept.into(),
        item_type: ItemType::Key,
        target_category: cat.into(),
        method: "实地检查".into(),
        basis: "依据".into(),
        qualification: q.map(str::to_string),
    };
    let items = vec![
        item("T-001", "县文旅局", "旅游市场", Some("导游管理")),
        item("T-002", "县文旅局", "娱乐场所", None),
        item("S-001", "县市场监管局", "旅游市场", None),
        item("S-002", "县市场监管局", "食品销售", Some("食品安全")),
    ];
    let mut officers = Vec::new();
    for (r, region) in regions.iter().enumerate() {
        for k in 0..5u32 {
            let q: Vec<String> = if k % 2 == 0 {
                vec!["导游管理".into()]
            } else {
                vec![]
            };
            officers.push(Officer {
                id: format!("W{r}{k}"),
                name: format!("文旅{r}{k}"),
                department: "县文旅局".into(),
                unit: "执法大队".into(),
                region: region.clone(),
                qualifications: q,
                status: OfficerStatus::Active,
                cert_expiry: chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
            });
        }
        for k in 0..6u32 {
            let q: Vec<String> = if k < 3 {
                vec!["食品安全".into()]
            } else {
                vec![]
            };
            officers.push(Officer {
                id: format!("S{r}{k}"),
                name: format!("市监{r}{k}"),
                department: "县市场监管局".into(),
                unit: "执法大队".into(),
                region: region.clone(),
                qualifications: q,
                status: OfficerStatus::Active,
                cert_expiry: chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
            });
        }
    }
    let classes = [
        CreditClass::A,
        CreditClass::B,
        CreditClass::C,
        CreditClass::D,
    ];
    let mut entities = Vec::new();
    for i in 0..24u32 {
        let mut cats: Vec<String> = match i % 4 {
            0 => vec!["旅游市场".into()],
            1 => vec!["娱乐场所".into(), "食品销售".into()],
            2 => vec!["食品销售".into()],
            _ => vec!["旅游市场".into(), "娱乐场所".into()],
        };
        cats.sort();
        let region = &regions[(i / 3) as usize % 2];
        entities.push(Entity {
            uscc: dualdraw::core::uscc::complete(&format!("9152012{}MA{i:07}", 3 + (i / 3) % 2))
                .unwrap(),
            name: format!("区域{i}号"),
            kind: EntityKind::Enterprise,
            categories: cats,
            industry: String::new(),
            region: region.clone(),
            township: None,
            credit_class: classes[i as usize % 4],
            status: EntityStatus::InBusiness,
            established: None,
            flags: vec![],
        });
    }
    let recusals = vec![
        Recusal {
            officer_id: "W00".into(),
            uscc: entities[0].uscc.clone(),
            reason: "亲属".into(),
        },
        Recusal {
            officer_id: "S10".into(),
            uscc: entities[5].uscc.clone(),
            reason: "曾任职".into(),
        },
        Recusal {
            officer_id: "W12".into(),
            uscc: entities[3].uscc.clone(),
            reason: "亲属".into(),
        },
    ];
    Registries::new(items, entities, officers, recusals).unwrap()
}

#[allow(dead_code)] // used by draw_vectors_v2 only
pub fn regional_campaign() -> String {
    format!(
        r#"id = "VECTOR-REGIONS-V2"
title = "分区向量"
lead_department = "县市场监管局"
draw_date = "2026-03-02"
items = ["T-001", "T-002", "S-001", "S-002"]
[[targets.strata]]
credit_class = "A"
ratio = "50%"
[[targets.strata]]
credit_class = "B"
ratio = "50%"
[[targets.strata]]
credit_class = "C"
ratio = "50%"
[[targets.strata]]
credit_class = "D"
ratio = "50%"
[teams]
assignment = "v2"
min_size = 3
officer_region = "same"
max_targets_per_officer = 3
[entropy]
witnesses = [{{ name = "甲", commitment = "{}" }}]
"#,
        witness_commitment(SECRET_A)
    )
}
