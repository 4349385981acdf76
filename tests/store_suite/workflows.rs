//! The generic workflows over any store: reveals and draws, replacements,
//! verification, results, status and snapshots — called directly, as an
//! embedder calls them.

use super::{actor, campaign, commit_all, instant, secret, small_county};
use chrono::NaiveDate;
use dualdraw::core::calendar::Calendar;
use dualdraw::core::entropy::DrandRound;
use dualdraw::core::record_proof::SnapshotRef;
use dualdraw::core::replace::Request;
use dualdraw::core::results::InspectionResult;
use dualdraw::core::verify::Level;
use dualdraw::store::{
    CampaignState, DrawCampaignError, DrawInputs, ReplaceFlowError, ResultMode, ResultsFlowError,
    RevealError, Store, VerifyDrawError, announce_campaigns, campaign_statuses, deadlines,
    draw_campaign, drawn_campaign, import_results, known_snapshot, open_stratum_threshold,
    prepare_draw, prove_record, public_snapshot, record_result, record_reveal, replace_now,
    request_replacement, resolve_replacement, snapshot_or_current, verify_draw,
};
use dualdraw::{DrawProof, RegistryKind};

fn announced<S: Store>(s: &mut S, id: &str) {
    announce_campaigns(
        s,
        vec![campaign(id)],
        instant("2026-03-01T09:00:00+08:00"),
        &actor(),
    )
    .unwrap();
}

fn inputs() -> DrawInputs {
    DrawInputs {
        reveals: vec![("甲".into(), secret("甲"))],
        ..DrawInputs::default()
    }
}

/// Draws campaign `id` with the library: announced, revealed with the draw.
fn drawn_by_library<S: Store>(s: &mut S, id: &str) -> DrawProof {
    announced(s, id);
    draw_campaign(
        s,
        id,
        &inputs(),
        instant("2026-03-02T09:30:00+08:00"),
        &actor(),
        Some("secret"),
    )
    .unwrap()
}

/// A reveal (揭示) is refused for a name that is no witness, a wrong secret
/// or a time before the announcement; the right one is recorded once.
pub fn reveals_are_checked_before_they_are_recorded<S: Store>(mut s: S) {
    commit_all(&mut s, &small_county());
    announced(&mut s, "R-1");
    let at = instant("2026-03-02T09:00:00+08:00");
    let good = secret("甲");
    assert!(matches!(
        record_reveal(&mut s, "R-1", ("乙", &good), at, &actor()),
        Err(RevealError::NotAWitness { .. })
    ));
    assert!(matches!(
        record_reveal(&mut s, "R-1", ("甲", &secret("乙")), at, &actor()),
        Err(RevealError::Secret(_))
    ));
    let early = instant("2026-03-01T08:00:00+08:00");
    assert!(matches!(
        record_reveal(&mut s, "R-1", ("甲", &good), early, &actor()),
        Err(RevealError::BeforeAnnouncement { .. })
    ));
    assert!(s.reveals("R-1").unwrap().is_empty());
    record_reveal(&mut s, "R-1", ("甲", &good), at, &actor()).unwrap();
    assert_eq!(s.reveals("R-1").unwrap().len(), 1);
    assert!(matches!(
        record_reveal(&mut s, "R-1", ("甲", &good), at, &actor()),
        Err(RevealError::Store(_))
    ));
}

/// A draw (抽取): `prepare_draw` records the reveals but not the draw;
/// `draw_campaign` gives the same proof and records it, once.
pub fn a_campaign_is_drawn_once_by_the_library<S: Store>(mut s: S) {
    commit_all(&mut s, &small_county());
    announced(&mut s, "D-1");
    let at = instant("2026-03-02T09:30:00+08:00");
    let prepared = prepare_draw(&mut s, "D-1", &inputs(), at, &actor()).unwrap();
    assert_eq!(s.campaign_state("D-1").unwrap(), CampaignState::Announced);
    assert_eq!(s.reveals("D-1").unwrap().len(), 1);
    // The reveal given again is accepted as recorded.
    let proof = draw_campaign(&mut s, "D-1", &inputs(), at, &actor(), Some("secret")).unwrap();
    assert_eq!(proof, prepared);
    assert_eq!(s.campaign_state("D-1").unwrap(), CampaignState::Drawn);
    assert_eq!(s.draw_proof("D-1").unwrap(), proof);
    assert!(matches!(
        draw_campaign(&mut s, "D-1", &inputs(), at, &actor(), None),
        Err(DrawCampaignError::AlreadyDrawn(_))
    ));
    // Without the reveal the seed cannot be derived.
    announced(&mut s, "D-2");
    assert!(matches!(
        draw_campaign(&mut s, "D-2", &DrawInputs::default(), at, &actor(), None),
        Err(DrawCampaignError::Draw(_))
    ));
    assert_eq!(s.campaign_state("D-2").unwrap(), CampaignState::Announced);
}

/// Replacements (替换): refused before the draw, made at once after it, a
/// request for a past round refused, nothing to resolve without a request.
pub fn replacements_follow_the_draw<S: Store>(mut s: S) {
    commit_all(&mut s, &small_county());
    announced(&mut s, "P-1");
    let at = instant("2026-03-05T09:00:00+08:00");
    let target = |t: &str| Request::Target {
        target: t.to_string(),
    };
    assert!(matches!(
        replace_now(&mut s, "P-1", target("X"), "ill", at, &actor()),
        Err(ReplaceFlowError::NotDrawn(_))
    ));
    let proof = draw_campaign(
        &mut s,
        "P-1",
        &inputs(),
        instant("2026-03-02T09:30:00+08:00"),
        &actor(),
        None,
    )
    .unwrap();
    assert!(matches!(
        replace_now(&mut s, "P-1", target("NOT-A-TARGET"), "ill", at, &actor()),
        Err(ReplaceFlowError::Rejected(_))
    ));
    let first = proof.teams[0].target.clone();
    let r = replace_now(&mut s, "P-1", target(&first), "closed", at, &actor()).unwrap();
    assert_eq!(r.seq, 1);
    assert_ne!(r.replacement, first);
    assert_eq!(s.replacements("P-1").unwrap(), vec![r]);
    assert!(matches!(
        request_replacement(&mut s, "P-1", target(&first), "x", 1, at, &actor()),
        Err(ReplaceFlowError::RoundNotFuture(1))
    ));
    let round = DrandRound {
        round: 1,
        signature: String::new(),
    };
    assert!(matches!(
        resolve_replacement(&mut s, "P-1", &round, at, &actor()),
        Err(ReplaceFlowError::NoPending(_))
    ));
    // Verification (验证) re-derives the recorded replacements at audit level.
    let reps = s.replacements("P-1").unwrap();
    let level = verify_draw(Some(&s), &proof, None, Some(&reps)).unwrap();
    assert_eq!(level.level(), Level::Audit);
    assert!(matches!(
        verify_draw(Some(&s), &proof, None, Some(&[])),
        Err(VerifyDrawError::ReplacementsDiffer {
            given: 0,
            recorded: 1
        })
    ));
}

/// Verification (验证) reaches audit level with the store, light without;
/// a replacement list needs the store; a stratum's threshold opens.
pub fn draws_verify_at_the_level_the_inputs_allow<S: Store>(mut s: S) {
    commit_all(&mut s, &small_county());
    let proof = drawn_by_library(&mut s, "V-1");
    assert_eq!(
        verify_draw(Some(&s), &proof, None, None).unwrap().level(),
        Level::Audit
    );
    assert_eq!(
        verify_draw::<S>(None, &proof, None, None).unwrap().level(),
        Level::Light
    );
    assert!(matches!(
        verify_draw::<S>(None, &proof, None, Some(&[])),
        Err(VerifyDrawError::ReplacementsNeedAudit)
    ));
    let mut forged = proof.clone();
    forged.seed = dualdraw::Hash([7; 32]);
    assert!(matches!(
        verify_draw(Some(&s), &forged, None, None),
        Err(VerifyDrawError::Mismatch(_))
    ));
    let class = proof.strata[0].credit_class;
    open_stratum_threshold(&s, "V-1", class).unwrap();
}

fn result_of(proof: &DrawProof, k: usize) -> InspectionResult {
    let t = &proof.teams[k];
    let target = proof
        .targets
        .iter()
        .find(|x| x.entity.uscc == t.target)
        .unwrap();
    InspectionResult {
        campaign: proof.announcement.campaign.id.clone(),
        target: t.target.clone(),
        item: target.items[0].clone(),
        result: "未发现问题".into(),
        inspected_on: NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
        officers: t.officers.clone(),
        note: String::new(),
    }
}

/// Results (检查结果) are checked against the draw: refused before it, one
/// recorded, an import refused whole for a duplicate or recorded row; the
/// status (状态) counts them and finds the overdue (逾期).
pub fn results_are_checked_against_the_draw<S: Store>(mut s: S) {
    commit_all(&mut s, &small_county());
    announced(&mut s, "O-1");
    assert!(matches!(
        drawn_campaign(&s, "O-1"),
        Err(ResultsFlowError::NotDrawn(_))
    ));
    let proof = draw_campaign(
        &mut s,
        "O-1",
        &inputs(),
        instant("2026-03-02T09:30:00+08:00"),
        &actor(),
        None,
    )
    .unwrap();
    let cal = Calendar::shipped();
    let at = "2026-03-10T08:00:00Z";
    let d = drawn_campaign(&s, "O-1").unwrap();
    let first = result_of(&proof, 0);
    assert!(d.is_target(&first.target));
    assert_eq!(d.items_of(&first.target), proof.targets[0].items);
    let mut stranger = first.clone();
    stranger.target = "NOT-A-TARGET".into();
    assert!(matches!(
        record_result(&mut s, &stranger, ResultMode::New, &cal, at, &actor()),
        Err(ResultsFlowError::Rejected(_))
    ));
    let due = record_result(&mut s, &first, ResultMode::New, &cal, at, &actor()).unwrap();
    assert_eq!(due, cal.results_due(first.inspected_on).unwrap());
    let second = result_of(&proof, 1);
    let rows = vec![(2, first.clone()), (3, second.clone()), (4, second.clone())];
    let Err(ResultsFlowError::Rows(problems)) =
        import_results(&mut s, "O-1", rows, &cal, at, &actor())
    else {
        panic!("a recorded and a repeated row are refused");
    };
    assert_eq!(
        problems.iter().map(|p| p.line).collect::<Vec<_>>(),
        vec![2, 4]
    );
    assert_eq!(s.results("O-1").unwrap().len(), 1);
    let done = import_results(&mut s, "O-1", vec![(2, second)], &cal, at, &actor()).unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(s.results("O-1").unwrap().len(), 2);
    // Status: none published, so every result is unpublished.
    let today = NaiveDate::from_ymd_opt(2026, 5, 6).unwrap();
    let all = campaign_statuses(&s, &cal, today, &|id| s.results(id)).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].state, CampaignState::Drawn);
    let st = all[0].drawn.as_ref().unwrap();
    assert_eq!((st.results, st.unpublished_results), (2, 2));
    assert!(!st.list_published && !st.results_published);
    assert_eq!(st.deadlines.overdue.len(), 2);
    assert_eq!(st.schedule, None);
    let early = NaiveDate::from_ymd_opt(2026, 3, 11).unwrap();
    let d = deadlines(&s.results("O-1").unwrap(), &cal, early);
    assert!(d.overdue.is_empty() && d.due_soon.is_empty() && d.unknown.is_empty());
}

/// Snapshots (版本快照): chosen by id or the newest, found by a published
/// reference, exported public, and a record proved (记录证明).
pub fn snapshots_are_chosen_found_and_proved<S: Store>(mut s: S) {
    assert_eq!(snapshot_or_current(&s, None).unwrap(), None);
    let reg = small_county();
    commit_all(&mut s, &reg);
    let current = s.current_snapshot().unwrap().unwrap();
    assert_eq!(
        snapshot_or_current(&s, None).unwrap(),
        Some(current.clone())
    );
    assert_eq!(
        snapshot_or_current(&s, Some(1)).unwrap(),
        Some(s.snapshot(1).unwrap())
    );
    let sref = SnapshotRef {
        id: current.id,
        digest: current.digest,
        roots: current.roots,
    };
    assert_eq!(known_snapshot(&s, &sref).unwrap(), Some(current.id));
    let public = public_snapshot(&s, &current).unwrap();
    assert_eq!(public.check().unwrap(), current.roots);
    let uscc = reg.entities[0].uscc.to_string();
    let proof = prove_record(&s, &current, None, &uscc, false)
        .unwrap()
        .unwrap();
    assert!(proof.verify(Some(&current.digest)).is_ok());
    let officer = reg.officers[0].id.clone();
    assert!(
        prove_record(&s, &current, None, &officer, false)
            .unwrap()
            .is_some()
    );
    assert!(
        prove_record(&s, &current, Some(RegistryKind::Items), &uscc, false)
            .unwrap()
            .is_none()
    );
}
