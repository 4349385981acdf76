//! The command-line interface: clap definitions and output. Every command
//! here is a call into the library; the CLI adds parsing and printing only.
//!
//! Exit codes (`docs/CLI.md`): 0 ok, 1 rejected input or failed
//! verification, 2 usage error (bad arguments, no workspace).

mod attest;
mod calendar;
mod campaign;
mod campaign_file;
mod conflict_texts;
mod cosigner;
pub mod demo;
pub mod demo_log;
mod demo_text;
pub mod i18n;
mod import_reasons;
mod import_texts;
mod key;
mod ledger;
mod ledger_log;
mod lookup;
mod messages;
mod office_texts;
mod plan;
mod plan_file;
mod platform;
mod publish;
mod registry;
mod report;
mod report_texts;
mod results;
mod schedule;
mod serve;
mod status;
mod trust;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use i18n::t;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code of success.
pub const EXIT_OK: u8 = 0;
/// Exit code of rejected input or failed verification.
pub const EXIT_REJECTED: u8 = 1;
/// Exit code of a usage error.
pub const EXIT_USAGE: u8 = 2;

/// dualdraw: verifiable 双随机、一公开 draws.
#[derive(Debug, Parser)]
#[command(name = "dualdraw", version, about, long_about = None)]
pub struct Cli {
    /// The workspace folder (default: the current folder).
    #[arg(
        long,
        short = 'w',
        global = true,
        env = "DUALDRAW_WORKSPACE",
        default_value = "."
    )]
    pub workspace: PathBuf,
    /// Print one JSON object (a documented, versioned interface) instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// Who performs the command (recorded in the ledger; default: $USER).
    #[arg(long, global = true, env = "DUALDRAW_OPERATOR")]
    pub operator: Option<String>,
    /// Who approved it, where the bureau requires an approver (recorded in the ledger).
    #[arg(long, global = true, env = "DUALDRAW_APPROVER")]
    pub approver: Option<String>,
    /// The language of messages and help: zh-CN (default) or en; also DUALDRAW_LANG.
    #[arg(long, global = true, value_parser = i18n::parse_lang)]
    pub lang: Option<i18n::Lang>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workspace (a folder with its database).
    Init,
    /// Import a registry file (CSV or .xlsx), replacing that registry.
    Import(registry::ImportArgs),
    /// Registry commands: update, stats, root, snapshots, prove, verify-proof.
    #[command(subcommand)]
    Registry(registry::RegistryCommand),
    /// Write a deterministic synthetic county as four CSV files.
    Generate(registry::GenerateArgs),
    /// Campaigns: announce, reveal, draw.
    #[command(subcommand)]
    Campaign(campaign::CampaignCommand),
    /// Verify a draw proof: audit level in the workspace holding its snapshot, public with --snapshot, light with --light or outside a workspace; exit 1 when the level expected is not reached.
    Verify {
        /// The proof file.
        proof: PathBuf,
        /// A published public snapshot (`registry export --public`): public verification.
        #[arg(long)]
        snapshot: Option<PathBuf>,
        /// Also re-derive the recorded replacements (`PROOF`'s `.replacements.json`; audit level only).
        #[arg(long)]
        replacements: Option<PathBuf>,
        /// Check only what the proof itself shows, even in a workspace.
        #[arg(long)]
        light: bool,
        /// The level that must be reached (light, public, audit); default: audit in a
        /// workspace, public with --snapshot, light otherwise. Exit 1 when it is not.
        #[arg(long, value_parser = parse_level)]
        level: Option<crate::core::verify::Level>,
        /// The bureau's keys (--log-key, --key-list, --key-statement): also check PROOF.sig, and with --inclusion that the ledger logged this proof.
        #[command(flatten)]
        trust: trust::TrustArgs,
        /// The inclusion proof of the draw's ledger entry (`ledger prove-inclusion --campaign ID`); needs --log-key or --key-list.
        #[arg(long)]
        inclusion: Option<PathBuf>,
    },
    /// Witness tools.
    #[command(subcommand)]
    Witness(WitnessCommand),
    /// Results: record, correct, object, import, publish.
    #[command(subcommand)]
    Results(results::ResultsCommand),
    /// Inspection history from before dualdraw.
    #[command(subcommand)]
    History(results::HistoryCommand),
    /// Write a drawn campaign's notice files (list CSV/xlsx/JSON, HTML page, draw record, proof, public snapshot).
    Publish {
        /// Campaign id.
        id: String,
        /// Folder (default: WORKSPACE/published/ID/).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The time recorded in the ledger (default: now), e.g. 2026-03-02T10:00:00+08:00.
        #[arg(long, value_parser = parse_instant)]
        now: Option<chrono::DateTime<chrono::Utc>>,
        /// Write the public snapshot compact (public-snapshot.ddps, COMMITMENTS §9) instead of JSON.
        #[arg(long)]
        compact: bool,
    },
    /// Campaigns: what is drawn, recorded, published; every target with or without a result as published, pending
    /// (期限未到), overdue (逾期) or unknown by its deadline, per department and township.
    Status {
        /// Today's date, YYYY-MM-DD (default: the system date).
        #[arg(long, value_parser = parse_day)]
        today: Option<chrono::NaiveDate>,
        /// Holiday file, assumed years.
        #[command(flatten)]
        calendar: calendar::CalendarArgs,
    },
    /// Working-day calendars: import a year's official holiday schedule, list the years known, show one.
    #[command(subcommand)]
    Calendar(calendar::CalendarCommand),
    /// Annual plans: check a plan before anything is drawn, announce its campaigns.
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    /// The yearly report: entities inspected per credit class and department, repeat visits, officers' loads.
    Report(report::ReportArgs),
    /// Visit dates for drawn teams (working days, leave, a daily limit, townships grouped); `move` one visit; `reveal` afterwards.
    Schedule(schedule::ScheduleArgs),
    /// Write a verified backup of the workspace database to FILE (restore: copy it to WORKSPACE/dualdraw.db).
    Backup {
        /// The backup file (refused if it exists).
        file: PathBuf,
    },
    /// Check the workspace and its files: say what is wrong and the exact command that repairs it (exit 1 when anything is).
    Doctor,
    /// A PostgreSQL platform's bureaus: create, list, grant a database user one bureau.
    #[command(subcommand)]
    Bureau(platform::BureauCommand),
    /// Move this workspace into a new bureau of a PostgreSQL platform (one transaction), verified after the move.
    Migrate {
        /// The platform's database, e.g. postgresql://admin@db.example/dualdraw (or DUALDRAW_PG_URL).
        #[arg(long, env = "DUALDRAW_PG_URL")]
        to: String,
        /// The new bureau's name: 1 to 40 of a-z, 0-9 and _, starting with a letter (e.g. gz_huaxi).
        #[arg(long)]
        bureau: String,
    },
    /// Serve the workspace (or every bureau of a PostgreSQL database) as an HTTP JSON API with accounts and roles.
    Serve(serve::ServeArgs),
    /// A bureau's accounts and tokens: issue, list, rotate, revoke.
    #[command(subcommand)]
    Token(serve::TokenCommand),
    /// The hash-chained ledger: verify it, export it, sign checkpoints, prove inclusion and consistency.
    #[command(subcommand)]
    Ledger(ledger::LedgerCommand),
    /// The signed log's keys (Ed25519 and SM2): make them, show the public keys to publish.
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// Cosigners: make one, follow a log, cosign its checkpoints (refusing forks and rollbacks).
    #[command(subcommand)]
    Cosigner(cosigner::CosignerCommand),
    /// As an auditor: verify a draw proof at the audit level in this workspace and sign an attestation of the verdict.
    Attest {
        /// The proof file.
        proof: PathBuf,
        /// The attestation file (default: PROOF.attest-AUDITOR.txt).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check a fork proof written by a cosigner against the bureau's public keys and say what it establishes.
    VerifyFork {
        /// The fork proof file.
        file: PathBuf,
        /// The bureau's keys: --log-key, --key-list, --key-statement.
        #[command(flatten)]
        trust: trust::TrustArgs,
    },
    /// Check a published file's detached signature (FILE.sig) against the bureau's public keys.
    VerifySignature {
        /// The published file (a notice, list, proof or results file).
        file: PathBuf,
        /// The signature file (default: FILE.sig).
        #[arg(long)]
        signature: Option<PathBuf>,
        /// The bureau's keys: --log-key, --key-list, --key-statement.
        #[command(flatten)]
        trust: trust::TrustArgs,
    },
    /// The main job end to end on a synthetic county in DIR (DIR/county, DIR/workspace).
    Demo {
        /// Folder to create the county and the workspace in.
        dir: PathBuf,
        /// Number of entities.
        #[arg(long, default_value_t = 20_000)]
        entities: u64,
        /// Seed of the synthetic county.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Only write and import the county (no campaign), to try the commands by hand.
        #[arg(long)]
        registries_only: bool,
        /// The workspace's salt key (64 hex digits) instead of a random one, so that a
        /// demo workspace (and every draw in it) can be reproduced exactly. Demos and tests only.
        #[arg(long)]
        salt_key: Option<String>,
    },
}

/// `witness` subcommands.
#[derive(Debug, Subcommand)]
pub enum WitnessCommand {
    /// Make a secret and its commitment (on your own device; give the bureau only the commitment).
    New,
}

fn parse_level(s: &str) -> Result<crate::core::verify::Level, String> {
    use crate::core::verify::Level;
    match s {
        "light" | "轻量" => Ok(Level::Light),
        "public" | "公开" => Ok(Level::Public),
        "audit" | "审计" => Ok(Level::Audit),
        _ => Err(t!("error-level", value = format!("{s:?}"))),
    }
}

/// Parses an instant with a time zone (`--now`), truncated to the second
/// (`docs/SPEC.md` §1).
pub(crate) fn parse_instant(s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    crate::core::instant::parse_instant(s)
        .map_err(|_| t!("error-instant", value = format!("{s:?}")))
}

/// The clock, read once and truncated to the whole second: every instant
/// dualdraw records is whole seconds (`docs/SPEC.md` §1).
pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
    crate::core::instant::whole_seconds(chrono::Utc::now())
}

/// `now` (or the clock) as the canonical instant text a ledger entry records.
pub(crate) fn stamp(now: Option<chrono::DateTime<chrono::Utc>>) -> String {
    crate::core::campaign::instant_text(&now.unwrap_or_else(self::now))
}

/// Today in China (UTC+8, `docs/SPEC.md` §1), whatever the machine's time
/// zone: the default of every `--today`.
pub(crate) fn china_today() -> chrono::NaiveDate {
    crate::core::announcement::china_date(&now())
}

/// Parses a date `YYYY-MM-DD` (`--today`, `--not-on`, …).
pub(crate) fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| t!("error-day", value = format!("{s:?}")))
}

/// A failure, with its exit code.
#[derive(Debug)]
pub struct Failure {
    /// Exit code.
    pub code: u8,
    /// Human-readable message (may span lines).
    pub message: String,
    /// JSON body for `--json`.
    pub json: serde_json::Value,
}

impl Failure {
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        let message = message.into();
        Failure {
            code: EXIT_USAGE,
            json: serde_json::json!({"ok": false, "error": {"kind": "usage", "message": message}}),
            message,
        }
    }
    pub(crate) fn rejected(kind: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Failure {
            code: EXIT_REJECTED,
            json: serde_json::json!({"ok": false, "error": {"kind": kind, "message": message}}),
            message,
        }
    }
}

impl From<crate::store::StoreError> for Failure {
    fn from(e: crate::store::StoreError) -> Self {
        use crate::store::StoreError as E;
        let message = messages::store(&e);
        match e {
            E::NotAWorkspace(_) | E::AlreadyExists(_) | E::NoSnapshot(_) => Failure::usage(message),
            // A record not found: rejected input (docs/CLI.md), not a usage error.
            E::NoCampaign(_) => Failure::rejected("not_found", message),
            E::Conflict(c) => {
                let mut f = Failure::rejected("conflict", message);
                if let Some(o) = f.json.get_mut("error").and_then(|e| e.as_object_mut()) {
                    o.insert("conflict".into(), c.code().into());
                }
                f
            }
            _ => Failure::rejected("store", message),
        }
    }
}

impl Cli {
    /// A spinner on standard error for long work: only on a terminal, never
    /// with `--json`.
    pub(crate) fn progress(&self, message: &str) -> Option<indicatif::ProgressBar> {
        use std::io::IsTerminal;
        if self.json || !std::io::stderr().is_terminal() {
            return None;
        }
        let pb = indicatif::ProgressBar::new_spinner();
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
        pb.set_message(message.to_string());
        Some(pb)
    }

    /// The operator and approver recorded in ledger entries.
    pub fn actor(&self) -> crate::store::Actor {
        crate::store::Actor {
            operator: self
                .operator
                .clone()
                .or_else(|| std::env::var("USER").ok())
                .unwrap_or_else(|| "unknown".into()),
            approver: self.approver.clone().unwrap_or_default(),
        }
    }
}

/// Writes `text` and a final line break to standard output. A closed pipe
/// (`dualdraw … | head`) ends the output quietly instead of panicking.
pub(crate) fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    if !text.ends_with('\n') {
        let _ = out.write_all(b"\n");
    }
    let _ = out.flush();
}

/// Output context.
pub struct Out {
    json: bool,
    progress: std::cell::RefCell<Option<indicatif::ProgressBar>>,
}

impl Out {
    /// Clears the spinner, if any, before anything is printed.
    pub fn clear_progress(&self) {
        if let Some(pb) = self.progress.borrow_mut().take() {
            pb.finish_and_clear();
        }
    }

    /// Prints a success: `text` for people, or `value` (with `"ok": true` and
    /// its `schema`) as JSON.
    pub fn done<T: Serialize>(&self, schema: &str, value: &T, text: &str) -> Result<(), Failure> {
        self.clear_progress();
        if self.json {
            let mut v = serde_json::to_value(value)
                .map_err(|e| Failure::rejected("internal", e.to_string()))?;
            if let Some(o) = v.as_object_mut() {
                o.insert("schema".into(), serde_json::Value::String(schema.into()));
                o.insert("ok".into(), serde_json::Value::Bool(true));
            }
            emit(&serde_json::to_string_pretty(&v).unwrap_or_default());
        } else {
            emit(text);
        }
        Ok(())
    }
}

/// Parses the arguments with `--help` in the language of the run
/// (`--lang`, `DUALDRAW_LANG`, the locale: read before parsing).
fn parse(args: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
    let lang = i18n::detect(args, |k| std::env::var(k).ok());
    i18n::set_lang(lang);
    crate::io::import::messages::set_texts(Box::new(import_texts::Catalogue));
    let mut cmd = i18n::localize_help(Cli::command(), lang);
    let mut m = cmd.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches_mut(&mut m).map_err(|e| e.format(&mut cmd))
}

/// Runs the CLI on the process arguments.
pub fn run() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match parse(&args) {
        Ok(c) => c,
        Err(e) => {
            let json = args.iter().skip(1).any(|a| a == "--json");
            if !e.use_stderr() {
                let _ = e.print(); // --help, --version
                return ExitCode::from(EXIT_OK);
            }
            // A command without its subcommand prints its help (to stderr).
            let help = e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand;
            let text = if help {
                e.render().to_string()
            } else {
                i18n::clap_error(&e)
            };
            if json {
                let message = if help {
                    t!("clap-missing-subcommand-help")
                } else {
                    text.lines().next().unwrap_or_default().to_string()
                };
                let detail = e.render().to_string();
                let j = serde_json::json!({
                    "schema": "dualdraw.error.v1",
                    "ok": false,
                    "error": {"kind": "usage", "message": message, "detail": detail.trim_end()},
                });
                emit(&serde_json::to_string_pretty(&j).unwrap_or_default());
            } else {
                eprintln!("{}", text.trim_end());
            }
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let long = matches!(
        cli.command,
        Command::Demo { .. }
            | Command::Publish { .. }
            | Command::Verify { .. }
            | Command::Campaign(campaign::CampaignCommand::Draw { .. })
            | Command::Campaign(campaign::CampaignCommand::Announce { .. })
            | Command::Ledger(ledger::LedgerCommand::Export { .. })
            | Command::Registry(registry::RegistryCommand::Export { .. })
            | Command::Plan(_)
            | Command::Report(_)
            | Command::Schedule(_)
    );
    let out = Out {
        json: cli.json,
        progress: std::cell::RefCell::new(if long {
            cli.progress(&t!("progress-working"))
        } else {
            None
        }),
    };
    let result = dispatch(&cli, &out);
    out.clear_progress();
    match result {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(f) => {
            if cli.json {
                let mut j = f.json;
                if let Some(o) = j.as_object_mut() {
                    // A failure that is a document of its own (a verdict) keeps its schema.
                    o.entry("schema")
                        .or_insert_with(|| serde_json::Value::String("dualdraw.error.v1".into()));
                }
                emit(&serde_json::to_string_pretty(&j).unwrap_or_default());
            } else {
                eprintln!("{}", f.message.trim_end());
            }
            ExitCode::from(f.code)
        }
    }
}

fn dispatch(cli: &Cli, out: &Out) -> Result<(), Failure> {
    match &cli.command {
        Command::Init => {
            let ws = crate::store::Workspace::init(&cli.workspace)?;
            let db = ws.dir().join(crate::store::DB_FILE);
            out.done(
                "dualdraw.init.v1",
                &serde_json::json!({"workspace": ws.dir(), "database": db}),
                &t!(
                    "init-created",
                    dir = ws.dir().display(),
                    database = db.display()
                ),
            )
        }
        Command::Import(a) => registry::import(cli, out, a, false),
        Command::Registry(c) => registry::dispatch(cli, out, c),
        Command::Generate(a) => registry::generate(out, a),
        Command::Campaign(c) => campaign::dispatch(cli, out, c),
        Command::Verify {
            proof,
            snapshot,
            replacements,
            light,
            level,
            trust,
            inclusion,
        } => {
            if inclusion.is_some() && !trust.given() {
                return Err(Failure::usage(t!("log-keys-needed")));
            }
            if trust.given() {
                let lines = key::verify_logged_proof(proof, trust, inclusion.as_deref())?;
                if !cli.json {
                    out.clear_progress();
                    emit(&lines.join("\n"));
                }
            }
            campaign::verify(
                cli,
                out,
                proof,
                snapshot.as_deref(),
                replacements.as_deref(),
                *light,
                *level,
            )
        }
        Command::Witness(WitnessCommand::New) => campaign::witness_new(out),
        Command::Ledger(c) => ledger::dispatch(cli, out, c),
        Command::Key(c) => key::dispatch(cli, out, c),
        Command::Cosigner(c) => cosigner::dispatch(cli, out, c),
        Command::Attest { proof, out: file } => attest::attest(cli, out, proof, file.as_deref()),
        Command::VerifySignature {
            file,
            signature,
            trust,
        } => trust::verify_signature(out, file, signature.as_deref(), trust),
        Command::VerifyFork { file, trust } => cosigner::verify_fork(out, file, trust),
        Command::Backup { file } => {
            let ws = crate::store::Workspace::open(&cli.workspace)?;
            let b = ws.backup_to(file).map_err(|e| match e {
                crate::store::StoreError::AlreadyExists(f) => {
                    Failure::usage(t!("backup-exists", file = f.display()))
                }
                e => Failure::from(e),
            })?;
            out.done(
                "dualdraw.backup.v1",
                &serde_json::json!(b),
                &t!(
                    "backup-written",
                    file = b.file.display(),
                    bytes = b.bytes,
                    entries = b.entries,
                    head = b.head,
                    snapshots = b.snapshots,
                    database = crate::store::DB_FILE
                ),
            )
        }
        Command::Migrate { to, bureau } => platform::migrate(cli, out, to, bureau),
        Command::Bureau(c) => platform::bureau(out, c),
        Command::Serve(a) => serve::serve(cli, a),
        Command::Token(c) => serve::token(cli, out, c),
        Command::Doctor => {
            let ws = crate::store::Workspace::open(&cli.workspace)?;
            let findings = ws.doctor()?;
            if findings.is_empty() {
                return out.done(
                    "dualdraw.doctor.v1",
                    &serde_json::json!({"ok": true, "findings": []}),
                    &t!("doctor-nothing-wrong"),
                );
            }
            let mut text = t!("doctor-problems", count = findings.len());
            for f in &findings {
                text.push('\n');
                text.push_str(&t!("doctor-finding", code = f.code, message = f.message));
                if let Some(r) = &f.repair {
                    text.push('\n');
                    text.push_str(&t!("doctor-repair", command = r));
                }
            }
            Err(Failure {
                code: EXIT_REJECTED,
                json: serde_json::json!({"ok": false, "findings": findings,
                    "error": {"kind": "problems_found", "message": t!("doctor-problems-short", count = findings.len())}}),
                message: text,
            })
        }
        Command::Plan(c) => plan::dispatch(cli, out, c),
        Command::Report(a) => report::run(cli, out, a),
        Command::Schedule(a) => schedule::run(cli, out, a),
        Command::Results(c) => results::dispatch(cli, out, c),
        Command::History(c) => results::history(cli, out, c),
        Command::Publish {
            id,
            out: dir,
            now,
            compact,
        } => publish::publish(cli, out, id, dir.as_deref(), *now, *compact),
        Command::Status { today, calendar } => {
            status::status(cli, out, today.unwrap_or_else(china_today), calendar)
        }
        Command::Calendar(c) => calendar::dispatch(cli, out, c),
        Command::Demo {
            dir,
            entities,
            seed,
            registries_only,
            salt_key,
        } => {
            demo_text::demo(
                out,
                dir,
                *entities,
                *seed,
                *registries_only,
                salt_key.as_deref(),
            )?;
            if !cli.json {
                emit(&demo::files_note(dir));
            }
            Ok(())
        }
    }
}
