//! The county's files' columns (Chinese headers, as provincial platforms
//! export them) and each record as a row: what the CSV files
//! ([`super::write_county`]) and the workbooks ([`super::write_county_xlsx`])
//! both hold.

use super::CountySpec;
use crate::core::registry::{Entity, Item, Officer, Recusal};

/// The columns of `items.csv` / `items.xlsx`.
pub const ITEM_HEADER: [&str; 8] = [
    "事项编码",
    "事项名称",
    "检查主体",
    "事项类型",
    "检查对象",
    "检查方式",
    "检查依据",
    "资质要求",
];

/// The columns of `entities.csv` / `entities.xlsx`.
pub const ENTITY_HEADER: [&str; 11] = [
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
];

/// The columns of `officers.csv` / `officers.xlsx`.
pub const OFFICER_HEADER: [&str; 8] = [
    "执法证号",
    "姓名",
    "部门",
    "单位",
    "行政区划代码",
    "资质",
    "状态",
    "执法证有效期",
];

/// The columns of `recusals.csv` / `recusals.xlsx`.
pub const RECUSAL_HEADER: [&str; 3] = ["执法证号", "统一社会信用代码", "回避原因"];

/// An item as a row of [`ITEM_HEADER`].
pub fn item_row(i: &Item) -> Vec<String> {
    vec![
        i.code.as_str().to_string(),
        i.name.clone(),
        i.department.clone(),
        i.item_type.zh().to_string(),
        i.target_category.clone(),
        i.method.clone(),
        i.basis.clone(),
        i.qualification.clone().unwrap_or_default(),
    ]
}

/// An entity as a row of [`ENTITY_HEADER`].
pub fn entity_row(e: Entity) -> Vec<String> {
    vec![
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
    ]
}

/// An officer as a row of [`OFFICER_HEADER`].
pub fn officer_row(o: &Officer) -> Vec<String> {
    vec![
        o.id.as_str().to_string(),
        o.name.clone(),
        o.department.clone(),
        o.unit.clone(),
        o.region.as_str().to_string(),
        o.qualifications.join(";"),
        o.status.zh().to_string(),
        o.cert_expiry.to_string(),
    ]
}

/// A recusal as a row of [`RECUSAL_HEADER`].
pub fn recusal_row(r: &Recusal) -> Vec<String> {
    vec![
        r.officer_id.as_str().to_string(),
        r.uscc.as_str().to_string(),
        r.reason.clone(),
    ]
}

/// Spoils `spec.malformed` entity rows, spread evenly over the file (bad
/// check character, unknown status, bad region code, bad date, in turn).
pub struct Spoiler {
    every: u64,
    left: usize,
    done: usize,
}

impl Spoiler {
    /// For the county `spec`.
    pub fn new(spec: &CountySpec) -> Self {
        Spoiler {
            every: if spec.malformed > 0 {
                (spec.entities / spec.malformed as u64).max(1)
            } else {
                u64::MAX
            },
            left: spec.malformed,
            done: 0,
        }
    }

    /// Spoils the `i`-th entity row (a row of [`ENTITY_HEADER`]) when its
    /// turn has come.
    pub fn spoil(&mut self, i: u64, row: &mut [String]) {
        if self.done >= self.left || i % self.every != self.every - 1 || row.len() < 10 {
            return;
        }
        match self.done % 4 {
            0 => {
                let last = if row[0].ends_with('0') { '1' } else { '0' };
                row[0].pop();
                row[0].push(last);
            }
            1 => row[8] = "正常营业".into(),
            2 => row[5] = "5201".into(),
            _ => row[9] = "2019-02-30".into(),
        }
        self.done += 1;
    }
}
