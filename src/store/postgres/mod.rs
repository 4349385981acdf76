//! The PostgreSQL store (PostgreSQL 存储, feature `postgres`, issue 18): one
//! bureau (本级政府联合检查办公室, e.g. a county) of a provincial platform
//! in one schema of a shared database, worked through one role.
//!
//! - **Bureaus are isolated by the database.** [`PgStore::create_bureau`]
//!   makes the schema `bureau_<name>` and the role `dualdraw_bureau_<name>`,
//!   which may use that schema and no other; every connection of the store
//!   works as that role (`SET ROLE`), so a read or write of another bureau's
//!   table is refused by PostgreSQL (`permission denied`), not only by the
//!   application. Departments share their bureau's registries.
//! - **The ledger's rules are the database's.** The role may insert into
//!   the append-only tables (ledger, announcements, reveals, draws, voids,
//!   replacements, registry chunks, snapshots, …) but holds no `UPDATE`,
//!   `DELETE` or `TRUNCATE` on them, and triggers refuse those for anyone,
//!   the owner included. A draw's primary key is its announcement's
//!   (one draw per announcement); a trigger refuses the draw of a voided
//!   campaign; another refuses a ledger entry that does not extend the
//!   chain (its `seq` one past the last, its `prev` the last one's hash), so
//!   two writers can never fork it.
//! - **Writes are serialisable and one at a time per bureau.** Each write is
//!   one `SERIALIZABLE` transaction that first locks the bureau's `writer`
//!   table (`EXCLUSIVE`, before its snapshot is taken): the same
//!   read-check-write under one lock as the SQLite workspace's `IMMEDIATE`
//!   transactions, so concurrent writers never lose an update.
//! - **Registries are stored as the SQLite workspace stores them**: immutable
//!   versions in chunks of the same codec ([`crate::store::codec`]), read a
//!   few chunks at a time, so a province-size draw stays in bounded memory.

mod campaigns;
pub mod migrate;
mod records;
mod registries;
mod schema;
mod store_impl;

use super::{Actor, Conflict, StoreError};
use crate::core::commitment::SaltKey;
use crate::core::merkle::Hash;
use crate::ledger::Entry;
use postgres::{Client, IsolationLevel, NoTls, Transaction};
use std::cell::{RefCell, RefMut};

/// A bureau's name on the platform (单位标识): 1 to 40 of `a-z`, `0-9` and
/// `_`, starting with a letter, e.g. `gz_huaxi`. It names the schema
/// `bureau_<name>` and the role `dualdraw_bureau_<name>`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bureau(String);

/// A bureau name that is not one ([`Bureau::new`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{got:?} is not a bureau name: 1 to 40 of a-z, 0-9 and _, starting with a letter (e.g. gz_huaxi)"
)]
pub struct BadBureau {
    /// The name given.
    pub got: String,
}

impl Bureau {
    /// Checks `name`.
    ///
    /// # Errors
    /// [`BadBureau`] unless it is 1–40 of `a-z0-9_` starting with a letter.
    pub fn new(name: &str) -> Result<Self, BadBureau> {
        let ok = !name.is_empty()
            && name.len() <= 40
            && name.as_bytes()[0].is_ascii_lowercase()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if ok {
            Ok(Bureau(name.to_string()))
        } else {
            Err(BadBureau {
                got: name.to_string(),
            })
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its schema, quoted for SQL (safe: the name's characters are checked).
    pub(crate) fn schema(&self) -> String {
        format!("\"bureau_{}\"", self.0)
    }

    /// Its role, quoted for SQL.
    pub(crate) fn role(&self) -> String {
        format!("\"dualdraw_bureau_{}\"", self.0)
    }
}

impl std::fmt::Display for Bureau {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One bureau's store on a PostgreSQL server (see the module's doc).
pub struct PgStore {
    client: RefCell<Client>,
    bureau: Bureau,
    key: SaltKey,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("bureau", &self.bureau)
            .finish()
    }
}

/// A PostgreSQL error with the server's message in its text (the
/// driver's own says only "db error").
#[derive(Debug, thiserror::Error)]
#[error("PostgreSQL: {text}")]
pub struct PgError {
    text: String,
    /// The SQLSTATE code, when the server sent one (e.g. `42501`).
    pub code: Option<String>,
    #[source]
    source: postgres::Error,
}

/// A PostgreSQL error as a store error.
pub(crate) fn db(e: postgres::Error) -> StoreError {
    let (text, code) = match e.as_db_error() {
        Some(d) => {
            let mut t = format!("{} ({})", d.message(), d.code().code());
            if let Some(detail) = d.detail() {
                t.push_str(": ");
                t.push_str(detail);
            }
            (t, Some(d.code().code().to_string()))
        }
        None => {
            let mut t = e.to_string();
            let mut src = std::error::Error::source(&e);
            while let Some(s) = src {
                t.push_str(": ");
                t.push_str(&s.to_string());
                src = s.source();
            }
            (t, None)
        }
    };
    StoreError::Backend(Box::new(PgError {
        text,
        code,
        source: e,
    }))
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        db(e)
    }
}

/// A 32-byte column as a hash (zeros for any other length, which the
/// schema's checks never store).
pub(crate) fn hash_of(v: &[u8]) -> Hash {
    let mut h = [0u8; 32];
    if v.len() == 32 {
        h.copy_from_slice(v);
    }
    Hash(h)
}

/// Connects to `url`, named `dualdraw` in `pg_stat_activity` unless the
/// URL names itself (`application_name=`).
pub(crate) fn connect(url: &str) -> Result<Client, StoreError> {
    let mut config: postgres::Config = url.parse().map_err(db)?;
    if config.get_application_name().is_none() {
        config.application_name("dualdraw");
    }
    config.connect(NoTls).map_err(db)
}

impl PgStore {
    /// Makes bureau `bureau` on the database at `url` (a `postgresql://`
    /// URL or `key=value` string) with a fresh salt key: its schema, tables,
    /// triggers and role, in one transaction. The connecting user needs the
    /// right to create schemas and roles (the platform's administrator).
    ///
    /// # Errors
    /// [`StoreError::AlreadyExists`]-like [`StoreError::Conflict`] when the
    /// bureau exists; [`StoreError::Backend`] for the server's refusals.
    pub fn create_bureau(url: &str, bureau: &Bureau) -> Result<Self, StoreError> {
        let key = SaltKey::generate().map_err(|e| StoreError::Random(e.to_string()))?;
        Self::create_bureau_with_key(url, bureau, key)
    }

    /// [`PgStore::create_bureau`] with a given salt key (tests, migrations).
    ///
    /// # Errors
    /// As [`PgStore::create_bureau`].
    pub fn create_bureau_with_key(
        url: &str,
        bureau: &Bureau,
        key: SaltKey,
    ) -> Result<Self, StoreError> {
        let mut client = connect(url)?;
        if Self::bureau_exists(&mut client, bureau)? {
            return Err(StoreError::Conflict(Conflict::BureauExists {
                bureau: bureau.to_string(),
            }));
        }
        let mut tx = client.transaction()?;
        schema::create(&mut tx, bureau, &key)?;
        tx.commit()?;
        drop(client);
        Self::open(url, bureau)
    }

    /// Opens bureau `bureau` on the database at `url`; the connection then
    /// works as the bureau's role.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when there is no such bureau;
    /// [`StoreError::Backend`] for the server's refusals.
    pub fn open(url: &str, bureau: &Bureau) -> Result<Self, StoreError> {
        let mut client = connect(url)?;
        if !Self::bureau_exists(&mut client, bureau)? {
            return Err(StoreError::Conflict(Conflict::NoBureau {
                bureau: bureau.to_string(),
            }));
        }
        let role_name = format!("dualdraw_bureau_{}", bureau.as_str());
        let me: String = client.query_one("SELECT current_user::text", &[])?.get(0);
        if me != role_name {
            client.batch_execute(&format!("SET ROLE {}", bureau.role()))?;
        }
        client.batch_execute(&format!("SET search_path TO {}", bureau.schema()))?;
        // Named by its bureau in pg_stat_activity (an operator sees which
        // bureau a backend works for) unless the URL named it.
        let named: String = client
            .query_one("SELECT current_setting('application_name')", &[])?
            .get(0);
        if named == "dualdraw" {
            client.batch_execute(&format!(
                "SET application_name TO 'dualdraw_{}'",
                bureau.as_str()
            ))?;
        }
        let row = client.query_opt("SELECT value FROM meta WHERE key = 'salt_key'", &[])?;
        let key = match row {
            Some(r) => {
                let v: Vec<u8> = r.get(0);
                let bytes: [u8; 32] = v.as_slice().try_into().map_err(|_| {
                    StoreError::Conflict(format!("bureau {bureau}: its salt key is damaged").into())
                })?;
                SaltKey::from_bytes(bytes)
            }
            None => {
                return Err(StoreError::Conflict(
                    format!("bureau {bureau}: no salt key recorded").into(),
                ));
            }
        };
        Ok(PgStore {
            client: RefCell::new(client),
            bureau: bureau.clone(),
            key,
        })
    }

    /// The bureaus on the database at `url`, by name.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn bureaus(url: &str) -> Result<Vec<Bureau>, StoreError> {
        let mut client = connect(url)?;
        let rows = client.query(
            "SELECT substr(nspname, 8) FROM pg_namespace WHERE nspname LIKE 'bureau\\_%' ORDER BY nspname",
            &[],
        )?;
        Ok(rows
            .iter()
            .filter_map(|r| Bureau::new(r.get::<_, &str>(0)).ok())
            .collect())
    }

    /// Lets the login role `user` (a database user the platform made for
    /// one bureau's service or clerks, e.g. `CREATE ROLE huaxi LOGIN
    /// PASSWORD …`) work as `bureau`'s role and no other. A connection made
    /// as that user opens only this bureau: PostgreSQL refuses it another
    /// bureau's role and tables.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] for a user name that is not a plain
    /// identifier or a bureau that does not exist; [`StoreError::Backend`]
    /// for the server's refusals.
    pub fn grant_login(url: &str, bureau: &Bureau, user: &str) -> Result<(), StoreError> {
        let plain = !user.is_empty()
            && user.len() <= 63
            && user
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !plain {
            return Err(StoreError::Conflict(
                format!("{user:?} is not a plain database user name (a-z, 0-9, _)").into(),
            ));
        }
        let mut client = connect(url)?;
        if !Self::bureau_exists(&mut client, bureau)? {
            return Err(StoreError::Conflict(Conflict::NoBureau {
                bureau: bureau.to_string(),
            }));
        }
        client.batch_execute(&format!("GRANT {} TO \"{user}\"", bureau.role()))?;
        Ok(())
    }

    pub(crate) fn bureau_exists(client: &mut Client, bureau: &Bureau) -> Result<bool, StoreError> {
        let name = format!("bureau_{}", bureau.as_str());
        Ok(client
            .query_opt("SELECT 1 FROM pg_namespace WHERE nspname = $1", &[&name])?
            .is_some())
    }

    /// The bureau this store works for.
    pub fn bureau(&self) -> &Bureau {
        &self.bureau
    }

    /// The bureau's salt key.
    pub fn salt_key(&self) -> &SaltKey {
        &self.key
    }

    /// The connection, for one statement or a few (never held across a
    /// caller's callback: a re-entrant use is an error, not a panic).
    pub(crate) fn client(&self) -> Result<RefMut<'_, Client>, StoreError> {
        self.client.try_borrow_mut().map_err(|_| {
            StoreError::Conflict("the PostgreSQL connection is busy (re-entrant use)".into())
        })
    }

    /// Runs `f` in one write transaction: `SERIALIZABLE`, the bureau's
    /// `writer` table locked first (before the snapshot is taken), committed
    /// when `f` returns `Ok`, rolled back otherwise.
    ///
    /// # Errors
    /// What `f` returns, or [`StoreError::Backend`].
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&mut Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut client = self.client()?;
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::Serializable)
            .start()?;
        tx.batch_execute("LOCK TABLE writer IN EXCLUSIVE MODE")?;
        let out = f(&mut tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Every ledger entry, by number.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn ledger(&self) -> Result<Vec<Entry>, StoreError> {
        let rows = self.client()?.query(
            "SELECT seq, prev, hash, kind, campaign, at, operator, approver, body FROM ledger ORDER BY seq",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| Entry {
                seq: r.get::<_, i64>(0) as u64,
                prev: hash_of(r.get(1)),
                hash: hash_of(r.get(2)),
                kind: r.get(3),
                campaign: r.get(4),
                at: r.get(5),
                operator: r.get(6),
                approver: r.get(7),
                body: r.get(8),
            })
            .collect())
    }

    /// The ledger head: the last entry's hash (zeros when empty).
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn ledger_head(&self) -> Result<Hash, StoreError> {
        let row = self
            .client()?
            .query_opt("SELECT hash FROM ledger ORDER BY seq DESC LIMIT 1", &[])?;
        Ok(row.map(|r| hash_of(r.get(0))).unwrap_or(Hash([0; 32])))
    }
}

/// Appends a ledger entry inside the write transaction `tx`
/// ([`PgStore::write`]); the database's trigger checks that it extends the
/// chain.
///
/// # Errors
/// [`StoreError::Backend`].
pub(crate) fn append(
    tx: &mut Transaction<'_>,
    kind: &str,
    campaign: &str,
    at: &str,
    actor: &Actor,
    body: &serde_json::Value,
) -> Result<Entry, StoreError> {
    let last = tx.query_opt(
        "SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1",
        &[],
    )?;
    let (seq, prev) = match last {
        Some(r) => (r.get::<_, i64>(0) as u64 + 1, hash_of(r.get(1))),
        None => (1, Hash([0; 32])),
    };
    let e = Entry::new(
        seq,
        prev,
        kind,
        campaign,
        at,
        &actor.operator,
        &actor.approver,
        body.to_string(),
    );
    tx.execute(
        "INSERT INTO ledger(seq, prev, hash, kind, campaign, at, operator, approver, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            &(e.seq as i64),
            &e.prev.0.as_slice(),
            &e.hash.0.as_slice(),
            &e.kind,
            &e.campaign,
            &e.at,
            &e.operator,
            &e.approver,
            &e.body,
        ],
    )?;
    Ok(e)
}

/// The time now as stored (`YYYY-MM-DDTHH:MM:SSZ`), as the SQLite workspace.
pub(crate) fn now_rfc3339() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::Bureau;

    #[test]
    fn bureau_names_are_checked_before_they_reach_sql() {
        assert!(Bureau::new("gz_huaxi").is_ok());
        assert!(Bureau::new("b1").is_ok());
        for bad in [
            "",
            "1abc",
            "Abc",
            "a-b",
            "a\"b",
            "a b",
            &"a".repeat(41),
            "路",
        ] {
            assert!(Bureau::new(bad).is_err(), "{bad:?}");
        }
    }
}
