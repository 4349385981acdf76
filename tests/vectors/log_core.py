"""The signed log's primitives for verify_log.py (docs/LOG.md §1–§3, §5): vkeys, key IDs, fingerprints, Ed25519 and
SM2 verification, signed notes, checkpoints with the bureau's signatures and cosignatures, RFC 9162 trees, ledger
entries and their chain hash, and the reports that say what was established. Written from docs/LOG.md, docs/LEDGER.md
and the C2SP specifications.
"""

import base64
import binascii
import hashlib
import json
import re
import struct
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
    if size == "0" and r != sha256(b""):
        return "the root of an empty log is SHA-256(\"\")"
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


def verify_checkpoint(data, log_keys, policy=None, prefix="checkpoint", chains=None):
    """chains (log_keys.KeyChains, §8): when given, the bureau's signatures are checked under the keys in force for
    the checkpoint's size (log_keys is then unused)."""
    rep = Report("checkpoint")
    cp = parse_checkpoint(data)
    if isinstance(cp, str):
        rep.fail(prefix + ".format", "not a checkpoint: " + cp)
        return rep, None
    rep.facts.update(origin=cp["origin"], size=cp["size"], root=cp["root"].hex())
    if chains is not None:
        signed = chains.get(cp["origin"]).check_checkpoint(rep, prefix + ".signature", cp)
    else:
        signed = signer_check(rep, prefix + ".signature", cp["text"], cp["sigs"], cp["origin"], log_keys, "bureau")
    rep.facts["signed_by"] = [k.text for k in signed]
    if rep.ok:
        rep.est.append("the bureau's key(s) %s signed: log %s has %d entries, root %s"
                       % ("; ".join(k.label() for k in signed), cp["origin"], cp["size"], cp["root"].hex()))
        if len(signed) == 1:
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
