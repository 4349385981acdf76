//! A provincial platform that keeps its own storage and calls only the pure
//! core (`docs/EMBEDDING.md`): its own rows become [`Registries`], it commits
//! to them, announces a campaign, collects two witnesses' reveals, draws,
//! writes the draw proof as JSON and verifies it at the light, public and
//! audit levels.
//!
//! ```text
//! cargo run --no-default-features --example embed
//! ```
//!
//! Nothing here touches a file, a database or the network: what the platform
//! would store (the salt key, the snapshot, the announcement, the reveals, the
//! proof, its ledger) is held in local variables.

use dualdraw::chrono::{DateTime, NaiveDate, Utc};
use dualdraw::core::announcement::History;
use dualdraw::core::draw::prn_key;
use dualdraw::core::entropy::{self, Reveal};
use dualdraw::core::history::{PastVisit, PastVisitKind};
use dualdraw::core::proof::EntropyRecord;
use dualdraw::core::record_proof::SnapshotRef;
use dualdraw::core::snapshot::PublicSnapshot;
use dualdraw::core::uscc;
use dualdraw::core::verify::verify_public;
use dualdraw::ledger::{Entry, verify_chain};
use dualdraw::{
    Campaign, CreditClass, DrawProof, Entity, EntityKind, EntityStatus, Hash, Item, ItemType,
    Officer, OfficerStatus, RecordProof, Recusal, RegionCode, Registries, RegistryKind, SaltKey,
    SnapshotRoots, Uscc, announce, derive_seed, draw, make_proof, verify_audit, verify_light,
};
use std::error::Error;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The county every row belongs to (GB/T 2260).
const COUNTY: &str = "520123";
const MARKET: &str = "县市场监管局";
const EDUCATION: &str = "县教育局";

// ---------------------------------------------------------------------------
// The platform's own tables, in its own words (as its database returns them).
// ---------------------------------------------------------------------------

/// A row of the platform's market-entity table.
struct EntityRow {
    uscc: String,
    name: String,
    kind: &'static str,
    categories: &'static [&'static str],
    township: &'static str,
    /// 信用风险分类 as the platform writes it.
    risk: &'static str,
    /// 登记状态 as the platform writes it.
    status: &'static str,
    flags: &'static [&'static str],
}

/// A row of the platform's officer table.
struct OfficerRow {
    cert: &'static str,
    name: &'static str,
    department: &'static str,
    status: &'static str,
    qualifications: &'static [&'static str],
    cert_expiry: &'static str,
}

/// A row of the platform's inspection log (for the history rules).
struct InspectionRow {
    uscc: String,
    on: &'static str,
    officers: &'static [&'static str],
}

/// A valid USCC for the county: `prefix` (登记管理部门 + 机构类别) + region +
/// a serial, completed with its GB 32100-2015 check character.
fn code(prefix: &str, serial: u32) -> String {
    let first17 = format!("{prefix}{COUNTY}MA{serial:07}");
    uscc::complete(&first17)
        .expect("17 characters of the USCC alphabet")
        .to_string()
}

fn entity_rows() -> Vec<EntityRow> {
    const TOWNS: [&str; 3] = ["城关镇", "龙岗镇", "青山乡"];
    const RISKS: [&str; 8] = [
        "低风险",
        "一般风险",
        "一般风险",
        "低风险",
        "较高风险",
        "一般风险",
        "高风险",
        "低风险",
    ];
    const SHOPS: [&str; 6] = [
        "百味食品店",
        "鲜果超市",
        "粮油批发部",
        "惠民超市",
        "便利店",
        "副食店",
    ];
    let mut rows = Vec::new();
    // 24 food sellers: enterprises (91…) and individual businesses (92…).
    for i in 0..24u32 {
        let enterprise = i % 3 != 2;
        let town = TOWNS[i as usize % 3];
        rows.push(EntityRow {
            uscc: code(if enterprise { "91" } else { "92" }, 1000 + i),
            name: format!("{town}{}{}号", SHOPS[i as usize % 6], i + 1),
            kind: if enterprise {
                "企业"
            } else {
                "个体工商户"
            },
            categories: &["食品销售经营者"],
            township: town,
            risk: RISKS[i as usize % 8],
            status: if i == 5 { "注销" } else { "存续" },
            flags: if i == 9 { &["经营异常名录"] } else { &[] },
        });
    }
    // 8 private schools (52…), two of which also sell food.
    for i in 0..8u32 {
        let town = TOWNS[i as usize % 3];
        rows.push(EntityRow {
            uscc: code("52", 2000 + i),
            name: format!("{town}育才民办学校{}", i + 1),
            kind: "民办非企业单位",
            categories: if i < 2 {
                &["民办学校", "食品销售经营者"]
            } else {
                &["民办学校"]
            },
            township: town,
            risk: RISKS[(i as usize + 3) % 8],
            status: "存续",
            flags: &[],
        });
    }
    rows
}

fn officer_rows() -> Vec<OfficerRow> {
    let m = |cert, name, status, q: &'static [&'static str], exp| OfficerRow {
        cert,
        name,
        department: MARKET,
        status,
        qualifications: q,
        cert_expiry: exp,
    };
    let e = |cert, name, status, exp| OfficerRow {
        cert,
        name,
        department: EDUCATION,
        status,
        qualifications: &[],
        cert_expiry: exp,
    };
    vec![
        m("SC-01", "王建国", "在岗", &["食品安全"], "2028-12-31"),
        m("SC-02", "李秀英", "在岗", &["食品安全"], "2028-12-31"),
        m("SC-03", "张伟", "在岗", &["食品安全"], "2027-06-30"),
        m("SC-04", "刘洋", "在岗", &["食品安全"], "2028-12-31"),
        m("SC-05", "陈静", "在岗", &["食品安全"], "2028-12-31"),
        m("SC-06", "杨帆", "休假", &["食品安全"], "2028-12-31"),
        m("SC-07", "赵磊", "在岗", &[], "2026-01-31"), // certificate expired
        m("SC-08", "黄丽", "在岗", &["食品安全"], "2029-03-31"),
        m(
            "SC-09",
            "周强",
            "在岗",
            &["食品安全", "特种设备"],
            "2028-12-31",
        ),
        e("JY-01", "吴敏", "在岗", "2028-12-31"),
        e("JY-02", "徐涛", "在岗", "2028-12-31"),
        e("JY-03", "孙燕", "在岗", "2028-12-31"),
        e("JY-04", "马超", "在岗", "2028-12-31"),
    ]
}

fn items() -> Vec<Item> {
    let item = |code: &str, name: &str, dept: &str, cat: &str, q: Option<&str>| Item {
        code: code.into(),
        name: name.into(),
        department: dept.into(),
        item_type: ItemType::Key,
        target_category: cat.into(),
        method: "实地检查".into(),
        basis: "《中华人民共和国食品安全法》等".into(),
        qualification: q.map(str::to_string),
    };
    vec![
        item(
            "SC-001",
            "食品经营许可情况检查",
            MARKET,
            "食品销售经营者",
            None,
        ),
        item(
            "SC-002",
            "食品经营过程检查",
            MARKET,
            "食品销售经营者",
            Some("食品安全"),
        ),
        item(
            "SC-003",
            "学校食堂食品安全检查",
            MARKET,
            "民办学校",
            Some("食品安全"),
        ),
        item(
            "JY-001",
            "民办学校办学行为检查",
            EDUCATION,
            "民办学校",
            None,
        ),
    ]
}

// ---------------------------------------------------------------------------
// Rows → registries (the only place the platform's schema meets the core).
// ---------------------------------------------------------------------------

fn date(s: &str) -> Result<NaiveDate> {
    Ok(NaiveDate::parse_from_str(s, "%Y-%m-%d")?)
}

fn instant(s: &str) -> Result<DateTime<Utc>> {
    Ok(DateTime::parse_from_rfc3339(s)?.with_timezone(&Utc))
}

fn registries(entities: &[EntityRow], officers: &[OfficerRow]) -> Result<Registries> {
    let region = RegionCode::parse(COUNTY)?;
    let entities = entities
        .iter()
        .map(|r| {
            Ok(Entity {
                uscc: Uscc::parse(&r.uscc)?,
                name: r.name.clone(),
                kind: EntityKind::parse(r.kind)?,
                // The core wants categories and flags sorted, without repeats.
                categories: sorted(r.categories),
                industry: "零售业".into(),
                region: region.clone(),
                township: Some(r.township.into()),
                credit_class: CreditClass::parse(r.risk)?,
                status: EntityStatus::parse(r.status)?,
                established: None,
                flags: sorted(r.flags),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let officers = officers
        .iter()
        .map(|r| {
            Ok(Officer {
                id: r.cert.into(),
                name: r.name.into(),
                department: r.department.into(),
                unit: format!("{}执法大队", r.department),
                region: region.clone(),
                qualifications: sorted(r.qualifications),
                status: OfficerStatus::parse(r.status)?,
                cert_expiry: date(r.cert_expiry)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    // Declared recusals (回避): confidential, published only as commitments.
    let recusals = vec![
        Recusal {
            officer_id: "SC-02".into(),
            uscc: Uscc::parse(&code("91", 1000))?,
            reason: "近亲属经营".into(),
        },
        Recusal {
            officer_id: "JY-01".into(),
            uscc: Uscc::parse(&code("52", 2003))?,
            reason: "曾任该校顾问".into(),
        },
    ];
    Ok(Registries::new(items(), entities, officers, recusals)?)
}

fn sorted(v: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
    v.sort();
    v.dedup();
    v
}

/// The history rules' inputs (`docs/SPEC.md` §3) from the platform's own
/// inspection log: each row becomes a [`PastVisit`] and the core computes
/// the three lists exactly as the spec fixes them.
fn history(c: &Campaign, log: &[InspectionRow]) -> Result<History> {
    let mut visits = Vec::new();
    for row in log {
        visits.push(PastVisit {
            kind: PastVisitKind::Inspected,
            date: date(row.on)?,
            target: row.uscc.clone(),
            officers: row.officers.iter().map(|o| o.to_string()).collect(),
        });
    }
    Ok(History::from_log(c, &visits))
}

/// The head of the platform's copy of the ledger (zeros when empty).
fn head(ledger: &[Entry]) -> Hash {
    ledger.last().map_or(Hash([0; 32]), |e| e.hash)
}

/// Appends an entry to the platform's copy of the hash-chained ledger.
fn record(ledger: &mut Vec<Entry>, kind: &str, campaign: &str, at: &str, body: String) {
    let prev = head(ledger);
    let e = Entry::new(
        ledger.len() as u64 + 1,
        prev,
        kind,
        campaign,
        at,
        "省平台",
        "",
        body,
    );
    ledger.push(e);
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("embed: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    // 1. Registries from the platform's rows, and their commitment.
    let reg = registries(&entity_rows(), &officer_rows())?;
    // The salt key is made once per platform and kept secret: it salts the
    // confidential values (credit classes, recusals) in the commitments.
    let key = SaltKey::generate().map_err(|e| format!("no random source: {e}"))?;
    let roots = SnapshotRoots::compute(&reg, &key);
    // The platform numbers its own snapshots; 1 is its first.
    let snapshot = SnapshotRef {
        id: 1,
        digest: roots.digest(),
        roots,
    };
    println!(
        "registries  {} items, {} entities, {} officers, {} recusals",
        reg.items.len(),
        reg.entities.len(),
        reg.officers.len(),
        reg.recusals.len()
    );
    println!("snapshot    {}", snapshot.digest);

    // 2. Two witnesses (义务监督员) each make a secret on their own device and
    //    hand over only its commitment, which goes into the campaign.
    let (secret_a, commit_a) =
        entropy::new_witness_secret().map_err(|e| format!("no random source: {e}"))?;
    let (secret_b, commit_b) =
        entropy::new_witness_secret().map_err(|e| format!("no random source: {e}"))?;

    // 3. The campaign, as the platform's form would produce it.
    let toml = format!(
        r#"id = "QN-2026-SC-01"
title = "2026年食品销售与民办学校联合抽查"
lead_department = "{MARKET}"
draw_date = "2026-03-02"
items = ["SC-001", "SC-002", "SC-003", "JY-001"]
[targets]
exclude_flags = ["经营异常名录"]
exclude_inspected_within_days = 30
[[targets.strata]]
credit_class = "A"
ratio = "10%"
[[targets.strata]]
credit_class = "B"
ratio = "20%"
[[targets.strata]]
credit_class = "C"
ratio = "30%"
[[targets.strata]]
credit_class = "D"
ratio = "50%"
min = 1
[teams]
min_size = 2
per_department = 1
max_targets_per_officer = 4
officer_region = "same"
avoid_same_officer_within_days = 180
[period]
start = "2026-03-09"
end = "2026-04-10"
[entropy]
witnesses = [{{ name = "义务监督员甲", commitment = "{commit_a}" }}, {{ name = "义务监督员乙", commitment = "{commit_b}" }}]
reveal_deadline = "2026-03-02T10:00:00+08:00"
"#
    );
    let campaign = Campaign::from_toml(&toml)?;

    // 4. Announce: the campaign, its history sets and the snapshot, fixed
    //    before any randomness exists. The platform keeps dualdraw's ledger
    //    (an always-built module) in its own table; its head enters the
    //    announcement.
    let log = vec![
        InspectionRow {
            uscc: code("91", 1003),
            on: "2026-02-20",
            officers: &["SC-01", "SC-04"],
        },
        InspectionRow {
            uscc: code("52", 2001),
            on: "2025-11-10",
            officers: &["SC-03", "JY-02"],
        },
    ];
    let history = history(&campaign, &log)?;
    let mut ledger: Vec<Entry> = Vec::new();
    let announced_at = instant("2026-03-01T09:00:00+08:00")?;
    let (announcement, summary) = announce(
        &reg,
        snapshot.clone(),
        campaign,
        history,
        None,
        head(&ledger),
        announced_at,
    )?;
    record(
        &mut ledger,
        "announcement",
        &announcement.campaign.id,
        &announced_at.to_rfc3339(),
        serde_json::json!({
            "announcement_hash": announcement.hash,
            "campaign_hash": announcement.campaign_hash,
            "snapshot_digest": announcement.snapshot.digest,
        })
        .to_string(),
    );
    println!(
        "announced   {} at {}: pool {} (+{} left out by class), categories {}",
        announcement.campaign.id,
        announcement.announced_at,
        summary.pool,
        summary.excluded_by_class,
        summary.categories.join("、")
    );
    println!("            announcement hash {}", announcement.hash);

    // 5. The witnesses reveal on the draw day (the platform records when).
    let reveals = vec![
        Reveal {
            name: "义务监督员甲".into(),
            secret: secret_a,
            revealed_at: instant("2026-03-02T09:00:00+08:00")?,
        },
        Reveal {
            name: "义务监督员乙".into(),
            secret: secret_b,
            revealed_at: instant("2026-03-02T09:05:00+08:00")?,
        },
    ];
    for r in &reveals {
        // Each reveal can be checked as it arrives.
        let w = announcement
            .campaign
            .entropy
            .witnesses
            .iter()
            .find(|w| w.name == r.name)
            .ok_or("not a witness")?;
        entropy::check_reveal(&r.name, &w.commitment, &r.secret)?;
        record(
            &mut ledger,
            "reveal",
            &announcement.campaign.id,
            &r.revealed_at.to_rfc3339(),
            serde_json::json!({ "witness": r.name, "secret": r.secret }).to_string(),
        );
    }

    // 6. Seed, draw, proof.
    let (seed, used, missing) = derive_seed(&announcement, &reveals, None)?;
    // PRNs come from the seed (a coordinated campaign: from its group's seed).
    let prns = prn_key(&announcement, &seed, &used, None, &[])?;
    let outcome = draw(&reg, &announcement, &seed, &prns)?;
    let proof = make_proof(
        &reg,
        &key,
        &announcement,
        EntropyRecord {
            reveals: used,
            missing,
            beacon: None,
        },
        &outcome,
        &[],
    );
    let json = serde_json::to_string_pretty(&proof)?;
    record(
        &mut ledger,
        "draw",
        &announcement.campaign.id,
        &instant("2026-03-02T09:10:00+08:00")?.to_rfc3339(),
        serde_json::json!({ "seed": proof.seed, "proof_sha256": Hash::digest(json.as_bytes()) })
            .to_string(),
    );
    println!("seed        {seed}");
    println!(
        "drawn       {} of {} ({}), proof {} bytes of JSON",
        proof.targets.len(),
        proof.pool_size,
        proof
            .strata
            .iter()
            .map(|s| format!("{} {}/{}", s.credit_class.token(), s.drawn, s.pool))
            .collect::<Vec<_>>()
            .join(", "),
        json.len()
    );
    for (t, team) in proof.targets.iter().zip(&proof.teams) {
        let names: Vec<&str> = team
            .officers
            .iter()
            .map(|id| reg.officer(id).map_or(id.as_str(), |o| o.name.as_str()))
            .collect();
        println!(
            "  {}  {}：{}",
            t.entity.uscc,
            t.entity.name,
            names.join("、")
        );
    }

    // 7. Anyone verifies. The proof travels as JSON; so does the public
    //    snapshot (every public field, commitments for the confidential ones).
    let public = serde_json::to_string(&PublicSnapshot::of(&reg, &key, snapshot.clone()))?;
    let proof: DrawProof = serde_json::from_str(&json)?;
    let public: PublicSnapshot = serde_json::from_str(&public)?;
    let verdict = |name: &str, r: std::result::Result<dualdraw::VerifiedDraw, _>| match r {
        Ok(v) => {
            println!("verify      {name:<7} ok ({:?})", v.level());
            true
        }
        Err(e) => {
            println!("verify      {name:<7} FAILED: {e}");
            false
        }
    };
    // Light: the proof alone (re-runs the officer assignment).
    let ok_light = verdict("light", verify_light(&proof));
    // Public: with the public snapshot (also recomputes the pool).
    let ok_public = verdict("public", verify_public(&proof, &public));
    // Audit: with the platform's registries and salt key (the whole draw re-run).
    let ok_audit = verdict("audit", verify_audit(&proof, &reg, &key));

    // A drawn enterprise can check its own record is in the committed
    // directory, against the digest in the announcement.
    let first = &proof.targets[0].entity.uscc;
    let rp = RecordProof::make(
        &reg,
        RegistryKind::Entities,
        first,
        snapshot.clone(),
        &key,
        false,
    )
    .ok_or("no such record")?;
    let rp: RecordProof = serde_json::from_str(&serde_json::to_string(&rp)?)?;
    let vr = rp.verify(Some(&proof.announcement.snapshot.digest))?;
    println!(
        "record      {first} is leaf {} of the entities root ({} records)",
        vr.index(),
        vr.root().size
    );

    // A tampered proof fails.
    let mut bad = proof.clone();
    bad.teams[0].officers.reverse();
    let tampered = verdict("light (one team's officers swapped)", verify_light(&bad));

    let head = verify_chain(&ledger)?;
    println!("ledger      {} entries, head {head}", ledger.len());
    if !(ok_light && ok_public && ok_audit) || tampered {
        return Err("verification did not give the expected verdicts".into());
    }
    println!(
        "summary     {}: {} targets and their teams drawn from {} entities with {} witnesses' \
         secrets; the JSON proof verifies at the light, public and audit levels, a tampered \
         copy does not, and the ledger chain holds",
        proof.announcement.campaign.title,
        proof.targets.len(),
        reg.entities.len(),
        proof.entropy.reveals.len()
    );
    Ok(())
}
