// docs/LOG.md §4: the inclusion proof (c2sp.org/tlog-proof@v1 with the ledger entry in `extra`) and the consistency
// proof (the c2sp.org/tlog-witness add-checkpoint body).
import { fromUtf8, parseHex, sha, toHex, utf8 } from '../bytes.ts';
import { parseJson, type JsonObject } from '../json.ts';
import { type Keys, type Policy, verifyCheckpoint } from './checkpoint.ts';
import { chainHash, entryBody, parseEntry, type Entry } from './entry.ts';
import { b64 } from './keys.ts';
import { MAX_NOTE_BYTES } from './note.ts';
import { P, Report, isProblem, type LogReport, type Problem } from './report.ts';
import { consistencyOk, inclusionOk, ledgerLeafHash } from './tree.ts';

const decimal = (s: string) => (/^(0|[1-9][0-9]*)$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : null);

function text(input: string | Uint8Array): string | null {
  if (typeof input === 'string') return input;
  try {
    return fromUtf8(input);
  } catch {
    return null;
  }
}

/** Hash lines up to the first empty line; then the rest (the checkpoint). */
function hashesThenNote(lines: string[], from: number): { hashes: Uint8Array[]; rest: string } | Problem {
  const hashes: Uint8Array[] = [];
  let i = from;
  for (; i < lines.length && lines[i] !== ''; i++) {
    const h = b64(lines[i]);
    if (!h || h.length !== 32) return P(`第 ${i + 1} 行不是 32 字节哈希的 base64`, `line ${i + 1} is not base64 of a 32-byte hash`);
    hashes.push(h);
    if (hashes.length > 63) return P('证明哈希超过 63 个', 'more than 63 proof hashes');
  }
  if (i >= lines.length) return P('检查点之前没有空行', 'no empty line before the checkpoint');
  return { hashes, rest: lines.slice(i + 1).join('\n') };
}

export interface TlogProof {
  extra: Uint8Array | null;
  index: number;
  path: Uint8Array[];
  checkpoint: string;
}

export function parseTlogProof(input: string | Uint8Array): TlogProof | Problem {
  const s = text(input);
  if (s === null) return P('证明不是 UTF-8 编码', 'the proof is not UTF-8');
  if (utf8(s).length > 2 * MAX_NOTE_BYTES) return P(`证明超过 ${2 * MAX_NOTE_BYTES} 字节`, `the proof is over ${2 * MAX_NOTE_BYTES} bytes`);
  const lines = s.split('\n');
  if (lines[0] !== 'c2sp.org/tlog-proof@v1') return P('第一行不是 c2sp.org/tlog-proof@v1', 'the first line is not c2sp.org/tlog-proof@v1');
  let i = 1;
  let extra: Uint8Array | null = null;
  if (lines[i]?.startsWith('extra ')) {
    extra = b64(lines[i].slice(6));
    if (!extra) return P('extra 行不是 base64', 'the extra line is not base64');
    i++;
  }
  const m = /^index (.*)$/.exec(lines[i] ?? '');
  const index = m ? decimal(m[1]) : null;
  if (index === null) return P(`第 ${i + 1} 行不是“index N”（无前导零的十进制数）`, `line ${i + 1} is not "index N" (decimal, no leading zeros)`);
  const r = hashesThenNote(lines, i + 1);
  if (isProblem(r)) return r;
  return { extra, index, path: r.hashes, checkpoint: r.rest };
}

/**
 * The draw an inclusion proof or an attestation is about: the proof file's bytes (docs/SPEC.md's proof.json), and its
 * campaign and announcement hash — read from the file (`announcement.campaign.id`, `announcement.hash`) unless a caller
 * that verified the proof already passes them.
 */
export interface DrawProofFile {
  bytes: Uint8Array;
  campaign?: string;
  announcementHash?: string;
}

/** The campaign and announcement hash of a draw proof: as given, else as the proof file states them. */
export function drawIds(draw: DrawProofFile): { campaign: unknown; announcementHash: unknown } {
  let ann: JsonObject | undefined;
  if (draw.campaign === undefined || draw.announcementHash === undefined) {
    try {
      const v = parseJson(draw.bytes);
      if (v && typeof v === 'object' && !Array.isArray(v)) ann = (v as JsonObject).announcement as JsonObject | undefined;
    } catch {
      ann = undefined;
    }
  }
  const a = ann && typeof ann === 'object' && !Array.isArray(ann) ? ann : undefined;
  return {
    campaign: draw.campaign ?? (a?.campaign as JsonObject | undefined)?.id,
    announcementHash: draw.announcementHash ?? a?.hash,
  };
}

/** Verify an inclusion proof; with the draw's proof file, that this exact proof is the draw the bureau logged. */
export function verifyInclusion(input: string | Uint8Array, logKeys: Keys, policy: Policy | null = null, draw: DrawProofFile | null = null): LogReport {
  const rep = new Report('inclusion');
  const p = parseTlogProof(input);
  if (isProblem(p)) return rep.fail('inclusion.format', `收录证明格式错误：${p.zh}`, `not an inclusion proof: ${p.en}`).done();
  const { report: cpr, cp } = verifyCheckpoint(p.checkpoint, logKeys, policy);
  rep.take(cpr);
  Object.assign(rep.r.facts, cpr.facts);
  rep.fact('index', p.index);
  if (!p.extra) return rep.fail('inclusion.entry', '收录证明没有 extra 行（台账条目）', 'the proof has no extra line (the ledger entry)').done();
  const e = parseEntry(p.extra);
  if (isProblem(e)) return rep.fail('inclusion.entry', `extra 不是台账条目：${e.zh}`, `extra is not a ledger entry: ${e.en}`).done();
  rep.fact('seq', e.seq).fact('entry_kind', e.kind).fact('campaign', e.campaign).fact('entry_hash', e.hash);
  const h = chainHash(e);
  if (h !== e.hash) rep.fail('inclusion.entry', `条目 ${e.seq} 的链哈希应为 ${h}，条目中为 ${e.hash}`, `entry ${e.seq}'s chain hash is ${h}, the entry says ${e.hash}`);
  else rep.pass('inclusion.entry', `条目 ${e.seq} 的链哈希按字段重新计算一致`, `entry ${e.seq}'s chain hash recomputed from its fields`);
  if (p.index !== e.seq - 1) rep.fail('inclusion.index', `index 应为 seq − 1 = ${e.seq - 1}，证明中为 ${p.index}`, `index must be seq − 1 = ${e.seq - 1}, the proof says ${p.index}`);
  if (cp && h === e.hash && p.index === e.seq - 1) {
    const leaf = ledgerLeafHash(e.seq, parseHex(e.hash)!);
    if (inclusionOk(p.index, cp.size, leaf, p.path, cp.root))
      rep.pass('inclusion.path', `收录路径（${p.path.length} 个哈希）从第 ${e.seq} 条的叶子通向检查点的根（共 ${cp.size} 条）`, `the path (${p.path.length} hashes) leads from entry ${e.seq}'s leaf to the checkpoint's root (size ${cp.size})`);
    else rep.fail('inclusion.path', `收录路径不能从第 ${e.seq} 条的叶子通向检查点的根（共 ${cp.size} 条）`, `the path does not lead from entry ${e.seq}'s leaf to the checkpoint's root (size ${cp.size})`);
  }
  if (draw) drawCheck(rep, e, draw);
  if (rep.ok && cp) {
    rep.est(
      `第 ${e.seq} 条台账条目（${e.kind}，${e.campaign}，${e.at}，链哈希 ${e.hash}）在机关签署的 ${cp.size} 条日志中，为第 ${p.index} 号叶子（从 0 起算）`,
      `ledger entry ${e.seq} (${e.kind}, ${e.campaign}, ${e.at}, chain hash ${e.hash}) is leaf ${p.index} of the ${cp.size}-entry log the bureau signed`,
    );
    rep.not(
      '之前各条目的内容：链哈希只连着前一条的哈希（prev），内容要看导出的台账',
      'what the earlier entries say: the chain hash only covers the previous hash (prev); the exported ledger shows them',
    );
  }
  return rep.done();
}

function drawCheck(rep: Report, e: Entry, draw: DrawProofFile) {
  const digest = toHex(sha(draw.bytes));
  rep.fact('proof_sha256', digest);
  if (e.kind !== 'draw') {
    rep.fail('inclusion.draw', `条目 ${e.seq} 的类型是 ${e.kind}，不是 draw（抽取）`, `entry ${e.seq} is of kind ${e.kind}, not draw`);
    return;
  }
  const body = entryBody(e);
  const { campaign: camp, announcementHash: annHash } = drawIds(draw);
  if (!body) return void rep.fail('inclusion.draw', '条目正文不是 JSON 对象', 'the entry body is not a JSON object');
  let bad = false;
  if (body.proof_sha256 !== digest) {
    bad = true;
    rep.fail('inclusion.draw', `证明文件的 SHA-256 为 ${digest}，台账记录的是 ${String(body.proof_sha256)}`, `the proof file's SHA-256 is ${digest}, the ledger recorded ${String(body.proof_sha256)}`);
  }
  if (typeof camp !== 'string' || camp !== e.campaign) {
    bad = true;
    rep.fail('inclusion.draw', `证明的抽查活动 ${String(camp)} 不是条目的 ${e.campaign}`, `the proof's campaign ${String(camp)} is not the entry's ${e.campaign}`);
  }
  if (typeof annHash !== 'string' || annHash !== body.announcement_hash) {
    bad = true;
    rep.fail('inclusion.draw', `证明的公告哈希 ${String(annHash)} 不是条目记录的 ${String(body.announcement_hash)}`, `the proof's announcement hash ${String(annHash)} is not the entry's ${String(body.announcement_hash)}`);
  }
  if (bad) return;
  rep.pass('inclusion.draw', `此证明文件（SHA-256 ${digest}）正是台账第 ${e.seq} 条记录的抽取`, `this proof file (SHA-256 ${digest}) is the draw recorded by entry ${e.seq}`);
  rep.est(`此证明文件的字节正是机关记入日志的那次抽取（${e.campaign}）`, `these exact proof bytes are the draw the bureau logged (${e.campaign})`);
  rep.not('抽取本身是否正确：由抽取验证（上方）核实，公告哈希在那里重新计算', 'that the draw itself is right: the draw verification does that (it recomputes the announcement hash)');
}

export interface AddCheckpoint {
  old: number;
  proof: Uint8Array[];
  checkpoint: string;
}

export function parseAddCheckpoint(input: string | Uint8Array): AddCheckpoint | Problem {
  const s = text(input);
  if (s === null) return P('请求不是 UTF-8 编码', 'the request is not UTF-8');
  if (utf8(s).length > 2 * MAX_NOTE_BYTES) return P(`请求超过 ${2 * MAX_NOTE_BYTES} 字节`, `the request is over ${2 * MAX_NOTE_BYTES} bytes`);
  const lines = s.split('\n');
  const m = /^old (.*)$/.exec(lines[0]);
  const old = m ? decimal(m[1]) : null;
  if (old === null) return P('第一行不是“old N”（无前导零的十进制数）', 'the first line is not "old N" (decimal, no leading zeros)');
  const r = hashesThenNote(lines, 1);
  if (isProblem(r)) return r;
  return { old, proof: r.hashes, checkpoint: r.rest };
}

/** Verify that a newer checkpoint (in an add-checkpoint body) extends an older one the reader kept. */
export function verifyConsistency(older: string | Uint8Array, body: string | Uint8Array, logKeys: Keys, policy: Policy | null = null): LogReport {
  const rep = new Report('consistency');
  const a = verifyCheckpoint(older, logKeys, null, 'older');
  rep.take(a.report, true);
  const req = parseAddCheckpoint(body);
  if (isProblem(req)) return rep.fail('consistency.format', `一致性证明格式错误：${req.zh}`, `not a consistency proof: ${req.en}`).done();
  const b = verifyCheckpoint(req.checkpoint, logKeys, policy, 'newer');
  rep.take(b.report, true);
  if (!a.cp || !b.cp) return rep.done();
  const [o, n] = [a.cp, b.cp];
  rep.fact('origin', n.origin).fact('old_size', o.size).fact('new_size', n.size).fact('old_root', toHex(o.root)).fact('new_root', toHex(n.root));
  if (o.origin !== n.origin) return rep.fail('consistency.origin', `两个检查点属于不同日志：${o.origin} 与 ${n.origin}`, `the checkpoints are of different logs: ${o.origin} and ${n.origin}`).done();
  if (req.old !== o.size) return rep.fail('consistency.old', `证明的 old ${req.old} 不是旧检查点的大小 ${o.size}`, `the proof's old ${req.old} is not the older checkpoint's size ${o.size}`).done();
  if (o.size > n.size) return rep.fail('consistency.size', `新检查点（${n.size} 条）比旧检查点（${o.size} 条）小：回滚`, `the newer checkpoint (${n.size}) is smaller than the older one (${o.size}): a rollback`).done();
  if (consistencyOk(o.size, n.size, o.root, n.root, req.proof))
    rep.pass('consistency.proof', `一致性证明（${req.proof.length} 个哈希）成立：${n.size} 条的日志延续了 ${o.size} 条的日志`, `the consistency proof (${req.proof.length} hashes) verifies: the ${n.size}-entry log extends the ${o.size}-entry one`);
  else if (o.size === n.size && req.proof.length === 0)
    rep.fail('consistency.proof', `两个检查点大小相同（${o.size}）而根哈希不同：机关签署了两个不同的日志`, `both checkpoints have size ${o.size} and different roots: the bureau signed two different logs`);
  else rep.fail('consistency.proof', `一致性证明不成立：不能说明 ${n.size} 条的日志延续了 ${o.size} 条的日志`, `the consistency proof fails: it does not show that the ${n.size}-entry log extends the ${o.size}-entry one`);
  if (rep.ok) {
    rep.est(
      `机关签署的 ${n.size} 条日志（根 ${toHex(n.root)}）保留了此前签署的 ${o.size} 条日志的全部条目（根 ${toHex(o.root)}），没有修改、删除或重排`,
      `the ${n.size}-entry log the bureau signed (root ${toHex(n.root)}) keeps all ${o.size} entries of the one it signed before (root ${toHex(o.root)}): none changed, dropped or reordered`,
    );
    const signers = a.report.facts.signed_by as string[];
    rep.not(`这些公钥是否确为该机关的真实密钥（${signers.length} 个）：请核对指纹`, `that the keys (${signers.length}) are the bureau's genuine ones: compare the fingerprints`);
    if (!policy) rep.not('其他人是否看到同一日志：需要共同签署人（未给出策略）', 'that others see the same log: that takes cosigners (no policy given)');
  }
  return rep.done();
}

