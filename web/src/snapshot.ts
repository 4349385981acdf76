// Public verification (SPEC §7): the published public snapshot (`dualdraw registry export --public`), read as a stream
// so that a province (millions of entities, gigabytes of JSON) never has to be one string. Each registry's leaves are
// hashed as they arrive; the four roots must be the announced ones; the pool is recounted from public fields; every
// target must be in it. What is kept for later look-ups: each entity's byte offset in the file and the roots of the
// aligned 256-leaf subtrees, so an audit path costs one small read of the file.
import { BinWriter, Writer, binToStr, cmpUtf8, strToBin, toHex } from './bytes.ts';
import {
  MerkleStream,
  REGISTRIES,
  auditPath,
  entityLeaf,
  entityProblems,
  itemLeaf,
  itemProblems,
  nodeHash,
  officerLeaf,
  officerProblems,
  prefixedLeafHash,
  rangeRoot,
  recusalLeaf,
  recusalProblems,
  rootFromPath,
  snapshotDigest,
  type EntityRecord,
  type RegistryName,
} from './commitments.ts';
import { DecodeError, decodeEntity, decodeItem, decodeOfficer, decodeSnapshotRef, obj, hash as decHash, type Proof, type SnapshotRef } from './decode.ts';
import { JsonError, JsonStreamParser, MAX_SNAPSHOT_BYTES, parseFirst, sizeProblem, type JsonValue } from './json.ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { hashBytes } from './bytes.ts';
import { CrossStratumCounter, crossStratumCheck, type CrossStratumResult } from './crossStratum.ts';
import { prn, prnKey, prnPrefix, startOffset } from './draw.ts';
import { t, type T } from './text.ts';
import { drawCategories, jsonFailure, makePoolPredicate, regZh, targetLabel, type CheckLine, type Failure } from './verify.ts';

export const PUBLIC_FORMAT = 'dualdraw-public-snapshot-v1';
const BLOCK = 256;
const CHUNK = 4 << 20;

export interface PublicResult {
  ok: boolean;
  failures: Failure[];
  checks: CheckLine[];
  counts: { entities: number; items: number; officers: number; recusals: number; public_pool: number; targets_found: number };
  bytes: number;
  ms: number;
  readMs?: number;
  /** SPEC §9.1, when it ran (the pool and its counts were right) */
  crossStratum: CrossStratumResult | null;
}

/** What the page keeps to answer "was my company in the pool?" after a public verification. */
export class EntityIndex {
  offsets = new Float64Array(1024);
  n = 0;
  lastEnd = 0;
  blocks: Uint8Array[] = [];
  tail: Uint8Array[] = []; // leaf hashes of the last, partial block
  constructor(public file: Blob) {}
  add(start: number, end: number) {
    if (this.n === this.offsets.length) {
      const nb = new Float64Array(this.offsets.length * 2);
      nb.set(this.offsets);
      this.offsets = nb;
    }
    this.offsets[this.n++] = start;
    this.lastEnd = end;
  }
  private endOf(i: number): number {
    return i + 1 < this.n ? this.offsets[i + 1] : this.lastEnd;
  }
  async readRange(a: number, b: number): Promise<EntityRecord[]> {
    const base = this.offsets[a];
    const buf = new Uint8Array(await this.file.slice(base, this.endOf(b - 1)).arrayBuffer());
    const out: EntityRecord[] = [];
    for (let i = a; i < b; i++) out.push(decodeEntity(parseFirst(buf.subarray(this.offsets[i] - base, this.endOf(i) - base)), `entities[${i}]`, true));
    return out;
  }
  async read(i: number): Promise<EntityRecord> {
    return (await this.readRange(i, i + 1))[0];
  }
  /** Index of a USCC by binary search (the entities are in USCC order, checked while reading), or -1. */
  async find(uscc: string): Promise<number> {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = await this.read(mid);
      const c = cmpUtf8(r.uscc, uscc);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  /** The audit path of leaf m (RFC 9162), from the kept block roots and one read of m's block. */
  async path(m: number): Promise<{ leaf: Uint8Array; path: Uint8Array[] }> {
    const b0 = Math.floor(m / BLOCK) * BLOCK;
    const b1 = Math.min(b0 + BLOCK, this.n);
    const recs = await this.readRange(b0, b1);
    const scratch = new Writer(512);
    const leaves = recs.map((r) => prefixedLeafHash((w) => entityLeaf(r, w), scratch));
    const tailStart = this.blocks.length * BLOCK;
    const leafAt = (i: number): Uint8Array => {
      if (i >= b0 && i < b1) return leaves[i - b0];
      if (i >= tailStart) return this.tail[i - tailStart];
      throw new Error(`leaf ${i} not available`);
    };
    const mth = (a: number, b: number): Uint8Array => {
      if (b - a === BLOCK && a % BLOCK === 0 && a / BLOCK < this.blocks.length) return this.blocks[a / BLOCK];
      if (b - a === 1) return leafAt(a);
      let k = 1;
      while (k * 2 < b - a) k *= 2;
      return nodeHash(mth(a, a + k), mth(a + k, b));
    };
    return { leaf: leafAt(m), path: auditPath(m, this.n, mth) };
  }
}

export { rangeRoot, rootFromPath };

type Progress = (bytes: number, total: number, entities: number) => void;

export async function verifyPublic(proof: Proof, file: Blob, onProgress: Progress): Promise<{ result: PublicResult; index: EntityIndex }> {
  const t0 = Date.now();
  const failures: Failure[] = [];
  const perArea = new Map<string, number>();
  const fail = (area: string, what: T, expected?: unknown, got?: unknown) => {
    const k = (perArea.get(area) ?? 0) + 1;
    perArea.set(area, k);
    if (k <= 8) failures.push({ area, what, expected: expected === undefined ? undefined : String(expected), got: got === undefined ? undefined : String(got) });
  };
  const a = proof.announcement;
  const camp = a.campaign;
  const items = new Map(proof.items.map((i) => [i.code, i]));
  const { C } = drawCategories(camp, items);
  const inPool = makePoolPredicate(camp, C, new Set(a.exclusion), strToBin);
  const targets = new Map(proof.targets.map((x, i) => [x.entity.uscc, { i, x, found: false }]));
  const index = new EntityIndex(file);

  // SPEC §9.1: every pool entity's key, counted between the targets' keys (see crossStratum.ts)
  const prnSeed = hashBytes(proof.prn_seed);
  const offset = camp.coordination ? startOffset(camp.coordination.start.p, camp.coordination.start.q) : new Uint8Array(32);
  const dty = new Set(a.drawn_this_year.map(strToBin));
  const counter = new CrossStratumCounter(proof.targets.map((x) => ({ key: prnKey(prn(prnSeed, x.entity.uscc), offset), uscc: strToBin(x.entity.uscc), dty: dty.has(strToBin(x.entity.uscc)) })));
  const prnState = sha256.create().update(prnPrefix(prnSeed)); // one compression per entity after this (SPEC §5)
  const lpScratch = new BinWriter(64);

  const trees: Record<RegistryName, MerkleStream> = {
    items: new MerkleStream(),
    entities: new MerkleStream(BLOCK),
    officers: new MerkleStream(),
    recusals: new MerkleStream(),
  };
  const prevKey: Record<RegistryName, string | null> = { items: null, entities: null, officers: null, recusals: null };
  const seen: Record<string, boolean> = {};
  const scratch = new BinWriter(1024);
  let header: SnapshotRef | null = null;
  let format: string | null = null;
  let publicPool = 0;
  let tail: Uint8Array[] = [];

  const order = (reg: RegistryName, key: string, i: number) => {
    const p = prevKey[reg];
    if (p !== null && cmpUtf8(p, key) >= 0)
      fail('public_snapshot', t(`公开名录中的${regZh(reg)}第 ${i + 1} 条（${binToStr(key)}）没有按规定顺序排列或与前一条重复。`, `The public snapshot's ${reg} record ${i + 1} (${binToStr(key)}) is out of canonical order or repeats the previous one.`));
    prevKey[reg] = key;
  };

  const onElement = (key: string, v: JsonValue, start: number, end: number) => {
    const reg = key as RegistryName;
    const tree = trees[reg];
    const i = tree.count;
    if (reg === 'entities') {
      const e = decodeEntity(v, `entities[${i}]`, true);
      const pr = entityProblems(e).map(binToStr);
      if (pr.length) fail('public_snapshot', t(`公开名录中第 ${i + 1} 个市场主体（${e.uscc}）的登记信息无效：${pr.join('；')}。`, `Entity ${i + 1} (${e.uscc}) of the public snapshot is invalid: ${pr.join('; ')}.`));
      order(reg, e.uscc, i);
      // (texts of these records are binary strings: see binaryStreams in json.ts)
      const lh = prefixedLeafHash((w) => entityLeaf(e, w), scratch);
      tree.push(lh);
      tail.push(lh);
      if (tail.length === BLOCK) tail = [];
      index.add(start, end);
      const p = inPool(e);
      if (p.in) publicPool++;
      const tg = targets.get(e.uscc);
      if (p.in && !tg) counter.add(prnKey(prnState.clone().update(lpScratch.reset().lp(e.uscc).view()).digest(), offset), e.uscc, dty.has(e.uscc));
      if (tg) {
        tg.found = true;
        const lbl = targetLabel(tg.i, e.uscc, binToStr(e.name));
        if (!p.in) fail('pool', t(`${lbl.zh}按公开名录中的信息不在抽查范围内。`, `${lbl.en} is not in the pool according to the public snapshot.`));
        const tl = prefixedLeafHash((w) => entityLeaf(tg.x.entity, w), new Writer(512));
        if (toHex(tl) !== toHex(lh)) fail('pool', t(`${lbl.zh}在证明中的登记信息与公开名录中的不同。`, `${lbl.en}: its record in the proof differs from the public snapshot's.`));
        if (tg.x.index !== i) fail('pool', t(`${lbl.zh}在证明中的位置（第 ${tg.x.index} 条）与公开名录中的位置（第 ${i} 条）不同。`, `${lbl.en}: its position in the proof (${tg.x.index}) differs from the public snapshot (${i}).`), i, tg.x.index);
      }
    } else if (reg === 'items') {
      const r = decodeItem(v, `items[${i}]`, true);
      const pr = itemProblems(r).map(binToStr);
      if (pr.length) fail('public_snapshot', t(`公开名录中第 ${i + 1} 个检查事项（${binToStr(r.code)}）无效：${pr.join('；')}。`, `Item ${i + 1} (${binToStr(r.code)}) of the public snapshot is invalid: ${pr.join('; ')}.`));
      order(reg, r.code, i);
      tree.push(prefixedLeafHash((w) => itemLeaf(r, w), scratch));
    } else if (reg === 'officers') {
      const r = decodeOfficer(v, `officers[${i}]`, true);
      const pr = officerProblems(r).map(binToStr);
      if (pr.length) fail('public_snapshot', t(`公开名录中第 ${i + 1} 名执法人员（${binToStr(r.id)}）无效：${pr.join('；')}。`, `Officer ${i + 1} (${binToStr(r.id)}) of the public snapshot is invalid: ${pr.join('; ')}.`));
      order(reg, r.id, i);
      tree.push(prefixedLeafHash((w) => officerLeaf(r, w), scratch));
    } else if (reg === 'recusals') {
      const o = obj(v, `recusals[${i}]`, ['pair_commitment', 'reason_commitment'], [], true);
      const r = { pair_commitment: decHash(o.pair_commitment, `recusals[${i}].pair_commitment`), reason_commitment: decHash(o.reason_commitment, `recusals[${i}].reason_commitment`) };
      const pr = recusalProblems(r);
      if (pr.length) fail('public_snapshot', t(`公开名录中第 ${i + 1} 条回避记录无效。`, `Recusal ${i + 1} of the public snapshot is invalid.`));
      order(reg, r.pair_commitment + r.reason_commitment, i);
      tree.push(prefixedLeafHash((w) => recusalLeaf(r, w), scratch));
    }
  };

  const parser = new JsonStreamParser({
    streamKeys: REGISTRIES,
    binaryStreams: true,
    maxBytes: MAX_SNAPSHOT_BYTES,
    onElement,
    onArrayStart: (k) => {
      seen[k] = true;
    },
    onTopLevel: (k, v) => {
      if (k === 'format') format = typeof v === 'string' ? v : JSON.stringify(v);
      else if (k === 'snapshot') header = decodeSnapshotRef(v, 'snapshot', true);
      // other keys are ignored: COMMITMENTS.md §8 lets later versions add some
    },
  });

  const total = file.size;
  let done = 0;
  let lastReport = 0;
  let readMs = 0;
  try {
    const big = sizeProblem(total, MAX_SNAPSHOT_BYTES);
    if (big) throw big;
    // Read in slices of a few megabytes: bounded memory like File.stream(), but far fewer asynchronous reads (a
    // browser's stream delivers 64 KB chunks, and each costs a round trip to the browser's file reader).
    for (let pos = 0; pos < total; ) {
      const tr0 = Date.now();
      const value = new Uint8Array(await file.slice(pos, Math.min(total, pos + CHUNK)).arrayBuffer());
      readMs += Date.now() - tr0;
      pos += value.length;
      if (value.length === 0) break;
      parser.push(value);
      done += value.length;
      const now = Date.now();
      if (now - lastReport > 100) {
        lastReport = now;
        onProgress(done, total, trees.entities.count);
      }
    }
    parser.end();
  } catch (e) {
    let what: T;
    let area = 'public_snapshot';
    if (e instanceof JsonError) {
      what = jsonFailure(null, e, t('公开名录文件', 'The public snapshot')).what;
      area = 'json';
    } else if (e instanceof DecodeError)
      what = e.expected.startsWith('no such field')
        ? t(`公开名录含有本页面不认识的字段“${e.path}”：它可能来自更新版本的 dualdraw，或被改动过。`, `The public snapshot has a field this page does not know, "${e.path}": a newer dualdraw, or edited.`)
        : t(`公开名录的字段“${e.path}”格式不对：应为 ${e.expected}，文件中为 ${e.got}。`, `The public snapshot's field "${e.path}" is malformed: expected ${e.expected}, the file has ${e.got}.`);
    else what = t(`无法读取公开名录文件：${String(e)}`, `Cannot read the public snapshot: ${String(e)}`);
    failures.push({ area, what });
    onProgress(done, total, trees.entities.count);
    return {
      result: { ok: false, crossStratum: null, failures, checks: [{ area: 'public_snapshot', label: t('公开名录文件可以完整读取', 'The public snapshot can be read'), ok: false }], counts: { entities: trees.entities.count, items: trees.items.count, officers: trees.officers.count, recusals: trees.recusals.count, public_pool: publicPool, targets_found: 0 }, bytes: done, ms: Date.now() - t0 },
      index,
    };
  }
  onProgress(done, total, trees.entities.count);
  index.blocks = trees.entities.blocks!;
  index.tail = tail;

  const checks: CheckLine[] = [];
  if (format !== PUBLIC_FORMAT) fail('public_snapshot', t(`公开名录的格式应为“${PUBLIC_FORMAT}”，文件中为“${format ?? '（缺失）'}”。`, `The public snapshot's format should be "${PUBLIC_FORMAT}", the file says "${format ?? '(missing)'}".`), PUBLIC_FORMAT, format);
  for (const r of REGISTRIES) if (!seen[r]) fail('public_snapshot', t(`公开名录缺少“${r}”部分。`, `The public snapshot has no "${r}".`));
  const h = header as SnapshotRef | null;
  if (!h) fail('public_snapshot', t('公开名录缺少快照摘要和名录根（snapshot）。', 'The public snapshot has no "snapshot" header.'));
  checks.push({ area: 'public_snapshot', label: t('公开名录文件完整、格式正确、按规定顺序排列', 'The public snapshot is complete, well formed and in canonical order'), ok: !perArea.has('public_snapshot') });

  // roots: recomputed from the file, against the file's header and against the proof's announcement
  for (const r of REGISTRIES) {
    const got = toHex(trees[r].root());
    const size = trees[r].count;
    const ann = a.snapshot.roots[r];
    if (got !== ann.hash || size !== ann.size)
      fail('public_snapshot', t(`公开名录中的${regZh(r)}（${size} 条）算出的根与公告的根不一致：公告为 ${ann.hash}（${ann.size} 条），由公开名录算出 ${got}。这份公开名录不是公告时的名录。`, `The public snapshot's ${r} (${size} records) do not give the announced root: announced ${ann.hash} (${ann.size}), the file gives ${got}. This is not the registry as announced.`), `${ann.hash} (${ann.size})`, `${got} (${size})`);
    if (h && (h.roots[r].hash !== ann.hash || h.roots[r].size !== ann.size))
      fail('public_snapshot', t(`公开名录标明的${regZh(r)}根与证明中公告的根不一致：公告为 ${ann.hash}（${ann.size} 条），公开名录标明 ${h.roots[r].hash}（${h.roots[r].size} 条）。`, `The public snapshot's stated ${r} root differs from the announced one: announced ${ann.hash} (${ann.size}), the snapshot states ${h.roots[r].hash} (${h.roots[r].size}).`), ann.hash, h.roots[r].hash);
  }
  if (h) {
    const d = toHex(snapshotDigest(h.roots));
    if (d !== h.digest || h.digest !== a.snapshot.digest)
      fail('public_snapshot', t(`公开名录的快照摘要与公告不一致：公告为 ${a.snapshot.digest}，公开名录为 ${h.digest}。`, `The public snapshot's digest differs from the announced one: announced ${a.snapshot.digest}, the snapshot says ${h.digest}.`), a.snapshot.digest, h.digest);
  }
  checks.push({ area: 'public_snapshot', label: t('由公开名录重新算出的四个名录根与公告一致', 'The four registry roots recomputed from the public snapshot match the announcement'), ok: !perArea.has('public_snapshot'), count: 4 });

  const expectedPool = proof.pool_size + proof.excluded_by_class;
  if (publicPool !== expectedPool)
    fail('pool', t(`按公开信息重新统计的抽查范围为 ${publicPool} 户，而证明中的范围为 ${proof.pool_size} 户加上因信用类别排除的 ${proof.excluded_by_class} 户，共 ${expectedPool} 户，两者不一致。`, `Recounted from public fields the pool has ${publicPool} entities, but the proof's pool is ${proof.pool_size} plus ${proof.excluded_by_class} left out by class = ${expectedPool}.`), expectedPool, publicPool);
  checks.push({ area: 'pool', label: t(`按公开信息重新统计抽查范围：${publicPool} 户（证明：${proof.pool_size} + 按类别排除 ${proof.excluded_by_class}）`, `Pool recounted from public fields: ${publicPool} (proof: ${proof.pool_size} + ${proof.excluded_by_class} left out by class)`), ok: !perArea.has('pool') });

  let found = 0;
  for (const [uscc, tg] of targets) {
    if (tg.found) found++;
    else fail('pool', t(`${targetLabel(tg.i, uscc, tg.x.entity.name).zh}不在公开名录中。`, `${targetLabel(tg.i, uscc, tg.x.entity.name).en} is not in the public snapshot.`));
  }
  checks.push({ area: 'pool', label: t('每个检查对象都在公开名录中，且在抽查范围内', 'Every target is in the public snapshot and in the pool'), ok: !perArea.has('pool'), count: targets.size });
  // ---- SPEC §9.1: could some assignment of the hidden classes have drawn exactly these targets? ----
  let cross: CrossStratumResult | null = null;
  if (!perArea.has('pool') && !perArea.has('public_snapshot')) {
    cross = crossStratumCheck(counter, {
      strata: proof.strata,
      excluded: proof.excluded_by_class,
      excludeClasses: camp.targets.exclude_credit_classes.length > 0,
      lowRisk: camp.targets.low_risk_once_a_year,
    });
    if (!cross.ok) fail('cross_stratum', crossText(cross));
    checks.push({ area: 'cross_stratum', label: t(`存在一种信用类别划分，与公布的各分层户数、抽取数和 ${cross.pool} 户的随机数一致，恰好抽出这些检查对象${cross.order ? `（分层门槛顺序 ${cross.order.join(' ≤ ')}）` : ''}`, `Some assignment of the hidden credit classes, consistent with the published stratum sizes and the ${cross.pool} entities' random numbers, draws exactly these targets${cross.order ? ` (cut order ${cross.order.join(' ≤ ')})` : ''}`), ok: cross.ok, count: cross.pool });
  }
  for (const [area, k] of perArea) if (k > 8) failures.push({ area, what: t(`……同类问题另有 ${k - 8} 处未逐一列出。`, `…and ${k - 8} more problem(s) of the same kind not listed.`) });

  return {
    result: {
      ok: failures.length === 0,
      failures,
      checks,
      counts: { entities: trees.entities.count, items: trees.items.count, officers: trees.officers.count, recusals: trees.recusals.count, public_pool: publicPool, targets_found: found },
      bytes: done,
      ms: Date.now() - t0,
      readMs,
      crossStratum: cross,
    },
    index,
  };
}

function crossText(r: CrossStratumResult): T {
  if (r.reason === 'counts') return t(`分层户数之和与抽查范围不符（范围 ${r.pool} 户，检查对象 ${r.targets} 户），无法做跨分层核对。`, `The strata do not add up to the pool (${r.pool} entities, ${r.targets} targets): the cross-stratum check cannot hold.`);
  if (r.reason === 'low_risk_targets') return t('检查对象中本年度已抽取的企业多于 A 类以外各分层的抽取数之和：它们不能是 A 类（低风险企业一年只抽一次），这样的名单不可能由规定的程序产生。', 'More targets of the drawn-this-year list than the strata other than A draw: they cannot be class A (low risk, once a year), so no genuine draw gives this list.');
  const v = r.violation;
  const detail = v ? t(`例如：只能归入 ${v.bins.join('、') || '（无）'} 的非检查对象有 ${v.demand} 户，而这些分层只能容纳 ${v.capacity} 户`, `e.g. ${v.demand} non-targets could only be in ${v.bins.join(', ') || '(nothing)'}, which hold ${v.capacity}`) : t('', '');
  return t(
    `不存在任何一种信用类别划分能与公布的各分层户数、抽取数和 ${r.pool} 户企业的随机数一致并恰好抽出这 ${r.targets} 个检查对象（${detail.zh}）。名单中至少有一个对象的随机数太大、不可能被抽中，或有未被抽中的企业随机数太小。`,
    `No assignment of the hidden credit classes consistent with the published stratum sizes and the ${r.pool} entities' random numbers draws exactly these ${r.targets} targets (${detail.en}). Some target's number is too large to have been drawn, or some entity left out has one too small.`,
  );
}
