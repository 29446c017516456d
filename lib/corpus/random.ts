/** A seeded source of randomness with the few draws the corpus generator needs. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** Uniform pick from a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /**
   * Zipf-like pick: the element at rank r (0-based) is drawn with weight 1/(r+1)^s, so the head of
   * the list dominates the way a few words dominate real minutes.
   */
  zipf<T>(list: readonly T[], s?: number): T;
  /** `count` distinct elements in random order (all of them when the list is shorter). */
  sample<T>(list: readonly T[], count: number): T[];
}

/** mulberry32: a tiny 32-bit PRNG returning floats in [0, 1); deterministic across platforms. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes several integers into one 32-bit seed (FNV-1a over their bytes), e.g. (corpus seed, meeting index). */
export function mixSeed(...parts: number[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    let value = part >>> 0;
    for (let byte = 0; byte < 4; byte += 1) {
      hash ^= value & 0xff;
      hash = Math.imul(hash, 0x01000193) >>> 0;
      value >>>= 8;
    }
  }
  return hash >>> 0;
}

const zipfTables = new Map<string, Float64Array>();

function cumulativeZipf(length: number, s: number): Float64Array {
  const key = `${length}:${s}`;
  const cached = zipfTables.get(key);
  if (cached) return cached;
  const table = new Float64Array(length);
  let total = 0;
  for (let rank = 0; rank < length; rank += 1) {
    total += 1 / Math.pow(rank + 1, s);
    table[rank] = total;
  }
  for (let rank = 0; rank < length; rank += 1) table[rank] = (table[rank] ?? 0) / total;
  zipfTables.set(key, table);
  return table;
}

/** Creates a Random from a 32-bit seed; the same seed always yields the same sequence. */
export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const at = <T>(list: readonly T[], index: number): T => {
    const value = list[Math.min(index, list.length - 1)];
    if (value === undefined) throw new Error("Cannot pick from an empty list");
    return value;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => at(list, Math.floor(next() * list.length)),
    zipf(list, s = 1) {
      const table = cumulativeZipf(list.length, s);
      const u = next();
      let low = 0;
      let high = list.length - 1;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((table[mid] ?? 1) < u) low = mid + 1;
        else high = mid;
      }
      return at(list, low);
    },
    sample(list, count) {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j] as (typeof copy)[number], copy[i] as (typeof copy)[number]];
      }
      return copy.slice(0, count);
    },
  };
}
