// The compact public snapshot (docs/COMMITMENTS.md §9, `dualdraw-public-snapshot-v2`): the file's framing (magic,
// head length, trailer: §9.2) and a block's inflation (the platform's DecompressionStream, bounded by raw_len, or
// node:zlib in the node entry). A block's columns are decoded in compactBlock.ts, its leaves hashed in compactLeaf.ts;
// whole-file verification is compactVerify.ts, the look-up of one entity compactLookup.ts, helper threads
// compactPool.ts.
import { JsonError } from './json.ts';
import { t, type T } from './text.ts';

export const COMPACT_FORMAT = 'dualdraw-public-snapshot-v2';
export const COMPACT_MAGIC = 'DDPSNAP2';
export const COMPACT_END = 'DDPSEND2';
/** §9.2: the head is at most 256 MiB, a block inflates to at most 64 MiB. */
export const MAX_HEAD_BYTES = 256 * 1024 * 1024;
export const MAX_RAW_BYTES = 64 * 1024 * 1024;
/** index entry: u64be offset ‖ first USCC (18) ‖ block root (32) */
export const INDEX_ENTRY = 58;
export const TRAILER = 20;

/** A compact snapshot that cannot be read further: the message names the block (and entity) when there is one. */
export class CompactError extends Error {
  constructor(public what: T) {
    super(what.en);
  }
}

/** `第 k 块` / `block k` (blocks are counted from 0, as in the document), or the file. */
export const blockName = (k: number): T => t(`第 ${k} 块`, `block ${k}`);

export function ascii(b: Uint8Array, s: string, at = 0): boolean {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

export const u32At = (b: Uint8Array, p: number): number => ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;

/** u64be as a number; null above 2^53 (no file or count of this page's reach is that large). */
export function u64At(b: Uint8Array, p: number): number | null {
  const hi = u32At(b, p);
  if (hi >= 0x200000) return null;
  return hi * 0x100000000 + u32At(b, p + 4);
}

/** Which format a public snapshot is, by its first bytes (§9): 'compact' for DDPSNAP2, else 'json'. */
export async function snapshotKind(file: Blob): Promise<'compact' | 'json'> {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  return ascii(head, COMPACT_MAGIC) ? 'compact' : 'json';
}

// ---- inflation ------------------------------------------------------------------------------------------------------

/** Input is fed in pieces this large, so that one piece inflates to at most about 16 MB (DEFLATE's ratio is ≤ 1032). */
const PIECE = 16 * 1024;

/** inflate(stored) into out[0 … rawLen): exactly rawLen bytes from exactly one DEFLATE stream, or a CompactError. */
export type Inflater = (stored: Uint8Array, rawLen: number, out: Uint8Array, k: number) => Promise<void>;

export const inflateErrors = {
  bomb: (k: number, rawLen: number) =>
    new CompactError(t(`公开名录${blockName(k).zh}解压后超过其标明的长度 raw_len = ${rawLen} 字节：已停止读取（文件损坏，或是“解压炸弹”）。`, `The public snapshot's ${blockName(k).en} inflates to more than its raw_len of ${rawLen} bytes: reading stopped (a damaged file, or a "deflate bomb").`)),
  notDeflate: (k: number, why: string) => new CompactError(t(`公开名录${blockName(k).zh}的压缩数据无法解压（不是有效的 raw DEFLATE 数据：${why}）。`, `The public snapshot's ${blockName(k).en} cannot be inflated (not valid raw DEFLATE data: ${why}).`)),
  junk: (k: number, extra: number | null) =>
    new CompactError(t(`公开名录${blockName(k).zh}的压缩数据在 DEFLATE 数据流结束之后还有${extra === null ? '' : ` ${extra} 个`}字节。`, `The public snapshot's ${blockName(k).en} has ${extra === null ? '' : `${extra} `}bytes after the end of its DEFLATE stream.`)),
  size: (k: number, got: number, rawLen: number) => new CompactError(t(`公开名录${blockName(k).zh}解压后为 ${got} 字节，而其标明的长度 raw_len 为 ${rawLen} 字节。`, `The public snapshot's ${blockName(k).en} inflates to ${got} bytes, but its raw_len says ${rawLen}.`)),
};

let inflater: Inflater | null = null;
/** The node entry inflates with node:zlib instead (exact about bytes after the stream, and off the main thread). */
export function setInflater(f: Inflater | null): void {
  inflater = f;
}

/** inflate(stored) into out[0 … rawLen) (§9.1, §9.2): the platform's DecompressionStream unless setInflater was called. */
export function inflateInto(stored: Uint8Array, rawLen: number, out: Uint8Array, k: number): Promise<void> {
  return (inflater ?? streamInflate)(stored, rawLen, out, k);
}

/** The platform's raw DEFLATE decoder, or a sentence saying it is missing. */
export function inflateProblem(): T | null {
  if (inflater) return null;
  if (typeof DecompressionStream !== 'function')
    return t('本浏览器（或 node 版本）没有 DecompressionStream，无法解压紧凑格式的公开名录：请使用较新的 Chrome、Edge、Firefox（113 以上）、Safari（16.4 以上）或 node 20 以上，或改用 JSON 格式的公开名录（public-snapshot.json）。', 'This browser (or node) has no DecompressionStream, so it cannot inflate a compact public snapshot: use a current Chrome, Edge, Firefox (113+), Safari (16.4+) or node 20+, or the JSON public snapshot (public-snapshot.json).');
  try {
    new DecompressionStream('deflate-raw' as CompressionFormat);
  } catch {
    return t('本浏览器的 DecompressionStream 不支持 deflate-raw 格式，无法解压紧凑格式的公开名录：请使用较新的浏览器或 node 20 以上，或改用 JSON 格式的公开名录。', "This browser's DecompressionStream does not support 'deflate-raw', so it cannot inflate a compact public snapshot: use a current browser or node 20+, or the JSON public snapshot.");
  }
  return null;
}

/** Inflate through a DecompressionStream, keeping at most `max` bytes: the count, or -1 past max (reading stops). */
async function streamRun(stored: Uint8Array, max: number, out: Uint8Array | null): Promise<number> {
  const ds = new DecompressionStream('deflate-raw' as CompressionFormat);
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const pump = (async () => {
    for (let off = 0; off < stored.length; off += PIECE) await writer.write(stored.subarray(off, Math.min(stored.length, off + PIECE)) as Uint8Array<ArrayBuffer>);
    await writer.close();
  })();
  pump.catch(() => {});
  let got = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (got + value.length > max) {
      reader.cancel().catch(() => {});
      return -1;
    }
    out?.set(value, got);
    got += value.length;
  }
  await pump;
  return got;
}

// Compression Streams refuse bytes after the end of the DEFLATE stream (Chromium: "Junk found after end of compressed
// data"), but node 20's ignores them. Tried once: where they pass, a block is also inflated without its last byte,
// which must then fail (a complete stream needs its last byte; with bytes after its end it would not).
let junkPasses: Promise<boolean> | null = null;
function junkProbe(): Promise<boolean> {
  // raw DEFLATE of "a" (a final fixed-Huffman block), then one byte too many
  junkPasses ??= streamRun(new Uint8Array([0x4b, 0x04, 0x00, 0x00]), 16, null).then(
    (n) => n === 1,
    () => false,
  );
  return junkPasses;
}

async function streamInflate(stored: Uint8Array, rawLen: number, out: Uint8Array, k: number): Promise<void> {
  const missing = inflateProblem();
  if (missing) throw new CompactError(missing);
  let got: number;
  try {
    got = await streamRun(stored, rawLen, out);
  } catch (e) {
    const m = String((e as Error)?.message ?? e);
    throw /junk/i.test(m) ? inflateErrors.junk(k, null) : inflateErrors.notDeflate(k, m);
  }
  if (got < 0) throw inflateErrors.bomb(k, rawLen);
  if (got !== rawLen) throw inflateErrors.size(k, got, rawLen);
  if (stored.length > 0 && (await junkProbe())) {
    let whole = false;
    try {
      whole = (await streamRun(stored.subarray(0, stored.length - 1), rawLen, null)) === rawLen;
    } catch {
      whole = false;
    }
    if (whole) throw inflateErrors.junk(k, null);
  }
}
// ---- the file's framing (§9.2) --------------------------------------------------------------------------------------

/** Sequential reads of a Blob through slices of a few megabytes (few asynchronous reads; never the whole file). */
export class BlobCursor {
  private buf = new Uint8Array(0);
  private at = 0;
  readMs = 0;
  constructor(
    private file: Blob,
    private chunk = 4 << 20,
  ) {}
  /** bytes [pos, pos + len) when they are in the slice already read, else null (no waiting) */
  peek(pos: number, len: number): Uint8Array | null {
    return pos >= this.at && pos + len <= this.at + this.buf.length ? this.buf.subarray(pos - this.at, pos - this.at + len) : null;
  }
  /** bytes [pos, pos + len) of the file; a view that stays valid (each slice is its own memory) */
  async read(pos: number, len: number): Promise<Uint8Array> {
    const have = this.peek(pos, len);
    if (have) return have;
    const t0 = Date.now();
    const end = Math.min(this.file.size, pos + Math.max(len, this.chunk));
    this.buf = new Uint8Array(await this.file.slice(pos, end).arrayBuffer());
    this.readMs += Date.now() - t0;
    this.at = pos;
    if (this.buf.length < len) throw new CompactError(t('公开名录文件在读取中途结束（文件被截断？）。', 'The public snapshot ends early (truncated?).'));
    return this.buf.subarray(0, len);
  }
}

export interface Framing {
  headLen: number;
  indexAt: number;
  blocks: number;
}

/** §9.2: the magic, the head's length and the trailer, checked against the file's size. */
export async function readFraming(file: Blob): Promise<Framing> {
  const size = file.size;
  const start = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  if (!ascii(start, COMPACT_MAGIC)) throw new CompactError(t('这不是紧凑格式的公开名录（文件开头不是 DDPSNAP2）。', 'This is not a compact public snapshot (it does not start with DDPSNAP2).'));
  if (size < 12 + TRAILER) throw new CompactError(t(`紧凑格式的公开名录只有 ${size} 字节，不完整（文件被截断）。`, `The compact public snapshot has only ${size} bytes: it is incomplete (truncated).`));
  const headLen = u32At(start, 8);
  if (headLen > MAX_HEAD_BYTES) throw new JsonError(`the compact snapshot's head is ${headLen} bytes; the limit is 256 MiB`, 8, 'size');
  const tr = new Uint8Array(await file.slice(size - TRAILER, size).arrayBuffer());
  if (!ascii(tr, COMPACT_END, 12))
    throw new CompactError(t('紧凑格式的公开名录没有以结束标记 DDPSEND2 结尾：文件被截断，或在结尾之后多出了字节。', 'The compact public snapshot does not end with its trailer (DDPSEND2): the file is truncated, or has bytes after the trailer.'));
  const indexAt = u64At(tr, 0);
  const blocks = u32At(tr, 8);
  if (indexAt === null || indexAt < 12 + headLen || indexAt + INDEX_ENTRY * blocks + TRAILER !== size)
    throw new CompactError(t(`紧凑格式的公开名录的结尾记录不对：索引位置 ${indexAt ?? '（过大）'} 加上 ${blocks} 个块的索引（每个 58 字节）和 20 字节的结尾，与文件长度 ${size} 字节不符（文件被截断或改动过）。`, `The compact public snapshot's trailer is wrong: the index at ${indexAt ?? '(too large)'} plus ${blocks} index entries of 58 bytes and the 20-byte trailer do not end at the file's size, ${size} bytes (truncated or edited).`));
  return { headLen, indexAt, blocks };
}

/** §9.2: stored_len ≤ raw_len + ⌊raw_len / 1024⌋ + 1024. */
export const storedBound = (rawLen: number): number => rawLen + Math.floor(rawLen / 1024) + 1024;
