//! # dualdraw
//!
//! Verifiable 双随机、一公开 ("double random, one public") market supervision:
//! keep the spot-check item list and the two directories (一单两库), commit to
//! them with Merkle roots, and draw targets and officers so that anyone can
//! re-check the draw (`docs/SPEC.md`).
//!
//! The library is the product; the `dualdraw` binary is a thin CLI over it.
//! The folders follow the draw (`docs/ARCHITECTURE.md`):
//!
//! - [`core`]: registry → commitment → announcement → entropy → sample →
//!   assign → proof → verify, pure values in and out (always built);
//! - [`ledger`]: the hash-chained record of everything done (always built);
//! - [`plan`] and [`schedule`]: the year's plan and the visit dates (always built);
//! - [`store`]: the [`store::Store`] trait (always) and the SQLite workspace (feature `sqlite`);
//! - `io`: imports (`import`), notices and reports (`publish`), synthetic
//!   counties (`generate`);
//! - `cli`: the command (`cli`).
//!
//! With `default-features = false` only the pure core is built: see
//! `docs/EMBEDDING.md` for the crates it pulls in and the stable API.
//!
//! ```
//! use dualdraw::{Registries, SaltKey, SnapshotRoots};
//! let reg = Registries::default();
//! let roots = SnapshotRoots::compute(&reg, &SaltKey::from_bytes([7; 32]));
//! // The empty tree's root is SHA-256 of nothing (RFC 6962).
//! assert_eq!(
//!     roots.entities.hash.to_hex(),
//!     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
//! );
//! ```
//!
//! ## Reproducibility contract
//! Everything a verifier recomputes is fixed by `docs/COMMITMENTS.md` and
//! `docs/SPEC.md` and never depends on row order, file encoding, hash-map
//! order, floating point, thread count, enabled features or the clock: the
//! canonical encoding ([`core::canonical`]), leaf encodings and salted
//! commitments ([`core::commitment`]), RFC 6962 trees ([`core::merkle`]), the
//! snapshot digest and the draw. Value-stability tests pin each of them; a
//! change to any is a new format version, never a silent change.
//!
//! ## Features
//! | feature | adds | default |
//! |---|---|---|
//! | `parallel` | rayon for hashing, sorting and verification (same results) | yes |
//! | `sqlite` | `store::sqlite`: the workspace store on embedded SQLite | yes |
//! | `postgres` | `store::postgres`: a bureau's store on a PostgreSQL platform (`PgStore`) | yes |
//! | `serve` | `serve`: the HTTP JSON API with accounts and roles (`dualdraw serve`) | yes |
//! | `import` | `io::import`: CSV (UTF-8/GBK) and xlsx registries, results, leave files | yes |
//! | `publish` | `io::publish`, `io::report`: notices, lists, xlsx, reports, calendars | yes |
//! | `generate` | `io::generate`: synthetic counties for tests and benches | yes |
//! | `cli` | the `dualdraw` binary, progress bars, the demo | yes |
//!
//! Feature names are part of the public API: removing or renaming one is a
//! breaking change (a new major version, or minor before 1.0); adding one is
//! not. A feature only ever adds items; it never changes a value the spec
//! defines.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod core;
pub mod durable;
pub mod ledger;
pub(crate) mod par;
pub mod plan;
pub mod schedule;
#[cfg(feature = "serve")]
pub mod serve;
pub mod store;

#[cfg(any(test, feature = "import", feature = "publish", feature = "generate"))]
pub mod io;

#[cfg(feature = "cli")]
pub mod cli;

#[cfg(all(feature = "cli", feature = "generate"))]
#[doc(hidden)]
pub mod fuzzing;

pub use crate::core::announcement::{Announcement, DrawError, announce};
pub use crate::core::campaign::{Campaign, CampaignError};
pub use crate::core::commitment::{PublicEntity, PublicRecusal, SaltKey, SnapshotRoots};
pub use crate::core::draw::{DrawOutcome, derive_seed, draw, prn_key};
pub use crate::core::merkle::{Hash, InclusionProof, MerkleRoot, MerkleTree, ProofError};
pub use crate::core::proof::{DrawProof, EntropyRecord, make_proof};
pub use crate::core::record_proof::SnapshotRef;
pub use crate::core::record_proof::{RecordProof, VerifiedRecord};
pub use crate::core::registry::vocab::{
    CreditClass, EntityKind, EntityStatus, ItemType, OfficerStatus, RegionCode,
};
pub use crate::core::registry::{Entity, Item, Officer, Recusal, Registries, RegistryKind, Stats};
pub use crate::core::sample::PrnKey;
pub use crate::core::uscc::{Uscc, UsccError};
pub use crate::core::verify::{
    Level, Mismatch, VerifiedDraw, verify_audit, verify_light, verify_public,
};
#[cfg(feature = "import")]
pub use crate::io::import::apply::{ApplyError, ImportSummary, import_into};
#[cfg(all(feature = "import", feature = "sqlite"))]
pub use crate::io::import::several::import_entity_files;
#[cfg(feature = "import")]
pub use crate::io::import::{ImportError, ImportOptions, Issue, TextEncoding};
#[cfg(feature = "sqlite")]
pub use crate::store::Workspace;
#[cfg(feature = "postgres")]
pub use crate::store::{Bureau, PgStore};
pub use crate::store::{CommitOutcome, SnapshotInfo, StoreError};
/// The date and time types the API takes (`chrono`), re-exported so that an
/// embedder uses the same version.
pub use chrono;
