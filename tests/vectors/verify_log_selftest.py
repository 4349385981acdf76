#!/usr/bin/env python3
"""verify_log.py --self-test: fixtures signed here with cryptography's Ed25519 and gmalg's SM2 (valid and tampered),
a cross-check with web/dist/verify-cli.mjs, every case of tests/vectors/log-v1.json when it is there, and every
accept and refuse case of tests/vectors/log-keys-v1.json (key rotation and revocation, LOG.md §8) with the CLI's
--key-list and --key-statement on them.

Run as `python3 verify_log.py --self-test [--vectors FILE] [--key-vectors FILE]`.
"""

import hashlib
import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import gmalg  # noqa: E402
from verify_log import *  # noqa: E402,F401,F403
from verify_log import (SM2_UID, TYPE_BYTES, Vkey, chain_hash, consistency_ok, enc64, key_id, ledger_leaf_hash,  # noqa: E402
                        node, parse_checkpoint, parse_policy, parse_vkey, root_from_path, sha256, verify_attestation,
                        verify_checkpoint, verify_consistency, verify_file_signature, verify_fork, verify_inclusion)


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


# ---- tests/vectors/log-keys-v1.json (LOG.md §8) ---------------------------------------------------------------------

def _key_vectors(path):
    """(passed, failed): every accept and refuse case of log-keys-v1.json, the statements and chain themselves, a
    consistency proof and a cosigned checkpoint across the rotations, and the CLI flags on those vectors."""
    import verify_log as vl
    import log_keys as lk
    with open(path, encoding="utf-8") as f:
        v = json.load(f)
    results = []

    def case(name, fn):
        try:
            fn()
            results.append(True)
        except AssertionError as e:
            print("FAIL keys %s: %s" % (name, e))
            results.append(False)

    origin = v["origin"]
    gens = [[parse_vkey(k["vkey"]) for k in g] for g in v["generations"]]
    texts = [s["text"] for s in v["statements"]]
    chains = lambda idx, extra=(): lk.KeyChains(gens[0], [("s%d" % i, texts[i]) for i in idx] + list(extra),
                                                vl.verify_inclusion, vl.parse_tlog_proof)
    same = lambda a, b: [k.text for k in a] == [k.text for k in b]

    def sections():
        assert v["format"] == "dualdraw-log-key-vectors/v1", v["format"]
        assert set(v) <= {"format", "spec", "note", "origin", "generations", "ledger", "statements", "file", "accept",
                          "refuse"}, set(v)
    case("format and sections", sections)

    def generations():
        for g, raw in zip(gens, v["generations"]):
            for k, r in zip(g, raw):
                assert isinstance(k, Vkey), k
                assert (k.name, k.type, k.fingerprint) == (origin, r["type"], r["fingerprint"]), r
    case("generations' vkeys and fingerprints", generations)

    def ledger():
        prev = "00" * 32
        for e in v["ledger"]:
            assert e["prev"] == prev and chain_hash(e) == e["hash"], e["seq"]
            prev = e["hash"]
    case("ledger chain hashes", ledger)

    for i, st in enumerate(v["statements"]):
        def sc(i=i, st=st):
            got = lk.verify_statement(st["text"], gens[i], vl.verify_inclusion, vl.parse_tlog_proof)
            assert (got.action, got.size, got.seq, got.reason) == (st["action"], st["size"], st["seq"], st["reason"])
            assert same(got.new, gens[i + 1]) and same(got.old, gens[i])
        case("statement %d verifies against generation %d" % (i, i), sc)

    for order in ([0, 1], [1, 0]):
        def cc(order=order):
            ch = chains(order)
            assert all(r[2] is not None for r in ch.results), ch.results
            c = ch.get(origin)
            for n in range(0, 9):
                want = 0 if n < v["statements"][0]["size"] else 1 if n < v["statements"][1]["size"] else 2
                assert same(c.keys_for(n), gens[want]) and c.generation(n) == want, n
            assert same(c.latest(), gens[2])
        case("chain from statements given as %s" % order, cc)

    def dup():
        ch = chains([0, 0])
        kinds = [r[3] for r in ch.results]
        assert kinds == [None, "key-statement-duplicate"], kinds
    case("the same size twice: key-statement-duplicate", dup)

    def other_origin():
        ch = lk.KeyChains([], [("s0", texts[0])], vl.verify_inclusion, vl.parse_tlog_proof)
        assert ch.results[0][3] == "checkpoint-unknown-origin", ch.results
    case("a statement with no keys of its log", other_origin)

    content = v["file"]["content"].encode()
    for c in v["accept"]:
        def ac(c=c):
            ch = chains([0, 1])
            if c["check"] == "checkpoint":
                rep, cp = vl.verify_checkpoint(c["input"], [], chains=ch)
                assert rep.ok, rep.checks
                assert ch.get(origin).generation(cp["size"]) == c["keys_generation"]
                assert sorted(rep.facts["signed_by"]) == sorted(k.text for k in gens[c["keys_generation"]])
                assert vl.verify_checkpoint(c["input"], gens[c["keys_generation"]])[0].ok
                assert "keys.in-force" not in rep.failed()
            elif c["check"] == "inclusion":
                rep = vl.verify_inclusion(c["input"], [], chains=ch)
                assert rep.ok, rep.checks
                assert ch.get(origin).generation(rep.facts["size"]) == c["keys_generation"]
            elif c["check"] == "file_signature":
                rep = vl.verify_file_signature(c["input"], v["file"]["name"], content, [], ch)
                assert rep.ok, rep.checks
                assert rep.facts.get("retired_at") == c["retired_at"], rep.facts
            else:
                raise AssertionError("unknown check " + c["check"])
        case("accept " + c["name"], ac)

    for c in v["refuse"]:
        def rc(c=c):
            if c["check"] == "chain":
                ch = chains(c["statements"], [("input", c["input"])])
                got = [r for r in ch.results if r[1] == "input"][0]
                assert got[2] is None and got[3] == c["error_kind"], "%s: got %s (%s)" % (c["why"], got[3], got[4])
                return
            ch = chains(c["statements"])
            if c["check"] == "checkpoint":
                rep = vl.verify_checkpoint(c["input"], [], chains=ch)[0]
            elif c["check"] == "file_signature":
                rep = vl.verify_file_signature(c["input"], v["file"]["name"], content, [], ch)
            else:
                raise AssertionError("unknown check " + c["check"])
            # The signature check under the keys in force fails, and keys.in-force says why (as the page reports).
            sig_check = "checkpoint.signature" if c["check"] == "checkpoint" else "file.signature"
            assert not rep.ok and sorted(set(rep.failed())) == sorted([sig_check, "keys.in-force"]), rep.checks
            assert rep.facts.get("key_error") == c["error_kind"], rep.facts
            assert any(c["error_kind"] in x["message"] for x in rep.checks if not x["ok"])
        case("refuse " + c["name"], rc)

    ls = [ledger_leaf_hash(e["seq"], bytes.fromhex(e["hash"])) for e in v["ledger"]]
    cps = {vl.parse_checkpoint(c["input"])["size"]: c["input"] for c in v["accept"] if c["check"] == "checkpoint"}

    def body(m, n):
        return "old %d\n%s\n%s" % (m, "".join(enc64(h) + "\n" for h in _cproof(ls, m, n)), cps[n])

    def consistency():
        for m, n in ((3, 5), (5, 7), (3, 7)):
            assert vl.parse_checkpoint(cps[n])["root"] == _mth(ls, 0, n)
            rep = vl.verify_consistency(cps[m], body(m, n), [], None, chains([0, 1]))
            assert rep.ok, (m, n, rep.checks)
        rep = vl.verify_consistency(cps[5], body(5, 7), [], None, chains([0]))
        assert not rep.ok and "newer.signature" in rep.failed(), rep.checks
    case("consistency across the rotation and the revocation", consistency)

    w = _Signer("w1.example", "cosignature", 11)
    pol = 'quorum = 1\ncosigners = ["%s"]\n' % w.vkey
    cosigned = cps[7] + w.cosig(vl.parse_checkpoint(cps[7])["text"], 1775527200)

    def cos():
        rep = vl.verify_checkpoint(cosigned, [], parse_policy(pol), chains=chains([0, 1]))[0]
        assert rep.ok and rep.facts["cosignatures"] == 1, rep.checks
    case("a cosigned checkpoint after the revocation", cos)

    def cli():
        import subprocess
        import tempfile
        refuse = {c["name"]: c["input"] for c in v["refuse"]}
        accept = {c["name"]: c["input"] for c in v["accept"]}
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "verify_log.py")
        other = _Signer("scjg.520124.gov.cn/dualdraw", "ed25519", 5).vkey
        with tempfile.TemporaryDirectory() as d:
            def put(name, data):
                p = os.path.join(d, name)
                with open(p, "wb") as f:
                    f.write(data if isinstance(data, bytes) else data.encode())
                return p
            klist = put("keys.txt", "# province key list\n\n%s\n# another bureau\n%s\n%s\n"
                        % (gens[0][0].text, other, gens[0][1].text))
            st = [put("statement-%d.txt" % v["statements"][i]["size"], texts[i]) for i in (1, 0)]
            put(v["file"]["name"], content)
            sig = put(v["file"]["name"] + ".sig", accept["file-by-rotated-keys"])
            base = [sys.executable, script, "--key-list", klist, "--key-statement", st[0], "--key-statement", st[1]]

            def run(*args):
                r = subprocess.run(base + list(args) + ["--json"], capture_output=True, text=True)
                assert r.returncode in (0, 1), r.stdout + r.stderr
                return r.returncode, json.loads(r.stdout)

            def checks(js, name):
                return [c for rep in js["reports"] for c in rep["checks"] if c["check"] == name]
            code, js = run("--checkpoint", put("cp7", cps[7]), "--inclusion", put("incl", accept["inclusion-between"]),
                           "--consistency", put("cp5", cps[5]), put("body", body(5, 7)), "--signature", sig)
            assert code == 0 and js["ok"] and js["schema"] == "dualdraw.verify-log.v1", js
            sts = checks(js, "keys.statement")
            assert len(sts) == 2 and all(c["ok"] for c in sts), sts
            assert "rotate at size 4" in sts[0]["message"] and gens[1][0].fingerprint in sts[0]["message"], sts
            assert "revoke at size 6" in sts[1]["message"] and gens[2][1].fingerprint in sts[1]["message"], sts
            inf = checks(js, "keys.in-force")
            assert len(inf) == 5 and all(c["ok"] for c in inf), inf
            assert any("rotation at size 4" in c["message"] for c in inf), inf
            assert len(js["reports"][0]["facts"]["log_keys"]) == 2, js["reports"][0]["facts"]
            for name, kind in (("checkpoint-by-revoked-keys", "key-revoked"), ("checkpoint-by-retired-keys", "key-retired")):
                code, js = run("--checkpoint", put(name, refuse[name]))
                bad = [c for c in checks(js, "keys.in-force") if not c["ok"]]
                assert code == 1 and len(bad) == 1 and kind in bad[0]["message"], js
            code, js = run("--signature", put(v["file"]["name"] + ".sig", refuse["file-by-revoked-keys"]))
            bad = [c for c in checks(js, "keys.in-force") if not c["ok"]]
            assert code == 1 and len(bad) == 1 and "key-revoked" in bad[0]["message"] and "私钥泄露" in bad[0]["message"], js
            code, js = run("--key-statement", put("not-last", refuse["statement-not-last"]), "--checkpoint", put("c7", cps[7]))
            bad = [c for c in checks(js, "keys.statement") if not c["ok"]]
            assert code == 1 and len(bad) == 1 and "key-statement-not-last" in bad[0]["message"], js
            broken = put("broken.txt", "# list\n%s\n\nnot a vkey\n" % gens[0][0].text)
            r = subprocess.run([sys.executable, script, "--key-list", broken, "--checkpoint", put("c3", cps[3]), "--json"],
                               capture_output=True, text=True)
            assert r.returncode == 1 and "%s:4:1" % broken in r.stdout, r.stdout
            r = subprocess.run([sys.executable, script, "--key-list", os.path.join(d, "missing"), "--checkpoint", put("c3", cps[3])],
                               capture_output=True, text=True)
            assert r.returncode == 2, r.stdout + r.stderr
    case("the CLI: --key-list and --key-statement on these vectors", cli)
    return sum(results), len(results) - sum(results)


def _crypto_kat():
    """tests/vectors/crypto-kat.json: SM3 (GB/T 32905-2016 Appendix A) and SM2 verification with a distinguishing
    identifier (gmalg), Ed25519 (RFC 8032 §7.1, cryptography). Returns (passed, failed)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    with open(os.path.join(HERE, "crypto-kat.json"), encoding="utf-8") as f:
        kat = json.load(f)
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL crypto-kat " + what)
    for c in kat["sm3"]:
        h = gmalg.SM3()
        h.update(bytes.fromhex(c["message_hex"]))
        check(h.value().hex() == c["digest_hex"], c["source"])
    for c in kat["ed25519"]:
        k = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(c["secret_hex"]))
        pub = k.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
        check(pub == c["public_hex"] and k.sign(bytes.fromhex(c["message_hex"])).hex() == c["signature_hex"],
              c["source"])
    for c in kat["sm2_verify"]:
        sig = bytes.fromhex(c["signature_hex"])
        try:
            ok = bool(gmalg.SM2(pk=bytes.fromhex(c["public_hex"]), uid=c["distid"].encode()).verify(
                bytes.fromhex(c["message_hex"]), sig[:32], sig[32:]))
        except Exception:  # noqa: BLE001 - a refusal by the library counts as "does not verify"
            ok = False
        check(ok == c["valid"], c["source"])
    return passed, failed


def self_test(vectors=None, key_vectors=None):
    _fixtures_test()
    print("verify_log.py self-test: the fixtures signed here verify and each tampered one is refused")
    if vectors is None:
        default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "log-v1.json")
        vectors = default if os.path.exists(default) else None
    failed = 0
    if vectors is None:
        print("verify_log.py self-test: no log-v1.json beside this file; the Rust vectors were not run")
    else:
        import verify_log
        import log_vectors
        passed, failed = log_vectors.run(vectors, verify_log)
        print("%d passed, %d failed" % (passed, failed))
    if key_vectors is None:
        default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "log-keys-v1.json")
        key_vectors = default if os.path.exists(default) else None
    if key_vectors is None:
        print("verify_log.py self-test: no log-keys-v1.json beside this file; the key rotation vectors were not run")
    else:
        kp, kf = _key_vectors(key_vectors)
        print("log-keys-v1.json: %d passed, %d failed" % (kp, kf))
        failed += kf
    cp, cf = _crypto_kat()
    print("crypto-kat.json: %d passed, %d failed" % (cp, cf))
    failed += cf
    return 0 if failed == 0 else 1
