// One block's columns (docs/COMMITMENTS.md §9.3), decoded straight from the inflated bytes into typed arrays reused
// from block to block: no object or string per entity unless a record is wanted (a target, an invalid record, a
// look-up). What the format requires is checked here; the records' validity (§4) on the bytes by entityValid.
import { toHex } from './bytes.ts';
import { ENTITY_KINDS, ENTITY_STATUSES, type EntityRecord } from './commitments.ts';
import { CompactError, blockName, u32At } from './compact.ts';
import { validUtf8 } from './json.ts';
import { t, type T } from './text.ts';

const USCC_OK = new Uint8Array(256);
for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY') USCC_OK[c.charCodeAt(0)] = 1;

function growU32(a: Uint32Array<ArrayBuffer>, n: number): Uint32Array<ArrayBuffer> {
  if (a.length >= n) return a;
  let c = a.length * 2;
  while (c < n) c *= 2;
  return new Uint32Array(c);
}

const COLUMN: Record<string, T> = {
  n: t('实体数', 'the entity count'),
  dict: t('字典', 'the dictionary'),
  uscc: t('统一社会信用代码列', 'the USCC column'),
  commitment: t('信用类别承诺列', 'the commitment column'),
  name: t('名称列', 'the name column'),
  kind: t('主体类型列', 'the kind column'),
  categories: t('类别列', 'the categories column'),
  industry: t('行业列', 'the industry column'),
  region: t('地区列', 'the region column'),
  township: t('乡镇列', 'the township column'),
  status: t('经营状态列', 'the status column'),
  established: t('成立日期列', 'the established column'),
  flags: t('标记列', 'the flags column'),
};

/**
 * The decoded columns of one block: offsets into the inflated bytes and dictionary indices, in typed arrays reused from
 * block to block. Dictionary text i is at raw[dictAt[i] + 4 …], preceded by its u32be length (so lp(s_i) is copied
 * whole into a leaf).
 */
export class BlockColumns {
  raw: Uint8Array = new Uint8Array(0);
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
  private p = 0;
  private end = 0;
  private col = 'n';

  private fail(what: T): never {
    const sep = what.en.startsWith('entity') ? ', ' : ' ';
    throw new CompactError(t(`公开名录${blockName(this.k).zh}${what.zh}`, `The public snapshot's ${blockName(this.k).en}${sep}${what.en}`));
  }
  private short(): never {
    const c = COLUMN[this.col];
    return this.fail(t(`在${c.zh}中途结束（数据不完整）。`, `ends inside ${c.en} (incomplete).`));
  }
  private u32(): number {
    if (this.p + 4 > this.end) this.short();
    const v = u32At(this.raw, this.p);
    this.p += 4;
    return v;
  }
  /** uv (§9.1): at most 5 bytes, below 2^32 */
  private uv(): number {
    const b = this.raw;
    let p = this.p;
    const end = this.end;
    if (p >= end) this.short();
    let c = b[p++];
    if (c < 0x80) {
      this.p = p;
      return c;
    }
    let v = c & 0x7f;
    let mul = 128;
    for (let i = 1; ; i++) {
      if (i === 5) this.fail(t(`的${COLUMN[this.col].zh}中有一个变长整数超过 5 个字节。`, `has a variable-length integer of more than 5 bytes in ${COLUMN[this.col].en}.`));
      if (p >= end) this.short();
      c = b[p++];
      v += (c & 0x7f) * mul;
      if (c < 0x80) break;
      mul *= 128;
    }
    if (v > 0xffffffff) this.fail(t(`的${COLUMN[this.col].zh}中有一个变长整数不小于 2^32。`, `has a variable-length integer of 2^32 or more in ${COLUMN[this.col].en}.`));
    this.p = p;
    return v;
  }
  private index(j: number, max: number): number {
    const v = this.uv();
    if (v >= max) {
      const c = COLUMN[this.col];
      this.fail(t(`第 ${j + 1} 个实体的${c.zh}引用了字典中的第 ${v} 项，而字典只有 ${this.d} 项。`, `entity ${j + 1}: ${c.en} refers to dictionary entry ${v}, but the dictionary has ${this.d} entries.`));
    }
    return v;
  }
  private list(j: number, start: Uint32Array, count: Uint32Array, at: number): number {
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
  decode(raw: Uint8Array, len: number, k: number, expectN: number): void {
    this.raw = raw;
    this.k = k;
    this.p = 0;
    this.end = len;
    this.col = 'n';
    const n = this.u32();
    if (n !== expectN) this.fail(t(`应有 ${expectN} 个实体，文件中为 ${n} 个（除最后一块外，每块的实体数都应等于 block_size）。`, `should hold ${expectN} entities, the file says ${n} (every block but the last holds block_size).`));
    this.n = n;
    this.col = 'dict';
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
      const at = this.p;
      const l = this.u32();
      if (l > this.end - this.p) this.short();
      if (!validUtf8(raw, this.p, this.p + l)) this.fail(t(`的字典第 ${i} 项不是有效的 UTF-8 文本。`, `has a dictionary entry (${i}) that is not valid UTF-8.`));
      this.dictAt[i] = at;
      this.dictLen[i] = l;
      this.p += l;
    }
    this.classifyDictionary();
    if (n > (len - this.p) / 50) {
      this.col = 'uscc';
      this.short();
    }
    for (const a of ['nameAt', 'nameLen', 'kind', 'catStart', 'catCount', 'industry', 'region', 'township', 'status', 'date', 'flagStart', 'flagCount'] as const) this[a] = growU32(this[a], n);
    this.usccAt = this.p;
    this.commitAt = this.p + 18 * n;
    this.p += 50 * n;
    this.col = 'name';
    for (let j = 0; j < n; j++) {
      const l = this.uv();
      if (l > this.end - this.p) this.short();
      if (!validUtf8(raw, this.p, this.p + l)) this.fail(t(`第 ${j + 1} 个实体（${this.usccText(j)}）的名称不是有效的 UTF-8 文本。`, `entity ${j + 1} (${this.usccText(j)}): its name is not valid UTF-8.`));
      this.nameAt[j] = this.p;
      this.nameLen[j] = l;
      this.p += l;
    }
    this.col = 'kind';
    for (let j = 0; j < n; j++) this.kind[j] = this.index(j, d);
    this.col = 'categories';
    let at = 0;
    for (let j = 0; j < n; j++) at = this.list(j, this.catStart, this.catCount, at);
    this.col = 'industry';
    for (let j = 0; j < n; j++) this.industry[j] = this.index(j, d);
    this.col = 'region';
    for (let j = 0; j < n; j++) this.region[j] = this.index(j, d);
    this.col = 'township';
    for (let j = 0; j < n; j++) this.township[j] = this.index(j, d + 1);
    this.col = 'status';
    for (let j = 0; j < n; j++) this.status[j] = this.index(j, d);
    this.col = 'established';
    for (let j = 0; j < n; j++) this.date[j] = this.uv();
    this.col = 'flags';
    for (let j = 0; j < n; j++) at = this.list(j, this.flagStart, this.flagCount, at);
    if (this.p !== this.end) this.fail(t(`的各列之后还多出 ${this.end - this.p} 个字节。`, `has ${this.end - this.p} bytes left over after its columns.`));
  }

  /** Tokens, regions and the byte order of the dictionary's texts; two equal texts are refused (§9.3: d distinct texts). */
  private classifyDictionary() {
    const d = this.d;
    const raw = this.raw;
    const order: number[] = new Array(d);
    for (let i = 0; i < d; i++) {
      order[i] = i;
      const s = this.dictBin(i);
      this.isKind[i] = ENTITY_KINDS.includes(s) ? 1 : 0;
      this.isStatus[i] = ENTITY_STATUSES.includes(s) ? 1 : 0;
      this.isRegion[i] = /^[0-9]{6}$/.test(s) ? 1 : 0;
    }
    const cmp = (a: number, b: number): number => {
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
  dictBin(i: number): string {
    return binString(this.raw, this.dictAt[i] + 4, this.dictLen[i]);
  }
  dictText(i: number): string {
    return utf8Text(this.raw, this.dictAt[i] + 4, this.dictLen[i]);
  }
  usccBin(j: number): string {
    return binString(this.raw, this.usccAt + 18 * j, 18);
  }
  usccText(j: number): string {
    return utf8Text(this.raw, this.usccAt + 18 * j, 18);
  }

  /** §4 validity of entity j, decided on the bytes (tokens, lists strictly increasing, USCC, region, date). */
  entityValid(j: number): boolean {
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
  record(j: number, binary: boolean): EntityRecord {
    const s = binary ? (a: number, l: number) => binString(this.raw, a, l) : (a: number, l: number) => utf8Text(this.raw, a, l);
    const dict = (i: number) => s(this.dictAt[i] + 4, this.dictLen[i]);
    const list = (st: number, c: number) => Array.from(this.lists.subarray(st, st + c), dict);
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
      credit_class_commitment: toHex(this.raw.subarray(this.commitAt + 32 * j, this.commitAt + 32 * j + 32)),
    };
  }
}

function growU32Keep(a: Uint32Array<ArrayBuffer>, n: number): Uint32Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = growU32(a, n);
  b.set(a);
  return b;
}

export function binString(b: Uint8Array, at: number, len: number): string {
  if (len <= 64) {
    let s = '';
    for (let i = 0; i < len; i++) s += String.fromCharCode(b[at + i]);
    return s;
  }
  let s = '';
  for (let i = 0; i < len; i += 8192) s += String.fromCharCode.apply(null, b.subarray(at + i, at + Math.min(len, i + 8192)) as unknown as number[]);
  return s;
}

const td = new TextDecoder('utf-8', { ignoreBOM: true });
export function utf8Text(b: Uint8Array, at: number, len: number): string {
  return td.decode(b.subarray(at, at + len));
}

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** date(d) is a real date with a year of at most four digits (isDate of its text, on the number). */
function realDate(v: number): boolean {
  const y = Math.floor(v / 10000);
  const m = Math.floor(v / 100) % 100;
  const d = v % 100;
  if (y > 9999 || m < 1 || m > 12 || d < 1) return false;
  if (m !== 2) return d <= DAYS[m];
  return d <= ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28);
}

/** date(d) printed as YYYY-MM-DD (§9.1), whether or not it is a real date; a year over 9999 keeps its digits. */
export function dateShape(v: number): string {
  const y = Math.floor(v / 10000);
  return `${String(y).padStart(4, '0')}-${String(Math.floor(v / 100) % 100).padStart(2, '0')}-${String(v % 100).padStart(2, '0')}`;
}
