//! A bureau's schema, role and privileges (`schema.sql`), made in one
//! transaction by the platform's administrator.

use super::Bureau;
use crate::core::commitment::SaltKey;
use crate::store::StoreError;
use postgres::Transaction;

/// The schema version this build writes into a bureau's `meta`.
pub(crate) const SCHEMA_VERSION: i64 = 1;

/// Tables the bureau's role may change in place, each change recorded by a
/// ledger entry (a result's correction, a schedule's replacement, a
/// calendar's official year); all others are insert-only for it.
const UPDATABLE: &[&str] = &[
    "writer",
    "registry_versions",
    "results",
    "schedules",
    "calendars",
];

/// Makes `bureau`'s schema, tables, triggers and role inside `tx`, and
/// records `key` and the schema version.
///
/// # Errors
/// [`StoreError::Backend`] for the server's refusals (e.g. no right to
/// create roles).
pub(super) fn create(
    tx: &mut Transaction<'_>,
    bureau: &Bureau,
    key: &SaltKey,
) -> Result<(), StoreError> {
    let schema = bureau.schema();
    let role = bureau.role();
    let role_name = format!("dualdraw_bureau_{}", bureau.as_str());
    let exists = tx
        .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&role_name])?
        .is_some();
    if !exists {
        tx.batch_execute(&format!("CREATE ROLE {role} NOLOGIN"))?;
    }
    tx.batch_execute(&format!(
        "CREATE SCHEMA {schema};
         SET LOCAL search_path TO {schema};"
    ))?;
    tx.batch_execute(include_str!("schema.sql"))?;
    tx.execute(
        "INSERT INTO meta(key, value) VALUES ('schema_version', $1), ('salt_key', $2)",
        &[
            &SCHEMA_VERSION.to_string().into_bytes(),
            &key.as_bytes().as_slice(),
        ],
    )?;
    let updatable = UPDATABLE.join(", ");
    tx.batch_execute(&format!(
        "REVOKE ALL ON SCHEMA {schema} FROM PUBLIC;
         GRANT USAGE ON SCHEMA {schema} TO {role};
         GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA {schema} TO {role};
         REVOKE INSERT ON meta FROM {role};
         GRANT UPDATE ON {updatable} TO {role};
         GRANT DELETE ON replacement_requests TO {role};
         GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role};
         GRANT {role} TO CURRENT_USER;"
    ))?;
    Ok(())
}
