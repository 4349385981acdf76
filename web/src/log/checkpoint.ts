// docs/LOG.md §3 and §5: a checkpoint checked against the bureau's keys, its cosignatures against a policy.
import { parse as parseToml } from 'smol-toml';
import { toHex, utf8 } from '../bytes.ts';
import { parseVkey, verifySig, type Vkey } from './keys.ts';
import { checkNote, parseCheckpoint, signedByAll, type Checkpoint, type Note } from './note.ts';
import { P, Report, isProblem, type LogReport, type Problem } from './report.ts';

export interface Policy {
  cosigners: Vkey[];
  quorum: number;
}

/** `log-policy.toml`: `quorum = N` and `cosigners = ["vkey", …]` (cosignature vkeys, type 0x04). */
export function parsePolicy(text: string): Policy | Problem {
  let v: Record<string, unknown>;
  try {
    v = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    return P(`策略不是 TOML：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, `the policy is not TOML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const q = v.quorum;
  const quorum = typeof q === 'bigint' ? Number(q) : q;
  if (typeof quorum !== 'number' || !Number.isSafeInteger(quorum) || quorum < 0) return P('策略的 quorum 不是 ≥ 0 的整数', "the policy's quorum is not an integer ≥ 0");
  if (!Array.isArray(v.cosigners) || !v.cosigners.every((c) => typeof c === 'string')) return P('策略的 cosigners 不是公钥列表', "the policy's cosigners is not a list of vkeys");
  const cosigners: Vkey[] = [];
  for (const c of v.cosigners as string[]) {
    const k = parseVkey(c);
    if (isProblem(k)) return P(`共同签署人公钥：${k.zh}`, `a cosigner's vkey: ${k.en}`);
    if (k.type !== 'cosignature') return P(`共同签署人 ${k.name} 的公钥类型为 ${k.type}，应为 0x04`, `the cosigner ${k.name} has a ${k.type} vkey; cosigners' vkeys have type 0x04`);
    cosigners.push(k);
  }
  if (quorum > cosigners.length) return P(`法定数 ${quorum} 多于所列的 ${cosigners.length} 个共同签署人`, `the quorum ${quorum} is more than the ${cosigners.length} cosigners named`);
  return { cosigners, quorum };
}

/** What a statement retired or revoked (docs/LOG.md §8): the statement's action, size and reason. */
export interface Retirement {
  action: 'rotate' | 'revoke';
  size: number;
  reason: string;
  /** the keys it retired (named as the log) */
  old: Vkey[];
}

/**
 * The reader's keys over time (docs/LOG.md §8), as log/keyChain.ts builds them: the keys in force for a checkpoint's
 * size (`null`: the latest, for what has no size) and, when those fail, the statement whose old keys signed.
 */
export interface KeyView {
  readonly chain: true;
  /** how many statements were accepted */
  readonly accepted: number;
  keysFor(size: number | null): Vkey[];
  /** the last statement of size ≤ `size` (any when null) whose old keys all signed the note, latest first */
  retiredBy(note: Note, origin: string, size: number | null): Retirement | null;
  /** a label of the keys in force at `size` (e.g. "the initial keys", "the keys of the rotation at size 4") */
  generation(size: number | null): [string, string];
}
export type Keys = Vkey[] | KeyView;
export const isView = (k: Keys): k is KeyView => !Array.isArray(k);
/** the keys in force at a size (all given keys when there is no chain) */
export const keysAt = (k: Keys, size: number | null): Vkey[] => (isView(k) ? k.keysFor(size) : k);

/** Do the keys of `name` among `keys` all sign the note (no failures)? Quietly, without findings. */
export function quietlySigned(note: Note, name: string, keys: Vkey[]): boolean {
  const mine = keys.filter((k) => k.name === name && k.type !== 'cosignature');
  return signedByAll(checkNote(note, mine), mine);
}

/** Add the `keys.in-force` finding for a note (of a size, or none) whose keys in force failed; true when added. */
export function inForceCheck(rep: Report, view: KeyView, note: Note, origin: string, size: number | null, what: [string, string]): Retirement | null {
  const r = view.retiredBy(note, origin, size);
  if (!r) return null;
  const kind = r.action === 'rotate' ? 'key-retired' : 'key-revoked';
  if (r.action === 'rotate')
    rep.fail('keys.in-force', `key-retired：${what[0]}由第 ${r.size} 条的密钥轮换所停用的密钥签署（原因：${r.reason}）`, `key-retired: ${what[1]} is signed by keys the rotation at size ${r.size} retired (reason: ${r.reason})`);
  else rep.fail('keys.in-force', `key-revoked：${what[0]}由第 ${r.size} 条吊销的密钥签署（原因：${r.reason}）`, `key-revoked: ${what[1]} is signed by keys revoked at size ${r.size} (reason: ${r.reason})`);
  rep.fact('error_kind', kind).fact('retired_at', r.size);
  return r;
}

export const keyLabel = (k: Vkey) => `${k.name} (${k.type === 'sm2' ? 'SM2' : k.type === 'ed25519' ? 'Ed25519' : 'cosigner'}, ${k.fingerprint})`;
export const keyLabelZh = (k: Vkey) => `${k.name}（${k.type === 'sm2' ? 'SM2' : k.type === 'ed25519' ? 'Ed25519' : '联署密钥'}，指纹 ${k.fingerprint}）`;
const algo = (k: Vkey) => (k.type === 'sm2' ? 'SM2' : 'Ed25519');

/** cosignature/v1 message: "cosignature/v1\ntime <t>\n" ‖ checkpoint text */
export function cosignedMessage(time: bigint, text: string): Uint8Array {
  return utf8(`cosignature/v1\ntime ${time}\n${text}`);
}

/**
 * Check a signed note (a checkpoint, a file signature) against a signer's keys: the keys of `name` among those given;
 * all of them must verify (docs/LOG.md §3). Adds findings under `check` to the report; returns the keys that verified.
 */
export function signerCheck(rep: Report, check: string, note: Checkpoint['note'], name: string, keys: Vkey[], who: [string, string]): Vkey[] {
  const mine = keys.filter((k) => k.name === name && k.type !== 'cosignature');
  if (mine.length === 0) {
    rep.fail(check, `没有给出名为 ${name} 的${who[0]}公钥，无法核验签名`, `no ${who[1]} key named ${name} was given: the signature cannot be checked`);
    return [];
  }
  const c = checkNote(note, mine);
  for (const k of c.failed) rep.fail(check, `${who[0]}密钥 ${keyLabelZh(k)} 的签名验证失败`, `the signature of the ${who[1]} key ${keyLabel(k)} does not verify`);
  for (const k of c.missing) rep.fail(check, `缺少${who[0]}密钥 ${keyLabelZh(k)} 的签名（给出的每个密钥都须签名）`, `no signature by the ${who[1]} key ${keyLabel(k)} (every key given must have signed)`);
  for (const k of c.verified) rep.pass(check, `${who[0]}密钥 ${keyLabelZh(k)} 的 ${algo(k)} 签名有效`, `the ${algo(k)} signature of the ${who[1]} key ${keyLabel(k)} verifies`);
  rep.fact(`${check}.unknown_lines`, c.unknown.length);
  return c.failed.length || c.missing.length ? [] : c.verified;
}

/** Verify a checkpoint: format, the bureau's signatures (every given key of its origin), and cosignatures by a policy. */
export function verifyCheckpoint(input: string | Uint8Array, given: Keys, policy: Policy | null = null, prefix = 'checkpoint'): { report: LogReport; cp: Checkpoint | null } {
  const rep = new Report('checkpoint');
  const cp = parseCheckpoint(input);
  if (isProblem(cp)) {
    rep.fail(`${prefix}.format`, `检查点格式错误：${cp.zh}`, `not a checkpoint: ${cp.en}`);
    return { report: rep.done(), cp: null };
  }
  rep.fact('origin', cp.origin).fact('size', cp.size).fact('root', toHex(cp.root));
  const logKeys = keysAt(given, cp.size);
  const signed = signerCheck(rep, `${prefix}.signature`, cp.note, cp.origin, logKeys, ['机关', 'bureau']);
  if (isView(given) && given.accepted > 0) {
    const g = given.generation(cp.size);
    if (signed.length) rep.pass('keys.in-force', `${cp.size} 条的检查点由当时有效的密钥（${g[0]}）签署`, `the size-${cp.size} checkpoint is signed by the keys in force at that size (${g[1]})`);
    else inForceCheck(rep, given, cp.note, cp.origin, cp.size, [`${cp.size} 条的检查点`, `the size-${cp.size} checkpoint`]);
  }
  if (rep.ok) {
    const both = signed.length >= 2;
    rep.est(
      `机关密钥（${signed.map(keyLabelZh).join('；')}）签署了：日志 ${cp.origin} 共 ${cp.size} 条，根哈希 ${toHex(cp.root)}`,
      `the bureau's key(s) ${signed.map(keyLabel).join('; ')} signed: log ${cp.origin} has ${cp.size} entries, root ${toHex(cp.root)}`,
    );
    if (!both) {
      const has = signed[0]?.type === 'sm2' ? ['SM2', 'Ed25519'] : ['Ed25519', 'SM2'];
      rep.not(`只给出并核验了机关的 ${has[0]} 密钥；${has[1]} 签名未核验`, `only the bureau's ${has[0]} key was given and checked; its ${has[1]} signature was not`);
    }
    rep.not(
      '这些公钥是否确为该机关的真实密钥：请将指纹与公告通知或省级密钥清单核对',
      'that these are the bureau\'s genuine keys: compare the fingerprints with the announcement notices or the province\'s key list',
    );
  }
  rep.fact('signed_by', signed.map((k) => k.text));
  cosignatures(rep, cp, policy, prefix);
  return { report: rep.done(), cp };
}

function cosignatures(rep: Report, cp: Checkpoint, policy: Policy | null, prefix: string) {
  if (!policy) {
    rep.not(
      '是否有机关以外的共同签署人见过此检查点（未给出共同签署策略），因此也未证明机关向所有人展示的是同一日志',
      'that anyone outside the bureau saw this checkpoint (no cosigner policy given), so not that the bureau shows everyone the same log',
    );
    return;
  }
  const ok: Vkey[] = [];
  const times: string[] = [];
  for (const k of policy.cosigners) {
    const lines = cp.note.sigs.filter((l) => l.name === k.name && l.id.every((x, i) => x === k.id[i]));
    for (const l of lines) {
      if (l.sig.length !== 72) {
        rep.fail(`${prefix}.cosignature`, `共同签署人 ${keyLabelZh(k)} 的签名长度不对（应为时间戳 8 字节 + 签名 64 字节）`, `the cosignature of ${keyLabel(k)} is not an 8-byte timestamp and a 64-byte signature`);
        continue;
      }
      let time = 0n;
      for (let i = 0; i < 8; i++) time = (time << 8n) | BigInt(l.sig[i]);
      if (verifySig(k, cosignedMessage(time, cp.note.text), l.sig.slice(8))) {
        if (!ok.includes(k)) ok.push(k);
        const iso = time < 8640000000000n ? new Date(Number(time) * 1000).toISOString().replace('.000Z', 'Z') : String(time);
        times.push(`${k.name} ${iso}`);
        rep.pass(`${prefix}.cosignature`, `共同签署人 ${keyLabelZh(k)} 的联署有效（时间 ${iso}）`, `the cosignature of ${keyLabel(k)} verifies (time ${iso})`);
      } else rep.fail(`${prefix}.cosignature`, `共同签署人 ${keyLabelZh(k)} 的联署验证失败`, `the cosignature of ${keyLabel(k)} does not verify`);
    }
  }
  rep.fact('cosignatures', ok.length).fact('quorum', policy.quorum).fact('cosigned_by', times);
  if (ok.length >= policy.quorum) {
    rep.pass(`${prefix}.quorum`, `${ok.length} 个有效联署，达到法定数 ${policy.quorum}`, `${ok.length} cosignature(s) verify: the quorum of ${policy.quorum} is met`);
    if (rep.ok && ok.length > 0)
      rep.est(
        `${ok.length} 个共同签署人确认此检查点延续了他们此前联署的检查点（他们各自拒绝分叉和回滚）`,
        `${ok.length} cosigner(s) stated that this checkpoint extends the one they cosigned before (each refuses forks and rollbacks)`,
      );
  } else rep.fail(`${prefix}.quorum`, `只有 ${ok.length} 个有效联署，未达到法定数 ${policy.quorum}`, `only ${ok.length} cosignature(s) verify: the quorum of ${policy.quorum} is not met`);
  if (ok.length > 0) rep.not('共同签署人是否如实守约：联署只代表其声明', 'that the cosigners kept their word: a cosignature is their statement');
}
