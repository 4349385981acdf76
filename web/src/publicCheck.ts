// What public verification (SPEC §7) checks of a public snapshot, whichever its format (COMMITMENTS.md §8 JSON, §9
// compact): each record's validity and order, each registry's root against the announcement, the pool recounted from
// public fields, every target in it with the same record at the same place, and the cross-stratum check (SPEC §9.1).
// The two readers (snapshot.ts, compactVerify.ts) feed it records and leaf hashes; the verdict is then the same for the
// same draw whichever file was read.
import { BinWriter, Writer, binToStr, cmpUtf8, strToBin, toHex } from './bytes.ts';
import { MerkleStream, REGISTRIES, entityLeaf, entityProblems, itemLeaf, itemProblems, officerLeaf, officerProblems, prefixedLeafHash, recusalLeaf, recusalProblems, snapshotDigest, type EntityRecord, type RegistryName } from './commitments.ts';
import { DecodeError, decodeItem, decodeOfficer, obj, hash as decHash, type Proof, type SnapshotRef } from './decode.ts';
import { JsonError, type JsonValue } from './json.ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { hashBytes } from './bytes.ts';
import { CrossStratumCounter, crossStratumCheck, type CrossStratumResult } from './crossStratum.ts';
import { drawCategories, jsonFailure, makePoolPredicate, regZh, targetLabel, type CheckLine, type Failure } from './verify.ts';
import { prn, prnKey, prnPrefix, startOffset } from './draw.ts';
import { CompactError } from './compact.ts';
import { t, type T } from './text.ts';

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
  /** which file was read: 'json' (§8) or 'compact' (§9) */
  snapshotFormat?: 'json' | 'compact';
  /** a compact file's blocks, and how many of them helper threads hashed (compactPool.ts) */
  compact?: { blocks: number; helpers: number; helperBlocks: number };
}

interface TargetSlot {
  i: number;
  x: Proof['targets'][number];
  found: boolean;
}

export class PublicCheck {
  readonly failures: Failure[] = [];
  private perArea = new Map<string, number>();
  readonly trees: Record<RegistryName, MerkleStream>;
  private prevKey: Record<RegistryName, string | null> = { items: null, entities: null, officers: null, recusals: null };
  readonly seen: Record<string, boolean> = {};
  header: SnapshotRef | null = null;
  format: string | null = null;
  publicPool = 0;
  /** the entities' root and count when a reader computes them itself (the compact blocks), else trees.entities */
  entityRoot: { root: () => Uint8Array; count: () => number } | null = null;

  readonly inPool: ReturnType<typeof makePoolPredicate>;
  readonly targets: Map<string, TargetSlot>;
  readonly counter: CrossStratumCounter;
  /** pool conditions in binary strings (json.ts binaryStreams), for readers that test dictionary texts once */
  readonly poolSets: { categories: Set<string>; excludeFlags: Set<string>; regions: string[]; exclusion: Set<string> };
  private prnState;
  private prnWork;
  private offset: Uint8Array;
  private dty: Set<string>;
  private lpScratch = new BinWriter(64);
  private scratch = new BinWriter(1024);

  constructor(
    private proof: Proof,
    entityBlock = 0,
  ) {
    const a = proof.announcement;
    const camp = a.campaign;
    const items = new Map(proof.items.map((i) => [i.code, i]));
    const { C } = drawCategories(camp, items);
    const exclusion = new Set(a.exclusion);
    this.inPool = makePoolPredicate(camp, C, exclusion, strToBin);
    this.poolSets = { categories: new Set([...C].map(strToBin)), excludeFlags: new Set(camp.targets.exclude_flags.map(strToBin)), regions: camp.targets.regions, exclusion };
    this.targets = new Map(proof.targets.map((x, i) => [x.entity.uscc, { i, x, found: false }]));
    // SPEC §9.1: every pool entity's key, counted between the targets' keys (see crossStratum.ts)
    const prnSeed = hashBytes(proof.prn_seed);
    this.offset = camp.coordination ? startOffset(camp.coordination.start.p, camp.coordination.start.q) : new Uint8Array(32);
    this.dty = new Set(a.drawn_this_year.map(strToBin));
    this.counter = new CrossStratumCounter(proof.targets.map((x) => ({ key: prnKey(prn(prnSeed, x.entity.uscc), this.offset), uscc: strToBin(x.entity.uscc), dty: this.dty.has(strToBin(x.entity.uscc)) })));
    this.prnState = sha256.create().update(prnPrefix(prnSeed)); // one compression per entity after this (SPEC §5)
    this.prnWork = sha256.create();
    this.trees = { items: new MerkleStream(), entities: new MerkleStream(entityBlock), officers: new MerkleStream(), recusals: new MerkleStream() };
  }

  fail(area: string, what: T, expected?: unknown, got?: unknown) {
    const k = (this.perArea.get(area) ?? 0) + 1;
    this.perArea.set(area, k);
    if (k <= 8) this.failures.push({ area, what, expected: expected === undefined ? undefined : String(expected), got: got === undefined ? undefined : String(got) });
  }

  has(area: string): boolean {
    return this.perArea.has(area);
  }

  order(reg: RegistryName, key: string, i: number) {
    const p = this.prevKey[reg];
    if (p !== null && cmpUtf8(p, key) >= 0) this.orderFailure(reg, key, i);
    this.prevKey[reg] = key;
  }

  /** Record i (key as a binary string) is not after the one before it. */
  orderFailure(reg: RegistryName, key: string, i: number) {
    this.fail('public_snapshot', t(`公开名录中的${regZh(reg)}第 ${i + 1} 条（${binToStr(key)}）没有按规定顺序排列或与前一条重复。`, `The public snapshot's ${reg} record ${i + 1} (${binToStr(key)}) is out of canonical order or repeats the previous one.`));
  }

  /** A record of items, officers or recusals (a JSON value of either file, texts as binary strings). */
  element(reg: RegistryName, v: JsonValue) {
    const tree = this.trees[reg];
    const i = tree.count;
    const scratch = this.scratch;
    if (reg === 'items') {
      const r = decodeItem(v, `items[${i}]`, true);
      const pr = itemProblems(r).map(binToStr);
      if (pr.length) this.fail('public_snapshot', t(`公开名录中第 ${i + 1} 个检查事项（${binToStr(r.code)}）无效：${pr.join('；')}。`, `Item ${i + 1} (${binToStr(r.code)}) of the public snapshot is invalid: ${pr.join('; ')}.`));
      this.order(reg, r.code, i);
      tree.push(prefixedLeafHash((w) => itemLeaf(r, w), scratch));
    } else if (reg === 'officers') {
      const r = decodeOfficer(v, `officers[${i}]`, true);
      const pr = officerProblems(r).map(binToStr);
      if (pr.length) this.fail('public_snapshot', t(`公开名录中第 ${i + 1} 名执法人员（${binToStr(r.id)}）无效：${pr.join('；')}。`, `Officer ${i + 1} (${binToStr(r.id)}) of the public snapshot is invalid: ${pr.join('; ')}.`));
      this.order(reg, r.id, i);
      tree.push(prefixedLeafHash((w) => officerLeaf(r, w), scratch));
    } else if (reg === 'recusals') {
      const o = obj(v, `recusals[${i}]`, ['pair_commitment', 'reason_commitment'], [], true);
      const r = { pair_commitment: decHash(o.pair_commitment, `recusals[${i}].pair_commitment`), reason_commitment: decHash(o.reason_commitment, `recusals[${i}].reason_commitment`) };
      const pr = recusalProblems(r);
      if (pr.length) this.fail('public_snapshot', t(`公开名录中第 ${i + 1} 条回避记录无效。`, `Recusal ${i + 1} of the public snapshot is invalid.`));
      this.order(reg, r.pair_commitment + r.reason_commitment, i);
      tree.push(prefixedLeafHash((w) => recusalLeaf(r, w), scratch));
    } else throw new Error(`element: ${reg}`);
  }

  /** The leaf hash of an entity record (texts as binary strings). */
  entityLeafHash(e: EntityRecord): Uint8Array {
    return prefixedLeafHash((w) => entityLeaf(e, w), this.scratch);
  }

  /** §4 validity of entity i (its texts binary strings), reported in words. */
  entityValidity(e: EntityRecord, i: number) {
    const pr = entityProblems(e).map(binToStr);
    if (pr.length) this.fail('public_snapshot', t(`公开名录中第 ${i + 1} 个市场主体（${binToStr(e.uscc)}）的登记信息无效：${pr.join('；')}。`, `Entity ${i + 1} (${binToStr(e.uscc)}) of the public snapshot is invalid: ${pr.join('; ')}.`));
  }

  /** Entity i of a reader that has the whole record (the JSON path): validity, order, pool, targets. */
  entity(e: EntityRecord, i: number, lh: Uint8Array) {
    this.entityValidity(e, i);
    this.order('entities', e.uscc, i);
    const p = this.inPool(e);
    const tg = this.targets.get(e.uscc);
    if (p.in) this.poolEntity(e.uscc, tg !== undefined, null);
    if (tg) this.target(tg, e, lh, i, p.in);
  }

  /**
   * An entity of the pool: counted, and unless it is a target its key goes to the cross-stratum counter. `lpUscc` is
   * lp(uscc) when the reader has its bytes (else it is encoded from the binary string).
   */
  poolEntity(uscc: string, isTarget: boolean, lpUscc: Uint8Array | null) {
    this.publicPool++;
    if (isTarget) return;
    const w = this.prnWork;
    (this.prnState as unknown as { _cloneInto(to: typeof w): void })._cloneInto(w);
    w.update(lpUscc ?? this.lpScratch.reset().lp(uscc).view());
    this.counter.add(prnKey(w.digest(), this.offset), uscc, this.dty.has(uscc));
  }

  /** Entity i is a target: it must be in the pool, with the proof's record at the proof's place. */
  target(tg: TargetSlot, e: EntityRecord, lh: Uint8Array, i: number, inPool: boolean) {
    tg.found = true;
    const lbl = targetLabel(tg.i, e.uscc, binToStr(e.name));
    if (!inPool) this.fail('pool', t(`${lbl.zh}按公开名录中的信息不在抽查范围内。`, `${lbl.en} is not in the pool according to the public snapshot.`));
    const tl = prefixedLeafHash((w) => entityLeaf(tg.x.entity, w), new Writer(512));
    if (toHex(tl) !== toHex(lh)) this.fail('pool', t(`${lbl.zh}在证明中的登记信息与公开名录中的不同。`, `${lbl.en}: its record in the proof differs from the public snapshot's.`));
    if (tg.x.index !== i) this.fail('pool', t(`${lbl.zh}在证明中的位置（第 ${tg.x.index} 条）与公开名录中的位置（第 ${i} 条）不同。`, `${lbl.en}: its position in the proof (${tg.x.index}) differs from the public snapshot (${i}).`), i, tg.x.index);
  }

  private rootOf(r: RegistryName): { root: Uint8Array; count: number } {
    if (r === 'entities' && this.entityRoot) return { root: this.entityRoot.root(), count: this.entityRoot.count() };
    return { root: this.trees[r].root(), count: this.trees[r].count };
  }

  counts(found = 0): PublicResult['counts'] {
    const entities = this.entityRoot ? this.entityRoot.count() : this.trees.entities.count;
    return { entities, items: this.trees.items.count, officers: this.trees.officers.count, recusals: this.trees.recusals.count, public_pool: this.publicPool, targets_found: found };
  }

  /** A file that could not be read to its end: one failure, and the line "the public snapshot can be read" fails. */
  readFailure(e: unknown, done: number, t0: number): PublicResult {
    let what: T;
    let area = 'public_snapshot';
    if (e instanceof JsonError) {
      what = jsonFailure(null, e, t('公开名录文件', 'The public snapshot')).what;
      area = 'json';
    } else if (e instanceof CompactError) what = e.what;
    else if (e instanceof DecodeError)
      what = e.expected.startsWith('no such field')
        ? t(`公开名录含有本页面不认识的字段“${e.path}”：它可能来自更新版本的 dualdraw，或被改动过。`, `The public snapshot has a field this page does not know, "${e.path}": a newer dualdraw, or edited.`)
        : t(`公开名录的字段“${e.path}”格式不对：应为 ${e.expected}，文件中为 ${e.got}。`, `The public snapshot's field "${e.path}" is malformed: expected ${e.expected}, the file has ${e.got}.`);
    else what = t(`无法读取公开名录文件：${String(e)}`, `Cannot read the public snapshot: ${String(e)}`);
    this.failures.push({ area, what });
    return { ok: false, crossStratum: null, failures: this.failures, checks: [{ area: 'public_snapshot', label: t('公开名录文件可以完整读取', 'The public snapshot can be read'), ok: false }], counts: this.counts(), bytes: done, ms: Date.now() - t0 };
  }

  /** The file was read to its end: the format, the roots and digest, the pool, the targets, SPEC §9.1. */
  finish(expectedFormat: string, done: number, t0: number, readMs: number): PublicResult {
    const proof = this.proof;
    const a = proof.announcement;
    const camp = a.campaign;
    const checks: CheckLine[] = [];
    const format = this.format;
    if (format !== expectedFormat) this.fail('public_snapshot', t(`公开名录的格式应为“${expectedFormat}”，文件中为“${format ?? '（缺失）'}”。`, `The public snapshot's format should be "${expectedFormat}", the file says "${format ?? '(missing)'}".`), expectedFormat, format);
    for (const r of REGISTRIES) if (!this.seen[r]) this.fail('public_snapshot', t(`公开名录缺少“${r}”部分。`, `The public snapshot has no "${r}".`));
    const h = this.header;
    if (!h) this.fail('public_snapshot', t('公开名录缺少快照摘要和名录根（snapshot）。', 'The public snapshot has no "snapshot" header.'));
    checks.push({ area: 'public_snapshot', label: t('公开名录文件完整、格式正确、按规定顺序排列', 'The public snapshot is complete, well formed and in canonical order'), ok: !this.has('public_snapshot') });

    // roots: recomputed from the file, against the file's header and against the proof's announcement
    for (const r of REGISTRIES) {
      const { root, count: size } = this.rootOf(r);
      const got = toHex(root);
      const ann = a.snapshot.roots[r];
      if (got !== ann.hash || size !== ann.size)
        this.fail('public_snapshot', t(`公开名录中的${regZh(r)}（${size} 条）算出的根与公告的根不一致：公告为 ${ann.hash}（${ann.size} 条），由公开名录算出 ${got}。这份公开名录不是公告时的名录。`, `The public snapshot's ${r} (${size} records) do not give the announced root: announced ${ann.hash} (${ann.size}), the file gives ${got}. This is not the registry as announced.`), `${ann.hash} (${ann.size})`, `${got} (${size})`);
      if (h && (h.roots[r].hash !== ann.hash || h.roots[r].size !== ann.size))
        this.fail('public_snapshot', t(`公开名录标明的${regZh(r)}根与证明中公告的根不一致：公告为 ${ann.hash}（${ann.size} 条），公开名录标明 ${h.roots[r].hash}（${h.roots[r].size} 条）。`, `The public snapshot's stated ${r} root differs from the announced one: announced ${ann.hash} (${ann.size}), the snapshot states ${h.roots[r].hash} (${h.roots[r].size}).`), ann.hash, h.roots[r].hash);
    }
    if (h) {
      const d = toHex(snapshotDigest(h.roots));
      if (d !== h.digest || h.digest !== a.snapshot.digest)
        this.fail('public_snapshot', t(`公开名录的快照摘要与公告不一致：公告为 ${a.snapshot.digest}，公开名录为 ${h.digest}。`, `The public snapshot's digest differs from the announced one: announced ${a.snapshot.digest}, the snapshot says ${h.digest}.`), a.snapshot.digest, h.digest);
    }
    checks.push({ area: 'public_snapshot', label: t('由公开名录重新算出的四个名录根与公告一致', 'The four registry roots recomputed from the public snapshot match the announcement'), ok: !this.has('public_snapshot'), count: 4 });

    const publicPool = this.publicPool;
    const expectedPool = proof.pool_size + proof.excluded_by_class;
    if (publicPool !== expectedPool)
      this.fail('pool', t(`按公开信息重新统计的抽查范围为 ${publicPool} 户，而证明中的范围为 ${proof.pool_size} 户加上因信用类别排除的 ${proof.excluded_by_class} 户，共 ${expectedPool} 户，两者不一致。`, `Recounted from public fields the pool has ${publicPool} entities, but the proof's pool is ${proof.pool_size} plus ${proof.excluded_by_class} left out by class = ${expectedPool}.`), expectedPool, publicPool);
    checks.push({ area: 'pool', label: t(`按公开信息重新统计抽查范围：${publicPool} 户（证明：${proof.pool_size} + 按类别排除 ${proof.excluded_by_class}）`, `Pool recounted from public fields: ${publicPool} (proof: ${proof.pool_size} + ${proof.excluded_by_class} left out by class)`), ok: !this.has('pool') });

    let found = 0;
    for (const [uscc, tg] of this.targets) {
      if (tg.found) found++;
      else this.fail('pool', t(`${targetLabel(tg.i, uscc, tg.x.entity.name).zh}不在公开名录中。`, `${targetLabel(tg.i, uscc, tg.x.entity.name).en} is not in the public snapshot.`));
    }
    checks.push({ area: 'pool', label: t('每个检查对象都在公开名录中，且在抽查范围内', 'Every target is in the public snapshot and in the pool'), ok: !this.has('pool'), count: this.targets.size });
    // ---- SPEC §9.1: could some assignment of the hidden classes have drawn exactly these targets? ----
    let cross: CrossStratumResult | null = null;
    if (!this.has('pool') && !this.has('public_snapshot')) {
      cross = crossStratumCheck(this.counter, {
        strata: proof.strata,
        excluded: proof.excluded_by_class,
        excludeClasses: camp.targets.exclude_credit_classes.length > 0,
        lowRisk: camp.targets.low_risk_once_a_year,
      });
      if (!cross.ok) this.fail('cross_stratum', crossText(cross));
      checks.push({ area: 'cross_stratum', label: t(`存在一种信用类别划分，与公布的各分层户数、抽取数和 ${cross.pool} 户的随机数一致，恰好抽出这些检查对象${cross.order ? `（分层门槛顺序 ${cross.order.join(' ≤ ')}）` : ''}`, `Some assignment of the hidden credit classes, consistent with the published stratum sizes and the ${cross.pool} entities' random numbers, draws exactly these targets${cross.order ? ` (cut order ${cross.order.join(' ≤ ')})` : ''}`), ok: cross.ok, count: cross.pool });
    }
    for (const [area, k] of this.perArea) if (k > 8) this.failures.push({ area, what: t(`……同类问题另有 ${k - 8} 处未逐一列出。`, `…and ${k - 8} more problem(s) of the same kind not listed.`) });

    return { ok: this.failures.length === 0, failures: this.failures, checks, counts: this.counts(found), bytes: done, ms: Date.now() - t0, readMs, crossStratum: cross };
  }
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
