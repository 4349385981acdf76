//! The hash-chained ledger (台账): every announcement, reveal, draw,
//! replacement, voiding and publication is an entry that commits to the one
//! before it, so that no draw can be repeated, removed or reordered unseen.
//!
//! ```text
//! hash = SHA-256( lp("dualdraw-ledger-v1") ‖ u64be(seq) ‖ raw(prev) ‖ lp(kind) ‖ lp(campaign)
//!                 ‖ lp(at) ‖ lp(operator) ‖ lp(approver) ‖ lp(body) )
//! ```
//! `seq` counts from 1; the first entry's `prev` is 32 zero bytes; `body` is
//! the entry's JSON text exactly as stored; the head is the last entry's hash.

pub mod keys;
pub mod log;

use crate::core::canonical::Encoder;
use crate::core::merkle::Hash;
use serde::{Deserialize, Serialize};

/// One ledger entry (台账条目).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// 1, 2, …
    pub seq: u64,
    /// The previous entry's hash (zeros for the first).
    pub prev: Hash,
    /// This entry's hash.
    pub hash: Hash,
    /// `announcement`, `reveal`, `draw`, `replacement`, `void`, `publication`, …
    pub kind: String,
    /// The campaign it concerns (empty for none).
    pub campaign: String,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// Who did it.
    pub operator: String,
    /// Who approved it (empty for none).
    pub approver: String,
    /// The entry's content, JSON text as hashed.
    pub body: String,
}

impl Entry {
    /// The hash this entry's fields give.
    pub fn compute_hash(&self) -> Hash {
        let mut e = Encoder::with_capacity(256 + self.body.len());
        e.str("dualdraw-ledger-v1")
            .u64(self.seq)
            .raw(&self.prev.0)
            .str(&self.kind)
            .str(&self.campaign)
            .str(&self.at)
            .str(&self.operator)
            .str(&self.approver)
            .str(&self.body);
        Hash::digest(e.as_bytes())
    }

    /// A new entry after `prev` (its hash computed).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        seq: u64,
        prev: Hash,
        kind: &str,
        campaign: &str,
        at: &str,
        operator: &str,
        approver: &str,
        body: String,
    ) -> Self {
        let mut e = Entry {
            seq,
            prev,
            hash: Hash([0; 32]),
            kind: kind.into(),
            campaign: campaign.into(),
            at: at.into(),
            operator: operator.into(),
            approver: approver.into(),
            body,
        };
        e.hash = e.compute_hash();
        e
    }
}

/// Where a ledger breaks (台账链校验错误).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    /// Revealed dates that are not the ones committed.
    #[error("entry {seq}: the revealed dates do not give the recorded dates_sha256")]
    ScheduleDates {
        /// Entry number.
        seq: u64,
    },
    /// A revealed schedule secret does not open its draw's commitment.
    #[error(
        "entry {seq}: the schedule secret revealed for campaign {campaign} does not match the commitment in its draw entry"
    )]
    ScheduleSecret {
        /// Entry number.
        seq: u64,
        /// Campaign.
        campaign: String,
    },
    /// An entry's number is not the next one (an entry was deleted, inserted or moved).
    #[error(
        "entry at position {position}: number {got}, expected {expected} (an entry was deleted, inserted or moved)"
    )]
    Sequence {
        /// 1-based position in the ledger as read.
        position: u64,
        /// Expected number.
        expected: u64,
        /// Number found.
        got: u64,
    },
    /// An entry does not point at the one before it.
    #[error("entry {seq}: prev is {got}, but entry {} has hash {expected} (the chain was broken here)", seq - 1)]
    Link {
        /// Entry number.
        seq: u64,
        /// The previous entry's hash.
        expected: Hash,
        /// What the entry says.
        got: Hash,
    },
    /// An entry's content was changed after it was written.
    #[error(
        "entry {seq}: its fields give hash {expected}, but it says {got} (the entry was edited)"
    )]
    Edited {
        /// Entry number.
        seq: u64,
        /// Recomputed.
        expected: Hash,
        /// Stored.
        got: Hash,
    },
    /// The body is not JSON.
    #[error("entry {seq}: body is not JSON")]
    Body {
        /// Entry number.
        seq: u64,
    },
}

/// Checks a whole chain, in order. Returns the head (zeros when empty).
///
/// # Errors
/// The first [`LedgerError`], naming the position.
pub fn verify_chain(entries: &[Entry]) -> Result<Hash, LedgerError> {
    let mut prev = Hash([0; 32]);
    for (i, e) in entries.iter().enumerate() {
        let position = i as u64 + 1;
        if e.seq != position {
            return Err(LedgerError::Sequence {
                position,
                expected: position,
                got: e.seq,
            });
        }
        if e.prev != prev {
            return Err(LedgerError::Link {
                seq: e.seq,
                expected: prev,
                got: e.prev,
            });
        }
        let h = e.compute_hash();
        if h != e.hash {
            return Err(LedgerError::Edited {
                seq: e.seq,
                expected: h,
                got: e.hash,
            });
        }
        let Ok(body) = serde_json::from_str::<serde_json::Value>(&e.body) else {
            return Err(LedgerError::Body { seq: e.seq });
        };
        check_schedule_reveal(entries, i, &body)?;
        prev = e.hash;
    }
    Ok(prev)
}

/// A `schedule_reveal` entry's secrets must open the schedule commitments of
/// the earlier `draw` entries of its campaigns (`docs/SCHEDULE.md`).
fn check_schedule_reveal(
    entries: &[Entry],
    i: usize,
    body: &serde_json::Value,
) -> Result<(), LedgerError> {
    let e = &entries[i];
    if e.kind != "schedule_reveal" {
        return Ok(());
    }
    let Some(secrets) = body.get("secrets").and_then(|s| s.as_object()) else {
        return Err(LedgerError::Body { seq: e.seq });
    };
    // The revealed dates must be the ones committed (`docs/SCHEDULE.md` §16).
    if let (Some(dates), Some(want)) = (
        body.get("dates").and_then(|d| d.as_object()),
        body.get("dates_sha256").and_then(|d| d.as_str()),
    ) {
        let mut lines: Vec<(&String, &str)> = dates
            .iter()
            .map(|(k, v)| (k, v.as_str().unwrap_or_default()))
            .collect();
        lines.sort();
        let text: String = lines.iter().map(|(k, d)| format!("{k} {d}\n")).collect();
        if Hash::digest(text.as_bytes()).to_hex() != want {
            return Err(LedgerError::ScheduleDates { seq: e.seq });
        }
    }
    for (campaign, secret) in secrets {
        let secret = secret.as_str().unwrap_or_default();
        let committed = entries[..i]
            .iter()
            .filter(|d| d.kind == "draw" && &d.campaign == campaign)
            .find_map(|d| {
                serde_json::from_str::<serde_json::Value>(&d.body)
                    .ok()?
                    .get("schedule_commitment")?
                    .as_str()
                    .map(str::to_string)
            });
        let got = crate::core::entropy::schedule_secret_commitment(secret).to_hex();
        if committed.as_deref() != Some(got.as_str()) {
            return Err(LedgerError::ScheduleSecret {
                seq: e.seq,
                campaign: campaign.clone(),
            });
        }
    }
    Ok(())
}

/// Why an exported ledger (JSON Lines) cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadLedgerError {
    /// Reading failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A line is not a ledger entry.
    #[error("line {line}: not a ledger entry: {source}")]
    Entry {
        /// The line (from 1).
        line: usize,
        /// Why.
        source: serde_json::Error,
    },
}

/// Reads an exported ledger (导出的台账): one JSON entry a line, blank
/// lines skipped. The chain is not checked here ([`verify_chain`]).
///
/// # Errors
/// [`ReadLedgerError`] naming the line.
pub fn read_jsonl(reader: impl std::io::BufRead) -> Result<Vec<Entry>, ReadLedgerError> {
    let mut v = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let e: Entry = serde_json::from_str(&line).map_err(|source| ReadLedgerError::Entry {
            line: i + 1,
            source,
        })?;
        v.push(e);
    }
    Ok(v)
}

/// Writes a ledger as JSON Lines (导出台账), one entry a line, as
/// [`read_jsonl`] reads it back.
///
/// # Errors
/// What writing returns.
pub fn write_jsonl(entries: &[Entry], mut w: impl std::io::Write) -> std::io::Result<()> {
    for e in entries {
        let line = serde_json::to_string(e).map_err(std::io::Error::other)?;
        writeln!(w, "{line}")?;
    }
    w.flush()
}

/// The folder beside an exported ledger `file` that holds the draw proofs it
/// names: `FILE.proofs/`, one `CAMPAIGN.json` each.
pub fn proofs_dir(file: &std::path::Path) -> std::path::PathBuf {
    let mut s = file.as_os_str().to_owned();
    s.push(".proofs");
    std::path::PathBuf::from(s)
}

/// Why a ledger does not end where it must, or its chain is broken.
#[derive(Debug, thiserror::Error)]
pub enum HeadError {
    /// The chain itself is broken.
    #[error(transparent)]
    Chain(#[from] LedgerError),
    /// The chain ends at another head than the published one.
    #[error(
        "the ledger ends at {got}, not at the published head {published} (entries are missing or added)"
    )]
    Head {
        /// The chain's head.
        got: Hash,
        /// The head published.
        published: Hash,
    },
}

/// Checks a whole chain ([`verify_chain`]) and, when a head was published
/// (公布的台账头), that it ends there. Returns the head.
///
/// # Errors
/// [`HeadError`].
pub fn verify_chain_to(entries: &[Entry], head: Option<&Hash>) -> Result<Hash, HeadError> {
    let got = verify_chain(entries)?;
    match head {
        Some(h) if *h != got => Err(HeadError::Head { got, published: *h }),
        _ => Ok(got),
    }
}

/// Why an exported draw proof does not match its ledger entry.
#[derive(Debug, thiserror::Error)]
pub enum ProofFileError {
    /// A draw entry's body is not JSON.
    #[error("entry {0}: body")]
    Body(u64),
    /// The proof file cannot be read.
    #[error("entry {seq}: {}: {source}", path.display())]
    Unreadable {
        /// Entry number.
        seq: u64,
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file's SHA-256 differs from the entry's `proof_sha256`.
    #[error("entry {seq}: proof {} has SHA-256 {got}, the ledger recorded {recorded}", path.display())]
    Differs {
        /// Entry number.
        seq: u64,
        /// The file.
        path: std::path::PathBuf,
        /// The file's hash (hex).
        got: String,
        /// The entry's hash (hex).
        recorded: String,
    },
}

/// Checks each draw entry's `proof_sha256` against the proof file
/// `dir/CAMPAIGN.json` (an exported ledger's proofs, 抽取证明). Returns how
/// many proofs were checked.
///
/// # Errors
/// The first [`ProofFileError`].
pub fn check_proof_files(
    entries: &[Entry],
    dir: &std::path::Path,
) -> Result<usize, ProofFileError> {
    let mut n = 0;
    for e in entries.iter().filter(|e| e.kind == "draw") {
        let body: serde_json::Value =
            serde_json::from_str(&e.body).map_err(|_| ProofFileError::Body(e.seq))?;
        let recorded = body["proof_sha256"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let path = dir.join(format!("{}.json", e.campaign));
        let bytes = std::fs::read(&path).map_err(|source| ProofFileError::Unreadable {
            seq: e.seq,
            path: path.clone(),
            source,
        })?;
        let got = Hash::digest(&bytes).to_hex();
        if got != recorded {
            return Err(ProofFileError::Differs {
                seq: e.seq,
                path,
                got,
                recorded,
            });
        }
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: u64) -> Vec<Entry> {
        let mut v: Vec<Entry> = Vec::new();
        for i in 1..=n {
            let prev = v.last().map(|e| e.hash).unwrap_or(Hash([0; 32]));
            v.push(Entry::new(
                i,
                prev,
                "draw",
                "C",
                "2026-03-02T01:00:00Z",
                "王",
                "",
                format!("{{\"n\":{i}}}"),
            ));
        }
        v
    }

    #[test]
    fn an_intact_chain_verifies_to_its_head() {
        let v = chain(5);
        assert_eq!(verify_chain(&v).unwrap(), v[4].hash);
        assert_eq!(verify_chain(&[]).unwrap(), Hash([0; 32]));
    }

    #[test]
    fn edits_deletions_and_reorders_are_found_at_their_position() {
        let v = chain(5);
        let mut e = v.clone();
        e[2].body = "{\"n\":99}".into();
        assert!(matches!(
            verify_chain(&e),
            Err(LedgerError::Edited { seq: 3, .. })
        ));
        let mut d = v.clone();
        d.remove(2);
        assert!(matches!(
            verify_chain(&d),
            Err(LedgerError::Sequence {
                position: 3,
                got: 4,
                ..
            })
        ));
        let mut r = v.clone();
        r.swap(1, 2);
        assert!(matches!(
            verify_chain(&r),
            Err(LedgerError::Sequence { position: 2, .. })
        ));
        // Rewriting an entry and its hash still breaks the next link.
        let mut w = v.clone();
        w[1].body = "{\"n\":77}".into();
        w[1].hash = w[1].compute_hash();
        assert!(matches!(
            verify_chain(&w),
            Err(LedgerError::Link { seq: 3, .. })
        ));
        // Dropping the last entry is only visible against a published head.
        let mut t = v.clone();
        t.pop();
        assert_ne!(verify_chain(&t).unwrap(), v[4].hash);
    }

    fn reveal_chain(secret: &str, dates_hash: &str) -> Vec<Entry> {
        let commitment =
            crate::core::entropy::schedule_secret_commitment("the-draw-secret").to_hex();
        let d = Entry::new(
            1,
            Hash([0; 32]),
            "draw",
            "C",
            "2026-03-02T01:00:00Z",
            "王",
            "",
            format!("{{\"schedule_commitment\":\"{commitment}\"}}"),
        );
        let r = Entry::new(
            2,
            d.hash,
            "schedule_reveal",
            "C",
            "2026-06-01T01:00:00Z",
            "王",
            "",
            format!(
                "{{\"secrets\":{{\"C\":\"{secret}\"}},\"dates\":{{\"V1\":\"2026-03-10\"}},\"dates_sha256\":\"{dates_hash}\"}}"
            ),
        );
        vec![d, r]
    }

    #[test]
    fn a_revealed_schedule_must_open_the_draws_commitment_and_its_dates_hash() {
        let good = Hash::digest(b"V1 2026-03-10\n").to_hex();
        assert!(verify_chain(&reveal_chain("the-draw-secret", &good)).is_ok());
        assert!(matches!(
            verify_chain(&reveal_chain("another-secret", &good)),
            Err(LedgerError::ScheduleSecret { seq: 2, .. })
        ));
        let bad = Hash::digest(b"V1 2026-03-11\n").to_hex();
        assert!(matches!(
            verify_chain(&reveal_chain("the-draw-secret", &bad)),
            Err(LedgerError::ScheduleDates { seq: 2 })
        ));
    }

    #[test]
    fn an_exported_ledger_reads_back_and_ends_at_its_head() {
        let v = chain(3);
        let mut text = Vec::new();
        write_jsonl(&v, &mut text).unwrap();
        text.extend_from_slice(b"\n");
        let back = read_jsonl(text.as_slice()).unwrap();
        assert_eq!(back, v);
        assert_eq!(verify_chain_to(&back, None).unwrap(), v[2].hash);
        assert_eq!(verify_chain_to(&back, Some(&v[2].hash)).unwrap(), v[2].hash);
        assert!(matches!(
            verify_chain_to(&back[..2], Some(&v[2].hash)),
            Err(HeadError::Head { .. })
        ));
        let broken = b"{\"seq\": 1}\n";
        assert!(matches!(
            read_jsonl(&broken[..]),
            Err(ReadLedgerError::Entry { line: 1, .. })
        ));
        assert_eq!(
            proofs_dir(std::path::Path::new("out/ledger.jsonl")),
            std::path::PathBuf::from("out/ledger.jsonl.proofs")
        );
    }

    #[test]
    fn exported_proofs_must_hash_to_their_draw_entries() {
        let dir = std::env::temp_dir().join(format!("dualdraw-ledger-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let proof = b"{\"proof\": 1}";
        let body = format!("{{\"proof_sha256\":\"{}\"}}", Hash::digest(proof).to_hex());
        let e = Entry::new(
            1,
            Hash([0; 32]),
            "draw",
            "C",
            "2026-03-02T01:00:00Z",
            "王",
            "",
            body,
        );
        let entries = vec![e];
        assert!(matches!(
            check_proof_files(&entries, &dir),
            Err(ProofFileError::Unreadable { seq: 1, .. })
        ));
        std::fs::write(dir.join("C.json"), proof).unwrap();
        assert_eq!(check_proof_files(&entries, &dir).unwrap(), 1);
        std::fs::write(dir.join("C.json"), b"{}").unwrap();
        assert!(matches!(
            check_proof_files(&entries, &dir),
            Err(ProofFileError::Differs { seq: 1, .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
