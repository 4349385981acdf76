//! `registry look-up`: the enterprise's look-up in a compact public snapshot
//! (`docs/COMMITMENTS.md` §9.4), and with a draw's proof whether it was in
//! the pool and drawn.

use super::i18n::t;
use super::messages;
use super::{Failure, Out};
use crate::core::merkle::Hash;

/// `registry look-up`: one entity in a compact public snapshot (§9.4).
pub(super) fn look_up(
    out: &Out,
    file: &std::path::Path,
    uscc: &str,
    digest: Option<&Hash>,
    draw: Option<&std::path::Path>,
) -> Result<(), Failure> {
    use crate::core::record_proof::{PublicRecord, RECORD_PROOF_FORMAT, RecordProof};
    use crate::core::snapshot::compact::{Found, Proven, look_up};
    let f = std::fs::File::open(file)
        .map_err(|e| Failure::rejected("unreadable", messages::file_error(file, &e)))?;
    let got = look_up(std::io::BufReader::new(f), uscc)
        .map_err(|e| Failure::rejected("malformed", format!("{}: {e}", file.display())))?;
    let sref = &got.head.snapshot;
    if let Some(d) = digest
        && *d != sref.digest
    {
        return Err(Failure::rejected(
            "digest_differs",
            t!(
                "registry-lookup-digest-differs",
                file = file.display(),
                got = sref.digest,
                expected = d
            ),
        ));
    }
    let proof = |p: &Proven| RecordProof {
        format: RECORD_PROOF_FORMAT.into(),
        snapshot: sref.clone(),
        record: PublicRecord::Entities(p.record.clone()),
        index: p.index,
        path: p.proof.path.clone(),
        opening: None,
    };
    let (mut json, mut text) = match &got.found {
        Found::Present(p) => (
            serde_json::json!({"uscc": uscc, "present": true, "proof": proof(p)}),
            t!(
                "registry-lookup-present",
                uscc = uscc,
                name = p.record.name.clone(),
                index = p.index,
                snapshot = sref.id,
                digest = sref.digest
            ),
        ),
        Found::Absent { below, above } => {
            let side = |p: &Option<Box<Proven>>| {
                p.as_ref()
                    .map(|p| format!("{} #{}", p.record.uscc, p.index))
                    .unwrap_or_else(|| "—".into())
            };
            (
                serde_json::json!({
                    "uscc": uscc,
                    "present": false,
                    "below": below.as_deref().map(proof),
                    "above": above.as_deref().map(proof),
                }),
                t!(
                    "registry-lookup-absent",
                    uscc = uscc,
                    below = side(below),
                    above = side(above),
                    snapshot = sref.id,
                    digest = sref.digest
                ),
            )
        }
    };
    if let Some(f) = draw {
        let (in_pool, line) = pool_membership(f, &got)?;
        if let Some(o) = json.as_object_mut() {
            o.extend(in_pool);
        }
        text.push('\n');
        text.push_str(&line);
    }
    out.done("dualdraw.lookup.v1", &json, &text)
}

/// Whether the entity looked up was in the pool of the draw proved by `f`
/// (§5 rules 1–5, the public ones) and whether it was drawn: the proof is
/// checked at the light level and must be about the snapshot looked in.
fn pool_membership(
    f: &std::path::Path,
    got: &crate::core::snapshot::compact::LookedUp,
) -> Result<(serde_json::Map<String, serde_json::Value>, String), Failure> {
    use crate::core::snapshot::compact::Found;
    let proof: crate::core::proof::DrawProof = super::campaign::read_checked(
        f,
        &t!("verify-what-proof"),
        crate::core::json_limits::MAX_PROOF_BYTES,
    )
    .map_err(|(_, m, io)| Failure::rejected(if io { "unreadable" } else { "malformed" }, m))?;
    crate::core::verify::verify_light(&proof).map_err(|m| {
        Failure::rejected(
            "verification_failed",
            t!(
                "registry-lookup-proof-fails",
                file = f.display(),
                why = m.to_string()
            ),
        )
    })?;
    let a = &proof.announcement;
    if a.snapshot.digest != got.head.snapshot.digest {
        return Err(Failure::rejected(
            "digest_differs",
            t!(
                "registry-lookup-digest-differs",
                file = f.display(),
                got = a.snapshot.digest,
                expected = got.head.snapshot.digest
            ),
        ));
    }
    let pool = crate::core::verify::PublicPool::new(&proof, &got.head.items)
        .map_err(|m| Failure::rejected("verification_failed", m.to_string()))?;
    let judged = match &got.found {
        Found::Present(p) => pool
            .judge(&p.record)
            .map_err(|m| Failure::rejected("verification_failed", m.to_string()))?,
        Found::Absent { .. } => None,
    };
    let (in_pool, drawn) = (judged.is_some(), judged.as_ref().is_some_and(|e| e.target));
    let mut m = serde_json::Map::new();
    m.insert("campaign".into(), a.campaign.id.clone().into());
    m.insert("in_public_pool".into(), in_pool.into());
    m.insert("drawn".into(), drawn.into());
    let line = match (in_pool, drawn) {
        (true, true) => t!("registry-lookup-drawn", campaign = a.campaign.id.clone()),
        (true, false) => t!("registry-lookup-in-pool", campaign = a.campaign.id.clone()),
        (false, _) => t!(
            "registry-lookup-not-in-pool",
            campaign = a.campaign.id.clone()
        ),
    };
    Ok((m, line))
}
