import path from "node:path";
import { CorruptIndexFileError } from "./section-store";
import { readArray, writeArray, writeFresh } from "./typed-array-file";

/**
 * A column of strings (one an ordinal) kept as UTF-8 bytes in one buffer plus the byte offset
 * where each entry starts, so a million titles are two allocations outside the JavaScript heap
 * rather than a million strings on it, and loading one is reading two files: no parse, no
 * split. A string is decoded only when asked for (a results page reads its twenty hits').
 *
 * Offsets are Uint32: one buffer holds at most 4 GiB in Node 20 (buffer.constants.MAX_LENGTH),
 * so a Uint32 reaches every byte of it; a column that would outgrow it throws. At 10M items that
 * leaves 429 bytes an item for each column, and the longest column, decisions, averages well
 * below that (see README, "Item columns"). A column past that needs splitting into blocks.
 *
 * Null (an item without a case number or decision) is the entry of the single byte 0xFF, which
 * no UTF-8 encoding of a string holds; "" is the empty entry. Lone surrogates, which UTF-8 cannot
 * encode, come back as U+FFFD (one UTF-16 unit as well, so word offsets into the text still hold).
 *
 * A loaded column keeps its bytes as read and appends (index deltas) to a second, growing part,
 * so the first delta does not copy a column of hundreds of megabytes.
 */
export class StringColumn<T extends string | null = string> {
  private constructor(
    private readonly base: ColumnPart,
    private readonly tail: ColumnPart,
  ) {}

  /** A column of no strings, to push to. */
  static empty<T extends string | null = string>(): StringColumn<T> {
    return new StringColumn<T>(ColumnPart.growing(0), ColumnPart.growing(1024));
  }

  /** A column holding `values` in order. */
  static of<T extends string | null = string>(values: Iterable<T>): StringColumn<T> {
    const column = StringColumn.empty<T>();
    for (const value of values) column.push(value);
    return column;
  }

  /**
   * Reads the column `name` of `dir` written by {@link writeTo}, checked to hold `count` entries;
   * a missing, truncated or inconsistent file raises CorruptIndexFileError naming it.
   */
  static async read<T extends string | null = string>(dir: string, name: string, count: number): Promise<StringColumn<T>> {
    const { dataFile, offsetsFile } = columnFiles(dir, name);
    const offsets = new Uint32Array(await readArray(offsetsFile, 4, count + 1));
    const data = new Uint8Array(await readArray(dataFile, 1, null));
    if (offsets[0] !== 0) throw new CorruptIndexFileError(offsetsFile, `starts at byte ${offsets[0] ?? 0}, expected 0`);
    for (let i = 0; i < count; i++) {
      if ((offsets[i + 1] ?? 0) < (offsets[i] ?? 0)) throw new CorruptIndexFileError(offsetsFile, `offset ${i + 1} lies before offset ${i}`);
    }
    if (offsets[count] !== data.length) throw new CorruptIndexFileError(dataFile, `${data.length} bytes, its offsets end at ${offsets[count] ?? 0}`);
    return new StringColumn<T>(new ColumnPart(data, offsets, count), ColumnPart.growing(16));
  }

  /** Number of entries. */
  get length(): number {
    return this.base.count + this.tail.count;
  }

  /** The string at `ordinal` (null for a null entry); throws RangeError outside the column. */
  get(ordinal: number): T {
    if (!(ordinal >= 0 && ordinal < this.length)) throw new RangeError(`No entry ${ordinal} in a column of ${this.length}`);
    return (ordinal < this.base.count ? this.base.get(ordinal) : this.tail.get(ordinal - this.base.count)) as T;
  }

  /** Appends `value` as the next ordinal. */
  push(value: T): void {
    this.tail.push(value);
  }

  /** The first ordinal holding exactly `value`, or -1; searches the bytes without decoding them. */
  indexOf(value: string): number {
    const found = this.base.indexOf(value);
    if (found >= 0) return found;
    const inTail = this.tail.indexOf(value);
    return inTail < 0 ? -1 : this.base.count + inTail;
  }

  /** Every entry in order (tests, audits: decodes them all). */
  *values(): IterableIterator<T> {
    for (let ordinal = 0; ordinal < this.length; ordinal++) yield this.get(ordinal);
  }

  /** Writes the column as `<name>.bin` (the UTF-8 bytes) and `<name>-offsets.bin` (length + 1 Uint32) in `dir`. */
  async writeTo(dir: string, name: string): Promise<void> {
    const { dataFile, offsetsFile } = columnFiles(dir, name);
    const base = this.base.bytes();
    const tail = this.tail.bytes();
    const offsets = new Uint32Array(this.length + 1);
    offsets.set(this.base.offsetList());
    const shift = base.length;
    this.tail.offsetList().forEach((offset, i) => (offsets[this.base.count + i] = shift + offset));
    await writeFresh(dataFile, tail.length === 0 ? base : base.length === 0 ? tail : Buffer.concat([base, tail]));
    await writeArray(offsetsFile, offsets);
  }
}

/** The files of column `name` in `dir`. */
export function columnFiles(dir: string, name: string): { dataFile: string; offsetsFile: string } {
  return { dataFile: path.join(dir, `${name}.bin`), offsetsFile: path.join(dir, `${name}-offsets.bin`) };
}

const NULL_BYTE = 0xff;
const MAX_BYTES = 0xffff_ffff;

/** Entries `count` long: the bytes of entry i are data[offsets[i] .. offsets[i + 1]). */
class ColumnPart {
  private text: Buffer;

  constructor(
    private data: Uint8Array,
    private offsets: Uint32Array,
    public count: number,
  ) {
    this.text = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }

  static growing(capacity: number): ColumnPart {
    return new ColumnPart(new Uint8Array(capacity * 32), new Uint32Array(capacity + 1), 0);
  }

  get(i: number): string | null {
    const start = this.offsets[i] ?? 0;
    const end = this.offsets[i + 1] ?? 0;
    if (end === start + 1 && this.text[start] === NULL_BYTE) return null;
    return this.text.toString("utf8", start, end);
  }

  push(value: string | null): void {
    const start = this.offsets[this.count] ?? 0;
    // A UTF-16 unit takes at most 3 bytes of UTF-8 (a surrogate pair, two units, takes 4).
    const room = value === null ? 1 : value.length * 3;
    if (start + room > MAX_BYTES) {
      const needed = start + (value === null ? 1 : Buffer.byteLength(value));
      if (needed > MAX_BYTES) throw new RangeError(`A string column holds at most ${MAX_BYTES} bytes`);
    }
    this.reserve(Math.min(start + room, MAX_BYTES), this.count + 2);
    let written: number;
    if (value === null) {
      this.text[start] = NULL_BYTE;
      written = 1;
    } else {
      written = this.text.write(value, start, "utf8");
    }
    this.offsets[++this.count] = start + written;
  }

  indexOf(value: string): number {
    if (value === "") {
      for (let i = 0; i < this.count; i++) if (this.offsets[i] === this.offsets[i + 1]) return i;
      return -1;
    }
    const needle = Buffer.from(value, "utf8");
    const text = this.text.subarray(0, this.offsets[this.count] ?? 0);
    // A match may straddle entries or sit inside one: it counts where it is one whole entry.
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      const i = this.startingAt(at);
      if (i >= 0 && this.offsets[i + 1] === at + needle.length) return i;
    }
    return -1;
  }

  /** The bytes of the entries. */
  bytes(): Uint8Array {
    return this.data.subarray(0, this.offsets[this.count] ?? 0);
  }

  /** The offsets of entries 0 … count (count + 1 of them). */
  offsetList(): Uint32Array {
    return this.offsets.subarray(0, this.count + 1);
  }

  /** The non-empty entry that starts at byte `at`, or -1 (binary search). */
  private startingAt(at: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.offsets[mid] ?? 0) < at) low = mid + 1;
      else high = mid;
    }
    // Empty entries share their start with the next one: step to the first non-empty.
    while (low < this.count && this.offsets[low] === at && this.offsets[low + 1] === at) low++;
    return low < this.count && this.offsets[low] === at ? low : -1;
  }

  private reserve(bytes: number, offsets: number): void {
    if (bytes > this.data.length) {
      const grown = new Uint8Array(Math.min(MAX_BYTES, Math.max(bytes, this.data.length * 2)));
      grown.set(this.data);
      this.data = grown;
      this.text = Buffer.from(grown.buffer, grown.byteOffset, grown.byteLength);
    }
    if (offsets > this.offsets.length) {
      const grown = new Uint32Array(Math.max(offsets, this.offsets.length * 2));
      grown.set(this.offsets);
      this.offsets = grown;
    }
  }
}
