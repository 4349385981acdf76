//! Shared set-up of the service tests: a bureau with a generated county's
//! registries and one account per role, on a SQLite workspace or on the
//! PostgreSQL database named by DUALDRAW_PG_URL.
#![allow(dead_code)]

use dualdraw::core::entropy::witness_commitment;
use dualdraw::io::generate::{CountySpec, county};
use dualdraw::serve::{AccessStore, Backend, PgAccess, Role, SqliteAccess};
use dualdraw::store::Store;
use dualdraw::{Bureau, PgStore, RegistryKind, Workspace};
use std::collections::BTreeMap;
use std::path::Path;

pub const SECRET: &str = "serve-test-witness-secret";
pub const WITNESS: &str = "义务监督员甲";

/// The PostgreSQL URL, or `None` to skip (a failure under CI).
pub fn pg_url() -> Option<String> {
    match std::env::var("DUALDRAW_PG_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ if std::env::var_os("CI").is_some() => {
            panic!(
                "CI is set but DUALDRAW_PG_URL is not: .ci/run starts PostgreSQL (bash .ci/pg.sh start)"
            )
        }
        _ => {
            eprintln!("skipped: set DUALDRAW_PG_URL (bash .ci/pg.sh start prints one)");
            None
        }
    }
}

/// A bureau name nobody else uses.
pub fn unique_bureau(prefix: &str) -> Bureau {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    Bureau::new(&format!(
        "{prefix}{}_{}",
        std::process::id(),
        nanos % 1_000_000_000
    ))
    .unwrap()
}

fn fill(store: &mut dyn Store, seed: u64) {
    let reg = county(&CountySpec {
        seed,
        entities: 1500,
        ..Default::default()
    })
    .unwrap();
    for k in RegistryKind::ALL {
        store.commit(k, &reg, "serve test").unwrap();
    }
    // Results' publication deadlines run into next year: its calendar as
    // an office sets it up (`dualdraw calendar`), weekends assumed.
    let next = chrono::Datelike::year(&china_today()) + 1;
    let actor = dualdraw::store::Actor {
        operator: "setup".into(),
        approver: String::new(),
    };
    store
        .assume_weekends(next, &chrono::Utc::now().to_rfc3339(), &actor)
        .unwrap();
}

/// Tokens of one bureau by role, plus a scoped clerk (`clerk_scoped`), a
/// second approver (`approver2`), a witness named [`WITNESS`] and a
/// revoked clerk (`revoked`).
pub type Tokens = BTreeMap<String, String>;

fn issue_all(a: &mut dyn AccessStore) -> Tokens {
    let mut t = Tokens::new();
    for r in Role::ALL {
        let name = if r == Role::Witness {
            WITNESS.to_string()
        } else {
            format!("{r}-1")
        };
        t.insert(r.as_str().into(), a.issue(&name, r, None).unwrap().token);
    }
    t.insert(
        "approver2".into(),
        a.issue("approver-2", Role::Approver, None).unwrap().token,
    );
    t.insert(
        "clerk_scoped".into(),
        a.issue("clerk-scoped", Role::Clerk, Some("县交通运输局"))
            .unwrap()
            .token,
    );
    let revoked = a.issue("clerk-gone", Role::Clerk, None).unwrap();
    a.revoke(revoked.account.id).unwrap();
    t.insert("revoked".into(), revoked.token);
    t
}

/// A workspace in `dir` served as bureau `local`, with its tokens.
pub fn sqlite_bureau(dir: &Path) -> (Backend, Bureau, Tokens) {
    let mut ws = Workspace::init(dir).unwrap();
    fill(&mut ws, 7);
    let b = Bureau::new("local").unwrap();
    let mut a = SqliteAccess::open(dir, "local").unwrap();
    let t = issue_all(&mut a);
    (
        Backend::Workspace {
            dir: dir.to_path_buf(),
            bureau: b.clone(),
        },
        b,
        t,
    )
}

/// A fresh PostgreSQL bureau with its tokens.
pub fn pg_bureau(url: &str, prefix: &str) -> (Backend, Bureau, Tokens) {
    let b = unique_bureau(prefix);
    let mut s = PgStore::create_bureau(url, &b).unwrap();
    fill(&mut s, 9);
    PgAccess::prepare(url, &b).unwrap();
    let mut a = PgAccess::open(url, &b).unwrap();
    let t = issue_all(&mut a);
    (
        Backend::Postgres {
            url: url.to_string(),
        },
        b,
        t,
    )
}

/// Today in China (the draw date a campaign announced now may have).
pub fn china_today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

/// A campaign file drawn today, its witness [`WITNESS`] committed to
/// [`SECRET`] in the file when `with_witness`.
pub fn campaign_toml(id: &str, lead: &str, with_witness: bool) -> String {
    let today = china_today();
    let start = today + chrono::Duration::days(7);
    let end = today + chrono::Duration::days(60);
    let witnesses = if with_witness {
        format!(
            "[{{ name = \"{WITNESS}\", commitment = \"{}\" }}]",
            witness_commitment(SECRET)
        )
    } else {
        "[]".to_string()
    };
    format!(
        r#"id = "{id}"
title = "service test"
lead_department = "{lead}"
draw_date = "{today}"
items = ["SC-001", "JY-002", "WL-001", "JT-003", "GA-004"]
[targets]
categories = ["民办学校", "旅游市场", "客运站", "爆破作业单位"]
[[targets.strata]]
credit_class = "A"
ratio = "3%"
[[targets.strata]]
credit_class = "B"
ratio = "5%"
[[targets.strata]]
credit_class = "C"
ratio = "10%"
[[targets.strata]]
credit_class = "D"
ratio = "30%"
[teams]
min_size = 2
per_department = 1
max_targets_per_officer = 10
[period]
start = "{start}"
end = "{end}"
[entropy]
witnesses = {witnesses}
"#
    )
}
