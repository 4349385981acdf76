//! The pure core (纯核心): the draw from registries to a verified proof, in the
//! order it happens. Everything here takes values and returns values; storage,
//! files, network and terminal live outside (`store`, `io`, `cli`).
//!
//! 1. [`registry`] — the item list and the two directories (一单两库) as values,
//!    with [`uscc`] (统一社会信用代码) and [`calendar`] (working days).
//! 2. [`commitment`] — canonical leaves ([`canonical`]), salted commitments,
//!    RFC 6962 trees ([`merkle`]), snapshot roots ([`snapshot`]) and record
//!    inclusion proofs ([`record_proof`]).
//! 3. [`campaign`] — what a campaign draws (抽查任务), parsed from TOML.
//! 4. [`announcement`] — the campaign fixed before any randomness exists (公告),
//!    with the history rules' inputs from earlier visits ([`history`]).
//! 5. [`entropy`] — witnesses' commit–reveal (义务监督员) and public beacons.
//! 6. [`sample`] — the target draw per stratum (抽取检查对象).
//! 7. [`assign`] — the officer assignment (选派执法检查人员) under recusal and team rules.
//! 8. [`draw`] — the seed and the whole draw: sample, then assign; before the
//!    announcement, [`campaign_checks`] — what can be known before anyone
//!    reveals (a past draw date, an empty pool, certain infeasibility, the
//!    risk of an infeasible draw from simulated draws).
//! 9. [`proof`] — the draw record (抽查记录) anyone can re-check.
//! 10. [`verify`] — verification at the light, public and audit levels.
//! 11. [`replace`] and [`results`] — after the draw: replacements (替换) and
//!     inspection results (检查结果).

pub mod announcement;
pub mod assign;
pub mod calendar;
pub mod campaign;
pub mod campaign_checks;
pub mod canonical;
pub mod commitment;
pub mod draw;
pub mod entropy;
pub mod history;
pub mod instant;
pub mod json_limits;
pub mod log;
pub mod merkle;
pub mod proof;
pub mod record_proof;
pub mod registry;
pub mod replace;
pub mod results;
pub mod sample;
pub mod snapshot;
pub mod uscc;
pub mod verify;
