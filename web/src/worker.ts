// The verifier runs here, off the page's thread: the page stays responsive while a province's snapshot streams by.
// Created from a Blob URL of this bundle (no file, no network); if a browser refuses that, the page runs the same code
// on its own thread with a stand-in for `self`, loaded as a blob: script (the page's CSP allows no eval).
import { snapshotKind } from './compact.ts';
import { BlockHasher, serveBlockRoot, setBlockHasher, type Helper, type RootRequest, type RootResponse } from './compactPool.ts';
import { lookup, type LookupResult } from './lookup.ts';
import { runVerification, type Phase } from './run.ts';
import type { EntityIndex, PublicResult } from './snapshot.ts';
import type { VerdictV2 } from './verdict.ts';
import type { Report } from './verify.ts';
import type { Proof } from './decode.ts';
import { verifyLog, type LogInputs, type LogReport } from './log.ts';

export type Request =
  | RootRequest
  | { type: 'source'; src: string }
  | { type: 'verify'; id: number; proof: Blob; snapshot: Blob | null }
  | { type: 'lookup'; id: number; uscc: string; inclusion: Blob | null; threshold: Blob | null; snapshot?: Blob | null }
  | { type: 'log'; id: number; inputs: LogInputs };

export type Response =
  | RootResponse
  | { type: 'progress'; id: number; phase: Phase; bytes: number; total: number; entities: number }
  | { type: 'result'; id: number; light: Report; public: PublicResult | null; verdict: VerdictV2; ms: { light: number; public: number } }
  | { type: 'lookup'; id: number; result: LookupResult }
  | { type: 'log'; id: number; reports: LogReport[] }
  | { type: 'error'; id: number; message: string };

// In a worker, `self`; on the page's own thread (no workers), the stand-in main.ts puts in __dualdrawWorkerSelf.
const ctx = ((globalThis as unknown as { __dualdrawWorkerSelf?: unknown }).__dualdrawWorkerSelf ?? self) as { postMessage(m: Response): void; onmessage: ((e: MessageEvent<Request>) => void) | null };

let proof: Proof | null = null;
let index: EntityIndex | null = null;
let compact: Blob | null = null;

async function verify(req: Extract<Request, { type: 'verify' }>) {
  proof = null;
  index = null;
  compact = null;
  const v = await runVerification(req.proof, req.snapshot, (phase, bytes, total, entities) => ctx.postMessage({ type: 'progress', id: req.id, phase, bytes, total, entities }));
  proof = v.proof;
  index = v.index;
  compact = v.compact;
  ctx.postMessage({ type: 'result', id: req.id, light: v.light, public: v.pub, verdict: v.verdict, ms: v.ms });
}

async function doLookup(req: Extract<Request, { type: 'lookup' }>) {
  if (!proof) throw new Error('no proof loaded');
  const inc = req.inclusion ? new Uint8Array(await req.inclusion.arrayBuffer()) : null;
  const thr = req.threshold ? new Uint8Array(await req.threshold.arrayBuffer()) : null;
  // a compact snapshot chosen on the page is read where the USCC must be, verified as a whole or not (§9.4)
  const snap = req.snapshot && (await snapshotKind(req.snapshot)) === 'compact' ? req.snapshot : compact;
  const result = await lookup(proof, req.uscc, snap ? null : index, inc, thr, snap);
  ctx.postMessage({ type: 'lookup', id: req.id, result });
}
// Helpers for the blocks of a compact snapshot (compactPool.ts): more copies of this worker, one fewer than the
// device's cores (at least one, at most three), started from a blob: URL this worker makes of its own code, which the
// page sends it ('source'): a page opened from file:// has an opaque origin, and a worker may not start one from the
// page's blob: URL. Not on the page's own thread (the fallback without workers).
let helperUrl: string | null = null;
setBlockHasher(() => {
  if (typeof Worker !== 'function' || !helperUrl || (globalThis as { __dualdrawWorkerSelf?: unknown }).__dualdrawWorkerSelf) return null;
  const n = Math.max(1, Math.min(3, (navigator.hardwareConcurrency || 2) - 1));
  const helpers: Helper[] = [];
  for (let i = 0; i < n; i++) {
    const w = new Worker(helperUrl);
    helpers.push({
      post: (m, tr) => w.postMessage(m, tr),
      listen: (onMessage, onError) => {
        w.onmessage = (ev) => onMessage(ev.data as RootResponse);
        w.onerror = (ev) => {
          ev.preventDefault();
          onError(ev);
        };
      },
      terminate: () => w.terminate(),
    });
  }
  return new BlockHasher(helpers);
});

ctx.onmessage = (e: MessageEvent<Request>) => {
  const req = e.data;
  if (req.type === 'block-root') return serveBlockRoot(req, (r) => ctx.postMessage(r));
  if (req.type === 'source') {
    helperUrl ??= URL.createObjectURL(new Blob([req.src], { type: 'text/javascript' }));
    return;
  }
  const run =
    req.type === 'verify'
      ? verify(req)
      : req.type === 'lookup'
        ? doLookup(req)
        : Promise.resolve().then(() => ctx.postMessage({ type: 'log', id: req.id, reports: verifyLog(req.inputs) }));
  run.catch((err) => ctx.postMessage({ type: 'error', id: req.id, message: err instanceof Error ? `${err.message}` : String(err) }));
};
