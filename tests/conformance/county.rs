//! Random counties and campaigns, made through the real CLI on the real
//! clock (only the drand campaign pins `--now`: its round lies in the past).

use std::path::{Path, PathBuf};
use std::process::Command;

/// SplitMix64: the harness's own reproducible randomness (`--seed`).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    pub fn hex(&mut self) -> String {
        (0..4).map(|_| format!("{:016x}", self.next())).collect()
    }
}

/// Runs the CLI; `Err` with its output when it fails.
impl County {
    /// The public snapshot `snap_id` exported once into the county's folder,
    /// as JSON and beside it compact (COMMITMENTS §9: `run` compares the
    /// verdicts of the two).
    pub fn public_snapshot(&self, snap_id: &str) -> Result<PathBuf, String> {
        let snapshot = self.dir.join(format!("public-{snap_id}.json"));
        if !snapshot.is_file() {
            for (compact, file) in [
                (false, snapshot.clone()),
                (true, snapshot.with_extension("ddps")),
            ] {
                let mut args = vec!["registry", "export", "--public"];
                if compact {
                    args.push("--compact");
                }
                args.extend([file.to_str().unwrap_or_default(), "--snapshot", snap_id]);
                dd(&self.ws, &args)?;
            }
        }
        Ok(snapshot)
    }
}

pub fn dd(ws: &Path, args: &[&str]) -> Result<String, String> {
    let o = Command::new(env!("CARGO_BIN_EXE_dualdraw"))
        .arg("-w")
        .arg(ws)
        .args(args)
        .output()
        .map_err(|e| e.to_string())?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    if o.status.success() {
        Ok(text)
    } else {
        Err(format!("dualdraw {}: {text}", args.join(" ")))
    }
}

pub struct Item {
    pub code: String,
    pub department: String,
    pub category: String,
}

/// A county: its files, its workspace, what campaigns can be made of.
pub struct County {
    pub dir: PathBuf,
    pub ws: PathBuf,
    pub items: Vec<Item>,
    pub today: chrono::NaiveDate,
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    r.records()
        .filter_map(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect())
        .collect()
}

pub fn china_today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

impl County {
    /// Generates, adds recusals among many officer × entity pairs (so that
    /// draws disclose blocked pairs), imports, and loads an inspection
    /// history of recent visits (the exclusion rule has something to exclude).
    pub fn new(root: &Path, idx: usize, rng: &mut Rng) -> Result<County, String> {
        County::with_recusals(root, idx, rng, 40)
    }

    /// As [`County::new`], with `extra` random recusal pairs.
    pub fn with_recusals(
        root: &Path,
        idx: usize,
        rng: &mut Rng,
        extra: usize,
    ) -> Result<County, String> {
        let dir = root.join(format!("county-{idx}"));
        let ws = dir.join("ws");
        let n = 150 + rng.below(450);
        let seed = rng.next() % 1_000_000;
        dd(
            root,
            &[
                "generate",
                "--seed",
                &seed.to_string(),
                "--entities",
                &n.to_string(),
                "--out",
                dir.join("files").to_str().unwrap_or_default(),
            ],
        )?;
        let f = |k: &str| dir.join("files").join(format!("{k}.csv"));
        let items: Vec<Item> = csv_rows(&f("items"))
            .into_iter()
            .map(|r| Item {
                code: r[0].clone(),
                department: r[2].clone(),
                category: r[4].clone(),
            })
            .collect();
        let entities: Vec<(String, Vec<String>)> = csv_rows(&f("entities"))
            .into_iter()
            .map(|r| (r[0].clone(), r[3].split(';').map(str::to_string).collect()))
            .collect();
        let officers: Vec<(String, String)> = csv_rows(&f("officers"))
            .into_iter()
            .map(|r| (r[0].clone(), r[2].clone()))
            .collect();
        // More recusals: random pairs of an officer and an entity.
        let mut rec = std::fs::read_to_string(f("recusals")).map_err(|e| e.to_string())?;
        let existing: std::collections::BTreeSet<String> =
            rec.lines().map(str::to_string).collect();
        for _ in 0..extra {
            let (o, _) = rng.pick(&officers);
            let (u, _) = rng.pick(&entities);
            let line = format!("{o},{u},近亲属在该单位任职");
            if !existing.contains(&line) && !rec.contains(&format!("{o},{u},")) {
                rec.push_str(&line);
                rec.push('\n');
            }
        }
        std::fs::write(f("recusals"), rec).map_err(|e| e.to_string())?;
        dd(&ws, &["init"])?;
        for k in ["items", "entities", "officers", "recusals"] {
            dd(&ws, &["import", k, f(k).to_str().unwrap_or_default()])?;
        }
        let today = china_today();
        let mut hist = String::from("统一社会信用代码,检查日期\n");
        for _ in 0..(n / 10) {
            let (u, _) = rng.pick(&entities);
            let d = today - chrono::Duration::days(5 + rng.below(300) as i64);
            hist.push_str(&format!("{u},{d}\n"));
        }
        let hf = dir.join("history.csv");
        std::fs::write(&hf, hist).map_err(|e| e.to_string())?;
        dd(&ws, &["history", "import", hf.to_str().unwrap_or_default()])?;
        Ok(County {
            dir,
            ws,
            items,
            today,
        })
    }
}

/// A drawn campaign: the proof and the public snapshot of its registries.
pub struct Drawn {
    pub id: String,
    pub proof: PathBuf,
    pub snapshot: PathBuf,
    pub ws: PathBuf,
    pub options: Vec<&'static str>,
    pub replacements: Option<PathBuf>,
    /// In a workspace with keys: the size of the checkpoint signed after the
    /// announcement (`docs/LOG.md` §3).
    pub announced: Option<u64>,
}

pub struct Witness {
    pub name: String,
    pub secret: String,
}

/// One random campaign's TOML (and its witnesses), within what the county has.
pub fn campaign_toml(
    c: &County,
    rng: &mut Rng,
    id: &str,
    group: Option<(&str, &str, &[Witness])>,
    options: &mut Vec<&'static str>,
) -> (String, Vec<Witness>) {
    // Items: one department's, sometimes a second department's (joint teams).
    let depts: Vec<&str> = {
        let mut d: Vec<&str> = c.items.iter().map(|i| i.department.as_str()).collect();
        d.sort_unstable();
        d.dedup();
        d
    };
    let main = if rng.chance(50) {
        "县市场监管局"
    } else {
        *rng.pick(&depts)
    };
    let mut items: Vec<&str> = c
        .items
        .iter()
        .filter(|i| i.department == main)
        .map(|i| i.code.as_str())
        .collect();
    let keep = 1 + rng.below(3);
    while items.len() > keep {
        let i = rng.below(items.len());
        items.remove(i);
    }
    if rng.chance(40) {
        let other = *rng.pick(&depts);
        if let Some(i) = c
            .items
            .iter()
            .find(|i| i.department == other && !items.contains(&i.code.as_str()))
        {
            items.push(&i.code);
            options.push("joint");
        }
    }
    let mut t = format!(
        "id = \"{id}\"\ntitle = \"一致性测试 {id}\"\nlead_department = \"{main}\"\ndraw_date = \"{}\"\nitems = [{}]\n",
        c.today,
        items
            .iter()
            .map(|i| format!("\"{i}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    t.push_str("[targets]\n");
    if items.len() > 1 && rng.chance(30) {
        // A directed draw (定向抽查): one category of the items only.
        let code = *rng.pick(&items);
        if let Some(i) = c.items.iter().find(|i| i.code == code) {
            t.push_str(&format!("categories = [\"{}\"]\n", i.category));
            options.push("directed");
        }
    }
    if rng.chance(20) {
        t.push_str("regions = [\"520123\"]\n");
        options.push("regions");
    }
    if rng.chance(35) {
        t.push_str("exclude_inspected_within_days = 365\n");
        options.push("history-exclusion");
    }
    if rng.chance(30) {
        t.push_str("low_risk_once_a_year = true\n");
        options.push("low-risk-once");
    }
    let exclude_d = rng.chance(20);
    if exclude_d {
        t.push_str("exclude_credit_classes = [\"D\"]\n");
        options.push("class-excluded");
    }
    for class in ["A", "B", "C", "D"] {
        if class == "D" && exclude_d {
            continue;
        }
        t.push_str(&format!("[[targets.strata]]\ncredit_class = \"{class}\"\n"));
        if rng.chance(15) {
            t.push_str(&format!("count = {}\n", 1 + rng.below(3)));
            options.push("count");
        } else {
            let r = *rng.pick(&["5%", "10%", "1/3", "20%", "50%"]);
            t.push_str(&format!("ratio = \"{r}\"\n"));
        }
        if rng.chance(15) {
            t.push_str("min = 1\n");
            options.push("min");
        }
        if rng.chance(10) {
            t.push_str("max = 4\n");
            options.push("max");
        }
    }
    t.push_str("[teams]\n");
    t.push_str(&format!(
        "min_size = {}\nper_department = 1\n",
        2 + rng.below(2)
    ));
    if rng.chance(25) {
        t.push_str("max_targets_per_officer = 6\n");
        options.push("capacity");
    }
    if rng.chance(25) {
        t.push_str("officer_region = \"same\"\n");
        options.push("officer-region");
    }
    if rng.chance(20) {
        t.push_str("avoid_same_officer_within_days = 365\n");
        options.push("officer-history");
    }
    if rng.chance(50) {
        // Half the campaigns keep assignment v1 (docs/SPEC.md §6); the others
        // take the default, v2 (§6.1): every verifier re-runs its shuffles,
        // search and rotation chain.
        t.push_str("assignment = \"v1\"\n");
        options.push("assignment-v1");
    }
    if rng.chance(25) {
        let start = c.today + chrono::Duration::days(3);
        let end = start + chrono::Duration::days(20);
        t.push_str(&format!("[period]\nstart = \"{start}\"\nend = \"{end}\"\n"));
        options.push("period");
    }
    let witnesses: Vec<Witness> = match group {
        Some((_, _, w)) => w
            .iter()
            .map(|w| Witness {
                name: w.name.clone(),
                secret: w.secret.clone(),
            })
            .collect(),
        None => (0..1 + rng.below(3))
            .map(|i| Witness {
                name: ["义务监督员甲", "义务监督员乙", "记者丙"][i].to_string(),
                secret: rng.hex(),
            })
            .collect(),
    };
    t.push_str("[entropy]\nwitnesses = [");
    t.push_str(
        &witnesses
            .iter()
            .map(|w| {
                format!(
                    "{{ name = \"{}\", commitment = \"{}\" }}",
                    w.name,
                    dualdraw::core::entropy::witness_commitment(&w.secret)
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
    );
    t.push_str("]\n");
    if group.is_none() && rng.chance(15) {
        let deadline = chrono::Utc::now() + chrono::Duration::hours(2);
        t.push_str(&format!(
            "beacon = {{ scheme = \"lottery\", round = \"福彩3D{}期\" }}\nreveal_deadline = \"{}\"\n",
            rng.below(300),
            deadline.format("%Y-%m-%dT%H:%M:%SZ")
        ));
        options.push("lottery");
    }
    if let Some((g, start, _)) = group {
        t.push_str(&format!(
            "[coordination]\ngroup = \"{g}\"\nstart = \"{start}\"\n"
        ));
        options.push("coordination");
    }
    (t, witnesses)
}
