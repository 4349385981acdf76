//! Black-box tests of `dualdraw schedule` (visit dates for drawn teams),
//! written from `docs/SCHEDULE.md` §12–§14 and §16, `docs/CAMPAIGN.md`
//! (`period`, `[coordination]`), `docs/CLI.md` and `docs/LEDGER.md`, run
//! through the real binary.
//!
//! Every test makes its own synthetic county with `dualdraw demo d
//! --entities 3000 --registries-only --salt-key K` in its own temporary
//! folder (workspace `d/workspace`), announces campaigns with fixed witness
//! secrets and explicit `--now` instants: nothing depends on the real date.
//! The official 2026 calendar (`../shared/context/cn-holidays.md`) is
//! hard-coded below, independently of `data/cn-holidays.toml`.
//!
//! Tests marked `#[ignore = "…"]` show where the program and the documents
//! disagree and a decision is needed.

use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const WS: &str = "d/workspace";
const ANNOUNCE_AT: &str = "2026-03-01T09:00:00+08:00";
const REVEAL_AT: &str = "2026-03-02T09:00:00+08:00";
const DRAW_AT: &str = "2026-03-02T09:30:00+08:00";
/// `--now` of `schedule`, and the DTSTAMP it must give (in UTC).
const SCHEDULE_AT: &str = "2026-03-03T09:00:00+08:00";
const SCHEDULE_STAMP: &str = "20260303T010000Z";
const MOVE_AT: &str = "2026-03-04T09:00:00+08:00";
const MOVE2_AT: &str = "2026-03-04T10:00:00+08:00";
const AFTER_VISITS: &str = "2026-06-01T09:00:00+08:00";
const JIA: &str = "义务监督员甲";
const YI: &str = "义务监督员乙";
/// The salt key of the test workspaces, so that their draws are reproducible.
const TEST_SALT_KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
/// The main period: it holds Labour Day (05-01..05-05, three weekdays off)
/// and the make-up Saturday 05-09, so the calendar matters.
const PERIOD: (&str, &str) = ("2026-04-27", "2026-05-15");
const CSV_HEADER: [&str; 6] = [
    "检查日期",
    "统一社会信用代码",
    "名称",
    "乡镇（街道）",
    "执法人员",
    "执法证号",
];

// ---------------------------------------------------------------------------
// The official 2026 calendar (cn-holidays.md), hard-coded
// ---------------------------------------------------------------------------

const OFF_2026: [(&str, &str); 7] = [
    ("2026-01-01", "2026-01-03"),
    ("2026-02-15", "2026-02-23"),
    ("2026-04-04", "2026-04-06"),
    ("2026-05-01", "2026-05-05"),
    ("2026-06-19", "2026-06-21"),
    ("2026-09-25", "2026-09-27"),
    ("2026-10-01", "2026-10-07"),
];
const MAKEUP_2026: [&str; 6] = [
    "2026-01-04",
    "2026-02-14",
    "2026-02-28",
    "2026-05-09",
    "2026-09-20",
    "2026-10-10",
];

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s:?} is not a date: {e}"))
}

fn is_working_day_2026(d: NaiveDate) -> bool {
    assert_eq!(d.year(), 2026, "{d} is outside the hard-coded calendar");
    if MAKEUP_2026.iter().any(|m| date(m) == d) {
        return true;
    }
    if OFF_2026.iter().any(|(a, b)| date(a) <= d && d <= date(b)) {
        return false;
    }
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The working days from `start` to `end` (inclusive), as `YYYY-MM-DD`.
fn working_days(start: &str, end: &str) -> BTreeSet<String> {
    let (mut d, end) = (date(start), date(end));
    let mut out = BTreeSet::new();
    while d <= end {
        if is_working_day_2026(d) {
            out.insert(d.format("%Y-%m-%d").to_string());
        }
        d = d.succ_opt().unwrap();
    }
    out
}

#[test]
fn the_hard_coded_calendar_counts_the_main_period_by_hand() {
    // 04-27..04-30 (4), 05-06..05-08 (3), 05-09 make-up Saturday, 05-11..05-15 (5).
    let days = working_days(PERIOD.0, PERIOD.1);
    assert_eq!(days.len(), 13, "{days:?}");
    assert!(days.contains("2026-05-09"));
    assert!(!days.contains("2026-05-01") && !days.contains("2026-05-05"));
    assert!(!days.contains("2026-05-02") && !days.contains("2026-05-10"));
}

// ---------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------

#[path = "cli_support.rs"]
mod support;
use support::{Run, run_in};

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// `lp(x)` of docs/COMMITMENTS.md: `u32be(len) ‖ x`.
fn lp(x: &[u8]) -> Vec<u8> {
    let mut v = (x.len() as u32).to_be_bytes().to_vec();
    v.extend_from_slice(x);
    v
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_str().expect("string").to_string())
        .collect()
}

/// Every file under `dir` (relative path → bytes).
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

// ---------------------------------------------------------------------------
// A county with campaigns
// ---------------------------------------------------------------------------

struct Witness {
    secret: String,
    commitment: String,
}

/// A fixed witness: its commitment as `docs/SPEC.md` §4 defines it.
fn fixed_witness(name: &str) -> Witness {
    let secret = format!("dualdraw-test-witness-{name}-0123456789abcdef");
    Witness {
        commitment: dualdraw::core::entropy::witness_commitment(&secret).to_hex(),
        secret,
    }
}

/// One visit as the proofs say it must be: its team and departments.
#[derive(Clone, Debug, Default)]
struct Visit {
    officers: BTreeSet<String>,
    departments: BTreeSet<String>,
}

/// The options of a test campaign.
struct Camp<'a> {
    id: &'a str,
    items: &'a [&'a str],
    period: Option<(&'a str, &'a str)>,
    group: Option<&'a str>,
}

impl<'a> Camp<'a> {
    /// Items JY-002 (民办学校, 县教育局) and WL-001 (旅游市场, 县文旅局), 40 %
    /// of every class: about 90 targets, most officers on 2–4 of them.
    fn new(id: &'a str) -> Camp<'a> {
        Camp {
            id,
            items: &["JY-002", "WL-001"],
            period: Some(PERIOD),
            group: None,
        }
    }
}

/// A temporary folder with a demo county (`d/county`, `d/workspace`).
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
        County {
            dir,
            jia: fixed_witness("jia"),
            yi: fixed_witness("yi"),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `dualdraw -w d/workspace ARGS`.
    fn dd(&self, args: &[&str]) -> Run {
        let mut v = vec!["-w", WS];
        v.extend_from_slice(args);
        run_in(self.path(), &v)
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

    fn exists(&self, name: &str) -> bool {
        self.path().join(name).exists()
    }

    fn toml(&self, c: &Camp) -> String {
        let items: Vec<String> = c.items.iter().map(|i| format!("{i:?}")).collect();
        let mut s = format!(
            r#"id = "{}"
title = "测试任务{}"
lead_department = "县教育局"
draw_date = "2026-03-02"
items = [{}]
[targets]
regions = ["520123"]
"#,
            c.id,
            c.id,
            items.join(", ")
        );
        for class in ["A", "B", "C", "D"] {
            s.push_str(&format!(
                "[[targets.strata]]\ncredit_class = \"{class}\"\nratio = \"40%\"\n"
            ));
        }
        s.push_str("[teams]\nmin_size = 2\nper_department = 1\nofficer_region = \"same\"\n");
        if let Some((start, end)) = c.period {
            s.push_str(&format!("[period]\nstart = \"{start}\"\nend = \"{end}\"\n"));
        }
        if let Some(g) = c.group {
            s.push_str(&format!("[coordination]\ngroup = \"{g}\"\nstart = \"0\"\n"));
        }
        s.push_str(&format!(
            "[entropy]\nwitnesses = [{{ name = \"{JIA}\", commitment = \"{}\" }}, {{ name = \"{YI}\", commitment = \"{}\" }}]\n",
            self.jia.commitment, self.yi.commitment
        ));
        s
    }

    /// Announces the campaigns in one command (a coordination group).
    #[track_caller]
    fn announce(&self, camps: &[Camp]) {
        let mut args = vec!["campaign".to_string(), "announce".to_string()];
        for c in camps {
            args.push(self.write(&format!("{}.toml", c.id), &self.toml(c)));
        }
        args.extend(["--now".to_string(), ANNOUNCE_AT.to_string()]);
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        self.dd(&a).expect(0);
    }

    /// Both witnesses reveal and the campaign is drawn; the proof is
    /// `ID.proof.json`, returned.
    #[track_caller]
    fn draw(&self, id: &str) -> Value {
        let jia = format!("{JIA}={}", self.jia.secret);
        let yi = format!("{YI}={}", self.yi.secret);
        self.dd(&["campaign", "reveal", id, &jia, "--now", REVEAL_AT])
            .expect(0);
        let out = format!("{id}.proof.json");
        let v = self.dd_json(
            &[
                "campaign", "draw", id, "--reveal", &yi, "--now", DRAW_AT, "--out", &out,
            ],
            0,
        );
        assert_eq!(v["schema"], "dualdraw.draw.v1", "{v:#}");
        serde_json::from_str(&self.read(&out)).expect("proof is JSON")
    }

    /// Announces and draws one campaign.
    #[track_caller]
    fn drawn(&self, c: Camp) -> Value {
        let id = c.id.to_string();
        self.announce(&[c]);
        self.draw(&id)
    }

    /// `ledger export FILE` → the entries.
    #[track_caller]
    fn export(&self, file: &str) -> Vec<Value> {
        self.dd(&["ledger", "export", file]).expect(0);
        self.read(file)
            .lines()
            .map(|l| serde_json::from_str(l).expect("a ledger line is JSON"))
            .collect()
    }

    fn ledger_len(&self) -> usize {
        let v = self.dd_json(&["ledger", "verify"], 0);
        v["entries"].as_u64().expect("entries") as usize
    }

    /// USCC → (name, township as §16 defines it) from `d/county/entities.csv`.
    fn entities(&self) -> BTreeMap<String, (String, String)> {
        let text = self.read("d/county/entities.csv");
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let h = rdr.headers().unwrap().clone();
        let col = |n: &str| {
            h.iter()
                .position(|x| x == n)
                .unwrap_or_else(|| panic!("{n}"))
        };
        let (u, n, t, r) = (
            col("统一社会信用代码"),
            col("名称"),
            col("乡镇街道"),
            col("行政区划代码"),
        );
        rdr.records()
            .map(|x| {
                let x = x.unwrap();
                let town = if x[t].is_empty() { &x[r] } else { &x[t] };
                (x[u].to_string(), (x[n].to_string(), town.to_string()))
            })
            .collect()
    }

    /// Officer id → name from `d/county/officers.csv`.
    fn officer_names(&self) -> BTreeMap<String, String> {
        let text = self.read("d/county/officers.csv");
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        rdr.records()
            .map(|x| {
                let x = x.unwrap();
                (x[0].to_string(), x[1].to_string())
            })
            .collect()
    }
}

/// The visits of the proofs: one per target, a target of several proofs is
/// one joint visit with the union of their teams and departments (§16).
fn visits_of(proofs: &[&Value]) -> BTreeMap<String, Visit> {
    let mut out: BTreeMap<String, Visit> = BTreeMap::new();
    for p in proofs {
        let teams: BTreeMap<String, Vec<String>> = p["teams"]
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
        for t in p["targets"].as_array().expect("targets") {
            let u = t["entity"]["uscc"].as_str().unwrap().to_string();
            let v = out.entry(u.clone()).or_default();
            v.officers.extend(teams[&u].iter().cloned());
            v.departments.extend(strs(&t["departments"]));
        }
    }
    assert!(!out.is_empty(), "the proofs have targets");
    out
}

/// Officer → number of visits.
fn loads(visits: &BTreeMap<String, Visit>) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for v in visits.values() {
        for o in &v.officers {
            *out.entry(o.clone()).or_insert(0) += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The files of a schedule (§13, §14)
// ---------------------------------------------------------------------------

/// One VEVENT, unfolded and unescaped.
#[derive(Debug)]
struct Event {
    uid: String,
    dtstamp: String,
    start: String,
    end: String,
    summary: String,
    description: String,
}

/// `text(x)` of §13 reversed.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(x @ ('\\' | ';' | ',')) => out.push(x),
                other => panic!("bad escape \\{other:?} in {s:?}"),
            }
        } else {
            assert!(
                c == '\t' || !(c <= '\u{1f}' || c == '\u{7f}'),
                "control character in {s:?}"
            );
            out.push(c);
        }
    }
    out
}

/// Checks an iCalendar file against RFC 5545 as §13 uses it (CRLF, lines of
/// at most 75 octets folded as late as possible, never inside a character,
/// the fixed header) and returns its events.
#[track_caller]
fn parse_ics(name: &str, bytes: &[u8]) -> Vec<Event> {
    assert!(bytes.ends_with(b"\r\n"), "{name}: does not end with CRLF");
    let body = &bytes[..bytes.len() - 2];
    let mut phys: Vec<&[u8]> = Vec::new();
    let mut rest = body;
    loop {
        match rest.windows(2).position(|w| w == b"\r\n") {
            Some(i) => {
                phys.push(&rest[..i]);
                rest = &rest[i + 2..];
            }
            None => {
                phys.push(rest);
                break;
            }
        }
    }
    let mut lines: Vec<String> = Vec::new();
    for (i, l) in phys.iter().enumerate() {
        let s = std::str::from_utf8(l)
            .unwrap_or_else(|e| panic!("{name}:{}: a character is split by folding: {e}", i + 1));
        assert!(
            !s.contains('\n') && !s.contains('\r'),
            "{name}:{}: bare CR or LF",
            i + 1
        );
        assert!(l.len() <= 75, "{name}:{}: {} octets: {s:?}", i + 1, l.len());
        assert!(!s.is_empty(), "{name}:{}: empty line", i + 1);
        if let Some(cont) = s.strip_prefix(' ') {
            // Folded as late as possible: the previous line could not take
            // this line's first character.
            let first = cont.chars().next().expect("a continuation holds text");
            assert!(
                phys[i - 1].len() + first.len_utf8() > 75,
                "{name}:{}: folded early ({} octets, next character {first:?})",
                i,
                phys[i - 1].len()
            );
            lines
                .last_mut()
                .expect("a continuation follows a line")
                .push_str(cont);
        } else {
            lines.push(s.to_string());
        }
    }
    let head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//dualdraw//dualdraw-schedule-v1//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ];
    assert!(lines.len() > head.len(), "{name}: too short");
    assert_eq!(&lines[..head.len()], &head[..], "{name}: header");
    assert_eq!(lines.last().unwrap(), "END:VCALENDAR", "{name}: end");
    let mut events = Vec::new();
    let mut i = head.len();
    let take = |i: &mut usize, prefix: &str| -> String {
        let l = &lines[*i];
        let v = l
            .strip_prefix(prefix)
            .unwrap_or_else(|| panic!("{name}: expected {prefix}… got {l:?}"))
            .to_string();
        *i += 1;
        v
    };
    while i < lines.len() - 1 {
        take(&mut i, "BEGIN:VEVENT");
        let uid = unescape(&take(&mut i, "UID:"));
        let dtstamp = take(&mut i, "DTSTAMP:");
        let start = take(&mut i, "DTSTART;VALUE=DATE:");
        let end = take(&mut i, "DTEND;VALUE=DATE:");
        let summary = unescape(&take(&mut i, "SUMMARY:"));
        if lines[i].starts_with("LOCATION:") {
            i += 1;
        }
        let description = unescape(&take(&mut i, "DESCRIPTION:"));
        take(&mut i, "END:VEVENT");
        assert!(
            dtstamp.len() == 16
                && NaiveDate::parse_from_str(&dtstamp[..8], "%Y%m%d").is_ok()
                && &dtstamp[8..9] == "T"
                && dtstamp[9..15].bytes().all(|b| b.is_ascii_digit())
                && dtstamp.ends_with('Z'),
            "{name}: DTSTAMP {dtstamp:?} is not YYYYMMDDTHHMMSSZ"
        );
        let s = NaiveDate::parse_from_str(&start, "%Y%m%d")
            .unwrap_or_else(|e| panic!("{name}: DTSTART {start:?}: {e}"));
        assert_eq!(
            end,
            s.succ_opt().unwrap().format("%Y%m%d").to_string(),
            "{name}: DTEND is the next day"
        );
        events.push(Event {
            uid,
            dtstamp,
            start: s.format("%Y-%m-%d").to_string(),
            end,
            summary,
            description,
        });
    }
    events
}

/// One row of a department list.
#[derive(Debug, Clone)]
struct Row {
    date: String,
    visit: String,
    name: String,
    township: String,
    names: String,
    ids: String,
}

/// Checks a department list (§14: BOM, LF, the header, rows by date then id).
#[track_caller]
fn parse_csv(name: &str, bytes: &[u8]) -> Vec<Row> {
    let text = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or_else(|| panic!("{name}: no UTF-8 byte-order mark"));
    assert!(!text.contains(&b'\r'), "{name}: line ends are LF, not CRLF");
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text);
    let recs: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(recs[0], CSV_HEADER, "{name}: header");
    let rows: Vec<Row> = recs[1..]
        .iter()
        .map(|r| {
            assert_eq!(r.len(), 6, "{name}: {r:?}");
            Row {
                date: r[0].clone(),
                visit: r[1].clone(),
                name: r[2].clone(),
                township: r[3].clone(),
                names: r[4].clone(),
                ids: r[5].clone(),
            }
        })
        .collect();
    let keys: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r.date.as_str(), r.visit.as_str()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "{name}: rows by date then visit id");
    rows
}

/// What a schedule must satisfy, and what the files are checked against.
struct Expect<'a> {
    /// The schedule's folder (relative to the county folder).
    dir: &'a str,
    /// The campaign id, or the ids joined by `+`, as in the UID.
    key: &'a str,
    visits: &'a BTreeMap<String, Visit>,
    days: &'a BTreeSet<String>,
    per_day: usize,
    leave: &'a BTreeMap<String, BTreeSet<String>>,
    /// The DTSTAMP every event must have, when known.
    dtstamp: Option<&'a str>,
}

/// Reads every file of a schedule, checks the formats (§13, §14) and the
/// rules (§1, §12.1) and returns visit → date.
#[track_caller]
fn check_schedule(c: &County, e: &Expect) -> BTreeMap<String, String> {
    let files = tree(&c.path().join(e.dir));
    let entities = c.entities();
    let names = c.officer_names();
    // Department lists.
    let mut dates: BTreeMap<String, String> = BTreeMap::new();
    let mut seen_in: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let csvs: Vec<(&String, &Vec<u8>)> = files
        .iter()
        .filter(|(n, _)| !n.contains('/') && n.ends_with(".csv"))
        .collect();
    assert!(!csvs.is_empty(), "{}: no department list", e.dir);
    for (file, bytes) in csvs {
        let dept = file.trim_end_matches(".csv").to_string();
        for r in parse_csv(file, bytes) {
            let v = e
                .visits
                .get(&r.visit)
                .unwrap_or_else(|| panic!("{file}: {} is not a visit of the proofs", r.visit));
            assert!(
                seen_in
                    .entry(r.visit.clone())
                    .or_default()
                    .insert(dept.clone()),
                "{file}: {} is listed twice",
                r.visit
            );
            assert!(
                v.departments.contains(&dept),
                "{file}: {} is not a visit of {dept} ({:?})",
                r.visit,
                v.departments
            );
            if let Some(d) = dates.insert(r.visit.clone(), r.date.clone()) {
                assert_eq!(d, r.date, "{}: one date in every list", r.visit);
            }
            let (ename, town) = &entities[&r.visit];
            assert_eq!(&r.name, ename, "{file}: name of {}", r.visit);
            assert_eq!(&r.township, town, "{file}: township of {}", r.visit);
            let ids: Vec<String> = v.officers.iter().cloned().collect();
            assert_eq!(
                r.ids,
                ids.join("、"),
                "{file}: team of {} in id order",
                r.visit
            );
            let want: Vec<&str> = ids.iter().map(|o| names[o].as_str()).collect();
            assert_eq!(r.names, want.join("、"), "{file}: names of {}", r.visit);
        }
    }
    for (u, v) in e.visits {
        assert_eq!(
            seen_in.get(u),
            Some(&v.departments),
            "visit {u} must be in the list of each of its departments"
        );
    }
    // The rules.
    let mut per: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (u, d) in &dates {
        assert!(
            e.days.contains(d),
            "{u} is on {d}, not a working day of the period {:?}",
            e.days
        );
        for o in &e.visits[u].officers {
            *per.entry((o.clone(), d.clone())).or_insert(0) += 1;
            if let Some(l) = e.leave.get(o) {
                assert!(!l.contains(d), "{o} is on leave on {d} but visits {u}");
            }
        }
    }
    for ((o, d), n) in &per {
        assert!(
            *n <= e.per_day,
            "{o} has {n} visits on {d} (limit {})",
            e.per_day
        );
    }
    // Calendars: one per officer, one event per visit of the officer.
    let ics: BTreeMap<&str, &Vec<u8>> = files
        .iter()
        .filter_map(|(n, b)| n.strip_prefix("officers/").map(|x| (x, b)))
        .collect();
    let officers: BTreeSet<String> = loads(e.visits).into_keys().collect();
    let ics_officers: BTreeSet<String> = ics
        .keys()
        .map(|n| {
            n.strip_suffix(".ics")
                .unwrap_or_else(|| panic!("officers/{n}: not .ics"))
                .to_string()
        })
        .collect();
    assert_eq!(ics_officers, officers, "one calendar per officer of a team");
    for (file, bytes) in ics {
        let o = file.trim_end_matches(".ics");
        let events = parse_ics(file, bytes);
        let mut want: Vec<(String, String)> = e
            .visits
            .iter()
            .filter(|(_, v)| v.officers.contains(o))
            .map(|(u, _)| (dates[u].clone(), u.clone()))
            .collect();
        want.sort();
        let got: Vec<(String, String)> = events
            .iter()
            .map(|ev| {
                let tail = format!("/{o}@dualdraw");
                let u = ev
                    .uid
                    .strip_prefix(&format!("{}/", e.key))
                    .and_then(|x| x.strip_suffix(&tail))
                    .unwrap_or_else(|| panic!("{file}: UID {:?}", ev.uid));
                (ev.start.clone(), u.to_string())
            })
            .collect();
        assert_eq!(got, want, "{file}: its visits by date then id");
        let mut per_day: BTreeMap<&str, usize> = BTreeMap::new();
        for ev in &events {
            *per_day.entry(ev.start.as_str()).or_insert(0) += 1;
        }
        assert!(
            per_day.values().all(|n| *n <= e.per_day),
            "{file}: more than {} a day: {per_day:?}",
            e.per_day
        );
        for (ev, (_, u)) in events.iter().zip(&want) {
            if let Some(s) = e.dtstamp {
                assert_eq!(ev.dtstamp, s, "{file}: DTSTAMP is --now in UTC");
            }
            let v = &e.visits[u];
            let (ename, town) = &entities[u];
            assert_eq!(ev.summary, format!("双随机检查：{ename}"), "{file}");
            assert_eq!(ev.end.len(), 8);
            let lines: Vec<&str> = ev.description.split('\n').collect();
            assert!(
                lines[0].starts_with(&format!("任务：{}", e.key)),
                "{file}: {lines:?}"
            );
            assert_eq!(lines[1], format!("检查对象：{ename}（{u}）"), "{file}");
            assert_eq!(lines[2], format!("乡镇（街道）：{town}"), "{file}");
            let team: Vec<String> = v
                .officers
                .iter()
                .map(|x| format!("{}（{x}）", names[x]))
                .collect();
            assert_eq!(lines[3], format!("检查组：{}", team.join("、")), "{file}");
            let depts: BTreeSet<String> = lines[4]
                .strip_prefix("部门：")
                .unwrap_or_else(|| panic!("{file}: {lines:?}"))
                .split('、')
                .map(str::to_string)
                .collect();
            assert_eq!(depts, v.departments, "{file}: departments of {u}");
        }
    }
    assert_eq!(
        dates.keys().collect::<Vec<_>>(),
        e.visits.keys().collect::<Vec<_>>(),
        "every visit has a date"
    );
    dates
}

/// The dates' text of §16 and its SHA-256.
fn dates_sha256(dates: &BTreeMap<String, String>) -> String {
    // BTreeMap<String, _> orders by the UTF-8 bytes, as §16 asks.
    let text: String = dates.iter().map(|(u, d)| format!("{u} {d}\n")).collect();
    sha256_hex(text.as_bytes())
}

/// The entries of `kind` for campaign `id` (bodies parsed).
fn bodies(entries: &[Value], kind: &str) -> Vec<Value> {
    entries
        .iter()
        .filter(|e| e["kind"] == kind)
        .map(|e| serde_json::from_str(e["body"].as_str().expect("body")).expect("body is JSON"))
        .collect()
}

/// `dualdraw schedule ID… --now SCHEDULE_AT EXTRA…` with `--json`.
#[track_caller]
fn schedule(c: &County, ids: &[&str], extra: &[&str], code: i32) -> Value {
    let mut v = vec!["schedule"];
    v.extend_from_slice(ids);
    v.extend(["--now", SCHEDULE_AT]);
    v.extend_from_slice(extra);
    c.dd_json(&v, code)
}

fn default_dir(key: &str) -> String {
    format!("{WS}/schedules/{key}")
}

// ---------------------------------------------------------------------------
// 1. A schedule keeps every rule and writes valid files
// ---------------------------------------------------------------------------

#[test]
fn a_drawn_campaign_with_a_period_gets_working_days_and_valid_calendars_and_lists() {
    let c = County::new();
    let proof = c.drawn(Camp::new("MAIN"));
    let visits = visits_of(&[&proof]);
    assert!(
        loads(&visits).values().any(|n| *n > 2),
        "some officer has more visits than the daily limit"
    );
    let v = schedule(&c, &["MAIN"], &[], 0);
    assert_eq!(v["schema"], "dualdraw.schedule.v1", "{v:#}");
    assert_eq!(v["ok"], true);
    let days = working_days(PERIOD.0, PERIOD.1);
    let dates = check_schedule(
        &c,
        &Expect {
            dir: &default_dir("MAIN"),
            key: "MAIN",
            visits: &visits,
            days: &days,
            per_day: 2,
            leave: &BTreeMap::new(),
            dtstamp: Some(SCHEDULE_STAMP),
        },
    );
    // The ledger records the period, the daily limit and the dates' hash
    // (not the dates); the JSON gives the same hash.
    let hash = dates_sha256(&dates);
    assert_eq!(v["dates_sha256"], hash.as_str(), "{v:#}");
    let entries = c.export("l.jsonl");
    let sched = bodies(&entries, "schedule");
    assert_eq!(sched.len(), 1);
    let b = &sched[0];
    assert_eq!(b["dates_sha256"], hash.as_str(), "{b:#}");
    assert_eq!(b["per_day"], 2, "{b:#}");
    assert_eq!(b["period"]["start"], PERIOD.0, "{b:#}");
    assert_eq!(b["period"]["end"], PERIOD.1, "{b:#}");
    match &b["working_days"] {
        Value::Number(n) => assert_eq!(n.as_u64(), Some(days.len() as u64), "{b:#}"),
        Value::Array(_) => assert_eq!(
            strs(&b["working_days"])
                .into_iter()
                .collect::<BTreeSet<_>>(),
            days
        ),
        other => panic!("working_days: {other}"),
    }
    let body_text = entries.last().unwrap()["body"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        b.get("dates").is_none()
            && !dates
                .iter()
                .any(|(u, d)| body_text.contains(&format!("\"{u}\":\"{d}\""))),
        "the schedule entry records no date: {body_text}"
    );
    c.dd(&["ledger", "verify"]).expect(0);
}

#[test]
fn with_per_day_1_no_officer_has_two_visits_a_day_and_out_chooses_the_folder() {
    let c = County::new();
    let proof = c.drawn(Camp::new("PD1"));
    let visits = visits_of(&[&proof]);
    assert!(loads(&visits).values().any(|n| *n > 1));
    let v = schedule(&c, &["PD1"], &["--per-day", "1", "--out", "cal"], 0);
    assert_eq!(v["schema"], "dualdraw.schedule.v1", "{v:#}");
    assert!(!c.exists(&default_dir("PD1")), "--out replaces the default");
    let days = working_days(PERIOD.0, PERIOD.1);
    let dates = check_schedule(
        &c,
        &Expect {
            dir: "cal",
            key: "PD1",
            visits: &visits,
            days: &days,
            per_day: 1,
            leave: &BTreeMap::new(),
            dtstamp: Some(SCHEDULE_STAMP),
        },
    );
    let sched = bodies(&c.export("l.jsonl"), "schedule");
    assert_eq!(sched[0]["per_day"], 1);
    assert_eq!(sched[0]["dates_sha256"], dates_sha256(&dates).as_str());
}

#[test]
fn with_a_leave_file_no_officer_is_scheduled_on_a_leave_day() {
    let c = County::new();
    let proof = c.drawn(Camp::new("LEAVE"));
    let visits = visits_of(&[&proof]);
    // The three busiest officers: long leave, a single day, and two rows.
    let mut by_load: Vec<(usize, String)> =
        loads(&visits).into_iter().map(|(o, n)| (n, o)).collect();
    by_load.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let (a, b, d) = (&by_load[0].1, &by_load[1].1, &by_load[2].1);
    // An officer of the directory who is on no team may be listed too.
    let idle = c
        .officer_names()
        .into_keys()
        .find(|o| !loads(&visits).contains_key(o))
        .expect("an officer on no team");
    let file = c.write(
        "请假.csv",
        &format!(
            "执法证号,开始日期,结束日期\n{a},2026-04-27,2026-05-08\n{b},2026-05-09,\n{d},2026-04-28,2026-04-30\n{d},2026-05-12,2026-05-13\n{idle},2026-04-27,2026-05-15\n"
        ),
    );
    let mut leave: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let days = working_days(PERIOD.0, PERIOD.1);
    leave.insert(a.clone(), working_days("2026-04-27", "2026-05-08"));
    leave.insert(b.clone(), ["2026-05-09".to_string()].into());
    let mut dl = working_days("2026-04-28", "2026-04-30");
    dl.extend(working_days("2026-05-12", "2026-05-13"));
    leave.insert(d.clone(), dl);
    let v = schedule(&c, &["LEAVE"], &["--leave", &file], 0);
    assert_eq!(v["schema"], "dualdraw.schedule.v1", "{v:#}");
    check_schedule(
        &c,
        &Expect {
            dir: &default_dir("LEAVE"),
            key: "LEAVE",
            visits: &visits,
            days: &days,
            per_day: 2,
            leave: &leave,
            dtstamp: Some(SCHEDULE_STAMP),
        },
    );
}

// ---------------------------------------------------------------------------
// 2. Errors
// ---------------------------------------------------------------------------

#[test]
fn a_campaign_without_a_period_is_refused_with_a_message_about_the_period() {
    let c = County::new();
    let mut camp = Camp::new("NOPERIOD");
    camp.period = None;
    c.drawn(camp);
    let before = c.ledger_len();
    let r = c.dd(&["schedule", "NOPERIOD", "--now", SCHEDULE_AT]);
    r.expect(1).has("period");
    let v = schedule(&c, &["NOPERIOD"], &[], 1);
    assert_eq!(v["schema"], "dualdraw.error.v1", "{v:#}");
    assert!(
        v["error"]["message"].as_str().unwrap().contains("period"),
        "{v:#}"
    );
    assert_eq!(c.ledger_len(), before, "nothing is recorded");
    assert!(!c.exists(&default_dir("NOPERIOD")));
}

#[test]
fn an_announced_campaign_that_is_not_drawn_is_refused() {
    let c = County::new();
    c.announce(&[Camp::new("UNDRAWN")]);
    let before = c.ledger_len();
    let v = schedule(&c, &["UNDRAWN"], &[], 1);
    assert_eq!(v["ok"], false, "{v:#}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not drawn"),
        "{v:#}"
    );
    assert_eq!(c.ledger_len(), before);
    assert!(!c.exists(&default_dir("UNDRAWN")));
}

#[test]
fn an_unknown_campaign_is_not_found() {
    let c = County::new();
    c.drawn(Camp::new("KNOWN"));
    let v = schedule(&c, &["NO-SUCH"], &[], 1);
    assert_eq!(v["error"]["kind"], "not_found", "{v:#}");
    // One unknown id among known ones spoils the command, too.
    schedule(&c, &["KNOWN", "NO-SUCH"], &[], 1);
    assert!(!c.exists(&default_dir("KNOWN")));
}

#[test]
fn a_bad_leave_file_reports_every_bad_row_and_records_nothing() {
    let c = County::new();
    let proof = c.drawn(Camp::new("BADLEAVE"));
    let visits = visits_of(&[&proof]);
    let mut officers = loads(&visits).into_keys();
    let (o1, o2) = (officers.next().unwrap(), officers.next().unwrap());
    let file = c.write(
        "leave.csv",
        &format!(
            "执法证号,开始日期,结束日期\n{o1},2026-04-27,2026-04-30\n{o2},2026-13-01,\n520123999999,2026-05-06,\n{o2},2026-05-12,2026-05-11\n{o1},2026-05-11,2026-05-11\n"
        ),
    );
    let before = c.ledger_len();
    let r = c.dd(&[
        "schedule",
        "BADLEAVE",
        "--leave",
        &file,
        "--now",
        SCHEDULE_AT,
    ]);
    r.expect(1);
    let lines = r.issue_lines(&file);
    let at: Vec<String> = lines
        .iter()
        .map(|l| l.splitn(4, ':').take(3).collect::<Vec<_>>().join(":"))
        .collect();
    assert_eq!(
        at,
        ["leave.csv:3:2", "leave.csv:4:1", "leave.csv:5:3"],
        "every bad row, as FILE:LINE:COLUMN (bad date, unknown officer, end before start):\n{}",
        r.all()
    );
    assert!(lines[0].contains("2026-13-01"), "{lines:?}");
    assert!(lines[1].contains("520123999999"), "{lines:?}");
    // The reasons in the default language (Chinese).
    assert!(
        lines[0].ends_with("不是日期（日期格式应为 YYYY-MM-DD）"),
        "{lines:?}"
    );
    assert!(
        lines[1].ends_with("不是这些抽查批次的执法检查人员名录中的人员"),
        "{lines:?}"
    );
    assert!(
        lines[2].ends_with("结束日期应不早于 2026-05-12，且在其后一年以内"),
        "{lines:?}"
    );
    assert_eq!(c.ledger_len(), before, "nothing is recorded");
    assert!(!c.exists(&default_dir("BADLEAVE")), "no file is written");
    // All or nothing, and nothing was kept: a good file then works.
    let good = c.write(
        "good.csv",
        &format!("执法证号,开始日期,结束日期\n{o1},2026-04-27,2026-04-30\n"),
    );
    let v = schedule(&c, &["BADLEAVE"], &["--leave", &good], 0);
    assert_eq!(v["schema"], "dualdraw.schedule.v1", "{v:#}");
    let leave = BTreeMap::from([(o1.clone(), working_days("2026-04-27", "2026-04-30"))]);
    check_schedule(
        &c,
        &Expect {
            dir: &default_dir("BADLEAVE"),
            key: "BADLEAVE",
            visits: &visits,
            days: &working_days(PERIOD.0, PERIOD.1),
            per_day: 2,
            leave: &leave,
            dtstamp: Some(SCHEDULE_STAMP),
        },
    );
    assert_eq!(c.ledger_len(), before + 1);
}

#[test]
fn a_second_schedule_of_the_same_campaign_is_refused_and_changes_nothing() {
    let c = County::new();
    c.drawn(Camp::new("TWICE"));
    schedule(&c, &["TWICE"], &[], 0);
    let dir = c.path().join(default_dir("TWICE"));
    let files = tree(&dir);
    let before = c.ledger_len();
    let v = c.dd_json(
        &["schedule", "TWICE", "--now", "2026-03-05T09:00:00+08:00"],
        1,
    );
    assert_eq!(v["ok"], false, "{v:#}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("schedule move"),
        "the refusal points to `schedule move`: {v:#}"
    );
    // Not even into another folder, nor with other options.
    c.dd(&[
        "schedule",
        "TWICE",
        "--per-day",
        "1",
        "--out",
        "elsewhere",
        "--now",
        SCHEDULE_AT,
    ])
    .expect(1);
    assert!(!c.exists("elsewhere"));
    assert_eq!(tree(&dir), files, "the files are untouched");
    assert_eq!(c.ledger_len(), before, "nothing is recorded");
}

#[test]
fn an_infeasible_schedule_names_an_officer_as_the_bottleneck_and_records_nothing() {
    let c = County::new();
    let mut camp = Camp::new("ONEDAY");
    camp.period = Some(("2026-05-11", "2026-05-11"));
    let proof = c.drawn(camp);
    let visits = visits_of(&[&proof]);
    let busy: BTreeSet<String> = loads(&visits)
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(o, _)| o)
        .collect();
    assert!(!busy.is_empty(), "some officer has several visits");
    let before = c.ledger_len();
    for _ in 0..2 {
        // Twice: the first attempt recorded nothing, so the second is not
        // refused as a second schedule.
        let v = schedule(&c, &["ONEDAY"], &["--per-day", "1"], 1);
        assert_eq!(v["error"]["kind"], "infeasible", "{v:#}");
        let msg = v["error"]["message"].as_str().unwrap();
        let named: BTreeSet<String> = msg
            .split("执法检查人员 ")
            .skip(1)
            .map(|x| x.chars().take_while(|c| c.is_ascii_digit()).collect())
            .filter(|x: &String| !x.is_empty())
            .collect();
        assert!(!named.is_empty(), "names an officer: {msg}");
        for o in &named {
            assert!(
                busy.contains(o),
                "{o} is named but has fewer than 2 visits: {msg}"
            );
        }
    }
    let r = c.dd(&["schedule", "ONEDAY", "--per-day", "1", "--now", SCHEDULE_AT]);
    r.expect(1)
        .has("不存在满足全部规则的排期")
        .has("执法检查人员 ");
    // The same in English, as the library words it.
    let en = c.dd(&[
        "--lang",
        "en",
        "schedule",
        "ONEDAY",
        "--per-day",
        "1",
        "--now",
        SCHEDULE_AT,
    ]);
    en.expect(1).has("no schedule exists").has("officer ");
    assert_eq!(c.ledger_len(), before, "nothing is recorded");
    assert!(!c.exists(&default_dir("ONEDAY")), "no file is written");
}

// ---------------------------------------------------------------------------
// 3. schedule move
// ---------------------------------------------------------------------------

/// Checks a `schedule move` answer against the dates before and after:
/// `moved` is exactly what changed.
#[track_caller]
fn check_moved(v: &Value, before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) {
    let moved: BTreeMap<String, (String, String)> = v["moved"]
        .as_array()
        .unwrap_or_else(|| panic!("moved: {v:#}"))
        .iter()
        .map(|m| {
            (
                m["visit"].as_str().unwrap().to_string(),
                (
                    m["from"].as_str().unwrap().to_string(),
                    m["to"].as_str().unwrap().to_string(),
                ),
            )
        })
        .collect();
    for (u, d) in before {
        match moved.get(u) {
            Some((from, to)) => {
                assert_eq!(from, d, "{u}: from");
                assert_eq!(&after[u], to, "{u}: to");
                assert_ne!(from, to, "{u} is listed as moved but kept its date");
            }
            None => assert_eq!(&after[u], d, "{u} is not listed as moved but changed"),
        }
    }
}

#[test]
fn move_not_on_takes_the_visit_off_that_date_and_keeps_every_unmoved_visit() {
    let c = County::new();
    let proof = c.drawn(Camp::new("MOVE"));
    let visits = visits_of(&[&proof]);
    schedule(&c, &["MOVE"], &[], 0);
    let days = working_days(PERIOD.0, PERIOD.1);
    let none = BTreeMap::new();
    let exp = Expect {
        dir: &default_dir("MOVE"),
        key: "MOVE",
        visits: &visits,
        days: &days,
        per_day: 2,
        leave: &none,
        dtstamp: Some(SCHEDULE_STAMP),
    };
    let before = check_schedule(&c, &exp);
    let (visit, day) = before
        .iter()
        .next()
        .map(|(u, d)| (u.clone(), d.clone()))
        .unwrap();
    let v = c.dd_json(
        &[
            "schedule",
            "move",
            "MOVE",
            "--visit",
            &visit,
            "--not-on",
            &day,
            "--reason",
            "企业停业",
            "--now",
            MOVE_AT,
        ],
        0,
    );
    assert_eq!(v["ok"], true, "{v:#}");
    let after = check_schedule(
        &c,
        &Expect {
            dtstamp: None,
            ..exp
        },
    );
    assert_ne!(after[&visit], day, "{visit} is no longer on {day}");
    check_moved(&v, &before, &after);
    assert!(
        v["moved"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["visit"] == visit.as_str()),
        "{v:#}"
    );
    assert_eq!(v["dates_sha256"], dates_sha256(&after).as_str(), "{v:#}");
    // The ledger records the change, its reason, what moved and the hash.
    let entries = c.export("l.jsonl");
    let r = bodies(&entries, "reschedule");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0]["reason"], "企业停业", "{:#}", r[0]);
    assert_eq!(r[0]["dates_sha256"], dates_sha256(&after).as_str());
    assert_eq!(r[0]["moved"], v["moved"]);
    let change = r[0]["change"].to_string();
    assert!(change.contains(&visit) && change.contains(&day), "{change}");
    c.dd(&["ledger", "verify"]).expect(0);
    // The excluded date stays excluded in later reschedules (§11).
    let o = visits[&visit].officers.iter().next().unwrap().clone();
    let leave = format!("{o}={}", days.iter().next().unwrap());
    c.dd(&[
        "schedule",
        "move",
        "MOVE",
        "--officer-leave",
        &leave,
        "--reason",
        "病假",
        "--now",
        MOVE2_AT,
    ])
    .expect(0);
    let again = check_schedule(
        &c,
        &Expect {
            dtstamp: None,
            ..exp
        },
    );
    assert_ne!(again[&visit], day);
}

#[test]
fn move_officer_leave_frees_that_officer_on_those_days() {
    let c = County::new();
    let proof = c.drawn(Camp::new("SICK"));
    let visits = visits_of(&[&proof]);
    schedule(&c, &["SICK"], &[], 0);
    let days = working_days(PERIOD.0, PERIOD.1);
    let none = BTreeMap::new();
    let exp = Expect {
        dir: &default_dir("SICK"),
        key: "SICK",
        visits: &visits,
        days: &days,
        per_day: 2,
        leave: &none,
        dtstamp: Some(SCHEDULE_STAMP),
    };
    let before = check_schedule(&c, &exp);
    // The officer with visits on the most distinct days; leave on two of them.
    let officer_days = |o: &str| -> BTreeSet<String> {
        before
            .iter()
            .filter(|(u, _)| visits[*u].officers.contains(o))
            .map(|(_, d)| d.clone())
            .collect()
    };
    let officer = loads(&visits)
        .into_keys()
        .max_by_key(|o| (officer_days(o).len(), std::cmp::Reverse(o.clone())))
        .unwrap();
    let busy: Vec<String> = officer_days(&officer).into_iter().collect();
    assert!(busy.len() >= 2, "{officer} works on two days at least");
    let off: BTreeSet<String> = busy[..2].iter().cloned().collect();
    let arg = format!(
        "{officer}={}",
        off.iter().cloned().collect::<Vec<_>>().join(",")
    );
    let v = c.dd_json(
        &[
            "schedule",
            "move",
            "SICK",
            "--officer-leave",
            &arg,
            "--reason",
            "病假",
            "--now",
            MOVE_AT,
        ],
        0,
    );
    let leave = BTreeMap::from([(officer.clone(), off.clone())]);
    let after = check_schedule(
        &c,
        &Expect {
            leave: &leave,
            dtstamp: None,
            ..exp
        },
    );
    for (u, d) in &after {
        assert!(
            !(off.contains(d) && visits[u].officers.contains(&officer)),
            "{officer} is on leave on {d} and still visits {u}"
        );
    }
    check_moved(&v, &before, &after);
    assert!(
        !v["moved"].as_array().unwrap().is_empty(),
        "the officer's visits on those days moved: {v:#}"
    );
    let r = bodies(&c.export("l.jsonl"), "reschedule");
    assert_eq!(r[0]["reason"], "病假");
    let change = r[0]["change"].to_string();
    assert!(change.contains(&officer), "{change}");
    // An officer who is on no visit cannot take leave from the schedule.
    let idle = c
        .officer_names()
        .into_keys()
        .find(|o| !loads(&visits).contains_key(o))
        .unwrap();
    let n = c.ledger_len();
    c.dd(&[
        "schedule",
        "move",
        "SICK",
        "--officer-leave",
        &format!("{idle}=2026-05-11"),
        "--reason",
        "x",
        "--now",
        MOVE2_AT,
    ])
    .expect(1);
    assert_eq!(c.ledger_len(), n);
}

// ---------------------------------------------------------------------------
// 4. schedule reveal
// ---------------------------------------------------------------------------

/// A scheduled, twice moved and revealed campaign `REV`: the dates after each
/// step (schedule, move 1, move 2).
struct Revealed {
    c: County,
    steps: Vec<BTreeMap<String, String>>,
    visits: BTreeMap<String, Visit>,
}

fn revealed() -> Revealed {
    let c = County::new();
    let proof = c.drawn(Camp::new("REV"));
    let visits = visits_of(&[&proof]);
    schedule(&c, &["REV"], &[], 0);
    let days = working_days(PERIOD.0, PERIOD.1);
    let none = BTreeMap::new();
    let exp = Expect {
        dir: &default_dir("REV"),
        key: "REV",
        visits: &visits,
        days: &days,
        per_day: 2,
        leave: &none,
        dtstamp: None,
    };
    let d0 = check_schedule(&c, &exp);
    let (u, d) = d0
        .iter()
        .next()
        .map(|(u, d)| (u.clone(), d.clone()))
        .unwrap();
    c.dd(&[
        "schedule",
        "move",
        "REV",
        "--visit",
        &u,
        "--not-on",
        &d,
        "--reason",
        "企业停业",
        "--now",
        MOVE_AT,
    ])
    .expect(0);
    let d1 = check_schedule(&c, &exp);
    assert_ne!(d0, d1, "the first move moved something");
    let (u2, d2) = d1
        .iter()
        .last()
        .map(|(u, d)| (u.clone(), d.clone()))
        .unwrap();
    let o = visits[&u2].officers.iter().next().unwrap().clone();
    c.dd(&[
        "schedule",
        "move",
        "REV",
        "--officer-leave",
        &format!("{o}={d2}"),
        "--reason",
        "病假",
        "--now",
        MOVE2_AT,
    ])
    .expect(0);
    let d2 = check_schedule(&c, &exp);
    assert_ne!(d1, d2, "the second move moved something");
    let v = c.dd_json(&["schedule", "reveal", "REV", "--now", AFTER_VISITS], 0);
    assert_eq!(v["ok"], true, "{v:#}");
    Revealed {
        c,
        steps: vec![d0, d1, d2],
        visits,
    }
}

#[test]
fn reveal_records_secrets_and_dates_that_open_the_commitment_and_every_dates_hash() {
    let r = revealed();
    let c = &r.c;
    let v = c.dd_json(&["ledger", "verify"], 0);
    assert_eq!(v["verified"], true, "{v:#}");
    let entries = c.export("l.jsonl");
    let kinds: Vec<&str> = entries
        .iter()
        .filter(|e| e["campaign"] == "REV")
        .map(|e| e["kind"].as_str().unwrap())
        .filter(|k| k.contains("schedule"))
        .collect();
    assert_eq!(
        kinds,
        ["schedule", "reschedule", "reschedule", "schedule_reveal"]
    );
    let sched = &bodies(&entries, "schedule")[0];
    let resched = bodies(&entries, "reschedule");
    let rev = &bodies(&entries, "schedule_reveal")[0];
    // Every date is revealed and equals the files' last dates.
    let revealed: BTreeMap<String, String> = rev["dates"]
        .as_object()
        .unwrap_or_else(|| panic!("dates: {rev:#}"))
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    assert_eq!(&revealed, r.steps.last().unwrap());
    assert_eq!(
        revealed.keys().collect::<Vec<_>>(),
        r.visits.keys().collect::<Vec<_>>()
    );
    // Each recorded hash is recomputed from the revealed dates, undoing the
    // recorded moves one by one from the last.
    let mut dates = revealed.clone();
    assert_eq!(rev["dates_sha256"], dates_sha256(&dates).as_str());
    for (i, body) in resched.iter().enumerate().rev() {
        assert_eq!(
            body["dates_sha256"],
            dates_sha256(&dates).as_str(),
            "reschedule {}",
            i + 1
        );
        for m in body["moved"].as_array().unwrap() {
            let u = m["visit"].as_str().unwrap();
            assert_eq!(dates[u], m["to"].as_str().unwrap());
            dates.insert(u.to_string(), m["from"].as_str().unwrap().to_string());
        }
        assert_eq!(dates, r.steps[i], "the dates before reschedule {}", i + 1);
    }
    assert_eq!(sched["dates_sha256"], dates_sha256(&dates).as_str());
    // The secret opens the draw's commitment (§16).
    let secrets = rev["secrets"]
        .as_object()
        .unwrap_or_else(|| panic!("secrets: {rev:#}"));
    assert_eq!(secrets.keys().collect::<Vec<_>>(), ["REV"]);
    let secret = secrets["REV"].as_str().unwrap();
    assert!(
        secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_hexdigit()),
        "32 bytes as 64 hex digits: {secret}"
    );
    let draw = &bodies(&entries, "draw")[0];
    let mut pre = lp(b"dualdraw-schedule-secret-v1");
    pre.extend(lp(secret.as_bytes()));
    assert_eq!(
        draw["schedule_commitment"],
        sha256_hex(&pre).as_str(),
        "{draw:#}"
    );
    // The export verifies on its own.
    c.dd(&["ledger", "verify", "--file", "l.jsonl"]).expect(0);
}

/// The entry hash of docs/LEDGER.md.
fn entry_hash(e: &Value) -> String {
    let mut m = lp(b"dualdraw-ledger-v1");
    m.extend(e["seq"].as_u64().unwrap().to_be_bytes());
    m.extend(hex::decode(e["prev"].as_str().unwrap()).unwrap());
    for k in ["kind", "campaign", "at", "operator", "approver", "body"] {
        m.extend(lp(e[k].as_str().unwrap().as_bytes()));
    }
    sha256_hex(&m)
}

#[test]
fn a_ledger_file_with_an_altered_schedule_secret_fails_verification() {
    let r = revealed();
    let c = &r.c;
    let entries = c.export("l.jsonl");
    for e in &entries {
        assert_eq!(e["hash"], entry_hash(e).as_str(), "the LEDGER.md formula");
    }
    let proofs = c.path().join("l.jsonl.proofs");
    let copy_proofs = |to: &str| {
        let dst = c.path().join(to);
        std::fs::create_dir_all(&dst).unwrap();
        for (name, bytes) in tree(&proofs) {
            std::fs::write(dst.join(name), bytes).unwrap();
        }
    };
    let alter = |rehash: bool| -> Vec<Value> {
        let mut out = entries.clone();
        let e = out
            .iter_mut()
            .find(|e| e["kind"] == "schedule_reveal")
            .unwrap();
        let mut body: Value = serde_json::from_str(e["body"].as_str().unwrap()).unwrap();
        let s = body["secrets"]["REV"].as_str().unwrap().to_string();
        let last = if s.ends_with('0') { '1' } else { '0' };
        body["secrets"]["REV"] = Value::from(format!("{}{last}", &s[..63]));
        e["body"] = Value::from(body.to_string());
        if rehash {
            // A forger who also mends the chain: only the secret is wrong.
            e["hash"] = Value::from(entry_hash(e));
        }
        out
    };
    for (name, rehash) in [("naive.jsonl", false), ("mended.jsonl", true)] {
        let text: String = alter(rehash).iter().map(|e| format!("{e}\n")).collect();
        c.write(name, &text);
        copy_proofs(&format!("{name}.proofs"));
        let r = c.dd(&["ledger", "verify", "--file", name]);
        r.expect(1);
        if rehash {
            assert!(
                entries.last().unwrap()["kind"] == "schedule_reveal",
                "the reveal is the last entry, so the chain is whole"
            );
            r.has("排期秘密");
            c.dd(&["--lang", "en", "ledger", "verify", "--file", name])
                .expect(1)
                .has("secret");
        }
    }
}

#[test]
fn moving_after_reveal_is_refused() {
    let r = revealed();
    let c = &r.c;
    let n = c.ledger_len();
    let files = tree(&c.path().join(default_dir("REV")));
    let (u, d) = r.steps[2].iter().next().unwrap();
    c.dd(&[
        "schedule",
        "move",
        "REV",
        "--visit",
        u,
        "--not-on",
        d,
        "--reason",
        "x",
        "--now",
        "2026-06-02T09:00:00+08:00",
    ])
    .expect(1);
    c.dd(&[
        "schedule",
        "reveal",
        "REV",
        "--now",
        "2026-06-02T09:00:00+08:00",
    ])
    .expect(1);
    assert_eq!(c.ledger_len(), n, "nothing is recorded");
    assert_eq!(tree(&c.path().join(default_dir("REV"))), files);
}

// ---------------------------------------------------------------------------
// 5. Coordination groups: one joint visit per shared target
// ---------------------------------------------------------------------------

#[test]
fn a_coordination_group_gets_one_joint_visit_per_shared_target_on_one_date() {
    let c = County::new();
    let a = Camp {
        id: "CO-A",
        items: &["JY-002", "WL-001"],
        period: Some(("2026-04-27", "2026-05-15")),
        group: Some("春季联合"),
    };
    let b = Camp {
        id: "CO-B",
        items: &["JY-002", "JT-003"],
        period: Some(("2026-05-06", "2026-05-29")),
        group: Some("春季联合"),
    };
    c.announce(&[a, b]);
    let pa = c.draw("CO-A");
    let pb = c.draw("CO-B");
    let (va, vb) = (visits_of(&[&pa]), visits_of(&[&pb]));
    let shared: Vec<&String> = va.keys().filter(|u| vb.contains_key(*u)).collect();
    assert!(!shared.is_empty(), "the coordinated samples overlap");
    let visits = visits_of(&[&pa, &pb]);
    let v = schedule(&c, &["CO-A", "CO-B"], &[], 0);
    assert_eq!(v["schema"], "dualdraw.schedule.v1", "{v:#}");
    assert_eq!(v["joint_visits"], shared.len(), "{v:#}");
    assert!(v["joint_visits"].as_u64().unwrap() > 0);
    // The intersection of the periods.
    let days = working_days("2026-05-06", "2026-05-15");
    let dates = check_schedule(
        &c,
        &Expect {
            dir: &default_dir("CO-A+CO-B"),
            key: "CO-A+CO-B",
            visits: &visits,
            days: &days,
            per_day: 2,
            leave: &BTreeMap::new(),
            dtstamp: Some(SCHEDULE_STAMP),
        },
    );
    assert_eq!(
        dates.len(),
        va.len() + vb.len() - shared.len(),
        "one visit per target"
    );
    // Each shared target: one date, and both teams' officers have it then.
    let dir = c.path().join(default_dir("CO-A+CO-B"));
    for u in shared {
        let team: BTreeSet<&String> = va[u].officers.iter().chain(&vb[u].officers).collect();
        assert!(team.len() >= 2);
        for o in team {
            let ics = std::fs::read(dir.join(format!("officers/{o}.ics"))).unwrap();
            let events = parse_ics(o, &ics);
            let on: Vec<&Event> = events
                .iter()
                .filter(|e| e.uid.contains(&format!("/{u}/")))
                .collect();
            assert_eq!(on.len(), 1, "{o} has one event for {u}");
            assert_eq!(on[0].start, dates[u], "{o} visits {u} on the joint date");
        }
    }
    // The same campaigns are scheduled once, in any order.
    schedule(&c, &["CO-A", "CO-B"], &[], 1);
    schedule(&c, &["CO-B", "CO-A"], &[], 1);
}

// ---------------------------------------------------------------------------
// 6. Determinism
// ---------------------------------------------------------------------------

#[test]
fn the_demo_schedule_is_a_pure_function_of_the_demo_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let mut trees = Vec::new();
    let mut outs = Vec::new();
    for d in ["one", "two"] {
        run_in(
            dir.path(),
            &["demo", d, "--entities", "3000", "--salt-key", TEST_SALT_KEY],
        )
        .expect(0);
        let ws = format!("{d}/workspace");
        let sched = dir.path().join(format!("{ws}/schedules/2026-JOINT-01"));
        if !sched.exists() {
            // The demo leaves the scheduling to the user.
            run_in(
                dir.path(),
                &["-w", &ws, "schedule", "2026-JOINT-01", "--now", SCHEDULE_AT],
            )
            .expect(0);
        }
        let files = tree(&sched);
        assert!(
            files.keys().any(|f| f.ends_with(".csv")) && files.keys().any(|f| f.ends_with(".ics")),
            "{files:?}"
        );
        // Scheduling again in the same workspace is refused and changes nothing.
        run_in(
            dir.path(),
            &["-w", &ws, "schedule", "2026-JOINT-01", "--now", SCHEDULE_AT],
        )
        .expect(1);
        assert_eq!(tree(&sched), files);
        trees.push(files);
        // A move is a pure function too (its stream is the seed's).
        let v = {
            let first = trees[0]
                .iter()
                .find(|(f, _)| f.ends_with(".csv"))
                .map(|(f, b)| parse_csv(f, b)[0].clone())
                .unwrap();
            let r = run_in(
                dir.path(),
                &[
                    "-w",
                    &ws,
                    "--json",
                    "schedule",
                    "move",
                    "2026-JOINT-01",
                    "--visit",
                    &first.visit,
                    "--not-on",
                    &first.date,
                    "--reason",
                    "企业停业",
                    "--now",
                    MOVE_AT,
                ],
            );
            r.expect(0);
            let mut v = r.json();
            // Paths name the folder; everything else must be equal.
            v.as_object_mut().unwrap().remove("files");
            v.as_object_mut().unwrap().remove("dir");
            v
        };
        outs.push((v, tree(&sched)));
        // The demo's dates are working days of its period.
        let proof: Value = serde_json::from_slice(
            &std::fs::read(dir.path().join(format!("{ws}/proofs/2026-JOINT-01.json"))).unwrap(),
        )
        .unwrap();
        let p = &proof["announcement"]["campaign"]["period"];
        let days = working_days(p["start"].as_str().unwrap(), p["end"].as_str().unwrap());
        for (f, b) in &trees[trees.len() - 1] {
            if f.ends_with(".csv") {
                for r in parse_csv(f, b) {
                    assert!(days.contains(&r.date), "{} on {}", r.visit, r.date);
                }
            }
        }
    }
    assert_eq!(
        trees[0].keys().collect::<Vec<_>>(),
        trees[1].keys().collect::<Vec<_>>()
    );
    for (f, b) in &trees[0] {
        assert!(&trees[1][f] == b, "{f} differs between two identical demos");
    }
    assert_eq!(outs[0].0, outs[1].0, "the same move moves the same");
    assert!(outs[0].1 == outs[1].1, "the same files after the move");
}

#[test]
fn identical_workspaces_draw_alike_but_keep_different_schedule_secrets() {
    let (c1, c2) = (County::new(), County::new());
    let mut draws = Vec::new();
    for c in [&c1, &c2] {
        c.drawn(Camp::new("SAME"));
        draws.push(bodies(&c.export("l.jsonl"), "draw").remove(0));
    }
    assert_eq!(draws[0]["seed"], draws[1]["seed"], "the same draw");
    let (s1, s2) = (
        draws[0]["schedule_commitment"].as_str().unwrap_or(""),
        draws[1]["schedule_commitment"].as_str().unwrap_or(""),
    );
    assert_eq!(s1.len(), 64, "{:#}", draws[0]);
    assert_ne!(
        s1, s2,
        "each draw makes its own random schedule secret, so the public cannot compute the dates"
    );
}

// ---------------------------------------------------------------------------
// Where the program and §16 may disagree (a decision is needed)
// ---------------------------------------------------------------------------

/// §16: the `schedule` entry records counts and hashes, never the visits
/// or dates themselves (the ledger export may be public before the list).
#[test]
fn the_schedule_entry_records_counts_and_hashes_but_no_visit() {
    let c = County::new();
    let proof = c.drawn(Camp::new("REC"));
    let visits = visits_of(&[&proof]);
    schedule(&c, &["REC"], &[], 0);
    let b = &bodies(&c.export("l.jsonl"), "schedule")[0];
    assert_eq!(
        b["visits"].as_u64().unwrap() as usize,
        visits.len(),
        "{b:#}"
    );
    assert_eq!(
        b["working_days"].as_u64().unwrap() as usize,
        working_days(PERIOD.0, PERIOD.1).len(),
        "{b:#}"
    );
    assert_eq!(b["problem_sha256"].as_str().unwrap().len(), 64, "{b:#}");
    let text = b.to_string();
    for u in visits.keys() {
        assert!(
            !text.contains(u.as_str()),
            "the entry names visit {u} before the reveal: {b:#}"
        );
    }
}

#[test]
fn a_campaign_already_scheduled_in_a_group_cannot_be_scheduled_again_alone() {
    let c = County::new();
    let a = Camp {
        id: "G-A",
        items: &["JY-002", "WL-001"],
        period: Some(PERIOD),
        group: Some("G"),
    };
    let b = Camp {
        id: "G-B",
        items: &["JY-002", "JT-003"],
        period: Some(PERIOD),
        group: Some("G"),
    };
    c.announce(&[a, b]);
    c.draw("G-A");
    c.draw("G-B");
    schedule(&c, &["G-A", "G-B"], &[], 0);
    let n = c.ledger_len();
    // §1: every visit has exactly one date; §16: a second `schedule` of the
    // same campaigns is refused. Scheduling a member again gives its
    // targets a second date.
    let r = c.dd(&["schedule", "G-A", "--now", SCHEDULE_AT]);
    r.expect(1);
    assert_eq!(c.ledger_len(), n, "nothing is recorded");
    assert!(!c.exists(&default_dir("G-A")));
}

#[test]
fn a_reveal_before_the_last_visit_is_refused_and_records_nothing() {
    let c = County::new();
    c.drawn(Camp::new("EARLY"));
    schedule(&c, &["EARLY"], &[], 0);
    let n = c.ledger_len();
    // The period ends on 2026-05-15: a reveal on 2026-05-01 would warn targets.
    c.dd(&[
        "schedule",
        "reveal",
        "EARLY",
        "--now",
        "2026-05-01T09:00:00+08:00",
    ])
    .expect(1)
    .has("请在检查全部完成后再公开排期");
    assert_eq!(c.ledger_len(), n, "nothing is recorded");
    c.dd(&["schedule", "reveal", "EARLY", "--now", AFTER_VISITS])
        .expect(0);
}

#[test]
fn reveal_or_move_of_an_unknown_campaign_is_not_found() {
    let c = County::new();
    c.dd(&["schedule", "reveal", "NO-SUCH", "--now", AFTER_VISITS])
        .expect(1);
    c.dd(&[
        "schedule",
        "move",
        "NO-SUCH",
        "--not-on",
        "2026-05-06",
        "--visit",
        "X",
        "--reason",
        "r",
    ])
    .expect(1);
}

#[test]
fn a_ledger_file_with_an_altered_revealed_date_fails_verification() {
    let c = County::new();
    c.drawn(Camp::new("DATES"));
    schedule(&c, &["DATES"], &[], 0);
    c.dd(&["schedule", "reveal", "DATES", "--now", AFTER_VISITS])
        .expect(0);
    c.dd(&["ledger", "export", "l.jsonl"]).expect(0);
    let text = c.read("l.jsonl");
    let mut lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let last = lines.last_mut().unwrap();
    assert_eq!(last["kind"], "schedule_reveal");
    let mut body: Value = serde_json::from_str(last["body"].as_str().unwrap()).unwrap();
    let first = body["dates"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    body["dates"][&first] = Value::String("2026-05-14".into());
    let old = body["dates"][&first].clone();
    assert_eq!(old, "2026-05-14");
    last["body"] = Value::String(body.to_string());
    let out: String = lines.iter().map(|l| format!("{l}\n")).collect();
    c.write("bad.jsonl", &out);
    // Whether the entry hash or the dates check fails first, the file is refused.
    c.dd(&["ledger", "verify", "--file", "bad.jsonl"]).expect(1);
    c.dd(&["ledger", "verify", "--file", "l.jsonl"]).expect(0);
}

#[test]
fn status_shows_whether_visits_are_scheduled_moved_and_revealed() {
    let c = County::new();
    c.drawn(Camp::new("ST"));
    let state = |c: &County| {
        let v = c.dd_json(&["status", "--today", "2026-05-20"], 0);
        v["campaigns"][0]["schedule"].clone()
    };
    assert_eq!(state(&c), Value::Null, "not scheduled yet");
    schedule(&c, &["ST"], &[], 0);
    let s = state(&c);
    assert_eq!(s["key"], "ST");
    assert_eq!(s["revealed"], false);
    c.dd(&["schedule", "reveal", "ST", "--now", AFTER_VISITS])
        .expect(0);
    assert_eq!(state(&c)["revealed"], true);
    c.dd(&["status", "--today", "2026-05-20"])
        .expect(0)
        .has("检查已排期（ST，已公开）");
}
