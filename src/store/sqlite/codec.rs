//! How the store keeps records: each registry version is a sequence of chunks,
//! each chunk a run of `lp(record)` in key order. Items and officers are kept
//! as their canonical leaves; entities and recusals in a full encoding that
//! also holds their confidential values.

use crate::core::canonical::{DecodeError, Decoder, Encoder};
use crate::core::commitment::{item_from_leaf, item_leaf, officer_from_leaf, officer_leaf};
use crate::core::registry::vocab::{CreditClass, EntityKind, EntityStatus, RegionCode};
use crate::core::registry::{Entity, Item, Officer, Recusal};
use crate::core::uscc::Uscc;
use chrono::NaiveDate;

const ENTITY_STORE_TAG: &str = "dualdraw-store-v1/entity";
const RECUSAL_STORE_TAG: &str = "dualdraw-store-v1/recusal";

/// Largest chunk written, in bytes.
pub const CHUNK_BYTES: usize = 4 << 20;

fn inv(field: &'static str, value: &str) -> DecodeError {
    DecodeError::Invalid {
        field,
        value: value.to_string(),
    }
}

/// Encodes one entity with its confidential class.
pub fn encode_entity(e: &Entity, enc: &mut Encoder) {
    enc.str(ENTITY_STORE_TAG)
        .str(e.uscc.as_str())
        .str(&e.name)
        .str(e.kind.token())
        .list(&e.categories)
        .str(&e.industry)
        .str(e.region.as_str())
        .opt(e.township.as_deref())
        .str(e.credit_class.token())
        .str(e.status.token())
        .opt(
            e.established
                .map(crate::core::canonical::date_text)
                .as_deref(),
        )
        .list(&e.flags);
}

fn date(s: &str, field: &'static str) -> Result<NaiveDate, DecodeError> {
    crate::core::canonical::parse_date(s).ok_or_else(|| inv(field, s))
}

/// The USCC of a stored entity record, read without decoding the rest (a
/// look-up decodes only the records it wants).
///
/// # Errors
/// [`DecodeError`] for a record that is not an entity's.
pub fn entity_uscc(b: &[u8]) -> Result<&str, DecodeError> {
    let mut d = Decoder::new(b);
    d.tag(ENTITY_STORE_TAG)?;
    d.str()
}

/// Decodes one entity.
pub fn decode_entity(b: &[u8]) -> Result<Entity, DecodeError> {
    let mut d = Decoder::new(b);
    d.tag(ENTITY_STORE_TAG)?;
    let u = d.str()?;
    let uscc = Uscc::accept_legacy(u).map_err(|_| inv("uscc", u))?;
    let name = d.str()?.to_string();
    let k = d.str()?;
    let kind = EntityKind::from_token(k).ok_or_else(|| inv("kind", k))?;
    let categories = d.list()?;
    let industry = d.str()?.to_string();
    let r = d.str()?;
    let region = RegionCode::parse(r).map_err(|_| inv("region", r))?;
    let township = d.opt()?.map(str::to_string);
    let c = d.str()?;
    let credit_class = CreditClass::from_token(c).ok_or_else(|| inv("credit_class", c))?;
    let s = d.str()?;
    let status = EntityStatus::from_token(s).ok_or_else(|| inv("status", s))?;
    let established = d.opt()?.map(|x| date(x, "established")).transpose()?;
    let flags = d.list()?;
    d.finish()?;
    Ok(Entity {
        uscc,
        name,
        kind,
        categories,
        industry,
        region,
        township,
        credit_class,
        status,
        established,
        flags,
    })
}

/// Encodes one recusal with its reason.
pub fn encode_recusal(r: &Recusal, enc: &mut Encoder) {
    enc.str(RECUSAL_STORE_TAG)
        .str(&r.officer_id)
        .str(r.uscc.as_str())
        .str(&r.reason);
}

/// Decodes one recusal.
pub fn decode_recusal(b: &[u8]) -> Result<Recusal, DecodeError> {
    let mut d = Decoder::new(b);
    d.tag(RECUSAL_STORE_TAG)?;
    let officer_id = d.str()?.to_string();
    let u = d.str()?;
    let uscc = Uscc::accept_legacy(u).map_err(|_| inv("uscc", u))?;
    let reason = d.str()?.to_string();
    d.finish()?;
    Ok(Recusal {
        officer_id,
        uscc,
        reason,
    })
}

/// Encodes one item (its canonical leaf).
pub fn encode_item(i: &Item, enc: &mut Encoder) {
    enc.raw(&item_leaf(i));
}

/// Decodes one item.
pub fn decode_item(b: &[u8]) -> Result<Item, DecodeError> {
    item_from_leaf(b)
}

/// Encodes one officer (its canonical leaf).
pub fn encode_officer(o: &Officer, enc: &mut Encoder) {
    enc.raw(&officer_leaf(o));
}

/// Decodes one officer.
pub fn decode_officer(b: &[u8]) -> Result<Officer, DecodeError> {
    officer_from_leaf(b)
}

/// Packs records into chunks of at most about [`CHUNK_BYTES`].
pub fn chunks<T>(records: &[T], encode: fn(&T, &mut Encoder)) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut chunk = Encoder::with_capacity(CHUNK_BYTES + 4096);
    let mut one = Encoder::with_capacity(1024);
    for r in records {
        one.clear();
        encode(r, &mut one);
        chunk.bytes(one.as_bytes());
        if chunk.as_bytes().len() >= CHUNK_BYTES {
            out.push(
                std::mem::replace(&mut chunk, Encoder::with_capacity(CHUNK_BYTES + 4096)).finish(),
            );
        }
    }
    if !chunk.as_bytes().is_empty() {
        out.push(chunk.finish());
    }
    out
}

/// Unpacks a chunk.
pub fn unchunk<T>(
    chunk: &[u8],
    decode: fn(&[u8]) -> Result<T, DecodeError>,
    out: &mut Vec<T>,
) -> Result<(), DecodeError> {
    let mut d = Decoder::new(chunk);
    while !d.is_empty() {
        out.push(decode(d.bytes()?)?);
    }
    Ok(())
}
