//! Header names: every accepted English and Chinese alias of every column
//! (documented in `docs/IMPORT.md`), and the mapping of a file's header onto
//! them.

use super::Issue;
use super::reasons::Reason;
use crate::core::registry::RegistryKind;

/// One column (名录文件的列) a registry file may have.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Canonical (English) name.
    pub name: &'static str,
    /// Chinese and other aliases.
    pub aliases: &'static [&'static str],
    /// Whether a full import must have it.
    pub required: bool,
}

const fn col(name: &'static str, aliases: &'static [&'static str], required: bool) -> Column {
    Column {
        name,
        aliases,
        required,
    }
}

/// The optional column of an update file that marks rows for removal.
pub const ACTION: Column = col("action", &["操作", "动作", "变更类型", "变更", "op"], false);

/// The region column's aliases, the same in entities and officers.
const REGION: &[&str] = &[
    "行政区划代码",
    "区划代码",
    "行政区划",
    "所属区划",
    "region_code",
    "所属区域",
    "所属区划代码",
    "所属行政区划",
    "所属行政区划代码",
    "行政区划编码",
    "区划编码",
    "区域代码",
    "所属地区",
    "地区代码",
];

const ITEMS: &[Column] = &[
    col(
        "code",
        &[
            "事项编码",
            "编码",
            "抽查事项编码",
            "item_code",
            "事项编号",
            "抽查事项编号",
            "检查事项编码",
            "事项代码",
        ],
        true,
    ),
    col(
        "name",
        &[
            "事项名称",
            "抽查事项名称",
            "抽查事项",
            "item_name",
            "名称",
            "检查事项",
            "检查事项名称",
        ],
        true,
    ),
    col(
        "department",
        &[
            "检查主体",
            "实施主体",
            "部门",
            "主管部门",
            "抽查部门",
            "检查部门",
            "实施部门",
            "抽查主体",
            "实施机关",
        ],
        true,
    ),
    col(
        "type",
        &[
            "事项类型",
            "类型",
            "item_type",
            "事项类别",
            "检查事项类型",
            "抽查事项类型",
        ],
        true,
    ),
    col(
        "target_category",
        &[
            "检查对象",
            "抽查对象",
            "检查对象类别",
            "category",
            "抽查对象类别",
            "检查对象类型",
            "对象类别",
        ],
        true,
    ),
    col(
        "method",
        &["检查方式", "抽查方式", "检查方法", "抽查方法", "检查形式"],
        false,
    ),
    col(
        "basis",
        &[
            "检查依据",
            "抽查依据",
            "法律依据",
            "依据",
            "法律法规依据",
            "设定依据",
        ],
        false,
    ),
    col(
        "qualification",
        &[
            "资质要求",
            "执法资质要求",
            "资格要求",
            "资质",
            "人员资质要求",
            "资质条件",
        ],
        false,
    ),
];
const ENTITIES: &[Column] = &[
    col(
        "uscc",
        &[
            "统一社会信用代码",
            "社会信用代码",
            "信用代码",
            "credit_code",
            "统一代码",
            "统一信用代码",
            "社会统一信用代码",
            "企业统一社会信用代码",
            "主体统一社会信用代码",
        ],
        true,
    ),
    col(
        "name",
        &[
            "名称",
            "企业名称",
            "主体名称",
            "市场主体名称",
            "单位名称",
            "entity_name",
            "机构名称",
            "经营者名称",
            "字号名称",
            "个体工商户名称",
            "对象名称",
            "检查对象名称",
        ],
        true,
    ),
    col(
        "kind",
        &[
            "主体类型",
            "市场主体类型",
            "类型",
            "entity_kind",
            "主体类别",
            "市场主体类别",
        ],
        true,
    ),
    col(
        "categories",
        &[
            "检查对象类别",
            "检查对象",
            "对象类别",
            "类别",
            "category",
            "抽查对象类别",
            "抽查对象",
            "检查对象类型",
        ],
        false,
    ),
    col(
        "industry",
        &[
            "行业",
            "所属行业",
            "行业类别",
            "行业门类",
            "行业名称",
            "国民经济行业",
            "行业分类",
        ],
        false,
    ),
    col("region", REGION, true),
    col(
        "township",
        &[
            "乡镇街道",
            "乡镇",
            "街道",
            "所属乡镇",
            "所属街道",
            "所属乡镇街道",
            "所在乡镇",
            "所在街道",
            "镇街",
        ],
        false,
    ),
    col(
        "credit_class",
        &[
            "信用风险分类",
            "信用风险等级",
            "风险分类",
            "信用风险类别",
            "credit_risk",
            "信用等级",
            "信用风险分类结果",
            "信用分类",
            "信用类别",
            "信用风险分级",
            "风险等级",
            "风险类别",
        ],
        true,
    ),
    col(
        "status",
        &[
            "登记状态",
            "经营状态",
            "状态",
            "企业状态",
            "主体状态",
            "企业登记状态",
            "存续状态",
        ],
        true,
    ),
    col(
        "established",
        &[
            "成立日期",
            "成立时间",
            "注册日期",
            "设立日期",
            "开业日期",
            "注册时间",
        ],
        false,
    ),
    col(
        "flags",
        &[
            "标记",
            "标签",
            "异常标记",
            "特殊标记",
            "监管标记",
            "名录标记",
        ],
        false,
    ),
];
const OFFICERS: &[Column] = &[
    col(
        "id",
        &[
            "执法证号",
            "执法证件号",
            "执法证编号",
            "证件号",
            "证号",
            "cert_no",
            "certificate",
            "执法证号码",
            "执法证件号码",
            "执法证件编号",
            "行政执法证号",
            "行政执法证件号",
            "执法证",
        ],
        true,
    ),
    col(
        "name",
        &[
            "姓名",
            "名字",
            "人员姓名",
            "执法人员姓名",
            "检查人员姓名",
            "执法人员",
            "检查人员",
        ],
        true,
    ),
    col(
        "department",
        &[
            "部门",
            "所属部门",
            "执法部门",
            "执法主体",
            "执法机关",
            "所属执法部门",
            "所属机关",
        ],
        true,
    ),
    col(
        "unit",
        &[
            "单位",
            "所属单位",
            "工作单位",
            "科室",
            "所在单位",
            "所属科室",
            "所在科室",
            "处室",
        ],
        false,
    ),
    col("region", REGION, true),
    col(
        "qualifications",
        &[
            "资质",
            "专业资质",
            "执法资质",
            "专长",
            "业务专长",
            "qualification",
            "执法领域",
            "执法类别",
            "专业领域",
            "执法门类",
            "执法资格",
        ],
        false,
    ),
    col(
        "status",
        &[
            "状态",
            "人员状态",
            "在岗状态",
            "在岗情况",
            "在职状态",
            "工作状态",
            "人员状况",
        ],
        true,
    ),
    col(
        "cert_expiry",
        &[
            "执法证有效期",
            "有效期",
            "有效期至",
            "证件有效期",
            "expiry",
            "执法证有效期至",
            "执法证件有效期",
            "执法证件有效期至",
            "证件有效期至",
            "有效期截止日期",
            "有效截止日期",
            "执法证到期日期",
            "证件到期日期",
            "到期日期",
            "有效期限",
        ],
        true,
    ),
];
const RECUSALS: &[Column] = &[
    col(
        "officer_id",
        &[
            "执法证号",
            "执法人员证号",
            "执法证件号",
            "officer",
            "执法证编号",
            "执法证号码",
            "执法证件号码",
            "执法证件编号",
            "行政执法证号",
            "执法人员执法证号",
            "回避人员执法证号",
            "执法证",
        ],
        true,
    ),
    col(
        "uscc",
        &[
            "统一社会信用代码",
            "社会信用代码",
            "信用代码",
            "credit_code",
            "统一代码",
            "统一信用代码",
            "社会统一信用代码",
            "企业统一社会信用代码",
            "检查对象统一社会信用代码",
        ],
        true,
    ),
    col(
        "reason",
        &["回避原因", "原因", "回避事由", "回避理由", "回避情形"],
        false,
    ),
];

/// The columns of each registry.
pub fn columns(kind: RegistryKind) -> &'static [Column] {
    match kind {
        RegistryKind::Items => ITEMS,
        RegistryKind::Entities => ENTITIES,
        RegistryKind::Officers => OFFICERS,
        RegistryKind::Recusals => RECUSALS,
    }
}

/// Normalises a header cell: drops a BOM, `*` marks, bracketed notes such as
/// `（必填）`, spaces, `_` and `-`, and lower-cases.
pub fn normalize_header(h: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for ch in h.chars() {
        match ch {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            '\u{feff}' | '*' | '＊' | ' ' | '\u{3000}' | '_' | '-' | '\t' => {}
            _ if depth == 0 => out.extend(ch.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// Where each known column stands in a file (列位置对照).
#[derive(Debug, Clone)]
pub struct ColumnMap {
    /// (canonical name, 0-based index) for the columns found.
    found: Vec<(&'static str, usize)>,
    /// Every header cell, as the file writes it (trimmed).
    headers: Vec<String>,
}

impl ColumnMap {
    /// Maps `headers` onto the columns of `kind`. Missing required columns
    /// (unless `delta`, where only the key is required) and columns named twice
    /// are problems; unknown columns are warnings.
    pub fn new(
        kind: RegistryKind,
        headers: &[String],
        header_line: u64,
        file: &str,
        delta: bool,
        problems: &mut Vec<Issue>,
        warnings: &mut Vec<Issue>,
    ) -> Self {
        let cols = columns(kind);
        let mut found: Vec<(&'static str, usize)> = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            let n = normalize_header(h);
            if n.is_empty() {
                continue;
            }
            let hit = cols.iter().chain(delta.then_some(&ACTION)).find(|c| {
                normalize_header(c.name) == n || c.aliases.iter().any(|a| normalize_header(a) == n)
            });
            match hit {
                Some(c) => {
                    if let Some(&(_, first)) = found.iter().find(|(name, _)| *name == c.name) {
                        problems.push(Issue::of(
                            file,
                            header_line,
                            Some(i + 1),
                            h,
                            Reason::ColumnTwice {
                                column: c.name,
                                first: first + 1,
                            },
                        ));
                    } else {
                        found.push((c.name, i));
                    }
                }
                None => warnings.push(Issue::of(
                    file,
                    header_line,
                    Some(i + 1),
                    h,
                    Reason::UnknownColumn,
                )),
            }
        }
        for (k, c) in cols.iter().enumerate() {
            let needed = if delta { k == 0 } else { c.required };
            if needed && !found.iter().any(|(n, _)| *n == c.name) {
                let mut names = vec![c.name];
                names.extend(c.aliases.iter().take(2));
                let aliases = names[1..].join(" / ");
                problems.push(Issue::of(
                    file,
                    header_line,
                    None,
                    "",
                    Reason::MissingColumn {
                        column: c.name,
                        aliases: &aliases,
                    },
                ));
            }
        }
        let headers = headers
            .iter()
            .map(|h| {
                h.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}')
                    .to_string()
            })
            .collect();
        ColumnMap { found, headers }
    }

    /// The header of a column found, as the file writes it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.index(name)
            .and_then(|i| self.headers.get(i))
            .map(String::as_str)
            .filter(|h| !h.is_empty())
    }

    /// Every column found: (canonical name, 0-based index).
    pub fn found(&self) -> &[(&'static str, usize)] {
        &self.found
    }

    /// The 0-based index of a column, if the file has it.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.found.iter().find(|(n, _)| *n == name).map(|&(_, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_normalise_across_spellings() {
        assert_eq!(
            normalize_header("统一社会信用代码（必填）*"),
            "统一社会信用代码"
        );
        assert_eq!(normalize_header("\u{feff}Credit_Class"), "creditclass");
        assert_eq!(normalize_header(" 执法证号 "), "执法证号");
    }

    #[test]
    fn every_alias_is_unique_within_a_registry() {
        for kind in RegistryKind::ALL {
            let mut seen = std::collections::BTreeSet::new();
            for c in columns(kind).iter().chain([&ACTION]) {
                for n in std::iter::once(&c.name).chain(c.aliases.iter()) {
                    assert!(
                        seen.insert(normalize_header(n)),
                        "{kind}: alias {n} used twice"
                    );
                }
            }
        }
    }

    #[test]
    fn every_alias_is_listed_in_import_md_under_its_registry() {
        let doc = include_str!("../../../docs/IMPORT.md");
        for kind in RegistryKind::ALL {
            let start = doc
                .find(&format!("### {kind}\n"))
                .unwrap_or_else(|| panic!("IMPORT.md has no section {kind}"));
            let section = &doc[start..];
            let section = &section[..section[4..].find("\n#").map_or(section.len(), |e| e + 4)];
            for c in columns(kind) {
                let row = format!(
                    "| `{}` | {} | {} |",
                    c.name,
                    c.aliases.join(", "),
                    if c.required { "yes" } else { "no" }
                );
                assert!(
                    section.contains(&row),
                    "IMPORT.md, {kind}: expected the row\n{row}"
                );
            }
        }
    }

    #[test]
    fn headers_clerks_use_map_to_their_columns() {
        let cases: &[(RegistryKind, &str, &str)] = &[
            (RegistryKind::Officers, "执法证有效期至", "cert_expiry"),
            (RegistryKind::Officers, "执法证号", "id"),
            (RegistryKind::Officers, "证件有效期", "cert_expiry"),
            (RegistryKind::Officers, "所属区域", "region"),
            (RegistryKind::Entities, "统一社会信用代码（必填）", "uscc"),
            (RegistryKind::Entities, "企业名称", "name"),
            (RegistryKind::Entities, "所属区域", "region"),
            (RegistryKind::Entities, "行政区划代码", "region"),
            (RegistryKind::Entities, "信用等级", "credit_class"),
            (RegistryKind::Entities, "信用风险分类", "credit_class"),
            (RegistryKind::Entities, "经营状态", "status"),
            (RegistryKind::Items, "检查事项", "name"),
            (RegistryKind::Items, "事项编码", "code"),
            (RegistryKind::Recusals, "执法证号", "officer_id"),
            (RegistryKind::Recusals, "统一社会信用代码", "uscc"),
        ];
        for &(kind, header, column) in cases {
            let (mut p, mut w) = (vec![], vec![]);
            let m = ColumnMap::new(
                kind,
                &[header.to_string()],
                1,
                "f.csv",
                true,
                &mut p,
                &mut w,
            );
            assert!(w.is_empty(), "{kind}: {header} is unknown");
            assert_eq!(m.found(), &[(column, 0)], "{kind}: {header}");
        }
    }

    #[test]
    fn missing_required_and_duplicate_columns_are_problems() {
        let (mut p, mut w) = (vec![], vec![]);
        let headers: Vec<String> = ["名称", "统一社会信用代码", "uscc", "备注"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let m = ColumnMap::new(
            RegistryKind::Entities,
            &headers,
            1,
            "e.csv",
            false,
            &mut p,
            &mut w,
        );
        assert_eq!(m.index("uscc"), Some(1));
        assert!(p.iter().any(|i| i.reason.contains("given twice")));
        assert!(
            p.iter()
                .any(|i| i.reason.contains("missing required column kind"))
        );
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].column, Some(4));
    }
}
