/**
 * The process memory bench scripts compare around an index import. An exported index keeps its
 * item columns and segment dictionaries in ArrayBuffers (outside the V8 heap) and reads its
 * postings and section texts from disk on demand, so the heap alone grows little or even shrinks
 * (a collection during the import): what loading cost is the heap's growth plus the external
 * memory's. Node counts ArrayBuffers within `external`; they are shown, not added again.
 */
export interface MemorySample {
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  rss: number;
}

const MB = 1024 * 1024;

/**
 * This process's memory once garbage is collected, when run with --expose-gc (as is, without):
 * twice, a turn of the event loop apart, as ArrayBuffers a collection frees leave `external`
 * a moment later (a build's leftovers otherwise counted as memory the import freed).
 */
export async function sampleSettledMemory(): Promise<MemorySample> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let round = 0; round < 2 && gc !== undefined; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return sampleMemory();
}

/** This process's memory now. */
export function sampleMemory(): MemorySample {
  const { heapUsed, external, arrayBuffers, rss } = process.memoryUsage();
  return { heapUsed, external, arrayBuffers, rss };
}

/** "+12 MB", "-3 MB", "0 MB": a growth in whole megabytes, signed. */
export function formatSignedMb(bytes: number): string {
  const megabytes = Math.round(bytes / MB);
  return `${megabytes > 0 ? "+" : ""}${megabytes === 0 ? 0 : megabytes} MB`;
}

/** What a load added between `before` and `after`, in Danish as the bench lines print it: heap, outside the heap (of which ArrayBuffers), their sum, and RSS. */
export function formatMemoryGrowth(before: MemorySample, after: MemorySample): string {
  const heap = after.heapUsed - before.heapUsed;
  const external = after.external - before.external;
  return (
    `heap ${formatSignedMb(heap)}, uden for heap ${formatSignedMb(external)} (heraf ArrayBuffers ${formatSignedMb(after.arrayBuffers - before.arrayBuffers)}), ` +
    `i alt ${formatSignedMb(heap + external)}; RSS ${Math.round(after.rss / MB)} MB (før ${Math.round(before.rss / MB)} MB)`
  );
}
