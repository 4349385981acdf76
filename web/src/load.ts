// Reading a proof file (SPEC §10, then the decoding of §7): a refusal becomes a failure naming the check (`json` or
// `format`) and the place in the file.
import { DecodeError, decodeProof, type Proof } from './decode.ts';
import { JsonError, MAX_DEPTH, MAX_PROOF_BYTES, lineCol, parseJson, sizeProblem, type JsonRule, type JsonValue } from './json.ts';
import { t, type T } from './text.ts';
import type { Failure } from './verify.ts';

const RULE_TEXT: Record<JsonRule, T> = {
  syntax: t('不是有效的 JSON', 'it is not valid JSON'),
  depth: t(`嵌套超过 ${MAX_DEPTH} 层（规范 §10 的限制）`, `arrays and objects nested more than ${MAX_DEPTH} deep (the limit of SPEC §10)`),
  size: t('超过文件大小限制（规范 §10：证明文件至多 256 MiB，公开名录至多 8 GiB）', 'over the size limit (SPEC §10: a proof at most 256 MiB, a public snapshot 8 GiB)'),
  bom: t('在文件开头以外的位置含有字节顺序标记（BOM，规范 §10 只允许文件开头有一个）', 'a byte-order mark after the start (SPEC §10 allows one, at the very start)'),
};

/** A §10 refusal (area `json`) as a sentence. */
export function jsonFailure(bytes: Uint8Array | null, e: JsonError, what: T = t('证明文件', 'The proof file')): Failure {
  const r = RULE_TEXT[e.rule];
  const where = bytes ? lineCol(bytes, e.offset) : null;
  const at = where ? t(`第 ${where.line} 行第 ${where.col} 列`, `line ${where.line}, column ${where.col}`) : t(`第 ${e.offset} 字节处`, `at byte ${e.offset}`);
  return {
    area: 'json',
    what: t(`${what.zh}${r.zh}（${at.zh}：${e.message}），拒绝读取。文件可能不完整或被改动过。`, `${what.en} is refused: ${r.en} (${at.en}: ${e.message}). It may be truncated or edited.`),
    got: e.message,
  };
}

/** Parse and decode proof bytes; a problem is returned as a failure with the place in the file. */
export function loadProof(bytes: Uint8Array): { proof: Proof | null; failure: Failure | null; json: JsonValue | null } {
  let json: JsonValue;
  try {
    const big = sizeProblem(bytes.length, MAX_PROOF_BYTES);
    if (big) throw big;
    json = parseJson(bytes);
  } catch (e) {
    if (e instanceof JsonError) return { proof: null, json: null, failure: jsonFailure(e.rule === 'size' ? null : bytes, e) };
    throw e;
  }
  try {
    return { proof: decodeProof(json), failure: null, json };
  } catch (e) {
    if (e instanceof DecodeError) {
      const unknown = e.expected.startsWith('no such field');
      return {
        proof: null,
        json,
        failure: {
          area: 'format',
          what: unknown
            ? t(`证明文件含有本页面不认识的字段“${e.path}”：它可能来自更新版本的 dualdraw，或被改动过。`, `The proof file has a field this page does not know, "${e.path}": it may come from a newer dualdraw, or it was edited.`)
            : t(`证明文件的字段“${e.path}”格式不对：应为 ${e.expected}，文件中为 ${e.got}。`, `The proof file's field "${e.path}" is malformed: expected ${e.expected}, the file has ${e.got}.`),
          expected: e.expected,
          got: e.got,
        },
      };
    }
    throw e;
  }
}

