import { randomUUID } from "node:crypto";
import { closeSync, openSync } from "node:fs";
import { unlink } from "node:fs/promises";
import path from "node:path";
import { firstOccurrenceSlot } from "./field-postings";
import { mergeRuns } from "./merge-runs";
import { PostingLog } from "./posting-log";
import { RunFileReader, writeRunFile } from "./run-file";
import { Segment } from "./segment";
import { SCORE_RESOLUTION } from "../index-config";
import { CODE_RANGE, codeSlot, MAX_FIELDS, postingCode } from "./segment-format";
import { FileSink, MemorySink, SegmentWriter } from "./segment-writer";
import type { TermRecordSource } from "./term-record";

/**
 * About 8 million postings a run: ten bytes each in the posting log, four more while it is
 * sorted, plus the run's distinct terms in a Map, a few hundred MB of heap at most.
 */
const DEFAULT_RUN_POSTINGS = 8_000_000;

/**
 * Builds a {@link Segment} item by item, ordinals ascending. With a spill directory the postings
 * are sorted and written out in runs whenever `runPostings` have gathered, and finish() merges the
 * runs into the segment's postings file there, so the heap holds one run whatever the item count.
 */
export class SegmentBuilder {
  private log = new PostingLog();
  private readonly runFiles: string[] = [];
  private readonly fields: number;
  private readonly spillDir: string | undefined;
  private readonly runPostings: number;
  private readonly name = `segment-${randomUUID().slice(0, 8)}`;
  private lastOrdinal = -1;
  private isFinished = false;
  private itemCount = 0;
  // Scratch for one field's distinct terms, by term id, reused across items: the field that
  // last saw the id (a counter), the term's first position and count there.
  private fieldSerial = 0;
  private seenIn = new Uint32Array(1 << 12);
  private firstPosition = new Uint32Array(1 << 12);
  private count = new Uint32Array(1 << 12);
  private readonly distinct: number[] = [];

  /**
   * `fields`: how many fields (5 for terms, 1 for word pairs). Without `spillDir` everything stays
   * in memory; with it, sorted runs of about `runPostings` postings (default ~8 million) are
   * written to files there and merged by finish(), so the heap stays bounded whatever the item count.
   */
  constructor(options: { fields: number; spillDir?: string; runPostings?: number }) {
    const { fields, spillDir, runPostings = DEFAULT_RUN_POSTINGS } = options;
    if (!Number.isInteger(fields) || fields < 1 || fields > MAX_FIELDS) throw new RangeError(`A segment has 1 to ${MAX_FIELDS} fields, not ${fields}`);
    if (!Number.isInteger(runPostings) || runPostings < 1) throw new RangeError(`runPostings must be a positive integer, not ${runPostings}`);
    this.fields = fields;
    this.spillDir = spillDir;
    this.runPostings = runPostings;
  }

  /** Number of items with at least one term. */
  get items(): number {
    return this.itemCount;
  }

  /**
   * One item's terms: per field, the field's terms in order, repeats included (exactly the
   * array the lead hands FlexSearch joined by spaces). Ordinals strictly ascending across calls;
   * an item may have no fields. Terms are non-empty and hold no "\n".
   */
  addItem(ordinal: number, fields: ReadonlyArray<{ field: number; terms: readonly string[] }>): void {
    if (this.isFinished) throw new Error("SegmentBuilder.addItem after finish()");
    if (!Number.isInteger(ordinal) || ordinal <= this.lastOrdinal || ordinal > 0xffffffff) {
      throw new RangeError(`Segment ordinals must ascend: ${ordinal} after ${this.lastOrdinal}`);
    }
    // Checked before anything is logged, so a refused item leaves the builder as it was.
    let seenFields = 0;
    for (const { field, terms } of fields) {
      if (!Number.isInteger(field) || field < 0 || field >= this.fields) throw new RangeError(`Item ${ordinal}: field ${field} outside 0..${this.fields - 1}`);
      if ((seenFields & (1 << field)) !== 0) throw new Error(`Item ${ordinal}: field ${field} given twice`);
      seenFields |= 1 << field;
      if (terms.some((term) => term.length === 0)) throw new Error(`Item ${ordinal}: an empty term in field ${field}`);
    }
    this.lastOrdinal = ordinal;
    let hasTerms = false;
    for (const { field, terms } of fields) {
      if (terms.length === 0) continue;
      hasTerms = true;
      this.addField(ordinal, field, terms);
    }
    if (hasTerms) this.itemCount++;
    if (this.spillDir !== undefined && this.log.length >= this.runPostings) this.spill(this.spillDir);
  }

  /**
   * One item's distinct terms of one field with the code each posting stores, given rather than
   * counted from the terms (word pairs store their first position this way: pair-positions.ts).
   * Codes are valid posting codes (segment-format.ts postingCode). Ordinals ascend across calls as in {@link addItem}.
   */
  addCodedItem(ordinal: number, field: number, terms: readonly string[], codes: readonly number[]): void {
    if (this.isFinished) throw new Error("SegmentBuilder.addCodedItem after finish()");
    if (!Number.isInteger(ordinal) || ordinal <= this.lastOrdinal || ordinal > 0xffffffff) {
      throw new RangeError(`Segment ordinals must ascend: ${ordinal} after ${this.lastOrdinal}`);
    }
    if (!Number.isInteger(field) || field < 0 || field >= this.fields) throw new RangeError(`Item ${ordinal}: field ${field} outside 0..${this.fields - 1}`);
    if (codes.length !== terms.length) throw new Error(`Item ${ordinal}: ${terms.length} terms, ${codes.length} codes`);
    if (terms.some((term) => term.length === 0)) throw new Error(`Item ${ordinal}: an empty term in field ${field}`);
    if (codes.some((code) => !Number.isInteger(code) || code < 0 || code >= CODE_RANGE || codeSlot(code) >= SCORE_RESOLUTION)) throw new RangeError(`Item ${ordinal}: a code no posting can hold`);
    // Terms given twice are found through the interned ids and the field scratch (a Set per item
    // cost ~9 µs, 9 s of a 1M build); then the item is refused before anything is logged,
    // though its terms stay interned (the build stops on it).
    const { log, distinct } = this;
    const serial = ++this.fieldSerial;
    distinct.length = 0;
    for (const term of terms) {
      const id = log.intern(term);
      if (id >= this.seenIn.length) this.growScratch(log.termCount);
      if (this.seenIn[id] === serial) throw new Error(`Item ${ordinal}: a term given twice in field ${field}`);
      this.seenIn[id] = serial;
      distinct.push(id);
    }
    this.lastOrdinal = ordinal;
    if (terms.length === 0) return;
    for (let i = 0; i < distinct.length; i++) log.add(distinct[i] ?? 0, ordinal, field, codes[i] ?? 0);
    this.itemCount++;
    if (this.spillDir !== undefined && this.log.length >= this.runPostings) this.spill(this.spillDir);
  }

  private addField(ordinal: number, field: number, terms: readonly string[]): void {
    const { log, distinct } = this;
    const serial = ++this.fieldSerial;
    distinct.length = 0;
    for (let position = 0; position < terms.length; position++) {
      const id = log.intern(terms[position] ?? "");
      if (id >= this.seenIn.length) this.growScratch(log.termCount);
      if (this.seenIn[id] === serial) {
        this.count[id] = (this.count[id] ?? 0) + 1;
        continue;
      }
      this.seenIn[id] = serial;
      this.firstPosition[id] = position;
      this.count[id] = 1;
      distinct.push(id);
    }
    for (const id of distinct) {
      const slot = firstOccurrenceSlot(this.firstPosition[id] ?? 0, terms.length);
      log.add(id, ordinal, field, postingCode(slot, this.count[id] ?? 1));
    }
  }

  private growScratch(terms: number): void {
    const size = Math.max(terms, this.seenIn.length * 2);
    const grown = (values: Uint32Array) => {
      const next = new Uint32Array(size);
      next.set(values);
      return next;
    };
    this.seenIn = grown(this.seenIn);
    this.firstPosition = grown(this.firstPosition);
    this.count = grown(this.count);
  }

  private spill(spillDir: string): void {
    const file = path.join(spillDir, `${this.name}-run-${this.runFiles.length}.bin`);
    writeRunFile(file, this.log.sortedRecords(this.fields), this.fields);
    this.runFiles.push(file);
    this.newLog();
  }

  /** Starts a run: term ids restart from 0, so the scratch's field serials must not match old ids. */
  private newLog(): void {
    this.log = new PostingLog();
    this.seenIn.fill(0);
    this.fieldSerial = 0;
  }

  /** Abandons the builder: deletes the runs it spilled and drops what it holds. */
  async discard(): Promise<void> {
    this.isFinished = true;
    this.newLog();
    await Promise.all(this.runFiles.map((run) => unlink(run).catch(() => undefined)));
    this.runFiles.length = 0;
  }

  /**
   * Finishes a builder without a spill directory synchronously (one run, nothing to merge): the
   * in-memory build of buildSearchIndex.
   */
  finishInMemory(): Segment {
    if (this.spillDir !== undefined) throw new Error("SegmentBuilder.finishInMemory() on a builder with a spill directory; use finish()");
    if (this.isFinished) throw new Error("SegmentBuilder.finish() called twice");
    this.isFinished = true;
    const run = this.log.length > 0 ? this.log.sortedRecords(this.fields) : null;
    this.log = new PostingLog();
    const sink = new MemorySink();
    const writer = new SegmentWriter(this.fields, sink);
    try {
      for (let record = run?.next() ?? null; record !== null; record = run?.next() ?? null) writer.addTerm(record.term, [record]);
    } finally {
      run?.close();
    }
    return Segment.fromMemory(this.fields, writer.finish(), sink.toBuffer());
  }

  /** Finishes: merges runs; returns the segment (file-backed in spillDir, or in memory). */
  async finish(): Promise<Segment> {
    if (this.isFinished) throw new Error("SegmentBuilder.finish() called twice");
    this.isFinished = true;
    const { spillDir, fields } = this;
    const lastRun = this.log.length > 0 ? this.log.sortedRecords(fields) : null;
    this.newLog();
    if (spillDir === undefined) {
      const sink = new MemorySink();
      const writer = new SegmentWriter(fields, sink);
      await mergeRuns(lastRun === null ? [] : [lastRun], writer);
      return Segment.fromMemory(fields, writer.finish(), sink.toBuffer());
    }
    const sources: TermRecordSource[] = [];
    const file = path.join(spillDir, `${this.name}-postings.bin`);
    const fd = openSync(file, "w");
    try {
      for (const run of this.runFiles) sources.push(new RunFileReader(run, fields));
      if (lastRun !== null) sources.push(lastRun);
      const writer = new SegmentWriter(fields, new FileSink(fd));
      await mergeRuns(sources, writer);
      const dictionary = writer.finish();
      return Segment.fromPostingsFile(fields, dictionary, file);
    } finally {
      for (const source of sources) source.close();
      closeSync(fd);
      await Promise.all(this.runFiles.map((run) => unlink(run).catch(() => undefined)));
    }
  }
}
