//! The campaign commands' library errors and check results as the CLI shows
//! them: each variant worded from the catalogue (`locales/*/campaign.ftl`)
//! with its typed fields. The library keeps its English `Display` for
//! embedders; what it explains in depth (a malformed campaign, a sample or
//! assignment failure, a wrong reveal or beacon) is shown as it words it.

use crate::cli::i18n::t;
use crate::core::announcement::DrawError;
use crate::core::campaign_checks::{CheckError, CheckWarning, Checked, RiskEstimate, percent};
use crate::store::{AnnounceError, DrawCampaignError, ReplaceFlowError, RevealError};

/// The risk estimate's line (one message).
pub(super) fn risk_line(r: &RiskEstimate) -> String {
    let share = percent(r.infeasible, r.draws);
    let limit = percent(r.max_risk.p(), r.max_risk.q());
    if r.draws < r.requested {
        t!(
            "check-risk-line-partial",
            infeasible = r.infeasible,
            draws = r.draws,
            share = share,
            limit = limit,
            requested = r.requested
        )
    } else {
        t!(
            "check-risk-line",
            infeasible = r.infeasible,
            draws = r.draws,
            share = share,
            limit = limit
        )
    }
}

/// The notice's line of what the checks found.
pub(crate) fn checks_line(c: &Checked) -> String {
    match &c.risk {
        Some(r) => t!(
            "announce-checked-risk",
            targets = c.targets,
            risk = risk_line(r)
        ),
        None => t!("announce-checked", targets = c.targets),
    }
}

/// The warnings of the checks, each one line.
pub(crate) fn warnings(c: &Checked) -> Vec<String> {
    if c.warning_kinds.len() != c.warnings.len() {
        // Made by another version of the checks: their own words.
        return c
            .warnings
            .iter()
            .map(|w| t!("announce-warning", warning = w))
            .collect();
    }
    c.warning_kinds
        .iter()
        .map(|w| {
            let text = match (w, &c.risk) {
                (CheckWarning::LeadOnNoTeam { lead, categories }, _) => t!(
                    "check-warning-lead-on-no-team",
                    lead = format!("{lead:?}"),
                    categories = categories.join(", ")
                ),
                (CheckWarning::SomeDrawsInfeasible, Some(r)) => {
                    t!("check-warning-some-infeasible", risk = risk_line(r))
                }
                (CheckWarning::SomeDrawsInfeasible, None) => String::new(),
            };
            t!("announce-warning", warning = text)
        })
        .collect()
}

/// Why a campaign failed the checks before the announcement.
pub(super) fn check_error(e: &CheckError) -> String {
    use CheckError as E;
    match e {
        E::PastDrawDate { draw_date, today } => {
            t!("check-past-draw-date", draw_date = draw_date, today = today)
        }
        E::LeadWithoutItems { lead, departments } => t!(
            "check-lead-without-items",
            lead = format!("{lead:?}"),
            departments = departments.join(", ")
        ),
        E::EmptyPool {
            categories,
            regions,
            excluded_by_class,
        } => {
            let regions = if regions.is_empty() {
                t!("check-all-regions")
            } else {
                regions.join(", ")
            };
            let categories = categories.join(", ");
            if *excluded_by_class > 0 {
                t!(
                    "check-empty-pool-excluded",
                    categories = categories,
                    regions = regions,
                    excluded = excluded_by_class
                )
            } else {
                t!(
                    "check-empty-pool",
                    categories = categories,
                    regions = regions
                )
            }
        }
        E::NothingDrawn { pool } => t!("check-nothing-drawn", pool = pool),
        E::Infeasible(c) => {
            let mut lines = vec![t!("check-certain")];
            for s in &c.strata {
                lines.push(t!(
                    "check-certain-stratum",
                    drawn = s.drawn,
                    pool = s.pool,
                    class = s.credit_class.token(),
                    staffable = s.staffable
                ));
                for u in &s.examples {
                    lines.push(t!(
                        "check-certain-example",
                        why = super::unstaffable::unstaffable(u)
                    ));
                }
            }
            for k in &c.capacity {
                lines.push(t!(
                    "check-certain-capacity",
                    targets = k.targets,
                    places = k.min_places,
                    department = k.department,
                    eligible = k.eligible,
                    capacity = k.capacity,
                    total = k.eligible.saturating_mul(k.capacity),
                    officers = k.department_officers,
                    not_active = k.not_active,
                    expired = k.certificate_expired,
                    other = k.other_rules
                ));
            }
            lines.push(t!("check-certain-advice"));
            lines.join("\n")
        }
        E::Risk(r) => {
            let mut lines = vec![if r.by_department.is_empty() {
                t!("check-risk", risk = risk_line(r))
            } else {
                let d: Vec<String> = r
                    .by_department
                    .iter()
                    .map(|(k, v)| t!("check-risk-department", department = k, count = v))
                    .collect();
                t!(
                    "check-risk-departments",
                    risk = risk_line(r),
                    departments = d.join(", ")
                )
            }];
            if let Some((i, e)) = &r.example {
                lines.push(t!(
                    "check-risk-example",
                    index = i,
                    why = super::unstaffable::infeasible(e)
                ));
            }
            lines.push(t!("check-risk-advice"));
            lines.join("\n")
        }
        E::Draw(d) => draw_error(d),
    }
}

/// Why a campaign cannot be announced or drawn.
pub(super) fn draw_error(e: &DrawError) -> String {
    use DrawError as E;
    match e {
        E::MissingReveals(names) => t!("draw-missing-reveals", names = names.join(", ")),
        E::LateReveal { name, at, deadline } => {
            t!(
                "draw-late-reveal",
                name = name,
                at = at,
                deadline = deadline
            )
        }
        E::UnknownWitness(name) => t!("draw-unknown-witness", name = format!("{name:?}")),
        E::BeaconMissing { scheme, round } => {
            t!("draw-beacon-missing", scheme = scheme, round = round)
        }
        E::BeaconNotFuture {
            round_time,
            announced_at,
        } => t!(
            "draw-beacon-not-future",
            round_time = round_time,
            announced_at = announced_at
        ),
        E::BeaconAfterDrawDate {
            round_time,
            date,
            draw_date,
        } => t!(
            "draw-beacon-after-draw-date",
            round_time = round_time,
            date = date,
            draw_date = draw_date
        ),
        E::Infeasible(i) => super::unstaffable::infeasible(i),
        E::Entropy(crate::core::entropy::EntropyError::RevealMismatch {
            name,
            expected,
            got,
        }) => t!(
            "draw-reveal-mismatch",
            name = name,
            expected = expected,
            got = got
        ),
        E::Entropy(crate::core::entropy::EntropyError::ShortSecret { name, len }) => {
            t!("draw-short-secret", name = name, len = len)
        }
        _ => e.to_string(),
    }
}

/// Why campaigns are not announced (the store's own checks).
pub(super) fn announce_error(e: &AnnounceError) -> String {
    match e {
        AnnounceError::NoSnapshot => t!("announce-no-snapshot"),
        AnnounceError::Campaign { id, source } => {
            t!("campaign-named", id = id, message = draw_error(source))
        }
        _ => e.to_string(),
    }
}

/// Why a reveal is refused.
pub(super) fn reveal_error(e: &RevealError) -> String {
    match e {
        RevealError::NotAWitness { id, name } => {
            t!("reveal-not-a-witness", name = format!("{name:?}"), id = id)
        }
        RevealError::BeforeAnnouncement { at, announced } => {
            t!("reveal-before-announcement", at = at, announced = announced)
        }
        RevealError::PastDeadline { deadline, at } => {
            t!("reveal-past-deadline", deadline = deadline, at = at)
        }
        _ => e.to_string(),
    }
}

/// Why a campaign is not drawn.
pub(super) fn draw_campaign_error(e: &DrawCampaignError) -> String {
    match e {
        DrawCampaignError::AlreadyDrawn(id) => t!("draw-already-drawn", id = id),
        DrawCampaignError::Reveal(r) => reveal_error(r),
        DrawCampaignError::Draw(d) => draw_error(d),
        DrawCampaignError::Store(_) => e.to_string(),
    }
}

/// Why a replacement is not made.
pub(super) fn replace_error(e: &ReplaceFlowError) -> String {
    use ReplaceFlowError as E;
    match e {
        E::Voided(id) => t!("replace-voided", id = id),
        E::NotDrawn(id) => t!("proof-not-drawn", id = id),
        E::RoundNotFuture(round) => t!("replace-round-not-future", round = round),
        E::NoPending(id) => t!("replace-no-pending", id = id),
        E::BeaconNotAfterRequest => t!("replace-beacon-not-after-request"),
        _ => e.to_string(),
    }
}
