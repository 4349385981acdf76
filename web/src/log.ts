// The signed log of docs/LOG.md, verified independently of the Rust library: leaves and RFC 6962 proofs (log/tree.ts),
// keys and signatures (log/keys.ts: Ed25519 by @noble/curves, SM2 with SM3 by sm-crypto-v2), signed notes and
// checkpoints (log/note.ts), the bureau's signatures and cosignatures (log/checkpoint.ts), inclusion and consistency
// proofs (log/proofs.ts), fork proofs (log/fork.ts), file signatures and attestations (log/statements.ts). Every
// result says what it established and what it could not (log/report.ts).
import { type Policy, parsePolicy, verifyCheckpoint } from './log/checkpoint.ts';
import { verifyFork } from './log/fork.ts';
import { KeyChain, statementOrigin } from './log/keyChain.ts';
import { parseKeyList, parseVkey, type Vkey } from './log/keys.ts';
import { parseCheckpoint, parseNote } from './log/note.ts';
import { parseAddCheckpoint, parseTlogProof, verifyConsistency, verifyInclusion } from './log/proofs.ts';
import { Problem, Report, isProblem, type LogReport } from './log/report.ts';
import { verifyAttestation, verifyFileSignature } from './log/statements.ts';

export { parsePolicy, verifyCheckpoint, type Policy } from './log/checkpoint.ts';
export { chainHash, parseEntry } from './log/entry.ts';
export { parseForkProof, verifyFork } from './log/fork.ts';
export { KeyChain, KindProblem, isKindProblem, statementSize, verifyKeyStatement, type KeyStatement, type StatementResult } from './log/keyChain.ts';
export { type KeyView, type Keys, type Retirement } from './log/checkpoint.ts';
export { b64, fingerprint, keyId, parseKeyList, parseVkey, toB64, typeBytes, verifySig, type Vkey } from './log/keys.ts';
export { parseCheckpoint, parseNote } from './log/note.ts';
export { drawIds, parseAddCheckpoint, parseTlogProof, verifyConsistency, verifyInclusion, type DrawProofFile } from './log/proofs.ts';
export { Problem, isProblem, reportJson, reportText, type LogReport } from './log/report.ts';
export { verifyAttestation, verifyFileSignature } from './log/statements.ts';
export { consistencyOk, inclusionOk, ledgerLeaf, ledgerLeafHash } from './log/tree.ts';

/** What a reader hands over (the CLI's flags, the page's fields); texts or bytes. */
export interface LogInputs {
  /** the bureau's vkeys (a key list: one per line, # comments) */
  logKeys: string[];
  /** auditors' vkeys, for attestations */
  auditorKeys?: string[];
  policy?: string | null;
  checkpoint?: string | Uint8Array | null;
  inclusion?: string | Uint8Array | null;
  /** the draw's proof file, for the inclusion proof's draw check and attestations */
  drawProof?: Uint8Array | null;
  /** the draw's campaign and announcement hash when the caller verified the proof (else read from the file) */
  drawCampaign?: string;
  drawAnnouncementHash?: string;
  consistency?: { older: string | Uint8Array; body: string | Uint8Array } | null;
  fork?: string | Uint8Array | null;
  attestations?: (string | Uint8Array)[];
  fileSignatures?: { sig: string | Uint8Array; name: string; file: Uint8Array | null }[];
  /** key statements (docs/LOG.md §8: a rotation's or revocation's inclusion proof), any order */
  keyStatements?: (string | Uint8Array)[];
  /** province key lists (vkeys, one per line, blank lines and # comments): the keys named as the inputs' origin are used */
  keyLists?: { name: string; text: string }[];
}

/** The log origins the inputs name (checkpoint, inclusion, consistency, file signatures; else the key statements). */
export function inputOrigins(inp: LogInputs): string[] {
  const out = new Set<string>();
  const cp = (x: string | Uint8Array | null | undefined) => {
    if (!x) return;
    const c = parseCheckpoint(x);
    if (!(c instanceof Problem)) out.add(c.origin);
  };
  cp(inp.checkpoint);
  if (inp.inclusion) {
    const p = parseTlogProof(inp.inclusion);
    if (!(p instanceof Problem)) cp(p.checkpoint);
  }
  if (inp.consistency) {
    cp(inp.consistency.older);
    const b = parseAddCheckpoint(inp.consistency.body);
    if (!(b instanceof Problem)) cp(b.checkpoint);
  }
  for (const f of inp.fileSignatures ?? []) {
    const n = parseNote(f.sig);
    if (n instanceof Problem) continue;
    const lines = n.text.split('\n');
    if (lines[0] === 'dualdraw-file-signature/v1' && lines[1]) out.add(lines[1]);
  }
  if (out.size === 0)
    for (const st of inp.keyStatements ?? []) {
      const o = statementOrigin(st);
      if (o) out.add(o);
    }
  return [...out];
}

/** Run every check the inputs allow; the keys report comes first (vkeys that could not be read are failures). */
export function verifyLog(inp: LogInputs): LogReport[] {
  const out: LogReport[] = [];
  const keys = new Report('keys');
  const read = (texts: string[], what: [string, string]): Vkey[] => {
    const got: Vkey[] = [];
    for (const t of texts) {
      const { keys: ks, errors } = parseKeyList(t);
      for (const e of errors) keys.fail('keys.vkey', `${what[0]}公钥无法读取：${e.zh}`, `a ${what[1]} vkey cannot be read: ${e.en}`);
      got.push(...ks);
    }
    for (const k of got) keys.pass('keys.vkey', `${what[0]}公钥 ${k.name}（${k.type === 'sm2' ? 'SM2' : k.type === 'ed25519' ? 'Ed25519' : '联署'}）指纹 ${k.fingerprint}`, `${what[1]} key ${k.name} (${k.type === 'sm2' ? 'SM2' : k.type === 'ed25519' ? 'Ed25519' : 'cosignature'}) fingerprint ${k.fingerprint}`);
    return got;
  };
  const logKeys = read(inp.logKeys, ['机关', 'bureau']);
  // province key lists: every line a vkey (FILE:LINE:1 when not), the keys named as the inputs' origin used
  if (inp.keyLists?.length) {
    const origins = inputOrigins(inp);
    for (const list of inp.keyLists) {
      let used = 0;
      list.text.split(/\r?\n/).forEach((line, i) => {
        const l = line.trim();
        if (!l || l.startsWith('#')) return;
        const k = parseVkey(l);
        if (k instanceof Problem) keys.fail('keys.vkey', `${list.name}:${i + 1}:1：不是公钥：${k.zh}`, `${list.name}:${i + 1}:1: not a vkey: ${k.en}`);
        else if (origins.includes(k.name) && !logKeys.some((x) => x.text === k.text)) {
          logKeys.push(k);
          used++;
          keys.pass('keys.vkey', `省级公钥清单 ${list.name} 第 ${i + 1} 行：机关公钥 ${k.name}（${k.type === 'sm2' ? 'SM2' : 'Ed25519'}）指纹 ${k.fingerprint}`, `key list ${list.name} line ${i + 1}: bureau key ${k.name} (${k.type === 'sm2' ? 'SM2' : 'Ed25519'}) fingerprint ${k.fingerprint}`);
        }
      });
      if (origins.length === 0) keys.fail('keys.vkey', `省级公钥清单 ${list.name}：所给文本中没有日志名称，无法选出机关的公钥`, `key list ${list.name}: no input names a log origin, so no key of it can be chosen`);
      else if (used === 0) keys.fail('keys.vkey', `省级公钥清单 ${list.name} 中没有名为 ${origins.join('、')} 的公钥`, `key list ${list.name} has no key named ${origins.join(', ')}`);
    }
  }
  const auditorKeys = read(inp.auditorKeys ?? [], ['审计人', 'auditor']);
  let policy: Policy | null = null;
  if (inp.policy) {
    const p = parsePolicy(inp.policy);
    if (isProblem(p)) keys.fail('keys.policy', `共同签署策略无法读取：${p.zh}`, `the cosigner policy cannot be read: ${p.en}`);
    else {
      policy = p;
      keys.pass('keys.policy', `共同签署策略：${p.cosigners.length} 个共同签署人，法定数 ${p.quorum}`, `cosigner policy: ${p.cosigners.length} cosigner(s), quorum ${p.quorum}`);
    }
  }
  keys.fact('log_keys', logKeys.map((k) => k.text)).fact('fingerprints', logKeys.map((k) => k.fingerprint));
  // the key chain (docs/LOG.md §8): statements by size, each against the keys in force after the previous one
  const chain = KeyChain.build(logKeys, inp.keyStatements ?? []);
  for (const r of chain.results) {
    const which = `#${r.index + 1}${r.size === null ? '' : ` (size ${r.size})`}`;
    if (r.ok) {
      const s = r.ok;
      const fps = s.new.map((k) => k.fingerprint).join(', ');
      keys.pass(
        'keys.statement',
        `密钥声明 ${which}：${s.action === 'rotate' ? '轮换' : '吊销'}（${s.action}），第 ${s.size} 条，新密钥指纹 ${fps}，原因：${s.reason}`,
        `key statement ${which}: ${s.action} at size ${s.size}, new keys ${fps}, reason: ${s.reason}`,
      );
    } else keys.fail('keys.statement', `密钥声明 ${which} 不成立：${r.error!.zh}`, `key statement ${which} is refused: ${r.error!.en}`);
  }
  if (chain.results.length) {
    keys.fact('statements', chain.statements.map((s) => `${s.action} ${s.size}`));
    keys.fact('keys_in_force', chain.keysFor(null).map((k) => k.text));
    const bad = chain.results.find((r) => r.error);
    if (bad) keys.fact('error_kind', bad.error!.kind);
  }
  if (logKeys.length === 0 && (inp.checkpoint || inp.inclusion || inp.consistency || inp.fork || inp.fileSignatures?.length))
    keys.fail('keys.vkey', '没有给出机关公钥：签名无从核验', "no bureau key given: nothing signed can be checked");
  out.push(keys.done());
  if (inp.checkpoint) out.push(verifyCheckpoint(inp.checkpoint, chain, policy).report);
  const draw = inp.drawProof ? { bytes: inp.drawProof, campaign: inp.drawCampaign, announcementHash: inp.drawAnnouncementHash } : null;
  if (inp.inclusion) out.push(verifyInclusion(inp.inclusion, chain, policy, draw));
  if (inp.consistency) out.push(verifyConsistency(inp.consistency.older, inp.consistency.body, chain, policy));
  if (inp.fork) out.push(verifyFork(inp.fork, logKeys));
  for (const a of inp.attestations ?? []) out.push(verifyAttestation(a, auditorKeys, draw));
  for (const f of inp.fileSignatures ?? []) out.push(verifyFileSignature(f.sig, f.name, f.file, chain));
  return out;
}
