//! Black-box tests of the calendars kept in a workspace (`docs/CALENDAR.md`)
//! and of `status` (issue 15, items 2 and 3), through the real binary.
//!
//! Each test makes its own synthetic county (`dualdraw demo d --entities
//! 3000 --registries-only --salt-key K`, workspace `d/workspace`). Draws are
//! pinned (`--now`) because their dates are known answers; results,
//! calendar imports and the real-clock status test use the real clock.
//!
//! The 2027 files below are TEST DATA, not the official 2027 schedule (it is
//! not published when these tests are written): each says so in `source`.

#[path = "cli_support.rs"]
mod support;

use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use support::{Run, run_full, run_in};

const WS: &str = "d/workspace";
const TEST_SALT_KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const JIA: &str = "义务监督员甲";
const YI: &str = "义务监督员乙";

/// Test data: the statutory days only (not an official schedule).
const FAKE_2027: &str = "# TEST DATA, not the official 2027 schedule.
[2027]
source = \"测试数据（非官方安排）\"
days_off = [\"01-01\", \"05-01\", \"10-01..10-03\"]
";

/// Test data: as [`FAKE_2027`] with 01-04..01-08 off too (not official).
const FAKE_2027_LONG: &str = "# TEST DATA, not the official 2027 schedule.
[2027]
source = \"测试数据（非官方安排，长假）\"
days_off = [\"01-01..01-08\", \"05-01\", \"10-01..10-03\"]
working_weekends = [\"01-09\"]
";

// ---------------------------------------------------------------------------
// The official 2026 calendar (cn-holidays.md), hard-coded independently
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
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s:?}: {e}"))
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

/// The 20th working day of 2026 after `d`.
fn due_2026(d: &str) -> String {
    let mut cur = date(d);
    let mut left = 20;
    while left > 0 {
        cur = cur.succ_opt().unwrap();
        if is_working_day_2026(cur) {
            left -= 1;
        }
    }
    cur.to_string()
}

#[test]
fn the_hard_coded_calendar_counts_by_hand() {
    // 05-15 (Fri): 05-18..22 (5), 25..29 (10), 06-01..05 (15), 06-08..12 (20).
    assert_eq!(due_2026("2026-05-15"), "2026-06-12");
    // 04-27 (Mon): 28, 29, 30 (3), 05-06, 07, 08 (6), 05-09 make-up (7),
    // 05-11..15 (12), 18..22 (17), 25, 26, 27 (20).
    assert_eq!(due_2026("2026-04-27"), "2026-05-27");
}

// ---------------------------------------------------------------------------
// A county with campaigns
// ---------------------------------------------------------------------------

struct Witness {
    secret: String,
    commitment: String,
}

fn fixed_witness(name: &str) -> Witness {
    let secret = format!("dualdraw-test-witness-{name}-0123456789abcdef");
    Witness {
        commitment: dualdraw::core::entropy::witness_commitment(&secret).to_hex(),
        secret,
    }
}

/// A campaign: id, draw day (announced the day before at 09:00, drawn that
/// day at 09:30, China time) and period.
struct Camp<'a> {
    id: &'a str,
    draw_date: &'a str,
    period: (&'a str, &'a str),
}

/// The campaign of the December tests: drawn 2026-12-01, visits until 2027-01-15.
const DEC: Camp<'static> = Camp {
    id: "2026-DEC",
    draw_date: "2026-12-01",
    period: ("2026-12-28", "2027-01-15"),
};

/// A spring campaign inside 2026: drawn 2026-03-02, visits 04-27..05-15.
const SPRING: Camp<'static> = Camp {
    id: "2026-SPRING",
    draw_date: "2026-03-02",
    period: ("2026-04-27", "2026-05-15"),
};

/// A drawn target: USCC, items, departments, township.
#[derive(Debug, Clone)]
struct Target {
    uscc: String,
    items: Vec<String>,
    departments: Vec<String>,
    township: String,
}

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

    fn dd(&self, args: &[&str]) -> Run {
        let mut v = vec!["-w", WS];
        v.extend_from_slice(args);
        run_in(self.path(), &v)
    }

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
        std::fs::write(p, text).expect("write");
        name.to_string()
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name))
            .unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    fn toml(&self, c: &Camp) -> String {
        let mut s = format!(
            "id = \"{}\"\ntitle = \"日历测试{}\"\nlead_department = \"县教育局\"\ndraw_date = \"{}\"\nitems = [\"JY-002\", \"WL-001\"]\n[targets]\nregions = [\"520123\"]\n",
            c.id, c.id, c.draw_date
        );
        for class in ["A", "B", "C", "D"] {
            s.push_str(&format!(
                "[[targets.strata]]\ncredit_class = \"{class}\"\nratio = \"40%\"\n"
            ));
        }
        s.push_str("[teams]\nmin_size = 2\nper_department = 1\nofficer_region = \"same\"\n");
        s.push_str(&format!(
            "[period]\nstart = \"{}\"\nend = \"{}\"\n",
            c.period.0, c.period.1
        ));
        s.push_str(&format!(
            "[entropy]\nwitnesses = [{{ name = \"{JIA}\", commitment = \"{}\" }}, {{ name = \"{YI}\", commitment = \"{}\" }}]\n",
            self.jia.commitment, self.yi.commitment
        ));
        s
    }

    /// Announces and draws `c` (pinned instants: the draw day is a known
    /// answer); returns its targets.
    #[track_caller]
    fn drawn(&self, c: &Camp) -> Vec<Target> {
        let day = date(c.draw_date);
        let before = day.pred_opt().unwrap();
        let file = self.write(&format!("{}.toml", c.id), &self.toml(c));
        self.dd(&[
            "campaign",
            "announce",
            &file,
            "--now",
            &format!("{before}T09:00:00+08:00"),
        ])
        .expect(0);
        let jia = format!("{JIA}={}", self.jia.secret);
        let yi = format!("{YI}={}", self.yi.secret);
        self.dd(&[
            "campaign",
            "reveal",
            c.id,
            &jia,
            "--now",
            &format!("{day}T09:00:00+08:00"),
        ])
        .expect(0);
        let out = format!("{}.proof.json", c.id);
        self.dd(&[
            "campaign",
            "draw",
            c.id,
            "--reveal",
            &yi,
            "--now",
            &format!("{day}T09:30:00+08:00"),
            "--out",
            &out,
        ])
        .expect(0);
        let proof: Value = serde_json::from_str(&self.read(&out)).unwrap();
        proof["targets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let e = &t["entity"];
                Target {
                    uscc: e["uscc"].as_str().unwrap().to_string(),
                    items: strs(&t["items"]),
                    departments: strs(&t["departments"]),
                    township: e["township"]
                        .as_str()
                        .or(e["region"].as_str())
                        .unwrap()
                        .to_string(),
                }
            })
            .collect()
    }

    /// `results record ID --target T --item I --result 未发现问题 --date D EXTRA…` (real clock).
    fn record(&self, id: &str, t: &Target, item: &str, day: &str, extra: &[&str]) -> Run {
        let mut v = vec![
            "results",
            "record",
            id,
            "--target",
            &t.uscc,
            "--item",
            item,
            "--result",
            "未发现问题",
            "--date",
            day,
        ];
        v.extend_from_slice(extra);
        self.dd(&v)
    }

    /// Every ledger entry (`ledger export`).
    fn ledger(&self) -> Vec<Value> {
        self.dd(&["ledger", "export", "ledger.jsonl"]).expect(0);
        self.read("ledger.jsonl")
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn entries_of(&self, kind: &str) -> Vec<Value> {
        self.ledger()
            .into_iter()
            .filter(|e| e["kind"] == kind)
            .map(|e| serde_json::from_str(e["body"].as_str().unwrap()).unwrap())
            .collect()
    }

    /// `ledger verify` passes.
    #[track_caller]
    fn ledger_ok(&self) {
        self.dd(&["ledger", "verify"]).expect(0);
    }

    /// `status --today D EXTRA…` (JSON): the campaign `id`'s entry and the whole.
    #[track_caller]
    fn status(&self, today: &str, extra: &[&str]) -> Value {
        let mut v = vec!["status", "--today", today];
        v.extend_from_slice(extra);
        self.dd_json(&v, 0)
    }

    /// The visit dates of a schedule from its department lists (visit → date).
    fn visit_dates(&self, key: &str) -> BTreeMap<String, String> {
        let dir = self.path().join(WS).join("schedules").join(key);
        let mut out = BTreeMap::new();
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "csv") {
                let text = std::fs::read_to_string(&p).unwrap();
                for line in text.trim_start_matches('\u{feff}').lines().skip(1) {
                    let mut cells = line.split(',');
                    let (d, v) = (cells.next().unwrap(), cells.next().unwrap());
                    out.insert(v.to_string(), d.to_string());
                }
            }
        }
        out
    }
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

fn campaign<'a>(status: &'a Value, id: &str) -> &'a Value {
    status["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no campaign {id} in {status:#}"))
}

fn target_row<'a>(camp: &'a Value, uscc: &str) -> &'a Value {
    camp["target_deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["target"] == uscc)
        .unwrap_or_else(|| panic!("no target {uscc}"))
}

const COUNTS: [&str; 8] = [
    "targets",
    "published",
    "pending",
    "overdue",
    "unknown",
    "no_result",
    "due_soon",
    "provisional",
];

/// The totals' invariants: states partition the targets; the township
/// totals add up to the totals; each department counts its targets.
#[track_caller]
fn check_totals(camp: &Value, targets: &[Target]) {
    let t = &camp["totals"];
    let n = |v: &Value, k: &str| v[k].as_u64().unwrap_or_else(|| panic!("{k} in {v}"));
    assert_eq!(n(t, "targets"), targets.len() as u64, "{t}");
    assert_eq!(
        n(t, "published") + n(t, "pending") + n(t, "overdue") + n(t, "unknown"),
        n(t, "targets"),
        "{t}"
    );
    let rows = camp["target_deadlines"].as_array().unwrap();
    assert_eq!(rows.len(), targets.len());
    for k in COUNTS {
        let sum: u64 = camp["by_township"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| n(v, k))
            .sum();
        assert_eq!(sum, n(t, k), "by_township {k}");
    }
    let mut per_town: BTreeMap<&str, u64> = BTreeMap::new();
    let mut per_dept: BTreeMap<&str, u64> = BTreeMap::new();
    for x in targets {
        *per_town.entry(&x.township).or_default() += 1;
        for d in &x.departments {
            *per_dept.entry(d).or_default() += 1;
        }
    }
    for (town, k) in per_town {
        assert_eq!(n(&camp["by_township"][town], "targets"), k, "{town}");
    }
    for (dept, k) in &per_dept {
        assert_eq!(n(&camp["by_department"][*dept], "targets"), *k, "{dept}");
    }
    assert_eq!(
        camp["by_department"].as_object().unwrap().len(),
        per_dept.len()
    );
}

// ---------------------------------------------------------------------------
// Item 2: calendars kept in the workspace
// ---------------------------------------------------------------------------

#[test]
fn a_december_result_without_next_years_schedule_names_the_command_the_year_and_the_import() {
    let c = County::new();
    let t = c.drawn(&DEC);
    let before = c.ledger().len();
    // Inspection ends Fri 2026-12-18: the 20 working days run into 2027.
    let r = c.record(
        DEC.id,
        &t[0],
        &t[0].items[0],
        "2026-12-18",
        &["--lang", "en"],
    );
    r.expect(1);
    for needle in [
        "results record: ",
        "no official holiday schedule for 2027",
        "dualdraw calendar import",
        "[2027]",
        "days_off = ",
        "working_weekends = ",
        "docs/CALENDAR.md",
        "--holidays FILE",
        "--assume-weekends 2027",
    ] {
        r.has(needle);
    }
    let v = c.dd_json(
        &[
            "results",
            "record",
            DEC.id,
            "--target",
            &t[0].uscc,
            "--item",
            &t[0].items[0],
            "--result",
            "未发现问题",
            "--date",
            "2026-12-18",
        ],
        1,
    );
    assert_eq!(v["error"]["year"], 2027, "{v:#}");
    assert_eq!(c.ledger().len(), before, "nothing was recorded");
    // The same for an import, naming its lines, and for a schedule.
    let file = c.write(
        "results.csv",
        &format!(
            "统一社会信用代码,事项编码,检查结果,检查日期,执法证号\n{},{},未发现问题,2026-12-18,\n",
            t[0].uscc, t[0].items[0]
        ),
    );
    c.dd(&["--lang", "en", "results", "import", DEC.id, &file])
        .expect(1)
        .has("results import: results.csv line(s) 2: no official holiday schedule for 2027")
        .has("dualdraw calendar import");
    c.dd(&["--lang", "en", "schedule", DEC.id])
        .expect(1)
        .has("schedule: no official holiday schedule for 2027")
        .has("--assume-weekends 2027");
    assert_eq!(c.ledger().len(), before, "nothing was recorded");
}

#[test]
fn status_in_december_counts_targets_whose_deadline_needs_next_year_as_pending_then_unknown() {
    let c = County::new();
    let t = c.drawn(&DEC);
    // The period ends 2027-01-15: no deadline counted from it can pass before
    // 2027-02-04 (20 working days take at least 20 days), whatever 2027's
    // holidays are.
    let s = c.status("2026-12-04", &[]);
    let camp = campaign(&s, DEC.id);
    check_totals(camp, &t);
    assert_eq!(camp["totals"]["pending"], t.len() as u64, "{camp:#}");
    assert_eq!(camp["totals"]["no_result"], t.len() as u64);
    assert_eq!(s["calendar"]["missing_years"], serde_json::json!([2027]));
    let row = target_row(camp, &t[0].uscc);
    assert_eq!(row["state"], "pending");
    assert_eq!(row["due"], Value::Null);
    assert_eq!(row["missing_year"], 2027);
    assert!(
        row["why"]
            .as_str()
            .unwrap()
            .contains("no official holiday schedule for 2027"),
        "{row:#}"
    );
    c.dd(&["--lang", "en", "status", "--today", "2026-12-04"])
        .expect(0)
        .has("no official holiday schedule for 2027 is loaded")
        .has("dualdraw calendar import FILE")
        .has(&format!("{} pending (期限未到)", t.len()));
    // Afterwards the deadline may have passed: unknown (期限未知), never a guess.
    let s = c.status("2027-02-05", &[]);
    let camp = campaign(&s, DEC.id);
    check_totals(camp, &t);
    assert_eq!(camp["totals"]["unknown"], t.len() as u64, "{camp:#}");
    assert_eq!(target_row(camp, &t[0].uscc)["state"], "unknown");
}

#[test]
fn an_imported_year_is_kept_and_used_by_later_commands_without_a_holidays_file() {
    let c = County::new();
    let t = c.drawn(&DEC);
    let f = c.write("holidays-2027.toml", FAKE_2027);
    let v = c.dd_json(&["calendar", "import", &f], 0);
    assert_eq!(v["schema"], "dualdraw.calendar-import.v1", "{v:#}");
    assert_eq!(v["years"][0]["year"], 2027);
    assert_eq!(v["years"][0]["outcome"], "imported");
    // One ledger entry with the days, the notice and the digest.
    let e = c.entries_of("calendar_import");
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0]["year"], 2027);
    assert_eq!(e[0]["source"], "测试数据（非官方安排）");
    assert_eq!(
        e[0]["days_off"],
        serde_json::json!([
            "2027-01-01",
            "2027-05-01",
            "2027-10-01",
            "2027-10-02",
            "2027-10-03"
        ])
    );
    assert_eq!(e[0]["sha256"], v["years"][0]["sha256"]);
    c.ledger_ok();
    // Fri 2026-12-18 + 20: 12-21..25 (5), 12-28..31 (9), 01-01 off,
    // 01-04..08 (14), 01-11..15 (19), 01-18 (20).
    c.record(
        DEC.id,
        &t[0],
        &t[0].items[0],
        "2026-12-18",
        &["--lang", "en"],
    )
    .expect(0)
    .has("publish by 2027-01-18 (20th working day after 2026-12-18)");
    // list and show.
    let l = c.dd_json(&["calendar", "list"], 0);
    let years: Vec<(i64, String)> = l["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            (
                y["year"].as_i64().unwrap(),
                y["origin"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        years,
        vec![
            (2024, "shipped".into()),
            (2025, "shipped".into()),
            (2026, "shipped".into()),
            (2027, "imported".into())
        ]
    );
    let y = c.dd_json(&["calendar", "show", "2027"], 0);
    assert_eq!(y["origin"], "imported");
    assert_eq!(y["provisional"], false);
    assert_eq!(y["working_weekends"], serde_json::json!([]));
    c.dd(&["--lang", "en", "calendar", "show", "2027"])
        .expect(0)
        .has("days off (放假): 01-01; 05-01; 10-01..10-03");
    c.dd(&["--lang", "en", "calendar", "show", "2028"])
        .expect(1)
        .has("calendar show: no official holiday schedule for 2028");
}

#[test]
fn a_holidays_file_overrides_the_workspace_for_one_command_only() {
    let c = County::new();
    let t = c.drawn(&DEC);
    let f = c.write("holidays-2027.toml", FAKE_2027);
    c.dd(&["calendar", "import", &f]).expect(0);
    let long = c.write("long.toml", FAKE_2027_LONG);
    // With 01-01..01-08 off and Sat 01-09 worked: 12-21..31 (9), 01-09 (10),
    // 01-11..15 (15), 01-18..22 (20).
    c.record(
        DEC.id,
        &t[0],
        &t[0].items[0],
        "2026-12-18",
        &["--lang", "en", "--holidays", &long],
    )
    .expect(0)
    .has("publish by 2027-01-22");
    // Not stored: the next command counts with the workspace's 2027 again.
    c.record(
        DEC.id,
        &t[1],
        &t[1].items[0],
        "2026-12-18",
        &["--lang", "en"],
    )
    .expect(0)
    .has("publish by 2027-01-18");
    assert_eq!(c.entries_of("calendar_import").len(), 1);
}

#[test]
fn assumed_weekends_are_remembered_and_every_deadline_counted_so_is_provisional() {
    let c = County::new();
    let t = c.drawn(&DEC);
    // Fri 2026-12-18 + 20 weekdays: 12-21..31 (9), 01-01 (10), 01-04..08
    // (15), 01-11..15 (20).
    let r = c.record(
        DEC.id,
        &t[0],
        &t[0].items[0],
        "2026-12-18",
        &["--lang", "en", "--assume-weekends", "2027"],
    );
    r.expect(0)
        .has("publish by 2027-01-15 (暂定 provisional")
        .has("2027: no official holiday schedule yet; proceeding on weekends only (recorded in the workspace)");
    let a = c.entries_of("calendar_assume");
    assert_eq!(
        a,
        vec![serde_json::json!({"year": 2027, "rule": "weekdays"})]
    );
    // Later commands know, without the flag.
    let v = c.dd_json(
        &[
            "results",
            "record",
            DEC.id,
            "--target",
            &t[1].uscc,
            "--item",
            &t[1].items[0],
            "--result",
            "未发现问题",
            "--date",
            "2026-12-18",
        ],
        0,
    );
    assert_eq!(v["publish_by"], "2027-01-15");
    assert_eq!(v["publish_by_provisional"], true);
    // The flag again records nothing new.
    c.record(
        DEC.id,
        &t[2],
        &t[2].items[0],
        "2026-12-18",
        &["--assume-weekends", "2027"],
    )
    .expect(0);
    assert_eq!(c.entries_of("calendar_assume").len(), 1);
    // Status: provisional in the lists, the text and the totals.
    let s = c.status("2026-12-21", &[]);
    assert_eq!(s["calendar"]["assumed_years"], serde_json::json!([2027]));
    let camp = campaign(&s, DEC.id);
    check_totals(camp, &t);
    let row = target_row(camp, &t[0].uscc);
    assert_eq!(row["due"], "2027-01-15", "{row:#}");
    assert_eq!(row["provisional"], true);
    assert_eq!(row["due_basis"], "result");
    // Targets without a result: 20 weekdays after the period's end 2027-01-15.
    let other = target_row(camp, &t[5].uscc);
    assert_eq!(other["results"], 0);
    assert_eq!(other["due"], "2027-02-12", "{other:#}");
    assert_eq!(other["due_basis"], "period_end");
    assert_eq!(other["provisional"], true);
    assert_eq!(camp["totals"]["unknown"], 0);
    assert_eq!(camp["totals"]["provisional"], t.len() as u64);
    // A result due within 5 working days, in the lists with its mark.
    let s = c.status("2027-01-11", &[]);
    let soon = campaign(&s, DEC.id)["due_soon"].as_array().unwrap().clone();
    assert!(
        soon.iter()
            .any(|x| x["target"] == t[0].uscc.as_str() && x["provisional"] == true),
        "{soon:?}"
    );
    c.dd(&["--lang", "en", "status", "--today", "2027-01-11"])
        .expect(0)
        .has(&format!(
            "due soon {} {} (due 2027-01-15, 暂定 provisional)",
            t[0].uscc, t[0].items[0]
        ))
        .has("with a provisional deadline (暂定)");
    c.dd(&["calendar", "list"])
        .expect(0)
        .has("2027  假定")
        .has("计算到 2027 年的每个期限都是暂定的");
    c.ledger_ok();
}

#[test]
fn importing_an_assumed_year_recomputes_its_deadlines_and_ends_the_provisional_mark() {
    let c = County::new();
    let t = c.drawn(&DEC);
    c.record(
        DEC.id,
        &t[0],
        &t[0].items[0],
        "2026-12-18",
        &["--lang", "en", "--assume-weekends", "2027"],
    )
    .expect(0)
    .has("publish by 2027-01-15");
    let f = c.write("holidays-2027.toml", FAKE_2027);
    let v = c.dd_json(&["calendar", "import", &f], 0);
    assert_eq!(v["years"][0]["outcome"], "replaced_assumption", "{v:#}");
    let changed = v["deadlines_changed"].as_array().unwrap();
    assert!(
        changed.iter().any(|x| x["target"] == t[0].uscc.as_str()
            && x["from"] == "2027-01-15 (暂定)"
            && x["to"] == "2027-01-18"),
        "{v:#}"
    );
    let e = c.entries_of("calendar_import");
    assert_eq!(e[0]["replaces"], "assumed");
    let s = c.status("2026-12-21", &[]);
    assert_eq!(s["calendar"]["assumed_years"], serde_json::json!([]));
    let camp = campaign(&s, DEC.id);
    let row = target_row(camp, &t[0].uscc);
    assert_eq!(row["due"], "2027-01-18");
    assert_eq!(row["provisional"], false);
    assert_eq!(camp["totals"]["provisional"], 0);
    c.dd(&["calendar", "list"]).expect(0).has("2027  已导入");
    c.ledger_ok();
}

#[test]
fn a_visit_dated_in_an_assumed_year_that_falls_on_a_day_off_moves_only_through_schedule_move() {
    let c = County::new();
    c.drawn(&DEC);
    let v = c.dd_json(
        &[
            "schedule",
            DEC.id,
            "--assume-weekends",
            "2027",
            "--now",
            "2026-12-02T09:00:00+08:00",
        ],
        0,
    );
    assert_eq!(v["provisional_years"], serde_json::json!([2027]), "{v:#}");
    let before = c.visit_dates(DEC.id);
    let off: BTreeSet<String> = (1..=8).map(|d| format!("2027-01-0{d}")).collect();
    let on_off: Vec<&String> = before
        .iter()
        .filter(|(_, d)| off.contains(*d))
        .map(|(v, _)| v)
        .collect();
    assert!(!on_off.is_empty(), "some visits are on 2027-01-01..08");
    // Importing the year does not move them; it lists them with the command.
    let f = c.write("long.toml", FAKE_2027_LONG);
    let imp = c.dd_json(&["calendar", "import", &f], 0);
    let listed = imp["visits_on_days_off"].as_array().unwrap();
    assert_eq!(listed.len(), on_off.len(), "{imp:#}");
    assert_eq!(c.visit_dates(DEC.id), before, "the files are unchanged");
    let s = c.status("2026-12-21", &[]);
    let sc = &campaign(&s, DEC.id)["schedule"];
    assert_eq!(
        sc["visits_on_days_off"].as_array().unwrap().len(),
        on_off.len()
    );
    c.dd(&["--lang", "en", "status", "--today", "2026-12-21"])
        .expect(0)
        .has("a day off in the official schedule: dualdraw schedule move 2026-DEC --visit");
    // One move of one of them: every visit on a day off moves, none to one.
    let first = listed[0]["visit"].as_str().unwrap();
    let day = listed[0]["date"].as_str().unwrap();
    let m = c.dd_json(
        &[
            "schedule",
            "move",
            DEC.id,
            "--visit",
            first,
            "--not-on",
            day,
            "--reason",
            "法定节假日",
            "--now",
            "2026-12-03T09:00:00+08:00",
        ],
        0,
    );
    let moved: BTreeSet<String> = m["moved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["visit"].as_str().unwrap().to_string())
        .collect();
    for v in &on_off {
        assert!(moved.contains(*v), "{v} stayed on a day off: {m:#}");
    }
    let after = c.visit_dates(DEC.id);
    for (v, d) in &after {
        assert!(!off.contains(d), "{v} is on {d}");
        if !moved.contains(v) {
            assert_eq!(before[v], *d, "{v} moved without being reported");
        }
    }
    let r = c.entries_of("reschedule");
    assert_eq!(r.len(), 1);
    assert_eq!(
        r[0]["days_changed"]["added"],
        serde_json::json!(["2027-01-09"])
    );
    assert_eq!(
        r[0]["days_changed"]["removed"].as_array().unwrap().len(),
        6,
        "01-01, 01-04..08"
    );
    let s = c.status("2026-12-21", &[]);
    assert_eq!(
        campaign(&s, DEC.id)["schedule"]["visits_on_days_off"],
        serde_json::json!([])
    );
    c.ledger_ok();
}

#[test]
fn a_file_that_is_not_an_official_schedule_is_refused_and_nothing_is_recorded() {
    let c = County::new();
    let before = c.ledger().len();
    let cases = [
        (
            "[2027]\ndays_off = [\"01-01\", \"05-01\", \"10-01..10-03\"]\n",
            "say which notice",
        ),
        (
            "[2027]\nsource = \"x\"\ndays_off = [\"02-06..02-12\"]\n",
            "01-01, 05-01, 10-01, 10-02, 10-03 must be days off",
        ),
        (
            "[2027]\nsource = \"x\"\ndays_off = [\"01-01\", \"05-01\", \"10-01..10-03\"]\nworking_weekends = [\"01-05\"]\n",
            "not a weekend",
        ),
        (
            "[2027]\nsource = \"x\"\ndays_off = [\"01-01\", \"05-01\", \"10-01..10-03\"]\nworkdays = [\"01-09\"]\n",
            "workdays",
        ),
        (
            "[2027]\nsource = \"x\"\ndays_off = [\"13-01\"]\n",
            "not a date",
        ),
        ("not toml at all", "holiday file"),
    ];
    for (i, (text, needle)) in cases.iter().enumerate() {
        let f = c.write(&format!("bad{i}.toml"), text);
        c.dd(&["--lang", "en", "calendar", "import", &f])
            .expect(1)
            .has(needle)
            .has("nothing was imported");
    }
    // Too large to be a holiday file.
    let big = "#".repeat(2 << 20);
    let f = c.write("big.toml", &big);
    c.dd(&["--lang", "en", "calendar", "import", &f])
        .expect(1)
        .has("a holiday file is at most");
    c.dd(&["calendar", "import", "no-such.toml"]).expect(1);
    assert_eq!(c.ledger().len(), before, "nothing was recorded");
    assert_eq!(
        c.dd_json(&["calendar", "list"], 0)["years"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn a_known_year_with_other_days_is_replaced_only_with_replace_and_the_same_days_record_nothing() {
    let c = County::new();
    let a = c.write("a.toml", FAKE_2027);
    let b = c.write("b.toml", FAKE_2027_LONG);
    c.dd(&["calendar", "import", &a]).expect(0);
    c.dd(&["calendar", "import", &b])
        .expect(1)
        .has("2027: the official schedule already known (测试数据（非官方安排）) differs from this file in 7 day(s) off and 1 make-up working day(s)")
        .has("--replace");
    assert_eq!(c.entries_of("calendar_import").len(), 1);
    let v = c.dd_json(&["calendar", "import", &b, "--replace"], 0);
    assert_eq!(v["years"][0]["outcome"], "replaced");
    let e = c.entries_of("calendar_import");
    assert_eq!(e.len(), 2);
    assert_eq!(e[1]["replaces"], e[0]["sha256"]);
    // The same days again: nothing recorded.
    let v = c.dd_json(&["calendar", "import", &b], 0);
    assert_eq!(v["years"][0]["outcome"], "unchanged");
    assert_eq!(c.entries_of("calendar_import").len(), 2);
    // The shipped years as a file: all already known.
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cn-holidays.toml"),
    )
    .unwrap();
    let s = c.write("shipped.toml", &shipped);
    let v = c.dd_json(&["calendar", "import", &s], 0);
    for y in v["years"].as_array().unwrap() {
        assert_eq!(y["outcome"], "unchanged", "{v:#}");
    }
    assert_eq!(c.entries_of("calendar_import").len(), 2);
    c.ledger_ok();
}

#[test]
fn assuming_weekends_in_a_year_whose_schedule_is_known_is_refused() {
    let c = County::new();
    c.dd(&["--lang", "en", "status", "--assume-weekends", "2026"])
        .expect(2)
        .has("status: the official holiday schedule of 2026 is known");
    let f = c.write("holidays-2027.toml", FAKE_2027);
    c.dd(&["calendar", "import", &f]).expect(0);
    c.dd(&["--lang", "en", "status", "--assume-weekends", "2027"])
        .expect(2)
        .has("2027 is known (测试数据（非官方安排）)");
    assert!(c.entries_of("calendar_assume").is_empty());
}

/// Edits the workspace database behind the ledger's back.
fn tamper(c: &County, sql: &str) {
    let db = c.path().join(WS).join("dualdraw.db");
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(sql).unwrap();
}

#[test]
fn ledger_verify_catches_a_calendar_row_edited_inserted_or_deleted() {
    let c = County::new();
    let f = c.write("holidays-2027.toml", FAKE_2027);
    c.dd(&["calendar", "import", &f]).expect(0);
    c.ledger_ok();
    // An edited day off.
    tamper(
        &c,
        "UPDATE calendars SET body = replace(body, '2027-05-01', '2027-05-06') WHERE year = 2027",
    );
    c.dd(&["ledger", "verify"])
        .expect(1)
        .has("the stored holiday schedule of 2027 differs from ledger entry");
    c.dd(&["doctor"]).expect(1);
    // Deleted.
    tamper(&c, "DELETE FROM calendars WHERE year = 2027");
    c.dd(&["ledger", "verify"])
        .expect(1)
        .has("is missing from the calendars table");
    // Inserted without an entry.
    tamper(
        &c,
        "INSERT INTO calendars(year, kind, body, at) VALUES (2028, 'assumed', '{}', 'x')",
    );
    c.dd(&["ledger", "verify"]).expect(1);
}

#[test]
fn a_workspace_of_schema_1_gets_the_calendars_table_when_first_opened() {
    let c = County::new();
    // Back to schema 1: no calendars table, version 1.
    tamper(
        &c,
        "DROP TABLE calendars; UPDATE meta SET value = CAST('1' AS BLOB) WHERE key = 'schema_version';",
    );
    let f = c.write("holidays-2027.toml", FAKE_2027);
    c.dd(&["calendar", "import", &f]).expect(0);
    let db = c.path().join(WS).join("dualdraw.db");
    let conn = rusqlite::Connection::open(db).unwrap();
    let v: Vec<u8> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(v, b"2");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM calendars", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    c.ledger_ok();
}

#[test]
fn two_calendar_imports_or_an_import_and_an_assumption_at_once_leave_one_official_year() {
    for round in 0..3 {
        let c = County::new();
        let f = c.abs_write("holidays-2027.toml", FAKE_2027);
        let ws = c.path().join(WS);
        let spawn = |args: &[&str]| {
            std::process::Command::new(support::bin())
                .arg("-w")
                .arg(&ws)
                .args(args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (x, y) = if round == 0 {
            (
                spawn(&["calendar", "import", &f]),
                spawn(&["calendar", "import", &f]),
            )
        } else {
            (
                spawn(&["calendar", "import", &f]),
                spawn(&["status", "--assume-weekends", "2027"]),
            )
        };
        let (x, y) = (x.wait_with_output().unwrap(), y.wait_with_output().unwrap());
        assert!(x.status.success(), "{x:?}");
        if round == 0 {
            assert!(y.status.success(), "{y:?}");
            assert_eq!(c.entries_of("calendar_import").len(), 1, "recorded once");
        } else if !y.status.success() {
            // The assumption loses to an import that committed first, and says why.
            assert!(matches!(y.status.code(), Some(1 | 2)), "{y:?}");
            assert!(
                String::from_utf8_lossy(&y.stderr).contains("2027 年的法定节假日安排已知")
                    || String::from_utf8_lossy(&y.stderr).contains("2027 is known"),
                "{y:?}"
            );
            assert!(c.entries_of("calendar_assume").is_empty());
        }
        let l = c.dd_json(&["calendar", "list"], 0);
        let y2027 = l["years"]
            .as_array()
            .unwrap()
            .iter()
            .find(|y| y["year"] == 2027)
            .unwrap()
            .clone();
        assert_eq!(y2027["origin"], "imported", "round {round}: {l:#}");
        c.ledger_ok();
    }
}

#[test]
fn a_killed_calendar_import_leaves_every_year_of_the_file_or_none() {
    let c = County::new();
    let two = "# TEST DATA, not official schedules.
[2027]
source = \"测试数据（非官方安排）\"
days_off = [\"01-01\", \"05-01\", \"10-01..10-03\"]
[2028]
source = \"测试数据（非官方安排）\"
days_off = [\"01-01\", \"05-01\", \"10-01..10-03\"]
";
    let f = c.write("two.toml", two);
    let log = c.path().join("points.log");
    let ws = c.path().join(WS);
    let copy = c.path().join("ws-copy");
    // Count the crash points of one run on a copy.
    copy_dir(&ws, &copy);
    let r = run_full(
        c.path(),
        &["-w", "ws-copy", "calendar", "import", &f],
        &[("DUALDRAW_CRASH_LOG", log.to_str().unwrap())],
        None,
    );
    r.expect(0);
    let points = std::fs::read_to_string(&log).unwrap().lines().count();
    assert!(points >= 2, "a commit has crash points");
    for n in 1..=points {
        let _ = std::fs::remove_dir_all(&copy);
        copy_dir(&ws, &copy);
        let r = run_full(
            c.path(),
            &["-w", "ws-copy", "calendar", "import", &f],
            &[("DUALDRAW_CRASH_AT", &n.to_string())],
            None,
        );
        assert_ne!(r.code, 0, "crash point {n} was not reached");
        let l = run_in(c.path(), &["--json", "-w", "ws-copy", "calendar", "list"]);
        l.expect(0);
        let years: Vec<i64> = l.json()["years"]
            .as_array()
            .unwrap()
            .iter()
            .map(|y| y["year"].as_i64().unwrap())
            .collect();
        assert!(
            years == vec![2024, 2025, 2026] || years == vec![2024, 2025, 2026, 2027, 2028],
            "crash point {n}: {years:?}"
        );
        run_in(c.path(), &["-w", "ws-copy", "ledger", "verify"]).expect(0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
}

impl County {
    fn abs_write(&self, name: &str, text: &str) -> String {
        self.write(name, text);
        self.path().join(name).to_string_lossy().into_owned()
    }
}

// ---------------------------------------------------------------------------
// Item 3: a status a director can trust
// ---------------------------------------------------------------------------

#[test]
fn status_counts_every_target_without_a_result_as_pending_or_overdue_by_its_deadline() {
    let c = County::new();
    let t = c.drawn(&SPRING);
    assert!(t.len() >= 10, "{} targets", t.len());
    // Two targets with every item recorded; one of them published.
    for x in &t[..2] {
        for item in &x.items {
            c.record(SPRING.id, x, item, "2026-05-06", &[]).expect(0);
        }
    }
    c.dd(&["results", "publish", SPRING.id]).expect(0);
    let x2 = &t[2];
    c.record(SPRING.id, x2, &x2.items[0], "2026-05-06", &[])
        .expect(0);
    let rest = t.len() - 3;
    // Before the period's deadline: every target without a result is pending.
    let end_due = due_2026(SPRING.period.1);
    assert_eq!(end_due, "2026-06-12");
    let s = c.status("2026-06-01", &[]);
    let camp = campaign(&s, SPRING.id);
    check_totals(camp, &t);
    let tot = &camp["totals"];
    assert_eq!(tot["published"], 2, "{tot}");
    assert_eq!(tot["overdue"], 0);
    assert_eq!(tot["pending"], t.len() as u64 - 2);
    assert_eq!(tot["no_result"], rest as u64);
    let row = target_row(camp, &t[5].uscc);
    assert_eq!(row["state"], "pending");
    assert_eq!(row["due"], end_due.as_str());
    assert_eq!(row["due_basis"], "period_end");
    assert_eq!(row["results"], 0);
    // After it: every one of them is overdue, and says so in the text.
    let s = c.status("2026-06-15", &[]);
    let camp = campaign(&s, SPRING.id);
    check_totals(camp, &t);
    let tot = &camp["totals"];
    // x2's recorded result is due 20 working days after 05-06 (06-02), its
    // other items on 06-12: overdue too.
    assert_eq!(due_2026("2026-05-06"), "2026-06-02");
    assert_eq!(tot["overdue"], t.len() as u64 - 2, "{tot}");
    assert_eq!(tot["no_result"], rest as u64);
    assert_eq!(s["totals"]["overdue"], tot["overdue"]);
    let r = c.dd(&["--lang", "en", "status", "--today", "2026-06-15"]);
    r.expect(0)
        .has(&format!("{} overdue, 0 due within 5 working days", t.len() - 2))
        .has(&format!("OVERDUE {} no result (due 2026-06-12", t[5].uscc))
        .has(&format!(
            "targets: {} target(s): 2 published, 0 pending (期限未到), {} overdue (逾期), 0 unknown (期限未知); {rest} without any result",
            t.len(),
            t.len() - 2
        ))
        .has("by department:")
        .has("by township (乡镇/街道, else region):");
    for d in t.iter().flat_map(|x| &x.departments) {
        r.has(&format!("  {d}: "));
    }
}

#[test]
fn a_scheduled_target_without_a_result_is_due_20_working_days_after_its_visit() {
    let c = County::new();
    let t = c.drawn(&SPRING);
    c.dd(&["schedule", SPRING.id, "--now", "2026-03-03T09:00:00+08:00"])
        .expect(0);
    let dates = c.visit_dates(SPRING.id);
    // Visits on 04-27..05-06 (7 of the 13 working days) are due by 06-02;
    // the dates come from the workspace's random schedule secret.
    let today = "2026-06-03";
    let s = c.status(today, &[]);
    let camp = campaign(&s, SPRING.id);
    check_totals(camp, &t);
    let mut overdue = 0;
    for x in &t {
        let row = target_row(camp, &x.uscc);
        let visit = &dates[&x.uscc];
        let due = due_2026(visit);
        assert_eq!(row["visit"], visit.as_str());
        assert_eq!(row["due"], due.as_str(), "{row:#}");
        assert_eq!(row["due_basis"], "visit");
        let want = if due.as_str() < today {
            "overdue"
        } else {
            "pending"
        };
        overdue += usize::from(want == "overdue");
        assert_eq!(row["state"], want, "{row:#}");
    }
    assert!(overdue > 0 && overdue < t.len(), "{overdue} of {}", t.len());
    assert_eq!(camp["totals"]["overdue"], overdue as u64);
}

#[test]
fn status_on_the_real_clock_puts_every_drawn_target_in_exactly_one_state() {
    let c = County::new();
    let t = c.drawn(&SPRING);
    c.record(SPRING.id, &t[0], &t[0].items[0], "2026-05-06", &[])
        .expect(0);
    // Today is China's date (UTC+8), whatever the machine's time zone: the
    // date before or after the command (a day may turn meanwhile).
    let china = || (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let before = china();
    let v = c.dd_json(&["status"], 0);
    let after = china();
    assert!(
        v["today"] == before.to_string() || v["today"] == after.to_string(),
        "status_today_is_the_china_date: {} (China: {before})",
        v["today"]
    );
    let camp = campaign(&v, SPRING.id);
    check_totals(camp, &t);
    let mut states: BTreeMap<String, u64> = BTreeMap::new();
    for row in camp["target_deadlines"].as_array().unwrap() {
        *states
            .entry(row["state"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    for (k, n) in &states {
        assert_eq!(camp["totals"][k.as_str()], *n, "{k}");
    }
    assert_eq!(v["totals"], camp["totals"]);
    assert_eq!(v["by_department"], camp["by_department"]);
    assert_eq!(v["by_township"], camp["by_township"]);
}
