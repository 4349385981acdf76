//! The signed log's vectors, `tests/vectors/log-v1.json` (`docs/LOG.md`):
//! written by this test under `DUALDRAW_BLESS=1`, checked against it
//! otherwise. The page (`web/`) and the Python reference
//! (`tests/vectors/verify_log.py`) read the same file. Every negative case is
//! also run through the Rust verifier here, which must refuse it with the
//! stated `error_kind`.

use dualdraw::core::log::{
    AddCheckpoint, Attestation, Checkpoint, CosignerState, FileSignature, ForkProof, KeyType,
    LogKeys, SignedCheckpoint, Signer, VerifierKey, leaf_data,
};
use dualdraw::core::merkle::{Hash, MerkleTree};
use dualdraw::ledger::Entry;
use dualdraw::ledger::log::{check_draw_entry, ledger_tree, prove_entry, verify_entry_proof};
use serde_json::{Value, json};

const ORIGIN: &str = "scjg.520123.gov.cn/dualdraw";
const ED_SEED: [u8; 32] = [0x11; 32];
const SM2_SCALAR: [u8; 32] = [0x22; 32];
const COSIGNER: &str = "jiandu.example.cn/witness-1";
const COSIGNER_SEED: [u8; 32] = [0x33; 32];
const AUDITOR: &str = "audit.example.cn/zhang";
const AUDITOR_ED_SEED: [u8; 32] = [0x44; 32];
const AUDITOR_SM2_SCALAR: [u8; 32] = [0x55; 32];
const COSIGN_TIME: u64 = 1_767_225_600; // 2026-01-01T00:00:00Z

fn path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/log-v1.json")
}

fn signer(name: &str, t: KeyType, secret: &[u8; 32]) -> Signer {
    Signer::from_secret(name, t, secret).expect("fixed key")
}

fn key_json(s: &Signer, secret: &[u8; 32]) -> Value {
    let v = s.verifier();
    json!({
        "name": v.name(),
        "type": v.key_type().as_str(),
        "secret_hex": hex::encode(secret),
        "public_hex": hex::encode(v.public_bytes()),
        "key_id_hex": hex::encode(v.key_id()),
        "vkey": v.vkey(),
        "fingerprint": v.fingerprint(),
    })
}

/// A small ledger: announcement, two reveals, the draw, a publication, a
/// second announcement.
fn ledger(proof_file: &str, announcement: &Hash) -> Vec<Entry> {
    let bodies: [(&str, &str, String); 6] = [
        (
            "announcement",
            "2026-A1",
            format!("{{\"announcement_hash\":\"{announcement}\"}}"),
        ),
        ("reveal", "2026-A1", "{\"witness\":\"w1\"}".into()),
        ("reveal", "2026-A1", "{\"witness\":\"w2\"}".into()),
        (
            "draw",
            "2026-A1",
            format!(
                "{{\"announcement_hash\":\"{announcement}\",\"proof_sha256\":\"{}\",\"targets\":3}}",
                Hash::digest(proof_file.as_bytes())
            ),
        ),
        ("publication", "2026-A1", "{\"files\":4}".into()),
        (
            "announcement",
            "2026-A2",
            "{\"announcement_hash\":\"00\"}".into(),
        ),
    ];
    let mut prev = Hash([0; 32]);
    let mut out = Vec::new();
    for (i, (kind, campaign, body)) in bodies.into_iter().enumerate() {
        let e = Entry::new(
            i as u64 + 1,
            prev,
            kind,
            campaign,
            &format!("2026-03-0{}T02:00:00Z", i + 1),
            "王科长",
            if kind == "draw" { "李局长" } else { "" },
            body,
        );
        prev = e.hash;
        out.push(e);
    }
    out
}

fn checkpoint(tree: &MerkleTree, signers: &[&Signer]) -> SignedCheckpoint {
    Checkpoint {
        origin: ORIGIN.into(),
        size: tree.size(),
        root: tree.root().hash,
    }
    .sign(signers)
    .expect("sign")
}

fn b64(h: &Hash) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(h.0)
}

fn build() -> Value {
    let ed = signer(ORIGIN, KeyType::Ed25519, &ED_SEED);
    let sm2 = signer(ORIGIN, KeyType::Sm2, &SM2_SCALAR);
    let cos = signer(COSIGNER, KeyType::Cosignature, &COSIGNER_SEED);
    let aud_ed = signer(AUDITOR, KeyType::Ed25519, &AUDITOR_ED_SEED);
    let aud_sm2 = signer(AUDITOR, KeyType::Sm2, &AUDITOR_SM2_SCALAR);
    let bureau = [&ed, &sm2];

    let proof_file = "{\"format\":\"dualdraw-proof/v2\",\"campaign\":\"2026-A1\"}\n";
    let announcement = Hash::digest(b"announcement 2026-A1");
    let entries = ledger(proof_file, &announcement);
    let leaves: Vec<Value> = entries
        .iter()
        .map(|e| {
            json!({
                "seq": e.seq,
                "entry_hash_hex": e.hash.to_hex(),
                "leaf_data_hex": hex::encode(leaf_data(e.seq, &e.hash)),
                "leaf_hash_hex": dualdraw::core::log::entry_leaf_hash(e.seq, &e.hash).to_hex(),
            })
        })
        .collect();
    let roots: Vec<Value> = (0..=entries.len())
        .map(|n| {
            let r = ledger_tree(&entries[..n]).root();
            json!({"size": n, "root_hex": r.hash.to_hex(), "root_base64": b64(&r.hash)})
        })
        .collect();

    let tree4 = ledger_tree(&entries[..4]);
    let tree6 = ledger_tree(&entries);
    let cp4 = checkpoint(&tree4, &bureau);
    let cp6 = checkpoint(&tree6, &bureau);
    let checkpoints: Vec<Value> = (0..=entries.len())
        .map(|n| json!({"size": n, "signed": checkpoint(&ledger_tree(&entries[..n]), &bureau).to_text()}))
        .collect();

    let inclusion: Vec<Value> = [(4usize, 4usize), (1, 6), (4, 6), (6, 6)]
        .iter()
        .map(|&(seq, size)| {
            let tree = ledger_tree(&entries[..size]);
            let text = prove_entry(&entries[seq - 1], &tree, checkpoint(&tree, &bureau))
                .expect("in tree")
                .to_text();
            json!({"seq": seq, "size": size, "proof": text})
        })
        .collect();
    let consistency: Vec<Value> = [(0u64, 6usize), (1, 6), (4, 6), (3, 5), (6, 6)]
        .iter()
        .map(|&(old, size)| {
            let tree = ledger_tree(&entries[..size]);
            let proof = tree.prove_consistency(old).expect("old ≤ size");
            let body = AddCheckpoint {
                old,
                proof: proof.clone(),
                checkpoint: checkpoint(&tree, &bureau),
            };
            json!({
                "old": old,
                "size": size,
                "hashes_base64": proof.path.iter().map(b64).collect::<Vec<_>>(),
                "older_checkpoint": checkpoint(&ledger_tree(&entries[..old as usize]), &bureau).to_text(),
                "body": body.to_text(),
            })
        })
        .collect();

    // The cosigner: follows the log, cosigns 4 then 6.
    let mut state = CosignerState::new(&cos);
    state
        .follow(&[ed.verifier().clone(), sm2.verifier().clone()])
        .expect("follow");
    let first = AddCheckpoint {
        old: 0,
        proof: Default::default(),
        checkpoint: cp4.clone(),
    };
    let done = state
        .cosign(first.to_text().as_bytes(), COSIGN_TIME)
        .expect("cosign 4");
    let second = AddCheckpoint {
        old: 4,
        proof: tree6.prove_consistency(4).expect("4 ≤ 6"),
        checkpoint: cp6.clone(),
    };
    let done6 = done
        .state
        .cosign(second.to_text().as_bytes(), COSIGN_TIME + 60)
        .expect("cosign 6");
    let cosigned = done6.checkpoint.to_text();

    // A rebuilt log of the same size: a same-size fork.
    let mut rebuilt = entries.clone();
    rebuilt[5] = Entry::new(
        6,
        entries[4].hash,
        "announcement",
        "2026-A2",
        "2026-03-07T02:00:00Z",
        "王科长",
        "",
        "{\"announcement_hash\":\"01\"}".into(),
    );
    let forked = checkpoint(&ledger_tree(&rebuilt), &bureau);
    let fork_req = AddCheckpoint {
        old: 6,
        proof: Default::default(),
        checkpoint: forked.clone(),
    };
    let fork = match done6
        .state
        .cosign(fork_req.to_text().as_bytes(), COSIGN_TIME + 120)
    {
        Err(dualdraw::core::log::Refusal::Fork(p)) => p.to_text(),
        other => panic!("fork not detected: {other:?}"),
    };

    let notice = "市场监管局 2026-A1 抽查结果公告\n";
    let file_sig = FileSignature::of(ORIGIN, "2026-A1.notice.txt", notice.as_bytes())
        .sign(&bureau)
        .expect("file name");
    let attestation = Attestation {
        campaign: "2026-A1".into(),
        announcement,
        proof: Hash::digest(proof_file.as_bytes()),
        level: "audit".into(),
        valid: true,
        time: "2026-03-05T08:00:00Z".into(),
    };
    let attestation_signed = attestation.sign(&[&aud_ed, &aud_sm2]).expect("attest");

    json!({
        "format": "dualdraw-log-vectors/v1",
        "spec": "docs/LOG.md (log v1)",
        "note": "Written by tests/log_vectors.rs under DUALDRAW_BLESS=1. SM2 signatures here are deterministic (RFC 6979 nonces); a verifier accepts any valid (r, s).",
        "keys": {
            "bureau_ed25519": key_json(&ed, &ED_SEED),
            "bureau_sm2": key_json(&sm2, &SM2_SCALAR),
            "cosigner": key_json(&cos, &COSIGNER_SEED),
            "auditor_ed25519": key_json(&aud_ed, &AUDITOR_ED_SEED),
            "auditor_sm2": key_json(&aud_sm2, &AUDITOR_SM2_SCALAR),
        },
        "ledger": entries,
        "leaves": leaves,
        "roots": roots,
        "checkpoints": checkpoints,
        "inclusion": inclusion,
        "draw": {
            "campaign": "2026-A1",
            "seq": 4,
            "proof_file": proof_file,
            "announcement_hash": announcement.to_hex(),
        },
        "consistency": consistency,
        "cosigned": {
            "timestamps": [COSIGN_TIME, COSIGN_TIME + 60],
            "checkpoint": cosigned,
            "cosignature_line": done6.line.to_line(),
        },
        "fork_proof": {"kind": "same-size", "text": fork},
        "file_signature": {"file_name": "2026-A1.notice.txt", "content": notice, "sig": file_sig},
        "attestation": {"text": attestation.text(), "signed": attestation_signed},
        "negative": negatives(&entries, &cp6, &cosigned, &file_sig, &attestation_signed, &fork, &bureau),
    })
}

fn negative(name: &str, check: &str, input: String, error_kind: &str, why: &str) -> Value {
    json!({"name": name, "check": check, "input": input, "error_kind": error_kind, "why": why})
}

fn negatives(
    entries: &[Entry],
    cp6: &SignedCheckpoint,
    cosigned: &str,
    file_sig: &str,
    attestation: &str,
    fork: &str,
    bureau: &[&Signer],
) -> Vec<Value> {
    let cp = cp6.to_text();
    let tree6 = ledger_tree(entries);
    let lines: Vec<&str> = cp.lines().collect();
    let only_ed = format!("{}\n{}\n{}\n\n{}\n", lines[0], lines[1], lines[2], lines[4]);
    let root_b = {
        let mut r = tree6.root().hash;
        r.0[0] ^= 1;
        b64(&r)
    };
    let wrong_root = cp.replace(lines[2], &root_b);
    let other_origin = Checkpoint {
        origin: "other.gov.cn/log".into(),
        size: 6,
        root: tree6.root().hash,
    }
    .sign(bureau)
    .expect("sign")
    .to_text();
    let ext = format!("{}\n{}\n{}\nextension\n", lines[0], lines[1], lines[2]);
    let mut with_ext = dualdraw::core::log::Note::new(&ext).expect("text");
    for s in bureau {
        with_ext.push(s.sign_note_text(&ext).expect("sign"));
    }
    let empty_nonroot = Checkpoint {
        origin: ORIGIN.into(),
        size: 0,
        root: Hash([0; 32]),
    }
    .text();
    let mut empty_bad = dualdraw::core::log::Note::new(&empty_nonroot).expect("text");
    for s in bureau {
        empty_bad.push(s.sign_note_text(&empty_nonroot).expect("sign"));
    }
    let incl = prove_entry(&entries[3], &tree6, cp6.clone())
        .expect("in tree")
        .to_text();
    let incl_lines: Vec<&str> = incl.lines().collect();
    let flipped_path = {
        let h = incl_lines[3];
        let other = if h.starts_with('A') {
            h.replacen('A', "B", 1)
        } else {
            format!("A{}", &h[1..])
        };
        incl.replacen(h, &other, 1)
    };
    let mut tampered_entry = entries[3].clone();
    tampered_entry.body = tampered_entry
        .body
        .replace("\"targets\":3", "\"targets\":4");
    let tampered_extra = {
        use base64::Engine;
        let line = serde_json::to_string(&tampered_entry).expect("json");
        let extra = base64::engine::general_purpose::STANDARD.encode(line);
        let mut l: Vec<String> = incl.lines().map(str::to_string).collect();
        l[1] = format!("extra {extra}");
        l.join("\n") + "\n"
    };
    let wrong_index = incl.replacen("index 3\n", "index 2\n", 1);
    let cons = AddCheckpoint {
        old: 4,
        proof: tree6.prove_consistency(4).expect("4 ≤ 6"),
        checkpoint: cp6.clone(),
    };
    let mut bad_cons = cons.clone();
    bad_cons.proof.path[0].0[31] ^= 0x80;
    let mut wrong_old = cons.clone();
    wrong_old.old = 3;
    let cos_lines: Vec<&str> = cosigned.lines().collect();
    let cos_last = cos_lines.last().copied().unwrap_or_default();
    let bumped_ts = {
        use base64::Engine;
        let e = base64::engine::general_purpose::STANDARD;
        let b64part = cos_last.rsplit(' ').next().unwrap_or_default();
        let mut bytes = e.decode(b64part).expect("b64");
        bytes[11] ^= 1; // the timestamp's last byte
        cosigned.replace(b64part, &e.encode(bytes))
    };
    let vkey = VerifierKey::parse(&bureau[0].verifier().vkey())
        .expect("vkey")
        .vkey();
    let bad_id = {
        let mut p: Vec<&str> = vkey.splitn(3, '+').collect();
        p[1] = "00000000";
        p.join("+")
    };
    let big = format!("{}\n\n{}", "x".repeat(70_000), lines[4]);
    vec![
        negative(
            "checkpoint-missing-sm2",
            "checkpoint",
            only_ed,
            "checkpoint-missing-signature",
            "both bureau keys are given and the SM2 line is missing",
        ),
        negative(
            "checkpoint-wrong-root",
            "checkpoint",
            wrong_root,
            "note-bad-signature",
            "the root was changed after signing: a known key's signature fails",
        ),
        negative(
            "checkpoint-other-origin",
            "checkpoint",
            other_origin,
            "checkpoint-unknown-origin",
            "the origin is not the bureau's name",
        ),
        negative(
            "checkpoint-extension-line",
            "checkpoint",
            with_ext.to_text(),
            "checkpoint-bad-text",
            "log v1 checkpoints have exactly three lines",
        ),
        negative(
            "checkpoint-size-0-root",
            "checkpoint",
            empty_bad.to_text(),
            "checkpoint-empty-root",
            "a size-0 checkpoint must carry SHA-256(\"\")",
        ),
        negative(
            "note-too-large",
            "checkpoint",
            big,
            "note-too-large",
            "notes over 64 KiB are refused",
        ),
        negative(
            "note-control-character",
            "checkpoint",
            cp.replacen('\n', "\r\n", 1),
            "note-control-character",
            "control characters other than newline are refused",
        ),
        negative(
            "inclusion-flipped-hash",
            "inclusion",
            flipped_path,
            "inclusion-failed",
            "a path hash was changed",
        ),
        negative(
            "inclusion-tampered-entry",
            "inclusion",
            tampered_extra,
            "entry-hash-mismatch",
            "the entry's body was changed: its fields no longer give its hash",
        ),
        negative(
            "inclusion-wrong-index",
            "inclusion",
            wrong_index,
            "entry-index-mismatch",
            "index must be seq − 1",
        ),
        negative(
            "consistency-flipped-hash",
            "consistency",
            bad_cons.to_text(),
            "consistency-root-mismatch",
            "a proof hash was changed (older: the size-4 checkpoint)",
        ),
        negative(
            "consistency-wrong-old",
            "consistency",
            wrong_old.to_text(),
            "consistency-old-size",
            "old is not the older checkpoint's size (older: the size-4 checkpoint)",
        ),
        negative(
            "cosignature-timestamp-changed",
            "cosigned_checkpoint",
            bumped_ts,
            "note-bad-signature",
            "the cosignature's timestamp is signed",
        ),
        negative(
            "vkey-wrong-key-id",
            "vkey",
            bad_id,
            "key-id-mismatch",
            "the key ID is not SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4]",
        ),
        negative(
            "file-signature-other-bytes",
            "file_signature",
            file_sig.to_string(),
            "file-mismatch",
            "the file content given is not the signed one (content: the notice with one more newline)",
        ),
        negative(
            "attestation-verdict-changed",
            "attestation",
            attestation.replace("verdict valid", "verdict invalid"),
            "note-bad-signature",
            "the verdict was changed after signing",
        ),
        negative(
            "fork-claims-same-root",
            "fork",
            fork.replacen("same-size", "rollback", 1),
            "fork-not-shown",
            "a rollback needs the second checkpoint to be smaller",
        ),
    ]
}

/// Runs each negative case through the Rust verifier.
fn check_negatives(v: &Value) {
    let keys = |names: &[&str]| {
        names
            .iter()
            .map(|n| {
                VerifierKey::parse(v["keys"][n]["vkey"].as_str().expect("vkey")).expect("parse")
            })
            .collect::<Vec<_>>()
    };
    let bureau = LogKeys::new(keys(&["bureau_ed25519", "bureau_sm2"])).expect("bureau");
    let auditor = LogKeys::new(keys(&["auditor_ed25519", "auditor_sm2"])).expect("auditor");
    let cosigner = keys(&["cosigner"]);
    let older = SignedCheckpoint::parse(
        v["checkpoints"][4]["signed"]
            .as_str()
            .expect("cp4")
            .as_bytes(),
    )
    .expect("parse")
    .verify(&bureau, &[])
    .expect("verify");
    for n in v["negative"].as_array().expect("negative") {
        let input = n["input"].as_str().expect("input").as_bytes();
        let got: String = match n["check"].as_str().expect("check") {
            "checkpoint" => SignedCheckpoint::parse(input)
                .and_then(|c| c.verify(&bureau, &[]))
                .err()
                .map(|e| e.kind().into()),
            "cosigned_checkpoint" => SignedCheckpoint::parse(input)
                .and_then(|c| c.verify(&bureau, &cosigner))
                .err()
                .map(|e| e.kind().into()),
            "inclusion" => verify_entry_proof(input, &bureau, &[])
                .err()
                .map(|e| e.kind().into()),
            "consistency" => AddCheckpoint::parse(input)
                .and_then(|b| b.verify_extends(&older, &bureau, &[]))
                .err()
                .map(|e| e.kind().into()),
            "vkey" => VerifierKey::parse(n["input"].as_str().unwrap_or_default())
                .err()
                .map(|e| e.kind().into()),
            "file_signature" => match FileSignature::verify(input, &bureau) {
                Err(e) => Some(e.kind().into()),
                Ok(s) => {
                    let content = format!(
                        "{}\n",
                        v["file_signature"]["content"].as_str().unwrap_or_default()
                    );
                    (!s.matches(&s.file_name, content.as_bytes())).then(|| "file-mismatch".into())
                }
            },
            "attestation" => Attestation::verify(input, &auditor)
                .err()
                .map(|e| e.kind().into()),
            "fork" => ForkProof::parse(input)
                .and_then(|f| f.verify(&bureau))
                .err()
                .map(|e| e.kind().into()),
            other => panic!("unknown check {other}"),
        }
        .unwrap_or_else(|| "accepted".into());
        assert_eq!(
            got,
            n["error_kind"].as_str().expect("kind"),
            "{}",
            n["name"]
        );
    }
}

/// The positive cases verify with the Rust verifier.
fn check_positives(v: &Value) {
    let vk =
        |n: &str| VerifierKey::parse(v["keys"][n]["vkey"].as_str().expect("vkey")).expect("parse");
    let bureau = LogKeys::new(vec![vk("bureau_ed25519"), vk("bureau_sm2")]).expect("bureau");
    for p in v["inclusion"].as_array().expect("inclusion") {
        let (entry, cp) =
            verify_entry_proof(p["proof"].as_str().expect("proof").as_bytes(), &bureau, &[])
                .expect("inclusion verifies");
        assert_eq!(cp.checkpoint().size, p["size"].as_u64().expect("size"));
        if entry.kind == "draw" {
            let d = &v["draw"];
            check_draw_entry(
                &entry,
                d["campaign"].as_str().expect("campaign"),
                d["proof_file"].as_str().expect("file").as_bytes(),
                &Hash::from_hex(d["announcement_hash"].as_str().expect("hash")).expect("hex"),
            )
            .expect("the draw is this proof's");
        }
    }
    for c in v["consistency"].as_array().expect("consistency") {
        let older =
            SignedCheckpoint::parse(c["older_checkpoint"].as_str().expect("older").as_bytes())
                .expect("older")
                .verify(&bureau, &[])
                .expect("older verifies");
        AddCheckpoint::parse(c["body"].as_str().expect("body").as_bytes())
            .expect("parse")
            .verify_extends(&older, &bureau, &[])
            .expect("consistency verifies");
    }
    let cosigned =
        SignedCheckpoint::parse(v["cosigned"]["checkpoint"].as_str().expect("cp").as_bytes())
            .expect("parse")
            .verify(&bureau, &[vk("cosigner")])
            .expect("cosigned verifies");
    assert_eq!(cosigned.cosignatures().len(), 1);
    let fork = ForkProof::parse(v["fork_proof"]["text"].as_str().expect("fork").as_bytes())
        .expect("fork parses");
    assert!(fork.verify(&bureau).expect("fork verifies").conclusive);
    let sig = FileSignature::verify(
        v["file_signature"]["sig"].as_str().expect("sig").as_bytes(),
        &bureau,
    )
    .expect("file sig");
    assert!(
        sig.matches(
            "2026-A1.notice.txt",
            v["file_signature"]["content"]
                .as_str()
                .expect("c")
                .as_bytes()
        )
    );
    let auditor = LogKeys::new(vec![vk("auditor_ed25519"), vk("auditor_sm2")]).expect("auditor");
    Attestation::verify(
        v["attestation"]["signed"].as_str().expect("att").as_bytes(),
        &auditor,
    )
    .expect("attestation");
}

#[test]
fn log_v1_vectors_match_and_verify() {
    let built = build();
    if std::env::var_os("DUALDRAW_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&built).expect("json") + "\n";
        std::fs::write(path(), text).expect("write vectors");
    }
    let stored: Value =
        serde_json::from_str(&std::fs::read_to_string(path()).expect("tests/vectors/log-v1.json"))
            .expect("json");
    assert_eq!(
        stored, built,
        "log-v1.json differs from what the code makes (DUALDRAW_BLESS=1 rewrites it)"
    );
    check_positives(&stored);
    check_negatives(&stored);
}
