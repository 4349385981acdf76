//! Fork proofs (分叉证据, `docs/LOG.md` §5): two checkpoints signed by the
//! bureau that cannot both be true of one append-only log.

use super::checkpoint::{CheckpointError, LogKeys, SignedCheckpoint};
use super::proofs::{AddCheckpoint, LogProofError};

/// The first line of a fork proof.
pub const FORK_HEADER: &str = "dualdraw-fork-proof/v1";

/// What kind of fork (分叉类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForkKind {
    /// Equal sizes, different roots.
    SameSize,
    /// The newer checkpoint is smaller than the one cosigned.
    Rollback,
    /// The consistency proof the bureau gave fails.
    Inconsistent,
}

impl ForkKind {
    /// The word in the fork proof's second line.
    pub fn as_str(self) -> &'static str {
        match self {
            ForkKind::SameSize => "same-size",
            ForkKind::Rollback => "rollback",
            ForkKind::Inconsistent => "inconsistent",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "same-size" => Some(ForkKind::SameSize),
            "rollback" => Some(ForkKind::Rollback),
            "inconsistent" => Some(ForkKind::Inconsistent),
            _ => None,
        }
    }
}

/// Why a fork proof does not establish a fork (分叉证据不成立).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ForkError {
    /// Not in the format.
    #[error("malformed fork proof: {0}")]
    Malformed(String),
    /// A checkpoint in it is refused (not signed by the bureau keys given).
    #[error(transparent)]
    Checkpoint(#[from] CheckpointError),
    /// A request in it is malformed.
    #[error(transparent)]
    Request(#[from] LogProofError),
    /// The two checkpoints do not show the fork the kind names.
    #[error("the checkpoints do not show a {0} fork")]
    NotShown(&'static str),
}

impl ForkError {
    /// A stable code for this error.
    pub fn kind(&self) -> &'static str {
        match self {
            ForkError::Malformed(_) => "fork-malformed",
            ForkError::Checkpoint(e) => e.kind(),
            ForkError::Request(e) => e.kind(),
            ForkError::NotShown(_) => "fork-not-shown",
        }
    }
}

/// A fork proof: checkpoint A (held), checkpoint B (refused), and for
/// `inconsistent` the add-checkpoint body whose proof failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForkProof {
    /// The kind.
    pub kind: ForkKind,
    /// The checkpoint the cosigner held.
    pub held: SignedCheckpoint,
    /// The checkpoint it refused.
    pub refused: SignedCheckpoint,
    /// For `inconsistent`: the request that failed.
    pub request: Option<AddCheckpoint>,
}

/// What a fork proof established (分叉核验结论).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForkVerdict {
    /// The kind shown.
    pub kind: ForkKind,
    /// `true` for `same-size` (two different logs signed); `false` for the
    /// others, which are conclusive once the bureau cannot produce a
    /// consistency proof between the two checkpoints.
    pub conclusive: bool,
}

fn malformed(why: &str) -> ForkError {
    ForkError::Malformed(why.to_string())
}

/// Splits a checkpoint note (three text lines, the blank line, signature
/// lines) off the front of `s`.
fn take_checkpoint(s: &str) -> Result<(&str, &str), ForkError> {
    let mut end = 0;
    for _ in 0..4 {
        let i = s[end..]
            .find('\n')
            .ok_or_else(|| malformed("truncated checkpoint"))?;
        end += i + 1;
    }
    while s[end..].starts_with('\u{2014}') {
        let i = s[end..]
            .find('\n')
            .ok_or_else(|| malformed("truncated signature line"))?;
        end += i + 1;
    }
    Ok(s.split_at(end))
}

impl ForkProof {
    /// The text.
    pub fn to_text(&self) -> String {
        let mut s = format!("{FORK_HEADER}\n{}\n\n", self.kind.as_str());
        s.push_str(&self.held.to_text());
        s.push('\n');
        s.push_str(&self.refused.to_text());
        if let Some(r) = &self.request {
            s.push('\n');
            s.push_str(&r.to_text());
        }
        s
    }

    /// Parses the text.
    ///
    /// # Errors
    /// [`ForkError`].
    pub fn parse(bytes: &[u8]) -> Result<Self, ForkError> {
        if bytes.len() > 512 * 1024 {
            return Err(malformed("larger than 512 KiB"));
        }
        let s = std::str::from_utf8(bytes).map_err(|_| malformed("not UTF-8"))?;
        let rest = s
            .strip_prefix(FORK_HEADER)
            .and_then(|r| r.strip_prefix('\n'))
            .ok_or_else(|| malformed("first line is not dualdraw-fork-proof/v1"))?;
        let (kind, rest) = rest.split_once('\n').ok_or_else(|| malformed("no kind"))?;
        let kind = ForkKind::parse(kind).ok_or_else(|| malformed("unknown kind"))?;
        let rest = rest
            .strip_prefix('\n')
            .ok_or_else(|| malformed("no empty line"))?;
        let (a, rest) = take_checkpoint(rest)?;
        let rest = rest
            .strip_prefix('\n')
            .ok_or_else(|| malformed("no empty line"))?;
        let (b, rest) = take_checkpoint(rest)?;
        let held = SignedCheckpoint::parse(a.as_bytes())?;
        let refused = SignedCheckpoint::parse(b.as_bytes())?;
        let request = match (kind, rest) {
            (ForkKind::Inconsistent, r) => {
                let body = r
                    .strip_prefix('\n')
                    .ok_or_else(|| malformed("no request"))?;
                Some(AddCheckpoint::parse(body.as_bytes())?)
            }
            (_, "") => None,
            _ => return Err(malformed("text after the second checkpoint")),
        };
        Ok(ForkProof {
            kind,
            held,
            refused,
            request,
        })
    }

    /// Checks both checkpoints are signed by `log` and show the fork the kind
    /// names.
    ///
    /// # Errors
    /// [`ForkError`].
    pub fn verify(&self, log: &LogKeys) -> Result<ForkVerdict, ForkError> {
        let a = self.held.verify(log, &[])?;
        let b = self.refused.verify(log, &[])?;
        let (a, b) = (a.checkpoint(), b.checkpoint());
        match self.kind {
            ForkKind::SameSize => {
                if a.size != b.size || a.root == b.root {
                    return Err(ForkError::NotShown("same-size"));
                }
                Ok(ForkVerdict {
                    kind: ForkKind::SameSize,
                    conclusive: true,
                })
            }
            ForkKind::Rollback => {
                if b.size >= a.size {
                    return Err(ForkError::NotShown("rollback"));
                }
                Ok(ForkVerdict {
                    kind: ForkKind::Rollback,
                    conclusive: false,
                })
            }
            ForkKind::Inconsistent => {
                let Some(req) = &self.request else {
                    return Err(ForkError::NotShown("inconsistent"));
                };
                let shown = req.checkpoint.checkpoint() == b
                    && req.old == a.size
                    && a.size < b.size
                    && a.merkle_root()
                        .verify_consistency(&b.merkle_root(), &req.proof)
                        .is_err();
                if !shown {
                    return Err(ForkError::NotShown("inconsistent"));
                }
                Ok(ForkVerdict {
                    kind: ForkKind::Inconsistent,
                    conclusive: false,
                })
            }
        }
    }
}
