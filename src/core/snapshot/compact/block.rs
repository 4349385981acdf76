//! One block of a compact snapshot (§9.3): the columns of `n` entities with
//! the block's dictionary, before DEFLATE and after inflating.

use super::{date_number, date_text, put_uv};
use crate::core::commitment::PublicEntity;
use crate::core::merkle::Hash;
use std::collections::HashMap;

/// The inflated body of a block holding `entities` (in order).
///
/// Returns `None` when a record cannot be written (a date that is not
/// `YYYY-MM-DD`, a text of 4 GiB or more, more than 2³² texts), which no
/// valid record has.
pub(super) fn encode(entities: &[PublicEntity]) -> Option<Vec<u8>> {
    let mut dict: Vec<&str> = Vec::new();
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut cols: [Vec<u8>; 8] = Default::default();
    let mut names = Vec::with_capacity(entities.len() * 32);
    // The dictionary: texts in order of first use (the map only finds).
    for e in entities {
        for s in std::iter::once(e.kind.as_str())
            .chain(e.categories.iter().map(String::as_str))
            .chain([e.industry.as_str(), e.region.as_str(), e.status.as_str()])
            .chain(e.township.as_deref())
            .chain(e.flags.iter().map(String::as_str))
        {
            if !ids.contains_key(s) {
                let i = u32::try_from(dict.len()).ok()?;
                dict.push(s);
                ids.insert(s, i);
            }
        }
    }
    let ix = |s: &str| ids.get(s).copied();
    let len32 = |n: usize| u32::try_from(n).ok();
    for e in entities {
        put_uv(&mut names, len32(e.name.len())?);
        names.extend_from_slice(e.name.as_bytes());
        put_uv(&mut cols[0], ix(&e.kind)?);
        put_uv(&mut cols[1], len32(e.categories.len())?);
        for c in &e.categories {
            put_uv(&mut cols[1], ix(c)?);
        }
        put_uv(&mut cols[2], ix(&e.industry)?);
        put_uv(&mut cols[3], ix(&e.region)?);
        match &e.township {
            None => put_uv(&mut cols[4], 0),
            Some(t) => put_uv(&mut cols[4], ix(t)?.checked_add(1)?),
        }
        put_uv(&mut cols[5], ix(&e.status)?);
        match &e.established {
            None => put_uv(&mut cols[6], 0),
            Some(d) => put_uv(&mut cols[6], date_number(d)?),
        }
        put_uv(&mut cols[7], len32(e.flags.len())?);
        for f in &e.flags {
            put_uv(&mut cols[7], ix(f)?);
        }
    }
    let mut out = Vec::with_capacity(
        8 + entities.len() * 50 + names.len() + cols.iter().map(Vec::len).sum::<usize>(),
    );
    out.extend_from_slice(&len32(entities.len())?.to_be_bytes());
    out.extend_from_slice(&len32(dict.len())?.to_be_bytes());
    for s in &dict {
        out.extend_from_slice(&len32(s.len())?.to_be_bytes());
        out.extend_from_slice(s.as_bytes());
    }
    for e in entities {
        let u = e.uscc.as_bytes();
        if u.len() != 18 {
            return None;
        }
        out.extend_from_slice(u);
    }
    for e in entities {
        out.extend_from_slice(&e.credit_class_commitment.0);
    }
    out.extend_from_slice(&names);
    for c in &cols {
        out.extend_from_slice(c);
    }
    Some(out)
}

/// Reads the columns of an inflated block body.
struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| format!("{what}: the block ends early (byte {})", self.at))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn u32be(&mut self, what: &str) -> Result<u32, String> {
        let b = self.take(4, what)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn uv(&mut self, what: &str) -> Result<u32, String> {
        let mut n: u64 = 0;
        for i in 0..5 {
            let b = self.take(1, what)?[0];
            n |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                return u32::try_from(n).map_err(|_| format!("{what}: number {n} is 2^32 or more"));
            }
        }
        Err(format!("{what}: a number longer than 5 bytes"))
    }

    fn text(&mut self, n: u32, what: &str) -> Result<String, String> {
        let b = self.take(n as usize, what)?;
        String::from_utf8(b.to_vec()).map_err(|_| format!("{what}: not UTF-8"))
    }
}

/// Decodes an inflated block body into its entities' public records
/// (checked as leaves, §4), or says what is wrong.
pub(super) fn decode(body: &[u8]) -> Result<Vec<PublicEntity>, String> {
    let mut c = Cursor { b: body, at: 0 };
    let n = c.u32be("entity count")? as usize;
    // Each entity takes at least 50 bytes of fixed columns: a count larger
    // than the body allows is refused before allocating.
    if n.saturating_mul(50) > body.len() {
        return Err(format!("{n} entities cannot fit in {} bytes", body.len()));
    }
    let d = c.u32be("dictionary size")? as usize;
    if d.saturating_mul(4) > body.len() {
        return Err(format!("{d} texts cannot fit in {} bytes", body.len()));
    }
    let mut dict = Vec::with_capacity(d);
    let mut seen = std::collections::HashSet::with_capacity(d);
    for i in 0..d {
        let len = c.u32be("dictionary")?;
        let t = c.text(len, &format!("dictionary text {i}"))?;
        if !seen.insert(t.clone()) {
            return Err(format!("dictionary text {i} ({t}) is there twice"));
        }
        dict.push(t);
    }
    let word = |i: u32, what: &str, e: usize| -> Result<String, String> {
        dict.get(i as usize).cloned().ok_or_else(|| {
            format!("entity {e}: {what} index {i} is outside the dictionary of {d} texts")
        })
    };
    let usccs = c.take(18 * n, "USCC column")?;
    let commitments = c.take(32 * n, "commitment column")?;
    let mut out: Vec<PublicEntity> = (0..n)
        .map(|i| {
            let mut h = [0u8; 32];
            h.copy_from_slice(&commitments[32 * i..32 * i + 32]);
            Ok(PublicEntity {
                uscc: String::from_utf8(usccs[18 * i..18 * i + 18].to_vec())
                    .map_err(|_| format!("entity {i}: USCC is not UTF-8"))?,
                name: String::new(),
                kind: String::new(),
                categories: Vec::new(),
                industry: String::new(),
                region: String::new(),
                township: None,
                status: String::new(),
                established: None,
                flags: Vec::new(),
                credit_class_commitment: Hash(h),
            })
        })
        .collect::<Result<_, String>>()?;
    for (i, e) in out.iter_mut().enumerate() {
        let len = c.uv("name length")?;
        e.name = c.text(len, &format!("entity {i} name"))?;
    }
    for (i, e) in out.iter_mut().enumerate() {
        e.kind = word(c.uv("kind")?, "kind", i)?;
    }
    for (i, e) in out.iter_mut().enumerate() {
        let k = c.uv("category count")?;
        for _ in 0..k {
            e.categories.push(word(c.uv("category")?, "category", i)?);
        }
    }
    for (i, e) in out.iter_mut().enumerate() {
        e.industry = word(c.uv("industry")?, "industry", i)?;
    }
    for (i, e) in out.iter_mut().enumerate() {
        e.region = word(c.uv("region")?, "region", i)?;
    }
    for (i, e) in out.iter_mut().enumerate() {
        e.township = match c.uv("township")? {
            0 => None,
            t => Some(word(t - 1, "township", i)?),
        };
    }
    for (i, e) in out.iter_mut().enumerate() {
        e.status = word(c.uv("status")?, "status", i)?;
    }
    for e in out.iter_mut() {
        e.established = match c.uv("established")? {
            0 => None,
            d => Some(date_text(d)),
        };
    }
    for (i, e) in out.iter_mut().enumerate() {
        let k = c.uv("flag count")?;
        for _ in 0..k {
            e.flags.push(word(c.uv("flag")?, "flag", i)?);
        }
    }
    if c.at != body.len() {
        return Err(format!(
            "{} bytes left over after the last column",
            body.len() - c.at
        ));
    }
    for (i, e) in out.iter().enumerate() {
        e.check()
            .map_err(|x| format!("entity {i} ({}): {x}", e.uscc))?;
    }
    Ok(out)
}
