//! An assignment's "cannot staff" explanation ([`Unstaffable`],
//! [`Infeasible`]) worded from the catalogue (`locales/*/assign.ftl`): the
//! same fields and order as the library's English `Display`.

use crate::cli::i18n::t;
use crate::core::assign::{Exclusion, Infeasible, Unstaffable};

/// The rule that excluded officers, as a clerk reads it.
fn exclusion(e: Exclusion) -> String {
    match e {
        Exclusion::NotActive => t!("exclusion-not-active"),
        Exclusion::CertificateExpired => t!("exclusion-certificate-expired"),
        Exclusion::Region => t!("exclusion-region"),
        Exclusion::Qualification => t!("exclusion-qualification"),
        Exclusion::Recused => t!("exclusion-recused"),
    }
}

/// One set of targets a department cannot staff, and why.
pub(crate) fn unstaffable(u: &Unstaffable) -> String {
    let mut shown: Vec<&str> = u.targets.iter().take(5).map(String::as_str).collect();
    if u.targets.len() > 5 {
        shown.push("…");
    }
    let mut s = t!(
        "unstaffable-head",
        count = u.targets.len(),
        targets = shown.join(", "),
        demand = u.demand,
        department = u.department.as_str(),
        eligible = u.eligible.len()
    );
    s.push_str(&match u.capacity {
        Some(c) => t!("unstaffable-capacity", capacity = c),
        None => t!("unstaffable-no-capacity"),
    });
    s.push_str(&t!(
        "unstaffable-officers",
        officers = u.department_officers
    ));
    if u.excluded.is_empty() {
        s.push_str(&t!("unstaffable-none-excluded"));
    }
    for (k, v) in &u.excluded {
        s.push_str(&t!("unstaffable-excluded", count = *v, why = exclusion(*k)));
    }
    for (o, target) in u.recused.iter().take(5) {
        s.push_str(&t!(
            "unstaffable-recused",
            officer = o.as_str(),
            target = target.as_str()
        ));
    }
    s
}

/// Why no assignment exists: a heading and one line per set of targets.
pub(crate) fn infeasible(i: &Infeasible) -> String {
    let mut lines = vec![t!("infeasible-head")];
    for u in &i.0 {
        lines.push(format!("  - {}", unstaffable(u)));
    }
    lines.join("\n")
}
