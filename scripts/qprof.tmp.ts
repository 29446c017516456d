// Times each bench query in-process against an exported index: node --import tsx /tmp/rp/qprof.ts <indexDir> [reps] [only]
import { importSearchIndex } from "@/lib/search/index-store";
import { searchItems } from "@/lib/search/query";
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from "@/lib/search/search-params";
import { BENCH_QUERIES, queryLabel } from "@/scripts/lib/bench-queries";

const [dir, repsArg, only] = process.argv.slice(2);
const reps = Number(repsArg ?? 30);
const t0 = performance.now();
const index = await importSearchIndex(dir!);
console.log(`import ${(performance.now() - t0).toFixed(0)} ms, size ${index.size}, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);
const selected = only ? only.split(",").map((n) => Number(n) - 1) : BENCH_QUERIES.map((_, i) => i);
for (const i of selected) {
  const query = BENCH_QUERIES[i]!;
  const params: SearchParams = { ...DEFAULT_SEARCH_PARAMS, ...query.params };
  let result = searchItems(index, params);
  for (let w = 0; w < 3; w++) result = searchItems(index, params);
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const s = performance.now();
    result = searchItems(index, params);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`${String(i + 1).padStart(2)} ${queryLabel(query).padEnd(45)} hits ${String(result.total).padStart(8)}  p50 ${p(0.5).padStart(6)}  p95 ${p(0.95).padStart(6)}`);
}
