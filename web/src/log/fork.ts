// docs/LOG.md §5: a cosigner's fork proof, and exactly what it establishes.
import { fromUtf8, toHex } from '../bytes.ts';
import { type Policy, verifyCheckpoint } from './checkpoint.ts';
import type { Vkey } from './keys.ts';
import { MAX_NOTE_BYTES } from './note.ts';
import { parseAddCheckpoint } from './proofs.ts';
import { P, Report, isProblem, type LogReport, type Problem } from './report.ts';
import { consistencyOk } from './tree.ts';

export type ForkKind = 'same-size' | 'rollback' | 'inconsistent';

export interface ForkProof {
  kind: ForkKind;
  a: string;
  b: string;
  body: string | null;
}

/** One checkpoint as it sits in the file: three text lines, an empty line, signature lines ("— …"). */
function takeCheckpoint(lines: string[], i: number): { note: string; next: number } | Problem {
  if (i + 4 > lines.length) return P('检查点不完整', 'a checkpoint is cut short');
  const text = lines.slice(i, i + 3);
  if (text.some((l) => l === '') || lines[i + 3] !== '') return P(`第 ${i + 1} 行：检查点应为三行正文、一个空行和签名行`, `line ${i + 1}: a checkpoint is three lines, an empty line and its signatures`);
  let j = i + 4;
  while (j < lines.length && lines[j].startsWith('\u2014 ')) j++;
  if (j === i + 4) return P(`第 ${j + 1} 行：检查点没有签名行`, `line ${j + 1}: the checkpoint has no signature line`);
  return { note: [...text, '', ...lines.slice(i + 4, j)].join('\n') + '\n', next: j };
}

export function parseForkProof(input: string | Uint8Array): ForkProof | Problem {
  let s: string;
  try {
    s = typeof input === 'string' ? input : fromUtf8(input);
  } catch {
    return P('分叉证据不是 UTF-8 编码', 'the fork proof is not UTF-8');
  }
  if (s.length > 4 * MAX_NOTE_BYTES) return P(`分叉证据超过 ${4 * MAX_NOTE_BYTES} 字符`, `the fork proof is over ${4 * MAX_NOTE_BYTES} characters`);
  const lines = s.split('\n');
  if (lines[0] !== 'dualdraw-fork-proof/v1') return P('第一行不是 dualdraw-fork-proof/v1', 'the first line is not dualdraw-fork-proof/v1');
  const kind = lines[1];
  if (kind !== 'same-size' && kind !== 'rollback' && kind !== 'inconsistent') return P(`未知的类型 ${JSON.stringify(kind ?? '')}`, `unknown kind ${JSON.stringify(kind ?? '')}`);
  if (lines[2] !== '') return P('第 3 行不是空行', 'line 3 is not empty');
  const a = takeCheckpoint(lines, 3);
  if (isProblem(a)) return a;
  if (lines[a.next] !== '') return P(`第 ${a.next + 1} 行：两个检查点之间须有空行`, `line ${a.next + 1}: an empty line must separate the two checkpoints`);
  const b = takeCheckpoint(lines, a.next + 1);
  if (isProblem(b)) return b;
  // what follows B: nothing, or an empty line then (for `inconsistent`) the add-checkpoint body
  const after = lines.slice(b.next);
  let body: string | null = null;
  if (after.length === 1 && after[0] === '') body = null;
  else if (after[0] === '') {
    const rest = after.slice(1).join('\n');
    body = rest === '' ? null : rest;
  } else return P(`第 ${b.next + 1} 行：第二个检查点之后有多余内容`, `line ${b.next + 1}: unexpected text after the second checkpoint`);
  if (kind === 'inconsistent' && body === null) return P('inconsistent 分叉证据须附上未通过的 add-checkpoint 请求', 'an inconsistent fork proof carries the add-checkpoint body that failed');
  if (kind !== 'inconsistent' && body !== null) return P(`${kind} 分叉证据在第二个检查点之后不应有内容`, `a ${kind} fork proof carries nothing after the second checkpoint`);
  return { kind, a: a.note, b: b.note, body };
}

/** Verify a fork proof with the bureau's keys and say exactly what it established. */
export function verifyFork(input: string | Uint8Array, logKeys: Vkey[], policy: Policy | null = null): LogReport {
  const rep = new Report('fork');
  const f = parseForkProof(input);
  if (isProblem(f)) return rep.fail('fork.format', `分叉证据格式错误：${f.zh}`, `not a fork proof: ${f.en}`).done();
  rep.fact('fork_kind', f.kind);
  const a = verifyCheckpoint(f.a, logKeys, policy, 'fork.a');
  const b = verifyCheckpoint(f.b, logKeys, policy, 'fork.b');
  rep.take(a.report, true).take(b.report, true);
  if (!a.cp || !b.cp || !rep.ok) {
    rep.fail('fork.signed', '两个检查点须都由机关签署，分叉证据才成立', 'both checkpoints must be signed by the bureau for a fork proof to stand');
    return rep.done();
  }
  const [A, B] = [a.cp, b.cp];
  rep.fact('origin', A.origin).fact('a_size', A.size).fact('b_size', B.size).fact('a_root', toHex(A.root)).fact('b_root', toHex(B.root));
  if (A.origin !== B.origin) return rep.fail('fork.origin', `两个检查点属于不同日志（${A.origin}、${B.origin}），不构成分叉`, `the checkpoints are of different logs (${A.origin}, ${B.origin}): no fork`).done();
  const sameRoot = toHex(A.root) === toHex(B.root);
  if (f.kind === 'same-size') {
    if (A.size !== B.size) return rep.fail('fork.kind', `same-size 要求大小相同，此处为 ${A.size} 与 ${B.size}`, `same-size needs equal sizes, here ${A.size} and ${B.size}`).done();
    if (sameRoot) return rep.fail('fork.kind', '两个检查点的根哈希相同：不是分叉', 'both checkpoints have the same root: no fork').done();
    rep.pass('fork.kind', `大小同为 ${A.size}，根哈希不同`, `both of size ${A.size}, different roots`);
    rep.est(
      `确证（无需其他材料）：机关签署了日志 ${A.origin} 的两个不同版本，大小同为 ${A.size}，根哈希 ${toHex(A.root)} 与 ${toHex(B.root)}`,
      `conclusive on its own: the bureau signed two different versions of log ${A.origin}, both of size ${A.size}, roots ${toHex(A.root)} and ${toHex(B.root)}`,
    );
  } else if (f.kind === 'rollback') {
    if (!(B.size < A.size)) return rep.fail('fork.kind', `rollback 要求第二个检查点更小，此处为 ${A.size} 与 ${B.size}`, `rollback needs the second checkpoint to be smaller, here ${A.size} and ${B.size}`).done();
    rep.pass('fork.kind', `第二个检查点（${B.size} 条）比第一个（${A.size} 条）小`, `the second checkpoint (${B.size}) is smaller than the first (${A.size})`);
    rep.est(`机关签署了日志 ${A.origin} 的两个检查点：${A.size} 条与 ${B.size} 条`, `the bureau signed both checkpoints of log ${A.origin}: sizes ${A.size} and ${B.size}`);
    rep.not(
      `日志是否被篡改：分叉证据不记录时间，较小的检查点也可能只是旧的；只有当机关拿不出从 ${B.size} 到 ${A.size} 的一致性证明时才成为确证`,
      `that the log was tampered with: the file carries no times and the smaller checkpoint may simply be an old one; it is conclusive only once the bureau cannot produce a consistency proof from ${B.size} to ${A.size}`,
    );
  } else {
    if (!(A.size < B.size)) return rep.fail('fork.kind', `inconsistent 要求第二个检查点更大，此处为 ${A.size} 与 ${B.size}`, `inconsistent needs the second checkpoint to be larger, here ${A.size} and ${B.size}`).done();
    const req = parseAddCheckpoint(f.body!);
    if (isProblem(req)) return rep.fail('fork.request', `所附请求格式错误：${req.zh}`, `the enclosed request is malformed: ${req.en}`).done();
    if (req.checkpoint !== f.b) return rep.fail('fork.request', '所附请求中的检查点不是第二个检查点', 'the enclosed request is not about the second checkpoint').done();
    if (req.old !== A.size) return rep.fail('fork.request', `所附请求的 old ${req.old} 不是第一个检查点的大小 ${A.size}`, `the enclosed request's old ${req.old} is not the first checkpoint's size ${A.size}`).done();
    if (consistencyOk(A.size, B.size, A.root, B.root, req.proof))
      return rep.fail('fork.request', '所附一致性证明其实成立：两个检查点一致，不是分叉', 'the enclosed consistency proof verifies: the checkpoints are consistent, no fork').done();
    rep.pass('fork.request', `所附一致性证明（${req.proof.length} 个哈希）不能从 ${A.size} 条连到 ${B.size} 条`, `the enclosed consistency proof (${req.proof.length} hashes) does not connect ${A.size} to ${B.size}`);
    rep.est(
      `机关签署了日志 ${A.origin} 的两个检查点（${A.size} 条、${B.size} 条），随附的一致性证明不成立`,
      `the bureau signed both checkpoints of log ${A.origin} (sizes ${A.size} and ${B.size}) and the consistency proof that came with the second does not verify`,
    );
    rep.not(
      `两个检查点确实不一致：只有当机关拿不出从 ${A.size} 到 ${B.size} 的有效一致性证明时才成为确证（所附证明可能只是传输中损坏）`,
      `that the two checkpoints are really inconsistent: conclusive only once the bureau cannot produce a valid consistency proof from ${A.size} to ${B.size} (the enclosed one may just have been damaged)`,
    );
  }
  rep.not('这些公钥是否确为该机关的真实密钥：请核对指纹', "that the keys are the bureau's genuine ones: compare the fingerprints");
  return rep.done();
}
