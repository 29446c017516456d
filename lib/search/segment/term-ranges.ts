import { createHash } from "node:crypto";
import path from "node:path";
import { readFile } from "node:fs/promises";
import { CorruptIndexFileError } from "../section-store";
import { readArray, writeArray, writeFresh } from "../typed-array-file";
import { CODE_RANGE, MAX_FIELDS } from "./segment-format";
import type { Segment } from "./segment";
import { VarintReader } from "./varint";
import { roundedUp } from "./float32";
import { WordBounds, type StemFamily } from "./word-bounds";

/**
 * What lets a search rank a common word's hits without reading all of its postings (ranked-search.ts):
 * per frequent term of a segment, with the ordinals cut into ranges of 2^rangeShift items,
 *
 * - a **range table** for each of its field lists: per range, where in the list the range's
 *   first posting starts (a byte offset from the list's start, its count included; one more
 *   entry for the end) and the ordinal before that posting (what its gap counts from);
 * - a **bound** per range: the most any item of the range gains from the term over the given
 *   fields, its postings' gains (by field and posting code, for the word as typed) summed per item
 *   and the highest taken, rounded up to float32. The gains are the caller's; their fingerprint
 *   is stored, and a search whose gains differ must not use the bounds ({@link gainsFingerprint});
 * - a **bitmap** of the items holding it in any of the given fields, for the most frequent terms:
 *   a search of common words counts and facets its hits from them without decoding a list.
 *
 * Stored beside the segment (files `N-ranges.json`, `N-ranged-terms.bin`, `N-range-tables.bin`,
 * `N-range-bounds.bin`, `N-bitmap-terms.bin`, `N-bitmaps.bin`, little-endian raw arrays) and held
 * in memory: at 1M items 31 MB of tables, 6 MB of bounds and 43 MB of bitmaps.
 */

/**
 * Items per range: 2^10 = 1,024. At 1M items the bounds of 29 of 974 such ranges reach the 20th
 * best score of `forvaltningen orienterer udvalget` (of 1,948 ranges of 512: 29; of 487 of 2,048: 28).
 */
export const RANGE_SHIFT = 10;
/** Terms held by at least this many items get range tables: a shorter list is read whole at once. */
export const RANGED_MIN_FREQUENCY = 4096;
/**
 * Terms held by at least one in this many items get a bitmap (at 1M items: 345 terms, 43 MB; one
 * in 8 left `forvaltningen orienterer udvalget` 190,000 items' lists to read and mark, ~1.5 ms).
 */
export const BITMAP_MIN_SHARE = 16;

const FORMAT = "referatportalen-ranges";
const VERSION = 1;

export interface TermRangesOptions {
  rangeShift?: number;
  rangedMinFrequency?: number;
  bitmapMinShare?: number;
  /** The word families to bound (word-bounds.ts) and the fingerprint of their gains; none without. */
  words?: { gains: string; families: Iterable<StemFamily> };
}

/** One field list's range table (see {@link TermRanges}). */
export interface RangeTable {
  /** Per range, where its first posting starts in the list (bytes from the list's start); one more entry: the list's end. */
  offsets: Uint32Array;
  /** Per range, the ordinal its first posting's gap counts from. */
  previous: Uint32Array;
}

/**
 * A fingerprint of gain tables (per field of the segment, by posting code; null for a field not
 * summed): the bounds hold for exactly the gains of the same fingerprint.
 */
export function gainsFingerprint(gains: ReadonlyArray<Float64Array | null>): string {
  const hash = createHash("sha256");
  gains.forEach((table, field) => {
    hash.update(`${field}:${table === null ? "-" : table.length};`);
    if (table !== null) hash.update(new Uint8Array(table.buffer, table.byteOffset, table.byteLength));
  });
  return hash.digest("hex").slice(0, 32);
}

interface RangesHeader {
  format: typeof FORMAT;
  version: number;
  rangeShift: number;
  items: number;
  fieldMask: number;
  gains: string;
  rangedTerms: number;
  bitmapTerms: number;
}

function files(name: string) {
  return {
    header: `${name}-ranges.json`,
    rangedTerms: `${name}-ranged-terms.bin`,
    tables: `${name}-range-tables.bin`,
    bounds: `${name}-range-bounds.bin`,
    bitmapTerms: `${name}-bitmap-terms.bin`,
    bitmaps: `${name}-bitmaps.bin`,
  };
}

/** Uint32 entries of one list's table of `ranges` ranges. */
function tableLength(ranges: number): number {
  return 2 * ranges + 1;
}

function popcount(mask: number): number {
  let count = 0;
  for (let bits = mask; bits !== 0; bits &= bits - 1) count++;
  return count;
}

/** The range tables and bitmaps of one segment (see the module comment). */
export class TermRanges {
  readonly ranges: number;
  readonly words: number;
  private readonly listIndex = new Map<number, number>();
  private readonly termIndex = new Map<number, number>();
  private readonly bitmapIndex = new Map<number, number>();

  private constructor(
    private readonly header: RangesHeader,
    /** The ranged terms' positions, ascending, and each one's field mask (within header.fieldMask). */
    private readonly rangedTerms: Uint32Array,
    rangedMasks: Uint8Array,
    private readonly tables: Uint32Array,
    private readonly bounds: Float32Array,
    private readonly bitmapTerms: Uint32Array,
    private readonly bitmaps: Uint32Array,
    /** The bounds of frequent words' searches (word-bounds.ts). */
    readonly wordBounds: WordBounds,
  ) {
    this.ranges = Math.ceil(header.items / 2 ** header.rangeShift);
    this.words = Math.ceil(header.items / 32);
    let lists = 0;
    for (let i = 0; i < rangedTerms.length; i++) {
      this.termIndex.set(rangedTerms[i] ?? 0, i);
      const mask = rangedMasks[i] ?? 0;
      for (let field = 0; field < MAX_FIELDS; field++) if ((mask & (1 << field)) !== 0) this.listIndex.set((rangedTerms[i] ?? 0) * MAX_FIELDS + field, lists++);
    }
    for (let i = 0; i < bitmapTerms.length; i++) this.bitmapIndex.set(bitmapTerms[i] ?? 0, i);
  }

  /** Ordinals per range, as a shift. */
  get rangeShift(): number {
    return this.header.rangeShift;
  }

  /** The items the tables and bitmaps cover (ordinals below it). */
  get items(): number {
    return this.header.items;
  }

  /** The fields (bit i: the segment's field i) whose lists the tables, bounds and bitmaps were made from. */
  get fieldMask(): number {
    return this.header.fieldMask;
  }

  /** The fingerprint of the gains the bounds were summed with ({@link gainsFingerprint}). */
  get gains(): string {
    return this.header.gains;
  }

  /** No tables, no bitmaps: a segment built before them or with nothing frequent. */
  static empty(): TermRanges {
    return new TermRanges(emptyHeader(RANGE_SHIFT, 0, 0, ""), new Uint32Array(0), new Uint8Array(0), new Uint32Array(0), new Float32Array(0), new Uint32Array(0), new Uint32Array(0), WordBounds.empty(RANGE_SHIFT));
  }

  /**
   * Reads every list of `segment`'s frequent terms in the fields with gains (`gains`: per field,
   * by posting code; null for a field left out) once and makes their tables, bounds and bitmaps;
   * `items` bounds the ordinals (the index size at build).
   */
  static build(segment: Segment, items: number, gains: ReadonlyArray<Float64Array | null>, options: TermRangesOptions = {}): TermRanges {
    const { rangeShift = RANGE_SHIFT, rangedMinFrequency = RANGED_MIN_FREQUENCY, bitmapMinShare = BITMAP_MIN_SHARE } = options;
    if (!Number.isInteger(rangeShift) || rangeShift < 1 || rangeShift > 24) throw new RangeError(`A range shift of 1 to 24, not ${rangeShift}`);
    let fieldMask = 0;
    gains.forEach((table, field) => {
      if (table !== null && field < segment.fields) fieldMask |= 1 << field;
    });
    const header = emptyHeader(rangeShift, items, fieldMask, gainsFingerprint(gains));
    const ranges = Math.ceil(items / 2 ** rangeShift);
    const words = Math.ceil(items / 32);
    const rangedTerms: number[] = [];
    const rangedMasks: number[] = [];
    const bitmapTerms: number[] = [];
    const tableChunks: Uint32Array[] = [];
    const boundChunks: Float32Array[] = [];
    const bitmapChunks: Uint32Array[] = [];
    // Per item, the current term's gains summed over its fields (zeroed again after each term).
    const summed = new Float64Array(items);
    const frequencies = segment.documentFrequencies(0, segment.termCount);
    for (let position = 0; position < segment.termCount; position++) {
      const frequency = frequencies[position] ?? 0;
      const mask = segment.fieldMask(position) & fieldMask;
      const isRanged = frequency >= rangedMinFrequency;
      const hasBitmap = frequency * bitmapMinShare >= items && frequency > 0;
      if (mask === 0 || (!isRanged && !hasBitmap)) continue;
      const bitmap = hasBitmap ? new Uint32Array(words) : null;
      for (let field = 0; field < segment.fields; field++) {
        if ((mask & (1 << field)) === 0) continue;
        const list = segment.encodedList(position, field);
        if (list === null) continue;
        const table = isRanged ? new Uint32Array(tableLength(ranges)) : null;
        scanList(list.bytes, list.start, list.end, list.file, position, items, rangeShift, ranges, table, bitmap, isRanged ? summed : null, gains[field] ?? null);
        if (table !== null) tableChunks.push(table);
      }
      if (isRanged) {
        rangedTerms.push(position);
        rangedMasks.push(mask);
        boundChunks.push(takeBounds(segment, position, mask, summed, rangeShift, ranges));
      }
      if (bitmap !== null) {
        bitmapTerms.push(position);
        bitmapChunks.push(bitmap);
      }
    }
    header.rangedTerms = rangedTerms.length;
    header.bitmapTerms = bitmapTerms.length;
    const bounds = new Float32Array(ranges * boundChunks.length);
    boundChunks.forEach((chunk, i) => bounds.set(chunk, i * ranges));
    const wordBounds = options.words === undefined ? WordBounds.empty(rangeShift) : WordBounds.build(segment, items, rangeShift, options.words.gains, options.words.families);
    return new TermRanges(header, Uint32Array.from(rangedTerms), Uint8Array.from(rangedMasks), concat(tableChunks), bounds, Uint32Array.from(bitmapTerms), concat(bitmapChunks), wordBounds);
  }

  /** The range table of the term at `position` in `field`, or null when it has none. */
  table(position: number, field: number): RangeTable | null {
    const list = this.listIndex.get(position * MAX_FIELDS + field);
    if (list === undefined) return null;
    const { ranges } = this;
    const start = list * tableLength(ranges);
    return { offsets: this.tables.subarray(start, start + ranges + 1), previous: this.tables.subarray(start + ranges + 1, start + tableLength(ranges)) };
  }

  /** Per range, the most any item there gains from the term at `position` (see the module comment), or null when it has no tables. */
  bound(position: number): Float32Array | null {
    const at = this.termIndex.get(position);
    if (at === undefined) return null;
    return this.bounds.subarray(at * this.ranges, (at + 1) * this.ranges);
  }

  /** The bitmap of the items holding the term at `position` (bit o % 32 of word o / 32), or null. */
  bitmap(position: number): Uint32Array | null {
    const at = this.bitmapIndex.get(position);
    if (at === undefined) return null;
    return this.bitmaps.subarray(at * this.words, (at + 1) * this.words);
  }

  /** Bytes held in memory. */
  get byteSize(): number {
    return this.tables.byteLength + this.bounds.byteLength + this.bitmaps.byteLength + this.wordBounds.byteSize;
  }

  /** Writes the files {@link open} reads into `dir`, under names starting with `name`. */
  async writeTo(dir: string, name: string): Promise<void> {
    const names = files(name);
    await writeArray(path.join(dir, names.rangedTerms), this.rangedTerms);
    await writeArray(path.join(dir, names.tables), this.tables);
    await writeArray(path.join(dir, names.bounds), this.bounds);
    await writeArray(path.join(dir, names.bitmapTerms), this.bitmapTerms);
    await writeArray(path.join(dir, names.bitmaps), this.bitmaps);
    await this.wordBounds.writeTo(dir, name);
    await writeFresh(path.join(dir, names.header), `${JSON.stringify(this.header)}\n`);
  }

  /**
   * Opens what {@link writeTo} wrote for `segment` (the field masks come from its dictionary);
   * a missing, truncated or inconsistent file raises CorruptIndexFileError naming it.
   */
  static async open(dir: string, name: string, segment: Segment): Promise<TermRanges> {
    const names = files(name);
    const at = (file: string) => path.join(dir, file);
    const header = await readHeader(at(names.header));
    const ranges = Math.ceil(header.items / 2 ** header.rangeShift);
    const words = Math.ceil(header.items / 32);
    const rangedTerms = new Uint32Array(await readArray(at(names.rangedTerms), 4, header.rangedTerms));
    const rangedMasks = new Uint8Array(rangedTerms.length);
    let lists = 0;
    for (let i = 0; i < rangedTerms.length; i++) {
      const position = rangedTerms[i] ?? 0;
      if (position >= segment.termCount || (i > 0 && position <= (rangedTerms[i - 1] ?? 0))) throw new CorruptIndexFileError(at(names.rangedTerms), `holds a damaged term position (${position}) at ${i}`);
      rangedMasks[i] = segment.fieldMask(position) & header.fieldMask;
      lists += popcount(rangedMasks[i] ?? 0);
    }
    const tables = new Uint32Array(await readArray(at(names.tables), 4, lists * tableLength(ranges)));
    const bounds = new Float32Array(await readArray(at(names.bounds), 4, rangedTerms.length * ranges));
    const bitmapTerms = new Uint32Array(await readArray(at(names.bitmapTerms), 4, header.bitmapTerms));
    for (let i = 0; i < bitmapTerms.length; i++) {
      const position = bitmapTerms[i] ?? 0;
      if (position >= segment.termCount || (i > 0 && position <= (bitmapTerms[i - 1] ?? 0))) throw new CorruptIndexFileError(at(names.bitmapTerms), `holds a damaged term position (${position}) at ${i}`);
    }
    const bitmaps = new Uint32Array(await readArray(at(names.bitmaps), 4, words * header.bitmapTerms));
    const wordBounds = await WordBounds.open(dir, name);
    if (wordBounds.wordCount > 0 && (wordBounds.items !== header.items || wordBounds.ranges !== ranges)) {
      throw new CorruptIndexFileError(at(WordBounds.fileNames(name)[0] ?? name), `holds word bounds of ${wordBounds.items} items, the range tables ${header.items}`);
    }
    return new TermRanges(header, rangedTerms, rangedMasks, tables, bounds, bitmapTerms, bitmaps, wordBounds);
  }

  /** The file names writeTo(dir, name) writes. */
  static fileNames(name: string): string[] {
    return [...Object.values(files(name)), ...WordBounds.fileNames(name)];
  }
}

function emptyHeader(rangeShift: number, items: number, fieldMask: number, gains: string): RangesHeader {
  return { format: FORMAT, version: VERSION, rangeShift, items, fieldMask, gains, rangedTerms: 0, bitmapTerms: 0 };
}

/**
 * Per range, the highest of the items' summed gains (rounded up to float32); zeroes them again,
 * reading the term's lists once more for the items that have one.
 */
function takeBounds(segment: Segment, position: number, mask: number, summed: Float64Array, rangeShift: number, ranges: number): Float32Array {
  const bounds = new Float32Array(ranges);
  for (let field = 0; field < segment.fields; field++) {
    if ((mask & (1 << field)) === 0) continue;
    const postings = segment.postings(position, field);
    if (postings === null) continue;
    for (const ordinal of postings.ordinals) {
      const value = summed[ordinal] ?? 0;
      if (value === 0) continue;
      const range = ordinal >>> rangeShift;
      bounds[range] = Math.max(bounds[range] ?? 0, roundedUp(value));
      summed[ordinal] = 0;
    }
  }
  return bounds;
}

function concat(chunks: readonly Uint32Array[]): Uint32Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const all = new Uint32Array(length);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

/**
 * Walks one stored list (bytes [start, end), segment-format.ts), filling `table` (offsets,
 * previous ordinals; see {@link RangeTable}), adding its postings' gains to the items' `summed` and setting their bits in `bitmap`.
 */
function scanList(
  bytes: Uint8Array,
  start: number,
  end: number,
  file: string,
  position: number,
  items: number,
  rangeShift: number,
  ranges: number,
  table: Uint32Array | null,
  bitmap: Uint32Array | null,
  summed: Float64Array | null,
  gains: Float64Array | null,
): void {
  const reader = new VarintReader(bytes, start, end);
  const corrupt = (reason: string) => new CorruptIndexFileError(file, `the postings of term ${position} ${reason}`);
  const count = reader.read();
  if (count < 1) throw corrupt(`hold a damaged count (${count})`);
  const offsets = table === null ? null : table.subarray(0, ranges + 1);
  const previous = table === null ? null : table.subarray(ranges + 1, 2 * ranges + 1);
  let ordinal = 0;
  // The next range whose start is still to be written: every range up to a posting's starts there.
  let nextRange = 0;
  for (let i = 0; i < count; i++) {
    const at = reader.at - start;
    const gap = reader.read();
    const code = reader.read();
    if (gap < 0 || code < 0 || (i > 0 && gap === 0) || code >= CODE_RANGE) throw corrupt(`hold a damaged posting (${gap}, ${code})`);
    const before = ordinal;
    ordinal += gap;
    if (ordinal >= items) throw corrupt(`hold ordinal ${ordinal}, past the ${items} items`);
    const range = ordinal >>> rangeShift;
    if (offsets !== null && previous !== null) {
      for (; nextRange <= range; nextRange++) {
        offsets[nextRange] = at;
        previous[nextRange] = before;
      }
    }
    if (summed !== null && gains !== null) summed[ordinal] = (summed[ordinal] ?? 0) + (gains[code] ?? 0);
    if (bitmap !== null) bitmap[ordinal >>> 5] = (bitmap[ordinal >>> 5] ?? 0) | (1 << (ordinal & 31));
  }
  if (reader.at !== end) throw corrupt(`end ${end - reader.at} bytes after their last posting`);
  if (offsets === null || previous === null) return;
  for (; nextRange <= ranges; nextRange++) {
    offsets[nextRange] = end - start;
    if (nextRange < ranges) previous[nextRange] = ordinal;
  }
}

async function readHeader(file: string): Promise<RangesHeader> {
  let header: Partial<RangesHeader>;
  try {
    header = JSON.parse(await readFile(file, "utf8")) as Partial<RangesHeader>;
  } catch (error) {
    throw new CorruptIndexFileError(file, `does not read as JSON (${(error as Error).message})`);
  }
  const { format, version, rangeShift, items, fieldMask, gains, rangedTerms, bitmapTerms } = header ?? {};
  const isCount = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 0;
  if (format !== FORMAT || version !== VERSION) throw new CorruptIndexFileError(file, `is not a ${FORMAT} version ${VERSION} header`);
  if (!isCount(rangeShift) || rangeShift < 1 || rangeShift > 24) throw new CorruptIndexFileError(file, `has range shift ${String(rangeShift)}`);
  if (!isCount(items) || !isCount(fieldMask) || fieldMask > 0xff || !isCount(rangedTerms) || !isCount(bitmapTerms)) throw new CorruptIndexFileError(file, "holds a damaged count");
  if (typeof gains !== "string") throw new CorruptIndexFileError(file, "names no gains");
  return { format, version, rangeShift, items, fieldMask, gains, rangedTerms, bitmapTerms };
}
