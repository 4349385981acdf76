//! Registry benchmarks (issue 2): import throughput into the store, and the
//! Merkle commitment of a large target directory against a one-core baseline
//! of hashing each canonical leaf once.
//!
//! Sizes are the issue's: 1 million entity rows for import, 10 million
//! entities for the commitment. Smaller sizes can be chosen with
//! `DUALDRAW_BENCH_IMPORT_ROWS` and `DUALDRAW_BENCH_COMMIT_ENTITIES`.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use dualdraw::core::commitment::{PublicEntity, registry_root};
use dualdraw::io::generate::{CountySpec, county, write_county};
use dualdraw::{ImportOptions, RegistryKind, SaltKey, Workspace, import_into};
use sha2::{Digest, Sha256};
use std::hint::black_box;
use std::time::Duration;

fn env_size(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn import(c: &mut Criterion) {
    let rows = env_size("DUALDRAW_BENCH_IMPORT_ROWS", 1_000_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = CountySpec {
        seed: 11,
        entities: rows,
        ..CountySpec::default()
    };
    write_county(&spec, dir.path()).expect("write county");
    let file = dir.path().join("entities.csv");
    let mut g = c.benchmark_group("import");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(40))
        .throughput(Throughput::Elements(rows));
    g.bench_function(format!("entities_csv_into_store/{rows}"), |b| {
        b.iter_batched(
            || {
                let ws_dir = tempfile::tempdir().expect("tempdir");
                let ws = Workspace::init_with_key(ws_dir.path(), SaltKey::from_bytes([1; 32]))
                    .expect("init");
                (ws_dir, ws)
            },
            |(ws_dir, mut ws)| {
                let s = import_into(
                    &mut ws,
                    RegistryKind::Entities,
                    &file,
                    &ImportOptions::default(),
                    &|_| {},
                )
                .expect("import");
                assert_eq!(s.total as u64, rows);
                drop(ws);
                ws_dir
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn commitment(c: &mut Criterion) {
    let n = env_size("DUALDRAW_BENCH_COMMIT_ENTITIES", 10_000_000);
    let reg = county(&CountySpec {
        seed: 12,
        entities: n,
        ..CountySpec::default()
    })
    .expect("county");
    let key = SaltKey::from_bytes([2; 32]);
    // The baseline's input: every canonical leaf, already encoded.
    let leaves: Vec<Vec<u8>> = reg
        .entities
        .iter()
        .map(|e| PublicEntity::of(e, &key).leaf())
        .collect();
    let mut g = c.benchmark_group("commitment");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(60))
        .throughput(Throughput::Elements(n));
    g.bench_function(format!("sha256_each_leaf_one_core/{n}"), |b| {
        b.iter(|| {
            let mut acc = 0u8;
            for l in &leaves {
                acc ^= Sha256::digest(l)[0];
            }
            black_box(acc)
        })
    });
    g.bench_function(format!("root_from_canonical_leaves_all_cores/{n}"), |b| {
        b.iter(|| black_box(dualdraw::core::merkle::root_parallel(&leaves)))
    });
    drop(leaves);
    g.bench_function(format!("entities_root_from_records_all_cores/{n}"), |b| {
        b.iter(|| black_box(registry_root(&reg, RegistryKind::Entities, &key)))
    });
    g.finish();
}

criterion_group!(benches, import, commitment);
criterion_main!(benches);
