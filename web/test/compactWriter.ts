// A test-only writer of compact public snapshots (docs/COMMITMENTS.md §9), written from the document (not from
// src/compact.ts), so that the reader is tested before the Rust writer exists. Streaming: entities are added one by
// one and each full block is deflated and handed to a sink; the index and trailer come at the end. Hooks let a test
// write what a correct writer never would (a dictionary index out of range, a long varint, a deflate bomb, …).
import { deflateRawSync } from 'node:zlib';
import { entityLeaf, leafHash, merkleRoot, type EntityRecord } from '../src/commitments.ts';
import { Writer, utf8 } from '../src/bytes.ts';

export interface WriterHooks {
  /** replace the bytes of one uv: block k, column name, entity j (or dictionary use), value */
  uv?: (k: number, column: string, j: number, v: number) => number[] | undefined;
  /** change a block's inflated bytes before they are deflated */
  raw?: (k: number, raw: Uint8Array) => Uint8Array;
  /** change what is stored for a block (its raw_len too) */
  stored?: (k: number, stored: Uint8Array, raw: Uint8Array) => { stored: Uint8Array; rawLen: number };
  /** texts appended to every block's dictionary (a repeated one, say) */
  dictExtra?: string[];
  /** the dictionary's texts in this order (default: first use) */
  dictOrder?: 'first-use' | 'sorted' | 'reversed';
}

function uvBytes(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) b |= 0x80;
    out.push(b);
  } while (v > 0);
  return out;
}

const u32 = (v: number) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const u64 = (v: number) => [...u32(Math.floor(v / 0x100000000)), ...u32(v >>> 0)];

/** One block's inflated bytes (§9.3). */
export function encodeBlock(es: EntityRecord[], k = 0, hooks: WriterHooks = {}): Uint8Array {
  const texts: string[] = [];
  const seen = new Map<string, number>();
  const use = (s: string) => {
    if (!seen.has(s)) {
      seen.set(s, texts.length);
      texts.push(s);
    }
  };
  for (const e of es) {
    use(e.kind);
    e.categories.forEach(use);
    use(e.industry);
    use(e.region);
    if (e.township !== null) use(e.township);
    use(e.status);
    e.flags.forEach(use);
  }
  if (hooks.dictOrder === 'sorted' || hooks.dictOrder === 'reversed') {
    texts.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    if (hooks.dictOrder === 'reversed') texts.reverse();
    texts.forEach((s, i) => seen.set(s, i));
  }
  texts.push(...(hooks.dictExtra ?? []));
  const out: number[] = [];
  const push = (b: ArrayLike<number>) => {
    for (let i = 0; i < b.length; i++) out.push(b[i]);
  };
  const uv = (column: string, j: number, v: number) => push(hooks.uv?.(k, column, j, v) ?? uvBytes(v));
  const ix = (s: string) => seen.get(s)!;
  push(u32(es.length));
  push(u32(texts.length));
  for (const s of texts) {
    const b = utf8(s);
    push(u32(b.length));
    push(b);
  }
  for (const e of es) push(utf8(e.uscc));
  for (const e of es) push(Buffer.from(e.credit_class_commitment, 'hex'));
  es.forEach((e, j) => {
    const b = utf8(e.name);
    uv('name', j, b.length);
    push(b);
  });
  es.forEach((e, j) => uv('kind', j, ix(e.kind)));
  es.forEach((e, j) => {
    uv('categories', j, e.categories.length);
    for (const c of e.categories) uv('categories', j, ix(c));
  });
  es.forEach((e, j) => uv('industry', j, ix(e.industry)));
  es.forEach((e, j) => uv('region', j, ix(e.region)));
  es.forEach((e, j) => uv('township', j, e.township === null ? 0 : ix(e.township) + 1));
  es.forEach((e, j) => uv('status', j, ix(e.status)));
  es.forEach((e, j) => uv('established', j, e.established === null ? 0 : Number(e.established.replaceAll('-', ''))));
  es.forEach((e, j) => {
    uv('flags', j, e.flags.length);
    for (const f of e.flags) uv('flags', j, ix(f));
  });
  return Uint8Array.from(out);
}

export function blockRoot(es: EntityRecord[]): Uint8Array {
  return merkleRoot(es.map((e) => leafHash(entityLeaf(e, new Writer()).out())));
}

/** Writes a compact snapshot as entities arrive; chunks go to `sink` (which must keep or write them). */
export class CompactWriter {
  private pos = 0;
  private block: EntityRecord[] = [];
  private k = 0;
  private index: number[] = [];
  count = 0;
  constructor(
    head: { snapshot: unknown; items: unknown[]; officers: unknown[]; recusals: unknown[]; count: number; blockSize: number; format?: string; extra?: Record<string, unknown> },
    private sink: (chunk: Uint8Array) => void,
    private blockSize: number,
    private hooks: WriterHooks = {},
  ) {
    const h = utf8(JSON.stringify({ format: head.format ?? 'dualdraw-public-snapshot-v2', snapshot: head.snapshot, items: head.items, officers: head.officers, recusals: head.recusals, entities: { count: head.count, block_size: head.blockSize }, ...(head.extra ?? {}) }));
    this.emit(Uint8Array.from([...utf8('DDPSNAP2'), ...u32(h.length)]));
    this.emit(h);
  }
  private emit(b: Uint8Array) {
    this.sink(b);
    this.pos += b.length;
  }
  add(e: EntityRecord) {
    this.block.push(e);
    this.count++;
    if (this.block.length === this.blockSize) this.flush();
  }
  private flush() {
    if (this.block.length === 0) return;
    const k = this.k++;
    let raw = encodeBlock(this.block, k, this.hooks);
    if (this.hooks.raw) raw = this.hooks.raw(k, raw);
    let stored: Uint8Array = deflateRawSync(raw);
    let rawLen = raw.length;
    if (this.hooks.stored) ({ stored, rawLen } = this.hooks.stored(k, stored, raw));
    this.index.push(this.pos);
    this.index.push(...utf8(this.block[0].uscc));
    this.index.push(...blockRoot(this.block));
    this.emit(Uint8Array.from([...u32(rawLen), ...u32(stored.length)]));
    this.emit(stored);
    this.block = [];
  }
  /** index entries are (offset as 8 bytes: written below), first USCC, root */
  end() {
    this.flush();
    const at = this.pos;
    const out: number[] = [];
    // this.index holds [offset, 18 bytes, 32 bytes] per block
    for (let i = 0; i < this.index.length; i += 51) out.push(...u64(this.index[i]), ...this.index.slice(i + 1, i + 51));
    this.emit(Uint8Array.from(out));
    this.emit(Uint8Array.from([...u64(at), ...u32(this.k), ...utf8('DDPSEND2')]));
  }
}

/** A whole JSON v1 snapshot (parsed) as a compact file in memory. */
export function toCompact(doc: any, blockSize = 256, hooks: WriterHooks = {}, head: { format?: string; extra?: Record<string, unknown>; count?: number } = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  const w = new CompactWriter({ snapshot: doc.snapshot, items: doc.items, officers: doc.officers, recusals: doc.recusals, count: head.count ?? doc.entities.length, blockSize, format: head.format, extra: head.extra }, (c) => chunks.push(c), blockSize, hooks);
  for (const e of doc.entities) w.add(e);
  w.end();
  return new Uint8Array(Buffer.concat(chunks)); // a plain Uint8Array: its slice() copies (a Buffer's does not)
}

/** Offsets of a compact file's parts, read from its trailer and index (for tests that edit bytes). */
export function layout(b: Uint8Array): { indexAt: number; blocks: { at: number; rawLen: number; storedLen: number }[] } {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = b.length;
  const indexAt = Number(dv.getBigUint64(n - 20));
  const B = dv.getUint32(n - 12);
  const blocks = [];
  for (let k = 0; k < B; k++) {
    const at = Number(dv.getBigUint64(indexAt + 58 * k));
    blocks.push({ at, rawLen: dv.getUint32(at), storedLen: dv.getUint32(at + 4) });
  }
  return { indexAt, blocks };
}
