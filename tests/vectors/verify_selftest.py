"""Self-tests of verify_proof.py (`python3 verify_proof.py --self-test`).

- cross_stratum (§9.1) on small synthetic pools: agreement with an exhaustive search over every class
  assignment; a forged selection (a target swapped with a non-target whose key exceeds every
  stratum's cut) rejected; a forged but consistent selection (two entities' classes swapped, the draw
  re-made) accepted;
- §10: a byte-order mark at the start (skipped) and elsewhere (refused), nesting 64 / 65 / 100000
  deep, brackets inside strings, the 256 MiB limit (a sparse file, never read), NaN, duplicate keys,
  bad UTF-8;
- §1 instants: fractions truncated, offsets converted, non-instants refused;
- the bottom-up Merkle root against reference_commitments.mth;
- every proof of draw-v1.json verifies at the light level, and in-memory changes fail at the check
  that should catch them (a nanosecond fraction added to announced_at changes nothing);
- the assignment v2 proof of draw-v2.json (draw_tight_v2, §6.1) verifies at the light level; two teams
  swapped, the teams of a v1 re-run, the key removed or unknown, or the campaign downgraded to v1
  and resealed, fail at the check that should catch them; "assignment": "v1" written into a v1
  proof changes nothing;
- the compact public snapshot (COMMITMENTS.md §9): compact_selftest.py (round trips, the same verdicts
  as for JSON v1, the look-up, tampered files refused).
"""

import copy
import json
import os
import random
import tempfile

import bls12_381 as bls
import compact_selftest
import reference_draw as rd
import verify_json as vj
import verify_proof as vpf
import verify_public as vpu

RESULTS = []


def ok(what, cond, detail=""):
    RESULTS.append((what, bool(cond), detail))


# ---------------------------------------------------------------------------
# cross_stratum
# ---------------------------------------------------------------------------

CLS = "ABCD"


def genuine(rng, P, m, x_any, low_risk, p_x=0.15):
    """A pool of P entities with random keys, hidden classes and a genuine §5 selection.
    Returns (entries, strata, E, classes)."""
    keys = [rng.getrandbits(16).to_bytes(2, "big") + i.to_bytes(2, "big") for i in range(P)]
    dty = [low_risk and rng.random() < 0.4 for _ in range(P)]
    classes = []
    for i in range(P):
        opts = [c for c in CLS[:m] if not (dty[i] and c == "A")]
        if (x_any or dty[i]) and rng.random() < p_x or not opts:
            classes.append("X")
        else:
            classes.append(rng.choice(opts))
    ns = {c: None for c in CLS[:m]}
    for c in ns:
        N = classes.count(c)
        ns[c] = rng.randint(0, N)
    return draw_with(keys, dty, classes, ns, m)


def draw_with(keys, dty, classes, ns, m):
    target = [False] * len(keys)
    strata = []
    for c in CLS[:m]:
        mem = sorted((i for i in range(len(keys)) if classes[i] == c), key=lambda i: keys[i])
        n = min(ns[c], len(mem))
        for i in mem[:n]:
            target[i] = True
        strata.append((c, len(mem), n))
    entries = [(keys[i], target[i], dty[i]) for i in range(len(keys))]
    return entries, strata, classes.count("X"), classes


def cross_stratum_tests():
    rng = random.Random(20261204)
    agree = relaxed = mism = accepted_genuine = 0
    cases = 500
    for case in range(cases):
        P, m = rng.randint(1, 6), rng.randint(1, 3)
        x_any, low_risk = rng.random() < 0.3, rng.random() < 0.5
        entries, strata, E, _ = genuine(rng, P, m, x_any, low_risk)
        a, _ = vpu.cross_stratum(entries, strata, E, x_any, low_risk)
        accepted_genuine += a
        if not a:
            mism += 1
        # a random selection of the same size
        k = sum(1 for e in entries if e[1])
        pick = set(rng.sample(range(P), k))
        forged = [(e[0], i in pick, e[2]) for i, e in enumerate(entries)]
        got, _ = vpu.cross_stratum(forged, strata, E, x_any, low_risk)
        want = vpu.brute_force(forged, strata, E, x_any, low_risk)
        if got == want:
            agree += 1
        elif low_risk and got and not want and any(e[1] and e[2] for e in forged):
            relaxed += 1   # §9.1's one relaxation: the A rule is not applied to targets' blocks
        else:
            mism += 1
    ok(f"cross_stratum accepts every genuine draw ({cases} random small pools)", accepted_genuine == cases,
       f"{accepted_genuine}/{cases}")
    ok(f"cross_stratum = exhaustive search over class assignments on {cases} random selections "
       f"({agree} agree, {relaxed} accepted only by the documented relaxation)", mism == 0, f"{mism} mismatches")

    # A forged selection: a target swapped with the non-target of the largest key (it exceeds every
    # stratum's cut, since every stratum keeps non-targets).
    rng = random.Random(7)
    P = 60
    keys = [rng.getrandbits(32).to_bytes(4, "big") for _ in range(P)]
    dty = [False] * P
    classes = [CLS[i % 3] for i in range(P)]
    entries, strata, E, _ = draw_with(keys, dty, classes, {"A": 2, "B": 5, "C": 10}, 3)
    ok("forged-swap base: the genuine draw is accepted", vpu.cross_stratum(entries, strata, E, False, False)[0])
    last_non = max((i for i, e in enumerate(entries) if not e[1]), key=lambda i: entries[i][0])
    for victim in (i for i, e in enumerate(entries) if e[1]):
        forged = list(entries)
        forged[victim] = (entries[victim][0], False, False)
        forged[last_non] = (entries[last_non][0], True, False)
        res, why = vpu.cross_stratum(forged, strata, E, False, False)
        if res:
            ok("a target swapped with the non-target of the largest key is rejected", False,
               f"accepted (victim {victim})")
            break
    else:
        ok("a target swapped with the non-target of the largest key is rejected (each of the "
           f"{sum(1 for e in entries if e[1])} targets tried)", True)
    # small exhaustive confirmation of the same forgery
    keys8 = [bytes([i * 10]) for i in range(8)]
    e8, s8, E8, _ = draw_with(keys8, [False] * 8, ["A", "B"] * 4, {"A": 1, "B": 2}, 2)
    f8 = list(e8)
    t0 = next(i for i, e in enumerate(e8) if e[1])
    f8[t0] = (e8[t0][0], False, False)
    f8[7] = (e8[7][0], True, False)
    ok("the same forgery on 8 entities: rejected, and the exhaustive search agrees",
       not vpu.cross_stratum(f8, s8, E8, False, False)[0] and not vpu.brute_force(f8, s8, E8, False, False))
    # Forged but consistent: two entities of different strata swap their hidden classes, the draw is
    # re-made: another selection with the same published sizes, which the public cannot tell apart.
    found = False
    for i in range(P):
        for j in range(P):
            if classes[i] == classes[j]:
                continue
            c2 = list(classes)
            c2[i], c2[j] = c2[j], c2[i]
            e2, s2, E2, _ = draw_with(keys, dty, c2, {"A": 2, "B": 5, "C": 10}, 3)
            if s2 == strata and [e[1] for e in e2] != [e[1] for e in entries]:
                ok("a forged but consistent selection (two entities' classes swapped) is accepted",
                   vpu.cross_stratum(e2, strata, E, False, False)[0])
                found = True
                break
        if found:
            break
    ok("found a class swap that changes the selection", found)
    # Exclusion bin: E entities must be placeable in X; without exclusions nobody may be.
    e3, s3, E3, _ = draw_with(keys8, [False] * 8, ["A", "B", "A", "B", "A", "B", "A", "X"], {"A": 1, "B": 1}, 2)
    ok("E > 0 accepted when any class may be excluded", vpu.cross_stratum(e3, s3, E3, True, False)[0])
    ok("E > 0 rejected when no class is excluded and there is no low-risk rule",
       not vpu.cross_stratum(e3, s3, E3, False, False)[0])
    # low-risk: drawn-this-year targets exceeding the non-A draws are rejected (the relaxation's bound)
    e4 = [(bytes([i]), i < 3, i < 3) for i in range(8)]
    ok("low-risk: 3 drawn-this-year targets, non-A strata draw 1: rejected",
       not vpu.cross_stratum(e4, [("A", 4, 2), ("B", 4, 1)], 0, False, True)[0])


# ---------------------------------------------------------------------------
# §10, §1, Merkle
# ---------------------------------------------------------------------------


def refused(data, max_size=vj.MAX_PROOF):
    try:
        vj.loads_bytes(data, max_size)
        return None
    except vj.JsonRefused as e:
        return str(e)


def json_limit_tests(tmp):
    doc = b'{"a": [1, 2, {"b": "x"}]}'
    ok("§10: a BOM at the very start is skipped", vj.loads_bytes(vj.BOM + doc) == json.loads(doc))
    ok("§10: a BOM after the start is refused", refused(b" " + vj.BOM + doc) is not None)
    ok("§10: a BOM inside a string is refused", refused(b'{"a": "x' + vj.BOM + b'"}') is not None)
    ok("§10: two BOMs at the start are refused", refused(vj.BOM + vj.BOM + doc) is not None)
    ok("§10: depth 64 is read", vj.loads_bytes(b"[" * 64 + b"]" * 64) is not None)
    ok("§10: depth 65 is refused, naming the rule", "nesting" in (refused(b"[" * 65 + b"]" * 65) or ""))
    ok("§10: depth 65 of objects is refused", refused(b'{"a":' * 65 + b"1" + b"}" * 65) is not None)
    deep = b"[" * 100000 + b"]" * 100000
    try:
        msg = refused(deep)
        ok("§10: depth 100000 refused without a RecursionError", msg is not None and "nesting" in msg)
    except RecursionError:
        ok("§10: depth 100000 refused without a RecursionError", False, "RecursionError")
    ok("§10: brackets inside strings are not nesting",
       vj.loads_bytes(b'["' + b"[{" * 100 + b'\\"' + b'"]') is not None)
    ok("§10: size over the limit is refused", "bytes" in (refused(doc, max_size=10) or ""))
    big = os.path.join(tmp, "big.json")
    with open(big, "wb") as f:
        f.truncate(vj.MAX_PROOF + 1)      # sparse: refused from its size, never read
    try:
        vj.load_path(big, vj.MAX_PROOF, "proof")
        ok("§10: a proof of 256 MiB + 1 byte is refused before reading", False, "accepted")
    except vj.JsonRefused as e:
        ok("§10: a proof of 256 MiB + 1 byte is refused before reading", "268435457" in str(e), str(e))
    os.remove(big)
    ok("JSON: NaN refused", refused(b"[NaN]") is not None)
    ok("JSON: duplicate keys refused", refused(b'{"a": 1, "a": 2}') is not None)
    ok("JSON: bad UTF-8 refused", refused(b'["\xff"]') is not None)
    ok("JSON: trailing garbage refused", refused(doc + b" x") is not None)


def instant_tests():
    ci, it = vpf.canonical_instant, vpf.instant_text
    good = {
        "2026-12-04T16:26:14.324130066Z": "2026-12-04T16:26:14Z",
        "2026-12-04T16:26:14Z": "2026-12-04T16:26:14Z",
        "2026-12-05T00:26:14.9+08:00": "2026-12-04T16:26:14Z",
        "2026-12-04T23:59:59.999999999-00:30": "2026-12-05T00:29:59Z",
        "0001-01-01T00:00:00Z": "0001-01-01T00:00:00Z",
    }
    for x, want in good.items():
        try:
            got = it(ci("t", x))
        except vpf.Fail as e:
            got = f"refused: {e}"
        ok(f"§1: {x} reads as {want}", got == want, got)
    for x in ("2026-12-04 16:26:14Z", "2026-12-04T16:26:14", "2026-12-04T23:59:60Z", "0000-01-01T00:00:00Z",
              "2026-12-04T16:26:14.Z", "2026-12-04T16:26:14.1234567890Z", "2026-02-30T00:00:00Z",
              "2026-12-04t16:26:14z", "0001-01-01T00:00:00+01:00", "2026-12-04T16:26:14+24:00", 20261204):
        try:
            ci("t", x)
            ok(f"§1: {x!r} is not an instant", False, "accepted")
        except vpf.Fail:
            ok(f"§1: {x!r} is not an instant", True)


def merkle_tests():
    rng = random.Random(3)
    bad = []
    for n in range(0, 70):
        leaves = [os.urandom(rng.randrange(1, 9)) for _ in range(n)]
        if vpf.mth(leaves) != rd.rc.mth(leaves):
            bad.append(n)
    ok("bottom-up Merkle root = reference_commitments.mth for 0..69 leaves", not bad, str(bad))


def bls_tests(doc):
    h = bls.hash_to_g1(b"", b"QUUX-V01-CS02-with-BLS12381G1_XMD:SHA-256_SSWU_RO_")
    ok("BLS: RFC 9380 J.9.1 hash_to_curve(\"\") (BLS12381G1_XMD:SHA-256_SSWU_RO_)",
       h == (0x052926add2207b76ca4fa57a8734416c8dc95e24501772c814278700eed6d1e4e8cf62d9c09db0fac349612b759e79a1,
             0x08ba738453bfed09cb546dbb0783dbb3a5f1f566ed67bb6be0e8c67e2e81a4cc68ee29813bb7994998f3eae0c9c6a265))
    x, y = bls.G2_GEN
    ok("BLS: the G2 generator is on the twist",
       bls.f2sq(y) == bls.f2add(bls.f2mul(bls.f2sq(x), x), bls.B2))
    sig = bytes.fromhex(doc["draw_beacon"]["proof"]["entropy"]["beacon"]["evidence"])
    ok("BLS: drand quicknet round 657413 verifies", bls.verify_quicknet(657413, sig))
    ok("BLS: the same signature for round 657414 does not", not bls.verify_quicknet(657414, sig))
    bad = bytearray(sig)
    bad[-1] ^= 1
    ok("BLS: a signature with one bit flipped does not", not bls.verify_quicknet(657413, bytes(bad)))


# ---------------------------------------------------------------------------
# The vector proofs, end to end
# ---------------------------------------------------------------------------


def run_on(tmp, name, proof, expect_failed=None, level_ok=True, file="draw-v1"):
    path = os.path.join(tmp, name + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(proof, f, ensure_ascii=False)
    v, code = vpf.verify(path)
    j = v.to_json()
    if expect_failed is None:
        ok(f"{file} {name}: consistent at the light level", j["ok"] and code == 0,
           json.dumps(j["errors"], ensure_ascii=False))
    else:
        ok(f"{file} {name}: invalid at check {expect_failed!r}", j["failed"] == [expect_failed] and code == 1,
           json.dumps(j["errors"], ensure_ascii=False)[:300])
    return j


def vector_tests(tmp):
    with open(os.path.join(vpf.HERE, "draw-v1.json"), encoding="utf-8") as f:
        doc = json.load(f)
    proofs = {}
    for key in sorted(k for k in doc if k.startswith("draw")):
        if "proofs" in doc[key]:
            for i, pr in enumerate(doc[key]["proofs"]):
                proofs[f"{key}.proofs[{i}]"] = pr
        else:
            proofs[key] = doc[key]["proof"]
    bls_tests(doc)
    for name, pr in proofs.items():
        j = run_on(tmp, name, pr)
        if name == "draw_beacon":
            nc = [n["check"] for n in j["not_checked"]]
            ok("draw_beacon: the drand signature is checked (not in not_checked)", "beacon" not in nc, str(nc))
    base = proofs["draw"]

    def changed(name, fn, failed):
        p = copy.deepcopy(base)
        fn(p)
        run_on(tmp, name, p, failed)

    def frac(p):
        p["announcement"]["announced_at"] = p["announcement"]["announced_at"][:-1] + ".999999999Z"
    p = copy.deepcopy(base)
    frac(p)
    run_on(tmp, "draw with a nanosecond announced_at (same canonical value)", p)

    def east(p):
        a = vpf.canonical_instant("x", p["announcement"]["announced_at"])
        p["announcement"]["announced_at"] = vpf.instant_text(a + vpf.timedelta(hours=8))[:-1] + "+08:00"
    p = copy.deepcopy(base)
    east(p)
    run_on(tmp, "draw with announced_at written +08:00", p)
    changed("announced_at one second later", lambda p: p["announcement"].__setitem__(
        "announced_at", vpf.instant_text(vpf.canonical_instant("x", p["announcement"]["announced_at"])
                                         + vpf.timedelta(seconds=1))), "announcement")
    changed("announced_at with a space", lambda p: p["announcement"].__setitem__(
        "announced_at", p["announcement"]["announced_at"].replace("T", " ")), "announcement")

    def early(p):
        a = vpf.canonical_instant("x", p["announcement"]["announced_at"])
        p["entropy"]["reveals"][0]["revealed_at"] = vpf.instant_text(a - vpf.timedelta(seconds=1))
    changed("a reveal one second before the announcement", early, "witnesses")
    changed("format tag", lambda p: p.__setitem__("format", "x"), "format")
    changed("a campaign rule", lambda p: p["announcement"]["campaign"]["teams"].__setitem__("min_size", 4),
            "campaign")
    changed("a target's prn", lambda p: p["targets"][0].__setitem__("prn", "00" * 32), "prn")
    changed("a stratum's drawn", lambda p: p["strata"][0].__setitem__("drawn", p["strata"][0]["drawn"] + 1),
            "strata")
    changed("the seed", lambda p: p.__setitem__("seed", "11" * 32), "seed")
    changed("an officer's name", lambda p: p["officers"][0].__setitem__("name", "x"), "registries")
    changed("a target's path", lambda p: p["targets"][0]["path"].__setitem__(0, "22" * 32), "inclusion")

    def swap_team(p):
        t = p["teams"][0]
        t["officers"] = list(reversed(t["officers"]))
    changed("a team's order", swap_team, "teams")
    p = copy.deepcopy(proofs["draw_beacon"])
    ev = bytearray.fromhex(p["entropy"]["beacon"]["evidence"])
    ev[-1] ^= 1
    p["entropy"]["beacon"]["evidence"] = ev.hex()
    run_on(tmp, "draw_beacon with one bit of the signature flipped", p, "beacon")
    nested = os.path.join(tmp, "nested.json")
    with open(nested, "w") as f:
        f.write('{"format": ' + "[" * 70 + "]" * 70 + "}")
    v, code = vpf.verify(nested)
    ok("a proof nested 70 deep: invalid at check 'json', exit 1", v.failed == ["json"] and code == 1, v.errors)
    bom = os.path.join(tmp, "bom.json")
    with open(bom, "wb") as f:
        f.write(vj.BOM + json.dumps(base).encode())
    v, code = vpf.verify(bom)
    ok("a proof with a BOM at the start: consistent", code == 0, v.errors)
    v, code = vpf.verify(os.path.join(tmp, "absent.json"))
    ok("an absent proof: exit 2, check 'json'", code == 2 and v.failed == ["json"], v.errors)

    def v1_explicit(p):
        p["announcement"]["campaign"]["teams"]["assignment"] = "v1"
    p = copy.deepcopy(base)
    v1_explicit(p)
    run_on(tmp, "draw with \"assignment\": \"v1\" written (encoded as absent, §6.1)", p)


def v2_tests(tmp):
    """§6.1: the assignment v2 proof of draw-v2.json, and changes to it."""
    with open(os.path.join(vpf.HERE, "draw-v2.json"), encoding="utf-8") as f:
        doc = json.load(f)
    base = doc["draw_tight_v2"]["proof"]
    j = run_on(tmp, "draw_tight_v2", base, file="draw-v2")
    ok("draw-v2 draw_tight_v2: the verdict's teams are the proof's", j["teams"] == base["teams"])

    def changed(name, fn, failed):
        p = copy.deepcopy(base)
        fn(p)
        run_on(tmp, name, p, failed, file="draw-v2")

    def swap_teams(p):
        # two targets of the same departments exchange their teams: every rule may still hold
        ts = p["teams"]
        deps = {t["entity"]["uscc"]: t["departments"] for t in p["targets"]}
        a = ts[0]
        b = next(x for x in ts[1:] if deps[x["target"]] == deps[a["target"]] and x["officers"] != a["officers"])
        a["officers"], b["officers"] = b["officers"], a["officers"]
    changed("draw_tight_v2 with two teams swapped", swap_teams, "teams")

    def v1_teams(p):
        cx = {}
        for cid, fn in vpf.LIGHT[:-1]:          # everything up to the teams check
            fn(p, cx, []) if cid == "beacon" else fn(p, cx)
        drawn = {t["uscc"] for t in cx["recomputed"]}
        blocked = cx["blocked"] | {(o, u) for o, u in cx["oh_pairs"] if u in drawn}
        camp = copy.deepcopy(cx["camp"])
        del camp["teams"]["assignment"]         # the same inputs and seed, assignment v1
        t1 = rd.assign(cx["seed"], cx["recomputed"], p["officers"], camp, cx["items_by_code"], blocked,
                       camp["draw_date"])
        new = [{"target": u, "officers": t1[u]} for u in cx["usccs"]]
        ok("draw-v2 draw_tight_v2: v1 and v2 give other teams on the same seed", new != p["teams"])
        p["teams"] = new
    changed("draw_tight_v2 with the teams of a v1 re-run", v1_teams, "teams")
    changed("draw_tight_v2 without teams.assignment",
            lambda p: p["announcement"]["campaign"]["teams"].pop("assignment"), "campaign")
    changed("draw_tight_v2 with teams.assignment \"v3\"",
            lambda p: p["announcement"]["campaign"]["teams"].__setitem__("assignment", "v3"), "campaign")

    def downgrade(p):
        del p["announcement"]["campaign"]["teams"]["assignment"]
        rd._reseal({"proof": p})                # campaign hash, announcement hash, seed, PRNs
    changed("draw_tight_v2 downgraded to v1 and resealed, the v2 teams kept", downgrade, "teams")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for fn in (cross_stratum_tests, lambda: json_limit_tests(tmp), instant_tests, merkle_tests,
                   lambda: vector_tests(tmp), lambda: v2_tests(tmp), lambda: compact_selftest.run(ok, tmp)):
            fn()
    bad = [r for r in RESULTS if not r[1]]
    for what, good, detail in RESULTS:
        if not good:
            print(f"FAIL {what}: {detail}")
    print(f"verify_proof --self-test: {len(RESULTS) - len(bad)} of {len(RESULTS)} passed")
    return 1 if bad else 0


# ---------------------------------------------------------------------------
# A forgery end to end on a real proof and its public snapshot (files made by the CLI):
#   python3 verify_selftest.py PROOF PUBLIC_SNAPSHOT
# ---------------------------------------------------------------------------


def forge_public(proof_path, snapshot_path):
    """Swaps the proof's target of largest key for the pool entity of largest key (a non-target),
    and reseals everything the light level recomputes (record, leaf index and path, PRN, items,
    departments, teams re-run). The light level must call it consistent; the public level must
    reject it at cross_stratum (the new target's key exceeds every stratum's cut)."""
    path, old_u, new_u = forge(proof_path, snapshot_path, tempfile.mkdtemp())
    light, _ = vpf.verify(path)
    public, code = vpf.verify(path, snapshot_path)
    print(f"forged: target {old_u} replaced by {new_u} (the pool's largest key), resealed")
    print(f"  light:  {light.to_json()['verdict']}")
    print(f"  public: {public.to_json()['verdict']} failed {public.failed}: "
          f"{public.errors[0]['message'] if public.errors else ''}")
    good = not light.failed and public.failed == ["cross_stratum"] and code == 1
    print("forge test: " + ("OK" if good else "NOT AS EXPECTED"))
    return 0 if good else 1


def forge(proof_path, snapshot_path, tmp):
    """The forgery of forge_public written to tmp/forged.json (snapshot_path: a JSON v1 snapshot).
    Returns (its path, the target replaced, the entity put in its place)."""
    with open(proof_path, encoding="utf-8") as f:
        proof = json.load(f)
    with open(snapshot_path, encoding="utf-8") as f:
        snap = json.load(f)
    cx = {}
    for cid, fn in vpf.LIGHT[:10]:          # up to prn: the context the forgery needs
        fn(proof, cx, []) if cid == "beacon" else fn(proof, cx)
    camp, C = cx["camp"], cx["C"]
    ents = snap["entities"]
    pool = [e for e in ents if vpf.in_public_pool(e, camp, C, set(cx["excl"]))]
    off = int.from_bytes(rd.start_offset(*rd.start_of(camp)), "big")
    keyed = sorted(vpu.pool_entries(pool, cx["prn_seed"], off, cx["dty"]))
    targets = {t["entity"]["uscc"] for t in proof["targets"]}
    new_u = next(u for _, u, _ in reversed(keyed) if u not in targets)
    old_u = next(u for _, u, _ in reversed(keyed) if u in targets)
    idx = next(i for i, e in enumerate(ents) if e["uscc"] == new_u)
    leaves = [vpf.entity_leaf(e) for e in ents]
    e = ents[idx]
    its, depts = rd.target_items_departments(e, C, camp["items"], cx["items_by_code"], camp["lead_department"])
    t = {"entity": e, "prn": rd.prn(cx["prn_seed"], new_u).hex(), "items": its, "departments": depts,
         "index": idx, "path": [h.hex() for h in rd.rc.audit_path(idx, leaves)]}
    proof["targets"] = sorted([x for x in proof["targets"] if x["entity"]["uscc"] != old_u] + [t],
                              key=lambda x: vpf.ub(x["entity"]["uscc"]))
    proof["blocked_pairs"] = [b for b in proof["blocked_pairs"] if b["target"] != old_u]
    rec = [{"uscc": x["entity"]["uscc"], "region": x["entity"]["region"], "items": x["items"],
            "departments": x["departments"]} for x in proof["targets"]]
    blocked = {(b["officer"], b["target"]) for b in proof["blocked_pairs"]}
    teams = rd.assign(cx["seed"], rec, proof["officers"], camp, cx["items_by_code"], blocked, camp["draw_date"])
    proof["teams"] = [{"target": u, "officers": teams[u]} for u in sorted(teams, key=vpf.ub)]
    path = os.path.join(tmp, "forged.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(proof, f, ensure_ascii=False)
    return path, old_u, new_u


if __name__ == "__main__":
    import sys
    if len(sys.argv) != 3:
        print("usage: verify_selftest.py PROOF PUBLIC_SNAPSHOT", file=sys.stderr)
        sys.exit(2)
    sys.exit(forge_public(sys.argv[1], sys.argv[2]))
