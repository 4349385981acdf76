//! `publish`: a drawn campaign's notice files (`docs/PUBLISH.md`).

use super::i18n::t;
use super::stamp;
use super::{Cli, Failure, Out};
use crate::store::Workspace;
use chrono::Utc;
use std::fmt::Write as _;
use std::path::Path;

pub(super) fn publish_failure(e: crate::io::publish::CampaignPublishError) -> Failure {
    use crate::io::publish::CampaignPublishError as E;
    match e {
        E::Store(e) => Failure::from(e),
        E::NotDrawn(id) => Failure::rejected("not_drawn", t!("results-not-drawn", id = id)),
        e => Failure::rejected("io", e.to_string()),
    }
}

pub(super) fn publish(
    cli: &Cli,
    out: &Out,
    id: &str,
    dir: Option<&Path>,
    now: Option<chrono::DateTime<Utc>>,
    compact: bool,
) -> Result<(), Failure> {
    use crate::core::snapshot::SnapshotFormat;
    let format = if compact {
        SnapshotFormat::Compact
    } else {
        SnapshotFormat::Json
    };
    let mut ws = Workspace::open(&cli.workspace)?;
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(|| ws.dir().join("published").join(id));
    let at = stamp(now);
    let (rows, files) =
        crate::io::publish::publish_campaign(&mut ws, id, &dir, &at, &cli.actor(), format)
            .map_err(publish_failure)?;
    let mut t = t!(
        "publish-written",
        campaign = id,
        count = rows.len(),
        dir = dir.display()
    );
    t.push('\n');
    for f in &files {
        let _ = writeln!(
            t,
            "  {}",
            f.path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        );
    }
    t.push_str(&t!("publish-timing"));
    t.push('\n');
    let sigs = super::key::sign_published_noting(&cli.workspace, &files, &mut t)?;
    out.done(
        "dualdraw.publish.v1",
        &serde_json::json!({"campaign": id, "dir": dir, "files": files, "signatures": sigs}),
        &t,
    )
}
