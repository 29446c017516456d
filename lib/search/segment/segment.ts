import { readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { CorruptIndexFileError } from "../section-store";
import { writeFresh } from "../typed-array-file";
import { isWellFormed } from "./code-point-order";
import { MemoryDictionary, type DictionaryReader } from "./dictionary-reader";
import { DiskDictionary, type DiskDictionaryOptions } from "./disk-dictionary";
import type { FieldPostings, PostingsBuffers } from "./field-postings";
import { SegmentFile } from "./segment-file";
import {
  MAX_FIELDS,
  SEGMENT_FORMAT,
  SEGMENT_VERSION,
  decodeFieldList,
  type EncodedList,
  type ListTarget,
  locateFieldList,
  segmentFiles,
  type SegmentDictionary,
  type SegmentHeader,
} from "./segment-format";

/** Where one field list lies in a segment's postings (Segment.locateList). */
export interface ListLocation {
  /** The term's position (for errors) and the list's field. */
  position: number;
  field: number;
  start: number;
  length: number;
}

/** Where a segment's postings bytes are read from: memory, or a file (SegmentFile). */
interface PostingsSource {
  /** The file named in errors. */
  readonly file: string;
  readonly size: number;
  /** Bytes [start, start + length); valid until the next read. */
  read(start: number, length: number): Uint8Array;
  /** Fills `target` with the bytes from `start` on. */
  readInto(target: Uint8Array, start: number): void;
  /** Writes the postings to `target` (a new file). */
  writeTo(target: string): Promise<void>;
}

class MemoryPostings implements PostingsSource {
  readonly file = "(postings in memory)";

  constructor(private readonly bytes: Buffer) {}

  get size(): number {
    return this.bytes.length;
  }

  read(start: number, length: number): Uint8Array {
    return this.bytes.subarray(start, start + length);
  }

  readInto(target: Uint8Array, start: number): void {
    const bytes = this.read(start, target.length);
    if (bytes.length < target.length) throw new CorruptIndexFileError(this.file, `ends at byte ${start + bytes.length}, expected ${start + target.length}`);
    target.set(bytes);
  }

  async writeTo(target: string): Promise<void> {
    await unlink(target).catch(() => undefined);
    await writeFile(target, this.bytes);
  }
}

/** Blocks up to this size are read whole; a larger block's header is read first, then one field's list. */
const WHOLE_BLOCK_BYTES = 16 << 10;
/** A block header: at most one 10-byte varint per field. */
const MAX_HEADER_BYTES = 10 * MAX_FIELDS;

/**
 * An immutable set of terms with their postings in every field. The postings are read from a
 * file with positioned reads on demand (or held in memory for a small build); the sorted
 * dictionary is held in typed arrays when built ({@link fromMemory}, {@link fromPostingsFile}),
 * and read from its files through a sparse index and a small block cache when opened
 * ({@link open}, disk-dictionary.ts). The stored layout is described in segment-format.ts.
 */
export class Segment {
  readonly termCount: number;

  private constructor(
    readonly fields: number,
    private readonly dictionary: DictionaryReader,
    private readonly source: PostingsSource,
  ) {
    this.termCount = dictionary.termCount;
  }

  static empty(fields: number): Segment {
    checkFields(fields, "Segment.empty");
    const dictionary: SegmentDictionary = {
      terms: Buffer.alloc(0),
      termOffsets: new Uint32Array(1),
      documentFrequency: new Uint32Array(0),
      fieldMask: new Uint8Array(0),
      postingsOffsets: new Float64Array(1),
    };
    return new Segment(fields, new MemoryDictionary(dictionary), new MemoryPostings(Buffer.alloc(0)));
  }

  /** A segment over a dictionary and postings held in memory (segment-builder.ts). */
  static fromMemory(fields: number, dictionary: SegmentDictionary, postings: Buffer): Segment {
    return new Segment(fields, new MemoryDictionary(dictionary), new MemoryPostings(postings));
  }

  /** A segment over a dictionary in memory and a postings file written for it (segment-builder.ts). */
  static fromPostingsFile(fields: number, dictionary: SegmentDictionary, file: string): Segment {
    return new Segment(fields, new MemoryDictionary(dictionary), SegmentFile.open(file));
  }

  /**
   * Opens the files writeTo(dir, name) wrote, all read with positioned reads on demand: of the
   * dictionary only a sparse index stays in memory (`options`: its interval and the block cache,
   * disk-dictionary.ts). A truncated or damaged file: CorruptIndexFileError naming the file, at
   * open or when a damaged block is read later.
   */
  static async open(dir: string, name: string, options: DiskDictionaryOptions = {}): Promise<Segment> {
    const files = segmentFiles(name);
    const at = (file: string) => path.join(dir, file);
    const header = await readHeader(at(files.header));
    const paths = { terms: at(files.terms), termOffsets: at(files.termOffsets), frequency: at(files.frequency), fields: at(files.fields), postingsOffsets: at(files.postingsOffsets) };
    const dictionary = await DiskDictionary.open(paths, header.terms, header.fields, options);
    let postings: SegmentFile;
    try {
      postings = SegmentFile.open(at(files.postings));
    } catch (error) {
      dictionary.close();
      throw error;
    }
    const end = dictionary.postingsBytes;
    if (postings.size !== end) {
      postings.close();
      dictionary.close();
      throw new CorruptIndexFileError(postings.file, `${postings.size} bytes, its offsets end at ${end}`);
    }
    return new Segment(header.fields, dictionary, postings);
  }

  /** The file names writeTo(dir, name) writes (relative to dir), for audits and size reports. */
  static fileNames(name: string): string[] {
    return Object.values(segmentFiles(name));
  }

  /** The term at a position (decoded from UTF-8 on each call). */
  term(position: number): string {
    this.checkPosition(position);
    return this.dictionary.term(position);
  }

  /** Items holding the term at a position in any field (less those {@link forgetItem} took off). */
  documentFrequency(position: number): number {
    this.checkPosition(position);
    return this.dictionary.documentFrequency(position);
  }

  /** {@link documentFrequency} of positions [from, to), in one fresh array read at once. */
  documentFrequencies(from: number, to: number): Uint32Array {
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from || to > this.termCount) throw new RangeError(`No positions [${from}, ${to}) of ${this.termCount}`);
    return this.dictionary.documentFrequencies(from, to);
  }

  /** Bit f set when field f of some item holds the term at a position. */
  fieldMask(position: number): number {
    this.checkPosition(position);
    return this.dictionary.fieldMask(position);
  }

  /**
   * Counts one item fewer for the term at a position (never below 0): a delta removed an item
   * holding it, so frequencies stay those of a fresh build. The files are not changed.
   */
  forgetItem(position: number): void {
    this.checkPosition(position);
    this.dictionary.forgetItem(position);
  }

  /** Position of `term`, or -1. */
  find(term: string): number {
    if (!isWellFormed(term)) return -1;
    const key = Buffer.from(term, "utf8");
    const position = this.dictionary.search(key, Infinity, false);
    return position < this.termCount && this.dictionary.compareTerm(position, key, Infinity) === 0 ? position : -1;
  }

  /**
   * Positions [from, to) of the terms starting with `prefix`. Terms are sorted by their UTF-8
   * bytes (= code point order), so every term with a prefix lies in one range.
   */
  prefixRange(prefix: string): [number, number] {
    if (isWellFormed(prefix)) return this.bytePrefixRange(Buffer.from(prefix, "utf8"));
    // A prefix ending in half a surrogate pair: the terms starting with any code point that
    // half begins, contiguous in code point order. Any other lone surrogate matches no term.
    const head = prefix.slice(0, -1);
    const last = prefix.charCodeAt(prefix.length - 1);
    if (last < 0xd800 || last > 0xdbff || !isWellFormed(head)) return [0, 0];
    const first = 0x10000 + (last - 0xd800) * 0x400;
    const from = this.bytePrefixRange(Buffer.from(head + String.fromCodePoint(first), "utf8"))[0];
    const to = this.bytePrefixRange(Buffer.from(head + String.fromCodePoint(first + 0x3ff), "utf8"))[1];
    return [from, to];
  }

  /**
   * The term's postings in `field`, decoded into fresh arrays, or into views of `buffers` (valid
   * until their next use); null when that field never holds it.
   */
  postings(position: number, field: number, buffers?: PostingsBuffers): FieldPostings | null {
    const list = this.encodedList(position, field);
    return list && decodeFieldList(list.bytes, list.start, list.end, list.file, list.position, buffers);
  }

  /**
   * The term's list in `field` as stored (segment-format.ts), for a search to add without
   * decoding it first (accumulate-list.ts); null when that field never holds it. The bytes are
   * valid until the segment's next read.
   */
  encodedList(position: number, field: number, readInto?: ListTarget): EncodedList | null {
    const located = this.block(position, field);
    if (located === null) return null;
    const { mask, start, length } = located;
    const { source } = this;
    if (length <= WHOLE_BLOCK_BYTES) {
      const block = source.read(start, length);
      const range = locateFieldList(block, length, mask, field, source.file, position);
      return range && { bytes: block, start: range[0], end: range[1], file: source.file, position };
    }
    const header = source.read(start, Math.min(length, MAX_HEADER_BYTES));
    const range = locateFieldList(header, length, mask, field, source.file, position);
    if (range === null) return null;
    // A long list read where it is used spares a copy (and, past the reused buffer, an allocation).
    const target = readInto?.(range[1] - range[0]) ?? null;
    if (target !== null) source.readInto(target, start + range[0]);
    const list = target ?? source.read(start + range[0], range[1] - range[0]);
    return { bytes: list, start: 0, end: list.length, file: source.file, position };
  }

  /**
   * Where the term's list in `field` lies in the postings (a start and a byte length, its count
   * included), or null when that field never holds it: for {@link listSlice}.
   */
  locateList(position: number, field: number): ListLocation | null {
    const located = this.block(position, field);
    if (located === null) return null;
    const { mask, start, length } = located;
    const { source } = this;
    const header = source.read(start, Math.min(length, MAX_HEADER_BYTES));
    const range = locateFieldList(header, length, mask, field, source.file, position);
    return range && { position, field, start: start + range[0], length: range[1] - range[0] };
  }

  /**
   * Bytes [from, to) of a located list (offsets from its start: a range table's, term-ranges.ts);
   * a range past its end raises CorruptIndexFileError. Valid until the segment's next read.
   */
  listSlice(list: ListLocation, from: number, to: number): Uint8Array {
    if (!(from >= 0 && to >= from && to <= list.length)) throw new CorruptIndexFileError(this.source.file, `the postings of term ${list.position} hold no bytes [${from}, ${to})`);
    return this.source.read(list.start + from, to - from);
  }

  /** The file named in errors about the postings. */
  get postingsFile(): string {
    return this.source.file;
  }

  /**
   * Writes the segment's files into `dir` under names starting with `name` (hard-link, else
   * copy, when file-backed; written when in memory). Must work into a directory that is later
   * renamed (the export writes a staging directory and renames it).
   */
  async writeTo(dir: string, name: string): Promise<void> {
    const files = segmentFiles(name);
    const at = (file: string) => path.join(dir, file);
    await this.source.writeTo(at(files.postings));
    await this.dictionary.writeTo({ terms: at(files.terms), termOffsets: at(files.termOffsets), frequency: at(files.frequency), fields: at(files.fields), postingsOffsets: at(files.postingsOffsets) });
    const header: SegmentHeader = { format: SEGMENT_FORMAT, version: SEGMENT_VERSION, fields: this.fields, terms: this.termCount };
    await writeFresh(at(files.header), `${JSON.stringify(header)}\n`);
  }

  /**
   * Bytes of postings and of dictionary as stored (for reports), and of the dictionary held in
   * memory now: all of it when built, the sparse index, cached blocks and changed frequencies
   * when opened.
   */
  get byteSize(): { postings: number; dictionary: number; residentDictionary: number } {
    return { postings: this.source.size, dictionary: this.dictionary.storedBytes, residentDictionary: this.dictionary.residentBytes };
  }

  /** The term's block in the postings (its field mask, start and length), or null when `field` never holds it. */
  private block(position: number, field: number): { mask: number; start: number; length: number } | null {
    this.checkPosition(position);
    const { dictionary } = this;
    const mask = dictionary.fieldMask(position);
    if ((mask & (1 << field)) === 0) return null;
    const start = dictionary.postingsStart(position);
    return { mask, start, length: dictionary.postingsEnd(position) - start };
  }

  private checkPosition(position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.termCount) throw new RangeError(`No term at position ${position} of ${this.termCount}`);
  }

  private bytePrefixRange(prefix: Buffer): [number, number] {
    const from = this.dictionary.search(prefix, Infinity, false);
    // The first term whose first prefix.length bytes sort above the prefix.
    return [from, Math.max(from, this.dictionary.search(prefix, prefix.length, true))];
  }
}

function checkFields(fields: number, where: string): void {
  if (!Number.isInteger(fields) || fields < 1 || fields > MAX_FIELDS) throw new RangeError(`${where}: a segment has 1 to ${MAX_FIELDS} fields, not ${fields}`);
}

async function readHeader(file: string): Promise<SegmentHeader> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new CorruptIndexFileError(file, `does not read (${(error as Error).message})`);
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    throw new CorruptIndexFileError(file, `is not JSON (${(error as Error).message})`);
  }
  const { format, version, fields, terms } = (header ?? {}) as Partial<SegmentHeader>;
  if (format !== SEGMENT_FORMAT || version !== SEGMENT_VERSION) throw new CorruptIndexFileError(file, `is not a ${SEGMENT_FORMAT} version ${SEGMENT_VERSION} header`);
  if (typeof fields !== "number" || !Number.isInteger(fields) || fields < 1 || fields > MAX_FIELDS) throw new CorruptIndexFileError(file, `has ${String(fields)} fields`);
  if (typeof terms !== "number" || !Number.isInteger(terms) || terms < 0) throw new CorruptIndexFileError(file, `has ${String(terms)} terms`);
  return { format, version, fields, terms };
}
