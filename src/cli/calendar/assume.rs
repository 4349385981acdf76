//! `calendar assume-weekends --for CAMPAIGN.toml`: every year a campaign's
//! dates need — from its draw date to [`DEADLINE_MARGIN_DAYS`] after its
//! period's end, where the results of its last visits fall due — whose
//! official holiday schedule is neither shipped nor imported is recorded as
//! counted on weekends only (as `--assume-weekends YEAR` records it); a year
//! with an official schedule is left as it is. The same command works on
//! any day, whichever years are published.

use super::msg_assumed_now;
use crate::cli::i18n::t;
use crate::cli::messages::file_error;
use crate::cli::{Cli, Failure, Out};
use crate::core::campaign::{Campaign, instant_text};
use crate::store::Workspace;
use chrono::{DateTime, Datelike, Days, Utc};
use std::fmt::Write as _;
use std::path::Path;

/// Days after the period's end (or the draw date) still counted: results are
/// due 20 working days after a visit, four weeks and the longest run of days
/// off (Spring Festival, National Day) included.
pub const DEADLINE_MARGIN_DAYS: u64 = 60;

/// Runs `calendar assume-weekends --for FILE`.
pub(crate) fn assume_for(
    cli: &Cli,
    out: &Out,
    file: &Path,
    now: Option<DateTime<Utc>>,
) -> Result<(), Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::rejected("unreadable", file_error(file, &e)))?;
    let c = Campaign::from_toml(&text)
        .map_err(|e| Failure::rejected("rejected", format!("{}: {e}", file.display())))?;
    let last = c.period.map_or(c.draw_date, |p| p.end);
    let last = last
        .checked_add_days(Days::new(DEADLINE_MARGIN_DAYS))
        .unwrap_or(last);
    let mut ws = Workspace::open(&cli.workspace)?;
    let mut cal = ws.calendar()?;
    let at = instant_text(&now.unwrap_or_else(crate::cli::now));
    let mut assumed_now = Vec::new();
    let mut rows = Vec::new();
    let mut t = t!(
        "calendar-assume-for-heading",
        file = file.display(),
        from = c.draw_date.year(),
        to = last.year()
    );
    for year in c.draw_date.year()..=last.year() {
        let state = if let Some(y) = cal.year(year) {
            let _ = write!(
                t,
                "\n{}",
                t!(
                    "calendar-assume-for-official",
                    year = year,
                    source = y.source
                )
            );
            "official"
        } else if cal.is_assumed(year) {
            let _ = write!(t, "\n{}", t!("calendar-assume-for-already", year = year));
            "assumed"
        } else {
            if ws.assume_weekends(year, &at, &cli.actor())? {
                assumed_now.push(year);
                let _ = write!(t, "\n{}", msg_assumed_now(year));
            }
            cal.assume_weekends(year);
            "assumed_now"
        };
        rows.push(serde_json::json!({"year": year, "state": state}));
    }
    out.done(
        "dualdraw.calendar-assume.v1",
        &serde_json::json!({"campaign": c.id, "years": rows, "assumed_now": assumed_now}),
        &t,
    )
}
