//! Known answers for the signed log's primitives (`tests/vectors/crypto-kat.json`,
//! each case citing its source): SM3 from GB/T 32905-2016 Appendix A, Ed25519
//! from RFC 8032 §7.1 (through dualdraw's own signer: its public key, vkey and
//! signature), and an SM2 verification example on the recommended curve
//! (RustCrypto's OpenSSL-made vector, with its distinguishing identifier).
//! The page (`web/test/cryptoKat.test.ts`) and `verify_log.py --self-test`
//! check the same file with their libraries.

use dualdraw::core::log::{KeyType, Signer, VerifierKey};
use serde_json::Value;
use sm3::Digest;

fn kat() -> Value {
    serde_json::from_str(include_str!("vectors/crypto-kat.json")).expect("json")
}

fn hx(v: &Value, k: &str) -> Vec<u8> {
    hex::decode(v[k].as_str().expect(k)).expect("hex")
}

#[test]
fn sm3_gbt_32905_examples() {
    let v = kat();
    let cases = v["sm3"].as_array().expect("sm3");
    assert_eq!(cases.len(), 2);
    for c in cases {
        let got = sm3::Sm3::digest(hx(c, "message_hex"));
        assert_eq!(got.as_slice(), hx(c, "digest_hex"), "{}", c["source"]);
    }
}

#[test]
fn ed25519_rfc_8032_examples_through_our_signer() {
    let v = kat();
    for c in v["ed25519"].as_array().expect("ed25519") {
        let secret: [u8; 32] = hx(c, "secret_hex").try_into().expect("32 bytes");
        let s = Signer::from_secret("example.com/log", KeyType::Ed25519, &secret).expect("key");
        assert_eq!(
            s.verifier().public_bytes(),
            hx(c, "public_hex").as_slice(),
            "{}",
            c["source"]
        );
        let sig = s.sign_raw(&hx(c, "message_hex")).expect("sign");
        assert_eq!(sig, hx(c, "signature_hex"), "{}", c["source"]);
        // The vkey made of it parses back to the same key.
        let vk = s.verifier().vkey();
        assert_eq!(VerifierKey::parse(&vk).expect("vkey").vkey(), vk);
    }
}

#[test]
fn sm2_verification_example_on_the_recommended_curve() {
    use sm2::dsa::signature::Verifier;
    let v = kat();
    let cases = v["sm2_verify"].as_array().expect("sm2");
    assert!(cases.iter().any(|c| c["valid"] == true) && cases.iter().any(|c| c["valid"] == false));
    for c in cases {
        let key = sm2::dsa::VerifyingKey::from_sec1_bytes(
            c["distid"].as_str().expect("distid"),
            &hx(c, "public_hex"),
        )
        .expect("point");
        let ok = sm2::dsa::Signature::from_slice(&hx(c, "signature_hex"))
            .is_ok_and(|sig| key.verify(&hx(c, "message_hex"), &sig).is_ok());
        assert_eq!(ok, c["valid"] == true, "{}", c["source"]);
    }
}
