import { CorruptIndexFileError } from "../section-store";
import { writeArray } from "../typed-array-file";
import { searchPositions, type DictionaryFiles, type DictionaryReader } from "./dictionary-reader";
import { SegmentFile } from "./segment-file";

/** How an opened segment's dictionary is read. */
export interface DiskDictionaryOptions {
  /** Terms per block: every block's first term (a sample) and offsets stay in memory. */
  sampleInterval?: number;
  /** Blocks kept after they are read (each slot holds the last block read that maps to it). */
  cacheBlocks?: number;
}

// 64 terms a block keep ~0.5 bytes a term in memory (the 1M pairs' samples: ~16 bytes each) and
// cost two reads of ~0.5–2 KB on a miss. 4096 cached blocks hold 262,144 terms (≤ ~9 MB at
// ~33 bytes a term, only as many as searches touch): every range the benchmark's queries walk
// ("b k" walks ~1,050 blocks of the 1M pairs) stays cached between searches.
export const DEFAULT_SAMPLE_INTERVAL = 64;
export const DEFAULT_CACHE_BLOCKS = 4096;

/** Frequencies a delta decrements are copied into pages of this many terms (4 KB). */
const PAGE_SHIFT = 10;
const PAGE_TERMS = 1 << PAGE_SHIFT;

/** Bytes a pass at open reads at once. */
const CHUNK_BYTES = 1 << 20;

/**
 * One slot of the block cache, holding one block of the dictionary at a time: its parts are read
 * when first asked for, into arrays the slot keeps and reuses for the next block it holds (no
 * allocation per miss: churning small buffers kept freed memory in the process).
 */
class Block {
  index = -1;
  first = 0;
  length = 0;
  hasTermOffsets = false;
  hasTerms = false;
  hasPostingsOffsets = false;
  hasFrequency = false;
  hasMasks = false;
  /** Offsets first … first + length (absolute: where each term starts in the terms file, each block in the postings file). */
  readonly postingsOffsets: Float64Array;
  readonly termOffsets: Uint32Array;
  readonly frequency: Uint32Array;
  readonly masks: Uint8Array;
  /** The block's terms' bytes, from termOffsets[0]; grown to the longest block held. */
  terms = Buffer.alloc(0);

  constructor(interval: number) {
    const fixed = new ArrayBuffer((interval + 1) * 12 + interval * 5);
    this.postingsOffsets = new Float64Array(fixed, 0, interval + 1);
    this.termOffsets = new Uint32Array(fixed, (interval + 1) * 8, interval + 1);
    this.frequency = new Uint32Array(fixed, (interval + 1) * 12, interval);
    this.masks = new Uint8Array(fixed, (interval + 1) * 12 + interval * 4, interval);
  }

  hold(index: number, first: number, length: number): void {
    this.index = index;
    this.first = first;
    this.length = length;
    this.hasTermOffsets = this.hasTerms = this.hasPostingsOffsets = this.hasFrequency = this.hasMasks = false;
  }

  get bytes(): number {
    return this.postingsOffsets.buffer.byteLength + this.terms.length;
  }
}

/**
 * A segment's dictionary read from its files (segment-format.ts, unchanged) with positioned
 * reads: in memory only a sparse index (every `sampleInterval`-th term's bytes and its term and
 * postings offsets), a small cache of blocks read, and the pages of frequencies a delta changed.
 * Opening checks the files as a whole in one streaming pass; each block read is checked against
 * the samples (offsets ascending and meeting those read at open, masks valid), so a file damaged
 * later raises CorruptIndexFileError naming it, never a wrong answer.
 */
export class DiskDictionary implements DictionaryReader {
  private readonly blocks: number;
  private readonly cache: (Block | undefined)[];
  /** Frequencies of the pages {@link forgetItem} changed, by page. */
  private readonly changed = new Map<number, Uint32Array>();

  private constructor(
    readonly termCount: number,
    private readonly fields: number,
    private readonly interval: number,
    cacheBlocks: number,
    private readonly files: Record<keyof DictionaryFiles, SegmentFile>,
    /** The sample terms' bytes back to back, and where each starts (blocks + 1). */
    private readonly sampleBytes: Buffer,
    private readonly sampleStarts: Uint32Array,
    /** Term and postings offsets at each block's first position, and at termCount. */
    private readonly sampleTermOffsets: Uint32Array,
    private readonly samplePostingsOffsets: Float64Array,
  ) {
    this.blocks = Math.ceil(termCount / interval);
    this.cache = new Array<Block | undefined>(cacheBlocks);
  }

  /**
   * Opens and checks a dictionary of `termCount` terms in `fields` fields, as Segment.open did
   * when it read them whole: sizes, offsets starting at 0 and rising strictly, the terms file
   * ending at the last offset, field masks valid. CorruptIndexFileError names the file.
   */
  static async open(paths: DictionaryFiles, termCount: number, fields: number, options: DiskDictionaryOptions = {}): Promise<DiskDictionary> {
    const interval = options.sampleInterval ?? DEFAULT_SAMPLE_INTERVAL;
    const cacheBlocks = options.cacheBlocks ?? DEFAULT_CACHE_BLOCKS;
    if (!Number.isInteger(interval) || interval < 1) throw new RangeError(`sampleInterval must be a positive integer, not ${interval}`);
    if (!Number.isInteger(cacheBlocks) || cacheBlocks < 1) throw new RangeError(`cacheBlocks must be a positive integer, not ${cacheBlocks}`);
    const opened: SegmentFile[] = [];
    const openFile = (file: string) => {
      const each = SegmentFile.open(file);
      opened.push(each);
      return each;
    };
    try {
      const files = {
        terms: openFile(paths.terms),
        termOffsets: openFile(paths.termOffsets),
        frequency: openFile(paths.frequency),
        fields: openFile(paths.fields),
        postingsOffsets: openFile(paths.postingsOffsets),
      };
      checkSize(files.termOffsets, 4, termCount + 1);
      checkSize(files.frequency, 4, termCount);
      checkSize(files.fields, 1, termCount);
      checkSize(files.postingsOffsets, 8, termCount + 1);
      const blocks = Math.ceil(termCount / interval);
      const sampleTermOffsets = new Uint32Array(blocks + 1);
      const sampleTermEnds = new Uint32Array(blocks);
      let previous = 0;
      await streamArray(files.termOffsets, 4, (buffer, length) => new Uint32Array(buffer, 0, length), (offsets, first) => {
        for (let j = 0; j < offsets.length; j++) {
          const i = first + j;
          const offset = offsets[j] ?? 0;
          checkOffset(files.termOffsets, "term", i, offset, previous);
          previous = offset;
          if (i % interval === 0) sampleTermOffsets[i / interval] = offset;
          if (i > 0 && (i - 1) % interval === 0) sampleTermEnds[(i - 1) / interval] = offset;
        }
      });
      sampleTermOffsets[blocks] = previous;
      if (files.terms.size !== previous) throw new CorruptIndexFileError(files.terms.file, `${files.terms.size} bytes, its offsets end at ${previous}`);
      const samplePostingsOffsets = new Float64Array(blocks + 1);
      previous = 0;
      await streamArray(files.postingsOffsets, 8, (buffer, length) => new Float64Array(buffer, 0, length), (offsets, first) => {
        for (let j = 0; j < offsets.length; j++) {
          const i = first + j;
          const offset = offsets[j] ?? 0;
          checkOffset(files.postingsOffsets, "postings", i, offset, previous);
          previous = offset;
          if (i % interval === 0) samplePostingsOffsets[i / interval] = offset;
        }
      });
      samplePostingsOffsets[blocks] = previous;
      const allFields = (1 << fields) - 1;
      await streamArray(files.fields, 1, (buffer, length) => new Uint8Array(buffer, 0, length), (masks, first) => {
        for (let j = 0; j < masks.length; j++) checkMask(files.fields, first + j, masks[j] ?? 0, allFields, fields);
      });
      const { bytes, starts } = await readSamples(files.terms, sampleTermOffsets, sampleTermEnds);
      // The samples ascend, so each block's terms need only ascend up to the next sample (terms()).
      for (let b = 1; b < blocks; b++) {
        if (bytes.compare(bytes, starts[b] ?? 0, starts[b + 1] ?? 0, starts[b - 1] ?? 0, starts[b] ?? 0) >= 0) {
          throw new CorruptIndexFileError(files.terms.file, `term ${b * interval} does not sort after term ${(b - 1) * interval}`);
        }
      }
      return new DiskDictionary(termCount, fields, interval, cacheBlocks, files, bytes, starts, sampleTermOffsets, samplePostingsOffsets);
    } catch (error) {
      for (const each of opened) each.close();
      throw error;
    }
  }

  /** Where the postings file must end: the last postings offset. */
  get postingsBytes(): number {
    return this.samplePostingsOffsets[this.blocks] ?? 0;
  }

  /** Closes the files now (a segment that fails to open); the dictionary must not be read after. */
  close(): void {
    for (const file of Object.values(this.files)) file.close();
  }

  term(position: number): string {
    const block = this.block(position);
    const offsets = this.termOffsets(block);
    const terms = this.terms(block);
    const base = offsets[0] ?? 0;
    const i = position - block.first;
    return terms.toString("utf8", (offsets[i] ?? 0) - base, (offsets[i + 1] ?? 0) - base);
  }

  compareTerm(position: number, key: Uint8Array, maxBytes: number): number {
    const block = this.block(position);
    const offsets = this.termOffsets(block);
    const terms = this.terms(block);
    const base = offsets[0] ?? 0;
    const i = position - block.first;
    const start = (offsets[i] ?? 0) - base;
    const end = Math.min((offsets[i + 1] ?? 0) - base, start + maxBytes);
    return terms.compare(key, 0, key.length, start, end);
  }

  search(key: Uint8Array, maxBytes: number, after: boolean): number {
    // The first sample that passes; the answer lies in the block before it (after its sample).
    let lo = 0;
    let hi = this.blocks;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = this.sampleStarts[mid] ?? 0;
      const end = Math.min(this.sampleStarts[mid + 1] ?? 0, start + maxBytes);
      const order = this.sampleBytes.compare(key, 0, key.length, start, end);
      if (after ? order <= 0 : order < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const first = (lo - 1) * this.interval;
    return searchPositions(this, first + 1, Math.min(first + this.interval, this.termCount), key, maxBytes, after);
  }

  fieldMask(position: number): number {
    const block = this.block(position);
    return this.masks(block)[position - block.first] ?? 0;
  }

  documentFrequency(position: number): number {
    const page = this.changed.size === 0 ? undefined : this.changed.get(position >>> PAGE_SHIFT);
    if (page !== undefined) return page[position & (PAGE_TERMS - 1)] ?? 0;
    const block = this.block(position);
    return this.frequencies(block)[position - block.first] ?? 0;
  }

  documentFrequencies(from: number, to: number): Uint32Array {
    const values = this.readFrequencies(from, to);
    for (const [page, changed] of this.changed) {
      const pageFirst = page << PAGE_SHIFT;
      const start = Math.max(from, pageFirst);
      const end = Math.min(to, pageFirst + changed.length);
      if (start < end) values.set(changed.subarray(start - pageFirst, end - pageFirst), start - from);
    }
    return values;
  }

  forgetItem(position: number): void {
    const pageIndex = position >>> PAGE_SHIFT;
    let page = this.changed.get(pageIndex);
    if (page === undefined) {
      const first = pageIndex << PAGE_SHIFT;
      page = this.readFrequencies(first, Math.min(first + PAGE_TERMS, this.termCount));
      this.changed.set(pageIndex, page);
    }
    const i = position & (PAGE_TERMS - 1);
    page[i] = Math.max(0, (page[i] ?? 0) - 1);
  }

  postingsStart(position: number): number {
    const block = this.block(position);
    return this.postingsOffsets(block)[position - block.first] ?? 0;
  }

  postingsEnd(position: number): number {
    const block = this.block(position);
    return this.postingsOffsets(block)[position - block.first + 1] ?? 0;
  }

  get storedBytes(): number {
    return Object.values(this.files).reduce((sum, file) => sum + file.size, 0);
  }

  /** The sparse index, the blocks cached now and the changed frequencies' pages. */
  get residentBytes(): number {
    const index = this.sampleBytes.length + this.sampleStarts.byteLength + this.sampleTermOffsets.byteLength + this.samplePostingsOffsets.byteLength;
    let cached = 0;
    for (const block of this.cache) cached += block?.bytes ?? 0;
    let changed = 0;
    for (const page of this.changed.values()) changed += page.byteLength;
    return index + cached + changed;
  }

  /** Hard-links (else copies) the files; the frequencies as changed when a delta changed them. */
  async writeTo(files: DictionaryFiles): Promise<void> {
    await this.files.terms.writeTo(files.terms);
    await this.files.termOffsets.writeTo(files.termOffsets);
    if (this.changed.size === 0) await this.files.frequency.writeTo(files.frequency);
    else await writeArray(files.frequency, this.documentFrequencies(0, this.termCount));
    await this.files.fields.writeTo(files.fields);
    await this.files.postingsOffsets.writeTo(files.postingsOffsets);
  }

  private block(position: number): Block {
    const index = Math.floor(position / this.interval);
    const slot = index % this.cache.length;
    let block = this.cache[slot];
    if (block === undefined) {
      block = new Block(this.interval);
      this.cache[slot] = block;
    }
    if (block.index !== index) {
      const first = index * this.interval;
      block.hold(index, first, Math.min(this.interval, this.termCount - first));
    }
    return block;
  }

  private termOffsets(block: Block): Uint32Array {
    if (!block.hasTermOffsets) {
      this.readOffsets(this.files.termOffsets, "term", block, block.termOffsets, this.sampleTermOffsets);
      block.hasTermOffsets = true;
    }
    return block.termOffsets;
  }

  private terms(block: Block): Buffer {
    if (block.hasTerms) return block.terms;
    const offsets = this.termOffsets(block);
    const base = offsets[0] ?? 0;
    const length = (offsets[block.length] ?? 0) - base;
    // Grown in steps of 256 bytes, so slots settle at their blocks' usual size.
    if (block.terms.length < length) block.terms = Buffer.alloc(Math.ceil(length / 256) * 256);
    const terms = block.terms;
    this.files.terms.readInto(terms.subarray(0, length), base);
    const sampleStart = this.sampleStarts[block.index] ?? 0;
    const sampleEnd = this.sampleStarts[block.index + 1] ?? 0;
    if (terms.compare(this.sampleBytes, sampleStart, sampleEnd, 0, (offsets[1] ?? 0) - base) !== 0) {
      throw new CorruptIndexFileError(this.files.terms.file, `term ${block.first} differs from the one read at open`);
    }
    // Each term sorts after the one before it, and the block's last before the next block's first
    // (a sample): a term out of order would put a prefix's terms outside its range, a wrong answer.
    for (let i = 1; i <= block.length; i++) {
      const start = (offsets[i - 1] ?? 0) - base;
      const end = (offsets[i] ?? 0) - base;
      const isLast = i === block.length;
      if (isLast && block.index + 1 >= this.blocks) break;
      const order = isLast
        ? terms.compare(this.sampleBytes, this.sampleStarts[block.index + 1] ?? 0, this.sampleStarts[block.index + 2] ?? 0, start, end)
        : terms.compare(terms, end, (offsets[i + 1] ?? 0) - base, start, end);
      if (order >= 0) throw new CorruptIndexFileError(this.files.terms.file, `term ${block.first + i} does not sort after term ${block.first + i - 1}`);
    }
    block.hasTerms = true;
    return terms;
  }

  private postingsOffsets(block: Block): Float64Array {
    if (!block.hasPostingsOffsets) {
      this.readOffsets(this.files.postingsOffsets, "postings", block, block.postingsOffsets, this.samplePostingsOffsets);
      block.hasPostingsOffsets = true;
    }
    return block.postingsOffsets;
  }

  private masks(block: Block): Uint8Array {
    const masks = block.masks;
    if (block.hasMasks) return masks;
    const file = this.files.fields;
    file.readInto(masks.subarray(0, block.length), block.first);
    const allFields = (1 << this.fields) - 1;
    for (let i = 0; i < block.length; i++) checkMask(file, block.first + i, masks[i] ?? 0, allFields, this.fields);
    block.hasMasks = true;
    return masks;
  }

  private frequencies(block: Block): Uint32Array {
    const frequency = block.frequency;
    if (block.hasFrequency) return frequency;
    this.files.frequency.readInto(new Uint8Array(frequency.buffer, frequency.byteOffset, block.length * 4), block.first * 4);
    block.hasFrequency = true;
    return frequency;
  }

  private readFrequencies(from: number, to: number): Uint32Array {
    const values = new Uint32Array(to - from);
    this.files.frequency.readInto(new Uint8Array(values.buffer), from * 4);
    return values;
  }

  /** Reads a block's offsets into `offsets` and checks they rise strictly from the sample read at open to the next one. */
  private readOffsets(file: SegmentFile, what: string, block: Block, offsets: Uint32Array | Float64Array, samples: Uint32Array | Float64Array): void {
    const width = offsets.BYTES_PER_ELEMENT;
    file.readInto(new Uint8Array(offsets.buffer, offsets.byteOffset, (block.length + 1) * width), block.first * width);
    const first = samples[block.index] ?? 0;
    const last = samples[block.index + 1] ?? 0;
    if (offsets[0] !== first || offsets[block.length] !== last) {
      throw new CorruptIndexFileError(file.file, `${what} offsets ${block.first}–${block.first + block.length} run from ${offsets[0]} to ${offsets[block.length]}, at open from ${first} to ${last}`);
    }
    for (let i = 1; i <= block.length; i++) checkOffset(file, what, block.first + i, offsets[i] ?? 0, offsets[i - 1] ?? 0);
  }
}

function checkSize(file: SegmentFile, width: number, count: number): void {
  if (file.size !== count * width) throw new CorruptIndexFileError(file.file, `${file.size} bytes, expected ${count} × ${width}`);
}

/** Offsets must start at 0 and rise strictly (no empty term or block). */
function checkOffset(file: SegmentFile, what: string, i: number, offset: number, previous: number): void {
  if (i === 0) {
    if (offset !== 0) throw new CorruptIndexFileError(file.file, `the first ${what} offset is ${offset}, not 0`);
  } else if (!(offset > previous) || !Number.isInteger(offset)) {
    throw new CorruptIndexFileError(file.file, `${what} offset ${i} (${offset}) does not follow ${previous}`);
  }
}

function checkMask(file: SegmentFile, position: number, mask: number, allFields: number, fields: number): void {
  if (mask === 0 || (mask & ~allFields) !== 0) throw new CorruptIndexFileError(file.file, `term ${position} has field mask ${mask} in a segment of ${fields} fields`);
}

/** Reads a whole file of `width`-byte values in chunks, handing each chunk and its first index to `visit`. */
async function streamArray<T>(file: SegmentFile, width: number, view: (buffer: ArrayBuffer, length: number) => T, visit: (values: T, first: number) => void): Promise<void> {
  const buffer = new ArrayBuffer(Math.min(CHUNK_BYTES, file.size));
  for (let at = 0; at < file.size; ) {
    const bytes = Math.min(buffer.byteLength, file.size - at);
    await file.readIntoAsync(new Uint8Array(buffer, 0, bytes), at);
    visit(view(buffer, bytes / width), at / width);
    at += bytes;
  }
}

/** The sample terms' bytes (those at [starts[b], ends[b]) of the terms file), read in one pass of large reads. */
async function readSamples(file: SegmentFile, starts: Uint32Array, ends: Uint32Array): Promise<{ bytes: Buffer; starts: Uint32Array }> {
  const blocks = ends.length;
  const sampleStarts = new Uint32Array(blocks + 1);
  for (let b = 0; b < blocks; b++) sampleStarts[b + 1] = (sampleStarts[b] ?? 0) + (ends[b] ?? 0) - (starts[b] ?? 0);
  const bytes = Buffer.alloc(sampleStarts[blocks] ?? 0);
  const reused = Buffer.alloc(Math.min(CHUNK_BYTES, file.size));
  let chunk = reused.subarray(0, 0);
  let chunkStart = 0;
  for (let b = 0; b < blocks; b++) {
    const start = starts[b] ?? 0;
    const end = ends[b] ?? 0;
    if (end > chunkStart + chunk.length) {
      chunkStart = start;
      const length = Math.min(Math.max(CHUNK_BYTES, end - start), file.size - start);
      chunk = length <= reused.length ? reused.subarray(0, length) : Buffer.alloc(length);
      await file.readIntoAsync(chunk, start);
    }
    chunk.copy(bytes, sampleStarts[b] ?? 0, start - chunkStart, end - chunkStart);
  }
  return { bytes, starts: sampleStarts };
}
