//! Tests of the yearly report: the numbers computed from hand-made inputs,
//! the files written, and the report of a demo workspace.

use super::compute::median;
use super::*;
use crate::core::merkle::Hash;
use crate::core::registry::RegistryKind;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn off(id: &str, dept: &str) -> OfficerRef {
    OfficerRef {
        id: id.into(),
        name: format!("人员{id}"),
        department: dept.into(),
    }
}

fn visit(target: &str, class: CreditClass, officers: &[(&str, &str)]) -> VisitInput {
    let officers: Vec<OfficerRef> = officers.iter().map(|(i, dp)| off(i, dp)).collect();
    let mut departments: Vec<String> = officers.iter().map(|o| o.department.clone()).collect();
    departments.sort();
    departments.dedup();
    VisitInput {
        target: target.into(),
        name: format!("对象{target}"),
        credit_class: class,
        departments,
        officers,
    }
}

fn result(target: &str, dept: &str, on: &str, published: bool) -> ResultInput {
    ResultInput {
        target: target.into(),
        item: format!("{dept}-1"),
        department: dept.into(),
        inspected_on: d(on),
        published,
    }
}

const SJ: &str = "市场监管局";
const WL: &str = "文旅局";

/// Two campaigns: T1 and T2 are visited by both; T3 only by the first,
/// T4 only by the second (a joint visit of both departments).
fn inputs() -> Vec<CampaignInput> {
    let first = CampaignInput {
        id: "C1".into(),
        title: "第一批".into(),
        draw_date: d("2026-03-02"),
        coordination_group: None,
        schedule: None,
        replacements: 0,
        list_published: true,
        visits: vec![
            visit("T1", CreditClass::A, &[("S1", SJ), ("S2", SJ)]),
            visit("T2", CreditClass::D, &[("W1", WL), ("W2", WL)]),
            visit("T3", CreditClass::B, &[("S1", SJ), ("S3", SJ)]),
        ],
        results: vec![
            result("T1", SJ, "2026-03-10", true),
            result("T2", WL, "2026-03-11", false),
            // After the year: not counted, the visit stays without results.
            result("T3", SJ, "2027-01-05", false),
        ],
        roster: vec![off("S1", SJ), off("S2", SJ), off("S3", SJ), off("S9", SJ)],
    };
    let second = CampaignInput {
        id: "C2".into(),
        title: "第二批".into(),
        draw_date: d("2026-06-01"),
        coordination_group: Some("G".into()),
        schedule: None,
        replacements: 1,
        list_published: false,
        visits: vec![
            visit("T1", CreditClass::A, &[("S1", SJ), ("W1", WL)]),
            visit("T2", CreditClass::D, &[("S2", SJ), ("W1", WL)]),
            visit("T4", CreditClass::C, &[("S1", SJ), ("W2", WL)]),
        ],
        results: vec![
            // Only the 文旅局 item of T4 has a result.
            result("T4", WL, "2026-06-10", false),
        ],
        roster: vec![off("W1", WL), off("W2", WL), off("W3", WL)],
    };
    // Given out of order: the report sorts by draw date.
    vec![second, first]
}

fn report() -> Report {
    compute(
        2026,
        Hash([7; 32]),
        &inputs(),
        vec![NotCounted {
            id: "V".into(),
            title: "作废".into(),
            draw_date: d("2026-04-01"),
            reason: NotCountedReason::Voided,
        }],
    )
}

#[test]
fn totals_count_visits_entities_and_repeat_visits() {
    let r = report();
    assert_eq!(r.schema, "dualdraw.report.v1");
    assert!(r.internal);
    let s = &r.summary;
    assert_eq!(s.campaigns, 2);
    assert_eq!(s.visits, 6);
    assert_eq!(s.entities, 4);
    assert_eq!(s.visited_more_than_once, 2); // T1, T2
    assert_eq!(s.max_visits, 2);
    assert_eq!(
        s.visits_histogram,
        vec![
            HistogramRow {
                visits: 1,
                entities: 2
            },
            HistogramRow {
                visits: 2,
                entities: 2
            }
        ]
    );
    // T1 (C1), T2 (C1), T4 (C2).
    assert_eq!(s.visits_with_results, 3);
    assert_eq!(s.entities_with_results, 3);
    assert_eq!(s.joint_visits, 3);
    assert_eq!(s.department_checks, 9);
    assert_eq!((s.results, s.results_published, s.results_later), (3, 1, 1));
    let repeat: Vec<(&str, usize, usize)> = r
        .repeat_visits
        .iter()
        .map(|e| (e.uscc.as_str(), e.visits, e.visits_with_results))
        .collect();
    assert_eq!(repeat, vec![("T1", 2, 1), ("T2", 2, 1)]);
    assert_eq!(r.repeat_visits[0].campaigns, vec!["C1", "C2"]);
    assert_eq!(r.repeat_visits[0].departments, vec![SJ, WL]);
}

#[test]
fn campaigns_are_sorted_and_count_their_results_in_the_year() {
    let r = report();
    let ids: Vec<&str> = r.campaigns.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, vec!["C1", "C2"]);
    let c1 = &r.campaigns[0];
    assert_eq!(
        (
            c1.targets,
            c1.targets_with_results,
            c1.results,
            c1.results_published,
            c1.results_later,
            c1.list_published
        ),
        (3, 2, 2, 1, 1, true)
    );
    let c2 = &r.campaigns[1];
    assert_eq!(c2.coordination_group.as_deref(), Some("G"));
    assert_eq!((c2.targets_with_results, c2.replacements), (1, 1));
    assert_eq!(r.not_counted.len(), 1);
    assert_eq!(r.not_counted[0].reason, NotCountedReason::Voided);
}

#[test]
fn credit_classes_are_all_listed() {
    let r = report();
    let rows: Vec<(&str, usize, usize, usize, usize)> = r
        .by_credit_class
        .iter()
        .map(|c| {
            (
                c.credit_class.token(),
                c.entities,
                c.entities_with_results,
                c.visits,
                c.visits_with_results,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("A", 1, 1, 2, 1),
            ("B", 1, 0, 1, 0),
            ("C", 1, 1, 1, 1),
            ("D", 1, 1, 2, 1),
        ]
    );
}

#[test]
fn departments_count_results_of_their_own_items() {
    let r = report();
    let sj = r.by_department.iter().find(|x| x.department == SJ).unwrap();
    // 市场监管局: T1 (C1, C2), T3 (C1), T2 (C2), T4 (C2); results: T1 in C1 only
    // (T4's result is a 文旅局 item).
    assert_eq!((sj.entities, sj.visits), (4, 5));
    assert_eq!((sj.entities_with_results, sj.visits_with_results), (1, 1));
    let wl = r.by_department.iter().find(|x| x.department == WL).unwrap();
    // 文旅局: T2 (C1, C2), T1 (C2), T4 (C2); results: T2 in C1, T4 in C2.
    assert_eq!((wl.entities, wl.visits), (3, 4));
    assert_eq!((wl.entities_with_results, wl.visits_with_results), (2, 2));
}

#[test]
fn officer_loads_include_idle_officers_of_the_roster() {
    let r = report();
    let loads: Vec<(&str, &str, usize, usize)> = r
        .officers
        .iter()
        .map(|o| {
            (
                o.department.as_str(),
                o.id.as_str(),
                o.visits,
                o.visits_with_results,
            )
        })
        .collect();
    assert_eq!(
        loads,
        vec![
            (SJ, "S1", 4, 1),
            (SJ, "S2", 2, 1),
            (SJ, "S3", 1, 0),
            (SJ, "S9", 0, 0),
            (WL, "W1", 3, 1),
            (WL, "W2", 2, 2),
            (WL, "W3", 0, 0),
        ]
    );
    let sj = r.by_department.iter().find(|x| x.department == SJ).unwrap();
    assert_eq!((sj.officers, sj.officers_with_visits), (4, 3));
    // Loads 0, 1, 2, 4.
    assert_eq!(
        sj.load,
        LoadStats {
            min: 0,
            median: 1.5,
            max: 4,
            total: 7
        }
    );
    let wl = r.by_department.iter().find(|x| x.department == WL).unwrap();
    assert_eq!((wl.load.min, wl.load.median, wl.load.max), (0, 2.0, 3));
    assert_eq!(r.officers[0].campaigns, 2);
}

#[test]
fn median_of_odd_even_and_empty_lists() {
    assert_eq!(median(&[]), 0.0);
    assert_eq!(median(&[4]), 4.0);
    assert_eq!(median(&[1, 2, 9]), 2.0);
    assert_eq!(median(&[1, 2]), 1.5);
    assert_eq!(median_text(1.5), "1.5");
    assert_eq!(median_text(2.0), "2");
}

#[test]
fn only_drawn_campaigns_of_the_year_count() {
    assert_eq!(
        counted(CampaignState::Drawn, d("2026-12-31"), 2026),
        Some(Ok(()))
    );
    assert_eq!(counted(CampaignState::Drawn, d("2027-01-01"), 2026), None);
    assert_eq!(counted(CampaignState::Voided, d("2025-06-01"), 2026), None);
    assert_eq!(
        counted(CampaignState::Voided, d("2026-06-01"), 2026),
        Some(Err(NotCountedReason::Voided))
    );
    assert_eq!(
        counted(CampaignState::Announced, d("2026-06-01"), 2026),
        Some(Err(NotCountedReason::NotDrawn))
    );
}

#[test]
fn an_empty_year_says_so() {
    let r = compute(2025, Hash([0; 32]), &[], Vec::new());
    assert_eq!(r.summary, Summary::default());
    assert_eq!(r.by_credit_class.len(), 4);
    assert!(r.by_department.is_empty() && r.officers.is_empty());
    assert!(text(&r).contains("no drawn campaign in 2025"));
    assert!(html(&r).contains("本年度没有计入的抽查任务"));
}

#[test]
fn html_is_self_contained_internal_and_escaped() {
    let mut inputs = inputs();
    inputs[0].visits[0].name = "<b>&对象</b>".into();
    inputs[0].visits[1].name = "<script>x</script>".into();
    let r = compute(2026, Hash([7; 32]), &inputs, Vec::new());
    let h = html(&r);
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert!(h.contains("<svg"), "the officers' loads chart");
    assert_eq!(h.matches("<svg").count(), r.by_department.len());
    assert!(h.contains("内部资料") && h.contains("Internal"));
    assert!(h.contains("&lt;b&gt;&amp;对象&lt;/b&gt;"));
    assert!(h.contains("&lt;script&gt;x&lt;/script&gt;"));
    for bad in [
        "<script", "src=", "href=", "http://", "https://", "@import", "url(",
    ] {
        assert!(!h.contains(bad), "{bad} in the page");
    }
    assert!(h.contains(&Hash([7; 32]).to_hex()));
}

#[test]
fn the_chart_has_one_bar_per_officer_with_visits() {
    let r = report();
    let h = html(&r);
    let officers_with_visits = r.officers.iter().filter(|o| o.visits > 0).count();
    assert_eq!(h.matches("<rect ").count(), officers_with_visits);
    // Most visits first within a department: S1 (4) before S2 (2) before S3 (1).
    let pos = |s: &str| h.find(s).unwrap();
    assert!(pos("人员S1 S1") < pos("人员S2 S2") && pos("人员S2 S2") < pos("人员S3 S3"));
}

#[test]
fn files_are_written_with_bom_and_are_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let r = report();
    let a = write_files(&dir.path().join("a"), &r).unwrap();
    let b = write_files(&dir.path().join("b"), &report()).unwrap();
    let names: Vec<String> = a
        .iter()
        .map(|f| f.path.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, REPORT_FILES);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.sha256, y.sha256, "{}", x.path.display());
        assert_eq!(
            Hash::digest(&std::fs::read(&x.path).unwrap()),
            x.sha256,
            "{}",
            x.path.display()
        );
    }
    for f in a.iter().filter(|f| f.path.extension().unwrap() == "csv") {
        let bytes = std::fs::read(&f.path).unwrap();
        assert!(
            bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
            "{}",
            f.path.display()
        );
    }
    let officers = std::fs::read_to_string(dir.path().join("a/officers.csv")).unwrap();
    assert_eq!(officers.lines().count(), 1 + r.officers.len());
    assert!(officers.contains("市场监管局,S9,人员S9,0,0,0"));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("a/report.json")).unwrap())
            .unwrap();
    assert_eq!(json["schema"], "dualdraw.report.v1");
    assert_eq!(json["summary"]["visited_more_than_once"], 2);
    assert_eq!(json["by_credit_class"][3]["credit_class"], "D");
    assert_eq!(json["by_department"][0]["load"]["median"], 1.5);
    assert_eq!(json["not_counted"][0]["reason"], "voided");
}

#[test]
fn a_demo_workspace_reports_its_draw_and_results() {
    let dir = tempfile::tempdir().unwrap();
    let demo = crate::cli::demo::run_with_key(
        dir.path(),
        &crate::io::generate::CountySpec {
            entities: 3000,
            ..Default::default()
        },
        true,
        Some(crate::core::commitment::SaltKey::from_bytes([3; 32])),
    )
    .unwrap();
    let ws = Workspace::open(&demo.workspace).unwrap();
    let r = build(&ws, 2026).unwrap();
    let proof = ws.draw_proof(&demo.campaign).unwrap();
    assert_eq!(r.summary.campaigns, 1);
    assert_eq!(r.summary.visits, proof.teams.len());
    assert_eq!(r.summary.entities, proof.teams.len());
    assert_eq!(r.summary.visited_more_than_once, 0);
    assert_eq!(r.summary.results, demo.results);
    assert_eq!(r.summary.visits_with_results, demo.results);
    assert_eq!(r.ledger_head, demo.ledger_head);
    // Every team place is one officer visit.
    let places: usize = proof.teams.iter().map(|t| t.officers.len()).sum();
    assert_eq!(r.officers.iter().map(|o| o.visits).sum::<usize>(), places);
    // The classes come from the snapshot's registry (the proof only has commitments).
    let reg = ws
        .load_kinds(
            &ws.snapshot(proof.announcement.snapshot.id).unwrap(),
            &[RegistryKind::Entities],
        )
        .unwrap();
    for row in &r.by_credit_class {
        let n = proof
            .targets
            .iter()
            .filter(|t| reg.entity(&t.entity.uscc).unwrap().credit_class == row.credit_class)
            .count();
        assert_eq!(row.entities, n, "class {}", row.credit_class.token());
    }
    assert_eq!(build(&ws, 2025).unwrap().summary, Summary::default());
    assert!(matches!(build(&ws, 0), Err(ReportError::Year(0))));
    assert!(matches!(build(&ws, 10_000), Err(ReportError::Year(_))));
    // Made twice from the same records: the same report.
    assert_eq!(build(&ws, 2026).unwrap(), r);
}

#[test]
fn campaigns_scheduled_together_count_a_shared_target_as_one_visit() {
    let mut v = inputs();
    for c in &mut v {
        c.schedule = Some("C1+C2".into());
    }
    let r = compute(2026, Hash([7; 32]), &v, Vec::new());
    // T1 and T2 are drawn by both campaigns but got one joint visit each.
    assert_eq!(r.summary.visited_more_than_once, 0);
    assert_eq!(r.summary.max_visits, 1);
    let apart = compute(2026, Hash([7; 32]), &inputs(), Vec::new());
    assert_eq!(apart.summary.visited_more_than_once, 2);
}

#[test]
fn report_xlsx_cells_are_neutralized_text_like_the_csv() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let mut r = report();
    r.campaigns[0].title = "=HYPERLINK(\"http://example.invalid\",\"x\")".into();
    write_files(dir.path(), &r).unwrap();
    let mut wb = calamine::open_workbook_auto(dir.path().join("campaigns.xlsx")).unwrap();
    let formulas = wb.worksheet_formula("campaigns").unwrap();
    assert_eq!(
        formulas
            .used_cells()
            .filter(|(_, _, f)| !f.is_empty())
            .count(),
        0
    );
    let range = wb.worksheet_range("campaigns").unwrap();
    let cells: Vec<String> = range
        .used_cells()
        .map(|(_, _, v)| match v {
            calamine::Data::String(s) => s.clone(),
            other => panic!("{other:?} is not text"),
        })
        .collect();
    assert!(
        cells.contains(&"'=HYPERLINK(\"http://example.invalid\",\"x\")".to_string()),
        "{cells:?}"
    );
    let csv = std::fs::read_to_string(dir.path().join("campaigns.csv")).unwrap();
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
}
