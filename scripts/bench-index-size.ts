/**
 * npm run bench:index-size [-- --items 100000 --seed 20240319 --cache <file.jsonl> --reps 50 --warmup 5 --keep <dir>]
 * The exported search index's size and what reading it costs, without a database: generates
 * about `--items` agenda items with the corpus generator (or reads them from `--cache`, written
 * when missing, one JSON document a line), builds the index as `npm run index` does (streamed,
 * section texts spilled to a file), exports it and prints its size per group of files, the
 * export and import times, the memory loading it takes (heap and outside it), what reading one item's sections
 * costs, and p50/p95 of plain, phrase and section-restricted (`felt`) queries. Run with
 * `node --expose-gc --import tsx scripts/bench-index-size.ts` for stable heap figures. Prints
 * figures only; asserts nothing.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildSearchIndexFrom, newIndexVersion } from "@/lib/search/build-index";
import { exportSearchIndex, importSearchIndex } from "@/lib/search/index-store";
import { searchItems } from "@/lib/search/query";
import type { SearchDocument } from "@/lib/search/search-document";
import type { SearchIndex } from "@/lib/search/search-index";
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from "@/lib/search/search-params";
import { SpillSectionStore } from "@/lib/search/section-store";
import { generatedSearchDocuments, ITEMS_PER_MEETING, readDocumentCache, writeDocumentCache } from "./lib/bench-documents";
import { formatMemoryGrowth, sampleSettledMemory } from "./lib/bench-memory";

const MB = 1024 * 1024;
const IMPORTS = 3;
const SECTION_READS = 20_000;

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "100000" },
    seed: { type: "string", default: "20240319" },
    cache: { type: "string" },
    reps: { type: "string", default: "50" },
    warmup: { type: "string", default: "5" },
    keep: { type: "string" },
  },
});
const items = Number(values.items);
const seed = Number(values.seed);
const reps = Number(values.reps);
const warmup = Number(values.warmup);
if (![items, seed, reps].every((n) => Number.isInteger(n) && n > 0) || !Number.isInteger(warmup) || warmup < 0) {
  console.error("Usage: npm run bench:index-size -- [--items N] [--seed N] [--cache file.jsonl] [--reps N] [--warmup N] [--keep dir]");
  process.exit(2);
}

/** Plain, phrase (verified against the stored texts) and section-restricted queries. */
const QUERIES: Array<{ kind: "ord" | "frase" | "felt"; params: Partial<SearchParams> }> = [
  { kind: "ord", params: { q: "Ukraine" } },
  { kind: "ord", params: { q: "kommune" } },
  { kind: "ord", params: { q: "negativ social kontrol" } },
  { kind: "frase", params: { q: '"negativ social kontrol"' } },
  { kind: "frase", params: { q: '"orientering taget til efterretning"' } },
  { kind: "frase", params: { q: '"forvaltningen orienterer udvalget"' } },
  { kind: "felt", params: { q: "budget", felt: "indstilling" } },
  { kind: "felt", params: { q: "kommune", felt: "sagsfremstilling" } },
  { kind: "felt", params: { q: "godkendt", felt: "beslutning" } },
  { kind: "felt", params: { q: '"tages til efterretning"', felt: "indstilling" } },
];

/** File groups of an export, by the start of the file's path within its version directory. */
const GROUPS: Array<[string, (file: string) => boolean]> = [
  ["sections (afsnitstekster)", (file) => file.startsWith("sections")],
  ["terms-* (termsegment)", (file) => file.startsWith("terms")],
  ["pairs-* (ordparsegment)", (file) => file.startsWith("pairs")],
  ["items-* (punktkolonner)", (file) => file.startsWith("items-")],
  ["facets, labels, meta", () => true],
];

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const gc = (globalThis as { gc?: () => void }).gc;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

async function filesOf(dir: string): Promise<Array<{ file: string; bytes: number }>> {
  const files: Array<{ file: string; bytes: number }> = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.push({ file: path.relative(dir, full), bytes: (await stat(full)).size });
  }
  return files;
}

async function* documents(): AsyncGenerator<SearchDocument> {
  const meetings = Math.ceil(items / ITEMS_PER_MEETING);
  if (values.cache === undefined) {
    yield* generatedSearchDocuments(meetings, seed);
    return;
  }
  if (!existsSync(values.cache)) await writeDocumentCache(values.cache, generatedSearchDocuments(meetings, seed), console.log);
  let count = 0;
  for await (const doc of readDocumentCache(values.cache)) {
    if (count++ >= items) return;
    yield doc;
  }
}

function timeQuery(index: SearchIndex, params: SearchParams): { p50: number; p95: number; total: number } {
  let total = 0;
  for (let i = 0; i < warmup; i++) total = searchItems(index, params).total;
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    searchItems(index, params);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), total };
}

/** Microseconds per `sections.at` of random ordinals (a fixed sequence), and the text bytes read. */
function timeSectionReads(index: SearchIndex): { microseconds: number; textBytes: number } {
  let state = 12345;
  const ordinals = Array.from({ length: SECTION_READS }, () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % index.size;
  });
  let textBytes = 0;
  const started = performance.now();
  for (const ordinal of ordinals) for (const section of index.items.sections.at(ordinal)) textBytes += section.text.length;
  return { microseconds: ((performance.now() - started) * 1000) / ordinals.length, textBytes };
}

const workDir = await mkdtemp(path.join(os.tmpdir(), "bench-index-size-"));
const indexDir = values.keep ?? path.join(workDir, "index");
try {
  const spillDir = path.join(workDir, "spill");
  await mkdir(spillDir);
  let started = performance.now();
  let built: SearchIndex | null = await buildSearchIndexFrom(documents(), newIndexVersion(), { changeWatermark: 0, readAtMs: Date.now() }, SpillSectionStore.create(spillDir), undefined, spillDir);
  const buildMs = performance.now() - started;
  const size = built.size;
  started = performance.now();
  await exportSearchIndex(built, indexDir);
  const exportMs = performance.now() - started;
  built = null;
  await rm(spillDir, { recursive: true, force: true });

  const versions = (await readdir(indexDir, { withFileTypes: true })).filter((entry) => entry.isDirectory());
  const versionDir = path.join(indexDir, versions[0]?.name ?? "");
  const files = await filesOf(versionDir);
  const total = files.reduce((sum, { bytes }) => sum + bytes, 0);
  console.log(`Indeks over ${size} punkter: bygget på ${(buildMs / 1000).toFixed(1)} s, eksporteret på ${(exportMs / 1000).toFixed(1)} s`);
  console.log(`\nEksport på disk: ${mb(total)} (${(total / size).toFixed(0)} byte pr. punkt, ≈ ${((total / size) * 1e6 / 1024 / MB).toFixed(2)} GB ved 1M)`);
  const unclaimed = [...files];
  for (const [label, belongs] of GROUPS) {
    const group = unclaimed.filter(({ file }) => belongs(file));
    for (const file of group) unclaimed.splice(unclaimed.indexOf(file), 1);
    const bytes = group.reduce((sum, { bytes: b }) => sum + b, 0);
    console.log(`  ${label.padEnd(28)} ${mb(bytes).padStart(10)}  ${String(group.length).padStart(3)} fil(er), ${(bytes / size).toFixed(0).padStart(6)} byte pr. punkt`);
  }

  const memoryBefore = await sampleSettledMemory();
  const importTimes: number[] = [];
  let index: SearchIndex | null = null;
  for (let i = 0; i < IMPORTS; i++) {
    index = null;
    gc?.();
    started = performance.now();
    index = await importSearchIndex(indexDir);
    importTimes.push(performance.now() - started);
  }
  if (index === null) throw new Error("no import");
  console.log(`\nImport (${IMPORTS} gange): ${importTimes.map((t) => `${(t / 1000).toFixed(2)} s`).join(", ")}; indlæsningen: ${formatMemoryGrowth(memoryBefore, await sampleSettledMemory())}${gc ? "" : " — kør med --expose-gc for stabile tal"}`);

  timeSectionReads(index);
  const reads = timeSectionReads(index);
  console.log(`Afsnit af ét punkt (sections.at, ${SECTION_READS} tilfældige punkter): ${reads.microseconds.toFixed(1)} µs pr. punkt (${(reads.textBytes / SECTION_READS).toFixed(0)} tegn tekst pr. punkt)`);

  console.log(`\n${"Forespørgsel".padEnd(60)} ${"p50".padStart(9)} ${"p95".padStart(9)} ${"hits".padStart(7)}`);
  for (const query of QUERIES) {
    const timing = timeQuery(index, { ...DEFAULT_SEARCH_PARAMS, ...query.params });
    const label = `${query.kind.padEnd(6)} ${JSON.stringify(query.params)}`;
    console.log(`${label.slice(0, 60).padEnd(60)} ${ms(timing.p50).padStart(9)} ${ms(timing.p95).padStart(9)} ${String(timing.total).padStart(7)}`);
  }
  console.log(`(${warmup} opvarmninger, ${reps} målte kørsler pr. forespørgsel; maskinens belastning: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")})`);
} finally {
  await rm(workDir, { recursive: true, force: true });
}
