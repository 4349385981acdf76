use super::*;
use crate::core::campaign::{Ratio, Stratum, StratumRule};
use crate::core::merkle::Hash;
use crate::io::generate::{CountySpec, county};
use proptest::prelude::*;

fn campaign(reg: &Registries) -> Campaign {
    let mut c = crate::core::campaign::Campaign::from_toml(
        "id = \"T\"\ntitle = \"t\"\nlead_department = \"县市场监管局\"\ndraw_date = \"2026-03-02\"\nitems = [\"SC-001\", \"JY-002\", \"WL-001\"]\n[entropy]\nwitnesses = [{ name = \"甲\", commitment = \"0000000000000000000000000000000000000000000000000000000000000001\" }]\n",
    )
    .unwrap();
    let _ = reg;
    for (class, p) in [
        (CreditClass::A, 3),
        (CreditClass::B, 5),
        (CreditClass::C, 10),
        (CreditClass::D, 30),
    ] {
        c.targets.strata.push(Stratum {
            credit_class: class,
            rule: StratumRule::Ratio(Ratio::new(p, 100).unwrap()),
            min: None,
            max: None,
        });
    }
    c
}

#[test]
fn prn_is_sha256_of_the_fixed_block_and_the_length_prefixed_uscc() {
    let seed = Hash([9; 32]);
    let mut data = Vec::new();
    let mut tag = b"dualdraw-prn-v1".to_vec();
    tag.resize(32, 0);
    data.extend_from_slice(&tag);
    data.extend_from_slice(&seed.0);
    data.extend_from_slice(&18u32.to_be_bytes());
    data.extend_from_slice(b"91350200776049653A");
    assert_eq!(prn(&seed, "91350200776049653A"), Hash::digest(&data));
}

#[test]
fn each_stratum_draws_its_allocation_of_smallest_numbers() {
    let reg = county(&CountySpec {
        entities: 3000,
        ..Default::default()
    })
    .unwrap();
    let c = campaign(&reg);
    let items = campaign_items(&reg, &c).unwrap();
    let cats = categories(&c, &items).unwrap();
    let pool = pool(&reg, &c, &cats, &HistorySets::default());
    assert!(!pool.members.is_empty());
    let seed = Hash([1; 32]);
    let strata = select(&reg, &c, &pool, &PrnKey::plain(seed)).unwrap();
    for s in &strata {
        let members: Vec<usize> = pool
            .members
            .iter()
            .copied()
            .filter(|&i| reg.entities[i].credit_class == s.credit_class)
            .collect();
        assert_eq!(s.pool, members.len() as u64);
        assert_eq!(s.drawn, c.stratum(s.credit_class).unwrap().allocate(s.pool));
        let mut all: Vec<(Hash, usize)> = members
            .iter()
            .map(|&i| (prn(&seed, reg.entities[i].uscc.as_str()), i))
            .collect();
        all.sort();
        let want: Vec<usize> = all.iter().take(s.drawn as usize).map(|x| x.1).collect();
        assert_eq!(s.selected, want, "stratum {}", s.credit_class.token());
        assert_eq!(
            s.threshold,
            all.get(s.drawn as usize).map(|_| ()).and(s.threshold)
        );
    }
}

#[test]
fn a_class_in_the_pool_without_a_stratum_is_an_error_naming_it() {
    let reg = county(&CountySpec {
        entities: 2000,
        ..Default::default()
    })
    .unwrap();
    let mut c = campaign(&reg);
    c.targets
        .strata
        .retain(|s| s.credit_class != CreditClass::C);
    let items = campaign_items(&reg, &c).unwrap();
    let cats = categories(&c, &items).unwrap();
    let pool = pool(&reg, &c, &cats, &HistorySets::default());
    let e = select(&reg, &c, &pool, &PrnKey::plain(Hash([0; 32]))).unwrap_err();
    assert!(matches!(e, SampleError::MissingStratum { class: CreditClass::C, count } if count > 0));
    c.targets.exclude_credit_classes = vec![CreditClass::C];
    let pool2 = super::pool(&reg, &c, &cats, &HistorySets::default());
    assert!(pool2.excluded_by_class > 0);
    assert!(select(&reg, &c, &pool2, &PrnKey::plain(Hash([0; 32]))).is_ok());
}

#[test]
fn pool_filters_status_region_category_flags_and_history() {
    let reg = county(&CountySpec {
        entities: 2000,
        ..Default::default()
    })
    .unwrap();
    let mut c = campaign(&reg);
    c.targets.exclude_flags = vec!["经营异常名录".into()];
    let items = campaign_items(&reg, &c).unwrap();
    let cats = categories(&c, &items).unwrap();
    let first = reg
        .entities
        .iter()
        .find(|e| {
            e.status.in_business()
                && e.categories.iter().any(|x| cats.contains(x))
                && e.flags.is_empty()
        })
        .unwrap();
    let excl = HistorySets {
        exclusion: [first.uscc.to_string()].into(),
        ..Default::default()
    };
    let p = pool(&reg, &c, &cats, &excl);
    for &i in &p.members {
        let e = &reg.entities[i];
        assert!(e.status.in_business());
        assert!(e.categories.iter().any(|x| cats.contains(x)));
        assert!(!e.flags.iter().any(|f| f == "经营异常名录"));
        assert_ne!(e.uscc, first.uscc);
    }
    c.targets.regions = vec!["11".into()];
    assert!(pool(&reg, &c, &cats, &excl).members.is_empty());
    c.targets.categories = Some(vec!["没有的类别".into()]);
    assert!(matches!(
        categories(&c, &items),
        Err(SampleError::CategoryWithoutItem { .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    #[test]
    fn selection_does_not_depend_on_entity_order(seed in any::<[u8; 32]>(), rot in 0usize..500) {
        let reg = county(&CountySpec { entities: 500, ..Default::default() }).unwrap();
        let c = campaign(&reg);
        let items = campaign_items(&reg, &c).unwrap();
        let cats = categories(&c, &items).unwrap();
        let drawn = |reg: &Registries| -> Vec<String> {
            let p = pool(reg, &c, &cats, &HistorySets::default());
            let mut v: Vec<String> = select(reg, &c, &p, &PrnKey::plain(Hash(seed))).unwrap().iter().flat_map(|s| s.selected.iter().map(|&i| reg.entities[i].uscc.to_string())).collect();
            v.sort();
            v
        };
        let mut other = reg.clone();
        other.entities.rotate_left(rot);
        prop_assert_eq!(drawn(&reg), drawn(&other));
    }
}

#[test]
fn the_one_pass_draw_equals_pool_then_select() {
    let reg = county(&CountySpec {
        entities: 4000,
        seed: 9,
        ..Default::default()
    })
    .unwrap();
    let mut c = campaign(&reg);
    c.targets.exclude_credit_classes = vec![];
    let items = campaign_items(&reg, &c).unwrap();
    let cats = categories(&c, &items).unwrap();
    let excl = HistorySets {
        exclusion: [reg.entities[5].uscc.to_string()].into(),
        ..Default::default()
    };
    for seed in [Hash([1; 32]), Hash([2; 32])] {
        let p = pool(&reg, &c, &cats, &excl);
        let s = select(&reg, &c, &p, &PrnKey::plain(seed)).unwrap();
        let (p2, s2) = pool_and_select(&reg, &c, &cats, &excl, &PrnKey::plain(seed)).unwrap();
        assert_eq!(p, p2);
        assert_eq!(s, s2);
        // The pool's keys side by side number it as the entities do.
        assert_eq!(p.keys.len(), p.members.len());
        assert!(p2.keys.is_empty());
        assert_eq!(select(&reg, &c, &p2, &PrnKey::plain(seed)).unwrap(), s);
    }
    // with a class excluded
    c.targets
        .strata
        .retain(|s| s.credit_class != CreditClass::B);
    c.targets.exclude_credit_classes = vec![CreditClass::B];
    let p = pool(&reg, &c, &cats, &excl);
    let (p2, s2) = pool_and_select(&reg, &c, &cats, &excl, &PrnKey::plain(Hash([3; 32]))).unwrap();
    assert_eq!(p, p2);
    assert_eq!(
        select(&reg, &c, &p, &PrnKey::plain(Hash([3; 32]))).unwrap(),
        s2
    );
}

/// The PRN exactly as it was computed before the saved-state hot loop: the
/// whole SHA-256 of `P ‖ lp(uscc)`.
fn full_sha256_prn(seed: &Hash, uscc: &[u8]) -> Hash {
    use sha2::{Digest, Sha256};
    let mut p = [0u8; 64];
    p[..15].copy_from_slice(b"dualdraw-prn-v1");
    p[32..].copy_from_slice(&seed.0);
    let mut h = Sha256::new();
    h.update(p);
    h.update((uscc.len() as u32).to_be_bytes());
    h.update(uscc);
    Hash(h.finalize().into())
}

fn arb_uscc() -> impl Strategy<Value = String> {
    proptest::collection::vec(0usize..31, 17).prop_map(|v| {
        let first17: String = v
            .iter()
            .map(|&i| crate::core::uscc::ALPHABET[i] as char)
            .collect();
        crate::core::uscc::complete(&first17).unwrap().to_string()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn prn_from_the_saved_state_equals_the_full_sha256(seed in any::<[u8; 32]>(), uscc in arb_uscc()) {
        let seed = Hash(seed);
        let want = full_sha256_prn(&seed, uscc.as_bytes());
        let h = PrnHasher::new(&seed);
        let fixed: &[u8; crate::core::uscc::LEN] = uscc.as_bytes().try_into().unwrap();
        prop_assert_eq!(h.prn18(fixed), want);
        prop_assert_eq!(h.prn(uscc.as_bytes()), want);
        prop_assert_eq!(prn(&seed, &uscc), want);
    }

    #[test]
    fn prn_of_any_length_from_the_saved_state_equals_the_full_sha256(
        seed in any::<[u8; 32]>(),
        text in proptest::collection::vec(any::<u8>(), 0..130),
    ) {
        let seed = Hash(seed);
        prop_assert_eq!(PrnHasher::new(&seed).prn(&text), full_sha256_prn(&seed, &text));
    }
}

/// Every stratum's draw by the spec's definition: all keys sorted, ties by
/// USCC, the first `n`.
fn naive_select(reg: &Registries, c: &Campaign, pool: &Pool, key: &PrnKey) -> Vec<StratumDraw> {
    let mut out = Vec::new();
    for class in CreditClass::ALL {
        let Some(s) = c.stratum(*class) else { continue };
        let mut all: Vec<(Hash, &str, usize)> = pool
            .members
            .iter()
            .filter(|&&i| reg.entities[i].credit_class == *class)
            .map(|&i| {
                let u = reg.entities[i].uscc.as_str();
                (key.order(&full_sha256_prn(&key.seed, u.as_bytes())), u, i)
            })
            .collect();
        all.sort();
        let n = all.len() as u64;
        let k = s.allocate(n) as usize;
        all.truncate(k);
        out.push(StratumDraw {
            credit_class: *class,
            pool: n,
            drawn: k as u64,
            threshold: all.last().map(|m| key.unorder(&m.0)),
            selected: all.iter().map(|m| m.2).collect(),
        });
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Guards the candidate bound and the numbering of codes in batches of
    /// 16 (`prn::StateBatch`, runs cut anywhere): ratios, counts, minimums
    /// above the ratio and coordinated starting points all give the spec's
    /// full-sort result.
    #[test]
    fn bounded_selection_equals_the_full_sort_of_every_key(
        seed in any::<[u8; 32]>(),
        start in proptest::option::of(0u64..1000),
        rules in proptest::collection::vec((0u64..3, 1u64..60, proptest::option::of(0u64..200)), 4),
        cuts in proptest::collection::vec(0usize..1500, 0..6),
    ) {
        let reg = county(&CountySpec { entities: 1500, seed: 5, ..Default::default() }).unwrap();
        let mut c = campaign(&reg);
        for (s, (kind, x, min)) in c.targets.strata.iter_mut().zip(rules) {
            s.rule = match kind {
                0 => StratumRule::Count(x * 3),
                _ => StratumRule::Ratio(Ratio::new(x, 100).unwrap()),
            };
            s.min = min;
        }
        let items = campaign_items(&reg, &c).unwrap();
        let cats = categories(&c, &items).unwrap();
        let key = PrnKey::new(Hash(seed), start.map(|p| Ratio::new(p, 1000).unwrap()));
        let p = pool(&reg, &c, &cats, &HistorySets::default());
        let want = naive_select(&reg, &c, &p, &key);
        prop_assert_eq!(&select(&reg, &c, &p, &key).unwrap(), &want);
        let (p2, s2) = pool_and_select(&reg, &c, &cats, &HistorySets::default(), &key).unwrap();
        prop_assert_eq!(p2, p.clone());
        prop_assert_eq!(&s2, &want);
        // Streamed in runs cut anywhere (as a store hands its chunks over),
        // with and without the pool's members: the same draw.
        let mut cuts = cuts;
        cuts.push(0);
        cuts.push(reg.entities.len());
        cuts.sort_unstable();
        cuts.dedup();
        let mut passes = 0;
        for keep in [true, false] {
            let (p3, s3) = pool_and_select_runs::<SampleError>(&c, &cats, &HistorySets::default(), &key, keep, &mut |f| {
                passes += 1;
                for w in cuts.windows(2) {
                    f(w[0], &reg.entities[w[0]..w[1]]);
                }
                Ok(())
            }).unwrap();
            prop_assert_eq!(&s3, &want);
            prop_assert_eq!(p3.excluded_by_class, p.excluded_by_class);
            if keep {
                prop_assert_eq!(&p3.members, &p.members);
            } else {
                prop_assert!(p3.members.is_empty());
            }
        }
        prop_assert!((2..=4).contains(&passes));
    }
}

/// A stratum whose candidates fall short (a `min` far above its ratio) is
/// numbered again by a second pass over the runs: guards the streamed
/// draw's second pass.
#[test]
fn a_short_stratum_makes_the_streamed_draw_pass_twice() {
    let reg = county(&CountySpec {
        entities: 2000,
        seed: 5,
        ..Default::default()
    })
    .unwrap();
    let mut c = campaign(&reg);
    c.targets.strata[0].min = Some(150);
    let items = campaign_items(&reg, &c).unwrap();
    let cats = categories(&c, &items).unwrap();
    let key = PrnKey::plain(Hash([7; 32]));
    let p = pool(&reg, &c, &cats, &HistorySets::default());
    let want = naive_select(&reg, &c, &p, &key);
    let mut passes = 0;
    let (_, got) = pool_and_select_runs::<SampleError>(
        &c,
        &cats,
        &HistorySets::default(),
        &key,
        false,
        &mut |f| {
            passes += 1;
            for (i, run) in reg.entities.chunks(333).enumerate() {
                f(i * 333, run);
            }
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(got, want);
    assert_eq!(passes, 2);
}
