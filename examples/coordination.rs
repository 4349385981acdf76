//! Measures sample coordination (`docs/SPEC.md` §5) on a synthetic county,
//! over several entropy values:
//! - five departments each draw 5% of their own pool, as independent
//!   campaigns and as one coordination group (start 0 for all): positive
//!   coordination, fewer distinct enterprises disturbed;
//! - four batches of one department each draw 5%, independent and with
//!   starts 0, 1/4, 1/2, 3/4: negative coordination, no enterprise twice.
//!
//! Prints visits, distinct enterprises, and enterprises drawn by 2+ campaigns.
//!
//! ```sh
//! cargo run --release --example coordination -- 100000 10
//! ```

use dualdraw::core::announcement::{GroupRef, History, announce, groups_of};
use dualdraw::core::campaign::Campaign;
use dualdraw::core::draw::{derive_seed, draw, prn_key};
use dualdraw::core::entropy::{Reveal, witness_commitment};
use dualdraw::core::merkle::Hash;
use dualdraw::core::record_proof::SnapshotRef;
use dualdraw::io::generate::{CountySpec, county};
use dualdraw::{Registries, SaltKey, SnapshotRoots};
use std::collections::BTreeMap;

const DEPARTMENTS: [(&str, &str); 5] = [
    ("GA", "县公安局"),
    ("JT", "县交通运输局"),
    ("SC", "县市场监管局"),
    ("WL", "县文旅局"),
    ("YJ", "县应急管理局"),
];

fn campaign(
    reg: &Registries,
    code: &str,
    dept: &str,
    secret: &str,
    group: Option<(&str, &str)>,
) -> Campaign {
    let items: Vec<String> = reg
        .items
        .iter()
        .filter(|i| i.department == dept)
        .map(|i| format!("{:?}", i.code))
        .collect();
    let coordination = group
        .map(|(g, start)| format!("[coordination]\ngroup = \"{g}\"\nstart = \"{start}\"\n"))
        .unwrap_or_default();
    let text = format!(
        r#"id = "2026-{code}"
title = "{dept} 2026年第一批"
lead_department = "{dept}"
draw_date = "2026-03-02"
items = [{}]
[[targets.strata]]
credit_class = "A"
ratio = "5%"
[[targets.strata]]
credit_class = "B"
ratio = "5%"
[[targets.strata]]
credit_class = "C"
ratio = "5%"
[[targets.strata]]
credit_class = "D"
ratio = "5%"
{coordination}[entropy]
witnesses = [{{ name = "甲", commitment = "{}" }}]
"#,
        items.join(", "),
        witness_commitment(secret)
    );
    Campaign::from_toml(&text).expect("campaign")
}

/// Targets (USCC → number of campaigns drawing it) of the campaigns.
fn run(
    reg: &Registries,
    sref: &SnapshotRef,
    campaigns: Vec<Campaign>,
    secret: &str,
) -> BTreeMap<String, u32> {
    let groups: Vec<Option<GroupRef>> = groups_of(&campaigns).expect("groups");
    let t0 = chrono::DateTime::parse_from_rfc3339("2026-03-01T09:00:00+08:00")
        .expect("instant")
        .with_timezone(&chrono::Utc);
    let anns: Vec<_> = campaigns
        .into_iter()
        .zip(groups)
        .map(|(c, g)| {
            announce(
                reg,
                sref.clone(),
                c,
                History::default(),
                g,
                Hash([0; 32]),
                t0,
            )
            .expect("announce")
            .0
        })
        .collect();
    let group_announcements: Vec<Hash> = anns[0]
        .coordination
        .as_ref()
        .and_then(|g| g.announcement_hashes(&anns))
        .unwrap_or_default();
    let reveal = Reveal {
        name: "甲".into(),
        secret: secret.into(),
        revealed_at: t0 + chrono::Duration::days(1),
    };
    let mut visits: BTreeMap<String, u32> = BTreeMap::new();
    for a in &anns {
        let (seed, used, _) = derive_seed(a, std::slice::from_ref(&reveal), None).expect("seed");
        let key = prn_key(a, &seed, &used, None, &group_announcements).expect("key");
        let out = draw(reg, a, &seed, &key).expect("draw");
        for &i in &out.targets {
            *visits.entry(reg.entities[i].uscc.to_string()).or_default() += 1;
        }
    }
    visits
}

fn main() {
    let mut args = std::env::args().skip(1);
    let entities: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let rounds: u32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(10);
    let reg = county(&CountySpec {
        seed: 7,
        entities,
        ..CountySpec::default()
    })
    .expect("county");
    let key = SaltKey::from_bytes([7; 32]);
    let roots = SnapshotRoots::compute(&reg, &key);
    let sref = SnapshotRef {
        id: 1,
        digest: roots.digest(),
        roots,
    };
    println!(
        "county of {entities} entities; five departments each drawing 5% of its pool; {rounds} entropy values"
    );
    println!("mode                      visits  distinct enterprises  visited by 2+ campaigns");
    let modes = [
        "independent departments",
        "coordinated departments",
        "independent batches",
        "spread batches",
    ];
    for (m, mode) in modes.iter().enumerate() {
        let (mut total, mut distinct, mut multi) = (0u64, 0u64, 0u64);
        for r in 0..rounds {
            let secret = format!("coordination-measurement-secret-{r:04}");
            let campaigns: Vec<Campaign> = if m < 2 {
                DEPARTMENTS
                    .iter()
                    .map(|(code, dept)| {
                        campaign(
                            &reg,
                            &format!("{code}-01"),
                            dept,
                            &secret,
                            (m == 1).then_some(("春季", "0")),
                        )
                    })
                    .collect()
            } else {
                // Four batches of one department in a year.
                ["0", "1/4", "1/2", "3/4"]
                    .iter()
                    .enumerate()
                    .map(|(b, start)| {
                        campaign(
                            &reg,
                            &format!("SC-0{}", b + 1),
                            "县市场监管局",
                            &secret,
                            (m == 3).then_some(("全年", *start)),
                        )
                    })
                    .collect()
            };
            let v = run(&reg, &sref, campaigns, &secret);
            total += v.values().map(|&n| u64::from(n)).sum::<u64>();
            distinct += v.len() as u64;
            multi += v.values().filter(|&&n| n > 1).count() as u64;
        }
        let per = |x: u64| {
            format!(
                "{}.{}",
                x / u64::from(rounds),
                (x * 10 / u64::from(rounds)) % 10
            )
        };
        println!(
            "{:<24} {:>7}  {:>20}  {:>23}",
            mode,
            per(total),
            per(distinct),
            per(multi)
        );
    }
}
