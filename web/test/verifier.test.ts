// Unit tests of the pieces the vectors do not reach: the streaming JSON parser, tampered proofs (each explained in
// words that name what differs), the drand quicknet signature check, and the public snapshot check.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BinWriter, Writer, binToStr, cmpBytes, cmpUtf8, strToBin, toHex, utf8 } from '../src/bytes.ts';
import { entityLeaf } from '../src/commitments.ts';
import { verifyQuicknet } from '../src/drand.ts';
import { JsonStreamParser, parseJson, validUtf8, type JsonValue } from '../src/json.ts';
import { verifyPublic } from '../src/snapshot.ts';
import { loadProof, verifyLight } from '../src/verify.ts';

const VEC = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'tests', 'vectors', 'draw-v1.json'), 'utf8'));

// ---- JSON -----------------------------------------------------------------------------------------------------------------

const SAMPLE = '\uFEFF{"a": [1, -2.5e3, 12345678901234567890, true, false, null], "s": "x\\"y\\\\z\\u00e9\\ud83d\\ude00中文", "entities": [{"k": "甲"}, {"k": "b\\n"}, "t"], "e": {}, "z": []}';

test('the streaming parser gives the same document for every split of the input', () => {
  const bytes = utf8(SAMPLE);
  const whole = parseJson(bytes);
  assert.equal((whole as any).a[2], 12345678901234567890n);
  assert.equal((whole as any).s, 'x"y\\zé😀中文');
  for (let cut = 0; cut <= bytes.length; cut++)
    for (const cut2 of [cut, Math.min(bytes.length, cut + 1), Math.min(bytes.length, cut + 7)]) {
      const p = new JsonStreamParser();
      p.push(bytes.subarray(0, cut));
      p.push(bytes.subarray(cut, cut2));
      p.push(bytes.subarray(cut2));
      assert.deepEqual(p.end(), whole, `split at ${cut}/${cut2}`);
    }
});

test('streamed elements come one by one with their byte ranges, and as binary strings when asked', () => {
  const bytes = utf8(SAMPLE);
  for (const binary of [false, true])
    for (let cut = 0; cut <= bytes.length; cut += 3) {
      const got: [JsonValue, string][] = [];
      const p = new JsonStreamParser({ streamKeys: ['entities'], binaryStreams: binary, onElement: (_k, v, s, e) => got.push([v, new TextDecoder().decode(bytes.subarray(s, e))]) });
      p.push(bytes.subarray(0, cut));
      p.push(bytes.subarray(cut));
      const doc = p.end() as any;
      assert.deepEqual(doc.entities, []);
      assert.equal(doc.s, 'x"y\\zé😀中文', 'texts outside streamed arrays are decoded');
      const k0 = (got[0][0] as any).k;
      assert.equal(binary ? binToStr(k0) : k0, '甲');
      assert.deepEqual(got.map((g) => g[1]), ['{"k": "甲"}', '{"k": "b\\n"}', '"t"']);
    }
});

test('the parser refuses what another reader could read differently', () => {
  const bad = ['{"a": 1, "a": 2}', '{"a": "\\ud800"}', '{"a": "x\nY"}', '[1,]', '{"a" 1}', '{"a": 01}', '[1] 2', '{"a": tru}', '{"a": "x"'];
  for (const b of bad) assert.throws(() => parseJson(b), Error, b);
  assert.throws(() => parseJson(new Uint8Array([0x22, 0xc3, 0x28, 0x22])), /UTF-8/);
  assert.throws(() => new JsonStreamParser({ streamKeys: ['x'], binaryStreams: true }).push(new Uint8Array([0x7b, 0x22, 0x78, 0x22, 0x3a, 0x5b, 0x22, 0xed, 0xa0, 0x80, 0x22])), /UTF-8/);
});

test('UTF-8 validation', () => {
  const ok = (s: string) => validUtf8(utf8(s), 0, utf8(s).length);
  assert.ok(ok('abc中文😀é'));
  for (const b of [[0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe4, 0xb8], [0x80]]) assert.equal(validUtf8(new Uint8Array(b), 0, b.length), false, JSON.stringify(b));
});

test('UTF-8 order and binary strings', () => {
  const xs = ['a', 'b', 'é', '中', '\uffff', '😀', '', 'ab', '\ue000', '\ud7ff'];
  for (const x of xs)
    for (const y of xs) {
      const want = Math.sign(cmpBytes(utf8(x), utf8(y)));
      assert.equal(Math.sign(cmpUtf8(x, y)), want, `${x} ${y}`);
      assert.equal(Math.sign(cmpUtf8(strToBin(x), strToBin(y))), want, `binary ${x} ${y}`);
    }
  const e = VEC.draw.proof.targets[0].entity;
  const bin = JSON.parse(JSON.stringify(e), (_k, v) => (typeof v === 'string' ? strToBin(v) : v));
  assert.equal(toHex(entityLeaf(bin, new BinWriter()).out()), toHex(entityLeaf(e, new Writer()).out()));
});

// ---- drand quicknet ------------------------------------------------------------------------------------------------------

test('drand quicknet: a real round verifies, a wrong round or signature does not', () => {
  // League of Entropy quicknet round 1000, as its relays serve it (public data).
  const sig = 'b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39';
  assert.equal(verifyQuicknet(1000n, sig), true);
  assert.equal(verifyQuicknet(1001n, sig), false);
  assert.equal(verifyQuicknet(1000n, sig.slice(0, -2) + '38'), false);
  assert.equal(verifyQuicknet(1000n, 'zz'), false);
});

// ---- tampered proofs --------------------------------------------------------------------------------------------------------

function tampered(name: string, edit: (p: any) => void) {
  const p = structuredClone(VEC[name].proof);
  edit(p);
  const { proof, failure } = loadProof(utf8(JSON.stringify(p)));
  if (!proof) return { failures: [failure!], text: failure!.what.zh + '\n' + failure!.what.en };
  const r = verifyLight(proof);
  return { failures: r.failures, text: r.failures.map((f) => f.what.zh + '\n' + f.what.en).join('\n') };
}

test('an untouched vector proof verifies', () => {
  for (const name of ['draw', 'draw_tight']) assert.deepEqual(tampered(name, () => undefined).failures, []);
});

test('one officer swapped in one team: the team is named with expected and found officers', () => {
  const p0 = VEC.draw.proof;
  // an officer of the same department who is not on that team
  const team = p0.teams[2];
  const dept = p0.officers.find((o: any) => o.id === team.officers[0]).department;
  const other = p0.officers.find((o: any) => o.department === dept && !team.officers.includes(o.id)).id;
  const r = tampered('draw', (p) => {
    p.teams[2].officers[0] = other;
  });
  assert.ok(r.failures.some((f) => f.area === 'teams'), r.text);
  assert.match(r.text, new RegExp(`第3个检查对象（${team.target}`));
  assert.match(r.text, /检查组与按公告重新计算的不一致/);
  assert.ok(r.text.includes(team.officers[0]) && r.text.includes(other), r.text);
});

test('a witness secret changed: the witness is named, commitment versus secret', () => {
  const r = tampered('draw', (p) => {
    p.entropy.reveals[1].secret = 'witness-b-secret-fedcba987654321X';
  });
  assert.match(r.text, /见证人“乙”公开的秘密与其事先提交的承诺不符/);
  assert.ok(r.failures.some((f) => f.area === 'seed'), 'the seed no longer follows either');
});

test('a random number changed: the target is named, expected and found numbers', () => {
  const r = tampered('draw', (p) => {
    p.targets[4].prn = '00' + p.targets[4].prn.slice(2);
  });
  assert.match(r.text, /第5个检查对象（.*）的随机数与公告推算的不一致：应为 [0-9a-f]{64}，文件中为 00/);
});

test('a target swapped for another entity: its inclusion proof fails', () => {
  const r = tampered('draw', (p) => {
    p.targets[0].entity.name = '另一家公司';
  });
  assert.match(r.text, /不在公告时的市场主体名录中/);
});

test('the campaign edited after the announcement: its hash no longer matches', () => {
  const r = tampered('draw', (p) => {
    p.announcement.campaign.targets.strata[0].rule.ratio = '1/25';
  });
  assert.match(r.text, /抽查活动内容的哈希与公告中的不一致/);
});

test('a stratum that draws more than its rule allows', () => {
  const r = tampered('draw', (p) => {
    p.strata[0].drawn += 1;
  });
  assert.match(r.text, /A 类分层共 \d+ 户，按规则（3\/100）应抽取 \d+ 户，文件中为 \d+ 户/);
});

test('a blocked pair removed: the assignment re-run differs or the recusal no longer opens', () => {
  const r = tampered('draw_tight', (p) => {
    p.blocked_pairs[0].pair_salt = '00'.repeat(32);
  });
  assert.match(r.text, /回避记录（执法人员 W4 与 91520123MA0000007M）不在公告时的回避申报中/);
});

test('an officer-history pair removed from the announcement: the announcement hash breaks', () => {
  const r = tampered('draw', (p) => {
    p.announcement.officer_history = [];
  });
  assert.match(r.text, /执法人员历史名单的根与名单不一致/);
});

test('an unknown field is reported as such', () => {
  const r = tampered('draw', (p) => {
    p.announcement.campaign.surprise = 1;
  });
  assert.match(r.text, /不认识的字段“announcement\.campaign\.surprise”/);
});

test('not JSON at all', () => {
  const { failure } = loadProof(utf8('{"format": "dualdraw-draw-proof-v1",\n "announcement": '));
  assert.match(failure!.what.zh, /不是有效的 JSON（第 2 行/);
});

// ---- the public snapshot --------------------------------------------------------------------------------------------------

function snapshotFor(proof: any, entities: any[]): Blob {
  // a public snapshot holding just the targets: the roots will not match (the registry has 600 entities)
  return new Blob([JSON.stringify({ format: 'dualdraw-public-snapshot-v1', snapshot: proof.announcement.snapshot, items: proof.items, entities, officers: proof.officers, recusals: [] })]);
}

test('a public snapshot that is not the announced registry is refused with the roots named', async () => {
  const p = VEC.draw.proof;
  const { proof } = loadProof(utf8(JSON.stringify(p)));
  const { result } = await verifyPublic(proof!, snapshotFor(p, p.targets.map((t: any) => t.entity)), () => undefined);
  assert.equal(result.ok, false);
  const text = result.failures.map((f) => f.what.zh).join('\n');
  assert.match(text, /公开名录中的市场主体名录（12 条）算出的根与公告的根不一致/);
  assert.match(text, /公开名录中的回避申报（0 条）算出的根与公告的根不一致/);
  assert.equal(result.counts.targets_found, 12);
});

test('a public snapshot out of order is reported', async () => {
  const p = VEC.draw.proof;
  const { proof } = loadProof(utf8(JSON.stringify(p)));
  const ents = p.targets.map((t: any) => t.entity).reverse();
  const { result } = await verifyPublic(proof!, snapshotFor(p, ents), () => undefined);
  assert.match(result.failures.map((f) => f.what.zh).join('\n'), /没有按规定顺序排列/);
});

test('a public snapshot may carry keys this page does not know (COMMITMENTS.md §8): they are ignored', async () => {
  const p = VEC.draw.proof;
  const { proof } = loadProof(utf8(JSON.stringify(p)));
  const ents = p.targets.map((t: any) => ({ ...t.entity, later_field: 1 }));
  const doc = { format: 'dualdraw-public-snapshot-v1', later: { x: 1 }, snapshot: { ...p.announcement.snapshot, note: 'n' }, items: p.items, entities: ents, officers: p.officers, recusals: [] };
  const { result } = await verifyPublic(proof!, new Blob([JSON.stringify(doc)]), () => undefined);
  assert.ok(!result.failures.some((f) => f.area === 'snapshot'), JSON.stringify(result.failures.filter((f) => f.area === 'snapshot')));
  assert.equal(result.counts.targets_found, 12);
});
