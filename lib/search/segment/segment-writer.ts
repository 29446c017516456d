import { writeSync } from "node:fs";
import { VarintReader, varintLength, writeVarint } from "./varint";
import type { SegmentDictionary } from "./segment-format";
import type { FieldList, TermRecord } from "./term-record";

/** Where a segment's postings bytes go, in order. */
export interface PostingsSink {
  /** Bytes written so far. */
  readonly written: number;
  write(bytes: Uint8Array): void;
  /** Writes out what is buffered. */
  flush(): void;
}

const SINK_BUFFER_BYTES = 1 << 20;

/** Buffers small writes into chunks of a megabyte and hands full chunks to `emit`. */
abstract class BufferedSink implements PostingsSink {
  written = 0;
  private buffer = new Uint8Array(SINK_BUFFER_BYTES);
  private used = 0;

  /** Takes bytes it may keep: a full buffer, or a copy of an oversized write. */
  protected abstract emit(bytes: Uint8Array): void;
  /** Whether emit is done with its bytes when it returns (a file write), so the buffer is reused. */
  protected abstract readonly isEmitDone: boolean;

  write(bytes: Uint8Array): void {
    this.written += bytes.length;
    if (this.used + bytes.length > this.buffer.length) {
      this.flush();
      if (bytes.length > this.buffer.length) {
        this.emit(this.isEmitDone ? bytes : bytes.slice());
        return;
      }
    }
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  flush(): void {
    if (this.used === 0) return;
    this.emit(this.buffer.subarray(0, this.used));
    if (!this.isEmitDone) this.buffer = new Uint8Array(SINK_BUFFER_BYTES);
    this.used = 0;
  }
}

/** Postings kept in the heap: for a builder without a spill directory. */
export class MemorySink extends BufferedSink {
  protected readonly isEmitDone = false;
  private readonly chunks: Uint8Array[] = [];

  protected emit(bytes: Uint8Array): void {
    this.chunks.push(bytes);
  }

  /** Every byte written, as one Buffer. */
  toBuffer(): Buffer {
    this.flush();
    return Buffer.concat(this.chunks);
  }
}

/** Postings streamed into an open file from its start. */
export class FileSink extends BufferedSink {
  protected readonly isEmitDone = true;
  private position = 0;

  constructor(private readonly fd: number) {
    super();
  }

  protected emit(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.position + done);
    this.position += bytes.length;
  }
}

/** A typed array of `length` holding the first `length` values of `values`, grown as needed. */
function grown<T extends Uint32Array | Uint8Array | Float64Array>(values: T, length: number, create: (size: number) => T): T {
  if (length <= values.length) return values;
  const next = create(Math.max(length, values.length * 2));
  next.set(values);
  return next;
}

/**
 * Writes a segment term by term, in sorted order: each term's block into `sink`, its dictionary
 * entry into growable arrays. A term's postings may come in parts (one per run, the runs in
 * ordinal order); their field lists are concatenated, re-encoding each part's first gap.
 */
export class SegmentWriter {
  private terms: Uint8Array = new Uint8Array(1 << 16);
  private termBytes = 0;
  private termOffsets = new Uint32Array(1024);
  private documentFrequency = new Uint32Array(1024);
  private fieldMask = new Uint8Array(1024);
  private postingsOffsets = new Float64Array(1024);
  private count = 0;
  private readonly scratch = new Uint8Array(10);
  private readonly header = new Uint8Array(10 * 8);

  constructor(
    private readonly fields: number,
    private readonly sink: PostingsSink,
  ) {}

  /** Adds the next term (UTF-8 bytes above every earlier term's) from its parts in ordinal order. */
  addTerm(term: Uint8Array, parts: readonly TermRecord[]): void {
    let documentFrequency = 0;
    for (const part of parts) documentFrequency += part.documentFrequency;
    let mask = 0;
    let headerLength = 0;
    const listLengths: number[] = [];
    for (let field = 0; field < this.fields; field++) {
      const length = listLength(parts, field);
      listLengths.push(length);
      if (length === 0) continue;
      mask |= 1 << field;
      headerLength = writeVarint(this.header, headerLength, length);
    }
    if (mask === 0) throw new Error("A segment term needs at least one posting");
    this.appendDictionary(term, documentFrequency, mask);
    this.sink.write(this.header.subarray(0, headerLength));
    for (let field = 0; field < this.fields; field++) {
      if (listLengths[field] !== 0) this.writeList(parts, field);
    }
  }

  private appendDictionary(term: Uint8Array, documentFrequency: number, mask: number): void {
    const at = this.count;
    this.terms = grown(this.terms, this.termBytes + term.length, (size) => new Uint8Array(size));
    this.terms.set(term, this.termBytes);
    this.termOffsets = grown(this.termOffsets, at + 2, (size) => new Uint32Array(size));
    this.documentFrequency = grown(this.documentFrequency, at + 1, (size) => new Uint32Array(size));
    this.fieldMask = grown(this.fieldMask, at + 1, (size) => new Uint8Array(size));
    this.postingsOffsets = grown(this.postingsOffsets, at + 2, (size) => new Float64Array(size));
    if (this.termBytes + term.length > 0xffffffff) throw new Error("A segment's terms exceed 4 GB");
    this.termOffsets[at] = this.termBytes;
    this.termBytes += term.length;
    this.termOffsets[at + 1] = this.termBytes;
    this.documentFrequency[at] = documentFrequency;
    this.fieldMask[at] = mask;
    this.postingsOffsets[at] = this.sink.written;
    this.count++;
  }

  private writeList(parts: readonly TermRecord[], field: number): void {
    let count = 0;
    for (const part of parts) count += part.lists[field]?.count ?? 0;
    this.sink.write(this.scratch.subarray(0, writeVarint(this.scratch, 0, count)));
    let previous = -1;
    for (const part of parts) {
      const list = part.lists[field];
      if (list === undefined) continue;
      if (previous < 0) {
        this.sink.write(list.bytes);
      } else {
        const { first, firstLength } = firstOrdinal(list);
        this.sink.write(this.scratch.subarray(0, writeVarint(this.scratch, 0, first - previous)));
        this.sink.write(list.bytes.subarray(firstLength));
      }
      previous = list.last;
    }
  }

  /** The dictionary written so far, with the postings' end as the last offset (after a sink flush). */
  finish(): SegmentDictionary {
    this.sink.flush();
    const n = this.count;
    const termOffsets = this.termOffsets.slice(0, n + 1);
    const postingsOffsets = this.postingsOffsets.slice(0, n + 1);
    postingsOffsets[n] = this.sink.written;
    return {
      terms: Buffer.from(this.terms.slice(0, this.termBytes).buffer),
      termOffsets,
      documentFrequency: this.documentFrequency.slice(0, n),
      fieldMask: this.fieldMask.slice(0, n),
      postingsOffsets,
    };
  }
}

/** The byte length of a term's merged list in `field` (count and postings), 0 when no part has one. */
function listLength(parts: readonly TermRecord[], field: number): number {
  let count = 0;
  let bytes = 0;
  let previous = -1;
  for (const part of parts) {
    const list = part.lists[field];
    if (list === undefined) continue;
    count += list.count;
    if (previous < 0) {
      bytes += list.bytes.length;
    } else {
      const { first, firstLength } = firstOrdinal(list);
      if (first <= previous) throw new Error(`Segment runs overlap: ordinal ${first} follows ${previous}`);
      bytes += list.bytes.length - firstLength + varintLength(first - previous);
    }
    previous = list.last;
  }
  return count === 0 ? 0 : varintLength(count) + bytes;
}

/** A list's first ordinal (its first gap, from 0) and that varint's length. */
function firstOrdinal(list: FieldList): { first: number; firstLength: number } {
  const reader = new VarintReader(list.bytes, 0, list.bytes.length);
  const first = reader.read();
  if (first < 0) throw new Error("A segment run holds a damaged list");
  return { first, firstLength: reader.at };
}
