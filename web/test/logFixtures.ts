// Test fixtures for the signed log made with the same libraries the verifier uses to check (noble Ed25519,
// sm-crypto-v2 SM2): a bureau, cosigners, an auditor, a ledger of entries, checkpoints and proofs (docs/LOG.md).
import { ed25519 } from '@noble/curves/ed25519.js';
import { sm2 } from 'sm-crypto-v2';
import { Writer, sha, toHex, utf8, parseHex } from '../src/bytes.ts';
import { nodeHash, rangeRoot, auditPath } from '../src/commitments.ts';
import { keyId, toB64, typeBytes, type KeyType } from '../src/log/keys.ts';
import { ledgerLeafHash, EMPTY_TREE_ROOT } from '../src/log/tree.ts';
import { chainHash, type Entry } from '../src/log/entry.ts';

export interface Signer {
  name: string;
  type: KeyType;
  vkey: string;
  sign(msg: Uint8Array): Uint8Array; // bare 64-byte signature
  id: Uint8Array;
}

function vkeyOf(name: string, type: KeyType, pub: Uint8Array): string {
  const id = keyId(name, type, pub);
  return `${name}+${toHex(id)}+${toB64(new Uint8Array([...typeBytes(type), ...pub]))}`;
}

export function edSigner(name: string, seed: number, type: 'ed25519' | 'cosignature' = 'ed25519'): Signer {
  const sk = sha(utf8(`seed ${seed}`));
  const pub = ed25519.getPublicKey(sk);
  return { name, type, vkey: vkeyOf(name, type, pub), id: keyId(name, type, pub), sign: (m) => ed25519.sign(m, sk) };
}

export function smSigner(name: string, seed: number): Signer {
  const sk = toHex(sha(utf8(`sm2 seed ${seed}`)));
  const pubHex = sm2.getPublicKeyFromPrivateKey(sk);
  const pub = parseHex(pubHex)!;
  return {
    name,
    type: 'sm2',
    vkey: vkeyOf(name, 'sm2', pub),
    id: keyId(name, 'sm2', pub),
    sign: (m) => parseHex(sm2.doSignature(m, sk, { hash: true, der: false, publicKey: pubHex }))!,
  };
}

/** "— name base64(id ‖ sig)\n" */
export function sigLine(s: Signer, text: string): string {
  return `\u2014 ${s.name} ${toB64(new Uint8Array([...s.id, ...s.sign(utf8(text))]))}\n`;
}

export function cosigLine(s: Signer, text: string, time: number): string {
  const ts = new Writer(8).u64(time).view().slice();
  const sig = s.sign(utf8(`cosignature/v1\ntime ${time}\n${text}`));
  return `\u2014 ${s.name} ${toB64(new Uint8Array([...s.id, ...ts, ...sig]))}\n`;
}

export function note(text: string, signers: Signer[]): string {
  return text + '\n' + signers.map((s) => sigLine(s, text)).join('');
}

/** A ledger of n entries chained as docs/LEDGER.md says (entry 2 is a draw of the given proof bytes). */
export function ledger(n: number, drawProof?: { bytes: Uint8Array; campaign: string; announcement: string }): Entry[] {
  const out: Entry[] = [];
  let prev = '0'.repeat(64);
  for (let seq = 1; seq <= n; seq++) {
    const isDraw = seq === 2 && drawProof;
    const e: Entry = {
      seq,
      prev,
      hash: '',
      kind: isDraw ? 'draw' : 'result',
      campaign: drawProof?.campaign ?? '2026-TEST-01',
      at: `2026-03-0${1 + (seq % 8)}T01:00:00Z`,
      operator: '操作员',
      approver: '审核人',
      body: isDraw
        ? JSON.stringify({ announcement_hash: drawProof!.announcement, proof_sha256: toHex(sha(drawProof!.bytes)), seed: '00'.repeat(32), targets: 1 })
        : JSON.stringify({ n: seq }),
    };
    e.hash = chainHash(e);
    prev = e.hash;
    out.push(e);
  }
  return out;
}

export const entryLine = (e: Entry) =>
  JSON.stringify({ seq: e.seq, prev: e.prev, hash: e.hash, kind: e.kind, campaign: e.campaign, at: e.at, operator: e.operator, approver: e.approver, body: e.body });

export function leaves(es: Entry[]): Uint8Array[] {
  return es.map((e) => ledgerLeafHash(e.seq, parseHex(e.hash)!));
}

export function root(ls: Uint8Array[], n: number): Uint8Array {
  return n === 0 ? EMPTY_TREE_ROOT : rangeRoot(ls, 0, n);
}

export function checkpointText(origin: string, ls: Uint8Array[], n: number): string {
  return `${origin}\n${n}\n${toB64(root(ls, n))}\n`;
}

export function inclusionPath(ls: Uint8Array[], index: number, n: number): Uint8Array[] {
  return auditPath(index, n, (a, b) => rangeRoot(ls, a, b));
}

/** RFC 6962 §2.1.2 PROOF(m, D[n]) */
export function consistencyProof(ls: Uint8Array[], m: number, n: number): Uint8Array[] {
  const sub = (m: number, a: number, b: number, complete: boolean): Uint8Array[] => {
    const size = b - a;
    if (m === size) return complete ? [] : [rangeRoot(ls, a, b)];
    let k = 1;
    while (k * 2 < size) k *= 2;
    if (m <= k) return [...sub(m, a, a + k, complete), rangeRoot(ls, a + k, b)];
    return [...sub(m - k, a + k, b, false), rangeRoot(ls, a, a + k)];
  };
  if (m === 0 || m === n) return [];
  return sub(m, 0, n, true);
}

export { nodeHash };
