#!/usr/bin/env python3
"""Self-tests of the compact public snapshot (COMMITMENTS.md §9): compact_snapshot.py, compact_block.py and
the streamed public level of verify_public.py. Run by `verify_proof.py --self-test`, or alone:
    python3 compact_selftest.py

- round trips JSON v1 -> v2 -> records, on synthetic snapshots (0 .. 1297 entities, 256 per block: empty,
  one partial block, full last blocks, 6 blocks) and on the RC-1 draw's snapshot (web/test/fixtures);
  the entities root from the block roots (a frontier) = the root over all leaves;
- the verdict of verify_proof.py for a v2 snapshot = the verdict for the v1 one: the RC-1 draw (consistent),
  the same draw forged (cross_stratum fails) and a snapshot with one name changed (public_snapshot fails);
  the streamed pool tally = the pool of the v1 path;
- the look-up of §9.4: every entity's path verifies and equals the reference audit path; absent USCCs;
- refusals with the message naming what differs: a flipped byte in a block, a wrong index root, offset or
  first USCC, a wrong trailer (end mark, B, offset), a truncated file, an extra byte, a block of n !=
  block_size not last, USCCs not increasing across blocks, a dictionary index out of range, a 6-byte uv,
  a uv of 2^32, bytes left over, raw_len not what it inflates to, a zip bomb (a small raw_len, 256 MiB of
  zeros: stopped at raw_len + 1 bytes, memory bounded), a head length over 256 MiB; a tampered index or
  block in a look-up.
"""

import copy
import gzip
import json
import os
import random
import resource
import struct
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import compact_block as cb  # noqa: E402
import compact_snapshot as cs  # noqa: E402
import reference_draw as rd  # noqa: E402
import verify_proof as vpf  # noqa: E402
import verify_public as vpu  # noqa: E402

rc = rd.rc
FIX = os.path.join(HERE, "..", "..", "web", "test", "fixtures")
ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
BS = 256


def synthetic(n, seed=1):
    """A JSON v1 public snapshot of n valid entities (no items, officers or recusals)."""
    rng = random.Random(seed)
    usccs = sorted({"9152" + "".join(rng.choice(ALPHA) for _ in range(14)) for _ in range(n * 2)})[:n]
    cats, flags = ["食品销售经营者", "民办学校", "旅游市场", "特种设备"], ["重点监管", "风险", "x"]
    ents = []
    for i, u in enumerate(usccs):
        y = rng.choice([None, 999, 1987, 2024])
        ents.append({
            "uscc": u, "name": "" if i == 3 else ("长" * 60 if i % 50 == 7 else f"企业{i}号"),
            "kind": rng.choice(sorted(rc.ENTITY_KINDS)), "categories": sorted(rng.sample(cats, rng.randint(0, 2))),
            "industry": rng.choice(["批发和零售业", "教育"]), "region": rng.choice(["520123", "520124"]),
            "township": rng.choice([None, "城关镇", "龙岗镇"]), "status": rng.choice(sorted(rc.ENTITY_STATUSES)),
            "established": None if y is None else f"{y:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "flags": sorted(rng.sample(flags, rng.randint(0, 2))), "credit_class_commitment": rng.randbytes(32).hex()})
    ents = [{k: e[k] for k in cb.FIELDS} for e in ents]
    empty = rc.sha256(b"")
    rt = {"items": (empty, 0), "officers": (empty, 0), "recusals": (empty, 0),
          "entities": (rc.mth([vpf.entity_leaf(e) for e in ents]), n)}
    roots = {k: {"hash": h.hex(), "size": s} for k, (h, s) in rt.items()}
    return {"format": "dualdraw-public-snapshot-v1",
            "snapshot": {"id": 1, "digest": rc.snapshot_digest(rt).hex(), "roots": roots},
            "items": [], "entities": ents, "officers": [], "recusals": []}


def dump(tmp, name, obj):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False)
    return path


def assemble(path, head, parts):
    """A compact file from (raw_len, stored, first USCC, root) per block: any of them may lie."""
    hb = json.dumps(head, ensure_ascii=False).encode()
    out = bytearray(cs.MAGIC + cb.u32(len(hb)) + hb)
    index = b""
    for raw_len, stored, first, root in parts:
        index += cb.u64(len(out)) + first + root
        out += cb.u32(raw_len) + cb.u32(len(stored)) + stored
    out += index + cb.u64(len(out)) + cb.u32(len(parts)) + cs.END
    with open(path, "wb") as f:
        f.write(out)
    return path


def refusal(fn, *args):
    """The message of the Fail that fn raises, or None."""
    try:
        fn(*args)
        return None
    except vpf.Fail as e:
        return e.message + (f" (expected {e.expected!r}, got {e.got!r})" if e.has_values else "")


def read_check(path):
    with cs.Reader(path) as r:
        vpu.check_compact(r)


def run(ok, tmp):
    # -- round trips -------------------------------------------------------------------------------------
    snaps = {}
    for n in (0, 1, 200, 256, 257, 512, 1297):
        snap = synthetic(n, seed=n)
        src, dst = dump(tmp, f"s{n}.json", snap), os.path.join(tmp, f"s{n}.ddps")
        cs.to_compact(src, dst, BS)
        head, recs, root = cs.read_all(dst)
        ok(f"v1 -> v2 -> records: {n} entities, {-(-n // BS)} blocks of {BS}: the same records",
           recs == snap["entities"] and head["entities"] == {"count": n, "block_size": BS})
        ok(f"  {n} entities: the entities root from the block roots = the root over all leaves",
           root.hex() == snap["snapshot"]["roots"]["entities"]["hash"])
        ok(f"  {n} entities: the whole file checks (four roots, digest)", refusal(read_check, dst) is None,
           refusal(read_check, dst))
        snaps[n] = (snap, dst)
    dates = {e["established"] for e in snaps[1297][0]["entities"]}
    ok("a year below 1000 is written back with four digits", any(d and d.startswith("0999-") for d in dates))

    # -- look-up ---------------------------------------------------------------------------------------
    snap, path = snaps[1297]
    ents = snap["entities"]
    leaves = [vpf.entity_leaf(e) for e in ents]
    root = bytes.fromhex(snap["snapshot"]["roots"]["entities"]["hash"])
    bad = []
    picks = sorted({i for i in range(0, len(ents), 5)} | {b * BS + d for b in range(6) for d in (-1, 0, 1)}
                   | {len(ents) - 1})
    for i in (i for i in picks if 0 <= i < len(ents)):
        e = ents[i]
        p = cs.lookup(path, e["uscc"])
        hs = [bytes.fromhex(h) for h in p["path"]]
        lh = rc.leaf_hash(leaves[i])
        if (p["index"] != i or p["record"] != e or not rc.verify_inclusion(i, len(ents), lh, hs, root)
                or (i % 20 == 0 and hs != rc.audit_path(i, leaves))):
            bad.append(i)
    ok(f"look-up: {len(picks)} of 1297 entities (6 blocks; every 5th, each block's edges) are found with a path "
       "that verifies (= the reference audit path)", not bad, str(bad[:5]))
    have = {e["uscc"] for e in ents}
    absent = [u for u in ("0" * 18, ents[300]["uscc"][:-1] + "0", ents[BS]["uscc"][:-1] + "0",
                          ents[-1]["uscc"][:-1] + "Y", "Y" * 18) if u not in have]
    ok(f"look-up: {len(absent)} absent USCCs (before the first, between, at a block's start, after the last) "
       "are not found", len(absent) >= 4 and all(cs.lookup(path, u) is None for u in absent), str(absent))
    data = open(path, "rb").read()
    ioff, B = struct.unpack(">QI", data[-20:-8])

    def patched(name, at, new):
        p = os.path.join(tmp, name)
        with open(p, "wb") as f:
            f.write(data[:at] + new + data[at + len(new):])
        return p
    target = ents[300]["uscc"]                                    # in block 1
    for name, i in (("a sibling block", 4), ("the entity's own block", 1)):
        at = ioff + cs.ENTRY * i + 26
        p = patched(f"idxroot{i}.ddps", at, bytes([data[at] ^ 1]))
        m = refusal(cs.lookup, p, target)
        ok(f"look-up: an index root of {name} changed is refused", m and "entities root" in m, m)
        m = refusal(read_check, p)
        ok(f"whole file: the index root of block {i} changed is refused, naming it",
           m and f"index entry {i}: root of block {i}" in m, m)
    at = ioff + cs.ENTRY * 1 + 7
    p = patched("idxoff.ddps", at, bytes([data[at] ^ 1]))
    m = refusal(cs.lookup, p, target)
    ok("look-up: block 1's offset in the index changed is refused", m is not None, m)
    m = refusal(read_check, p)
    ok("whole file: block 1's offset in the index changed is refused", m and "offset of block 1" in m, m)
    at = ioff + cs.ENTRY * 2 + 8
    p = patched("idxfirst.ddps", at, b"0")
    m = refusal(read_check, p)
    ok("whole file: block 2's first USCC in the index changed is refused", m and "first USCC of block 2" in m, m)
    at = struct.unpack(">Q", data[ioff + cs.ENTRY * 2:ioff + cs.ENTRY * 2 + 8])[0] + 8 + 40
    p = patched("flip2.ddps", at, bytes([data[at] ^ 0x10]))
    m = refusal(read_check, p)
    ok("whole file: a byte flipped in block 2's stored bytes is refused, naming block 2",
       m and "block 2 " in m, m)
    m = refusal(cs.lookup, p, ents[2 * BS + 5]["uscc"])
    ok("look-up: the same flipped byte is refused", m and "block 2 " in m, m)

    # -- the trailer, truncation, extra bytes ---------------------------------------------------------
    n = len(data)
    cases = [("the end mark", patched("end.ddps", n - 1, b"3"), "end mark"),
             ("B", patched("b.ddps", n - 12, cb.u32(B + 1)), "number of blocks B"),
             ("the index offset", patched("ioff.ddps", n - 20, cb.u64(ioff - 1)), "offset of the index")]
    for what, p, want in cases:
        m = refusal(read_check, p)
        ok(f"trailer: {what} changed is refused", m and want in m, m)
        ok(f"  look-up refuses it too", refusal(cs.lookup, p, target) is not None)
    blocks_at = 12 + struct.unpack(">I", data[8:12])[0]
    for name, cut in (("the last byte", n - 1), ("in the middle of block 1", (ioff // 4)),
                      ("inside the head", 40), ("inside block 0's header", blocks_at + 3)):
        p = os.path.join(tmp, "cut.ddps")
        with open(p, "wb") as f:
            f.write(data[:cut])
        m = refusal(read_check, p)
        ok(f"truncated ({name}) is refused", m is not None and ("truncated" in m or "past the end" in m), m)
    p = os.path.join(tmp, "extra.ddps")
    with open(p, "wb") as f:
        f.write(data + b"\x00")
    m = refusal(read_check, p)
    ok("an extra byte after the trailer is refused", m and "1 bytes after the trailer" in m, m)
    ok("  look-up refuses it (the last 8 bytes are not the end mark)", refusal(cs.lookup, p, target) is not None)

    # -- blocks made wrong on purpose -------------------------------------------------------------------
    snap, _ = snaps[512]
    ents, head = snap["entities"], cs.head_of(snap, BS)

    def part(recs, raw=None, stored=None, raw_len=None):
        r, first, root = cs.block_of(recs)
        raw = r if raw is None else raw
        stored = cb.deflate(raw) if stored is None else stored
        return (len(raw) if raw_len is None else raw_len), stored, first, root

    def refused_file(name, parts, want, h=head):
        m = refusal(read_check, assemble(os.path.join(tmp, name + ".ddps"), h, parts))
        ok(f"refused: {name}", m is not None and all(w in m for w in want), m)
    refused_file("a first block of 255 entities (n != block_size, not the last)",
                 [part(ents[:255]), part(ents[255:])], ["block 0 ", "holds 255 entities", "not the last"])
    refused_file("USCCs not increasing across blocks", [part(ents[256:]), part(ents[:256])],
                 ["block 1 ", "does not come after"])
    raw = cb.encode_block(ents[:256])
    d = struct.unpack(">I", raw[4:8])[0]
    pos = 8                                                       # the dictionary's texts
    for _ in range(d):
        pos += 4 + struct.unpack(">I", raw[pos:pos + 4])[0]
    names = pos + 50 * 256                                        # the name column
    kinds = names
    for e in ents[:256]:
        kinds += len(cb.uv(len(e["name"].encode()))) + len(e["name"].encode())
    assert raw[kinds] < 0x80 and d < 0x80
    refused_file("a dictionary index out of range",
                 [part(ents[:256], raw[:kinds] + bytes([d]) + raw[kinds + 1:]), part(ents[256:])],
                 ["block 0 ", f"dictionary index {d} out of range"])
    ln = len(ents[0]["name"].encode())
    six = bytes([ln | 0x80, 0x80, 0x80, 0x80, 0x80, 0x00])
    refused_file("a 6-byte uv", [part(ents[:256], raw[:names] + six + raw[names + 1:]), part(ents[256:])],
                 ["block 0 ", "longer than 5 bytes"])
    refused_file("a uv of 2^32", [part(ents[:256], raw[:names] + b"\x80\x80\x80\x80\x10" + raw[names + 1:]),
                                  part(ents[256:])], ["block 0 ", "not below 2^32"])
    five = bytes([ln | 0x80, 0x80, 0x80, 0x80, 0x00])
    p = assemble(os.path.join(tmp, "five.ddps"), head,
                 [part(ents[:256], raw[:names] + five + raw[names + 1:]), part(ents[256:])])
    ok("a 5-byte uv below 2^32 (not the shortest form) is read (§9.1 refuses only > 5 bytes or >= 2^32)",
       refusal(read_check, p) is None, refusal(read_check, p))
    refused_file("a byte left over after the columns", [part(ents[:256], raw + b"\x00"), part(ents[256:])],
                 ["block 0 ", "1 bytes left over"])
    refused_file("raw_len larger than what the block inflates to", [part(ents[:256]), part(ents[256:], raw_len=len(
        cs.block_of(ents[256:])[0]) + 1)], ["block 1 ", "raw_len"])
    refused_file("stored bytes after the DEFLATE stream", [part(ents[:256], stored=cb.deflate(raw) + b"\x00"),
                                                           part(ents[256:])], ["block 0 ", "after the DEFLATE"])
    refused_file("raw_len over 64 MiB", [part(ents[:256], raw_len=cs.MAX_RAW + 1), part(ents[256:])],
                 ["block 0 ", "more than the 67108864 allowed"])
    h2 = copy.deepcopy(head)
    h2["entities"]["count"] = 511
    refused_file("the head's count != roots.entities.size", [part(ents[:256]), part(ents[256:])],
                 ["entities.count"], h2)
    h2["entities"] = {"count": 512, "block_size": 100}
    refused_file("a block size not a power of two", [part(ents[:256]), part(ents[256:])], ["block_size"], h2)

    # the zip bomb: block 0 declares its true raw_len, its stored bytes inflate to 256 MiB of zeros more
    c = zlib.compressobj(1, zlib.DEFLATED, -15)
    bomb = c.compress(raw) + b"".join(c.compress(bytes(1 << 20)) for _ in range(256)) + c.flush()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    refused_file(f"a zip bomb ({len(bomb)} stored bytes, raw_len {len(raw)}, inflating to 256 MiB more)",
                 [part(ents[:256], stored=bomb), part(ents[256:])], ["block 0 ", "more than its raw_len"])
    grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak
    ok("  the bomb is stopped at raw_len + 1 bytes (peak memory grew by < 32 MiB)", grew < 32 * 1024, f"{grew} KiB")

    p = os.path.join(tmp, "bighead.ddps")
    with open(p, "wb") as f:
        f.write(cs.MAGIC + cb.u32(cs.MAX_HEAD + 1) + b"{}")
    m = refusal(cs.Reader, p)
    ok("a head length of 256 MiB + 1 is refused before reading", m and "268435457 bytes, more than" in m, m)
    with open(p, "wb") as f:
        f.write(cs.MAGIC + cb.u32(1000) + b"{}")
    m = refusal(cs.Reader, p)
    ok("a head length past the end of the file is refused", m and "past the end" in m, m)

    # -- verdicts: v2 = v1 --------------------------------------------------------------------------------
    proof = os.path.join(FIX, "rc-1-fractional-instant.json")
    snap_gz = os.path.join(FIX, "rc-1-public-snapshot.json.gz")
    if not (os.path.exists(proof) and os.path.exists(snap_gz)):
        ok("the RC-1 fixture (web/test/fixtures) is present", False, FIX)
        return
    v1 = os.path.join(tmp, "rc1.json")
    with gzip.open(snap_gz) as f, open(v1, "wb") as g:
        g.write(f.read())
    snap = json.load(open(v1, encoding="utf-8"))
    import verify_selftest as vs
    forged = vs.forge(proof, v1, tmp)[0]
    changed = copy.deepcopy(snap)
    changed["entities"][5]["name"] += "x"
    v1c = dump(tmp, "rc1-changed.json", changed)
    for label, pf, src, want in (("RC-1", proof, v1, []), ("RC-1 forged", forged, v1, ["cross_stratum"]),
                                 ("RC-1 with one name changed", proof, v1c, ["public_snapshot"])):
        j1 = vpf.verify(pf, src)[0].to_json()
        for bs in (256, 4096):
            v2 = os.path.join(tmp, f"rc1-{bs}.ddps")
            cs.to_compact(src, v2, bs)
            j2 = vpf.verify(pf, v2)[0].to_json()
            ok(f"verdict {label}, v2 in blocks of {bs} = v1 (failed {want})", j1 == j2 and j1["failed"] == want,
               json.dumps([j1["errors"], j2["errors"]], ensure_ascii=False)[:400])
    pr = json.load(open(proof, encoding="utf-8"))
    cx = {}
    for cid, fn in vpf.LIGHT:
        fn(pr, cx, []) if cid == "beacon" else fn(pr, cx)
    vpu.c_public_snapshot(pr, snap, cx)
    vpu.c_pool(pr, cx)
    off = int.from_bytes(rd.start_offset(*rd.start_of(cx["camp"])), "big")
    entries = vpu.pool_entries(cx["pool"], cx["prn_seed"], off, cx["dty"])
    cs.to_compact(v1, os.path.join(tmp, "rc1-tally.ddps"), BS)
    with cs.Reader(os.path.join(tmp, "rc1-tally.ddps")) as r:
        vpu.c_public_snapshot_compact(pr, r, cx)
    t = cx["tally"]
    keys = sorted(t.tkeys)
    want = [[0, 0] for _ in range(len(keys) + 1)]
    for k, u, in_dty in entries:
        if u not in t.targets:
            want[sum(1 for x in keys if x < k)][1 if t.low_risk and in_dty else 0] += 1
    ok("the streamed tally = the v1 pool (size, targets found, gaps between target keys)",
       t.size == len(cx["pool"]) and t.in_pool == t.targets and t.gaps == want, f"{t.size} {len(cx['pool'])}")


def main():
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        run(lambda what, cond, detail="": results.append((what, bool(cond), detail)), tmp)
    bad = [r for r in results if not r[1]]
    for what, good, detail in results:
        print(f"{'ok  ' if good else 'FAIL'} {what}" + ("" if good else f": {detail}"))
    print(f"compact_selftest: {len(results) - len(bad)} of {len(results)} passed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
