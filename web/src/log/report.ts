// What one log verification established and what it could not ("say only what was proved"), in Chinese and English.
import { t, type Lang, type T } from '../text.ts';

export interface Finding {
  /** a stable check id, e.g. "checkpoint.signature" */
  check: string;
  ok: boolean;
  text: T;
}

export type LogKind = 'checkpoint' | 'inclusion' | 'consistency' | 'fork' | 'file-signature' | 'attestation' | 'keys';

export interface LogReport {
  kind: LogKind;
  /** true when every check passed (nothing failed); what that proves is in `established` */
  ok: boolean;
  findings: Finding[];
  established: T[];
  not_established: T[];
  facts: Record<string, string | number | boolean | null | string[]>;
}

export class Report {
  r: LogReport;
  constructor(kind: LogKind) {
    this.r = { kind, ok: true, findings: [], established: [], not_established: [], facts: {} };
  }
  pass(check: string, zh: string, en: string): this {
    this.r.findings.push({ check, ok: true, text: t(zh, en) });
    return this;
  }
  fail(check: string, zh: string, en: string): this {
    this.r.findings.push({ check, ok: false, text: t(zh, en) });
    this.r.ok = false;
    return this;
  }
  est(zh: string, en: string): this {
    this.r.established.push(t(zh, en));
    return this;
  }
  not(zh: string, en: string): this {
    this.r.not_established.push(t(zh, en));
    return this;
  }
  fact(k: string, v: LogReport['facts'][string]): this {
    this.r.facts[k] = v;
    return this;
  }
  /** merge a sub-report's findings (its established/not lists too, unless `findingsOnly`) */
  take(o: LogReport, findingsOnly = false): this {
    for (const f of o.findings) {
      this.r.findings.push(f);
      if (!f.ok) this.r.ok = false;
    }
    if (!findingsOnly) {
      this.r.established.push(...o.established);
      this.r.not_established.push(...o.not_established);
    }
    return this;
  }
  get ok(): boolean {
    return this.r.ok;
  }
  done(): LogReport {
    // a report that failed established nothing: what its parts showed is void once one check failed
    if (!this.r.ok) this.r.established = [];
    return this.r;
  }
}

/** The report as JSON for integrators (`dualdraw.verify-log.v1`, fields in web/README.md), texts in one language. */
export function reportJson(reports: LogReport[], lang: Lang) {
  return {
    schema: 'dualdraw.verify-log.v1',
    ok: reports.length > 0 && reports.every((r) => r.ok),
    reports: reports.map((r) => ({
      kind: r.kind,
      ok: r.ok,
      facts: r.facts,
      checks: r.findings.map((f) => ({ check: f.check, ok: f.ok, message: f.text[lang] })),
      established: r.established.map((x) => x[lang]),
      not_established: r.not_established.map((x) => x[lang]),
    })),
  };
}

export function reportText(reports: LogReport[], lang: Lang): string {
  const zh = lang === 'zh';
  const out: string[] = [];
  const NAMES: Record<LogKind, [string, string]> = {
    checkpoint: ['检查点', 'checkpoint'],
    inclusion: ['收录证明', 'inclusion proof'],
    consistency: ['一致性证明', 'consistency proof'],
    fork: ['分叉证据', 'fork proof'],
    'file-signature': ['文件签名', 'file signature'],
    attestation: ['审计声明', 'attestation'],
    keys: ['密钥', 'keys'],
  };
  for (const r of reports) {
    const name = NAMES[r.kind][zh ? 0 : 1];
    out.push(r.ok ? (zh ? `✔ ${name}：通过` : `✔ ${name}: verified`) : zh ? `✘ ${name}：未通过` : `✘ ${name}: FAILED`);
    for (const f of r.findings) out.push(`  ${f.ok ? '✔' : '✘'} [${f.check}] ${f.text[lang]}`);
    if (r.established.length) {
      out.push(zh ? '  已证明：' : '  Established:');
      for (const e of r.established) out.push(`    • ${e[lang]}`);
    }
    if (r.not_established.length) {
      out.push(zh ? '  未能证明：' : '  Not established:');
      for (const e of r.not_established) out.push(`    – ${e[lang]}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** What a parser found wrong with an input, in both languages (`String(p)` is the English). */
export class Problem {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {}
  toString(): string {
    return this.en;
  }
}
export const P = (zh: string, en: string) => new Problem(zh, en);
export const isProblem = (x: unknown): x is Problem => x instanceof Problem;
