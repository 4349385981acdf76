//! Accounts, tokens and pending requests (账号、令牌与待审批请求) of one
//! bureau: who may call the service, as what, and the announcements and
//! draws a clerk asked for that an approver has not yet decided.
//!
//! A token is `dd1.<bureau>.<64 hex digits>`: 32 random bytes from the
//! operating system. Only its SHA-256 is stored; the token itself is shown
//! once, when issued or rotated. The bureau in the token lets the service
//! refuse another bureau's token before it looks anything up.

use sha2::{Digest, Sha256};
use std::fmt;

/// What an account may do (角色). `docs/API.md` lists every endpoint with
/// the roles allowed on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The bureau's administrator (管理员): issues, rotates and revokes tokens.
    Admin,
    /// A clerk (经办人): imports registries, asks for announcements and draws;
    /// scoped to one department where the bureau wants.
    Clerk,
    /// An approver (审批人): the second person, who approves an announcement
    /// or a draw (recorded as the ledger's approver).
    Approver,
    /// A witness (义务监督员): adds a commitment to a pending announcement,
    /// reveals their secret.
    Witness,
    /// An auditor (审计): reads everything, verifies at the audit level.
    Auditor,
    /// The public (公众): published records only.
    Public,
}

impl Role {
    /// Every role, in the order of `docs/API.md`.
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Clerk,
        Role::Approver,
        Role::Witness,
        Role::Auditor,
        Role::Public,
    ];

    /// The role's name as the API and the CLI spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Clerk => "clerk",
            Role::Approver => "approver",
            Role::Witness => "witness",
            Role::Auditor => "auditor",
            Role::Public => "public",
        }
    }

    /// The role named `s`.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One account (账号): a named person with a role and, for a clerk, an
/// optional department.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Account {
    /// Sequential id within the bureau.
    pub id: i64,
    /// The person's name (recorded in the ledger as operator or approver).
    pub name: String,
    /// Role.
    pub role: Role,
    /// The department a clerk is scoped to (`None`: the whole bureau).
    pub department: Option<String>,
    /// When the account was made (UTC, RFC 3339).
    pub created_at: String,
    /// When its current token was issued (UTC, RFC 3339).
    pub token_issued_at: String,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
}

/// A token just issued or rotated: shown once, stored only hashed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct IssuedToken {
    /// The account.
    pub account: Account,
    /// The bearer token (`Authorization: Bearer <token>`).
    pub token: String,
}

/// What a pending request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// Announce a campaign (抽查公告).
    Announce,
    /// Draw an announced campaign (抽取).
    Draw,
    /// Replace a drawn target or one officer of its team (替换).
    Replace,
    /// Void a campaign in the open (作废).
    Void,
}

impl RequestKind {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::Announce => "announce",
            RequestKind::Draw => "draw",
            RequestKind::Replace => "replace",
            RequestKind::Void => "void",
        }
    }
    /// From the stored text.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "announce" => Some(RequestKind::Announce),
            "draw" => Some(RequestKind::Draw),
            "replace" => Some(RequestKind::Replace),
            "void" => Some(RequestKind::Void),
            _ => None,
        }
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    /// Waiting for an approver.
    Pending,
    /// Approved and carried out.
    Done,
    /// Refused by an approver.
    Refused,
}

impl RequestState {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestState::Pending => "pending",
            RequestState::Done => "done",
            RequestState::Refused => "refused",
        }
    }
    /// From the stored text.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(RequestState::Pending),
            "done" => Some(RequestState::Done),
            "refused" => Some(RequestState::Refused),
            _ => None,
        }
    }
}

/// A clerk's request for an announcement or a draw (待审批请求).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Request {
    /// Sequential id within the bureau.
    pub id: i64,
    /// What it asks for.
    pub kind: RequestKind,
    /// The campaign.
    pub campaign: String,
    /// The request's body (JSON): for an announcement the campaign file and
    /// the witnesses' commitments added since; for a draw its inputs.
    pub payload: serde_json::Value,
    /// The clerk who asked.
    pub requested_by: String,
    /// When (UTC, RFC 3339).
    pub requested_at: String,
    /// Where it stands.
    pub state: RequestState,
    /// The approver who decided.
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<String>,
    /// What came of it (an announcement hash, a seed, a reason for refusal).
    pub outcome: Option<String>,
}

/// Why the access records refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    /// No such account.
    #[error("no account {0}")]
    NoAccount(i64),
    /// No such request.
    #[error("no request {0}")]
    NoRequest(i64),
    /// The request was decided meanwhile, or changed under a concurrent
    /// writer (try again).
    #[error("request {0} changed meanwhile (decided, or updated by someone else); read it again")]
    Changed(i64),
    /// No such bureau on the database.
    #[error("no bureau {0} on this database")]
    NoBureau(String),
    /// A bad account name or department.
    #[error("{0}")]
    Invalid(String),
    /// The database failed.
    #[error("access records: {0}")]
    Backend(String),
}

/// A bureau's accounts and pending requests, on the bureau's own backend
/// (a file beside the SQLite workspace, or tables in the bureau's
/// PostgreSQL schema).
pub trait AccessStore {
    /// Makes an account with a fresh token.
    ///
    /// # Errors
    /// [`AccessError`].
    fn issue(
        &mut self,
        name: &str,
        role: Role,
        department: Option<&str>,
    ) -> Result<IssuedToken, AccessError>;
    /// Replaces account `id`'s token: the old one stops working at once.
    ///
    /// # Errors
    /// [`AccessError::NoAccount`] (also for a revoked account).
    fn rotate(&mut self, id: i64) -> Result<IssuedToken, AccessError>;
    /// Revokes account `id`: its token stops working at once, for good.
    ///
    /// # Errors
    /// [`AccessError::NoAccount`].
    fn revoke(&mut self, id: i64) -> Result<Account, AccessError>;
    /// Every account, by id.
    ///
    /// # Errors
    /// [`AccessError::Backend`].
    fn accounts(&mut self) -> Result<Vec<Account>, AccessError>;
    /// The live account whose token hashes to `hash`.
    ///
    /// # Errors
    /// [`AccessError::Backend`].
    fn account_by_token_hash(&mut self, hash: &str) -> Result<Option<Account>, AccessError>;
    /// Records a pending request.
    ///
    /// # Errors
    /// [`AccessError::Backend`].
    fn add_request(
        &mut self,
        kind: RequestKind,
        campaign: &str,
        payload: &serde_json::Value,
        by: &str,
    ) -> Result<Request, AccessError>;
    /// Every request, by id.
    ///
    /// # Errors
    /// [`AccessError::Backend`].
    fn requests(&mut self) -> Result<Vec<Request>, AccessError>;
    /// Request `id`.
    ///
    /// # Errors
    /// [`AccessError::NoRequest`].
    fn request(&mut self, id: i64) -> Result<Request, AccessError>;
    /// Replaces a pending request's payload, if it is still `old` (no lost
    /// update between two witnesses adding commitments at once).
    ///
    /// # Errors
    /// [`AccessError::Changed`] when it was decided or changed meanwhile.
    fn replace_payload(
        &mut self,
        id: i64,
        old: &serde_json::Value,
        new: &serde_json::Value,
    ) -> Result<(), AccessError>;
    /// Decides a pending request.
    ///
    /// # Errors
    /// [`AccessError::Changed`] when it was no longer pending.
    fn decide(
        &mut self,
        id: i64,
        state: RequestState,
        by: &str,
        outcome: &str,
    ) -> Result<Request, AccessError>;
}

/// A fresh token for `bureau`.
///
/// # Errors
/// [`AccessError::Backend`] when the operating system gives no randomness.
pub fn new_token(bureau: &str) -> Result<String, AccessError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AccessError::Backend(e.to_string()))?;
    Ok(format!("dd1.{bureau}.{}", hex::encode(bytes)))
}

/// What is stored of `token`: SHA-256, hex.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The bureau a token names, if it is well formed.
pub fn token_bureau(token: &str) -> Option<&str> {
    let rest = token.strip_prefix("dd1.")?;
    let (bureau, secret) = rest.split_once('.')?;
    let ok = secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_hexdigit());
    ok.then_some(bureau)
}

/// Checks an account's name and department before it is stored.
///
/// # Errors
/// [`AccessError::Invalid`].
pub fn check_account(name: &str, department: Option<&str>) -> Result<(), AccessError> {
    let bad =
        |s: &str| s.trim().is_empty() || s.chars().count() > 100 || s.chars().any(char::is_control);
    if bad(name) {
        return Err(AccessError::Invalid(format!(
            "account name {name:?}: 1 to 100 characters, no control characters"
        )));
    }
    if let Some(d) = department
        && bad(d)
    {
        return Err(AccessError::Invalid(format!(
            "department {d:?}: 1 to 100 characters, no control characters"
        )));
    }
    Ok(())
}

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_names_its_bureau_and_hashes_to_64_hex_digits() {
        let t = new_token("county_a").unwrap();
        assert_eq!(token_bureau(&t), Some("county_a"));
        assert_eq!(token_hash(&t).len(), 64);
        assert_ne!(new_token("county_a").unwrap(), t);
        assert_eq!(token_bureau("dd1.county_a.short"), None);
        assert_eq!(token_bureau("Bearer x"), None);
    }
}
