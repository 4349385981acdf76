// docs/LOG.md §6 (detached signatures of published files) and §7 (auditors' attestations).
import { sha, toHex } from '../bytes.ts';
import { inForceCheck, isView, keyLabel, keyLabelZh, keysAt, quietlySigned, signerCheck, type Keys } from './checkpoint.ts';
import { validKeyName, type Vkey } from './keys.ts';
import { parseNote } from './note.ts';
import { drawIds, type DrawProofFile } from './proofs.ts';
import { Report, isProblem, type LogReport } from './report.ts';

/** Verify `F.sig` against the file's name and bytes and the bureau's keys. */
/**
 * Verify `F.sig` against the file's name and bytes and the bureau's keys. A file signature has no size (docs/LOG.md
 * §8): with a key chain it is accepted under the latest keys; under keys a rotation retired it is accepted with a note
 * of the rotation's size (fact `retired_at`); under keys a revocation withdrew it is refused (`key-revoked`).
 */
export function verifyFileSignature(sig: string | Uint8Array, fileName: string, file: Uint8Array | null, given: Keys): LogReport {
  const rep = new Report('file-signature');
  const note = parseNote(sig);
  if (isProblem(note)) return rep.fail('file.format', `签名文件格式错误：${note.zh}`, `not a signed note: ${note.en}`).done();
  const lines = note.text.slice(0, -1).split('\n');
  if (lines.length !== 5 || lines[0] !== 'dualdraw-file-signature/v1') return rep.fail('file.format', '不是 dualdraw-file-signature/v1 文件签名（五行）', 'not a dualdraw-file-signature/v1 note (five lines)').done();
  const [, origin, name, hex, sizeText] = lines;
  if (!validKeyName(origin) || !/^[0-9a-f]{64}$/.test(hex) || !/^(0|[1-9][0-9]*)$/.test(sizeText) || name === '' || /[\/\\]/.test(name))
    return rep.fail('file.format', '文件签名的字段格式错误', 'a field of the file signature is malformed').done();
  rep.fact('origin', origin).fact('file', name).fact('sha256', hex).fact('size', Number(sizeText));
  let logKeys = keysAt(given, null);
  let retiredNote: [string, string] | null = null;
  if (isView(given) && given.accepted > 0) {
    rep.fact('retired_at', null);
    if (quietlySigned(note, origin, logKeys)) rep.pass('keys.in-force', `文件签名由最新的有效密钥（${given.generation(null)[0]}）签署`, `the file signature is by the latest keys in force (${given.generation(null)[1]})`);
    else {
      const r = given.retiredBy(note, origin, null);
      if (r?.action === 'rotate') {
        logKeys = r.old;
        rep.fact('retired_at', r.size);
        rep.pass('keys.in-force', `文件签名由第 ${r.size} 条的密钥轮换所停用的旧密钥签署（轮换不是吊销，签名仍然有效；原因：${r.reason}）`, `the file signature is by keys the rotation at size ${r.size} retired (a rotation, not a revocation: it still counts; reason: ${r.reason})`);
        retiredNote = [`签名所用的密钥已于第 ${r.size} 条轮换停用`, `the signing keys were retired by the rotation at size ${r.size}`];
      } else if (r) inForceCheck(rep, given, note, origin, null, ['文件签名', 'the file signature']);
    }
  }
  const signed = signerCheck(rep, 'file.signature', note, origin, logKeys, ['机关', 'bureau']);
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (base !== name) rep.fail('file.name', `签名的文件名是 ${name}，而文件名是 ${base}`, `the signature names ${name}, the file is ${base}`);
  if (file) {
    const d = toHex(sha(file));
    if (d !== hex || file.length !== Number(sizeText))
      rep.fail('file.digest', `文件的 SHA-256 为 ${d}（${file.length} 字节），签名中为 ${hex}（${sizeText} 字节）`, `the file's SHA-256 is ${d} (${file.length} bytes), the signature says ${hex} (${sizeText} bytes)`);
    else rep.pass('file.digest', `文件的 SHA-256 与大小与签名一致`, "the file's SHA-256 and size match the signature");
  } else rep.not('文件内容：未给出文件', 'the file\'s contents: no file given');
  if (rep.ok) {
    rep.est(`机关密钥（${signed.map(keyLabelZh).join('；')}）签署了文件 ${name}（SHA-256 ${hex}）`, `the bureau's key(s) ${signed.map(keyLabel).join('; ')} signed the file ${name} (SHA-256 ${hex})`);
    if (retiredNote) rep.not(`${retiredNote[0]}：签名早于轮换还是晚于轮换，文件签名本身无法说明`, `${retiredNote[1]}: whether it was signed before or after the rotation, a file signature cannot show`);
    rep.not('这些公钥是否确为该机关的真实密钥：请核对指纹', "that the keys are the bureau's genuine ones: compare the fingerprints");
  }
  return rep.done();
}

const ATTEST_KEYS = ['campaign', 'announcement', 'proof', 'level', 'verdict', 'time'];

/** Verify an attestation with the auditor's keys; with the proof file, that it names those bytes and that draw. */
export function verifyAttestation(input: string | Uint8Array, auditorKeys: Vkey[], draw: DrawProofFile | null): LogReport {
  const rep = new Report('attestation');
  const note = parseNote(input);
  if (isProblem(note)) return rep.fail('attestation.format', `审计声明格式错误：${note.zh}`, `not a signed note: ${note.en}`).done();
  const lines = note.text.slice(0, -1).split('\n');
  if (lines.length !== 7 || lines[0] !== 'dualdraw-attestation/v1') return rep.fail('attestation.format', '不是 dualdraw-attestation/v1 审计声明（七行）', 'not a dualdraw-attestation/v1 note (seven lines)').done();
  const f: Record<string, string> = {};
  for (let i = 1; i < 7; i++) {
    const key = ATTEST_KEYS[i - 1];
    if (!lines[i].startsWith(key + ' ')) return rep.fail('attestation.format', `第 ${i + 1} 行应以 "${key} " 开头`, `line ${i + 1} must start with "${key} "`).done();
    f[key] = lines[i].slice(key.length + 1);
  }
  const okFields =
    f.campaign !== '' &&
    /^[0-9a-f]{64}$/.test(f.announcement) &&
    /^[0-9a-f]{64}$/.test(f.proof) &&
    f.level === 'audit' &&
    (f.verdict === 'valid' || f.verdict === 'invalid') &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(f.time);
  if (!okFields) return rep.fail('attestation.format', '审计声明的字段格式错误', 'a field of the attestation is malformed').done();
  for (const k of ATTEST_KEYS) rep.fact(k, f[k]);
  // the signer: the auditor's keys, all of them (one name: the auditor's)
  const names = [...new Set(auditorKeys.filter((k) => k.type !== 'cosignature').map((k) => k.name))];
  const signerNames = names.filter((n) => note.sigs.some((s) => s.name === n));
  let signed: Vkey[] = [];
  if (signerNames.length === 0) rep.fail('attestation.signature', '没有给出签署此声明的审计人公钥', 'no key of an auditor who signed this attestation was given');
  for (const n of signerNames) signed = signed.concat(signerCheck(rep, 'attestation.signature', note, n, auditorKeys, ['审计人', 'auditor']));
  rep.fact('auditor', signerNames.join(' '));
  if (draw) {
    const d = toHex(sha(draw.bytes));
    const { campaign: camp, announcementHash } = drawIds(draw);
    if (d !== f.proof) rep.fail('attestation.proof', `声明针对的证明 SHA-256 为 ${f.proof}，所给证明文件为 ${d}`, `the attestation is about the proof with SHA-256 ${f.proof}; the proof given has ${d}`);
    else rep.pass('attestation.proof', '声明针对的正是所给的证明文件', 'the attestation names the proof file given');
    if (camp !== f.campaign || announcementHash !== f.announcement)
      rep.fail('attestation.proof', `声明的活动与公告（${f.campaign}，${f.announcement}）与证明文件中的不同`, `the attestation's campaign and announcement (${f.campaign}, ${f.announcement}) are not the proof's`);
  } else rep.not('声明是否针对你所核验的证明文件：未给出证明文件', 'that it is about the proof you verified: no proof file given');
  if (rep.ok) {
    rep.est(
      `审计人（${signed.map(keyLabelZh).join('；')}）声明：在审计级别核验了 ${f.campaign} 的证明（SHA-256 ${f.proof}），结论 ${f.verdict}，时间 ${f.time}`,
      `the auditor ${signed.map(keyLabel).join('; ')} states: it verified ${f.campaign}'s proof (SHA-256 ${f.proof}) at the audit level, verdict ${f.verdict}, at ${f.time}`,
    );
    rep.not('审计结论本身：这是审计人的声明，本页无法重做审计级别核验', "the audit's conclusion itself: it is the auditor's statement; this verifier cannot run the audit level");
    rep.not('这些公钥是否确为该审计人的真实密钥：请核对指纹', "that the keys are the auditor's genuine ones: compare the fingerprints");
  }
  return rep.done();
}
