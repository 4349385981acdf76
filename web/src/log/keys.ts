// docs/LOG.md §2 and §5: vkeys, key IDs, fingerprints, and the three signature types (Ed25519 0x01, SM2 with SM3
// 0xFF ‖ "dualdraw/sm2-sm3/v1", cosignature 0x04). Ed25519 is @noble/curves; SM2/SM3 is sm-crypto-v2 (built on noble).
import { ed25519 } from '@noble/curves/ed25519.js';
import { sm2 } from 'sm-crypto-v2';
import { sha, toHex, utf8 } from '../bytes.ts';
import { P, isProblem, type Problem } from './report.ts';

export type KeyType = 'ed25519' | 'sm2' | 'cosignature';
export const SM2_ID = 'dualdraw/sm2-sm3/v1';
/** the signature type bytes of each key type */
export function typeBytes(type: KeyType): Uint8Array {
  if (type === 'ed25519') return Uint8Array.of(0x01);
  if (type === 'cosignature') return Uint8Array.of(0x04);
  return Uint8Array.of(0xff, ...utf8(SM2_ID));
}
const PUB_LEN: Record<KeyType, number> = { ed25519: 32, sm2: 65, cosignature: 32 };

export interface Vkey {
  text: string;
  name: string;
  id: Uint8Array; // 4 bytes
  type: KeyType;
  pub: Uint8Array;
  fingerprint: string;
}

/** RFC 4648 §4 base64 with padding, canonical (what re-encodes to the same text), or null. */
export function b64(s: string): Uint8Array | null {
  if (typeof s !== 'string' || s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return null;
  let bin: string;
  try {
    bin = atob(s);
  } catch {
    return null;
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return toB64(out) === s ? out : null;
}

export function toB64(b: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < b.length; i++) bin += String.fromCharCode(b[i]);
  return btoa(bin);
}

/** signed-note: key names are non-empty, without Unicode spaces or '+'. */
export function validKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+\u0085\u180e\u200b]/u.test(name) && !/\p{Z}/u.test(name) && !/[\u0000-\u001f\u007f]/.test(name);
}

/** key ID = SHA-256(name ‖ 0x0A ‖ type bytes ‖ pub)[:4] */
export function keyId(name: string, type: KeyType, pub: Uint8Array): Uint8Array {
  const n = utf8(name);
  const t = typeBytes(type);
  const m = new Uint8Array(n.length + 1 + t.length + pub.length);
  m.set(n, 0);
  m[n.length] = 0x0a;
  m.set(t, n.length + 1);
  m.set(pub, n.length + 1 + t.length);
  return sha(m).slice(0, 4);
}

/** The first 16 bytes of SHA-256(vkey text) in lowercase hex, grouped by 4 digits. */
export function fingerprint(vkeyText: string): string {
  const h = toHex(sha(utf8(vkeyText)).slice(0, 16));
  return h.match(/.{4}/g)!.join(' ');
}

/** Parse `<name>+<hex key ID>+<base64(type ‖ pub)>`; a string says what is wrong. */
export function parseVkey(text: string): Vkey | Problem {
  const v = text.trim();
  // the name has no '+', the key ID is hex: the first two '+' separate the parts (base64 may contain '+')
  const i = v.indexOf('+');
  const j = i < 0 ? -1 : v.indexOf('+', i + 1);
  if (i < 0 || j < 0) return P(`公钥（vkey）应为 名称+密钥ID+BASE64（以“+”分隔的三部分）：${v.slice(0, 120)}`, `a vkey is NAME+KEYID+BASE64 (three parts separated by "+"): ${v.slice(0, 120)}`);
  const [name, idHex, data] = [v.slice(0, i), v.slice(i + 1, j), v.slice(j + 1)];
  if (!validKeyName(name)) return P(`密钥名称无效：${JSON.stringify(name)}`, `invalid key name ${JSON.stringify(name)}`);
  if (!/^[0-9a-f]{8}$/.test(idHex)) return P(`密钥ID应为 8 位小写十六进制数字，而非 ${JSON.stringify(idHex)}`, `the key ID is 8 lowercase hex digits, not ${JSON.stringify(idHex)}`);
  const raw = b64(data);
  if (!raw || raw.length === 0) return P('密钥数据不是 base64', 'the key data is not base64');
  let type: KeyType;
  let pub: Uint8Array;
  const sm = typeBytes('sm2');
  if (raw[0] === 0x01) type = 'ed25519';
  else if (raw[0] === 0x04) type = 'cosignature';
  else if (raw[0] === 0xff && raw.length >= sm.length && sm.every((x, i) => raw[i] === x)) type = 'sm2';
  else return P(`不支持的签名类型 0x${raw[0].toString(16).padStart(2, '0')}`, `unsupported signature type 0x${raw[0].toString(16).padStart(2, '0')}`);
  pub = raw.slice(typeBytes(type).length);
  if (pub.length !== PUB_LEN[type]) return P(`${type} 公钥应为 ${PUB_LEN[type]} 字节，而非 ${pub.length}`, `a ${type} public key has ${PUB_LEN[type]} bytes, not ${pub.length}`);
  if (type === 'sm2' && pub[0] !== 0x04) return P('SM2 公钥应为 SEC1 非压缩格式（0x04 ‖ x ‖ y）', 'an SM2 public key is SEC1 uncompressed (0x04 ‖ x ‖ y)');
  if (!pubOk(type, pub)) return P(`${type} 公钥不是曲线上的点`, `the ${type} public key is not a point of its curve`);
  const id = keyId(name, type, pub);
  if (toHex(id) !== idHex) return P(`密钥ID ${idHex} 不是 SHA-256(名称 ‖ 0x0A ‖ 类型 ‖ 公钥)[:4] = ${toHex(id)}`, `the key ID ${idHex} is not SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4] = ${toHex(id)}`);
  return { text: v, name, id, type, pub, fingerprint: fingerprint(v) };
}

function pubOk(type: KeyType, pub: Uint8Array): boolean {
  try {
    if (type === 'sm2') return sm2.verifyPublicKey(toHex(pub));
    ed25519.Point.fromBytes(pub);
    return true;
  } catch {
    return false;
  }
}

/** SM2 group order n (GB/T 32918.5): r and s must lie in [1, n−1] (GB/T 32918.2 §7.1 B1, B2). */
const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

/** Verify a bare signature (64 bytes) of `msg` with a key: Ed25519 (RFC 8032) or SM2 with SM3 and the default ID. */
export function verifySig(key: Vkey, msg: Uint8Array, sig: Uint8Array): boolean {
  if (sig.length !== 64) return false;
  try {
    if (key.type === 'sm2') {
      const r = BigInt('0x' + toHex(sig.subarray(0, 32)));
      const s = BigInt('0x' + toHex(sig.subarray(32)));
      if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return false;
      return sm2.doVerifySignature(msg, toHex(sig), toHex(key.pub), { hash: true, der: false, userId: '1234567812345678' });
    }
    return ed25519.verify(sig, msg, key.pub, { zip215: false });
  } catch {
    return false;
  }
}

/** A list of vkeys: one per line, blank lines and `#` comments allowed (a province's key list). */
export function parseKeyList(text: string): { keys: Vkey[]; errors: Problem[] } {
  const keys: Vkey[] = [];
  const errors: Problem[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const l = line.trim();
    if (!l || l.startsWith('#')) return;
    const k = parseVkey(l);
    if (isProblem(k)) errors.push(P(`第 ${i + 1} 行：${k.zh}`, `line ${i + 1}: ${k.en}`));
    else keys.push(k);
  });
  return { keys, errors };
}
