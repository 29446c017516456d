import { SCORE_RESOLUTION } from "../index-config";
import { POSTINGS_KERNEL_WASM } from "./postings-kernel-wasm";
import { CODE_RANGE, codeSlot } from "./segment-format";

/**
 * The WebAssembly passes of a search's hottest loops (postings-kernel.wat: why), with the
 * per-item columns they write living in its memory. A search's columns are a kernel's
 * (match-terms.ts); accumulate-list.ts, match-terms.ts, rank-hits.ts and facet-rows.ts run a
 * pass through the kernel whose memory holds its columns ({@link kernelOf},
 * {@link kernelOfColumns}, {@link kernelOfOrdinals}), and their JavaScript loops otherwise.
 * Either way the columns end bit for bit the same (postings-kernel.test.ts).
 */

/** Entries of the gain and damage tables: codes past CODE_RANGE read entry 511 (gain 0, damage). */
const TABLE_ENTRIES = 512;
const GAINS = 0;
const DAMAGE = GAINS + TABLE_ENTRIES * Float64Array.BYTES_PER_ELEMENT;
const POSITIONS = DAMAGE + TABLE_ENTRIES * Int32Array.BYTES_PER_ELEMENT;
const COLUMNS = POSITIONS + TABLE_ENTRIES * Uint16Array.BYTES_PER_ELEMENT;
const PAGE_BYTES = 65_536;
/** A 32-bit WebAssembly memory's most pages (4 GB). */
const MAX_PAGES = 65_536;
/** Bytes after a copied list, each 0x80: a read past its end takes the varint path, which stops at the end. */
const PADDING = 2;

/** Bytes of a kernel's memory per item (see the PostingsKernel constructor's layout). */
const BYTES_PER_ITEM = 29.25;

/** The most items whose columns one kernel's memory holds, with a few bytes of rounding. */
export function maxKernelItems(): number {
  return Math.floor((MAX_PAGES * PAGE_BYTES - COLUMNS - PADDING - 16) / BYTES_PER_ITEM);
}

interface KernelExports {
  strengthPass(at: number, end: number, count: number, gains: number, damage: number, strength: number, size: number): number;
  listPass(mode: number, at: number, end: number, count: number, gains: number, damage: number, step: number, matched: number, strength: number, candidates: number, found: number, size: number): number;
  collectFirstMatches(candidates: number, strength: number, score: number, size: number, idf: number, k1: number, k1Plus1: number): number;
  collectStrengthened(candidates: number, strength: number, size: number): number;
  keepStrengthened(candidates: number, found: number, strength: number, score: number, idf: number, k1: number, k1Plus1: number, isSparse: number, isFirst: number): number;
  scoreFirstMatches(candidates: number, found: number, strength: number, score: number, idf: number, k1: number, k1Plus1: number): void;
  scoreTwoTerms(candidates: number, found: number, first: number, second: number, idf: number, idfSecond: number, k1: number, k1Plus1: number): number;
  readMatched(candidates: number, matched: number, size: number): number;
  pairPass(at: number, end: number, count: number, table: number, damage: number, positions: number, size: number): number;
  rangePass(at: number, end: number, previous: number, base: number, span: number, gains: number, damage: number, strength: number): number;
  scoreRangeHits(bits: number, firstWord: number, words: number, base: number, end: number, strength: number, score: number, idf: number, k1: number, k1Plus1: number, isFirst: number): void;
  orBits(dst: number, src: number, words: number): void;
  andBits(dst: number, src: number, words: number): void;
  collectBits(bits: number, words: number, out: number): number;
  collectHolding(candidates: number, positions: number, size: number): number;
  keepHolding(candidates: number, found: number, positions: number, kept: number): number;
  keepByScore(ordinals: number, length: number, score: number, floor: number, kept: number): number;
  tallyIds(hits: number, length: number, size: number, ids: number, wide: number, places: number, placeCount: number, decisions: number, decisionCount: number): void;
  tallyComplement(hits: number, length: number, size: number, ids: number, wide: number, places: number, placeCount: number, decisions: number, decisionCount: number): number;
  filterIds(
    hits: number,
    length: number,
    size: number,
    ids: number,
    wide: number,
    placeMisses: number,
    placeCount: number,
    decisionMisses: number,
    decisionCount: number,
    places: number,
    decisions: number,
    placesMissing: number,
    decisionsMissing: number,
    kept: number,
  ): number;
  lastOrdinal: WebAssembly.Global;
  damage: WebAssembly.Global;
  found: WebAssembly.Global;
  maxScore: WebAssembly.Global;
  maxBits: WebAssembly.Global;
}

/** What a column pass that ends a term returns: a count, and the highest score among the items it kept. */
export interface ColumnPassEnd {
  count: number;
  maxScore: number;
}

/** The passes of {@link PostingsKernel.listPass} (postings-kernel.wat). */
export const KernelPass = { mark: 0, sparse: 1, first: 2 } as const;
export type KernelPass = (typeof KernelPass)[keyof typeof KernelPass];

/** How a pass ended: where (in the list's own bytes), its damage flags and its last ordinal, as accumulate-list.ts's loops report them. */
export interface KernelPassEnd {
  end: number;
  damage: number;
  lastOrdinal: number;
}

let compiled: WebAssembly.Module | null = null;

function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Buffer.from(POSTINGS_KERNEL_WASM, "base64"));
  return compiled;
}

/**
 * One instance of the kernel with its memory: the per-item columns of a search over `size`
 * items (two float columns, a matched column, room for every item as a candidate), a copy of
 * the facet rows' ids, two columns of word pair positions (a phrase's: phrase-match.ts), and a
 * scratch area (one list; then the shortlist or the facet counts).
 */
export class PostingsKernel {
  /** The two float columns (a search's strength and score), views of the kernel's memory. */
  readonly columns: readonly [Float32Array, Float32Array];
  /** How many terms each item matched (match-terms.ts), a view of the kernel's memory. */
  readonly matched: Uint8Array;
  /** Candidate ordinals: one per item and a spare (firstPass writes one past the last new candidate). */
  readonly candidates: Uint32Array;
  /** Two columns of the first positions of a phrase's word pairs by item (phrase-match.ts PhrasePairs), views of the kernel's memory. */
  readonly pairColumns: readonly [Uint16Array, Uint16Array];
  /** Two bit columns, a bit per item (ranked-search.ts's hits), views of the kernel's memory. */
  readonly bitColumns: readonly [Uint32Array, Uint32Array];
  private readonly exports: KernelExports;
  private readonly bytes: Uint8Array;
  private readonly gains: Float64Array;
  private readonly positionTable: Uint16Array;
  /** The position table last copied in (by identity). */
  private positionsByCode: Uint16Array | null = null;
  private readonly scratch: number;
  private readonly scratchBytes: number;
  private readonly idsAt: number;
  private readonly memory: ArrayBuffer;
  /** The facet ids copied in (by identity), or null. */
  private ids: Uint16Array | Uint32Array | null = null;

  constructor(readonly size: number) {
    const columnBytes = size * Float32Array.BYTES_PER_ELEMENT;
    const matchedAt = COLUMNS + 2 * columnBytes;
    const candidatesAt = matchedAt + Math.ceil(size / 8) * 8;
    // The facet rows' ids (facet-rows.ts): two per item, up to 32 bits each.
    this.idsAt = candidatesAt + (size + 1) * Uint32Array.BYTES_PER_ELEMENT;
    const pairsAt = this.idsAt + 2 * size * Uint32Array.BYTES_PER_ELEMENT;
    const pairBytes = Math.ceil(size / 2) * 2 * Uint16Array.BYTES_PER_ELEMENT;
    const bitsAt = pairsAt + 2 * pairBytes;
    const bitWords = Math.ceil(size / 32);
    this.scratch = bitsAt + 2 * bitWords * Uint32Array.BYTES_PER_ELEMENT;
    // Room for a list of `size` postings of up to four bytes each (a list of every item with
    // long gaps or codes is longer, and is left to the JavaScript loop).
    this.scratchBytes = 4 * Math.max(size, 4_096);
    const pages = Math.ceil((this.scratch + this.scratchBytes + PADDING) / PAGE_BYTES);
    // 32-bit WebAssembly addresses 4 GB: about 146 million items at 29¼ bytes each.
    if (pages > MAX_PAGES) throw new RangeError(`The postings kernel holds the columns of at most ${maxKernelItems()} items, not ${size}`);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const instance = new WebAssembly.Instance(kernelModule(), { kernel: { memory } });
    this.exports = instance.exports as unknown as KernelExports;
    const buffer = memory.buffer;
    this.memory = buffer;
    this.bytes = new Uint8Array(buffer);
    this.gains = new Float64Array(buffer, GAINS, TABLE_ENTRIES);
    const damage = new Int32Array(buffer, DAMAGE, TABLE_ENTRIES);
    for (let code = 0; code < TABLE_ENTRIES; code++) damage[code] = code < CODE_RANGE && codeSlot(code) < SCORE_RESOLUTION ? 0 : -1;
    this.columns = [new Float32Array(buffer, COLUMNS, size), new Float32Array(buffer, COLUMNS + columnBytes, size)];
    this.matched = new Uint8Array(buffer, matchedAt, size);
    this.candidates = new Uint32Array(buffer, candidatesAt, size + 1);
    this.positionTable = new Uint16Array(buffer, POSITIONS, TABLE_ENTRIES);
    this.pairColumns = [new Uint16Array(buffer, pairsAt, size), new Uint16Array(buffer, pairsAt + pairBytes, size)];
    this.bitColumns = [new Uint32Array(buffer, bitsAt, bitWords), new Uint32Array(buffer, bitsAt + bitWords * Uint32Array.BYTES_PER_ELEMENT, bitWords)];
    kernels.set(buffer, this);
  }

  /** True when a list of `length` bytes fits the scratch area. */
  fits(length: number): boolean {
    return length <= this.scratchBytes;
  }

  /**
   * Adds `gains[code]` to `strength[ordinal]` for the `count` postings in `bytes` [at, end)
   * (a column of this kernel; the list must {@link fits}), as accumulate-list.ts's strengthPass
   * does; returns how the pass ended, its end in `bytes`' own positions.
   */
  strengthPass(bytes: Uint8Array, at: number, end: number, count: number, gains: Float64Array, strength: Float32Array): KernelPassEnd {
    const start = this.load(bytes, at, end, gains);
    const stopped = this.exports.strengthPass(start, start + end - at, count, GAINS, DAMAGE, strength.byteOffset, strength.length);
    return this.passEnd(at, start, stopped);
  }

  /**
   * accumulate-list.ts's markPass, sparsePass (at `step`) or firstPass (appending new candidates
   * at `found`) over the `count` postings in `bytes` [at, end), on this kernel's matched column,
   * candidates and the strength column given (one of {@link columns}); the list must
   * {@link fits}. Returns how the pass ended and (firstPass) how many candidates there are.
   */
  listPass(pass: KernelPass, bytes: Uint8Array, at: number, end: number, count: number, gains: Float64Array, step: number, strength: Float32Array, found: number): KernelPassEnd & { found: number } {
    const start = this.load(bytes, at, end, gains);
    const stopped = this.exports.listPass(pass, start, start + end - at, count, GAINS, DAMAGE, step, this.matched.byteOffset, strength.byteOffset, this.candidates.byteOffset, found, this.size);
    return { ...this.passEnd(at, start, stopped), found: this.exports.found.value as number };
  }

  /**
   * ranked-search.ts's addTableRange: adds the postings in `bytes` [at, end), one range of a list
   * counted from ordinal `previous`, to `strength` (a float column in this kernel's memory,
   * {@link holdsFloats}) at ordinal − `base`, each ordinal within [base, base + span) and above
   * the one before; false at the first damaged posting (the pass stops there).
   */
  rangePass(bytes: Uint8Array, at: number, end: number, previous: number, base: number, span: number, gains: Float64Array, strength: Float32Array): boolean {
    const start = this.load(bytes, at, end, gains);
    return this.exports.rangePass(start, start + end - at, previous, base, Math.min(span, strength.length), GAINS, DAMAGE, strength.byteOffset) === 1;
  }

  /**
   * ranked-search.ts's scoring of one range's hits for one term: for each hit of `bits` (a bit
   * per ordinal, all of the index's) in [base, end), `score[ordinal]` becomes idf ×
   * saturate(`strength[ordinal − base]`) as float32, added to what it held unless `isFirst`.
   * `strength` and `score` lie in this kernel's memory ({@link holdsFloats}).
   */
  scoreRangeHits(bits: Uint32Array, base: number, end: number, strength: Float32Array, score: Float32Array, idf: number, k1: number, isFirst: boolean): void {
    const firstWord = base >>> 5;
    const words = Math.max(0, Math.min(bits.length, Math.ceil(end / 32)) - firstWord);
    const at = this.placed(bits.subarray(firstWord, firstWord + words), words);
    this.exports.scoreRangeHits(at, firstWord, words, base, end, strength.byteOffset, score.byteOffset, idf, k1, k1 + 1, isFirst ? 1 : 0);
  }

  /** `target` (one of {@link bitColumns}) |= `source` (any bit column of as many words or more), word by word. */
  orBits(target: Uint32Array, source: Uint32Array): void {
    const words = Math.min(target.length, source.length);
    this.exports.orBits(target.byteOffset, this.placed(source, words), words);
  }

  /** `target` &= `source`, both {@link bitColumns}, word by word. */
  andBits(target: Uint32Array, source: Uint32Array): void {
    this.exports.andBits(target.byteOffset, this.placed(source, target.length), Math.min(target.length, source.length));
  }

  /** Writes the ordinal of every set bit of `bits` (one of {@link bitColumns}) to `out` (of this kernel's memory, room for all), ascending; returns how many. */
  collectBits(bits: Uint32Array, out: Uint32Array): number {
    if (out.buffer !== this.memory || out.length < bits.length * 32 - 31) throw new RangeError("collectBits needs room for every item in the kernel's memory");
    return this.exports.collectBits(bits.byteOffset, bits.length, out.byteOffset);
  }

  /**
   * Where `words` words of `bits` lie in this kernel's memory: where they are, or copied to the
   * scratch area (room for a bit column of every item, 4 bytes an item).
   */
  private placed(bits: Uint32Array, words: number): number {
    if (bits.buffer === this.memory) return bits.byteOffset;
    new Uint32Array(this.memory, this.scratch, words).set(bits.subarray(0, words));
    return this.scratch;
  }

  /** True when `column` lies in this kernel's memory, outside its scratch area (a pass may write it). */
  holdsFloats(column: Float32Array): boolean {
    return column.buffer === this.memory && column.byteOffset + column.byteLength <= this.scratch;
  }

  /** True when `column` is one of this kernel's two float columns. */
  holds(column: Float32Array): boolean {
    return column === this.columns[0] || column === this.columns[1];
  }

  // The passes that end a term (match-terms.ts has their JavaScript twins and says what each
  // does), on this kernel's candidates and matched column and the two float columns given (each
  // one of `columns`), scores as term-score.ts computes them with BM25's `k1`.

  collectFirstMatches(strength: Float32Array, score: Float32Array, idf: number, k1: number): ColumnPassEnd {
    const count = this.exports.collectFirstMatches(this.candidates.byteOffset, strength.byteOffset, score.byteOffset, this.size, idf, k1, k1 + 1);
    return { count, maxScore: this.exports.maxScore.value as number };
  }

  /** Returns the count, and the highest strength. */
  collectStrengthened(strength: Float32Array): { count: number; maxStrength: number } {
    const count = this.exports.collectStrengthened(this.candidates.byteOffset, strength.byteOffset, this.size);
    // The pass takes the highest strength over its bits (a non-negative float32 orders as its bits do).
    bitsOfFloat[0] = this.exports.maxBits.value as number;
    return { count, maxStrength: floatOfBits[0] ?? 0 };
  }

  keepStrengthened(found: number, strength: Float32Array, score: Float32Array, idf: number, k1: number, isSparse: boolean, isFirst: boolean): ColumnPassEnd {
    const count = this.exports.keepStrengthened(this.candidates.byteOffset, found, strength.byteOffset, score.byteOffset, idf, k1, k1 + 1, isSparse ? 1 : 0, isFirst ? 1 : 0);
    return { count, maxScore: this.exports.maxScore.value as number };
  }

  scoreFirstMatches(found: number, strength: Float32Array, score: Float32Array, idf: number, k1: number): number {
    this.exports.scoreFirstMatches(this.candidates.byteOffset, found, strength.byteOffset, score.byteOffset, idf, k1, k1 + 1);
    return this.exports.maxScore.value as number;
  }

  /**
   * Ends a search's first two terms, both dense, in one pass over the first `found` candidates:
   * `first` and `second` (this kernel's two float columns) hold their strengths; the candidates
   * with both are kept, and `second` holds their scores, as keepStrengthened for the first term
   * and then for the second give them. The strengths of `first` are left for the caller to zero.
   */
  scoreTwoTerms(found: number, first: Float32Array, second: Float32Array, idf: number, idfSecond: number, k1: number): ColumnPassEnd {
    const count = this.exports.scoreTwoTerms(this.candidates.byteOffset, found, first.byteOffset, second.byteOffset, idf, idfSecond, k1, k1 + 1);
    return { count, maxScore: this.exports.maxScore.value as number };
  }

  readMatched(): number {
    return this.exports.readMatched(this.candidates.byteOffset, this.matched.byteOffset, this.size);
  }

  /**
   * accumulate-list.ts's pairPass over the `count` postings in `bytes` [at, end) (the list must
   * {@link fits}): lowers `positions[ordinal]` (one of {@link pairColumns}) to
   * `positionByCode[code]` (codes past it read its last entry); returns how the pass ended.
   */
  pairPass(bytes: Uint8Array, at: number, end: number, count: number, positionByCode: Uint16Array, positions: Uint16Array): KernelPassEnd {
    const start = this.load(bytes, at, end, null);
    if (this.positionsByCode !== positionByCode) {
      // Codes past the table given read its last entry, as codes past the gain table read entry 511.
      this.positionTable.fill(positionByCode[positionByCode.length - 1] ?? 0);
      this.positionTable.set(positionByCode.subarray(0, TABLE_ENTRIES));
      this.positionsByCode = positionByCode;
    }
    const stopped = this.exports.pairPass(start, start + end - at, count, POSITIONS, DAMAGE, positions.byteOffset, positions.length);
    return this.passEnd(at, start, stopped);
  }

  /** True when `positions` is one of {@link pairColumns}. */
  holdsPositions(positions: Uint16Array): boolean {
    return positions === this.pairColumns[0] || positions === this.pairColumns[1];
  }

  /** Writes the ordinals whose entry in `positions` (one of {@link pairColumns}) is not 0xffff to the candidates, in order; returns how many. */
  collectHolding(positions: Uint16Array): number {
    return this.exports.collectHolding(this.candidates.byteOffset, positions.byteOffset, positions.length);
  }

  /**
   * Keeps the `ordinals` (a view of this kernel's memory) whose entry in `positions` (one of
   * {@link pairColumns}) is not 0xffff, in order, written from `kept` on (a view of this
   * kernel's memory starting at or before `ordinals`, or elsewhere); returns how many.
   */
  keepHolding(ordinals: Uint32Array, positions: Uint16Array, kept: Uint32Array): number {
    return this.exports.keepHolding(ordinals.byteOffset, ordinals.length, positions.byteOffset, kept.byteOffset);
  }

  /**
   * The hits among `ordinals` (a view of this kernel's memory, such as its candidates) whose
   * value in `score` (one of `columns`) is at least `floor` (a float32 or Infinity), in order:
   * rank-hits.ts keepByScore. Returns a view of the scratch area, valid until the next pass.
   */
  keepByScore(ordinals: Uint32Array, score: Float32Array, floor: number): Uint32Array {
    const count = this.exports.keepByScore(ordinals.byteOffset, ordinals.length, score.byteOffset, floor, this.scratch);
    return new Uint32Array(this.memory, this.scratch, count);
  }

  /** True when {@link tally} can count `size` items' facet `ids` into `counts` counts in all. */
  canTally(ids: Uint16Array | Uint32Array, size: number, counts: number): boolean {
    return size <= this.size && ids.length >= 2 * size && counts * Uint32Array.BYTES_PER_ELEMENT <= this.scratchBytes;
  }

  /**
   * facet-rows.ts's tallies over `hits` (see {@link holdsOrdinals}; the ids and counts must
   * {@link canTally}): counts each hit's place and decision ids (`ids`: a pair per item of the
   * first `size`) in `places` and `decisions`, or with `complement` every other item's, which
   * needs the hits strictly ascending: false (and nothing counted) when they are not.
   */
  tally(ids: Uint16Array | Uint32Array, size: number, hits: Uint32Array, places: Uint32Array, decisions: Uint32Array, complement: boolean): boolean {
    const countBytes = (places.length + decisions.length) * Uint32Array.BYTES_PER_ELEMENT;
    const wide = this.loadIds(ids);
    const placesAt = this.scratch;
    const decisionsAt = placesAt + places.length * Uint32Array.BYTES_PER_ELEMENT;
    this.bytes.fill(0, placesAt, placesAt + countBytes);
    const args = [this.idsAt, wide, placesAt, places.length, decisionsAt, decisions.length] as const;
    if (complement) {
      if (this.exports.tallyComplement(hits.byteOffset, hits.length, size, ...args) === 0) return false;
    } else {
      this.exports.tallyIds(hits.byteOffset, hits.length, ids.length / 2, ...args);
    }
    places.set(new Uint32Array(this.memory, placesAt, places.length));
    decisions.set(new Uint32Array(this.memory, decisionsAt, decisions.length));
    return true;
  }

  /**
   * True when {@link filter} can filter `hits` (of this kernel's memory: {@link holdsOrdinals})
   * by facet `ids` (a pair per item) into `places` and `decisions` counts: the ids fit, and the
   * scratch area holds four count tables and two miss tables (the kept hits are written in place).
   */
  canFilter(ids: Uint16Array | Uint32Array, hits: Uint32Array, places: number, decisions: number): boolean {
    // Each table with a spare entry (postings-kernel.wat filterIds).
    const bytes = (places + decisions + 2) * (4 * Uint32Array.BYTES_PER_ELEMENT + 1);
    return ids.length % 2 === 0 && this.canTally(ids, ids.length / 2, places + decisions) && this.holdsOrdinals(hits) && bytes <= this.scratchBytes;
  }

  /**
   * facet-rows.ts's filterRows over `hits` (see {@link canFilter}; an ordinal past the `ids`
   * has ids 0): the hits whose place and decision ids miss nothing (`placeMisses` / `decisionMisses`: per id, a bit per dimension its
   * combination fails), counted in `places` and `decisions`; those missing one dimension counted
   * in `placesMissing` or `decisionsMissing`. Returns the kept hits, in order, at the start of
   * `hits` (overwritten: a million hits need no copy, nor room in the scratch area).
   */
  filter(
    ids: Uint16Array | Uint32Array,
    hits: Uint32Array,
    placeMisses: Uint8Array,
    decisionMisses: Uint8Array,
    counts: { places: Uint32Array; decisions: Uint32Array; placesMissing: Uint32Array; decisionsMissing: Uint32Array },
  ): Uint32Array {
    const wide = this.loadIds(ids);
    const { places, decisions, placesMissing, decisionsMissing } = counts;
    // Every table has a spare entry for an id past it (postings-kernel.wat filterIds).
    const placeCount = Math.min(places.length, placeMisses.length);
    const decisionCount = Math.min(decisions.length, decisionMisses.length);
    const word = Uint32Array.BYTES_PER_ELEMENT;
    const placesAt = this.scratch;
    const decisionsAt = placesAt + (placeCount + 1) * word;
    const placesMissingAt = decisionsAt + (decisionCount + 1) * word;
    const decisionsMissingAt = placesMissingAt + (placeCount + 1) * word;
    const placeMissesAt = decisionsMissingAt + (decisionCount + 1) * word;
    const decisionMissesAt = placeMissesAt + placeCount + 1;
    this.bytes.fill(0, placesAt, decisionMissesAt + decisionCount + 1);
    this.bytes.set(placeMisses.subarray(0, placeCount), placeMissesAt);
    this.bytes.set(decisionMisses.subarray(0, decisionCount), decisionMissesAt);
    const kept = this.exports.filterIds(
      hits.byteOffset,
      hits.length,
      ids.length / 2,
      this.idsAt,
      wide,
      placeMissesAt,
      placeCount,
      decisionMissesAt,
      decisionCount,
      placesAt,
      decisionsAt,
      placesMissingAt,
      decisionsMissingAt,
      // In place: the pass reads each hit before it writes one at or before it.
      hits.byteOffset,
    );
    places.set(new Uint32Array(this.memory, placesAt, placeCount));
    decisions.set(new Uint32Array(this.memory, decisionsAt, decisionCount));
    placesMissing.set(new Uint32Array(this.memory, placesMissingAt, placeCount));
    decisionsMissing.set(new Uint32Array(this.memory, decisionsMissingAt, decisionCount));
    return hits.subarray(0, kept);
  }

  /** Copies `ids` in unless they are the ones copied last; returns 1 for 32-bit ids, 0 for 16-bit ones. */
  private loadIds(ids: Uint16Array | Uint32Array): number {
    if (this.ids !== ids) {
      if (ids instanceof Uint16Array) new Uint16Array(this.memory, this.idsAt, ids.length).set(ids);
      else new Uint32Array(this.memory, this.idsAt, ids.length).set(ids);
      this.ids = ids;
    }
    return ids instanceof Uint16Array ? 0 : 1;
  }

  /** True when `ordinals` lies in this kernel's memory and the scratch area can hold as many. */
  holdsOrdinals(ordinals: Uint32Array): boolean {
    return ordinals.buffer === this.memory && ordinals.length * Uint32Array.BYTES_PER_ELEMENT <= this.scratchBytes && ordinals.byteOffset + ordinals.byteLength <= this.idsAt;
  }

  /**
   * Room for a list of `length` bytes at the start of the scratch area, for a segment to read a
   * long list into (Segment.encodedList) so that a pass need not copy it: null when it does
   * not fit. The room is this kernel's until its next pass or read.
   */
  readonly listTarget = (length: number): Uint8Array | null => (length <= this.scratchBytes ? new Uint8Array(this.memory, this.scratch, length) : null);

  /**
   * Puts a list's postings [at, end) of `bytes` at the scratch area (unless `bytes` lies there
   * already: {@link listTarget}), two bytes of 0x80 after them, and the gain table in place;
   * returns where the postings start in memory.
   */
  private load(bytes: Uint8Array, at: number, end: number, gains: Float64Array | null): number {
    let start = this.scratch;
    if (bytes.buffer === this.memory && bytes.byteOffset === this.scratch) start = this.scratch + at;
    else this.bytes.set(bytes.subarray(at, end), start);
    this.bytes.fill(0x80, start + end - at, start + end - at + PADDING);
    if (gains !== null) this.gains.set(gains.subarray(0, Math.min(gains.length, CODE_RANGE)));
    return start;
  }

  private passEnd(at: number, start: number, stopped: number): KernelPassEnd {
    return { end: at + (stopped - start), damage: this.exports.damage.value as number, lastOrdinal: this.exports.lastOrdinal.value as number };
  }
}

const kernels = new WeakMap<ArrayBufferLike, PostingsKernel>();

const bitsOfFloat = new Int32Array(1);
const floatOfBits = new Float32Array(bitsOfFloat.buffer);

/** The kernel whose memory `array` lies in, if any. */
export function kernelOfMemory(array: Uint32Array): PostingsKernel | undefined {
  return kernels.get(array.buffer);
}

/** The kernel whose memory holds `column`, if any. */
export function kernelOf(column: Float32Array): PostingsKernel | undefined {
  return kernels.get(column.buffer);
}

/** The kernel one of whose pair columns `positions` is, if any. */
export function kernelOfPositions(positions: Uint16Array): PostingsKernel | undefined {
  const kernel = kernels.get(positions.buffer);
  return kernel !== undefined && kernel.holdsPositions(positions) ? kernel : undefined;
}

/** The kernel whose memory holds `ordinals` as {@link PostingsKernel.holdsOrdinals} says, if any. */
export function kernelOfOrdinals(ordinals: Uint32Array): PostingsKernel | undefined {
  const kernel = kernels.get(ordinals.buffer);
  return kernel !== undefined && kernel.holdsOrdinals(ordinals) ? kernel : undefined;
}

/**
 * The kernel whose memory holds `strength` when it also holds the search's other columns as
 * its own views (`candidates` with room for `room` entries), so its passes can run on them.
 */
export function kernelOfColumns(strength: Float32Array, matched: Uint8Array, candidates: Uint32Array | null, room: number): PostingsKernel | undefined {
  const kernel = kernels.get(strength.buffer);
  if (kernel === undefined || matched !== kernel.matched) return undefined;
  if (candidates !== null && (candidates !== kernel.candidates || candidates.length < room)) return undefined;
  return kernel;
}
