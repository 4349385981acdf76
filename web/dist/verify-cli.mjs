#!/usr/bin/env node
// Built by web/build.mjs from web/src (the code of dist/verify.html); do not edit.

// src/cli.ts
import { openAsBlob, statSync as statSync2 } from "node:fs";
import { fileURLToPath } from "node:url";

// src/nodeCompact.ts
import { availableParallelism } from "node:os";
import { inflateRaw } from "node:zlib";
import { Worker, isMainThread, parentPort } from "node:worker_threads";

// src/json.ts
var JsonError = class extends Error {
  constructor(message, offset, rule = "syntax") {
    super(message);
    this.offset = offset;
    this.rule = rule;
  }
  offset;
  rule;
};
var MAX_DEPTH = 64;
var MAX_PROOF_BYTES = 256 * 1024 * 1024;
var MAX_SNAPSHOT_BYTES = 8 * 1024 * 1024 * 1024;
function sizeProblem(size, max) {
  return size > max ? new JsonError(`the file is ${size} bytes; the limit is ${max} (${max >= 1 << 30 ? max / (1 << 30) + " GiB" : max / (1 << 20) + " MiB"})`, max, "size") : null;
}
var utf8dec = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function decodeRange(b, start, end, ascii2, binary) {
  if (ascii2 || binary) {
    if (!ascii2 && !validUtf8(b, start, end)) throw new JsonError("invalid UTF-8 in a string", start);
    if (end - start < 16) {
      let s2 = "";
      for (let i = start; i < end; i++) s2 += String.fromCharCode(b[i]);
      return s2;
    }
    let s = "";
    for (let i = start; i < end; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, Math.min(end, i + 8192)));
    return s;
  }
  try {
    return utf8dec.decode(b.subarray(start, end));
  } catch {
    throw new JsonError("invalid UTF-8 in a string", start);
  }
}
function validUtf8(b, start, end) {
  let i = start;
  while (i < end) {
    const c = b[i];
    if (c < 128) {
      i++;
      continue;
    }
    let n;
    let min;
    let cp;
    if (c >= 194 && c <= 223) {
      n = 1;
      min = 128;
      cp = c & 31;
    } else if (c >= 224 && c <= 239) {
      n = 2;
      min = 2048;
      cp = c & 15;
    } else if (c >= 240 && c <= 244) {
      n = 3;
      min = 65536;
      cp = c & 7;
    } else return false;
    if (i + n >= end) return false;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if ((d & 192) !== 128) return false;
      cp = cp << 6 | d & 63;
    }
    if (cp < min || cp > 1114111 || cp >= 55296 && cp <= 57343) return false;
    i += n + 1;
  }
  return true;
}
var BOM = [239, 187, 191];
var NUMBER_RE = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;
var JsonStreamParser = class {
  constructor(opts = {}) {
    this.opts = opts;
    this.streamKeys = new Set(opts.streamKeys ?? []);
    this.maxBytes = opts.maxBytes ?? MAX_PROOF_BYTES;
  }
  opts;
  state = 0 /* Value */;
  stack = [];
  root = void 0;
  base = 0;
  // file offset of the current chunk's first byte
  sbuf = new Uint8Array(256);
  slen = 0;
  sAscii = true;
  sIsKey = false;
  esc = 0;
  // 0: none, 1: after backslash, 2..5: \u digits collected = esc-2
  uAcc = 0;
  hiSurrogate = -1;
  nbuf = "";
  lit = "";
  litPos = 0;
  elemStart = -1;
  streamKeys;
  bom = 0;
  // bytes of a byte-order mark seen; -1 once past the start
  bin = false;
  // inside a streamed array with binaryStreams
  bomRun = 0;
  // bytes of EF BB BF matched in a string's raw bytes (a BOM inside the document is an error)
  maxBytes;
  /** Bytes consumed so far. */
  get offset() {
    return this.base;
  }
  sPush(b) {
    if (this.slen === this.sbuf.length) {
      const nb = new Uint8Array(this.sbuf.length * 2);
      nb.set(this.sbuf);
      this.sbuf = nb;
    }
    this.sbuf[this.slen++] = b;
  }
  sPushCode(cp) {
    if (cp < 128) this.sPush(cp);
    else {
      this.sAscii = false;
      if (cp < 2048) {
        this.sPush(192 | cp >> 6);
        this.sPush(128 | cp & 63);
      } else if (cp < 65536) {
        this.sPush(224 | cp >> 12);
        this.sPush(128 | cp >> 6 & 63);
        this.sPush(128 | cp & 63);
      } else {
        this.sPush(240 | cp >> 18);
        this.sPush(128 | cp >> 12 & 63);
        this.sPush(128 | cp >> 6 & 63);
        this.sPush(128 | cp & 63);
      }
    }
  }
  /** A complete value at the current position. */
  value(v, end) {
    const top = this.stack.length ? this.stack[this.stack.length - 1] : null;
    if (!top) {
      this.root = v;
      this.state = 8 /* Done */;
      return;
    }
    if (top.arr) {
      if (top.stream !== null) {
        this.opts.onElement?.(top.stream, v, this.elemStart, end);
        this.elemStart = -1;
      } else top.value.push(v);
      top.count++;
    } else {
      const key = top.key;
      const obj2 = top.value;
      if (key === "__proto__") Object.defineProperty(obj2, key, { value: v, enumerable: true, writable: true, configurable: true });
      else {
        if (obj2[key] !== void 0 && Object.prototype.hasOwnProperty.call(obj2, key)) throw new JsonError(`duplicate key "${key}"`, end);
        obj2[key] = v;
      }
      top.key = null;
      if (this.stack.length === 1) this.opts.onTopLevel?.(key, v);
    }
    this.state = 4 /* After */;
  }
  open(arr2, at) {
    if (this.stack.length >= MAX_DEPTH) throw new JsonError(`arrays and objects nested more than ${MAX_DEPTH} deep`, at, "depth");
    const top = this.stack.length ? this.stack[this.stack.length - 1] : null;
    let stream = null;
    if (arr2 && top && !top.arr && this.stack.length === 1 && this.streamKeys.has(top.key)) {
      stream = top.key;
      this.opts.onArrayStart?.(stream);
    }
    if (top && top.arr && top.stream !== null) this.elemStart = at;
    if (stream !== null && this.opts.binaryStreams) this.bin = true;
    this.stack.push({ arr: arr2, value: arr2 ? [] : {}, key: null, stream, count: 0 });
    this.state = arr2 ? 0 /* Value */ : 1 /* KeyOrEnd */;
  }
  close(arr2, at) {
    const f = this.stack.pop();
    if (f.arr !== arr2) throw new JsonError(`unexpected "${arr2 ? "]" : "}"}"`, at);
    if (f.stream !== null) this.bin = false;
    if (!arr2 && f.key !== null) throw new JsonError("a key without a value", at);
    this.value(f.value, at + 1);
  }
  beginScalar(at) {
    const top = this.stack.length ? this.stack[this.stack.length - 1] : null;
    if (top && top.arr && top.stream !== null) this.elemStart = at;
  }
  push(chunk) {
    let i = 0;
    const n = chunk.length;
    if (this.base + n > this.maxBytes) throw new JsonError(`the document is longer than the limit of ${this.maxBytes} bytes`, this.maxBytes, "size");
    while (this.bom >= 0 && i < n) {
      if (chunk[i] === BOM[this.bom]) {
        i++;
        this.bom++;
        if (this.bom === 3) this.bom = -1;
      } else if (this.bom === 0) this.bom = -1;
      else throw new JsonError("invalid byte-order mark", this.base + i, "bom");
    }
    while (i < n) {
      const st = this.state;
      if (st === 5 /* Str */) {
        i = this.string(chunk, i, i);
        continue;
      }
      if (st === 6 /* Num */) {
        const c2 = chunk[i];
        if (c2 >= 48 && c2 <= 57 || c2 === 45 || c2 === 43 || c2 === 46 || c2 === 101 || c2 === 69) {
          this.nbuf += String.fromCharCode(c2);
          i++;
          continue;
        }
        this.finishNumber(this.base + i);
        continue;
      }
      if (st === 7 /* Lit */) {
        const c2 = chunk[i];
        if (c2 !== this.lit.charCodeAt(this.litPos)) throw new JsonError("invalid literal", this.base + i);
        this.litPos++;
        i++;
        if (this.litPos === this.lit.length) {
          this.value(this.lit === "true" ? true : this.lit === "false" ? false : null, this.base + i);
        }
        continue;
      }
      const c = chunk[i];
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        i++;
        continue;
      }
      const at = this.base + i;
      if (c === 239 && !(st === 8 /* Done */ && this.opts.allowTrailing)) throw new JsonError("a byte-order mark (or other stray byte 0xEF) after the start of the document", at, "bom");
      switch (st) {
        case 0 /* Value */:
          if (c === 123) this.open(false, at);
          else if (c === 91) this.open(true, at);
          else if (c === 34) {
            this.beginScalar(at);
            this.sIsKey = false;
            this.state = 5 /* Str */;
            i = this.string(chunk, i + 1, i + 1);
            continue;
          } else if (c === 45 || c >= 48 && c <= 57) {
            this.beginScalar(at);
            this.state = 6 /* Num */;
            this.nbuf = String.fromCharCode(c);
          } else if (c === 116 || c === 102 || c === 110) {
            this.beginScalar(at);
            this.state = 7 /* Lit */;
            this.lit = c === 116 ? "true" : c === 102 ? "false" : "null";
            this.litPos = 1;
          } else if (c === 93 && this.stack.length && this.stack[this.stack.length - 1].arr && this.stack[this.stack.length - 1].count === 0) {
            this.close(true, at);
          } else throw new JsonError(`unexpected character "${String.fromCharCode(c)}"`, at);
          i++;
          break;
        case 1 /* KeyOrEnd */:
        case 2 /* Key */:
          if (c === 34) {
            this.sIsKey = true;
            this.state = 5 /* Str */;
            i = this.string(chunk, i + 1, i + 1);
            continue;
          }
          if (c === 125 && st === 1 /* KeyOrEnd */) {
            this.close(false, at);
            i++;
            break;
          }
          throw new JsonError("expected a key", at);
        case 3 /* Colon */:
          if (c !== 58) throw new JsonError('expected ":"', at);
          this.state = 0 /* Value */;
          i++;
          break;
        case 4 /* After */: {
          const top = this.stack[this.stack.length - 1];
          if (c === 44) this.state = top.arr ? 0 /* Value */ : 2 /* Key */;
          else if (c === 93 && top.arr) this.close(true, at);
          else if (c === 125 && !top.arr) this.close(false, at);
          else throw new JsonError(`unexpected character "${String.fromCharCode(c)}"`, at);
          i++;
          break;
        }
        case 8 /* Done */:
          if (this.opts.allowTrailing) {
            this.base += n;
            return;
          }
          throw new JsonError("data after the end of the document", at);
        default:
          throw new JsonError("parser state", at);
      }
    }
    this.base += n;
  }
  /** Continue a string from position i of chunk; returns the next position. */
  string(chunk, i, start) {
    const n = chunk.length;
    if (this.slen === 0 && this.esc === 0 && this.hiSurrogate < 0) {
      let ascii2 = true;
      let j = i;
      let run = 0;
      for (; j < n; j++) {
        const c = chunk[j];
        if (c === 34 || c === 92 || c < 32) break;
        if (c >= 128) {
          ascii2 = false;
          run = c === BOM[run] ? run + 1 : c === 239 ? 1 : 0;
          if (run === 3) throw new JsonError("a byte-order mark inside a string", this.base + j - 2, "bom");
        } else run = 0;
      }
      this.bomRun = run;
      if (j < n && chunk[j] === 34) {
        const s = decodeRange(chunk, start, j, ascii2, this.bin);
        this.endString(s, this.base + j + 1);
        return j + 1;
      }
      for (let k = i; k < j; k++) this.sPush(chunk[k]);
      if (!ascii2) this.sAscii = false;
      i = j;
    }
    for (; i < n; i++) {
      const c = chunk[i];
      if (this.esc === 0) {
        if (c === 34) {
          if (this.hiSurrogate >= 0) throw new JsonError("lone surrogate in a string", this.base + i);
          const s = decodeRange(this.sbuf, 0, this.slen, this.sAscii, this.bin);
          this.slen = 0;
          this.sAscii = true;
          this.endString(s, this.base + i + 1);
          return i + 1;
        }
        if (c === 92) {
          this.esc = 1;
          this.bomRun = 0;
          continue;
        }
        if (c < 32) throw new JsonError("control character in a string", this.base + i);
        if (this.hiSurrogate >= 0) throw new JsonError("lone surrogate in a string", this.base + i);
        if (c >= 128) {
          this.sAscii = false;
          const r = this.bomRun;
          this.bomRun = c === BOM[r] ? r + 1 : c === 239 ? 1 : 0;
          if (this.bomRun === 3) throw new JsonError("a byte-order mark inside a string", this.base + i - 2, "bom");
        } else this.bomRun = 0;
        this.sPush(c);
      } else if (this.esc === 1) {
        let ch = -1;
        switch (c) {
          case 34:
            ch = 34;
            break;
          case 92:
            ch = 92;
            break;
          case 47:
            ch = 47;
            break;
          case 98:
            ch = 8;
            break;
          case 102:
            ch = 12;
            break;
          case 110:
            ch = 10;
            break;
          case 114:
            ch = 13;
            break;
          case 116:
            ch = 9;
            break;
          case 117:
            this.esc = 2;
            this.uAcc = 0;
            continue;
          default:
            throw new JsonError("invalid escape in a string", this.base + i);
        }
        if (this.hiSurrogate >= 0) throw new JsonError("lone surrogate in a string", this.base + i);
        this.sPush(ch);
        this.esc = 0;
      } else {
        const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
        if (d < 0) throw new JsonError("invalid \\u escape", this.base + i);
        this.uAcc = this.uAcc * 16 + d;
        this.esc++;
        if (this.esc === 6) {
          this.esc = 0;
          const u = this.uAcc;
          if (u >= 55296 && u <= 56319) {
            if (this.hiSurrogate >= 0) throw new JsonError("lone surrogate in a string", this.base + i);
            this.hiSurrogate = u;
          } else if (u >= 56320 && u <= 57343) {
            if (this.hiSurrogate < 0) throw new JsonError("lone surrogate in a string", this.base + i);
            this.sPushCode(65536 + (this.hiSurrogate - 55296 << 10) + (u - 56320));
            this.hiSurrogate = -1;
          } else {
            if (this.hiSurrogate >= 0) throw new JsonError("lone surrogate in a string", this.base + i);
            this.sPushCode(u);
          }
        }
      }
    }
    return n;
  }
  endString(s, end) {
    if (this.sIsKey) {
      const top = this.stack[this.stack.length - 1];
      top.key = s;
      this.state = 3 /* Colon */;
    } else this.value(s, end);
  }
  finishNumber(end) {
    const t2 = this.nbuf;
    if (!NUMBER_RE.test(t2)) throw new JsonError(`invalid number "${t2}"`, end - t2.length);
    let v;
    if (/^-?[0-9]+$/.test(t2)) {
      if (t2.length <= 15) v = Number(t2);
      else {
        const b = BigInt(t2);
        v = b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
      }
    } else v = Number(t2);
    this.value(v, end);
  }
  /** The end of the input: returns the document (streamed arrays are left empty). */
  end() {
    if (this.state === 6 /* Num */) this.finishNumber(this.base);
    if (this.state !== 8 /* Done */) throw new JsonError("the document ends too early (truncated file?)", this.base);
    return this.root;
  }
};
function parseJson(bytes) {
  const b = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  const p = new JsonStreamParser();
  p.push(b);
  return p.end();
}
function parseFirst(bytes) {
  const p = new JsonStreamParser({ allowTrailing: true });
  p.push(bytes);
  return p.end();
}
function lineCol(bytes, offset) {
  let line = 1;
  let last = -1;
  for (let i = 0; i < Math.min(offset, bytes.length); i++)
    if (bytes[i] === 10) {
      line++;
      last = i;
    }
  return { line, col: offset - last };
}

// src/text.ts
var t = (zh, en) => ({ zh, en });
function short(v, max = 200) {
  const s = typeof v === "string" ? v : JSON.stringify(v, (_k, x2) => typeof x2 === "bigint" ? x2.toString() : x2);
  if (s === void 0) return "undefined";
  return s.length > max ? s.slice(0, max) + "…" : s;
}

// src/compact.ts
var COMPACT_FORMAT = "dualdraw-public-snapshot-v2";
var COMPACT_MAGIC = "DDPSNAP2";
var COMPACT_END = "DDPSEND2";
var MAX_HEAD_BYTES = 256 * 1024 * 1024;
var MAX_RAW_BYTES = 64 * 1024 * 1024;
var INDEX_ENTRY = 58;
var TRAILER = 20;
var CompactError = class extends Error {
  constructor(what) {
    super(what.en);
    this.what = what;
  }
  what;
};
var blockName = (k) => t(`第 ${k} 块`, `block ${k}`);
function ascii(b, s, at = 0) {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
}
var u32At = (b, p) => (b[p] << 24 | b[p + 1] << 16 | b[p + 2] << 8 | b[p + 3]) >>> 0;
function u64At(b, p) {
  const hi = u32At(b, p);
  if (hi >= 2097152) return null;
  return hi * 4294967296 + u32At(b, p + 4);
}
async function snapshotKind(file) {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  return ascii(head, COMPACT_MAGIC) ? "compact" : "json";
}
var PIECE = 16 * 1024;
var inflateErrors = {
  bomb: (k, rawLen) => new CompactError(t(`公开名录${blockName(k).zh}解压后超过其标明的长度 raw_len = ${rawLen} 字节：已停止读取（文件损坏，或是“解压炸弹”）。`, `The public snapshot's ${blockName(k).en} inflates to more than its raw_len of ${rawLen} bytes: reading stopped (a damaged file, or a "deflate bomb").`)),
  notDeflate: (k, why) => new CompactError(t(`公开名录${blockName(k).zh}的压缩数据无法解压（不是有效的 raw DEFLATE 数据：${why}）。`, `The public snapshot's ${blockName(k).en} cannot be inflated (not valid raw DEFLATE data: ${why}).`)),
  junk: (k, extra) => new CompactError(t(`公开名录${blockName(k).zh}的压缩数据在 DEFLATE 数据流结束之后还有${extra === null ? "" : ` ${extra} 个`}字节。`, `The public snapshot's ${blockName(k).en} has ${extra === null ? "" : `${extra} `}bytes after the end of its DEFLATE stream.`)),
  size: (k, got, rawLen) => new CompactError(t(`公开名录${blockName(k).zh}解压后为 ${got} 字节，而其标明的长度 raw_len 为 ${rawLen} 字节。`, `The public snapshot's ${blockName(k).en} inflates to ${got} bytes, but its raw_len says ${rawLen}.`))
};
var inflater = null;
function setInflater(f) {
  inflater = f;
}
function inflateInto(stored, rawLen, out, k) {
  return (inflater ?? streamInflate)(stored, rawLen, out, k);
}
function inflateProblem() {
  if (inflater) return null;
  if (typeof DecompressionStream !== "function")
    return t("本浏览器（或 node 版本）没有 DecompressionStream，无法解压紧凑格式的公开名录：请使用较新的 Chrome、Edge、Firefox（113 以上）、Safari（16.4 以上）或 node 20 以上，或改用 JSON 格式的公开名录（public-snapshot.json）。", "This browser (or node) has no DecompressionStream, so it cannot inflate a compact public snapshot: use a current Chrome, Edge, Firefox (113+), Safari (16.4+) or node 20+, or the JSON public snapshot (public-snapshot.json).");
  try {
    new DecompressionStream("deflate-raw");
  } catch {
    return t("本浏览器的 DecompressionStream 不支持 deflate-raw 格式，无法解压紧凑格式的公开名录：请使用较新的浏览器或 node 20 以上，或改用 JSON 格式的公开名录。", "This browser's DecompressionStream does not support 'deflate-raw', so it cannot inflate a compact public snapshot: use a current browser or node 20+, or the JSON public snapshot.");
  }
  return null;
}
async function streamRun(stored, max, out) {
  const ds = new DecompressionStream("deflate-raw");
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const pump = (async () => {
    for (let off = 0; off < stored.length; off += PIECE) await writer.write(stored.subarray(off, Math.min(stored.length, off + PIECE)));
    await writer.close();
  })();
  pump.catch(() => {
  });
  let got = 0;
  for (; ; ) {
    const { value, done } = await reader.read();
    if (done) break;
    if (got + value.length > max) {
      reader.cancel().catch(() => {
      });
      return -1;
    }
    out?.set(value, got);
    got += value.length;
  }
  await pump;
  return got;
}
var junkPasses = null;
function junkProbe() {
  junkPasses ??= streamRun(new Uint8Array([75, 4, 0, 0]), 16, null).then(
    (n) => n === 1,
    () => false
  );
  return junkPasses;
}
async function streamInflate(stored, rawLen, out, k) {
  const missing = inflateProblem();
  if (missing) throw new CompactError(missing);
  let got;
  try {
    got = await streamRun(stored, rawLen, out);
  } catch (e) {
    const m = String(e?.message ?? e);
    throw /junk/i.test(m) ? inflateErrors.junk(k, null) : inflateErrors.notDeflate(k, m);
  }
  if (got < 0) throw inflateErrors.bomb(k, rawLen);
  if (got !== rawLen) throw inflateErrors.size(k, got, rawLen);
  if (stored.length > 0 && await junkProbe()) {
    let whole = false;
    try {
      whole = await streamRun(stored.subarray(0, stored.length - 1), rawLen, null) === rawLen;
    } catch {
      whole = false;
    }
    if (whole) throw inflateErrors.junk(k, null);
  }
}
var BlobCursor = class {
  constructor(file, chunk = 4 << 20) {
    this.file = file;
    this.chunk = chunk;
  }
  file;
  chunk;
  buf = new Uint8Array(0);
  at = 0;
  readMs = 0;
  /** bytes [pos, pos + len) when they are in the slice already read, else null (no waiting) */
  peek(pos, len) {
    return pos >= this.at && pos + len <= this.at + this.buf.length ? this.buf.subarray(pos - this.at, pos - this.at + len) : null;
  }
  /** bytes [pos, pos + len) of the file; a view that stays valid (each slice is its own memory) */
  async read(pos, len) {
    const have = this.peek(pos, len);
    if (have) return have;
    const t0 = Date.now();
    const end = Math.min(this.file.size, pos + Math.max(len, this.chunk));
    this.buf = new Uint8Array(await this.file.slice(pos, end).arrayBuffer());
    this.readMs += Date.now() - t0;
    this.at = pos;
    if (this.buf.length < len) throw new CompactError(t("公开名录文件在读取中途结束（文件被截断？）。", "The public snapshot ends early (truncated?)."));
    return this.buf.subarray(0, len);
  }
};
async function readFraming(file) {
  const size = file.size;
  const start = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  if (!ascii(start, COMPACT_MAGIC)) throw new CompactError(t("这不是紧凑格式的公开名录（文件开头不是 DDPSNAP2）。", "This is not a compact public snapshot (it does not start with DDPSNAP2)."));
  if (size < 12 + TRAILER) throw new CompactError(t(`紧凑格式的公开名录只有 ${size} 字节，不完整（文件被截断）。`, `The compact public snapshot has only ${size} bytes: it is incomplete (truncated).`));
  const headLen = u32At(start, 8);
  if (headLen > MAX_HEAD_BYTES) throw new JsonError(`the compact snapshot's head is ${headLen} bytes; the limit is 256 MiB`, 8, "size");
  const tr = new Uint8Array(await file.slice(size - TRAILER, size).arrayBuffer());
  if (!ascii(tr, COMPACT_END, 12))
    throw new CompactError(t("紧凑格式的公开名录没有以结束标记 DDPSEND2 结尾：文件被截断，或在结尾之后多出了字节。", "The compact public snapshot does not end with its trailer (DDPSEND2): the file is truncated, or has bytes after the trailer."));
  const indexAt = u64At(tr, 0);
  const blocks = u32At(tr, 8);
  if (indexAt === null || indexAt < 12 + headLen || indexAt + INDEX_ENTRY * blocks + TRAILER !== size)
    throw new CompactError(t(`紧凑格式的公开名录的结尾记录不对：索引位置 ${indexAt ?? "（过大）"} 加上 ${blocks} 个块的索引（每个 58 字节）和 20 字节的结尾，与文件长度 ${size} 字节不符（文件被截断或改动过）。`, `The compact public snapshot's trailer is wrong: the index at ${indexAt ?? "(too large)"} plus ${blocks} index entries of 58 bytes and the 20-byte trailer do not end at the file's size, ${size} bytes (truncated or edited).`));
  return { headLen, indexAt, blocks };
}
var storedBound = (rawLen) => rawLen + Math.floor(rawLen / 1024) + 1024;

// node_modules/@noble/hashes/_u64.js
var U32_MASK64 = /* @__PURE__ */ (() => BigInt(2 ** 32 - 1))();
var _32n = /* @__PURE__ */ BigInt(32);
function fromBig(n, le = false) {
  if (le)
    return { h: Number(n & U32_MASK64), l: Number(n >> _32n & U32_MASK64) };
  return { h: Number(n >> _32n & U32_MASK64) | 0, l: Number(n & U32_MASK64) | 0 };
}
function split(lst, le = false) {
  const len = lst.length;
  let Ah = new Uint32Array(len);
  let Al = new Uint32Array(len);
  for (let i = 0; i < len; i++) {
    const { h, l } = fromBig(lst[i], le);
    [Ah[i], Al[i]] = [h, l];
  }
  return [Ah, Al];
}
var fromNumH = (n) => n / 2 ** 32 | 0;
var fromNumL = (n) => n >>> 0;
function setU64FromNum(view, byteOffset, n, isLE3) {
  const h = fromNumH(n);
  const l = fromNumL(n);
  view.setUint32(byteOffset, isLE3 ? l : h, isLE3);
  view.setUint32(byteOffset + 4, isLE3 ? h : l, isLE3);
}
var shrSH = (h, _l, s) => h >>> s;
var shrSL = (h, l, s) => h << 32 - s | l >>> s;
var rotrSH = (h, l, s) => h >>> s | l << 32 - s;
var rotrSL = (h, l, s) => h << 32 - s | l >>> s;
var rotrBH = (h, l, s) => h << 64 - s | l >>> s - 32;
var rotrBL = (h, l, s) => h >>> s - 32 | l << 64 - s;
function add(Ah, Al, Bh, Bl) {
  const l = (Al >>> 0) + (Bl >>> 0);
  return { h: Ah + Bh + (l / 2 ** 32 | 0) | 0, l: l | 0 };
}
var add3L = (Al, Bl, Cl) => (Al >>> 0) + (Bl >>> 0) + (Cl >>> 0);
var add3H = (low, Ah, Bh, Ch) => Ah + Bh + Ch + (low / 2 ** 32 | 0) | 0;
var add4L = (Al, Bl, Cl, Dl) => (Al >>> 0) + (Bl >>> 0) + (Cl >>> 0) + (Dl >>> 0);
var add4H = (low, Ah, Bh, Ch, Dh) => Ah + Bh + Ch + Dh + (low / 2 ** 32 | 0) | 0;
var add5L = (Al, Bl, Cl, Dl, El) => (Al >>> 0) + (Bl >>> 0) + (Cl >>> 0) + (Dl >>> 0) + (El >>> 0);
var add5H = (low, Ah, Bh, Ch, Dh, Eh) => Ah + Bh + Ch + Dh + Eh + (low / 2 ** 32 | 0) | 0;

// node_modules/@noble/hashes/utils.js
function isBytes(a) {
  return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array" && "BYTES_PER_ELEMENT" in a && a.BYTES_PER_ELEMENT === 1;
}
var atitle = (title) => title ? `"${title}" ` : "";
function anumber(n, title = "") {
  if (typeof n !== "number")
    throw new TypeError(atitle(title) + "expected number, got " + typeof n);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(atitle(title) + "expected integer >= 0, got " + n);
  return n;
}
function abytes(value, length, title = "") {
  if (isBytes(value) && (length === void 0 || value.length === length))
    return value;
  if (length !== void 0)
    anumber(length, "length");
  const bytes = isBytes(value);
  const ofLen = length !== void 0 ? ` of length ${length}` : "";
  const got = bytes ? `length=${value.length}` : `type=${typeof value}`;
  const message = atitle(title) + "expected Uint8Array" + ofLen + ", got " + got;
  if (!bytes)
    throw new TypeError(message);
  throw new RangeError(message);
}
var aobject = (value, label) => {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new TypeError((label === "object" ? "" : `"${label}" `) + "expected object, got type=" + typeof value);
};
var aopts = (value, label) => {
  aobject(value, label);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null)
    throw new TypeError(`"${label}" expected plain object`);
  if (Object.hasOwn(value, "__proto__"))
    throw new TypeError(`"${label}.__proto__" is not allowed`);
};
function aexists(instance, checkFinished = true) {
  if (instance.destroyed)
    throw new Error("hash was destroyed");
  if (checkFinished && instance.finished)
    throw new Error("digest() was already called");
}
function aoutput(out, instance) {
  abytes(out, void 0, "output");
  const min = instance.outputLen;
  if (!(out.length >= min)) {
    throw new RangeError('"output" expected length >= ' + min);
  }
}
function clean(...arrays) {
  for (let i = 0; i < arrays.length; i++) {
    arrays[i].fill(0);
  }
}
function createView(arr2) {
  return new DataView(arr2.buffer, arr2.byteOffset, arr2.byteLength);
}
function rotr(word, shift) {
  return word << 32 - shift | word >>> shift;
}
var hasHexBuiltin = /* @__PURE__ */ (() => (
  // @ts-ignore
  typeof Uint8Array.from([]).toHex === "function" && typeof Uint8Array.fromHex === "function"
))();
var hexes = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
function bytesToHex(bytes) {
  abytes(bytes);
  if (hasHexBuiltin)
    return bytes.toHex();
  let hex = "";
  for (let i = 0; i < bytes.length; i++) {
    hex += hexes[bytes[i]];
  }
  return hex;
}
function asciiToBase16(ch) {
  return ch >= 48 && ch <= 57 ? ch - 48 : ch >= 65 && ch <= 70 ? ch - (65 - 10) : ch >= 97 && ch <= 102 ? ch - (97 - 10) : void 0;
}
function hexToBytes(hex) {
  if (typeof hex !== "string")
    throw new TypeError("hex string expected, got " + typeof hex);
  if (hasHexBuiltin) {
    try {
      return Uint8Array.fromHex(hex);
    } catch (error) {
      if (error instanceof SyntaxError)
        throw new RangeError(error.message);
      throw error;
    }
  }
  const hl = hex.length;
  const al = hl / 2;
  if (hl % 2)
    throw new RangeError("hex string expected, got unpadded hex of length " + hl);
  const array = new Uint8Array(al);
  for (let ai = 0, hi = 0; ai < al; ai++, hi += 2) {
    const n1 = asciiToBase16(hex.charCodeAt(hi));
    const n2 = asciiToBase16(hex.charCodeAt(hi + 1));
    if (n1 === void 0 || n2 === void 0) {
      const char = hex[hi] + hex[hi + 1];
      throw new RangeError('hex string expected, got non-hex character "' + char + '" at index ' + hi);
    }
    array[ai] = n1 * 16 + n2;
  }
  return array;
}
function concatBytes(...arrays) {
  let sum = 0;
  for (let i = 0; i < arrays.length; i++) {
    const a = arrays[i];
    abytes(a);
    sum += a.length;
  }
  const res = new Uint8Array(sum);
  for (let i = 0, pad = 0; i < arrays.length; i++) {
    const a = arrays[i];
    res.set(a, pad);
    pad += a.length;
  }
  return res;
}
function checkOpts(defaults, opts, title = "opts") {
  aopts(defaults, "defaults");
  if (opts !== void 0)
    aopts(opts, title);
  const merged = Object.assign(/* @__PURE__ */ Object.create(null), defaults, opts);
  return merged;
}
function createHasher(hashCons, info = {}) {
  if (typeof hashCons !== "function")
    throw new TypeError('"hashCons" expected function, got type=' + typeof hashCons);
  info = checkOpts({}, info, "info");
  const hashC = (msg, opts) => hashCons(opts).update(msg).digest();
  const tmp2 = hashCons(void 0);
  hashC.outputLen = tmp2.outputLen;
  hashC.blockLen = tmp2.blockLen;
  hashC.canXOF = tmp2.canXOF;
  hashC.create = (opts) => hashCons(opts);
  Object.assign(hashC, info);
  return Object.freeze(hashC);
}
function randomBytes(bytesLength = 32) {
  anumber(bytesLength, "bytesLength");
  const cr = typeof globalThis === "object" ? globalThis.crypto : null;
  if (typeof cr?.getRandomValues !== "function")
    throw new Error("crypto.getRandomValues must be defined");
  if (bytesLength > 65536)
    throw new RangeError(`"bytesLength" expected <= 65536, got ${bytesLength}`);
  return cr.getRandomValues(new Uint8Array(bytesLength));
}
var oidNist = (suffix) => ({
  // Current NIST hashAlgs suffixes used here fit in one DER subidentifier octet.
  // Larger suffix values would need base-128 OID encoding and a different length byte.
  oid: Uint8Array.from([6, 9, 96, 134, 72, 1, 101, 3, 4, 2, suffix])
});

// node_modules/@noble/hashes/_md.js
function Chi(a, b, c) {
  return a & b ^ ~a & c;
}
function Maj(a, b, c) {
  return a & b ^ a & c ^ b & c;
}
var HashMD = class {
  blockLen;
  outputLen;
  canXOF = false;
  padOffset;
  isLE;
  // For partial updates less than block size
  buffer;
  view;
  finished = false;
  length = 0;
  pos = 0;
  destroyed = false;
  constructor(blockLen, outputLen, padOffset, isLE3) {
    this.blockLen = blockLen;
    this.outputLen = outputLen;
    this.padOffset = padOffset;
    this.isLE = isLE3;
    this.buffer = new Uint8Array(blockLen);
    this.view = createView(this.buffer);
  }
  update(data) {
    aexists(this);
    abytes(data);
    const { view, buffer, blockLen } = this;
    const len = data.length;
    let processed = false;
    for (let pos = 0; pos < len; ) {
      const take = Math.min(blockLen - this.pos, len - pos);
      if (take === blockLen) {
        const dataView = createView(data);
        for (; blockLen <= len - pos; pos += blockLen)
          this.process(dataView, pos);
        processed = true;
        continue;
      }
      buffer.set(pos === 0 && take === len ? data : data.subarray(pos, pos + take), this.pos);
      this.pos += take;
      pos += take;
      if (this.pos === blockLen) {
        this.process(view, 0);
        this.pos = 0;
        processed = true;
      }
    }
    this.length += data.length;
    if (processed)
      this.roundClean();
    return this;
  }
  digestInto(out) {
    aexists(this);
    aoutput(out, this);
    this.finished = true;
    const { buffer, view, blockLen, isLE: isLE3 } = this;
    let { pos } = this;
    buffer[pos++] = 128;
    buffer.fill(0, pos);
    if (this.padOffset > blockLen - pos) {
      this.process(view, 0);
      buffer.fill(0);
    }
    setU64FromNum(view, blockLen - 8, this.length * 8, isLE3);
    this.process(view, 0);
    this.roundClean();
    const oview = out === buffer ? view : createView(out);
    const len = this.outputLen;
    const outLen = len / 4;
    const state = this.get();
    if (len % 4 || outLen > state.length)
      throw new Error("invalid outputLen");
    for (let i = 0; i < outLen; i++)
      oview.setUint32(4 * i, state[i], isLE3);
  }
  digest() {
    const { buffer, outputLen } = this;
    this.digestInto(buffer);
    const res = buffer.slice(0, outputLen);
    this.destroy();
    return res;
  }
  _cloneIntoMeta(to) {
    const { buffer, length, finished, destroyed, pos } = this;
    to.destroyed = destroyed;
    to.finished = finished;
    to.length = length;
    to.pos = pos;
    if (pos)
      to.buffer.set(buffer);
    return to;
  }
  clone() {
    return this._cloneInto();
  }
};
var SHA256_IV = /* @__PURE__ */ Uint32Array.from([
  1779033703,
  3144134277,
  1013904242,
  2773480762,
  1359893119,
  2600822924,
  528734635,
  1541459225
]);
var SHA512_IV = /* @__PURE__ */ Uint32Array.from([
  1779033703,
  4089235720,
  3144134277,
  2227873595,
  1013904242,
  4271175723,
  2773480762,
  1595750129,
  1359893119,
  2917565137,
  2600822924,
  725511199,
  528734635,
  4215389547,
  1541459225,
  327033209
]);

// node_modules/@noble/hashes/sha2.js
var SHA256_K = /* @__PURE__ */ Uint32Array.from([
  1116352408,
  1899447441,
  3049323471,
  3921009573,
  961987163,
  1508970993,
  2453635748,
  2870763221,
  3624381080,
  310598401,
  607225278,
  1426881987,
  1925078388,
  2162078206,
  2614888103,
  3248222580,
  3835390401,
  4022224774,
  264347078,
  604807628,
  770255983,
  1249150122,
  1555081692,
  1996064986,
  2554220882,
  2821834349,
  2952996808,
  3210313671,
  3336571891,
  3584528711,
  113926993,
  338241895,
  666307205,
  773529912,
  1294757372,
  1396182291,
  1695183700,
  1986661051,
  2177026350,
  2456956037,
  2730485921,
  2820302411,
  3259730800,
  3345764771,
  3516065817,
  3600352804,
  4094571909,
  275423344,
  430227734,
  506948616,
  659060556,
  883997877,
  958139571,
  1322822218,
  1537002063,
  1747873779,
  1955562222,
  2024104815,
  2227730452,
  2361852424,
  2428436474,
  2756734187,
  3204031479,
  3329325298
]);
var SHA256_W = /* @__PURE__ */ new Uint32Array(64);
var SHA2_32B = class extends HashMD {
  // We cannot use array here since array allows indexing by variable
  // which means optimizer/compiler cannot use registers.
  // Numeric initializers matter: starting the fields as `undefined` changes
  // V8's field representation and makes sha256 3x slower (measured).
  A = 0;
  B = 0;
  C = 0;
  D = 0;
  E = 0;
  F = 0;
  G = 0;
  H = 0;
  constructor(outputLen, IV3) {
    super(64, outputLen, 8, false);
    this.A = IV3[0] | 0;
    this.B = IV3[1] | 0;
    this.C = IV3[2] | 0;
    this.D = IV3[3] | 0;
    this.E = IV3[4] | 0;
    this.F = IV3[5] | 0;
    this.G = IV3[6] | 0;
    this.H = IV3[7] | 0;
  }
  get() {
    const { A, B, C, D, E, F, G, H: H2 } = this;
    return [A, B, C, D, E, F, G, H2];
  }
  // prettier-ignore
  set(A, B, C, D, E, F, G, H2) {
    this.A = A | 0;
    this.B = B | 0;
    this.C = C | 0;
    this.D = D | 0;
    this.E = E | 0;
    this.F = F | 0;
    this.G = G | 0;
    this.H = H2 | 0;
  }
  _cloneInto(to) {
    (to ||= new this.constructor()).set(...this.get());
    return this._cloneIntoMeta(to);
  }
  process(view, offset) {
    for (let i = 0; i < 16; i++, offset += 4)
      SHA256_W[i] = view.getUint32(offset, false);
    for (let i = 16; i < 64; i++) {
      const W15 = SHA256_W[i - 15];
      const W2 = SHA256_W[i - 2];
      const s0 = rotr(W15, 7) ^ rotr(W15, 18) ^ W15 >>> 3;
      const s1 = rotr(W2, 17) ^ rotr(W2, 19) ^ W2 >>> 10;
      SHA256_W[i] = s1 + SHA256_W[i - 7] + s0 + SHA256_W[i - 16] | 0;
    }
    let { A, B, C, D, E, F, G, H: H2 } = this;
    for (let i = 0; i < 64; i++) {
      const sigma1 = rotr(E, 6) ^ rotr(E, 11) ^ rotr(E, 25);
      const T12 = H2 + sigma1 + Chi(E, F, G) + SHA256_K[i] + SHA256_W[i] | 0;
      const sigma0 = rotr(A, 2) ^ rotr(A, 13) ^ rotr(A, 22);
      const T22 = sigma0 + Maj(A, B, C) | 0;
      H2 = G;
      G = F;
      F = E;
      E = D + T12 | 0;
      D = C;
      C = B;
      B = A;
      A = T12 + T22 | 0;
    }
    A = A + this.A | 0;
    B = B + this.B | 0;
    C = C + this.C | 0;
    D = D + this.D | 0;
    E = E + this.E | 0;
    F = F + this.F | 0;
    G = G + this.G | 0;
    H2 = H2 + this.H | 0;
    this.set(A, B, C, D, E, F, G, H2);
  }
  roundClean() {
    clean(SHA256_W);
  }
  destroy() {
    this.destroyed = true;
    this.set(0, 0, 0, 0, 0, 0, 0, 0);
    clean(this.buffer);
  }
};
var _SHA256 = class extends SHA2_32B {
  constructor() {
    super(32, SHA256_IV);
  }
};
var K512 = /* @__PURE__ */ (() => split([
  "0x428a2f98d728ae22",
  "0x7137449123ef65cd",
  "0xb5c0fbcfec4d3b2f",
  "0xe9b5dba58189dbbc",
  "0x3956c25bf348b538",
  "0x59f111f1b605d019",
  "0x923f82a4af194f9b",
  "0xab1c5ed5da6d8118",
  "0xd807aa98a3030242",
  "0x12835b0145706fbe",
  "0x243185be4ee4b28c",
  "0x550c7dc3d5ffb4e2",
  "0x72be5d74f27b896f",
  "0x80deb1fe3b1696b1",
  "0x9bdc06a725c71235",
  "0xc19bf174cf692694",
  "0xe49b69c19ef14ad2",
  "0xefbe4786384f25e3",
  "0x0fc19dc68b8cd5b5",
  "0x240ca1cc77ac9c65",
  "0x2de92c6f592b0275",
  "0x4a7484aa6ea6e483",
  "0x5cb0a9dcbd41fbd4",
  "0x76f988da831153b5",
  "0x983e5152ee66dfab",
  "0xa831c66d2db43210",
  "0xb00327c898fb213f",
  "0xbf597fc7beef0ee4",
  "0xc6e00bf33da88fc2",
  "0xd5a79147930aa725",
  "0x06ca6351e003826f",
  "0x142929670a0e6e70",
  "0x27b70a8546d22ffc",
  "0x2e1b21385c26c926",
  "0x4d2c6dfc5ac42aed",
  "0x53380d139d95b3df",
  "0x650a73548baf63de",
  "0x766a0abb3c77b2a8",
  "0x81c2c92e47edaee6",
  "0x92722c851482353b",
  "0xa2bfe8a14cf10364",
  "0xa81a664bbc423001",
  "0xc24b8b70d0f89791",
  "0xc76c51a30654be30",
  "0xd192e819d6ef5218",
  "0xd69906245565a910",
  "0xf40e35855771202a",
  "0x106aa07032bbd1b8",
  "0x19a4c116b8d2d0c8",
  "0x1e376c085141ab53",
  "0x2748774cdf8eeb99",
  "0x34b0bcb5e19b48a8",
  "0x391c0cb3c5c95a63",
  "0x4ed8aa4ae3418acb",
  "0x5b9cca4f7763e373",
  "0x682e6ff3d6b2b8a3",
  "0x748f82ee5defb2fc",
  "0x78a5636f43172f60",
  "0x84c87814a1f0ab72",
  "0x8cc702081a6439ec",
  "0x90befffa23631e28",
  "0xa4506cebde82bde9",
  "0xbef9a3f7b2c67915",
  "0xc67178f2e372532b",
  "0xca273eceea26619c",
  "0xd186b8c721c0c207",
  "0xeada7dd6cde0eb1e",
  "0xf57d4f7fee6ed178",
  "0x06f067aa72176fba",
  "0x0a637dc5a2c898a6",
  "0x113f9804bef90dae",
  "0x1b710b35131c471b",
  "0x28db77f523047d84",
  "0x32caab7b40c72493",
  "0x3c9ebe0a15c9bebc",
  "0x431d67c49c100d4c",
  "0x4cc5d4becb3e42b6",
  "0x597f299cfc657e2a",
  "0x5fcb6fab3ad6faec",
  "0x6c44198c4a475817"
].map((n) => BigInt(n))))();
var SHA512_Kh = /* @__PURE__ */ (() => K512[0])();
var SHA512_Kl = /* @__PURE__ */ (() => K512[1])();
var SHA512_W_H = /* @__PURE__ */ new Uint32Array(80);
var SHA512_W_L = /* @__PURE__ */ new Uint32Array(80);
var SHA2_64B = class extends HashMD {
  // We cannot use array here since array allows indexing by variable
  // which means optimizer/compiler cannot use registers.
  // h -- high 32 bits, l -- low 32 bits
  // Numeric initializers matter: starting the fields as `undefined` changes
  // V8's field representation and slows hashing down (measured on sha256).
  Ah = 0;
  Al = 0;
  Bh = 0;
  Bl = 0;
  Ch = 0;
  Cl = 0;
  Dh = 0;
  Dl = 0;
  Eh = 0;
  El = 0;
  Fh = 0;
  Fl = 0;
  Gh = 0;
  Gl = 0;
  Hh = 0;
  Hl = 0;
  constructor(outputLen, IV3) {
    super(128, outputLen, 16, false);
    this.Ah = IV3[0] | 0;
    this.Al = IV3[1] | 0;
    this.Bh = IV3[2] | 0;
    this.Bl = IV3[3] | 0;
    this.Ch = IV3[4] | 0;
    this.Cl = IV3[5] | 0;
    this.Dh = IV3[6] | 0;
    this.Dl = IV3[7] | 0;
    this.Eh = IV3[8] | 0;
    this.El = IV3[9] | 0;
    this.Fh = IV3[10] | 0;
    this.Fl = IV3[11] | 0;
    this.Gh = IV3[12] | 0;
    this.Gl = IV3[13] | 0;
    this.Hh = IV3[14] | 0;
    this.Hl = IV3[15] | 0;
  }
  // prettier-ignore
  get() {
    const { Ah, Al, Bh, Bl, Ch, Cl, Dh, Dl, Eh, El, Fh, Fl, Gh, Gl, Hh, Hl } = this;
    return [Ah, Al, Bh, Bl, Ch, Cl, Dh, Dl, Eh, El, Fh, Fl, Gh, Gl, Hh, Hl];
  }
  // prettier-ignore
  set(Ah, Al, Bh, Bl, Ch, Cl, Dh, Dl, Eh, El, Fh, Fl, Gh, Gl, Hh, Hl) {
    this.Ah = Ah | 0;
    this.Al = Al | 0;
    this.Bh = Bh | 0;
    this.Bl = Bl | 0;
    this.Ch = Ch | 0;
    this.Cl = Cl | 0;
    this.Dh = Dh | 0;
    this.Dl = Dl | 0;
    this.Eh = Eh | 0;
    this.El = El | 0;
    this.Fh = Fh | 0;
    this.Fl = Fl | 0;
    this.Gh = Gh | 0;
    this.Gl = Gl | 0;
    this.Hh = Hh | 0;
    this.Hl = Hl | 0;
  }
  _cloneInto(to) {
    (to ||= new this.constructor()).set(...this.get());
    return this._cloneIntoMeta(to);
  }
  process(view, offset) {
    for (let i = 0; i < 16; i++, offset += 4) {
      SHA512_W_H[i] = view.getUint32(offset);
      SHA512_W_L[i] = view.getUint32(offset += 4);
    }
    for (let i = 16; i < 80; i++) {
      const W15h = SHA512_W_H[i - 15] | 0;
      const W15l = SHA512_W_L[i - 15] | 0;
      const s0h = rotrSH(W15h, W15l, 1) ^ rotrSH(W15h, W15l, 8) ^ shrSH(W15h, W15l, 7);
      const s0l = rotrSL(W15h, W15l, 1) ^ rotrSL(W15h, W15l, 8) ^ shrSL(W15h, W15l, 7);
      const W2h = SHA512_W_H[i - 2] | 0;
      const W2l = SHA512_W_L[i - 2] | 0;
      const s1h = rotrSH(W2h, W2l, 19) ^ rotrBH(W2h, W2l, 61) ^ shrSH(W2h, W2l, 6);
      const s1l = rotrSL(W2h, W2l, 19) ^ rotrBL(W2h, W2l, 61) ^ shrSL(W2h, W2l, 6);
      const SUMl = add4L(s0l, s1l, SHA512_W_L[i - 7], SHA512_W_L[i - 16]);
      const SUMh = add4H(SUMl, s0h, s1h, SHA512_W_H[i - 7], SHA512_W_H[i - 16]);
      SHA512_W_H[i] = SUMh | 0;
      SHA512_W_L[i] = SUMl | 0;
    }
    let { Ah, Al, Bh, Bl, Ch, Cl, Dh, Dl, Eh, El, Fh, Fl, Gh, Gl, Hh, Hl } = this;
    for (let i = 0; i < 80; i++) {
      const sigma1h = rotrSH(Eh, El, 14) ^ rotrSH(Eh, El, 18) ^ rotrBH(Eh, El, 41);
      const sigma1l = rotrSL(Eh, El, 14) ^ rotrSL(Eh, El, 18) ^ rotrBL(Eh, El, 41);
      const CHIh = Eh & Fh ^ ~Eh & Gh;
      const CHIl = El & Fl ^ ~El & Gl;
      const T1ll = add5L(Hl, sigma1l, CHIl, SHA512_Kl[i], SHA512_W_L[i]);
      const T1h = add5H(T1ll, Hh, sigma1h, CHIh, SHA512_Kh[i], SHA512_W_H[i]);
      const T1l = T1ll | 0;
      const sigma0h = rotrSH(Ah, Al, 28) ^ rotrBH(Ah, Al, 34) ^ rotrBH(Ah, Al, 39);
      const sigma0l = rotrSL(Ah, Al, 28) ^ rotrBL(Ah, Al, 34) ^ rotrBL(Ah, Al, 39);
      const MAJh = Ah & Bh ^ Ah & Ch ^ Bh & Ch;
      const MAJl = Al & Bl ^ Al & Cl ^ Bl & Cl;
      Hh = Gh | 0;
      Hl = Gl | 0;
      Gh = Fh | 0;
      Gl = Fl | 0;
      Fh = Eh | 0;
      Fl = El | 0;
      ({ h: Eh, l: El } = add(Dh | 0, Dl | 0, T1h | 0, T1l | 0));
      Dh = Ch | 0;
      Dl = Cl | 0;
      Ch = Bh | 0;
      Cl = Bl | 0;
      Bh = Ah | 0;
      Bl = Al | 0;
      const All = add3L(T1l, sigma0l, MAJl);
      Ah = add3H(All, T1h, sigma0h, MAJh);
      Al = All | 0;
    }
    ({ h: Ah, l: Al } = add(this.Ah | 0, this.Al | 0, Ah | 0, Al | 0));
    ({ h: Bh, l: Bl } = add(this.Bh | 0, this.Bl | 0, Bh | 0, Bl | 0));
    ({ h: Ch, l: Cl } = add(this.Ch | 0, this.Cl | 0, Ch | 0, Cl | 0));
    ({ h: Dh, l: Dl } = add(this.Dh | 0, this.Dl | 0, Dh | 0, Dl | 0));
    ({ h: Eh, l: El } = add(this.Eh | 0, this.El | 0, Eh | 0, El | 0));
    ({ h: Fh, l: Fl } = add(this.Fh | 0, this.Fl | 0, Fh | 0, Fl | 0));
    ({ h: Gh, l: Gl } = add(this.Gh | 0, this.Gl | 0, Gh | 0, Gl | 0));
    ({ h: Hh, l: Hl } = add(this.Hh | 0, this.Hl | 0, Hh | 0, Hl | 0));
    this.set(Ah, Al, Bh, Bl, Ch, Cl, Dh, Dl, Eh, El, Fh, Fl, Gh, Gl, Hh, Hl);
  }
  roundClean() {
    clean(SHA512_W_H, SHA512_W_L);
  }
  destroy() {
    this.destroyed = true;
    clean(this.buffer);
    this.set(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
};
var _SHA512 = class extends SHA2_64B {
  constructor() {
    super(64, SHA512_IV);
  }
};
var sha256 = /* @__PURE__ */ createHasher(
  () => new _SHA256(),
  /* @__PURE__ */ oidNist(1)
);
var sha512 = /* @__PURE__ */ createHasher(
  () => new _SHA512(),
  /* @__PURE__ */ oidNist(3)
);

// src/sha256.ts
var IV = new Int32Array([1779033703, 3144134277, 1013904242, 2773480762, 1359893119, 2600822924, 528734635, 1541459225]);
var H = new Int32Array(8);
var PAD = new Uint8Array(128);
function compress(m, p) {
  let w0 = m[p + 0] << 24 | m[p + 1] << 16 | m[p + 2] << 8 | m[p + 3];
  let w1 = m[p + 4] << 24 | m[p + 5] << 16 | m[p + 6] << 8 | m[p + 7];
  let w2 = m[p + 8] << 24 | m[p + 9] << 16 | m[p + 10] << 8 | m[p + 11];
  let w3 = m[p + 12] << 24 | m[p + 13] << 16 | m[p + 14] << 8 | m[p + 15];
  let w4 = m[p + 16] << 24 | m[p + 17] << 16 | m[p + 18] << 8 | m[p + 19];
  let w5 = m[p + 20] << 24 | m[p + 21] << 16 | m[p + 22] << 8 | m[p + 23];
  let w6 = m[p + 24] << 24 | m[p + 25] << 16 | m[p + 26] << 8 | m[p + 27];
  let w7 = m[p + 28] << 24 | m[p + 29] << 16 | m[p + 30] << 8 | m[p + 31];
  let w8 = m[p + 32] << 24 | m[p + 33] << 16 | m[p + 34] << 8 | m[p + 35];
  let w9 = m[p + 36] << 24 | m[p + 37] << 16 | m[p + 38] << 8 | m[p + 39];
  let w10 = m[p + 40] << 24 | m[p + 41] << 16 | m[p + 42] << 8 | m[p + 43];
  let w11 = m[p + 44] << 24 | m[p + 45] << 16 | m[p + 46] << 8 | m[p + 47];
  let w12 = m[p + 48] << 24 | m[p + 49] << 16 | m[p + 50] << 8 | m[p + 51];
  let w13 = m[p + 52] << 24 | m[p + 53] << 16 | m[p + 54] << 8 | m[p + 55];
  let w14 = m[p + 56] << 24 | m[p + 57] << 16 | m[p + 58] << 8 | m[p + 59];
  let w15 = m[p + 60] << 24 | m[p + 61] << 16 | m[p + 62] << 8 | m[p + 63];
  let a = H[0];
  let b = H[1];
  let c = H[2];
  let d = H[3];
  let e = H[4];
  let f = H[5];
  let g = H[6];
  let h = H[7];
  let t2 = 0;
  t2 = h + ((e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7)) + (e & f ^ ~e & g) + 1116352408 + w0 | 0;
  d = d + t2 | 0;
  h = t2 + ((a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10)) + (a & b ^ a & c ^ b & c) | 0;
  t2 = g + ((d >>> 6 | d << 26) ^ (d >>> 11 | d << 21) ^ (d >>> 25 | d << 7)) + (d & e ^ ~d & f) + 1899447441 + w1 | 0;
  c = c + t2 | 0;
  g = t2 + ((h >>> 2 | h << 30) ^ (h >>> 13 | h << 19) ^ (h >>> 22 | h << 10)) + (h & a ^ h & b ^ a & b) | 0;
  t2 = f + ((c >>> 6 | c << 26) ^ (c >>> 11 | c << 21) ^ (c >>> 25 | c << 7)) + (c & d ^ ~c & e) + -1245643825 + w2 | 0;
  b = b + t2 | 0;
  f = t2 + ((g >>> 2 | g << 30) ^ (g >>> 13 | g << 19) ^ (g >>> 22 | g << 10)) + (g & h ^ g & a ^ h & a) | 0;
  t2 = e + ((b >>> 6 | b << 26) ^ (b >>> 11 | b << 21) ^ (b >>> 25 | b << 7)) + (b & c ^ ~b & d) + -373957723 + w3 | 0;
  a = a + t2 | 0;
  e = t2 + ((f >>> 2 | f << 30) ^ (f >>> 13 | f << 19) ^ (f >>> 22 | f << 10)) + (f & g ^ f & h ^ g & h) | 0;
  t2 = d + ((a >>> 6 | a << 26) ^ (a >>> 11 | a << 21) ^ (a >>> 25 | a << 7)) + (a & b ^ ~a & c) + 961987163 + w4 | 0;
  h = h + t2 | 0;
  d = t2 + ((e >>> 2 | e << 30) ^ (e >>> 13 | e << 19) ^ (e >>> 22 | e << 10)) + (e & f ^ e & g ^ f & g) | 0;
  t2 = c + ((h >>> 6 | h << 26) ^ (h >>> 11 | h << 21) ^ (h >>> 25 | h << 7)) + (h & a ^ ~h & b) + 1508970993 + w5 | 0;
  g = g + t2 | 0;
  c = t2 + ((d >>> 2 | d << 30) ^ (d >>> 13 | d << 19) ^ (d >>> 22 | d << 10)) + (d & e ^ d & f ^ e & f) | 0;
  t2 = b + ((g >>> 6 | g << 26) ^ (g >>> 11 | g << 21) ^ (g >>> 25 | g << 7)) + (g & h ^ ~g & a) + -1841331548 + w6 | 0;
  f = f + t2 | 0;
  b = t2 + ((c >>> 2 | c << 30) ^ (c >>> 13 | c << 19) ^ (c >>> 22 | c << 10)) + (c & d ^ c & e ^ d & e) | 0;
  t2 = a + ((f >>> 6 | f << 26) ^ (f >>> 11 | f << 21) ^ (f >>> 25 | f << 7)) + (f & g ^ ~f & h) + -1424204075 + w7 | 0;
  e = e + t2 | 0;
  a = t2 + ((b >>> 2 | b << 30) ^ (b >>> 13 | b << 19) ^ (b >>> 22 | b << 10)) + (b & c ^ b & d ^ c & d) | 0;
  t2 = h + ((e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7)) + (e & f ^ ~e & g) + -670586216 + w8 | 0;
  d = d + t2 | 0;
  h = t2 + ((a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10)) + (a & b ^ a & c ^ b & c) | 0;
  t2 = g + ((d >>> 6 | d << 26) ^ (d >>> 11 | d << 21) ^ (d >>> 25 | d << 7)) + (d & e ^ ~d & f) + 310598401 + w9 | 0;
  c = c + t2 | 0;
  g = t2 + ((h >>> 2 | h << 30) ^ (h >>> 13 | h << 19) ^ (h >>> 22 | h << 10)) + (h & a ^ h & b ^ a & b) | 0;
  t2 = f + ((c >>> 6 | c << 26) ^ (c >>> 11 | c << 21) ^ (c >>> 25 | c << 7)) + (c & d ^ ~c & e) + 607225278 + w10 | 0;
  b = b + t2 | 0;
  f = t2 + ((g >>> 2 | g << 30) ^ (g >>> 13 | g << 19) ^ (g >>> 22 | g << 10)) + (g & h ^ g & a ^ h & a) | 0;
  t2 = e + ((b >>> 6 | b << 26) ^ (b >>> 11 | b << 21) ^ (b >>> 25 | b << 7)) + (b & c ^ ~b & d) + 1426881987 + w11 | 0;
  a = a + t2 | 0;
  e = t2 + ((f >>> 2 | f << 30) ^ (f >>> 13 | f << 19) ^ (f >>> 22 | f << 10)) + (f & g ^ f & h ^ g & h) | 0;
  t2 = d + ((a >>> 6 | a << 26) ^ (a >>> 11 | a << 21) ^ (a >>> 25 | a << 7)) + (a & b ^ ~a & c) + 1925078388 + w12 | 0;
  h = h + t2 | 0;
  d = t2 + ((e >>> 2 | e << 30) ^ (e >>> 13 | e << 19) ^ (e >>> 22 | e << 10)) + (e & f ^ e & g ^ f & g) | 0;
  t2 = c + ((h >>> 6 | h << 26) ^ (h >>> 11 | h << 21) ^ (h >>> 25 | h << 7)) + (h & a ^ ~h & b) + -2132889090 + w13 | 0;
  g = g + t2 | 0;
  c = t2 + ((d >>> 2 | d << 30) ^ (d >>> 13 | d << 19) ^ (d >>> 22 | d << 10)) + (d & e ^ d & f ^ e & f) | 0;
  t2 = b + ((g >>> 6 | g << 26) ^ (g >>> 11 | g << 21) ^ (g >>> 25 | g << 7)) + (g & h ^ ~g & a) + -1680079193 + w14 | 0;
  f = f + t2 | 0;
  b = t2 + ((c >>> 2 | c << 30) ^ (c >>> 13 | c << 19) ^ (c >>> 22 | c << 10)) + (c & d ^ c & e ^ d & e) | 0;
  t2 = a + ((f >>> 6 | f << 26) ^ (f >>> 11 | f << 21) ^ (f >>> 25 | f << 7)) + (f & g ^ ~f & h) + -1046744716 + w15 | 0;
  e = e + t2 | 0;
  a = t2 + ((b >>> 2 | b << 30) ^ (b >>> 13 | b << 19) ^ (b >>> 22 | b << 10)) + (b & c ^ b & d ^ c & d) | 0;
  w0 = w0 + ((w1 >>> 7 | w1 << 25) ^ (w1 >>> 18 | w1 << 14) ^ w1 >>> 3) + w9 + ((w14 >>> 17 | w14 << 15) ^ (w14 >>> 19 | w14 << 13) ^ w14 >>> 10) | 0;
  t2 = h + ((e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7)) + (e & f ^ ~e & g) + -459576895 + w0 | 0;
  d = d + t2 | 0;
  h = t2 + ((a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10)) + (a & b ^ a & c ^ b & c) | 0;
  w1 = w1 + ((w2 >>> 7 | w2 << 25) ^ (w2 >>> 18 | w2 << 14) ^ w2 >>> 3) + w10 + ((w15 >>> 17 | w15 << 15) ^ (w15 >>> 19 | w15 << 13) ^ w15 >>> 10) | 0;
  t2 = g + ((d >>> 6 | d << 26) ^ (d >>> 11 | d << 21) ^ (d >>> 25 | d << 7)) + (d & e ^ ~d & f) + -272742522 + w1 | 0;
  c = c + t2 | 0;
  g = t2 + ((h >>> 2 | h << 30) ^ (h >>> 13 | h << 19) ^ (h >>> 22 | h << 10)) + (h & a ^ h & b ^ a & b) | 0;
  w2 = w2 + ((w3 >>> 7 | w3 << 25) ^ (w3 >>> 18 | w3 << 14) ^ w3 >>> 3) + w11 + ((w0 >>> 17 | w0 << 15) ^ (w0 >>> 19 | w0 << 13) ^ w0 >>> 10) | 0;
  t2 = f + ((c >>> 6 | c << 26) ^ (c >>> 11 | c << 21) ^ (c >>> 25 | c << 7)) + (c & d ^ ~c & e) + 264347078 + w2 | 0;
  b = b + t2 | 0;
  f = t2 + ((g >>> 2 | g << 30) ^ (g >>> 13 | g << 19) ^ (g >>> 22 | g << 10)) + (g & h ^ g & a ^ h & a) | 0;
  w3 = w3 + ((w4 >>> 7 | w4 << 25) ^ (w4 >>> 18 | w4 << 14) ^ w4 >>> 3) + w12 + ((w1 >>> 17 | w1 << 15) ^ (w1 >>> 19 | w1 << 13) ^ w1 >>> 10) | 0;
  t2 = e + ((b >>> 6 | b << 26) ^ (b >>> 11 | b << 21) ^ (b >>> 25 | b << 7)) + (b & c ^ ~b & d) + 604807628 + w3 | 0;
  a = a + t2 | 0;
  e = t2 + ((f >>> 2 | f << 30) ^ (f >>> 13 | f << 19) ^ (f >>> 22 | f << 10)) + (f & g ^ f & h ^ g & h) | 0;
  w4 = w4 + ((w5 >>> 7 | w5 << 25) ^ (w5 >>> 18 | w5 << 14) ^ w5 >>> 3) + w13 + ((w2 >>> 17 | w2 << 15) ^ (w2 >>> 19 | w2 << 13) ^ w2 >>> 10) | 0;
  t2 = d + ((a >>> 6 | a << 26) ^ (a >>> 11 | a << 21) ^ (a >>> 25 | a << 7)) + (a & b ^ ~a & c) + 770255983 + w4 | 0;
  h = h + t2 | 0;
  d = t2 + ((e >>> 2 | e << 30) ^ (e >>> 13 | e << 19) ^ (e >>> 22 | e << 10)) + (e & f ^ e & g ^ f & g) | 0;
  w5 = w5 + ((w6 >>> 7 | w6 << 25) ^ (w6 >>> 18 | w6 << 14) ^ w6 >>> 3) + w14 + ((w3 >>> 17 | w3 << 15) ^ (w3 >>> 19 | w3 << 13) ^ w3 >>> 10) | 0;
  t2 = c + ((h >>> 6 | h << 26) ^ (h >>> 11 | h << 21) ^ (h >>> 25 | h << 7)) + (h & a ^ ~h & b) + 1249150122 + w5 | 0;
  g = g + t2 | 0;
  c = t2 + ((d >>> 2 | d << 30) ^ (d >>> 13 | d << 19) ^ (d >>> 22 | d << 10)) + (d & e ^ d & f ^ e & f) | 0;
  w6 = w6 + ((w7 >>> 7 | w7 << 25) ^ (w7 >>> 18 | w7 << 14) ^ w7 >>> 3) + w15 + ((w4 >>> 17 | w4 << 15) ^ (w4 >>> 19 | w4 << 13) ^ w4 >>> 10) | 0;
  t2 = b + ((g >>> 6 | g << 26) ^ (g >>> 11 | g << 21) ^ (g >>> 25 | g << 7)) + (g & h ^ ~g & a) + 1555081692 + w6 | 0;
  f = f + t2 | 0;
  b = t2 + ((c >>> 2 | c << 30) ^ (c >>> 13 | c << 19) ^ (c >>> 22 | c << 10)) + (c & d ^ c & e ^ d & e) | 0;
  w7 = w7 + ((w8 >>> 7 | w8 << 25) ^ (w8 >>> 18 | w8 << 14) ^ w8 >>> 3) + w0 + ((w5 >>> 17 | w5 << 15) ^ (w5 >>> 19 | w5 << 13) ^ w5 >>> 10) | 0;
  t2 = a + ((f >>> 6 | f << 26) ^ (f >>> 11 | f << 21) ^ (f >>> 25 | f << 7)) + (f & g ^ ~f & h) + 1996064986 + w7 | 0;
  e = e + t2 | 0;
  a = t2 + ((b >>> 2 | b << 30) ^ (b >>> 13 | b << 19) ^ (b >>> 22 | b << 10)) + (b & c ^ b & d ^ c & d) | 0;
  w8 = w8 + ((w9 >>> 7 | w9 << 25) ^ (w9 >>> 18 | w9 << 14) ^ w9 >>> 3) + w1 + ((w6 >>> 17 | w6 << 15) ^ (w6 >>> 19 | w6 << 13) ^ w6 >>> 10) | 0;
  t2 = h + ((e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7)) + (e & f ^ ~e & g) + -1740746414 + w8 | 0;
  d = d + t2 | 0;
  h = t2 + ((a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10)) + (a & b ^ a & c ^ b & c) | 0;
  w9 = w9 + ((w10 >>> 7 | w10 << 25) ^ (w10 >>> 18 | w10 << 14) ^ w10 >>> 3) + w2 + ((w7 >>> 17 | w7 << 15) ^ (w7 >>> 19 | w7 << 13) ^ w7 >>> 10) | 0;
  t2 = g + ((d >>> 6 | d << 26) ^ (d >>> 11 | d << 21) ^ (d >>> 25 | d << 7)) + (d & e ^ ~d & f) + -1473132947 + w9 | 0;
  c = c + t2 | 0;
  g = t2 + ((h >>> 2 | h << 30) ^ (h >>> 13 | h << 19) ^ (h >>> 22 | h << 10)) + (h & a ^ h & b ^ a & b) | 0;
  w10 = w10 + ((w11 >>> 7 | w11 << 25) ^ (w11 >>> 18 | w11 << 14) ^ w11 >>> 3) + w3 + ((w8 >>> 17 | w8 << 15) ^ (w8 >>> 19 | w8 << 13) ^ w8 >>> 10) | 0;
  t2 = f + ((c >>> 6 | c << 26) ^ (c >>> 11 | c << 21) ^ (c >>> 25 | c << 7)) + (c & d ^ ~c & e) + -1341970488 + w10 | 0;
  b = b + t2 | 0;
  f = t2 + ((g >>> 2 | g << 30) ^ (g >>> 13 | g << 19) ^ (g >>> 22 | g << 10)) + (g & h ^ g & a ^ h & a) | 0;
  w11 = w11 + ((w12 >>> 7 | w12 << 25) ^ (w12 >>> 18 | w12 << 14) ^ w12 >>> 3) + w4 + ((w9 >>> 17 | w9 << 15) ^ (w9 >>> 19 | w9 << 13) ^ w9 >>> 10) | 0;
  t2 = e + ((b >>> 6 | b << 26) ^ (b >>> 11 | b << 21) ^ (b >>> 25 | b << 7)) + (b & c ^ ~b & d) + -1084653625 + w11 | 0;
  a = a + t2 | 0;
  e = t2 + ((f >>> 2 | f << 30) ^ (f >>> 13 | f << 19) ^ (f >>> 22 | f << 10)) + (f & g ^ f & h ^ g & h) | 0;
  w12 = w12 + ((w13 >>> 7 | w13 << 25) ^ (w13 >>> 18 | w13 << 14) ^ w13 >>> 3) + w5 + ((w10 >>> 17 | w10 << 15) ^ (w10 >>> 19 | w10 << 13) ^ w10 >>> 10) | 0;
  t2 = d + ((a >>> 6 | a << 26) ^ (a >>> 11 | a << 21) ^ (a >>> 25 | a << 7)) + (a & b ^ ~a & c) + -958395405 + w12 | 0;
  h = h + t2 | 0;
  d = t2 + ((e >>> 2 | e << 30) ^ (e >>> 13 | e << 19) ^ (e >>> 22 | e << 10)) + (e & f ^ e & g ^ f & g) | 0;
  w13 = w13 + ((w14 >>> 7 | w14 << 25) ^ (w14 >>> 18 | w14 << 14) ^ w14 >>> 3) + w6 + ((w11 >>> 17 | w11 << 15) ^ (w11 >>> 19 | w11 << 13) ^ w11 >>> 10) | 0;
  t2 = c + ((h >>> 6 | h << 26) ^ (h >>> 11 | h << 21) ^ (h >>> 25 | h << 7)) + (h & a ^ ~h & b) + -710438585 + w13 | 0;
  g = g + t2 | 0;
  c = t2 + ((d >>> 2 | d << 30) ^ (d >>> 13 | d << 19) ^ (d >>> 22 | d << 10)) + (d & e ^ d & f ^ e & f) | 0;
  w14 = w14 + ((w15 >>> 7 | w15 << 25) ^ (w15 >>> 18 | w15 << 14) ^ w15 >>> 3) + w7 + ((w12 >>> 17 | w12 << 15) ^ (w12 >>> 19 | w12 << 13) ^ w12 >>> 10) | 0;
  t2 = b + ((g >>> 6 | g << 26) ^ (g >>> 11 | g << 21) ^ (g >>> 25 | g << 7)) + (g & h ^ ~g & a) + 113926993 + w14 | 0;
  f = f + t2 | 0;
  b = t2 + ((c >>> 2 | c << 30) ^ (c >>> 13 | c << 19) ^ (c >>> 22 | c << 10)) + (c & d ^ c & e ^ d & e) | 0;
  w15 = w15 + ((w0 >>> 7 | w0 << 25) ^ (w0 >>> 18 | w0 << 14) ^ w0 >>> 3) + w8 + ((w13 >>> 17 | w13 << 15) ^ (w13 >>> 19 | w13 << 13) ^ w13 >>> 10) | 0;
  t2 = a + ((f >>> 6 | f << 26) ^ (f >>> 11 | f << 21) ^ (f >>> 25 | f << 7)) + (f & g ^ ~f & h) + 338241895 + w15 | 0;
  e = e + t2 | 0;
  a = t2 + ((b >>> 2 | b << 30) ^ (b >>> 13 | b << 19) ^ (b >>> 22 | b << 10)) + (b & c ^ b & d ^ c & d) | 0;
  w0 = w0 + ((w1 >>> 7 | w1 << 25) ^ (w1 >>> 18 | w1 << 14) ^ w1 >>> 3) + w9 + ((w14 >>> 17 | w14 << 15) ^ (w14 >>> 19 | w14 << 13) ^ w14 >>> 10) | 0;
  t2 = h + ((e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7)) + (e & f ^ ~e & g) + 666307205 + w0 | 0;
  d = d + t2 | 0;
  h = t2 + ((a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10)) + (a & b ^ a & c ^ b & c) | 0;
  w1 = w1 + ((w2 >>> 7 | w2 << 25) ^ (w2 >>> 18 | w2 << 14) ^ w2 >>> 3) + w10 + ((w15 >>> 17 | w15 << 15) ^ (w15 >>> 19 | w15 << 13) ^ w15 >>> 10) | 0;
  t2 = g + ((d >>> 6 | d << 26) ^ (d >>> 11 | d << 21) ^ (d >>> 25 | d << 7)) + (d & e ^ ~d & f) + 773529912 + w1 | 0;
  c = c + t2 | 0;
  g = t2 + ((h >>> 2 | h << 30) ^ (h >>> 13 | h << 19) ^ (h >>> 22 | h << 10)) + (h & a ^ h & b ^ a & b) | 0;
  w2 = w2 + ((w3 >>> 7 | w3 << 25) ^ (w3 >>> 18 | w3 << 14) ^ w3 >>> 3) + w11 + ((w0 >>> 17 | w0 << 15) ^ (w0 >>> 19 | w0 << 13) ^ w0 >>> 10) | 0;
  t2 = f + ((c >>> 6 | c << 26) ^ (c >>> 11 | c << 21) ^ (c >>> 25 | c << 7)) + (c & d ^ ~c & e) + 1294757372 + w2 | 0;
  b = b + t2 | 0;
  f = t2 + ((g >>> 2 | g << 30) ^ (g >>> 13 | g << 19) ^ (g >>> 22 | g << 10)) + (g & h ^ g & a ^ h & a) | 0;
  w3 = w3 + ((w4 >>> 7 | w4 << 25) ^ (w4 >>> 18 | w4 << 14) ^ w4 >>> 3) + w12 + ((w1 >>> 17 | w1 << 15) ^ (w1 >>> 19 | w1 << 13) ^ w1 >>> 10) | 0;
  t2 = e + ((b >>> 6 | b << 26) ^ (b >>> 11 | b << 21) ^ (b >>> 25 | b << 7)) + (b & c ^ ~b & d) + 1396182291 + w3 | 0;
  a = a + t2 | 0;
  e = t2 + ((f >>> 2 | f << 30) ^ (f >>> 13 | f << 19) ^ (f >>> 22 | f << 10)) + (f & g ^ f & h ^ g & h) | 0;
  w4 = w4 + ((w5 >>> 7 | w5 << 25) ^ (w5 >>> 18 | w5 << 14) ^ w5 >>> 3) + w13 + ((w2 >>> 17 | w2 << 15) ^ (w2 >>> 19 | w2 << 13) ^ w2 >>> 10) | 0;
  t2 = d + ((a >>> 6 | a << 26) ^ (a >>> 11 | a << 21) ^ (a >>> 25 | a << 7)) + (a & b ^ ~a & c) + 1695183700 + w4 | 0;
  h = h + t2 | 0;
  d = t2 + ((e >>> 2 | e << 30) ^ (e >>> 13 | e << 19) ^ (e >>> 22 | e << 10)) + (e & f ^ e & g ^ f & g) | 0;
  w5 = w5 + ((w6 >>> 7 | w6 << 25) ^ (w6 >>> 18 | w6 << 14) ^ w6 >>> 3) + w14 + ((w3 >>> 17 | w3 << 15) ^ (w3 >>> 19 | w3 << 13) ^ w3 >>> 10) | 0;
  t2 = c + ((h >>> 6 | h << 26) ^ (h >>> 11 | h << 21) ^ (h >>> 25 | h << 7)) + (h & a ^ ~h & b) + 1986661051 + w5 | 0;
  g = g + t2 | 0;
  c = t2 + ((d >>> 2 | d << 30) ^ (d >>> 13 | d << 19) ^ (d >>> 22 | d << 10)) + (d & e ^ d & f ^ e & f) | 0;
  w6 = w6 + ((w7 >>> 7 | w7 << 25) ^ (w7 >>> 18 | w7 << 14) ^ w7 >>> 3) + w15 + ((w4 >>> 17 | w4 << 15) ^ (w4 >>> 19 | w4 << 13) ^ w4 >>> 10) | 0;
  t2 = b + ((g >>> 6 | g << 26) ^ (g >>> 11 | g << 21) ^ (g >>> 25 | g << 7)) + (g & h ^ ~g & a) + -2117940946 + w6 | 0;
  f = f + t2 | 0;
  b = t2 + ((c >>> 2 | c << 30) ^ (c >>> 13 | c << 19) ^ (c >>> 22 | c << 10)) + (c & d ^ c & e ^ d & e) | 0;
  w7 = w7 + ((w8 >>> 7 | w8 << 25) ^ (w8 >>> 18 | w8 << 14) ^ w8 >>> 3) + w0 + ((w5 >>> 17 | w5 << 15) ^ (w5 >>> 19 | w5 << 13) ^ w5 >>> 10) | 0;
  t2 = a + ((f >>> 6 | f << 26) ^ (f >>> 11 | f << 21) ^ (f >>> 25 | f << 7)) + (f & g ^ ~f & h) + -1838011259 + w7 | 0;
  e = e + t2 | 0;
  a = t2 + ((b >>> 2 | b << 30) ^ (b >>> 13 | b << 19) ^ (b >>> 22 | b << 10)) + (b & c ^ b & d ^ c & d) | 0;
  w8 = w8 + ((w9 >>> 7 | w9 << 25) ^ (w9 >>> 18 | w9 << 14) ^ w9 >>> 3) + w1 + ((w6 >>> 17 | w6 << 15) ^ (w6 >>> 19 | w6 << 13) ^ w6 >>> 10) | 0;
  t2 = h + ((e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7)) + (e & f ^ ~e & g) + -1564481375 + w8 | 0;
  d = d + t2 | 0;
  h = t2 + ((a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10)) + (a & b ^ a & c ^ b & c) | 0;
  w9 = w9 + ((w10 >>> 7 | w10 << 25) ^ (w10 >>> 18 | w10 << 14) ^ w10 >>> 3) + w2 + ((w7 >>> 17 | w7 << 15) ^ (w7 >>> 19 | w7 << 13) ^ w7 >>> 10) | 0;
  t2 = g + ((d >>> 6 | d << 26) ^ (d >>> 11 | d << 21) ^ (d >>> 25 | d << 7)) + (d & e ^ ~d & f) + -1474664885 + w9 | 0;
  c = c + t2 | 0;
  g = t2 + ((h >>> 2 | h << 30) ^ (h >>> 13 | h << 19) ^ (h >>> 22 | h << 10)) + (h & a ^ h & b ^ a & b) | 0;
  w10 = w10 + ((w11 >>> 7 | w11 << 25) ^ (w11 >>> 18 | w11 << 14) ^ w11 >>> 3) + w3 + ((w8 >>> 17 | w8 << 15) ^ (w8 >>> 19 | w8 << 13) ^ w8 >>> 10) | 0;
  t2 = f + ((c >>> 6 | c << 26) ^ (c >>> 11 | c << 21) ^ (c >>> 25 | c << 7)) + (c & d ^ ~c & e) + -1035236496 + w10 | 0;
  b = b + t2 | 0;
  f = t2 + ((g >>> 2 | g << 30) ^ (g >>> 13 | g << 19) ^ (g >>> 22 | g << 10)) + (g & h ^ g & a ^ h & a) | 0;
  w11 = w11 + ((w12 >>> 7 | w12 << 25) ^ (w12 >>> 18 | w12 << 14) ^ w12 >>> 3) + w4 + ((w9 >>> 17 | w9 << 15) ^ (w9 >>> 19 | w9 << 13) ^ w9 >>> 10) | 0;
  t2 = e + ((b >>> 6 | b << 26) ^ (b >>> 11 | b << 21) ^ (b >>> 25 | b << 7)) + (b & c ^ ~b & d) + -949202525 + w11 | 0;
  a = a + t2 | 0;
  e = t2 + ((f >>> 2 | f << 30) ^ (f >>> 13 | f << 19) ^ (f >>> 22 | f << 10)) + (f & g ^ f & h ^ g & h) | 0;
  w12 = w12 + ((w13 >>> 7 | w13 << 25) ^ (w13 >>> 18 | w13 << 14) ^ w13 >>> 3) + w5 + ((w10 >>> 17 | w10 << 15) ^ (w10 >>> 19 | w10 << 13) ^ w10 >>> 10) | 0;
  t2 = d + ((a >>> 6 | a << 26) ^ (a >>> 11 | a << 21) ^ (a >>> 25 | a << 7)) + (a & b ^ ~a & c) + -778901479 + w12 | 0;
  h = h + t2 | 0;
  d = t2 + ((e >>> 2 | e << 30) ^ (e >>> 13 | e << 19) ^ (e >>> 22 | e << 10)) + (e & f ^ e & g ^ f & g) | 0;
  w13 = w13 + ((w14 >>> 7 | w14 << 25) ^ (w14 >>> 18 | w14 << 14) ^ w14 >>> 3) + w6 + ((w11 >>> 17 | w11 << 15) ^ (w11 >>> 19 | w11 << 13) ^ w11 >>> 10) | 0;
  t2 = c + ((h >>> 6 | h << 26) ^ (h >>> 11 | h << 21) ^ (h >>> 25 | h << 7)) + (h & a ^ ~h & b) + -694614492 + w13 | 0;
  g = g + t2 | 0;
  c = t2 + ((d >>> 2 | d << 30) ^ (d >>> 13 | d << 19) ^ (d >>> 22 | d << 10)) + (d & e ^ d & f ^ e & f) | 0;
  w14 = w14 + ((w15 >>> 7 | w15 << 25) ^ (w15 >>> 18 | w15 << 14) ^ w15 >>> 3) + w7 + ((w12 >>> 17 | w12 << 15) ^ (w12 >>> 19 | w12 << 13) ^ w12 >>> 10) | 0;
  t2 = b + ((g >>> 6 | g << 26) ^ (g >>> 11 | g << 21) ^ (g >>> 25 | g << 7)) + (g & h ^ ~g & a) + -200395387 + w14 | 0;
  f = f + t2 | 0;
  b = t2 + ((c >>> 2 | c << 30) ^ (c >>> 13 | c << 19) ^ (c >>> 22 | c << 10)) + (c & d ^ c & e ^ d & e) | 0;
  w15 = w15 + ((w0 >>> 7 | w0 << 25) ^ (w0 >>> 18 | w0 << 14) ^ w0 >>> 3) + w8 + ((w13 >>> 17 | w13 << 15) ^ (w13 >>> 19 | w13 << 13) ^ w13 >>> 10) | 0;
  t2 = a + ((f >>> 6 | f << 26) ^ (f >>> 11 | f << 21) ^ (f >>> 25 | f << 7)) + (f & g ^ ~f & h) + 275423344 + w15 | 0;
  e = e + t2 | 0;
  a = t2 + ((b >>> 2 | b << 30) ^ (b >>> 13 | b << 19) ^ (b >>> 22 | b << 10)) + (b & c ^ b & d ^ c & d) | 0;
  w0 = w0 + ((w1 >>> 7 | w1 << 25) ^ (w1 >>> 18 | w1 << 14) ^ w1 >>> 3) + w9 + ((w14 >>> 17 | w14 << 15) ^ (w14 >>> 19 | w14 << 13) ^ w14 >>> 10) | 0;
  t2 = h + ((e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7)) + (e & f ^ ~e & g) + 430227734 + w0 | 0;
  d = d + t2 | 0;
  h = t2 + ((a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10)) + (a & b ^ a & c ^ b & c) | 0;
  w1 = w1 + ((w2 >>> 7 | w2 << 25) ^ (w2 >>> 18 | w2 << 14) ^ w2 >>> 3) + w10 + ((w15 >>> 17 | w15 << 15) ^ (w15 >>> 19 | w15 << 13) ^ w15 >>> 10) | 0;
  t2 = g + ((d >>> 6 | d << 26) ^ (d >>> 11 | d << 21) ^ (d >>> 25 | d << 7)) + (d & e ^ ~d & f) + 506948616 + w1 | 0;
  c = c + t2 | 0;
  g = t2 + ((h >>> 2 | h << 30) ^ (h >>> 13 | h << 19) ^ (h >>> 22 | h << 10)) + (h & a ^ h & b ^ a & b) | 0;
  w2 = w2 + ((w3 >>> 7 | w3 << 25) ^ (w3 >>> 18 | w3 << 14) ^ w3 >>> 3) + w11 + ((w0 >>> 17 | w0 << 15) ^ (w0 >>> 19 | w0 << 13) ^ w0 >>> 10) | 0;
  t2 = f + ((c >>> 6 | c << 26) ^ (c >>> 11 | c << 21) ^ (c >>> 25 | c << 7)) + (c & d ^ ~c & e) + 659060556 + w2 | 0;
  b = b + t2 | 0;
  f = t2 + ((g >>> 2 | g << 30) ^ (g >>> 13 | g << 19) ^ (g >>> 22 | g << 10)) + (g & h ^ g & a ^ h & a) | 0;
  w3 = w3 + ((w4 >>> 7 | w4 << 25) ^ (w4 >>> 18 | w4 << 14) ^ w4 >>> 3) + w12 + ((w1 >>> 17 | w1 << 15) ^ (w1 >>> 19 | w1 << 13) ^ w1 >>> 10) | 0;
  t2 = e + ((b >>> 6 | b << 26) ^ (b >>> 11 | b << 21) ^ (b >>> 25 | b << 7)) + (b & c ^ ~b & d) + 883997877 + w3 | 0;
  a = a + t2 | 0;
  e = t2 + ((f >>> 2 | f << 30) ^ (f >>> 13 | f << 19) ^ (f >>> 22 | f << 10)) + (f & g ^ f & h ^ g & h) | 0;
  w4 = w4 + ((w5 >>> 7 | w5 << 25) ^ (w5 >>> 18 | w5 << 14) ^ w5 >>> 3) + w13 + ((w2 >>> 17 | w2 << 15) ^ (w2 >>> 19 | w2 << 13) ^ w2 >>> 10) | 0;
  t2 = d + ((a >>> 6 | a << 26) ^ (a >>> 11 | a << 21) ^ (a >>> 25 | a << 7)) + (a & b ^ ~a & c) + 958139571 + w4 | 0;
  h = h + t2 | 0;
  d = t2 + ((e >>> 2 | e << 30) ^ (e >>> 13 | e << 19) ^ (e >>> 22 | e << 10)) + (e & f ^ e & g ^ f & g) | 0;
  w5 = w5 + ((w6 >>> 7 | w6 << 25) ^ (w6 >>> 18 | w6 << 14) ^ w6 >>> 3) + w14 + ((w3 >>> 17 | w3 << 15) ^ (w3 >>> 19 | w3 << 13) ^ w3 >>> 10) | 0;
  t2 = c + ((h >>> 6 | h << 26) ^ (h >>> 11 | h << 21) ^ (h >>> 25 | h << 7)) + (h & a ^ ~h & b) + 1322822218 + w5 | 0;
  g = g + t2 | 0;
  c = t2 + ((d >>> 2 | d << 30) ^ (d >>> 13 | d << 19) ^ (d >>> 22 | d << 10)) + (d & e ^ d & f ^ e & f) | 0;
  w6 = w6 + ((w7 >>> 7 | w7 << 25) ^ (w7 >>> 18 | w7 << 14) ^ w7 >>> 3) + w15 + ((w4 >>> 17 | w4 << 15) ^ (w4 >>> 19 | w4 << 13) ^ w4 >>> 10) | 0;
  t2 = b + ((g >>> 6 | g << 26) ^ (g >>> 11 | g << 21) ^ (g >>> 25 | g << 7)) + (g & h ^ ~g & a) + 1537002063 + w6 | 0;
  f = f + t2 | 0;
  b = t2 + ((c >>> 2 | c << 30) ^ (c >>> 13 | c << 19) ^ (c >>> 22 | c << 10)) + (c & d ^ c & e ^ d & e) | 0;
  w7 = w7 + ((w8 >>> 7 | w8 << 25) ^ (w8 >>> 18 | w8 << 14) ^ w8 >>> 3) + w0 + ((w5 >>> 17 | w5 << 15) ^ (w5 >>> 19 | w5 << 13) ^ w5 >>> 10) | 0;
  t2 = a + ((f >>> 6 | f << 26) ^ (f >>> 11 | f << 21) ^ (f >>> 25 | f << 7)) + (f & g ^ ~f & h) + 1747873779 + w7 | 0;
  e = e + t2 | 0;
  a = t2 + ((b >>> 2 | b << 30) ^ (b >>> 13 | b << 19) ^ (b >>> 22 | b << 10)) + (b & c ^ b & d ^ c & d) | 0;
  w8 = w8 + ((w9 >>> 7 | w9 << 25) ^ (w9 >>> 18 | w9 << 14) ^ w9 >>> 3) + w1 + ((w6 >>> 17 | w6 << 15) ^ (w6 >>> 19 | w6 << 13) ^ w6 >>> 10) | 0;
  t2 = h + ((e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7)) + (e & f ^ ~e & g) + 1955562222 + w8 | 0;
  d = d + t2 | 0;
  h = t2 + ((a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10)) + (a & b ^ a & c ^ b & c) | 0;
  w9 = w9 + ((w10 >>> 7 | w10 << 25) ^ (w10 >>> 18 | w10 << 14) ^ w10 >>> 3) + w2 + ((w7 >>> 17 | w7 << 15) ^ (w7 >>> 19 | w7 << 13) ^ w7 >>> 10) | 0;
  t2 = g + ((d >>> 6 | d << 26) ^ (d >>> 11 | d << 21) ^ (d >>> 25 | d << 7)) + (d & e ^ ~d & f) + 2024104815 + w9 | 0;
  c = c + t2 | 0;
  g = t2 + ((h >>> 2 | h << 30) ^ (h >>> 13 | h << 19) ^ (h >>> 22 | h << 10)) + (h & a ^ h & b ^ a & b) | 0;
  w10 = w10 + ((w11 >>> 7 | w11 << 25) ^ (w11 >>> 18 | w11 << 14) ^ w11 >>> 3) + w3 + ((w8 >>> 17 | w8 << 15) ^ (w8 >>> 19 | w8 << 13) ^ w8 >>> 10) | 0;
  t2 = f + ((c >>> 6 | c << 26) ^ (c >>> 11 | c << 21) ^ (c >>> 25 | c << 7)) + (c & d ^ ~c & e) + -2067236844 + w10 | 0;
  b = b + t2 | 0;
  f = t2 + ((g >>> 2 | g << 30) ^ (g >>> 13 | g << 19) ^ (g >>> 22 | g << 10)) + (g & h ^ g & a ^ h & a) | 0;
  w11 = w11 + ((w12 >>> 7 | w12 << 25) ^ (w12 >>> 18 | w12 << 14) ^ w12 >>> 3) + w4 + ((w9 >>> 17 | w9 << 15) ^ (w9 >>> 19 | w9 << 13) ^ w9 >>> 10) | 0;
  t2 = e + ((b >>> 6 | b << 26) ^ (b >>> 11 | b << 21) ^ (b >>> 25 | b << 7)) + (b & c ^ ~b & d) + -1933114872 + w11 | 0;
  a = a + t2 | 0;
  e = t2 + ((f >>> 2 | f << 30) ^ (f >>> 13 | f << 19) ^ (f >>> 22 | f << 10)) + (f & g ^ f & h ^ g & h) | 0;
  w12 = w12 + ((w13 >>> 7 | w13 << 25) ^ (w13 >>> 18 | w13 << 14) ^ w13 >>> 3) + w5 + ((w10 >>> 17 | w10 << 15) ^ (w10 >>> 19 | w10 << 13) ^ w10 >>> 10) | 0;
  t2 = d + ((a >>> 6 | a << 26) ^ (a >>> 11 | a << 21) ^ (a >>> 25 | a << 7)) + (a & b ^ ~a & c) + -1866530822 + w12 | 0;
  h = h + t2 | 0;
  d = t2 + ((e >>> 2 | e << 30) ^ (e >>> 13 | e << 19) ^ (e >>> 22 | e << 10)) + (e & f ^ e & g ^ f & g) | 0;
  w13 = w13 + ((w14 >>> 7 | w14 << 25) ^ (w14 >>> 18 | w14 << 14) ^ w14 >>> 3) + w6 + ((w11 >>> 17 | w11 << 15) ^ (w11 >>> 19 | w11 << 13) ^ w11 >>> 10) | 0;
  t2 = c + ((h >>> 6 | h << 26) ^ (h >>> 11 | h << 21) ^ (h >>> 25 | h << 7)) + (h & a ^ ~h & b) + -1538233109 + w13 | 0;
  g = g + t2 | 0;
  c = t2 + ((d >>> 2 | d << 30) ^ (d >>> 13 | d << 19) ^ (d >>> 22 | d << 10)) + (d & e ^ d & f ^ e & f) | 0;
  w14 = w14 + ((w15 >>> 7 | w15 << 25) ^ (w15 >>> 18 | w15 << 14) ^ w15 >>> 3) + w7 + ((w12 >>> 17 | w12 << 15) ^ (w12 >>> 19 | w12 << 13) ^ w12 >>> 10) | 0;
  t2 = b + ((g >>> 6 | g << 26) ^ (g >>> 11 | g << 21) ^ (g >>> 25 | g << 7)) + (g & h ^ ~g & a) + -1090935817 + w14 | 0;
  f = f + t2 | 0;
  b = t2 + ((c >>> 2 | c << 30) ^ (c >>> 13 | c << 19) ^ (c >>> 22 | c << 10)) + (c & d ^ c & e ^ d & e) | 0;
  w15 = w15 + ((w0 >>> 7 | w0 << 25) ^ (w0 >>> 18 | w0 << 14) ^ w0 >>> 3) + w8 + ((w13 >>> 17 | w13 << 15) ^ (w13 >>> 19 | w13 << 13) ^ w13 >>> 10) | 0;
  t2 = a + ((f >>> 6 | f << 26) ^ (f >>> 11 | f << 21) ^ (f >>> 25 | f << 7)) + (f & g ^ ~f & h) + -965641998 + w15 | 0;
  e = e + t2 | 0;
  a = t2 + ((b >>> 2 | b << 30) ^ (b >>> 13 | b << 19) ^ (b >>> 22 | b << 10)) + (b & c ^ b & d ^ c & d) | 0;
  H[0] = H[0] + a | 0;
  H[1] = H[1] + b | 0;
  H[2] = H[2] + c | 0;
  H[3] = H[3] + d | 0;
  H[4] = H[4] + e | 0;
  H[5] = H[5] + f | 0;
  H[6] = H[6] + g | 0;
  H[7] = H[7] + h | 0;
}
function finish(tail, bytes, out, at) {
  const pad = PAD;
  pad[tail] = 128;
  const two = tail + 9 > 64;
  const end = two ? 128 : 64;
  pad.fill(0, tail + 1, end - 8);
  const bits = bytes * 8;
  const hi = Math.floor(bits / 4294967296);
  const lo = bits >>> 0;
  pad[end - 8] = hi >>> 24;
  pad[end - 7] = hi >>> 16 & 255;
  pad[end - 6] = hi >>> 8 & 255;
  pad[end - 5] = hi & 255;
  pad[end - 4] = lo >>> 24;
  pad[end - 3] = lo >>> 16 & 255;
  pad[end - 2] = lo >>> 8 & 255;
  pad[end - 1] = lo & 255;
  compress(pad, 0);
  if (two) compress(pad, 64);
  for (let i = 0; i < 8; i++) {
    const v = H[i];
    out[at + 4 * i] = v >>> 24;
    out[at + 4 * i + 1] = v >>> 16 & 255;
    out[at + 4 * i + 2] = v >>> 8 & 255;
    out[at + 4 * i + 3] = v & 255;
  }
}
function sha256At(buf, off, len, out, at) {
  H.set(IV);
  let p = off;
  const end = off + len;
  while (end - p >= 64) {
    compress(buf, p);
    p += 64;
  }
  const tail = end - p;
  for (let i = 0; i < tail; i++) PAD[i] = buf[p + i];
  finish(tail, len, out, at);
}
function nodeAt(src, l, r, out, at) {
  H.set(IV);
  const pad = PAD;
  pad[0] = 1;
  for (let i = 0; i < 32; i++) pad[1 + i] = src[l + i];
  for (let i = 0; i < 32; i++) pad[33 + i] = src[r + i];
  compress(pad, 0);
  pad[0] = pad[64];
  finish(1, 65, out, at);
}

// src/bytes.ts
var te = new TextEncoder();
var td = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function utf8(s) {
  return te.encode(s);
}
function fromUtf8(b) {
  return td.decode(b);
}
var HEX = "0123456789abcdef";
var HEX_BYTE = [];
for (let i = 0; i < 256; i++) HEX_BYTE.push(HEX[i >> 4] + HEX[i & 15]);
function toHex(b) {
  let s = "";
  for (let i = 0; i < b.length; i++) s += HEX_BYTE[b[i]];
  return s;
}
var HEXVAL = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEXVAL[48 + i] = i;
for (let i = 0; i < 6; i++) HEXVAL[97 + i] = HEXVAL[65 + i] = 10 + i;
function parseHex(s) {
  if (typeof s !== "string" || s.length % 2 !== 0) return null;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) {
    const a = s.charCodeAt(2 * i);
    const b = s.charCodeAt(2 * i + 1);
    const hi = a < 128 ? HEXVAL[a] : -1;
    const lo = b < 128 ? HEXVAL[b] : -1;
    if (hi < 0 || lo < 0) return null;
    out[i] = hi << 4 | lo;
  }
  return out;
}
function isHash(s) {
  if (typeof s !== "string" || s.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 48 && c <= 57 || c >= 97 && c <= 102)) return false;
  }
  return true;
}
function sha256Into(data, out) {
  sha256At(data, 0, data.length, out, 0);
  return out;
}
function hashBytes(s) {
  const b = parseHex(s);
  if (!b || b.length !== 32) throw new Error(`not a 32-byte hash: ${String(s).slice(0, 80)}`);
  return b;
}
function cmpBytes(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
function cmpUtf8(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x2 = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x2 !== y) {
      const sx = x2 >= 55296 && x2 <= 57343;
      const sy = y >= 55296 && y <= 57343;
      if (sx !== sy) return sx ? 1 : -1;
      return x2 - y;
    }
  }
  return a.length - b.length;
}
function sortUtf8(xs) {
  return xs.slice().sort(cmpUtf8);
}
function strictlyIncreasing(xs) {
  for (let i = 1; i < xs.length; i++) if (cmpUtf8(xs[i - 1], xs[i]) >= 0) return false;
  return true;
}
function sha(data) {
  return sha256(data);
}
var Writer = class {
  buf;
  len = 0;
  constructor(cap = 256) {
    this.buf = new Uint8Array(cap);
  }
  reset() {
    this.len = 0;
    return this;
  }
  reserve(n) {
    this.ensure(n);
  }
  ensure(n) {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const nb = new Uint8Array(cap);
    nb.set(this.buf.subarray(0, this.len));
    this.buf = nb;
  }
  byte(b) {
    this.ensure(1);
    this.buf[this.len++] = b;
    return this;
  }
  bytes(b) {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }
  u32(n) {
    if (!Number.isInteger(n) || n < 0 || n > 4294967295) throw new Error(`u32 out of range: ${n}`);
    this.ensure(4);
    const b = this.buf;
    b[this.len] = n >>> 24;
    b[this.len + 1] = n >>> 16 & 255;
    b[this.len + 2] = n >>> 8 & 255;
    b[this.len + 3] = n & 255;
    this.len += 4;
    return this;
  }
  u64(n) {
    let v = typeof n === "bigint" ? n : BigInt(n);
    if (typeof n === "number" && !Number.isSafeInteger(n)) throw new Error(`u64 not an exact integer: ${n}`);
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
  lp(x2) {
    if (typeof x2 === "string") {
      this.ensure(4 + x2.length * 3);
      const { written } = te.encodeInto(x2, this.buf.subarray(this.len + 4));
      this.u32(written);
      this.len += written;
      return this;
    }
    this.u32(x2.length);
    return this.bytes(x2);
  }
  /** list(xs) = u32be(count) ‖ lp(x1) ‖ … */
  list(xs) {
    this.u32(xs.length);
    for (const x2 of xs) this.lp(x2);
    return this;
  }
  /** opt(x) = 0x00, or 0x01 ‖ lp(x). */
  opt(x2) {
    if (x2 === null || x2 === void 0) return this.byte(0);
    return this.byte(1).lp(x2);
  }
  /** opt64(x) = 0x00, or 0x01 ‖ u64be(x). */
  opt64(x2) {
    if (x2 === null || x2 === void 0) return this.byte(0);
    return this.byte(1).u64(x2);
  }
  /** raw(h): the 32 bytes of a hash. */
  raw(h) {
    if (typeof h === "string") {
      if (h.length !== 64) throw new Error(`not a 32-byte hash: ${h.slice(0, 80)}`);
      this.ensure(32);
      for (let i = 0; i < 32; i++) {
        const a = h.charCodeAt(2 * i);
        const b = h.charCodeAt(2 * i + 1);
        const hi = a < 128 ? HEXVAL[a] : -1;
        const lo = b < 128 ? HEXVAL[b] : -1;
        if (hi < 0 || lo < 0) throw new Error(`not a 32-byte hash: ${h.slice(0, 80)}`);
        this.buf[this.len + i] = hi << 4 | lo;
      }
      this.len += 32;
      return this;
    }
    if (h.length !== 32) throw new Error("raw() needs 32 bytes");
    return this.bytes(h);
  }
  /** pad32(tag): ASCII tag, zero bytes up to 32. */
  pad32(tag) {
    return this.bytes(pad32(tag));
  }
  out() {
    return this.buf.slice(0, this.len);
  }
  view() {
    return this.buf.subarray(0, this.len);
  }
  sha() {
    return sha256(this.buf.subarray(0, this.len));
  }
};
var BinWriter = class extends Writer {
  lp(x2) {
    if (typeof x2 !== "string") return super.lp(x2);
    const n = x2.length;
    this.u32(n);
    this.reserve(n);
    const b = this.buf;
    let p = this.len;
    for (let i = 0; i < n; i++) b[p++] = x2.charCodeAt(i);
    this.len = p;
    return this;
  }
};
function binToStr(s) {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(b);
}
function strToBin(s) {
  const b = utf8(s);
  let out = "";
  for (let i = 0; i < b.length; i++) out += String.fromCharCode(b[i]);
  return out;
}
function pad32(tag) {
  const b = utf8(tag);
  if (b.length > 32) throw new Error("pad32 tag longer than 32 bytes");
  const out = new Uint8Array(32);
  out.set(b);
  return out;
}
function charCount(s) {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// src/commitments.ts
var ENTITY_KINDS = ["enterprise", "individual_business", "farmer_cooperative", "public_institution", "social_organization", "private_non_enterprise", "other"];
var ENTITY_STATUSES = ["in_business", "revoked", "deregistered", "withdrawn", "moved_out", "suspended"];
var OFFICER_STATUSES = ["active", "on_leave", "seconded", "transferred", "retired", "suspended"];
var CREDIT_CLASSES = ["A", "B", "C", "D"];
var ITEM_TYPES = ["key", "general"];
var REGISTRIES = ["items", "entities", "officers", "recusals"];
var USCC_RE = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/;
function isUscc(s) {
  return typeof s === "string" && USCC_RE.test(s);
}
function isDate(s) {
  if (typeof s !== "string" || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(s)) return false;
  const y = +s.slice(0, 4);
  const m = +s.slice(5, 7);
  const d = +s.slice(8, 10);
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && y % 100 !== 0 || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}
function isStr(x2) {
  return typeof x2 === "string";
}
function isStrList(x2) {
  return Array.isArray(x2) && x2.every(isStr);
}
function isOptStr(x2) {
  return x2 === null || typeof x2 === "string";
}
function entityProblems(r) {
  const p = [];
  if (!r || typeof r !== "object") return ["not an object"];
  if (!isUscc(r.uscc)) p.push(`uscc "${String(r.uscc)}" is not 18 characters of the GB 32100-2015 alphabet`);
  if (!isStr(r.name)) p.push("name");
  if (!ENTITY_KINDS.includes(r.kind)) p.push(`kind "${String(r.kind)}"`);
  if (!isStrList(r.categories)) p.push("categories");
  else if (!strictlyIncreasing(r.categories)) p.push("categories not sorted without duplicates");
  if (!isStr(r.industry)) p.push("industry");
  if (!isStr(r.region) || !/^[0-9]{6}$/.test(r.region)) p.push(`region "${String(r.region)}" is not 6 digits`);
  if (!isOptStr(r.township)) p.push("township");
  if (!ENTITY_STATUSES.includes(r.status)) p.push(`status "${String(r.status)}"`);
  if (!(r.established === null || isDate(r.established))) p.push(`established "${String(r.established)}" is not a date`);
  if (!isStrList(r.flags)) p.push("flags");
  else if (!strictlyIncreasing(r.flags)) p.push("flags not sorted without duplicates");
  if (!isHash(r.credit_class_commitment)) p.push("credit_class_commitment is not a 64-digit hash");
  return p;
}
function officerProblems(r) {
  const p = [];
  if (!r || typeof r !== "object") return ["not an object"];
  if (!isStr(r.id) || r.id === "") p.push("id");
  for (const f of ["name", "department", "unit"]) if (!isStr(r[f])) p.push(f);
  if (!isStr(r.region) || !/^[0-9]{6}$/.test(r.region)) p.push(`region "${String(r.region)}" is not 6 digits`);
  if (!isStrList(r.qualifications)) p.push("qualifications");
  else if (!strictlyIncreasing(r.qualifications)) p.push("qualifications not sorted without duplicates");
  if (!OFFICER_STATUSES.includes(r.status)) p.push(`status "${String(r.status)}"`);
  if (!isDate(r.cert_expiry)) p.push(`cert_expiry "${String(r.cert_expiry)}" is not a date`);
  return p;
}
function itemProblems(r) {
  const p = [];
  if (!r || typeof r !== "object") return ["not an object"];
  if (!isStr(r.code) || r.code === "") p.push("code");
  for (const f of ["name", "department", "target_category", "method", "basis"]) if (!isStr(r[f])) p.push(f);
  if (!ITEM_TYPES.includes(r.item_type)) p.push(`item_type "${String(r.item_type)}"`);
  if (!isOptStr(r.qualification)) p.push("qualification");
  return p;
}
function recusalProblems(r) {
  const p = [];
  if (!r || typeof r !== "object") return ["not an object"];
  if (!isHash(r.pair_commitment)) p.push("pair_commitment");
  if (!isHash(r.reason_commitment)) p.push("reason_commitment");
  return p;
}
function commitment(salt, values) {
  return new Writer(128).pad32("dualdraw-confidential-v1").raw(salt).list(values).sha();
}
function itemLeaf(r, wr = new Writer()) {
  return wr.lp("dualdraw-leaf-v1/item").lp(r.code).lp(r.name).lp(r.department).lp(r.item_type).lp(r.target_category).lp(r.method).lp(r.basis).opt(r.qualification);
}
function entityLeaf(r, wr = new Writer()) {
  return wr.lp("dualdraw-leaf-v1/entity").lp(r.uscc).lp(r.name).lp(r.kind).list(r.categories).lp(r.industry).lp(r.region).opt(r.township).lp(r.status).opt(r.established).list(r.flags).raw(r.credit_class_commitment);
}
function officerLeaf(r, wr = new Writer()) {
  return wr.lp("dualdraw-leaf-v1/officer").lp(r.id).lp(r.name).lp(r.department).lp(r.unit).lp(r.region).list(r.qualifications).lp(r.status).lp(r.cert_expiry);
}
function recusalLeaf(r, wr = new Writer()) {
  return wr.lp("dualdraw-leaf-v1/recusal").raw(r.pair_commitment).raw(r.reason_commitment);
}
var EMPTY_ROOT = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
var leafScratch = new Writer(512);
function leafHash(leaf) {
  leafScratch.reset().byte(0).bytes(leaf);
  return sha256Into(leafScratch.view(), new Uint8Array(32));
}
var nodeBuf = new Uint8Array(65);
function nodeHash(l, r) {
  nodeBuf[0] = 1;
  nodeBuf.set(l, 1);
  nodeBuf.set(r, 33);
  return sha256Into(nodeBuf, new Uint8Array(32));
}
function prefixedLeafHash(build, scratch = new Writer(512)) {
  scratch.reset().byte(0);
  build(scratch);
  return sha256Into(scratch.view(), new Uint8Array(32));
}
var MerkleStream = class {
  constructor(blockSize = 0) {
    this.blockSize = blockSize;
    this.blocks = blockSize > 0 ? [] : null;
  }
  blockSize;
  hashes = [];
  sizes = [];
  count = 0;
  blocks;
  push(h) {
    let cur = h;
    let size = 1;
    if (this.blockSize === 1) this.blocks.push(cur);
    while (this.sizes.length && this.sizes[this.sizes.length - 1] === size) {
      this.sizes.pop();
      cur = nodeHash(this.hashes.pop(), cur);
      size *= 2;
      if (size === this.blockSize) this.blocks.push(cur);
    }
    this.hashes.push(cur);
    this.sizes.push(size);
    this.count++;
  }
  root() {
    if (this.hashes.length === 0) return hashBytes(EMPTY_ROOT);
    let r = this.hashes[this.hashes.length - 1];
    for (let i = this.hashes.length - 2; i >= 0; i--) r = nodeHash(this.hashes[i], r);
    return r;
  }
};
function auditPath(m, n, mth) {
  const out = [];
  const rec = (m2, a, b) => {
    const size = b - a;
    if (size <= 1) return;
    let k = 1;
    while (k * 2 < size) k *= 2;
    if (m2 < k) {
      rec(m2, a, a + k);
      out.push(mth(a + k, b));
    } else {
      rec(m2 - k, a + k, b);
      out.push(mth(a, a + k));
    }
  };
  rec(m, 0, n);
  return out;
}
function rootFromPath(index, size, leafH, path) {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leafH;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else r = nodeHash(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return null;
  return r;
}
function verifyInclusion(index, size, leafH, path, root) {
  if (!Array.isArray(path) || !path.every(isHash)) return false;
  const r = rootFromPath(index, size, leafH, path.map(hashBytes));
  return r !== null && toHex(r) === root;
}
function snapshotDigest(roots) {
  const wr = new Writer(256).lp("dualdraw-snapshot-v1");
  for (const r of REGISTRIES) wr.lp(r).u64(roots[r].size).raw(roots[r].hash);
  return wr.sha();
}
function textTreeRoot(texts) {
  const t2 = new MerkleStream();
  for (const s of texts) t2.push(leafHash(utf8(s)));
  return t2.root();
}

// src/compactBlock.ts
var USCC_OK = new Uint8Array(256);
for (const c of "0123456789ABCDEFGHJKLMNPQRTUWXY") USCC_OK[c.charCodeAt(0)] = 1;
function growU32(a, n) {
  if (a.length >= n) return a;
  let c = a.length * 2;
  while (c < n) c *= 2;
  return new Uint32Array(c);
}
var COLUMN = {
  n: t("实体数", "the entity count"),
  dict: t("字典", "the dictionary"),
  uscc: t("统一社会信用代码列", "the USCC column"),
  commitment: t("信用类别承诺列", "the commitment column"),
  name: t("名称列", "the name column"),
  kind: t("主体类型列", "the kind column"),
  categories: t("类别列", "the categories column"),
  industry: t("行业列", "the industry column"),
  region: t("地区列", "the region column"),
  township: t("乡镇列", "the township column"),
  status: t("经营状态列", "the status column"),
  established: t("成立日期列", "the established column"),
  flags: t("标记列", "the flags column")
};
var BlockColumns = class {
  raw = new Uint8Array(0);
  n = 0;
  d = 0;
  k = 0;
  dictAt = new Uint32Array(64);
  dictLen = new Uint32Array(64);
  /** per dictionary text: 1 if it is an entity kind token, a status token, a region (6 digits); its rank in byte order */
  isKind = new Uint8Array(64);
  isStatus = new Uint8Array(64);
  isRegion = new Uint8Array(64);
  rank = new Uint32Array(64);
  usccAt = 0;
  commitAt = 0;
  nameAt = new Uint32Array(256);
  nameLen = new Uint32Array(256);
  kind = new Uint32Array(256);
  catStart = new Uint32Array(256);
  catCount = new Uint32Array(256);
  industry = new Uint32Array(256);
  region = new Uint32Array(256);
  /** 0: absent, i + 1: text i */
  township = new Uint32Array(256);
  status = new Uint32Array(256);
  date = new Uint32Array(256);
  flagStart = new Uint32Array(256);
  flagCount = new Uint32Array(256);
  /** the category and flag indices of all entities, one after the other */
  lists = new Uint32Array(1024);
  p = 0;
  end = 0;
  col = "n";
  fail(what) {
    const sep = what.en.startsWith("entity") ? ", " : " ";
    throw new CompactError(t(`公开名录${blockName(this.k).zh}${what.zh}`, `The public snapshot's ${blockName(this.k).en}${sep}${what.en}`));
  }
  short() {
    const c = COLUMN[this.col];
    return this.fail(t(`在${c.zh}中途结束（数据不完整）。`, `ends inside ${c.en} (incomplete).`));
  }
  u32() {
    if (this.p + 4 > this.end) this.short();
    const v = u32At(this.raw, this.p);
    this.p += 4;
    return v;
  }
  /** uv (§9.1): at most 5 bytes, below 2^32 */
  uv() {
    const b = this.raw;
    let p = this.p;
    const end = this.end;
    if (p >= end) this.short();
    let c = b[p++];
    if (c < 128) {
      this.p = p;
      return c;
    }
    let v = c & 127;
    let mul = 128;
    for (let i = 1; ; i++) {
      if (i === 5) this.fail(t(`的${COLUMN[this.col].zh}中有一个变长整数超过 5 个字节。`, `has a variable-length integer of more than 5 bytes in ${COLUMN[this.col].en}.`));
      if (p >= end) this.short();
      c = b[p++];
      v += (c & 127) * mul;
      if (c < 128) break;
      mul *= 128;
    }
    if (v > 4294967295) this.fail(t(`的${COLUMN[this.col].zh}中有一个变长整数不小于 2^32。`, `has a variable-length integer of 2^32 or more in ${COLUMN[this.col].en}.`));
    this.p = p;
    return v;
  }
  index(j, max) {
    const v = this.uv();
    if (v >= max) {
      const c = COLUMN[this.col];
      this.fail(t(`第 ${j + 1} 个实体的${c.zh}引用了字典中的第 ${v} 项，而字典只有 ${this.d} 项。`, `entity ${j + 1}: ${c.en} refers to dictionary entry ${v}, but the dictionary has ${this.d} entries.`));
    }
    return v;
  }
  list(j, start, count, at) {
    const m = this.uv();
    if (m > this.end - this.p) this.short();
    start[j] = at;
    count[j] = m;
    this.lists = growU32Keep(this.lists, at + m);
    for (let i = 0; i < m; i++) this.lists[at + i] = this.index(j, this.d);
    return at + m;
  }
  /**
   * Decode block k's inflated bytes raw[0 … len), which must hold exactly `expectN` entities. Checks what the format
   * requires (§9.3: complete columns, dictionary indices in range, uv limits, nothing left over; the dictionary's
   * texts valid UTF-8 and distinct; every name valid UTF-8), not the records' validity (§4: see entityValid).
   */
  decode(raw, len, k, expectN) {
    this.raw = raw;
    this.k = k;
    this.p = 0;
    this.end = len;
    this.col = "n";
    const n = this.u32();
    if (n !== expectN) this.fail(t(`应有 ${expectN} 个实体，文件中为 ${n} 个（除最后一块外，每块的实体数都应等于 block_size）。`, `should hold ${expectN} entities, the file says ${n} (every block but the last holds block_size).`));
    this.n = n;
    this.col = "dict";
    const d = this.u32();
    if (d > (len - this.p) / 4) this.short();
    this.d = d;
    if (this.dictAt.length < d) {
      const c = Math.max(d, this.dictAt.length * 2);
      this.dictAt = new Uint32Array(c);
      this.dictLen = new Uint32Array(c);
      this.isKind = new Uint8Array(c);
      this.isStatus = new Uint8Array(c);
      this.isRegion = new Uint8Array(c);
      this.rank = new Uint32Array(c);
    }
    for (let i = 0; i < d; i++) {
      const at2 = this.p;
      const l = this.u32();
      if (l > this.end - this.p) this.short();
      if (!validUtf8(raw, this.p, this.p + l)) this.fail(t(`的字典第 ${i} 项不是有效的 UTF-8 文本。`, `has a dictionary entry (${i}) that is not valid UTF-8.`));
      this.dictAt[i] = at2;
      this.dictLen[i] = l;
      this.p += l;
    }
    this.classifyDictionary();
    if (n > (len - this.p) / 50) {
      this.col = "uscc";
      this.short();
    }
    for (const a of ["nameAt", "nameLen", "kind", "catStart", "catCount", "industry", "region", "township", "status", "date", "flagStart", "flagCount"]) this[a] = growU32(this[a], n);
    this.usccAt = this.p;
    this.commitAt = this.p + 18 * n;
    this.p += 50 * n;
    this.col = "name";
    for (let j = 0; j < n; j++) {
      const l = this.uv();
      if (l > this.end - this.p) this.short();
      if (!validUtf8(raw, this.p, this.p + l)) this.fail(t(`第 ${j + 1} 个实体（${this.usccText(j)}）的名称不是有效的 UTF-8 文本。`, `entity ${j + 1} (${this.usccText(j)}): its name is not valid UTF-8.`));
      this.nameAt[j] = this.p;
      this.nameLen[j] = l;
      this.p += l;
    }
    this.col = "kind";
    for (let j = 0; j < n; j++) this.kind[j] = this.index(j, d);
    this.col = "categories";
    let at = 0;
    for (let j = 0; j < n; j++) at = this.list(j, this.catStart, this.catCount, at);
    this.col = "industry";
    for (let j = 0; j < n; j++) this.industry[j] = this.index(j, d);
    this.col = "region";
    for (let j = 0; j < n; j++) this.region[j] = this.index(j, d);
    this.col = "township";
    for (let j = 0; j < n; j++) this.township[j] = this.index(j, d + 1);
    this.col = "status";
    for (let j = 0; j < n; j++) this.status[j] = this.index(j, d);
    this.col = "established";
    for (let j = 0; j < n; j++) this.date[j] = this.uv();
    this.col = "flags";
    for (let j = 0; j < n; j++) at = this.list(j, this.flagStart, this.flagCount, at);
    if (this.p !== this.end) this.fail(t(`的各列之后还多出 ${this.end - this.p} 个字节。`, `has ${this.end - this.p} bytes left over after its columns.`));
  }
  /** Tokens, regions and the byte order of the dictionary's texts; two equal texts are refused (§9.3: d distinct texts). */
  classifyDictionary() {
    const d = this.d;
    const raw = this.raw;
    const order = new Array(d);
    for (let i = 0; i < d; i++) {
      order[i] = i;
      const s = this.dictBin(i);
      this.isKind[i] = ENTITY_KINDS.includes(s) ? 1 : 0;
      this.isStatus[i] = ENTITY_STATUSES.includes(s) ? 1 : 0;
      this.isRegion[i] = /^[0-9]{6}$/.test(s) ? 1 : 0;
    }
    const cmp = (a, b) => {
      const pa = this.dictAt[a] + 4;
      const pb = this.dictAt[b] + 4;
      const la = this.dictLen[a];
      const lb = this.dictLen[b];
      const m = Math.min(la, lb);
      for (let i = 0; i < m; i++) if (raw[pa + i] !== raw[pb + i]) return raw[pa + i] - raw[pb + i];
      return la - lb;
    };
    order.sort(cmp);
    for (let r = 0; r < d; r++) {
      if (r > 0 && cmp(order[r - 1], order[r]) === 0) this.fail(t(`的字典中有重复的文本（“${this.dictText(order[r])}”）。`, `has a repeated text in its dictionary ("${this.dictText(order[r])}").`));
      this.rank[order[r]] = r;
    }
  }
  /** Dictionary text i as a binary string (one character per UTF-8 byte: json.ts binaryStreams) */
  dictBin(i) {
    return binString(this.raw, this.dictAt[i] + 4, this.dictLen[i]);
  }
  dictText(i) {
    return utf8Text(this.raw, this.dictAt[i] + 4, this.dictLen[i]);
  }
  usccBin(j) {
    return binString(this.raw, this.usccAt + 18 * j, 18);
  }
  usccText(j) {
    return utf8Text(this.raw, this.usccAt + 18 * j, 18);
  }
  /** §4 validity of entity j, decided on the bytes (tokens, lists strictly increasing, USCC, region, date). */
  entityValid(j) {
    const raw = this.raw;
    const u = this.usccAt + 18 * j;
    for (let i = 0; i < 18; i++) if (USCC_OK[raw[u + i]] === 0) return false;
    if (!this.isKind[this.kind[j]] || !this.isStatus[this.status[j]] || !this.isRegion[this.region[j]]) return false;
    const lists = this.lists;
    const rank = this.rank;
    for (let s = this.catStart[j], e = s + this.catCount[j], i = s + 1; i < e; i++) if (rank[lists[i - 1]] >= rank[lists[i]]) return false;
    for (let s = this.flagStart[j], e = s + this.flagCount[j], i = s + 1; i < e; i++) if (rank[lists[i - 1]] >= rank[lists[i]]) return false;
    const dt = this.date[j];
    return dt === 0 || realDate(dt);
  }
  /** Entity j as the record of §7/§8; texts as binary strings (as the JSON path reads them) or as text. */
  record(j, binary) {
    const s = binary ? (a, l) => binString(this.raw, a, l) : (a, l) => utf8Text(this.raw, a, l);
    const dict = (i) => s(this.dictAt[i] + 4, this.dictLen[i]);
    const list = (st, c) => Array.from(this.lists.subarray(st, st + c), dict);
    const tw = this.township[j];
    const dt = this.date[j];
    return {
      uscc: s(this.usccAt + 18 * j, 18),
      name: s(this.nameAt[j], this.nameLen[j]),
      kind: dict(this.kind[j]),
      categories: list(this.catStart[j], this.catCount[j]),
      industry: dict(this.industry[j]),
      region: dict(this.region[j]),
      township: tw === 0 ? null : dict(tw - 1),
      status: dict(this.status[j]),
      // an impossible date is written as the JSON file would have it, and entityProblems reports it as "not a date"
      established: dt === 0 ? null : dateShape(dt),
      flags: list(this.flagStart[j], this.flagCount[j]),
      credit_class_commitment: toHex(this.raw.subarray(this.commitAt + 32 * j, this.commitAt + 32 * j + 32))
    };
  }
};
function growU32Keep(a, n) {
  if (a.length >= n) return a;
  const b = growU32(a, n);
  b.set(a);
  return b;
}
function binString(b, at, len) {
  if (len <= 64) {
    let s2 = "";
    for (let i = 0; i < len; i++) s2 += String.fromCharCode(b[at + i]);
    return s2;
  }
  let s = "";
  for (let i = 0; i < len; i += 8192) s += String.fromCharCode.apply(null, b.subarray(at + i, at + Math.min(len, i + 8192)));
  return s;
}
var td2 = new TextDecoder("utf-8", { ignoreBOM: true });
function utf8Text(b, at, len) {
  return td2.decode(b.subarray(at, at + len));
}
var DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function realDate(v) {
  const y = Math.floor(v / 1e4);
  const m = Math.floor(v / 100) % 100;
  const d = v % 100;
  if (y > 9999 || m < 1 || m > 12 || d < 1) return false;
  if (m !== 2) return d <= DAYS[m];
  return d <= (y % 4 === 0 && y % 100 !== 0 || y % 400 === 0 ? 29 : 28);
}
function dateShape(v) {
  const y = Math.floor(v / 1e4);
  return `${String(y).padStart(4, "0")}-${String(Math.floor(v / 100) % 100).padStart(2, "0")}-${String(v % 100).padStart(2, "0")}`;
}

// src/compactLeaf.ts
var LEAF_TAG = new TextEncoder().encode("dualdraw-leaf-v1/entity");
var LeafWriter = class {
  buf = new Uint8Array(4096);
  dateBuf = new Uint8Array(10);
  ensure(n) {
    if (n <= this.buf.length) return;
    let c = this.buf.length * 2;
    while (c < n) c *= 2;
    this.buf = new Uint8Array(c);
  }
  /** The length of 0x00 ‖ leaf, written at buf[0 …). */
  write(c, j) {
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
    let size = 1 + 4 + LEAF_TAG.length + 4 + 18 + 4 + c.nameLen[j] + 4 + dictLen[c.kind[j]] + 4 + 4 + dictLen[c.industry[j]] + 4 + dictLen[c.region[j]] + 1 + 4 + dictLen[c.status[j]] + 1 + 4 + 32;
    for (let i = 0; i < cn; i++) size += 4 + dictLen[lists[cs + i]];
    for (let i = 0; i < fn; i++) size += 4 + dictLen[lists[fs + i]];
    if (tw !== 0) size += 4 + dictLen[tw - 1];
    if (dt !== 0) size += 14;
    this.ensure(size);
    const b = this.buf;
    let p = 0;
    const u323 = (v) => {
      b[p] = v >>> 24;
      b[p + 1] = v >>> 16 & 255;
      b[p + 2] = v >>> 8 & 255;
      b[p + 3] = v & 255;
      p += 4;
    };
    const copy = (at, len) => {
      for (let i = 0; i < len; i++) b[p + i] = raw[at + i];
      p += len;
    };
    const dict = (i) => copy(dictAt[i], 4 + dictLen[i]);
    b[p++] = 0;
    u323(LEAF_TAG.length);
    b.set(LEAF_TAG, p);
    p += LEAF_TAG.length;
    u323(18);
    const u = c.usccAt + 18 * j;
    for (let i = 0; i < 18; i++) b[p + i] = raw[u + i];
    p += 18;
    u323(c.nameLen[j]);
    copy(c.nameAt[j], c.nameLen[j]);
    dict(c.kind[j]);
    u323(cn);
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
      u323(10);
      const db = this.dateBuf;
      let y = Math.floor(dt / 1e4);
      const md = dt % 1e4;
      for (let i = 3; i >= 0; i--) {
        db[i] = 48 + y % 10;
        y = Math.floor(y / 10);
      }
      db[4] = 45;
      db[5] = 48 + Math.floor(md / 1e3);
      db[6] = 48 + Math.floor(md / 100) % 10;
      db[7] = 45;
      db[8] = 48 + Math.floor(md / 10) % 10;
      db[9] = 48 + md % 10;
      b.set(db, p);
      p += 10;
    }
    u323(fn);
    for (let i = 0; i < fn; i++) dict(lists[fs + i]);
    const cm = c.commitAt + 32 * j;
    for (let i = 0; i < 32; i++) b[p + i] = raw[cm + i];
    p += 32;
    return p;
  }
  /** SHA-256(0x00 ‖ leaf) of entity j into out[at … at + 32). */
  hash(c, j, out, at) {
    sha256At(this.buf, 0, this.write(c, j), out, at);
  }
};
function rootInPlace(h, n) {
  if (n === 0) throw new Error("no leaves");
  let m = n;
  while (m > 1) {
    const half = m >> 1;
    for (let i = 0; i < half; i++) nodeAt(h, 64 * i, 64 * i + 32, h, 32 * i);
    if (m & 1) h.copyWithin(32 * half, 32 * (m - 1), 32 * m);
    m = half + (m & 1);
  }
  return h.slice(0, 32);
}

// src/compactPool.ts
function blockRoot(raw, rawLen, k, n, cols = new BlockColumns(), lw = new LeafWriter()) {
  cols.decode(raw, rawLen, k, n);
  const h = new Uint8Array(32 * n);
  for (let j = 0; j < n; j++) lw.hash(cols, j, h, 32 * j);
  return rootInPlace(h, n);
}
function serveBlockRoot(m, reply) {
  try {
    reply({ type: "block-root", id: m.id, root: blockRoot(m.raw, m.raw.length, m.k, m.n), error: null });
  } catch (e) {
    reply({ type: "block-root", id: m.id, root: null, error: String(e?.message ?? e) });
  }
}
var BlockHasher = class {
  constructor(helpers) {
    this.helpers = helpers;
    this.load = helpers.map(() => 0);
    this.broken = helpers.map(() => false);
    helpers.forEach(
      (h, i) => h.listen(
        (r) => this.answer(r),
        () => this.fail(i)
      )
    );
  }
  helpers;
  next = 1;
  waiting = /* @__PURE__ */ new Map();
  load;
  broken;
  get size() {
    return this.helpers.length;
  }
  /** The least busy helper if it has fewer than `room` blocks to do, else -1 (then the caller hashes the block). */
  free(room = 2) {
    let best = -1;
    for (let i = 0; i < this.helpers.length; i++) if (!this.broken[i] && this.load[i] < room && (best < 0 || this.load[i] < this.load[best])) best = i;
    return best;
  }
  /** Block k's root, computed by helper i from a copy of raw[0 … rawLen). */
  root(i, raw, rawLen, k, n) {
    const id = this.next++;
    const copy = raw.slice(0, rawLen);
    this.load[i]++;
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve, raw: copy, k, n, helper: i });
      this.helpers[i].post({ type: "block-root", id, raw: copy, k, n }, []);
    });
  }
  answer(r) {
    const w = this.waiting.get(r.id);
    if (!w) return;
    this.waiting.delete(r.id);
    this.load[w.helper]--;
    w.resolve(r.root ?? blockRoot(w.raw, w.raw.length, w.k, w.n));
  }
  fail(i) {
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
      }
  }
};
var factory = null;
function setBlockHasher(f) {
  factory = f;
}
function makeBlockHasher() {
  try {
    return factory?.() ?? null;
  } catch {
    return null;
  }
}

// src/nodeCompact.ts
var nodeInflate = (stored, rawLen, out, k) => new Promise((resolve, reject) => {
  inflateRaw(stored, { maxOutputLength: Math.max(1, rawLen), info: true }, (err, res) => {
    if (err) {
      const code = err.code;
      reject(code === "ERR_BUFFER_TOO_LARGE" ? inflateErrors.bomb(k, rawLen) : inflateErrors.notDeflate(k, err.message));
      return;
    }
    const { buffer, engine } = res;
    if (engine.bytesWritten !== stored.length) return reject(inflateErrors.junk(k, stored.length - engine.bytesWritten));
    if (buffer.length !== rawLen) return reject(inflateErrors.size(k, buffer.length, rawLen));
    out.set(buffer);
    resolve();
  });
});
function nodeCompactSetup(script) {
  if (!isMainThread) {
    const port = parentPort;
    port.on("message", (m) => serveBlockRoot(m, (r) => port.postMessage(r)));
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
          post: (m, tr) => w.postMessage(m, tr),
          listen: (onMessage, onError) => {
            w.on("message", onMessage);
            w.on("error", onError);
          },
          terminate: () => void w.terminate()
        };
      })
    );
  });
  return false;
}

// src/logCli.ts
import { existsSync, readFileSync, statSync } from "node:fs";

// node_modules/smol-toml/dist/error.js
function getLineColFromPtr(string, ptr) {
  let lines = string.slice(0, ptr).split(/\r?\n/);
  return [lines.length, lines.pop().length + 1];
}
function makeCodeBlock(string, line, column) {
  let lines = string.split(/\r?\n/);
  let codeblock = "";
  let numberLen = (Math.log10(line + 1) | 0) + 1;
  for (let i = line - 1; i <= line + 1; i++) {
    let l = lines[i - 1];
    if (!l)
      continue;
    codeblock += i.toString().padEnd(numberLen, " ");
    codeblock += ":  ";
    codeblock += l;
    codeblock += "\n";
    if (i === line) {
      codeblock += " ".repeat(numberLen + column + 2);
      codeblock += "^\n";
    }
  }
  return codeblock;
}
var TomlError = class _TomlError extends Error {
  line;
  column;
  codeblock;
  constructor(message, options) {
    const [line, column] = getLineColFromPtr(options.toml, options.ptr);
    const codeblock = makeCodeBlock(options.toml, line, column);
    super(`Invalid TOML document: ${message}

${codeblock}`, options);
    this.line = line;
    this.column = column;
    this.codeblock = codeblock;
  }
  /** @internal */
  static x(message, ctx, ptr) {
    throw new _TomlError(message, { toml: ctx.s, ptr: ptr ?? ctx.p });
  }
};

// node_modules/smol-toml/dist/primitive.js
function parseString(ctx) {
  let startPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p++);
  let first = c;
  let isLiteral = c === 39;
  let isMultiline = c === ctx.s.charCodeAt(ctx.p) && c === ctx.s.charCodeAt(ctx.p + 1);
  if (isMultiline) {
    if ((c = ctx.s.charCodeAt(ctx.p += 2)) === 10)
      ctx.p++;
    else if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)
      ctx.p += 2;
  }
  let parsed = "";
  let sliceStart = ctx.p;
  let state = 0;
  for (; ctx.p < ctx.s.length; ctx.p++) {
    c = ctx.s.charCodeAt(ctx.p);
    if (isMultiline && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)) {
      state = state && 3;
    } else if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in strings", ctx);
    } else if ((!state || state === 3) && c === first && (!isMultiline || ctx.s.charCodeAt(ctx.p + 1) === first && ctx.s.charCodeAt(ctx.p + 2) === first)) {
      if (isMultiline) {
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
      }
      if (!state) {
        let s = ctx.s.slice(sliceStart, ctx.p);
        parsed = parsed ? parsed + s : s;
      }
      ctx.p += isMultiline ? 3 : 1;
      return parsed;
    } else if (!state) {
      if (!isLiteral && c === 92) {
        parsed += ctx.s.slice(sliceStart, sliceStart = ctx.p);
        state = 1;
      }
    } else if (state === 1) {
      if (c === 120 || c === 117 || c === 85) {
        let errPtr = ctx.p++ - 1;
        let value = 0;
        let len = c === 120 ? 2 : c === 117 ? 4 : 8;
        for (let j = 0; j < len; j++, ctx.p++) {
          let hex = ctx.s.charCodeAt(ctx.p);
          let digit = (
            /* 0-9 */
            hex >= 48 && hex <= 57 ? hex - 48 : (
              /* A-F */
              hex >= 65 && hex <= 70 ? hex - 65 + 10 : (
                /* a-f */
                hex >= 97 && hex <= 102 ? hex - 97 + 10 : -1
              )
            )
          );
          if (digit < 0)
            TomlError.x("invalid non-hex character in unicode escape", ctx);
          value = value << 4 | digit;
        }
        if (value < 0 || value > 1114111 || value >= 55296 && value <= 57343) {
          TomlError.x("invalid unicode escape", ctx, errPtr);
        }
        parsed += String.fromCodePoint(value);
        sliceStart = ctx.p--;
        state = 0;
      } else if (isMultiline && (c === 32 || c === 9)) {
        state = 2;
      } else {
        if (c === 98)
          parsed += "\b";
        else if (c === 116)
          parsed += "	";
        else if (c === 110)
          parsed += "\n";
        else if (c === 102)
          parsed += "\f";
        else if (c === 114)
          parsed += "\r";
        else if (c === 101)
          parsed += "\x1B";
        else if (c === 34)
          parsed += '"';
        else if (c === 92)
          parsed += "\\";
        else
          TomlError.x("unrecognised escape sequence", ctx);
        sliceStart = ctx.p + 1;
        state = 0;
      }
    } else if (c !== 32 && c !== 9) {
      if (state === 2)
        TomlError.x("invalid escape: only line-ending whitespace may be escaped", ctx, sliceStart);
      state = !isLiteral && c === 92 ? 1 : 0;
      sliceStart = ctx.p;
    }
  }
  TomlError.x("unfinished string", ctx, startPtr);
}

// node_modules/smol-toml/dist/date.js
var DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|z|[-+]\d{2}:\d{2})?$/i;
var TomlDate = class _TomlDate extends Date {
  #hasDate = false;
  #hasTime = false;
  #offset = null;
  constructor(date, fasttype, unsafeDelim) {
    let hasDate = true;
    let hasTime = true;
    let offset = "Z";
    let c;
    if (typeof date === "string") {
      if (fasttype)
        prep: {
          if (fasttype < 3) {
            if (+date.slice(11, 13) > 23) {
              date = "";
              break prep;
            }
            if (fasttype === 2) {
              offset = null;
              date += "Z";
            } else if ((c = date.charCodeAt(date.length - 1)) !== 90 && c !== 122) {
              offset = date.slice(date.length - 6);
            }
            if (unsafeDelim)
              date = date.slice(0, 10) + "T" + date.slice(11);
          } else if (fasttype === 4) {
            date = +date.slice(0, 2) > 23 ? "" : `0000-01-01T${date}Z`;
          }
          hasDate = fasttype !== 4;
          hasTime = fasttype !== 3;
        }
      else {
        let match = date.match(DATE_TIME_RE);
        if (match) {
          if (!match[1]) {
            hasDate = false;
            date = `0000-01-01T${date}`;
          }
          hasTime = !!match[2];
          hasTime && date[10] === " " && (date = date.replace(" ", "T"));
          if (match[2] && +match[2] > 23) {
            date = "";
          } else {
            offset = match[3] || null;
            if (!offset && hasTime)
              date += "Z";
          }
        } else {
          date = "";
        }
      }
    }
    super(date);
    if (!isNaN(this.getTime())) {
      this.#hasDate = hasDate;
      this.#hasTime = hasTime;
      this.#offset = offset;
    }
  }
  isDateTime() {
    return this.#hasDate && this.#hasTime;
  }
  isLocal() {
    return !this.#hasDate || !this.#hasTime || !this.#offset;
  }
  isDate() {
    return this.#hasDate && !this.#hasTime;
  }
  isTime() {
    return this.#hasTime && !this.#hasDate;
  }
  isValid() {
    return this.#hasDate || this.#hasTime;
  }
  toISOString() {
    let iso = super.toISOString();
    if (this.isDate())
      return iso.slice(0, 10);
    if (this.isTime())
      return iso.slice(11, 23);
    if (this.#offset === null)
      return iso.slice(0, -1);
    if (this.#offset === "Z" || this.#offset === "z")
      return iso;
    let offset = +this.#offset.slice(1, 3) * 60 + +this.#offset.slice(4, 6);
    offset = this.#offset[0] === "-" ? offset : -offset;
    let offsetDate = new Date(this.getTime() - offset * 6e4);
    return offsetDate.toISOString().slice(0, -1) + this.#offset;
  }
  static wrapAsOffsetDateTime(jsDate, offset = "Z") {
    let date = new _TomlDate(jsDate);
    date.#offset = offset;
    return date;
  }
  static wrapAsLocalDateTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#offset = null;
    return date;
  }
  static wrapAsLocalDate(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasTime = false;
    date.#offset = null;
    return date;
  }
  static wrapAsLocalTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasDate = false;
    date.#offset = null;
    return date;
  }
};

// node_modules/smol-toml/dist/extract.js
function isDigit(char, base = 10) {
  return base === 16 ? char > 47 && char < 58 || char > 64 && char < 71 || char > 96 && char < 103 : char > 47 && char < 48 + base;
}
function isEndOfValue(char, delim) {
  return char === 32 || char === 9 || char === 10 || char === 13 || // Structure end or next value delimiter
  delim && (char === delim || char === 44) || // Comment
  char === 35;
}
function extractValue(ctx, end) {
  let errPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p);
  if (c === 91 || c === 123) {
    ctx.d-- || TomlError.x("document contains excessively nested structures. aborting.", ctx);
    let value = c === 91 ? parseArray(ctx) : parseInlineTable(ctx);
    ctx.d++;
    return value;
  }
  if (c === 34 || c === 39) {
    return parseString(ctx);
  }
  if (c === 116) {
    if (ctx.s.charCodeAt(++ctx.p) !== 114 || ctx.s.charCodeAt(++ctx.p) !== 117 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, true;
  }
  if (c === 102) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 108 || ctx.s.charCodeAt(++ctx.p) !== 115 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, false;
  }
  if (c === 43 || c === 45) {
    return parseNumber(ctx, ctx.p, ctx.s.charCodeAt(++ctx.p), 44 - c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 4) === 45 && ctx.s.charCodeAt(ctx.p + 7) === 45) {
    return parseDate(ctx, c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 2) === 58) {
    return parseTime(ctx, c, end);
  }
  return parseNumber(ctx, ctx.p, c, 0, end);
}
function parseNumber(ctx, startPtr, startChr, sign, endChr) {
  let c = startChr;
  let state = 0;
  let hasUnderscores = false;
  if (c === 105) {
    if (ctx.s.charCodeAt(++ctx.p) !== 110 || ctx.s.charCodeAt(++ctx.p) !== 102)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, (sign || 1) / 0;
  }
  if (c === 110) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 110)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, NaN;
  }
  if (c === 48) {
    if (++ctx.p >= ctx.s.length || isEndOfValue(c = ctx.s.charCodeAt(ctx.p), endChr))
      return ctx.bi === true ? 0n : 0;
    if (!sign) {
      if (c === 120)
        return parseIntegerBaseN(ctx, startPtr, 16, endChr);
      else if (c === 98)
        return parseIntegerBaseN(ctx, startPtr, 2, endChr);
      else if (c === 111)
        return parseIntegerBaseN(ctx, startPtr, 8, endChr);
    }
    if (c === 46)
      state = 2;
    else if (c === 101 || c === 69)
      state = 4;
    else
      TomlError.x("illegal leading zero", ctx, startPtr);
  } else if (!isDigit(c))
    TomlError.x("invalid value", ctx, startPtr);
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (!state)
      state = 1;
    if (c === 95) {
      if (!(state & 1))
        TomlError.x("illegal underscore", ctx);
      state += 11;
      hasUnderscores = true;
    } else if (state === 1 && c === 46)
      state = 2;
    else if ((state === 1 || state === 3) && (c === 101 || c === 69))
      state = 4;
    else if (state === 4 && (c === 43 || c === 45)) {
      state = 6;
    } else if (!isDigit(c))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (state > 9)
      state -= 11;
    else if (!(state & 1))
      state++;
  }
  if (!state) {
    let val = (startChr - 48) * (sign || 1);
    return ctx.bi === true ? BigInt(val) : val;
  }
  if (!(state & 1))
    TomlError.x("unfinished numeric value", ctx, startPtr);
  let str2 = ctx.s.slice(startPtr, ctx.p);
  if (hasUnderscores)
    str2 = str2.replaceAll("_", "");
  return state > 1 ? parseFloat(str2) : parseInteger(ctx, str2, 10, startPtr);
}
function parseIntegerBaseN(ctx, startPtr, base, endChr) {
  let c, underscore = 1;
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (c === 95) {
      if (underscore & 1)
        TomlError.x("illegal underscore", ctx);
      underscore = 3;
    } else if (!isDigit(c, base))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (underscore & 1)
      underscore--;
  }
  if (underscore & 1)
    TomlError.x("unfinished numeric value", ctx);
  let str2 = ctx.s.slice(startPtr + 2, ctx.p);
  if (underscore)
    str2 = str2.replaceAll("_", "");
  return parseInteger(ctx, str2, base, startPtr);
}
function parseInteger(ctx, str2, base, startPtr) {
  if (ctx.bi !== true)
    int: {
      let val = parseInt(str2, base);
      if (!Number.isSafeInteger(val)) {
        if (ctx.bi)
          break int;
        TomlError.x("integer value cannot be represented losslessly", ctx, startPtr);
      }
      return val;
    }
  return base === 10 ? BigInt(str2) : BigInt((base === 2 ? "0b" : base === 8 ? "0o" : "0x") + str2);
}
function parseDate(ctx, c, endChr) {
  let startPtr = ctx.p++, unsafeSeparator;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++))) {
    return parseNumber(ctx, ctx.p = startPtr, c, 0, endChr);
  }
  ctx.p += 5;
  if (!isDigit(ctx.s.charCodeAt(ctx.p++)))
    TomlError.x("invalid date-time: date part is malformed", ctx, startPtr);
  if (ctx.p >= ctx.s.length || ((c = ctx.s.charCodeAt(ctx.p)) !== 32 || (unsafeSeparator = true, !isDigit(ctx.s.charCodeAt(ctx.p + 1)))) && c !== 84 && c !== 116) {
    let t3 = ctx.s.slice(startPtr, ctx.p);
    return readDate(ctx, t3, 3, false, startPtr);
  }
  if (ctx.s.charCodeAt(ctx.p += 3) !== 58)
    TomlError.x("invalid date-time: time part is malformed", ctx, startPtr);
  if (ctx.s.charCodeAt(ctx.p += 3) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  if (c = ctx.s.charCodeAt(ctx.p)) {
    if (c === 90 || c === 122) {
      let t3 = ctx.s.slice(startPtr, ++ctx.p);
      return readDate(ctx, t3, 1, unsafeSeparator, startPtr, "[+00:00]");
    }
    if (c === 43 || c === 45) {
      let t3 = ctx.s.slice(startPtr, ctx.p += 6);
      return readDate(ctx, t3, 1, unsafeSeparator, startPtr, !ctx.ld && "[" + ctx.s.slice(ctx.p - 6, ctx.p) + "]");
    }
  }
  let t2 = ctx.s.slice(startPtr, ctx.p);
  return readDate(ctx, t2, 2, unsafeSeparator, startPtr);
}
function parseTime(ctx, c, endChr) {
  let start = ctx.p;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(++ctx.p))) {
    return parseNumber(ctx, --ctx.p, c, 0, endChr);
  }
  if (ctx.s.charCodeAt(ctx.p += 4) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  let t2 = ctx.s.slice(start, ctx.p);
  return readDate(ctx, t2, 4, false, start);
}
function readDate(ctx, str2, type, unsafeDelim, errPtr, temporalSuffix) {
  if (ctx.ld) {
    let date = new TomlDate(str2, type, unsafeDelim);
    if (!date.isValid())
      TomlError.x("invalid date", ctx, errPtr);
    return date;
  }
  try {
    if (temporalSuffix)
      str2 += temporalSuffix;
    switch (type) {
      case 1:
        return Temporal.ZonedDateTime.from(str2);
      case 2:
        return Temporal.PlainDateTime.from(str2);
      case 3:
        return Temporal.PlainDate.from(str2);
      case 4:
        return Temporal.PlainTime.from(str2);
    }
  } catch (e) {
    TomlError.x(e instanceof Error ? e.message : "" + e, ctx, errPtr);
  }
}

// node_modules/smol-toml/dist/util.js
function skipComment(ctx) {
  for (; ctx.p < ctx.s.length; ctx.p++) {
    let c = ctx.s.charCodeAt(ctx.p);
    if (c === 10)
      break;
    if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10) {
      ctx.p++;
      break;
    }
    if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in comments", ctx);
    }
  }
}
function skipVoid(ctx, banNewLines, banComments) {
  let c;
  while (ctx.p < ctx.s.length) {
    while (ctx.p < ctx.s.length && ((c = ctx.s.charCodeAt(ctx.p)) === 32 || c === 9 || !banNewLines && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)))
      ctx.p++;
    if (banComments || c !== 35)
      break;
    skipComment(ctx);
  }
}

// node_modules/smol-toml/dist/struct.js
function parseKey(ctx, end = 61) {
  let startPtr;
  let state = 0;
  let parsed = [];
  let sliceStart;
  let c = ctx.s.charCodeAt(startPtr = ctx.p);
  do {
    if (c === end) {
      if (!state)
        TomlError.x("unexpected end of key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      return ctx.p++, parsed;
    } else if (c === 46) {
      if (!state)
        TomlError.x("illegal empty bare key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      state = 0;
    } else if (!state && (c === 34 || c === 39)) {
      if (c === ctx.s.charCodeAt(ctx.p + 1) && c === ctx.s.charCodeAt(ctx.p + 2))
        TomlError.x("illegal quoted key: multiline strings are not allowed", ctx);
      parsed.push(parseString(ctx));
      state = 2;
      ctx.p--;
    } else if (c === 32 || c === 9) {
      if (state === 1) {
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
        state = 2;
      }
    } else if (state === 2 || c < 48 && c !== 45 || c > 57 && c < 65 || c > 90 && c < 97 && c !== 95 || c > 122) {
      TomlError.x("illegal character in key", ctx);
    } else if (!state) {
      state = 1;
      sliceStart = ctx.p;
    }
  } while (c = ctx.s.charCodeAt(++ctx.p));
  TomlError.x("incomplete key-value: cannot find end of key", ctx, startPtr);
}
function parseInlineTable(ctx) {
  let startPtr = ctx.p++;
  let res = /* @__PURE__ */ Object.create(null);
  let seen = /* @__PURE__ */ new Set();
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 125) {
      ctx.p++;
      return res;
    }
    let k;
    let t2 = res;
    let hasOwn = false;
    let errPtr = ctx.p;
    let key = parseKey(ctx);
    for (let i = 0; i < key.length; i++) {
      if (i)
        t2 = hasOwn ? t2[k] : t2[k] = /* @__PURE__ */ Object.create(null);
      k = key[i];
      if ((hasOwn = Object.hasOwn(t2, k)) && (typeof t2[k] !== "object" || seen.has(t2[k]))) {
        TomlError.x("trying to redefine an already defined value", ctx, errPtr);
      }
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor")) {
        t2 = ctx.uk !== 1 && TomlError.x("document contains an unsafe property", ctx, errPtr);
        break;
      }
      if (!hasOwn && unsafe) {
        Object.defineProperty(t2, k, { enumerable: true, configurable: true, writable: true });
      }
    }
    if (hasOwn) {
      TomlError.x("trying to redefine an already defined value", ctx, errPtr);
    }
    skipVoid(ctx, true, true);
    let value = extractValue(
      ctx,
      125
      /* } */
    );
    if (t2 && typeof (t2[k] = value) === "object")
      seen.add(value);
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 125) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished table", ctx, startPtr);
}
function parseArray(ctx) {
  let startPtr = ctx.p++;
  let res = [];
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 93) {
      ctx.p++;
      return res;
    }
    res.push(extractValue(
      ctx,
      93
      /* ] */
    ));
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 93) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished array", ctx, startPtr);
}

// node_modules/smol-toml/dist/parse.js
function peekTable(ctx, key, table, meta, type) {
  let t2 = table;
  let m = meta;
  let k;
  let hasOwn = false;
  let state;
  for (let i = 0; i < key.length; i++) {
    if (i) {
      t2 = hasOwn ? t2[k] : t2[k] = /* @__PURE__ */ Object.create(null);
      m = (state = m[k]).c;
      if (type === 0 && (state.t === 1 || state.t === 2)) {
        return null;
      }
      if (state.t === 2) {
        let l = t2.length - 1;
        t2 = t2[l];
        m = m[l].c;
      }
    }
    k = key[i];
    if ((hasOwn = Object.hasOwn(t2, k)) && m[k]?.t === 0 && m[k]?.d) {
      return null;
    }
    if (!hasOwn) {
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor"))
        return false;
      if (unsafe) {
        Object.defineProperty(t2, k, { enumerable: true, configurable: true, writable: true });
        Object.defineProperty(m, k, { enumerable: true, configurable: true, writable: true });
      }
      m[k] = {
        t: i < key.length - 1 && type === 2 ? 3 : type,
        d: false,
        i: 0,
        c: /* @__PURE__ */ Object.create(null)
      };
    }
  }
  state = m[k];
  if (state.t !== type && !(type === 1 && state.t === 3)) {
    return null;
  }
  if (type === 2) {
    if (!state.d) {
      state.d = true;
      t2[k] = [];
    }
    t2[k].push(t2 = /* @__PURE__ */ Object.create(null));
    state.c[state.i++] = state = { t: 1, d: false, i: 0, c: /* @__PURE__ */ Object.create(null) };
  }
  if (state.d) {
    return null;
  }
  state.d = true;
  if (type === 1) {
    t2 = hasOwn ? t2[k] : t2[k] = /* @__PURE__ */ Object.create(null);
  } else if (type === 0 && hasOwn) {
    return null;
  }
  return [k, t2, state.c];
}
function validateTablePeek(ctx, peek, ptr) {
  if (peek === null || ctx.uk === 2)
    TomlError.x(peek === null ? "trying to redefine an already defined table or value" : "document contains an unsafe property", ctx, ptr);
}
function parse(toml, options = {}) {
  let ctx = {
    s: toml,
    p: 0,
    d: options.maxDepth ?? 1e3,
    bi: options.integersAsBigInt ?? false,
    ld: options.useLegacyDate ?? true,
    uk: options.unsafeKeyBehaviour === "throw" ? 2 : options.unsafeKeyBehaviour === "drop" ? 1 : 0
  };
  let res = /* @__PURE__ */ Object.create(null);
  let meta = /* @__PURE__ */ Object.create(null);
  let tmp2;
  let skipping = false;
  let tbl = res;
  let m = meta;
  if (toml.charCodeAt(0) === 65279)
    ctx.p++;
  skipVoid(ctx);
  while (ctx.p < toml.length) {
    if (toml.charCodeAt(ctx.p) === 91) {
      let isTableArray = toml.charCodeAt(++ctx.p) === 91;
      tmp2 = ctx.p += +isTableArray;
      skipping = false;
      let k = parseKey(
        ctx,
        93
        /* ] */
      );
      if (isTableArray) {
        if (toml.charCodeAt(ctx.p) !== 93) {
          TomlError.x("expected end of table array declaration", ctx);
        }
        ctx.p++;
      }
      let p = peekTable(
        ctx,
        k,
        res,
        meta,
        isTableArray ? 2 : 1
        /* Type.EXPLICIT */
      );
      if (!p) {
        validateTablePeek(ctx, p, tmp2);
        skipping = true;
      } else {
        m = p[2];
        tbl = p[1];
      }
    } else {
      tmp2 = ctx.p;
      let k = parseKey(ctx);
      let p = peekTable(
        ctx,
        k,
        tbl,
        m,
        0
        /* Type.DOTTED */
      );
      if (!p && !skipping)
        validateTablePeek(ctx, p, tmp2);
      skipVoid(ctx, true, true);
      let v = extractValue(ctx, void 0);
      if (p && !skipping)
        p[1][p[0]] = v;
    }
    skipVoid(ctx, true);
    if (ctx.p < toml.length && (tmp2 = toml.charCodeAt(ctx.p)) !== 10 && (tmp2 !== 13 || toml.charCodeAt(ctx.p + 1) !== 10)) {
      TomlError.x("each key-value declaration must be followed by an end-of-line", ctx);
    }
    skipVoid(ctx);
  }
  return res;
}

// node_modules/smol-toml/dist/stringify.js
var HAS_WELLFORMED = !!"".isWellFormed;

// node_modules/@noble/curves/utils.js
function aarray(item, title, inner = () => {
}) {
  if (!Array.isArray(item))
    throw new TypeError(`"${title}" expected array, got type=${typeof item}`);
  for (let i = 0; i < item.length; i++)
    inner(item[i], `${title}[${i}]`);
  return item;
}
var abytes2 = (value, length, title) => abytes(value, length, title);
var anumber2 = anumber;
function aobject2(value, title = "object") {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new TypeError(title === "object" ? "expected valid options object" : `"${title}" expected object, got type=${typeof value}`);
  return value;
}
function afunction(value, title) {
  if (typeof value !== "function")
    throw new TypeError(`"${title}" is invalid: expected function, got ${typeof value}`);
  return value;
}
var bytesToHex2 = bytesToHex;
var concatBytes2 = (...arrays) => concatBytes(...arrays);
var hexToBytes2 = (hex) => hexToBytes(hex);
var isBytes2 = isBytes;
var randomBytes2 = (bytesLength) => randomBytes(bytesLength);
var _0n = /* @__PURE__ */ BigInt(0);
var _1n = /* @__PURE__ */ BigInt(1);
var atitle2 = (title) => title ? `"${title}" ` : "";
function abool(value, title = "") {
  if (typeof value !== "boolean")
    throw new TypeError(atitle2(title) + "expected boolean, got type=" + typeof value);
  return value;
}
function abignumber(n) {
  if (typeof n === "bigint") {
    if (!isPosBig(n))
      throw new RangeError("positive bigint expected, got " + n);
  } else
    anumber2(n);
  return n;
}
function asafenumber(value, title = "") {
  if (typeof value !== "number") {
    const prefix = title && `"${title}" `;
    throw new TypeError(prefix + "expected number, got type=" + typeof value);
  }
  if (!Number.isSafeInteger(value)) {
    const prefix = title && `"${title}" `;
    throw new RangeError(prefix + "expected safe integer, got " + value);
  }
}
function hexToNumber(hex) {
  if (typeof hex !== "string")
    throw new TypeError("hex string expected, got " + typeof hex);
  return hex === "" ? _0n : BigInt("0x" + hex);
}
function bytesToNumberBE(bytes) {
  return hexToNumber(bytesToHex(bytes));
}
function bytesToNumberLE(bytes) {
  return hexToNumber(bytesToHex(copyBytes(abytes(bytes)).reverse()));
}
function numberToBytesBE(n, len) {
  anumber(len);
  if (len === 0)
    throw new Error("zero output length is invalid");
  n = abignumber(n);
  const expectedLen = len * 2;
  const hex = n.toString(16);
  if (hex.length > expectedLen)
    throw new RangeError("number is too large");
  return hexToBytes(hex.padStart(expectedLen, "0"));
}
function numberToBytesLE(n, len) {
  return numberToBytesBE(n, len).reverse();
}
function copyBytes(bytes) {
  return Uint8Array.from(abytes2(bytes));
}
function asciiToBytes(ascii2) {
  if (typeof ascii2 !== "string")
    throw new TypeError("ascii string expected, got " + typeof ascii2);
  return Uint8Array.from(ascii2, (c, i) => {
    const charCode = c.charCodeAt(0);
    if (c.length !== 1 || charCode > 127) {
      throw new RangeError(`string contains non-ASCII character "${ascii2[i]}" with code ${charCode} at position ${i}`);
    }
    return charCode;
  });
}
function isPosBig(n) {
  return typeof n === "bigint" && _0n <= n;
}
function inRange(n, min, max) {
  return isPosBig(n) && isPosBig(min) && isPosBig(max) && min <= n && n < max;
}
function aInRange(title, n, min, max) {
  if (!inRange(n, min, max))
    throw new RangeError("expected valid " + title + ": " + min + " <= n < " + max + ", got " + n);
}
function bitLen(n) {
  if (n < _0n)
    throw new Error("expected non-negative bigint, got " + n);
  return n === _0n ? 0 : n.toString(2).length;
}
function bitGet(n, pos) {
  if (typeof n !== "bigint")
    throw new TypeError('"n" expected bigint, got type=' + typeof n);
  asafenumber(pos, "pos");
  return n >> BigInt(pos) & _1n;
}
var bitMask = (n) => {
  asafenumber(n, "n");
  return (_1n << BigInt(n)) - _1n;
};
function validateObject(object, fields2 = {}, optFields = {}, title = "object") {
  aobject2(object, title);
  aobject2(fields2, "fields");
  aobject2(optFields, "optFields");
  function checkField(fieldName, expectedType, isOpt) {
    const label = title === "object" ? `param "${String(fieldName)}"` : `"${title}.${String(fieldName)}"`;
    const val = object[fieldName];
    if (!Object.hasOwn(object, fieldName) && (isOpt ? val !== void 0 : expectedType !== "function")) {
      throw new TypeError(`${label} is invalid: expected own property`);
    }
    if (isOpt && val === void 0)
      return;
    const current = typeof val;
    if (current !== expectedType || val === null)
      throw new TypeError(`${label} is invalid: expected ${expectedType}, got ${current}`);
  }
  const iter = (f, isOpt) => Object.entries(f).forEach(([k, v]) => checkField(k, v, isOpt));
  iter(fields2, false);
  iter(optFields, true);
}
var notImplemented = () => {
  throw new Error("not implemented");
};

// node_modules/@noble/curves/abstract/modular.js
var _0n2 = /* @__PURE__ */ BigInt(0);
var _1n2 = /* @__PURE__ */ BigInt(1);
var _2n = /* @__PURE__ */ BigInt(2);
var _3n = /* @__PURE__ */ BigInt(3);
var _4n = /* @__PURE__ */ BigInt(4);
var _5n = /* @__PURE__ */ BigInt(5);
var _7n = /* @__PURE__ */ BigInt(7);
var _8n = /* @__PURE__ */ BigInt(8);
var _9n = /* @__PURE__ */ BigInt(9);
var _15n = /* @__PURE__ */ BigInt(15);
var _16n = /* @__PURE__ */ BigInt(16);
var POW_WINDOWED_MIN = /* @__PURE__ */ BigInt("0x10000000000000000");
function mod(a, b) {
  if (b <= _0n2)
    throw new Error("mod: expected positive modulus, got " + b);
  const result = a % b;
  return result >= _0n2 ? result : b + result;
}
function pow(num, power, modulo) {
  if (modulo <= _1n2)
    throw new Error("pow: expected modulus > 1, got " + modulo);
  if (typeof power !== "bigint")
    throw new TypeError("invalid exponent: expected bigint, got " + typeof power);
  if (power < _0n2)
    throw new Error("invalid exponent, negatives unsupported");
  if (power === _0n2)
    return _1n2;
  if (power === _1n2)
    return num;
  let d = num % modulo;
  if (d < _0n2)
    d += modulo;
  if (power < POW_WINDOWED_MIN) {
    let p2 = _1n2;
    while (power > _0n2) {
      if (power & _1n2)
        p2 = p2 * d % modulo;
      d = d * d % modulo;
      power >>= _1n2;
    }
    return p2;
  }
  const digits = [];
  while (power > _0n2) {
    digits.push(Number(power & _15n));
    power >>= _4n;
  }
  const table = new Array(16);
  table[0] = _1n2;
  table[1] = d;
  for (let i = 2; i < 16; i++)
    table[i] = table[i - 1] * d % modulo;
  let p = table[digits[digits.length - 1]];
  for (let w = digits.length - 2; w >= 0; w--) {
    p = p * p % modulo;
    p = p * p % modulo;
    p = p * p % modulo;
    p = p * p % modulo;
    const digit = digits[w];
    if (digit !== 0)
      p = p * table[digit] % modulo;
  }
  return p;
}
function pow2(x2, power, modulo) {
  if (modulo <= _1n2)
    throw new Error("pow2: expected modulus > 1, got " + modulo);
  if (power < _0n2)
    throw new Error("pow2: expected non-negative exponent, got " + power);
  let res = x2;
  while (power-- > _0n2) {
    res *= res;
    res %= modulo;
  }
  return res;
}
function invert(number, modulo) {
  if (number === _0n2)
    throw new Error("invert: expected non-zero number");
  if (modulo <= _1n2)
    throw new Error("invert: expected modulus > 1, got " + modulo);
  let a = mod(number, modulo);
  let b = modulo;
  let x2 = _0n2, u = _1n2;
  while (a !== _0n2) {
    const q = b / a;
    const r = b - a * q;
    const m = x2 - u * q;
    b = a, a = r, x2 = u, u = m;
  }
  const gcd2 = b;
  if (gcd2 !== _1n2)
    throw new Error("invert: does not exist");
  return mod(x2, modulo);
}
function assertIsSquare(Fp3, root, n) {
  const F = Fp3;
  if (!F.eql(F.sqr(root), n))
    throw new Error("Cannot find square root");
}
function aoddModulus(order, fnName) {
  if ((order & _1n2) === _0n2)
    throw new Error(fnName + ": expected odd modulus, got " + order);
}
function sqrt3mod4(Fp3, n) {
  const F = Fp3;
  const p1div4 = (F.ORDER + _1n2) / _4n;
  const root = F.pow(n, p1div4);
  assertIsSquare(F, root, n);
  return root;
}
function sqrt5mod8(Fp3, n) {
  const F = Fp3;
  const p5div8 = (F.ORDER - _5n) / _8n;
  const n2 = F.mul(n, _2n);
  const v = F.pow(n2, p5div8);
  const nv = F.mul(n, v);
  const i = F.mul(F.mul(nv, _2n), v);
  const root = F.mul(nv, F.sub(i, F.ONE));
  assertIsSquare(F, root, n);
  return root;
}
function sqrt9mod16(P2) {
  const Fp_ = Field(P2);
  const tn = tonelliShanks(P2);
  const c1 = tn(Fp_, Fp_.neg(Fp_.ONE));
  const c2 = tn(Fp_, c1);
  const c3 = tn(Fp_, Fp_.neg(c1));
  const c4 = (P2 + _7n) / _16n;
  return ((Fp3, n) => {
    const F = Fp3;
    let tv1 = F.pow(n, c4);
    let tv2 = F.mul(tv1, c1);
    const tv3 = F.mul(tv1, c2);
    const tv4 = F.mul(tv1, c3);
    const e1 = F.eql(F.sqr(tv2), n);
    const e2 = F.eql(F.sqr(tv3), n);
    tv1 = F.cmov(tv1, tv2, e1);
    tv2 = F.cmov(tv4, tv3, e2);
    const e3 = F.eql(F.sqr(tv2), n);
    const root = F.cmov(tv1, tv2, e3);
    assertIsSquare(F, root, n);
    return root;
  });
}
function tonelliShanks(P2) {
  if (P2 < _3n)
    throw new Error("sqrt is not defined for small field");
  aoddModulus(P2, "tonelliShanks");
  let Q = P2 - _1n2;
  let S = 0;
  while (Q % _2n === _0n2) {
    Q /= _2n;
    S++;
  }
  let Z = _2n;
  const _Fp = Field(P2);
  while (FpLegendre(_Fp, Z) === 1) {
    if (Z++ > 1e3)
      throw new Error("Cannot find square root: probably non-prime P");
  }
  if (S === 1)
    return sqrt3mod4;
  let cc = _Fp.pow(Z, Q);
  const Q1div2 = (Q + _1n2) / _2n;
  return function tonelliSlow(Fp3, n) {
    const F = Fp3;
    if (F.is0(n))
      return n;
    if (FpLegendre(F, n) !== 1)
      throw new Error("Cannot find square root");
    let M = S;
    let c = F.mul(F.ONE, cc);
    let t2 = F.pow(n, Q);
    let R = F.pow(n, Q1div2);
    while (!F.eql(t2, F.ONE)) {
      if (F.is0(t2))
        throw new Error("Cannot find square root: probably non-prime P");
      let i = 1;
      let t_tmp = F.sqr(t2);
      while (!F.eql(t_tmp, F.ONE)) {
        i++;
        t_tmp = F.sqr(t_tmp);
        if (i === M)
          throw new Error("Cannot find square root");
      }
      const exponent = _1n2 << BigInt(M - i - 1);
      const b = F.pow(c, exponent);
      M = i;
      c = F.sqr(b);
      t2 = F.mul(t2, c);
      R = F.mul(R, b);
    }
    return R;
  };
}
function FpSqrt(P2) {
  aoddModulus(P2, "Fp.sqrt");
  if (P2 % _4n === _3n)
    return sqrt3mod4;
  if (P2 % _8n === _5n)
    return sqrt5mod8;
  if (P2 % _16n === _9n)
    return sqrt9mod16(P2);
  return tonelliShanks(P2);
}
var isNegativeLE = (num, modulo) => (mod(num, modulo) & _1n2) === _1n2;
var FIELD_FIELDS = [
  "create",
  "isValid",
  "is0",
  "neg",
  "inv",
  "sqrt",
  "sqr",
  "eql",
  "add",
  "sub",
  "mul",
  "pow",
  "div",
  "addN",
  "subN",
  "mulN",
  "sqrN"
];
function validateField(field2) {
  aobject2(field2, "field");
  if (typeof field2.ORDER !== "bigint")
    throw new TypeError('param "ORDER" is invalid: expected bigint, got ' + typeof field2.ORDER);
  asafenumber(field2.BYTES, "BYTES");
  asafenumber(field2.BITS, "BITS");
  for (const name of FIELD_FIELDS)
    afunction(field2[name], "field." + name);
  if (field2.BYTES < 1 || field2.BITS < 1)
    throw new Error("invalid field: expected BYTES/BITS > 0");
  if (field2.ORDER <= _1n2)
    throw new Error("invalid field: expected ORDER > 1, got " + field2.ORDER);
  return field2;
}
function FpPow(Fp3, num, power) {
  validateField(Fp3);
  const F = Fp3;
  if (typeof power !== "bigint")
    throw new TypeError("invalid exponent: expected bigint, got " + typeof power);
  if (power < _0n2)
    throw new Error("invalid exponent, negatives unsupported");
  if (power === _0n2)
    return F.ONE;
  if (power === _1n2)
    return num;
  if (power < POW_WINDOWED_MIN) {
    let p2 = F.ONE;
    let d = num;
    while (power > _0n2) {
      if (power & _1n2)
        p2 = F.mul(p2, d);
      d = F.sqr(d);
      power >>= _1n2;
    }
    return p2;
  }
  const digits = [];
  while (power > _0n2) {
    digits.push(Number(power & _15n));
    power >>= _4n;
  }
  const table = new Array(16);
  table[0] = F.ONE;
  table[1] = num;
  for (let i = 2; i < 16; i++)
    table[i] = F.mul(table[i - 1], num);
  let p = table[digits[digits.length - 1]];
  for (let w = digits.length - 2; w >= 0; w--) {
    p = F.sqr(F.sqr(F.sqr(F.sqr(p))));
    const digit = digits[w];
    if (digit !== 0)
      p = F.mul(p, table[digit]);
  }
  return p;
}
function FpInvertBatch(Fp3, nums, passZero = false) {
  validateField(Fp3);
  aarray(nums, "nums");
  abool(passZero, "passZero");
  const F = Fp3;
  const inverted = new Array(nums.length).fill(passZero ? F.ZERO : void 0);
  const multipliedAcc = nums.reduce((acc, num, i) => {
    if (F.is0(num))
      return acc;
    inverted[i] = acc;
    return F.mul(acc, num);
  }, F.ONE);
  const invertedAcc = F.inv(multipliedAcc);
  nums.reduceRight((acc, num, i) => {
    if (F.is0(num))
      return acc;
    inverted[i] = F.mul(acc, inverted[i]);
    return F.mul(acc, num);
  }, invertedAcc);
  return inverted;
}
function FpLegendre(Fp3, n) {
  validateField(Fp3);
  const F = Fp3;
  aoddModulus(F.ORDER, "FpLegendre");
  const p1mod2 = (F.ORDER - _1n2) / _2n;
  const powered = F.pow(n, p1mod2);
  const yes = F.eql(powered, F.ONE);
  const zero = F.eql(powered, F.ZERO);
  const no = F.eql(powered, F.neg(F.ONE));
  if (!yes && !zero && !no)
    throw new Error("invalid Legendre symbol result");
  return yes ? 1 : zero ? 0 : -1;
}
function FpIsSquare(Fp3, n) {
  const l = FpLegendre(Fp3, n);
  return l !== -1;
}
function nLength(n, nBitLength) {
  if (nBitLength !== void 0)
    anumber2(nBitLength);
  if (n <= _0n2)
    throw new Error("invalid n length: expected positive n, got " + n);
  if (nBitLength !== void 0 && nBitLength < 1)
    throw new Error("invalid n length: expected positive bit length, got " + nBitLength);
  const bits = bitLen(n);
  if (nBitLength !== void 0 && nBitLength < bits)
    throw new Error(`invalid n length: expected nBitLength (${nBitLength}) >= bitLen(n) (${bits})`);
  const _nBitLength = nBitLength !== void 0 ? nBitLength : bits;
  const nByteLength = Math.ceil(_nBitLength / 8);
  return { nBitLength: _nBitLength, nByteLength };
}
var FIELD_SQRT = /* @__PURE__ */ new WeakMap();
var _Field = class {
  ORDER;
  BITS;
  BYTES;
  isLE;
  ZERO = _0n2;
  ONE = _1n2;
  _lengths;
  _mod;
  constructor(ORDER2, opts = {}) {
    if (ORDER2 <= _1n2)
      throw new Error("invalid field: expected ORDER > 1, got " + ORDER2);
    let _nbitLength = void 0;
    this.isLE = false;
    if (opts != null && typeof opts === "object") {
      if (typeof opts.BITS === "number")
        _nbitLength = opts.BITS;
      if (typeof opts.sqrt === "function")
        Object.defineProperty(this, "sqrt", { value: opts.sqrt, enumerable: true });
      if (typeof opts.isLE === "boolean")
        this.isLE = opts.isLE;
      if (opts.allowedLengths)
        this._lengths = Object.freeze(opts.allowedLengths.slice());
      if (typeof opts.modFromBytes === "boolean")
        this._mod = opts.modFromBytes;
    }
    const { nBitLength, nByteLength } = nLength(ORDER2, _nbitLength);
    if (nByteLength > 2048)
      throw new Error("invalid field: expected ORDER of <= 2048 bytes");
    this.ORDER = ORDER2;
    this.BITS = nBitLength;
    this.BYTES = nByteLength;
    Object.freeze(this);
  }
  create(num) {
    return mod(num, this.ORDER);
  }
  isValid(num) {
    if (typeof num !== "bigint")
      throw new TypeError("invalid field element: expected bigint, got " + typeof num);
    return _0n2 <= num && num < this.ORDER;
  }
  is0(num) {
    return num === _0n2;
  }
  // is valid and invertible
  isValidNot0(num) {
    return !this.is0(num) && this.isValid(num);
  }
  isOdd(num) {
    return (num & _1n2) === _1n2;
  }
  neg(num) {
    return mod(-num, this.ORDER);
  }
  eql(lhs, rhs) {
    return lhs === rhs;
  }
  sqr(num) {
    return mod(num * num, this.ORDER);
  }
  add(lhs, rhs) {
    return mod(lhs + rhs, this.ORDER);
  }
  sub(lhs, rhs) {
    return mod(lhs - rhs, this.ORDER);
  }
  mul(lhs, rhs) {
    return mod(lhs * rhs, this.ORDER);
  }
  pow(num, power) {
    return pow(num, power, this.ORDER);
  }
  div(lhs, rhs) {
    return mod(lhs * invert(rhs, this.ORDER), this.ORDER);
  }
  // Same as above, but doesn't normalize
  sqrN(num) {
    return num * num;
  }
  addN(lhs, rhs) {
    return lhs + rhs;
  }
  subN(lhs, rhs) {
    return lhs - rhs;
  }
  mulN(lhs, rhs) {
    return lhs * rhs;
  }
  inv(num) {
    return invert(num, this.ORDER);
  }
  sqrt(num) {
    let sqrt = FIELD_SQRT.get(this);
    if (!sqrt)
      FIELD_SQRT.set(this, sqrt = FpSqrt(this.ORDER));
    return sqrt(this, num);
  }
  toBytes(num) {
    return this.isLE ? numberToBytesLE(num, this.BYTES) : numberToBytesBE(num, this.BYTES);
  }
  fromBytes(bytes, skipValidation = false) {
    abytes2(bytes);
    const { _lengths: allowedLengths, BYTES, isLE: isLE3, ORDER: ORDER2, _mod: modFromBytes } = this;
    if (allowedLengths) {
      if (bytes.length < 1 || !allowedLengths.includes(bytes.length) || bytes.length > BYTES) {
        throw new Error("Field.fromBytes: expected " + allowedLengths + " bytes, got " + bytes.length);
      }
      const padded = new Uint8Array(BYTES);
      padded.set(bytes, isLE3 ? 0 : padded.length - bytes.length);
      bytes = padded;
    }
    if (bytes.length !== BYTES)
      throw new Error("Field.fromBytes: expected " + BYTES + " bytes, got " + bytes.length);
    let scalar = isLE3 ? bytesToNumberLE(bytes) : bytesToNumberBE(bytes);
    if (modFromBytes)
      scalar = mod(scalar, ORDER2);
    if (!skipValidation) {
      if (!this.isValid(scalar))
        throw new Error("invalid field element: outside of range 0..ORDER");
    }
    return scalar;
  }
  // TODO: we don't need it here, move out to separate fn
  invertBatch(lst) {
    return FpInvertBatch(this, lst, true);
  }
  // We can't move this out because Fp6, Fp12 implement it
  // and it's unclear what to return in there.
  cmov(a, b, condition) {
    abool(condition, "condition");
    return condition ? b : a;
  }
};
function Field(ORDER2, opts = {}) {
  Object.freeze(_Field.prototype);
  return new _Field(ORDER2, opts);
}
function getFieldBytesLength(fieldOrder) {
  if (typeof fieldOrder !== "bigint")
    throw new Error("field order must be bigint");
  if (fieldOrder <= _1n2)
    throw new Error("field order must be greater than 1");
  const bitLength = bitLen(fieldOrder - _1n2);
  return Math.ceil(bitLength / 8);
}
function getMinHashLength(fieldOrder) {
  const length = getFieldBytesLength(fieldOrder);
  return length + Math.ceil(length / 2);
}
function mapHashToField(key, fieldOrder, isLE3 = false) {
  abytes2(key);
  const len = key.length;
  const fieldLen = getFieldBytesLength(fieldOrder);
  const minLen = Math.max(getMinHashLength(fieldOrder), 16);
  if (len < minLen || len > 1024)
    throw new Error("expected " + minLen + "-1024 bytes of input, got " + len);
  const num = isLE3 ? bytesToNumberLE(key) : bytesToNumberBE(key);
  const reduced = mod(num, fieldOrder - _1n2) + _1n2;
  return isLE3 ? numberToBytesLE(reduced, fieldLen) : numberToBytesBE(reduced, fieldLen);
}

// node_modules/@noble/curves/abstract/curve.js
var _0n3 = /* @__PURE__ */ BigInt(0);
var _1n3 = /* @__PURE__ */ BigInt(1);
var _4n2 = /* @__PURE__ */ BigInt(4);
var BLIND_BYTES = 16;
var BLIND_BITS = 128;
var FW_WINDOW = 5;
var TABLE_BYTES_MAX = /* @__PURE__ */ (() => 2 ** 31)();
function validatePointCons(Point) {
  const pc = Point;
  if (typeof pc !== "function")
    throw new TypeError('"Point" expected constructor, got type=' + typeof Point);
  afunction(pc.fromAffine, "Point.fromAffine");
  afunction(pc.fromBytes, "Point.fromBytes");
  afunction(pc.fromHex, "Point.fromHex");
  aobject2(pc.BASE, "Point.BASE");
  aobject2(pc.ZERO, "Point.ZERO");
  validateField(pc.Fp);
  validateField(pc.Fn);
}
function normalizeZ(c, points) {
  validatePointCons(c);
  validateMSMPoints(points, c);
  const invertedZs = FpInvertBatch(c.Fp, points.map((p) => p.Z));
  return points.map((p, i) => c.fromAffine(p.toAffine(invertedZs[i])));
}
function validateW(W, bits, min = 1) {
  if (!Number.isSafeInteger(W) || W < min || W > bits)
    throw new Error("invalid window size, expected [" + min + ".." + bits + "], got W=" + W);
}
function validateTableBytes(numPoints, fpBytes) {
  const bytes = numPoints * (4 * fpBytes + 128);
  if (bytes > TABLE_BYTES_MAX)
    throw new Error("invalid window size: table would need ~" + Math.ceil(bytes / 2 ** 20) + " MiB, max " + TABLE_BYTES_MAX / 2 ** 20 + " MiB");
}
function probeRandomBytes(randomBytes6, length) {
  if (randomBytes6 === void 0)
    return void 0;
  afunction(randomBytes6, "randomBytes");
  try {
    const probe = randomBytes6(length);
    if (!isBytes2(probe) || probe.length !== length)
      return void 0;
  } catch {
    return void 0;
  }
  return randomBytes6;
}
function validateMSMPoints(points, c) {
  aarray(points, "points");
  points.forEach((p, i) => {
    if (!(p instanceof c))
      throw new Error("invalid point at index " + i);
  });
}
function validateMSMScalars(scalars, field2, maxScalar) {
  if (!Array.isArray(scalars))
    throw new Error("array of scalars expected");
  scalars.forEach((s, i) => {
    const ok = maxScalar === void 0 ? field2.isValid(s) : isPosBig(s) && s < maxScalar;
    if (!ok)
      throw new Error("invalid scalar at index " + i);
  });
}
var pointWindowSizes = /* @__PURE__ */ new WeakMap();
function getWindowSize(P2) {
  return pointWindowSizes.get(P2) || 1;
}
function oddMultiples(p, size) {
  const dbl = p.double();
  const t2 = [p];
  for (let j = 1; j < size; j++)
    t2.push(t2[j - 1].add(dbl));
  return t2;
}
function wnafDigits(n, W) {
  const size = 2 ** W;
  const half = size / 2;
  const mask = BigInt(size - 1);
  const d = [];
  while (n > _0n3) {
    let w = 0;
    if (n & _1n3) {
      w = Number(n & mask);
      if (w >= half)
        w -= size;
      n -= BigInt(w);
    }
    d.push(w);
    n >>= _1n3;
  }
  return d;
}
function signedWindowDigits(n, W, windows) {
  const size = 2 ** W;
  const half = size / 2;
  const mask = BigInt(size - 1);
  const shiftBy = BigInt(W);
  const d = [];
  for (let w = 0; w < windows; w++) {
    let v = Number(n & mask);
    n >>= shiftBy;
    if (v > half) {
      v -= size;
      n += _1n3;
    }
    d.push(v);
  }
  if (n !== _0n3)
    throw new Error("invalid wnaf");
  return d;
}
function wnafWalk(zero, tables, digits) {
  let max = 0;
  for (const d of digits)
    max = Math.max(max, d.length);
  let acc = zero;
  for (let bit = max - 1; bit >= 0; bit--) {
    if (bit !== max - 1)
      acc = acc.double();
    for (let i = 0; i < digits.length; i++) {
      const w = digits[i][bit];
      if (w) {
        const item = tables[i][Math.abs(w) - 1 >> 1];
        acc = acc.add(w < 0 ? item.negate() : item);
      }
    }
  }
  return acc;
}
var ScalarMultiplier = class {
  Point;
  BASE;
  ZERO;
  randomBytes;
  wnafPrecomputes = /* @__PURE__ */ new WeakMap();
  baseCanBeBlinded;
  bits;
  // Parametrized with a given Point class (not individual point)
  constructor(Point, randomBytes6) {
    validatePointCons(Point);
    this.randomBytes = probeRandomBytes(randomBytes6, BLIND_BYTES);
    this.Point = Point;
    this.BASE = Point.BASE;
    this.ZERO = Point.ZERO;
    this.bits = Point.Fn.BITS;
  }
  /**
   * Creates a signed fixed-window wNAF precomputation table: for every window w, the
   * multiples `[1..2^(W−1)]⋅2^(w⋅W)⋅P`, flattened. All doublings are baked into the table,
   * so cached multiplication is additions-only. `windows = ceil(bits/W) + 1`: the extra
   * window absorbs the final carry of signed-digit recoding.
   * For a 256-bit curve and W=6, the table is 44⋅32 = 1408 points.
   * @param point - Point instance
   * @param W - window size
   * @param bits - scalar bitlength the table must cover
   */
  buildWnafTable(point, W, bits) {
    const windows = Math.ceil(bits / W) + 1;
    const half = 2 ** (W - 1);
    const comp = [];
    let base = point;
    for (let w = 0; w < windows; w++) {
      let acc = base;
      for (let i = 0; i < half; i++) {
        comp.push(acc);
        acc = acc.add(base);
      }
      base = comp[comp.length - 1].double();
    }
    return { W, bits, windows, comp };
  }
  /**
   * Implements ec multiplication using precomputed signed fixed-window wNAF tables.
   * Constant-time: fixed window count with one table addition per window — zero digits feed
   * the fake accumulator — and no doublings; the lookup scans the whole window slice.
   * Scalar bounds are validated by the public entry points ({@link ScalarMultiplier.mulCT},
   * {@link ScalarMultiplier.mulCTBlinded}, {@link ScalarMultiplier.mulUnsafe});
   * signedWindowDigits throws if `n` exceeds the table.
   * @returns real and fake (for const-time) points
   */
  wnafCachedCT(precomputes, n) {
    const { W, windows, comp } = precomputes;
    const half = 2 ** (W - 1);
    const digits = signedWindowDigits(n, W, windows);
    let p = this.ZERO;
    let f = this.BASE;
    for (let w = 0; w < windows; w++) {
      const digit = digits[w];
      const start = w * half;
      const idx = Math.abs(digit) - 1;
      let sel = comp[start];
      for (let i = 1; i < half; i++)
        sel = i === idx ? comp[start + i] : sel;
      const neg = sel.negate();
      if (digit === 0)
        f = f.add(comp[start]);
      else
        p = p.add(digit < 0 ? neg : sel);
    }
    return { p, f };
  }
  // Cache key is point identity plus (W, bits); at most two entries exist per point (public-width
  // `Fn.BITS` and blinded `Fn.BITS + BLIND_BITS`). Callers must not reuse the same point with
  // incompatible `transform(...)` layouts and expect a separate cache entry.
  getWnafPrecomputes(W, point, bits, transform) {
    let entries = this.wnafPrecomputes.get(point);
    let comp = entries?.find((entry) => entry.W === W && entry.bits === bits);
    if (!comp) {
      comp = this.buildWnafTable(point, W, bits);
      if (typeof transform === "function")
        comp = { ...comp, comp: transform(comp.comp) };
      if (!entries) {
        entries = [];
        this.wnafPrecomputes.set(point, entries);
      }
      entries.push(comp);
    }
    return comp;
  }
  assertPoint(point) {
    if (!(point instanceof this.Point))
      throw new TypeError('"point" expected Point instance, got type=' + typeof point);
  }
  // Shared prologue of the constant-time entry points. Rejects scalar 0: in key/signature-style
  // callers a zero scalar means broken upstream plumbing, and concrete Points already reject it.
  // Uses inRange instead of Fn.isValidNot0: validateField() only certifies the arithmetic subset.
  validateMulInput(point, scalar) {
    this.assertPoint(point);
    if (!inRange(scalar, _1n3, this.Point.Fn.ORDER))
      throw new Error("invalid scalar");
  }
  // Constant-time dispatch shared by mulCT / mulCTBlinded. Un-precomputed points (W===1, e.g.
  // ECDH peer keys) skip building a throwaway cached table in favor of a small fixed-window
  // multiply. `n` must be < 2^bits.
  runCT(point, n, bits, transform) {
    const W = getWindowSize(point);
    if (W === 1)
      return this.fixedWindowCT(point, n, bits);
    return this.wnafCachedCT(this.getWnafPrecomputes(W, point, bits, transform), n);
  }
  mulCT(point, scalar, transform) {
    this.validateMulInput(point, scalar);
    return this.runCT(point, scalar, this.bits, transform);
  }
  mulCTBlinded(point, scalar, transform) {
    this.validateMulInput(point, scalar);
    if (this.randomBytes === void 0)
      throw new Error("randomBytes is required for scalar blinding");
    const bits = this.Point.Fn.BITS + BLIND_BITS;
    const blind = this.randomBytes(BLIND_BYTES);
    if (!isBytes2(blind) || blind.length !== BLIND_BYTES)
      throw new Error("randomBytes returned invalid byte array");
    blind[0] = blind[0] & 63 | 128;
    const n = scalar + bytesToNumberBE(blind) * this.Point.Fn.ORDER;
    return this.runCT(point, n, bits, transform);
  }
  /**
   * Constant-time multiplication `n*point` for an un-precomputed point, via a small fixed window.
   * A cached wNAF table only pays off when reused; a flat 2^FW_WINDOW table (`size-1` adds) is
   * far cheaper to build for a single use. The point-operation sequence is independent of `n`:
   * build the table, then per window exactly FW_WINDOW doublings, a data-oblivious scan over
   * every table entry, and one addition (adds the identity when the window digit is 0 — never
   * skipped).
   *
   * `n` must be `< 2^bits`. Assumes complete addition (adding the identity costs the same as any
   * add), which holds for the Weierstrass/Edwards point types used here. The table is left in
   * projective form (no normalizeZ): normalizing this small a table costs more than the
   * mixed-add savings it would buy for a single multiply.
   * @returns real point `p`; `f` duplicates it only to match {@link wnafCachedCT}'s return shape
   * (this path needs no fake accumulator — its op-count is already scalar-independent).
   */
  fixedWindowCT(point, n, bits) {
    const W = FW_WINDOW;
    const size = 1 << W;
    const mask = bitMask(W);
    const table = new Array(size);
    table[0] = this.ZERO;
    for (let i = 1; i < size; i++)
      table[i] = table[i - 1].add(point);
    const windows = Math.ceil(bits / W);
    let acc = this.ZERO;
    for (let window = windows - 1; window >= 0; window--) {
      if (window !== windows - 1)
        for (let d = 0; d < W; d++)
          acc = acc.double();
      const digit = Number(n >> BigInt(window * W) & mask);
      let sel = table[0];
      for (let i = 1; i < size; i++)
        sel = i === digit ? table[i] : sel;
      acc = acc.add(sel);
    }
    return { p: acc, f: acc };
  }
  shouldBlind(point, cofactor) {
    if (this.randomBytes === void 0)
      return false;
    if (cofactor === _1n3)
      return true;
    if (point !== this.BASE)
      return false;
    if (this.baseCanBeBlinded === void 0)
      this.baseCanBeBlinded = this.mulUnsafe(this.BASE, this.Point.Fn.ORDER).is0();
    return this.baseCanBeBlinded;
  }
  mulSecret(point, scalar, cofactor, transform) {
    return this.shouldBlind(point, cofactor) ? this.mulCTBlinded(point, scalar, transform) : this.mulCT(point, scalar, transform);
  }
  mulUnsafe(point, scalar, transform) {
    this.assertPoint(point);
    if (!isPosBig(scalar))
      throw new Error("invalid scalar");
    const W = getWindowSize(point);
    if (W === 1 || scalar >= this.Point.Fn.ORDER)
      return mulAddUnsafe(this.Point, [point], [scalar], true);
    const precomputes = this.getWnafPrecomputes(W, point, this.bits, transform);
    return this.wnafCachedCT(precomputes, scalar).p;
  }
  // Remembers the window size used for precomputed wNAF multiplication of the given point
  // and drops any previously built tables. Usually only the base point is precomputed.
  // W=1 resets the point to the un-precomputed (table-less) paths.
  // W is additionally capped so tables stay under ~2 GiB ({@link TABLE_BYTES_MAX}).
  setWindowSize(point, W) {
    this.assertPoint(point);
    validateW(W, this.bits);
    const windows = Math.ceil((this.bits + BLIND_BITS) / W) + 1;
    validateTableBytes(windows * 2 ** (W - 1), this.Point.Fp.BYTES);
    pointWindowSizes.set(point, W);
    this.wnafPrecomputes.delete(point);
  }
  // True when a window size is set: tables themselves are built lazily on first multiply.
  hasWindowSize(point) {
    return getWindowSize(point) !== 1;
  }
};
function mulAddUnsafe(c, points, scalars, allowOversized = false) {
  validatePointCons(c);
  validateMSMPoints(points, c);
  abool(allowOversized, "allowOversized");
  validateMSMScalars(scalars, c.Fn, allowOversized ? c.Fn.ORDER ** _4n2 : void 0);
  if (points.length !== scalars.length)
    throw new Error("arrays of points and scalars must have equal length");
  const tables = points.map((p) => oddMultiples(p, 4));
  const digits = scalars.map((n) => wnafDigits(n, 4));
  return wnafWalk(c.ZERO, tables, digits);
}
function createField(order, field2, isLE3) {
  if (field2) {
    if (field2.ORDER !== order)
      throw new Error("Field.ORDER must match order: Fp == p, Fn == n");
    validateField(field2);
    return field2;
  } else {
    return Field(order, { isLE: isLE3 });
  }
}
function createCurveFields(type, CURVE, curveOpts = {}, FpFnLE) {
  if (type !== "weierstrass" && type !== "edwards")
    throw new Error('expected curve type "weierstrass" or "edwards"');
  if (FpFnLE === void 0)
    FpFnLE = type === "edwards";
  if (!CURVE || typeof CURVE !== "object")
    throw new Error(`expected valid ${type} CURVE object`);
  validateObject(curveOpts);
  for (const p of ["p", "n", "h"]) {
    const val = CURVE[p];
    if (!(isPosBig(val) && val !== _0n3))
      throw new Error(`CURVE.${p} must be positive bigint`);
  }
  const Fp3 = createField(CURVE.p, curveOpts.Fp, FpFnLE);
  const Fn = createField(CURVE.n, curveOpts.Fn, FpFnLE);
  const _b = type === "weierstrass" ? "b" : "d";
  const params = ["Gx", "Gy", "a", _b];
  for (const p of params) {
    if (!Fp3.isValid(CURVE[p]))
      throw new Error(`CURVE.${p} must be valid field element of CURVE.Fp`);
  }
  CURVE = Object.freeze(Object.assign({}, CURVE));
  return { CURVE, Fp: Fp3, Fn };
}
function createKeygen(randomSecretKey, getPublicKey) {
  return function keygen(seed) {
    const secretKey = randomSecretKey(seed);
    return { secretKey, publicKey: getPublicKey(secretKey) };
  };
}

// node_modules/@noble/curves/abstract/edwards.js
var _0n4 = /* @__PURE__ */ BigInt(0);
var _1n4 = /* @__PURE__ */ BigInt(1);
var _2n2 = /* @__PURE__ */ BigInt(2);
var _4n3 = /* @__PURE__ */ BigInt(4);
var _8n2 = /* @__PURE__ */ BigInt(8);
function isEdValidXY(Fp3, CURVE, x2, y) {
  const x22 = Fp3.sqr(x2);
  const y2 = Fp3.sqr(y);
  const left = Fp3.add(Fp3.mul(CURVE.a, x22), y2);
  const right = Fp3.add(Fp3.ONE, Fp3.mul(CURVE.d, Fp3.mul(x22, y2)));
  return Fp3.eql(left, right);
}
function edwards(params, extraOpts = {}) {
  validateObject(extraOpts, {}, {}, "extraOpts");
  const opts = extraOpts;
  const validated = createCurveFields("edwards", params, opts, opts.FpFnLE);
  const { Fp: Fp3, Fn } = validated;
  let CURVE = validated.CURVE;
  const { h: cofactor } = CURVE;
  if (FpLegendre(Fp3, CURVE.a) !== 1)
    throw new Error("edwards: CURVE.a must be a square in Fp for complete addition formulas");
  if (FpLegendre(Fp3, CURVE.d) !== -1)
    throw new Error("edwards: CURVE.d must be a non-square in Fp for complete addition formulas");
  validateObject(opts, {}, { uvRatio: "function", randomBytes: "function" });
  const randomBytes6 = opts.randomBytes === void 0 ? randomBytes2 : opts.randomBytes;
  const MASK = _2n2 << BigInt(Fp3.BYTES * 8) - _1n4;
  function isOdd(n) {
    if (!Fp3.isOdd)
      throw new Error("Field does not have .isOdd()");
    return Fp3.isOdd(n);
  }
  const uvRatio2 = opts.uvRatio === void 0 ? (u, v) => {
    try {
      return { isValid: true, value: Fp3.sqrt(Fp3.div(u, v)) };
    } catch (e) {
      return { isValid: false, value: _0n4 };
    }
  } : opts.uvRatio;
  if (!isEdValidXY(Fp3, CURVE, CURVE.Gx, CURVE.Gy))
    throw new Error("bad curve params: generator point");
  const mulA = Fp3.eql(CURVE.a, Fp3.neg(Fp3.ONE)) ? (x2) => Fp3.neg(x2) : Fp3.eql(CURVE.a, Fp3.ONE) ? (x2) => x2 : (x2) => Fp3.mul(CURVE.a, x2);
  function acoord(title, n, banZero = false) {
    const min = banZero ? _1n4 : _0n4;
    aInRange("coordinate " + title, n, min, MASK);
    return n;
  }
  function aedpoint(other) {
    if (!(other instanceof Point))
      throw new Error("EdwardsPoint expected");
  }
  class Point {
    static BASE = new Point(CURVE.Gx, CURVE.Gy, Fp3.ONE, Fp3.mul(CURVE.Gx, CURVE.Gy));
    static ZERO = new Point(Fp3.ZERO, Fp3.ONE, Fp3.ONE, Fp3.ZERO);
    static Fp = Fp3;
    static Fn = Fn;
    X;
    Y;
    Z;
    T;
    constructor(X, Y, Z, T) {
      this.X = acoord("x", X);
      this.Y = acoord("y", Y);
      this.Z = acoord("z", Z, true);
      this.T = acoord("t", T);
      Object.freeze(this);
    }
    static CURVE() {
      return CURVE;
    }
    /**
     * Create one extended Edwards point from affine coordinates.
     * Does NOT validate that the point is on-curve or torsion-free.
     * Use `.assertValidity()` on adversarial inputs.
     */
    static fromAffine(p) {
      if (p instanceof Point)
        throw new Error("extended point not allowed");
      const { x: x2, y } = p || {};
      acoord("x", x2);
      acoord("y", y);
      return new Point(x2, y, Fp3.ONE, Fp3.mul(x2, y));
    }
    // Uses algo from RFC8032 5.1.3.
    static fromBytes(bytes, zip215 = false) {
      const len = Fp3.BYTES;
      const { a, d } = CURVE;
      bytes = copyBytes(abytes2(bytes, len, "point"));
      abool(zip215, "zip215");
      const normed = copyBytes(bytes);
      const lastByte = bytes[len - 1];
      normed[len - 1] = lastByte & ~128;
      const y = bytesToNumberLE(normed);
      const max = zip215 ? MASK : Fp3.ORDER;
      aInRange("point.y", y, _0n4, max);
      const y2 = Fp3.sqr(y);
      const u = Fp3.sub(y2, Fp3.ONE);
      const v = Fp3.sub(Fp3.mulN(d, y2), a);
      let { isValid, value: x2 } = uvRatio2(u, v);
      if (!isValid)
        throw new Error("bad point: invalid y coordinate");
      const isXOdd = isOdd(x2);
      const isLastByteOdd = (lastByte & 128) !== 0;
      if (!zip215 && Fp3.is0(x2) && isLastByteOdd)
        throw new Error("bad point: x=0 and x_0=1");
      if (isLastByteOdd !== isXOdd)
        x2 = Fp3.neg(x2);
      return Point.fromAffine({ x: x2, y });
    }
    static fromHex(hex, zip215 = false) {
      return Point.fromBytes(hexToBytes2(hex), zip215);
    }
    get x() {
      return this.toAffine().x;
    }
    get y() {
      return this.toAffine().y;
    }
    precompute(windowSize = 6, isLazy = true) {
      wnaf.setWindowSize(this, windowSize);
      if (!isLazy)
        this.multiply(_2n2);
      return this;
    }
    // Useful in fromAffine() - not for fromBytes(), which always created valid points.
    assertValidity() {
      const p = this;
      const { a, d } = CURVE;
      if (p.is0())
        throw new Error("bad point: ZERO");
      const { X, Y, Z, T } = p;
      const X2 = Fp3.sqr(X);
      const Y2 = Fp3.sqr(Y);
      const Z2 = Fp3.sqr(Z);
      const Z4 = Fp3.sqr(Z2);
      const aX2 = Fp3.mul(X2, a);
      const left = Fp3.mul(Fp3.add(aX2, Y2), Z2);
      const right = Fp3.add(Z4, Fp3.mul(d, Fp3.mul(X2, Y2)));
      if (!Fp3.eql(left, right))
        throw new Error("bad point: equation left != right (1)");
      const XY = Fp3.mul(X, Y);
      const ZT = Fp3.mul(Z, T);
      if (!Fp3.eql(XY, ZT))
        throw new Error("bad point: equation left != right (2)");
    }
    // Compare one point to another.
    equals(other) {
      aedpoint(other);
      const { X: X1, Y: Y1, Z: Z1 } = this;
      const { X: X2, Y: Y2, Z: Z2 } = other;
      const X1Z2 = Fp3.mul(X1, Z2);
      const X2Z1 = Fp3.mul(X2, Z1);
      const Y1Z2 = Fp3.mul(Y1, Z2);
      const Y2Z1 = Fp3.mul(Y2, Z1);
      return Fp3.eql(X1Z2, X2Z1) && Fp3.eql(Y1Z2, Y2Z1);
    }
    is0() {
      return this.equals(Point.ZERO);
    }
    negate() {
      return new Point(Fp3.neg(this.X), this.Y, this.Z, Fp3.neg(this.T));
    }
    // Fast algo for doubling Extended Point.
    // https://hyperelliptic.org/EFD/g1p/auto-twisted-extended.html#doubling-dbl-2008-hwcd
    // Cost: 4M + 4S + 1*a + 6add + 1*2.
    double() {
      const { X: X1, Y: Y1, Z: Z1 } = this;
      const A = Fp3.sqr(X1);
      const B = Fp3.sqr(Y1);
      const C = Fp3.mul(Fp3.sqr(Z1), _2n2);
      const D = mulA(A);
      const x1y1 = Fp3.addN(X1, Y1);
      const E = Fp3.sub(Fp3.subN(Fp3.sqr(x1y1), A), B);
      const G = Fp3.addN(D, B);
      const F = Fp3.subN(G, C);
      const H2 = Fp3.subN(D, B);
      const X3 = Fp3.mul(E, F);
      const Y3 = Fp3.mul(G, H2);
      const T3 = Fp3.mul(E, H2);
      const Z3 = Fp3.mul(F, G);
      return new Point(X3, Y3, Z3, T3);
    }
    // Fast algo for adding 2 Extended Points.
    // https://hyperelliptic.org/EFD/g1p/auto-twisted-extended.html#addition-add-2008-hwcd
    // Cost: 9M + 1*a + 1*d + 7add.
    add(other) {
      aedpoint(other);
      const { d } = CURVE;
      const { X: X1, Y: Y1, Z: Z1, T: T12 } = this;
      const { X: X2, Y: Y2, Z: Z2, T: T22 } = other;
      const A = Fp3.mul(X1, X2);
      const B = Fp3.mul(Y1, Y2);
      const C = Fp3.mul(Fp3.mulN(T12, d), T22);
      const D = Fp3.mul(Z1, Z2);
      const E = Fp3.sub(Fp3.subN(Fp3.mulN(Fp3.addN(X1, Y1), Fp3.addN(X2, Y2)), A), B);
      const F = Fp3.subN(D, C);
      const G = Fp3.addN(D, C);
      const H2 = Fp3.sub(B, mulA(A));
      const X3 = Fp3.mul(E, F);
      const Y3 = Fp3.mul(G, H2);
      const T3 = Fp3.mul(E, H2);
      const Z3 = Fp3.mul(F, G);
      return new Point(X3, Y3, Z3, T3);
    }
    subtract(other) {
      aedpoint(other);
      return this.add(other.negate());
    }
    // Constant-time multiplication.
    multiply(scalar) {
      if (!Fn.isValidNot0(scalar))
        throw new RangeError("invalid scalar: expected 1 <= sc < curve.n");
      const { p, f } = wnaf.mulSecret(this, scalar, cofactor, normalize);
      return normalize([p, f])[0];
    }
    // Non-constant-time multiplication. Uses double-and-add algorithm.
    // It's faster, but should only be used when you don't care about
    // an exposed private key e.g. sig verification.
    // Keeps the same subgroup-scalar contract: 0 is allowed for public-scalar callers, but
    // n and larger values are rejected instead of being reduced mod n to the identity point.
    multiplyUnsafe(scalar) {
      if (!Fn.isValid(scalar))
        throw new RangeError("invalid scalar: expected 0 <= sc < curve.n");
      if (scalar === _0n4)
        return Point.ZERO;
      if (this.is0() || scalar === _1n4)
        return this;
      return wnaf.mulUnsafe(this, scalar, normalize);
    }
    // Checks if point is of small order.
    // If you add something to small order point, you will have "dirty"
    // point with torsion component.
    // Clears cofactor and checks if the result is 0.
    isSmallOrder() {
      return this.clearCofactor().is0();
    }
    // Multiplies point by curve order and checks if the result is 0.
    // Returns `false` is the point is dirty.
    isTorsionFree() {
      return wnaf.mulUnsafe(this, CURVE.n).is0();
    }
    // Converts Extended point to default (x, y) coordinates.
    // Can accept precomputed Z^-1 - for example, from invertBatch.
    toAffine(invertedZ) {
      const p = this;
      let iz = invertedZ;
      if (iz != null && typeof iz !== "bigint")
        throw new TypeError('"invertedZ" expected bigint, got type=' + typeof iz);
      const { X, Y, Z } = p;
      const is0 = p.is0();
      if (iz == null)
        iz = is0 ? Fp3.create(_8n2) : Fp3.inv(Z);
      const x2 = Fp3.mul(X, iz);
      const y = Fp3.mul(Y, iz);
      const zz = Fp3.mul(Z, iz);
      if (is0)
        return { x: Fp3.ZERO, y: Fp3.ONE };
      if (!Fp3.eql(zz, Fp3.ONE))
        throw new Error("invZ was invalid");
      return { x: x2, y };
    }
    clearCofactor() {
      if (cofactor === _1n4)
        return this;
      if (cofactor === _2n2)
        return this.double();
      if (cofactor === _4n3)
        return this.double().double();
      if (cofactor === _8n2)
        return this.double().double().double();
      return this.multiplyUnsafe(cofactor);
    }
    toBytes() {
      const { x: x2, y } = this.toAffine();
      const bytes = Fp3.toBytes(y);
      bytes[bytes.length - 1] |= isOdd(x2) ? 128 : 0;
      return bytes;
    }
    toHex() {
      return bytesToHex2(this.toBytes());
    }
    toString() {
      return `<Point ${this.is0() ? "ZERO" : this.toHex()}>`;
    }
  }
  const normalize = (points) => normalizeZ(Point, points);
  const wnaf = new ScalarMultiplier(Point, randomBytes6);
  if (wnaf.bits >= 6)
    Point.BASE.precompute(6);
  Object.freeze(Point.prototype);
  Object.freeze(Point);
  return Point;
}
function eddsa(Point, cHash, eddsaOpts = {}) {
  validatePointCons(Point);
  if (typeof cHash !== "function")
    throw new Error('"hash" function param is required');
  const hash2 = cHash;
  const opts = eddsaOpts;
  validateObject(opts, {}, {
    adjustScalarBytes: "function",
    randomBytes: "function",
    domain: "function",
    prehash: "function",
    zip215: "boolean",
    mapToCurve: "function",
    toMontgomery: "function",
    toMontgomerySecret: "function"
  });
  const { prehash } = opts;
  const { BASE, Fp: Fp3, Fn } = Point;
  const outputLen = hash2.outputLen;
  const expectedLen = 2 * Fp3.BYTES;
  if (outputLen !== void 0) {
    asafenumber(outputLen, "hash.outputLen");
    if (outputLen !== expectedLen)
      throw new Error(`hash.outputLen must be ${expectedLen}, got ${outputLen}`);
  }
  const randomBytes6 = opts.randomBytes === void 0 ? randomBytes2 : opts.randomBytes;
  const toMontgomery2 = opts.toMontgomery;
  const toMontgomerySecret2 = opts.toMontgomerySecret;
  const adjustScalarBytes2 = opts.adjustScalarBytes === void 0 ? (bytes) => bytes : opts.adjustScalarBytes;
  const domain = opts.domain === void 0 ? (data, ctx, phflag) => {
    abool(phflag, "phflag");
    if (ctx.length || phflag)
      throw new Error("Contexts/pre-hash are not supported");
    return data;
  } : opts.domain;
  function modN_LE(hash3) {
    return Fn.create(bytesToNumberLE(hash3));
  }
  function getPrivateScalar(key) {
    const len = lengths.secretKey;
    abytes2(key, lengths.secretKey, "secretKey");
    const hashed = abytes2(hash2(key), 2 * len, "hashedSecretKey");
    const head = adjustScalarBytes2(hashed.slice(0, len));
    const prefix = hashed.slice(len, 2 * len);
    const scalar = modN_LE(head);
    return { head, prefix, scalar };
  }
  function getExtendedPublicKey(secretKey) {
    const { head, prefix, scalar } = getPrivateScalar(secretKey);
    const point = BASE.multiply(scalar);
    const pointBytes = point.toBytes();
    return { head, prefix, scalar, point, pointBytes };
  }
  function getPublicKey(secretKey) {
    return getExtendedPublicKey(secretKey).pointBytes;
  }
  function hashDomainToScalar(context = Uint8Array.of(), ...msgs) {
    const msg = concatBytes2(...msgs);
    return modN_LE(hash2(domain(msg, abytes2(context, void 0, "context"), !!prehash)));
  }
  function sign(msg, secretKey, options = {}) {
    validateObject(options, {}, {}, "options");
    msg = copyBytes(abytes2(msg, void 0, "message"));
    if (prehash)
      msg = prehash(msg);
    const { prefix, scalar, pointBytes } = getExtendedPublicKey(secretKey);
    const r = hashDomainToScalar(options.context, prefix, msg);
    const R = BASE.multiply(r).toBytes();
    const k = hashDomainToScalar(options.context, R, pointBytes, msg);
    const s = Fn.create(r + k * scalar);
    if (!Fn.isValid(s))
      throw new Error("sign failed: invalid s");
    const rs = concatBytes2(R, Fn.toBytes(s));
    return abytes2(rs, lengths.signature, "result");
  }
  const verifyOpts = {
    zip215: opts.zip215
  };
  function verify(sig, msg, publicKey, options = verifyOpts) {
    validateObject(options);
    const { context } = options;
    const zip215 = options.zip215 === void 0 ? !!verifyOpts.zip215 : options.zip215;
    const len = lengths.signature;
    sig = abytes2(sig, len, "signature");
    msg = abytes2(msg, void 0, "message");
    publicKey = abytes2(publicKey, lengths.publicKey, "publicKey");
    if (zip215 !== void 0)
      abool(zip215, "zip215");
    if (prehash)
      msg = prehash(msg);
    const mid = len / 2;
    const r = sig.subarray(0, mid);
    const s = bytesToNumberLE(sig.subarray(mid, len));
    let A, R, SB;
    try {
      A = Point.fromBytes(publicKey, zip215);
      R = Point.fromBytes(r, zip215);
      SB = BASE.multiplyUnsafe(s);
    } catch (error) {
      return false;
    }
    if (!zip215 && A.isSmallOrder())
      return false;
    const k = hashDomainToScalar(context, r, publicKey, msg);
    const RkA = R.add(A.multiplyUnsafe(k));
    return RkA.subtract(SB).clearCofactor().is0();
  }
  const _size = Fp3.BYTES;
  const lengths = {
    secretKey: _size,
    publicKey: _size,
    signature: 2 * _size,
    seed: _size
  };
  function randomSecretKey(seed) {
    seed = seed === void 0 ? randomBytes6(lengths.seed) : seed;
    return abytes2(seed, lengths.seed, "seed");
  }
  function isValidSecretKey(key) {
    return isBytes2(key) && key.length === lengths.secretKey;
  }
  function isValidPublicKey(key, zip215) {
    try {
      return !!Point.fromBytes(key, zip215 === void 0 ? verifyOpts.zip215 : zip215);
    } catch (error) {
      return false;
    }
  }
  const utils = {
    getExtendedPublicKey,
    randomSecretKey,
    isValidSecretKey,
    isValidPublicKey,
    /** Converts an Edwards public key to a companion Montgomery public key. */
    toMontgomery(publicKey) {
      if (toMontgomery2 === void 0)
        throw new Error("Montgomery conversion is not supported for this curve");
      return toMontgomery2(Point.fromBytes(publicKey));
    },
    toMontgomerySecret(secretKey) {
      if (toMontgomerySecret2 === void 0)
        throw new Error("Montgomery conversion is not supported for this curve");
      return toMontgomerySecret2(secretKey);
    }
  };
  Object.freeze(lengths);
  Object.freeze(utils);
  return Object.freeze({
    keygen: createKeygen(randomSecretKey, getPublicKey),
    getPublicKey,
    sign,
    verify,
    utils,
    Point,
    lengths
  });
}

// node_modules/@noble/curves/abstract/hash-to-curve.js
var _0n5 = /* @__PURE__ */ BigInt(0);
var _1n5 = /* @__PURE__ */ BigInt(1);
var _2n3 = /* @__PURE__ */ BigInt(2);
var _3n2 = /* @__PURE__ */ BigInt(3);
var _4n4 = /* @__PURE__ */ BigInt(4);
var os2ip = bytesToNumberBE;
function i2osp(value, length) {
  asafenumber(value);
  asafenumber(length);
  if (length < 0 || length > 4)
    throw new Error("invalid I2OSP length: " + length);
  if (value < 0 || value > 2 ** (8 * length) - 1)
    throw new Error("invalid I2OSP input: " + value);
  const res = Array.from({ length }).fill(0);
  for (let i = length - 1; i >= 0; i--) {
    res[i] = value & 255;
    value >>>= 8;
  }
  return new Uint8Array(res);
}
function strxor(a, b) {
  const arr2 = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) {
    arr2[i] = a[i] ^ b[i];
  }
  return arr2;
}
function normDST(DST) {
  if (!isBytes2(DST) && typeof DST !== "string")
    throw new Error("DST must be Uint8Array or ascii string");
  const dst = typeof DST === "string" ? asciiToBytes(DST) : DST;
  if (dst.length === 0)
    throw new Error("DST must be non-empty");
  return dst;
}
function expand_message_xmd(msg, DST, lenInBytes, H2) {
  abytes2(msg);
  asafenumber(lenInBytes);
  if (typeof H2 !== "function")
    throw new Error("expand_message_xmd: expected hash function");
  asafenumber(H2.outputLen, "hash.outputLen");
  asafenumber(H2.blockLen, "hash.blockLen");
  DST = normDST(DST);
  if (DST.length > 255)
    DST = H2(concatBytes2(asciiToBytes("H2C-OVERSIZE-DST-"), DST));
  const { outputLen: b_in_bytes, blockLen: r_in_bytes } = H2;
  const ell = Math.ceil(lenInBytes / b_in_bytes);
  if (lenInBytes > 65535 || ell > 255)
    throw new Error("expand_message_xmd: invalid lenInBytes");
  const DST_prime = concatBytes2(DST, i2osp(DST.length, 1));
  const Z_pad = new Uint8Array(r_in_bytes);
  const l_i_b_str = i2osp(lenInBytes, 2);
  const b = new Array(ell);
  const b_0 = H2(concatBytes2(Z_pad, msg, l_i_b_str, i2osp(0, 1), DST_prime));
  b[0] = H2(concatBytes2(b_0, i2osp(1, 1), DST_prime));
  for (let i = 1; i < ell; i++) {
    const args = [strxor(b_0, b[i - 1]), i2osp(i + 1, 1), DST_prime];
    b[i] = H2(concatBytes2(...args));
  }
  const pseudo_random_bytes = concatBytes2(...b);
  return pseudo_random_bytes.slice(0, lenInBytes);
}
function expand_message_xof(msg, DST, lenInBytes, k, H2) {
  abytes2(msg);
  asafenumber(lenInBytes);
  asafenumber(k, "k");
  if (k < 0)
    throw new Error("expand_message_xof: invalid k");
  if (typeof H2 !== "function")
    throw new Error("expand_message_xof: expected XOF function");
  if (typeof H2.create !== "function")
    throw new Error("expand_message_xof: expected XOF create");
  DST = normDST(DST);
  if (lenInBytes < 0 || lenInBytes > 65535)
    throw new Error("expand_message_xof: invalid lenInBytes");
  if (DST.length > 255) {
    const dkLen = Math.ceil(2 * k / 8);
    DST = H2.create({ dkLen }).update(asciiToBytes("H2C-OVERSIZE-DST-")).update(DST).digest();
  }
  if (DST.length > 255)
    throw new Error("expand_message_xof: invalid DST");
  return H2.create({ dkLen: lenInBytes }).update(msg).update(i2osp(lenInBytes, 2)).update(DST).update(i2osp(DST.length, 1)).digest();
}
function hash_to_field(msg, count, options) {
  validateObject(options, {
    p: "bigint",
    m: "number",
    k: "number",
    hash: "function"
  });
  const { p, k, m, hash: hash2, expand, DST } = options;
  asafenumber(hash2.outputLen, "valid hash");
  abytes2(msg);
  asafenumber(count);
  asafenumber(m, "m");
  asafenumber(k, "k");
  if (p <= BigInt(1))
    throw new Error("hash_to_field: expected valid field characteristic");
  if (count < 1)
    throw new Error("hash_to_field: expected count >= 1");
  if (m < 1)
    throw new Error("hash_to_field: expected m >= 1");
  if (k < 0)
    throw new Error("hash_to_field: invalid k");
  const log2p = p.toString(2).length;
  const L = Math.ceil((log2p + k) / 8);
  const len_in_bytes = count * m * L;
  let prb;
  if (expand === "xmd") {
    prb = expand_message_xmd(msg, DST, len_in_bytes, hash2);
  } else if (expand === "xof") {
    prb = expand_message_xof(msg, DST, len_in_bytes, k, hash2);
  } else if (expand === "_internal_pass") {
    prb = msg;
  } else {
    throw new Error('expand must be "xmd" or "xof"');
  }
  const u = new Array(count);
  for (let i = 0; i < count; i++) {
    const e = new Array(m);
    for (let j = 0; j < m; j++) {
      const elm_offset = L * (j + i * m);
      const tv = prb.subarray(elm_offset, elm_offset + L);
      e[j] = mod(os2ip(tv), p);
    }
    u[i] = e;
  }
  return u;
}
function isogenyMap(field2, map) {
  validateField(field2);
  aarray(map, "map");
  const coeff = map.map((i, row) => {
    aarray(i, "map[" + row + "]");
    if (i.length < 1)
      throw new Error("isogenyMap: expected non-empty coefficients");
    return Array.from(i).reverse();
  });
  return (x2, y) => {
    const [xn, xd, yn, yd] = coeff.map((val) => val.reduce((acc, i) => field2.add(field2.mul(acc, x2), i)));
    const isZero = field2.is0(xd) || field2.is0(yd);
    const [xd_inv, yd_inv] = FpInvertBatch(field2, [xd, yd], true);
    x2 = field2.mul(xn, xd_inv);
    y = field2.mul(y, field2.mul(yn, yd_inv));
    return isZero ? { x: field2.ZERO, y: field2.ZERO } : { x: x2, y };
  };
}
var _DST_scalar = "HashToScalar-";
function createHasher2(Point, mapToCurve, defaults) {
  if (typeof mapToCurve !== "function")
    throw new Error("mapToCurve() must be defined");
  validateObject(defaults);
  const snapshot = (src) => Object.freeze({
    ...src,
    DST: isBytes2(src.DST) ? copyBytes(src.DST) : src.DST,
    ...src.encodeDST === void 0 ? {} : { encodeDST: isBytes2(src.encodeDST) ? copyBytes(src.encodeDST) : src.encodeDST }
  });
  const safeDefaults = snapshot(defaults);
  const dstOverride = (options) => options && options.DST !== void 0 ? { DST: options.DST } : void 0;
  function map(num) {
    return Point.fromAffine(mapToCurve(num));
  }
  function clear(initial) {
    const P2 = initial.clearCofactor();
    if (P2.equals(Point.ZERO))
      return Point.ZERO;
    P2.assertValidity();
    return P2;
  }
  return Object.freeze({
    get defaults() {
      return snapshot(safeDefaults);
    },
    Point,
    hashToCurve(msg, options) {
      const opts = Object.assign({}, safeDefaults, dstOverride(options));
      const u = hash_to_field(msg, 2, opts);
      const u0 = map(u[0]);
      const u1 = map(u[1]);
      return clear(u0.add(u1));
    },
    encodeToCurve(msg, options) {
      const optsDst = safeDefaults.encodeDST === void 0 ? {} : { DST: safeDefaults.encodeDST };
      const opts = Object.assign({}, safeDefaults, optsDst, dstOverride(options));
      const u = hash_to_field(msg, 1, opts);
      const u0 = map(u[0]);
      return clear(u0);
    },
    /** See {@link H2CHasher} */
    mapToCurve(scalars) {
      if (safeDefaults.m === 1) {
        if (typeof scalars !== "bigint")
          throw new Error("expected bigint (m=1)");
        return clear(map([scalars]));
      }
      if (!Array.isArray(scalars))
        throw new Error("expected array of bigints");
      if (scalars.length !== safeDefaults.m)
        throw new Error(`expected array of ${safeDefaults.m} bigints`);
      for (const i of scalars)
        if (typeof i !== "bigint")
          throw new Error("expected array of bigints");
      return clear(map(scalars));
    },
    // hash_to_scalar can produce 0: https://www.rfc-editor.org/errata/eid8393
    // RFC 9380, draft-irtf-cfrg-bbs-signatures-08. Default scalar DST is the shared generic
    // `HashToScalar-` prefix above unless the caller overrides it per invocation.
    hashToScalar(msg, options) {
      const N = Point.Fn.ORDER;
      const opts = Object.assign({}, safeDefaults, { DST: _DST_scalar }, dstOverride(options), {
        p: N,
        m: 1
      });
      return hash_to_field(msg, 1, opts)[0][0];
    }
  });
}
function SWUFpSqrtRatio(Fp3, Z) {
  const F = validateField(Fp3);
  const q = F.ORDER;
  let l = _0n5;
  for (let o = q - _1n5; o % _2n3 === _0n5; o /= _2n3)
    l += _1n5;
  const c1 = l;
  const _2n_pow_c1_1 = _2n3 << c1 - _1n5 - _1n5;
  const _2n_pow_c1 = _2n_pow_c1_1 * _2n3;
  const c2 = (q - _1n5) / _2n_pow_c1;
  const c3 = (c2 - _1n5) / _2n3;
  const c4 = _2n_pow_c1 - _1n5;
  const c5 = _2n_pow_c1_1;
  const c6 = F.pow(Z, c2);
  const c7 = F.pow(Z, (c2 + _1n5) / _2n3);
  let sqrtRatio = (u, v) => {
    let tv1 = c6;
    let tv2 = F.pow(v, c4);
    let tv3 = F.sqr(tv2);
    tv3 = F.mul(tv3, v);
    let tv5 = F.mul(u, tv3);
    tv5 = F.pow(tv5, c3);
    tv5 = F.mul(tv5, tv2);
    tv2 = F.mul(tv5, v);
    tv3 = F.mul(tv5, u);
    let tv4 = F.mul(tv3, tv2);
    tv5 = F.pow(tv4, c5);
    let isQR = F.eql(tv5, F.ONE);
    tv2 = F.mul(tv3, c7);
    tv5 = F.mul(tv4, tv1);
    tv3 = F.cmov(tv2, tv3, isQR);
    tv4 = F.cmov(tv5, tv4, isQR);
    for (let i = c1; i > _1n5; i--) {
      let tv52 = i - _2n3;
      tv52 = _2n3 << tv52 - _1n5;
      let tvv5 = F.pow(tv4, tv52);
      const e1 = F.eql(tvv5, F.ONE);
      tv2 = F.mul(tv3, tv1);
      tv1 = F.mul(tv1, tv1);
      tvv5 = F.mul(tv4, tv1);
      tv3 = F.cmov(tv2, tv3, e1);
      tv4 = F.cmov(tvv5, tv4, e1);
    }
    return { isValid: !F.is0(v) && (isQR || F.is0(u)), value: tv3 };
  };
  if (F.ORDER % _4n4 === _3n2) {
    const c12 = (F.ORDER - _3n2) / _4n4;
    const c22 = F.sqrt(F.neg(Z));
    sqrtRatio = (u, v) => {
      let tv1 = F.sqr(v);
      const tv2 = F.mul(u, v);
      tv1 = F.mul(tv1, tv2);
      let y1 = F.pow(tv1, c12);
      y1 = F.mul(y1, tv2);
      const y2 = F.mul(y1, c22);
      const tv3 = F.mul(F.sqr(y1), v);
      const isQR = F.eql(tv3, u);
      let y = F.cmov(y2, y1, isQR);
      return { isValid: !F.is0(v) && isQR, value: y };
    };
  }
  return sqrtRatio;
}
function mapToCurveSimpleSWU(Fp3, opts) {
  const F = validateField(Fp3);
  validateObject(opts, {}, {}, "opts");
  const { A, B, Z } = opts;
  if (!F.isValidNot0(A) || !F.isValidNot0(B) || !F.isValid(Z))
    throw new Error("mapToCurveSimpleSWU: invalid opts");
  if (F.eql(Z, F.neg(F.ONE)) || FpIsSquare(F, Z))
    throw new Error("mapToCurveSimpleSWU: invalid opts");
  const x2 = F.mul(B, F.inv(F.mul(Z, A)));
  const gx = F.add(F.add(F.mul(F.sqr(x2), x2), F.mul(A, x2)), B);
  if (!FpIsSquare(F, gx))
    throw new Error("mapToCurveSimpleSWU: invalid opts");
  const sqrtRatio = SWUFpSqrtRatio(F, Z);
  if (!F.isOdd)
    throw new Error("Field does not have .isOdd()");
  return (u) => {
    let tv1, tv2, tv3, tv4, tv5, tv6, x3, y;
    tv1 = F.sqr(u);
    tv1 = F.mul(tv1, Z);
    tv2 = F.sqr(tv1);
    tv2 = F.add(tv2, tv1);
    tv3 = F.add(tv2, F.ONE);
    tv3 = F.mul(tv3, B);
    tv4 = F.cmov(Z, F.neg(tv2), !F.eql(tv2, F.ZERO));
    tv4 = F.mul(tv4, A);
    tv2 = F.sqr(tv3);
    tv6 = F.sqr(tv4);
    tv5 = F.mul(tv6, A);
    tv2 = F.add(tv2, tv5);
    tv2 = F.mul(tv2, tv3);
    tv6 = F.mul(tv6, tv4);
    tv5 = F.mul(tv6, B);
    tv2 = F.add(tv2, tv5);
    x3 = F.mul(tv1, tv3);
    const { isValid, value } = sqrtRatio(tv2, tv6);
    y = F.mul(tv1, u);
    y = F.mul(y, value);
    x3 = F.cmov(x3, tv3, isValid);
    y = F.cmov(y, value, isValid);
    const e1 = F.isOdd(u) === F.isOdd(y);
    y = F.cmov(F.neg(y), y, e1);
    const tv4_inv = FpInvertBatch(F, [tv4], true)[0];
    x3 = F.mul(x3, tv4_inv);
    return { x: x3, y };
  };
}

// node_modules/@noble/curves/ed25519.js
var _1n6 = /* @__PURE__ */ BigInt(1);
var _2n4 = /* @__PURE__ */ BigInt(2);
var _5n2 = /* @__PURE__ */ BigInt(5);
var _8n3 = /* @__PURE__ */ BigInt(8);
var ed25519_CURVE_p = /* @__PURE__ */ BigInt("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed");
var ed25519_CURVE = /* @__PURE__ */ (() => ({
  p: ed25519_CURVE_p,
  n: BigInt("0x1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed"),
  h: _8n3,
  a: BigInt("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffec"),
  d: BigInt("0x52036cee2b6ffe738cc740797779e89800700a4d4141d8ab75eb4dca135978a3"),
  Gx: BigInt("0x216936d3cd6e53fec0a4e231fdd6dc5c692cc7609525a7b2c9562d608f25d51a"),
  Gy: BigInt("0x6666666666666666666666666666666666666666666666666666666666666658")
}))();
function ed25519_pow_2_252_3(x2) {
  const _10n = BigInt(10), _20n = BigInt(20), _40n = BigInt(40), _80n = BigInt(80);
  const P2 = ed25519_CURVE_p;
  const x22 = x2 * x2 % P2;
  const b2 = x22 * x2 % P2;
  const b4 = pow2(b2, _2n4, P2) * b2 % P2;
  const b5 = pow2(b4, _1n6, P2) * x2 % P2;
  const b10 = pow2(b5, _5n2, P2) * b5 % P2;
  const b20 = pow2(b10, _10n, P2) * b10 % P2;
  const b40 = pow2(b20, _20n, P2) * b20 % P2;
  const b80 = pow2(b40, _40n, P2) * b40 % P2;
  const b160 = pow2(b80, _80n, P2) * b80 % P2;
  const b240 = pow2(b160, _80n, P2) * b80 % P2;
  const b250 = pow2(b240, _10n, P2) * b10 % P2;
  const pow_p_5_8 = pow2(b250, _2n4, P2) * x2 % P2;
  return { pow_p_5_8, b2 };
}
function adjustScalarBytes(bytes) {
  bytes[0] &= 248;
  bytes[31] &= 127;
  bytes[31] |= 64;
  return bytes;
}
var ED25519_SQRT_M1 = /* @__PURE__ */ BigInt("19681161376707505956807079304988542015446066515923890162744021073123829784752");
function uvRatio(u, v) {
  const P2 = ed25519_CURVE_p;
  const v3 = mod(v * v * v, P2);
  const v7 = mod(v3 * v3 * v, P2);
  const pow3 = ed25519_pow_2_252_3(u * v7).pow_p_5_8;
  let x2 = mod(u * v3 * pow3, P2);
  const vx2 = mod(v * x2 * x2, P2);
  const root1 = x2;
  const root2 = mod(x2 * ED25519_SQRT_M1, P2);
  const useRoot1 = vx2 === u;
  const useRoot2 = vx2 === mod(-u, P2);
  const noRoot = vx2 === mod(-u * ED25519_SQRT_M1, P2);
  if (useRoot1)
    x2 = root1;
  if (useRoot2 || noRoot)
    x2 = root2;
  if (isNegativeLE(x2, P2))
    x2 = mod(-x2, P2);
  return { isValid: useRoot1 || useRoot2, value: x2 };
}
var ed25519_Point = /* @__PURE__ */ edwards(ed25519_CURVE, { uvRatio });
var Fp = /* @__PURE__ */ (() => ed25519_Point.Fp)();
function toMontgomery(point) {
  const { y } = point;
  return Fp.toBytes(Fp.div(_1n6 + y, _1n6 - y));
}
function toMontgomerySecret(secretKey) {
  const size = ed25519_Point.Fp.BYTES;
  abytes(secretKey, size);
  return adjustScalarBytes(sha512(secretKey.subarray(0, size))).subarray(0, size);
}
function ed(opts) {
  return eddsa(ed25519_Point, sha512, Object.assign({ adjustScalarBytes, toMontgomery, toMontgomerySecret, zip215: true }, opts));
}
var ed25519 = /* @__PURE__ */ ed({});

// node_modules/sm-crypto-v2/node_modules/@noble/hashes/esm/cryptoNode.js
import * as nc from "node:crypto";
var crypto = nc && typeof nc === "object" && "webcrypto" in nc ? nc.webcrypto : nc && typeof nc === "object" && "randomBytes" in nc ? nc : void 0;

// node_modules/sm-crypto-v2/node_modules/@noble/hashes/esm/utils.js
function isBytes3(a) {
  return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array";
}
function anumber3(n) {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new Error("positive integer expected, got " + n);
}
function abytes3(b, ...lengths) {
  if (!isBytes3(b))
    throw new Error("Uint8Array expected");
  if (lengths.length > 0 && !lengths.includes(b.length))
    throw new Error("Uint8Array expected of length " + lengths + ", got length=" + b.length);
}
function ahash(h) {
  if (typeof h !== "function" || typeof h.create !== "function")
    throw new Error("Hash should be wrapped by utils.createHasher");
  anumber3(h.outputLen);
  anumber3(h.blockLen);
}
function aexists2(instance, checkFinished = true) {
  if (instance.destroyed)
    throw new Error("Hash instance has been destroyed");
  if (checkFinished && instance.finished)
    throw new Error("Hash#digest() has already been called");
}
function clean2(...arrays) {
  for (let i = 0; i < arrays.length; i++) {
    arrays[i].fill(0);
  }
}
var hasHexBuiltin2 = /* @__PURE__ */ (() => (
  // @ts-ignore
  typeof Uint8Array.from([]).toHex === "function" && typeof Uint8Array.fromHex === "function"
))();
var hexes2 = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
function bytesToHex3(bytes) {
  abytes3(bytes);
  if (hasHexBuiltin2)
    return bytes.toHex();
  let hex = "";
  for (let i = 0; i < bytes.length; i++) {
    hex += hexes2[bytes[i]];
  }
  return hex;
}
var asciis = { _0: 48, _9: 57, A: 65, F: 70, a: 97, f: 102 };
function asciiToBase162(ch) {
  if (ch >= asciis._0 && ch <= asciis._9)
    return ch - asciis._0;
  if (ch >= asciis.A && ch <= asciis.F)
    return ch - (asciis.A - 10);
  if (ch >= asciis.a && ch <= asciis.f)
    return ch - (asciis.a - 10);
  return;
}
function hexToBytes3(hex) {
  if (typeof hex !== "string")
    throw new Error("hex string expected, got " + typeof hex);
  if (hasHexBuiltin2)
    return Uint8Array.fromHex(hex);
  const hl = hex.length;
  const al = hl / 2;
  if (hl % 2)
    throw new Error("hex string expected, got unpadded hex of length " + hl);
  const array = new Uint8Array(al);
  for (let ai = 0, hi = 0; ai < al; ai++, hi += 2) {
    const n1 = asciiToBase162(hex.charCodeAt(hi));
    const n2 = asciiToBase162(hex.charCodeAt(hi + 1));
    if (n1 === void 0 || n2 === void 0) {
      const char = hex[hi] + hex[hi + 1];
      throw new Error('hex string expected, got non-hex character "' + char + '" at index ' + hi);
    }
    array[ai] = n1 * 16 + n2;
  }
  return array;
}
function utf8ToBytes(str2) {
  if (typeof str2 !== "string")
    throw new Error("string expected");
  return new Uint8Array(new TextEncoder().encode(str2));
}
function toBytes(data) {
  if (typeof data === "string")
    data = utf8ToBytes(data);
  abytes3(data);
  return data;
}
function concatBytes3(...arrays) {
  let sum = 0;
  for (let i = 0; i < arrays.length; i++) {
    const a = arrays[i];
    abytes3(a);
    sum += a.length;
  }
  const res = new Uint8Array(sum);
  for (let i = 0, pad = 0; i < arrays.length; i++) {
    const a = arrays[i];
    res.set(a, pad);
    pad += a.length;
  }
  return res;
}
var Hash = class {
};
function randomBytes3(bytesLength = 32) {
  if (crypto && typeof crypto.getRandomValues === "function") {
    return crypto.getRandomValues(new Uint8Array(bytesLength));
  }
  if (crypto && typeof crypto.randomBytes === "function") {
    return Uint8Array.from(crypto.randomBytes(bytesLength));
  }
  throw new Error("crypto.getRandomValues must be defined");
}

// node_modules/sm-crypto-v2/node_modules/@noble/curves/esm/utils.js
var _0n6 = /* @__PURE__ */ BigInt(0);
var _1n7 = /* @__PURE__ */ BigInt(1);
function _abool2(value, title = "") {
  if (typeof value !== "boolean") {
    const prefix = title && `"${title}"`;
    throw new Error(prefix + "expected boolean, got type=" + typeof value);
  }
  return value;
}
function _abytes2(value, length, title = "") {
  const bytes = isBytes3(value);
  const len = value?.length;
  const needsLen = length !== void 0;
  if (!bytes || needsLen && len !== length) {
    const prefix = title && `"${title}" `;
    const ofLen = needsLen ? ` of length ${length}` : "";
    const got = bytes ? `length=${len}` : `type=${typeof value}`;
    throw new Error(prefix + "expected Uint8Array" + ofLen + ", got " + got);
  }
  return value;
}
function numberToHexUnpadded(num) {
  const hex = num.toString(16);
  return hex.length & 1 ? "0" + hex : hex;
}
function hexToNumber2(hex) {
  if (typeof hex !== "string")
    throw new Error("hex string expected, got " + typeof hex);
  return hex === "" ? _0n6 : BigInt("0x" + hex);
}
function bytesToNumberBE2(bytes) {
  return hexToNumber2(bytesToHex3(bytes));
}
function bytesToNumberLE2(bytes) {
  abytes3(bytes);
  return hexToNumber2(bytesToHex3(Uint8Array.from(bytes).reverse()));
}
function numberToBytesBE2(n, len) {
  return hexToBytes3(n.toString(16).padStart(len * 2, "0"));
}
function numberToBytesLE2(n, len) {
  return numberToBytesBE2(n, len).reverse();
}
function ensureBytes(title, hex, expectedLength) {
  let res;
  if (typeof hex === "string") {
    try {
      res = hexToBytes3(hex);
    } catch (e) {
      throw new Error(title + " must be hex string or Uint8Array, cause: " + e);
    }
  } else if (isBytes3(hex)) {
    res = Uint8Array.from(hex);
  } else {
    throw new Error(title + " must be hex string or Uint8Array");
  }
  const len = res.length;
  if (typeof expectedLength === "number" && len !== expectedLength)
    throw new Error(title + " of length " + expectedLength + " expected, got " + len);
  return res;
}
var isPosBig2 = (n) => typeof n === "bigint" && _0n6 <= n;
function inRange2(n, min, max) {
  return isPosBig2(n) && isPosBig2(min) && isPosBig2(max) && min <= n && n < max;
}
function aInRange2(title, n, min, max) {
  if (!inRange2(n, min, max))
    throw new Error("expected valid " + title + ": " + min + " <= n < " + max + ", got " + n);
}
function bitLen2(n) {
  let len;
  for (len = 0; n > _0n6; n >>= _1n7, len += 1)
    ;
  return len;
}
var bitMask2 = (n) => (_1n7 << BigInt(n)) - _1n7;
function createHmacDrbg(hashLen, qByteLen, hmacFn) {
  if (typeof hashLen !== "number" || hashLen < 2)
    throw new Error("hashLen must be a number");
  if (typeof qByteLen !== "number" || qByteLen < 2)
    throw new Error("qByteLen must be a number");
  if (typeof hmacFn !== "function")
    throw new Error("hmacFn must be a function");
  const u8n = (len) => new Uint8Array(len);
  const u8of = (byte) => Uint8Array.of(byte);
  let v = u8n(hashLen);
  let k = u8n(hashLen);
  let i = 0;
  const reset = () => {
    v.fill(1);
    k.fill(0);
    i = 0;
  };
  const h = (...b) => hmacFn(k, v, ...b);
  const reseed = (seed = u8n(0)) => {
    k = h(u8of(0), seed);
    v = h();
    if (seed.length === 0)
      return;
    k = h(u8of(1), seed);
    v = h();
  };
  const gen = () => {
    if (i++ >= 1e3)
      throw new Error("drbg: tried 1000 values");
    let len = 0;
    const out = [];
    while (len < qByteLen) {
      v = h();
      const sl = v.slice();
      out.push(sl);
      len += v.length;
    }
    return concatBytes3(...out);
  };
  const genUntil = (seed, pred) => {
    reset();
    reseed(seed);
    let res = void 0;
    while (!(res = pred(gen())))
      reseed();
    reset();
    return res;
  };
  return genUntil;
}
function _validateObject(object, fields2, optFields = {}) {
  if (!object || typeof object !== "object")
    throw new Error("expected valid options object");
  function checkField(fieldName, expectedType, isOpt) {
    const val = object[fieldName];
    if (isOpt && val === void 0)
      return;
    const current = typeof val;
    if (current !== expectedType || val === null)
      throw new Error(`param "${fieldName}" is invalid: expected ${expectedType}, got ${current}`);
  }
  Object.entries(fields2).forEach(([k, v]) => checkField(k, v, false));
  Object.entries(optFields).forEach(([k, v]) => checkField(k, v, true));
}
function memoized(fn) {
  const map = /* @__PURE__ */ new WeakMap();
  return (arg, ...args) => {
    const val = map.get(arg);
    if (val !== void 0)
      return val;
    const computed = fn(arg, ...args);
    map.set(arg, computed);
    return computed;
  };
}

// node_modules/sm-crypto-v2/node_modules/@noble/curves/esm/abstract/utils.js
var bytesToHex4 = bytesToHex3;
var concatBytes4 = concatBytes3;
var numberToHexUnpadded2 = numberToHexUnpadded;
var hexToNumber3 = hexToNumber2;
var numberToBytesBE3 = numberToBytesBE2;

// node_modules/sm-crypto-v2/node_modules/@noble/hashes/esm/hmac.js
var HMAC = class extends Hash {
  constructor(hash2, _key) {
    super();
    this.finished = false;
    this.destroyed = false;
    ahash(hash2);
    const key = toBytes(_key);
    this.iHash = hash2.create();
    if (typeof this.iHash.update !== "function")
      throw new Error("Expected instance of class which extends utils.Hash");
    this.blockLen = this.iHash.blockLen;
    this.outputLen = this.iHash.outputLen;
    const blockLen = this.blockLen;
    const pad = new Uint8Array(blockLen);
    pad.set(key.length > blockLen ? hash2.create().update(key).digest() : key);
    for (let i = 0; i < pad.length; i++)
      pad[i] ^= 54;
    this.iHash.update(pad);
    this.oHash = hash2.create();
    for (let i = 0; i < pad.length; i++)
      pad[i] ^= 54 ^ 92;
    this.oHash.update(pad);
    clean2(pad);
  }
  update(buf) {
    aexists2(this);
    this.iHash.update(buf);
    return this;
  }
  digestInto(out) {
    aexists2(this);
    abytes3(out, this.outputLen);
    this.finished = true;
    this.iHash.digestInto(out);
    this.oHash.update(out);
    this.oHash.digestInto(out);
    this.destroy();
  }
  digest() {
    const out = new Uint8Array(this.oHash.outputLen);
    this.digestInto(out);
    return out;
  }
  _cloneInto(to) {
    to || (to = Object.create(Object.getPrototypeOf(this), {}));
    const { oHash, iHash, finished, destroyed, blockLen, outputLen } = this;
    to = to;
    to.finished = finished;
    to.destroyed = destroyed;
    to.blockLen = blockLen;
    to.outputLen = outputLen;
    to.oHash = oHash._cloneInto(to.oHash);
    to.iHash = iHash._cloneInto(to.iHash);
    return to;
  }
  clone() {
    return this._cloneInto();
  }
  destroy() {
    this.destroyed = true;
    this.oHash.destroy();
    this.iHash.destroy();
  }
};
var hmac = (hash2, key, message) => new HMAC(hash2, key).update(message).digest();
hmac.create = (hash2, key) => new HMAC(hash2, key);

// node_modules/sm-crypto-v2/node_modules/@noble/curves/esm/abstract/modular.js
var _0n7 = BigInt(0);
var _1n8 = BigInt(1);
var _2n5 = /* @__PURE__ */ BigInt(2);
var _3n3 = /* @__PURE__ */ BigInt(3);
var _4n5 = /* @__PURE__ */ BigInt(4);
var _5n3 = /* @__PURE__ */ BigInt(5);
var _7n2 = /* @__PURE__ */ BigInt(7);
var _8n4 = /* @__PURE__ */ BigInt(8);
var _9n2 = /* @__PURE__ */ BigInt(9);
var _16n2 = /* @__PURE__ */ BigInt(16);
function mod2(a, b) {
  const result = a % b;
  return result >= _0n7 ? result : b + result;
}
function invert2(number, modulo) {
  if (number === _0n7)
    throw new Error("invert: expected non-zero number");
  if (modulo <= _0n7)
    throw new Error("invert: expected positive modulus, got " + modulo);
  let a = mod2(number, modulo);
  let b = modulo;
  let x2 = _0n7, y = _1n8, u = _1n8, v = _0n7;
  while (a !== _0n7) {
    const q = b / a;
    const r = b % a;
    const m = x2 - u * q;
    const n = y - v * q;
    b = a, a = r, x2 = u, y = v, u = m, v = n;
  }
  const gcd2 = b;
  if (gcd2 !== _1n8)
    throw new Error("invert: does not exist");
  return mod2(x2, modulo);
}
function assertIsSquare2(Fp3, root, n) {
  if (!Fp3.eql(Fp3.sqr(root), n))
    throw new Error("Cannot find square root");
}
function sqrt3mod42(Fp3, n) {
  const p1div4 = (Fp3.ORDER + _1n8) / _4n5;
  const root = Fp3.pow(n, p1div4);
  assertIsSquare2(Fp3, root, n);
  return root;
}
function sqrt5mod82(Fp3, n) {
  const p5div8 = (Fp3.ORDER - _5n3) / _8n4;
  const n2 = Fp3.mul(n, _2n5);
  const v = Fp3.pow(n2, p5div8);
  const nv = Fp3.mul(n, v);
  const i = Fp3.mul(Fp3.mul(nv, _2n5), v);
  const root = Fp3.mul(nv, Fp3.sub(i, Fp3.ONE));
  assertIsSquare2(Fp3, root, n);
  return root;
}
function sqrt9mod162(P2) {
  const Fp_ = Field2(P2);
  const tn = tonelliShanks2(P2);
  const c1 = tn(Fp_, Fp_.neg(Fp_.ONE));
  const c2 = tn(Fp_, c1);
  const c3 = tn(Fp_, Fp_.neg(c1));
  const c4 = (P2 + _7n2) / _16n2;
  return (Fp3, n) => {
    let tv1 = Fp3.pow(n, c4);
    let tv2 = Fp3.mul(tv1, c1);
    const tv3 = Fp3.mul(tv1, c2);
    const tv4 = Fp3.mul(tv1, c3);
    const e1 = Fp3.eql(Fp3.sqr(tv2), n);
    const e2 = Fp3.eql(Fp3.sqr(tv3), n);
    tv1 = Fp3.cmov(tv1, tv2, e1);
    tv2 = Fp3.cmov(tv4, tv3, e2);
    const e3 = Fp3.eql(Fp3.sqr(tv2), n);
    const root = Fp3.cmov(tv1, tv2, e3);
    assertIsSquare2(Fp3, root, n);
    return root;
  };
}
function tonelliShanks2(P2) {
  if (P2 < _3n3)
    throw new Error("sqrt is not defined for small field");
  let Q = P2 - _1n8;
  let S = 0;
  while (Q % _2n5 === _0n7) {
    Q /= _2n5;
    S++;
  }
  let Z = _2n5;
  const _Fp = Field2(P2);
  while (FpLegendre2(_Fp, Z) === 1) {
    if (Z++ > 1e3)
      throw new Error("Cannot find square root: probably non-prime P");
  }
  if (S === 1)
    return sqrt3mod42;
  let cc = _Fp.pow(Z, Q);
  const Q1div2 = (Q + _1n8) / _2n5;
  return function tonelliSlow(Fp3, n) {
    if (Fp3.is0(n))
      return n;
    if (FpLegendre2(Fp3, n) !== 1)
      throw new Error("Cannot find square root");
    let M = S;
    let c = Fp3.mul(Fp3.ONE, cc);
    let t2 = Fp3.pow(n, Q);
    let R = Fp3.pow(n, Q1div2);
    while (!Fp3.eql(t2, Fp3.ONE)) {
      if (Fp3.is0(t2))
        return Fp3.ZERO;
      let i = 1;
      let t_tmp = Fp3.sqr(t2);
      while (!Fp3.eql(t_tmp, Fp3.ONE)) {
        i++;
        t_tmp = Fp3.sqr(t_tmp);
        if (i === M)
          throw new Error("Cannot find square root");
      }
      const exponent = _1n8 << BigInt(M - i - 1);
      const b = Fp3.pow(c, exponent);
      M = i;
      c = Fp3.sqr(b);
      t2 = Fp3.mul(t2, c);
      R = Fp3.mul(R, b);
    }
    return R;
  };
}
function FpSqrt2(P2) {
  if (P2 % _4n5 === _3n3)
    return sqrt3mod42;
  if (P2 % _8n4 === _5n3)
    return sqrt5mod82;
  if (P2 % _16n2 === _9n2)
    return sqrt9mod162(P2);
  return tonelliShanks2(P2);
}
var FIELD_FIELDS2 = [
  "create",
  "isValid",
  "is0",
  "neg",
  "inv",
  "sqrt",
  "sqr",
  "eql",
  "add",
  "sub",
  "mul",
  "pow",
  "div",
  "addN",
  "subN",
  "mulN",
  "sqrN"
];
function validateField2(field2) {
  const initial = {
    ORDER: "bigint",
    MASK: "bigint",
    BYTES: "number",
    BITS: "number"
  };
  const opts = FIELD_FIELDS2.reduce((map, val) => {
    map[val] = "function";
    return map;
  }, initial);
  _validateObject(field2, opts);
  return field2;
}
function FpPow2(Fp3, num, power) {
  if (power < _0n7)
    throw new Error("invalid exponent, negatives unsupported");
  if (power === _0n7)
    return Fp3.ONE;
  if (power === _1n8)
    return num;
  let p = Fp3.ONE;
  let d = num;
  while (power > _0n7) {
    if (power & _1n8)
      p = Fp3.mul(p, d);
    d = Fp3.sqr(d);
    power >>= _1n8;
  }
  return p;
}
function FpInvertBatch2(Fp3, nums, passZero = false) {
  const inverted = new Array(nums.length).fill(passZero ? Fp3.ZERO : void 0);
  const multipliedAcc = nums.reduce((acc, num, i) => {
    if (Fp3.is0(num))
      return acc;
    inverted[i] = acc;
    return Fp3.mul(acc, num);
  }, Fp3.ONE);
  const invertedAcc = Fp3.inv(multipliedAcc);
  nums.reduceRight((acc, num, i) => {
    if (Fp3.is0(num))
      return acc;
    inverted[i] = Fp3.mul(acc, inverted[i]);
    return Fp3.mul(acc, num);
  }, invertedAcc);
  return inverted;
}
function FpLegendre2(Fp3, n) {
  const p1mod2 = (Fp3.ORDER - _1n8) / _2n5;
  const powered = Fp3.pow(n, p1mod2);
  const yes = Fp3.eql(powered, Fp3.ONE);
  const zero = Fp3.eql(powered, Fp3.ZERO);
  const no = Fp3.eql(powered, Fp3.neg(Fp3.ONE));
  if (!yes && !zero && !no)
    throw new Error("invalid Legendre symbol result");
  return yes ? 1 : zero ? 0 : -1;
}
function nLength2(n, nBitLength) {
  if (nBitLength !== void 0)
    anumber3(nBitLength);
  const _nBitLength = nBitLength !== void 0 ? nBitLength : n.toString(2).length;
  const nByteLength = Math.ceil(_nBitLength / 8);
  return { nBitLength: _nBitLength, nByteLength };
}
function Field2(ORDER2, bitLenOrOpts, isLE3 = false, opts = {}) {
  if (ORDER2 <= _0n7)
    throw new Error("invalid field: expected ORDER > 0, got " + ORDER2);
  let _nbitLength = void 0;
  let _sqrt = void 0;
  let modFromBytes = false;
  let allowedLengths = void 0;
  if (typeof bitLenOrOpts === "object" && bitLenOrOpts != null) {
    if (opts.sqrt || isLE3)
      throw new Error("cannot specify opts in two arguments");
    const _opts = bitLenOrOpts;
    if (_opts.BITS)
      _nbitLength = _opts.BITS;
    if (_opts.sqrt)
      _sqrt = _opts.sqrt;
    if (typeof _opts.isLE === "boolean")
      isLE3 = _opts.isLE;
    if (typeof _opts.modFromBytes === "boolean")
      modFromBytes = _opts.modFromBytes;
    allowedLengths = _opts.allowedLengths;
  } else {
    if (typeof bitLenOrOpts === "number")
      _nbitLength = bitLenOrOpts;
    if (opts.sqrt)
      _sqrt = opts.sqrt;
  }
  const { nBitLength: BITS, nByteLength: BYTES } = nLength2(ORDER2, _nbitLength);
  if (BYTES > 2048)
    throw new Error("invalid field: expected ORDER of <= 2048 bytes");
  let sqrtP;
  const f = Object.freeze({
    ORDER: ORDER2,
    isLE: isLE3,
    BITS,
    BYTES,
    MASK: bitMask2(BITS),
    ZERO: _0n7,
    ONE: _1n8,
    allowedLengths,
    create: (num) => mod2(num, ORDER2),
    isValid: (num) => {
      if (typeof num !== "bigint")
        throw new Error("invalid field element: expected bigint, got " + typeof num);
      return _0n7 <= num && num < ORDER2;
    },
    is0: (num) => num === _0n7,
    // is valid and invertible
    isValidNot0: (num) => !f.is0(num) && f.isValid(num),
    isOdd: (num) => (num & _1n8) === _1n8,
    neg: (num) => mod2(-num, ORDER2),
    eql: (lhs, rhs) => lhs === rhs,
    sqr: (num) => mod2(num * num, ORDER2),
    add: (lhs, rhs) => mod2(lhs + rhs, ORDER2),
    sub: (lhs, rhs) => mod2(lhs - rhs, ORDER2),
    mul: (lhs, rhs) => mod2(lhs * rhs, ORDER2),
    pow: (num, power) => FpPow2(f, num, power),
    div: (lhs, rhs) => mod2(lhs * invert2(rhs, ORDER2), ORDER2),
    // Same as above, but doesn't normalize
    sqrN: (num) => num * num,
    addN: (lhs, rhs) => lhs + rhs,
    subN: (lhs, rhs) => lhs - rhs,
    mulN: (lhs, rhs) => lhs * rhs,
    inv: (num) => invert2(num, ORDER2),
    sqrt: _sqrt || ((n) => {
      if (!sqrtP)
        sqrtP = FpSqrt2(ORDER2);
      return sqrtP(f, n);
    }),
    toBytes: (num) => isLE3 ? numberToBytesLE2(num, BYTES) : numberToBytesBE2(num, BYTES),
    fromBytes: (bytes, skipValidation = true) => {
      if (allowedLengths) {
        if (!allowedLengths.includes(bytes.length) || bytes.length > BYTES) {
          throw new Error("Field.fromBytes: expected " + allowedLengths + " bytes, got " + bytes.length);
        }
        const padded = new Uint8Array(BYTES);
        padded.set(bytes, isLE3 ? 0 : padded.length - bytes.length);
        bytes = padded;
      }
      if (bytes.length !== BYTES)
        throw new Error("Field.fromBytes: expected " + BYTES + " bytes, got " + bytes.length);
      let scalar = isLE3 ? bytesToNumberLE2(bytes) : bytesToNumberBE2(bytes);
      if (modFromBytes)
        scalar = mod2(scalar, ORDER2);
      if (!skipValidation) {
        if (!f.isValid(scalar))
          throw new Error("invalid field element: outside of range 0..ORDER");
      }
      return scalar;
    },
    // TODO: we don't need it here, move out to separate fn
    invertBatch: (lst) => FpInvertBatch2(f, lst),
    // We can't move this out because Fp6, Fp12 implement it
    // and it's unclear what to return in there.
    cmov: (a, b, c) => c ? b : a
  });
  return Object.freeze(f);
}
function getFieldBytesLength2(fieldOrder) {
  if (typeof fieldOrder !== "bigint")
    throw new Error("field order must be bigint");
  const bitLength = fieldOrder.toString(2).length;
  return Math.ceil(bitLength / 8);
}
function getMinHashLength2(fieldOrder) {
  const length = getFieldBytesLength2(fieldOrder);
  return length + Math.ceil(length / 2);
}
function mapHashToField2(key, fieldOrder, isLE3 = false) {
  const len = key.length;
  const fieldLen = getFieldBytesLength2(fieldOrder);
  const minLen = getMinHashLength2(fieldOrder);
  if (len < 16 || len < minLen || len > 1024)
    throw new Error("expected " + minLen + "-1024 bytes of input, got " + len);
  const num = isLE3 ? bytesToNumberLE2(key) : bytesToNumberBE2(key);
  const reduced = mod2(num, fieldOrder - _1n8) + _1n8;
  return isLE3 ? numberToBytesLE2(reduced, fieldLen) : numberToBytesBE2(reduced, fieldLen);
}

// node_modules/sm-crypto-v2/node_modules/@noble/curves/esm/abstract/curve.js
var _0n8 = BigInt(0);
var _1n9 = BigInt(1);
function negateCt(condition, item) {
  const neg = item.negate();
  return condition ? neg : item;
}
function normalizeZ2(c, points) {
  const invertedZs = FpInvertBatch2(c.Fp, points.map((p) => p.Z));
  return points.map((p, i) => c.fromAffine(p.toAffine(invertedZs[i])));
}
function validateW2(W, bits) {
  if (!Number.isSafeInteger(W) || W <= 0 || W > bits)
    throw new Error("invalid window size, expected [1.." + bits + "], got W=" + W);
}
function calcWOpts(W, scalarBits) {
  validateW2(W, scalarBits);
  const windows = Math.ceil(scalarBits / W) + 1;
  const windowSize = 2 ** (W - 1);
  const maxNumber = 2 ** W;
  const mask = bitMask2(W);
  const shiftBy = BigInt(W);
  return { windows, windowSize, mask, maxNumber, shiftBy };
}
function calcOffsets(n, window, wOpts) {
  const { windowSize, mask, maxNumber, shiftBy } = wOpts;
  let wbits = Number(n & mask);
  let nextN = n >> shiftBy;
  if (wbits > windowSize) {
    wbits -= maxNumber;
    nextN += _1n9;
  }
  const offsetStart = window * windowSize;
  const offset = offsetStart + Math.abs(wbits) - 1;
  const isZero = wbits === 0;
  const isNeg = wbits < 0;
  const isNegF = window % 2 !== 0;
  const offsetF = offsetStart;
  return { nextN, offset, isZero, isNeg, isNegF, offsetF };
}
function validateMSMPoints2(points, c) {
  if (!Array.isArray(points))
    throw new Error("array expected");
  points.forEach((p, i) => {
    if (!(p instanceof c))
      throw new Error("invalid point at index " + i);
  });
}
function validateMSMScalars2(scalars, field2) {
  if (!Array.isArray(scalars))
    throw new Error("array of scalars expected");
  scalars.forEach((s, i) => {
    if (!field2.isValid(s))
      throw new Error("invalid scalar at index " + i);
  });
}
var pointPrecomputes = /* @__PURE__ */ new WeakMap();
var pointWindowSizes2 = /* @__PURE__ */ new WeakMap();
function getW(P2) {
  return pointWindowSizes2.get(P2) || 1;
}
function assert0(n) {
  if (n !== _0n8)
    throw new Error("invalid wNAF");
}
var wNAF = class {
  // Parametrized with a given Point class (not individual point)
  constructor(Point, bits) {
    this.BASE = Point.BASE;
    this.ZERO = Point.ZERO;
    this.Fn = Point.Fn;
    this.bits = bits;
  }
  // non-const time multiplication ladder
  _unsafeLadder(elm, n, p = this.ZERO) {
    let d = elm;
    while (n > _0n8) {
      if (n & _1n9)
        p = p.add(d);
      d = d.double();
      n >>= _1n9;
    }
    return p;
  }
  /**
   * Creates a wNAF precomputation window. Used for caching.
   * Default window size is set by `utils.precompute()` and is equal to 8.
   * Number of precomputed points depends on the curve size:
   * 2^(𝑊−1) * (Math.ceil(𝑛 / 𝑊) + 1), where:
   * - 𝑊 is the window size
   * - 𝑛 is the bitlength of the curve order.
   * For a 256-bit curve and window size 8, the number of precomputed points is 128 * 33 = 4224.
   * @param point Point instance
   * @param W window size
   * @returns precomputed point tables flattened to a single array
   */
  precomputeWindow(point, W) {
    const { windows, windowSize } = calcWOpts(W, this.bits);
    const points = [];
    let p = point;
    let base = p;
    for (let window = 0; window < windows; window++) {
      base = p;
      points.push(base);
      for (let i = 1; i < windowSize; i++) {
        base = base.add(p);
        points.push(base);
      }
      p = base.double();
    }
    return points;
  }
  /**
   * Implements ec multiplication using precomputed tables and w-ary non-adjacent form.
   * More compact implementation:
   * https://github.com/paulmillr/noble-secp256k1/blob/47cb1669b6e506ad66b35fe7d76132ae97465da2/index.ts#L502-L541
   * @returns real and fake (for const-time) points
   */
  wNAF(W, precomputes, n) {
    if (!this.Fn.isValid(n))
      throw new Error("invalid scalar");
    let p = this.ZERO;
    let f = this.BASE;
    const wo = calcWOpts(W, this.bits);
    for (let window = 0; window < wo.windows; window++) {
      const { nextN, offset, isZero, isNeg, isNegF, offsetF } = calcOffsets(n, window, wo);
      n = nextN;
      if (isZero) {
        f = f.add(negateCt(isNegF, precomputes[offsetF]));
      } else {
        p = p.add(negateCt(isNeg, precomputes[offset]));
      }
    }
    assert0(n);
    return { p, f };
  }
  /**
   * Implements ec unsafe (non const-time) multiplication using precomputed tables and w-ary non-adjacent form.
   * @param acc accumulator point to add result of multiplication
   * @returns point
   */
  wNAFUnsafe(W, precomputes, n, acc = this.ZERO) {
    const wo = calcWOpts(W, this.bits);
    for (let window = 0; window < wo.windows; window++) {
      if (n === _0n8)
        break;
      const { nextN, offset, isZero, isNeg } = calcOffsets(n, window, wo);
      n = nextN;
      if (isZero) {
        continue;
      } else {
        const item = precomputes[offset];
        acc = acc.add(isNeg ? item.negate() : item);
      }
    }
    assert0(n);
    return acc;
  }
  getPrecomputes(W, point, transform) {
    let comp = pointPrecomputes.get(point);
    if (!comp) {
      comp = this.precomputeWindow(point, W);
      if (W !== 1) {
        if (typeof transform === "function")
          comp = transform(comp);
        pointPrecomputes.set(point, comp);
      }
    }
    return comp;
  }
  cached(point, scalar, transform) {
    const W = getW(point);
    return this.wNAF(W, this.getPrecomputes(W, point, transform), scalar);
  }
  unsafe(point, scalar, transform, prev) {
    const W = getW(point);
    if (W === 1)
      return this._unsafeLadder(point, scalar, prev);
    return this.wNAFUnsafe(W, this.getPrecomputes(W, point, transform), scalar, prev);
  }
  // We calculate precomputes for elliptic curve point multiplication
  // using windowed method. This specifies window size and
  // stores precomputed values. Usually only base point would be precomputed.
  createCache(P2, W) {
    validateW2(W, this.bits);
    pointWindowSizes2.set(P2, W);
    pointPrecomputes.delete(P2);
  }
  hasCache(elm) {
    return getW(elm) !== 1;
  }
};
function mulEndoUnsafe(Point, point, k1, k2) {
  let acc = point;
  let p1 = Point.ZERO;
  let p2 = Point.ZERO;
  while (k1 > _0n8 || k2 > _0n8) {
    if (k1 & _1n9)
      p1 = p1.add(acc);
    if (k2 & _1n9)
      p2 = p2.add(acc);
    acc = acc.double();
    k1 >>= _1n9;
    k2 >>= _1n9;
  }
  return { p1, p2 };
}
function pippenger(c, fieldN, points, scalars) {
  validateMSMPoints2(points, c);
  validateMSMScalars2(scalars, fieldN);
  const plength = points.length;
  const slength = scalars.length;
  if (plength !== slength)
    throw new Error("arrays of points and scalars must have equal length");
  const zero = c.ZERO;
  const wbits = bitLen2(BigInt(plength));
  let windowSize = 1;
  if (wbits > 12)
    windowSize = wbits - 3;
  else if (wbits > 4)
    windowSize = wbits - 2;
  else if (wbits > 0)
    windowSize = 2;
  const MASK = bitMask2(windowSize);
  const buckets = new Array(Number(MASK) + 1).fill(zero);
  const lastBits = Math.floor((fieldN.BITS - 1) / windowSize) * windowSize;
  let sum = zero;
  for (let i = lastBits; i >= 0; i -= windowSize) {
    buckets.fill(zero);
    for (let j = 0; j < slength; j++) {
      const scalar = scalars[j];
      const wbits2 = Number(scalar >> BigInt(i) & MASK);
      buckets[wbits2] = buckets[wbits2].add(points[j]);
    }
    let resI = zero;
    for (let j = buckets.length - 1, sumI = zero; j > 0; j--) {
      sumI = sumI.add(buckets[j]);
      resI = resI.add(sumI);
    }
    sum = sum.add(resI);
    if (i !== 0)
      for (let j = 0; j < windowSize; j++)
        sum = sum.double();
  }
  return sum;
}
function createField2(order, field2, isLE3) {
  if (field2) {
    if (field2.ORDER !== order)
      throw new Error("Field.ORDER must match order: Fp == p, Fn == n");
    validateField2(field2);
    return field2;
  } else {
    return Field2(order, { isLE: isLE3 });
  }
}
function _createCurveFields(type, CURVE, curveOpts = {}, FpFnLE) {
  if (FpFnLE === void 0)
    FpFnLE = type === "edwards";
  if (!CURVE || typeof CURVE !== "object")
    throw new Error(`expected valid ${type} CURVE object`);
  for (const p of ["p", "n", "h"]) {
    const val = CURVE[p];
    if (!(typeof val === "bigint" && val > _0n8))
      throw new Error(`CURVE.${p} must be positive bigint`);
  }
  const Fp3 = createField2(CURVE.p, curveOpts.Fp, FpFnLE);
  const Fn = createField2(CURVE.n, curveOpts.Fn, FpFnLE);
  const _b = type === "weierstrass" ? "b" : "d";
  const params = ["Gx", "Gy", "a", _b];
  for (const p of params) {
    if (!Fp3.isValid(CURVE[p]))
      throw new Error(`CURVE.${p} must be valid field element of CURVE.Fp`);
  }
  CURVE = Object.freeze(Object.assign({}, CURVE));
  return { CURVE, Fp: Fp3, Fn };
}

// node_modules/sm-crypto-v2/node_modules/@noble/curves/esm/abstract/weierstrass.js
var divNearest = (num, den) => (num + (num >= 0 ? den : -den) / _2n6) / den;
function _splitEndoScalar(k, basis, n) {
  const [[a1, b1], [a2, b2]] = basis;
  const c1 = divNearest(b2 * k, n);
  const c2 = divNearest(-b1 * k, n);
  let k1 = k - c1 * a1 - c2 * a2;
  let k2 = -c1 * b1 - c2 * b2;
  const k1neg = k1 < _0n9;
  const k2neg = k2 < _0n9;
  if (k1neg)
    k1 = -k1;
  if (k2neg)
    k2 = -k2;
  const MAX_NUM = bitMask2(Math.ceil(bitLen2(n) / 2)) + _1n10;
  if (k1 < _0n9 || k1 >= MAX_NUM || k2 < _0n9 || k2 >= MAX_NUM) {
    throw new Error("splitScalar (endomorphism): failed, k=" + k);
  }
  return { k1neg, k1, k2neg, k2 };
}
function validateSigFormat(format) {
  if (!["compact", "recovered", "der"].includes(format))
    throw new Error('Signature format must be "compact", "recovered", or "der"');
  return format;
}
function validateSigOpts(opts, def) {
  const optsn = {};
  for (let optName of Object.keys(def)) {
    optsn[optName] = opts[optName] === void 0 ? def[optName] : opts[optName];
  }
  _abool2(optsn.lowS, "lowS");
  _abool2(optsn.prehash, "prehash");
  if (optsn.format !== void 0)
    validateSigFormat(optsn.format);
  return optsn;
}
var DERErr = class extends Error {
  constructor(m = "") {
    super(m);
  }
};
var DER = {
  // asn.1 DER encoding utils
  Err: DERErr,
  // Basic building block is TLV (Tag-Length-Value)
  _tlv: {
    encode: (tag, data) => {
      const { Err: E } = DER;
      if (tag < 0 || tag > 256)
        throw new E("tlv.encode: wrong tag");
      if (data.length & 1)
        throw new E("tlv.encode: unpadded data");
      const dataLen = data.length / 2;
      const len = numberToHexUnpadded(dataLen);
      if (len.length / 2 & 128)
        throw new E("tlv.encode: long form length too big");
      const lenLen = dataLen > 127 ? numberToHexUnpadded(len.length / 2 | 128) : "";
      const t2 = numberToHexUnpadded(tag);
      return t2 + lenLen + len + data;
    },
    // v - value, l - left bytes (unparsed)
    decode(tag, data) {
      const { Err: E } = DER;
      let pos = 0;
      if (tag < 0 || tag > 256)
        throw new E("tlv.encode: wrong tag");
      if (data.length < 2 || data[pos++] !== tag)
        throw new E("tlv.decode: wrong tlv");
      const first = data[pos++];
      const isLong = !!(first & 128);
      let length = 0;
      if (!isLong)
        length = first;
      else {
        const lenLen = first & 127;
        if (!lenLen)
          throw new E("tlv.decode(long): indefinite length not supported");
        if (lenLen > 4)
          throw new E("tlv.decode(long): byte length is too big");
        const lengthBytes = data.subarray(pos, pos + lenLen);
        if (lengthBytes.length !== lenLen)
          throw new E("tlv.decode: length bytes not complete");
        if (lengthBytes[0] === 0)
          throw new E("tlv.decode(long): zero leftmost byte");
        for (const b of lengthBytes)
          length = length << 8 | b;
        pos += lenLen;
        if (length < 128)
          throw new E("tlv.decode(long): not minimal encoding");
      }
      const v = data.subarray(pos, pos + length);
      if (v.length !== length)
        throw new E("tlv.decode: wrong value length");
      return { v, l: data.subarray(pos + length) };
    }
  },
  // https://crypto.stackexchange.com/a/57734 Leftmost bit of first byte is 'negative' flag,
  // since we always use positive integers here. It must always be empty:
  // - add zero byte if exists
  // - if next byte doesn't have a flag, leading zero is not allowed (minimal encoding)
  _int: {
    encode(num) {
      const { Err: E } = DER;
      if (num < _0n9)
        throw new E("integer: negative integers are not allowed");
      let hex = numberToHexUnpadded(num);
      if (Number.parseInt(hex[0], 16) & 8)
        hex = "00" + hex;
      if (hex.length & 1)
        throw new E("unexpected DER parsing assertion: unpadded hex");
      return hex;
    },
    decode(data) {
      const { Err: E } = DER;
      if (data[0] & 128)
        throw new E("invalid signature integer: negative");
      if (data[0] === 0 && !(data[1] & 128))
        throw new E("invalid signature integer: unnecessary leading zero");
      return bytesToNumberBE2(data);
    }
  },
  toSig(hex) {
    const { Err: E, _int: int2, _tlv: tlv } = DER;
    const data = ensureBytes("signature", hex);
    const { v: seqBytes, l: seqLeftBytes } = tlv.decode(48, data);
    if (seqLeftBytes.length)
      throw new E("invalid signature: left bytes after parsing");
    const { v: rBytes, l: rLeftBytes } = tlv.decode(2, seqBytes);
    const { v: sBytes, l: sLeftBytes } = tlv.decode(2, rLeftBytes);
    if (sLeftBytes.length)
      throw new E("invalid signature: left bytes after parsing");
    return { r: int2.decode(rBytes), s: int2.decode(sBytes) };
  },
  hexFromSig(sig) {
    const { _tlv: tlv, _int: int2 } = DER;
    const rs = tlv.encode(2, int2.encode(sig.r));
    const ss = tlv.encode(2, int2.encode(sig.s));
    const seq = rs + ss;
    return tlv.encode(48, seq);
  }
};
var _0n9 = BigInt(0);
var _1n10 = BigInt(1);
var _2n6 = BigInt(2);
var _3n4 = BigInt(3);
var _4n6 = BigInt(4);
function _normFnElement(Fn, key) {
  const { BYTES: expected } = Fn;
  let num;
  if (typeof key === "bigint") {
    num = key;
  } else {
    let bytes = ensureBytes("private key", key);
    try {
      num = Fn.fromBytes(bytes);
    } catch (error) {
      throw new Error(`invalid private key: expected ui8a of size ${expected}, got ${typeof key}`);
    }
  }
  if (!Fn.isValidNot0(num))
    throw new Error("invalid private key: out of range [1..N-1]");
  return num;
}
function weierstrassN(params, extraOpts = {}) {
  const validated = _createCurveFields("weierstrass", params, extraOpts);
  const { Fp: Fp3, Fn } = validated;
  let CURVE = validated.CURVE;
  const { h: cofactor, n: CURVE_ORDER } = CURVE;
  _validateObject(extraOpts, {}, {
    allowInfinityPoint: "boolean",
    clearCofactor: "function",
    isTorsionFree: "function",
    fromBytes: "function",
    toBytes: "function",
    endo: "object",
    wrapPrivateKey: "boolean"
  });
  const { endo } = extraOpts;
  if (endo) {
    if (!Fp3.is0(CURVE.a) || typeof endo.beta !== "bigint" || !Array.isArray(endo.basises)) {
      throw new Error('invalid endo: expected "beta": bigint and "basises": array');
    }
  }
  const lengths = getWLengths(Fp3, Fn);
  function assertCompressionIsSupported() {
    if (!Fp3.isOdd)
      throw new Error("compression is not supported: Field does not have .isOdd()");
  }
  function pointToBytes(_c, point, isCompressed) {
    const { x: x2, y } = point.toAffine();
    const bx = Fp3.toBytes(x2);
    _abool2(isCompressed, "isCompressed");
    if (isCompressed) {
      assertCompressionIsSupported();
      const hasEvenY = !Fp3.isOdd(y);
      return concatBytes3(pprefix(hasEvenY), bx);
    } else {
      return concatBytes3(Uint8Array.of(4), bx, Fp3.toBytes(y));
    }
  }
  function pointFromBytes(bytes) {
    _abytes2(bytes, void 0, "Point");
    const { publicKey: comp, publicKeyUncompressed: uncomp } = lengths;
    const length = bytes.length;
    const head = bytes[0];
    const tail = bytes.subarray(1);
    if (length === comp && (head === 2 || head === 3)) {
      const x2 = Fp3.fromBytes(tail);
      if (!Fp3.isValid(x2))
        throw new Error("bad point: is not on curve, wrong x");
      const y2 = weierstrassEquation(x2);
      let y;
      try {
        y = Fp3.sqrt(y2);
      } catch (sqrtError) {
        const err = sqrtError instanceof Error ? ": " + sqrtError.message : "";
        throw new Error("bad point: is not on curve, sqrt error" + err);
      }
      assertCompressionIsSupported();
      const isYOdd = Fp3.isOdd(y);
      const isHeadOdd = (head & 1) === 1;
      if (isHeadOdd !== isYOdd)
        y = Fp3.neg(y);
      return { x: x2, y };
    } else if (length === uncomp && head === 4) {
      const L = Fp3.BYTES;
      const x2 = Fp3.fromBytes(tail.subarray(0, L));
      const y = Fp3.fromBytes(tail.subarray(L, L * 2));
      if (!isValidXY(x2, y))
        throw new Error("bad point: is not on curve");
      return { x: x2, y };
    } else {
      throw new Error(`bad point: got length ${length}, expected compressed=${comp} or uncompressed=${uncomp}`);
    }
  }
  const encodePoint = extraOpts.toBytes || pointToBytes;
  const decodePoint = extraOpts.fromBytes || pointFromBytes;
  function weierstrassEquation(x2) {
    const x22 = Fp3.sqr(x2);
    const x3 = Fp3.mul(x22, x2);
    return Fp3.add(Fp3.add(x3, Fp3.mul(x2, CURVE.a)), CURVE.b);
  }
  function isValidXY(x2, y) {
    const left = Fp3.sqr(y);
    const right = weierstrassEquation(x2);
    return Fp3.eql(left, right);
  }
  if (!isValidXY(CURVE.Gx, CURVE.Gy))
    throw new Error("bad curve params: generator point");
  const _4a3 = Fp3.mul(Fp3.pow(CURVE.a, _3n4), _4n6);
  const _27b2 = Fp3.mul(Fp3.sqr(CURVE.b), BigInt(27));
  if (Fp3.is0(Fp3.add(_4a3, _27b2)))
    throw new Error("bad curve params: a or b");
  function acoord(title, n, banZero = false) {
    if (!Fp3.isValid(n) || banZero && Fp3.is0(n))
      throw new Error(`bad point coordinate ${title}`);
    return n;
  }
  function aprjpoint(other) {
    if (!(other instanceof Point))
      throw new Error("ProjectivePoint expected");
  }
  function splitEndoScalarN(k) {
    if (!endo || !endo.basises)
      throw new Error("no endo");
    return _splitEndoScalar(k, endo.basises, Fn.ORDER);
  }
  const toAffineMemo = memoized((p, iz) => {
    const { X, Y, Z } = p;
    if (Fp3.eql(Z, Fp3.ONE))
      return { x: X, y: Y };
    const is0 = p.is0();
    if (iz == null)
      iz = is0 ? Fp3.ONE : Fp3.inv(Z);
    const x2 = Fp3.mul(X, iz);
    const y = Fp3.mul(Y, iz);
    const zz = Fp3.mul(Z, iz);
    if (is0)
      return { x: Fp3.ZERO, y: Fp3.ZERO };
    if (!Fp3.eql(zz, Fp3.ONE))
      throw new Error("invZ was invalid");
    return { x: x2, y };
  });
  const assertValidMemo = memoized((p) => {
    if (p.is0()) {
      if (extraOpts.allowInfinityPoint && !Fp3.is0(p.Y))
        return;
      throw new Error("bad point: ZERO");
    }
    const { x: x2, y } = p.toAffine();
    if (!Fp3.isValid(x2) || !Fp3.isValid(y))
      throw new Error("bad point: x or y not field elements");
    if (!isValidXY(x2, y))
      throw new Error("bad point: equation left != right");
    if (!p.isTorsionFree())
      throw new Error("bad point: not in prime-order subgroup");
    return true;
  });
  function finishEndo(endoBeta, k1p, k2p, k1neg, k2neg) {
    k2p = new Point(Fp3.mul(k2p.X, endoBeta), k2p.Y, k2p.Z);
    k1p = negateCt(k1neg, k1p);
    k2p = negateCt(k2neg, k2p);
    return k1p.add(k2p);
  }
  class Point {
    /** Does NOT validate if the point is valid. Use `.assertValidity()`. */
    constructor(X, Y, Z) {
      this.X = acoord("x", X);
      this.Y = acoord("y", Y, true);
      this.Z = acoord("z", Z);
      Object.freeze(this);
    }
    static CURVE() {
      return CURVE;
    }
    /** Does NOT validate if the point is valid. Use `.assertValidity()`. */
    static fromAffine(p) {
      const { x: x2, y } = p || {};
      if (!p || !Fp3.isValid(x2) || !Fp3.isValid(y))
        throw new Error("invalid affine point");
      if (p instanceof Point)
        throw new Error("projective point not allowed");
      if (Fp3.is0(x2) && Fp3.is0(y))
        return Point.ZERO;
      return new Point(x2, y, Fp3.ONE);
    }
    static fromBytes(bytes) {
      const P2 = Point.fromAffine(decodePoint(_abytes2(bytes, void 0, "point")));
      P2.assertValidity();
      return P2;
    }
    static fromHex(hex) {
      return Point.fromBytes(ensureBytes("pointHex", hex));
    }
    get x() {
      return this.toAffine().x;
    }
    get y() {
      return this.toAffine().y;
    }
    /**
     *
     * @param windowSize
     * @param isLazy true will defer table computation until the first multiplication
     * @returns
     */
    precompute(windowSize = 8, isLazy = true) {
      wnaf.createCache(this, windowSize);
      if (!isLazy)
        this.multiply(_3n4);
      return this;
    }
    // TODO: return `this`
    /** A point on curve is valid if it conforms to equation. */
    assertValidity() {
      assertValidMemo(this);
    }
    hasEvenY() {
      const { y } = this.toAffine();
      if (!Fp3.isOdd)
        throw new Error("Field doesn't support isOdd");
      return !Fp3.isOdd(y);
    }
    /** Compare one point to another. */
    equals(other) {
      aprjpoint(other);
      const { X: X1, Y: Y1, Z: Z1 } = this;
      const { X: X2, Y: Y2, Z: Z2 } = other;
      const U1 = Fp3.eql(Fp3.mul(X1, Z2), Fp3.mul(X2, Z1));
      const U2 = Fp3.eql(Fp3.mul(Y1, Z2), Fp3.mul(Y2, Z1));
      return U1 && U2;
    }
    /** Flips point to one corresponding to (x, -y) in Affine coordinates. */
    negate() {
      return new Point(this.X, Fp3.neg(this.Y), this.Z);
    }
    // Renes-Costello-Batina exception-free doubling formula.
    // There is 30% faster Jacobian formula, but it is not complete.
    // https://eprint.iacr.org/2015/1060, algorithm 3
    // Cost: 8M + 3S + 3*a + 2*b3 + 15add.
    double() {
      const { a, b } = CURVE;
      const b3 = Fp3.mul(b, _3n4);
      const { X: X1, Y: Y1, Z: Z1 } = this;
      let X3 = Fp3.ZERO, Y3 = Fp3.ZERO, Z3 = Fp3.ZERO;
      let t0 = Fp3.mul(X1, X1);
      let t1 = Fp3.mul(Y1, Y1);
      let t2 = Fp3.mul(Z1, Z1);
      let t3 = Fp3.mul(X1, Y1);
      t3 = Fp3.add(t3, t3);
      Z3 = Fp3.mul(X1, Z1);
      Z3 = Fp3.add(Z3, Z3);
      X3 = Fp3.mul(a, Z3);
      Y3 = Fp3.mul(b3, t2);
      Y3 = Fp3.add(X3, Y3);
      X3 = Fp3.sub(t1, Y3);
      Y3 = Fp3.add(t1, Y3);
      Y3 = Fp3.mul(X3, Y3);
      X3 = Fp3.mul(t3, X3);
      Z3 = Fp3.mul(b3, Z3);
      t2 = Fp3.mul(a, t2);
      t3 = Fp3.sub(t0, t2);
      t3 = Fp3.mul(a, t3);
      t3 = Fp3.add(t3, Z3);
      Z3 = Fp3.add(t0, t0);
      t0 = Fp3.add(Z3, t0);
      t0 = Fp3.add(t0, t2);
      t0 = Fp3.mul(t0, t3);
      Y3 = Fp3.add(Y3, t0);
      t2 = Fp3.mul(Y1, Z1);
      t2 = Fp3.add(t2, t2);
      t0 = Fp3.mul(t2, t3);
      X3 = Fp3.sub(X3, t0);
      Z3 = Fp3.mul(t2, t1);
      Z3 = Fp3.add(Z3, Z3);
      Z3 = Fp3.add(Z3, Z3);
      return new Point(X3, Y3, Z3);
    }
    // Renes-Costello-Batina exception-free addition formula.
    // There is 30% faster Jacobian formula, but it is not complete.
    // https://eprint.iacr.org/2015/1060, algorithm 1
    // Cost: 12M + 0S + 3*a + 3*b3 + 23add.
    add(other) {
      aprjpoint(other);
      const { X: X1, Y: Y1, Z: Z1 } = this;
      const { X: X2, Y: Y2, Z: Z2 } = other;
      let X3 = Fp3.ZERO, Y3 = Fp3.ZERO, Z3 = Fp3.ZERO;
      const a = CURVE.a;
      const b3 = Fp3.mul(CURVE.b, _3n4);
      let t0 = Fp3.mul(X1, X2);
      let t1 = Fp3.mul(Y1, Y2);
      let t2 = Fp3.mul(Z1, Z2);
      let t3 = Fp3.add(X1, Y1);
      let t4 = Fp3.add(X2, Y2);
      t3 = Fp3.mul(t3, t4);
      t4 = Fp3.add(t0, t1);
      t3 = Fp3.sub(t3, t4);
      t4 = Fp3.add(X1, Z1);
      let t5 = Fp3.add(X2, Z2);
      t4 = Fp3.mul(t4, t5);
      t5 = Fp3.add(t0, t2);
      t4 = Fp3.sub(t4, t5);
      t5 = Fp3.add(Y1, Z1);
      X3 = Fp3.add(Y2, Z2);
      t5 = Fp3.mul(t5, X3);
      X3 = Fp3.add(t1, t2);
      t5 = Fp3.sub(t5, X3);
      Z3 = Fp3.mul(a, t4);
      X3 = Fp3.mul(b3, t2);
      Z3 = Fp3.add(X3, Z3);
      X3 = Fp3.sub(t1, Z3);
      Z3 = Fp3.add(t1, Z3);
      Y3 = Fp3.mul(X3, Z3);
      t1 = Fp3.add(t0, t0);
      t1 = Fp3.add(t1, t0);
      t2 = Fp3.mul(a, t2);
      t4 = Fp3.mul(b3, t4);
      t1 = Fp3.add(t1, t2);
      t2 = Fp3.sub(t0, t2);
      t2 = Fp3.mul(a, t2);
      t4 = Fp3.add(t4, t2);
      t0 = Fp3.mul(t1, t4);
      Y3 = Fp3.add(Y3, t0);
      t0 = Fp3.mul(t5, t4);
      X3 = Fp3.mul(t3, X3);
      X3 = Fp3.sub(X3, t0);
      t0 = Fp3.mul(t3, t1);
      Z3 = Fp3.mul(t5, Z3);
      Z3 = Fp3.add(Z3, t0);
      return new Point(X3, Y3, Z3);
    }
    subtract(other) {
      return this.add(other.negate());
    }
    is0() {
      return this.equals(Point.ZERO);
    }
    /**
     * Constant time multiplication.
     * Uses wNAF method. Windowed method may be 10% faster,
     * but takes 2x longer to generate and consumes 2x memory.
     * Uses precomputes when available.
     * Uses endomorphism for Koblitz curves.
     * @param scalar by which the point would be multiplied
     * @returns New point
     */
    multiply(scalar) {
      const { endo: endo2 } = extraOpts;
      if (!Fn.isValidNot0(scalar))
        throw new Error("invalid scalar: out of range");
      let point, fake;
      const mul = (n) => wnaf.cached(this, n, (p) => normalizeZ2(Point, p));
      if (endo2) {
        const { k1neg, k1, k2neg, k2 } = splitEndoScalarN(scalar);
        const { p: k1p, f: k1f } = mul(k1);
        const { p: k2p, f: k2f } = mul(k2);
        fake = k1f.add(k2f);
        point = finishEndo(endo2.beta, k1p, k2p, k1neg, k2neg);
      } else {
        const { p, f } = mul(scalar);
        point = p;
        fake = f;
      }
      return normalizeZ2(Point, [point, fake])[0];
    }
    /**
     * Non-constant-time multiplication. Uses double-and-add algorithm.
     * It's faster, but should only be used when you don't care about
     * an exposed secret key e.g. sig verification, which works over *public* keys.
     */
    multiplyUnsafe(sc) {
      const { endo: endo2 } = extraOpts;
      const p = this;
      if (!Fn.isValid(sc))
        throw new Error("invalid scalar: out of range");
      if (sc === _0n9 || p.is0())
        return Point.ZERO;
      if (sc === _1n10)
        return p;
      if (wnaf.hasCache(this))
        return this.multiply(sc);
      if (endo2) {
        const { k1neg, k1, k2neg, k2 } = splitEndoScalarN(sc);
        const { p1, p2 } = mulEndoUnsafe(Point, p, k1, k2);
        return finishEndo(endo2.beta, p1, p2, k1neg, k2neg);
      } else {
        return wnaf.unsafe(p, sc);
      }
    }
    multiplyAndAddUnsafe(Q, a, b) {
      const sum = this.multiplyUnsafe(a).add(Q.multiplyUnsafe(b));
      return sum.is0() ? void 0 : sum;
    }
    /**
     * Converts Projective point to affine (x, y) coordinates.
     * @param invertedZ Z^-1 (inverted zero) - optional, precomputation is useful for invertBatch
     */
    toAffine(invertedZ) {
      return toAffineMemo(this, invertedZ);
    }
    /**
     * Checks whether Point is free of torsion elements (is in prime subgroup).
     * Always torsion-free for cofactor=1 curves.
     */
    isTorsionFree() {
      const { isTorsionFree } = extraOpts;
      if (cofactor === _1n10)
        return true;
      if (isTorsionFree)
        return isTorsionFree(Point, this);
      return wnaf.unsafe(this, CURVE_ORDER).is0();
    }
    clearCofactor() {
      const { clearCofactor } = extraOpts;
      if (cofactor === _1n10)
        return this;
      if (clearCofactor)
        return clearCofactor(Point, this);
      return this.multiplyUnsafe(cofactor);
    }
    isSmallOrder() {
      return this.multiplyUnsafe(cofactor).is0();
    }
    toBytes(isCompressed = true) {
      _abool2(isCompressed, "isCompressed");
      this.assertValidity();
      return encodePoint(Point, this, isCompressed);
    }
    toHex(isCompressed = true) {
      return bytesToHex3(this.toBytes(isCompressed));
    }
    toString() {
      return `<Point ${this.is0() ? "ZERO" : this.toHex()}>`;
    }
    // TODO: remove
    get px() {
      return this.X;
    }
    get py() {
      return this.X;
    }
    get pz() {
      return this.Z;
    }
    toRawBytes(isCompressed = true) {
      return this.toBytes(isCompressed);
    }
    _setWindowSize(windowSize) {
      this.precompute(windowSize);
    }
    static normalizeZ(points) {
      return normalizeZ2(Point, points);
    }
    static msm(points, scalars) {
      return pippenger(Point, Fn, points, scalars);
    }
    static fromPrivateKey(privateKey) {
      return Point.BASE.multiply(_normFnElement(Fn, privateKey));
    }
  }
  Point.BASE = new Point(CURVE.Gx, CURVE.Gy, Fp3.ONE);
  Point.ZERO = new Point(Fp3.ZERO, Fp3.ONE, Fp3.ZERO);
  Point.Fp = Fp3;
  Point.Fn = Fn;
  const bits = Fn.BITS;
  const wnaf = new wNAF(Point, extraOpts.endo ? Math.ceil(bits / 2) : bits);
  Point.BASE.precompute(8);
  return Point;
}
function pprefix(hasEvenY) {
  return Uint8Array.of(hasEvenY ? 2 : 3);
}
function getWLengths(Fp3, Fn) {
  return {
    secretKey: Fn.BYTES,
    publicKey: 1 + Fp3.BYTES,
    publicKeyUncompressed: 1 + 2 * Fp3.BYTES,
    publicKeyHasPrefix: true,
    signature: 2 * Fn.BYTES
  };
}
function ecdh(Point, ecdhOpts = {}) {
  const { Fn } = Point;
  const randomBytes_ = ecdhOpts.randomBytes || randomBytes3;
  const lengths = Object.assign(getWLengths(Point.Fp, Fn), { seed: getMinHashLength2(Fn.ORDER) });
  function isValidSecretKey(secretKey) {
    try {
      return !!_normFnElement(Fn, secretKey);
    } catch (error) {
      return false;
    }
  }
  function isValidPublicKey(publicKey, isCompressed) {
    const { publicKey: comp, publicKeyUncompressed } = lengths;
    try {
      const l = publicKey.length;
      if (isCompressed === true && l !== comp)
        return false;
      if (isCompressed === false && l !== publicKeyUncompressed)
        return false;
      return !!Point.fromBytes(publicKey);
    } catch (error) {
      return false;
    }
  }
  function randomSecretKey(seed = randomBytes_(lengths.seed)) {
    return mapHashToField2(_abytes2(seed, lengths.seed, "seed"), Fn.ORDER);
  }
  function getPublicKey(secretKey, isCompressed = true) {
    return Point.BASE.multiply(_normFnElement(Fn, secretKey)).toBytes(isCompressed);
  }
  function keygen(seed) {
    const secretKey = randomSecretKey(seed);
    return { secretKey, publicKey: getPublicKey(secretKey) };
  }
  function isProbPub(item) {
    if (typeof item === "bigint")
      return false;
    if (item instanceof Point)
      return true;
    const { secretKey, publicKey, publicKeyUncompressed } = lengths;
    if (Fn.allowedLengths || secretKey === publicKey)
      return void 0;
    const l = ensureBytes("key", item).length;
    return l === publicKey || l === publicKeyUncompressed;
  }
  function getSharedSecret2(secretKeyA, publicKeyB, isCompressed = true) {
    if (isProbPub(secretKeyA) === true)
      throw new Error("first arg must be private key");
    if (isProbPub(publicKeyB) === false)
      throw new Error("second arg must be public key");
    const s = _normFnElement(Fn, secretKeyA);
    const b = Point.fromHex(publicKeyB);
    return b.multiply(s).toBytes(isCompressed);
  }
  const utils = {
    isValidSecretKey,
    isValidPublicKey,
    randomSecretKey,
    // TODO: remove
    isValidPrivateKey: isValidSecretKey,
    randomPrivateKey: randomSecretKey,
    normPrivateKeyToScalar: (key) => _normFnElement(Fn, key),
    precompute(windowSize = 8, point = Point.BASE) {
      return point.precompute(windowSize, false);
    }
  };
  return Object.freeze({ getPublicKey, getSharedSecret: getSharedSecret2, keygen, Point, utils, lengths });
}
function ecdsa(Point, hash2, ecdsaOpts = {}) {
  ahash(hash2);
  _validateObject(ecdsaOpts, {}, {
    hmac: "function",
    lowS: "boolean",
    randomBytes: "function",
    bits2int: "function",
    bits2int_modN: "function"
  });
  const randomBytes6 = ecdsaOpts.randomBytes || randomBytes3;
  const hmac3 = ecdsaOpts.hmac || ((key, ...msgs) => hmac(hash2, key, concatBytes3(...msgs)));
  const { Fp: Fp3, Fn } = Point;
  const { ORDER: CURVE_ORDER, BITS: fnBits } = Fn;
  const { keygen, getPublicKey, getSharedSecret: getSharedSecret2, utils, lengths } = ecdh(Point, ecdsaOpts);
  const defaultSigOpts = {
    prehash: false,
    lowS: typeof ecdsaOpts.lowS === "boolean" ? ecdsaOpts.lowS : false,
    format: void 0,
    //'compact' as ECDSASigFormat,
    extraEntropy: false
  };
  const defaultSigOpts_format = "compact";
  function isBiggerThanHalfOrder(number) {
    const HALF = CURVE_ORDER >> _1n10;
    return number > HALF;
  }
  function validateRS(title, num) {
    if (!Fn.isValidNot0(num))
      throw new Error(`invalid signature ${title}: out of range 1..Point.Fn.ORDER`);
    return num;
  }
  function validateSigLength(bytes, format) {
    validateSigFormat(format);
    const size = lengths.signature;
    const sizer = format === "compact" ? size : format === "recovered" ? size + 1 : void 0;
    return _abytes2(bytes, sizer, `${format} signature`);
  }
  class Signature {
    constructor(r, s, recovery) {
      this.r = validateRS("r", r);
      this.s = validateRS("s", s);
      if (recovery != null)
        this.recovery = recovery;
      Object.freeze(this);
    }
    static fromBytes(bytes, format = defaultSigOpts_format) {
      validateSigLength(bytes, format);
      let recid;
      if (format === "der") {
        const { r: r2, s: s2 } = DER.toSig(_abytes2(bytes));
        return new Signature(r2, s2);
      }
      if (format === "recovered") {
        recid = bytes[0];
        format = "compact";
        bytes = bytes.subarray(1);
      }
      const L = Fn.BYTES;
      const r = bytes.subarray(0, L);
      const s = bytes.subarray(L, L * 2);
      return new Signature(Fn.fromBytes(r), Fn.fromBytes(s), recid);
    }
    static fromHex(hex, format) {
      return this.fromBytes(hexToBytes3(hex), format);
    }
    addRecoveryBit(recovery) {
      return new Signature(this.r, this.s, recovery);
    }
    recoverPublicKey(messageHash) {
      const FIELD_ORDER = Fp3.ORDER;
      const { r, s, recovery: rec } = this;
      if (rec == null || ![0, 1, 2, 3].includes(rec))
        throw new Error("recovery id invalid");
      const hasCofactor = CURVE_ORDER * _2n6 < FIELD_ORDER;
      if (hasCofactor && rec > 1)
        throw new Error("recovery id is ambiguous for h>1 curve");
      const radj = rec === 2 || rec === 3 ? r + CURVE_ORDER : r;
      if (!Fp3.isValid(radj))
        throw new Error("recovery id 2 or 3 invalid");
      const x2 = Fp3.toBytes(radj);
      const R = Point.fromBytes(concatBytes3(pprefix((rec & 1) === 0), x2));
      const ir = Fn.inv(radj);
      const h = bits2int_modN(ensureBytes("msgHash", messageHash));
      const u1 = Fn.create(-h * ir);
      const u2 = Fn.create(s * ir);
      const Q = Point.BASE.multiplyUnsafe(u1).add(R.multiplyUnsafe(u2));
      if (Q.is0())
        throw new Error("point at infinify");
      Q.assertValidity();
      return Q;
    }
    // Signatures should be low-s, to prevent malleability.
    hasHighS() {
      return isBiggerThanHalfOrder(this.s);
    }
    toBytes(format = defaultSigOpts_format) {
      validateSigFormat(format);
      if (format === "der")
        return hexToBytes3(DER.hexFromSig(this));
      const r = Fn.toBytes(this.r);
      const s = Fn.toBytes(this.s);
      if (format === "recovered") {
        if (this.recovery == null)
          throw new Error("recovery bit must be present");
        return concatBytes3(Uint8Array.of(this.recovery), r, s);
      }
      return concatBytes3(r, s);
    }
    toHex(format) {
      return bytesToHex3(this.toBytes(format));
    }
    // TODO: remove
    assertValidity() {
    }
    static fromCompact(hex) {
      return Signature.fromBytes(ensureBytes("sig", hex), "compact");
    }
    static fromDER(hex) {
      return Signature.fromBytes(ensureBytes("sig", hex), "der");
    }
    normalizeS() {
      return this.hasHighS() ? new Signature(this.r, Fn.neg(this.s), this.recovery) : this;
    }
    toDERRawBytes() {
      return this.toBytes("der");
    }
    toDERHex() {
      return bytesToHex3(this.toBytes("der"));
    }
    toCompactRawBytes() {
      return this.toBytes("compact");
    }
    toCompactHex() {
      return bytesToHex3(this.toBytes("compact"));
    }
  }
  const bits2int = ecdsaOpts.bits2int || function bits2int_def(bytes) {
    if (bytes.length > 8192)
      throw new Error("input is too large");
    const num = bytesToNumberBE2(bytes);
    const delta = bytes.length * 8 - fnBits;
    return delta > 0 ? num >> BigInt(delta) : num;
  };
  const bits2int_modN = ecdsaOpts.bits2int_modN || function bits2int_modN_def(bytes) {
    return Fn.create(bits2int(bytes));
  };
  const ORDER_MASK = bitMask2(fnBits);
  function int2octets(num) {
    aInRange2("num < 2^" + fnBits, num, _0n9, ORDER_MASK);
    return Fn.toBytes(num);
  }
  function validateMsgAndHash(message, prehash) {
    _abytes2(message, void 0, "message");
    return prehash ? _abytes2(hash2(message), void 0, "prehashed message") : message;
  }
  function prepSig(message, privateKey, opts) {
    if (["recovered", "canonical"].some((k) => k in opts))
      throw new Error("sign() legacy options not supported");
    const { lowS, prehash, extraEntropy } = validateSigOpts(opts, defaultSigOpts);
    message = validateMsgAndHash(message, prehash);
    const h1int = bits2int_modN(message);
    const d = _normFnElement(Fn, privateKey);
    const seedArgs = [int2octets(d), int2octets(h1int)];
    if (extraEntropy != null && extraEntropy !== false) {
      const e = extraEntropy === true ? randomBytes6(lengths.secretKey) : extraEntropy;
      seedArgs.push(ensureBytes("extraEntropy", e));
    }
    const seed = concatBytes3(...seedArgs);
    const m = h1int;
    function k2sig(kBytes) {
      const k = bits2int(kBytes);
      if (!Fn.isValidNot0(k))
        return;
      const ik = Fn.inv(k);
      const q = Point.BASE.multiply(k).toAffine();
      const r = Fn.create(q.x);
      if (r === _0n9)
        return;
      const s = Fn.create(ik * Fn.create(m + r * d));
      if (s === _0n9)
        return;
      let recovery = (q.x === r ? 0 : 2) | Number(q.y & _1n10);
      let normS = s;
      if (lowS && isBiggerThanHalfOrder(s)) {
        normS = Fn.neg(s);
        recovery ^= 1;
      }
      return new Signature(r, normS, recovery);
    }
    return { seed, k2sig };
  }
  function sign(message, secretKey, opts = {}) {
    message = ensureBytes("message", message);
    const { seed, k2sig } = prepSig(message, secretKey, opts);
    const drbg = createHmacDrbg(hash2.outputLen, Fn.BYTES, hmac3);
    const sig = drbg(seed, k2sig);
    return sig;
  }
  function tryParsingSig(sg) {
    let sig = void 0;
    const isHex = typeof sg === "string" || isBytes3(sg);
    const isObj2 = !isHex && sg !== null && typeof sg === "object" && typeof sg.r === "bigint" && typeof sg.s === "bigint";
    if (!isHex && !isObj2)
      throw new Error("invalid signature, expected Uint8Array, hex string or Signature instance");
    if (isObj2) {
      sig = new Signature(sg.r, sg.s);
    } else if (isHex) {
      try {
        sig = Signature.fromBytes(ensureBytes("sig", sg), "der");
      } catch (derError) {
        if (!(derError instanceof DER.Err))
          throw derError;
      }
      if (!sig) {
        try {
          sig = Signature.fromBytes(ensureBytes("sig", sg), "compact");
        } catch (error) {
          return false;
        }
      }
    }
    if (!sig)
      return false;
    return sig;
  }
  function verify(signature, message, publicKey, opts = {}) {
    const { lowS, prehash, format } = validateSigOpts(opts, defaultSigOpts);
    publicKey = ensureBytes("publicKey", publicKey);
    message = validateMsgAndHash(ensureBytes("message", message), prehash);
    if ("strict" in opts)
      throw new Error("options.strict was renamed to lowS");
    const sig = format === void 0 ? tryParsingSig(signature) : Signature.fromBytes(ensureBytes("sig", signature), format);
    if (sig === false)
      return false;
    try {
      const P2 = Point.fromBytes(publicKey);
      if (lowS && sig.hasHighS())
        return false;
      const { r, s } = sig;
      const h = bits2int_modN(message);
      const is = Fn.inv(s);
      const u1 = Fn.create(h * is);
      const u2 = Fn.create(r * is);
      const R = Point.BASE.multiplyUnsafe(u1).add(P2.multiplyUnsafe(u2));
      if (R.is0())
        return false;
      const v = Fn.create(R.x);
      return v === r;
    } catch (e) {
      return false;
    }
  }
  function recoverPublicKey(signature, message, opts = {}) {
    const { prehash } = validateSigOpts(opts, defaultSigOpts);
    message = validateMsgAndHash(message, prehash);
    return Signature.fromBytes(signature, "recovered").recoverPublicKey(message).toBytes();
  }
  return Object.freeze({
    keygen,
    getPublicKey,
    getSharedSecret: getSharedSecret2,
    utils,
    lengths,
    Point,
    sign,
    verify,
    recoverPublicKey,
    Signature,
    hash: hash2
  });
}
function _weierstrass_legacy_opts_to_new(c) {
  const CURVE = {
    a: c.a,
    b: c.b,
    p: c.Fp.ORDER,
    n: c.n,
    h: c.h,
    Gx: c.Gx,
    Gy: c.Gy
  };
  const Fp3 = c.Fp;
  let allowedLengths = c.allowedPrivateKeyLengths ? Array.from(new Set(c.allowedPrivateKeyLengths.map((l) => Math.ceil(l / 2)))) : void 0;
  const Fn = Field2(CURVE.n, {
    BITS: c.nBitLength,
    allowedLengths,
    modFromBytes: c.wrapPrivateKey
  });
  const curveOpts = {
    Fp: Fp3,
    Fn,
    allowInfinityPoint: c.allowInfinityPoint,
    endo: c.endo,
    isTorsionFree: c.isTorsionFree,
    clearCofactor: c.clearCofactor,
    fromBytes: c.fromBytes,
    toBytes: c.toBytes
  };
  return { CURVE, curveOpts };
}
function _ecdsa_legacy_opts_to_new(c) {
  const { CURVE, curveOpts } = _weierstrass_legacy_opts_to_new(c);
  const ecdsaOpts = {
    hmac: c.hmac,
    randomBytes: c.randomBytes,
    lowS: c.lowS,
    bits2int: c.bits2int,
    bits2int_modN: c.bits2int_modN
  };
  return { CURVE, curveOpts, hash: c.hash, ecdsaOpts };
}
function _ecdsa_new_output_to_legacy(c, _ecdsa) {
  const Point = _ecdsa.Point;
  return Object.assign({}, _ecdsa, {
    ProjectivePoint: Point,
    CURVE: Object.assign({}, c, nLength2(Point.Fn.ORDER, Point.Fn.BITS))
  });
}
function weierstrass(c) {
  const { CURVE, curveOpts, hash: hash2, ecdsaOpts } = _ecdsa_legacy_opts_to_new(c);
  const Point = weierstrassN(CURVE, curveOpts);
  const signs = ecdsa(Point, hash2, ecdsaOpts);
  return _ecdsa_new_output_to_legacy(c, signs);
}

// node_modules/sm-crypto-v2/node_modules/@noble/ciphers/esm/utils.js
function isBytes4(a) {
  return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array";
}
function abytes4(b, ...lengths) {
  if (!isBytes4(b))
    throw new Error("Uint8Array expected");
  if (lengths.length > 0 && !lengths.includes(b.length))
    throw new Error("Uint8Array expected of length " + lengths + ", got length=" + b.length);
}
function aexists3(instance, checkFinished = true) {
  if (instance.destroyed)
    throw new Error("Hash instance has been destroyed");
  if (checkFinished && instance.finished)
    throw new Error("Hash#digest() has already been called");
}
function aoutput2(out, instance) {
  abytes4(out);
  const min = instance.outputLen;
  if (out.length < min) {
    throw new Error("digestInto() expects output buffer of length at least " + min);
  }
}
function u32(arr2) {
  return new Uint32Array(arr2.buffer, arr2.byteOffset, Math.floor(arr2.byteLength / 4));
}
function clean3(...arrays) {
  for (let i = 0; i < arrays.length; i++) {
    arrays[i].fill(0);
  }
}
function createView2(arr2) {
  return new DataView(arr2.buffer, arr2.byteOffset, arr2.byteLength);
}
function utf8ToBytes2(str2) {
  if (typeof str2 !== "string")
    throw new Error("string expected");
  return new Uint8Array(new TextEncoder().encode(str2));
}
function toBytes2(data) {
  if (typeof data === "string")
    data = utf8ToBytes2(data);
  else if (isBytes4(data))
    data = copyBytes3(data);
  else
    throw new Error("Uint8Array expected, got " + typeof data);
  return data;
}
function setBigUint64(view, byteOffset, value, isLE3) {
  if (typeof view.setBigUint64 === "function")
    return view.setBigUint64(byteOffset, value, isLE3);
  const _32n2 = BigInt(32);
  const _u32_max = BigInt(4294967295);
  const wh = Number(value >> _32n2 & _u32_max);
  const wl = Number(value & _u32_max);
  const h = isLE3 ? 4 : 0;
  const l = isLE3 ? 0 : 4;
  view.setUint32(byteOffset + h, wh, isLE3);
  view.setUint32(byteOffset + l, wl, isLE3);
}
function copyBytes3(bytes) {
  return Uint8Array.from(bytes);
}

// node_modules/sm-crypto-v2/node_modules/@noble/ciphers/esm/_polyval.js
var BLOCK_SIZE = 16;
var ZEROS16 = /* @__PURE__ */ new Uint8Array(16);
var ZEROS32 = u32(ZEROS16);
var POLY = 225;
var mul2 = (s0, s1, s2, s3) => {
  const hiBit = s3 & 1;
  return {
    s3: s2 << 31 | s3 >>> 1,
    s2: s1 << 31 | s2 >>> 1,
    s1: s0 << 31 | s1 >>> 1,
    s0: s0 >>> 1 ^ POLY << 24 & -(hiBit & 1)
    // reduce % poly
  };
};
var swapLE = (n) => (n >>> 0 & 255) << 24 | (n >>> 8 & 255) << 16 | (n >>> 16 & 255) << 8 | n >>> 24 & 255 | 0;
function _toGHASHKey(k) {
  k.reverse();
  const hiBit = k[15] & 1;
  let carry = 0;
  for (let i = 0; i < k.length; i++) {
    const t2 = k[i];
    k[i] = t2 >>> 1 | carry;
    carry = (t2 & 1) << 7;
  }
  k[0] ^= -hiBit & 225;
  return k;
}
var estimateWindow = (bytes) => {
  if (bytes > 64 * 1024)
    return 8;
  if (bytes > 1024)
    return 4;
  return 2;
};
var GHASH = class {
  // We select bits per window adaptively based on expectedLength
  constructor(key, expectedLength) {
    this.blockLen = BLOCK_SIZE;
    this.outputLen = BLOCK_SIZE;
    this.s0 = 0;
    this.s1 = 0;
    this.s2 = 0;
    this.s3 = 0;
    this.finished = false;
    key = toBytes2(key);
    abytes4(key, 16);
    const kView = createView2(key);
    let k0 = kView.getUint32(0, false);
    let k1 = kView.getUint32(4, false);
    let k2 = kView.getUint32(8, false);
    let k3 = kView.getUint32(12, false);
    const doubles = [];
    for (let i = 0; i < 128; i++) {
      doubles.push({ s0: swapLE(k0), s1: swapLE(k1), s2: swapLE(k2), s3: swapLE(k3) });
      ({ s0: k0, s1: k1, s2: k2, s3: k3 } = mul2(k0, k1, k2, k3));
    }
    const W = estimateWindow(expectedLength || 1024);
    if (![1, 2, 4, 8].includes(W))
      throw new Error("ghash: invalid window size, expected 2, 4 or 8");
    this.W = W;
    const bits = 128;
    const windows = bits / W;
    const windowSize = this.windowSize = 2 ** W;
    const items = [];
    for (let w = 0; w < windows; w++) {
      for (let byte = 0; byte < windowSize; byte++) {
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let j = 0; j < W; j++) {
          const bit = byte >>> W - j - 1 & 1;
          if (!bit)
            continue;
          const { s0: d0, s1: d1, s2: d2, s3: d3 } = doubles[W * w + j];
          s0 ^= d0, s1 ^= d1, s2 ^= d2, s3 ^= d3;
        }
        items.push({ s0, s1, s2, s3 });
      }
    }
    this.t = items;
  }
  _updateBlock(s0, s1, s2, s3) {
    s0 ^= this.s0, s1 ^= this.s1, s2 ^= this.s2, s3 ^= this.s3;
    const { W, t: t2, windowSize } = this;
    let o0 = 0, o1 = 0, o2 = 0, o3 = 0;
    const mask = (1 << W) - 1;
    let w = 0;
    for (const num of [s0, s1, s2, s3]) {
      for (let bytePos = 0; bytePos < 4; bytePos++) {
        const byte = num >>> 8 * bytePos & 255;
        for (let bitPos = 8 / W - 1; bitPos >= 0; bitPos--) {
          const bit = byte >>> W * bitPos & mask;
          const { s0: e0, s1: e1, s2: e2, s3: e3 } = t2[w * windowSize + bit];
          o0 ^= e0, o1 ^= e1, o2 ^= e2, o3 ^= e3;
          w += 1;
        }
      }
    }
    this.s0 = o0;
    this.s1 = o1;
    this.s2 = o2;
    this.s3 = o3;
  }
  update(data) {
    aexists3(this);
    data = toBytes2(data);
    abytes4(data);
    const b32 = u32(data);
    const blocks = Math.floor(data.length / BLOCK_SIZE);
    const left = data.length % BLOCK_SIZE;
    for (let i = 0; i < blocks; i++) {
      this._updateBlock(b32[i * 4 + 0], b32[i * 4 + 1], b32[i * 4 + 2], b32[i * 4 + 3]);
    }
    if (left) {
      ZEROS16.set(data.subarray(blocks * BLOCK_SIZE));
      this._updateBlock(ZEROS32[0], ZEROS32[1], ZEROS32[2], ZEROS32[3]);
      clean3(ZEROS32);
    }
    return this;
  }
  destroy() {
    const { t: t2 } = this;
    for (const elm of t2) {
      elm.s0 = 0, elm.s1 = 0, elm.s2 = 0, elm.s3 = 0;
    }
  }
  digestInto(out) {
    aexists3(this);
    aoutput2(out, this);
    this.finished = true;
    const { s0, s1, s2, s3 } = this;
    const o32 = u32(out);
    o32[0] = s0;
    o32[1] = s1;
    o32[2] = s2;
    o32[3] = s3;
    return out;
  }
  digest() {
    const res = new Uint8Array(BLOCK_SIZE);
    this.digestInto(res);
    this.destroy();
    return res;
  }
};
var Polyval = class extends GHASH {
  constructor(key, expectedLength) {
    key = toBytes2(key);
    abytes4(key);
    const ghKey = _toGHASHKey(copyBytes3(key));
    super(ghKey, expectedLength);
    clean3(ghKey);
  }
  update(data) {
    data = toBytes2(data);
    aexists3(this);
    const b32 = u32(data);
    const left = data.length % BLOCK_SIZE;
    const blocks = Math.floor(data.length / BLOCK_SIZE);
    for (let i = 0; i < blocks; i++) {
      this._updateBlock(swapLE(b32[i * 4 + 3]), swapLE(b32[i * 4 + 2]), swapLE(b32[i * 4 + 1]), swapLE(b32[i * 4 + 0]));
    }
    if (left) {
      ZEROS16.set(data.subarray(blocks * BLOCK_SIZE));
      this._updateBlock(swapLE(ZEROS32[3]), swapLE(ZEROS32[2]), swapLE(ZEROS32[1]), swapLE(ZEROS32[0]));
      clean3(ZEROS32);
    }
    return this;
  }
  digestInto(out) {
    aexists3(this);
    aoutput2(out, this);
    this.finished = true;
    const { s0, s1, s2, s3 } = this;
    const o32 = u32(out);
    o32[0] = s0;
    o32[1] = s1;
    o32[2] = s2;
    o32[3] = s3;
    return out.reverse();
  }
};
function wrapConstructorWithKey(hashCons) {
  const hashC = (msg, key) => hashCons(key, msg.length).update(toBytes2(msg)).digest();
  const tmp2 = hashCons(new Uint8Array(16), 0);
  hashC.outputLen = tmp2.outputLen;
  hashC.blockLen = tmp2.blockLen;
  hashC.create = (key, expectedLength) => hashCons(key, expectedLength);
  return hashC;
}
var ghash = wrapConstructorWithKey((key, expectedLength) => new GHASH(key, expectedLength));
var polyval = wrapConstructorWithKey((key, expectedLength) => new Polyval(key, expectedLength));

// node_modules/sm-crypto-v2/dist/index.mjs
var __defProp = Object.defineProperty;
var __defNormalProp = (obj2, key, value) => key in obj2 ? __defProp(obj2, key, { enumerable: true, configurable: true, writable: true, value }) : obj2[key] = value;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __publicField = (obj2, key, value) => {
  __defNormalProp(obj2, typeof key !== "symbol" ? key + "" : key, value);
  return value;
};
var sm2_exports = {};
__export(sm2_exports, {
  EmptyArray: () => EmptyArray,
  arrayToHex: () => arrayToHex,
  arrayToUtf8: () => arrayToUtf8,
  calculateSharedKey: () => calculateSharedKey,
  comparePublicKeyHex: () => comparePublicKeyHex,
  compressPublicKeyHex: () => compressPublicKeyHex,
  doDecrypt: () => doDecrypt,
  doEncrypt: () => doEncrypt,
  doSignature: () => doSignature,
  doVerifySignature: () => doVerifySignature,
  ecdh: () => getSharedSecret,
  generateKeyPairHex: () => generateKeyPairHex,
  getHash: () => getHash,
  getPoint: () => getPoint,
  getPublicKeyFromPrivateKey: () => getPublicKeyFromPrivateKey,
  getZ: () => getZ,
  hexToArray: () => hexToArray,
  initRNGPool: () => initRNGPool,
  leftPad: () => leftPad,
  precomputePublicKey: () => precomputePublicKey,
  utf8ToHex: () => utf8ToHex,
  verifyPublicKey: () => verifyPublicKey
});
var ZERO = BigInt(0);
var ONE = BigInt(1);
var TWO = BigInt(2);
var THREE = BigInt(3);
function bigintToValue(bigint) {
  let h = bigint.toString(16);
  if (h[0] !== "-") {
    if (h.length % 2 === 1)
      h = "0" + h;
    else if (!h.match(/^[0-7]/))
      h = "00" + h;
  } else {
    h = h.substring(1);
    let len = h.length;
    if (len % 2 === 1)
      len += 1;
    else if (!h.match(/^[0-7]/))
      len += 2;
    let maskString = "";
    for (let i = 0; i < len; i++)
      maskString += "f";
    let mask = hexToNumber3(maskString);
    let output = (mask ^ bigint) + ONE;
    h = output.toString(16).replace(/^-/, "");
  }
  return h;
}
var ASN1Object = class {
  constructor(tlv = null, t2 = "00", l = "00", v = "") {
    this.tlv = tlv;
    this.t = t2;
    this.l = l;
    this.v = v;
  }
  /**
   * 获取 der 编码比特流16进制串
   */
  getEncodedHex() {
    if (!this.tlv) {
      this.v = this.getValue();
      this.l = this.getLength();
      this.tlv = this.t + this.l + this.v;
    }
    return this.tlv;
  }
  getLength() {
    const n = this.v.length / 2;
    let nHex = n.toString(16);
    if (nHex.length % 2 === 1)
      nHex = "0" + nHex;
    if (n < 128) {
      return nHex;
    } else {
      const head = 128 + nHex.length / 2;
      return head.toString(16) + nHex;
    }
  }
  getValue() {
    return "";
  }
};
var DERInteger = class extends ASN1Object {
  constructor(bigint) {
    super();
    this.t = "02";
    if (bigint)
      this.v = bigintToValue(bigint);
  }
  getValue() {
    return this.v;
  }
};
var DEROctetString = class extends ASN1Object {
  constructor(s) {
    super();
    this.s = s;
    __publicField(this, "hV", "");
    this.t = "04";
    if (s)
      this.v = s.toLowerCase();
  }
  getValue() {
    return this.v;
  }
};
var DERSequence = class extends ASN1Object {
  constructor(asn1Array) {
    super();
    this.asn1Array = asn1Array;
    __publicField(this, "t", "30");
  }
  getValue() {
    this.v = this.asn1Array.map((asn1Object) => asn1Object.getEncodedHex()).join("");
    return this.v;
  }
};
function getLenOfL(str2, start) {
  if (+str2[start + 2] < 8)
    return 1;
  const encoded = str2.slice(start + 2, start + 6);
  const headHex = encoded.slice(0, 2);
  const head = parseInt(headHex, 16);
  const nHexLength = 1 + (head - 128);
  return nHexLength;
}
function getL(str2, start) {
  const len = getLenOfL(str2, start);
  const l = str2.substring(start + 2, start + 2 + len * 2);
  if (!l)
    return -1;
  const bigint = +l[0] < 8 ? hexToNumber3(l) : hexToNumber3(l.substring(2));
  return +bigint.toString();
}
function getStartOfV(str2, start) {
  const len = getLenOfL(str2, start);
  return start + (len + 1) * 2;
}
function encodeDer(r, s) {
  const derR = new DERInteger(r);
  const derS = new DERInteger(s);
  const derSeq = new DERSequence([derR, derS]);
  return derSeq.getEncodedHex();
}
function encodeEnc(x2, y, hash2, cipher) {
  const derX = new DERInteger(x2);
  const derY = new DERInteger(y);
  const derHash = new DEROctetString(hash2);
  const derCipher = new DEROctetString(cipher);
  const derSeq = new DERSequence([derX, derY, derHash, derCipher]);
  return derSeq.getEncodedHex();
}
function decodeDer(input) {
  const start = getStartOfV(input, 0);
  const vIndexR = getStartOfV(input, start);
  const lR = getL(input, start);
  const vR = input.substring(vIndexR, vIndexR + lR * 2);
  const nextStart = vIndexR + vR.length;
  const vIndexS = getStartOfV(input, nextStart);
  const lS = getL(input, nextStart);
  const vS = input.substring(vIndexS, vIndexS + lS * 2);
  const r = hexToNumber3(vR);
  const s = hexToNumber3(vS);
  return { r, s };
}
function decodeEnc(input) {
  function extractSequence(input2, start2) {
    const vIndex = getStartOfV(input2, start2);
    const length = getL(input2, start2);
    const value = input2.substring(vIndex, vIndex + length * 2);
    const nextStart = vIndex + value.length;
    return { value, nextStart };
  }
  const start = getStartOfV(input, 0);
  const { value: vR, nextStart: startS } = extractSequence(input, start);
  const { value: vS, nextStart: startHash } = extractSequence(input, startS);
  const { value: hash2, nextStart: startCipher } = extractSequence(input, startHash);
  const { value: cipher } = extractSequence(input, startCipher);
  const x2 = hexToNumber3(vR);
  const y = hexToNumber3(vS);
  return { x: x2, y, hash: hash2, cipher };
}
var DEFAULT_PRNG_POOL_SIZE = 16384;
var prngPool = new Uint8Array(0);
var _syncCrypto;
async function initRNGPool() {
  if ("crypto" in globalThis) {
    _syncCrypto = globalThis.crypto;
    return;
  }
  if (prngPool.length > DEFAULT_PRNG_POOL_SIZE / 2)
    return;
  if ("wx" in globalThis && "getRandomValues" in globalThis.wx) {
    prngPool = await new Promise((r) => {
      wx.getRandomValues({
        length: DEFAULT_PRNG_POOL_SIZE,
        success(res) {
          r(new Uint8Array(res.randomValues));
        }
      });
    });
  } else {
    try {
      if (globalThis.crypto) {
        _syncCrypto = globalThis.crypto;
      } else {
        const crypto2 = await import(
          /* webpackIgnore: true */
          "crypto"
        );
        _syncCrypto = crypto2.webcrypto;
      }
      const array = new Uint8Array(DEFAULT_PRNG_POOL_SIZE);
      _syncCrypto.getRandomValues(array);
      prngPool = array;
    } catch (error) {
      throw new Error("no available csprng, abort.");
    }
  }
}
initRNGPool();
function consumePool(length) {
  if (prngPool.length > length) {
    const prng = prngPool.slice(0, length);
    prngPool = prngPool.slice(length);
    initRNGPool();
    return prng;
  } else {
    throw new Error("random number pool is not ready or insufficient, prevent getting too long random values or too often.");
  }
}
function randomBytes4(length = 0) {
  const array = new Uint8Array(length);
  if (_syncCrypto) {
    return _syncCrypto.getRandomValues(array);
  } else {
    const result = consumePool(length);
    return result;
  }
}
var u8a = (a) => a instanceof Uint8Array;
var createView3 = (arr2) => new DataView(arr2.buffer, arr2.byteOffset, arr2.byteLength);
var isLE = new Uint8Array(new Uint32Array([287454020]).buffer)[0] === 68;
if (!isLE)
  throw new Error("Non little-endian hardware is not supported");
var hexes3 = Array.from(
  { length: 256 },
  (v, i) => i.toString(16).padStart(2, "0")
);
function bytesToHex5(bytes) {
  if (!u8a(bytes))
    throw new Error("Uint8Array expected");
  let hex = "";
  for (let i = 0; i < bytes.length; i++) {
    hex += hexes3[bytes[i]];
  }
  return hex;
}
var te2 = typeof TextEncoder != "undefined" && /* @__PURE__ */ new TextEncoder();
var slc = (v, s, e) => {
  if (s == null || s < 0)
    s = 0;
  if (e == null || e > v.length)
    e = v.length;
  return new Uint8Array(v.subarray(s, e));
};
function strToU8(str2) {
  if (te2)
    return te2.encode(str2);
  const l = str2.length;
  let ar = new Uint8Array(str2.length + (str2.length >> 1));
  let ai = 0;
  const w = (v) => {
    ar[ai++] = v;
  };
  for (let i = 0; i < l; ++i) {
    if (ai + 5 > ar.length) {
      const n = new Uint8Array(ai + 8 + (l - i << 1));
      n.set(ar);
      ar = n;
    }
    let c = str2.charCodeAt(i);
    if (c < 128)
      w(c);
    else if (c < 2048)
      w(192 | c >> 6), w(128 | c & 63);
    else if (c > 55295 && c < 57344)
      c = 65536 + (c & 1023 << 10) | str2.charCodeAt(++i) & 1023, w(240 | c >> 18), w(128 | c >> 12 & 63), w(128 | c >> 6 & 63), w(128 | c & 63);
    else
      w(224 | c >> 12), w(128 | c >> 6 & 63), w(128 | c & 63);
  }
  return slc(ar, 0, ai);
}
function toBytes3(data) {
  if (typeof data === "string")
    data = strToU8(data);
  if (!u8a(data))
    throw new Error(`expected Uint8Array, got ${typeof data}`);
  return data;
}
var Hash3 = class {
  // Safe version that clones internal state
  clone() {
    return this._cloneInto();
  }
};
function wrapConstructor(hashCons) {
  const hashC = (msg) => hashCons().update(toBytes3(msg)).digest();
  const tmp2 = hashCons();
  hashC.outputLen = tmp2.outputLen;
  hashC.blockLen = tmp2.blockLen;
  hashC.create = () => hashCons();
  return hashC;
}
var BoolA = (A, B, C) => A & B | A & C | B & C;
var BoolB = (A, B, C) => A ^ B ^ C;
var BoolC = (A, B, C) => A & B | ~A & C;
function setBigUint642(view, byteOffset, value, isLE22) {
  if (typeof view.setBigUint64 === "function")
    return view.setBigUint64(byteOffset, value, isLE22);
  const _32n2 = BigInt(32);
  const _u32_max = BigInt(4294967295);
  const wh = Number(value >> _32n2 & _u32_max);
  const wl = Number(value & _u32_max);
  const h = isLE22 ? 4 : 0;
  const l = isLE22 ? 0 : 4;
  view.setUint32(byteOffset + h, wh, isLE22);
  view.setUint32(byteOffset + l, wl, isLE22);
}
function rotl(x2, n) {
  const s = n & 31;
  return x2 << s | x2 >>> 32 - s;
}
function P0(X) {
  return X ^ rotl(X, 9) ^ rotl(X, 17);
}
function P1(X) {
  return X ^ rotl(X, 15) ^ rotl(X, 23);
}
var SHA2 = class extends Hash3 {
  constructor(blockLen, outputLen, padOffset, isLE22) {
    super();
    this.blockLen = blockLen;
    this.outputLen = outputLen;
    this.padOffset = padOffset;
    this.isLE = isLE22;
    __publicField(this, "buffer");
    __publicField(this, "view");
    __publicField(this, "finished", false);
    __publicField(this, "length", 0);
    __publicField(this, "pos", 0);
    __publicField(this, "destroyed", false);
    this.buffer = new Uint8Array(blockLen);
    this.view = createView3(this.buffer);
  }
  update(data) {
    const { view, buffer, blockLen } = this;
    data = toBytes3(data);
    const len = data.length;
    for (let pos = 0; pos < len; ) {
      const take = Math.min(blockLen - this.pos, len - pos);
      if (take === blockLen) {
        const dataView = createView3(data);
        for (; blockLen <= len - pos; pos += blockLen)
          this.process(dataView, pos);
        continue;
      }
      buffer.set(data.subarray(pos, pos + take), this.pos);
      this.pos += take;
      pos += take;
      if (this.pos === blockLen) {
        this.process(view, 0);
        this.pos = 0;
      }
    }
    this.length += data.length;
    this.roundClean();
    return this;
  }
  digestInto(out) {
    this.finished = true;
    const { buffer, view, blockLen, isLE: isLE22 } = this;
    let { pos } = this;
    buffer[pos++] = 128;
    this.buffer.subarray(pos).fill(0);
    if (this.padOffset > blockLen - pos) {
      this.process(view, 0);
      pos = 0;
    }
    for (let i = pos; i < blockLen; i++)
      buffer[i] = 0;
    setBigUint642(view, blockLen - 8, BigInt(this.length * 8), isLE22);
    this.process(view, 0);
    const oview = createView3(out);
    const len = this.outputLen;
    if (len % 4)
      throw new Error("_sha2: outputLen should be aligned to 32bit");
    const outLen = len / 4;
    const state = this.get();
    if (outLen > state.length)
      throw new Error("_sha2: outputLen bigger than state");
    for (let i = 0; i < outLen; i++)
      oview.setUint32(4 * i, state[i], isLE22);
  }
  digest() {
    const { buffer, outputLen } = this;
    this.digestInto(buffer);
    const res = buffer.slice(0, outputLen);
    this.destroy();
    return res;
  }
  _cloneInto(to) {
    to || (to = new this.constructor());
    to.set(...this.get());
    const { blockLen, buffer, length, finished, destroyed, pos } = this;
    to.length = length;
    to.pos = pos;
    to.finished = finished;
    to.destroyed = destroyed;
    if (length % blockLen)
      to.buffer.set(buffer);
    return to;
  }
};
var IV2 = new Uint32Array([1937774191, 1226093241, 388252375, 3666478592, 2842636476, 372324522, 3817729613, 2969243214]);
var SM3_W = new Uint32Array(68);
var SM3_M = new Uint32Array(64);
var T1 = 2043430169;
var T2 = 2055708042;
var SM3 = class extends SHA2 {
  constructor() {
    super(64, 32, 8, false);
    __publicField(this, "A", IV2[0] | 0);
    __publicField(this, "B", IV2[1] | 0);
    __publicField(this, "C", IV2[2] | 0);
    __publicField(this, "D", IV2[3] | 0);
    __publicField(this, "E", IV2[4] | 0);
    __publicField(this, "F", IV2[5] | 0);
    __publicField(this, "G", IV2[6] | 0);
    __publicField(this, "H", IV2[7] | 0);
  }
  get() {
    const { A, B, C, D, E, F, G, H: H2 } = this;
    return [A, B, C, D, E, F, G, H2];
  }
  // prettier-ignore
  set(A, B, C, D, E, F, G, H2) {
    this.A = A | 0;
    this.B = B | 0;
    this.C = C | 0;
    this.D = D | 0;
    this.E = E | 0;
    this.F = F | 0;
    this.G = G | 0;
    this.H = H2 | 0;
  }
  process(view, offset) {
    for (let i = 0; i < 16; i++, offset += 4)
      SM3_W[i] = view.getUint32(offset, false);
    for (let i = 16; i < 68; i++) {
      SM3_W[i] = P1(SM3_W[i - 16] ^ SM3_W[i - 9] ^ rotl(SM3_W[i - 3], 15)) ^ rotl(SM3_W[i - 13], 7) ^ SM3_W[i - 6];
    }
    for (let i = 0; i < 64; i++) {
      SM3_M[i] = SM3_W[i] ^ SM3_W[i + 4];
    }
    let { A, B, C, D, E, F, G, H: H2 } = this;
    for (let j = 0; j < 64; j++) {
      let small = j >= 0 && j <= 15;
      let T = small ? T1 : T2;
      let SS1 = rotl(rotl(A, 12) + E + rotl(T, j), 7);
      let SS2 = SS1 ^ rotl(A, 12);
      let TT1 = (small ? BoolB(A, B, C) : BoolA(A, B, C)) + D + SS2 + SM3_M[j] | 0;
      let TT2 = (small ? BoolB(E, F, G) : BoolC(E, F, G)) + H2 + SS1 + SM3_W[j] | 0;
      D = C;
      C = rotl(B, 9);
      B = A;
      A = TT1;
      H2 = G;
      G = rotl(F, 19);
      F = E;
      E = P0(TT2);
    }
    A = A ^ this.A | 0;
    B = B ^ this.B | 0;
    C = C ^ this.C | 0;
    D = D ^ this.D | 0;
    E = E ^ this.E | 0;
    F = F ^ this.F | 0;
    G = G ^ this.G | 0;
    H2 = H2 ^ this.H | 0;
    this.set(A, B, C, D, E, F, G, H2);
  }
  roundClean() {
    SM3_W.fill(0);
  }
  destroy() {
    this.set(0, 0, 0, 0, 0, 0, 0, 0);
    this.buffer.fill(0);
  }
};
var sm3 = wrapConstructor(() => new SM3());
var HMAC2 = class extends Hash3 {
  constructor(hash2, _key) {
    super();
    __publicField(this, "oHash");
    __publicField(this, "iHash");
    __publicField(this, "blockLen");
    __publicField(this, "outputLen");
    __publicField(this, "finished", false);
    __publicField(this, "destroyed", false);
    const key = toBytes3(_key);
    this.iHash = hash2.create();
    if (typeof this.iHash.update !== "function")
      throw new Error("Expected instance of class which extends utils.Hash");
    this.blockLen = this.iHash.blockLen;
    this.outputLen = this.iHash.outputLen;
    const blockLen = this.blockLen;
    const pad = new Uint8Array(blockLen);
    pad.set(key.length > blockLen ? hash2.create().update(key).digest() : key);
    for (let i = 0; i < pad.length; i++)
      pad[i] ^= 54;
    this.iHash.update(pad);
    this.oHash = hash2.create();
    for (let i = 0; i < pad.length; i++)
      pad[i] ^= 54 ^ 92;
    this.oHash.update(pad);
    pad.fill(0);
  }
  update(buf) {
    this.iHash.update(buf);
    return this;
  }
  digestInto(out) {
    this.finished = true;
    this.iHash.digestInto(out);
    this.oHash.update(out);
    this.oHash.digestInto(out);
    this.destroy();
  }
  digest() {
    const out = new Uint8Array(this.oHash.outputLen);
    this.digestInto(out);
    return out;
  }
  _cloneInto(to) {
    to || (to = Object.create(Object.getPrototypeOf(this), {}));
    const { oHash, iHash, finished, destroyed, blockLen, outputLen } = this;
    to = to;
    to.finished = finished;
    to.destroyed = destroyed;
    to.blockLen = blockLen;
    to.outputLen = outputLen;
    to.oHash = oHash._cloneInto(to.oHash);
    to.iHash = iHash._cloneInto(to.iHash);
    return to;
  }
  destroy() {
    this.destroyed = true;
    this.oHash.destroy();
    this.iHash.destroy();
  }
};
var hmac2 = (hash2, key, message) => new HMAC2(hash2, key).update(message).digest();
hmac2.create = (hash2, key) => new HMAC2(hash2, key);
var sm2Fp = Field2(BigInt("115792089210356248756420345214020892766250353991924191454421193933289684991999"));
var sm2Curve = weierstrass({
  // sm2: short weierstrass.
  a: BigInt("115792089210356248756420345214020892766250353991924191454421193933289684991996"),
  b: BigInt("18505919022281880113072981827955639221458448578012075254857346196103069175443"),
  Fp: sm2Fp,
  h: ONE,
  n: BigInt("115792089210356248756420345214020892766061623724957744567843809356293439045923"),
  Gx: BigInt("22963146547237050559479531362550074578802567295341616970375194840604139615431"),
  Gy: BigInt("85132369209828568825618990617112496413088388631904505083283536607588877201568"),
  hash: sm3,
  hmac: (key, ...msgs) => hmac2(sm3, key, concatBytes4(...msgs)),
  randomBytes: randomBytes4
});
var field = Field2(BigInt(sm2Curve.CURVE.n));
function generateKeyPairHex(str2) {
  const privateKey = str2 ? numberToBytesBE3(mod2(BigInt(str2), ONE) + ONE, 32) : sm2Curve.utils.randomPrivateKey();
  const publicKey = sm2Curve.getPublicKey(privateKey, false);
  const privPad = leftPad(bytesToHex4(privateKey), 64);
  const pubPad = leftPad(bytesToHex4(publicKey), 64);
  return { privateKey: privPad, publicKey: pubPad };
}
function compressPublicKeyHex(s) {
  if (s.length !== 130)
    throw new Error("Invalid public key to compress");
  const len = (s.length - 2) / 2;
  const xHex = s.substring(2, 2 + len);
  const y = hexToNumber3(s.substring(len + 2, len + len + 2));
  let prefix = "03";
  if (mod2(y, TWO) === ZERO)
    prefix = "02";
  return prefix + xHex;
}
function utf8ToHex(input) {
  const bytes = strToU8(input);
  return bytesToHex4(bytes);
}
function leftPad(input, num) {
  if (input.length >= num)
    return input;
  return new Array(num - input.length + 1).join("0") + input;
}
function arrayToHex(arr2) {
  return arr2.map((item) => {
    const hex = item.toString(16);
    return hex.length === 1 ? "0" + hex : hex;
  }).join("");
}
function arrayToUtf8(arr2) {
  const str2 = [];
  for (let i = 0, len = arr2.length; i < len; i++) {
    if (arr2[i] >= 240 && arr2[i] <= 247) {
      str2.push(String.fromCodePoint(((arr2[i] & 7) << 18) + ((arr2[i + 1] & 63) << 12) + ((arr2[i + 2] & 63) << 6) + (arr2[i + 3] & 63)));
      i += 3;
    } else if (arr2[i] >= 224 && arr2[i] <= 239) {
      str2.push(String.fromCodePoint(((arr2[i] & 15) << 12) + ((arr2[i + 1] & 63) << 6) + (arr2[i + 2] & 63)));
      i += 2;
    } else if (arr2[i] >= 192 && arr2[i] <= 223) {
      str2.push(String.fromCodePoint(((arr2[i] & 31) << 6) + (arr2[i + 1] & 63)));
      i++;
    } else {
      str2.push(String.fromCodePoint(arr2[i]));
    }
  }
  return str2.join("");
}
function hexToArray(hexStr) {
  let hexStrLength = hexStr.length;
  if (hexStrLength % 2 !== 0) {
    hexStr = leftPad(hexStr, hexStrLength + 1);
  }
  hexStrLength = hexStr.length;
  const wordLength = hexStrLength / 2;
  const words = new Uint8Array(wordLength);
  for (let i = 0; i < wordLength; i++) {
    words[i] = parseInt(hexStr.substring(i * 2, i * 2 + 2), 16);
  }
  return words;
}
function verifyPublicKey(publicKey) {
  const point = sm2Curve.ProjectivePoint.fromHex(publicKey);
  if (!point)
    return false;
  try {
    point.assertValidity();
    return true;
  } catch (error) {
    return false;
  }
}
function comparePublicKeyHex(publicKey1, publicKey2) {
  const point1 = sm2Curve.ProjectivePoint.fromHex(publicKey1);
  if (!point1)
    return false;
  const point2 = sm2Curve.ProjectivePoint.fromHex(publicKey2);
  if (!point2)
    return false;
  return point1.equals(point2);
}
function utf8ToArray(str2) {
  const arr2 = [];
  for (let i = 0, len = str2.length; i < len; i++) {
    const point = str2.codePointAt(i);
    if (point <= 127) {
      arr2.push(point);
    } else if (point <= 2047) {
      arr2.push(192 | point >>> 6);
      arr2.push(128 | point & 63);
    } else if (point <= 55295 || point >= 57344 && point <= 65535) {
      arr2.push(224 | point >>> 12);
      arr2.push(128 | point >>> 6 & 63);
      arr2.push(128 | point & 63);
    } else if (point >= 65536 && point <= 1114111) {
      i++;
      arr2.push(240 | point >>> 18 & 28);
      arr2.push(128 | point >>> 12 & 63);
      arr2.push(128 | point >>> 6 & 63);
      arr2.push(128 | point & 63);
    } else {
      arr2.push(point);
      throw new Error("input is not supported");
    }
  }
  return new Uint8Array(arr2);
}
function kdf(z, keylen, iv) {
  z = typeof z === "string" ? utf8ToArray(z) : z;
  const IV22 = iv == null ? EmptyArray : typeof iv === "string" ? utf8ToArray(iv) : iv;
  let msg = new Uint8Array(keylen);
  let ct = 1;
  let offset = 0;
  let t2 = EmptyArray;
  const ctShift = new Uint8Array(4);
  const nextT = () => {
    ctShift[0] = ct >> 24 & 255;
    ctShift[1] = ct >> 16 & 255;
    ctShift[2] = ct >> 8 & 255;
    ctShift[3] = ct & 255;
    t2 = sm3(concatBytes4(z, ctShift, IV22));
    ct++;
    offset = 0;
  };
  nextT();
  for (let i = 0, len = msg.length; i < len; i++) {
    if (offset === t2.length)
      nextT();
    msg[i] = t2[offset++] & 255;
  }
  return msg;
}
var wPow2 = hexToNumber3("80000000000000000000000000000000");
var wPow2Sub1 = hexToNumber3("7fffffffffffffffffffffffffffffff");
function calculateSharedKey(keypairA, ephemeralKeypairA, publicKeyB, ephemeralPublicKeyB, sharedKeyLength, isRecipient = false, idA = "1234567812345678", idB = "1234567812345678") {
  const RA = sm2Curve.ProjectivePoint.fromHex(ephemeralKeypairA.publicKey);
  const RB = sm2Curve.ProjectivePoint.fromHex(ephemeralPublicKeyB);
  const PB = sm2Curve.ProjectivePoint.fromHex(publicKeyB);
  let ZA = getZ(keypairA.publicKey, idA);
  let ZB = getZ(publicKeyB, idB);
  if (isRecipient) {
    [ZA, ZB] = [ZB, ZA];
  }
  const rA = hexToNumber3(ephemeralKeypairA.privateKey);
  const dA = hexToNumber3(keypairA.privateKey);
  const x1 = RA.x;
  const x1_ = wPow2 + (x1 & wPow2Sub1);
  const tA = field.add(dA, field.mulN(x1_, rA));
  const x2 = RB.x;
  const x2_ = field.add(wPow2, x2 & wPow2Sub1);
  const U = RB.multiply(x2_).add(PB).multiply(tA);
  const xU = hexToArray(leftPad(numberToHexUnpadded2(U.x), 64));
  const yU = hexToArray(leftPad(numberToHexUnpadded2(U.y), 64));
  const KA = kdf(concatBytes4(xU, yU, ZA, ZB), sharedKeyLength);
  return KA;
}
var { getSharedSecret } = sm2Curve;
function xorCipherStream(x2, y2, msg) {
  const stream = kdf(concatBytes4(x2, y2), msg.length);
  for (let i = 0, len = msg.length; i < len; i++) {
    msg[i] ^= stream[i] & 255;
  }
}
var C1C2C3 = 0;
var EmptyArray = new Uint8Array();
function doEncrypt(msg, publicKey, cipherMode = 1, options) {
  const msgArr = typeof msg === "string" ? hexToArray(utf8ToHex(msg)) : Uint8Array.from(msg);
  const publicKeyPoint = typeof publicKey === "string" ? sm2Curve.ProjectivePoint.fromHex(publicKey) : publicKey;
  const keypair = generateKeyPairHex();
  const k = hexToNumber3(keypair.privateKey);
  let c1 = keypair.publicKey;
  if (c1.length > 128)
    c1 = c1.substring(c1.length - 128);
  const p = publicKeyPoint.multiply(k);
  const x2 = hexToArray(leftPad(numberToHexUnpadded2(p.x), 64));
  const y2 = hexToArray(leftPad(numberToHexUnpadded2(p.y), 64));
  const c3 = bytesToHex5(sm3(concatBytes4(x2, msgArr, y2)));
  xorCipherStream(x2, y2, msgArr);
  const c2 = bytesToHex5(msgArr);
  if (options?.asn1) {
    const point = sm2Curve.ProjectivePoint.fromHex(keypair.publicKey);
    const encode = cipherMode === C1C2C3 ? encodeEnc(point.x, point.y, c2, c3) : encodeEnc(point.x, point.y, c3, c2);
    return encode;
  }
  return cipherMode === C1C2C3 ? c1 + c2 + c3 : c1 + c3 + c2;
}
function doDecrypt(encryptData, privateKey, cipherMode = 1, options) {
  const { output = "string", asn1 = false } = options || {};
  const privateKeyInteger = hexToNumber3(privateKey);
  let c1;
  let c2;
  let c3;
  if (asn1) {
    const { x: x3, y, cipher, hash: hash2 } = decodeEnc(encryptData);
    c1 = sm2Curve.ProjectivePoint.fromAffine({ x: x3, y });
    c3 = hash2;
    c2 = cipher;
    if (cipherMode === C1C2C3) {
      [c2, c3] = [c3, c2];
    }
  } else {
    c1 = sm2Curve.ProjectivePoint.fromHex("04" + encryptData.substring(0, 128));
    c3 = encryptData.substring(128, 128 + 64);
    c2 = encryptData.substring(128 + 64);
    if (cipherMode === C1C2C3) {
      c3 = encryptData.substring(encryptData.length - 64);
      c2 = encryptData.substring(128, encryptData.length - 64);
    }
  }
  const msg = hexToArray(c2);
  const p = c1.multiply(privateKeyInteger);
  const x2 = hexToArray(leftPad(numberToHexUnpadded2(p.x), 64));
  const y2 = hexToArray(leftPad(numberToHexUnpadded2(p.y), 64));
  xorCipherStream(x2, y2, msg);
  const checkC3 = arrayToHex(Array.from(sm3(concatBytes4(x2, msg, y2))));
  if (checkC3 === c3.toLowerCase()) {
    return output === "array" ? msg : arrayToUtf8(msg);
  } else {
    return output === "array" ? [] : "";
  }
}
function doSignature(msg, privateKey, options = {}) {
  let {
    pointPool,
    der,
    hash: hash2,
    publicKey,
    userId
  } = options;
  let hashHex = typeof msg === "string" ? utf8ToHex(msg) : arrayToHex(Array.from(msg));
  if (hash2) {
    publicKey = publicKey || getPublicKeyFromPrivateKey(privateKey);
    hashHex = getHash(hashHex, publicKey, userId);
  }
  const dA = hexToNumber3(privateKey);
  const e = hexToNumber3(hashHex);
  let k = null;
  let r = null;
  let s = null;
  do {
    do {
      let point;
      if (pointPool && pointPool.length) {
        point = pointPool.pop();
      } else {
        point = getPoint();
      }
      k = point.k;
      r = field.add(e, point.x1);
    } while (r === ZERO || r + k === sm2Curve.CURVE.n);
    s = field.mul(field.inv(field.addN(dA, ONE)), field.subN(k, field.mulN(r, dA)));
  } while (s === ZERO);
  if (der)
    return encodeDer(r, s);
  return leftPad(numberToHexUnpadded2(r), 64) + leftPad(numberToHexUnpadded2(s), 64);
}
function doVerifySignature(msg, signHex, publicKey, options = {}) {
  let hashHex;
  const {
    hash: hash2,
    der,
    userId
  } = options;
  const publicKeyHex = typeof publicKey === "string" ? publicKey : publicKey.toHex(false);
  if (hash2) {
    hashHex = getHash(typeof msg === "string" ? utf8ToHex(msg) : msg, publicKeyHex, userId);
  } else {
    hashHex = typeof msg === "string" ? utf8ToHex(msg) : arrayToHex(Array.from(msg));
  }
  let r;
  let s;
  if (der) {
    const decodeDerObj = decodeDer(signHex);
    r = decodeDerObj.r;
    s = decodeDerObj.s;
  } else {
    r = hexToNumber3(signHex.substring(0, 64));
    s = hexToNumber3(signHex.substring(64));
  }
  const PA = typeof publicKey === "string" ? sm2Curve.ProjectivePoint.fromHex(publicKey) : publicKey;
  const e = hexToNumber3(hashHex);
  const t2 = field.add(r, s);
  if (t2 === ZERO)
    return false;
  const x1y1 = sm2Curve.ProjectivePoint.BASE.multiply(s).add(PA.multiply(t2));
  const R = field.add(e, x1y1.x);
  return r === R;
}
function getZ(publicKey, userId = "1234567812345678") {
  userId = utf8ToHex(userId);
  const a = leftPad(numberToHexUnpadded2(sm2Curve.CURVE.a), 64);
  const b = leftPad(numberToHexUnpadded2(sm2Curve.CURVE.b), 64);
  const gx = leftPad(numberToHexUnpadded2(sm2Curve.ProjectivePoint.BASE.x), 64);
  const gy = leftPad(numberToHexUnpadded2(sm2Curve.ProjectivePoint.BASE.y), 64);
  let px;
  let py;
  if (publicKey.length === 128) {
    px = publicKey.substring(0, 64);
    py = publicKey.substring(64, 128);
  } else {
    const point = sm2Curve.ProjectivePoint.fromHex(publicKey);
    px = leftPad(numberToHexUnpadded2(point.x), 64);
    py = leftPad(numberToHexUnpadded2(point.y), 64);
  }
  const data = hexToArray(userId + a + b + gx + gy + px + py);
  const entl = userId.length * 4;
  const z = sm3(concatBytes4(new Uint8Array([entl >> 8 & 255, entl & 255]), data));
  return z;
}
function getHash(hashHex, publicKey, userId = "1234567812345678") {
  const z = getZ(publicKey, userId);
  return bytesToHex5(sm3(concatBytes4(z, typeof hashHex === "string" ? hexToArray(hashHex) : hashHex)));
}
function precomputePublicKey(publicKey, windowSize) {
  const point = sm2Curve.ProjectivePoint.fromHex(publicKey);
  return sm2Curve.utils.precompute(windowSize, point);
}
function getPublicKeyFromPrivateKey(privateKey) {
  const pubKey = sm2Curve.getPublicKey(privateKey, false);
  const pubPad = leftPad(bytesToHex4(pubKey), 64);
  return pubPad;
}
function getPoint() {
  const keypair = generateKeyPairHex();
  const PA = sm2Curve.ProjectivePoint.fromHex(keypair.publicKey);
  const k = hexToNumber3(keypair.privateKey);
  return {
    ...keypair,
    k,
    x1: PA.x
  };
}
var sm4_exports = {};
__export(sm4_exports, {
  decrypt: () => decrypt,
  encrypt: () => encrypt,
  sm4: () => sm4
});
var DECRYPT = 0;
var ROUND = 32;
var BLOCK = 16;
var Sbox = Uint8Array.from([
  214,
  144,
  233,
  254,
  204,
  225,
  61,
  183,
  22,
  182,
  20,
  194,
  40,
  251,
  44,
  5,
  43,
  103,
  154,
  118,
  42,
  190,
  4,
  195,
  170,
  68,
  19,
  38,
  73,
  134,
  6,
  153,
  156,
  66,
  80,
  244,
  145,
  239,
  152,
  122,
  51,
  84,
  11,
  67,
  237,
  207,
  172,
  98,
  228,
  179,
  28,
  169,
  201,
  8,
  232,
  149,
  128,
  223,
  148,
  250,
  117,
  143,
  63,
  166,
  71,
  7,
  167,
  252,
  243,
  115,
  23,
  186,
  131,
  89,
  60,
  25,
  230,
  133,
  79,
  168,
  104,
  107,
  129,
  178,
  113,
  100,
  218,
  139,
  248,
  235,
  15,
  75,
  112,
  86,
  157,
  53,
  30,
  36,
  14,
  94,
  99,
  88,
  209,
  162,
  37,
  34,
  124,
  59,
  1,
  33,
  120,
  135,
  212,
  0,
  70,
  87,
  159,
  211,
  39,
  82,
  76,
  54,
  2,
  231,
  160,
  196,
  200,
  158,
  234,
  191,
  138,
  210,
  64,
  199,
  56,
  181,
  163,
  247,
  242,
  206,
  249,
  97,
  21,
  161,
  224,
  174,
  93,
  164,
  155,
  52,
  26,
  85,
  173,
  147,
  50,
  48,
  245,
  140,
  177,
  227,
  29,
  246,
  226,
  46,
  130,
  102,
  202,
  96,
  192,
  41,
  35,
  171,
  13,
  83,
  78,
  111,
  213,
  219,
  55,
  69,
  222,
  253,
  142,
  47,
  3,
  255,
  106,
  114,
  109,
  108,
  91,
  81,
  141,
  27,
  175,
  146,
  187,
  221,
  188,
  127,
  17,
  217,
  92,
  65,
  31,
  16,
  90,
  216,
  10,
  193,
  49,
  136,
  165,
  205,
  123,
  189,
  45,
  116,
  208,
  18,
  184,
  229,
  180,
  176,
  137,
  105,
  151,
  74,
  12,
  150,
  119,
  126,
  101,
  185,
  241,
  9,
  197,
  110,
  198,
  132,
  24,
  240,
  125,
  236,
  58,
  220,
  77,
  32,
  121,
  238,
  95,
  62,
  215,
  203,
  57,
  72
]);
var CK = new Uint32Array([
  462357,
  472066609,
  943670861,
  1415275113,
  1886879365,
  2358483617,
  2830087869,
  3301692121,
  3773296373,
  4228057617,
  404694573,
  876298825,
  1347903077,
  1819507329,
  2291111581,
  2762715833,
  3234320085,
  3705924337,
  4177462797,
  337322537,
  808926789,
  1280531041,
  1752135293,
  2223739545,
  2695343797,
  3166948049,
  3638552301,
  4110090761,
  269950501,
  741554753,
  1213159005,
  1684763257
]);
function byteSub(a) {
  return (Sbox[a >>> 24 & 255] & 255) << 24 | (Sbox[a >>> 16 & 255] & 255) << 16 | (Sbox[a >>> 8 & 255] & 255) << 8 | Sbox[a & 255] & 255;
}
var x = new Uint32Array(4);
var tmp = new Uint32Array(4);
function sms4Crypt(input, output, roundKey) {
  let x0 = 0, x1 = 0, x2 = 0, x3 = 0, tmp0 = 0, tmp1 = 0, tmp2 = 0, tmp3 = 0;
  tmp0 = input[0] & 255;
  tmp1 = input[1] & 255;
  tmp2 = input[2] & 255;
  tmp3 = input[3] & 255;
  x0 = tmp0 << 24 | tmp1 << 16 | tmp2 << 8 | tmp3;
  tmp0 = input[4] & 255;
  tmp1 = input[5] & 255;
  tmp2 = input[6] & 255;
  tmp3 = input[7] & 255;
  x1 = tmp0 << 24 | tmp1 << 16 | tmp2 << 8 | tmp3;
  tmp0 = input[8] & 255;
  tmp1 = input[9] & 255;
  tmp2 = input[10] & 255;
  tmp3 = input[11] & 255;
  x2 = tmp0 << 24 | tmp1 << 16 | tmp2 << 8 | tmp3;
  tmp0 = input[12] & 255;
  tmp1 = input[13] & 255;
  tmp2 = input[14] & 255;
  tmp3 = input[15] & 255;
  x3 = tmp0 << 24 | tmp1 << 16 | tmp2 << 8 | tmp3;
  for (let r = 0; r < 32; r += 4) {
    tmp0 = x1 ^ x2 ^ x3 ^ roundKey[r];
    tmp0 = byteSub(tmp0);
    x0 ^= tmp0 ^ (tmp0 << 2 | tmp0 >>> 30) ^ (tmp0 << 10 | tmp0 >>> 22) ^ (tmp0 << 18 | tmp0 >>> 14) ^ (tmp0 << 24 | tmp0 >>> 8);
    tmp1 = x2 ^ x3 ^ x0 ^ roundKey[r + 1];
    tmp1 = byteSub(tmp1);
    x1 ^= tmp1 ^ (tmp1 << 2 | tmp1 >>> 30) ^ (tmp1 << 10 | tmp1 >>> 22) ^ (tmp1 << 18 | tmp1 >>> 14) ^ (tmp1 << 24 | tmp1 >>> 8);
    tmp2 = x3 ^ x0 ^ x1 ^ roundKey[r + 2];
    tmp2 = byteSub(tmp2);
    x2 ^= tmp2 ^ (tmp2 << 2 | tmp2 >>> 30) ^ (tmp2 << 10 | tmp2 >>> 22) ^ (tmp2 << 18 | tmp2 >>> 14) ^ (tmp2 << 24 | tmp2 >>> 8);
    tmp3 = x0 ^ x1 ^ x2 ^ roundKey[r + 3];
    tmp3 = byteSub(tmp3);
    x3 ^= tmp3 ^ (tmp3 << 2 | tmp3 >>> 30) ^ (tmp3 << 10 | tmp3 >>> 22) ^ (tmp3 << 18 | tmp3 >>> 14) ^ (tmp3 << 24 | tmp3 >>> 8);
  }
  output[0] = x3 >>> 24 & 255;
  output[1] = x3 >>> 16 & 255;
  output[2] = x3 >>> 8 & 255;
  output[3] = x3 & 255;
  output[4] = x2 >>> 24 & 255;
  output[5] = x2 >>> 16 & 255;
  output[6] = x2 >>> 8 & 255;
  output[7] = x2 & 255;
  output[8] = x1 >>> 24 & 255;
  output[9] = x1 >>> 16 & 255;
  output[10] = x1 >>> 8 & 255;
  output[11] = x1 & 255;
  output[12] = x0 >>> 24 & 255;
  output[13] = x0 >>> 16 & 255;
  output[14] = x0 >>> 8 & 255;
  output[15] = x0 & 255;
}
function sms4KeyExt(key, roundKey, cryptFlag) {
  let x0 = 0, x1 = 0, x2 = 0, x3 = 0, mid = 0;
  x0 = (key[0] & 255) << 24 | (key[1] & 255) << 16 | (key[2] & 255) << 8 | key[3] & 255;
  x1 = (key[4] & 255) << 24 | (key[5] & 255) << 16 | (key[6] & 255) << 8 | key[7] & 255;
  x2 = (key[8] & 255) << 24 | (key[9] & 255) << 16 | (key[10] & 255) << 8 | key[11] & 255;
  x3 = (key[12] & 255) << 24 | (key[13] & 255) << 16 | (key[14] & 255) << 8 | key[15] & 255;
  x0 ^= 2746333894;
  x1 ^= 1453994832;
  x2 ^= 1736282519;
  x3 ^= 2993693404;
  for (let r = 0; r < 32; r += 4) {
    mid = x1 ^ x2 ^ x3 ^ CK[r + 0];
    mid = byteSub(mid);
    x0 ^= mid ^ (mid << 13 | mid >>> 19) ^ (mid << 23 | mid >>> 9);
    roundKey[r + 0] = x0;
    mid = x2 ^ x3 ^ x0 ^ CK[r + 1];
    mid = byteSub(mid);
    x1 ^= mid ^ (mid << 13 | mid >>> 19) ^ (mid << 23 | mid >>> 9);
    roundKey[r + 1] = x1;
    mid = x3 ^ x0 ^ x1 ^ CK[r + 2];
    mid = byteSub(mid);
    x2 ^= mid ^ (mid << 13 | mid >>> 19) ^ (mid << 23 | mid >>> 9);
    roundKey[r + 2] = x2;
    mid = x0 ^ x1 ^ x2 ^ CK[r + 3];
    mid = byteSub(mid);
    x3 ^= mid ^ (mid << 13 | mid >>> 19) ^ (mid << 23 | mid >>> 9);
    roundKey[r + 3] = x3;
  }
  if (cryptFlag === DECRYPT) {
    for (let r = 0; r < 16; r++) {
      [roundKey[r], roundKey[31 - r]] = [roundKey[31 - r], roundKey[r]];
    }
  }
}
function incrementCounter(counter) {
  for (let i = counter.length - 1; i >= 0; i--) {
    counter[i]++;
    if (counter[i] !== 0)
      break;
  }
}
function sm4Gcm(inArray, key, ivArray, aadArray, cryptFlag, tagArray) {
  const tagLength = 16;
  function deriveKeys() {
    const roundKey2 = new Uint32Array(ROUND);
    sms4KeyExt(key, roundKey2, 1);
    const authKey = new Uint8Array(16).fill(0);
    const h2 = new Uint8Array(16);
    sms4Crypt(authKey, h2, roundKey2);
    let j02;
    if (ivArray.length === 12) {
      j02 = new Uint8Array(16);
      j02.set(ivArray, 0);
      j02[15] = 1;
    } else {
      const g = ghash.create(h2);
      g.update(ivArray);
      const lenIv = new Uint8Array(16);
      const view = createView2(lenIv);
      setBigUint64(view, 8, BigInt(ivArray.length * 8), false);
      g.update(lenIv);
      j02 = g.digest();
    }
    const counter2 = new Uint8Array(j02);
    incrementCounter(counter2);
    const tagMask2 = new Uint8Array(16);
    sms4Crypt(j02, tagMask2, roundKey2);
    return { roundKey: roundKey2, h: h2, j0: j02, counter: counter2, tagMask: tagMask2 };
  }
  function computeTag(h2, data) {
    const aadLength = aadArray.length;
    const dataLength = data.length;
    const g = ghash.create(h2);
    if (aadLength > 0) {
      g.update(aadArray);
    }
    g.update(data);
    const lenBlock = new Uint8Array(16);
    const view = createView2(lenBlock);
    setBigUint64(view, 0, BigInt(aadLength * 8), false);
    setBigUint64(view, 8, BigInt(dataLength * 8), false);
    g.update(lenBlock);
    return g.digest();
  }
  const { roundKey, h, j0, counter, tagMask } = deriveKeys();
  if (cryptFlag === DECRYPT && tagArray) {
    const calculatedTag = computeTag(h, inArray);
    for (let i = 0; i < 16; i++) {
      calculatedTag[i] ^= tagMask[i];
    }
    let tagMatch = 0;
    for (let i = 0; i < 16; i++) {
      tagMatch |= calculatedTag[i] ^ tagArray[i];
    }
    if (tagMatch !== 0) {
      throw new Error("authentication tag mismatch");
    }
  }
  const outArray = new Uint8Array(inArray.length);
  let point = 0;
  let restLen = inArray.length;
  while (restLen >= BLOCK) {
    const blockOut = new Uint8Array(BLOCK);
    sms4Crypt(counter, blockOut, roundKey);
    for (let i = 0; i < BLOCK && i < restLen; i++) {
      outArray[point + i] = inArray[point + i] ^ blockOut[i];
    }
    incrementCounter(counter);
    point += BLOCK;
    restLen -= BLOCK;
  }
  if (restLen > 0) {
    const blockOut = new Uint8Array(BLOCK);
    sms4Crypt(counter, blockOut, roundKey);
    for (let i = 0; i < restLen; i++) {
      outArray[point + i] = inArray[point + i] ^ blockOut[i];
    }
  }
  if (cryptFlag !== DECRYPT) {
    const calculatedTag = computeTag(h, outArray);
    for (let i = 0; i < 16; i++) {
      calculatedTag[i] ^= tagMask[i];
    }
    return { output: outArray, tag: calculatedTag };
  }
  return { output: outArray };
}
var blockOutput = new Uint8Array(16);
function sm4(inArray, key, cryptFlag, options = {}) {
  let {
    padding = "pkcs#7",
    mode,
    iv = new Uint8Array(16),
    output,
    associatedData,
    outputTag,
    tag
  } = options;
  if (mode === "gcm") {
    const keyArray = typeof key === "string" ? hexToArray(key) : Uint8Array.from(key);
    const ivArray = typeof iv === "string" ? hexToArray(iv) : Uint8Array.from(iv);
    const aadArray = associatedData ? typeof associatedData === "string" ? hexToArray(associatedData) : Uint8Array.from(associatedData) : new Uint8Array(0);
    let inputArray;
    if (typeof inArray === "string") {
      if (cryptFlag !== DECRYPT) {
        inputArray = utf8ToArray(inArray);
      } else {
        inputArray = hexToArray(inArray);
      }
    } else {
      inputArray = Uint8Array.from(inArray);
    }
    const tagArray = tag ? typeof tag === "string" ? hexToArray(tag) : Uint8Array.from(tag) : void 0;
    const result = sm4Gcm(inputArray, keyArray, ivArray, aadArray, cryptFlag, tagArray);
    if (output === "array") {
      if (outputTag && cryptFlag !== DECRYPT) {
        return result;
      }
      return result.output;
    } else {
      if (outputTag && cryptFlag !== DECRYPT) {
        return {
          output: bytesToHex5(result.output),
          tag: result.tag ? bytesToHex5(result.tag) : void 0
        };
      }
      if (cryptFlag !== DECRYPT) {
        return {
          output: bytesToHex5(result.output),
          tag: result.tag ? bytesToHex5(result.tag) : void 0
        };
      } else {
        return arrayToUtf8(result.output);
      }
    }
  }
  if (mode === "cbc") {
    if (typeof iv === "string")
      iv = hexToArray(iv);
    if (iv.length !== 128 / 8) {
      throw new Error("iv is invalid");
    }
  }
  if (typeof key === "string")
    key = hexToArray(key);
  if (key.length !== 128 / 8) {
    throw new Error("key is invalid");
  }
  if (typeof inArray === "string") {
    if (cryptFlag !== DECRYPT) {
      inArray = utf8ToArray(inArray);
    } else {
      inArray = hexToArray(inArray);
    }
  } else {
    inArray = Uint8Array.from(inArray);
  }
  if ((padding === "pkcs#5" || padding === "pkcs#7") && cryptFlag !== DECRYPT) {
    const paddingCount = BLOCK - inArray.length % BLOCK;
    const newArray = new Uint8Array(inArray.length + paddingCount);
    newArray.set(inArray, 0);
    for (let i = 0; i < paddingCount; i++)
      newArray[inArray.length + i] = paddingCount;
    inArray = newArray;
  }
  const roundKey = new Uint32Array(ROUND);
  sms4KeyExt(key, roundKey, cryptFlag);
  let outArray = new Uint8Array(inArray.length);
  let lastVector = iv;
  let restLen = inArray.length;
  let point = 0;
  while (restLen >= BLOCK) {
    const input = inArray.subarray(point, point + 16);
    if (mode === "cbc") {
      for (let i = 0; i < BLOCK; i++) {
        if (cryptFlag !== DECRYPT) {
          input[i] ^= lastVector[i];
        }
      }
    }
    sms4Crypt(input, blockOutput, roundKey);
    for (let i = 0; i < BLOCK; i++) {
      if (mode === "cbc") {
        if (cryptFlag === DECRYPT) {
          blockOutput[i] ^= lastVector[i];
        }
      }
      outArray[point + i] = blockOutput[i];
    }
    if (mode === "cbc") {
      if (cryptFlag !== DECRYPT) {
        lastVector = blockOutput;
      } else {
        lastVector = input;
      }
    }
    restLen -= BLOCK;
    point += BLOCK;
  }
  if ((padding === "pkcs#5" || padding === "pkcs#7") && cryptFlag === DECRYPT) {
    const len = outArray.length;
    const paddingCount = outArray[len - 1];
    for (let i = 1; i <= paddingCount; i++) {
      if (outArray[len - i] !== paddingCount)
        throw new Error("padding is invalid");
    }
    outArray = outArray.slice(0, len - paddingCount);
  }
  if (output !== "array") {
    if (cryptFlag !== DECRYPT) {
      return bytesToHex5(outArray);
    } else {
      return arrayToUtf8(outArray);
    }
  } else {
    return outArray;
  }
}
function encrypt(inArray, key, options = {}) {
  return sm4(inArray, key, 1, options);
}
function decrypt(inArray, key, options = {}) {
  return sm4(inArray, key, 0, options);
}

// src/log/report.ts
var Report = class {
  r;
  constructor(kind) {
    this.r = { kind, ok: true, findings: [], established: [], not_established: [], facts: {} };
  }
  pass(check, zh, en) {
    this.r.findings.push({ check, ok: true, text: t(zh, en) });
    return this;
  }
  fail(check, zh, en) {
    this.r.findings.push({ check, ok: false, text: t(zh, en) });
    this.r.ok = false;
    return this;
  }
  est(zh, en) {
    this.r.established.push(t(zh, en));
    return this;
  }
  not(zh, en) {
    this.r.not_established.push(t(zh, en));
    return this;
  }
  fact(k, v) {
    this.r.facts[k] = v;
    return this;
  }
  /** merge a sub-report's findings (its established/not lists too, unless `findingsOnly`) */
  take(o, findingsOnly = false) {
    for (const f of o.findings) {
      this.r.findings.push(f);
      if (!f.ok) this.r.ok = false;
    }
    if (!findingsOnly) {
      this.r.established.push(...o.established);
      this.r.not_established.push(...o.not_established);
    }
    return this;
  }
  get ok() {
    return this.r.ok;
  }
  done() {
    if (!this.r.ok) this.r.established = [];
    return this.r;
  }
};
function reportJson(reports, lang) {
  return {
    schema: "dualdraw.verify-log.v1",
    ok: reports.length > 0 && reports.every((r) => r.ok),
    reports: reports.map((r) => ({
      kind: r.kind,
      ok: r.ok,
      facts: r.facts,
      checks: r.findings.map((f) => ({ check: f.check, ok: f.ok, message: f.text[lang] })),
      established: r.established.map((x2) => x2[lang]),
      not_established: r.not_established.map((x2) => x2[lang])
    }))
  };
}
function reportText(reports, lang) {
  const zh = lang === "zh";
  const out = [];
  const NAMES = {
    checkpoint: ["检查点", "checkpoint"],
    inclusion: ["收录证明", "inclusion proof"],
    consistency: ["一致性证明", "consistency proof"],
    fork: ["分叉证据", "fork proof"],
    "file-signature": ["文件签名", "file signature"],
    attestation: ["审计声明", "attestation"],
    keys: ["密钥", "keys"]
  };
  for (const r of reports) {
    const name = NAMES[r.kind][zh ? 0 : 1];
    out.push(r.ok ? zh ? `✔ ${name}：通过` : `✔ ${name}: verified` : zh ? `✘ ${name}：未通过` : `✘ ${name}: FAILED`);
    for (const f of r.findings) out.push(`  ${f.ok ? "✔" : "✘"} [${f.check}] ${f.text[lang]}`);
    if (r.established.length) {
      out.push(zh ? "  已证明：" : "  Established:");
      for (const e of r.established) out.push(`    • ${e[lang]}`);
    }
    if (r.not_established.length) {
      out.push(zh ? "  未能证明：" : "  Not established:");
      for (const e of r.not_established) out.push(`    – ${e[lang]}`);
    }
    out.push("");
  }
  return out.join("\n");
}
var Problem = class {
  constructor(zh, en) {
    this.zh = zh;
    this.en = en;
  }
  zh;
  en;
  toString() {
    return this.en;
  }
};
var P = (zh, en) => new Problem(zh, en);
var isProblem = (x2) => x2 instanceof Problem;

// src/log/keys.ts
var SM2_ID = "dualdraw/sm2-sm3/v1";
function typeBytes(type) {
  if (type === "ed25519") return Uint8Array.of(1);
  if (type === "cosignature") return Uint8Array.of(4);
  return Uint8Array.of(255, ...utf8(SM2_ID));
}
var PUB_LEN = { ed25519: 32, sm2: 65, cosignature: 32 };
function b64(s) {
  if (typeof s !== "string" || s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return null;
  let bin;
  try {
    bin = atob(s);
  } catch {
    return null;
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return toB64(out) === s ? out : null;
}
function toB64(b) {
  let bin = "";
  for (let i = 0; i < b.length; i++) bin += String.fromCharCode(b[i]);
  return btoa(bin);
}
function validKeyName(name) {
  return name.length > 0 && !/[\s+\u0085\u180e\u200b]/u.test(name) && !new RegExp("\\p{Z}", "u").test(name) && !/[\u0000-\u001f\u007f]/.test(name);
}
function keyId(name, type, pub) {
  const n = utf8(name);
  const t2 = typeBytes(type);
  const m = new Uint8Array(n.length + 1 + t2.length + pub.length);
  m.set(n, 0);
  m[n.length] = 10;
  m.set(t2, n.length + 1);
  m.set(pub, n.length + 1 + t2.length);
  return sha(m).slice(0, 4);
}
function fingerprint(vkeyText) {
  const h = toHex(sha(utf8(vkeyText)).slice(0, 16));
  return h.match(/.{4}/g).join(" ");
}
function parseVkey(text2) {
  const v = text2.trim();
  const i = v.indexOf("+");
  const j = i < 0 ? -1 : v.indexOf("+", i + 1);
  if (i < 0 || j < 0) return P(`公钥（vkey）应为 名称+密钥ID+BASE64（以“+”分隔的三部分）：${v.slice(0, 120)}`, `a vkey is NAME+KEYID+BASE64 (three parts separated by "+"): ${v.slice(0, 120)}`);
  const [name, idHex, data] = [v.slice(0, i), v.slice(i + 1, j), v.slice(j + 1)];
  if (!validKeyName(name)) return P(`密钥名称无效：${JSON.stringify(name)}`, `invalid key name ${JSON.stringify(name)}`);
  if (!/^[0-9a-f]{8}$/.test(idHex)) return P(`密钥ID应为 8 位小写十六进制数字，而非 ${JSON.stringify(idHex)}`, `the key ID is 8 lowercase hex digits, not ${JSON.stringify(idHex)}`);
  const raw = b64(data);
  if (!raw || raw.length === 0) return P("密钥数据不是 base64", "the key data is not base64");
  let type;
  let pub;
  const sm = typeBytes("sm2");
  if (raw[0] === 1) type = "ed25519";
  else if (raw[0] === 4) type = "cosignature";
  else if (raw[0] === 255 && raw.length >= sm.length && sm.every((x2, i2) => raw[i2] === x2)) type = "sm2";
  else return P(`不支持的签名类型 0x${raw[0].toString(16).padStart(2, "0")}`, `unsupported signature type 0x${raw[0].toString(16).padStart(2, "0")}`);
  pub = raw.slice(typeBytes(type).length);
  if (pub.length !== PUB_LEN[type]) return P(`${type} 公钥应为 ${PUB_LEN[type]} 字节，而非 ${pub.length}`, `a ${type} public key has ${PUB_LEN[type]} bytes, not ${pub.length}`);
  if (type === "sm2" && pub[0] !== 4) return P("SM2 公钥应为 SEC1 非压缩格式（0x04 ‖ x ‖ y）", "an SM2 public key is SEC1 uncompressed (0x04 ‖ x ‖ y)");
  if (!pubOk(type, pub)) return P(`${type} 公钥不是曲线上的点`, `the ${type} public key is not a point of its curve`);
  const id = keyId(name, type, pub);
  if (toHex(id) !== idHex) return P(`密钥ID ${idHex} 不是 SHA-256(名称 ‖ 0x0A ‖ 类型 ‖ 公钥)[:4] = ${toHex(id)}`, `the key ID ${idHex} is not SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4] = ${toHex(id)}`);
  return { text: v, name, id, type, pub, fingerprint: fingerprint(v) };
}
function pubOk(type, pub) {
  try {
    if (type === "sm2") return sm2_exports.verifyPublicKey(toHex(pub));
    ed25519.Point.fromBytes(pub);
    return true;
  } catch {
    return false;
  }
}
var SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
function verifySig(key, msg, sig) {
  if (sig.length !== 64) return false;
  try {
    if (key.type === "sm2") {
      const r = BigInt("0x" + toHex(sig.subarray(0, 32)));
      const s = BigInt("0x" + toHex(sig.subarray(32)));
      if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return false;
      return sm2_exports.doVerifySignature(msg, toHex(sig), toHex(key.pub), { hash: true, der: false, userId: "1234567812345678" });
    }
    return ed25519.verify(sig, msg, key.pub, { zip215: false });
  } catch {
    return false;
  }
}
function parseKeyList(text2) {
  const keys = [];
  const errors = [];
  text2.split(/\r?\n/).forEach((line, i) => {
    const l = line.trim();
    if (!l || l.startsWith("#")) return;
    const k = parseVkey(l);
    if (isProblem(k)) errors.push(P(`第 ${i + 1} 行：${k.zh}`, `line ${i + 1}: ${k.en}`));
    else keys.push(k);
  });
  return { keys, errors };
}

// src/log/note.ts
var MAX_NOTE_BYTES = 64 * 1024;
var MAX_SIGNATURES = 100;
function parseNote(input) {
  let s;
  if (typeof input === "string") s = input;
  else {
    if (input.length > MAX_NOTE_BYTES) return P(`签名文本最多 ${MAX_NOTE_BYTES} 字节（此文件 ${input.length} 字节）`, `a signed note is at most ${MAX_NOTE_BYTES} bytes (this one has ${input.length})`);
    try {
      s = fromUtf8(input);
    } catch {
      return P("签名文本应为 UTF-8 编码", "a signed note is UTF-8");
    }
  }
  if (utf8(s).length > MAX_NOTE_BYTES) return P(`签名文本最多 ${MAX_NOTE_BYTES} 字节`, `a signed note is at most ${MAX_NOTE_BYTES} bytes`);
  if (/[\u0000-\u0009\u000b-\u001f]/.test(s)) return P("签名文本中除换行外不得有控制字符", "a signed note has no control characters other than newline");
  const sep = s.lastIndexOf("\n\n");
  if (sep < 0) return P("正文与签名之间没有空行", "no blank line between the note text and its signatures");
  const text2 = s.slice(0, sep + 1);
  const rest = s.slice(sep + 2);
  if (!rest.endsWith("\n")) return P("最后一行签名没有以换行结束", "the last signature line does not end in a newline");
  const lines = rest.slice(0, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) return P(`签名行超过 ${MAX_SIGNATURES} 行`, `more than ${MAX_SIGNATURES} signature lines`);
  const sigs = [];
  for (const line of lines) {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!m || !validKeyName(m[1])) return P(`不是签名行（“— 名称 BASE64”）：${line.slice(0, 120)}`, `not a signature line ("— NAME BASE64"): ${line.slice(0, 120)}`);
    const raw = b64(m[2]);
    if (!raw || raw.length < 5) return P(`${m[1]} 的签名不是“密钥ID + 签名”的 base64`, `the signature of ${m[1]} is not base64 of a key ID and a signature`);
    sigs.push({ name: m[1], id: raw.slice(0, 4), sig: raw.slice(4), line });
  }
  return { text: text2, sigs };
}
var sameId = (a, b) => a.length === 4 && b.length === 4 && a.every((x2, i) => x2 === b[i]);
function checkNote(note, keys, msg = utf8(note.text)) {
  const out = { verified: [], failed: [], missing: [], unknown: [] };
  const seen = /* @__PURE__ */ new Set();
  for (const l of note.sigs) {
    const k = keys.find((k2) => k2.type !== "cosignature" && k2.name === l.name && sameId(k2.id, l.id));
    if (!k) {
      out.unknown.push(l);
      continue;
    }
    seen.add(k);
    if (verifySig(k, msg, l.sig)) {
      if (!out.verified.includes(k)) out.verified.push(k);
    } else if (!out.failed.includes(k)) out.failed.push(k);
  }
  for (const k of keys) if (k.type !== "cosignature" && !seen.has(k)) out.missing.push(k);
  return out;
}
function signedByAll(c, keys) {
  const given = keys.filter((k) => k.type !== "cosignature");
  return given.length > 0 && c.failed.length === 0 && given.every((k) => c.verified.includes(k));
}
function parseCheckpoint(input) {
  const note = parseNote(input);
  if (isProblem(note)) return note;
  const lines = note.text.slice(0, -1).split("\n");
  if (lines.length < 3) return P("检查点正文应有三行：日志名称、条目数、根哈希", "a checkpoint has three lines: origin, tree size, root hash");
  if (lines.length > 3) return P("日志 v1 的检查点没有扩展行", "a log v1 checkpoint has no extension lines");
  const [origin, sizeText, rootText] = lines;
  if (!validKeyName(origin)) return P(`${JSON.stringify(origin)} 不是有效的日志名称`, `the origin ${JSON.stringify(origin)} is not a log name`);
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) return P(`条目数 ${JSON.stringify(sizeText)} 不是无前导零的十进制数`, `the tree size ${JSON.stringify(sizeText)} is not a decimal without leading zeros`);
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) return P(`条目数 ${sizeText} 超出本核验程序的范围（2^53 − 1）`, `the tree size ${sizeText} is beyond what this verifier handles (2^53 − 1)`);
  const root = b64(rootText);
  if (!root || root.length !== 32) return P("根哈希不是 32 字节的 base64", "the root hash is not base64 of 32 bytes");
  if (size === 0 && toHex(root) !== EMPTY_ROOT)
    return P(`0 条的日志的根哈希应为 SHA-256("") = ${EMPTY_ROOT}`, `the root of an empty log is SHA-256("") = ${EMPTY_ROOT}`);
  return { origin, size, root, note };
}

// src/log/checkpoint.ts
function parsePolicy(text2) {
  let v;
  try {
    v = parse(text2);
  } catch (e) {
    return P(`策略不是 TOML：${e instanceof Error ? e.message.split("\n")[0] : String(e)}`, `the policy is not TOML: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  }
  const q = v.quorum;
  const quorum = typeof q === "bigint" ? Number(q) : q;
  if (typeof quorum !== "number" || !Number.isSafeInteger(quorum) || quorum < 0) return P("策略的 quorum 不是 ≥ 0 的整数", "the policy's quorum is not an integer ≥ 0");
  if (!Array.isArray(v.cosigners) || !v.cosigners.every((c) => typeof c === "string")) return P("策略的 cosigners 不是公钥列表", "the policy's cosigners is not a list of vkeys");
  const cosigners = [];
  for (const c of v.cosigners) {
    const k = parseVkey(c);
    if (isProblem(k)) return P(`共同签署人公钥：${k.zh}`, `a cosigner's vkey: ${k.en}`);
    if (k.type !== "cosignature") return P(`共同签署人 ${k.name} 的公钥类型为 ${k.type}，应为 0x04`, `the cosigner ${k.name} has a ${k.type} vkey; cosigners' vkeys have type 0x04`);
    cosigners.push(k);
  }
  if (quorum > cosigners.length) return P(`法定数 ${quorum} 多于所列的 ${cosigners.length} 个共同签署人`, `the quorum ${quorum} is more than the ${cosigners.length} cosigners named`);
  return { cosigners, quorum };
}
var isView = (k) => !Array.isArray(k);
var keysAt = (k, size) => isView(k) ? k.keysFor(size) : k;
function quietlySigned(note, name, keys) {
  const mine = keys.filter((k) => k.name === name && k.type !== "cosignature");
  return signedByAll(checkNote(note, mine), mine);
}
function inForceCheck(rep, view, note, origin, size, what) {
  const r = view.retiredBy(note, origin, size);
  if (!r) return null;
  const kind = r.action === "rotate" ? "key-retired" : "key-revoked";
  if (r.action === "rotate")
    rep.fail("keys.in-force", `key-retired：${what[0]}由第 ${r.size} 条的密钥轮换所停用的密钥签署（原因：${r.reason}）`, `key-retired: ${what[1]} is signed by keys the rotation at size ${r.size} retired (reason: ${r.reason})`);
  else rep.fail("keys.in-force", `key-revoked：${what[0]}由第 ${r.size} 条吊销的密钥签署（原因：${r.reason}）`, `key-revoked: ${what[1]} is signed by keys revoked at size ${r.size} (reason: ${r.reason})`);
  rep.fact("error_kind", kind).fact("retired_at", r.size);
  return r;
}
var keyLabel = (k) => `${k.name} (${k.type === "sm2" ? "SM2" : k.type === "ed25519" ? "Ed25519" : "cosigner"}, ${k.fingerprint})`;
var keyLabelZh = (k) => `${k.name}（${k.type === "sm2" ? "SM2" : k.type === "ed25519" ? "Ed25519" : "联署密钥"}，指纹 ${k.fingerprint}）`;
var algo = (k) => k.type === "sm2" ? "SM2" : "Ed25519";
function cosignedMessage(time, text2) {
  return utf8(`cosignature/v1
time ${time}
${text2}`);
}
function signerCheck(rep, check, note, name, keys, who) {
  const mine = keys.filter((k) => k.name === name && k.type !== "cosignature");
  if (mine.length === 0) {
    rep.fail(check, `没有给出名为 ${name} 的${who[0]}公钥，无法核验签名`, `no ${who[1]} key named ${name} was given: the signature cannot be checked`);
    return [];
  }
  const c = checkNote(note, mine);
  for (const k of c.failed) rep.fail(check, `${who[0]}密钥 ${keyLabelZh(k)} 的签名验证失败`, `the signature of the ${who[1]} key ${keyLabel(k)} does not verify`);
  for (const k of c.missing) rep.fail(check, `缺少${who[0]}密钥 ${keyLabelZh(k)} 的签名（给出的每个密钥都须签名）`, `no signature by the ${who[1]} key ${keyLabel(k)} (every key given must have signed)`);
  for (const k of c.verified) rep.pass(check, `${who[0]}密钥 ${keyLabelZh(k)} 的 ${algo(k)} 签名有效`, `the ${algo(k)} signature of the ${who[1]} key ${keyLabel(k)} verifies`);
  rep.fact(`${check}.unknown_lines`, c.unknown.length);
  return c.failed.length || c.missing.length ? [] : c.verified;
}
function verifyCheckpoint(input, given, policy = null, prefix = "checkpoint") {
  const rep = new Report("checkpoint");
  const cp = parseCheckpoint(input);
  if (isProblem(cp)) {
    rep.fail(`${prefix}.format`, `检查点格式错误：${cp.zh}`, `not a checkpoint: ${cp.en}`);
    return { report: rep.done(), cp: null };
  }
  rep.fact("origin", cp.origin).fact("size", cp.size).fact("root", toHex(cp.root));
  const logKeys = keysAt(given, cp.size);
  const signed = signerCheck(rep, `${prefix}.signature`, cp.note, cp.origin, logKeys, ["机关", "bureau"]);
  if (isView(given) && given.accepted > 0) {
    const g = given.generation(cp.size);
    if (signed.length) rep.pass("keys.in-force", `${cp.size} 条的检查点由当时有效的密钥（${g[0]}）签署`, `the size-${cp.size} checkpoint is signed by the keys in force at that size (${g[1]})`);
    else inForceCheck(rep, given, cp.note, cp.origin, cp.size, [`${cp.size} 条的检查点`, `the size-${cp.size} checkpoint`]);
  }
  if (rep.ok) {
    const both = signed.length >= 2;
    rep.est(
      `机关密钥（${signed.map(keyLabelZh).join("；")}）签署了：日志 ${cp.origin} 共 ${cp.size} 条，根哈希 ${toHex(cp.root)}`,
      `the bureau's key(s) ${signed.map(keyLabel).join("; ")} signed: log ${cp.origin} has ${cp.size} entries, root ${toHex(cp.root)}`
    );
    if (!both) {
      const has = signed[0]?.type === "sm2" ? ["SM2", "Ed25519"] : ["Ed25519", "SM2"];
      rep.not(`只给出并核验了机关的 ${has[0]} 密钥；${has[1]} 签名未核验`, `only the bureau's ${has[0]} key was given and checked; its ${has[1]} signature was not`);
    }
    rep.not(
      "这些公钥是否确为该机关的真实密钥：请将指纹与公告通知或省级密钥清单核对",
      "that these are the bureau's genuine keys: compare the fingerprints with the announcement notices or the province's key list"
    );
  }
  rep.fact("signed_by", signed.map((k) => k.text));
  cosignatures(rep, cp, policy, prefix);
  return { report: rep.done(), cp };
}
function cosignatures(rep, cp, policy, prefix) {
  if (!policy) {
    rep.not(
      "是否有机关以外的共同签署人见过此检查点（未给出共同签署策略），因此也未证明机关向所有人展示的是同一日志",
      "that anyone outside the bureau saw this checkpoint (no cosigner policy given), so not that the bureau shows everyone the same log"
    );
    return;
  }
  const ok = [];
  const times = [];
  for (const k of policy.cosigners) {
    const lines = cp.note.sigs.filter((l) => l.name === k.name && l.id.every((x2, i) => x2 === k.id[i]));
    for (const l of lines) {
      if (l.sig.length !== 72) {
        rep.fail(`${prefix}.cosignature`, `共同签署人 ${keyLabelZh(k)} 的签名长度不对（应为时间戳 8 字节 + 签名 64 字节）`, `the cosignature of ${keyLabel(k)} is not an 8-byte timestamp and a 64-byte signature`);
        continue;
      }
      let time = 0n;
      for (let i = 0; i < 8; i++) time = time << 8n | BigInt(l.sig[i]);
      if (verifySig(k, cosignedMessage(time, cp.note.text), l.sig.slice(8))) {
        if (!ok.includes(k)) ok.push(k);
        const iso = time < 8640000000000n ? new Date(Number(time) * 1e3).toISOString().replace(".000Z", "Z") : String(time);
        times.push(`${k.name} ${iso}`);
        rep.pass(`${prefix}.cosignature`, `共同签署人 ${keyLabelZh(k)} 的联署有效（时间 ${iso}）`, `the cosignature of ${keyLabel(k)} verifies (time ${iso})`);
      } else rep.fail(`${prefix}.cosignature`, `共同签署人 ${keyLabelZh(k)} 的联署验证失败`, `the cosignature of ${keyLabel(k)} does not verify`);
    }
  }
  rep.fact("cosignatures", ok.length).fact("quorum", policy.quorum).fact("cosigned_by", times);
  if (ok.length >= policy.quorum) {
    rep.pass(`${prefix}.quorum`, `${ok.length} 个有效联署，达到法定数 ${policy.quorum}`, `${ok.length} cosignature(s) verify: the quorum of ${policy.quorum} is met`);
    if (rep.ok && ok.length > 0)
      rep.est(
        `${ok.length} 个共同签署人确认此检查点延续了他们此前联署的检查点（他们各自拒绝分叉和回滚）`,
        `${ok.length} cosigner(s) stated that this checkpoint extends the one they cosigned before (each refuses forks and rollbacks)`
      );
  } else rep.fail(`${prefix}.quorum`, `只有 ${ok.length} 个有效联署，未达到法定数 ${policy.quorum}`, `only ${ok.length} cosignature(s) verify: the quorum of ${policy.quorum} is not met`);
  if (ok.length > 0) rep.not("共同签署人是否如实守约：联署只代表其声明", "that the cosigners kept their word: a cosignature is their statement");
}

// src/log/entry.ts
var FIELDS = ["seq", "prev", "hash", "kind", "campaign", "at", "operator", "approver", "body"];
function parseEntry(bytes) {
  let v;
  try {
    v = parseJson(bytes);
  } catch (e) {
    return P(`条目不是 JSON：${e instanceof Error ? e.message : String(e)}`, `the entry is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!v || typeof v !== "object" || Array.isArray(v)) return P("条目不是 JSON 对象", "the entry is not a JSON object");
  const o = v;
  for (const k of Object.keys(o)) if (!FIELDS.includes(k)) return P(`条目有未知字段 ${JSON.stringify(k)}`, `the entry has an unknown field ${JSON.stringify(k)}`);
  for (const k of FIELDS) if (!(k in o)) return P(`条目缺少字段 ${JSON.stringify(k)}`, `the entry has no field ${JSON.stringify(k)}`);
  const seq = typeof o.seq === "bigint" ? Number(o.seq) : o.seq;
  if (typeof seq !== "number" || !Number.isSafeInteger(seq) || seq < 1) return P("条目的 seq 不是 ≥ 1 的整数", "the entry's seq is not an integer ≥ 1");
  if (!isHash(o.prev) || !isHash(o.hash)) return P("条目的 prev 和 hash 应为 64 位小写十六进制", "the entry's prev and hash are 64 lowercase hex digits");
  for (const k of ["kind", "campaign", "at", "operator", "approver", "body"])
    if (typeof o[k] !== "string") return P(`条目的 ${k} 不是文本`, `the entry's ${k} is not a text`);
  return {
    seq,
    prev: o.prev,
    hash: o.hash,
    kind: o.kind,
    campaign: o.campaign,
    at: o.at,
    operator: o.operator,
    approver: o.approver,
    body: o.body
  };
}
function chainHash(e) {
  const w = new Writer(256).lp("dualdraw-ledger-v1").u64(e.seq).bytes(parseHex(e.prev)).lp(e.kind).lp(e.campaign).lp(e.at).lp(e.operator).lp(e.approver).lp(e.body);
  return toHex(sha(w.view()));
}
function entryBody(e) {
  try {
    const v = parseJson(e.body);
    return v && typeof v === "object" && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

// src/log/tree.ts
var LEAF_TAG2 = "dualdraw-ledger-leaf/v1\n";
function ledgerLeaf(seq, entryHash) {
  if (entryHash.length !== 32) throw new Error("an entry hash has 32 bytes");
  const w = new Writer(64);
  for (let i = 0; i < LEAF_TAG2.length; i++) w.byte(LEAF_TAG2.charCodeAt(i));
  w.u64(seq).bytes(entryHash);
  return w.view().slice();
}
function ledgerLeafHash(seq, entryHash) {
  return leafHash(ledgerLeaf(seq, entryHash));
}
var EMPTY_TREE_ROOT = sha(new Uint8Array(0));
var eq = (a, b) => a.length === b.length && a.every((x2, i) => x2 === b[i]);
function inclusionOk(index, size, leaf, path, root) {
  const r = rootFromPath(index, size, leaf, path);
  return r !== null && eq(r, root);
}
function consistencyOk(first, second, firstRoot, secondRoot, proof) {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && eq(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0 && eq(firstRoot, EMPTY_TREE_ROOT);
  if (proof.length === 0) return false;
  const path = isPow2(first) ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  const half = (x2) => Math.floor(x2 / 2);
  const odd = (x2) => x2 % 2 === 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else sr = nodeHash(sr, c);
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && eq(fr, firstRoot) && eq(sr, secondRoot);
}
function isPow2(n) {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

// src/log/proofs.ts
var decimal = (s) => /^(0|[1-9][0-9]*)$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : null;
function text(input) {
  if (typeof input === "string") return input;
  try {
    return fromUtf8(input);
  } catch {
    return null;
  }
}
function hashesThenNote(lines, from) {
  const hashes = [];
  let i = from;
  for (; i < lines.length && lines[i] !== ""; i++) {
    const h = b64(lines[i]);
    if (!h || h.length !== 32) return P(`第 ${i + 1} 行不是 32 字节哈希的 base64`, `line ${i + 1} is not base64 of a 32-byte hash`);
    hashes.push(h);
    if (hashes.length > 63) return P("证明哈希超过 63 个", "more than 63 proof hashes");
  }
  if (i >= lines.length) return P("检查点之前没有空行", "no empty line before the checkpoint");
  return { hashes, rest: lines.slice(i + 1).join("\n") };
}
function parseTlogProof(input) {
  const s = text(input);
  if (s === null) return P("证明不是 UTF-8 编码", "the proof is not UTF-8");
  if (utf8(s).length > 2 * MAX_NOTE_BYTES) return P(`证明超过 ${2 * MAX_NOTE_BYTES} 字节`, `the proof is over ${2 * MAX_NOTE_BYTES} bytes`);
  const lines = s.split("\n");
  if (lines[0] !== "c2sp.org/tlog-proof@v1") return P("第一行不是 c2sp.org/tlog-proof@v1", "the first line is not c2sp.org/tlog-proof@v1");
  let i = 1;
  let extra = null;
  if (lines[i]?.startsWith("extra ")) {
    extra = b64(lines[i].slice(6));
    if (!extra) return P("extra 行不是 base64", "the extra line is not base64");
    i++;
  }
  const m = /^index (.*)$/.exec(lines[i] ?? "");
  const index = m ? decimal(m[1]) : null;
  if (index === null) return P(`第 ${i + 1} 行不是“index N”（无前导零的十进制数）`, `line ${i + 1} is not "index N" (decimal, no leading zeros)`);
  const r = hashesThenNote(lines, i + 1);
  if (isProblem(r)) return r;
  return { extra, index, path: r.hashes, checkpoint: r.rest };
}
function drawIds(draw) {
  let ann;
  if (draw.campaign === void 0 || draw.announcementHash === void 0) {
    try {
      const v = parseJson(draw.bytes);
      if (v && typeof v === "object" && !Array.isArray(v)) ann = v.announcement;
    } catch {
      ann = void 0;
    }
  }
  const a = ann && typeof ann === "object" && !Array.isArray(ann) ? ann : void 0;
  return {
    campaign: draw.campaign ?? a?.campaign?.id,
    announcementHash: draw.announcementHash ?? a?.hash
  };
}
function verifyInclusion2(input, logKeys, policy = null, draw = null) {
  const rep = new Report("inclusion");
  const p = parseTlogProof(input);
  if (isProblem(p)) return rep.fail("inclusion.format", `收录证明格式错误：${p.zh}`, `not an inclusion proof: ${p.en}`).done();
  const { report: cpr, cp } = verifyCheckpoint(p.checkpoint, logKeys, policy);
  rep.take(cpr);
  Object.assign(rep.r.facts, cpr.facts);
  rep.fact("index", p.index);
  if (!p.extra) return rep.fail("inclusion.entry", "收录证明没有 extra 行（台账条目）", "the proof has no extra line (the ledger entry)").done();
  const e = parseEntry(p.extra);
  if (isProblem(e)) return rep.fail("inclusion.entry", `extra 不是台账条目：${e.zh}`, `extra is not a ledger entry: ${e.en}`).done();
  rep.fact("seq", e.seq).fact("entry_kind", e.kind).fact("campaign", e.campaign).fact("entry_hash", e.hash);
  const h = chainHash(e);
  if (h !== e.hash) rep.fail("inclusion.entry", `条目 ${e.seq} 的链哈希应为 ${h}，条目中为 ${e.hash}`, `entry ${e.seq}'s chain hash is ${h}, the entry says ${e.hash}`);
  else rep.pass("inclusion.entry", `条目 ${e.seq} 的链哈希按字段重新计算一致`, `entry ${e.seq}'s chain hash recomputed from its fields`);
  if (p.index !== e.seq - 1) rep.fail("inclusion.index", `index 应为 seq − 1 = ${e.seq - 1}，证明中为 ${p.index}`, `index must be seq − 1 = ${e.seq - 1}, the proof says ${p.index}`);
  if (cp && h === e.hash && p.index === e.seq - 1) {
    const leaf = ledgerLeafHash(e.seq, parseHex(e.hash));
    if (inclusionOk(p.index, cp.size, leaf, p.path, cp.root))
      rep.pass("inclusion.path", `收录路径（${p.path.length} 个哈希）从第 ${e.seq} 条的叶子通向检查点的根（共 ${cp.size} 条）`, `the path (${p.path.length} hashes) leads from entry ${e.seq}'s leaf to the checkpoint's root (size ${cp.size})`);
    else rep.fail("inclusion.path", `收录路径不能从第 ${e.seq} 条的叶子通向检查点的根（共 ${cp.size} 条）`, `the path does not lead from entry ${e.seq}'s leaf to the checkpoint's root (size ${cp.size})`);
  }
  if (draw) drawCheck(rep, e, draw);
  if (rep.ok && cp) {
    rep.est(
      `第 ${e.seq} 条台账条目（${e.kind}，${e.campaign}，${e.at}，链哈希 ${e.hash}）在机关签署的 ${cp.size} 条日志中，为第 ${p.index} 号叶子（从 0 起算）`,
      `ledger entry ${e.seq} (${e.kind}, ${e.campaign}, ${e.at}, chain hash ${e.hash}) is leaf ${p.index} of the ${cp.size}-entry log the bureau signed`
    );
    rep.not(
      "之前各条目的内容：链哈希只连着前一条的哈希（prev），内容要看导出的台账",
      "what the earlier entries say: the chain hash only covers the previous hash (prev); the exported ledger shows them"
    );
  }
  return rep.done();
}
function drawCheck(rep, e, draw) {
  const digest = toHex(sha(draw.bytes));
  rep.fact("proof_sha256", digest);
  if (e.kind !== "draw") {
    rep.fail("inclusion.draw", `条目 ${e.seq} 的类型是 ${e.kind}，不是 draw（抽取）`, `entry ${e.seq} is of kind ${e.kind}, not draw`);
    return;
  }
  const body = entryBody(e);
  const { campaign: camp, announcementHash: annHash } = drawIds(draw);
  if (!body) return void rep.fail("inclusion.draw", "条目正文不是 JSON 对象", "the entry body is not a JSON object");
  let bad = false;
  if (body.proof_sha256 !== digest) {
    bad = true;
    rep.fail("inclusion.draw", `证明文件的 SHA-256 为 ${digest}，台账记录的是 ${String(body.proof_sha256)}`, `the proof file's SHA-256 is ${digest}, the ledger recorded ${String(body.proof_sha256)}`);
  }
  if (typeof camp !== "string" || camp !== e.campaign) {
    bad = true;
    rep.fail("inclusion.draw", `证明的抽查活动 ${String(camp)} 不是条目的 ${e.campaign}`, `the proof's campaign ${String(camp)} is not the entry's ${e.campaign}`);
  }
  if (typeof annHash !== "string" || annHash !== body.announcement_hash) {
    bad = true;
    rep.fail("inclusion.draw", `证明的公告哈希 ${String(annHash)} 不是条目记录的 ${String(body.announcement_hash)}`, `the proof's announcement hash ${String(annHash)} is not the entry's ${String(body.announcement_hash)}`);
  }
  if (bad) return;
  rep.pass("inclusion.draw", `此证明文件（SHA-256 ${digest}）正是台账第 ${e.seq} 条记录的抽取`, `this proof file (SHA-256 ${digest}) is the draw recorded by entry ${e.seq}`);
  rep.est(`此证明文件的字节正是机关记入日志的那次抽取（${e.campaign}）`, `these exact proof bytes are the draw the bureau logged (${e.campaign})`);
  rep.not("抽取本身是否正确：由抽取验证（上方）核实，公告哈希在那里重新计算", "that the draw itself is right: the draw verification does that (it recomputes the announcement hash)");
}
function parseAddCheckpoint(input) {
  const s = text(input);
  if (s === null) return P("请求不是 UTF-8 编码", "the request is not UTF-8");
  if (utf8(s).length > 2 * MAX_NOTE_BYTES) return P(`请求超过 ${2 * MAX_NOTE_BYTES} 字节`, `the request is over ${2 * MAX_NOTE_BYTES} bytes`);
  const lines = s.split("\n");
  const m = /^old (.*)$/.exec(lines[0]);
  const old = m ? decimal(m[1]) : null;
  if (old === null) return P("第一行不是“old N”（无前导零的十进制数）", 'the first line is not "old N" (decimal, no leading zeros)');
  const r = hashesThenNote(lines, 1);
  if (isProblem(r)) return r;
  return { old, proof: r.hashes, checkpoint: r.rest };
}
function verifyConsistency(older, body, logKeys, policy = null) {
  const rep = new Report("consistency");
  const a = verifyCheckpoint(older, logKeys, null, "older");
  rep.take(a.report, true);
  const req = parseAddCheckpoint(body);
  if (isProblem(req)) return rep.fail("consistency.format", `一致性证明格式错误：${req.zh}`, `not a consistency proof: ${req.en}`).done();
  const b = verifyCheckpoint(req.checkpoint, logKeys, policy, "newer");
  rep.take(b.report, true);
  if (!a.cp || !b.cp) return rep.done();
  const [o, n] = [a.cp, b.cp];
  rep.fact("origin", n.origin).fact("old_size", o.size).fact("new_size", n.size).fact("old_root", toHex(o.root)).fact("new_root", toHex(n.root));
  if (o.origin !== n.origin) return rep.fail("consistency.origin", `两个检查点属于不同日志：${o.origin} 与 ${n.origin}`, `the checkpoints are of different logs: ${o.origin} and ${n.origin}`).done();
  if (req.old !== o.size) return rep.fail("consistency.old", `证明的 old ${req.old} 不是旧检查点的大小 ${o.size}`, `the proof's old ${req.old} is not the older checkpoint's size ${o.size}`).done();
  if (o.size > n.size) return rep.fail("consistency.size", `新检查点（${n.size} 条）比旧检查点（${o.size} 条）小：回滚`, `the newer checkpoint (${n.size}) is smaller than the older one (${o.size}): a rollback`).done();
  if (consistencyOk(o.size, n.size, o.root, n.root, req.proof))
    rep.pass("consistency.proof", `一致性证明（${req.proof.length} 个哈希）成立：${n.size} 条的日志延续了 ${o.size} 条的日志`, `the consistency proof (${req.proof.length} hashes) verifies: the ${n.size}-entry log extends the ${o.size}-entry one`);
  else if (o.size === n.size && req.proof.length === 0)
    rep.fail("consistency.proof", `两个检查点大小相同（${o.size}）而根哈希不同：机关签署了两个不同的日志`, `both checkpoints have size ${o.size} and different roots: the bureau signed two different logs`);
  else rep.fail("consistency.proof", `一致性证明不成立：不能说明 ${n.size} 条的日志延续了 ${o.size} 条的日志`, `the consistency proof fails: it does not show that the ${n.size}-entry log extends the ${o.size}-entry one`);
  if (rep.ok) {
    rep.est(
      `机关签署的 ${n.size} 条日志（根 ${toHex(n.root)}）保留了此前签署的 ${o.size} 条日志的全部条目（根 ${toHex(o.root)}），没有修改、删除或重排`,
      `the ${n.size}-entry log the bureau signed (root ${toHex(n.root)}) keeps all ${o.size} entries of the one it signed before (root ${toHex(o.root)}): none changed, dropped or reordered`
    );
    const signers = a.report.facts.signed_by;
    rep.not(`这些公钥是否确为该机关的真实密钥（${signers.length} 个）：请核对指纹`, `that the keys (${signers.length}) are the bureau's genuine ones: compare the fingerprints`);
    if (!policy) rep.not("其他人是否看到同一日志：需要共同签署人（未给出策略）", "that others see the same log: that takes cosigners (no policy given)");
  }
  return rep.done();
}

// src/log/fork.ts
function takeCheckpoint(lines, i) {
  if (i + 4 > lines.length) return P("检查点不完整", "a checkpoint is cut short");
  const text2 = lines.slice(i, i + 3);
  if (text2.some((l) => l === "") || lines[i + 3] !== "") return P(`第 ${i + 1} 行：检查点应为三行正文、一个空行和签名行`, `line ${i + 1}: a checkpoint is three lines, an empty line and its signatures`);
  let j = i + 4;
  while (j < lines.length && lines[j].startsWith("— ")) j++;
  if (j === i + 4) return P(`第 ${j + 1} 行：检查点没有签名行`, `line ${j + 1}: the checkpoint has no signature line`);
  return { note: [...text2, "", ...lines.slice(i + 4, j)].join("\n") + "\n", next: j };
}
function parseForkProof(input) {
  let s;
  try {
    s = typeof input === "string" ? input : fromUtf8(input);
  } catch {
    return P("分叉证据不是 UTF-8 编码", "the fork proof is not UTF-8");
  }
  if (s.length > 4 * MAX_NOTE_BYTES) return P(`分叉证据超过 ${4 * MAX_NOTE_BYTES} 字符`, `the fork proof is over ${4 * MAX_NOTE_BYTES} characters`);
  const lines = s.split("\n");
  if (lines[0] !== "dualdraw-fork-proof/v1") return P("第一行不是 dualdraw-fork-proof/v1", "the first line is not dualdraw-fork-proof/v1");
  const kind = lines[1];
  if (kind !== "same-size" && kind !== "rollback" && kind !== "inconsistent") return P(`未知的类型 ${JSON.stringify(kind ?? "")}`, `unknown kind ${JSON.stringify(kind ?? "")}`);
  if (lines[2] !== "") return P("第 3 行不是空行", "line 3 is not empty");
  const a = takeCheckpoint(lines, 3);
  if (isProblem(a)) return a;
  if (lines[a.next] !== "") return P(`第 ${a.next + 1} 行：两个检查点之间须有空行`, `line ${a.next + 1}: an empty line must separate the two checkpoints`);
  const b = takeCheckpoint(lines, a.next + 1);
  if (isProblem(b)) return b;
  const after = lines.slice(b.next);
  let body = null;
  if (after.length === 1 && after[0] === "") body = null;
  else if (after[0] === "") {
    const rest = after.slice(1).join("\n");
    body = rest === "" ? null : rest;
  } else return P(`第 ${b.next + 1} 行：第二个检查点之后有多余内容`, `line ${b.next + 1}: unexpected text after the second checkpoint`);
  if (kind === "inconsistent" && body === null) return P("inconsistent 分叉证据须附上未通过的 add-checkpoint 请求", "an inconsistent fork proof carries the add-checkpoint body that failed");
  if (kind !== "inconsistent" && body !== null) return P(`${kind} 分叉证据在第二个检查点之后不应有内容`, `a ${kind} fork proof carries nothing after the second checkpoint`);
  return { kind, a: a.note, b: b.note, body };
}
function verifyFork(input, logKeys, policy = null) {
  const rep = new Report("fork");
  const f = parseForkProof(input);
  if (isProblem(f)) return rep.fail("fork.format", `分叉证据格式错误：${f.zh}`, `not a fork proof: ${f.en}`).done();
  rep.fact("fork_kind", f.kind);
  const a = verifyCheckpoint(f.a, logKeys, policy, "fork.a");
  const b = verifyCheckpoint(f.b, logKeys, policy, "fork.b");
  rep.take(a.report, true).take(b.report, true);
  if (!a.cp || !b.cp || !rep.ok) {
    rep.fail("fork.signed", "两个检查点须都由机关签署，分叉证据才成立", "both checkpoints must be signed by the bureau for a fork proof to stand");
    return rep.done();
  }
  const [A, B] = [a.cp, b.cp];
  rep.fact("origin", A.origin).fact("a_size", A.size).fact("b_size", B.size).fact("a_root", toHex(A.root)).fact("b_root", toHex(B.root));
  if (A.origin !== B.origin) return rep.fail("fork.origin", `两个检查点属于不同日志（${A.origin}、${B.origin}），不构成分叉`, `the checkpoints are of different logs (${A.origin}, ${B.origin}): no fork`).done();
  const sameRoot = toHex(A.root) === toHex(B.root);
  if (f.kind === "same-size") {
    if (A.size !== B.size) return rep.fail("fork.kind", `same-size 要求大小相同，此处为 ${A.size} 与 ${B.size}`, `same-size needs equal sizes, here ${A.size} and ${B.size}`).done();
    if (sameRoot) return rep.fail("fork.kind", "两个检查点的根哈希相同：不是分叉", "both checkpoints have the same root: no fork").done();
    rep.pass("fork.kind", `大小同为 ${A.size}，根哈希不同`, `both of size ${A.size}, different roots`);
    rep.est(
      `确证（无需其他材料）：机关签署了日志 ${A.origin} 的两个不同版本，大小同为 ${A.size}，根哈希 ${toHex(A.root)} 与 ${toHex(B.root)}`,
      `conclusive on its own: the bureau signed two different versions of log ${A.origin}, both of size ${A.size}, roots ${toHex(A.root)} and ${toHex(B.root)}`
    );
  } else if (f.kind === "rollback") {
    if (!(B.size < A.size)) return rep.fail("fork.kind", `rollback 要求第二个检查点更小，此处为 ${A.size} 与 ${B.size}`, `rollback needs the second checkpoint to be smaller, here ${A.size} and ${B.size}`).done();
    rep.pass("fork.kind", `第二个检查点（${B.size} 条）比第一个（${A.size} 条）小`, `the second checkpoint (${B.size}) is smaller than the first (${A.size})`);
    rep.est(`机关签署了日志 ${A.origin} 的两个检查点：${A.size} 条与 ${B.size} 条`, `the bureau signed both checkpoints of log ${A.origin}: sizes ${A.size} and ${B.size}`);
    rep.not(
      `日志是否被篡改：分叉证据不记录时间，较小的检查点也可能只是旧的；只有当机关拿不出从 ${B.size} 到 ${A.size} 的一致性证明时才成为确证`,
      `that the log was tampered with: the file carries no times and the smaller checkpoint may simply be an old one; it is conclusive only once the bureau cannot produce a consistency proof from ${B.size} to ${A.size}`
    );
  } else {
    if (!(A.size < B.size)) return rep.fail("fork.kind", `inconsistent 要求第二个检查点更大，此处为 ${A.size} 与 ${B.size}`, `inconsistent needs the second checkpoint to be larger, here ${A.size} and ${B.size}`).done();
    const req = parseAddCheckpoint(f.body);
    if (isProblem(req)) return rep.fail("fork.request", `所附请求格式错误：${req.zh}`, `the enclosed request is malformed: ${req.en}`).done();
    if (req.checkpoint !== f.b) return rep.fail("fork.request", "所附请求中的检查点不是第二个检查点", "the enclosed request is not about the second checkpoint").done();
    if (req.old !== A.size) return rep.fail("fork.request", `所附请求的 old ${req.old} 不是第一个检查点的大小 ${A.size}`, `the enclosed request's old ${req.old} is not the first checkpoint's size ${A.size}`).done();
    if (consistencyOk(A.size, B.size, A.root, B.root, req.proof))
      return rep.fail("fork.request", "所附一致性证明其实成立：两个检查点一致，不是分叉", "the enclosed consistency proof verifies: the checkpoints are consistent, no fork").done();
    rep.pass("fork.request", `所附一致性证明（${req.proof.length} 个哈希）不能从 ${A.size} 条连到 ${B.size} 条`, `the enclosed consistency proof (${req.proof.length} hashes) does not connect ${A.size} to ${B.size}`);
    rep.est(
      `机关签署了日志 ${A.origin} 的两个检查点（${A.size} 条、${B.size} 条），随附的一致性证明不成立`,
      `the bureau signed both checkpoints of log ${A.origin} (sizes ${A.size} and ${B.size}) and the consistency proof that came with the second does not verify`
    );
    rep.not(
      `两个检查点确实不一致：只有当机关拿不出从 ${A.size} 到 ${B.size} 的有效一致性证明时才成为确证（所附证明可能只是传输中损坏）`,
      `that the two checkpoints are really inconsistent: conclusive only once the bureau cannot produce a valid consistency proof from ${A.size} to ${B.size} (the enclosed one may just have been damaged)`
    );
  }
  rep.not("这些公钥是否确为该机关的真实密钥：请核对指纹", "that the keys are the bureau's genuine ones: compare the fingerprints");
  return rep.done();
}

// src/log/keyChain.ts
var KindProblem = class {
  constructor(kind, problem) {
    this.kind = kind;
    this.problem = problem;
  }
  kind;
  problem;
  get zh() {
    return `${this.kind}：${this.problem.zh}`;
  }
  get en() {
    return `${this.kind}: ${this.problem.en}`;
  }
  toString() {
    return this.en;
  }
};
var K = (kind, zh, en) => new KindProblem(kind, P(zh, en));
var isKindProblem = (x2) => x2 instanceof KindProblem;
function statementSize(input) {
  const p = parseTlogProof(input);
  if (isProblem(p)) return null;
  const cp = parseCheckpoint(p.checkpoint);
  return isProblem(cp) ? null : cp.size;
}
function statementOrigin(input) {
  const p = parseTlogProof(input);
  if (isProblem(p)) return null;
  const cp = parseCheckpoint(p.checkpoint);
  return isProblem(cp) ? null : cp.origin;
}
function signedUnder(note, keys, origin) {
  const mine = keys.filter((k) => k.name === origin && k.type !== "cosignature");
  if (mine.length === 0) return K("note-no-known-signature", `没有名为 ${origin} 的有效密钥`, `no key in force is named ${origin}`);
  const c = checkNote(note, mine);
  if (c.failed.length) return K("note-bad-signature", `密钥 ${keyLabelZh(c.failed[0])} 的签名验证失败`, `the signature of ${keyLabel(c.failed[0])} does not verify`);
  if (c.verified.length === 0) return K("note-no-known-signature", "检查点上没有有效密钥的签名", "no key in force signed the checkpoint");
  if (!signedByAll(c, mine)) return K("checkpoint-missing-signature", `缺少有效密钥 ${keyLabelZh(c.missing[0])} 的签名`, `no signature by the key in force ${keyLabel(c.missing[0])}`);
  return null;
}
function verifyKeyStatement(input, inForce) {
  const p = parseTlogProof(input);
  if (isProblem(p)) return K("proof-malformed", `不是收录证明：${p.zh}`, `not an inclusion proof: ${p.en}`);
  const cp = parseCheckpoint(p.checkpoint);
  if (isProblem(cp)) return K("checkpoint-bad-text", `检查点格式错误：${cp.zh}`, `not a checkpoint: ${cp.en}`);
  const unsigned = signedUnder(cp.note, inForce, cp.origin);
  if (unsigned) return unsigned;
  if (!p.extra) return K("proof-malformed", "收录证明没有 extra 行（台账条目）", "the proof has no extra line (the ledger entry)");
  const e = parseEntry(p.extra);
  if (isProblem(e)) return K("proof-malformed", `extra 不是台账条目：${e.zh}`, `extra is not a ledger entry: ${e.en}`);
  const h = chainHash(e);
  if (h !== e.hash) return K("entry-hash-mismatch", `条目 ${e.seq} 的链哈希应为 ${h}`, `entry ${e.seq}'s chain hash is ${h}, the entry says ${e.hash}`);
  if (p.index !== e.seq - 1) return K("entry-index-mismatch", `index 应为 seq − 1 = ${e.seq - 1}`, `index must be seq − 1 = ${e.seq - 1}, the proof says ${p.index}`);
  if (!inclusionOk(p.index, cp.size, ledgerLeafHash(e.seq, parseHex(e.hash)), p.path, cp.root))
    return K("inclusion-failed", `收录路径不能从第 ${e.seq} 条通向检查点的根`, `the path does not lead from entry ${e.seq}'s leaf to the checkpoint's root (size ${cp.size})`);
  if (e.kind !== "key") return K("key-statement-not-key-entry", `第 ${e.seq} 条的类型是 ${e.kind}，不是 key`, `entry ${e.seq} is of kind ${e.kind}, not key`);
  if (e.seq !== cp.size) return K("key-statement-not-last", `第 ${e.seq} 条不是 ${cp.size} 条检查点的最后一条`, `entry ${e.seq} is not the last leaf of the size-${cp.size} checkpoint`);
  const body = entryBody(e);
  const bad = (zh, en) => K("key-statement-bad-body", zh, en);
  if (!body) return bad("条目正文不是 JSON 对象", "the entry body is not a JSON object");
  const action = body.action;
  if (action !== "rotate" && action !== "revoke") return bad(`action 应为 rotate 或 revoke，而非 ${JSON.stringify(action)}`, `action must be rotate or revoke, not ${JSON.stringify(action)}`);
  if (typeof body.reason !== "string") return bad("reason 不是文本", "reason is not a string");
  const lists = { new: [], old: [] };
  for (const f of ["new", "old"]) {
    const v = body[f];
    if (!Array.isArray(v) || !v.every((x2) => typeof x2 === "string")) return bad(`${f} 不是公钥列表`, `${f} is not a list of vkeys`);
    for (const t2 of v) {
      const k = parseVkey(t2);
      if (isProblem(k)) return bad(`${f} 中的公钥无法读取：${k.zh}`, `a vkey of ${f} cannot be read: ${k.en}`);
      lists[f].push(k);
    }
  }
  if (lists.new.length === 0) return bad("new 为空", "new is empty");
  for (const k of lists.new) {
    if (k.name !== cp.origin) return bad(`新密钥 ${k.name} 不是以日志名 ${cp.origin} 命名的`, `the new key ${k.name} is not named as the log ${cp.origin}`);
    if (k.type === "cosignature") return bad("新密钥不能是联署密钥", "a new key cannot be a cosignature key");
    if (lists.old.some((o) => o.text === k.text)) return bad(`新密钥 ${keyLabelZh(k)} 也在 old 中`, `the new key ${keyLabel(k)} is also in old`);
  }
  const mine = inForce.filter((k) => k.name === cp.origin && k.type !== "cosignature");
  const missing = mine.filter((k) => !lists.old.some((o) => o.text === k.text));
  if (missing.length)
    return K("key-statement-other-keys", `有效密钥 ${keyLabelZh(missing[0])} 不在声明的 old 中：此声明换的是别的密钥`, `the key in force ${keyLabel(missing[0])} is not in the statement's old: it replaces other keys`);
  const c = checkNote(cp.note, lists.new);
  if (!signedByAll(c, lists.new)) {
    const k = c.failed[0] ?? c.missing[0];
    return K("key-statement-unsigned-by-new", `新密钥 ${keyLabelZh(k)} 没有有效签署此检查点`, `the new key ${keyLabel(k)} has no valid signature on the statement's checkpoint`);
  }
  return { origin: cp.origin, size: cp.size, action, reason: body.reason, old: lists.old.filter((k) => k.name === cp.origin && k.type !== "cosignature"), new: lists.new, note: cp.note };
}
var KeyChain = class _KeyChain {
  constructor(initial) {
    this.initial = initial;
  }
  initial;
  chain = true;
  statements = [];
  results = [];
  get accepted() {
    return this.statements.length;
  }
  /** Take statements (any order): sorted by size, each verified against the keys in force after the previous one. */
  static build(initial, inputs) {
    const ch = new _KeyChain(initial);
    const order = inputs.map((input, index) => ({ input, index, size: statementSize(input) }));
    order.sort((a, b) => (a.size ?? -1) - (b.size ?? -1));
    const sizes = /* @__PURE__ */ new Set();
    for (const o of order) {
      if (o.size !== null && sizes.has(o.size)) {
        ch.results.push({ index: o.index, size: o.size, ok: null, error: K("key-statement-duplicate", `已有一份 ${o.size} 条的密钥声明`, `there is already a key statement of size ${o.size}`) });
        continue;
      }
      const r = verifyKeyStatement(o.input, ch.keysFor(o.size ?? Number.MAX_SAFE_INTEGER));
      if (isKindProblem(r)) ch.results.push({ index: o.index, size: o.size, ok: null, error: r });
      else {
        sizes.add(r.size);
        ch.statements.push(r);
        ch.results.push({ index: o.index, size: r.size, ok: r, error: null });
      }
    }
    return ch;
  }
  /** the last accepted statement of size ≤ n (the latest for null) */
  at(size) {
    let s = null;
    for (const x2 of this.statements) if (size === null || x2.size <= size) s = x2;
    return s;
  }
  /** The keys in force at size n: the last statement's (size ≤ n) new keys, else the initial keys. */
  keysFor(size) {
    const s = this.at(size);
    if (!s) return this.initial;
    return [...this.initial.filter((k) => k.name !== s.origin), ...s.new];
  }
  retiredBy(note, origin, size) {
    for (let i = this.statements.length - 1; i >= 0; i--) {
      const s = this.statements[i];
      if (s.origin !== origin || size !== null && s.size > size) continue;
      if (quietlySigned(note, origin, s.old)) return { action: s.action, size: s.size, reason: s.reason, old: s.old };
    }
    return null;
  }
  generation(size) {
    const s = this.at(size);
    if (!s) return ["起始密钥", "the initial keys"];
    return s.action === "rotate" ? [`第 ${s.size} 条轮换后的密钥`, `the keys of the rotation at size ${s.size}`] : [`第 ${s.size} 条吊销后启用的密钥`, `the keys of the revocation at size ${s.size}`];
  }
};

// src/log/statements.ts
function verifyFileSignature(sig, fileName, file, given) {
  const rep = new Report("file-signature");
  const note = parseNote(sig);
  if (isProblem(note)) return rep.fail("file.format", `签名文件格式错误：${note.zh}`, `not a signed note: ${note.en}`).done();
  const lines = note.text.slice(0, -1).split("\n");
  if (lines.length !== 5 || lines[0] !== "dualdraw-file-signature/v1") return rep.fail("file.format", "不是 dualdraw-file-signature/v1 文件签名（五行）", "not a dualdraw-file-signature/v1 note (five lines)").done();
  const [, origin, name, hex, sizeText] = lines;
  if (!validKeyName(origin) || !/^[0-9a-f]{64}$/.test(hex) || !/^(0|[1-9][0-9]*)$/.test(sizeText) || name === "" || /[\/\\]/.test(name))
    return rep.fail("file.format", "文件签名的字段格式错误", "a field of the file signature is malformed").done();
  rep.fact("origin", origin).fact("file", name).fact("sha256", hex).fact("size", Number(sizeText));
  let logKeys = keysAt(given, null);
  let retiredNote = null;
  if (isView(given) && given.accepted > 0) {
    rep.fact("retired_at", null);
    if (quietlySigned(note, origin, logKeys)) rep.pass("keys.in-force", `文件签名由最新的有效密钥（${given.generation(null)[0]}）签署`, `the file signature is by the latest keys in force (${given.generation(null)[1]})`);
    else {
      const r = given.retiredBy(note, origin, null);
      if (r?.action === "rotate") {
        logKeys = r.old;
        rep.fact("retired_at", r.size);
        rep.pass("keys.in-force", `文件签名由第 ${r.size} 条的密钥轮换所停用的旧密钥签署（轮换不是吊销，签名仍然有效；原因：${r.reason}）`, `the file signature is by keys the rotation at size ${r.size} retired (a rotation, not a revocation: it still counts; reason: ${r.reason})`);
        retiredNote = [`签名所用的密钥已于第 ${r.size} 条轮换停用`, `the signing keys were retired by the rotation at size ${r.size}`];
      } else if (r) inForceCheck(rep, given, note, origin, null, ["文件签名", "the file signature"]);
    }
  }
  const signed = signerCheck(rep, "file.signature", note, origin, logKeys, ["机关", "bureau"]);
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (base !== name) rep.fail("file.name", `签名的文件名是 ${name}，而文件名是 ${base}`, `the signature names ${name}, the file is ${base}`);
  if (file) {
    const d = toHex(sha(file));
    if (d !== hex || file.length !== Number(sizeText))
      rep.fail("file.digest", `文件的 SHA-256 为 ${d}（${file.length} 字节），签名中为 ${hex}（${sizeText} 字节）`, `the file's SHA-256 is ${d} (${file.length} bytes), the signature says ${hex} (${sizeText} bytes)`);
    else rep.pass("file.digest", `文件的 SHA-256 与大小与签名一致`, "the file's SHA-256 and size match the signature");
  } else rep.not("文件内容：未给出文件", "the file's contents: no file given");
  if (rep.ok) {
    rep.est(`机关密钥（${signed.map(keyLabelZh).join("；")}）签署了文件 ${name}（SHA-256 ${hex}）`, `the bureau's key(s) ${signed.map(keyLabel).join("; ")} signed the file ${name} (SHA-256 ${hex})`);
    if (retiredNote) rep.not(`${retiredNote[0]}：签名早于轮换还是晚于轮换，文件签名本身无法说明`, `${retiredNote[1]}: whether it was signed before or after the rotation, a file signature cannot show`);
    rep.not("这些公钥是否确为该机关的真实密钥：请核对指纹", "that the keys are the bureau's genuine ones: compare the fingerprints");
  }
  return rep.done();
}
var ATTEST_KEYS = ["campaign", "announcement", "proof", "level", "verdict", "time"];
function verifyAttestation(input, auditorKeys, draw) {
  const rep = new Report("attestation");
  const note = parseNote(input);
  if (isProblem(note)) return rep.fail("attestation.format", `审计声明格式错误：${note.zh}`, `not a signed note: ${note.en}`).done();
  const lines = note.text.slice(0, -1).split("\n");
  if (lines.length !== 7 || lines[0] !== "dualdraw-attestation/v1") return rep.fail("attestation.format", "不是 dualdraw-attestation/v1 审计声明（七行）", "not a dualdraw-attestation/v1 note (seven lines)").done();
  const f = {};
  for (let i = 1; i < 7; i++) {
    const key = ATTEST_KEYS[i - 1];
    if (!lines[i].startsWith(key + " ")) return rep.fail("attestation.format", `第 ${i + 1} 行应以 "${key} " 开头`, `line ${i + 1} must start with "${key} "`).done();
    f[key] = lines[i].slice(key.length + 1);
  }
  const okFields = f.campaign !== "" && /^[0-9a-f]{64}$/.test(f.announcement) && /^[0-9a-f]{64}$/.test(f.proof) && f.level === "audit" && (f.verdict === "valid" || f.verdict === "invalid") && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(f.time);
  if (!okFields) return rep.fail("attestation.format", "审计声明的字段格式错误", "a field of the attestation is malformed").done();
  for (const k of ATTEST_KEYS) rep.fact(k, f[k]);
  const names = [...new Set(auditorKeys.filter((k) => k.type !== "cosignature").map((k) => k.name))];
  const signerNames = names.filter((n) => note.sigs.some((s) => s.name === n));
  let signed = [];
  if (signerNames.length === 0) rep.fail("attestation.signature", "没有给出签署此声明的审计人公钥", "no key of an auditor who signed this attestation was given");
  for (const n of signerNames) signed = signed.concat(signerCheck(rep, "attestation.signature", note, n, auditorKeys, ["审计人", "auditor"]));
  rep.fact("auditor", signerNames.join(" "));
  if (draw) {
    const d = toHex(sha(draw.bytes));
    const { campaign: camp, announcementHash } = drawIds(draw);
    if (d !== f.proof) rep.fail("attestation.proof", `声明针对的证明 SHA-256 为 ${f.proof}，所给证明文件为 ${d}`, `the attestation is about the proof with SHA-256 ${f.proof}; the proof given has ${d}`);
    else rep.pass("attestation.proof", "声明针对的正是所给的证明文件", "the attestation names the proof file given");
    if (camp !== f.campaign || announcementHash !== f.announcement)
      rep.fail("attestation.proof", `声明的活动与公告（${f.campaign}，${f.announcement}）与证明文件中的不同`, `the attestation's campaign and announcement (${f.campaign}, ${f.announcement}) are not the proof's`);
  } else rep.not("声明是否针对你所核验的证明文件：未给出证明文件", "that it is about the proof you verified: no proof file given");
  if (rep.ok) {
    rep.est(
      `审计人（${signed.map(keyLabelZh).join("；")}）声明：在审计级别核验了 ${f.campaign} 的证明（SHA-256 ${f.proof}），结论 ${f.verdict}，时间 ${f.time}`,
      `the auditor ${signed.map(keyLabel).join("; ")} states: it verified ${f.campaign}'s proof (SHA-256 ${f.proof}) at the audit level, verdict ${f.verdict}, at ${f.time}`
    );
    rep.not("审计结论本身：这是审计人的声明，本页无法重做审计级别核验", "the audit's conclusion itself: it is the auditor's statement; this verifier cannot run the audit level");
    rep.not("这些公钥是否确为该审计人的真实密钥：请核对指纹", "that the keys are the auditor's genuine ones: compare the fingerprints");
  }
  return rep.done();
}

// src/log.ts
function inputOrigins(inp) {
  const out = /* @__PURE__ */ new Set();
  const cp = (x2) => {
    if (!x2) return;
    const c = parseCheckpoint(x2);
    if (!(c instanceof Problem)) out.add(c.origin);
  };
  cp(inp.checkpoint);
  if (inp.inclusion) {
    const p = parseTlogProof(inp.inclusion);
    if (!(p instanceof Problem)) cp(p.checkpoint);
  }
  if (inp.consistency) {
    cp(inp.consistency.older);
    const b = parseAddCheckpoint(inp.consistency.body);
    if (!(b instanceof Problem)) cp(b.checkpoint);
  }
  for (const f of inp.fileSignatures ?? []) {
    const n = parseNote(f.sig);
    if (n instanceof Problem) continue;
    const lines = n.text.split("\n");
    if (lines[0] === "dualdraw-file-signature/v1" && lines[1]) out.add(lines[1]);
  }
  if (out.size === 0)
    for (const st of inp.keyStatements ?? []) {
      const o = statementOrigin(st);
      if (o) out.add(o);
    }
  return [...out];
}
function verifyLog(inp) {
  const out = [];
  const keys = new Report("keys");
  const read2 = (texts, what) => {
    const got = [];
    for (const t2 of texts) {
      const { keys: ks, errors } = parseKeyList(t2);
      for (const e of errors) keys.fail("keys.vkey", `${what[0]}公钥无法读取：${e.zh}`, `a ${what[1]} vkey cannot be read: ${e.en}`);
      got.push(...ks);
    }
    for (const k of got) keys.pass("keys.vkey", `${what[0]}公钥 ${k.name}（${k.type === "sm2" ? "SM2" : k.type === "ed25519" ? "Ed25519" : "联署"}）指纹 ${k.fingerprint}`, `${what[1]} key ${k.name} (${k.type === "sm2" ? "SM2" : k.type === "ed25519" ? "Ed25519" : "cosignature"}) fingerprint ${k.fingerprint}`);
    return got;
  };
  const logKeys = read2(inp.logKeys, ["机关", "bureau"]);
  if (inp.keyLists?.length) {
    const origins = inputOrigins(inp);
    for (const list of inp.keyLists) {
      let used = 0;
      list.text.split(/\r?\n/).forEach((line, i) => {
        const l = line.trim();
        if (!l || l.startsWith("#")) return;
        const k = parseVkey(l);
        if (k instanceof Problem) keys.fail("keys.vkey", `${list.name}:${i + 1}:1：不是公钥：${k.zh}`, `${list.name}:${i + 1}:1: not a vkey: ${k.en}`);
        else if (origins.includes(k.name) && !logKeys.some((x2) => x2.text === k.text)) {
          logKeys.push(k);
          used++;
          keys.pass("keys.vkey", `省级公钥清单 ${list.name} 第 ${i + 1} 行：机关公钥 ${k.name}（${k.type === "sm2" ? "SM2" : "Ed25519"}）指纹 ${k.fingerprint}`, `key list ${list.name} line ${i + 1}: bureau key ${k.name} (${k.type === "sm2" ? "SM2" : "Ed25519"}) fingerprint ${k.fingerprint}`);
        }
      });
      if (origins.length === 0) keys.fail("keys.vkey", `省级公钥清单 ${list.name}：所给文本中没有日志名称，无法选出机关的公钥`, `key list ${list.name}: no input names a log origin, so no key of it can be chosen`);
      else if (used === 0) keys.fail("keys.vkey", `省级公钥清单 ${list.name} 中没有名为 ${origins.join("、")} 的公钥`, `key list ${list.name} has no key named ${origins.join(", ")}`);
    }
  }
  const auditorKeys = read2(inp.auditorKeys ?? [], ["审计人", "auditor"]);
  let policy = null;
  if (inp.policy) {
    const p = parsePolicy(inp.policy);
    if (isProblem(p)) keys.fail("keys.policy", `共同签署策略无法读取：${p.zh}`, `the cosigner policy cannot be read: ${p.en}`);
    else {
      policy = p;
      keys.pass("keys.policy", `共同签署策略：${p.cosigners.length} 个共同签署人，法定数 ${p.quorum}`, `cosigner policy: ${p.cosigners.length} cosigner(s), quorum ${p.quorum}`);
    }
  }
  keys.fact("log_keys", logKeys.map((k) => k.text)).fact("fingerprints", logKeys.map((k) => k.fingerprint));
  const chain = KeyChain.build(logKeys, inp.keyStatements ?? []);
  for (const r of chain.results) {
    const which = `#${r.index + 1}${r.size === null ? "" : ` (size ${r.size})`}`;
    if (r.ok) {
      const s = r.ok;
      const fps = s.new.map((k) => k.fingerprint).join(", ");
      keys.pass(
        "keys.statement",
        `密钥声明 ${which}：${s.action === "rotate" ? "轮换" : "吊销"}（${s.action}），第 ${s.size} 条，新密钥指纹 ${fps}，原因：${s.reason}`,
        `key statement ${which}: ${s.action} at size ${s.size}, new keys ${fps}, reason: ${s.reason}`
      );
    } else keys.fail("keys.statement", `密钥声明 ${which} 不成立：${r.error.zh}`, `key statement ${which} is refused: ${r.error.en}`);
  }
  if (chain.results.length) {
    keys.fact("statements", chain.statements.map((s) => `${s.action} ${s.size}`));
    keys.fact("keys_in_force", chain.keysFor(null).map((k) => k.text));
    const bad = chain.results.find((r) => r.error);
    if (bad) keys.fact("error_kind", bad.error.kind);
  }
  if (logKeys.length === 0 && (inp.checkpoint || inp.inclusion || inp.consistency || inp.fork || inp.fileSignatures?.length))
    keys.fail("keys.vkey", "没有给出机关公钥：签名无从核验", "no bureau key given: nothing signed can be checked");
  out.push(keys.done());
  if (inp.checkpoint) out.push(verifyCheckpoint(inp.checkpoint, chain, policy).report);
  const draw = inp.drawProof ? { bytes: inp.drawProof, campaign: inp.drawCampaign, announcementHash: inp.drawAnnouncementHash } : null;
  if (inp.inclusion) out.push(verifyInclusion2(inp.inclusion, chain, policy, draw));
  if (inp.consistency) out.push(verifyConsistency(inp.consistency.older, inp.consistency.body, chain, policy));
  if (inp.fork) out.push(verifyFork(inp.fork, logKeys));
  for (const a of inp.attestations ?? []) out.push(verifyAttestation(a, auditorKeys, draw));
  for (const f of inp.fileSignatures ?? []) out.push(verifyFileSignature(f.sig, f.name, f.file, chain));
  return out;
}

// src/logCli.ts
var LOG_USAGE = `The signed log (docs/LOG.md):
  --log-key VKEY|FILE       a bureau vkey, or a file of vkeys (one per line, # comments); repeatable. When both
                            the bureau's Ed25519 and SM2 keys are given, both signatures must verify
  --policy FILE             the bureau's log-policy.toml (cosigners' vkeys, quorum): cosignatures are counted
  --checkpoint FILE         a checkpoint (signed note)
  --inclusion FILE          a c2sp.org/tlog-proof@v1 inclusion proof of a ledger entry; with PROOF, also that
                            the entry is the draw of exactly these proof bytes
  --consistency OLD NEW     a checkpoint kept earlier and an add-checkpoint body (ledger prove-consistency)
  --fork FILE               a cosigner's fork proof (dualdraw-fork-proof/v1)
  --auditor-key VKEY|FILE   an auditor's vkey(s), for --attestation; repeatable
  --attestation FILE        an auditor's attestation (with PROOF: that it names these proof bytes); repeatable
  --signature FILE.sig      a published file's detached signature, checked against FILE beside it; repeatable
  --key-statement FILE      a key statement (key rotate|revoke: WS/key-statements/SIZE.txt); repeatable, any
                            order. They are taken by size, each verified against the keys in force before it;
                            a checkpoint is then checked with the keys in force at its size (key-retired,
                            key-revoked when keys a statement withdrew signed it), a file signature with the latest
  --key-list FILE           a province key list (vkeys, one per line, blank lines and # comments): the keys named
                            as the inputs' log origin are used as trusted keys, like --log-key; repeatable
  --json                    print {schema: "dualdraw.verify-log.v1", ok, reports: [{kind, ok, facts, checks:
                            [{check, ok, message}], established, not_established}]} (web/README.md); key checks:
                            keys.statement, keys.in-force (a failure's message starts with its kind code)
Exit status: 0 every check passed, 1 a check failed, 2 usage error or unreadable file.`;
var LOG_FLAGS = ["--log-key", "--policy", "--checkpoint", "--inclusion", "--consistency", "--fork", "--auditor-key", "--attestation", "--signature", "--key-statement", "--key-list"];
var isLogArg = (a) => LOG_FLAGS.includes(a.split("=")[0]);
var Usage = class extends Error {
};
function read(path) {
  try {
    if (!statSync(path).isFile()) throw new Error("not a file");
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new Usage(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
var readText = (path) => new TextDecoder().decode(read(path));
var keyArg = (v) => existsSync(v) ? readText(v) : v;
async function runLogCli(argv, writeOut2) {
  const inp = { logKeys: [], auditorKeys: [], attestations: [], fileSignatures: [], keyStatements: [], keyLists: [] };
  let json = false;
  let lang = "en";
  let proof = null;
  try {
    for (let i = 0; i < argv.length; i++) {
      let a = argv[i];
      let inline = null;
      if (a.startsWith("--") && a.includes("=")) {
        inline = a.slice(a.indexOf("=") + 1);
        a = a.slice(0, a.indexOf("="));
      }
      const val = () => {
        if (inline !== null) return inline;
        const v = argv[++i];
        if (v === void 0) throw new Usage(`${a} needs a value`);
        return v;
      };
      if (a === "--json") json = true;
      else if (a === "--lang") {
        const v = val();
        if (v !== "zh" && v !== "en") throw new Usage(`--lang: zh or en, not ${v}`);
        lang = v;
      } else if (a === "--log-key") inp.logKeys.push(keyArg(val()));
      else if (a === "--auditor-key") inp.auditorKeys.push(keyArg(val()));
      else if (a === "--policy") inp.policy = readText(val());
      else if (a === "--key-statement") inp.keyStatements.push(read(val()));
      else if (a === "--key-list") {
        const f = val();
        inp.keyLists.push({ name: f, text: readText(f) });
      } else if (a === "--checkpoint") inp.checkpoint = read(val());
      else if (a === "--inclusion") inp.inclusion = read(val());
      else if (a === "--consistency") {
        const older = read(val());
        const v2 = argv[++i];
        if (v2 === void 0) throw new Usage("--consistency needs two files: the older checkpoint and the add-checkpoint body");
        inp.consistency = { older, body: read(v2) };
      } else if (a === "--fork") inp.fork = read(val());
      else if (a === "--attestation") inp.attestations.push(read(val()));
      else if (a === "--signature") {
        const sig = val();
        const file = sig.replace(/\.sig$/, "");
        inp.fileSignatures.push({ sig: read(sig), name: file, file: file !== sig && existsSync(file) ? read(file) : null });
      } else if (a === "--snapshot") throw new Usage("--snapshot belongs to the draw verification (run it without the log options)");
      else if (a.startsWith("-") && a !== "-") throw new Usage(`unknown option ${a}`);
      else if (proof === null) proof = a;
      else throw new Usage(`unexpected argument ${a}`);
    }
    if (proof !== null) inp.drawProof = read(proof);
  } catch (e) {
    if (!(e instanceof Usage)) throw e;
    process.stderr.write(`error: ${e.message}

${LOG_USAGE}
`);
    return 2;
  }
  const reports = verifyLog(inp);
  await writeOut2(json ? JSON.stringify(reportJson(reports, lang), null, 2) + "\n" : reportText(reports, lang));
  return reports.every((r) => r.ok) ? 0 : 1;
}

// node_modules/@noble/ciphers/utils.js
function isBytes5(a) {
  return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array" && "BYTES_PER_ELEMENT" in a && a.BYTES_PER_ELEMENT === 1;
}
var atitle3 = (title) => title ? `"${title}" ` : "";
function abool3(value, title = "") {
  if (typeof value !== "boolean")
    throw new TypeError(atitle3(title) + "expected boolean, got type=" + typeof value);
  return value;
}
function anumber4(n, title = "") {
  if (typeof n !== "number")
    throw new TypeError(atitle3(title) + "expected number, got " + typeof n);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(atitle3(title) + "expected integer >= 0, got " + n);
  return n;
}
function abytes5(value, length, title = "") {
  if (isBytes5(value) && (length === void 0 || value.length === length))
    return value;
  if (length !== void 0)
    anumber4(length, "length");
  const bytes = isBytes5(value);
  const ofLen = length !== void 0 ? ` of length ${length}` : "";
  const got = bytes ? `length=${value.length}` : `type=${typeof value}`;
  const message = atitle3(title) + "expected Uint8Array" + ofLen + ", got " + got;
  if (!bytes)
    throw new TypeError(message);
  throw new RangeError(message);
}
var aobject3 = (value, label) => {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new TypeError(label === "object" ? "expected valid options object" : `"${label}" expected object, got type=${typeof value}`);
};
function u322(arr2) {
  return new Uint32Array(arr2.buffer, arr2.byteOffset, Math.floor(arr2.byteLength / 4));
}
function clean4(...arrays) {
  for (let i = 0; i < arrays.length; i++) {
    arrays[i].fill(0);
  }
}
var isLE2 = /* @__PURE__ */ (() => new Uint8Array(new Uint32Array([287454020]).buffer)[0] === 68)();
function byteSwap(word) {
  return word << 24 & 4278190080 | word << 8 & 16711680 | word >>> 8 & 65280 | word >>> 24 & 255;
}
function byteSwap32(arr2) {
  for (let i = 0; i < arr2.length; i++) {
    arr2[i] = byteSwap(arr2[i]);
  }
  return arr2;
}
var swap32IfBE = isLE2 ? (u) => u : byteSwap32;
function overlapBytes(a, b) {
  if (!a.byteLength || !b.byteLength)
    return false;
  return a.buffer === b.buffer && // best we can do, may fail with an obscure Proxy
  a.byteOffset < b.byteOffset + b.byteLength && // a starts before b end
  b.byteOffset < a.byteOffset + a.byteLength;
}
function complexOverlapBytes(input, output) {
  if (overlapBytes(input, output) && input.byteOffset < output.byteOffset)
    throw new Error("complex overlap of input and output is not supported");
}
function checkOpts2(defaults, opts) {
  aobject3(defaults, "defaults");
  aobject3(opts, "opts");
  const merged = Object.assign(defaults, opts);
  return merged;
}
function getOutput(expectedLength, out, onlyAligned = true) {
  if (out === void 0)
    return new Uint8Array(expectedLength);
  abytes5(out, expectedLength, "output");
  if (onlyAligned && !isAligned32(out))
    throw new Error("invalid output, must be aligned");
  return out;
}
function isAligned32(bytes) {
  return bytes.byteOffset % 4 === 0;
}
function copyBytes4(bytes) {
  return Uint8Array.from(abytes5(bytes));
}

// node_modules/@noble/ciphers/_arx.js
var encodeStr = (str2) => Uint8Array.from(str2.split(""), (c) => c.charCodeAt(0));
var sigma16_32 = /* @__PURE__ */ (() => swap32IfBE(u322(encodeStr("expand 16-byte k"))))();
var sigma32_32 = /* @__PURE__ */ (() => swap32IfBE(u322(encodeStr("expand 32-byte k"))))();
function rotl2(a, b) {
  return a << b | a >>> 32 - b;
}
var BLOCK_LEN = 64;
var BLOCK_LEN32 = 16;
var MAX_COUNTER = /* @__PURE__ */ (() => 2 ** 32 - 1)();
var U32_EMPTY = /* @__PURE__ */ Uint32Array.of();
function runCipher(core, sigma, key, nonce, data, output, counter, rounds) {
  const len = data.length;
  const block = new Uint8Array(BLOCK_LEN);
  const b32 = u322(block);
  const isAligned = isLE2 && isAligned32(data) && isAligned32(output);
  const d32 = isAligned ? u322(data) : U32_EMPTY;
  const o32 = isAligned ? u322(output) : U32_EMPTY;
  if (!isLE2) {
    for (let pos = 0; pos < len; counter++) {
      core(sigma, key, nonce, b32, counter, rounds);
      swap32IfBE(b32);
      if (counter >= MAX_COUNTER)
        throw new Error("arx: counter overflow");
      const take = Math.min(BLOCK_LEN, len - pos);
      for (let j = 0, posj; j < take; j++) {
        posj = pos + j;
        output[posj] = data[posj] ^ block[j];
      }
      pos += take;
    }
    return;
  }
  for (let pos = 0; pos < len; counter++) {
    core(sigma, key, nonce, b32, counter, rounds);
    if (counter >= MAX_COUNTER)
      throw new Error("arx: counter overflow");
    const take = Math.min(BLOCK_LEN, len - pos);
    if (isAligned && take === BLOCK_LEN) {
      const pos32 = pos / 4;
      if (pos % 4 !== 0)
        throw new Error("arx: invalid block position");
      for (let j = 0, posj; j < BLOCK_LEN32; j++) {
        posj = pos32 + j;
        o32[posj] = d32[posj] ^ b32[j];
      }
      pos += BLOCK_LEN;
      continue;
    }
    for (let j = 0, posj; j < take; j++) {
      posj = pos + j;
      output[posj] = data[posj] ^ block[j];
    }
    pos += take;
  }
}
function createCipher(core, opts) {
  const { allowShortKeys, extendNonceFn, counterLength, counterRight, rounds } = checkOpts2({ allowShortKeys: false, counterLength: 8, counterRight: false, rounds: 20 }, opts);
  if (typeof core !== "function")
    throw new Error("core must be a function");
  anumber4(counterLength);
  anumber4(rounds);
  abool3(counterRight);
  abool3(allowShortKeys);
  return (key, nonce, data, output, counter = 0) => {
    abytes5(key, void 0, "key");
    abytes5(nonce, void 0, "nonce");
    abytes5(data, void 0, "data");
    const len = data.length;
    const hasOutput = output !== void 0;
    output = getOutput(len, output, false);
    if (hasOutput)
      complexOverlapBytes(data, output);
    anumber4(counter);
    if (counter < 0 || counter >= MAX_COUNTER)
      throw new Error("arx: counter overflow");
    const toClean = [];
    let l = key.length;
    let k;
    let sigma;
    if (l === 32) {
      toClean.push(k = copyBytes4(key));
      sigma = sigma32_32;
    } else if (l === 16 && allowShortKeys) {
      k = new Uint8Array(32);
      k.set(key);
      k.set(key, 16);
      sigma = sigma16_32;
      toClean.push(k);
    } else {
      abytes5(key, 32, "arx key");
      throw new Error("invalid key size");
    }
    if (!isLE2 || !isAligned32(nonce))
      toClean.push(nonce = copyBytes4(nonce));
    let k32 = u322(k);
    if (extendNonceFn) {
      if (nonce.length !== 24)
        throw new Error("arx: extended nonce must be 24 bytes");
      const n16 = nonce.subarray(0, 16);
      if (isLE2)
        extendNonceFn(sigma, k32, u322(n16), k32);
      else {
        const sigmaRaw = swap32IfBE(Uint32Array.from(sigma));
        extendNonceFn(sigmaRaw, k32, u322(n16), k32);
        clean4(sigmaRaw);
        swap32IfBE(k32);
      }
      nonce = nonce.subarray(16);
    } else if (!isLE2)
      swap32IfBE(k32);
    const nonceNcLen = 16 - counterLength;
    if (nonceNcLen !== nonce.length)
      throw new Error(`arx: nonce must be ${nonceNcLen} or 16 bytes`);
    if (nonceNcLen !== 12) {
      const nc2 = new Uint8Array(12);
      nc2.set(nonce, counterRight ? 0 : 12 - nonce.length);
      nonce = nc2;
      toClean.push(nonce);
    }
    const n32 = swap32IfBE(u322(nonce));
    try {
      runCipher(core, sigma, k32, n32, data, output, counter, rounds);
      return output;
    } finally {
      clean4(...toClean);
    }
  };
}

// node_modules/@noble/ciphers/chacha.js
function chachaCore(s, k, n, out, cnt, rounds = 20) {
  let y00 = s[0], y01 = s[1], y02 = s[2], y03 = s[3], y04 = k[0], y05 = k[1], y06 = k[2], y07 = k[3], y08 = k[4], y09 = k[5], y10 = k[6], y11 = k[7], y12 = cnt, y13 = n[0], y14 = n[1], y15 = n[2];
  let x00 = y00, x01 = y01, x02 = y02, x03 = y03, x04 = y04, x05 = y05, x06 = y06, x07 = y07, x08 = y08, x09 = y09, x10 = y10, x11 = y11, x12 = y12, x13 = y13, x14 = y14, x15 = y15;
  for (let r = 0; r < rounds; r += 2) {
    x00 = x00 + x04 | 0;
    x12 = rotl2(x12 ^ x00, 16);
    x08 = x08 + x12 | 0;
    x04 = rotl2(x04 ^ x08, 12);
    x00 = x00 + x04 | 0;
    x12 = rotl2(x12 ^ x00, 8);
    x08 = x08 + x12 | 0;
    x04 = rotl2(x04 ^ x08, 7);
    x01 = x01 + x05 | 0;
    x13 = rotl2(x13 ^ x01, 16);
    x09 = x09 + x13 | 0;
    x05 = rotl2(x05 ^ x09, 12);
    x01 = x01 + x05 | 0;
    x13 = rotl2(x13 ^ x01, 8);
    x09 = x09 + x13 | 0;
    x05 = rotl2(x05 ^ x09, 7);
    x02 = x02 + x06 | 0;
    x14 = rotl2(x14 ^ x02, 16);
    x10 = x10 + x14 | 0;
    x06 = rotl2(x06 ^ x10, 12);
    x02 = x02 + x06 | 0;
    x14 = rotl2(x14 ^ x02, 8);
    x10 = x10 + x14 | 0;
    x06 = rotl2(x06 ^ x10, 7);
    x03 = x03 + x07 | 0;
    x15 = rotl2(x15 ^ x03, 16);
    x11 = x11 + x15 | 0;
    x07 = rotl2(x07 ^ x11, 12);
    x03 = x03 + x07 | 0;
    x15 = rotl2(x15 ^ x03, 8);
    x11 = x11 + x15 | 0;
    x07 = rotl2(x07 ^ x11, 7);
    x00 = x00 + x05 | 0;
    x15 = rotl2(x15 ^ x00, 16);
    x10 = x10 + x15 | 0;
    x05 = rotl2(x05 ^ x10, 12);
    x00 = x00 + x05 | 0;
    x15 = rotl2(x15 ^ x00, 8);
    x10 = x10 + x15 | 0;
    x05 = rotl2(x05 ^ x10, 7);
    x01 = x01 + x06 | 0;
    x12 = rotl2(x12 ^ x01, 16);
    x11 = x11 + x12 | 0;
    x06 = rotl2(x06 ^ x11, 12);
    x01 = x01 + x06 | 0;
    x12 = rotl2(x12 ^ x01, 8);
    x11 = x11 + x12 | 0;
    x06 = rotl2(x06 ^ x11, 7);
    x02 = x02 + x07 | 0;
    x13 = rotl2(x13 ^ x02, 16);
    x08 = x08 + x13 | 0;
    x07 = rotl2(x07 ^ x08, 12);
    x02 = x02 + x07 | 0;
    x13 = rotl2(x13 ^ x02, 8);
    x08 = x08 + x13 | 0;
    x07 = rotl2(x07 ^ x08, 7);
    x03 = x03 + x04 | 0;
    x14 = rotl2(x14 ^ x03, 16);
    x09 = x09 + x14 | 0;
    x04 = rotl2(x04 ^ x09, 12);
    x03 = x03 + x04 | 0;
    x14 = rotl2(x14 ^ x03, 8);
    x09 = x09 + x14 | 0;
    x04 = rotl2(x04 ^ x09, 7);
  }
  let oi = 0;
  out[oi++] = y00 + x00 | 0;
  out[oi++] = y01 + x01 | 0;
  out[oi++] = y02 + x02 | 0;
  out[oi++] = y03 + x03 | 0;
  out[oi++] = y04 + x04 | 0;
  out[oi++] = y05 + x05 | 0;
  out[oi++] = y06 + x06 | 0;
  out[oi++] = y07 + x07 | 0;
  out[oi++] = y08 + x08 | 0;
  out[oi++] = y09 + x09 | 0;
  out[oi++] = y10 + x10 | 0;
  out[oi++] = y11 + x11 | 0;
  out[oi++] = y12 + x12 | 0;
  out[oi++] = y13 + x13 | 0;
  out[oi++] = y14 + x14 | 0;
  out[oi++] = y15 + x15 | 0;
}
var chacha20 = /* @__PURE__ */ createCipher(chachaCore, {
  counterRight: false,
  counterLength: 4,
  allowShortKeys: false
});

// src/instant.ts
function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
function daysInMonth(y, m) {
  if (m === 2) return y % 4 === 0 && y % 100 !== 0 || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}
var INSTANT_RE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?(Z|[+-][0-9]{2}:[0-9]{2})$/;
var MIN_INSTANT = daysFromCivil(1, 1, 1) * 86400;
var MAX_INSTANT = daysFromCivil(9999, 12, 31) * 86400 + 86399;
function parseInstant(s) {
  if (typeof s !== "string") return null;
  const m = INSTANT_RE.exec(s);
  if (!m) return null;
  const [y, mo, d, hh, mi, ss] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || hh > 23 || mi > 59 || ss > 59) return null;
  let off = 0;
  if (m[8] !== "Z") {
    const oh = +m[8].slice(1, 3);
    const om = +m[8].slice(4, 6);
    if (oh > 23 || om > 59) return null;
    off = (m[8][0] === "-" ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const t2 = daysFromCivil(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss - off;
  if (t2 < MIN_INSTANT || t2 > MAX_INSTANT) return null;
  return t2;
}
function canonicalInstant(s) {
  const t2 = parseInstant(s);
  return t2 === null ? null : formatInstant(t2);
}
function formatInstant(sec) {
  return new Date(sec * 1e3).toISOString().replace(/\.000Z$/, "Z");
}
function chinaDate(sec) {
  return new Date((sec + 8 * 3600) * 1e3).toISOString().slice(0, 10);
}
function beijingTime(sec) {
  return new Date((sec + 8 * 3600) * 1e3).toISOString().slice(0, 19).replace("T", " ");
}

// src/draw.ts
function assignmentVersion(c) {
  const a = c.teams.assignment;
  if (a === null || a === "v1") return "v1";
  if (a === "v2") return "v2";
  return null;
}
function encodeCampaign(c) {
  const wr = new Writer(1024).lp("dualdraw-campaign-v1").lp(c.id).lp(c.title).lp(c.lead_department).lp(c.draw_date).list(c.items);
  if (c.targets.categories === null) wr.byte(0);
  else wr.byte(1).list(c.targets.categories);
  wr.list(c.targets.regions).list(c.targets.exclude_flags).list(c.targets.exclude_credit_classes);
  wr.u64(c.targets.exclude_inspected_within_days);
  wr.u32(c.targets.strata.length);
  for (const s of c.targets.strata) {
    wr.lp(s.credit_class);
    if ("ratio" in s.rule) wr.byte(1).u64(s.rule.ratio.p).u64(s.rule.ratio.q);
    else wr.byte(2).u64(s.rule.count);
    wr.opt64(s.min).opt64(s.max);
  }
  const t2 = c.teams;
  wr.u64(t2.min_size).u64(t2.per_department).opt64(t2.max_targets_per_officer).lp(t2.officer_region).u64(t2.avoid_same_officer_within_days);
  wr.u32(c.entropy.witnesses.length);
  for (const x2 of c.entropy.witnesses) wr.lp(x2.name).raw(x2.commitment);
  if (c.entropy.beacon === null) wr.byte(0);
  else wr.byte(1).lp(c.entropy.beacon.scheme).lp(c.entropy.beacon.round);
  wr.opt(c.entropy.reveal_deadline).lp(c.entropy.on_missing_reveal);
  wr.byte(c.targets.low_risk_once_a_year ? 1 : 0);
  if (c.period === null) wr.byte(0);
  else wr.byte(1).lp(c.period.start).lp(c.period.end);
  if (c.coordination === null) wr.byte(0);
  else wr.byte(1).lp(c.coordination.group).u64(c.coordination.start.p).u64(c.coordination.start.q);
  const version = assignmentVersion(c);
  if (version === null) throw new Error(`unknown teams.assignment ${JSON.stringify(c.teams.assignment)}`);
  if (version === "v2") wr.lp("teams.assignment").lp("v2");
  return wr.out();
}
function campaignHash(c) {
  return sha256(encodeCampaign(c));
}
function encodeAnnouncement(a) {
  return new Writer(256).lp("dualdraw-announcement-v1").raw(a.campaign_hash).raw(a.snapshot_digest).u64(a.exclusion_count).raw(a.exclusion_root).raw(a.ledger_head).lp(canonicalInstant(a.announced_at) ?? a.announced_at).u64(a.officer_history_count).raw(a.officer_history_root).u64(a.drawn_this_year_count).raw(a.drawn_this_year_root).byte(a.group_hash === null ? 0 : 1).bytes(a.group_hash === null ? new Uint8Array(0) : hashBytesOf(a.group_hash)).out();
}
function hashBytesOf(h) {
  return new Writer(32).raw(h).out();
}
function groupHash(group, members) {
  const wr = new Writer(256).lp("dualdraw-group-v1").lp(group).u32(members.length);
  for (const m of members) wr.raw(m);
  return wr.sha();
}
function groupSeed(group_hash, announcementHashes, reveals, beacon) {
  const wr = new Writer(512).lp("dualdraw-group-seed-v1").raw(group_hash).u32(announcementHashes.length);
  for (const h of announcementHashes) wr.raw(h);
  wr.u32(reveals.length);
  for (const r of reveals) wr.lp(r.name).lp(r.secret);
  if (beacon === null) wr.byte(0);
  else wr.byte(1).raw(beacon);
  return wr.sha();
}
function historyPairLeaf(officer, uscc) {
  return new Writer(64).lp(officer).lp(uscc).out();
}
function startOffset(p, q) {
  const out = new Uint8Array(32);
  let r = p;
  for (let i = 0; i < 32; i++) {
    out[i] = Number(256n * r / q);
    r = 256n * r % q;
  }
  return out;
}
function prnKey(prnBytes, offset) {
  const out = new Uint8Array(32);
  let borrow = 0;
  for (let i = 31; i >= 0; i--) {
    let d = prnBytes[i] - offset[i] - borrow;
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += 256;
    out[i] = d;
  }
  return out;
}
function witnessCommitment(secret) {
  return new Writer(128).lp("dualdraw-witness-v1").lp(secret).sha();
}
var QUICKNET = {
  chain: "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971",
  genesis: 1692803367,
  period: 3,
  publicKey: "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a",
  dst: "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_"
};
function quicknetRoundTime(round) {
  return QUICKNET.genesis + Number(round - 1n) * QUICKNET.period;
}
function drandBeaconValue(round, randomness) {
  return new Writer(128).lp("dualdraw-beacon-v1").lp("drand-quicknet").lp(round).raw(randomness).sha();
}
function lotteryCanonical(result) {
  const groups = result.trim().replace(/\/+$/, "").split("/");
  let out = "";
  for (const g of groups) {
    const nums = g.trim().split(/[\s,，、.]+/).filter((x2) => x2 !== "");
    if (nums.length === 0 || !nums.every((x2) => /^[0-9]+$/.test(x2))) return null;
    const v = nums.map((x2) => BigInt(x2)).sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
    out += v.map((x2) => x2.toString()).join(".") + "/";
  }
  return out;
}
function isLotteryCanonical(text2) {
  if (!/^([0-9]+(\.[0-9]+)*\/)+$/.test(text2)) return false;
  return lotteryCanonical(text2) === text2;
}
function lotteryBeaconValue(round, canonical) {
  return new Writer(128).lp("dualdraw-beacon-v1").lp("lottery").lp(round).lp(canonical).sha();
}
function deriveSeed(announcementHash, reveals, beacon) {
  const wr = new Writer(512).lp("dualdraw-seed-v1").raw(announcementHash).u32(reveals.length);
  for (const r of reveals) wr.lp(r.name).lp(r.secret);
  if (beacon === null) wr.byte(0);
  else wr.byte(1).raw(beacon);
  return wr.sha();
}
var ZERO_NONCE = new Uint8Array(12);
var CHUNK_BLOCKS = 16;
var ZEROS = new Uint8Array(64 * CHUNK_BLOCKS);
var SMALL_BELOW = 1 << 26;
var Stream = class {
  key;
  counter = 0;
  buf = new Uint8Array(64 * CHUNK_BLOCKS);
  view = new DataView(this.buf.buffer);
  pos = this.buf.length;
  /** How many u64 were read (for tests and statistics). */
  reads = 0;
  constructor(seed, label) {
    this.key = new Writer(128).lp("dualdraw-stream-v1").raw(seed).lp(label).sha();
  }
  refill() {
    chacha20(this.key, ZERO_NONCE, ZEROS, this.buf, this.counter);
    this.counter += CHUNK_BLOCKS;
    this.pos = 0;
  }
  nextU64() {
    if (this.pos + 8 > this.buf.length) this.refill();
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    this.reads++;
    return v;
  }
  /** below(s, n) for n ≥ 1: rejection sampling, no read when n = 1. */
  below(n) {
    const nn = BigInt(n);
    if (nn < 1n) throw new Error("below(0)");
    if (nn === 1n) return 0n;
    const t2 = ((1n << 64n) - nn) % nn;
    for (; ; ) {
      const x2 = this.nextU64();
      if (x2 >= t2) return x2 % nn;
    }
  }
  /**
   * below(s, n) as a number, exactly the same values and reads as below(). For 2 ≤ n ≤ 2^26 it avoids BigInt but not
   * exactness: it works on integers held in JS numbers, every one below 2^53 (no rounding can happen). With
   * r = 2^32 mod n: t = (2^64 − n) mod n = 2^64 mod n = r² mod n (r² < 2^52); x = hi·2^32 + lo is ≥ t when hi > 0
   * (t < n ≤ 2^26) or lo ≥ t; x mod n = ((hi mod n)·r + lo) mod n, where (hi mod n)·r + lo < 2^52 + 2^32.
   */
  belowIndex(n) {
    if (n === 1) return 0;
    if (!(n >= 2 && n <= SMALL_BELOW && Number.isInteger(n))) return Number(this.below(n));
    const r = 4294967296 % n;
    const t2 = r * r % n;
    const view = this.view;
    for (; ; ) {
      if (this.pos + 8 > this.buf.length) this.refill();
      const lo = view.getUint32(this.pos, true);
      const hi = view.getUint32(this.pos + 4, true);
      this.pos += 8;
      this.reads++;
      if (hi !== 0 || lo >= t2) return (hi % n * r + lo) % n;
    }
  }
  shuffle(v) {
    for (let i = v.length - 1; i >= 1; i--) {
      const j = this.belowIndex(i + 1);
      const x2 = v[i];
      v[i] = v[j];
      v[j] = x2;
    }
  }
};
function prnPrefix(seed) {
  const p = new Uint8Array(64);
  p.set(pad32("dualdraw-prn-v1"));
  p.set(seed, 32);
  return p;
}
function prn(seed, uscc) {
  return new Writer(128).bytes(prnPrefix(seed)).lp(uscc).sha();
}
function allocation(N, rule, min, max) {
  let n;
  if ("ratio" in rule) {
    const { p, q } = rule.ratio;
    n = (N * p + q - 1n) / q;
  } else n = BigInt(rule.count);
  if (min !== null) n = n > BigInt(min) ? n : BigInt(min);
  if (max !== null) n = n < BigInt(max) ? n : BigInt(max);
  if (n > N) n = N;
  return n;
}
function gcd(a, b) {
  while (b) [a, b] = [b, a % b];
  return a;
}
function parseRatio(text2) {
  const m = /^([0-9]+)\/([0-9]+)$/.exec(text2);
  if (!m) return null;
  const p = BigInt(m[1]);
  const q = BigInt(m[2]);
  if (q < 1n || p > q || (p === 0n ? q !== 1n : gcd(p, q) !== 1n)) return null;
  return { p, q, text: text2 };
}
function targetItems(t2, campaignItems, C) {
  const cats = new Set(t2.categories.filter((c) => C.has(c)));
  return campaignItems.filter((i) => cats.has(i.target_category)).sort((a, b) => cmpUtf8(a.code, b.code));
}
function targetDepartments(items, lead) {
  const ds = sortUtf8([...new Set(items.map((i2) => i2.department))]);
  const i = ds.indexOf(lead);
  if (i > 0) {
    ds.splice(i, 1);
    ds.unshift(lead);
  }
  return ds;
}
function demands(D, perDepartment, minSize) {
  const r = D.map(() => perDepartment);
  let sum = r.reduce((a, b) => a + b, 0);
  let k = 0;
  while (sum < minSize && D.length > 0) {
    r[k % D.length]++;
    sum++;
    k++;
  }
  return r;
}
var pairKey = (officer, uscc) => officer + "\0" + uscc;
function blockedByTarget(blocked) {
  const by = /* @__PURE__ */ new Map();
  for (const key of blocked) {
    const cut = key.lastIndexOf("\0");
    const uscc = key.slice(cut + 1);
    let officers = by.get(uscc);
    if (!officers) by.set(uscc, officers = /* @__PURE__ */ new Set());
    officers.add(key.slice(0, cut));
  }
  return by;
}
function teamSetup(inp) {
  const D = /* @__PURE__ */ new Map();
  const R = /* @__PURE__ */ new Map();
  const Q = /* @__PURE__ */ new Map();
  const byDept = /* @__PURE__ */ new Map();
  for (const t2 of inp.targets) {
    const ds = targetDepartments(t2.items, inp.lead);
    D.set(t2.uscc, ds);
    const rs = demands(ds, inp.perDepartment, inp.minSize);
    R.set(t2.uscc, rs);
    const q = /* @__PURE__ */ new Map();
    for (const d of ds) q.set(d, [...new Set(t2.items.filter((i) => i.department === d && i.qualification !== null).map((i) => i.qualification))]);
    Q.set(t2.uscc, q);
    ds.forEach((d, k) => {
      if (rs[k] > 0) {
        if (!byDept.has(d)) byDept.set(d, []);
        byDept.get(d).push(t2);
      }
    });
  }
  const officersByDept = /* @__PURE__ */ new Map();
  for (const o of [...inp.officers].sort((a, b) => cmpUtf8(a.id, b.id))) {
    if (!officersByDept.has(o.department)) officersByDept.set(o.department, []);
    officersByDept.get(o.department).push(o);
  }
  return { D, R, Q, byDept, officersByDept };
}
function assignTeams(version, seed, inp) {
  return version === "v2" ? assignV2(seed, inp) : assign(seed, inp);
}
function assign(seed, inp) {
  const stats = { places: 0, augmenting_searches: 0, single_candidate_picks: 0 };
  const max = inp.maxPerOfficer === null ? Infinity : inp.maxPerOfficer;
  const { D, R, Q, byDept, officersByDept } = teamSetup(inp);
  const blockedBy = blockedByTarget(inp.blocked);
  const team = /* @__PURE__ */ new Map();
  for (const t2 of inp.targets) team.set(t2.uscc, new Map(D.get(t2.uscc).map((d) => [d, /* @__PURE__ */ new Set()])));
  let infeasible = null;
  for (const d of sortUtf8([...byDept.keys()])) {
    const s = new Stream(seed, "assign/" + d);
    const Td = byDept.get(d).slice().sort((a, b) => cmpUtf8(a.uscc, b.uscc));
    s.shuffle(Td);
    const Od = officersByDept.get(d) ?? [];
    const load = new Map(Od.map((o) => [o.id, 0]));
    const serves = new Map(Od.map((o) => [o.id, /* @__PURE__ */ new Set()]));
    const tByUscc = new Map(Td.map((t2) => [t2.uscc, t2]));
    const eligCache = /* @__PURE__ */ new Map();
    const eligible = (t2) => {
      let e = eligCache.get(t2.uscc);
      if (e) return e;
      const req = Q.get(t2.uscc).get(d) ?? [];
      const blockedHere = blockedBy.get(t2.uscc);
      e = Od.map(
        (o) => o.department === d && o.status === "active" && cmpUtf8(inp.drawDate, o.cert_expiry) <= 0 && req.every((q) => o.qualifications.includes(q)) && (inp.officerRegion === "same" ? o.region === t2.region : inp.officerRegion === "other" ? o.region !== t2.region : true) && !blockedHere?.has(o.id)
      );
      eligCache.set(t2.uscc, e);
      return e;
    };
    const members = (t2) => team.get(t2.uscc).get(d);
    for (const t2 of Td) {
      const places = R.get(t2.uscc)[D.get(t2.uscc).indexOf(d)];
      const el = eligible(t2);
      const nEl = el.filter(Boolean).length;
      if (nEl < places && !infeasible) {
        infeasible = { department: d, targets: [t2.uscc], demand: places, eligible: Od.filter((_, k) => el[k]).map((o) => o.id) };
      }
    }
    if (infeasible) break;
    for (const t2 of Td) {
      const places = R.get(t2.uscc)[D.get(t2.uscc).indexOf(d)];
      for (let p = 0; p < places; p++) {
        stats.places++;
        const el = eligible(t2);
        const mem = members(t2);
        let m = Infinity;
        for (let k = 0; k < Od.length; k++) {
          const o = Od[k];
          if (!el[k] || mem.has(o.id)) continue;
          const l = load.get(o.id);
          if (l < max && l < m) m = l;
        }
        if (m !== Infinity) {
          const L = [];
          for (let k = 0; k < Od.length; k++) {
            const o2 = Od[k];
            if (el[k] && !mem.has(o2.id) && load.get(o2.id) === m) L.push(o2);
          }
          if (L.length === 1) stats.single_candidate_picks++;
          const o = L[s.belowIndex(L.length)];
          mem.add(o.id);
          serves.get(o.id).add(t2.uscc);
          load.set(o.id, m + 1);
          continue;
        }
        stats.augmenting_searches++;
        const parent = /* @__PURE__ */ new Map();
        const queue = [];
        for (let k = 0; k < Od.length; k++) {
          const o = Od[k];
          if (el[k] && !mem.has(o.id)) {
            parent.set(o.id, { t: t2.uscc, o: null });
            queue.push(o.id);
          }
        }
        let found = null;
        const met = /* @__PURE__ */ new Set([t2.uscc]);
        outer: for (let qi = 0; qi < queue.length; qi++) {
          const o = queue[qi];
          for (const tu of sortUtf8([...serves.get(o)])) {
            met.add(tu);
            const tp = tByUscc.get(tu);
            const elp = eligible(tp);
            const memp = members(tp);
            for (let k = 0; k < Od.length; k++) {
              const o2 = Od[k];
              if (parent.has(o2.id) || !elp[k] || memp.has(o2.id)) continue;
              parent.set(o2.id, { t: tu, o });
              if (load.get(o2.id) < max) {
                found = o2.id;
                break outer;
              }
              queue.push(o2.id);
            }
          }
        }
        if (found === null) {
          const ts = sortUtf8([...met]);
          infeasible = { department: d, targets: ts, demand: places, eligible: Od.filter((_, k) => el[k]).map((o) => o.id) };
          break;
        }
        load.set(found, load.get(found) + 1);
        let cur = found;
        for (; ; ) {
          const pr = parent.get(cur);
          const tt = tByUscc.get(pr.t);
          members(tt).add(cur);
          serves.get(cur).add(pr.t);
          if (pr.o === null) break;
          members(tt).delete(pr.o);
          serves.get(pr.o).delete(pr.t);
          cur = pr.o;
        }
      }
      if (infeasible) break;
    }
    if (infeasible) break;
  }
  const teams = /* @__PURE__ */ new Map();
  for (const t2 of inp.targets) {
    const ids = [];
    for (const d of D.get(t2.uscc)) ids.push(...sortUtf8([...team.get(t2.uscc).get(d)]));
    teams.set(t2.uscc, ids);
  }
  return { teams, departments: D, demand: R, infeasible, stats };
}
function bitlen(P2) {
  return P2 < 1 ? 0 : 32 - Math.clz32(P2);
}
function rotationSteps(P2) {
  return P2 >= 2 ? P2 * bitlen(P2) : 0;
}
function insertSorted(v, x2) {
  let i = v.length;
  v.push(x2);
  while (i > 0 && v[i - 1] > x2) {
    v[i] = v[i - 1];
    i--;
  }
  v[i] = x2;
}
function removeValue(v, x2) {
  const i = v.indexOf(x2);
  if (i >= 0) v.splice(i, 1);
}
function assignV2(seed, inp) {
  const stats = { places: 0, augmenting_searches: 0, single_candidate_picks: 0, rotation_steps: 0, rotations_made: 0 };
  const max = inp.maxPerOfficer === null ? Infinity : inp.maxPerOfficer;
  const { D, R, Q, byDept, officersByDept } = teamSetup(inp);
  const team = /* @__PURE__ */ new Map();
  for (const t2 of inp.targets) team.set(t2.uscc, new Map(D.get(t2.uscc).map((d) => [d, []])));
  const regionRule = inp.officerRegion;
  const blockedBy = blockedByTarget(inp.blocked);
  const depts = [];
  let infeasible = null;
  for (const d of sortUtf8([...byDept.keys()])) {
    const s = new Stream(seed, "assign-v2/" + d);
    const Td = byDept.get(d).slice().sort((a, b) => cmpUtf8(a.uscc, b.uscc));
    s.shuffle(Td);
    const Od = (officersByDept.get(d) ?? []).slice();
    s.shuffle(Od);
    const nO = Od.length;
    const base = Od.map((o) => o.status === "active" && cmpUtf8(inp.drawDate, o.cert_expiry) <= 0);
    const rows = /* @__PURE__ */ new Map();
    let positions = null;
    const row = [];
    const demand = new Int32Array(Td.length);
    Td.forEach((t2, rank) => {
      demand[rank] = R.get(t2.uscc)[D.get(t2.uscc).indexOf(d)];
      const req = Q.get(t2.uscc).get(d) ?? [];
      const key = (regionRule === "same" || regionRule === "other" ? t2.region : "") + "\0" + req.join("\0");
      let r = rows.get(key);
      if (!r) {
        r = new Uint8Array(nO);
        for (let k = 0; k < nO; k++) {
          const o = Od[k];
          const regionOk = regionRule === "same" ? o.region === t2.region : regionRule === "other" ? o.region !== t2.region : true;
          r[k] = base[k] && regionOk && req.every((q) => o.qualifications.includes(q)) ? 1 : 0;
        }
        rows.set(key, r);
      }
      let own = null;
      const blockedHere = blockedBy.get(t2.uscc);
      if (blockedHere) {
        if (!positions) {
          positions = /* @__PURE__ */ new Map();
          Od.forEach((o, k) => {
            const at = positions.get(o.id);
            if (at) at.push(k);
            else positions.set(o.id, [k]);
          });
        }
        for (const id of blockedHere)
          for (const k of positions.get(id) ?? [])
            if (r[k]) {
              own ??= r.slice();
              own[k] = 0;
            }
      }
      row.push(own ?? r);
    });
    depts.push({ d, s, Td, Od, demand, row });
    for (let rank = 0; rank < Td.length && !infeasible; rank++) {
      let n = 0;
      for (let k = 0; k < nO; k++) n += row[rank][k];
      if (n < demand[rank]) infeasible = { department: d, targets: [Td[rank].uscc], demand: demand[rank], eligible: sortUtf8(Od.filter((_, k) => row[rank][k]).map((o) => o.id)) };
    }
    if (infeasible) break;
  }
  for (const dep of infeasible ? [] : depts) {
    const { d, s, Td, Od, demand, row } = dep;
    const nT = Td.length;
    const nO = Od.length;
    const load = new Int32Array(nO);
    const serves = Od.map(() => []);
    const members = Td.map(() => []);
    const seen = new Int32Array(nO);
    const parentT = new Int32Array(nO);
    const parentO = new Int32Array(nO);
    const queue = new Int32Array(nO);
    let stamp = 0;
    places: for (let t2 = 0; t2 < nT; t2++) {
      const el = row[t2];
      const mem = members[t2];
      for (let p = 0; p < demand[t2]; p++) {
        stats.places++;
        let m = Infinity;
        for (let o = 0; o < nO; o++) if (el[o] && load[o] < max && load[o] < m && !mem.includes(o)) m = load[o];
        if (m !== Infinity) {
          const L = [];
          for (let o2 = 0; o2 < nO; o2++) if (el[o2] && load[o2] === m && !mem.includes(o2)) L.push(o2);
          if (L.length === 1) stats.single_candidate_picks++;
          const o = L[s.belowIndex(L.length)];
          mem.push(o);
          insertSorted(serves[o], t2);
          load[o]++;
          continue;
        }
        stats.augmenting_searches++;
        stamp++;
        let qn = 0;
        for (let o = 0; o < nO; o++)
          if (el[o] && !mem.includes(o)) {
            seen[o] = stamp;
            parentT[o] = t2;
            parentO[o] = -1;
            queue[qn++] = o;
          }
        const met = /* @__PURE__ */ new Set([t2]);
        let found = -1;
        outer: for (let qi = 0; qi < qn; qi++) {
          const o = queue[qi];
          for (const tp of serves[o]) {
            met.add(tp);
            const elp = row[tp];
            const memp = members[tp];
            for (let o2 = 0; o2 < nO; o2++) {
              if (seen[o2] === stamp || !elp[o2] || memp.includes(o2)) continue;
              seen[o2] = stamp;
              parentT[o2] = tp;
              parentO[o2] = o;
              if (load[o2] < max) {
                found = o2;
                break outer;
              }
              queue[qn++] = o2;
            }
          }
        }
        if (found < 0) {
          infeasible = { department: d, targets: sortUtf8([...met].map((x2) => Td[x2].uscc)), demand: demand[t2], eligible: sortUtf8(Od.filter((_, k) => el[k]).map((o) => o.id)) };
          break places;
        }
        load[found]++;
        for (let cur = found; ; ) {
          const tt = parentT[cur];
          const po = parentO[cur];
          members[tt].push(cur);
          insertSorted(serves[cur], tt);
          if (po < 0) break;
          removeValue(members[tt], po);
          removeValue(serves[po], tt);
          cur = po;
        }
      }
    }
    if (infeasible) break;
    const start = new Int32Array(nT + 1);
    for (let t2 = 0; t2 < nT; t2++) start[t2 + 1] = start[t2] + members[t2].length;
    const P2 = start[nT];
    const placeT = new Int32Array(P2);
    const placeO = new Int32Array(P2);
    for (let t2 = 0; t2 < nT; t2++) {
      const mem = members[t2].slice().sort((a, b) => a - b);
      for (let j = 0; j < mem.length; j++) {
        placeT[start[t2] + j] = t2;
        placeO[start[t2] + j] = mem[j];
      }
    }
    let blockOf = null;
    let blocks = [];
    if (regionRule === "same") {
      const ids = /* @__PURE__ */ new Map();
      const lists = [];
      blockOf = new Int32Array(P2);
      for (let i = 0; i < P2; i++) {
        const region = Td[placeT[i]].region;
        let b = ids.get(region);
        if (b === void 0) {
          b = lists.length;
          ids.set(region, b);
          lists.push([]);
        }
        blockOf[i] = b;
        lists[b].push(i);
      }
      blocks = lists.map((l) => Int32Array.from(l));
    }
    const K2 = rotationSteps(P2);
    stats.rotation_steps += K2;
    const idx = new Int32Array(3);
    const old = new Int32Array(3);
    for (let step = 0; step < K2; step++) {
      const i1 = s.belowIndex(P2);
      const B = blockOf ? blocks[blockOf[i1]] : null;
      const k = 2 + s.belowIndex(2);
      idx[0] = i1;
      for (let j = 1; j < k; j++) idx[j] = B ? B[s.belowIndex(B.length)] : s.belowIndex(P2);
      if (idx[0] === idx[1] || k === 3 && (idx[0] === idx[2] || idx[1] === idx[2])) continue;
      let ok = true;
      for (let j = 0; j < k && ok; j++) {
        const from = idx[j];
        const to = idx[j + 1 === k ? 0 : j + 1];
        if (placeT[from] !== placeT[to] && !row[placeT[to]][placeO[from]]) ok = false;
      }
      if (!ok) continue;
      for (let j = 0; j < k; j++) old[j] = placeO[idx[j]];
      for (let j = 0; j < k; j++) placeO[idx[j + 1 === k ? 0 : j + 1]] = old[j];
      for (let j = 0; j < k && ok; j++) {
        const t2 = placeT[idx[j]];
        for (let a = start[t2]; a < start[t2 + 1] && ok; a++) for (let b = a + 1; b < start[t2 + 1]; b++) if (placeO[a] === placeO[b]) ok = false;
      }
      if (!ok) {
        for (let j = 0; j < k; j++) placeO[idx[j]] = old[j];
        continue;
      }
      stats.rotations_made++;
    }
    for (let i = 0; i < P2; i++) team.get(Td[placeT[i]].uscc).get(d).push(Od[placeO[i]].id);
  }
  const teams = /* @__PURE__ */ new Map();
  for (const t2 of inp.targets) {
    const ids = [];
    for (const d of D.get(t2.uscc)) ids.push(...sortUtf8(team.get(t2.uscc).get(d)));
    teams.set(t2.uscc, ids);
  }
  return { teams, departments: D, demand: R, infeasible, stats };
}

// src/decode.ts
var DecodeError = class extends Error {
  constructor(path, expected, got) {
    super(`${path}: expected ${expected}, got ${got}`);
    this.path = path;
    this.expected = expected;
    this.got = got;
  }
  path;
  expected;
  got;
};
function show(v) {
  if (v === void 0) return "(missing)";
  const s = JSON.stringify(v, (_k, x2) => typeof x2 === "bigint" ? x2.toString() : x2);
  return s.length > 80 ? s.slice(0, 80) + "…" : s;
}
function obj(v, path, keys, optional = [], ignoreUnknown = false) {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new DecodeError(path, "an object", show(v));
  const o = v;
  for (const k of keys) if (!(k in o) && !optional.includes(k)) throw new DecodeError(path ? `${path}.${k}` : k, "a field", "(missing)");
  if (!ignoreUnknown) {
    for (const k of Object.keys(o)) if (!keys.includes(k)) throw new DecodeError(path ? `${path}.${k}` : k, "no such field (unknown to this page: a newer format?)", show(o[k]));
  }
  return o;
}
function str(v, path) {
  if (typeof v !== "string") throw new DecodeError(path, "a text", show(v));
  return v;
}
function optStr(v, path) {
  if (v === null) return null;
  return str(v, path);
}
function hash(v, path) {
  if (!isHash(v)) throw new DecodeError(path, "a hash of 64 lowercase hex digits", show(v));
  return v;
}
function u64(v, path) {
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === "bigint" && v >= 0n && v <= 0xffffffffffffffffn) return v;
  throw new DecodeError(path, "a whole number ≥ 0", show(v));
}
function int(v, path) {
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return v;
  throw new DecodeError(path, "a whole number ≥ 0", show(v));
}
function bool(v, path) {
  if (typeof v !== "boolean") throw new DecodeError(path, "true or false", show(v));
  return v;
}
function optU64(v, path) {
  if (v === null) return null;
  return u64(v, path);
}
function arr(v, path) {
  if (!Array.isArray(v)) throw new DecodeError(path, "a list", show(v));
  return v;
}
function strList(v, path) {
  return arr(v, path).map((x2, i) => str(x2, `${path}[${i}]`));
}
function hashList(v, path) {
  return arr(v, path).map((x2, i) => hash(x2, `${path}[${i}]`));
}
function decodeCampaign(v, path) {
  const c = obj(v, path, ["id", "title", "lead_department", "draw_date", "items", "targets", "teams", "entropy", "period", "coordination"]);
  const tg = obj(c.targets, `${path}.targets`, ["categories", "regions", "exclude_flags", "exclude_credit_classes", "exclude_inspected_within_days", "strata", "low_risk_once_a_year"]);
  const tm = obj(c.teams, `${path}.teams`, ["min_size", "per_department", "max_targets_per_officer", "officer_region", "avoid_same_officer_within_days", "assignment"], ["assignment"]);
  const en = obj(c.entropy, `${path}.entropy`, ["witnesses", "beacon", "reveal_deadline", "on_missing_reveal"]);
  const strata = arr(tg.strata, `${path}.targets.strata`).map((s, i) => {
    const p = `${path}.targets.strata[${i}]`;
    const so = obj(s, p, ["credit_class", "rule", "min", "max"]);
    const ro = so.rule;
    let rule;
    if (ro && typeof ro === "object" && !Array.isArray(ro) && "ratio" in ro) {
      const r = obj(ro, `${p}.rule`, ["ratio"]);
      const text2 = str(r.ratio, `${p}.rule.ratio`);
      const ratio = parseRatio(text2);
      if (!ratio) throw new DecodeError(`${p}.rule.ratio`, '"p/q" in lowest terms with 0 ≤ p ≤ q', show(text2));
      rule = { ratio };
    } else {
      const r = obj(ro, `${p}.rule`, ["count"]);
      rule = { count: u64(r.count, `${p}.rule.count`) };
    }
    return { credit_class: str(so.credit_class, `${p}.credit_class`), rule, min: optU64(so.min, `${p}.min`), max: optU64(so.max, `${p}.max`) };
  });
  let beacon = null;
  if (en.beacon !== null) {
    const b = obj(en.beacon, `${path}.entropy.beacon`, ["scheme", "round"]);
    const scheme = str(b.scheme, `${path}.entropy.beacon.scheme`);
    let round;
    if (typeof b.round === "number" || typeof b.round === "bigint") round = u64(b.round, `${path}.entropy.beacon.round`).toString();
    else round = str(b.round, `${path}.entropy.beacon.round`);
    beacon = { scheme, round };
  }
  let period = null;
  if (c.period !== null) {
    const po = obj(c.period, `${path}.period`, ["start", "end"]);
    period = { start: str(po.start, `${path}.period.start`), end: str(po.end, `${path}.period.end`) };
  }
  let coordination = null;
  if (c.coordination !== null) {
    const co = obj(c.coordination, `${path}.coordination`, ["group", "start"]);
    const text2 = str(co.start, `${path}.coordination.start`);
    const start = parseRatio(text2);
    if (!start || start.p >= start.q) throw new DecodeError(`${path}.coordination.start`, '"p/q" in lowest terms with 0 ≤ p < q', show(text2));
    coordination = { group: str(co.group, `${path}.coordination.group`), start };
  }
  return {
    period,
    coordination,
    id: str(c.id, `${path}.id`),
    title: str(c.title, `${path}.title`),
    lead_department: str(c.lead_department, `${path}.lead_department`),
    draw_date: str(c.draw_date, `${path}.draw_date`),
    items: strList(c.items, `${path}.items`),
    targets: {
      categories: tg.categories === null ? null : strList(tg.categories, `${path}.targets.categories`),
      regions: strList(tg.regions, `${path}.targets.regions`),
      exclude_flags: strList(tg.exclude_flags, `${path}.targets.exclude_flags`),
      exclude_credit_classes: strList(tg.exclude_credit_classes, `${path}.targets.exclude_credit_classes`),
      exclude_inspected_within_days: u64(tg.exclude_inspected_within_days, `${path}.targets.exclude_inspected_within_days`),
      strata,
      low_risk_once_a_year: bool(tg.low_risk_once_a_year, `${path}.targets.low_risk_once_a_year`)
    },
    teams: {
      min_size: u64(tm.min_size, `${path}.teams.min_size`),
      per_department: u64(tm.per_department, `${path}.teams.per_department`),
      max_targets_per_officer: optU64(tm.max_targets_per_officer, `${path}.teams.max_targets_per_officer`),
      officer_region: str(tm.officer_region, `${path}.teams.officer_region`),
      avoid_same_officer_within_days: u64(tm.avoid_same_officer_within_days, `${path}.teams.avoid_same_officer_within_days`),
      assignment: "assignment" in tm ? str(tm.assignment, `${path}.teams.assignment`) : null
    },
    entropy: {
      witnesses: arr(en.witnesses, `${path}.entropy.witnesses`).map((x2, i) => {
        const o = obj(x2, `${path}.entropy.witnesses[${i}]`, ["name", "commitment"]);
        return { name: str(o.name, `${path}.entropy.witnesses[${i}].name`), commitment: hash(o.commitment, `${path}.entropy.witnesses[${i}].commitment`) };
      }),
      beacon,
      reveal_deadline: optStr(en.reveal_deadline, `${path}.entropy.reveal_deadline`),
      on_missing_reveal: str(en.on_missing_reveal, `${path}.entropy.on_missing_reveal`)
    }
  };
}
function decodeRoots(v, path, ignoreUnknown = false) {
  const o = obj(v, path, REGISTRIES, [], ignoreUnknown);
  const out = {};
  for (const r of REGISTRIES) {
    const x2 = obj(o[r], `${path}.${r}`, ["hash", "size"], [], ignoreUnknown);
    out[r] = { hash: hash(x2.hash, `${path}.${r}.hash`), size: int(x2.size, `${path}.${r}.size`) };
  }
  return out;
}
function decodeSnapshotRef(v, path, ignoreUnknown = false) {
  const o = obj(v, path, ["id", "digest", "roots"], [], ignoreUnknown);
  return { id: o.id, digest: hash(o.digest, `${path}.digest`), roots: decodeRoots(o.roots, `${path}.roots`, ignoreUnknown) };
}
function decodeItem(v, path, ignoreUnknown = false) {
  const o = obj(v, path, ["code", "name", "department", "item_type", "target_category", "method", "basis", "qualification"], [], ignoreUnknown);
  return {
    code: str(o.code, `${path}.code`),
    name: str(o.name, `${path}.name`),
    department: str(o.department, `${path}.department`),
    item_type: str(o.item_type, `${path}.item_type`),
    target_category: str(o.target_category, `${path}.target_category`),
    method: str(o.method, `${path}.method`),
    basis: str(o.basis, `${path}.basis`),
    qualification: optStr(o.qualification, `${path}.qualification`)
  };
}
var ENTITY_KEYS = ["uscc", "name", "kind", "categories", "industry", "region", "township", "status", "established", "flags", "credit_class_commitment"];
function decodeEntity(v, path, ignoreUnknown = false) {
  const o = obj(v, path, ENTITY_KEYS, [], ignoreUnknown);
  return {
    uscc: str(o.uscc, `${path}.uscc`),
    name: str(o.name, `${path}.name`),
    kind: str(o.kind, `${path}.kind`),
    categories: strList(o.categories, `${path}.categories`),
    industry: str(o.industry, `${path}.industry`),
    region: str(o.region, `${path}.region`),
    township: optStr(o.township, `${path}.township`),
    status: str(o.status, `${path}.status`),
    established: optStr(o.established, `${path}.established`),
    flags: strList(o.flags, `${path}.flags`),
    credit_class_commitment: hash(o.credit_class_commitment, `${path}.credit_class_commitment`)
  };
}
function decodeOfficer(v, path, ignoreUnknown = false) {
  const o = obj(v, path, ["id", "name", "department", "unit", "region", "qualifications", "status", "cert_expiry"], [], ignoreUnknown);
  return {
    id: str(o.id, `${path}.id`),
    name: str(o.name, `${path}.name`),
    department: str(o.department, `${path}.department`),
    unit: str(o.unit, `${path}.unit`),
    region: str(o.region, `${path}.region`),
    qualifications: strList(o.qualifications, `${path}.qualifications`),
    status: str(o.status, `${path}.status`),
    cert_expiry: str(o.cert_expiry, `${path}.cert_expiry`)
  };
}
var PROOF_FORMAT = "dualdraw-draw-proof-v1";
function decodeProof(v) {
  const p = obj(v, "", ["format", "announcement", "entropy", "seed", "prn_seed", "group_announcements", "pool_size", "excluded_by_class", "strata", "items", "officers", "targets", "blocked_pairs", "teams"]);
  const format = str(p.format, "format");
  if (format !== PROOF_FORMAT) throw new DecodeError("format", `"${PROOF_FORMAT}"`, show(format));
  const a = obj(p.announcement, "announcement", ["campaign", "campaign_hash", "snapshot", "exclusion", "exclusion_root", "officer_history", "officer_history_root", "drawn_this_year", "drawn_this_year_root", "coordination", "ledger_head", "announced_at", "hash"]);
  let coordination = null;
  if (a.coordination !== null) {
    const co = obj(a.coordination, "announcement.coordination", ["group", "members", "hash"]);
    coordination = { group: str(co.group, "announcement.coordination.group"), members: hashList(co.members, "announcement.coordination.members"), hash: hash(co.hash, "announcement.coordination.hash") };
  }
  const e = obj(p.entropy, "entropy", ["reveals", "missing", "beacon"]);
  let beacon = null;
  if (e.beacon !== null) {
    const b = obj(e.beacon, "entropy.beacon", ["scheme", "round", "evidence", "round_time", "value"]);
    beacon = {
      scheme: str(b.scheme, "entropy.beacon.scheme"),
      round: typeof b.round === "number" || typeof b.round === "bigint" ? u64(b.round, "entropy.beacon.round").toString() : str(b.round, "entropy.beacon.round"),
      evidence: str(b.evidence, "entropy.beacon.evidence"),
      round_time: optStr(b.round_time, "entropy.beacon.round_time"),
      value: hash(b.value, "entropy.beacon.value")
    };
  }
  return {
    format,
    announcement: {
      campaign: decodeCampaign(a.campaign, "announcement.campaign"),
      campaign_hash: hash(a.campaign_hash, "announcement.campaign_hash"),
      snapshot: decodeSnapshotRef(a.snapshot, "announcement.snapshot"),
      exclusion: strList(a.exclusion, "announcement.exclusion"),
      exclusion_root: hash(a.exclusion_root, "announcement.exclusion_root"),
      officer_history: arr(a.officer_history, "announcement.officer_history").map((x2, i) => {
        const o = obj(x2, `announcement.officer_history[${i}]`, ["officer", "target"]);
        return { officer: str(o.officer, `announcement.officer_history[${i}].officer`), target: str(o.target, `announcement.officer_history[${i}].target`) };
      }),
      officer_history_root: hash(a.officer_history_root, "announcement.officer_history_root"),
      drawn_this_year: strList(a.drawn_this_year, "announcement.drawn_this_year"),
      drawn_this_year_root: hash(a.drawn_this_year_root, "announcement.drawn_this_year_root"),
      coordination,
      ledger_head: hash(a.ledger_head, "announcement.ledger_head"),
      announced_at: str(a.announced_at, "announcement.announced_at"),
      hash: hash(a.hash, "announcement.hash")
    },
    entropy: {
      reveals: arr(e.reveals, "entropy.reveals").map((x2, i) => {
        const o = obj(x2, `entropy.reveals[${i}]`, ["name", "secret", "revealed_at"]);
        return { name: str(o.name, `entropy.reveals[${i}].name`), secret: str(o.secret, `entropy.reveals[${i}].secret`), revealed_at: str(o.revealed_at, `entropy.reveals[${i}].revealed_at`) };
      }),
      missing: strList(e.missing, "entropy.missing"),
      beacon
    },
    seed: hash(p.seed, "seed"),
    prn_seed: hash(p.prn_seed, "prn_seed"),
    group_announcements: hashList(p.group_announcements, "group_announcements"),
    pool_size: int(p.pool_size, "pool_size"),
    excluded_by_class: int(p.excluded_by_class, "excluded_by_class"),
    strata: arr(p.strata, "strata").map((x2, i) => {
      const o = obj(x2, `strata[${i}]`, ["credit_class", "pool", "drawn", "threshold_commitment"]);
      return { credit_class: str(o.credit_class, `strata[${i}].credit_class`), pool: int(o.pool, `strata[${i}].pool`), drawn: int(o.drawn, `strata[${i}].drawn`), threshold_commitment: hash(o.threshold_commitment, `strata[${i}].threshold_commitment`) };
    }),
    items: arr(p.items, "items").map((x2, i) => decodeItem(x2, `items[${i}]`)),
    officers: arr(p.officers, "officers").map((x2, i) => decodeOfficer(x2, `officers[${i}]`)),
    targets: arr(p.targets, "targets").map((x2, i) => {
      const o = obj(x2, `targets[${i}]`, ["entity", "prn", "items", "departments", "index", "path"]);
      return {
        entity: decodeEntity(o.entity, `targets[${i}].entity`),
        prn: hash(o.prn, `targets[${i}].prn`),
        items: strList(o.items, `targets[${i}].items`),
        departments: strList(o.departments, `targets[${i}].departments`),
        index: int(o.index, `targets[${i}].index`),
        path: hashList(o.path, `targets[${i}].path`)
      };
    }),
    blocked_pairs: arr(p.blocked_pairs, "blocked_pairs").map((x2, i) => {
      const o = obj(x2, `blocked_pairs[${i}]`, ["officer", "target", "pair_salt", "reason_commitment", "index", "path"]);
      return {
        officer: str(o.officer, `blocked_pairs[${i}].officer`),
        target: str(o.target, `blocked_pairs[${i}].target`),
        pair_salt: hash(o.pair_salt, `blocked_pairs[${i}].pair_salt`),
        reason_commitment: hash(o.reason_commitment, `blocked_pairs[${i}].reason_commitment`),
        index: int(o.index, `blocked_pairs[${i}].index`),
        path: hashList(o.path, `blocked_pairs[${i}].path`)
      };
    }),
    teams: arr(p.teams, "teams").map((x2, i) => {
      const o = obj(x2, `teams[${i}]`, ["target", "officers"]);
      return { target: str(o.target, `teams[${i}].target`), officers: strList(o.officers, `teams[${i}].officers`) };
    })
  };
}

// src/crossStratum.ts
function cmpKey(a, b) {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
function cmpEntity(a, b) {
  return cmpKey(a.key, b.key) || cmpUtf8(a.uscc, b.uscc);
}
var CrossStratumCounter = class {
  sorted;
  /** gap[g]: non-targets with exactly g targets before them in key order; gapDty: those of drawn-this-year */
  gap;
  gapDty;
  nonTargets = 0;
  constructor(targets) {
    this.sorted = [...targets].sort(cmpEntity);
    this.gap = new Float64Array(targets.length + 1);
    this.gapDty = new Float64Array(targets.length + 1);
  }
  get targetCount() {
    return this.sorted.length;
  }
  get dtyTargets() {
    return this.sorted.filter((x2) => x2.dty).length;
  }
  /** A pool entity that is not a target. */
  add(key, uscc, dty) {
    const e = { key, uscc };
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (cmpEntity(this.sorted[mid], e) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.gap[lo]++;
    if (dty) this.gapDty[lo]++;
    this.nonTargets++;
  }
};
function* permutations(n) {
  const a = Array.from({ length: n }, (_, i) => i);
  const rec = function* (k) {
    if (k === n) {
      yield a.slice();
      return;
    }
    for (let i = k; i < n; i++) {
      [a[k], a[i]] = [a[i], a[k]];
      yield* rec(k + 1);
      [a[k], a[i]] = [a[i], a[k]];
    }
  };
  yield* rec(0);
}
function crossStratumCheck(c, p) {
  const m = c.targetCount;
  const k = p.strata.length;
  const P2 = m + c.nonTargets;
  const base = { pool: P2, targets: m };
  const sumN = p.strata.reduce((s, x2) => s + x2.pool, 0);
  const sumn = p.strata.reduce((s, x2) => s + x2.drawn, 0);
  if (k > 8 || sumN + p.excluded !== P2 || sumn !== m || p.strata.some((s) => s.drawn > s.pool || s.drawn < 0) || p.excluded < 0)
    return { ok: false, reason: "counts", order: null, violation: null, ...base };
  const aIdx = p.strata.findIndex((s) => s.credit_class === "A");
  if (p.lowRisk && aIdx >= 0 && c.dtyTargets > sumn - p.strata[aIdx].drawn) return { ok: false, reason: "low_risk_targets", order: null, violation: null, ...base };
  const before = new Float64Array(m + 1);
  const beforeDty = new Float64Array(m + 1);
  for (let s = 1; s <= m; s++) {
    before[s] = before[s - 1] + c.gap[s - 1];
    beforeDty[s] = beforeDty[s - 1] + c.gapDty[s - 1];
  }
  const NT = c.nonTargets;
  const NTd = beforeDty[m] + c.gapDty[m];
  const X = k;
  const bins = k + 1;
  const cap = [...p.strata.map((s) => s.pool - s.drawn), p.excluded];
  const capOf = new Float64Array(1 << bins);
  for (let u = 1; u < 1 << bins; u++) {
    const low = 31 - Math.clz32(u & -u);
    capOf[u] = capOf[u & u - 1] + cap[low];
  }
  const xAll = p.excludeClasses;
  const xDty = p.excludeClasses || p.lowRisk;
  let worst = null;
  let worstGap = -Infinity;
  for (const order of permutations(k)) {
    const count = new Float64Array(1 << bins);
    let S = 0;
    let mask = 0;
    let lo = 0;
    let loD = 0;
    for (let j = 0; j <= k; j++) {
      let hi = NT;
      let hiD = NTd;
      if (j < k) {
        const S1 = S + p.strata[order[j]].drawn;
        hi = before[S1];
        hiD = beforeDty[S1];
      }
      const all = hi - lo;
      const dty = hiD - loD;
      count[mask | (xAll ? 1 << X : 0)] += all - dty;
      const dMask = (p.lowRisk && aIdx >= 0 ? mask & ~(1 << aIdx) : mask) | (xDty ? 1 << X : 0);
      count[dMask] += dty;
      if (j < k) {
        S += p.strata[order[j]].drawn;
        mask |= 1 << order[j];
      }
      lo = hi;
      loD = hiD;
    }
    let fits = true;
    for (let u = 0; u < 1 << bins; u++) {
      let demand = 0;
      for (let v = u; ; v = v - 1 & u) {
        demand += count[v];
        if (v === 0) break;
      }
      if (demand > capOf[u]) {
        fits = false;
        if (demand - capOf[u] > worstGap) {
          worstGap = demand - capOf[u];
          worst = { bins: [...Array(bins).keys()].filter((b) => u & 1 << b).map((b) => b === X ? "X" : p.strata[b].credit_class), demand, capacity: capOf[u] };
        }
        break;
      }
    }
    if (fits) return { ok: true, reason: null, order: order.map((i) => p.strata[i].credit_class), violation: null, ...base };
  }
  return { ok: false, reason: "no_order", order: null, violation: worst, ...base };
}

// node_modules/@noble/curves/abstract/weierstrass.js
var divNearest2 = (num, den) => (num + (num >= 0 ? den : -den) / _2n7) / den;
function _splitEndoScalar2(k, basis, n) {
  aInRange("scalar", k, _0n10, n);
  const [[a1, b1], [a2, b2]] = basis;
  const c1 = divNearest2(b2 * k, n);
  const c2 = divNearest2(-b1 * k, n);
  let k1 = k - c1 * a1 - c2 * a2;
  let k2 = -c1 * b1 - c2 * b2;
  const k1neg = k1 < _0n10;
  const k2neg = k2 < _0n10;
  if (k1neg)
    k1 = -k1;
  if (k2neg)
    k2 = -k2;
  const MAX_NUM = bitMask(Math.ceil(bitLen(n) / 2)) + _1n11;
  if (k1 < _0n10 || k1 >= MAX_NUM || k2 < _0n10 || k2 >= MAX_NUM) {
    throw new Error("splitScalar (endomorphism): failed for k");
  }
  return { k1neg, k1, k2neg, k2 };
}
var _0n10 = /* @__PURE__ */ BigInt(0);
var _1n11 = /* @__PURE__ */ BigInt(1);
var _2n7 = /* @__PURE__ */ BigInt(2);
var _3n5 = /* @__PURE__ */ BigInt(3);
var _4n7 = /* @__PURE__ */ BigInt(4);
function weierstrass2(params, extraOpts = {}) {
  const validated = createCurveFields("weierstrass", params, extraOpts);
  const Fp3 = validated.Fp;
  const Fn = validated.Fn;
  let CURVE = validated.CURVE;
  const { h: cofactor, n: CURVE_ORDER } = CURVE;
  validateObject(extraOpts, {}, {
    allowInfinityPoint: "boolean",
    clearCofactor: "function",
    isTorsionFree: "function",
    fromBytes: "function",
    toBytes: "function",
    endo: "object",
    randomBytes: "function"
  });
  const { endo: endoOpts, allowInfinityPoint, clearCofactor, isTorsionFree, fromBytes, toBytes: toBytes4 } = extraOpts;
  const randomBytes6 = extraOpts.randomBytes === void 0 ? randomBytes2 : extraOpts.randomBytes;
  if (endoOpts) {
    if (!Fp3.is0(CURVE.a) || typeof endoOpts.beta !== "bigint" || !Array.isArray(endoOpts.basises)) {
      throw new Error('invalid endo: expected "beta": bigint and "basises": array');
    }
  }
  const endo = endoOpts ? {
    beta: endoOpts.beta,
    basises: endoOpts.basises.map((basis) => [...basis])
  } : void 0;
  const lengths = getWLengths2(Fp3, Fn);
  function assertCompressionIsSupported() {
    if (!Fp3.isOdd)
      throw new Error("compression is not supported: Field does not have .isOdd()");
  }
  function pointToBytes(_c, point, isCompressed) {
    if (point.is0()) {
      if (!allowInfinityPoint)
        throw new Error("bad point: ZERO");
      return Uint8Array.of(0);
    }
    const { x: x2, y } = point.toAffine();
    const bx = Fp3.toBytes(x2);
    abool(isCompressed, "isCompressed");
    if (isCompressed) {
      assertCompressionIsSupported();
      const hasEvenY = !Fp3.isOdd(y);
      return concatBytes2(pprefix2(hasEvenY), bx);
    } else {
      return concatBytes2(Uint8Array.of(4), bx, Fp3.toBytes(y));
    }
  }
  function pointFromBytes(bytes) {
    abytes2(bytes, void 0, "Point");
    const { publicKey: comp, publicKeyUncompressed: uncomp } = lengths;
    const length = bytes.length;
    const head = bytes[0];
    const tail = bytes.subarray(1);
    if (allowInfinityPoint && length === 1 && head === 0)
      return { x: Fp3.ZERO, y: Fp3.ZERO };
    if (length === comp && (head === 2 || head === 3)) {
      const x2 = Fp3.fromBytes(tail);
      if (!Fp3.isValid(x2))
        throw new Error("bad point: is not on curve, wrong x");
      const y2 = weierstrassEquation(x2);
      let y;
      try {
        y = Fp3.sqrt(y2);
      } catch (sqrtError) {
        const err = sqrtError instanceof Error ? ": " + sqrtError.message : "";
        throw new Error("bad point: is not on curve, sqrt error" + err);
      }
      assertCompressionIsSupported();
      const evenY = Fp3.isOdd(y);
      const evenH = (head & 1) === 1;
      if (evenH !== evenY)
        y = Fp3.neg(y);
      return { x: x2, y };
    } else if (length === uncomp && head === 4) {
      const L = Fp3.BYTES;
      const x2 = Fp3.fromBytes(tail.subarray(0, L));
      const y = Fp3.fromBytes(tail.subarray(L, L * 2));
      if (!isValidXY(x2, y))
        throw new Error("bad point: is not on curve");
      return { x: x2, y };
    } else {
      throw new Error(`bad point: got length ${length}, expected compressed=${comp} or uncompressed=${uncomp}`);
    }
  }
  const encodePoint = toBytes4 === void 0 ? pointToBytes : toBytes4;
  const decodePoint = fromBytes === void 0 ? pointFromBytes : fromBytes;
  const b3 = Fp3.mul(CURVE.b, _3n5);
  const mulA = Fp3.is0(CURVE.a) ? (_) => Fp3.ZERO : (x2) => Fp3.mul(CURVE.a, x2);
  function weierstrassEquation(x2) {
    const x22 = Fp3.sqr(x2);
    const x3 = Fp3.mul(x22, x2);
    return Fp3.add(Fp3.add(x3, Fp3.mul(x2, CURVE.a)), CURVE.b);
  }
  function isValidXY(x2, y) {
    const left = Fp3.sqr(y);
    const right = weierstrassEquation(x2);
    return Fp3.eql(left, right);
  }
  if (!isValidXY(CURVE.Gx, CURVE.Gy))
    throw new Error("bad curve params: generator point");
  const _4a3 = Fp3.mul(Fp3.pow(CURVE.a, _3n5), _4n7);
  const _27b2 = Fp3.mul(Fp3.sqr(CURVE.b), BigInt(27));
  if (Fp3.is0(Fp3.add(_4a3, _27b2)))
    throw new Error("bad curve params: a or b");
  function acoord(title, n, banZero = false) {
    if (!Fp3.isValid(n) || banZero && Fp3.is0(n))
      throw new Error(`bad point coordinate ${title}`);
    return typeof n === "object" && n !== null ? Fp3.create(n) : n;
  }
  function aprjpoint(other) {
    if (!(other instanceof Point))
      throw new Error("Weierstrass Point expected");
  }
  function splitEndoScalarN(k) {
    if (!endo || !endo.basises)
      throw new Error("no endo");
    return _splitEndoScalar2(k, endo.basises, Fn.ORDER);
  }
  function pushWnafPair(points, scalars, p, k) {
    if (!Fn.isValid(k))
      throw new RangeError("invalid scalar: out of range");
    if (endo) {
      const { k1neg, k1, k2neg, k2 } = splitEndoScalarN(k);
      const psi = new Point(Fp3.mul(p.X, endo.beta), p.Y, p.Z);
      points.push(k1neg ? p.negate() : p, k2neg ? psi.negate() : psi);
      scalars.push(k1, k2);
    } else {
      points.push(p);
      scalars.push(k);
    }
  }
  const validityCache = /* @__PURE__ */ new WeakSet();
  class Point {
    static BASE = new Point(CURVE.Gx, CURVE.Gy, Fp3.ONE);
    static ZERO = new Point(Fp3.ZERO, Fp3.ONE, Fp3.ZERO);
    static Fp = Fp3;
    static Fn = Fn;
    X;
    Y;
    Z;
    /** Does NOT validate if the point is valid. Use `.assertValidity()`. */
    constructor(X, Y, Z) {
      this.X = acoord("x", X);
      this.Y = acoord("y", Y, true);
      this.Z = acoord("z", Z);
      Object.freeze(this);
    }
    static CURVE() {
      return CURVE;
    }
    /** Does NOT validate if the point is valid. Use `.assertValidity()`. */
    static fromAffine(p) {
      const { x: x2, y } = p || {};
      if (!p || !Fp3.isValid(x2) || !Fp3.isValid(y))
        throw new Error("invalid affine point");
      if (p instanceof Point)
        throw new Error("projective point not allowed");
      if (Fp3.is0(x2) && Fp3.is0(y))
        return Point.ZERO;
      return new Point(x2, y, Fp3.ONE);
    }
    static fromBytes(bytes) {
      const P2 = Point.fromAffine(decodePoint(abytes2(bytes, void 0, "point")));
      P2.assertValidity();
      return P2;
    }
    static fromHex(hex) {
      return Point.fromBytes(hexToBytes2(hex));
    }
    get x() {
      return this.toAffine().x;
    }
    get y() {
      return this.toAffine().y;
    }
    /**
     * @param isLazy - true will defer table computation until the first multiplication
     */
    precompute(windowSize = 6, isLazy = true) {
      wnaf.setWindowSize(this, windowSize);
      if (!isLazy)
        this.multiply(_3n5);
      return this;
    }
    // TODO: return `this`
    /** A point on curve is valid if it conforms to equation. */
    assertValidity() {
      const p = this;
      if (p.is0()) {
        if (allowInfinityPoint && Fp3.is0(p.X) && Fp3.eql(p.Y, Fp3.ONE) && Fp3.is0(p.Z))
          return;
        throw new Error("bad point: ZERO");
      }
      if (validityCache.has(p))
        return;
      const { x: x2, y } = p.toAffine();
      if (!Fp3.isValid(x2) || !Fp3.isValid(y))
        throw new Error("bad point: x or y not field elements");
      if (!isValidXY(x2, y))
        throw new Error("bad point: equation left != right");
      if (!p.isTorsionFree())
        throw new Error("bad point: not in prime-order subgroup");
      validityCache.add(p);
    }
    hasEvenY() {
      const { y } = this.toAffine();
      if (!Fp3.isOdd)
        throw new Error("Field doesn't support isOdd");
      return !Fp3.isOdd(y);
    }
    /** Compare one point to another. */
    equals(other) {
      aprjpoint(other);
      const { X: X1, Y: Y1, Z: Z1 } = this;
      const { X: X2, Y: Y2, Z: Z2 } = other;
      const U1 = Fp3.eql(Fp3.mul(X1, Z2), Fp3.mul(X2, Z1));
      const U2 = Fp3.eql(Fp3.mul(Y1, Z2), Fp3.mul(Y2, Z1));
      return U1 && U2;
    }
    /** Flips point to one corresponding to (x, -y) in Affine coordinates. */
    negate() {
      return new Point(this.X, Fp3.neg(this.Y), this.Z);
    }
    // Renes-Costello-Batina exception-free doubling formula.
    // There is 30% faster Jacobian formula, but it is not complete.
    // https://eprint.iacr.org/2015/1060, algorithm 3
    // Cost: 8M + 3S + 3*a + 2*b3 + 15add.
    double() {
      const { X: X1, Y: Y1, Z: Z1 } = this;
      let X3 = Fp3.ZERO, Y3 = Fp3.ZERO, Z3 = Fp3.ZERO;
      let t0 = Fp3.mul(X1, X1);
      let t1 = Fp3.mul(Y1, Y1);
      let t2 = Fp3.mul(Z1, Z1);
      let t3 = Fp3.mul(X1, Y1);
      t3 = Fp3.add(t3, t3);
      Z3 = Fp3.mul(X1, Z1);
      Z3 = Fp3.add(Z3, Z3);
      X3 = mulA(Z3);
      Y3 = Fp3.mul(b3, t2);
      Y3 = Fp3.add(X3, Y3);
      X3 = Fp3.sub(t1, Y3);
      Y3 = Fp3.add(t1, Y3);
      Y3 = Fp3.mul(X3, Y3);
      X3 = Fp3.mul(t3, X3);
      Z3 = Fp3.mul(b3, Z3);
      t2 = mulA(t2);
      t3 = Fp3.sub(t0, t2);
      t3 = mulA(t3);
      t3 = Fp3.add(t3, Z3);
      Z3 = Fp3.add(t0, t0);
      t0 = Fp3.add(Z3, t0);
      t0 = Fp3.add(t0, t2);
      t0 = Fp3.mul(t0, t3);
      Y3 = Fp3.add(Y3, t0);
      t2 = Fp3.mul(Y1, Z1);
      t2 = Fp3.add(t2, t2);
      t0 = Fp3.mul(t2, t3);
      X3 = Fp3.sub(X3, t0);
      Z3 = Fp3.mul(t2, t1);
      Z3 = Fp3.add(Z3, Z3);
      Z3 = Fp3.add(Z3, Z3);
      return new Point(X3, Y3, Z3);
    }
    // Renes-Costello-Batina exception-free addition formula.
    // There is 30% faster Jacobian formula, but it is not complete.
    // https://eprint.iacr.org/2015/1060, algorithm 1
    // Cost: 12M + 0S + 3*a + 3*b3 + 23add.
    add(other) {
      aprjpoint(other);
      const { X: X1, Y: Y1, Z: Z1 } = this;
      const { X: X2, Y: Y2, Z: Z2 } = other;
      let X3 = Fp3.ZERO, Y3 = Fp3.ZERO, Z3 = Fp3.ZERO;
      let t0 = Fp3.mul(X1, X2);
      let t1 = Fp3.mul(Y1, Y2);
      let t2 = Fp3.mul(Z1, Z2);
      let t3 = Fp3.add(X1, Y1);
      let t4 = Fp3.add(X2, Y2);
      t3 = Fp3.mul(t3, t4);
      t4 = Fp3.add(t0, t1);
      t3 = Fp3.sub(t3, t4);
      t4 = Fp3.add(X1, Z1);
      let t5 = Fp3.add(X2, Z2);
      t4 = Fp3.mul(t4, t5);
      t5 = Fp3.add(t0, t2);
      t4 = Fp3.sub(t4, t5);
      t5 = Fp3.add(Y1, Z1);
      X3 = Fp3.add(Y2, Z2);
      t5 = Fp3.mul(t5, X3);
      X3 = Fp3.add(t1, t2);
      t5 = Fp3.sub(t5, X3);
      Z3 = mulA(t4);
      X3 = Fp3.mul(b3, t2);
      Z3 = Fp3.add(X3, Z3);
      X3 = Fp3.sub(t1, Z3);
      Z3 = Fp3.add(t1, Z3);
      Y3 = Fp3.mul(X3, Z3);
      t1 = Fp3.add(t0, t0);
      t1 = Fp3.add(t1, t0);
      t2 = mulA(t2);
      t4 = Fp3.mul(b3, t4);
      t1 = Fp3.add(t1, t2);
      t2 = Fp3.sub(t0, t2);
      t2 = mulA(t2);
      t4 = Fp3.add(t4, t2);
      t0 = Fp3.mul(t1, t4);
      Y3 = Fp3.add(Y3, t0);
      t0 = Fp3.mul(t5, t4);
      X3 = Fp3.mul(t3, X3);
      X3 = Fp3.sub(X3, t0);
      t0 = Fp3.mul(t3, t1);
      Z3 = Fp3.mul(t5, Z3);
      Z3 = Fp3.add(Z3, t0);
      return new Point(X3, Y3, Z3);
    }
    subtract(other) {
      aprjpoint(other);
      return this.add(other.negate());
    }
    is0() {
      return this.equals(Point.ZERO);
    }
    /**
     * Constant time multiplication.
     * Uses precomputed tables (signed fixed-window wNAF) when available.
     * Uses scalar blinding and avoids endomorphism splitting in the secret-scalar path.
     * @param scalar - by which the point would be multiplied
     * @returns New point
     */
    multiply(scalar) {
      if (!Fn.isValidNot0(scalar))
        throw new RangeError("invalid scalar: out of range");
      const { p, f } = wnaf.mulSecret(this, scalar, cofactor, normalize);
      return normalize([p, f])[0];
    }
    /**
     * Non-constant-time multiplication. Uses width-4 wNAF with GLV endomorphism splitting
     * when available (two half-width scalars sharing one halved doubling chain).
     * It's faster, but should only be used when you don't care about
     * an exposed secret key e.g. sig verification, which works over *public* keys.
     */
    multiplyUnsafe(scalar) {
      const p = this;
      const sc = scalar;
      if (!Fn.isValid(sc))
        throw new RangeError("invalid scalar: out of range");
      if (sc === _0n10 || p.is0())
        return Point.ZERO;
      if (sc === _1n11)
        return p;
      if (wnaf.hasWindowSize(this))
        return wnaf.mulUnsafe(p, sc, normalize);
      const points = [];
      const scalars = [];
      pushWnafPair(points, scalars, p, sc);
      return mulAddUnsafe(Point, points, scalars);
    }
    /**
     * Non-constant-time double-scalar multiplication `a⋅this + b⋅other` (Strauss–Shamir).
     * Both walks share one doubling chain via {@link mulAddUnsafe}, and GLV endomorphism
     * (when available) halves the chain again by splitting each scalar into two half-width
     * parts. Used by ECDSA verification and public-key recovery for `R = u1⋅G + u2⋅P`.
     * Only for public scalars.
     */
    mulAddUnsafe(a, other, b) {
      aprjpoint(other);
      const points = [];
      const scalars = [];
      pushWnafPair(points, scalars, this, a);
      pushWnafPair(points, scalars, other, b);
      return mulAddUnsafe(Point, points, scalars);
    }
    /**
     * Converts Projective point to affine (x, y) coordinates.
     * (X, Y, Z) ∋ (x=X/Z, y=Y/Z).
     * @param invertedZ - Z^-1 (inverted zero) - optional, precomputation is useful for invertBatch
     */
    toAffine(invertedZ) {
      const p = this;
      let iz = invertedZ;
      if (iz != null && !Fp3.isValid(iz))
        throw new RangeError('"invertedZ" expected valid field element');
      const { X, Y, Z } = p;
      if (Fp3.eql(Z, Fp3.ONE))
        return { x: X, y: Y };
      const is0 = p.is0();
      if (iz == null)
        iz = is0 ? Fp3.ONE : Fp3.inv(Z);
      const x2 = Fp3.mul(X, iz);
      const y = Fp3.mul(Y, iz);
      const zz = Fp3.mul(Z, iz);
      if (is0)
        return { x: Fp3.ZERO, y: Fp3.ZERO };
      if (!Fp3.eql(zz, Fp3.ONE))
        throw new Error("invZ was invalid");
      return { x: x2, y };
    }
    /**
     * Checks whether Point is free of torsion elements (is in prime subgroup).
     * Always torsion-free for cofactor=1 curves.
     */
    isTorsionFree() {
      if (cofactor === _1n11)
        return true;
      if (isTorsionFree)
        return isTorsionFree(Point, this);
      return wnaf.mulUnsafe(this, CURVE_ORDER).is0();
    }
    clearCofactor() {
      if (cofactor === _1n11)
        return this;
      if (clearCofactor)
        return clearCofactor(Point, this);
      return this.multiplyUnsafe(cofactor);
    }
    isSmallOrder() {
      if (cofactor === _1n11)
        return this.is0();
      return this.clearCofactor().is0();
    }
    toBytes(isCompressed = true) {
      abool(isCompressed, "isCompressed");
      this.assertValidity();
      return encodePoint(Point, this, isCompressed);
    }
    toHex(isCompressed = true) {
      return bytesToHex2(this.toBytes(isCompressed));
    }
    toString() {
      return `<Point ${this.is0() ? "ZERO" : this.toHex()}>`;
    }
  }
  const normalize = (points) => normalizeZ(Point, points);
  const wnaf = new ScalarMultiplier(Point, randomBytes6);
  if (wnaf.bits >= 6)
    Point.BASE.precompute(6);
  Object.freeze(Point.prototype);
  Object.freeze(Point);
  return Point;
}
function pprefix2(hasEvenY) {
  return Uint8Array.of(hasEvenY ? 2 : 3);
}
function getWLengths2(Fp3, Fn) {
  return {
    secretKey: Fn.BYTES,
    publicKey: 1 + Fp3.BYTES,
    publicKeyUncompressed: 1 + 2 * Fp3.BYTES,
    publicKeyHasPrefix: true,
    // Raw compact `(r || s)` signature width; DER and recovered signatures use
    // different lengths outside this helper.
    signature: 2 * Fn.BYTES
  };
}

// node_modules/@noble/curves/abstract/bls.js
var _0n11 = BigInt(0);
var _1n12 = BigInt(1);
var _2n8 = BigInt(2);
var _3n6 = BigInt(3);
function NAfDecomposition(a) {
  const res = [];
  for (; a > _1n12; a >>= _1n12) {
    if ((a & _1n12) === _0n11)
      res.unshift(0);
    else if ((a & _3n6) === _3n6) {
      res.unshift(-1);
      a += _1n12;
    } else
      res.unshift(1);
  }
  return res;
}
function aNonEmpty(arr2) {
  if (!Array.isArray(arr2) || arr2.length === 0)
    throw new Error("expected non-empty array");
}
function createBlsPairing(fields2, G1, G2, params) {
  validateObject(fields2, { Fp: "object", Fr: "object", Fp2: "object", Fp12: "object" }, { Fp6: "object" }, "fields");
  if (typeof G1 !== "function")
    throw new TypeError('"G1_Point" expected point constructor, got type=' + typeof G1);
  if (typeof G2 !== "function")
    throw new TypeError('"G2_Point" expected point constructor, got type=' + typeof G2);
  validateObject(params, { ateLoopSize: "bigint", xNegative: "boolean", twistType: "string" }, { randomBytes: "function", postPrecompute: "function" }, "params");
  const { Fp: Fp3, Fr, Fp2: Fp23, Fp12: Fp122 } = fields2;
  const { twistType, ateLoopSize, xNegative, postPrecompute } = params;
  const fp22 = (c0, c1) => ({ c0, c1 });
  const fp2f = ({ c0, c1 }) => Object.freeze({ c0, c1 });
  const add2 = (a, b) => fp22(Fp3.add(a.c0, b.c0), Fp3.add(a.c1, b.c1));
  const sub2 = (a, b) => fp22(Fp3.sub(a.c0, b.c0), Fp3.sub(a.c1, b.c1));
  const mul22 = (a, b) => {
    const t0 = Fp3.mul(a.c0, b.c0);
    const t1 = Fp3.mul(a.c1, b.c1);
    return fp22(Fp3.sub(t0, t1), Fp3.sub(Fp3.mul(Fp3.add(a.c0, a.c1), Fp3.add(b.c0, b.c1)), Fp3.add(t0, t1)));
  };
  const mul2ByFp = (a, rhs) => fp22(Fp3.mul(a.c0, rhs), Fp3.mul(a.c1, rhs));
  const mul2ByNonresidue = (a) => Fp23.mulByNonresidue(a);
  const mul014ByLine = ({ c0: f0, c1: f1 }, o0, l1, l4, Px, Py) => {
    const o1 = mul2ByFp(l1, Px);
    const o4 = mul2ByFp(l4, Py);
    const { c0: a0, c1: a1, c2: a2 } = f0;
    const { c0: b0, c1: b1, c2: b2 } = f1;
    const t0_0 = mul22(a0, o0);
    const t0_1 = mul22(a1, o1);
    const t0_c0 = add2(mul2ByNonresidue(sub2(mul22(add2(a1, a2), o1), t0_1)), t0_0);
    const t0_c1 = sub2(sub2(mul22(add2(o0, o1), add2(a0, a1)), t0_0), t0_1);
    const t0_c2 = add2(sub2(mul22(add2(a0, a2), o0), t0_0), t0_1);
    const t1_c0 = mul2ByNonresidue(mul22(b2, o4));
    const t1_c1 = mul22(b0, o4);
    const t1_c2 = mul22(b1, o4);
    const s0 = add2(a0, b0);
    const s1 = add2(a1, b1);
    const s2 = add2(a2, b2);
    const o14 = add2(o1, o4);
    const t2_0 = mul22(s0, o0);
    const t2_1 = mul22(s1, o14);
    const t2_c0 = add2(mul2ByNonresidue(sub2(mul22(add2(s1, s2), o14), t2_1)), t2_0);
    const t2_c1 = sub2(sub2(mul22(add2(o0, o14), add2(s0, s1)), t2_0), t2_1);
    const t2_c2 = add2(sub2(mul22(add2(s0, s2), o0), t2_0), t2_1);
    return Object.freeze({
      c0: Object.freeze({
        c0: fp2f(add2(mul2ByNonresidue(t1_c2), t0_c0)),
        c1: fp2f(add2(t1_c0, t0_c1)),
        c2: fp2f(add2(t1_c1, t0_c2))
      }),
      c1: Object.freeze({
        c0: fp2f(sub2(sub2(t2_c0, t0_c0), t1_c0)),
        c1: fp2f(sub2(sub2(t2_c1, t0_c1), t1_c1)),
        c2: fp2f(sub2(sub2(t2_c2, t0_c2), t1_c2))
      })
    });
  };
  const mul034ByLine = ({ c0: f0, c1: f1 }, l0, l3, o4, Px, Py) => {
    const o0 = mul2ByFp(l0, Py);
    const o3 = mul2ByFp(l3, Px);
    const { c0: a0, c1: a1, c2: a2 } = f0;
    const { c0: b0, c1: b1, c2: b2 } = f1;
    const a_c0 = mul22(a0, o0);
    const a_c1 = mul22(a1, o0);
    const a_c2 = mul22(a2, o0);
    const b0m = mul22(b0, o3);
    const b1m = mul22(b1, o4);
    const b_c0 = add2(mul2ByNonresidue(sub2(mul22(add2(b1, b2), o4), b1m)), b0m);
    const b_c1 = sub2(sub2(mul22(add2(o3, o4), add2(b0, b1)), b0m), b1m);
    const b_c2 = add2(sub2(mul22(add2(b0, b2), o3), b0m), b1m);
    const s0 = add2(a0, b0);
    const s1 = add2(a1, b1);
    const s2 = add2(a2, b2);
    const o03 = add2(o0, o3);
    const e0m = mul22(s0, o03);
    const e1m = mul22(s1, o4);
    const e_c0 = add2(mul2ByNonresidue(sub2(mul22(add2(s1, s2), o4), e1m)), e0m);
    const e_c1 = sub2(sub2(mul22(add2(o03, o4), add2(s0, s1)), e0m), e1m);
    const e_c2 = add2(sub2(mul22(add2(s0, s2), o03), e0m), e1m);
    return Object.freeze({
      c0: Object.freeze({
        c0: fp2f(add2(mul2ByNonresidue(b_c2), a_c0)),
        c1: fp2f(add2(b_c0, a_c1)),
        c2: fp2f(add2(b_c1, a_c2))
      }),
      c1: Object.freeze({
        c0: fp2f(sub2(sub2(e_c0, a_c0), b_c0)),
        c1: fp2f(sub2(sub2(e_c1, a_c1), b_c1)),
        c2: fp2f(sub2(sub2(e_c2, a_c2), b_c2))
      })
    });
  };
  let lineFunction;
  if (twistType === "multiplicative") {
    lineFunction = (c0, c1, c2, f, Px, Py) => mul014ByLine(f, c0, c1, c2, Px, Py);
  } else if (twistType === "divisive") {
    lineFunction = (c0, c1, c2, f, Px, Py) => mul034ByLine(f, c2, c1, c0, Px, Py);
  } else
    throw new Error("bls: unknown twist type");
  const Fp2div2 = Fp23.div(Fp23.ONE, Fp23.mul(Fp23.ONE, _2n8));
  function pointDouble(ell, Rx, Ry, Rz) {
    const t0 = Fp23.sqr(Ry);
    const t1 = Fp23.sqr(Rz);
    const t2 = Fp23.mulByB(Fp23.mul(t1, _3n6));
    const t3 = Fp23.mul(t2, _3n6);
    const t4 = Fp23.sub(Fp23.sub(Fp23.sqr(Fp23.add(Ry, Rz)), t1), t0);
    const c0 = Fp23.sub(t2, t0);
    const c1 = Fp23.mul(Fp23.sqr(Rx), _3n6);
    const c2 = Fp23.neg(t4);
    ell.push([c0, c1, c2]);
    Rx = Fp23.mul(Fp23.mul(Fp23.mul(Fp23.sub(t0, t3), Rx), Ry), Fp2div2);
    Ry = Fp23.sub(Fp23.sqr(Fp23.mul(Fp23.add(t0, t3), Fp2div2)), Fp23.mul(Fp23.sqr(t2), _3n6));
    Rz = Fp23.mul(t0, t4);
    return { Rx, Ry, Rz };
  }
  function pointAdd(ell, Rx, Ry, Rz, Qx, Qy) {
    const t0 = Fp23.sub(Ry, Fp23.mul(Qy, Rz));
    const t1 = Fp23.sub(Rx, Fp23.mul(Qx, Rz));
    const c0 = Fp23.sub(Fp23.mul(t0, Qx), Fp23.mul(t1, Qy));
    const c1 = Fp23.neg(t0);
    const c2 = t1;
    ell.push([c0, c1, c2]);
    const t2 = Fp23.sqr(t1);
    const t3 = Fp23.mul(t2, t1);
    const t4 = Fp23.mul(t2, Rx);
    const t5 = Fp23.add(Fp23.sub(t3, Fp23.mul(t4, _2n8)), Fp23.mul(Fp23.sqr(t0), Rz));
    Rx = Fp23.mul(t1, t5);
    Ry = Fp23.sub(Fp23.mul(Fp23.sub(t4, t5), t0), Fp23.mul(t3, Ry));
    Rz = Fp23.mul(Rz, t3);
    return { Rx, Ry, Rz };
  }
  const ATE_NAF = NAfDecomposition(ateLoopSize);
  const calcPairingPrecomputes = (point) => {
    if (!(point instanceof G2))
      throw new TypeError('"point" expected G2 point, got type=' + typeof point);
    const p = point;
    const { x: x2, y } = p.toAffine();
    const Qx = x2, Qy = y, negQy = Fp23.neg(y);
    let Rx = Qx, Ry = Qy, Rz = Fp23.ONE;
    const ell = [];
    for (const bit of ATE_NAF) {
      const cur = [];
      ({ Rx, Ry, Rz } = pointDouble(cur, Rx, Ry, Rz));
      if (bit)
        ({ Rx, Ry, Rz } = pointAdd(cur, Rx, Ry, Rz, Qx, bit === -1 ? negQy : Qy));
      ell.push(cur);
    }
    if (postPrecompute) {
      const last = ell[ell.length - 1];
      postPrecompute(Rx, Ry, Rz, Qx, Qy, pointAdd.bind(null, last));
    }
    return ell;
  };
  function millerLoopBatch(pairs, withFinalExponent = false) {
    aarray(pairs, "pairs", (pair, title) => {
      aarray(pair, title);
      if (pair.length !== 3)
        throw new TypeError(`"${title}" expected precompute tuple`);
      aarray(pair[0], title + "[0]");
    });
    let f12 = Fp122.ONE;
    if (pairs.length) {
      const ellLen = pairs[0][0].length;
      for (let i = 0; i < ellLen; i++) {
        if (i !== 0)
          f12 = Fp122.sqr(f12);
        for (const [ell, Px, Py] of pairs) {
          for (const [c0, c1, c2] of ell[i])
            f12 = lineFunction(c0, c1, c2, f12, Px, Py);
        }
      }
    }
    if (xNegative)
      f12 = Fp122.conjugate(f12);
    return withFinalExponent ? Fp122.finalExponentiate(f12) : f12;
  }
  function pairingBatch(pairs, withFinalExponent = true) {
    aarray(pairs, "pairs");
    const res = [];
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[i];
      validateObject(pair, { g1: "object", g2: "object" }, {}, "pairs[" + i + "]");
      const { g1: g12, g2: g22 } = pair;
      if (!(g12 instanceof G1))
        throw new TypeError('"pairs[' + i + '].g1" expected G1 point, got type=' + typeof g12);
      if (!(g22 instanceof G2))
        throw new TypeError('"pairs[' + i + '].g2" expected G2 point, got type=' + typeof g22);
      if (g12.is0() || g22.is0())
        throw new Error("pairing is not available for ZERO point");
      g12.assertValidity();
      g22.assertValidity();
      const Qa = g12.toAffine();
      res.push([calcPairingPrecomputes(g22), Qa.x, Qa.y]);
    }
    return millerLoopBatch(res, withFinalExponent);
  }
  function pairing(Q, P2, withFinalExponent = true) {
    if (!(Q instanceof G1))
      throw new TypeError('"Q" expected G1 point, got type=' + typeof Q);
    if (!(P2 instanceof G2))
      throw new TypeError('"P" expected G2 point, got type=' + typeof P2);
    return pairingBatch([{ g1: Q, g2: P2 }], withFinalExponent);
  }
  const lengths = {
    seed: getMinHashLength(Fr.ORDER)
  };
  const rand = params.randomBytes === void 0 ? randomBytes2 : params.randomBytes;
  const randomSecretKey = (seed) => {
    seed = seed === void 0 ? rand(lengths.seed) : seed;
    abytes2(seed, lengths.seed, "seed");
    return mapHashToField(seed, Fr.ORDER);
  };
  Object.freeze(lengths);
  return {
    lengths,
    Fr,
    Fp12: Fp122,
    // NOTE: we re-export Fp12 here because pairing results are Fp12!
    millerLoopBatch,
    pairing,
    pairingBatch,
    calcPairingPrecomputes,
    randomSecretKey
  };
}
function createBlsSig(blsPairing, PubPoint, SigPoint, isSigG1, hashToSigCurve, SignatureCoder) {
  const { Fr, Fp12: Fp122, pairingBatch, randomSecretKey, lengths } = blsPairing;
  if (!SignatureCoder) {
    SignatureCoder = {
      fromBytes: notImplemented,
      fromHex: notImplemented,
      toBytes: notImplemented,
      toHex: notImplemented
    };
  }
  const sigCoder = Object.freeze({ ...SignatureCoder });
  function normPub(point) {
    return point instanceof PubPoint ? point : PubPoint.fromBytes(point);
  }
  function normSig(point) {
    return point instanceof SigPoint ? point : sigCoder.fromBytes(point);
  }
  function amsg(m) {
    if (!(m instanceof SigPoint))
      throw new Error(`expected valid message hashed to ${!isSigG1 ? "G2" : "G1"} curve`);
    return m;
  }
  const pair = !isSigG1 ? (a, b) => ({ g1: a, g2: b }) : (a, b) => ({ g1: b, g2: a });
  return Object.freeze({
    lengths: Object.freeze({ ...lengths, secretKey: Fr.BYTES }),
    keygen(seed) {
      const secretKey = randomSecretKey(seed);
      const publicKey = this.getPublicKey(secretKey);
      return { secretKey, publicKey };
    },
    // P = pk x G
    getPublicKey(secretKey) {
      let sec;
      try {
        sec = PubPoint.Fn.fromBytes(secretKey);
      } catch (error) {
        throw new Error("invalid private key: " + typeof secretKey, { cause: error });
      }
      return PubPoint.BASE.multiply(sec);
    },
    // S = pk x H(m)
    sign(message, secretKey, unusedArg) {
      if (unusedArg != null)
        throw new Error("sign() expects 2 arguments");
      const sec = PubPoint.Fn.fromBytes(secretKey);
      amsg(message).assertValidity();
      return message.multiply(sec);
    },
    // Checks if pairing of public key & hash is equal to pairing of generator & signature.
    // e(P, H(m)) == e(G, S)
    // e(S, G) == e(H(m), P)
    verify(signature, message, publicKey, unusedArg) {
      if (unusedArg != null)
        throw new Error("verify() expects 3 arguments");
      signature = normSig(signature);
      publicKey = normPub(publicKey);
      const P2 = publicKey.negate();
      const G = PubPoint.BASE;
      const Hm = amsg(message);
      const S = signature;
      try {
        const exp = pairingBatch([pair(P2, Hm), pair(G, S)]);
        return Fp122.eql(exp, Fp122.ONE);
      } catch {
        return false;
      }
    },
    // https://ethresear.ch/t/fast-verification-of-multiple-bls-signatures/5407
    // e(G, S) = e(G, SUM(n)(Si)) = MUL(n)(e(G, Si))
    // TODO: maybe `{message: G2Hex, publicKey: G1Hex}[]` instead?
    verifyBatch(signature, items) {
      aNonEmpty(items);
      const sig = normSig(signature);
      const nMessages = items.map((i) => amsg(i.message));
      const nPublicKeys = items.map((i) => normPub(i.publicKey));
      const messagePubKeyMap = /* @__PURE__ */ new Map();
      for (let i = 0; i < nPublicKeys.length; i++) {
        const pub = nPublicKeys[i];
        const msg = nMessages[i];
        let keys = messagePubKeyMap.get(msg);
        if (keys === void 0) {
          keys = [];
          messagePubKeyMap.set(msg, keys);
        }
        keys.push(pub);
      }
      const paired = [];
      const G = PubPoint.BASE;
      try {
        for (const [msg, keys] of messagePubKeyMap) {
          const groupPublicKey = keys.reduce((acc, msg2) => acc.add(msg2));
          paired.push(pair(groupPublicKey, msg));
        }
        paired.push(pair(G.negate(), sig));
        return Fp122.eql(pairingBatch(paired), Fp122.ONE);
      } catch {
        return false;
      }
    },
    // Adds a bunch of public key points together.
    // pk1 + pk2 + pk3 = pkA
    aggregatePublicKeys(publicKeys) {
      aNonEmpty(publicKeys);
      publicKeys = publicKeys.map((pub) => normPub(pub));
      const agg = publicKeys.reduce((sum, p) => sum.add(p), PubPoint.ZERO);
      agg.assertValidity();
      return agg;
    },
    // Adds a bunch of signature points together.
    // pk1 + pk2 + pk3 = pkA
    aggregateSignatures(signatures) {
      aNonEmpty(signatures);
      signatures = signatures.map((sig) => normSig(sig));
      const agg = signatures.reduce((sum, s) => sum.add(s), SigPoint.ZERO);
      agg.assertValidity();
      return agg;
    },
    hash(messageBytes, DST) {
      abytes2(messageBytes);
      const opts = DST === void 0 ? void 0 : { DST };
      return hashToSigCurve(messageBytes, opts);
    },
    Signature: Object.freeze({ ...sigCoder })
  });
}
function blsBasic(fields2, G1_Point2, G2_Point2, params) {
  const { Fp: Fp3, Fr, Fp2: Fp23, Fp6: Fp62, Fp12: Fp122 } = fields2;
  const G1 = { Point: G1_Point2 };
  const G2 = { Point: G2_Point2 };
  const pairingRes = createBlsPairing(fields2, G1_Point2, G2_Point2, params);
  const { millerLoopBatch, pairing, pairingBatch, calcPairingPrecomputes, randomSecretKey, lengths } = pairingRes;
  G1.Point.BASE.precompute(4);
  Object.freeze(G1);
  Object.freeze(G2);
  return Object.freeze({
    lengths: Object.freeze(lengths),
    millerLoopBatch,
    pairing,
    pairingBatch,
    G1,
    G2,
    fields: Object.freeze({ Fr, Fp: Fp3, Fp2: Fp23, Fp6: Fp62, Fp12: Fp122 }),
    params: Object.freeze({
      ateLoopSize: params.ateLoopSize,
      xNegative: params.xNegative,
      twistType: params.twistType,
      postPrecompute: params.postPrecompute
    }),
    utils: Object.freeze({
      randomSecretKey,
      calcPairingPrecomputes
    })
  });
}
function blsHashers(fields2, G1_Point2, G2_Point2, params, hasherParams) {
  const base = blsBasic(fields2, G1_Point2, G2_Point2, params);
  validateObject(hasherParams, { hasherOpts: "object", hasherOptsG1: "object", hasherOptsG2: "object" }, { mapToG1: "function", mapToG2: "function" }, "hasherParams");
  const G1Hasher = createHasher2(G1_Point2, hasherParams.mapToG1 === void 0 ? notImplemented : hasherParams.mapToG1, {
    ...hasherParams.hasherOpts,
    ...hasherParams.hasherOptsG1
  });
  const G2Hasher = createHasher2(G2_Point2, hasherParams.mapToG2 === void 0 ? notImplemented : hasherParams.mapToG2, {
    ...hasherParams.hasherOpts,
    ...hasherParams.hasherOptsG2
  });
  return Object.freeze({ ...base, G1: G1Hasher, G2: G2Hasher });
}
function bls(fields2, G1_Point2, G2_Point2, params, hasherParams, signatureCoders2) {
  const base = blsHashers(fields2, G1_Point2, G2_Point2, params, hasherParams);
  const pairingRes = {
    ...base,
    Fr: base.fields.Fr,
    Fp12: base.fields.Fp12,
    calcPairingPrecomputes: base.utils.calcPairingPrecomputes,
    randomSecretKey: base.utils.randomSecretKey
  };
  const longSignatures = createBlsSig(pairingRes, G1_Point2, G2_Point2, false, base.G2.hashToCurve, signatureCoders2?.LongSignature);
  const shortSignatures = createBlsSig(pairingRes, G2_Point2, G1_Point2, true, base.G1.hashToCurve, signatureCoders2?.ShortSignature);
  return Object.freeze({ ...base, longSignatures, shortSignatures });
}

// node_modules/@noble/curves/abstract/tower.js
var _0n12 = /* @__PURE__ */ BigInt(0);
var _1n13 = /* @__PURE__ */ BigInt(1);
var _2n9 = /* @__PURE__ */ BigInt(2);
var _3n7 = /* @__PURE__ */ BigInt(3);
var _6n = /* @__PURE__ */ BigInt(6);
var _12n = /* @__PURE__ */ BigInt(12);
var isObj = (value) => !!value && typeof value === "object";
function calcFrobeniusCoefficients(Fp3, nonResidue, modulus, degree, num = 1, divisor) {
  asafenumber(num, "num");
  asafenumber(degree, "degree");
  const divisorN = divisor === void 0 ? degree : divisor;
  asafenumber(divisorN, "divisor");
  const F = Fp3;
  if (typeof modulus !== "bigint" || modulus <= _1n13)
    throw new Error("calcFrobeniusCoefficients: expected valid modulus, got " + modulus);
  if (degree <= 0)
    throw new Error("calcFrobeniusCoefficients: expected positive degree, got " + degree);
  if (num <= 0)
    throw new Error("calcFrobeniusCoefficients: expected positive row count, got " + num);
  if (divisorN <= 0)
    throw new Error("calcFrobeniusCoefficients: expected positive divisor, got " + divisorN);
  const _divisor = BigInt(divisorN);
  const towerModulus = modulus ** BigInt(degree);
  const res = [];
  for (let i = 0; i < num; i++) {
    const a = BigInt(i + 1);
    const powers = [];
    for (let j = 0, qPower = _1n13; j < degree; j++) {
      const numer = a * qPower - a;
      if (numer % _divisor)
        throw new Error("calcFrobeniusCoefficients: inexact tower exponent");
      const power = numer / _divisor % towerModulus;
      powers.push(F.pow(nonResidue, power));
      qPower *= modulus;
    }
    res.push(powers);
  }
  return res;
}
function psiFrobenius(Fp3, Fp23, base) {
  validateField(Fp3);
  validateField(Fp23);
  validateObject(Fp23, {
    Fp: "object",
    frobeniusMap: "function",
    fromBigTuple: "function",
    mulByB: "function",
    mulByNonresidue: "function",
    reim: "function",
    Fp4Square: "function",
    NONRESIDUE: "object"
  }, {});
  if (!isObj(base) || Array.isArray(base))
    throw new TypeError('"base" expected Fp2 element, got type=' + typeof base);
  if (!Fp23.isValid(base))
    throw new RangeError('"base" expected valid Fp2 element');
  const PSI_X = Fp23.pow(base, (Fp3.ORDER - _1n13) / _3n7);
  const PSI_Y = Fp23.pow(base, (Fp3.ORDER - _1n13) / _2n9);
  function psi(x2, y) {
    const x22 = Fp23.mul(Fp23.frobeniusMap(x2, 1), PSI_X);
    const y2 = Fp23.mul(Fp23.frobeniusMap(y, 1), PSI_Y);
    return [x22, y2];
  }
  const PSI2_X = Fp23.pow(base, (Fp3.ORDER ** _2n9 - _1n13) / _3n7);
  const PSI2_Y = Fp23.pow(base, (Fp3.ORDER ** _2n9 - _1n13) / _2n9);
  if (!Fp23.eql(PSI2_Y, Fp23.neg(Fp23.ONE)))
    throw new Error("psiFrobenius: PSI2_Y!==-1");
  function psi2(x2, y) {
    return [Fp23.mul(x2, PSI2_X), Fp23.neg(y)];
  }
  const mapAffine = (fn) => (c, P2) => {
    if (typeof c !== "function")
      throw new TypeError('"c" expected point constructor, got type=' + typeof c);
    validatePointCons(c);
    if (!(P2 instanceof c))
      throw new TypeError('"P" expected Point instance, got type=' + typeof P2);
    const affine = P2.toAffine();
    const p = fn(affine.x, affine.y);
    return c.fromAffine({ x: p[0], y: p[1] });
  };
  const G2psi3 = mapAffine(psi);
  const G2psi22 = mapAffine(psi2);
  return { psi, psi2, G2psi: G2psi3, G2psi2: G2psi22, PSI_X, PSI_Y, PSI2_X, PSI2_Y };
}
var _Field2 = class {
  ORDER;
  BITS;
  BYTES;
  isLE;
  ZERO;
  ONE;
  Fp;
  NONRESIDUE;
  mulByB;
  Fp_NONRESIDUE;
  Fp_div2;
  constructor(Fp3, opts = {}) {
    const { NONRESIDUE = BigInt(-1), FP2_NONRESIDUE, Fp2mulByB } = opts;
    const ORDER2 = Fp3.ORDER;
    const FP2_ORDER = ORDER2 * ORDER2;
    this.Fp = Fp3;
    this.ORDER = FP2_ORDER;
    this.BITS = bitLen(FP2_ORDER);
    this.BYTES = Math.ceil(bitLen(FP2_ORDER) / 8);
    this.isLE = Fp3.isLE;
    this.ZERO = this.create({ c0: Fp3.ZERO, c1: Fp3.ZERO });
    this.ONE = this.create({ c0: Fp3.ONE, c1: Fp3.ZERO });
    this.Fp_NONRESIDUE = Fp3.create(NONRESIDUE);
    this.Fp_div2 = Fp3.div(Fp3.ONE, _2n9);
    this.NONRESIDUE = this.create({ c0: FP2_NONRESIDUE[0], c1: FP2_NONRESIDUE[1] });
    this.mulByB = (num) => {
      const { c0, c1 } = Fp2mulByB(num);
      return Object.freeze({ c0, c1 });
    };
    Object.freeze(this);
  }
  fromBigTuple(tuple) {
    if (!Array.isArray(tuple) || tuple.length !== 2)
      throw new Error("invalid Fp2.fromBigTuple");
    const [c0, c1] = tuple;
    if (typeof c0 !== "bigint" || typeof c1 !== "bigint")
      throw new Error("invalid Fp2.fromBigTuple");
    return this.create({ c0, c1 });
  }
  create(num) {
    const { Fp: Fp3 } = this;
    const c0 = Fp3.create(num.c0);
    const c1 = Fp3.create(num.c1);
    return Object.freeze({ c0, c1 });
  }
  isValid(num) {
    if (!isObj(num))
      throw new TypeError("invalid field element: expected object, got " + typeof num);
    const { c0, c1 } = num;
    const { Fp: Fp3 } = this;
    return Fp3.isValid(c0) && Fp3.isValid(c1);
  }
  is0(num) {
    if (!isObj(num))
      return false;
    const { c0, c1 } = num;
    const { Fp: Fp3 } = this;
    return Fp3.is0(c0) && Fp3.is0(c1);
  }
  isValidNot0(num) {
    return !this.is0(num) && this.isValid(num);
  }
  eql({ c0, c1 }, { c0: r0, c1: r1 }) {
    const { Fp: Fp3 } = this;
    return Fp3.eql(c0, r0) && Fp3.eql(c1, r1);
  }
  neg({ c0, c1 }) {
    const { Fp: Fp3 } = this;
    return Object.freeze({ c0: Fp3.neg(c0), c1: Fp3.neg(c1) });
  }
  pow(num, power) {
    return FpPow(this, num, power);
  }
  invertBatch(nums) {
    return FpInvertBatch(this, nums, true);
  }
  // Normalized
  add(f1, f2) {
    const { Fp: Fp3 } = this;
    const { c0, c1 } = f1;
    const { c0: r0, c1: r1 } = f2;
    return Object.freeze({
      c0: Fp3.add(c0, r0),
      c1: Fp3.add(c1, r1)
    });
  }
  sub({ c0, c1 }, { c0: r0, c1: r1 }) {
    const { Fp: Fp3 } = this;
    return Object.freeze({
      c0: Fp3.sub(c0, r0),
      c1: Fp3.sub(c1, r1)
    });
  }
  mul({ c0, c1 }, rhs) {
    const { Fp: Fp3 } = this;
    if (typeof rhs === "bigint")
      return Object.freeze({ c0: Fp3.mul(c0, rhs), c1: Fp3.mul(c1, rhs) });
    const { c0: r0, c1: r1 } = rhs;
    let t1 = Fp3.mul(c0, r0);
    let t2 = Fp3.mul(c1, r1);
    const o0 = Fp3.sub(t1, t2);
    const o1 = Fp3.sub(Fp3.mul(Fp3.add(c0, c1), Fp3.add(r0, r1)), Fp3.add(t1, t2));
    return Object.freeze({ c0: o0, c1: o1 });
  }
  sqr({ c0, c1 }) {
    const { Fp: Fp3 } = this;
    const a = Fp3.add(c0, c1);
    const b = Fp3.sub(c0, c1);
    const c = Fp3.add(c0, c0);
    return Object.freeze({ c0: Fp3.mul(a, b), c1: Fp3.mul(c, c1) });
  }
  // NonNormalized stuff
  addN(a, b) {
    return this.add(a, b);
  }
  subN(a, b) {
    return this.sub(a, b);
  }
  mulN(a, b) {
    return this.mul(a, b);
  }
  sqrN(a) {
    return this.sqr(a);
  }
  // Why inversion for bigint inside Fp instead of Fp2? it is even used in that context?
  div(lhs, rhs) {
    const { Fp: Fp3 } = this;
    return this.mul(lhs, typeof rhs === "bigint" ? Fp3.inv(Fp3.create(rhs)) : this.inv(rhs));
  }
  inv({ c0: a, c1: b }) {
    const { Fp: Fp3 } = this;
    const factor = Fp3.inv(Fp3.create(a * a + b * b));
    return Object.freeze({ c0: Fp3.mul(factor, Fp3.create(a)), c1: Fp3.mul(factor, Fp3.create(-b)) });
  }
  sqrt(num) {
    const { Fp: Fp3 } = this;
    const Fp23 = this;
    const { c0, c1 } = num;
    if (Fp3.is0(c1)) {
      if (FpLegendre(Fp3, c0) === 1)
        return Fp23.create({ c0: Fp3.sqrt(c0), c1: Fp3.ZERO });
      else
        return Fp23.create({ c0: Fp3.ZERO, c1: Fp3.sqrt(Fp3.div(c0, this.Fp_NONRESIDUE)) });
    }
    const a = Fp3.sqrt(Fp3.sub(Fp3.sqr(c0), Fp3.mul(Fp3.sqr(c1), this.Fp_NONRESIDUE)));
    let d = Fp3.mul(Fp3.add(a, c0), this.Fp_div2);
    const legendre = FpLegendre(Fp3, d);
    if (legendre === -1)
      d = Fp3.sub(d, a);
    const a0 = Fp3.sqrt(d);
    const candidateSqrt = Fp23.create({ c0: a0, c1: Fp3.div(Fp3.mul(c1, this.Fp_div2), a0) });
    if (!Fp23.eql(Fp23.sqr(candidateSqrt), num))
      throw new Error("Cannot find square root");
    const x1 = candidateSqrt;
    const x2 = Fp23.neg(x1);
    const { re: re1, im: im1 } = Fp23.reim(x1);
    const { re: re2, im: im2 } = Fp23.reim(x2);
    if (im1 > im2 || im1 === im2 && re1 > re2)
      return x1;
    return x2;
  }
  // Same as sgn0_m_eq_2 in RFC 9380
  isOdd(x2) {
    const { re: x0, im: x1 } = this.reim(x2);
    const sign_0 = x0 % _2n9;
    const zero_0 = x0 === _0n12;
    const sign_1 = x1 % _2n9;
    return BigInt(sign_0 || zero_0 && sign_1) == _1n13;
  }
  // Bytes util
  fromBytes(b) {
    const { Fp: Fp3 } = this;
    abytes2(b);
    if (b.length !== this.BYTES)
      throw new Error("fromBytes invalid length=" + b.length);
    return this.create({
      c0: Fp3.fromBytes(b.subarray(0, Fp3.BYTES)),
      c1: Fp3.fromBytes(b.subarray(Fp3.BYTES))
    });
  }
  toBytes({ c0, c1 }) {
    return concatBytes2(this.Fp.toBytes(c0), this.Fp.toBytes(c1));
  }
  cmov({ c0, c1 }, { c0: r0, c1: r1 }, c) {
    const { Fp: Fp3 } = this;
    return this.create({
      c0: Fp3.cmov(c0, r0, c),
      c1: Fp3.cmov(c1, r1, c)
    });
  }
  reim({ c0, c1 }) {
    return { re: c0, im: c1 };
  }
  Fp4Square(a, b) {
    const Fp23 = this;
    const a2 = Fp23.sqr(a);
    const b2 = Fp23.sqr(b);
    return {
      first: Fp23.add(Fp23.mulByNonresidue(b2), a2),
      // b² * Nonresidue + a²
      second: Fp23.sub(Fp23.sub(Fp23.sqr(Fp23.add(a, b)), a2), b2)
      // (a + b)² - a² - b²
    };
  }
  // multiply by u + 1
  mulByNonresidue({ c0, c1 }) {
    const { Fp: Fp3, NONRESIDUE: nr } = this;
    if (nr.c0 === Fp3.ONE && nr.c1 === Fp3.ONE) {
      return Object.freeze({ c0: Fp3.sub(c0, c1), c1: Fp3.add(c0, c1) });
    }
    if (nr.c1 === Fp3.ONE) {
      return Object.freeze({
        c0: Fp3.sub(Fp3.mul(c0, nr.c0), c1),
        c1: Fp3.add(c0, Fp3.mul(c1, nr.c0))
      });
    }
    return this.mul({ c0, c1 }, nr);
  }
  frobeniusMap(num, power) {
    const { c0, c1 } = num;
    const { Fp: Fp3 } = this;
    return Object.freeze({ c0, c1: power % 2 === 0 ? c1 : Fp3.neg(c1) });
  }
};
var _Field6 = class {
  ORDER;
  BITS;
  BYTES;
  isLE;
  ZERO;
  ONE;
  Fp2;
  constructor(Fp23) {
    this.Fp2 = Fp23;
    this.ORDER = Fp23.Fp.ORDER ** _6n;
    this.BITS = 3 * Fp23.BITS;
    this.BYTES = 3 * Fp23.BYTES;
    this.isLE = Fp23.isLE;
    this.ZERO = this.create({ c0: Fp23.ZERO, c1: Fp23.ZERO, c2: Fp23.ZERO });
    this.ONE = this.create({ c0: Fp23.ONE, c1: Fp23.ZERO, c2: Fp23.ZERO });
    Object.freeze(this);
  }
  // Most callers never touch Frobenius maps, so keep the sextic tables lazy:
  // eagerly deriving them dominates `bls12-381.js` / `bn254.js` import time.
  get FROBENIUS_COEFFICIENTS_1() {
    const frob2 = _FROBENIUS_COEFFICIENTS_6.get(this);
    if (frob2)
      return frob2[0];
    const { Fp2: Fp23 } = this;
    const { Fp: Fp3 } = Fp23;
    const rows = calcFrobeniusCoefficients(Fp23, Fp23.NONRESIDUE, Fp3.ORDER, 6, 2, 3);
    const cache = [Object.freeze(rows[0]), Object.freeze(rows[1])];
    _FROBENIUS_COEFFICIENTS_6.set(this, cache);
    return cache[0];
  }
  get FROBENIUS_COEFFICIENTS_2() {
    const frob2 = _FROBENIUS_COEFFICIENTS_6.get(this);
    if (frob2)
      return frob2[1];
    void this.FROBENIUS_COEFFICIENTS_1;
    return _FROBENIUS_COEFFICIENTS_6.get(this)[1];
  }
  add({ c0, c1, c2 }, { c0: r0, c1: r1, c2: r2 }) {
    const { Fp2: Fp23 } = this;
    return Object.freeze({
      c0: Fp23.add(c0, r0),
      c1: Fp23.add(c1, r1),
      c2: Fp23.add(c2, r2)
    });
  }
  sub({ c0, c1, c2 }, { c0: r0, c1: r1, c2: r2 }) {
    const { Fp2: Fp23 } = this;
    return Object.freeze({
      c0: Fp23.sub(c0, r0),
      c1: Fp23.sub(c1, r1),
      c2: Fp23.sub(c2, r2)
    });
  }
  mul({ c0, c1, c2 }, rhs) {
    const { Fp2: Fp23 } = this;
    if (typeof rhs === "bigint") {
      return Object.freeze({
        c0: Fp23.mul(c0, rhs),
        c1: Fp23.mul(c1, rhs),
        c2: Fp23.mul(c2, rhs)
      });
    }
    const { c0: r0, c1: r1, c2: r2 } = rhs;
    const t0 = Fp23.mul(c0, r0);
    const t1 = Fp23.mul(c1, r1);
    const t2 = Fp23.mul(c2, r2);
    return Object.freeze({
      // t0 + (c1 + c2) * (r1 * r2) - (T1 + T2) * (u + 1)
      c0: Fp23.add(t0, Fp23.mulByNonresidue(Fp23.sub(Fp23.mul(Fp23.add(c1, c2), Fp23.add(r1, r2)), Fp23.add(t1, t2)))),
      // (c0 + c1) * (r0 + r1) - (T0 + T1) + T2 * (u + 1)
      c1: Fp23.add(Fp23.sub(Fp23.mul(Fp23.add(c0, c1), Fp23.add(r0, r1)), Fp23.add(t0, t1)), Fp23.mulByNonresidue(t2)),
      // T1 + (c0 + c2) * (r0 + r2) - T0 + T2
      c2: Fp23.sub(Fp23.add(t1, Fp23.mul(Fp23.add(c0, c2), Fp23.add(r0, r2))), Fp23.add(t0, t2))
    });
  }
  sqr({ c0, c1, c2 }) {
    const { Fp2: Fp23 } = this;
    let t0 = Fp23.sqr(c0);
    let t1 = Fp23.mul(Fp23.mul(c0, c1), _2n9);
    let t3 = Fp23.mul(Fp23.mul(c1, c2), _2n9);
    let t4 = Fp23.sqr(c2);
    return Object.freeze({
      c0: Fp23.add(Fp23.mulByNonresidue(t3), t0),
      // T3 * (u + 1) + T0
      c1: Fp23.add(Fp23.mulByNonresidue(t4), t1),
      // T4 * (u + 1) + T1
      // T1 + (c0 - c1 + c2)² + T3 - T0 - T4
      c2: Fp23.sub(Fp23.sub(Fp23.add(Fp23.add(t1, Fp23.sqr(Fp23.add(Fp23.sub(c0, c1), c2))), t3), t0), t4)
    });
  }
  addN(a, b) {
    return this.add(a, b);
  }
  subN(a, b) {
    return this.sub(a, b);
  }
  mulN(a, b) {
    return this.mul(a, b);
  }
  sqrN(a) {
    return this.sqr(a);
  }
  create(num) {
    const { Fp2: Fp23 } = this;
    const c0 = Fp23.create(num.c0);
    const c1 = Fp23.create(num.c1);
    const c2 = Fp23.create(num.c2);
    return Object.freeze({ c0, c1, c2 });
  }
  isValid(num) {
    if (!isObj(num))
      throw new TypeError("invalid field element: expected object, got " + typeof num);
    const { c0, c1, c2 } = num;
    const { Fp2: Fp23 } = this;
    return Fp23.isValid(c0) && Fp23.isValid(c1) && Fp23.isValid(c2);
  }
  is0(num) {
    if (!isObj(num))
      return false;
    const { c0, c1, c2 } = num;
    const { Fp2: Fp23 } = this;
    return Fp23.is0(c0) && Fp23.is0(c1) && Fp23.is0(c2);
  }
  isValidNot0(num) {
    return !this.is0(num) && this.isValid(num);
  }
  neg({ c0, c1, c2 }) {
    const { Fp2: Fp23 } = this;
    return Object.freeze({ c0: Fp23.neg(c0), c1: Fp23.neg(c1), c2: Fp23.neg(c2) });
  }
  eql({ c0, c1, c2 }, { c0: r0, c1: r1, c2: r2 }) {
    const { Fp2: Fp23 } = this;
    return Fp23.eql(c0, r0) && Fp23.eql(c1, r1) && Fp23.eql(c2, r2);
  }
  sqrt(_) {
    return notImplemented();
  }
  // Do we need division by bigint at all? Should be done via order:
  div(lhs, rhs) {
    const { Fp2: Fp23 } = this;
    const { Fp: Fp3 } = Fp23;
    return this.mul(lhs, typeof rhs === "bigint" ? Fp3.inv(Fp3.create(rhs)) : this.inv(rhs));
  }
  pow(num, power) {
    return FpPow(this, num, power);
  }
  invertBatch(nums) {
    return FpInvertBatch(this, nums, true);
  }
  inv({ c0, c1, c2 }) {
    const { Fp2: Fp23 } = this;
    let t0 = Fp23.sub(Fp23.sqr(c0), Fp23.mulByNonresidue(Fp23.mul(c2, c1)));
    let t1 = Fp23.sub(Fp23.mulByNonresidue(Fp23.sqr(c2)), Fp23.mul(c0, c1));
    let t2 = Fp23.sub(Fp23.sqr(c1), Fp23.mul(c0, c2));
    let t4 = Fp23.inv(Fp23.add(Fp23.mulByNonresidue(Fp23.add(Fp23.mul(c2, t1), Fp23.mul(c1, t2))), Fp23.mul(c0, t0)));
    return Object.freeze({ c0: Fp23.mul(t4, t0), c1: Fp23.mul(t4, t1), c2: Fp23.mul(t4, t2) });
  }
  // Bytes utils
  fromBytes(b) {
    const { Fp2: Fp23 } = this;
    abytes2(b);
    if (b.length !== this.BYTES)
      throw new Error("fromBytes invalid length=" + b.length);
    const B2 = Fp23.BYTES;
    return this.create({
      c0: Fp23.fromBytes(b.subarray(0, B2)),
      c1: Fp23.fromBytes(b.subarray(B2, B2 * 2)),
      c2: Fp23.fromBytes(b.subarray(2 * B2))
    });
  }
  toBytes({ c0, c1, c2 }) {
    const { Fp2: Fp23 } = this;
    return concatBytes2(Fp23.toBytes(c0), Fp23.toBytes(c1), Fp23.toBytes(c2));
  }
  cmov({ c0, c1, c2 }, { c0: r0, c1: r1, c2: r2 }, c) {
    const { Fp2: Fp23 } = this;
    return this.create({
      c0: Fp23.cmov(c0, r0, c),
      c1: Fp23.cmov(c1, r1, c),
      c2: Fp23.cmov(c2, r2, c)
    });
  }
  fromBigSix(tuple) {
    const { Fp2: Fp23 } = this;
    if (!Array.isArray(tuple) || tuple.length !== 6)
      throw new Error("invalid Fp6.fromBigSix");
    for (let i = 0; i < 6; i++)
      if (typeof tuple[i] !== "bigint")
        throw new Error("invalid Fp6.fromBigSix");
    const t2 = tuple;
    return this.create({
      c0: Fp23.fromBigTuple(t2.slice(0, 2)),
      c1: Fp23.fromBigTuple(t2.slice(2, 4)),
      c2: Fp23.fromBigTuple(t2.slice(4, 6))
    });
  }
  frobeniusMap(num, power) {
    const { c0, c1, c2 } = num;
    if (power % 6 === 0)
      return Object.freeze({ c0, c1, c2 });
    const { Fp2: Fp23 } = this;
    return Object.freeze({
      c0: Fp23.frobeniusMap(c0, power),
      c1: Fp23.mul(Fp23.frobeniusMap(c1, power), this.FROBENIUS_COEFFICIENTS_1[power % 6]),
      c2: Fp23.mul(Fp23.frobeniusMap(c2, power), this.FROBENIUS_COEFFICIENTS_2[power % 6])
    });
  }
  mulByFp2({ c0, c1, c2 }, rhs) {
    const { Fp2: Fp23 } = this;
    return Object.freeze({
      c0: Fp23.mul(c0, rhs),
      c1: Fp23.mul(c1, rhs),
      c2: Fp23.mul(c2, rhs)
    });
  }
  mulByNonresidue({ c0, c1, c2 }) {
    const { Fp2: Fp23 } = this;
    return Object.freeze({ c0: Fp23.mulByNonresidue(c2), c1: c0, c2: c1 });
  }
  // Sparse multiplication
  mul1({ c0, c1, c2 }, b1) {
    const { Fp2: Fp23 } = this;
    return Object.freeze({
      c0: Fp23.mulByNonresidue(Fp23.mul(c2, b1)),
      c1: Fp23.mul(c0, b1),
      c2: Fp23.mul(c1, b1)
    });
  }
  // Sparse multiplication
  mul01({ c0, c1, c2 }, b0, b1) {
    const { Fp2: Fp23 } = this;
    let t0 = Fp23.mul(c0, b0);
    let t1 = Fp23.mul(c1, b1);
    return Object.freeze({
      // ((c1 + c2) * b1 - T1) * (u + 1) + T0
      c0: Fp23.add(Fp23.mulByNonresidue(Fp23.sub(Fp23.mul(Fp23.add(c1, c2), b1), t1)), t0),
      // (b0 + b1) * (c0 + c1) - T0 - T1
      c1: Fp23.sub(Fp23.sub(Fp23.mul(Fp23.add(b0, b1), Fp23.add(c0, c1)), t0), t1),
      // (c0 + c2) * b0 - T0 + T1
      c2: Fp23.add(Fp23.sub(Fp23.mul(Fp23.add(c0, c2), b0), t0), t1)
    });
  }
};
var _FROBENIUS_COEFFICIENTS_6 = /* @__PURE__ */ new WeakMap();
var _Field12 = class {
  ORDER;
  BITS;
  BYTES;
  isLE;
  ZERO;
  ONE;
  Fp6;
  X_LEN;
  finalExponentiate;
  constructor(Fp62, opts) {
    const { X_LEN, Fp12finalExponentiate } = opts;
    const { Fp2: Fp23 } = Fp62;
    const { Fp: Fp3 } = Fp23;
    this.Fp6 = Fp62;
    this.ORDER = Fp3.ORDER ** _12n;
    this.BITS = 2 * Fp62.BITS;
    this.BYTES = 2 * Fp62.BYTES;
    this.isLE = Fp62.isLE;
    this.ZERO = this.create({ c0: Fp62.ZERO, c1: Fp62.ZERO });
    this.ONE = this.create({ c0: Fp62.ONE, c1: Fp62.ZERO });
    this.X_LEN = X_LEN;
    this.finalExponentiate = (num) => {
      const copy2 = ({ c0, c1 }) => Object.freeze({ c0, c1 });
      const copy6 = ({ c0, c1, c2 }) => Object.freeze({ c0: copy2(c0), c1: copy2(c1), c2: copy2(c2) });
      const res = Fp12finalExponentiate(num);
      return Object.freeze({ c0: copy6(res.c0), c1: copy6(res.c1) });
    };
    Object.freeze(this);
  }
  // Keep the degree-12 Frobenius row lazy too; after the first lookup the cached
  // array is reused exactly like the old eager table.
  get FROBENIUS_COEFFICIENTS() {
    const frob2 = _FROBENIUS_COEFFICIENTS_12.get(this);
    if (frob2)
      return frob2;
    const { Fp2: Fp23 } = this.Fp6;
    const { Fp: Fp3 } = Fp23;
    const cache = Object.freeze(calcFrobeniusCoefficients(Fp23, Fp23.NONRESIDUE, Fp3.ORDER, 12, 1, 6)[0]);
    _FROBENIUS_COEFFICIENTS_12.set(this, cache);
    return cache;
  }
  create(num) {
    const { Fp6: Fp62 } = this;
    const c0 = Fp62.create(num.c0);
    const c1 = Fp62.create(num.c1);
    return Object.freeze({ c0, c1 });
  }
  isValid(num) {
    if (!isObj(num))
      throw new TypeError("invalid field element: expected object, got " + typeof num);
    const { c0, c1 } = num;
    const { Fp6: Fp62 } = this;
    return Fp62.isValid(c0) && Fp62.isValid(c1);
  }
  is0(num) {
    if (!isObj(num))
      return false;
    const { c0, c1 } = num;
    const { Fp6: Fp62 } = this;
    return Fp62.is0(c0) && Fp62.is0(c1);
  }
  isValidNot0(num) {
    return !this.is0(num) && this.isValid(num);
  }
  neg({ c0, c1 }) {
    const { Fp6: Fp62 } = this;
    return Object.freeze({ c0: Fp62.neg(c0), c1: Fp62.neg(c1) });
  }
  eql({ c0, c1 }, { c0: r0, c1: r1 }) {
    const { Fp6: Fp62 } = this;
    return Fp62.eql(c0, r0) && Fp62.eql(c1, r1);
  }
  sqrt(_) {
    return notImplemented();
  }
  inv({ c0, c1 }) {
    const { Fp6: Fp62 } = this;
    let t2 = Fp62.inv(Fp62.sub(Fp62.sqr(c0), Fp62.mulByNonresidue(Fp62.sqr(c1))));
    return Object.freeze({ c0: Fp62.mul(c0, t2), c1: Fp62.neg(Fp62.mul(c1, t2)) });
  }
  div(lhs, rhs) {
    const { Fp6: Fp62 } = this;
    const { Fp2: Fp23 } = Fp62;
    const { Fp: Fp3 } = Fp23;
    return this.mul(lhs, typeof rhs === "bigint" ? Fp3.inv(Fp3.create(rhs)) : this.inv(rhs));
  }
  pow(num, power) {
    return FpPow(this, num, power);
  }
  invertBatch(nums) {
    return FpInvertBatch(this, nums, true);
  }
  // Normalized
  add({ c0, c1 }, { c0: r0, c1: r1 }) {
    const { Fp6: Fp62 } = this;
    return Object.freeze({
      c0: Fp62.add(c0, r0),
      c1: Fp62.add(c1, r1)
    });
  }
  sub({ c0, c1 }, { c0: r0, c1: r1 }) {
    const { Fp6: Fp62 } = this;
    return Object.freeze({
      c0: Fp62.sub(c0, r0),
      c1: Fp62.sub(c1, r1)
    });
  }
  mul({ c0, c1 }, rhs) {
    const { Fp6: Fp62 } = this;
    if (typeof rhs === "bigint")
      return Object.freeze({ c0: Fp62.mul(c0, rhs), c1: Fp62.mul(c1, rhs) });
    let { c0: r0, c1: r1 } = rhs;
    let t1 = Fp62.mul(c0, r0);
    let t2 = Fp62.mul(c1, r1);
    return Object.freeze({
      c0: Fp62.add(t1, Fp62.mulByNonresidue(t2)),
      // T1 + T2 * v
      // (c0 + c1) * (r0 + r1) - (T1 + T2)
      c1: Fp62.sub(Fp62.mul(Fp62.add(c0, c1), Fp62.add(r0, r1)), Fp62.add(t1, t2))
    });
  }
  sqr({ c0, c1 }) {
    const { Fp6: Fp62 } = this;
    let ab = Fp62.mul(c0, c1);
    return Object.freeze({
      // (c1 * v + c0) * (c0 + c1) - AB - AB * v
      c0: Fp62.sub(Fp62.sub(Fp62.mul(Fp62.add(Fp62.mulByNonresidue(c1), c0), Fp62.add(c0, c1)), ab), Fp62.mulByNonresidue(ab)),
      c1: Fp62.add(ab, ab)
    });
  }
  // NonNormalized stuff
  addN(a, b) {
    return this.add(a, b);
  }
  subN(a, b) {
    return this.sub(a, b);
  }
  mulN(a, b) {
    return this.mul(a, b);
  }
  sqrN(a) {
    return this.sqr(a);
  }
  // Bytes utils
  fromBytes(b) {
    const { Fp6: Fp62 } = this;
    abytes2(b);
    if (b.length !== this.BYTES)
      throw new Error("fromBytes invalid length=" + b.length);
    return this.create({
      c0: Fp62.fromBytes(b.subarray(0, Fp62.BYTES)),
      c1: Fp62.fromBytes(b.subarray(Fp62.BYTES))
    });
  }
  toBytes({ c0, c1 }) {
    const { Fp6: Fp62 } = this;
    return concatBytes2(Fp62.toBytes(c0), Fp62.toBytes(c1));
  }
  cmov({ c0, c1 }, { c0: r0, c1: r1 }, c) {
    const { Fp6: Fp62 } = this;
    return this.create({
      c0: Fp62.cmov(c0, r0, c),
      c1: Fp62.cmov(c1, r1, c)
    });
  }
  // Utils
  // toString() {
  //   return '' + 'Fp12(' + this.c0 + this.c1 + '* w');
  // },
  // fromTuple(c: [Fp6, Fp6]) {
  //   return new Fp12(...c);
  // }
  fromBigTwelve(tuple) {
    const { Fp6: Fp62 } = this;
    if (!Array.isArray(tuple) || tuple.length !== 12)
      throw new Error("invalid Fp12.fromBigTwelve");
    for (let i = 0; i < 12; i++)
      if (typeof tuple[i] !== "bigint")
        throw new Error("invalid Fp12.fromBigTwelve");
    const t2 = tuple;
    return this.create({
      c0: Fp62.fromBigSix(t2.slice(0, 6)),
      c1: Fp62.fromBigSix(t2.slice(6, 12))
    });
  }
  // Raises to q**i -th power
  frobeniusMap(lhs, power) {
    const p = power % 12;
    if (p === 0)
      return Object.freeze({ c0: lhs.c0, c1: lhs.c1 });
    if (p === 6)
      return this.conjugate(lhs);
    const { Fp6: Fp62 } = this;
    const { Fp2: Fp23 } = Fp62;
    const { c0, c1, c2 } = Fp62.frobeniusMap(lhs.c1, power);
    const coeff = this.FROBENIUS_COEFFICIENTS[p];
    return Object.freeze({
      c0: Fp62.frobeniusMap(lhs.c0, power),
      c1: Object.freeze({
        c0: Fp23.mul(c0, coeff),
        c1: Fp23.mul(c1, coeff),
        c2: Fp23.mul(c2, coeff)
      })
    });
  }
  mulByFp2({ c0, c1 }, rhs) {
    const { Fp6: Fp62 } = this;
    return Object.freeze({
      c0: Fp62.mulByFp2(c0, rhs),
      c1: Fp62.mulByFp2(c1, rhs)
    });
  }
  conjugate({ c0, c1 }) {
    return Object.freeze({ c0, c1: this.Fp6.neg(c1) });
  }
  // A cyclotomic group is a subgroup of Fp^n defined by
  //   GΦₙ(p) = {α ∈ Fpⁿ : α^Φₙ(p) = 1}
  // The result of any pairing is in a cyclotomic subgroup
  // https://eprint.iacr.org/2009/565.pdf
  // https://eprint.iacr.org/2010/354.pdf
  _cyclotomicSquare({ c0, c1 }) {
    const { Fp6: Fp62 } = this;
    const { Fp2: Fp23 } = Fp62;
    const { c0: c0c0, c1: c0c1, c2: c0c2 } = c0;
    const { c0: c1c0, c1: c1c1, c2: c1c2 } = c1;
    const { first: t3, second: t4 } = Fp23.Fp4Square(c0c0, c1c1);
    const { first: t5, second: t6 } = Fp23.Fp4Square(c1c0, c0c2);
    const { first: t7, second: t8 } = Fp23.Fp4Square(c0c1, c1c2);
    const t9 = Fp23.mulByNonresidue(t8);
    return Object.freeze({
      c0: Object.freeze({
        c0: Fp23.add(Fp23.mul(Fp23.sub(t3, c0c0), _2n9), t3),
        // 2 * (T3 - c0c0)  + T3
        c1: Fp23.add(Fp23.mul(Fp23.sub(t5, c0c1), _2n9), t5),
        // 2 * (T5 - c0c1)  + T5
        c2: Fp23.add(Fp23.mul(Fp23.sub(t7, c0c2), _2n9), t7)
      }),
      // 2 * (T7 - c0c2)  + T7
      c1: Object.freeze({
        c0: Fp23.add(Fp23.mul(Fp23.add(t9, c1c0), _2n9), t9),
        // 2 * (T9 + c1c0) + T9
        c1: Fp23.add(Fp23.mul(Fp23.add(t4, c1c1), _2n9), t4),
        // 2 * (T4 + c1c1) + T4
        c2: Fp23.add(Fp23.mul(Fp23.add(t6, c1c2), _2n9), t6)
      })
    });
  }
  // https://eprint.iacr.org/2009/565.pdf
  _cyclotomicExp(num, n) {
    aInRange("cyclotomic exponent", n, _0n12, _1n13 << BigInt(this.X_LEN));
    if (n === _0n12)
      return this.ONE;
    let z = num;
    for (let i = bitLen(n) - 2; i >= 0; i--) {
      z = this._cyclotomicSquare(z);
      if (bitGet(n, i))
        z = this.mul(z, num);
    }
    return z;
  }
};
var _FROBENIUS_COEFFICIENTS_12 = /* @__PURE__ */ new WeakMap();
function tower12(opts) {
  validateObject(opts, {
    ORDER: "bigint",
    X_LEN: "number",
    FP2_NONRESIDUE: "object",
    Fp2mulByB: "function",
    Fp12finalExponentiate: "function"
  }, { NONRESIDUE: "bigint" });
  asafenumber(opts.X_LEN, "X_LEN");
  if (opts.X_LEN < 1)
    throw new Error("invalid X_LEN");
  const nonresidue = opts.FP2_NONRESIDUE;
  if (!Array.isArray(nonresidue) || nonresidue.length !== 2)
    throw new Error("invalid FP2_NONRESIDUE");
  if (typeof nonresidue[0] !== "bigint" || typeof nonresidue[1] !== "bigint")
    throw new Error("invalid FP2_NONRESIDUE");
  const Fp3 = Field(opts.ORDER);
  const Fp23 = new _Field2(Fp3, opts);
  const Fp62 = new _Field6(Fp23);
  const Fp122 = new _Field12(Fp62, opts);
  return { Fp: Fp3, Fp2: Fp23, Fp6: Fp62, Fp12: Fp122 };
}

// node_modules/@noble/curves/bls12-381.js
var _0n13 = BigInt(0);
var _1n14 = BigInt(1);
var _2n10 = BigInt(2);
var _3n8 = BigInt(3);
var _4n8 = BigInt(4);
var BLS_X = BigInt("0xd201000000010000");
var BLS_X_LEN = bitLen(BLS_X);
var bls12_381_CURVE_G1 = {
  p: BigInt("0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab"),
  n: BigInt("0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001"),
  h: BigInt("0x396c8c005555e1568c00aaab0000aaab"),
  a: _0n13,
  b: _4n8,
  Gx: BigInt("0x17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"),
  Gy: BigInt("0x08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1")
};
var bls12_381_Fr = Field(bls12_381_CURVE_G1.n, {
  modFromBytes: true
});
function bls12FromCompressed(g0, g12, { g2: g22, g3, g4, g5 }) {
  return { c0: { c0: g0, c1: g4, c2: g3 }, c1: { c0: g22, c1: g12, c2: g5 } };
}
function bls12Compress({ c0, c1 }) {
  return { g2: c1.c0, g3: c0.c2, g4: c0.c1, g5: c1.c2 };
}
function bls12CyclotomicSquareCompressed({ g2: g22, g3, g4, g5 }) {
  const { first: h23c0, second: h23c1 } = Fp22.Fp4Square(g4, g5);
  const { first: h45c0, second: h45c1 } = Fp22.Fp4Square(g22, g3);
  const d2 = Fp22.add(g22, g22);
  const d3 = Fp22.add(g3, g3);
  const d4 = Fp22.add(g4, g4);
  const d5 = Fp22.add(g5, g5);
  return {
    g2: Fp22.add(Fp22.mul(Fp22.mulByNonresidue(h23c1), _3n8), d2),
    g3: Fp22.sub(Fp22.mul(h23c0, _3n8), d3),
    g4: Fp22.sub(Fp22.mul(h45c0, _3n8), d4),
    g5: Fp22.add(Fp22.mul(h45c1, _3n8), d5)
  };
}
function bls12RecoverG1Ratio({ g2: g22, g3, g4, g5 }) {
  if (Fp22.is0(g22))
    return { num: Fp22.mul(Fp22.mul(g4, g5), _2n10), den: g3 };
  return {
    num: Fp22.add(Fp22.sub(Fp22.mul(Fp22.sqr(g4), _3n8), Fp22.mul(g3, _2n10)), Fp22.mulByNonresidue(Fp22.sqr(g5))),
    den: Fp22.mul(g22, _4n8)
  };
}
function bls12RecoverG0(g12, { g2: g22, g3, g4, g5 }) {
  const g3g4 = Fp22.mul(g3, g4);
  const t2 = Fp22.add(Fp22.sub(Fp22.mul(Fp22.sub(Fp22.sqr(g12), g3g4), _2n10), g3g4), Fp22.mul(g22, g5));
  return Fp22.add(Fp22.mulByNonresidue(t2), Fp22.ONE);
}
function bls12CyclotomicExpCompressed(num, squarings) {
  const gs = [];
  let g = bls12Compress(num);
  for (const count of squarings) {
    for (let i = 0; i < count; i++)
      g = bls12CyclotomicSquareCompressed(g);
    gs.push(g);
  }
  const isOne = gs.map(({ g2: g22, g3 }) => Fp22.is0(g22) && Fp22.is0(g3));
  const ratios = gs.map(bls12RecoverG1Ratio);
  const invDens = Fp22.invertBatch(ratios.map(({ den }) => den));
  const elems = gs.map((compressed, i) => {
    if (isOne[i])
      return Fp12.ONE;
    const g12 = Fp22.mul(ratios[i].num, invDens[i]);
    return bls12FromCompressed(bls12RecoverG0(g12, compressed), g12, compressed);
  });
  return { result: Fp12.mul(Fp12.mul(elems[0], elems[1]), elems[2]), last: elems[2] };
}
function bls12CyclotomicExpX(num) {
  const { result, last } = bls12CyclotomicExpCompressed(num, [16, 32, 9]);
  let r = result;
  let s = last;
  for (let i = 0; i < 3; i++)
    s = Fp12._cyclotomicSquare(s);
  r = Fp12.mul(r, s);
  for (let i = 0; i < 2; i++)
    s = Fp12._cyclotomicSquare(s);
  r = Fp12.mul(r, s);
  s = Fp12._cyclotomicSquare(s);
  return Fp12.mul(r, s);
}
var { Fp: Fp2, Fp2: Fp22, Fp6, Fp12 } = tower12({
  ORDER: bls12_381_CURVE_G1.p,
  X_LEN: BLS_X_LEN,
  // Finite extension field over irreducible polynominal.
  // Fp(u) / (u² - β) where β = -1
  // Public `Fp2.NONRESIDUE` below is the sextic-tower value `(1, 1) = u + 1`;
  // the quadratic non-residue for the base Fp2 construction is still `-1`.
  FP2_NONRESIDUE: [_1n14, _1n14],
  Fp2mulByB: ({ c0, c1 }) => {
    const t0 = Fp2.mul(c0, _4n8);
    const t1 = Fp2.mul(c1, _4n8);
    return { c0: Fp2.sub(t0, t1), c1: Fp2.add(t0, t1) };
  },
  Fp12finalExponentiate: (num) => {
    const powMinusX = (num2) => Fp12.conjugate(bls12CyclotomicExpX(num2));
    const t0 = Fp12.div(Fp12.frobeniusMap(num, 6), num);
    const t1 = Fp12.mul(Fp12.frobeniusMap(t0, 2), t0);
    const t2 = powMinusX(t1);
    const t3 = Fp12.mul(Fp12.conjugate(Fp12._cyclotomicSquare(t1)), t2);
    const t4 = powMinusX(t3);
    const t5 = powMinusX(t4);
    const t6 = Fp12.mul(powMinusX(t5), Fp12._cyclotomicSquare(t2));
    const t7 = powMinusX(t6);
    const t2_t5_pow_q2 = Fp12.frobeniusMap(Fp12.mul(t2, t5), 2);
    const t4_t1_pow_q3 = Fp12.frobeniusMap(Fp12.mul(t4, t1), 3);
    const t6_t1c_pow_q1 = Fp12.frobeniusMap(Fp12.mul(t6, Fp12.conjugate(t1)), 1);
    const t7_t3c_t1 = Fp12.mul(Fp12.mul(t7, Fp12.conjugate(t3)), t1);
    return Fp12.mul(Fp12.mul(Fp12.mul(t2_t5_pow_q2, t4_t1_pow_q3), t6_t1c_pow_q1), t7_t3c_t1);
  }
});
var frob;
var getFrob = () => frob || (frob = psiFrobenius(Fp2, Fp22, Fp22.div(Fp22.ONE, Fp22.NONRESIDUE)));
var G2psi = (c, P2) => {
  const fn = getFrob().G2psi;
  G2psi = fn;
  return fn(c, P2);
};
var G2psi2 = (c, P2) => {
  const fn = getFrob().G2psi2;
  G2psi2 = fn;
  return fn(c, P2);
};
var hasher_opts = Object.freeze({
  DST: "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_",
  encodeDST: "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_",
  p: Fp2.ORDER,
  m: 2,
  k: 128,
  expand: "xmd",
  hash: sha256
});
var bls12_381_CURVE_G2 = {
  p: Fp22.ORDER,
  n: bls12_381_CURVE_G1.n,
  h: BigInt("0x5d543a95414e7f1091d50792876a202cd91de4547085abaa68a205b2e5a7ddfa628f1cb4d9e82ef21537e293a6691ae1616ec6e786f0c70cf1c38e31c7238e5"),
  a: Fp22.ZERO,
  b: Fp22.fromBigTuple([_4n8, _4n8]),
  Gx: Fp22.fromBigTuple([
    BigInt("0x024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8"),
    BigInt("0x13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e")
  ]),
  Gy: Fp22.fromBigTuple([
    BigInt("0x0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801"),
    BigInt("0x0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be")
  ])
};
var sortBit = (parts, p) => {
  for (const part of parts) {
    if (part !== _0n13)
      return Boolean(part * _2n10 / p);
  }
  return false;
};
var fp2 = {
  // Generic tower bytes use `c0 || c1`, but the BLS12-381 G2 point/signature wire encoding uses
  // `c1 || c0`, so keep this local wrapper instead of changing generic field serialization.
  encode({ c0, c1 }) {
    const { BYTES: L } = Fp2;
    return concatBytes2(numberToBytesBE(c1, L), numberToBytesBE(c0, L));
  },
  decode(bytes) {
    const { BYTES: L } = Fp2;
    return Fp22.create({
      c0: decodeFp(bytes.subarray(L)),
      c1: decodeFp(bytes.subarray(0, L))
    });
  }
};
var BaseFp = Fp2;
function decodeFp(bytes) {
  return Fp2.fromBytes(bytes);
}
var coder = (name, Fp3, b, encode, decode, yparts) => {
  const F = Fp3;
  const enc = encode;
  const dec = decode;
  const W = F.BYTES;
  return (allowUncompressed) => ({
    encode(point, compressed = true) {
      if (!compressed && !allowUncompressed)
        throw new Error("invalid signature: expected compressed encoding");
      const infinity = point.is0();
      const { x: x2, y } = point.toAffine();
      const bytes = compressed ? enc(x2) : concatBytes2(enc(x2), enc(y));
      let sort;
      if (compressed && !infinity)
        sort = sortBit(yparts(y), BaseFp.ORDER);
      return setMask(bytes, { compressed, infinity, sort });
    },
    decode(bytes) {
      const raw = allowUncompressed ? abytes2(bytes, void 0, "point") : abytes2(bytes, W, "signature");
      const { compressed, infinity, sort, value } = parseMask(raw);
      if (!allowUncompressed && !compressed)
        throw new Error("invalid signature: expected compressed encoding");
      const len = compressed ? W : 2 * W;
      if (value.length !== len)
        throw new Error(`invalid ${name} point: expected ${len} bytes`);
      if (infinity) {
        for (const b2 of value) {
          if (b2)
            throw new Error(`invalid ${name} point: non-canonical zero`);
        }
        return { x: F.ZERO, y: F.ZERO };
      }
      const x2 = dec(compressed ? value : value.subarray(0, W));
      let y;
      if (compressed) {
        y = F.sqrt(F.add(F.pow(x2, _3n8), b));
        if (!y)
          throw new Error(`invalid ${name} point: compressed`);
        if (sortBit(yparts(y), BaseFp.ORDER) !== sort)
          y = F.neg(y);
      } else {
        y = dec(value.subarray(W));
      }
      if (!compressed && F.is0(x2) && F.is0(y))
        throw new Error(`invalid ${name} point: uncompressed`);
      return { x: x2, y };
    }
  });
};
function validateMask({ compressed, infinity, sort }) {
  if (!compressed && !infinity && sort || // 0010_0000 = 0x20
  !compressed && infinity && sort || // 0110_0000 = 0x60
  compressed && infinity && sort)
    throw new Error("invalid encoding flag");
}
function parseMask(bytes) {
  bytes = copyBytes(bytes);
  const mask = bytes[0] & 224;
  const compressed = !!(mask >> 7 & 1);
  const infinity = !!(mask >> 6 & 1);
  const sort = !!(mask >> 5 & 1);
  validateMask({ compressed, infinity, sort });
  bytes[0] &= 31;
  return { compressed, infinity, sort, value: bytes };
}
function setMask(bytes, mask) {
  if (bytes[0] & 224)
    throw new Error("setMask: non-empty mask");
  validateMask({ compressed: !!mask.compressed, infinity: !!mask.infinity, sort: !!mask.sort });
  if (mask.compressed)
    bytes[0] |= 128;
  if (mask.infinity)
    bytes[0] |= 64;
  if (mask.sort)
    bytes[0] |= 32;
  return bytes;
}
var g1coder = coder("G1", Fp2, Fp2.create(bls12_381_CURVE_G1.b), (x2) => numberToBytesBE(x2, Fp2.BYTES), decodeFp, (y) => [y]);
var g1 = { point: g1coder(true), sig: g1coder(false) };
var signatureG1ToBytes = (point) => {
  point.assertValidity();
  return g1.sig.encode(point);
};
function signatureG1FromBytes(bytes) {
  const Point = bls12_381.G1.Point;
  const point = Point.fromAffine(g1.sig.decode(bytes));
  point.assertValidity();
  return point;
}
var g2coder = coder("G2", Fp22, bls12_381_CURVE_G2.b, fp2.encode, fp2.decode, (y) => [
  y.c1,
  y.c0
]);
var g2 = { point: g2coder(true), sig: g2coder(false) };
var signatureG2ToBytes = (point) => {
  point.assertValidity();
  return g2.sig.encode(point);
};
function signatureG2FromBytes(bytes) {
  const Point = bls12_381.G2.Point;
  const point = Point.fromAffine(g2.sig.decode(bytes));
  point.assertValidity();
  return point;
}
var signatureCoders = {
  ShortSignature: {
    fromBytes(bytes) {
      return signatureG1FromBytes(abytes2(bytes));
    },
    fromHex(hex) {
      return signatureG1FromBytes(hexToBytes2(hex));
    },
    toBytes(point) {
      return signatureG1ToBytes(point);
    },
    // Historical alias: BLS signatures have a single compressed byte format here.
    toRawBytes(point) {
      return signatureG1ToBytes(point);
    },
    toHex(point) {
      return bytesToHex2(signatureG1ToBytes(point));
    }
  },
  LongSignature: {
    fromBytes(bytes) {
      return signatureG2FromBytes(abytes2(bytes));
    },
    fromHex(hex) {
      return signatureG2FromBytes(hexToBytes2(hex));
    },
    toBytes(point) {
      return signatureG2ToBytes(point);
    },
    // Historical alias: BLS signatures have a single compressed byte format here.
    toRawBytes(point) {
      return signatureG2ToBytes(point);
    },
    toHex(point) {
      return bytesToHex2(signatureG2ToBytes(point));
    }
  }
};
var fields = {
  Fp: Fp2,
  Fp2: Fp22,
  Fp6,
  Fp12,
  Fr: bls12_381_Fr
};
var G1_Point = weierstrass2(bls12_381_CURVE_G1, {
  // Public point APIs still accept infinity, even though the Zcash proof
  // encoding rules cited above only define nonzero point encodings.
  allowInfinityPoint: true,
  Fn: bls12_381_Fr,
  fromBytes: g1.point.decode,
  toBytes: (_c, point, isComp) => g1.point.encode(point, isComp),
  // Checks is the point resides in prime-order subgroup.
  // point.isTorsionFree() should return true for valid points
  // It returns false for shitty points.
  // https://eprint.iacr.org/2021/1130.pdf
  isTorsionFree: (c, point) => {
    const beta = BigInt("0x5f19672fdf76ce51ba69c6076a0f77eaddb3a93be6f89688de17d813620a00022e01fffffffefffe");
    const phi = new c(Fp2.mul(point.X, beta), point.Y, point.Z);
    const xP = point.multiplyUnsafe(BLS_X).negate();
    const u2P = xP.multiplyUnsafe(BLS_X);
    return u2P.equals(phi);
  },
  // Clear cofactor of G1
  // https://eprint.iacr.org/2019/403
  clearCofactor: (_c, point) => {
    return point.multiplyUnsafe(BLS_X).add(point);
  }
});
var G2_Point = weierstrass2(bls12_381_CURVE_G2, {
  Fp: Fp22,
  // Public point APIs still accept infinity, even though the Zcash proof
  // encoding rules cited above only define nonzero point encodings.
  allowInfinityPoint: true,
  Fn: bls12_381_Fr,
  fromBytes: g2.point.decode,
  toBytes: (_c, point, isComp) => g2.point.encode(point, isComp),
  // https://eprint.iacr.org/2021/1130.pdf
  // Older version: https://eprint.iacr.org/2019/814.pdf
  isTorsionFree: (c, P2) => {
    return P2.multiplyUnsafe(BLS_X).negate().equals(G2psi(c, P2));
  },
  // clear_cofactor_bls12381_g2 from RFC 9380.
  // https://eprint.iacr.org/2017/419.pdf
  // prettier-ignore
  clearCofactor: (c, P2) => {
    const x2 = BLS_X;
    let t1 = P2.multiplyUnsafe(x2).negate();
    let t2 = G2psi(c, P2);
    let t3 = P2.double();
    t3 = G2psi2(c, t3);
    t3 = t3.subtract(t2);
    t2 = t1.add(t2);
    t2 = t2.multiplyUnsafe(x2).negate();
    t3 = t3.add(t2);
    t3 = t3.subtract(t1);
    const Q = t3.subtract(P2);
    return Q;
  }
});
var bls12_hasher_opts = {
  mapToG1,
  mapToG2,
  hasherOpts: hasher_opts,
  // RFC 9380 Appendix J defines distinct G1/G2 RO and NU suite IDs, and
  // draft-irtf-cfrg-bls-signature-06 §4.2.1 gives separate G1/G2 `_NUL_` DSTs.
  // Keep G1 encode-to-curve on the G1 domain instead of inheriting G2's `encodeDST`.
  hasherOptsG1: {
    ...hasher_opts,
    m: 1,
    DST: "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_",
    encodeDST: "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_"
  },
  hasherOptsG2: { ...hasher_opts }
};
var bls12_params = {
  ateLoopSize: BLS_X,
  // The BLS parameter x for BLS12-381
  xNegative: true,
  twistType: "multiplicative",
  randomBytes: randomBytes2
};
var bls12_381 = bls(fields, G1_Point, G2_Point, bls12_params, bls12_hasher_opts, signatureCoders);
var isogenyMapG2 = isogenyMap(Fp22, [
  // xNum
  [
    [
      "0x5c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97d6",
      "0x5c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97d6"
    ],
    [
      "0x0",
      "0x11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71a"
    ],
    [
      "0x11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71e",
      "0x8ab05f8bdd54cde190937e76bc3e447cc27c3d6fbd7063fcd104635a790520c0a395554e5c6aaaa9354ffffffffe38d"
    ],
    [
      "0x171d6541fa38ccfaed6dea691f5fb614cb14b4e7f4e810aa22d6108f142b85757098e38d0f671c7188e2aaaaaaaa5ed1",
      "0x0"
    ]
  ],
  // xDen
  [
    [
      "0x0",
      "0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa63"
    ],
    [
      "0xc",
      "0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa9f"
    ],
    ["0x1", "0x0"]
    // LAST 1
  ],
  // yNum
  [
    [
      "0x1530477c7ab4113b59a4c18b076d11930f7da5d4a07f649bf54439d87d27e500fc8c25ebf8c92f6812cfc71c71c6d706",
      "0x1530477c7ab4113b59a4c18b076d11930f7da5d4a07f649bf54439d87d27e500fc8c25ebf8c92f6812cfc71c71c6d706"
    ],
    [
      "0x0",
      "0x5c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97be"
    ],
    [
      "0x11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71c",
      "0x8ab05f8bdd54cde190937e76bc3e447cc27c3d6fbd7063fcd104635a790520c0a395554e5c6aaaa9354ffffffffe38f"
    ],
    [
      "0x124c9ad43b6cf79bfbf7043de3811ad0761b0f37a1e26286b0e977c69aa274524e79097a56dc4bd9e1b371c71c718b10",
      "0x0"
    ]
  ],
  // yDen
  [
    [
      "0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa8fb",
      "0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa8fb"
    ],
    [
      "0x0",
      "0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa9d3"
    ],
    [
      "0x12",
      "0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa99"
    ],
    ["0x1", "0x0"]
    // LAST 1
  ]
].map((i) => i.map((pair) => Fp22.fromBigTuple(pair.map(BigInt)))));
var isogenyMapG1 = isogenyMap(Fp2, [
  // xNum
  [
    "0x11a05f2b1e833340b809101dd99815856b303e88a2d7005ff2627b56cdb4e2c85610c2d5f2e62d6eaeac1662734649b7",
    "0x17294ed3e943ab2f0588bab22147a81c7c17e75b2f6a8417f565e33c70d1e86b4838f2a6f318c356e834eef1b3cb83bb",
    "0xd54005db97678ec1d1048c5d10a9a1bce032473295983e56878e501ec68e25c958c3e3d2a09729fe0179f9dac9edcb0",
    "0x1778e7166fcc6db74e0609d307e55412d7f5e4656a8dbf25f1b33289f1b330835336e25ce3107193c5b388641d9b6861",
    "0xe99726a3199f4436642b4b3e4118e5499db995a1257fb3f086eeb65982fac18985a286f301e77c451154ce9ac8895d9",
    "0x1630c3250d7313ff01d1201bf7a74ab5db3cb17dd952799b9ed3ab9097e68f90a0870d2dcae73d19cd13c1c66f652983",
    "0xd6ed6553fe44d296a3726c38ae652bfb11586264f0f8ce19008e218f9c86b2a8da25128c1052ecaddd7f225a139ed84",
    "0x17b81e7701abdbe2e8743884d1117e53356de5ab275b4db1a682c62ef0f2753339b7c8f8c8f475af9ccb5618e3f0c88e",
    "0x80d3cf1f9a78fc47b90b33563be990dc43b756ce79f5574a2c596c928c5d1de4fa295f296b74e956d71986a8497e317",
    "0x169b1f8e1bcfa7c42e0c37515d138f22dd2ecb803a0c5c99676314baf4bb1b7fa3190b2edc0327797f241067be390c9e",
    "0x10321da079ce07e272d8ec09d2565b0dfa7dccdde6787f96d50af36003b14866f69b771f8c285decca67df3f1605fb7b",
    "0x6e08c248e260e70bd1e962381edee3d31d79d7e22c837bc23c0bf1bc24c6b68c24b1b80b64d391fa9c8ba2e8ba2d229"
  ],
  // xDen
  [
    "0x8ca8d548cff19ae18b2e62f4bd3fa6f01d5ef4ba35b48ba9c9588617fc8ac62b558d681be343df8993cf9fa40d21b1c",
    "0x12561a5deb559c4348b4711298e536367041e8ca0cf0800c0126c2588c48bf5713daa8846cb026e9e5c8276ec82b3bff",
    "0xb2962fe57a3225e8137e629bff2991f6f89416f5a718cd1fca64e00b11aceacd6a3d0967c94fedcfcc239ba5cb83e19",
    "0x3425581a58ae2fec83aafef7c40eb545b08243f16b1655154cca8abc28d6fd04976d5243eecf5c4130de8938dc62cd8",
    "0x13a8e162022914a80a6f1d5f43e7a07dffdfc759a12062bb8d6b44e833b306da9bd29ba81f35781d539d395b3532a21e",
    "0xe7355f8e4e667b955390f7f0506c6e9395735e9ce9cad4d0a43bcef24b8982f7400d24bc4228f11c02df9a29f6304a5",
    "0x772caacf16936190f3e0c63e0596721570f5799af53a1894e2e073062aede9cea73b3538f0de06cec2574496ee84a3a",
    "0x14a7ac2a9d64a8b230b3f5b074cf01996e7f63c21bca68a81996e1cdf9822c580fa5b9489d11e2d311f7d99bbdcc5a5e",
    "0xa10ecf6ada54f825e920b3dafc7a3cce07f8d1d7161366b74100da67f39883503826692abba43704776ec3a79a1d641",
    "0x95fc13ab9e92ad4476d6e3eb3a56680f682b4ee96f7d03776df533978f31c1593174e4b4b7865002d6384d168ecdd0a",
    "0x000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001"
    // LAST 1
  ],
  // yNum
  [
    "0x90d97c81ba24ee0259d1f094980dcfa11ad138e48a869522b52af6c956543d3cd0c7aee9b3ba3c2be9845719707bb33",
    "0x134996a104ee5811d51036d776fb46831223e96c254f383d0f906343eb67ad34d6c56711962fa8bfe097e75a2e41c696",
    "0xcc786baa966e66f4a384c86a3b49942552e2d658a31ce2c344be4b91400da7d26d521628b00523b8dfe240c72de1f6",
    "0x1f86376e8981c217898751ad8746757d42aa7b90eeb791c09e4a3ec03251cf9de405aba9ec61deca6355c77b0e5f4cb",
    "0x8cc03fdefe0ff135caf4fe2a21529c4195536fbe3ce50b879833fd221351adc2ee7f8dc099040a841b6daecf2e8fedb",
    "0x16603fca40634b6a2211e11db8f0a6a074a7d0d4afadb7bd76505c3d3ad5544e203f6326c95a807299b23ab13633a5f0",
    "0x4ab0b9bcfac1bbcb2c977d027796b3ce75bb8ca2be184cb5231413c4d634f3747a87ac2460f415ec961f8855fe9d6f2",
    "0x987c8d5333ab86fde9926bd2ca6c674170a05bfe3bdd81ffd038da6c26c842642f64550fedfe935a15e4ca31870fb29",
    "0x9fc4018bd96684be88c9e221e4da1bb8f3abd16679dc26c1e8b6e6a1f20cabe69d65201c78607a360370e577bdba587",
    "0xe1bba7a1186bdb5223abde7ada14a23c42a0ca7915af6fe06985e7ed1e4d43b9b3f7055dd4eba6f2bafaaebca731c30",
    "0x19713e47937cd1be0dfd0b8f1d43fb93cd2fcbcb6caf493fd1183e416389e61031bf3a5cce3fbafce813711ad011c132",
    "0x18b46a908f36f6deb918c143fed2edcc523559b8aaf0c2462e6bfe7f911f643249d9cdf41b44d606ce07c8a4d0074d8e",
    "0xb182cac101b9399d155096004f53f447aa7b12a3426b08ec02710e807b4633f06c851c1919211f20d4c04f00b971ef8",
    "0x245a394ad1eca9b72fc00ae7be315dc757b3b080d4c158013e6632d3c40659cc6cf90ad1c232a6442d9d3f5db980133",
    "0x5c129645e44cf1102a159f748c4a3fc5e673d81d7e86568d9ab0f5d396a7ce46ba1049b6579afb7866b1e715475224b",
    "0x15e6be4e990f03ce4ea50b3b42df2eb5cb181d8f84965a3957add4fa95af01b2b665027efec01c7704b456be69c8b604"
  ],
  // yDen
  [
    "0x16112c4c3a9c98b252181140fad0eae9601a6de578980be6eec3232b5be72e7a07f3688ef60c206d01479253b03663c1",
    "0x1962d75c2381201e1a0cbd6c43c348b885c84ff731c4d59ca4a10356f453e01f78a4260763529e3532f6102c2e49a03d",
    "0x58df3306640da276faaae7d6e8eb15778c4855551ae7f310c35a5dd279cd2eca6757cd636f96f891e2538b53dbf67f2",
    "0x16b7d288798e5395f20d23bf89edb4d1d115c5dbddbcd30e123da489e726af41727364f2c28297ada8d26d98445f5416",
    "0xbe0e079545f43e4b00cc912f8228ddcc6d19c9f0f69bbb0542eda0fc9dec916a20b15dc0fd2ededda39142311a5001d",
    "0x8d9e5297186db2d9fb266eaac783182b70152c65550d881c5ecd87b6f0f5a6449f38db9dfa9cce202c6477faaf9b7ac",
    "0x166007c08a99db2fc3ba8734ace9824b5eecfdfa8d0cf8ef5dd365bc400a0051d5fa9c01a58b1fb93d1a1399126a775c",
    "0x16a3ef08be3ea7ea03bcddfabba6ff6ee5a4375efa1f4fd7feb34fd206357132b920f5b00801dee460ee415a15812ed9",
    "0x1866c8ed336c61231a1be54fd1d74cc4f9fb0ce4c6af5920abc5750c4bf39b4852cfe2f7bb9248836b233d9d55535d4a",
    "0x167a55cda70a6e1cea820597d94a84903216f763e13d87bb5308592e7ea7d4fbc7385ea3d529b35e346ef48bb8913f55",
    "0x4d2f259eea405bd48f010a01ad2911d9c6dd039bb61a6290e591b36e636a5c871a5c29f4f83060400f8b49cba8f6aa8",
    "0xaccbb67481d033ff5852c1e48c50c477f94ff8aefce42d28c0f9a88cea7913516f968986f7ebbea9684b529e2561092",
    "0xad6b9514c767fe3c3613144b45f1496543346d98adf02267d5ceef9a00d9b8693000763e3b90ac11e99b138573345cc",
    "0x2660400eb2e4f3b628bdd0d53cd76f2bf565b94e72927c1cb748df27942480e420517bd8714cc80d1fadc1326ed06f7",
    "0xe0fa1d816ddc03e6b24255e0d7819c171c40f65e273b853324efcd6356caa205ca2f570f13497804415473a1d634b8f",
    "0x000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001"
    // LAST 1
  ]
].map((i) => i.map((j) => BigInt(j))));
var G1_SWU;
var G2_SWU;
var getG1_SWU = () => G1_SWU || (G1_SWU = mapToCurveSimpleSWU(Fp2, {
  A: Fp2.create(BigInt("0x144698a3b8e9433d693a02c96d4982b0ea985383ee66a8d8e8981aefd881ac98936f8da0e0f97f5cf428082d584c1d")),
  B: Fp2.create(BigInt("0x12e2908d11688030018b12e8753eee3b2016c1f0f24f4070a0b9c14fcef35ef55a23215a316ceaa5d1cc48e98e172be0")),
  Z: Fp2.create(BigInt(11))
}));
var getG2_SWU = () => G2_SWU || (G2_SWU = mapToCurveSimpleSWU(Fp22, {
  // SWU map for the RFC 9380 §8.8.2 pre-isogeny G2 curve E':
  // y² = x³ + 240i * x + 1012 + 1012i
  A: Fp22.create({ c0: Fp2.create(_0n13), c1: Fp2.create(BigInt(240)) }),
  // A' = 240 * I
  B: Fp22.create({ c0: Fp2.create(BigInt(1012)), c1: Fp2.create(BigInt(1012)) }),
  // B' = 1012 * (1 + I)
  Z: Fp22.create({ c0: Fp2.create(BigInt(-2)), c1: Fp2.create(BigInt(-1)) })
  // Z: -(2 + I)
}));
function mapToG1(scalars) {
  const { x: x2, y } = getG1_SWU()(Fp2.create(scalars[0]));
  return isogenyMapG1(x2, y);
}
function mapToG2(scalars) {
  const { x: x2, y } = getG2_SWU()(Fp22.fromBigTuple(scalars));
  return isogenyMapG2(x2, y);
}

// src/drand.ts
function verifyQuicknet(round, signatureHex) {
  const sig = parseHex(signatureHex);
  if (!sig || sig.length !== 48) return false;
  try {
    const sigs = bls12_381.shortSignatures;
    const msg = sigs.hash(sha256(new Writer(8).u64(round).view()), QUICKNET.dst);
    return sigs.verify(sig, msg, parseHex(QUICKNET.publicKey));
  } catch {
    return false;
  }
}

// src/load.ts
var RULE_TEXT = {
  syntax: t("不是有效的 JSON", "it is not valid JSON"),
  depth: t(`嵌套超过 ${MAX_DEPTH} 层（规范 §10 的限制）`, `arrays and objects nested more than ${MAX_DEPTH} deep (the limit of SPEC §10)`),
  size: t("超过文件大小限制（规范 §10：证明文件至多 256 MiB，公开名录至多 8 GiB）", "over the size limit (SPEC §10: a proof at most 256 MiB, a public snapshot 8 GiB)"),
  bom: t("在文件开头以外的位置含有字节顺序标记（BOM，规范 §10 只允许文件开头有一个）", "a byte-order mark after the start (SPEC §10 allows one, at the very start)")
};
function jsonFailure(bytes, e, what = t("证明文件", "The proof file")) {
  const r = RULE_TEXT[e.rule];
  const where = bytes ? lineCol(bytes, e.offset) : null;
  const at = where ? t(`第 ${where.line} 行第 ${where.col} 列`, `line ${where.line}, column ${where.col}`) : t(`第 ${e.offset} 字节处`, `at byte ${e.offset}`);
  return {
    area: "json",
    what: t(`${what.zh}${r.zh}（${at.zh}：${e.message}），拒绝读取。文件可能不完整或被改动过。`, `${what.en} is refused: ${r.en} (${at.en}: ${e.message}). It may be truncated or edited.`),
    got: e.message
  };
}
function loadProof(bytes) {
  let json;
  try {
    const big = sizeProblem(bytes.length, MAX_PROOF_BYTES);
    if (big) throw big;
    json = parseJson(bytes);
  } catch (e) {
    if (e instanceof JsonError) return { proof: null, json: null, failure: jsonFailure(e.rule === "size" ? null : bytes, e) };
    throw e;
  }
  try {
    return { proof: decodeProof(json), failure: null, json };
  } catch (e) {
    if (e instanceof DecodeError) {
      const unknown = e.expected.startsWith("no such field");
      return {
        proof: null,
        json,
        failure: {
          area: "format",
          what: unknown ? t(`证明文件含有本页面不认识的字段“${e.path}”：它可能来自更新版本的 dualdraw，或被改动过。`, `The proof file has a field this page does not know, "${e.path}": it may come from a newer dualdraw, or it was edited.`) : t(`证明文件的字段“${e.path}”格式不对：应为 ${e.expected}，文件中为 ${e.got}。`, `The proof file's field "${e.path}" is malformed: expected ${e.expected}, the file has ${e.got}.`),
          expected: e.expected,
          got: e.got
        }
      };
    }
    throw e;
  }
}

// src/verify.ts
var MAX_PER_AREA = 8;
var Collector = class {
  failures = [];
  checks = [];
  perArea = /* @__PURE__ */ new Map();
  suppressed = /* @__PURE__ */ new Map();
  fail(area, what, expected, got) {
    const n = (this.perArea.get(area) ?? 0) + 1;
    this.perArea.set(area, n);
    if (n > MAX_PER_AREA) {
      this.suppressed.set(area, (this.suppressed.get(area) ?? 0) + 1);
      return;
    }
    this.failures.push({ area, what, expected: expected === void 0 ? void 0 : short(expected, 2e3), got: got === void 0 ? void 0 : short(got, 2e3) });
  }
  failed(area) {
    return (this.perArea.get(area) ?? 0) > 0;
  }
  line(area, label, count) {
    this.checks.push({ area, label, ok: !this.failed(area), count });
  }
  skip(area, label) {
    this.checks.push({ area, label, ok: true, skipped: true });
  }
  finish() {
    for (const [area, k] of this.suppressed) this.failures.push({ area, what: t(`……同类问题另有 ${k} 处未逐一列出。`, `…and ${k} more problem(s) of the same kind not listed.`) });
  }
};
function targetLabel(i, uscc, name) {
  const nm = name ? `，${name}` : "";
  const nmEn = name ? `, ${name}` : "";
  return t(`第${i + 1}个检查对象（${uscc}${nm}）`, `target no. ${i + 1} (${uscc}${nmEn})`);
}
function officerText(id, officers) {
  const o = officers.get(id);
  return o ? `${o.name}（${id}，${o.department}）` : id;
}
function officerTextEn(id, officers) {
  const o = officers.get(id);
  return o ? `${o.name} (${id}, ${o.department})` : id;
}
function announcementFields(proof) {
  const a = proof.announcement;
  return {
    campaign_hash: a.campaign_hash,
    snapshot_digest: a.snapshot.digest,
    exclusion_count: a.exclusion.length,
    exclusion_root: a.exclusion_root,
    ledger_head: a.ledger_head,
    announced_at: a.announced_at,
    officer_history_count: a.officer_history.length,
    officer_history_root: a.officer_history_root,
    drawn_this_year_count: a.drawn_this_year.length,
    drawn_this_year_root: a.drawn_this_year_root,
    group_hash: a.coordination ? a.coordination.hash : null
  };
}
function drawCategories(c, items) {
  const Citems = /* @__PURE__ */ new Set();
  for (const code of c.items) {
    const it = items.get(code);
    if (it) Citems.add(it.target_category);
  }
  return { C: new Set(c.targets.categories ?? Citems), Citems };
}
function makePoolPredicate(c, Cin, exclusion, conv = (s) => s) {
  const regions = c.targets.regions;
  const C = new Set([...Cin].map(conv));
  const excl = new Set(c.targets.exclude_flags.map(conv));
  return (e) => {
    if (e.status !== "in_business") return { in: false, reason: "status" };
    if (regions.length && !regions.some((r) => e.region.startsWith(r))) return { in: false, reason: "region" };
    if (!e.categories.some((x2) => C.has(x2))) return { in: false, reason: "category" };
    if (e.flags.some((f) => excl.has(f))) return { in: false, reason: "flag" };
    if (exclusion.has(e.uscc)) return { in: false, reason: "exclusion" };
    return { in: true, reason: null };
  };
}
function ruleText(s) {
  if ("ratio" in s.rule) return s.rule.ratio.text;
  return `count ${s.rule.count}`;
}
var REG_ZH = { items: "检查事项清单", entities: "市场主体名录", officers: "执法检查人员名录", recusals: "回避申报" };
var regZh = (r) => REG_ZH[r];
function verifyLight(proof) {
  const c = new Collector();
  const a = proof.announcement;
  const camp = a.campaign;
  const items = new Map(proof.items.map((i) => [i.code, i]));
  const officers = new Map(proof.officers.map((o) => [o.id, o]));
  const sortedLists = [
    ["items", camp.items],
    ["targets.categories", camp.targets.categories ?? []],
    ["targets.regions", camp.targets.regions],
    ["targets.exclude_flags", camp.targets.exclude_flags],
    ["targets.exclude_credit_classes", camp.targets.exclude_credit_classes]
  ];
  for (const [name, xs] of sortedLists)
    if (!strictlyIncreasing(xs)) c.fail("campaign", t(`活动内容中的列表“${name}”没有按规定排序或有重复项。`, `The campaign's list "${name}" is not sorted or has duplicates.`), void 0, xs);
  const classes = camp.targets.strata.map((s) => s.credit_class);
  if (!strictlyIncreasing(classes)) c.fail("campaign", t("活动的分层（信用风险类别）没有按类别排序或有重复。", "The campaign's strata are not sorted by class or repeat a class."), void 0, classes);
  for (const k of [...classes, ...camp.targets.exclude_credit_classes])
    if (!CREDIT_CLASSES.includes(k)) c.fail("campaign", t(`信用风险类别“${k}”不是 A–D 之一。`, `Credit class "${k}" is not one of A–D.`));
  if (!["same", "other", "any"].includes(camp.teams.officer_region)) c.fail("campaign", t(`officer_region 的值“${camp.teams.officer_region}”无效。`, `officer_region "${camp.teams.officer_region}" is not valid.`));
  if (!["void", "proceed"].includes(camp.entropy.on_missing_reveal)) c.fail("campaign", t(`on_missing_reveal 的值“${camp.entropy.on_missing_reveal}”无效。`, `on_missing_reveal "${camp.entropy.on_missing_reveal}" is not valid.`));
  if (BigInt(camp.teams.min_size) < 2n) c.fail("campaign", t("每组执法人员少于 2 人（行政处罚法第四十二条要求至少 2 人）。", "Teams of fewer than 2 officers (the law requires at least 2)."));
  const wnames = camp.entropy.witnesses.map((x2) => x2.name);
  if (new Set(wnames).size !== wnames.length) c.fail("campaign", t("见证人姓名有重复。", "Witness names repeat."));
  if (camp.entropy.on_missing_reveal === "proceed" && camp.entropy.beacon === null) c.fail("campaign", t("“未揭示也继续”（proceed）必须配合公共随机信标使用，但活动没有信标。", '"proceed" needs a beacon, but the campaign has none.'));
  if (!isDate(camp.draw_date)) c.fail("campaign", t(`抽取日期“${camp.draw_date}”不是有效日期。`, `The draw date "${camp.draw_date}" is not a date.`));
  if (camp.period) {
    const p = camp.period;
    if (!isDate(p.start) || !isDate(p.end)) c.fail("campaign", t(`检查期间（${p.start} — ${p.end}）不是有效日期。`, `The inspection period (${p.start} — ${p.end}) is not made of dates.`));
    else if (p.end < p.start || p.start < camp.draw_date)
      c.fail("campaign", t(`检查期间（${p.start} — ${p.end}）应在抽取日期（${camp.draw_date}）之后且结束不早于开始。`, `The inspection period (${p.start} — ${p.end}) must start on or after the draw date (${camp.draw_date}) and not end before it starts.`));
  }
  if (camp.coordination && camp.entropy.on_missing_reveal !== "void") c.fail("campaign", t("协调组中的活动必须规定“未全部揭示则作废”（void）。", 'A coordinated campaign must use on_missing_reveal = "void".'));
  const version = assignmentVersion(camp);
  if (version === null)
    c.fail("campaign", t(`活动的执法人员分配程序（teams.assignment）为“${camp.teams.assignment}”，本页面只认识“v1”和“v2”（规范 §6、§6.1），无法核对活动哈希，也无法重新分配执法人员。文件可能来自更新版本的 dualdraw，或被改动过。`, `The campaign's officer assignment (teams.assignment) is "${camp.teams.assignment}": this page knows only "v1" and "v2" (SPEC §6, §6.1), so it can check neither the campaign hash nor the teams. The file may come from a newer dualdraw, or it was edited.`), '"v1" or "v2"', camp.teams.assignment);
  const ch = version === null ? null : toHex(campaignHash(camp));
  if (ch !== null && ch !== a.campaign_hash)
    c.fail("campaign", t(`抽查活动内容的哈希与公告中的不一致：按文件中的活动内容计算应为 ${ch}，公告中为 ${a.campaign_hash}。活动内容（事项、范围、比例、见证人等）在公告后被改动过。`, `The campaign's hash does not match the announcement: the campaign in the file gives ${ch}, the announcement says ${a.campaign_hash}. The campaign (items, scope, ratios, witnesses…) was changed after it was announced.`), ch, a.campaign_hash);
  c.line("campaign", t("抽查活动内容与公告的活动哈希一致", "The campaign matches its announced hash"));
  const digest = toHex(snapshotDigest(a.snapshot.roots));
  if (digest !== a.snapshot.digest)
    c.fail("announcement", t(`名录快照摘要与四个名录根不一致：由根计算应为 ${digest}，文件中为 ${a.snapshot.digest}。`, `The snapshot digest does not match the four registry roots: the roots give ${digest}, the file says ${a.snapshot.digest}.`), digest, a.snapshot.digest);
  if (!strictlyIncreasing(a.exclusion) || !a.exclusion.every(isUscc)) c.fail("announcement", t("排除名单（近期已检查）没有排序、有重复或含无效的统一社会信用代码。", "The exclusion list is not sorted, repeats, or holds an invalid USCC."));
  const exRoot = toHex(textTreeRoot(a.exclusion));
  if (exRoot !== a.exclusion_root)
    c.fail("announcement", t(`排除名单的根与名单不一致：应为 ${exRoot}，文件中为 ${a.exclusion_root}。`, `The exclusion root does not match the list: expected ${exRoot}, the file says ${a.exclusion_root}.`), exRoot, a.exclusion_root);
  const hist = a.officer_history;
  for (let i = 1; i < hist.length; i++) {
    const d = cmpUtf8(hist[i - 1].officer, hist[i].officer) || cmpUtf8(hist[i - 1].target, hist[i].target);
    if (d >= 0) {
      c.fail("announcement", t("执法人员历史名单（近期检查过同一对象的人员）没有按执法证号、信用代码排序或有重复。", "The officer history is not sorted by officer id then USCC, or repeats."));
      break;
    }
  }
  const hms = new MerkleStream();
  for (const h of hist) hms.push(leafHash(historyPairLeaf(h.officer, h.target)));
  const histRoot = toHex(hms.root());
  if (histRoot !== a.officer_history_root)
    c.fail("announcement", t(`执法人员历史名单的根与名单不一致：应为 ${histRoot}，文件中为 ${a.officer_history_root}。`, `The officer history root does not match the list: expected ${histRoot}, the file says ${a.officer_history_root}.`), histRoot, a.officer_history_root);
  if (!strictlyIncreasing(a.drawn_this_year) || !a.drawn_this_year.every(isUscc)) c.fail("announcement", t("本年度已抽取名单没有排序、有重复或含无效的统一社会信用代码。", "The drawn-this-year list is not sorted, repeats, or holds an invalid USCC."));
  const dtyRoot = toHex(textTreeRoot(a.drawn_this_year));
  if (dtyRoot !== a.drawn_this_year_root)
    c.fail("announcement", t(`本年度已抽取名单的根与名单不一致：应为 ${dtyRoot}，文件中为 ${a.drawn_this_year_root}。`, `The drawn-this-year root does not match the list: expected ${dtyRoot}, the file says ${a.drawn_this_year_root}.`), dtyRoot, a.drawn_this_year_root);
  if (a.exclusion.length && BigInt(camp.targets.exclude_inspected_within_days) === 0n) c.fail("announcement", t("活动没有“近期已检查不再抽取”的规则，公告却有排除名单。", "The announcement has an exclusion list although the campaign has no such rule."));
  if (hist.length && BigInt(camp.teams.avoid_same_officer_within_days) === 0n) c.fail("announcement", t("活动没有“同一执法人员不重复检查同一对象”的规则，公告却有执法人员历史名单。", "The announcement has an officer history although the campaign has no such rule."));
  if (a.drawn_this_year.length && !camp.targets.low_risk_once_a_year) c.fail("announcement", t("活动没有“低风险对象一年内只抽一次”的规则，公告却有本年度已抽取名单。", "The announcement has a drawn-this-year list although the campaign has no such rule."));
  const co = a.coordination;
  if (co === null !== (camp.coordination === null))
    c.fail("coordination", co ? t("公告含协调组信息，但活动没有协调设置。", "The announcement names a coordination group the campaign does not have.") : t("活动属于协调组，但公告中没有协调组信息。", "The campaign is coordinated but the announcement has no group."));
  if (co) {
    if (camp.coordination && camp.coordination.group !== co.group) c.fail("coordination", t(`协调组名称不一致：活动中为“${camp.coordination.group}”，公告中为“${co.group}”。`, `Group names differ: campaign "${camp.coordination.group}", announcement "${co.group}".`));
    if (!strictlyIncreasing(co.members)) c.fail("coordination", t("协调组成员（活动哈希）没有按哈希排序或有重复。", "The group members are not sorted by hash or repeat."));
    const me = co.members.indexOf(a.campaign_hash);
    if (me < 0) c.fail("coordination", t("本活动的哈希不在其协调组的成员名单中。", "This campaign's hash is not among its group's members."), a.campaign_hash, co.members.join(", "));
    const gh = toHex(groupHash(co.group, co.members));
    if (gh !== co.hash) c.fail("coordination", t(`协调组哈希与组名和成员不一致：应为 ${gh}，文件中为 ${co.hash}。`, `The group hash does not match its name and members: expected ${gh}, the file says ${co.hash}.`), gh, co.hash);
    if (proof.group_announcements.length !== co.members.length) c.fail("coordination", t(`协调组有 ${co.members.length} 个成员，文件却列出 ${proof.group_announcements.length} 个公告哈希。`, `The group has ${co.members.length} members but the file lists ${proof.group_announcements.length} announcement hashes.`));
    else if (me >= 0 && proof.group_announcements[me] !== a.hash)
      c.fail("coordination", t("协调组公告名单中本活动位置上的公告哈希不是本活动的公告哈希。", "The group's list of announcement hashes does not have this campaign's at its place."), a.hash, proof.group_announcements[me]);
  } else if (proof.group_announcements.length) c.fail("coordination", t("未协调的活动不应列出协调组的公告哈希。", "An uncoordinated campaign lists group announcement hashes."));
  if (co) c.line("coordination", t(`协调组“${co.group}”的组哈希和本活动在组中的位置正确`, `The coordination group "${co.group}": its hash and this campaign's place in it are correct`), co.members.length);
  else c.skip("coordination", t("本活动不属于协调组", "This campaign is not coordinated"));
  const annAt = parseInstant(a.announced_at);
  if (annAt === null) c.fail("announcement", t(`公告时间“${a.announced_at}”不是 RFC 3339 时刻（规范 §1）。`, `The announcement time "${a.announced_at}" is not an RFC 3339 instant (SPEC §1).`));
  const ah = toHex(new Writer(8).bytes(encodeAnnouncement(announcementFields(proof))).sha());
  if (ah !== a.hash)
    c.fail("announcement", t(`公告哈希与公告内容不一致：按内容计算应为 ${ah}，文件中为 ${a.hash}。请与事先公布的公告哈希核对。`, `The announcement hash does not match its content: the content gives ${ah}, the file says ${a.hash}. Compare it with the hash published before the draw.`), ah, a.hash);
  c.line("announcement", t("公告哈希由活动、名录快照、排除名单和公告时间重新算出，一致", "The announcement hash recomputed from campaign, snapshot, exclusions and time matches"));
  const witnesses = [];
  const revealsByName = new Map(proof.entropy.reveals.map((r) => [r.name, r]));
  const beacon = proof.entropy.beacon;
  let roundTime = null;
  if (camp.entropy.beacon && camp.entropy.beacon.scheme === "drand-quicknet" && /^[1-9][0-9]*$/.test(camp.entropy.beacon.round)) roundTime = quicknetRoundTime(BigInt(camp.entropy.beacon.round));
  const deadline = camp.entropy.reveal_deadline !== null ? parseInstant(camp.entropy.reveal_deadline) : roundTime;
  if (camp.entropy.reveal_deadline !== null && deadline === null) c.fail("witnesses", t(`揭示截止时间“${camp.entropy.reveal_deadline}”不是 UTC 时刻。`, `The reveal deadline "${camp.entropy.reveal_deadline}" is not a UTC instant.`));
  const revealOrder = proof.entropy.reveals.map((r) => r.name);
  const expectedOrder = wnames.filter((n) => revealsByName.has(n));
  if (revealOrder.join("\0") !== expectedOrder.join("\0"))
    c.fail("witnesses", t("见证人的揭示没有按活动中见证人的顺序排列，或含有活动中没有的见证人。", "The reveals are not in the campaign's witness order, or name someone who is not a witness."), wnames.join("、"), revealOrder.join("、"));
  for (const w of camp.entropy.witnesses) {
    const r = revealsByName.get(w.name);
    const missing = proof.entropy.missing.includes(w.name);
    if (!r) {
      witnesses.push({ name: w.name, commitment: w.commitment, secret: null, revealed_at: null, revealed_bj: null, ok: null });
      if (!missing) c.fail("witnesses", t(`见证人“${w.name}”既没有揭示秘密，也没有被列为未揭示。`, `Witness "${w.name}" neither revealed nor is listed as missing.`));
      continue;
    }
    if (missing) c.fail("witnesses", t(`见证人“${w.name}”同时被列为已揭示和未揭示。`, `Witness "${w.name}" is both revealed and listed as missing.`));
    const got = toHex(witnessCommitment(r.secret));
    const ok = got === w.commitment;
    if (!ok)
      c.fail("witnesses", t(`见证人“${w.name}”公开的秘密与其事先提交的承诺不符：事先的承诺为 ${w.commitment}，由文件中的秘密算出 ${got}。这个秘密不是该见证人当初承诺的那个。`, `Witness "${w.name}"'s revealed secret does not match the commitment they gave beforehand: the commitment is ${w.commitment}, the secret in the file gives ${got}. This is not the secret the witness committed to.`), w.commitment, got);
    if (charCount(r.secret) < 16) c.fail("witnesses", t(`见证人“${w.name}”的秘密少于 16 个字符。`, `Witness "${w.name}"'s secret is shorter than 16 characters.`));
    const at = parseInstant(r.revealed_at);
    if (at === null) c.fail("witnesses", t(`见证人“${w.name}”的揭示时间“${r.revealed_at}”不是 UTC 时刻。`, `Witness "${w.name}"'s reveal time "${r.revealed_at}" is not a UTC instant.`));
    else {
      if (annAt !== null && at < annAt) c.fail("witnesses", t(`见证人“${w.name}”的揭示时间早于公告时间。`, `Witness "${w.name}" revealed before the announcement.`), a.announced_at, r.revealed_at);
      if (camp.entropy.reveal_deadline !== null && deadline !== null && at > deadline)
        c.fail("witnesses", t(`见证人“${w.name}”在截止时间之后才揭示：截止为 ${camp.entropy.reveal_deadline}，揭示于 ${r.revealed_at}。`, `Witness "${w.name}" revealed after the deadline: deadline ${camp.entropy.reveal_deadline}, revealed ${r.revealed_at}.`), camp.entropy.reveal_deadline, r.revealed_at);
      if (roundTime !== null && at >= roundTime)
        c.fail("witnesses", t(`见证人“${w.name}”在信标轮次产生之后才揭示（揭示于 ${r.revealed_at}，轮次时间 ${formatInstant(roundTime)}）：最后揭示的人可能已看到随机结果。`, `Witness "${w.name}" revealed after the beacon round appeared (${r.revealed_at}, round time ${formatInstant(roundTime)}): the last to reveal could have seen the outcome.`), formatInstant(roundTime), r.revealed_at);
    }
    witnesses.push({ name: w.name, commitment: w.commitment, secret: r.secret, revealed_at: r.revealed_at, revealed_bj: at === null ? null : beijingTime(at), ok });
  }
  for (const m of proof.entropy.missing)
    if (!wnames.includes(m)) c.fail("witnesses", t(`未揭示名单中的“${m}”不是本活动的见证人。`, `"${m}" listed as missing is not a witness of this campaign.`));
  if (proof.entropy.missing.length && camp.entropy.on_missing_reveal !== "proceed")
    c.fail("witnesses", t(`有见证人未揭示（${proof.entropy.missing.join("、")}），而活动规定“未全部揭示则作废”（void），本次抽取不应进行。`, `Witnesses did not reveal (${proof.entropy.missing.join(", ")}) while the campaign says "void": the draw should not have happened.`));
  c.line("witnesses", t("每位见证人公开的秘密与事先承诺一致，时间符合规定", "Every witness's secret matches their commitment, in time"), camp.entropy.witnesses.length);
  let beaconValue = null;
  let beaconOk = true;
  const cb = camp.entropy.beacon;
  if (cb === null !== (beacon === null)) {
    beaconOk = false;
    c.fail("beacon", cb ? t("活动规定使用公共随机信标，但证明中没有信标。", "The campaign names a beacon but the proof has none.") : t("证明中有信标，但活动没有规定信标。", "The proof has a beacon the campaign does not name."));
  } else if (cb && beacon) {
    if (cb.scheme !== beacon.scheme || cb.round !== beacon.round) {
      beaconOk = false;
      c.fail("beacon", t(`证明中的信标与公告中的不同：公告为 ${cb.scheme} 第 ${cb.round} 轮，证明中为 ${beacon.scheme} 第 ${beacon.round} 轮。`, `The proof's beacon differs from the announced one: announced ${cb.scheme} round ${cb.round}, proof ${beacon.scheme} round ${beacon.round}.`), `${cb.scheme} ${cb.round}`, `${beacon.scheme} ${beacon.round}`);
    }
    if (beacon.scheme === "drand-quicknet") {
      if (!/^[1-9][0-9]*$/.test(beacon.round)) {
        beaconOk = false;
        c.fail("beacon", t(`drand 轮次“${beacon.round}”不是正整数。`, `drand round "${beacon.round}" is not a positive integer.`));
      } else {
        const r = BigInt(beacon.round);
        const rt = quicknetRoundTime(r);
        const rts = formatInstant(rt);
        if (parseInstant(beacon.round_time) !== rt) {
          beaconOk = false;
          c.fail("beacon", t(`信标轮次时间不对：drand quicknet 第 ${beacon.round} 轮应于 ${rts} 产生，文件中为 ${beacon.round_time}。`, `Wrong round time: drand quicknet round ${beacon.round} appears at ${rts}, the file says ${beacon.round_time}.`), rts, beacon.round_time);
        }
        if (annAt !== null && rt <= annAt) {
          beaconOk = false;
          c.fail("beacon", t(`信标轮次（${rts}）不晚于公告时间（${a.announced_at}）：公告时随机数可能已经存在。`, `The beacon round (${rts}) is not after the announcement (${a.announced_at}): the randomness may already have existed.`), a.announced_at, rts);
        }
        if (chinaDate(rt) > camp.draw_date) {
          beaconOk = false;
          c.fail("beacon", t(`信标轮次的日期（北京时间 ${chinaDate(rt)}）晚于抽取日期 ${camp.draw_date}。`, `The beacon round's China date ${chinaDate(rt)} is after the draw date ${camp.draw_date}.`));
        }
        const sig = parseHex(beacon.evidence);
        if (!sig || sig.length !== 48) {
          beaconOk = false;
          c.fail("beacon", t("drand 签名不是 48 字节的十六进制数。", "The drand signature is not 48 bytes of hex."), void 0, beacon.evidence);
        } else {
          if (!verifyQuicknet(r, beacon.evidence)) {
            beaconOk = false;
            c.fail("beacon", t(`drand quicknet 第 ${beacon.round} 轮的签名验证失败：这不是 drand 网络在该轮给出的随机数。`, `The signature of drand quicknet round ${beacon.round} does not verify: this is not the randomness drand gave for that round.`), void 0, beacon.evidence);
          }
          const randomness = new Writer(48).bytes(sig).sha();
          beaconValue = drandBeaconValue(beacon.round, randomness);
        }
      }
    } else if (beacon.scheme === "lottery") {
      if (!isLotteryCanonical(beacon.evidence)) {
        beaconOk = false;
        c.fail("beacon", t(`彩票开奖结果“${beacon.evidence}”不是规范写法（每组升序、无前导零、每组以“/”结尾）。`, `The lottery result "${beacon.evidence}" is not in canonical form.`));
      }
      beaconValue = lotteryBeaconValue(beacon.round, beacon.evidence);
    } else {
      beaconOk = false;
      c.fail("beacon", t(`未知的信标类型“${beacon.scheme}”。`, `Unknown beacon scheme "${beacon.scheme}".`));
    }
    if (beaconValue && toHex(beaconValue) !== beacon.value) {
      beaconOk = false;
      c.fail("beacon", t(`信标值与信标证据不一致：应为 ${toHex(beaconValue)}，文件中为 ${beacon.value}。`, `The beacon value does not match its evidence: expected ${toHex(beaconValue)}, the file says ${beacon.value}.`), toHex(beaconValue), beacon.value);
    }
  }
  if (cb) c.line("beacon", t("公共随机信标的签名、轮次时间和数值正确", "The beacon's signature, round time and value are correct"));
  else c.skip("beacon", t("本活动不使用公共随机信标", "This campaign uses no beacon"));
  const seedB = deriveSeed(a.hash, proof.entropy.reveals, beacon ? beaconValue ?? hashBytes(beacon.value) : null);
  const seedHex = toHex(seedB);
  if (seedHex !== proof.seed)
    c.fail("seed", t(`随机种子与由公告、见证人秘密和信标推算的不一致：应为 ${seedHex}，文件中为 ${proof.seed}。`, `The seed does not follow from the announcement, the witnesses' secrets and the beacon: expected ${seedHex}, the file says ${proof.seed}.`), seedHex, proof.seed);
  c.line("seed", t("随机种子由公告哈希、见证人秘密和信标重新算出，一致", "The seed recomputed from announcement, secrets and beacon matches"));
  const beaconForSeed = beacon ? beaconValue ?? hashBytes(beacon.value) : null;
  const prnSeedB = co ? groupSeed(co.hash, proof.group_announcements, proof.entropy.reveals, beaconForSeed) : hashBytes(proof.seed);
  const prnSeedHex = toHex(prnSeedB);
  if (prnSeedHex !== proof.prn_seed)
    c.fail("seed", co ? t(`协调组的随机数种子与由组内各公告、见证人秘密和信标推算的不一致：应为 ${prnSeedHex}，文件中为 ${proof.prn_seed}。`, `The group seed does not follow from the members' announcements, the secrets and the beacon: expected ${prnSeedHex}, the file says ${proof.prn_seed}.`) : t(`随机数种子（prn_seed）应与随机种子相同：应为 ${prnSeedHex}，文件中为 ${proof.prn_seed}。`, `The PRN seed should equal the seed: expected ${prnSeedHex}, the file says ${proof.prn_seed}.`), prnSeedHex, proof.prn_seed);
  const regRoot = (name, recs, problems, key, leaf) => {
    const keys2 = recs.map(key);
    if (!strictlyIncreasing(keys2)) c.fail("registries", t(`证明中的${REG_ZH[name]}没有按规定顺序排列或有重复。`, `The proof's ${name} are not in canonical order or repeat.`));
    recs.forEach((r, i) => {
      const pr = problems(r);
      if (pr.length) c.fail("registries", t(`证明中${REG_ZH[name]}的第 ${i + 1} 条记录（${key(r)}）无效：${pr.join("；")}。`, `Record ${i + 1} (${key(r)}) of the proof's ${name} is invalid: ${pr.join("; ")}.`));
    });
    const ms = new MerkleStream();
    const scratch2 = new Writer(512);
    for (const r of recs) ms.push(prefixedLeafHash((w) => leaf(r, w), scratch2));
    const root = toHex(ms.root());
    const ann = a.snapshot.roots[name];
    if (root !== ann.hash || recs.length !== ann.size)
      c.fail("registries", t(`证明中的${REG_ZH[name]}（${recs.length} 条）算出的根与公告不一致：公告的根为 ${ann.hash}（${ann.size} 条），由文件算出 ${root}。名录在公告后被改动过。`, `The proof's ${name} (${recs.length} records) do not reproduce the announced root: announced ${ann.hash} (${ann.size}), the file gives ${root}. The registry was changed after the announcement.`), `${ann.hash} (${ann.size})`, `${root} (${recs.length})`);
  };
  regRoot("items", proof.items, itemProblems, (r) => r.code, itemLeaf);
  regRoot("officers", proof.officers, officerProblems, (r) => r.id, officerLeaf);
  c.line("registries", t("证明中的检查事项清单和执法人员名录与公告的名录根一致", "The proof's item list and officer directory reproduce the announced roots"), proof.items.length + proof.officers.length);
  const { C, Citems } = drawCategories(camp, items);
  for (const code of camp.items) if (!items.has(code)) c.fail("campaign", t(`活动的检查事项 ${code} 不在检查事项清单中。`, `Campaign item ${code} is not in the item list.`));
  if (camp.targets.categories) {
    for (const x2 of camp.targets.categories) if (!Citems.has(x2)) c.fail("campaign", t(`定向抽查的类别“${x2}”不是本活动任何检查事项的对象类别。`, `Directed category "${x2}" is not the target category of any campaign item.`));
  }
  const campaignItems = camp.items.map((code) => items.get(code)).filter((x2) => !!x2);
  const exclusion = new Set(a.exclusion);
  const inPool = makePoolPredicate(camp, C, exclusion);
  const strataView = [];
  if (proof.strata.length !== camp.targets.strata.length || proof.strata.some((s, i) => s.credit_class !== camp.targets.strata[i].credit_class))
    c.fail("strata", t(`证明中的分层（${proof.strata.map((s) => s.credit_class).join("、")}）与活动规定的分层（${classes.join("、")}）不一致。`, `The proof's strata (${proof.strata.map((s) => s.credit_class).join(", ")}) differ from the campaign's (${classes.join(", ")}).`));
  let sumN = 0;
  let sumDrawn = 0;
  proof.strata.forEach((s) => {
    const cs = camp.targets.strata.find((x2) => x2.credit_class === s.credit_class);
    sumN += s.pool;
    sumDrawn += s.drawn;
    let expected = null;
    if (cs) {
      const n = allocation(BigInt(s.pool), cs.rule, cs.min, cs.max);
      expected = n.toString();
      if (BigInt(s.drawn) !== n)
        c.fail("strata", t(`${s.credit_class} 类分层共 ${s.pool} 户，按规则（${ruleText(cs)}${cs.min !== null ? `，至少 ${cs.min}` : ""}${cs.max !== null ? `，至多 ${cs.max}` : ""}）应抽取 ${n} 户，文件中为 ${s.drawn} 户。`, `Stratum ${s.credit_class} has ${s.pool} entities; its rule (${ruleText(cs)}${cs.min !== null ? `, min ${cs.min}` : ""}${cs.max !== null ? `, max ${cs.max}` : ""}) draws ${n}, the file says ${s.drawn}.`), n.toString(), s.drawn);
    }
    strataView.push({ credit_class: s.credit_class, rule: cs ? ruleText(cs) : "?", min: cs && cs.min !== null ? cs.min.toString() : null, max: cs && cs.max !== null ? cs.max.toString() : null, pool: s.pool, drawn: s.drawn, expected });
  });
  if (sumN !== proof.pool_size) c.fail("strata", t(`各分层户数之和（${sumN}）与抽查范围总数（${proof.pool_size}）不一致。`, `The strata add up to ${sumN} entities, but the pool has ${proof.pool_size}.`), proof.pool_size, sumN);
  if (proof.excluded_by_class > 0 && camp.targets.exclude_credit_classes.length === 0 && !camp.targets.low_risk_once_a_year) c.fail("strata", t(`活动没有按信用类别排除的规则，文件却称有 ${proof.excluded_by_class} 户因类别被排除。`, `The campaign has no class rule, but the file leaves ${proof.excluded_by_class} entities out by class.`), 0, proof.excluded_by_class);
  if (sumDrawn !== proof.targets.length) c.fail("strata", t(`各分层抽取数之和（${sumDrawn}）与检查对象名单的户数（${proof.targets.length}）不一致。`, `The strata draw ${sumDrawn} in all, but the list has ${proof.targets.length} targets.`), sumDrawn, proof.targets.length);
  c.line("strata", t("每个分层的抽取户数符合比例规则，合计与名单一致", "Each stratum draws what its rule says, and they add up to the list"), proof.strata.length);
  const usccs = proof.targets.map((x2) => x2.entity.uscc);
  if (!strictlyIncreasing(usccs)) c.fail("targets", t("检查对象名单没有按统一社会信用代码排序或有重复。", "The targets are not sorted by USCC or repeat."));
  const prnPrefixSeed = hashBytes(proof.prn_seed);
  const entRoot = a.snapshot.roots.entities;
  const scratch = new Writer(512);
  const targetViews = [];
  proof.targets.forEach((tg, i) => {
    const e = tg.entity;
    const lbl = targetLabel(i, e.uscc, e.name);
    const pr = entityProblems(e);
    if (pr.length) c.fail("targets", t(`${lbl.zh}的登记信息无效：${pr.join("；")}。`, `${lbl.en}: its record is invalid: ${pr.join("; ")}.`));
    const lh = prefixedLeafHash((w) => entityLeaf(e, w), scratch);
    if (!verifyInclusion(tg.index, entRoot.size, lh, tg.path, entRoot.hash))
      c.fail("inclusion", t(`${lbl.zh}不在公告时的市场主体名录中（名录包含证明不成立）：其登记信息或位置（第 ${tg.index} 条）与公告的名录根 ${entRoot.hash} 对不上。`, `${lbl.en} is not in the entity registry as announced: its record or position (leaf ${tg.index}) does not lead to the announced root ${entRoot.hash}.`));
    const p = toHex(prn(prnPrefixSeed, e.uscc));
    if (p !== tg.prn)
      c.fail("prn", t(`${lbl.zh}的随机数与公告推算的不一致：应为 ${p}，文件中为 ${tg.prn}。`, `${lbl.en}: its random number does not follow from the seed: expected ${p}, the file says ${tg.prn}.`), p, tg.prn);
    const pool = inPool(e);
    if (!pool.in) {
      const why = {
        status: t(`经营状态为“${e.status}”，不是存续`, `its status is "${e.status}", not in business`),
        region: t(`所在地区 ${e.region} 不在抽查范围 ${camp.targets.regions.join("、")} 内`, `its region ${e.region} is outside ${camp.targets.regions.join(", ")}`),
        category: t(`其类别（${e.categories.join("、") || "无"}）不在本次抽查的类别中`, `none of its categories (${e.categories.join(", ") || "none"}) is drawn`),
        flag: t(`带有被排除的标记（${e.flags.join("、")}）`, `it carries an excluded flag (${e.flags.join(", ")})`),
        exclusion: t("在排除名单（近期已检查）中", "it is on the exclusion list (inspected recently)")
      };
      const w = why[pool.reason];
      c.fail("targets", t(`${lbl.zh}不符合抽查范围：${w.zh}。`, `${lbl.en} is not in the pool: ${w.en}.`));
    }
    const its = targetItems(e, campaignItems, C);
    const expItems = its.map((x2) => x2.code);
    if (expItems.join("\0") !== tg.items.join("\0"))
      c.fail("targets", t(`${lbl.zh}的检查事项不对：按其类别应为 ${expItems.join("、") || "（无）"}，文件中为 ${tg.items.join("、") || "（无）"}。`, `${lbl.en}: wrong items: its categories give ${expItems.join(", ") || "(none)"}, the file says ${tg.items.join(", ") || "(none)"}.`), expItems.join(","), tg.items.join(","));
    const expD = targetDepartments(its, camp.lead_department);
    if (expD.join("\0") !== tg.departments.join("\0"))
      c.fail("targets", t(`${lbl.zh}的参与部门不对：应为 ${expD.join("、")}，文件中为 ${tg.departments.join("、")}。`, `${lbl.en}: wrong departments: expected ${expD.join(", ")}, the file says ${tg.departments.join(", ")}.`), expD.join(","), tg.departments.join(","));
  });
  c.line("inclusion", t("每个检查对象都在公告时的市场主体名录中（逐一核对名录包含证明）", "Every target is in the announced entity registry (inclusion proofs)"), proof.targets.length);
  c.line("prn", t("每个检查对象的随机数都由随机种子重新算出，一致", "Every target's random number recomputed from the seed matches"), proof.targets.length);
  c.line("targets", t("每个检查对象符合抽查范围，检查事项和参与部门正确", "Every target is in scope, with the right items and departments"), proof.targets.length);
  const recRoot = a.snapshot.roots.recusals;
  const targetSet = new Set(usccs);
  const keys = proof.blocked_pairs.map((b) => [b.target, b.officer]);
  for (let i = 1; i < keys.length; i++) {
    const d = cmpUtf8(keys[i - 1][0], keys[i][0]) || cmpUtf8(keys[i - 1][1], keys[i][1]);
    if (d >= 0) c.fail("blocked_pairs", t("回避名单没有按检查对象、执法人员排序或有重复。", "The blocked pairs are not sorted by target then officer, or repeat."));
  }
  const blocked = /* @__PURE__ */ new Set();
  proof.blocked_pairs.forEach((b, i) => {
    blocked.add(pairKey(b.officer, b.target));
    if (!targetSet.has(b.target)) c.fail("blocked_pairs", t(`第 ${i + 1} 条回避记录的对象 ${b.target} 不是本次检查对象。`, `Blocked pair ${i + 1}: ${b.target} is not a drawn target.`));
    const off = officers.get(b.officer);
    const tg = proof.targets.find((x2) => x2.entity.uscc === b.target);
    if (!off) c.fail("blocked_pairs", t(`第 ${i + 1} 条回避记录的执法人员 ${b.officer} 不在执法人员名录中。`, `Blocked pair ${i + 1}: officer ${b.officer} is not in the directory.`));
    else if (tg && !tg.departments.includes(off.department)) c.fail("blocked_pairs", t(`第 ${i + 1} 条回避记录的执法人员 ${b.officer} 不属于该对象的参与部门。`, `Blocked pair ${i + 1}: officer ${b.officer} is not of one of the target's departments.`));
    const pc = commitment(b.pair_salt, ["recusal", b.officer, b.target]);
    const lh = prefixedLeafHash((w) => recusalLeaf({ pair_commitment: toHex(pc), reason_commitment: b.reason_commitment }, w), scratch);
    if (!verifyInclusion(b.index, recRoot.size, lh, b.path, recRoot.hash))
      c.fail("blocked_pairs", t(`回避记录（执法人员 ${b.officer} 与 ${b.target}）不在公告时的回避申报中：其承诺或位置与公告的回避根 ${recRoot.hash} 对不上。`, `The recusal of officer ${b.officer} from ${b.target} is not among the announced recusals: it does not lead to the announced root ${recRoot.hash}.`));
  });
  if (proof.blocked_pairs.length) c.line("blocked_pairs", t("每条回避记录都在公告时的回避申报中（承诺与包含证明）", "Every disclosed recusal is among the announced recusals"), proof.blocked_pairs.length);
  else c.skip("blocked_pairs", t("检查对象与执法人员之间没有需要回避的情形", "No recusal between drawn targets and their officers"));
  for (const h of a.officer_history) if (targetSet.has(h.target)) blocked.add(pairKey(h.officer, h.target));
  const teamsByTarget = /* @__PURE__ */ new Map();
  const teamUsccs = proof.teams.map((x2) => x2.target);
  if (teamUsccs.join("\0") !== usccs.join("\0")) c.fail("teams", t("检查组名单与检查对象名单不是一一对应（按统一社会信用代码排序）。", "The teams do not correspond one to one, in USCC order, to the targets."));
  for (const x2 of proof.teams) teamsByTarget.set(x2.target, x2.officers);
  const res = version === null ? null : assignTeams(version, hashBytes(proof.seed), {
    drawDate: camp.draw_date,
    lead: camp.lead_department,
    officerRegion: camp.teams.officer_region,
    maxPerOfficer: camp.teams.max_targets_per_officer === null ? null : Number(camp.teams.max_targets_per_officer),
    perDepartment: Number(camp.teams.per_department),
    minSize: Number(camp.teams.min_size),
    targets: proof.targets.map((x2) => ({ uscc: x2.entity.uscc, region: x2.entity.region, categories: x2.entity.categories, items: targetItems(x2.entity, campaignItems, C) })),
    officers: proof.officers,
    blocked
  });
  const vText = version === "v2" ? t("（分配程序 v2，规范 §6.1）", " (assignment v2, SPEC §6.1)") : t("（分配程序 v1，规范 §6）", " (assignment v1, SPEC §6)");
  if (res === null) {
  } else if (res.infeasible) {
    const u = res.infeasible;
    c.fail("teams", t(`按公告重新分配执法人员时无法为 ${u.targets.join("、")} 在 ${u.department} 配齐人员（需要 ${u.demand} 人，符合条件的只有 ${u.eligible.length} 人）。这样的抽取结果不可能由规定的程序产生。`, `Re-running the assignment cannot staff ${u.targets.join(", ")} in ${u.department} (demand ${u.demand}, ${u.eligible.length} eligible). No genuine draw could produce this proof.`));
  } else {
    proof.targets.forEach((tg, i) => {
      const exp = res.teams.get(tg.entity.uscc) ?? [];
      const got = teamsByTarget.get(tg.entity.uscc) ?? [];
      if (exp.join("\0") !== got.join("\0")) {
        const lbl = targetLabel(i, tg.entity.uscc, tg.entity.name);
        c.fail(
          "teams",
          t(`${lbl.zh}的检查组与按公告重新计算的不一致：应为 ${exp.map((x2) => officerText(x2, officers)).join("、")}；文件中为 ${got.map((x2) => officerText(x2, officers)).join("、")}。`, `${lbl.en}: its team differs from the re-run assignment: expected ${exp.map((x2) => officerTextEn(x2, officers)).join(", ")}; the file has ${got.map((x2) => officerTextEn(x2, officers)).join(", ")}.`),
          exp.join(", "),
          got.join(", ")
        );
      }
    });
  }
  if (res !== null) c.line("teams", t(`按公告的规则重新分配执法人员${vText.zh}，每个检查组都与文件一致`, `Re-running the officer assignment${vText.en} gives every team in the file`), proof.teams.length);
  c.finish();
  const view = {
    campaign: camp,
    itemsByCode: Object.fromEntries(proof.items.map((i) => [i.code, { name: i.name, department: i.department, target_category: i.target_category }])),
    categoriesC: [...C],
    announcement: { hash: a.hash, campaign_hash: a.campaign_hash, announced_at: canonicalInstant(a.announced_at) ?? a.announced_at, announced_bj: annAt === null ? null : beijingTime(annAt), snapshot_id: String(a.snapshot.id), digest: a.snapshot.digest, roots: a.snapshot.roots, exclusion_count: a.exclusion.length, ledger_head: a.ledger_head, officer_history_count: a.officer_history.length, drawn_this_year_count: a.drawn_this_year.length, group: a.coordination ? { name: a.coordination.group, hash: a.coordination.hash, members: a.coordination.members } : null },
    witnesses,
    missing: proof.entropy.missing,
    beacon: beacon ? { ...beacon, round_bj: beacon.round_time && parseInstant(beacon.round_time) !== null ? beijingTime(parseInstant(beacon.round_time)) : null, ok: beaconOk } : null,
    seed: proof.seed,
    seed_ok: seedHex === proof.seed,
    prn_seed: proof.prn_seed,
    pool_size: proof.pool_size,
    excluded_by_class: proof.excluded_by_class,
    strata: strataView,
    targets: proof.targets.map((tg, i) => ({
      n: i + 1,
      uscc: tg.entity.uscc,
      name: tg.entity.name,
      region: tg.entity.region,
      township: tg.entity.township,
      categories: tg.entity.categories,
      items: tg.items.map((code) => ({ code, name: items.get(code)?.name ?? "" })),
      departments: tg.departments,
      prn: tg.prn,
      officers: (teamsByTarget.get(tg.entity.uscc) ?? []).map((id) => {
        const o = officers.get(id);
        return { id, name: o?.name ?? "?", department: o?.department ?? "?", unit: o?.unit ?? "" };
      })
    })),
    blocked_pairs: proof.blocked_pairs.length
  };
  const teams = res === null || res.infeasible ? null : proof.targets.map((tg) => ({ target: tg.entity.uscc, officers: res.teams.get(tg.entity.uscc) ?? [] }));
  return { ok: c.failures.length === 0, failures: c.failures, checks: c.checks, view, teams };
}

// src/publicCheck.ts
var PublicCheck = class {
  constructor(proof, entityBlock = 0) {
    this.proof = proof;
    const a = proof.announcement;
    const camp = a.campaign;
    const items = new Map(proof.items.map((i) => [i.code, i]));
    const { C } = drawCategories(camp, items);
    const exclusion = new Set(a.exclusion);
    this.inPool = makePoolPredicate(camp, C, exclusion, strToBin);
    this.poolSets = { categories: new Set([...C].map(strToBin)), excludeFlags: new Set(camp.targets.exclude_flags.map(strToBin)), regions: camp.targets.regions, exclusion };
    this.targets = new Map(proof.targets.map((x2, i) => [x2.entity.uscc, { i, x: x2, found: false }]));
    const prnSeed = hashBytes(proof.prn_seed);
    this.offset = camp.coordination ? startOffset(camp.coordination.start.p, camp.coordination.start.q) : new Uint8Array(32);
    this.dty = new Set(a.drawn_this_year.map(strToBin));
    this.counter = new CrossStratumCounter(proof.targets.map((x2) => ({ key: prnKey(prn(prnSeed, x2.entity.uscc), this.offset), uscc: strToBin(x2.entity.uscc), dty: this.dty.has(strToBin(x2.entity.uscc)) })));
    this.prnState = sha256.create().update(prnPrefix(prnSeed));
    this.prnWork = sha256.create();
    this.trees = { items: new MerkleStream(), entities: new MerkleStream(entityBlock), officers: new MerkleStream(), recusals: new MerkleStream() };
  }
  proof;
  failures = [];
  perArea = /* @__PURE__ */ new Map();
  trees;
  prevKey = { items: null, entities: null, officers: null, recusals: null };
  seen = {};
  header = null;
  format = null;
  publicPool = 0;
  /** the entities' root and count when a reader computes them itself (the compact blocks), else trees.entities */
  entityRoot = null;
  inPool;
  targets;
  counter;
  /** pool conditions in binary strings (json.ts binaryStreams), for readers that test dictionary texts once */
  poolSets;
  prnState;
  prnWork;
  offset;
  dty;
  lpScratch = new BinWriter(64);
  scratch = new BinWriter(1024);
  fail(area, what, expected, got) {
    const k = (this.perArea.get(area) ?? 0) + 1;
    this.perArea.set(area, k);
    if (k <= 8) this.failures.push({ area, what, expected: expected === void 0 ? void 0 : String(expected), got: got === void 0 ? void 0 : String(got) });
  }
  has(area) {
    return this.perArea.has(area);
  }
  order(reg, key, i) {
    const p = this.prevKey[reg];
    if (p !== null && cmpUtf8(p, key) >= 0) this.orderFailure(reg, key, i);
    this.prevKey[reg] = key;
  }
  /** Record i (key as a binary string) is not after the one before it. */
  orderFailure(reg, key, i) {
    this.fail("public_snapshot", t(`公开名录中的${regZh(reg)}第 ${i + 1} 条（${binToStr(key)}）没有按规定顺序排列或与前一条重复。`, `The public snapshot's ${reg} record ${i + 1} (${binToStr(key)}) is out of canonical order or repeats the previous one.`));
  }
  /** A record of items, officers or recusals (a JSON value of either file, texts as binary strings). */
  element(reg, v) {
    const tree = this.trees[reg];
    const i = tree.count;
    const scratch = this.scratch;
    if (reg === "items") {
      const r = decodeItem(v, `items[${i}]`, true);
      const pr = itemProblems(r).map(binToStr);
      if (pr.length) this.fail("public_snapshot", t(`公开名录中第 ${i + 1} 个检查事项（${binToStr(r.code)}）无效：${pr.join("；")}。`, `Item ${i + 1} (${binToStr(r.code)}) of the public snapshot is invalid: ${pr.join("; ")}.`));
      this.order(reg, r.code, i);
      tree.push(prefixedLeafHash((w) => itemLeaf(r, w), scratch));
    } else if (reg === "officers") {
      const r = decodeOfficer(v, `officers[${i}]`, true);
      const pr = officerProblems(r).map(binToStr);
      if (pr.length) this.fail("public_snapshot", t(`公开名录中第 ${i + 1} 名执法人员（${binToStr(r.id)}）无效：${pr.join("；")}。`, `Officer ${i + 1} (${binToStr(r.id)}) of the public snapshot is invalid: ${pr.join("; ")}.`));
      this.order(reg, r.id, i);
      tree.push(prefixedLeafHash((w) => officerLeaf(r, w), scratch));
    } else if (reg === "recusals") {
      const o = obj(v, `recusals[${i}]`, ["pair_commitment", "reason_commitment"], [], true);
      const r = { pair_commitment: hash(o.pair_commitment, `recusals[${i}].pair_commitment`), reason_commitment: hash(o.reason_commitment, `recusals[${i}].reason_commitment`) };
      const pr = recusalProblems(r);
      if (pr.length) this.fail("public_snapshot", t(`公开名录中第 ${i + 1} 条回避记录无效。`, `Recusal ${i + 1} of the public snapshot is invalid.`));
      this.order(reg, r.pair_commitment + r.reason_commitment, i);
      tree.push(prefixedLeafHash((w) => recusalLeaf(r, w), scratch));
    } else throw new Error(`element: ${reg}`);
  }
  /** The leaf hash of an entity record (texts as binary strings). */
  entityLeafHash(e) {
    return prefixedLeafHash((w) => entityLeaf(e, w), this.scratch);
  }
  /** §4 validity of entity i (its texts binary strings), reported in words. */
  entityValidity(e, i) {
    const pr = entityProblems(e).map(binToStr);
    if (pr.length) this.fail("public_snapshot", t(`公开名录中第 ${i + 1} 个市场主体（${binToStr(e.uscc)}）的登记信息无效：${pr.join("；")}。`, `Entity ${i + 1} (${binToStr(e.uscc)}) of the public snapshot is invalid: ${pr.join("; ")}.`));
  }
  /** Entity i of a reader that has the whole record (the JSON path): validity, order, pool, targets. */
  entity(e, i, lh) {
    this.entityValidity(e, i);
    this.order("entities", e.uscc, i);
    const p = this.inPool(e);
    const tg = this.targets.get(e.uscc);
    if (p.in) this.poolEntity(e.uscc, tg !== void 0, null);
    if (tg) this.target(tg, e, lh, i, p.in);
  }
  /**
   * An entity of the pool: counted, and unless it is a target its key goes to the cross-stratum counter. `lpUscc` is
   * lp(uscc) when the reader has its bytes (else it is encoded from the binary string).
   */
  poolEntity(uscc, isTarget, lpUscc) {
    this.publicPool++;
    if (isTarget) return;
    const w = this.prnWork;
    this.prnState._cloneInto(w);
    w.update(lpUscc ?? this.lpScratch.reset().lp(uscc).view());
    this.counter.add(prnKey(w.digest(), this.offset), uscc, this.dty.has(uscc));
  }
  /** Entity i is a target: it must be in the pool, with the proof's record at the proof's place. */
  target(tg, e, lh, i, inPool) {
    tg.found = true;
    const lbl = targetLabel(tg.i, e.uscc, binToStr(e.name));
    if (!inPool) this.fail("pool", t(`${lbl.zh}按公开名录中的信息不在抽查范围内。`, `${lbl.en} is not in the pool according to the public snapshot.`));
    const tl = prefixedLeafHash((w) => entityLeaf(tg.x.entity, w), new Writer(512));
    if (toHex(tl) !== toHex(lh)) this.fail("pool", t(`${lbl.zh}在证明中的登记信息与公开名录中的不同。`, `${lbl.en}: its record in the proof differs from the public snapshot's.`));
    if (tg.x.index !== i) this.fail("pool", t(`${lbl.zh}在证明中的位置（第 ${tg.x.index} 条）与公开名录中的位置（第 ${i} 条）不同。`, `${lbl.en}: its position in the proof (${tg.x.index}) differs from the public snapshot (${i}).`), i, tg.x.index);
  }
  rootOf(r) {
    if (r === "entities" && this.entityRoot) return { root: this.entityRoot.root(), count: this.entityRoot.count() };
    return { root: this.trees[r].root(), count: this.trees[r].count };
  }
  counts(found = 0) {
    const entities = this.entityRoot ? this.entityRoot.count() : this.trees.entities.count;
    return { entities, items: this.trees.items.count, officers: this.trees.officers.count, recusals: this.trees.recusals.count, public_pool: this.publicPool, targets_found: found };
  }
  /** A file that could not be read to its end: one failure, and the line "the public snapshot can be read" fails. */
  readFailure(e, done, t0) {
    let what;
    let area = "public_snapshot";
    if (e instanceof JsonError) {
      what = jsonFailure(null, e, t("公开名录文件", "The public snapshot")).what;
      area = "json";
    } else if (e instanceof CompactError) what = e.what;
    else if (e instanceof DecodeError)
      what = e.expected.startsWith("no such field") ? t(`公开名录含有本页面不认识的字段“${e.path}”：它可能来自更新版本的 dualdraw，或被改动过。`, `The public snapshot has a field this page does not know, "${e.path}": a newer dualdraw, or edited.`) : t(`公开名录的字段“${e.path}”格式不对：应为 ${e.expected}，文件中为 ${e.got}。`, `The public snapshot's field "${e.path}" is malformed: expected ${e.expected}, the file has ${e.got}.`);
    else what = t(`无法读取公开名录文件：${String(e)}`, `Cannot read the public snapshot: ${String(e)}`);
    this.failures.push({ area, what });
    return { ok: false, crossStratum: null, failures: this.failures, checks: [{ area: "public_snapshot", label: t("公开名录文件可以完整读取", "The public snapshot can be read"), ok: false }], counts: this.counts(), bytes: done, ms: Date.now() - t0 };
  }
  /** The file was read to its end: the format, the roots and digest, the pool, the targets, SPEC §9.1. */
  finish(expectedFormat, done, t0, readMs) {
    const proof = this.proof;
    const a = proof.announcement;
    const camp = a.campaign;
    const checks = [];
    const format = this.format;
    if (format !== expectedFormat) this.fail("public_snapshot", t(`公开名录的格式应为“${expectedFormat}”，文件中为“${format ?? "（缺失）"}”。`, `The public snapshot's format should be "${expectedFormat}", the file says "${format ?? "(missing)"}".`), expectedFormat, format);
    for (const r of REGISTRIES) if (!this.seen[r]) this.fail("public_snapshot", t(`公开名录缺少“${r}”部分。`, `The public snapshot has no "${r}".`));
    const h = this.header;
    if (!h) this.fail("public_snapshot", t("公开名录缺少快照摘要和名录根（snapshot）。", 'The public snapshot has no "snapshot" header.'));
    checks.push({ area: "public_snapshot", label: t("公开名录文件完整、格式正确、按规定顺序排列", "The public snapshot is complete, well formed and in canonical order"), ok: !this.has("public_snapshot") });
    for (const r of REGISTRIES) {
      const { root, count: size } = this.rootOf(r);
      const got = toHex(root);
      const ann = a.snapshot.roots[r];
      if (got !== ann.hash || size !== ann.size)
        this.fail("public_snapshot", t(`公开名录中的${regZh(r)}（${size} 条）算出的根与公告的根不一致：公告为 ${ann.hash}（${ann.size} 条），由公开名录算出 ${got}。这份公开名录不是公告时的名录。`, `The public snapshot's ${r} (${size} records) do not give the announced root: announced ${ann.hash} (${ann.size}), the file gives ${got}. This is not the registry as announced.`), `${ann.hash} (${ann.size})`, `${got} (${size})`);
      if (h && (h.roots[r].hash !== ann.hash || h.roots[r].size !== ann.size))
        this.fail("public_snapshot", t(`公开名录标明的${regZh(r)}根与证明中公告的根不一致：公告为 ${ann.hash}（${ann.size} 条），公开名录标明 ${h.roots[r].hash}（${h.roots[r].size} 条）。`, `The public snapshot's stated ${r} root differs from the announced one: announced ${ann.hash} (${ann.size}), the snapshot states ${h.roots[r].hash} (${h.roots[r].size}).`), ann.hash, h.roots[r].hash);
    }
    if (h) {
      const d = toHex(snapshotDigest(h.roots));
      if (d !== h.digest || h.digest !== a.snapshot.digest)
        this.fail("public_snapshot", t(`公开名录的快照摘要与公告不一致：公告为 ${a.snapshot.digest}，公开名录为 ${h.digest}。`, `The public snapshot's digest differs from the announced one: announced ${a.snapshot.digest}, the snapshot says ${h.digest}.`), a.snapshot.digest, h.digest);
    }
    checks.push({ area: "public_snapshot", label: t("由公开名录重新算出的四个名录根与公告一致", "The four registry roots recomputed from the public snapshot match the announcement"), ok: !this.has("public_snapshot"), count: 4 });
    const publicPool = this.publicPool;
    const expectedPool = proof.pool_size + proof.excluded_by_class;
    if (publicPool !== expectedPool)
      this.fail("pool", t(`按公开信息重新统计的抽查范围为 ${publicPool} 户，而证明中的范围为 ${proof.pool_size} 户加上因信用类别排除的 ${proof.excluded_by_class} 户，共 ${expectedPool} 户，两者不一致。`, `Recounted from public fields the pool has ${publicPool} entities, but the proof's pool is ${proof.pool_size} plus ${proof.excluded_by_class} left out by class = ${expectedPool}.`), expectedPool, publicPool);
    checks.push({ area: "pool", label: t(`按公开信息重新统计抽查范围：${publicPool} 户（证明：${proof.pool_size} + 按类别排除 ${proof.excluded_by_class}）`, `Pool recounted from public fields: ${publicPool} (proof: ${proof.pool_size} + ${proof.excluded_by_class} left out by class)`), ok: !this.has("pool") });
    let found = 0;
    for (const [uscc, tg] of this.targets) {
      if (tg.found) found++;
      else this.fail("pool", t(`${targetLabel(tg.i, uscc, tg.x.entity.name).zh}不在公开名录中。`, `${targetLabel(tg.i, uscc, tg.x.entity.name).en} is not in the public snapshot.`));
    }
    checks.push({ area: "pool", label: t("每个检查对象都在公开名录中，且在抽查范围内", "Every target is in the public snapshot and in the pool"), ok: !this.has("pool"), count: this.targets.size });
    let cross = null;
    if (!this.has("pool") && !this.has("public_snapshot")) {
      cross = crossStratumCheck(this.counter, {
        strata: proof.strata,
        excluded: proof.excluded_by_class,
        excludeClasses: camp.targets.exclude_credit_classes.length > 0,
        lowRisk: camp.targets.low_risk_once_a_year
      });
      if (!cross.ok) this.fail("cross_stratum", crossText(cross));
      checks.push({ area: "cross_stratum", label: t(`存在一种信用类别划分，与公布的各分层户数、抽取数和 ${cross.pool} 户的随机数一致，恰好抽出这些检查对象${cross.order ? `（分层门槛顺序 ${cross.order.join(" ≤ ")}）` : ""}`, `Some assignment of the hidden credit classes, consistent with the published stratum sizes and the ${cross.pool} entities' random numbers, draws exactly these targets${cross.order ? ` (cut order ${cross.order.join(" ≤ ")})` : ""}`), ok: cross.ok, count: cross.pool });
    }
    for (const [area, k] of this.perArea) if (k > 8) this.failures.push({ area, what: t(`……同类问题另有 ${k - 8} 处未逐一列出。`, `…and ${k - 8} more problem(s) of the same kind not listed.`) });
    return { ok: this.failures.length === 0, failures: this.failures, checks, counts: this.counts(found), bytes: done, ms: Date.now() - t0, readMs, crossStratum: cross };
  }
};
function crossText(r) {
  if (r.reason === "counts") return t(`分层户数之和与抽查范围不符（范围 ${r.pool} 户，检查对象 ${r.targets} 户），无法做跨分层核对。`, `The strata do not add up to the pool (${r.pool} entities, ${r.targets} targets): the cross-stratum check cannot hold.`);
  if (r.reason === "low_risk_targets") return t("检查对象中本年度已抽取的企业多于 A 类以外各分层的抽取数之和：它们不能是 A 类（低风险企业一年只抽一次），这样的名单不可能由规定的程序产生。", "More targets of the drawn-this-year list than the strata other than A draw: they cannot be class A (low risk, once a year), so no genuine draw gives this list.");
  const v = r.violation;
  const detail = v ? t(`例如：只能归入 ${v.bins.join("、") || "（无）"} 的非检查对象有 ${v.demand} 户，而这些分层只能容纳 ${v.capacity} 户`, `e.g. ${v.demand} non-targets could only be in ${v.bins.join(", ") || "(nothing)"}, which hold ${v.capacity}`) : t("", "");
  return t(
    `不存在任何一种信用类别划分能与公布的各分层户数、抽取数和 ${r.pool} 户企业的随机数一致并恰好抽出这 ${r.targets} 个检查对象（${detail.zh}）。名单中至少有一个对象的随机数太大、不可能被抽中，或有未被抽中的企业随机数太小。`,
    `No assignment of the hidden credit classes consistent with the published stratum sizes and the ${r.pool} entities' random numbers draws exactly these ${r.targets} targets (${detail.en}). Some target's number is too large to have been drawn, or some entity left out has one too small.`
  );
}

// src/compactVerify.ts
var CHUNK = 4 << 20;
function nextTask() {
  if (typeof MessageChannel !== "function") return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(0);
  });
}
async function verifyCompact(proof, file, onProgress) {
  const t0 = Date.now();
  const ck = new PublicCheck(proof);
  const total = file.size;
  const cursor = new BlobCursor(file);
  let done = 0;
  let count = 0;
  const blockRoots = new MerkleStream();
  ck.entityRoot = { root: () => blockRoots.root(), count: () => count };
  let hasher = null;
  let helperBlocks = 0;
  let blocks = 0;
  try {
    const big = sizeProblem(total, MAX_SNAPSHOT_BYTES);
    if (big) throw big;
    const missing = inflateProblem();
    if (missing) throw new CompactError(missing);
    const { headLen, indexAt, blocks: B } = await readFraming(file);
    blocks = B;
    if (B > 1) hasher = makeBlockHasher();
    let entitiesHead = void 0;
    const parser = new JsonStreamParser({
      streamKeys: ["items", "officers", "recusals"],
      binaryStreams: true,
      maxBytes: MAX_HEAD_BYTES,
      onElement: (key, v) => ck.element(key, v),
      onArrayStart: (k) => {
        ck.seen[k] = true;
      },
      onTopLevel: (k, v) => {
        if (k === "format") ck.format = typeof v === "string" ? v : JSON.stringify(v);
        else if (k === "snapshot") ck.header = decodeSnapshotRef(v, "snapshot", true);
        else if (k === "entities") entitiesHead = v;
      }
    });
    for (let p = 12; p < 12 + headLen; p += CHUNK) parser.push(await cursor.read(p, Math.min(CHUNK, 12 + headLen - p)));
    parser.end();
    if (entitiesHead === void 0) throw new CompactError(t("紧凑格式公开名录的头部缺少“entities”（实体数和块大小）。", `The compact public snapshot's head has no "entities" (count and block size).`));
    const eh = obj(entitiesHead, "entities", ["count", "block_size"], [], true);
    const N = int(eh.count, "entities.count");
    const bs = int(eh.block_size, "entities.block_size");
    ck.seen.entities = true;
    if (bs < 256 || bs > 65536 || (bs & bs - 1) !== 0) throw new CompactError(t(`紧凑格式公开名录的块大小 block_size = ${bs} 不对：应为 256 到 65536 之间的 2 的幂。`, `The compact public snapshot's block_size is ${bs}: it must be a power of two from 256 to 65,536.`));
    const h = ck.header;
    if (h && h.roots.entities.size !== N)
      ck.fail("public_snapshot", t(`紧凑格式公开名录头部的实体数 count = ${N} 与其标明的市场主体名录规模 ${h.roots.entities.size} 不一致。`, `The compact public snapshot's entity count (${N}) differs from its stated entities size (${h.roots.entities.size}).`), h.roots.entities.size, N);
    const expectB = Math.ceil(N / bs);
    if (B !== expectB) throw new CompactError(t(`紧凑格式公开名录的结尾记录有 ${B} 个块，而按头部的实体数 ${N} 和块大小 ${bs} 应有 ${expectB} 个块。`, `The compact public snapshot's trailer lists ${B} blocks, but the head's count ${N} and block size ${bs} make ${expectB}.`));
    const idx = new Uint8Array(B > 0 ? await file.slice(indexAt, indexAt + INDEX_ENTRY * B).arrayBuffer() : new ArrayBuffer(0));
    const cols = new BlockColumns();
    const leaves = new LeafWriter();
    let hashes = new Uint8Array(32 * Math.min(bs, Math.max(N, 1)));
    const bufs = [new Uint8Array(0), new Uint8Array(0)];
    const prevUscc = new Uint8Array(18);
    const lpUscc = new Uint8Array(22);
    lpUscc[3] = 18;
    const lbl = (k) => blockName(k);
    const fetchBlock = async (k, at) => {
      if (at + 8 > indexAt) throw new CompactError(t(`公开名录${lbl(k).zh}的开头超出了索引的位置（块数据不完整）。`, `The public snapshot's ${lbl(k).en} starts past the index (the blocks are incomplete).`));
      const hd = cursor.peek(at, 8) ?? await cursor.read(at, 8);
      const rawLen = u32At(hd, 0);
      const storedLen = u32At(hd, 4);
      if (rawLen > MAX_RAW_BYTES) throw new CompactError(t(`公开名录${lbl(k).zh}标明的解压长度 raw_len = ${rawLen} 字节超过了 64 MiB 的上限。`, `The public snapshot's ${lbl(k).en} says raw_len = ${rawLen} bytes, over the 64 MiB limit.`));
      if (storedLen > storedBound(rawLen)) throw new CompactError(t(`公开名录${lbl(k).zh}的压缩数据长度 stored_len = ${storedLen} 字节超过了按 raw_len = ${rawLen} 允许的上限（raw_len + ⌊raw_len / 1024⌋ + 1024）。`, `The public snapshot's ${lbl(k).en} has stored_len = ${storedLen} bytes, more than raw_len = ${rawLen} allows (raw_len + ⌊raw_len / 1024⌋ + 1024).`));
      if (at + 8 + storedLen > indexAt) throw new CompactError(t(`公开名录${lbl(k).zh}的压缩数据（${storedLen} 字节）超出了索引的位置。`, `The public snapshot's ${lbl(k).en} (${storedLen} stored bytes) runs past the index.`));
      const stored = cursor.peek(at + 8, storedLen) ?? await cursor.read(at + 8, storedLen);
      const slot = k & 1;
      if (bufs[slot].length < rawLen) bufs[slot] = new Uint8Array(Math.max(rawLen, Math.min(MAX_RAW_BYTES, bufs[slot].length * 2)));
      await inflateInto(stored, rawLen, bufs[slot], k);
      return { k, at, storedLen, raw: bufs[slot], rawLen };
    };
    const targetHash = /* @__PURE__ */ new Set();
    const fnv = (b, at) => {
      let x2 = 2166136261;
      for (let i = 0; i < 18; i++) x2 = Math.imul(x2 ^ b[at + i], 16777619);
      return x2 >>> 0;
    };
    for (const uscc of ck.targets.keys()) {
      const b = new TextEncoder().encode(uscc);
      if (b.length === 18) targetHash.add(fnv(b, 0));
    }
    const ps = ck.poolSets;
    let inBusiness = new Uint8Array(0);
    let regionOk = new Uint8Array(0);
    let catIn = new Uint8Array(0);
    let flagOut = new Uint8Array(0);
    let pos = 12 + headLen;
    let lastReport = 0;
    const roots = [];
    let pending = B > 0 ? fetchBlock(0, pos) : null;
    for (let k = 0; k < B; k++) {
      const cur = await pending;
      const next = cur.at + 8 + cur.storedLen;
      pending = k + 1 < B ? fetchBlock(k + 1, next) : null;
      pending?.catch(() => {
      });
      pos = next;
      const n = k + 1 < B ? bs : N - (B - 1) * bs;
      cols.decode(cur.raw, cur.rawLen, k, n);
      const raw = cols.raw;
      const d = cols.d;
      if (inBusiness.length < d) {
        inBusiness = new Uint8Array(d * 2);
        regionOk = new Uint8Array(d * 2);
        catIn = new Uint8Array(d * 2);
        flagOut = new Uint8Array(d * 2);
      }
      for (let i = 0; i < d; i++) {
        const s = cols.dictBin(i);
        inBusiness[i] = s === "in_business" ? 1 : 0;
        regionOk[i] = ps.regions.length === 0 || ps.regions.some((r) => s.startsWith(r)) ? 1 : 0;
        catIn[i] = ps.categories.has(s) ? 1 : 0;
        flagOut[i] = ps.excludeFlags.has(s) ? 1 : 0;
      }
      let helper = hasher ? hasher.free() : -1;
      if (hasher && helper < 0) {
        await nextTask();
        helper = hasher.free();
      }
      const local = helper < 0;
      const lists = cols.lists;
      for (let j = 0; j < n; j++) {
        const i = count + j;
        const u = cols.usccAt + 18 * j;
        if (local) leaves.hash(cols, j, hashes, 32 * j);
        if (!cols.entityValid(j)) ck.entityValidity(cols.record(j, true), i);
        if (i > 0) {
          let c = 0;
          for (let x2 = 0; x2 < 18 && c === 0; x2++) c = raw[u + x2] - prevUscc[x2];
          if (c <= 0) ck.orderFailure("entities", cols.usccBin(j), i);
        }
        for (let x2 = 0; x2 < 18; x2++) prevUscc[x2] = raw[u + x2];
        let pool = inBusiness[cols.status[j]] === 1 && regionOk[cols.region[j]] === 1;
        if (pool) {
          let any = false;
          for (let s = cols.catStart[j], e2 = s + cols.catCount[j]; s < e2 && !any; s++) any = catIn[lists[s]] === 1;
          pool = any;
        }
        if (pool) {
          for (let s = cols.flagStart[j], e2 = s + cols.flagCount[j]; s < e2 && pool; s++) if (flagOut[lists[s]] === 1) pool = false;
        }
        let uscc = null;
        if (pool) {
          uscc = cols.usccBin(j);
          if (ps.exclusion.has(uscc)) pool = false;
        }
        const tg = targetHash.has(fnv(raw, u)) ? ck.targets.get(uscc ??= cols.usccBin(j)) : void 0;
        if (pool) {
          for (let x2 = 0; x2 < 18; x2++) lpUscc[4 + x2] = raw[u + x2];
          ck.poolEntity(uscc, tg !== void 0, lpUscc);
        }
        if (tg) {
          const lh = new Uint8Array(32);
          if (local) lh.set(hashes.subarray(32 * j, 32 * j + 32));
          else leaves.hash(cols, j, lh, 0);
          ck.target(tg, cols.record(j, true), lh, i, pool);
        }
      }
      const e = INDEX_ENTRY * k;
      const io = u64At(idx, e);
      if (io !== cur.at) ck.fail("public_snapshot", t(`紧凑格式公开名录的索引中${lbl(k).zh}的位置为 ${io ?? "（过大）"}，而该块实际位于第 ${cur.at} 字节。`, `The compact public snapshot's index puts ${lbl(k).en} at ${io ?? "(too large)"}, but it is at byte ${cur.at}.`), cur.at, io);
      if (cmpBytes(idx.subarray(e + 8, e + 26), raw.subarray(cols.usccAt, cols.usccAt + 18)) !== 0) {
        const listed = new TextDecoder().decode(idx.subarray(e + 8, e + 26));
        ck.fail("public_snapshot", t(`紧凑格式公开名录的索引中${lbl(k).zh}的第一个统一社会信用代码为 ${listed}，而该块以 ${cols.usccText(0)} 开头。`, `The compact public snapshot's index gives ${lbl(k).en} the first USCC ${listed}, but the block starts with ${cols.usccText(0)}.`), cols.usccText(0), listed);
      }
      roots.push(local ? rootInPlace(hashes, n) : hasher.root(helper, raw, cur.rawLen, k, n));
      if (!local) helperBlocks++;
      count += n;
      done = next;
      const now = Date.now();
      if (now - lastReport > 100) {
        lastReport = now;
        onProgress(done, total, count);
      }
    }
    for (let k = 0; k < B; k++) {
      const root = await roots[k];
      blockRoots.push(root);
      const ir = idx.subarray(INDEX_ENTRY * k + 26, INDEX_ENTRY * k + 58);
      const n = k + 1 < B ? bs : N - (B - 1) * bs;
      if (cmpBytes(ir, root) !== 0) ck.fail("public_snapshot", t(`紧凑格式公开名录的索引中${lbl(k).zh}的根为 ${toHex(ir)}，而由该块的 ${n} 个实体算出 ${toHex(root)}。`, `The compact public snapshot's index gives ${lbl(k).en} the root ${toHex(ir)}, but its ${n} entities give ${toHex(root)}.`), toHex(root), toHex(ir));
    }
    if (pos !== indexAt) throw new CompactError(t(`紧凑格式公开名录在最后一块与索引之间多出 ${indexAt - pos} 个字节。`, `The compact public snapshot has ${indexAt - pos} bytes between its last block and its index.`));
    done = total;
  } catch (e) {
    onProgress(done, total, count);
    return ck.readFailure(e, done, t0);
  } finally {
    hasher?.close();
  }
  onProgress(done, total, count);
  return { ...ck.finish(COMPACT_FORMAT, done, t0, cursor.readMs), compact: { blocks, helpers: hasher?.size ?? 0, helperBlocks } };
}

// src/snapshot.ts
var PUBLIC_FORMAT = "dualdraw-public-snapshot-v1";
var BLOCK2 = 256;
var CHUNK2 = 4 << 20;
var EntityIndex = class {
  // leaf hashes of the last, partial block
  constructor(file) {
    this.file = file;
  }
  file;
  offsets = new Float64Array(1024);
  n = 0;
  lastEnd = 0;
  blocks = [];
  tail = [];
  add(start, end) {
    if (this.n === this.offsets.length) {
      const nb = new Float64Array(this.offsets.length * 2);
      nb.set(this.offsets);
      this.offsets = nb;
    }
    this.offsets[this.n++] = start;
    this.lastEnd = end;
  }
  endOf(i) {
    return i + 1 < this.n ? this.offsets[i + 1] : this.lastEnd;
  }
  async readRange(a, b) {
    const base = this.offsets[a];
    const buf = new Uint8Array(await this.file.slice(base, this.endOf(b - 1)).arrayBuffer());
    const out = [];
    for (let i = a; i < b; i++) out.push(decodeEntity(parseFirst(buf.subarray(this.offsets[i] - base, this.endOf(i) - base)), `entities[${i}]`, true));
    return out;
  }
  async read(i) {
    return (await this.readRange(i, i + 1))[0];
  }
  /** Index of a USCC by binary search (the entities are in USCC order, checked while reading), or -1. */
  async find(uscc) {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = lo + hi >> 1;
      const r = await this.read(mid);
      const c = cmpUtf8(r.uscc, uscc);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  /** The audit path of leaf m (RFC 9162), from the kept block roots and one read of m's block. */
  async path(m) {
    const b0 = Math.floor(m / BLOCK2) * BLOCK2;
    const b1 = Math.min(b0 + BLOCK2, this.n);
    const recs = await this.readRange(b0, b1);
    const scratch = new Writer(512);
    const leaves = recs.map((r) => prefixedLeafHash((w) => entityLeaf(r, w), scratch));
    const tailStart = this.blocks.length * BLOCK2;
    const leafAt = (i) => {
      if (i >= b0 && i < b1) return leaves[i - b0];
      if (i >= tailStart) return this.tail[i - tailStart];
      throw new Error(`leaf ${i} not available`);
    };
    const mth = (a, b) => {
      if (b - a === BLOCK2 && a % BLOCK2 === 0 && a / BLOCK2 < this.blocks.length) return this.blocks[a / BLOCK2];
      if (b - a === 1) return leafAt(a);
      let k = 1;
      while (k * 2 < b - a) k *= 2;
      return nodeHash(mth(a, a + k), mth(a + k, b));
    };
    return { leaf: leafAt(m), path: auditPath(m, this.n, mth) };
  }
};
async function verifyPublic(proof, file, onProgress) {
  if (await snapshotKind(file) === "compact") {
    const result = await verifyCompact(proof, file, onProgress);
    return { result: { ...result, snapshotFormat: "compact" }, index: null, format: "compact" };
  }
  const r = await verifyJson(proof, file, onProgress);
  return { result: { ...r.result, snapshotFormat: "json" }, index: r.index, format: "json" };
}
async function verifyJson(proof, file, onProgress) {
  const t0 = Date.now();
  const ck = new PublicCheck(proof, BLOCK2);
  const index = new EntityIndex(file);
  const entities = ck.trees.entities;
  let tail = [];
  const onElement = (key, v, start, end) => {
    const reg = key;
    if (reg !== "entities") return ck.element(reg, v);
    const i = entities.count;
    const e = decodeEntity(v, `entities[${i}]`, true);
    const lh = ck.entityLeafHash(e);
    entities.push(lh);
    tail.push(lh);
    if (tail.length === BLOCK2) tail = [];
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
      if (k === "format") ck.format = typeof v === "string" ? v : JSON.stringify(v);
      else if (k === "snapshot") ck.header = decodeSnapshotRef(v, "snapshot", true);
    }
  });
  const total = file.size;
  let done = 0;
  let lastReport = 0;
  let readMs = 0;
  try {
    const big = sizeProblem(total, MAX_SNAPSHOT_BYTES);
    if (big) throw big;
    for (let pos = 0; pos < total; ) {
      const tr0 = Date.now();
      const value = new Uint8Array(await file.slice(pos, Math.min(total, pos + CHUNK2)).arrayBuffer());
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
  index.blocks = entities.blocks;
  index.tail = tail;
  return { result: ck.finish(PUBLIC_FORMAT, done, t0, readMs), index };
}

// src/verdict.ts
var SCHEMA = "dualdraw.verify.v2";
var CHECKS = [
  ...["json", "format", "campaign", "announcement", "witnesses", "beacon", "coordination", "seed", "registries", "inclusion", "prn", "targets", "strata", "blocked_pairs", "teams"].map((id) => ({ id, level: "light" })),
  ...["public_snapshot", "pool", "cross_stratum"].map((id) => ({ id, level: "public" })),
  ...["stratum_membership", "selection", "recusals", "rerun"].map((id) => ({ id, level: "audit" }))
];
var ORDER = new Map(CHECKS.map((c, i) => [c.id, i]));
var byTable = (a, b) => (ORDER.get(a) ?? 99) - (ORDER.get(b) ?? 99);
var NOT_HERE = {
  public_snapshot: { who: ["public"], why: "the public snapshot is checked against the announced digest only when it is given (pass --snapshot)", zh: "需载入公开名录文件才能核对" },
  pool: { who: ["public"], why: "the pool is recomputed from the published public snapshot (pass --snapshot)", zh: "抽查范围需由公开名录重新统计" },
  cross_stratum: { who: ["public"], why: "whether the targets fit the stratum sizes needs every pool entity's PRN, from the public snapshot", zh: "检查对象是否与各分层户数相容，需要公开名录中每个企业的随机数" },
  stratum_membership: { who: ["auditor"], why: "credit classes are confidential: only the workspace holds them and their salts", zh: "信用风险类别保密，只有县局工作区持有" },
  selection: { who: ["auditor", "enterprise"], why: "which entities are in a stratum is confidential; an enterprise given the openings of its class and its stratum's threshold can check its own case", zh: "各分层成员保密；企业凭本企业的类别开启凭证和分层门槛开启凭证可核对本企业" },
  recusals: { who: ["auditor"], why: "recusal pairs not among drawn targets and the class exclusions are confidential", zh: "未涉及检查对象的回避申报和按类别排除的企业保密" },
  rerun: { who: ["auditor"], why: "re-running the whole draw needs the workspace's registries and salts", zh: "重新完整抽取需要县局工作区的名录和盐值" }
};
var ANNOUNCEMENT_NOTE = "Compare announcement_hash with the hash the bureau published before the draw: a verifier cannot see what was published before.";
var ANNOUNCEMENT_NOTE_T = t("请把公告哈希与登记机关在抽取之前公布的公告哈希逐字核对：任何验证程序都看不到抽取之前公布过什么。", ANNOUNCEMENT_NOTE);
function buildVerdict(v) {
  const failures = [...v.fatal ? [v.fatal] : [], ...v.light?.failures ?? [], ...v.snapshotFailure ? [v.snapshotFailure] : [], ...v.pub?.failures ?? []];
  const failed = [...new Set(failures.map((f) => f.area))].sort(byTable);
  const ran = /* @__PURE__ */ new Set();
  if (v.light) {
    ran.add("format");
    for (const c of v.light.checks) ran.add(c.area);
  }
  if (v.pub) for (const c of v.pub.checks) ran.add(c.area);
  ran.delete("json");
  const established = [...ran].filter((id) => !failed.includes(id) && ORDER.has(id)).sort(byTable);
  const notRunnable = CHECKS.filter((c) => c.level === "audit" || v.level === "light" && c.level === "public").map((c) => c.id);
  const ok = failed.length === 0;
  return {
    schema: SCHEMA,
    ok,
    verdict: ok ? "consistent" : "invalid",
    level: v.level,
    campaign: v.proof ? v.proof.announcement.campaign.id : null,
    announcement_hash: v.proof ? v.proof.announcement.hash : null,
    seed: v.proof ? v.proof.seed : null,
    established,
    failed,
    not_checked: notRunnable.map((id) => ({ check: id, who: NOT_HERE[id].who, why: NOT_HERE[id].why })),
    errors: failures.map((f) => ({ check: f.area, message: f.what.en, ...f.expected !== void 0 ? { expected: f.expected } : {}, ...f.got !== void 0 ? { got: f.got } : {} })),
    // SPEC §9: when ok, the verified targets (checked, not re-selected: only the audit level re-selects) and the
    // teams this level re-ran; null otherwise
    targets: ok && v.proof ? v.proof.targets.map((t2) => t2.entity.uscc).sort() : null,
    teams: ok && v.light && v.light.teams && !v.fatal ? v.light.teams : null,
    announcement_note: ANNOUNCEMENT_NOTE
  };
}
function unreadable(v) {
  return v.failed.includes("json");
}
var CHECK_LABEL = {
  json: t("文件可读（JSON 及规范 §10 的限制）", "the file is readable JSON within SPEC §10"),
  format: t("证明文件格式", "the format"),
  campaign: t("抽查活动内容与活动哈希", "the campaign and its hash"),
  announcement: t("公告内容与公告哈希", "the announcement and its hash"),
  witnesses: t("见证人秘密与承诺、揭示时间", "witnesses' secrets, commitments and times"),
  beacon: t("公共随机信标", "the beacon"),
  coordination: t("协调组", "the coordination group"),
  seed: t("随机种子", "the seed"),
  registries: t("检查事项清单和执法人员名录", "the item list and officer directory"),
  inclusion: t("检查对象和回避记录的包含证明", "inclusion proofs of targets and recusals"),
  prn: t("每个检查对象的随机数", "every target's random number"),
  targets: t("检查对象符合公开条件、事项和部门", "targets in scope, with their items and departments"),
  strata: t("各分层抽取数的计算", "each stratum's allocation"),
  blocked_pairs: t("公开的回避记录", "the disclosed recusals"),
  teams: t("重新分配执法人员，检查组一致", "the officer assignment re-run, team by team"),
  public_snapshot: t("公开名录与公告的名录根一致", "the public snapshot has the announced roots"),
  pool: t("按公开信息重新统计抽查范围", "the pool recounted from public fields"),
  cross_stratum: t("检查对象与各分层户数相容（跨分层核对）", "the targets fit the stratum sizes (cross-stratum)"),
  stratum_membership: t("各分层的户数（保密的信用风险类别）", "each stratum's size from the confidential classes"),
  selection: t("各分层抽中的是随机数最小的企业，门槛承诺成立", "each stratum's targets are its smallest keys; its threshold opens"),
  recusals: t("回避申报与按类别排除完整无遗", "the recusals and class exclusions are complete"),
  rerun: t("用县局工作区的名录重新完整抽取", "the whole draw re-run from the workspace's registries")
};
var WHO_LABEL = {
  public: t("任何人载入公开名录（public-snapshot.json）即可核对", "anyone, with the published public snapshot"),
  auditor: t("审计核验（县局工作区）", "the audit level (the bureau's workspace)"),
  enterprise: t("企业凭本企业开启凭证（仅限本企业）", "an enterprise with its own openings (for itself only)")
};

// src/run.ts
function unreadableFailure(what, e) {
  return { area: "json", what: t(`无法读取${what === "proof" ? "证明" : "公开名录"}文件：${String(e)}`, `Cannot read the ${what === "proof" ? "proof" : "public snapshot"} file: ${String(e)}`) };
}
async function runVerification(proofFile, snapshot, progress) {
  const level = snapshot ? "public" : "light";
  const t0 = Date.now();
  progress("proof", 0, proofFile.size, 0);
  const formatLine = (ok) => ({ area: "format", label: t("证明文件格式正确", "The proof file is well formed"), ok });
  const fail = (failure2) => {
    const light2 = { ok: false, failures: [failure2], checks: [formatLine(false)], view: null, teams: null };
    return { proof: null, light: light2, pub: null, index: null, compact: null, verdict: buildVerdict({ level, proof: null, fatal: failure2 }), ms: { light: Date.now() - t0, public: 0 } };
  };
  const big = sizeProblem(proofFile.size, MAX_PROOF_BYTES);
  if (big) return fail(jsonFailure(null, big));
  let bytes;
  try {
    bytes = new Uint8Array(await proofFile.arrayBuffer());
  } catch (e) {
    return fail(unreadableFailure("proof", e));
  }
  const { proof, failure } = loadProof(bytes);
  if (!proof) return fail(failure);
  progress("light", bytes.length, bytes.length, 0);
  const light = verifyLight(proof);
  light.checks.unshift(formatLine(true));
  const tLight = Date.now() - t0;
  let pub = null;
  let index = null;
  let compact = null;
  let snapshotFailure = null;
  if (snapshot) {
    try {
      const r = await verifyPublic(proof, snapshot, (b, total, entities) => progress("public", b, total, entities));
      pub = r.result;
      if (r.index && !r.result.failures.some((f) => f.area === "public_snapshot" || f.area === "json")) index = r.index;
      if (r.format === "compact") compact = snapshot;
    } catch (e) {
      if (!(e instanceof JsonError)) snapshotFailure = unreadableFailure("snapshot", e);
      else snapshotFailure = jsonFailure(null, e, t("公开名录文件", "The public snapshot"));
    }
  }
  return { proof, light, pub, index, compact, verdict: buildVerdict({ level, proof, light, pub, snapshotFailure }), ms: { light: tLight, public: pub ? pub.ms : 0 } };
}

// src/cli.ts
var USAGE = `usage: node verify-cli.mjs PROOF [--snapshot SNAPSHOT] [--json] [--lang zh|en]
       node verify-cli.mjs [PROOF] --log-key VKEY… (--checkpoint F | --inclusion F | --consistency OLD NEW | --fork F | --attestation F | --signature F.sig)… [--key-statement F …] [--key-list F] [--json]

Verifies a dualdraw draw proof with the code of the public verification page (web/dist/verify.html):
the light level from the proof alone, the public level with the published public snapshot.
  --snapshot FILE  the public snapshot, for the public level: JSON (dualdraw registry export --public) or compact
                   (--compact, COMMITMENTS.md §9), told apart by the file's first bytes
  --json           print the verdict object of docs/SPEC.md §9 (schema dualdraw.verify.v2)
  --lang zh|en     language of the human report (default en)
Exit status: 0 consistent, 1 invalid, 2 usage error or unreadable file.

${LOG_USAGE}`;
function parseArgs(argv) {
  let proof = null;
  let snapshot = null;
  let json = false;
  let lang = "en";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") json = true;
    else if (a === "--snapshot" || a === "--lang") {
      const v = argv[++i];
      if (v === void 0) return `${a} needs a value`;
      if (a === "--snapshot") snapshot = v;
      else if (v === "zh" || v === "en") lang = v;
      else return `--lang: zh or en, not ${v}`;
    } else if (a.startsWith("--snapshot=")) snapshot = a.slice(11);
    else if (a === "-h" || a === "--help") return "";
    else if (a.startsWith("-") && a !== "-") return `unknown option ${a}`;
    else if (proof === null) proof = a;
    else return `unexpected argument ${a}`;
  }
  if (proof === null) return "a proof file is needed";
  return { proof, snapshot, json, lang };
}
async function fileBlob(path) {
  if (!statSync2(path).isFile()) throw new Error(`${path} is not a file`);
  return await openAsBlob(path);
}
function human(v, lang) {
  const tr = (x2) => x2[lang];
  const zh = lang === "zh";
  const out = [];
  const lvl = v.level === "public" ? zh ? "公开核验（证明 + 公开名录）" : "public (proof + public snapshot)" : zh ? "简易核验（仅证明）" : "light (proof only)";
  if (v.verdict === "invalid") out.push(zh ? `✘ 验证未通过 — 级别：${lvl}` : `✘ INVALID — level: ${lvl}`);
  else out.push(zh ? `◐ 未发现问题（一致），并非完整核验 — 级别：${lvl}` : `◐ CONSISTENT (nothing wrong found; not a full re-run) — level: ${lvl}`);
  if (v.campaign) out.push(`${zh ? "抽查活动" : "campaign"}: ${v.campaign}   ${zh ? "公告哈希" : "announcement hash"}: ${v.announcement_hash}`);
  if (v.errors.length) {
    out.push("", zh ? "不一致之处：" : "Failures:");
    for (const e of v.errors) out.push(`  ✘ [${e.check}] ${e.message}`);
  }
  if (v.established.length) {
    out.push("", zh ? "已核实：" : "Established:");
    for (const id of v.established) out.push(`  ✔ ${id}: ${tr(CHECK_LABEL[id])}`);
  }
  out.push("", zh ? "本级别无法核实（谁可以核实）：" : "Not checked at this level (who can check it):");
  for (const n of v.not_checked) out.push(`  – ${n.check}: ${tr(CHECK_LABEL[n.check])} — ${n.who.map((w) => tr(WHO_LABEL[w])).join(zh ? "；" : "; ")}`);
  out.push("", tr(ANNOUNCEMENT_NOTE_T));
  return out.join("\n");
}
async function main() {
  if (process.argv.slice(2).some(isLogArg)) return runLogCli(process.argv.slice(2), writeOut);
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === "string") {
    if (args === "") {
      console.log(USAGE);
      return 0;
    }
    console.error(`error: ${args}

${USAGE}`);
    return 2;
  }
  const level = args.snapshot ? "public" : "light";
  let verdict;
  try {
    let proof;
    try {
      proof = await fileBlob(args.proof);
    } catch (e) {
      throw unreadableFailure("proof", e instanceof Error ? e.message : e);
    }
    let snap = null;
    if (args.snapshot) {
      try {
        snap = await fileBlob(args.snapshot);
      } catch (e) {
        throw unreadableFailure("snapshot", e instanceof Error ? e.message : e);
      }
    }
    let last = 0;
    const v = await runVerification(proof, snap, (phase, bytes, total) => {
      if (args.json || !process.stderr.isTTY || phase !== "public" || Date.now() - last < 500) return;
      last = Date.now();
      process.stderr.write(`\rreading the public snapshot: ${(100 * bytes / Math.max(1, total)).toFixed(0)}%`);
    });
    if (last) process.stderr.write("\n");
    verdict = v.verdict;
  } catch (e) {
    if (!(e && typeof e === "object" && "area" in e)) throw e;
    verdict = buildVerdict({ level, proof: null, fatal: e });
  }
  await writeOut((args.json ? JSON.stringify(verdict, null, 2) : human(verdict, args.lang)) + "\n");
  return unreadable(verdict) ? 2 : verdict.ok ? 0 : 1;
}
function writeOut(text2) {
  return new Promise((resolve, reject) => process.stdout.write(text2, (e) => e ? reject(e) : resolve()));
}
if (!nodeCompactSetup(fileURLToPath(import.meta.url)))
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.stack : String(e));
      process.exit(2);
    }
  );
/*! Bundled license information:

smol-toml/dist/error.js:
smol-toml/dist/primitive.js:
smol-toml/dist/date.js:
smol-toml/dist/extract.js:
smol-toml/dist/util.js:
smol-toml/dist/struct.js:
smol-toml/dist/parse.js:
smol-toml/dist/stringify.js:
smol-toml/dist/index.js:
  (*!
   * Copyright (c) Squirrel Chat et al., All rights reserved.
   * SPDX-License-Identifier: BSD-3-Clause
   *
   * Redistribution and use in source and binary forms, with or without
   * modification, are permitted provided that the following conditions are met:
   *
   * 1. Redistributions of source code must retain the above copyright notice, this
   *    list of conditions and the following disclaimer.
   * 2. Redistributions in binary form must reproduce the above copyright notice,
   *    this list of conditions and the following disclaimer in the
   *    documentation and/or other materials provided with the distribution.
   * 3. Neither the name of the copyright holder nor the names of its contributors
   *    may be used to endorse or promote products derived from this software without
   *    specific prior written permission.
   *
   * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
   * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
   * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
   * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
   * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
   * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
   * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
   * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
   * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
   * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
   *)

@noble/curves/utils.js:
@noble/curves/abstract/modular.js:
@noble/curves/abstract/curve.js:
@noble/curves/abstract/edwards.js:
@noble/curves/ed25519.js:
@noble/curves/esm/utils.js:
@noble/curves/esm/abstract/modular.js:
@noble/curves/esm/abstract/curve.js:
@noble/curves/esm/abstract/weierstrass.js:
@noble/curves/abstract/weierstrass.js:
@noble/curves/abstract/bls.js:
@noble/curves/abstract/tower.js:
@noble/curves/bls12-381.js:
  (*! noble-curves - MIT License (c) 2022 Paul Miller (paulmillr.com) *)

@noble/hashes/esm/utils.js:
sm-crypto-v2/dist/index.mjs:
  (*! noble-hashes - MIT License (c) 2022 Paul Miller (paulmillr.com) *)

@noble/ciphers/esm/utils.js:
@noble/ciphers/utils.js:
  (*! noble-ciphers - MIT License (c) 2023 Paul Miller (paulmillr.com) *)
*/
