// Every case of tests/vectors/log-keys-v1.json (docs/LOG.md §8, written by the Rust library) through the page's key
// chain (src/log/keyChain.ts) and through the node entry's --key-statement / --key-list (dist/verify-cli.mjs): the
// reader starts from generation 0's keys; `accept` cases are given both statements and must verify with the given
// generation in force (file signatures: retired_at), `refuse` cases are given the statements they list and must fail
// with the given error kind. A case whose check this test does not know fails rather than being skipped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { toHex, utf8 } from '../src/bytes.ts';
import {
  KeyChain,
  isKindProblem,
  isProblem,
  keyId,
  parseVkey,
  toB64,
  typeBytes,
  verifyCheckpoint,
  verifyFileSignature,
  verifyInclusion,
  verifyKeyStatement,
  verifyLog,
  type LogReport,
  type Vkey,
} from '../src/log.ts';

const V = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'tests', 'vectors', 'log-keys-v1.json'), 'utf8'));
const KNOWN = ['format', 'spec', 'note', 'origin', 'generations', 'ledger', 'statements', 'file', 'accept', 'refuse'];
const gen = (g: number): Vkey[] =>
  V.generations[g].map((k: { vkey: string }) => {
    const v = parseVkey(k.vkey);
    assert.ok(!isProblem(v), String(v));
    return v;
  });
const says = (r: LogReport) => r.findings.filter((f) => !f.ok).map((f) => `${f.check}: ${f.text.en}`).join(' | ');
const texts = (idx: number[]) => idx.map((i) => V.statements[i].text as string);
const allStatements = () => V.statements.map((s: { text: string }) => s.text);
const sorted = (ks: (Vkey | string)[]) => ks.map((k) => (typeof k === 'string' ? k : k.text)).sort();

test('log-keys-v1.json: its format and sections are ones this test knows', () => {
  assert.equal(V.format, 'dualdraw-log-key-vectors/v1');
  assert.deepEqual(Object.keys(V).filter((k) => !KNOWN.includes(k)), []);
  assert.equal(V.generations.length, 3);
  for (const g of [0, 1, 2]) for (const k of gen(g)) assert.equal(k.name, V.origin);
  for (const g of V.generations) for (const k of g) assert.equal(parseVkey(k.vkey) && (parseVkey(k.vkey) as Vkey).fingerprint, k.fingerprint);
});

test('log-keys-v1.json statements: each verifies against the keys in force before it; the chain gives keys by size', () => {
  const s0 = verifyKeyStatement(V.statements[0].text, gen(0));
  assert.ok(!isKindProblem(s0), String(s0));
  assert.deepEqual([s0.action, s0.size, s0.reason], [V.statements[0].action, V.statements[0].size, V.statements[0].reason]);
  assert.deepEqual(sorted(s0.new), sorted(gen(1)));
  assert.deepEqual(sorted(s0.old), sorted(gen(0)));
  const s1 = verifyKeyStatement(V.statements[1].text, gen(1));
  assert.ok(!isKindProblem(s1), String(s1));
  assert.deepEqual([s1.action, s1.size, s1.reason], [V.statements[1].action, V.statements[1].size, V.statements[1].reason]);
  assert.deepEqual(sorted(s1.new), sorted(gen(2)));
  // given in either order, the chain takes them by size
  for (const order of [[0, 1], [1, 0]]) {
    const ch = KeyChain.build(gen(0), texts(order));
    assert.deepEqual(ch.results.map((r) => r.error?.kind ?? 'ok'), ['ok', 'ok']);
    assert.deepEqual(ch.statements.map((s) => s.size), [4, 6]);
    assert.deepEqual(sorted(ch.keysFor(3)), sorted(gen(0)));
    assert.deepEqual(sorted(ch.keysFor(4)), sorted(gen(1)));
    assert.deepEqual(sorted(ch.keysFor(5)), sorted(gen(1)));
    assert.deepEqual(sorted(ch.keysFor(6)), sorted(gen(2)));
    assert.deepEqual(sorted(ch.keysFor(null)), sorted(gen(2)));
  }
  // the same statement twice: key-statement-duplicate
  const dup = KeyChain.build(gen(0), texts([0, 0]));
  assert.deepEqual(dup.results.map((r) => r.error?.kind ?? 'ok'), ['ok', 'key-statement-duplicate']);
});

/** Run one case through the library; the error kind it is refused with (null: accepted), and the report. */
function runCase(c: any, statements: string[]): { kind: string | null; report: LogReport | null; chain: KeyChain } {
  const chain = KeyChain.build(gen(0), c.check === 'chain' ? [...statements] : statements);
  for (const r of chain.results) assert.equal(r.error, null, `${c.name}: a given statement is refused: ${r.error}`);
  const kindOf = (r: LogReport) => (r.ok ? null : typeof r.facts.error_kind === 'string' ? r.facts.error_kind : `other: ${says(r)}`);
  switch (c.check) {
    case 'checkpoint': {
      const r = verifyCheckpoint(c.input, chain).report;
      return { kind: kindOf(r), report: r, chain };
    }
    case 'inclusion': {
      const r = verifyInclusion(c.input, chain);
      return { kind: kindOf(r), report: r, chain };
    }
    case 'file_signature': {
      const r = verifyFileSignature(c.input, V.file.name, utf8(V.file.content), chain);
      return { kind: kindOf(r), report: r, chain };
    }
    case 'chain': {
      const all = KeyChain.build(gen(0), [...statements, c.input]);
      const last = all.results.find((r) => r.index === statements.length)!;
      return { kind: last.error?.kind ?? null, report: null, chain: all };
    }
    default:
      throw new Error(`case ${c.name}: unknown check ${c.check}`);
  }
}

test('log-keys-v1.json accept cases: each verifies, with the generation in force it names', () => {
  assert.ok(V.accept.length >= 6);
  for (const c of V.accept) {
    const { kind, report } = runCase(c, allStatements());
    assert.equal(kind, null, `${c.name}: refused (${kind})`);
    assert.ok(report!.ok, `${c.name}: ${says(report!)}`);
    if ('keys_generation' in c) assert.deepEqual(sorted(report!.facts.signed_by as string[]), sorted(gen(c.keys_generation)), `${c.name}: the keys that signed`);
    if ('retired_at' in c) assert.equal(report!.facts.retired_at, c.retired_at, `${c.name}: retired_at`);
    if (c.check === 'file_signature' && c.retired_at === null) assert.ok(!report!.findings.some((f) => f.check === 'keys.in-force' && /retired/.test(f.text.en)), c.name);
  }
});

test('log-keys-v1.json refuse cases: each is refused with its error kind', () => {
  assert.ok(V.refuse.length >= 9);
  for (const c of V.refuse) {
    const { kind, report } = runCase(c, texts(c.statements));
    assert.equal(kind, c.error_kind, `${c.name} (${c.why})`);
    if (report && (c.error_kind === 'key-retired' || c.error_kind === 'key-revoked')) {
      const f = report.findings.find((x) => x.check === 'keys.in-force' && !x.ok);
      assert.ok(f, `${c.name}: a failing keys.in-force`);
      assert.match(f.text.en, new RegExp(c.error_kind));
      if (c.error_kind === 'key-revoked') assert.match(f.text.en, new RegExp(V.statements[1].reason));
    }
  }
  // without the statements, the checkpoints by later keys are simply unsigned (their own error), not retired
  const late = V.accept.find((c: any) => c.name === 'after-revocation');
  const r = verifyCheckpoint(late.input, gen(0)).report;
  assert.ok(!r.ok);
  assert.ok(!r.findings.some((f) => f.check === 'keys.in-force'));
});

test('verifyLog: keys.statement for each statement, keys.in-force, and a key list by origin', () => {
  const between = V.accept.find((c: any) => c.name === 'between');
  const rs = verifyLog({ logKeys: [], keyLists: [{ name: 'province.txt', text: `# 省级公钥清单\n\n${gen(0).map((k) => k.text).join('\n')}\n` }], keyStatements: allStatements(), checkpoint: between.input });
  assert.deepEqual(rs.map((r) => [r.kind, r.ok]), [['keys', true], ['checkpoint', true]]);
  const st = rs[0].findings.filter((f) => f.check === 'keys.statement');
  assert.equal(st.length, 2);
  assert.match(st[0].text.en, /rotate at size 4/);
  assert.ok(gen(1).every((k) => st[0].text.en.includes(k.fingerprint)));
  assert.match(st[1].text.en, /revoke at size 6/);
  assert.ok(rs[1].findings.some((f) => f.check === 'keys.in-force' && f.ok));
  const bad = verifyLog({ logKeys: [], keyLists: [{ name: 'province.txt', text: `${gen(0)[0].text}\nnot a key\n` }], checkpoint: between.input });
  assert.ok(bad[0].findings.some((f) => !f.ok && f.text.en.startsWith('province.txt:2:1:')), says(bad[0]));
});

test('dist/verify-cli.mjs --key-statement and --key-list on the vectors: accepted, refused with the kind, exit codes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dualdraw-log-keys-cli-'));
  const f = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'dist', 'verify-cli.mjs'), ...args, '--json'], { encoding: 'utf8' });
    return { status: r.status, err: r.stderr, json: r.stdout ? JSON.parse(r.stdout) : null, out: r.stdout };
  };
  const st = V.statements.map((s: { text: string; size: number }) => f(`statement-${s.size}.txt`, s.text));
  const initial = gen(0).flatMap((k) => ['--log-key', k.text]);
  // a key list with another log's key (not used), a comment and a blank line
  const g = gen(2)[0];
  const other = `other.example/log+${toHex(keyId('other.example/log', g.type, g.pub))}+${toB64(new Uint8Array([...typeBytes(g.type), ...g.pub]))}`;
  assert.ok(!isProblem(parseVkey(other)));
  const list = f('province-keys.txt', `# 贵州省 市场监管 机关公钥\n\n${gen(0).map((k) => k.text).join('\n')}\n# another bureau\n${other}\n`);
  f(V.file.name, V.file.content);
  const checksOf = (j: any, name: string) => j.reports.flatMap((r: any) => r.checks.filter((c: any) => c.check === name));
  const inputArgs = (c: any, i: string) =>
    c.check === 'checkpoint' ? ['--checkpoint', f(`${i}.cp`, c.input)] : c.check === 'inclusion' ? ['--inclusion', f(`${i}.tlog-proof`, c.input)] : c.check === 'file_signature' ? ['--signature', (writeFileSync(join(dir, V.file.name + '.sig'), c.input), join(dir, V.file.name + '.sig'))] : null;
  for (const c of V.accept) {
    const args = inputArgs(c, c.name);
    assert.ok(args, `case ${c.name}: unknown check ${c.check}`);
    for (const keys of [initial, ['--key-list', list]]) {
      const r = cli(...keys, ...st.flatMap((s: string) => ['--key-statement', s]), ...args);
      assert.equal(r.status, 0, `${c.name}: ${r.out}${r.err}`);
      assert.equal(checksOf(r.json, 'keys.statement').length, 2);
      assert.ok(checksOf(r.json, 'keys.statement').every((x: any) => x.ok));
      const main = r.json.reports[1];
      if ('keys_generation' in c) assert.deepEqual(sorted(main.facts.signed_by), sorted(gen(c.keys_generation)), c.name);
      if ('retired_at' in c) assert.equal(main.facts.retired_at, c.retired_at, c.name);
    }
  }
  for (const c of V.refuse) {
    const given = (c.statements as number[]).flatMap((i) => ['--key-statement', st[i]]);
    if (c.check === 'chain') {
      const r = cli(...initial, ...given, '--key-statement', f(`${c.name}.txt`, c.input));
      assert.equal(r.status, 1, `${c.name}: ${r.out}${r.err}`);
      const failed = checksOf(r.json, 'keys.statement').filter((x: any) => !x.ok);
      assert.equal(failed.length, 1, c.name);
      assert.match(failed[0].message, new RegExp(`\\b${c.error_kind}\\b`), c.name);
      continue;
    }
    const args = inputArgs(c, c.name);
    assert.ok(args, `case ${c.name}: unknown check ${c.check}`);
    const r = cli(...initial, ...given, ...args);
    assert.equal(r.status, 1, `${c.name}: ${r.out}${r.err}`);
    const inForce = checksOf(r.json, 'keys.in-force').filter((x: any) => !x.ok);
    assert.equal(inForce.length, 1, c.name);
    assert.match(inForce[0].message, new RegExp(c.error_kind), c.name);
  }
  // consistency: the older checkpoint (size 3, generation 0) under its keys, the newer (size 7, generation 2) under its
  // — the proof itself is not in the vectors, so an empty body from 3 to 7 must fail at the proof, not at the keys
  const cp3 = V.accept.find((c: any) => c.name === 'before-rotation').input;
  const cp7 = V.accept.find((c: any) => c.name === 'after-revocation').input;
  const cons = cli(...initial, ...st.flatMap((s: string) => ['--key-statement', s]), '--consistency', f('old3.cp', cp3), f('add.txt', `old 3\n\n${cp7}`));
  assert.equal(cons.status, 1);
  const rep = cons.json.reports[1];
  assert.deepEqual(rep.checks.filter((x: any) => !x.ok).map((x: any) => x.check), ['consistency.proof']);
  assert.equal(checksOf(cons.json, 'keys.in-force').filter((x: any) => x.ok).length, 2);
  // a key list line that is not a vkey: FILE:LINE:1; a missing key list: exit 2
  const badList = f('bad-list.txt', `# ok\n${gen(0)[0].text}\nnonsense\n`);
  const bad = cli('--key-list', badList, '--checkpoint', f('b.cp', cp3));
  assert.equal(bad.status, 1);
  assert.ok(checksOf(bad.json, 'keys.vkey').some((x: any) => !x.ok && x.message.startsWith(`${badList}:3:1:`)), bad.out);
  assert.equal(cli('--key-list', join(dir, 'missing.txt'), '--checkpoint', join(dir, 'b.cp')).status, 2);
  assert.equal(cli('--key-statement').status, 2);
});
