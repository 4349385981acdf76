#!/usr/bin/env python3
"""Independent verifier of dualdraw draw proofs at the light and public levels (docs/SPEC.md §7, §9, §10).

Usage:
    python3 verify_proof.py PROOF [--snapshot PUBLIC_SNAPSHOT] [--json]
    python3 verify_proof.py --self-test

PUBLIC_SNAPSHOT is either format of COMMITMENTS.md: JSON v1 (§8, read whole) or the compact v2 file (§9,
told apart by its first bytes "DDPSNAP2", streamed one block at a time by compact_snapshot.py).

Written from docs/SPEC.md and docs/COMMITMENTS.md; it reuses the reference implementations of this
folder (reference_draw.py: campaign and announcement encodings, seeds, PRNs, the §6 assignment,
v1 or v2 (§6.1) as the campaign's teams.assignment says;
reference_commitments.py: leaves and Merkle trees). verify_public.py holds the public level (the
public snapshot, the pool and the cross-stratum check of §9.1); verify_json.py the §10 reader;
bls12_381.py the drand quicknet signature check.

With --json it prints exactly one `dualdraw.verify.v2` object (§9); without it a short report.
Exit 0 when the level requested is consistent, 1 when a check failed, 2 for a usage error or an
unreadable file. Verification stops at the first failing check (§9 allows it). In `errors`,
`expected` is the value recomputed here and `got` the value the file states.

Standard library only.
"""

import hashlib
import json
import os
import re
import sys
import time
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import reference_draw as rd  # noqa: E402
import verify_json as vj  # noqa: E402

rc = rd.rc
InvalidInput = rd.InvalidInput
sha256 = rd.sha256

try:  # the drand signature (§4); absent module = the signature is reported as not checked
    import bls12_381 as bls  # noqa: E402
except ImportError:  # pragma: no cover
    bls = None

SCHEMA = "dualdraw.verify.v2"
PROOF_FORMAT = "dualdraw-draw-proof-v1"
CHECKS = ["json", "format", "campaign", "announcement", "witnesses", "beacon", "coordination", "seed",
          "registries", "inclusion", "prn", "targets", "strata", "blocked_pairs", "teams",
          "public_snapshot", "pool", "cross_stratum",
          "stratum_membership", "selection", "recusals", "rerun"]
LEVELS = {"light": 0, "public": 1, "audit": 2}
NOT_CHECKED = {
    "public_snapshot": (["public"], "the pool is recomputed from the published public snapshot (pass --snapshot)"),
    "pool": (["public"], "the pool is recomputed from the published public snapshot (pass --snapshot)"),
    "cross_stratum": (["public"], "whether the targets fit the stratum sizes needs every pool entity's PRN, "
                                "from the published public snapshot (pass --snapshot)"),
    "stratum_membership": (["auditor"], "credit classes are confidential: only the workspace holds them and "
                                      "their salts"),
    "selection": (["auditor", "enterprise"], "which entities are in a stratum is confidential (an enterprise given the "
                             "openings of its own class and of its stratum's threshold can check its own case)"),
    "recusals": (["auditor"], "recusal pairs not among drawn targets, and the class exclusions, are confidential"),
    "rerun": (["auditor"], "re-running the whole draw needs the workspace's registries and salts"),
}
ANNOUNCEMENT_NOTE = ("Compare announcement_hash with the hash the bureau published before the draw: a "
                     "verifier cannot see what was published before.")


# ---------------------------------------------------------------------------
# Failures and small helpers
# ---------------------------------------------------------------------------


class Fail(Exception):
    """A check failed: message, and the value recomputed here (expected) and in the file (got)."""

    def __init__(self, message, expected=None, got=None, has_values=False):
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.got = got
        self.has_values = has_values or expected is not None or got is not None


def need(cond, message, expected=None, got=None):
    if not cond:
        raise Fail(message, expected, got)


def same(what, expected, got):
    if expected != got:
        raise Fail(f"{what} differs", expected, got, True)


def ub(x):
    return x.encode("utf-8")


def is_u64(x):
    return isinstance(x, int) and not isinstance(x, bool) and 0 <= x < 1 << 64


def text(what, x):
    need(isinstance(x, str), f"{what}: {x!r} is not a text")
    return x


def texts(what, xs):
    need(isinstance(xs, list) and all(isinstance(x, str) for x in xs), f"{what}: not a list of texts")
    return xs


def increasing(xs, key=ub):
    ks = [key(x) for x in xs]
    return all(a < b for a, b in zip(ks, ks[1:]))


def hexhash(what, x):
    return rd.parse_hash(what, x)


def project(rec, keys, what):
    """The known fields of a record (readers ignore keys they do not know, COMMITMENTS.md §8)."""
    need(isinstance(rec, dict), f"{what}: not an object")
    missing = sorted(k for k in keys if k not in rec)
    need(not missing, f"{what}: fields {missing} missing")
    return {k: rec[k] for k in keys}


ENTITY_KEYS = rd.ENTITY_RECORD_KEYS


def entity_leaf(rec, what="entity"):
    return rd.entity_leaf_from_record(project(rec, rd.ENTITY_RECORD_KEYS, what))


def officer_leaf(rec, what="officer"):
    return rd.officer_leaf_from_record(project(rec, rd.OFFICER_RECORD_KEYS, what))


def item_leaf(rec, what="item"):
    return rd.item_leaf_from_record(project(rec, rd.ITEM_RECORD_KEYS, what))


def mth(leaves):
    """RFC 6962 root, bottom-up (an odd node at the end of a level is carried up unchanged, which
    gives the split at the largest power of two of COMMITMENTS.md §5); no recursion, no copies."""
    if not leaves:
        return sha256(b"")
    h = hashlib.sha256
    level = [h(b"\x00" + x).digest() for x in leaves]
    while len(level) > 1:
        nxt = [h(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    return level[0]


# ---------------------------------------------------------------------------
# Instants (§1 "Instants, exactly")
# ---------------------------------------------------------------------------

_INSTANT = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
                      r"(?:\.([0-9]{1,9}))?(Z|[+-][0-9]{2}:[0-9]{2})\Z")


def canonical_instant(what, x) -> datetime:
    """RFC 3339 with `T`, `Z` or ±HH:MM, an optional fraction of 1-9 digits; converted to UTC, the
    fraction dropped (toward the past). Anything else is not an instant."""
    m = _INSTANT.match(x) if isinstance(x, str) else None
    need(m is not None, f"{what}: {x!r} is not an RFC 3339 instant (§1)")
    y, mo, d, hh, mi, ss = (int(m.group(i)) for i in range(1, 7))
    need(1 <= y <= 9999, f"{what}: {x!r}: year outside 0001-9999 (§1)")
    need(ss <= 59, f"{what}: {x!r}: a leap second is not an instant (§1)")
    try:
        t = datetime(y, mo, d, hh, mi, ss, tzinfo=timezone.utc)
    except ValueError:
        raise Fail(f"{what}: {x!r} is not a real date and time (§1)") from None
    off = m.group(8)
    if off != "Z":
        oh, om = int(off[1:3]), int(off[4:6])
        need(oh <= 23 and om <= 59, f"{what}: {x!r}: bad offset (§1)")
        delta = timedelta(hours=oh, minutes=om)
        try:
            t = t - delta if off[0] == "+" else t + delta
        except OverflowError:
            raise Fail(f"{what}: {x!r}: outside years 0001-9999 in UTC (§1)") from None
    return t


def instant_text(t: datetime) -> str:
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:{t.second:02d}Z"


# ---------------------------------------------------------------------------
# The light checks, in §9 table order. Each takes the proof and a shared context.
# ---------------------------------------------------------------------------


def c_format(p, cx):
    need(isinstance(p, dict), "the proof is not a JSON object")
    same("format", PROOF_FORMAT, p.get("format"))


def c_campaign(p, cx):
    ann = p["announcement"]
    need(isinstance(ann, dict), "announcement: not an object")
    camp = ann["campaign"]
    rd.require_keys("campaign", camp, rd.CAMPAIGN_KEYS)
    rd.require_keys("campaign.targets", camp["targets"], rd.TARGETS_KEYS)
    rd.require_teams_keys("campaign.teams", camp["teams"])   # "assignment" only for v2 (§6.1)
    rd.require_keys("campaign.entropy", camp["entropy"], rd.ENTROPY_KEYS)
    for f in ("id", "title", "lead_department"):
        text(f"campaign.{f}", camp[f])
    tg, tm, en = camp["targets"], camp["teams"], camp["entropy"]
    draw_date = rd.parse_date("campaign.draw_date", camp["draw_date"])
    # Instants in the encoding are canonical UTC text (§2, §1).
    enc = json.loads(json.dumps(camp))
    if en["reveal_deadline"] is not None:
        dl = canonical_instant("campaign.entropy.reveal_deadline", en["reveal_deadline"])
        enc["entropy"]["reveal_deadline"] = instant_text(dl)
        cx["deadline"] = dl
    else:
        cx["deadline"] = None
    ws = en["witnesses"]
    need(isinstance(ws, list) and all(isinstance(w, dict) and set(w) == {"name", "commitment"} for w in ws),
         "campaign.entropy.witnesses: each is {name, commitment}")
    names = [text("witness name", w["name"]) for w in ws]
    need(len(set(names)) == len(names), "witness names are not unique")
    version = rd.assignment_version(camp)   # §6.1: "v1" when absent; an unknown value is refused
    cbytes = rd.campaign_bytes(enc)   # commitments 64 hex, sorted lists, ratios, beacon round, period, start,
    #                                   and for v2 lp("teams.assignment") ‖ lp("v2")
    strata = rd.strata_of(camp)
    need(is_u64(tm["min_size"]) and tm["min_size"] >= 2, "teams.min_size must be >= 2", ">= 2", tm["min_size"])
    need(tm["officer_region"] in ("same", "other", "any"), "teams.officer_region", "same|other|any",
         tm["officer_region"])
    need(en["on_missing_reveal"] in ("void", "proceed"), "entropy.on_missing_reveal", "void|proceed",
         en["on_missing_reveal"])
    need(en["on_missing_reveal"] != "proceed" or en["beacon"] is not None,
         "on_missing_reveal = \"proceed\" needs a beacon")
    for c in tg["exclude_credit_classes"]:
        need(c in rd.CLASSES, f"exclude_credit_classes: {c!r} is not A-D")
    need(tg["categories"] is None or isinstance(tg["categories"], list), "targets.categories")
    per = camp["period"]
    if per is not None:
        s, e = rd.parse_date("period.start", per["start"]), rd.parse_date("period.end", per["end"])
        need(s <= e, "period: start after end")
        need(draw_date <= s, "period: draw_date after period.start")
    if camp["coordination"] is not None:
        need(en["on_missing_reveal"] == "void", "a coordinated campaign needs on_missing_reveal = \"void\" (§3)")
    chash = sha256(cbytes)
    same("campaign_hash", chash.hex(), ann["campaign_hash"])
    cx.update(ann=ann, camp=camp, chash=chash, draw_date=draw_date, strata=strata, names=names,
              wit={w["name"]: w["commitment"] for w in ws}, assignment=version)


def c_announcement(p, cx):
    ann, camp = cx["ann"], cx["camp"]
    tg, tm = camp["targets"], camp["teams"]
    snap = ann["snapshot"]
    roots = snap["roots"]
    rt = {}
    for name in ("items", "entities", "officers", "recusals"):
        r = roots[name]
        need(is_u64(r["size"]), f"snapshot.roots.{name}.size: {r['size']!r}")
        rt[name] = (hexhash(f"snapshot.roots.{name}.hash", r["hash"]), r["size"])
    digest = rc.snapshot_digest(rt)
    same("snapshot digest (from the roots)", digest.hex(), snap["digest"])
    excl = texts("announcement.exclusion", ann["exclusion"])
    need(increasing(excl), "announcement.exclusion: not sorted without repeats")
    same("exclusion_root", mth([ub(u) for u in excl]).hex(), ann["exclusion_root"])
    if tg["exclude_inspected_within_days"] == 0:
        same("exclusion (the rule is off)", [], excl)
    oh = ann["officer_history"]
    need(isinstance(oh, list), "announcement.officer_history: not a list")
    pairs = []
    for x in oh:
        rd.require_keys("officer_history pair", x, {"officer", "target"})
        pairs.append((text("officer", x["officer"]), text("target", x["target"])))
    need(increasing(pairs, key=lambda t: (ub(t[0]), ub(t[1]))),
         "announcement.officer_history: not sorted by officer, then USCC, without repeats")
    same("officer_history_root", mth([rd.officer_history_leaf(o, u) for o, u in pairs]).hex(),
         ann["officer_history_root"])
    if tm["avoid_same_officer_within_days"] == 0:
        same("officer_history (the rule is off)", [], oh)
    dty = texts("announcement.drawn_this_year", ann["drawn_this_year"])
    need(increasing(dty), "announcement.drawn_this_year: not sorted without repeats")
    same("drawn_this_year_root", mth([ub(u) for u in dty]).hex(), ann["drawn_this_year_root"])
    if tg["low_risk_once_a_year"] is not True:
        same("drawn_this_year (the rule is off)", [], dty)
    t_ann = canonical_instant("announced_at", ann["announced_at"])
    co = ann["coordination"]
    ghash = None
    if co is not None:
        rd.require_keys("announcement.coordination", co, {"group", "members", "hash"})
        ghash = hexhash("coordination.hash", co["hash"])
    abytes = rd.announcement_bytes(cx["chash"], digest, len(excl), hexhash("exclusion_root", ann["exclusion_root"]),
                                   hexhash("ledger_head", ann["ledger_head"]), instant_text(t_ann),
                                   len(oh), hexhash("officer_history_root", ann["officer_history_root"]),
                                   len(dty), hexhash("drawn_this_year_root", ann["drawn_this_year_root"]), ghash)
    ahash = sha256(abytes)
    same("announcement hash", ahash.hex(), ann["hash"])
    cx.update(rt=rt, digest=digest, excl=excl, oh_pairs=pairs, dty=dty, t_ann=t_ann, ghash=ghash, ahash=ahash)


def beacon_round_time(p, cx):
    """The beacon's round time: drand from its round number (§4), a lottery's as recorded."""
    b = cx["camp"]["entropy"]["beacon"]
    if b is None:
        return None
    if b["scheme"] == "drand-quicknet":
        r = int(rd.beacon_round_text(b))
        return datetime.fromtimestamp(rd.drand_round_time(r), tz=timezone.utc)
    bp = p["entropy"]["beacon"]
    need(isinstance(bp, dict), "entropy.beacon: missing")
    # A lottery has no round time (null): it is not a clock (§4).
    if bp.get("round_time") is None:
        return None
    return canonical_instant("entropy.beacon.round_time", bp["round_time"])


def c_witnesses(p, cx):
    en = cx["camp"]["entropy"]
    ent = p["entropy"]
    need(isinstance(ent, dict), "entropy: not an object")
    reveals, missing = ent["reveals"], texts("entropy.missing", ent["missing"])
    need(isinstance(reveals, list) and all(isinstance(r, dict) for r in reveals), "entropy.reveals: not a list")
    names, wit = cx["names"], cx["wit"]
    rv = [text("reveal name", r["name"]) for r in reveals]
    same("witnesses (reveals and missing)", sorted(names, key=ub), sorted(rv + missing, key=ub))
    need(len(set(rv + missing)) == len(rv) + len(missing), "a witness appears twice in reveals and missing")
    same("reveals in the campaign's order", [n for n in names if n in rv], rv)
    same("missing in the campaign's order", [n for n in names if n in missing], missing)
    if en["on_missing_reveal"] == "void":
        same("missing (on_missing_reveal = void)", [], missing)
    round_time = beacon_round_time(p, cx)
    deadline = cx["deadline"] if cx["deadline"] is not None else round_time
    t_ann = cx["t_ann"]
    for r in reveals:
        nm = r["name"]
        sec = text(f"reveal {nm}: secret", r["secret"])
        need(len(sec) >= 16, f"reveal {nm}: a secret has at least 16 characters", ">= 16", len(sec))
        same(f"reveal {nm}: commitment", wit[nm], rd.witness_commitment(sec).hex())
        t = canonical_instant(f"reveal {nm}: revealed_at", r["revealed_at"])
        need(t >= t_ann, f"reveal {nm}: revealed before the announcement", f">= {instant_text(t_ann)}",
             instant_text(t))
        if deadline is not None:
            need(t < deadline, f"reveal {nm}: not before the reveal deadline", f"< {instant_text(deadline)}",
                 instant_text(t))
        if round_time is not None:
            need(t < round_time, f"reveal {nm}: not before the beacon round", f"< {instant_text(round_time)}",
                 instant_text(t))
    by = {r["name"]: r["secret"] for r in reveals}
    cx["pairs"] = [(n, by[n]) for n in names if n in by]


def c_beacon(p, cx, not_checked):
    bcfg, bpr = cx["camp"]["entropy"]["beacon"], p["entropy"]["beacon"]
    cx["beacon"] = None
    if bcfg is None:
        same("entropy.beacon (the campaign names none)", None, bpr)
        return
    need(isinstance(bpr, dict), "entropy.beacon: the campaign names a beacon, the proof has none")
    same("beacon scheme", bcfg["scheme"], bpr["scheme"])
    same("beacon round", rd.beacon_round_text(bcfg), rd.beacon_round_text(bpr))
    ev = text("beacon evidence", bpr["evidence"])
    if bcfg["scheme"] == "drand-quicknet":
        r = int(rd.beacon_round_text(bcfg))
        need(re.fullmatch(r"[0-9a-f]{96}", ev) is not None, "beacon evidence: not 48 bytes of lowercase hex "
             "(a compressed G1 signature)")
        sig = bytes.fromhex(ev)
        if bls is not None:
            need(bls.verify_quicknet(r, sig), f"drand quicknet round {r}: the BLS signature does not verify")
        else:
            not_checked.append({"check": "beacon", "who": ["public"],
                                "why": "the drand BLS12-381 signature needs a pairing (bls12_381.py missing)"})
        value = rd.drand_beacon(r, sig)
        want_time = datetime.fromtimestamp(rd.drand_round_time(r), tz=timezone.utc)
        same("beacon round_time (genesis + (r - 1) * period)", instant_text(want_time),
             instant_text(canonical_instant("beacon.round_time", bpr["round_time"])))
    else:
        value = rd.lottery_beacon(bcfg["round"], rd.lottery_canonical(ev))
    same("beacon value", value.hex(), bpr["value"])
    rt_ = beacon_round_time(p, cx)
    if rt_ is not None:
        need(rt_ > cx["t_ann"], "the beacon round is not after the announcement", f"> {instant_text(cx['t_ann'])}",
             instant_text(rt_))
        need(rd.china_date(rt_) <= cx["draw_date"], "the beacon round's China date is after draw_date",
             f"<= {cx['draw_date']}", str(rd.china_date(rt_)))
    else:
        need(bpr.get("round_time") is None, "a lottery has no round time")
    cx["beacon"] = value


def c_coordination(p, cx):
    co_c, co_a = cx["camp"]["coordination"], cx["ann"]["coordination"]
    ga = p["group_announcements"]
    need(isinstance(ga, list), "group_announcements: not a list")
    cx["members"] = []
    if co_c is None:
        same("announcement.coordination (the campaign has none)", None, co_a)
        same("group_announcements (uncoordinated)", [], ga)
        return
    need(co_a is not None, "announcement.coordination missing (the campaign has [coordination])")
    same("coordination group", co_c["group"], co_a["group"])
    members = [hexhash("coordination.members[]", h) for h in co_a["members"]]
    need(increasing(members, key=lambda x: x), "coordination.members: not sorted by hash bytes without repeats")
    same("group hash", rd.group_hash(co_a["group"], members).hex(), co_a["hash"])
    need(cx["chash"] in members, "this campaign's hash is not a member of its group")
    gah = [hexhash("group_announcements[]", h) for h in ga]
    same("group_announcements: one per member", len(members), len(gah))
    i = members.index(cx["chash"])
    same("this announcement's hash at its place in group_announcements", cx["ahash"].hex(), gah[i].hex())
    cx["members"], cx["gah"] = members, gah


def c_seed(p, cx):
    seed = rd.make_seed(cx["ahash"], cx["pairs"], cx["beacon"])
    same("seed", seed.hex(), p["seed"])
    if cx["ghash"] is None:
        prn_seed = seed
    else:
        prn_seed = rd.make_group_seed(cx["ghash"], cx["gah"], cx["pairs"], cx["beacon"])
    same("prn_seed" + (" (the seed)" if cx["ghash"] is None else " (the group seed)"), prn_seed.hex(),
         p["prn_seed"])
    cx.update(seed=seed, prn_seed=prn_seed)


def c_registries(p, cx):
    rt = cx["rt"]
    items, officers = p["items"], p["officers"]
    need(isinstance(items, list) and isinstance(officers, list), "items and officers: lists")
    il = [item_leaf(it, f"items[{i}]") for i, it in enumerate(items)]
    need(increasing([it["code"] for it in items]), "items: not in key order (by code, unique)")
    same("items size", rt["items"][1], len(items))
    same("items root (from the items carried)", rt["items"][0].hex(), mth(il).hex())
    ol = [officer_leaf(o, f"officers[{i}]") for i, o in enumerate(officers)]
    need(increasing([o["id"] for o in officers]), "officers: not in key order (by id, unique)")
    same("officers size", rt["officers"][1], len(officers))
    same("officers root (from the officers carried)", rt["officers"][0].hex(), mth(ol).hex())
    camp = cx["camp"]
    by_code = {it["code"]: it for it in items}
    for code in camp["items"]:
        need(code in by_code, f"campaign item {code} is not in the items registry")
    c_items = {by_code[c]["target_category"] for c in camp["items"]}
    cats = camp["targets"]["categories"]
    if cats is not None:
        for c in cats:
            need(c in c_items, f"directed category {c} is not the target category of a campaign item")
    cx.update(items_by_code=by_code, officers_by_id={o["id"]: o for o in officers},
              C=set(cats) if cats is not None else c_items)


def recusal_leaf(bp):
    rd.require_keys("blocked pair", {k: bp[k] for k in bp if k in
                                     {"officer", "target", "pair_salt", "reason_commitment", "index", "path"}},
                    {"officer", "target", "pair_salt", "reason_commitment", "index", "path"})
    salt = hexhash("pair_salt", bp["pair_salt"])
    return rd.recusal_leaf_from_opening(text("officer", bp["officer"]), text("target", bp["target"]), salt,
                                        hexhash("reason_commitment", bp["reason_commitment"]))


def path_of(x, what):
    need(is_u64(x["index"]), f"{what}: index {x['index']!r}")
    need(isinstance(x["path"], list), f"{what}: path is not a list")
    return x["index"], [hexhash(f"{what}: path[]", h) for h in x["path"]]


def c_inclusion(p, cx):
    targets, bps = p["targets"], p["blocked_pairs"]
    need(isinstance(targets, list) and isinstance(bps, list), "targets and blocked_pairs: lists")
    eroot, esize = cx["rt"]["entities"]
    for t in targets:
        u = t["entity"]["uscc"]
        leaf = entity_leaf(t["entity"], f"target {u!r}")
        idx, path = path_of(t, f"target {u}")
        need(rc.verify_inclusion(idx, esize, rc.leaf_hash(leaf), path, eroot),
             f"target {u}: its record is not leaf {idx} of the announced entities tree")
    rroot, rsize = cx["rt"]["recusals"]
    for bp in bps:
        leaf = recusal_leaf(bp)
        idx, path = path_of(bp, f"blocked pair {bp['officer']}/{bp['target']}")
        need(rc.verify_inclusion(idx, rsize, rc.leaf_hash(leaf), path, rroot),
             f"blocked pair {bp['officer']}/{bp['target']}: its opened leaf is not leaf {idx} of the announced "
             f"recusals tree")


def c_prn(p, cx):
    for t in p["targets"]:
        u = t["entity"]["uscc"]
        same(f"prn of {u}", rd.prn(cx["prn_seed"], u).hex(), t["prn"])


def in_public_pool(e, camp, C, excl_set):
    """§5 rules 1-5 on a public record."""
    tg = camp["targets"]
    return (e["status"] == "in_business"
            and (not tg["regions"] or any(e["region"].startswith(r) for r in tg["regions"]))
            and bool(set(e["categories"]) & C)
            and not set(e["flags"]) & set(tg["exclude_flags"])
            and e["uscc"] not in excl_set)


def c_targets(p, cx):
    camp, C = cx["camp"], cx["C"]
    tg = camp["targets"]
    targets = p["targets"]
    usccs = [t["entity"]["uscc"] for t in targets]
    need(increasing(usccs), "targets: not sorted by USCC without repeats")
    excl = set(cx["excl"])
    rec = []
    for t in targets:
        e, u = t["entity"], t["entity"]["uscc"]
        same(f"target {u}: status", "in_business", e["status"])
        need(not tg["regions"] or any(e["region"].startswith(r) for r in tg["regions"]),
             f"target {u}: region {e['region']} outside {tg['regions']}")
        need(set(e["categories"]) & C, f"target {u}: no category of the campaign")
        need(not set(e["flags"]) & set(tg["exclude_flags"]), f"target {u}: has an excluded flag")
        need(u not in excl, f"target {u}: in the exclusion set")
        its, depts = rd.target_items_departments(e, C, camp["items"], cx["items_by_code"], camp["lead_department"])
        same(f"target {u}: items", its, t["items"])
        same(f"target {u}: departments", depts, t["departments"])
        rec.append({"uscc": u, "region": e["region"], "items": its, "departments": depts})
    cx["recomputed"] = rec
    cx["usccs"] = usccs


def c_strata(p, cx):
    pst = p["strata"]
    need(isinstance(pst, list), "strata: not a list")
    strata = cx["strata"]
    same("strata classes (the campaign's, by class)", [s[0] for s in strata], [s.get("credit_class") for s in pst])
    tot_N = tot_n = 0
    for s, (cls, rule, mn, mx) in zip(pst, strata):
        N = s["pool"]
        need(is_u64(N) and is_u64(s["drawn"]), f"stratum {cls}: pool and drawn are u64")
        same(f"stratum {cls}: drawn from N = {N}", rd.stratum_n(N, rule, mn, mx), s["drawn"])
        hexhash(f"stratum {cls}: threshold_commitment", s["threshold_commitment"])
        tot_N += N
        tot_n += s["drawn"]
    need(is_u64(p["pool_size"]) and is_u64(p["excluded_by_class"]), "pool_size and excluded_by_class are u64")
    same("pool_size (sum of N)", tot_N, p["pool_size"])
    same("number of targets (sum of n)", tot_n, len(p["targets"]))
    tg = cx["camp"]["targets"]
    if not tg["exclude_credit_classes"]:
        if tg["low_risk_once_a_year"]:
            need(p["excluded_by_class"] <= len(cx["dty"]), "excluded_by_class: only rule 7 excludes by class, "
                 "so at most |drawn_this_year|", f"<= {len(cx['dty'])}", p["excluded_by_class"])
        else:
            same("excluded_by_class (no class excluded, no low-risk rule)", 0, p["excluded_by_class"])


def c_blocked_pairs(p, cx):
    depts = {t["uscc"]: set(t["departments"]) for t in cx["recomputed"]}
    obi = cx["officers_by_id"]
    seen = []
    for bp in p["blocked_pairs"]:
        o, u = bp["officer"], bp["target"]
        need(u in depts, f"blocked pair {o}/{u}: {u} is not a drawn target")
        need(o in obi and obi[o]["department"] in depts[u],
             f"blocked pair {o}/{u}: not an officer of one of the target's departments")
        seen.append((o, u))
    need(increasing(seen, key=lambda x: (ub(x[1]), ub(x[0]))),
         "blocked_pairs: not sorted by target, then officer, without repeats")
    cx["blocked"] = set(seen)


def c_teams(p, cx):
    """§6 / §6.1: the assignment of the campaign's version (rd.assign reads teams.assignment) re-run
    from the published targets, officers, blocked pairs and officer-history pairs."""
    drawn = {t["uscc"] for t in cx["recomputed"]}
    blocked = cx["blocked"] | {(o, u) for o, u in cx["oh_pairs"] if u in drawn}
    camp = cx["camp"]
    try:
        teams = rd.assign(cx["seed"], cx["recomputed"], p["officers"], camp, cx["items_by_code"], blocked,
                          camp["draw_date"])
    except rd.Infeasible as e:
        raise Fail(f"the assignment {cx['assignment']} re-run is infeasible: {e}") from None
    cx["teams"] = [{"target": u, "officers": teams[u]} for u in cx["usccs"]]
    pt = p["teams"]
    need(isinstance(pt, list), "teams: not a list")
    same("teams: targets in order", cx["usccs"], [x.get("target") for x in pt])
    for x in pt:
        same(f"team of {x['target']} (assignment {cx['assignment']})", teams[x["target"]], x["officers"])


LIGHT = [("format", c_format), ("campaign", c_campaign), ("announcement", c_announcement),
         ("witnesses", c_witnesses), ("beacon", c_beacon), ("coordination", c_coordination), ("seed", c_seed),
         ("registries", c_registries), ("inclusion", c_inclusion), ("prn", c_prn), ("targets", c_targets),
         ("strata", c_strata), ("blocked_pairs", c_blocked_pairs), ("teams", c_teams)]


# ---------------------------------------------------------------------------
# Running a level, the verdict
# ---------------------------------------------------------------------------


class Stop(Exception):
    pass


class Verdict:
    def __init__(self, level):
        self.level = level
        self.established, self.failed, self.errors, self.not_checked = [], [], [], []
        self.proof = None
        self.teams = None
        self.timings = {}

    def run(self, cid, fn, *args):
        t0 = time.perf_counter()
        try:
            fn(*args)
        except Fail as e:
            self.fail(cid, e.message, e.expected, e.got, e.has_values)
        except (InvalidInput, vj.JsonRefused) as e:
            self.fail(cid, str(e))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as e:
            self.fail(cid, f"malformed ({type(e).__name__}: {e})")
        finally:
            self.timings[cid] = time.perf_counter() - t0
        self.established.append(cid)

    def fail(self, cid, message, expected=None, got=None, has_values=False):
        self.failed.append(cid)
        err = {"check": cid, "message": message}
        if has_values or expected is not None or got is not None:
            err["expected"], err["got"] = expected, got
        self.errors.append(err)
        raise Stop

    def to_json(self):
        p = self.proof if isinstance(self.proof, dict) else {}
        ann = p.get("announcement") if isinstance(p.get("announcement"), dict) else {}
        camp = ann.get("campaign") if isinstance(ann.get("campaign"), dict) else {}

        def s(x):
            return x if isinstance(x, str) else None
        ok = not self.failed
        return {
            "schema": SCHEMA,
            "ok": ok,
            "verdict": "consistent" if ok else "invalid",
            "level": self.level,
            "campaign": s(camp.get("id")),
            "announcement_hash": s(ann.get("hash")),
            "seed": s(p.get("seed")),
            "established": [c for c in CHECKS if c in self.established],
            "failed": self.failed,
            "not_checked": self.not_checked,
            "errors": self.errors,
            "targets": sorted(t["entity"]["uscc"] for t in p["targets"]) if ok else None,
            "teams": self.teams if ok else None,
            "announcement_note": ANNOUNCEMENT_NOTE,
        }


def verify(proof_path, snapshot_path=None):
    """Runs the light (and with a snapshot the public) level. Returns (Verdict, exit code)."""
    import verify_public as vp
    level = "public" if snapshot_path else "light"
    v = Verdict(level)
    for cid in ("public_snapshot", "pool", "cross_stratum") if level == "light" else ():
        v.not_checked.append({"check": cid, "who": NOT_CHECKED[cid][0], "why": NOT_CHECKED[cid][1]})
    for cid in ("stratum_membership", "selection", "recusals", "rerun"):
        v.not_checked.append({"check": cid, "who": NOT_CHECKED[cid][0], "why": NOT_CHECKED[cid][1]})
    code = 1
    try:
        try:
            t0 = time.perf_counter()
            v.proof = vj.load_path(proof_path, vj.MAX_PROOF, "proof")
            v.timings["read proof"] = time.perf_counter() - t0
        except OSError as e:
            code = 2
            v.fail("json", f"cannot read {proof_path}: {e.strerror or e}")
        except vj.JsonRefused as e:
            v.fail("json", f"proof {proof_path}: {e}")
        cx = {}
        for cid, fn in LIGHT:
            if cid == "beacon":
                v.run(cid, fn, v.proof, cx, v.not_checked)
            else:
                v.run(cid, fn, v.proof, cx)
            if cid == "teams":
                v.teams = cx.get("teams")
        if snapshot_path:
            import compact_snapshot as cs
            try:
                t0 = time.perf_counter()
                # COMMITMENTS.md §9: "DDPSNAP2" starts a compact snapshot; anything else is read as JSON v1.
                if cs.is_compact(snapshot_path):
                    snap = cs.Reader(snapshot_path)          # magic and head; the blocks are streamed below
                else:
                    snap = vj.load_path(snapshot_path, vj.MAX_SNAPSHOT, "public snapshot")
                v.timings["read snapshot"] = time.perf_counter() - t0
            except OSError as e:
                code = 2
                v.fail("json", f"cannot read {snapshot_path}: {e.strerror or e}")
            except vj.JsonRefused as e:
                v.fail("json", f"public snapshot {snapshot_path}: {e}")
            except Fail as e:
                v.fail("json", f"public snapshot {snapshot_path}: {e.message}")
            if isinstance(snap, cs.Reader):
                with snap:
                    v.run("public_snapshot", vp.c_public_snapshot_compact, v.proof, snap, cx)
                v.run("pool", vp.c_pool_streamed, v.proof, cx)
                v.run("cross_stratum", vp.c_cross_stratum_streamed, v.proof, cx)
            else:
                v.run("public_snapshot", vp.c_public_snapshot, v.proof, snap, cx)
                v.run("pool", vp.c_pool, v.proof, cx)
                v.run("cross_stratum", vp.c_cross_stratum, v.proof, cx)
        code = 0
    except Stop:
        pass
    return v, code


def human(v: Verdict) -> str:
    j = v.to_json()
    out = [f"dualdraw verify (Python reference, {SCHEMA}): {j['level']} level - {j['verdict'].upper()}",
           f"campaign {j['campaign']}, announcement hash {j['announcement_hash']}",
           f"seed {j['seed']}",
           f"established ({len(j['established'])}): {', '.join(j['established']) or 'nothing'}"]
    for e in j["errors"]:
        line = f"FAILED {e['check']}: {e['message']}"
        if "expected" in e:
            line += f" (expected {e['expected']}, got {e['got']})"
        out.append(line)
    out.append("not checked at this level:")
    for n in j["not_checked"]:
        out.append(f"  {n['check']} ({', '.join(n['who'])}): {n['why']}")
    out.append(f"note: {ANNOUNCEMENT_NOTE}")
    return "\n".join(out)


USAGE = "usage: verify_proof.py PROOF [--snapshot PUBLIC_SNAPSHOT] [--json] [--timings] | --self-test"


def main(argv):
    if argv == ["--self-test"]:
        import verify_selftest
        return verify_selftest.main()
    as_json = timings = False
    snapshot = proof = None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--json":
            as_json = True
        elif a == "--timings":
            timings = True
        elif a == "--snapshot" and i + 1 < len(argv):
            snapshot = argv[i + 1]
            i += 1
        elif a.startswith("--snapshot="):
            snapshot = a[len("--snapshot="):]
        elif not a.startswith("--") and proof is None:
            proof = a
        else:
            print(USAGE, file=sys.stderr)
            return 2
        i += 1
    if proof is None or snapshot == "":
        print(USAGE, file=sys.stderr)
        return 2
    v, code = verify(proof, snapshot)
    if as_json:
        print(json.dumps(v.to_json(), ensure_ascii=False, indent=2))
    else:
        print(human(v))
    if timings:
        print("timings: " + ", ".join(f"{k} {t:.3f}s" for k, t in v.timings.items()), file=sys.stderr)
    return code


if __name__ == "__main__":
    # Run as the module "verify_proof" (not "__main__"), so that verify_public.py, which imports it,
    # shares its classes (Fail).
    import verify_proof
    sys.exit(verify_proof.main(sys.argv[1:]))
