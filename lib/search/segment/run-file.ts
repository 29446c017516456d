import { closeSync, openSync, readSync } from "node:fs";
import type { FieldList, TermRecord, TermRecordSource } from "./term-record";
import { FileSink } from "./segment-writer";
import { ByteWriter, VarintReader } from "./varint";

/**
 * A sorted run of a spilling build, on disk until the final merge. Each term is a record: its
 * byte length (Uint32), then varints: the term's UTF-8 length and bytes, its frequency in the
 * run, its field mask, and per field in the mask the list's count, last ordinal, byte length
 * and bytes (as in a segment: gaps from 0, codes).
 */

/** Writes every record of `source` into the file `file` (created or replaced). */
export function writeRunFile(file: string, source: TermRecordSource, fields: number): void {
  const fd = openSync(file, "w");
  try {
    const sink = new FileSink(fd);
    const record = new ByteWriter(1 << 16);
    for (let term = source.next(); term !== null; term = source.next()) {
      record.clear();
      record.reserve(4);
      record.length = 4;
      record.varint(term.term.length);
      record.append(term.term);
      record.varint(term.documentFrequency);
      let mask = 0;
      term.lists.forEach((list, field) => {
        if (list !== undefined) mask |= 1 << field;
      });
      record.varint(mask);
      for (let field = 0; field < fields; field++) {
        const list = term.lists[field];
        if (list === undefined) continue;
        record.varint(list.count);
        record.varint(list.last);
        record.varint(list.bytes.length);
        record.append(list.bytes);
      }
      new DataView(record.bytes.buffer, record.bytes.byteOffset).setUint32(0, record.length - 4, true);
      sink.write(record.view());
    }
    sink.flush();
  } finally {
    closeSync(fd);
    source.close();
  }
}

const READ_CHUNK_BYTES = 1 << 20;

/** Reads a run file's records in order; each record is valid until the next call. */
export class RunFileReader implements TermRecordSource {
  private readonly fd: number;
  private buffer = new Uint8Array(READ_CHUNK_BYTES);
  /** Unread bytes are buffer[at, filled). */
  private at = 0;
  private filled = 0;
  private position = 0;
  private isClosed = false;

  constructor(
    private readonly file: string,
    private readonly fields: number,
  ) {
    this.fd = openSync(file, "r");
  }

  next(): TermRecord | null {
    if (!this.ensure(4)) return null;
    const length = new DataView(this.buffer.buffer, this.buffer.byteOffset + this.at, 4).getUint32(0, true);
    this.at += 4;
    if (!this.ensure(length)) throw new Error(`Segment run ${this.file} ends inside a record`);
    const end = this.at + length;
    const reader = new VarintReader(this.buffer, this.at, end);
    const termLength = reader.read();
    const term = this.buffer.subarray(reader.at, reader.at + termLength);
    reader.at += termLength;
    const documentFrequency = reader.read();
    const mask = reader.read();
    const lists: (FieldList | undefined)[] = [];
    for (let field = 0; field < this.fields; field++) {
      if ((mask & (1 << field)) === 0) {
        lists.push(undefined);
        continue;
      }
      const count = reader.read();
      const last = reader.read();
      const bytes = reader.read();
      lists.push({ count, last, bytes: this.buffer.subarray(reader.at, reader.at + bytes) });
      reader.at += bytes;
    }
    if (termLength < 1 || documentFrequency < 1 || reader.at !== end) throw new Error(`Segment run ${this.file} holds a damaged record`);
    this.at = end;
    return { term, documentFrequency, lists };
  }

  /** Makes `length` unread bytes available from `at`; false at the end of the file. */
  private ensure(length: number): boolean {
    if (this.filled - this.at >= length) return true;
    const unread = this.buffer.subarray(this.at, this.filled);
    // Earlier records' views die here: the caller is done with them.
    if (length > this.buffer.length) {
      const bigger = new Uint8Array(Math.max(length, this.buffer.length * 2));
      bigger.set(unread);
      this.buffer = bigger;
    } else {
      this.buffer.copyWithin(0, this.at, this.filled);
    }
    this.filled = unread.length;
    this.at = 0;
    while (this.filled < length) {
      const read = readSync(this.fd, this.buffer, this.filled, this.buffer.length - this.filled, this.position);
      if (read === 0) break;
      this.filled += read;
      this.position += read;
    }
    if (this.filled === 0) return false;
    if (this.filled < length) throw new Error(`Segment run ${this.file} ends inside a record`);
    return true;
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    closeSync(this.fd);
  }
}
