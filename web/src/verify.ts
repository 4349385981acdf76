// Light verification of a draw proof (SPEC §7): everything anyone can check from the proof alone. Every failed check
// becomes a sentence a non-programmer can read, in Chinese and English, with what was expected and what the file has.
import { charCount, cmpUtf8, eqBytes, hashBytes, parseHex, strictlyIncreasing, toHex, utf8, Writer } from './bytes.ts';
import {
  CREDIT_CLASSES,
  MerkleStream,
  commitment,
  entityLeaf,
  entityProblems,
  itemLeaf,
  itemProblems,
  leafHash,
  officerLeaf,
  officerProblems,
  prefixedLeafHash,
  recusalLeaf,
  snapshotDigest,
  textTreeRoot,
  verifyInclusion,
  isUscc,
  isDate,
  type EntityRecord,
  type ItemRecord,
  type OfficerRecord,
  type RegistryName,
} from './commitments.ts';
import type { Proof } from './decode.ts';
import {
  allocation,
  assignTeams,
  assignmentVersion,
  beijingTime,
  campaignHash,
  chinaDate,
  deriveSeed,
  drandBeaconValue,
  encodeAnnouncement,
  groupHash,
  groupSeed,
  historyPairLeaf,
  formatInstant,
  isLotteryCanonical,
  lotteryBeaconValue,
  pairKey,
  parseInstant,
  canonicalInstant,
  prn,
  quicknetRoundTime,
  targetDepartments,
  targetItems,
  witnessCommitment,
  type Campaign,
  type ItemInfo,
} from './draw.ts';
import { verifyQuicknet } from './drand.ts';
import { t, short, type T } from './text.ts';

export interface Failure {
  area: string;
  what: T;
  expected?: string;
  got?: string;
}

export interface CheckLine {
  area: string;
  label: T;
  ok: boolean;
  /** how many things this line checked */
  count?: number;
  skipped?: boolean;
}

export interface TargetView {
  n: number;
  uscc: string;
  name: string;
  region: string;
  township: string | null;
  categories: string[];
  items: { code: string; name: string }[];
  departments: string[];
  prn: string;
  officers: { id: string; name: string; department: string; unit: string }[];
}

export interface ProofView {
  campaign: Campaign;
  itemsByCode: Record<string, { name: string; department: string; target_category: string }>;
  categoriesC: string[];
  announcement: { hash: string; campaign_hash: string; announced_at: string; announced_bj: string | null; snapshot_id: string; digest: string; roots: Proof['announcement']['snapshot']['roots']; exclusion_count: number; ledger_head: string; officer_history_count: number; drawn_this_year_count: number; group: { name: string; hash: string; members: string[] } | null };
  witnesses: { name: string; commitment: string; secret: string | null; revealed_at: string | null; revealed_bj: string | null; ok: boolean | null }[];
  missing: string[];
  beacon: { scheme: string; round: string; evidence: string; round_time: string | null; round_bj: string | null; value: string; ok: boolean } | null;
  seed: string;
  seed_ok: boolean;
  prn_seed: string;
  pool_size: number;
  excluded_by_class: number;
  strata: { credit_class: string; rule: string; min: string | null; max: string | null; pool: number; drawn: number; expected: string | null }[];
  targets: TargetView[];
  blocked_pairs: number;
}

export interface Report {
  ok: boolean;
  failures: Failure[];
  checks: CheckLine[];
  view: ProofView | null;
  /** the teams of the assignment re-run (SPEC §6), by target; null when it could not be re-run */
  teams: { target: string; officers: string[] }[] | null;
}

const MAX_PER_AREA = 8;

class Collector {
  failures: Failure[] = [];
  checks: CheckLine[] = [];
  private perArea = new Map<string, number>();
  private suppressed = new Map<string, number>();
  fail(area: string, what: T, expected?: unknown, got?: unknown) {
    const n = (this.perArea.get(area) ?? 0) + 1;
    this.perArea.set(area, n);
    if (n > MAX_PER_AREA) {
      this.suppressed.set(area, (this.suppressed.get(area) ?? 0) + 1);
      return;
    }
    this.failures.push({ area, what, expected: expected === undefined ? undefined : short(expected, 2000), got: got === undefined ? undefined : short(got, 2000) });
  }
  failed(area: string): boolean {
    return (this.perArea.get(area) ?? 0) > 0;
  }
  line(area: string, label: T, count?: number) {
    this.checks.push({ area, label, ok: !this.failed(area), count });
  }
  skip(area: string, label: T) {
    this.checks.push({ area, label, ok: true, skipped: true });
  }
  finish() {
    for (const [area, k] of this.suppressed) this.failures.push({ area, what: t(`……同类问题另有 ${k} 处未逐一列出。`, `…and ${k} more problem(s) of the same kind not listed.`) });
  }
}

export function targetLabel(i: number, uscc: string, name?: string): T {
  const nm = name ? `，${name}` : '';
  const nmEn = name ? `, ${name}` : '';
  return t(`第${i + 1}个检查对象（${uscc}${nm}）`, `target no. ${i + 1} (${uscc}${nmEn})`);
}

function officerText(id: string, officers: Map<string, OfficerRecord>): string {
  const o = officers.get(id);
  return o ? `${o.name}（${id}，${o.department}）` : id;
}

function officerTextEn(id: string, officers: Map<string, OfficerRecord>): string {
  const o = officers.get(id);
  return o ? `${o.name} (${id}, ${o.department})` : id;
}

export { jsonFailure, loadProof } from './load.ts';

/** The announcement's fields as SPEC §3 encodes them. */
export function announcementFields(proof: Proof) {
  const a = proof.announcement;
  return {
    campaign_hash: a.campaign_hash,
    snapshot_digest: a.snapshot.digest,
    exclusion_count: a.exclusion.length,
    exclusion_root: a.exclusion_root,
    ledger_head: a.ledger_head,
    announced_at: a.announced_at,
    officer_history_count: a.officer_history.length,
    officer_history_root: a.officer_history_root,
    drawn_this_year_count: a.drawn_this_year.length,
    drawn_this_year_root: a.drawn_this_year_root,
    group_hash: a.coordination ? a.coordination.hash : null,
  };
}

/** C: the categories of the draw (SPEC §5). */
export function drawCategories(c: Campaign, items: Map<string, ItemRecord>): { C: Set<string>; Citems: Set<string> } {
  const Citems = new Set<string>();
  for (const code of c.items) {
    const it = items.get(code);
    if (it) Citems.add(it.target_category);
  }
  return { C: new Set(c.targets.categories ?? Citems), Citems };
}

/** The public pool predicate, SPEC §5 rules 1–5 (rule 6, the credit class, is confidential). */
export function makePoolPredicate(c: Campaign, Cin: Set<string>, exclusion: Set<string>, conv: (s: string) => string = (s) => s) {
  const regions = c.targets.regions;
  const C = new Set([...Cin].map(conv));
  const excl = new Set(c.targets.exclude_flags.map(conv));
  return (e: { uscc: string; status: string; region: string; categories: string[]; flags: string[] }): { in: boolean; reason: string | null } => {
    if (e.status !== 'in_business') return { in: false, reason: 'status' };
    if (regions.length && !regions.some((r) => e.region.startsWith(r))) return { in: false, reason: 'region' };
    if (!e.categories.some((x) => C.has(x))) return { in: false, reason: 'category' };
    if (e.flags.some((f) => excl.has(f))) return { in: false, reason: 'flag' };
    if (exclusion.has(e.uscc)) return { in: false, reason: 'exclusion' };
    return { in: true, reason: null };
  };
}

export function ruleText(s: Campaign['targets']['strata'][number]): string {
  if ('ratio' in s.rule) return s.rule.ratio.text;
  return `count ${s.rule.count}`;
}

const REG_ZH: Record<RegistryName, string> = { items: '检查事项清单', entities: '市场主体名录', officers: '执法检查人员名录', recusals: '回避申报' };
export const regZh = (r: RegistryName) => REG_ZH[r];

export function verifyLight(proof: Proof): Report {
  const c = new Collector();
  const a = proof.announcement;
  const camp = a.campaign;
  const items = new Map(proof.items.map((i) => [i.code, i]));
  const officers = new Map(proof.officers.map((o) => [o.id, o]));

  // ---- campaign: canonical form and hash (SPEC §2) ----
  const sortedLists: [string, string[]][] = [
    ['items', camp.items],
    ['targets.categories', camp.targets.categories ?? []],
    ['targets.regions', camp.targets.regions],
    ['targets.exclude_flags', camp.targets.exclude_flags],
    ['targets.exclude_credit_classes', camp.targets.exclude_credit_classes],
  ];
  for (const [name, xs] of sortedLists)
    if (!strictlyIncreasing(xs)) c.fail('campaign', t(`活动内容中的列表“${name}”没有按规定排序或有重复项。`, `The campaign's list "${name}" is not sorted or has duplicates.`), undefined, xs);
  const classes = camp.targets.strata.map((s) => s.credit_class);
  if (!strictlyIncreasing(classes)) c.fail('campaign', t('活动的分层（信用风险类别）没有按类别排序或有重复。', 'The campaign\'s strata are not sorted by class or repeat a class.'), undefined, classes);
  for (const k of [...classes, ...camp.targets.exclude_credit_classes])
    if (!CREDIT_CLASSES.includes(k)) c.fail('campaign', t(`信用风险类别“${k}”不是 A–D 之一。`, `Credit class "${k}" is not one of A–D.`));
  if (!['same', 'other', 'any'].includes(camp.teams.officer_region)) c.fail('campaign', t(`officer_region 的值“${camp.teams.officer_region}”无效。`, `officer_region "${camp.teams.officer_region}" is not valid.`));
  if (!['void', 'proceed'].includes(camp.entropy.on_missing_reveal)) c.fail('campaign', t(`on_missing_reveal 的值“${camp.entropy.on_missing_reveal}”无效。`, `on_missing_reveal "${camp.entropy.on_missing_reveal}" is not valid.`));
  if (BigInt(camp.teams.min_size) < 2n) c.fail('campaign', t('每组执法人员少于 2 人（行政处罚法第四十二条要求至少 2 人）。', 'Teams of fewer than 2 officers (the law requires at least 2).'));
  const wnames = camp.entropy.witnesses.map((x) => x.name);
  if (new Set(wnames).size !== wnames.length) c.fail('campaign', t('见证人姓名有重复。', 'Witness names repeat.'));
  if (camp.entropy.on_missing_reveal === 'proceed' && camp.entropy.beacon === null) c.fail('campaign', t('“未揭示也继续”（proceed）必须配合公共随机信标使用，但活动没有信标。', '"proceed" needs a beacon, but the campaign has none.'));
  if (!isDate(camp.draw_date)) c.fail('campaign', t(`抽取日期“${camp.draw_date}”不是有效日期。`, `The draw date "${camp.draw_date}" is not a date.`));
  if (camp.period) {
    const p = camp.period;
    if (!isDate(p.start) || !isDate(p.end)) c.fail('campaign', t(`检查期间（${p.start} — ${p.end}）不是有效日期。`, `The inspection period (${p.start} — ${p.end}) is not made of dates.`));
    else if (p.end < p.start || p.start < camp.draw_date)
      c.fail('campaign', t(`检查期间（${p.start} — ${p.end}）应在抽取日期（${camp.draw_date}）之后且结束不早于开始。`, `The inspection period (${p.start} — ${p.end}) must start on or after the draw date (${camp.draw_date}) and not end before it starts.`));
  }
  if (camp.coordination && camp.entropy.on_missing_reveal !== 'void') c.fail('campaign', t('协调组中的活动必须规定“未全部揭示则作废”（void）。', 'A coordinated campaign must use on_missing_reveal = "void".'));
  // SPEC §6.1: teams.assignment absent or "v1" is assignment v1, "v2" assignment v2; any other value is refused (its
  // encoding, hence the campaign hash, and its teams are unknown to this page)
  const version = assignmentVersion(camp);
  if (version === null)
    c.fail('campaign', t(`活动的执法人员分配程序（teams.assignment）为“${camp.teams.assignment}”，本页面只认识“v1”和“v2”（规范 §6、§6.1），无法核对活动哈希，也无法重新分配执法人员。文件可能来自更新版本的 dualdraw，或被改动过。`, `The campaign's officer assignment (teams.assignment) is "${camp.teams.assignment}": this page knows only "v1" and "v2" (SPEC §6, §6.1), so it can check neither the campaign hash nor the teams. The file may come from a newer dualdraw, or it was edited.`), '"v1" or "v2"', camp.teams.assignment);
  const ch = version === null ? null : toHex(campaignHash(camp));
  if (ch !== null && ch !== a.campaign_hash)
    c.fail('campaign', t(`抽查活动内容的哈希与公告中的不一致：按文件中的活动内容计算应为 ${ch}，公告中为 ${a.campaign_hash}。活动内容（事项、范围、比例、见证人等）在公告后被改动过。`, `The campaign's hash does not match the announcement: the campaign in the file gives ${ch}, the announcement says ${a.campaign_hash}. The campaign (items, scope, ratios, witnesses…) was changed after it was announced.`), ch, a.campaign_hash);
  c.line('campaign', t('抽查活动内容与公告的活动哈希一致', 'The campaign matches its announced hash'));

  // ---- announcement (SPEC §3, COMMITMENTS §6) ----
  const digest = toHex(snapshotDigest(a.snapshot.roots));
  if (digest !== a.snapshot.digest)
    c.fail('announcement', t(`名录快照摘要与四个名录根不一致：由根计算应为 ${digest}，文件中为 ${a.snapshot.digest}。`, `The snapshot digest does not match the four registry roots: the roots give ${digest}, the file says ${a.snapshot.digest}.`), digest, a.snapshot.digest);
  if (!strictlyIncreasing(a.exclusion) || !a.exclusion.every(isUscc)) c.fail('announcement', t('排除名单（近期已检查）没有排序、有重复或含无效的统一社会信用代码。', 'The exclusion list is not sorted, repeats, or holds an invalid USCC.'));
  const exRoot = toHex(textTreeRoot(a.exclusion));
  if (exRoot !== a.exclusion_root)
    c.fail('announcement', t(`排除名单的根与名单不一致：应为 ${exRoot}，文件中为 ${a.exclusion_root}。`, `The exclusion root does not match the list: expected ${exRoot}, the file says ${a.exclusion_root}.`), exRoot, a.exclusion_root);
  // the history lists (SPEC §3): sorted, without repeats, committed by their roots; empty when their rule is off
  const hist = a.officer_history;
  for (let i = 1; i < hist.length; i++) {
    const d = cmpUtf8(hist[i - 1].officer, hist[i].officer) || cmpUtf8(hist[i - 1].target, hist[i].target);
    if (d >= 0) {
      c.fail('announcement', t('执法人员历史名单（近期检查过同一对象的人员）没有按执法证号、信用代码排序或有重复。', 'The officer history is not sorted by officer id then USCC, or repeats.'));
      break;
    }
  }
  const hms = new MerkleStream();
  for (const h of hist) hms.push(leafHash(historyPairLeaf(h.officer, h.target)));
  const histRoot = toHex(hms.root());
  if (histRoot !== a.officer_history_root)
    c.fail('announcement', t(`执法人员历史名单的根与名单不一致：应为 ${histRoot}，文件中为 ${a.officer_history_root}。`, `The officer history root does not match the list: expected ${histRoot}, the file says ${a.officer_history_root}.`), histRoot, a.officer_history_root);
  if (!strictlyIncreasing(a.drawn_this_year) || !a.drawn_this_year.every(isUscc)) c.fail('announcement', t('本年度已抽取名单没有排序、有重复或含无效的统一社会信用代码。', 'The drawn-this-year list is not sorted, repeats, or holds an invalid USCC.'));
  const dtyRoot = toHex(textTreeRoot(a.drawn_this_year));
  if (dtyRoot !== a.drawn_this_year_root)
    c.fail('announcement', t(`本年度已抽取名单的根与名单不一致：应为 ${dtyRoot}，文件中为 ${a.drawn_this_year_root}。`, `The drawn-this-year root does not match the list: expected ${dtyRoot}, the file says ${a.drawn_this_year_root}.`), dtyRoot, a.drawn_this_year_root);
  if (a.exclusion.length && BigInt(camp.targets.exclude_inspected_within_days) === 0n) c.fail('announcement', t('活动没有“近期已检查不再抽取”的规则，公告却有排除名单。', 'The announcement has an exclusion list although the campaign has no such rule.'));
  if (hist.length && BigInt(camp.teams.avoid_same_officer_within_days) === 0n) c.fail('announcement', t('活动没有“同一执法人员不重复检查同一对象”的规则，公告却有执法人员历史名单。', 'The announcement has an officer history although the campaign has no such rule.'));
  if (a.drawn_this_year.length && !camp.targets.low_risk_once_a_year) c.fail('announcement', t('活动没有“低风险对象一年内只抽一次”的规则，公告却有本年度已抽取名单。', 'The announcement has a drawn-this-year list although the campaign has no such rule.'));
  // coordination group (SPEC §3, §4)
  const co = a.coordination;
  if ((co === null) !== (camp.coordination === null))
    c.fail('coordination', co ? t('公告含协调组信息，但活动没有协调设置。', 'The announcement names a coordination group the campaign does not have.') : t('活动属于协调组，但公告中没有协调组信息。', 'The campaign is coordinated but the announcement has no group.'));
  if (co) {
    if (camp.coordination && camp.coordination.group !== co.group) c.fail('coordination', t(`协调组名称不一致：活动中为“${camp.coordination.group}”，公告中为“${co.group}”。`, `Group names differ: campaign "${camp.coordination.group}", announcement "${co.group}".`));
    if (!strictlyIncreasing(co.members)) c.fail('coordination', t('协调组成员（活动哈希）没有按哈希排序或有重复。', 'The group members are not sorted by hash or repeat.'));
    const me = co.members.indexOf(a.campaign_hash);
    if (me < 0) c.fail('coordination', t('本活动的哈希不在其协调组的成员名单中。', 'This campaign\'s hash is not among its group\'s members.'), a.campaign_hash, co.members.join(', '));
    const gh = toHex(groupHash(co.group, co.members));
    if (gh !== co.hash) c.fail('coordination', t(`协调组哈希与组名和成员不一致：应为 ${gh}，文件中为 ${co.hash}。`, `The group hash does not match its name and members: expected ${gh}, the file says ${co.hash}.`), gh, co.hash);
    if (proof.group_announcements.length !== co.members.length) c.fail('coordination', t(`协调组有 ${co.members.length} 个成员，文件却列出 ${proof.group_announcements.length} 个公告哈希。`, `The group has ${co.members.length} members but the file lists ${proof.group_announcements.length} announcement hashes.`));
    else if (me >= 0 && proof.group_announcements[me] !== a.hash)
      c.fail('coordination', t('协调组公告名单中本活动位置上的公告哈希不是本活动的公告哈希。', 'The group\'s list of announcement hashes does not have this campaign\'s at its place.'), a.hash, proof.group_announcements[me]);
  } else if (proof.group_announcements.length) c.fail('coordination', t('未协调的活动不应列出协调组的公告哈希。', 'An uncoordinated campaign lists group announcement hashes.'));
  if (co) c.line('coordination', t(`协调组“${co.group}”的组哈希和本活动在组中的位置正确`, `The coordination group "${co.group}": its hash and this campaign's place in it are correct`), co.members.length);
  else c.skip('coordination', t('本活动不属于协调组', 'This campaign is not coordinated'));
  const annAt = parseInstant(a.announced_at);
  if (annAt === null) c.fail('announcement', t(`公告时间“${a.announced_at}”不是 RFC 3339 时刻（规范 §1）。`, `The announcement time "${a.announced_at}" is not an RFC 3339 instant (SPEC §1).`));
  const ah = toHex(new Writer(8).bytes(encodeAnnouncement(announcementFields(proof))).sha());
  if (ah !== a.hash)
    c.fail('announcement', t(`公告哈希与公告内容不一致：按内容计算应为 ${ah}，文件中为 ${a.hash}。请与事先公布的公告哈希核对。`, `The announcement hash does not match its content: the content gives ${ah}, the file says ${a.hash}. Compare it with the hash published before the draw.`), ah, a.hash);
  c.line('announcement', t('公告哈希由活动、名录快照、排除名单和公告时间重新算出，一致', 'The announcement hash recomputed from campaign, snapshot, exclusions and time matches'));

  // ---- witnesses (SPEC §4) ----
  const witnesses: ProofView['witnesses'] = [];
  const revealsByName = new Map(proof.entropy.reveals.map((r) => [r.name, r]));
  const beacon = proof.entropy.beacon;
  let roundTime: number | null = null;
  if (camp.entropy.beacon && camp.entropy.beacon.scheme === 'drand-quicknet' && /^[1-9][0-9]*$/.test(camp.entropy.beacon.round)) roundTime = quicknetRoundTime(BigInt(camp.entropy.beacon.round));
  const deadline = camp.entropy.reveal_deadline !== null ? parseInstant(camp.entropy.reveal_deadline) : roundTime;
  if (camp.entropy.reveal_deadline !== null && deadline === null) c.fail('witnesses', t(`揭示截止时间“${camp.entropy.reveal_deadline}”不是 UTC 时刻。`, `The reveal deadline "${camp.entropy.reveal_deadline}" is not a UTC instant.`));
  const revealOrder = proof.entropy.reveals.map((r) => r.name);
  const expectedOrder = wnames.filter((n) => revealsByName.has(n));
  if (revealOrder.join('\u0000') !== expectedOrder.join('\u0000'))
    c.fail('witnesses', t('见证人的揭示没有按活动中见证人的顺序排列，或含有活动中没有的见证人。', 'The reveals are not in the campaign\'s witness order, or name someone who is not a witness.'), wnames.join('、'), revealOrder.join('、'));
  for (const w of camp.entropy.witnesses) {
    const r = revealsByName.get(w.name);
    const missing = proof.entropy.missing.includes(w.name);
    if (!r) {
      witnesses.push({ name: w.name, commitment: w.commitment, secret: null, revealed_at: null, revealed_bj: null, ok: null });
      if (!missing) c.fail('witnesses', t(`见证人“${w.name}”既没有揭示秘密，也没有被列为未揭示。`, `Witness "${w.name}" neither revealed nor is listed as missing.`));
      continue;
    }
    if (missing) c.fail('witnesses', t(`见证人“${w.name}”同时被列为已揭示和未揭示。`, `Witness "${w.name}" is both revealed and listed as missing.`));
    const got = toHex(witnessCommitment(r.secret));
    const ok = got === w.commitment;
    if (!ok)
      c.fail('witnesses', t(`见证人“${w.name}”公开的秘密与其事先提交的承诺不符：事先的承诺为 ${w.commitment}，由文件中的秘密算出 ${got}。这个秘密不是该见证人当初承诺的那个。`, `Witness "${w.name}"'s revealed secret does not match the commitment they gave beforehand: the commitment is ${w.commitment}, the secret in the file gives ${got}. This is not the secret the witness committed to.`), w.commitment, got);
    if (charCount(r.secret) < 16) c.fail('witnesses', t(`见证人“${w.name}”的秘密少于 16 个字符。`, `Witness "${w.name}"'s secret is shorter than 16 characters.`));
    const at = parseInstant(r.revealed_at);
    if (at === null) c.fail('witnesses', t(`见证人“${w.name}”的揭示时间“${r.revealed_at}”不是 UTC 时刻。`, `Witness "${w.name}"'s reveal time "${r.revealed_at}" is not a UTC instant.`));
    else {
      if (annAt !== null && at < annAt) c.fail('witnesses', t(`见证人“${w.name}”的揭示时间早于公告时间。`, `Witness "${w.name}" revealed before the announcement.`), a.announced_at, r.revealed_at);
      if (camp.entropy.reveal_deadline !== null && deadline !== null && at > deadline)
        c.fail('witnesses', t(`见证人“${w.name}”在截止时间之后才揭示：截止为 ${camp.entropy.reveal_deadline}，揭示于 ${r.revealed_at}。`, `Witness "${w.name}" revealed after the deadline: deadline ${camp.entropy.reveal_deadline}, revealed ${r.revealed_at}.`), camp.entropy.reveal_deadline, r.revealed_at);
      if (roundTime !== null && at >= roundTime)
        c.fail('witnesses', t(`见证人“${w.name}”在信标轮次产生之后才揭示（揭示于 ${r.revealed_at}，轮次时间 ${formatInstant(roundTime)}）：最后揭示的人可能已看到随机结果。`, `Witness "${w.name}" revealed after the beacon round appeared (${r.revealed_at}, round time ${formatInstant(roundTime)}): the last to reveal could have seen the outcome.`), formatInstant(roundTime), r.revealed_at);
    }
    witnesses.push({ name: w.name, commitment: w.commitment, secret: r.secret, revealed_at: r.revealed_at, revealed_bj: at === null ? null : beijingTime(at), ok });
  }
  for (const m of proof.entropy.missing)
    if (!wnames.includes(m)) c.fail('witnesses', t(`未揭示名单中的“${m}”不是本活动的见证人。`, `"${m}" listed as missing is not a witness of this campaign.`));
  if (proof.entropy.missing.length && camp.entropy.on_missing_reveal !== 'proceed')
    c.fail('witnesses', t(`有见证人未揭示（${proof.entropy.missing.join('、')}），而活动规定“未全部揭示则作废”（void），本次抽取不应进行。`, `Witnesses did not reveal (${proof.entropy.missing.join(', ')}) while the campaign says "void": the draw should not have happened.`));
  c.line('witnesses', t('每位见证人公开的秘密与事先承诺一致，时间符合规定', 'Every witness\'s secret matches their commitment, in time'), camp.entropy.witnesses.length);

  // ---- beacon (SPEC §4) ----
  let beaconValue: Uint8Array | null = null;
  let beaconOk = true;
  const cb = camp.entropy.beacon;
  if ((cb === null) !== (beacon === null)) {
    beaconOk = false;
    c.fail('beacon', cb ? t('活动规定使用公共随机信标，但证明中没有信标。', 'The campaign names a beacon but the proof has none.') : t('证明中有信标，但活动没有规定信标。', 'The proof has a beacon the campaign does not name.'));
  } else if (cb && beacon) {
    if (cb.scheme !== beacon.scheme || cb.round !== beacon.round) {
      beaconOk = false;
      c.fail('beacon', t(`证明中的信标与公告中的不同：公告为 ${cb.scheme} 第 ${cb.round} 轮，证明中为 ${beacon.scheme} 第 ${beacon.round} 轮。`, `The proof's beacon differs from the announced one: announced ${cb.scheme} round ${cb.round}, proof ${beacon.scheme} round ${beacon.round}.`), `${cb.scheme} ${cb.round}`, `${beacon.scheme} ${beacon.round}`);
    }
    if (beacon.scheme === 'drand-quicknet') {
      if (!/^[1-9][0-9]*$/.test(beacon.round)) {
        beaconOk = false;
        c.fail('beacon', t(`drand 轮次“${beacon.round}”不是正整数。`, `drand round "${beacon.round}" is not a positive integer.`));
      } else {
        const r = BigInt(beacon.round);
        const rt = quicknetRoundTime(r);
        const rts = formatInstant(rt);
        if (parseInstant(beacon.round_time) !== rt) {
          beaconOk = false;
          c.fail('beacon', t(`信标轮次时间不对：drand quicknet 第 ${beacon.round} 轮应于 ${rts} 产生，文件中为 ${beacon.round_time}。`, `Wrong round time: drand quicknet round ${beacon.round} appears at ${rts}, the file says ${beacon.round_time}.`), rts, beacon.round_time);
        }
        if (annAt !== null && rt <= annAt) {
          beaconOk = false;
          c.fail('beacon', t(`信标轮次（${rts}）不晚于公告时间（${a.announced_at}）：公告时随机数可能已经存在。`, `The beacon round (${rts}) is not after the announcement (${a.announced_at}): the randomness may already have existed.`), a.announced_at, rts);
        }
        if (chinaDate(rt) > camp.draw_date) {
          beaconOk = false;
          c.fail('beacon', t(`信标轮次的日期（北京时间 ${chinaDate(rt)}）晚于抽取日期 ${camp.draw_date}。`, `The beacon round's China date ${chinaDate(rt)} is after the draw date ${camp.draw_date}.`));
        }
        const sig = parseHex(beacon.evidence);
        if (!sig || sig.length !== 48) {
          beaconOk = false;
          c.fail('beacon', t('drand 签名不是 48 字节的十六进制数。', 'The drand signature is not 48 bytes of hex.'), undefined, beacon.evidence);
        } else {
          if (!verifyQuicknet(r, beacon.evidence)) {
            beaconOk = false;
            c.fail('beacon', t(`drand quicknet 第 ${beacon.round} 轮的签名验证失败：这不是 drand 网络在该轮给出的随机数。`, `The signature of drand quicknet round ${beacon.round} does not verify: this is not the randomness drand gave for that round.`), undefined, beacon.evidence);
          }
          const randomness = new Writer(48).bytes(sig).sha();
          beaconValue = drandBeaconValue(beacon.round, randomness);
        }
      }
    } else if (beacon.scheme === 'lottery') {
      if (!isLotteryCanonical(beacon.evidence)) {
        beaconOk = false;
        c.fail('beacon', t(`彩票开奖结果“${beacon.evidence}”不是规范写法（每组升序、无前导零、每组以“/”结尾）。`, `The lottery result "${beacon.evidence}" is not in canonical form.`));
      }
      beaconValue = lotteryBeaconValue(beacon.round, beacon.evidence);
    } else {
      beaconOk = false;
      c.fail('beacon', t(`未知的信标类型“${beacon.scheme}”。`, `Unknown beacon scheme "${beacon.scheme}".`));
    }
    if (beaconValue && toHex(beaconValue) !== beacon.value) {
      beaconOk = false;
      c.fail('beacon', t(`信标值与信标证据不一致：应为 ${toHex(beaconValue)}，文件中为 ${beacon.value}。`, `The beacon value does not match its evidence: expected ${toHex(beaconValue)}, the file says ${beacon.value}.`), toHex(beaconValue), beacon.value);
    }
  }
  if (cb) c.line('beacon', t('公共随机信标的签名、轮次时间和数值正确', 'The beacon\'s signature, round time and value are correct'));
  else c.skip('beacon', t('本活动不使用公共随机信标', 'This campaign uses no beacon'));

  // ---- seed (SPEC §4) ----
  const seedB = deriveSeed(a.hash, proof.entropy.reveals, beacon ? (beaconValue ?? hashBytes(beacon.value)) : null);
  const seedHex = toHex(seedB);
  if (seedHex !== proof.seed)
    c.fail('seed', t(`随机种子与由公告、见证人秘密和信标推算的不一致：应为 ${seedHex}，文件中为 ${proof.seed}。`, `The seed does not follow from the announcement, the witnesses' secrets and the beacon: expected ${seedHex}, the file says ${proof.seed}.`), seedHex, proof.seed);
  c.line('seed', t('随机种子由公告哈希、见证人秘密和信标重新算出，一致', 'The seed recomputed from announcement, secrets and beacon matches'));
  const beaconForSeed = beacon ? (beaconValue ?? hashBytes(beacon.value)) : null;
  // Without a group the PRN seed is the seed as stated; with one, the group seed recomputed. Everything after this
  // point uses the seeds as stated in the file: a wrong seed is reported once above, and the rest is then checked
  // for consistency with it, so one changed secret does not bury the report under every target's number.
  const prnSeedB = co ? groupSeed(co.hash, proof.group_announcements, proof.entropy.reveals, beaconForSeed) : hashBytes(proof.seed);
  const prnSeedHex = toHex(prnSeedB);
  if (prnSeedHex !== proof.prn_seed)
    c.fail('seed', co
      ? t(`协调组的随机数种子与由组内各公告、见证人秘密和信标推算的不一致：应为 ${prnSeedHex}，文件中为 ${proof.prn_seed}。`, `The group seed does not follow from the members' announcements, the secrets and the beacon: expected ${prnSeedHex}, the file says ${proof.prn_seed}.`)
      : t(`随机数种子（prn_seed）应与随机种子相同：应为 ${prnSeedHex}，文件中为 ${proof.prn_seed}。`, `The PRN seed should equal the seed: expected ${prnSeedHex}, the file says ${proof.prn_seed}.`), prnSeedHex, proof.prn_seed);

  // ---- items and officers: whole registries reproduce their roots ----
  const regRoot = (name: RegistryName, recs: unknown[], problems: (r: any) => string[], key: (r: any) => string, leaf: (r: any, w: Writer) => Writer) => {
    const keys = recs.map(key);
    if (!strictlyIncreasing(keys)) c.fail('registries', t(`证明中的${REG_ZH[name]}没有按规定顺序排列或有重复。`, `The proof's ${name} are not in canonical order or repeat.`));
    recs.forEach((r, i) => {
      const pr = problems(r);
      if (pr.length) c.fail('registries', t(`证明中${REG_ZH[name]}的第 ${i + 1} 条记录（${key(r)}）无效：${pr.join('；')}。`, `Record ${i + 1} (${key(r)}) of the proof's ${name} is invalid: ${pr.join('; ')}.`));
    });
    const ms = new MerkleStream();
    const scratch = new Writer(512);
    for (const r of recs) ms.push(prefixedLeafHash((w) => leaf(r, w), scratch));
    const root = toHex(ms.root());
    const ann = a.snapshot.roots[name];
    if (root !== ann.hash || recs.length !== ann.size)
      c.fail('registries', t(`证明中的${REG_ZH[name]}（${recs.length} 条）算出的根与公告不一致：公告的根为 ${ann.hash}（${ann.size} 条），由文件算出 ${root}。名录在公告后被改动过。`, `The proof's ${name} (${recs.length} records) do not reproduce the announced root: announced ${ann.hash} (${ann.size}), the file gives ${root}. The registry was changed after the announcement.`), `${ann.hash} (${ann.size})`, `${root} (${recs.length})`);
  };
  regRoot('items', proof.items, itemProblems, (r: ItemRecord) => r.code, itemLeaf);
  regRoot('officers', proof.officers, officerProblems, (r: OfficerRecord) => r.id, officerLeaf);
  c.line('registries', t('证明中的检查事项清单和执法人员名录与公告的名录根一致', 'The proof\'s item list and officer directory reproduce the announced roots'), proof.items.length + proof.officers.length);

  // ---- categories and pool of the campaign ----
  const { C, Citems } = drawCategories(camp, items);
  for (const code of camp.items) if (!items.has(code)) c.fail('campaign', t(`活动的检查事项 ${code} 不在检查事项清单中。`, `Campaign item ${code} is not in the item list.`));
  if (camp.targets.categories) for (const x of camp.targets.categories) if (!Citems.has(x)) c.fail('campaign', t(`定向抽查的类别“${x}”不是本活动任何检查事项的对象类别。`, `Directed category "${x}" is not the target category of any campaign item.`));
  const campaignItems: ItemInfo[] = camp.items.map((code) => items.get(code)).filter((x): x is ItemRecord => !!x);
  const exclusion = new Set(a.exclusion);
  const inPool = makePoolPredicate(camp, C, exclusion);

  // ---- strata arithmetic (SPEC §5) ----
  const strataView: ProofView['strata'] = [];
  if (proof.strata.length !== camp.targets.strata.length || proof.strata.some((s, i) => s.credit_class !== camp.targets.strata[i].credit_class))
    c.fail('strata', t(`证明中的分层（${proof.strata.map((s) => s.credit_class).join('、')}）与活动规定的分层（${classes.join('、')}）不一致。`, `The proof's strata (${proof.strata.map((s) => s.credit_class).join(', ')}) differ from the campaign's (${classes.join(', ')}).`));
  let sumN = 0;
  let sumDrawn = 0;
  proof.strata.forEach((s) => {
    const cs = camp.targets.strata.find((x) => x.credit_class === s.credit_class);
    sumN += s.pool;
    sumDrawn += s.drawn;
    let expected: string | null = null;
    if (cs) {
      const n = allocation(BigInt(s.pool), cs.rule, cs.min, cs.max);
      expected = n.toString();
      if (BigInt(s.drawn) !== n)
        c.fail('strata', t(`${s.credit_class} 类分层共 ${s.pool} 户，按规则（${ruleText(cs)}${cs.min !== null ? `，至少 ${cs.min}` : ''}${cs.max !== null ? `，至多 ${cs.max}` : ''}）应抽取 ${n} 户，文件中为 ${s.drawn} 户。`, `Stratum ${s.credit_class} has ${s.pool} entities; its rule (${ruleText(cs)}${cs.min !== null ? `, min ${cs.min}` : ''}${cs.max !== null ? `, max ${cs.max}` : ''}) draws ${n}, the file says ${s.drawn}.`), n.toString(), s.drawn);
    }
    strataView.push({ credit_class: s.credit_class, rule: cs ? ruleText(cs) : '?', min: cs && cs.min !== null ? cs.min.toString() : null, max: cs && cs.max !== null ? cs.max.toString() : null, pool: s.pool, drawn: s.drawn, expected });
  });
  if (sumN !== proof.pool_size) c.fail('strata', t(`各分层户数之和（${sumN}）与抽查范围总数（${proof.pool_size}）不一致。`, `The strata add up to ${sumN} entities, but the pool has ${proof.pool_size}.`), proof.pool_size, sumN);
  // SPEC §9 strata: no entity is left out by class when neither class rule applies.
  if (proof.excluded_by_class > 0 && camp.targets.exclude_credit_classes.length === 0 && !camp.targets.low_risk_once_a_year) c.fail('strata', t(`活动没有按信用类别排除的规则，文件却称有 ${proof.excluded_by_class} 户因类别被排除。`, `The campaign has no class rule, but the file leaves ${proof.excluded_by_class} entities out by class.`), 0, proof.excluded_by_class);
  if (sumDrawn !== proof.targets.length) c.fail('strata', t(`各分层抽取数之和（${sumDrawn}）与检查对象名单的户数（${proof.targets.length}）不一致。`, `The strata draw ${sumDrawn} in all, but the list has ${proof.targets.length} targets.`), sumDrawn, proof.targets.length);
  c.line('strata', t('每个分层的抽取户数符合比例规则，合计与名单一致', 'Each stratum draws what its rule says, and they add up to the list'), proof.strata.length);

  // ---- targets (SPEC §5, §7) ----
  const usccs = proof.targets.map((x) => x.entity.uscc);
  if (!strictlyIncreasing(usccs)) c.fail('targets', t('检查对象名单没有按统一社会信用代码排序或有重复。', 'The targets are not sorted by USCC or repeat.'));
  const prnPrefixSeed = hashBytes(proof.prn_seed);
  const entRoot = a.snapshot.roots.entities;
  const scratch = new Writer(512);
  const targetViews: TargetView[] = [];
  proof.targets.forEach((tg, i) => {
    const e = tg.entity;
    const lbl = targetLabel(i, e.uscc, e.name);
    const pr = entityProblems(e);
    if (pr.length) c.fail('targets', t(`${lbl.zh}的登记信息无效：${pr.join('；')}。`, `${lbl.en}: its record is invalid: ${pr.join('; ')}.`));
    const lh = prefixedLeafHash((w) => entityLeaf(e, w), scratch);
    if (!verifyInclusion(tg.index, entRoot.size as number, lh, tg.path, entRoot.hash))
      c.fail('inclusion', t(`${lbl.zh}不在公告时的市场主体名录中（名录包含证明不成立）：其登记信息或位置（第 ${tg.index} 条）与公告的名录根 ${entRoot.hash} 对不上。`, `${lbl.en} is not in the entity registry as announced: its record or position (leaf ${tg.index}) does not lead to the announced root ${entRoot.hash}.`));
    const p = toHex(prn(prnPrefixSeed, e.uscc));
    if (p !== tg.prn)
      c.fail('prn', t(`${lbl.zh}的随机数与公告推算的不一致：应为 ${p}，文件中为 ${tg.prn}。`, `${lbl.en}: its random number does not follow from the seed: expected ${p}, the file says ${tg.prn}.`), p, tg.prn);
    const pool = inPool(e);
    if (!pool.in) {
      const why: Record<string, T> = {
        status: t(`经营状态为“${e.status}”，不是存续`, `its status is "${e.status}", not in business`),
        region: t(`所在地区 ${e.region} 不在抽查范围 ${camp.targets.regions.join('、')} 内`, `its region ${e.region} is outside ${camp.targets.regions.join(', ')}`),
        category: t(`其类别（${e.categories.join('、') || '无'}）不在本次抽查的类别中`, `none of its categories (${e.categories.join(', ') || 'none'}) is drawn`),
        flag: t(`带有被排除的标记（${e.flags.join('、')}）`, `it carries an excluded flag (${e.flags.join(', ')})`),
        exclusion: t('在排除名单（近期已检查）中', 'it is on the exclusion list (inspected recently)'),
      };
      const w = why[pool.reason!];
      c.fail('targets', t(`${lbl.zh}不符合抽查范围：${w.zh}。`, `${lbl.en} is not in the pool: ${w.en}.`));
    }
    const its = targetItems(e, campaignItems, C);
    const expItems = its.map((x) => x.code);
    if (expItems.join('\u0000') !== tg.items.join('\u0000'))
      c.fail('targets', t(`${lbl.zh}的检查事项不对：按其类别应为 ${expItems.join('、') || '（无）'}，文件中为 ${tg.items.join('、') || '（无）'}。`, `${lbl.en}: wrong items: its categories give ${expItems.join(', ') || '(none)'}, the file says ${tg.items.join(', ') || '(none)'}.`), expItems.join(','), tg.items.join(','));
    const expD = targetDepartments(its, camp.lead_department);
    if (expD.join('\u0000') !== tg.departments.join('\u0000'))
      c.fail('targets', t(`${lbl.zh}的参与部门不对：应为 ${expD.join('、')}，文件中为 ${tg.departments.join('、')}。`, `${lbl.en}: wrong departments: expected ${expD.join(', ')}, the file says ${tg.departments.join(', ')}.`), expD.join(','), tg.departments.join(','));
  });
  c.line('inclusion', t('每个检查对象都在公告时的市场主体名录中（逐一核对名录包含证明）', 'Every target is in the announced entity registry (inclusion proofs)'), proof.targets.length);
  c.line('prn', t('每个检查对象的随机数都由随机种子重新算出，一致', 'Every target\'s random number recomputed from the seed matches'), proof.targets.length);
  c.line('targets', t('每个检查对象符合抽查范围，检查事项和参与部门正确', 'Every target is in scope, with the right items and departments'), proof.targets.length);

  // ---- blocked pairs (recusals among drawn targets) ----
  const recRoot = a.snapshot.roots.recusals;
  const targetSet = new Set(usccs);
  const keys = proof.blocked_pairs.map((b) => [b.target, b.officer]);
  for (let i = 1; i < keys.length; i++) {
    const d = cmpUtf8(keys[i - 1][0], keys[i][0]) || cmpUtf8(keys[i - 1][1], keys[i][1]);
    if (d >= 0) c.fail('blocked_pairs', t('回避名单没有按检查对象、执法人员排序或有重复。', 'The blocked pairs are not sorted by target then officer, or repeat.'));
  }
  const blocked = new Set<string>();
  proof.blocked_pairs.forEach((b, i) => {
    blocked.add(pairKey(b.officer, b.target));
    if (!targetSet.has(b.target)) c.fail('blocked_pairs', t(`第 ${i + 1} 条回避记录的对象 ${b.target} 不是本次检查对象。`, `Blocked pair ${i + 1}: ${b.target} is not a drawn target.`));
    const off = officers.get(b.officer);
    const tg = proof.targets.find((x) => x.entity.uscc === b.target);
    if (!off) c.fail('blocked_pairs', t(`第 ${i + 1} 条回避记录的执法人员 ${b.officer} 不在执法人员名录中。`, `Blocked pair ${i + 1}: officer ${b.officer} is not in the directory.`));
    else if (tg && !tg.departments.includes(off.department)) c.fail('blocked_pairs', t(`第 ${i + 1} 条回避记录的执法人员 ${b.officer} 不属于该对象的参与部门。`, `Blocked pair ${i + 1}: officer ${b.officer} is not of one of the target's departments.`));
    const pc = commitment(b.pair_salt, ['recusal', b.officer, b.target]);
    const lh = prefixedLeafHash((w) => recusalLeaf({ pair_commitment: toHex(pc), reason_commitment: b.reason_commitment }, w), scratch);
    if (!verifyInclusion(b.index, recRoot.size as number, lh, b.path, recRoot.hash))
      c.fail('blocked_pairs', t(`回避记录（执法人员 ${b.officer} 与 ${b.target}）不在公告时的回避申报中：其承诺或位置与公告的回避根 ${recRoot.hash} 对不上。`, `The recusal of officer ${b.officer} from ${b.target} is not among the announced recusals: it does not lead to the announced root ${recRoot.hash}.`));
  });
  if (proof.blocked_pairs.length) c.line('blocked_pairs', t('每条回避记录都在公告时的回避申报中（承诺与包含证明）', 'Every disclosed recusal is among the announced recusals'), proof.blocked_pairs.length);
  else c.skip('blocked_pairs', t('检查对象与执法人员之间没有需要回避的情形', 'No recusal between drawn targets and their officers'));

  for (const h of a.officer_history) if (targetSet.has(h.target)) blocked.add(pairKey(h.officer, h.target));
  // ---- teams: the assignment re-run (SPEC §6) ----
  const teamsByTarget = new Map<string, string[]>();
  const teamUsccs = proof.teams.map((x) => x.target);
  if (teamUsccs.join('\u0000') !== usccs.join('\u0000')) c.fail('teams', t('检查组名单与检查对象名单不是一一对应（按统一社会信用代码排序）。', 'The teams do not correspond one to one, in USCC order, to the targets.'));
  for (const x of proof.teams) teamsByTarget.set(x.target, x.officers);
  // SPEC §6.1 Verification: the assignment of the proof's campaign version (v1 when teams.assignment is absent)
  const res = version === null ? null : assignTeams(version, hashBytes(proof.seed), {
    drawDate: camp.draw_date,
    lead: camp.lead_department,
    officerRegion: camp.teams.officer_region,
    maxPerOfficer: camp.teams.max_targets_per_officer === null ? null : Number(camp.teams.max_targets_per_officer),
    perDepartment: Number(camp.teams.per_department),
    minSize: Number(camp.teams.min_size),
    targets: proof.targets.map((x) => ({ uscc: x.entity.uscc, region: x.entity.region, categories: x.entity.categories, items: targetItems(x.entity, campaignItems, C) })),
    officers: proof.officers,
    blocked,
  });
  const vText = version === 'v2' ? t('（分配程序 v2，规范 §6.1）', ' (assignment v2, SPEC §6.1)') : t('（分配程序 v1，规范 §6）', ' (assignment v1, SPEC §6)');
  if (res === null) {
    // the version is unknown: the campaign check failed above; the teams cannot be re-run, so this check is not run
  } else if (res.infeasible) {
    const u = res.infeasible;
    c.fail('teams', t(`按公告重新分配执法人员时无法为 ${u.targets.join('、')} 在 ${u.department} 配齐人员（需要 ${u.demand} 人，符合条件的只有 ${u.eligible.length} 人）。这样的抽取结果不可能由规定的程序产生。`, `Re-running the assignment cannot staff ${u.targets.join(', ')} in ${u.department} (demand ${u.demand}, ${u.eligible.length} eligible). No genuine draw could produce this proof.`));
  } else {
    proof.targets.forEach((tg, i) => {
      const exp = res.teams.get(tg.entity.uscc) ?? [];
      const got = teamsByTarget.get(tg.entity.uscc) ?? [];
      if (exp.join('\u0000') !== got.join('\u0000')) {
        const lbl = targetLabel(i, tg.entity.uscc, tg.entity.name);
        c.fail(
          'teams',
          t(`${lbl.zh}的检查组与按公告重新计算的不一致：应为 ${exp.map((x) => officerText(x, officers)).join('、')}；文件中为 ${got.map((x) => officerText(x, officers)).join('、')}。`, `${lbl.en}: its team differs from the re-run assignment: expected ${exp.map((x) => officerTextEn(x, officers)).join(', ')}; the file has ${got.map((x) => officerTextEn(x, officers)).join(', ')}.`),
          exp.join(', '),
          got.join(', '),
        );
      }
    });
  }
  if (res !== null) c.line('teams', t(`按公告的规则重新分配执法人员${vText.zh}，每个检查组都与文件一致`, `Re-running the officer assignment${vText.en} gives every team in the file`), proof.teams.length);

  c.finish();

  const view: ProofView = {
    campaign: camp,
    itemsByCode: Object.fromEntries(proof.items.map((i) => [i.code, { name: i.name, department: i.department, target_category: i.target_category }])),
    categoriesC: [...C],
    announcement: { hash: a.hash, campaign_hash: a.campaign_hash, announced_at: canonicalInstant(a.announced_at) ?? a.announced_at, announced_bj: annAt === null ? null : beijingTime(annAt), snapshot_id: String(a.snapshot.id), digest: a.snapshot.digest, roots: a.snapshot.roots, exclusion_count: a.exclusion.length, ledger_head: a.ledger_head, officer_history_count: a.officer_history.length, drawn_this_year_count: a.drawn_this_year.length, group: a.coordination ? { name: a.coordination.group, hash: a.coordination.hash, members: a.coordination.members } : null },
    witnesses,
    missing: proof.entropy.missing,
    beacon: beacon ? { ...beacon, round_bj: beacon.round_time && parseInstant(beacon.round_time) !== null ? beijingTime(parseInstant(beacon.round_time)!) : null, ok: beaconOk } : null,
    seed: proof.seed,
    seed_ok: seedHex === proof.seed,
    prn_seed: proof.prn_seed,
    pool_size: proof.pool_size,
    excluded_by_class: proof.excluded_by_class,
    strata: strataView,
    targets: proof.targets.map((tg, i) => ({
      n: i + 1,
      uscc: tg.entity.uscc,
      name: tg.entity.name,
      region: tg.entity.region,
      township: tg.entity.township,
      categories: tg.entity.categories,
      items: tg.items.map((code) => ({ code, name: items.get(code)?.name ?? '' })),
      departments: tg.departments,
      prn: tg.prn,
      officers: (teamsByTarget.get(tg.entity.uscc) ?? []).map((id) => {
        const o = officers.get(id);
        return { id, name: o?.name ?? '?', department: o?.department ?? '?', unit: o?.unit ?? '' };
      }),
    })),
    blocked_pairs: proof.blocked_pairs.length,
  };
  const teams = res === null || res.infeasible ? null : proof.targets.map((tg) => ({ target: tg.entity.uscc, officers: res.teams.get(tg.entity.uscc) ?? [] }));
  return { ok: c.failures.length === 0, failures: c.failures, checks: c.checks, view, teams };
}

