// docs/LOG.md through web/src/log.ts, on fixtures signed here (test/logFixtures.ts): valid inputs verify and say what
// they established; each tampering is refused and named.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sha, toHex, utf8 } from '../src/bytes.ts';
import {
  consistencyOk,
  inclusionOk,
  parseCheckpoint,
  parseNote,
  parseVkey,
  toB64,
  verifyAttestation,
  verifyCheckpoint,
  verifyConsistency,
  verifyFileSignature,
  verifyFork,
  verifyInclusion,
  verifyLog,
  parsePolicy,
  fingerprint,
  isProblem,
  type LogReport,
  type Vkey,
} from '../src/log.ts';
import { checkNote } from '../src/log/note.ts';
import {
  checkpointText,
  consistencyProof,
  cosigLine,
  edSigner,
  entryLine,
  inclusionPath,
  leaves,
  ledger,
  note,
  root,
  sigLine,
  smSigner,
} from './logFixtures.ts';

const ORIGIN = 'scjg.520123.gov.cn/dualdraw';
const ed = edSigner(ORIGIN, 1);
const sm = smSigner(ORIGIN, 1);
const w1 = edSigner('witness1.example', 11, 'cosignature');
const w2 = edSigner('witness2.example', 12, 'cosignature');
const keys = [ed.vkey, sm.vkey].map((v) => parseVkey(v)).filter((k): k is Vkey => !isProblem(k));
const proofBytes = utf8(JSON.stringify({ format: 'dualdraw-draw-proof-v1', announcement: { campaign: { id: '2026-TEST-01' }, hash: 'ab'.repeat(32) } }));
const entries = ledger(13, { bytes: proofBytes, campaign: '2026-TEST-01', announcement: 'ab'.repeat(32) });
const ls = leaves(entries);
const policyText = `quorum = 2\ncosigners = [\n  "${w1.vkey}",\n  "${w2.vkey}",\n]\n`;
const policy = parsePolicy(policyText);
assert.ok(!isProblem(policy), String(policy));

const cp = (n: number, signers = [ed, sm]) => note(checkpointText(ORIGIN, ls, n), signers);
const cosigned = (n: number, ws = [w1, w2]) => {
  const text = checkpointText(ORIGIN, ls, n);
  return note(text, [ed, sm]) + ws.map((w) => cosigLine(w, text, 1767225600)).join('');
};
const tlogProof = (seq: number, n: number, cpText = cp(n)) =>
  `c2sp.org/tlog-proof@v1\nextra ${toB64(utf8(entryLine(entries[seq - 1])))}\nindex ${seq - 1}\n` +
  inclusionPath(ls, seq - 1, n).map((h) => toB64(h) + '\n').join('') +
  '\n' +
  cpText;
const addCheckpoint = (m: number, n: number, proof = consistencyProof(ls, m, n)) => `old ${m}\n${proof.map((h) => toB64(h) + '\n').join('')}\n${cp(n)}`;

const failed = (r: LogReport) => r.findings.filter((f) => !f.ok).map((f) => f.check);
const says = (r: LogReport) => r.findings.filter((f) => !f.ok).map((f) => f.text.en).join(' | ');

test('RFC 6962 inclusion and consistency verify for every index and size pair up to 13 leaves, and fail when tampered', () => {
  for (let n = 1; n <= 13; n++) {
    const r = root(ls, n);
    for (let i = 0; i < n; i++) {
      const p = inclusionPath(ls, i, n);
      assert.ok(inclusionOk(i, n, ls[i], p, r), `inclusion ${i} of ${n}`);
      if (p.length > 1) assert.ok(!inclusionOk(i, n, ls[i], [...p].reverse(), r), `reversed path ${i} of ${n}`);
      assert.ok(!inclusionOk(i, n, ls[i], [...p, ls[0]], r), `a hash too many ${i} of ${n}`);
      assert.ok(!inclusionOk(i, n, ls[(i + 1) % 13], p, r), `another leaf ${i} of ${n}`);
      if (n > 1) assert.ok(!inclusionOk((i + 1) % n, n, ls[i], p, r) || inclusionPath(ls, (i + 1) % n, n).length === 0, `another index ${i} of ${n}`);
    }
    for (let m = 0; m <= n; m++) {
      const p = consistencyProof(ls, m, n);
      assert.ok(consistencyOk(m, n, root(ls, m), r, p), `consistency ${m} → ${n}`);
      if (m > 0 && m < n) {
        assert.ok(!consistencyOk(m, n, root(ls, m), r, p.slice(0, -1)), `short proof ${m} → ${n}`);
        const bad = p.map((h, j) => (j === 0 ? sha(h) : h));
        assert.ok(!consistencyOk(m, n, root(ls, m), r, bad), `edited proof ${m} → ${n}`);
        assert.ok(!consistencyOk(m, n, root(ls, m - 1 || 1), r, p) || m === 1, `wrong old root ${m} → ${n}`);
      }
    }
  }
});

test('vkeys: key IDs, fingerprints, and what a malformed vkey is refused for', () => {
  const k = parseVkey(ed.vkey);
  assert.ok(!isProblem(k));
  assert.equal(k.type, 'ed25519');
  assert.match(k.fingerprint, /^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
  assert.equal(k.fingerprint, fingerprint(ed.vkey));
  const s = parseVkey(sm.vkey);
  assert.ok(!isProblem(s) && s.type === 'sm2' && s.pub.length === 65);
  // the C2SP signed-note example vkey
  const c2 = parseVkey('example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k');
  assert.ok(!isProblem(c2), String(c2));
  const [name, id] = ed.vkey.split('+');
  const data = ed.vkey.slice(name.length + id.length + 2);
  assert.match(String(parseVkey(`${name}+00000000+${data}`)), /key ID/);
  assert.match(String(parseVkey(`bad name+${id}+${data}`)), /key name/);
  assert.match(String(parseVkey(`${name}+${id}`)), /three parts/);
});

test('a checkpoint signed by both bureau keys verifies; one key given says which; a bad or missing signature rejects', () => {
  const ok = verifyCheckpoint(cp(13), keys);
  assert.ok(ok.report.ok, says(ok.report));
  assert.equal(ok.report.facts.size, 13);
  assert.ok(ok.report.established.some((e) => e.en.includes('13 entries')));
  // only the SM2 key given: verifies, and says the Ed25519 one was not checked
  const one = verifyCheckpoint(cp(13), keys.filter((k) => k.type === 'sm2'));
  assert.ok(one.report.ok);
  assert.ok(one.report.not_established.some((e) => e.en.includes('Ed25519 signature was not')));
  // both keys given but only the Ed25519 line present
  assert.deepEqual(failed(verifyCheckpoint(cp(13, [ed]), keys).report), ['checkpoint.signature']);
  // a known key's bad signature rejects even though the other verifies
  const text = checkpointText(ORIGIN, ls, 13);
  const forged = text + '\n' + sigLine(ed, text) + sigLine(sm, checkpointText(ORIGIN, ls, 12));
  assert.match(says(verifyCheckpoint(forged, keys).report), /SM2 .*does not verify|does not verify/);
  // an edited size or root
  assert.ok(!verifyCheckpoint(cp(13).replace('\n13\n', '\n12\n'), keys).report.ok);
  // lines of unknown keys are ignored
  const other = edSigner('other.example', 3);
  const withUnknown = cp(13) + sigLine(other, text);
  assert.ok(verifyCheckpoint(withUnknown, keys).report.ok);
  // a line with a known name and an unknown ID is an unknown key's
  const sameName = edSigner(ORIGIN, 99);
  assert.ok(verifyCheckpoint(cp(13) + sigLine(sameName, text), keys).report.ok);
  // extension lines, leading zeros, a note over 64 KiB, control characters
  assert.match(String(parseCheckpoint(note(`${ORIGIN}\n13\n${toB64(root(ls, 13))}\next\n`, [ed]))), /extension/);
  assert.match(String(parseCheckpoint(note(`${ORIGIN}\n013\n${toB64(root(ls, 13))}\n`, [ed]))), /leading zeros/);
  assert.match(String(parseNote(utf8(note('x'.repeat(70000) + '\n', [ed])))), /at most 65536 bytes/);
  assert.match(String(parseNote(cp(13).replace('\n13\n', '\n1\t3\n'))), /control/);
});

test('signed notes: 16 signatures are accepted, and no known key means rejected', () => {
  const text = checkpointText(ORIGIN, ls, 5);
  const many = Array.from({ length: 15 }, (_, i) => edSigner(`w${i}.example`, 100 + i));
  const n = parseNote(note(text, [ed, ...many]));
  assert.ok(!isProblem(n) && n.sigs.length === 16);
  const c = checkNote(n, keys);
  assert.equal(c.verified.length, 1);
  assert.equal(c.unknown.length, 15);
  const r = verifyCheckpoint(note(text, many), keys);
  assert.ok(!r.report.ok);
});

test('cosignatures: the quorum of a policy is met or not, and a bad cosignature rejects', () => {
  const r = verifyCheckpoint(cosigned(13), keys, policy);
  assert.ok(r.report.ok, says(r.report));
  assert.equal(r.report.facts.cosignatures, 2);
  const short = verifyCheckpoint(cosigned(13, [w1]), keys, policy);
  assert.deepEqual(failed(short.report), ['checkpoint.quorum']);
  const text = checkpointText(ORIGIN, ls, 13);
  const bad = note(text, [ed, sm]) + cosigLine(w1, text, 1) + cosigLine(w2, text, 2).replace(/.{6}=?=?\n$/, (m) => 'AAAAAA' + m.slice(6));
  assert.ok(failed(verifyCheckpoint(bad, keys, policy).report).includes('checkpoint.cosignature'));
  assert.match(String(parsePolicy('quorum = 3\ncosigners = []\n')), /quorum/);
  assert.match(String(parsePolicy(`quorum = 1\ncosigners = ["${ed.vkey}"]\n`)), /0x04/);
});

test('inclusion: a tlog-proof verifies, its draw check binds the proof bytes, and each tampering is named', () => {
  const r = verifyInclusion(tlogProof(7, 13), keys);
  assert.ok(r.ok, says(r));
  assert.equal(r.facts.seq, 7);
  const d = verifyInclusion(tlogProof(2, 13), keys, null, { bytes: proofBytes });
  assert.ok(d.ok, says(d));
  assert.ok(d.established.some((e) => e.en.includes('exact proof bytes')));
  // another proof file
  const other = utf8(new TextDecoder().decode(proofBytes).replace('ab', 'cd'));
  assert.deepEqual([...new Set(failed(verifyInclusion(tlogProof(2, 13), keys, null, { bytes: other })))], ['inclusion.draw']);
  // not a draw entry
  assert.deepEqual(failed(verifyInclusion(tlogProof(3, 13), keys, null, { bytes: proofBytes })), ['inclusion.draw']);
  // an edited entry field: its chain hash no longer matches
  const edited = tlogProof(7, 13).replace(/^extra (.*)$/m, (_m, b) => `extra ${toB64(utf8(atob(b).replace('操作员', 'x')))}`);
  const e2 = tlogProof(7, 13).replace(/^extra (.*)$/m, () => `extra ${toB64(utf8(entryLine({ ...entries[6], operator: 'x' })))}`);
  assert.deepEqual(failed(verifyInclusion(e2, keys)), ['inclusion.entry']);
  assert.ok(!verifyInclusion(edited, keys).ok);
  // a wrong index; a path hash changed; a checkpoint of another size
  assert.ok(failed(verifyInclusion(tlogProof(7, 13).replace('index 6', 'index 5'), keys)).includes('inclusion.index'));
  const lines = tlogProof(7, 13).split('\n');
  lines[3] = toB64(sha(utf8(lines[3])));
  assert.deepEqual(failed(verifyInclusion(lines.join('\n'), keys)), ['inclusion.path']);
  assert.deepEqual(failed(verifyInclusion(tlogProof(7, 13, cp(12)), keys)), ['inclusion.path']);
  assert.ok(failed(verifyInclusion(tlogProof(7, 13, cp(13, [ed])), keys)).includes('checkpoint.signature'));
});

test('consistency: an add-checkpoint body extends a kept checkpoint; a rollback, another log or a bad proof fail', () => {
  for (const [m, n] of [[0, 13], [1, 13], [4, 13], [7, 13], [12, 13], [13, 13], [5, 8]]) {
    const r = verifyConsistency(cp(m), addCheckpoint(m, n), keys);
    assert.ok(r.ok, `${m} → ${n}: ${says(r)}`);
  }
  assert.deepEqual(failed(verifyConsistency(cp(7), addCheckpoint(6, 13), keys)), ['consistency.old']);
  const proof = consistencyProof(ls, 7, 13);
  assert.deepEqual(failed(verifyConsistency(cp(7), addCheckpoint(7, 13, proof.slice(1)), keys)), ['consistency.proof']);
  const otherLog = note(checkpointText('other.example/log', ls, 7), [edSigner('other.example/log', 5)]);
  assert.ok(!verifyConsistency(otherLog, addCheckpoint(7, 13), keys).ok);
  assert.deepEqual(failed(verifyConsistency(cp(13), `old 13\n\n${cp(7)}`, keys)), ['consistency.size']);
});

test('fork proofs: same-size is conclusive, rollback and inconsistent only conditionally, and a non-fork is refused', () => {
  const text = checkpointText(ORIGIN, ls, 13);
  const otherRoot = `${ORIGIN}\n13\n${toB64(sha(utf8('x')))}\n`;
  const same = `dualdraw-fork-proof/v1\nsame-size\n\n${note(text, [ed, sm])}\n${note(otherRoot, [ed, sm])}`;
  const r = verifyFork(same, keys);
  assert.ok(r.ok, says(r));
  assert.ok(r.established[0].en.startsWith('conclusive'));
  const roll = `dualdraw-fork-proof/v1\nrollback\n\n${cp(13)}\n${cp(9)}\n`;
  const rr = verifyFork(roll, keys);
  assert.ok(rr.ok, says(rr));
  assert.ok(rr.not_established.some((e) => e.en.includes('conclusive only once')));
  const badBody = addCheckpoint(9, 13, consistencyProof(ls, 8, 13));
  // SM2 signatures are randomised: the request carries the second checkpoint verbatim
  const cp13 = cp(13);
  const body = (proof: Uint8Array[]) => `old 9\n${proof.map((h) => toB64(h) + '\n').join('')}\n${cp13}`;
  assert.ok(!verifyFork(`dualdraw-fork-proof/v1\ninconsistent\n\n${cp(9)}\n${cp(13)}\n${badBody}`, keys).ok);
  const inc = `dualdraw-fork-proof/v1\ninconsistent\n\n${cp(9)}\n${cp13}\n${body(consistencyProof(ls, 8, 13))}`;
  const ri = verifyFork(inc, keys);
  assert.ok(ri.ok, says(ri));
  assert.ok(ri.not_established.some((e) => e.en.includes('really inconsistent')));
  // an inconsistent claim whose proof verifies is no fork
  const fine = `dualdraw-fork-proof/v1\ninconsistent\n\n${cp(9)}\n${cp13}\n${body(consistencyProof(ls, 9, 13))}`;
  assert.deepEqual(failed(verifyFork(fine, keys)), ['fork.request']);
  // same root is no fork; a checkpoint the bureau did not sign is none either
  assert.deepEqual(failed(verifyFork(`dualdraw-fork-proof/v1\nsame-size\n\n${cp(13)}\n${cp(13)}`, keys)), ['fork.kind']);
  const unsigned = `dualdraw-fork-proof/v1\nsame-size\n\n${cp(13)}\n${note(otherRoot, [edSigner(ORIGIN, 7), smSigner(ORIGIN, 7)])}`;
  assert.ok(failed(verifyFork(unsigned, keys)).includes('fork.signed'));
});

test('file signatures and attestations', () => {
  const file = utf8('名单\n');
  const sigText = note(`dualdraw-file-signature/v1\n${ORIGIN}\nlist.csv\n${toHex(sha(file))}\n${file.length}\n`, [ed, sm]);
  assert.ok(verifyFileSignature(sigText, 'out/list.csv', file, keys).ok);
  assert.deepEqual(failed(verifyFileSignature(sigText, 'list.csv', utf8('名单!\n'), keys)), ['file.digest']);
  assert.deepEqual(failed(verifyFileSignature(sigText, 'other.csv', file, keys)), ['file.name']);
  const aud = edSigner('auditor.example', 21);
  const audSm = smSigner('auditor.example', 21);
  const audKeys = [aud.vkey, audSm.vkey].map((v) => parseVkey(v)).filter((k): k is Vkey => !isProblem(k));
  const att = note(
    `dualdraw-attestation/v1\ncampaign 2026-TEST-01\nannouncement ${'ab'.repeat(32)}\nproof ${toHex(sha(proofBytes))}\nlevel audit\nverdict valid\ntime 2026-03-03T08:00:00Z\n`,
    [aud, audSm],
  );
  const a = verifyAttestation(att, audKeys, { bytes: proofBytes });
  assert.ok(a.ok, says(a));
  assert.deepEqual([...new Set(failed(verifyAttestation(att, audKeys, { bytes: utf8('{}') })))], ['attestation.proof']);
  assert.ok(!verifyAttestation(att.replace('verdict valid', 'verdict invalid'), audKeys, { bytes: proofBytes }).ok);
});

test('verifyLog runs what it is given and a vkey that cannot be read is a failure', () => {
  const rs = verifyLog({ logKeys: [`# the bureau\n${ed.vkey}\n${sm.vkey}\n`], policy: policyText, checkpoint: cosigned(13), inclusion: tlogProof(2, 13, cosigned(13)), drawProof: proofBytes });
  assert.deepEqual(rs.map((r) => [r.kind, r.ok]), [['keys', true], ['checkpoint', true], ['inclusion', true]]);
  const bad = verifyLog({ logKeys: ['nonsense'], checkpoint: cp(13) });
  assert.equal(bad[0].ok, false);
  assert.equal(bad[1].ok, false);
});

test('dist/verify-cli.mjs: the log options, --json fields, exit codes 0, 1 and 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dualdraw-log-cli-'));
  const f = (name: string, text: string | Uint8Array) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const keyFile = f('keys.txt', `# 机关密钥\n${ed.vkey}\n${sm.vkey}\n`);
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(import.meta.dirname, '..', 'dist', 'verify-cli.mjs'), ...args], { encoding: 'utf8' });
  const proof = f('proof.json', proofBytes);
  const args = ['--log-key', keyFile, '--policy', f('log-policy.toml', policyText), '--checkpoint', f('cp.txt', cosigned(13)), '--inclusion', f('incl.tlog-proof', tlogProof(2, 13, cosigned(13)))];
  const ok = cli(proof, ...args, '--consistency', f('old.txt', cp(4)), f('add.txt', `old 4\n${consistencyProof(ls, 4, 13).map((h) => toB64(h) + '\n').join('')}\n${cosigned(13)}`), '--json');
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const j = JSON.parse(ok.stdout);
  assert.equal(j.schema, 'dualdraw.verify-log.v1');
  assert.equal(j.ok, true);
  assert.deepEqual(j.reports.map((r: { kind: string }) => r.kind), ['keys', 'checkpoint', 'inclusion', 'consistency']);
  for (const r of j.reports) for (const k of ['kind', 'ok', 'facts', 'checks', 'established', 'not_established']) assert.ok(k in r, k);
  assert.equal(j.reports[2].facts.proof_sha256, toHex(sha(proofBytes)));
  // inline vkeys, Chinese text; a tampered proof file: exit 1 naming inclusion.draw
  const bad = cli(f('proof2.json', utf8('{}')), '--log-key', ed.vkey, '--log-key', sm.vkey, '--inclusion', join(dir, 'incl.tlog-proof'), '--lang', 'zh');
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /✘ 收录证明：未通过/);
  assert.match(bad.stdout, /inclusion\.draw/);
  assert.equal(cli('--checkpoint', join(dir, 'missing.txt'), '--log-key', ed.vkey).status, 2);
  assert.equal(cli('--log-key').status, 2);
});

test('the Python reference (tests/vectors/verify_log.py, gmalg SM2) verifies what sm-crypto-v2 and noble signed here', (t) => {
  const py = join(import.meta.dirname, '..', '..', '.venv-log', 'bin', 'python');
  if (!existsSync(py)) return t.skip('no .venv-log (made by .ci/run): the cross-check with Python was not run');
  const dir = mkdtempSync(join(tmpdir(), 'dualdraw-log-py-'));
  const f = (name: string, text: string | Uint8Array) => (writeFileSync(join(dir, name), text), join(dir, name));
  const script = join(import.meta.dirname, '..', '..', 'tests', 'vectors', 'verify_log.py');
  const run = (...a: string[]) => spawnSync(py, [script, ...a], { encoding: 'utf8' });
  const base = [f('proof.json', proofBytes), '--log-key', ed.vkey, '--log-key', sm.vkey, '--policy', f('policy.toml', policyText), '--json'];
  const cons = `old 4\n${consistencyProof(ls, 4, 13).map((h) => toB64(h) + '\n').join('')}\n${cosigned(13)}`;
  const ok = run(...base, '--checkpoint', f('cp', cosigned(13)), '--inclusion', f('incl', tlogProof(2, 13, cosigned(13))), '--consistency', f('old', cp(4)), f('add', cons));
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const j = JSON.parse(ok.stdout);
  assert.deepEqual(j.reports.map((r: { kind: string; ok: boolean }) => [r.kind, r.ok]), [['keys', true], ['checkpoint', true], ['inclusion', true], ['consistency', true]]);
  const bad = run(...base, '--checkpoint', f('cp2', cosigned(13).replace('\n13\n', '\n12\n')));
  assert.equal(bad.status, 1);
  // the same verdicts, report by report and check by check, from both verifiers on valid and tampered inputs
  const node = (...a: string[]) => spawnSync(process.execPath, [join(import.meta.dirname, '..', 'dist', 'verify-cli.mjs'), ...a], { encoding: 'utf8' });
  const shape = (out: string) =>
    JSON.parse(out).reports.map((r: { kind: string; ok: boolean; checks: { check: string; ok: boolean }[] }) => [r.kind, r.ok, [...new Set(r.checks.filter((c) => !c.ok).map((c) => c.check))].sort()]);
  const other = edSigner('other.example/log', 5);
  const otherRoot = `${ORIGIN}\n13\n${toB64(sha(utf8('x')))}\n`;
  const cp13 = cp(13);
  const cases: string[][] = [
    ['--checkpoint', f('c1', cosigned(13))],
    ['--checkpoint', f('c2', cp(13).split('\n').slice(0, -2).join('\n') + '\n')],
    ['--checkpoint', f('c3', cp(13) + sigLine(other, checkpointText(ORIGIN, ls, 13)))],
    ['--checkpoint', f('c4', cosigned(13, [w1]))],
    ['--checkpoint', f('c5', note(`${ORIGIN}\n13\n${toB64(root(ls, 13))}\next\n`, [ed, sm]))],
    ['--inclusion', f('i1', tlogProof(2, 13, cosigned(13)))],
    ['--inclusion', f('i2', tlogProof(3, 13, cosigned(13)))],
    ['--inclusion', f('i3', tlogProof(7, 13, cosigned(12)))],
    ['--inclusion', f('i4', tlogProof(7, 13, cosigned(13)).replace('index 6', 'index 5'))],
    ['--consistency', f('o1', cp(7)), f('a1', `old 7\n${consistencyProof(ls, 7, 13).slice(1).map((h) => toB64(h) + '\n').join('')}\n${cosigned(13)}`)],
    ['--consistency', f('o2', cp(7)), f('a2', `old 6\n\n${cosigned(13)}`)],
    ['--fork', f('f1', `dualdraw-fork-proof/v1\nsame-size\n\n${cp13}\n${note(otherRoot, [ed, sm])}`)],
    ['--fork', f('f2', `dualdraw-fork-proof/v1\nsame-size\n\n${cp13}\n${cp13}`)],
    ['--fork', f('f3', `dualdraw-fork-proof/v1\nrollback\n\n${cp13}\n${cp(9)}\n`)],
    ['--fork', f('f4', `dualdraw-fork-proof/v1\ninconsistent\n\n${cp(9)}\n${cp13}\nold 9\n\n${cp13}`)],
    ['--fork', f('f5', `dualdraw-fork-proof/v1\ninconsistent\n\n${cp(9)}\n${cp13}\nold 9\n${consistencyProof(ls, 9, 13).map((h) => toB64(h) + '\n').join('')}\n${cp13}`)],
  ];
  for (const c of cases) {
    const [a, b] = [node(...base, ...c), run(...base, ...c)];
    assert.deepEqual(shape(b.stdout), shape(a.stdout), `${c.join(' ')}: python ${b.stdout.slice(0, 2000)} node ${a.stdout.slice(0, 2000)}`);
    assert.equal(b.status, a.status, c.join(' '));
  }
});

export { tlogProof, addCheckpoint, cp, cosigned, keys, policyText, proofBytes, ORIGIN, ed, sm, entries, ls };
