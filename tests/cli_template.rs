//! `campaign template`, `calendar assume-weekends --for` and `results form`:
//! the commands the walk-through of `README.zh-CN.md` relies on to work on
//! any day (`tests/readme_zh.rs` runs that walk-through itself).

#[path = "cli_support.rs"]
mod support;

use support::Ws;

const JIA: &str = "bc0892b83b529e0ecba30c5cc27aed2677f69951a6ffcc3889498562252d36c7";

fn assert_has(r: &support::Run, needle: &str) {
    assert!(
        r.all().contains(needle),
        "`{}` does not mention {needle:?}\nstdout:\n{}\nstderr:\n{}",
        r.cmd,
        r.stdout,
        r.stderr
    );
}

#[test]
fn template_dates_the_period_from_the_draw_date_and_checks_the_witnesses() {
    let w = Ws::bare();
    let witness = format!("义务监督员甲={JIA}");
    let r = w.raw(&[
        "--json",
        "campaign",
        "template",
        "批次-01",
        "--draw-date",
        "2026-06-01",
        "--witness",
        &witness,
    ]);
    r.expect(0);
    let v = r.json();
    assert_eq!(v["draw_date"], "2026-06-01");
    assert_eq!(v["period"]["start"], "2026-06-08");
    assert_eq!(v["period"]["end"], "2026-07-19");
    assert_eq!(v["complete"], true);
    let text = std::fs::read_to_string(w.path().join("批次-01.toml")).unwrap();
    assert!(text.contains("draw_date = \"2026-06-01\""), "{text}");
    assert!(text.contains(JIA), "{text}");
    // A commitment that is not one is refused, and nothing is written.
    let r = w.raw(&["campaign", "template", "批次-02", "--witness", "甲=abc"]);
    r.expect(1);
    assert_has(&r, "不能写出抽查批次 批次-02 的设置文件");
    assert!(!w.path().join("批次-02.toml").exists());
}

#[test]
fn template_never_replaces_an_existing_file() {
    let w = Ws::bare();
    std::fs::write(w.path().join("批次.toml"), "edited").unwrap();
    let r = w.raw(&["campaign", "template", "批次", "--out", "批次.toml"]);
    r.expect(2);
    assert_has(&r, "批次.toml 已存在，没有覆盖");
    assert_eq!(
        std::fs::read_to_string(w.path().join("批次.toml")).unwrap(),
        "edited"
    );
}

#[test]
fn template_without_witnesses_says_so_and_its_comments_follow_the_language() {
    let w = Ws::bare();
    let r = w.raw(&["campaign", "template", "甲批次"]);
    r.expect(0);
    assert_has(&r, "还没有见证人");
    let zh = std::fs::read_to_string(w.path().join("甲批次.toml")).unwrap();
    assert!(zh.contains("# 抽取日期（北京时间）"), "{zh}");
    let r = w.raw(&["--lang", "en", "campaign", "template", "乙批次"]);
    r.expect(0);
    assert_has(&r, "No witness yet");
    let en = std::fs::read_to_string(w.path().join("乙批次.toml")).unwrap();
    assert!(en.contains("# Draw date (China)"), "{en}");
    assert!(!en.contains("# 抽取日期"), "{en}");
}

#[test]
fn assume_weekends_for_a_campaign_assumes_only_the_unpublished_years_and_once() {
    let w = Ws::new();
    let witness = format!("甲={JIA}");
    // Far in the future: no official schedule is ever shipped for 2098–2099.
    w.raw(&[
        "campaign",
        "template",
        "远期",
        "--draw-date",
        "2098-12-20",
        "--witness",
        &witness,
    ])
    .expect(0);
    let v = w.json(&["calendar", "assume-weekends", "--for", "远期.toml"], 0);
    assert_eq!(v["assumed_now"], serde_json::json!([2098, 2099]), "{v}");
    let again = w.json(&["calendar", "assume-weekends", "--for", "远期.toml"], 0);
    assert_eq!(again["assumed_now"], serde_json::json!([]), "{again}");
    assert_eq!(again["years"][0]["state"], "assumed");
    let list = w.json(&["calendar", "list"], 0);
    let assumed: Vec<i64> = list["years"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|y| y["origin"] == "assumed")
        .filter_map(|y| y["year"].as_i64())
        .collect();
    assert_eq!(assumed, vec![2098, 2099]);
    // A campaign inside a shipped year assumes nothing.
    w.raw(&[
        "campaign",
        "template",
        "年中",
        "--draw-date",
        "2026-03-02",
        "--witness",
        &witness,
    ])
    .expect(0);
    let v = w.json(&["calendar", "assume-weekends", "--for", "年中.toml"], 0);
    assert_eq!(v["assumed_now"], serde_json::json!([]), "{v}");
    assert_eq!(
        v["years"],
        serde_json::json!([{"year": 2026, "state": "official"}])
    );
}

#[test]
fn results_form_of_a_campaign_not_drawn_is_refused_and_writes_nothing() {
    let w = Ws::new();
    let r = w.run(&["results", "form", "没有的批次", "--out", "表.xlsx"]);
    assert_ne!(r.code, 0, "{}", r.all());
    assert!(!w.path().join("表.xlsx").exists());
}
