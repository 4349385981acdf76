//! The demo's signed log (`docs/LOG.md`, `docs/TRANSPARENCY.md`): the
//! bureau's keys made with the workspace, a checkpoint after the announcement,
//! after the draw and at the end, two cosigners who follow the log and cosign
//! each checkpoint, their cosignatures brought into the bureau's checkpoints,
//! the published files signed, an auditor's attestation of the proof, and
//! everything a reader needs to check it offline in `published/ID/log/`.

use crate::core::log::{AddCheckpoint, Attestation, CosignerState, KeyType, Signer, VerifierKey};
use crate::core::merkle::Hash;
use crate::ledger::log::{ledger_tree, prove_entry};
use crate::store::Workspace;
use crate::store::log_files::{
    KeyPair, Role, checkpoints_dir, create_keys, make_checkpoint, read_checkpoint, write_private,
};
use std::path::{Path, PathBuf};

/// The demo bureau's log name.
pub const DEMO_ORIGIN: &str = "scjg.demo.example.cn/dualdraw";
/// The demo's cosigners: a volunteer supervisor and a neighbouring bureau.
pub const DEMO_COSIGNERS: [&str; 2] = [
    "yiwu-jiandu.example.cn/zhang",
    "scjg.linxian.example.cn/cosigner",
];
/// The demo's auditor.
pub const DEMO_AUDITOR: &str = "audit.demo.example.cn/li";

/// Why a step of the demo's signed log failed (the demo reports it as its
/// `log` step).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct LogDemoError(String);

impl From<crate::store::StoreError> for LogDemoError {
    fn from(e: crate::store::StoreError) -> Self {
        LogDemoError(e.to_string())
    }
}

fn err<E: std::fmt::Display>(e: E) -> LogDemoError {
    LogDemoError(e.to_string())
}

/// What the demo's signed log wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LogDemo {
    /// The log name.
    pub origin: String,
    /// The sizes of the checkpoints made (announcement, draw, end).
    pub checkpoints: Vec<u64>,
    /// The cosigners' names.
    pub cosigners: Vec<String>,
    /// How many cosignatures the last checkpoint carries.
    pub cosignatures: usize,
    /// The folder a reader is given: keys, policy, checkpoints, proofs.
    pub dir: PathBuf,
    /// The auditor's attestation of the proof.
    pub attestation: PathBuf,
    /// How many published files were signed.
    pub signed_files: usize,
}

/// Makes the bureau's and the auditor's keys in the new workspace.
///
/// # Errors
/// [`LogDemoError`].
pub fn make_keys(ws_dir: &Path) -> Result<KeyPair, LogDemoError> {
    create_keys(ws_dir, DEMO_AUDITOR, Role::Auditor).map_err(err)?;
    create_keys(ws_dir, DEMO_ORIGIN, Role::Bureau).map_err(err)
}

/// Signs a checkpoint of the whole ledger (as announcements and draws do);
/// its size.
///
/// # Errors
/// [`LogDemoError`].
pub fn checkpoint(ws: &Workspace, keys: &KeyPair) -> Result<u64, LogDemoError> {
    let entries = ws.ledger()?;
    Ok(make_checkpoint(ws.dir(), &entries, keys)
        .map_err(err)?
        .checkpoint()
        .size)
}

fn vkeys(keys: &[&Signer]) -> String {
    keys.iter()
        .map(|s| s.verifier().vkey() + "\n")
        .collect::<String>()
}

fn write(dir: &Path, name: &str, text: &str) -> Result<PathBuf, LogDemoError> {
    let p = dir.join(name);
    crate::durable::write_atomic(&p, text.as_bytes()).map_err(err)?;
    Ok(p)
}

/// The end of the demo's signed log: a last checkpoint; the cosigners (state
/// files in `dir/cosigners/`) follow the log and cosign each checkpoint in
/// turn (`sizes` then the last) at fixed times; their cosignatures go into
/// the stored checkpoints; the policy needs both; the published files are
/// signed; the auditor attests the proof; `published/log/` gets what a reader
/// needs.
///
/// # Errors
/// [`LogDemoError`].
pub fn finish(
    dir: &Path,
    ws: &Workspace,
    keys: &KeyPair,
    sizes: &[u64],
    published: &Path,
    campaign: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<LogDemo, LogDemoError> {
    let mut sizes = sizes.to_vec();
    sizes.push(checkpoint(ws, keys)?);
    sizes.dedup();
    let entries = ws.ledger()?;
    let tree = ledger_tree(&entries);
    let log_keys: Vec<VerifierKey> = keys
        .signers()
        .iter()
        .map(|s| s.verifier().clone())
        .collect();
    // The cosigners.
    let cos_dir = dir.join("cosigners");
    crate::store::log_files::create_private_dir(&cos_dir).map_err(err)?;
    let time = u64::try_from(at.timestamp()).unwrap_or(0);
    let mut cosigner_keys = Vec::new();
    let mut states = Vec::new();
    for name in DEMO_COSIGNERS {
        let signer = Signer::generate(name, KeyType::Cosignature).map_err(err)?;
        cosigner_keys.push(signer.verifier().clone());
        let mut s = CosignerState::new(&signer);
        s.follow(&log_keys).map_err(err)?;
        states.push(s);
    }
    let mut old = 0;
    for &size in &sizes {
        let n = usize::try_from(size).map_err(err)?;
        let proof = ledger_tree(&entries[..n])
            .prove_consistency(old)
            .ok_or_else(|| err("consistency"))?;
        let body = AddCheckpoint {
            old,
            proof,
            checkpoint: read_checkpoint(ws.dir(), size).map_err(err)?,
        }
        .to_text();
        let mut ours = read_checkpoint(ws.dir(), size).map_err(err)?;
        for s in &mut states {
            let done = s.cosign(body.as_bytes(), time).map_err(err)?;
            ours.add_cosignatures(&done.checkpoint, &cosigner_keys)
                .map_err(err)?;
            *s = done.state;
        }
        let path = checkpoints_dir(ws.dir()).join(format!("{size}.txt"));
        crate::durable::write_atomic(&path, ours.to_text().as_bytes()).map_err(err)?;
        old = size;
    }
    for (name, s) in DEMO_COSIGNERS.iter().zip(&states) {
        let file = cos_dir.join(format!("{}.state", name.replace('/', "_")));
        let bytes = serde_json::to_vec_pretty(s).map_err(err)?;
        write_private(&file, &bytes).map_err(err)?;
    }
    let policy = format!(
        "cosigners = [{}]\nquorum = {}\n",
        cosigner_keys
            .iter()
            .map(|k| format!("\"{}\"", k.vkey()))
            .collect::<Vec<_>>()
            .join(", "),
        cosigner_keys.len()
    );
    write(ws.dir(), "log-policy.toml", &policy)?;
    // The published files' signatures, as `publish` writes them.
    let mut files: Vec<crate::io::publish::Written> = std::fs::read_dir(published)
        .map_err(err)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "sig"))
        .map(|path| {
            std::fs::read(&path).map(|b| crate::io::publish::Written {
                sha256: Hash::digest(&b),
                path,
            })
        })
        .collect::<Result<_, _>>()
        .map_err(err)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let signed_files = super::key::sign_published(ws.dir(), &files)
        .map_err(|f| err(f.message))?
        .len();
    // The auditor's attestation of the published proof.
    let auditor = crate::store::log_files::load_keys(ws.dir(), Role::Auditor)
        .map_err(err)?
        .ok_or_else(|| err("no auditor keys"))?;
    let proof_file = published.join("proof.json");
    let proof_bytes = std::fs::read(&proof_file).map_err(err)?;
    let proof: crate::core::proof::DrawProof = serde_json::from_slice(&proof_bytes).map_err(err)?;
    let valid = crate::store::verify_draw(Some(ws), &proof, None, None)
        .map(|v| v.level() == crate::core::verify::Level::Audit)
        .map_err(err)?;
    let attestation = Attestation {
        campaign: campaign.to_string(),
        announcement: proof.announcement.hash,
        proof: Hash::digest(&proof_bytes),
        level: "audit".into(),
        valid,
        time: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }
    .sign(&auditor.signers())
    .map_err(err)?;
    let attestation_path = published.join(format!(
        "proof.json.attest-{}.txt",
        DEMO_AUDITOR.replace('/', "-")
    ));
    crate::durable::write_atomic(&attestation_path, attestation.as_bytes()).map_err(err)?;
    // What a reader is given.
    let log_dir = published.join("log");
    std::fs::create_dir_all(&log_dir).map_err(err)?;
    write(&log_dir, "bureau-keys.txt", &vkeys(&keys.signers()))?;
    write(&log_dir, "auditor-keys.txt", &vkeys(&auditor.signers()))?;
    write(&log_dir, "log-policy.toml", &policy)?;
    let last = *sizes.last().ok_or_else(|| err("no checkpoint"))?;
    let final_cp = read_checkpoint(ws.dir(), last).map_err(err)?;
    write(&log_dir, "checkpoint.txt", &final_cp.to_text())?;
    let draw = entries
        .iter()
        .find(|e| e.kind == "draw" && e.campaign == campaign)
        .ok_or_else(|| err("no draw entry"))?;
    let inclusion = prove_entry(draw, &tree, final_cp.clone()).ok_or_else(|| err("inclusion"))?;
    write(&log_dir, "inclusion.txt", &inclusion.to_text())?;
    // A reader who kept the draw-day checkpoint checks the last one extends it.
    if let Some(&draw_size) = sizes.iter().rev().nth(1) {
        let kept = read_checkpoint(ws.dir(), draw_size).map_err(err)?;
        write(&log_dir, "checkpoint-draw-day.txt", &kept.to_text())?;
        let body = AddCheckpoint {
            old: draw_size,
            proof: tree
                .prove_consistency(draw_size)
                .ok_or_else(|| err("consistency"))?,
            checkpoint: final_cp.clone(),
        };
        write(&log_dir, "consistency.txt", &body.to_text())?;
    }
    Ok(LogDemo {
        origin: keys.name().to_string(),
        checkpoints: sizes,
        cosigners: DEMO_COSIGNERS.iter().map(|s| s.to_string()).collect(),
        cosignatures: final_cp
            .note()
            .signatures()
            .len()
            .saturating_sub(keys.signers().len()),
        dir: log_dir,
        attestation: attestation_path,
        signed_files,
    })
}
