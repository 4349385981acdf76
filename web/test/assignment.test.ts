// Assignment v2 (SPEC §6.1) beyond the known answers of draw-v2.json: the campaign version as the page reads it
// (absent, "v1", "v2", anything else), the dispatch of the teams check, the rules a v2 assignment keeps on instances the
// vectors do not have (regions with officer_region = "same", qualifications, blocked pairs, a load limit, several
// departments), and the number-only below() against the BigInt one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { hashBytes, Writer } from '../src/bytes.ts';
import type { OfficerRecord } from '../src/commitments.ts';
import { buildVerdict } from '../src/verdict.ts';
import type { Proof } from '../src/decode.ts';
import { Stream, assign, assignV2, bitlen, pairKey, rotationSteps, targetDepartments, targetItems, type AssignInput, type ItemInfo } from '../src/draw.ts';
import { drawCategories, loadProof, verifyLight } from '../src/verify.ts';

const VECTORS = join(import.meta.dirname, '..', '..', 'tests', 'vectors');
const V1 = JSON.parse(readFileSync(join(VECTORS, 'draw-v1.json'), 'utf8'));
const V2 = JSON.parse(readFileSync(join(VECTORS, 'draw-v2.json'), 'utf8'));

function verifyEdited(proof: any, edit: (p: any) => void) {
  const p = structuredClone(proof);
  edit(p);
  const { proof: decoded, failure } = loadProof(new TextEncoder().encode(JSON.stringify(p)));
  assert.ok(decoded, failure?.what.en);
  const light = verifyLight(decoded);
  return { light, verdict: buildVerdict({ level: 'light', proof: decoded, light }) };
}

test('teams.assignment = "v1" written out is assignment v1: a v1 proof with it verifies unchanged', () => {
  for (const name of ['draw', 'draw_tight']) {
    const { light } = verifyEdited(V1[name].proof, (p) => {
      p.announcement.campaign.teams.assignment = 'v1';
    });
    assert.deepEqual(light.failures, [], name);
    assert.ok(light.checks.some((c) => c.area === 'teams' && c.label.en.includes('assignment v1')));
  }
});

test('an unknown teams.assignment is refused by the campaign check, with a sentence; the teams are not re-run', () => {
  const { light, verdict } = verifyEdited(V2.draw_tight_v2.proof, (p) => {
    p.announcement.campaign.teams.assignment = 'v3';
  });
  assert.deepEqual(verdict.failed, ['campaign']);
  assert.equal(light.failures.length, 1);
  assert.match(light.failures[0].what.en, /teams\.assignment\) is "v3": this page knows only "v1" and "v2"/);
  assert.match(light.failures[0].what.zh, /执法人员分配程序（teams\.assignment）为“v3”/);
  assert.ok(!verdict.established.includes('teams') && !verdict.established.includes('campaign'));
  assert.equal(light.teams, null);
  // a value that is not text is a malformed field
  const bad = structuredClone(V2.draw_tight_v2.proof);
  bad.announcement.campaign.teams.assignment = 2;
  const r = loadProof(new TextEncoder().encode(JSON.stringify(bad)));
  assert.equal(r.failure?.area, 'format');
  assert.match(r.failure!.what.en, /teams\.assignment/);
});

test('a v2 proof is not a v1 proof: without its key the campaign hash breaks, and v1 gives other teams', () => {
  const { verdict } = verifyEdited(V2.draw_tight_v2.proof, (p) => {
    delete p.announcement.campaign.teams.assignment;
  });
  assert.ok(verdict.failed.includes('campaign'));
  // the dispatch matters: on this proof assignment v1 gives other teams than the v2 teams it carries
  const { proof } = loadProof(new TextEncoder().encode(JSON.stringify(V2.draw_tight_v2.proof)));
  const light = verifyLight(proof!);
  assert.deepEqual(light.teams, V2.draw_tight_v2.teams);
  const inp = proofInput(proof!);
  const seed = hashBytes(proof!.seed);
  const teams = (r: ReturnType<typeof assign>) => inp.targets.map((t) => ({ target: t.uscc, officers: r.teams.get(t.uscc) }));
  assert.deepEqual(teams(assignV2(seed, inp)), V2.draw_tight_v2.teams);
  assert.notDeepEqual(teams(assign(seed, inp)), V2.draw_tight_v2.teams);
});

/** The §6 inputs of a proof, as the teams check builds them. */
function proofInput(proof: Proof): AssignInput {
  const items = new Map(proof.items.map((i) => [i.code, i]));
  const camp = proof.announcement.campaign;
  const { C } = drawCategories(camp, items);
  const ci = camp.items.map((c) => items.get(c)!);
  return {
    drawDate: camp.draw_date,
    lead: camp.lead_department,
    officerRegion: camp.teams.officer_region,
    maxPerOfficer: camp.teams.max_targets_per_officer === null ? null : Number(camp.teams.max_targets_per_officer),
    perDepartment: Number(camp.teams.per_department),
    minSize: Number(camp.teams.min_size),
    targets: proof.targets.map((x) => ({ uscc: x.entity.uscc, region: x.entity.region, categories: x.entity.categories, items: targetItems(x.entity, ci, C) })),
    officers: proof.officers,
    blocked: new Set([...proof.blocked_pairs.map((b) => pairKey(b.officer, b.target)), ...proof.announcement.officer_history.map((h) => pairKey(h.officer, h.target))]),
  };
}

// ---- the rules every v2 assignment keeps --------------------------------------------------------------------------------

/** A small deterministic generator for instances (not the draw's randomness). */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

function instance(seed: number, region: string): AssignInput {
  const r = rng(seed);
  const regions = ['520121', '520122', '520123'];
  const items: ItemInfo[] = [
    { code: 'A-1', department: 'A', target_category: 'x', qualification: null },
    { code: 'A-2', department: 'A', target_category: 'y', qualification: 'qa' },
    { code: 'B-1', department: 'B', target_category: 'y', qualification: null },
    { code: 'B-2', department: 'B', target_category: 'z', qualification: 'qb' },
  ];
  const officers: OfficerRecord[] = [];
  for (const d of ['A', 'B'])
    for (let i = 0; i < 14; i++)
      officers.push({ id: `${d}${String(100 + r(900))}-${i}`, name: 'o', department: d, unit: 'u', region: regions[r(3)], qualifications: r(3) ? [`q${d.toLowerCase()}`] : [], status: r(12) ? 'active' : 'leave', cert_expiry: r(15) ? '2030-01-01' : '2020-01-01' });
  const targets = Array.from({ length: 12 + r(8) }, (_, i) => {
    const cats = [['x'], ['y'], ['z'], ['x', 'z'], ['y', 'z']][r(5)];
    return { uscc: `9152${String(i).padStart(4, '0')}${r(10)}`, region: regions[r(3)], categories: cats, items: items.filter((it) => cats.includes(it.target_category)) };
  }).sort((a, b) => (a.uscc < b.uscc ? -1 : 1));
  const blocked = new Set<string>();
  for (let k = 0; k < 6; k++) blocked.add(pairKey(officers[r(officers.length)].id, targets[r(targets.length)].uscc));
  return { drawDate: '2026-03-02', lead: 'A', officerRegion: region, maxPerOfficer: 3 + r(3), perDepartment: 1, minSize: 2, targets, officers, blocked };
}

function eligible(inp: AssignInput, o: OfficerRecord, t: AssignInput['targets'][number], d: string): boolean {
  const req = t.items.filter((i) => i.department === d && i.qualification).map((i) => i.qualification!);
  const regionOk = inp.officerRegion === 'same' ? o.region === t.region : inp.officerRegion === 'other' ? o.region !== t.region : true;
  return o.department === d && o.status === 'active' && inp.drawDate <= o.cert_expiry && req.every((q) => o.qualifications.includes(q)) && regionOk && !inp.blocked.has(pairKey(o.id, t.uscc));
}

test('v2 keeps every rule of §6 on varied instances (regions, qualifications, blocked pairs, limits, two departments), and is feasible exactly when v1 is', () => {
  let feasible = 0;
  let rotated = 0;
  for (const region of ['same', 'other', 'any'])
    for (let k = 1; k <= 40; k++) {
      const inp = instance(k * 7919, region);
      const seed = new Writer().u64(k).sha();
      const r1 = assign(seed, inp);
      const r2 = assignV2(seed, inp);
      assert.equal(r2.infeasible === null, r1.infeasible === null, `${region} ${k}: v1 and v2 agree on whether an assignment exists`);
      if (r2.infeasible) continue;
      feasible++;
      rotated += r2.stats.rotations_made!;
      const byId = new Map(inp.officers.map((o) => [o.id, o]));
      const load = new Map<string, number>();
      let places = 0;
      for (const t of inp.targets) {
        const team = r2.teams.get(t.uscc)!;
        const D = targetDepartments(t.items, inp.lead);
        assert.deepEqual(r2.departments.get(t.uscc), D);
        const demand = r2.demand.get(t.uscc)!;
        assert.equal(new Set(team).size, team.length, 'no officer twice in a team');
        assert.equal(team.length, demand.reduce((a, b) => a + b, 0), 'every place filled');
        // listed by department in D(t) order, then by id
        const expected = D.flatMap((d) => team.filter((id) => byId.get(id)!.department === d).sort());
        assert.deepEqual(team, expected);
        D.forEach((d, i) => {
          const mine = team.filter((id) => byId.get(id)!.department === d);
          assert.equal(mine.length, demand[i]);
          for (const id of mine) assert.ok(eligible(inp, byId.get(id)!, t, d), `${id} eligible for ${t.uscc}`);
        });
        for (const id of team) load.set(id, (load.get(id) ?? 0) + 1);
        places += team.length;
      }
      for (const [id, l] of load) assert.ok(l <= inp.maxPerOfficer!, `${id} serves ${l}`);
      assert.equal(r2.stats.places, places);
      // the chain: Σ K over the departments, from each department's number of places
      const perDept = new Map<string, number>();
      for (const t of inp.targets) for (const id of r2.teams.get(t.uscc)!) perDept.set(byId.get(id)!.department, (perDept.get(byId.get(id)!.department) ?? 0) + 1);
      assert.equal(r2.stats.rotation_steps, [...perDept.values()].reduce((a, p) => a + rotationSteps(p), 0));
      assert.ok(r2.stats.rotations_made! <= r2.stats.rotation_steps!);
    }
  assert.ok(feasible >= 40, `only ${feasible} feasible instances`);
  assert.ok(rotated > 100, 'the chain made rotations');
});

test('K = P · bitlen(P) for P ≥ 2, else 0', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 6, 14, 16, 3316].map(rotationSteps), [0, 0, 4, 6, 12, 18, 56, 80, 3316 * 12]);
  assert.deepEqual([1, 2, 3, 4, 7, 8, 255, 256].map(bitlen), [1, 2, 2, 3, 3, 4, 8, 9]);
});

test('belowIndex (integers in JS numbers) gives the values and reads of below (BigInt) for every kind of n', () => {
  const ns: number[] = [1, 2, 3, 5, 7, 10, 16, 100, 1000, 3316, 65535, 65536, 65537, 1 << 20, (1 << 26) - 1, 1 << 26, (1 << 26) + 1, 2 ** 31 - 1, 2 ** 32, 2 ** 32 + 15, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER];
  const r = rng(12345);
  for (let i = 0; i < 300; i++) ns.push(1 + r(1 << 26), 1 + r(5000));
  const a = new Stream(hashBytes('11'.repeat(32)), 'below-check');
  const b = new Stream(hashBytes('11'.repeat(32)), 'below-check');
  for (const n of ns) {
    for (let k = 0; k < 20; k++) assert.equal(a.belowIndex(n), Number(b.below(BigInt(n))), `n = ${n}`);
    assert.equal(a.reads, b.reads, `reads, n = ${n}`);
  }
  // (A rejection, x < t with t < n ≤ 2^26, has probability below 2^-38 per read: no stream here reaches it; the
  // condition hi ≠ 0 or lo ≥ t is x ≥ t exactly, see belowIndex.)
});
