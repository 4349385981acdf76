#!/usr/bin/env python3
"""Independent reference implementation of docs/SCHEDULE.md (dualdraw-schedule-v1).

Written from docs/SCHEDULE.md and docs/SPEC.md §1 (not from the Rust code); its answers are the known answers in
schedule-v1.json (same folder), which `cargo test --lib schedule` checks the Rust implementation against. Standard
library only.

Usage:
    python3 tests/vectors/reference_schedule.py            # check every case of schedule-v1.json
    python3 tests/vectors/reference_schedule.py --print    # print what this implementation computes
"""

import hashlib
import json
import os
import struct
import sys
from collections import deque
from datetime import date, timedelta

U64 = 1 << 64
M32 = 0xFFFFFFFF

# ---------------------------------------------------------------------------
# docs/SPEC.md §1: streams, below, shuffle
# ---------------------------------------------------------------------------


def lp(s: str) -> bytes:
    b = s.encode("utf-8")
    return struct.pack(">I", len(b)) + b


def _rotl(v, c):
    return ((v << c) & M32) | (v >> (32 - c))


def _qr(s, a, b, c, d):
    s[a] = (s[a] + s[b]) & M32; s[d] ^= s[a]; s[d] = _rotl(s[d], 16)
    s[c] = (s[c] + s[d]) & M32; s[b] ^= s[c]; s[b] = _rotl(s[b], 12)
    s[a] = (s[a] + s[b]) & M32; s[d] ^= s[a]; s[d] = _rotl(s[d], 8)
    s[c] = (s[c] + s[d]) & M32; s[b] ^= s[c]; s[b] = _rotl(s[b], 7)


def chacha20_block(key: bytes, counter: int) -> bytes:
    """RFC 8439 §2.3, zero nonce."""
    state = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574] + list(struct.unpack("<8I", key)) + [counter, 0, 0, 0]
    w = list(state)
    for _ in range(10):
        _qr(w, 0, 4, 8, 12); _qr(w, 1, 5, 9, 13); _qr(w, 2, 6, 10, 14); _qr(w, 3, 7, 11, 15)
        _qr(w, 0, 5, 10, 15); _qr(w, 1, 6, 11, 12); _qr(w, 2, 7, 8, 13); _qr(w, 3, 4, 9, 14)
    return struct.pack("<16I", *[(x + y) & M32 for x, y in zip(w, state)])


class Stream:
    def __init__(self, seed: bytes, label: str):
        self.key = hashlib.sha256(lp("dualdraw-stream-v1") + seed + lp(label)).digest()
        self.counter = 0
        self.buf = b""

    def next_u64(self) -> int:
        while len(self.buf) < 8:
            self.buf += chacha20_block(self.key, self.counter)
            self.counter += 1
        x, self.buf = self.buf[:8], self.buf[8:]
        return int.from_bytes(x, "little")

    def below(self, n: int) -> int:
        if n <= 1:
            return 0
        t = (U64 - n) % n
        while True:
            x = self.next_u64()
            if x >= t:
                return x % n

    def shuffle(self, v: list) -> list:
        for i in range(len(v) - 1, 0, -1):
            j = self.below(i + 1)
            v[i], v[j] = v[j], v[i]
        return v


def key(s: str) -> bytes:
    """§0: strings compare by their UTF-8 bytes."""
    return s.encode("utf-8")


# ---------------------------------------------------------------------------
# §2 canonical problem, §3 derived values
# ---------------------------------------------------------------------------


class Infeasible(Exception):
    pass


class NotFound(Exception):
    pass


class Rejected(Exception):
    pass


def canonical(p):
    c = p["max_visits_per_officer_per_day"]
    if c == 0:
        raise Rejected("zero limit")
    visits = []
    for v in p["visits"]:
        if v["id"] == "":
            raise Rejected("empty id")
        if not v["officers"]:
            raise Rejected("empty team")
        team = sorted(v["officers"], key=key)
        if any(a == b for a, b in zip(team, team[1:])):
            raise Rejected("officer twice")
        if any(o == "" for o in team):
            raise Rejected("empty officer")
        visits.append({"id": v["id"], "officers": team, "township": v["township"],
                       "not_on": sorted(set(v.get("not_on", []))), "departments": v.get("departments", [])})
    visits.sort(key=lambda v: key(v["id"]))
    if any(a["id"] == b["id"] for a, b in zip(visits, visits[1:])):
        raise Rejected("visit twice")
    days = sorted(set(p["days"]))
    if visits and not days:
        raise Rejected("no days")
    leave = {o: sorted(set(ds)) for o, ds in p.get("leave", {}).items()}
    return {"visits": visits, "days": days, "leave": leave, "max_visits_per_officer_per_day": c}


class Problem:
    def __init__(self, p):
        self.p = p
        self.c = p["max_visits_per_officer_per_day"]
        self.days = p["days"]
        self.n = len(self.days)
        day_index = {d: i for i, d in enumerate(self.days)}
        vs = p["visits"]
        self.V = len(vs)
        self.ids = [v["id"] for v in vs]
        self.officers = sorted({o for v in vs for o in v["officers"]}, key=key)
        oi = {o: i for i, o in enumerate(self.officers)}
        self.townships = sorted({v["township"] for v in vs}, key=key)
        ti = {t: i for i, t in enumerate(self.townships)}
        self.team = [[oi[o] for o in v["officers"]] for v in vs]
        self.tw = [ti[v["township"]] for v in vs]
        self.free = []
        for o in self.officers:
            off = {day_index[d] for d in p["leave"].get(o, []) if d in day_index}
            self.free.append({i for i in range(self.n) if i not in off})
        self.A = []
        for v_i, v in enumerate(vs):
            a = set(range(self.n))
            for o in self.team[v_i]:
                a &= self.free[o]
            a -= {day_index[d] for d in v["not_on"] if d in day_index}
            self.A.append(a)
        self.visits_of = [[] for _ in self.officers]
        for v_i in range(self.V):
            for o in self.team[v_i]:
                self.visits_of[o].append(v_i)
        k = [len(x) for x in self.visits_of]

        def tight(v_i):
            best = (0, 1)
            for o in self.team[v_i]:
                frac = (k[o], max(1, self.c * len(self.free[o])))
                if frac[0] * best[1] > best[0] * frac[1]:
                    best = frac
            return best

        from functools import cmp_to_key
        tights = [tight(v) for v in range(self.V)]

        def cmp(a, b):
            ta, tb = tights[a], tights[b]
            x, y = ta[0] * tb[1], tb[0] * ta[1]
            if x != y:
                return -1 if x > y else 1
            if len(self.A[a]) != len(self.A[b]):
                return -1 if len(self.A[a]) < len(self.A[b]) else 1
            if len(self.team[a]) != len(self.team[b]):
                return -1 if len(self.team[a]) > len(self.team[b]) else 1
            return -1 if a < b else (1 if a > b else 0)

        self.order = sorted(range(self.V), key=cmp_to_key(cmp))
        self.rank = [0] * self.V
        for r, v in enumerate(self.order):
            self.rank[v] = r


# ---------------------------------------------------------------------------
# §5 proven bottlenecks (only whether there are any; the details are not part of the vectors)
# ---------------------------------------------------------------------------


def bottlenecks(P: Problem) -> bool:
    if any(not a for a in P.A):
        return True
    for o in range(len(P.officers)):
        vs = [v for v in P.visits_of[o] if P.A[v]]
        if len(vs) <= P.c:
            continue
        load = [0] * P.n
        mday = {}
        for u in vs:
            seen_day, reached_by, seen = set(), {}, {u}
            queue, found = deque([u]), None
            while queue and found is None:
                x = queue.popleft()
                for d in sorted(P.A[x]):
                    if d in seen_day:
                        continue
                    seen_day.add(d)
                    reached_by[d] = x
                    if load[d] < P.c:
                        found = d
                        break
                    for w in vs:
                        if mday.get(w) == d and w not in seen:
                            seen.add(w)
                            queue.append(w)
            if found is None:
                return True
            load[found] += 1
            d = found
            while True:
                x = reached_by[d]
                prev = mday.get(x)
                mday[x] = d
                if prev is None:
                    break
                d = prev
    return False


# ---------------------------------------------------------------------------
# §4, §6–§9
# ---------------------------------------------------------------------------


class State:
    def __init__(self, P: Problem, orders):
        self.P = P
        self.orders = orders
        self.day = [None] * P.V
        self.load = {}
        self.count = {}

    def full(self, o, i):
        return self.load.get((o, i), 0) >= self.P.c

    def fits(self, v, i):
        return i in self.P.A[v] and all(not self.full(o, i) for o in self.P.team[v])

    def put(self, v, i):
        assert self.day[v] is None
        self.day[v] = i
        for o in self.P.team[v]:
            self.load[(o, i)] = self.load.get((o, i), 0) + 1
        g = self.P.tw[v]
        self.count[(g, i)] = self.count.get((g, i), 0) + 1

    def take(self, v):
        i = self.day[v]
        if i is None:
            return
        for o in self.P.team[v]:
            self.load[(o, i)] -= 1
        self.count[(self.P.tw[v], i)] -= 1
        self.day[v] = None

    def pref(self, v):
        g = self.P.tw[v]
        pi = self.orders[g]
        a = self.P.A[v]
        return ([i for i in pi if self.count.get((g, i), 0) > 0 and i in a]
                + [i for i in pi if self.count.get((g, i), 0) == 0 and i in a])

    def direct(self, v):
        for i in self.pref(v):
            if self.fits(v, i):
                self.put(v, i)
                return True
        return False

    def augment(self, v):
        """§7."""
        queue, reached, expanded, parent = deque([v]), {v}, set(), {}
        while queue:
            x = queue.popleft()
            P_ = self.pref(x)
            end = next((i for i in P_ if i not in expanded and self.fits(x, i)), None)
            if end is not None:
                i = end
                while True:
                    self.take(x)
                    self.put(x, i)
                    if x == v:
                        return True
                    x, i = parent[x]
            for i in P_:
                if i in expanded:
                    continue
                B = [o for o in self.P.team[x] if self.full(o, i)]
                if not B:
                    continue
                W = [w for w in self.P.visits_of[B[0]]
                     if self.day[w] == i and w not in reached and all(o in self.P.team[w] for o in B)]
                if W:
                    expanded.add(i)
                    for w in W:
                        reached.add(w)
                        parent[w] = (x, i)
                        queue.append(w)
        return False

    def eject(self, unplaced):
        """§8."""
        P = self.P
        queue = deque(unplaced)
        moved = [0] * P.V
        budget = 10_000 + 20 * P.V
        step = 0
        while queue and step < budget:
            v = queue.popleft()
            step += 1
            best = None
            for i in self.pref(v):
                E = []
                pending = [o for o in P.team[v] if self.full(o, i)]
                while pending:
                    o = pending[0]
                    cands = [w for w in P.visits_of[o] if self.day[w] == i and w not in E]
                    w = max(cands, key=lambda w: (sum(1 for q in pending if q in P.team[w]), -moved[w], -P.rank[w]))
                    E.append(w)
                    pending = [q for q in pending if q not in P.team[w]]
                cost = sum(1 + moved[w] for w in E)
                if best is None or cost < best[0]:
                    best = (cost, i, E)
                    if cost == 0:
                        break
            if best is None:
                raise AssertionError("no allowed day after §5")
            _, i, E = best
            for w in E:
                self.take(w)
                moved[w] += 1
                queue.append(w)
            self.put(v, i)
        return list(queue)

    def group(self, u):
        seen, out, todo = {u}, [u], [u]
        while todo:
            x = todo.pop()
            for o in self.P.team[x]:
                for w in self.P.visits_of[o]:
                    if w not in seen:
                        seen.add(w)
                        out.append(w)
                        todo.append(w)
        return sorted(out, key=lambda w: self.P.rank[w])

    def search(self, grp, old, nodes):
        """§9. Returns 'found', 'fail' or 'budget'."""
        best = None
        for u in grp:
            if self.day[u] is not None:
                continue
            k = sum(1 for i in range(self.P.n) if self.fits(u, i))
            if k == 0:
                return "fail"
            if best is None or k < best[0]:
                best = (k, u)
        if best is None:
            return "found"
        u = best[1]
        cands = []
        first = old[u] if old is not None else None
        if first is not None and self.fits(u, first):
            cands.append(first)
        cands += [i for i in self.pref(u) if i != first and self.fits(u, i)]
        for i in cands:
            nodes[0] += 1
            if nodes[0] > 100_000:
                return "budget"
            self.put(u, i)
            r = self.search(grp, old, nodes)
            if r != "fail":
                return r
            self.take(u)
        return "fail"


def solve(p, stream: Stream, old=None, last=None):
    """§4–§10 (and §11 steps 2–5 when `old` is given). Returns day indices and the affected flags."""
    P = Problem(p)
    orders = [stream.shuffle(list(range(P.n))) for _ in P.townships]
    if bottlenecks(P):
        raise Infeasible()
    st = State(P, orders)
    affected = [False] * P.V
    if old is None:
        todo = list(P.order)
    else:
        for v in [v for v in range(P.V) if v != last] + ([last] if last is not None else []):
            if old[v] is not None and st.fits(v, old[v]):
                st.put(v, old[v])
            else:
                affected[v] = True
        todo = [v for v in P.order if affected[v]]
    aside = [v for v in todo if not (st.direct(v) or st.augment(v))]
    while aside:
        left = [v for v in aside if not (st.direct(v) or st.augment(v))]
        if len(left) == len(aside):
            break
        aside = left
    if aside:
        aside = st.eject(aside)
    handled = set()
    proven = gave_up = False
    for u in aside:
        if u in handled:
            continue
        grp = st.group(u)
        handled |= set(grp)
        if len(grp) > 64:
            gave_up = True
            continue
        for w in grp:
            st.take(w)
        r = st.search(grp, old, [0])
        if r == "fail":
            proven = True
        elif r == "budget":
            gave_up = True
    if proven:
        raise Infeasible()
    if gave_up:
        raise NotFound()
    return P, st.day, affected


def schedule(p, seed, label):
    cp = canonical(p)
    P, days, _ = solve(cp, Stream(seed, label))
    return cp, {P.ids[v]: P.days[days[v]] for v in range(P.V)}


def reschedule(cp, dates, change, seed, label):
    """§11: `cp` canonical, `dates` visit id → date."""
    q = json.loads(json.dumps(cp))
    kind = change["kind"]
    last_id = None
    if kind == "leave":
        if not any(change["officer"] in v["officers"] for v in q["visits"]):
            raise Rejected("unknown officer")
        q["leave"].setdefault(change["officer"], [])
        q["leave"][change["officer"]] = sorted(set(q["leave"][change["officer"]]) | set(change["days"]))
    else:
        vs = [v for v in q["visits"] if v["id"] == change["visit"]]
        if not vs:
            raise Rejected("unknown visit")
        if kind == "not_on":
            vs[0]["not_on"] = vs[0]["not_on"] + [change["date"]]
        else:
            vs[0]["officers"] = change["officers"]
            last_id = change["visit"]
    q = canonical(q)
    day_index = {d: i for i, d in enumerate(q["days"])}
    ids = [v["id"] for v in q["visits"]]
    old = [day_index.get(dates[i]) for i in ids]
    last = ids.index(last_id) if last_id is not None else None
    P, days, affected = solve(q, Stream(seed, label), old, last)
    new = {P.ids[v]: P.days[days[v]] for v in range(P.V)}
    moved = [{"visit": P.ids[v], "from": dates[P.ids[v]], "to": new[P.ids[v]],
              "reason": "change" if affected[v] else "repair"}
             for v in range(P.V) if new[P.ids[v]] != dates[P.ids[v]]]
    return q, new, moved


# ---------------------------------------------------------------------------
# vectors
# ---------------------------------------------------------------------------


def outcome(f):
    try:
        return f()
    except Infeasible:
        return "infeasible"
    except NotFound:
        return "not_found"
    except Rejected as e:
        return f"rejected: {e}"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "schedule-v1.json"), encoding="utf-8") as f:
        vectors = json.load(f)
    printing = "--print" in sys.argv
    bad = 0
    for case in vectors["cases"]:
        seed = bytes.fromhex(case["seed"])
        got = outcome(lambda: schedule(case["problem"], seed, case["label"]))
        if isinstance(got, str):
            result = {"error": got}
        else:
            cp, dates = got
            result = {"dates": dates}
        if printing:
            print(case["name"], json.dumps(result, ensure_ascii=False))
        elif result != case["expect"]:
            bad += 1
            print(f"MISMATCH {case['name']}: got {result}, want {case['expect']}")
        for r in case.get("reschedules", []):
            if isinstance(got, str):
                break
            cp, dates = got
            rs = outcome(lambda: reschedule(cp, dates, r["change"], bytes.fromhex(r["seed"]), r["label"]))
            res = {"error": rs} if isinstance(rs, str) else {"dates": rs[1], "moved": rs[2]}
            if printing:
                print("  ", json.dumps(r["change"], ensure_ascii=False), json.dumps(res, ensure_ascii=False))
            elif res != r["expect"]:
                bad += 1
                print(f"MISMATCH {case['name']} / {r['change']}: got {res}, want {r['expect']}")
    if not printing:
        n = len(vectors["cases"]) + sum(len(c.get("reschedules", [])) for c in vectors["cases"])
        print(f"{n - bad} of {n} known answers agree")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
