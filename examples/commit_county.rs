//! Generates a synthetic county in memory and commits to it: prints the four
//! roots, the snapshot digest and the time taken. Used to state peak memory
//! (`/usr/bin/time -v cargo run --release --example commit_county -- 10000000`).
//!
//! ```text
//! cargo run --release --example commit_county -- [ENTITIES] [SEED]
//! ```

use dualdraw::io::generate::{CountySpec, county};
use dualdraw::{SaltKey, SnapshotRoots};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let entities = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let t = Instant::now();
    let reg = match county(&CountySpec {
        seed,
        entities,
        ..CountySpec::default()
    }) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let generated = t.elapsed();
    let t = Instant::now();
    let roots = SnapshotRoots::compute(&reg, &SaltKey::from_bytes([0; 32]));
    let committed = t.elapsed();
    println!(
        "entities  {} root {}",
        roots.entities.size, roots.entities.hash
    );
    println!(
        "officers  {} root {}",
        roots.officers.size, roots.officers.hash
    );
    println!("items     {} root {}", roots.items.size, roots.items.hash);
    println!(
        "recusals  {} root {}",
        roots.recusals.size, roots.recusals.hash
    );
    println!("snapshot digest {}", roots.digest());
    println!("generated in {generated:.2?}, committed in {committed:.2?}");
}
