// Every case of tests/vectors/log-v1.json (written by the Rust library) through the page's verifier: keys, ledger
// entries, leaves, roots, checkpoints, inclusion and consistency proofs, the cosigned checkpoint, the draw, the fork
// proof, the file signature, the attestation, and each negative case (which must fail at the check it names). A
// section or a negative check this test does not know fails rather than being skipped.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseHex, sha, toHex, utf8 } from '../src/bytes.ts';
import { rangeRoot } from '../src/commitments.ts';
import {
  chainHash,
  fingerprint,
  isProblem,
  keyId,
  ledgerLeaf,
  ledgerLeafHash,
  parseAddCheckpoint,
  parseVkey,
  toB64,
  verifyAttestation,
  verifyCheckpoint,
  verifyConsistency,
  verifyFileSignature,
  verifyFork,
  verifyInclusion,
  type LogReport,
  type Vkey,
} from '../src/log.ts';
import { EMPTY_TREE_ROOT } from '../src/log/tree.ts';

const V = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'tests', 'vectors', 'log-v1.json'), 'utf8'));
const KNOWN = ['format', 'spec', 'note', 'keys', 'ledger', 'leaves', 'roots', 'checkpoints', 'inclusion', 'consistency', 'cosigned', 'draw', 'fork_proof', 'file_signature', 'attestation', 'negative'];
const key = (k: string): Vkey => {
  const v = parseVkey(V.keys[k].vkey);
  assert.ok(!isProblem(v), String(v));
  return v;
};
const bureau = () => [key('bureau_ed25519'), key('bureau_sm2')];
const auditor = () => [key('auditor_ed25519'), key('auditor_sm2')];
const policy = () => ({ cosigners: [key('cosigner')], quorum: 1 });
const draw = () => ({ bytes: utf8(V.draw.proof_file), campaign: V.draw.campaign, announcementHash: V.draw.announcement_hash });
const failedChecks = (r: LogReport) => [...new Set(r.findings.filter((f) => !f.ok).map((f) => f.check))];
const says = (r: LogReport) => r.findings.filter((f) => !f.ok).map((f) => `${f.check}: ${f.text.en}`).join(' | ');

test('log-v1.json: its format and sections are ones this test knows', () => {
  assert.equal(V.format, 'dualdraw-log-vectors/v1');
  assert.deepEqual(Object.keys(V).filter((k) => !KNOWN.includes(k)), []);
});

test('log-v1.json keys: vkeys, key IDs, fingerprints, types and public keys', () => {
  for (const [name, k] of Object.entries<any>(V.keys)) {
    const v = parseVkey(k.vkey);
    assert.ok(!isProblem(v), `${name}: ${v}`);
    assert.equal(v.name, k.name, name);
    assert.equal(v.type, k.type, name);
    assert.equal(toHex(v.pub), k.public_hex, name);
    assert.equal(toHex(v.id), k.key_id_hex, name);
    assert.equal(toHex(keyId(k.name, k.type, parseHex(k.public_hex)!)), k.key_id_hex, name);
    assert.equal(fingerprint(k.vkey), k.fingerprint, name);
  }
});

test('log-v1.json ledger, leaves and roots: chain hashes, leaf data and hashes, RFC 6962 roots', () => {
  let prev = '0'.repeat(64);
  for (const e of V.ledger) {
    assert.equal(e.prev, prev);
    assert.equal(chainHash(e), e.hash, `entry ${e.seq}`);
    prev = e.hash;
  }
  const hashes: Uint8Array[] = [];
  for (const l of V.leaves) {
    assert.equal(toHex(ledgerLeaf(l.seq, parseHex(l.entry_hash_hex)!)), l.leaf_data_hex, `leaf ${l.seq}`);
    assert.equal(toHex(ledgerLeafHash(l.seq, parseHex(l.entry_hash_hex)!)), l.leaf_hash_hex, `leaf ${l.seq}`);
    assert.equal(l.entry_hash_hex, V.ledger[l.seq - 1].hash);
    hashes.push(parseHex(l.leaf_hash_hex)!);
  }
  for (const r of V.roots) {
    const root = r.size === 0 ? EMPTY_TREE_ROOT : rangeRoot(hashes, 0, r.size);
    assert.equal(toHex(root), r.root_hex, `root ${r.size}`);
    assert.equal(toB64(root), r.root_base64, `root ${r.size}`);
  }
});

test('log-v1.json checkpoints, inclusion and consistency proofs verify with both bureau keys', () => {
  for (const c of V.checkpoints) {
    const r = verifyCheckpoint(c.signed, bureau()).report;
    assert.ok(r.ok, `checkpoint ${c.size}: ${says(r)}`);
    assert.equal(r.facts.size, c.size);
    assert.equal(r.facts.root, V.roots.find((x: any) => x.size === c.size).root_hex);
  }
  for (const p of V.inclusion) {
    const r = verifyInclusion(p.proof, bureau());
    assert.ok(r.ok, `inclusion ${p.seq} in ${p.size}: ${says(r)}`);
    assert.deepEqual([r.facts.seq, r.facts.size], [p.seq, p.size]);
  }
  for (const c of V.consistency) {
    const r = verifyConsistency(c.older_checkpoint, c.body, bureau());
    assert.ok(r.ok, `consistency ${c.old} → ${c.size}: ${says(r)}`);
    const body = parseAddCheckpoint(c.body);
    assert.ok(!isProblem(body));
    assert.equal(body.old, c.old);
    assert.deepEqual(body.proof.map(toB64), c.hashes_base64);
    assert.equal(r.facts.new_size, c.size);
  }
});

test('log-v1.json cosigned checkpoint, draw, fork proof, file signature and attestation', () => {
  const c = verifyCheckpoint(V.cosigned.checkpoint, bureau(), policy()).report;
  assert.ok(c.ok, says(c));
  assert.equal(c.facts.cosignatures, 1);
  assert.ok(V.cosigned.checkpoint.endsWith(V.cosigned.cosignature_line));
  // the draw: the inclusion proof of its entry names exactly these proof bytes
  const p = V.inclusion.find((x: any) => x.seq === V.draw.seq);
  assert.ok(p, 'an inclusion proof of the draw entry');
  const d = verifyInclusion(p.proof, bureau(), null, draw());
  assert.ok(d.ok, says(d));
  assert.equal(d.facts.proof_sha256, toHex(sha(utf8(V.draw.proof_file))));
  assert.ok(!verifyInclusion(p.proof, bureau(), null, { ...draw(), bytes: utf8(V.draw.proof_file + ' ') }).ok);
  const f = verifyFork(V.fork_proof.text, bureau());
  assert.ok(f.ok, says(f));
  assert.equal(f.facts.fork_kind, V.fork_proof.kind);
  const s = verifyFileSignature(V.file_signature.sig, V.file_signature.file_name, utf8(V.file_signature.content), bureau());
  assert.ok(s.ok, says(s));
  const a = verifyAttestation(V.attestation.signed, auditor(), draw());
  assert.ok(a.ok, says(a));
  assert.ok(V.attestation.signed.startsWith(V.attestation.text + '\n'));
});

/** Each negative case's check and error kind, and the check of this verifier that must fail for it. */
const EXPECT: Record<string, string> = {
  'checkpoint/checkpoint-missing-signature': 'checkpoint.signature',
  'checkpoint/note-bad-signature': 'checkpoint.signature',
  'checkpoint/checkpoint-unknown-origin': 'checkpoint.signature',
  'checkpoint/checkpoint-bad-text': 'checkpoint.format',
  'checkpoint/checkpoint-empty-root': 'checkpoint.format',
  'checkpoint/note-too-large': 'checkpoint.format',
  'checkpoint/note-control-character': 'checkpoint.format',
  'inclusion/inclusion-failed': 'inclusion.path',
  'inclusion/entry-hash-mismatch': 'inclusion.entry',
  'inclusion/entry-index-mismatch': 'inclusion.index',
  'consistency/consistency-root-mismatch': 'consistency.proof',
  'consistency/consistency-old-size': 'consistency.old',
  'cosigned_checkpoint/note-bad-signature': 'checkpoint.cosignature',
  'vkey/key-id-mismatch': 'vkey',
  'file_signature/file-mismatch': 'file.digest',
  'attestation/note-bad-signature': 'attestation.signature',
  'fork/fork-not-shown': 'fork.kind',
};

function runNegative(n: any): string[] {
  switch (n.check) {
    case 'checkpoint':
      return failedChecks(verifyCheckpoint(n.input, bureau()).report);
    case 'inclusion':
      return failedChecks(verifyInclusion(n.input, bureau()));
    case 'consistency': {
      // the older checkpoint is the one its why names ("older: the size-N checkpoint")
      const m = /older: the size-(\d+) checkpoint/.exec(n.why);
      assert.ok(m, `${n.name}: which older checkpoint?`);
      const older = V.checkpoints.find((c: any) => c.size === Number(m[1])).signed;
      return failedChecks(verifyConsistency(older, n.input, bureau()));
    }
    case 'cosigned_checkpoint':
      return failedChecks(verifyCheckpoint(n.input, bureau(), policy()).report);
    case 'vkey':
      return isProblem(parseVkey(n.input)) ? ['vkey'] : [];
    case 'file_signature': {
      // the content its why names: "the notice with one more newline"
      assert.match(n.why, /one more newline/, `${n.name}: which content?`);
      return failedChecks(verifyFileSignature(n.input, V.file_signature.file_name, utf8(V.file_signature.content + '\n'), bureau()));
    }
    case 'attestation':
      return failedChecks(verifyAttestation(n.input, auditor(), draw()));
    case 'fork':
      return failedChecks(verifyFork(n.input, bureau()));
    default:
      throw new Error(`negative case ${n.name}: unknown check ${n.check}`);
  }
}

test('log-v1.json negative cases: each fails, at the check it names', () => {
  assert.ok(V.negative.length >= 17);
  for (const n of V.negative) {
    const want = EXPECT[`${n.check}/${n.error_kind}`];
    assert.ok(want, `negative case ${n.name}: ${n.check}/${n.error_kind} is not mapped to a check of this verifier`);
    const got = runNegative(n);
    assert.ok(got.includes(want), `${n.name} (${n.why}): expected ${want} to fail, failed: ${JSON.stringify(got)}`);
  }
});
