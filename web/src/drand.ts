// drand quicknet (SPEC §4): BLS12-381 min-sig — the signature is a compressed G1 point over SHA-256(u64be(round)),
// hashed to G1 with DST BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_, checked against the group key on G2.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { Writer, parseHex } from './bytes.ts';
import { QUICKNET } from './draw.ts';

export function verifyQuicknet(round: bigint, signatureHex: string): boolean {
  const sig = parseHex(signatureHex);
  if (!sig || sig.length !== 48) return false;
  try {
    const sigs = bls12_381.shortSignatures;
    const msg = sigs.hash(sha256(new Writer(8).u64(round).view()), QUICKNET.dst);
    return sigs.verify(sig, msg, parseHex(QUICKNET.publicKey)!);
  } catch {
    return false;
  }
}
