// The page's section for the signed log (docs/LOG.md): the reader pastes or drops the bureau's vkeys, a checkpoint,
// an inclusion proof (and, optionally, the cosigner policy, an older checkpoint with a consistency proof, a fork
// proof) and sees what was established and what was not. The verification runs in the worker, which holds the noble
// libraries already (sharing them there keeps the page smaller).
// Every text from a file is put in the page as text, never as HTML.
import type { LogInputs, LogReport } from './log.ts';
import type { Response } from './worker.ts';
import { t, type Lang, type T } from './text.ts';

type Child = Node | string | null | undefined | false;
type H = (tag: string, attrs?: Record<string, string | boolean | ((e: Event) => void)>, ...children: (Child | Child[])[]) => HTMLElement;

export const LOG_UI = {
  logTitle: t('签名日志核验：机关密钥、检查点、收录证明', 'Signed log: the bureau’s keys, checkpoint, inclusion proof'),
  logHelp: t(
    '机关对台账的每个检查点用 Ed25519 和 SM2 两把密钥签名。请粘贴机关公布的公钥（vkey，每行一个，可从公告通知或省级密钥清单复制），再载入检查点和收录证明（ledger prove-inclusion）。若上方已载入抽取证明，本页还核对收录的正是这份证明。文件不会上传。',
    'The bureau signs each checkpoint of its ledger with two keys, Ed25519 and SM2. Paste the bureau’s published keys (vkeys, one per line, from an announcement notice or the province’s key list), then load a checkpoint and an inclusion proof (ledger prove-inclusion). If a draw proof is loaded above, the page also checks that the entry is exactly that proof. Files are not uploaded.',
  ),
  logKeys: t('机关公钥（vkey，每行一个）', 'The bureau’s keys (vkeys, one per line)'),
  logCheckpoint: t('检查点（文本，可粘贴或选择文件）', 'Checkpoint (text: paste it or choose a file)'),
  logInclusion: t('收录证明（.tlog-proof）', 'Inclusion proof (.tlog-proof)'),
  logPolicy: t('共同签署策略（log-policy.toml，可选）', 'Cosigner policy (log-policy.toml, optional)'),
  logOld: t('此前保存的检查点（可选，用于一致性证明）', 'A checkpoint you kept earlier (optional, for a consistency proof)'),
  logConsistency: t('一致性证明（ledger prove-consistency，可选）', 'Consistency proof (ledger prove-consistency, optional)'),
  logFork: t('分叉证据（可选）', 'Fork proof (optional)'),
  logAuditorKeys: t('审计人公钥（可选，用于审计声明）', 'Auditors’ keys (optional, for attestations)'),
  logAttestation: t('审计声明（F.attest-审计人.txt，可选；与上方载入的证明核对）', 'Attestation (F.attest-AUDITOR.txt, optional; checked against the proof loaded above)'),
  logKeyStatements: t('密钥声明（可选，可多个）', 'Key statements (optional, several allowed)'),
  logKeyList: t('省级公钥清单（可选）', 'The province’s key list (optional)'),
  logVerify: t('核验签名日志', 'Verify the signed log'),
  logNothing: t('请粘贴公钥，并至少载入一个检查点、收录证明、一致性证明、分叉证据或审计声明。', 'Paste the keys and load at least a checkpoint, an inclusion proof, a consistency proof, a fork proof or an attestation.'),
};

const KIND: Record<LogReport['kind'], T> = {
  keys: t('公钥', 'Keys'),
  checkpoint: t('检查点', 'Checkpoint'),
  inclusion: t('收录证明', 'Inclusion proof'),
  consistency: t('一致性证明', 'Consistency proof'),
  fork: t('分叉证据', 'Fork proof'),
  'file-signature': t('文件签名', 'File signature'),
  attestation: t('审计声明', 'Attestation'),
};

let last: LogReport[] | null = null;
let message: T | null = null;
let running = false;
/** log requests use negative ids, apart from the draw verification's */
let logId = 0;
let rerender: () => void = () => undefined;

async function allBytesOf(id: string): Promise<{ name: string; bytes: Uint8Array }[]> {
  const f = (document.getElementById(id) as HTMLInputElement | null)?.files;
  const out: { name: string; bytes: Uint8Array }[] = [];
  if (f) for (const x of Array.from(f)) out.push({ name: x.name, bytes: new Uint8Array(await x.arrayBuffer()) });
  return out;
}
async function bytesOf(id: string): Promise<Uint8Array | null> {
  const f = (document.getElementById(id) as HTMLInputElement | null)?.files;
  return f && f.length ? new Uint8Array(await f[0].arrayBuffer()) : null;
}
const textOf = (id: string) => (document.getElementById(id) as HTMLTextAreaElement | null)?.value ?? '';

export type SendLog = (inputs: LogInputs, id: number) => void;

/** Read the section's fields and send them to the worker; `proofFileId` is the draw proof's input above. */
export async function runLogCheck(proofFileId: string, send: SendLog): Promise<void> {
  const pasted = textOf('log-checkpoint-text').replace(/\r\n/g, '\n');
  const inp: LogInputs = {
    logKeys: [textOf('log-keys')],
    checkpoint: (await bytesOf('log-checkpoint-file')) ?? (pasted.trim() ? pasted.replace(/\n*$/, '\n') : null),
    inclusion: await bytesOf('log-inclusion-file'),
    drawProof: await bytesOf(proofFileId),
    fork: await bytesOf('log-fork-file'),
    auditorKeys: [textOf('log-auditor-keys')],
  };
  const statements = await allBytesOf('log-key-statement-file');
  if (statements.length) inp.keyStatements = statements.map((s) => s.bytes);
  const list = (await allBytesOf('log-key-list-file'))[0];
  if (list) inp.keyLists = [{ name: list.name, text: new TextDecoder().decode(list.bytes) }];
  const att = await bytesOf('log-attestation-file');
  if (att) inp.attestations = [att];
  const policy = await bytesOf('log-policy-file');
  if (policy) inp.policy = new TextDecoder().decode(policy);
  const older = await bytesOf('log-old-file');
  const body = await bytesOf('log-consistency-file');
  if (older && body) inp.consistency = { older, body };
  last = null;
  if (!inp.checkpoint && !inp.inclusion && !inp.consistency && !inp.fork && !att && !inp.keyStatements) {
    message = LOG_UI.logNothing;
    running = false;
  } else {
    message = null;
    running = true;
    send(inp, --logId);
  }
  rerender();
}

/** The worker's answer (or its error) to the latest log request. */
export function onLogResponse(r: Response): void {
  if (r.id !== logId) return;
  running = false;
  if (r.type === 'log') last = r.reports;
  else if (r.type === 'error') message = t(`出错：${r.message}`, `Error: ${r.message}`);
  rerender();
}

export function logSection(h: H, label: (k: string) => HTMLElement, proofFileId: string, send: SendLog, render: () => void): HTMLElement {
  rerender = render;
  const file = (id: string, k: string, testid: string) => h('label', { class: 'file' }, label(k), h('input', { type: 'file', id, 'data-testid': testid }));
  return h(
    'section',
    { class: 'card', id: 'log' },
    h('h2', { 'data-t': 'logTitle' }),
    h('p', { class: 'small', 'data-t': 'logHelp' }),
    h('label', { class: 'file' }, label('logKeys'), h('textarea', { id: 'log-keys', rows: '3', class: 'mono wide', spellcheck: 'false', 'data-testid': 'log-keys' })),
    h('label', { class: 'file' }, label('logCheckpoint'), h('textarea', { id: 'log-checkpoint-text', rows: '5', class: 'mono wide', spellcheck: 'false', 'data-testid': 'log-checkpoint-text' })),
    h('input', { type: 'file', id: 'log-checkpoint-file', 'data-testid': 'log-checkpoint-input' }),
    file('log-inclusion-file', 'logInclusion', 'log-inclusion-input'),
    file('log-policy-file', 'logPolicy', 'log-policy-input'),
    h('label', { class: 'file' }, label('logKeyStatements'), h('input', { type: 'file', id: 'log-key-statement-file', multiple: true, 'data-testid': 'log-key-statement-input' })),
    file('log-key-list-file', 'logKeyList', 'log-key-list-input'),
    file('log-old-file', 'logOld', 'log-old-input'),
    file('log-consistency-file', 'logConsistency', 'log-consistency-input'),
    file('log-fork-file', 'logFork', 'log-fork-input'),
    h('label', { class: 'file' }, label('logAuditorKeys'), h('textarea', { id: 'log-auditor-keys', rows: '2', class: 'mono wide', spellcheck: 'false', 'data-testid': 'log-auditor-keys' })),
    file('log-attestation-file', 'logAttestation', 'log-attestation-input'),
    h('button', { class: 'primary', 'data-testid': 'log-verify-button', 'data-t': 'logVerify', onclick: () => void runLogCheck(proofFileId, send) }),
    h('div', { id: 'log-result', 'data-testid': 'log-result', 'data-status': 'idle' }),
  );
}

export function renderLog(h: H, lang: Lang): void {
  const el = document.getElementById('log-result');
  if (!el) return;
  const tr = (x: T) => x[lang];
  el.replaceChildren();
  if (message) {
    el.dataset.status = 'idle';
    el.append(h('p', { class: 'hint' }, tr(message)));
    return;
  }
  if (!last) {
    el.dataset.status = running ? 'running' : 'idle';
    return;
  }
  const ok = last.every((r) => r.ok);
  el.dataset.status = ok ? 'valid' : 'invalid';
  const zh = lang === 'zh';
  el.append(
    h(
      'div',
      { class: `banner small ${ok ? 'good' : 'bad'}`, 'data-testid': 'log-verdict' },
      ok ? (zh ? '✔ 签名日志核验通过（已证明的内容见下）' : '✔ The signed log verifies (what that proves is below)') : zh ? '✘ 签名日志核验未通过' : '✘ The signed log does not verify',
    ),
  );
  for (const r of last) {
    el.append(
      h(
        'div',
        { class: 'log-report', 'data-testid': 'log-report', 'data-kind': r.kind, 'data-ok': String(r.ok) },
        h('h3', {}, `${r.ok ? '✔' : '✘'} ${tr(KIND[r.kind])}`),
        h('ul', { class: 'checks' }, r.findings.map((f) => h('li', { class: f.ok ? 'ok' : 'bad', 'data-check': f.check }, h('span', { class: 'mark' }, f.ok ? '✔' : '✘'), tr(f.text)))),
        r.established.length ? h('p', { class: 'lbl' }, zh ? '已证明：' : 'Established:') : null,
        r.established.length ? h('ul', { 'data-testid': 'log-established' }, r.established.map((x) => h('li', {}, tr(x)))) : null,
        r.not_established.length ? h('p', { class: 'lbl' }, zh ? '未能证明：' : 'Not established:') : null,
        r.not_established.length ? h('ul', { class: 'small', 'data-testid': 'log-not-established' }, r.not_established.map((x) => h('li', {}, tr(x)))) : null,
      ),
    );
  }
}
