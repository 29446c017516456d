import type { SegmentWriter } from "./segment-writer";
import type { TermRecord, TermRecordSource } from "./term-record";

/** Terms merged between two yields to the event loop, so a long merge does not starve it. */
const TERMS_PER_YIELD = 1 << 16;

interface Head {
  record: TermRecord;
  /** The run's position: runs hold ascending ordinals in this order. */
  run: number;
}

function before(a: Head, b: Head): boolean {
  const order = Buffer.compare(a.record.term, b.record.term);
  return order < 0 || (order === 0 && a.run < b.run);
}

/**
 * Merges sorted runs (in ordinal order) into `writer`: a binary heap of the runs' current
 * terms; each term's parts go to the writer in run order. Closes the sources.
 */
export async function mergeRuns(sources: readonly TermRecordSource[], writer: SegmentWriter): Promise<void> {
  const heap: Head[] = [];
  try {
    sources.forEach((source, run) => {
      const record = source.next();
      if (record !== null) push(heap, { record, run });
    });
    let merged = 0;
    const parts: Head[] = [];
    while (heap.length > 0) {
      const first = pop(heap);
      parts.length = 0;
      parts.push(first);
      while (heap.length > 0 && Buffer.compare(heap[0]?.record.term ?? first.record.term, first.record.term) === 0) parts.push(pop(heap));
      writer.addTerm(first.record.term, parts.map((part) => part.record));
      // A run's record is valid until its next one: advance only after the term is written.
      for (const part of parts) {
        const record = sources[part.run]?.next() ?? null;
        if (record !== null) push(heap, { record, run: part.run });
      }
      if (++merged % TERMS_PER_YIELD === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    for (const source of sources) source.close();
  }
}

function push(heap: Head[], head: Head): void {
  heap.push(head);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const up = heap[parent];
    if (up === undefined || !before(head, up)) break;
    heap[i] = up;
    i = parent;
  }
  heap[i] = head;
}

function pop(heap: Head[]): Head {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined) throw new Error("pop from an empty heap");
  if (heap.length === 0) return top;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const leftHead = heap[left];
    const rightHead = heap[right];
    let child = left;
    let childHead = leftHead;
    if (rightHead !== undefined && leftHead !== undefined && before(rightHead, leftHead)) {
      child = right;
      childHead = rightHead;
    }
    if (childHead === undefined || !before(childHead, last)) break;
    heap[i] = childHead;
    i = child;
  }
  heap[i] = last;
  return top;
}
