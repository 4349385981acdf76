// The node entry's ways with a compact public snapshot (docs/COMMITMENTS.md §9): inflation by node:zlib, which says
// how many stored bytes the DEFLATE stream used (node 20's DecompressionStream silently ignores bytes after the
// stream's end, which §9.1 refuses) and runs on libuv's threads; and block-root helpers on worker threads running
// this same file (compactPool.ts). Only cli.ts imports this module: the page has no node:*.
import { availableParallelism } from 'node:os';
import { inflateRaw } from 'node:zlib';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { inflateErrors, setInflater, type Inflater } from './compact.ts';
import { BlockHasher, serveBlockRoot, setBlockHasher, type RootRequest, type RootResponse } from './compactPool.ts';

export const nodeInflate: Inflater = (stored, rawLen, out, k) =>
  new Promise((resolve, reject) => {
    // at most rawLen bytes are made: more is refused by zlib as it goes (a deflate bomb stops there)
    inflateRaw(stored, { maxOutputLength: Math.max(1, rawLen), info: true }, (err, res) => {
      if (err) {
        const code = (err as NodeJS.ErrnoException).code;
        reject(code === 'ERR_BUFFER_TOO_LARGE' ? inflateErrors.bomb(k, rawLen) : inflateErrors.notDeflate(k, err.message));
        return;
      }
      const { buffer, engine } = res as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
      if (engine.bytesWritten !== stored.length) return reject(inflateErrors.junk(k, stored.length - engine.bytesWritten));
      if (buffer.length !== rawLen) return reject(inflateErrors.size(k, buffer.length, rawLen));
      out.set(buffer);
      resolve();
    });
  });

/**
 * In a worker thread: answer block-root requests and return true. In the main thread: install node:zlib's inflation
 * and helpers on worker threads running `script` (this bundle), and return false.
 */
export function nodeCompactSetup(script: string): boolean {
  if (!isMainThread) {
    const port = parentPort!;
    port.on('message', (m: RootRequest) => serveBlockRoot(m, (r) => port.postMessage(r)));
    return true;
  }
  setInflater(nodeInflate);
  setBlockHasher(() => {
    const n = Math.max(1, Math.min(3, availableParallelism() - 1));
    return new BlockHasher(
      Array.from({ length: n }, () => {
        const w = new Worker(script);
        w.unref();
        return {
          post: (m: RootRequest, tr: ArrayBuffer[]) => w.postMessage(m, tr),
          listen: (onMessage: (r: RootResponse) => void, onError: (e: unknown) => void) => {
            w.on('message', onMessage);
            w.on('error', onError);
          },
          terminate: () => void w.terminate(),
        };
      }),
    );
  });
  return false;
}
