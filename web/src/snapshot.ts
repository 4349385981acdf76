// Public verification (SPEC §7): the published public snapshot (`dualdraw registry export --public`), read as a stream
// so that a province (millions of entities, gigabytes of JSON) never has to be one string. Each registry's leaves are
// hashed as they arrive; the four roots must be the announced ones; the pool is recounted from public fields; every
// target must be in it. What is kept for later look-ups: each entity's byte offset in the file and the roots of the
// aligned 256-leaf subtrees, so an audit path costs one small read of the file.
import { Writer, cmpUtf8 } from './bytes.ts';
import { REGISTRIES, auditPath, entityLeaf, nodeHash, prefixedLeafHash, rangeRoot, rootFromPath, type EntityRecord, type RegistryName } from './commitments.ts';
import { snapshotKind } from './compact.ts';
import { verifyCompact } from './compactVerify.ts';
import { decodeEntity, decodeSnapshotRef, type Proof } from './decode.ts';
import { JsonStreamParser, MAX_SNAPSHOT_BYTES, parseFirst, sizeProblem, type JsonValue } from './json.ts';
import { PublicCheck, type PublicResult } from './publicCheck.ts';

export const PUBLIC_FORMAT = 'dualdraw-public-snapshot-v1';
const BLOCK = 256;
const CHUNK = 4 << 20;

export type { PublicResult };

/** What the page keeps to answer "was my company in the pool?" after a public verification. */
export class EntityIndex {
  offsets = new Float64Array(1024);
  n = 0;
  lastEnd = 0;
  blocks: Uint8Array[] = [];
  tail: Uint8Array[] = []; // leaf hashes of the last, partial block
  constructor(public file: Blob) {}
  add(start: number, end: number) {
    if (this.n === this.offsets.length) {
      const nb = new Float64Array(this.offsets.length * 2);
      nb.set(this.offsets);
      this.offsets = nb;
    }
    this.offsets[this.n++] = start;
    this.lastEnd = end;
  }
  private endOf(i: number): number {
    return i + 1 < this.n ? this.offsets[i + 1] : this.lastEnd;
  }
  async readRange(a: number, b: number): Promise<EntityRecord[]> {
    const base = this.offsets[a];
    const buf = new Uint8Array(await this.file.slice(base, this.endOf(b - 1)).arrayBuffer());
    const out: EntityRecord[] = [];
    for (let i = a; i < b; i++) out.push(decodeEntity(parseFirst(buf.subarray(this.offsets[i] - base, this.endOf(i) - base)), `entities[${i}]`, true));
    return out;
  }
  async read(i: number): Promise<EntityRecord> {
    return (await this.readRange(i, i + 1))[0];
  }
  /** Index of a USCC by binary search (the entities are in USCC order, checked while reading), or -1. */
  async find(uscc: string): Promise<number> {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = await this.read(mid);
      const c = cmpUtf8(r.uscc, uscc);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  /** The audit path of leaf m (RFC 9162), from the kept block roots and one read of m's block. */
  async path(m: number): Promise<{ leaf: Uint8Array; path: Uint8Array[] }> {
    const b0 = Math.floor(m / BLOCK) * BLOCK;
    const b1 = Math.min(b0 + BLOCK, this.n);
    const recs = await this.readRange(b0, b1);
    const scratch = new Writer(512);
    const leaves = recs.map((r) => prefixedLeafHash((w) => entityLeaf(r, w), scratch));
    const tailStart = this.blocks.length * BLOCK;
    const leafAt = (i: number): Uint8Array => {
      if (i >= b0 && i < b1) return leaves[i - b0];
      if (i >= tailStart) return this.tail[i - tailStart];
      throw new Error(`leaf ${i} not available`);
    };
    const mth = (a: number, b: number): Uint8Array => {
      if (b - a === BLOCK && a % BLOCK === 0 && a / BLOCK < this.blocks.length) return this.blocks[a / BLOCK];
      if (b - a === 1) return leafAt(a);
      let k = 1;
      while (k * 2 < b - a) k *= 2;
      return nodeHash(mth(a, a + k), mth(a + k, b));
    };
    return { leaf: leafAt(m), path: auditPath(m, this.n, mth) };
  }
}

export { rangeRoot, rootFromPath };

export type Progress = (bytes: number, total: number, entities: number) => void;

export async function verifyPublic(proof: Proof, file: Blob, onProgress: Progress): Promise<{ result: PublicResult; index: EntityIndex | null; format: 'json' | 'compact' }> {
  // COMMITMENTS.md §9: the format is told by the first bytes (DDPSNAP2: compact; anything else is read as JSON)
  if ((await snapshotKind(file)) === 'compact') {
    const result = await verifyCompact(proof, file, onProgress);
    return { result: { ...result, snapshotFormat: 'compact' }, index: null, format: 'compact' };
  }
  const r = await verifyJson(proof, file, onProgress);
  return { result: { ...r.result, snapshotFormat: 'json' }, index: r.index, format: 'json' };
}

async function verifyJson(proof: Proof, file: Blob, onProgress: Progress): Promise<{ result: PublicResult; index: EntityIndex }> {
  const t0 = Date.now();
  const ck = new PublicCheck(proof, BLOCK);
  const index = new EntityIndex(file);
  const entities = ck.trees.entities;
  let tail: Uint8Array[] = [];

  const onElement = (key: string, v: JsonValue, start: number, end: number) => {
    const reg = key as RegistryName;
    if (reg !== 'entities') return ck.element(reg, v);
    const i = entities.count;
    // (texts of these records are binary strings: see binaryStreams in json.ts)
    const e = decodeEntity(v, `entities[${i}]`, true);
    const lh = ck.entityLeafHash(e);
    entities.push(lh);
    tail.push(lh);
    if (tail.length === BLOCK) tail = [];
    index.add(start, end);
    ck.entity(e, i, lh);
  };

  const parser = new JsonStreamParser({
    streamKeys: REGISTRIES,
    binaryStreams: true,
    maxBytes: MAX_SNAPSHOT_BYTES,
    onElement,
    onArrayStart: (k) => {
      ck.seen[k] = true;
    },
    onTopLevel: (k, v) => {
      if (k === 'format') ck.format = typeof v === 'string' ? v : JSON.stringify(v);
      else if (k === 'snapshot') ck.header = decodeSnapshotRef(v, 'snapshot', true);
      // other keys are ignored: COMMITMENTS.md §8 lets later versions add some
    },
  });

  const total = file.size;
  let done = 0;
  let lastReport = 0;
  let readMs = 0;
  try {
    const big = sizeProblem(total, MAX_SNAPSHOT_BYTES);
    if (big) throw big;
    // Read in slices of a few megabytes: bounded memory like File.stream(), but far fewer asynchronous reads (a
    // browser's stream delivers 64 KB chunks, and each costs a round trip to the browser's file reader).
    for (let pos = 0; pos < total; ) {
      const tr0 = Date.now();
      const value = new Uint8Array(await file.slice(pos, Math.min(total, pos + CHUNK)).arrayBuffer());
      readMs += Date.now() - tr0;
      pos += value.length;
      if (value.length === 0) break;
      parser.push(value);
      done += value.length;
      const now = Date.now();
      if (now - lastReport > 100) {
        lastReport = now;
        onProgress(done, total, entities.count);
      }
    }
    parser.end();
  } catch (e) {
    onProgress(done, total, entities.count);
    return { result: ck.readFailure(e, done, t0), index };
  }
  onProgress(done, total, entities.count);
  index.blocks = entities.blocks!;
  index.tail = tail;
  return { result: ck.finish(PUBLIC_FORMAT, done, t0, readMs), index };
}
