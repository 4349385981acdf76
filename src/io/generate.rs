//! A deterministic synthetic county (`dualdraw generate`): items, entities,
//! officers and recusals in realistic shares, from a seed. The same seed gives
//! the same county byte for byte, on any machine.
//!
//! The generator draws from the ChaCha20 keystream keyed by
//! `SHA-256("dualdraw-generate-v1" ‖ seed as u64 big-endian)`, with its own
//! integer sampling, so it does not depend on `rand`'s algorithms either.

mod registries;
#[cfg(feature = "generate")]
mod rows;
mod tables;
#[cfg(feature = "generate")]
mod write;
#[cfg(all(feature = "generate", feature = "publish"))]
mod xlsx;

pub use registries::{ENTITIES_PER_BASE_STAFF, entities, items, officers, officers_for, recusals};
pub use tables::{DEPARTMENTS, Department};
#[cfg(feature = "generate")]
pub use write::{FILES, write_county};
#[cfg(all(feature = "generate", feature = "publish"))]
pub use xlsx::{XLSX_MAX_ROWS, department_officers_file, write_county_xlsx};

use crate::core::registry::Registries;
use crate::core::registry::vocab::RegionCode;
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use sha2::{Digest, Sha256};

/// Settings of a synthetic county (模拟县域数据设置).
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

/// Why a county cannot be generated (模拟数据生成错误).
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
    /// More entities than a worksheet holds.
    #[error("{rows} entities do not fit in one worksheet (at most {max} rows): write CSV files")]
    TooManyRows {
        /// Entities asked for.
        rows: u64,
        /// The most a worksheet holds.
        max: u64,
    },
    /// A workbook could not be made.
    #[error("{path}: {message}")]
    Xlsx {
        /// File.
        path: String,
        /// Why.
        message: String,
    },
}

/// The whole county in memory.
///
/// # Errors
/// [`GenerateError::Region`] for a bad region code.
pub fn county(spec: &CountySpec) -> Result<Registries, GenerateError> {
    let region = RegionCode::parse(&spec.region)?;
    let officers = officers_for(spec.seed, &region, spec.entities);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::registry::vocab::CreditClass;

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
    fn officers_scale_with_a_county_larger_than_the_base_and_keep_the_base_staff() {
        let region = RegionCode::parse("520123").unwrap();
        let base = officers(1, &region);
        assert_eq!(officers_for(1, &region, 0), base);
        assert_eq!(officers_for(1, &region, ENTITIES_PER_BASE_STAFF), base);
        let big = officers_for(1, &region, 10 * ENTITIES_PER_BASE_STAFF);
        for d in DEPARTMENTS {
            let n = base.iter().filter(|o| o.department == d.name).count();
            let mine: Vec<&crate::core::registry::Officer> =
                big.iter().filter(|o| o.department == d.name).collect();
            assert_eq!(mine.len(), 10 * n, "{}", d.name);
            // The base staff first, unchanged.
            let first: Vec<&crate::core::registry::Officer> =
                base.iter().filter(|o| o.department == d.name).collect();
            assert_eq!(&mine[..n], &first[..]);
        }
        let ids: std::collections::BTreeSet<&str> = big.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids.len(), big.len(), "certificate numbers are unique");
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
