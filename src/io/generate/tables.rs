//! The county's fixed tables: the six departments with their items'
//! prefixes, categories and qualifications, townships, the parts of names,
//! and each category's industry.

/// A department of the synthetic county (模拟县域的检查部门): name, item-code
/// prefix, target categories and qualifications.
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

pub(super) const TOWNSHIPS: &[&str] = &[
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
pub(super) const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "罗",
];
pub(super) const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
    "秀英", "建华", "志强", "海燕",
];
pub(super) const WORDS: &[&str] = &[
    "鑫", "华", "兴", "盛", "达", "利", "源", "丰", "顺", "恒", "泰", "隆", "康", "宏", "佳", "福",
    "安", "祥", "瑞", "博",
];

pub(super) fn category_industry(cat: &str) -> &'static str {
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

pub(super) fn all_categories() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = DEPARTMENTS
        .iter()
        .flat_map(|d| d.categories.iter().copied())
        .collect();
    v.sort();
    v.dedup();
    v
}
