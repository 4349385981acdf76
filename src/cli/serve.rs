//! `serve` (the HTTP JSON API, `crate::serve`) and `token` (a bureau's
//! accounts from the machine's own shell: the first administrator's token
//! comes from here).

use super::i18n::t;
use super::{Cli, Failure, Out};
use crate::serve::{AccessStore, Backend, Limits, PgAccess, Role, ServeState, SqliteAccess};
use crate::store::Bureau;
use std::time::Duration;

/// `serve`'s options.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on (behind a TLS reverse proxy for anything but loopback: docs/API.md).
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub listen: String,
    /// Serve every bureau of this PostgreSQL database instead of the workspace.
    #[arg(long)]
    pub db: Option<String>,
    /// The name the workspace is served under (its tokens name it).
    #[arg(long, default_value = "local")]
    pub bureau: String,
    /// Largest JSON body, in KiB.
    #[arg(long, default_value_t = 1024)]
    pub max_json_kib: usize,
    /// Largest registry file uploaded, in MiB.
    #[arg(long, default_value_t = 512)]
    pub max_upload_mib: usize,
    /// Longest a request may take, in seconds.
    #[arg(long, default_value_t = 120)]
    pub timeout_seconds: u64,
    /// Requests working on the database at once (each holds up to two connections); the rest wait.
    #[arg(long, default_value_t = 32)]
    pub concurrent: usize,
}

/// `token …`: a bureau's accounts and tokens.
#[derive(clap::Subcommand, Debug)]
pub enum TokenCommand {
    /// Make an account and print its token (shown once; stored only hashed).
    Issue {
        /// The person's name (recorded in the ledger as operator or approver).
        #[arg(long)]
        name: String,
        /// admin, clerk, approver, witness, auditor or public.
        #[arg(long)]
        role: String,
        /// Scope a clerk to one department.
        #[arg(long)]
        department: Option<String>,
        #[command(flatten)]
        at: TokenPlace,
    },
    /// List the accounts (never their tokens).
    List {
        #[command(flatten)]
        at: TokenPlace,
    },
    /// Issue a new token for account ID; the old one stops working at once.
    Rotate {
        /// The account's number (token list).
        id: i64,
        #[command(flatten)]
        at: TokenPlace,
    },
    /// Revoke account ID's token for good.
    Revoke {
        /// The account's number (token list).
        id: i64,
        #[command(flatten)]
        at: TokenPlace,
    },
}

/// Where the accounts are.
#[derive(clap::Args, Debug)]
pub struct TokenPlace {
    /// The bureau's PostgreSQL database (else the workspace).
    #[arg(long)]
    pub db: Option<String>,
    /// The bureau (for the workspace: the name `serve --bureau` serves it under).
    #[arg(long, default_value = "local")]
    pub bureau: String,
}

fn bureau(name: &str) -> Result<Bureau, Failure> {
    Bureau::new(name).map_err(|e| Failure::usage(t!("migrate-bad-bureau", name = e.got)))
}

fn access_failure(e: crate::serve::AccessError) -> Failure {
    match e {
        crate::serve::AccessError::Invalid(m) => Failure::usage(m),
        crate::serve::AccessError::NoBureau(b) => {
            Failure::rejected("not_found", t!("conflict-no-bureau", bureau = b.as_str()))
        }
        e => Failure::rejected("access", e.to_string()),
    }
}

fn records(cli: &Cli, at: &TokenPlace) -> Result<Box<dyn AccessStore>, Failure> {
    let b = bureau(&at.bureau)?;
    match &at.db {
        Some(url) => {
            PgAccess::prepare(url, &b).map_err(access_failure)?;
            Ok(Box::new(PgAccess::open(url, &b).map_err(access_failure)?))
        }
        None => {
            crate::store::Workspace::open_read_only(&cli.workspace)?;
            Ok(Box::new(
                SqliteAccess::open(&cli.workspace, b.as_str()).map_err(access_failure)?,
            ))
        }
    }
}

pub(super) fn token(cli: &Cli, out: &Out, c: &TokenCommand) -> Result<(), Failure> {
    match c {
        TokenCommand::Issue {
            name,
            role,
            department,
            at,
        } => {
            let role = Role::parse(role)
                .ok_or_else(|| Failure::usage(t!("token-bad-role", role = role.as_str())))?;
            let issued = records(cli, at)?
                .issue(name, role, department.as_deref())
                .map_err(access_failure)?;
            let text = t!(
                "token-issued",
                id = issued.account.id,
                name = issued.account.name.as_str(),
                role = role.as_str(),
                token = issued.token.as_str()
            );
            out.done("dualdraw.token.v1", &issued, &text)
        }
        TokenCommand::List { at } => {
            let list = records(cli, at)?.accounts().map_err(access_failure)?;
            let mut text = String::new();
            for a in &list {
                if !text.is_empty() {
                    text.push('\n');
                }
                let state = match &a.revoked_at {
                    Some(at) => t!("token-revoked-at", at = at.as_str()),
                    None => t!("token-live"),
                };
                text.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}",
                    a.id,
                    a.name,
                    a.role,
                    a.department.as_deref().unwrap_or("-"),
                    state
                ));
            }
            if list.is_empty() {
                text = t!("token-none");
            }
            out.done(
                "dualdraw.token-list.v1",
                &serde_json::json!({ "accounts": list }),
                &text,
            )
        }
        TokenCommand::Rotate { id, at } => {
            let issued = records(cli, at)?.rotate(*id).map_err(access_failure)?;
            let text = t!(
                "token-issued",
                id = issued.account.id,
                name = issued.account.name.as_str(),
                role = issued.account.role.as_str(),
                token = issued.token.as_str()
            );
            out.done("dualdraw.token.v1", &issued, &text)
        }
        TokenCommand::Revoke { id, at } => {
            let a = records(cli, at)?.revoke(*id).map_err(access_failure)?;
            let text = t!("token-revoked", id = a.id, name = a.name.as_str());
            out.done(
                "dualdraw.token-revoke.v1",
                &serde_json::json!({ "account": a }),
                &text,
            )
        }
    }
}

pub(super) fn serve(cli: &Cli, a: &ServeArgs) -> Result<(), Failure> {
    let backend = match &a.db {
        Some(url) => Backend::Postgres { url: url.clone() },
        None => {
            crate::store::Workspace::open(&cli.workspace)?;
            Backend::Workspace {
                dir: cli.workspace.clone(),
                bureau: bureau(&a.bureau)?,
            }
        }
    };
    let limits = Limits {
        json_body: a.max_json_kib.saturating_mul(1024),
        upload_body: a.max_upload_mib.saturating_mul(1 << 20),
        timeout: Duration::from_secs(a.timeout_seconds),
        concurrent: a.concurrent,
        ..Limits::default()
    };
    let state = ServeState::new(backend, limits);
    state.prepare().map_err(access_failure)?;
    let _ = tracing_subscriber::fmt()
        .json()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("DUALDRAW_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .try_init();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::rejected("serve", e.to_string()))?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(&a.listen)
            .await
            .map_err(|e| {
                Failure::usage(t!(
                    "serve-bind",
                    addr = a.listen.as_str(),
                    error = e.to_string()
                ))
            })?;
        let addr = listener
            .local_addr()
            .map_err(|e| Failure::rejected("serve", e.to_string()))?;
        super::emit(&t!("serve-listening", url = format!("http://{addr}")));
        crate::serve::serve(listener, state)
            .await
            .map_err(|e| Failure::rejected("serve", e.to_string()))
    })
}
