// docs/COMMITMENTS.md (dualdraw-leaf-v1): vocabulary, confidential commitments, leaves, RFC 6962 trees, snapshot
// digest and inclusion proofs. Written from the document, not from the Rust code.
import { Writer, eqBytes, hashBytes, isHash, sha256Into, strictlyIncreasing, toHex, utf8, type U64 } from './bytes.ts';

// ---- §2 vocabulary ------------------------------------------------------------------------------------------------

export const ENTITY_KINDS = ['enterprise', 'individual_business', 'farmer_cooperative', 'public_institution', 'social_organization', 'private_non_enterprise', 'other'];
export const ENTITY_STATUSES = ['in_business', 'revoked', 'deregistered', 'withdrawn', 'moved_out', 'suspended'];
export const OFFICER_STATUSES = ['active', 'on_leave', 'seconded', 'transferred', 'retired', 'suspended'];
export const CREDIT_CLASSES = ['A', 'B', 'C', 'D'];
export const ITEM_TYPES = ['key', 'general'];

// ---- records (the public views of §7) -----------------------------------------------------------------------------

export interface ItemRecord {
  code: string;
  name: string;
  department: string;
  item_type: string;
  target_category: string;
  method: string;
  basis: string;
  qualification: string | null;
}

export interface EntityRecord {
  uscc: string;
  name: string;
  kind: string;
  categories: string[];
  industry: string;
  region: string;
  township: string | null;
  status: string;
  established: string | null;
  flags: string[];
  credit_class_commitment: string;
}

export interface OfficerRecord {
  id: string;
  name: string;
  department: string;
  unit: string;
  region: string;
  qualifications: string[];
  status: string;
  cert_expiry: string;
}

export interface RecusalLeaf {
  pair_commitment: string;
  reason_commitment: string;
}

export type RegistryName = 'items' | 'entities' | 'officers' | 'recusals';
export const REGISTRIES: RegistryName[] = ['items', 'entities', 'officers', 'recusals'];

// ---- validity (§4 "Validity of a leaf read back") -----------------------------------------------------------------

const USCC_RE = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/;
export function isUscc(s: unknown): s is string {
  return typeof s === 'string' && USCC_RE.test(s);
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** The check character GB 32100-2015 gives for the first 17 characters (weights 3^(i−1) mod 31), or null. */
export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  let w = 1;
  for (const ch of first17) {
    const v = USCC_ALPHABET.indexOf(ch);
    if (v < 0) return null;
    sum += v * w;
    w = (w * 3) % 31;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

export function isDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(s)) return false;
  const y = +s.slice(0, 4);
  const m = +s.slice(5, 7);
  const d = +s.slice(8, 10);
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

function isStr(x: unknown): x is string {
  return typeof x === 'string';
}
function isStrList(x: unknown): x is string[] {
  return Array.isArray(x) && x.every(isStr);
}
function isOptStr(x: unknown): x is string | null {
  return x === null || typeof x === 'string';
}

/** Problems of a record read from a file: [] when valid. Each problem names the field. */
export function entityProblems(r: any): string[] {
  const p: string[] = [];
  if (!r || typeof r !== 'object') return ['not an object'];
  if (!isUscc(r.uscc)) p.push(`uscc "${String(r.uscc)}" is not 18 characters of the GB 32100-2015 alphabet`);
  if (!isStr(r.name)) p.push('name');
  if (!ENTITY_KINDS.includes(r.kind)) p.push(`kind "${String(r.kind)}"`);
  if (!isStrList(r.categories)) p.push('categories');
  else if (!strictlyIncreasing(r.categories)) p.push('categories not sorted without duplicates');
  if (!isStr(r.industry)) p.push('industry');
  if (!isStr(r.region) || !/^[0-9]{6}$/.test(r.region)) p.push(`region "${String(r.region)}" is not 6 digits`);
  if (!isOptStr(r.township)) p.push('township');
  if (!ENTITY_STATUSES.includes(r.status)) p.push(`status "${String(r.status)}"`);
  if (!(r.established === null || isDate(r.established))) p.push(`established "${String(r.established)}" is not a date`);
  if (!isStrList(r.flags)) p.push('flags');
  else if (!strictlyIncreasing(r.flags)) p.push('flags not sorted without duplicates');
  if (!isHash(r.credit_class_commitment)) p.push('credit_class_commitment is not a 64-digit hash');
  return p;
}

export function officerProblems(r: any): string[] {
  const p: string[] = [];
  if (!r || typeof r !== 'object') return ['not an object'];
  if (!isStr(r.id) || r.id === '') p.push('id');
  for (const f of ['name', 'department', 'unit']) if (!isStr(r[f])) p.push(f);
  if (!isStr(r.region) || !/^[0-9]{6}$/.test(r.region)) p.push(`region "${String(r.region)}" is not 6 digits`);
  if (!isStrList(r.qualifications)) p.push('qualifications');
  else if (!strictlyIncreasing(r.qualifications)) p.push('qualifications not sorted without duplicates');
  if (!OFFICER_STATUSES.includes(r.status)) p.push(`status "${String(r.status)}"`);
  if (!isDate(r.cert_expiry)) p.push(`cert_expiry "${String(r.cert_expiry)}" is not a date`);
  return p;
}

export function itemProblems(r: any): string[] {
  const p: string[] = [];
  if (!r || typeof r !== 'object') return ['not an object'];
  if (!isStr(r.code) || r.code === '') p.push('code');
  for (const f of ['name', 'department', 'target_category', 'method', 'basis']) if (!isStr(r[f])) p.push(f);
  if (!ITEM_TYPES.includes(r.item_type)) p.push(`item_type "${String(r.item_type)}"`);
  if (!isOptStr(r.qualification)) p.push('qualification');
  return p;
}

export function recusalProblems(r: any): string[] {
  const p: string[] = [];
  if (!r || typeof r !== 'object') return ['not an object'];
  if (!isHash(r.pair_commitment)) p.push('pair_commitment');
  if (!isHash(r.reason_commitment)) p.push('reason_commitment');
  return p;
}

// ---- §3 confidential values ---------------------------------------------------------------------------------------

/** commitment(salt, values) = SHA-256(pad32("dualdraw-confidential-v1") ‖ raw(salt) ‖ list(values)) */
export function commitment(salt: Uint8Array | string, values: string[]): Uint8Array {
  return new Writer(128).pad32('dualdraw-confidential-v1').raw(salt).list(values).sha();
}

/** salt(values) = SHA-256(pad32("dualdraw-salt-v1") ‖ raw(K) ‖ list(values)); only the store (or a test) knows K. */
export function deriveSalt(key: Uint8Array | string, values: string[]): Uint8Array {
  return new Writer(128).pad32('dualdraw-salt-v1').raw(key).list(values).sha();
}

// ---- §4 leaves ----------------------------------------------------------------------------------------------------

export function itemLeaf(r: ItemRecord, wr = new Writer()): Writer {
  return wr
    .lp('dualdraw-leaf-v1/item')
    .lp(r.code)
    .lp(r.name)
    .lp(r.department)
    .lp(r.item_type)
    .lp(r.target_category)
    .lp(r.method)
    .lp(r.basis)
    .opt(r.qualification);
}

export function entityLeaf(r: EntityRecord, wr = new Writer()): Writer {
  return wr
    .lp('dualdraw-leaf-v1/entity')
    .lp(r.uscc)
    .lp(r.name)
    .lp(r.kind)
    .list(r.categories)
    .lp(r.industry)
    .lp(r.region)
    .opt(r.township)
    .lp(r.status)
    .opt(r.established)
    .list(r.flags)
    .raw(r.credit_class_commitment);
}

export function officerLeaf(r: OfficerRecord, wr = new Writer()): Writer {
  return wr
    .lp('dualdraw-leaf-v1/officer')
    .lp(r.id)
    .lp(r.name)
    .lp(r.department)
    .lp(r.unit)
    .lp(r.region)
    .list(r.qualifications)
    .lp(r.status)
    .lp(r.cert_expiry);
}

export function recusalLeaf(r: RecusalLeaf, wr = new Writer()): Writer {
  return wr.lp('dualdraw-leaf-v1/recusal').raw(r.pair_commitment).raw(r.reason_commitment);
}

// ---- §5 trees -----------------------------------------------------------------------------------------------------

export const EMPTY_ROOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const leafScratch = new Writer(512);
/** leaf hash SHA-256(0x00 ‖ leaf) */
export function leafHash(leaf: Uint8Array): Uint8Array {
  leafScratch.reset().byte(0).bytes(leaf);
  return sha256Into(leafScratch.view(), new Uint8Array(32));
}

const nodeBuf = new Uint8Array(65);
/** interior node SHA-256(0x01 ‖ left ‖ right) */
export function nodeHash(l: Uint8Array, r: Uint8Array): Uint8Array {
  nodeBuf[0] = 1;
  nodeBuf.set(l, 1);
  nodeBuf.set(r, 33);
  return sha256Into(nodeBuf, new Uint8Array(32));
}

/** Hash a leaf written by one of the leaf functions: the writer starts with the 0x00 prefix byte. */
export function prefixedLeafHash(build: (w: Writer) => Writer, scratch = new Writer(512)): Uint8Array {
  scratch.reset().byte(0);
  build(scratch);
  return sha256Into(scratch.view(), new Uint8Array(32));
}

/** MTH over leaf hashes (RFC 6962 §2.1). */
export function merkleRoot(hashes: Uint8Array[]): Uint8Array {
  const t = new MerkleStream();
  for (const h of hashes) t.push(h);
  return t.root();
}

/**
 * The root of a tree whose leaf hashes arrive one at a time, in O(log n) memory: a stack of perfect subtrees whose
 * sizes are the binary digits of n. Closing it folds the stack from the right, which is exactly the split at the
 * largest power of two below n. Optionally keeps the roots of the aligned subtrees of `blockSize` leaves, so that an
 * audit path can later be computed without storing every leaf hash.
 */
export class MerkleStream {
  private hashes: Uint8Array[] = [];
  private sizes: number[] = [];
  count = 0;
  blocks: Uint8Array[] | null;
  constructor(public blockSize = 0) {
    this.blocks = blockSize > 0 ? [] : null;
  }
  push(h: Uint8Array) {
    let cur = h;
    let size = 1;
    if (this.blockSize === 1) this.blocks!.push(cur);
    while (this.sizes.length && this.sizes[this.sizes.length - 1] === size) {
      this.sizes.pop();
      cur = nodeHash(this.hashes.pop()!, cur);
      size *= 2;
      if (size === this.blockSize) this.blocks!.push(cur);
    }
    this.hashes.push(cur);
    this.sizes.push(size);
    this.count++;
  }
  root(): Uint8Array {
    if (this.hashes.length === 0) return hashBytes(EMPTY_ROOT);
    let r = this.hashes[this.hashes.length - 1];
    for (let i = this.hashes.length - 2; i >= 0; i--) r = nodeHash(this.hashes[i], r);
    return r;
  }
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) given a function for MTH of any range [a, b). */
export function auditPath(m: number, n: number, mth: (a: number, b: number) => Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const rec = (m: number, a: number, b: number) => {
    const size = b - a;
    if (size <= 1) return;
    let k = 1;
    while (k * 2 < size) k *= 2;
    if (m < k) {
      rec(m, a, a + k);
      out.push(mth(a + k, b));
    } else {
      rec(m - k, a + k, b);
      out.push(mth(a, a + k));
    }
  };
  rec(m, 0, n);
  return out;
}

/** MTH over a range of an array of leaf hashes. */
export function rangeRoot(leaves: Uint8Array[], a: number, b: number): Uint8Array {
  if (b - a === 1) return leaves[a];
  let k = 1;
  while (k * 2 < b - a) k *= 2;
  return nodeHash(rangeRoot(leaves, a, a + k), rangeRoot(leaves, a + k, b));
}

/**
 * RFC 9162 §2.1.3.2: the root implied by leaf `index` of a tree of `size` leaves and its audit path; null when the
 * path has the wrong length or the index is outside the tree.
 */
export function rootFromPath(index: number, size: number, leafH: Uint8Array, path: Uint8Array[]): Uint8Array | null {
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

export function verifyInclusion(index: number, size: number, leafH: Uint8Array, path: string[], root: string): boolean {
  if (!Array.isArray(path) || !path.every(isHash)) return false;
  const r = rootFromPath(index, size, leafH, path.map(hashBytes));
  return r !== null && toHex(r) === root;
}

// ---- §6 snapshot digest -------------------------------------------------------------------------------------------

export interface Root {
  hash: string;
  size: U64;
}
export type Roots = Record<RegistryName, Root>;

export function snapshotDigest(roots: Roots): Uint8Array {
  const wr = new Writer(256).lp('dualdraw-snapshot-v1');
  for (const r of REGISTRIES) wr.lp(r).u64(roots[r].size).raw(roots[r].hash);
  return wr.sha();
}

export function rootsProblems(roots: any): string[] {
  const p: string[] = [];
  if (!roots || typeof roots !== 'object') return ['roots missing'];
  for (const r of REGISTRIES) {
    const x = roots[r];
    if (!x || !isHash(x.hash)) p.push(`roots.${r}.hash`);
    if (!x || !(Number.isSafeInteger(x.size) && x.size >= 0)) p.push(`roots.${r}.size`);
  }
  return p;
}

// ---- exclusion root (SPEC §3): leaves are the USCC texts ----------------------------------------------------------

export function textTreeRoot(texts: string[]): Uint8Array {
  const t = new MerkleStream();
  for (const s of texts) t.push(leafHash(utf8(s)));
  return t.root();
}

export function eqHex(a: Uint8Array, hex: string): boolean {
  return isHash(hex) && eqBytes(a, hashBytes(hex));
}
