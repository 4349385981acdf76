// Bilingual texts: every message the verifier produces carries Chinese (the default) and English.
export interface T {
  zh: string;
  en: string;
}
export type Lang = 'zh' | 'en';

export const t = (zh: string, en: string): T => ({ zh, en });

/** Shorten a long value for a sentence (a hash stays whole: people compare them). */
export function short(v: unknown, max = 200): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
  if (s === undefined) return 'undefined';
  return s.length > max ? s.slice(0, max) + '…' : s;
}
