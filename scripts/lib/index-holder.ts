/**
 * One process holding an exported search index, as a web process does (bench:shared-index):
 * `tsx scripts/lib/index-holder.ts <indexDir> [port | reload]`. Loads the index, answers the
 * benchmark's queries once (warm-up), then prints one JSON line (RSS, heap, load time). With
 * `reload` it first loads the index a second time while holding the first, as a server does when
 * a new version appears, and adds that peak (reloadPeakRssBytes, reloadPeakHeapBytes). With a port it then
 * serves searches over HTTP on 127.0.0.1 (POST /search, body: SearchParams as JSON; answer: the
 * search result as JSON), the search-worker alternative in which web processes hold no index.
 */
import { createServer } from "node:http";
import { importSearchIndex } from "@/lib/search/index-store";
import { searchItems } from "@/lib/search/query";
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from "@/lib/search/search-params";
import { SHARED_INDEX_QUERIES } from "./shared-index-queries";

const [dir, portText] = process.argv.slice(2);
if (dir === undefined) {
  console.error("Usage: tsx scripts/lib/index-holder.ts <indexDir> [port]");
  process.exit(2);
}
const started = performance.now();
const index = await importSearchIndex(dir);
const loadMs = performance.now() - started;
const timings: number[] = [];
for (let rep = 0; rep < 20; rep++) {
  for (const params of SHARED_INDEX_QUERIES) {
    const at = performance.now();
    searchItems(index, { ...DEFAULT_SEARCH_PARAMS, ...params });
    if (rep >= 5) timings.push(performance.now() - at);
  }
}
(globalThis as { gc?: () => void }).gc?.();
const memory = process.memoryUsage();
timings.sort((a, b) => a - b);
const report = {
  items: index.size,
  loadMs,
  rssBytes: memory.rss,
  heapBytes: memory.heapUsed,
  // ArrayBuffers are counted within external already.
  externalBytes: memory.external,
  p50Ms: timings[Math.floor(timings.length / 2)] ?? 0,
  p95Ms: timings[Math.floor(timings.length * 0.95)] ?? 0,
};
if (portText === "reload") {
  const second = await importSearchIndex(dir);
  (globalThis as { gc?: () => void }).gc?.();
  const peak = process.memoryUsage();
  console.log(JSON.stringify({ ...report, reloadPeakRssBytes: peak.rss, reloadPeakHeapBytes: peak.heapUsed, reloadedItems: second.size, heldItems: index.size }));
} else if (portText === undefined) {
  console.log(JSON.stringify(report));
} else {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const params = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Partial<SearchParams>;
      const at = performance.now();
      const result = searchItems(index, { ...DEFAULT_SEARCH_PARAMS, ...params });
      // The search alone, so a client can tell it from the cost of the round trip and the JSON.
      const searchMs = performance.now() - at;
      res.writeHead(200, { "content-type": "application/json", "x-search-ms": searchMs.toFixed(3) });
      res.end(JSON.stringify(result));
    });
  });
  server.listen(Number(portText), "127.0.0.1", () => console.log(JSON.stringify(report)));
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}
