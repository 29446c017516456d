import { createHash } from "node:crypto";
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { copyFile, link, open, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { StoredSection } from "./search-index";
import { SectionCompressor } from "./section-compressor";
import { SECTION_DICTIONARY } from "./section-dictionary";

/**
 * The sections of every item, by ordinal: the bulk of an index's text (6–7 KB an item), read
 * only for the hits of a page (snippets), phrase checks and section-kind restrictions. An
 * exported index keeps them in a file read on demand, not in the JavaScript heap.
 */
export interface SectionStore {
  /** Number of items stored. */
  readonly length: number;
  /** The sections of the item at `ordinal`; empty past the end. */
  at(ordinal: number): StoredSection[];
  /** Stores the sections of the next ordinal. */
  push(sections: StoredSection[]): void;
}

/** Sections held in memory: while an index is built, and for the items deltas add to a loaded one. */
export class MemorySectionStore implements SectionStore {
  private readonly items: StoredSection[][] = [];

  get length(): number {
    return this.items.length;
  }

  at(ordinal: number): StoredSection[] {
    return this.items[ordinal] ?? [];
  }

  push(sections: StoredSection[]): void {
    this.items.push(sections);
  }
}

const DATA_FILE = "sections.bin";
const OFFSETS_FILE = "sections-offsets.bin";
const DICTIONARY_FILE = "sections-dictionary.bin";

/**
 * Stored layout: each item's sections as their JSON, compressed on its own (raw deflate with a
 * preset dictionary, so a read stays one item) and empty for an item without sections; the
 * items' byte offsets in a file of their own. The dictionary, the end of real minutes' sections
 * (section-dictionary.ts), helps most on short items: on data/samples 3.4× smaller than the
 * JSON against 2.5× without it. Level 6 is zlib's default; 1 compressed 10 % less and no faster
 * per item, whose cost is mostly setting the dictionary.
 */
const COMPRESSION_LEVEL = 6;
const DEFAULT_DICTIONARY = Buffer.from(SECTION_DICTIONARY, "utf8");

/**
 * `sections-dictionary.bin` is a header line, `{"bytes":…,"sha256":"…"}`, then the dictionary. A
 * deflate dictionary has no structure of its own: a damaged or truncated one loaded and only
 * failed at the first item it garbled, naming sections.bin. With the header a load refuses it at once.
 */
async function writeDictionary(dir: string, dictionary: Buffer): Promise<void> {
  const header = { bytes: dictionary.length, sha256: sha256(dictionary) };
  await writeFile(path.join(dir, DICTIONARY_FILE), Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, "utf8"), dictionary]));
}

/** The dictionary of a `sections-dictionary.bin`; CorruptIndexFileError naming the file when it is not the one its header describes. */
export async function readSectionDictionary(file: string): Promise<Buffer> {
  // A missing file keeps its ENOENT: the import starts over when a newer export removed the version.
  const bytes = await readFile(file);
  const newline = bytes.indexOf(0x0a);
  const header = newline < 0 ? null : parseDictionaryHeader(bytes.subarray(0, newline).toString("utf8"));
  if (header === null) throw new CorruptIndexFileError(file, "has no dictionary header");
  const dictionary = bytes.subarray(newline + 1);
  if (dictionary.length !== header.bytes) throw new CorruptIndexFileError(file, `holds a dictionary of ${dictionary.length} bytes, its header says ${header.bytes}`);
  if (sha256(dictionary) !== header.sha256) throw new CorruptIndexFileError(file, "holds a dictionary whose SHA-256 differs from its header's");
  return dictionary;
}

function parseDictionaryHeader(line: string): { bytes: number; sha256: string } | null {
  try {
    const header = JSON.parse(line) as { bytes?: unknown; sha256?: unknown } | null;
    return typeof header?.bytes === "number" && typeof header.sha256 === "string" ? { bytes: header.bytes, sha256: header.sha256 } : null;
  } catch {
    return null;
  }
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** An item's sections as stored: compressed JSON, or no bytes for none. */
function encodeSections(sections: readonly StoredSection[], dictionary: Buffer): Buffer {
  const text = sectionsText(sections);
  if (text === "") return Buffer.alloc(0);
  return deflateRawSync(Buffer.from(text, "utf8"), { level: COMPRESSION_LEVEL, dictionary });
}

/** The text {@link encodeSections} compresses (and SectionCompressor, alike): the sections' JSON, or "" for none. */
function sectionsText(sections: readonly StoredSection[]): string {
  return sections.length === 0 ? "" : JSON.stringify(sections);
}

/** The sections {@link encodeSections} stored; a clear error naming `file` and the item when they do not decode. */
function decodeSections(bytes: Buffer, dictionary: Buffer, file: string, ordinal: number): StoredSection[] {
  if (bytes.length === 0) return [];
  let json: string;
  try {
    json = inflateRawSync(bytes, { dictionary }).toString("utf8");
  } catch (error) {
    throw new CorruptIndexFileError(file, `item ${ordinal} does not decompress (${(error as Error).message})`);
  }
  try {
    const sections: unknown = JSON.parse(json);
    if (!Array.isArray(sections)) throw new Error("not an array");
    return sections as StoredSection[];
  } catch (error) {
    throw new CorruptIndexFileError(file, `item ${ordinal} is not a JSON array of sections (${(error as Error).message})`);
  }
}

/** Raised when a file of an exported index does not read back (truncated, damaged): it names the file. */
export class CorruptIndexFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`Corrupt search index file ${file}: ${reason}; run \`npm run index\``);
    this.name = "CorruptIndexFileError";
  }
}

// Closes a file store's descriptor once its index is garbage: a replaced version goes with it.
const descriptors = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

/**
 * The sections of an exported index, read from its version directory one item at a time with
 * positioned reads (the operating system's page cache holds what is read often), followed by
 * those of items appended after loading, in memory.
 */
export class FileSectionStore implements SectionStore {
  private readonly appended = new MemorySectionStore();

  private constructor(
    private readonly file: string,
    private readonly fd: number,
    /** Byte offset of each stored item's sections, and the end: length = items + 1. */
    private readonly offsets: Float64Array,
    private readonly dictionary: Buffer,
  ) {
    descriptors.register(this, fd);
  }

  /** Opens the store exported into `dir` for `size` items; a clear error naming the file when it does not fit. */
  static async open(dir: string, size: number): Promise<FileSectionStore> {
    const offsetsFile = path.join(dir, OFFSETS_FILE);
    const bytes = await readFileCopy(offsetsFile);
    if (bytes.byteLength % Float64Array.BYTES_PER_ELEMENT !== 0) throw new CorruptIndexFileError(offsetsFile, `${bytes.byteLength} bytes is no whole number of offsets`);
    const offsets = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / Float64Array.BYTES_PER_ELEMENT);
    if (offsets.length !== size + 1) throw new CorruptIndexFileError(offsetsFile, `holds ${offsets.length - 1} items, expected ${size}`);
    const dataFile = path.join(dir, DATA_FILE);
    const dictionary = await readSectionDictionary(path.join(dir, DICTIONARY_FILE));
    const { size: dataBytes } = await stat(dataFile);
    if (dataBytes !== (offsets[size] ?? 0)) throw new CorruptIndexFileError(dataFile, `${dataBytes} bytes, its offsets end at ${offsets[size] ?? 0}`);
    return new FileSectionStore(dataFile, openSync(dataFile, "r"), offsets, dictionary);
  }

  get length(): number {
    return this.offsets.length - 1 + this.appended.length;
  }

  at(ordinal: number): StoredSection[] {
    const stored = this.offsets.length - 1;
    if (ordinal >= stored) return this.appended.at(ordinal - stored);
    const start = this.offsets[ordinal];
    const end = this.offsets[ordinal + 1];
    if (start === undefined || end === undefined || ordinal < 0) return [];
    const buffer = Buffer.allocUnsafe(end - start);
    readFully(this.fd, buffer, start, this.file);
    return decodeSections(buffer, this.dictionary, this.file, ordinal);
  }

  push(sections: StoredSection[]): void {
    this.appended.push(sections);
  }
}

/** Starts a compressor handing each text's bytes, in order, to `onCompressed`. */
export type StartCompressor = (onCompressed: (bytes: Buffer) => void) => SectionCompressor;

/** The compressor of {@link SpillSectionStore.pushAsync}: the bytes {@link encodeSections} writes. */
const startSectionCompressor: StartCompressor = (onCompressed) => new SectionCompressor(COMPRESSION_LEVEL, DEFAULT_DICTIONARY, onCompressed);

/** Bytes a {@link SpillSectionStore} buffers before it writes them to its file. */
const SPILL_BUFFER_BYTES = 8 << 20;

/**
 * Sections written to a file as they are pushed, compressed, in the layout of an exported index, and read
 * back with positioned reads: a full build keeps the section texts (the bulk of the data, 6–7 KB
 * an item) out of the heap, and its export links or copies the file instead of writing the texts
 * again. The caller owns `dir` and removes it after the export.
 */
export class SpillSectionStore implements SectionStore {
  private offsets = new Float64Array(1024);
  private count = 0;
  /** Bytes written to the file. */
  private written = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Compresses what {@link pushAsync} takes, on a worker thread; null until the first. */
  private compressor: SectionCompressor | null = null;
  /** Items pushed whose bytes have not come back from the compressor yet. */
  private compressing = 0;
  /** True once {@link abandon} closed the file. */
  private isClosed = false;

  private constructor(
    readonly file: string,
    private readonly fd: number,
    private readonly startCompressor: StartCompressor,
  ) {
    descriptors.register(this, fd, this);
  }

  /** A store writing to a new `sections.bin` in `dir`; `startCompressor` starts the worker {@link pushAsync} compresses on. */
  static create(dir: string, startCompressor: StartCompressor = startSectionCompressor): SpillSectionStore {
    const file = path.join(dir, DATA_FILE);
    return new SpillSectionStore(file, openSync(file, "w+"), startCompressor);
  }

  get length(): number {
    return this.count;
  }

  at(ordinal: number): StoredSection[] {
    if (ordinal < 0 || ordinal >= this.count) return [];
    this.assertSettled();
    const start = this.offsets[ordinal] ?? 0;
    const end = this.offsets[ordinal + 1] ?? 0;
    if (end > this.written) this.flush();
    const buffer = Buffer.allocUnsafe(end - start);
    readFully(this.fd, buffer, start, this.file);
    return decodeSections(buffer, DEFAULT_DICTIONARY, this.file, ordinal);
  }

  push(sections: StoredSection[]): void {
    this.assertSettled();
    this.count++;
    this.append(encodeSections(sections, DEFAULT_DICTIONARY));
  }

  /**
   * {@link push}, compressing on a worker thread while the caller goes on (a full build's
   * thread encodes terms meanwhile) into the same bytes: the item counts in `length` at once, its
   * bytes land in order. Resolves unless the worker is behind; {@link settle} before at() or flush().
   */
  pushAsync(sections: StoredSection[]): Promise<void> {
    this.compressor ??= this.startCompressor((bytes) => {
      this.compressing--;
      this.append(bytes);
    });
    this.count++;
    this.compressing++;
    return this.compressor.add(sectionsText(sections));
  }

  /** Waits until every item {@link pushAsync} took is compressed and buffered, and stops the worker; rejects when it failed. */
  async settle(): Promise<void> {
    const compressor = this.compressor;
    this.compressor = null;
    await compressor?.finish();
  }

  /**
   * Stops compressing after a failed build and closes the file (the store is unusable then): the
   * caller deletes the file, and a descriptor left to the garbage collector would keep its
   * hundreds of megabytes on disk until then.
   */
  async abandon(): Promise<void> {
    const compressor = this.compressor;
    this.compressor = null;
    try {
      await compressor?.abandon();
    } finally {
      if (!this.isClosed) {
        this.isClosed = true;
        descriptors.unregister(this);
        closeSync(this.fd);
      }
    }
  }

  /** Records the bytes of the next item whose offset is not set yet. */
  private append(bytes: Buffer): void {
    const ordinal = this.count - this.compressing - 1;
    if (ordinal + 2 > this.offsets.length) {
      const grown = new Float64Array(Math.max(this.offsets.length * 2, ordinal + 2));
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[ordinal + 1] = (this.offsets[ordinal] ?? 0) + bytes.length;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes > SPILL_BUFFER_BYTES) this.writePending();
  }

  private assertSettled(): void {
    if (this.compressing > 0 || this.compressor !== null) throw new Error("SpillSectionStore: items are still compressing; await settle() first");
  }

  /** Writes what is buffered; returns the byte offsets of items 0 … length (length + 1 of them). */
  flush(): Float64Array {
    this.assertSettled();
    this.writePending();
    return this.offsets.subarray(0, this.count + 1);
  }

  private writePending(): void {
    if (this.pending.length > 0) {
      const bytes = Buffer.concat(this.pending);
      let done = 0;
      while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.written + done);
      this.written += bytes.length;
      this.pending = [];
      this.pendingBytes = 0;
    }
  }
}

/** Writes the sections of items 0 … size − 1 of `store` into `dir`, for {@link FileSectionStore.open}. */
export async function writeSectionStore(dir: string, store: SectionStore, size: number): Promise<void> {
  if (store instanceof SpillSectionStore && store.length === size) {
    // Already in the export's layout: a hard link (same file system) or a copy, without the heap.
    const offsets = store.flush();
    await link(store.file, path.join(dir, DATA_FILE)).catch(() => copyFile(store.file, path.join(dir, DATA_FILE)));
    await writeOffsets(dir, offsets);
    await writeDictionary(dir, DEFAULT_DICTIONARY);
    return;
  }
  const offsets = new Float64Array(size + 1);
  const file = await open(path.join(dir, DATA_FILE), "w");
  try {
    let position = 0;
    // Written in batches: one write per item was the slowest part of an export.
    let batch: Buffer[] = [];
    let batchBytes = 0;
    for (let ordinal = 0; ordinal < size; ordinal++) {
      const bytes = encodeSections(store.at(ordinal), DEFAULT_DICTIONARY);
      offsets[ordinal] = position;
      position += bytes.length;
      batch.push(bytes);
      batchBytes += bytes.length;
      if (batchBytes > 8 << 20) {
        await file.write(Buffer.concat(batch));
        batch = [];
        batchBytes = 0;
      }
    }
    offsets[size] = position;
    if (batch.length > 0) await file.write(Buffer.concat(batch));
  } finally {
    await file.close();
  }
  await writeOffsets(dir, offsets);
  await writeDictionary(dir, DEFAULT_DICTIONARY);
}

async function writeOffsets(dir: string, offsets: Float64Array): Promise<void> {
  const offsetsFile = await open(path.join(dir, OFFSETS_FILE), "w");
  try {
    await offsetsFile.write(new Uint8Array(offsets.buffer, offsets.byteOffset, offsets.byteLength));
  } finally {
    await offsetsFile.close();
  }
}

/** Fills `buffer` from `position` of `fd`; a file shorter than its offsets say is an error, not an endless loop. */
function readFully(fd: number, buffer: Buffer, position: number, file: string): void {
  let read = 0;
  while (read < buffer.length) {
    const bytes = readSync(fd, buffer, read, buffer.length - read, position + read);
    if (bytes === 0) throw new CorruptIndexFileError(file, `ends at byte ${position + read}, expected ${position + buffer.length}`);
    read += bytes;
  }
}

async function readFileCopy(file: string): Promise<Uint8Array> {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    // A fresh, aligned buffer (Node's pooled Buffers may sit at an odd offset).
    const bytes = new Uint8Array(new ArrayBuffer(size));
    let read = 0;
    while (read < size) read += (await handle.read(bytes, read, size - read, read)).bytesRead;
    return bytes;
  } finally {
    await handle.close();
  }
}
