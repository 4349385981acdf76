//! Known-answer test: the Rust implementation against `tests/vectors/commitments-v1.json`,
//! whose expected values come from `tests/vectors/reference_commitments.py`, an
//! implementation written from `docs/COMMITMENTS.md` alone.

use dualdraw::core::commitment::{
    PublicEntity, PublicRecusal, credit_class_values, leaves, recusal_pair_values,
    recusal_reason_values,
};
use dualdraw::core::merkle::{MerkleTree, leaf_hash, root_parallel, root_reference};
use dualdraw::{
    Entity, Hash, InclusionProof, Item, MerkleRoot, Officer, Recusal, Registries, RegistryKind,
    SaltKey, SnapshotRoots,
};
use serde_json::Value;

fn vectors() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/commitments-v1.json"
    ))
    .expect("vector file");
    serde_json::from_str(&text).expect("vector JSON")
}

fn registries(v: &Value) -> Registries {
    let i = &v["inputs"];
    let items: Vec<Item> = serde_json::from_value(i["items"].clone()).expect("items");
    let entities: Vec<Entity> = serde_json::from_value(i["entities"].clone()).expect("entities");
    let officers: Vec<Officer> = serde_json::from_value(i["officers"].clone()).expect("officers");
    let recusals: Vec<Recusal> = serde_json::from_value(i["recusals"].clone()).expect("recusals");
    Registries::new(items, entities, officers, recusals).expect("unique keys")
}

fn key(v: &Value) -> SaltKey {
    let mut k = [0u8; 32];
    hex::decode_to_slice(v["salt_key"].as_str().expect("salt_key"), &mut k).expect("hex");
    SaltKey::from_bytes(k)
}

fn hexes(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_str().expect("str").to_string())
        .collect()
}

#[test]
fn leaves_hashes_and_roots_match_the_independent_reference() {
    let v = vectors();
    let reg = registries(&v);
    let k = key(&v);
    let roots = SnapshotRoots::compute(&reg, &k);
    for kind in RegistryKind::ALL {
        let e = &v["expected"][kind.token()];
        let got: Vec<String> = leaves(&reg, kind, &k).iter().map(hex::encode).collect();
        assert_eq!(got, hexes(&e["leaves"]), "{kind} leaves");
        let got_hashes: Vec<String> = leaves(&reg, kind, &k)
            .iter()
            .map(|l| leaf_hash(l).to_hex())
            .collect();
        assert_eq!(got_hashes, hexes(&e["leaf_hashes"]), "{kind} leaf hashes");
        assert_eq!(
            roots.get(kind).hash.to_hex(),
            e["root"].as_str().unwrap(),
            "{kind} root"
        );
        assert_eq!(
            roots.get(kind).size,
            e["size"].as_u64().unwrap(),
            "{kind} size"
        );
    }
    assert_eq!(
        roots.digest().to_hex(),
        v["expected"]["snapshot_digest"].as_str().unwrap()
    );
}

#[test]
fn salts_and_confidential_commitments_match_the_reference() {
    let v = vectors();
    let reg = registries(&v);
    let k = key(&v);
    for e in &reg.entities {
        let want = &v["expected"]["entities"]["credit_class"][e.uscc.as_str()];
        let values = credit_class_values(e.uscc.as_str(), e.credit_class.token());
        assert_eq!(hex::encode(k.salt(&values)), want["salt"].as_str().unwrap());
        assert_eq!(
            PublicEntity::of(e, &k).credit_class_commitment.to_hex(),
            want["commitment"].as_str().unwrap()
        );
    }
    let want = v["expected"]["recusals"]["commitments"].as_array().unwrap();
    assert_eq!(want.len(), reg.recusals.len());
    for w in want {
        let r = reg
            .recusals
            .iter()
            .find(|r| {
                r.officer_id == w["officer_id"].as_str().unwrap()
                    && r.uscc.as_str() == w["uscc"].as_str().unwrap()
            })
            .expect("recusal");
        let pair = recusal_pair_values(&r.officer_id, r.uscc.as_str());
        let reason = recusal_reason_values(&r.officer_id, r.uscc.as_str(), &r.reason);
        assert_eq!(hex::encode(k.salt(&pair)), w["pair_salt"].as_str().unwrap());
        assert_eq!(
            hex::encode(k.salt(&reason)),
            w["reason_salt"].as_str().unwrap()
        );
        let p = PublicRecusal::of(r, &k);
        assert_eq!(
            p.pair_commitment.to_hex(),
            w["pair_commitment"].as_str().unwrap()
        );
        assert_eq!(
            p.reason_commitment.to_hex(),
            w["reason_commitment"].as_str().unwrap()
        );
    }
}

#[test]
fn rfc6962_tree_shapes_match_the_reference() {
    let v = vectors();
    let ct: Vec<Vec<u8>> = [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
    .iter()
    .map(|h| hex::decode(h).unwrap())
    .collect();
    let want = hexes(&v["expected"]["ct_roots"]);
    assert_eq!(want.len(), 9);
    for n in 0..=8 {
        assert_eq!(root_parallel(&ct[..n]).to_hex(), want[n], "size {n}");
        assert_eq!(root_reference(&ct[..n]).to_hex(), want[n], "size {n}");
    }
    let large = &v["expected"]["merkle_large"];
    let n = large["size"].as_u64().unwrap() as u32;
    let leaves: Vec<Vec<u8>> = (0..n).map(|i| i.to_be_bytes().to_vec()).collect();
    let tree = MerkleTree::new(&leaves);
    assert_eq!(tree.root().hash.to_hex(), large["root"].as_str().unwrap());
    for (idx, path) in large["audit_paths"].as_object().unwrap() {
        let i: u64 = idx.parse().unwrap();
        let got: Vec<String> = tree
            .prove(i)
            .unwrap()
            .path
            .iter()
            .map(Hash::to_hex)
            .collect();
        assert_eq!(got, hexes(path), "audit path of leaf {i}");
        let proof = InclusionProof {
            path: got.iter().map(|h| Hash::from_hex(h).unwrap()).collect(),
        };
        let root = MerkleRoot {
            hash: tree.root().hash,
            size: n as u64,
        };
        root.verify_inclusion(&leaves[i as usize], i, &proof)
            .unwrap();
    }
}
