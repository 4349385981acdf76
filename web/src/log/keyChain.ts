// docs/LOG.md §8: key rotation and revocation as a reader checks them. A key statement is the inclusion proof (§4) of
// a ledger entry of kind `key` in the checkpoint that ends with it, signed by the old keys and the new ones. The reader
// starts from keys they trust, takes the statements in the order of their sizes, verifies each against the keys in
// force after the previous one (the four steps below, each failure named by its §8 kind code) and so learns which
// keys sign a checkpoint of each size.
import { parseHex } from '../bytes.ts';
import { keyLabel, keyLabelZh, quietlySigned, type KeyView, type Retirement } from './checkpoint.ts';
import { chainHash, entryBody, parseEntry } from './entry.ts';
import { parseVkey, type Vkey } from './keys.ts';
import { checkNote, parseCheckpoint, signedByAll, type Note } from './note.ts';
import { parseTlogProof } from './proofs.ts';
import { P, isProblem, type Problem } from './report.ts';
import { inclusionOk, ledgerLeafHash } from './tree.ts';

/** A failure with its stable kind code (§8's, or the log-v1 ones such as note-no-known-signature). */
export class KindProblem {
  constructor(
    readonly kind: string,
    readonly problem: Problem,
  ) {}
  get zh(): string {
    return `${this.kind}：${this.problem.zh}`;
  }
  get en(): string {
    return `${this.kind}: ${this.problem.en}`;
  }
  toString(): string {
    return this.en;
  }
}
const K = (kind: string, zh: string, en: string) => new KindProblem(kind, P(zh, en));
export const isKindProblem = (x: unknown): x is KindProblem => x instanceof KindProblem;

export interface KeyStatement {
  origin: string;
  /** the checkpoint's size, which is the key entry's seq */
  size: number;
  action: 'rotate' | 'revoke';
  reason: string;
  /** the body's `old` keys (those named as the log) and `new` keys */
  old: Vkey[];
  new: Vkey[];
  /** the statement's checkpoint, as a note */
  note: Note;
}

/** The size a statement claims (its checkpoint's), read before it is verified, for ordering; null if unreadable. */
export function statementSize(input: string | Uint8Array): number | null {
  const p = parseTlogProof(input);
  if (isProblem(p)) return null;
  const cp = parseCheckpoint(p.checkpoint);
  return isProblem(cp) ? null : cp.size;
}

/** The origin a statement's checkpoint names, or null. */
export function statementOrigin(input: string | Uint8Array): string | null {
  const p = parseTlogProof(input);
  if (isProblem(p)) return null;
  const cp = parseCheckpoint(p.checkpoint);
  return isProblem(cp) ? null : cp.origin;
}

/** Step 1's signature rule under `keys` (every one must sign), with the log-v1 kind of each way it fails. */
function signedUnder(note: Note, keys: Vkey[], origin: string): KindProblem | null {
  const mine = keys.filter((k) => k.name === origin && k.type !== 'cosignature');
  if (mine.length === 0) return K('note-no-known-signature', `没有名为 ${origin} 的有效密钥`, `no key in force is named ${origin}`);
  const c = checkNote(note, mine);
  if (c.failed.length) return K('note-bad-signature', `密钥 ${keyLabelZh(c.failed[0])} 的签名验证失败`, `the signature of ${keyLabel(c.failed[0])} does not verify`);
  if (c.verified.length === 0) return K('note-no-known-signature', '检查点上没有有效密钥的签名', 'no key in force signed the checkpoint');
  if (!signedByAll(c, mine)) return K('checkpoint-missing-signature', `缺少有效密钥 ${keyLabelZh(c.missing[0])} 的签名`, `no signature by the key in force ${keyLabel(c.missing[0])}`);
  return null;
}

/** Verify a key statement against the keys in force before it (docs/LOG.md §8, steps 1–4). */
export function verifyKeyStatement(input: string | Uint8Array, inForce: Vkey[]): KeyStatement | KindProblem {
  // 1. an inclusion proof (§4) under the keys in force: every one of them signed; other keys' lines are ignored
  const p = parseTlogProof(input);
  if (isProblem(p)) return K('proof-malformed', `不是收录证明：${p.zh}`, `not an inclusion proof: ${p.en}`);
  const cp = parseCheckpoint(p.checkpoint);
  if (isProblem(cp)) return K('checkpoint-bad-text', `检查点格式错误：${cp.zh}`, `not a checkpoint: ${cp.en}`);
  const unsigned = signedUnder(cp.note, inForce, cp.origin);
  if (unsigned) return unsigned;
  if (!p.extra) return K('proof-malformed', '收录证明没有 extra 行（台账条目）', 'the proof has no extra line (the ledger entry)');
  const e = parseEntry(p.extra);
  if (isProblem(e)) return K('proof-malformed', `extra 不是台账条目：${e.zh}`, `extra is not a ledger entry: ${e.en}`);
  const h = chainHash(e);
  if (h !== e.hash) return K('entry-hash-mismatch', `条目 ${e.seq} 的链哈希应为 ${h}`, `entry ${e.seq}'s chain hash is ${h}, the entry says ${e.hash}`);
  if (p.index !== e.seq - 1) return K('entry-index-mismatch', `index 应为 seq − 1 = ${e.seq - 1}`, `index must be seq − 1 = ${e.seq - 1}, the proof says ${p.index}`);
  if (!inclusionOk(p.index, cp.size, ledgerLeafHash(e.seq, parseHex(e.hash)!), p.path, cp.root))
    return K('inclusion-failed', `收录路径不能从第 ${e.seq} 条通向检查点的根`, `the path does not lead from entry ${e.seq}'s leaf to the checkpoint's root (size ${cp.size})`);
  // 2. a key entry, and the checkpoint's last leaf
  if (e.kind !== 'key') return K('key-statement-not-key-entry', `第 ${e.seq} 条的类型是 ${e.kind}，不是 key`, `entry ${e.seq} is of kind ${e.kind}, not key`);
  if (e.seq !== cp.size) return K('key-statement-not-last', `第 ${e.seq} 条不是 ${cp.size} 条检查点的最后一条`, `entry ${e.seq} is not the last leaf of the size-${cp.size} checkpoint`);
  // 3. the body: action, reason, new (vkeys named as the log, none also old); every key in force is among `old`
  const body = entryBody(e);
  const bad = (zh: string, en: string) => K('key-statement-bad-body', zh, en);
  if (!body) return bad('条目正文不是 JSON 对象', 'the entry body is not a JSON object');
  const action = body.action;
  if (action !== 'rotate' && action !== 'revoke') return bad(`action 应为 rotate 或 revoke，而非 ${JSON.stringify(action)}`, `action must be rotate or revoke, not ${JSON.stringify(action)}`);
  if (typeof body.reason !== 'string') return bad('reason 不是文本', 'reason is not a string');
  const lists: Record<'new' | 'old', Vkey[]> = { new: [], old: [] };
  for (const f of ['new', 'old'] as const) {
    const v = body[f];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return bad(`${f} 不是公钥列表`, `${f} is not a list of vkeys`);
    for (const t of v as string[]) {
      const k = parseVkey(t);
      if (isProblem(k)) return bad(`${f} 中的公钥无法读取：${k.zh}`, `a vkey of ${f} cannot be read: ${k.en}`);
      lists[f].push(k);
    }
  }
  if (lists.new.length === 0) return bad('new 为空', 'new is empty');
  for (const k of lists.new) {
    if (k.name !== cp.origin) return bad(`新密钥 ${k.name} 不是以日志名 ${cp.origin} 命名的`, `the new key ${k.name} is not named as the log ${cp.origin}`);
    if (k.type === 'cosignature') return bad('新密钥不能是联署密钥', 'a new key cannot be a cosignature key');
    if (lists.old.some((o) => o.text === k.text)) return bad(`新密钥 ${keyLabelZh(k)} 也在 old 中`, `the new key ${keyLabel(k)} is also in old`);
  }
  const mine = inForce.filter((k) => k.name === cp.origin && k.type !== 'cosignature');
  const missing = mine.filter((k) => !lists.old.some((o) => o.text === k.text));
  if (missing.length)
    return K('key-statement-other-keys', `有效密钥 ${keyLabelZh(missing[0])} 不在声明的 old 中：此声明换的是别的密钥`, `the key in force ${keyLabel(missing[0])} is not in the statement's old: it replaces other keys`);
  // 4. the new keys signed the checkpoint too
  const c = checkNote(cp.note, lists.new);
  if (!signedByAll(c, lists.new)) {
    const k = c.failed[0] ?? c.missing[0];
    return K('key-statement-unsigned-by-new', `新密钥 ${keyLabelZh(k)} 没有有效签署此检查点`, `the new key ${keyLabel(k)} has no valid signature on the statement's checkpoint`);
  }
  return { origin: cp.origin, size: cp.size, action, reason: body.reason, old: lists.old.filter((k) => k.name === cp.origin && k.type !== 'cosignature'), new: lists.new, note: cp.note };
}

/** One statement's outcome, in the order taken (by size). */
export interface StatementResult {
  /** its position among the statements given */
  index: number;
  size: number | null;
  ok: KeyStatement | null;
  error: KindProblem | null;
}

/** The reader's key chain: the initial keys and the accepted statements, by size. */
export class KeyChain implements KeyView {
  readonly chain = true as const;
  readonly statements: KeyStatement[] = [];
  readonly results: StatementResult[] = [];
  constructor(readonly initial: Vkey[]) {}

  get accepted(): number {
    return this.statements.length;
  }

  /** Take statements (any order): sorted by size, each verified against the keys in force after the previous one. */
  static build(initial: Vkey[], inputs: (string | Uint8Array)[]): KeyChain {
    const ch = new KeyChain(initial);
    const order = inputs.map((input, index) => ({ input, index, size: statementSize(input) }));
    // unreadable ones first (they fail anyway), then by size; a stable sort keeps the given order within a size
    order.sort((a, b) => (a.size ?? -1) - (b.size ?? -1));
    const sizes = new Set<number>();
    for (const o of order) {
      if (o.size !== null && sizes.has(o.size)) {
        ch.results.push({ index: o.index, size: o.size, ok: null, error: K('key-statement-duplicate', `已有一份 ${o.size} 条的密钥声明`, `there is already a key statement of size ${o.size}`) });
        continue;
      }
      const r = verifyKeyStatement(o.input, ch.keysFor(o.size ?? Number.MAX_SAFE_INTEGER));
      if (isKindProblem(r)) ch.results.push({ index: o.index, size: o.size, ok: null, error: r });
      else {
        sizes.add(r.size);
        ch.statements.push(r);
        ch.results.push({ index: o.index, size: r.size, ok: r, error: null });
      }
    }
    return ch;
  }

  /** the last accepted statement of size ≤ n (the latest for null) */
  private at(size: number | null): KeyStatement | null {
    let s: KeyStatement | null = null;
    for (const x of this.statements) if (size === null || x.size <= size) s = x;
    return s;
  }

  /** The keys in force at size n: the last statement's (size ≤ n) new keys, else the initial keys. */
  keysFor(size: number | null): Vkey[] {
    const s = this.at(size);
    if (!s) return this.initial;
    // keys of other logs given with them are kept
    return [...this.initial.filter((k) => k.name !== s.origin), ...s.new];
  }

  retiredBy(note: Note, origin: string, size: number | null): Retirement | null {
    for (let i = this.statements.length - 1; i >= 0; i--) {
      const s = this.statements[i];
      if (s.origin !== origin || (size !== null && s.size > size)) continue;
      if (quietlySigned(note, origin, s.old)) return { action: s.action, size: s.size, reason: s.reason, old: s.old };
    }
    return null;
  }

  generation(size: number | null): [string, string] {
    const s = this.at(size);
    if (!s) return ['起始密钥', 'the initial keys'];
    return s.action === 'rotate' ? [`第 ${s.size} 条轮换后的密钥`, `the keys of the rotation at size ${s.size}`] : [`第 ${s.size} 条吊销后启用的密钥`, `the keys of the revocation at size ${s.size}`];
  }
}

export const fingerprints = (ks: Vkey[]) => ks.map((k) => k.fingerprint).join(', ');
