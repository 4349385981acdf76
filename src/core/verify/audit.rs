//! Audit verification (`docs/SPEC.md` §7): the light checks, then the whole
//! draw re-run on the workspace's registries and salts and compared field by
//! field.

use super::light::verify_light_inner;
use super::{Check, Level, Mismatch, VerifiedDraw, check, fail};
use crate::core::announcement::DrawError;
use crate::core::commitment::{SaltKey, SnapshotRoots};
use crate::core::draw::DrawOutcome;
use crate::core::merkle::Hash;
use crate::core::proof::{DrawProof, threshold_commitment, threshold_salt};
use crate::core::registry::Registries;
use crate::core::sample::{EntityRuns, FetchEntities, SampleError};

/// Audit verification (审计核验): light verification, then the whole draw
/// re-run on the snapshot's registries with the workspace's salts, compared
/// field by field.
///
/// # Errors
/// [`Mismatch`] naming the first thing that differs.
pub fn verify_audit(
    p: &DrawProof,
    reg: &Registries,
    key: &SaltKey,
) -> Result<VerifiedDraw, Mismatch> {
    audit(p, reg, key)?;
    Ok(VerifiedDraw {
        level: Level::Audit,
        proof: p.clone(),
    })
}

/// [`verify_audit`]'s checks; returns the re-run draw.
pub(super) fn audit(
    p: &DrawProof,
    reg: &Registries,
    key: &SaltKey,
) -> Result<DrawOutcome, Mismatch> {
    let a = &p.announcement;
    // The re-run draw (its assignment runs on one core) overlaps the proof's
    // own checks and the roots (which use every core).
    let ((light, roots), out) = crate::par::join(
        || {
            crate::par::join(
                || verify_light_inner(p, false),
                || crate::core::commitment::SnapshotRoots::compute(reg, key),
            )
        },
        // The key is re-derived (and compared) by the light checks.
        || crate::core::draw::draw(reg, a, &p.seed, &p.prn_key()),
    );
    light?;
    compare(p, reg, key, roots.digest(), out)
}

/// Why [`verify_audit_runs`] gives no verdict.
#[derive(Debug)]
enum Rerun<E> {
    Draw(DrawError),
    Source(E),
}

impl<E> From<DrawError> for Rerun<E> {
    fn from(e: DrawError) -> Self {
        Rerun::Draw(e)
    }
}

impl<E> From<SampleError> for Rerun<E> {
    fn from(e: SampleError) -> Self {
        Rerun::Draw(DrawError::Sample(e))
    }
}

/// [`verify_audit`] with the snapshot's entities streamed (流式审计核验):
/// `reg` holds the items, officers and recusals; `runs` and `fetch` hand
/// over the entities as [`crate::core::draw::draw_runs`] asks, and must
/// check that they are those of `roots` (a streaming store re-checks the
/// entity root after the last run); `roots` are the snapshot's roots so
/// checked. The outer error is the source's; the inner result is the
/// verdict.
///
/// # Errors
/// What `runs` or `fetch` return; inside, [`Mismatch`] as [`verify_audit`].
pub fn verify_audit_runs<E>(
    p: &DrawProof,
    reg: &Registries,
    key: &SaltKey,
    roots: &SnapshotRoots,
    runs: &mut EntityRuns<'_, E>,
    fetch: &mut FetchEntities<'_, E>,
) -> Result<Result<VerifiedDraw, Mismatch>, E> {
    Ok(
        audit_runs(p, reg, key, roots, runs, fetch)?.map(|_| VerifiedDraw {
            level: Level::Audit,
            proof: p.clone(),
        }),
    )
}

/// [`verify_audit_runs`]'s checks; returns the re-run draw.
pub(super) fn audit_runs<E>(
    p: &DrawProof,
    reg: &Registries,
    key: &SaltKey,
    roots: &SnapshotRoots,
    runs: &mut EntityRuns<'_, E>,
    fetch: &mut FetchEntities<'_, E>,
) -> Result<Result<DrawOutcome, Mismatch>, E> {
    if let Err(m) = verify_light_inner(p, false) {
        return Ok(Err(m));
    }
    let out = crate::core::draw::draw_runs::<Rerun<E>>(
        reg,
        &p.announcement,
        &p.seed,
        &p.prn_key(),
        &mut |f| runs(f).map_err(Rerun::Source),
        &mut |indices| fetch(indices).map_err(Rerun::Source),
    );
    let out = match out {
        Ok(out) => Ok(out),
        Err(Rerun::Source(e)) => return Err(e),
        Err(Rerun::Draw(e)) => Err(e),
    };
    Ok(compare(p, reg, key, roots.digest(), out))
}

/// The re-run draw `out` and the snapshot's recomputed digest against the
/// proof, field by field.
fn compare(
    p: &DrawProof,
    reg: &Registries,
    key: &SaltKey,
    digest: Hash,
    out: Result<DrawOutcome, DrawError>,
) -> Result<DrawOutcome, Mismatch> {
    let a = &p.announcement;
    check(
        Check::StratumMembership,
        "snapshot digest (recomputed from the workspace)",
        digest,
        a.snapshot.digest,
    )?;
    let out = out.map_err(|e| fail(Check::Rerun, "draw", e))?;
    check(
        Check::StratumMembership,
        "pool size",
        out.pool_size,
        p.pool_size,
    )?;
    check(
        Check::Recusals,
        "left out by class",
        out.excluded_by_class,
        p.excluded_by_class,
    )?;
    check(
        Check::StratumMembership,
        "number of strata",
        out.strata.len(),
        p.strata.len(),
    )?;
    for (x, y) in out.strata.iter().zip(&p.strata) {
        let k = x.credit_class.token();
        check(
            Check::StratumMembership,
            format!("stratum {k} pool"),
            x.pool,
            y.pool,
        )?;
        let tc = threshold_commitment(
            &threshold_salt(key, &a.campaign_hash, x.credit_class),
            x.credit_class,
            x.threshold.as_ref(),
        );
        check(
            Check::Selection,
            format!("stratum {k} threshold"),
            tc,
            y.threshold_commitment,
        )?;
    }
    let want: Vec<&str> = out.needs.iter().map(|t| t.uscc.as_str()).collect();
    let got: Vec<&str> = p.targets.iter().map(|t| t.entity.uscc.as_str()).collect();
    check(
        Check::Selection,
        "drawn targets",
        want.join(","),
        got.join(","),
    )?;
    let mut bw: Vec<String> = out
        .blocked
        .iter()
        .map(|&(o, t, _)| format!("{}/{}", reg.officers[o].id, out.needs[t].uscc))
        .collect();
    bw.sort_by(|x, y| {
        let (xo, xt) = x.split_once('/').unwrap_or((x, ""));
        let (yo, yt) = y.split_once('/').unwrap_or((y, ""));
        (xt, xo).cmp(&(yt, yo))
    });
    for (n, t) in out.needs.iter().zip(&p.targets) {
        if n.items != t.items
            || n.needs
                .iter()
                .map(|x| &x.department)
                .ne(t.departments.iter())
        {
            let depts: Vec<&str> = n.needs.iter().map(|x| x.department.as_str()).collect();
            check(
                Check::Rerun,
                format!("items and departments of {}", n.uscc),
                format!("{} / {}", n.items.join(","), depts.join(",")),
                format!("{} / {}", t.items.join(","), t.departments.join(",")),
            )?;
        }
    }
    let bg: Vec<String> = p
        .blocked_pairs
        .iter()
        .map(|b| format!("{}/{}", b.officer, b.target))
        .collect();
    check(
        Check::Recusals,
        "blocked pairs (every recusal among drawn targets)",
        bw.join(","),
        bg.join(","),
    )?;
    for ((n, team), rec) in out.needs.iter().zip(&out.teams).zip(&p.teams) {
        let ids: Vec<&str> = team.iter().map(|&o| reg.officers[o].id.as_str()).collect();
        check(
            Check::Rerun,
            format!("team of {}", n.uscc),
            ids.join(","),
            rec.officers.join(","),
        )?;
    }
    Ok(out)
}
