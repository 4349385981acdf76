// The verifier runs here, off the page's thread: the page stays responsive while a province's snapshot streams by.
// Created from a Blob URL of this bundle (no file, no network); if a browser refuses that, the page runs the same code
// on its own thread with a stand-in for `self`.
import { lookup, type LookupResult } from './lookup.ts';
import { verifyPublic, type EntityIndex, type PublicResult } from './snapshot.ts';
import { t } from './text.ts';
import { loadProof, verifyLight, type Report } from './verify.ts';
import type { Proof } from './decode.ts';

export type Request =
  | { type: 'verify'; id: number; proof: Blob; snapshot: Blob | null }
  | { type: 'lookup'; id: number; uscc: string; inclusion: Blob | null; threshold: Blob | null };

export type Response =
  | { type: 'progress'; id: number; phase: 'proof' | 'light' | 'public'; bytes: number; total: number; entities: number }
  | { type: 'result'; id: number; light: Report; public: PublicResult | null; verified: boolean; level: 'public' | 'light' | 'none'; ms: { light: number; public: number } }
  | { type: 'lookup'; id: number; result: LookupResult }
  | { type: 'error'; id: number; message: string };

const ctx = self as unknown as { postMessage(m: Response): void; onmessage: ((e: MessageEvent<Request>) => void) | null };

let proof: Proof | null = null;
let index: EntityIndex | null = null;
let publicOk = false;

async function verify(req: Extract<Request, { type: 'verify' }>) {
  proof = null;
  index = null;
  publicOk = false;
  ctx.postMessage({ type: 'progress', id: req.id, phase: 'proof', bytes: 0, total: req.proof.size, entities: 0 });
  const t0 = Date.now();
  const bytes = new Uint8Array(await req.proof.arrayBuffer());
  const { proof: p, failure } = loadProof(bytes);
  if (!p) {
    const light: Report = { ok: false, failures: [failure!], checks: [{ area: 'format', label: t('证明文件格式正确', 'The proof file is well formed'), ok: false }], view: null };
    ctx.postMessage({ type: 'result', id: req.id, light, public: null, verified: false, level: 'none', ms: { light: Date.now() - t0, public: 0 } });
    return;
  }
  ctx.postMessage({ type: 'progress', id: req.id, phase: 'light', bytes: bytes.length, total: bytes.length, entities: 0 });
  const light = verifyLight(p);
  light.checks.unshift({ area: 'format', label: t('证明文件格式正确', 'The proof file is well formed'), ok: true });
  const tLight = Date.now() - t0;
  proof = p;
  let pub: PublicResult | null = null;
  if (req.snapshot) {
    const r = await verifyPublic(p, req.snapshot, (b, total, entities) => ctx.postMessage({ type: 'progress', id: req.id, phase: 'public', bytes: b, total, entities }));
    pub = r.result;
    // look-ups may use the snapshot only when its entity root is the announced one
    if (!r.result.failures.some((f) => f.area === 'roots' || f.area === 'snapshot')) {
      index = r.index;
      publicOk = true;
    }
  }
  const verified = light.ok && (pub ? pub.ok : true);
  const level = light.ok ? (pub && pub.ok ? 'public' : 'light') : 'none';
  ctx.postMessage({ type: 'result', id: req.id, light, public: pub, verified, level, ms: { light: tLight, public: pub ? pub.ms : 0 } });
}

async function doLookup(req: Extract<Request, { type: 'lookup' }>) {
  if (!proof) throw new Error('no proof loaded');
  const inc = req.inclusion ? new Uint8Array(await req.inclusion.arrayBuffer()) : null;
  const thr = req.threshold ? new Uint8Array(await req.threshold.arrayBuffer()) : null;
  const result = await lookup(proof, req.uscc, publicOk ? index : null, inc, thr);
  ctx.postMessage({ type: 'lookup', id: req.id, result });
}

ctx.onmessage = (e: MessageEvent<Request>) => {
  const req = e.data;
  const run = req.type === 'verify' ? verify(req) : doLookup(req);
  run.catch((err) => ctx.postMessage({ type: 'error', id: req.id, message: err instanceof Error ? `${err.message}` : String(err) }));
};
