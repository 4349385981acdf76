// SPEC §9 verdicts and §10 limits through the code paths people use: the parser, the page's verification (the same
// function its worker runs), and the node command line dist/verify-cli.mjs (spawned, as a user runs it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { JsonError, JsonStreamParser, MAX_DEPTH, parseJson } from '../src/json.ts';
import { runVerification } from '../src/run.ts';
import { CHECKS } from '../src/verdict.ts';

const WEB = join(import.meta.dirname, '..');
const FIX = join(WEB, 'test', 'fixtures');
const CLI = join(WEB, 'dist', 'verify-cli.mjs');
const RC1 = join(FIX, 'rc-1-fractional-instant.json');
const tmp = mkdtempSync(join(tmpdir(), 'dualdraw-web-cli-'));
const SNAP = join(tmp, 'rc-1-public-snapshot.json');
writeFileSync(SNAP, gunzipSync(readFileSync(join(FIX, 'rc-1-public-snapshot.json.gz'))));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout, err: r.stderr, json: args.includes('--json') && r.stdout ? JSON.parse(r.stdout) : null };
}
const file = (name: string, data: string | Uint8Array) => {
  const p = join(tmp, name);
  writeFileSync(p, data);
  return p;
};
const errOf = (f: () => unknown): JsonError => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof JsonError, String(e));
    return e;
  }
  assert.fail('no error');
};

test('§10 depth: 64 nested arrays are read, 65 are refused by name; 100000 "[" never overflow the stack', async () => {
  assert.doesNotThrow(() => parseJson('['.repeat(MAX_DEPTH) + ']'.repeat(MAX_DEPTH)));
  assert.equal(errOf(() => parseJson('['.repeat(MAX_DEPTH + 1) + ']'.repeat(MAX_DEPTH + 1))).rule, 'depth');
  assert.equal(errOf(() => parseJson('{"a":'.repeat(65) + '1' + '}'.repeat(65))).rule, 'depth');
  for (const deep of ['['.repeat(100000), '['.repeat(100000) + ']'.repeat(100000)]) {
    assert.equal(errOf(() => parseJson(deep)).rule, 'depth');
    // the page's path: the worker's verification of a dropped file
    const v = await runVerification(new Blob([deep]), null, () => {});
    assert.equal(v.verdict.verdict, 'invalid');
    assert.deepEqual(v.verdict.failed, ['json']);
    assert.match(v.verdict.errors[0].message, /nested more than 64 deep/);
  }
});

test('§10 BOM: one at the very start is skipped; anywhere else refused, even inside a string', () => {
  const bom = '\ufeff';
  assert.deepEqual(parseJson(bom + '{"a":1}'), { a: 1 });
  // split over chunks
  const p = new JsonStreamParser();
  p.push(new Uint8Array([0xef]));
  p.push(new Uint8Array([0xbb, 0xbf, 0x5b, 0x5d]));
  assert.deepEqual(p.end(), []);
  assert.equal(errOf(() => parseJson(bom + bom + '{}')).rule, 'bom');
  assert.equal(errOf(() => parseJson('{"a":' + bom + '1}')).rule, 'bom');
  assert.equal(errOf(() => parseJson('{"a":"x' + bom + 'y"}')).rule, 'bom');
  assert.equal(errOf(() => parseJson('{"a":"' + 'x'.repeat(40) + bom + '"}')).rule, 'bom');
  // inside a string split over chunks (the slow path)
  const q = new JsonStreamParser();
  q.push(new TextEncoder().encode('["ab\\n\xef'.replace('\xef', '')));
  q.push(new Uint8Array([0xef, 0xbb]));
  assert.equal(errOf(() => q.push(new Uint8Array([0xbf, 0x22, 0x5d]))).rule, 'bom');
  // the escape \ufeff is a character, not a byte-order mark
  assert.deepEqual(parseJson('["\\ufeff"]'), [bom]);
  assert.deepEqual(parseJson('["中文 ÿ»¿"]'), ['中文 ÿ»¿']);
});

test('§10 size: a document over the limit is refused before it is parsed further', async () => {
  const p = new JsonStreamParser({ maxBytes: 10 });
  assert.equal(errOf(() => p.push(new TextEncoder().encode('[1,2,3,4,5,6]'))).rule, 'size');
  // a Blob that says it is 257 MiB is refused from its size alone
  const huge = { size: 257 * 1024 * 1024, arrayBuffer: () => Promise.reject(new Error('must not be read')) } as unknown as Blob;
  const v = await runVerification(huge, null, () => {});
  assert.deepEqual(v.verdict.failed, ['json']);
  assert.match(v.verdict.errors[0].message, /size limit/);
});

test('node CLI: RC-1 is consistent at the light level; the v2 object of §9', () => {
  const r = cli(RC1, '--json');
  assert.equal(r.status, 0, r.err);
  const v = r.json;
  assert.equal(v.schema, 'dualdraw.verify.v2');
  assert.equal(v.ok, true);
  assert.equal(v.verdict, 'consistent');
  assert.equal(v.level, 'light');
  assert.equal(v.campaign, 'RC-1');
  assert.equal(v.announcement_hash, JSON.parse(readFileSync(RC1, 'utf8')).announcement.hash);
  const light = CHECKS.filter((c) => c.level === 'light' && c.id !== 'json').map((c) => c.id);
  assert.deepEqual(v.established, light, 'every light check, in table order');
  assert.deepEqual(v.failed, []);
  assert.deepEqual(v.errors, []);
  assert.deepEqual(v.not_checked.map((n: any) => n.check), ['public_snapshot', 'pool', 'cross_stratum', 'stratum_membership', 'selection', 'recusals', 'rerun']);
  assert.deepEqual(v.not_checked.find((n: any) => n.check === 'pool').who, ['public']);
  assert.deepEqual(v.not_checked.find((n: any) => n.check === 'selection').who, ['auditor', 'enterprise']);
  for (const n of v.not_checked) assert.ok(n.why.length > 10);
  // SPEC §9: when ok, the verified targets (sorted; checked, not re-selected at this level)
  const proofTargets = JSON.parse(readFileSync(RC1, 'utf8')).targets.map((t: any) => t.entity.uscc).sort();
  assert.deepEqual(v.targets, proofTargets, 'the verified targets, sorted');
  assert.ok(Array.isArray(v.teams) && v.teams.length > 0, 'it re-runs the assignment');
  assert.match(v.announcement_note, /published before the draw/);
  // the human report
  const h = cli(RC1);
  assert.equal(h.status, 0);
  assert.match(h.out, /CONSISTENT/);
  assert.match(h.out, /light/);
  assert.match(h.out, /Not checked at this level/);
  assert.match(h.out, /published before the draw/);
  assert.doesNotMatch(h.out, /genuine|VALID\b/);
});

test('node CLI: RC-1 with its public snapshot is consistent at the public level, cross_stratum included', () => {
  const r = cli(RC1, '--snapshot', SNAP, '--json');
  assert.equal(r.status, 0, r.err + r.out);
  assert.equal(r.json.level, 'public');
  assert.deepEqual(r.json.established.slice(-3), ['public_snapshot', 'pool', 'cross_stratum']);
  assert.deepEqual(r.json.not_checked.map((n: any) => n.check), ['stratum_membership', 'selection', 'recusals', 'rerun']);
  assert.match(cli(RC1, '--snapshot', SNAP, '--lang', 'zh').out, /公开核验/);
});

test('node CLI: invalid proofs exit 1 naming the check; unreadable and §10-breaking files exit 2 with check json', () => {
  const p = JSON.parse(readFileSync(RC1, 'utf8'));
  p.teams[0].officers.reverse();
  const r = cli(file('bad-team.json', JSON.stringify(p)), '--json');
  assert.equal(r.status, 1);
  assert.equal(r.json.verdict, 'invalid');
  assert.deepEqual(r.json.failed, ['teams']);
  assert.equal(r.json.targets, null, 'no targets in a failed verdict');
  assert.equal(r.json.teams, null);
  assert.ok(!r.json.established.includes('teams'));
  assert.equal(r.json.errors[0].check, 'teams');
  assert.ok(r.json.errors[0].expected && r.json.errors[0].got);

  const q = JSON.parse(readFileSync(RC1, 'utf8'));
  q.announcement.announced_at = '2026-12-04 16:26:14Z';
  const a = cli(file('bad-instant.json', JSON.stringify(q)), '--json');
  assert.equal(a.status, 1);
  assert.ok(a.json.failed.includes('announcement'));

  for (const [name, data] of [
    ['deep.json', '['.repeat(100000)],
    ['deep2.json', '['.repeat(100000) + ']'.repeat(100000)],
    ['bom-inside.json', readFileSync(RC1, 'utf8').replace('"RC-1"', '"RC-\ufeff1"')],
    ['not-json.json', 'hello'],
  ]) {
    const d = cli(file(name, data), '--json');
    assert.equal(d.status, 2, name);
    assert.equal(d.json.schema, 'dualdraw.verify.v2');
    assert.equal(d.json.verdict, 'invalid');
    assert.deepEqual(d.json.failed, ['json'], name);
    assert.equal(d.json.campaign, null);
    assert.doesNotMatch(d.err, /Maximum call stack/);
  }
  const missing = cli(join(tmp, 'no-such-file.json'), '--json');
  assert.equal(missing.status, 2);
  assert.deepEqual(missing.json.failed, ['json']);
  assert.equal(cli().status, 2, 'no proof: usage');
  assert.equal(cli(RC1, '--frobnicate').status, 2);
});

// ---- assignment v2 (SPEC §6.1) ----------------------------------------------------------------------------------------

const V2 = JSON.parse(readFileSync(join(WEB, '..', 'tests', 'vectors', 'draw-v2.json'), 'utf8')).draw_tight_v2;
// A v2 draw made by the dualdraw CLI (not by this page): `dualdraw demo --registries-only --entities 4000 --seed 7`,
// its entities and officers re-imported spread over three regions (520121/520122/520123, by row), then a campaign of
// 12 items at 20% per class with `officer_region = "same"` (three rotation blocks), `max_targets_per_officer = 30`,
// `assignment = "v2"`: 457 targets, 916 places. Its verdict (the teams) is over 64 KiB.
const V2_SAME = file('v2-same-region.json', gunzipSync(readFileSync(join(FIX, 'v2-same-region.json.gz'))));

/** Swap one officer between two teams of the same department (and region), keeping each team's order (§6). */
function swapOneMember(p: any): { a: string; b: string } {
  const officers = new Map<string, any>(p.officers.map((o: any) => [o.id, o]));
  const region = new Map<string, string>(p.targets.map((t: any) => [t.entity.uscc, t.entity.region]));
  for (const A of p.teams)
    for (const B of p.teams) {
      if (A === B || region.get(A.target) !== region.get(B.target)) continue;
      for (const a of A.officers)
        for (const b of B.officers) {
          const oa = officers.get(a);
          const ob = officers.get(b);
          if (oa.department !== ob.department || A.officers.includes(b) || B.officers.includes(a) || oa.qualifications.join() !== ob.qualifications.join()) continue;
          const order = (ids: string[]) => {
            const deps = [...new Set(ids.map((x) => officers.get(x).department))];
            return deps.flatMap((d) => ids.filter((x) => officers.get(x).department === d).sort());
          };
          A.officers = order(A.officers.map((x: string) => (x === a ? b : x)));
          B.officers = order(B.officers.map((x: string) => (x === b ? a : x)));
          return { a: A.target, b: B.target };
        }
    }
  throw new Error('no two teams to swap a member between');
}

test('node CLI: the v2 proof of draw-v2.json (draw_tight_v2) is consistent at the light level, its teams re-run with assignment v2', () => {
  const r = cli(file('v2-tight.json', JSON.stringify(V2.proof)), '--json');
  assert.equal(r.status, 0, r.err + r.out);
  assert.equal(r.json.verdict, 'consistent');
  assert.equal(r.json.level, 'light');
  assert.equal(r.json.campaign, 'VECTOR-TIGHT-V2');
  assert.deepEqual(r.json.established, CHECKS.filter((c) => c.level === 'light' && c.id !== 'json').map((c) => c.id));
  assert.deepEqual(r.json.teams, V2.teams, 'the teams the CLI re-ran are the known answers');
  assert.deepEqual(r.json.targets, V2.targets);
});

test('node CLI: the v2 proof with one team member swapped fails at the teams check, naming both teams', () => {
  const p = structuredClone(V2.proof);
  const { a, b } = swapOneMember(p);
  const r = cli(file('v2-tight-swapped.json', JSON.stringify(p)), '--json');
  assert.equal(r.status, 1, r.out);
  assert.equal(r.json.verdict, 'invalid');
  assert.deepEqual(r.json.failed, ['teams']);
  assert.deepEqual(r.json.errors.map((e: any) => e.message.match(/\((\w+)/)[1]).sort(), [a, b].sort());
  assert.equal(r.json.teams, null);
});

test('node CLI: a v2 draw made by the dualdraw CLI with officer_region = "same" (three blocks) is consistent; its >64 KiB verdict is written whole; one swap fails at teams', () => {
  const r = cli(V2_SAME, '--json');
  assert.equal(r.status, 0, r.err);
  assert.ok(r.out.length > 65536, `the verdict is ${r.out.length} bytes`);
  assert.equal(r.json.verdict, 'consistent');
  // through a shell pipe whose reader starts late the pipe fills up (64 KiB): the CLI must still write it all
  const piped = spawnSync('sh', ['-c', '"$0" "$1" "$2" --json | (sleep 1; cat)', process.execPath, CLI, V2_SAME], { encoding: 'utf8' });
  assert.equal(piped.stdout, r.out, 'the same verdict, whole, through a slow pipe');
  const p = JSON.parse(readFileSync(V2_SAME, 'utf8'));
  assert.equal(p.announcement.campaign.teams.assignment, 'v2');
  assert.equal(p.announcement.campaign.teams.officer_region, 'same');
  assert.equal(new Set(p.targets.map((t: any) => t.entity.region)).size, 3);
  assert.deepEqual(r.json.teams, p.teams);
  swapOneMember(p);
  const s = cli(file('v2-same-swapped.json', JSON.stringify(p)), '--json');
  assert.equal(s.status, 1);
  assert.deepEqual(s.json.failed, ['teams']);
});
