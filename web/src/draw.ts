// docs/SPEC.md (dualdraw-draw-v1): campaign and announcement hashes, witnesses, beacons, seed, streams, sampling
// arithmetic and the officer assignment (§6 assignment v1 and §6.1 assignment v2). Written from the document, not
// from the Rust code.
import { chacha20 } from '@noble/ciphers/chacha.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { Writer, cmpUtf8, pad32, sortUtf8, utf8, type U64 } from './bytes.ts';
import type { OfficerRecord } from './commitments.ts';
import { canonicalInstant } from './instant.ts';

// ---- the campaign in JSON (SPEC §7) -------------------------------------------------------------------------------

export type Rule = { ratio: { p: bigint; q: bigint; text: string } } | { count: U64 };

export interface Stratum {
  credit_class: string;
  rule: Rule;
  min: U64 | null;
  max: U64 | null;
}

export interface Campaign {
  id: string;
  title: string;
  lead_department: string;
  draw_date: string;
  items: string[];
  targets: {
    categories: string[] | null;
    regions: string[];
    exclude_flags: string[];
    exclude_credit_classes: string[];
    exclude_inspected_within_days: U64;
    strata: Stratum[];
    low_risk_once_a_year: boolean;
  };
  teams: {
    min_size: U64;
    per_department: U64;
    max_targets_per_officer: U64 | null;
    officer_region: string;
    avoid_same_officer_within_days: U64;
    /** SPEC §6.1 `teams.assignment`: null when the campaign has no such key (assignment v1); "v1", "v2", or a value
     *  this page does not know (refused by the campaign check, see assignmentVersion) */
    assignment: string | null;
  };
  entropy: {
    witnesses: { name: string; commitment: string }[];
    beacon: { scheme: string; round: string } | null;
    reveal_deadline: string | null;
    on_missing_reveal: string;
  };
  period: { start: string; end: string } | null;
  coordination: { group: string; start: { p: bigint; q: bigint; text: string } } | null;
}

/** The assignment versions of SPEC §6 and §6.1. */
export type AssignmentVersion = 'v1' | 'v2';

/** SPEC §6.1: a campaign without `teams.assignment`, or with "v1", uses assignment v1; "v2" assignment v2; any
 *  other value is not a campaign this page can read (null). */
export function assignmentVersion(c: Campaign): AssignmentVersion | null {
  const a = c.teams.assignment;
  if (a === null || a === 'v1') return 'v1';
  if (a === 'v2') return 'v2';
  return null;
}

/** SPEC §2: the canonical encoding of a campaign. Lists are encoded in the order given (the decoder checks order).
 *  Throws for a `teams.assignment` this page does not know (check assignmentVersion first). */
export function encodeCampaign(c: Campaign): Uint8Array {
  const wr = new Writer(1024)
    .lp('dualdraw-campaign-v1')
    .lp(c.id)
    .lp(c.title)
    .lp(c.lead_department)
    .lp(c.draw_date)
    .list(c.items);
  if (c.targets.categories === null) wr.byte(0);
  else wr.byte(1).list(c.targets.categories);
  wr.list(c.targets.regions).list(c.targets.exclude_flags).list(c.targets.exclude_credit_classes);
  wr.u64(c.targets.exclude_inspected_within_days);
  wr.u32(c.targets.strata.length);
  for (const s of c.targets.strata) {
    wr.lp(s.credit_class);
    if ('ratio' in s.rule) wr.byte(1).u64(s.rule.ratio.p).u64(s.rule.ratio.q);
    else wr.byte(2).u64(s.rule.count);
    wr.opt64(s.min).opt64(s.max);
  }
  const t = c.teams;
  wr.u64(t.min_size).u64(t.per_department).opt64(t.max_targets_per_officer).lp(t.officer_region).u64(t.avoid_same_officer_within_days);
  wr.u32(c.entropy.witnesses.length);
  for (const x of c.entropy.witnesses) wr.lp(x.name).raw(x.commitment);
  if (c.entropy.beacon === null) wr.byte(0);
  else wr.byte(1).lp(c.entropy.beacon.scheme).lp(c.entropy.beacon.round);
  wr.opt(c.entropy.reveal_deadline).lp(c.entropy.on_missing_reveal);
  wr.byte(c.targets.low_risk_once_a_year ? 1 : 0);
  if (c.period === null) wr.byte(0);
  else wr.byte(1).lp(c.period.start).lp(c.period.end);
  if (c.coordination === null) wr.byte(0);
  else wr.byte(1).lp(c.coordination.group).u64(c.coordination.start.p).u64(c.coordination.start.q);
  // SPEC §2, §6.1: only assignment v2 appends its key; absent or "v1" adds nothing (so v1 hashes are unchanged)
  const version = assignmentVersion(c);
  if (version === null) throw new Error(`unknown teams.assignment ${JSON.stringify(c.teams.assignment)}`);
  if (version === 'v2') wr.lp('teams.assignment').lp('v2');
  return wr.out();
}

export function campaignHash(c: Campaign): Uint8Array {
  return sha256(encodeCampaign(c));
}

// ---- SPEC §3 the announcement -------------------------------------------------------------------------------------

export interface AnnouncementFields {
  campaign_hash: string;
  snapshot_digest: string;
  exclusion_count: U64;
  exclusion_root: string;
  ledger_head: string;
  announced_at: string;
  officer_history_count: U64;
  officer_history_root: string;
  drawn_this_year_count: U64;
  drawn_this_year_root: string;
  group_hash: string | null;
}

export function encodeAnnouncement(a: AnnouncementFields): Uint8Array {
  return new Writer(256)
    .lp('dualdraw-announcement-v1')
    .raw(a.campaign_hash)
    .raw(a.snapshot_digest)
    .u64(a.exclusion_count)
    .raw(a.exclusion_root)
    .raw(a.ledger_head)
    .lp(canonicalInstant(a.announced_at) ?? a.announced_at) // SPEC §1: the hash covers the canonical value only
    .u64(a.officer_history_count)
    .raw(a.officer_history_root)
    .u64(a.drawn_this_year_count)
    .raw(a.drawn_this_year_root)
    .byte(a.group_hash === null ? 0 : 1)
    .bytes(a.group_hash === null ? new Uint8Array(0) : hashBytesOf(a.group_hash))
    .out();
}

function hashBytesOf(h: string): Uint8Array {
  return new Writer(32).raw(h).out();
}

/** group_hash = SHA-256(lp("dualdraw-group-v1") ‖ lp(group) ‖ u32be(m) ‖ raw(campaign_hash)…), members sorted by hash bytes. */
export function groupHash(group: string, members: string[]): Uint8Array {
  const wr = new Writer(256).lp('dualdraw-group-v1').lp(group).u32(members.length);
  for (const m of members) wr.raw(m);
  return wr.sha();
}

/** The group seed (SPEC §4): the PRN seed of every member of a coordination group. */
export function groupSeed(group_hash: string, announcementHashes: string[], reveals: { name: string; secret: string }[], beacon: Uint8Array | string | null): Uint8Array {
  const wr = new Writer(512).lp('dualdraw-group-seed-v1').raw(group_hash).u32(announcementHashes.length);
  for (const h of announcementHashes) wr.raw(h);
  wr.u32(reveals.length);
  for (const r of reveals) wr.lp(r.name).lp(r.secret);
  if (beacon === null) wr.byte(0);
  else wr.byte(1).raw(beacon);
  return wr.sha();
}

/** The officer-history leaf lp(officer) ‖ lp(uscc) (SPEC §3). */
export function historyPairLeaf(officer: string, uscc: string): Uint8Array {
  return new Writer(64).lp(officer).lp(uscc).out();
}

/** offset = floor(p · 2^256 / q), 32 bytes big-endian, by the long division of SPEC §5. */
export function startOffset(p: bigint, q: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let r = p;
  for (let i = 0; i < 32; i++) {
    out[i] = Number((256n * r) / q);
    r = (256n * r) % q;
  }
  return out;
}

/** key = (prn − offset) mod 2^256, big-endian. */
export function prnKey(prnBytes: Uint8Array, offset: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  let borrow = 0;
  for (let i = 31; i >= 0; i--) {
    let d = prnBytes[i] - offset[i] - borrow;
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += 256;
    out[i] = d;
  }
  return out;
}

// ---- SPEC §4 entropy and seed -------------------------------------------------------------------------------------

export function witnessCommitment(secret: string): Uint8Array {
  return new Writer(128).lp('dualdraw-witness-v1').lp(secret).sha();
}

export const QUICKNET = {
  chain: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  genesis: 1692803367,
  period: 3,
  publicKey:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
  dst: 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_',
};

/** Round r of drand quicknet appears at genesis + (r − 1)·3 (UTC seconds). */
export function quicknetRoundTime(round: bigint): number {
  return QUICKNET.genesis + Number(round - 1n) * QUICKNET.period;
}

export function drandBeaconValue(round: string, randomness: Uint8Array): Uint8Array {
  return new Writer(128).lp('dualdraw-beacon-v1').lp('drand-quicknet').lp(round).raw(randomness).sha();
}

/**
 * The canonical text of a lottery result: groups separated by "/", numbers within a group by commas, spaces or
 * "." (any of them); each group sorted ascending, decimal without leading zeros, joined by ".", every group ended
 * by "/". Returns null when the text is not such a result.
 */
export function lotteryCanonical(result: string): string | null {
  const groups = result.trim().replace(/\/+$/, '').split('/');
  let out = '';
  for (const g of groups) {
    const nums = g
      .trim()
      .split(/[\s,，、.]+/)
      .filter((x) => x !== '');
    if (nums.length === 0 || !nums.every((x) => /^[0-9]+$/.test(x))) return null;
    const v = nums.map((x) => BigInt(x)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    out += v.map((x) => x.toString()).join('.') + '/';
  }
  return out;
}

export function isLotteryCanonical(text: string): boolean {
  if (!/^([0-9]+(\.[0-9]+)*\/)+$/.test(text)) return false;
  return lotteryCanonical(text) === text;
}

export function lotteryBeaconValue(round: string, canonical: string): Uint8Array {
  return new Writer(128).lp('dualdraw-beacon-v1').lp('lottery').lp(round).lp(canonical).sha();
}

export function deriveSeed(announcementHash: Uint8Array | string, reveals: { name: string; secret: string }[], beacon: Uint8Array | string | null): Uint8Array {
  const wr = new Writer(512).lp('dualdraw-seed-v1').raw(announcementHash).u32(reveals.length);
  for (const r of reveals) wr.lp(r.name).lp(r.secret);
  if (beacon === null) wr.byte(0);
  else wr.byte(1).raw(beacon);
  return wr.sha();
}

// ---- SPEC §1 streams ----------------------------------------------------------------------------------------------

const ZERO_NONCE = new Uint8Array(12);
const CHUNK_BLOCKS = 16;
const ZEROS = new Uint8Array(64 * CHUNK_BLOCKS);
/** Largest n for which belowIndex works on JS numbers: every intermediate value below stays under 2^53 (exact). */
const SMALL_BELOW = 1 << 26;

/** stream(seed, label): the ChaCha20 keystream with key SHA-256(lp("dualdraw-stream-v1") ‖ raw(seed) ‖ lp(label)). */
export class Stream {
  private key: Uint8Array;
  private counter = 0;
  private buf = new Uint8Array(64 * CHUNK_BLOCKS);
  private view = new DataView(this.buf.buffer);
  private pos = this.buf.length;
  /** How many u64 were read (for tests and statistics). */
  reads = 0;
  constructor(seed: Uint8Array | string, label: string) {
    this.key = new Writer(128).lp('dualdraw-stream-v1').raw(seed).lp(label).sha();
  }
  private refill() {
    chacha20(this.key, ZERO_NONCE, ZEROS, this.buf, this.counter);
    this.counter += CHUNK_BLOCKS;
    this.pos = 0;
  }
  nextU64(): bigint {
    if (this.pos + 8 > this.buf.length) this.refill();
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    this.reads++;
    return v;
  }
  /** below(s, n) for n ≥ 1: rejection sampling, no read when n = 1. */
  below(n: bigint | number): bigint {
    const nn = BigInt(n);
    if (nn < 1n) throw new Error('below(0)');
    if (nn === 1n) return 0n;
    const t = ((1n << 64n) - nn) % nn;
    for (;;) {
      const x = this.nextU64();
      if (x >= t) return x % nn;
    }
  }
  /**
   * below(s, n) as a number, exactly the same values and reads as below(). For 2 ≤ n ≤ 2^26 it avoids BigInt but not
   * exactness: it works on integers held in JS numbers, every one below 2^53 (no rounding can happen). With
   * r = 2^32 mod n: t = (2^64 − n) mod n = 2^64 mod n = r² mod n (r² < 2^52); x = hi·2^32 + lo is ≥ t when hi > 0
   * (t < n ≤ 2^26) or lo ≥ t; x mod n = ((hi mod n)·r + lo) mod n, where (hi mod n)·r + lo < 2^52 + 2^32.
   */
  belowIndex(n: number): number {
    if (n === 1) return 0;
    if (!(n >= 2 && n <= SMALL_BELOW && Number.isInteger(n))) return Number(this.below(n));
    const r = 4294967296 % n;
    const t = (r * r) % n;
    const view = this.view;
    for (;;) {
      if (this.pos + 8 > this.buf.length) this.refill();
      const lo = view.getUint32(this.pos, true);
      const hi = view.getUint32(this.pos + 4, true);
      this.pos += 8;
      this.reads++;
      if (hi !== 0 || lo >= t) return ((hi % n) * r + lo) % n;
    }
  }
  shuffle<T>(v: T[]): void {
    for (let i = v.length - 1; i >= 1; i--) {
      const j = this.belowIndex(i + 1);
      const x = v[i];
      v[i] = v[j];
      v[j] = x;
    }
  }
}

// ---- SPEC §5 permanent random numbers and allocation ---------------------------------------------------------------

export function prnPrefix(seed: Uint8Array): Uint8Array {
  const p = new Uint8Array(64);
  p.set(pad32('dualdraw-prn-v1'));
  p.set(seed, 32);
  return p;
}

/** prn = SHA-256(pad32("dualdraw-prn-v1") ‖ raw(seed) ‖ lp(uscc)) */
export function prn(seed: Uint8Array, uscc: string): Uint8Array {
  return new Writer(128).bytes(prnPrefix(seed)).lp(uscc).sha();
}

/** The number drawn from a stratum of N entities (SPEC §5). */
export function allocation(N: bigint, rule: Rule, min: U64 | null, max: U64 | null): bigint {
  let n: bigint;
  if ('ratio' in rule) {
    const { p, q } = rule.ratio;
    n = (N * p + q - 1n) / q;
  } else n = BigInt(rule.count);
  if (min !== null) n = n > BigInt(min) ? n : BigInt(min);
  if (max !== null) n = n < BigInt(max) ? n : BigInt(max);
  if (n > N) n = N;
  return n;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** "p/q" in lowest terms with 0 ≤ p ≤ q and q ≥ 1, as in the proof's JSON. */
export function parseRatio(text: string): { p: bigint; q: bigint; text: string } | null {
  const m = /^([0-9]+)\/([0-9]+)$/.exec(text);
  if (!m) return null;
  const p = BigInt(m[1]);
  const q = BigInt(m[2]);
  if (q < 1n || p > q || (p === 0n ? q !== 1n : gcd(p, q) !== 1n)) return null;
  return { p, q, text };
}

// ---- SPEC §6 teams ------------------------------------------------------------------------------------------------

export interface ItemInfo {
  code: string;
  department: string;
  target_category: string;
  qualification: string | null;
}

export interface TargetInfo {
  uscc: string;
  region: string;
  categories: string[];
}

/** I(t): the campaign items whose target category is one of t's categories in C; sorted by code. */
export function targetItems(t: TargetInfo, campaignItems: ItemInfo[], C: Set<string>): ItemInfo[] {
  const cats = new Set(t.categories.filter((c) => C.has(c)));
  return campaignItems.filter((i) => cats.has(i.target_category)).sort((a, b) => cmpUtf8(a.code, b.code));
}

/** D(t): the lead department first if present, then the others by UTF-8 bytes. */
export function targetDepartments(items: ItemInfo[], lead: string): string[] {
  const ds = sortUtf8([...new Set(items.map((i) => i.department))]);
  const i = ds.indexOf(lead);
  if (i > 0) {
    ds.splice(i, 1);
    ds.unshift(lead);
  }
  return ds;
}

/** r(t, d) for each d of D(t), in D(t) order. */
export function demands(D: string[], perDepartment: number, minSize: number): number[] {
  const r = D.map(() => perDepartment);
  let sum = r.reduce((a, b) => a + b, 0);
  let k = 0;
  while (sum < minSize && D.length > 0) {
    r[k % D.length]++;
    sum++;
    k++;
  }
  return r;
}

export interface AssignInput {
  drawDate: string;
  lead: string;
  officerRegion: string; // same | other | any
  maxPerOfficer: number | null;
  perDepartment: number;
  minSize: number;
  targets: (TargetInfo & { items: ItemInfo[] })[]; // by USCC
  officers: OfficerRecord[];
  blocked: Set<string>; // officer id + "\u0000" + uscc
}

export interface Unstaffable {
  department: string;
  targets: string[];
  demand: number;
  eligible: string[];
}

export interface AssignResult {
  teams: Map<string, string[]>; // uscc → officer ids in §6 order
  departments: Map<string, string[]>; // uscc → D(t)
  demand: Map<string, number[]>;
  infeasible: Unstaffable | null;
  /** v1: places, augmenting_searches, single_candidate_picks; v2 also rotation_steps (Σ K) and rotations_made */
  stats: { places: number; augmenting_searches: number; single_candidate_picks: number; rotation_steps?: number; rotations_made?: number };
}

export const pairKey = (officer: string, uscc: string) => officer + '\u0000' + uscc;

/** The officers blocked from each target, from `blocked`'s keys (`pairKey`; a USCC holds no U+0000): a target's few
 *  blocked officers are looked up by target instead of testing a key for every officer of every target. */
function blockedByTarget(blocked: Set<string>): Map<string, Set<string>> {
  const by = new Map<string, Set<string>>();
  for (const key of blocked) {
    const cut = key.lastIndexOf('\u0000');
    const uscc = key.slice(cut + 1);
    let officers = by.get(uscc);
    if (!officers) by.set(uscc, (officers = new Set<string>()));
    officers.add(key.slice(0, cut));
  }
  return by;
}

/** What both assignment versions derive from the targets and officers (SPEC §6): D(t), r(t, d), Q(t, d), the targets
 *  with r(t, d) > 0 per department (in input order, i.e. by USCC), and the officers per department by id. */
function teamSetup(inp: AssignInput) {
  const D = new Map<string, string[]>();
  const R = new Map<string, number[]>();
  const Q = new Map<string, Map<string, string[]>>();
  const byDept = new Map<string, (TargetInfo & { items: ItemInfo[] })[]>();
  for (const t of inp.targets) {
    const ds = targetDepartments(t.items, inp.lead);
    D.set(t.uscc, ds);
    const rs = demands(ds, inp.perDepartment, inp.minSize);
    R.set(t.uscc, rs);
    const q = new Map<string, string[]>();
    for (const d of ds) q.set(d, [...new Set(t.items.filter((i) => i.department === d && i.qualification !== null).map((i) => i.qualification as string))]);
    Q.set(t.uscc, q);
    ds.forEach((d, k) => {
      if (rs[k] > 0) {
        if (!byDept.has(d)) byDept.set(d, []);
        byDept.get(d)!.push(t);
      }
    });
  }
  const officersByDept = new Map<string, OfficerRecord[]>();
  for (const o of [...inp.officers].sort((a, b) => cmpUtf8(a.id, b.id))) {
    if (!officersByDept.has(o.department)) officersByDept.set(o.department, []);
    officersByDept.get(o.department)!.push(o);
  }
  return { D, R, Q, byDept, officersByDept };
}

/** The assignment of the campaign's version: §6 (v1) or §6.1 (v2). */
export function assignTeams(version: AssignmentVersion, seed: Uint8Array, inp: AssignInput): AssignResult {
  return version === 'v2' ? assignV2(seed, inp) : assign(seed, inp);
}

/** SPEC §6: assignment v1. */
export function assign(seed: Uint8Array, inp: AssignInput): AssignResult {
  const stats = { places: 0, augmenting_searches: 0, single_candidate_picks: 0 };
  const max = inp.maxPerOfficer === null ? Infinity : inp.maxPerOfficer;
  const { D, R, Q, byDept, officersByDept } = teamSetup(inp);
  const blockedBy = blockedByTarget(inp.blocked);
  // team members per target and department
  const team = new Map<string, Map<string, Set<string>>>();
  for (const t of inp.targets) team.set(t.uscc, new Map(D.get(t.uscc)!.map((d) => [d, new Set<string>()])));
  let infeasible: Unstaffable | null = null;

  for (const d of sortUtf8([...byDept.keys()])) {
    const s = new Stream(seed, 'assign/' + d);
    const Td = byDept.get(d)!.slice().sort((a, b) => cmpUtf8(a.uscc, b.uscc));
    s.shuffle(Td);
    const Od = officersByDept.get(d) ?? [];
    const load = new Map<string, number>(Od.map((o) => [o.id, 0]));
    const serves = new Map<string, Set<string>>(Od.map((o) => [o.id, new Set<string>()]));
    const tByUscc = new Map(Td.map((t) => [t.uscc, t]));
    const eligCache = new Map<string, boolean[]>();
    const eligible = (t: TargetInfo): boolean[] => {
      let e = eligCache.get(t.uscc);
      if (e) return e;
      const req = Q.get(t.uscc)!.get(d) ?? [];
      const blockedHere = blockedBy.get(t.uscc);
      e = Od.map(
        (o) =>
          o.department === d &&
          o.status === 'active' &&
          cmpUtf8(inp.drawDate, o.cert_expiry) <= 0 &&
          req.every((q) => o.qualifications.includes(q)) &&
          (inp.officerRegion === 'same' ? o.region === t.region : inp.officerRegion === 'other' ? o.region !== t.region : true) &&
          !blockedHere?.has(o.id),
      );
      eligCache.set(t.uscc, e);
      return e;
    };
    const members = (t: TargetInfo) => team.get(t.uscc)!.get(d)!;

    for (const t of Td) {
      const places = R.get(t.uscc)![D.get(t.uscc)!.indexOf(d)];
      const el = eligible(t);
      // check on its own: fewer eligible officers than the demand
      const nEl = el.filter(Boolean).length;
      if (nEl < places && !infeasible) {
        infeasible = { department: d, targets: [t.uscc], demand: places, eligible: Od.filter((_, k) => el[k]).map((o) => o.id) };
      }
    }
    if (infeasible) break;

    for (const t of Td) {
      const places = R.get(t.uscc)![D.get(t.uscc)!.indexOf(d)];
      for (let p = 0; p < places; p++) {
        stats.places++;
        const el = eligible(t);
        const mem = members(t);
        let m = Infinity;
        for (let k = 0; k < Od.length; k++) {
          const o = Od[k];
          if (!el[k] || mem.has(o.id)) continue;
          const l = load.get(o.id)!;
          if (l < max && l < m) m = l;
        }
        if (m !== Infinity) {
          const L: OfficerRecord[] = [];
          for (let k = 0; k < Od.length; k++) {
            const o = Od[k];
            if (el[k] && !mem.has(o.id) && load.get(o.id) === m) L.push(o);
          }
          if (L.length === 1) stats.single_candidate_picks++;
          const o = L[s.belowIndex(L.length)];
          mem.add(o.id);
          serves.get(o.id)!.add(t.uscc);
          load.set(o.id, m + 1);
          continue;
        }
        // augmenting search (breadth first, no randomness)
        stats.augmenting_searches++;
        const parent = new Map<string, { t: string; o: string | null }>();
        const queue: string[] = [];
        for (let k = 0; k < Od.length; k++) {
          const o = Od[k];
          if (el[k] && !mem.has(o.id)) {
            parent.set(o.id, { t: t.uscc, o: null });
            queue.push(o.id);
          }
        }
        let found: string | null = null;
        const met = new Set<string>([t.uscc]);
        outer: for (let qi = 0; qi < queue.length; qi++) {
          const o = queue[qi];
          for (const tu of sortUtf8([...serves.get(o)!])) {
            met.add(tu);
            const tp = tByUscc.get(tu)!;
            const elp = eligible(tp);
            const memp = members(tp);
            for (let k = 0; k < Od.length; k++) {
              const o2 = Od[k];
              if (parent.has(o2.id) || !elp[k] || memp.has(o2.id)) continue;
              parent.set(o2.id, { t: tu, o });
              if (load.get(o2.id)! < max) {
                found = o2.id;
                break outer;
              }
              queue.push(o2.id);
            }
          }
        }
        if (found === null) {
          const ts = sortUtf8([...met]);
          infeasible = { department: d, targets: ts, demand: places, eligible: Od.filter((_, k) => el[k]).map((o) => o.id) };
          break;
        }
        load.set(found, load.get(found)! + 1);
        let cur: string = found;
        for (;;) {
          const pr = parent.get(cur)!;
          const tt = tByUscc.get(pr.t)!;
          members(tt).add(cur);
          serves.get(cur)!.add(pr.t);
          if (pr.o === null) break;
          members(tt).delete(pr.o);
          serves.get(pr.o)!.delete(pr.t);
          cur = pr.o;
        }
      }
      if (infeasible) break;
    }
    if (infeasible) break;
  }

  const teams = new Map<string, string[]>();
  for (const t of inp.targets) {
    const ids: string[] = [];
    for (const d of D.get(t.uscc)!) ids.push(...sortUtf8([...team.get(t.uscc)!.get(d)!]));
    teams.set(t.uscc, ids);
  }
  return { teams, departments: D, demand: R, infeasible, stats };
}

// ---- SPEC §6.1 assignment v2 -----------------------------------------------------------------------------------------

/** bitlen(P): the number of binary digits of P ≥ 1, ⌈log2(P + 1)⌉. */
export function bitlen(P: number): number {
  return P < 1 ? 0 : 32 - Math.clz32(P);
}

/** K of §6.1 step 5: P · bitlen(P) when P ≥ 2, else 0. */
export function rotationSteps(P: number): number {
  return P >= 2 ? P * bitlen(P) : 0;
}

/** Insert x into an ascending list of numbers (no repeats). */
function insertSorted(v: number[], x: number) {
  let i = v.length;
  v.push(x);
  while (i > 0 && v[i - 1] > x) {
    v[i] = v[i - 1];
    i--;
  }
  v[i] = x;
}

function removeValue(v: number[], x: number) {
  const i = v.indexOf(x);
  if (i >= 0) v.splice(i, 1);
}

/**
 * SPEC §6.1: assignment v2. Per department d, with the stream "assign-v2/" ‖ d: T_d by USCC, shuffled (a target's rank
 * is its place in it); O_d by id, shuffled; the places filled as in §6 step 3 in those orders; the augmenting search of
 * §6 with officers in O_d order and an officer's targets by rank; then the rotation chain of step 5.
 *
 * Inside a department, targets are their ranks and officers their positions in the shuffled O_d (integers), so the hot
 * loops read typed arrays: eligibility is one byte per (target, officer), shared by the targets with the same region
 * (when the region rule reads it) and required qualifications, and copied only for a target with a blocked pair.
 */
export function assignV2(seed: Uint8Array, inp: AssignInput): AssignResult {
  const stats = { places: 0, augmenting_searches: 0, single_candidate_picks: 0, rotation_steps: 0, rotations_made: 0 };
  const max = inp.maxPerOfficer === null ? Infinity : inp.maxPerOfficer;
  const { D, R, Q, byDept, officersByDept } = teamSetup(inp);
  // the officers of each target in each department, after the department's chain
  const team = new Map<string, Map<string, string[]>>();
  for (const t of inp.targets) team.set(t.uscc, new Map(D.get(t.uscc)!.map((d) => [d, [] as string[]])));
  const regionRule = inp.officerRegion;
  const blockedBy = blockedByTarget(inp.blocked);

  interface Dept {
    d: string;
    s: Stream;
    Td: (TargetInfo & { items: ItemInfo[] })[];
    Od: OfficerRecord[];
    demand: Int32Array; // r(t, d) by rank
    row: Uint8Array[]; // eligibility by rank, indexed by officer position
  }

  // Steps 1–2 for every department, and the check of every place on its own before anything is assigned (§6).
  const depts: Dept[] = [];
  let infeasible: Unstaffable | null = null;
  for (const d of sortUtf8([...byDept.keys()])) {
    const s = new Stream(seed, 'assign-v2/' + d);
    const Td = byDept.get(d)!.slice().sort((a, b) => cmpUtf8(a.uscc, b.uscc));
    s.shuffle(Td);
    const Od = (officersByDept.get(d) ?? []).slice();
    s.shuffle(Od);
    const nO = Od.length;
    const base = Od.map((o) => o.status === 'active' && cmpUtf8(inp.drawDate, o.cert_expiry) <= 0);
    const rows = new Map<string, Uint8Array>();
    // officer id → positions in O_d, made only for a department with a blocked pair
    let positions: Map<string, number[]> | null = null;
    const row: Uint8Array[] = [];
    const demand = new Int32Array(Td.length);
    Td.forEach((t, rank) => {
      demand[rank] = R.get(t.uscc)![D.get(t.uscc)!.indexOf(d)];
      const req = Q.get(t.uscc)!.get(d) ?? [];
      const key = (regionRule === 'same' || regionRule === 'other' ? t.region : '') + '\u0000' + req.join('\u0000');
      let r = rows.get(key);
      if (!r) {
        r = new Uint8Array(nO);
        for (let k = 0; k < nO; k++) {
          const o = Od[k];
          const regionOk = regionRule === 'same' ? o.region === t.region : regionRule === 'other' ? o.region !== t.region : true;
          r[k] = base[k] && regionOk && req.every((q) => o.qualifications.includes(q)) ? 1 : 0;
        }
        rows.set(key, r);
      }
      let own: Uint8Array | null = null;
      const blockedHere = blockedBy.get(t.uscc);
      if (blockedHere) {
        if (!positions) {
          positions = new Map<string, number[]>();
          Od.forEach((o, k) => {
            const at = positions!.get(o.id);
            if (at) at.push(k);
            else positions!.set(o.id, [k]);
          });
        }
        for (const id of blockedHere)
          for (const k of positions.get(id) ?? [])
            if (r[k]) {
              own ??= r.slice();
              own[k] = 0;
            }
      }
      row.push(own ?? r);
    });
    depts.push({ d, s, Td, Od, demand, row });
    for (let rank = 0; rank < Td.length && !infeasible; rank++) {
      let n = 0;
      for (let k = 0; k < nO; k++) n += row[rank][k];
      if (n < demand[rank]) infeasible = { department: d, targets: [Td[rank].uscc], demand: demand[rank], eligible: sortUtf8(Od.filter((_, k) => row[rank][k]).map((o) => o.id)) };
    }
    if (infeasible) break;
  }

  for (const dep of infeasible ? [] : depts) {
    const { d, s, Td, Od, demand, row } = dep;
    const nT = Td.length;
    const nO = Od.length;
    const load = new Int32Array(nO);
    const serves: number[][] = Od.map(() => []); // ranks, ascending
    const members: number[][] = Td.map(() => []); // officer positions
    // the search's marks: seen[o] === stamp
    const seen = new Int32Array(nO);
    const parentT = new Int32Array(nO);
    const parentO = new Int32Array(nO);
    const queue = new Int32Array(nO);
    let stamp = 0;

    // Step 3 (and step 4 where no candidate is left).
    places: for (let t = 0; t < nT; t++) {
      const el = row[t];
      const mem = members[t];
      for (let p = 0; p < demand[t]; p++) {
        stats.places++;
        let m = Infinity;
        for (let o = 0; o < nO; o++) if (el[o] && load[o] < max && load[o] < m && !mem.includes(o)) m = load[o];
        if (m !== Infinity) {
          const L: number[] = [];
          for (let o = 0; o < nO; o++) if (el[o] && load[o] === m && !mem.includes(o)) L.push(o);
          if (L.length === 1) stats.single_candidate_picks++;
          const o = L[s.belowIndex(L.length)];
          mem.push(o);
          insertSorted(serves[o], t);
          load[o]++;
          continue;
        }
        // Step 4: the augmenting search of §6, officers in O_d order, an officer's targets by rank; no randomness.
        stats.augmenting_searches++;
        stamp++;
        let qn = 0;
        for (let o = 0; o < nO; o++)
          if (el[o] && !mem.includes(o)) {
            seen[o] = stamp;
            parentT[o] = t;
            parentO[o] = -1;
            queue[qn++] = o;
          }
        const met = new Set<number>([t]);
        let found = -1;
        outer: for (let qi = 0; qi < qn; qi++) {
          const o = queue[qi];
          for (const tp of serves[o]) {
            met.add(tp);
            const elp = row[tp];
            const memp = members[tp];
            for (let o2 = 0; o2 < nO; o2++) {
              if (seen[o2] === stamp || !elp[o2] || memp.includes(o2)) continue;
              seen[o2] = stamp;
              parentT[o2] = tp;
              parentO[o2] = o;
              if (load[o2] < max) {
                found = o2;
                break outer;
              }
              queue[qn++] = o2;
            }
          }
        }
        if (found < 0) {
          infeasible = { department: d, targets: sortUtf8([...met].map((x) => Td[x].uscc)), demand: demand[t], eligible: sortUtf8(Od.filter((_, k) => el[k]).map((o) => o.id)) };
          break places;
        }
        load[found]++;
        for (let cur = found; ; ) {
          const tt = parentT[cur];
          const po = parentO[cur];
          members[tt].push(cur);
          insertSorted(serves[cur], tt);
          if (po < 0) break;
          removeValue(members[tt], po);
          removeValue(serves[po], tt);
          cur = po;
        }
      }
    }
    if (infeasible) break;

    // Step 5: the places p_0 … p_{P−1}: for each target by rank, its officers in O_d order.
    const start = new Int32Array(nT + 1);
    for (let t = 0; t < nT; t++) start[t + 1] = start[t] + members[t].length;
    const P = start[nT];
    const placeT = new Int32Array(P);
    const placeO = new Int32Array(P);
    for (let t = 0; t < nT; t++) {
      const mem = members[t].slice().sort((a, b) => a - b);
      for (let j = 0; j < mem.length; j++) {
        placeT[start[t] + j] = t;
        placeO[start[t] + j] = mem[j];
      }
    }
    // blocks: with officer_region = "same", the places whose target has the same region, in list order
    let blockOf: Int32Array | null = null;
    let blocks: Int32Array[] = [];
    if (regionRule === 'same') {
      const ids = new Map<string, number>();
      const lists: number[][] = [];
      blockOf = new Int32Array(P);
      for (let i = 0; i < P; i++) {
        const region = Td[placeT[i]].region;
        let b = ids.get(region);
        if (b === undefined) {
          b = lists.length;
          ids.set(region, b);
          lists.push([]);
        }
        blockOf[i] = b;
        lists[b].push(i);
      }
      blocks = lists.map((l) => Int32Array.from(l));
    }
    const K = rotationSteps(P);
    stats.rotation_steps += K;
    const idx = new Int32Array(3);
    const old = new Int32Array(3);
    for (let step = 0; step < K; step++) {
      const i1 = s.belowIndex(P);
      const B = blockOf ? blocks[blockOf[i1]] : null;
      const k = 2 + s.belowIndex(2);
      idx[0] = i1;
      for (let j = 1; j < k; j++) idx[j] = B ? B[s.belowIndex(B.length)] : s.belowIndex(P);
      if (idx[0] === idx[1] || (k === 3 && (idx[0] === idx[2] || idx[1] === idx[2]))) continue;
      // the officer at p_{i_j} moves to p_{i_{j+1}}, the one at p_{i_k} to p_{i_1}: each that changes target must be
      // eligible for its new target
      let ok = true;
      for (let j = 0; j < k && ok; j++) {
        const from = idx[j];
        const to = idx[j + 1 === k ? 0 : j + 1];
        if (placeT[from] !== placeT[to] && !row[placeT[to]][placeO[from]]) ok = false;
      }
      if (!ok) continue;
      for (let j = 0; j < k; j++) old[j] = placeO[idx[j]];
      for (let j = 0; j < k; j++) placeO[idx[j + 1 === k ? 0 : j + 1]] = old[j];
      // and no team may then hold an officer twice (a target's places are start[t] … start[t + 1] − 1)
      for (let j = 0; j < k && ok; j++) {
        const t = placeT[idx[j]];
        for (let a = start[t]; a < start[t + 1] && ok; a++) for (let b = a + 1; b < start[t + 1]; b++) if (placeO[a] === placeO[b]) ok = false;
      }
      if (!ok) {
        for (let j = 0; j < k; j++) placeO[idx[j]] = old[j];
        continue;
      }
      stats.rotations_made++;
    }
    // Step 6: the teams are the places' officers
    for (let i = 0; i < P; i++) team.get(Td[placeT[i]].uscc)!.get(d)!.push(Od[placeO[i]].id);
  }

  const teams = new Map<string, string[]>();
  for (const t of inp.targets) {
    const ids: string[] = [];
    for (const d of D.get(t.uscc)!) ids.push(...sortUtf8(team.get(t.uscc)!.get(d)!));
    teams.set(t.uscc, ids);
  }
  return { teams, departments: D, demand: R, infeasible, stats };
}

export { parseInstant, canonicalInstant, formatInstant, chinaDate, beijingTime } from './instant.ts';

export { utf8 };
