//! `campaign template ID`: a campaign file to edit, with a comment on every
//! key in the user's language, dated from today's China date (UTC+8): the
//! draw date today (or `--draw-date`) and a six-week inspection period
//! starting a week later, so that it can be announced today as it is.
//! Its example selection is the report's joint campaign (`dualdraw demo`),
//! which a county made by `dualdraw generate` can staff.

use crate::cli::i18n::t;
use crate::cli::{Failure, Out};
use crate::core::announcement::china_date;
use crate::core::campaign::Campaign;
use chrono::{Days, NaiveDate};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Days from the draw date to the first day of the period.
const PERIOD_STARTS_AFTER_DAYS: u64 = 7;
/// Days of the period (six weeks).
const PERIOD_DAYS: u64 = 42;

/// A TOML basic string holding `s`.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Every comment line of `text`, `# ` first.
fn comment(text: &str) -> String {
    text.lines().map(|l| format!("# {l}\n")).collect()
}

/// The template's text, and its period's first and last days: campaign
/// `id`, drawn on `draw_date`, with these witnesses (name, commitment);
/// without witnesses, one to fill in.
pub(crate) fn template_text(
    id: &str,
    draw_date: NaiveDate,
    witnesses: &[(String, String)],
) -> Result<(String, NaiveDate, NaiveDate), Failure> {
    let days = |d: NaiveDate, n: u64| {
        d.checked_add_days(Days::new(n))
            .ok_or_else(|| Failure::usage(t!("template-date-out-of-range", date = d)))
    };
    let start = days(draw_date, PERIOD_STARTS_AFTER_DAYS)?;
    let end = days(start, PERIOD_DAYS - 1)?;
    let mut s = comment(&t!("template-head", id = id));
    s.push('\n');
    s.push_str(&comment(&t!("template-id")));
    let _ = writeln!(s, "id = {}", quoted(id));
    s.push_str(&comment(&t!("template-title")));
    let _ = writeln!(
        s,
        "title = {}",
        quoted(&t!("template-title-value", id = id))
    );
    s.push_str(&comment(&t!("template-lead")));
    s.push_str("lead_department = \"县教育局\"\n");
    s.push_str(&comment(&t!("template-draw-date")));
    let _ = writeln!(s, "draw_date = \"{draw_date}\"");
    s.push_str(&comment(&t!("template-items")));
    s.push_str("items = [\"JY-002\", \"WL-001\", \"JT-003\", \"GA-004\"]\n\n");
    s.push_str(&comment(&t!("template-targets")));
    s.push_str(
        "[targets]\ncategories = [\"民办学校\", \"旅游市场\", \"客运站\", \"爆破作业单位\"]\nregions = [\"520123\"]\n",
    );
    s.push_str(&comment(&t!("template-exclude")));
    s.push_str("exclude_inspected_within_days = 365\n\n");
    s.push_str(&comment(&t!("template-strata")));
    for (class, ratio, min) in [
        ("A", "3%", 0),
        ("B", "5%", 0),
        ("C", "10%", 0),
        ("D", "30%", 1),
    ] {
        let _ = writeln!(
            s,
            "[[targets.strata]]\ncredit_class = \"{class}\"\nratio = \"{ratio}\"{}",
            if min > 0 {
                format!("\nmin = {min}")
            } else {
                String::new()
            }
        );
    }
    s.push('\n');
    s.push_str(&comment(&t!("template-teams")));
    s.push_str("[teams]\nmin_size = 2\nper_department = 1\nmax_targets_per_officer = 10\nofficer_region = \"same\"\n\n");
    s.push_str(&comment(&t!("template-period")));
    let _ = writeln!(s, "[period]\nstart = \"{start}\"\nend = \"{end}\"\n");
    s.push_str(&comment(&t!("template-entropy")));
    s.push_str("[entropy]\nwitnesses = [\n");
    if witnesses.is_empty() {
        s.push_str(&comment(&t!("template-no-witness")));
        let _ = writeln!(
            s,
            "    {{ name = \"义务监督员甲\", commitment = {} }},",
            quoted(&t!("template-commitment-placeholder"))
        );
    }
    for (name, commitment) in witnesses {
        let _ = writeln!(
            s,
            "    {{ name = {}, commitment = {} }},",
            quoted(name),
            quoted(commitment)
        );
    }
    s.push_str("]\n");
    Ok((s, start, end))
}

/// `campaign template ID [--out FILE] [--witness NAME=COMMITMENT]… [--draw-date DATE]`.
pub(super) fn template(
    out: &Out,
    id: &str,
    path: &Option<PathBuf>,
    witnesses: &[(String, String)],
    draw_date: &Option<NaiveDate>,
) -> Result<(), Failure> {
    let draw_date = draw_date.unwrap_or_else(|| china_date(&crate::cli::now()));
    let (text, start, end) = template_text(id, draw_date, witnesses)?;
    // With its witnesses, the template is a campaign as it is: check it.
    let campaign =
        if witnesses.is_empty() {
            None
        } else {
            Some(Campaign::from_toml(&text).map_err(|e| {
                Failure::rejected("rejected", t!("template-invalid", id = id, why = e))
            })?)
        };
    let file = path
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.toml", id.replace(['/', '\\'], "_"))));
    write_new(&file, text.as_bytes())?;
    let mut msg = t!(
        "template-written",
        file = file.display(),
        id = id,
        draw_date = draw_date,
        start = start,
        end = end
    );
    if witnesses.is_empty() {
        msg.push('\n');
        msg.push_str(&t!("template-add-witnesses"));
    }
    out.done(
        "dualdraw.campaign-template.v1",
        &serde_json::json!({"file": file, "id": id, "draw_date": draw_date.to_string(),
            "period": {"start": start.to_string(), "end": end.to_string()},
            "witnesses": witnesses.iter().map(|w| &w.0).collect::<Vec<_>>(),
            "complete": campaign.is_some()}),
        &msg,
    )
}

/// Writes `bytes` to a new file `file`: an existing file is never replaced
/// (it may be an edited campaign, or a form with results typed in).
pub(crate) fn write_new(file: &Path, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write as _;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                Failure::usage(t!("template-exists", file = file.display()))
            }
            _ => Failure::rejected("io", crate::cli::messages::file_error(file, &e)),
        })?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| Failure::rejected("io", crate::cli::messages::file_error(file, &e)))
}

/// Parses `--witness NAME=COMMITMENT`.
pub(super) fn parse_witness(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .filter(|(n, v)| !n.is_empty() && !v.is_empty())
        .ok_or_else(|| t!("template-not-name-commitment", value = format!("{s:?}")))
}
