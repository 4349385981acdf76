//! The county as four UTF-8 CSV files with Chinese headers, entities
//! streamed in blocks (`dualdraw generate`).

use super::registries::{entities, items, officers_for, recusals};
use super::rows::{
    ENTITY_HEADER, ITEM_HEADER, OFFICER_HEADER, RECUSAL_HEADER, Spoiler, entity_row, item_row,
    officer_row, recusal_row,
};
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
    w.write_record(ITEM_HEADER).map_err(csv_err(&p))?;
    for i in items(spec.seed) {
        w.write_record(item_row(&i)).map_err(csv_err(&p))?;
    }
    w.flush().map_err(io(&p))?;
    drop(w);
    std::fs::rename(crate::durable::partial_name(&p), &p).map_err(io(&p))?;

    let (mut w, p) = open("entities.csv")?;
    w.write_record(ENTITY_HEADER).map_err(csv_err(&p))?;
    let mut spoiler = Spoiler::new(spec);
    const BLOCK: u64 = 100_000;
    let mut start = 0;
    while start < spec.entities {
        let end = (start + BLOCK).min(spec.entities);
        for (k, e) in entities(spec, &region, start..end).into_iter().enumerate() {
            let mut row = entity_row(e);
            spoiler.spoil(start + k as u64, &mut row);
            w.write_record(&row).map_err(csv_err(&p))?;
        }
        start = end;
    }
    w.flush().map_err(io(&p))?;
    drop(w);
    std::fs::rename(crate::durable::partial_name(&p), &p).map_err(io(&p))?;

    let offs = officers_for(spec.seed, &region, spec.entities);
    let (mut w, p) = open("officers.csv")?;
    w.write_record(OFFICER_HEADER).map_err(csv_err(&p))?;
    for o in &offs {
        w.write_record(officer_row(o)).map_err(csv_err(&p))?;
    }
    w.flush().map_err(io(&p))?;
    drop(w);
    std::fs::rename(crate::durable::partial_name(&p), &p).map_err(io(&p))?;

    let (mut w, p) = open("recusals.csv")?;
    w.write_record(RECUSAL_HEADER).map_err(csv_err(&p))?;
    for r in recusals(spec.seed, &offs, spec.entities, spec, &region) {
        w.write_record(recusal_row(&r)).map_err(csv_err(&p))?;
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
