//! Key rotation and revocation vectors, `tests/vectors/log-keys-v1.json`
//! (`docs/LOG.md` §8): written by this test under `DUALDRAW_BLESS=1`, checked
//! against it otherwise; the page (`web/`) and the Python reference
//! (`tests/vectors/verify_log.py`) read the same file.
//!
//! A seven-entry ledger whose entry 4 rotates the bureau's keys (generation 0
//! → 1) and entry 6 revokes generation 1 for generation 2. A reader holding
//! generation 0 and both statements must accept the checkpoints and file
//! signatures listed under `accept` and refuse those under `refuse` with the
//! stated `error_kind`.

use dualdraw::core::log::{
    Checkpoint, FileSignature, KeyType, LogKeys, SignedCheckpoint, Signer, VerifierKey,
};
use dualdraw::ledger::Entry;
use dualdraw::ledger::keys::{KeyAction, KeyChain, key_entry_body};
use dualdraw::ledger::log::{ledger_tree, prove_entry, verify_entry_proof};
use serde_json::{Value, json};

const ORIGIN: &str = "scjg.520123.gov.cn/dualdraw";
/// Generation g's Ed25519 seed and SM2 scalar: bytes `0x11 + 0x22·g`,
/// `0x22 + 0x22·g` repeated (generation 0 is log-v1.json's bureau).
const SECRETS: [([u8; 32], [u8; 32]); 3] = [
    ([0x11; 32], [0x22; 32]),
    ([0x33; 32], [0x44; 32]),
    ([0x55; 32], [0x66; 32]),
];

fn path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/log-keys-v1.json")
}

fn generation(g: usize) -> [Signer; 2] {
    let (ed, sm2) = &SECRETS[g];
    [
        Signer::from_secret(ORIGIN, KeyType::Ed25519, ed).expect("fixed key"),
        Signer::from_secret(ORIGIN, KeyType::Sm2, sm2).expect("fixed key"),
    ]
}

fn verifiers(s: &[Signer; 2]) -> Vec<VerifierKey> {
    s.iter().map(|k| k.verifier().clone()).collect()
}

fn ledger(bodies: &[(&str, String)]) -> Vec<Entry> {
    let mut prev = dualdraw::core::merkle::Hash([0; 32]);
    let mut out = Vec::new();
    for (i, (kind, body)) in bodies.iter().enumerate() {
        let campaign = if *kind == "key" { "" } else { "2026-A1" };
        let e = Entry::new(
            i as u64 + 1,
            prev,
            kind,
            campaign,
            &format!("2026-04-0{}T02:00:00Z", i + 1),
            "王科长",
            "",
            body.clone(),
        );
        prev = e.hash;
        out.push(e);
    }
    out
}

fn sign(entries: &[Entry], size: usize, signers: &[&Signer]) -> SignedCheckpoint {
    let tree = ledger_tree(&entries[..size]);
    Checkpoint {
        origin: ORIGIN.into(),
        size: tree.size(),
        root: tree.root().hash,
    }
    .sign(signers)
    .expect("sign")
}

/// The inclusion proof of entry `seq` in a checkpoint of `size` signed by `signers`.
fn statement(entries: &[Entry], seq: usize, size: usize, signers: &[&Signer]) -> String {
    let tree = ledger_tree(&entries[..size]);
    prove_entry(&entries[seq - 1], &tree, sign(entries, size, signers))
        .expect("in tree")
        .to_text()
}

fn bodies(g: &[[Signer; 2]; 3], rotate_old: usize, action: &str) -> Vec<(&'static str, String)> {
    let body = |a: KeyAction, old: usize, new: usize, reason: &str| {
        key_entry_body(a, &verifiers(&g[old]), &verifiers(&g[new]), reason).to_string()
    };
    let mut rotate = body(KeyAction::Rotate, rotate_old, 1, "年度轮换");
    if action != "rotate" {
        rotate = rotate.replace("\"rotate\"", &format!("\"{action}\""));
    }
    vec![
        ("announcement", "{\"announcement_hash\":\"00\"}".into()),
        ("reveal", "{\"witness\":\"w1\"}".into()),
        ("reveal", "{\"witness\":\"w2\"}".into()),
        ("key", rotate),
        ("draw", "{\"targets\":3}".into()),
        ("key", body(KeyAction::Revoke, 1, 2, "私钥泄露")),
        ("announcement", "{\"announcement_hash\":\"01\"}".into()),
    ]
}

fn both<'a>(a: &'a [Signer; 2], b: &'a [Signer; 2]) -> Vec<&'a Signer> {
    a.iter().chain(b.iter()).collect()
}

fn build() -> Value {
    let g = [generation(0), generation(1), generation(2)];
    let one = |i: usize| g[i].iter().collect::<Vec<_>>();
    let entries = ledger(&bodies(&g, 0, "rotate"));
    let s1 = statement(&entries, 4, 4, &both(&g[0], &g[1]));
    let s2 = statement(&entries, 6, 6, &both(&g[1], &g[2]));
    let notice = "市场监管局 2026-A1 抽查结果公告\n";
    let file_sig = |i: usize| {
        FileSignature::of(ORIGIN, "2026-A1.notice.txt", notice.as_bytes())
            .sign(&one(i))
            .expect("sign")
    };
    let keys = |i: usize| {
        g[i].iter()
            .map(|s| json!({"type": s.verifier().key_type().as_str(), "vkey": s.verifier().vkey(), "fingerprint": s.verifier().fingerprint()}))
            .collect::<Vec<_>>()
    };
    // Refusals built from other ledgers.
    let other_keys = ledger(&bodies(&g, 2, "rotate"));
    let bad_action = ledger(&bodies(&g, 0, "replace"));
    let refuse = vec![
        json!({"name": "checkpoint-by-retired-keys", "check": "checkpoint", "statements": [0, 1],
            "input": sign(&entries, 5, &one(0)).to_text(), "error_kind": "key-retired",
            "why": "size 5 is after the rotation at 4: generation 0 no longer signs"}),
        json!({"name": "checkpoint-by-revoked-keys", "check": "checkpoint", "statements": [0, 1],
            "input": sign(&entries, 7, &one(1)).to_text(), "error_kind": "key-revoked",
            "why": "size 7 is after the revocation at 6: generation 1 was revoked"}),
        json!({"name": "file-by-revoked-keys", "check": "file_signature", "statements": [0, 1],
            "input": file_sig(1), "error_kind": "key-revoked",
            "why": "a revoked key's file signatures are refused"}),
        json!({"name": "statement-not-last", "check": "chain", "statements": [],
            "input": statement(&entries, 4, 5, &both(&g[0], &g[1])), "error_kind": "key-statement-not-last",
            "why": "the key entry must be the checkpoint's last leaf"}),
        json!({"name": "statement-unsigned-by-new", "check": "chain", "statements": [],
            "input": statement(&entries, 4, 4, &one(0)), "error_kind": "key-statement-unsigned-by-new",
            "why": "the new keys must sign the statement's checkpoint"}),
        json!({"name": "statement-other-keys", "check": "chain", "statements": [],
            "input": statement(&other_keys, 4, 4, &both(&g[0], &g[1])), "error_kind": "key-statement-other-keys",
            "why": "its old keys are generation 2, not the keys in force"}),
        json!({"name": "statement-not-key-entry", "check": "chain", "statements": [],
            "input": statement(&entries, 3, 3, &one(0)), "error_kind": "key-statement-not-key-entry",
            "why": "entry 3 is a reveal"}),
        json!({"name": "statement-bad-action", "check": "chain", "statements": [],
            "input": statement(&bad_action, 4, 4, &both(&g[0], &g[1])), "error_kind": "key-statement-bad-body",
            "why": "action must be rotate or revoke"}),
        json!({"name": "statement-out-of-order", "check": "chain", "statements": [],
            "input": s2.clone(), "error_kind": "note-no-known-signature",
            "why": "statement 2 is signed by generations 1 and 2: without statement 1 the reader's generation 0 has no signature on it"}),
    ];
    let accept = vec![
        json!({"name": "before-rotation", "check": "checkpoint", "input": sign(&entries, 3, &one(0)).to_text(), "keys_generation": 0}),
        json!({"name": "between", "check": "checkpoint", "input": sign(&entries, 5, &one(1)).to_text(), "keys_generation": 1}),
        json!({"name": "after-revocation", "check": "checkpoint", "input": sign(&entries, 7, &one(2)).to_text(), "keys_generation": 2}),
        json!({"name": "inclusion-between", "check": "inclusion", "input": statement(&entries, 5, 5, &one(1)), "keys_generation": 1}),
        json!({"name": "file-by-current-keys", "check": "file_signature", "input": file_sig(2), "retired_at": null}),
        json!({"name": "file-by-rotated-keys", "check": "file_signature", "input": file_sig(0), "retired_at": 4}),
    ];
    json!({
        "format": "dualdraw-log-key-vectors/v1",
        "spec": "docs/LOG.md §8 (log v1)",
        "note": "Written by tests/log_key_vectors.rs under DUALDRAW_BLESS=1. The reader starts from generation 0's keys; `statements` lists indexes into `statements` given with the case (in that order), `accept` cases use both.",
        "origin": ORIGIN,
        "generations": [keys(0), keys(1), keys(2)],
        "ledger": entries,
        "statements": [
            {"seq": 4, "size": 4, "action": "rotate", "reason": "年度轮换", "text": s1},
            {"seq": 6, "size": 6, "action": "revoke", "reason": "私钥泄露", "text": s2},
        ],
        "file": {"name": "2026-A1.notice.txt", "content": notice},
        "accept": accept,
        "refuse": refuse,
    })
}

fn initial(v: &Value) -> LogKeys {
    LogKeys::new(
        v["generations"][0]
            .as_array()
            .expect("gen 0")
            .iter()
            .map(|k| VerifierKey::parse(k["vkey"].as_str().expect("vkey")).expect("vkey"))
            .collect(),
    )
    .expect("keys")
}

fn statements(v: &Value, which: &[usize]) -> Vec<Vec<u8>> {
    which
        .iter()
        .map(|&i| {
            v["statements"][i]["text"]
                .as_str()
                .expect("text")
                .as_bytes()
                .to_vec()
        })
        .collect()
}

fn check(v: &Value) {
    let all = statements(v, &[0, 1]);
    let chain = KeyChain::new(initial(v), &all).expect("both statements verify");
    assert_eq!(chain.statements().len(), 2);
    let content = v["file"]["content"].as_str().expect("content").as_bytes();
    let generation_of = |keys: &LogKeys| -> usize {
        (0..3)
            .find(|&g| {
                v["generations"][g][0]["vkey"].as_str() == Some(keys.keys()[0].vkey().as_str())
            })
            .expect("a generation")
    };
    for a in v["accept"].as_array().expect("accept") {
        let input = a["input"].as_str().expect("input").as_bytes();
        match a["check"].as_str().expect("check") {
            "checkpoint" => {
                let c = SignedCheckpoint::parse(input).expect("parse");
                let keys = chain
                    .keys_checked_for(&c)
                    .unwrap_or_else(|e| panic!("{}: {e}", a["name"]));
                c.verify(keys, &[]).expect("verifies");
                assert_eq!(
                    generation_of(keys),
                    a["keys_generation"].as_u64().expect("g") as usize
                );
            }
            "inclusion" => {
                let p = dualdraw::core::log::InclusionProofText::parse(input).expect("parse");
                let keys = chain.keys_checked_for(&p.checkpoint).expect("keys");
                verify_entry_proof(input, keys, &[]).expect("inclusion verifies");
                assert_eq!(
                    generation_of(keys),
                    a["keys_generation"].as_u64().expect("g") as usize
                );
            }
            "file_signature" => {
                let (s, retired) = chain.verify_file_signature(input).expect("file sig");
                assert!(s.matches("2026-A1.notice.txt", content));
                assert_eq!(retired, a["retired_at"].as_u64());
            }
            other => panic!("unknown check {other}"),
        }
    }
    for r in v["refuse"].as_array().expect("refuse") {
        let input = r["input"].as_str().expect("input").as_bytes();
        let which: Vec<usize> = r["statements"]
            .as_array()
            .expect("statements")
            .iter()
            .map(|i| i.as_u64().expect("index") as usize)
            .collect();
        let got = match r["check"].as_str().expect("check") {
            "chain" => KeyChain::new(initial(v), &[input.to_vec()])
                .err()
                .map(|e| e.kind().to_string()),
            "checkpoint" => {
                let chain = KeyChain::new(initial(v), &statements(v, &which)).expect("chain");
                let c = SignedCheckpoint::parse(input).expect("parse");
                chain
                    .keys_checked_for(&c)
                    .err()
                    .map(|e| e.kind().to_string())
            }
            "file_signature" => {
                let chain = KeyChain::new(initial(v), &statements(v, &which)).expect("chain");
                chain
                    .verify_file_signature(input)
                    .err()
                    .map(|e| e.kind().to_string())
            }
            other => panic!("unknown check {other}"),
        }
        .unwrap_or_else(|| "accepted".into());
        assert_eq!(
            got,
            r["error_kind"].as_str().expect("kind"),
            "{}",
            r["name"]
        );
    }
}

#[test]
fn log_key_vectors_match_and_verify() {
    let built = build();
    if std::env::var_os("DUALDRAW_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&built).expect("json") + "\n";
        std::fs::write(path(), text).expect("write vectors");
    }
    let stored: Value = serde_json::from_str(
        &std::fs::read_to_string(path()).expect("tests/vectors/log-keys-v1.json"),
    )
    .expect("json");
    assert_eq!(
        stored, built,
        "log-keys-v1.json differs from what the code makes (DUALDRAW_BLESS=1 rewrites it)"
    );
    check(&stored);
}
