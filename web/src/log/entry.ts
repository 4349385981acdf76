// A ledger entry as one JSON line of `dualdraw ledger export` (docs/LEDGER.md), and its chain hash:
//   hash = SHA-256( lp("dualdraw-ledger-v1") ‖ u64be(seq) ‖ raw(prev) ‖ lp(kind) ‖ lp(campaign) ‖ lp(at) ‖ lp(operator)
//                   ‖ lp(approver) ‖ lp(body) )
import { Writer, fromUtf8, isHash, parseHex, sha, toHex } from '../bytes.ts';
import { parseJson, type JsonObject, type JsonValue } from '../json.ts';
import { P, type Problem } from './report.ts';

export interface Entry {
  seq: number;
  prev: string;
  hash: string;
  kind: string;
  campaign: string;
  at: string;
  operator: string;
  approver: string;
  /** the body's JSON text exactly as stored */
  body: string;
}

const FIELDS = ['seq', 'prev', 'hash', 'kind', 'campaign', 'at', 'operator', 'approver', 'body'];

/** Read an exported entry line; a string says what is wrong. */
export function parseEntry(bytes: Uint8Array): Entry | Problem {
  let v: JsonValue;
  try {
    v = parseJson(bytes);
  } catch (e) {
    return P(`条目不是 JSON：${e instanceof Error ? e.message : String(e)}`, `the entry is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return P('条目不是 JSON 对象', 'the entry is not a JSON object');
  const o = v as JsonObject;
  for (const k of Object.keys(o)) if (!FIELDS.includes(k)) return P(`条目有未知字段 ${JSON.stringify(k)}`, `the entry has an unknown field ${JSON.stringify(k)}`);
  for (const k of FIELDS) if (!(k in o)) return P(`条目缺少字段 ${JSON.stringify(k)}`, `the entry has no field ${JSON.stringify(k)}`);
  const seq = typeof o.seq === 'bigint' ? Number(o.seq) : o.seq;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return P('条目的 seq 不是 ≥ 1 的整数', "the entry's seq is not an integer ≥ 1");
  if (!isHash(o.prev) || !isHash(o.hash)) return P('条目的 prev 和 hash 应为 64 位小写十六进制', "the entry's prev and hash are 64 lowercase hex digits");
  for (const k of ['kind', 'campaign', 'at', 'operator', 'approver', 'body'])
    if (typeof o[k] !== 'string') return P(`条目的 ${k} 不是文本`, `the entry's ${k} is not a text`);
  return {
    seq,
    prev: o.prev,
    hash: o.hash,
    kind: o.kind as string,
    campaign: o.campaign as string,
    at: o.at as string,
    operator: o.operator as string,
    approver: o.approver as string,
    body: o.body as string,
  };
}

/** The chain hash recomputed from the entry's fields (docs/LEDGER.md). */
export function chainHash(e: Entry): string {
  const w = new Writer(256)
    .lp('dualdraw-ledger-v1')
    .u64(e.seq)
    .bytes(parseHex(e.prev)!)
    .lp(e.kind)
    .lp(e.campaign)
    .lp(e.at)
    .lp(e.operator)
    .lp(e.approver)
    .lp(e.body);
  return toHex(sha(w.view()));
}

/** The entry's body as JSON, or null. */
export function entryBody(e: Entry): JsonObject | null {
  try {
    const v = parseJson(e.body);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : null;
  } catch {
    return null;
  }
}

export const textOf = (b: Uint8Array) => fromUtf8(b);
