// "Was I in the pool?" over a compact public snapshot (docs/COMMITMENTS.md §9.4), without reading the rest of the
// file: the trailer (20 bytes), the index (58 bytes a block), and the one block where the USCC must be (Blob.slice).
// The entity's inclusion path is its path inside the block followed by the block root's path among the index's block
// roots, checked against the announced entities root: a wrong index or a wrong block cannot pass. It needs no
// whole-file verification first.
import { cmpBytes, toHex, utf8 } from './bytes.ts';
import { MerkleStream, auditPath, rangeRoot, rootFromPath, type EntityRecord } from './commitments.ts';
import { CompactError, INDEX_ENTRY, MAX_RAW_BYTES, blockName, inflateInto, inflateProblem, readFraming, storedBound, u32At, u64At } from './compact.ts';
import { BlockColumns } from './compactBlock.ts';
import { LeafWriter, rootInPlace } from './compactLeaf.ts';
import { JsonError } from './json.ts';
import { t, type T } from './text.ts';

export interface CompactFound {
  /** the file, its index or its block does not hold up (nothing else is then claimed) */
  problem: T | null;
  found: boolean;
  /** the entity's place in the registry (leaf index) and the registry's size */
  index: number;
  size: number;
  block: number;
  blocks: number;
  record: EntityRecord | null;
  leaf: Uint8Array | null;
  path: Uint8Array[];
  /** the path leads from the leaf to the announced entities root */
  inclusionOk: boolean;
  /** when it is absent: the entities just below and just above it, at adjacent leaves, each proved (§9.4) */
  neighbours?: { below: Neighbour | null; above: Neighbour | null };
}

export interface Neighbour {
  index: number;
  uscc: string;
  record: EntityRecord;
  leaf: Uint8Array;
  path: Uint8Array[];
  ok: boolean;
}

interface ReadBlock {
  cols: BlockColumns;
  leaves: Uint8Array[];
  root: Uint8Array;
}

/** Find `uscc` in a compact snapshot and prove its inclusion in the announced entities root (hash, size). */
export async function compactFind(file: Blob, uscc: string, announced: { hash: string; size: number | bigint }): Promise<CompactFound> {
  const N = Number(announced.size);
  const out: CompactFound = { problem: null, found: false, index: -1, size: N, block: -1, blocks: 0, record: null, leaf: null, path: [], inclusionOk: false };
  const refuse = (what: T): CompactFound => ({ ...out, problem: what });
  try {
    const missing = inflateProblem();
    if (missing) return refuse(missing);
    const { indexAt, blocks: B } = await readFraming(file);
    out.blocks = B;
    const idx = new Uint8Array(B > 0 ? await file.slice(indexAt, indexAt + INDEX_ENTRY * B).arrayBuffer() : new ArrayBuffer(0));
    const offsets: number[] = [];
    const roots: Uint8Array[] = [];
    for (let k = 0; k < B; k++) {
      const o = u64At(idx, INDEX_ENTRY * k);
      if (o === null || o >= indexAt || (k > 0 && o <= offsets[k - 1])) return refuse(t(`紧凑格式公开名录的索引中${blockName(k).zh}的位置不对（${o ?? '过大'}）。`, `The compact public snapshot's index gives ${blockName(k).en} an impossible offset (${o ?? 'too large'}).`));
      offsets.push(o);
      roots.push(idx.slice(INDEX_ENTRY * k + 26, INDEX_ENTRY * k + 58));
    }
    const firstOf = (k: number) => idx.subarray(INDEX_ENTRY * k + 8, INDEX_ENTRY * k + 26);

    // the block size: a power of two from 256 to 65,536 that cuts N entities into B blocks (unique when B > 1)
    let bs = 0;
    for (let p = 256; p <= 65536 && bs === 0; p *= 2) if (Math.ceil(N / p) === B) bs = p;
    if (B === 0 ? N !== 0 : bs === 0)
      return refuse(t(`紧凑格式公开名录的索引有 ${B} 个块，与公告的市场主体名录（${N} 条）对不上：这不是公告时的名录。`, `The compact public snapshot's index has ${B} blocks, which does not fit the announced entity registry (${N} records): this is not the registry as announced.`));
    if (B === 0) return { ...out, neighbours: { below: null, above: null } };

    // the index's block roots must make the announced root (then every block root of the index is the right one)
    const top = new MerkleStream();
    for (const r of roots) top.push(r);
    const topRoot = toHex(top.root());
    if (topRoot !== announced.hash)
      return refuse(t(`紧凑格式公开名录的索引中各块的根算出的名录根为 ${topRoot}，与公告的市场主体名录根 ${announced.hash} 不一致：索引或文件不是公告时的名录。`, `The block roots in the compact public snapshot's index give the root ${topRoot}, not the announced entities root ${announced.hash}: the index (or the file) is not the registry as announced.`));

    const want = utf8(uscc);
    const readBlock = async (k: number): Promise<ReadBlock> => {
      const at = offsets[k];
      const end = k + 1 < B ? offsets[k + 1] : indexAt;
      const hd = new Uint8Array(await file.slice(at, at + 8).arrayBuffer());
      const rawLen = u32At(hd, 0);
      const storedLen = u32At(hd, 4);
      const bn = blockName(k);
      if (hd.length < 8 || at + 8 + storedLen !== end) throw new CompactError(t(`紧凑格式公开名录的${bn.zh}的长度与索引不符。`, `The compact public snapshot's ${bn.en} does not have the length its index gives.`));
      if (storedLen > storedBound(rawLen)) throw new CompactError(t(`公开名录${bn.zh}的压缩数据长度 stored_len = ${storedLen} 字节超过了按 raw_len = ${rawLen} 允许的上限。`, `The public snapshot's ${bn.en} has stored_len = ${storedLen} bytes, more than raw_len = ${rawLen} allows.`));
      if (rawLen > MAX_RAW_BYTES) throw new CompactError(t(`公开名录${bn.zh}标明的解压长度 raw_len = ${rawLen} 字节超过了 64 MiB 的上限。`, `The public snapshot's ${bn.en} says raw_len = ${rawLen} bytes, over the 64 MiB limit.`));
      const stored = new Uint8Array(await file.slice(at + 8, end).arrayBuffer());
      const raw = new Uint8Array(rawLen);
      await inflateInto(stored, rawLen, raw, k);
      const cols = new BlockColumns();
      const n = k + 1 < B ? bs : N - (B - 1) * bs;
      cols.decode(raw, rawLen, k, n);
      const lw = new LeafWriter();
      const hashes = new Uint8Array(32 * n);
      for (let j = 0; j < n; j++) lw.hash(cols, j, hashes, 32 * j);
      const leaves = Array.from({ length: n }, (_, j) => hashes.slice(32 * j, 32 * j + 32));
      const root = rootInPlace(hashes, n);
      if (cmpBytes(root, roots[k]) !== 0)
        throw new CompactError(t(`紧凑格式公开名录的${bn.zh}中的 ${n} 个实体算出的根为 ${toHex(root)}，而索引中为 ${toHex(roots[k])}：该块被改动过。`, `The ${n} entities of the compact public snapshot's ${bn.en} give the root ${toHex(root)}, but its index says ${toHex(roots[k])}: the block was edited.`));
      // now the block is the announced one: its first USCC must be the index's, and its USCCs in order
      if (cmpBytes(cols.raw.subarray(cols.usccAt, cols.usccAt + 18), firstOf(k)) !== 0)
        throw new CompactError(t(`紧凑格式公开名录的索引中${bn.zh}的第一个统一社会信用代码与该块不符。`, `The compact public snapshot's index does not give ${bn.en}'s first USCC.`));
      for (let j = 1; j < n; j++) if (cmpBytes(usccAt(cols, j - 1), usccAt(cols, j)) >= 0) throw new CompactError(t(`紧凑格式公开名录的${bn.zh}没有按统一社会信用代码排序。`, `The compact public snapshot's ${bn.en} is not in USCC order.`));
      return { cols, leaves, root };
    };

    // the last block whose first USCC ≤ the wanted one (block 0 when the wanted one comes before every block)
    let k = 0;
    for (let lo = 0, hi = B - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if (cmpBytes(firstOf(mid), want) <= 0) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    out.block = k;
    const blk = await readBlock(k);
    const n = blk.cols.n;
    let j = -1;
    for (let x = 0; x < n && j < 0; x++) if (cmpBytes(usccAt(blk.cols, x), want) === 0) j = x;
    // a leaf of a read block: its record and its path (in the block, then among the index's block roots), checked
    const proveAt = (b: ReadBlock, kk: number, jj: number): Neighbour => {
      const inner = auditPath(jj, b.cols.n, (x, y) => rangeRoot(b.leaves, x, y));
      const outer = auditPath(kk, B, (x, y) => rangeRoot(roots, x, y));
      const index = kk * bs + jj;
      const path = [...inner, ...outer];
      const root = rootFromPath(index, N, b.leaves[jj], path);
      return { index, uscc: new TextDecoder().decode(usccAt(b.cols, jj)), record: b.cols.record(jj, false), leaf: b.leaves[jj], path, ok: root !== null && toHex(root) === announced.hash };
    };
    if (j >= 0) {
      const p = proveAt(blk, k, j);
      return { ...out, found: true, index: p.index, record: p.record, leaf: p.leaf, path: p.path, inclusionOk: p.ok };
    }
    // absent (§9.4): shown by its two neighbours at adjacent leaves, each with its path (the one above may start the
    // next block, which is then read: the index's first USCCs are covered by no root)
    let p = 0;
    while (p < n && cmpBytes(usccAt(blk.cols, p), want) < 0) p++;
    const below = p > 0 ? proveAt(blk, k, p - 1) : null;
    let above: Neighbour | null = null;
    if (p < n) above = proveAt(blk, k, p);
    else if (k + 1 < B) {
      const next = await readBlock(k + 1);
      above = proveAt(next, k + 1, 0);
      if (cmpBytes(usccAt(next.cols, 0), want) <= 0) throw new CompactError(t('紧凑格式公开名录的块没有按统一社会信用代码排序。', "The compact public snapshot's blocks are not in USCC order."));
    }
    const adjacent = below === null ? above !== null && above.index === 0 : above === null ? below.index === N - 1 : above.index === below.index + 1;
    const ok = adjacent && (below?.ok ?? true) && (above?.ok ?? true);
    if (!ok) return refuse(t('紧凑格式公开名录中与该代码相邻的两条记录的包含证明不成立：无法确认它不在名录中。', "The inclusion proofs of the two records next to this code in the compact public snapshot fail: its absence cannot be shown."));
    return { ...out, neighbours: { below, above } };
  } catch (e) {
    if (e instanceof CompactError) return refuse(e.what);
    if (e instanceof JsonError) return refuse(t(`紧凑格式的公开名录无法读取：${e.message}。`, `The compact public snapshot cannot be read: ${e.message}.`));
    return refuse(t(`无法读取公开名录文件：${String(e)}`, `Cannot read the public snapshot: ${String(e)}`));
  }
}

function usccAt(c: BlockColumns, j: number): Uint8Array {
  return c.raw.subarray(c.usccAt + 18 * j, c.usccAt + 18 * j + 18);
}
