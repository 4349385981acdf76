// docs/LOG.md §1: the ledger's leaves, and the RFC 6962 inclusion and consistency checks of RFC 9162 §2.1.3.2 and
// §2.1.4.2 (written from the RFCs; the tree's hashes are those of docs/COMMITMENTS.md).
import { Writer, sha } from '../bytes.ts';
import { leafHash, nodeHash, rootFromPath } from '../commitments.ts';

export const LEAF_TAG = 'dualdraw-ledger-leaf/v1\n';

/** leaf(entry) = "dualdraw-ledger-leaf/v1\n" ‖ u64be(seq) ‖ raw(entry.hash): 64 bytes. */
export function ledgerLeaf(seq: number, entryHash: Uint8Array): Uint8Array {
  if (entryHash.length !== 32) throw new Error('an entry hash has 32 bytes');
  const w = new Writer(64);
  for (let i = 0; i < LEAF_TAG.length; i++) w.byte(LEAF_TAG.charCodeAt(i));
  w.u64(seq).bytes(entryHash);
  return w.view().slice();
}

/** SHA-256(0x00 ‖ leaf(entry)) */
export function ledgerLeafHash(seq: number, entryHash: Uint8Array): Uint8Array {
  return leafHash(ledgerLeaf(seq, entryHash));
}

export const EMPTY_TREE_ROOT = sha(new Uint8Array(0));

const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** RFC 9162 §2.1.3.2: does `path` lead from leaf `index` of a tree of `size` leaves to `root`? */
export function inclusionOk(index: number, size: number, leaf: Uint8Array, path: Uint8Array[], root: Uint8Array): boolean {
  const r = rootFromPath(index, size, leaf, path);
  return r !== null && eq(r, root);
}

/**
 * RFC 9162 §2.1.4.2: is the tree of `second` leaves with root `secondRoot` an extension of the tree of `first` leaves
 * with root `firstRoot`, by `proof`? Sizes 0 and equal sizes take an empty proof (docs/LOG.md §4).
 */
export function consistencyOk(first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: Uint8Array[]): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && eq(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0 && eq(firstRoot, EMPTY_TREE_ROOT);
  if (proof.length === 0) return false;
  const path = isPow2(first) ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  const half = (x: number) => Math.floor(x / 2);
  const odd = (x: number) => x % 2 === 1;
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

function isPow2(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}
