//! `dualdraw demo DIR`: the year's main job end to end on a synthetic county:
//! write the four registry files an outside system would export, import them,
//! announce the report's joint campaign, let two witnesses commit and reveal,
//! draw, verify, publish, and record sample results. Fixed dates inside the
//! shipped calendar years; nothing depends on the real date.

use super::i18n::t;
use crate::core::campaign::Campaign;
use crate::core::campaign_checks::{CheckOptions, Checked};
use crate::core::entropy::Reveal;
use crate::core::merkle::Hash;
use crate::core::registry::RegistryKind;
use crate::io::generate::{CountySpec, FILES, write_county};
use crate::io::import::ImportOptions;
use crate::io::import::apply::{ApplyError, ImportSummary, import_into};
use crate::store::{Actor, SnapshotInfo, StoreError, Workspace};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Why the demo failed.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// Generating the county failed.
    #[error(transparent)]
    Generate(#[from] crate::io::generate::GenerateError),
    /// The workspace failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An import failed.
    #[error("importing {file}: {source}")]
    Import {
        /// File.
        file: PathBuf,
        /// Error.
        source: ApplyError,
    },
    /// A step of the ceremony failed.
    #[error("{step}: {message}")]
    Step {
        /// Which step.
        step: &'static str,
        /// What went wrong.
        message: String,
    },
}

fn step<E: std::fmt::Display>(step: &'static str) -> impl Fn(E) -> DemoError {
    move |e| DemoError::Step {
        step,
        message: e.to_string(),
    }
}

/// What the demo did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DemoReport {
    /// Folder of the generated CSV files.
    pub county_dir: PathBuf,
    /// The workspace.
    pub workspace: PathBuf,
    /// One summary per import.
    pub imports: Vec<ImportSummary>,
    /// The snapshot the campaign was drawn on.
    pub snapshot: Option<SnapshotInfo>,
    /// The campaign id.
    pub campaign: String,
    /// The announcement hash (published before the draw).
    pub announcement_hash: Hash,
    /// The seed.
    pub seed: Hash,
    /// Pool and drawn per stratum.
    pub strata: Vec<(String, u64, u64)>,
    /// The list: target, name, items, team (names with certificate numbers).
    pub list: Vec<crate::io::publish::ListRow>,
    /// The proof file.
    pub proof: PathBuf,
    /// Verification level reached.
    pub verified: crate::core::verify::Level,
    /// Where the notice files are.
    pub published: PathBuf,
    /// Where the visit dates' calendar files are.
    pub schedule: PathBuf,
    /// Working days with visits.
    pub visit_days: usize,
    /// Sample results recorded.
    pub results: usize,
    /// The ledger's head.
    pub ledger_head: Hash,
    /// The campaign file (the same campaign, to edit).
    pub campaign_file: PathBuf,
    /// The year's plan holding it (`dualdraw plan check`).
    pub plan_file: PathBuf,
    /// The commands of the whole job, as a script to edit and run again.
    pub commands: PathBuf,
    /// What the announcement's checks found.
    pub checks: Option<Checked>,
    /// The signed log: checkpoints, cosignatures, attestation (`docs/LOG.md`).
    pub log: Option<super::demo_log::LogDemo>,
}

/// The demo's fixed "today" (inside the calendar years the project ships), so
/// that its output never depends on the real date.
pub fn demo_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default()
}

fn instant(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_default()
}

/// The demo witnesses' secrets: fixed by the seed, so the demo is repeatable.
/// (Real witnesses make theirs with `dualdraw witness new`.)
fn demo_secret(name: &str, seed: u64) -> String {
    Hash::digest(format!("dualdraw-demo-witness/{name}/{seed}").as_bytes()).to_hex()
}

/// The report's joint campaign: five departments, four target categories,
/// credit-class ratios.
pub fn demo_campaign(seed: u64) -> String {
    format!(
        r#"id = "2026-JOINT-01"
title = "2026年部门联合双随机抽查（第一批）"
lead_department = "县市场监管局"
draw_date = "2026-03-02"
items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"]
[targets]
categories = ["民办学校", "旅游市场", "客运站", "爆破作业单位"]
regions = ["520123"]
exclude_inspected_within_days = 365
[[targets.strata]]
credit_class = "A"
ratio = "3%"
[[targets.strata]]
credit_class = "B"
ratio = "5%"
[[targets.strata]]
credit_class = "C"
ratio = "10%"
[[targets.strata]]
credit_class = "D"
ratio = "30%"
min = 1
[teams]
min_size = 2
per_department = 1
max_targets_per_officer = 10
officer_region = "same"
[period]
start = "2026-03-09"
end = "2026-04-17"
[entropy]
witnesses = [{{ name = "义务监督员甲", commitment = "{}" }}, {{ name = "义务监督员乙", commitment = "{}" }}]
"#,
        crate::core::entropy::witness_commitment(&demo_secret("义务监督员甲", seed)),
        crate::core::entropy::witness_commitment(&demo_secret("义务监督员乙", seed))
    )
}

/// The demo's year plan (`docs/PLAN.md`): its one campaign, the demo's.
pub fn demo_plan(seed: u64) -> String {
    let mut t = comment(&t!("demo-plan-head"));
    t.push_str("\nplan = \"演示县2026年度双随机抽查计划\"\nyear = 2026\n\n[[campaign]]\n");
    for line in demo_campaign(seed).lines() {
        if let Some(rest) = line.strip_prefix("[[") {
            t.push_str("[[campaign.");
            t.push_str(rest);
        } else if let Some(rest) = line.strip_prefix('[') {
            t.push_str("[campaign.");
            t.push_str(rest);
        } else {
            t.push_str(line);
        }
        t.push('\n');
    }
    t
}

/// The instants of the demo's steps (China time), in the order they happen.
const PLAN_AT: &str = "2026-03-01T08:30:00+08:00";
const ANNOUNCE_AT: &str = "2026-03-01T09:00:00+08:00";
const REVEALS: [(&str, &str); 2] = [
    ("义务监督员甲", "2026-03-02T09:00:00+08:00"),
    ("义务监督员乙", "2026-03-02T09:05:00+08:00"),
];
const DRAW_AT: &str = "2026-03-02T09:30:00+08:00";
const PUBLISH_AT: &str = "2026-03-02T10:00:00+08:00";
const SCHEDULE_AT: &str = "2026-03-02T11:00:00+08:00";

/// `dualdraw results record` of one sample result (a line of the script).
fn result_command(r: &crate::core::results::InspectionResult, recorded: &str) -> String {
    format!(
        "\"$DD\" -w \"$WS\" results record \"$ID\" --target {} --item {} --result {} --date {}{} --now {recorded}\n",
        r.target,
        r.item,
        r.result,
        r.inspected_on,
        if r.officers.is_empty() {
            String::new()
        } else {
            format!(" --officers {}", r.officers.join(","))
        }
    )
}

/// The commands of the demo's job (`DIR/commands.sh`): the same steps, files
/// and instants as the demo, in a new workspace, so that a newcomer can edit
/// `campaign.toml` or `plan.toml` and run it again. `results` are the
/// sample results the demo recorded (as comments: another workspace draws
/// other targets) and when.
pub fn commands_script(
    spec: &CountySpec,
    id: &str,
    results: &[crate::core::results::InspectionResult],
    recorded: &str,
) -> String {
    let mut t = format!(
        r#"#!/bin/sh
{head}
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DD=${{DUALDRAW:-dualdraw}}
WS=${{WS:-"$HERE/rerun"}}
ID={id}
if [ -e "$WS" ]; then
    echo "$WS {exists}" >&2
    exit 1
fi

{step1}
[ -f "$HERE/county/entities.csv" ] || "$DD" generate --out "$HERE/county" --seed {seed} --entities {entities} --region {region}

{step2}
"$DD" -w "$WS" init
"$DD" -w "$WS" key new --name {origin}
"$DD" -w "$WS" key new --auditor --name {auditor}
"#,
        origin = super::demo_log::DEMO_ORIGIN,
        auditor = super::demo_log::DEMO_AUDITOR,
        head = comment(&t!("demo-script-head")),
        exists = t!("demo-script-exists"),
        step1 = comment(&t!("demo-script-county")),
        step2 = comment(&t!("demo-script-workspace", today = demo_today())),
        seed = spec.seed,
        entities = spec.entities,
        region = spec.region,
    );
    for (kind, f) in RegistryKind::ALL.into_iter().zip(FILES) {
        t.push_str(&format!(
            "\"$DD\" -w \"$WS\" import {} \"$HERE/county/{f}\" --today {}\n",
            kind.token(),
            demo_today()
        ));
    }
    t.push_str(&format!(
        r#"
{step3}
"$DD" -w "$WS" plan check "$HERE/plan.toml" --now {PLAN_AT}

{step4}
"$DD" -w "$WS" campaign announce "$HERE/campaign.toml" --now {ANNOUNCE_AT}

{step5}
"#,
        step3 = comment(&t!("demo-script-plan")),
        step4 = comment(&t!("demo-script-announce")),
        step5 = comment(&t!("demo-script-reveal")),
    ));
    for (name, at) in REVEALS {
        t.push_str(&format!(
            "\"$DD\" -w \"$WS\" campaign reveal \"$ID\" \"{name}={}\" --now {at}\n",
            demo_secret(name, spec.seed)
        ));
    }
    t.push_str(&format!(
        r#"
{step6}
"$DD" -w "$WS" campaign draw "$ID" --now {DRAW_AT}

{step7}
"$DD" -w "$WS" verify "$WS/proofs/$ID.json"

{step8}
"$DD" -w "$WS" publish "$ID" --now {PUBLISH_AT}

{step9}
"$DD" -w "$WS" schedule "$ID" --now {SCHEDULE_AT}

{step10}
"#,
        step6 = comment(&t!("demo-script-draw")),
        step7 = comment(&t!("demo-script-verify")),
        step8 = comment(&t!("demo-script-publish")),
        step9 = comment(&t!("demo-script-schedule")),
        step10 = comment(&t!("demo-script-results")),
    ));
    if results.is_empty() {
        t.push_str("# \"$DD\" -w \"$WS\" results record \"$ID\" --target USCC --item CODE --result 未发现问题 --date 2026-03-10\n");
    }
    for r in results {
        t.push_str("# ");
        t.push_str(&result_command(r, recorded));
    }
    t.push('\n');
    t.push_str(&comment(&t!("demo-script-status")));
    t.push_str(
        r#"
"$DD" -w "$WS" status --today 2026-03-20
"$DD" -w "$WS" ledger verify
"#,
    );
    t.push('\n');
    t.push_str(&comment(&t!("demo-script-log")));
    t.push_str(&format!(
        r#"
C="$WS-log"
mkdir -p "$C"
"$DD" -w "$WS" key show --vkeys > "$C/bureau-keys.txt"
"$DD" -w "$WS" ledger prove-consistency --from 0 --out "$C/request.txt"
: > "$C/cosigners.txt"
for N in {c1} {c2}; do
    F="$C/$(echo "$N" | tr / _).state"
    "$DD" cosigner new --name "$N" --out "$F"
    "$DD" cosigner show --state "$F" >> "$C/cosigners.txt"
    "$DD" cosigner follow --state "$F" --log-key "$C/bureau-keys.txt"
    "$DD" cosigner cosign --state "$F" "$C/request.txt" --out "$F.cosigned.txt"
    "$DD" -w "$WS" ledger add-cosignatures "$F.cosigned.txt" --cosigner-key "$C/cosigners.txt"
done
"$DD" -w "$WS" ledger prove-inclusion --campaign "$ID" --out "$C/inclusion.txt"
"$DD" ledger verify-proof "$C/inclusion.txt" --log-key "$C/bureau-keys.txt" --cosigner-key "$C/cosigners.txt"
"$DD" -w "$WS" attest "$WS/published/$ID/proof.json"
"#,
        c1 = super::demo_log::DEMO_COSIGNERS[0],
        c2 = super::demo_log::DEMO_COSIGNERS[1],
    ));
    t
}

/// `text` as shell comment lines (`# …`), without a final newline.
fn comment(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                "#".to_string()
            } else {
                format!("# {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The lines `dualdraw demo DIR` adds after its report: the files a
/// newcomer edits and the script that runs the job again (one message).
pub fn files_note(dir: &Path) -> String {
    crate::cli::i18n::t!(
        "demo-files-note",
        campaign = dir.join("campaign.toml").display(),
        plan = dir.join("plan.toml").display(),
        commands = dir.join("commands.sh").display()
    )
}

/// Writes `text` to `dir/name` whole or not at all.
fn write_file(dir: &Path, name: &str, text: &str) -> Result<PathBuf, DemoError> {
    let p = dir.join(name);
    crate::durable::write_atomic(&p, text.as_bytes()).map_err(|e| DemoError::Step {
        step: "files",
        message: format!("{}: {e}", p.display()),
    })?;
    Ok(p)
}

/// Runs the demo in `dir`: `dir/county/*.csv`, the workspace `dir/workspace`,
/// a joint campaign announced, revealed by two witnesses, drawn, verified,
/// published (`dir/workspace/published/ID/`), with sample results.
///
/// # Errors
/// [`DemoError`]; `dir/workspace` must not already hold a workspace.
pub fn run(dir: &Path, spec: &CountySpec) -> Result<DemoReport, DemoError> {
    run_with(dir, spec, true)
}

/// As [`run`]; with `campaign = false` only the county is written and
/// imported (a starting point for trying the commands by hand).
///
/// # Errors
/// [`DemoError`].
pub fn run_with(dir: &Path, spec: &CountySpec, campaign: bool) -> Result<DemoReport, DemoError> {
    run_with_key(dir, spec, campaign, None)
}

/// As [`run_with`], with a given salt key (a reproducible demo workspace).
///
/// # Errors
/// [`DemoError`].
pub fn run_with_key(
    dir: &Path,
    spec: &CountySpec,
    campaign: bool,
    key: Option<crate::core::commitment::SaltKey>,
) -> Result<DemoReport, DemoError> {
    let county_dir = dir.join("county");
    let ws_dir = dir.join("workspace");
    write_county(spec, &county_dir)?;
    let mut ws = match key {
        Some(k) => Workspace::init_with_key(&ws_dir, k)?,
        None => Workspace::init(&ws_dir)?,
    };
    let opts = ImportOptions {
        today: Some(demo_today()),
        ..ImportOptions::default()
    };
    let mut imports = Vec::new();
    for (kind, f) in RegistryKind::ALL.into_iter().zip(FILES) {
        let file = county_dir.join(f);
        let s = import_into(&mut ws, kind, &file, &opts, &|_| {}).map_err(|source| {
            DemoError::Import {
                file: file.clone(),
                source,
            }
        })?;
        imports.push(s);
    }
    let actor = Actor {
        operator: "演示操作员".into(),
        approver: "演示审核人".into(),
    };
    let snap = ws.current_snapshot()?.ok_or_else(|| DemoError::Step {
        step: "snapshot",
        message: "none".into(),
    })?;
    let campaign_file = write_file(dir, "campaign.toml", &demo_campaign(spec.seed))?;
    let plan_file = write_file(dir, "plan.toml", &demo_plan(spec.seed))?;
    let id = Campaign::from_toml(&demo_campaign(spec.seed))
        .map_err(step("campaign"))?
        .id;
    let commands_path = dir.join("commands.sh");
    if !campaign {
        write_file(dir, "commands.sh", &commands_script(spec, &id, &[], ""))?;
        return Ok(DemoReport {
            county_dir,
            workspace: ws_dir,
            imports,
            snapshot: Some(snap),
            campaign: String::new(),
            announcement_hash: Hash([0; 32]),
            seed: Hash([0; 32]),
            strata: Vec::new(),
            list: Vec::new(),
            proof: PathBuf::new(),
            verified: crate::core::verify::Level::Light,
            published: PathBuf::new(),
            schedule: PathBuf::new(),
            visit_days: 0,
            results: 0,
            ledger_head: Hash([0; 32]),
            campaign_file,
            plan_file,
            commands: commands_path,
            checks: None,
            log: None,
        });
    }
    // The bureau's signing keys, made with the workspace: every announcement
    // and draw is followed by a signed checkpoint (`docs/LOG.md`).
    let log_keys = super::demo_log::make_keys(&ws_dir).map_err(step("log"))?;
    let reg = ws.load(&snap)?;
    // The plan, checked before anything is drawn.
    let plan = crate::plan::Plan::from_toml(&demo_plan(spec.seed)).map_err(step("plan"))?;
    let calendar = crate::core::calendar::Calendar::shipped();
    let plan_check =
        crate::plan::check(&ws, &plan, &calendar, instant(PLAN_AT)).map_err(step("plan"))?;
    if !plan_check.ok() {
        return Err(step("plan")(format!(
            "{} rule(s) cannot be met",
            plan_check.problems
        )));
    }
    let campaign = Campaign::from_toml(&demo_campaign(spec.seed)).map_err(step("campaign"))?;
    // Announced as `campaign announce` does: checked first.
    let (recorded, checked) = crate::cli::campaign::announce_checked(
        &mut ws,
        vec![campaign],
        instant(ANNOUNCE_AT),
        &actor,
        &CheckOptions::default(),
        std::time::Duration::from_secs(60),
    )
    .map_err(step("announce"))?;
    let (a, _) = recorded
        .into_iter()
        .next()
        .ok_or_else(|| step("announce")("nothing announced"))?;
    let mut checkpoints = vec![super::demo_log::checkpoint(&ws, &log_keys).map_err(step("log"))?];
    for (name, at) in REVEALS {
        let r = Reveal {
            name: name.into(),
            secret: demo_secret(name, spec.seed),
            revealed_at: instant(at),
        };
        ws.store_reveal(&id, &r, &actor)?;
    }
    // A fixed schedule secret, so that a demo workspace is reproducible.
    let schedule_secret = demo_secret("schedule", spec.seed);
    let proof = crate::store::draw_campaign(
        &mut ws,
        &id,
        &crate::store::DrawInputs::default(),
        instant(DRAW_AT),
        &actor,
        Some(&schedule_secret),
    )
    .map_err(|e| match e {
        crate::store::DrawCampaignError::Store(s) => DemoError::Store(s),
        e => step("draw")(e),
    })?;
    let seed = proof.seed;
    checkpoints.push(super::demo_log::checkpoint(&ws, &log_keys).map_err(step("log"))?);
    let proof_path = ws_dir.join("proofs").join(format!("{id}.json"));
    std::fs::create_dir_all(ws_dir.join("proofs")).map_err(step("proof"))?;
    crate::durable::write_atomic(&proof_path, ws.draw_proof_text(&id)?.as_bytes())
        .map_err(step("proof"))?;
    let stored: crate::core::proof::DrawProof =
        serde_json::from_str(&std::fs::read_to_string(&proof_path).map_err(step("verify"))?)
            .map_err(step("verify"))?;
    let verified = crate::core::verify::verify_audit(&stored, &reg, ws.salt_key())
        .map_err(step("verify"))?
        .level();
    let published = ws_dir.join("published").join(&id);
    let (list, _) = crate::io::publish::publish_campaign(
        &mut ws,
        &id,
        &published,
        &crate::core::campaign::instant_text(&instant(PUBLISH_AT)),
        &actor,
        crate::core::snapshot::SnapshotFormat::Json,
    )
    .map_err(step("publish"))?;
    // Visit dates inside the campaign's period, from the draw's schedule secret.
    let made = ws
        .make_schedule(
            std::slice::from_ref(&id),
            &calendar,
            crate::schedule::DEFAULT_MAX_VISITS_PER_OFFICER_PER_DAY,
            Default::default(),
            &crate::core::campaign::instant_text(&instant(SCHEDULE_AT)),
            &actor,
        )
        .map_err(step("schedule"))?;
    let schedule_dir = ws_dir.join("schedules").join(&id);
    crate::io::schedule_files::write_files(
        &schedule_dir,
        &made.schedule,
        &made.inputs.labels,
        instant(SCHEDULE_AT),
    )
    .map_err(|(p, e)| step("schedule")(format!("{}: {e}", p.display())))?;
    // Sample results: the first three targets, inspected on their visit dates.
    let mut results = Vec::new();
    for (k, (t, row)) in proof.targets.iter().zip(&list).take(3).enumerate() {
        let r = crate::core::results::InspectionResult {
            campaign: id.clone(),
            target: t.entity.uscc.clone(),
            item: t.items.first().cloned().unwrap_or_default(),
            result: ["未发现问题", "发现问题经责令已改正", "未发现问题"][k].into(),
            inspected_on: made.schedule.date_of(&t.entity.uscc).unwrap_or_else(|| {
                NaiveDate::from_ymd_opt(2026, 3, 10 + k as u32).unwrap_or_default()
            }),
            officers: row.team.iter().map(|m| m.1.clone()).collect(),
            note: String::new(),
        };
        crate::core::results::check(&r, &proof, &[], &|_| t.items.clone(), &calendar)
            .map_err(step("results"))?;
        results.push(r);
    }
    // Recorded the working day after the last of those visits, in the afternoon.
    let last = results
        .iter()
        .map(|r| r.inspected_on)
        .max()
        .unwrap_or_else(demo_today);
    let recorded = calendar
        .add_working_days(last, 1)
        .map_err(step("results"))?;
    let recorded_at = format!("{recorded}T08:00:00Z");
    ws.store_results(
        &results,
        crate::store::ResultMode::New,
        &recorded_at,
        &actor,
    )?;
    write_file(
        dir,
        "commands.sh",
        &commands_script(spec, &id, &results, &recorded_at),
    )?;
    let log = super::demo_log::finish(
        dir,
        &ws,
        &log_keys,
        &checkpoints,
        &published,
        &id,
        instant(PUBLISH_AT),
    )
    .map_err(step("log"))?;
    Ok(DemoReport {
        county_dir,
        workspace: ws_dir,
        imports,
        snapshot: Some(snap),
        campaign: id,
        announcement_hash: a.hash,
        seed,
        strata: proof
            .strata
            .iter()
            .map(|s| (s.credit_class.token().to_string(), s.pool, s.drawn))
            .collect(),
        list,
        proof: proof_path,
        verified,
        published,
        schedule: schedule_dir,
        visit_days: made.schedule.by_day().len(),
        results: results.len(),
        ledger_head: ws.ledger_head()?,
        campaign_file,
        plan_file,
        commands: commands_path,
        checks: checked.into_iter().next(),
        log: Some(log),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_imports_every_registry_into_a_fresh_workspace() {
        let d = tempfile::tempdir().unwrap();
        let r = run(
            d.path(),
            &CountySpec {
                entities: 3000,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(r.imports.len(), 4);
        let snap = r.snapshot.unwrap();
        assert_eq!(snap.id, 4);
        assert_eq!(snap.roots.entities.size, 3000);
        assert_eq!(r.verified, crate::core::verify::Level::Audit);
        assert!(!r.list.is_empty());
        assert!(r.list.iter().all(|row| row.team.len() >= 2));
        assert!(r.published.join("index.html").is_file());
        assert_eq!(r.results, 3);
        let ws = Workspace::open(&r.workspace).unwrap();
        assert_eq!(
            crate::ledger::verify_chain(&ws.ledger().unwrap()).unwrap(),
            r.ledger_head
        );
        // Running it again in the same folder refuses to overwrite the workspace.
        assert!(matches!(
            run(d.path(), &CountySpec::default()),
            Err(DemoError::Store(StoreError::AlreadyExists(_)))
        ));
    }
}
