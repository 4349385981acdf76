//! Controlled vocabularies of the registries: entity kinds, statuses, credit
//! classes, item types, and region codes. Each accepts its Chinese and English
//! spellings (see `docs/IMPORT.md`); anything else is an error. Each has one
//! canonical token, which is what commitments encode.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A value outside a vocabulary (取值不在规定代码表内).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a known {vocabulary} (accepted: {accepted})")]
pub struct VocabError {
    /// Which vocabulary.
    pub vocabulary: &'static str,
    /// The rejected value.
    pub value: String,
    /// The accepted spellings, for the message.
    pub accepted: &'static str,
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase().replace([' ', '_', '-'], "")
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])* $name:ident, $label:literal, $accepted:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $token:literal, $zh:literal, [$($alias:literal),*] );+ $(;)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in canonical order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical token, fixed forever: commitments encode it.
            pub fn token(self) -> &'static str {
                match self { $($name::$variant => $token),+ }
            }

            /// The usual Chinese name.
            pub fn zh(self) -> &'static str {
                match self { $($name::$variant => $zh),+ }
            }

            /// Parses a Chinese or English spelling.
            ///
            /// # Errors
            /// [`VocabError`] for anything outside the vocabulary.
            pub fn parse(s: &str) -> Result<Self, VocabError> {
                // Fast path: an exact spelling, without allocating.
                let t = s.trim();
                $(
                    if t == $token || t == $zh $(|| t == $alias)* {
                        return Ok($name::$variant);
                    }
                )+
                let n = norm(s);
                $(
                    if n == norm($token) || n == norm($zh) $(|| n == norm($alias))* {
                        return Ok($name::$variant);
                    }
                )+
                Err(VocabError { vocabulary: $label, value: s.trim().to_string(), accepted: $accepted })
            }

            /// Parses a canonical token only (as written in commitments and snapshots).
            pub fn from_token(s: &str) -> Option<Self> {
                match s { $($token => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.zh())
            }
        }

        impl Serialize for $name {
            /// Serializes as the canonical token.
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.token())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            /// Deserializes the canonical token or any accepted spelling.
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

vocabulary! {
    /// Kind of market entity (主体类型).
    EntityKind, "entity kind", "企业, 个体工商户, 农民专业合作社, 事业单位, 社会团体, 民办非企业单位 (社会服务机构), 其他" {
        /// 企业
        Enterprise => "enterprise", "企业", ["公司", "company"];
        /// 个体工商户
        IndividualBusiness => "individual_business", "个体工商户", ["个体", "individual"];
        /// 农民专业合作社
        FarmerCooperative => "farmer_cooperative", "农民专业合作社", ["合作社", "cooperative"];
        /// 事业单位
        PublicInstitution => "public_institution", "事业单位", ["institution"];
        /// 社会团体
        SocialOrganization => "social_organization", "社会团体", ["社团", "association"];
        /// 民办非企业单位 (社会服务机构)
        PrivateNonEnterprise => "private_non_enterprise", "民办非企业单位", ["社会服务机构", "民办非企业", "民非", "social_service_organization"];
        /// 其他
        Other => "other", "其他", ["其它"];
    }
}

impl EntityKind {
    /// The first two USCC characters this kind is registered under, where
    /// GB 32100-2015 fixes them (`None` for [`EntityKind::Other`]).
    pub fn uscc_prefixes(self) -> Option<&'static [&'static str]> {
        match self {
            EntityKind::Enterprise => Some(&["91"]),
            EntityKind::IndividualBusiness => Some(&["92"]),
            EntityKind::FarmerCooperative => Some(&["93"]),
            EntityKind::PublicInstitution => Some(&["12"]),
            EntityKind::SocialOrganization => Some(&["51"]),
            EntityKind::PrivateNonEnterprise => Some(&["52"]),
            EntityKind::Other => None,
        }
    }
}

vocabulary! {
    /// Registration status of an entity (登记状态).
    EntityStatus, "entity status", "存续/在业/开业 (in business), 吊销, 注销, 撤销, 迁出, 停业" {
        /// 存续 / 在业 / 开业: in business.
        InBusiness => "in_business", "存续", ["在业", "开业", "存续（在营、开业、在册）", "active", "open"];
        /// 吊销 (licence revoked).
        Revoked => "revoked", "吊销", ["吊销，未注销", "已吊销"];
        /// 注销 (deregistered).
        Deregistered => "deregistered", "注销", ["已注销", "cancelled"];
        /// 撤销 (registration withdrawn).
        Withdrawn => "withdrawn", "撤销", ["已撤销"];
        /// 迁出 (moved out of the jurisdiction).
        MovedOut => "moved_out", "迁出", ["已迁出"];
        /// 停业 (suspended business).
        Suspended => "suspended", "停业", ["歇业", "closed"];
    }
}

impl EntityStatus {
    /// Whether the entity is in business (may be drawn).
    #[inline]
    pub fn in_business(self) -> bool {
        self == EntityStatus::InBusiness
    }
}

vocabulary! {
    /// Status of an officer (状态).
    OfficerStatus, "officer status", "在岗 (active), 休假, 借调, 调离, 退休, 停职" {
        /// 在岗: on duty.
        Active => "active", "在岗", ["在职", "on_duty"];
        /// 休假: on leave.
        OnLeave => "on_leave", "休假", ["leave"];
        /// 借调: seconded elsewhere.
        Seconded => "seconded", "借调", [];
        /// 调离: transferred out.
        Transferred => "transferred", "调离", [];
        /// 退休: retired.
        Retired => "retired", "退休", [];
        /// 停职: suspended.
        Suspended => "suspended", "停职", [];
    }
}

vocabulary! {
    /// Credit-risk class (信用风险分类); confidential supervision data.
    CreditClass, "credit class", "A, B, C, D (or 低风险, 一般风险, 较高风险, 高风险)" {
        /// A: low risk (信用风险低).
        A => "A", "A类", ["低", "低风险", "信用风险低", "a"];
        /// B: ordinary risk (信用风险一般).
        B => "B", "B类", ["一般", "一般风险", "信用风险一般", "中", "b"];
        /// C: elevated risk (信用风险较高).
        C => "C", "C类", ["较高", "较高风险", "信用风险较高", "中高", "c"];
        /// D: high risk (信用风险高).
        D => "D", "D类", ["高", "高风险", "信用风险高", "d"];
    }
}

vocabulary! {
    /// Type of spot-check item (事项类型).
    ItemType, "item type", "重点, 一般 (key, general)" {
        /// 重点检查事项.
        Key => "key", "重点", ["重点检查", "重点事项", "focus"];
        /// 一般检查事项.
        General => "general", "一般", ["一般检查", "一般事项", "ordinary"];
    }
}

/// A GB/T 2260 region code (行政区划代码): six digits with a valid province
/// prefix.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(String);

/// Why a region code (行政区划代码) is rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegionError {
    /// Not six ASCII digits.
    #[error("{0:?} is not a 6-digit region code")]
    Shape(String),
    /// The first two digits are not a province of GB/T 2260.
    #[error("{0:?} does not start with a province code of GB/T 2260")]
    Province(String),
}

const PROVINCES: &[&str] = &[
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

impl RegionCode {
    /// Parses a 6-digit region code.
    ///
    /// # Errors
    /// [`RegionError`] when it has the wrong shape or an unknown province.
    pub fn parse(s: &str) -> Result<Self, RegionError> {
        let t = s.trim();
        if t.len() != 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(RegionError::Shape(t.to_string()));
        }
        if !PROVINCES.contains(&&t[..2]) {
            return Err(RegionError::Province(t.to_string()));
        }
        Ok(RegionCode(t.to_string()))
    }

    /// The six digits.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for RegionCode {
    type Error = RegionError;
    fn try_from(s: String) -> Result<Self, RegionError> {
        RegionCode::parse(&s)
    }
}

impl From<RegionCode> for String {
    fn from(r: RegionCode) -> String {
        r.0
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_english_spellings_parse_to_one_token() {
        assert_eq!(EntityKind::parse("企业").unwrap(), EntityKind::Enterprise);
        assert_eq!(
            EntityKind::parse(" Enterprise ").unwrap(),
            EntityKind::Enterprise
        );
        assert_eq!(
            EntityKind::parse("社会服务机构").unwrap(),
            EntityKind::PrivateNonEnterprise
        );
        assert_eq!(
            EntityStatus::parse("在业").unwrap(),
            EntityStatus::InBusiness
        );
        assert_eq!(
            EntityStatus::parse("开业").unwrap(),
            EntityStatus::InBusiness
        );
        assert_eq!(OfficerStatus::parse("在岗").unwrap(), OfficerStatus::Active);
        assert_eq!(CreditClass::parse("d").unwrap(), CreditClass::D);
        assert_eq!(CreditClass::parse("高风险").unwrap(), CreditClass::D);
        assert_eq!(ItemType::parse("重点").unwrap(), ItemType::Key);
    }

    #[test]
    fn unknown_values_are_errors_naming_the_value() {
        let e = EntityStatus::parse("正常").unwrap_err();
        assert_eq!(e.value, "正常");
        assert!(e.to_string().contains("entity status"));
        assert!(CreditClass::parse("E").is_err());
        assert!(OfficerStatus::parse("").is_err());
    }

    #[test]
    fn tokens_round_trip() {
        for k in EntityKind::ALL {
            assert_eq!(EntityKind::from_token(k.token()), Some(*k));
            assert_eq!(EntityKind::parse(k.token()).unwrap(), *k);
        }
        for c in CreditClass::ALL {
            assert_eq!(CreditClass::from_token(c.token()), Some(*c));
        }
    }

    #[test]
    fn region_codes() {
        assert!(RegionCode::parse("520123").is_ok());
        assert!(matches!(
            RegionCode::parse("52012"),
            Err(RegionError::Shape(_))
        ));
        assert!(matches!(
            RegionCode::parse("990123"),
            Err(RegionError::Province(_))
        ));
        assert!(matches!(
            RegionCode::parse("52o123"),
            Err(RegionError::Shape(_))
        ));
    }
}
