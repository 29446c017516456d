import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { link, open, readFile, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { CorruptIndexFileError } from "../section-store";
import { readArray, writeArray, writeFresh } from "../typed-array-file";
import { isWellFormed } from "./code-point-order";
import type { FieldPostings, PostingsBuffers } from "./field-postings";
import {
  MAX_FIELDS,
  SEGMENT_FORMAT,
  SEGMENT_VERSION,
  decodeFieldList,
  type EncodedList,
  locateFieldList,
  segmentFiles,
  type SegmentDictionary,
  type SegmentHeader,
} from "./segment-format";

/** Where a segment's postings bytes are read from. */
interface PostingsSource {
  /** The file named in errors. */
  readonly file: string;
  readonly size: number;
  /** Bytes [start, start + length); valid until the next read. */
  read(start: number, length: number): Uint8Array;
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

  async writeTo(target: string): Promise<void> {
    await unlink(target).catch(() => undefined);
    await writeFile(target, this.bytes);
  }
}

// Closes a file-backed segment's descriptor once the segment is garbage, as FileSectionStore does.
const descriptors = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

/** Reads above this are not kept for reuse. */
const REUSED_BUFFER_BYTES = 1 << 20;
const COPY_CHUNK_BYTES = 8 << 20;

class FilePostings implements PostingsSource {
  private scratch = Buffer.allocUnsafe(1 << 16);

  constructor(
    readonly file: string,
    readonly fd: number,
    readonly size: number,
  ) {}

  read(start: number, length: number): Uint8Array {
    let buffer = this.scratch;
    if (length > buffer.length) {
      buffer = Buffer.allocUnsafe(length);
      if (length <= REUSED_BUFFER_BYTES) this.scratch = buffer;
    }
    let read = 0;
    while (read < length) {
      const bytes = readSync(this.fd, buffer, read, length - read, start + read);
      if (bytes === 0) throw new CorruptIndexFileError(this.file, `ends at byte ${start + read}, expected ${start + length}`);
      read += bytes;
    }
    return buffer.subarray(0, length);
  }

  async writeTo(target: string): Promise<void> {
    // A hard link when the path still names the file this segment reads (the export may have
    // renamed or removed the directory since); else a copy read through the open descriptor.
    const source = fstatSync(this.fd);
    const isSource = (other: { ino: number; dev: number } | null) => other !== null && other.ino === source.ino && other.dev === source.dev;
    const existing = await stat(target).catch(() => null);
    // Writing a segment where it already lives (the directory it was opened from, maybe renamed).
    if (isSource(existing)) return;
    if (existing !== null) await unlink(target);
    if (isSource(await stat(this.file).catch(() => null))) {
      try {
        await link(this.file, target);
        return;
      } catch {
        // Another file system: copy.
      }
    }
    const handle = await open(target, "w");
    try {
      const chunk = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
      for (let position = 0; position < this.size; ) {
        const length = Math.min(COPY_CHUNK_BYTES, this.size - position);
        let read = 0;
        while (read < length) {
          const bytes = readSync(this.fd, chunk, read, length - read, position + read);
          if (bytes === 0) throw new CorruptIndexFileError(this.file, `ends at byte ${position + read}, expected ${this.size}`);
          read += bytes;
        }
        await handle.write(chunk, 0, length);
        position += length;
      }
    } finally {
      await handle.close();
    }
  }
}

/** Blocks up to this size are read whole; a larger block's header is read first, then one field's list. */
const WHOLE_BLOCK_BYTES = 16 << 10;
/** A block header: at most one 10-byte varint per field. */
const MAX_HEADER_BYTES = 10 * MAX_FIELDS;

/**
 * An immutable set of terms with their postings in every field: the sorted dictionary in typed
 * arrays in the heap, the postings in a file read with positioned reads on demand (or in memory
 * for a small build). The stored layout is described in segment-format.ts.
 */
export class Segment {
  readonly termCount: number;
  /** Items holding the term in any field, by position. MUTABLE: the lead decrements it when a delta removes an item. */
  readonly documentFrequency: Uint32Array;
  /** Bit f set when field f of some item holds the term, by position. */
  readonly fieldMask: Uint8Array;
  private readonly terms: Buffer;
  private readonly termOffsets: Uint32Array;
  private readonly postingsOffsets: Float64Array;

  private constructor(
    readonly fields: number,
    dictionary: SegmentDictionary,
    private readonly source: PostingsSource,
  ) {
    this.terms = dictionary.terms;
    this.termOffsets = dictionary.termOffsets;
    this.documentFrequency = dictionary.documentFrequency;
    this.fieldMask = dictionary.fieldMask;
    this.postingsOffsets = dictionary.postingsOffsets;
    this.termCount = dictionary.documentFrequency.length;
    if (source instanceof FilePostings) descriptors.register(this, source.fd);
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
    return new Segment(fields, dictionary, new MemoryPostings(Buffer.alloc(0)));
  }

  /** A segment over a dictionary and postings held in memory (segment-builder.ts). */
  static fromMemory(fields: number, dictionary: SegmentDictionary, postings: Buffer): Segment {
    return new Segment(fields, dictionary, new MemoryPostings(postings));
  }

  /** A segment over a dictionary in memory and a postings file written for it (segment-builder.ts). */
  static fromPostingsFile(fields: number, dictionary: SegmentDictionary, file: string): Segment {
    const fd = openSync(file, "r");
    return new Segment(fields, dictionary, new FilePostings(file, fd, fstatSync(fd).size));
  }

  /**
   * Opens the files writeTo(dir, name) wrote: the dictionary is read into memory (Buffers /
   * typed arrays, NOT one JS string per term), postings are read with positioned reads on demand.
   * A truncated or damaged file: CorruptIndexFileError naming the file.
   */
  static async open(dir: string, name: string): Promise<Segment> {
    const files = segmentFiles(name);
    const at = (file: string) => path.join(dir, file);
    const header = await readHeader(at(files.header));
    const n = header.terms;
    const terms = Buffer.from(await readArray(at(files.terms), 1, null));
    const termOffsets = new Uint32Array(await readArray(at(files.termOffsets), 4, n + 1));
    const documentFrequency = new Uint32Array(await readArray(at(files.frequency), 4, n));
    const fieldMask = new Uint8Array(await readArray(at(files.fields), 1, n));
    const postingsOffsets = new Float64Array(await readArray(at(files.postingsOffsets), 8, n + 1));
    checkAscending(termOffsets, at(files.termOffsets), "term");
    checkAscending(postingsOffsets, at(files.postingsOffsets), "postings");
    const termsEnd = termOffsets[n] ?? 0;
    if (terms.length !== termsEnd) throw new CorruptIndexFileError(at(files.terms), `${terms.length} bytes, its offsets end at ${termsEnd}`);
    const allFields = (1 << header.fields) - 1;
    for (let i = 0; i < n; i++) {
      const mask = fieldMask[i] ?? 0;
      if (mask === 0 || (mask & ~allFields) !== 0) throw new CorruptIndexFileError(at(files.fields), `term ${i} has field mask ${mask} in a segment of ${header.fields} fields`);
    }
    const postingsFile = at(files.postings);
    let fd: number;
    try {
      fd = openSync(postingsFile, "r");
    } catch (error) {
      throw new CorruptIndexFileError(postingsFile, `does not open (${(error as Error).message})`);
    }
    const size = fstatSync(fd).size;
    const end = postingsOffsets[n] ?? 0;
    if (size !== end) {
      closeSync(fd);
      throw new CorruptIndexFileError(postingsFile, `${size} bytes, its offsets end at ${end}`);
    }
    const dictionary = { terms, termOffsets, documentFrequency, fieldMask, postingsOffsets };
    return new Segment(header.fields, dictionary, new FilePostings(postingsFile, fd, size));
  }

  /** The file names writeTo(dir, name) writes (relative to dir), for audits and size reports. */
  static fileNames(name: string): string[] {
    return Object.values(segmentFiles(name));
  }

  /** The term at a position (decoded from UTF-8 on each call). */
  term(position: number): string {
    if (!Number.isInteger(position) || position < 0 || position >= this.termCount) throw new RangeError(`No term at position ${position} of ${this.termCount}`);
    return this.terms.toString("utf8", this.termOffsets[position], this.termOffsets[position + 1]);
  }

  /** Position of `term`, or -1. */
  find(term: string): number {
    if (!isWellFormed(term)) return -1;
    const key = Buffer.from(term, "utf8");
    const position = this.lowerBound(key, 0);
    return position < this.termCount && this.compareTerm(position, key, Infinity) === 0 ? position : -1;
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
  encodedList(position: number, field: number): EncodedList | null {
    if (!Number.isInteger(position) || position < 0 || position >= this.termCount) throw new RangeError(`No term at position ${position} of ${this.termCount}`);
    const mask = this.fieldMask[position] ?? 0;
    if ((mask & (1 << field)) === 0) return null;
    const start = this.postingsOffsets[position] ?? 0;
    const length = (this.postingsOffsets[position + 1] ?? 0) - start;
    const { source } = this;
    if (length <= WHOLE_BLOCK_BYTES) {
      const block = source.read(start, length);
      const range = locateFieldList(block, length, mask, field, source.file, position);
      return range && { bytes: block, start: range[0], end: range[1], file: source.file, position };
    }
    const header = source.read(start, Math.min(length, MAX_HEADER_BYTES));
    const range = locateFieldList(header, length, mask, field, source.file, position);
    if (range === null) return null;
    const list = source.read(start + range[0], range[1] - range[0]);
    return { bytes: list, start: 0, end: list.length, file: source.file, position };
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
    await writeArray(at(files.terms), this.terms);
    await writeArray(at(files.termOffsets), this.termOffsets);
    await writeArray(at(files.frequency), this.documentFrequency);
    await writeArray(at(files.fields), this.fieldMask);
    await writeArray(at(files.postingsOffsets), this.postingsOffsets);
    const header: SegmentHeader = { format: SEGMENT_FORMAT, version: SEGMENT_VERSION, fields: this.fields, terms: this.termCount };
    await writeFresh(at(files.header), `${JSON.stringify(header)}\n`);
  }

  /** Bytes of postings and of dictionary (for reports). */
  get byteSize(): { postings: number; dictionary: number } {
    const dictionary = this.terms.length + this.termOffsets.byteLength + this.documentFrequency.byteLength + this.fieldMask.byteLength + this.postingsOffsets.byteLength;
    return { postings: this.source.size, dictionary };
  }

  private bytePrefixRange(prefix: Buffer): [number, number] {
    const from = this.lowerBound(prefix, 0);
    // The first term after `from` whose first prefix.length bytes sort above the prefix.
    let lo = from;
    let hi = this.termCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareTerm(mid, prefix, prefix.length) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return [from, lo];
  }

  /** The first position whose term is not below `key`. */
  private lowerBound(key: Buffer, from: number): number {
    let lo = from;
    let hi = this.termCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareTerm(mid, key, Infinity) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The term at `position`, cut to `maxBytes`, compared with `key` by bytes. */
  private compareTerm(position: number, key: Buffer, maxBytes: number): number {
    const start = this.termOffsets[position] ?? 0;
    const end = Math.min(this.termOffsets[position + 1] ?? 0, start + maxBytes);
    return this.terms.compare(key, 0, key.length, start, end);
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

/** Offsets must start at 0 and rise strictly (no empty term or block). */
function checkAscending(offsets: Uint32Array | Float64Array, file: string, what: string): void {
  if (offsets[0] !== 0) throw new CorruptIndexFileError(file, `the first ${what} offset is ${offsets[0]}, not 0`);
  for (let i = 1; i < offsets.length; i++) {
    const offset = offsets[i] ?? 0;
    if (!(offset > (offsets[i - 1] ?? 0)) || !Number.isInteger(offset)) throw new CorruptIndexFileError(file, `${what} offset ${i} (${offset}) does not follow ${offsets[i - 1]}`);
  }
}
