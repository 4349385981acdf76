// The entity leaves (docs/COMMITMENTS.md §4) of a compact snapshot's block, written from its decoded columns into one
// reused buffer and hashed (sha256.ts); a block's root computed in place.
import type { BlockColumns } from './compactBlock.ts';
import { nodeAt, sha256At } from './sha256.ts';

const LEAF_TAG = new TextEncoder().encode('dualdraw-leaf-v1/entity');

/** Writes 0x00 ‖ entity leaf (§4) of block entity j into one reused buffer and hashes it. */
export class LeafWriter {
  buf = new Uint8Array(4096);
  private dateBuf = new Uint8Array(10);

  private ensure(n: number) {
    if (n <= this.buf.length) return;
    let c = this.buf.length * 2;
    while (c < n) c *= 2;
    this.buf = new Uint8Array(c);
  }

  /** The length of 0x00 ‖ leaf, written at buf[0 …). */
  write(c: BlockColumns, j: number): number {
    const raw = c.raw;
    const dictAt = c.dictAt;
    const dictLen = c.dictLen;
    const lists = c.lists;
    const cs = c.catStart[j];
    const cn = c.catCount[j];
    const fs = c.flagStart[j];
    const fn = c.flagCount[j];
    const tw = c.township[j];
    const dt = c.date[j];
    // size first (one check, then plain stores)
    let size = 1 + 4 + LEAF_TAG.length + 4 + 18 + 4 + c.nameLen[j] + 4 + dictLen[c.kind[j]] + 4 + 4 + dictLen[c.industry[j]] + 4 + dictLen[c.region[j]] + 1 + 4 + dictLen[c.status[j]] + 1 + 4 + 32;
    for (let i = 0; i < cn; i++) size += 4 + dictLen[lists[cs + i]];
    for (let i = 0; i < fn; i++) size += 4 + dictLen[lists[fs + i]];
    if (tw !== 0) size += 4 + dictLen[tw - 1];
    if (dt !== 0) size += 14;
    this.ensure(size);
    const b = this.buf;
    let p = 0;
    const u32 = (v: number) => {
      b[p] = v >>> 24;
      b[p + 1] = (v >>> 16) & 255;
      b[p + 2] = (v >>> 8) & 255;
      b[p + 3] = v & 255;
      p += 4;
    };
    const copy = (at: number, len: number) => {
      for (let i = 0; i < len; i++) b[p + i] = raw[at + i];
      p += len;
    };
    const dict = (i: number) => copy(dictAt[i], 4 + dictLen[i]); // lp(s_i) as it stands in the block
    b[p++] = 0;
    u32(LEAF_TAG.length);
    b.set(LEAF_TAG, p);
    p += LEAF_TAG.length;
    u32(18);
    const u = c.usccAt + 18 * j;
    for (let i = 0; i < 18; i++) b[p + i] = raw[u + i];
    p += 18;
    u32(c.nameLen[j]);
    copy(c.nameAt[j], c.nameLen[j]);
    dict(c.kind[j]);
    u32(cn);
    for (let i = 0; i < cn; i++) dict(lists[cs + i]);
    dict(c.industry[j]);
    dict(c.region[j]);
    if (tw === 0) b[p++] = 0;
    else {
      b[p++] = 1;
      dict(tw - 1);
    }
    dict(c.status[j]);
    if (dt === 0) b[p++] = 0;
    else {
      b[p++] = 1;
      u32(10);
      const db = this.dateBuf;
      let y = Math.floor(dt / 10000);
      const md = dt % 10000;
      for (let i = 3; i >= 0; i--) {
        db[i] = 48 + (y % 10);
        y = Math.floor(y / 10);
      }
      db[4] = 45;
      db[5] = 48 + Math.floor(md / 1000);
      db[6] = 48 + (Math.floor(md / 100) % 10);
      db[7] = 45;
      db[8] = 48 + (Math.floor(md / 10) % 10);
      db[9] = 48 + (md % 10);
      b.set(db, p);
      p += 10;
    }
    u32(fn);
    for (let i = 0; i < fn; i++) dict(lists[fs + i]);
    const cm = c.commitAt + 32 * j;
    for (let i = 0; i < 32; i++) b[p + i] = raw[cm + i];
    p += 32;
    return p;
  }

  /** SHA-256(0x00 ‖ leaf) of entity j into out[at … at + 32). */
  hash(c: BlockColumns, j: number, out: Uint8Array, at: number): void {
    sha256At(this.buf, 0, this.write(c, j), out, at);
  }
}

/**
 * The RFC 6962 root (§5) of n leaf hashes held one after the other in h[0 … 32n), computed in place (h is overwritten):
 * each level pairs neighbours and carries an odd last node up, which is the split at the largest power of two.
 */
export function rootInPlace(h: Uint8Array, n: number): Uint8Array {
  if (n === 0) throw new Error('no leaves');
  let m = n;
  while (m > 1) {
    const half = m >> 1;
    for (let i = 0; i < half; i++) nodeAt(h, 64 * i, 64 * i + 32, h, 32 * i);
    if (m & 1) h.copyWithin(32 * half, 32 * (m - 1), 32 * m);
    m = half + (m & 1);
  }
  return h.slice(0, 32);
}
