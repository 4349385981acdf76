"""Compact public snapshots (docs/COMMITMENTS.md §9): the primitives of §9.1 and one block's columns (§9.3).

decode_block / encode_block turn an inflated block into records (the dicts of the JSON v1 snapshot, §8) and
back; inflate reads a block's stored bytes and inflates them with a bound; the Merkle helpers build a root
from block roots (Frontier, streaming) and a path among them (path_nodes). compact_snapshot.py holds the
file (§9.2, §9.4). A failed check raises verify_proof.Fail naming the block. Standard library only.
"""

import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import reference_draw as rd  # noqa: E402
import verify_proof as vpf  # noqa: E402
from verify_proof import Fail, need, same  # noqa: E402

rc = rd.rc
CHUNK = 1 << 20                     # stored bytes are read and inflated this much at a time
FIELDS = ("uscc", "name", "kind", "categories", "industry", "region", "township", "status", "established",
          "flags", "credit_class_commitment")


def u32(n):
    return struct.pack(">I", n)


def u64(n):
    return struct.pack(">Q", n)


# ---------------------------------------------------------------------------
# §9.1 primitives, Merkle helpers
# ---------------------------------------------------------------------------


def uv(n):
    if not 0 <= n < 1 << 32:
        raise Fail(f"uv({n}): outside 0 .. 2^32 - 1")
    out = bytearray()
    while n >= 0x80:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def date_number(d):
    return 0 if d is None else int(d[:4]) * 10000 + int(d[5:7]) * 100 + int(d[8:10])


def node(left, right):
    return rc.sha256(b"\x01" + left + right)


def mth_nodes(hs):
    """The RFC 6962 root over nodes already hashed (leaf hashes, or block roots: §9.2)."""
    if not hs:
        return rc.sha256(b"")
    level = list(hs)
    while len(level) > 1:
        nxt = [node(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        level = nxt + [level[-1]] if len(level) % 2 else nxt
    return level[0]


def path_nodes(m, hs):
    """RFC 9162 §2.1.3.1 PATH(m, ·) over nodes already hashed, leaf level first."""
    if len(hs) <= 1:
        return []
    k = rc.split_point(len(hs))
    if m < k:
        return path_nodes(m, hs[:k]) + [mth_nodes(hs[k:])]
    return path_nodes(m - k, hs[k:]) + [mth_nodes(hs[:k])]


class Frontier:
    """An RFC 6962 root built left to right from aligned complete subtrees (power-of-two sizes), then at
    most one smaller last subtree; it holds one hash per bit of the size, not the leaves."""

    def __init__(self):
        self.stack = []                                  # (size, hash), sizes decreasing

    def add(self, size, h):
        self.stack.append((size, h))
        while len(self.stack) > 1 and self.stack[-2][0] == self.stack[-1][0]:
            (s, left), (_, right) = self.stack[-2:]
            self.stack[-2:] = [(2 * s, node(left, right))]

    def root(self):
        if not self.stack:
            return rc.sha256(b"")
        acc = self.stack[-1][1]
        for _, h in reversed(self.stack[:-1]):
            acc = node(h, acc)
        return acc


# ---------------------------------------------------------------------------
# §9.3 a block's columns
# ---------------------------------------------------------------------------


class Columns:
    """A cursor over an inflated block; every read says which column ends early."""

    def __init__(self, data, where):
        self.data, self.pos, self.where = data, 0, where

    def take(self, k, what):
        p = self.pos
        if p + k > len(self.data):
            raise Fail(f"{self.where}: the {what} column ends early (needs {k} bytes at byte {p} of "
                       f"{len(self.data)})")
        self.pos = p + k
        return self.data[p:p + k]

    def u32(self, what):
        return struct.unpack(">I", self.take(4, what))[0]

    def uv(self, what):
        data, p = self.data, self.pos
        if p < len(data) and data[p] < 0x80:              # the common one-byte case
            self.pos = p + 1
            return data[p]
        n = shift = 0
        for i in range(5):
            if p + i >= len(data):
                raise Fail(f"{self.where}: the {what} column ends early (inside a uv at byte {p})")
            b = data[p + i]
            n |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                if n >= 1 << 32:
                    raise Fail(f"{self.where}: {what}: uv at byte {p} is {n}, not below 2^32 (§9.1)")
                self.pos = p + i + 1
                return n
        raise Fail(f"{self.where}: {what}: uv at byte {p} is longer than 5 bytes (§9.1)")

    def text(self, raw, what):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise Fail(f"{self.where}: {what} is not UTF-8 ({e})") from None


def decode_block(data, where):
    """The records of one inflated block (§9.3), in order; the columns must fill it exactly."""
    c = Columns(data, where)
    n = c.u32("count")
    need(n > 0, f"{where}: holds no entity (no block is empty, §9.2)")
    d = c.u32("dictionary")
    words = [c.text(c.take(c.u32("dictionary"), "dictionary"), f"dictionary text {i}") for i in range(d)]
    need(len(set(words)) == d, f"{where}: the dictionary's texts are not distinct (§9.3)")
    raw_u = c.take(18 * n, "USCC")
    try:
        usccs = [raw_u[18 * j:18 * j + 18].decode("ascii") for j in range(n)]
    except UnicodeDecodeError:
        raise Fail(f"{where}: a USCC is not ASCII") from None
    coms = c.take(32 * n, "credit_class_commitment")
    recs = [{"uscc": u, "credit_class_commitment": coms[32 * j:32 * j + 32].hex()} for j, u in enumerate(usccs)]

    def word(i, j, col, base=0):
        if not base <= i < d + base:
            raise Fail(f"{where}: entity {j} ({usccs[j]}) {col}: dictionary index {i - base} out of range "
                       f"(the dictionary holds {d} texts)")
        return words[i - base]

    for j, r in enumerate(recs):
        r["name"] = c.text(c.take(c.uv("name"), "name"), "a name")
    for col in ("kind", "categories", "industry", "region", "township", "status", "established", "flags"):
        for j, r in enumerate(recs):
            if col in ("categories", "flags"):
                r[col] = [word(c.uv(col), j, col) for _ in range(c.uv(col))]
            elif col == "township":
                i = c.uv(col)
                r[col] = None if i == 0 else word(i, j, col, 1)
            elif col == "established":
                v = c.uv(col)
                if v >= 10000_00_00:
                    raise Fail(f"{where}: entity {j} ({usccs[j]}) established: {v} is not a date of a "
                               f"four-digit year (§9.1)")
                r[col] = None if v == 0 else f"{v // 10000:04d}-{v // 100 % 100:02d}-{v % 100:02d}"
            else:
                r[col] = word(c.uv(col), j, col)
    need(c.pos == len(data), f"{where}: {len(data) - c.pos} bytes left over after the last column (§9.3)")
    return [{k: r[k] for k in FIELDS} for r in recs]


def encode_block(recs):
    """The raw (not yet deflated) bytes of a block (§9.3); dictionary texts in first-use order."""
    words, index = [], {}

    def w(s, base=0):
        if s is None:
            return uv(0)
        if s not in index:
            index[s] = len(words)
            words.append(s)
        return uv(index[s] + base)

    def lst(xs):
        return uv(len(xs)) + b"".join(w(x) for x in xs)

    cols = [b"".join(r["uscc"].encode("ascii") for r in recs),
            b"".join(bytes.fromhex(r["credit_class_commitment"]) for r in recs),
            b"".join(uv(len(r["name"].encode())) + r["name"].encode() for r in recs)]
    cols += [b"".join(w(r["kind"]) for r in recs), b"".join(lst(r["categories"]) for r in recs),
             b"".join(w(r["industry"]) for r in recs), b"".join(w(r["region"]) for r in recs),
             b"".join(w(r["township"], 1) for r in recs), b"".join(w(r["status"]) for r in recs),
             b"".join(uv(date_number(r["established"])) for r in recs), b"".join(lst(r["flags"]) for r in recs)]
    return u32(len(recs)) + u32(len(words)) + b"".join(rc.lp(s) for s in words) + b"".join(cols)


def leaves_of(recs, where, first_index=0):
    """Each record's entity leaf (§4, with its validity rules)."""
    out = []
    for j, r in enumerate(recs):
        try:
            out.append(vpf.entity_leaf(r))
        except rd.InvalidInput as e:
            raise Fail(f"{where}: entity {j} (leaf {first_index + j}, {r['uscc']}) is not a valid leaf (§4): "
                       f"{e}") from None
    return out


def inflate(f, raw_len, stored_len, where):
    """Reads stored_len bytes from f and inflates them (raw DEFLATE), never producing more than raw_len + 1
    bytes: a block that inflates past its raw_len is refused as soon as it does."""
    d = zlib.decompressobj(-15)
    parts, got, left = [], 0, stored_len
    while left:
        chunk = f.read(min(left, CHUNK))
        need(chunk, f"{where}: the file ends inside the block's stored bytes")
        left -= len(chunk)
        try:
            out = d.decompress(chunk, raw_len + 1 - got)
        except zlib.error as e:
            raise Fail(f"{where}: its stored bytes are not raw DEFLATE ({e})") from None
        got += len(out)
        need(got <= raw_len, f"{where}: inflates to more than its raw_len of {raw_len} bytes")
        parts.append(out)
        need(not d.eof or (left == 0 and not d.unused_data), f"{where}: stored bytes after the DEFLATE stream's end")
    need(d.eof, f"{where}: its stored bytes are not a complete DEFLATE stream")
    same(f"{where}: raw_len (the size it inflates to)", raw_len, got)
    return b"".join(parts)


def deflate(raw, level=9):
    """Raw DEFLATE (any compressor will do: only what the bytes inflate to is fixed, §9.1)."""
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(raw) + c.flush()
