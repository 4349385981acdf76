// The cross-stratum check (SPEC §9.1) on small synthetic pools: forged selections it must reject, forged selections
// it cannot tell from genuine ones (and must accept), and a brute-force comparison over every class assignment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crossStratum, type CrossStratumParams } from '../src/crossStratum.ts';

/** A pool of `size` entities whose keys are in rank order 0, 1, 2, …; `targets` and `dty` are ranks. */
function pool(size: number, targets: number[], dty: number[] = []) {
  return Array.from({ length: size }, (_, r) => {
    const key = new Uint8Array(32);
    key[0] = r;
    key[31] = 0x5a;
    return { key, uscc: `91000000000000${String(r).padStart(4, '0')}`, target: targets.includes(r), dty: dty.includes(r) };
  });
}

const strata = (...xs: [string, number, number][]) => xs.map(([credit_class, N, n]) => ({ credit_class, pool: N, drawn: n }));
const P = (s: CrossStratumParams['strata'], extra: Partial<CrossStratumParams> = {}): CrossStratumParams => ({ strata: s, excluded: 0, excludeClasses: false, lowRisk: false, ...extra });

test('one stratum: exactly the n smallest keys', () => {
  const p = P(strata(['B', 10, 3]));
  assert.ok(crossStratum(pool(10, [0, 1, 2]), p).ok);
  const r = crossStratum(pool(10, [0, 1, 5]), p);
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'no_order');
});

test('a target swapped for a non-target whose key is above every cut is rejected', () => {
  // genuine: A = {0,3,5,7,9} draws 0 and 3; B = {1,2,4,6,8} draws 1
  const p = P(strata(['A', 5, 2], ['B', 5, 1]));
  const genuine = crossStratum(pool(10, [0, 1, 3]), p);
  assert.ok(genuine.ok);
  // forged: target 3 replaced by 9, the largest key of the pool (the targets' PRNs themselves are valid)
  const forged = crossStratum(pool(10, [0, 1, 9]), p);
  assert.equal(forged.ok, false);
  assert.equal(forged.reason, 'no_order');
  assert.ok(forged.violation && forged.violation.demand > forged.violation.capacity);
});

test('a forged selection that some class assignment explains is accepted (only the audit level sees it)', () => {
  // the genuine targets 0, 1, 3 with 3 swapped for its neighbour 4: A = {0,1,2,3,5} drawing 0, 1 and
  // B = {4,6,7,8,9} drawing 4 would give exactly these, so the public cannot tell
  const p = P(strata(['A', 5, 2], ['B', 5, 1]));
  const r = crossStratum(pool(10, [0, 1, 4]), p);
  assert.ok(r.ok);
  assert.ok(r.order);
});

test('the excluded bin X: any entity with exclude_credit_classes, none without', () => {
  const p = P(strata(['B', 5, 2]), { excluded: 2, excludeClasses: true });
  assert.ok(crossStratum(pool(7, [0, 3]), p).ok, 'entities 1 and 2 are the excluded class');
  assert.equal(crossStratum(pool(7, [0, 4]), p).ok, false, 'three non-targets before the last target, X holds two');
  assert.equal(crossStratum(pool(7, [0, 3]), { ...p, excludeClasses: false }).ok, false, 'nobody may be in X');
  // with low_risk_once_a_year, X takes only entities of drawn-this-year
  const lr = { ...p, excludeClasses: false, lowRisk: true };
  assert.ok(crossStratum(pool(7, [0, 3], [1, 2]), lr).ok);
  assert.equal(crossStratum(pool(7, [0, 3], [1]), lr).ok, false);
});

test('low_risk_once_a_year: an entity drawn this year is never in A', () => {
  const p = P(strata(['A', 3, 1], ['B', 2, 1]), { lowRisk: true });
  assert.ok(crossStratum(pool(5, [0, 1]), p).ok);
  assert.equal(crossStratum(pool(5, [0, 1], [2, 3, 4]), p).ok, false, 'three non-targets of drawn-this-year, only B (one place) may take them');
  assert.ok(crossStratum(pool(5, [0, 1], [2, 3, 4]), { ...p, lowRisk: false }).ok);
  // the relaxation for targets: more drawn-this-year targets than the other strata draw
  const r = crossStratum(pool(5, [0, 1], [0, 1]), p);
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'low_risk_targets');
});

test('counts that do not add up are refused', () => {
  assert.equal(crossStratum(pool(10, [0, 1]), P(strata(['B', 9, 2]))).reason, 'counts');
  assert.equal(crossStratum(pool(10, [0, 1]), P(strata(['B', 10, 3]))).reason, 'counts');
});

test('exact: agrees with brute force over every class assignment (small pools, random)', () => {
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  let accepted = 0;
  let rejected = 0;
  for (let iter = 0; iter < 400; iter++) {
    const size = 2 + rnd(6);
    const k = 1 + rnd(3);
    const classes = ['A', 'B', 'C', 'D'].slice(0, k);
    const excludeClasses = rnd(2) === 1;
    // a genuine assignment: bin k = X
    const bin = Array.from({ length: size }, () => (excludeClasses && rnd(4) === 0 ? k : rnd(k)));
    const N = classes.map((_, s) => bin.filter((b) => b === s).length);
    const E = bin.filter((b) => b === k).length;
    const n = N.map((x) => rnd(x + 1));
    let targets: number[] = [];
    classes.forEach((_, s) => targets.push(...bin.map((b, r) => (b === s ? r : -1)).filter((r) => r >= 0).slice(0, n[s])));
    // half the time, forge: move one target elsewhere
    if (rnd(2) === 0 && targets.length && targets.length < size) {
      const others = [...Array(size).keys()].filter((r) => !targets.includes(r));
      targets = targets.filter((_, i) => i !== rnd(targets.length)).concat(others[rnd(others.length)]);
    }
    const p = P(classes.map((c, s) => ({ credit_class: c, pool: N[s], drawn: n[s] })), { excluded: E, excludeClasses });
    const got = crossStratum(pool(size, targets), p).ok;
    // brute force: some assignment of ranks to bins with these sizes, no target in X, each stratum's targets its n smallest
    let want = false;
    const a = new Array(size).fill(0);
    const bins = k + 1;
    for (let code = 0; code < bins ** size && !want; code++) {
      let x = code;
      for (let r = 0; r < size; r++) {
        a[r] = x % bins;
        x = Math.floor(x / bins);
      }
      if (a.filter((b) => b === k).length !== E) continue;
      if (!excludeClasses && E > 0) continue;
      if (targets.some((r) => a[r] === k)) continue;
      let good = true;
      for (let s = 0; s < k && good; s++) {
        const members = [...Array(size).keys()].filter((r) => a[r] === s);
        if (members.length !== N[s]) good = false;
        else if (members.slice(0, n[s]).join() !== members.filter((r) => targets.includes(r)).join()) good = false;
      }
      want = good;
    }
    assert.equal(got, want, JSON.stringify({ size, targets, N, n, E, excludeClasses }));
    if (got) accepted++;
    else rejected++;
  }
  assert.ok(accepted > 50 && rejected > 50, `${accepted} accepted, ${rejected} rejected`);
});
