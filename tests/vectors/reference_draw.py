#!/usr/bin/env python3
"""Independent reference implementation of docs/SPEC.md (dualdraw-draw-v1), assignment v1 (§6) and v2 (§6.1).

Written from docs/SPEC.md and docs/COMMITMENTS.md alone (not from the Rust code), so that the known
answers in draw-v1.json and draw-v2.json check the Rust implementation independently. It builds on
reference_commitments.py (the independent implementation of docs/COMMITMENTS.md, same folder).

Usage:
    python3 reference_draw.py                 # draw-v1.json: "primitives" and every "draw*" entry light-verified;
                                              # draw-v2.json: "campaign", "assignment", every "draw*" entry
    python3 reference_draw.py --tamper        # self-test: each of a set of in-memory tampers must fail

Assignment v2 (§6.1): a campaign with teams.assignment = "v2" (TOML [teams], or "assignment" in the
JSON campaign's teams) ends its canonical encoding with lp("teams.assignment") ‖ lp("v2"); absent or
"v1" is v1, encoded as before ("v1" is never written to the JSON campaign); anything else is refused.
assign() re-runs the campaign's version: v2 reads stream(seed, "assign-v2/" ‖ d), shuffles T_d (rank
= place in it) and then O_d, fills the places as v1 in those orders (the search walks the targets an
officer serves by rank), then runs the rotation chain of step 5 (K = P·bitlen(P) steps).
draw-v2.json: "campaign" (the key's encoding and hashes, unknown values refused), "assignment" (the
issue-14 instance built from its description, v1 and v2 teams and the v2 statistics per seed),
"draw_tight_v2" (a complete v2 draw light-verified like the draw-v1 entries).

SPEC.md §1 was amended after this script found the disagreement: below(s, 1) returns 0 without
reading the stream. The vector file holds several complete draws ("draw", "draw_tight", ...):
every key starting with "draw" is light-verified. An entry with a "proofs" list
("draw_coordinated") holds every member of one coordination group: each proof is light-verified
on its own (group hash, its place in the group, group seed, PRNs from the PRN seed) and then the
members are checked against each other (one group hash, the same members, the same
group_announcements, each member's announcement hash in its place, identical entropy sections,
one PRN seed).

SPEC.md was amended on 2026-11-25 (campaign: targets.low_risk_once_a_year, period, coordination;
announcement: officer history, drawn this year, group hash; §4 group seed; §5 pool rule 7, PRN
seed, starting point key = (prn - offset) mod 2^256; §6 officer-history pairs blocked; §7 new
proof fields). This script follows the amended text.

Exit 0 and "draw-v1: N checks passed", "draw-v2: M checks passed" when everything matches, else
exit 1 and one line per difference: "what: expected X, got Y" (X = the value in the vector file, Y =
the value recomputed here). The v2 self-test (random instances) counts with draw-v2.

Standard library only.
"""

import hashlib
import importlib.util
import json
import os
import struct
import sys
import tomllib
from collections import deque
from datetime import date, datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "draw-v1.json")
VECTORS_V2 = os.path.join(HERE, "draw-v2.json")

_spec = importlib.util.spec_from_file_location("reference_commitments",
                                               os.path.join(HERE, "reference_commitments.py"))
rc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rc)

sha256 = rc.sha256
u32be = rc.u32be
u64be = rc.u64be
lp = rc.lp
lst = rc.lst
opt = rc.opt
raw = rc.raw
pad32 = rc.pad32
InvalidInput = rc.InvalidInput

U64 = 1 << 64
M32 = 0xFFFFFFFF

INFO = []

# Diagnostic switch (see the module docstring). False = SPEC.md §1 as written.
BELOW1_NO_DRAW = False

# Used only by --tamper (a forger who leaves the officer-history pairs out of §6). False = SPEC.md §6.
IGNORE_OFFICER_HISTORY = False

# Used only by the v2 self-test (the same run without §6.1 step 5, to compare loads). False = SPEC.md §6.1.
ROTATION_STEPS_OFF = False

# Used only by --tamper (a forger who runs another assignment version than the campaign's). None = §6.1.
ASSIGNMENT_OVERRIDE = None


# ---------------------------------------------------------------------------
# §1 Primitives
# ---------------------------------------------------------------------------


def opt64(x) -> bytes:
    if x is None:
        return b"\x00"
    if not isinstance(x, int) or isinstance(x, bool) or not 0 <= x < U64:
        raise InvalidInput(f"opt64: {x!r} is not a u64")
    return b"\x01" + u64be(x)


def u64(x, what) -> bytes:
    if not isinstance(x, int) or isinstance(x, bool) or not 0 <= x < U64:
        raise InvalidInput(f"{what}: {x!r} is not a u64")
    return u64be(x)


def _rotl(v, c):
    return ((v << c) & M32) | (v >> (32 - c))


def quarter_round(s, a, b, c, d):
    """RFC 8439 §2.1 / §2.2 quarter round on state s (list of 16 u32)."""
    s[a] = (s[a] + s[b]) & M32; s[d] ^= s[a]; s[d] = _rotl(s[d], 16)
    s[c] = (s[c] + s[d]) & M32; s[b] ^= s[c]; s[b] = _rotl(s[b], 12)
    s[a] = (s[a] + s[b]) & M32; s[d] ^= s[a]; s[d] = _rotl(s[d], 8)
    s[c] = (s[c] + s[d]) & M32; s[b] ^= s[c]; s[b] = _rotl(s[b], 7)


def chacha20_block(key: bytes, counter: int, nonce: bytes) -> bytes:
    """RFC 8439 §2.3: 20 rounds (10 double rounds), 32-byte key, 32-bit counter, 96-bit nonce."""
    if len(key) != 32 or len(nonce) != 12 or not 0 <= counter <= M32:
        raise ValueError("chacha20_block: bad key, nonce or counter")
    state = ([0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]
             + list(struct.unpack("<8I", key)) + [counter] + list(struct.unpack("<3I", nonce)))
    w = list(state)
    for _ in range(10):
        quarter_round(w, 0, 4, 8, 12)
        quarter_round(w, 1, 5, 9, 13)
        quarter_round(w, 2, 6, 10, 14)
        quarter_round(w, 3, 7, 11, 15)
        quarter_round(w, 0, 5, 10, 15)
        quarter_round(w, 1, 6, 11, 12)
        quarter_round(w, 2, 7, 8, 13)
        quarter_round(w, 3, 4, 9, 14)
    return struct.pack("<16I", *[(x + y) & M32 for x, y in zip(w, state)])


def stream_key(seed: bytes, label: str) -> bytes:
    return sha256(lp("dualdraw-stream-v1") + raw(seed) + lp(label))


class Stream:
    """stream(seed, label): ChaCha20 keystream, zero nonce, block counter from 0."""

    def __init__(self, seed: bytes, label: str):
        self.key = stream_key(seed, label)
        self.counter = 0
        self.buf = b""
        self.pos = 0

    def next_bytes(self, n):
        out = b""
        while len(out) < n:
            if self.pos >= len(self.buf):
                if self.counter > M32:
                    raise ValueError("stream exhausted (2^32 blocks)")
                self.buf = chacha20_block(self.key, self.counter, bytes(12))
                self.counter += 1
                self.pos = 0
            take = min(n - len(out), len(self.buf) - self.pos)
            out += self.buf[self.pos:self.pos + take]
            self.pos += take
        return out

    def next_u64(self) -> int:
        return int.from_bytes(self.next_bytes(8), "little")


def below(s: Stream, n: int) -> int:
    """SPEC §1: n = 1 gives 0 without reading; else t = (2^64 - n) mod n; repeat x = next_u64()
    until x >= t; return x mod n."""
    if not 1 <= n < U64:
        raise ValueError(f"below: n = {n} out of range")
    if n == 1:
        return 0
    t = (U64 - n) % n
    while True:
        x = s.next_u64()
        if x >= t:
            return x % n


def shuffle(s: Stream, v: list) -> list:
    for i in range(len(v) - 1, 0, -1):
        j = below(s, i + 1)
        v[i], v[j] = v[j], v[i]
    return v


PRN_PREFIX = pad32("dualdraw-prn-v1")


def prn(seed: bytes, uscc: str) -> bytes:
    return sha256(PRN_PREFIX + raw(seed) + lp(uscc))


def witness_commitment(secret: str) -> bytes:
    return sha256(lp("dualdraw-witness-v1") + lp(secret))


def lottery_canonical(result: str) -> str:
    """§4: groups separated by '/'; each group sorted ascending, decimal without leading zeros,
    joined by '.', every group ended by '/'. ASSUMPTION (spec silent): inside a group the input
    separates numbers by ',' (as in the vector) or by whitespace; empty groups are refused."""
    if not isinstance(result, str):
        raise InvalidInput(f"lottery result: {result!r} is not a text")
    groups = result.split("/")
    if groups and groups[-1].strip() == "" and len(groups) > 1:
        groups = groups[:-1]          # tolerate a trailing '/' (canonical text itself)
    out = ""
    for g in groups:
        toks = [t for t in g.replace(",", " ").replace(".", " ").split() if t]
        if not toks:
            raise InvalidInput(f"lottery result {result!r}: empty group")
        nums = []
        for t in toks:
            if not t.isascii() or not t.isdigit():
                raise InvalidInput(f"lottery result {result!r}: {t!r} is not a decimal integer")
            nums.append(int(t))
        nums.sort()
        out += ".".join(str(n) for n in nums) + "/"
    return out


def lottery_beacon(round_name: str, canonical: str) -> bytes:
    return sha256(lp("dualdraw-beacon-v1") + lp("lottery") + lp(round_name) + lp(canonical))


DRAND_CHAIN = "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971"
DRAND_GENESIS = 1692803367
DRAND_PERIOD = 3


def drand_round_time(r: int) -> int:
    return DRAND_GENESIS + (r - 1) * DRAND_PERIOD


def drand_beacon(r: int, signature: bytes) -> bytes:
    randomness = sha256(signature)
    return sha256(lp("dualdraw-beacon-v1") + lp("drand-quicknet") + lp(str(r)) + raw(randomness))


def make_seed(announcement_hash: bytes, reveals, beacon) -> bytes:
    """reveals: [(name, secret)] in the campaign's order; beacon: 32 bytes or None."""
    data = lp("dualdraw-seed-v1") + raw(announcement_hash) + u32be(len(reveals))
    for name, secret in reveals:
        data += lp(name) + lp(secret)
    data += b"\x00" if beacon is None else b"\x01" + raw(beacon)
    return sha256(data)


def group_hash(group: str, members) -> bytes:
    """§3: SHA-256(lp("dualdraw-group-v1") ‖ lp(group) ‖ u32be(m) ‖ raw(campaign_hash)…), the m
    members sorted by hash bytes (the caller checks the order; this hashes them as given)."""
    data = lp("dualdraw-group-v1") + lp(group) + u32be(len(members))
    for h in members:
        data += raw(h)
    return sha256(data)


def make_group_seed(ghash: bytes, announcement_hashes, reveals, beacon) -> bytes:
    """§4: group_seed = SHA-256(lp("dualdraw-group-seed-v1") ‖ raw(group_hash) ‖ u32be(m) ‖
    raw(announcement_hash)… ‖ u32be(k) ‖ (lp(name) ‖ lp(secret))… ‖ beacon). announcement_hashes in
    the order of the members' campaign hashes; reveals as for the seed."""
    data = lp("dualdraw-group-seed-v1") + raw(ghash) + u32be(len(announcement_hashes))
    for h in announcement_hashes:
        data += raw(h)
    data += u32be(len(reveals))
    for name, secret in reveals:
        data += lp(name) + lp(secret)
    data += b"\x00" if beacon is None else b"\x01" + raw(beacon)
    return sha256(data)


U256 = 1 << 256


def start_offset(p: int, q: int) -> bytes:
    """§5 starting point: offset = floor(p · 2^256 / q) by the spec's long division (32 bytes, r = p;
    byte = (256·r) div q, r = (256·r) mod q), big-endian. 0 <= p < q."""
    if not (0 <= p < q):
        raise InvalidInput(f"coordination.start {p}/{q}: need 0 <= p < q")
    r = p
    out = bytearray()
    for _ in range(32):
        out.append((256 * r) // q)
        r = (256 * r) % q
    return bytes(out)


def prn_key(prn_value: bytes, offset: bytes) -> bytes:
    """§5: key = (prn − offset) mod 2^256, both read as 256-bit big-endian integers."""
    k = (int.from_bytes(prn_value, "big") - int.from_bytes(offset, "big")) % U256
    return k.to_bytes(32, "big")


# Dates and instants -------------------------------------------------------


def parse_date(what, x) -> date:
    if not (isinstance(x, str) and len(x) == 10 and x[4] == "-" and x[7] == "-"
            and (x[:4] + x[5:7] + x[8:]).isascii() and (x[:4] + x[5:7] + x[8:]).isdigit()):
        raise InvalidInput(f"{what}: {x!r} is not YYYY-MM-DD")
    try:
        return date(int(x[:4]), int(x[5:7]), int(x[8:]))
    except ValueError:
        raise InvalidInput(f"{what}: {x!r} is not a real calendar date") from None


def parse_instant(what, x) -> datetime:
    ok = (isinstance(x, str) and len(x) == 20 and x[4] == "-" and x[7] == "-" and x[10] == "T"
          and x[13] == ":" and x[16] == ":" and x[19] == "Z")
    if ok:
        digits = x[:4] + x[5:7] + x[8:10] + x[11:13] + x[14:16] + x[17:19]
        ok = digits.isascii() and digits.isdigit()
    if not ok:
        raise InvalidInput(f"{what}: {x!r} is not an instant YYYY-MM-DDTHH:MM:SSZ")
    try:
        return datetime(int(x[:4]), int(x[5:7]), int(x[8:10]), int(x[11:13]), int(x[14:16]),
                        int(x[17:19]), tzinfo=timezone.utc)
    except ValueError:
        raise InvalidInput(f"{what}: {x!r} is not a real instant") from None


def china_date(instant: datetime) -> date:
    """§1: the China date of an instant is the (UTC) date of the instant plus 8 hours."""
    return (instant + timedelta(hours=8)).date()


def parse_hash(what, x) -> bytes:
    if not (isinstance(x, str) and len(x) == 64 and all(c in "0123456789abcdef" for c in x)):
        raise InvalidInput(f"{what}: {x!r} is not 64 lowercase hex digits")
    return bytes.fromhex(x)


# ---------------------------------------------------------------------------
# §2 The campaign
# ---------------------------------------------------------------------------

CLASSES = ("A", "B", "C", "D")


def parse_ratio(text):
    """'3%', '2.5%', '1/30', '0.03' -> (p, q) in lowest terms, 0 <= p <= q, q >= 1. Exact."""
    if not isinstance(text, str) or not text.isascii():
        raise InvalidInput(f"ratio: {text!r} is not a text")

    def decimal(t):
        if t.count(".") > 1 or t in ("", "."):
            raise InvalidInput(f"ratio {text!r}: bad number {t!r}")
        whole, _, frac = t.partition(".")
        if not (whole + frac).isdigit() or whole == "" or ("." in t and frac == ""):
            raise InvalidInput(f"ratio {text!r}: bad number {t!r}")
        return int(whole + frac), 10 ** len(frac)

    if text.endswith("%"):
        p, q = decimal(text[:-1])
        q *= 100
    elif "/" in text:
        a, _, b = text.partition("/")
        if not (a.isdigit() and b.isdigit()):
            raise InvalidInput(f"ratio {text!r}: bad fraction")
        p, q = int(a), int(b)
    else:
        p, q = decimal(text)
    if q < 1 or p > q:
        raise InvalidInput(f"ratio {text!r}: need 0 <= p/q <= 1 with q >= 1")
    from math import gcd
    g = gcd(p, q) or 1
    p, q = p // g, q // g
    if q >= U64:
        raise InvalidInput(f"ratio {text!r}: denominator too large")
    return p, q


def sorted_unique(what, xs):
    if not isinstance(xs, list) or not all(isinstance(x, str) for x in xs):
        raise InvalidInput(f"{what}: expected a list of texts, got {xs!r}")
    keys = sorted(x.encode("utf-8") for x in xs)
    for a, b in zip(keys, keys[1:]):
        if a == b:
            raise InvalidInput(f"{what}: duplicate {a.decode()!r}")
    return [k.decode("utf-8") for k in keys]


def strata_of(campaign):
    """-> list of (class, rule, min, max) sorted by class token; rule = ('ratio', p, q) | ('count', n)."""
    out = []
    for i, st in enumerate(campaign["targets"]["strata"]):
        cls = st["credit_class"]
        if cls not in CLASSES:
            raise InvalidInput(f"strata[{i}].credit_class: {cls!r} is not A-D")
        rule = st["rule"]
        if not isinstance(rule, dict) or len(rule) != 1:
            raise InvalidInput(f"strata[{i}].rule: {rule!r} must hold exactly one of ratio, count")
        if "ratio" in rule:
            p, q = parse_ratio(rule["ratio"])
            r = ("ratio", p, q)
        elif "count" in rule:
            c = rule["count"]
            if not isinstance(c, int) or isinstance(c, bool) or not 0 <= c < U64:
                raise InvalidInput(f"strata[{i}].rule.count: {c!r}")
            r = ("count", c)
        else:
            raise InvalidInput(f"strata[{i}].rule: {rule!r}")
        mn, mx = st.get("min"), st.get("max")
        for nm, v in (("min", mn), ("max", mx)):
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or not 0 <= v < U64):
                raise InvalidInput(f"strata[{i}].{nm}: {v!r}")
        out.append((cls, r, mn, mx))
    out.sort(key=lambda t: t[0])
    for a, b in zip(out, out[1:]):
        if a[0] == b[0]:
            raise InvalidInput(f"strata: class {a[0]} appears twice")
    return out


def campaign_bytes(c) -> bytes:
    t = c["targets"]
    tm = c["teams"]
    en = c["entropy"]
    data = lp("dualdraw-campaign-v1")
    data += lp(c["id"]) + lp(c["title"]) + lp(c["lead_department"]) + lp(c["draw_date"])
    data += lst(sorted_unique("items", c["items"]))
    cats = t["categories"]
    data += b"\x00" if cats is None else b"\x01" + lst(sorted_unique("targets.categories", cats))
    data += lst(sorted_unique("targets.regions", t["regions"]))
    data += lst(sorted_unique("targets.exclude_flags", t["exclude_flags"]))
    data += lst(sorted_unique("targets.exclude_credit_classes", t["exclude_credit_classes"]))
    data += u64(t["exclude_inspected_within_days"], "targets.exclude_inspected_within_days")
    strata = strata_of(c)
    data += u32be(len(strata))
    for cls, rule, mn, mx in strata:
        data += lp(cls)
        if rule[0] == "ratio":
            data += b"\x01" + u64be(rule[1]) + u64be(rule[2])
        else:
            data += b"\x02" + u64be(rule[1])
        data += opt64(mn) + opt64(mx)
    data += u64(tm["min_size"], "teams.min_size") + u64(tm["per_department"], "teams.per_department")
    data += opt64(tm["max_targets_per_officer"])
    data += lp(tm["officer_region"])
    data += u64(tm["avoid_same_officer_within_days"], "teams.avoid_same_officer_within_days")
    ws = en["witnesses"]
    data += u32be(len(ws))
    for w in ws:
        data += lp(w["name"]) + raw(parse_hash("witness commitment", w["commitment"]))
    b = en["beacon"]
    if b is None:
        data += b"\x00"
    else:
        data += b"\x01" + lp(b["scheme"]) + lp(beacon_round_text(b))
    data += opt(en["reveal_deadline"])
    data += lp(en["on_missing_reveal"])
    # Amendment of 2026-11-25: bool(targets.low_risk_once_a_year) ‖ period ‖ coordination.
    lr = t["low_risk_once_a_year"]
    if not isinstance(lr, bool):
        raise InvalidInput(f"targets.low_risk_once_a_year: {lr!r} is not a boolean")
    data += b"\x01" if lr else b"\x00"
    per = c["period"]
    if per is None:
        data += b"\x00"
    else:
        require_keys("campaign.period", per, {"start", "end"})
        parse_date("period.start", per["start"])
        parse_date("period.end", per["end"])
        data += b"\x01" + lp(per["start"]) + lp(per["end"])
    co = c["coordination"]
    if co is None:
        data += b"\x00"
    else:
        require_keys("campaign.coordination", co, {"group", "start"})
        if not isinstance(co["group"], str):
            raise InvalidInput(f"coordination.group: {co['group']!r} is not a text")
        p, q = parse_start(co["start"])
        data += b"\x01" + lp(co["group"]) + u64be(p) + u64be(q)
    # §6.1: only for assignment v2, lp("teams.assignment") ‖ lp("v2"); nothing for v1 (absent or "v1").
    if assignment_version(c) == "v2":
        data += lp("teams.assignment") + lp("v2")
    return data


ASSIGNMENT_VERSIONS = ("v1", "v2")


def assignment_version(campaign) -> str:
    """§6.1: teams.assignment, "v1" when absent. "v1" itself is accepted (it is never written) and
    means exactly the same as no key; any other value is refused."""
    tm = campaign["teams"]
    if "assignment" not in tm:
        return "v1"
    a = tm["assignment"]
    if not isinstance(a, str) or a not in ASSIGNMENT_VERSIONS:
        raise InvalidInput(f"teams.assignment: {a!r} is not \"v1\" or \"v2\"")
    return a


def parse_start(text):
    """coordination.start -> (p, q) in lowest terms with 0 <= p < q (§2). The proof writes "p/q"
    (§7). ASSUMPTION (docs/CAMPAIGN.md does not document the key): the TOML accepts the ratio
    spellings of a stratum ("1/3", "25%", "0.25")."""
    p, q = parse_ratio(text)
    if not p < q:
        raise InvalidInput(f"coordination.start {text!r}: need 0 <= start < 1")
    return p, q


def start_of(campaign):
    """(p, q) of the campaign's starting point; (0, 1) without coordination (offset 0)."""
    co = campaign.get("coordination")
    return (0, 1) if co is None else parse_start(co["start"])


def beacon_round_text(b) -> str:
    """'round as decimal text, or a lottery draw's name'. ASSUMPTION: in JSON a drand round may be
    a number or a decimal text; either is written as decimal without leading zeros."""
    r = b["round"]
    if b["scheme"] == "drand-quicknet":
        if isinstance(r, bool):
            raise InvalidInput(f"beacon.round: {r!r}")
        if isinstance(r, str):
            if not (r.isascii() and r.isdigit()) or (len(r) > 1 and r[0] == "0"):
                raise InvalidInput(f"beacon.round: {r!r} is not decimal text")
            r = int(r)
        if not isinstance(r, int) or not 1 <= r < U64:
            raise InvalidInput(f"beacon.round: {r!r}")
        return str(r)
    if b["scheme"] == "lottery":
        if not isinstance(r, str) or r == "":
            raise InvalidInput(f"beacon.round: {r!r} is not a draw's name")
        return r
    raise InvalidInput(f"beacon.scheme: {b['scheme']!r} is not drand-quicknet or lottery")


CAMPAIGN_KEYS = {"id", "title", "lead_department", "draw_date", "items", "targets", "teams", "entropy",
                 "period", "coordination"}
TARGETS_KEYS = {"categories", "regions", "exclude_flags", "exclude_credit_classes",
                "exclude_inspected_within_days", "strata", "low_risk_once_a_year"}
TEAMS_KEYS = {"min_size", "per_department", "max_targets_per_officer", "officer_region",
              "avoid_same_officer_within_days"}
ENTROPY_KEYS = {"witnesses", "beacon", "reveal_deadline", "on_missing_reveal"}
# §6.1: the JSON campaign carries "assignment" in teams only for v2 (a reader also takes "v1").
TEAMS_KEYS_WITH_ASSIGNMENT = TEAMS_KEYS | {"assignment"}


def require_teams_keys(what, tm):
    """The campaign's teams table: TEAMS_KEYS, optionally with "assignment" (§6.1)."""
    if isinstance(tm, dict) and "assignment" in tm:
        require_keys(what, tm, TEAMS_KEYS_WITH_ASSIGNMENT)
    else:
        require_keys(what, tm, TEAMS_KEYS)


def toml_date(x):
    """A date quoted or as a TOML date (docs/CAMPAIGN.md allows both for draw_date)."""
    return x.isoformat() if isinstance(x, date) else x


def campaign_from_toml(text):
    """The campaign TOML after the defaults of docs/CAMPAIGN.md, in the JSON shape of the proof.
    ASSUMPTION: docs/CAMPAIGN.md does not (yet) document the keys of the 2026-11-25 amendment; taken
    here as targets.low_risk_once_a_year (default false), [period] start/end (default none) and
    [coordination] group/start (default none; start required in the table)."""
    d = tomllib.loads(text)
    t = d.get("targets", {})
    tm = d.get("teams", {})
    en = d.get("entropy", {})
    per = d.get("period")
    co = d.get("coordination")
    if co is not None:
        p, q = parse_start(co["start"])
        co = {"group": co["group"], "start": f"{p}/{q}"}
    strata = []
    for st in t.get("strata", []):
        if "ratio" in st:
            p, q = parse_ratio(st["ratio"])
            rule = {"ratio": f"{p}/{q}"}
        else:
            rule = {"count": st["count"]}
        strata.append({"credit_class": st["credit_class"], "max": st.get("max"), "min": st.get("min"),
                       "rule": rule})
    beacon = en.get("beacon")
    if beacon is not None:
        # SPEC §2/§7: the round is decimal text (a JSON string), whether the TOML wrote a number or text.
        beacon = {"round": beacon_round_text(beacon), "scheme": beacon["scheme"]}
    out = {
        "coordination": co,
        "draw_date": toml_date(d["draw_date"]),
        "entropy": {
            "beacon": beacon,
            "on_missing_reveal": en.get("on_missing_reveal", "void"),
            "reveal_deadline": en.get("reveal_deadline"),
            "witnesses": [{"commitment": w["commitment"], "name": w["name"]} for w in en.get("witnesses", [])],
        },
        "id": d["id"],
        "items": sorted_unique("items", d["items"]),
        "lead_department": d["lead_department"],
        "period": None if per is None else {"end": toml_date(per["end"]), "start": toml_date(per["start"])},
        "targets": {
            "categories": sorted_unique("targets.categories", t["categories"]) if "categories" in t else None,
            "exclude_credit_classes": sorted_unique("x", t.get("exclude_credit_classes", [])),
            "exclude_flags": sorted_unique("x", t.get("exclude_flags", [])),
            "exclude_inspected_within_days": t.get("exclude_inspected_within_days", 0),
            "low_risk_once_a_year": t.get("low_risk_once_a_year", False),
            "regions": sorted_unique("x", t.get("regions", [])),
            "strata": strata,
        },
        "teams": {
            "avoid_same_officer_within_days": tm.get("avoid_same_officer_within_days", 0),
            "max_targets_per_officer": tm.get("max_targets_per_officer"),
            "min_size": tm.get("min_size", 2),
            "officer_region": tm.get("officer_region", "any"),
            "per_department": tm.get("per_department", 1),
        },
        "title": d["title"],
    }
    # §6.1: [teams] assignment = "v2" is carried in the JSON campaign; "v1" (the default) is never written;
    # any other value is refused like any campaign error.
    # A campaign file without the key is a new campaign: v2 (the TOML default since issue 14); a JSON
    # campaign without it is v1 (announced before v2).
    version = assignment_version({"teams": {"assignment": tm.get("assignment", "v2")}})
    if version == "v2":
        out["teams"]["assignment"] = "v2"
    return out


# ---------------------------------------------------------------------------
# §3 The announcement
# ---------------------------------------------------------------------------


def exclusion_root(usccs) -> bytes:
    """Exclusion set and drawn-this-year: RFC 6962 root over the USCC texts (empty: SHA-256(""))."""
    return rc.mth([u.encode("utf-8") for u in usccs])


def officer_history_leaf(officer: str, uscc: str) -> bytes:
    """§3: each officer-history leaf is lp(officer) ‖ lp(uscc)."""
    return lp(officer) + lp(uscc)


def officer_history_root(pairs) -> bytes:
    return rc.mth([officer_history_leaf(o, u) for o, u in pairs])


def announcement_bytes(campaign_hash, snapshot_digest, exclusion_count, excl_root, ledger_head,
                       announced_at, officer_history_count, oh_root, drawn_this_year_count, dty_root,
                       ghash) -> bytes:
    """§3 (amended): ... ‖ lp(announced_at) ‖ u64be(officer_history_count) ‖ raw(officer_history_root)
    ‖ u64be(drawn_this_year_count) ‖ raw(drawn_this_year_root) ‖ group: 0x00 | 0x01 ‖ raw(group_hash)."""
    return (lp("dualdraw-announcement-v1") + raw(campaign_hash) + raw(snapshot_digest)
            + u64be(exclusion_count) + raw(excl_root) + raw(ledger_head) + lp(announced_at)
            + u64be(officer_history_count) + raw(oh_root)
            + u64be(drawn_this_year_count) + raw(dty_root)
            + (b"\x00" if ghash is None else b"\x01" + raw(ghash)))


# ---------------------------------------------------------------------------
# Leaves from public records (COMMITMENTS.md §4, §7)
# ---------------------------------------------------------------------------

USCC_ALPHABET = set("0123456789ABCDEFGHJKLMNPQRTUWXY")
ENTITY_RECORD_KEYS = {"uscc", "name", "kind", "categories", "industry", "region", "township", "status",
                      "established", "flags", "credit_class_commitment"}
OFFICER_RECORD_KEYS = {"id", "name", "department", "unit", "region", "qualifications", "status", "cert_expiry"}
ITEM_RECORD_KEYS = {"code", "name", "department", "item_type", "target_category", "method", "basis",
                    "qualification"}


def require_keys(what, rec, keys):
    if not isinstance(rec, dict) or set(rec) != keys:
        got = set(rec) if isinstance(rec, dict) else rec
        raise InvalidInput(f"{what}: fields {sorted(got)} are not {sorted(keys)}")


def require_region(what, x):
    if not (isinstance(x, str) and len(x) == 6 and x.isascii() and x.isdigit()):
        raise InvalidInput(f"{what}: {x!r} is not 6 digits")
    return x


def entity_leaf_from_record(en) -> bytes:
    require_keys("entity record", en, ENTITY_RECORD_KEYS)
    uscc = rc.require_uscc("entity.uscc", en["uscc"])
    if not set(uscc) <= USCC_ALPHABET:
        raise InvalidInput(f"entity.uscc: {uscc!r} has a character outside the GB 32100-2015 alphabet")
    if en["established"] is not None:
        parse_date("entity.established", en["established"])
    return (
        lp("dualdraw-leaf-v1/entity")
        + lp(uscc)
        + lp(rc.require_text("entity.name", en["name"]))
        + lp(rc.require_token("entity.kind", en["kind"], rc.ENTITY_KINDS))
        + lst(rc.require_sorted_unique("entity.categories", en["categories"]))
        + lp(rc.require_text("entity.industry", en["industry"]))
        + lp(require_region("entity.region", en["region"]))
        + opt(rc.require_opt_text("entity.township", en["township"]))
        + lp(rc.require_token("entity.status", en["status"], rc.ENTITY_STATUSES))
        + opt(en["established"])
        + lst(rc.require_sorted_unique("entity.flags", en["flags"]))
        + raw(parse_hash("entity.credit_class_commitment", en["credit_class_commitment"]))
    )


def officer_leaf_from_record(of) -> bytes:
    require_keys("officer record", of, OFFICER_RECORD_KEYS)
    require_region("officer.region", of["region"])
    parse_date("officer.cert_expiry", of["cert_expiry"])
    return rc.officer_leaf(of)


def item_leaf_from_record(it) -> bytes:
    require_keys("item record", it, ITEM_RECORD_KEYS)
    return rc.item_leaf(it)


def recusal_leaf_from_opening(officer_id, uscc, pair_salt: bytes, reason_commitment: bytes) -> bytes:
    pair = rc.commitment(pair_salt, rc.recusal_pair_values(officer_id, uscc))
    return lp("dualdraw-leaf-v1/recusal") + raw(pair) + raw(reason_commitment)


def gb32100_check_ok(uscc) -> bool:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    try:
        s = sum(chars.index(c) * w for c, w in zip(uscc[:17], weights))
    except ValueError:
        return False
    return chars[(31 - s % 31) % 31] == uscc[17]


# ---------------------------------------------------------------------------
# §5 Strata arithmetic
# ---------------------------------------------------------------------------


def stratum_n(N, rule, mn, mx):
    if rule[0] == "ratio":
        _, p, q = rule
        n = (N * p + q - 1) // q          # exact; fits 128 bits for u64 inputs
    else:
        n = rule[1]
    if mn is not None:
        n = max(n, mn)
    if mx is not None:
        n = min(n, mx)
    return min(n, N)


# ---------------------------------------------------------------------------
# §6 Teams
# ---------------------------------------------------------------------------


class Infeasible(Exception):
    pass


def ub(x: str) -> bytes:
    return x.encode("utf-8")


def target_items_departments(entity, C, campaign_items, items_by_code, lead):
    cats = set(entity["categories"]) & C
    its = sorted((code for code in campaign_items if items_by_code[code]["target_category"] in cats), key=ub)
    depts = {items_by_code[code]["department"] for code in its}
    ordered = ([lead] if lead in depts else []) + sorted(depts - {lead}, key=ub)
    return its, ordered


def demands(depts, per_department, min_size):
    r = {d: per_department for d in depts}
    total = per_department * len(depts)
    if total < min_size and depts:
        delta = min_size - total
        for i in range(delta):
            r[depts[i % len(depts)]] += 1
    return r


def assign(seed, targets, officers, campaign, items_by_code, blocked, draw_date, stats=None):
    """Re-runs §6 (assignment v1, stream(seed, "assign/" + d) per department) or, when the campaign's
    teams.assignment is "v2", §6.1 (stream(seed, "assign-v2/" + d): targets and officers shuffled,
    the search in those orders, then the rotation chain). targets: list of dicts {uscc, region,
    items, departments} (already recomputed); officers: list of officer records; blocked: set of
    (officer_id, uscc).
    Returns {uscc: [officer ids in the team order]} or raises Infeasible. `stats` (a dict) counts
    places, picks among one least-loaded candidate and augmenting searches, and for v2 the rotation
    steps (Σ K) and the rotations made."""
    if stats is None:
        stats = {}
    for key in ("places", "single_candidate_picks", "searches", "rotation_steps", "rotations_made"):
        stats.setdefault(key, 0)
    v2 = (ASSIGNMENT_OVERRIDE or assignment_version(campaign)) == "v2"
    tm = campaign["teams"]
    per, min_size = tm["per_department"], tm["min_size"]
    mx = tm["max_targets_per_officer"]
    region_rule = tm["officer_region"]
    tinfo = {}
    for t in targets:
        r = demands(t["departments"], per, min_size)
        q = {}
        for d in t["departments"]:
            q[d] = {items_by_code[c]["qualification"] for c in t["items"]
                    if items_by_code[c]["department"] == d and items_by_code[c]["qualification"] is not None}
        tinfo[t["uscc"]] = {"r": r, "Q": q, "region": t["region"], "depts": t["departments"]}

    def eligible(o, u, d):
        ti = tinfo[u]
        if o["department"] != d or o["status"] != "active":
            return False
        if not draw_date <= o["cert_expiry"]:          # both YYYY-MM-DD: text order is date order
            return False
        if not ti["Q"][d] <= set(o["qualifications"]):
            return False
        if region_rule == "same" and o["region"] != ti["region"]:
            return False
        if region_rule == "other" and o["region"] == ti["region"]:
            return False
        if region_rule not in ("same", "other", "any"):
            raise InvalidInput(f"teams.officer_region: {region_rule!r}")
        return (o["id"], u) not in blocked

    depts_all = sorted({d for ti in tinfo.values() for d in ti["r"]}, key=ub)
    by_dept = {d: sorted((o for o in officers if o["department"] == d), key=lambda o: ub(o["id"]))
               for d in depts_all}

    # Every place on its own first (§6, "Before assigning").
    problems = []
    for u in sorted(tinfo, key=ub):
        for d in tinfo[u]["depts"]:
            el = [o["id"] for o in by_dept[d] if eligible(o, u, d)]
            if len(el) < tinfo[u]["r"][d]:
                problems.append(f"{u}/{d}: demand {tinfo[u]['r'][d]}, eligible {len(el)} {el}")
    if problems:
        raise Infeasible("; ".join(problems))

    team = {u: {d: set() for d in tinfo[u]["depts"]} for u in tinfo}
    for d in depts_all:
        s = Stream(seed, ("assign-v2/" if v2 else "assign/") + d)
        T = sorted((u for u in tinfo if tinfo[u]["r"].get(d, 0) > 0), key=ub)
        shuffle(s, T)
        if v2:
            # §6.1 steps 1-2: a target's rank is its place in the shuffled T_d; O_d is shuffled too,
            # and "in O_d order" below means this order. The search walks the targets an officer
            # serves by rank (step 4).
            rank = {u: i for i, u in enumerate(T)}
            O = shuffle(s, list(by_dept[d]))
            served_order = rank.__getitem__
        else:
            O = by_dept[d]
            served_order = ub
        load = {o["id"]: 0 for o in O}
        serves = {o["id"]: set() for o in O}

        def cap_ok(oid):
            return mx is None or load[oid] < mx

        for u in T:
            for _ in range(tinfo[u]["r"][d]):
                stats["places"] += 1
                cands = [o["id"] for o in O if eligible(o, u, d) and o["id"] not in team[u][d] and cap_ok(o["id"])]
                if cands:
                    m = min(load[c] for c in cands)
                    L = [c for c in cands if load[c] == m]
                    if len(L) == 1:
                        stats["single_candidate_picks"] += 1
                    pick = L[below(s, len(L))]
                    team[u][d].add(pick)
                    load[pick] += 1
                    serves[pick].add(u)
                    continue
                # Augmenting search (breadth first; no randomness).
                stats["searches"] += 1
                parent = {}
                queue = deque()
                for o in O:
                    if eligible(o, u, d) and o["id"] not in team[u][d]:
                        parent[o["id"]] = (u, None)
                        queue.append(o["id"])
                found = None
                while queue and found is None:
                    oid = queue.popleft()
                    for t2 in sorted(serves[oid], key=served_order):
                        for o2 in O:
                            o2id = o2["id"]
                            if o2id in parent or not eligible(o2, t2, d) or o2id in team[t2][d]:
                                continue
                            parent[o2id] = (t2, oid)
                            if cap_ok(o2id):
                                found = o2id
                                break
                            queue.append(o2id)
                        if found is not None:
                            break
                if found is None:
                    met = sorted({u} | {p[0] for p in parent.values()}, key=ub)
                    raise Infeasible(f"department {d}: targets {met} cannot all be staffed (Hall)")
                load[found] += 1
                cur = found
                while True:
                    tj, prev = parent[cur]
                    team[tj][d].add(cur)
                    serves[cur].add(tj)
                    if prev is None:
                        break
                    team[tj][d].remove(prev)
                    serves[prev].remove(tj)
                    cur = prev
        if v2:
            rotation_chain(s, d, T, O, team, tinfo, eligible, region_rule, stats)
    out = {}
    for u in sorted(tinfo, key=ub):
        ids = []
        for d in tinfo[u]["depts"]:
            ids += sorted(team[u][d], key=ub)
        out[u] = ids
    return out


def rotation_chain(s, d, T, O, team, tinfo, eligible, region_rule, stats):
    """§6.1 step 5 for department d, reading the stream s after the places were filled. The places
    are, for each target in T_d order (the shuffled order), its officers of d in O_d order (the
    shuffled order); K = P·bitlen(P) steps (P >= 2), each proposing a rotation of k = 2 or 3 places
    drawn from the block of the first one (its target's region with officer_region = "same", else
    every place). A rotation is made when the places are distinct, every officer that moves to
    another target is eligible for it and no team then holds an officer twice. A rotation among
    places of one target (no officer changes target) is made too: it changes which place holds whom,
    hence later steps, and it counts in rotations_made (the draw-v2.json statistics agree, and not
    with the other reading). Updates team[u][d]."""
    pos = {o["id"]: i for i, o in enumerate(O)}
    by_id = {o["id"]: o for o in O}
    tgt, off = [], []                     # place i = (tgt[i], off[i]); tgt never changes
    for u in T:
        for oid in sorted(team[u][d], key=pos.__getitem__):
            tgt.append(u)
            off.append(oid)
    P = len(tgt)
    places_of = {}
    for i, u in enumerate(tgt):
        places_of.setdefault(u, []).append(i)
    if region_rule == "same":
        blocks = {}
        for i, u in enumerate(tgt):
            blocks.setdefault(tinfo[u]["region"], []).append(i)
        block = [blocks[tinfo[u]["region"]] for u in tgt]
    else:
        whole = list(range(P))
        block = [whole] * P
    K = P * P.bit_length() if P >= 2 and not ROTATION_STEPS_OFF else 0
    stats["rotation_steps"] += K
    for _ in range(K):
        i1 = below(s, P)
        B = block[i1]
        k = 2 + below(s, 2)
        idx = [i1] + [B[below(s, len(B))] for _ in range(k - 1)]
        if len(set(idx)) != k:
            continue
        # The officer at p_{i_j} moves to p_{i_{j+1}}, the one at p_{i_k} to p_{i_1}.
        new = {idx[(j + 1) % k]: off[idx[j]] for j in range(k)}
        ok = all(tgt[dst] == tgt[src] or eligible(by_id[off[src]], tgt[dst], d)
                 for src, dst in ((idx[j], idx[(j + 1) % k]) for j in range(k)))
        if ok:
            for u in {tgt[i] for i in idx}:
                ids = [new.get(i, off[i]) for i in places_of[u]]
                if len(set(ids)) != len(ids):
                    ok = False
                    break
        if not ok:
            continue
        for i, oid in new.items():
            off[i] = oid
        stats["rotations_made"] += 1
    for u in T:
        team[u][d] = {off[i] for i in places_of.get(u, ())}


# ---------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------


class Checker:
    def __init__(self):
        self.passed = 0
        self.diffs = []
        self.prefix = ""          # the vector entry being checked, e.g. "draw_coordinated.proofs[1]: "

    @staticmethod
    def fmt(x):
        if isinstance(x, bytes):
            return x.hex()
        if isinstance(x, str):
            return x
        return json.dumps(x, ensure_ascii=False)

    def eq(self, what, expected, got):
        if expected == got:
            self.passed += 1
            return True
        self.diffs.append(f"{self.prefix}{what}: expected {self.fmt(expected)}, got {self.fmt(got)}")
        return False

    def ok(self, what, cond, expected="true", got="false"):
        if cond:
            self.passed += 1
            return True
        self.diffs.append(f"{self.prefix}{what}: expected {expected}, got {got}")
        return False

    def guard(self, what, fn, *a):
        """Runs fn; an InvalidInput or other refusal becomes a difference."""
        try:
            return fn(*a)
        except (InvalidInput, ValueError, KeyError, TypeError) as e:
            self.diffs.append(f"{self.prefix}{what}: expected valid input, got refusal ({type(e).__name__}: {e})")
            return None


RFC8439_232 = bytes.fromhex(
    "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
    "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e")
RFC8439_A1_1 = bytes.fromhex(
    "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
    "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586")


def self_checks(ck: Checker):
    s = [0] * 16
    s[0], s[1], s[2], s[3] = 0x11111111, 0x01020304, 0x9B8D6F43, 0x01234567
    quarter_round(s, 0, 1, 2, 3)
    ck.eq("self-check RFC 8439 §2.1.1 quarter round", [0xEA2A92F4, 0xCB1CF8CE, 0x4581472E, 0x5881C4BB], s[:4])
    blk = chacha20_block(bytes(range(32)), 1, bytes.fromhex("000000090000004a00000000"))
    ck.eq("self-check RFC 8439 §2.3.2 block", RFC8439_232, blk)
    ck.eq("self-check RFC 8439 A.1 #1 block (zero key, zero nonce, counter 0)", RFC8439_A1_1,
          chacha20_block(bytes(32), 0, bytes(12)))
    # The stream continues across block boundaries: 8 u64 per block, next block with counter 1.
    st = Stream(bytes(32), "x")
    first = [st.next_u64() for _ in range(9)]
    k = stream_key(bytes(32), "x")
    ck.eq("self-check stream = concatenated blocks",
          chacha20_block(k, 0, bytes(12)) + chacha20_block(k, 1, bytes(12))[:8],
          b"".join(x.to_bytes(8, "little") for x in first))
    # Ratios (§2).
    for text, want in (("3%", (3, 100)), ("2.5%", (1, 40)), ("1/30", (1, 30)), ("0.03", (3, 100)),
                       ("30%", (3, 10)), ("1/20", (1, 20)), ("100%", (1, 1)), ("0", (0, 1))):
        ck.eq(f"self-check ratio {text}", want, parse_ratio(text))
    for bad in ("101%", "1/0", "3/2", "-1%", "1e-2", "", "%", ".5"):
        try:
            parse_ratio(bad)
            ck.ok(f"self-check ratio {bad!r} refused", False, "refusal", "accepted")
        except InvalidInput:
            ck.ok("ratio refused", True)
    # Starting point (§5): the long division gives floor(p · 2^256 / q); key = (prn − offset) mod 2^256.
    for p_, q_ in ((0, 1), (1, 3), (1, 4), (1, 2), (3, 4), (2, 3), (999, 1000), (1, U64 - 1), (U64 - 2, U64 - 1)):
        ck.eq(f"self-check starting point offset {p_}/{q_} = floor(p·2^256/q)",
              ((p_ << 256) // q_).to_bytes(32, "big"), start_offset(p_, q_))
    ck.eq("self-check key with start 0 is the prn", b"\x5a" * 32, prn_key(b"\x5a" * 32, start_offset(0, 1)))
    ck.eq("self-check key wraps: prn 0 with start 1/2 has key 2^255", (1 << 255).to_bytes(32, "big"),
          prn_key(bytes(32), start_offset(1, 2)))
    off3 = start_offset(1, 3)
    just_above = (int.from_bytes(off3, "big") + 5).to_bytes(32, "big")
    ck.ok("self-check start 1/3: a prn just above 1/3 comes before prn 0",
          prn_key(just_above, off3) < prn_key(bytes(32), off3), "before", "after")
    for bad in ("1/1", "100%", "4/3"):
        try:
            parse_start(bad)
            ck.ok(f"self-check coordination.start {bad!r} refused (0 <= p < q)", False, "refusal", "accepted")
        except InvalidInput:
            ck.ok("coordination.start refused", True)
    # China date (§1).
    ck.eq("self-check China date of 2026-03-01T16:00:00Z", date(2026, 3, 2),
          china_date(parse_instant("t", "2026-03-01T16:00:00Z")))
    ck.eq("self-check China date of 2026-03-01T15:59:59Z", date(2026, 3, 1),
          china_date(parse_instant("t", "2026-03-01T15:59:59Z")))
    # Augmenting search: on random small instances the result is a valid assignment exactly when
    # brute force says one exists (Ford-Fulkerson correctness of this implementation).
    assignment_self_test(ck)


def assignment_self_test(ck: Checker, version="v1"):
    """Random small instances against brute force: a result exactly when an assignment exists, and
    every result valid (demands, distinct eligible officers, loads <= max). v1: one region,
    officer_region = "any" (as it always was). v2 (§6.1): two regions and a random officer_region,
    so that the region rule and the rotation chain's blocks are exercised; also, every officer's
    load after the rotation chain equals its load in the same run without the chain (K = 0)."""
    global ROTATION_STEPS_OFF
    import random
    v2 = version == "v2"
    rng = random.Random(20260302 if not v2 else 20261214)
    stats = {}
    bad = 0
    load_changed = 0
    cases = 300
    tag = "" if not v2 else " v2"
    for case in range(cases):
        n_t = rng.randint(1, 5)
        n_o = rng.randint(1, 6)
        mx = rng.choice([1, 1, 2, None])
        need = rng.randint(1, 3)
        quals = ["q"]
        items = {"I1": {"code": "I1", "department": "D", "target_category": "c", "qualification": None},
                 "I2": {"code": "I2", "department": "D", "target_category": "k", "qualification": "q"}}
        targets = []
        for i in range(n_t):
            cat = rng.choice(["c", "k"])
            targets.append({"uscc": f"T{i:017d}", "region": "000001" if not v2 else rng.choice(["000001", "000002"]),
                            "items": ["I1" if cat == "c" else "I2"], "departments": ["D"]})
        officers = [{"id": f"O{j:03d}", "department": "D", "status": "active", "cert_expiry": "9999-12-31",
                     "qualifications": quals if rng.random() < 0.4 else [],
                     "region": "000001" if not v2 else rng.choice(["000001", "000002"])}
                    for j in range(n_o)]
        blocked = {(o["id"], t["uscc"]) for o in officers for t in targets if rng.random() < 0.3}
        region_rule = "any" if not v2 else rng.choice(["any", "same", "same", "other"])
        campaign = {"teams": {"per_department": need, "min_size": 0, "max_targets_per_officer": mx,
                              "officer_region": region_rule}}
        if v2:
            campaign["teams"]["assignment"] = "v2"

        def region_ok(o, t):
            return (region_rule == "any" or (region_rule == "same") == (o["region"] == t["region"]))
        # brute force: does an assignment exist? (small: max-flow by exhaustive search on choices)
        elig = {t["uscc"]: [o["id"] for o in officers
                            if (o["id"], t["uscc"]) not in blocked and region_ok(o, t)
                            and (t["items"] == ["I1"] or "q" in o["qualifications"])] for t in targets}
        exists = brute_exists([t["uscc"] for t in targets], elig, need, mx)
        try:
            res = assign(bytes([case % 256]) * 32, targets, officers, campaign, items, blocked,
                         "2026-01-01", stats)
        except Infeasible:
            res = None
        if v2 and res is not None:
            # The same run with the rotation chain switched off: every officer's load must be the same.
            ROTATION_STEPS_OFF = True
            try:
                res0 = assign(bytes([case % 256]) * 32, targets, officers, campaign, items, blocked, "2026-01-01")
            finally:
                ROTATION_STEPS_OFF = False

            def loads_of(r):
                out = {}
                for ids in r.values():
                    for i in ids:
                        out[i] = out.get(i, 0) + 1
                return out
            if loads_of(res) != loads_of(res0):
                load_changed += 1
        if (res is not None) != exists:
            bad += 1
            continue
        if res is not None:
            loads = {}
            for u, ids in res.items():
                if len(ids) != need or len(set(ids)) != need or any(i not in elig[u] for i in ids):
                    bad += 1
                for i in ids:
                    loads[i] = loads.get(i, 0) + 1
            if mx is not None and any(v > mx for v in loads.values()):
                bad += 1
    ck.eq(f"self-check assignment{tag} vs brute force on {cases} random instances (mismatches)", 0, bad)
    ck.ok(f"self-check{tag}: the random instances exercise the augmenting search", stats["searches"] > 0,
          "> 0 searches", "0")
    if v2:
        ck.eq("self-check v2: the rotation chain keeps every officer's load (instances where it did not)", 0,
              load_changed)
        ck.ok("self-check v2: the random instances make rotations", stats["rotations_made"] > 0, "> 0", "0")
    # A hand-worked case (§6): max 1; O1 eligible for T1 and T2, O2 only for T1. Whatever the stream
    # picks, the result is T1 = [O2], T2 = [O1]; when T1 takes O1 first, T2's place is freed by the
    # search (O2 joins T1, O1 leaves T1 and joins T2).
    items = {"I1": {"code": "I1", "department": "D", "target_category": "c", "qualification": None}}
    targets = [{"uscc": u, "region": "000001", "items": ["I1"], "departments": ["D"]} for u in ("T1", "T2")]
    officers = [{"id": i, "department": "D", "status": "active", "cert_expiry": "9999-12-31",
                 "qualifications": [], "region": "000001"} for i in ("O1", "O2")]
    campaign = {"teams": {"per_department": 1, "min_size": 0, "max_targets_per_officer": 1,
                          "officer_region": "any"}}
    if v2:
        campaign["teams"]["assignment"] = "v2"
    searched = 0
    for k in range(16):
        st = {}
        res = assign(bytes([k]) * 32, targets, officers, campaign, items, {("O2", "T2")}, "2026-01-01", st)
        ck.eq(f"self-check{tag} hand-worked search, seed {k}", {"T1": ["O2"], "T2": ["O1"]}, res)
        searched += st["searches"]
    ck.ok(f"self-check{tag} hand-worked case reached the search", searched > 0, "> 0", "0")


def brute_exists(ts, elig, need, mx):
    """Exhaustive: can every target get `need` distinct eligible officers with loads <= mx?"""
    from itertools import combinations
    load = {}

    def rec(i):
        if i == len(ts):
            return True
        for combo in combinations(elig[ts[i]], need):
            if mx is not None and any(load.get(o, 0) >= mx for o in combo):
                continue
            for o in combo:
                load[o] = load.get(o, 0) + 1
            if rec(i + 1):
                return True
            for o in combo:
                load[o] -= 1
        return False

    return rec(0)


# ---------------------------------------------------------------------------
# Primitives of the vector file
# ---------------------------------------------------------------------------


def check_primitives(ck: Checker, pr):
    seed = bytes.fromhex(pr["seed"])
    for st in pr["streams"]:
        lab = st["label"]
        # One stream per label, read in the order the file lists: first_u64, then below for each n,
        # then the shuffle (the file does not say; this is the reading that the vector's values fit).
        s = Stream(seed, lab)
        ck.eq(f"primitives.streams[{lab!r}].first_u64", st["first_u64"],
              [str(s.next_u64()) for _ in st["first_u64"]])
        ns = [int(n) for n in st["below"]["n"]]
        got = []
        for n in ns:
            got.append(str(below(s, n)))
        for n, w, g in zip(ns, st["below"]["values"], got):
            ck.eq(f"primitives.streams[{lab!r}].below({n})", w, g)
        v = list(range(10))
        shuffle(s, v)
        ck.eq(f"primitives.streams[{lab!r}].shuffle_0_to_9", st["shuffle_0_to_9"], v)
    for e in pr["prn"]:
        ck.eq(f"primitives.prn[{e['uscc']}]", e["prn"], prn(seed, e["uscc"]).hex())
    w = pr["witness"]
    ck.eq("primitives.witness.commitment", w["commitment"], witness_commitment(w["secret"]).hex())
    lo = pr["lottery"]
    canon = lottery_canonical(lo["result"])
    ck.eq("primitives.lottery.canonical", lo["canonical"], canon)
    ck.eq("primitives.lottery.value", lo["value"], lottery_beacon(lo["round"], canon).hex())
    sf = pr["seed_from"]
    b = sf["beacon"]
    got = make_seed(bytes.fromhex(sf["announcement_hash"]), [tuple(x) for x in sf["reveals"]],
                    None if b is None else bytes.fromhex(b))
    ck.eq("primitives.seed_from.seed", sf["seed"], got.hex())


# ---------------------------------------------------------------------------
# Light verification of the proof (§7)
# ---------------------------------------------------------------------------


def verify_proof(ck: Checker, draw):
    proof = draw["proof"]
    ck.eq("proof.format", "dualdraw-draw-proof-v1", proof.get("format"))
    ann = proof["announcement"]
    camp = ann["campaign"]

    # --- campaign (§2) --------------------------------------------------------------------------
    require = ck.guard
    ok_shape = require("announcement.campaign fields", lambda: (
        require_keys("campaign", camp, CAMPAIGN_KEYS), require_keys("campaign.targets", camp["targets"], TARGETS_KEYS),
        require_teams_keys("campaign.teams", camp["teams"]),
        require_keys("campaign.entropy", camp["entropy"], ENTROPY_KEYS), True)[-1])
    if ok_shape:
        ck.passed += 1
    ctx = {}
    cbytes = require("campaign canonical encoding", campaign_bytes, camp)
    if cbytes is None:
        return ctx
    chash = sha256(cbytes)
    ctx["campaign_hash"] = chash
    ck.eq("announcement.campaign_hash", ann["campaign_hash"], chash.hex())
    if "campaign_hash" in draw:
        ck.eq("draw.campaign_hash", draw["campaign_hash"], chash.hex())
    # The TOML it came from (defaults of docs/CAMPAIGN.md): same campaign, same hash.
    from_toml = require("campaign_toml", campaign_from_toml, draw["campaign_toml"]) if "campaign_toml" in draw else None
    if from_toml is not None:
        ck.eq("campaign_toml after defaults vs announcement.campaign", camp, from_toml)
        tb = require("campaign_toml encoding", campaign_bytes, from_toml)
        if tb is not None:
            ck.eq("campaign_hash of campaign_toml", draw["campaign_hash"], sha256(tb).hex())

    draw_date = camp["draw_date"]
    require("campaign.draw_date", parse_date, "campaign.draw_date", draw_date)
    tm, tg, en = camp["teams"], camp["targets"], camp["entropy"]

    # --- items and officers registries ----------------------------------------------------------
    snap = ann["snapshot"]
    roots = snap["roots"]
    rt = {}
    for name in ("items", "entities", "officers", "recusals"):
        rt[name] = (parse_hash(f"snapshot.roots.{name}.hash", roots[name]["hash"]), roots[name]["size"])
    ck.eq("announcement.snapshot.digest", snap["digest"], rc.snapshot_digest(rt).hex())

    items = proof["items"]
    items_by_code = {}
    ileaves = require("proof.items leaves", lambda: [item_leaf_from_record(i) for i in items])
    codes = [i["code"] for i in items]
    ck.ok("proof.items in canonical order (by code, unique)",
          all(ub(a) < ub(b) for a, b in zip(codes, codes[1:])), "strictly increasing codes", "not")
    if ileaves is not None:
        order = sorted(range(len(items)), key=lambda i: ub(codes[i]))
        ck.eq("items root (recomputed from proof.items)", roots["items"]["hash"],
              rc.mth([ileaves[i] for i in order]).hex())
        ck.eq("items size", roots["items"]["size"], len(items))
    for i in items:
        items_by_code[i["code"]] = i

    officers = proof["officers"]
    oleaves = require("proof.officers leaves", lambda: [officer_leaf_from_record(o) for o in officers])
    ids = [o["id"] for o in officers]
    ck.ok("proof.officers in canonical order (by id, unique)",
          all(ub(a) < ub(b) for a, b in zip(ids, ids[1:])), "strictly increasing ids", "not")
    if oleaves is not None:
        order = sorted(range(len(officers)), key=lambda i: ub(ids[i]))
        ck.eq("officers root (recomputed from proof.officers)", roots["officers"]["hash"],
              rc.mth([oleaves[i] for i in order]).hex())
        ck.eq("officers size", roots["officers"]["size"], len(officers))
    officers_by_id = {o["id"]: o for o in officers}

    # --- checks at announcement (§3) that the proof allows ---------------------------------------
    for code in camp["items"]:
        ck.ok(f"campaign item {code} exists in the items registry", code in items_by_code, "present", "absent")
    C_items = {items_by_code[c]["target_category"] for c in camp["items"] if c in items_by_code}
    if tg["categories"] is not None:
        for cat in tg["categories"]:
            ck.ok(f"directed category {cat} is the target category of a campaign item", cat in C_items,
                  "in C_items", "not")
        C = set(tg["categories"])
    else:
        C = C_items
    ck.ok("teams.min_size >= 2", tm["min_size"] >= 2, ">= 2", str(tm["min_size"]))
    ck.ok("teams.officer_region token", tm["officer_region"] in ("same", "other", "any"),
          "same|other|any", tm["officer_region"])
    ck.ok("entropy.on_missing_reveal token", en["on_missing_reveal"] in ("void", "proceed"),
          "void|proceed", en["on_missing_reveal"])
    names = [w["name"] for w in en["witnesses"]]
    ck.eq("witness names unique", len(names), len(set(names)))
    strata = strata_of(camp)
    for c in tg["exclude_credit_classes"]:
        ck.ok(f"exclude_credit_classes token {c}", c in CLASSES, "A-D", c)
    ck.ok("on_missing_reveal = proceed needs a beacon",
          en["on_missing_reveal"] != "proceed" or en["beacon"] is not None, "beacon", "none")

    # --- the three history lists (§3) -----------------------------------------------------------
    # Each list sorted, without repeats, committed by the RFC 6962 root of its leaves. Each list is
    # defined only for its rule (N > 0, or low_risk_once_a_year = true); READING: with the rule off
    # the list is empty.
    excl = ann["exclusion"]
    ck.ok("announcement.exclusion: USCC texts", isinstance(excl, list) and all(isinstance(u, str) for u in excl),
          "a list of texts", str(excl))
    ck.ok("announcement.exclusion sorted, unique", all(ub(a) < ub(b) for a, b in zip(excl, excl[1:])),
          "strictly increasing", "not")
    ck.eq("announcement.exclusion_root", ann["exclusion_root"], exclusion_root(excl).hex())
    if tg["exclude_inspected_within_days"] == 0:
        ck.eq("announcement.exclusion (exclude_inspected_within_days = 0: the rule is off)", [], excl)

    oh = ann["officer_history"]
    oh_pairs = require("announcement.officer_history pairs", lambda: [
        (require_keys("officer_history pair", x, {"officer", "target"}), rc.require_text("officer", x["officer"]),
         rc.require_text("target", x["target"]))[1:] for x in oh])
    if oh_pairs is not None:
        ck.ok("announcement.officer_history sorted by officer id, then USCC (UTF-8), unique",
              all((ub(a[0]), ub(a[1])) < (ub(b[0]), ub(b[1])) for a, b in zip(oh_pairs, oh_pairs[1:])),
              "strictly increasing", "not")
        ck.eq("announcement.officer_history_root", ann["officer_history_root"],
              officer_history_root(oh_pairs).hex())
    else:
        oh_pairs = []
    if tm["avoid_same_officer_within_days"] == 0:
        ck.eq("announcement.officer_history (avoid_same_officer_within_days = 0: the rule is off)", [], oh)

    dty = ann["drawn_this_year"]
    ck.ok("announcement.drawn_this_year: USCC texts", isinstance(dty, list) and all(isinstance(u, str) for u in dty),
          "a list of texts", str(dty))
    ck.ok("announcement.drawn_this_year sorted, unique", all(ub(a) < ub(b) for a, b in zip(dty, dty[1:])),
          "strictly increasing", "not")
    ck.eq("announcement.drawn_this_year_root", ann["drawn_this_year_root"], exclusion_root(dty).hex())
    if tg["low_risk_once_a_year"] is not True:
        ck.eq("announcement.drawn_this_year (low_risk_once_a_year = false: the rule is off)", [], dty)

    # --- the coordination group (§3) -------------------------------------------------------------
    co_c, co_a = camp["coordination"], ann["coordination"]
    ghash = None                 # the group hash as the announcement states it (None: uncoordinated)
    members = []
    if co_c is None:
        ck.eq("announcement.coordination (the campaign has no [coordination])", None, co_a)
    elif co_a is None:
        ck.ok("announcement.coordination present (the campaign has [coordination])", False, "present", "null")
    else:
        require_keys("announcement.coordination", co_a, {"group", "members", "hash"})
        ck.eq("announcement.coordination.group = campaign.coordination.group", co_c["group"], co_a["group"])
        members = [parse_hash("coordination.members[]", h) for h in co_a["members"]]
        ck.ok("coordination.members sorted by hash bytes, unique",
              all(a < b for a, b in zip(members, members[1:])), "strictly increasing", "not")
        ghash = parse_hash("coordination.hash", co_a["hash"])
        ck.eq("coordination.hash (group hash)", co_a["hash"], group_hash(co_a["group"], members).hex())
        ck.ok("this campaign's place in the group (campaign_hash in coordination.members)", chash in members,
              "a member", "not a member")
        if len(members) < 2:
            INFO.append(f"coordination group {co_a['group']!r} has {len(members)} member(s)")

    # --- the announcement ------------------------------------------------------------------------
    announced_at = ann["announced_at"]
    t_ann = require("announcement.announced_at", parse_instant, "announced_at", announced_at)
    abytes = announcement_bytes(chash, parse_hash("snapshot.digest", snap["digest"]), len(excl),
                                parse_hash("exclusion_root", ann["exclusion_root"]),
                                parse_hash("ledger_head", ann["ledger_head"]), announced_at,
                                len(oh), parse_hash("officer_history_root", ann["officer_history_root"]),
                                len(dty), parse_hash("drawn_this_year_root", ann["drawn_this_year_root"]),
                                ghash)
    if "announcement_canonical" in draw:
        ck.eq("announcement canonical bytes (draw.announcement_canonical)", draw["announcement_canonical"],
              abytes.hex())
    ahash = sha256(abytes)
    ck.eq("announcement.hash", ann["hash"], ahash.hex())
    if "announcement_hash" in draw:
        ck.eq("draw.announcement_hash", draw["announcement_hash"], ahash.hex())

    # --- entropy (§4) ----------------------------------------------------------------------------
    ent = proof["entropy"]
    wit = {w["name"]: w["commitment"] for w in en["witnesses"]}
    reveals = ent["reveals"]
    missing = ent["missing"]
    rv_names = [r["name"] for r in reveals]
    ck.eq("entropy: reveals + missing = the campaign's witnesses",
          sorted(names), sorted(rv_names + list(missing)))
    ck.eq("entropy.reveals in the campaign's order", [n for n in names if n in rv_names], rv_names)
    if en["on_missing_reveal"] == "void":
        ck.eq("entropy.missing (on_missing_reveal = void)", [], missing)
    beacon_value = None
    bcfg, bpr = en["beacon"], ent["beacon"]
    round_time = None
    if bcfg is None:
        ck.eq("entropy.beacon (campaign has none)", None, bpr)
    else:
        if bpr is None:
            ck.ok("entropy.beacon present", False, "a beacon", "null")
        else:
            ck.eq("entropy.beacon.scheme", bcfg["scheme"], bpr["scheme"])
            ck.eq("entropy.beacon.round", beacon_round_text(bcfg), beacon_round_text(bpr))
            if bcfg["scheme"] == "drand-quicknet":
                r = int(beacon_round_text(bcfg))
                # SPEC §7: `evidence` is the drand signature hex.
                sig = bytes.fromhex(bpr["evidence"])
                rt_ = datetime.fromtimestamp(drand_round_time(r), tz=timezone.utc)
                round_time = rt_
                ck.eq("entropy.beacon.round_time", bpr["round_time"], rt_.strftime("%Y-%m-%dT%H:%M:%SZ"))
                beacon_value = drand_beacon(r, sig)
                ck.eq("entropy.beacon.value", bpr["value"], beacon_value.hex())
                # The BLS12-381 signature itself is checked by the Rust and TypeScript
                # verifiers; this standard-library reference checks what follows from it.
                INFO.append(f"{ck.prefix}entropy.beacon: BLS12-381 signature of round {r} not checked "
                            "here (no pairing in the standard library); its randomness and value are")
            else:
                # SPEC §7: for a lottery, `evidence` is the canonical result text.
                canon = lottery_canonical(bpr["evidence"])
                beacon_value = lottery_beacon(bcfg["round"], canon)
                ck.eq("entropy.beacon.value", bpr["value"], beacon_value.hex())
                round_time = parse_instant("beacon.round_time", bpr["round_time"])
            if round_time is not None and t_ann is not None:
                ck.ok("beacon round time after announced_at", round_time > t_ann, "after", "not after")
                ck.ok("beacon round time's China date not after draw_date",
                      china_date(round_time) <= parse_date("draw_date", draw_date), "<= draw_date",
                      str(china_date(round_time)))
    deadline = en["reveal_deadline"]
    t_deadline = parse_instant("reveal_deadline", deadline) if deadline is not None else round_time
    pairs = []
    for r_ in reveals:
        nm = r_["name"]
        ck.ok(f"reveal {nm}: a witness of the campaign", nm in wit, "a witness", "unknown")
        if nm not in wit:
            continue
        ck.ok(f"reveal {nm}: secret of at least 16 characters", len(r_["secret"]) >= 16, ">= 16",
              str(len(r_["secret"])))
        ck.eq(f"reveal {nm}: commitment", wit[nm], witness_commitment(r_["secret"]).hex())
        t_r = require(f"reveal {nm}: revealed_at", parse_instant, "revealed_at", r_["revealed_at"])
        if t_r is not None and round_time is not None:
            ck.ok(f"reveal {nm}: before the beacon round time", t_r < round_time, "before", r_["revealed_at"])
        if t_r is not None and t_deadline is not None:
            ck.ok(f"reveal {nm}: before the reveal deadline", t_r < t_deadline, "before", r_["revealed_at"])
    by_name = {r_["name"]: r_["secret"] for r_ in reveals}
    pairs = [(n, by_name[n]) for n in names if n in by_name]
    seed = make_seed(ahash, pairs, beacon_value)
    ck.eq("proof.seed", proof["seed"], seed.hex())
    if "seed" in draw:
        ck.eq("draw.seed", draw["seed"], seed.hex())

    # --- the PRN seed (§4): the seed, or the group seed --------------------------------------------
    ga = proof["group_announcements"]
    if ghash is None:
        ck.eq("proof.group_announcements (uncoordinated)", [], ga)
        prn_seed = seed
    else:
        gah = require("proof.group_announcements", lambda: [parse_hash("group_announcements[]", h) for h in ga])
        if gah is None:
            gah = []
        ck.eq("proof.group_announcements: one per member of coordination.members", len(members), len(gah))
        if chash in members:
            i = members.index(chash)
            ck.eq("this campaign's place in proof.group_announcements (its announcement hash at its member index)",
                  ahash.hex(), gah[i].hex() if i < len(gah) else None)
        prn_seed = make_group_seed(ghash, gah, pairs, beacon_value)
    ck.eq("proof.prn_seed" + (" (= the seed)" if ghash is None else " (= the group seed)"),
          proof["prn_seed"], prn_seed.hex())
    ctx.update(announcement_hash=ahash, group_hash=ghash, members=members, prn_seed=prn_seed,
               group=None if co_a is None else co_a["group"], group_announcements=ga,
               entropy=camp["entropy"], reveals=pairs, beacon=beacon_value)

    # --- targets (§5) ----------------------------------------------------------------------------
    targets = proof["targets"]
    usccs = [t["entity"]["uscc"] for t in targets]
    ck.ok("proof.targets by USCC, unique", all(ub(a) < ub(b) for a, b in zip(usccs, usccs[1:])),
          "strictly increasing", "not")
    if "targets" in draw:
        ck.eq("draw.targets", draw["targets"], usccs)
    ent_root, ent_size = rt["entities"]
    excl_set = set(excl)
    recomputed = []
    keys = []
    offset = start_offset(*start_of(camp))
    for t in targets:
        e = t["entity"]
        u = e["uscc"]
        leaf = require(f"target {u}: entity leaf", entity_leaf_from_record, e)
        if leaf is not None:
            ck.ok(f"target {u}: inclusion in the entities tree (index {t['index']})",
                  rc.verify_inclusion(t["index"], ent_size, rc.leaf_hash(leaf),
                                      [bytes.fromhex(h) for h in t["path"]], ent_root),
                  "verifies", "does not verify")
        ck.eq(f"target {u}: prn (from the PRN seed)", t["prn"], prn(prn_seed, u).hex())
        keys.append(int.from_bytes(prn_key(prn(prn_seed, u), offset), "big"))
        if not gb32100_check_ok(u):
            INFO.append(f"target {u}: GB 32100-2015 check character fails (allowed only for a listed "
                        f"legacy code, which a light verifier cannot see)")
        # pool membership from the public record (§5 rules 1-5; rules 6 and 7 need the confidential class:
        # a target in drawn_this_year is allowed only if not class A, which a light verifier cannot see)
        ck.eq(f"target {u}: status", "in_business", e["status"])
        ck.ok(f"target {u}: region", not tg["regions"] or any(e["region"].startswith(p) for p in tg["regions"]),
              f"prefix in {tg['regions']}", e["region"])
        ck.ok(f"target {u}: a category in C", bool(set(e["categories"]) & C), "yes", "no")
        ck.ok(f"target {u}: no excluded flag", not set(e["flags"]) & set(tg["exclude_flags"]), "none",
              str(sorted(set(e["flags"]) & set(tg["exclude_flags"]))))
        ck.ok(f"target {u}: not in the exclusion set", u not in excl_set, "not excluded", "excluded")
        its, depts = target_items_departments(e, C, camp["items"], items_by_code, camp["lead_department"])
        ck.eq(f"target {u}: items", t["items"], its)
        ck.eq(f"target {u}: departments", t["departments"], depts)
        recomputed.append({"uscc": u, "region": e["region"], "items": its, "departments": depts})

    # --- strata arithmetic -----------------------------------------------------------------------
    pst = proof["strata"]
    ck.eq("proof.strata classes (the campaign's strata, by class)", [s_[0] for s_ in strata],
          [s_["credit_class"] for s_ in pst])
    total_n = total_N = 0
    for s_, (cls, rule, mn, mx) in zip(pst, strata):
        N = s_["pool"]
        n = stratum_n(N, rule, mn, mx)
        ck.eq(f"stratum {cls}: drawn (N = {N})", s_["drawn"], n)
        try:
            parse_hash("threshold_commitment", s_["threshold_commitment"])
            ck.passed += 1
        except InvalidInput as ex:
            ck.diffs.append(f"{ck.prefix}stratum {cls}: threshold_commitment: expected 64 hex digits, got {ex}")
        total_n += s_["drawn"]
        total_N += N
    ck.eq("sum of drawn (Σ n) = number of targets", len(targets), total_n)
    ck.eq("pool_size = Σ N", proof["pool_size"], total_N)
    # §5: entities passing rules 1-5 but failing 6 (excluded class) or 7 (class A and drawn this
    # year) are excluded_by_class. Without class exclusions only rule 7 counts, and it can leave out
    # only entities of the drawn-this-year list (and none when low_risk_once_a_year is false).
    if not tg["exclude_credit_classes"]:
        if tg["low_risk_once_a_year"]:
            ck.ok("excluded_by_class <= |drawn_this_year| (only rule 7 excludes by class)",
                  proof["excluded_by_class"] <= len(dty), f"<= {len(dty)}", str(proof["excluded_by_class"]))
        else:
            ck.eq("excluded_by_class (no class is excluded, no low-risk rule)", 0, proof["excluded_by_class"])
    in_dty = [t["entity"]["uscc"] for t in targets if t["entity"]["uscc"] in set(dty)]
    if in_dty:
        INFO.append(f"targets in drawn_this_year (allowed only when not class A; not checkable light): {in_dty}")
    if keys:
        INFO.append(f"targets' keys (start {camp['coordination']['start'] if camp['coordination'] else '0'}): "
                    f"smallest {min(keys) / U256:.3f}, largest {max(keys) / U256:.3f} of 2^256")

    # --- blocked pairs ---------------------------------------------------------------------------
    rec_root, rec_size = rt["recusals"]
    dept_of_target = {t["uscc"]: set(t["departments"]) for t in recomputed}
    blocked = set()
    for bp in proof["blocked_pairs"]:
        oid, u = bp["officer"], bp["target"]
        ck.ok(f"blocked pair {oid}/{u}: target drawn", u in dept_of_target, "a drawn target", "not drawn")
        ck.ok(f"blocked pair {oid}/{u}: officer of the target's departments",
              oid in officers_by_id and officers_by_id[oid]["department"] in dept_of_target.get(u, ()),
              "yes", "no")
        salt = bytes.fromhex(bp["pair_salt"])
        ck.eq(f"blocked pair {oid}/{u}: pair_salt length", 32, len(salt))
        if len(salt) == 32:
            leaf = recusal_leaf_from_opening(oid, u, salt, parse_hash("reason_commitment", bp["reason_commitment"]))
            ck.ok(f"blocked pair {oid}/{u}: opening and inclusion in the recusals tree",
                  rc.verify_inclusion(bp["index"], rec_size, rc.leaf_hash(leaf),
                                      [bytes.fromhex(h) for h in bp["path"]], rec_root),
                  "verifies", "does not verify")
        ck.ok(f"blocked pair {oid}/{u}: listed once", (oid, u) not in blocked, "once", "twice")
        blocked.add((oid, u))
    recusals_only = set(blocked)
    # §6 (amended): plus the pairs of the announcement's officer history whose entity is a drawn target.
    oh_drawn = [(o, u) for o, u in oh_pairs if u in dept_of_target]
    if not IGNORE_OFFICER_HISTORY:
        blocked |= set(oh_drawn)
    oh_effective = [(o, u) for o, u in oh_drawn
                    if o in officers_by_id and officers_by_id[o]["department"] in dept_of_target[u]]
    INFO.append(f"officer history: {len(oh_pairs)} pair(s), {len(oh_drawn)} on a drawn target, "
                f"{len(oh_effective)} with an officer of one of that target's departments")

    # --- the assignment, re-run (§6) -------------------------------------------------------------
    stats = {}
    try:
        teams = assign(seed, recomputed, officers, camp, items_by_code, blocked, draw_date, stats)
    except Infeasible as ex:
        ck.diffs.append(f"{ck.prefix}assignment: expected the proof's teams, got infeasible ({ex})")
        return ctx
    if oh_effective:
        try:
            without = assign(seed, recomputed, officers, camp, items_by_code, recusals_only, draw_date)
        except Infeasible:
            without = None
        INFO.append("officer-history pairs " + ("change" if without != teams else "do not change")
                    + " the re-run teams (compared with recusals alone)")
    pteams = proof["teams"]
    ck.eq("proof.teams targets", usccs, [x["target"] for x in pteams])
    for x in pteams:
        ck.eq(f"team {x['target']}", x["officers"], teams.get(x["target"]))
    if "teams" in draw:
        ck.eq("draw.teams targets", usccs, [x["target"] for x in draw["teams"]])
        for x in draw["teams"]:
            ck.eq(f"draw.teams {x['target']}", x["officers"], teams.get(x["target"]))
    version = assignment_version(camp)
    if "stats" in draw:
        ck.eq(f"draw.stats (places, single-candidate picks, augmenting searches{', rotations' if version == 'v2' else ''} "
              f"of the re-run, assignment {version})", draw["stats"], stats_json(stats, version))
    INFO.append(f"assignment {version} re-run: {stats['places']} places, {stats['single_candidate_picks']} picks "
                f"with a single least-loaded candidate (below(s, 1)), {stats['searches']} augmenting searches"
                + (f", {stats['rotations_made']} of {stats['rotation_steps']} rotation steps made"
                   if version == "v2" else ""))
    ctx["teams"] = teams
    return ctx


def stats_json(stats, version):
    """The vectors' "stats" object of an assignment re-run (v2 adds the rotation chain's counts)."""
    out = {"augmenting_searches": stats["searches"], "places": stats["places"],
           "single_candidate_picks": stats["single_candidate_picks"]}
    if version == "v2":
        out["rotation_steps"] = stats["rotation_steps"]
        out["rotations_made"] = stats["rotations_made"]
    return out


# ---------------------------------------------------------------------------
# A vector entry: one draw, or every member of one coordination group
# ---------------------------------------------------------------------------


def verify_group(ck: Checker, key, proofs):
    """Light-verifies each member's proof, then the members against each other (§3, §4): one group
    name and hash, the same sorted members, and (this entry holds the whole group) the members are
    exactly these proofs' campaigns; every proof's group_announcements is the same list, with each
    member's own announcement hash at its place; identical entropy sections; one PRN seed."""
    ctxs = []
    for i, pr in enumerate(proofs):
        ck.prefix = f"{key}.proofs[{i}]: "
        INFO.append(f"verifying {key}.proofs[{i}] ({pr['announcement']['campaign']['id']})")
        ctxs.append(verify_proof(ck, {"proof": pr}))
    ck.prefix = f"{key} (across members): "
    if not all(c.get("group_hash") is not None for c in ctxs):
        ck.ok("every proof is of a coordinated campaign", False, "coordinated", "not")
        return
    c0 = ctxs[0]
    for i, c in enumerate(ctxs[1:], 1):
        ck.eq(f"proofs[{i}] group name = proofs[0]'s", c0["group"], c["group"])
        ck.eq(f"proofs[{i}] group hash = proofs[0]'s", c0["group_hash"].hex(), c["group_hash"].hex())
        ck.eq(f"proofs[{i}] coordination.members = proofs[0]'s", [m.hex() for m in c0["members"]],
              [m.hex() for m in c["members"]])
        ck.eq(f"proofs[{i}] group_announcements = proofs[0]'s", c0["group_announcements"],
              c["group_announcements"])
        ck.eq(f"proofs[{i}] campaign.entropy = proofs[0]'s (identical entropy sections)", c0["entropy"],
              c["entropy"])
        ck.eq(f"proofs[{i}] prn_seed = proofs[0]'s (one group seed)", c0["prn_seed"].hex(), c["prn_seed"].hex())
    ck.eq("the group's members are exactly the campaigns of this entry",
          sorted(m.hex() for m in c0["members"]), sorted(c["campaign_hash"].hex() for c in ctxs))
    by_campaign = {c["campaign_hash"]: c["announcement_hash"] for c in ctxs}
    ck.eq("group_announcements = the members' recomputed announcement hashes, in the order of coordination.members",
          c0["group_announcements"],
          [by_campaign[m].hex() if m in by_campaign else None for m in c0["members"]])
    # The group seed recomputed from the recomputed announcements (not from the list as published).
    gs = make_group_seed(c0["group_hash"], [by_campaign.get(m, bytes(32)) for m in c0["members"]],
                         c0["reveals"], c0["beacon"])
    ck.eq("group seed from the members' recomputed announcement hashes", c0["prn_seed"].hex(), gs.hex())
    # Informative: how the starting points spread the samples (§5, 样本协调).
    tsets = [{t["entity"]["uscc"] for t in pr["targets"]} for pr in proofs]
    INFO.append(f"{key}: targets per member {[len(t) for t in tsets]}, drawn by every member "
                f"{len(set.intersection(*tsets))}")


def verify_entry(ck: Checker, key, entry):
    if "proofs" in entry:
        verify_group(ck, key, entry["proofs"])
    else:
        ck.prefix = f"{key}: "
        INFO.append(f"verifying {key}")
        verify_proof(ck, entry)
    ck.prefix = ""


# ---------------------------------------------------------------------------
# draw-v2.json: assignment v2 (§6.1)
# ---------------------------------------------------------------------------

V2_SECTIONS = {"format", "description", "campaign", "assignment"}
V2_SUFFIX = lp("teams.assignment") + lp("v2")


def refuses(fn, *a):
    try:
        fn(*a)
    except InvalidInput:
        return True
    return False


def check_campaign_v2(ck: Checker, c, doc1):
    """Section "campaign": the TOML with [teams] assignment = "v2", its canonical encoding (§2 ending
    with lp("teams.assignment") ‖ lp("v2")) and hash; the same campaign without the key (and with
    "v1", in JSON and in TOML) hashed exactly as before; unknown values refused; v1_tight_hash: the
    v1 campaign draw_tight of draw-v1.json, unchanged."""
    ck.prefix = "campaign: "
    camp = ck.guard("toml", campaign_from_toml, c["toml"])
    if camp is None:
        return
    ck.eq("teams.assignment of the JSON campaign from the TOML", "v2", camp["teams"].get("assignment"))
    cb = campaign_bytes(camp)
    ck.eq("canonical", c["canonical"], cb.hex())
    ck.eq("hash", c["hash"], sha256(cb).hex())
    ck.ok("canonical ends with lp(\"teams.assignment\") ‖ lp(\"v2\")", cb.endswith(V2_SUFFIX), V2_SUFFIX.hex(),
          cb[-len(V2_SUFFIX):].hex())
    nokey = _copy(camp)
    del nokey["teams"]["assignment"]
    nb = campaign_bytes(nokey)
    ck.eq("hash_without_key (the JSON campaign without teams.assignment)", c["hash_without_key"], sha256(nb).hex())
    ck.eq("canonical without the key = canonical minus its suffix", cb[:-len(V2_SUFFIX)].hex(), nb.hex())
    v1 = _copy(camp)
    v1["teams"]["assignment"] = "v1"
    ck.eq("hash with \"assignment\": \"v1\" in JSON (encoded as absent)", c["hash_without_key"],
          sha256(campaign_bytes(v1)).hex())
    line = 'assignment = "v2"\n'
    ck.eq("the TOML has one assignment line", 1, c["toml"].count(line))
    # A TOML without the key is a new campaign: v2 (the default since issue 14); "v1" reproduces the
    # first assignment and is encoded as absent.
    cj = ck.guard("TOML with assignment absent", campaign_from_toml, c["toml"].replace(line, ""))
    if cj is not None:
        ck.eq("TOML with assignment absent: v2 (the default) in the JSON campaign", "v2",
              str(cj["teams"].get("assignment")))
        ck.eq("TOML with assignment absent: hash", c["hash"], sha256(campaign_bytes(cj)).hex())
    cj = ck.guard("TOML with assignment \"v1\"", campaign_from_toml, c["toml"].replace(line, 'assignment = "v1"\n'))
    if cj is not None:
        ck.ok("TOML with assignment \"v1\": no key in the JSON campaign (\"v1\" is never written)",
              "assignment" not in cj["teams"], "absent", str(cj["teams"].get("assignment")))
        ck.eq("TOML with assignment \"v1\": hash_without_key", c["hash_without_key"],
              sha256(campaign_bytes(cj)).hex())
    for bad in ('"v3"', '"V2"', '""', '2', 'true'):
        ck.ok(f"TOML with assignment = {bad} refused",
              refuses(campaign_from_toml, c["toml"].replace(line, f"assignment = {bad}\n")), "refused", "accepted")
    for bad in ("v3", "V2", "", None, 2, True):
        j = _copy(camp)
        j["teams"]["assignment"] = bad
        ck.ok(f"JSON campaign with \"assignment\": {json.dumps(bad)} refused", refuses(campaign_bytes, j),
              "refused", "accepted")
    # v1_tight_hash: the v1 tight campaign of draw-v1.json, hashed as before, and the same with an
    # explicit assignment = "v1" in its TOML.
    tight = doc1["draw_tight"]
    ck.eq("v1_tight_hash = draw-v1.json draw_tight.campaign_hash", c["v1_tight_hash"], tight["campaign_hash"])
    tj = ck.guard("draw-v1 draw_tight TOML", campaign_from_toml, tight["campaign_toml"])
    if tj is not None:
        ck.eq("v1_tight_hash recomputed from draw-v1's draw_tight TOML", c["v1_tight_hash"],
              sha256(campaign_bytes(tj)).hex())
    ck.eq("draw-v1 draw_tight TOML has one [teams] table with assignment = \"v1\"", 1,
          tight["campaign_toml"].count('[teams]\nassignment = "v1"\n'))
    tj2 = ck.guard("draw-v1 draw_tight TOML without the key", campaign_from_toml,
                   tight["campaign_toml"].replace('assignment = "v1"\n', ""))
    if tj2 is not None:
        ck.ok("draw-v1 draw_tight TOML without the key is v2 (another hash)",
              sha256(campaign_bytes(tj2)).hex() != c["v1_tight_hash"], "another hash", "v1_tight_hash")
    ck.prefix = ""


ISSUE14_TEXT = ("issue 14: targets T1..T8 need 2 officers of department D; officers O1..O8, capacity 2, "
                "region rule any, draw date 2026-03-02; blocked T1×{O5,O6,O7,O8}, T2×{O5,O6}; "
                "seed i = SHA-256(u64be(i)); teams by target, officers by id")


def issue14_instance():
    """The instance of the "assignment" section, built from its description (ISSUE14_TEXT). The
    description does not fix regions, qualifications, status or certificates: one region, no
    qualification required or held, every officer active with a valid certificate (the region rule
    is "any", so the region is irrelevant)."""
    items = {"I": {"code": "I", "department": "D", "target_category": "c", "qualification": None}}
    targets = [{"uscc": f"T{i}", "region": "000001", "items": ["I"], "departments": ["D"]} for i in range(1, 9)]
    officers = [{"id": f"O{j}", "department": "D", "status": "active", "cert_expiry": "9999-12-31",
                 "qualifications": [], "region": "000001"} for j in range(1, 9)]
    blocked = {(f"O{j}", "T1") for j in (5, 6, 7, 8)} | {(f"O{j}", "T2") for j in (5, 6)}
    return items, targets, officers, blocked


def check_assignment_cases(ck: Checker, a):
    """Section "assignment": one instance (issue 14), a case per seed with the v1 teams, the v2 teams
    and the v2 statistics."""
    ck.prefix = "assignment: "
    ck.eq("instance (the description this script builds)", ISSUE14_TEXT, a["instance"])
    items, targets, officers, blocked = issue14_instance()
    for i, c in enumerate(a["cases"]):
        ck.eq(f"cases[{i}].seed = SHA-256(u64be({i}))", c["seed"], sha256(u64be(i)).hex())
        seed = parse_hash(f"cases[{i}].seed", c["seed"])
        for version in ("v1", "v2"):
            camp = {"teams": {"per_department": 2, "min_size": 2, "max_targets_per_officer": 2,
                              "officer_region": "any"}}
            if version == "v2":
                camp["teams"]["assignment"] = "v2"
            st = {}
            try:
                res = assign(seed, targets, officers, camp, items, blocked, "2026-03-02", st)
            except Infeasible as ex:
                ck.diffs.append(f"{ck.prefix}cases[{i}] {version}: expected teams, got infeasible ({ex})")
                continue
            ck.eq(f"cases[{i}].teams_{version}", c[f"teams_{version}"], [res[t["uscc"]] for t in targets])
            if version == "v2":
                ck.eq(f"cases[{i}].stats_v2", c["stats_v2"], stats_json(st, "v2"))
    ck.prefix = ""


def check_v2_file(ck: Checker, doc2, doc1):
    ck.eq("draw-v2.json format", "dualdraw-draw-vectors-v2", doc2.get("format"))
    unknown = sorted(k for k in doc2 if k not in V2_SECTIONS and not k.startswith("draw"))
    ck.eq("draw-v2.json sections this script knows (none skipped)", [], unknown)
    assignment_self_test(ck, "v2")
    check_campaign_v2(ck, doc2["campaign"], doc1)
    check_assignment_cases(ck, doc2["assignment"])
    for key in sorted(k for k in doc2 if k.startswith("draw")):
        verify_entry(ck, key, doc2[key])
    # Informative: how v2 changes the tight draw's teams compared with v1's draw_tight (other seeds).
    if "draw_tight_v2" in doc2:
        t2 = {x["target"]: x["officers"] for x in doc2["draw_tight_v2"]["teams"]}
        t1 = {x["target"]: x["officers"] for x in doc1["draw_tight"]["teams"]}
        INFO.append(f"draw_tight_v2: {sum(t1.get(u) != v for u, v in t2.items())} of {len(t2)} teams differ from "
                    f"draw-v1's draw_tight (another campaign, so another seed)")


# ---------------------------------------------------------------------------
# --tamper: each change below, made in memory, must make verification fail
# ---------------------------------------------------------------------------


def _copy(x):
    return json.loads(json.dumps(x))


def tamper_team(doc):
    d = _copy(doc["draw"])
    team = d["proof"]["teams"][0]
    officers = d["proof"]["officers"]
    victim = team["officers"][0]
    dept = next(o["department"] for o in officers if o["id"] == victim)
    repl = next(o["id"] for o in officers
                if o["department"] == dept and o["id"] not in team["officers"] and o["status"] == "active")
    team["officers"][0] = repl
    team["officers"].sort()
    return ("draw", d, f"team of {team['target']}: {victim} replaced by {repl}",
            [f"draw: team {team['target']}:"], None)


def tamper_officer_history_edit(doc):
    """An officer-history pair edited: its officer becomes another one. The list's root and the
    announcement hash no longer match."""
    d = _copy(doc["draw"])
    oh = d["proof"]["announcement"]["officer_history"]
    old = oh[0]["officer"]
    oh[0]["officer"] = old[:-1] + ("0" if old[-1] != "0" else "1")
    return ("draw", d, f"officer_history[0].officer {old} -> {oh[0]['officer']}",
            ["draw: announcement.officer_history_root:"], None)


def tamper_officer_history_ignored(doc):
    """A forger who leaves the officer-history pairs out of §6: draw_tight given the rule
    (avoid_same_officer_within_days = 30) and one officer-history pair (officer, drawn target), every
    hash, root, seed and PRN resealed, and the teams those of a re-run with the recusals alone. The
    pair is searched (deterministically) so that the unblocked re-run puts its officer on its target.
    Only the team comparison can notice: this checks that verification blocks the pair in §6."""
    global IGNORE_OFFICER_HISTORY
    base = doc["draw_tight"]["proof"]
    officers = base["officers"]
    for t in base["targets"]:
        for o in officers:
            if o["department"] not in t["departments"]:
                continue
            d = {"proof": _copy(base)}
            pr = d["proof"]
            pr["announcement"]["campaign"]["teams"]["avoid_same_officer_within_days"] = 30
            pr["announcement"]["officer_history"] = [{"officer": o["id"], "target": t["entity"]["uscc"]}]
            _reseal(d)
            IGNORE_OFFICER_HISTORY = True
            try:
                forged = verify_proof(Checker(), d).get("teams") or {}
            finally:
                IGNORE_OFFICER_HISTORY = False
            if o["id"] in forged.get(t["entity"]["uscc"], []):
                pr["teams"] = [{"target": u, "officers": forged[u]} for u in sorted(forged, key=ub)]
                return ("draw_tight", d,
                        f"officer-history pair {o['id']}/{t['entity']['uscc']} added, everything resealed, "
                        f"teams from a re-run that ignores it",
                        [f"draw_tight: team {t['entity']['uscc']}:"], "draw_tight: team ")
    raise AssertionError("no officer-history pair changes a draw_tight team")


def _reseal(d):
    """Recomputes, for a tampered uncoordinated draw, every value light verification derives from the
    campaign and the announcement (campaign hash, officer-history root, announcement hash, seed, PRN
    seed, PRNs): what a forger would publish."""
    pr = d["proof"]
    ann = pr["announcement"]
    pairs = [(x["officer"], x["target"]) for x in ann["officer_history"]]
    ann["officer_history_root"] = officer_history_root(pairs).hex()
    chash = sha256(campaign_bytes(ann["campaign"]))
    ann["campaign_hash"] = chash.hex()
    abytes = announcement_bytes(chash, bytes.fromhex(ann["snapshot"]["digest"]), len(ann["exclusion"]),
                                bytes.fromhex(ann["exclusion_root"]), bytes.fromhex(ann["ledger_head"]),
                                ann["announced_at"], len(pairs), bytes.fromhex(ann["officer_history_root"]),
                                len(ann["drawn_this_year"]), bytes.fromhex(ann["drawn_this_year_root"]), None)
    ann["hash"] = sha256(abytes).hex()
    names = [w["name"] for w in ann["campaign"]["entropy"]["witnesses"]]
    by = {r["name"]: r["secret"] for r in pr["entropy"]["reveals"]}
    seed = make_seed(sha256(abytes), [(n, by[n]) for n in names if n in by], None)
    pr["seed"] = pr["prn_seed"] = seed.hex()
    for t in pr["targets"]:
        t["prn"] = prn(seed, t["entity"]["uscc"]).hex()


def tamper_drawn_this_year(doc):
    d = _copy(doc["draw"])
    dty = d["proof"]["announcement"]["drawn_this_year"]
    gone = dty.pop()
    return ("draw", d, f"drawn_this_year: {gone} removed", ["draw: announcement.drawn_this_year_root:"], None)


def tamper_low_risk(doc):
    d = _copy(doc["draw"])
    d["proof"]["announcement"]["campaign"]["targets"]["low_risk_once_a_year"] = False
    return ("draw", d, "campaign.targets.low_risk_once_a_year true -> false",
            ["draw: announcement.campaign_hash:"], None)


def tamper_coordination_start(doc):
    d = _copy(doc["draw_coordinated"])
    co = d["proofs"][1]["announcement"]["campaign"]["coordination"]
    old = co["start"]
    co["start"] = "1/2" if old != "1/2" else "1/4"
    return ("draw_coordinated", d, f"proofs[1] coordination.start {old} -> {co['start']}",
            ["draw_coordinated.proofs[1]: announcement.campaign_hash:",
             "draw_coordinated.proofs[1]: this campaign's place in the group"], None)


def tamper_group_announcements_order(doc):
    d = _copy(doc["draw_coordinated"])
    for pr in d["proofs"]:
        pr["group_announcements"].reverse()
    return ("draw_coordinated", d, "group_announcements reversed in every proof",
            ["draw_coordinated.proofs[0]: proof.prn_seed", "draw_coordinated.proofs[0]: this campaign's place"], None)


def tamper_group_members_order(doc):
    d = _copy(doc["draw_coordinated"])
    for pr in d["proofs"]:
        pr["announcement"]["coordination"]["members"].reverse()
    return ("draw_coordinated", d, "coordination.members reversed in every proof",
            ["draw_coordinated.proofs[0]: coordination.members sorted"], None)


def tamper_prn_seed(doc):
    """A proof claiming the plain seed as its PRN seed although it is a group member."""
    d = _copy(doc["draw_coordinated"])
    pr = d["proofs"][0]
    pr["prn_seed"] = pr["seed"]
    return ("draw_coordinated", d, "proofs[0] prn_seed replaced by its seed",
            ["draw_coordinated.proofs[0]: proof.prn_seed"], None)


def tamper_group_member_dropped(doc):
    """proofs[1]'s campaign left out of the group in proofs[0] (members, hash and announcement list
    shortened consistently): proofs[0]'s announcement hash no longer matches."""
    d = _copy(doc["draw_coordinated"])
    pr = d["proofs"][0]
    co = pr["announcement"]["coordination"]
    mine = pr["announcement"]["campaign_hash"]
    i = co["members"].index(mine)
    co["members"] = [mine]
    co["hash"] = group_hash(co["group"], [bytes.fromhex(mine)]).hex()
    pr["group_announcements"] = [pr["group_announcements"][i]]
    return ("draw_coordinated", d, "proofs[0]'s group shrunk to itself (group hash recomputed)",
            ["draw_coordinated.proofs[0]: announcement.hash:"], None)


def tamper_v2_team(doc):
    """draw_tight_v2 (draw-v2.json): one officer of a team replaced by another of its department."""
    key, d, what, expect, only = tamper_team({"draw": doc["draw_tight_v2"]})
    return ("draw_tight_v2", d, what, ["draw_tight_v2: team " + expect[0][len("draw: team "):]], None)


def tamper_v2_key_dropped(doc):
    """draw_tight_v2 with teams.assignment removed from the campaign: the campaign hash (§2, §6.1)."""
    d = _copy(doc["draw_tight_v2"])
    del d["proof"]["announcement"]["campaign"]["teams"]["assignment"]
    return ("draw_tight_v2", d, "campaign.teams.assignment \"v2\" removed",
            ["draw_tight_v2: announcement.campaign_hash:"], None)


def tamper_v2_teams_of_v1(doc):
    """A forger who announces a v2 campaign but publishes the teams of assignment v1 (the same seed,
    targets, officers and pairs): only the team comparison can notice."""
    global ASSIGNMENT_OVERRIDE
    d = _copy(doc["draw_tight_v2"])
    d.pop("teams", None)
    d.pop("stats", None)
    ASSIGNMENT_OVERRIDE = "v1"
    try:
        forged = verify_proof(Checker(), d).get("teams") or {}
    finally:
        ASSIGNMENT_OVERRIDE = None
    if forged == {x["target"]: x["officers"] for x in d["proof"]["teams"]}:
        raise AssertionError("v1 and v2 give the same teams on draw_tight_v2")
    d["proof"]["teams"] = [{"target": u, "officers": forged[u]} for u in sorted(forged, key=ub)]
    return ("draw_tight_v2", d, "the teams of an assignment v1 re-run published for the v2 campaign",
            ["draw_tight_v2: team "], "draw_tight_v2: team ")


def tamper_v2_downgraded(doc):
    """draw_tight_v2 downgraded to v1 (teams.assignment removed) with every hash, the seed and the
    PRNs resealed, the v2 teams kept: a verifier re-runs v1 for a campaign without the key."""
    d = _copy(doc["draw_tight_v2"])
    for k in ("campaign_hash", "announcement_hash", "seed", "campaign_toml", "teams", "stats"):
        d.pop(k, None)
    del d["proof"]["announcement"]["campaign"]["teams"]["assignment"]
    _reseal(d)
    return ("draw_tight_v2", d, "campaign downgraded to v1 and resealed, the v2 teams kept",
            ["draw_tight_v2: team "], "draw_tight_v2: team ")


TAMPERS = [tamper_team, tamper_officer_history_edit, tamper_officer_history_ignored, tamper_drawn_this_year,
           tamper_low_risk, tamper_coordination_start, tamper_group_announcements_order,
           tamper_group_members_order, tamper_prn_seed, tamper_group_member_dropped,
           tamper_v2_team, tamper_v2_key_dropped, tamper_v2_teams_of_v1, tamper_v2_downgraded]


def run_tampers(doc):
    base = {}
    for key in ("draw", "draw_tight", "draw_coordinated", "draw_tight_v2"):
        ck0 = Checker()
        verify_entry(ck0, key, doc[key])
        assert not ck0.diffs, f"{key} does not verify untampered: {ck0.diffs[:3]}"
        base[key] = ck0.passed
    failures = 0
    for fn in TAMPERS:
        key, entry, what, expect, only = fn(doc)
        ck = Checker()
        try:
            verify_entry(ck, key, entry)
        except (InvalidInput, KeyError, TypeError, ValueError) as e:
            ck.diffs.append(f"{key}: refused ({type(e).__name__}: {e})")
        hit = [p for p in expect if any(d.startswith(p) for d in ck.diffs)]
        ok = bool(ck.diffs) and len(hit) == len(expect)
        stray = [d for d in ck.diffs if only is not None and not d.startswith(only)]
        if stray:
            ok = False
            print(f"    differences other than {only!r}* (the tamper should be caught there alone): {stray[:3]}")
        failures += not ok
        print(f"{file_of(key)} --tamper [{fn.__name__[len('tamper_'):]}]: {key}: {what} (in memory): "
              f"{len(ck.diffs)} differences - {'rejected, OK' if ok else 'NOT REJECTED AS EXPECTED'}")
        for d in ck.diffs[:4]:
            print(f"    {d}")
        if len(ck.diffs) > 4:
            print(f"    ... {len(ck.diffs) - 4} more")
        for p in expect:
            if p not in hit:
                print(f"    missing expected difference: {p}...")
    INFO.clear()
    if failures:
        print(f"--tamper: {failures} of {len(TAMPERS)} tampers were not rejected as expected")
        return 1
    n2 = sum(1 for fn in TAMPERS if fn.__name__.startswith("tamper_v2_"))
    print(f"draw-v1 --tamper: all {len(TAMPERS) - n2} tampered proofs rejected - OK")
    print(f"draw-v2 --tamper: all {n2} tampered proofs rejected - OK")
    return 0


def file_of(key):
    return "draw-v2" if key.endswith("_v2") else "draw-v1"


def main(argv):
    global BELOW1_NO_DRAW
    args = set(argv)
    if not args <= {"--tamper"}:
        print("usage: reference_draw.py [--tamper]", file=sys.stderr)
        return 2
    BELOW1_NO_DRAW = True
    with open(VECTORS, encoding="utf-8") as f:
        doc = json.load(f)
    with open(VECTORS_V2, encoding="utf-8") as f:
        doc2 = json.load(f)

    if "--tamper" in args:
        # The v2 proof joins the v1 entries under its own key (draw-v2.json's draw_tight_v2).
        return run_tampers({**doc, "draw_tight_v2": doc2["draw_tight_v2"]})

    ck = Checker()
    self_checks(ck)
    try:
        check_primitives(ck, doc["primitives"])
        for key in sorted(k for k in doc if k.startswith("draw")):
            verify_entry(ck, key, doc[key])
    except (InvalidInput, KeyError, TypeError, ValueError) as e:
        ck.diffs.append(f"{ck.prefix}draw-v1: expected a well-formed vector file, got {type(e).__name__}: {e}")
    ck2 = Checker()
    try:
        check_v2_file(ck2, doc2, doc)
    except (InvalidInput, KeyError, TypeError, ValueError) as e:
        ck2.diffs.append(f"{ck2.prefix}draw-v2: expected a well-formed vector file, got {type(e).__name__}: {e}")
    for line in INFO:
        print(f"info: {line}")
    failed = 0
    for name, c in (("draw-v1", ck), ("draw-v2", ck2)):
        if c.diffs:
            failed += 1
            print(f"{name}: {len(c.diffs)} differences ({c.passed} checks passed):")
            for d in c.diffs:
                print(f"  {d}")
        else:
            print(f"{name}: {c.passed} checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
