//! Draw benchmarks (issue 3): the target draw over 10 million entities in 4
//! credit-class strata against one SHA-256 per entity key on one core and
//! against the compression floor (issue 17: the one SHA-256 compression per
//! entity that the spec's PRN needs, on blocks prepared in advance); the
//! officer assignment of a province (100 counties, 100,000 targets, 3
//! departments per team, 50,000 officers, `officer_region = "same"`, 1 million
//! recusal pairs); and full (audit) verification against roots + draw.
//!
//! Smaller sizes: `DUALDRAW_BENCH_SAMPLE_ENTITIES`, `DUALDRAW_BENCH_VERIFY_ENTITIES`.
//! The `target_draw` group takes criterion's measurement and warm-up times
//! from the command line (`--measurement-time 5 --warm-up-time 1`); the
//! script `benches/floor_ratios.sh` runs it beside a pandas script and prints
//! the ratios.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dualdraw::core::announcement::{History, announce};
use dualdraw::core::assign::{AssignmentVersion, Need, Problem, TargetNeeds};
use dualdraw::core::campaign::{Campaign, OfficerRegion, Ratio, Stratum, StratumRule};
use dualdraw::core::draw::{derive_seed, draw};
use dualdraw::core::entropy::{Reveal, witness_commitment};
use dualdraw::core::merkle::Hash;
use dualdraw::core::proof::{EntropyRecord, make_proof};
use dualdraw::core::record_proof::SnapshotRef;
use dualdraw::core::registry::Officer;
use dualdraw::core::registry::vocab::{CreditClass, OfficerStatus, RegionCode};
use dualdraw::core::sample;
use dualdraw::core::sample::{HistorySets, PrnKey};
use dualdraw::core::verify::verify_audit;
use dualdraw::io::generate::{CountySpec, county};
use dualdraw::{SaltKey, SnapshotRoots};
use rayon::prelude::*;
use sha2::digest::consts::U64;
use sha2::digest::generic_array::GenericArray;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::hint::black_box;
use std::time::Duration;

fn env_size(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn campaign() -> Campaign {
    let mut c = Campaign::from_toml(&format!(
        "id = \"B\"\ntitle = \"bench\"\nlead_department = \"县市场监管局\"\ndraw_date = \"2026-03-02\"\nitems = [\"SC-001\", \"SC-002\", \"SC-003\", \"SC-004\", \"SC-005\", \"JY-001\", \"JY-002\", \"WL-001\", \"WL-002\", \"WL-003\", \"JT-001\", \"JT-002\", \"JT-003\", \"GA-001\", \"GA-002\", \"GA-003\", \"GA-004\", \"YJ-001\", \"YJ-002\", \"YJ-003\"]\n[entropy]\nwitnesses = [{{ name = \"甲\", commitment = \"{}\" }}]\n",
        witness_commitment("bench-secret-0123456789")
    ))
    .expect("campaign");
    for (class, p) in [
        (CreditClass::A, 3),
        (CreditClass::B, 5),
        (CreditClass::C, 10),
        (CreditClass::D, 30),
    ] {
        c.targets.strata.push(Stratum {
            credit_class: class,
            rule: StratumRule::Ratio(Ratio::new(p, 100).expect("ratio")),
            min: None,
            max: None,
        });
    }
    c
}

/// The initial hash value of SHA-256 (FIPS 180-4 §5.3.3), to compute the
/// PRN's saved state here the way `PrnHasher` does.
const SHA256_IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

type Block = GenericArray<u8, U64>;

/// The state after the PRN's first block `P` (`docs/SPEC.md` §5), and every
/// entity's final block (`lp(uscc)`, `0x80`, the length in bits) prepared in
/// advance: what remains is exactly one compression per entity.
fn prepared_blocks(reg: &dualdraw::Registries, seed: &Hash) -> ([u32; 8], Vec<Block>) {
    let mut p = [0u8; 64];
    p[..15].copy_from_slice(b"dualdraw-prn-v1");
    p[32..].copy_from_slice(&seed.0);
    let mut mid = SHA256_IV;
    sha2::compress256(&mut mid, &[Block::from(p)]);
    let blocks: Vec<Block> = reg
        .entities
        .iter()
        .map(|e| {
            let u = e.uscc.as_str().as_bytes();
            let mut b = Block::default();
            b[..4].copy_from_slice(&(u.len() as u32).to_be_bytes());
            b[4..4 + u.len()].copy_from_slice(u);
            b[4 + u.len()] = 0x80;
            b[56..].copy_from_slice(&(((64 + 4 + u.len()) as u64) * 8).to_be_bytes());
            b
        })
        .collect();
    // The floor does the spec's work: its first number is the first PRN.
    let mut st = mid;
    sha2::compress256(&mut st, &blocks[..1]);
    let mut first = [0u8; 32];
    for (o, w) in first.chunks_exact_mut(4).zip(st) {
        o.copy_from_slice(&w.to_be_bytes());
    }
    assert_eq!(
        Hash(first),
        sample::prn(seed, reg.entities[0].uscc.as_str()),
        "floor blocks"
    );
    (mid, blocks)
}

/// One compression per prepared block, from the saved state.
fn compress_all(mid: &[u32; 8], blocks: &[Block]) -> u32 {
    let mut acc = 0u32;
    for b in blocks {
        let mut st = *mid;
        sha2::compress256(&mut st, std::slice::from_ref(b));
        acc ^= st[0];
    }
    acc
}

fn sampling(c: &mut Criterion) {
    let n = env_size("DUALDRAW_BENCH_SAMPLE_ENTITIES", 10_000_000);
    let reg = county(&CountySpec {
        seed: 21,
        entities: n,
        ..CountySpec::default()
    })
    .expect("county");
    let camp = campaign();
    let items = sample::campaign_items(&reg, &camp).expect("items");
    let cats = sample::categories(&camp, &items).expect("categories");
    let seed = Hash([7; 32]);
    let pool = sample::pool(&reg, &camp, &cats, &HistorySets::default());
    let (mid, blocks) = prepared_blocks(&reg, &seed);
    let mut g = c.benchmark_group("target_draw");
    g.sample_size(10).throughput(Throughput::Elements(n));
    g.bench_function(format!("compression_floor_one_core/{n}"), |b| {
        b.iter(|| black_box(compress_all(&mid, &blocks)))
    });
    g.bench_function(format!("compression_floor_all_cores/{n}"), |b| {
        b.iter(|| {
            black_box(
                blocks
                    .par_chunks(1 << 14)
                    .map(|ch| compress_all(&mid, ch))
                    .reduce(|| 0, |a, b| a ^ b),
            )
        })
    });
    g.bench_function(format!("sha256_per_entity_key_one_core/{n}"), |b| {
        b.iter(|| {
            let mut acc = 0u8;
            for e in &reg.entities {
                acc ^= Sha256::digest(e.uscc.as_str().as_bytes())[0];
            }
            black_box(acc)
        })
    });
    g.bench_function(format!("select_4_strata_all_cores/{n}"), |b| {
        b.iter(|| {
            black_box(sample::select(&reg, &camp, &pool, &PrnKey::plain(seed)).expect("select"))
        })
    });
    g.bench_function(format!("pool_and_select_all_cores/{n}"), |b| {
        b.iter(|| {
            black_box(
                sample::pool_and_select(
                    &reg,
                    &camp,
                    &cats,
                    &HistorySets::default(),
                    &PrnKey::plain(seed),
                )
                .expect("draw"),
            )
        })
    });
    g.finish();
}

/// A province: 100 counties; per county 3 departments of ~167 officers and
/// 1,000 targets each needing one officer of every department; 1,000,000
/// blocked pairs between officers and targets of the same county.
fn province() -> (Vec<Officer>, Vec<TargetNeeds>, HashSet<(usize, usize)>) {
    let depts = ["县市场监管局", "县文旅局", "县公安局"];
    let mut officers = Vec::new();
    for county in 0..100u32 {
        let region = format!("52{:04}", 100 + county);
        for (d, dept) in depts.iter().enumerate() {
            let n = if d == 0 { 168 } else { 166 };
            for k in 0..n {
                officers.push(Officer {
                    id: format!("{region}{d}{k:04}"),
                    name: format!("官{k}"),
                    department: (*dept).into(),
                    unit: String::new(),
                    region: RegionCode::parse(&region).expect("region"),
                    qualifications: vec![],
                    status: OfficerStatus::Active,
                    cert_expiry: chrono::NaiveDate::from_ymd_opt(2030, 1, 1).expect("date"),
                });
            }
        }
    }
    officers.sort_by(|a, b| a.id.cmp(&b.id));
    let mut targets = Vec::new();
    for county in 0..100u32 {
        let region = format!("52{:04}", 100 + county);
        for k in 0..1000u32 {
            targets.push(TargetNeeds {
                uscc: format!("91{region}{county:04}{k:06}"),
                region: region.clone(),
                items: vec![],
                needs: depts
                    .iter()
                    .map(|d| Need {
                        department: (*d).into(),
                        demand: 1,
                        qualifications: vec![],
                    })
                    .collect(),
            });
        }
    }
    targets.sort_by(|a, b| a.uscc.cmp(&b.uscc));
    // 1,000,000 pairs: every target blocks 10 officers of its county (deterministic).
    let mut by_region: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, o) in officers.iter().enumerate() {
        by_region.entry(o.region.as_str()).or_default().push(i);
    }
    let mut blocked = HashSet::with_capacity(1_000_000);
    for (t, tn) in targets.iter().enumerate() {
        let os = &by_region[tn.region.as_str()];
        for j in 0..10 {
            blocked.insert((os[(t * 7 + j * 53) % os.len()], t));
        }
    }
    (officers, targets, blocked)
}

fn assignment(c: &mut Criterion) {
    let (officers, targets, blocked) = province();
    assert_eq!(targets.len(), 100_000);
    assert_eq!(blocked.len(), 1_000_000);
    let p = Problem {
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
        region: OfficerRegion::Same,
        capacity: Some(10),
        officers: &officers,
        targets: &targets,
        blocked: &blocked,
    };
    let mut g = c.benchmark_group("assignment");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function("province_100k_targets_50k_officers_1m_recusals", |b| {
        b.iter(|| black_box(p.solve(&Hash([3; 32])).expect("feasible")))
    });
    // Assignment v2 (§6.1): shuffled orders and P·bitlen(P) rotation steps.
    g.bench_function("province_100k_targets_50k_officers_1m_recusals_v2", |b| {
        b.iter(|| {
            black_box(
                p.solve_version(&Hash([3; 32]), AssignmentVersion::V2)
                    .expect("feasible"),
            )
        })
    });
    g.finish();
}

fn verification(c: &mut Criterion) {
    let n = env_size("DUALDRAW_BENCH_VERIFY_ENTITIES", 1_000_000);
    let reg = county(&CountySpec {
        seed: 22,
        entities: n,
        ..CountySpec::default()
    })
    .expect("county");
    let key = SaltKey::from_bytes([4; 32]);
    let roots = SnapshotRoots::compute(&reg, &key);
    let sref = SnapshotRef {
        id: 1,
        digest: roots.digest(),
        roots,
    };
    let t0 = chrono::DateTime::from_timestamp(1_772_300_000, 0).expect("time");
    let (a, _) = announce(
        &reg,
        sref,
        campaign(),
        History::default(),
        None,
        Hash([0; 32]),
        t0,
    )
    .expect("announce");
    let reveal = Reveal {
        name: "甲".into(),
        secret: "bench-secret-0123456789".into(),
        revealed_at: t0,
    };
    let (seed, used, missing) = derive_seed(&a, &[reveal], None).expect("seed");
    let out = draw(&reg, &a, &seed, &PrnKey::plain(seed)).expect("draw");
    let proof = make_proof(
        &reg,
        &key,
        &a,
        EntropyRecord {
            reveals: used,
            missing,
            beacon: None,
        },
        &out,
        &[],
    );
    let mut g = c.benchmark_group("verification");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function(format!("snapshot_roots/{n}"), |b| {
        b.iter(|| black_box(SnapshotRoots::compute(&reg, &key)))
    });
    g.bench_function(format!("draw/{n}"), |b| {
        b.iter(|| black_box(draw(&reg, &a, &seed, &PrnKey::plain(seed)).expect("draw")))
    });
    g.bench_function(format!("verify_audit/{n}"), |b| {
        b.iter(|| black_box(verify_audit(&proof, &reg, &key).expect("verifies")))
    });
    g.finish();
}

criterion_group!(benches, assignment, verification, sampling);
criterion_main!(benches);
