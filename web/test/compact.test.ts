// The compact public snapshot (docs/COMMITMENTS.md §9): files made by the test writer (test/compactWriter.ts, written
// from the document) from RC-1's JSON public snapshot must read back to the same records and give the same verdict as
// the JSON file; every kind of damage is refused with a sentence naming the block; the look-up reads the trailer, the
// index and one block and proves inclusion against the announced root. With /tmp/compact-samples (a file the Rust
// writer made, its JSON twin and a proof), the two formats must give the same verdict there too.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { deflateRawSync, gunzipSync } from 'node:zlib';
import { toHex } from '../src/bytes.ts';
import { entityLeaf, leafHash, rootFromPath, usccCheckCharacter } from '../src/commitments.ts';
import { Writer } from '../src/bytes.ts';
import { CompactError, inflateInto, setInflater, snapshotKind } from '../src/compact.ts';
import { BlockColumns } from '../src/compactBlock.ts';
import { BlockHasher, blockRoot, serveBlockRoot, setBlockHasher, type Helper, type RootRequest, type RootResponse } from '../src/compactPool.ts';
import { nodeInflate } from '../src/nodeCompact.ts';
import { nodeAt, sha256At } from '../src/sha256.ts';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { compactFind } from '../src/compactLookup.ts';
import { lookup } from '../src/lookup.ts';
import { runVerification } from '../src/run.ts';
import { loadProof } from '../src/verify.ts';
import { blockRoot as blockRootOf, encodeBlock, layout, toCompact, type WriterHooks } from './compactWriter.ts';

const WEB = join(import.meta.dirname, '..');
const FIX = join(WEB, 'test', 'fixtures');
const CLI = join(WEB, 'dist', 'verify-cli.mjs');
const RC1 = join(FIX, 'rc-1-fractional-instant.json');
const SNAP_BYTES = gunzipSync(readFileSync(join(FIX, 'rc-1-public-snapshot.json.gz')));
const SNAP = JSON.parse(SNAP_BYTES.toString('utf8'));
const PROOF_BYTES = readFileSync(RC1);
const PROOF = loadProof(PROOF_BYTES).proof!;
const tmp = mkdtempSync(join(tmpdir(), 'dualdraw-web-compact-'));

const blob = (b: Uint8Array | string) => new Blob([b as BlobPart]);
async function verdictOf(snapshot: Uint8Array | Blob, proof: Uint8Array = PROOF_BYTES) {
  return runVerification(blob(proof), snapshot instanceof Blob ? snapshot : blob(snapshot), () => {});
}
const compact = (hooks: WriterHooks = {}, blockSize = 256, head = {}) => toCompact(SNAP, blockSize, hooks, head);

test('RC-1 as a compact file (block sizes 256 and 512, dictionaries in any order) gives the JSON verdict, word for word', async () => {
  const json = await verdictOf(SNAP_BYTES);
  assert.equal(json.verdict.verdict, 'consistent', JSON.stringify(json.verdict.errors));
  assert.equal(json.verdict.level, 'public');
  assert.deepEqual(json.verdict.established.slice(-3), ['public_snapshot', 'pool', 'cross_stratum']);
  for (const [bs, order] of [[256, 'first-use'], [512, 'sorted'], [256, 'reversed']] as const) {
    const b = compact({ dictOrder: order }, bs);
    assert.equal(await snapshotKind(blob(b)), 'compact');
    const v = await verdictOf(b);
    assert.deepEqual(v.verdict, json.verdict, `block size ${bs}, dictionary ${order}`);
    assert.equal(v.pub!.snapshotFormat, 'compact');
    assert.deepEqual(v.pub!.counts, json.pub!.counts);
    assert.deepEqual(v.pub!.checks, json.pub!.checks);
    assert.deepEqual(v.pub!.crossStratum, json.pub!.crossStratum);
    assert.equal(v.index, null);
    assert.ok(v.compact);
  }
});

test('every block decodes to the records of the JSON file, and their leaves', async () => {
  const b = compact({}, 256);
  const { blocks } = layout(b);
  assert.equal(blocks.length, 2);
  const cols = new BlockColumns();
  let i = 0;
  for (const [k, blk] of blocks.entries()) {
    const raw = new Uint8Array(blk.rawLen);
    await inflateInto(b.subarray(blk.at + 8, blk.at + 8 + blk.storedLen), blk.rawLen, raw, k);
    const n = k === 0 ? 256 : 144;
    cols.decode(raw, blk.rawLen, k, n);
    for (let j = 0; j < n; j++, i++) {
      assert.deepEqual(cols.record(j, false), SNAP.entities[i], `entity ${i}`);
      assert.ok(cols.entityValid(j));
    }
  }
  assert.equal(i, SNAP.entities.length);
});

test('the node entry takes either format with --snapshot and prints the same verdict', () => {
  const j = join(tmp, 'snap.json');
  const c = join(tmp, 'snap.ddps');
  writeFileSync(j, SNAP_BYTES);
  writeFileSync(c, compact());
  const run = (s: string) => spawnSync(process.execPath, [CLI, RC1, '--snapshot', s, '--json'], { encoding: 'utf8' });
  const a = run(j);
  const b = run(c);
  assert.equal(a.status, 0, a.stderr);
  assert.equal(b.status, 0, b.stderr + b.stdout);
  assert.equal(b.stdout, a.stdout);
  const bad = compact();
  bad[bad.length - 1] ^= 1;
  const r = run(join(tmp, 'x') && (writeFileSync(join(tmp, 'bad.ddps'), bad), join(tmp, 'bad.ddps')));
  assert.equal(r.status, 1);
  assert.match(JSON.parse(r.stdout).errors[0].message, /DDPSEND2/);
});

/** The verdict of a damaged file: invalid at public_snapshot (or json), with a message matching `re`. */
async function refused(b: Uint8Array, re: RegExp, area = 'public_snapshot') {
  const v = await verdictOf(b);
  assert.equal(v.verdict.verdict, 'invalid');
  assert.deepEqual(v.verdict.failed, [area], JSON.stringify(v.verdict.errors));
  const msgs = v.verdict.errors.map((e) => e.message).join('\n');
  assert.match(msgs, re);
  // and in Chinese
  assert.ok(v.pub!.failures.every((f) => f.what.zh.length > 0 && /[\u4e00-\u9fff]/.test(f.what.zh)));
  return v;
}

test('tampers are refused in words that name the block', async () => {
  const good = compact();
  const { indexAt, blocks } = layout(good);

  // a byte of block 1's stored data flipped: either it does not inflate, or it inflates to other bytes
  for (const off of [20, 200, blocks[1].storedLen - 3]) {
    const b = good.slice();
    b[blocks[1].at + 8 + off] ^= 0x55;
    await refused(b, /block 1/);
  }
  // the content edited and re-deflated consistently (raw_len right): the index's root for block 1 no longer holds, and
  // the entities root is not the announced one
  {
    // (one byte of entity 256's credit class commitment)
    const cm = Buffer.from(SNAP.entities[256].credit_class_commitment, 'hex');
    const b = compact({ raw: (k, raw) => (k === 1 ? ((raw[Buffer.from(raw).indexOf(cm) + 5] ^= 1), raw) : raw) });
    const v = await refused(b, /index gives block 1 the root .* but its 144 entities give/);
    assert.match(v.verdict.errors.map((e) => e.message).join('\n'), /do not give the announced root/);
  }
  // a wrong root in the index
  {
    const b = good.slice();
    b[indexAt + 58 + 26 + 5] ^= 1;
    await refused(b, /index gives block 1 the root/);
  }
  // a wrong offset and a wrong first USCC in the index
  {
    const b = good.slice();
    b[indexAt + 7] ^= 4;
    await refused(b, /index puts block 0 at/);
    const c = good.slice();
    c[indexAt + 58 + 8 + 17] ^= 1;
    await refused(c, /first USCC/);
  }
  // the trailer: its magic, its offset, its block count
  {
    const b = good.slice();
    b[b.length - 1] = 0x33;
    await refused(b, /does not end with its trailer \(DDPSEND2\)/);
    const c = good.slice();
    c[c.length - 13] ^= 1;
    await refused(c, /trailer is wrong/);
    const d = good.slice();
    d[d.length - 9] = 3;
    await refused(d, /trailer is wrong/);
  }
  // truncated anywhere, one byte too many, a file that is only the magic
  for (const cut of [good.length - 1, good.length - 20, indexAt, blocks[1].at + 100, 40, 12]) await refused(good.subarray(0, cut), /truncated/);
  await refused(new Uint8Array([...good, 0]), /truncated, or has bytes after the trailer/);
  await refused(Buffer.from('DDPSNAP2'), /truncated/);
  // a dictionary index out of range, in several columns
  for (const col of ['kind', 'industry', 'region', 'status', 'categories', 'flags']) {
    const b = compact({ uv: (k, c, j, v) => (k === 1 && c === col && j === 7 && (col !== 'categories' || v < 100) ? [100] : undefined) });
    // (for lists, the count is the first uv of the entity: 100 then runs past the data, or an index is 100)
    await refused(b, col === 'categories' || col === 'flags' ? /block 1(, entity 8: the (categories|flags) column refers to dictionary entry 100| ends inside the (categories|flags) column)/ : new RegExp(`block 1, entity 8: the ${col} column refers to dictionary entry 100, but the dictionary has \\d+ entries`));
  }
  {
    const b = compact({ uv: (k, c, j, v) => (k === 0 && c === 'township' && j === 3 ? [120] : undefined) });
    await refused(b, /block 0, entity 4: the township column refers to dictionary entry 120/);
  }
  // a 6-byte varint (its value small), and a 5-byte one of 2^32 or more
  await refused(compact({ uv: (k, c, j, v) => (k === 0 && c === 'name' && j === 2 ? [0x80 | v, 0x80, 0x80, 0x80, 0x80, 0x00] : undefined) }), /block 0 has a variable-length integer of more than 5 bytes in the name column/);
  await refused(compact({ uv: (k, c, j) => (k === 1 && c === 'established' && j === 0 ? [0xff, 0xff, 0xff, 0xff, 0x1f] : undefined) }), /block 1 has a variable-length integer of 2\^32 or more in the established column/);
  // a 5-byte varint below 2^32 is read (writers write the shortest form; readers refuse only more than 5 bytes)
  const long5 = compact({ uv: (k, c, j, v) => (k === 0 && c === 'kind' && j === 0 ? [0x80 | v, 0x80, 0x80, 0x80, 0x00] : undefined) });
  assert.equal((await verdictOf(long5)).verdict.verdict, 'consistent');
  // a deflate bomb: raw_len says the real length, the stored data (16 KB) inflates to 16 MB of zeros
  {
    const b = compact({ stored: (k, stored, raw) => (k === 0 ? { stored: deflateRawSync(new Uint8Array(16 << 20)), rawLen: raw.length } : { stored, rawLen: raw.length }) });
    await refused(b, /block 0 inflates to more than its raw_len of \d+ bytes: reading stopped/);
  }
  // raw_len larger than what inflates, and over 64 MiB
  await refused(compact({ stored: (k, stored, raw) => ({ stored, rawLen: k === 1 ? raw.length + 1 : raw.length }) }), /block 1 inflates to \d+ bytes, but its raw_len says \d+/);
  await refused(compact({ stored: (k, stored, raw) => ({ stored, rawLen: k === 1 ? 64 * 1024 * 1024 + 1 : raw.length }) }), /block 1 says raw_len = 67108865 bytes, over the 64 MiB limit/);
  // bytes left over after the columns, and a wrong entity count in a block
  await refused(compact({ raw: (k, raw) => (k === 0 ? new Uint8Array([...raw, 0]) : raw) }), /block 0 has 1 bytes left over after its columns/);
  await refused(compact({ raw: (k, raw) => (k === 0 ? (raw.set([0, 0, 0, 255], 0), raw) : raw) }), /block 0 should hold 256 entities, the file says 255/);
  // two equal texts in a dictionary; a name that is not UTF-8
  await refused(compact({ dictExtra: ['in_business'] }), /block 0 has a repeated text in its dictionary \("in_business"\)/);
  await refused(compact({ raw: (k, raw) => (k === 1 ? ((raw[Buffer.from(raw).indexOf(Buffer.from(SNAP.entities[300].name)) + 1] = 0xff), raw) : raw) }), /block 1, entity 45 \(.*\): its name is not valid UTF-8/);
  // the head: the count must be the registry's size, the block size a power of two from 256
  await refused(compact({}, 256, { count: 401 }), /block 1 should hold 145 entities, the file says 144|trailer lists/);
  await refused(compact({}, 100), /block_size is 100: it must be a power of two/);
  await refused(compact({}, 256, { format: 'dualdraw-public-snapshot-v9' }), /format should be "dualdraw-public-snapshot-v2"/);
  // a head that is not JSON: check json, as for the JSON file
  {
    const b = compact();
    b[12] = 0x5b; // "{" → "["
    await refused(b, /The public snapshot/, 'json');
  }
  // a head longer than 256 MiB is refused before anything is allocated
  {
    const b = compact();
    b.set([0x10, 0, 0, 1], 8);
    await refused(b, /256 MiB/, 'json');
  }
});

test('bytes after a block\'s DEFLATE stream, and a stored_len over its bound, are refused (DecompressionStream and node:zlib)', async () => {
  const junk = compact({ stored: (k, stored, raw) => ({ stored: k === 1 ? new Uint8Array([...stored, 0, 7]) : stored, rawLen: raw.length }) });
  await refused(junk, /block 1 has (2 )?bytes after the end of its DEFLATE stream/);
  setInflater(nodeInflate);
  try {
    await refused(junk, /block 1 has 2 bytes after the end of its DEFLATE stream/);
    assert.equal((await verdictOf(compact())).verdict.verdict, 'consistent');
    await refused(compact({ stored: (k, stored, raw) => (k === 0 ? { stored: deflateRawSync(new Uint8Array(16 << 20)), rawLen: raw.length } : { stored, rawLen: raw.length }) }), /block 0 inflates to more than its raw_len/);
    const { blocks } = layout(compact());
    const flipped = compact();
    flipped[blocks[0].at + 8 + 30] ^= 0x55;
    await refused(flipped, /block 0/);
  } finally {
    setInflater(null);
  }
  // stored_len ≤ raw_len + ⌊raw_len / 1024⌋ + 1024: a block stored without compression (level 0) is within it
  assert.equal((await verdictOf(compact({ stored: (k, stored, raw) => ({ stored: deflateRawSync(raw, { level: 0 }), rawLen: raw.length }) }))).verdict.verdict, 'consistent');
  await refused(compact({ stored: (k, stored, raw) => ({ stored: k === 1 ? new Uint8Array([...stored, ...new Uint8Array(raw.length + 2000)]) : stored, rawLen: raw.length }) }), /block 1 has stored_len = \d+ bytes, more than raw_len = \d+ allows/);
});

test('block roots from helpers (compactPool.ts): the same verdict, and a helper that fails is replaced by this thread', async () => {
  const json = await verdictOf(SNAP_BYTES);
  const b = compact({}, 256);
  // helpers answering later (as threads do), one of which breaks down after its first block
  const helper = (breaks: boolean): Helper => {
    let onMessage: (r: RootResponse) => void = () => {};
    let onError: (e: unknown) => void = () => {};
    let served = 0;
    return {
      post: (m: RootRequest) =>
        setTimeout(() => {
          if (breaks && served++ > 0) return onError(new Error('gone'));
          serveBlockRoot(structuredClone(m), onMessage);
        }, 5),
      listen: (m, e) => {
        onMessage = m;
        onError = e;
      },
      terminate: () => {},
    };
  };
  for (const breaks of [false, true]) {
    let made = 0;
    setBlockHasher(() => (made++, new BlockHasher([helper(breaks), helper(breaks)])));
    try {
      for (const bs of [256]) {
        const many = toCompact({ ...SNAP }, bs);
        const v = await verdictOf(many);
        assert.deepEqual(v.verdict, json.verdict);
      }
      // a changed block is still caught when a helper hashed it
      const x = compact({ raw: (k, raw) => (k === 1 ? ((raw[Buffer.from(raw).indexOf(Buffer.from(SNAP.entities[256].credit_class_commitment, 'hex')) + 5] ^= 1), raw) : raw) });
      await refused(x, /index gives block 1 the root/);
    } finally {
      setBlockHasher(null);
    }
    assert.ok(made > 0);
  }
  assert.deepEqual(blockRoot(...(await rawBlock(b, 1))), blockRootOf(SNAP.entities.slice(256)));
});

async function rawBlock(b: Uint8Array, k: number): Promise<[Uint8Array, number, number, number]> {
  const blk = layout(b).blocks[k];
  const raw = new Uint8Array(blk.rawLen);
  await inflateInto(b.subarray(blk.at + 8, blk.at + 8 + blk.storedLen), blk.rawLen, raw, k);
  return [raw, blk.rawLen, k, k === 0 ? 256 : 144];
}

test('sha256.ts is SHA-256 (against @noble/hashes) at every length around the block boundaries', () => {
  const buf = new Uint8Array(600).map((_, i) => (i * 131 + 7) & 255);
  const out = new Uint8Array(40);
  for (let len = 0; len <= 300; len++)
    for (const off of [0, 5]) {
      sha256At(buf, off, len, out, 3);
      assert.equal(toHex(out.subarray(3, 35)), toHex(nobleSha256(buf.subarray(off, off + len))), `length ${len}`);
    }
  // the unrolled compression is exactly what its generator writes
  const gen = spawnSync(process.execPath, [join(WEB, 'test', 'sha256-gen.mjs')], { encoding: 'utf8' });
  assert.equal(gen.status, 0, gen.stderr);
  assert.ok(readFileSync(join(WEB, 'src', 'sha256.ts'), 'utf8').includes(`// BEGIN generated\n${gen.stdout}// END generated\n`));
  nodeAt(buf, 10, 300, out, 0);
  assert.equal(toHex(out.subarray(0, 32)), toHex(nobleSha256(new Uint8Array([1, ...buf.subarray(10, 42), ...buf.subarray(300, 332)]))));
});

test('an invalid record inside a block is reported as the JSON path reports it', async () => {
  const snap = JSON.parse(JSON.stringify(SNAP));
  snap.entities[300].kind = 'company';
  snap.entities[10].categories = [...snap.entities[10].categories].reverse().concat(['zz', 'aa']);
  snap.entities[20].established = '2021-02-30';
  const j = await verdictOf(Buffer.from(JSON.stringify(snap)));
  const c = await verdictOf(toCompact(snap, 256));
  assert.equal(j.verdict.verdict, 'invalid');
  assert.deepEqual(c.verdict, j.verdict);
  assert.match(c.verdict.errors.map((e) => e.message).join('\n'), /Entity 301 .* kind "company"/);
  // out of order across the blocks' boundary
  const o = JSON.parse(JSON.stringify(SNAP));
  [o.entities[255], o.entities[256]] = [o.entities[256], o.entities[255]];
  const jo = await verdictOf(Buffer.from(JSON.stringify(o)));
  const co = await verdictOf(toCompact(o, 256));
  assert.deepEqual(co.verdict, jo.verdict);
  assert.match(co.verdict.errors[0].message, /entities record 257 .* out of canonical order/);
});

test('the look-up reads the trailer, the index and one block, and proves inclusion against the announced root', async () => {
  const b = compact();
  const root = PROOF.announcement.snapshot.roots.entities;
  let reads = 0;
  let bytes = 0;
  // a Blob that counts what is read of it
  const counting = (x: Uint8Array): Blob => {
    const base = blob(x);
    const wrap = (bl: Blob): Blob => new Proxy(bl, { get: (o, p) => (p === 'slice' ? (a?: number, e?: number) => { const s = o.slice(a, e); reads++; bytes += s.size; return s; } : typeof (o as any)[p] === 'function' ? (o as any)[p].bind(o) : (o as any)[p]) });
    return wrap(base);
  };
  for (const i of [0, 5, 255, 256, 300, 399]) {
    reads = 0;
    bytes = 0;
    const e = SNAP.entities[i];
    const r = await compactFind(counting(b), e.uscc, root);
    assert.equal(r.problem, null, r.problem?.en);
    assert.ok(r.found && r.inclusionOk, `entity ${i}`);
    assert.equal(r.index, i);
    assert.equal(r.block, i < 256 ? 0 : 1);
    assert.deepEqual(r.record, e);
    const lh = leafHash(entityLeaf(e, new Writer()).out());
    assert.equal(toHex(rootFromPath(i, 400, lh, r.path)!), root.hash);
    assert.ok(bytes < b.length * 0.8, `read ${bytes} of ${b.length}`);
  }
  // absent codes, before, between and after the registry's
  const between = (i: number): string => {
    const a = SNAP.entities[i].uscc;
    const b = SNAP.entities[i + 1].uscc;
    for (let c = 0x30; c < 0x5b; c++) {
      const u = a.slice(0, 17) + String.fromCharCode(c);
      if (u > a && u < b) return u;
    }
    return a + '0'; // longer than a, before b
  };
  for (const u of ['00000000000000000X', between(255), between(300), between(398), 'ZZZZZZZZZZZZZZZZZZ']) {
    assert.ok(!SNAP.entities.some((e: any) => e.uscc === u));
    const r = await compactFind(blob(b), u, root);
    assert.equal(r.problem, null, r.problem?.en);
    assert.equal(r.found, false);
    // shown absent by its two neighbours, at adjacent leaves, each with a path to the announced root
    const { below, above } = r.neighbours!;
    const at = SNAP.entities.findIndex((e: any) => e.uscc > u);
    assert.equal(below?.index ?? -1, at < 0 ? 399 : at - 1);
    assert.equal(above?.index ?? -1, at);
    for (const x of [below, above]) {
      if (!x) continue;
      assert.ok(x.ok);
      assert.deepEqual(x.record, SNAP.entities[x.index]);
      assert.equal(toHex(rootFromPath(x.index, 400, leafHash(entityLeaf(SNAP.entities[x.index], new Writer()).out()), x.path)!), root.hash);
    }
  }
  // a tampered index (a block root; another entity's first USCC; offsets) and a tampered block cannot pass
  const { indexAt, blocks } = layout(b);
  const edits: [number, RegExp][] = [
    [indexAt + 58 + 30, /block roots .* index give the root .* not the announced entities root/],
    [indexAt + 26, /not the announced entities root/],
    [indexAt + 58 + 8 + 17, /first USCC/],
    [indexAt + 58 + 7, /offset|length its index gives/],
    [blocks[1].at + 8 + 500, /block 1/],
  ];
  for (const [at, re] of edits) {
    const x = b.slice();
    x[at] ^= 1;
    const r = await compactFind(blob(x), SNAP.entities[300].uscc, root);
    assert.equal(r.found, false);
    assert.match(r.problem!.en, re);
  }
  // against another announced root, nothing passes
  const r = await compactFind(blob(b), SNAP.entities[3].uscc, { hash: '00'.repeat(32), size: 400 });
  assert.match(r.problem!.en, /not the announced entities root/);
});

test('the page\'s look-up with a compact snapshot works before, and without, a whole-file verification', async () => {
  const b = blob(compact());
  const target = PROOF.targets[2].entity.uscc;
  const other = SNAP.entities.find((e: any) => !PROOF.targets.some((t) => t.entity.uscc === e.uscc)).uscc;
  for (const uscc of [target, other]) {
    const r = await lookup(PROOF, uscc, null, null, null, b);
    assert.equal(r.inclusionOk, true, JSON.stringify(r.lines));
    assert.ok(r.lines.some((l) => l.kind === 'ok' && /compact public snapshot \(its index and block \d\)/.test(l.text.en)));
    assert.equal(r.drawn, uscc === target);
  }
  const first17 = '91520123MA0000000';
  const absent = first17 + usccCheckCharacter(first17);
  assert.ok(!SNAP.entities.some((e: any) => e.uscc === absent));
  const none = await lookup(PROOF, absent, null, null, null, b);
  assert.equal(none.inPool, false);
  assert.match(none.headline.text.en, /not in the entity registry as announced/);
  // a tampered index: the look-up says so
  const x = compact();
  const { indexAt } = layout(x);
  x[indexAt + 40] ^= 1;
  const bad = await lookup(PROOF, other, null, null, null, blob(x));
  assert.equal(bad.headline.kind, 'fail');
  assert.equal(bad.inclusionOk, false);
});

test('a missing DecompressionStream is explained', async () => {
  const saved = globalThis.DecompressionStream;
  (globalThis as any).DecompressionStream = undefined;
  try {
    await refused(compact(), /no DecompressionStream/);
  } finally {
    (globalThis as any).DecompressionStream = saved;
  }
  assert.ok(new CompactError({ zh: '甲', en: 'a' }).what.en === 'a');
  assert.ok(encodeBlock(SNAP.entities.slice(0, 3)).length > 0);
});

// ---- a file written by the Rust writer, when one is there ------------------------------------------------------------------
const SAMPLES = '/tmp/compact-samples';
test('the Rust writer\'s compact file gives the same verdict as its JSON twin', { skip: !existsSync(join(SAMPLES, 'snapshot.ddps')) && 'no /tmp/compact-samples/snapshot.ddps yet' }, async () => {
  const proof = readFileSync(join(SAMPLES, 'proof.json'));
  const j = await verdictOf(readFileSync(join(SAMPLES, 'snapshot.json')), proof);
  const c = await verdictOf(blob(readFileSync(join(SAMPLES, 'snapshot.ddps'))), proof);
  assert.deepEqual(c.verdict, j.verdict);
  assert.equal(c.verdict.verdict, 'consistent', JSON.stringify(c.verdict.errors));
  assert.equal(c.pub!.snapshotFormat, 'compact');
  assert.deepEqual(c.pub!.counts, j.pub!.counts);
  // look-ups in it: every target, and some entities that are not targets, each with its path to the announced root
  const p = loadProof(proof).proof!;
  const snap = JSON.parse(readFileSync(join(SAMPLES, 'snapshot.json'), 'utf8'));
  const file = blob(readFileSync(join(SAMPLES, 'snapshot.ddps')));
  const picks = [...p.targets.slice(0, 20).map((t) => t.index), 0, 4095, 4096, snap.entities.length - 1];
  for (const i of picks) {
    const r = await compactFind(file, snap.entities[i].uscc, p.announcement.snapshot.roots.entities);
    assert.ok(r.found && r.inclusionOk && r.index === i, `entity ${i}: ${r.problem?.en}`);
    assert.deepEqual(r.record, snap.entities[i]);
  }
});
