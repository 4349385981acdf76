// c2sp.org/signed-note as docs/LOG.md §3 uses it, and c2sp.org/tlog-checkpoint (origin, size, root; no extensions).
import { fromUtf8, toHex, utf8 } from '../bytes.ts';
import { EMPTY_ROOT } from '../commitments.ts';
import { b64, validKeyName, verifySig, type Vkey } from './keys.ts';
import { P, isProblem, type Problem } from './report.ts';

export const MAX_NOTE_BYTES = 64 * 1024;
/** signed-note: accept at least 16 signatures; more than this many lines is refused as a resource limit. */
export const MAX_SIGNATURES = 100;

export interface SigLine {
  name: string;
  id: Uint8Array;
  sig: Uint8Array; // what follows the key ID
  line: string;
}

export interface Note {
  text: string; // the note text, ending in "\n"
  sigs: SigLine[];
}

/** Parse a signed note (the whole input must be one note); a string says what is wrong. */
export function parseNote(input: string | Uint8Array): Note | Problem {
  let s: string;
  if (typeof input === 'string') s = input;
  else {
    if (input.length > MAX_NOTE_BYTES) return P(`签名文本最多 ${MAX_NOTE_BYTES} 字节（此文件 ${input.length} 字节）`, `a signed note is at most ${MAX_NOTE_BYTES} bytes (this one has ${input.length})`);
    try {
      s = fromUtf8(input);
    } catch {
      return P('签名文本应为 UTF-8 编码', 'a signed note is UTF-8');
    }
  }
  if (utf8(s).length > MAX_NOTE_BYTES) return P(`签名文本最多 ${MAX_NOTE_BYTES} 字节`, `a signed note is at most ${MAX_NOTE_BYTES} bytes`);
  if (/[\u0000-\u0009\u000b-\u001f]/.test(s)) return P('签名文本中除换行外不得有控制字符', 'a signed note has no control characters other than newline');
  const sep = s.lastIndexOf('\n\n');
  if (sep < 0) return P('正文与签名之间没有空行', 'no blank line between the note text and its signatures');
  const text = s.slice(0, sep + 1);
  const rest = s.slice(sep + 2);
  if (!rest.endsWith('\n')) return P('最后一行签名没有以换行结束', 'the last signature line does not end in a newline');
  const lines = rest.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return P(`签名行超过 ${MAX_SIGNATURES} 行`, `more than ${MAX_SIGNATURES} signature lines`);
  const sigs: SigLine[] = [];
  for (const line of lines) {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!m || !validKeyName(m[1])) return P(`不是签名行（“— 名称 BASE64”）：${line.slice(0, 120)}`, `not a signature line ("— NAME BASE64"): ${line.slice(0, 120)}`);
    const raw = b64(m[2]);
    if (!raw || raw.length < 5) return P(`${m[1]} 的签名不是“密钥ID + 签名”的 base64`, `the signature of ${m[1]} is not base64 of a key ID and a signature`);
    sigs.push({ name: m[1], id: raw.slice(0, 4), sig: raw.slice(4), line });
  }
  return { text, sigs };
}

const sameId = (a: Uint8Array, b: Uint8Array) => a.length === 4 && b.length === 4 && a.every((x, i) => x === b[i]);

export interface NoteCheck {
  /** keys whose signature line verified */
  verified: Vkey[];
  /** known keys whose line failed to verify (the note is then rejected) */
  failed: Vkey[];
  /** known keys with no line in the note */
  missing: Vkey[];
  /** lines from keys not given (ignored) */
  unknown: SigLine[];
}

/**
 * Check a note's signature lines against known keys (Ed25519 or SM2 ones): a line is a known key's when both its name
 * and ID match. `msg` is the signed message (the note text for a bureau's or an auditor's signature).
 */
export function checkNote(note: Note, keys: Vkey[], msg: Uint8Array = utf8(note.text)): NoteCheck {
  const out: NoteCheck = { verified: [], failed: [], missing: [], unknown: [] };
  const seen = new Set<Vkey>();
  for (const l of note.sigs) {
    const k = keys.find((k) => k.type !== 'cosignature' && k.name === l.name && sameId(k.id, l.id));
    if (!k) {
      out.unknown.push(l);
      continue;
    }
    seen.add(k);
    if (verifySig(k, msg, l.sig)) {
      if (!out.verified.includes(k)) out.verified.push(k);
    } else if (!out.failed.includes(k)) out.failed.push(k);
  }
  for (const k of keys) if (k.type !== 'cosignature' && !seen.has(k)) out.missing.push(k);
  return out;
}

/** The rule of docs/LOG.md §3 for a dualdraw signer's note: every given key of that signer verified, none failed. */
export function signedByAll(c: NoteCheck, keys: Vkey[]): boolean {
  const given = keys.filter((k) => k.type !== 'cosignature');
  return given.length > 0 && c.failed.length === 0 && given.every((k) => c.verified.includes(k));
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
  note: Note;
}

/** A checkpoint's text: exactly origin, size (decimal, no leading zeros), base64 root hash; no extension lines. */
export function parseCheckpoint(input: string | Uint8Array): Checkpoint | Problem {
  const note = parseNote(input);
  if (isProblem(note)) return note;
  const lines = note.text.slice(0, -1).split('\n');
  if (lines.length < 3) return P('检查点正文应有三行：日志名称、条目数、根哈希', 'a checkpoint has three lines: origin, tree size, root hash');
  if (lines.length > 3) return P('日志 v1 的检查点没有扩展行', 'a log v1 checkpoint has no extension lines');
  const [origin, sizeText, rootText] = lines;
  if (!validKeyName(origin)) return P(`${JSON.stringify(origin)} 不是有效的日志名称`, `the origin ${JSON.stringify(origin)} is not a log name`);
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) return P(`条目数 ${JSON.stringify(sizeText)} 不是无前导零的十进制数`, `the tree size ${JSON.stringify(sizeText)} is not a decimal without leading zeros`);
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) return P(`条目数 ${sizeText} 超出本核验程序的范围（2^53 − 1）`, `the tree size ${sizeText} is beyond what this verifier handles (2^53 − 1)`);
  const root = b64(rootText);
  if (!root || root.length !== 32) return P('根哈希不是 32 字节的 base64', 'the root hash is not base64 of 32 bytes');
  if (size === 0 && toHex(root) !== EMPTY_ROOT)
    return P(`0 条的日志的根哈希应为 SHA-256("") = ${EMPTY_ROOT}`, `the root of an empty log is SHA-256("") = ${EMPTY_ROOT}`);
  return { origin, size, root, note };
}

export const rootHex = (c: Checkpoint) => toHex(c.root);
