// The signed log of docs/LOG.md, verified independently of the Rust library: leaves and RFC 6962 proofs (log/tree.ts),
// keys and signatures (log/keys.ts: Ed25519 by @noble/curves, SM2 with SM3 by sm-crypto-v2), signed notes and
// checkpoints (log/note.ts), the bureau's signatures and cosignatures (log/checkpoint.ts), inclusion and consistency
// proofs (log/proofs.ts), fork proofs (log/fork.ts), file signatures and attestations (log/statements.ts). Every
// result says what it established and what it could not (log/report.ts).
import { type Policy, parsePolicy, verifyCheckpoint } from './log/checkpoint.ts';
import { verifyFork } from './log/fork.ts';
import { parseKeyList, type Vkey } from './log/keys.ts';
import { verifyConsistency, verifyInclusion } from './log/proofs.ts';
import { Report, isProblem, type LogReport } from './log/report.ts';
import { verifyAttestation, verifyFileSignature } from './log/statements.ts';

export { parsePolicy, verifyCheckpoint, type Policy } from './log/checkpoint.ts';
export { chainHash, parseEntry } from './log/entry.ts';
export { parseForkProof, verifyFork } from './log/fork.ts';
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
  if (logKeys.length === 0 && (inp.checkpoint || inp.inclusion || inp.consistency || inp.fork || inp.fileSignatures?.length))
    keys.fail('keys.vkey', '没有给出机关公钥：签名无从核验', "no bureau key given: nothing signed can be checked");
  out.push(keys.done());
  if (inp.checkpoint) out.push(verifyCheckpoint(inp.checkpoint, logKeys, policy).report);
  const draw = inp.drawProof ? { bytes: inp.drawProof, campaign: inp.drawCampaign, announcementHash: inp.drawAnnouncementHash } : null;
  if (inp.inclusion) out.push(verifyInclusion(inp.inclusion, logKeys, policy, draw));
  if (inp.consistency) out.push(verifyConsistency(inp.consistency.older, inp.consistency.body, logKeys, policy));
  if (inp.fork) out.push(verifyFork(inp.fork, logKeys));
  for (const a of inp.attestations ?? []) out.push(verifyAttestation(a, auditorKeys, draw));
  for (const f of inp.fileSignatures ?? []) out.push(verifyFileSignature(f.sig, f.name, f.file, logKeys));
  return out;
}
