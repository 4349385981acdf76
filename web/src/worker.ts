// The verifier runs here, off the page's thread: the page stays responsive while a province's snapshot streams by.
// Created from a Blob URL of this bundle (no file, no network); if a browser refuses that, the page runs the same code
// on its own thread with a stand-in for `self`, loaded as a blob: script (the page's CSP allows no eval).
import { lookup, type LookupResult } from './lookup.ts';
import { runVerification, type Phase } from './run.ts';
import type { EntityIndex, PublicResult } from './snapshot.ts';
import type { VerdictV2 } from './verdict.ts';
import type { Report } from './verify.ts';
import type { Proof } from './decode.ts';
import { verifyLog, type LogInputs, type LogReport } from './log.ts';

export type Request =
  | { type: 'verify'; id: number; proof: Blob; snapshot: Blob | null }
  | { type: 'lookup'; id: number; uscc: string; inclusion: Blob | null; threshold: Blob | null }
  | { type: 'log'; id: number; inputs: LogInputs };

export type Response =
  | { type: 'progress'; id: number; phase: Phase; bytes: number; total: number; entities: number }
  | { type: 'result'; id: number; light: Report; public: PublicResult | null; verdict: VerdictV2; ms: { light: number; public: number } }
  | { type: 'lookup'; id: number; result: LookupResult }
  | { type: 'log'; id: number; reports: LogReport[] }
  | { type: 'error'; id: number; message: string };

// In a worker, `self`; on the page's own thread (no workers), the stand-in main.ts puts in __dualdrawWorkerSelf.
const ctx = ((globalThis as unknown as { __dualdrawWorkerSelf?: unknown }).__dualdrawWorkerSelf ?? self) as { postMessage(m: Response): void; onmessage: ((e: MessageEvent<Request>) => void) | null };

let proof: Proof | null = null;
let index: EntityIndex | null = null;

async function verify(req: Extract<Request, { type: 'verify' }>) {
  proof = null;
  index = null;
  const v = await runVerification(req.proof, req.snapshot, (phase, bytes, total, entities) => ctx.postMessage({ type: 'progress', id: req.id, phase, bytes, total, entities }));
  proof = v.proof;
  index = v.index;
  ctx.postMessage({ type: 'result', id: req.id, light: v.light, public: v.pub, verdict: v.verdict, ms: v.ms });
}

async function doLookup(req: Extract<Request, { type: 'lookup' }>) {
  if (!proof) throw new Error('no proof loaded');
  const inc = req.inclusion ? new Uint8Array(await req.inclusion.arrayBuffer()) : null;
  const thr = req.threshold ? new Uint8Array(await req.threshold.arrayBuffer()) : null;
  const result = await lookup(proof, req.uscc, index, inc, thr);
  ctx.postMessage({ type: 'lookup', id: req.id, result });
}
ctx.onmessage = (e: MessageEvent<Request>) => {
  const req = e.data;
  const run =
    req.type === 'verify'
      ? verify(req)
      : req.type === 'lookup'
        ? doLookup(req)
        : Promise.resolve().then(() => ctx.postMessage({ type: 'log', id: req.id, reports: verifyLog(req.inputs) }));
  run.catch((err) => ctx.postMessage({ type: 'error', id: req.id, message: err instanceof Error ? `${err.message}` : String(err) }));
};
