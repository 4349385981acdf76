"""Key rotation and revocation for verify_log.py (docs/LOG.md §8): key statements, the reader's key chain, the keys in
force for a checkpoint of a given size, and what a checkpoint or file signature made by retired or revoked keys means.
Written from docs/LOG.md §2–§8, not from the Rust or TypeScript code.

The inclusion-proof verifier (§4) lives in verify_log.py; a KeyChain is given it (and the proof parser) when made, so
this module does not import verify_log.
"""

import json

from log_core import Report, parse_checkpoint, parse_entry, parse_vkey, signer_check, verify_sig


def same_key(a, b):
    return (a.name, a.type, a.pub) == (b.name, b.type, b.pub)


def key_in(k, ks):
    return any(same_key(k, x) for x in ks)


def fingerprints(keys):
    return ", ".join(k.fingerprint for k in keys)


def note_kind(text, sigs, keys):
    """The §3 error kind of a note under `keys` (every key must have a verifying line), or None when it verifies."""
    if not keys:
        return "checkpoint-unknown-origin"
    verified, bad, missing = 0, False, False
    for k in keys:
        lines = [s for s in sigs if s[0] == k.name and s[1] == k.id]
        if not lines:
            missing = True
            continue
        if all(verify_sig(k, text.encode(), s[2]) for s in lines):
            verified += 1
        else:
            bad = True
    if bad:
        return "note-bad-signature"
    if not verified:
        return "note-no-known-signature"
    if missing:
        return "checkpoint-missing-signature"
    return None


def signed_by_all(text, sigs, keys):
    return bool(keys) and note_kind(text, sigs, keys) is None


class Statement:
    """A verified key statement: the `key` entry's action, its new and old keys, reason, and the checkpoint's size."""

    def __init__(self, size, origin, action, new, old, reason, seq, name):
        self.size, self.origin, self.action, self.new, self.old = size, origin, action, new, old
        self.reason, self.seq, self.name = reason, seq, name

    def describe(self):
        return "%s at size %d (new keys %s)" % (self.action, self.size, fingerprints(self.new))


class StatementError(Exception):
    def __init__(self, kind, message):
        Exception.__init__(self, "%s: %s" % (kind, message))
        self.kind, self.message = kind, message


def statement_checkpoint(text, parse_tlog_proof):
    """(parsed proof, parsed checkpoint) of a key statement, or raises StatementError(proof-malformed …)."""
    p = parse_tlog_proof(text)
    if isinstance(p, str):
        raise StatementError("proof-malformed", "not an inclusion proof: " + p)
    cp = parse_checkpoint(p["checkpoint"])
    if isinstance(cp, str):
        raise StatementError("checkpoint-bad-text", "its checkpoint: " + cp)
    return p, cp


def _vkeys(v, what):
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise StatementError("key-statement-bad-body", "%s is not a list of vkeys" % what)
    out = []
    for x in v:
        k = parse_vkey(x)
        if isinstance(k, str):
            raise StatementError("key-statement-bad-body", "%s: %r is not a vkey: %s" % (what, x[:80], k))
        if k.type == "cosignature":
            raise StatementError("key-statement-bad-body", "%s: %s is a cosigner key (type 0x04), not a bureau key"
                                 % (what, k.label()))
        out.append(k)
    return out


def verify_statement(text, keys, verify_inclusion, parse_tlog_proof, name="statement"):
    """Verify a key statement against the keys in force before it (`keys`, all named as the log), the four steps of
    LOG.md §8 in order. Returns a Statement or raises StatementError(kind, message)."""
    p, cp = statement_checkpoint(text, parse_tlog_proof)
    origin, size = cp["origin"], cp["size"]
    K = [k for k in keys if k.name == origin and k.type != "cosignature"]
    # 1. an inclusion proof (§4) under K: every key of K signed, other keys' lines ignored
    rep = verify_inclusion(text, K)
    if not rep.ok:
        failed = rep.failed()
        if any(c.endswith(".signature") for c in failed):
            kind = note_kind(cp["text"], cp["sigs"], K) or "note-bad-signature"
        elif "checkpoint.format" in failed:
            kind = "checkpoint-bad-text"
        elif "inclusion.format" in failed:
            kind = "proof-malformed"
        elif "inclusion.index" in failed:
            kind = "entry-index-mismatch"
        elif "inclusion.entry" in failed:
            kind = "entry-hash-mismatch"
        else:
            kind = "inclusion-failed"
        msgs = "; ".join(c["message"] for c in rep.checks if not c["ok"])
        raise StatementError(kind, "it does not verify as an inclusion proof under the keys in force (%s): %s"
                             % (fingerprints(K) or "none named %s" % origin, msgs))
    e = parse_entry(p["extra"])
    # 2. a key entry, the checkpoint's last leaf
    if e["kind"] != "key":
        raise StatementError("key-statement-not-key-entry", "entry %d is of kind %s, not key" % (e["seq"], e["kind"]))
    if e["seq"] != size:
        raise StatementError("key-statement-not-last", "entry %d is not the last leaf of the size-%d checkpoint"
                             % (e["seq"], size))
    # 3. the body
    try:
        body = json.loads(e["body"])
    except ValueError as x:
        raise StatementError("key-statement-bad-body", "the body is not JSON: %s" % x)
    if not isinstance(body, dict):
        raise StatementError("key-statement-bad-body", "the body is not a JSON object")
    action = body.get("action")
    if action not in ("rotate", "revoke"):
        raise StatementError("key-statement-bad-body", "action is %r, not rotate or revoke" % (action,))
    if not isinstance(body.get("reason"), str):
        raise StatementError("key-statement-bad-body", "reason is not a string")
    new = _vkeys(body.get("new"), "new")
    if not new:
        raise StatementError("key-statement-bad-body", "new is empty")
    old = _vkeys(body.get("old"), "old")
    for k in new:
        if k.name != origin:
            raise StatementError("key-statement-bad-body", "the new key %s is not named as the log %s" % (k.label(), origin))
        if key_in(k, old):
            raise StatementError("key-statement-bad-body", "the new key %s is also in old" % k.label())
    for k in K:
        if not key_in(k, old):
            raise StatementError("key-statement-other-keys", "the key in force %s is not in the statement's old keys"
                                 % k.label())
    # 4. every new key signed the checkpoint
    for k in new:
        lines = [s for s in cp["sigs"] if s[0] == k.name and s[1] == k.id]
        if not lines or not all(verify_sig(k, cp["text"].encode(), s[2]) for s in lines):
            raise StatementError("key-statement-unsigned-by-new", "the new key %s %s the size-%d checkpoint"
                                 % (k.label(), "did not sign" if not lines else "has a signature that does not verify on",
                                    size))
    return Statement(size, origin, action, new, old, body["reason"], e["seq"], name)


class KeyChain:
    """A reader's key chain for one log (origin): the initial keys and the statements accepted, in the order of their
    sizes. `results` holds, per statement given, (index given, name, Statement or None, kind or None, message)."""

    def __init__(self, origin, initial, verify_inclusion, parse_tlog_proof):
        self.origin = origin
        self.initial = [k for k in initial if k.name == origin and k.type != "cosignature"]
        self.statements, self.results = [], []
        self._inc, self._parse = verify_inclusion, parse_tlog_proof

    def add(self, given):
        """given: [(name, text)]. Orders them by their checkpoints' sizes and verifies each against the keys in force
        after the previous accepted one."""
        sized, seen = [], set()
        for i, (name, text) in enumerate(given):
            try:
                _, cp = statement_checkpoint(text, self._parse)
            except StatementError as x:
                self.results.append((i, name, None, x.kind, x.message))
                continue
            sized.append((cp["size"], i, name, text))
        sized.sort()
        for size, i, name, text in sized:
            if size in seen:
                self.results.append((i, name, None, "key-statement-duplicate",
                                     "another statement given is also of size %d" % size))
                continue
            seen.add(size)
            try:
                st = verify_statement(text, self.latest(), self._inc, self._parse, name)
            except StatementError as x:
                self.results.append((i, name, None, x.kind, x.message))
                continue
            self.statements.append(st)
            self.results.append((i, name, st, None, "%s at size %d (%s): new keys %s"
                                 % (st.action, st.size, st.reason, fingerprints(st.new))))
        return self

    def keys_for(self, size):
        """The keys in force for a checkpoint of `size`: the new keys of the last statement whose size is ≤ size."""
        keys = self.initial
        for st in self.statements:
            if st.size <= size:
                keys = st.new
        return keys

    def latest(self):
        return self.statements[-1].new if self.statements else self.initial

    def generation(self, size=None):
        """How many accepted statements are in force (0: the initial keys)."""
        return sum(1 for st in self.statements if size is None or st.size <= size)

    def withdrawn_by(self, text, sigs, size=None):
        """The statement whose old keys signed the note (a revoke before a rotate; then the latest, preferring those
        at or before `size`), or None."""
        cands = [st for st in self.statements if signed_by_all(text, sigs, [k for k in st.old if k.name == self.origin])]
        if not cands:
            return None
        return max(cands, key=lambda st: (size is None or st.size <= size, st.action == "revoke", st.size))

    def check_checkpoint(self, rep, check, cp):
        """The bureau's signatures on a parsed checkpoint under the keys in force for its size (into rep); returns the
        keys that signed ([] when refused)."""
        keys = self.keys_for(cp["size"])
        scratch = Report(rep.kind)
        signed = signer_check(scratch, check, cp["text"], cp["sigs"], cp["origin"], keys, "bureau")
        if scratch.ok or not self.statements:
            rep.take(scratch)
            rep.facts.update(scratch.facts)
            if self.statements and scratch.ok:
                g = self.generation(cp["size"])
                rep.passed("keys.in-force", "the size-%d checkpoint is signed by the keys in force for its size (%s)"
                           % (cp["size"], "the initial keys" if g == 0 else "after the %s" % self.statements[g - 1].describe()))
            return signed
        st = self.withdrawn_by(cp["text"], cp["sigs"], cp["size"])
        if st is None:
            rep.take(scratch)
            rep.facts.update(scratch.facts)
            return []
        kind = "key-revoked" if st.action == "revoke" else "key-retired"
        # The signature check under the keys in force failed: report it, then why (as the page does).
        rep.take(scratch)
        rep.facts.update(scratch.facts)
        rep.fail("keys.in-force", "%s: the size-%d checkpoint is signed by keys (%s) that the %s at size %d withdrew%s; "
                 "the keys in force for size %d are %s"
                 % (kind, cp["size"], fingerprints(st.old), st.action, st.size,
                    " (reason: %s)" % st.reason if st.action == "revoke" else "", cp["size"], fingerprints(keys)))
        rep.facts["key_error"] = kind
        return []

    def check_file(self, rep, check, text, sigs, origin):
        """A file signature (no size): the latest keys; keys a rotate retired (accepted, with a note of the size);
        keys a revoke withdrew (refused, key-revoked with the reason)."""
        keys = self.latest()
        scratch = Report(rep.kind)
        signed = signer_check(scratch, check, text, sigs, origin, keys, "bureau")
        if scratch.ok or not self.statements:
            rep.take(scratch)
            rep.facts.update(scratch.facts)
            if self.statements and scratch.ok:
                rep.passed("keys.in-force", "signed by the latest keys in force (%s)" % fingerprints(keys))
            return signed
        st = self.withdrawn_by(text, sigs)
        if st is None:
            rep.take(scratch)
            rep.facts.update(scratch.facts)
            return []
        old = [k for k in st.old if k.name == origin]
        if st.action == "revoke":
            rep.take(scratch)
            rep.facts.update(scratch.facts)
            rep.fail("keys.in-force", "key-revoked: the file is signed by keys (%s) revoked at size %d (reason: %s); "
                     "the bureau republishes its files signed with the new keys" % (fingerprints(old), st.size, st.reason))
            rep.facts["key_error"] = "key-revoked"
            return []
        for k in old:
            rep.passed(check, "the %s signature of the bureau key %s verifies"
                       % ("SM2" if k.type == "sm2" else "Ed25519", k.label()))
        rep.passed("keys.in-force", "signed by keys (%s) retired by the rotation at size %d: accepted; they were in force "
                   "before it" % (fingerprints(old), st.size))
        rep.facts["retired_at"] = st.size
        rep.notest.append("when the file was signed: its keys were retired by the rotation at size %d" % st.size)
        return old


class KeyChains:
    """The chains of every log a run reads: the initial keys (--log-key, key lists) and the statements given, grouped
    by their checkpoints' origins. `get(origin)` is that log's KeyChain (one with no statements for another log)."""

    def __init__(self, initial, statements, verify_inclusion, parse_tlog_proof):
        self.initial, self._inc, self._parse = list(initial), verify_inclusion, parse_tlog_proof
        self.chains, self.results, self.used = {}, [], []
        by_origin, order = {}, []
        for i, (name, text) in enumerate(statements):
            try:
                _, cp = statement_checkpoint(text, parse_tlog_proof)
            except StatementError as x:
                self.results.append((i, name, None, x.kind, x.message))
                continue
            if cp["origin"] not in by_origin:
                by_origin[cp["origin"]] = []
                order.append(cp["origin"])
            by_origin[cp["origin"]].append((i, name, text))
        for o in order:
            ch = self.get(o, used=False)
            ch.add([(n, t) for _, n, t in by_origin[o]])
            for (j, n, st, kind, msg) in ch.results:
                self.results.append((by_origin[o][j][0], n, st, kind, msg))
        # (in the order of the chains: each log's statements by size)

    def get(self, origin, used=True):
        if origin not in self.chains:
            self.chains[origin] = KeyChain(origin, self.initial, self._inc, self._parse)
        if used and origin not in self.used:
            self.used.append(origin)
        return self.chains[origin]


def read_key_list(text, path):
    """(keys, errors): a province key list (§8); each error names PATH:LINE:1."""
    keys, errors = [], []
    for i, line in enumerate(text.splitlines()):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        k = parse_vkey(s)
        if isinstance(k, str):
            errors.append("%s:%d:1: not a vkey: %s" % (path, i + 1, k))
        else:
            keys.append(k)
    return keys, errors


__all__ = ["KeyChain", "KeyChains", "Statement", "StatementError", "verify_statement", "read_key_list", "note_kind"]
