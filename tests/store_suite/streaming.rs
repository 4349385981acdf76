//! Streaming (issue 17): a draw and its audit read the entities run by run
//! (`Store::for_each_entity_run`, `Store::entity_proofs`) and give exactly
//! what the loaded registries give.

use super::{actor, campaign, commit_all, instant, secret};
use dualdraw::core::campaign::{Ratio, StratumRule};
use dualdraw::core::commitment::{registry_root, registry_tree};
use dualdraw::core::proof::{EntropyRecord, make_proof};
use dualdraw::core::registry::vocab::CreditClass;
use dualdraw::core::sample::PrnKey;
use dualdraw::core::verify::{Level, open_threshold};
use dualdraw::io::generate::{CountySpec, county};
use dualdraw::store::{
    CommitOutcome, DrawInputs, Store, StoreError, VerifyDrawError, announce_campaigns,
    open_stratum_threshold, prepare_draw, verify_draw,
};
use dualdraw::{RegistryKind, derive_seed, draw};

/// Entities enough for several stored runs in a backend that stores a few
/// thousand to a chunk (the SQLite workspace: about 4 MiB of records).
const ENTITIES: u64 = 24_000;

/// A streamed draw (`prepare_draw`) gives the proof the loaded registries
/// give, for ratio strata, a `count` stratum and a `min` far above its
/// ratio (which numbers a stratum again in a second pass); the streamed
/// audit passes it and refuses a forged threshold; `entity_proofs` gives
/// the whole tree's proofs.
pub fn a_streamed_draw_equals_the_loaded_draw<S: Store>(mut s: S) {
    let reg = county(&CountySpec {
        seed: 11,
        entities: ENTITIES,
        ..Default::default()
    })
    .unwrap();
    commit_all(&mut s, &reg);
    let snap = s.current_snapshot().unwrap().unwrap();
    assert_eq!(s.load(&snap).unwrap(), reg);

    let mut runs = 0;
    let mut seen = 0usize;
    s.for_each_entity_run(&snap, &mut |first, run| {
        assert_eq!(first, seen, "runs come in index order");
        seen += run.len();
        runs += 1;
        Ok(())
    })
    .unwrap();
    assert_eq!(seen as u64, ENTITIES);
    assert!(runs >= 2, "{runs} run(s): the registry must span several");

    let tree = registry_tree(&reg, RegistryKind::Entities, s.salt_key());
    let asked = [ENTITIES - 1, 0, 13_337, 13_337];
    let got = s.entity_proofs(&snap, &asked).unwrap();
    for (&i, (e, p)) in asked.iter().zip(&got) {
        assert_eq!(e, &reg.entities[i as usize]);
        assert_eq!(p, &tree.prove(i).unwrap());
    }
    assert!(matches!(
        s.entity_proofs(&snap, &[ENTITIES]),
        Err(StoreError::Backend(_))
    ));

    for (id, tweak) in [("S-ratio", 0), ("S-count", 1), ("S-min", 2)] {
        let mut c = campaign(id);
        match tweak {
            1 => c.targets.strata[1].rule = StratumRule::Count(40),
            2 => {
                c.targets.strata[0].rule = StratumRule::Ratio(Ratio::new(1, 100).unwrap());
                c.targets.strata[0].min = Some(120);
            }
            _ => {}
        }
        let (a, _) = announce_campaigns(
            &mut s,
            vec![c],
            instant("2026-03-01T09:00:00+08:00"),
            &actor(),
        )
        .unwrap()
        .remove(0);
        let inputs = DrawInputs {
            reveals: vec![("甲".into(), secret("甲"))],
            ..DrawInputs::default()
        };
        let at = instant("2026-03-02T09:30:00+08:00");
        let streamed = prepare_draw(&mut s, id, &inputs, at, &actor()).unwrap();

        let reveals = s.reveals(id).unwrap();
        let (seed, used, missing) = derive_seed(&a, &reveals, None).unwrap();
        let out = draw(&reg, &a, &seed, &PrnKey::plain(seed)).unwrap();
        let loaded = make_proof(
            &reg,
            s.salt_key(),
            &a,
            EntropyRecord {
                reveals: used,
                missing,
                beacon: None,
            },
            &out,
            &[],
        );
        assert_eq!(streamed, loaded, "{id}");
        if tweak == 2 {
            let a_class = loaded
                .strata
                .iter()
                .find(|x| x.credit_class == CreditClass::A)
                .unwrap();
            assert!(a_class.drawn >= 120, "{id}: the minimum is drawn");
        }
        s.store_draw_with(&streamed, "2026-03-02T01:30:00Z", &actor(), None)
            .unwrap();
        assert_eq!(
            verify_draw(Some(&s), &streamed, None, None)
                .unwrap()
                .level(),
            Level::Audit
        );
        // The threshold opened from the streamed registry is the loaded one's.
        for st in &streamed.strata {
            assert_eq!(
                open_stratum_threshold(&s, id, st.credit_class).unwrap(),
                open_threshold(&streamed, &reg, s.salt_key(), st.credit_class).unwrap(),
                "{id} {}",
                st.credit_class.token()
            );
        }
        let mut forged = streamed.clone();
        forged.strata[0].threshold_commitment = dualdraw::Hash([1; 32]);
        assert!(matches!(
            verify_draw(Some(&s), &forged, None, None),
            Err(VerifyDrawError::Mismatch(_))
        ));
    }
}

/// An update of the entities (`Store::commit_entity_delta`) gives the
/// snapshot a whole commit of the merged registry gives: replaced, added
/// and removed entities, every entity visited in order; an unchanged
/// update makes nothing new; a stale base is refused.
pub fn an_entity_update_equals_a_whole_commit_of_the_merged_registry<S: Store>(mut s: S) {
    let reg = county(&CountySpec {
        seed: 12,
        entities: ENTITIES,
        ..Default::default()
    })
    .unwrap();
    commit_all(&mut s, &reg);
    let base = s.current_snapshot().unwrap().unwrap();
    let more = county(&CountySpec {
        seed: 13,
        entities: 600,
        ..Default::default()
    })
    .unwrap();
    // Replace every 97th entity's name, add 600 new ones, remove every 101st.
    let mut upserts: Vec<_> = reg
        .entities
        .iter()
        .step_by(97)
        .map(|e| {
            let mut e = e.clone();
            e.name.push_str("（更名）");
            e
        })
        .collect();
    upserts.extend(
        more.entities
            .iter()
            .filter(|e| reg.entity(e.uscc.as_str()).is_none())
            .cloned(),
    );
    upserts.sort_by(|a, b| a.uscc.as_bytes().cmp(b.uscc.as_bytes()));
    upserts.dedup_by(|a, b| a.uscc == b.uscc);
    let removals: std::collections::BTreeSet<String> = reg
        .entities
        .iter()
        .skip(1)
        .step_by(101)
        .map(|e| e.uscc.to_string())
        .collect();
    let mut want = reg.clone();
    want.entities.retain(|e| {
        !removals.contains(e.uscc.as_str())
            && upserts.binary_search_by(|u| u.uscc.cmp(&e.uscc)).is_err()
    });
    want.entities.extend(upserts.iter().cloned());
    want.sort_by_key_of();

    let mut seen = Vec::new();
    let out = s
        .commit_entity_delta(
            Some(base.id),
            upserts.clone(),
            &removals,
            "update",
            &mut |e| seen.push(e.uscc.to_string()),
        )
        .unwrap();
    let CommitOutcome::NewSnapshot { snapshot } = out else {
        panic!("an update makes a snapshot")
    };
    let wanted: Vec<String> = want.entities.iter().map(|e| e.uscc.to_string()).collect();
    assert_eq!(seen, wanted);
    assert_eq!(
        snapshot.roots.get(RegistryKind::Entities),
        registry_root(&want, RegistryKind::Entities, s.salt_key())
    );
    assert_eq!(
        snapshot.roots.get(RegistryKind::Officers),
        base.roots.get(RegistryKind::Officers)
    );
    assert_eq!(s.load(&snapshot).unwrap(), want);

    // The same update again: unchanged, nothing new.
    let again = s
        .commit_entity_delta(
            Some(snapshot.id),
            upserts.clone(),
            &removals,
            "again",
            &mut |_| {},
        )
        .unwrap();
    assert!(matches!(again, CommitOutcome::Unchanged { .. }));
    assert_eq!(s.current_snapshot().unwrap().unwrap().id, snapshot.id);
    // Based on the snapshot before the update: refused, never lost.
    assert!(matches!(
        s.commit_entity_delta(Some(base.id), Vec::new(), &removals, "stale", &mut |_| {}),
        Err(StoreError::Conflict(_))
    ));
    // Unsorted rows are refused.
    let mut unsorted = upserts;
    unsorted.reverse();
    assert!(
        s.commit_entity_delta(
            Some(snapshot.id),
            unsorted,
            &Default::default(),
            "x",
            &mut |_| {}
        )
        .is_err()
    );
}

/// The entities replaced by a sorted stream (`Store::commit_entity_stream`,
/// several files imported at once) give the snapshot a whole commit of the
/// same registry gives, every entity visited in order; the same stream again
/// is unchanged; a stale base, a stream out of order and a stream failing
/// part-way are refused and write nothing.
pub fn an_entity_stream_equals_a_whole_commit_of_its_entities<S: Store>(mut s: S) {
    let reg = county(&CountySpec {
        seed: 14,
        entities: ENTITIES,
        ..Default::default()
    })
    .unwrap();
    commit_all(&mut s, &reg);
    let base = s.current_snapshot().unwrap().unwrap();
    let mut next = county(&CountySpec {
        seed: 15,
        entities: ENTITIES + 700,
        ..Default::default()
    })
    .unwrap()
    .entities;
    next.sort_by(|a, b| a.uscc.as_bytes().cmp(b.uscc.as_bytes()));
    next.dedup_by(|a, b| a.uscc == b.uscc);
    let mut want = reg.clone();
    want.entities = next.clone();
    let mut seen = Vec::new();
    let mut stream = next.clone().into_iter().map(Ok);
    let out = s
        .commit_entity_stream(Some(base.id), &mut stream, "import several", &mut |e| {
            seen.push(e.uscc.to_string())
        })
        .unwrap();
    let CommitOutcome::NewSnapshot { snapshot } = out else {
        panic!("a new registry makes a snapshot")
    };
    let wanted: Vec<String> = next.iter().map(|e| e.uscc.to_string()).collect();
    assert_eq!(seen, wanted);
    assert_eq!(
        snapshot.roots.get(RegistryKind::Entities),
        registry_root(&want, RegistryKind::Entities, s.salt_key())
    );
    assert_eq!(
        snapshot.roots.get(RegistryKind::Officers),
        base.roots.get(RegistryKind::Officers)
    );
    assert_eq!(s.load(&snapshot).unwrap(), want);

    let again = s
        .commit_entity_stream(
            Some(snapshot.id),
            &mut next.clone().into_iter().map(Ok),
            "again",
            &mut |_| {},
        )
        .unwrap();
    assert!(matches!(again, CommitOutcome::Unchanged { .. }));
    // Stale: refused, never lost.
    assert!(matches!(
        s.commit_entity_stream(
            Some(base.id),
            &mut reg.entities.clone().into_iter().map(Ok),
            "stale",
            &mut |_| {}
        ),
        Err(StoreError::Conflict(_))
    ));
    // Out of order (the last two swapped): refused.
    let mut swapped = reg.entities.clone();
    let last = swapped.len() - 1;
    swapped.swap(last - 1, last);
    assert!(
        s.commit_entity_stream(
            Some(snapshot.id),
            &mut swapped.into_iter().map(Ok),
            "x",
            &mut |_| {}
        )
        .is_err()
    );
    // A stream whose source fails near its end: that error, nothing written.
    let n = reg.entities.len();
    let mut failing = reg.entities.clone().into_iter().enumerate().map(|(i, e)| {
        if i + 3 == n {
            Err(StoreError::Backend("the run file went away".into()))
        } else {
            Ok(e)
        }
    });
    let err = s
        .commit_entity_stream(Some(snapshot.id), &mut failing, "x", &mut |_| {})
        .unwrap_err();
    assert!(err.to_string().contains("the run file went away"), "{err}");
    let now = s.current_snapshot().unwrap().unwrap();
    assert_eq!(now.id, snapshot.id, "nothing written");
    assert_eq!(s.load(&now).unwrap(), want);
}

/// `entities_named` finds exactly the entities the stream hands over for
/// the same USCCs, in USCC order, across the backend's stored runs; codes
/// not in the registry find nothing.
pub fn a_look_up_by_uscc_finds_what_the_stream_finds<S: Store>(mut s: S) {
    let reg = county(&CountySpec {
        entities: ENTITIES,
        ..Default::default()
    })
    .unwrap();
    commit_all(&mut s, &reg);
    let snap = s.current_snapshot().unwrap().unwrap();
    let mut wanted: std::collections::HashSet<String> = reg
        .entities
        .iter()
        .step_by(613)
        .chain(reg.entities.last())
        .map(|e| e.uscc.as_str().to_string())
        .collect();
    let named = wanted.len();
    wanted.insert("91520123MA00000000".into());
    let found = s.entities_named(&snap, &|u| wanted.contains(u)).unwrap();
    let mut streamed = Vec::new();
    s.for_each_entity(&snap, &mut |e| {
        if wanted.contains(e.uscc.as_str()) {
            streamed.push(e.clone());
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(found.len(), named);
    assert_eq!(found, streamed);
    assert_eq!(s.entities_named(&snap, &|_| true).unwrap(), reg.entities);
}
