// "Was my company in the pool? Was it drawn?" — for one USCC: its record and inclusion proof against the announced
// entities root (from the public snapshot, or from an inclusion proof file of `dualdraw registry prove USCC`), the
// public pool rules, the draw, its permanent random number, and with the opening of its own credit class (`--open`,
// given by the bureau to the enterprise only) its class and stratum.
import { Writer, toHex } from './bytes.ts';
import { commitment, entityLeaf, isUscc, usccCheckCharacter, prefixedLeafHash, rootFromPath, snapshotDigest, verifyInclusion, type EntityRecord } from './commitments.ts';
import { DecodeError, decodeEntity, decodeSnapshotRef, hashList, int, obj, str, hash as decHash, type Proof } from './decode.ts';
import { prn, prnKey, startOffset } from './draw.ts';
import { JsonError, parseJson, type JsonValue } from './json.ts';
import type { EntityIndex } from './snapshot.ts';
import { compactFind } from './compactLookup.ts';
import { t, type T } from './text.ts';
import { drawCategories, makePoolPredicate } from './verify.ts';

export interface LookupLine {
  kind: 'ok' | 'fail' | 'info';
  text: T;
}

export interface LookupResult {
  uscc: string;
  headline: LookupLine;
  lines: LookupLine[];
  record: EntityRecord | null;
  inPool: boolean | null;
  drawn: boolean;
  inclusionOk: boolean | null;
  classOk: boolean | null;
  creditClass: string | null;
  /** the GB 32100-2015 check character of the code's first 17 characters (null when they are not of the alphabet) */
  checkCharacter?: string | null;
}

export const INCLUSION_FORMAT = 'dualdraw-inclusion-v1';

interface InclusionFile {
  snapshot: ReturnType<typeof decodeSnapshotRef>;
  record: EntityRecord;
  index: number;
  path: string[];
  opening: { field: string; value: string; salt: string } | null;
}

/** Decode an inclusion proof file (COMMITMENTS.md §7) of an entity. */
export function readInclusion(bytes: Uint8Array): { file: InclusionFile | null; problem: T | null } {
  let v: JsonValue;
  try {
    v = parseJson(bytes);
  } catch (e) {
    const m = e instanceof JsonError ? e.message : String(e);
    return { file: null, problem: t(`包含证明文件不是有效的 JSON（${m}）。`, `The inclusion proof is not valid JSON (${m}).`) };
  }
  try {
    const o = obj(v, '', ['format', 'snapshot', 'registry', 'record', 'index', 'path', 'opening'], ['opening']);
    const format = str(o.format, 'format');
    if (format !== INCLUSION_FORMAT) return { file: null, problem: t(`这不是名录包含证明（格式应为 ${INCLUSION_FORMAT}，文件中为 ${format}）。`, `This is not an inclusion proof (format should be ${INCLUSION_FORMAT}, the file says ${format}).`) };
    const registry = str(o.registry, 'registry');
    if (registry !== 'entities') return { file: null, problem: t(`这份包含证明是关于“${registry}”名录的，不是市场主体名录。`, `This inclusion proof is about "${registry}", not the entity registry.`) };
    let opening: InclusionFile['opening'] = null;
    if (o.opening !== undefined && o.opening !== null) {
      const op = obj(o.opening, 'opening', ['field', 'value', 'salt']);
      opening = { field: str(op.field, 'opening.field'), value: str(op.value, 'opening.value'), salt: decHash(op.salt, 'opening.salt') };
    }
    return {
      file: { snapshot: decodeSnapshotRef(o.snapshot, 'snapshot'), record: decodeEntity(o.record, 'record'), index: int(o.index, 'index'), path: hashList(o.path, 'path'), opening },
      problem: null,
    };
  } catch (e) {
    if (e instanceof DecodeError) return { file: null, problem: t(`包含证明文件的字段“${e.path}”不对：应为 ${e.expected}，文件中为 ${e.got}。`, `The inclusion proof's field "${e.path}" is wrong: expected ${e.expected}, the file has ${e.got}.`) };
    throw e;
  }
}

export const THRESHOLD_FORMAT = 'dualdraw-threshold-opening-v1';

export interface ThresholdOpening {
  campaign: string;
  campaign_hash: string;
  credit_class: string;
  threshold: string | null;
  salt: string;
}

/** A stratum's threshold opening (SPEC §7: `dualdraw campaign open-threshold ID CLASS`). */
export function readThreshold(bytes: Uint8Array): { opening: ThresholdOpening | null; problem: T | null } {
  let v: JsonValue;
  try {
    v = parseJson(bytes);
  } catch (e) {
    const m = e instanceof JsonError ? e.message : String(e);
    return { opening: null, problem: t(`门槛开启文件不是有效的 JSON（${m}）。`, `The threshold opening is not valid JSON (${m}).`) };
  }
  try {
    const o = obj(v, '', ['format', 'campaign', 'campaign_hash', 'credit_class', 'threshold', 'salt'], [], true);
    const format = str(o.format, 'format');
    if (format !== THRESHOLD_FORMAT) return { opening: null, problem: t(`这不是分层门槛的开启文件（格式应为 ${THRESHOLD_FORMAT}，文件中为 ${format}）。`, `This is not a threshold opening (format should be ${THRESHOLD_FORMAT}, the file says ${format}).`) };
    return {
      opening: { campaign: str(o.campaign, 'campaign'), campaign_hash: decHash(o.campaign_hash, 'campaign_hash'), credit_class: str(o.credit_class, 'credit_class'), threshold: o.threshold === null ? null : decHash(o.threshold, 'threshold'), salt: decHash(o.salt, 'salt') },
      problem: null,
    };
  } catch (e) {
    if (e instanceof DecodeError) return { opening: null, problem: t(`门槛开启文件的字段“${e.path}”不对：应为 ${e.expected}，文件中为 ${e.got}。`, `The threshold opening's field "${e.path}" is wrong: expected ${e.expected}, the file has ${e.got}.`) };
    throw e;
  }
}

/** threshold_commitment = SHA-256(lp("dualdraw-threshold-v1") ‖ lp(salt: 32 raw bytes) ‖ lp(class) ‖ opt(threshold hex)) */
export function thresholdCommitment(salt: string, cls: string, threshold: string | null): string {
  return toHex(new Writer(160).lp('dualdraw-threshold-v1').lp(hexToBytes(salt)).lp(cls).opt(threshold).sha());
}

const cap = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);

const STATUS_ZH: Record<string, string> = { in_business: '存续', revoked: '吊销', deregistered: '注销', withdrawn: '撤销', moved_out: '迁出', suspended: '停业' };

function cmp32(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * The look-up of one USCC. `index`: a verified JSON public snapshot's; `compact`: a compact public snapshot (COMMITMENTS
 * §9), verified or not (its trailer, index and one block are read, and the path is checked against the announced root).
 */
export async function lookup(proof: Proof, usccIn: string, index: EntityIndex | null, inclusion: Uint8Array | null, thresholdFile: Uint8Array | null = null, compact: Blob | null = null): Promise<LookupResult> {
  const lines: LookupLine[] = [];
  const a = proof.announcement;
  const camp = a.campaign;
  const entRoot = a.snapshot.roots.entities;
  let uscc = usccIn.trim().toUpperCase();
  let record: EntityRecord | null = null;
  let inclusionOk: boolean | null = null;
  let opening: InclusionFile['opening'] = null;
  const res = (headline: LookupLine, extra: Partial<LookupResult> = {}): LookupResult => ({ uscc, headline, lines, record, inPool: null, drawn: false, inclusionOk, classOk: null, creditClass: null, ...extra });

  // 1. an inclusion proof file, if given
  if (inclusion) {
    const { file, problem } = readInclusion(inclusion);
    if (!file) return res({ kind: 'fail', text: problem! });
    if (uscc === '') uscc = file.record.uscc;
    if (file.record.uscc !== uscc)
      return res({ kind: 'fail', text: t(`包含证明文件是关于 ${file.record.uscc} 的，不是您输入的 ${uscc}。`, `The inclusion proof is about ${file.record.uscc}, not ${uscc}.`) });
    const d = toHex(snapshotDigest(file.snapshot.roots));
    if (d !== file.snapshot.digest) {
      inclusionOk = false;
      lines.push({ kind: 'fail', text: t(`包含证明中的快照摘要与其名录根不一致（应为 ${d}）。`, `The inclusion proof's digest does not match its roots (expected ${d}).`) });
    } else if (file.snapshot.digest !== a.snapshot.digest) {
      inclusionOk = false;
      lines.push({ kind: 'fail', text: t(`这份包含证明针对的是另一个名录快照（摘要 ${file.snapshot.digest}），不是本次抽查公告时的快照（摘要 ${a.snapshot.digest}）。请向登记机关索取本次快照的证明。`, `This inclusion proof is about another registry snapshot (${file.snapshot.digest}), not the one announced for this draw (${a.snapshot.digest}).`) });
    } else {
      const lh = prefixedLeafHash((w) => entityLeaf(file.record, w), new Writer(512));
      inclusionOk = verifyInclusion(file.index, entRoot.size as number, lh, file.path, entRoot.hash);
      lines.push(
        inclusionOk
          ? { kind: 'ok', text: t(`包含证明成立：该企业的登记信息是公告时市场主体名录的第 ${file.index + 1} 条（名录根 ${entRoot.hash}）。`, `The inclusion proof holds: the record is entry ${file.index + 1} of the entity registry as announced (root ${entRoot.hash}).`) }
          : { kind: 'fail', text: t('包含证明不成立：文件中的登记信息或路径与公告的名录根对不上。', 'The inclusion proof fails: the record or path does not lead to the announced root.') },
      );
    }
    if (inclusionOk) record = file.record;
    opening = file.opening;
  }

  if (!isUscc(uscc)) return res({ kind: 'fail', text: t(`“${usccIn}”不是有效的统一社会信用代码（18 位，数字和除 I、O、Z、S、V 以外的大写字母）。`, `"${usccIn}" is not a valid unified social credit code (18 characters).`) });

  // GB 32100-2015: a wrong check character is a mistyped (or invalid) code, not an unregistered one; a registry may
  // still hold such a code (early pilot codes), so it is looked up, and named invalid when it is not found
  const check = usccCheckCharacter(uscc.slice(0, 17));
  const badCheck = check !== null && check !== uscc[17];
  const invalid = (): LookupResult =>
    res({ kind: 'fail', text: t(`“${uscc}”不是有效的统一社会信用代码：按前 17 位，第 18 位校验码应为“${check}”，输入的是“${uscc[17]}”（GB 32100-2015）。请检查是否输错。`, `"${uscc}" is not a valid unified social credit code: from its first 17 characters the check character (18th) should be "${check}", not "${uscc[17]}" (GB 32100-2015). Was it mistyped?`) }, { inPool: false, checkCharacter: check });
  if (badCheck) lines.push({ kind: 'fail', text: t(`校验码不对：第 18 位应为“${check}”，输入的是“${uscc[17]}”。`, `Wrong check character: the 18th should be "${check}", not "${uscc[17]}".`) });

  let compactFailed = false;
  // 2. the public snapshot: a compact one (read where the USCC must be), or a verified JSON one
  if (!record && compact) {
    const r = await compactFind(compact, uscc, { hash: entRoot.hash, size: entRoot.size });
    if (r.problem) {
      inclusionOk = false;
      compactFailed = true;
      lines.push({ kind: 'fail', text: t(`无法由公开名录（紧凑格式）构建包含证明：${r.problem.zh}`, `No inclusion proof can be built from the compact public snapshot: ${r.problem.en}`) });
    } else if (!r.found) {
      if (badCheck) return invalid();
      const nb = r.neighbours ?? { below: null, above: null };
      const zh = [nb.below ? `第 ${nb.below.index + 1} 条 ${nb.below.uscc}` : '', nb.above ? `第 ${nb.above.index + 1} 条 ${nb.above.uscc}` : ''].filter((x) => x).join('与');
      const en = [nb.below ? `entry ${nb.below.index + 1}, ${nb.below.uscc}` : '', nb.above ? `entry ${nb.above.index + 1}, ${nb.above.uscc}` : ''].filter((x) => x).join(' and ');
      lines.push(
        nb.below || nb.above
          ? { kind: 'ok', text: t(`由公开名录（紧凑格式）核对：与该代码相邻的记录（${zh}）的包含证明与公告的名录根一致，它们之间没有其他记录。`, `Checked with the compact public snapshot: the records next to this code (${en}) are in the registry as announced (their inclusion proofs hold), with nothing between them.`) }
          : { kind: 'ok', text: t('由公开名录（紧凑格式）核对：公告时的市场主体名录是空的。', 'Checked with the compact public snapshot: the entity registry as announced is empty.') },
      );
      return res({ kind: 'info', text: t(`${uscc} 不在公告时的市场主体名录中，因此不在本次抽查范围内，也不会被抽中。`, `${uscc} is not in the entity registry as announced, so it was neither in the pool nor drawn.`) }, { inPool: false });
    } else {
      record = r.record;
      inclusionOk = r.inclusionOk;
      lines.push(
        inclusionOk
          ? { kind: 'ok', text: t(`由公开名录（紧凑格式：索引和第 ${r.block} 块）构建包含证明并核对：该企业是公告时市场主体名录的第 ${r.index + 1} 条（共 ${r.size} 条），与公告的名录根一致。`, `An inclusion proof built from the compact public snapshot (its index and block ${r.block}) holds: entry ${r.index + 1} of ${r.size} of the registry as announced.`) }
          : { kind: 'fail', text: t('由公开名录（紧凑格式）构建的包含证明与公告的名录根对不上。', 'The inclusion proof built from the compact public snapshot does not match the announced root.') },
      );
      if (!inclusionOk) record = null;
    }
  }
  if (!record && index && !compact) {
    const i = await index.find(uscc);
    if (i < 0) {
      if (badCheck) return invalid();
      return res({ kind: 'info', text: t(`${uscc} 不在公告时的市场主体名录中，因此不在本次抽查范围内，也不会被抽中。`, `${uscc} is not in the entity registry as announced, so it was neither in the pool nor drawn.`) }, { inPool: false });
    }
    const { leaf, path } = await index.path(i);
    const root = rootFromPath(i, index.n, leaf, path);
    record = await index.read(i);
    inclusionOk = root !== null && toHex(root) === entRoot.hash;
    lines.push(
      inclusionOk
        ? { kind: 'ok', text: t(`由公开名录构建包含证明并核对：该企业是公告时市场主体名录的第 ${i + 1} 条（共 ${index.n} 条），与公告的名录根一致。`, `An inclusion proof built from the public snapshot holds: entry ${i + 1} of ${index.n} of the registry as announced.`) }
        : { kind: 'fail', text: t('由公开名录构建的包含证明与公告的名录根对不上。', 'The inclusion proof built from the public snapshot does not match the announced root.') },
    );
  }

  // 3. a target carries its own inclusion proof
  const tIdx = proof.targets.findIndex((x) => x.entity.uscc === uscc);
  const target = tIdx >= 0 ? proof.targets[tIdx] : null;
  if (!record && target) {
    const lh = prefixedLeafHash((w) => entityLeaf(target.entity, w), new Writer(512));
    inclusionOk = verifyInclusion(target.index, entRoot.size as number, lh, target.path, entRoot.hash);
    record = target.entity;
    lines.push({ kind: inclusionOk ? 'ok' : 'fail', text: inclusionOk ? t('抽查证明中附带的包含证明成立。', 'The inclusion proof inside the draw proof holds.') : t('抽查证明中附带的包含证明不成立。', 'The inclusion proof inside the draw proof fails.') });
  }
  if (!record && badCheck) return invalid();
  if (!record)
    return res({ kind: compactFailed ? 'fail' : 'info', text: t(`${uscc} 不在本次检查对象名单中。要核对它是否在抽查范围内，请先载入公开名录（public-snapshot.json）并完成验证，或载入登记机关为该企业出具的包含证明文件。`, `${uscc} is not on the list of targets. To check whether it was in the pool, load and verify the public snapshot, or load the inclusion proof the bureau made for it.`) }, { drawn: false });

  lines.unshift({ kind: 'info', text: t(`企业：${record.name}（${record.uscc}），地区 ${record.region}${record.township ? ' ' + record.township : ''}，类别：${record.categories.join('、') || '无'}，状态：${STATUS_ZH[record.status] ?? record.status}${record.flags.length ? '，标记：' + record.flags.join('、') : ''}。`, `Entity: ${record.name} (${record.uscc}), region ${record.region}${record.township ? ' ' + record.township : ''}, categories: ${record.categories.join(', ') || 'none'}, status: ${record.status}${record.flags.length ? ', flags: ' + record.flags.join(', ') : ''}.`) });

  // 4. the public pool rules
  const items = new Map(proof.items.map((i) => [i.code, i]));
  const { C } = drawCategories(camp, items);
  const pool = makePoolPredicate(camp, C, new Set(a.exclusion))(record);
  const reasons: Record<string, T> = {
    status: t(`经营状态为“${STATUS_ZH[record.status] ?? record.status}”，只有存续的企业才在范围内`, `its status is "${record.status}"; only entities in business are in the pool`),
    region: t(`所在地区 ${record.region} 不在本次抽查的地区 ${camp.targets.regions.join('、')} 内`, `its region ${record.region} is outside ${camp.targets.regions.join(', ')}`),
    category: t(`其类别（${record.categories.join('、') || '无'}）都不是本次抽查的类别（${[...C].join('、')}）`, `none of its categories (${record.categories.join(', ') || 'none'}) is drawn (${[...C].join(', ')})`),
    flag: t(`带有本次排除的标记（${record.flags.filter((f) => camp.targets.exclude_flags.includes(f)).join('、')}）`, `it carries an excluded flag (${record.flags.filter((f) => camp.targets.exclude_flags.includes(f)).join(', ')})`),
    exclusion: t(`在公告的排除名单中（${camp.targets.exclude_inspected_within_days} 天内已检查过）`, `it is on the announced exclusion list (inspected within ${camp.targets.exclude_inspected_within_days} days)`),
  };
  const inPool = pool.in;
  if (!inPool) lines.push({ kind: 'info', text: t(`不在本次抽查范围内：${reasons[pool.reason!].zh}。`, `Not in the pool: ${reasons[pool.reason!].en}.`) });
  else lines.push({ kind: 'info', text: t('符合本次抽查范围的公开条件（存续、地区、类别、标记、排除名单）。', 'It meets the public conditions of the pool (status, region, category, flags, exclusion list).') });

  // 5. its permanent random number
  const seed = hexToBytes(proof.prn_seed);
  const p = prn(seed, uscc);
  const offset = camp.coordination ? startOffset(camp.coordination.start.p, camp.coordination.start.q) : new Uint8Array(32);
  const key = prnKey(p, offset);
  lines.push({ kind: 'info', text: t(`该企业本次的随机数为 ${toHex(p)}${camp.coordination ? `（协调起点 ${camp.coordination.start.text}，排序键 ${toHex(key)}）` : ''}。每个分层中随机数最小的若干户被抽中。`, `Its random number in this draw is ${toHex(p)}${camp.coordination ? ` (start ${camp.coordination.start.text}, key ${toHex(key)})` : ''}. In each stratum the entities with the smallest numbers are drawn.`) });

  // 6. drawn?
  let drawn = false;
  if (target) {
    drawn = true;
    const team = proof.teams.find((x) => x.target === uscc)?.officers ?? [];
    const officers = new Map(proof.officers.map((o) => [o.id, o]));
    lines.push({ kind: 'info', text: t(`被抽中：检查对象名单第 ${tIdx + 1} 个；检查事项 ${target.items.join('、')}；检查组：${team.map((id) => `${officers.get(id)?.name ?? '?'}（${id}，${officers.get(id)?.department ?? '?'}）`).join('、')}。`, `Drawn: target no. ${tIdx + 1}; items ${target.items.join(', ')}; team: ${team.map((id) => `${officers.get(id)?.name ?? '?'} (${id}, ${officers.get(id)?.department ?? '?'})`).join(', ')}.`) });
    if (toHex(p) !== target.prn) lines.push({ kind: 'fail', text: t(`证明中该企业的随机数（${target.prn}）与由种子算出的不同。`, `The proof's random number for it (${target.prn}) differs from the one computed from the seed.`) });
  }

  // 7. the opening of its own credit class
  let classOk: boolean | null = null;
  let creditClass: string | null = null;
  if (opening) {
    if (opening.field !== 'credit_class') lines.push({ kind: 'fail', text: t(`文件中的开启信息是关于“${opening.field}”的，不是信用风险类别。`, `The opening is about "${opening.field}", not the credit class.`) });
    else {
      const com = toHex(commitment(hexToBytes(opening.salt), ['credit_class', uscc, opening.value]));
      classOk = com === record.credit_class_commitment;
      if (!classOk) lines.push({ kind: 'fail', text: t(`信用风险类别的开启信息不成立：由类别“${opening.value}”和盐值算出的承诺为 ${com}，名录中的承诺为 ${record.credit_class_commitment}。`, `The credit-class opening fails: class "${opening.value}" with its salt gives ${com}, the registry has ${record.credit_class_commitment}.`) });
      else {
        creditClass = opening.value;
        lines.push({ kind: 'ok', text: t(`信用风险类别核对成立：该企业在公告的名录中为 ${opening.value} 类（开启信息与名录中的承诺一致）。`, `Credit class verified: the entity is class ${opening.value} in the registry as announced (the opening matches the commitment).`) });
        if (inPool) {
          const k = opening.value;
          const st = proof.strata.find((s) => s.credit_class === k);
          if (camp.targets.exclude_credit_classes.includes(k)) lines.push({ kind: 'info', text: t(`本次抽查不抽 ${k} 类企业（按类别排除），所以未被抽中。`, `This campaign leaves class ${k} out, so it was not drawn.`) });
          else if (camp.targets.low_risk_once_a_year && k === 'A' && a.drawn_this_year.includes(uscc)) lines.push({ kind: 'info', text: t('低风险（A 类）企业本年度已被抽查过，按“一年只抽一次”的规则不再抽取。', 'A low-risk (class A) entity already drawn or inspected this year is not drawn again (once a year).') });
          else if (st) {
            lines.push({
              kind: 'info',
              text: drawn
                ? t(`在 ${k} 类分层（共 ${st.pool} 户，抽取 ${st.drawn} 户）中，该企业的随机数在最小的 ${st.drawn} 个之内，因此被抽中。`, `In stratum ${k} (${st.pool} entities, ${st.drawn} drawn) its number is among the ${st.drawn} smallest, so it was drawn.`)
                : t(`在 ${k} 类分层（共 ${st.pool} 户，抽取 ${st.drawn} 户）中，该企业的随机数不在最小的 ${st.drawn} 个之内，因此未被抽中。分层的门槛值不公开（公开会泄露其他企业的类别），其承诺为 ${st.threshold_commitment}；登记机关可向本企业出具该分层的门槛开启文件，载入后即可核对。`, `In stratum ${k} (${st.pool} entities, ${st.drawn} drawn) its number is not among the ${st.drawn} smallest, so it was not drawn. The stratum's threshold is not public (it would reveal other entities' classes); its commitment is ${st.threshold_commitment}, and the bureau can give the enterprise its opening to check here.`),
            });
          } else lines.push({ kind: 'fail', text: t(`本次抽查没有 ${k} 类分层，但该企业在范围内。`, `The campaign has no stratum ${k} although the entity is in the pool.`) });
        }
      }
    }
  } else if (inPool) {
    lines.push({ kind: 'info', text: t('要核对本企业的信用风险类别以及为何被抽中或未被抽中，请载入登记机关为本企业出具的带开启信息的包含证明（dualdraw registry prove 统一社会信用代码 --open）。', 'To check its own credit class and why it was or was not drawn, load the inclusion proof with opening the bureau made for it (dualdraw registry prove USCC --open).') });
  }

  // 8. the opening of its stratum's threshold
  if (thresholdFile) {
    const { opening: th, problem } = readThreshold(thresholdFile);
    if (!th) lines.push({ kind: 'fail', text: problem! });
    else if (th.campaign_hash !== a.campaign_hash) lines.push({ kind: 'fail', text: t(`门槛开启文件属于另一个抽查活动（${th.campaign}，活动哈希 ${th.campaign_hash}），不是本次的 ${camp.id}。`, `The threshold opening is for another campaign (${th.campaign}, ${th.campaign_hash}), not ${camp.id}.`) });
    else {
      const st = proof.strata.find((x) => x.credit_class === th.credit_class);
      const com = thresholdCommitment(th.salt, th.credit_class, th.threshold);
      if (!st) lines.push({ kind: 'fail', text: t(`本次抽查没有 ${th.credit_class} 类分层。`, `The campaign has no stratum ${th.credit_class}.`) });
      else if (com !== st.threshold_commitment)
        lines.push({ kind: 'fail', text: t(`${th.credit_class} 类分层门槛的开启信息不成立：算出的承诺为 ${com}，抽查证明中为 ${st.threshold_commitment}。`, `The opening of stratum ${th.credit_class}'s threshold fails: it gives ${com}, the proof has ${st.threshold_commitment}.`) });
      else {
        lines.push({ kind: 'ok', text: t(`${th.credit_class} 类分层的门槛开启成立（与抽查证明中的承诺一致）：门槛为 ${th.threshold ?? '无（该分层未抽取）'}。`, `Stratum ${th.credit_class}'s threshold opening holds (it matches the proof's commitment): the threshold is ${th.threshold ?? 'none (nothing drawn)'}.`) });
        if (creditClass !== null && creditClass !== th.credit_class) lines.push({ kind: 'fail', text: t(`门槛开启是 ${th.credit_class} 类的，而该企业是 ${creditClass} 类，不能据此判断。`, `The threshold is of class ${th.credit_class} but the entity is class ${creditClass}.`) });
        else if (inPool && !(camp.targets.exclude_credit_classes.includes(th.credit_class)) && !(camp.targets.low_risk_once_a_year && th.credit_class === 'A' && a.drawn_this_year.includes(uscc))) {
          const thrKey = th.threshold === null ? null : prnKey(hexToBytes(th.threshold), offset);
          const shouldDraw = thrKey !== null && cmp32(key, thrKey) <= 0;
          const cmpText = thrKey === null ? t('该分层没有抽取任何企业', 'the stratum drew nothing') : shouldDraw ? t(`排序键 ${toHex(key)} 不大于门槛的排序键 ${toHex(thrKey)}`, `its key ${toHex(key)} is at most the threshold's key ${toHex(thrKey)}`) : t(`排序键 ${toHex(key)} 大于门槛的排序键 ${toHex(thrKey)}`, `its key ${toHex(key)} is above the threshold's key ${toHex(thrKey)}`);
          if (creditClass === null) lines.push({ kind: 'info', text: t(`若该企业是 ${th.credit_class} 类：${cmpText.zh}，应${shouldDraw ? '' : '不'}被抽中（未核对其类别：请同时载入带开启信息的包含证明）。`, `If the entity is class ${th.credit_class}: ${cmpText.en}, so it ${shouldDraw ? 'is' : 'is not'} drawn (its class is not checked: load its inclusion proof with opening too).`) });
          else if (shouldDraw === drawn) lines.push({ kind: 'ok', text: t(`${cmpText.zh}，所以${drawn ? '被抽中' : '未被抽中'}，与公布的名单一致。`, `${cap(cmpText.en)}, so it ${drawn ? 'was' : 'was not'} drawn, as the published list says.`) });
          else lines.push({ kind: 'fail', text: t(`${cmpText.zh}，按规则应${shouldDraw ? '' : '不'}被抽中，但公布的名单${drawn ? '中有' : '中没有'}该企业：抽取结果与该企业的类别和门槛不一致。`, `${cap(cmpText.en)}, so it should ${shouldDraw ? '' : 'not '}be drawn, but the published list ${drawn ? 'has' : 'does not have'} it: the draw does not agree with its class and threshold.`) });
        }
      }
    }
  }

  const headline: LookupLine = drawn
    ? { kind: inclusionOk === false ? 'fail' : 'ok', text: t(`${record.name}（${uscc}）在本次抽查范围内，并且被抽中。`, `${record.name} (${uscc}) was in the pool and was drawn.`) }
    : inPool
      ? { kind: inclusionOk === false ? 'fail' : 'info', text: t(`${record.name}（${uscc}）在本次抽查范围内，但没有被抽中。`, `${record.name} (${uscc}) was in the pool but was not drawn.`) }
      : { kind: inclusionOk === false ? 'fail' : 'info', text: t(`${record.name}（${uscc}）不在本次抽查范围内，没有被抽中。`, `${record.name} (${uscc}) was not in the pool and was not drawn.`) };
  // a failed check (an opening that does not open, an inclusion proof that fails, a draw that disagrees with the
  // enterprise's class and threshold) makes the headline red, whatever the rest says
  if (lines.some((l) => l.kind === 'fail')) headline.kind = 'fail';
  return { uscc, headline, lines, record, inPool, drawn, inclusionOk, classOk, creditClass, checkCharacter: check };
}

function hexToBytes(h: string): Uint8Array {
  return new Writer(32).raw(h).out();
}
