// The TypeScript verifier against every known-answer vector in ../tests/vectors/*.json. Files and cases are found by
// their shape, so new cases in these files are covered without editing this test; a file or case of a shape this test
// does not know fails, so that nobody believes it is covered.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Writer, cmpBytes, hashBytes, toHex } from '../src/bytes.ts';
import {
  commitment,
  deriveSalt,
  entityLeaf,
  itemLeaf,
  leafHash,
  merkleRoot,
  officerLeaf,
  rangeRoot,
  auditPath,
  recusalLeaf,
  rootFromPath,
  snapshotDigest,
  type EntityRecord,
} from '../src/commitments.ts';
import { decodeProof } from '../src/decode.ts';
import {
  Stream,
  assign,
  assignTeams,
  assignV2,
  assignmentVersion,
  campaignHash,
  deriveSeed,
  encodeAnnouncement,
  encodeCampaign,
  lotteryBeaconValue,
  lotteryCanonical,
  prn,
  rotationSteps,
  witnessCommitment,
  type AssignInput,
} from '../src/draw.ts';
import { parseJson } from '../src/json.ts';
import { announcementFields, drawCategories, verifyLight } from '../src/verify.ts';
import { targetItems } from '../src/draw.ts';

const DIR = join(import.meta.dirname, '..', '..', 'tests', 'vectors');
// Visit-date vectors (docs/SCHEDULE.md) are outside this page: it verifies draws, not schedules.
// They are recognised by their format and left out; any other unknown file still fails below.
// The signed log's vectors (docs/LOG.md) have their own tests, test/logVectors.test.ts, (key rotation and
// revocation, §8) test/logKeyVectors.test.ts and (SM3, SM2, Ed25519 known answers) test/cryptoKat.test.ts, which
// run every case of them.
const OUT_OF_SCOPE = new Set(['dualdraw-schedule-vectors-v1', 'dualdraw-log-vectors/v1', 'dualdraw-log-key-vectors/v1', 'dualdraw-crypto-kat/v1']);
// The RFC 6962 proofs of transparency-dev/merkle (rfc6962-transparency-dev.json, no format field) have their own
// test, test/rfc6962Vectors.test.ts.
const OUT_OF_SCOPE_FILES = new Set(['rfc6962-transparency-dev.json']);
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && !OUT_OF_SCOPE_FILES.has(f))
  .filter((f) => !OUT_OF_SCOPE.has(JSON.parse(readFileSync(join(DIR, f), 'utf8')).format))
  .sort();

test('the vector folder has vector files', () => {
  assert.ok(files.length >= 2, `found ${files.join(', ')}`);
});

const hx = (b: Uint8Array) => toHex(b);
const leafBytes = (fn: (w: Writer) => Writer) => hx(fn(new Writer()).out());

function commitmentVectors(file: string, v: any) {
  const K = v.salt_key as string;
  const inp = v.inputs;
  const exp = v.expected;
  const known = new Set(['items', 'entities', 'officers', 'recusals', 'snapshot_digest', 'merkle_large', 'ct_roots']);
  test(`${file}: every expected key is understood`, () => {
    for (const k of Object.keys(exp)) assert.ok(known.has(k), `unknown expected key ${k}`);
  });

  const registry = (name: string, sortKey: (r: any) => string, leaf: (r: any, w: Writer) => Writer) => {
    test(`${file}: ${name} leaves, leaf hashes and root`, () => {
      const recs = [...inp[name]].sort((a, b) => cmpBytes(new TextEncoder().encode(sortKey(a)), new TextEncoder().encode(sortKey(b))));
      const leaves = recs.map((r) => leafBytes((w) => leaf(r, w)));
      assert.deepEqual(leaves, exp[name].leaves);
      const lh = leaves.map((l) => leafHash(hashBytesAny(l)));
      assert.deepEqual(lh.map(hx), exp[name].leaf_hashes);
      assert.equal(hx(merkleRoot(lh)), exp[name].root);
      assert.equal(recs.length, exp[name].size);
    });
  };
  registry('items', (r) => r.code, (r, w) => itemLeaf(r, w));
  registry('officers', (r) => r.id, (r, w) => officerLeaf(r, w));

  test(`${file}: entity class salts and commitments, leaves and root`, () => {
    const recs: EntityRecord[] = inp.entities.map((e: any) => {
      const values = ['credit_class', e.uscc, e.credit_class];
      const salt = deriveSalt(hashBytes(K), values);
      const ex = exp.entities.credit_class[e.uscc];
      assert.ok(ex, `expected class commitment for ${e.uscc}`);
      assert.equal(hx(salt), ex.salt);
      const com = commitment(salt, values);
      assert.equal(hx(com), ex.commitment);
      const { credit_class: _c, ...pub } = e;
      return { ...pub, credit_class_commitment: hx(com) };
    });
    recs.sort((a, b) => cmpBytes(new TextEncoder().encode(a.uscc), new TextEncoder().encode(b.uscc)));
    const leaves = recs.map((r) => leafBytes((w) => entityLeaf(r, w)));
    assert.deepEqual(leaves, exp.entities.leaves);
    const lh = leaves.map((l) => leafHash(hashBytesAny(l)));
    assert.deepEqual(lh.map(hx), exp.entities.leaf_hashes);
    assert.equal(hx(merkleRoot(lh)), exp.entities.root);
    assert.equal(recs.length, exp.entities.size);
  });

  test(`${file}: recusal pair and reason commitments, leaves ordered by leaf bytes, root`, () => {
    const leaves: string[] = [];
    for (const r of inp.recusals) {
      const pairV = ['recusal', r.officer_id, r.uscc];
      const reasonV = ['recusal_reason', r.officer_id, r.uscc, r.reason];
      const ps = deriveSalt(hashBytes(K), pairV);
      const rs = deriveSalt(hashBytes(K), reasonV);
      const ex = exp.recusals.commitments.find((x: any) => x.officer_id === r.officer_id && x.uscc === r.uscc);
      assert.ok(ex);
      assert.equal(hx(ps), ex.pair_salt);
      assert.equal(hx(rs), ex.reason_salt);
      assert.equal(hx(commitment(ps, pairV)), ex.pair_commitment);
      assert.equal(hx(commitment(rs, reasonV)), ex.reason_commitment);
      leaves.push(leafBytes((w) => recusalLeaf({ pair_commitment: ex.pair_commitment, reason_commitment: ex.reason_commitment }, w)));
    }
    leaves.sort();
    assert.deepEqual(leaves, exp.recusals.leaves);
    const lh = leaves.map((l) => leafHash(hashBytesAny(l)));
    assert.deepEqual(lh.map(hx), exp.recusals.leaf_hashes);
    assert.equal(hx(merkleRoot(lh)), exp.recusals.root);
  });

  test(`${file}: snapshot digest`, () => {
    const roots: any = {};
    for (const r of ['items', 'entities', 'officers', 'recusals']) roots[r] = { hash: exp[r].root, size: exp[r].size };
    assert.equal(hx(snapshotDigest(roots)), exp.snapshot_digest);
  });

  test(`${file}: large tree root and audit paths (both directions)`, () => {
    const n = inp.merkle_large.count;
    const lh: Uint8Array[] = [];
    for (let i = 0; i < n; i++) lh.push(leafHash(new Writer(4).u32(i).out()));
    const root = merkleRoot(lh);
    assert.equal(hx(root), exp.merkle_large.root);
    assert.equal(n, exp.merkle_large.size);
    for (const [idx, path] of Object.entries(exp.merkle_large.audit_paths as Record<string, string[]>)) {
      const m = Number(idx);
      assert.deepEqual(auditPath(m, n, (a, b) => rangeRoot(lh, a, b)).map(hx), path, `path of ${m}`);
      assert.equal(hx(rootFromPath(m, n, lh[m], path.map(hashBytes))!), exp.merkle_large.root);
      const other = lh[(m + 1) % n];
      assert.notEqual(hx(rootFromPath(m, n, other, path.map(hashBytes))!), exp.merkle_large.root, 'another leaf does not verify');
      assert.equal(rootFromPath(m, n, lh[m], path.slice(1).map(hashBytes)), null, 'a short path is refused');
      assert.equal(rootFromPath(n, n, lh[m], path.map(hashBytes)), null, 'an index outside the tree is refused');
    }
  });

  test(`${file}: RFC 6962 test-data roots for 0..8 leaves`, () => {
    // The certificate-transparency test leaves (RFC 6962 reference data); the vector lists the roots of the first k.
    const ct = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
    exp.ct_roots.forEach((root: string, k: number) => {
      assert.equal(hx(merkleRoot(ct.slice(0, k).map((l) => leafHash(hashBytesAny(l))))), root, `root of ${k} leaves`);
    });
  });
}

function hashBytesAny(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

function primitiveVectors(file: string, P: any) {
  const known = new Set(['lottery', 'prn', 'seed', 'seed_from', 'streams', 'witness']);
  test(`${file}: every primitive is understood`, () => {
    for (const k of Object.keys(P)) assert.ok(known.has(k), `unknown primitive ${k}`);
  });
  test(`${file}: streams — first u64s, then below(n) in order, then a shuffle, all from one stream`, () => {
    for (const st of P.streams) {
      const s = new Stream(hashBytes(P.seed), st.label);
      assert.deepEqual(st.first_u64.map(() => s.nextU64().toString()), st.first_u64, `first_u64 ${st.label}`);
      assert.deepEqual(st.below.n.map((n: string) => s.below(BigInt(n)).toString()), st.below.values, `below ${st.label}`);
      const v = st.shuffle_0_to_9.map((_: number, i: number) => i);
      s.shuffle(v);
      assert.deepEqual(v, st.shuffle_0_to_9, `shuffle ${st.label}`);
    }
  });
  test(`${file}: permanent random numbers`, () => {
    for (const x of P.prn) assert.equal(hx(prn(hashBytes(P.seed), x.uscc)), x.prn, x.uscc);
  });
  test(`${file}: witness commitment`, () => {
    assert.equal(hx(witnessCommitment(P.witness.secret)), P.witness.commitment);
  });
  test(`${file}: seed`, () => {
    const sf = P.seed_from;
    const reveals = sf.reveals.map((r: any) => (Array.isArray(r) ? { name: r[0], secret: r[1] } : r));
    assert.equal(hx(deriveSeed(sf.announcement_hash, reveals, sf.beacon ?? null)), sf.seed);
  });
  test(`${file}: lottery canonical text and beacon value`, () => {
    assert.equal(lotteryCanonical(P.lottery.result), P.lottery.canonical);
    assert.equal(hx(lotteryBeaconValue(P.lottery.round, P.lottery.canonical)), P.lottery.value);
  });
}

function drawCase(file: string, name: string, d: any) {
  const known = new Set(['announcement_canonical', 'announcement_hash', 'campaign_hash', 'campaign_toml', 'proof', 'seed', 'targets', 'teams', 'stats']);
  test(`${file} ${name}: every key is understood`, () => {
    for (const k of Object.keys(d)) assert.ok(known.has(k), `unknown key ${k}`);
  });
  test(`${file} ${name}: the proof verifies (light) and gives the known answers`, () => {
    const bytes = new TextEncoder().encode(JSON.stringify(d.proof));
    const proof = decodeProof(parseJson(bytes));
    const rep = verifyLight(proof);
    assert.deepEqual(rep.failures, []);
    assert.ok(rep.ok);
    const a = proof.announcement;
    const canon = encodeAnnouncement(announcementFields(proof));
    // draw-v2.json's draw_tight_v2 gives the announcement hash but not its encoding
    if ('announcement_canonical' in d) assert.equal(hx(canon), d.announcement_canonical);
    assert.equal(hx(new Writer().bytes(canon).sha()), d.announcement_hash);
    assert.equal(a.hash, d.announcement_hash);
    assert.equal(a.campaign_hash, d.campaign_hash);
    assert.equal(proof.seed, d.seed);
    assert.deepEqual(proof.targets.map((x) => x.entity.uscc), d.targets);
    assert.deepEqual(proof.teams, d.teams);
    // the teams the page re-ran (the §9 verdict's `teams`) are the known answers, and the proof's version was run
    assert.deepEqual(rep.teams, d.teams);
    const version = assignmentVersion(a.campaign);
    assert.ok(rep.checks.some((c) => c.area === 'teams' && c.ok && c.label.en.includes(`assignment ${version}`)), `the teams check ran assignment ${version}`);
  });
  if (d.stats) {
    test(`${file} ${name}: assignment statistics`, () => {
      const proof = decodeProof(parseJson(JSON.stringify(d.proof)));
      const items = new Map(proof.items.map((i) => [i.code, i]));
      const { C } = drawCategories(proof.announcement.campaign, items);
      const ci = proof.announcement.campaign.items.map((c) => items.get(c)!);
      const camp = proof.announcement.campaign;
      const version = assignmentVersion(camp);
      assert.ok(version);
      const res = assignTeams(version, hashBytes(proof.seed), {
        drawDate: camp.draw_date,
        lead: camp.lead_department,
        officerRegion: camp.teams.officer_region,
        maxPerOfficer: camp.teams.max_targets_per_officer === null ? null : Number(camp.teams.max_targets_per_officer),
        perDepartment: Number(camp.teams.per_department),
        minSize: Number(camp.teams.min_size),
        targets: proof.targets.map((x) => ({ uscc: x.entity.uscc, region: x.entity.region, categories: x.entity.categories, items: targetItems(x.entity, ci, C) })),
        officers: proof.officers,
        blocked: new Set([...proof.blocked_pairs.map((b) => b.officer + '\u0000' + b.target), ...proof.announcement.officer_history.map((h) => h.officer + '\u0000' + h.target)]),
      });
      assert.deepEqual(res.stats, d.stats);
    });
  }
}

function groupCase(file: string, name: string, g: any) {
  test(`${file} ${name}: every key is understood`, () => {
    for (const k of Object.keys(g)) assert.ok(['description', 'proofs'].includes(k), `unknown key ${k}`);
  });
  test(`${file} ${name}: every member's proof verifies (light), and the members agree on the group`, () => {
    const proofs = g.proofs.map((p: any) => decodeProof(parseJson(JSON.stringify(p))));
    for (const p of proofs) {
      const rep = verifyLight(p);
      assert.deepEqual(rep.failures, [], p.announcement.campaign.id);
    }
    const co = proofs[0].announcement.coordination;
    assert.ok(co, 'a coordinated proof names its group');
    assert.equal(proofs.length, co.members.length, 'the vector holds every member');
    for (const p of proofs) {
      assert.deepEqual(p.announcement.coordination, co);
      assert.deepEqual(p.group_announcements, proofs[0].group_announcements);
      assert.equal(p.prn_seed, proofs[0].prn_seed);
      assert.equal(p.group_announcements[co.members.indexOf(p.announcement.campaign_hash)], p.announcement.hash);
    }
  });
}

// ---- draw-v2.json: assignment v2 (SPEC §6.1) ----------------------------------------------------------------------------

/** The `campaign` section: the key teams.assignment in the canonical encoding (SPEC §2, §6.1). */
function campaignV2Vectors(file: string, x: any, all: any) {
  test(`${file} campaign: every key is understood`, () => {
    for (const k of Object.keys(x)) assert.ok(['canonical', 'hash', 'hash_without_key', 'toml', 'v1_tight_hash'].includes(k), `unknown key ${k}`);
  });
  test(`${file} campaign: "v2" is appended to the canonical encoding; absent or "v1" encodes as before; other values are refused`, () => {
    // The page has no TOML reader: the campaign is the proof's JSON campaign of the same TOML (after defaults).
    const tight = all.draw_tight_v2;
    assert.ok(tight, 'the campaign section is the campaign of draw_tight_v2');
    assert.equal(x.toml, tight.campaign_toml, 'the same TOML as draw_tight_v2');
    const camp = decodeProof(parseJson(JSON.stringify(tight.proof))).announcement.campaign;
    assert.equal(camp.teams.assignment, 'v2');
    assert.equal(assignmentVersion(camp), 'v2');
    const enc = encodeCampaign(camp);
    assert.equal(hx(enc), x.canonical);
    assert.equal(hx(campaignHash(camp)), x.hash);
    assert.equal(x.hash, tight.campaign_hash);
    const suffix = hx(new Writer().lp('teams.assignment').lp('v2').out());
    assert.ok(x.canonical.endsWith(suffix), 'the key comes last');
    for (const v1 of [null, 'v1']) {
      const c1 = { ...camp, teams: { ...camp.teams, assignment: v1 } };
      assert.equal(assignmentVersion(c1), 'v1');
      assert.equal(hx(encodeCampaign(c1)), x.canonical.slice(0, -suffix.length), `${v1}: nothing appended`);
      assert.equal(hx(campaignHash(c1)), x.hash_without_key, `${v1}: the hash without the key`);
    }
    // draw-v1.json's draw_tight campaign is this one with id "VECTOR-TIGHT" and without the key
    assert.equal(hx(campaignHash({ ...camp, id: 'VECTOR-TIGHT', teams: { ...camp.teams, assignment: null } })), x.v1_tight_hash);
    for (const bad of ['v3', 'V2', '', 'v2 ']) {
      const c3 = { ...camp, teams: { ...camp.teams, assignment: bad } };
      assert.equal(assignmentVersion(c3), null, bad);
      assert.throws(() => encodeCampaign(c3), /unknown teams.assignment/);
    }
  });
}

/** The issue-14 instance of the `assignment` section, as SPEC §6 inputs. */
export function issue14Instance(): AssignInput {
  const item = { code: 'X-001', department: 'D', target_category: 'c', qualification: null };
  const officers = Array.from({ length: 8 }, (_, i) => ({ id: `O${i + 1}`, name: `O${i + 1}`, department: 'D', unit: 'u', region: 'r', qualifications: [], status: 'active', cert_expiry: '2030-01-01' }));
  const blocked = new Set<string>();
  for (const o of ['O5', 'O6', 'O7', 'O8']) blocked.add(`${o}\u0000T1`);
  for (const o of ['O5', 'O6']) blocked.add(`${o}\u0000T2`);
  return {
    drawDate: '2026-03-02',
    lead: 'D',
    officerRegion: 'any',
    maxPerOfficer: 2,
    perDepartment: 2,
    minSize: 2,
    targets: Array.from({ length: 8 }, (_, i) => ({ uscc: `T${i + 1}`, region: 'r', categories: ['c'], items: [item] })),
    officers,
    blocked,
  };
}

/** The `assignment` section: issue 14's tight instance at several seeds, v1 and v2 teams and v2 statistics. */
function assignmentVectors(file: string, x: any) {
  test(`${file} assignment: every key is understood`, () => {
    for (const k of Object.keys(x)) assert.ok(['instance', 'cases'].includes(k), `unknown key ${k}`);
    for (const c of x.cases) for (const k of Object.keys(c)) assert.ok(['seed', 'teams_v1', 'teams_v2', 'stats_v2'].includes(k), `unknown case key ${k}`);
    assert.match(x.instance, /T1\.\.T8 need 2 officers of department D; officers O1\.\.O8, capacity 2, region rule any, draw date 2026-03-02; blocked T1×\{O5,O6,O7,O8\}, T2×\{O5,O6\}; seed i = SHA-256\(u64be\(i\)\)/, 'the instance this test builds');
  });
  test(`${file} assignment: issue 14's instance, v1 and v2 teams and the v2 statistics at every seed`, () => {
    const inp = issue14Instance();
    x.cases.forEach((c: any, i: number) => {
      assert.equal(c.seed, hx(new Writer().u64(i).sha()), `seed ${i} = SHA-256(u64be(${i}))`);
      const seed = hashBytes(c.seed);
      const v1 = assign(seed, inp);
      assert.equal(v1.infeasible, null);
      assert.deepEqual(inp.targets.map((t) => v1.teams.get(t.uscc)), c.teams_v1, `v1 teams, seed ${i}`);
      const v2 = assignV2(seed, inp);
      assert.equal(v2.infeasible, null);
      assert.deepEqual(inp.targets.map((t) => v2.teams.get(t.uscc)), c.teams_v2, `v2 teams, seed ${i}`);
      assert.deepEqual(v2.stats, c.stats_v2, `v2 statistics, seed ${i}`);
      assert.equal(v2.stats.rotation_steps, rotationSteps(16));
    });
  });
}

for (const f of files) {
  const v = JSON.parse(readFileSync(join(DIR, f), 'utf8'));
  if (v.expected && v.inputs) {
    commitmentVectors(f, v);
    continue;
  }
  let any = false;
  for (const [k, x] of Object.entries<any>(v)) {
    if (k === 'description') continue;
    if (k === 'format') {
      test(`${f}: its format is one this test knows`, () => assert.ok(['dualdraw-draw-vectors-v2'].includes(x), `unknown format ${x}`));
      continue;
    }
    if (k === 'primitives') {
      primitiveVectors(f, x);
      any = true;
    } else if (x && typeof x === 'object' && 'proof' in x) {
      drawCase(f, k, x);
      any = true;
    } else if (x && typeof x === 'object' && typeof x.canonical === 'string' && 'hash_without_key' in x) {
      campaignV2Vectors(f, x, v);
      any = true;
    } else if (x && typeof x === 'object' && Array.isArray(x.cases) && typeof x.instance === 'string') {
      assignmentVectors(f, x);
      any = true;
    } else if (x && typeof x === 'object' && Array.isArray(x.proofs)) {
      groupCase(f, k, x);
      any = true;
    } else {
      test(`${f}: case ${k} is of a shape this test understands`, () => assert.fail(`unknown case ${k} in ${f}`));
    }
  }
  if (!any) test(`${f}: is a vector file this test understands`, () => assert.fail(`unknown vector file ${f}`));
}
