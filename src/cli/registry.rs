//! `import`, `registry …` and `generate`.

use super::i18n::t;
use super::messages;
use super::{Cli, EXIT_REJECTED, Failure, Out, parse_day};
use crate::io::import::apply::{ApplyError, import_into};

/// The stages an import reports (`import_into`'s progress calls).
const IMPORT_STAGES: u64 = 7;
use crate::core::merkle::Hash;
use crate::core::record_proof::{RecordProof, SnapshotRef};
use crate::core::registry::RegistryKind;
use crate::io::import::{ImportError, ImportOptions, Issue, TextEncoding};
use crate::store::{CommitOutcome, SnapshotInfo, Workspace, prove_record, snapshot_or_current};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;

/// A registry, as named on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    /// 随机抽查事项清单.
    Items,
    /// 检查对象名录库.
    Entities,
    /// 执法检查人员名录库.
    Officers,
    /// 回避.
    Recusals,
}

impl From<KindArg> for RegistryKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Items => RegistryKind::Items,
            KindArg::Entities => RegistryKind::Entities,
            KindArg::Officers => RegistryKind::Officers,
            KindArg::Recusals => RegistryKind::Recusals,
        }
    }
}

/// Arguments of `import` and `registry update`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Which registry.
    pub kind: KindArg,
    /// The CSV or .xlsx file.
    pub file: PathBuf,
    /// More files of entities, imported with the first as one registry (a province's counties).
    #[arg(value_name = "MORE")]
    pub more: Vec<PathBuf>,
    /// Replace only this department's items or officers.
    #[arg(long)]
    pub department: Option<String>,
    /// Text encoding of a CSV file: utf-8, gbk/gb18030 or utf-16 (default: detect).
    #[arg(long, value_parser = parse_encoding)]
    pub encoding: Option<TextEncoding>,
    /// Accept this USCC although its check character fails (a listed legacy code); repeatable.
    #[arg(long = "accept-legacy-uscc", value_name = "USCC")]
    pub accept_legacy: Vec<String>,
    /// A file listing legacy USCCs to accept, one per line.
    #[arg(long = "accept-legacy-list", value_name = "FILE")]
    pub accept_legacy_list: Option<PathBuf>,
    /// Today's date (YYYY-MM-DD), for certificate-expiry warnings (default: the system date).
    #[arg(long, value_parser = parse_day)]
    pub today: Option<NaiveDate>,
    /// Let a file with a header and no data rows empty the registry (or the department's part).
    #[arg(long)]
    pub allow_empty: bool,
    /// The sheet of an .xlsx workbook to read (default: the only sheet holding data).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

fn parse_encoding(s: &str) -> Result<TextEncoding, String> {
    TextEncoding::parse(s).ok_or_else(|| t!("registry-unknown-encoding", value = format!("{s:?}")))
}

fn parse_hash(s: &str) -> Result<Hash, String> {
    Hash::from_hex(s).map_err(|e| e.to_string())
}

/// `registry` subcommands.
#[derive(Debug, Subcommand)]
pub enum RegistryCommand {
    /// Apply a delta: rows added or replaced by key; rows whose `action` (操作) is 删除/remove are removed.
    Update(ImportArgs),
    /// Counts per registry, kind, category, credit class and department.
    Stats {
        /// Snapshot id (default: the current one).
        #[arg(long)]
        snapshot: Option<u64>,
    },
    /// The snapshot id and digest, and each registry's Merkle root.
    Root {
        /// Snapshot id (default: the current one).
        #[arg(long)]
        snapshot: Option<u64>,
    },
    /// Every snapshot, oldest first.
    Snapshots,
    /// Print an inclusion proof (JSON) of one entity (USCC), officer (certificate number) or item (code).
    Prove {
        /// USCC, certificate number or item code.
        key: String,
        /// Which registry (default: entities for a USCC, else officers, then items).
        #[arg(long)]
        kind: Option<KindArg>,
        /// Snapshot id (default: the current one).
        #[arg(long)]
        snapshot: Option<u64>,
        /// Include the opening of the entity's credit class (give it only to that entity).
        #[arg(long)]
        open: bool,
    },
    /// Write the public snapshot (public fields and commitments) that a public verification needs.
    Export {
        /// Write the public snapshot (the only export so far).
        #[arg(long)]
        public: bool,
        /// Output file.
        file: PathBuf,
        /// Compact (COMMITMENTS §9: blocks of columns, about 60 bytes an entity) instead of JSON.
        #[arg(long)]
        compact: bool,
        /// Snapshot id (default: the current one).
        #[arg(long)]
        snapshot: Option<u64>,
    },
    /// Look an entity up in a compact public snapshot (was it in the snapshot?), reading one block, with its
    /// inclusion proof or the two adjacent entities that show it absent.
    LookUp {
        /// The compact public snapshot (`publish --compact`, `registry export --public --compact`).
        file: PathBuf,
        /// The entity's USCC.
        uscc: String,
        /// The snapshot digest it must be (from the published announcement).
        #[arg(long, value_parser = parse_hash)]
        snapshot_digest: Option<Hash>,
        /// A draw's proof (proof.json) on this snapshot: also say whether the entity was in the draw's pool by its
        /// public rules and whether it was drawn.
        #[arg(long)]
        proof: Option<PathBuf>,
    },
    /// Verify an inclusion proof made by `registry prove`.
    VerifyProof {
        /// The proof file (`-` for standard input).
        file: PathBuf,
        /// The snapshot digest the proof must be about (from a published notice).
        #[arg(long, value_parser = parse_hash)]
        snapshot_digest: Option<Hash>,
    },
}

/// Arguments of `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of entities.
    #[arg(long, default_value_t = 10_000)]
    pub entities: u64,
    /// The county's region code.
    #[arg(long, default_value = "520123")]
    pub region: String,
    /// Add this many malformed entity rows.
    #[arg(long, default_value_t = 0)]
    pub malformed: usize,
    /// Output folder.
    #[arg(long)]
    pub out: PathBuf,
    /// Write Excel workbooks (.xlsx) instead of CSV files, with one officers' workbook per department.
    #[arg(long)]
    pub xlsx: bool,
}

fn issues_text(title: &str, issues: &[Issue]) -> String {
    let mut s = String::new();
    if !issues.is_empty() {
        let _ = writeln!(
            s,
            "{}",
            t!("registry-issues-title", title = title, count = issues.len())
        );
        for i in issues {
            let _ = writeln!(s, "{i}");
        }
    }
    s
}

fn snapshot_text(s: &SnapshotInfo) -> String {
    let mut t = t!("registry-snapshot-digest", id = s.id, digest = s.digest);
    t.push('\n');
    for k in RegistryKind::ALL {
        let r = s.roots.get(k);
        let _ = writeln!(
            t,
            "{}",
            t!(
                "registry-snapshot-root",
                kind = format!("{:<9}", k.token()),
                size = format!("{:>9}", r.size),
                root = r.hash
            )
        );
    }
    t
}

pub(super) fn import(cli: &Cli, out: &Out, a: &ImportArgs, delta: bool) -> Result<(), Failure> {
    let kind: RegistryKind = a.kind.into();
    if a.department.is_some() && !matches!(kind, RegistryKind::Items | RegistryKind::Officers) {
        return Err(Failure::usage(t!(
            "registry-department-not-applicable",
            kind = kind
        )));
    }
    let workbook = a
        .file
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"));
    if !a.more.is_empty() && (kind != RegistryKind::Entities || delta || a.department.is_some()) {
        return Err(Failure::usage(t!("registry-several-files")));
    }
    if a.sheet.is_some() && !workbook {
        return Err(Failure::usage(crate::io::import::sheet_with_csv_message()));
    }
    let mut ws = Workspace::open(&cli.workspace)?;
    let mut legacy: BTreeSet<String> = a
        .accept_legacy
        .iter()
        .map(|c| c.trim().to_ascii_uppercase())
        .collect();
    if let Some(list) = &a.accept_legacy_list {
        let text = std::fs::read_to_string(list)
            .map_err(|e| Failure::rejected("unreadable", messages::file_error(list, &e)))?;
        legacy.extend(
            text.lines()
                .map(|l| l.trim().to_ascii_uppercase())
                .filter(|l| !l.is_empty()),
        );
    }
    let opts = ImportOptions {
        encoding: a.encoding,
        accept_legacy: legacy,
        department: a.department.clone(),
        today: Some(a.today.unwrap_or_else(crate::cli::china_today)),
        delta,
        allow_empty: a.allow_empty,
        sheet: a.sheet.clone(),
    };
    let big = std::fs::metadata(&a.file)
        .map(|m| m.len() > 2 << 20)
        .unwrap_or(false);
    // A bar over the import's stages (reading, loading, validating, merging,
    // checking recusals, committing, committed), on a terminal only.
    let bar = (!cli.json && big && std::io::stderr().is_terminal()).then(|| {
        let pb = indicatif::ProgressBar::new(IMPORT_STAGES);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} [{bar:30}] {pos}/{len} {msg} ({elapsed})",
        ) {
            pb.set_style(style.progress_chars("=> "));
        }
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
        pb
    });
    let timing = std::env::var_os("DUALDRAW_TIMING").is_some();
    let started = std::time::Instant::now();
    let progress = |stage: crate::io::import::apply::Stage| {
        let stage = super::import_reasons::stage(stage);
        if timing {
            eprintln!("[{:>8.3}s] {stage}", started.elapsed().as_secs_f64());
        }
        if let Some(pb) = &bar {
            pb.inc(1);
            pb.set_message(format!("{}: {stage}", a.file.display()));
        }
    };
    let result = if a.more.is_empty() {
        import_into(&mut ws, a.kind.into(), &a.file, &opts, &progress)
    } else {
        let mut files = vec![a.file.clone()];
        files.extend(a.more.iter().cloned());
        crate::io::import::several::import_entity_files(&mut ws, &files, &opts, &progress)
    };
    if let Some(pb) = &bar {
        pb.finish_and_clear();
    }
    match result {
        Ok(s) => {
            let mut text = issues_text("warnings", &s.warnings);
            match &s.outcome {
                CommitOutcome::NewSnapshot { snapshot } => {
                    let _ = writeln!(
                        text,
                        "{}",
                        t!(
                            "registry-imported",
                            delta = if delta { "yes" } else { "no" },
                            rows = s.rows,
                            removed = s.removed,
                            kind = messages::registry(s.kind),
                            total = s.total,
                            snapshot = snapshot.id,
                            root = snapshot.roots.get(s.kind).hash
                        )
                    );
                }
                CommitOutcome::Unchanged { snapshot } => {
                    let line = match snapshot {
                        Some(c) => t!(
                            "registry-unchanged-current",
                            rows = s.rows,
                            kind = messages::registry(s.kind),
                            snapshot = c.id
                        ),
                        None => t!(
                            "registry-unchanged",
                            rows = s.rows,
                            kind = messages::registry(s.kind)
                        ),
                    };
                    let _ = writeln!(text, "{line}");
                }
            }
            out.done(
                if delta {
                    "dualdraw.update.v1"
                } else {
                    "dualdraw.import.v1"
                },
                &s,
                &text,
            )
        }
        Err(ApplyError::Import(ImportError::Rejected { problems, warnings })) => {
            let mut message = issues_text("problems", &problems);
            message.push_str(&issues_text("warnings", &warnings));
            let headline = t!("registry-rejected", count = problems.len());
            message.push_str(&headline);
            Err(Failure {
                code: EXIT_REJECTED,
                json: serde_json::json!({"ok": false, "error": {"kind": "rejected", "message": headline}, "problems": problems, "warnings": warnings}),
                message,
            })
        }
        Err(ApplyError::Import(e)) => Err(super::import_reasons::import_failure(&e)),
        Err(ApplyError::Store(e)) => Err(e.into()),
    }
}

fn pick_snapshot(ws: &Workspace, id: Option<u64>) -> Result<SnapshotInfo, Failure> {
    snapshot_or_current(ws, id)?.ok_or_else(|| Failure::usage(t!("registry-no-snapshot")))
}

pub(super) fn dispatch(cli: &Cli, out: &Out, c: &RegistryCommand) -> Result<(), Failure> {
    match c {
        RegistryCommand::Update(a) => import(cli, out, a, true),
        RegistryCommand::Stats { snapshot } => {
            let ws = Workspace::open(&cli.workspace)?;
            let snap = pick_snapshot(&ws, *snapshot)?;
            // The entities counted as they stream by.
            let mut stats = ws
                .load_kinds(
                    &snap,
                    &[
                        RegistryKind::Items,
                        RegistryKind::Officers,
                        RegistryKind::Recusals,
                    ],
                )?
                .stats();
            crate::store::Store::for_each_entity(&ws, &snap, &mut |e| {
                stats.add_entity(e);
                Ok(())
            })?;
            let mut t = t!("registry-stats-snapshot", id = snap.id);
            t.push('\n');
            for k in RegistryKind::ALL {
                let _ = writeln!(
                    t,
                    "  {:<9} {}",
                    k.token(),
                    stats.counts.get(&k).copied().unwrap_or(0)
                );
            }
            for (title, m) in [
                ("entities-by-kind", &stats.entities_by_kind),
                ("entities-by-category", &stats.entities_by_category),
                ("entities-by-credit-class", &stats.entities_by_credit_class),
                ("entities-by-status", &stats.entities_by_status),
                ("officers-by-department", &stats.officers_by_department),
                (
                    "active-officers-by-department",
                    &stats.active_officers_by_department,
                ),
                ("items-by-department", &stats.items_by_department),
            ] {
                let _ = writeln!(t, "{}", t!("registry-stats-title", title = title));
                for (k, v) in m {
                    let _ = writeln!(t, "  {k}: {v}");
                }
            }
            out.done(
                "dualdraw.stats.v1",
                &serde_json::json!({"snapshot": snap.id, "stats": stats}),
                &t,
            )
        }
        RegistryCommand::Root { snapshot } => {
            let ws = Workspace::open(&cli.workspace)?;
            let snap = pick_snapshot(&ws, *snapshot)?;
            out.done("dualdraw.root.v1", &snap, &snapshot_text(&snap))
        }
        RegistryCommand::Export {
            public,
            file,
            compact,
            snapshot,
        } => {
            if !public {
                return Err(Failure::usage(t!("registry-export-public-only")));
            }
            let ws = Workspace::open(&cli.workspace)?;
            let snap = pick_snapshot(&ws, *snapshot)?;
            // Streamed from the store into the file (issue 17).
            let mut failed = None;
            let written = crate::durable::write_atomic_with(file, &mut |w| {
                let format = if *compact {
                    crate::core::snapshot::SnapshotFormat::Compact
                } else {
                    crate::core::snapshot::SnapshotFormat::Json
                };
                crate::store::write_public_snapshot(&ws, &snap, None, format, w, &mut |_| {})
                    .map_err(|e| {
                        failed = Some(e);
                        std::io::Error::other("the registry could not be read")
                    })
            });
            if let Some(e) = failed {
                return Err(e.into());
            }
            written.map_err(|e| Failure::rejected("io", messages::file_error(file, &e)))?;
            out.done(
                "dualdraw.export.v1",
                &serde_json::json!({"file": file, "snapshot": snap.id, "digest": snap.digest}),
                &t!(
                    "registry-exported",
                    snapshot = snap.id,
                    digest = snap.digest,
                    file = file.display()
                ),
            )
        }
        RegistryCommand::Snapshots => {
            let ws = Workspace::open(&cli.workspace)?;
            let all = ws.snapshots()?;
            let mut t = String::new();
            for s in &all {
                let _ = writeln!(t, "{:>4}  {}  {}  {}", s.id, s.created_at, s.digest, s.note);
            }
            if all.is_empty() {
                t.push_str(&t!("registry-no-snapshots"));
                t.push('\n');
            }
            out.done(
                "dualdraw.snapshots.v1",
                &serde_json::json!({"snapshots": all}),
                &t,
            )
        }
        RegistryCommand::Prove {
            key,
            kind,
            snapshot,
            open,
        } => {
            let ws = Workspace::open(&cli.workspace)?;
            let snap = pick_snapshot(&ws, *snapshot)?;
            let proof =
                prove_record(&ws, &snap, kind.map(Into::into), key, *open)?.ok_or_else(|| {
                    Failure::rejected(
                        "not_found",
                        t!(
                            "registry-no-record",
                            key = format!("{key:?}"),
                            snapshot = snap.id
                        ),
                    )
                })?;
            // The proof itself is the output, in both modes.
            super::emit(&serde_json::to_string_pretty(&proof).unwrap_or_default());
            Ok(())
        }
        RegistryCommand::LookUp {
            file,
            uscc,
            snapshot_digest,
            proof,
        } => super::lookup::look_up(out, file, uscc, snapshot_digest.as_ref(), proof.as_deref()),
        RegistryCommand::VerifyProof {
            file,
            snapshot_digest,
        } => {
            let text = if file.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin())
            } else {
                std::fs::read_to_string(file)
            }
            .map_err(|e| Failure::rejected("unreadable", messages::file_error(file, &e)))?;
            let proof: RecordProof = serde_json::from_str(&text).map_err(|e| {
                Failure::rejected(
                    "malformed",
                    t!("registry-not-a-proof", file = file.display(), why = e),
                )
            })?;
            let known = known_snapshot(cli, &proof.snapshot);
            match proof.verify(snapshot_digest.as_ref()) {
                Ok(v) => {
                    let mut t = t!(
                        "registry-proof-verified",
                        kind = v.record().kind(),
                        index = v.index(),
                        root = v.root().hash,
                        size = v.root().size,
                        digest = v.snapshot_digest()
                    );
                    t.push('\n');
                    if let Some(c) = v.opened_class() {
                        let _ = writeln!(
                            t,
                            "{}",
                            t!(
                                "registry-proof-opened-class",
                                class = c.token(),
                                zh = c.zh()
                            )
                        );
                    }
                    let last = match (&snapshot_digest, known) {
                        (Some(_), _) => t!("registry-proof-digest-matches"),
                        (None, Some(id)) => t!("registry-proof-workspace-snapshot", id = id),
                        (None, None) => t!("registry-proof-compare-digest"),
                    };
                    let _ = writeln!(t, "{last}");
                    out.done(
                        "dualdraw.verify-proof.v1",
                        &serde_json::json!({
                            "verified": true,
                            "registry": v.record().kind(),
                            "index": v.index(),
                            "root": v.root().hash,
                            "tree_size": v.root().size,
                            "snapshot_digest": v.snapshot_digest(),
                            "workspace_snapshot": known,
                            "opened_credit_class": v.opened_class().map(|c| c.token()),
                        }),
                        &t,
                    )
                }
                Err(e) => Err(Failure {
                    code: EXIT_REJECTED,
                    json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": "verification_failed", "message": e.to_string()}}),
                    message: t!("registry-proof-failed", why = e),
                }),
            }
        }
    }
}

/// The workspace snapshot a proof is about: the one it names if that one has
/// its digest, else the newest with that digest.
fn known_snapshot(cli: &Cli, snap: &SnapshotRef) -> Option<u64> {
    let ws = Workspace::open(&cli.workspace).ok()?;
    crate::store::known_snapshot(&ws, snap).ok().flatten()
}

pub(super) fn generate(out: &Out, a: &GenerateArgs) -> Result<(), Failure> {
    let spec = crate::io::generate::CountySpec {
        seed: a.seed,
        entities: a.entities,
        region: a.region.clone(),
        malformed: a.malformed,
    };
    let failed = |e| match e {
        crate::io::generate::GenerateError::Region(e) => {
            Failure::usage(t!("registry-option-error", option = "--region", why = e))
        }
        crate::io::generate::GenerateError::TooManyRows { rows, max } => {
            Failure::usage(t!("generate-xlsx-too-many-rows", rows = rows, max = max))
        }
        e => Failure::rejected("io", e.to_string()),
    };
    let files: Vec<PathBuf> = if a.xlsx {
        crate::io::generate::write_county_xlsx(&spec, &a.out).map_err(failed)?
    } else {
        crate::io::generate::write_county(&spec, &a.out).map_err(failed)?;
        crate::io::generate::FILES
            .iter()
            .map(|f| a.out.join(f))
            .collect()
    };
    let mut t = t!(
        "registry-generated",
        seed = a.seed,
        entities = a.entities,
        region = a.region
    );
    t.push('\n');
    for f in &files {
        let _ = writeln!(t, "  {}", f.display());
    }
    out.done(
        "dualdraw.generate.v1",
        &serde_json::json!({"files": files, "seed": a.seed, "entities": a.entities}),
        &t,
    )
}
