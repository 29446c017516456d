import { writeArray } from "../typed-array-file";
import type { SegmentDictionary, segmentFiles } from "./segment-format";

/** The paths of a segment's dictionary files (segment-format.ts). */
export type DictionaryFiles = Omit<ReturnType<typeof segmentFiles>, "header" | "postings">;

/**
 * How a Segment reads its sorted dictionary (segment-format.ts): held in memory
 * ({@link MemoryDictionary}: a build's segments) or read from its files on demand
 * (disk-dictionary.ts: an opened segment). Positions are checked by the caller.
 */
export interface DictionaryReader {
  readonly termCount: number;
  /** The term at `position`, decoded from UTF-8 on each call. */
  term(position: number): string;
  /** The term at `position`, cut to `maxBytes`, compared with `key` by bytes (below 0: the term sorts first). */
  compareTerm(position: number, key: Uint8Array, maxBytes: number): number;
  /** The first position whose term, cut to `maxBytes`, sorts above `key` (`after`) or not below it; termCount when none does. */
  search(key: Uint8Array, maxBytes: number, after: boolean): number;
  /** Bit f set when field f of some item holds the term. */
  fieldMask(position: number): number;
  /** Items holding the term in any field (less those {@link forgetItem} took off). */
  documentFrequency(position: number): number;
  /** {@link documentFrequency} of positions [from, to), in one fresh array. */
  documentFrequencies(from: number, to: number): Uint32Array;
  /** Counts one item fewer for the term at `position` (never below 0). */
  forgetItem(position: number): void;
  /** Where the term's block starts in the postings file. */
  postingsStart(position: number): number;
  /** Where the term's block ends in the postings file. */
  postingsEnd(position: number): number;
  /** Bytes of the dictionary's files. */
  readonly storedBytes: number;
  /** Bytes of the dictionary held in memory now. */
  readonly residentBytes: number;
  writeTo(files: DictionaryFiles): Promise<void>;
}

/** The first position in [lo, hi) whose term passes {@link DictionaryReader.search}'s test; hi when none does. */
export function searchPositions(dictionary: DictionaryReader, lo: number, hi: number, key: Uint8Array, maxBytes: number, after: boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const order = dictionary.compareTerm(mid, key, maxBytes);
    if (after ? order <= 0 : order < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A dictionary held whole in typed arrays (a build's segments, small builds). */
export class MemoryDictionary implements DictionaryReader {
  readonly termCount: number;

  constructor(private readonly arrays: SegmentDictionary) {
    this.termCount = arrays.documentFrequency.length;
  }

  term(position: number): string {
    const { terms, termOffsets } = this.arrays;
    return terms.toString("utf8", termOffsets[position], termOffsets[position + 1]);
  }

  compareTerm(position: number, key: Uint8Array, maxBytes: number): number {
    const { terms, termOffsets } = this.arrays;
    const start = termOffsets[position] ?? 0;
    const end = Math.min(termOffsets[position + 1] ?? 0, start + maxBytes);
    return terms.compare(key, 0, key.length, start, end);
  }

  search(key: Uint8Array, maxBytes: number, after: boolean): number {
    return searchPositions(this, 0, this.termCount, key, maxBytes, after);
  }

  fieldMask(position: number): number {
    return this.arrays.fieldMask[position] ?? 0;
  }

  documentFrequency(position: number): number {
    return this.arrays.documentFrequency[position] ?? 0;
  }

  documentFrequencies(from: number, to: number): Uint32Array {
    return this.arrays.documentFrequency.slice(from, to);
  }

  forgetItem(position: number): void {
    const { documentFrequency } = this.arrays;
    documentFrequency[position] = Math.max(0, (documentFrequency[position] ?? 0) - 1);
  }

  postingsStart(position: number): number {
    return this.arrays.postingsOffsets[position] ?? 0;
  }

  postingsEnd(position: number): number {
    return this.arrays.postingsOffsets[position + 1] ?? 0;
  }

  get storedBytes(): number {
    const { terms, termOffsets, documentFrequency, fieldMask, postingsOffsets } = this.arrays;
    return terms.length + termOffsets.byteLength + documentFrequency.byteLength + fieldMask.byteLength + postingsOffsets.byteLength;
  }

  get residentBytes(): number {
    return this.storedBytes;
  }

  async writeTo(files: DictionaryFiles): Promise<void> {
    const { terms, termOffsets, documentFrequency, fieldMask, postingsOffsets } = this.arrays;
    await writeArray(files.terms, terms);
    await writeArray(files.termOffsets, termOffsets);
    await writeArray(files.frequency, documentFrequency);
    await writeArray(files.fields, fieldMask);
    await writeArray(files.postingsOffsets, postingsOffsets);
  }
}
