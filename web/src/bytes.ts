// Byte encodings of docs/COMMITMENTS.md §1 and docs/SPEC.md §1: u32be, u64be, lp, list, opt, opt64, raw, pad32.
import { sha256 } from '@noble/hashes/sha2.js';
import { sha256At } from './sha256.ts';

const te = new TextEncoder();
const td = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8(s: string): Uint8Array {
  return te.encode(s);
}

export function fromUtf8(b: Uint8Array): string {
  return td.decode(b);
}

const HEX = '0123456789abcdef';
const HEX_BYTE: string[] = [];
for (let i = 0; i < 256; i++) HEX_BYTE.push(HEX[i >> 4] + HEX[i & 15]);

export function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX_BYTE[b[i]];
  return s;
}

const HEXVAL = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEXVAL[48 + i] = i;
for (let i = 0; i < 6; i++) HEXVAL[97 + i] = HEXVAL[65 + i] = 10 + i;

/** Lowercase or uppercase hex of any even length; returns null when it is not hex. */
export function parseHex(s: string): Uint8Array | null {
  if (typeof s !== 'string' || s.length % 2 !== 0) return null;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) {
    const a = s.charCodeAt(2 * i);
    const b = s.charCodeAt(2 * i + 1);
    const hi = a < 128 ? HEXVAL[a] : -1;
    const lo = b < 128 ? HEXVAL[b] : -1;
    if (hi < 0 || lo < 0) return null;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** A 32-byte hash written as 64 lowercase hex digits (the documents write hashes in lowercase). */
export function isHash(s: unknown): s is string {
  if (typeof s !== 'string' || s.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** SHA-256 of data into out (32 bytes), with no allocation: the hot path of hashing millions of leaves (sha256.ts). */
export function sha256Into(data: Uint8Array, out: Uint8Array): Uint8Array {
  sha256At(data, 0, data.length, out, 0);
  return out;
}

export function hashBytes(s: string): Uint8Array {
  const b = parseHex(s);
  if (!b || b.length !== 32) throw new Error(`not a 32-byte hash: ${String(s).slice(0, 80)}`);
  return b;
}

export function eqBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Compare as unsigned byte strings (the canonical order of both documents). */
export function cmpBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Compare texts by their UTF-8 bytes (not by UTF-16 code units, which differ above U+FFFF). */
export function cmpUtf8(a: string, b: string): number {
  // UTF-8 byte order is code point order; UTF-16 code units differ from it only where a surrogate (a code point
  // above U+FFFF) meets a unit in U+E000..U+FFFF, so compare units and treat surrogates as the larger.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const sx = x >= 0xd800 && x <= 0xdfff;
      const sy = y >= 0xd800 && y <= 0xdfff;
      if (sx !== sy) return sx ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

export function sortUtf8(xs: string[]): string[] {
  return xs.slice().sort(cmpUtf8);
}

/** Strictly increasing by UTF-8 bytes: sorted and without duplicates. */
export function strictlyIncreasing(xs: string[]): boolean {
  for (let i = 1; i < xs.length; i++) if (cmpUtf8(xs[i - 1], xs[i]) >= 0) return false;
  return true;
}

export function sha(data: Uint8Array): Uint8Array {
  return sha256(data);
}

export type U64 = number | bigint;

/** A growable byte buffer that writes the encodings of the two documents. */
export class Writer {
  buf: Uint8Array;
  len = 0;
  constructor(cap = 256) {
    this.buf = new Uint8Array(cap);
  }
  reset(): this {
    this.len = 0;
    return this;
  }
  reserve(n: number) {
    this.ensure(n);
  }
  private ensure(n: number) {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const nb = new Uint8Array(cap);
    nb.set(this.buf.subarray(0, this.len));
    this.buf = nb;
  }
  byte(b: number): this {
    this.ensure(1);
    this.buf[this.len++] = b;
    return this;
  }
  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }
  u32(n: number): this {
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`u32 out of range: ${n}`);
    this.ensure(4);
    const b = this.buf;
    b[this.len] = n >>> 24;
    b[this.len + 1] = (n >>> 16) & 255;
    b[this.len + 2] = (n >>> 8) & 255;
    b[this.len + 3] = n & 255;
    this.len += 4;
    return this;
  }
  u64(n: U64): this {
    let v = typeof n === 'bigint' ? n : BigInt(n);
    if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new Error(`u64 not an exact integer: ${n}`);
    if (v < 0n || v > 0xffffffffffffffffn) throw new Error(`u64 out of range: ${n}`);
    this.ensure(8);
    for (let i = 7; i >= 0; i--) {
      this.buf[this.len + i] = Number(v & 255n);
      v >>= 8n;
    }
    this.len += 8;
    return this;
  }
  /** lp(x) = u32be(len(x)) ‖ x; a text is its UTF-8 bytes. */
  lp(x: string | Uint8Array): this {
    if (typeof x === 'string') {
      this.ensure(4 + x.length * 3);
      const { written } = te.encodeInto(x, this.buf.subarray(this.len + 4));
      this.u32(written);
      this.len += written;
      return this;
    }
    this.u32(x.length);
    return this.bytes(x);
  }
  /** list(xs) = u32be(count) ‖ lp(x1) ‖ … */
  list(xs: (string | Uint8Array)[]): this {
    this.u32(xs.length);
    for (const x of xs) this.lp(x);
    return this;
  }
  /** opt(x) = 0x00, or 0x01 ‖ lp(x). */
  opt(x: string | Uint8Array | null | undefined): this {
    if (x === null || x === undefined) return this.byte(0);
    return this.byte(1).lp(x);
  }
  /** opt64(x) = 0x00, or 0x01 ‖ u64be(x). */
  opt64(x: U64 | null | undefined): this {
    if (x === null || x === undefined) return this.byte(0);
    return this.byte(1).u64(x);
  }
  /** raw(h): the 32 bytes of a hash. */
  raw(h: string | Uint8Array): this {
    if (typeof h === 'string') {
      if (h.length !== 64) throw new Error(`not a 32-byte hash: ${h.slice(0, 80)}`);
      this.ensure(32);
      for (let i = 0; i < 32; i++) {
        const a = h.charCodeAt(2 * i);
        const b = h.charCodeAt(2 * i + 1);
        const hi = a < 128 ? HEXVAL[a] : -1;
        const lo = b < 128 ? HEXVAL[b] : -1;
        if (hi < 0 || lo < 0) throw new Error(`not a 32-byte hash: ${h.slice(0, 80)}`);
        this.buf[this.len + i] = (hi << 4) | lo;
      }
      this.len += 32;
      return this;
    }
    if (h.length !== 32) throw new Error('raw() needs 32 bytes');
    return this.bytes(h);
  }
  /** pad32(tag): ASCII tag, zero bytes up to 32. */
  pad32(tag: string): this {
    return this.bytes(pad32(tag));
  }
  out(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
  view(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
  sha(): Uint8Array {
    return sha256(this.buf.subarray(0, this.len));
  }
}

/**
 * A Writer for records parsed with `binaryStreams` (json.ts): their texts are binary strings, one character per UTF-8
 * byte, so lp() copies the character codes as bytes instead of encoding.
 */
export class BinWriter extends Writer {
  override lp(x: string | Uint8Array): this {
    if (typeof x !== 'string') return super.lp(x);
    const n = x.length;
    this.u32(n);
    this.reserve(n);
    const b = this.buf;
    let p = this.len;
    for (let i = 0; i < n; i++) b[p++] = x.charCodeAt(i);
    this.len = p;
    return this;
  }
}

/** A binary string (one character per byte) back to text. */
export function binToStr(s: string): string {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);
}

/** Text to a binary string of its UTF-8 bytes. */
export function strToBin(s: string): string {
  const b = utf8(s);
  let out = '';
  for (let i = 0; i < b.length; i++) out += String.fromCharCode(b[i]);
  return out;
}

export function pad32(tag: string): Uint8Array {
  const b = utf8(tag);
  if (b.length > 32) throw new Error('pad32 tag longer than 32 bytes');
  const out = new Uint8Array(32);
  out.set(b);
  return out;
}

export function w(): Writer {
  return new Writer();
}

/** Number of Unicode characters (scalar values) of a text. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
