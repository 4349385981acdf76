"""Every case of tests/vectors/log-v1.json (written by the Rust library) through verify_log.py: keys, ledger entries,
leaves, roots, checkpoints, inclusion and consistency proofs, the cosigned checkpoint, the draw, the fork proof, the
file signature, the attestation, and each negative case, which must fail at the check it names. A section or a
negative check this runner does not know is a failure, not a skip. Called by `verify_log.py --self-test`.
"""

import hashlib
import json
import re

KNOWN = {"format", "spec", "note", "keys", "ledger", "leaves", "roots", "checkpoints", "inclusion", "consistency",
         "cosigned", "draw", "fork_proof", "file_signature", "attestation", "negative"}

# each negative case's check and error kind, and the check of verify_log.py that must fail for it
EXPECT = {
    "checkpoint/checkpoint-missing-signature": "checkpoint.signature",
    "checkpoint/note-bad-signature": "checkpoint.signature",
    "checkpoint/checkpoint-unknown-origin": "checkpoint.signature",
    "checkpoint/checkpoint-bad-text": "checkpoint.format",
    "checkpoint/checkpoint-empty-root": "checkpoint.format",
    "checkpoint/note-too-large": "checkpoint.format",
    "checkpoint/note-control-character": "checkpoint.format",
    "inclusion/inclusion-failed": "inclusion.path",
    "inclusion/entry-hash-mismatch": "inclusion.entry",
    "inclusion/entry-index-mismatch": "inclusion.index",
    "consistency/consistency-root-mismatch": "consistency.proof",
    "consistency/consistency-old-size": "consistency.old",
    "cosigned_checkpoint/note-bad-signature": "checkpoint.cosignature",
    "vkey/key-id-mismatch": "vkey",
    "file_signature/file-mismatch": "file.digest",
    "attestation/note-bad-signature": "attestation.signature",
    "fork/fork-not-shown": "fork.kind",
}


def run(path, vl):
    """(passed, failed): one count per case."""
    with open(path, encoding="utf-8") as f:
        v = json.load(f)
    results = []

    def case(name, fn):
        try:
            fn()
            results.append(True)
        except AssertionError as e:
            print("FAIL %s: %s" % (name, e))
            results.append(False)

    def key(k):
        kk = vl.parse_vkey(v["keys"][k]["vkey"])
        assert isinstance(kk, vl.Vkey), kk
        return kk

    bureau = lambda: [key("bureau_ed25519"), key("bureau_sm2")]
    auditor = lambda: [key("auditor_ed25519"), key("auditor_sm2")]
    policy = lambda: {"cosigners": [key("cosigner")], "quorum": 1}
    draw = lambda: {"bytes": v["draw"]["proof_file"].encode(), "campaign": v["draw"]["campaign"],
                    "announcement_hash": v["draw"]["announcement_hash"]}

    def ok(rep, what):
        assert rep.ok, "%s: %s" % (what, [c for c in rep.checks if not c["ok"]])

    def sections():
        assert v["format"] == "dualdraw-log-vectors/v1"
        assert set(v) <= KNOWN, set(v) - KNOWN
    case("format and sections", sections)

    for name, k in v["keys"].items():
        def kc(name=name, k=k):
            kk = vl.parse_vkey(k["vkey"])
            assert isinstance(kk, vl.Vkey), kk
            assert (kk.name, kk.type, kk.pub.hex(), kk.id.hex(), kk.fingerprint) == \
                (k["name"], k["type"], k["public_hex"], k["key_id_hex"], k["fingerprint"])
            assert vl.key_id(k["name"], k["type"], bytes.fromhex(k["public_hex"])).hex() == k["key_id_hex"]
        case("key " + name, kc)

    def ledger():
        prev = "00" * 32
        for e in v["ledger"]:
            assert e["prev"] == prev and vl.chain_hash(e) == e["hash"], e["seq"]
            prev = e["hash"]
    case("ledger chain hashes", ledger)

    leaves = []
    for l in v["leaves"]:
        def lc(l=l):
            h = bytes.fromhex(l["entry_hash_hex"])
            data = vl.LEAF_TAG + l["seq"].to_bytes(8, "big") + h
            assert data.hex() == l["leaf_data_hex"]
            assert vl.ledger_leaf_hash(l["seq"], h).hex() == l["leaf_hash_hex"]
        case("leaf %d" % l["seq"], lc)
        leaves.append(bytes.fromhex(l["leaf_hash_hex"]))

    def mth(a, b):
        if b - a == 1:
            return leaves[a]
        k = 1
        while k * 2 < b - a:
            k *= 2
        return vl.node(mth(a, a + k), mth(a + k, b))

    for r in v["roots"]:
        def rc(r=r):
            root = hashlib.sha256(b"").digest() if r["size"] == 0 else mth(0, r["size"])
            assert root.hex() == r["root_hex"] and vl.enc64(root) == r["root_base64"]
        case("root %d" % r["size"], rc)

    for c in v["checkpoints"]:
        def cc(c=c):
            rep, cp = vl.verify_checkpoint(c["signed"], bureau())
            ok(rep, "checkpoint")
            assert cp["size"] == c["size"]
        case("checkpoint %d" % c["size"], cc)

    for p in v["inclusion"]:
        def ic(p=p):
            rep = vl.verify_inclusion(p["proof"], bureau())
            ok(rep, "inclusion")
            assert (rep.facts["seq"], rep.facts["size"]) == (p["seq"], p["size"])
        case("inclusion %d in %d" % (p["seq"], p["size"]), ic)

    for c in v["consistency"]:
        def coc(c=c):
            ok(vl.verify_consistency(c["older_checkpoint"], c["body"], bureau()), "consistency")
            body = vl.parse_add_checkpoint(c["body"])
            assert body["old"] == c["old"] and [vl.enc64(h) for h in body["proof"]] == c["hashes_base64"]
        case("consistency %d -> %d" % (c["old"], c["size"]), coc)

    def cosigned():
        rep, _ = vl.verify_checkpoint(v["cosigned"]["checkpoint"], bureau(), policy())
        ok(rep, "cosigned")
        assert rep.facts["cosignatures"] == 1
    case("cosigned checkpoint", cosigned)

    def drawc():
        p = next(x for x in v["inclusion"] if x["seq"] == v["draw"]["seq"])
        ok(vl.verify_inclusion(p["proof"], bureau(), None, draw()), "draw")
        other = dict(draw(), bytes=v["draw"]["proof_file"].encode() + b" ")
        assert not vl.verify_inclusion(p["proof"], bureau(), None, other).ok
    case("draw", drawc)

    def fork():
        rep = vl.verify_fork(v["fork_proof"]["text"], bureau())
        ok(rep, "fork")
        assert rep.facts["fork_kind"] == v["fork_proof"]["kind"]
    case("fork proof", fork)

    case("file signature", lambda: ok(vl.verify_file_signature(
        v["file_signature"]["sig"], v["file_signature"]["file_name"], v["file_signature"]["content"].encode(), bureau()),
        "file signature"))
    case("attestation", lambda: ok(vl.verify_attestation(v["attestation"]["signed"], auditor(), draw()), "attestation"))

    def negative(n):
        if n["check"] == "checkpoint":
            return vl.verify_checkpoint(n["input"], bureau())[0].failed()
        if n["check"] == "inclusion":
            return vl.verify_inclusion(n["input"], bureau()).failed()
        if n["check"] == "consistency":
            m = re.search(r"older: the size-(\d+) checkpoint", n["why"])
            assert m, "which older checkpoint?"
            older = next(c["signed"] for c in v["checkpoints"] if c["size"] == int(m.group(1)))
            return vl.verify_consistency(older, n["input"], bureau()).failed()
        if n["check"] == "cosigned_checkpoint":
            return vl.verify_checkpoint(n["input"], bureau(), policy())[0].failed()
        if n["check"] == "vkey":
            return ["vkey"] if isinstance(vl.parse_vkey(n["input"]), str) else []
        if n["check"] == "file_signature":
            assert "one more newline" in n["why"], "which content?"
            content = (v["file_signature"]["content"] + "\n").encode()
            return vl.verify_file_signature(n["input"], v["file_signature"]["file_name"], content, bureau()).failed()
        if n["check"] == "attestation":
            return vl.verify_attestation(n["input"], auditor(), draw()).failed()
        if n["check"] == "fork":
            return vl.verify_fork(n["input"], bureau()).failed()
        raise AssertionError("unknown check " + n["check"])

    for n in v["negative"]:
        def nc(n=n):
            want = EXPECT.get("%s/%s" % (n["check"], n["error_kind"]))
            assert want, "%s/%s is not mapped to a check of this verifier" % (n["check"], n["error_kind"])
            got = negative(n)
            assert want in got, "%s (%s): expected %s to fail, failed: %s" % (n["name"], n["why"], want, got)
        case("negative " + n["name"], nc)

    return sum(results), len(results) - sum(results)
