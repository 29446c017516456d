/**
 * Compares strings by code point, the order of their UTF-8 bytes (JavaScript's `<` compares
 * UTF-16 code units, which puts U+E000–U+FFFF before the astral planes).
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Only a surrogate against U+E000–U+FFFF orders differently: lift surrogates above them.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x < 0xe000 ? x + 0x2000 : x - 0x800;
      y = y < 0xe000 ? y + 0x2000 : y - 0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

const NEEDS_CODE_POINT_ORDER = /[\ud800-\uffff]/;

/** Sorts `terms` in place by code point (the default sort when no term holds a unit ≥ U+D800). */
export function sortByCodePoint(terms: string[]): string[] {
  if (terms.some((term) => NEEDS_CODE_POINT_ORDER.test(term))) return terms.sort(compareCodePoints);
  return terms.sort();
}

const LONE_SURROGATE = /\p{Cs}/u;

/** Whether `text` has a UTF-8 form: no lone surrogate (String.prototype.isWellFormed, ES2024). */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}
