use super::*;
use crate::core::commitment::{SaltKey, SnapshotRoots};
use crate::core::registry::Registries;
use crate::core::snapshot::PublicSnapshot;

fn county(n: usize, seed: u64) -> (Registries, SaltKey, SnapshotRef) {
    let reg = crate::io::generate::county(&crate::io::generate::CountySpec {
        entities: n as u64,
        seed,
        ..Default::default()
    })
    .unwrap();
    let key = SaltKey::from_bytes([4; 32]);
    let sref = SnapshotRef::new(7, SnapshotRoots::compute(&reg, &key));
    (reg, key, sref)
}

fn write(reg: &Registries, key: &SaltKey, sref: &SnapshotRef, cuts: &[usize]) -> Vec<u8> {
    let mut w = CompactWriter::start(Vec::new(), reg, key, sref.clone()).unwrap();
    for c in cuts.windows(2) {
        w.entities(&reg.entities[c[0]..c[1]]).unwrap();
    }
    w.finish().unwrap()
}

fn read_all(bytes: &[u8]) -> Result<(CompactHead, Vec<PublicEntity>, SnapshotRoots), CompactError> {
    let mut r = CompactReader::open(bytes)?;
    let mut all = Vec::new();
    while let Some(b) = r.next_block()? {
        all.extend(b);
    }
    let head = r.head().clone();
    Ok((head, all, r.finish()?))
}

use crate::core::commitment::PublicEntity;

#[test]
fn a_compact_snapshot_holds_the_json_snapshots_records_and_roots() {
    let (reg, key, sref) = county(9000, 3);
    let json = PublicSnapshot::of(&reg, &key, sref.clone());
    for cuts in [vec![0, 9000], vec![0, 0, 1, 4095, 4096, 8193, 9000]] {
        let bytes = write(&reg, &key, &sref, &cuts);
        let (head, entities, roots) = read_all(&bytes).unwrap();
        assert_eq!(entities, json.entities);
        assert_eq!(head.items, json.items);
        assert_eq!(head.officers, json.officers);
        assert_eq!(head.recusals, json.recusals);
        assert_eq!(roots, sref.roots);
        assert_eq!(head.entities.blocks(), 3);
        // The bound the issue sets: at most 100 bytes per entity.
        let per = (bytes.len() - serde_json::to_vec(&head).unwrap().len()) / 9000;
        assert!(per <= 100, "{per} bytes per entity");
    }
}

#[test]
fn an_empty_registry_gives_a_snapshot_without_blocks() {
    let empty = Registries::default();
    let key = SaltKey::from_bytes([1; 32]);
    let sref = SnapshotRef::new(1, SnapshotRoots::compute(&empty, &key));
    let bytes = write(&empty, &key, &sref, &[]);
    let (_, entities, roots) = read_all(&bytes).unwrap();
    assert!(entities.is_empty());
    assert_eq!(roots, sref.roots);
}

fn present(bytes: &[u8], uscc: &str) -> Proven {
    match look_up(std::io::Cursor::new(bytes), uscc).unwrap().found {
        Found::Present(p) => *p,
        other => panic!("{uscc} not found: {other:?}"),
    }
}

fn absent(bytes: &[u8], uscc: &str) -> (Option<u64>, Option<u64>) {
    match look_up(std::io::Cursor::new(bytes), uscc).unwrap().found {
        Found::Absent { below, above } => (below.map(|p| p.index), above.map(|p| p.index)),
        other => panic!("{uscc} found: {other:?}"),
    }
}

#[test]
fn the_look_up_reads_one_block_and_gives_a_path_to_the_root() {
    let (reg, key, sref) = county(9000, 5);
    let bytes = write(&reg, &key, &sref, &[0, 9000]);
    for i in [0usize, 1, 4095, 4096, 8191, 8192, 8999] {
        let e = &reg.entities[i];
        let got = present(&bytes, e.uscc.as_str());
        assert_eq!(got.index, i as u64);
        assert_eq!(got.record, PublicEntity::of(e, &key));
        sref.roots
            .entities
            .verify_inclusion(&got.record.leaf(), got.index, &got.proof)
            .unwrap();
    }
}

#[test]
fn an_absent_entity_is_shown_by_its_two_adjacent_neighbours() {
    let (reg, key, sref) = county(9000, 5);
    let bytes = write(&reg, &key, &sref, &[0, 9000]);
    // Below every entity, above every entity.
    assert_eq!(absent(&bytes, "0"), (None, Some(0)));
    assert_eq!(absent(&bytes, "Z"), (Some(8999), None));
    // Inside a block, and just past a block's last entity (the neighbour
    // above is in the next block).
    for i in [100usize, 4095, 8191] {
        let mut between = reg.entities[i].uscc.as_str().to_string();
        between.push('0');
        assert_eq!(
            absent(&bytes, &between),
            (Some(i as u64), Some(i as u64 + 1))
        );
    }
    // A USCC sent to the wrong block by a changed first USCC in the index is
    // still answered right, or refused, never wrongly "absent".
    let ix = index_at(&bytes);
    let mut moved = bytes.clone();
    moved[ix + 58 + 8..ix + 58 + 26].copy_from_slice(b"ZZZZZZZZZZZZZZZZZZ");
    let target = reg.entities[5000].uscc.as_str();
    match look_up(std::io::Cursor::new(&moved), target) {
        Ok(LookedUp {
            found: Found::Present(p),
            ..
        }) => assert_eq!(p.index, 5000),
        Ok(other) => panic!("a moved index entry gave {other:?}"),
        Err(e) => assert!(e.to_string().contains("absent"), "{e}"),
    }
    // The empty snapshot: absent with no neighbours.
    let empty = Registries::default();
    let esref = SnapshotRef::new(1, SnapshotRoots::compute(&empty, &key));
    let ebytes = write(&empty, &key, &esref, &[]);
    assert_eq!(absent(&ebytes, "91520123MA6DXXXX0X"), (None, None));
}

/// Where the index starts in a file written by [`write`].
fn index_at(bytes: &[u8]) -> usize {
    let t = &bytes[bytes.len() - TRAILER_BYTES..];
    u64::from_be_bytes(t[..8].try_into().unwrap()) as usize
}

#[test]
fn a_tampered_compact_snapshot_is_refused_naming_where() {
    let (reg, key, sref) = county(5000, 9);
    let good = write(&reg, &key, &sref, &[0, 5000]);
    let ix = index_at(&good);
    let block0 = {
        let len = u32::from_be_bytes(good[8..12].try_into().unwrap()) as usize;
        12 + len
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "flipped byte in a block",
            {
                let mut b = good.clone();
                b[block0 + 40] ^= 0x01;
                b
            },
            "block 0",
        ),
        (
            "wrong index root",
            {
                let mut b = good.clone();
                b[ix + 30] ^= 0x01;
                b
            },
            "index",
        ),
        (
            "wrong trailer",
            {
                let mut b = good.clone();
                let n = b.len();
                b[n - 12] ^= 0x01;
                b
            },
            "trailer",
        ),
        ("truncated", good[..good.len() - 1].to_vec(), "trailer"),
        (
            "extra byte",
            {
                let mut b = good.clone();
                b.push(0);
                b
            },
            "trailer",
        ),
        (
            "head over the limit",
            {
                let mut b = good.clone();
                b[8..12].copy_from_slice(&(MAX_HEAD_BYTES + 1).to_be_bytes());
                b
            },
            "head",
        ),
        (
            "inflated size over the limit",
            {
                let mut b = good.clone();
                b[block0..block0 + 4].copy_from_slice(&(MAX_BLOCK_BYTES + 1).to_be_bytes());
                b
            },
            "block 0",
        ),
        (
            "not the magic",
            {
                let mut b = good.clone();
                b[0] = b'X';
                b
            },
            "magic",
        ),
    ];
    for (what, bytes, at) in cases {
        let e = read_all(&bytes).expect_err(what);
        let text = e.to_string();
        assert!(text.contains(at), "{what}: {text}");
    }
}

/// A block body built by hand, stored at block 0 of an otherwise good file.
fn with_block0(good: &[u8], body: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let len = u32::from_be_bytes(good[8..12].try_into().unwrap()) as usize;
    let block0 = 12 + len;
    let stored0 = u32::from_be_bytes(good[block0 + 4..block0 + 8].try_into().unwrap()) as usize;
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(body).unwrap();
    let z = z.finish().unwrap();
    let mut out = good[..block0].to_vec();
    out.extend_from_slice(&(body.len() as u32).to_be_bytes());
    out.extend_from_slice(&(z.len() as u32).to_be_bytes());
    out.extend_from_slice(&z);
    out.extend_from_slice(&good[block0 + 8 + stored0..]);
    out
}

#[test]
fn a_block_that_breaks_the_columns_is_refused() {
    let (reg, key, sref) = county(300, 2);
    let good = write(&reg, &key, &sref, &[0, 300]);
    let pub_: Vec<PublicEntity> = reg
        .entities
        .iter()
        .map(|e| PublicEntity::of(e, &key))
        .collect();
    let body = block::encode(&pub_).unwrap();
    // The body decodes back to the records.
    assert_eq!(block::decode(&body).unwrap(), pub_);
    let dict_len = u32::from_be_bytes(body[4..8].try_into().unwrap());
    // Past the dictionary, USCCs and commitments: the names column.
    let names_at = {
        let mut at = 8;
        for _ in 0..dict_len {
            let l = u32::from_be_bytes(body[at..at + 4].try_into().unwrap()) as usize;
            at += 4 + l;
        }
        at + 300 * 50
    };
    let mut six = body.clone();
    six.splice(names_at..names_at + 1, [0x80, 0x80, 0x80, 0x80, 0x80, 0x00]);
    let mut left = body.clone();
    left.push(0);
    let mut count = body.clone();
    count[..4].copy_from_slice(&299u32.to_be_bytes());
    // The last column is the flags' counts (all 0 here): point one at a text
    // that is not there.
    let mut out_of_range = body.clone();
    let n = out_of_range.len();
    out_of_range[n - 1] = 1;
    out_of_range.push(0x7f);
    for (what, b, says) in [
        ("6-byte number", six, "longer than 5 bytes"),
        ("byte left over", left, "left over"),
        ("wrong count", count, ""),
        ("index out of range", out_of_range, "outside the dictionary"),
    ] {
        let e = read_all(&with_block0(&good, &b))
            .expect_err(what)
            .to_string();
        assert!(e.contains("block 0") && e.contains(says), "{what}: {e}");
    }
    // A deflate bomb: the block says 1,000 bytes and inflates to a megabyte.
    let mut bomb = with_block0(&good, &vec![0u8; 1 << 20]);
    let len = u32::from_be_bytes(good[8..12].try_into().unwrap()) as usize;
    bomb[12 + len..12 + len + 4].copy_from_slice(&1000u32.to_be_bytes());
    let e = read_all(&bomb).expect_err("bomb").to_string();
    assert!(e.contains("block 0") && e.contains("inflates"), "{e}");
}

#[test]
fn a_snapshot_of_another_registry_is_refused_at_the_roots() {
    let (reg, key, sref) = county(600, 2);
    let (other, _, _) = county(600, 3);
    let mut w = CompactWriter::start(Vec::new(), &reg, &key, sref).unwrap();
    w.entities(&other.entities).unwrap();
    let bytes = w.finish().unwrap();
    let e = read_all(&bytes).expect_err("other registry").to_string();
    assert!(e.contains("roots") && e.contains("entities"), "{e}");
}

#[test]
fn bytes_after_the_deflate_stream_and_a_text_twice_in_the_dictionary_are_refused() {
    let (reg, key, sref) = county(300, 2);
    let good = write(&reg, &key, &sref, &[0, 300]);
    let len = u32::from_be_bytes(good[8..12].try_into().unwrap()) as usize;
    let block0 = 12 + len;
    let stored0 = u32::from_be_bytes(good[block0 + 4..block0 + 8].try_into().unwrap()) as usize;
    // One byte appended to the stored stream (and its length).
    let mut trailing = good[..block0 + 8 + stored0].to_vec();
    trailing[block0 + 4..block0 + 8].copy_from_slice(&(stored0 as u32 + 1).to_be_bytes());
    trailing.push(0);
    trailing.extend_from_slice(&good[block0 + 8 + stored0..]);
    let e = read_all(&trailing).expect_err("trailing").to_string();
    assert!(e.contains("follow the DEFLATE stream"), "{e}");
    // The dictionary's first text written twice (count + 1).
    let pub_: Vec<PublicEntity> = reg
        .entities
        .iter()
        .map(|e| PublicEntity::of(e, &key))
        .collect();
    let body = block::encode(&pub_).unwrap();
    let d = u32::from_be_bytes(body[4..8].try_into().unwrap());
    let l0 = u32::from_be_bytes(body[8..12].try_into().unwrap()) as usize;
    let mut twice = body[..4].to_vec();
    twice.extend_from_slice(&(d + 1).to_be_bytes());
    twice.extend_from_slice(&body[8..12 + l0]);
    twice.extend_from_slice(&body[8..]);
    let e = read_all(&with_block0(&good, &twice))
        .expect_err("twice")
        .to_string();
    assert!(e.contains("twice"), "{e}");
}

/// Reads every block `n` at a time; the entities and roots, or the error's
/// text.
fn read_by(bytes: &[u8], n: usize) -> Result<(Vec<PublicEntity>, SnapshotRoots), String> {
    let mut r = CompactReader::open(bytes).map_err(|e| e.to_string())?;
    let mut all = Vec::new();
    loop {
        let got = r.next_blocks(n).map_err(|e| e.to_string())?;
        if got.is_empty() {
            break;
        }
        all.extend(got.into_iter().flatten());
    }
    Ok((all, r.finish().map_err(|e| e.to_string())?))
}

/// Guards the blocks read side by side: for a good file and for a byte
/// flipped or the file cut at places across every block, reading several
/// blocks at once gives what reading one at a time gives, the same first
/// error included.
#[test]
fn blocks_read_side_by_side_give_what_one_at_a_time_gives_errors_included() {
    let (reg, key, sref) = county(9000, 5);
    let good = write(&reg, &key, &sref, &[0, 9000]);
    let ix = index_at(&good);
    let mut files = vec![good.clone()];
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = |bound: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % bound as u64) as usize
    };
    for k in 0..30 {
        let mut b = good.clone();
        let at = 12 + next(ix - 12);
        b[at] ^= 1 << next(8);
        files.push(b);
        if k % 3 == 0 {
            files.push(good[..12 + next(ix - 12)].to_vec());
        }
    }
    let mut errors = 0;
    for f in &files {
        let one = read_by(f, 1);
        errors += usize::from(one.is_err());
        for n in [3, 8] {
            assert_eq!(read_by(f, n), one, "{n} blocks at a time");
        }
    }
    assert!(
        errors >= 35,
        "only {errors} of the 40 damaged files were refused"
    );
}

/// Guards the dates of a block written without `format!`: the same text as
/// `{:04}-{:02}-{:02}` for date numbers spread from 0 to past the year
/// 9999.
#[test]
fn a_blocks_dates_read_as_formatted() {
    let mut n = 0u32;
    while n < 120_000_000 {
        let want = format!("{:04}-{:02}-{:02}", n / 10_000, n / 100 % 100, n % 100);
        assert_eq!(date_text(n), want);
        n = n * 3 / 2 + 7;
    }
    for n in [0, 1, 10_101, 99_991_231, 100_000_101, u32::MAX] {
        let want = format!("{:04}-{:02}-{:02}", n / 10_000, n / 100 % 100, n % 100);
        assert_eq!(date_text(n), want);
    }
}
