//! `dualdraw demo`'s report, for a person (and `--json`): the steps the demo
//! ran, what each made, the signed log, and what to run next.

use super::i18n::t;
use super::{Failure, Out, messages};
use crate::core::merkle::Hash;

pub(super) fn demo(
    out: &Out,
    dir: &std::path::Path,
    entities: u64,
    seed: u64,
    registries_only: bool,
    salt_key: Option<&str>,
) -> Result<(), Failure> {
    let spec = crate::io::generate::CountySpec {
        seed,
        entities,
        ..Default::default()
    };
    let key = salt_key
        .map(|k| {
            Hash::from_hex(k)
                .map(|h| crate::core::commitment::SaltKey::from_bytes(h.0))
                .map_err(|e| {
                    Failure::usage(t!("registry-option-error", option = "--salt-key", why = e))
                })
        })
        .transpose()?;
    let r = crate::cli::demo::run_with_key(dir, &spec, !registries_only, key)
        .map_err(super::import_reasons::demo_failure)?;
    let mut t = t!(
        "demo-county",
        seed = seed,
        entities = entities,
        dir = r.county_dir.display()
    );
    t.push('\n');
    let line = |t: &mut String, l: String| {
        t.push_str(&l);
        t.push('\n');
    };
    for s in &r.imports {
        line(
            &mut t,
            t!(
                "demo-imported",
                total = format!("{:>7}", s.total),
                kind = format!("{:<9}", messages::registry(s.kind)),
                warnings = s.warnings.len()
            ),
        );
    }
    if let Some(s) = &r.snapshot {
        line(
            &mut t,
            t!("demo-committed", snapshot = s.id, digest = s.digest),
        );
    }
    if registries_only {
        line(
            &mut t,
            t!("demo-registries-next", workspace = r.workspace.display()),
        );
        return out.done("dualdraw.demo.v1", &r, &t);
    }
    line(
        &mut t,
        t!(
            "demo-announced",
            campaign = r.campaign,
            hash = r.announcement_hash
        ),
    );
    line(&mut t, t!("demo-witnesses", seed = r.seed));
    line(&mut t, t!("demo-drawn"));
    for (c, pool, drawn) in &r.strata {
        line(
            &mut t,
            t!(
                "demo-stratum",
                class = c,
                pool = format!("{pool:>6}"),
                drawn = format!("{drawn:>4}")
            ),
        );
    }
    line(&mut t, t!("demo-targets", count = r.list.len()));
    for row in r.list.iter().take(8) {
        let team: Vec<String> = row
            .team
            .iter()
            .map(|m| format!("{}({})", m.0, m.2))
            .collect();
        line(
            &mut t,
            format!("   {} {}  {}", row.uscc, row.name, team.join(", ")),
        );
    }
    if r.list.len() > 8 {
        line(&mut t, t!("demo-more", count = r.list.len() - 8));
    }
    line(
        &mut t,
        t!(
            "demo-proof",
            file = r.proof.display(),
            level = t!(
                "verify-level",
                level = format!("{:?}", r.verified).to_lowercase()
            )
        ),
    );
    line(&mut t, t!("demo-notice", dir = r.published.display()));
    line(
        &mut t,
        t!(
            "demo-schedule",
            days = r.visit_days,
            dir = r.schedule.display()
        ),
    );
    line(
        &mut t,
        t!("demo-results", results = r.results, head = r.ledger_head),
    );
    line(
        &mut t,
        t!(
            "demo-next",
            workspace = r.workspace.display(),
            proof = r.published.join("proof.json").display(),
            snapshot = r.published.join("public-snapshot.json").display()
        ),
    );
    if let Some(l) = &r.log {
        line(&mut t, log_text(l));
    }
    out.done("dualdraw.demo.v1", &r, &t)
}

/// The demo's signed log, for a person: checkpoints, cosigners, attestation
/// and the command that checks them offline.
fn log_text(l: &super::demo_log::LogDemo) -> String {
    let sizes = l
        .checkpoints
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let d = l.dir.display();
    t!(
        "demo-log",
        origin = l.origin.as_str(),
        sizes = sizes,
        cosigners = l.cosigners.join("、"),
        cosignatures = l.cosignatures,
        files = l.signed_files,
        attestation = l.attestation.display(),
        dir = d
    )
}
