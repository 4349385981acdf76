// An incremental JSON parser over UTF-8 bytes. A public snapshot of a province (millions of entities, gigabytes) is
// too big for one JSON.parse or one JS string, so the worker feeds this parser the chunks of File.stream(); the
// elements of the arrays named in `streamKeys` (top-level keys such as "entities") are handed to a callback one by
// one, with their byte offsets in the file, and are not kept.
//
// Stricter than JSON.parse where it matters for verification: a duplicate key, a lone surrogate, a control character
// in a string or invalid UTF-8 is an error (another reader could see a different document). Integers beyond 2^53 are
// kept exactly as bigint.

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Which rule of SPEC §10 a document broke: `syntax` (not JSON, or invalid UTF-8), or one of the limits. */
export type JsonRule = 'syntax' | 'depth' | 'size' | 'bom';

export class JsonError extends Error {
  constructor(
    message: string,
    public offset: number,
    public rule: JsonRule = 'syntax',
  ) {
    super(message);
  }
}

// SPEC §10: the limits every implementation reads with.
/** Arrays and objects nested at most this deep. */
export const MAX_DEPTH = 64;
/** A proof, an inclusion or threshold opening, a replacement list: at most 256 MiB. */
export const MAX_PROOF_BYTES = 256 * 1024 * 1024;
/** A public snapshot: at most 8 GiB (read as a stream). */
export const MAX_SNAPSHOT_BYTES = 8 * 1024 * 1024 * 1024;

/** The §10 size rule, checked before a file is read. */
export function sizeProblem(size: number, max: number): JsonError | null {
  return size > max ? new JsonError(`the file is ${size} bytes; the limit is ${max} (${max >= 1 << 30 ? max / (1 << 30) + ' GiB' : max / (1 << 20) + ' MiB'})`, max, 'size') : null;
}

const enum S {
  Value,
  KeyOrEnd,
  Key,
  Colon,
  After,
  Str,
  Num,
  Lit,
  Done,
}

interface Frame {
  arr: boolean;
  value: JsonValue[] | JsonObject;
  key: string | null; // pending key of an object
  stream: string | null; // the top-level key whose elements are streamed
  count: number;
}

// ignoreBOM: a text that begins with U+FEFF (written \ufeff) keeps it; a decoder would otherwise drop it
const utf8dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeRange(b: Uint8Array, start: number, end: number, ascii: boolean, binary: boolean): string {
  if (ascii || binary) {
    if (!ascii && !validUtf8(b, start, end)) throw new JsonError('invalid UTF-8 in a string', start);
    if (end - start < 16) {
      let s = '';
      for (let i = start; i < end; i++) s += String.fromCharCode(b[i]);
      return s;
    }
    let s = '';
    for (let i = start; i < end; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, Math.min(end, i + 8192)) as unknown as number[]);
    return s;
  }
  try {
    return utf8dec.decode(b.subarray(start, end));
  } catch {
    throw new JsonError('invalid UTF-8 in a string', start);
  }
}

/** Well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, at most U+10FFFF). */
export function validUtf8(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    let cp: number;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
      cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
      cp = c & 0x07;
    } else return false;
    if (i + n >= end) return false;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if ((d & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n + 1;
  }
  return true;
}

const BOM = [0xef, 0xbb, 0xbf];

const NUMBER_RE = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

export interface ParserOptions {
  streamKeys?: string[];
  onElement?: (key: string, value: JsonValue, start: number, end: number) => void;
  /** Called when a streamed array begins (its key) — lets the caller prepare. */
  onArrayStart?: (key: string) => void;
  /** Called when a top-level key's value is complete (not for streamed arrays). */
  onTopLevel?: (key: string, value: JsonValue) => void;
  /** Stop at the end of the first value and ignore what follows (reading one record out of a file). */
  allowTrailing?: boolean;
  /**
   * Inside streamed arrays, give each text as a "binary string" — one character per UTF-8 byte (validated) — rather
   * than decoding it: such strings compare in UTF-8 byte order and are written back to bytes without an encoder,
   * which is most of the cost of hashing millions of records in a browser. See BinWriter in bytes.ts.
   */
  binaryStreams?: boolean;
  /** Refuse a document longer than this many bytes (SPEC §10); default MAX_PROOF_BYTES. */
  maxBytes?: number;
}

export class JsonStreamParser {
  private state: S = S.Value;
  private stack: Frame[] = [];
  private root: JsonValue | undefined = undefined;
  private base = 0; // file offset of the current chunk's first byte
  private sbuf = new Uint8Array(256);
  private slen = 0;
  private sAscii = true;
  private sIsKey = false;
  private esc = 0; // 0: none, 1: after backslash, 2..5: \u digits collected = esc-2
  private uAcc = 0;
  private hiSurrogate = -1;
  private nbuf = '';
  private lit = '';
  private litPos = 0;
  private elemStart = -1;
  private streamKeys: Set<string>;
  private bom = 0; // bytes of a byte-order mark seen; -1 once past the start
  private bin = false; // inside a streamed array with binaryStreams
  private bomRun = 0; // bytes of EF BB BF matched in a string's raw bytes (a BOM inside the document is an error)
  private maxBytes: number;

  constructor(private opts: ParserOptions = {}) {
    this.streamKeys = new Set(opts.streamKeys ?? []);
    this.maxBytes = opts.maxBytes ?? MAX_PROOF_BYTES;
  }

  /** Bytes consumed so far. */
  get offset(): number {
    return this.base;
  }

  private sPush(b: number) {
    if (this.slen === this.sbuf.length) {
      const nb = new Uint8Array(this.sbuf.length * 2);
      nb.set(this.sbuf);
      this.sbuf = nb;
    }
    this.sbuf[this.slen++] = b;
  }

  private sPushCode(cp: number) {
    if (cp < 0x80) this.sPush(cp);
    else {
      this.sAscii = false;
      if (cp < 0x800) {
        this.sPush(0xc0 | (cp >> 6));
        this.sPush(0x80 | (cp & 63));
      } else if (cp < 0x10000) {
        this.sPush(0xe0 | (cp >> 12));
        this.sPush(0x80 | ((cp >> 6) & 63));
        this.sPush(0x80 | (cp & 63));
      } else {
        this.sPush(0xf0 | (cp >> 18));
        this.sPush(0x80 | ((cp >> 12) & 63));
        this.sPush(0x80 | ((cp >> 6) & 63));
        this.sPush(0x80 | (cp & 63));
      }
    }
  }

  /** A complete value at the current position. */
  private value(v: JsonValue, end: number) {
    const top = this.stack.length ? this.stack[this.stack.length - 1] : null;
    if (!top) {
      this.root = v;
      this.state = S.Done;
      return;
    }
    if (top.arr) {
      if (top.stream !== null) {
        this.opts.onElement?.(top.stream, v, this.elemStart, end);
        this.elemStart = -1;
      } else (top.value as JsonValue[]).push(v);
      top.count++;
    } else {
      const key = top.key as string;
      const obj = top.value as JsonObject;
      if (key === '__proto__') Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
      else {
        // values are never undefined, so an own property that is not undefined is a repeated key
        if (obj[key] !== undefined && Object.prototype.hasOwnProperty.call(obj, key)) throw new JsonError(`duplicate key "${key}"`, end);
        obj[key] = v;
      }
      top.key = null;
      if (this.stack.length === 1) this.opts.onTopLevel?.(key, v);
    }
    this.state = S.After;
  }

  private open(arr: boolean, at: number) {
    if (this.stack.length >= MAX_DEPTH) throw new JsonError(`arrays and objects nested more than ${MAX_DEPTH} deep`, at, 'depth');
    const top = this.stack.length ? this.stack[this.stack.length - 1] : null;
    let stream: string | null = null;
    if (arr && top && !top.arr && this.stack.length === 1 && this.streamKeys.has(top.key as string)) {
      stream = top.key as string;
      this.opts.onArrayStart?.(stream);
    }
    if (top && top.arr && top.stream !== null) this.elemStart = at;
    if (stream !== null && this.opts.binaryStreams) this.bin = true;
    this.stack.push({ arr, value: arr ? [] : {}, key: null, stream, count: 0 });
    this.state = arr ? S.Value : S.KeyOrEnd;
  }

  private close(arr: boolean, at: number) {
    const f = this.stack.pop() as Frame;
    if (f.arr !== arr) throw new JsonError(`unexpected "${arr ? ']' : '}'}"`, at);
    if (f.stream !== null) this.bin = false;
    if (!arr && f.key !== null) throw new JsonError('a key without a value', at);
    this.value(f.value, at + 1);
  }

  private beginScalar(at: number) {
    const top = this.stack.length ? this.stack[this.stack.length - 1] : null;
    if (top && top.arr && top.stream !== null) this.elemStart = at;
  }

  push(chunk: Uint8Array): void {
    let i = 0;
    const n = chunk.length;
    if (this.base + n > this.maxBytes) throw new JsonError(`the document is longer than the limit of ${this.maxBytes} bytes`, this.maxBytes, 'size');
    // a UTF-8 byte-order mark at the very start is skipped (it may arrive split over chunks)
    while (this.bom >= 0 && i < n) {
      if (chunk[i] === BOM[this.bom]) {
        i++;
        this.bom++;
        if (this.bom === 3) this.bom = -1;
      } else if (this.bom === 0) this.bom = -1;
      else throw new JsonError('invalid byte-order mark', this.base + i, 'bom');
    }
    while (i < n) {
      const st = this.state;
      if (st === S.Str) {
        i = this.string(chunk, i, i);
        continue;
      }
      if (st === S.Num) {
        const c = chunk[i];
        if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45) {
          this.nbuf += String.fromCharCode(c);
          i++;
          continue;
        }
        this.finishNumber(this.base + i);
        continue;
      }
      if (st === S.Lit) {
        const c = chunk[i];
        if (c !== this.lit.charCodeAt(this.litPos)) throw new JsonError('invalid literal', this.base + i);
        this.litPos++;
        i++;
        if (this.litPos === this.lit.length) {
          this.value(this.lit === 'true' ? true : this.lit === 'false' ? false : null, this.base + i);
        }
        continue;
      }
      const c = chunk[i];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        i++;
        continue;
      }
      const at = this.base + i;
      if (c === 0xef && !(st === S.Done && this.opts.allowTrailing)) throw new JsonError('a byte-order mark (or other stray byte 0xEF) after the start of the document', at, 'bom');
      switch (st) {
        case S.Value:
          if (c === 0x7b) this.open(false, at);
          else if (c === 0x5b) this.open(true, at);
          else if (c === 0x22) {
            this.beginScalar(at);
            this.sIsKey = false;
            this.state = S.Str;
            i = this.string(chunk, i + 1, i + 1);
            continue;
          } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
            this.beginScalar(at);
            this.state = S.Num;
            this.nbuf = String.fromCharCode(c);
          } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
            this.beginScalar(at);
            this.state = S.Lit;
            this.lit = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
            this.litPos = 1;
          } else if (c === 0x5d && this.stack.length && this.stack[this.stack.length - 1].arr && this.stack[this.stack.length - 1].count === 0) {
            this.close(true, at);
          } else throw new JsonError(`unexpected character "${String.fromCharCode(c)}"`, at);
          i++;
          break;
        case S.KeyOrEnd:
        case S.Key:
          if (c === 0x22) {
            this.sIsKey = true;
            this.state = S.Str;
            i = this.string(chunk, i + 1, i + 1);
            continue;
          }
          if (c === 0x7d && st === S.KeyOrEnd) {
            this.close(false, at);
            i++;
            break;
          }
          throw new JsonError('expected a key', at);
        case S.Colon:
          if (c !== 0x3a) throw new JsonError('expected ":"', at);
          this.state = S.Value;
          i++;
          break;
        case S.After: {
          const top = this.stack[this.stack.length - 1];
          if (c === 0x2c) this.state = top.arr ? S.Value : S.Key;
          else if (c === 0x5d && top.arr) this.close(true, at);
          else if (c === 0x7d && !top.arr) this.close(false, at);
          else throw new JsonError(`unexpected character "${String.fromCharCode(c)}"`, at);
          i++;
          break;
        }
        case S.Done:
          if (this.opts.allowTrailing) {
            this.base += n;
            return;
          }
          throw new JsonError('data after the end of the document', at);
        default:
          throw new JsonError('parser state', at);
      }
    }
    this.base += n;
  }

  /** Continue a string from position i of chunk; returns the next position. */
  private string(chunk: Uint8Array, i: number, start: number): number {
    const n = chunk.length;
    if (this.slen === 0 && this.esc === 0 && this.hiSurrogate < 0) {
      // fast path: the whole string inside this chunk without escapes
      let ascii = true;
      let j = i;
      let run = 0; // EF BB BF matched so far: a byte-order mark inside a string is an error too (SPEC §10)
      for (; j < n; j++) {
        const c = chunk[j];
        if (c === 0x22 || c === 0x5c || c < 0x20) break;
        if (c >= 0x80) {
          ascii = false;
          run = c === BOM[run] ? run + 1 : c === 0xef ? 1 : 0;
          if (run === 3) throw new JsonError('a byte-order mark inside a string', this.base + j - 2, 'bom');
        } else run = 0;
      }
      this.bomRun = run;
      if (j < n && chunk[j] === 0x22) {
        const s = decodeRange(chunk, start, j, ascii, this.bin);
        this.endString(s, this.base + j + 1);
        return j + 1;
      }
      // copy what we have and continue slowly
      for (let k = i; k < j; k++) this.sPush(chunk[k]);
      if (!ascii) this.sAscii = false;
      i = j;
    }
    for (; i < n; i++) {
      const c = chunk[i];
      if (this.esc === 0) {
        if (c === 0x22) {
          if (this.hiSurrogate >= 0) throw new JsonError('lone surrogate in a string', this.base + i);
          const s = decodeRange(this.sbuf, 0, this.slen, this.sAscii, this.bin);
          this.slen = 0;
          this.sAscii = true;
          this.endString(s, this.base + i + 1);
          return i + 1;
        }
        if (c === 0x5c) {
          this.esc = 1;
          this.bomRun = 0;
          continue;
        }
        if (c < 0x20) throw new JsonError('control character in a string', this.base + i);
        if (this.hiSurrogate >= 0) throw new JsonError('lone surrogate in a string', this.base + i);
        if (c >= 0x80) {
          this.sAscii = false;
          const r = this.bomRun;
          this.bomRun = c === BOM[r] ? r + 1 : c === 0xef ? 1 : 0;
          if (this.bomRun === 3) throw new JsonError('a byte-order mark inside a string', this.base + i - 2, 'bom');
        } else this.bomRun = 0;
        this.sPush(c);
      } else if (this.esc === 1) {
        let ch = -1;
        switch (c) {
          case 0x22: ch = 0x22; break;
          case 0x5c: ch = 0x5c; break;
          case 0x2f: ch = 0x2f; break;
          case 0x62: ch = 8; break;
          case 0x66: ch = 12; break;
          case 0x6e: ch = 10; break;
          case 0x72: ch = 13; break;
          case 0x74: ch = 9; break;
          case 0x75:
            this.esc = 2;
            this.uAcc = 0;
            continue;
          default:
            throw new JsonError('invalid escape in a string', this.base + i);
        }
        if (this.hiSurrogate >= 0) throw new JsonError('lone surrogate in a string', this.base + i);
        this.sPush(ch);
        this.esc = 0;
      } else {
        const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
        if (d < 0) throw new JsonError('invalid \\u escape', this.base + i);
        this.uAcc = this.uAcc * 16 + d;
        this.esc++;
        if (this.esc === 6) {
          this.esc = 0;
          const u = this.uAcc;
          if (u >= 0xd800 && u <= 0xdbff) {
            if (this.hiSurrogate >= 0) throw new JsonError('lone surrogate in a string', this.base + i);
            this.hiSurrogate = u;
          } else if (u >= 0xdc00 && u <= 0xdfff) {
            if (this.hiSurrogate < 0) throw new JsonError('lone surrogate in a string', this.base + i);
            this.sPushCode(0x10000 + ((this.hiSurrogate - 0xd800) << 10) + (u - 0xdc00));
            this.hiSurrogate = -1;
          } else {
            if (this.hiSurrogate >= 0) throw new JsonError('lone surrogate in a string', this.base + i);
            this.sPushCode(u);
          }
        }
      }
    }
    return n;
  }

  private endString(s: string, end: number) {
    if (this.sIsKey) {
      const top = this.stack[this.stack.length - 1];
      top.key = s;
      this.state = S.Colon;
    } else this.value(s, end);
  }

  private finishNumber(end: number) {
    const t = this.nbuf;
    if (!NUMBER_RE.test(t)) throw new JsonError(`invalid number "${t}"`, end - t.length);
    let v: number | bigint;
    if (/^-?[0-9]+$/.test(t)) {
      if (t.length <= 15) v = Number(t);
      else {
        const b = BigInt(t);
        v = b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
      }
    } else v = Number(t);
    this.value(v, end);
  }

  /** The end of the input: returns the document (streamed arrays are left empty). */
  end(): JsonValue {
    if (this.state === S.Num) this.finishNumber(this.base);
    if (this.state !== S.Done) throw new JsonError('the document ends too early (truncated file?)', this.base);
    return this.root as JsonValue;
  }
}

/** Parse a whole document held in memory. */
export function parseJson(bytes: Uint8Array | string): JsonValue {
  const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const p = new JsonStreamParser();
  p.push(b);
  return p.end();
}

/** The first JSON value of some bytes, ignoring whatever follows it. */
export function parseFirst(bytes: Uint8Array): JsonValue {
  const p = new JsonStreamParser({ allowTrailing: true });
  p.push(bytes);
  return p.end();
}

/** Line and column (1-based) of a byte offset, for error messages about a document held in memory. */
export function lineCol(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < Math.min(offset, bytes.length); i++)
    if (bytes[i] === 0x0a) {
      line++;
      last = i;
    }
  return { line, col: offset - last };
}
