//! What a store refuses because it conflicts with what is recorded
//! ([`Conflict`], 与已记录内容冲突): typed, so a program tells the cases apart
//! and the CLI words each in its language. The English `Display` is the
//! library's.

use std::fmt;

/// A conflict with what is recorded (与已记录内容冲突). Nothing was stored.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Conflict {
    /// Another ledger entry was committed while announcements were made on
    /// the head before it: they are checked again on the new head.
    LedgerMoved,
    /// A registry changed while an import ran (`by`: the snapshot committed).
    RegistryMoved {
        /// The registry (`entities`, `officers`, …).
        kind: String,
        /// What was committed in between.
        by: String,
    },
    /// The campaign id was announced before.
    AlreadyAnnounced {
        /// Campaign id.
        id: String,
    },
    /// A reveal for a campaign already drawn or voided.
    DrawnOrVoided {
        /// Campaign id.
        id: String,
    },
    /// The witness's reveal is already recorded.
    RevealRecorded(Box<RecordedReveal>),
    /// The campaign was voided: it cannot be drawn.
    Voided {
        /// Campaign id.
        id: String,
    },
    /// The campaign is already drawn: one draw per announcement.
    AlreadyDrawn {
        /// Campaign id.
        id: String,
    },
    /// The campaign is already voided.
    AlreadyVoided {
        /// Campaign id.
        id: String,
    },
    /// The campaign was voided: nothing can be replaced.
    VoidedNoReplacement {
        /// Campaign id.
        id: String,
    },
    /// A replacement with that number exists.
    ReplacementExists {
        /// Campaign id.
        id: String,
        /// The replacement's number.
        seq: u64,
    },
    /// A replacement is already waiting for its beacon round.
    ReplacementWaiting {
        /// Campaign id.
        id: String,
    },
    /// A result for the target and item is already recorded.
    ResultRecorded {
        /// The target (USCC).
        target: String,
        /// The item.
        item: String,
    },
    /// A correction of a result never recorded.
    NoResultToCorrect {
        /// The target (USCC).
        target: String,
        /// The item.
        item: String,
    },
    /// The campaigns already have a schedule.
    AlreadyScheduled {
        /// The schedule's key (campaign ids joined by `+`).
        key: String,
    },
    /// A campaign of the schedule is already scheduled with others.
    ScheduledElsewhere {
        /// The schedule asked for.
        key: String,
        /// The schedule it is in.
        other: String,
    },
    /// A change of a schedule not made.
    NotScheduled {
        /// The schedule's key.
        key: String,
    },
    /// The schedule changed while this ran (`by`: what was recorded).
    ScheduleMoved {
        /// The schedule's key.
        key: String,
        /// `reveal`, or the reschedule's number.
        by: Option<u64>,
    },
    /// A bureau of that name is already on the platform's database.
    BureauExists {
        /// The bureau.
        bureau: String,
    },
    /// No bureau of that name on the platform's database.
    NoBureau {
        /// The bureau.
        bureau: String,
    },
    /// Anything else: a stored record that does not read, a backup that
    /// does not check, a tampered table, … (worded by the store).
    Other(String),
}

/// A witness's reveal already recorded (已记录的揭示值), as a second reveal
/// finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedReveal {
    /// Campaign id.
    pub id: String,
    /// The witness.
    pub name: String,
    /// When it was recorded.
    pub when: String,
    /// Who recorded it, when the ledger names them.
    pub by: Option<String>,
    /// Whether the secret given now is the recorded one.
    pub same_secret: bool,
}

impl Conflict {
    /// A stable machine code (`--json` `error.conflict`).
    pub fn code(&self) -> &'static str {
        match self {
            Conflict::LedgerMoved => "ledger_moved",
            Conflict::RegistryMoved { .. } => "registry_moved",
            Conflict::AlreadyAnnounced { .. } => "already_announced",
            Conflict::DrawnOrVoided { .. } => "drawn_or_voided",
            Conflict::RevealRecorded(_) => "reveal_recorded",
            Conflict::Voided { .. } => "voided",
            Conflict::AlreadyDrawn { .. } => "already_drawn",
            Conflict::AlreadyVoided { .. } => "already_voided",
            Conflict::VoidedNoReplacement { .. } => "voided_no_replacement",
            Conflict::ReplacementExists { .. } => "replacement_exists",
            Conflict::ReplacementWaiting { .. } => "replacement_waiting",
            Conflict::ResultRecorded { .. } => "result_recorded",
            Conflict::NoResultToCorrect { .. } => "no_result_to_correct",
            Conflict::AlreadyScheduled { .. } => "already_scheduled",
            Conflict::ScheduledElsewhere { .. } => "scheduled_elsewhere",
            Conflict::NotScheduled { .. } => "not_scheduled",
            Conflict::ScheduleMoved { .. } => "schedule_moved",
            Conflict::BureauExists { .. } => "bureau_exists",
            Conflict::NoBureau { .. } => "no_bureau",
            Conflict::Other(_) => "other",
        }
    }
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Conflict::LedgerMoved => f.write_str(
                "the ledger changed while this ran (another entry was committed in between); nothing was announced: run it again",
            ),
            Conflict::RegistryMoved { kind, by } => write!(
                f,
                "the {kind} registry changed while this ran ({by} was committed in between); nothing was stored: run it again"
            ),
            Conflict::AlreadyAnnounced { id } => write!(
                f,
                "campaign {id} is already announced: a new campaign needs a new id"
            ),
            Conflict::DrawnOrVoided { id } => write!(f, "campaign {id} is already drawn or voided"),
            Conflict::RevealRecorded(r) => write!(
                f,
                "the reveal of {} for {} was already recorded at {}{} with {} secret; nothing was changed",
                r.name,
                r.id,
                r.when,
                r.by.as_ref().map(|o| format!(" by {o}")).unwrap_or_default(),
                if r.same_secret { "the same" } else { "a different" }
            ),
            Conflict::Voided { id } => {
                write!(f, "campaign {id} was voided: announce a new campaign")
            }
            Conflict::AlreadyDrawn { id } => write!(
                f,
                "campaign {id} is already drawn: one draw per announcement"
            ),
            Conflict::AlreadyVoided { id } => write!(f, "campaign {id} is already voided"),
            Conflict::VoidedNoReplacement { id } => {
                write!(f, "campaign {id} was voided: nothing can be replaced")
            }
            Conflict::ReplacementExists { id, seq } => {
                write!(f, "replacement {seq} of {id} already exists")
            }
            Conflict::ReplacementWaiting { id } => write!(
                f,
                "a replacement of {id} is already waiting for its beacon round: resolve it first"
            ),
            Conflict::ResultRecorded { target, item } => write!(
                f,
                "a result for {target} item {item} is already recorded: record a correction (更正) instead"
            ),
            Conflict::NoResultToCorrect { target, item } => {
                write!(f, "no result for {target} item {item} to correct")
            }
            Conflict::AlreadyScheduled { key } => write!(
                f,
                "{key} already has a schedule: move single visits with `dualdraw schedule move`"
            ),
            Conflict::ScheduledElsewhere { key, other } => write!(
                f,
                "a campaign of {key} is already scheduled in {other}: every visit has one date (move visits with `dualdraw schedule move {}`)",
                other.replace('+', " ")
            ),
            Conflict::NotScheduled { key } => write!(f, "{key} has no schedule yet"),
            Conflict::ScheduleMoved { key, by } => write!(
                f,
                "the schedule of {key} changed while this ran ({} was recorded in between); nothing was stored: run it again",
                match by {
                    None => "its reveal".to_string(),
                    Some(n) => format!("reschedule {n}"),
                }
            ),
            Conflict::BureauExists { bureau } => {
                write!(f, "bureau {bureau} already exists on this database")
            }
            Conflict::NoBureau { bureau } => {
                write!(f, "no bureau {bureau} on this database (create it first)")
            }
            Conflict::Other(s) => f.write_str(s),
        }
    }
}

impl From<String> for Conflict {
    fn from(s: String) -> Self {
        Conflict::Other(s)
    }
}

impl From<&str> for Conflict {
    fn from(s: &str) -> Self {
        Conflict::Other(s.to_string())
    }
}
