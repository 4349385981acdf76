//! The county as four UTF-8 CSV files with Chinese headers, entities
//! streamed in blocks (`dualdraw generate`).

use super::registries::{entities, items, officers_for, recusals};
use super::{CountySpec, GenerateError};
use crate::core::registry::vocab::RegionCode;
use std::io::Write;
use std::path::Path;

/// Files written by [`write_county`].
pub const FILES: [&str; 4] = ["items.csv", "entities.csv", "officers.csv", "recusals.csv"];

/// Writes the county as four UTF-8 CSV files with Chinese headers (as
/// exported by provincial platforms), streaming entities in blocks so that
/// ten million rows need little memory. With `spec.malformed`, that many bad
/// entity rows are mixed in (bad check character, unknown status, bad region
/// code, bad date, in turn).
///
/// # Errors
/// [`GenerateError`].
pub fn write_county(spec: &CountySpec, dir: &Path) -> Result<(), GenerateError> {
    let region = RegionCode::parse(&spec.region)?;
    let io = |path: &Path| {
        let p = path.display().to_string();
        move |source: std::io::Error| GenerateError::Io {
            path: p.clone(),
            source,
        }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let open = |name: &str| -> Result<
        (
            csv::Writer<std::io::BufWriter<std::fs::File>>,
            std::path::PathBuf,
        ),
        GenerateError,
    > {
        // Written under a temporary name, renamed when complete.
        let p = dir.join(name);
        let tmp = crate::durable::partial_name(&p);
        let f = std::fs::File::create(&tmp).map_err(io(&tmp))?;
        Ok((
            csv::Writer::from_writer(std::io::BufWriter::with_capacity(1 << 20, f)),
            p,
        ))
    };
    let csv_err = |p: &Path| {
        let p = p.display().to_string();
        move |e: csv::Error| GenerateError::Io {
            path: p.clone(),
            source: std::io::Error::other(e),
        }
    };

    let (mut w, p) = open("items.csv")?;
    w.write_record([
        "事项编码",
        "事项名称",
        "检查主体",
        "事项类型",
        "检查对象",
        "检查方式",
        "检查依据",
        "资质要求",
    ])
    .map_err(csv_err(&p))?;
    for i in items(spec.seed) {
        w.write_record([
            i.code.as_str(),
            &i.name,
            &i.department,
            i.item_type.zh(),
            &i.target_category,
            &i.method,
            &i.basis,
            i.qualification.as_deref().unwrap_or(""),
        ])
        .map_err(csv_err(&p))?;
    }
    w.flush().map_err(io(&p))?;
    drop(w);
    std::fs::rename(crate::durable::partial_name(&p), &p).map_err(io(&p))?;

    let (mut w, p) = open("entities.csv")?;
    w.write_record([
        "统一社会信用代码",
        "名称",
        "主体类型",
        "检查对象类别",
        "行业",
        "行政区划代码",
        "乡镇街道",
        "信用风险分类",
        "登记状态",
        "成立日期",
        "标记",
    ])
    .map_err(csv_err(&p))?;
    let bad_every = if spec.malformed > 0 {
        (spec.entities / spec.malformed as u64).max(1)
    } else {
        u64::MAX
    };
    let mut bad_written = 0usize;
    const BLOCK: u64 = 100_000;
    let mut start = 0;
    while start < spec.entities {
        let end = (start + BLOCK).min(spec.entities);
        for (k, e) in entities(spec, &region, start..end).into_iter().enumerate() {
            let i = start + k as u64;
            let mut row = vec![
                e.uscc.to_string(),
                e.name,
                e.kind.zh().to_string(),
                e.categories.join(";"),
                e.industry,
                e.region.to_string(),
                e.township.unwrap_or_default(),
                e.credit_class.token().to_string(),
                e.status.zh().to_string(),
                e.established.map(|d| d.to_string()).unwrap_or_default(),
                e.flags.join(";"),
            ];
            if bad_written < spec.malformed && i % bad_every == bad_every - 1 {
                match bad_written % 4 {
                    0 => {
                        let last = if row[0].ends_with('0') { '1' } else { '0' };
                        row[0].pop();
                        row[0].push(last);
                    }
                    1 => row[8] = "正常营业".into(),
                    2 => row[5] = "5201".into(),
                    _ => row[9] = "2019-02-30".into(),
                }
                bad_written += 1;
            }
            w.write_record(&row).map_err(csv_err(&p))?;
        }
        start = end;
    }
    w.flush().map_err(io(&p))?;
    drop(w);
    std::fs::rename(crate::durable::partial_name(&p), &p).map_err(io(&p))?;

    let offs = officers_for(spec.seed, &region, spec.entities);
    let (mut w, p) = open("officers.csv")?;
    w.write_record([
        "执法证号",
        "姓名",
        "部门",
        "单位",
        "行政区划代码",
        "资质",
        "状态",
        "执法证有效期",
    ])
    .map_err(csv_err(&p))?;
    for o in &offs {
        w.write_record([
            o.id.as_str(),
            &o.name,
            &o.department,
            &o.unit,
            o.region.as_str(),
            &o.qualifications.join(";"),
            o.status.zh(),
            &o.cert_expiry.to_string(),
        ])
        .map_err(csv_err(&p))?;
    }
    w.flush().map_err(io(&p))?;
    drop(w);
    std::fs::rename(crate::durable::partial_name(&p), &p).map_err(io(&p))?;

    let (mut w, p) = open("recusals.csv")?;
    w.write_record(["执法证号", "统一社会信用代码", "回避原因"])
        .map_err(csv_err(&p))?;
    for r in recusals(spec.seed, &offs, spec.entities, spec, &region) {
        w.write_record([r.officer_id.as_str(), r.uscc.as_str(), &r.reason])
            .map_err(csv_err(&p))?;
    }
    w.flush().map_err(io(&p))?;
    let mut f = w.into_inner().map_err(|e| GenerateError::Io {
        path: p.display().to_string(),
        source: std::io::Error::other(e.to_string()),
    })?;
    f.flush().map_err(io(&p))?;
    drop(f);
    std::fs::rename(crate::durable::partial_name(&p), &p).map_err(io(&p))?;
    Ok(())
}
