//! The access records on the two backends: a SQLite file `access.sqlite`
//! beside the workspace's own database, or two tables in the bureau's
//! PostgreSQL schema, written as the bureau's role. Both keep the same
//! columns; only the SQL dialect differs.

use super::access::{
    AccessError, AccessStore, Account, IssuedToken, Request, RequestKind, RequestState, Role,
    check_account, new_token, now, token_hash,
};
use crate::store::Bureau;
use std::path::Path;

const SQLITE_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS access_accounts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  department TEXT,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  token_issued_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS access_requests (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  campaign TEXT NOT NULL,
  payload TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  state TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  outcome TEXT
);";

const PG_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS access_accounts (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  department TEXT,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  token_issued_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS access_requests (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL,
  campaign TEXT NOT NULL,
  payload TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  state TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  outcome TEXT
);";

const ACCOUNT_COLS: &str = "id, name, role, department, created_at, token_issued_at, revoked_at";
const REQUEST_COLS: &str = "id, kind, campaign, payload, requested_by, requested_at, state, decided_by, decided_at, outcome";

fn backend(e: impl std::fmt::Display) -> AccessError {
    AccessError::Backend(e.to_string())
}

/// A PostgreSQL error with the server's message and SQLSTATE.
fn pg(e: postgres::Error) -> AccessError {
    AccessError::Backend(crate::store::postgres::db(e).to_string())
}

#[allow(clippy::too_many_arguments)]
fn account(
    id: i64,
    name: String,
    role: String,
    department: Option<String>,
    created_at: String,
    token_issued_at: String,
    revoked_at: Option<String>,
) -> Result<Account, AccessError> {
    let role = Role::parse(&role).ok_or_else(|| backend(format!("unknown role {role:?}")))?;
    Ok(Account {
        id,
        name,
        role,
        department,
        created_at,
        token_issued_at,
        revoked_at,
    })
}

type RequestRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn request(r: RequestRow) -> Result<Request, AccessError> {
    let kind = RequestKind::parse(&r.1).ok_or_else(|| backend(format!("kind {:?}", r.1)))?;
    let state = RequestState::parse(&r.6).ok_or_else(|| backend(format!("state {:?}", r.6)))?;
    let payload = serde_json::from_str(&r.3).map_err(backend)?;
    Ok(Request {
        id: r.0,
        kind,
        campaign: r.2,
        payload,
        requested_by: r.4,
        requested_at: r.5,
        state,
        decided_by: r.7,
        decided_at: r.8,
        outcome: r.9,
    })
}

/// The access records of a SQLite workspace (`access.sqlite` in its folder).
pub struct SqliteAccess {
    conn: rusqlite::Connection,
    bureau: String,
}

impl SqliteAccess {
    /// Opens (making it if needed) the access records of the workspace in
    /// `dir`, for tokens naming `bureau`.
    ///
    /// # Errors
    /// [`AccessError::Backend`].
    pub fn open(dir: &Path, bureau: &str) -> Result<Self, AccessError> {
        let conn = rusqlite::Connection::open(dir.join("access.sqlite")).map_err(backend)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(backend)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(backend)?;
        conn.execute_batch(SQLITE_SCHEMA).map_err(backend)?;
        Ok(SqliteAccess {
            conn,
            bureau: bureau.to_string(),
        })
    }

    fn account_where(
        &self,
        cond: &str,
        p: &dyn rusqlite::ToSql,
    ) -> Result<Option<Account>, AccessError> {
        let sql = format!("SELECT {ACCOUNT_COLS} FROM access_accounts WHERE {cond}");
        let mut st = self.conn.prepare(&sql).map_err(backend)?;
        let mut rows = st.query([p]).map_err(backend)?;
        match rows.next().map_err(backend)? {
            Some(r) => Ok(Some(account(
                r.get(0).map_err(backend)?,
                r.get(1).map_err(backend)?,
                r.get(2).map_err(backend)?,
                r.get(3).map_err(backend)?,
                r.get(4).map_err(backend)?,
                r.get(5).map_err(backend)?,
                r.get(6).map_err(backend)?,
            )?)),
            None => Ok(None),
        }
    }

    fn requests_where(
        &self,
        cond: &str,
        p: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<Request>, AccessError> {
        let sql = format!("SELECT {REQUEST_COLS} FROM access_requests WHERE {cond} ORDER BY id");
        let mut st = self.conn.prepare(&sql).map_err(backend)?;
        let rows = st
            .query_map(p, |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            })
            .map_err(backend)?;
        let mut out = Vec::new();
        for r in rows {
            out.push(request(r.map_err(backend)?)?);
        }
        Ok(out)
    }
}

impl AccessStore for SqliteAccess {
    fn issue(
        &mut self,
        name: &str,
        role: Role,
        department: Option<&str>,
    ) -> Result<IssuedToken, AccessError> {
        check_account(name, department)?;
        let token = new_token(&self.bureau)?;
        let at = now();
        self.conn
            .execute(
                "INSERT INTO access_accounts (name, role, department, token_hash, created_at, token_issued_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                rusqlite::params![name, role.as_str(), department, token_hash(&token), at],
            )
            .map_err(backend)?;
        let id = self.conn.last_insert_rowid();
        let account = self
            .account_where("id = ?1", &id)?
            .ok_or(AccessError::NoAccount(id))?;
        Ok(IssuedToken { account, token })
    }

    fn rotate(&mut self, id: i64) -> Result<IssuedToken, AccessError> {
        let token = new_token(&self.bureau)?;
        let n = self
            .conn
            .execute(
                "UPDATE access_accounts SET token_hash = ?1, token_issued_at = ?2 WHERE id = ?3 AND revoked_at IS NULL",
                rusqlite::params![token_hash(&token), now(), id],
            )
            .map_err(backend)?;
        if n == 0 {
            return Err(AccessError::NoAccount(id));
        }
        let account = self
            .account_where("id = ?1", &id)?
            .ok_or(AccessError::NoAccount(id))?;
        Ok(IssuedToken { account, token })
    }

    fn revoke(&mut self, id: i64) -> Result<Account, AccessError> {
        self.conn
            .execute(
                "UPDATE access_accounts SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL",
                rusqlite::params![now(), id],
            )
            .map_err(backend)?;
        self.account_where("id = ?1", &id)?
            .ok_or(AccessError::NoAccount(id))
    }

    fn accounts(&mut self) -> Result<Vec<Account>, AccessError> {
        let sql = format!("SELECT {ACCOUNT_COLS} FROM access_accounts ORDER BY id");
        let mut st = self.conn.prepare(&sql).map_err(backend)?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })
            .map_err(backend)?;
        let mut out = Vec::new();
        for r in rows {
            let (a, b, c, d, e, f, g) = r.map_err(backend)?;
            out.push(account(a, b, c, d, e, f, g)?);
        }
        Ok(out)
    }

    fn account_by_token_hash(&mut self, hash: &str) -> Result<Option<Account>, AccessError> {
        self.account_where("token_hash = ?1 AND revoked_at IS NULL", &hash)
    }

    fn add_request(
        &mut self,
        kind: RequestKind,
        campaign: &str,
        payload: &serde_json::Value,
        by: &str,
    ) -> Result<Request, AccessError> {
        self.conn
            .execute(
                "INSERT INTO access_requests (kind, campaign, payload, requested_by, requested_at, state) VALUES (?1, ?2, ?3, ?4, ?5, 'pending')",
                rusqlite::params![kind.as_str(), campaign, payload.to_string(), by, now()],
            )
            .map_err(backend)?;
        let id = self.conn.last_insert_rowid();
        self.request(id)
    }

    fn requests(&mut self) -> Result<Vec<Request>, AccessError> {
        self.requests_where("1 = 1", &[])
    }

    fn request(&mut self, id: i64) -> Result<Request, AccessError> {
        self.requests_where("id = ?1", &[&id])?
            .pop()
            .ok_or(AccessError::NoRequest(id))
    }

    fn replace_payload(
        &mut self,
        id: i64,
        old: &serde_json::Value,
        new: &serde_json::Value,
    ) -> Result<(), AccessError> {
        let n = self
            .conn
            .execute(
                "UPDATE access_requests SET payload = ?1 WHERE id = ?2 AND payload = ?3 AND state = 'pending'",
                rusqlite::params![new.to_string(), id, old.to_string()],
            )
            .map_err(backend)?;
        if n == 0 {
            self.request(id)?;
            return Err(AccessError::Changed(id));
        }
        Ok(())
    }

    fn decide(
        &mut self,
        id: i64,
        state: RequestState,
        by: &str,
        outcome: &str,
    ) -> Result<Request, AccessError> {
        let n = self
            .conn
            .execute(
                "UPDATE access_requests SET state = ?1, decided_by = ?2, decided_at = ?3, outcome = ?4 WHERE id = ?5 AND state = 'pending'",
                rusqlite::params![state.as_str(), by, now(), outcome, id],
            )
            .map_err(backend)?;
        if n == 0 {
            self.request(id)?;
            return Err(AccessError::Changed(id));
        }
        self.request(id)
    }
}

/// The access records of a PostgreSQL bureau: tables `access_accounts` and
/// `access_requests` in its schema, used as its role.
pub struct PgAccess {
    client: postgres::Client,
    bureau: String,
}

impl PgAccess {
    /// Makes the access tables of `bureau` where missing and grants its role
    /// their use. Run by the platform's administrator (`dualdraw serve` at
    /// start, `dualdraw token` before it issues).
    ///
    /// # Errors
    /// [`AccessError::Backend`].
    pub fn prepare(url: &str, bureau: &Bureau) -> Result<(), AccessError> {
        let mut c = crate::store::postgres::connect(url).map_err(backend)?;
        if !crate::store::PgStore::bureau_exists(&mut c, bureau).map_err(backend)? {
            return Err(AccessError::NoBureau(bureau.to_string()));
        }
        let mut tx = c.transaction().map_err(pg)?;
        // One administrator at a time (concurrent GRANTs on one object fail
        // with "tuple concurrently updated"); nothing to do when made.
        tx.batch_execute("SELECT pg_advisory_xact_lock(7243101)")
            .map_err(pg)?;
        let made: bool = tx
            .query_one(
                "SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL",
                &[
                    &format!("{}.access_accounts", bureau.schema()),
                    &format!("{}.access_requests", bureau.schema()),
                ],
            )
            .map_err(pg)?
            .get(0);
        if made {
            return tx.commit().map_err(pg);
        }
        tx.batch_execute(&format!(
            "SET LOCAL search_path TO {schema}; {PG_SCHEMA}
             GRANT SELECT, INSERT, UPDATE ON access_accounts, access_requests TO {role};
             GRANT USAGE ON SEQUENCE access_accounts_id_seq, access_requests_id_seq TO {role};",
            schema = bureau.schema(),
            role = bureau.role()
        ))
        .map_err(pg)?;
        tx.commit().map_err(pg)
    }

    /// Opens `bureau`'s access records on the database at `url`, as its role.
    ///
    /// # Errors
    /// [`AccessError::Backend`], also for an unknown bureau.
    pub fn open(url: &str, bureau: &Bureau) -> Result<Self, AccessError> {
        let mut client = crate::store::postgres::connect(url).map_err(backend)?;
        if !crate::store::PgStore::bureau_exists(&mut client, bureau).map_err(backend)? {
            return Err(AccessError::NoBureau(bureau.to_string()));
        }
        client
            .batch_execute(&format!(
                "SET ROLE {}; SET search_path TO {}; SET application_name TO 'dualdraw_{}'",
                bureau.role(),
                bureau.schema(),
                bureau.as_str()
            ))
            .map_err(pg)?;
        Ok(PgAccess {
            client,
            bureau: bureau.as_str().to_string(),
        })
    }

    fn accounts_where(
        &mut self,
        cond: &str,
        p: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Vec<Account>, AccessError> {
        let sql = format!("SELECT {ACCOUNT_COLS} FROM access_accounts WHERE {cond} ORDER BY id");
        let rows = self.client.query(&sql, p).map_err(pg)?;
        rows.iter()
            .map(|r| {
                account(
                    r.get(0),
                    r.get(1),
                    r.get(2),
                    r.get(3),
                    r.get(4),
                    r.get(5),
                    r.get(6),
                )
            })
            .collect()
    }

    fn requests_where(
        &mut self,
        cond: &str,
        p: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Vec<Request>, AccessError> {
        let sql = format!("SELECT {REQUEST_COLS} FROM access_requests WHERE {cond} ORDER BY id");
        let rows = self.client.query(&sql, p).map_err(pg)?;
        rows.iter()
            .map(|r| {
                request((
                    r.get(0),
                    r.get(1),
                    r.get(2),
                    r.get(3),
                    r.get(4),
                    r.get(5),
                    r.get(6),
                    r.get(7),
                    r.get(8),
                    r.get(9),
                ))
            })
            .collect()
    }

    fn one_account(&mut self, id: i64) -> Result<Account, AccessError> {
        self.accounts_where("id = $1", &[&id])?
            .pop()
            .ok_or(AccessError::NoAccount(id))
    }

    fn one_request(&mut self, id: i64) -> Result<Request, AccessError> {
        self.requests_where("id = $1", &[&id])?
            .pop()
            .ok_or(AccessError::NoRequest(id))
    }
}

impl AccessStore for PgAccess {
    fn issue(
        &mut self,
        name: &str,
        role: Role,
        department: Option<&str>,
    ) -> Result<IssuedToken, AccessError> {
        check_account(name, department)?;
        let token = new_token(&self.bureau)?;
        let at = now();
        let row = self
            .client
            .query_one(
                "INSERT INTO access_accounts (name, role, department, token_hash, created_at, token_issued_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                &[&name, &role.as_str(), &department, &token_hash(&token), &at],
            )
            .map_err(pg)?;
        let account = self.one_account(row.get(0))?;
        Ok(IssuedToken { account, token })
    }

    fn rotate(&mut self, id: i64) -> Result<IssuedToken, AccessError> {
        let token = new_token(&self.bureau)?;
        let n = self
            .client
            .execute(
                "UPDATE access_accounts SET token_hash = $1, token_issued_at = $2 WHERE id = $3 AND revoked_at IS NULL",
                &[&token_hash(&token), &now(), &id],
            )
            .map_err(pg)?;
        if n == 0 {
            return Err(AccessError::NoAccount(id));
        }
        let account = self.one_account(id)?;
        Ok(IssuedToken { account, token })
    }

    fn revoke(&mut self, id: i64) -> Result<Account, AccessError> {
        self.client
            .execute(
                "UPDATE access_accounts SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                &[&now(), &id],
            )
            .map_err(pg)?;
        self.one_account(id)
    }

    fn accounts(&mut self) -> Result<Vec<Account>, AccessError> {
        self.accounts_where("TRUE", &[])
    }

    fn account_by_token_hash(&mut self, hash: &str) -> Result<Option<Account>, AccessError> {
        Ok(self
            .accounts_where("token_hash = $1 AND revoked_at IS NULL", &[&hash])?
            .pop())
    }

    fn add_request(
        &mut self,
        kind: RequestKind,
        campaign: &str,
        payload: &serde_json::Value,
        by: &str,
    ) -> Result<Request, AccessError> {
        let row = self
            .client
            .query_one(
                "INSERT INTO access_requests (kind, campaign, payload, requested_by, requested_at, state) VALUES ($1, $2, $3, $4, $5, 'pending') RETURNING id",
                &[&kind.as_str(), &campaign, &payload.to_string(), &by, &now()],
            )
            .map_err(pg)?;
        self.one_request(row.get(0))
    }

    fn requests(&mut self) -> Result<Vec<Request>, AccessError> {
        self.requests_where("TRUE", &[])
    }

    fn request(&mut self, id: i64) -> Result<Request, AccessError> {
        self.one_request(id)
    }

    fn replace_payload(
        &mut self,
        id: i64,
        old: &serde_json::Value,
        new: &serde_json::Value,
    ) -> Result<(), AccessError> {
        let n = self
            .client
            .execute(
                "UPDATE access_requests SET payload = $1 WHERE id = $2 AND payload = $3 AND state = 'pending'",
                &[&new.to_string(), &id, &old.to_string()],
            )
            .map_err(pg)?;
        if n == 0 {
            self.one_request(id)?;
            return Err(AccessError::Changed(id));
        }
        Ok(())
    }

    fn decide(
        &mut self,
        id: i64,
        state: RequestState,
        by: &str,
        outcome: &str,
    ) -> Result<Request, AccessError> {
        let n = self
            .client
            .execute(
                "UPDATE access_requests SET state = $1, decided_by = $2, decided_at = $3, outcome = $4 WHERE id = $5 AND state = 'pending'",
                &[&state.as_str(), &by, &now(), &outcome, &id],
            )
            .map_err(pg)?;
        if n == 0 {
            self.one_request(id)?;
            return Err(AccessError::Changed(id));
        }
        self.one_request(id)
    }
}
