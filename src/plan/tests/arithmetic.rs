//! Exact arithmetic: fractions, the expectations per stratum and the year's
//! sums.

use super::*;
use crate::plan::tally::Tally;

#[test]
fn fractions_add_compare_and_round_exactly() {
    let f = |n, d| Fraction::new(n, d).unwrap();
    assert_eq!(f(2, 4), f(1, 2));
    assert!(Fraction::new(1, 0).is_none());
    assert_eq!(f(1, 3).checked_add(f(1, 6)).unwrap(), f(1, 2));
    assert_eq!(f(1, 2).to_string(), "1/2");
    assert_eq!(f(6, 3).to_string(), "2");
    // Rounded half up, to one decimal.
    assert_eq!(f(1, 20).rounded(), "0.1");
    assert_eq!(f(1, 21).rounded(), "0.0");
    assert_eq!(f(705, 4).rounded(), "176.3"); // 176.25
    assert_eq!(f(7049, 40).rounded(), "176.2"); // 176.225
    assert_eq!(f(19, 5).rounded(), "3.8");
    assert_eq!(Fraction::ZERO.rounded(), "0.0");
    assert_eq!(f(19, 5).ceil(), 4);
    assert_eq!(f(4, 1).ceil(), 4);
    assert!(f(19, 5).exceeds(3));
    assert!(!f(19, 5).exceeds(4));
    assert!(!f(4, 1).exceeds(4));
    assert_eq!(f(1, 3).millionths(), 333_333);
    assert_eq!(Fraction::whole(7), f(7, 1));
    // Large values never panic.
    let big = f(u128::MAX / 3, 7);
    assert!(big.checked_add(big).is_some() || big.checked_add(big).is_none());
    let _ = big.rounded();
    let _ = f(1, u128::MAX).rounded();
}

#[test]
fn expectations_per_stratum_are_exact_and_the_worst_case_takes_the_largest() {
    let mut t = Tally::default();
    // Stratum A: N = 10, n = 3; four entities need 1 place, one needs 2.
    for _ in 0..4 {
        t.add(0, 1);
    }
    t.add(0, 2);
    t.add(0, 0); // needs nothing: not counted
    // Stratum C: N = 5, n = 5 (all drawn); two entities need 1.
    t.add(2, 1);
    t.add(2, 1);
    let e = t.expected(&[(10, 3), (0, 0), (5, 5), (0, 0)]).unwrap();
    // 3·6/10 + 5·2/5 = 1.8 + 2 = 19/5.
    assert_eq!(e.exact, Fraction::new(19, 5).unwrap());
    assert_eq!(e.rounded, "3.8");
    assert_eq!(e.ceil, 4);
    // Worst case: 2 + 1 + 1 from A, 1 + 1 from C.
    assert_eq!(e.at_most, 6);
    assert_eq!(
        Tally::default().expected(&[(0, 0); 4]).unwrap(),
        Expected::zero()
    );
}

#[test]
fn year_sums_are_in_millionths() {
    let a = Expected::new(Fraction::new(1, 3).unwrap(), 1);
    let b = Expected::new(Fraction::new(1, 6).unwrap(), 2);
    let y = YearExpected::sum([&a, &b]);
    assert_eq!(y.millionths, 499_999);
    assert_eq!(y.rounded, "0.5");
    assert_eq!(y.at_most, 3);
}
