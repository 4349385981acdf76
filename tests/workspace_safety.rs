//! Issue 12: every tamper with a stored table or a published file is caught
//! by `ledger verify` (without `--head`), naming what; a read-only copy of a
//! workspace is read, never written; a backup is a verified copy; `doctor`
//! names what is wrong and the command that repairs it; a stale read-modify-
//! write is refused, never silently lost.
//!
//! One demo workspace is made once (a real import, announcement, reveals,
//! draw, publication, schedule and results) and copied for each case.

use dualdraw::io::generate::CountySpec;
use dualdraw::store::sqlite::check_published;
use dualdraw::{StoreError, Workspace};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn demo() -> &'static PathBuf {
    static DEMO: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DEMO
        .get_or_init(|| {
            let d = tempfile::tempdir().unwrap();
            let r = dualdraw::cli::demo::run(
                d.path(),
                &CountySpec {
                    seed: 7,
                    entities: 3_000,
                    ..Default::default()
                },
            )
            .unwrap();
            history(&r.workspace);
            (d, r.workspace)
        })
        .1
}

/// Loads three earlier inspections (three entities, three days) as history.
fn history(ws: &Path) {
    let mut w = Workspace::open(ws).unwrap();
    let reg = w.load_current(&[dualdraw::RegistryKind::Entities]).unwrap();
    let rows: Vec<(String, chrono::NaiveDate)> = reg.entities[..3]
        .iter()
        .zip([5, 12, 19])
        .map(|(e, d)| {
            (
                e.uscc.as_str().to_string(),
                chrono::NaiveDate::from_ymd_opt(2025, 11, d).unwrap(),
            )
        })
        .collect();
    let actor = dualdraw::store::Actor {
        operator: "safety".into(),
        approver: String::new(),
    };
    w.store_history(&rows, "history.csv", "2026-02-20T09:00:00+08:00", &actor)
        .unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), t).unwrap();
        }
    }
}

/// A fresh copy of the demo workspace (its database checkpointed first, so
/// the copy holds every commit in `dualdraw.db`).
fn copy() -> (tempfile::TempDir, PathBuf) {
    // One copy at a time: a checkpoint in progress changes the demo's files.
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    {
        let c = Connection::open(demo().join("dualdraw.db")).unwrap();
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    }
    let d = tempfile::tempdir().unwrap();
    let ws = d.path().join("ws");
    copy_dir(demo(), &ws);
    (d, ws)
}

fn sql(ws: &Path, statement: &str) {
    let c = Connection::open(ws.join("dualdraw.db")).unwrap();
    // An attacker is not bound by the schema's constraints.
    c.execute_batch("PRAGMA foreign_keys = OFF;").unwrap();
    let n = c.execute(statement, []).unwrap();
    assert!(n > 0, "the tamper changed nothing: {statement}");
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_dualdraw")
}

fn ledger_verify(ws: &Path) -> (i32, String) {
    let o = Command::new(bin())
        .args(["-w", ws.to_str().unwrap(), "ledger", "verify"])
        .env("DUALDRAW_LANG", "zh-CN")
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

#[test]
fn an_untouched_workspace_verifies_and_its_audit_counts_every_table() {
    let (_d, ws) = copy();
    let w = Workspace::open(&ws).unwrap();
    let a = w.audit_records().unwrap();
    assert!(a.announcements >= 1 && a.proofs >= 1 && a.snapshots >= 1);
    assert!(a.reveals >= 2, "{a:?}");
    assert!(a.results >= 1 && a.schedules >= 1 && a.other >= 1, "{a:?}");
    let (code, out) = ledger_verify(&ws);
    assert_eq!(code, 0, "{out}");
    assert!(w.doctor().unwrap().is_empty(), "{:?}", w.doctor().unwrap());
}

/// Each tamper: (what, SQL), and a word the message must contain.
const TAMPERS: &[(&str, &str, &str)] = &[
    (
        "announcement body edited after the draw",
        "UPDATE announcements SET body = replace(body, '\"draw_date\":\"2026-03-02\"', '\"draw_date\":\"2026-03-03\"')",
        "announcement",
    ),
    (
        "announcement row deleted",
        "DELETE FROM announcements WHERE rowid IN (SELECT rowid FROM announcements LIMIT 1)",
        "announcement",
    ),
    (
        "announcement row inserted",
        "INSERT INTO announcements(campaign_id, hash, body, announced_at) SELECT 'FAKE', hash, body, announced_at FROM announcements LIMIT 1",
        "FAKE",
    ),
    (
        "snapshot row deleted",
        "DELETE FROM snapshots WHERE id = (SELECT max(id) FROM snapshots)",
        "snapshot",
    ),
    (
        "snapshot digest edited",
        "UPDATE snapshots SET digest = zeroblob(32) WHERE id = (SELECT max(id) FROM snapshots)",
        "snapshot",
    ),
    (
        "reveal changed after the draw",
        "UPDATE reveals SET secret = 'aaaa' WHERE rowid IN (SELECT rowid FROM reveals LIMIT 1)",
        "reveal",
    ),
    (
        "reveal deleted",
        "DELETE FROM reveals WHERE rowid IN (SELECT rowid FROM reveals LIMIT 1)",
        "reveal",
    ),
    (
        "proof edited",
        "UPDATE draws SET proof = replace(proof, '\"seed\"', '\"seed\" ')",
        "proof",
    ),
    (
        "draw inserted",
        "INSERT INTO draws(campaign_id, seed, proof) VALUES ('FAKE', zeroblob(32), '{}')",
        "FAKE",
    ),
    (
        "void inserted",
        "INSERT INTO voids(campaign_id, reason, at) SELECT campaign_id, 'x', '2026-03-03T00:00:00Z' FROM draws LIMIT 1",
        "void",
    ),
    (
        "publication row deleted",
        "DELETE FROM publications WHERE rowid IN (SELECT rowid FROM publications LIMIT 1)",
        "publication",
    ),
    (
        "result edited",
        "UPDATE results SET body = replace(body, '未发现问题', '发现问题已责令改正') WHERE rowid IN (SELECT rowid FROM results WHERE body LIKE '%未发现问题%' LIMIT 1)",
        "result",
    ),
    (
        "result inserted",
        "INSERT INTO results(campaign_id, target, item, body, inspected) SELECT campaign_id, 'X', item, body, inspected FROM results LIMIT 1",
        "result",
    ),
    (
        "schedule dates edited",
        "UPDATE schedules SET body = replace(body, '2026-03-', '2026-04-')",
        "schedule",
    ),
    (
        "schedule secret changed",
        "UPDATE schedule_secrets SET secret = 'bbbb'",
        "schedule secret",
    ),
    (
        "history row inserted",
        "INSERT INTO history(uscc, inspected, source) VALUES ('91350200776049653A', '2026-01-05', 'forged.csv')",
        "history",
    ),
    (
        "history row edited (its day)",
        "UPDATE history SET inspected = '2025-11-06' WHERE rowid = (SELECT min(rowid) FROM history)",
        "history",
    ),
    (
        "history rows swapped (two entities' days)",
        "UPDATE history SET inspected = CASE WHEN rowid = (SELECT min(rowid) FROM history)
            THEN (SELECT inspected FROM history ORDER BY rowid DESC LIMIT 1)
            ELSE (SELECT inspected FROM history ORDER BY rowid LIMIT 1) END
         WHERE rowid IN ((SELECT min(rowid) FROM history), (SELECT max(rowid) FROM history))",
        "history",
    ),
    (
        "history row deleted",
        "DELETE FROM history WHERE rowid = (SELECT max(rowid) FROM history)",
        "history",
    ),
    (
        "ledger entry deleted in the middle",
        "DELETE FROM ledger WHERE seq = 2",
        "",
    ),
    (
        "ledger body edited",
        "UPDATE ledger SET body = replace(body, '\"', '\"') || ' ' WHERE seq = 1",
        "",
    ),
];

#[test]
fn every_table_tamper_is_caught_by_ledger_verify_without_head() {
    let mut missed = Vec::new();
    for (what, statement, word) in TAMPERS {
        let (_d, ws) = copy();
        sql(&ws, statement);
        let (code, out) = ledger_verify(&ws);
        if code != 1
            || !out.contains("FAILED")
            || !out.to_lowercase().contains(&word.to_lowercase())
        {
            missed.push(format!("{what}: exit {code}: {out}"));
        }
    }
    assert!(missed.is_empty(), "not caught:\n{}", missed.join("\n"));
}

#[test]
fn a_published_file_edited_or_missing_is_caught() {
    let (_d, ws) = copy();
    let w = Workspace::open(&ws).unwrap();
    let entries = w.ledger().unwrap();
    let published = ws.join("published");
    let ok = check_published(&entries, &published).unwrap();
    assert!(ok.files >= 3, "{ok:?}");
    let campaign = ok.campaigns[0].clone();
    // One campaign's folder also checks.
    assert_eq!(
        check_published(&entries, &published.join(&campaign))
            .unwrap()
            .files,
        ok.files
    );
    let list = published.join(&campaign).join("list.csv");
    let mut bytes = std::fs::read(&list).unwrap();
    bytes.extend_from_slice(b"91350200776049653A,forged\n");
    std::fs::write(&list, bytes).unwrap();
    let bad = check_published(&entries, &published).unwrap_err();
    assert!(bad[0].to_string().contains("list.csv"), "{bad:?}");
    let findings = w.doctor().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f.code == "published_differs" && f.repair.is_some()),
        "{findings:?}"
    );
    std::fs::remove_file(&list).unwrap();
    let bad = check_published(&entries, &published).unwrap_err();
    assert!(bad[0].to_string().contains("missing"), "{bad:?}");
    // A folder with nothing published is not a green verdict.
    let empty = tempfile::tempdir().unwrap();
    assert!(check_published(&entries, empty.path()).is_err());
}

#[test]
fn doctor_names_a_missing_proof_and_the_command_that_restores_it() {
    let (_d, ws) = copy();
    let proofs: Vec<_> = std::fs::read_dir(ws.join("proofs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    std::fs::remove_file(&proofs[0]).unwrap();
    std::fs::write(ws.join("proofs").join("X.json.partial-1"), b"{").unwrap();
    let w = Workspace::open(&ws).unwrap();
    let f = w.doctor().unwrap();
    let missing = f.iter().find(|f| f.code == "proof_missing").unwrap();
    let repair = missing.repair.clone().unwrap();
    assert!(
        repair.starts_with(&format!("dualdraw -w {} campaign proof ", ws.display())),
        "{repair}"
    );
    assert!(f.iter().any(|f| f.code == "partial_file"), "{f:?}");
    // The named repair repairs it.
    let id = repair.rsplit(' ').next().unwrap();
    let o = Command::new(bin())
        .args(["-w", ws.to_str().unwrap(), "campaign", "proof", id])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let f = w.doctor().unwrap();
    assert!(!f.iter().any(|f| f.code == "proof_missing"), "{f:?}");
}

#[test]
fn a_backup_is_a_complete_verified_copy_and_refuses_to_overwrite() {
    let (d, ws) = copy();
    let w = Workspace::open(&ws).unwrap();
    let file = d.path().join("backup.db");
    let b = w.backup_to(&file).unwrap();
    assert_eq!(b.head, w.ledger_head().unwrap());
    assert_eq!(b.entries, w.ledger().unwrap().len());
    assert!(b.bytes > 0);
    assert!(matches!(
        w.backup_to(&file),
        Err(StoreError::AlreadyExists(_))
    ));
    // Restored: a workspace that verifies, with the same ledger and snapshots.
    let restored = d.path().join("restored");
    std::fs::create_dir_all(&restored).unwrap();
    std::fs::copy(&file, restored.join("dualdraw.db")).unwrap();
    let r = Workspace::open(&restored).unwrap();
    assert_eq!(r.ledger().unwrap(), w.ledger().unwrap());
    assert_eq!(r.snapshots().unwrap(), w.snapshots().unwrap());
    r.audit_records().unwrap();
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_read_only_copy_is_read_and_never_written() {
    let (_d, ws) = copy();
    let db = ws.join("dualdraw.db");
    let before = std::fs::read(&db).unwrap();
    let mut w = Workspace::open_read_only(&ws).unwrap();
    assert!(w.is_read_only());
    let a = w.audit_records().unwrap();
    assert!(a.proofs >= 1);
    let snap = w.current_snapshot().unwrap().unwrap();
    assert!(!w.load(&snap).unwrap().entities.is_empty());
    let r = w.void_campaign(
        "2026-JOINT-01",
        "x",
        "2026-03-03T00:00:00Z",
        &Default::default(),
    );
    assert!(matches!(r, Err(StoreError::ReadOnly)), "{r:?}");
    drop(w);
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database was written"
    );
}

/// The copy an auditor receives: files and folder without write permission,
/// opened by a user who cannot write them (run as `nobody` when this test
/// runs as root, where permissions would not bind). Every read-only command
/// works, `verify` at the audit level.
#[test]
fn a_read_only_folder_works_for_every_reading_command() {
    let (d, ws) = copy();
    let proof = std::fs::read_dir(ws.join("proofs"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let run_as_nobody = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    if run_as_nobody && Command::new("setpriv").arg("--help").output().is_err() {
        eprintln!("setpriv is missing: skipped");
        return;
    }
    // Readable by all, writable by none.
    let st = Command::new("chmod")
        .args(["-R", "a+rX,a-w", d.path().to_str().unwrap()])
        .status()
        .unwrap();
    assert!(st.success());
    let bin_dir = Path::new(bin()).parent().unwrap();
    let run = |args: &[&str]| {
        let mut c = if run_as_nobody {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin()]);
            c
        } else {
            Command::new(bin())
        };
        let _ = bin_dir;
        let o = c
            .args(["-w", ws.to_str().unwrap()])
            .args(args)
            .output()
            .unwrap();
        (
            o.status.code().unwrap_or(-1),
            format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            ),
        )
    };
    let (code, out) = run(&["ledger", "verify"]);
    assert_eq!(code, 0, "ledger verify: {out}");
    let (code, out) = run(&["registry", "stats"]);
    assert_eq!(code, 0, "registry stats: {out}");
    let (code, out) = run(&["verify", proof.to_str().unwrap()]);
    assert_eq!(code, 0, "verify: {out}");
    assert!(
        out.contains("审计级") || out.to_lowercase().contains("audit"),
        "verify did not reach the audit level: {out}"
    );
    let (code, out) = run(&["campaign", "void", "2026-JOINT-01", "--reason", "x"]);
    assert_ne!(code, 0, "a write on a read-only workspace succeeded: {out}");
    let _ = Command::new("chmod")
        .args(["-R", "u+w", d.path().to_str().unwrap()])
        .status();
}

fn dd(ws: &Path, args: &[&str]) -> (i32, String) {
    let o = Command::new(bin())
        .arg("-w")
        .arg(ws)
        .args(args)
        .env("DUALDRAW_LANG", "zh-CN")
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

fn the_proof(ws: &Path) -> PathBuf {
    std::fs::read_dir(ws.join("proofs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap()
}

#[test]
fn verify_never_drops_below_the_audit_level_silently() {
    let (_d, ws) = copy();
    let proof = the_proof(&ws);
    let (code, out) = dd(&ws, &["verify", proof.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("有效（VALID，审计级"), "{out}");
    // The draw's snapshot deleted: the audit level cannot be reached, and
    // the command says so and fails, instead of passing at the light level.
    sql(
        &ws,
        "DELETE FROM snapshots WHERE id = (SELECT max(id) FROM snapshots)",
    );
    let (code, out) = dd(&ws, &["verify", proof.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("未达到审计级（audit）核验（NOT VERIFIED）")
            && out.contains("证明只通过了轻量级（light）"),
        "{out}"
    );
    // Asking for the light level is an honest light verdict.
    let (code, out) = dd(&ws, &["verify", "--light", proof.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("轻量级一致（CONSISTENT）"), "{out}");
    let (code, out) = dd(
        &ws,
        &["verify", "--level", "public", proof.to_str().unwrap()],
    );
    assert_eq!(code, 1, "{out}");
}

#[test]
fn ledger_verify_published_catches_an_edited_list() {
    let (_d, ws) = copy();
    let published = ws.join("published");
    let (code, out) = dd(
        &ws,
        &[
            "ledger",
            "verify",
            "--published",
            published.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("个公示文件与其公示记录一致"), "{out}");
    let campaign = std::fs::read_dir(&published)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let list = campaign.join("list.csv");
    let text = std::fs::read_to_string(&list)
        .unwrap()
        .replacen("县", "市", 1);
    std::fs::write(&list, text).unwrap();
    let (code, out) = dd(
        &ws,
        &[
            "ledger",
            "verify",
            "--published",
            published.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("list.csv") && out.contains("FAILED"), "{out}");
    // One campaign's folder works too.
    let (code, out) = dd(
        &ws,
        &[
            "ledger",
            "verify",
            "--published",
            campaign.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "{out}");
}

#[test]
fn doctor_and_backup_from_the_command_line() {
    let (d, ws) = copy();
    let (code, out) = dd(&ws, &["doctor"]);
    assert_eq!(code, 0, "{out}");
    let file = d.path().join("b.db");
    let (code, out) = dd(&ws, &["backup", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(file.is_file());
    let (code, _) = dd(&ws, &["backup", file.to_str().unwrap()]);
    assert_ne!(code, 0, "a backup overwrote an existing file");
    std::fs::remove_file(the_proof(&ws)).unwrap();
    let (code, out) = dd(&ws, &["doctor"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("修复：dualdraw -w"), "{out}");
}

/// A full disk (a small tmpfs) while publishing: the command fails, nothing
/// is recorded, and no file under its final name is partial. Needs `mount`
/// (root); skipped where it is not allowed.
#[test]
fn a_full_disk_leaves_no_partial_file_and_records_nothing() {
    let (d, ws) = copy();
    let tiny = d.path().join("tiny");
    std::fs::create_dir_all(&tiny).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=300k", "tmpfs"])
        .arg(&tiny)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !mounted {
        eprintln!("mount is not allowed here: skipped");
        return;
    }
    let campaign = "2026-JOINT-01";
    let before = Workspace::open(&ws).unwrap().ledger().unwrap().len();
    let reference = d.path().join("reference");
    let (code, out) = dd(
        &ws,
        &["publish", campaign, "--out", reference.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{out}");
    let after_reference = Workspace::open(&ws).unwrap().ledger().unwrap().len();
    let (code, out) = dd(&ws, &["publish", campaign, "--out", tiny.to_str().unwrap()]);
    let left: Vec<(String, Vec<u8>)> = std::fs::read_dir(&tiny)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    let _ = Command::new("umount").arg(&tiny).status();
    assert_eq!(code, 1, "publishing onto a full disk did not fail: {out}");
    assert!(
        out.contains("No space left") || out.contains("space"),
        "{out}"
    );
    for (name, bytes) in &left {
        assert!(
            !name.contains("partial"),
            "a temporary file was left: {name}"
        );
        let whole = std::fs::read(reference.join(name)).unwrap();
        assert_eq!(bytes, &whole, "{name} is partial");
    }
    let now = Workspace::open(&ws).unwrap().ledger().unwrap().len();
    assert_eq!(now, after_reference, "the failed publication was recorded");
    // The reference publication had the demo's files: nothing new recorded.
    assert_eq!(after_reference, before);
}

/// A `history_import` entry written before entries recorded the rows'
/// digest (`source`, `rows` only) still verifies, by count: an older
/// workspace is not a false alarm, and a row deleted from that import is
/// still caught.
#[test]
fn a_history_import_recorded_before_digests_is_still_count_checked() {
    let (_d, ws) = copy();
    {
        let c = Connection::open(ws.join("dualdraw.db")).unwrap();
        let (seq, prev): (i64, Vec<u8>) = c
            .query_row(
                "SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        for (u, d) in [
            ("91350200776049653A", "2025-10-01"),
            ("91350200776049653A", "2025-10-02"),
        ] {
            c.execute(
                "INSERT INTO history(uscc, inspected, source) VALUES (?1, ?2, 'old.csv')",
                [u, d],
            )
            .unwrap();
        }
        let e = dualdraw::ledger::Entry::new(
            seq as u64 + 1,
            dualdraw::Hash(prev.try_into().unwrap()),
            "history_import",
            "",
            "2026-02-21T09:00:00+08:00",
            "older version",
            "",
            serde_json::json!({"source": "old.csv", "rows": 2}).to_string(),
        );
        c.execute(
            "INSERT INTO ledger(seq, prev, hash, kind, campaign, at, operator, approver, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![e.seq as i64, e.prev.0.to_vec(), e.hash.0.to_vec(), e.kind, e.campaign, e.at, e.operator, e.approver, e.body],
        )
        .unwrap();
    }
    let (code, out) = ledger_verify(&ws);
    assert_eq!(code, 0, "{out}");
    sql(
        &ws,
        "DELETE FROM history WHERE rowid = (SELECT max(rowid) FROM history WHERE source = 'old.csv')",
    );
    let (code, out) = ledger_verify(&ws);
    assert!(code == 1 && out.contains("history"), "exit {code}: {out}");
}
