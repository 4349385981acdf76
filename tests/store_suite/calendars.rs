//! Calendars (工作日历) through the `Store` trait: imported years, assumed
//! years, what each import does, and the ledger entries that record them.

use dualdraw::core::calendar::parse_schedules;
use dualdraw::ledger::verify_chain;
use dualdraw::store::{Actor, Store, StoreError, YearImport, store_calendar};

fn actor() -> Actor {
    Actor {
        operator: "suite".into(),
        approver: String::new(),
    }
}

/// TEST DATA, not an official schedule.
const Y2027: &str =
    "[2027]\nsource = \"测试数据\"\ndays_off = [\"01-01\", \"05-01\", \"10-01..10-03\"]\n";
const Y2027_OTHER: &str =
    "[2027]\nsource = \"测试数据\"\ndays_off = [\"01-01..01-03\", \"05-01\", \"10-01..10-03\"]\n";

/// A year assumed to have weekends only is replaced by its import; a known
/// year is changed only with `replace`; the same days record nothing; each
/// recorded year is one ledger entry; the store's calendar follows.
pub fn calendars_are_kept_with_their_ledger_entries<S: Store>(mut s: S) {
    let at = "2026-12-04T08:00:00Z";
    assert!(s.calendar_years().unwrap().is_empty());
    assert_eq!(store_calendar(&s).unwrap().years(), vec![2024, 2025, 2026]);
    // Assumed: once; never for an official year.
    assert!(s.assume_weekends(2027, at, &actor()).unwrap());
    assert!(!s.assume_weekends(2027, at, &actor()).unwrap());
    assert!(matches!(
        s.assume_weekends(2026, at, &actor()),
        Err(StoreError::Conflict(_))
    ));
    let cal = store_calendar(&s).unwrap();
    assert_eq!(cal.assumed_years(), vec![2027]);
    let years = s.calendar_years().unwrap();
    assert_eq!(years.len(), 1);
    assert_eq!((years[0].year, years[0].schedule.is_none()), (2027, true));
    // Imported over the assumption.
    let y = parse_schedules(Y2027).unwrap();
    let o = s
        .store_calendar_years(&y, false, "y.toml", at, &actor())
        .unwrap();
    assert_eq!(o, vec![(2027, YearImport::ReplacedAssumption)]);
    let cal = store_calendar(&s).unwrap();
    assert!(cal.assumed_years().is_empty());
    assert_eq!(cal.year(2027).as_ref(), Some(&y[0]));
    // The same days again: nothing; other days: refused, then replaced.
    let o = s
        .store_calendar_years(&y, false, "y.toml", at, &actor())
        .unwrap();
    assert_eq!(o, vec![(2027, YearImport::Unchanged)]);
    let other = parse_schedules(Y2027_OTHER).unwrap();
    assert!(matches!(
        s.store_calendar_years(&other, false, "o.toml", at, &actor()),
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store_calendar(&s).unwrap().year(2027).as_ref(), Some(&y[0]));
    let o = s
        .store_calendar_years(&other, true, "o.toml", at, &actor())
        .unwrap();
    assert_eq!(o, vec![(2027, YearImport::Replaced)]);
    assert_eq!(
        store_calendar(&s).unwrap().year(2027).as_ref(),
        Some(&other[0])
    );
    // A shipped year with its own days: unchanged.
    let shipped = dualdraw::core::calendar::Calendar::shipped_years();
    let o = s
        .store_calendar_years(&shipped, false, "cn.toml", at, &actor())
        .unwrap();
    assert!(o.iter().all(|(_, x)| *x == YearImport::Unchanged), "{o:?}");
    // The ledger: assume, import, replace.
    let kinds: Vec<String> = s.ledger().unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        vec!["calendar_assume", "calendar_import", "calendar_import"]
    );
    verify_chain(&s.ledger().unwrap()).unwrap();
}
