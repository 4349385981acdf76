//! Black-box tests of the signed log (`docs/LOG.md`): keys, checkpoints after
//! announcements and draws, inclusion and consistency proofs, a cosigner
//! following the log, a rebuilt ledger caught as a fork, rollbacks and
//! tampered checkpoints refused. Each runs the real binary.

mod log_support;

use log_support::*;

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777
}

#[test]
#[cfg(unix)]
fn key_files_are_owner_only_and_secrets_never_printed() {
    let c = County::new(true);
    assert_eq!(mode(&c.path().join(WS).join("keys")), 0o700);
    assert_eq!(mode(&c.path().join(WS).join("keys/log.key")), 0o600);
    let show = c.dd(&["key", "show"]);
    show.expect(0);
    let file: Value =
        serde_json::from_str(&c.read(&format!("{WS}/keys/log.key"))).expect("key file");
    for secret in [&file["ed25519"], &file["sm2"]] {
        assert!(!show.all().contains(secret.as_str().expect("secret")));
    }
    let v = c.json(&["key", "show"], 0);
    assert_eq!(v["keys"][0]["type"], "ed25519");
    assert_eq!(v["keys"][1]["type"], "sm2");
    assert!(
        v["keys"][1]["vkey"]
            .as_str()
            .expect("vkey")
            .starts_with(&format!("{ORIGIN}+"))
    );
    // Made once: a second `key new` is refused and the file kept.
    let before = c.read(&format!("{WS}/keys/log.key"));
    c.dd(&["key", "new", "--name", "other"]).expect(1);
    assert_eq!(c.read(&format!("{WS}/keys/log.key")), before);
    // The cosigner's state file too.
    c.raw(&["cosigner", "new", "--name", "w1", "--out", "w.state"])
        .expect(0);
    assert_eq!(mode(&c.path().join("w.state")), 0o600);
}

#[test]
fn a_workspace_without_keys_keeps_working_and_says_so() {
    let c = County::new(false);
    let r = c.announce("2026-A1", "2026-03-01T09:00:00+08:00");
    r.expect(0);
    assert!(!r.stdout.contains("检查点"), "{}", r.stdout);
    c.dd(&["ledger", "verify"]).expect(0).has("没有签名密钥");
    c.dd(&["--lang", "en", "ledger", "verify"])
        .expect(0)
        .has("no signing keys");
    c.dd(&["ledger", "checkpoint"]).expect(1).has("key new");
}

#[test]
fn a_draw_then_its_inclusion_proof_verifies_and_a_tampered_one_does_not() {
    let c = County::new(true);
    c.announce("2026-A1", "2026-03-01T09:00:00+08:00")
        .expect(0)
        .has("已签署检查点")
        .has("机关现行公钥")
        .has(&format!("{ORIGIN}+"));
    c.draw("2026-A1", "2026-03-02T09:30:00+08:00")
        .expect(0)
        .has("已签署检查点");
    c.dd(&[
        "ledger",
        "prove-inclusion",
        "--campaign",
        "2026-A1",
        "--out",
        "incl.txt",
    ])
    .expect(0);
    let keys = c.log_key_args();
    let r = c.raw(&args(
        &["--json", "ledger", "verify-proof", "incl.txt"],
        &keys,
    ));
    r.expect(0);
    let v = r.json();
    assert_eq!(v["verified"], true);
    assert_eq!(v["kind"], "draw");
    assert_eq!(v["campaign"], "2026-A1");
    assert_eq!(v["seq"], v["size"], "the draw is the last entry");
    c.raw(&args(&["ledger", "verify-proof", "incl.txt"], &keys))
        .expect(0)
        .has("核验通过");
    // A reader with only the Ed25519 key checks that one.
    c.raw(&args(&["ledger", "verify-proof", "incl.txt"], &keys[..2]))
        .expect(0);
    // One changed hash line: refused with a stable kind.
    let text = c.read("incl.txt");
    let hash_line = text.lines().nth(3).expect("a path line").to_string();
    let flipped = if hash_line.starts_with('A') {
        hash_line.replacen('A', "B", 1)
    } else {
        format!("A{}", &hash_line[1..])
    };
    c.write("bad.txt", &text.replacen(&hash_line, &flipped, 1));
    let r = c.raw(&args(
        &["--json", "ledger", "verify-proof", "bad.txt"],
        &keys,
    ));
    r.expect(1);
    assert_eq!(r.json()["error"]["kind"], "inclusion-failed");
    c.dd(&["ledger", "verify"])
        .expect(0)
        .has("签名有效，且与台账一致");
}

#[test]
fn consistency_between_two_checkpoints_across_more_announcements() {
    let c = County::new(true);
    c.announce("2026-A1", "2026-03-01T09:00:00+08:00").expect(0);
    c.draw("2026-A1", "2026-03-02T09:30:00+08:00").expect(0);
    let first = c.json(&["ledger", "checkpoint"], 0);
    c.write(
        "older.txt",
        first["checkpoint"].as_str().expect("checkpoint"),
    );
    let old = first["size"].as_u64().expect("size");
    for (id, at) in [
        ("2026-A2", "2026-03-03T09:00:00+08:00"),
        ("2026-A3", "2026-03-04T09:00:00+08:00"),
    ] {
        c.announce(id, at).expect(0);
    }
    assert!(c.ledger_size() > old);
    c.consistency(old, "cons.txt");
    let keys = c.log_key_args();
    let r = c.raw(&args(
        &[
            "--json",
            "ledger",
            "verify-proof",
            "cons.txt",
            "--older",
            "older.txt",
        ],
        &keys,
    ));
    r.expect(0);
    assert_eq!(r.json()["old"], old);
    // Against another older checkpoint (size 1), the same proof fails.
    c.consistency(1, "from1.txt");
    let body = c.read("from1.txt");
    c.write(
        "wrong.txt",
        &body.replacen("old 1\n", &format!("old {old}\n"), 1),
    );
    let r = c.raw(&args(
        &[
            "--json",
            "ledger",
            "verify-proof",
            "wrong.txt",
            "--older",
            "older.txt",
        ],
        &keys,
    ));
    r.expect(1);
}

#[test]
fn a_cosigner_follows_the_log_for_several_rounds() {
    let c = County::new(true);
    c.new_cosigner();
    let mut held = 0;
    let rounds = [
        ("2026-A1", "2026-03-01T09:00:00+08:00"),
        ("2026-A2", "2026-03-02T09:00:00+08:00"),
        ("2026-A3", "2026-03-03T09:00:00+08:00"),
    ];
    for (i, (id, at)) in rounds.iter().enumerate() {
        c.announce(id, at).expect(0);
        let file = format!("req{i}.txt");
        c.consistency(held, &file);
        let r = c.cosign(&file);
        r.expect(0);
        let v = r.json();
        assert_eq!(v["origin"], ORIGIN);
        held = v["size"].as_u64().expect("size");
        assert_eq!(held, c.ledger_size());
        assert!(
            v["cosignature"]
                .as_str()
                .expect("line")
                .starts_with("— jiandu.example.cn/witness-1 ")
        );
    }
    // A request from another size than the one held (409).
    c.consistency(1, "stale.txt");
    let r = c.cosign("stale.txt");
    r.expect(1);
    assert_eq!(r.json()["error"]["kind"], "cosigner-conflict");
    // The cosigned checkpoint verifies with the cosigner's key.
    c.consistency(held, "last.txt");
    let r = c.raw(&[
        "cosigner",
        "cosign",
        "--state",
        "w.state",
        "last.txt",
        "--out",
        "cosigned.txt",
    ]);
    r.expect(0);
    let state: Value = serde_json::from_str(&c.read("w.state")).expect("state");
    assert!(
        state["logs"][ORIGIN]["checkpoint"]
            .as_str()
            .expect("held")
            .contains("witness-1")
    );
    // A policy of one cosigner, quorum 1: met by the cosigned checkpoint,
    // not by the bureau's alone.
    let cosigner_vkey = dualdraw::core::log::CosignerState {
        format: state["format"].as_str().expect("format").into(),
        name: state["name"].as_str().expect("name").into(),
        secret: state["secret"].as_str().expect("secret").into(),
        logs: Default::default(),
    }
    .signer()
    .expect("key")
    .verifier()
    .vkey();
    c.write(
        "policy.toml",
        &format!("cosigners = [\"{cosigner_vkey}\"]\nquorum = 1\n"),
    );
    let keys = c.log_key_args();
    let older = format!("{WS}/checkpoints/{held}.txt");
    c.write(
        "cosigned-body.txt",
        &format!("old {held}\n\n{}", c.read("cosigned.txt")),
    );
    let r = c.raw(&args(
        &[
            "--json",
            "ledger",
            "verify-proof",
            "cosigned-body.txt",
            "--older",
            &older,
            "--policy",
            "policy.toml",
        ],
        &keys,
    ));
    r.expect(0);
    assert_eq!(r.json()["policy"]["met"], true);
    let r = c.raw(&args(
        &[
            "--json",
            "ledger",
            "verify-proof",
            "last.txt",
            "--older",
            &older,
            "--policy",
            "policy.toml",
        ],
        &keys,
    ));
    r.expect(1);
    assert_eq!(r.json()["error"]["kind"], "quorum-not-met");
}

#[test]
fn a_rebuilt_ledger_is_caught_as_a_fork_and_verify_fork_confirms_it() {
    let c = County::new(true);
    c.new_cosigner();
    c.announce("2026-A1", "2026-03-01T09:00:00+08:00").expect(0);
    c.draw("2026-A1", "2026-03-02T09:30:00+08:00").expect(0);
    c.consistency(0, "req.txt");
    c.cosign("req.txt").expect(0);
    let keys = c.log_key_args();
    // The bureau deletes the workspace, keeps its keys, redoes the campaign
    // (another announcement time) and signs the new ledger.
    c.rebuild(false);
    let size = c.ledger_size();
    c.consistency(size, "rebuilt.txt");
    let r = c.raw(&[
        "--json",
        "cosigner",
        "cosign",
        "--state",
        "w.state",
        "rebuilt.txt",
        "--fork-proof",
        "fork.txt",
    ]);
    r.expect(1);
    assert_eq!(r.json()["error"]["kind"], "fork-same-size");
    let v = {
        let r = c.raw(&args(&["--json", "verify-fork", "fork.txt"], &keys));
        r.expect(0);
        r.json()
    };
    assert_eq!(v["fork"], true);
    assert_eq!(v["conclusive"], true);
    c.raw(&args(&["verify-fork", "fork.txt"], &keys))
        .expect(0)
        .has("分叉成立");
    // Another log's keys do not establish it.
    let other = County::new(true);
    let other_keys = other.log_key_args();
    c.raw(&args(&["verify-fork", "fork.txt"], &other_keys))
        .expect(1);
}

#[test]
fn a_rollback_is_refused_with_a_fork_proof() {
    let c = County::new(true);
    c.new_cosigner();
    c.announce("2026-A1", "2026-03-01T09:00:00+08:00").expect(0);
    let early = c.json(&["ledger", "checkpoint"], 0);
    c.draw("2026-A1", "2026-03-02T09:30:00+08:00").expect(0);
    c.consistency(0, "req.txt");
    c.cosign("req.txt").expect(0);
    // The older, smaller checkpoint offered again.
    c.write(
        "old.txt",
        &format!("old 0\n\n{}", early["checkpoint"].as_str().expect("cp")),
    );
    let r = c.raw(&[
        "--json",
        "cosigner",
        "cosign",
        "--state",
        "w.state",
        "old.txt",
        "--fork-proof",
        "fork.txt",
    ]);
    r.expect(1);
    assert_eq!(r.json()["error"]["kind"], "fork-rollback");
    let keys = c.log_key_args();
    let r = c.raw(&args(&["--json", "verify-fork", "fork.txt"], &keys));
    r.expect(0);
    assert_eq!(r.json()["kind"], "rollback");
    assert_eq!(r.json()["conclusive"], false);
}

#[test]
fn a_tampered_checkpoint_is_refused() {
    let c = County::new(true);
    c.new_cosigner();
    c.announce("2026-A1", "2026-03-01T09:00:00+08:00").expect(0);
    c.consistency(0, "req.txt");
    let body = c.read("req.txt");
    let lines: Vec<&str> = body.lines().collect();
    // lines: "old 0", "", origin, size, root, …
    let root = lines[4];
    let other = if root.starts_with('A') {
        root.replacen('A', "B", 1)
    } else {
        format!("A{}", &root[1..])
    };
    c.write("bad.txt", &body.replacen(root, &other, 1));
    let r = c.cosign("bad.txt");
    r.expect(1);
    assert_eq!(r.json()["error"]["kind"], "cosigner-unsigned");
    // The honest one is still accepted: nothing was recorded.
    c.cosign("req.txt").expect(0);
    // A checkpoint file changed in the workspace is caught by `ledger verify`.
    let size = c.ledger_size();
    let cp = format!("{WS}/checkpoints/{size}.txt");
    let text = c.read(&cp);
    c.write(&cp, &text.replacen(root, &other, 1));
    let r = c.json(&["ledger", "verify"], 1);
    assert_eq!(r["error"]["kind"], "checkpoint_mismatch");
}

#[test]
fn published_files_are_signed_and_verify_checks_signature_and_inclusion() {
    let c = County::new(true);
    c.announce("2026-A1", "2026-03-01T09:00:00+08:00").expect(0);
    c.draw("2026-A1", "2026-03-02T09:30:00+08:00").expect(0);
    let v = c.json(
        &[
            "publish",
            "2026-A1",
            "--out",
            "pub",
            "--now",
            "2026-03-02T10:00:00+08:00",
        ],
        0,
    );
    let files = v["files"].as_array().expect("files");
    let sigs = v["signatures"].as_array().expect("signatures");
    assert_eq!(files.len(), sigs.len());
    let proof = files
        .iter()
        .filter_map(|f| f["path"].as_str())
        .find(|p| p.ends_with(".proof.json") || p.ends_with("proof.json"))
        .expect("a proof file")
        .to_string();
    let sig = c.read(&format!("{proof}.sig"));
    assert!(
        sig.starts_with("dualdraw-file-signature/v1\nscjg.520123.gov.cn/dualdraw\n"),
        "{sig}"
    );
    c.dd(&[
        "ledger",
        "prove-inclusion",
        "--campaign",
        "2026-A1",
        "--out",
        "incl.txt",
    ])
    .expect(0);
    let keys = c.log_key_args();
    let r = c.raw(&args(&["verify", &proof, "--inclusion", "incl.txt"], &keys));
    r.expect(0);
    r.has("签名文件").has("正是这份抽取证明");
    // Another campaign's inclusion proof is not this draw's.
    c.dd(&[
        "ledger",
        "prove-inclusion",
        "--seq",
        "1",
        "--out",
        "first.txt",
    ])
    .expect(0);
    let r = c.raw(&args(
        &["--json", "verify", &proof, "--inclusion", "first.txt"],
        &keys,
    ));
    r.expect(1);
    assert_eq!(r.json()["error"]["kind"], "entry-not-this-draw");
    // A changed proof file no longer matches its signature.
    let text = c.read(&proof);
    c.write(&proof, &format!("{text} "));
    let r = c.raw(&args(&["--json", "verify", &proof], &keys));
    r.expect(1);
    assert_eq!(r.json()["error"]["kind"], "file-mismatch");
}

#[test]
fn an_auditor_attests_an_audit_level_verification() {
    use dualdraw::core::log::{Attestation, LogKeys, VerifierKey};
    let c = County::new(true);
    c.announce("2026-A1", "2026-03-01T09:00:00+08:00").expect(0);
    c.draw("2026-A1", "2026-03-02T09:30:00+08:00").expect(0);
    c.dd(&["attest", &format!("{WS}/proofs/2026-A1.json")])
        .expect(1)
        .has("key new --auditor");
    c.dd(&[
        "key",
        "new",
        "--auditor",
        "--name",
        "audit.example.cn/zhang",
    ])
    .expect(0);
    let v = c.json(
        &[
            "attest",
            &format!("{WS}/proofs/2026-A1.json"),
            "--out",
            "att.txt",
        ],
        0,
    );
    assert_eq!(v["verdict"], "valid");
    let keys: Vec<VerifierKey> = c.json(&["key", "show", "--auditor"], 0)["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .map(|k| VerifierKey::parse(k["vkey"].as_str().expect("vkey")).expect("vkey"))
        .collect();
    let att = Attestation::verify(
        c.read("att.txt").as_bytes(),
        &LogKeys::new(keys).expect("keys"),
    )
    .expect("the attestation verifies");
    assert!(att.valid);
    assert_eq!(att.campaign, "2026-A1");
    let proof = std::fs::read(c.path().join(WS).join("proofs/2026-A1.json")).expect("proof");
    assert_eq!(att.proof, dualdraw::core::merkle::Hash::digest(&proof));
}
