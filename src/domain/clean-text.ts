/**
 * Characters that some store or platform refuses, removed where text enters Koe so both databases keep the same text
 * and nothing acknowledged becomes unprocessable: U+0000 (PostgreSQL `text` cannot hold it; SQLite can, so without
 * this the two dialects would disagree) and lone UTF-16 surrogates (not encodable as UTF-8; they become U+FFFD).
 */
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;

export function cleanText(s: string): string {
  const noNul = s.includes('\u0000') ? s.replace(NUL, '') : s;
  return noNul.isWellFormed() ? noNul : noNul.toWellFormed();
}

/** cleanText on every string inside plain JSON-like data (object keys too); other values are returned as they are. */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanDeep) as T;
  if (value && typeof value === 'object' && isPlainRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[cleanText(k)] = cleanDeep(v);
    return out as T;
  }
  return value;
}

/** Object literals and null-prototype records (routers and query parsers build those from an empty prototype object). */
function isPlainRecord(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}
