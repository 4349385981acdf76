//! Shared by the signed log's black-box tests (`tests/cli_log.rs`,
//! `tests/log_tamper.rs`): a county workspace, its campaigns, keys and
//! cosigner, driven through the real binary.
#![allow(dead_code)]

#[path = "../cli_support.rs"]
pub mod support;

pub use serde_json::Value;
pub use std::path::Path;
pub use support::{Run, run_in};

pub const WS: &str = "d/workspace";
pub const ORIGIN: &str = "scjg.520123.gov.cn/dualdraw";
pub const SALT: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

pub struct Witness {
    pub secret: String,
    pub commitment: String,
}

pub fn witness(name: &str) -> Witness {
    let secret = format!("dualdraw-test-witness-{name}-0123456789abcdef");
    Witness {
        commitment: dualdraw::core::entropy::witness_commitment(&secret).to_hex(),
        secret,
    }
}

pub struct County {
    pub dir: tempfile::TempDir,
}

impl County {
    /// A 300-entity county in d/workspace; with the bureau's keys when `keys`.
    pub fn new(keys: bool) -> County {
        let c = County {
            dir: tempfile::tempdir().expect("tempdir"),
        };
        c.make_workspace();
        if keys {
            c.dd(&["key", "new", "--name", ORIGIN]).expect(0);
        }
        c
    }

    pub fn make_workspace(&self) {
        run_in(
            self.path(),
            &[
                "demo",
                "d",
                "--entities",
                "300",
                "--registries-only",
                "--salt-key",
                SALT,
            ],
        )
        .expect(0);
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn raw(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }

    pub fn dd(&self, args: &[&str]) -> Run {
        let mut v = vec!["-w", WS];
        v.extend_from_slice(args);
        self.raw(&v)
    }

    #[track_caller]
    pub fn json(&self, args: &[&str], code: i32) -> Value {
        let mut v = vec!["--json"];
        v.extend_from_slice(args);
        let r = self.dd(&v);
        r.expect(code);
        r.json()
    }

    pub fn write(&self, name: &str, text: &str) -> String {
        std::fs::write(self.path().join(name), text).expect("write");
        name.to_string()
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name)).expect("read")
    }

    /// Announces campaign `id` at `at` (RFC 3339).
    pub fn announce(&self, id: &str, at: &str) -> Run {
        let (jia, yi) = (witness("jia"), witness("yi"));
        let toml = format!(
            r#"id = "{id}"
title = "2026年双随机抽查"
lead_department = "县市场监管局"
draw_date = "2026-03-10"
items = ["SC-001", "JY-002"]
[targets]
regions = ["520123"]
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
[entropy]
witnesses = [{{ name = "甲", commitment = "{}" }}, {{ name = "乙", commitment = "{}" }}]
"#,
            jia.commitment, yi.commitment
        );
        let file = self.write(&format!("{id}.toml"), &toml);
        self.dd(&["campaign", "announce", &file, "--now", at])
    }

    pub fn draw(&self, id: &str, at: &str) -> Run {
        let (jia, yi) = (witness("jia"), witness("yi"));
        let j = format!("甲={}", jia.secret);
        let y = format!("乙={}", yi.secret);
        self.dd(&[
            "campaign", "draw", id, "--reveal", &j, "--reveal", &y, "--now", at,
        ])
    }

    /// The bureau's two vkeys, as `--log-key` arguments.
    pub fn log_key_args(&self) -> Vec<String> {
        let v = self.json(&["key", "show"], 0);
        v["keys"]
            .as_array()
            .expect("keys")
            .iter()
            .flat_map(|k| {
                [
                    "--log-key".to_string(),
                    k["vkey"].as_str().expect("vkey").to_string(),
                ]
            })
            .collect()
    }

    pub fn ledger_size(&self) -> u64 {
        self.json(&["ledger", "verify"], 0)["entries"]
            .as_u64()
            .expect("entries")
    }

    /// `ledger prove-consistency --from FROM --out FILE`.
    pub fn consistency(&self, from: u64, file: &str) {
        self.dd(&[
            "ledger",
            "prove-consistency",
            "--from",
            &from.to_string(),
            "--out",
            file,
        ])
        .expect(0);
    }

    pub fn cosign(&self, request: &str) -> Run {
        self.raw(&[
            "--json", "cosigner", "cosign", "--state", "w.state", request,
        ])
    }

    /// The bureau's "rebuild": deletes the workspace, keeps its keys and
    /// redoes campaign 2026-A1 at another announcement time (so another
    /// draw), with a second announcement when `extra`.
    pub fn rebuild(&self, extra: bool) {
        let key_file = self.read(&format!("{WS}/keys/log.key"));
        std::fs::remove_dir_all(self.path().join("d")).expect("remove");
        self.make_workspace();
        std::fs::create_dir_all(self.path().join(WS).join("keys")).expect("keys dir");
        self.write(&format!("{WS}/keys/log.key"), &key_file);
        self.announce("2026-A1", "2026-03-01T10:00:00+08:00")
            .expect(0);
        self.draw("2026-A1", "2026-03-02T09:30:00+08:00").expect(0);
        if extra {
            self.announce("2026-A2", "2026-03-03T10:00:00+08:00")
                .expect(0);
        }
    }

    pub fn new_cosigner(&self) {
        self.raw(&[
            "cosigner",
            "new",
            "--name",
            "jiandu.example.cn/witness-1",
            "--out",
            "w.state",
        ])
        .expect(0);
        let keys = self.log_key_args();
        let mut args = vec!["cosigner", "follow", "--state", "w.state"];
        args.extend(keys.iter().map(String::as_str));
        self.raw(&args).expect(0);
    }
}

pub fn args<'a>(head: &[&'a str], keys: &'a [String]) -> Vec<&'a str> {
    let mut v = head.to_vec();
    v.extend(keys.iter().map(String::as_str));
    v
}
