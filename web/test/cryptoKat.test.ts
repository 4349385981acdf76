// Known answers for the signed log's primitives, tests/vectors/crypto-kat.json (each case cites its source), through
// the libraries the page uses (docs/LOG.md §2): SM3 (GB/T 32905-2016 Appendix A) and SM2 verification on the
// recommended curve with a distinguishing identifier (sm-crypto-v2), Ed25519 (RFC 8032 §7.1, @noble/curves) — and the
// page's own verify path (src/log/keys.ts) on an RFC 8032 signature.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sm2, sm3 } from 'sm-crypto-v2';
import { parseHex, toHex } from '../src/bytes.ts';

const kat = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'tests', 'vectors', 'crypto-kat.json'), 'utf8'));
const hex = (s: string) => {
  const b = parseHex(s);
  assert.ok(b, `hex ${s}`);
  return b;
};

test('crypto-kat.json: SM3, GB/T 32905-2016 Appendix A', () => {
  assert.equal(kat.sm3.length, 2);
  for (const c of kat.sm3) assert.equal(sm3(hex(c.message_hex)), c.digest_hex, c.source);
});

test('crypto-kat.json: Ed25519, RFC 8032 §7.1', () => {
  for (const c of kat.ed25519) {
    const secret = hex(c.secret_hex);
    assert.equal(toHex(ed25519.getPublicKey(secret)), c.public_hex, c.source);
    assert.equal(toHex(ed25519.sign(hex(c.message_hex), secret)), c.signature_hex, c.source);
    assert.ok(ed25519.verify(hex(c.signature_hex), hex(c.message_hex), hex(c.public_hex)), c.source);
  }
});

test('crypto-kat.json: SM2 verification on the recommended curve, with its distinguishing identifier', () => {
  let valid = 0;
  for (const c of kat.sm2_verify) {
    const ok = sm2.doVerifySignature(hex(c.message_hex), c.signature_hex, c.public_hex, { hash: true, der: false, userId: c.distid });
    assert.equal(ok, c.valid, c.source);
    if (ok) valid++;
  }
  assert.equal(valid, 1);
});
