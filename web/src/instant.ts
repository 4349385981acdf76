// Instants (SPEC §1 "Instants, exactly"): RFC 3339 read, the canonical value hashed and compared.

/** Days from 1970-01-01 to a proleptic Gregorian date (no Date object: Date.UTC maps years 0–99 to 1900–1999). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

const INSTANT_RE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?(Z|[+-][0-9]{2}:[0-9]{2})$/;
const MIN_INSTANT = daysFromCivil(1, 1, 1) * 86400;
const MAX_INSTANT = daysFromCivil(9999, 12, 31) * 86400 + 86399;

/**
 * The canonical value of a stored instant (SPEC §1 "Instants, exactly"), as whole seconds since the epoch, or null
 * when it is not an instant. RFC 3339: `T`, an optional fraction of 1–9 digits, then `Z` or a `±HH:MM` offset; the
 * result is UTC with the fraction dropped (truncated toward the past: the fraction is never negative). No leap second
 * (`:60`), no year outside 0001–9999 (before or after the offset is applied).
 */
export function parseInstant(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const m = INSTANT_RE.exec(s);
  if (!m) return null;
  const [y, mo, d, hh, mi, ss] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || hh > 23 || mi > 59 || ss > 59) return null;
  let off = 0;
  if (m[8] !== 'Z') {
    const oh = +m[8].slice(1, 3);
    const om = +m[8].slice(4, 6);
    if (oh > 23 || om > 59) return null;
    off = (m[8][0] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const t = daysFromCivil(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss - off;
  if (t < MIN_INSTANT || t > MAX_INSTANT) return null;
  return t;
}

/** The canonical form `YYYY-MM-DDTHH:MM:SSZ` of a stored instant, or null when it is not one (SPEC §1). */
export function canonicalInstant(s: unknown): string | null {
  const t = parseInstant(s);
  return t === null ? null : formatInstant(t);
}

export function formatInstant(sec: number): string {
  return new Date(sec * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/** The China date (UTC+8) of an instant. */
export function chinaDate(sec: number): string {
  return new Date((sec + 8 * 3600) * 1000).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD HH:MM:SS" in Beijing time. */
export function beijingTime(sec: number): string {
  return new Date((sec + 8 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

