//! # dualdraw
//!
//! Verifiable 双随机、一公开 ("double random, one public") market supervision:
//! keep the spot-check item list and the two directories (一单两库), commit to
//! them with Merkle roots, and draw targets and officers so that anyone can
//! re-check the draw (`docs/SPEC.md`).
//!
//! The library is the product; the `dualdraw` binary is a thin CLI over it.
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
//! Everything a verifier recomputes is fixed by `docs/COMMITMENTS.md` and never
//! depends on row order, file encoding, hash-map order, floating point or the
//! clock: the canonical encoding ([`canonical`]), leaf encodings and salted
//! commitments ([`commitment`]), RFC 6962 trees ([`merkle`]) and the snapshot
//! digest. Value-stability tests pin each of them; a change to any is a new
//! format version, never a silent change.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod assign;
pub mod calendar;
pub mod campaign;
pub mod canonical;
pub mod cli;
pub mod commitment;
pub mod demo;
pub mod draw;
pub mod draw_proof;
pub mod entropy;
#[doc(hidden)]
pub mod fuzzing;
pub mod generate;
pub mod import;
pub mod ledger;
pub mod merkle;
pub mod plan;
pub mod proof;
pub mod publish;
pub mod registry;
pub mod replace;
pub mod report;
pub mod results;
pub mod sample;
pub mod schedule;
pub mod snapshot;
pub mod store;
pub mod uscc;

pub use campaign::{Campaign, CampaignError};
pub use commitment::{PublicEntity, PublicRecusal, SaltKey, SnapshotRoots};
pub use draw::{Announcement, DrawError, DrawOutcome, announce, derive_seed, draw};
pub use draw_proof::{DrawProof, Mismatch, VerifiedDraw, make_proof, verify_audit, verify_light};
pub use import::apply::{ApplyError, ImportSummary, import_into};
pub use import::{ImportError, ImportOptions, Issue, TextEncoding};
pub use merkle::{Hash, InclusionProof, MerkleRoot, MerkleTree, ProofError};
pub use proof::{RecordProof, VerifiedRecord};
pub use registry::vocab::{
    CreditClass, EntityKind, EntityStatus, ItemType, OfficerStatus, RegionCode,
};
pub use registry::{Entity, Item, Officer, Recusal, Registries, RegistryKind, Stats};
pub use store::{CommitOutcome, SnapshotInfo, StoreError, Workspace};
pub use uscc::{Uscc, UsccError};
