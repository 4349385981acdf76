// The cross-stratum check (SPEC §9.1, public level): could some assignment of the hidden credit classes, consistent
// with the published stratum sizes (N_s, n_s), the class exclusions (E) and every pool entity's key, have drawn
// exactly these targets?
//
// Each stratum has a cut in the key order (its targets before it, its other members after). For an order π of the
// strata, the lowest cuts are "blocks": the i-th stratum of the order takes the next n_{πi} targets in key order and
// its cut lies right after the last of them. A non-target then fits a stratum whose cut lies before it (not A for an
// entity drawn this year, with low_risk_once_a_year) or the excluded bin X where allowed; by Hall's theorem all of
// them fit when, for every set S of bins, those allowed only in S are at most S's capacity (N_s − n_s, or E). The
// selection is consistent when some order fits.
//
// Cost: the non-targets never need sorting. Only the targets' keys are sorted; each non-target is counted in the gap
// between two consecutive targets where its key falls (a binary search), with a second count for those drawn this
// year. A pool of millions costs one PRN and one search per entity and O(m) memory for m targets.
import { cmpUtf8 } from './bytes.ts';

export interface CrossStratumParams {
  /** the proof's strata: class, N (pool) and n (drawn) */
  strata: { credit_class: string; pool: number; drawn: number }[];
  /** E = excluded_by_class */
  excluded: number;
  /** the campaign's exclude_credit_classes is not empty: any entity may be in X */
  excludeClasses: boolean;
  /** low_risk_once_a_year: entities of drawn-this-year may be in X (when excludeClasses is off) and never in A */
  lowRisk: boolean;
}

export interface CrossStratumResult {
  ok: boolean;
  /** why it failed, for the message */
  reason: 'counts' | 'low_risk_targets' | 'no_order' | null;
  /** an order of the strata (classes, by cut) that fits, when ok */
  order: string[] | null;
  /** for 'no_order': the tightest Hall violation found (bins and counts) */
  violation: { bins: string[]; demand: number; capacity: number } | null;
  pool: number;
  targets: number;
}

function cmpKey(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

interface Keyed {
  key: Uint8Array;
  uscc: string;
}

/** Keys ordered as in SPEC §5: by key bytes, ties by USCC bytes. */
function cmpEntity(a: Keyed, b: Keyed): number {
  return cmpKey(a.key, b.key) || cmpUtf8(a.uscc, b.uscc);
}

/** Counts the non-targets of the pool in the gaps between the sorted targets, as they stream by. */
export class CrossStratumCounter {
  private sorted: (Keyed & { dty: boolean })[];
  /** gap[g]: non-targets with exactly g targets before them in key order; gapDty: those of drawn-this-year */
  readonly gap: Float64Array;
  readonly gapDty: Float64Array;
  nonTargets = 0;

  constructor(targets: { key: Uint8Array; uscc: string; dty: boolean }[]) {
    this.sorted = [...targets].sort(cmpEntity);
    this.gap = new Float64Array(targets.length + 1);
    this.gapDty = new Float64Array(targets.length + 1);
  }

  get targetCount(): number {
    return this.sorted.length;
  }

  get dtyTargets(): number {
    return this.sorted.filter((x) => x.dty).length;
  }

  /** A pool entity that is not a target. */
  add(key: Uint8Array, uscc: string, dty: boolean) {
    const e = { key, uscc };
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmpEntity(this.sorted[mid], e) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.gap[lo]++;
    if (dty) this.gapDty[lo]++;
    this.nonTargets++;
  }
}

function* permutations(n: number): Generator<number[]> {
  const a = Array.from({ length: n }, (_, i) => i);
  const rec = function* (k: number): Generator<number[]> {
    if (k === n) {
      yield a.slice();
      return;
    }
    for (let i = k; i < n; i++) {
      [a[k], a[i]] = [a[i], a[k]];
      yield* rec(k + 1);
      [a[k], a[i]] = [a[i], a[k]];
    }
  };
  yield* rec(0);
}

/** The check of SPEC §9.1 over the counts of a CrossStratumCounter. */
export function crossStratumCheck(c: CrossStratumCounter, p: CrossStratumParams): CrossStratumResult {
  const m = c.targetCount;
  const k = p.strata.length;
  const P = m + c.nonTargets;
  const base = { pool: P, targets: m };
  const sumN = p.strata.reduce((s, x) => s + x.pool, 0);
  const sumn = p.strata.reduce((s, x) => s + x.drawn, 0);
  if (k > 8 || sumN + p.excluded !== P || sumn !== m || p.strata.some((s) => s.drawn > s.pool || s.drawn < 0) || p.excluded < 0)
    return { ok: false, reason: 'counts', order: null, violation: null, ...base };
  const aIdx = p.strata.findIndex((s) => s.credit_class === 'A');
  // the relaxation for targets: those of drawn-this-year cannot all be in A
  if (p.lowRisk && aIdx >= 0 && c.dtyTargets > sumn - p.strata[aIdx].drawn) return { ok: false, reason: 'low_risk_targets', order: null, violation: null, ...base };

  // prefix sums of the gaps: non-targets before the s-th target (s = 1..m), i.e. before a cut right after it
  const before = new Float64Array(m + 1);
  const beforeDty = new Float64Array(m + 1);
  for (let s = 1; s <= m; s++) {
    before[s] = before[s - 1] + c.gap[s - 1];
    beforeDty[s] = beforeDty[s - 1] + c.gapDty[s - 1];
  }
  const NT = c.nonTargets;
  const NTd = beforeDty[m] + c.gapDty[m];
  const X = k; // the excluded bin
  const bins = k + 1;
  const cap = [...p.strata.map((s) => s.pool - s.drawn), p.excluded];
  const capOf = new Float64Array(1 << bins);
  for (let u = 1; u < 1 << bins; u++) {
    const low = 31 - Math.clz32(u & -u);
    capOf[u] = capOf[u & (u - 1)] + cap[low];
  }
  const xAll = p.excludeClasses;
  const xDty = p.excludeClasses || p.lowRisk;
  let worst: CrossStratumResult['violation'] = null;
  let worstGap = -Infinity;

  for (const order of permutations(k)) {
    const count = new Float64Array(1 << bins);
    let S = 0;
    let mask = 0;
    let lo = 0;
    let loD = 0;
    for (let j = 0; j <= k; j++) {
      // non-targets past exactly the first j cuts of this order
      let hi = NT;
      let hiD = NTd;
      if (j < k) {
        const S1 = S + p.strata[order[j]].drawn;
        hi = before[S1];
        hiD = beforeDty[S1];
      }
      const all = hi - lo;
      const dty = hiD - loD;
      count[mask | (xAll ? 1 << X : 0)] += all - dty;
      const dMask = (p.lowRisk && aIdx >= 0 ? mask & ~(1 << aIdx) : mask) | (xDty ? 1 << X : 0);
      count[dMask] += dty;
      if (j < k) {
        S += p.strata[order[j]].drawn;
        mask |= 1 << order[j];
      }
      lo = hi;
      loD = hiD;
    }
    // Hall: for every set U of bins, the non-targets allowed only in U fit in U
    let fits = true;
    for (let u = 0; u < 1 << bins; u++) {
      let demand = 0;
      for (let v = u; ; v = (v - 1) & u) {
        demand += count[v];
        if (v === 0) break;
      }
      if (demand > capOf[u]) {
        fits = false;
        if (demand - capOf[u] > worstGap) {
          worstGap = demand - capOf[u];
          worst = { bins: [...Array(bins).keys()].filter((b) => u & (1 << b)).map((b) => (b === X ? 'X' : p.strata[b].credit_class)), demand, capacity: capOf[u] };
        }
        break;
      }
    }
    if (fits) return { ok: true, reason: null, order: order.map((i) => p.strata[i].credit_class), violation: null, ...base };
  }
  return { ok: false, reason: 'no_order', order: null, violation: worst, ...base };
}

/** The check over a whole pool given at once (keys, USCCs, targets, drawn-this-year): the pure form, for tests. */
export function crossStratum(pool: { key: Uint8Array; uscc: string; target: boolean; dty: boolean }[], p: CrossStratumParams): CrossStratumResult {
  const c = new CrossStratumCounter(pool.filter((x) => x.target));
  for (const x of pool) if (!x.target) c.add(x.key, x.uscc, x.dty);
  return crossStratumCheck(c, p);
}
