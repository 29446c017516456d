/**
 * npm run bench:search [-- --items 100000 --seed N --reps 100 --warmup 5 --port 3130 --keep --skip-freshness --fill sql|ingest]
 * Generates a corpus of about `--items` agenda items and loads it into a fresh throwaway database
 * (`--fill sql`, the default: parsed as the ingest parses and written straight in SQL, minutes for
 * a million items, scripts/lib/bench-fill.ts; `--fill ingest`: through the real ingest, ~1.5 h
 * at a million), ingests data/samples through the real ingest, builds the index from the database
 * as `npm run index` reads it (streamed, section texts spilled to a file), exports and
 * re-imports it, then times a fixed query set
 * against the index (searchItems: facets, snippets and all) and against PostgreSQL full-text
 * search in the same database (scripts/lib/bench-postgres.ts), with the same warm-up and
 * repetitions, side by side; prints where each engine ranks the sample items (the relevance
 * table) and, from a running server, how soon a newly ingested document is found. `--keep` keeps
 * the database (bench_search_<items>_<seed>) and reuses it on the next run instead of ingesting
 * again. Run with `node --expose-gc --import tsx scripts/bench-search.ts` for stable heap figures.
 * `--only-freshness` (implies `--keep`) measures only cold start and freshness: on the kept
 * database, with an index exported once into .data/bench-freshness/<database> (built there,
 * as `npm run index` builds, when missing) and kept for the next such run, so before/after
 * comparisons of the server's start and delta path need no new build.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import pg from "pg";
import { readSearchDocuments } from "@/lib/data/search-documents";
import { createPrisma } from "@/lib/db/client";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { readChangeWatermark } from "@/lib/ingest/page-changes";
import { buildSearchIndexFrom, newIndexVersion } from "@/lib/search/build-index";
import { searchIndexDir } from "@/lib/search/index-dir";
import { exportSearchIndex, importSearchIndex, readSearchIndexManifest } from "@/lib/search/index-store";
import { searchItems } from "@/lib/search/query";
import type { SearchIndex } from "@/lib/search/search-index";
import { SpillSectionStore } from "@/lib/search/section-store";
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from "@/lib/search/search-params";
import { openBenchDatabase, writeCorpus, type BenchDatabase } from "./lib/bench-database";
import { fillGeneratedCorpus } from "./lib/bench-fill";
import { measureFreshness, type FreshnessResult } from "./lib/bench-freshness";
import { peerDataBytes, preparePostgresPeer, prewarmPeer, searchPostgres, sharedBuffersFor, workMemFor } from "./lib/bench-postgres";
import { countWithin, formatRelevance, measureRelevance, RELEVANCE_CASES } from "./lib/bench-relevance";
import { rebuildSearchIndex } from "./lib/rebuild-search-index";

// Measured: the generator yields 9.26 open and closed items per meeting on average.
const ITEMS_PER_MEETING = 9.2;
// Issue 13's targets on a 2-core machine; they are printed against the figures, never asserted in tests.
const TARGET_P95_MS = (items: number) => (items >= 1_000_000 ? 50 : 25);
const TARGET_P50_MS = 10;
const TARGET_SPEEDUP = 10;
const TARGET_FRESH_S = 5;
const TARGET_RSS_MB = 1536;
const TARGET_BUILD_MIN = 10;
const TARGET_BUILD_HEAP_MB = 4096;
const TARGET_EXPORT_MB = 1536;
const TARGET_COLD_START_S = 10;
const TARGET_TOP3 = 13;
const SAMPLES_DIR = path.join(process.cwd(), "data/samples");
const MB = 1024 * 1024;

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "100000" },
    meetings: { type: "string" },
    seed: { type: "string", default: "20240319" },
    reps: { type: "string", default: "100" },
    warmup: { type: "string", default: "5" },
    port: { type: "string", default: "3130" },
    keep: { type: "boolean", default: false },
    "skip-freshness": { type: "boolean", default: false },
    fill: { type: "string", default: "sql" },
    "fill-only": { type: "boolean", default: false },
    "only-freshness": { type: "boolean", default: false },
  },
});
const items = Number(values.items);
const seed = Number(values.seed);
const reps = Number(values.reps);
const warmup = Number(values.warmup);
const port = Number(values.port);
const meetings = values.meetings === undefined ? Math.ceil(items / ITEMS_PER_MEETING) : Number(values.meetings);
const fill = values.fill;
if (![items, seed, reps, port, meetings].every((n) => Number.isInteger(n) && n > 0) || !Number.isInteger(warmup) || warmup < 0 || (fill !== "sql" && fill !== "ingest")) {
  console.error("Usage: npm run bench:search -- [--items N | --meetings N] [--seed N] [--reps N] [--warmup N] [--port N] [--keep] [--skip-freshness | --only-freshness] [--fill sql|ingest] [--fill-only]");
  process.exit(2);
}

/** One benchmark query: a label and the search parameters. */
interface BenchQuery {
  kind: "1 ord" | "3 ord" | "frase" | "filter";
  params: Partial<SearchParams>;
}

const QUERIES: BenchQuery[] = [
  { kind: "1 ord", params: { q: "Ukraine" } },
  { kind: "1 ord", params: { q: "fleksjob" } },
  { kind: "1 ord", params: { q: "sygedagpenge" } },
  { kind: "1 ord", params: { q: "touchskærme" } },
  { kind: "1 ord", params: { q: "hoeringssvar" } },
  { kind: "1 ord", params: { q: "kommune" } },
  { kind: "1 ord", params: { q: "budget" } },
  { kind: "3 ord", params: { q: "negativ social kontrol" } },
  { kind: "3 ord", params: { q: "Ankestyrelsen klager afgørelser" } },
  { kind: "3 ord", params: { q: "forvaltningen orienterer udvalget" } },
  { kind: "3 ord", params: { q: "integration flygtninge bolig" } },
  { kind: "frase", params: { q: '"negativ social kontrol"' } },
  { kind: "frase", params: { q: '"tages til efterretning"' } },
  { kind: "frase", params: { q: '"Ankestyrelsens afgørelser"' } },
  { kind: "filter", params: { q: "Ankestyrelsen klager", kommune: ["vejle"] } },
  { kind: "filter", params: { q: "sygedagpenge", kommune: ["vejen", "varde"] } },
  { kind: "filter", params: { q: "Ukraine", aar: ["2024"] } },
  { kind: "filter", params: { q: "budget", aar: ["2023"], udfald: ["approved"] } },
  { kind: "filter", params: { q: "fleksjob", udfald: ["noted"], sort: "nyeste" } },
];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Samples the process's heap every 100 ms (and whenever `sample` is called: a synchronous build
 * phase starves the timer) until `stop`, which returns the largest heap and the peak RSS the
 * kernel recorded since the start (VmHWM, reset through /proc/self/clear_refs on Linux).
 */
function samplePeakMemory(): { sample(): void; stop(): { heap: number; rss: number } } {
  const peak = { heap: 0, rss: 0 };
  const hasKernelPeak = resetPeakRss();
  const sample = () => {
    const usage = process.memoryUsage();
    peak.heap = Math.max(peak.heap, usage.heapUsed);
    peak.rss = Math.max(peak.rss, usage.rss);
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      if (hasKernelPeak) peak.rss = Math.max(peak.rss, peakRss());
      return peak;
    },
  };
}

function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

function peakRss(): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
  return kb === undefined ? 0 : Number(kb) * 1024;
}

function heapLimit(): number {
  return v8.getHeapStatistics().heap_size_limit;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

async function directorySize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/**
 * Items in the database; 0 for a fresh one. `isComplete` once the samples are in: they come
 * last, through the real ingest, which stores the source text the SQL fill leaves empty.
 */
async function countItems(client: pg.Client): Promise<{ items: number; isComplete: boolean }> {
  const result = await client.query<{ n: string; complete: boolean }>(
    `SELECT count(*) AS n, EXISTS (SELECT 1 FROM "SourceDocument" WHERE "text" <> '') AS complete FROM "AgendaItem"`,
  );
  return { items: Number(result.rows[0]?.n ?? 0), isComplete: result.rows[0]?.complete === true };
}

async function ingest(db: BenchDatabase): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "referatportalen-bench-search-"));
  try {
    let started = performance.now();
    const inputs = [SAMPLES_DIR];
    if (fill === "sql") {
      const filled = await fillGeneratedCorpus(db.url, meetings, seed, console.log);
      console.log(
        `Korpus: ${filled.meetings} referater (seed ${seed}) genereret, parset og skrevet i SQL på ${seconds(performance.now() - started)}: ${filled.items} punkter, ${filled.openItems} åbne${filled.refused > 0 ? `; ${filled.refused} afvist af parser eller privatlivstjek` : ""}`,
      );
    } else {
      const files = await writeCorpus(dir, meetings, seed);
      console.log(`Korpus: ${files} referater (seed ${seed}) genereret på ${seconds(performance.now() - started)}`);
      inputs.unshift(dir);
    }
    const prisma = createPrisma(db.url);
    let done = 0;
    let total = 0;
    started = performance.now();
    const summary = await ingestFiles(prisma, inputs, {
      onStart: (count) => (total = count),
      onDocument: () => {
        done++;
        if (done % Math.max(1, Math.floor(total / 20)) === 0 || done === total) {
          const elapsed = (performance.now() - started) / 1000;
          console.log(`  indlæst ${done}/${total} dokumenter, ${(done / elapsed).toFixed(1)} dok./s`);
        }
      },
    });
    await prisma.$disconnect();
    console.log(`Indlæst: ${summary.items} punkter på ${seconds(performance.now() - started)} (fejlet ${summary.failed})`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Timing {
  p50: number;
  p95: number;
  total: number;
}

/** `warmup` untimed runs, then `reps` timed ones: the same for both engines. */
async function timeRuns(run: () => number | Promise<number>): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    total = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), total };
}

/**
 * Gives PostgreSQL memory for the data: shared_buffers (a server setting, so ALTER SYSTEM and a
 * restart of the embedded server) and work_mem (per session). On DATABASE_URL's server only the
 * session setting is made; shared_buffers is reported as found.
 */
async function tunePostgres(current: BenchDatabase, currentClient: pg.Client): Promise<{ db: BenchDatabase; client: pg.Client }> {
  const dataBytes = await peerDataBytes(currentClient);
  const wanted = sharedBuffersFor(dataBytes, os.totalmem());
  let db = current;
  let client = currentClient;
  if (db.source === "embedded") {
    await client.query(`ALTER SYSTEM SET shared_buffers = '${Math.round(wanted / MB)}MB'`);
    await client.end();
    await db.close();
    db = await openBenchDatabase(db.name, () => {});
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  }
  const workMem = workMemFor(items);
  await client.query(`SET work_mem = '${Math.round(workMem / MB)}MB'`);
  const shown = await client.query<{ shared_buffers: string }>(`SHOW shared_buffers`);
  const blocks = await prewarmPeer(client);
  console.log(
    `PostgreSQL: data ${mb(dataBytes)}; shared_buffers ${shown.rows[0]?.shared_buffers ?? "?"} (data × 1,25, højst 1/4 af ${mb(os.totalmem())} RAM${db.source === "embedded" ? "" : "; DATABASE_URL's server: ikke ændret"}), work_mem ${mb(workMem)} (200 B pr. punkt til count(*) OVER ()); ${blocks} blokke forvarmet med pg_prewarm`,
  );
  return { db, client };
}

/** Undoes the ALTER SYSTEM of {@link tunePostgres} for the next start of the embedded server. */
async function resetPostgresTuning(db: BenchDatabase, client: pg.Client): Promise<void> {
  if (db.source === "embedded") await client.query(`ALTER SYSTEM RESET shared_buffers`);
}

/** Ends a `--fill-only` or `--only-freshness` run early (through the cleanup of the main block). */
class FillOnly extends Error {}

/**
 * `--only-freshness`: the index of the kept database in {@link keptDataDir} (built and exported
 * there first when missing, by the full build `npm run index` runs), then cold start and
 * freshness from a real server on it. Each run ingests one more meeting, which the index
 * follows through its delta, so database and index stay in step for the next run.
 */
async function measureOnlyFreshness(database: BenchDatabase): Promise<void> {
  const dir = searchIndexDir(keptDataDir);
  const manifest = await readSearchIndexManifest(dir).catch(() => null);
  if (manifest === null) {
    console.log(`Intet gemt indeks i ${dir}: bygger det én gang (som npm run index) …`);
    const prisma = createPrisma(database.url);
    try {
      const started = performance.now();
      const built = await rebuildSearchIndex(prisma, console.log, dir);
      console.log(`Indeks ${built.version} bygget og eksporteret på ${seconds(performance.now() - started)} (${built.size} punkter).`);
    } finally {
      await prisma.$disconnect();
    }
  } else {
    console.log(`Indeks: ${manifest.version} i ${dir} genbruges (${manifest.size} punkter, ${manifest.deltas.length} deltaer).`);
  }
  console.log(`\nFriskhed: starter portalen (scripts/start.ts) på port ${port} mod ${name} og indlæser ét nyt referat …`);
  const freshness = await measureFreshness({ databaseUrl: database.url, dataDir: keptDataDir, port, seed, timeoutMs: 30 * 60_000, log: console.log });
  console.log(formatFreshness(freshness).join("\n"));
}

function formatFreshness(freshness: FreshnessResult): string[] {
  return [
    `Koldstart til første svar: ${seconds(freshness.coldStartMs)} (database, indlæsning af det eksporterede indeks${freshness.didBuild ? " og next build" : ""}); server-RSS ${mb(freshness.serverRssKb * 1024)} (hele processgruppen)`,
    `Indlæsning til commit:     ${seconds(freshness.ingestCommitMs)} (tsx-opstart, parsing, transaktion)`,
    `Nyt dokument søgbart:      ${seconds(freshness.searchableAfterCommitMs)} efter commit (ingest-kommandoen sluttede ${seconds(freshness.ingestExitAfterCommitMs)} efter commit)`,
    `  mål: søgbart ≤ ${TARGET_FRESH_S} s efter commit ${verdict(freshness.searchableAfterCommitMs <= TARGET_FRESH_S * 1000)}; koldstart ≤ ${TARGET_COLD_START_S} s ${verdict(freshness.coldStartMs <= TARGET_COLD_START_S * 1000)}`,
  ];
}

const verdict = (isMet: boolean) => (isMet ? "OPFYLDT" : "IKKE opfyldt");

const onlyFreshness = values["only-freshness"];
const keep = values.keep || onlyFreshness;
const name = keep ? `bench_search_${items}_${seed}` : `bench_search_${randomBytes(4).toString("hex")}`;
// The server of the freshness measurement starts on this data folder, with the index exported
// here; with --only-freshness one kept beside the database, so the next run reuses its index.
const keptDataDir = path.resolve(".data", "bench-freshness", name);
const dataDir = onlyFreshness ? keptDataDir : await mkdtemp(path.join(os.tmpdir(), "referatportalen-bench-data-"));
const indexDir = searchIndexDir(dataDir);
await mkdir(indexDir, { recursive: true });
let db: BenchDatabase | null = null;
let client: pg.Client | null = null;
let exitCode = 0;
try {
  db = await openBenchDatabase(name);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const existing = await countItems(client);
  if (existing.items > 0 && !existing.isComplete) throw new Error(`Databasen ${name} er kun delvist fyldt (${existing.items} punkter, ingen eksempler): slet den og kør igen`);
  if (existing.items > 0) console.log(`Database: ${name} genbruges (${existing.items} punkter)`);
  else {
    console.log(`Database: ${name} (${db.source === "embedded" ? "indlejret PostgreSQL" : "DATABASE_URL's server"}), ${meetings} møder`);
    await ingest(db);
  }
  if (values["fill-only"]) {
    console.log(`Kun fyldt (--fill-only)${keep ? `; genbruges af næste kørsel med --keep` : ""}.`);
    throw new FillOnly();
  }
  if (onlyFreshness) {
    await measureOnlyFreshness(db);
    throw new FillOnly();
  }

  const prisma = createPrisma(db.url);
  const changeWatermark = await readChangeWatermark(prisma);
  const spillDir = await mkdtemp(path.join(dataDir, "spill-"));
  gc?.();
  const peak = samplePeakMemory();
  let started = performance.now();
  const progress = (phase: "stored" | "indexed", count: number) => {
    peak.sample();
    if (count % 100_000 === 0) console.log(`  ${phase === "stored" ? "læst" : "indekseret"} ${count} punkter, ${seconds(performance.now() - started)}, heap ${mb(process.memoryUsage().heapUsed)}`);
  };
  let built: SearchIndex | null = await buildSearchIndexFrom(
    readSearchDocuments(prisma),
    newIndexVersion(),
    { changeWatermark, readAtMs: Date.now() },
    SpillSectionStore.create(spillDir),
    progress,
    spillDir,
  );
  const buildMs = performance.now() - started;
  await prisma.$disconnect();
  const heapBuilt = process.memoryUsage().heapUsed;
  started = performance.now();
  await exportSearchIndex(built, indexDir);
  const exportMs = performance.now() - started;
  const buildPeak = peak.stop();
  await rm(spillDir, { recursive: true, force: true });
  const exportBytes = await directorySize(indexDir);
  built = null;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  started = performance.now();
  const index = await importSearchIndex(indexDir);
  const importMs = performance.now() - started;
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const rssAfter = process.memoryUsage().rss;
  const rebuildMs = buildMs + exportMs;
  console.log(
    [
      "",
      `Indeks:          ${index.size} åbne punkter`,
      `Læst og bygget:  ${seconds(buildMs)} (læst fra PostgreSQL i portioner mens der bygges; heap efter bygning ${mb(heapBuilt)})`,
      `Eksporteret:     ${seconds(exportMs)}, ${mb(exportBytes)} på disk`,
      `Fuld genopbygning (læs, byg, eksportér): ${seconds(rebuildMs)}; største heap ${mb(buildPeak.heap)}, største RSS ${mb(buildPeak.rss)} (målt hvert 100. ms; heap-grænse ${mb(heapLimit())})`,
      `Importeret:      ${seconds(importMs)}; heap med indlæst indeks ${mb(heapAfter)} (indekset ≈ ${mb(heapAfter - heapBefore)}), RSS ${mb(rssAfter)} (før import ${mb(rssBefore)})${gc ? "" : " — kør med --expose-gc for stabile tal"}`,
    ].join("\n"),
  );

  await preparePostgresPeer(client, console.log);
  ({ db, client } = await tunePostgres(db, client));
  const pgClient = client;
  console.log(
    `\nHver forespørgsel: ${warmup} opvarmninger og ${reps} målte kørsler i hver motor. FlexSearch: searchItems (20 hits, facetter, uddrag). PostgreSQL: ét udsagn (20 hits, ts_headline, count(*) OVER ()), uden facetter.`,
  );
  console.log(`${"Forespørgsel".padEnd(52)} ${"FlexSearch p50/p95".padStart(20)} ${"PostgreSQL p50/p95".padStart(22)} ${"faktor".padStart(7)} ${"hits F/PG".padStart(15)}`);
  const ratios: number[] = [];
  let worstP95 = 0;
  let worstP50 = 0;
  let fewerHits = 0;
  for (const query of QUERIES) {
    const params: SearchParams = { ...DEFAULT_SEARCH_PARAMS, ...query.params };
    const flex = await timeRuns(() => searchItems(index, params).total);
    const postgres = await timeRuns(async () => (await searchPostgres(pgClient, params)).total);
    const ratio = postgres.p50 / Math.max(flex.p50, 0.001);
    ratios.push(ratio);
    worstP95 = Math.max(worstP95, flex.p95);
    worstP50 = Math.max(worstP50, flex.p50);
    if (flex.total < postgres.total) fewerHits++;
    const label = `${query.kind.padEnd(6)} ${JSON.stringify(query.params)}`;
    console.log(
      `${label.slice(0, 52).padEnd(52)} ${`${flex.p50.toFixed(2)} / ${flex.p95.toFixed(2)} ms`.padStart(20)} ${`${postgres.p50.toFixed(1)} / ${postgres.p95.toFixed(1)} ms`.padStart(22)} ${`${ratio.toFixed(0)}×`.padStart(7)} ${`${flex.total}/${postgres.total}`.padStart(15)}`,
    );
  }
  const sortedRatios = [...ratios].sort((a, b) => a - b);
  const medianRatio = percentile(sortedRatios, 0.5);
  const minRatio = sortedRatios[0] ?? 0;
  console.log(`Median af faktorerne (PostgreSQL p50 / FlexSearch p50): ${medianRatio.toFixed(0)}×, laveste ${minRatio.toFixed(0)}×`);

  const relevance = await measureRelevance(index, pgClient, SAMPLES_DIR);
  console.log(
    [
      "",
      `Relevans: eksempelpunktets plads blandt alle hits (${RELEVANCE_CASES.length} forespørgsler over de 5 eksempler + ${items} genererede punkter)`,
      ...formatRelevance(relevance),
    ].join("\n"),
  );
  await resetPostgresTuning(db, pgClient);

  let freshness: FreshnessResult | null = null;
  if (!values["skip-freshness"]) {
    console.log(`\nFriskhed: starter portalen (scripts/start.ts) på port ${port} mod ${name} og indlæser ét nyt referat …`);
    try {
      freshness = await measureFreshness({ databaseUrl: db.url, dataDir, port, seed, timeoutMs: 30 * 60_000, log: console.log });
      console.log(formatFreshness(freshness).slice(0, 3).join("\n"));
    } catch (error) {
      console.log(`Friskhed kunne ikke måles: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const top3 = countWithin(relevance, "ours", 3);
  const meetsRecall = countWithin(relevance, "ours", 20) >= countWithin(relevance, "postgres", 20);
  const p95Target = TARGET_P95_MS(items);
  console.log(
    [
      "",
      `Mål (issue 13; målt her, aldrig i tests):`,
      `  p95 ≤ ${p95Target} ms:                    ${verdict(worstP95 <= p95Target)} (højeste p95 ${worstP95.toFixed(2)} ms)`,
      ...(items >= 1_000_000 ? [`  p50 ≤ ${TARGET_P50_MS} ms:                    ${verdict(worstP50 <= TARGET_P50_MS)} (højeste p50 ${worstP50.toFixed(2)} ms)`] : []),
      `  genopbygning ≤ ${TARGET_BUILD_MIN} min:           ${verdict(rebuildMs <= TARGET_BUILD_MIN * 60_000)} (${seconds(rebuildMs)})`,
      `  heap under genopbygning ≤ ${TARGET_BUILD_HEAP_MB} MB: ${verdict(buildPeak.heap <= TARGET_BUILD_HEAP_MB * MB)} (${mb(buildPeak.heap)}; heap-grænse ${mb(heapLimit())})`,
      `  eksport ≤ ${TARGET_EXPORT_MB} MB på disk:        ${verdict(exportBytes <= TARGET_EXPORT_MB * MB)} (${mb(exportBytes)})`,
      `  ≥ ${TARGET_SPEEDUP}× PostgreSQL (median):       ${verdict(medianRatio >= TARGET_SPEEDUP)} (${medianRatio.toFixed(0)}×)`,
      `  recall ≥ PostgreSQL (top 20):     ${verdict(meetsRecall)}; færre hits end PostgreSQL i ${fewerHits} af ${QUERIES.length} forespørgsler`,
      `  eksempelpunkt i top 3 ≥ ${TARGET_TOP3}/${RELEVANCE_CASES.length}:     ${verdict(top3 >= TARGET_TOP3)} (${top3}/${RELEVANCE_CASES.length}${items >= 1_000_000 ? "" : "; målet gælder ved 1M"})`,
      ...(freshness === null
        ? []
        : [
            `  søgbart ≤ ${TARGET_FRESH_S} s efter commit:       ${verdict(freshness.searchableAfterCommitMs <= TARGET_FRESH_S * 1000)} (${seconds(freshness.searchableAfterCommitMs)})`,
            `  server-RSS ≤ ${TARGET_RSS_MB} MB:            ${verdict(freshness.serverRssKb / 1024 <= TARGET_RSS_MB)} (${mb(freshness.serverRssKb * 1024)})`,
            `  koldstart ≤ ${TARGET_COLD_START_S} s:                ${verdict(freshness.coldStartMs <= TARGET_COLD_START_S * 1000)} (${seconds(freshness.coldStartMs)}${freshness.didBuild ? ", med next build" : ""})`,
          ]),
    ].join("\n"),
  );
} catch (error) {
  if (!(error instanceof FillOnly)) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    exitCode = 1;
  }
} finally {
  await client?.end().catch(() => {});
  if (!keep) await db?.drop().catch((error: unknown) => console.error(`Kunne ikke slette ${name}:`, error));
  if (!onlyFreshness) await rm(dataDir, { recursive: true, force: true });
  await db?.close();
}
process.exit(exitCode);
