//! The signed log's tamper suite (issue 16, `docs/TRANSPARENCY.md`): each way
//! a bureau could rewrite what it published is caught, each with its own
//! error kind and message, by the real binary: a redraw with the ledger
//! rebuilt and re-signed (by a cosigner, and by a reader holding an older
//! checkpoint), a rollback, a replaced published notice, a signature by a key
//! that is not the bureau's, a missing cosignature under a policy that
//! requires one, and the key rotation and revocation paths (a retired key
//! signing after the rotation, a revoked key's signature, an interrupted
//! rotation finished by the next run).

mod log_support;

use log_support::*;
use std::collections::BTreeSet;

/// Runs `args` expecting exit 1; the error kind and message.
#[track_caller]
fn refused(c: &County, a: &[&str]) -> (String, String) {
    let mut v = vec!["--json"];
    v.extend_from_slice(a);
    let r = c.raw(&v);
    r.expect(1);
    let j = r.json();
    (
        j["error"]["kind"].as_str().expect("kind").to_string(),
        j["error"]["message"].as_str().expect("message").to_string(),
    )
}

/// The workspace's checkpoint now, kept by a reader in `file`.
fn keep_checkpoint(c: &County, file: &str) -> u64 {
    let v = c.json(&["ledger", "checkpoint"], 0);
    c.write(file, v["checkpoint"].as_str().expect("checkpoint"));
    v["size"].as_u64().expect("size")
}

#[test]
fn tamper_suite_each_rewrite_is_caught_with_its_own_kind_and_message() {
    let mut seen: Vec<(String, String, String)> = Vec::new();

    // 1. A redraw after publication, the ledger rebuilt and re-signed with
    //    the genuine keys: the cosigner refuses it with a fork proof, and a
    //    reader who kept the old checkpoint cannot be given a consistency
    //    proof to the new one.
    {
        let c = County::new(true);
        c.new_cosigner();
        c.announce("2026-A1", "2026-03-01T09:00:00+08:00").expect(0);
        c.draw("2026-A1", "2026-03-02T09:30:00+08:00").expect(0);
        c.consistency(0, "req.txt");
        c.cosign("req.txt").expect(0);
        let keys = c.log_key_args();
        let kept = keep_checkpoint(&c, "kept.txt");
        // A kept checkpoint verifies on its own.
        c.raw(&args(&["ledger", "verify-proof", "kept.txt"], &keys))
            .expect(0)
            .has("VERIFIED");
        c.rebuild(true);
        let size = c.ledger_size();
        assert!(size > kept);
        c.consistency(kept, "rebuilt.txt");
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
        let j = r.json();
        seen.push((
            "redraw (cosigner)".into(),
            j["error"]["kind"].as_str().expect("kind").into(),
            j["error"]["message"].as_str().expect("message").into(),
        ));
        assert_eq!(j["error"]["kind"], "fork-inconsistent");
        c.raw(&args(&["verify-fork", "fork.txt"], &keys)).expect(0);
        let (kind, message) = refused(
            &c,
            &args(
                &[
                    "ledger",
                    "verify-proof",
                    "rebuilt.txt",
                    "--older",
                    "kept.txt",
                ],
                &keys,
            ),
        );
        assert!(kind.starts_with("consistency"), "{kind}: {message}");
        seen.push((
            "redraw (reader with an older checkpoint)".into(),
            kind,
            message,
        ));
    }

    // 2. A rollback: the workspace restored from a copy made before the draw.
    {
        let c = County::new(true);
        c.new_cosigner();
        c.announce("2026-A1", "2026-03-01T09:00:00+08:00").expect(0);
        copy_dir(&c.path().join("d"), &c.path().join("backup"));
        c.draw("2026-A1", "2026-03-02T09:30:00+08:00").expect(0);
        c.consistency(0, "req.txt");
        c.cosign("req.txt").expect(0);
        std::fs::remove_dir_all(c.path().join("d")).expect("remove");
        copy_dir(&c.path().join("backup"), &c.path().join("d"));
        let size = c.ledger_size();
        c.consistency(size, "rolled.txt");
        let (kind, message) = refused(
            &c,
            &[
                "cosigner",
                "cosign",
                "--state",
                "w.state",
                "rolled.txt",
                "--fork-proof",
                "rollback.txt",
            ],
        );
        assert_eq!(kind, "fork-rollback");
        seen.push(("rollback".into(), kind, message));
    }

    // 3. A replaced published notice; 4. a signature by a key that is not
    //    the bureau's; 5. a missing cosignature under a policy.
    {
        let c = County::new(true);
        c.new_cosigner();
        c.announce("2026-A1", "2026-03-01T09:00:00+08:00").expect(0);
        c.draw("2026-A1", "2026-03-02T09:30:00+08:00").expect(0);
        c.json(
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
        let keys = c.log_key_args();
        let notice = "pub/index.html";
        c.raw(&args(&["verify-signature", notice], &keys)).expect(0);
        let original = c.read(notice);
        c.write(notice, &original.replace("2026", "2025"));
        let (kind, message) = refused(&c, &args(&["verify-signature", notice], &keys));
        assert_eq!(kind, "file-mismatch");
        seen.push(("replaced notice".into(), kind, message));
        c.write(notice, &original);

        // The same notice checked against keys of the same name the bureau
        // never published (a substitute key pair).
        let other = County::new(true);
        let other_keys = other.log_key_args();
        let (kind, message) = refused(&c, &args(&["verify-signature", notice], &other_keys));
        assert!(
            kind.starts_with("note-") || kind.starts_with("statement-"),
            "{kind}"
        );
        seen.push(("signature by another key".into(), kind, message));

        // A policy that requires the cosigner's cosignature.
        let w1 = cosigner_vkey(&c, "w.state");
        c.write(
            &format!("{WS}/log-policy.toml"),
            &format!("cosigners = [\"{w1}\"]\nquorum = 1\n"),
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
        let policy = format!("{WS}/log-policy.toml");
        let (kind, message) = refused(
            &c,
            &args(
                &["ledger", "verify-proof", "incl.txt", "--policy", &policy],
                &keys,
            ),
        );
        assert_eq!(kind, "quorum-not-met");
        seen.push(("missing cosignature".into(), kind, message));
        // Once the cosigner's cosignature is brought in, the same proof
        // command's output meets the policy.
        c.consistency(0, "req.txt");
        c.raw(&[
            "cosigner",
            "cosign",
            "--state",
            "w.state",
            "req.txt",
            "--out",
            "cosigned.txt",
        ])
        .expect(0);
        c.dd(&["ledger", "add-cosignatures", "cosigned.txt"])
            .expect(0);
        // Signing the same checkpoint again keeps the cosignature.
        c.dd(&["ledger", "checkpoint"]).expect(0);
        c.dd(&[
            "ledger",
            "prove-inclusion",
            "--campaign",
            "2026-A1",
            "--out",
            "incl2.txt",
        ])
        .expect(0);
        let r = c.raw(&args(
            &[
                "--json",
                "ledger",
                "verify-proof",
                "incl2.txt",
                "--policy",
                &policy,
            ],
            &keys,
        ));
        r.expect(0);
        assert_eq!(r.json()["policy"]["met"], true);
    }

    let kinds: BTreeSet<&str> = seen.iter().map(|s| s.1.as_str()).collect();
    let messages: BTreeSet<&str> = seen.iter().map(|s| s.2.as_str()).collect();
    assert_eq!(
        kinds.len(),
        seen.len(),
        "each tamper its own kind: {seen:#?}"
    );
    assert_eq!(
        messages.len(),
        seen.len(),
        "each tamper its own message: {seen:#?}"
    );
}

fn cosigner_vkey(c: &County, state: &str) -> String {
    // The cosigner's vkey is printed by `cosigner new`; here it is rebuilt
    // from the state file through the library.
    let s: dualdraw::core::log::CosignerState =
        serde_json::from_str(&c.read(state)).expect("state");
    s.signer().expect("signer").verifier().vkey()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let p = e.path();
        let t = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &t);
        } else {
            std::fs::copy(&p, &t).expect("copy");
        }
    }
}

/// `key rotate`: readers holding the old keys take the key statement and
/// verify what the new keys sign; a checkpoint the retired keys sign after
/// the rotation is refused as `key-retired`; a cosigner takes the statement
/// after cosigning the rotation's checkpoint and goes on.
#[test]
fn a_rotation_is_followed_by_readers_and_cosigners_and_the_retired_key_is_refused() {
    let c = County::new(true);
    c.new_cosigner();
    c.announce("2026-A1", "2026-03-01T09:00:00+08:00").expect(0);
    c.consistency(0, "req0.txt");
    c.cosign("req0.txt").expect(0);
    let held = c.ledger_size();
    let old_keys = c.log_key_args();
    let old_key_file = c.read(&format!("{WS}/keys/log.key"));
    let v = c.json(&["key", "rotate", "--reason", "年度轮换"], 0);
    let s = v["size"].as_u64().expect("size");
    assert_eq!(s, held + 1);
    // The cosigner cosigns the rotation checkpoint (old keys signed it),
    // then takes the statement.
    c.consistency(held, "req1.txt");
    c.cosign("req1.txt").expect(0);
    let stmt_path = c.path().join(WS).join(format!("key-statements/{s}.txt"));
    let stmt = stmt_path.to_string_lossy().to_string();
    c.raw(&[
        "cosigner",
        "follow",
        "--state",
        "w.state",
        "--key-statement",
        &stmt,
    ])
    .expect(0);
    // After the rotation the new keys sign.
    c.draw("2026-A1", "2026-03-02T09:30:00+08:00").expect(0);
    c.consistency(s, "req2.txt");
    c.cosign("req2.txt").expect(0);
    c.dd(&[
        "ledger",
        "prove-inclusion",
        "--campaign",
        "2026-A1",
        "--out",
        "incl.txt",
    ])
    .expect(0);
    // The old keys alone do not verify it; with the statement they do.
    let (kind, _) = refused(
        &c,
        &args(&["ledger", "verify-proof", "incl.txt"], &old_keys),
    );
    assert!(
        kind.starts_with("note-") || kind.starts_with("checkpoint-"),
        "{kind}"
    );
    let mut a = args(&["--json", "ledger", "verify-proof", "incl.txt"], &old_keys);
    a.extend(["--key-statement", stmt.as_str()]);
    let r = c.raw(&a);
    r.expect(0);
    // The retired keys sign a later checkpoint: refused as retired.
    c.write(&format!("{WS}/keys/log.key"), &old_key_file);
    c.announce("2026-A2", "2026-03-05T09:00:00+08:00").expect(0);
    c.dd(&[
        "ledger",
        "prove-inclusion",
        "--seq",
        "1",
        "--out",
        "old-signed.txt",
    ])
    .expect(0);
    let mut a = args(&["ledger", "verify-proof", "old-signed.txt"], &old_keys);
    a.extend(["--key-statement", stmt.as_str()]);
    let (kind, message) = refused(&c, &a);
    assert_eq!(kind, "key-retired", "{message}");
    // A statement checked against keys it does not replace is refused.
    let other = County::new(true);
    let other_keys = other.log_key_args();
    let mut a = args(&["ledger", "verify-proof", "incl.txt"], &other_keys);
    a.extend(["--key-statement", stmt.as_str()]);
    let (kind, _) = refused(&c, &a);
    assert!(
        kind.starts_with("note-")
            || kind.starts_with("checkpoint-")
            || kind.starts_with("key-statement"),
        "{kind}"
    );
}

/// `key revoke`: a file the revoked keys signed is refused (`key-revoked`,
/// naming the reason) by a reader given the statement; the published key
/// list gives the same keys as `--log-key`.
#[test]
fn a_revoked_keys_signature_is_refused_and_a_key_list_stands_for_log_keys() {
    let c = County::new(true);
    c.announce("2026-A1", "2026-03-01T09:00:00+08:00").expect(0);
    c.draw("2026-A1", "2026-03-02T09:30:00+08:00").expect(0);
    c.json(
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
    let keys = c.log_key_args();
    let vkeys: Vec<&str> = keys.iter().skip(1).step_by(2).map(String::as_str).collect();
    c.write(
        "province-keys.txt",
        &format!(
            "# 省级公钥清单\n{}\nother.example.cn/x+00000000+AAAA\n",
            vkeys.join("\n")
        ),
    );
    // A bad line in the list is an error naming it.
    let (kind, message) = refused(
        &c,
        &[
            "verify-signature",
            "pub/index.html",
            "--key-list",
            "province-keys.txt",
        ],
    );
    assert_eq!(kind, "bad-key-list");
    assert!(message.contains("province-keys.txt:4:1"), "{message}");
    c.write(
        "province-keys.txt",
        &format!("# 省级公钥清单\n{}\n", vkeys.join("\n")),
    );
    c.raw(&[
        "verify-signature",
        "pub/index.html",
        "--key-list",
        "province-keys.txt",
    ])
    .expect(0);
    let v = c.json(&["key", "revoke", "--reason", "私钥泄露"], 0);
    assert_eq!(v["action"], "revoke");
    let stmt = c
        .path()
        .join(WS)
        .join(format!("key-statements/{}.txt", v["size"]))
        .to_string_lossy()
        .to_string();
    // Without the statement the old signature still verifies (the reader
    // does not know of the revocation); with it, it is refused.
    c.raw(&args(&["verify-signature", "pub/index.html"], &keys))
        .expect(0);
    let mut a = args(&["verify-signature", "pub/index.html"], &keys);
    a.extend(["--key-statement", stmt.as_str()]);
    let (kind, message) = refused(&c, &a);
    assert_eq!(kind, "key-revoked");
    assert!(message.contains("私钥泄露"), "{message}");
    // Republished, the files are signed by the new keys.
    c.json(
        &[
            "publish",
            "2026-A1",
            "--out",
            "pub2",
            "--now",
            "2026-03-02T11:00:00+08:00",
        ],
        0,
    );
    let mut a = args(&["verify-signature", "pub2/index.html"], &keys);
    a.extend(["--key-statement", stmt.as_str()]);
    c.raw(&a).expect(0);
}

/// A rotation interrupted after its new keys were written: every command
/// that signs names the state exactly, and the next `key rotate` finishes it.
#[test]
fn an_interrupted_rotation_is_named_and_finished_by_the_next_run() {
    let c = County::new(true);
    c.announce("2026-A1", "2026-03-01T09:00:00+08:00").expect(0);
    let keys = c.log_key_args();
    // The new keys as step 1 leaves them: another key pair of the same name.
    let other = County::new(true);
    let next = other.read(&format!("{WS}/keys/log.key"));
    c.write(&format!("{WS}/keys/log.next.key"), &next);
    let (kind, message) = refused(&c, &["-w", WS, "ledger", "checkpoint"]);
    assert_eq!(kind, "rotation-pending");
    assert!(message.contains("key rotate"), "{message}");
    let v = c.json(&["key", "rotate"], 0);
    assert_eq!(v["new"]["keys"], other.json(&["key", "show"], 0)["keys"]);
    let stmt = v["statement"].as_str().expect("statement").to_string();
    let mut a = args(&["--json", "ledger", "verify-proof", &stmt], &keys);
    a.extend(["--key-statement", stmt.as_str()]);
    c.raw(&a).expect(0);
    c.dd(&["ledger", "checkpoint"]).expect(0);
    // Run again, nothing is pending: a new rotation (a second key entry).
    let v2 = c.json(&["key", "rotate"], 0);
    assert!(v2["size"].as_u64() > v["size"].as_u64());
}
