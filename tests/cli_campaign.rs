//! Black-box tests of the draw ceremony: `campaign announce|reveal|draw`,
//! `verify` and `witness new` (`docs/SPEC.md`, `docs/CLI.md`), run through
//! the real binary. Every test makes its own synthetic county with
//! `dualdraw demo d --entities 3000` in its own temporary folder (workspace
//! `d/workspace`) and passes explicit `--now` instants: nothing depends on the
//! real date. Hashes the spec fixes byte by byte (witness commitment, campaign,
//! announcement, seed, PRN) are recomputed here independently with `sha2`.

#[path = "cli_support.rs"]
mod support;

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use support::{Run, csv_rows, run_in};

const ID: &str = "2026-JOINT-01";
const WS: &str = "d/workspace";
const ANNOUNCE_AT: &str = "2026-03-01T09:00:00+08:00";
const ANNOUNCED_UTC: &str = "2026-03-01T01:00:00Z";
const REVEAL_AT: &str = "2026-03-02T09:00:00+08:00";
const DRAW_AT: &str = "2026-03-02T09:30:00+08:00";
const JIA: &str = "义务监督员甲";
const YI: &str = "义务监督员乙";
const LEAD: &str = "县市场监管局";

// ---------------------------------------------------------------------------
// Set-up
// ---------------------------------------------------------------------------

/// A witness's secret and commitment, from `dualdraw witness new --json`.
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

/// A temporary folder with a demo county (`d/county`, `d/workspace`) and two
/// witnesses.
struct County {
    dir: tempfile::TempDir,
    jia: Witness,
    yi: Witness,
}

impl County {
    fn new() -> County {
        County::with_entities(3000)
    }

    fn with_entities(n: u64) -> County {
        let dir = tempfile::tempdir().expect("tempdir");
        run_in(
            dir.path(),
            &[
                "demo",
                "d",
                "--entities",
                &n.to_string(),
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
        std::fs::write(self.path().join(name), text).expect("write");
        name.to_string()
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name)).expect("read")
    }

    fn exists(&self, name: &str) -> bool {
        self.path().join(name).exists()
    }

    /// The campaign of the brief, with this county's witnesses.
    fn toml(&self, id: &str) -> String {
        format!(
            r#"id = "{id}"
title = "2026年部门联合双随机抽查（第一批）"
lead_department = "县市场监管局"
draw_date = "2026-03-02"
items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"]
[targets]
categories = ["民办学校", "旅游市场", "客运站", "爆破作业单位"]
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
witnesses = [{{ name = "义务监督员甲", commitment = "{}" }}, {{ name = "义务监督员乙", commitment = "{}" }}]
"#,
            self.jia.commitment, self.yi.commitment
        )
    }

    /// `campaign announce FILE --now ANNOUNCE_AT` of `text` written to `file`.
    fn announce_text(&self, file: &str, text: &str) -> Run {
        self.write(file, text);
        self.dd(&["campaign", "announce", file, "--now", ANNOUNCE_AT])
    }

    /// Announces `text` with `--json`, expecting `code`.
    #[track_caller]
    fn announce_json(&self, file: &str, text: &str, code: i32) -> Value {
        self.write(file, text);
        self.dd_json(&["campaign", "announce", file, "--now", ANNOUNCE_AT], code)
    }

    /// Announces the brief's campaign under `id` (expects success).
    #[track_caller]
    fn announce(&self, id: &str) -> Value {
        self.announce_json(&format!("{id}.toml"), &self.toml(id), 0)
    }

    fn jia_reveal(&self) -> String {
        format!("{JIA}={}", self.jia.secret)
    }

    fn yi_reveal(&self) -> String {
        format!("{YI}={}", self.yi.secret)
    }

    /// `campaign reveal ID NAME=SECRET --now AT`.
    fn reveal(&self, id: &str, reveal: &str, at: &str) -> Run {
        self.dd(&["campaign", "reveal", id, reveal, "--now", at])
    }

    /// `campaign draw ID --now DRAW_AT EXTRA…`.
    fn draw(&self, id: &str, extra: &[&str]) -> Run {
        let mut v = vec!["campaign", "draw", id, "--now", DRAW_AT];
        v.extend_from_slice(extra);
        self.dd(&v)
    }

    /// `--json campaign draw ID` with both reveals, the proof written to
    /// `out`; expects success.
    #[track_caller]
    fn draw_both(&self, id: &str, out: &str) -> Value {
        let (j, y) = (self.jia_reveal(), self.yi_reveal());
        self.dd_json(
            &[
                "campaign", "draw", id, "--reveal", &j, "--reveal", &y, "--now", DRAW_AT, "--out",
                out,
            ],
            0,
        )
    }

    /// Announces the brief's campaign and draws it; the proof is `proof.json`.
    #[track_caller]
    fn announced_and_drawn(&self) -> Value {
        self.announce(ID);
        self.draw_both(ID, "proof.json")
    }

    fn proof(&self, name: &str) -> Value {
        serde_json::from_str(&self.read(name)).expect("proof is JSON")
    }

    /// The recusals of the county (officer id, USCC).
    fn recusals(&self) -> BTreeSet<(String, String)> {
        csv_rows(&self.read("d/county/recusals.csv"))
            .into_iter()
            .skip(1)
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect()
    }
}

/// Replaces `from` (which must occur) by `to`.
#[track_caller]
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} is not in the campaign text");
    text.replacen(from, to, 1)
}

/// The 1-based line of the first line of `text` that starts with `prefix`.
#[track_caller]
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting with {prefix:?}"))
        + 1
}

#[track_caller]
fn assert_has(r: &Run, needle: &str) {
    assert!(
        r.all().contains(needle),
        "`{}` does not mention {needle:?}\nstdout:\n{}\nstderr:\n{}",
        r.cmd,
        r.stdout,
        r.stderr
    );
}

#[track_caller]
fn assert_error_json(v: &Value) {
    // A failed verification is a verdict (dualdraw.verify.v2), other failures errors.
    assert!(
        v["schema"] == "dualdraw.error.v1" || v["schema"] == "dualdraw.verify.v2",
        "{v:#}"
    );
    assert_eq!(v["ok"], false, "{v:#}");
}

#[track_caller]
fn message(v: &Value) -> String {
    v["error"]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("no error.message in {v:#}"))
        .to_string()
}

fn is_hex64(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        s.len() == 64
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_str().expect("string").to_string())
        .collect()
}

// ---------------------------------------------------------------------------
// Independent encodings (docs/COMMITMENTS.md §1, docs/SPEC.md §1–§5)
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Enc(Vec<u8>);

impl Enc {
    fn lp(&mut self, x: impl AsRef<[u8]>) -> &mut Self {
        let b = x.as_ref();
        self.0.extend_from_slice(&(b.len() as u32).to_be_bytes());
        self.0.extend_from_slice(b);
        self
    }
    fn list(&mut self, xs: &[&str]) -> &mut Self {
        self.u32(xs.len() as u32);
        for x in xs {
            self.lp(x);
        }
        self
    }
    fn u32(&mut self, n: u32) -> &mut Self {
        self.0.extend_from_slice(&n.to_be_bytes());
        self
    }
    fn u64(&mut self, n: u64) -> &mut Self {
        self.0.extend_from_slice(&n.to_be_bytes());
        self
    }
    fn byte(&mut self, b: u8) -> &mut Self {
        self.0.push(b);
        self
    }
    fn opt64(&mut self, x: Option<u64>) -> &mut Self {
        match x {
            None => self.byte(0),
            Some(n) => self.byte(1).u64(n),
        }
    }
    fn raw(&mut self, hex_text: &str) -> &mut Self {
        let b = hex::decode(hex_text).expect("hex");
        assert_eq!(b.len(), 32, "raw() takes a 32-byte hash");
        self.0.extend_from_slice(&b);
        self
    }
    fn sha(&self) -> String {
        hex::encode(Sha256::digest(&self.0))
    }
}

/// `SHA-256(lp("dualdraw-witness-v1") ‖ lp(secret))`.
fn witness_commitment(secret: &str) -> String {
    Enc::default().lp("dualdraw-witness-v1").lp(secret).sha()
}

/// The campaign hash (§2) of [`County::toml`].
fn brief_campaign_hash(id: &str, jia: &str, yi: &str) -> String {
    let mut e = Enc::default();
    e.lp("dualdraw-campaign-v1")
        .lp(id)
        .lp("2026年部门联合双随机抽查（第一批）")
        .lp(LEAD)
        .lp("2026-03-02");
    let mut items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"];
    items.sort();
    e.list(&items);
    let mut cats = ["民办学校", "旅游市场", "客运站", "爆破作业单位"];
    cats.sort();
    e.byte(1).list(&cats);
    e.list(&["520123"]).list(&[]).list(&[]).u64(0);
    e.u32(4);
    for (class, p, q, min) in [
        ("A", 3, 100, None),
        ("B", 1, 20, None),
        ("C", 1, 10, None),
        ("D", 3, 10, Some(1)),
    ] {
        e.lp(class).byte(1).u64(p).u64(q).opt64(min).opt64(None);
    }
    e.u64(2).u64(1).opt64(Some(10)).lp("same").u64(0);
    e.u32(2).lp(JIA).raw(jia).lp(YI).raw(yi);
    e.byte(0); // no beacon
    e.byte(0); // no reveal deadline
    e.lp("void");
    e.byte(0); // low_risk_once_a_year = false
    e.byte(0); // no period
    e.byte(0); // no coordination
    // No teams.assignment in the file: v2, the default (§6.1).
    e.lp("teams.assignment").lp("v2");
    e.sha()
}

/// The announcement hash (§3) from its parts.
fn announcement_hash(
    campaign_hash: &str,
    snapshot_digest: &str,
    ledger_head: &str,
    announced_at: &str,
) -> String {
    let empty = hex::encode(Sha256::digest(b""));
    Enc::default()
        .lp("dualdraw-announcement-v1")
        .raw(campaign_hash)
        .raw(snapshot_digest)
        .u64(0)
        .raw(&empty)
        .raw(ledger_head)
        .lp(announced_at)
        .u64(0) // no officer history
        .raw(&empty)
        .u64(0) // nothing drawn earlier this year
        .raw(&empty)
        .byte(0) // no coordination group
        .sha()
}

/// The seed (§4) without a beacon.
fn seed(announcement_hash: &str, reveals: &[(&str, &str)]) -> String {
    let mut e = Enc::default();
    e.lp("dualdraw-seed-v1")
        .raw(announcement_hash)
        .u32(reveals.len() as u32);
    for (n, s) in reveals {
        e.lp(n).lp(s);
    }
    e.byte(0).sha()
}

/// `prn = SHA-256(pad32("dualdraw-prn-v1") ‖ raw(seed) ‖ lp(uscc))` (§5).
fn prn(seed: &str, uscc: &str) -> String {
    let mut e = Enc::default();
    let mut tag = b"dualdraw-prn-v1".to_vec();
    tag.resize(32, 0);
    e.0.extend_from_slice(&tag);
    e.raw(seed).lp(uscc);
    e.sha()
}

/// `n = ceil(N·p/q)`, then `min`, `max`, and at most `N` (§5).
fn allocate(n: u64, p: u64, q: u64, min: Option<u64>) -> u64 {
    let mut k = (n * p).div_ceil(q);
    if let Some(m) = min {
        k = k.max(m);
    }
    k.min(n)
}

// ---------------------------------------------------------------------------
// The team rules of §6, checked on a proof
// ---------------------------------------------------------------------------

/// Checks every team of a proof against the campaign it carries: team size,
/// departments and their order, demand per department, eligibility
/// (department, active, certificate, region, qualifications, recusals), no
/// officer twice in a team, the officer order, and each officer's load.
#[track_caller]
fn check_teams(p: &Value, recusals: &BTreeSet<(String, String)>) {
    let c = &p["announcement"]["campaign"];
    let lead = c["lead_department"].as_str().unwrap();
    let draw_date = c["draw_date"].as_str().unwrap();
    let min_size = c["teams"]["min_size"].as_u64().unwrap() as usize;
    let per_dept = c["teams"]["per_department"].as_u64().unwrap() as usize;
    let max = c["teams"]["max_targets_per_officer"].as_u64();
    let region_rule = c["teams"]["officer_region"].as_str().unwrap();
    let items: HashMap<&str, &Value> = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["code"].as_str().unwrap(), i))
        .collect();
    let officers: HashMap<&str, &Value> = p["officers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["id"].as_str().unwrap(), o))
        .collect();
    let camp_items: Vec<&Value> = strs(&c["items"])
        .iter()
        .map(|code| {
            *items
                .get(code.as_str())
                .expect("campaign item in the proof")
        })
        .collect();
    let cats: BTreeSet<String> = match c["targets"]["categories"].as_array() {
        Some(_) => strs(&c["targets"]["categories"]).into_iter().collect(),
        None => camp_items
            .iter()
            .map(|i| i["target_category"].as_str().unwrap().to_string())
            .collect(),
    };
    let targets = p["targets"].as_array().unwrap();
    let teams = p["teams"].as_array().unwrap();
    assert!(!targets.is_empty(), "no targets drawn");
    assert_eq!(targets.len(), teams.len(), "one team per target");
    let mut load: BTreeMap<String, u64> = BTreeMap::new();
    let mut prev = String::new();
    for (t, team) in targets.iter().zip(teams) {
        let u = t["entity"]["uscc"].as_str().unwrap();
        assert_eq!(team["target"], u, "teams are listed in target order");
        assert!(*u > *prev, "targets are sorted by USCC without repeats");
        prev = u.to_string();
        let tcats: BTreeSet<String> = strs(&t["entity"]["categories"])
            .into_iter()
            .filter(|x| cats.contains(x))
            .collect();
        assert!(!tcats.is_empty(), "{u}: a target has a campaign category");
        let my_items: Vec<&&Value> = camp_items
            .iter()
            .filter(|i| tcats.contains(i["target_category"].as_str().unwrap()))
            .collect();
        let mut codes: Vec<String> = my_items
            .iter()
            .map(|i| i["code"].as_str().unwrap().to_string())
            .collect();
        codes.sort();
        let mut got_codes = strs(&t["items"]);
        got_codes.sort();
        assert_eq!(got_codes, codes, "{u}: items I(t)");
        let others: BTreeSet<String> = my_items
            .iter()
            .map(|i| i["department"].as_str().unwrap().to_string())
            .filter(|d| d != lead)
            .collect();
        let mut depts: Vec<String> = Vec::new();
        if my_items.iter().any(|i| i["department"] == lead) {
            depts.push(lead.to_string());
        }
        depts.extend(others);
        assert_eq!(strs(&t["departments"]), depts, "{u}: departments D(t)");
        let mut demand = vec![per_dept; depts.len()];
        let mut k = 0;
        while demand.iter().sum::<usize>() < min_size {
            demand[k % depts.len()] += 1;
            k += 1;
        }
        let ids = strs(&team["officers"]);
        assert!(ids.len() >= 2, "{u}: a team has at least two officers");
        assert!(ids.len() >= min_size, "{u}: team below min_size");
        assert_eq!(ids.len(), demand.iter().sum::<usize>(), "{u}: team size");
        let distinct: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len(), "{u}: an officer twice in a team");
        let mut per: Vec<usize> = vec![0; depts.len()];
        let mut last: Option<(usize, String)> = None;
        for id in &ids {
            let o = officers
                .get(id.as_str())
                .unwrap_or_else(|| panic!("{u}: officer {id} not in the proof"));
            let d = o["department"].as_str().unwrap();
            let di = depts
                .iter()
                .position(|x| x == d)
                .unwrap_or_else(|| panic!("{u}: officer {id} of {d} is not of {depts:?}"));
            per[di] += 1;
            let key = (di, id.clone());
            if let Some(l) = &last {
                assert!(*l < key, "{u}: officers ordered by D(t) then id");
            }
            last = Some(key);
            assert_eq!(o["status"], "active", "{u}: officer {id} not active");
            assert!(
                o["cert_expiry"].as_str().unwrap() >= draw_date,
                "{u}: officer {id} certificate expired"
            );
            match region_rule {
                "same" => assert_eq!(o["region"], t["entity"]["region"], "{u}: {id} region"),
                "other" => assert_ne!(o["region"], t["entity"]["region"], "{u}: {id} region"),
                _ => {}
            }
            let quals: BTreeSet<String> = strs(&o["qualifications"]).into_iter().collect();
            for i in &my_items {
                if i["department"] == d
                    && let Some(q) = i["qualification"].as_str()
                {
                    assert!(quals.contains(q), "{u}: officer {id} lacks {q}");
                }
            }
            assert!(
                !recusals.contains(&(id.clone(), u.to_string())),
                "{u}: officer {id} is recused"
            );
            *load.entry(id.clone()).or_default() += 1;
        }
        assert_eq!(per, demand, "{u}: officers per department");
    }
    if let Some(m) = max {
        for (id, n) in &load {
            assert!(*n <= m, "officer {id} serves {n} targets, more than {m}");
        }
    }
}

// ---------------------------------------------------------------------------
// witness new
// ---------------------------------------------------------------------------

#[test]
fn witness_new_json_gives_a_64_hex_secret_and_its_commitment() {
    let t = tempfile::tempdir().unwrap();
    let r = run_in(t.path(), &["--json", "witness", "new"]);
    r.expect(0);
    let v = r.json();
    assert_eq!(v["schema"], "dualdraw.witness.v1");
    assert_eq!(v["ok"], true);
    assert!(is_hex64(&v["secret"]), "{v:#}");
    assert!(is_hex64(&v["commitment"]), "{v:#}");
    assert_eq!(
        v["commitment"].as_str().unwrap(),
        witness_commitment(v["secret"].as_str().unwrap()),
        "commitment = SHA-256(lp(\"dualdraw-witness-v1\") ‖ lp(secret))"
    );
}

#[test]
fn witness_new_twice_gives_different_secrets_and_commitments() {
    let t = tempfile::tempdir().unwrap();
    let a = new_witness(t.path());
    let b = new_witness(t.path());
    assert_ne!(a.secret, b.secret);
    assert_ne!(a.commitment, b.commitment);
}

#[test]
fn witness_new_text_shows_secret_and_commitment() {
    let t = tempfile::tempdir().unwrap();
    let r = run_in(t.path(), &["witness", "new"]);
    r.expect(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let secret = lines[0]
        .strip_prefix("secret:")
        .expect("secret line")
        .trim();
    let commitment = lines[1]
        .strip_prefix("commitment:")
        .expect("commitment line")
        .trim();
    assert_eq!(commitment, witness_commitment(secret));
}

// ---------------------------------------------------------------------------
// announce
// ---------------------------------------------------------------------------

#[test]
fn announce_json_reports_schema_hashes_snapshot_and_pool() {
    let c = County::new();
    let v = c.announce(ID);
    assert_eq!(v["schema"], "dualdraw.announce.v1");
    assert_eq!(v["ok"], true);
    assert_eq!(v["campaign"], ID);
    assert!(is_hex64(&v["announcement_hash"]), "{v:#}");
    assert!(is_hex64(&v["campaign_hash"]), "{v:#}");
    assert_eq!(v["announced_at"], ANNOUNCED_UTC);
    let root = c.dd_json(&["registry", "root"], 0);
    assert_eq!(v["snapshot"], root["id"]);
    assert_eq!(v["snapshot_digest"], root["digest"]);
    assert!(v["pool"].as_u64().unwrap() > 0, "{v:#}");
}

#[test]
fn announce_hashes_follow_spec_sections_2_and_3() {
    let c = County::new();
    let v = c.announce(ID);
    let ch = brief_campaign_hash(ID, &c.jia.commitment, &c.yi.commitment);
    assert_eq!(v["campaign_hash"].as_str().unwrap(), ch, "campaign hash §2");
    // The first announcement of a fresh workspace: the ledger head is 32 zero bytes.
    let zero = "00".repeat(32);
    let digest = v["snapshot_digest"].as_str().unwrap();
    let ah = announcement_hash(&ch, digest, &zero, ANNOUNCED_UTC);
    assert_eq!(
        v["announcement_hash"].as_str().unwrap(),
        ah,
        "announcement §3"
    );
    // A later announcement commits to whatever ledger head its proof shows.
    let id2 = "2026-JOINT-02";
    let v2 = c.announce(id2);
    c.draw_both(id2, "proof.json");
    let p = c.proof("proof.json");
    let head = p["announcement"]["ledger_head"].as_str().unwrap();
    let ch2 = brief_campaign_hash(id2, &c.jia.commitment, &c.yi.commitment);
    assert_eq!(v2["campaign_hash"].as_str().unwrap(), ch2);
    assert_eq!(
        v2["announcement_hash"].as_str().unwrap(),
        announcement_hash(&ch2, digest, head, ANNOUNCED_UTC),
        "announcement §3 with the ledger head"
    );
}

#[test]
fn announce_text_shows_hashes_witnesses_and_pool() {
    let c = County::new();
    let r = c.announce_text("c.toml", &c.toml(ID));
    r.expect(0);
    assert_has(&r, "【抽查公告】2026-JOINT-01");
    let ch = brief_campaign_hash(ID, &c.jia.commitment, &c.yi.commitment);
    assert_has(&r, &format!("批次哈希：    {ch}"));
    assert_has(&r, "公告哈希：    ");
    assert_has(&r, "抽取日期 2026-03-02；抽查范围 ");
    assert_has(&r, &format!("见证人 {JIA} 的承诺 {}", c.jia.commitment));
    assert_has(&r, &format!("见证人 {YI} 的承诺 {}", c.yi.commitment));
    // The same notice in English.
    let c = County::new();
    c.write("c.toml", &c.toml(ID));
    let r = c.dd(&[
        "--lang",
        "en",
        "campaign",
        "announce",
        "c.toml",
        "--now",
        ANNOUNCE_AT,
    ]);
    r.expect(0);
    assert_has(&r, "【抽查公告 / announcement】2026-JOINT-01");
    assert_has(&r, &format!("campaign hash:     {ch}"));
    assert_has(&r, "announcement hash: ");
    assert_has(&r, "draw date 2026-03-02; pool ");
    assert_has(
        &r,
        &format!("witness {JIA} commitment {}", c.jia.commitment),
    );
}

#[test]
fn equivalent_ratio_spellings_give_one_campaign_hash() {
    let mut hashes = BTreeSet::new();
    for spelling in ["\"3%\"", "\"0.03\"", "\"6/200\"", "\"3.0%\""] {
        let c = County::with_entities(300);
        let text = edit(
            &c.toml(ID),
            "ratio = \"3%\"",
            &format!("ratio = {spelling}"),
        );
        let v = c.announce_json("c.toml", &text, 0);
        let want = brief_campaign_hash(ID, &c.jia.commitment, &c.yi.commitment);
        assert_eq!(
            v["campaign_hash"].as_str().unwrap(),
            want,
            "ratio {spelling}"
        );
        hashes.insert(v["campaign_hash"].to_string());
    }
    // The same (fixed) witnesses in each county: one hash, the spec's.
    assert_eq!(hashes.len(), 1);
}

#[test]
fn announce_rejects_an_unknown_top_level_key_naming_its_line() {
    let c = County::new();
    let text = edit(&c.toml(ID), "draw_date = ", "bogus = 3\ndraw_date = ");
    let r = c.announce_text("c.toml", &text);
    r.expect(1);
    let line = line_of(&text, "bogus");
    assert_eq!(line, 4);
    assert_has(
        &r,
        &format!("c.toml:{line}: 抽查任务文件：未知的键 `bogus`"),
    );
    let v = c.announce_json("c.toml", &text, 1);
    assert_error_json(&v);
    assert!(message(&v).starts_with("c.toml:4: "), "{v:#}");
    assert_eq!(v["error"]["line"], 4, "{v:#}");
    assert_eq!(v["error"]["key"], "bogus", "{v:#}");
}

#[test]
fn announce_rejects_an_unknown_key_in_a_stratum_naming_its_line() {
    let c = County::new();
    let text = edit(
        &c.toml(ID),
        "credit_class = \"C\"\n",
        "credit_class = \"C\"\nweight = 2\n",
    );
    let r = c.announce_text("c.toml", &text);
    r.expect(1);
    let line = line_of(&text, "weight");
    assert_has(&r, &format!(":{line}: 抽查任务文件：未知的键 `weight`"));
}

#[test]
fn announce_rejects_an_unknown_key_in_a_witness_naming_its_line() {
    let c = County::new();
    let text = edit(
        &c.toml(ID),
        "name = \"义务监督员乙\",",
        "name = \"义务监督员乙\", phone = \"13800000000\",",
    );
    let r = c.announce_text("c.toml", &text);
    r.expect(1);
    let line = line_of(&text, "witnesses");
    assert_has(&r, &format!(":{line}: 抽查任务文件：未知的键 `phone`"));
}

#[test]
fn announce_rejects_malformed_toml_naming_its_line() {
    let c = County::new();
    let text = edit(&c.toml(ID), "ratio = \"5%\"", "ratio = \"5%");
    let r = c.announce_text("c.toml", &text);
    r.expect(1);
    let line = line_of(&text, "ratio = \"5%");
    assert_has(&r, &format!("c.toml:{line}: 抽查任务文件："));
    // Nothing announced: the corrected file is accepted under the same id.
    c.announce(ID);
}

#[test]
fn announce_rejects_a_mistyped_value_naming_its_line() {
    let c = County::new();
    let text = edit(&c.toml(ID), "min_size = 2", "min_size = \"two\"");
    let r = c.announce_text("c.toml", &text);
    r.expect(1);
    let line = line_of(&text, "min_size");
    assert_has(&r, &format!(":{line}: 抽查任务文件：类型不对"));
}

#[test]
fn announce_rejects_min_size_below_two() {
    let c = County::new();
    let text = edit(&c.toml(ID), "min_size = 2", "min_size = 1");
    let r = c.announce_text("c.toml", &text);
    r.expect(1);
    assert_has(&r, "teams.min_size = \"1\"：至少为 2");
    let v = c.announce_json("c.toml", &text, 1);
    assert_error_json(&v);
    assert_eq!(v["error"]["kind"], "rejected");
    assert!(message(&v).contains("teams.min_size"), "{v:#}");
}

#[test]
fn announce_rejects_a_ratio_written_as_a_float() {
    let c = County::new();
    let text = edit(&c.toml(ID), "ratio = \"3%\"", "ratio = 0.03");
    let r = c.announce_text("c.toml", &text);
    r.expect(1);
    assert_has(&r, "targets.strata[1].ratio");
    assert_has(&r, "比例请写成文本");
}

#[test]
fn announce_rejects_a_ratio_above_one() {
    let c = County::new();
    let text = edit(&c.toml(ID), "ratio = \"3%\"", "ratio = \"150%\"");
    let r = c.announce_text("c.toml", &text);
    r.expect(1);
    assert_has(&r, "targets.strata[1].ratio = \"150%\"");
}

#[test]
fn announce_rejects_an_unknown_item_code_and_records_nothing() {
    let c = County::new();
    let text = edit(&c.toml(ID), "\"GA-004\"]", "\"GA-004\", \"ZZ-999\"]");
    let r = c.announce_text("c.toml", &text);
    r.expect(1);
    assert_has(&r, "item ZZ-999 is not in the item list");
    let v = c.announce_json("c.toml", &text, 1);
    assert_error_json(&v);
    assert!(message(&v).contains("ZZ-999"), "{v:#}");
    // Nothing announced: the same id with the right items is accepted.
    c.announce(ID);
}

#[test]
fn announce_rejects_a_directed_category_no_item_covers() {
    let c = County::new();
    let text = edit(
        &c.toml(ID),
        "\"爆破作业单位\"]",
        "\"爆破作业单位\", \"网吧\"]",
    );
    let r = c.announce_text("c.toml", &text);
    r.expect(1);
    assert_has(
        &r,
        "category \"网吧\" is not the target category of any campaign item",
    );
}

#[test]
fn announce_rejects_a_pool_class_without_stratum_then_exclusion_passes() {
    let c = County::new();
    let full = c.announce(ID);
    let no_c = edit(
        &c.toml("NO-C"),
        "[[targets.strata]]\ncredit_class = \"C\"\nratio = \"10%\"\n",
        "",
    );
    let r = c.announce_text("no-c.toml", &no_c);
    r.expect(1);
    assert_has(&r, "credit class C");
    assert_has(&r, "no stratum for C");
    assert_has(&r, "targets.exclude_credit_classes");
    let v = c.announce_json("no-c.toml", &no_c, 1);
    assert_error_json(&v);
    let m = message(&v);
    let count: u64 = m
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("message starts with the count: {m}"));
    assert!(count > 0);
    // Listing C in exclude_credit_classes makes the same campaign pass, with
    // those entities left out of the pool.
    let excl = edit(
        &no_c,
        "regions = [\"520123\"]",
        "regions = [\"520123\"]\nexclude_credit_classes = [\"C\"]",
    );
    let v = c.announce_json("no-c.toml", &excl, 0);
    assert_eq!(v["campaign"], "NO-C");
    assert_eq!(
        v["pool"].as_u64().unwrap() + count,
        full["pool"].as_u64().unwrap(),
        "pool without class C"
    );
    // And it draws: class C is counted as excluded, no stratum C.
    c.draw_both("NO-C", "no-c.json");
    let p = c.proof("no-c.json");
    assert_eq!(p["excluded_by_class"], count);
    assert!(
        p["strata"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["credit_class"] != "C")
    );
    c.dd(&["verify", "no-c.json"]).expect(0);
}

#[test]
fn announce_rejects_a_class_both_excluded_and_stratified() {
    let c = County::new();
    let text = edit(
        &c.toml(ID),
        "regions = [\"520123\"]",
        "regions = [\"520123\"]\nexclude_credit_classes = [\"C\"]",
    );
    let r = c.announce_text("c.toml", &text);
    r.expect(1);
    assert_has(&r, "既设了分层又被排除");
}

#[test]
fn announce_refuses_a_credit_class_excluded_twice() {
    let c = County::new();
    let text = edit(
        &c.toml(ID),
        "[[targets.strata]]\ncredit_class = \"C\"\nratio = \"10%\"\n",
        "",
    );
    let text = edit(
        &text,
        "regions = [\"520123\"]",
        "regions = [\"520123\"]\nexclude_credit_classes = [\"C\", \"C\"]",
    );
    let r = c.announce_text("c.toml", &text);
    r.expect(1);
    assert_has(&r, "exclude_credit_classes");
}

#[test]
fn announce_refuses_two_witnesses_with_one_name() {
    let c = County::new();
    let text = edit(
        &c.toml(ID),
        "name = \"义务监督员乙\"",
        "name = \"义务监督员甲\"",
    );
    let r = c.announce_text("c.toml", &text);
    r.expect(1);
    assert_has(&r, "两名见证人同名");
}

#[test]
fn announce_refuses_a_commitment_that_is_not_64_hex() {
    let c = County::new();
    let text = edit(&c.toml(ID), &c.yi.commitment, "abc");
    let r = c.announce_text("c.toml", &text);
    r.expect(1);
    assert_has(&r, "entropy.witnesses[2].commitment");
}

#[test]
fn announce_same_id_twice_is_rejected_and_keeps_the_first() {
    let c = County::new();
    let first = c.announce(ID);
    let changed = edit(&c.toml(ID), "ratio = \"3%\"", "ratio = \"4%\"");
    let r = c.announce_text("again.toml", &changed);
    r.expect(1);
    assert_has(&r, "抽查批次 2026-JOINT-01 已经公告过");
    let v = c.announce_json("again.toml", &c.toml(ID), 1);
    assert_error_json(&v);
    assert!(message(&v).contains("已经公告过"), "{v:#}");
    assert_eq!(v["error"]["conflict"], "already_announced", "{v:#}");
    // The first announcement is the one drawn.
    c.draw_both(ID, "proof.json");
    let p = c.proof("proof.json");
    assert_eq!(p["announcement"]["hash"], first["announcement_hash"]);
}

#[test]
fn announce_without_a_workspace_is_a_usage_error() {
    let c = County::new();
    c.write("c.toml", &c.toml(ID));
    let r = c.raw(&[
        "-w",
        "nowhere",
        "campaign",
        "announce",
        "c.toml",
        "--now",
        ANNOUNCE_AT,
    ]);
    r.expect(2);
    assert_has(&r, "nowhere 不是 dualdraw 工作区");
    let r = c.raw(&[
        "--json",
        "-w",
        "nowhere",
        "campaign",
        "announce",
        "c.toml",
        "--now",
        ANNOUNCE_AT,
    ]);
    r.expect(2);
    let v = r.json();
    assert_error_json(&v);
    assert_eq!(v["error"]["kind"], "usage");
}

#[test]
fn announce_without_a_snapshot_is_a_usage_error() {
    let c = County::new();
    c.raw(&["-w", "fresh", "init"]).expect(0);
    c.write("c.toml", &c.toml(ID));
    let r = c.raw(&[
        "-w",
        "fresh",
        "campaign",
        "announce",
        "c.toml",
        "--now",
        ANNOUNCE_AT,
    ]);
    r.expect(2);
    assert_has(&r, "工作区还没有版本快照");
    let r = c.raw(&[
        "--json",
        "-w",
        "fresh",
        "campaign",
        "announce",
        "c.toml",
        "--now",
        ANNOUNCE_AT,
    ]);
    r.expect(2);
    let v = r.json();
    assert_error_json(&v);
    assert_eq!(v["error"]["kind"], "usage");
}

#[test]
fn announce_of_a_missing_file_is_rejected() {
    let c = County::new();
    let r = c.dd(&["campaign", "announce", "absent.toml", "--now", ANNOUNCE_AT]);
    r.expect(1);
    assert_has(&r, "absent.toml");
    let v = c.dd_json(
        &["campaign", "announce", "absent.toml", "--now", ANNOUNCE_AT],
        1,
    );
    assert_error_json(&v);
    assert_eq!(v["error"]["kind"], "unreadable");
}

#[test]
fn announce_with_an_instant_without_zone_is_a_usage_error() {
    let c = County::new();
    c.write("c.toml", &c.toml(ID));
    let r = c.dd(&[
        "campaign",
        "announce",
        "c.toml",
        "--now",
        "2026-03-01 09:00",
    ]);
    r.expect(2);
    assert_has(&r, "不是带时区的时间");
}

// ---------------------------------------------------------------------------
// reveal
// ---------------------------------------------------------------------------

#[test]
fn reveal_json_names_campaign_and_witness() {
    let c = County::new();
    c.announce(ID);
    let j = c.jia_reveal();
    let v = c.dd_json(&["campaign", "reveal", ID, &j, "--now", REVEAL_AT], 0);
    assert_eq!(v["schema"], "dualdraw.reveal.v1");
    assert_eq!(v["ok"], true);
    assert_eq!(v["campaign"], ID);
    assert_eq!(v["witness"], JIA);
    let r = c.reveal(ID, &c.yi_reveal(), REVEAL_AT);
    r.expect(0);
    assert_has(&r, &format!("已记录见证人 {YI} 对抽查批次 {ID} 的揭示"));
}

#[test]
fn reveal_with_a_wrong_secret_is_rejected_and_records_nothing() {
    let c = County::new();
    c.announce(ID);
    // 甲 gives 乙's secret.
    let wrong = format!("{JIA}={}", c.yi.secret);
    let r = c.reveal(ID, &wrong, REVEAL_AT);
    r.expect(1);
    assert_has(
        &r,
        &format!(
            "为见证人 {JIA} 给出的秘密值与其承诺值 {} 不符",
            c.jia.commitment
        ),
    );
    let v = c.dd_json(&["campaign", "reveal", ID, &wrong, "--now", REVEAL_AT], 1);
    assert_error_json(&v);
    assert!(message(&v).contains("不符"), "{v:#}");
    // Nothing recorded: the right secret is still accepted, and the draw uses it.
    c.reveal(ID, &c.jia_reveal(), REVEAL_AT).expect(0);
    c.reveal(ID, &c.yi_reveal(), REVEAL_AT).expect(0);
    c.draw(ID, &["--out", "proof.json"]).expect(0);
    let p = c.proof("proof.json");
    assert_eq!(p["entropy"]["reveals"][0]["secret"], c.jia.secret.as_str());
}

#[test]
fn reveal_with_a_short_secret_is_rejected() {
    let c = County::new();
    c.announce(ID);
    let r = c.reveal(ID, &format!("{JIA}=short"), REVEAL_AT);
    r.expect(1);
    assert_has(&r, "的秘密值只有 5 个字符，至少需要 16 个");
}

#[test]
fn reveal_by_an_unknown_witness_is_rejected() {
    let c = County::new();
    c.announce(ID);
    let r = c.reveal(ID, &format!("义务监督员丙={}", c.jia.secret), REVEAL_AT);
    r.expect(1);
    assert_has(&r, &format!("\"义务监督员丙\" 不是抽查批次 {ID} 的见证人"));
    // Nothing recorded for anyone.
    c.reveal(ID, &c.jia_reveal(), REVEAL_AT).expect(0);
}

#[test]
fn second_reveal_by_the_same_witness_is_rejected() {
    let c = County::new();
    c.announce(ID);
    c.reveal(ID, &c.jia_reveal(), REVEAL_AT).expect(0);
    let r = c.reveal(ID, &c.jia_reveal(), "2026-03-02T09:05:00+08:00");
    r.expect(1);
    // The refusal says who recorded the reveal, when, and whether the secret
    // was the same (issue 12: a revealer who loses a race learns what happened).
    assert_has(
        &r,
        &format!("{JIA} 对 {ID} 的揭示值已于 2026-03-02T01:00:00Z 记录"),
    );
    assert_has(&r, "与本次给出的相同；没有做任何更改");
    // The first reveal (and its time) is the one in the proof.
    c.draw(ID, &["--reveal", &c.yi_reveal(), "--out", "proof.json"])
        .expect(0);
    let p = c.proof("proof.json");
    assert_eq!(p["entropy"]["reveals"][0]["name"], JIA);
    assert_eq!(
        p["entropy"]["reveals"][0]["revealed_at"],
        "2026-03-02T01:00:00Z"
    );
}

#[test]
fn reveal_without_name_equals_secret_is_a_usage_error() {
    let c = County::new();
    c.announce(ID);
    let r = c.reveal(ID, "nonsense", REVEAL_AT);
    r.expect(2);
    assert_has(&r, "不是 NAME=SECRET");
}

#[test]
fn reveal_and_draw_of_an_unknown_campaign_are_rejected_as_not_found() {
    let c = County::new();
    let r = c.reveal("NO-SUCH", &c.jia_reveal(), REVEAL_AT);
    assert_has(&r, "工作区中没有抽查批次 \"NO-SUCH\"");
    r.expect(1);
    let r = c.draw("NO-SUCH", &[]);
    assert_has(&r, "工作区中没有抽查批次 \"NO-SUCH\"");
    r.expect(1);
    let v = c.dd_json(&["campaign", "draw", "NO-SUCH"], 1);
    assert_eq!(v["error"]["kind"], "not_found");
}

#[test]
fn reveal_after_the_reveal_deadline_is_rejected() {
    let c = County::new();
    let text = edit(
        &c.toml(ID),
        "witnesses = ",
        "reveal_deadline = \"2026-03-02T10:00:00+08:00\"\nwitnesses = ",
    );
    c.announce_json("c.toml", &text, 0);
    // One second before: accepted.
    c.reveal(ID, &c.jia_reveal(), "2026-03-02T09:59:59+08:00")
        .expect(0);
    // At the deadline and after: late.
    for at in ["2026-03-02T10:00:00+08:00", "2026-03-02T10:30:00+08:00"] {
        let r = c.reveal(ID, &c.yi_reveal(), at);
        r.expect(1);
        assert_has(&r, "揭示截止时间 2026-03-02T02:00:00Z 已过");
    }
    let y = c.yi_reveal();
    let v = c.dd_json(
        &[
            "campaign",
            "reveal",
            ID,
            &y,
            "--now",
            "2026-03-02T11:00:00+08:00",
        ],
        1,
    );
    assert_error_json(&v);
    assert!(message(&v).contains("截止时间"), "{v:#}");
    // A reveal given to draw after the deadline is late too.
    let r = c.dd(&[
        "campaign",
        "draw",
        ID,
        "--reveal",
        &y,
        "--now",
        "2026-03-02T10:30:00+08:00",
    ]);
    r.expect(1);
    assert_has(&r, "截止时间");
    // With "void", the draw waits for 乙 for ever.
    let r = c.draw(ID, &[]);
    r.expect(1);
    assert_has(&r, &format!("正在等待 {YI} 的揭示"));
}

#[test]
fn reveal_after_the_draw_is_rejected() {
    let c = County::new();
    c.announced_and_drawn();
    let r = c.reveal(ID, &c.jia_reveal(), "2026-03-02T12:00:00+08:00");
    r.expect(1);
    assert_has(&r, "已经抽取或已作废");
}

// ---------------------------------------------------------------------------
// draw
// ---------------------------------------------------------------------------

#[test]
fn draw_with_a_missing_reveal_is_refused_naming_the_witness_and_records_nothing() {
    let c = County::new();
    c.announce(ID);
    c.reveal(ID, &c.jia_reveal(), REVEAL_AT).expect(0);
    let r = c.draw(ID, &[]);
    r.expect(1);
    assert_has(&r, &format!("正在等待 {YI} 的揭示："));
    assert_has(&r, "on_missing_reveal = \"void\"");
    assert!(!r.all().contains(&format!("正在等待 {JIA}")));
    let v = c.dd_json(&["campaign", "draw", ID, "--now", DRAW_AT], 1);
    assert_error_json(&v);
    assert!(message(&v).contains(YI), "{v:#}");
    assert!(!message(&v).contains(JIA), "{v:#}");
    assert!(!c.exists("d/workspace/proofs/2026-JOINT-01.json"));
    // Nothing recorded: once 乙 reveals, the draw goes ahead.
    c.reveal(ID, &c.yi_reveal(), REVEAL_AT).expect(0);
    let r = c.draw(ID, &[]);
    r.expect(0);
    assert_has(&r, "抽取证明已写入 d/workspace/proofs/2026-JOINT-01.json");
    assert!(c.exists("d/workspace/proofs/2026-JOINT-01.json"));
}

#[test]
fn draw_with_no_reveal_at_all_names_both_witnesses() {
    let c = County::new();
    c.announce(ID);
    let r = c.draw(ID, &[]);
    r.expect(1);
    assert_has(&r, &format!("正在等待 {JIA}, {YI} 的揭示"));
    c.dd(&["--lang", "en", "campaign", "draw", ID, "--now", DRAW_AT])
        .expect(1)
        .has(&format!("waiting for the reveal of {JIA}, {YI}"));
}

#[test]
fn draw_with_a_wrong_reveal_is_refused_and_records_no_draw() {
    let c = County::new();
    c.announce(ID);
    let wrong = format!("{YI}={}", c.jia.secret);
    let r = c.draw(ID, &["--reveal", &c.jia_reveal(), "--reveal", &wrong]);
    r.expect(1);
    assert_has(&r, &format!("为见证人 {YI} 给出的秘密值与其承诺值"));
    assert!(!c.exists("d/workspace/proofs/2026-JOINT-01.json"));
    // 甲's reveal was recorded first (as documented: "reveals to record
    // first"); 乙 can still reveal and the draw goes ahead.
    c.draw(ID, &["--reveal", &c.yi_reveal(), "--out", "proof.json"])
        .expect(0);
    assert_eq!(
        c.proof("proof.json")["entropy"]["reveals"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn second_draw_of_a_campaign_is_rejected_and_keeps_the_proof() {
    let c = County::new();
    c.announced_and_drawn();
    let before = c.read("proof.json");
    let r = c.draw(ID, &["--out", "proof.json"]);
    r.expect(1);
    assert_has(&r, "抽查批次 2026-JOINT-01 已经抽取：每次公告只能抽取一次");
    let v = c.dd_json(
        &[
            "campaign",
            "draw",
            ID,
            "--now",
            DRAW_AT,
            "--out",
            "other.json",
        ],
        1,
    );
    assert_error_json(&v);
    assert!(message(&v).contains("已经抽取"), "{v:#}");
    assert_eq!(c.read("proof.json"), before, "the proof is untouched");
    assert!(!c.exists("other.json"));
}

#[test]
fn draw_json_has_proof_path_seed_and_teams() {
    let c = County::new();
    let v = c.announced_and_drawn();
    assert_eq!(v["schema"], "dualdraw.draw.v1");
    assert_eq!(v["ok"], true);
    assert_eq!(v["proof"], "proof.json");
    assert!(is_hex64(&v["seed"]), "{v:#}");
    let p = c.proof("proof.json");
    assert_eq!(p["format"], "dualdraw-draw-proof-v1");
    assert_eq!(v["seed"], p["seed"]);
    let teams = v["teams"].as_array().unwrap();
    assert!(!teams.is_empty());
    assert_eq!(teams.len(), p["targets"].as_array().unwrap().len());
    for (t, pt) in teams.iter().zip(p["teams"].as_array().unwrap()) {
        assert!(t["target"].is_string());
        assert!(t["officers"].as_array().unwrap().len() >= 2);
        assert_eq!(t["target"], pt["target"]);
        assert_eq!(t["officers"], pt["officers"]);
    }
}

#[test]
fn draw_text_summarises_strata_and_teams() {
    let c = County::new();
    c.announce(ID);
    let r = c.draw(
        ID,
        &["--reveal", &c.jia_reveal(), "--reveal", &c.yi_reveal()],
    );
    r.expect(0);
    assert_has(&r, "抽取证明已写入 d/workspace/proofs/2026-JOINT-01.json");
    assert_has(
        &r,
        "抽查批次 2026-JOINT-01（2026年部门联合双随机抽查（第一批））",
    );
    for class in ["A", "B", "C", "D"] {
        assert_has(&r, &format!("分层 {class}：范围"));
    }
    let p = c.proof("d/workspace/proofs/2026-JOINT-01.json");
    assert_has(&r, &format!("随机种子 {}", p["seed"].as_str().unwrap()));
    assert_has(
        &r,
        &format!("检查对象 {} 个：", p["targets"].as_array().unwrap().len()),
    );
    // The summary in English.
    let r = c.dd(&[
        "--lang",
        "en",
        "verify",
        "d/workspace/proofs/2026-JOINT-01.json",
    ]);
    r.expect(0);
    assert_has(
        &r,
        "campaign 2026-JOINT-01 (2026年部门联合双随机抽查（第一批）)",
    );
    assert_has(&r, "stratum A: pool");
    assert_has(&r, &format!("seed {}", p["seed"].as_str().unwrap()));
    assert_has(
        &r,
        &format!("{} target(s):", p["targets"].as_array().unwrap().len()),
    );
}

#[test]
fn draw_seed_and_prns_follow_spec_sections_4_and_5() {
    let c = County::new();
    let a = c.announce(ID);
    c.draw_both(ID, "proof.json");
    let p = c.proof("proof.json");
    assert_eq!(p["announcement"]["hash"], a["announcement_hash"]);
    let ah = a["announcement_hash"].as_str().unwrap();
    let want = seed(ah, &[(JIA, &c.jia.secret), (YI, &c.yi.secret)]);
    assert_eq!(p["seed"].as_str().unwrap(), want, "seed §4");
    let reveals = p["entropy"]["reveals"].as_array().unwrap();
    assert_eq!(reveals.len(), 2);
    assert_eq!(reveals[0]["name"], JIA, "reveals in the campaign's order");
    assert_eq!(reveals[1]["name"], YI);
    assert_eq!(reveals[0]["revealed_at"], "2026-03-02T01:30:00Z");
    assert_eq!(p["entropy"]["missing"], serde_json::json!([]));
    assert_eq!(p["entropy"]["beacon"], Value::Null);
    for t in p["targets"].as_array().unwrap() {
        let u = t["entity"]["uscc"].as_str().unwrap();
        assert_eq!(t["prn"].as_str().unwrap(), prn(&want, u), "prn of {u}");
    }
}

#[test]
fn draw_allocates_each_stratum_by_its_rule() {
    let c = County::new();
    c.announced_and_drawn();
    let p = c.proof("proof.json");
    let rules = [
        ("A", 3, 100, None),
        ("B", 1, 20, None),
        ("C", 1, 10, None),
        ("D", 3, 10, Some(1)),
    ];
    let strata = p["strata"].as_array().unwrap();
    assert_eq!(strata.len(), 4);
    let mut pool = 0;
    let mut drawn = 0;
    for (s, (class, num, den, min)) in strata.iter().zip(rules) {
        assert_eq!(s["credit_class"], class);
        let n = s["pool"].as_u64().unwrap();
        assert_eq!(
            s["drawn"].as_u64().unwrap(),
            allocate(n, num, den, min),
            "stratum {class}"
        );
        assert!(is_hex64(&s["threshold_commitment"]));
        pool += n;
        drawn += s["drawn"].as_u64().unwrap();
    }
    assert_eq!(p["pool_size"].as_u64().unwrap(), pool);
    assert_eq!(p["targets"].as_array().unwrap().len() as u64, drawn);
}

#[test]
fn draw_proof_verifies_at_audit_and_light_levels() {
    let c = County::new();
    c.announced_and_drawn();
    let r = c.dd(&["verify", "proof.json"]);
    r.expect(0);
    assert_has(&r, "有效（VALID，审计级");
    c.dd(&["--lang", "en", "verify", "proof.json"])
        .expect(0)
        .has("VALID (audit");
    let v = c.dd_json(&["verify", "proof.json"], 0);
    assert_eq!(v["schema"], "dualdraw.verify.v2");
    assert_eq!(v["verdict"], "valid");
    assert_eq!(v["ok"], true);
    assert_eq!(v["verified"], true);
    assert_eq!(v["level"], "audit");
    let p = c.proof("proof.json");
    assert_eq!(v["seed"], p["seed"]);
    assert_eq!(
        v["targets"].as_array().unwrap().len(),
        p["targets"].as_array().unwrap().len()
    );
    let r = c.dd(&["verify", "--light", "proof.json"]);
    r.expect(0);
    assert_has(&r, "轻量级一致（CONSISTENT）");
    c.dd(&["--lang", "en", "verify", "--light", "proof.json"])
        .expect(0)
        .has("CONSISTENT at the light level");
    assert_eq!(
        c.dd_json(&["verify", "--light", "proof.json"], 0)["verdict"],
        "consistent"
    );
    assert_eq!(
        c.dd_json(&["verify", "--light", "proof.json"], 0)["level"],
        "light"
    );
    // Inside the workspace folder (its default workspace "."): audit.
    let r = run_in(
        &c.path().join(WS),
        &["--json", "verify", "../../proof.json"],
    );
    r.expect(0);
    assert_eq!(r.json()["level"], "audit");
    // Without a workspace: light.
    let r = c.raw(&["--json", "verify", "proof.json"]);
    r.expect(0);
    assert_eq!(r.json()["level"], "light");
}

#[test]
fn draw_proof_in_another_workspace_is_not_a_quiet_light_verdict() {
    let c = County::new();
    c.announced_and_drawn();
    c.raw(&["demo", "other", "--entities", "300", "--registries-only"])
        .expect(0);
    // In a workspace the audit level is expected (issue 12: a verification
    // never drops to a lower level without saying so): another workspace
    // does not hold the draw's snapshot, so the command says so and fails.
    let r = c.raw(&["--json", "-w", "other/workspace", "verify", "proof.json"]);
    r.expect(1);
    let v = r.json();
    assert_eq!(v["level"], "light", "{v:#}");
    assert_eq!(v["requested"], "audit", "{v:#}");
    assert_eq!(v["error"]["kind"], "level_not_reached", "{v:#}");
    // Asked for the light level, it is a light verdict.
    let r = c.raw(&[
        "--json",
        "-w",
        "other/workspace",
        "verify",
        "--light",
        "proof.json",
    ]);
    r.expect(0);
    assert_eq!(r.json()["level"], "light", "another snapshot: light only");
}

#[test]
fn draw_writes_the_proof_to_the_workspace_by_default() {
    let c = County::new();
    c.announce(ID);
    let (j, y) = (c.jia_reveal(), c.yi_reveal());
    let v = c.dd_json(
        &[
            "campaign", "draw", ID, "--reveal", &j, "--reveal", &y, "--now", DRAW_AT,
        ],
        0,
    );
    assert_eq!(v["proof"], "d/workspace/proofs/2026-JOINT-01.json");
    let p = c.proof("d/workspace/proofs/2026-JOINT-01.json");
    assert_eq!(p["seed"], v["seed"]);
    c.dd(&["verify", "d/workspace/proofs/2026-JOINT-01.json"])
        .expect(0);
}

#[test]
fn draw_out_creates_missing_folders() {
    let c = County::new();
    c.announce(ID);
    c.draw_both(ID, "pub/2026/proof.json");
    assert!(c.exists("pub/2026/proof.json"));
    c.dd(&["verify", "--light", "pub/2026/proof.json"])
        .expect(0);
}

#[test]
fn draw_that_cannot_write_its_proof_records_nothing() {
    let c = County::new();
    c.announce(ID);
    std::fs::create_dir(c.path().join("a-folder")).unwrap();
    let r = c.draw(
        ID,
        &[
            "--reveal",
            &c.jia_reveal(),
            "--reveal",
            &c.yi_reveal(),
            "--out",
            "a-folder",
        ],
    );
    r.expect(1);
    assert_has(&r, "a-folder");
    // The failed command must not use up the campaign's one draw.
    c.draw(ID, &["--out", "proof.json"]).expect(0);
    c.dd(&["verify", "proof.json"]).expect(0);
}

#[test]
fn draw_uses_the_announced_snapshot_after_a_later_import() {
    let c = County::new();
    let a = c.announce(ID);
    // A new entities registry (fewer rows) makes a new snapshot.
    let text = c.read("d/county/entities.csv");
    let fewer: String = text.lines().take(2001).map(|l| format!("{l}\n")).collect();
    c.write("fewer.csv", &fewer);
    c.dd(&["import", "entities", "fewer.csv", "--today", "2026-03-01"])
        .expect(0);
    let root = c.dd_json(&["registry", "root"], 0);
    assert_ne!(root["digest"], a["snapshot_digest"]);
    c.draw_both(ID, "proof.json");
    let p = c.proof("proof.json");
    assert_eq!(
        p["announcement"]["snapshot"]["digest"],
        a["snapshot_digest"]
    );
    assert_eq!(
        p["announcement"]["snapshot"]["roots"]["entities"]["size"],
        3000
    );
    let v = c.dd_json(&["verify", "proof.json"], 0);
    assert_eq!(v["level"], "audit");
}

#[test]
fn teams_follow_the_campaign_rules_in_two_fresh_workspaces() {
    // Two workspaces made from the same demo seed: salts differ, so the
    // snapshot digests, announcements and seeds differ, but what depends only
    // on the registries and the campaign is equal, and both draws obey §6.
    let one = County::new();
    let two = County::new();
    let mut views = Vec::new();
    for c in [&one, &two] {
        let text = one.toml(ID); // the same witnesses in both
        c.announce_json("c.toml", &text, 0);
        let (j, y) = (one.jia_reveal(), one.yi_reveal());
        c.dd_json(
            &[
                "campaign",
                "draw",
                ID,
                "--reveal",
                &j,
                "--reveal",
                &y,
                "--now",
                DRAW_AT,
                "--out",
                "proof.json",
            ],
            0,
        );
        let p = c.proof("proof.json");
        check_teams(&p, &c.recusals());
        c.dd(&["verify", "proof.json"]).expect(0);
        views.push(p);
    }
    let (a, b) = (&views[0], &views[1]);
    assert_eq!(
        a["announcement"]["campaign_hash"],
        b["announcement"]["campaign_hash"]
    );
    assert_eq!(a["announcement"]["campaign"], b["announcement"]["campaign"]);
    assert_eq!(a["pool_size"], b["pool_size"]);
    assert_eq!(a["excluded_by_class"], b["excluded_by_class"]);
    let counts = |p: &Value| -> Vec<(Value, Value, Value)> {
        p["strata"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["credit_class"].clone(),
                    s["pool"].clone(),
                    s["drawn"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(counts(a), counts(b));
    assert_eq!(a["items"], b["items"]);
    assert_eq!(a["officers"], b["officers"]);
}

#[test]
fn undirected_campaign_teams_join_departments_lead_first() {
    // Every pool entity drawn (100%), no category filter, teams of three:
    // targets in two categories get joint teams, the extra place goes to the
    // lead department first.
    let c = County::new();
    let mut text = c.toml("ALL");
    text = edit(
        &text,
        "categories = [\"民办学校\", \"旅游市场\", \"客运站\", \"爆破作业单位\"]\n",
        "",
    );
    for r in ["\"3%\"", "\"5%\"", "\"10%\"", "\"30%\""] {
        text = edit(&text, &format!("ratio = {r}"), "ratio = \"100%\"");
    }
    text = edit(&text, "max_targets_per_officer = 10\n", "");
    text = edit(&text, "min_size = 2", "min_size = 3");
    c.announce_json("all.toml", &text, 0);
    c.draw_both("ALL", "all.json");
    let p = c.proof("all.json");
    for s in p["strata"].as_array().unwrap() {
        assert_eq!(s["drawn"], s["pool"], "100% of every stratum");
    }
    check_teams(&p, &c.recusals());
    assert_eq!(
        p["announcement"]["campaign"]["targets"]["categories"],
        Value::Null
    );
    assert_eq!(p["announcement"]["campaign"]["teams"]["min_size"], 3);
    let joint: Vec<&Value> = p["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["departments"].as_array().unwrap().len() > 1)
        .collect();
    assert!(!joint.is_empty(), "some targets need a joint team");
    assert!(
        joint.iter().any(|t| t["departments"][0] == LEAD),
        "some joint team includes the lead department"
    );
    assert!(
        p["targets"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["items"].as_array().unwrap().len() > 1),
        "进一次门、查多项事: some target has several items"
    );
    c.dd(&["verify", "all.json"]).expect(0);
}

// ---------------------------------------------------------------------------
// infeasible draws
// ---------------------------------------------------------------------------

#[test]
fn infeasible_per_department_names_the_department_and_records_nothing() {
    let c = County::new();
    let text = edit(&c.toml("BIG"), "per_department = 1", "per_department = 50");
    // Known before anyone reveals: the announcement refuses it (every
    // simulated draw fails), with the draw's own explanation.
    let r = c.announce_text("big.toml", &text);
    r.expect(1);
    assert_has(&r, "200 次模拟抽取中有 200 次不可行");
    assert_has(&r, "需要县教育局执法检查人员 50 人次");
    assert_has(&r, "符合条件");
    let v = c.announce_json("big.toml", &text, 1);
    assert_error_json(&v);
    assert_eq!(v["error"]["kind"], "infeasible_risk");
    assert_eq!(v["risk"]["infeasible"], 200);
    assert!(message(&v).contains("符合条件"), "{v:#}");
    let un = v["unstaffable"].as_array().expect("unstaffable");
    assert!(!un.is_empty());
    for u in un {
        assert_eq!(u["demand"], 50, "{u:#}");
        assert!(u["department"].is_string());
        assert!(u["eligible"].as_array().unwrap().len() < 50, "{u:#}");
        assert!(!u["targets"].as_array().unwrap().is_empty());
    }
    assert!(un.iter().any(|u| u["department"] == "县教育局"));
    // Nothing recorded: the campaign is unknown to the draw.
    let r = c.draw("BIG", &[]);
    r.expect(1);
    assert_has(&r, "工作区中没有抽查批次 \"BIG\"");
    assert!(!c.exists("d/workspace/proofs/BIG.json"));
    // A corrected campaign under a new id is announced and drawn.
    c.announce("BIG-2");
    c.draw_both("BIG-2", "proof.json");
    c.dd(&["verify", "proof.json"]).expect(0);
}

#[test]
fn infeasible_officer_capacity_explains_hall_condition() {
    // 20% of class A and one target per officer: some department cannot staff
    // all its targets.
    let c = County::new();
    let text = edit(
        &c.toml("CAP"),
        "max_targets_per_officer = 10",
        "max_targets_per_officer = 1",
    );
    let text = edit(&text, "ratio = \"3%\"", "ratio = \"20%\"");
    // Too likely infeasible for the default limit: the bureau accepts the risk.
    c.announce_json("cap.toml", &text, 1);
    c.dd_json(
        &[
            "campaign",
            "announce",
            "cap.toml",
            "--now",
            ANNOUNCE_AT,
            "--max-infeasible-risk",
            "100%",
        ],
        0,
    );
    let r = c.draw(
        "CAP",
        &["--reveal", &c.jia_reveal(), "--reveal", &c.yi_reveal()],
    );
    r.expect(1);
    // Which departments run short depends on the witnesses' random secrets;
    // the explanation always names one and its eligible officers.
    assert_has(&r, "执法检查人员");
    assert_has(&r, "名人员符合条件（每人最多负责 1 个检查对象");
    // The same explanation in English, as the library words it.
    let en = c.dd(&["--lang", "en", "campaign", "draw", "CAP", "--now", DRAW_AT]);
    en.expect(1);
    assert_has(&en, " officers, but only ");
    assert_has(&en, "eligible (each serves at most 1 target(s)");
    let v = c.dd_json(&["campaign", "draw", "CAP", "--now", DRAW_AT], 1);
    assert_eq!(v["error"]["kind"], "infeasible");
    for u in v["unstaffable"].as_array().unwrap() {
        let eligible = u["eligible"].as_array().unwrap().len() as u64;
        let cap = u["capacity"].as_u64().unwrap();
        assert_eq!(cap, 1);
        assert!(
            u["demand"].as_u64().unwrap() > eligible * cap,
            "demand exceeds what the eligible officers can give: {u:#}"
        );
    }
    assert!(!c.exists("d/workspace/proofs/CAP.json"));
}

// ---------------------------------------------------------------------------
// verify
// ---------------------------------------------------------------------------

/// Draws, applies `f` to the proof, writes `tampered.json`, and checks that
/// light and audit verification both fail; returns the light run and its JSON.
#[track_caller]
fn tampered(c: &County, f: impl FnOnce(&mut Value)) -> (Run, Value) {
    c.announced_and_drawn();
    let mut p = c.proof("proof.json");
    f(&mut p);
    c.write("tampered.json", &serde_json::to_string_pretty(&p).unwrap());
    let light = c.dd(&["verify", "--light", "tampered.json"]);
    light.expect(1);
    assert_has(&light, "核验失败（FAILED）：");
    let v = c.dd_json(&["verify", "--light", "tampered.json"], 1);
    assert_error_json(&v);
    assert_eq!(v["verified"], false);
    assert_eq!(v["error"]["kind"], "verification_failed");
    c.dd(&["verify", "tampered.json"]).expect(1);
    (light, v)
}

#[test]
fn verify_detects_a_changed_officer_order_in_a_team() {
    let c = County::new();
    let mut uscc = String::new();
    let mut order = Vec::new();
    let (r, v) = tampered(&c, |p| {
        let team = &mut p["teams"][0];
        uscc = team["target"].as_str().unwrap().to_string();
        team["officers"].as_array_mut().unwrap().reverse();
        order = strs(&team["officers"]);
    });
    assert_has(
        &r,
        &format!("核验失败（FAILED）：{uscc} 的检查组：按记录自身的输入应为 "),
    );
    assert_has(&r, &format!("记录中为 {}", order.join(",")));
    assert_eq!(v["error"]["what"], format!("team of {uscc}"));
}

#[test]
fn verify_detects_an_officer_swapped_into_a_team() {
    let c = County::new();
    let mut uscc = String::new();
    let (r, _) = tampered(&c, |p| {
        uscc = p["teams"][0]["target"].as_str().unwrap().to_string();
        let dept = p["targets"][0]["departments"][0]
            .as_str()
            .unwrap()
            .to_string();
        let team = strs(&p["teams"][0]["officers"]);
        let other = p["officers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| (o["id"].as_str().unwrap(), o["department"].as_str().unwrap()))
            .find(|(id, d)| *d == dept && !team.iter().any(|t| t == id))
            .unwrap()
            .0
            .to_string();
        p["teams"][0]["officers"][0] = Value::String(other);
    });
    assert_has(&r, &format!("核验失败（FAILED）：{uscc} 的检查组"));
}

#[test]
fn verify_detects_a_changed_seed() {
    let c = County::new();
    let (r, v) = tampered(&c, |p| p["seed"] = Value::String("00".repeat(32)));
    assert_has(&r, "核验失败（FAILED）：随机种子：按记录自身的输入应为 ");
    c.dd(&["--lang", "en", "verify", "--light", "tampered.json"])
        .expect(1)
        .has("FAILED: seed: expected ")
        .has("INVALID at the light level");
    assert_has(&r, &format!("记录中为 {}", "00".repeat(32)));
    assert_eq!(v["error"]["what"], "seed");
    assert_eq!(v["error"]["got"], "00".repeat(32));
}

#[test]
fn verify_detects_a_changed_target_name() {
    let c = County::new();
    let mut uscc = String::new();
    let (r, v) = tampered(&c, |p| {
        let e = &mut p["targets"][0]["entity"];
        uscc = e["uscc"].as_str().unwrap().to_string();
        e["name"] = Value::String(format!("{}（改）", e["name"].as_str().unwrap()));
    });
    assert_has(
        &r,
        &format!("核验失败（FAILED）：检查对象 {uscc} 的默克尔包含证明"),
    );
    assert_eq!(v["error"]["what"], format!("target {uscc} inclusion"));
}

#[test]
fn verify_detects_a_changed_reveal_secret() {
    let c = County::new();
    let (r, v) = tampered(&c, |p| {
        p["entropy"]["reveals"][0]["secret"] = Value::String("f".repeat(64));
    });
    assert_has(
        &r,
        &format!("the secret given for {JIA} does not match the commitment"),
    );
    assert_eq!(v["error"]["what"], "entropy");
}

#[test]
fn verify_detects_a_changed_stratum_drawn_count() {
    let c = County::new();
    let mut n = 0;
    let (r, v) = tampered(&c, |p| {
        n = p["strata"][0]["drawn"].as_u64().unwrap();
        p["strata"][0]["drawn"] = Value::from(n + 1);
    });
    assert_has(
        &r,
        &format!(
            "核验失败（FAILED）：信用等级 A 分层的抽取数：按记录自身的输入应为 {n}，记录中为 {}",
            n + 1
        ),
    );
    assert_eq!(v["error"]["what"], "number drawn in stratum A");
}

#[test]
fn verify_detects_a_removed_target() {
    let c = County::new();
    let mut n = 0;
    let (r, v) = tampered(&c, |p| {
        let ts = p["targets"].as_array_mut().unwrap();
        n = ts.len();
        ts.remove(1);
    });
    assert_has(
        &r,
        &format!(
            "核验失败（FAILED）：检查对象数量（各分层抽取数之和）：按记录自身的输入应为 {n}，记录中为 {}",
            n - 1
        ),
    );
    assert_eq!(v["error"]["what"], "number of targets (sum drawn)");
}

#[test]
fn verify_detects_a_removed_target_with_its_team() {
    let c = County::new();
    let (r, _) = tampered(&c, |p| {
        p["targets"].as_array_mut().unwrap().remove(1);
        p["teams"].as_array_mut().unwrap().remove(1);
    });
    assert_has(&r, "核验失败（FAILED）：检查对象数量（各分层抽取数之和）");
}

#[test]
fn verify_detects_a_changed_announcement_hash() {
    let c = County::new();
    let (r, v) = tampered(&c, |p| {
        p["announcement"]["hash"] = Value::String("ab".repeat(32));
    });
    assert_has(&r, "核验失败（FAILED）：公告哈希：按记录自身的输入应为 ");
    assert_has(&r, &format!("记录中为 {}", "ab".repeat(32)));
    assert_eq!(v["error"]["what"], "announcement hash");
}

#[test]
fn verify_detects_a_changed_announcement_time() {
    let c = County::new();
    let (r, _) = tampered(&c, |p| {
        p["announcement"]["announced_at"] = Value::String("2026-03-01T02:00:00Z".into());
    });
    assert_has(&r, "核验失败（FAILED）：公告哈希");
}

#[test]
fn verify_detects_a_changed_campaign_rule() {
    let c = County::new();
    let (r, _) = tampered(&c, |p| {
        p["announcement"]["campaign"]["teams"]["max_targets_per_officer"] = Value::from(11);
    });
    assert_has(&r, "核验失败（FAILED）：抽查批次哈希");
}

#[test]
fn verify_detects_a_changed_prn() {
    let c = County::new();
    let mut uscc = String::new();
    let (r, _) = tampered(&c, |p| {
        uscc = p["targets"][0]["entity"]["uscc"]
            .as_str()
            .unwrap()
            .to_string();
        p["targets"][0]["prn"] = Value::String("00".repeat(32));
    });
    assert_has(&r, &format!("核验失败（FAILED）：{uscc} 的伪随机数（PRN）"));
}

#[test]
fn verify_audit_detects_a_stratum_pool_change_light_cannot() {
    // Light verification checks only the arithmetic from N; a pool one larger
    // with the same n passes it, the audit recounts the pool.
    let c = County::new();
    c.announced_and_drawn();
    let mut p = c.proof("proof.json");
    let n = p["strata"][0]["pool"].as_u64().unwrap();
    let drawn = p["strata"][0]["drawn"].as_u64().unwrap();
    assert_eq!(allocate(n + 1, 3, 100, None), drawn, "same n for N + 1");
    p["strata"][0]["pool"] = Value::from(n + 1);
    p["pool_size"] = Value::from(p["pool_size"].as_u64().unwrap() + 1);
    c.write("tampered.json", &serde_json::to_string(&p).unwrap());
    c.dd(&["verify", "--light", "tampered.json"]).expect(0);
    let r = c.dd(&["verify", "tampered.json"]);
    r.expect(1);
    assert_has(&r, "核验失败（FAILED）：抽查范围大小");
}

#[test]
fn verify_rejects_a_malformed_file() {
    let c = County::new();
    c.write("broken.json", "{\"format\": \"dualdraw-draw-proof-v1\", ");
    let r = c.dd(&["verify", "broken.json"]);
    r.expect(1);
    assert_has(&r, "broken.json: 不是抽取证明");
    let v = c.dd_json(&["verify", "--light", "broken.json"], 1);
    assert_error_json(&v);
    assert_eq!(v["error"]["kind"], "malformed");
    // JSON, but not a proof.
    c.write("other.json", "{\"format\": \"dualdraw-draw-proof-v1\"}");
    let r = c.dd(&["verify", "--light", "other.json"]);
    r.expect(1);
    assert_has(&r, "other.json: 不是抽取证明");
    // A part of a proof is not a proof.
    c.announced_and_drawn();
    let p = c.proof("proof.json");
    c.write(
        "cut.json",
        &serde_json::to_string(&p["announcement"]).unwrap(),
    );
    c.dd(&["verify", "cut.json"]).expect(1);
}

#[test]
fn verify_rejects_a_missing_file() {
    let c = County::new();
    let r = c.dd(&["verify", "absent.json"]);
    r.expect(1);
    assert_has(&r, "absent.json");
    let v = c.dd_json(&["verify", "--light", "absent.json"], 1);
    assert_error_json(&v);
    assert_eq!(v["error"]["kind"], "unreadable");
    let r = c.raw(&["verify", "absent.json"]);
    r.expect(1);
}

// ---------------------------------------------------------------------------
// The proof document (SPEC §7)
// ---------------------------------------------------------------------------

#[test]
fn proof_carries_the_announcement_entropy_targets_and_teams() {
    let c = County::new();
    let a = c.announce(ID);
    c.draw_both(ID, "proof.json");
    let p = c.proof("proof.json");
    assert_eq!(p["format"], "dualdraw-draw-proof-v1");
    let an = &p["announcement"];
    assert_eq!(an["hash"], a["announcement_hash"]);
    assert_eq!(an["campaign_hash"], a["campaign_hash"]);
    assert_eq!(an["announced_at"], ANNOUNCED_UTC);
    assert_eq!(an["snapshot"]["digest"], a["snapshot_digest"]);
    assert_eq!(an["campaign"]["id"], ID);
    assert_eq!(an["campaign"]["draw_date"], "2026-03-02");
    assert_eq!(an["campaign"]["teams"]["min_size"], 2);
    assert_eq!(an["campaign"]["entropy"]["on_missing_reveal"], "void");
    for t in p["targets"].as_array().unwrap() {
        assert!(is_hex64(&t["prn"]));
        assert!(t["index"].is_u64());
        assert!(t["path"].as_array().is_some_and(|x| !x.is_empty()));
        assert!(is_hex64(&t["entity"]["credit_class_commitment"]));
        assert!(
            t["entity"].get("credit_class").is_none(),
            "the class stays confidential"
        );
    }
    assert!(p["blocked_pairs"].is_array());
}

#[test]
fn proof_has_the_fields_listed_in_spec_section_7() {
    let c = County::new();
    c.announced_and_drawn();
    let p = c.proof("proof.json");
    let root = c.dd_json(&["registry", "root"], 0);
    let an = &p["announcement"];
    for k in [
        "campaign",
        "campaign_hash",
        "snapshot",
        "exclusion",
        "exclusion_root",
        "ledger_head",
        "announced_at",
        "hash",
    ] {
        assert!(an.get(k).is_some(), "announcement.{k}");
    }
    assert_eq!(an["snapshot"]["id"], root["id"]);
    assert_eq!(an["snapshot"]["roots"], root["roots"]);
    assert_eq!(an["exclusion"], serde_json::json!([]));
    assert_eq!(
        an["exclusion_root"].as_str().unwrap(),
        hex::encode(Sha256::digest(b""))
    );
    assert!(is_hex64(&an["ledger_head"]));
    for k in ["reveals", "missing", "beacon"] {
        assert!(p["entropy"].get(k).is_some(), "entropy.{k}");
    }
    assert!(p["pool_size"].is_u64());
    assert_eq!(p["excluded_by_class"], 0);
    let classes: Vec<&Value> = p["strata"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["credit_class"])
        .collect();
    assert_eq!(classes, ["A", "B", "C", "D"], "strata by class");
    // The whole item list and officer directory, by key.
    let items = p["items"].as_array().unwrap();
    assert_eq!(
        items.len() as u64,
        root["roots"]["items"]["size"].as_u64().unwrap()
    );
    assert!(
        items
            .windows(2)
            .all(|w| w[0]["code"].as_str() < w[1]["code"].as_str())
    );
    let officers = p["officers"].as_array().unwrap();
    assert_eq!(
        officers.len() as u64,
        root["roots"]["officers"]["size"].as_u64().unwrap()
    );
    assert!(
        officers
            .windows(2)
            .all(|w| w[0]["id"].as_str() < w[1]["id"].as_str())
    );
    for t in p["targets"].as_array().unwrap() {
        for k in ["entity", "prn", "items", "departments", "index", "path"] {
            assert!(t.get(k).is_some(), "targets[].{k}");
        }
    }
    for t in p["teams"].as_array().unwrap() {
        assert!(t["target"].is_string() && t["officers"].is_array());
    }
    // The campaign in JSON.
    let camp = &an["campaign"];
    assert_eq!(
        camp["targets"]["strata"][0]["rule"],
        serde_json::json!({"ratio": "3/100"})
    );
    assert_eq!(camp["targets"]["strata"][3]["min"], 1);
    assert_eq!(camp["targets"]["strata"][3]["max"], Value::Null);
    assert_eq!(camp["teams"]["max_targets_per_officer"], 10);
    assert_eq!(camp["teams"]["officer_region"], "same");
    assert_eq!(camp["entropy"]["beacon"], Value::Null);
    assert_eq!(camp["entropy"]["reveal_deadline"], Value::Null);
    assert_eq!(camp["entropy"]["witnesses"][1]["name"], YI);
    assert_eq!(
        camp["entropy"]["witnesses"][1]["commitment"],
        c.yi.commitment.as_str()
    );
}

// ---------------------------------------------------------------------------
// Beacons (SPEC §4): a published drand quicknet round and a lottery result
// ---------------------------------------------------------------------------

/// A published quicknet round (the one of drand-verify's documentation).
const QN_ROUND: &str = "657413";
const QN_SIG: &str = "b713718a38ae728dfd477991af2822e08d2f305e47718cef9f7848ce4050e7be41076862b98fad56e91a6b85b89cd97b";
/// genesis 1692803367 + (657413 − 1)·3 s.
const QN_TIME: &str = "2023-09-15T11:00:03Z";
const QN_ANNOUNCE: &str = "2023-09-15T10:00:00Z";
const QN_REVEAL: &str = "2023-09-15T10:30:00Z";

impl County {
    /// The brief's campaign committed to the quicknet round, drawn that day.
    fn drand_toml(&self, id: &str) -> String {
        let t = edit(
            &self.toml(id),
            "draw_date = \"2026-03-02\"",
            "draw_date = \"2023-09-15\"",
        );
        edit(
            &t,
            "[entropy]\n",
            &format!("[entropy]\nbeacon = {{ scheme = \"drand-quicknet\", round = {QN_ROUND} }}\n"),
        )
    }

    fn announce_drand(&self, text: &str) {
        self.write("c.toml", text);
        self.dd(&["campaign", "announce", "c.toml", "--now", QN_ANNOUNCE])
            .expect(0);
    }

    /// Writes a drand round file.
    fn round_file(&self, name: &str, round: &str, sig: &str) -> String {
        self.write(
            name,
            &format!("{{\"round\": {round}, \"signature\": \"{sig}\"}}"),
        )
    }
}

/// `beacon = SHA-256(lp("dualdraw-beacon-v1") ‖ lp(scheme) ‖ lp(round) ‖ x)`,
/// `x` = `raw(SHA-256(signature))` for drand, `lp(canonical text)` for a lottery.
fn beacon_value(scheme: &str, round: &str, x: &[u8], lottery: bool) -> String {
    let mut e = Enc::default();
    e.lp("dualdraw-beacon-v1").lp(scheme).lp(round);
    if lottery {
        e.lp(x);
    } else {
        e.0.extend_from_slice(x);
    }
    e.sha()
}

/// The seed (§4) with a beacon.
fn seed_with_beacon(announcement_hash: &str, reveals: &[(&str, &str)], beacon: &str) -> String {
    let mut e = Enc::default();
    e.lp("dualdraw-seed-v1")
        .raw(announcement_hash)
        .u32(reveals.len() as u32);
    for (n, s) in reveals {
        e.lp(n).lp(s);
    }
    e.byte(1).raw(beacon).sha()
}

#[test]
fn drand_beacon_draw_verifies_and_enters_the_seed() {
    let c = County::new();
    c.announce_drand(&c.drand_toml(ID));
    c.reveal(ID, &c.jia_reveal(), QN_REVEAL).expect(0);
    c.reveal(ID, &c.yi_reveal(), QN_REVEAL).expect(0);
    let f = c.round_file("round.json", QN_ROUND, QN_SIG);
    c.dd(&[
        "campaign",
        "draw",
        ID,
        "--beacon",
        &f,
        "--out",
        "proof.json",
    ])
    .expect(0);
    let p = c.proof("proof.json");
    let b = &p["entropy"]["beacon"];
    assert_eq!(b["scheme"], "drand-quicknet");
    assert_eq!(b["round"], QN_ROUND);
    assert_eq!(b["evidence"], QN_SIG);
    assert_eq!(b["round_time"], QN_TIME);
    let randomness = Sha256::digest(hex::decode(QN_SIG).unwrap());
    let want = beacon_value("drand-quicknet", QN_ROUND, &randomness, false);
    assert_eq!(b["value"].as_str().unwrap(), want, "beacon value §4");
    let ah = p["announcement"]["hash"].as_str().unwrap();
    let s = seed_with_beacon(ah, &[(JIA, &c.jia.secret), (YI, &c.yi.secret)], &want);
    assert_eq!(p["seed"].as_str().unwrap(), s, "seed with a beacon §4");
    assert_eq!(c.dd_json(&["verify", "proof.json"], 0)["level"], "audit");
    assert_eq!(
        c.dd_json(&["verify", "--light", "proof.json"], 0)["level"],
        "light"
    );
}

#[test]
fn announce_text_shows_when_the_beacon_round_is_due() {
    let c = County::new();
    c.write("c.toml", &c.drand_toml(ID));
    let r = c.dd(&["campaign", "announce", "c.toml", "--now", QN_ANNOUNCE]);
    r.expect(0);
    assert_has(
        &r,
        &format!("公共随机信标 drand-quicknet，轮次 {QN_ROUND}（预计 {QN_TIME} 产生）"),
    );
}

#[test]
fn announce_refuses_a_beacon_round_not_after_the_announcement() {
    let c = County::new();
    c.write("c.toml", &c.drand_toml(ID));
    let r = c.dd(&[
        "campaign",
        "announce",
        "c.toml",
        "--now",
        "2023-09-15T11:00:03Z",
    ]);
    r.expect(1);
    assert_has(&r, &format!("信标轮次时间 {QN_TIME} 不晚于公告时间"));
}

#[test]
fn announce_refuses_a_beacon_round_after_the_draw_date() {
    let c = County::new();
    let text = edit(
        &c.drand_toml(ID),
        "draw_date = \"2023-09-15\"",
        "draw_date = \"2023-09-14\"",
    );
    c.write("c.toml", &text);
    let r = c.dd(&[
        "campaign",
        "announce",
        "c.toml",
        "--now",
        "2023-09-14T09:00:00+08:00",
    ]);
    r.expect(1);
    assert_has(&r, "在北京时间 2023-09-15，晚于抽取日期 2023-09-14");
}

#[test]
fn announce_refuses_proceed_without_a_beacon() {
    let c = County::new();
    let text = edit(
        &c.toml(ID),
        "[entropy]\n",
        "[entropy]\non_missing_reveal = \"proceed\"\n",
    );
    let r = c.announce_text("c.toml", &text);
    r.expect(1);
    assert_has(
        &r,
        "entropy.on_missing_reveal = \"proceed\"：只能与公共随机信标一起使用",
    );
}

#[test]
fn draw_refuses_a_missing_wrong_forged_or_malformed_beacon_and_records_nothing() {
    let c = County::new();
    c.announce_drand(&c.drand_toml(ID));
    c.reveal(ID, &c.jia_reveal(), QN_REVEAL).expect(0);
    c.reveal(ID, &c.yi_reveal(), QN_REVEAL).expect(0);
    let r = c.dd(&["campaign", "draw", ID]);
    r.expect(1);
    assert_has(
        &r,
        &format!("本抽查批次承诺使用 drand-quicknet 第 {QN_ROUND} 轮：请给出"),
    );
    let other = c.round_file("other.json", "657414", QN_SIG);
    let r = c.dd(&["campaign", "draw", ID, "--beacon", &other]);
    r.expect(1);
    assert_has(
        &r,
        "the beacon file is for round 657414, the campaign committed to round 657413",
    );
    let mut forged = hex::decode(QN_SIG).unwrap();
    forged[20] ^= 1;
    let forged = c.round_file("forged.json", QN_ROUND, &hex::encode(forged));
    let r = c.dd(&["campaign", "draw", ID, "--beacon", &forged]);
    r.expect(1);
    assert_has(&r, "beacon");
    c.write("broken.json", "{\"round\": 657413}");
    let r = c.dd(&["campaign", "draw", ID, "--beacon", "broken.json"]);
    r.expect(1);
    assert_has(&r, "broken.json: 不是 drand 轮次文件");
    let r = c.dd(&["campaign", "draw", ID, "--beacon", "absent.json"]);
    r.expect(1);
    assert_has(&r, "absent.json");
    assert!(!c.exists("d/workspace/proofs/2026-JOINT-01.json"));
    // Nothing recorded: the real round is accepted.
    let f = c.round_file("round.json", QN_ROUND, QN_SIG);
    c.dd(&["campaign", "draw", ID, "--beacon", &f]).expect(0);
}

#[test]
fn reveal_at_or_after_the_beacon_round_time_is_late() {
    let c = County::new();
    c.announce_drand(&c.drand_toml(ID));
    c.reveal(ID, &c.jia_reveal(), "2023-09-15T11:00:02Z")
        .expect(0);
    let r = c.reveal(ID, &c.yi_reveal(), QN_TIME);
    r.expect(1);
    assert_has(&r, &format!("揭示截止时间 {QN_TIME} 已过"));
}

#[test]
fn proceed_leaves_out_a_witness_who_did_not_reveal() {
    let c = County::new();
    let text = edit(
        &c.drand_toml(ID),
        "[entropy]\n",
        "[entropy]\non_missing_reveal = \"proceed\"\n",
    );
    c.announce_drand(&text);
    c.reveal(ID, &c.jia_reveal(), QN_REVEAL).expect(0);
    let f = c.round_file("round.json", QN_ROUND, QN_SIG);
    c.dd(&[
        "campaign",
        "draw",
        ID,
        "--beacon",
        &f,
        "--out",
        "proof.json",
    ])
    .expect(0);
    let p = c.proof("proof.json");
    assert_eq!(p["entropy"]["missing"], serde_json::json!([YI]));
    assert_eq!(p["entropy"]["reveals"].as_array().unwrap().len(), 1);
    let b = p["entropy"]["beacon"]["value"].as_str().unwrap();
    let ah = p["announcement"]["hash"].as_str().unwrap();
    assert_eq!(
        p["seed"].as_str().unwrap(),
        seed_with_beacon(ah, &[(JIA, &c.jia.secret)], b)
    );
    c.dd(&["verify", "--light", "proof.json"]).expect(0);
    c.dd(&["verify", "proof.json"]).expect(0);
}

#[test]
fn verify_detects_a_reveal_moved_after_the_beacon_round() {
    let c = County::new();
    c.announce_drand(&c.drand_toml(ID));
    c.reveal(ID, &c.jia_reveal(), QN_REVEAL).expect(0);
    c.reveal(ID, &c.yi_reveal(), QN_REVEAL).expect(0);
    let f = c.round_file("round.json", QN_ROUND, QN_SIG);
    c.dd(&[
        "campaign",
        "draw",
        ID,
        "--beacon",
        &f,
        "--out",
        "proof.json",
    ])
    .expect(0);
    let mut p = c.proof("proof.json");
    p["entropy"]["reveals"][1]["revealed_at"] = Value::String("2023-09-15T11:30:00Z".into());
    c.write("tampered.json", &serde_json::to_string(&p).unwrap());
    let r = c.dd(&["verify", "--light", "tampered.json"]);
    r.expect(1);
    assert_has(&r, "核验失败（FAILED）：随机源");
    assert_has(
        &r,
        &format!("{YI} revealed at 2023-09-15T11:30:00Z, after the deadline {QN_TIME}"),
    );
    // A forged signature fails too.
    let mut p = c.proof("proof.json");
    let mut sig = hex::decode(QN_SIG).unwrap();
    sig[20] ^= 1;
    p["entropy"]["beacon"]["evidence"] = Value::String(hex::encode(sig));
    c.write("tampered.json", &serde_json::to_string(&p).unwrap());
    let r = c.dd(&["verify", "--light", "tampered.json"]);
    r.expect(1);
    assert_has(&r, "核验失败（FAILED）：随机信标");
}

#[test]
fn lottery_result_is_canonicalised_and_enters_the_seed() {
    let c = County::new();
    let round = "福彩双色球2026025期";
    let text = edit(
        &c.toml(ID),
        "[entropy]\n",
        &format!(
            "[entropy]\nbeacon = {{ scheme = \"lottery\", round = \"{round}\" }}\nreveal_deadline = \"2026-03-02T20:00:00+08:00\"\n"
        ),
    );
    c.announce_json("c.toml", &text, 0);
    c.reveal(ID, &c.jia_reveal(), REVEAL_AT).expect(0);
    c.reveal(ID, &c.yi_reveal(), REVEAL_AT).expect(0);
    let r = c.draw(ID, &[]);
    r.expect(1);
    assert_has(&r, &format!("本抽查批次承诺使用 lottery 第 {round} 轮"));
    let r = c.draw(ID, &["--lottery", "3,7,x/9"]);
    r.expect(1);
    assert_has(&r, "\"x\" is not a number");
    c.draw(
        ID,
        &["--lottery", "31,3,25,7,19,12/9", "--out", "proof.json"],
    )
    .expect(0);
    let p = c.proof("proof.json");
    let b = &p["entropy"]["beacon"];
    let canonical = "3.7.12.19.25.31/9/";
    assert_eq!(b["evidence"], canonical);
    assert_eq!(b["round_time"], Value::Null);
    let want = beacon_value("lottery", round, canonical.as_bytes(), true);
    assert_eq!(b["value"].as_str().unwrap(), want, "lottery beacon §4");
    let ah = p["announcement"]["hash"].as_str().unwrap();
    let s = seed_with_beacon(ah, &[(JIA, &c.jia.secret), (YI, &c.yi.secret)], &want);
    assert_eq!(p["seed"].as_str().unwrap(), s);
    c.dd(&["verify", "proof.json"]).expect(0);
    c.dd(&["verify", "--light", "proof.json"]).expect(0);
}

// ---------------------------------------------------------------------------
// Recusals (SPEC §6, §7 blocked pairs)
// ---------------------------------------------------------------------------

/// A 民办学校-only campaign drawing every school (one witness, 县教育局 lead).
fn schools_toml(id: &str, commitment: &str) -> String {
    let mut t = format!(
        "id = \"{id}\"\ntitle = \"民办学校专项抽查\"\nlead_department = \"县教育局\"\n\
         draw_date = \"2026-03-02\"\nitems = [\"JY-002\"]\n"
    );
    for class in ["A", "B", "C", "D"] {
        t.push_str(&format!(
            "[[targets.strata]]\ncredit_class = \"{class}\"\nratio = \"100%\"\n"
        ));
    }
    t.push_str(&format!(
        "[entropy]\nwitnesses = [{{ name = \"{JIA}\", commitment = \"{commitment}\" }}]\n"
    ));
    t
}

impl County {
    /// In-business 民办学校 entities and 县教育局 officers (id, active) of the county.
    fn schools_and_teachers(&self) -> (Vec<String>, Vec<(String, bool)>) {
        let ents = csv_rows(&self.read("d/county/entities.csv"));
        let schools = ents
            .iter()
            .skip(1)
            .filter(|e| e[3].split(';').any(|c| c == "民办学校") && e[8] == "存续")
            .map(|e| e[0].clone())
            .collect();
        let offs = csv_rows(&self.read("d/county/officers.csv"));
        let edu = offs
            .iter()
            .skip(1)
            .filter(|o| o[2] == "县教育局")
            .map(|o| (o[0].clone(), o[6] == "在岗"))
            .collect();
        (schools, edu)
    }

    /// Imports the county's recusals plus `extra` (officer, USCC).
    fn add_recusals(&self, extra: &[(String, String)]) {
        let mut rows = csv_rows(&self.read("d/county/recusals.csv"));
        for (o, u) in extra {
            rows.push(vec![o.clone(), u.clone(), "近亲属在该单位任职".into()]);
        }
        self.write("recusals.csv", &support::csv_text(&rows));
        self.dd(&[
            "import",
            "recusals",
            "recusals.csv",
            "--today",
            "2026-03-01",
        ])
        .expect(0);
    }
}

#[test]
fn recused_officers_never_serve_and_are_disclosed_as_blocked_pairs() {
    let c = County::new();
    let (schools, edu) = c.schools_and_teachers();
    let mut extra = Vec::new();
    for s in &schools[..3] {
        for (o, _) in &edu[..5] {
            extra.push((o.clone(), s.clone()));
        }
    }
    // A 县文旅局 officer recused from a school: not one of its departments,
    // so not disclosed.
    extra.push(("520123030001".to_string(), schools[0].clone()));
    c.add_recusals(&extra);
    c.announce_json("s.toml", &schools_toml("SCHOOLS", &c.jia.commitment), 0);
    let j = c.jia_reveal();
    c.dd_json(
        &[
            "campaign",
            "draw",
            "SCHOOLS",
            "--reveal",
            &j,
            "--now",
            DRAW_AT,
            "--out",
            "proof.json",
        ],
        0,
    );
    let p = c.proof("proof.json");
    let all: BTreeSet<(String, String)> = c.recusals();
    let all: BTreeSet<(String, String)> = all.into_iter().chain(extra.iter().cloned()).collect();
    check_teams(&p, &all);
    // Target → its departments; officer → department.
    let targets: BTreeMap<String, Vec<String>> = p["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["entity"]["uscc"].as_str().unwrap().to_string(),
                strs(&t["departments"]),
            )
        })
        .collect();
    let dept: HashMap<String, String> = p["officers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["id"].as_str().unwrap().to_string(),
                o["department"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        schools[..3].iter().all(|s| targets.contains_key(s)),
        "100%: every school drawn"
    );
    let mut want: Vec<(String, String)> = all
        .iter()
        .filter(|(o, u)| targets.get(u).is_some_and(|ds| ds.contains(&dept[o])))
        .map(|(o, u)| (u.clone(), o.clone()))
        .collect();
    want.sort();
    assert_eq!(want.len(), 15, "3 schools × 5 officers of 县教育局");
    let got: Vec<(String, String)> = p["blocked_pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            assert!(is_hex64(&b["pair_salt"]) && is_hex64(&b["reason_commitment"]));
            assert!(b.get("reason").is_none(), "the reason stays hidden");
            (
                b["target"].as_str().unwrap().to_string(),
                b["officer"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, want, "blocked pairs by target then officer");
    c.dd(&["verify", "proof.json"]).expect(0);
    c.dd(&["verify", "--light", "proof.json"]).expect(0);
}

#[test]
fn infeasible_when_every_officer_is_recused_names_the_recusals() {
    let c = County::new();
    let (schools, edu) = c.schools_and_teachers();
    let school = schools[5].clone();
    let extra: Vec<(String, String)> = edu
        .iter()
        .map(|(o, _)| (o.clone(), school.clone()))
        .collect();
    c.add_recusals(&extra);
    // Every school is drawn, so the failure is certain: the announcement
    // refuses it with the draw's explanation, before anyone reveals.
    let r = c.announce_text("s.toml", &schools_toml("SCHOOLS", &c.jia.commitment));
    r.expect(1);
    assert_has(
        &r,
        &format!(
            "1 个检查对象（{school}）需要县教育局执法检查人员 2 人次，但只有 0 名人员符合条件"
        ),
    );
    assert_has(&r, "须回避该检查对象");
    assert_has(&r, &format!("须回避 {school}"));
    let v = c.announce_json("s.toml", &schools_toml("SCHOOLS", &c.jia.commitment), 1);
    assert_eq!(v["error"]["kind"], "infeasible");
    let u = &v["unstaffable"][0];
    assert_eq!(u["department"], "县教育局");
    assert_eq!(u["targets"], serde_json::json!([school]));
    assert_eq!(u["eligible"], serde_json::json!([]));
    assert!(u["excluded"]["recused"].as_u64().unwrap() > 0, "{u:#}");
    assert!(!u["recused"].as_array().unwrap().is_empty());
    c.dd(&["campaign", "draw", "SCHOOLS", "--now", DRAW_AT])
        .expect(1)
        .has("工作区中没有抽查批次 \"SCHOOLS\"");
    assert!(!c.exists("d/workspace/proofs/SCHOOLS.json"));
}

#[test]
fn verify_audit_detects_a_hidden_blocked_pair() {
    // An inactive officer's recusal changes no team, so hiding it passes the
    // light re-run; the audit knows every recusal.
    let c = County::new();
    let (schools, edu) = c.schools_and_teachers();
    let inactive = edu
        .iter()
        .find(|(_, active)| !active)
        .expect("an inactive officer")
        .0
        .clone();
    let active = edu.iter().find(|(_, active)| *active).unwrap().0.clone();
    c.add_recusals(&[
        (inactive.clone(), schools[0].clone()),
        (active.clone(), schools[1].clone()),
    ]);
    c.announce_json("s.toml", &schools_toml("SCHOOLS", &c.jia.commitment), 0);
    let j = c.jia_reveal();
    c.dd_json(
        &[
            "campaign",
            "draw",
            "SCHOOLS",
            "--reveal",
            &j,
            "--now",
            DRAW_AT,
            "--out",
            "proof.json",
        ],
        0,
    );
    let mut p = c.proof("proof.json");
    let pairs = p["blocked_pairs"].as_array_mut().unwrap();
    let k = pairs
        .iter()
        .position(|b| b["officer"] == inactive.as_str())
        .expect("disclosed");
    pairs.remove(k);
    c.write("tampered.json", &serde_json::to_string(&p).unwrap());
    c.dd(&["verify", "--light", "tampered.json"]).expect(0);
    let r = c.dd(&["verify", "tampered.json"]);
    r.expect(1);
    assert_has(
        &r,
        "核验失败（FAILED）：不得选派的人员与对象列表（被抽中对象的全部回避）",
    );
    // A forged pair salt fails the light check of the recusal's inclusion.
    let mut p = c.proof("proof.json");
    let pairs = p["blocked_pairs"].as_array_mut().unwrap();
    let k = pairs
        .iter()
        .position(|b| b["officer"] == active.as_str())
        .expect("disclosed");
    pairs[k]["pair_salt"] = Value::String("11".repeat(32));
    c.write("tampered.json", &serde_json::to_string(&p).unwrap());
    let r = c.dd(&["verify", "--light", "tampered.json"]);
    r.expect(1);
    assert_has(
        &r,
        &format!("核验失败（FAILED）：回避 {active} / {}", schools[1]),
    );
}

// ---------------------------------------------------------------------------
// Light verification and the campaign's strata
// ---------------------------------------------------------------------------

#[test]
fn verify_light_detects_a_missing_campaign_stratum() {
    // Drop stratum D with as many targets as it drew, fix pool_size, and
    // replace the teams by the ones the verifier itself expects: every check
    // of the light level but "every stratum of the campaign" is satisfied.
    let c = County::new();
    c.announced_and_drawn();
    let mut p = c.proof("proof.json");
    let strata = p["strata"].as_array_mut().unwrap();
    let d = strata.pop().unwrap();
    assert_eq!(d["credit_class"], "D");
    let drawn = d["drawn"].as_u64().unwrap() as usize;
    assert!(drawn > 0);
    p["pool_size"] = Value::from(p["pool_size"].as_u64().unwrap() - d["pool"].as_u64().unwrap());
    for _ in 0..drawn {
        p["targets"].as_array_mut().unwrap().remove(0);
        p["teams"].as_array_mut().unwrap().remove(0);
    }
    let mut last = Value::Null;
    for _ in 0..p["teams"].as_array().unwrap().len() {
        c.write("tampered.json", &serde_json::to_string(&p).unwrap());
        let r = c.dd(&["--json", "verify", "--light", "tampered.json"]);
        last = r.json();
        let what = last["error"]["what"].as_str().unwrap_or("").to_string();
        let Some(u) = what.strip_prefix("team of ") else {
            break;
        };
        let expected: Vec<Value> = last["error"]["expected"]
            .as_str()
            .unwrap()
            .split(',')
            .map(|x| Value::String(x.to_string()))
            .collect();
        for t in p["teams"].as_array_mut().unwrap() {
            if t["target"] == u {
                t["officers"] = Value::Array(expected.clone());
            }
        }
    }
    // The audit sees it (the pool is recounted).
    c.dd(&["verify", "tampered.json"]).expect(1);
    assert_eq!(
        last["ok"], false,
        "light verification passed without stratum D: {last:#}"
    );
}
