//! 一单两库: the spot-check item list, the target directory and the officer
//! directory, plus declared recusals.
//!
//! The types here are plain in-memory records; `io::import` (feature `import`) reads them from
//! the files other systems export, [`crate::core::commitment`] commits to them and
//! [`crate::store`] keeps their versions.

pub mod vocab;

use crate::core::uscc::Uscc;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use vocab::{CreditClass, EntityKind, EntityStatus, ItemType, OfficerStatus, RegionCode};

/// The four registries (一单两库及回避记录).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistryKind {
    /// 随机抽查事项清单: spot-check items.
    Items,
    /// 检查对象名录库: market entities.
    Entities,
    /// 执法检查人员名录库: officers.
    Officers,
    /// 回避: declared officer–entity conflicts.
    Recusals,
}

impl RegistryKind {
    /// All four, in the canonical order of snapshots.
    pub const ALL: [RegistryKind; 4] = [
        RegistryKind::Items,
        RegistryKind::Entities,
        RegistryKind::Officers,
        RegistryKind::Recusals,
    ];

    /// The token used in commitments, the store and the CLI.
    pub fn token(self) -> &'static str {
        match self {
            RegistryKind::Items => "items",
            RegistryKind::Entities => "entities",
            RegistryKind::Officers => "officers",
            RegistryKind::Recusals => "recusals",
        }
    }

    /// Parses a token.
    pub fn from_token(s: &str) -> Option<Self> {
        RegistryKind::ALL.into_iter().find(|k| k.token() == s)
    }
}

impl fmt::Display for RegistryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.token())
    }
}

/// A spot-check item (抽查事项).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// 事项编码, the key.
    pub code: String,
    /// 事项名称.
    pub name: String,
    /// 检查主体: the department that checks it.
    pub department: String,
    /// 事项类型: 重点 or 一般.
    pub item_type: ItemType,
    /// 检查对象: the target category it applies to (e.g. 民办学校).
    pub target_category: String,
    /// 检查方式 (free text: 实地/书面/网络监测/检验检测/委托机构).
    pub method: String,
    /// 检查依据: legal basis.
    pub basis: String,
    /// 资质要求: a qualification an officer needs, if any.
    pub qualification: Option<String>,
}

/// A market entity (市场主体), keyed by its USCC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// 统一社会信用代码, the key.
    pub uscc: Uscc,
    /// 名称.
    pub name: String,
    /// 主体类型.
    pub kind: EntityKind,
    /// 检查对象类别, sorted and without duplicates.
    pub categories: Vec<String>,
    /// 行业.
    pub industry: String,
    /// 行政区划代码.
    pub region: RegionCode,
    /// 乡镇街道.
    pub township: Option<String>,
    /// 信用风险分类 (confidential).
    pub credit_class: CreditClass,
    /// 登记状态.
    pub status: EntityStatus,
    /// 成立日期.
    pub established: Option<NaiveDate>,
    /// 标记 (e.g. 经营异常名录), sorted and without duplicates.
    pub flags: Vec<String>,
}

/// An enforcement officer (执法检查人员), keyed by certificate number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Officer {
    /// 执法证号, the key.
    pub id: String,
    /// 姓名.
    pub name: String,
    /// 部门.
    pub department: String,
    /// 单位.
    pub unit: String,
    /// 行政区划代码.
    pub region: RegionCode,
    /// 资质, sorted and without duplicates.
    pub qualifications: Vec<String>,
    /// 状态.
    pub status: OfficerStatus,
    /// 执法证有效期: last day the certificate is valid.
    pub cert_expiry: NaiveDate,
}

impl Officer {
    /// Whether the officer may be drawn on `date`: active and certified.
    pub fn eligible_on(&self, date: NaiveDate) -> bool {
        self.status == OfficerStatus::Active && date <= self.cert_expiry
    }
}

/// A declared recusal (回避): the officer must not inspect the entity.
/// Confidential: only its salted commitment is ever published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recusal {
    /// 执法证号.
    pub officer_id: String,
    /// 统一社会信用代码.
    pub uscc: Uscc,
    /// 回避原因.
    pub reason: String,
}

/// The registries (名录) held in memory, each sorted by key with unique keys.
///
/// Build one with [`Registries::new`]; every constructor sorts, so the order
/// records arrive in never matters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registries {
    /// Items, sorted by code.
    pub items: Vec<Item>,
    /// Entities, sorted by USCC.
    pub entities: Vec<Entity>,
    /// Officers, sorted by id.
    pub officers: Vec<Officer>,
    /// Recusals, sorted by (officer id, USCC).
    pub recusals: Vec<Recusal>,
}

/// Two records with one key (主键重复).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("duplicate {kind} key {key:?}")]
pub struct DuplicateKey {
    /// Which registry.
    pub kind: RegistryKind,
    /// The key.
    pub key: String,
}

fn check_unique<'a, T, K: PartialEq + fmt::Display>(
    kind: RegistryKind,
    v: &'a [T],
    key: impl Fn(&'a T) -> K,
) -> Result<(), DuplicateKey> {
    match v.windows(2).find(|w| key(&w[0]) == key(&w[1])) {
        Some(w) => Err(DuplicateKey {
            kind,
            key: key(&w[0]).to_string(),
        }),
        None => Ok(()),
    }
}

impl Registries {
    /// Sorts every registry by key and checks keys are unique.
    ///
    /// # Errors
    /// [`DuplicateKey`] naming the first repeated key.
    pub fn new(
        items: Vec<Item>,
        entities: Vec<Entity>,
        officers: Vec<Officer>,
        recusals: Vec<Recusal>,
    ) -> Result<Self, DuplicateKey> {
        let mut reg = Registries {
            items,
            entities,
            officers,
            recusals,
        };
        reg.sort_by_key_of();
        check_unique(RegistryKind::Items, &reg.items, |i| i.code.as_str())?;
        check_unique(RegistryKind::Entities, &reg.entities, |e| e.uscc.as_str())?;
        check_unique(RegistryKind::Officers, &reg.officers, |o| o.id.as_str())?;
        check_unique(RegistryKind::Recusals, &reg.recusals, |r| {
            format!("{}/{}", r.officer_id, r.uscc)
        })?;
        Ok(reg)
    }

    /// Sorts every registry into canonical key order (recusals by officer id,
    /// then USCC).
    pub fn sort_by_key_of(&mut self) {
        use crate::par::*;
        self.items.sort_unstable_by(|a, b| a.code.cmp(&b.code));
        if !self
            .entities
            .is_sorted_by(|a, b| a.uscc.as_bytes() <= b.uscc.as_bytes())
        {
            self.entities
                .par_sort_unstable_by(|a, b| a.uscc.as_bytes().cmp(b.uscc.as_bytes()));
        }
        self.officers.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        self.recusals.sort_unstable_by(|a, b| {
            (a.officer_id.as_str(), a.uscc.as_str()).cmp(&(b.officer_id.as_str(), b.uscc.as_str()))
        });
    }

    /// Whether registry `kind` holds `key` (for recusals `OFFICER_ID/USCC`),
    /// and if so the department the record belongs to (items and officers).
    pub fn department_of(&self, kind: RegistryKind, key: &str) -> Option<Option<String>> {
        match kind {
            RegistryKind::Items => self
                .items
                .binary_search_by(|x| x.code.as_str().cmp(key))
                .ok()
                .map(|i| Some(self.items[i].department.clone())),
            RegistryKind::Entities => self.entity(key).map(|_| None),
            RegistryKind::Officers => self.officer(key).map(|o| Some(o.department.clone())),
            RegistryKind::Recusals => {
                let (officer, uscc) = key.split_once('/')?;
                self.recusals
                    .binary_search_by(|r| {
                        (r.officer_id.as_str(), r.uscc.as_str()).cmp(&(officer, uscc))
                    })
                    .ok()
                    .map(|_| None)
            }
        }
    }

    /// Number of records in one registry.
    pub fn len(&self, kind: RegistryKind) -> usize {
        match kind {
            RegistryKind::Items => self.items.len(),
            RegistryKind::Entities => self.entities.len(),
            RegistryKind::Officers => self.officers.len(),
            RegistryKind::Recusals => self.recusals.len(),
        }
    }

    /// Whether all four registries are empty.
    pub fn is_empty(&self) -> bool {
        RegistryKind::ALL.iter().all(|k| self.len(*k) == 0)
    }

    /// The entity with this USCC.
    pub fn entity(&self, uscc: &str) -> Option<&Entity> {
        self.entities
            .binary_search_by(|e| e.uscc.as_bytes().as_slice().cmp(uscc.as_bytes()))
            .ok()
            .map(|i| &self.entities[i])
    }

    /// The officer with this certificate number.
    pub fn officer(&self, id: &str) -> Option<&Officer> {
        self.officers
            .binary_search_by(|o| o.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.officers[i])
    }

    /// Counts for `dualdraw registry stats`.
    pub fn stats(&self) -> Stats {
        let mut s = Stats::default();
        for k in RegistryKind::ALL {
            s.counts.insert(k, self.len(k));
        }
        s.counts.insert(RegistryKind::Entities, 0);
        for e in &self.entities {
            s.add_entity(e);
        }
        for o in &self.officers {
            *s.officers_by_department
                .entry(o.department.clone())
                .or_default() += 1;
            if o.status == OfficerStatus::Active {
                *s.active_officers_by_department
                    .entry(o.department.clone())
                    .or_default() += 1;
            }
        }
        for i in &self.items {
            *s.items_by_department
                .entry(i.department.clone())
                .or_default() += 1;
        }
        s
    }
}

/// Counts (名录统计) per registry, kind, category, credit class and department.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Records per registry.
    pub counts: BTreeMap<RegistryKind, usize>,
    /// Entities per kind (Chinese name).
    pub entities_by_kind: BTreeMap<String, usize>,
    /// Entities per target category (an entity counts in each of its categories).
    pub entities_by_category: BTreeMap<String, usize>,
    /// Entities per credit class.
    pub entities_by_credit_class: BTreeMap<String, usize>,
    /// Entities per registration status.
    pub entities_by_status: BTreeMap<String, usize>,
    /// Officers per department.
    pub officers_by_department: BTreeMap<String, usize>,
    /// Active (在岗) officers per department.
    pub active_officers_by_department: BTreeMap<String, usize>,
    /// Items per department.
    pub items_by_department: BTreeMap<String, usize>,
}

impl Stats {
    /// Counts one more entity (a registry streamed entity by entity adds
    /// each to the counts of the other registries).
    pub fn add_entity(&mut self, e: &Entity) {
        *self.counts.entry(RegistryKind::Entities).or_default() += 1;
        *self
            .entities_by_kind
            .entry(e.kind.zh().to_string())
            .or_default() += 1;
        *self
            .entities_by_credit_class
            .entry(e.credit_class.token().to_string())
            .or_default() += 1;
        *self
            .entities_by_status
            .entry(e.status.zh().to_string())
            .or_default() += 1;
        for c in &e.categories {
            *self.entities_by_category.entry(c.clone()).or_default() += 1;
        }
    }
}

/// Why `s` cannot be a text value: it holds a control character (NUL,
/// U+0001–U+001F, U+007F–U+009F). Tabs count; line breaks (LF, CR) are allowed
/// only where `line_breaks` (text cells that may wrap; not identifiers).
pub fn control_character(s: &str, line_breaks: bool) -> Option<String> {
    if !may_hold_a_control_character(s) {
        return None;
    }
    let (at, c) = s
        .chars()
        .enumerate()
        .find(|&(_, c)| c.is_control() && !(line_breaks && matches!(c, '\n' | '\r')))?;
    let name = match c {
        '\0' => " (NUL)".to_string(),
        '\t' => " (tab)".to_string(),
        '\n' => " (line break)".to_string(),
        '\r' => " (carriage return)".to_string(),
        '\u{1b}' => " (escape)".to_string(),
        _ => String::new(),
    };
    Some(format!(
        "contains the control character U+{:04X}{name} at character {}; control characters are not allowed in text",
        c as u32,
        at + 1
    ))
}

/// Whether `s` may hold a control character: false only when it holds none.
/// In UTF-8 a control character (U+0000–U+001F, U+007F, U+0080–U+009F) is a
/// byte below 0x20, the byte 0x7F, or 0xC2 (the first byte of U+0080–U+00BF);
/// no other character's encoding holds those bytes. A byte scan, where
/// decoding every character cost an import of 20,000,000 entities seconds.
fn may_hold_a_control_character(s: &str) -> bool {
    s.bytes().any(|b| b < 0x20 || b == 0x7F || b == 0xC2)
}

#[cfg(test)]
mod text_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Guards the byte scan: a string it passes holds no control
        /// character, whatever its characters (ASCII, Latin-1, CJK, emoji).
        #[test]
        fn the_byte_scan_misses_no_control_character(s in "(\\PC|\\p{Cc}|[\u{0}-\u{ff}]|[中文¢©\u{85}\u{9f}\u{a0}])*") {
            let decoded = s.chars().any(char::is_control);
            if decoded {
                prop_assert!(may_hold_a_control_character(&s));
                prop_assert!(control_character(&s, false).is_some());
            }
            if !may_hold_a_control_character(&s) {
                prop_assert!(!decoded);
            }
        }
    }

    #[test]
    fn control_characters_are_named_and_line_breaks_allowed_only_in_lists() {
        assert_eq!(control_character("测试公司", false), None);
        let r = control_character("甲\0乙", false).unwrap();
        assert!(r.contains("U+0000 (NUL) at character 2"), "{r}");
        assert!(control_character("a\tb", true).is_some());
        assert!(control_character("a\nb", false).is_some());
        assert_eq!(control_character("a\r\nb", true), None);
        assert!(control_character("a\u{85}b", true).is_some());
    }
}
