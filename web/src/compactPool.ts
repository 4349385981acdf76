// Block roots on other threads. Hashing the entity leaves and the nodes above them is most of the cost of verifying a
// compact snapshot; the verifier's thread decodes every block (validity, order, pool, PRN, targets) and hands a copy of
// a block's inflated bytes to a helper whenever one has room, hashing the block itself otherwise. Helpers are more
// copies of the page's worker (a worker started from its own blob: URL) or, in node, worker threads running
// dist/verify-cli.mjs; with none, everything runs on one thread, with the same result.
import { BlockColumns } from './compactBlock.ts';
import { LeafWriter, rootInPlace } from './compactLeaf.ts';

/** The root of block k's n entity leaves, from its inflated bytes (the helper's work; decoding checks them again). */
export function blockRoot(raw: Uint8Array, rawLen: number, k: number, n: number, cols = new BlockColumns(), lw = new LeafWriter()): Uint8Array {
  cols.decode(raw, rawLen, k, n);
  const h = new Uint8Array(32 * n);
  for (let j = 0; j < n; j++) lw.hash(cols, j, h, 32 * j);
  return rootInPlace(h, n);
}

export interface RootRequest {
  type: 'block-root';
  id: number;
  raw: Uint8Array;
  k: number;
  n: number;
}
export interface RootResponse {
  type: 'block-root';
  id: number;
  root: Uint8Array | null;
  error: string | null;
}

/** A helper's side: answer one request. */
export function serveBlockRoot(m: RootRequest, reply: (r: RootResponse) => void): void {
  try {
    reply({ type: 'block-root', id: m.id, root: blockRoot(m.raw, m.raw.length, m.k, m.n), error: null });
  } catch (e) {
    reply({ type: 'block-root', id: m.id, root: null, error: String((e as Error)?.message ?? e) });
  }
}

/** A worker as the pool sees it (a Web Worker or a node worker thread). */
export interface Helper {
  post(m: RootRequest, transfer: ArrayBuffer[]): void;
  listen(onMessage: (r: RootResponse) => void, onError: (e: unknown) => void): void;
  terminate(): void;
}

export class BlockHasher {
  private next = 1;
  private waiting = new Map<number, { resolve: (r: Uint8Array) => void; raw: Uint8Array; k: number; n: number; helper: number }>();
  private load: number[];
  private broken: boolean[];
  constructor(private helpers: Helper[]) {
    this.load = helpers.map(() => 0);
    this.broken = helpers.map(() => false);
    helpers.forEach((h, i) =>
      h.listen(
        (r) => this.answer(r),
        () => this.fail(i),
      ),
    );
  }
  get size(): number {
    return this.helpers.length;
  }
  /** The least busy helper if it has fewer than `room` blocks to do, else -1 (then the caller hashes the block). */
  free(room = 2): number {
    let best = -1;
    for (let i = 0; i < this.helpers.length; i++) if (!this.broken[i] && this.load[i] < room && (best < 0 || this.load[i] < this.load[best])) best = i;
    return best;
  }
  /** Block k's root, computed by helper i from a copy of raw[0 … rawLen). */
  root(i: number, raw: Uint8Array, rawLen: number, k: number, n: number): Promise<Uint8Array> {
    const id = this.next++;
    const copy = raw.slice(0, rawLen);
    this.load[i]++;
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve, raw: copy, k, n, helper: i });
      // the copy is sent, not moved: it is kept to hash here if the helper fails
      this.helpers[i].post({ type: 'block-root', id, raw: copy, k, n }, []);
    });
  }
  private answer(r: RootResponse) {
    const w = this.waiting.get(r.id);
    if (!w) return;
    this.waiting.delete(r.id);
    this.load[w.helper]--;
    // a helper that could not (it decodes what this thread decoded already) is not trusted: the block is hashed here
    w.resolve(r.root ?? blockRoot(w.raw, w.raw.length, w.k, w.n));
  }
  private fail(i: number) {
    this.broken[i] = true;
    for (const [id, w] of this.waiting)
      if (w.helper === i) {
        this.waiting.delete(id);
        w.resolve(blockRoot(w.raw, w.raw.length, w.k, w.n));
      }
  }
  close() {
    for (const h of this.helpers)
      try {
        h.terminate();
      } catch {
        // already gone
      }
  }
}

let factory: (() => BlockHasher | null) | null = null;
/** How this platform starts helpers (the page's worker, the node entry); none by default. */
export function setBlockHasher(f: (() => BlockHasher | null) | null): void {
  factory = f;
}
export function makeBlockHasher(): BlockHasher | null {
  try {
    return factory?.() ?? null;
  } catch {
    return null;
  }
}
