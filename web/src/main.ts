// The page: load files, show the verdict and what was checked, answer look-ups, and the witness tool. Every text from
// a file is put in the page as text (never as HTML): a proof is untrusted input.
import { toHex } from './bytes.ts';
import { witnessCommitment } from './draw.ts';
import type { LookupResult } from './lookup.ts';
import type { PublicResult } from './snapshot.ts';
import { t, type Lang, type T } from './text.ts';
import type { Failure, ProofView, Report } from './verify.ts';
import type { Request, Response } from './worker.ts';
import { CHECK_LABEL, WHO_LABEL } from './verdict.ts';
import { LOG_UI, logSection, onLogResponse, renderLog } from './logPage.ts';

declare const __WORKER_SRC__: string;
declare const __VERSION__: string;
/** The worker's bundle, inlined by build.mjs (once: it is the bulk of the page). */
const WORKER_SRC: string = __WORKER_SRC__;

// ---- state ----------------------------------------------------------------------------------------------------------

type Result = Extract<Response, { type: 'result' }>;
const state: {
  lang: Lang;
  running: boolean;
  progress: Extract<Response, { type: 'progress' }> | null;
  result: Result | null;
  error: string | null;
  lookup: LookupResult | null;
  lookupRunning: boolean;
  witness: { secret: string; commitment: string } | null;
  check: { commitment: string; chars: number } | null;
  startedAt: number;
  totalMs: number | null;
} = { startedAt: 0, totalMs: null, lang: 'zh', running: false, progress: null, result: null, error: null, lookup: null, lookupRunning: false, witness: null, check: null };

const tr = (x: T) => x[state.lang];

// ---- the worker -----------------------------------------------------------------------------------------------------

interface WorkerLike {
  postMessage(m: Request): void;
  onmessage: ((e: { data: Response }) => void) | null;
  terminate?: () => void;
}

function makeWorker(): WorkerLike {
  const url = URL.createObjectURL(new Blob([WORKER_SRC], { type: 'text/javascript' }));
  try {
    const w = new Worker(url);
    // its own code, from which it starts helpers for a compact snapshot's blocks (worker.ts)
    w.postMessage({ type: 'source', src: WORKER_SRC } satisfies Request);
    return w as unknown as WorkerLike;
  } catch {
    // same code on this thread: a stand-in for the worker's `self`, and the worker's bundle loaded as a blob: script
    // (the Content-Security-Policy forbids eval and new Function, and allows scripts from blob: URLs the page made)
    const page: WorkerLike = { postMessage: () => undefined, onmessage: null };
    const inner: { postMessage(m: Response): void; onmessage: ((e: { data: Request }) => void) | null } = {
      postMessage: (m) => setTimeout(() => page.onmessage?.({ data: m }), 0),
      onmessage: null,
    };
    (globalThis as unknown as { __dualdrawWorkerSelf: unknown }).__dualdrawWorkerSelf = inner;
    const pending: Request[] = [];
    page.postMessage = (m) => (inner.onmessage ? setTimeout(() => inner.onmessage?.({ data: m }), 0) : pending.push(m));
    const s = document.createElement('script');
    s.src = url;
    s.onload = () => {
      for (const m of pending.splice(0)) setTimeout(() => inner.onmessage?.({ data: m }), 0);
    };
    document.head.append(s);
    return page;
  }
}

let worker: WorkerLike | null = null;
let reqId = 0;
function ensureWorker(): WorkerLike {
  if (!worker) {
    worker = makeWorker();
    worker.onmessage = (e) => onResponse(e.data);
  }
  return worker;
}
function send(m: Request) {
  ensureWorker().postMessage(m);
}

function onResponse(r: Response) {
  if (r.type === 'block-root') return; // (a helper's answer: never sent to the page)
  if (r.type === 'log' || (r.type === 'error' && r.id < 0)) return onLogResponse(r);
  if (r.id !== reqId) return;
  if (r.type === 'progress') {
    state.progress = r;
    renderProgress();
    return;
  }
  if (r.type === 'result') {
    state.running = false;
    state.result = r;
    state.totalMs = null;
  } else if (r.type === 'lookup') {
    state.lookupRunning = false;
    state.lookup = r.result;
  } else {
    state.running = false;
    state.lookupRunning = false;
    state.error = r.message;
  }
  render();
  if (r.type === 'result') {
    // the time from the button to the verdict on screen, shown with the worker's own times
    state.totalMs = Math.round(performance.now() - state.startedAt);
    const el = document.getElementById('timing');
    if (el) el.textContent = timingText();
  }
}

// ---- DOM helpers ------------------------------------------------------------------------------------------------------

type Child = Node | string | null | undefined | false;
function h(tag: string, attrs: Record<string, string | boolean | ((e: Event) => void)> = {}, ...children: (Child | Child[])[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) el.setAttribute(k, '');
    else if (v !== false) el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}
const $ = (id: string) => document.getElementById(id) as HTMLElement;
function set(el: HTMLElement, ...children: (Child | Child[])[]) {
  el.replaceChildren();
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
}
const mono = (s: string) => h('code', { class: 'mono' }, s);

// ---- static texts -----------------------------------------------------------------------------------------------------

const UI = {
  title: t('双随机抽查结果公开验证', 'Public check of a random inspection draw'),
  subtitle: t('市场监管“双随机、一公开” · dualdraw 抽取证明独立核验', '“双随机、一公开” market supervision · independent check of a dualdraw proof'),
  intro: t(
    '本页面在您自己的设备上核对一次抽查是否按公告进行：随机数是否来自事先公布的见证人秘密和公共信标，检查对象和执法检查人员是否由此唯一确定、没有人能挑选。企业、义务监督员、记者都可以使用。文件不会上传，本页面不联网，无需安装任何软件。',
    'This page checks, on your own device, that an inspection draw happened as announced: the randomness comes from the witnesses’ secrets and the public beacon fixed beforehand, and the targets and officers follow from it alone, so nobody could choose them. For enterprises, volunteer supervisors and journalists. Files are not uploaded; the page makes no network request and needs nothing installed.',
  ),
  lang: t('English', '中文'),
  step1: t('① 抽查证明文件（proof.json）', '① The draw proof (proof.json)'),
  step2: t('② 公开名录文件（public-snapshot.json 或紧凑格式的 public-snapshot.ddps，可选）', '② The public snapshot (public-snapshot.json, or the compact public-snapshot.ddps; optional)'),
  step2help: t('载入公开名录即进行“公开验证”：按公开信息重新统计抽查范围，并核对名录与公告一致。只载入证明则进行“简易验证”。', 'With the public snapshot the page also recounts the pool from public fields and checks the registry against the announcement (public level); with the proof alone it checks the light level.'),
  verify: t('开始验证', 'Verify'),
  running: t('正在验证……', 'Verifying…'),
  needProof: t('请先选择抽查证明文件。', 'Choose the proof file first.'),
  consistentPublic: t('公开核验未发现问题：以下各项均与公告一致；信用类别等保密部分本页面无法核实', 'Public check: nothing wrong found. What is listed below matches the announcement; the confidential parts (credit classes) cannot be checked here'),
  consistentLight: t('简易核验未发现问题：以下各项均与公告一致；抽查范围和保密部分本页面未能核实', 'Light check: nothing wrong found. What is listed below matches the announcement; the pool and the confidential parts were not checked'),
  established: t('已核实：', 'Established:'),
  notChecked: t('本页面无法核实（谁可以核实）：', 'Not checked here (and who can check it):'),
  compareHash: t('请核对公告哈希：', 'Compare the announcement hash:'),
  compareHashHow: t('必须与登记机关在抽取之前公布的公告哈希完全相同。本页面（以及任何验证程序）都看不到抽取之前公布过什么；不相同则说明公告在抽取后被替换。', 'it must equal the hash the bureau published before the draw. This page (like any verifier) cannot see what was published before; a different hash means the announcement was replaced after the draw.'),
  failed: t('验证未通过：发现以下不一致', 'Not verified: these things do not match'),
  levelLabel: t('核验级别：', 'Level run: '),
  level_public: t('公开验证（抽查证明 + 公开名录）', 'public (proof + public snapshot)'),
  level_light: t('简易验证（仅抽查证明）', 'light (proof only)'),
  lightOnlyHint: t('提示：再载入公开名录文件可进行更完整的公开验证。', 'Tip: add the public snapshot for the fuller public check.'),
  expected: t('应为', 'expected'),
  got: t('文件中为', 'in the file'),
  checks: t('逐项检查', 'What was checked'),
  campaign: t('抽查活动', 'The campaign'),
  announcement: t('公告（抽取前公布）', 'The announcement (published before the draw)'),
  entropy: t('随机来源', 'Where the randomness comes from'),
  strata: t('抽查范围与分层', 'Pool and strata'),
  targets: t('检查对象与检查组', 'Targets and teams'),
  lookupTitle: t('查询企业：是否在抽查范围内？是否被抽中？', 'Look up an enterprise: in the pool? drawn?'),
  lookupHelp: t('输入统一社会信用代码。已载入公开名录时，本页面会由名录构建包含证明并核对；也可以载入登记机关出具的包含证明文件（dualdraw registry prove 代码；带 --open 的证明还能核对本企业的信用风险类别）。再载入登记机关出具的本类别分层门槛开启文件，即可核对本企业为何被抽中或未被抽中。', 'Type a unified social credit code. With the public snapshot loaded the page builds and checks the inclusion proof; you can also load an inclusion proof from the bureau (dualdraw registry prove CODE; with --open it also opens the enterprise’s own credit class). With the bureau’s opening of its stratum’s threshold the page also shows why it was or was not drawn.'),
  usccPlaceholder: t('统一社会信用代码（18 位）', 'Unified social credit code (18 characters)'),
  inclusionFile: t('包含证明文件（可选；带开启信息的可核对本企业的信用风险类别）', 'Inclusion proof file (optional; with an opening it checks the enterprise’s credit class)'),
  thresholdFile: t('分层门槛开启文件（可选；dualdraw campaign open-threshold 活动编号 类别）', 'Threshold opening file (optional; dualdraw campaign open-threshold ID CLASS)'),
  lookup: t('查询', 'Look up'),
  lookupNeedsProof: t('请先载入并验证抽查证明。', 'Load and verify a proof first.'),
  witnessTitle: t('见证人工具：生成秘密和承诺', 'Witness tool: make a secret and its commitment'),
  witnessHelp: t('义务监督员在自己的设备上生成秘密（32 字节随机数，64 位十六进制），抽取前只把“承诺”交给登记机关，抽取时再公开秘密。秘密只在本页面内生成，不会发送到任何地方；请自行妥善保存，遗失则无法揭示。', 'A volunteer supervisor makes a secret on their own device (32 random bytes, 64 hex digits) and gives the bureau only its commitment before the draw, revealing the secret at the draw. The secret is made in this page and sent nowhere; keep it safe — without it you cannot reveal.'),
  generate: t('生成秘密', 'Make a secret'),
  secret: t('秘密（请保密保存）', 'Secret (keep it private)'),
  commitment: t('承诺（交给登记机关公布）', 'Commitment (give it to the bureau)'),
  checkSecret: t('核对：输入一个秘密，计算它的承诺', 'Check: type a secret to compute its commitment'),
  compute: t('计算承诺', 'Compute'),
  tooShort: t('秘密至少需要 16 个字符。', 'A secret needs at least 16 characters.'),
  footer: t('本页面独立实现 dualdraw 规范（docs/SPEC.md：dualdraw-draw-v1，执法人员分配程序 v1 和 v2；docs/COMMITMENTS.md：dualdraw-leaf-v1），并非由 dualdraw 的 Rust 程序翻译而来。全部计算在本机浏览器中完成。', 'An independent implementation of the dualdraw specification (docs/SPEC.md: dualdraw-draw-v1, officer assignment v1 and v2; docs/COMMITMENTS.md: dualdraw-leaf-v1), not a translation of dualdraw’s Rust code. Everything is computed in this browser.'),
  progressProof: t('读取抽查证明……', 'Reading the proof…'),
  progressLight: t('核对抽查证明……', 'Checking the proof…'),
  progressPublic: t('读取公开名录', 'Reading the public snapshot'),
  entities: t('个市场主体', 'entities'),
  error: t('出错：', 'Error: '),
  ...LOG_UI,
};

// ---- rendering --------------------------------------------------------------------------------------------------------

function renderStatic() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = tr(UI.title);
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-t]'))) el.textContent = tr((UI as Record<string, T>)[el.dataset.t!]);
  for (const el of Array.from(document.querySelectorAll<HTMLInputElement>('[data-tp]'))) el.placeholder = tr((UI as Record<string, T>)[el.dataset.tp!]);
}

function renderProgress() {
  const el = $('progress');
  if (!state.running) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  const p = state.progress;
  let text = tr(UI.running);
  let frac = 0;
  if (p) {
    if (p.phase === 'proof') text = tr(UI.progressProof);
    else if (p.phase === 'light') text = tr(UI.progressLight);
    else {
      frac = p.total ? p.bytes / p.total : 0;
      text = `${tr(UI.progressPublic)} ${(frac * 100).toFixed(0)}% · ${p.entities.toLocaleString()} ${tr(UI.entities)} · ${(p.bytes / 1048576).toFixed(1)} / ${(p.total / 1048576).toFixed(1)} MB`;
    }
  }
  const fill = h('div', { class: 'fill' });
  fill.style.width = `${(frac * 100).toFixed(1)}%`; // through the CSSOM: the CSP forbids style attributes
  set(el, h('div', { class: 'bar' }, fill), h('div', { class: 'ptext' }, text));
  el.dataset.fraction = frac.toFixed(3);
}

function failureItem(f: Failure): HTMLElement {
  return h(
    'li',
    { 'data-testid': 'failure', 'data-area': f.area },
    h('div', { class: 'what' }, tr(f.what)),
    (f.expected !== undefined || f.got !== undefined) && !(f.expected !== undefined && f.got !== undefined && f.what.zh.includes(f.expected) && f.what.zh.includes(f.got))
      ? h('div', { class: 'eg' }, f.expected !== undefined ? h('div', {}, h('span', { class: 'lbl' }, tr(UI.expected) + '：'), mono(f.expected)) : null, f.got !== undefined ? h('div', {}, h('span', { class: 'lbl' }, tr(UI.got) + '：'), mono(f.got)) : null)
      : null,
  );
}

function table(head: string[], rows: (Child | Child[])[][], attrs: Record<string, string> = {}): HTMLElement {
  return h('div', { class: 'tablewrap' }, h('table', attrs, h('thead', {}, h('tr', {}, head.map((x) => h('th', {}, x)))), h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c)))))));
}

function kv(rows: [string, Child | Child[]][]): HTMLElement {
  return h('dl', { class: 'kv' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]).flat());
}

function renderVerdict() {
  const el = $('verdict');
  const r = state.result;
  if (state.error && !r) {
    el.hidden = false;
    el.dataset.status = 'error';
    set(el, h('div', { class: 'banner bad' }, tr(UI.error) + state.error));
    return;
  }
  if (!r) {
    el.hidden = true;
    el.dataset.status = state.running ? 'running' : 'idle';
    return;
  }
  el.hidden = false;
  const v = r.verdict;
  el.dataset.status = v.verdict;
  el.dataset.verdict = v.verdict;
  const failures = [...r.light.failures, ...(r.public ? r.public.failures : [])];
  const L = state.lang === 'zh';
  const sep = L ? '；' : '; ';
  // Never a green "genuine": only the audit level re-runs the whole draw, and this page cannot.
  const headline =
    v.verdict === 'invalid'
      ? h('div', { class: 'banner bad', 'data-testid': 'verdict-text' }, h('span', { class: 'icon' }, '✘'), tr(UI.failed))
      : h('div', { class: 'banner partial', 'data-testid': 'verdict-text' }, h('span', { class: 'icon' }, '◐'), tr(v.level === 'public' ? UI.consistentPublic : UI.consistentLight));
  const notChecked = v.not_checked.map((n) =>
    h('li', { 'data-check': n.check }, h('strong', {}, tr(CHECK_LABEL[n.check])), L ? '——可由：' : ' — who can check: ', n.who.map((w) => tr(WHO_LABEL[w])).join(sep)),
  );
  set(
    el,
    headline,
    h('p', { class: 'level', 'data-testid': 'level', 'data-level': v.level }, tr(UI.levelLabel), h('strong', {}, tr(UI[`level_${v.level}` as 'level_light']))),
    v.ok ? h('div', { class: 'established', 'data-testid': 'established' }, h('p', {}, tr(UI.established)), h('ul', { class: 'plain' }, v.established.map((id) => h('li', { 'data-check': id }, '✔ ', tr(CHECK_LABEL[id]))))) : null,
    h('div', { class: 'notchecked', 'data-testid': 'not-checked' }, h('p', {}, tr(UI.notChecked)), h('ul', { class: 'plain' }, notChecked)),
    v.announcement_hash
      ? h('p', { class: 'compare', 'data-testid': 'announcement-note' }, h('strong', {}, tr(UI.compareHash)), ' ', mono(v.announcement_hash), ' ', tr(UI.compareHashHow))
      : null,
    v.ok && v.level === 'light' ? h('p', { class: 'hint' }, tr(UI.lightOnlyHint)) : null,
    failures.length ? h('ol', { class: 'failures', 'data-testid': 'failures' }, failures.map(failureItem)) : null,
  );
}

const REG = { items: t('检查事项', 'items'), entities: t('市场主体', 'entities'), officers: t('执法人员', 'officers'), recusals: t('回避申报', 'recusals') };

function timingText(): string {
  const r = state.result;
  if (!r) return '';
  const total = state.totalMs === null ? '' : state.lang === 'zh' ? `总用时 ${(state.totalMs / 1000).toFixed(2)} 秒；` : `total ${(state.totalMs / 1000).toFixed(2)} s; `;
  const c = r.public?.compact;
  const zhC = c ? `，紧凑格式，${c.blocks} 块${c.helpers ? `，其中 ${c.helperBlocks} 块由 ${c.helpers} 个辅助线程计算` : ''}` : '';
  const enC = c ? `, compact, ${c.blocks} blocks${c.helpers ? `, ${c.helperBlocks} hashed by ${c.helpers} helper thread${c.helpers > 1 ? 's' : ''}` : ''}` : '';
  return state.lang === 'zh'
    ? `${total}核对证明 ${r.ms.light} 毫秒${r.public ? `，公开名录 ${r.ms.public} 毫秒（${r.public.counts.entities.toLocaleString()} 个市场主体，${(r.public.bytes / 1048576).toFixed(1)} MB${zhC}）` : ''}`
    : `${total}proof ${r.ms.light} ms${r.public ? `, public snapshot ${r.ms.public} ms (${r.public.counts.entities.toLocaleString()} entities, ${(r.public.bytes / 1048576).toFixed(1)} MB${enC})` : ''}`;
}

// The details of the result and language last drawn: a look-up or a witness check redraws the page, and a province's
// draw lists thousands of targets, which are not built again for that.
let detailsDrawn: { result: unknown; lang: string } | null = null;

/** Lists longer than this start folded and are built when first unfolded (the page stays responsive). */
const FOLD_TARGETS_ABOVE = 2000;

function renderDetails() {
  const el = $('details');
  const r = state.result;
  const v: ProofView | null = r ? r.light.view : null;
  if (!r) {
    el.hidden = true;
    detailsDrawn = null;
    return;
  }
  el.hidden = false;
  if (detailsDrawn && detailsDrawn.result === r && detailsDrawn.lang === state.lang) return;
  detailsDrawn = { result: r, lang: state.lang };
  const checks = [...r.light.checks, ...(r.public ? r.public.checks : [])];
  const checkList = h(
    'ul',
    { class: 'checks', 'data-testid': 'checks' },
    checks.map((c) => h('li', { class: c.skipped ? 'skip' : c.ok ? 'ok' : 'bad', 'data-area': c.area }, h('span', { class: 'mark' }, c.skipped ? '–' : c.ok ? '✔' : '✘'), tr(c.label), c.count !== undefined ? h('span', { class: 'count' }, ` (${c.count})`) : null)),
  );
  const timing = h('p', { class: 'small', id: 'timing' }, timingText());
  if (!v) {
    set(el, h('h2', {}, tr(UI.checks)), checkList, timing);
    return;
  }
  const c = v.campaign;
  const L = state.lang === 'zh';
  const none = L ? '无' : 'none';
  const yes = L ? '是' : 'yes';
  const no = L ? '否' : 'no';
  const itemRows = c.items.map((code) => {
    const i = v.itemsByCode[code];
    return `${code} ${i ? i.name : ''}（${i ? i.department : '?'} · ${i ? i.target_category : '?'}）`;
  });
  const campaign = kv([
    [L ? '编号' : 'ID', c.id],
    [L ? '名称' : 'Title', c.title],
    [L ? '发起部门' : 'Lead department', c.lead_department],
    [L ? '抽取日期' : 'Draw date', c.draw_date],
    [L ? '检查事项' : 'Items', h('ul', { class: 'plain' }, itemRows.map((x) => h('li', {}, x)))],
    [L ? '抽查类别' : 'Categories', (c.targets.categories === null ? (L ? '（不定向）' : '(undirected) ') : '') + v.categoriesC.join(L ? '、' : ', ')],
    [L ? '地区' : 'Regions', c.targets.regions.join(L ? '、' : ', ') || (L ? '不限' : 'everywhere')],
    [L ? '排除标记' : 'Excluded flags', c.targets.exclude_flags.join(L ? '、' : ', ') || none],
    [L ? '按信用类别排除' : 'Classes left out', c.targets.exclude_credit_classes.join(L ? '、' : ', ') || none],
    [L ? '近期已检查不再抽取' : 'Skip inspected within', `${c.targets.exclude_inspected_within_days} ${L ? '天' : 'days'}`],
    [L ? '低风险企业一年只抽一次' : 'Low risk once a year', c.targets.low_risk_once_a_year ? yes : no],
    [L ? '检查期间' : 'Inspection period', c.period ? `${c.period.start} — ${c.period.end}` : none],
    [L ? '协调组' : 'Coordination', c.coordination ? `${c.coordination.group}（${L ? '起点' : 'start'} ${c.coordination.start.text}）` : none],
    [L ? '每组至少人数' : 'Team size (min)', String(c.teams.min_size)],
    [L ? '每部门派出人数' : 'Per department', String(c.teams.per_department)],
    [L ? '每人最多检查户数' : 'Max targets per officer', c.teams.max_targets_per_officer === null ? (L ? '不限' : 'no limit') : String(c.teams.max_targets_per_officer)],
    [L ? '执法人员地区' : 'Officer region', { same: L ? '与对象同地区' : 'same region as the target', other: L ? '异地交叉检查' : 'another region', any: L ? '不限' : 'any' }[c.teams.officer_region] ?? c.teams.officer_region],
    [L ? '同一人员不重复检查同一对象' : 'Same officer not again within', `${c.teams.avoid_same_officer_within_days} ${L ? '天' : 'days'}`],
    [
      L ? '执法人员分配程序' : 'Officer assignment',
      h(
        'span',
        { 'data-testid': 'assignment-version' },
        c.teams.assignment === 'v2'
          ? L
            ? 'v2（规范 §6.1：目标和人员先随机排序，再随机轮换，同等条件的人员机会相同）'
            : 'v2 (SPEC §6.1: targets and officers shuffled, then random rotations; officers with the same constraints have the same chances)'
          : c.teams.assignment === null || c.teams.assignment === 'v1'
            ? L
              ? 'v1（规范 §6）'
              : 'v1 (SPEC §6)'
            : L
              ? `“${c.teams.assignment}”（本页面不认识）`
              : `"${c.teams.assignment}" (unknown to this page)`,
      ),
    ],
  ]);
  const a = v.announcement;
  const announcement = kv([
    [L ? '公告哈希' : 'Announcement hash', h('span', { 'data-testid': 'announcement-hash' }, mono(a.hash))],
    [L ? '公告时间' : 'Announced at', `${a.announced_at}${a.announced_bj ? (L ? `（北京时间 ${a.announced_bj}）` : ` (Beijing ${a.announced_bj})`) : ''}`],
    [L ? '活动哈希' : 'Campaign hash', mono(a.campaign_hash)],
    [L ? '名录快照' : 'Registry snapshot', [`#${a.snapshot_id} `, mono(a.digest)]],
    ...(['items', 'entities', 'officers', 'recusals'] as const).map((k): [string, Child[]] => [`${L ? '名录根' : 'Root'} · ${tr(REG[k])}`, [mono(a.roots[k].hash), ` (${a.roots[k].size})`]]),
    [L ? '排除名单（近期已检查，户）' : 'Exclusion list (entities)', `${a.exclusion_count}`],
    [L ? '执法人员历史（不再派往的人员—对象对）' : 'Officer history (pairs)', `${a.officer_history_count}`],
    [L ? '本年度已抽取（户）' : 'Drawn this year (entities)', `${a.drawn_this_year_count}`],
    ...(a.group ? ([[L ? '协调组' : 'Coordination group', [`${a.group.name} · ${a.group.members.length} ${L ? '个活动' : 'campaigns'} · `, mono(a.group.hash)]]] as [string, Child[]][]) : []),
    [L ? '台账头' : 'Ledger head', mono(a.ledger_head)],
  ]);
  const wrows = v.witnesses.map((w) => [
    w.name,
    mono(w.commitment),
    w.secret !== null ? mono(w.secret) : L ? '（未揭示）' : '(not revealed)',
    w.revealed_bj ? `${w.revealed_bj}${L ? '（北京时间）' : ' (Beijing)'}` : '',
    h('span', { class: w.ok === null ? 'skip' : w.ok ? 'ok' : 'bad' }, w.ok === null ? '–' : w.ok ? '✔' : '✘'),
  ]);
  const b = v.beacon;
  const entropy = h(
    'div',
    {},
    v.witnesses.length ? table([L ? '见证人' : 'Witness', L ? '事先承诺' : 'Commitment', L ? '公开的秘密' : 'Revealed secret', L ? '揭示时间' : 'Revealed at', L ? '核对' : 'Check'], wrows, { 'data-testid': 'witnesses' }) : h('p', {}, L ? '本活动没有见证人。' : 'This campaign has no witnesses.'),
    v.missing.length ? h('p', {}, (L ? '未揭示的见证人：' : 'Did not reveal: ') + v.missing.join(L ? '、' : ', ')) : null,
    b
      ? kv([
          [L ? '公共随机信标' : 'Beacon', b.scheme === 'drand-quicknet' ? `drand quicknet ${L ? '第' : 'round'} ${b.round}${L ? ' 轮' : ''}` : `${L ? '彩票' : 'lottery'} ${b.round}`],
          [L ? '轮次应产生的时间' : 'Round due at', b.round_time ? `${b.round_time}${b.round_bj ? (L ? `（北京时间 ${b.round_bj}）` : ` (Beijing ${b.round_bj})`) : ''}` : '—'],
          [b.scheme === 'drand-quicknet' ? (L ? '签名' : 'Signature') : L ? '开奖结果' : 'Result', mono(b.evidence)],
          [L ? '信标值' : 'Beacon value', [mono(b.value), ' ', h('span', { class: b.ok ? 'ok' : 'bad' }, b.ok ? '✔' : '✘')]],
        ])
      : h('p', {}, L ? '本活动不使用公共随机信标。' : 'No public beacon.'),
    kv([
      [L ? '随机种子' : 'Seed', [h('span', { 'data-testid': 'seed' }, mono(v.seed)), ' ', h('span', { class: v.seed_ok ? 'ok' : 'bad' }, v.seed_ok ? '✔' : '✘')]],
      ...(v.prn_seed !== v.seed ? ([[L ? '协调组随机数种子' : 'Group PRN seed', mono(v.prn_seed)]] as [string, Child][]) : []),
    ]),
  );
  const strata = h(
    'div',
    {},
    h('p', {}, L ? `抽查范围：${v.pool_size} 户（另有 ${v.excluded_by_class} 户按信用类别规则排除）。${r.public ? `按公开名录重新统计：${r.public.counts.public_pool} 户（应为 ${v.pool_size + v.excluded_by_class}）。` : ''}各户的信用风险类别保密，因此只公开每个分层的户数和抽取数。` : `Pool: ${v.pool_size} entities (${v.excluded_by_class} more left out by class rules).${r.public ? ` Recounted from the public snapshot: ${r.public.counts.public_pool} (should be ${v.pool_size + v.excluded_by_class}).` : ''} Credit classes are confidential, so only each stratum's size and draw are public.`),
    table(
      [L ? '信用风险类别' : 'Class', L ? '规则' : 'Rule', L ? '至少' : 'Min', L ? '至多' : 'Max', L ? '分层户数' : 'Pool', L ? '抽取户数' : 'Drawn', L ? '按规则应抽' : 'Rule gives'],
      v.strata.map((s) => [s.credit_class, s.rule, s.min ?? '—', s.max ?? '—', String(s.pool), String(s.drawn), h('span', { class: s.expected === String(s.drawn) ? 'ok' : 'bad' }, s.expected ?? '?')]),
      { 'data-testid': 'strata' },
    ),
  );
  const targets = () =>
    table(
      ['#', L ? '统一社会信用代码' : 'USCC', L ? '名称' : 'Name', L ? '地区' : 'Region', L ? '检查事项' : 'Items', L ? '检查组' : 'Team'],
      v.targets.map((x) => [String(x.n), mono(x.uscc), x.name, `${x.region}${x.township ? ' ' + x.township : ''}`, x.items.map((i) => `${i.code} ${i.name}`).join(L ? '；' : '; '), x.officers.map((o) => `${o.name}（${o.id}，${o.department}）`).join(L ? '、' : ', ')]),
      { 'data-testid': 'targets' },
    );
  const targetsSummary = () => h('summary', {}, `${tr(UI.targets)}（${v.targets.length}）`);
  let targetsBox: HTMLElement;
  if (v.targets.length <= FOLD_TARGETS_ABOVE) targetsBox = h('details', { open: true }, targetsSummary(), targets());
  else {
    let built = false;
    targetsBox = h(
      'details',
      {
        ontoggle: () => {
          if (built || !(targetsBox as HTMLDetailsElement).open) return;
          built = true;
          targetsBox.replaceChildren(targetsSummary(), targets());
        },
      },
      targetsSummary(),
      h('p', { class: 'small' }, L ? `共 ${v.targets.length} 户，展开后列出。` : `${v.targets.length} targets, listed when unfolded.`),
    );
  }
  set(
    el,
    h('h2', {}, tr(UI.checks)),
    checkList,
    timing,
    h('details', { open: true }, h('summary', {}, tr(UI.campaign)), campaign),
    h('details', { open: true }, h('summary', {}, tr(UI.announcement)), announcement),
    h('details', { open: true }, h('summary', {}, tr(UI.entropy)), entropy),
    h('details', { open: true }, h('summary', {}, tr(UI.strata)), strata),
    targetsBox,
  );
}

function renderLookup() {
  const el = $('lookup-result');
  const r = state.lookup;
  if (state.lookupRunning) {
    set(el, h('p', {}, '…'));
    el.dataset.status = 'running';
    return;
  }
  if (!r) {
    set(el);
    el.dataset.status = 'idle';
    return;
  }
  el.dataset.status = 'done';
  el.dataset.inPool = String(r.inPool);
  el.dataset.drawn = String(r.drawn);
  el.dataset.inclusion = String(r.inclusionOk);
  el.dataset.class = r.creditClass ?? '';
  set(
    el,
    h('p', { class: `banner small ${r.headline.kind === 'ok' ? 'good' : r.headline.kind === 'fail' ? 'bad' : 'info'}`, 'data-testid': 'lookup-headline', 'data-kind': r.headline.kind }, tr(r.headline.text)),
    h('ul', { class: 'checks' }, r.lines.map((l) => h('li', { class: l.kind === 'ok' ? 'ok' : l.kind === 'fail' ? 'bad' : 'skip' }, h('span', { class: 'mark' }, l.kind === 'ok' ? '✔' : l.kind === 'fail' ? '✘' : 'ℹ'), tr(l.text)))),
  );
}

function renderWitness() {
  const el = $('witness-out');
  if (!state.witness) set(el);
  else
    set(
      el,
      kv([
        [tr(UI.secret), h('code', { class: 'mono', 'data-testid': 'witness-secret' }, state.witness.secret)],
        [tr(UI.commitment), h('code', { class: 'mono', 'data-testid': 'witness-commitment' }, state.witness.commitment)],
      ]),
    );
  const co = $('check-out');
  if (!state.check) set(co);
  else if (state.check.chars < 16) set(co, h('span', { class: 'bad' }, tr(UI.tooShort)));
  else set(co, h('code', { class: 'mono', 'data-testid': 'witness-check-output' }, state.check.commitment));
}

function render() {
  renderStatic();
  renderProgress();
  renderVerdict();
  renderDetails();
  renderLookup();
  renderWitness();
  renderLog(h, state.lang);
  ($('verify-button') as HTMLButtonElement).disabled = state.running;
}

// ---- actions ------------------------------------------------------------------------------------------------------------

function fileOf(id: string): File | null {
  const f = ($(id) as HTMLInputElement).files;
  return f && f.length ? f[0] : null;
}

function startVerify() {
  const proof = fileOf('proof-file');
  if (!proof) {
    state.error = tr(UI.needProof);
    state.result = null;
    render();
    return;
  }
  // a verification still running (a province takes a minute) is abandoned: its worker and what it kept go away
  if (state.running && worker?.terminate) {
    worker.terminate();
    worker = null;
  }
  state.running = true;
  state.error = null;
  state.result = null;
  state.progress = null;
  state.lookup = null;
  reqId++;
  render();
  state.startedAt = performance.now();
  send({ type: 'verify', id: reqId, proof, snapshot: fileOf('snapshot-file') });
}

function startLookup() {
  if (!state.result || !state.result.light.view) {
    state.lookup = { uscc: '', headline: { kind: 'fail', text: UI.lookupNeedsProof }, lines: [], record: null, inPool: null, drawn: false, inclusionOk: null, classOk: null, creditClass: null };
    render();
    return;
  }
  state.lookupRunning = true;
  reqId++;
  render();
  send({ type: 'lookup', id: reqId, uscc: ($('uscc') as HTMLInputElement).value, inclusion: fileOf('inclusion-file'), threshold: fileOf('threshold-file'), snapshot: fileOf('snapshot-file') });
}

function randomHex32(): string {
  const b = new Uint8Array(32);
  crypto.getRandomValues(b);
  return toHex(b);
}

function makeSecret() {
  const secret = randomHex32();
  state.witness = { secret, commitment: toHex(witnessCommitment(secret)) };
  renderWitness();
}

function checkSecret() {
  const s = ($('check-secret') as HTMLInputElement).value;
  let n = 0;
  for (const _ of s) n++;
  state.check = { commitment: toHex(witnessCommitment(s)), chars: n };
  renderWitness();
}

// ---- the page ------------------------------------------------------------------------------------------------------------

function build() {
  const label = (key: keyof typeof UI) => h('span', { 'data-t': key });
  document.body.append(
    h(
      'header',
      {},
      h('div', {}, h('h1', { 'data-t': 'title' }), h('p', { class: 'sub', 'data-t': 'subtitle' })),
      h('button', { id: 'lang', class: 'lang', 'data-testid': 'lang-toggle', 'data-t': 'lang', onclick: () => ((state.lang = state.lang === 'zh' ? 'en' : 'zh'), render()) }),
    ),
    h(
      'main',
      {},
      h('p', { class: 'intro', 'data-t': 'intro' }),
      h(
        'section',
        { class: 'card', id: 'load' },
        h('label', { class: 'file' }, label('step1'), h('input', { type: 'file', id: 'proof-file', accept: '.json,application/json', 'data-testid': 'proof-input' })),
        h('label', { class: 'file' }, label('step2'), h('input', { type: 'file', id: 'snapshot-file', accept: '.json,.ddps,application/json,application/octet-stream', 'data-testid': 'snapshot-input' })),
        h('p', { class: 'small', 'data-t': 'step2help' }),
        h('button', { id: 'verify-button', class: 'primary', 'data-testid': 'verify-button', 'data-t': 'verify', onclick: startVerify }),
        h('div', { id: 'progress', class: 'progress', 'data-testid': 'progress', hidden: true }),
      ),
      h('section', { id: 'verdict', class: 'card', 'data-testid': 'verdict', 'data-status': 'idle', hidden: true }),
      h('section', { id: 'details', class: 'card', hidden: true }),
      h(
        'section',
        { class: 'card', id: 'lookup' },
        h('h2', { 'data-t': 'lookupTitle' }),
        h('p', { class: 'small', 'data-t': 'lookupHelp' }),
        h(
          'div',
          { class: 'row' },
          h('input', { type: 'text', id: 'uscc', 'data-testid': 'uscc-input', 'data-tp': 'usccPlaceholder', maxlength: '40', autocomplete: 'off', onkeydown: (e: Event) => (e as KeyboardEvent).key === 'Enter' && startLookup() }),
          h('button', { class: 'primary', 'data-testid': 'lookup-button', 'data-t': 'lookup', onclick: startLookup }),
        ),
        h('label', { class: 'file' }, label('inclusionFile'), h('input', { type: 'file', id: 'inclusion-file', accept: '.json,application/json', 'data-testid': 'inclusion-input' })),
        h('label', { class: 'file' }, label('thresholdFile'), h('input', { type: 'file', id: 'threshold-file', accept: '.json,application/json', 'data-testid': 'threshold-input' })),
        h('div', { id: 'lookup-result', 'data-testid': 'lookup-result', 'data-status': 'idle' }),
      ),
      logSection(h, (k) => label(k as keyof typeof UI), 'proof-file', (inputs, id) => send({ type: 'log', id, inputs }), render),
      h(
        'section',
        { class: 'card', id: 'witness' },
        h('h2', { 'data-t': 'witnessTitle' }),
        h('p', { class: 'small', 'data-t': 'witnessHelp' }),
        h('button', { class: 'primary', 'data-testid': 'witness-generate', 'data-t': 'generate', onclick: makeSecret }),
        h('div', { id: 'witness-out' }),
        h('h3', { 'data-t': 'checkSecret' }),
        h('div', { class: 'row' }, h('input', { type: 'text', id: 'check-secret', 'data-testid': 'witness-check-input', autocomplete: 'off' }), h('button', { 'data-testid': 'witness-check-button', 'data-t': 'compute', onclick: checkSecret })),
        h('div', { id: 'check-out' }),
      ),
    ),
    h('footer', {}, h('p', { 'data-t': 'footer' }), h('p', { class: 'small' }, `dualdraw-verify ${__VERSION__}`)),
  );
  render();
  // start the worker while the reader picks files: its code is compiled by the time they press the button
  setTimeout(ensureWorker, 0);
}

build();
