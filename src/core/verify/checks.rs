//! The checks of a verification, by id (`docs/SPEC.md` §9): which level runs
//! each, and who can run the ones a level cannot.

use super::Level;
use serde::Serialize;

/// One check of §9 (核验项), in the spec's table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// The file is JSON within the limits of §10.
    Json,
    /// The format tag.
    Format,
    /// The campaign's rules and hash.
    Campaign,
    /// Instants, snapshot digest, history lists and the announcement hash.
    Announcement,
    /// Witness reveals (义务监督员揭示).
    Witnesses,
    /// The beacon (随机信标).
    Beacon,
    /// The coordination group (样本协调).
    Coordination,
    /// The seed and the PRN seed.
    Seed,
    /// Items and officers carried whole.
    Registries,
    /// Merkle paths of targets and blocked pairs.
    Inclusion,
    /// Every target's PRN.
    Prn,
    /// Targets: order, own pool rules, items, departments.
    Targets,
    /// Allocation arithmetic per stratum.
    Strata,
    /// Disclosed recusal pairs open their leaves.
    BlockedPairs,
    /// The officer assignment re-run.
    Teams,
    /// The public snapshot's form and digest.
    PublicSnapshot,
    /// The pool from public fields.
    Pool,
    /// Some class assignment yields exactly these targets (§9.1).
    CrossStratum,
    /// Each stratum's size from the confidential classes.
    StratumMembership,
    /// Each stratum's selection and threshold.
    Selection,
    /// The blocked pairs are exactly the recusals; class exclusions.
    Recusals,
    /// The whole draw re-run equals the proof.
    Rerun,
}

/// Who can run a check a level could not (`who` in §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Who {
    /// Anyone with the published public snapshot.
    Public,
    /// The bureau's workspace, or an auditor given it.
    Auditor,
    /// An enterprise with the openings of its own class and stratum threshold.
    Enterprise,
}

impl Check {
    /// Every check, in table order.
    pub const ALL: [Check; 22] = [
        Check::Json,
        Check::Format,
        Check::Campaign,
        Check::Announcement,
        Check::Witnesses,
        Check::Beacon,
        Check::Coordination,
        Check::Seed,
        Check::Registries,
        Check::Inclusion,
        Check::Prn,
        Check::Targets,
        Check::Strata,
        Check::BlockedPairs,
        Check::Teams,
        Check::PublicSnapshot,
        Check::Pool,
        Check::CrossStratum,
        Check::StratumMembership,
        Check::Selection,
        Check::Recusals,
        Check::Rerun,
    ];

    /// The id written in verdicts.
    pub fn id(self) -> &'static str {
        match self {
            Check::Json => "json",
            Check::Format => "format",
            Check::Campaign => "campaign",
            Check::Announcement => "announcement",
            Check::Witnesses => "witnesses",
            Check::Beacon => "beacon",
            Check::Coordination => "coordination",
            Check::Seed => "seed",
            Check::Registries => "registries",
            Check::Inclusion => "inclusion",
            Check::Prn => "prn",
            Check::Targets => "targets",
            Check::Strata => "strata",
            Check::BlockedPairs => "blocked_pairs",
            Check::Teams => "teams",
            Check::PublicSnapshot => "public_snapshot",
            Check::Pool => "pool",
            Check::CrossStratum => "cross_stratum",
            Check::StratumMembership => "stratum_membership",
            Check::Selection => "selection",
            Check::Recusals => "recusals",
            Check::Rerun => "rerun",
        }
    }

    /// The lowest level that runs it.
    pub fn level(self) -> Level {
        match self {
            Check::PublicSnapshot | Check::Pool | Check::CrossStratum => Level::Public,
            Check::StratumMembership | Check::Selection | Check::Recusals | Check::Rerun => {
                Level::Audit
            }
            _ => Level::Light,
        }
    }

    /// The checks a passed verification at `level` established (never `json`).
    pub fn established_at(level: Level) -> Vec<Check> {
        Check::ALL
            .into_iter()
            .filter(|c| *c != Check::Json && c.level() <= level)
            .collect()
    }

    /// The checks `level` cannot run, each with who can and why.
    pub fn not_checked_at(level: Level) -> Vec<(Check, Vec<Who>, &'static str)> {
        Check::ALL
            .into_iter()
            .filter(|c| c.level() > level)
            .map(|c| (c, c.who(), c.why_not()))
            .collect()
    }

    fn who(self) -> Vec<Who> {
        match self.level() {
            Level::Public => vec![Who::Public],
            _ if self == Check::Selection => vec![Who::Auditor, Who::Enterprise],
            _ => vec![Who::Auditor],
        }
    }

    fn why_not(self) -> &'static str {
        match self {
            Check::PublicSnapshot | Check::Pool => {
                "the pool is recomputed from the published public snapshot (pass --snapshot)"
            }
            Check::CrossStratum => {
                "whether the targets fit the stratum sizes needs every pool entity's PRN, from the public snapshot"
            }
            Check::StratumMembership => {
                "credit classes are confidential: only the workspace holds them and their salts"
            }
            Check::Selection => {
                "which entities are in a stratum is confidential; an enterprise given the openings of its class and its stratum's threshold can check its own case"
            }
            Check::Recusals => {
                "recusal pairs not among drawn targets and the class exclusions are confidential"
            }
            Check::Rerun => "re-running the whole draw needs the workspace's registries and salts",
            _ => "",
        }
    }
}
