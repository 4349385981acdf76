#!/usr/bin/env python3
"""Independent verifier of dualdraw's signed log (docs/LOG.md), in Python.

Usage:
    python3 verify_log.py [PROOF] --log-key VKEY|FILE ... [--policy FILE] [--checkpoint FILE]
                          [--inclusion FILE] [--consistency OLD_CHECKPOINT ADD_CHECKPOINT] [--fork FILE]
                          [--auditor-key VKEY|FILE ...] [--attestation FILE ...] [--signature FILE.sig ...] [--json]
    python3 verify_log.py --self-test [--vectors tests/vectors/log-v1.json]

Written from docs/LOG.md, docs/LEDGER.md and the C2SP specifications (signed-note, tlog-checkpoint,
tlog-cosignature, tlog-proof, tlog-witness), not from the Rust or TypeScript code. Every report says what it
established and what it could not. With --json it prints one `dualdraw.verify-log.v1` object, the same fields as
web/dist/verify-cli.mjs (web/README.md). Exit 0 when every check passed, 1 when one failed, 2 for a usage error or an
unreadable file.

Needs, besides the standard library, `cryptography` (Ed25519) and `gmalg` (SM2 with SM3, pure Python): see
requirements-log.txt; .ci/run installs them into a virtual environment (.venv-log).
"""

import base64
import binascii
import hashlib
import json
import os
import re
import struct
import sys
import tomllib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
import gmalg

SM2_TYPE = b"\xff" + b"dualdraw/sm2-sm3/v1"
SM2_UID = b"1234567812345678"
SM2_N = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123
MAX_NOTE = 64 * 1024
MAX_SIGS = 100
LEAF_TAG = b"dualdraw-ledger-leaf/v1\n"
TYPE_BYTES = {"ed25519": b"\x01", "cosignature": b"\x04", "sm2": SM2_TYPE}
PUB_LEN = {"ed25519": 32, "cosignature": 32, "sm2": 65}
DEC = re.compile(r"^(0|[1-9][0-9]*)$")


def sha256(b):
    return hashlib.sha256(b).digest()


def b64(s):
    """RFC 4648 §4 base64 with padding, canonical; None when it is not."""
    if not isinstance(s, str) or len(s) % 4 or not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", s):
        return None
    try:
        b = base64.b64decode(s, validate=True)
    except (binascii.Error, ValueError):
        return None
    return b if base64.b64encode(b).decode() == s else None


def enc64(b):
    return base64.b64encode(b).decode()


def valid_name(n):
    return bool(n) and not any(c.isspace() or c == "+" or ord(c) < 0x20 or ord(c) == 0x7F for c in n) \
        and not re.search(r"[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u180e\u200b]", n)


# ---- keys (§2, §5) -------------------------------------------------------------------------------------------------

class Vkey:
    def __init__(self, text, name, kid, typ, pub):
        self.text, self.name, self.id, self.type, self.pub = text, name, kid, typ, pub
        h = hashlib.sha256(text.encode()).hexdigest()[:32]
        self.fingerprint = " ".join(h[i:i + 4] for i in range(0, 32, 4))

    def label(self):
        t = {"sm2": "SM2", "ed25519": "Ed25519", "cosignature": "cosigner"}[self.type]
        return "%s (%s, %s)" % (self.name, t, self.fingerprint)


def key_id(name, typ, pub):
    return sha256(name.encode() + b"\n" + TYPE_BYTES[typ] + pub)[:4]


def parse_vkey(text):
    """A Vkey, or a string saying what is wrong. The first two '+' separate the parts (base64 may contain '+')."""
    v = text.strip()
    parts = v.split("+", 2)
    if len(parts) != 3:
        return "a vkey is NAME+KEYID+BASE64"
    name, idhex, data = parts
    if not valid_name(name):
        return "invalid key name %r" % name
    if not re.fullmatch(r"[0-9a-f]{8}", idhex):
        return "the key ID is 8 lowercase hex digits"
    raw = b64(data)
    if not raw:
        return "the key data is not base64"
    if raw[:1] == b"\x01":
        typ = "ed25519"
    elif raw[:1] == b"\x04":
        typ = "cosignature"
    elif raw.startswith(SM2_TYPE):
        typ = "sm2"
    else:
        return "unsupported signature type 0x%02x" % raw[0]
    pub = raw[len(TYPE_BYTES[typ]):]
    if len(pub) != PUB_LEN[typ]:
        return "a %s public key has %d bytes, not %d" % (typ, PUB_LEN[typ], len(pub))
    if typ == "sm2":
        if pub[0] != 4:
            return "an SM2 public key is SEC1 uncompressed (0x04 ‖ x ‖ y)"
        try:
            if not gmalg.SM2().verify_pk(pub):
                return "the SM2 public key is not a point of the curve"
        except Exception:
            return "the SM2 public key is not a point of the curve"
    else:
        try:
            Ed25519PublicKey.from_public_bytes(pub)
        except ValueError:
            return "not an Ed25519 public key"
    if key_id(name, typ, pub).hex() != idhex:
        return "the key ID %s is not SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4] = %s" % (idhex, key_id(name, typ, pub).hex())
    return Vkey(v, name, bytes.fromhex(idhex), typ, pub)


def parse_key_list(text):
    keys, errors = [], []
    for i, line in enumerate(text.splitlines()):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        k = parse_vkey(line)
        (errors.append("line %d: %s" % (i + 1, k)) if isinstance(k, str) else keys.append(k))
    return keys, errors


def verify_sig(key, msg, sig):
    if len(sig) != 64:
        return False
    if key.type == "sm2":
        r, s = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
        if not (1 <= r < SM2_N and 1 <= s < SM2_N):
            return False
        try:
            return bool(gmalg.SM2(pk=key.pub, uid=SM2_UID).verify(msg, sig[:32], sig[32:]))
        except Exception:
            return False
    try:
        Ed25519PublicKey.from_public_bytes(key.pub).verify(sig, msg)
        return True
    except InvalidSignature:
        return False


# ---- signed notes and checkpoints (§3) -----------------------------------------------------------------------------

def parse_note(data):
    """(text, [(name, id, sig, line)]) or a string saying what is wrong."""
    if isinstance(data, bytes):
        if len(data) > MAX_NOTE:
            return "a signed note is at most %d bytes" % MAX_NOTE
        try:
            s = data.decode("utf-8")
        except UnicodeDecodeError:
            return "a signed note is UTF-8"
    else:
        s = data
    if len(s.encode()) > MAX_NOTE:
        return "a signed note is at most %d bytes" % MAX_NOTE
    if re.search(r"[\x00-\x09\x0b-\x1f]", s):
        return "a signed note has no control characters other than newline"
    sep = s.rfind("\n\n")
    if sep < 0:
        return "no blank line between the note text and its signatures"
    text, rest = s[:sep + 1], s[sep + 2:]
    if not rest.endswith("\n"):
        return "the last signature line does not end in a newline"
    lines = rest[:-1].split("\n")
    if len(lines) > MAX_SIGS:
        return "more than %d signature lines" % MAX_SIGS
    sigs = []
    for line in lines:
        m = re.fullmatch(r"\u2014 (\S+) (\S+)", line)
        if not m or not valid_name(m.group(1)):
            return "not a signature line: %s" % line[:120]
        raw = b64(m.group(2))
        if not raw or len(raw) < 5:
            return "the signature of %s is not base64 of a key ID and a signature" % m.group(1)
        sigs.append((m.group(1), raw[:4], raw[4:], line))
    return text, sigs


def parse_checkpoint(data):
    n = parse_note(data)
    if isinstance(n, str):
        return n
    text, sigs = n
    lines = text[:-1].split("\n")
    if len(lines) < 3:
        return "a checkpoint has three lines: origin, tree size, root hash"
    if len(lines) > 3:
        return "a log v1 checkpoint has no extension lines"
    origin, size, root = lines
    if not valid_name(origin):
        return "the origin is not a log name"
    if not DEC.match(size):
        return "the tree size is not a decimal without leading zeros"
    r = b64(root)
    if not r or len(r) != 32:
        return "the root hash is not base64 of 32 bytes"
    return {"origin": origin, "size": int(size), "root": r, "text": text, "sigs": sigs}


class Report:
    def __init__(self, kind):
        self.kind, self.ok, self.checks, self.est, self.notest, self.facts = kind, True, [], [], [], {}

    def passed(self, check, msg):
        self.checks.append({"check": check, "ok": True, "message": msg})

    def fail(self, check, msg):
        self.checks.append({"check": check, "ok": False, "message": msg})
        self.ok = False
        return self

    def take(self, other):
        for c in other.checks:
            self.checks.append(c)
            self.ok = self.ok and c["ok"]

    def json(self):
        return {"kind": self.kind, "ok": self.ok, "facts": self.facts, "checks": self.checks,
                "established": self.est if self.ok else [], "not_established": self.notest}

    def failed(self):
        return sorted({c["check"] for c in self.checks if not c["ok"]})


def signer_check(rep, check, text, sigs, name, keys, who):
    mine = [k for k in keys if k.name == name and k.type != "cosignature"]
    if not mine:
        rep.fail(check, "no %s key named %s was given: the signature cannot be checked" % (who, name))
        return []
    verified, failed, seen, unknown = [], [], set(), 0
    for (n, kid, sig, _line) in sigs:
        k = next((k for k in mine if k.name == n and k.id == kid), None)
        if k is None:
            unknown += 1
            continue
        seen.add(k.text)
        if verify_sig(k, text.encode(), sig):
            verified.append(k) if k not in verified else None
        elif k not in failed:
            failed.append(k)
    for k in failed:
        rep.fail(check, "the signature of the %s key %s does not verify" % (who, k.label()))
    missing = [k for k in mine if k.text not in seen]
    for k in missing:
        rep.fail(check, "no signature by the %s key %s (every key given must have signed)" % (who, k.label()))
    for k in verified:
        rep.passed(check, "the %s signature of the %s key %s verifies" % ("SM2" if k.type == "sm2" else "Ed25519", who, k.label()))
    rep.facts[check + ".unknown_lines"] = unknown
    return [] if failed or missing else verified


def parse_policy(text):
    try:
        v = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        return "the policy is not TOML: %s" % e
    q = v.get("quorum")
    if not isinstance(q, int) or isinstance(q, bool) or q < 0:
        return "the policy's quorum is not an integer ≥ 0"
    cs = v.get("cosigners")
    if not isinstance(cs, list) or not all(isinstance(c, str) for c in cs):
        return "the policy's cosigners is not a list of vkeys"
    keys = []
    for c in cs:
        k = parse_vkey(c)
        if isinstance(k, str):
            return "a cosigner's vkey: " + k
        if k.type != "cosignature":
            return "the cosigner %s has a %s vkey; cosigners' vkeys have type 0x04" % (k.name, k.type)
        keys.append(k)
    if q > len(keys):
        return "the quorum %d is more than the %d cosigners named" % (q, len(keys))
    return {"quorum": q, "cosigners": keys}


def verify_checkpoint(data, log_keys, policy=None, prefix="checkpoint"):
    rep = Report("checkpoint")
    cp = parse_checkpoint(data)
    if isinstance(cp, str):
        rep.fail(prefix + ".format", "not a checkpoint: " + cp)
        return rep, None
    rep.facts.update(origin=cp["origin"], size=cp["size"], root=cp["root"].hex())
    signed = signer_check(rep, prefix + ".signature", cp["text"], cp["sigs"], cp["origin"], log_keys, "bureau")
    rep.facts["signed_by"] = [k.text for k in signed]
    if rep.ok:
        rep.est.append("the bureau's key(s) %s signed: log %s has %d entries, root %s"
                       % ("; ".join(k.label() for k in signed), cp["origin"], cp["size"], cp["root"].hex()))
        if len(signed) < 2:
            has = ("SM2", "Ed25519") if signed[0].type == "sm2" else ("Ed25519", "SM2")
            rep.notest.append("only the bureau's %s key was given and checked; its %s signature was not" % has)
        rep.notest.append("that these are the bureau's genuine keys: compare the fingerprints with the announcement "
                          "notices or the province's key list")
    if policy is None:
        rep.notest.append("that anyone outside the bureau saw this checkpoint (no cosigner policy given), so not that "
                          "the bureau shows everyone the same log")
        return rep, cp
    ok = []
    for k in policy["cosigners"]:
        for (n, kid, sig, _l) in cp["sigs"]:
            if n != k.name or kid != k.id:
                continue
            if len(sig) != 72:
                rep.fail(prefix + ".cosignature", "the cosignature of %s is not a timestamp and a signature" % k.label())
                continue
            t = struct.unpack(">Q", sig[:8])[0]
            msg = b"cosignature/v1\ntime %d\n" % t + cp["text"].encode()
            if verify_sig(k, msg, sig[8:]):
                ok.append(k) if k not in ok else None
                rep.passed(prefix + ".cosignature", "the cosignature of %s verifies (time %d)" % (k.label(), t))
            else:
                rep.fail(prefix + ".cosignature", "the cosignature of %s does not verify" % k.label())
    rep.facts.update(cosignatures=len(ok), quorum=policy["quorum"])
    if len(ok) >= policy["quorum"]:
        rep.passed(prefix + ".quorum", "%d cosignature(s) verify: the quorum of %d is met" % (len(ok), policy["quorum"]))
        if ok:
            rep.est.append("%d cosigner(s) stated that this checkpoint extends the one they cosigned before" % len(ok))
    else:
        rep.fail(prefix + ".quorum", "only %d cosignature(s) verify: the quorum of %d is not met" % (len(ok), policy["quorum"]))
    return rep, cp


# ---- trees (§1, RFC 9162 §2.1.3.2 and §2.1.4.2) ---------------------------------------------------------------------

def node(l, r):
    return sha256(b"\x01" + l + r)


def ledger_leaf_hash(seq, entry_hash):
    return sha256(b"\x00" + LEAF_TAG + struct.pack(">Q", seq) + entry_hash)


def root_from_path(index, size, leaf, path):
    if not 0 <= index < size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn % 2 == 1 or fn == sn:
            r = node(p, r)
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def consistency_ok(first, second, first_root, second_root, proof):
    if first < 0 or first > second:
        return False
    if first == second:
        return not proof and first_root == second_root
    if first == 0:
        return not proof and first_root == sha256(b"")
    if not proof:
        return False
    path = [first_root] + list(proof) if first & (first - 1) == 0 else list(proof)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_root and sr == second_root


# ---- ledger entries (docs/LEDGER.md) --------------------------------------------------------------------------------

ENTRY_FIELDS = ["seq", "prev", "hash", "kind", "campaign", "at", "operator", "approver", "body"]


def _no_dups(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            raise ValueError("duplicate key %r" % k)
        d[k] = v
    return d


def parse_entry(b):
    try:
        e = json.loads(b.decode("utf-8"), object_pairs_hook=_no_dups)
    except (ValueError, UnicodeDecodeError) as x:
        return "the entry is not JSON: %s" % x
    if not isinstance(e, dict) or set(e) != set(ENTRY_FIELDS):
        return "the entry's fields are not %s" % ", ".join(ENTRY_FIELDS)
    if not isinstance(e["seq"], int) or isinstance(e["seq"], bool) or e["seq"] < 1:
        return "the entry's seq is not an integer ≥ 1"
    for k in ("prev", "hash"):
        if not isinstance(e[k], str) or not re.fullmatch(r"[0-9a-f]{64}", e[k]):
            return "the entry's %s is not 64 lowercase hex digits" % k
    for k in ENTRY_FIELDS[3:]:
        if not isinstance(e[k], str):
            return "the entry's %s is not a text" % k
    return e


def lp(s):
    b = s.encode()
    return struct.pack(">I", len(b)) + b


def chain_hash(e):
    return hashlib.sha256(lp("dualdraw-ledger-v1") + struct.pack(">Q", e["seq"]) + bytes.fromhex(e["prev"])
                          + b"".join(lp(e[k]) for k in ("kind", "campaign", "at", "operator", "approver", "body"))).hexdigest()


# ---- proofs (§4) ------------------------------------------------------------------------------------------------------

def _hashes_then_note(lines, i):
    hs = []
    while i < len(lines) and lines[i] != "":
        h = b64(lines[i])
        if not h or len(h) != 32:
            return "line %d is not base64 of a 32-byte hash" % (i + 1)
        hs.append(h)
        if len(hs) > 63:
            return "more than 63 proof hashes"
        i += 1
    if i >= len(lines):
        return "no empty line before the checkpoint"
    return hs, "\n".join(lines[i + 1:])


def _text(data, limit):
    if isinstance(data, bytes):
        if len(data) > limit:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return data


def parse_tlog_proof(data):
    s = _text(data, 2 * MAX_NOTE)
    if s is None:
        return "the proof is not UTF-8 or is too large"
    lines = s.split("\n")
    if lines[0] != "c2sp.org/tlog-proof@v1":
        return "the first line is not c2sp.org/tlog-proof@v1"
    i, extra = 1, None
    if len(lines) > 1 and lines[1].startswith("extra "):
        extra = b64(lines[1][6:])
        if extra is None:
            return "the extra line is not base64"
        i = 2
    m = re.fullmatch(r"index (0|[1-9][0-9]*)", lines[i] if i < len(lines) else "")
    if not m:
        return "line %d is not \"index N\"" % (i + 1)
    r = _hashes_then_note(lines, i + 1)
    if isinstance(r, str):
        return r
    return {"extra": extra, "index": int(m.group(1)), "path": r[0], "checkpoint": r[1]}


def verify_inclusion(data, log_keys, policy=None, draw=None):
    rep = Report("inclusion")
    p = parse_tlog_proof(data)
    if isinstance(p, str):
        return rep.fail("inclusion.format", "not an inclusion proof: " + p)
    crep, cp = verify_checkpoint(p["checkpoint"], log_keys, policy)
    rep.take(crep)
    rep.facts.update(crep.facts)
    rep.facts["index"] = p["index"]
    if p["extra"] is None:
        return rep.fail("inclusion.entry", "the proof has no extra line (the ledger entry)")
    e = parse_entry(p["extra"])
    if isinstance(e, str):
        return rep.fail("inclusion.entry", "extra is not a ledger entry: " + e)
    rep.facts.update(seq=e["seq"], entry_kind=e["kind"], campaign=e["campaign"], entry_hash=e["hash"])
    h = chain_hash(e)
    if h != e["hash"]:
        rep.fail("inclusion.entry", "entry %d's chain hash is %s, the entry says %s" % (e["seq"], h, e["hash"]))
    else:
        rep.passed("inclusion.entry", "entry %d's chain hash recomputed from its fields" % e["seq"])
    if p["index"] != e["seq"] - 1:
        rep.fail("inclusion.index", "index must be seq − 1 = %d, the proof says %d" % (e["seq"] - 1, p["index"]))
    if cp and h == e["hash"] and p["index"] == e["seq"] - 1:
        r = root_from_path(p["index"], cp["size"], ledger_leaf_hash(e["seq"], bytes.fromhex(h)), p["path"])
        if r == cp["root"]:
            rep.passed("inclusion.path", "the path leads from entry %d's leaf to the checkpoint's root (size %d)" % (e["seq"], cp["size"]))
        else:
            rep.fail("inclusion.path", "the path does not lead from entry %d's leaf to the checkpoint's root (size %d)" % (e["seq"], cp["size"]))
    if draw is not None:
        digest = hashlib.sha256(draw).hexdigest()
        rep.facts["proof_sha256"] = digest
        if e["kind"] != "draw":
            rep.fail("inclusion.draw", "entry %d is of kind %s, not draw" % (e["seq"], e["kind"]))
        else:
            try:
                body = json.loads(e["body"])
            except ValueError:
                body = None
            try:
                ann = json.loads(draw.decode("utf-8")).get("announcement") or {}
            except (ValueError, UnicodeDecodeError, AttributeError):
                ann = {}
            camp = ann.get("campaign", {}).get("id") if isinstance(ann.get("campaign"), dict) else None
            if not isinstance(body, dict):
                rep.fail("inclusion.draw", "the entry body is not a JSON object")
            else:
                bad = False
                if body.get("proof_sha256") != digest:
                    bad = rep.fail("inclusion.draw", "the proof file's SHA-256 is %s, the ledger recorded %s" % (digest, body.get("proof_sha256")))
                if camp != e["campaign"]:
                    bad = rep.fail("inclusion.draw", "the proof's campaign %s is not the entry's %s" % (camp, e["campaign"]))
                if ann.get("hash") != body.get("announcement_hash"):
                    bad = rep.fail("inclusion.draw", "the proof's announcement hash is not the entry's")
                if not bad:
                    rep.passed("inclusion.draw", "this proof file (SHA-256 %s) is the draw recorded by entry %d" % (digest, e["seq"]))
                    rep.est.append("these exact proof bytes are the draw the bureau logged (%s)" % e["campaign"])
                    rep.notest.append("that the draw itself is right: verify_proof.py does that")
    if rep.ok and cp:
        rep.est.insert(0, "ledger entry %d (%s, %s, %s, chain hash %s) is leaf %d of the %d-entry log the bureau signed"
                       % (e["seq"], e["kind"], e["campaign"], e["at"], e["hash"], p["index"], cp["size"]))
        rep.est[1:1] = crep.est
        rep.notest[:0] = crep.notest
        rep.notest.append("what the earlier entries say: the chain hash only covers the previous hash (prev)")
    return rep


def parse_add_checkpoint(data):
    s = _text(data, 2 * MAX_NOTE)
    if s is None:
        return "the request is not UTF-8 or is too large"
    lines = s.split("\n")
    m = re.fullmatch(r"old (0|[1-9][0-9]*)", lines[0])
    if not m:
        return "the first line is not \"old N\""
    r = _hashes_then_note(lines, 1)
    if isinstance(r, str):
        return r
    return {"old": int(m.group(1)), "proof": r[0], "checkpoint": r[1]}


def verify_consistency(older, body, log_keys, policy=None):
    rep = Report("consistency")
    arep, a = verify_checkpoint(older, log_keys, None, "older")
    rep.take(arep)
    req = parse_add_checkpoint(body)
    if isinstance(req, str):
        return rep.fail("consistency.format", "not a consistency proof: " + req)
    brep, b = verify_checkpoint(req["checkpoint"], log_keys, policy, "newer")
    rep.take(brep)
    if not a or not b:
        return rep
    rep.facts.update(origin=b["origin"], old_size=a["size"], new_size=b["size"], old_root=a["root"].hex(), new_root=b["root"].hex())
    if a["origin"] != b["origin"]:
        return rep.fail("consistency.origin", "the checkpoints are of different logs")
    if req["old"] != a["size"]:
        return rep.fail("consistency.old", "the proof's old %d is not the older checkpoint's size %d" % (req["old"], a["size"]))
    if a["size"] > b["size"]:
        return rep.fail("consistency.size", "the newer checkpoint (%d) is smaller than the older one (%d): a rollback" % (b["size"], a["size"]))
    if consistency_ok(a["size"], b["size"], a["root"], b["root"], req["proof"]):
        rep.passed("consistency.proof", "the %d-entry log extends the %d-entry one" % (b["size"], a["size"]))
        rep.est.append("the %d-entry log the bureau signed keeps all %d entries of the one it signed before: none "
                       "changed, dropped or reordered" % (b["size"], a["size"]))
        rep.notest.append("that the keys are the bureau's genuine ones: compare the fingerprints")
    else:
        rep.fail("consistency.proof", "the consistency proof fails: it does not show that the %d-entry log extends the %d-entry one" % (b["size"], a["size"]))
    return rep


# ---- fork proofs (§5) -----------------------------------------------------------------------------------------------

def _take_checkpoint(lines, i):
    if i + 4 > len(lines) or "" in lines[i:i + 3] or lines[i + 3] != "":
        return "line %d: a checkpoint is three lines, an empty line and its signatures" % (i + 1)
    j = i + 4
    while j < len(lines) and lines[j].startswith("\u2014 "):
        j += 1
    if j == i + 4:
        return "line %d: the checkpoint has no signature line" % (j + 1)
    return "\n".join(lines[i:j]) + "\n", j


def parse_fork(data):
    s = _text(data, 4 * MAX_NOTE)
    if s is None:
        return "the fork proof is not UTF-8 or is too large"
    lines = s.split("\n")
    if lines[0] != "dualdraw-fork-proof/v1":
        return "the first line is not dualdraw-fork-proof/v1"
    kind = lines[1] if len(lines) > 1 else ""
    if kind not in ("same-size", "rollback", "inconsistent"):
        return "unknown kind %r" % kind
    if len(lines) < 3 or lines[2] != "":
        return "line 3 is not empty"
    a = _take_checkpoint(lines, 3)
    if isinstance(a, str):
        return a
    if a[1] >= len(lines) or lines[a[1]] != "":
        return "an empty line must separate the two checkpoints"
    b = _take_checkpoint(lines, a[1] + 1)
    if isinstance(b, str):
        return b
    after = lines[b[1]:]
    if after == [""]:
        body = None
    elif after[0] == "":
        body = "\n".join(after[1:]) or None
    else:
        return "unexpected text after the second checkpoint"
    if (kind == "inconsistent") != (body is not None):
        return "only an inconsistent fork proof carries the add-checkpoint body that failed"
    return {"kind": kind, "a": a[0], "b": b[0], "body": body}


def verify_fork(data, log_keys):
    rep = Report("fork")
    f = parse_fork(data)
    if isinstance(f, str):
        return rep.fail("fork.format", "not a fork proof: " + f)
    rep.facts["fork_kind"] = f["kind"]
    arep, A = verify_checkpoint(f["a"], log_keys, None, "fork.a")
    brep, B = verify_checkpoint(f["b"], log_keys, None, "fork.b")
    rep.take(arep)
    rep.take(brep)
    if not A or not B or not rep.ok:
        return rep.fail("fork.signed", "both checkpoints must be signed by the bureau for a fork proof to stand")
    rep.facts.update(origin=A["origin"], a_size=A["size"], b_size=B["size"], a_root=A["root"].hex(), b_root=B["root"].hex())
    if A["origin"] != B["origin"]:
        return rep.fail("fork.origin", "the checkpoints are of different logs: no fork")
    if f["kind"] == "same-size":
        if A["size"] != B["size"]:
            return rep.fail("fork.kind", "same-size needs equal sizes")
        if A["root"] == B["root"]:
            return rep.fail("fork.kind", "both checkpoints have the same root: no fork")
        rep.passed("fork.kind", "both of size %d, different roots" % A["size"])
        rep.est.append("conclusive on its own: the bureau signed two different versions of log %s, both of size %d"
                       % (A["origin"], A["size"]))
    elif f["kind"] == "rollback":
        if not B["size"] < A["size"]:
            return rep.fail("fork.kind", "rollback needs the second checkpoint to be smaller")
        rep.passed("fork.kind", "the second checkpoint (%d) is smaller than the first (%d)" % (B["size"], A["size"]))
        rep.est.append("the bureau signed both checkpoints of log %s: sizes %d and %d" % (A["origin"], A["size"], B["size"]))
        rep.notest.append("that the log was tampered with: conclusive only once the bureau cannot produce a consistency "
                          "proof from %d to %d" % (B["size"], A["size"]))
    else:
        if not A["size"] < B["size"]:
            return rep.fail("fork.kind", "inconsistent needs the second checkpoint to be larger")
        req = parse_add_checkpoint(f["body"])
        if isinstance(req, str):
            return rep.fail("fork.request", "the enclosed request is malformed: " + req)
        if req["checkpoint"] != f["b"]:
            return rep.fail("fork.request", "the enclosed request is not about the second checkpoint")
        if req["old"] != A["size"]:
            return rep.fail("fork.request", "the enclosed request's old is not the first checkpoint's size")
        if consistency_ok(A["size"], B["size"], A["root"], B["root"], req["proof"]):
            return rep.fail("fork.request", "the enclosed consistency proof verifies: no fork")
        rep.passed("fork.request", "the enclosed consistency proof does not connect %d to %d" % (A["size"], B["size"]))
        rep.est.append("the bureau signed both checkpoints (sizes %d and %d) and the consistency proof that came with "
                       "the second does not verify" % (A["size"], B["size"]))
        rep.notest.append("that the two checkpoints are really inconsistent: conclusive only once the bureau cannot "
                          "produce a valid consistency proof from %d to %d" % (A["size"], B["size"]))
    rep.notest.append("that the keys are the bureau's genuine ones: compare the fingerprints")
    return rep


# ---- file signatures (§6) and attestations (§7) ------------------------------------------------------------------

def verify_file_signature(sig, file_name, file_bytes, log_keys):
    rep = Report("file-signature")
    n = parse_note(sig)
    if isinstance(n, str):
        return rep.fail("file.format", "not a signed note: " + n)
    text, sigs = n
    lines = text[:-1].split("\n")
    if len(lines) != 5 or lines[0] != "dualdraw-file-signature/v1":
        return rep.fail("file.format", "not a dualdraw-file-signature/v1 note (five lines)")
    _, origin, name, hexd, size = lines
    if not valid_name(origin) or not re.fullmatch(r"[0-9a-f]{64}", hexd) or not DEC.match(size) or not name or "/" in name or "\\" in name:
        return rep.fail("file.format", "a field of the file signature is malformed")
    rep.facts.update(origin=origin, file=name, sha256=hexd, size=int(size))
    signed = signer_check(rep, "file.signature", text, sigs, origin, log_keys, "bureau")
    if os.path.basename(file_name) != name:
        rep.fail("file.name", "the signature names %s, the file is %s" % (name, os.path.basename(file_name)))
    if file_bytes is not None:
        if hashlib.sha256(file_bytes).hexdigest() != hexd or len(file_bytes) != int(size):
            rep.fail("file.digest", "the file's SHA-256 or size is not the signature's")
        else:
            rep.passed("file.digest", "the file's SHA-256 and size match the signature")
    else:
        rep.notest.append("the file's contents: no file given")
    if rep.ok:
        rep.est.append("the bureau's key(s) %s signed the file %s (SHA-256 %s)" % ("; ".join(k.label() for k in signed), name, hexd))
    return rep


ATTEST = ["campaign", "announcement", "proof", "level", "verdict", "time"]


def verify_attestation(data, auditor_keys, proof_bytes):
    rep = Report("attestation")
    n = parse_note(data)
    if isinstance(n, str):
        return rep.fail("attestation.format", "not a signed note: " + n)
    text, sigs = n
    lines = text[:-1].split("\n")
    if len(lines) != 7 or lines[0] != "dualdraw-attestation/v1":
        return rep.fail("attestation.format", "not a dualdraw-attestation/v1 note (seven lines)")
    f = {}
    for key, line in zip(ATTEST, lines[1:]):
        if not line.startswith(key + " "):
            return rep.fail("attestation.format", "a line must start with %r" % (key + " "))
        f[key] = line[len(key) + 1:]
    if not (f["campaign"] and re.fullmatch(r"[0-9a-f]{64}", f["announcement"]) and re.fullmatch(r"[0-9a-f]{64}", f["proof"])
            and f["level"] == "audit" and f["verdict"] in ("valid", "invalid")
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", f["time"])):
        return rep.fail("attestation.format", "a field of the attestation is malformed")
    rep.facts.update(f)
    names = sorted({k.name for k in auditor_keys if k.type != "cosignature" and any(s[0] == k.name for s in sigs)})
    if not names:
        rep.fail("attestation.signature", "no key of an auditor who signed this attestation was given")
    signed = []
    for nm in names:
        signed += signer_check(rep, "attestation.signature", text, sigs, nm, auditor_keys, "auditor")
    rep.facts["auditor"] = " ".join(names)
    if proof_bytes is not None:
        try:
            ann = json.loads(proof_bytes.decode("utf-8")).get("announcement") or {}
        except (ValueError, UnicodeDecodeError, AttributeError):
            ann = {}
        camp = ann.get("campaign", {}).get("id") if isinstance(ann.get("campaign"), dict) else None
        if hashlib.sha256(proof_bytes).hexdigest() != f["proof"]:
            rep.fail("attestation.proof", "the attestation is about another proof file")
        else:
            rep.passed("attestation.proof", "the attestation names the proof file given")
        if camp != f["campaign"] or ann.get("hash") != f["announcement"]:
            rep.fail("attestation.proof", "the attestation's campaign and announcement are not the proof's")
    else:
        rep.notest.append("that it is about the proof you verified: no proof file given")
    if rep.ok:
        rep.est.append("the auditor %s states: it verified %s's proof (SHA-256 %s) at the audit level, verdict %s, at %s"
                       % ("; ".join(k.label() for k in signed), f["campaign"], f["proof"], f["verdict"], f["time"]))
        rep.notest.append("the audit's conclusion itself: it is the auditor's statement")
    return rep


# ---- the whole run ------------------------------------------------------------------------------------------------

def verify_all(log_key_texts, auditor_key_texts=(), policy_text=None, checkpoint=None, inclusion=None, draw=None,
               consistency=None, fork=None, attestations=(), signatures=()):
    keys_rep = Report("keys")

    def read(texts, who):
        got = []
        for t in texts:
            ks, errs = parse_key_list(t)
            for e in errs:
                keys_rep.fail("keys.vkey", "a %s vkey cannot be read: %s" % (who, e))
            got += ks
        for k in got:
            keys_rep.passed("keys.vkey", "%s key %s fingerprint %s" % (who, k.label(), k.fingerprint))
        return got

    log_keys = read(log_key_texts, "bureau")
    auditor_keys = read(auditor_key_texts, "auditor")
    policy = None
    if policy_text is not None:
        p = parse_policy(policy_text)
        if isinstance(p, str):
            keys_rep.fail("keys.policy", "the cosigner policy cannot be read: " + p)
        else:
            policy = p
            keys_rep.passed("keys.policy", "cosigner policy: %d cosigner(s), quorum %d" % (len(p["cosigners"]), p["quorum"]))
    keys_rep.facts.update(log_keys=[k.text for k in log_keys], fingerprints=[k.fingerprint for k in log_keys])
    if not log_keys and (checkpoint or inclusion or consistency or fork or signatures):
        keys_rep.fail("keys.vkey", "no bureau key given: nothing signed can be checked")
    out = [keys_rep]
    if checkpoint is not None:
        out.append(verify_checkpoint(checkpoint, log_keys, policy)[0])
    if inclusion is not None:
        out.append(verify_inclusion(inclusion, log_keys, policy, draw))
    if consistency is not None:
        out.append(verify_consistency(consistency[0], consistency[1], log_keys, policy))
    if fork is not None:
        out.append(verify_fork(fork, log_keys))
    for a in attestations:
        out.append(verify_attestation(a, auditor_keys, draw))
    for sig, name, fb in signatures:
        out.append(verify_file_signature(sig, name, fb, log_keys))
    return out


def as_json(reports):
    return {"schema": "dualdraw.verify-log.v1", "ok": bool(reports) and all(r.ok for r in reports),
            "reports": [r.json() for r in reports]}


def human(reports):
    out = []
    for r in reports:
        out.append(("✔ %s: verified" if r.ok else "✘ %s: FAILED") % r.kind)
        for c in r.checks:
            out.append("  %s [%s] %s" % ("✔" if c["ok"] else "✘", c["check"], c["message"]))
        j = r.json()
        if j["established"]:
            out.append("  Established:")
            out += ["    • " + e for e in j["established"]]
        if j["not_established"]:
            out.append("  Not established:")
            out += ["    – " + e for e in j["not_established"]]
        out.append("")
    return "\n".join(out)


USAGE = ("usage: verify_log.py [PROOF] --log-key VKEY|FILE ... [--policy FILE] [--checkpoint FILE] [--inclusion FILE] "
         "[--consistency OLD NEW] [--fork FILE] [--auditor-key VKEY|FILE ...] [--attestation FILE ...] "
         "[--signature FILE.sig ...] [--json] | --self-test [--vectors FILE]")


class Usage(Exception):
    pass


def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise Usage("cannot read %s: %s" % (path, e))


def main(argv):
    if argv and argv[0] == "--self-test":
        vec = None
        if len(argv) == 3 and argv[1] == "--vectors":
            vec = argv[2]
        elif len(argv) != 1:
            print(USAGE, file=sys.stderr)
            return 2
        return self_test(vec)
    kw = dict(log_key_texts=[], auditor_key_texts=[], attestations=[], signatures=[])
    as_js, proof = False, None
    try:
        i = 0
        while i < len(argv):
            a = argv[i]

            def val():
                nonlocal i
                i += 1
                if i >= len(argv):
                    raise Usage("%s needs a value" % a)
                return argv[i]
            if a == "--json":
                as_js = True
            elif a in ("--log-key", "--auditor-key"):
                v = val()
                t = _read(v).decode("utf-8", "replace") if os.path.exists(v) else v
                kw["log_key_texts" if a == "--log-key" else "auditor_key_texts"].append(t)
            elif a == "--policy":
                kw["policy_text"] = _read(val()).decode("utf-8", "replace")
            elif a in ("--checkpoint", "--inclusion", "--fork"):
                kw[a[2:]] = _read(val())
            elif a == "--consistency":
                old = _read(val())
                kw["consistency"] = (old, _read(val()))
            elif a == "--attestation":
                kw["attestations"].append(_read(val()))
            elif a == "--signature":
                s = val()
                f = s[:-4] if s.endswith(".sig") else s
                kw["signatures"].append((_read(s), f, _read(f) if f != s and os.path.exists(f) else None))
            elif a.startswith("-"):
                raise Usage("unknown option " + a)
            elif proof is None:
                proof = a
            else:
                raise Usage("unexpected argument " + a)
            i += 1
        if proof is not None:
            kw["draw"] = _read(proof)
    except Usage as e:
        print("error: %s\n%s" % (e, USAGE), file=sys.stderr)
        return 2
    reports = verify_all(**kw)
    print(json.dumps(as_json(reports), ensure_ascii=False, indent=2) if as_js else human(reports))
    return 0 if all(r.ok for r in reports) else 1


# ---- self-test: fixtures signed here (cryptography's Ed25519, gmalg's SM2), valid and tampered; log-v1.json -------

def _mth(ls, a, b):
    if b - a == 1:
        return ls[a]
    k = 1
    while k * 2 < b - a:
        k *= 2
    return node(_mth(ls, a, a + k), _mth(ls, a + k, b))


def _path(ls, m, a, b):
    if b - a <= 1:
        return []
    k = 1
    while k * 2 < b - a:
        k *= 2
    if m < k:
        return _path(ls, m, a, a + k) + [_mth(ls, a + k, b)]
    return _path(ls, m - k, a + k, b) + [_mth(ls, a, a + k)]


def _cproof(ls, m, n):
    def sub(m, a, b, complete):
        if m == b - a:
            return [] if complete else [_mth(ls, a, b)]
        k = 1
        while k * 2 < b - a:
            k *= 2
        if m <= k:
            return sub(m, a, a + k, complete) + [_mth(ls, a + k, b)]
        return sub(m - k, a + k, b, False) + [_mth(ls, a, a + k)]
    return [] if m in (0, n) else sub(m, 0, n, True)


class _Signer:
    def __init__(self, name, typ, seed):
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        self.name, self.type = name, typ
        if typ == "sm2":
            sk = sha256(b"sm2 seed %d" % seed)
            pub = gmalg.SM2().generate_pk(sk)
            self._sm = gmalg.SM2(sk=sk, uid=SM2_UID, pk=pub)
        else:
            self._ed = Ed25519PrivateKey.from_private_bytes(sha256(b"seed %d" % seed))
            from cryptography.hazmat.primitives import serialization as ser
            pub = self._ed.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)
        self.id = key_id(name, typ, pub)
        self.vkey = "%s+%s+%s" % (name, self.id.hex(), enc64(TYPE_BYTES[typ] + pub))

    def sign(self, msg):
        if self.type == "sm2":
            r, s = self._sm.sign(msg)
            return r.rjust(32, b"\0") + s.rjust(32, b"\0")
        return self._ed.sign(msg)

    def line(self, text):
        return "\u2014 %s %s\n" % (self.name, enc64(self.id + self.sign(text.encode())))

    def cosig(self, text, t):
        sig = self.sign(b"cosignature/v1\ntime %d\n" % t + text.encode())
        return "\u2014 %s %s\n" % (self.name, enc64(self.id + struct.pack(">Q", t) + sig))


def _fixtures_test():
    origin = "scjg.520123.gov.cn/dualdraw"
    ed, sm = _Signer(origin, "ed25519", 1), _Signer(origin, "sm2", 1)
    w1, w2 = _Signer("w1.example", "cosignature", 11), _Signer("w2.example", "cosignature", 12)
    keys = [parse_vkey(ed.vkey), parse_vkey(sm.vkey)]
    assert all(isinstance(k, Vkey) for k in keys), keys
    proof = json.dumps({"announcement": {"campaign": {"id": "C"}, "hash": "ab" * 32}}).encode()
    entries, prev = [], "00" * 32
    for seq in range(1, 14):
        body = json.dumps({"announcement_hash": "ab" * 32, "proof_sha256": hashlib.sha256(proof).hexdigest()}) if seq == 2 else "{}"
        e = {"seq": seq, "prev": prev, "hash": "", "kind": "draw" if seq == 2 else "result", "campaign": "C",
             "at": "2026-03-01T01:00:00Z", "operator": "操作员", "approver": "审核人", "body": body}
        e["hash"] = chain_hash(e)
        prev = e["hash"]
        entries.append(e)
    ls = [ledger_leaf_hash(e["seq"], bytes.fromhex(e["hash"])) for e in entries]
    root = lambda n: sha256(b"") if n == 0 else _mth(ls, 0, n)
    cpt = lambda n: "%s\n%d\n%s\n" % (origin, n, enc64(root(n)))
    cp = lambda n, ss=(ed, sm): cpt(n) + "\n" + "".join(s.line(cpt(n)) for s in ss)
    for n in range(1, 14):
        for i in range(n):
            assert root_from_path(i, n, ls[i], _path(ls, i, 0, n)) == root(n)
        for m in range(n + 1):
            p = _cproof(ls, m, n)
            assert consistency_ok(m, n, root(m), root(n), p), (m, n)
            if 0 < m < n:
                assert not consistency_ok(m, n, root(m), root(n), p[:-1])
    failed = lambda r: r.failed()
    r, _ = verify_checkpoint(cp(13), keys)
    assert r.ok, r.checks
    assert failed(verify_checkpoint(cp(13, (ed,)), keys)[0]) == ["checkpoint.signature"]
    bad = cpt(13) + "\n" + ed.line(cpt(13)) + sm.line(cpt(12))
    assert failed(verify_checkpoint(bad, keys)[0]) == ["checkpoint.signature"]
    assert verify_checkpoint(cp(13) + _Signer("o.example", "ed25519", 3).line(cpt(13)), keys)[0].ok
    assert "extension" in parse_checkpoint(cpt(13) + "ext\n\n" + ed.line(cpt(13) + "ext\n"))
    pol = 'quorum = 2\ncosigners = ["%s", "%s"]\n' % (w1.vkey, w2.vkey)
    policy = parse_policy(pol)
    cos = lambda n, ws=(w1, w2): cp(n) + "".join(w.cosig(cpt(n), 1767225600) for w in ws)
    assert verify_checkpoint(cos(13), keys, policy)[0].ok
    assert failed(verify_checkpoint(cos(13, (w1,)), keys, policy)[0]) == ["checkpoint.quorum"]

    def tlog(seq, n, c=None):
        e = entries[seq - 1]
        return ("c2sp.org/tlog-proof@v1\nextra %s\nindex %d\n" % (enc64(json.dumps(e, ensure_ascii=False).encode()), seq - 1)
                + "".join(enc64(h) + "\n" for h in _path(ls, seq - 1, 0, n)) + "\n" + (c or cp(n)))
    assert verify_inclusion(tlog(7, 13), keys).ok
    assert verify_inclusion(tlog(2, 13), keys, None, proof).ok
    assert failed(verify_inclusion(tlog(2, 13), keys, None, proof + b" ")) == ["inclusion.draw"]
    assert failed(verify_inclusion(tlog(3, 13), keys, None, proof)) == ["inclusion.draw"]
    assert failed(verify_inclusion(tlog(7, 13, cp(12)), keys)) == ["inclusion.path"]
    assert "inclusion.index" in failed(verify_inclusion(tlog(7, 13).replace("index 6", "index 5"), keys))
    add = lambda m, n, c=None, p=None: "old %d\n%s\n%s" % (m, "".join(enc64(h) + "\n" for h in (p if p is not None else _cproof(ls, m, n))), c or cp(n))
    for m, n in ((0, 13), (4, 13), (7, 13), (13, 13)):
        assert verify_consistency(cp(m), add(m, n), keys).ok, (m, n)
    assert failed(verify_consistency(cp(7), add(7, 13, p=_cproof(ls, 7, 13)[1:]), keys)) == ["consistency.proof"]
    assert failed(verify_consistency(cp(7), add(6, 13), keys)) == ["consistency.old"]
    other = "%s\n13\n%s\n" % (origin, enc64(sha256(b"x")))
    assert verify_fork("dualdraw-fork-proof/v1\nsame-size\n\n%s\n%s" % (cp(13), other + "\n" + ed.line(other) + sm.line(other)), keys).ok
    assert verify_fork("dualdraw-fork-proof/v1\nrollback\n\n%s\n%s\n" % (cp(13), cp(9)), keys).ok
    c13 = cp(13)
    assert verify_fork("dualdraw-fork-proof/v1\ninconsistent\n\n%s\n%s\n%s" % (cp(9), c13, add(9, 13, c13, _cproof(ls, 8, 13))), keys).ok
    assert failed(verify_fork("dualdraw-fork-proof/v1\ninconsistent\n\n%s\n%s\n%s" % (cp(9), c13, add(9, 13, c13)), keys)) == ["fork.request"]
    assert failed(verify_fork("dualdraw-fork-proof/v1\nsame-size\n\n%s\n%s" % (cp(13), cp(13)), keys)) == ["fork.kind"]
    f = "名单\n".encode()
    st = "dualdraw-file-signature/v1\n%s\nlist.csv\n%s\n%d\n" % (origin, hashlib.sha256(f).hexdigest(), len(f))
    sig = st + "\n" + ed.line(st) + sm.line(st)
    assert verify_file_signature(sig, "list.csv", f, keys).ok
    assert failed(verify_file_signature(sig, "list.csv", f + b"!", keys)) == ["file.digest"]
    aud = [_Signer("auditor.example", "ed25519", 21), _Signer("auditor.example", "sm2", 21)]
    at = ("dualdraw-attestation/v1\ncampaign C\nannouncement %s\nproof %s\nlevel audit\nverdict valid\ntime 2026-03-03T08:00:00Z\n"
          % ("ab" * 32, hashlib.sha256(proof).hexdigest()))
    att = at + "\n" + "".join(a.line(at) for a in aud)
    akeys = [parse_vkey(a.vkey) for a in aud]
    assert verify_attestation(att, akeys, proof).ok
    assert failed(verify_attestation(att, akeys, b"{}")) == ["attestation.proof"]
    assert not verify_attestation(att.replace("verdict valid", "verdict invalid"), akeys, proof).ok
    _interop(ed, sm, cos(13), tlog(2, 13, cos(13)), pol, proof)


def _interop(ed, sm, checkpoint, inclusion, policy, proof):
    """What Python signed (gmalg's SM2, cryptography's Ed25519) must verify with web/dist/verify-cli.mjs too."""
    import shutil
    import subprocess
    import tempfile
    cli = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "web", "dist", "verify-cli.mjs")
    node = shutil.which("node")
    if not node or not os.path.exists(cli):
        print("verify_log.py self-test: node or web/dist/verify-cli.mjs missing: the cross-check with the page was not run")
        return
    with tempfile.TemporaryDirectory() as d:
        files = {}
        for name, data in (("cp", checkpoint), ("incl", inclusion), ("policy", policy), ("proof", proof)):
            files[name] = os.path.join(d, name)
            with open(files[name], "wb") as f:
                f.write(data if isinstance(data, bytes) else data.encode())
        args = [node, cli, files["proof"], "--log-key", ed.vkey, "--log-key", sm.vkey, "--policy", files["policy"],
                "--checkpoint", files["cp"], "--inclusion", files["incl"], "--json"]
        r = subprocess.run(args, capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        assert json.loads(r.stdout)["ok"] is True
        bad = subprocess.run(args[:-1] + ["--checkpoint", files["incl"]], capture_output=True, text=True)
        assert bad.returncode == 1, bad.stdout
    print("verify_log.py self-test: web/dist/verify-cli.mjs verifies the checkpoint and inclusion proof signed here")


def self_test(vectors=None):
    _fixtures_test()
    print("verify_log.py self-test: the fixtures signed here verify and each tampered one is refused")
    if vectors is None:
        default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "log-v1.json")
        vectors = default if os.path.exists(default) else None
    if vectors is None:
        print("verify_log.py self-test: no log-v1.json beside this file; the Rust vectors were not run")
        return 0
    import run_log_vectors
    passed, failed = run_log_vectors.run(vectors, sys.modules[__name__])
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
