//! Black-box tests of what a clerk reads when a campaign file or an annual
//! plan file is refused (issue 15): Chinese by default, English with
//! `--lang en`, the file and line first (`FILE:LINE: `), keys and values as
//! written, and in `--json` the stable kind with the key, the line and the
//! library's English text (`detail`).

#[path = "cli_support.rs"]
mod support;

use serde_json::Value;
use support::{Run, run_in};

const WS: &str = "d/workspace";

/// A demo county (registries only) with its campaign and plan files.
struct County {
    dir: tempfile::TempDir,
}

impl County {
    fn new() -> County {
        let dir = tempfile::tempdir().expect("tempdir");
        run_in(
            dir.path(),
            &["demo", "d", "--entities", "300", "--registries-only"],
        )
        .expect(0);
        County { dir }
    }

    /// The demo's `d/NAME` file.
    fn demo_file(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join("d").join(name)).expect("demo file")
    }

    /// `dualdraw [--lang en] -w d/workspace ARGS` on `text` written to `file`.
    fn dd(&self, file: &str, text: &str, en: bool, args: &[&str]) -> Run {
        std::fs::write(self.dir.path().join(file), text).expect("write");
        let mut v = Vec::new();
        if en {
            v.extend(["--lang", "en"]);
        }
        v.extend(["-w", WS]);
        v.extend_from_slice(args);
        v.push(file);
        run_in(self.dir.path(), &v)
    }

    /// `campaign announce c.toml` of `text`: (Chinese stderr, English stderr,
    /// the `--json` error).
    fn announce(&self, text: &str) -> (String, String, Value) {
        self.all_three(text, "c.toml", &["campaign", "announce"])
    }

    /// `plan ARGS plan.toml` of `text`, as [`County::announce`].
    fn plan(&self, text: &str, cmd: &str) -> (String, String, Value) {
        self.all_three(text, "p.toml", &["plan", cmd])
    }

    fn all_three(&self, text: &str, file: &str, args: &[&str]) -> (String, String, Value) {
        let zh = self.dd(file, text, false, args);
        zh.expect(1);
        let en = self.dd(file, text, true, args);
        en.expect(1);
        let mut j = vec!["--json"];
        j.extend_from_slice(args);
        let json = self.dd(file, text, false, &j);
        json.expect(1);
        let v = json.json();
        assert_eq!(v["ok"], false, "{v:#}");
        assert_eq!(v["error"]["kind"], "rejected", "{v:#}");
        (
            zh.stderr.trim().to_string(),
            en.stderr.trim().to_string(),
            v,
        )
    }
}

/// The 1-based line of the first line of `text` starting with `start`.
fn line_of(text: &str, start: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start:?}"))
        + 1
}

/// `text` with its first line starting with `start` replaced by `with`.
fn replace_line(text: &str, start: &str, with: &str) -> String {
    let n = line_of(text, start);
    text.lines()
        .enumerate()
        .map(|(i, l)| if i + 1 == n { with } else { l })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn an_unknown_key_is_named_in_chinese_with_its_file_and_line() {
    let c = County::new();
    let text = replace_line(
        &c.demo_file("campaign.toml"),
        "draw_date = ",
        "foo = 1\ndraw_date = \"2026-03-02\"",
    );
    let line = line_of(&text, "foo");
    let (zh, en, v) = c.announce(&text);
    assert_eq!(
        zh,
        format!(
            "c.toml:{line}: 抽查任务文件：未知的键 `foo`，此处可用的键：`id`, `title`, `lead_department`, \
             `draw_date`, `items`, `targets`, `teams`, `entropy`, `period`, `coordination`"
        )
    );
    assert!(
        en.starts_with(&format!(
            "c.toml:{line}: campaign file: unknown field `foo`, expected one of `id`"
        )),
        "{en}"
    );
    assert_eq!(v["error"]["key"], "foo", "{v:#}");
    assert_eq!(v["error"]["line"], line, "{v:#}");
    assert!(
        v["error"]["detail"]
            .as_str()
            .unwrap()
            .contains("unknown field `foo`"),
        "{v:#}"
    );
    assert!(v["error"]["message"].as_str().unwrap().contains("未知的键"));
}

#[test]
fn a_value_of_the_wrong_type_is_named_in_chinese_with_its_file_and_line() {
    let c = County::new();
    let text = replace_line(
        &c.demo_file("campaign.toml"),
        "lead_department = ",
        "lead_department = 3",
    );
    let line = line_of(&text, "lead_department");
    let (zh, en, v) = c.announce(&text);
    assert_eq!(
        zh,
        format!("c.toml:{line}: 抽查任务文件：类型不对：写的是整数 `3`，应为文本（用引号括起）")
    );
    assert_eq!(
        en,
        format!("c.toml:{line}: campaign file: invalid type: integer `3`, expected a string")
    );
    assert_eq!(v["error"]["key"], "lead_department", "{v:#}");
    assert_eq!(v["error"]["line"], line, "{v:#}");
    assert_eq!(
        v["error"]["detail"],
        format!("campaign file, line {line}: invalid type: integer `3`, expected a string")
    );
}

#[test]
fn a_date_that_is_not_a_date_keeps_the_value_as_written() {
    let c = County::new();
    let text = replace_line(
        &c.demo_file("campaign.toml"),
        "draw_date = ",
        "draw_date = \"2026-13-01\"",
    );
    let line = line_of(&text, "draw_date");
    let (zh, en, v) = c.announce(&text);
    assert_eq!(
        zh,
        format!("c.toml:{line}: draw_date = \"2026-13-01\"：不是 YYYY-MM-DD 格式的日期")
    );
    assert_eq!(
        en,
        format!("c.toml:{line}: draw_date = \"2026-13-01\": not a date YYYY-MM-DD")
    );
    assert_eq!(v["error"]["key"], "draw_date");
    assert_eq!(v["error"]["line"], line);
    assert_eq!(
        v["error"]["detail"],
        "draw_date = \"2026-13-01\": not a date YYYY-MM-DD"
    );
}

#[test]
fn a_stratum_with_ratio_and_count_is_named_at_its_table() {
    let c = County::new();
    let base = c.demo_file("campaign.toml");
    // The second stratum (credit class B) gets a count beside its ratio.
    let text = base.replacen("ratio = \"5%\"", "ratio = \"5%\"\ncount = 3", 1);
    assert_ne!(text, base);
    let header = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[targets.strata]]")
        .nth(1)
        .expect("a second stratum")
        .0
        + 1;
    let (zh, en, v) = c.announce(&text);
    assert_eq!(
        zh,
        format!(
            "c.toml:{header}: targets.strata[2] = \"B\"：ratio（比例）和 count（数量）只能写一个"
        )
    );
    assert_eq!(
        en,
        format!("c.toml:{header}: targets.strata[2] = \"B\": give ratio or count, not both")
    );
    assert_eq!(v["error"]["key"], "targets.strata[2]");
    assert_eq!(v["error"]["line"], header);
}

#[test]
fn a_ratio_key_is_kept_exactly_as_written_before_the_chinese() {
    let c = County::new();
    let text = c
        .demo_file("campaign.toml")
        .replacen("ratio = \"3%\"", "ratio = \"1/0\"", 1);
    let line = line_of(&text, "ratio = \"1/0\"");
    let (zh, _, v) = c.announce(&text);
    assert!(
        zh.starts_with(&format!(
            "c.toml:{line}: targets.strata[1].ratio = \"1/0\"：不是 0 到 1 之间的精确比例"
        )),
        "{zh}"
    );
    assert_eq!(v["error"]["key"], "targets.strata[1].ratio");
}

#[test]
fn malformed_toml_is_framed_in_chinese_with_the_readers_words_kept() {
    let c = County::new();
    let text = replace_line(&c.demo_file("campaign.toml"), "title = ", "title = \"x");
    let line = line_of(&text, "title");
    let (zh, en, v) = c.announce(&text);
    assert!(
        zh.starts_with(&format!("c.toml:{line}: 抽查任务文件：不是有效的 TOML（")),
        "{zh}"
    );
    assert!(
        en.starts_with(&format!("c.toml:{line}: campaign file: ")),
        "{en}"
    );
    assert_eq!(v["error"]["line"], line);
}

#[test]
fn plan_file_errors_are_chinese_with_the_file_and_the_line_in_the_plan() {
    let c = County::new();
    let plan = c.demo_file("plan.toml");
    // A campaign key: the line is the line in the plan file.
    let text = replace_line(&plan, "lead_department = ", "lead_department = 3");
    let line = line_of(&text, "lead_department");
    for cmd in ["check", "announce"] {
        let (zh, en, v) = c.plan(&text, cmd);
        assert_eq!(
            zh,
            format!(
                "p.toml:{line}: campaign[1]（2026-JOINT-01）：lead_department：类型不对：写的是整数 `3`，应为文本（用引号括起）"
            )
        );
        assert_eq!(
            en,
            format!(
                "p.toml:{line}: campaign[1] (2026-JOINT-01): lead_department: invalid type: integer `3`, expected a string"
            )
        );
        assert_eq!(v["error"]["key"], "lead_department");
        assert_eq!(v["error"]["line"], line);
    }
    // A key of the plan itself.
    let text = replace_line(&plan, "year = ", "year = \"2026\"");
    let line = line_of(&text, "year");
    let (zh, en, v) = c.plan(&text, "check");
    assert_eq!(
        zh,
        format!("p.toml:{line}: year = \"2026\"：应为年份，例如 2026（整数）")
    );
    assert_eq!(
        en,
        format!("p.toml:{line}: year = \"2026\": a year such as 2026 (an integer)")
    );
    assert_eq!(v["error"]["key"], "year");
    assert_eq!(
        v["error"]["detail"],
        "year = \"2026\": a year such as 2026 (an integer)"
    );
    // Not TOML at all.
    let (zh, en, _) = c.plan("plan = \"x\n", "check");
    assert!(
        zh.starts_with("p.toml:1: 计划文件：不是有效的 TOML（"),
        "{zh}"
    );
    assert!(en.starts_with("p.toml:1: plan file: "), "{en}");
}
