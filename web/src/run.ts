// One verification, as the page's worker and the node command line both run it: read the proof (SPEC §10), the
// light level (SPEC §7), the public level when a snapshot is given, and the verdict of SPEC §9.
import type { Proof } from './decode.ts';
import { JsonError, MAX_PROOF_BYTES, sizeProblem } from './json.ts';
import { verifyPublic, type EntityIndex, type PublicResult } from './snapshot.ts';
import { t } from './text.ts';
import { buildVerdict, type VerdictV2 } from './verdict.ts';
import { jsonFailure, loadProof, verifyLight, type Failure, type Report } from './verify.ts';

export interface Verification {
  proof: Proof | null;
  light: Report;
  pub: PublicResult | null;
  verdict: VerdictV2;
  /** the entity index of a JSON public snapshot whose roots are the announced ones (for look-ups), else null */
  index: EntityIndex | null;
  /** a compact public snapshot (COMMITMENTS.md §9): look-ups read its index and one block, and check the path
   *  against the announced root themselves, whatever the whole-file verification found */
  compact: Blob | null;
  ms: { light: number; public: number };
}

export type Phase = 'proof' | 'light' | 'public';

/** A proof file that could not be read at all (check json). */
export function unreadableFailure(what: string, e: unknown): Failure {
  return { area: 'json', what: t(`无法读取${what === 'proof' ? '证明' : '公开名录'}文件：${String(e)}`, `Cannot read the ${what === 'proof' ? 'proof' : 'public snapshot'} file: ${String(e)}`) };
}

export async function runVerification(proofFile: Blob, snapshot: Blob | null, progress: (phase: Phase, bytes: number, total: number, entities: number) => void): Promise<Verification> {
  const level = snapshot ? 'public' : 'light';
  const t0 = Date.now();
  progress('proof', 0, proofFile.size, 0);
  const formatLine = (ok: boolean) => ({ area: 'format', label: t('证明文件格式正确', 'The proof file is well formed'), ok });
  const fail = (failure: Failure): Verification => {
    const light: Report = { ok: false, failures: [failure], checks: [formatLine(false)], view: null, teams: null };
    return { proof: null, light, pub: null, index: null, compact: null, verdict: buildVerdict({ level, proof: null, fatal: failure }), ms: { light: Date.now() - t0, public: 0 } };
  };
  // SPEC §10: the size is refused before anything is read
  const big = sizeProblem(proofFile.size, MAX_PROOF_BYTES);
  if (big) return fail(jsonFailure(null, big));
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await proofFile.arrayBuffer());
  } catch (e) {
    return fail(unreadableFailure('proof', e));
  }
  const { proof, failure } = loadProof(bytes);
  if (!proof) return fail(failure!);
  progress('light', bytes.length, bytes.length, 0);
  const light = verifyLight(proof);
  light.checks.unshift(formatLine(true));
  const tLight = Date.now() - t0;
  let pub: PublicResult | null = null;
  let index: EntityIndex | null = null;
  let compact: Blob | null = null;
  let snapshotFailure: Failure | null = null;
  if (snapshot) {
    try {
      const r = await verifyPublic(proof, snapshot, (b, total, entities) => progress('public', b, total, entities));
      pub = r.result;
      // look-ups may use a JSON snapshot's index only when its entity root is the announced one
      if (r.index && !r.result.failures.some((f) => f.area === 'public_snapshot' || f.area === 'json')) index = r.index;
      if (r.format === 'compact') compact = snapshot;
    } catch (e) {
      if (!(e instanceof JsonError)) snapshotFailure = unreadableFailure('snapshot', e);
      else snapshotFailure = jsonFailure(null, e, t('公开名录文件', 'The public snapshot'));
    }
  }
  return { proof, light, pub, index, compact, verdict: buildVerdict({ level, proof, light, pub, snapshotFailure }), ms: { light: tLight, public: pub ? pub.ms : 0 } };
}
