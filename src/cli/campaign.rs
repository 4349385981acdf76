//! `campaign announce|reveal|draw`, `verify`, `witness new`.

use super::{Cli, EXIT_REJECTED, Failure, Out, parse_instant};
use crate::core::announcement::DrawError;
use crate::core::campaign::{BeaconScheme, Campaign, instant_text};
use crate::core::draw::{derive_seed, draw};
use crate::core::entropy::{self, DrandRound, Reveal};
use crate::core::proof::{DrawProof, EntropyRecord, make_proof};
use crate::core::verify::{Level, verify_audit, verify_light};
use crate::store::Workspace;
use chrono::{DateTime, Utc};
use clap::Subcommand;
use std::fmt::Write as _;
use std::path::PathBuf;

fn parse_reveal(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .filter(|(n, v)| !n.is_empty() && !v.is_empty())
        .ok_or_else(|| format!("{s:?} is not NAME=SECRET"))
}

/// `campaign` subcommands.
#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Write the recorded proof of a drawn campaign again (exactly the bytes the ledger hashed).
    Proof {
        /// Campaign id.
        id: String,
        /// Output file (default: WORKSPACE/proofs/ID.json).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Open one stratum's threshold (for an enterprise of that credit class to see why it was or was not drawn).
    OpenThreshold {
        /// Campaign id.
        id: String,
        /// The credit class (A–D).
        class: String,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Void a campaign in the open (recorded in the ledger; a new campaign needs a new announcement).
    Void {
        /// Campaign id.
        id: String,
        /// Why (recorded and published).
        #[arg(long)]
        reason: String,
        /// Time of the voiding (default: now).
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
    /// Replace a drawn target (by the next of its stratum) or one officer of a team; recorded.
    Replace {
        /// Campaign id.
        id: String,
        /// The drawn target to replace, or whose officer is replaced.
        #[arg(long)]
        target: String,
        /// The officer who cannot go (omit to replace the target).
        #[arg(long)]
        officer: Option<String>,
        /// Why (published with the replacement).
        #[arg(long)]
        reason: String,
        /// Decide it with fresh randomness: a drand quicknet round that does not exist yet
        /// (the request is recorded now; `campaign resolve-replacement` completes it).
        #[arg(long)]
        round: Option<u64>,
        /// Time of the replacement (default: now).
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
    /// Complete a replacement requested with --round, with that round's drand file.
    ResolveReplacement {
        /// Campaign id.
        id: String,
        /// The drand round file (JSON with round and signature).
        #[arg(long)]
        beacon: PathBuf,
        /// Time of the resolution (default: now).
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
    /// Check campaign files against the current snapshot and announce them (prints the announcement hashes).
    Announce {
        /// The campaign TOML file(s). The campaigns of one coordination group
        /// (`[coordination]`) are announced together, in one command.
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// The announcement time (default: now), e.g. 2026-03-01T09:00:00+08:00.
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
    /// Record one witness's reveal NAME=SECRET (refused if it does not match the commitment).
    Reveal {
        /// Campaign id.
        id: String,
        /// NAME=SECRET.
        #[arg(value_parser = parse_reveal)]
        reveal: (String, String),
        /// The reveal time (default: now).
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
    /// Draw targets and teams, write the proof.
    Draw {
        /// Campaign id.
        id: String,
        /// Reveals to record first, NAME=SECRET (repeatable).
        #[arg(long = "reveal", value_parser = parse_reveal)]
        reveals: Vec<(String, String)>,
        /// drand round file (JSON with round and signature).
        #[arg(long)]
        beacon: Option<PathBuf>,
        /// Lottery result, e.g. "3,7,12,19,25,31/9".
        #[arg(long)]
        lottery: Option<String>,
        /// Where to write the proof (default: WORKSPACE/proofs/ID.json).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Time of reveals given here (default: now).
        #[arg(long, value_parser = parse_instant)]
        now: Option<DateTime<Utc>>,
    },
}

fn draw_failure(e: DrawError) -> Failure {
    let kind = match &e {
        DrawError::Infeasible(_) => "infeasible",
        DrawError::Campaign(_) | DrawError::Sample(_) => "rejected",
        _ => "entropy",
    };
    Failure {
        code: EXIT_REJECTED,
        json: serde_json::json!({"ok": false, "error": {"kind": kind, "message": e.to_string()},
            "unstaffable": match &e { DrawError::Infeasible(i) => serde_json::to_value(&i.0).unwrap_or_default(), _ => serde_json::Value::Null }}),
        message: e.to_string(),
    }
}

/// A refused announcement; `name` prefixes the campaign's id to the message
/// (when several campaigns were announced together). The JSON error always
/// carries `campaign`.
pub(crate) fn announce_failure(e: crate::store::AnnounceError, name: bool) -> Failure {
    use crate::store::AnnounceError as E;
    match e {
        E::NoSnapshot => Failure::usage(e.to_string()),
        E::Store(s) => store_fail(s),
        E::Campaign { id, source } => {
            let mut f = draw_failure(source);
            if name {
                f.message = format!("campaign {id}: {}", f.message);
                if let Some(m) = f.json.pointer_mut("/error/message") {
                    *m = serde_json::Value::String(f.message.clone());
                }
            }
            if let Some(o) = f.json.pointer_mut("/error").and_then(|v| v.as_object_mut()) {
                o.insert("campaign".into(), serde_json::Value::String(id));
            }
            f
        }
        E::Group(m) => Failure::rejected("rejected", m),
    }
}

fn store_fail(e: crate::store::StoreError) -> Failure {
    Failure::from(e)
}

pub(super) fn dispatch(cli: &Cli, out: &Out, c: &CampaignCommand) -> Result<(), Failure> {
    match c {
        CampaignCommand::OpenThreshold {
            id,
            class,
            out: path,
        } => {
            let class = crate::core::registry::vocab::CreditClass::parse(class)
                .map_err(|e| Failure::usage(e.to_string()))?;
            let ws = Workspace::open(&cli.workspace)?;
            let proof = ws.draw_proof(id).map_err(store_fail)?;
            let snap = ws.snapshot(proof.announcement.snapshot.id)?;
            let reg = ws.load(&snap)?;
            let opening = crate::core::verify::open_threshold(&proof, &reg, ws.salt_key(), class)
                .map_err(|e| Failure::rejected("verification", e.to_string()))?;
            let body = serde_json::to_string_pretty(&opening)
                .map_err(|e| Failure::rejected("internal", e.to_string()))?;
            match path {
                Some(p) => {
                    std::fs::write(p, &body)
                        .map_err(|e| Failure::rejected("io", format!("{}: {e}", p.display())))?;
                    out.done(
                        "dualdraw.threshold-opening.v1",
                        &serde_json::json!({"campaign": id, "credit_class": class, "file": p}),
                        &format!(
                            "threshold opening of stratum {} written to {} (give it only to enterprises of that class)",
                            class.token(),
                            p.display()
                        ),
                    )
                }
                None => out.done("dualdraw.threshold-opening.v1", &opening, &body),
            }
        }
        CampaignCommand::Proof { id, out: path } => {
            let ws = Workspace::open(&cli.workspace)?;
            let text = match ws.campaign_state(id).map_err(store_fail)? {
                crate::store::CampaignState::Drawn => {
                    ws.check_records_against_ledger().map_err(store_fail)?;
                    ws.draw_proof_text(id).map_err(store_fail)?
                }
                _ => {
                    return Err(Failure::rejected(
                        "not_drawn",
                        format!("campaign {id} is not drawn"),
                    ));
                }
            };
            let path = path
                .clone()
                .unwrap_or_else(|| ws.dir().join("proofs").join(format!("{id}.json")));
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| Failure::rejected("io", format!("{}: {e}", parent.display())))?;
            }
            std::fs::write(&path, text)
                .map_err(|e| Failure::rejected("io", format!("{}: {e}", path.display())))?;
            out.done(
                "dualdraw.proof.v1",
                &serde_json::json!({"campaign": id, "proof": path}),
                &format!("wrote the recorded proof of {id} to {}", path.display()),
            )
        }
        CampaignCommand::Void { id, reason, now } => {
            let mut ws = Workspace::open(&cli.workspace)?;
            let at = instant_text(&now.unwrap_or_else(Utc::now));
            ws.void_campaign(id, reason, &at, &cli.actor())
                .map_err(store_fail)?;
            out.done(
                "dualdraw.void.v1",
                &serde_json::json!({"campaign": id, "reason": reason, "at": at}),
                &format!("campaign {id} voided ({reason}); the voiding is in the ledger"),
            )
        }
        CampaignCommand::ResolveReplacement { id, beacon, now } => {
            let mut ws = Workspace::open(&cli.workspace)?;
            let a = ws.announcement(id).map_err(store_fail)?;
            let pending = ws.pending_replacement(id)?.ok_or_else(|| {
                Failure::rejected(
                    "not_found",
                    format!("no replacement of {id} is waiting for a beacon round"),
                )
            })?;
            let text = std::fs::read_to_string(beacon).map_err(|e| {
                Failure::rejected("unreadable", format!("{}: {e}", beacon.display()))
            })?;
            let round: DrandRound = serde_json::from_str(&text).map_err(|e| {
                Failure::rejected(
                    "malformed",
                    format!("{}: not a drand round: {e}", beacon.display()),
                )
            })?;
            let spec = crate::core::campaign::BeaconSpec {
                scheme: BeaconScheme::DrandQuicknet,
                round: pending.round.to_string(),
            };
            let b = entropy::verify_quicknet(&spec, &round).map_err(|e| draw_failure(e.into()))?;
            if b.round_time.is_none_or(|t| t <= pending.requested_at) {
                return Err(Failure::rejected(
                    "entropy",
                    "the beacon round is not after the request".to_string(),
                ));
            }
            let proof = ws.draw_proof(id).map_err(store_fail)?;
            let previous = ws.replacements(id)?;
            let snap = ws.snapshot(a.snapshot.id)?;
            let reg = ws.load(&snap)?;
            let r = crate::core::replace::replace_with(
                &reg,
                &a,
                &proof,
                &previous,
                pending.request.clone(),
                &pending.reason,
                now.unwrap_or_else(Utc::now),
                Some(&b),
                Some(pending.requested_at),
            )
            .map_err(|e| Failure::rejected("rejected", e.to_string()))?;
            ws.store_replacement(id, &r, &cli.actor())
                .map_err(store_fail)?;
            let path = write_replacements(&ws, id)?;
            out.done(
                "dualdraw.replace.v1",
                &serde_json::json!({"replacement": r, "file": path}),
                &format!(
                    "replacement {} decided by drand round {}: {}; team: {}\nrecorded in {}",
                    r.seq,
                    pending.round,
                    r.replacement,
                    r.team.join(", "),
                    path.display()
                ),
            )
        }
        CampaignCommand::Replace {
            id,
            target,
            officer,
            reason,
            round,
            now,
        } => {
            let mut ws = Workspace::open(&cli.workspace)?;
            let a = ws.announcement(id).map_err(store_fail)?;
            match ws.campaign_state(id).map_err(store_fail)? {
                crate::store::CampaignState::Drawn => {}
                crate::store::CampaignState::Voided => {
                    return Err(Failure::rejected(
                        "voided",
                        format!("campaign {id} was voided: nothing can be replaced"),
                    ));
                }
                crate::store::CampaignState::Announced => {
                    return Err(Failure::rejected(
                        "not_drawn",
                        format!("campaign {id} is not drawn"),
                    ));
                }
            }
            let proof = ws.draw_proof(id).map_err(store_fail)?;
            let previous = ws.replacements(id)?;
            let snap = ws.snapshot(a.snapshot.id)?;
            let reg = ws.load(&snap)?;
            let request = match officer {
                Some(o) => crate::core::replace::Request::Officer {
                    target: target.clone(),
                    officer: o.clone(),
                },
                None => crate::core::replace::Request::Target {
                    target: target.clone(),
                },
            };
            if let Some(round) = round {
                let at = now.unwrap_or_else(Utc::now);
                let due = entropy::quicknet_round_time(*round).filter(|t| *t > at).ok_or_else(|| {
                    Failure::rejected("entropy", format!("drand round {round} is not in the future: name a round that does not exist yet"))
                })?;
                // Check the request itself now (target, officer), so that the round decides only the choice.
                crate::core::replace::replace(
                    &reg,
                    &a,
                    &proof,
                    &previous,
                    request.clone(),
                    reason,
                    at,
                )
                .map_err(|e| Failure::rejected("rejected", e.to_string()))?;
                let pending = crate::core::replace::PendingReplacement {
                    request,
                    reason: reason.clone(),
                    round: *round,
                    requested_at: at,
                };
                ws.store_replacement_request(id, &pending, &cli.actor())
                    .map_err(store_fail)?;
                return out.done(
                    "dualdraw.replace-request.v1",
                    &serde_json::json!({"campaign": id, "round": round, "due": instant_text(&due)}),
                    &format!("replacement requested; it will be decided by drand round {round} (due {}): then run\n  dualdraw campaign resolve-replacement {id} --beacon ROUND.json", instant_text(&due)),
                );
            }
            let r = crate::core::replace::replace(
                &reg,
                &a,
                &proof,
                &previous,
                request,
                reason,
                now.unwrap_or_else(Utc::now),
            )
            .map_err(|e| Failure::rejected("rejected", e.to_string()))?;
            ws.store_replacement(id, &r, &cli.actor())
                .map_err(store_fail)?;
            let path = write_replacements(&ws, id)?;
            let what = match &r.request {
                crate::core::replace::Request::Target { target } => {
                    format!("target {target} replaced by {}", r.replacement)
                }
                crate::core::replace::Request::Officer { target, officer } => {
                    format!(
                        "officer {officer} on {target} replaced by {}",
                        r.replacement
                    )
                }
            };
            out.done(
                "dualdraw.replace.v1",
                &serde_json::json!({"replacement": r, "file": path}),
                &format!(
                    "replacement {}: {what} ({}); team: {}\nrecorded in {}",
                    r.seq,
                    r.reason,
                    r.team.join(", "),
                    path.display()
                ),
            )
        }
        CampaignCommand::Announce { files, now } => {
            let mut campaigns = Vec::new();
            for file in files {
                let text = std::fs::read_to_string(file).map_err(|e| {
                    Failure::rejected("unreadable", format!("{}: {e}", file.display()))
                })?;
                campaigns.push(Campaign::from_toml(&text).map_err(|e| {
                    Failure::rejected("rejected", format!("{}: {e}", file.display()))
                })?);
            }
            let mut ws = Workspace::open(&cli.workspace)?;
            let recorded = ws
                .announce_campaigns(campaigns, now.unwrap_or_else(Utc::now), &cli.actor())
                .map_err(|e| announce_failure(e, files.len() > 1))?;
            let mut texts = Vec::new();
            let mut docs = Vec::new();
            for (a, summary) in &recorded {
                let mut t = format!(
                    "【抽查公告 / announcement】{}\n{}\nannouncement hash: {}\ncampaign hash:     {}\nsnapshot {} digest {}\ndraw date {}; pool {} entities",
                    a.campaign.id,
                    a.campaign.title,
                    a.hash,
                    a.campaign_hash,
                    a.snapshot.id,
                    a.snapshot.digest,
                    a.campaign.draw_date,
                    summary.pool
                );
                if !a.exclusion.is_empty()
                    || !a.officer_history.is_empty()
                    || !a.drawn_this_year.is_empty()
                {
                    let _ = write!(
                        t,
                        "\nhistory: {} recently inspected left out; {} officer–entity pair(s) kept apart; {} entities drawn earlier this year",
                        a.exclusion.len(),
                        a.officer_history.len(),
                        a.drawn_this_year.len()
                    );
                }
                if let Some(g) = &a.coordination {
                    let _ = write!(
                        t,
                        "\ncoordination group {} ({} campaigns) hash {}",
                        g.group,
                        g.members.len(),
                        g.hash
                    );
                }
                for w in &a.campaign.entropy.witnesses {
                    let _ = write!(t, "\nwitness {} commitment {}", w.name, w.commitment);
                }
                if let Some(b) = &a.campaign.entropy.beacon {
                    let _ = write!(t, "\nbeacon {} round {}", b.scheme.token(), b.round);
                    if let Some(bt) = a.beacon_time() {
                        let _ = write!(t, " (due {})", instant_text(&bt));
                    }
                }
                texts.push(t);
                docs.push(serde_json::json!({"campaign": a.campaign.id, "announcement_hash": a.hash, "campaign_hash": a.campaign_hash,
                    "snapshot": a.snapshot.id, "snapshot_digest": a.snapshot.digest, "pool": summary.pool,
                    "announced_at": instant_text(&a.announced_at),
                    "history": {"exclusion": a.exclusion.len(), "officer_history": a.officer_history.len(), "drawn_this_year": a.drawn_this_year.len()},
                    "group": a.coordination.as_ref().map(|g| serde_json::json!({"name": g.group, "hash": g.hash, "members": g.members.len()}))}));
            }
            let mut t = texts.join("\n\n");
            t.push_str("\nPublish this notice before the draw: it fixes the registries, the rules and the entropy.");
            if docs.len() == 1 {
                out.done("dualdraw.announce.v1", &docs[0], &t)
            } else {
                out.done(
                    "dualdraw.announce-group.v1",
                    &serde_json::json!({"announcements": docs}),
                    &t,
                )
            }
        }
        CampaignCommand::Reveal { id, reveal, now } => {
            let mut ws = Workspace::open(&cli.workspace)?;
            record_reveal(
                &mut ws,
                id,
                reveal,
                now.unwrap_or_else(Utc::now),
                &cli.actor(),
                false,
            )?;
            out.done(
                "dualdraw.reveal.v1",
                &serde_json::json!({"campaign": id, "witness": reveal.0}),
                &format!("recorded the reveal of {} for {id}", reveal.0),
            )
        }
        CampaignCommand::Draw {
            id,
            reveals,
            beacon,
            lottery,
            out: path,
            now,
        } => {
            let mut ws = Workspace::open(&cli.workspace)?;
            let a = ws.announcement(id).map_err(store_fail)?;
            if ws.campaign_state(id).map_err(store_fail)? == crate::store::CampaignState::Drawn {
                return Err(Failure::rejected(
                    "already_drawn",
                    format!("campaign {id} is already drawn: one draw per announcement"),
                ));
            }
            let at = now.unwrap_or_else(Utc::now);
            for r in reveals {
                record_reveal(&mut ws, id, r, at, &cli.actor(), true)?;
            }
            let beacon_value = match (&a.campaign.entropy.beacon, beacon, lottery) {
                (Some(spec), Some(f), _) if spec.scheme == BeaconScheme::DrandQuicknet => {
                    let text = std::fs::read_to_string(f).map_err(|e| {
                        Failure::rejected("unreadable", format!("{}: {e}", f.display()))
                    })?;
                    let round: DrandRound = serde_json::from_str(&text).map_err(|e| {
                        Failure::rejected(
                            "malformed",
                            format!("{}: not a drand round: {e}", f.display()),
                        )
                    })?;
                    Some(
                        entropy::verify_quicknet(spec, &round)
                            .map_err(|e| draw_failure(e.into()))?,
                    )
                }
                (Some(spec), _, Some(result)) if spec.scheme == BeaconScheme::Lottery => {
                    Some(entropy::lottery_value(spec, result).map_err(|e| draw_failure(e.into()))?)
                }
                _ => None,
            };
            let recorded = ws.reveals(id)?;
            let (seed, used, missing) =
                derive_seed(&a, &recorded, beacon_value.as_ref()).map_err(draw_failure)?;
            let snap = ws.snapshot(a.snapshot.id)?;
            let reg = ws.load(&snap)?;
            let group_announcements = ws.group_announcements(&a).map_err(store_fail)?;
            let key = crate::core::draw::prn_key(
                &a,
                &seed,
                &used,
                beacon_value.as_ref().map(|b| &b.value),
                &group_announcements,
            )
            .map_err(draw_failure)?;
            let outcome = draw(&reg, &a, &seed, &key).map_err(draw_failure)?;
            let proof = make_proof(
                &reg,
                ws.salt_key(),
                &a,
                EntropyRecord {
                    reveals: used,
                    missing,
                    beacon: beacon_value,
                },
                &outcome,
                &group_announcements,
            );
            let path = path
                .clone()
                .unwrap_or_else(|| ws.dir().join("proofs").join(format!("{id}.json")));
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| Failure::rejected("io", format!("{}: {e}", parent.display())))?;
            }
            let body = serde_json::to_string_pretty(&proof)
                .map_err(|e| Failure::rejected("internal", e.to_string()))?;
            // A draw is recorded only when its proof can be written: write it
            // beside its final name first, record, then move it in place.
            if path.is_dir() {
                return Err(Failure::rejected(
                    "io",
                    format!("{} is a folder; nothing was recorded", path.display()),
                ));
            }
            let tmp = path.with_extension(format!("partial-{}", std::process::id()));
            std::fs::write(&tmp, &body).map_err(|e| {
                Failure::rejected(
                    "io",
                    format!("{}: {e}; nothing was recorded", tmp.display()),
                )
            })?;
            // The schedule secret of the visit dates: fixed now, revealed after the visits.
            let (schedule_secret, _) = entropy::new_witness_secret().map_err(|e| {
                Failure::rejected(
                    "entropy",
                    format!("no system randomness for the schedule secret: {e}"),
                )
            })?;
            if let Err(e) = ws.store_draw_with(
                &proof,
                &instant_text(&at),
                &cli.actor(),
                Some(&schedule_secret),
            ) {
                let _ = std::fs::remove_file(&tmp);
                return Err(store_fail(e));
            }
            std::fs::rename(&tmp, &path).map_err(|e| {
                Failure::rejected(
                    "io",
                    format!("{}: {e} (the draw is recorded: write it again with `dualdraw campaign proof {id}`)", path.display()),
                )
            })?;
            let text = summary(&proof, &format!("proof written to {}", path.display()));
            out.done(
                "dualdraw.draw.v1",
                &serde_json::json!({"proof": path, "seed": proof.seed, "teams": proof.teams.iter().map(|t| serde_json::json!({"target": t.target, "officers": t.officers})).collect::<Vec<_>>()}),
                &text,
            )
        }
    }
}

fn record_reveal(
    ws: &mut Workspace,
    id: &str,
    (name, secret): &(String, String),
    at: DateTime<Utc>,
    actor: &crate::store::Actor,
    repeat_ok: bool,
) -> Result<(), Failure> {
    let a = ws.announcement(id).map_err(store_fail)?;
    let w = a
        .campaign
        .entropy
        .witnesses
        .iter()
        .find(|w| &w.name == name)
        .ok_or_else(|| {
            Failure::rejected("rejected", format!("{name:?} is not a witness of {id}"))
        })?;
    entropy::check_reveal(name, &w.commitment, secret).map_err(|e| draw_failure(e.into()))?;
    if at < a.announced_at {
        return Err(Failure::rejected(
            "late",
            format!(
                "a reveal at {} would precede the announcement ({})",
                instant_text(&at),
                instant_text(&a.announced_at)
            ),
        ));
    }
    // The same secret again in a retried `draw --reveal` is already recorded.
    if repeat_ok
        && ws.campaign_state(id).map_err(store_fail)? == crate::store::CampaignState::Announced
        && ws
            .reveals(id)?
            .iter()
            .any(|r| &r.name == name && &r.secret == secret)
    {
        return Ok(());
    }
    if let Some(d) = a.reveal_deadline()
        && at >= d
    {
        return Err(Failure::rejected(
            "late",
            format!(
                "the reveal deadline {} has passed ({})",
                instant_text(&d),
                instant_text(&at)
            ),
        ));
    }
    ws.store_reveal(
        id,
        &Reveal {
            name: name.clone(),
            secret: secret.clone(),
            revealed_at: at,
        },
        actor,
    )
    .map_err(store_fail)
}

/// Writes every recorded replacement of a campaign to `proofs/ID.replacements.json`.
fn write_replacements(ws: &Workspace, id: &str) -> Result<PathBuf, Failure> {
    let all = ws.replacements(id)?;
    let path = ws
        .dir()
        .join("proofs")
        .join(format!("{id}.replacements.json"));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Failure::rejected("io", format!("{}: {e}", parent.display())))?;
    }
    let body = serde_json::to_string_pretty(&all)
        .map_err(|e| Failure::rejected("internal", e.to_string()))?;
    std::fs::write(&path, body)
        .map_err(|e| Failure::rejected("io", format!("{}: {e}", path.display())))?;
    Ok(path)
}

/// The clerk-readable summary of a proof.
pub fn summary(p: &DrawProof, first: &str) -> String {
    let mut t = format!(
        "{first}\ncampaign {} ({})\nseed {}\n",
        p.announcement.campaign.id, p.announcement.campaign.title, p.seed
    );
    let _ = writeln!(
        t,
        "pool {} entities ({} left out by class)",
        p.pool_size, p.excluded_by_class
    );
    for s in &p.strata {
        let _ = writeln!(
            t,
            "  stratum {}: pool {:>7}  drawn {:>5}",
            s.credit_class.token(),
            s.pool,
            s.drawn
        );
    }
    let _ = writeln!(t, "{} target(s):", p.targets.len());
    for (tr, team) in p.targets.iter().zip(&p.teams) {
        let names: Vec<String> = team
            .officers
            .iter()
            .map(|id| {
                p.officers
                    .binary_search_by(|o| o.id.as_str().cmp(id))
                    .map(|i| {
                        format!(
                            "{}({}, {})",
                            p.officers[i].name, id, p.officers[i].department
                        )
                    })
                    .unwrap_or_else(|_| id.clone())
            })
            .collect();
        let _ = writeln!(
            t,
            "  {} {}  [{}]  team: {}",
            tr.entity.uscc,
            tr.entity.name,
            tr.items.join(","),
            names.join(", ")
        );
    }
    t
}

pub(super) fn verify(
    cli: &Cli,
    out: &Out,
    file: &std::path::Path,
    snapshot: Option<&std::path::Path>,
    replacements: Option<&std::path::Path>,
    light: bool,
) -> Result<(), Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::rejected("unreadable", format!("{}: {e}", file.display())))?;
    let proof: DrawProof = serde_json::from_str(&text).map_err(|e| {
        Failure::rejected(
            "malformed",
            format!("{}: not a draw proof: {e}", file.display()),
        )
    })?;
    let public = match (snapshot, light) {
        (Some(f), false) => {
            let text = std::fs::read_to_string(f)
                .map_err(|e| Failure::rejected("unreadable", format!("{}: {e}", f.display())))?;
            Some(
                serde_json::from_str::<crate::core::snapshot::PublicSnapshot>(&text).map_err(
                    |e| {
                        Failure::rejected(
                            "malformed",
                            format!("{}: not a public snapshot: {e}", f.display()),
                        )
                    },
                )?,
            )
        }
        _ => None,
    };
    let ws = if light || public.is_some() {
        None
    } else {
        Workspace::open(&cli.workspace).ok()
    };
    let snap = ws.as_ref().and_then(|w| {
        w.snapshot_by_digest(&proof.announcement.snapshot.digest)
            .ok()
            .flatten()
    });
    let result = match (&public, &ws, &snap) {
        (Some(ps), _, _) => crate::core::verify::verify_public(&proof, ps),
        (None, Some(w), Some(s)) => {
            let reg = w.load(s)?;
            let r = verify_audit(&proof, &reg, w.salt_key());
            if let (Ok(_), Some(f)) = (&r, replacements) {
                let text = std::fs::read_to_string(f).map_err(|e| {
                    Failure::rejected("unreadable", format!("{}: {e}", f.display()))
                })?;
                let list: Vec<crate::core::replace::Replacement> = serde_json::from_str(&text)
                    .map_err(|e| {
                        Failure::rejected(
                            "malformed",
                            format!("{}: not a replacement list: {e}", f.display()),
                        )
                    })?;
                crate::core::replace::verify_replacements(&reg, &proof.announcement, &proof, &list).map_err(|m| Failure {
                    code: EXIT_REJECTED,
                    json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": "verification_failed", "message": m}}),
                    message: format!("FAILED: {m}"),
                })?;
                let recorded = w.replacements(&proof.announcement.campaign.id)?;
                if recorded != list {
                    let m = format!(
                        "the replacement file has {} replacement(s) that differ from the {} recorded in the workspace (ledger)",
                        list.len(),
                        recorded.len()
                    );
                    return Err(Failure {
                        code: EXIT_REJECTED,
                        json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": "verification_failed", "message": m}}),
                        message: format!("FAILED: {m}"),
                    });
                }
            }
            r
        }
        _ => {
            if replacements.is_some() {
                return Err(Failure::usage(
                    "--replacements needs the workspace that holds the draw's snapshot (audit level)",
                ));
            }
            verify_light(&proof)
        }
    };
    match result {
        Ok(v) => {
            let level = v.level();
            let how = match level {
                Level::Light => {
                    "VERIFIED (light: commitments, reveals, beacon, seed, inclusion proofs, strata arithmetic and the whole team assignment re-run; the strata's membership needs the workspace)"
                }
                Level::Public => {
                    "VERIFIED (public: light, plus the pool recomputed from the published public snapshot; the strata's membership needs the workspace)"
                }
                Level::Audit => {
                    "VERIFIED (audit: the whole draw re-run on the workspace's snapshot with its salts)"
                }
            };
            out.done(
                "dualdraw.verify.v1",
                &serde_json::json!({"verified": true, "level": level, "seed": proof.seed, "targets": proof.targets.len()}),
                &summary(&proof, how),
            )
        }
        Err(m) => Err(Failure {
            code: EXIT_REJECTED,
            json: serde_json::json!({"ok": false, "verified": false, "error": {"kind": "verification_failed", "message": m.to_string(), "what": m.what, "expected": m.expected, "got": m.got}}),
            message: format!("FAILED: {m}"),
        }),
    }
}

pub(super) fn witness_new(out: &Out) -> Result<(), Failure> {
    let (secret, commitment) =
        entropy::new_witness_secret().map_err(|e| Failure::rejected("io", e.to_string()))?;
    out.done(
        "dualdraw.witness.v1",
        &serde_json::json!({"secret": secret, "commitment": commitment}),
        &format!("secret:     {secret}\ncommitment: {commitment}\nGive the bureau only the commitment. Keep the secret until the reveal."),
    )
}
