#!/usr/bin/env python3
"""Independent verifier of dualdraw's signed log (docs/LOG.md), in Python.

Usage:
    python3 verify_log.py [PROOF] --log-key VKEY|FILE ... [--key-list FILE ...] [--key-statement FILE ...]
                          [--policy FILE] [--checkpoint FILE]
                          [--inclusion FILE] [--consistency OLD_CHECKPOINT ADD_CHECKPOINT] [--fork FILE]
                          [--auditor-key VKEY|FILE ...] [--attestation FILE ...] [--signature FILE.sig ...] [--json]
    python3 verify_log.py --self-test [--vectors tests/vectors/log-v1.json] [--key-vectors tests/vectors/log-keys-v1.json]

Key rotation and revocation (LOG.md §8): --key-list FILE reads a province's key list (one vkey a line, blank lines and
`#` comments; the keys named as the log's origin, taken from the checkpoint, proof or signature being checked, are
used; a line that is not a vkey fails keys.vkey naming FILE:LINE:1). --key-statement FILE (repeatable, any order) adds
a key statement: they are taken in the order of their sizes, each verified against the keys in force after the one
before (check keys.statement, naming the action, size and new fingerprints, or the §8 kind code it was refused with).
Given either, a checkpoint (also in --inclusion, --consistency, --fork and cosigned) is checked under the keys in force
for its size, a --signature under the latest keys; a checkpoint or signature by keys a statement retired or revoked
fails keys.in-force with key-retired or key-revoked (a file signed by keys a rotation retired is accepted, with a note
of the rotation's size). The starting keys are --log-key and the key lists' keys together.

Written from docs/LOG.md, docs/LEDGER.md and the C2SP specifications (signed-note, tlog-checkpoint,
tlog-cosignature, tlog-proof, tlog-witness), not from the Rust or TypeScript code. Every report says what it
established and what it could not. With --json it prints one `dualdraw.verify-log.v1` object, the same fields as
web/dist/verify-cli.mjs (web/README.md). Exit 0 when every check passed, 1 when one failed, 2 for a usage error or an
unreadable file.

Needs, besides the standard library, `cryptography` (Ed25519) and `gmalg` (SM2 with SM3, pure Python): see
requirements-log.txt; .ci/run installs them into a virtual environment (.venv-log).
"""

import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from log_core import *  # noqa: E402,F401,F403
import log_keys as log_keys_mod  # noqa: E402
from log_core import (DEC, MAX_NOTE, Report, b64, chain_hash, consistency_ok, ledger_leaf_hash,  # noqa: E402
                      parse_entry, parse_key_list, parse_note, parse_policy, root_from_path,
                      signer_check, valid_name, verify_checkpoint)


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


def draw_ids(draw):
    """A draw given as the proof file's bytes, or as {"bytes", "campaign", "announcement_hash"} by a caller that
    verified the proof: its bytes, campaign and announcement hash (read from the file when not given)."""
    if isinstance(draw, (bytes, bytearray)):
        draw = {"bytes": bytes(draw)}
    camp, ann_hash = draw.get("campaign"), draw.get("announcement_hash")
    if camp is None or ann_hash is None:
        try:
            ann = json.loads(draw["bytes"].decode("utf-8")).get("announcement")
        except (ValueError, UnicodeDecodeError, AttributeError):
            ann = None
        ann = ann if isinstance(ann, dict) else {}
        if camp is None and isinstance(ann.get("campaign"), dict):
            camp = ann["campaign"].get("id")
        if ann_hash is None:
            ann_hash = ann.get("hash")
    return draw["bytes"], camp, ann_hash


def verify_inclusion(data, log_keys, policy=None, draw=None, chains=None):
    rep = Report("inclusion")
    p = parse_tlog_proof(data)
    if isinstance(p, str):
        return rep.fail("inclusion.format", "not an inclusion proof: " + p)
    crep, cp = verify_checkpoint(p["checkpoint"], log_keys, policy, chains=chains)
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
        draw_bytes, camp, ann_hash = draw_ids(draw)
        digest = hashlib.sha256(draw_bytes).hexdigest()
        rep.facts["proof_sha256"] = digest
        if e["kind"] != "draw":
            rep.fail("inclusion.draw", "entry %d is of kind %s, not draw" % (e["seq"], e["kind"]))
        else:
            try:
                body = json.loads(e["body"])
            except ValueError:
                body = None
            if not isinstance(body, dict):
                rep.fail("inclusion.draw", "the entry body is not a JSON object")
            else:
                bad = False
                if body.get("proof_sha256") != digest:
                    bad = rep.fail("inclusion.draw", "the proof file's SHA-256 is %s, the ledger recorded %s" % (digest, body.get("proof_sha256")))
                if camp != e["campaign"]:
                    bad = rep.fail("inclusion.draw", "the proof's campaign %s is not the entry's %s" % (camp, e["campaign"]))
                if ann_hash != body.get("announcement_hash"):
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


def verify_consistency(older, body, log_keys, policy=None, chains=None):
    """With chains (§8) the older checkpoint is checked under the keys in force for its size, the newer under those
    for its size."""
    rep = Report("consistency")
    arep, a = verify_checkpoint(older, log_keys, None, "older", chains)
    rep.take(arep)
    req = parse_add_checkpoint(body)
    if isinstance(req, str):
        return rep.fail("consistency.format", "not a consistency proof: " + req)
    brep, b = verify_checkpoint(req["checkpoint"], log_keys, policy, "newer", chains)
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


def verify_fork(data, log_keys, chains=None):
    rep = Report("fork")
    f = parse_fork(data)
    if isinstance(f, str):
        return rep.fail("fork.format", "not a fork proof: " + f)
    rep.facts["fork_kind"] = f["kind"]
    arep, A = verify_checkpoint(f["a"], log_keys, None, "fork.a", chains)
    brep, B = verify_checkpoint(f["b"], log_keys, None, "fork.b", chains)
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

def verify_file_signature(sig, file_name, file_bytes, log_keys, chains=None):
    """With chains (§8): accepted under the latest keys; under keys a rotate retired, accepted with a note of the
    rotation's size; under keys a revoke withdrew, refused (keys.in-force, key-revoked)."""
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
    if chains is not None:
        signed = chains.get(origin).check_file(rep, "file.signature", text, sigs, origin)
    else:
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


def verify_attestation(data, auditor_keys, draw):
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
    if draw is not None:
        proof_bytes, camp, ann_hash = draw_ids(draw)
        if hashlib.sha256(proof_bytes).hexdigest() != f["proof"]:
            rep.fail("attestation.proof", "the attestation is about another proof file")
        else:
            rep.passed("attestation.proof", "the attestation names the proof file given")
        if camp != f["campaign"] or ann_hash != f["announcement"]:
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
               consistency=None, fork=None, attestations=(), signatures=(), key_statements=(), key_lists=()):
    """key_statements: [(name, bytes)] (§8, --key-statement); key_lists: [(path, text)] (a province's key list,
    --key-list). Given either, the bureau's signatures are checked through the reader's key chain (log_keys)."""
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
    listed = []
    for path, text in key_lists:
        ks, errs = log_keys_mod.read_key_list(text, path)
        for e in errs:
            keys_rep.fail("keys.vkey", "the key list cannot be read: " + e)
        listed.append((path, ks))
    policy = None
    if policy_text is not None:
        p = parse_policy(policy_text)
        if isinstance(p, str):
            keys_rep.fail("keys.policy", "the cosigner policy cannot be read: " + p)
        else:
            policy = p
            keys_rep.passed("keys.policy", "cosigner policy: %d cosigner(s), quorum %d" % (len(p["cosigners"]), p["quorum"]))
    all_listed = [k for _, ks in listed for k in ks]
    chains = None
    if key_statements or key_lists:
        chains = log_keys_mod.KeyChains(log_keys + all_listed, [(n, t) for n, t in key_statements],
                                        verify_inclusion, parse_tlog_proof)
        for (_i, name, st, kind, msg) in chains.results:
            if st is None:
                keys_rep.fail("keys.statement", "key statement %s refused, %s: %s" % (name, kind, msg))
            else:
                keys_rep.passed("keys.statement", "key statement %s: %s" % (name, msg))
    if not (log_keys or all_listed) and (checkpoint or inclusion or consistency or fork or signatures):
        keys_rep.fail("keys.vkey", "no bureau key given: nothing signed can be checked")
    out = [keys_rep]
    if checkpoint is not None:
        out.append(verify_checkpoint(checkpoint, log_keys, policy, chains=chains)[0])
    if inclusion is not None:
        out.append(verify_inclusion(inclusion, log_keys, policy, draw, chains))
    if consistency is not None:
        out.append(verify_consistency(consistency[0], consistency[1], log_keys, policy, chains))
    if fork is not None:
        out.append(verify_fork(fork, log_keys, chains))
    for a in attestations:
        out.append(verify_attestation(a, auditor_keys, draw))
    for sig, name, fb in signatures:
        out.append(verify_file_signature(sig, name, fb, log_keys, chains))
    # the key lists' keys named as a log this run read (the origins of its inputs and statements)
    used = chains.used + [o for o in chains.chains if o not in chains.used] if chains else []
    for path, ks in listed:
        mine = [k for k in ks if k.name in used]
        for k in mine:
            keys_rep.passed("keys.vkey", "bureau key %s fingerprint %s (key list %s)" % (k.label(), k.fingerprint, path))
        keys_rep.passed("keys.vkey", "key list %s: %d vkey(s), %d named as the log(s) read (%s)"
                        % (path, len(ks), len(mine), ", ".join(used) or "none"))
    given = log_keys + [k for k in all_listed if k.name in used]
    keys_rep.facts.update(log_keys=[k.text for k in given], fingerprints=[k.fingerprint for k in given])
    if chains:
        keys_rep.facts["keys_in_force"] = {o: [k.text for k in c.latest()] for o, c in chains.chains.items()}
        keys_rep.facts["key_statements"] = [
            {"name": n, "ok": st is not None, "kind": kind, "action": st.action if st else None,
             "size": st.size if st else None} for (_i, n, st, kind, _m) in chains.results]
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


USAGE = ("usage: verify_log.py [PROOF] --log-key VKEY|FILE ... [--key-list FILE ...] [--key-statement FILE ...] "
         "[--policy FILE] [--checkpoint FILE] [--inclusion FILE] "
         "[--consistency OLD NEW] [--fork FILE] [--auditor-key VKEY|FILE ...] [--attestation FILE ...] "
         "[--signature FILE.sig ...] [--json] | --self-test [--vectors FILE] [--key-vectors FILE]")


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
        opts, rest = {}, argv[1:]
        while len(rest) >= 2 and rest[0] in ("--vectors", "--key-vectors") and rest[0] not in opts:
            opts[rest[0]], rest = rest[1], rest[2:]
        if rest:
            print(USAGE, file=sys.stderr)
            return 2
        import verify_log_selftest
        return verify_log_selftest.self_test(opts.get("--vectors"), opts.get("--key-vectors"))
    kw = dict(log_key_texts=[], auditor_key_texts=[], attestations=[], signatures=[], key_statements=[], key_lists=[])
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
            elif a == "--key-statement":
                v = val()
                kw["key_statements"].append((v, _read(v)))
            elif a == "--key-list":
                v = val()
                kw["key_lists"].append((v, _read(v).decode("utf-8", "replace")))
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
