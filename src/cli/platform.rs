//! A PostgreSQL platform from the command line: `bureau create | list |
//! grant-login` (`crate::store::PgStore`), and `migrate`, this workspace
//! moved into a new bureau (`crate::store::migrate_workspace`).

use super::i18n::t;
use super::{Cli, Failure, Out};
use crate::store::{Bureau, MigrateError, PgStore, migrate_workspace};

/// `bureau …`: the platform's bureaus.
#[derive(clap::Subcommand, Debug)]
pub enum BureauCommand {
    /// Create a bureau: its schema, tables, rules and role, with a fresh salt key.
    Create {
        /// The bureau's name: 1 to 40 of a-z, 0-9 and _, starting with a letter (e.g. gz_huaxi).
        name: String,
        /// The platform's database, e.g. postgresql://admin@db.example/dualdraw (or DUALDRAW_PG_URL).
        #[arg(long, env = "DUALDRAW_PG_URL")]
        db: String,
    },
    /// List the platform's bureaus.
    List {
        /// The platform's database, e.g. postgresql://admin@db.example/dualdraw (or DUALDRAW_PG_URL).
        #[arg(long, env = "DUALDRAW_PG_URL")]
        db: String,
    },
    /// Let a database user (a login role) work as this bureau and no other.
    GrantLogin {
        /// The bureau's name.
        name: String,
        /// The database user (made by the administrator, e.g. CREATE ROLE huaxi LOGIN PASSWORD '…').
        #[arg(long)]
        user: String,
        /// The platform's database, e.g. postgresql://admin@db.example/dualdraw (or DUALDRAW_PG_URL).
        #[arg(long, env = "DUALDRAW_PG_URL")]
        db: String,
    },
}

fn bureau_name(name: &str) -> Result<Bureau, Failure> {
    Bureau::new(name).map_err(|e| Failure::usage(t!("migrate-bad-bureau", name = e.got)))
}

pub(super) fn bureau(out: &Out, c: &BureauCommand) -> Result<(), Failure> {
    match c {
        BureauCommand::Create { name, db } => {
            let b = bureau_name(name)?;
            PgStore::create_bureau(db, &b)?;
            out.done(
                "dualdraw.bureau-create.v1",
                &serde_json::json!({"bureau": b.as_str(), "schema": format!("bureau_{b}"), "role": format!("dualdraw_bureau_{b}")}),
                &t!("bureau-created", bureau = b.as_str()),
            )
        }
        BureauCommand::List { db } => {
            let list = PgStore::bureaus(db)?;
            let names: Vec<&str> = list.iter().map(Bureau::as_str).collect();
            let text = if names.is_empty() {
                t!("bureau-none")
            } else {
                names.join("\n")
            };
            out.done(
                "dualdraw.bureau-list.v1",
                &serde_json::json!({"bureaus": names}),
                &text,
            )
        }
        BureauCommand::GrantLogin { name, user, db } => {
            let b = bureau_name(name)?;
            PgStore::grant_login(db, &b, user)?;
            out.done(
                "dualdraw.bureau-grant-login.v1",
                &serde_json::json!({"bureau": b.as_str(), "user": user}),
                &t!("bureau-granted", bureau = b.as_str(), user = user.as_str()),
            )
        }
    }
}

pub(super) fn migrate(cli: &Cli, out: &Out, to: &str, bureau: &str) -> Result<(), Failure> {
    let b = bureau_name(bureau)?;
    let done = match migrate_workspace(&cli.workspace, to, &b) {
        Ok(m) => m,
        Err(MigrateError::Store(e)) => return Err(e.into()),
        Err(MigrateError::Verification { bureau, what }) => {
            return Err(Failure::rejected(
                "migration_unverified",
                t!("migrate-unverified", bureau = bureau, what = what),
            ));
        }
    };
    let mut text = t!(
        "migrate-done",
        bureau = done.bureau.as_str(),
        snapshots = done.snapshots_checked,
        entries = done.ledger_entries,
        head = done.ledger_head.as_str()
    );
    for (table, rows) in &done.tables {
        text.push('\n');
        text.push_str(&t!("migrate-table", table = table.as_str(), rows = *rows));
    }
    if !done.left_in_folder.is_empty() {
        text.push('\n');
        text.push_str(&t!("migrate-left", files = done.left_in_folder.join(", ")));
    }
    out.done("dualdraw.migrate.v1", &done, &text)
}
