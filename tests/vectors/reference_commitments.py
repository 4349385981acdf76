#!/usr/bin/env python3
"""Independent reference implementation of docs/COMMITMENTS.md (dualdraw-leaf-v1).

Written from the document alone (not from the Rust code), so that the known answers in
commitments-v1.json check the Rust implementation independently.

Usage:
    python3 reference_commitments.py           # recompute and compare with the file's "expected"
    python3 reference_commitments.py --write   # (re)fill "expected" in commitments-v1.json

Standard library only. The shape of "expected" is:

    {
      "items":    {"leaves": [hex...], "leaf_hashes": [hex...], "root": hex, "size": n},
      "entities": {"leaves": [...], "leaf_hashes": [...], "root": hex, "size": n,
                   "credit_class": {USCC: {"salt": hex, "commitment": hex}, ...}},
      "officers": {"leaves": [...], "leaf_hashes": [...], "root": hex, "size": n},
      "recusals": {"leaves": [...], "leaf_hashes": [...], "root": hex, "size": n,
                   "commitments": [{"officer_id", "uscc", "pair_salt", "pair_commitment",
                                    "reason_salt", "reason_commitment"}, ...]   # canonical (leaf) order
                  },
      "snapshot_digest": hex,
      "merkle_large": {"size": n, "root": hex, "audit_paths": {"0": [hex...], "500": [...], "1000": [...]}},
      "ct_roots": [hex for sizes 0..=8]
    }
"""

import hashlib
import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "commitments-v1.json")

# ---------------------------------------------------------------------------
# §1 Primitives
# ---------------------------------------------------------------------------


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def u32be(n: int) -> bytes:
    return struct.pack(">I", n)


def u64be(n: int) -> bytes:
    return struct.pack(">Q", n)


def as_bytes(x) -> bytes:
    """A text is its UTF-8 bytes (no normalisation); raw bytes stay as they are."""
    if isinstance(x, str):
        return x.encode("utf-8")
    if isinstance(x, (bytes, bytearray)):
        return bytes(x)
    raise TypeError(f"lp() needs text or bytes, got {type(x).__name__}: {x!r}")


def lp(x) -> bytes:
    b = as_bytes(x)
    if len(b) > 0xFFFFFFFF:
        raise ValueError("value too long for u32 length prefix")
    return u32be(len(b)) + b


def lst(xs) -> bytes:
    return u32be(len(xs)) + b"".join(lp(x) for x in xs)


def opt(x) -> bytes:
    return b"\x00" if x is None else b"\x01" + lp(x)


def raw(h: bytes) -> bytes:
    if len(h) != 32:
        raise ValueError("raw() needs a 32-byte hash")
    return h


# ---------------------------------------------------------------------------
# Validation (the spec says invalid leaves are refused, never fixed)
# ---------------------------------------------------------------------------


class InvalidInput(ValueError):
    pass


def require_text(what, x):
    if not isinstance(x, str):
        raise InvalidInput(f"{what}: expected a text, got {x!r}")
    return x


def require_opt_text(what, x):
    if x is not None and not isinstance(x, str):
        raise InvalidInput(f"{what}: expected a text or null, got {x!r}")
    return x


def require_sorted_unique(what, xs):
    if not isinstance(xs, list) or not all(isinstance(x, str) for x in xs):
        raise InvalidInput(f"{what}: expected a list of texts, got {xs!r}")
    keys = [x.encode("utf-8") for x in xs]
    for a, b in zip(keys, keys[1:]):
        if not a < b:
            raise InvalidInput(f"{what}: list is not sorted by UTF-8 bytes without duplicates: {xs!r}")
    return xs


def require_token(what, x, tokens):
    if x not in tokens:
        raise InvalidInput(f"{what}: {x!r} is not a canonical token (one of {sorted(tokens)})")
    return x


def require_date(what, x):
    require_text(what, x)
    ok = (
        len(x) == 10
        and x[4] == "-"
        and x[7] == "-"
        and all(c in "0123456789" for c in x[0:4] + x[5:7] + x[8:10])
        and 1 <= int(x[5:7]) <= 12
        and 1 <= int(x[8:10]) <= 31
    )
    if not ok:
        raise InvalidInput(f"{what}: {x!r} is not a YYYY-MM-DD date")
    return x


def require_uscc(what, x):
    require_text(what, x)
    if len(x) != 18 or x != x.upper():
        raise InvalidInput(f"{what}: {x!r} is not an 18-character upper-case USCC")
    return x


# §2 vocabulary tokens
ENTITY_KINDS = {
    "enterprise", "individual_business", "farmer_cooperative", "public_institution",
    "social_organization", "private_non_enterprise", "other",
}
ENTITY_STATUSES = {"in_business", "revoked", "deregistered", "withdrawn", "moved_out", "suspended"}
OFFICER_STATUSES = {"active", "on_leave", "seconded", "transferred", "retired", "suspended"}
CREDIT_CLASSES = {"A", "B", "C", "D"}
ITEM_TYPES = {"key", "general"}

# ---------------------------------------------------------------------------
# §3 Confidential values
# ---------------------------------------------------------------------------


def pad32(tag: str) -> bytes:
    """COMMITMENTS.md §1 pad32: the ASCII tag followed by zero bytes up to 32 bytes."""
    b = tag.encode("ascii")
    if len(b) > 32:
        raise ValueError("tag longer than 32 bytes")
    return b + b"\x00" * (32 - len(b))


def commitment(salt: bytes, values) -> bytes:
    if len(salt) != 32:
        raise ValueError("salt must be 32 bytes")
    return sha256(pad32("dualdraw-confidential-v1") + salt + lst(values))


def derive_salt(k: bytes, values) -> bytes:
    if len(k) != 32:
        raise ValueError("workspace secret K must be 32 bytes")
    return sha256(pad32("dualdraw-salt-v1") + k + lst(values))


def credit_class_values(uscc, cls):
    return ["credit_class", uscc, cls]


def recusal_pair_values(officer_id, uscc):
    return ["recusal", officer_id, uscc]


def recusal_reason_values(officer_id, uscc, reason):
    return ["recusal_reason", officer_id, uscc, reason]


# ---------------------------------------------------------------------------
# §4 Leaves
# ---------------------------------------------------------------------------


def item_leaf(it) -> bytes:
    return (
        lp("dualdraw-leaf-v1/item")
        + lp(require_text("item.code", it["code"]))
        + lp(require_text("item.name", it["name"]))
        + lp(require_text("item.department", it["department"]))
        + lp(require_token("item.item_type", it["item_type"], ITEM_TYPES))
        + lp(require_text("item.target_category", it["target_category"]))
        + lp(require_text("item.method", it["method"]))
        + lp(require_text("item.basis", it["basis"]))
        + opt(require_opt_text("item.qualification", it["qualification"]))
    )


def entity_leaf(en, k: bytes):
    """Returns (leaf, salt, commitment) for an entity."""
    uscc = require_uscc("entity.uscc", en["uscc"])
    cls = require_token("entity.credit_class", en["credit_class"], CREDIT_CLASSES)
    established = en["established"]
    if established is not None:
        require_date("entity.established", established)
    values = credit_class_values(uscc, cls)
    salt = derive_salt(k, values)
    com = commitment(salt, values)
    leaf = (
        lp("dualdraw-leaf-v1/entity")
        + lp(uscc)
        + lp(require_text("entity.name", en["name"]))
        + lp(require_token("entity.kind", en["kind"], ENTITY_KINDS))
        + lst(require_sorted_unique("entity.categories", en["categories"]))
        + lp(require_text("entity.industry", en["industry"]))
        + lp(require_text("entity.region", en["region"]))
        + opt(require_opt_text("entity.township", en["township"]))
        + lp(require_token("entity.status", en["status"], ENTITY_STATUSES))
        + opt(established)
        + lst(require_sorted_unique("entity.flags", en["flags"]))
        + raw(com)
    )
    return leaf, salt, com


def officer_leaf(of) -> bytes:
    return (
        lp("dualdraw-leaf-v1/officer")
        + lp(require_text("officer.id", of["id"]))
        + lp(require_text("officer.name", of["name"]))
        + lp(require_text("officer.department", of["department"]))
        + lp(require_text("officer.unit", of["unit"]))
        + lp(require_text("officer.region", of["region"]))
        + lst(require_sorted_unique("officer.qualifications", of["qualifications"]))
        + lp(require_token("officer.status", of["status"], OFFICER_STATUSES))
        + lp(require_date("officer.cert_expiry", of["cert_expiry"]))
    )


def recusal_leaf(rc, k: bytes):
    """Returns (leaf, info) for a recusal."""
    oid = require_text("recusal.officer_id", rc["officer_id"])
    uscc = require_uscc("recusal.uscc", rc["uscc"])
    reason = require_text("recusal.reason", rc["reason"])
    pv = recusal_pair_values(oid, uscc)
    rv = recusal_reason_values(oid, uscc, reason)
    pair_salt = derive_salt(k, pv)
    reason_salt = derive_salt(k, rv)
    pair_com = commitment(pair_salt, pv)
    reason_com = commitment(reason_salt, rv)
    leaf = lp("dualdraw-leaf-v1/recusal") + raw(pair_com) + raw(reason_com)
    info = {
        "officer_id": oid,
        "uscc": uscc,
        "pair_salt": pair_salt.hex(),
        "pair_commitment": pair_com.hex(),
        "reason_salt": reason_salt.hex(),
        "reason_commitment": reason_com.hex(),
    }
    return leaf, info


# ---------------------------------------------------------------------------
# §5 Trees (RFC 6962 §2.1 / RFC 9162 §2.1.1) and inclusion proofs (RFC 9162 §2.1.3)
# ---------------------------------------------------------------------------

EMPTY_ROOT_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def leaf_hash(leaf: bytes) -> bytes:
    return sha256(b"\x00" + leaf)


def node_hash(left: bytes, right: bytes) -> bytes:
    return sha256(b"\x01" + left + right)


def split_point(n: int) -> int:
    """Largest power of two strictly less than n (n > 1)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(leaves) -> bytes:
    n = len(leaves)
    if n == 0:
        return sha256(b"")
    if n == 1:
        return leaf_hash(leaves[0])
    k = split_point(n)
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def audit_path(m: int, leaves):
    """RFC 9162 §2.1.3.1 PATH(m, D_n), leaf level first."""
    n = len(leaves)
    if not 0 <= m < n:
        raise ValueError("leaf index out of range")
    if n == 1:
        return []
    k = split_point(n)
    if m < k:
        return audit_path(m, leaves[:k]) + [mth(leaves[k:])]
    return audit_path(m - k, leaves[k:]) + [mth(leaves[:k])]


def verify_inclusion(leaf_index: int, tree_size: int, lhash: bytes, path, root: bytes) -> bool:
    """RFC 9162 §2.1.3.2."""
    if leaf_index >= tree_size or leaf_index < 0:
        return False
    fn = leaf_index
    sn = tree_size - 1
    r = lhash
    for p in path:
        if sn == 0:
            return False
        if (fn & 1) == 1 or fn == sn:
            r = node_hash(p, r)
            if (fn & 1) == 0:
                while (fn & 1) == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


# ---------------------------------------------------------------------------
# §6 Snapshot digest
# ---------------------------------------------------------------------------


def snapshot_digest(roots) -> bytes:
    """roots: dict name -> (root hash bytes, size)."""
    data = lp("dualdraw-snapshot-v1")
    for name in ("items", "entities", "officers", "recusals"):
        h, size = roots[name]
        data += lp(name) + u64be(size) + raw(h)
    return sha256(data)


# ---------------------------------------------------------------------------
# Canonical order
# ---------------------------------------------------------------------------


def sort_unique_by_key(what, records, key_field):
    keyed = [(r[key_field].encode("utf-8"), r) for r in records]
    keyed.sort(key=lambda t: t[0])
    for (a, _), (b, _) in zip(keyed, keyed[1:]):
        if a == b:
            raise InvalidInput(f"{what}: duplicate key {a.decode('utf-8')!r}")
    return [r for _, r in keyed]


def registry_expected(leaves):
    return {
        "leaves": [l.hex() for l in leaves],
        "leaf_hashes": [leaf_hash(l).hex() for l in leaves],
        "root": mth(leaves).hex(),
        "size": len(leaves),
    }


CT_LEAVES_HEX = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                 "606162636465666768696a6b6c6d6e6f"]
CT_ROOT_8 = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
LARGE_PATH_INDICES = [0, 500, 1000]


def compute(doc):
    """Computes the whole "expected" object and returns (expected, trees) where trees holds
    the leaf lists for the self-checks."""
    k = bytes.fromhex(doc["salt_key"])
    if len(k) != 32:
        raise InvalidInput("salt_key must be 32 bytes")
    inp = doc["inputs"]

    items = sort_unique_by_key("items", inp["items"], "code")
    item_leaves = [item_leaf(it) for it in items]

    entities = sort_unique_by_key("entities", inp["entities"], "uscc")
    entity_leaves = []
    credit = {}
    for en in entities:
        leaf, salt, com = entity_leaf(en, k)
        entity_leaves.append(leaf)
        credit[en["uscc"]] = {"salt": salt.hex(), "commitment": com.hex()}

    officers = sort_unique_by_key("officers", inp["officers"], "id")
    officer_leaves = [officer_leaf(of) for of in officers]

    rec = [recusal_leaf(rc, k) for rc in inp["recusals"]]
    rec.sort(key=lambda t: t[0])
    seen_pairs = set()
    for (a, _), (b, _) in zip(rec, rec[1:]):
        if a == b:
            raise InvalidInput("recusals: duplicate recusal")
    for _, info in rec:
        pair = (info["officer_id"], info["uscc"])
        if pair in seen_pairs:
            raise InvalidInput(f"recusals: duplicate (officer_id, uscc) pair {pair!r}")
        seen_pairs.add(pair)
    recusal_leaves = [leaf for leaf, _ in rec]

    expected = {}
    trees = {}
    for name, leaves in (("items", item_leaves), ("entities", entity_leaves),
                         ("officers", officer_leaves), ("recusals", recusal_leaves)):
        expected[name] = registry_expected(leaves)
        trees[name] = leaves
    expected["entities"]["credit_class"] = credit
    expected["recusals"]["commitments"] = [info for _, info in rec]

    roots = {name: (bytes.fromhex(expected[name]["root"]), expected[name]["size"])
             for name in ("items", "entities", "officers", "recusals")}
    expected["snapshot_digest"] = snapshot_digest(roots).hex()

    count = inp["merkle_large"]["count"]
    large = [u32be(i) for i in range(count)]
    trees["merkle_large"] = large
    large_root = mth(large)
    expected["merkle_large"] = {
        "size": count,
        "root": large_root.hex(),
        "audit_paths": {str(i): [h.hex() for h in audit_path(i, large)] for i in LARGE_PATH_INDICES},
    }

    ct = [bytes.fromhex(h) for h in CT_LEAVES_HEX]
    trees["ct"] = ct
    expected["ct_roots"] = [mth(ct[:n]).hex() for n in range(0, len(ct) + 1)]
    return expected, trees


# ---------------------------------------------------------------------------
# Self-checks
# ---------------------------------------------------------------------------


def flip_bit(h: bytes, bit: int = 0) -> bytes:
    b = bytearray(h)
    b[(bit // 8) % len(b)] ^= 1 << (bit % 8)
    return bytes(b)


def self_checks(doc, expected, trees):
    """Returns (number of checks passed, list of failures)."""
    failures = []
    passed = 0

    def check(cond, msg):
        nonlocal passed
        if cond:
            passed += 1
        else:
            failures.append(msg)

    # Empty tree and the CT known answer.
    check(mth([]).hex() == EMPTY_ROOT_HEX, "self-check: empty tree root is not SHA-256(\"\")")
    check(expected["ct_roots"][0] == EMPTY_ROOT_HEX, "self-check: ct_roots[0] is not the empty root")
    check(expected["ct_roots"][8] == CT_ROOT_8,
          f"self-check: CT root for 8 leaves: expected {CT_ROOT_8} vs got {expected['ct_roots'][8]}")

    def check_paths(label, leaves, indices):
        root = mth(leaves)
        n = len(leaves)
        for i in indices:
            path = audit_path(i, leaves)
            lh = leaf_hash(leaves[i])
            check(verify_inclusion(i, n, lh, path, root),
                  f"self-check: {label} audit path of leaf {i}/{n} does not verify")
            # One flipped bit anywhere (each path element, the leaf hash, the root) must fail.
            for j in range(len(path)):
                for bit in (0, 255):
                    bad = list(path)
                    bad[j] = flip_bit(path[j], bit)
                    check(not verify_inclusion(i, n, lh, bad, root),
                          f"self-check: {label} leaf {i}/{n}: path with bit {bit} of element {j} flipped verifies")
            check(not verify_inclusion(i, n, flip_bit(lh), path, root),
                  f"self-check: {label} leaf {i}/{n}: flipped leaf hash verifies")
            check(not verify_inclusion(i, n, lh, path, flip_bit(root)),
                  f"self-check: {label} leaf {i}/{n}: flipped root verifies")
            # Wrong shape must fail too: a truncated or extended path, an index out of range.
            if path:
                check(not verify_inclusion(i, n, lh, path[:-1], root),
                      f"self-check: {label} leaf {i}/{n}: truncated path verifies")
            check(not verify_inclusion(i, n, lh, path + [root], root),
                  f"self-check: {label} leaf {i}/{n}: extended path verifies")
            check(not verify_inclusion(n, n, lh, path, root),
                  f"self-check: {label} leaf {i}/{n}: index == size verifies")

    for name in ("items", "entities", "officers", "recusals"):
        leaves = trees[name]
        check_paths(name, leaves, range(len(leaves)))
    check_paths("merkle_large", trees["merkle_large"], LARGE_PATH_INDICES)
    ct = trees["ct"]
    for n in range(1, len(ct) + 1):
        check_paths(f"ct[:{n}]", ct[:n], range(n))

    # The recorded merkle_large paths are exactly the generated ones, and they verify.
    large = trees["merkle_large"]
    large_root = bytes.fromhex(expected["merkle_large"]["root"])
    for i in LARGE_PATH_INDICES:
        path = [bytes.fromhex(h) for h in expected["merkle_large"]["audit_paths"][str(i)]]
        check(verify_inclusion(i, len(large), leaf_hash(large[i]), path, large_root),
              f"self-check: merkle_large recorded path of leaf {i} does not verify")

    # Openings (§7 step 4): the credit-class commitment opens with its salt and class and no other class.
    k = bytes.fromhex(doc["salt_key"])
    for en in doc["inputs"]["entities"]:
        c = expected["entities"]["credit_class"][en["uscc"]]
        salt = bytes.fromhex(c["salt"])
        check(salt == derive_salt(k, credit_class_values(en["uscc"], en["credit_class"])),
              f"self-check: salt of {en['uscc']} is not derived from K")
        for cls in sorted(CREDIT_CLASSES):
            opens = commitment(salt, credit_class_values(en["uscc"], cls)).hex() == c["commitment"]
            check(opens == (cls == en["credit_class"]),
                  f"self-check: opening of {en['uscc']} with class {cls} gives {opens}")
        # The commitment is the last 32 bytes of the entity's leaf.
        check(any(l[-32:].hex() == c["commitment"] for l in trees["entities"]),
              f"self-check: commitment of {en['uscc']} is not in a leaf")

    # Invalid inputs are refused, not fixed.
    def refused(fn):
        try:
            fn()
        except InvalidInput:
            return True
        return False

    en0 = dict(doc["inputs"]["entities"][0])
    en_bad = dict(en0, flags=["经营异常名录", "严重违法失信名单"])
    check(refused(lambda: entity_leaf(en_bad, k)), "self-check: unsorted flags were not refused")
    en_dup = dict(en0, categories=["旅游市场", "旅游市场"])
    check(refused(lambda: entity_leaf(en_dup, k)), "self-check: duplicate categories were not refused")
    of0 = dict(doc["inputs"]["officers"][0])
    of_bad = dict(of0, qualifications=["食品安全", "特种设备"])
    check(refused(lambda: officer_leaf(of_bad)), "self-check: unsorted qualifications were not refused")
    check(refused(lambda: officer_leaf(dict(of0, status="在岗"))),
          "self-check: non-token officer status was not refused")
    check(refused(lambda: sort_unique_by_key("items", [doc["inputs"]["items"][0]] * 2, "code")),
          "self-check: duplicate item code was not refused")

    # Order independence: reversing the input rows gives the same expected object.
    rev = json.loads(json.dumps(doc))
    for name in ("items", "entities", "officers", "recusals"):
        rev["inputs"][name] = list(reversed(rev["inputs"][name]))
    rev_expected, _ = compute(rev)
    check(rev_expected == expected, "self-check: result depends on the order of input rows")

    return passed, failures


# ---------------------------------------------------------------------------
# Comparison, writing
# ---------------------------------------------------------------------------


def compare(path, want, got, diffs):
    """Compares the file's value (want) with the recomputed one (got); returns number of scalars checked."""
    n = 0
    if isinstance(want, dict) and isinstance(got, dict):
        for key in sorted(set(want) | set(got)):
            p = f"{path}.{key}"
            if key not in want:
                diffs.append(f"{p}: expected <missing> vs got {json.dumps(got[key], ensure_ascii=False)}")
            elif key not in got:
                diffs.append(f"{p}: expected {json.dumps(want[key], ensure_ascii=False)} vs got <missing>")
            else:
                n += compare(p, want[key], got[key], diffs)
        return n
    if isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            diffs.append(f"{path}: expected {len(want)} elements vs got {len(got)}")
        for i, (a, b) in enumerate(zip(want, got)):
            n += compare(f"{path}[{i}]", a, b, diffs)
        return n
    if type(want) is not type(got) or want != got:
        diffs.append(f"{path}: expected {json.dumps(want, ensure_ascii=False)} vs got {json.dumps(got, ensure_ascii=False)}")
        return n
    return n + 1


def write(doc, text, expected):
    """Fills "expected", keeping every byte before it (so "inputs" stay exactly as written)."""
    marker = '\n  "expected": '
    pos = text.rfind(marker)
    body = json.dumps(expected, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    new_text = None
    if pos >= 0:
        start = pos + len(marker)
        try:
            _, end = json.JSONDecoder().raw_decode(text, start)
            new_text = text[:start] + body + text[end:]
            if json.loads(new_text)["inputs"] != doc["inputs"] or json.loads(new_text)["expected"] != expected:
                new_text = None
        except ValueError:
            new_text = None
    if new_text is None:
        out = dict(doc)
        out["expected"] = expected
        new_text = json.dumps(out, ensure_ascii=False, indent=2) + "\n"
    with open(VECTORS, "w", encoding="utf-8") as f:
        f.write(new_text)


def main(argv):
    if argv not in ([], ["--write"]):
        print("usage: reference_commitments.py [--write]", file=sys.stderr)
        return 2
    with open(VECTORS, encoding="utf-8") as f:
        text = f.read()
    doc = json.loads(text)
    try:
        expected, trees = compute(doc)
    except InvalidInput as e:
        print(f"commitments-v1: invalid input: {e}", file=sys.stderr)
        return 1

    passed, failures = self_checks(doc, expected, trees)
    if failures:
        print("commitments-v1: self-check failed:")
        for f_ in failures:
            print(f"  {f_}")
        return 1

    if argv == ["--write"]:
        write(doc, text, expected)
        print(f"commitments-v1: wrote expected to {VECTORS} ({passed} self-checks passed)")
        return 0

    diffs = []
    if doc.get("expected") is None:
        diffs.append("expected: expected <object> vs got null (run with --write)")
        n = 0
    else:
        n = compare("expected", doc["expected"], expected, diffs)
    if diffs:
        print(f"commitments-v1: {len(diffs)} differences:")
        for d in diffs:
            print(f"  {d}")
        return 1
    print(f"commitments-v1: {n + passed} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
