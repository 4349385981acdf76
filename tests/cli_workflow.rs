//! Black-box tests of the campaign workflow after the draw, run through the
//! real binary: the hash-chained ledger (`ledger verify|export`), voiding,
//! results (`results record|correct|object|import|publish`), the notice
//! (`publish`), `status`, inspection history (`history import`) and
//! replacements (`campaign replace`, `verify --replacements`).
//!
//! Every test makes its own synthetic county with `dualdraw demo d
//! --entities 3000 --registries-only` in its own temporary folder
//! (workspace `d/workspace`), announces, reveals and draws with explicit
//! `--now` instants, and passes `--today` to `status`: nothing depends on
//! the real date. Working days are
//! those of `data/cn-holidays.toml`, counted here by hand.
//!
//! Tests marked `#[ignore = "BUG: …"]` show a defect: they fail today and
//! describe what the program should do.

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

const ID: &str = "2026-JOINT-01";
const ID2: &str = "2026-JOINT-02";
const WS: &str = "d/workspace";
const DB: &str = "d/workspace/dualdraw.db";
const ANNOUNCE_AT: &str = "2026-03-01T09:00:00+08:00";
const REVEAL_AT: &str = "2026-03-02T09:00:00+08:00";
const DRAW_AT: &str = "2026-03-02T09:30:00+08:00";
const JIA: &str = "义务监督员甲";
const YI: &str = "义务监督员乙";
const ITEMS: [&str; 5] = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"];
const CATEGORIES: [&str; 4] = ["民办学校", "旅游市场", "客运站", "爆破作业单位"];
const ZERO_HEAD: &str = "0000000000000000000000000000000000000000000000000000000000000000";

// ---------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------

#[path = "cli_support.rs"]
mod support;
use support::{Run, run_in};

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn is_hex64(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_str().expect("string").to_string())
        .collect()
}

/// `sqlite3 DB SQL` in `dir`, or `None` when the `sqlite3` program is missing.
fn sqlite3(dir: &Path, sql: &str) -> Option<()> {
    match Command::new("sqlite3")
        .current_dir(dir)
        .args([DB, sql])
        .output()
    {
        Ok(out) => {
            assert!(
                out.status.success(),
                "sqlite3 {sql}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(())
        }
        Err(e) => {
            eprintln!("SKIPPED: the sqlite3 program is not available ({e})");
            None
        }
    }
}

// ---------------------------------------------------------------------------
// A drawn county
// ---------------------------------------------------------------------------

struct Witness {
    secret: String,
    commitment: String,
}

/// A fixed witness (the secret is fixed so that every run draws the same):
/// its commitment as `docs/SPEC.md` §4 defines it.
fn fixed_witness(name: &str) -> Witness {
    let secret = format!("dualdraw-test-witness-{name}-0123456789abcdef");
    Witness {
        commitment: dualdraw::core::entropy::witness_commitment(&secret).to_hex(),
        secret,
    }
}

/// The salt key of the test workspaces, so that their draws are reproducible.
const TEST_SALT_KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

#[allow(dead_code)]
fn new_witness(dir: &Path) -> Witness {
    let r = run_in(dir, &["--json", "witness", "new"]);
    r.expect(0);
    let v = r.json();
    Witness {
        secret: v["secret"].as_str().expect("secret").to_string(),
        commitment: v["commitment"].as_str().expect("commitment").to_string(),
    }
}

/// One drawn target: its USCC, items and team.
#[derive(Clone, Debug)]
struct Target {
    uscc: String,
    items: Vec<String>,
    officers: Vec<String>,
}

/// A temporary folder with a demo county (`d/county`, `d/workspace`) and two
/// witnesses.
struct County {
    dir: tempfile::TempDir,
    jia: Witness,
    yi: Witness,
}

impl County {
    fn new() -> County {
        let dir = tempfile::tempdir().expect("tempdir");
        run_in(
            dir.path(),
            &[
                "demo",
                "d",
                "--entities",
                "3000",
                "--registries-only",
                "--salt-key",
                TEST_SALT_KEY,
            ],
        )
        .expect(0);
        let jia = fixed_witness("jia");
        let yi = fixed_witness("yi");
        County { dir, jia, yi }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `dualdraw ARGS` in the folder.
    fn raw(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }

    /// `dualdraw -w d/workspace ARGS`.
    fn dd(&self, args: &[&str]) -> Run {
        let mut v = vec!["-w", WS];
        v.extend_from_slice(args);
        self.raw(&v)
    }

    /// `dualdraw -w d/workspace --json ARGS`, expecting `code`, parsed.
    #[track_caller]
    fn dd_json(&self, args: &[&str], code: i32) -> Value {
        let mut v = vec!["--json"];
        v.extend_from_slice(args);
        let r = self.dd(&v);
        r.expect(code);
        r.json()
    }

    fn write(&self, name: &str, text: &str) -> String {
        let p = self.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(p, text).expect("write");
        name.to_string()
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name))
            .unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    fn bytes(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path().join(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    fn exists(&self, name: &str) -> bool {
        self.path().join(name).exists()
    }

    /// The campaign of `tests/cli_campaign.rs` with this county's witnesses;
    /// `extra_targets` is added to the `[targets]` table.
    fn toml(&self, id: &str, extra_targets: &str) -> String {
        format!(
            r#"id = "{id}"
title = "2026年部门联合双随机抽查（第一批）"
lead_department = "县市场监管局"
draw_date = "2026-03-02"
items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"]
[targets]
categories = ["民办学校", "旅游市场", "客运站", "爆破作业单位"]
regions = ["520123"]
{extra_targets}
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
witnesses = [{{ name = "义务监督员甲", commitment = "{}" }}, {{ name = "义务监督员乙", commitment = "{}" }}]
"#,
            self.jia.commitment, self.yi.commitment
        )
    }

    /// Announces campaign `id` (with `extra_targets`) at `ANNOUNCE_AT`.
    #[track_caller]
    fn announce_with(&self, id: &str, extra_targets: &str) -> Value {
        let file = self.write(&format!("{id}.toml"), &self.toml(id, extra_targets));
        let v = self.dd_json(&["campaign", "announce", &file, "--now", ANNOUNCE_AT], 0);
        assert_eq!(v["schema"], "dualdraw.announce.v1", "{v:#}");
        v
    }

    #[track_caller]
    fn announce(&self, id: &str) -> Value {
        self.announce_with(id, "")
    }

    fn jia_reveal(&self) -> String {
        format!("{JIA}={}", self.jia.secret)
    }

    fn yi_reveal(&self) -> String {
        format!("{YI}={}", self.yi.secret)
    }

    /// `campaign reveal ID 甲=… --now REVEAL_AT`, then `campaign draw ID
    /// --reveal 乙=… --now DRAW_AT --out OUT`; expects success.
    #[track_caller]
    fn reveal_and_draw(&self, id: &str, out: &str) -> Value {
        self.dd(&[
            "campaign",
            "reveal",
            id,
            &self.jia_reveal(),
            "--now",
            REVEAL_AT,
        ])
        .expect(0);
        let y = self.yi_reveal();
        let v = self.dd_json(
            &[
                "campaign", "draw", id, "--reveal", &y, "--now", DRAW_AT, "--out", out,
            ],
            0,
        );
        assert_eq!(v["schema"], "dualdraw.draw.v1", "{v:#}");
        v
    }

    /// Announces and draws campaign `ID`; the proof is `proof.json`.
    #[track_caller]
    fn drawn(&self) -> Vec<Target> {
        self.announce(ID);
        self.reveal_and_draw(ID, "proof.json");
        targets(&self.proof("proof.json"))
    }

    fn proof(&self, name: &str) -> Value {
        serde_json::from_str(&self.read(name)).expect("proof is JSON")
    }

    /// `ledger verify --json` (expects success) → the head.
    #[track_caller]
    fn head(&self) -> String {
        let v = self.dd_json(&["ledger", "verify"], 0);
        v["head"].as_str().expect("head").to_string()
    }

    /// `ledger export FILE` (expects success) → the entries.
    #[track_caller]
    fn export(&self, file: &str) -> Vec<Value> {
        self.dd(&["ledger", "export", file]).expect(0);
        self.read(file)
            .lines()
            .map(|l| serde_json::from_str(l).expect("a ledger line is JSON"))
            .collect()
    }

    /// The last ledger entry.
    #[track_caller]
    fn last_entry(&self) -> Value {
        self.export("last.jsonl").pop().expect("an entry")
    }

    /// `results record ID --target T --item I --result R --date D EXTRA…`.
    fn record(&self, t: &str, item: &str, result: &str, date: &str, extra: &[&str]) -> Run {
        let mut v = vec![
            "results", "record", ID, "--target", t, "--item", item, "--result", result, "--date",
            date,
        ];
        v.extend_from_slice(extra);
        self.dd(&v)
    }

    /// The entities of `d/county/entities.csv`: (USCC, categories, status).
    fn entities(&self) -> Vec<(String, Vec<String>, String)> {
        let text = self.read("d/county/entities.csv");
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let headers = rdr.headers().expect("header").clone();
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("no column {name}"))
        };
        let (u, c, s) = (
            col("统一社会信用代码"),
            col("检查对象类别"),
            col("登记状态"),
        );
        rdr.records()
            .map(|r| {
                let r = r.expect("row");
                (
                    r[u].to_string(),
                    r[c].split(';').map(str::to_string).collect(),
                    r[s].to_string(),
                )
            })
            .collect()
    }

    /// The USCCs of the campaign's pool, computed from the county file
    /// (in business, in a campaign category; every entity is in 520123).
    fn pool(&self) -> Vec<String> {
        self.entities()
            .into_iter()
            .filter(|(_, cats, status)| {
                status == "存续" && cats.iter().any(|c| CATEGORIES.contains(&c.as_str()))
            })
            .map(|(u, _, _)| u)
            .collect()
    }

    /// The recusal reasons of `d/county/recusals.csv`.
    fn recusal_reasons(&self) -> BTreeSet<String> {
        let text = self.read("d/county/recusals.csv");
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        rdr.records()
            .map(|r| r.expect("row")[2].to_string())
            .filter(|r| !r.is_empty())
            .collect()
    }
}

/// The targets of a proof with their items and teams.
fn targets(proof: &Value) -> Vec<Target> {
    let teams: BTreeMap<String, Vec<String>> = proof["teams"]
        .as_array()
        .expect("teams")
        .iter()
        .map(|t| {
            (
                t["target"].as_str().unwrap().to_string(),
                strs(&t["officers"]),
            )
        })
        .collect();
    proof["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .map(|t| {
            let uscc = t["entity"]["uscc"].as_str().unwrap().to_string();
            Target {
                items: strs(&t["items"]),
                officers: teams[&uscc].clone(),
                uscc,
            }
        })
        .collect()
}

/// A campaign item that does not apply to `t`.
fn other_item(t: &Target) -> &'static str {
    ITEMS
        .iter()
        .find(|i| !t.items.iter().any(|x| x == *i))
        .expect("an item not of the target")
}

/// An officer of some team who is not on `t`'s team.
fn other_officer(all: &[Target], t: &Target) -> String {
    all.iter()
        .flat_map(|x| x.officers.iter())
        .find(|o| !t.officers.contains(o))
        .expect("another officer")
        .clone()
}

/// An entity of the pool that was not drawn.
fn undrawn(c: &County, all: &[Target]) -> String {
    c.pool()
        .into_iter()
        .find(|u| !all.iter().any(|t| &t.uscc == u))
        .expect("an undrawn entity")
}

/// Every path (keys joined by `/`) of `v` whose last key is `key`.
fn key_paths(v: &Value, key: &str, path: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{path}/{k}");
                if k == key {
                    out.push(p.clone());
                }
                key_paths(x, key, &p, out);
            }
        }
        Value::Array(a) => {
            for x in a {
                key_paths(x, key, &format!("{path}[]"), out);
            }
        }
        _ => {}
    }
}

const RESULTS_HEADER: &str = "统一社会信用代码,事项编码,检查结果,检查日期,执法证号";

// ---------------------------------------------------------------------------
// ledger verify, ledger export
// ---------------------------------------------------------------------------

#[test]
fn ledger_verify_counts_the_announcement_reveals_and_draw() {
    let c = County::new();
    let v = c.dd_json(&["ledger", "verify"], 0);
    assert_eq!(v["entries"], 0, "{v:#}");
    assert_eq!(v["head"], ZERO_HEAD, "an empty ledger has the zero head");

    c.announce(ID);
    assert_eq!(c.dd_json(&["ledger", "verify"], 0)["entries"], 1);
    c.dd(&[
        "campaign",
        "reveal",
        ID,
        &c.jia_reveal(),
        "--now",
        REVEAL_AT,
    ])
    .expect(0);
    assert_eq!(c.dd_json(&["ledger", "verify"], 0)["entries"], 2);
    let y = c.yi_reveal();
    c.dd(&["campaign", "draw", ID, "--reveal", &y, "--now", DRAW_AT])
        .expect(0);

    // The draw records the second reveal and the draw: 4 entries.
    let v = c.dd_json(&["ledger", "verify"], 0);
    assert_eq!(v["schema"], "dualdraw.ledger-verify.v1", "{v:#}");
    assert_eq!(v["ok"], true, "{v:#}");
    assert_eq!(v["verified"], true, "{v:#}");
    assert_eq!(v["entries"], 4, "{v:#}");
    assert!(v["proofs_checked"].is_u64(), "{v:#}");
    let head = v["head"].as_str().unwrap();
    assert!(is_hex64(head), "{v:#}");
    assert_ne!(head, ZERO_HEAD);

    let r = c.dd(&["ledger", "verify"]);
    r.expect(0)
        .has("核验通过（VERIFIED）")
        .has("完整的链，共 4 条记录")
        .has(head);
}

#[test]
fn ledger_export_writes_json_lines_and_the_draw_proofs() {
    let c = County::new();
    c.drawn();
    let head = c.head();
    let v = c.dd_json(&["ledger", "export", "L.jsonl"], 0);
    assert_eq!(v["schema"], "dualdraw.ledger-export.v1", "{v:#}");
    assert_eq!(v["ok"], true, "{v:#}");
    assert_eq!(v["entries"], 4, "{v:#}");
    assert_eq!(v["head"], head.as_str(), "{v:#}");
    assert_eq!(v["file"], "L.jsonl", "{v:#}");
    assert_eq!(v["proofs"], "L.jsonl.proofs", "{v:#}");

    let text = c.read("L.jsonl");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "one entry per line:\n{text}");
    let mut prev = ZERO_HEAD.to_string();
    let mut kinds = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let e: Value = serde_json::from_str(line).expect("each line is one JSON object");
        assert_eq!(e["seq"], i as u64 + 1, "{line}");
        assert_eq!(
            e["prev"],
            prev.as_str(),
            "each entry names the one before: {line}"
        );
        let hash = e["hash"].as_str().expect("hash");
        assert!(is_hex64(hash), "lowercase hex hash: {line}");
        assert_eq!(e["campaign"], ID, "{line}");
        assert!(e["at"].as_str().is_some_and(|a| a.ends_with('Z')), "{line}");
        assert!(e["body"].is_string(), "{line}");
        kinds.push(e["kind"].as_str().unwrap().to_string());
        prev = hash.to_string();
    }
    assert_eq!(prev, head, "the last hash is the head");
    assert_eq!(kinds, ["announcement", "reveal", "reveal", "draw"]);
    // Times of the ceremony are the --now instants (UTC).
    let first: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(first["at"], "2026-03-01T01:00:00Z");

    // The proof, byte for byte, with the SHA-256 the draw entry recorded.
    let proof = c.bytes(&format!("L.jsonl.proofs/{ID}.json"));
    assert_eq!(
        proof,
        c.bytes("proof.json"),
        "the exported proof is the drawn one"
    );
    let draw: Value = serde_json::from_str(lines[3]).unwrap();
    let body: Value = serde_json::from_str(draw["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body["proof_sha256"],
        sha256_hex(&proof).as_str(),
        "{body:#}"
    );
    assert_eq!(
        body["targets"],
        c.proof("proof.json")["targets"].as_array().unwrap().len()
    );

    // Anyone verifies the file and its proofs, outside the workspace.
    let r = c.raw(&["--json", "ledger", "verify", "--file", "L.jsonl"]);
    r.expect(0);
    let v = r.json();
    assert_eq!(v["verified"], true, "{v:#}");
    assert_eq!(v["entries"], 4, "{v:#}");
    assert_eq!(v["head"], head.as_str(), "{v:#}");
    assert_eq!(v["proofs_checked"], 1, "{v:#}");
    c.raw(&["ledger", "verify", "--file", "L.jsonl"])
        .expect(0)
        .has("核验通过（VERIFIED）")
        .has("共 4 条记录");
}

/// Exports the ledger of a drawn county to `L.jsonl`, then writes `T.jsonl`
/// (with a copy of the proofs in `T.jsonl.proofs`) with its lines given by
/// `edit`.
fn tampered_export(c: &County, edit: impl Fn(Vec<String>) -> Vec<String>) {
    c.drawn();
    c.export("L.jsonl");
    let lines: Vec<String> = c.read("L.jsonl").lines().map(str::to_string).collect();
    let mut text = edit(lines).join("\n");
    text.push('\n');
    c.write("T.jsonl", &text);
    let proof = c.read(&format!("L.jsonl.proofs/{ID}.json"));
    c.write(&format!("T.jsonl.proofs/{ID}.json"), &proof);
}

#[test]
fn ledger_file_with_an_edited_entry_fails_naming_it() {
    let c = County::new();
    tampered_export(&c, |mut l| {
        assert!(
            l[1].contains(JIA),
            "line 2 is the reveal of {JIA}: {}",
            l[1]
        );
        l[1] = l[1].replace(JIA, "义务监督员丙");
        l
    });
    let r = c.raw(&["ledger", "verify", "--file", "T.jsonl"]);
    r.expect(1).has("第 2 条记录").has("该记录被修改过");
    let r = c.raw(&["--lang", "en", "ledger", "verify", "--file", "T.jsonl"]);
    r.expect(1).has("FAILED: entry 2").has("edited");
    let r = c.raw(&["--json", "ledger", "verify", "--file", "T.jsonl"]);
    r.expect(1);
    let v = r.json();
    assert_eq!(v["ok"], false, "{v:#}");
    assert_eq!(v["verified"], false, "{v:#}");
    assert_eq!(v["error"]["kind"], "verification_failed", "{v:#}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("第 2 条记录"),
        "{v:#}"
    );
}

#[test]
fn ledger_file_with_a_deleted_line_fails_naming_the_position() {
    let c = County::new();
    tampered_export(&c, |mut l| {
        l.remove(2);
        l
    });
    c.raw(&["ledger", "verify", "--file", "T.jsonl"])
        .expect(1)
        .has("第 3 个位置");
}

#[test]
fn ledger_file_with_two_lines_swapped_fails_naming_the_position() {
    let c = County::new();
    tampered_export(&c, |mut l| {
        l.swap(1, 2);
        l
    });
    c.raw(&["ledger", "verify", "--file", "T.jsonl"])
        .expect(1)
        .has("第 2 个位置");
}

#[test]
fn ledger_file_with_a_changed_proof_fails_naming_the_draw_entry() {
    let c = County::new();
    tampered_export(&c, |l| l);
    c.raw(&["ledger", "verify", "--file", "T.jsonl"]).expect(0);
    let name = format!("T.jsonl.proofs/{ID}.json");
    let proof = c.read(&name);
    assert!(proof.contains("第一批"));
    c.write(&name, &proof.replacen("第一批", "第二批", 1));
    c.raw(&["ledger", "verify", "--file", "T.jsonl"])
        .expect(1)
        .has("第 4 条记录")
        .has(&name);
    // A missing proof is a failure too.
    std::fs::remove_file(c.path().join(&name)).unwrap();
    c.raw(&["ledger", "verify", "--file", "T.jsonl"])
        .expect(1)
        .has("第 4 条记录");
}

#[test]
fn ledger_edited_in_the_database_fails_verification() {
    let c = County::new();
    c.drawn();
    c.dd(&["ledger", "verify"]).expect(0);
    let sql =
        format!("UPDATE ledger SET body = replace(body, '{JIA}', '义务监督员丙') WHERE seq = 2");
    if sqlite3(c.path(), &sql).is_none() {
        return;
    }
    // The store's audit names the entry in its own words (English so far).
    c.dd(&["ledger", "verify"]).expect(1).has("entry 2");
    let v = c.dd_json(&["ledger", "verify"], 1);
    assert_eq!(v["verified"], false, "{v:#}");
    assert_eq!(v["error"]["kind"], "verification_failed", "{v:#}");
}

#[test]
fn proof_edited_in_the_database_is_caught_before_it_is_published() {
    let c = County::new();
    c.drawn();
    let recorded = sha256_hex(&c.bytes("proof.json"));
    let sql = format!(
        "UPDATE draws SET proof = replace(proof, '第一批', '第二批') WHERE campaign_id = '{ID}'"
    );
    if sqlite3(c.path(), &sql).is_none() {
        return;
    }
    // The ledger recorded the proof's SHA-256: the workspace check must see
    // that the stored proof no longer matches it…
    let verify = c.dd(&["ledger", "verify"]);
    // …or at the very least the notice must not publish a different proof.
    let publish = c.dd(&["publish", ID, "--out", "pub"]);
    let published_ok = publish.code == 0 && sha256_hex(&c.bytes("pub/proof.json")) == recorded;
    assert!(
        verify.code == 1 && publish.code == 1,
        "the stored proof differs from the one the ledger hashed, yet `ledger verify` exited {} ({}) \
         and `publish` exited {} (published proof identical to the recorded one: {published_ok})",
        verify.code,
        verify.all().trim(),
        publish.code
    );
}

#[test]
fn result_edited_in_the_database_is_caught_before_it_is_published() {
    let c = County::new();
    let all = c.drawn();
    let t = &all[0];
    c.record(
        &t.uscc,
        &t.items[0],
        "发现问题待后续处理",
        "2026-04-30",
        &[],
    )
    .expect(0);
    let sql = "UPDATE results SET body = replace(body, '发现问题待后续处理', '未发现问题')";
    if sqlite3(c.path(), sql).is_none() {
        return;
    }
    let verify = c.dd(&["ledger", "verify"]);
    if verify.code == 0 {
        let publish = c.dd(&["results", "publish", ID, "--out", "res"]);
        if publish.code == 0 {
            let csv = c.read("res/results.csv");
            assert!(
                csv.contains("发现问题待后续处理"),
                "`ledger verify` passed and the results notice publishes a result the ledger never \
                 recorded:\n{csv}"
            );
        }
    }
}

#[test]
fn ledger_verify_head_must_be_the_published_head() {
    let c = County::new();
    c.drawn();
    let head = c.head();
    c.dd(&["ledger", "verify", "--head", &head]).expect(0);
    let wrong = "ab".repeat(32);
    c.dd(&["ledger", "verify", "--head", &wrong])
        .expect(1)
        .has(&wrong)
        .has(&head);
    let v = c.dd_json(&["ledger", "verify", "--head", &wrong], 1);
    assert_eq!(v["error"]["kind"], "verification_failed", "{v:#}");
    // The same on an exported file.
    c.export("L.jsonl");
    c.raw(&["ledger", "verify", "--file", "L.jsonl", "--head", &head])
        .expect(0);
    c.raw(&["ledger", "verify", "--file", "L.jsonl", "--head", &wrong])
        .expect(1);
    // Not a SHA-256 value at all: a usage error.
    c.dd(&["ledger", "verify", "--head", "00112233"]).expect(2);
}

#[test]
fn each_announcement_commits_to_the_ledger_head_before_it() {
    let c = County::new();
    c.drawn();
    let first = c.proof("proof.json");
    assert_eq!(
        first["announcement"]["ledger_head"], ZERO_HEAD,
        "the first announcement"
    );

    let head = c.head();
    c.announce(ID2);
    let entries = c.export("L.jsonl");
    let ann = entries.last().unwrap();
    assert_eq!(ann["kind"], "announcement");
    assert_eq!(ann["campaign"], ID2);
    assert_eq!(ann["prev"], head.as_str());
    let body: Value = serde_json::from_str(ann["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["ledger_head"], head.as_str(), "{body:#}");

    c.reveal_and_draw(ID2, "proof2.json");
    let second = c.proof("proof2.json");
    assert_eq!(
        second["announcement"]["ledger_head"],
        head.as_str(),
        "the second announcement commits to the head printed before it"
    );
    assert_eq!(second["announcement"]["hash"], body["announcement_hash"]);
}

// ---------------------------------------------------------------------------
// campaign void
// ---------------------------------------------------------------------------

#[test]
fn void_is_recorded_and_stops_the_draw() {
    let c = County::new();
    c.announce(ID);
    let v = c.dd_json(
        &[
            "campaign",
            "void",
            ID,
            "--reason",
            "公告有误",
            "--now",
            "2026-03-01T11:00:00+08:00",
        ],
        0,
    );
    assert_eq!(v["schema"], "dualdraw.void.v1", "{v:#}");
    assert_eq!(v["campaign"], ID, "{v:#}");
    assert_eq!(v["reason"], "公告有误", "{v:#}");
    let e = c.last_entry();
    assert_eq!(e["kind"], "void", "{e:#}");
    assert_eq!(e["campaign"], ID, "{e:#}");
    assert_eq!(e["at"], "2026-03-01T03:00:00Z", "{e:#}");
    assert!(e["body"].as_str().unwrap().contains("公告有误"), "{e:#}");
    let entries = c.dd_json(&["ledger", "verify"], 0)["entries"].clone();

    // No draw of a voided campaign; nothing is recorded.
    let (j, y) = (c.jia_reveal(), c.yi_reveal());
    c.dd(&[
        "campaign", "draw", ID, "--reveal", &j, "--reveal", &y, "--now", DRAW_AT,
    ])
    .expect(1)
    .has("已作废");
    assert!(!c.exists(&format!("{WS}/proofs/{ID}.json")));
    // Voiding twice is refused.
    let r = c.dd(&[
        "campaign",
        "void",
        ID,
        "--reason",
        "again",
        "--now",
        "2026-03-01T12:00:00+08:00",
    ]);
    r.expect(1).has("已经作废");
    // An unknown campaign is a record not found (exit 1, docs/CLI.md).
    c.dd(&["campaign", "void", "NO-SUCH", "--reason", "x"])
        .expect(1)
        .has("NO-SUCH");
    assert_eq!(c.dd_json(&["ledger", "verify"], 0)["entries"], entries);
}

#[test]
fn replace_on_a_voided_campaign_is_refused() {
    let c = County::new();
    let all = c.drawn();
    c.dd(&[
        "campaign",
        "void",
        ID,
        "--reason",
        "重新抽取",
        "--now",
        "2026-03-03T09:00:00+08:00",
    ])
    .expect(0);
    c.dd(&[
        "campaign",
        "replace",
        ID,
        "--target",
        &all[0].uscc,
        "--reason",
        "已迁出",
        "--now",
        "2026-03-04T09:00:00+08:00",
    ])
    .expect(1);
}

// ---------------------------------------------------------------------------
// results record, correct, object
// ---------------------------------------------------------------------------

#[test]
fn record_prints_the_publish_by_date_20_working_days_later() {
    let c = County::new();
    let all = c.drawn();
    let t = &all[0];
    let officers = t.officers.join(",");
    // 2026-04-30 (Thu); 05-01..05-05 off; 05-09 (Sat) is a make-up working
    // day: 05-06,07,08,09 (4), 11-15 (9), 18-22 (14), 25-29 (19), 06-01 (20).
    let r = c.record(
        &t.uscc,
        &t.items[0],
        "未发现问题",
        "2026-04-30",
        &["--officers", &officers],
    );
    r.expect(0)
        .has("应在 2026-06-01 前公示")
        .has("2026-04-30 后第 20 个工作日");
    let e = c.last_entry();
    assert_eq!(e["kind"], "result", "{e:#}");
    let body: Value = serde_json::from_str(e["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["target"], t.uscc.as_str());
    assert_eq!(body["item"], t.items[0].as_str());
    assert_eq!(body["result"], "未发现问题");
    assert_eq!(body["inspected_on"], "2026-04-30");
    assert_eq!(strs(&body["officers"]), t.officers);

    // JSON; across Mid-Autumn and National Day: 2026-09-18 (Fri); 09-20
    // (Sun) works; 09-25..27 and 10-01..07 off; 10-10 (Sat) works:
    // 09-20..24 (5), 28..30 (8), 10-08,09,10 (11), 12-16 (16), 19-22 (20).
    let t = &all[1];
    let v = c.dd_json(
        &[
            "results",
            "record",
            ID,
            "--target",
            &t.uscc,
            "--item",
            &t.items[0],
            "--result",
            "发现问题经责令已改正",
            "--date",
            "2026-09-18",
        ],
        0,
    );
    assert_eq!(v["schema"], "dualdraw.result.v1", "{v:#}");
    assert_eq!(v["publish_by"], "2026-10-22", "{v:#}");
    assert_eq!(v["result"]["target"], t.uscc.as_str(), "{v:#}");
    assert_eq!(v["result"]["result"], "发现问题经责令已改正", "{v:#}");

    // On the draw date itself (allowed): 03-03..06 (4), … 03-30 (20).
    let t = &all[2];
    c.record(
        &t.uscc,
        &t.items[0],
        "未发现问题",
        "2026-03-02",
        &["--lang", "en"],
    )
    .expect(0)
    .has("publish by 2026-03-30");
}

#[test]
fn second_record_is_refused_and_a_correction_is_recorded() {
    let c = County::new();
    let all = c.drawn();
    let t = &all[0];
    let item = &t.items[0];
    c.record(&t.uscc, item, "未发现问题", "2026-04-30", &[])
        .expect(0);
    let entries = c.dd_json(&["ledger", "verify"], 0)["entries"]
        .as_u64()
        .unwrap();
    c.record(&t.uscc, item, "发现问题待后续处理", "2026-04-30", &[])
        .expect(1)
        .has("已有结果记录");
    assert_eq!(
        c.dd_json(&["ledger", "verify"], 0)["entries"],
        entries,
        "a refused record adds nothing to the ledger"
    );

    let v = c.dd_json(
        &[
            "results",
            "correct",
            ID,
            "--target",
            &t.uscc,
            "--item",
            item,
            "--result",
            "发现问题待后续处理",
            "--date",
            "2026-04-30",
            "--note",
            "复核更正",
        ],
        0,
    );
    assert_eq!(v["result"]["result"], "发现问题待后续处理", "{v:#}");
    assert_eq!(v["publish_by"], "2026-06-01", "{v:#}");
    let e = c.last_entry();
    assert_eq!(e["kind"], "correction", "{e:#}");
    assert!(
        e["body"].as_str().unwrap().contains("发现问题待后续处理"),
        "{e:#}"
    );

    // A correction of a result never recorded.
    let u = &all[1];
    c.dd(&[
        "results",
        "correct",
        ID,
        "--target",
        &u.uscc,
        "--item",
        &u.items[0],
        "--result",
        "未发现问题",
        "--date",
        "2026-04-30",
    ])
    .expect(1)
    .has("没有结果记录，无法更正");
}

#[test]
fn record_refuses_what_is_not_a_result_of_the_draw() {
    let c = County::new();
    let all = c.drawn();
    let t = &all[0];
    let item = t.items[0].as_str();

    // A target that was not drawn.
    let stranger = undrawn(&c, &all);
    c.record(&stranger, item, "未发现问题", "2026-04-30", &[])
        .expect(1)
        .has(&stranger)
        .has("不是本批次抽取（含替换后）的检查对象");

    // A result category that does not exist lists the accepted ones.
    let r = c.record(&t.uscc, item, "还行", "2026-04-30", &[]);
    r.expect(1).has("还行").has("不是检查结果类别（可用：");
    for cat in ["未发现问题", "发现问题经责令已改正", "已注销", "其他"] {
        r.has(cat);
    }

    // An item that does not apply to the target.
    let other = other_item(t);
    c.record(&t.uscc, other, "未发现问题", "2026-04-30", &[])
        .expect(1)
        .has(other)
        .has("不适用于");

    // Before the draw date.
    c.record(&t.uscc, item, "未发现问题", "2026-03-01", &[])
        .expect(1)
        .has("早于抽取日期 2026-03-02");

    // A year without an official holiday schedule.
    c.record(&t.uscc, item, "未发现问题", "2027-06-01", &[])
        .expect(1)
        .has("尚未载入 2027 年的法定节假日安排");

    // An officer who is not on the team.
    let o = other_officer(&all, t);
    c.record(
        &t.uscc,
        item,
        "未发现问题",
        "2026-04-30",
        &["--officers", &o],
    )
    .expect(1)
    .has(&o)
    .has("的检查组中");

    // Nothing was recorded: the right record still goes through.
    c.record(&t.uscc, item, "未发现问题", "2026-04-30", &[])
        .expect(0);
}

#[test]
fn record_on_a_campaign_not_drawn_is_refused() {
    let c = County::new();
    let all = c.drawn();
    c.announce(ID2);
    let t = &all[0];
    c.dd(&[
        "results",
        "record",
        ID2,
        "--target",
        &t.uscc,
        "--item",
        &t.items[0],
        "--result",
        "未发现问题",
        "--date",
        "2026-04-30",
    ])
    .expect(1)
    .has("尚未抽取");
    // An unknown campaign is a record not found (exit 1, docs/CLI.md).
    c.dd(&[
        "results",
        "record",
        "NO-SUCH",
        "--target",
        &t.uscc,
        "--item",
        &t.items[0],
        "--result",
        "未发现问题",
        "--date",
        "2026-04-30",
    ])
    .expect(1);
}

#[test]
fn objection_is_recorded_in_the_ledger() {
    let c = County::new();
    let all = c.drawn();
    let t = &all[0];
    c.record(
        &t.uscc,
        &t.items[0],
        "发现问题待后续处理",
        "2026-04-30",
        &[],
    )
    .expect(0);
    let v = c.dd_json(
        &[
            "results",
            "object",
            ID,
            "--target",
            &t.uscc,
            "--text",
            "企业对检查结果有异议",
        ],
        0,
    );
    assert_eq!(v["schema"], "dualdraw.objection.v1", "{v:#}");
    assert_eq!(v["target"], t.uscc.as_str(), "{v:#}");
    let e = c.last_entry();
    assert_eq!(e["kind"], "objection", "{e:#}");
    assert_eq!(e["campaign"], ID, "{e:#}");
    let body: Value = serde_json::from_str(e["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["target"], t.uscc.as_str());
    assert_eq!(body["text"], "企业对检查结果有异议");
    // Not a target: refused.
    let stranger = undrawn(&c, &all);
    c.dd(&[
        "results", "object", ID, "--target", &stranger, "--text", "x",
    ])
    .expect(1);
}

// ---------------------------------------------------------------------------
// results import
// ---------------------------------------------------------------------------

#[test]
fn results_import_of_good_rows_records_them_all() {
    let c = County::new();
    let all = c.drawn();
    let (a, b, d) = (&all[0], &all[1], &all[2]);
    let text = format!(
        "{RESULTS_HEADER}\n{},{},未发现问题,2026-04-20,{}\n{},{},发现问题经责令已改正,2026-04-21,\"{}\"\n{},{},未发现问题,2026-04-22,\n",
        a.uscc,
        a.items[0],
        a.officers[0],
        b.uscc,
        b.items[0],
        b.officers.join(","),
        d.uscc,
        d.items[0],
    );
    let f = c.write("结果.csv", &text);
    let v = c.dd_json(&["results", "import", ID, &f], 0);
    assert_eq!(v["schema"], "dualdraw.results-import.v1", "{v:#}");
    assert_eq!(v["results"], 3, "{v:#}");
    let entries = c.export("L.jsonl");
    let results: Vec<&Value> = entries.iter().filter(|e| e["kind"] == "result").collect();
    assert_eq!(results.len(), 3, "one ledger entry per result");
    // Each is recorded: a second record of it is refused.
    for t in [a, b, d] {
        c.record(&t.uscc, &t.items[0], "未发现问题", "2026-04-30", &[])
            .expect(1)
            .has("已有结果记录");
    }
}

#[test]
fn results_import_with_bad_rows_lists_every_problem_and_stores_nothing() {
    let c = County::new();
    let all = c.drawn();
    let (a, b) = (&all[0], &all[1]);
    let stranger = undrawn(&c, &all);
    let o = other_officer(&all, b);
    let rows = [
        format!("{},{},未发现问题,2026-04-20,", a.uscc, a.items[0]), // 2: good
        format!("{stranger},{},未发现问题,2026-04-20,", a.items[0]), // 3: not a target
        format!("{},{},还行,2026-04-20,", b.uscc, b.items[0]),       // 4: category
        format!("{},{},未发现问题,2026-04-20,", b.uscc, other_item(b)), // 5: item
        format!("{},{},未发现问题,2026-02-20,", b.uscc, b.items[0]), // 6: before the draw
        format!("{},{},未发现问题,2026-13-40,", b.uscc, b.items[0]), // 7: not a date
        format!("{},{},未发现问题,2026-04-20,{o}", b.uscc, b.items[0]), // 8: officer
    ];
    let f = c.write(
        "bad.csv",
        &format!("{RESULTS_HEADER}\n{}\n", rows.join("\n")),
    );
    let before = c.head();
    let r = c.dd(&["results", "import", ID, &f]);
    r.expect(1).has("未导入任何内容");
    // One FILE:LINE line per problem (in any order).
    let mut lines: Vec<(u64, String)> = r
        .issue_lines("bad.csv")
        .into_iter()
        .map(|l| (l.split(':').nth(1).unwrap().parse().unwrap(), l))
        .collect();
    lines.sort();
    let numbers: Vec<u64> = lines.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, [3, 4, 5, 6, 7, 8], "{}", r.all());
    let wants = [
        vec![stranger.as_str(), "不是本批次抽取"],
        vec!["还行", "可用", "未发现问题"],
        vec!["不适用于"],
        vec!["早于抽取日期"],
        vec!["2026-13-40"],
        vec![o.as_str(), "的检查组中"],
    ];
    for ((n, line), want) in lines.iter().zip(wants) {
        for w in want {
            assert!(line.contains(w), "line {n} should mention {w:?}: {line}");
        }
    }

    let v = c.dd_json(&["results", "import", ID, &f], 1);
    assert_eq!(v["error"]["kind"], "rejected", "{v:#}");
    let problems = v["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 6, "{v:#}");
    let mut json_lines: Vec<u64> = problems
        .iter()
        .map(|p| {
            assert_eq!(p["file"], "bad.csv", "{p:#}");
            assert!(p["reason"].is_string(), "{p:#}");
            p["line"].as_u64().expect("line")
        })
        .collect();
    json_lines.sort();
    assert_eq!(json_lines, [3, 4, 5, 6, 7, 8], "{v:#}");
    // Each problem has its stable code (docs/IMPORT.md "Problem codes").
    let mut codes: Vec<(u64, String)> = problems
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    codes.sort();
    let codes: Vec<&str> = codes.iter().map(|(_, c)| c.as_str()).collect();
    assert_eq!(
        codes[..4],
        [
            "not_a_target",
            "not_a_result_category",
            "item_not_applicable",
            "before_draw_date"
        ],
        "{v:#}"
    );
    assert_eq!(codes[5], "officer_not_on_team", "{v:#}");

    // Nothing stored, not even the good row: the ledger is unchanged and a
    // later good import of that row works.
    assert_eq!(c.head(), before);
    let good = c.write("good.csv", &format!("{RESULTS_HEADER}\n{}\n", rows[0]));
    c.dd(&["--lang", "en", "results", "import", ID, &good])
        .expect(0)
        .has("imported 1 result");
}

#[test]
fn results_import_lists_rows_already_recorded_with_their_lines() {
    let c = County::new();
    let all = c.drawn();
    let (a, b, d) = (&all[0], &all[1], &all[2]);
    c.record(&a.uscc, &a.items[0], "未发现问题", "2026-04-20", &[])
        .expect(0);
    let rows = [
        format!("{},{},未发现问题,2026-04-20,", a.uscc, a.items[0]), // 2: already recorded
        format!("{},{},未发现问题,2026-04-20,", b.uscc, b.items[0]), // 3: good
        format!("{},{},未发现问题,2026-04-21,", b.uscc, b.items[0]), // 4: twice in the file
        format!("{},{},还行,2026-04-20,", d.uscc, d.items[0]),       // 5: category
    ];
    let f = c.write(
        "dup.csv",
        &format!("{RESULTS_HEADER}\n{}\n", rows.join("\n")),
    );
    let r = c.dd(&["results", "import", ID, &f]);
    r.expect(1);
    let lines = r.issue_lines("dup.csv");
    for n in [2, 4, 5] {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("dup.csv:{n}:"))),
            "line {n} is not listed:\n{}",
            r.all()
        );
    }
}

// ---------------------------------------------------------------------------
// publish
// ---------------------------------------------------------------------------

#[test]
fn publish_writes_the_notice_files() {
    let c = County::new();
    let all = c.drawn();
    let n = all.len();
    let usccs: BTreeSet<String> = all.iter().map(|t| t.uscc.clone()).collect();
    let v = c.dd_json(&["publish", ID, "--out", "pub"], 0);
    assert_eq!(v["schema"], "dualdraw.publish.v1", "{v:#}");
    let files = v["files"].as_array().expect("files");
    let names: BTreeSet<String> = files
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    for name in [
        "list.csv",
        "list.xlsx",
        "list.json",
        "index.html",
        "record.html",
        "proof.json",
        "public-snapshot.json",
    ] {
        assert!(
            names.contains(&format!("pub/{name}")),
            "{name} missing: {v:#}"
        );
        assert!(c.exists(&format!("pub/{name}")), "{name} not written");
    }
    for f in files {
        let path = f["path"].as_str().unwrap();
        assert_eq!(f["sha256"], sha256_hex(&c.bytes(path)).as_str(), "{path}");
    }

    // list.csv: UTF-8 with BOM, Chinese header, one row per target.
    let csv_bytes = c.bytes("pub/list.csv");
    assert_eq!(
        &csv_bytes[..3],
        b"\xEF\xBB\xBF",
        "list.csv starts with the BOM"
    );
    let text = String::from_utf8(csv_bytes[3..].to_vec()).expect("UTF-8");
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    assert!(
        header.contains(&"统一社会信用代码".to_string()),
        "{header:?}"
    );
    assert!(header.contains(&"执法证号".to_string()), "{header:?}");
    let col = header.iter().position(|h| h == "统一社会信用代码").unwrap();
    let listed: BTreeSet<String> = rdr.records().map(|r| r.unwrap()[col].to_string()).collect();
    assert_eq!(listed, usccs, "list.csv lists exactly the targets");
    assert_eq!(text.lines().count(), n + 1);

    // list.xlsx is a zip.
    assert_eq!(&c.bytes("pub/list.xlsx")[..2], b"PK");

    // list.json.
    let list: Value = serde_json::from_str(&c.read("pub/list.json")).expect("list.json");
    assert_eq!(list["campaign"], ID, "{list:#}");
    let targets = list["targets"].as_array().expect("targets");
    assert_eq!(targets.len(), n);
    let json_usccs: BTreeSet<String> = targets
        .iter()
        .map(|t| t["uscc"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(json_usccs, usccs);

    // The HTML pages.
    let index = c.read("pub/index.html");
    assert!(index.contains("2026年部门联合双随机抽查（第一批）"));
    for u in &usccs {
        assert!(index.contains(u.as_str()), "index.html lacks {u}");
    }
    let record = c.read("pub/record.html");
    let proof = c.proof("proof.json");
    assert!(record.contains(ID));
    assert!(record.contains(proof["announcement"]["hash"].as_str().unwrap()));

    // proof.json is the recorded proof, byte for byte.
    let published = c.bytes("pub/proof.json");
    assert_eq!(published, c.bytes("proof.json"));
    let entries = c.export("L.jsonl");
    let draw = entries.iter().find(|e| e["kind"] == "draw").unwrap();
    let body: Value = serde_json::from_str(draw["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["proof_sha256"], sha256_hex(&published).as_str());
    // The publication is in the ledger.
    assert_eq!(entries.last().unwrap()["kind"], "publication");

    // Anyone re-checks it in that folder: public level.
    let r = run_in(
        &c.path().join("pub"),
        &[
            "--json",
            "verify",
            "proof.json",
            "--snapshot",
            "public-snapshot.json",
        ],
    );
    r.expect(0);
    let v = r.json();
    assert_eq!(v["verified"], true, "{v:#}");
    assert_eq!(v["level"], "public", "{v:#}");
    assert_eq!(v["targets"].as_array().map(Vec::len), Some(n), "{v:#}");

    // Without --out: WORKSPACE/published/ID/.
    c.dd(&["publish", ID]).expect(0).has("list.csv");
    for name in ["list.csv", "list.json", "proof.json", "index.html"] {
        assert!(c.exists(&format!("{WS}/published/{ID}/{name}")), "{name}");
    }
}

#[test]
fn publish_discloses_no_credit_class_and_no_recusal_reason() {
    let c = County::new();
    c.drawn();
    c.dd(&["publish", ID, "--out", "pub"]).expect(0);

    // Credit classes appear only in per-stratum summaries (the class of a
    // stratum, never of an entity).
    for name in ["list.json", "proof.json", "public-snapshot.json"] {
        let v: Value = serde_json::from_str(&c.read(&format!("pub/{name}"))).unwrap();
        let mut paths = Vec::new();
        key_paths(&v, "credit_class", "", &mut paths);
        let leaked: Vec<&String> = paths.iter().filter(|p| !p.contains("strata")).collect();
        assert!(
            leaked.is_empty(),
            "{name} shows credit classes at {leaked:?}"
        );
    }
    let list: Value = serde_json::from_str(&c.read("pub/list.json")).unwrap();
    for t in list["targets"].as_array().unwrap() {
        let keys: Vec<&String> = t.as_object().unwrap().keys().collect();
        assert!(
            !keys
                .iter()
                .any(|k| k.contains("credit") || k.contains("class")),
            "a target of list.json has {keys:?}"
        );
    }
    let header = c.read("pub/list.csv").lines().next().unwrap().to_string();
    assert!(
        !header.contains("信用风险") && !header.contains("分类"),
        "list.csv header: {header}"
    );

    // No recusal reason anywhere.
    let reasons = c.recusal_reasons();
    assert!(!reasons.is_empty());
    for entry in std::fs::read_dir(c.path().join("pub")).unwrap() {
        let p = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
        for r in &reasons {
            assert!(!text.contains(r.as_str()), "{} contains {r:?}", p.display());
        }
    }
}

#[test]
fn publish_of_a_campaign_not_drawn_is_refused() {
    let c = County::new();
    c.announce(ID);
    c.dd(&["publish", ID, "--out", "pub"])
        .expect(1)
        .has("尚未抽取");
    assert!(!c.exists("pub/list.csv"));
    c.dd(&["publish", "NO-SUCH"]).expect(1);
}

// ---------------------------------------------------------------------------
// results publish and status
// ---------------------------------------------------------------------------

#[test]
fn results_publish_writes_the_results_notice_and_status_shows_it() {
    let c = County::new();
    let all = c.drawn();
    let (a, b) = (&all[0], &all[1]);
    c.record(&a.uscc, &a.items[0], "未发现问题", "2026-04-30", &[])
        .expect(0);
    c.record(
        &b.uscc,
        &b.items[0],
        "发现问题待后续处理",
        "2026-04-30",
        &[],
    )
    .expect(0);
    let s = c.dd_json(&["status", "--today", "2026-05-06"], 0);
    assert_eq!(s["campaigns"][0]["results_published"], false, "{s:#}");
    c.dd(&["status", "--today", "2026-05-06"])
        .expect(0)
        .has("检查结果未公示");

    let v = c.dd_json(&["results", "publish", ID], 0);
    assert_eq!(v["schema"], "dualdraw.results-publish.v1", "{v:#}");
    let dir = format!("{WS}/published/{ID}");
    for name in [
        "results.csv",
        "results.xlsx",
        "results.json",
        "results.html",
    ] {
        assert!(c.exists(&format!("{dir}/{name}")), "{name} not written");
    }
    let csv_bytes = c.bytes(&format!("{dir}/results.csv"));
    assert_eq!(
        &csv_bytes[..3],
        b"\xEF\xBB\xBF",
        "results.csv starts with the BOM"
    );
    let text = String::from_utf8_lossy(&csv_bytes).into_owned();
    assert!(text.contains("检查结果"), "{text}");
    assert!(text.contains(&a.uscc) && text.contains(&b.uscc), "{text}");
    assert!(text.contains("发现问题待后续处理"), "{text}");
    assert_eq!(&c.bytes(&format!("{dir}/results.xlsx"))[..2], b"PK");
    let json: Value = serde_json::from_str(&c.read(&format!("{dir}/results.json"))).unwrap();
    assert_eq!(json["results"].as_array().unwrap().len(), 2, "{json:#}");
    assert!(c.read(&format!("{dir}/results.html")).contains(&b.uscc));

    let s = c.dd_json(&["status", "--today", "2026-05-06"], 0);
    assert_eq!(s["campaigns"][0]["results_published"], true, "{s:#}");
    c.dd(&["--lang", "en", "status", "--today", "2026-05-06"])
        .expect(0)
        .has("results published");
    // --out is honoured too.
    c.dd(&["results", "publish", ID, "--out", "res"]).expect(0);
    assert!(c.exists("res/results.csv"));
    // A campaign not drawn has no results notice.
    c.announce(ID2);
    c.dd(&["results", "publish", ID2]).expect(1).has("尚未抽取");
}

#[test]
fn status_shows_due_soon_then_overdue() {
    let c = County::new();
    let all = c.drawn();
    let t = &all[0];
    let item = &t.items[0];
    c.record(&t.uscc, item, "未发现问题", "2026-04-30", &[])
        .expect(0)
        .has("应在 2026-06-01 前公示");
    let line = format!("{} {item} (due 2026-06-01)", t.uscc);

    // 2026-05-22 (Fri): 5 working days later is 05-29; 06-01 is the 6th.
    let r = c.dd(&["--lang", "en", "status", "--today", "2026-05-22"]);
    r.expect(0).has("0 overdue, 0 due within 5 working days");
    assert!(!r.all().contains(&line), "{}", r.all());
    // 2026-05-25 (Mon): 26, 27, 28, 29, 06-01 → due within 5 working days.
    c.dd(&["--lang", "en", "status", "--today", "2026-05-25"])
        .expect(0)
        .has("1 due within 5 working days")
        .has(&format!("due soon {line}"));
    // On the day itself still due, the day after overdue.
    c.dd(&["--lang", "en", "status", "--today", "2026-06-01"])
        .expect(0)
        .has(&format!("due soon {line}"));
    let r = c.dd(&["--lang", "en", "status", "--today", "2026-06-02"]);
    r.expect(0).has("1 overdue").has(&format!("OVERDUE {line}"));

    let s = c.dd_json(&["status", "--today", "2026-05-25"], 0);
    assert_eq!(s["schema"], "dualdraw.status.v1", "{s:#}");
    assert_eq!(s["today"], "2026-05-25", "{s:#}");
    let camp = &s["campaigns"][0];
    assert_eq!(camp["id"], ID, "{s:#}");
    assert_eq!(camp["state"], "drawn", "{s:#}");
    assert_eq!(camp["targets"], all.len() as u64, "{s:#}");
    assert_eq!(camp["overdue"], serde_json::json!([]), "{s:#}");
    let soon = camp["due_soon"].as_array().unwrap();
    assert_eq!(soon.len(), 1, "{s:#}");
    assert_eq!(soon[0]["target"], t.uscc.as_str());
    assert_eq!(soon[0]["item"], item.as_str());
    assert_eq!(soon[0]["due"], "2026-06-01");

    let s = c.dd_json(&["status", "--today", "2026-06-02"], 0);
    let camp = &s["campaigns"][0];
    assert_eq!(camp["due_soon"], serde_json::json!([]), "{s:#}");
    let overdue = camp["overdue"].as_array().unwrap();
    assert_eq!(overdue.len(), 1, "{s:#}");
    assert_eq!(overdue[0]["target"], t.uscc.as_str());
    assert_eq!(overdue[0]["due"], "2026-06-01");
}

#[test]
fn status_shows_announced_and_voided_campaigns() {
    let c = County::new();
    c.drawn();
    c.announce(ID2);
    c.announce("2026-JOINT-03");
    c.dd(&[
        "campaign",
        "void",
        ID2,
        "--reason",
        "公告有误",
        "--now",
        REVEAL_AT,
    ])
    .expect(0);
    let s = c.dd_json(&["status", "--today", "2026-03-10"], 0);
    let states: BTreeMap<String, String> = s["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["id"].as_str().unwrap().to_string(),
                x["state"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(states[ID], "drawn", "{s:#}");
    assert_eq!(states[ID2], "voided", "{s:#}");
    assert_eq!(states["2026-JOINT-03"], "announced", "{s:#}");
    c.dd(&["status", "--today", "2026-03-10"])
        .expect(0)
        .has(&format!("{ID2}：已作废"))
        .has("2026-JOINT-03：已公告");
}

#[test]
fn status_flags_a_result_recorded_after_the_results_notice() {
    let c = County::new();
    let all = c.drawn();
    let (a, b) = (&all[0], &all[1]);
    c.record(&a.uscc, &a.items[0], "未发现问题", "2026-04-30", &[])
        .expect(0);
    c.dd(&["results", "publish", ID]).expect(0);
    // 2026-05-06 + 20 working days = 2026-06-02; never published.
    c.record(&b.uscc, &b.items[0], "未发现问题", "2026-05-06", &[])
        .expect(0)
        .has("应在 2026-06-02 前公示");
    c.dd(&["--lang", "en", "status", "--today", "2026-06-30"])
        .expect(0)
        .has(&format!(
            "OVERDUE {} {} (due 2026-06-02)",
            b.uscc, b.items[0]
        ));
}

// ---------------------------------------------------------------------------
// history import and exclude_inspected_within_days
// ---------------------------------------------------------------------------

#[test]
fn history_import_excludes_recently_inspected_entities() {
    let c = County::new();
    let pool = c.pool();
    // Half the pool inspected within the year before the draw, a few more
    // long ago.
    let recent: BTreeSet<String> = pool.iter().step_by(2).cloned().collect();
    let old: Vec<String> = pool.iter().skip(1).step_by(2).take(5).cloned().collect();
    let mut text = "统一社会信用代码,检查日期\n".to_string();
    for u in &recent {
        text.push_str(&format!("{u},2025-06-01\n"));
    }
    for u in &old {
        text.push_str(&format!("{u},2024-01-10\n"));
    }
    let f = c.write("历史.csv", &text);
    let v = c.dd_json(&["history", "import", &f], 0);
    assert_eq!(v["schema"], "dualdraw.history-import.v1", "{v:#}");
    assert_eq!(v["rows"], (recent.len() + old.len()) as u64, "{v:#}");

    // Without the rule the whole pool counts; with it, the recent half is out.
    let full = c.announce(ID);
    assert_eq!(full["pool"], pool.len() as u64, "the pool as computed here");
    let v = c.announce_with(ID2, "exclude_inspected_within_days = 365");
    assert_eq!(v["pool"], (pool.len() - recent.len()) as u64, "{v:#}");
    c.reveal_and_draw(ID2, "proof2.json");
    let proof = c.proof("proof2.json");
    let exclusion: BTreeSet<String> = strs(&proof["announcement"]["exclusion"])
        .into_iter()
        .collect();
    assert!(
        exclusion.is_superset(&recent),
        "every recently inspected entity is in announcement.exclusion"
    );
    for u in &old {
        assert!(!exclusion.contains(u), "{u} was inspected in 2024-01");
    }
    let drawn = targets(&proof);
    assert!(!drawn.is_empty());
    for t in &drawn {
        assert!(
            !recent.contains(&t.uscc),
            "{} was excluded but drawn",
            t.uscc
        );
    }
}

#[test]
fn history_import_with_bad_rows_loads_nothing() {
    let c = County::new();
    let pool = c.pool();
    let x = &pool[0];
    let text = format!(
        "统一社会信用代码,检查日期\n{x},2025-10-01\nBADUSCC,2025-06-01\n{},2025-13-01\n{},\n",
        pool[1], pool[2]
    );
    let f = c.write("hb.csv", &text);
    let r = c.dd(&["history", "import", &f]);
    r.expect(1).has("未导入任何内容");
    let lines = r.issue_lines("hb.csv");
    assert_eq!(lines.len(), 3, "{}", r.all());
    assert!(
        lines[0].starts_with("hb.csv:3:") && lines[0].contains("BADUSCC"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("hb.csv:4:") && lines[1].contains("2025-13-01"),
        "{lines:?}"
    );
    assert!(lines[2].starts_with("hb.csv:5:"), "{lines:?}");
    let v = c.dd_json(&["history", "import", &f], 1);
    assert_eq!(v["problems"].as_array().unwrap().len(), 3, "{v:#}");

    // Nothing loaded: x is not excluded.
    let v = c.announce_with(ID, "exclude_inspected_within_days = 365");
    assert_eq!(v["pool"], pool.len() as u64, "{v:#}");
    c.reveal_and_draw(ID, "proof.json");
    assert_eq!(
        c.proof("proof.json")["announcement"]["exclusion"],
        serde_json::json!([])
    );

    // A good file afterwards loads.
    let good = c.write(
        "h.csv",
        &format!("统一社会信用代码,检查日期\n{x},2025-10-01\n"),
    );
    c.dd(&["--lang", "en", "history", "import", &good])
        .expect(0)
        .has("loaded 1");
    let v = c.announce_with(ID2, "exclude_inspected_within_days = 365");
    assert_eq!(v["pool"], pool.len() as u64 - 1, "{v:#}");
}

// ---------------------------------------------------------------------------
// campaign replace, verify --replacements
// ---------------------------------------------------------------------------

/// Replaces the first target of `all` whose stratum still has an entity to
/// draw (the draw decides which), then one officer of the next target;
/// returns the indices of both targets and the new target.
fn two_replacements(c: &County, all: &[Target]) -> (usize, usize, String) {
    let mut found = None;
    for (i, t) in all.iter().enumerate() {
        let run = c.dd(&[
            "--json",
            "campaign",
            "replace",
            ID,
            "--target",
            &t.uscc,
            "--reason",
            "已迁出",
            "--now",
            "2026-03-05T09:00:00+08:00",
        ]);
        if run.code == 0 {
            found = Some((i, serde_json::from_str::<Value>(&run.stdout).unwrap()));
            break;
        }
        // A refusal records nothing: only an exhausted stratum may refuse.
        run.expect(1).has("no entity is left in the stratum");
    }
    let (first, v) = found.expect("no target of the draw can be replaced");
    let r = &v["replacement"];
    assert_eq!(r["seq"], 1, "{v:#}");
    assert_eq!(r["request"]["kind"], "target", "{v:#}");
    assert_eq!(r["reason"], "已迁出", "{v:#}");
    assert_eq!(r["at"], "2026-03-05T01:00:00Z", "{v:#}");
    let new = r["replacement"].as_str().expect("new target").to_string();
    assert!(
        !all.iter().any(|t| t.uscc == new),
        "the new target {new} was already a target"
    );
    assert!(strs(&r["team"]).len() >= 2, "{v:#}");

    let second = usize::from(first == 0);
    let t = &all[second];
    let gone = &t.officers[0];
    let v = c.dd_json(
        &[
            "campaign",
            "replace",
            ID,
            "--target",
            &t.uscc,
            "--officer",
            gone,
            "--reason",
            "病假",
            "--now",
            "2026-03-05T10:00:00+08:00",
        ],
        0,
    );
    let r = &v["replacement"];
    assert_eq!(r["seq"], 2, "{v:#}");
    assert_eq!(r["request"]["kind"], "officer", "{v:#}");
    let by = r["replacement"].as_str().unwrap();
    assert_ne!(by, gone.as_str());
    let team = strs(&r["team"]);
    assert!(!team.contains(gone), "{gone} is still on the team {team:?}");
    assert!(team.iter().any(|o| o == by), "{team:?}");
    assert_eq!(team.len(), t.officers.len());
    for o in &t.officers[1..] {
        assert!(team.contains(o), "{o} left the team {team:?}");
    }
    (first, second, new)
}

#[test]
fn replace_a_target_and_an_officer_then_verify_them() {
    let c = County::new();
    let all = c.drawn();
    let (first, second, new) = two_replacements(&c, &all);
    let entries = c.export("L.jsonl");
    let kinds: Vec<&str> = entries
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds[kinds.len() - 2..], ["replacement", "replacement"]);

    // Results follow the replacements.
    c.record(
        &all[first].uscc,
        &all[first].items[0],
        "未发现问题",
        "2026-04-30",
        &[],
    )
    .expect(1)
    .has("不是本批次抽取（含替换后）的检查对象");
    let recorded = ITEMS.iter().any(|item| {
        let r = c.record(&new, item, "未发现问题", "2026-04-30", &[]);
        if r.code != 0 {
            r.expect(1).has("不适用于");
        }
        r.code == 0
    });
    assert!(
        recorded,
        "no result can be recorded for the new target {new}"
    );

    // Not a target: refused; an officer not on the team: refused.
    let stranger = c
        .pool()
        .into_iter()
        .find(|u| *u != new && !all.iter().any(|t| &t.uscc == u))
        .expect("an entity never drawn");
    c.dd(&[
        "campaign", "replace", ID, "--target", &stranger, "--reason", "x",
    ])
    .expect(1)
    .has(&stranger);
    let third = (0..all.len())
        .find(|k| *k != first && *k != second)
        .expect("a third target");
    let o = other_officer(&all, &all[third]);
    c.dd(&[
        "campaign",
        "replace",
        ID,
        "--target",
        &all[third].uscc,
        "--officer",
        &o,
        "--reason",
        "x",
    ])
    .expect(1)
    .has(&o);

    // The recorded replacements re-derive at audit level.
    let file = format!("{WS}/proofs/{ID}.replacements.json");
    let v = c.dd_json(&["verify", "proof.json", "--replacements", &file], 0);
    assert_eq!(v["verified"], true, "{v:#}");
    assert_eq!(v["level"], "audit", "{v:#}");

    // An edited replacement (another officer) fails.
    let text = c.read(&file);
    let mut reps: Value = serde_json::from_str(&text).unwrap();
    let team = strs(&reps[1]["team"]);
    let other = all
        .iter()
        .flat_map(|t| t.officers.iter())
        .find(|o| !team.contains(o))
        .expect("an officer not on the team")
        .clone();
    reps[1]["replacement"] = Value::String(other.clone());
    c.write("edited.json", &serde_json::to_string_pretty(&reps).unwrap());
    c.dd(&["verify", "proof.json", "--replacements", "edited.json"])
        .expect(1)
        .has("replacement 2")
        .has(&other);
    // An edited new target fails too.
    let edited = text.replacen(&new, &all[3].uscc, 1);
    c.write("edited2.json", &edited);
    c.dd(&["verify", "proof.json", "--replacements", "edited2.json"])
        .expect(1)
        .has("replacement 1");
}

#[test]
fn verify_replacements_refuses_a_file_missing_a_replacement() {
    let c = County::new();
    let all = c.drawn();
    two_replacements(&c, &all);
    let file = format!("{WS}/proofs/{ID}.replacements.json");
    let mut reps: Value = serde_json::from_str(&c.read(&file)).unwrap();
    reps.as_array_mut().unwrap().truncate(1);
    c.write("one.json", &serde_json::to_string_pretty(&reps).unwrap());
    c.dd(&["verify", "proof.json", "--replacements", "one.json"])
        .expect(1);
    c.write("none.json", "[]");
    c.dd(&["verify", "proof.json", "--replacements", "none.json"])
        .expect(1);
}

#[test]
fn verify_replacements_refuses_an_edited_reason() {
    let c = County::new();
    let all = c.drawn();
    two_replacements(&c, &all);
    let file = format!("{WS}/proofs/{ID}.replacements.json");
    let text = c.read(&file);
    assert!(text.contains("已迁出"));
    let edited = text.replacen("已迁出", "已注销", 1).replacen(
        "2026-03-05T01:00:00Z",
        "2026-03-04T01:00:00Z",
        1,
    );
    c.write("edited.json", &edited);
    c.dd(&["verify", "proof.json", "--replacements", "edited.json"])
        .expect(1);
}

// ---------------------------------------------------------------------------
// History rules of the announcement and coordination groups (SPEC §3–§6)
// ---------------------------------------------------------------------------

/// (USCC → credit class) from the county file: the tests may read the
/// confidential class, a verifier may not.
fn classes(c: &County) -> BTreeMap<String, String> {
    let text = c.read("d/county/entities.csv");
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().expect("header").clone();
    let u = headers
        .iter()
        .position(|h| h == "统一社会信用代码")
        .unwrap();
    let k = headers.iter().position(|h| h == "信用风险分类").unwrap();
    rdr.records()
        .map(|r| {
            let r = r.expect("row");
            (r[u].to_string(), r[k].to_string())
        })
        .collect()
}

/// A second campaign drawing more (so that it meets the first one's targets).
fn wide(c: &County, id: &str, extra_targets: &str, extra_teams: &str) -> String {
    c.toml(id, extra_targets)
        .replace("ratio = \"3%\"", "ratio = \"40%\"")
        .replace("ratio = \"5%\"", "ratio = \"40%\"")
        .replace("ratio = \"10%\"\n", "ratio = \"40%\"\n")
        .replace(
            "max_targets_per_officer = 10",
            "max_targets_per_officer = 200",
        )
        .replace(
            "officer_region = \"same\"",
            &format!("officer_region = \"same\"\n{extra_teams}"),
        )
}

#[test]
fn officer_history_keeps_an_officer_off_a_target_they_inspected_within_the_window() {
    let c = County::new();
    let first = c.drawn();
    let pairs: BTreeSet<(String, String)> = first
        .iter()
        .flat_map(|t| t.officers.iter().map(|o| (o.clone(), t.uscc.clone())))
        .collect();
    let file = c.write(
        "wide.toml",
        &wide(&c, ID2, "", "avoid_same_officer_within_days = 30"),
    );
    let v = c.dd_json(&["campaign", "announce", &file, "--now", ANNOUNCE_AT], 0);
    assert_eq!(v["history"]["officer_history"], pairs.len(), "{v:#}");
    c.reveal_and_draw(ID2, "proof2.json");
    let p = c.proof("proof2.json");
    let listed: BTreeSet<(String, String)> = p["announcement"]["officer_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["officer"].as_str().unwrap().to_string(),
                x["target"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        listed, pairs,
        "the announcement lists every pair of the first draw"
    );
    let second = targets(&p);
    let again: Vec<&Target> = second
        .iter()
        .filter(|t| first.iter().any(|f| f.uscc == t.uscc))
        .collect();
    assert!(!again.is_empty(), "the wide campaign meets earlier targets");
    for t in &again {
        for o in &t.officers {
            assert!(
                !pairs.contains(&(o.clone(), t.uscc.clone())),
                "{o} inspected {} in the first campaign and is on it again",
                t.uscc
            );
        }
    }
    c.dd(&["verify", "proof2.json"])
        .expect(0)
        .has("有效（VALID，审计级");
    // A verifier re-runs the assignment with the pairs: dropping one is caught.
    let mut bad = p.clone();
    bad["announcement"]["officer_history"]
        .as_array_mut()
        .unwrap()
        .pop();
    c.write("bad.json", &bad.to_string());
    c.dd(&["verify", "bad.json", "--light"]).expect(1);
}

#[test]
fn without_the_rule_the_announcement_lists_no_officer_history() {
    let c = County::new();
    c.drawn();
    let file = c.write("wide.toml", &wide(&c, ID2, "", ""));
    let v = c.dd_json(&["campaign", "announce", &file, "--now", ANNOUNCE_AT], 0);
    assert_eq!(v["history"]["officer_history"], 0, "{v:#}");
}

#[test]
fn low_risk_entities_drawn_earlier_this_year_are_left_out_and_counted_by_class() {
    let c = County::new();
    let first = c.drawn();
    let class = classes(&c);
    let earlier_a: BTreeSet<&str> = first
        .iter()
        .filter(|t| class[&t.uscc] == "A")
        .map(|t| t.uscc.as_str())
        .collect();
    assert!(!earlier_a.is_empty(), "the first draw has class-A targets");
    // With the rule.
    let file = c.write(
        "lowrisk.toml",
        &wide(&c, ID2, "low_risk_once_a_year = true", ""),
    );
    let v = c.dd_json(&["campaign", "announce", &file, "--now", ANNOUNCE_AT], 0);
    assert_eq!(v["history"]["drawn_this_year"], first.len(), "{v:#}");
    c.reveal_and_draw(ID2, "proof2.json");
    let p = c.proof("proof2.json");
    let listed: BTreeSet<String> = strs(&p["announcement"]["drawn_this_year"])
        .into_iter()
        .collect();
    let firsts: BTreeSet<String> = first.iter().map(|t| t.uscc.clone()).collect();
    assert_eq!(listed, firsts, "drawn this year = the first draw's targets");
    assert_eq!(
        p["excluded_by_class"].as_u64().unwrap(),
        earlier_a.len() as u64,
        "exactly the class-A ones are left out, counted by class"
    );
    for t in targets(&p) {
        assert!(
            !earlier_a.contains(t.uscc.as_str()),
            "{} is low-risk and was drawn earlier this year",
            t.uscc
        );
    }
    c.dd(&["verify", "proof2.json"])
        .expect(0)
        .has("有效（VALID，审计级");
    // Without the rule nothing is left out by class.
    let file = c.write("plain.toml", &wide(&c, "2026-JOINT-03", "", ""));
    c.dd(&["campaign", "announce", &file, "--now", ANNOUNCE_AT])
        .expect(0);
    c.reveal_and_draw("2026-JOINT-03", "proof3.json");
    assert_eq!(c.proof("proof3.json")["excluded_by_class"], 0);
}

fn coordinated(c: &County, id: &str, group: &str, start: &str, items: &str) -> String {
    c.toml(id, "")
        .replace(
            "items = [\"SC-001\", \"JY-002\", \"WL-001\", \"JT-003\", \"GA-004\"]",
            &format!("items = [{items}]"),
        )
        .replace(
            "categories = [\"民办学校\", \"旅游市场\", \"客运站\", \"爆破作业单位\"]\n",
            "",
        )
        .replace(
            "[entropy]",
            &format!("[coordination]\ngroup = \"{group}\"\nstart = \"{start}\"\n[entropy]"),
        )
}

#[test]
fn a_coordination_group_is_announced_together_and_shares_its_prns() {
    let c = County::new();
    let a = c.write(
        "a.toml",
        &coordinated(&c, "COORD-A", "春季", "0", "\"SC-001\", \"WL-001\""),
    );
    let b = c.write(
        "b.toml",
        &coordinated(&c, "COORD-B", "春季", "0", "\"SC-001\", \"JY-002\""),
    );
    let v = c.dd_json(&["campaign", "announce", &a, &b, "--now", ANNOUNCE_AT], 0);
    assert_eq!(v["schema"], "dualdraw.announce-group.v1", "{v:#}");
    let anns = v["announcements"].as_array().unwrap();
    assert_eq!(anns.len(), 2);
    assert_eq!(anns[0]["group"]["hash"], anns[1]["group"]["hash"]);
    assert_eq!(anns[0]["group"]["members"], 2);
    for id in ["COORD-A", "COORD-B"] {
        c.reveal_and_draw(id, &format!("{id}.json"));
        c.dd(&["verify", &format!("{id}.json")])
            .expect(0)
            .has("有效（VALID，审计级");
    }
    let pa = c.proof("COORD-A.json");
    let pb = c.proof("COORD-B.json");
    assert_eq!(pa["prn_seed"], pb["prn_seed"], "one group seed");
    assert_ne!(pa["seed"], pb["seed"]);
    assert_eq!(pa["group_announcements"], pb["group_announcements"]);
    let hashes: BTreeSet<String> = strs(&pa["group_announcements"]).into_iter().collect();
    let want: BTreeSet<String> = anns
        .iter()
        .map(|x| x["announcement_hash"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(hashes, want);
    // Same PRN for an entity drawn by both; and the samples overlap.
    let prns = |p: &Value| -> BTreeMap<String, String> {
        p["targets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["entity"]["uscc"].as_str().unwrap().to_string(),
                    t["prn"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let (xa, xb) = (prns(&pa), prns(&pb));
    let both: Vec<&String> = xa.keys().filter(|u| xb.contains_key(*u)).collect();
    assert!(!both.is_empty(), "coordinated samples overlap");
    for u in both {
        assert_eq!(xa[u], xb[u], "{u}");
    }
    // The group cannot be joined later.
    let late = c.write(
        "late.toml",
        &coordinated(&c, "COORD-C", "春季", "1/2", "\"SC-001\""),
    );
    let r = c.dd(&["campaign", "announce", &late, "--now", ANNOUNCE_AT]);
    r.expect(1).has("联合抽查组 \"春季\" 已经公告过");
}

#[test]
fn a_coordination_group_with_different_entropy_is_refused_and_nothing_is_announced() {
    let c = County::new();
    let a = c.write(
        "a.toml",
        &coordinated(&c, "COORD-A", "春季", "0", "\"SC-001\""),
    );
    let other = coordinated(&c, "COORD-B", "春季", "1/2", "\"SC-001\"").replace(
        &format!(
            ", {{ name = \"{YI}\", commitment = \"{}\" }}",
            c.yi.commitment
        ),
        "",
    );
    let b = c.write("b.toml", &other);
    c.dd(&["campaign", "announce", &a, &b, "--now", ANNOUNCE_AT])
        .expect(1)
        .has("must have the same [entropy]");
    // Nothing was announced: the campaign is unknown (not found, exit 1).
    c.dd(&["campaign", "reveal", "COORD-A", &c.jia_reveal()])
        .expect(1);
}

#[test]
fn open_threshold_explains_why_each_drawn_target_of_a_class_was_drawn() {
    let c = County::new();
    c.drawn();
    let p = c.proof("proof.json");
    let class = classes(&c);
    for k in ["A", "B", "C", "D"] {
        let o = c.dd_json(&["campaign", "open-threshold", ID, k], 0);
        assert_eq!(o["format"], "dualdraw-threshold-opening-v1");
        assert_eq!(o["campaign_hash"], p["announcement"]["campaign_hash"]);
        let threshold = o["threshold"].as_str().unwrap_or("").to_string();
        for t in p["targets"].as_array().unwrap() {
            let u = t["entity"]["uscc"].as_str().unwrap();
            if class[u] == k {
                assert!(
                    t["prn"].as_str().unwrap() <= threshold.as_str(),
                    "{u} of class {k} is drawn, so its prn is at most the threshold"
                );
            }
        }
    }
    c.dd(&["campaign", "open-threshold", ID, "E"]).expect(2);
    c.dd(&["campaign", "open-threshold", "NO-SUCH", "A"])
        .expect(1);
}

/// Guards the compact public snapshot (COMMITMENTS §9) through the CLI on the
/// real clock: `publish --compact` writes it, anyone verifies with it and gets
/// the verdict the JSON snapshot gives, and a changed byte fails naming
/// `public_snapshot`.
#[test]
fn a_compact_public_snapshot_verifies_as_the_json_one_and_a_changed_byte_fails() {
    let c = County::new();
    c.drawn();
    c.dd(&["publish", ID, "--out", "pubj"]).expect(0);
    c.dd(&["publish", ID, "--out", "pubc", "--compact"])
        .expect(0)
        .has("public-snapshot.ddps");
    assert!(c.exists("pubc/public-snapshot.ddps"));
    assert!(!c.exists("pubc/public-snapshot.json"));
    assert!(
        c.read("pubc/index.html")
            .contains("--snapshot public-snapshot.ddps")
    );
    let json = c.bytes("pubj/public-snapshot.json");
    let compact = c.bytes("pubc/public-snapshot.ddps");
    assert!(
        compact.len() * 4 < json.len(),
        "compact {} bytes, JSON {}",
        compact.len(),
        json.len()
    );
    let verdict = |dir: &str, snap: &str| {
        let r = run_in(
            &c.path().join(dir),
            &["--json", "verify", "proof.json", "--snapshot", snap],
        );
        (r.code, r.json())
    };
    let (code_j, vj) = verdict("pubj", "public-snapshot.json");
    let (code_c, vc) = verdict("pubc", "public-snapshot.ddps");
    assert_eq!((code_j, code_c), (0, 0), "{vc:#}");
    assert_eq!(vj, vc);
    assert_eq!(vc["level"], "public");
    // The same file from `registry export --public --compact`.
    let sid = c.proof("proof.json")["announcement"]["snapshot"]["id"].to_string();
    c.dd(&[
        "registry",
        "export",
        "--public",
        "--compact",
        "e.ddps",
        "--snapshot",
        &sid,
    ])
    .expect(0);
    let (code_e, ve) = verdict(".", "e.ddps");
    assert_eq!(code_e, 0, "{ve:#}");
    // The enterprise's look-up: its record with a proof `verify-proof`
    // accepts, and a USCC that is not there shown by adjacent neighbours.
    let snap: Value = serde_json::from_str(&c.read("pubj/public-snapshot.json")).unwrap();
    let u = snap["entities"][3]["uscc"].as_str().unwrap().to_string();
    let r = run_in(
        &c.path().join("pubc"),
        &["--json", "registry", "look-up", "public-snapshot.ddps", &u],
    );
    r.expect(0);
    let v = r.json();
    assert_eq!(v["present"], true, "{v:#}");
    assert_eq!(v["proof"]["index"], 3);
    assert_eq!(v["proof"]["record"], snap["entities"][3]);
    std::fs::write(c.path().join("lp.json"), v["proof"].to_string()).unwrap();
    c.dd(&["registry", "verify-proof", "lp.json"]).expect(0);
    let absent = format!("{u}0");
    let r = run_in(
        &c.path().join("pubc"),
        &[
            "--json",
            "registry",
            "look-up",
            "public-snapshot.ddps",
            &absent,
        ],
    );
    r.expect(0);
    let v = r.json();
    assert_eq!(v["present"], false, "{v:#}");
    assert_eq!(
        (v["below"]["index"].as_u64(), v["above"]["index"].as_u64()),
        (Some(3), Some(4))
    );
    // With the draw's proof: a target was in the pool and drawn; an absent
    // USCC was not in the pool.
    let target = c.proof("proof.json")["targets"][0]["entity"]["uscc"]
        .as_str()
        .unwrap()
        .to_string();
    let look = |u: &str| {
        let r = run_in(
            &c.path().join("pubc"),
            &[
                "--json",
                "registry",
                "look-up",
                "public-snapshot.ddps",
                u,
                "--proof",
                "proof.json",
            ],
        );
        r.expect(0);
        r.json()
    };
    let v = look(&target);
    assert_eq!(
        (v["in_public_pool"].as_bool(), v["drawn"].as_bool()),
        (Some(true), Some(true)),
        "{v:#}"
    );
    let v = look(&absent);
    assert_eq!(
        (v["in_public_pool"].as_bool(), v["drawn"].as_bool()),
        (Some(false), Some(false)),
        "{v:#}"
    );
    // A byte changed in the middle of the blocks.
    let mut bad = compact.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x20;
    std::fs::write(c.path().join("pubc/bad.ddps"), &bad).unwrap();
    let (code_b, vb) = verdict("pubc", "bad.ddps");
    assert_eq!(code_b, 1, "{vb:#}");
    assert_eq!(vb["verified"], false);
    assert!(
        vb["failed"].to_string().contains("public_snapshot"),
        "{vb:#}"
    );
}
