//! 一公开: the files a bureau publishes for a draw (the list as CSV with BOM,
//! `.xlsx`, JSON and a self-contained HTML page; a printable draw record) and
//! for its results. Only public data goes in: no credit class, no recusal, no
//! personal number.

use crate::core::merkle::Hash;
use crate::core::proof::DrawProof;
use crate::core::results::InspectionResult;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

mod cells;
mod html;
pub(crate) use cells::{csv_bytes, html_escape, xlsx_bytes};
pub(crate) use html::{STYLE, font_stack, print_style};
use html::{index_html, record_html};
/// Why files could not be written (公示文件写入错误).
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// Filesystem.
    #[error("{path}: {source}")]
    Io {
        /// Path.
        path: PathBuf,
        /// Error.
        source: std::io::Error,
    },
    /// Spreadsheet writer.
    #[error("{path}: {message}")]
    Xlsx {
        /// Path.
        path: PathBuf,
        /// Error.
        message: String,
    },
}

/// A file written (已写入的公示文件), with its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Written {
    /// Path.
    pub path: PathBuf,
    /// SHA-256 of its bytes.
    pub sha256: Hash,
}

fn write(dir: &Path, name: &str, bytes: &[u8], out: &mut Vec<Written>) -> Result<(), PublishError> {
    let path = dir.join(name);
    crate::durable::write_atomic(&path, bytes).map_err(|source| PublishError::Io {
        path: path.clone(),
        source,
    })?;
    out.push(Written {
        path,
        sha256: Hash::digest(bytes),
    });
    Ok(())
}

/// Writes `name` into `dir` from `fill` as it writes (streamed, hashed on
/// the way), atomically.
fn write_streamed(
    dir: &Path,
    name: &str,
    fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<Written, PublishError> {
    use sha2::Digest;
    let path = dir.join(name);
    let mut hasher = sha2::Sha256::new();
    crate::durable::write_atomic_with(&path, &mut |w| {
        let mut tee = Tee {
            inner: w,
            hasher: &mut hasher,
        };
        fill(&mut tee)
    })
    .map_err(|source| PublishError::Io {
        path: path.clone(),
        source,
    })?;
    Ok(Written {
        path,
        sha256: Hash(hasher.finalize().into()),
    })
}

/// A writer that hashes what passes through it.
struct Tee<'a> {
    inner: &'a mut dyn std::io::Write,
    hasher: &'a mut sha2::Sha256,
}

impl std::io::Write for Tee<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use sha2::Digest;
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// An item as the public reads it: its code and name (`SC-001
/// 食品销售经营者经营行为检查`), or the code alone when the draw's item list
/// does not have it.
pub fn item_label(p: &DrawProof, code: &str) -> String {
    match p.items.iter().find(|i| i.code == code) {
        Some(i) if !i.name.is_empty() => format!("{} {}", i.code, i.name),
        _ => code.to_string(),
    }
}

/// An officer's name (执法人员姓名) from the draw's officer directory, or `""`.
pub(super) fn officer_name<'a>(p: &'a DrawProof, id: &str) -> &'a str {
    p.officers
        .iter()
        .find(|o| o.id.as_str() == id)
        .map_or("", |o| o.name.as_str())
}

/// One row of the published list (公示的抽查名单).
#[derive(Debug, Clone, Serialize)]
pub struct ListRow {
    /// USCC.
    pub uscc: String,
    /// Name.
    pub name: String,
    /// Items.
    pub items: Vec<String>,
    /// Departments.
    pub departments: Vec<String>,
    /// Team: (name, certificate number, department).
    pub team: Vec<(String, String, String)>,
}

/// Looks up a (replacement) target's name and items by USCC.
pub type TargetLookup<'a> = &'a dyn Fn(&str) -> Option<(String, Vec<String>)>;

/// The published list of a draw, with the current teams (after replacements).
pub fn list_rows(
    p: &DrawProof,
    teams: &[(String, Vec<String>)],
    names: TargetLookup<'_>,
) -> Vec<ListRow> {
    teams
        .iter()
        .map(|(uscc, ids)| {
            let (name, items) = p
                .target(uscc)
                .map(|t| (t.entity.name.clone(), t.items.clone()))
                .or_else(|| names(uscc))
                .unwrap_or_default();
            let team: Vec<(String, String, String)> = ids
                .iter()
                .map(|id| {
                    p.officers
                        .binary_search_by(|o| o.id.as_str().cmp(id))
                        .map(|i| {
                            (
                                p.officers[i].name.clone(),
                                id.clone(),
                                p.officers[i].department.clone(),
                            )
                        })
                        .unwrap_or_else(|_| (String::new(), id.clone(), String::new()))
                })
                .collect();
            let mut departments: Vec<String> = team.iter().map(|t| t.2.clone()).collect();
            departments.dedup();
            ListRow {
                uscc: uscc.clone(),
                name,
                items,
                departments,
                team,
            }
        })
        .collect()
}

/// Writes the draw's notice files into `dir`: `list.csv` (UTF-8 with BOM),
/// `list.xlsx`, `list.json`, `index.html`, `record.html` and `proof.json`
/// (the recorded proof text), and `public-snapshot.json` when given.
///
/// # Errors
/// [`PublishError`].
pub fn publish_draw(
    dir: &Path,
    p: &DrawProof,
    proof_text: &str,
    rows: &[ListRow],
    public_snapshot: Option<&str>,
) -> Result<Vec<Written>, PublishError> {
    create_dir(dir)?;
    let snapshot = match public_snapshot {
        Some(s) => {
            let mut out = Vec::new();
            write(dir, "public-snapshot.json", s.as_bytes(), &mut out)?;
            out.pop()
        }
        None => None,
    };
    publish_draw_with(dir, p, proof_text, rows, snapshot)
}

fn create_dir(dir: &Path) -> Result<(), PublishError> {
    std::fs::create_dir_all(dir).map_err(|source| PublishError::Io {
        path: dir.to_path_buf(),
        source,
    })
}

/// [`publish_draw`] with `public-snapshot.json` already written into `dir`
/// (streamed, see [`publish_campaign`]): `snapshot` is that file, listed
/// where [`publish_draw`] lists it.
///
/// # Errors
/// [`PublishError`].
pub fn publish_draw_with(
    dir: &Path,
    p: &DrawProof,
    proof_text: &str,
    rows: &[ListRow],
    snapshot: Option<Written>,
) -> Result<Vec<Written>, PublishError> {
    create_dir(dir)?;
    let snapshot_name: Option<String> = snapshot
        .as_ref()
        .and_then(|w| w.path.file_name().map(|n| n.to_string_lossy().into_owned()));
    let c = &p.announcement.campaign;
    let mut out = Vec::new();
    let mut table = vec![vec![
        "序号".to_string(),
        "统一社会信用代码".into(),
        "名称".into(),
        "抽查事项".into(),
        "检查部门".into(),
        "执法人员".into(),
        "执法证号".into(),
    ]];
    for (i, r) in rows.iter().enumerate() {
        table.push(vec![
            (i + 1).to_string(),
            r.uscc.clone(),
            r.name.clone(),
            r.items
                .iter()
                .map(|i| item_label(p, i))
                .collect::<Vec<_>>()
                .join("、"),
            r.departments.join("、"),
            r.team
                .iter()
                .map(|t| t.0.clone())
                .collect::<Vec<_>>()
                .join("、"),
            r.team
                .iter()
                .map(|t| t.1.clone())
                .collect::<Vec<_>>()
                .join("、"),
        ]);
    }
    write(dir, "list.csv", &csv_bytes(&table), &mut out)?;
    let xl = xlsx_bytes(
        &dir.join("list.xlsx"),
        "抽查名单",
        &table,
        p.announcement.campaign.draw_date,
    )?;
    write(dir, "list.xlsx", &xl, &mut out)?;
    let json = serde_json::json!({
        "format": "dualdraw-list-v1",
        "campaign": c.id, "title": c.title, "draw_date": c.draw_date,
        "announcement_hash": p.announcement.hash, "seed": p.seed,
        "strata": p.strata.iter().map(|s| serde_json::json!({"credit_class": s.credit_class, "pool": s.pool, "drawn": s.drawn})).collect::<Vec<_>>(),
        "targets": rows,
    });
    write(
        dir,
        "list.json",
        serde_json::to_string_pretty(&json)
            .unwrap_or_default()
            .as_bytes(),
        &mut out,
    )?;
    write(dir, "proof.json", proof_text.as_bytes(), &mut out)?;
    out.extend(snapshot);
    write(
        dir,
        "index.html",
        index_html(p, rows, snapshot_name.as_deref()).as_bytes(),
        &mut out,
    )?;
    write(
        dir,
        "record.html",
        record_html(p, rows).as_bytes(),
        &mut out,
    )?;
    write(dir, "verify.html", VERIFY_PAGE.as_bytes(), &mut out)?;
    Ok(out)
}

/// The public verification page (`web/`, an independent TypeScript
/// implementation of `docs/SPEC.md`), one self-contained file that runs in
/// any browser without a network: published beside the notice files.
pub const VERIFY_PAGE: &str = include_str!("../../web/dist/verify.html");

/// Writes a campaign's results notice: `results.csv` (BOM), `results.xlsx`,
/// `results.json`, `results.html`.
///
/// # Errors
/// [`PublishError`].
pub fn publish_results(
    dir: &Path,
    p: &DrawProof,
    results: &[InspectionResult],
    names: &dyn Fn(&str) -> String,
) -> Result<Vec<Written>, PublishError> {
    std::fs::create_dir_all(dir).map_err(|source| PublishError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let c = &p.announcement.campaign;
    let mut out = Vec::new();
    let mut table = vec![vec![
        "统一社会信用代码".to_string(),
        "名称".into(),
        "抽查事项".into(),
        "检查结果".into(),
        "检查日期".into(),
        "执法人员".into(),
        "执法证号".into(),
    ]];
    // Each officer's name beside their certificate number, in the same
    // order; an officer the draw's directory does not name shows `—`.
    let officer_names = |r: &InspectionResult| -> Vec<String> {
        r.officers
            .iter()
            .map(|o| match officer_name(p, o) {
                "" => "—".to_string(),
                n => n.to_string(),
            })
            .collect()
    };
    for r in results {
        table.push(vec![
            r.target.clone(),
            names(&r.target),
            item_label(p, &r.item),
            r.result.clone(),
            r.inspected_on.to_string(),
            officer_names(r).join("、"),
            r.officers.join("、"),
        ]);
    }
    write(dir, "results.csv", &csv_bytes(&table), &mut out)?;
    let xl = xlsx_bytes(
        &dir.join("results.xlsx"),
        "抽查结果",
        &table,
        p.announcement.campaign.draw_date,
    )?;
    write(dir, "results.xlsx", &xl, &mut out)?;
    let public: Vec<serde_json::Value> = results
        .iter()
        .map(|r| serde_json::json!({"target": r.target, "name": names(&r.target), "item": r.item, "item_name": p.items.iter().find(|i| i.code == r.item).map(|i| i.name.clone()).unwrap_or_default(), "result": r.result, "inspected_on": r.inspected_on, "officers": r.officers, "officer_names": officer_names(r)}))
        .collect();
    let json = serde_json::json!({"format": "dualdraw-results-v1", "campaign": c.id, "title": c.title, "results": public});
    write(
        dir,
        "results.json",
        serde_json::to_string_pretty(&json)
            .unwrap_or_default()
            .as_bytes(),
        &mut out,
    )?;
    let mut h = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{t} 抽查结果</title><style>{STYLE}</style></head><body><h1>{t} 抽查结果公示</h1><table>",
        t = html_escape(&c.title)
    );
    for (i, row) in table.iter().enumerate() {
        let tag = if i == 0 { "th" } else { "td" };
        if i == 0 {
            h.push_str("<thead>");
        }
        h.push_str("<tr>");
        for v in row {
            let _ = write!(h, "<{tag}>{}</{tag}>", html_escape(v));
        }
        h.push_str("</tr>");
        if i == 0 {
            h.push_str("</thead><tbody>");
        }
    }
    h.push_str("</tbody></table></body></html>");
    write(dir, "results.html", h.as_bytes(), &mut out)?;
    Ok(out)
}

/// The files of a publication as the ledger records them: file names (not
/// machine paths) and SHA-256.
pub fn ledger_files(files: &[Written]) -> serde_json::Value {
    serde_json::Value::Array(
        files
            .iter()
            .map(|f| {
                serde_json::json!({
                    "file": f.path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
                    "sha256": f.sha256,
                })
            })
            .collect(),
    )
}

/// Why a campaign cannot be published (抽查任务公示错误).
#[derive(Debug, thiserror::Error)]
pub enum CampaignPublishError {
    /// The campaign is not drawn.
    #[error("campaign {0} is not drawn")]
    NotDrawn(String),
    /// The campaign was voided.
    #[error("campaign {0} was voided: its list is not published")]
    Voided(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] PublishError),
}

/// Publishes a drawn campaign from the workspace: the notice files of
/// [`publish_draw`] (with the current teams after replacements and the public
/// snapshot) into `dir`, and a `publication` ledger entry with their hashes.
///
/// # Errors
/// [`CampaignPublishError`].
pub fn publish_campaign(
    ws: &mut crate::store::Workspace,
    id: &str,
    dir: &Path,
    at: &str,
    actor: &crate::store::Actor,
    format: crate::core::snapshot::SnapshotFormat,
) -> Result<(Vec<ListRow>, Vec<Written>), CampaignPublishError> {
    // Read, written and recorded under the workspace's write lock.
    let (out, _) = ws.publish_with(id, "draw", at, actor, |ws| {
        match ws.campaign_state(id)? {
            crate::store::CampaignState::Drawn => {}
            crate::store::CampaignState::Voided => {
                return Err(CampaignPublishError::Voided(id.to_string()));
            }
            crate::store::CampaignState::Announced => {
                return Err(CampaignPublishError::NotDrawn(id.to_string()));
            }
        }
        ws.check_records_against_ledger()?;
        let proof = ws.draw_proof(id)?;
        let text = ws.draw_proof_text(id)?;
        let reps = ws.replacements(id)?;
        let snap = ws.snapshot(proof.announcement.snapshot.id)?;
        let teams = crate::core::replace::current_teams(&proof, &reps);
        // The public snapshot streamed into its file, and on the way the
        // names of the targets the proof does not hold (replacements).
        let wanted: std::collections::BTreeSet<&str> = teams
            .iter()
            .map(|t| t.0.as_str())
            .filter(|u| proof.target(u).is_none())
            .collect();
        let mut names: std::collections::BTreeMap<String, String> = Default::default();
        create_dir(dir)?;
        let mut failed: Option<crate::store::StoreError> = None;
        let snapshot = write_streamed(dir, format.file_name(), &mut |w| {
            let sref = Some(proof.announcement.snapshot.clone());
            crate::store::write_public_snapshot(&*ws, &snap, sref, format, w, &mut |e| {
                if wanted.contains(e.uscc.as_str()) {
                    names.insert(e.uscc.as_str().to_string(), e.name.clone());
                }
            })
            .map_err(|e| {
                failed = Some(e);
                std::io::Error::other("the registry could not be read")
            })
        });
        if let Some(e) = failed {
            return Err(e.into());
        }
        let snapshot = snapshot?;
        let lookup = |u: &str| names.get(u).map(|n| (n.clone(), Vec::new()));
        let rows = list_rows(&proof, &teams, &lookup);
        let files = publish_draw_with(dir, &proof, &text, &rows, Some(snapshot))?;
        let listed = ledger_files(&files);
        Ok::<_, CampaignPublishError>(((rows, files), listed))
    })?;
    Ok(out)
}

/// Publishes the results (检查结果公示) of a drawn campaign from the
/// workspace: the recorded results' notice files of [`publish_results`]
/// into `dir`, and a `publication` ledger entry with their hashes. Returns
/// the results published and the files.
///
/// # Errors
/// [`CampaignPublishError`] (a voided campaign is [`CampaignPublishError::NotDrawn`]).
pub fn publish_campaign_results(
    ws: &mut crate::store::Workspace,
    id: &str,
    dir: &Path,
    at: &str,
    actor: &crate::store::Actor,
) -> Result<(Vec<InspectionResult>, Vec<Written>), CampaignPublishError> {
    use crate::store::ResultsFlowError as E;
    // Read, written and recorded under the workspace's write lock: the
    // results marked published are exactly those in the files.
    let (out, _) = ws.publish_with(id, "results", at, actor, |ws| {
        let d = crate::store::drawn_campaign(ws, id).map_err(|e| match e {
            E::Store(s) => CampaignPublishError::Store(s),
            _ => CampaignPublishError::NotDrawn(id.to_string()),
        })?;
        ws.check_records_against_ledger()?;
        let results = ws.results(id)?;
        let names = |u: &str| d.entity_name(u);
        let files = publish_results(dir, &d.proof, &results, &names)?;
        let listed = ledger_files(&files);
        Ok::<_, CampaignPublishError>(((results, files), listed))
    })?;
    Ok(out)
}
