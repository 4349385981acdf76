use super::*;
use crate::core::registry::vocab::CreditClass;
use crate::io::generate::{CountySpec, county};
use chrono::NaiveDate;
use proptest::prelude::*;

fn key() -> SaltKey {
    SaltKey::from_bytes([0x42; 32])
}

fn fixed_entity() -> Entity {
    Entity {
        uscc: Uscc::parse("91350200776049653A").unwrap(),
        name: "厦门测试有限公司".into(),
        kind: EntityKind::Enterprise,
        categories: vec!["旅游市场".into(), "民办学校".into()],
        industry: "教育".into(),
        region: RegionCode::parse("350200").unwrap(),
        township: Some("城关镇".into()),
        credit_class: CreditClass::B,
        status: EntityStatus::InBusiness,
        established: NaiveDate::from_ymd_opt(2005, 6, 1),
        flags: vec!["经营异常名录".into()],
    }
}

fn fixed_officer() -> Officer {
    Officer {
        id: "5201230001".into(),
        name: "王伟".into(),
        department: "县市场监管局".into(),
        unit: "执法大队".into(),
        region: RegionCode::parse("520123").unwrap(),
        qualifications: vec!["食品安全".into()],
        status: OfficerStatus::Active,
        cert_expiry: NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
    }
}

fn fixed_item() -> Item {
    Item {
        code: "SC-001".into(),
        name: "食品销售经营者经营行为检查".into(),
        department: "县市场监管局".into(),
        item_type: ItemType::Key,
        target_category: "食品销售经营者".into(),
        method: "实地检查".into(),
        basis: "《食品安全法》".into(),
        qualification: None,
    }
}

fn fixed_recusal() -> Recusal {
    Recusal {
        officer_id: "5201230001".into(),
        uscc: Uscc::parse("91350200776049653A").unwrap(),
        reason: "近亲属在该单位任职".into(),
    }
}

#[test]
fn item_leaf_layout_is_length_prefixed_fields_after_tag() {
    let leaf = item_leaf(&fixed_item());
    let mut d = Decoder::new(&leaf);
    d.tag(ITEM_TAG).unwrap();
    assert_eq!(d.str().unwrap(), "SC-001");
    assert_eq!(item_from_leaf(&leaf).unwrap(), fixed_item());
}

#[test]
fn leaves_decode_back() {
    let k = key();
    let e = fixed_entity();
    let p = PublicEntity::of(&e, &k);
    assert_eq!(PublicEntity::from_leaf(&p.leaf()).unwrap(), p);
    let o = fixed_officer();
    assert_eq!(officer_from_leaf(&officer_leaf(&o)).unwrap(), o);
    let r = PublicRecusal::of(&fixed_recusal(), &k);
    assert_eq!(PublicRecusal::from_leaf(&r.leaf()).unwrap(), r);
}

#[test]
fn leaf_decoding_rejects_unsorted_lists_bad_tokens_and_trailing_bytes() {
    let k = key();
    let mut p = PublicEntity::of(&fixed_entity(), &k);
    p.categories.reverse();
    assert!(PublicEntity::from_leaf(&p.leaf()).is_err());
    let mut p = PublicEntity::of(&fixed_entity(), &k);
    p.kind = "company".into();
    assert!(PublicEntity::from_leaf(&p.leaf()).is_err());
    let mut leaf = PublicEntity::of(&fixed_entity(), &k).leaf();
    leaf.push(0);
    assert!(PublicEntity::from_leaf(&leaf).is_err());
    assert!(PublicEntity::from_leaf(&item_leaf(&fixed_item())).is_err());
}

#[test]
fn credit_class_opens_with_its_salt_only() {
    let k = key();
    let e = fixed_entity();
    let p = PublicEntity::of(&e, &k);
    let values = credit_class_values(e.uscc.as_str(), "B");
    let salt = k.salt(&values);
    assert_eq!(
        confidential_commitment(&salt, &values),
        p.credit_class_commitment
    );
    // Without the salt, guessing each class gives nothing that matches.
    for c in ["A", "B", "C", "D"] {
        let guess = confidential_commitment(&[0; 32], &credit_class_values(e.uscc.as_str(), c));
        assert_ne!(guess, p.credit_class_commitment);
    }
    // The salt of one entity does not open another's class.
    let other = credit_class_values("913502000728319549", "B");
    assert_ne!(confidential_commitment(&salt, &other), k.commit(&other));
}

#[test]
fn different_salt_keys_give_different_entity_roots_but_same_public_roots() {
    let reg = county(&CountySpec {
        entities: 300,
        ..Default::default()
    })
    .unwrap();
    let a = SnapshotRoots::compute(&reg, &SaltKey::from_bytes([1; 32]));
    let b = SnapshotRoots::compute(&reg, &SaltKey::from_bytes([2; 32]));
    assert_ne!(a.entities, b.entities);
    assert_ne!(a.recusals, b.recusals);
    assert_eq!(a.items, b.items);
    assert_eq!(a.officers, b.officers);
}

#[test]
fn recusal_leaves_are_ordered_by_commitment_not_by_officer() {
    let mut longest = 0;
    for seed in 1..6 {
        let reg = county(&CountySpec {
            entities: 2000,
            seed,
            ..Default::default()
        })
        .unwrap();
        let l = leaves(&reg, RegistryKind::Recusals, &key());
        longest = longest.max(l.len());
        assert!(l.windows(2).all(|w| w[0] < w[1]));
        let by_commitment: Vec<Vec<u8>> = reg
            .recusals
            .iter()
            .map(|r| PublicRecusal::of(r, &key()).leaf())
            .collect();
        let mut sorted = by_commitment.clone();
        sorted.sort();
        assert_eq!(sorted, l);
    }
    assert!(longest > 2);
}

#[test]
fn snapshot_digest_changes_with_any_root() {
    let reg = county(&CountySpec {
        entities: 100,
        ..Default::default()
    })
    .unwrap();
    let roots = SnapshotRoots::compute(&reg, &key());
    let d = roots.digest();
    for kind in RegistryKind::ALL {
        let mut r = roots;
        let mut root = r.get(kind);
        root.size += 1;
        r.set(kind, root);
        assert_ne!(r.digest(), d, "{kind}");
    }
}

fn small_county(seed: u64) -> Registries {
    county(&CountySpec {
        seed,
        entities: 40,
        ..Default::default()
    })
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn root_does_not_depend_on_row_order(seed in 0u64..1000, rot in 0usize..40) {
        let reg = small_county(seed);
        let mut shuffled = reg.clone();
        let ne = shuffled.entities.len();
        shuffled.entities.rotate_left(rot % ne);
        shuffled.officers.reverse();
        shuffled.recusals.reverse();
        let ni = shuffled.items.len();
        shuffled.items.rotate_left(rot % ni);
        let shuffled = Registries::new(shuffled.items, shuffled.entities, shuffled.officers, shuffled.recusals).unwrap();
        prop_assert_eq!(SnapshotRoots::compute(&reg, &key()), SnapshotRoots::compute(&shuffled, &key()));
    }

    #[test]
    fn any_single_changed_entity_field_changes_the_root(seed in 0u64..1000, which in 0usize..40, field in 0usize..11) {
        let reg = small_county(seed);
        let before = registry_root(&reg, RegistryKind::Entities, &key());
        let mut changed = reg.clone();
        let e = &mut changed.entities[which];
        match field {
            0 => e.name.push('X'),
            1 => e.kind = if e.kind == EntityKind::Other { EntityKind::Enterprise } else { EntityKind::Other },
            2 => e.categories.push("zzz".into()),
            3 => e.industry.push('X'),
            4 => e.region = RegionCode::parse("110101").unwrap(),
            5 => e.township = None,
            6 => e.credit_class = if e.credit_class == CreditClass::A { CreditClass::B } else { CreditClass::A },
            7 => e.status = if e.status.in_business() { EntityStatus::Revoked } else { EntityStatus::InBusiness },
            8 => e.established = NaiveDate::from_ymd_opt(1990, 1, 1),
            9 => e.flags.push("zzz".into()),
            _ => e.uscc = Uscc::parse("91350213678251743X").unwrap(),
        }
        prop_assert_ne!(registry_root(&changed, RegistryKind::Entities, &key()), before);
    }

    #[test]
    fn any_single_changed_officer_or_recusal_changes_the_root(seed in 0u64..200, field in 0usize..8) {
        let reg = small_county(seed);
        let before = SnapshotRoots::compute(&reg, &key());
        let mut changed = reg.clone();
        let o = &mut changed.officers[0];
        match field {
            0 => o.name.push('X'),
            1 => o.department.push('X'),
            2 => o.unit.push('X'),
            3 => o.region = RegionCode::parse("110101").unwrap(),
            4 => o.qualifications.push("zzz".into()),
            5 => o.status = if o.status == OfficerStatus::Active { OfficerStatus::Retired } else { OfficerStatus::Active },
            6 => o.cert_expiry = NaiveDate::from_ymd_opt(2001, 1, 1).unwrap(),
            _ => o.id.push('9'),
        }
        prop_assert_ne!(SnapshotRoots::compute(&changed, &key()).officers, before.officers);
        if !reg.recusals.is_empty() {
            let mut changed = reg.clone();
            changed.recusals[0].reason.push('X');
            prop_assert_ne!(SnapshotRoots::compute(&changed, &key()).recusals, before.recusals);
        }
    }

    #[test]
    fn public_leaf_reveals_no_confidential_byte(seed in 0u64..1000) {
        // The class token never appears in the leaf, and changing only the
        // class changes only the 32 commitment bytes at the end.
        let reg = small_county(seed);
        let e = &reg.entities[0];
        let leaf_a = entity_leaf(e, &key());
        let mut e2 = e.clone();
        e2.credit_class = if e.credit_class == CreditClass::D { CreditClass::A } else { CreditClass::D };
        let leaf_b = entity_leaf(&e2, &key());
        prop_assert_eq!(leaf_a.len(), leaf_b.len());
        let n = leaf_a.len();
        prop_assert_eq!(&leaf_a[..n - 32], &leaf_b[..n - 32]);
        prop_assert_ne!(&leaf_a[n - 32..], &leaf_b[n - 32..]);
    }
}

/// An officer leaf written by hand with a date or region spelling that parses
/// but encodes differently.
fn officer_leaf_with(region: &str, expiry: &str) -> Vec<u8> {
    let o = fixed_officer();
    let mut e = Encoder::new();
    e.str(OFFICER_TAG)
        .str(&o.id)
        .str(&o.name)
        .str(&o.department)
        .str(&o.unit)
        .str(region)
        .list(&o.qualifications)
        .str(o.status.token())
        .str(expiry);
    e.finish()
}

#[test]
fn non_canonical_officer_leaves_are_errors_not_panics() {
    assert!(officer_from_leaf(&officer_leaf_with("520123", "2027-12-31")).is_ok());
    for (region, expiry) in [
        ("520123", "2027-12-1"),
        ("520123", "+2027-12-31"),
        (" 520123", "2027-12-31"),
        ("520123 ", "2027-12-31"),
    ] {
        let leaf = officer_leaf_with(region, expiry);
        assert!(
            officer_from_leaf(&leaf).is_err(),
            "{region:?} {expiry:?} decoded"
        );
        // The fuzz harness's invariant: what decodes re-encodes to itself.
        #[cfg(all(feature = "cli", feature = "generate"))]
        crate::fuzzing::leaf_decode(&leaf);
    }
}
