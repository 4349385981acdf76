"""The public level of verify_proof.py (docs/SPEC.md §7, §9, §9.1; COMMITMENTS.md §8, §9).

public_snapshot: the published public snapshot is well formed (every leaf valid, every registry in
its canonical order), rebuilds its four roots, and its digest is the announced one. A JSON v1 snapshot
(§8) is read whole; a compact one (§9) is streamed block by block (c_public_snapshot_compact), the pool
and cross_stratum inputs tallied per entity as it goes (PoolTally), so the entities are never all held.
pool: the pool recomputed from public fields (§5 rules 1-5) has pool_size + excluded_by_class
entities, and every target is in it with the record the snapshot holds at its leaf index.
cross_stratum (§9.1): some assignment of the hidden credit classes, consistent with the published
stratum sizes and PRNs, yields exactly these targets: for each order of the strata, block cuts and
Hall's condition over the sets of bins (strata and the excluded bin X).

Standard library only.
"""

import bisect
import hashlib
from itertools import permutations

import compact_snapshot as cs
import reference_draw as rd
import verify_proof as vpf
from verify_proof import Fail, need, same, ub

rc = rd.rc
SNAPSHOT_FORMAT = "dualdraw-public-snapshot-v1"
U256 = 1 << 256


# ---------------------------------------------------------------------------
# public_snapshot
# ---------------------------------------------------------------------------


def recusal_leaf_public(r, what):
    rec = vpf.project(r, ("pair_commitment", "reason_commitment"), what)
    return (rd.lp("dualdraw-leaf-v1/recusal") + vpf.hexhash(f"{what}.pair_commitment", rec["pair_commitment"])
            + vpf.hexhash(f"{what}.reason_commitment", rec["reason_commitment"]))


def snapshot_roots(s, announced=None):
    """The four roots of a public snapshot's `snapshot`, its digest recomputed (and = the announced one)."""
    rt = {}
    for name in ("items", "entities", "officers", "recusals"):
        r = s["roots"][name]
        need(vpf.is_u64(r["size"]), f"public snapshot roots.{name}.size: {r['size']!r}")
        rt[name] = (vpf.hexhash(f"public snapshot roots.{name}.hash", r["hash"]), r["size"])
    digest = rc.snapshot_digest(rt)
    same("public snapshot digest (from its roots)", digest.hex(), s["digest"])
    if announced is not None:
        same("public snapshot digest = the announced digest", announced.hex(), s["digest"])
    return rt


REGISTRIES = {"items": (vpf.item_leaf, lambda r: ub(r["code"])),
              "entities": (vpf.entity_leaf, lambda r: ub(r["uscc"])),
              "officers": (vpf.officer_leaf, lambda r: ub(r["id"]))}


def check_registry(snap, name, rt):
    """A listed registry (items, entities or officers): valid leaves, canonical order, size and root."""
    leaf_of, key = REGISTRIES[name]
    recs = snap[name]
    need(isinstance(recs, list), f"public snapshot {name}: not a list")
    leaves = [leaf_of(r, f"public snapshot {name}[{i}]") for i, r in enumerate(recs)]
    need(vpf.increasing(recs, key=key), f"public snapshot {name}: not in canonical (key) order")
    same(f"public snapshot {name} size", rt[name][1], len(recs))
    same(f"public snapshot {name} root", rt[name][0].hex(), vpf.mth(leaves).hex())
    return recs


def check_recusals(snap, rt):
    recs = snap["recusals"]
    need(isinstance(recs, list), "public snapshot recusals: not a list")
    leaves = [recusal_leaf_public(r, f"public snapshot recusals[{i}]") for i, r in enumerate(recs)]
    need(vpf.increasing(leaves, key=lambda x: x), "public snapshot recusals: not ordered by leaf bytes")
    same("public snapshot recusals size", rt["recusals"][1], len(recs))
    same("public snapshot recusals root", rt["recusals"][0].hex(), vpf.mth(leaves).hex())


def c_public_snapshot(p, snap, cx):
    """A JSON v1 public snapshot (COMMITMENTS.md §8), read whole."""
    need(isinstance(snap, dict), "public snapshot: not a JSON object")
    same("public snapshot format", SNAPSHOT_FORMAT, snap.get("format"))
    rt = snapshot_roots(snap["snapshot"], cx["digest"])
    regs = {name: check_registry(snap, name, rt) for name in ("items", "entities", "officers")}
    check_recusals(snap, rt)
    cx["snap"] = regs


def check_compact(reader, announced=None, each=None):
    """A compact public snapshot (COMMITMENTS.md §9), streamed: the head's lists as in §8, then the entities
    block by block (the reader checks §9.4: columns, leaves, order, count, index, trailer), each record
    handed to each(leaf index, record) and dropped; the entities root from the block roots (a frontier)."""
    head = reader.head
    need(isinstance(head, dict), "public snapshot: not a JSON object")
    same("public snapshot format", cs.FORMAT, head.get("format"))
    rt = snapshot_roots(head["snapshot"], announced)
    regs = {"items": check_registry(head, "items", rt)}
    for i, e in reader.entities():
        if each is not None:
            each(i, e)
    same("public snapshot entities size", rt["entities"][1], reader.count)
    same("public snapshot entities root", rt["entities"][0].hex(), reader.root.hex())
    regs["officers"] = check_registry(head, "officers", rt)
    check_recusals(head, rt)
    return regs


def c_public_snapshot_compact(p, reader, cx):
    tally = PoolTally(p, cx)
    cx["snap"] = check_compact(reader, cx["digest"], tally.add)
    cx["tally"] = tally


# ---------------------------------------------------------------------------
# pool
# ---------------------------------------------------------------------------


def c_pool(p, cx):
    ents = cx["snap"]["entities"]
    excl = set(cx["excl"])
    camp, C = cx["camp"], cx["C"]
    pool = [e for e in ents if vpf.in_public_pool(e, camp, C, excl)]
    same("pool size from the public snapshot (pool_size + excluded_by_class)",
         p["pool_size"] + p["excluded_by_class"], len(pool))
    in_pool = {e["uscc"] for e in pool}
    keys = sorted(vpf.ENTITY_KEYS)
    for t in p["targets"]:
        u = t["entity"]["uscc"]
        need(u in in_pool, f"target {u} is not in the pool recomputed from the public snapshot")
        e = ents[t["index"]]
        same(f"target {u}: its record in the public snapshot (leaf {t['index']})",
             {k: e[k] for k in keys}, {k: t["entity"][k] for k in keys})
    cx["pool"] = pool


class PoolTally:
    """What the pool and cross_stratum checks need, gathered as a compact snapshot's entities stream by
    (nothing kept per entity but the targets'): the pool's size, the targets found in it, the records at
    the targets' leaf indices, and the non-targets per gap between consecutive target keys (§9.1)."""

    def __init__(self, p, cx):
        camp = cx["camp"]
        self.camp, self.C, self.excl = camp, cx["C"], set(cx["excl"])
        self.low_risk = camp["targets"]["low_risk_once_a_year"] is True
        self.dty = set(cx["dty"])
        self.targets = {t["entity"]["uscc"] for t in p["targets"]}
        self.at = {t["index"] for t in p["targets"]}
        self.base = hashlib.sha256(rd.PRN_PREFIX + cx["prn_seed"])
        self.off = int.from_bytes(rd.start_offset(*rd.start_of(camp)), "big")
        self.tkeys = sorted(self.key(u) for u in self.targets)
        self.size, self.in_pool, self.records = 0, set(), {}
        self.gaps = [[0, 0] for _ in range(len(self.tkeys) + 1)]

    def key(self, u):
        """The §5 sort key of pool_entries: (PRN - offset) mod 2^256, then the USCC."""
        h = self.base.copy()
        h.update(rd.lp(u))
        k = (int.from_bytes(h.digest(), "big") - self.off) % U256
        return k.to_bytes(32, "big") + b"\x00" + ub(u)

    def add(self, i, e):
        if i in self.at:
            self.records[i] = e
        if not vpf.in_public_pool(e, self.camp, self.C, self.excl):
            return
        self.size += 1
        u = e["uscc"]
        if u in self.targets:
            self.in_pool.add(u)
        else:
            g = bisect.bisect_left(self.tkeys, self.key(u))
            self.gaps[g][1 if self.low_risk and u in self.dty else 0] += 1


def c_pool_streamed(p, cx):
    """c_pool's checks, in its order, on the tally of a streamed snapshot."""
    tally = cx["tally"]
    same("pool size from the public snapshot (pool_size + excluded_by_class)",
         p["pool_size"] + p["excluded_by_class"], tally.size)
    keys = sorted(vpf.ENTITY_KEYS)
    for t in p["targets"]:
        u = t["entity"]["uscc"]
        need(u in tally.in_pool, f"target {u} is not in the pool recomputed from the public snapshot")
        e = tally.records[t["index"]]
        same(f"target {u}: its record in the public snapshot (leaf {t['index']})",
             {k: e[k] for k in keys}, {k: t["entity"][k] for k in keys})


# ---------------------------------------------------------------------------
# cross_stratum (§9.1)
# ---------------------------------------------------------------------------


def cross_stratum(entries, strata, E, x_any, low_risk):
    """entries: (sort key, is_target, in_drawn_this_year) per pool entity (sort key: the §5 order, key
    then USCC); strata: (class, N, n); E = excluded_by_class; x_any: any entity may be excluded by
    class (exclude_credit_classes not empty); low_risk: targets.low_risk_once_a_year.

    Returns (True, order of the strata that fits) or (False, reason)."""
    ntarg = sum(1 for e in entries if e[1])
    # Non-targets counted per gap between consecutive targets (gap g: after exactly g targets), by
    # whether they are in drawn_this_year (the only thing besides the key that bins depend on).
    gaps = [[0, 0] for _ in range(ntarg + 1)]
    g = 0
    for e in sorted(entries, key=lambda e: e[0]):
        if e[1]:
            g += 1
        else:
            gaps[g][1 if (low_risk and e[2]) else 0] += 1
    return cross_stratum_gaps(gaps, sum(1 for e in entries if e[1] and e[2]), strata, E, x_any, low_risk)


def cross_stratum_gaps(gaps, dty_targets, strata, E, x_any, low_risk):
    """cross_stratum from counts: gaps[g] = [non-targets, of them in drawn_this_year when low_risk] after
    exactly g targets in key order; dty_targets = targets in drawn_this_year."""
    m = len(strata)
    X = m
    ntarg = len(gaps) - 1
    if sum(s[2] for s in strata) != ntarg:
        return False, f"{ntarg} targets, the strata draw {sum(s[2] for s in strata)}"
    caps = [s[1] - s[2] for s in strata] + [E]
    if any(c < 0 for c in caps):
        return False, "a stratum draws more than its size"
    nontarg = sum(a + b for a, b in gaps)
    if sum(caps) != nontarg:
        return False, (f"{nontarg} non-targets in the pool, the strata and X hold {sum(caps)} "
                       f"(sum of N - n, plus excluded_by_class)")
    a_idx = next((i for i, s in enumerate(strata) if s[0] == "A"), None) if low_risk else None
    if a_idx is not None:
        room = sum(s[2] for i, s in enumerate(strata) if i != a_idx)
        if dty_targets > room:
            return False, (f"{dty_targets} targets are in drawn_this_year (never class A), but the strata "
                           f"other than A draw {room}")
    x_bit = 1 << X
    x_ok = (x_any, x_any or low_risk)      # per category: may the entity be in X?
    zero = 0
    for i, s in enumerate(strata):
        if s[2] == 0:
            zero |= 1 << i                 # no targets: its cut is before everything
    pos = [i for i, s in enumerate(strata) if s[2] > 0]
    subsets = range(1 << (m + 1))
    capS = [sum(caps[b] for b in range(m + 1) if S >> b & 1) for S in subsets]
    worst = None
    for perm in permutations(pos):
        bounds = []
        acc = 0
        for i in perm:
            acc += strata[i][2]
            bounds.append((acc, i))
        counts = {}
        passed = zero
        j = 0
        for g in range(ntarg + 1):
            while j < len(bounds) and bounds[j][0] <= g:
                passed |= 1 << bounds[j][1]
                j += 1
            for cat in (0, 1):
                c = gaps[g][cat]
                if not c:
                    continue
                mask = passed
                if cat == 1 and a_idx is not None:
                    mask &= ~(1 << a_idx)
                if x_ok[cat]:
                    mask |= x_bit
                counts[mask] = counts.get(mask, 0) + c
        bad = None
        for S in subsets:
            need_ = sum(c for mk, c in counts.items() if mk & ~S == 0)
            if need_ > capS[S]:
                bad = (S, need_)
                break
        if bad is None:
            return True, [strata[i][0] for i in perm]
        if worst is None:
            worst = (perm, bad)
    perm, (S, need_) = worst
    names = [strata[b][0] if b < m else "X" for b in range(m + 1) if S >> b & 1] or ["none"]
    return False, (f"no order of the strata fits the non-targets (Hall's condition fails for every order; "
                   f"in the order {[strata[i][0] for i in perm]}, {need_} non-targets can go only to "
                   f"{{{', '.join(names)}}}, which hold {capS[S]})")


def pool_entries(pool, prn_seed, offset_int, dty):
    """(sort key, is_target placeholder, in_dty) per pool entity, the PRN hashed from a saved state."""
    base = hashlib.sha256(rd.PRN_PREFIX + prn_seed)
    dty = set(dty)
    out = []
    for e in pool:
        u = e["uscc"]
        h = base.copy()
        h.update(rd.lp(u))
        k = (int.from_bytes(h.digest(), "big") - offset_int) % U256
        out.append((k.to_bytes(32, "big") + b"\x00" + ub(u), u, u in dty))
    return out


def c_cross_stratum(p, cx):
    camp = cx["camp"]
    tg = camp["targets"]
    off = int.from_bytes(rd.start_offset(*rd.start_of(camp)), "big")
    targets = set(cx["usccs"])
    entries = [(k, u in targets, d) for k, u, d in pool_entries(cx["pool"], cx["prn_seed"], off, cx["dty"])]
    strata = [(s["credit_class"], s["pool"], s["drawn"]) for s in p["strata"]]
    ok, why = cross_stratum(entries, strata, p["excluded_by_class"], bool(tg["exclude_credit_classes"]),
                            tg["low_risk_once_a_year"] is True)
    if not ok:
        raise Fail(f"no assignment of the hidden credit classes yields these targets: {why}")
    cx["cross_stratum_order"] = why


def c_cross_stratum_streamed(p, cx):
    """c_cross_stratum on the tally of a streamed snapshot (the same counts, without the pool's list)."""
    camp, tally = cx["camp"], cx["tally"]
    tg = camp["targets"]
    dty = set(cx["dty"])
    strata = [(s["credit_class"], s["pool"], s["drawn"]) for s in p["strata"]]
    ok, why = cross_stratum_gaps(tally.gaps, sum(1 for u in tally.in_pool if u in dty), strata,
                                 p["excluded_by_class"], bool(tg["exclude_credit_classes"]),
                                 tg["low_risk_once_a_year"] is True)
    if not ok:
        raise Fail(f"no assignment of the hidden credit classes yields these targets: {why}")
    cx["cross_stratum_order"] = why


def brute_force(entries, strata, E, x_any, low_risk):
    """Exhaustive (tests only): is there an assignment of every entity to a stratum or X with exactly
    N_s / E members, no target in X, each stratum's targets exactly its n_s smallest keys, X only for
    allowed entities, and (low_risk) no drawn-this-year entity in A?"""
    m = len(strata)
    order = sorted(range(len(entries)), key=lambda i: entries[i][0])
    bins = list(range(m + 1))
    left = [s[1] for s in strata] + [E]
    members = [[] for _ in bins]

    def allowed(e, b):
        if b == m:
            return not e[1] and (x_any or (low_risk and e[2]))
        return not (low_risk and e[2] and strata[b][0] == "A")

    def rec(k):
        if k == len(order):
            return all(x == 0 for x in left) and all(
                [entries[i][1] for i in members[b]] == [True] * strata[b][2] + [False] * (strata[b][1] - strata[b][2])
                for b in range(m))
        e = entries[order[k]]
        for b in bins:
            if left[b] and allowed(e, b):
                left[b] -= 1
                members[b].append(order[k])
                if rec(k + 1):
                    return True
                members[b].pop()
                left[b] += 1
        return False

    return rec(0)
