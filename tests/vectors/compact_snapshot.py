#!/usr/bin/env python3
"""Compact public snapshots, `dualdraw-public-snapshot-v2` (docs/COMMITMENTS.md §9), written from the spec.

Usage:
    python3 compact_snapshot.py to-compact IN.json OUT.ddps [--block-size N]   # a JSON v1 snapshot (§8) -> v2
    python3 compact_snapshot.py lookup FILE.ddps USCC    # §9.4 look-up: trailer, index and one block only;
                                                         # prints a dualdraw-inclusion-v1 proof (§7)
    python3 compact_snapshot.py check FILE.ddps          # the whole file streamed, all four roots and the digest

Reader: Reader(path) reads the magic and the head; Reader.entities() then yields (leaf index, record) block
by block (memory: one block), checking everything §9.4 lists, and leaves the entities root in Reader.root.
A failed check raises verify_proof.Fail (the verifier's failure) naming the block and what differs.
Records are the dicts of the JSON v1 snapshot. Standard library only.
"""

import bisect
import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import reference_draw as rd  # noqa: E402
import verify_json as vj  # noqa: E402
import verify_proof as vpf  # noqa: E402
from compact_block import (Frontier, decode_block, deflate, encode_block, inflate, leaves_of,  # noqa: E402
                           mth_nodes, path_nodes, u32, u64)
from verify_proof import Fail, need, same  # noqa: E402

rc = rd.rc
MAGIC, END = b"DDPSNAP2", b"DDPSEND2"
FORMAT = "dualdraw-public-snapshot-v2"
MAX_HEAD = 256 * 1024 * 1024
MAX_RAW = 64 * 1024 * 1024
ENTRY = 8 + 18 + 32                 # an index entry: offset, first USCC, block root
TRAILER = 8 + 4 + 8


# ---------------------------------------------------------------------------
# §9.2, §9.4 reading the whole file, one block at a time
# ---------------------------------------------------------------------------


def is_compact(path):
    with open(path, "rb") as f:
        return f.read(len(MAGIC)) == MAGIC


class Reader:
    def __init__(self, path):
        self.path, self.root, self.count = path, None, 0
        self.f = open(path, "rb")
        try:
            self.size = os.fstat(self.f.fileno()).st_size
            self.head = self._head()
        except BaseException:
            self.f.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.f.close()

    def _head(self):
        f = self.f
        need(f.read(8) == MAGIC, f"compact snapshot: does not start with {MAGIC.decode()}")
        raw = f.read(4)
        need(len(raw) == 4, "compact snapshot: the file ends before the head's length")
        n = struct.unpack(">I", raw)[0]
        need(n <= MAX_HEAD, f"compact snapshot: head of {n} bytes, more than the {MAX_HEAD} allowed (§9.2)")
        need(12 + n <= self.size,
             f"compact snapshot: head of {n} bytes runs past the end of the file ({self.size} bytes)")
        self.blocks_at = 12 + n
        try:
            return vj.loads_bytes(f.read(n), MAX_HEAD, "compact snapshot head")
        except vj.JsonRefused as e:
            raise Fail(f"compact snapshot head: {e}") from None

    def check_head(self):
        """The head's shape (§9.2); returns (N, block_size)."""
        h = self.head
        need(isinstance(h, dict), "compact snapshot head: not a JSON object")
        same("compact snapshot head format", FORMAT, h.get("format"))
        e = h.get("entities")
        need(isinstance(e, dict), "compact snapshot head: entities is not an object {count, block_size}")
        n, bs = e.get("count"), e.get("block_size")
        need(vpf.is_u64(n), f"compact snapshot head: entities.count {n!r} is not a u64")
        need(vpf.is_u64(bs) and 256 <= bs <= 65536 and bs & (bs - 1) == 0,
             f"compact snapshot head: entities.block_size {bs!r} is not a power of two from 256 to 65536")
        same("compact snapshot entities.count = snapshot.roots.entities.size",
             h["snapshot"]["roots"]["entities"]["size"], n)
        return n, bs

    def entities(self):
        """(leaf index, record) for every entity, block by block; the index and trailer are checked after the
        last block, so a caller must read to the end. Then self.root is the entities root."""
        n_all, bs = self.check_head()
        f, B = self.f, -(-n_all // bs)
        pos, index, frontier, prev = self.blocks_at, [], Frontier(), None
        for i in range(B):
            where = f"compact snapshot block {i} (at byte {pos})"
            need(pos + 8 <= self.size - TRAILER, f"{where}: the file ends before the block (truncated?)")
            f.seek(pos)
            raw_len, stored_len = struct.unpack(">II", f.read(8))
            need(raw_len <= MAX_RAW, f"{where}: raw_len {raw_len} is more than the {MAX_RAW} allowed (§9.2)")
            need(pos + 8 + stored_len <= self.size - TRAILER,
                 f"{where}: stored_len {stored_len} runs past the end of the file ({self.size} bytes; truncated?)")
            recs = decode_block(inflate(f, raw_len, stored_len, where), where)
            want = bs if i < B - 1 else n_all - bs * (B - 1)
            if len(recs) != want:
                raise Fail(f"{where}: holds {len(recs)} entities, not the block size {bs}, and is not the last block"
                           if i < B - 1 else f"{where}: the last block holds {len(recs)} entities; the head's count "
                           f"{n_all} leaves {want} for it", want, len(recs), True)
            for r in recs:
                if prev is not None and not vpf.ub(prev) < vpf.ub(r["uscc"]):
                    raise Fail(f"{where}: USCC {r['uscc']} does not come after {prev} (USCCs strictly increase "
                               f"across the file, §9.2)")
                prev = r["uscc"]
            leaves = leaves_of(recs, where, i * bs)
            root = vpf.mth(leaves)
            frontier.add(len(recs), root)
            index.append((pos, recs[0]["uscc"], root))
            for j, r in enumerate(recs):
                yield i * bs + j, r
            self.count += len(recs)
            pos += 8 + stored_len
        self._end(pos, index)
        self.root = frontier.root()

    def _end(self, pos, index):
        """After the blocks: the index lists what was read, the trailer points at it, the file ends there."""
        f, B = self.f, len(index)
        need(pos + ENTRY * B + TRAILER <= self.size,
             f"compact snapshot: the file ({self.size} bytes) ends before the index and trailer after the last "
             f"block (at byte {pos}; truncated?)")
        f.seek(pos)
        data = f.read(ENTRY * B)
        for i, (off, first, root) in enumerate(index):
            e = data[ENTRY * i:ENTRY * (i + 1)]
            same(f"compact snapshot index entry {i}: offset of block {i}", off, struct.unpack(">Q", e[:8])[0])
            same(f"compact snapshot index entry {i}: first USCC of block {i}", first, e[8:26].decode("latin-1"))
            same(f"compact snapshot index entry {i}: root of block {i}", root.hex(), e[26:].hex())
        t = f.read(TRAILER)
        same("compact snapshot trailer: its end mark", END.decode(), t[12:].decode("latin-1"))
        same("compact snapshot trailer: offset of the index", pos, struct.unpack(">Q", t[:8])[0])
        same("compact snapshot trailer: number of blocks B", B, struct.unpack(">I", t[8:12])[0])
        extra = self.size - (pos + ENTRY * B + TRAILER)
        need(extra == 0, f"compact snapshot: {extra} bytes after the trailer (the file must end with it)")


def read_all(path):
    """(head, every record): for tests and conversions, not for verifying large files."""
    with Reader(path) as r:
        return r.head, [e for _, e in r.entities()], r.root


# ---------------------------------------------------------------------------
# §9.4 one entity: the trailer, the index and one block
# ---------------------------------------------------------------------------


def lookup(path, uscc):
    """The dualdraw-inclusion-v1 proof (§7) of entity `uscc`, or None when the snapshot does not hold it.
    Its path (inside the block, then among the index's block roots) is checked against the head's root."""
    with Reader(path) as r:
        n_all, bs = r.check_head()
        f, size = r.f, r.size
        need(size >= r.blocks_at + TRAILER, "compact snapshot: no room for the trailer (truncated?)")
        f.seek(size - TRAILER)
        t = f.read(TRAILER)
        same("compact snapshot trailer: its end mark (the file's last 8 bytes)", END.decode(), t[12:].decode("latin-1"))
        ioff, B = struct.unpack(">QI", t[:12])
        same("compact snapshot trailer: B (from the head's count and block size)", -(-n_all // bs), B)
        same("compact snapshot trailer: index offset + 58 B + 20 (the file size)", size, ioff + ENTRY * B + TRAILER)
        f.seek(ioff)
        data = f.read(ENTRY * B)
        index = [(struct.unpack(">Q", data[k:k + 8])[0], data[k + 8:k + 26], data[k + 26:k + 58])
                 for k in range(0, ENTRY * B, ENTRY)]
        snap = r.head["snapshot"]
        rt = {k: (vpf.hexhash(f"snapshot.roots.{k}.hash", snap["roots"][k]["hash"]), snap["roots"][k]["size"])
              for k in ("items", "entities", "officers", "recusals")}
        same("compact snapshot head: digest (from its roots)", rc.snapshot_digest(rt).hex(), snap["digest"])
        eroot = rt["entities"][0]
        need(mth_nodes([x[2] for x in index]) == eroot,
             "compact snapshot index: its block roots do not give the head's entities root")
        firsts = [x[1] for x in index]
        need(all(a < b for a, b in zip(firsts, firsts[1:])), "compact snapshot index: first USCCs not increasing")
        i = bisect.bisect_right(firsts, vpf.ub(uscc)) - 1
        if i < 0:
            return None
        off = index[i][0]
        end = index[i + 1][0] if i + 1 < B else ioff
        where = f"compact snapshot block {i} (at byte {off})"
        need(r.blocks_at <= off and off + 8 <= end <= ioff, f"{where}: the index's offsets are not in order")
        f.seek(off)
        raw_len, stored_len = struct.unpack(">II", f.read(8))
        need(raw_len <= MAX_RAW, f"{where}: raw_len {raw_len} is more than the {MAX_RAW} allowed (§9.2)")
        same(f"{where}: stored_len (from the index's offsets)", end - off - 8, stored_len)
        recs = decode_block(inflate(f, raw_len, stored_len, where), where)
        same(f"{where}: number of entities", bs if i < B - 1 else n_all - bs * (B - 1), len(recs))
        same(f"{where}: first USCC (the index's)", firsts[i].decode("latin-1"), recs[0]["uscc"])
        usccs = [vpf.ub(x["uscc"]) for x in recs]
        need(all(a < b for a, b in zip(usccs, usccs[1:])), f"{where}: USCCs not strictly increasing")
        hs = [rc.leaf_hash(x) for x in leaves_of(recs, where, i * bs)]
        same(f"{where}: root of its leaves (the index's)", index[i][2].hex(), mth_nodes(hs).hex())
        j = bisect.bisect_left(usccs, vpf.ub(uscc))
        if j == len(recs) or usccs[j] != vpf.ub(uscc):
            return None
        path = path_nodes(j, hs) + path_nodes(i, [x[2] for x in index])
        need(rc.verify_inclusion(i * bs + j, n_all, hs[j], path, eroot),
             f"{uscc}: its path does not lead to the head's entities root")
        return {"format": "dualdraw-inclusion-v1", "snapshot": snap, "registry": "entities", "record": recs[j],
                "index": i * bs + j, "path": [h.hex() for h in path]}


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def block_of(recs):
    """(raw, first USCC as bytes, block root) of one block."""
    return encode_block(recs), recs[0]["uscc"].encode("ascii"), vpf.mth([vpf.entity_leaf(x) for x in recs])


def write_file(out_path, head, blocks, compress=deflate):
    """Writes magic, head, each block (raw, first USCC, root) deflated, the index and the trailer."""
    hb = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with open(out_path, "wb") as f:
        f.write(MAGIC + u32(len(hb)) + hb)
        index = []
        for raw, first, root in blocks:
            off = f.tell()
            stored = compress(raw)
            f.write(u32(len(raw)) + u32(len(stored)) + stored)
            index.append(u64(off) + first + root)
        ioff = f.tell()
        f.write(b"".join(index) + u64(ioff) + u32(len(index)) + END)


def head_of(snap, block_size):
    return {"format": FORMAT, "snapshot": snap["snapshot"], "items": snap["items"], "officers": snap["officers"],
            "recusals": snap["recusals"], "entities": {"count": len(snap["entities"]), "block_size": block_size}}


def to_compact(json_v1_snapshot_path, out_path, block_size=4096):
    """Converts a JSON v1 public snapshot (§8) into the compact v2 file (§9)."""
    need(256 <= block_size <= 65536 and block_size & (block_size - 1) == 0,
         f"block size {block_size}: not a power of two from 256 to 65536 (§9.2)")
    snap = vj.load_path(json_v1_snapshot_path, vj.MAX_SNAPSHOT, "public snapshot")
    same("public snapshot format", "dualdraw-public-snapshot-v1", snap.get("format"))
    ents = snap["entities"]
    write_file(out_path, head_of(snap, block_size),
               (block_of(ents[k:k + block_size]) for k in range(0, len(ents), block_size)))


def main(argv):
    try:
        if len(argv) in (3, 5) and argv[0] == "to-compact" and (len(argv) == 3 or argv[3] == "--block-size"):
            to_compact(argv[1], argv[2], int(argv[4]) if len(argv) == 5 else 4096)
            print(f"wrote {argv[2]} ({os.path.getsize(argv[2])} bytes)")
            return 0
        if len(argv) == 3 and argv[0] == "lookup":
            proof = lookup(argv[1], argv[2])
            if proof is None:
                print(f"{argv[2]} is not in {argv[1]}", file=sys.stderr)
                return 1
            print(json.dumps(proof, ensure_ascii=False, indent=2))
            print(f"leaf {proof['index']}: its path leads to the head's entities root", file=sys.stderr)
            return 0
        if len(argv) == 2 and argv[0] == "check":
            import verify_public as vp
            with Reader(argv[1]) as r:
                vp.check_compact(r)
                print(f"{argv[1]}: consistent ({r.count} entities, digest {r.head['snapshot']['digest']})")
            return 0
    except Fail as e:
        extra = f" (expected {e.expected!r}, got {e.got!r})" if e.has_values else ""
        print(f"refused: {e.message}{extra}", file=sys.stderr)
        return 1
    except (vj.JsonRefused, rd.InvalidInput, KeyError, TypeError, ValueError) as e:
        print(f"refused: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"cannot read or write: {e}", file=sys.stderr)
        return 2
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    import compact_snapshot                      # one copy of the module (as verify_proof.py does)
    sys.exit(compact_snapshot.main(sys.argv[1:]))

