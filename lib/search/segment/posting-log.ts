import { isWellFormed, sortByCodePoint } from "./code-point-order";
import type { FieldList, TermRecord, TermRecordSource } from "./term-record";
import { ByteWriter } from "./varint";

const FIELD_SHIFT = 9;
const CODE_MASK = (1 << FIELD_SHIFT) - 1;

/**
 * The postings of one run of a build, in insertion order: ten bytes a posting in three typed
 * columns (term id, ordinal, field and code), not an object per term, so a run of millions of
 * postings costs a predictable amount of heap. Sorted into term records by {@link sortedRecords}.
 */
export class PostingLog {
  private readonly ids = new Map<string, number>();
  private termIds = new Uint32Array(1 << 12);
  private ordinals = new Uint32Array(1 << 12);
  /** `field << 9 | code`. */
  private codes = new Uint16Array(1 << 12);
  private frequency = new Uint32Array(1 << 10);
  /** The last ordinal + 1 that counted toward a term's frequency (0: none). */
  private lastItem = new Float64Array(1 << 10);
  /** Postings logged. */
  length = 0;

  /** The id of `term` in this log, given to it on first sight. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(term, id);
      if (id >= this.frequency.length) {
        this.frequency = grow(this.frequency, new Uint32Array(this.frequency.length * 2));
        this.lastItem = grow(this.lastItem, new Float64Array(this.lastItem.length * 2));
      }
    }
    return id;
  }

  /** Logs that item `ordinal` holds term `id` in `field` with `code`; items arrive in ordinal order. */
  add(id: number, ordinal: number, field: number, code: number): void {
    if (this.lastItem[id] !== ordinal + 1) {
      this.lastItem[id] = ordinal + 1;
      this.frequency[id] = (this.frequency[id] ?? 0) + 1;
    }
    const at = this.length;
    if (at >= this.termIds.length) {
      const size = this.termIds.length * 2;
      this.termIds = grow(this.termIds, new Uint32Array(size));
      this.ordinals = grow(this.ordinals, new Uint32Array(size));
      this.codes = grow(this.codes, new Uint16Array(size));
    }
    this.termIds[at] = id;
    this.ordinals[at] = ordinal;
    this.codes[at] = (field << FIELD_SHIFT) | code;
    this.length++;
  }

  /** Terms interned. */
  get termCount(): number {
    return this.ids.size;
  }

  /** The logged postings as term records in code point order of the terms. */
  sortedRecords(fields: number): TermRecordSource {
    const terms = sortByCodePoint([...this.ids.keys()]);
    // A lone surrogate has no UTF-8 form: such a term would not read back as it was added.
    const bad = terms.find((term) => !isWellFormed(term));
    if (bad !== undefined) throw new Error(`Index term ${JSON.stringify(bad)} holds a lone surrogate (no UTF-8 form)`);
    // Bucket the postings by term id, keeping their (ordinal) order within a term.
    const termCount = this.ids.size;
    const starts = new Uint32Array(termCount + 1);
    for (let i = 0; i < this.length; i++) {
      const id = (this.termIds[i] ?? 0) + 1;
      starts[id] = (starts[id] ?? 0) + 1;
    }
    for (let id = 0; id < termCount; id++) starts[id + 1] = (starts[id + 1] ?? 0) + (starts[id] ?? 0);
    const next = starts.slice(0, termCount);
    const order = new Uint32Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const id = this.termIds[i] ?? 0;
      order[next[id] ?? 0] = i;
      next[id] = (next[id] ?? 0) + 1;
    }
    return new LogRecords(this, terms, starts, order, fields);
  }

  /** The id of a logged term. */
  idOf(term: string): number {
    return this.ids.get(term) ?? -1;
  }

  /** Items of this log holding a term, by id. */
  frequencyOf(id: number): number {
    return this.frequency[id] ?? 0;
  }

  ordinalAt(i: number): number {
    return this.ordinals[i] ?? 0;
  }

  codeAt(i: number): number {
    return this.codes[i] ?? 0;
  }
}

function grow<T extends Uint32Array | Uint16Array | Float64Array>(values: T, into: T): T {
  into.set(values);
  return into;
}

/** Walks a {@link PostingLog}'s terms in sorted order, encoding each term's field lists. */
class LogRecords implements TermRecordSource {
  private index = 0;
  private readonly writers: ByteWriter[];
  private readonly counts: number[];
  private readonly lasts: number[];

  constructor(
    private readonly log: PostingLog,
    private readonly terms: string[],
    private readonly starts: Uint32Array,
    private readonly order: Uint32Array,
    private readonly fields: number,
  ) {
    this.writers = Array.from({ length: fields }, () => new ByteWriter());
    this.counts = new Array<number>(fields).fill(0);
    this.lasts = new Array<number>(fields).fill(0);
  }

  next(): TermRecord | null {
    const term = this.terms[this.index++];
    if (term === undefined) return null;
    const { log, writers, counts, lasts } = this;
    const id = log.idOf(term);
    for (let field = 0; field < this.fields; field++) {
      writers[field]?.clear();
      counts[field] = 0;
      lasts[field] = 0;
    }
    const end = this.starts[id + 1] ?? 0;
    for (let k = this.starts[id] ?? 0; k < end; k++) {
      const i = this.order[k] ?? 0;
      const packed = log.codeAt(i);
      const field = packed >>> FIELD_SHIFT;
      const ordinal = log.ordinalAt(i);
      const writer = writers[field];
      if (writer === undefined) continue;
      writer.varint(ordinal - (lasts[field] ?? 0));
      writer.varint(packed & CODE_MASK);
      counts[field] = (counts[field] ?? 0) + 1;
      lasts[field] = ordinal;
    }
    const lists: (FieldList | undefined)[] = [];
    for (let field = 0; field < this.fields; field++) {
      const count = counts[field] ?? 0;
      lists.push(count === 0 ? undefined : { count, last: lasts[field] ?? 0, bytes: writers[field]?.view() ?? new Uint8Array(0) });
    }
    return { term: Buffer.from(term, "utf8"), documentFrequency: log.frequencyOf(id), lists };
  }

  close(): void {}
}
