//! A store's [`Conflict`] (与已记录内容冲突) worded from the catalogue
//! (`locales/*/conflicts.ftl`); [`Conflict::Other`] as the store words it.

use super::i18n::t;
use crate::store::Conflict;

/// What conflicts with what is recorded, in the CLI's language.
pub(crate) fn conflict(c: &Conflict) -> String {
    match c {
        Conflict::LedgerMoved => t!("conflict-ledger-moved"),
        Conflict::RegistryMoved { kind, by } => {
            t!(
                "conflict-registry-moved",
                kind = kind.as_str(),
                by = by.as_str()
            )
        }
        Conflict::AlreadyAnnounced { id } => t!("conflict-already-announced", id = id.as_str()),
        Conflict::DrawnOrVoided { id } => t!("conflict-drawn-or-voided", id = id.as_str()),
        Conflict::RevealRecorded(r) => {
            let (id, name, when, same_secret) = (&r.id, &r.name, &r.when, r.same_secret);
            let by =
                r.by.as_ref()
                    .map(|o| t!("conflict-by", by = o.as_str()))
                    .unwrap_or_default();
            if same_secret {
                t!(
                    "conflict-reveal-recorded-same",
                    id = id.as_str(),
                    name = name.as_str(),
                    when = when.as_str(),
                    by = by
                )
            } else {
                t!(
                    "conflict-reveal-recorded-different",
                    id = id.as_str(),
                    name = name.as_str(),
                    when = when.as_str(),
                    by = by
                )
            }
        }
        Conflict::Voided { id } => t!("conflict-voided", id = id.as_str()),
        Conflict::AlreadyDrawn { id } => t!("conflict-already-drawn", id = id.as_str()),
        Conflict::AlreadyVoided { id } => t!("conflict-already-voided", id = id.as_str()),
        Conflict::BureauExists { bureau } => {
            t!("conflict-bureau-exists", bureau = bureau.as_str())
        }
        Conflict::NoBureau { bureau } => t!("conflict-no-bureau", bureau = bureau.as_str()),
        Conflict::VoidedNoReplacement { id } => {
            t!("conflict-voided-no-replacement", id = id.as_str())
        }
        Conflict::ReplacementExists { id, seq } => {
            t!("conflict-replacement-exists", id = id.as_str(), seq = *seq)
        }
        Conflict::ReplacementWaiting { id } => {
            t!("conflict-replacement-waiting", id = id.as_str())
        }
        Conflict::ResultRecorded { target, item } => t!(
            "conflict-result-recorded",
            target = target.as_str(),
            item = item.as_str()
        ),
        Conflict::NoResultToCorrect { target, item } => t!(
            "conflict-no-result-to-correct",
            target = target.as_str(),
            item = item.as_str()
        ),
        Conflict::AlreadyScheduled { key } => t!("conflict-already-scheduled", key = key.as_str()),
        Conflict::ScheduledElsewhere { key, other } => t!(
            "conflict-scheduled-elsewhere",
            key = key.as_str(),
            other = other.as_str(),
            ids = other.replace('+', " ")
        ),
        Conflict::NotScheduled { key } => t!("conflict-not-scheduled", key = key.as_str()),
        Conflict::ScheduleMoved { key, by } => match by {
            None => t!("conflict-schedule-moved-reveal", key = key.as_str()),
            Some(n) => t!("conflict-schedule-moved", key = key.as_str(), seq = *n),
        },
        other => other.to_string(),
    }
}
