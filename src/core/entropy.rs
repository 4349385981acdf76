//! Entropy and the seed (`docs/SPEC.md` §1, §4): witness commit–reveal,
//! drand quicknet rounds verified offline, public lottery results, the seed,
//! and the per-stage ChaCha20 streams with exact integer sampling.

use crate::core::campaign::{BeaconScheme, BeaconSpec};
use crate::core::canonical::Encoder;
use crate::core::merkle::Hash;
use chrono::{DateTime, Utc};
use drand_verify::{G2PubkeyRfc, Pubkey, derive_randomness};
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use serde::{Deserialize, Serialize};

/// drand quicknet's chain hash.
pub const QUICKNET_CHAIN_HASH: &str =
    "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971";
/// drand quicknet's genesis time (UTC seconds).
pub const QUICKNET_GENESIS: i64 = 1_692_803_367;
/// drand quicknet's period in seconds.
pub const QUICKNET_PERIOD: i64 = 3;
/// drand quicknet's group public key (compressed G2).
pub const QUICKNET_PUBLIC_KEY: &str = "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a";

/// What is wrong with a reveal or a beacon (揭示或随机信标错误).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntropyError {
    /// A secret does not match its witness's commitment.
    #[error(
        "the secret given for {name} does not match the commitment {expected} (it gives {got})"
    )]
    RevealMismatch {
        /// Witness.
        name: String,
        /// Committed.
        expected: Hash,
        /// What the secret gives.
        got: Hash,
    },
    /// A secret that is too short to be unguessable.
    #[error("the secret for {name} has {len} characters; at least 16 are needed")]
    ShortSecret {
        /// Witness.
        name: String,
        /// Length.
        len: usize,
    },
    /// The beacon round file is for another round.
    #[error("the beacon file is for round {got}, the campaign committed to round {expected}")]
    WrongRound {
        /// Committed round.
        expected: String,
        /// Round in the file.
        got: String,
    },
    /// The drand signature does not verify.
    #[error(
        "drand quicknet round {round}: the signature does not verify against the quicknet public key"
    )]
    BadSignature {
        /// Round.
        round: u64,
    },
    /// A malformed beacon value.
    #[error("beacon: {0}")]
    Malformed(String),
}

/// A witness's commitment (义务监督员承诺): `SHA-256(lp("dualdraw-witness-v1")
/// ‖ lp(secret))`.
pub fn witness_commitment(secret: &str) -> Hash {
    let mut e = Encoder::new();
    e.str("dualdraw-witness-v1").str(secret);
    Hash::digest(e.as_bytes())
}

/// A fresh witness secret (义务监督员秘密值; 32 random bytes as hex) and its
/// commitment.
///
/// # Errors
/// When the operating system has no random source.
pub fn new_witness_secret() -> Result<(String, Hash), getrandom::Error> {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b)?;
    let secret = hex::encode(b);
    let c = witness_commitment(&secret);
    Ok((secret, c))
}

/// Checks a witness's secret against the commitment (核验义务监督员揭示).
///
/// # Errors
/// [`EntropyError::RevealMismatch`] or [`EntropyError::ShortSecret`].
pub fn check_reveal(name: &str, commitment: &Hash, secret: &str) -> Result<(), EntropyError> {
    let len = secret.chars().count();
    if len < 16 {
        return Err(EntropyError::ShortSecret {
            name: name.to_string(),
            len,
        });
    }
    let got = witness_commitment(secret);
    if &got != commitment {
        return Err(EntropyError::RevealMismatch {
            name: name.to_string(),
            expected: *commitment,
            got,
        });
    }
    Ok(())
}

/// A witness's recorded reveal (义务监督员揭示).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reveal {
    /// Witness.
    pub name: String,
    /// The secret.
    pub secret: String,
    /// When it was recorded (UTC, whole seconds).
    #[serde(with = "crate::core::instant::canonical")]
    pub revealed_at: DateTime<Utc>,
}

/// The time drand quicknet round `r` appears (随机信标轮次时间).
pub fn quicknet_round_time(round: u64) -> Option<DateTime<Utc>> {
    let r = i64::try_from(round).ok()?;
    DateTime::from_timestamp(QUICKNET_GENESIS + (r - 1) * QUICKNET_PERIOD, 0)
}

/// A beacon output (随机信标值), checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeaconValue {
    /// Scheme.
    pub scheme: BeaconScheme,
    /// Round or draw name.
    pub round: String,
    /// drand: the signature (hex); lottery: the canonical result text.
    pub evidence: String,
    /// drand: the round's time.
    #[serde(with = "crate::core::instant::canonical_opt")]
    pub round_time: Option<DateTime<Utc>>,
    /// The value that enters the seed.
    pub value: Hash,
}

/// A drand round (drand 随机信标轮次) as relays serve it.
#[derive(Debug, Clone, Deserialize)]
pub struct DrandRound {
    /// Round number.
    pub round: u64,
    /// Signature, hex.
    pub signature: String,
}

fn beacon_value(scheme: &str, round: &str, data: &[u8], raw: bool) -> Hash {
    let mut e = Encoder::new();
    e.str("dualdraw-beacon-v1").str(scheme).str(round);
    if raw {
        e.raw(data);
    } else {
        e.bytes(data);
    }
    Hash::digest(e.as_bytes())
}

/// Verifies a drand quicknet round offline (离线核验随机信标) and derives the
/// beacon value.
///
/// # Errors
/// [`EntropyError`] when the round differs or the signature fails.
pub fn verify_quicknet(spec: &BeaconSpec, round: &DrandRound) -> Result<BeaconValue, EntropyError> {
    if spec.round != round.round.to_string() {
        return Err(EntropyError::WrongRound {
            expected: spec.round.clone(),
            got: round.round.to_string(),
        });
    }
    let sig = hex::decode(round.signature.trim())
        .map_err(|_| EntropyError::Malformed("signature is not hex".into()))?;
    let mut pk = [0u8; 96];
    hex::decode_to_slice(QUICKNET_PUBLIC_KEY, &mut pk)
        .map_err(|_| EntropyError::Malformed("public key".into()))?;
    let key = G2PubkeyRfc::from_fixed(pk).map_err(|e| EntropyError::Malformed(format!("{e}")))?;
    let ok = key
        .verify(round.round, b"", &sig)
        .map_err(|e| EntropyError::Malformed(format!("{e}")))?;
    if !ok {
        return Err(EntropyError::BadSignature { round: round.round });
    }
    let randomness = derive_randomness(&sig);
    Ok(BeaconValue {
        scheme: BeaconScheme::DrandQuicknet,
        round: spec.round.clone(),
        evidence: hex::encode(&sig),
        round_time: quicknet_round_time(round.round),
        value: beacon_value("drand-quicknet", &spec.round, &randomness, true),
    })
}

/// The canonical text of a lottery result (彩票开奖结果, `docs/SPEC.md` §4):
/// groups split by `/`, numbers sorted, no leading zeros, `.` within a group,
/// `/` after each.
///
/// # Errors
/// [`EntropyError::Malformed`] for anything but digits and separators.
pub fn lottery_canonical(result: &str) -> Result<String, EntropyError> {
    let mut out = String::new();
    let groups: Vec<&str> = result.trim().trim_end_matches('/').split('/').collect();
    for g in groups {
        let mut nums: Vec<u64> = g
            .split([',', '.', ' ', '，', '、'])
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<u64>()
                    .map_err(|_| EntropyError::Malformed(format!("{s:?} is not a number")))
            })
            .collect::<Result<_, _>>()?;
        if nums.is_empty() {
            return Err(EntropyError::Malformed(format!(
                "empty group in {result:?}"
            )));
        }
        nums.sort_unstable();
        let g: Vec<String> = nums.iter().map(u64::to_string).collect();
        out.push_str(&g.join("."));
        out.push('/');
    }
    Ok(out)
}

/// The beacon value of a lottery result (以彩票开奖结果为随机信标).
///
/// # Errors
/// [`EntropyError::Malformed`].
pub fn lottery_value(spec: &BeaconSpec, result: &str) -> Result<BeaconValue, EntropyError> {
    let canonical = lottery_canonical(result)?;
    Ok(BeaconValue {
        scheme: BeaconScheme::Lottery,
        round: spec.round.clone(),
        value: beacon_value("lottery", &spec.round, canonical.as_bytes(), false),
        evidence: canonical,
        round_time: None,
    })
}

/// The seed (随机种子): `seed = SHA-256(lp("dualdraw-seed-v1") ‖
/// raw(announcement) ‖ u32be(k) ‖ (lp(name) ‖ lp(secret))… ‖
/// opt(raw(beacon)))`.
pub fn seed(announcement: &Hash, reveals: &[(&str, &str)], beacon: Option<&Hash>) -> Hash {
    let mut e = Encoder::with_capacity(256);
    e.str("dualdraw-seed-v1")
        .raw(&announcement.0)
        .raw(&(reveals.len() as u32).to_be_bytes());
    for (name, secret) in reveals {
        e.str(name).str(secret);
    }
    match beacon {
        None => e.raw(&[0]),
        Some(b) => e.raw(&[1]).raw(&b.0),
    };
    Hash::digest(e.as_bytes())
}

/// The commitment to a campaign's schedule secret (检查日期安排秘密值的承诺,
/// `docs/SCHEDULE.md`), recorded in the draw's ledger entry:
/// `SHA-256(lp("dualdraw-schedule-secret-v1") ‖ lp(secret))`.
pub fn schedule_secret_commitment(secret: &str) -> Hash {
    let mut e = Encoder::with_capacity(64 + secret.len());
    e.str("dualdraw-schedule-secret-v1").str(secret);
    Hash::digest(e.as_bytes())
}

/// The PRN seed of a coordination group (样本协调组随机种子, `docs/SPEC.md`
/// §4): `SHA-256(lp("dualdraw-group-seed-v1") ‖ raw(group_hash) ‖ u32be(m) ‖
/// raw(announcement)… ‖ u32be(k) ‖ (lp(name) ‖ lp(secret))… ‖
/// opt(raw(beacon)))`.
pub fn group_seed(
    group_hash: &Hash,
    announcements: &[Hash],
    reveals: &[(&str, &str)],
    beacon: Option<&Hash>,
) -> Hash {
    let mut e = Encoder::with_capacity(256);
    e.str("dualdraw-group-seed-v1")
        .raw(&group_hash.0)
        .raw(&(announcements.len() as u32).to_be_bytes());
    for a in announcements {
        e.raw(&a.0);
    }
    e.raw(&(reveals.len() as u32).to_be_bytes());
    for (name, secret) in reveals {
        e.str(name).str(secret);
    }
    match beacon {
        None => e.raw(&[0]),
        Some(b) => e.raw(&[1]).raw(&b.0),
    };
    Hash::digest(e.as_bytes())
}

/// A stage's random stream (随机数流): ChaCha20 keyed by
/// `SHA-256(lp("dualdraw-stream-v1") ‖ raw(seed) ‖ lp(label))`.
pub struct Stream(ChaCha20Rng);

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stream(..)")
    }
}

impl Stream {
    /// The stream of `label` under `seed`.
    pub fn new(seed: &Hash, label: &str) -> Self {
        let mut e = Encoder::new();
        e.str("dualdraw-stream-v1").raw(&seed.0).str(label);
        Stream(ChaCha20Rng::from_seed(Hash::digest(e.as_bytes()).0))
    }

    /// The next 8 keystream bytes, little-endian.
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A uniform integer in `0..n` by rejection (`n ≥ 1`; 0 for `n = 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        if n <= 1 {
            return 0;
        }
        let t = n.wrapping_neg() % n;
        loop {
            let x = self.next_u64();
            if x >= t {
                return x % n;
            }
        }
    }

    /// [`Stream::below`] for a bound prepared once with [`Bound::new`]: the
    /// same values from the same stream, without recomputing the rejection
    /// threshold (for loops that draw many numbers below one bound).
    pub fn below_bound(&mut self, b: Bound) -> u64 {
        if b.n <= 1 {
            return 0;
        }
        loop {
            let x = self.next_u64();
            if x >= b.threshold {
                return x % b.n;
            }
        }
    }

    /// Fisher–Yates shuffle, from the last element down.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            v.swap(i, j);
        }
    }
}

/// A bound `n` of [`Stream::below`] with its rejection threshold
/// `2^64 mod n` computed once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    n: u64,
    threshold: u64,
}

impl Bound {
    /// The bound `n` (`n ≤ 1` draws nothing and gives 0, as `below`).
    pub fn new(n: u64) -> Bound {
        let threshold = if n <= 1 { 0 } else { n.wrapping_neg() % n };
        Bound { n, threshold }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_bound_reads_the_stream_exactly_as_below() {
        let seed = Hash([9; 32]);
        for n in [0u64, 1, 2, 3, 5, 7, 1000, 1 << 40, (1 << 63) + 1, u64::MAX] {
            let mut a = Stream::new(&seed, "x");
            let mut b = Stream::new(&seed, "x");
            for _ in 0..200 {
                assert_eq!(a.below(n), b.below_bound(Bound::new(n)));
            }
            assert_eq!(a.next_u64(), b.next_u64());
        }
    }

    fn quicknet(round: u64) -> BeaconSpec {
        BeaconSpec {
            scheme: BeaconScheme::DrandQuicknet,
            round: round.to_string(),
        }
    }

    /// A published quicknet round (from drand-verify's documentation).
    const ROUND: u64 = 657_413;
    const SIG: &str = "b713718a38ae728dfd477991af2822e08d2f305e47718cef9f7848ce4050e7be41076862b98fad56e91a6b85b89cd97b";
    const RANDOMNESS: &str = "fc1873a13f3545aeade8401532ef5519920652eee6b0d2b19ca12643b87b3587";

    #[test]
    fn published_quicknet_round_verifies_offline() {
        let v = verify_quicknet(
            &quicknet(ROUND),
            &DrandRound {
                round: ROUND,
                signature: SIG.into(),
            },
        )
        .unwrap();
        assert_eq!(
            hex::encode(derive_randomness(&hex::decode(SIG).unwrap())),
            RANDOMNESS
        );
        assert_eq!(
            Hash::digest(&hex::decode(SIG).unwrap()).to_hex(),
            RANDOMNESS
        );
        assert_eq!(
            v.round_time.unwrap().to_rfc3339(),
            "2023-09-15T11:00:03+00:00"
        );
    }

    #[test]
    fn tampered_or_misnumbered_rounds_fail() {
        let mut sig = hex::decode(SIG).unwrap();
        sig[10] ^= 1;
        let r = verify_quicknet(
            &quicknet(ROUND),
            &DrandRound {
                round: ROUND,
                signature: hex::encode(&sig),
            },
        );
        assert!(r.is_err());
        let r = verify_quicknet(
            &quicknet(ROUND + 1),
            &DrandRound {
                round: ROUND + 1,
                signature: SIG.into(),
            },
        );
        assert_eq!(
            r.unwrap_err(),
            EntropyError::BadSignature { round: ROUND + 1 }
        );
        let r = verify_quicknet(
            &quicknet(ROUND),
            &DrandRound {
                round: ROUND + 1,
                signature: SIG.into(),
            },
        );
        assert!(matches!(r, Err(EntropyError::WrongRound { .. })));
    }

    #[test]
    fn witness_reveals_must_match_and_be_long_enough() {
        let (s, c) = new_witness_secret().unwrap();
        assert_eq!(s.len(), 64);
        check_reveal("甲", &c, &s).unwrap();
        assert!(matches!(
            check_reveal("甲", &c, "x".repeat(20).as_str()),
            Err(EntropyError::RevealMismatch { .. })
        ));
        assert!(matches!(
            check_reveal("甲", &c, "short"),
            Err(EntropyError::ShortSecret { .. })
        ));
    }

    #[test]
    fn lottery_results_are_canonical_whatever_the_spelling() {
        assert_eq!(
            lottery_canonical("31,07,19,3,25,12/09").unwrap(),
            "3.7.12.19.25.31/9/"
        );
        assert_eq!(
            lottery_canonical("03 07 12 19 25 31 / 9 /").unwrap(),
            "3.7.12.19.25.31/9/"
        );
        assert!(lottery_canonical("3,x/9").is_err());
        assert!(lottery_canonical("//").is_err());
    }

    #[test]
    fn below_is_in_range_and_streams_are_independent_by_label() {
        let seed = Hash([3; 32]);
        let mut a = Stream::new(&seed, "assign/甲");
        let mut b = Stream::new(&seed, "assign/乙");
        assert_ne!(a.next_u64(), b.next_u64());
        for n in [1u64, 2, 3, 7, 1 << 63, u64::MAX] {
            for _ in 0..50 {
                assert!(a.below(n) < n);
            }
        }
        let mut v: Vec<u32> = (0..100).collect();
        a.shuffle(&mut v);
        let mut sorted = v.clone();
        sorted.sort();
        assert_eq!(sorted, (0..100).collect::<Vec<_>>());
        assert_ne!(v, sorted);
    }

    #[test]
    fn chacha_stream_is_rfc8439_keystream_read_little_endian() {
        // RFC 8439 §2.3.2 block function with key 00..1f; with counter 0 and a zero
        // nonce the first keystream block is the RFC 7539 test vector "key = 0..1f,
        // nonce = 0": its first 8 bytes are 0x39 0xfd 0x2b 0x7d ... (checked below
        // against a from-scratch implementation of the block function).
        let key: [u8; 32] = core::array::from_fn(|i| i as u8);
        let mut rng = ChaCha20Rng::from_seed(key);
        let first = rng.next_u64();
        let block = chacha20_block(&key, 0);
        assert_eq!(first, u64::from_le_bytes(block[..8].try_into().unwrap()));
        let second = rng.next_u64();
        assert_eq!(second, u64::from_le_bytes(block[8..16].try_into().unwrap()));
    }

    /// RFC 8439 §2.3 ChaCha20 block function (zero nonce), written from the RFC.
    fn chacha20_block(key: &[u8; 32], counter: u32) -> [u8; 64] {
        fn qr(s: &mut [u32; 16], a: usize, b: usize, c: usize, d: usize) {
            s[a] = s[a].wrapping_add(s[b]);
            s[d] ^= s[a];
            s[d] = s[d].rotate_left(16);
            s[c] = s[c].wrapping_add(s[d]);
            s[b] ^= s[c];
            s[b] = s[b].rotate_left(12);
            s[a] = s[a].wrapping_add(s[b]);
            s[d] ^= s[a];
            s[d] = s[d].rotate_left(8);
            s[c] = s[c].wrapping_add(s[d]);
            s[b] ^= s[c];
            s[b] = s[b].rotate_left(7);
        }
        let mut s = [0u32; 16];
        s[..4].copy_from_slice(&[0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574]);
        for i in 0..8 {
            s[4 + i] = u32::from_le_bytes(key[4 * i..4 * i + 4].try_into().unwrap());
        }
        s[12] = counter;
        let init = s;
        for _ in 0..10 {
            qr(&mut s, 0, 4, 8, 12);
            qr(&mut s, 1, 5, 9, 13);
            qr(&mut s, 2, 6, 10, 14);
            qr(&mut s, 3, 7, 11, 15);
            qr(&mut s, 0, 5, 10, 15);
            qr(&mut s, 1, 6, 11, 12);
            qr(&mut s, 2, 7, 8, 13);
            qr(&mut s, 3, 4, 9, 14);
        }
        let mut out = [0u8; 64];
        for i in 0..16 {
            out[4 * i..4 * i + 4].copy_from_slice(&s[i].wrapping_add(init[i]).to_le_bytes());
        }
        out
    }
}
