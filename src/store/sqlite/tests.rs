use super::*;
use crate::io::generate::{CountySpec, county};

fn ws(dir: &Path) -> Workspace {
    Workspace::init_with_key(dir, SaltKey::from_bytes([9; 32])).unwrap()
}

#[test]
fn init_twice_is_refused_and_open_needs_a_workspace() {
    let d = tempfile::tempdir().unwrap();
    ws(d.path());
    assert!(matches!(
        Workspace::init(d.path()),
        Err(StoreError::AlreadyExists(_))
    ));
    let e = tempfile::tempdir().unwrap();
    assert!(matches!(
        Workspace::open(e.path()),
        Err(StoreError::NotAWorkspace(_))
    ));
}

#[test]
fn every_snapshot_is_retrievable_exactly_after_later_changes() {
    let d = tempfile::tempdir().unwrap();
    let mut w = ws(d.path());
    let reg = county(&CountySpec {
        entities: 3000,
        ..Default::default()
    })
    .unwrap();
    for k in RegistryKind::ALL {
        w.commit(k, &reg, "test").unwrap();
    }
    let s4 = w.current_snapshot().unwrap().unwrap();
    assert_eq!(s4.id, 4);
    let mut changed = reg.clone();
    changed.entities.truncate(100);
    changed.officers[0].name.push('X');
    w.commit(RegistryKind::Entities, &changed, "shrink")
        .unwrap();
    w.commit(RegistryKind::Officers, &changed, "rename")
        .unwrap();
    // Reopen from disk and load the old snapshot.
    drop(w);
    let w = Workspace::open(d.path()).unwrap();
    let old = w.load(&w.snapshot(4).unwrap()).unwrap();
    assert_eq!(old, reg);
    assert_eq!(SnapshotRoots::compute(&old, w.salt_key()), s4.roots);
    let new = w.load(&w.current_snapshot().unwrap().unwrap()).unwrap();
    assert_eq!(new.entities.len(), 100);
    assert_eq!(new.items, reg.items);
    assert_eq!(w.snapshots().unwrap().len(), 6);
}

#[test]
fn unchanged_content_makes_no_new_snapshot() {
    let d = tempfile::tempdir().unwrap();
    let mut w = ws(d.path());
    let reg = county(&CountySpec {
        entities: 50,
        ..Default::default()
    })
    .unwrap();
    assert!(matches!(
        w.commit(RegistryKind::Entities, &reg, "a").unwrap(),
        CommitOutcome::NewSnapshot { .. }
    ));
    assert!(matches!(
        w.commit(RegistryKind::Entities, &reg, "b").unwrap(),
        CommitOutcome::Unchanged { .. }
    ));
    // An empty registry on an empty workspace is unchanged too.
    assert!(matches!(
        w.commit(RegistryKind::Recusals, &Registries::default(), "c")
            .unwrap(),
        CommitOutcome::Unchanged { .. }
    ));
    assert_eq!(w.snapshots().unwrap().len(), 1);
}

#[test]
fn tampering_with_stored_chunks_is_detected_on_load() {
    let d = tempfile::tempdir().unwrap();
    let mut w = ws(d.path());
    let reg = county(&CountySpec {
        entities: 50,
        ..Default::default()
    })
    .unwrap();
    w.commit(RegistryKind::Officers, &reg, "a").unwrap();
    let snap = w.current_snapshot().unwrap().unwrap();
    // Swap one officer's department directly in the database.
    let mut officers = reg.officers.clone();
    officers[0].department = "伪造部门".into();
    let fake = Registries {
        officers,
        ..Registries::default()
    };
    let chunk = codec::chunks(&fake.officers, codec::encode_officer).remove(0);
    w.connection()
        .execute("UPDATE registry_chunks SET data = ?1 WHERE seq = 0 AND version = (SELECT officers_v FROM snapshots WHERE id = ?2)", params![chunk, snap.id as i64])
        .unwrap();
    let e = w.load_kinds(&snap, &[RegistryKind::Officers]).unwrap_err();
    assert!(
        matches!(
            e,
            StoreError::RootMismatch {
                kind: RegistryKind::Officers,
                ..
            }
        ),
        "{e}"
    );
    w.connection()
        .execute(
            "UPDATE registry_chunks SET data = X'00000003616263' WHERE seq = 0",
            [],
        )
        .unwrap();
    assert!(matches!(
        w.load_kinds(&snap, &[RegistryKind::Officers]),
        Err(StoreError::Damaged { .. })
    ));
}

#[test]
fn legacy_codes_are_remembered() {
    let d = tempfile::tempdir().unwrap();
    let mut w = ws(d.path());
    let codes: BTreeSet<String> = ["91350203M0001QAY9B".to_string()].into();
    w.accept_legacy(&codes).unwrap();
    assert_eq!(
        Workspace::open(d.path())
            .unwrap()
            .accepted_legacy()
            .unwrap(),
        codes
    );
}

#[test]
fn a_killed_init_leaves_no_workspace_and_the_next_init_succeeds() {
    let d = tempfile::tempdir().unwrap();
    // What a killed `init` leaves: only a temporary file, never dualdraw.db.
    std::fs::write(
        d.path().join(format!("{DB_FILE}.init-4242")),
        b"SQLite format 3\0",
    )
    .unwrap();
    assert!(matches!(
        Workspace::open(d.path()),
        Err(StoreError::NotAWorkspace(_))
    ));
    ws(d.path());
    let left: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains(".init-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    Workspace::open(d.path()).unwrap();
}

/// `for_each_entity` streams chunk by chunk (issue 17): the entities of a
/// registry spread over several stored chunks come out in order, equal to
/// the loaded ones, and a chunk changed behind the store's back is caught
/// (its root no longer the snapshot's, or it no longer decodes).
#[test]
fn streamed_entities_equal_the_loaded_ones_and_a_changed_chunk_is_caught() {
    let d = tempfile::tempdir().unwrap();
    let mut w = ws(d.path());
    let reg = county(&CountySpec {
        entities: 40_000,
        ..Default::default()
    })
    .unwrap();
    w.commit(RegistryKind::Entities, &reg, "entities").unwrap();
    let snap = w.current_snapshot().unwrap().unwrap();
    let version = snap.versions[kind_index(RegistryKind::Entities)];
    let chunks: i64 = w
        .conn
        .query_row(
            "SELECT COUNT(*) FROM registry_chunks WHERE version = ?1",
            [version],
            |r| r.get(0),
        )
        .unwrap();
    assert!(chunks >= 2, "{chunks} chunk(s): the test needs several");
    let mut seen = Vec::new();
    crate::store::Store::for_each_entity(&w, &snap, &mut |e| {
        seen.push(e.clone());
        Ok(())
    })
    .unwrap();
    let loaded = w.load(&snap).unwrap();
    assert_eq!(seen, loaded.entities);
    // Proofs of entities made by streaming equal those made from the loaded
    // registry (first, middle and last leaf; opened or not).
    for (i, open) in [(0, false), (seen.len() / 2, true), (seen.len() - 1, false)] {
        let u = seen[i].uscc.as_str().to_string();
        let streamed = crate::store::prove_record(&w, &snap, None, &u, open)
            .unwrap()
            .unwrap();
        let made = crate::core::record_proof::RecordProof::make(
            &loaded,
            RegistryKind::Entities,
            &u,
            streamed.snapshot.clone(),
            &w.key,
            open,
        )
        .unwrap();
        assert_eq!(streamed, made, "entity {i}");
        streamed.verify(Some(&snap.digest)).unwrap();
    }
    assert!(
        crate::store::prove_record(&w, &snap, None, "91520123MA00000000", false)
            .unwrap()
            .is_none()
    );
    // One byte of the last chunk changed.
    let (seq, mut data): (i64, Vec<u8>) = w
        .conn
        .query_row(
            "SELECT seq, data FROM registry_chunks WHERE version = ?1 ORDER BY seq DESC LIMIT 1",
            [version],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let at = data.len() - 3;
    data[at] ^= 0x01;
    w.conn
        .execute(
            "UPDATE registry_chunks SET data = ?1 WHERE version = ?2 AND seq = ?3",
            rusqlite::params![data, version, seq],
        )
        .unwrap();
    let r = crate::store::Store::for_each_entity(&w, &snap, &mut |_| Ok(()));
    assert!(
        matches!(
            r,
            Err(StoreError::RootMismatch { .. }) | Err(StoreError::Damaged { .. })
        ),
        "{r:?}"
    );
}

#[test]
fn a_look_up_by_uscc_finds_what_the_stream_finds_and_refuses_a_broken_chunk() {
    let d = tempfile::tempdir().unwrap();
    let mut w = ws(d.path());
    let reg = county(&CountySpec {
        entities: 40_000,
        ..Default::default()
    })
    .unwrap();
    w.commit(RegistryKind::Entities, &reg, "entities").unwrap();
    let snap = w.current_snapshot().unwrap().unwrap();
    let store: &dyn crate::store::Store = &w;
    let all = &reg.entities;
    // The first, the last, every 997th, and codes not in the registry.
    let mut wanted: std::collections::HashSet<String> = all
        .iter()
        .step_by(997)
        .chain([&all[0], &all[all.len() - 1]])
        .map(|e| e.uscc.as_str().to_string())
        .collect();
    wanted.insert("91520123MA00000000".into());
    wanted.insert(String::new());
    let found = store
        .entities_named(&snap, &|u| wanted.contains(u))
        .unwrap();
    let mut streamed = Vec::new();
    store
        .for_each_entity(&snap, &mut |e| {
            if wanted.contains(e.uscc.as_str()) {
                streamed.push(e.clone());
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(found.len(), wanted.len() - 2);
    assert_eq!(found, streamed, "the same entities, in USCC order");
    assert!(store.entities_named(&snap, &|_| false).unwrap().is_empty());
    assert_eq!(store.entities_named(&snap, &|_| true).unwrap(), *all);
    // A chunk cut short is refused as damaged, not read as fewer entities.
    let version = snap.versions[kind_index(RegistryKind::Entities)];
    w.conn
        .execute(
            "UPDATE registry_chunks SET data = substr(data, 1, length(data) - 5)
             WHERE version = ?1 AND seq = (SELECT MAX(seq) FROM registry_chunks WHERE version = ?1)",
            [version],
        )
        .unwrap();
    let store: &dyn crate::store::Store = &w;
    let r = store.entities_named(&snap, &|u| wanted.contains(u));
    assert!(matches!(r, Err(StoreError::Damaged { .. })), "{r:?}");
}

#[test]
fn proofs_after_a_whole_pass_read_their_blocks_only_and_equal_a_whole_passs() {
    let d = tempfile::tempdir().unwrap();
    let mut w = ws(d.path());
    let reg = county(&CountySpec {
        entities: 40_003,
        ..Default::default()
    })
    .unwrap();
    w.commit(RegistryKind::Entities, &reg, "entities").unwrap();
    let snap = w.current_snapshot().unwrap().unwrap();
    let n = reg.entities.len() as u64;
    assert_ne!(n % 32, 0, "{n}: the test needs a last block cut short");
    // First and last leaves, both sides of a block boundary, the last block,
    // a repeat, out of order.
    let asked = [n - 1, 0, 31, 32, 17_777, 5, 17_777, n - 2, 1_000];
    let fresh = Workspace::open(d.path()).unwrap();
    assert!(fresh.proofs_from_blocks(&snap, &asked).unwrap().is_none());
    // A whole pass (here the one that makes the proofs) keeps the blocks.
    let whole = fresh.stream_entity_proofs(&snap, &asked).unwrap();
    let from_blocks = fresh.proofs_from_blocks(&snap, &asked).unwrap().unwrap();
    assert_eq!(from_blocks, whole);
    let tree = crate::core::commitment::registry_tree(&reg, RegistryKind::Entities, &w.key);
    let root = snap.roots.get(RegistryKind::Entities);
    for (i, (e, p)) in asked.iter().zip(&from_blocks) {
        assert_eq!(*e, reg.entities[*i as usize], "entity {i}");
        assert_eq!(Some(p.clone()), tree.prove(*i), "proof {i}");
        let mut enc = crate::core::canonical::Encoder::new();
        crate::core::commitment::encode_entity_leaf(e, &w.key, &mut enc);
        root.verify_inclusion(enc.as_bytes(), *i, p).unwrap();
    }
    // An index past the end: no proofs from blocks; the whole pass refuses.
    assert!(fresh.proofs_from_blocks(&snap, &[n]).unwrap().is_none());
    assert!(fresh.stream_entity_proofs(&snap, &[n]).is_err());
    // One byte of the first chunk changed after the blocks were kept: the
    // blocks read again do not match, and the whole pass names the damage.
    let version = snap.versions[kind_index(RegistryKind::Entities)];
    let mut data: Vec<u8> = w
        .conn
        .query_row(
            "SELECT data FROM registry_chunks WHERE version = ?1 AND seq = (SELECT MIN(seq) FROM registry_chunks WHERE version = ?1)",
            [version],
            |r| r.get(0),
        )
        .unwrap();
    let in_first = super::block_proofs::count_records(&data).unwrap();
    let at = data.len() / 2;
    data[at] ^= 0x01;
    w.conn
        .execute(
            "UPDATE registry_chunks SET data = ?1 WHERE version = ?2 AND seq = (SELECT MIN(seq) FROM registry_chunks WHERE version = ?2)",
            rusqlite::params![data, version],
        )
        .unwrap();
    let every_block: Vec<u64> = (0..in_first).step_by(32).collect();
    match fresh.proofs_from_blocks(&snap, &every_block) {
        Ok(None) | Err(StoreError::Damaged { .. }) => {}
        other => panic!("a changed block was read as kept: {other:?}"),
    }
    let r = fresh.stream_entity_proofs(&snap, &every_block);
    assert!(
        matches!(
            r,
            Err(StoreError::RootMismatch { .. }) | Err(StoreError::Damaged { .. })
        ),
        "{r:?}"
    );
}
