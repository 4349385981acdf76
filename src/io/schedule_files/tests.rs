//! Known answers for the calendars and lists (moved beside the writers).

use super::*;
use crate::schedule::{Problem, TargetLabel};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn days(n: usize) -> Vec<NaiveDate> {
    (0..n)
        .map(|i| d("2026-03-02") + chrono::Duration::days(i as i64))
        .collect()
}

fn v(id: &str, team: &[&str], township: &str) -> Visit {
    Visit::new(id, team.iter().copied(), township)
}

#[test]
fn fold_line_known_answers() {
    let a = |n: usize| "A".repeat(n);
    let z = |n: usize| "检".repeat(n);
    assert_eq!(fold_line(&a(75)), a(75));
    assert_eq!(fold_line(&a(76)), format!("{}\r\n A", a(75)));
    assert_eq!(fold_line(&a(150)), format!("{}\r\n {}\r\n A", a(75), a(74)));
    // 12 + 21 × 3 = 75 octets on the first line; 9 × 3 = 27 on the next.
    assert_eq!(
        fold_line(&format!("DESCRIPTION:{}", z(30))),
        format!("DESCRIPTION:{}\r\n {}", z(21), z(9))
    );
    // 1 + 24 × 3 = 73: a 25th character would need 76 octets.
    assert_eq!(
        fold_line(&format!("X{}", z(25))),
        format!("X{}\r\n 检", z(24))
    );
    // 4-octet characters: 2 + 18 × 4 = 74.
    let e = |n: usize| "😀".repeat(n);
    assert_eq!(
        fold_line(&format!("AB{}", e(20))),
        format!("AB{}\r\n {}", e(18), e(2))
    );
    // Continuation lines hold 74 octets after the space: 24 × 3 = 72.
    assert_eq!(
        fold_line(&format!("{}{}", a(75), z(25))),
        format!("{}\r\n {}\r\n 检", a(75), z(24))
    );
    assert_eq!(fold_line(""), "");
    // Every physical line is at most 75 octets and no character is split.
    let long = format!("SUMMARY:{}", "a检😀é".repeat(40));
    for l in fold_line(&long).split("\r\n") {
        assert!(l.len() <= 75, "{l}");
    }
    assert_eq!(fold_line(&long).replace("\r\n ", ""), long);
}

#[test]
fn escape_text_known_answers() {
    assert_eq!(
        escape_text("a\\b;c,d\ne\r\nf\rg\u{1}h\ti\u{7f}j"),
        "a\\\\b\\;c\\,d\\ne\\nf\\ngh\tij"
    );
    assert_eq!(escape_text("厦禾路1号,A栋;3层"), "厦禾路1号\\,A栋\\;3层");
    assert_eq!(escape_text(""), "");
}

fn labelled() -> (Schedule, Labels) {
    let mut a = v("91350203MA2Y0001X1", &["B07", "A01"], "350203001");
    a.departments = vec!["县教育局".into(), "县市场监管局".into()];
    let b = v("LH-2026-7", &["A01", "C02"], "350203002");
    let p = Problem::new(vec![b, a], days(5));
    let dates = BTreeMap::from([
        ("91350203MA2Y0001X1".to_string(), d("2026-03-03")),
        ("LH-2026-7".to_string(), d("2026-03-05")),
    ]);
    let s = Schedule::from_dates(&p, &dates).unwrap();
    let labels = Labels {
        campaign: "2026-JOINT-01".into(),
        title: "民办学校、旅游市场联合抽查".into(),
        targets: BTreeMap::from([
            (
                "91350203MA2Y0001X1".to_string(),
                TargetLabel {
                    name: "厦门市思明区某某民办学校（有限合伙）".into(),
                    address: "思明区厦禾路1号,A栋;3层".into(),
                },
            ),
            (
                "LH-2026-7".to_string(),
                TargetLabel {
                    name: "联合检查：旅游市场".into(),
                    address: String::new(),
                },
            ),
        ]),
        officers: BTreeMap::from([
            ("A01".to_string(), "张三".to_string()),
            ("B07".to_string(), "李四".to_string()),
        ]),
    };
    (s, labels)
}

/// The expected text was made by an independent folding and escaping
/// script written from RFC 5545 §3.1 and §3.3.11.
#[test]
fn ics_known_answer() {
    let (s, labels) = labelled();
    let stamp = DateTime::from_timestamp(1_772_330_584, 0).unwrap(); // 2026-03-01T02:03:04Z
    let got = ics_for_officer(&s, "A01", &labels, stamp).unwrap();
    let want = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//dualdraw//dualdraw-schedule-v1//ZH\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\nUID:2026-JOINT-01/91350203MA2Y0001X1/A01@dualdraw\r\nDTSTAMP:20260301T020304Z\r\nDTSTART;VALUE=DATE:20260303\r\nDTEND;VALUE=DATE:20260304\r\nSUMMARY:双随机检查：厦门市思明区某某民办学校（有限合\r\n 伙）\r\nLOCATION:思明区厦禾路1号\\,A栋\\;3层\r\nDESCRIPTION:任务：2026-JOINT-01 民办学校、旅游市场联合抽查\\\r\n n检查对象：厦门市思明区某某民办学校（有限合伙）（9\r\n 1350203MA2Y0001X1）\\n乡镇（街道）：350203001\\n检查组：张三\r\n （A01）、李四（B07）\\n部门：县教育局、县市场监管局\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:2026-JOINT-01/LH-2026-7/A01@dualdraw\r\nDTSTAMP:20260301T020304Z\r\nDTSTART;VALUE=DATE:20260305\r\nDTEND;VALUE=DATE:20260306\r\nSUMMARY:双随机检查：联合检查：旅游市场\r\nDESCRIPTION:任务：2026-JOINT-01 民办学校、旅游市场联合抽查\\\r\n n检查对象：联合检查：旅游市场（LH-2026-7）\\n乡镇（街\r\n 道）：350203002\\n检查组：张三（A01）、C02\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_eq!(got, want);
    let all = ics_by_officer(&s, &labels, stamp);
    assert_eq!(all.keys().collect::<Vec<_>>(), ["A01", "B07", "C02"]);
    assert_eq!(all["A01"], want);
    assert_eq!(all["B07"].matches("BEGIN:VEVENT").count(), 1);
    assert!(all["C02"].contains("UID:2026-JOINT-01/LH-2026-7/C02@dualdraw\r\n"));
    assert_eq!(ics_for_officer(&s, "X99", &labels, stamp), None);
    // Every line ends with CRLF and none is longer than 75 octets.
    for text in all.values() {
        assert!(text.ends_with("\r\n"));
        for l in text.split("\r\n") {
            assert!(l.len() <= 75);
            assert!(!l.contains('\n') && !l.contains('\r'));
        }
    }
}

#[test]
fn csv_by_department_known_answer() {
    let (s, labels) = labelled();
    let files = csv_by_department(&s, &labels);
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["", "县市场监管局", "县教育局"]
    );
    let header = "检查日期,统一社会信用代码,名称,乡镇（街道）,执法人员,执法证号\n";
    let row = "2026-03-03,91350203MA2Y0001X1,厦门市思明区某某民办学校（有限合伙）,350203001,张三、李四,A01、B07\n";
    let mut want = vec![0xEF, 0xBB, 0xBF];
    want.extend_from_slice(format!("{header}{row}").as_bytes());
    assert_eq!(files["县教育局"], want);
    assert_eq!(files["县市场监管局"], want);
    let mut want = vec![0xEF, 0xBB, 0xBF];
    want.extend_from_slice(
        format!("{header}2026-03-05,LH-2026-7,联合检查：旅游市场,350203002,张三、C02,A01、C02\n")
            .as_bytes(),
    );
    assert_eq!(files[""], want);
}

// ---- the algorithm ----
