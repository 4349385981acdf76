//! Header names: every accepted English and Chinese alias of every column
//! (documented in `docs/IMPORT.md`), and the mapping of a file's header onto
//! them.

use super::Issue;
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

const ITEMS: &[Column] = &[
    col(
        "code",
        &["事项编码", "编码", "抽查事项编码", "item_code"],
        true,
    ),
    col(
        "name",
        &["事项名称", "抽查事项名称", "抽查事项", "item_name", "名称"],
        true,
    ),
    col(
        "department",
        &["检查主体", "实施主体", "部门", "主管部门", "抽查部门"],
        true,
    ),
    col("type", &["事项类型", "类型", "item_type", "事项类别"], true),
    col(
        "target_category",
        &["检查对象", "抽查对象", "检查对象类别", "category"],
        true,
    ),
    col("method", &["检查方式", "抽查方式"], false),
    col(
        "basis",
        &["检查依据", "抽查依据", "法律依据", "依据"],
        false,
    ),
    col(
        "qualification",
        &["资质要求", "执法资质要求", "资格要求", "资质"],
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
        ],
        true,
    ),
    col(
        "kind",
        &["主体类型", "市场主体类型", "类型", "entity_kind"],
        true,
    ),
    col(
        "categories",
        &["检查对象类别", "检查对象", "对象类别", "类别", "category"],
        false,
    ),
    col(
        "industry",
        &["行业", "所属行业", "行业类别", "行业门类"],
        false,
    ),
    col(
        "region",
        &[
            "行政区划代码",
            "区划代码",
            "行政区划",
            "所属区划",
            "region_code",
        ],
        true,
    ),
    col("township", &["乡镇街道", "乡镇", "街道", "所属乡镇"], false),
    col(
        "credit_class",
        &[
            "信用风险分类",
            "信用风险等级",
            "风险分类",
            "信用风险类别",
            "credit_risk",
        ],
        true,
    ),
    col("status", &["登记状态", "经营状态", "状态"], true),
    col("established", &["成立日期", "成立时间", "注册日期"], false),
    col("flags", &["标记", "标签", "异常标记", "特殊标记"], false),
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
        ],
        true,
    ),
    col("name", &["姓名", "名字", "人员姓名"], true),
    col("department", &["部门", "所属部门", "执法部门"], true),
    col("unit", &["单位", "所属单位", "工作单位", "科室"], false),
    col(
        "region",
        &["行政区划代码", "区划代码", "行政区划", "region_code"],
        true,
    ),
    col(
        "qualifications",
        &[
            "资质",
            "专业资质",
            "执法资质",
            "专长",
            "业务专长",
            "qualification",
        ],
        false,
    ),
    col("status", &["状态", "人员状态", "在岗状态"], true),
    col(
        "cert_expiry",
        &["执法证有效期", "有效期", "有效期至", "证件有效期", "expiry"],
        true,
    ),
];
const RECUSALS: &[Column] = &[
    col(
        "officer_id",
        &["执法证号", "执法人员证号", "执法证件号", "officer"],
        true,
    ),
    col(
        "uscc",
        &["统一社会信用代码", "社会信用代码", "信用代码"],
        true,
    ),
    col("reason", &["回避原因", "原因", "回避事由"], false),
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
                        problems.push(Issue::new(
                            file,
                            header_line,
                            Some(i + 1),
                            h,
                            format!(
                                "column {:?} is given twice (also column {})",
                                c.name,
                                first + 1
                            ),
                        ));
                    } else {
                        found.push((c.name, i));
                    }
                }
                None => warnings.push(Issue::new(
                    file,
                    header_line,
                    Some(i + 1),
                    h,
                    "unknown column, ignored".to_string(),
                )),
            }
        }
        for (k, c) in cols.iter().enumerate() {
            let needed = if delta { k == 0 } else { c.required };
            if needed && !found.iter().any(|(n, _)| *n == c.name) {
                let mut names = vec![c.name];
                names.extend(c.aliases.iter().take(2));
                problems.push(Issue::new(
                    file,
                    header_line,
                    None,
                    "",
                    format!(
                        "missing required column {} ({})",
                        c.name,
                        names[1..].join(" / ")
                    ),
                ));
            }
        }
        ColumnMap { found }
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
