// Decoding of the draw proof (SPEC §7) from parsed JSON into typed values. A missing, mistyped or unknown field is an
// error naming the field: this page refuses what it does not understand (a newer format, or an edited file) rather
// than guessing. To support a new field, add it to the key list of its object here and to the encoder in draw.ts.
import { isHash } from './bytes.ts';
import type { EntityRecord, ItemRecord, OfficerRecord, Roots } from './commitments.ts';
import { REGISTRIES } from './commitments.ts';
import { parseRatio, type Campaign, type Rule, type Stratum } from './draw.ts';
import type { JsonValue } from './json.ts';
import type { U64 } from './bytes.ts';

export class DecodeError extends Error {
  constructor(
    public path: string,
    public expected: string,
    public got: string,
  ) {
    super(`${path}: expected ${expected}, got ${got}`);
  }
}

function show(v: unknown): string {
  if (v === undefined) return '(missing)';
  const s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
  return s.length > 80 ? s.slice(0, 80) + '…' : s;
}

export function obj(v: JsonValue | undefined, path: string, keys: string[], optional: string[] = [], ignoreUnknown = false): Record<string, JsonValue> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new DecodeError(path, 'an object', show(v));
  const o = v as Record<string, JsonValue>;
  for (const k of keys) if (!(k in o) && !optional.includes(k)) throw new DecodeError(path ? `${path}.${k}` : k, 'a field', '(missing)');
  if (!ignoreUnknown) for (const k of Object.keys(o)) if (!keys.includes(k)) throw new DecodeError(path ? `${path}.${k}` : k, 'no such field (unknown to this page: a newer format?)', show(o[k]));
  return o;
}

export function str(v: JsonValue | undefined, path: string): string {
  if (typeof v !== 'string') throw new DecodeError(path, 'a text', show(v));
  return v;
}
export function optStr(v: JsonValue | undefined, path: string): string | null {
  if (v === null) return null;
  return str(v, path);
}
export function hash(v: JsonValue | undefined, path: string): string {
  if (!isHash(v)) throw new DecodeError(path, 'a hash of 64 lowercase hex digits', show(v));
  return v;
}
export function u64(v: JsonValue | undefined, path: string): U64 {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === 'bigint' && v >= 0n && v <= 0xffffffffffffffffn) return v;
  throw new DecodeError(path, 'a whole number ≥ 0', show(v));
}
export function int(v: JsonValue | undefined, path: string): number {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  throw new DecodeError(path, 'a whole number ≥ 0', show(v));
}
export function bool(v: JsonValue | undefined, path: string): boolean {
  if (typeof v !== 'boolean') throw new DecodeError(path, 'true or false', show(v));
  return v;
}
export function optU64(v: JsonValue | undefined, path: string): U64 | null {
  if (v === null) return null;
  return u64(v, path);
}
export function arr(v: JsonValue | undefined, path: string): JsonValue[] {
  if (!Array.isArray(v)) throw new DecodeError(path, 'a list', show(v));
  return v;
}
export function strList(v: JsonValue | undefined, path: string): string[] {
  return arr(v, path).map((x, i) => str(x, `${path}[${i}]`));
}
export function hashList(v: JsonValue | undefined, path: string): string[] {
  return arr(v, path).map((x, i) => hash(x, `${path}[${i}]`));
}

// ---- campaign -------------------------------------------------------------------------------------------------------

export function decodeCampaign(v: JsonValue, path: string): Campaign {
  const c = obj(v, path, ['id', 'title', 'lead_department', 'draw_date', 'items', 'targets', 'teams', 'entropy', 'period', 'coordination']);
  const tg = obj(c.targets, `${path}.targets`, ['categories', 'regions', 'exclude_flags', 'exclude_credit_classes', 'exclude_inspected_within_days', 'strata', 'low_risk_once_a_year']);
  // SPEC §6.1: `assignment` is optional (absent = assignment v1); its value is checked by the campaign check
  const tm = obj(c.teams, `${path}.teams`, ['min_size', 'per_department', 'max_targets_per_officer', 'officer_region', 'avoid_same_officer_within_days', 'assignment'], ['assignment']);
  const en = obj(c.entropy, `${path}.entropy`, ['witnesses', 'beacon', 'reveal_deadline', 'on_missing_reveal']);
  const strata: Stratum[] = arr(tg.strata, `${path}.targets.strata`).map((s, i) => {
    const p = `${path}.targets.strata[${i}]`;
    const so = obj(s, p, ['credit_class', 'rule', 'min', 'max']);
    const ro = so.rule;
    let rule: Rule;
    if (ro && typeof ro === 'object' && !Array.isArray(ro) && 'ratio' in ro) {
      const r = obj(ro, `${p}.rule`, ['ratio']);
      const text = str(r.ratio, `${p}.rule.ratio`);
      const ratio = parseRatio(text);
      if (!ratio) throw new DecodeError(`${p}.rule.ratio`, '"p/q" in lowest terms with 0 ≤ p ≤ q', show(text));
      rule = { ratio };
    } else {
      const r = obj(ro, `${p}.rule`, ['count']);
      rule = { count: u64(r.count, `${p}.rule.count`) };
    }
    return { credit_class: str(so.credit_class, `${p}.credit_class`), rule, min: optU64(so.min, `${p}.min`), max: optU64(so.max, `${p}.max`) };
  });
  let beacon: Campaign['entropy']['beacon'] = null;
  if (en.beacon !== null) {
    const b = obj(en.beacon, `${path}.entropy.beacon`, ['scheme', 'round']);
    const scheme = str(b.scheme, `${path}.entropy.beacon.scheme`);
    let round: string;
    if (typeof b.round === 'number' || typeof b.round === 'bigint') round = u64(b.round, `${path}.entropy.beacon.round`).toString();
    else round = str(b.round, `${path}.entropy.beacon.round`);
    beacon = { scheme, round };
  }
  let period: Campaign['period'] = null;
  if (c.period !== null) {
    const po = obj(c.period, `${path}.period`, ['start', 'end']);
    period = { start: str(po.start, `${path}.period.start`), end: str(po.end, `${path}.period.end`) };
  }
  let coordination: Campaign['coordination'] = null;
  if (c.coordination !== null) {
    const co = obj(c.coordination, `${path}.coordination`, ['group', 'start']);
    const text = str(co.start, `${path}.coordination.start`);
    const start = parseRatio(text);
    if (!start || start.p >= start.q) throw new DecodeError(`${path}.coordination.start`, '"p/q" in lowest terms with 0 ≤ p < q', show(text));
    coordination = { group: str(co.group, `${path}.coordination.group`), start };
  }
  return {
    period,
    coordination,
    id: str(c.id, `${path}.id`),
    title: str(c.title, `${path}.title`),
    lead_department: str(c.lead_department, `${path}.lead_department`),
    draw_date: str(c.draw_date, `${path}.draw_date`),
    items: strList(c.items, `${path}.items`),
    targets: {
      categories: tg.categories === null ? null : strList(tg.categories, `${path}.targets.categories`),
      regions: strList(tg.regions, `${path}.targets.regions`),
      exclude_flags: strList(tg.exclude_flags, `${path}.targets.exclude_flags`),
      exclude_credit_classes: strList(tg.exclude_credit_classes, `${path}.targets.exclude_credit_classes`),
      exclude_inspected_within_days: u64(tg.exclude_inspected_within_days, `${path}.targets.exclude_inspected_within_days`),
      strata,
      low_risk_once_a_year: bool(tg.low_risk_once_a_year, `${path}.targets.low_risk_once_a_year`),
    },
    teams: {
      min_size: u64(tm.min_size, `${path}.teams.min_size`),
      per_department: u64(tm.per_department, `${path}.teams.per_department`),
      max_targets_per_officer: optU64(tm.max_targets_per_officer, `${path}.teams.max_targets_per_officer`),
      officer_region: str(tm.officer_region, `${path}.teams.officer_region`),
      avoid_same_officer_within_days: u64(tm.avoid_same_officer_within_days, `${path}.teams.avoid_same_officer_within_days`),
      assignment: 'assignment' in tm ? str(tm.assignment, `${path}.teams.assignment`) : null,
    },
    entropy: {
      witnesses: arr(en.witnesses, `${path}.entropy.witnesses`).map((x, i) => {
        const o = obj(x, `${path}.entropy.witnesses[${i}]`, ['name', 'commitment']);
        return { name: str(o.name, `${path}.entropy.witnesses[${i}].name`), commitment: hash(o.commitment, `${path}.entropy.witnesses[${i}].commitment`) };
      }),
      beacon,
      reveal_deadline: optStr(en.reveal_deadline, `${path}.entropy.reveal_deadline`),
      on_missing_reveal: str(en.on_missing_reveal, `${path}.entropy.on_missing_reveal`),
    },
  };
}

// ---- records --------------------------------------------------------------------------------------------------------

export function decodeRoots(v: JsonValue, path: string, ignoreUnknown = false): Roots {
  const o = obj(v, path, REGISTRIES, [], ignoreUnknown);
  const out: any = {};
  for (const r of REGISTRIES) {
    const x = obj(o[r], `${path}.${r}`, ['hash', 'size'], [], ignoreUnknown);
    out[r] = { hash: hash(x.hash, `${path}.${r}.hash`), size: int(x.size, `${path}.${r}.size`) };
  }
  return out as Roots;
}

export interface SnapshotRef {
  id: JsonValue;
  digest: string;
  roots: Roots;
}

export function decodeSnapshotRef(v: JsonValue, path: string, ignoreUnknown = false): SnapshotRef {
  const o = obj(v, path, ['id', 'digest', 'roots'], [], ignoreUnknown);
  return { id: o.id, digest: hash(o.digest, `${path}.digest`), roots: decodeRoots(o.roots, `${path}.roots`, ignoreUnknown) };
}

export function decodeItem(v: JsonValue, path: string, ignoreUnknown = false): ItemRecord {
  const o = obj(v, path, ['code', 'name', 'department', 'item_type', 'target_category', 'method', 'basis', 'qualification'], [], ignoreUnknown);
  return {
    code: str(o.code, `${path}.code`),
    name: str(o.name, `${path}.name`),
    department: str(o.department, `${path}.department`),
    item_type: str(o.item_type, `${path}.item_type`),
    target_category: str(o.target_category, `${path}.target_category`),
    method: str(o.method, `${path}.method`),
    basis: str(o.basis, `${path}.basis`),
    qualification: optStr(o.qualification, `${path}.qualification`),
  };
}

export const ENTITY_KEYS = ['uscc', 'name', 'kind', 'categories', 'industry', 'region', 'township', 'status', 'established', 'flags', 'credit_class_commitment'];

export function decodeEntity(v: JsonValue, path: string, ignoreUnknown = false): EntityRecord {
  const o = obj(v, path, ENTITY_KEYS, [], ignoreUnknown);
  return {
    uscc: str(o.uscc, `${path}.uscc`),
    name: str(o.name, `${path}.name`),
    kind: str(o.kind, `${path}.kind`),
    categories: strList(o.categories, `${path}.categories`),
    industry: str(o.industry, `${path}.industry`),
    region: str(o.region, `${path}.region`),
    township: optStr(o.township, `${path}.township`),
    status: str(o.status, `${path}.status`),
    established: optStr(o.established, `${path}.established`),
    flags: strList(o.flags, `${path}.flags`),
    credit_class_commitment: hash(o.credit_class_commitment, `${path}.credit_class_commitment`),
  };
}

export function decodeOfficer(v: JsonValue, path: string, ignoreUnknown = false): OfficerRecord {
  const o = obj(v, path, ['id', 'name', 'department', 'unit', 'region', 'qualifications', 'status', 'cert_expiry'], [], ignoreUnknown);
  return {
    id: str(o.id, `${path}.id`),
    name: str(o.name, `${path}.name`),
    department: str(o.department, `${path}.department`),
    unit: str(o.unit, `${path}.unit`),
    region: str(o.region, `${path}.region`),
    qualifications: strList(o.qualifications, `${path}.qualifications`),
    status: str(o.status, `${path}.status`),
    cert_expiry: str(o.cert_expiry, `${path}.cert_expiry`),
  };
}

// ---- the proof ------------------------------------------------------------------------------------------------------

export interface Reveal {
  name: string;
  secret: string;
  revealed_at: string;
}

export interface BeaconProof {
  scheme: string;
  round: string;
  evidence: string;
  round_time: string | null;
  value: string;
}

export interface ProofStratum {
  credit_class: string;
  pool: number;
  drawn: number;
  threshold_commitment: string;
}

export interface ProofTarget {
  entity: EntityRecord;
  prn: string;
  items: string[];
  departments: string[];
  index: number;
  path: string[];
}

export interface BlockedPair {
  officer: string;
  target: string;
  pair_salt: string;
  reason_commitment: string;
  index: number;
  path: string[];
}

export interface Proof {
  format: string;
  announcement: {
    campaign: Campaign;
    campaign_hash: string;
    snapshot: SnapshotRef;
    exclusion: string[];
    exclusion_root: string;
    officer_history: { officer: string; target: string }[];
    officer_history_root: string;
    drawn_this_year: string[];
    drawn_this_year_root: string;
    coordination: { group: string; members: string[]; hash: string } | null;
    ledger_head: string;
    announced_at: string;
    hash: string;
  };
  entropy: { reveals: Reveal[]; missing: string[]; beacon: BeaconProof | null };
  seed: string;
  prn_seed: string;
  group_announcements: string[];
  pool_size: number;
  excluded_by_class: number;
  strata: ProofStratum[];
  items: ItemRecord[];
  officers: OfficerRecord[];
  targets: ProofTarget[];
  blocked_pairs: BlockedPair[];
  teams: { target: string; officers: string[] }[];
}

export const PROOF_FORMAT = 'dualdraw-draw-proof-v1';

export function decodeProof(v: JsonValue): Proof {
  const p = obj(v, '', ['format', 'announcement', 'entropy', 'seed', 'prn_seed', 'group_announcements', 'pool_size', 'excluded_by_class', 'strata', 'items', 'officers', 'targets', 'blocked_pairs', 'teams']);
  const format = str(p.format, 'format');
  if (format !== PROOF_FORMAT) throw new DecodeError('format', `"${PROOF_FORMAT}"`, show(format));
  const a = obj(p.announcement, 'announcement', ['campaign', 'campaign_hash', 'snapshot', 'exclusion', 'exclusion_root', 'officer_history', 'officer_history_root', 'drawn_this_year', 'drawn_this_year_root', 'coordination', 'ledger_head', 'announced_at', 'hash']);
  let coordination: Proof['announcement']['coordination'] = null;
  if (a.coordination !== null) {
    const co = obj(a.coordination, 'announcement.coordination', ['group', 'members', 'hash']);
    coordination = { group: str(co.group, 'announcement.coordination.group'), members: hashList(co.members, 'announcement.coordination.members'), hash: hash(co.hash, 'announcement.coordination.hash') };
  }
  const e = obj(p.entropy, 'entropy', ['reveals', 'missing', 'beacon']);
  let beacon: BeaconProof | null = null;
  if (e.beacon !== null) {
    const b = obj(e.beacon, 'entropy.beacon', ['scheme', 'round', 'evidence', 'round_time', 'value']);
    beacon = {
      scheme: str(b.scheme, 'entropy.beacon.scheme'),
      round: typeof b.round === 'number' || typeof b.round === 'bigint' ? u64(b.round, 'entropy.beacon.round').toString() : str(b.round, 'entropy.beacon.round'),
      evidence: str(b.evidence, 'entropy.beacon.evidence'),
      round_time: optStr(b.round_time, 'entropy.beacon.round_time'),
      value: hash(b.value, 'entropy.beacon.value'),
    };
  }
  return {
    format,
    announcement: {
      campaign: decodeCampaign(a.campaign, 'announcement.campaign'),
      campaign_hash: hash(a.campaign_hash, 'announcement.campaign_hash'),
      snapshot: decodeSnapshotRef(a.snapshot, 'announcement.snapshot'),
      exclusion: strList(a.exclusion, 'announcement.exclusion'),
      exclusion_root: hash(a.exclusion_root, 'announcement.exclusion_root'),
      officer_history: arr(a.officer_history, 'announcement.officer_history').map((x, i) => {
        const o = obj(x, `announcement.officer_history[${i}]`, ['officer', 'target']);
        return { officer: str(o.officer, `announcement.officer_history[${i}].officer`), target: str(o.target, `announcement.officer_history[${i}].target`) };
      }),
      officer_history_root: hash(a.officer_history_root, 'announcement.officer_history_root'),
      drawn_this_year: strList(a.drawn_this_year, 'announcement.drawn_this_year'),
      drawn_this_year_root: hash(a.drawn_this_year_root, 'announcement.drawn_this_year_root'),
      coordination,
      ledger_head: hash(a.ledger_head, 'announcement.ledger_head'),
      announced_at: str(a.announced_at, 'announcement.announced_at'),
      hash: hash(a.hash, 'announcement.hash'),
    },
    entropy: {
      reveals: arr(e.reveals, 'entropy.reveals').map((x, i) => {
        const o = obj(x, `entropy.reveals[${i}]`, ['name', 'secret', 'revealed_at']);
        return { name: str(o.name, `entropy.reveals[${i}].name`), secret: str(o.secret, `entropy.reveals[${i}].secret`), revealed_at: str(o.revealed_at, `entropy.reveals[${i}].revealed_at`) };
      }),
      missing: strList(e.missing, 'entropy.missing'),
      beacon,
    },
    seed: hash(p.seed, 'seed'),
    prn_seed: hash(p.prn_seed, 'prn_seed'),
    group_announcements: hashList(p.group_announcements, 'group_announcements'),
    pool_size: int(p.pool_size, 'pool_size'),
    excluded_by_class: int(p.excluded_by_class, 'excluded_by_class'),
    strata: arr(p.strata, 'strata').map((x, i) => {
      const o = obj(x, `strata[${i}]`, ['credit_class', 'pool', 'drawn', 'threshold_commitment']);
      return { credit_class: str(o.credit_class, `strata[${i}].credit_class`), pool: int(o.pool, `strata[${i}].pool`), drawn: int(o.drawn, `strata[${i}].drawn`), threshold_commitment: hash(o.threshold_commitment, `strata[${i}].threshold_commitment`) };
    }),
    items: arr(p.items, 'items').map((x, i) => decodeItem(x, `items[${i}]`)),
    officers: arr(p.officers, 'officers').map((x, i) => decodeOfficer(x, `officers[${i}]`)),
    targets: arr(p.targets, 'targets').map((x, i) => {
      const o = obj(x, `targets[${i}]`, ['entity', 'prn', 'items', 'departments', 'index', 'path']);
      return {
        entity: decodeEntity(o.entity, `targets[${i}].entity`),
        prn: hash(o.prn, `targets[${i}].prn`),
        items: strList(o.items, `targets[${i}].items`),
        departments: strList(o.departments, `targets[${i}].departments`),
        index: int(o.index, `targets[${i}].index`),
        path: hashList(o.path, `targets[${i}].path`),
      };
    }),
    blocked_pairs: arr(p.blocked_pairs, 'blocked_pairs').map((x, i) => {
      const o = obj(x, `blocked_pairs[${i}]`, ['officer', 'target', 'pair_salt', 'reason_commitment', 'index', 'path']);
      return {
        officer: str(o.officer, `blocked_pairs[${i}].officer`),
        target: str(o.target, `blocked_pairs[${i}].target`),
        pair_salt: hash(o.pair_salt, `blocked_pairs[${i}].pair_salt`),
        reason_commitment: hash(o.reason_commitment, `blocked_pairs[${i}].reason_commitment`),
        index: int(o.index, `blocked_pairs[${i}].index`),
        path: hashList(o.path, `blocked_pairs[${i}].path`),
      };
    }),
    teams: arr(p.teams, 'teams').map((x, i) => {
      const o = obj(x, `teams[${i}]`, ['target', 'officers']);
      return { target: str(o.target, `teams[${i}].target`), officers: strList(o.officers, `teams[${i}].officers`) };
    }),
  };
}
