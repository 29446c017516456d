/**
 * One term's postings as a sorted run of a build holds them (segment-builder.ts): what the runs
 * hand the final merge. The lists are views valid until the run's next record.
 */
export interface TermRecord {
  /** The term's UTF-8 bytes. */
  term: Uint8Array;
  /** Items of the run holding the term in any field. */
  documentFrequency: number;
  /** By field: the run's postings of the term in that field, or undefined. */
  lists: ReadonlyArray<FieldList | undefined>;
}

/** A run's postings of one term in one field. */
export interface FieldList {
  /** Postings in the list (≥ 1). */
  count: number;
  /** The list's last ordinal. */
  last: number;
  /** Per posting: the ordinal's gap from the previous one (the first from 0), then its code; varints. */
  bytes: Uint8Array;
}

/** Sorted term records, one term at a time; null when done. */
export interface TermRecordSource {
  next(): TermRecord | null;
  /** Releases what the source holds open (its file). */
  close(): void;
}
