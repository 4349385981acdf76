// Public verification over a compact public snapshot (docs/COMMITMENTS.md §9.4): the trailer, the head (its items,
// officers and recusals go through the same checks as the JSON file's), the index, then each block in turn — read
// with Blob.slice (a few megabytes at a time), the next one read and inflated while this one is decoded, its leaves
// hashed here or by a helper thread (compactPool.ts). Every entity feeds the same checks as the JSON path
// (publicCheck.ts): validity, order, leaf hash, pool, PRN and the cross-stratum counter.
import { cmpBytes, toHex } from './bytes.ts';
import { MerkleStream, type RegistryName } from './commitments.ts';
import { BlobCursor, COMPACT_FORMAT, CompactError, INDEX_ENTRY, MAX_HEAD_BYTES, MAX_RAW_BYTES, blockName, inflateInto, inflateProblem, readFraming, storedBound, u32At, u64At } from './compact.ts';
import { BlockColumns } from './compactBlock.ts';
import { LeafWriter, rootInPlace } from './compactLeaf.ts';
import { decodeSnapshotRef, int, obj, type Proof } from './decode.ts';
import { JsonStreamParser, MAX_SNAPSHOT_BYTES, sizeProblem } from './json.ts';
import { PublicCheck, type PublicResult } from './publicCheck.ts';
import { makeBlockHasher, type BlockHasher } from './compactPool.ts';
import { t } from './text.ts';

type Progress = (bytes: number, total: number, entities: number) => void;

const CHUNK = 4 << 20;

/** A turn of the event loop (a message to itself: unlike setTimeout, not clamped to 4 ms). */
function nextTask(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(0);
  });
}

/** Whole-file verification of a compact public snapshot (§9.4), feeding the checks every snapshot gets. */
export async function verifyCompact(proof: Proof, file: Blob, onProgress: Progress): Promise<PublicResult> {
  const t0 = Date.now();
  const ck = new PublicCheck(proof);
  const total = file.size;
  const cursor = new BlobCursor(file);
  let done = 0;
  let count = 0; // entities read
  const blockRoots = new MerkleStream();
  ck.entityRoot = { root: () => blockRoots.root(), count: () => count };
  let hasher: BlockHasher | null = null;
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

    // ---- the head: JSON with the project's rules; items, officers and recusals as in the JSON file ----
    let entitiesHead: unknown = undefined;
    const parser = new JsonStreamParser({
      streamKeys: ['items', 'officers', 'recusals'],
      binaryStreams: true,
      maxBytes: MAX_HEAD_BYTES,
      onElement: (key, v) => ck.element(key as RegistryName, v),
      onArrayStart: (k) => {
        ck.seen[k] = true;
      },
      onTopLevel: (k, v) => {
        if (k === 'format') ck.format = typeof v === 'string' ? v : JSON.stringify(v);
        else if (k === 'snapshot') ck.header = decodeSnapshotRef(v, 'snapshot', true);
        else if (k === 'entities') entitiesHead = v;
        // other keys are ignored (§9.2: readers ignore unknown keys)
      },
    });
    for (let p = 12; p < 12 + headLen; p += CHUNK) parser.push(await cursor.read(p, Math.min(CHUNK, 12 + headLen - p)));
    parser.end();
    if (entitiesHead === undefined) throw new CompactError(t('紧凑格式公开名录的头部缺少“entities”（实体数和块大小）。', 'The compact public snapshot\'s head has no "entities" (count and block size).'));
    const eh = obj(entitiesHead as never, 'entities', ['count', 'block_size'], [], true);
    const N = int(eh.count, 'entities.count');
    const bs = int(eh.block_size, 'entities.block_size');
    ck.seen.entities = true;
    if (bs < 256 || bs > 65536 || (bs & (bs - 1)) !== 0) throw new CompactError(t(`紧凑格式公开名录的块大小 block_size = ${bs} 不对：应为 256 到 65536 之间的 2 的幂。`, `The compact public snapshot's block_size is ${bs}: it must be a power of two from 256 to 65,536.`));
    const h = ck.header;
    if (h && h.roots.entities.size !== N)
      ck.fail('public_snapshot', t(`紧凑格式公开名录头部的实体数 count = ${N} 与其标明的市场主体名录规模 ${h.roots.entities.size} 不一致。`, `The compact public snapshot's entity count (${N}) differs from its stated entities size (${h.roots.entities.size}).`), h.roots.entities.size, N);
    const expectB = Math.ceil(N / bs);
    if (B !== expectB) throw new CompactError(t(`紧凑格式公开名录的结尾记录有 ${B} 个块，而按头部的实体数 ${N} 和块大小 ${bs} 应有 ${expectB} 个块。`, `The compact public snapshot's trailer lists ${B} blocks, but the head's count ${N} and block size ${bs} make ${expectB}.`));

    // ---- the index (58·B bytes), compared with each block as it is read ----
    const idx = new Uint8Array(B > 0 ? await file.slice(indexAt, indexAt + INDEX_ENTRY * B).arrayBuffer() : new ArrayBuffer(0));

    // ---- the blocks: block k+1 is read and inflated while block k is decoded ----
    const cols = new BlockColumns();
    const leaves = new LeafWriter();
    let hashes = new Uint8Array(32 * Math.min(bs, Math.max(N, 1)));
    const bufs = [new Uint8Array(0), new Uint8Array(0)];
    const prevUscc = new Uint8Array(18);
    const lpUscc = new Uint8Array(22);
    lpUscc[3] = 18;
    const lbl = (k: number) => blockName(k);
    interface Got {
      k: number;
      at: number;
      storedLen: number;
      raw: Uint8Array;
      rawLen: number;
    }
    const fetchBlock = async (k: number, at: number): Promise<Got> => {
      if (at + 8 > indexAt) throw new CompactError(t(`公开名录${lbl(k).zh}的开头超出了索引的位置（块数据不完整）。`, `The public snapshot's ${lbl(k).en} starts past the index (the blocks are incomplete).`));
      // (without waiting when the bytes are in the slice read already: then node's zlib starts on its threads at once,
      // while this thread decodes the block before)
      const hd = cursor.peek(at, 8) ?? (await cursor.read(at, 8));
      const rawLen = u32At(hd, 0);
      const storedLen = u32At(hd, 4);
      if (rawLen > MAX_RAW_BYTES) throw new CompactError(t(`公开名录${lbl(k).zh}标明的解压长度 raw_len = ${rawLen} 字节超过了 64 MiB 的上限。`, `The public snapshot's ${lbl(k).en} says raw_len = ${rawLen} bytes, over the 64 MiB limit.`));
      if (storedLen > storedBound(rawLen)) throw new CompactError(t(`公开名录${lbl(k).zh}的压缩数据长度 stored_len = ${storedLen} 字节超过了按 raw_len = ${rawLen} 允许的上限（raw_len + ⌊raw_len / 1024⌋ + 1024）。`, `The public snapshot's ${lbl(k).en} has stored_len = ${storedLen} bytes, more than raw_len = ${rawLen} allows (raw_len + ⌊raw_len / 1024⌋ + 1024).`));
      if (at + 8 + storedLen > indexAt) throw new CompactError(t(`公开名录${lbl(k).zh}的压缩数据（${storedLen} 字节）超出了索引的位置。`, `The public snapshot's ${lbl(k).en} (${storedLen} stored bytes) runs past the index.`));
      const stored = cursor.peek(at + 8, storedLen) ?? (await cursor.read(at + 8, storedLen));
      const slot = k & 1;
      if (bufs[slot].length < rawLen) bufs[slot] = new Uint8Array(Math.max(rawLen, Math.min(MAX_RAW_BYTES, bufs[slot].length * 2)));
      await inflateInto(stored, rawLen, bufs[slot], k);
      return { k, at, storedLen, raw: bufs[slot], rawLen };
    };

    const targetHash = new Set<number>();
    const fnv = (b: Uint8Array, at: number): number => {
      let x = 0x811c9dc5;
      for (let i = 0; i < 18; i++) x = Math.imul(x ^ b[at + i], 0x01000193);
      return x >>> 0;
    };
    for (const uscc of ck.targets.keys()) {
      const b = new TextEncoder().encode(uscc);
      if (b.length === 18) targetHash.add(fnv(b, 0));
    }
    // the pool conditions, decided once per dictionary text of a block
    const ps = ck.poolSets;
    let inBusiness = new Uint8Array(0);
    let regionOk = new Uint8Array(0);
    let catIn = new Uint8Array(0);
    let flagOut = new Uint8Array(0);

    let pos = 12 + headLen;
    let lastReport = 0;
    const roots: (Uint8Array | Promise<Uint8Array>)[] = [];
    let pending: Promise<Got> | null = B > 0 ? fetchBlock(0, pos) : null;
    for (let k = 0; k < B; k++) {
      const cur = await pending!;
      const next = cur.at + 8 + cur.storedLen;
      pending = k + 1 < B ? fetchBlock(k + 1, next) : null;
      pending?.catch(() => {});
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
        inBusiness[i] = s === 'in_business' ? 1 : 0;
        regionOk[i] = ps.regions.length === 0 || ps.regions.some((r) => s.startsWith(r)) ? 1 : 0;
        catIn[i] = ps.categories.has(s) ? 1 : 0;
        flagOut[i] = ps.excludeFlags.has(s) ? 1 : 0;
      }
      // the block's leaves are hashed here, or by a helper thread with room (then only the targets' leaves here);
      // helpers' answers are messages, which this thread reads only when it yields to its event loop
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
        // order: USCCs strictly increase, across blocks too
        if (i > 0) {
          let c = 0;
          for (let x = 0; x < 18 && c === 0; x++) c = raw[u + x] - prevUscc[x];
          if (c <= 0) ck.orderFailure('entities', cols.usccBin(j), i);
        }
        for (let x = 0; x < 18; x++) prevUscc[x] = raw[u + x];
        // the pool (SPEC §3), as makePoolPredicate decides it, on dictionary indices
        let pool = inBusiness[cols.status[j]] === 1 && regionOk[cols.region[j]] === 1;
        if (pool) {
          let any = false;
          for (let s = cols.catStart[j], e = s + cols.catCount[j]; s < e && !any; s++) any = catIn[lists[s]] === 1;
          pool = any;
        }
        if (pool) for (let s = cols.flagStart[j], e = s + cols.flagCount[j]; s < e && pool; s++) if (flagOut[lists[s]] === 1) pool = false;
        let uscc: string | null = null;
        if (pool) {
          uscc = cols.usccBin(j);
          if (ps.exclusion.has(uscc)) pool = false;
        }
        const tg = targetHash.has(fnv(raw, u)) ? ck.targets.get((uscc ??= cols.usccBin(j))) : undefined;
        if (pool) {
          for (let x = 0; x < 18; x++) lpUscc[4 + x] = raw[u + x];
          ck.poolEntity(uscc!, tg !== undefined, lpUscc);
        }
        if (tg) {
          const lh = new Uint8Array(32);
          if (local) lh.set(hashes.subarray(32 * j, 32 * j + 32));
          else leaves.hash(cols, j, lh, 0);
          ck.target(tg, cols.record(j, true), lh, i, pool);
        }
      }
      // the index's entry for the block: its offset and first USCC now, its root when it is known
      const e = INDEX_ENTRY * k;
      const io = u64At(idx, e);
      if (io !== cur.at) ck.fail('public_snapshot', t(`紧凑格式公开名录的索引中${lbl(k).zh}的位置为 ${io ?? '（过大）'}，而该块实际位于第 ${cur.at} 字节。`, `The compact public snapshot's index puts ${lbl(k).en} at ${io ?? '(too large)'}, but it is at byte ${cur.at}.`), cur.at, io);
      if (cmpBytes(idx.subarray(e + 8, e + 26), raw.subarray(cols.usccAt, cols.usccAt + 18)) !== 0) {
        const listed = new TextDecoder().decode(idx.subarray(e + 8, e + 26));
        ck.fail('public_snapshot', t(`紧凑格式公开名录的索引中${lbl(k).zh}的第一个统一社会信用代码为 ${listed}，而该块以 ${cols.usccText(0)} 开头。`, `The compact public snapshot's index gives ${lbl(k).en} the first USCC ${listed}, but the block starts with ${cols.usccText(0)}.`), cols.usccText(0), listed);
      }
      roots.push(local ? rootInPlace(hashes, n) : hasher!.root(helper, raw, cur.rawLen, k, n));
      if (!local) helperBlocks++;
      count += n;
      done = next;
      const now = Date.now();
      if (now - lastReport > 100) {
        lastReport = now;
        onProgress(done, total, count);
      }
    }
    // the blocks' roots, in order: the index's, and the tree above them
    for (let k = 0; k < B; k++) {
      const root = await roots[k];
      blockRoots.push(root);
      const ir = idx.subarray(INDEX_ENTRY * k + 26, INDEX_ENTRY * k + 58);
      const n = k + 1 < B ? bs : N - (B - 1) * bs;
      if (cmpBytes(ir, root) !== 0) ck.fail('public_snapshot', t(`紧凑格式公开名录的索引中${lbl(k).zh}的根为 ${toHex(ir)}，而由该块的 ${n} 个实体算出 ${toHex(root)}。`, `The compact public snapshot's index gives ${lbl(k).en} the root ${toHex(ir)}, but its ${n} entities give ${toHex(root)}.`), toHex(root), toHex(ir));
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
