//! Helpers shared by the `cli_*` integration tests (included with
//! `#[path = "cli_support.rs"] mod support;`). Every test runs the real
//! `dualdraw` binary as a black box, in its own temporary folder, with relative
//! file names so that `FILE:LINE:COLUMN` lines can be compared exactly.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The date every import is judged against (never the real date).
pub const TODAY: &str = "2026-03-01";

/// The empty tree's root (`docs/COMMITMENTS.md` §5).
pub const EMPTY_ROOT: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// The legacy code of `docs/IMPORT.md` (fails only its check character).
pub const LEGACY_USCC: &str = "91350203M0001QAY9B";

/// What one run of the binary gave.
#[derive(Debug)]
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// The command line, for messages.
    pub cmd: String,
}

impl Run {
    /// Standard output parsed as one JSON value (panics otherwise).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout of `{}` is not one JSON value ({e}):\n{}\nstderr:\n{}",
                self.cmd, self.stdout, self.stderr
            )
        })
    }

    /// Asserts the exit code, showing the output when it differs.
    #[track_caller]
    pub fn expect(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "`{}` exited with {} (expected {code})\nstdout:\n{}\nstderr:\n{}",
            self.cmd, self.code, self.stdout, self.stderr
        );
        self
    }

    /// Standard output and standard error together.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// Asserts that stdout or stderr mentions `needle`.
    #[track_caller]
    pub fn has(&self, needle: &str) -> &Self {
        assert!(
            self.all().contains(needle),
            "`{}` does not mention {needle:?}\nstdout:\n{}\nstderr:\n{}",
            self.cmd,
            self.stdout,
            self.stderr
        );
        self
    }

    /// The lines of stdout and stderr that look like `FILE:LINE:COLUMN: …` for `file`.
    pub fn issue_lines(&self, file: &str) -> Vec<String> {
        self.all()
            .lines()
            .filter(|l| l.starts_with(&format!("{file}:")))
            .map(str::to_string)
            .collect()
    }
}

/// The binary.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_dualdraw")
}

/// Runs `dualdraw ARGS` in `cwd`, without `DUALDRAW_WORKSPACE`, with `stdin`.
pub fn run_full(cwd: &Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&[u8]>) -> Run {
    let mut c = Command::new(bin());
    c.current_dir(cwd)
        .args(args)
        .env_remove("DUALDRAW_WORKSPACE")
        .env_remove("DUALDRAW_OPERATOR")
        .env_remove("DUALDRAW_APPROVER")
        // The default language (Simplified Chinese), whatever the machine's
        // locale: a test that reads English text passes `--lang en`.
        .env_remove("DUALDRAW_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        c.env(k, v);
    }
    c.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = c.spawn().expect("spawn dualdraw");
    if let Some(bytes) = stdin {
        use std::io::Write;
        let mut s = child.stdin.take().unwrap();
        s.write_all(bytes).unwrap();
    }
    let out = child.wait_with_output().expect("wait for dualdraw");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        cmd: format!("dualdraw {}", args.join(" ")),
    }
}

/// Runs `dualdraw ARGS` in `cwd`.
pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    run_full(cwd, args, &[], None)
}

/// A temporary folder holding a workspace `ws` and the test's files.
pub struct Ws {
    /// The folder (current directory of every run).
    pub dir: tempfile::TempDir,
}

impl Default for Ws {
    fn default() -> Self {
        Ws::new()
    }
}

impl Ws {
    /// A temporary folder with an initialised workspace `ws` in it.
    pub fn new() -> Ws {
        let w = Ws::bare();
        w.raw(&["-w", "ws", "init"]).expect(0);
        w
    }

    /// A temporary folder without a workspace.
    pub fn bare() -> Ws {
        Ws {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `dualdraw ARGS` in the folder (no workspace option added).
    pub fn raw(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }

    /// `dualdraw -w ws ARGS`.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut v = vec!["-w", "ws"];
        v.extend_from_slice(args);
        run_in(self.path(), &v)
    }

    /// `dualdraw -w ws --json ARGS`, expecting `code`, parsed.
    #[track_caller]
    pub fn json(&self, args: &[&str], code: i32) -> Value {
        let mut v = vec!["--json"];
        v.extend_from_slice(args);
        let r = self.run(&v);
        r.expect(code);
        r.json()
    }

    /// `dualdraw -w ws import KIND FILE --today 2026-03-01 EXTRA…`.
    pub fn import(&self, kind: &str, file: &str, extra: &[&str]) -> Run {
        let mut v = vec!["import", kind, file, "--today", TODAY];
        v.extend_from_slice(extra);
        self.run(&v)
    }

    /// `dualdraw -w ws registry update KIND FILE --today 2026-03-01 EXTRA…`.
    pub fn update(&self, kind: &str, file: &str, extra: &[&str]) -> Run {
        let mut v = vec!["registry", "update", kind, file, "--today", TODAY];
        v.extend_from_slice(extra);
        self.run(&v)
    }

    /// Writes a text file in the folder; returns its relative name.
    pub fn write(&self, name: &str, text: &str) -> String {
        self.write_bytes(name, text.as_bytes())
    }

    /// Writes a file in the folder; returns its relative name.
    pub fn write_bytes(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        name.to_string()
    }

    /// Reads a file of the folder as text.
    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name)).unwrap()
    }

    /// Absolute path of a file of the folder.
    pub fn abs(&self, name: &str) -> PathBuf {
        self.path().join(name)
    }

    /// `generate --out gen --entities N` (seed 1).
    pub fn generate(&self, entities: u64) {
        self.raw(&[
            "generate",
            "--out",
            "gen",
            "--entities",
            &entities.to_string(),
        ])
        .expect(0);
    }

    /// Generates a county of 200 entities and imports the four registries.
    pub fn county(&self) {
        self.generate(200);
        for kind in ["items", "entities", "officers", "recusals"] {
            self.import(kind, &format!("gen/{kind}.csv"), &[]).expect(0);
        }
    }

    /// `registry snapshots --json` → the array of snapshots.
    pub fn snapshots(&self) -> Vec<Value> {
        let v = self.json(&["registry", "snapshots"], 0);
        assert_eq!(v["schema"], "dualdraw.snapshots.v1");
        v["snapshots"].as_array().expect("snapshots array").clone()
    }

    /// Number of snapshots.
    pub fn snapshot_count(&self) -> usize {
        self.snapshots().len()
    }

    /// `registry root --json` (optionally of one snapshot).
    pub fn root(&self, snapshot: Option<u64>) -> Value {
        let s = snapshot.map(|s| s.to_string());
        let mut args = vec!["registry", "root"];
        if let Some(s) = &s {
            args.extend(["--snapshot", s.as_str()]);
        }
        let v = self.json(&args, 0);
        assert_eq!(v["schema"], "dualdraw.root.v1");
        assert_eq!(v["ok"], true);
        v
    }

    /// The current root hash of one registry.
    pub fn root_hash(&self, kind: &str) -> String {
        self.root(None)["roots"][kind]["hash"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// `registry stats --json` → `stats`.
    pub fn stats(&self) -> Value {
        let v = self.json(&["registry", "stats"], 0);
        assert_eq!(v["schema"], "dualdraw.stats.v1");
        v["stats"].clone()
    }
}

/// The 31 symbols of a USCC.
pub const USCC_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The GB 32100-2015 check character of 17 characters (written here from the
/// standard, independently of the crate).
pub fn check_char(first17: &str) -> char {
    assert_eq!(first17.len(), 17);
    let mut sum = 0u32;
    let mut w = 1u32;
    for b in first17.bytes() {
        let v = USCC_ALPHABET
            .iter()
            .position(|&a| a == b)
            .expect("alphabet") as u32;
        sum += v * w;
        w = w * 3 % 31;
    }
    USCC_ALPHABET[((31 - sum % 31) % 31) as usize] as char
}

/// A valid USCC from its first 17 characters.
pub fn uscc(first17: &str) -> String {
    format!("{first17}{}", check_char(first17))
}

/// The same 17 characters with a wrong check character.
pub fn bad_uscc(first17: &str) -> String {
    let good = check_char(first17);
    let bad = if good == '0' { '1' } else { '0' };
    format!("{first17}{bad}")
}

/// Header of a small entities file (Chinese names).
pub const ENTITY_HEADER: &str =
    "统一社会信用代码,名称,主体类型,行政区划代码,信用风险分类,登记状态,成立日期";

/// Header of a small officers file (Chinese names).
pub const OFFICER_HEADER: &str = "执法证号,姓名,部门,单位,行政区划代码,资质,状态,执法证有效期";

/// Parses the CSV text of a generated file (no quoting beyond what the
/// generator writes) into rows of cells.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    rdr.records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Writes rows as CSV text.
pub fn csv_text(rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}
