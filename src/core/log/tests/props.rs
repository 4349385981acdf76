//! Properties of notes, proof texts and the cosigner.

use super::super::*;
use super::{bureau, bureau_keys};
use crate::core::merkle::{Hash, MerkleTree};
use proptest::prelude::*;

fn tree_of(n: u64, salt: u8) -> MerkleTree {
    MerkleTree::from_leaf_hashes(
        (0..n)
            .map(|i| leaf::entry_leaf_hash(i + 1, &Hash([salt ^ i as u8; 32])))
            .collect(),
    )
}

fn signed(tree: &MerkleTree) -> SignedCheckpoint {
    let (ed, sm2) = bureau();
    Checkpoint {
        origin: bureau_keys().name().to_string(),
        size: tree.size(),
        root: tree.root().hash,
    }
    .sign(&[&ed, &sm2])
    .expect("sign")
}

fn request(old: u64, tree: &MerkleTree) -> Vec<u8> {
    AddCheckpoint {
        old,
        proof: tree.prove_consistency(old).unwrap_or_default(),
        checkpoint: signed(tree),
    }
    .to_text()
    .into_bytes()
}

fn cosigner() -> CosignerState {
    let key = Signer::from_secret("witness.example/w1", KeyType::Cosignature, &[3; 32])
        .expect("cosigner key");
    let mut state = CosignerState::new(&key);
    state.follow(bureau_keys().keys()).expect("follow");
    state
}

#[test]
fn cosigner_follows_rounds_and_refuses_rollback_and_forks() {
    let mut state = cosigner();
    let mut held = 0;
    for n in [1u64, 3, 3, 8, 20] {
        let done = state
            .cosign(&request(held, &tree_of(n, 0)), 1_700_000_000 + n)
            .expect("extends");
        // The cosignature verifies as a tlog-cosignature.
        let key = state.signer().expect("key").verifier().clone();
        let v = done
            .checkpoint
            .verify(&bureau_keys(), std::slice::from_ref(&key))
            .expect("verifies");
        assert_eq!(v.cosignatures().len(), 1);
        assert_eq!(v.cosignatures()[0].1, 1_700_000_000 + n);
        state = done.state;
        held = n;
    }
    // Rollback: a smaller checkpoint.
    let r = state.cosign(&request(0, &tree_of(8, 0)), 1);
    let Err(Refusal::Fork(proof)) = r else {
        panic!("rollback not refused as a fork: {r:?}")
    };
    assert_eq!(proof.kind, ForkKind::Rollback);
    // Same size, another tree.
    let r = state.cosign(&request(20, &tree_of(20, 0x55)), 1);
    let Err(Refusal::Fork(proof)) = r else {
        panic!("same-size fork not refused: {r:?}")
    };
    assert_eq!(proof.kind, ForkKind::SameSize);
    let text = proof.to_text();
    let back = ForkProof::parse(text.as_bytes()).expect("parses");
    assert_eq!(back, *proof);
    assert_eq!(
        back.verify(&bureau_keys()),
        Ok(ForkVerdict {
            kind: ForkKind::SameSize,
            conclusive: true
        })
    );
    // A rebuilt, longer log: its proof from 20 fails.
    let other = tree_of(25, 0x55);
    let body = AddCheckpoint {
        old: 20,
        proof: other.prove_consistency(20).unwrap_or_default(),
        checkpoint: signed(&other),
    };
    let r = state.cosign(body.to_text().as_bytes(), 1);
    let Err(Refusal::Fork(proof)) = r else {
        panic!("inconsistent not refused: {r:?}")
    };
    assert_eq!(proof.kind, ForkKind::Inconsistent);
    let back = ForkProof::parse(proof.to_text().as_bytes()).expect("parses");
    assert_eq!(
        back.verify(&bureau_keys()).map(|v| v.kind),
        Ok(ForkKind::Inconsistent)
    );
    // Wrong old size: conflict, no fork.
    let r = state.cosign(&request(8, &tree_of(30, 0)), 1);
    assert_eq!(r.map(|_| ()).map_err(|e| e.http_status()), Err(409));
    // Unknown origin and unsigned.
    let (ed, _) = bureau();
    let t = tree_of(30, 0);
    let only_ed = AddCheckpoint {
        old: 20,
        proof: t.prove_consistency(20).unwrap_or_default(),
        checkpoint: Checkpoint {
            origin: bureau_keys().name().to_string(),
            size: 30,
            root: t.root().hash,
        }
        .sign(&[&ed])
        .expect("sign"),
    };
    let r = state.cosign(only_ed.to_text().as_bytes(), 1);
    assert_eq!(
        r.map(|_| ()).map_err(|e| e.kind()),
        Err("cosigner-unsigned")
    );
}

proptest! {
    #[test]
    fn tampered_notes_are_rejected(pos in any::<prop::sample::Index>(), bit in 0u8..8) {
        let tree = tree_of(5, 1);
        let text = signed(&tree).to_text().into_bytes();
        let mut bad = text.clone();
        let i = pos.index(bad.len());
        bad[i] ^= 1 << bit;
        let keys = bureau_keys();
        let verdict = SignedCheckpoint::parse(&bad).and_then(|c| c.verify(&keys, &[]));
        // Either it no longer reads, or it no longer verifies, or the flip
        // left the same checkpoint (a base64 padding bit cannot: strict).
        if let Ok(v) = verdict {
            prop_assert_eq!(v.signed().to_text().into_bytes(), text);
        }
    }

    #[test]
    fn inclusion_proof_texts_round_trip_and_verify(n in 1u64..60, pick in any::<prop::sample::Index>()) {
        let tree = tree_of(n, 2);
        let i = pick.index(n as usize) as u64;
        let p = InclusionProofText {
            extra: Some(format!("{{\"seq\":{}}}", i + 1).into_bytes()),
            index: i,
            path: tree.prove(i).map(|p| p.path).unwrap_or_default(),
            checkpoint: signed(&tree),
        };
        let back = InclusionProofText::parse(p.to_text().as_bytes()).expect("parses");
        prop_assert_eq!(&back, &p);
        let leaf = leaf::entry_leaf_hash(i + 1, &Hash([2 ^ i as u8; 32]));
        prop_assert!(back.verify(&leaf, &bureau_keys(), &[]).is_ok());
        let other = leaf::entry_leaf_hash(i + 2, &Hash([2 ^ i as u8; 32]));
        prop_assert!(back.verify(&other, &bureau_keys(), &[]).is_err());
    }
}
