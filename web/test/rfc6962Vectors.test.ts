// RFC 6962 inclusion and consistency proofs from an independent implementation, transparency-dev/merkle's testdata
// (tests/vectors/rfc6962-transparency-dev.json, bundled verbatim with its source named in the file), through the page's
// Merkle code (src/log/tree.ts): every case, happy and unhappy, gives the expected verdict. The one deliberate
// difference (docs/LOG.md §4): transparency-dev refuses every proof from size 0; c2sp.org/tlog-witness accepts the
// empty proof from the empty tree (root SHA-256("")) to any tree, as the Rust library and the Python reference do.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { b64 } from '../src/log/keys.ts';
import { EMPTY_TREE_ROOT, consistencyOk, inclusionOk } from '../src/log/tree.ts';

const file = join(import.meta.dirname, '..', '..', 'tests', 'vectors', 'rfc6962-transparency-dev.json');
const all = JSON.parse(readFileSync(file, 'utf8'));
const hashes = (v: unknown): Uint8Array[] | null => {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) return null;
  const out = v.map((h) => b64(String(h)));
  return out.every((h) => h !== null && h.length === 32) ? (out as Uint8Array[]) : null;
};
const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

test('rfc6962-transparency-dev.json: every inclusion case gives the expected verdict', () => {
  let n = 0;
  for (const [name, c] of Object.entries<any>(all.inclusion)) {
    const leaf = b64(c.leafHash ?? '');
    const root = b64(c.root ?? '');
    const path = hashes(c.proof);
    const ok = leaf !== null && leaf.length === 32 && root !== null && root.length === 32 && path !== null
      && inclusionOk(c.leafIdx, c.treeSize, leaf, path, root);
    assert.equal(ok, !c.wantErr, name);
    n++;
  }
  assert.equal(n, 98);
});

test('rfc6962-transparency-dev.json: every consistency case gives the expected verdict (from size 0: docs/LOG.md §4)', () => {
  let n = 0;
  for (const [name, c] of Object.entries<any>(all.consistency)) {
    const r1 = b64(c.root1 ?? '');
    const r2 = b64(c.root2 ?? '');
    const path = hashes(c.proof);
    const ok = r1 !== null && r2 !== null && path !== null && consistencyOk(c.size1, c.size2, r1, r2, path);
    // From size 0 transparency-dev refuses everything; docs/LOG.md §4 (c2sp.org/tlog-witness) takes an empty proof,
    // the older root being SHA-256("") (or, to size 0 too, equal to the newer one).
    const empty = (c.proof ?? []).length === 0;
    const want = c.size1 === 0
      ? empty && r1 !== null && r2 !== null && (c.size2 === 0 ? eq(r1, r2) : eq(r1, EMPTY_TREE_ROOT))
      : !c.wantErr;
    assert.equal(ok, want, name);
    n++;
  }
  assert.equal(n, 98);
});
