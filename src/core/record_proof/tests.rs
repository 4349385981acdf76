use super::*;
use crate::io::generate::{CountySpec, county};

fn setup() -> (Registries, SaltKey, SnapshotRef) {
    let reg = county(&CountySpec {
        entities: 500,
        ..Default::default()
    })
    .unwrap();
    let key = SaltKey::from_bytes([5; 32]);
    let roots = SnapshotRoots::compute(&reg, &key);
    let sref = SnapshotRef {
        id: 1,
        digest: roots.digest(),
        roots,
    };
    (reg, key, sref)
}

#[test]
fn proofs_of_each_registry_verify() {
    let (reg, key, sref) = setup();
    let uscc = reg.entities[123].uscc.to_string();
    let p = RecordProof::make(
        &reg,
        RegistryKind::Entities,
        &uscc,
        sref.clone(),
        &key,
        false,
    )
    .unwrap();
    let v = p.verify(Some(&sref.digest)).unwrap();
    assert_eq!(v.index(), 123);
    assert_eq!(v.opened_class(), None);
    let o = RecordProof::make(
        &reg,
        RegistryKind::Officers,
        &reg.officers[7].id,
        sref.clone(),
        &key,
        false,
    )
    .unwrap();
    o.verify(None).unwrap();
    let i = RecordProof::make(
        &reg,
        RegistryKind::Items,
        "JY-002",
        sref.clone(),
        &key,
        false,
    )
    .unwrap();
    i.verify(None).unwrap();
    assert!(RecordProof::make(&reg, RegistryKind::Items, "NOPE", sref, &key, false).is_none());
}

#[test]
fn opening_reveals_the_class_and_a_wrong_class_fails() {
    let (reg, key, sref) = setup();
    let e = &reg.entities[10];
    let p = RecordProof::make(
        &reg,
        RegistryKind::Entities,
        e.uscc.as_str(),
        sref,
        &key,
        true,
    )
    .unwrap();
    assert_eq!(p.verify(None).unwrap().opened_class(), Some(e.credit_class));
    let mut bad = p.clone();
    let o = bad.opening.as_mut().unwrap();
    o.value = if o.value == "A" {
        "D".into()
    } else {
        "A".into()
    };
    assert!(matches!(
        bad.verify(None),
        Err(RecordProofError::Opening { .. })
    ));
}

#[test]
fn tampered_proofs_fail_with_what_differs() {
    let (reg, key, sref) = setup();
    let uscc = reg.entities[42].uscc.to_string();
    let p = RecordProof::make(
        &reg,
        RegistryKind::Entities,
        &uscc,
        sref.clone(),
        &key,
        false,
    )
    .unwrap();
    let json = serde_json::to_string(&p).unwrap();
    let back: RecordProof = serde_json::from_str(&json).unwrap();
    assert_eq!(back, p);

    let mut t = p.clone();
    if let PublicRecord::Entities(e) = &mut t.record {
        e.name.push('X');
    }
    assert!(matches!(
        t.verify(None),
        Err(RecordProofError::Inclusion { .. })
    ));

    let mut t = p.clone();
    t.index += 1;
    assert!(t.verify(None).is_err());

    let mut t = p.clone();
    t.path[0].0[5] ^= 0x10;
    assert!(matches!(
        t.verify(None),
        Err(RecordProofError::Inclusion { .. })
    ));

    let mut t = p.clone();
    t.snapshot.roots.entities.size += 1;
    assert!(matches!(
        t.verify(None),
        Err(RecordProofError::SnapshotDigest { .. })
    ));

    let mut t = p.clone();
    t.format = "v0".into();
    assert!(matches!(
        t.verify(None),
        Err(RecordProofError::Format { .. })
    ));

    let other = Hash([7; 32]);
    assert!(matches!(
        p.verify(Some(&other)),
        Err(RecordProofError::UnexpectedSnapshot { .. })
    ));
}
