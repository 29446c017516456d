/**
 * npm run bench:search [-- --items 100000 --seed N --reps 200 --keep]
 * Generates a corpus of about `--items` agenda items, ingests it (and data/samples) into a fresh
 * throwaway database, builds, exports and re-imports the search index, then times a fixed query set
 * against the index (searchItems: facets, snippets and all) and against PostgreSQL full-text
 * search in the same database, side by side. `--keep` keeps the database
 * (bench_search_<items>_<seed>) and reuses it on the next run instead of ingesting again.
 * Run with `node --expose-gc --import tsx scripts/bench-search.ts` for stable heap figures.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { readSearchDocuments } from "@/lib/data/search-documents";
import { createPrisma } from "@/lib/db/client";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { parseMinutes } from "@/lib/minutes";
import { buildSearchIndex } from "@/lib/search/build-index";
import { exportSearchIndex, importSearchIndex } from "@/lib/search/index-store";
import { searchItems } from "@/lib/search/query";
import type { SearchDocument } from "@/lib/search/search-document";
import type { SearchIndex } from "@/lib/search/search-index";
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from "@/lib/search/search-params";
import { openBenchDatabase, writeCorpus, type BenchDatabase } from "./lib/bench-database";

// Measured: the generator yields 9.26 open and closed items per meeting on average.
const ITEMS_PER_MEETING = 9.2;
const TARGET_P95_MS = 25;
const TARGET_SPEEDUP = 10;
const SAMPLES_DIR = path.join(process.cwd(), "data/samples");
const MB = 1024 * 1024;

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "100000" },
    meetings: { type: "string" },
    seed: { type: "string", default: "20240319" },
    reps: { type: "string", default: "200" },
    "pg-reps": { type: "string", default: "15" },
    keep: { type: "boolean", default: false },
  },
});
const items = Number(values.items);
const seed = Number(values.seed);
const reps = Number(values.reps);
const pgReps = Number(values["pg-reps"]);
const meetings = values.meetings === undefined ? Math.ceil(items / ITEMS_PER_MEETING) : Number(values.meetings);
if (![items, seed, reps, pgReps, meetings].every((n) => Number.isInteger(n) && n > 0)) {
  console.error("Usage: npm run bench:search -- [--items N | --meetings N] [--seed N] [--reps N] [--pg-reps N] [--keep]");
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

/** Relevance cases from lib/search/relevance.test.ts: the sample item that must be found. */
const RELEVANCE: Array<{ q: string; municipality: string; number: string }> = [
  { q: "Ukraine", municipality: "lemvig", number: "2" },
  { q: "fleksjob", municipality: "faxe", number: "88" },
  { q: "sygedagpenge", municipality: "varde", number: "3" },
  { q: "touchskærme", municipality: "vejle", number: "95" },
  { q: "negativ social kontrol", municipality: "vejen", number: "2" },
  { q: "hoeringssvar", municipality: "vejle", number: "92" },
  { q: "Ankestyrelsen klager", municipality: "vejle", number: "94" },
  { q: "klagesager", municipality: "vejle", number: "94" },
  { q: "Banebryderne", municipality: "faxe", number: "84" },
  { q: "nøgletal", municipality: "faxe", number: "90" },
  { q: "Fritidspas", municipality: "vejen", number: "6" },
  { q: "budgetopfølgning", municipality: "vejen", number: "9" },
  { q: "ukrainere", municipality: "lemvig", number: "2" },
  { q: "jobafklaring", municipality: "varde", number: "3" },
  { q: "Bæredygtighed ESG", municipality: "vejen", number: "1" },
];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

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

/** Items in the database; 0 for a fresh one. */
async function countItems(client: pg.Client): Promise<number> {
  const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "AgendaItem"`);
  return Number(result.rows[0]?.n ?? 0);
}

async function ingest(db: BenchDatabase): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "referatportalen-bench-search-"));
  try {
    let started = performance.now();
    const files = await writeCorpus(dir, meetings, seed);
    console.log(`Korpus: ${files} referater (seed ${seed}) genereret på ${seconds(performance.now() - started)}`);
    const prisma = createPrisma(db.url);
    let done = 0;
    let total = 0;
    started = performance.now();
    const summary = await ingestFiles(prisma, [dir, SAMPLES_DIR], {
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

/** The comparison table for PostgreSQL: open items with the weighted tsvector the issue names. */
async function preparePostgresFts(client: pg.Client): Promise<void> {
  const exists = await client.query(`SELECT 1 FROM pg_class WHERE relname = 'bench_fts'`);
  if ((exists.rowCount ?? 0) > 0) return;
  const started = performance.now();
  await client.query(`
    CREATE TABLE bench_fts AS
    SELECT a.id,
           a.title,
           a.decision,
           coalesce(s.body, '') AS body,
           setweight(to_tsvector('danish', a.title), 'A')
             || setweight(to_tsvector('danish', coalesce(a.decision, '')), 'B')
             || setweight(to_tsvector('danish', coalesce(s.body, '')), 'C') AS tsv
    FROM "AgendaItem" a
    LEFT JOIN (SELECT "itemId", string_agg(text, E'\\n' ORDER BY position) AS body FROM "Section" GROUP BY "itemId") s
      ON s."itemId" = a.id
    WHERE NOT a.closed`);
  await client.query(`CREATE INDEX bench_fts_tsv ON bench_fts USING GIN (tsv)`);
  await client.query(`ALTER TABLE bench_fts ADD PRIMARY KEY (id)`);
  await client.query(`ANALYZE bench_fts`);
  console.log(`PostgreSQL: bench_fts med GIN-indeks bygget på ${seconds(performance.now() - started)}`);
}

const FROM_FILTERED = `
  FROM bench_fts f
  JOIN "AgendaItem" a ON a.id = f.id
  JOIN "Meeting" m ON m.id = a."meetingId"
  JOIN "Committee" c ON c.id = m."committeeId"
  JOIN "Municipality" mu ON mu.id = c."municipalityId"`;

/** WHERE clause and parameters for the text and the filters; $1 is the query text. */
function postgresWhere(params: SearchParams): { where: string; args: unknown[] } {
  const args: unknown[] = [params.q];
  const clauses = ["f.tsv @@ websearch_to_tsquery('danish', $1)"];
  if (params.kommune.length > 0) {
    args.push(params.kommune);
    clauses.push(`mu.slug = ANY($${args.length})`);
  }
  if (params.udvalg.length > 0) {
    args.push(params.udvalg);
    clauses.push(`c.slug = ANY($${args.length})`);
  }
  if (params.aar.length > 0) {
    args.push(params.aar.map(Number));
    clauses.push(`extract(year FROM m.date)::int = ANY($${args.length})`);
  }
  if (params.udfald.length > 0) {
    args.push(params.udfald);
    clauses.push(`a.outcome::text = ANY($${args.length})`);
  }
  return { where: clauses.join(" AND "), args };
}

interface PostgresResult {
  total: number;
  hits: Array<{ municipality: string; number: string; date: string }>;
}

/** One PostgreSQL search as a page would need it: top 20 by ts_rank (or date), headlines, count. */
async function searchPostgres(client: pg.Client, params: SearchParams): Promise<PostgresResult> {
  const { where, args } = postgresWhere(params);
  const order = params.sort === "nyeste" ? "m.date DESC, f.id" : "rank DESC, f.id";
  const top = await client.query<{ id: number; municipality: string; number: string; date: string }>(
    `SELECT f.id, mu.slug AS municipality, a.number, to_char(m.date, 'YYYY-MM-DD') AS date,
            ts_rank(f.tsv, websearch_to_tsquery('danish', $1)) AS rank
     ${FROM_FILTERED} WHERE ${where} ORDER BY ${order} LIMIT 20`,
    args,
  );
  const ids = top.rows.map((row) => row.id);
  if (ids.length > 0) {
    await client.query(
      `SELECT id, ts_headline('danish', coalesce(decision, '') || E'\\n' || body, websearch_to_tsquery('danish', $1)) AS snippet
       FROM bench_fts WHERE id = ANY($2)`,
      [params.q, ids],
    );
  }
  const count = await client.query<{ n: string }>(`SELECT count(*) AS n ${FROM_FILTERED} WHERE ${where}`, args);
  return { total: Number(count.rows[0]?.n ?? 0), hits: top.rows };
}

interface Timing {
  p50: number;
  p95: number;
  total: number;
}

function timeSearch(index: SearchIndex, params: SearchParams): Timing {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    total = searchItems(index, params).total;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), total };
}

async function timePostgres(client: pg.Client, params: SearchParams): Promise<Timing> {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < pgReps; i++) {
    const started = performance.now();
    total = (await searchPostgres(client, params)).total;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), total };
}

/** Meeting date of each sample municipality's minutes, to tell its items from generated ones. */
async function sampleDates(): Promise<Map<string, string>> {
  const dates = new Map<string, string>();
  for (const file of await readdir(SAMPLES_DIR)) {
    const parsed = parseMinutes(await readFile(path.join(SAMPLES_DIR, file), "utf8"));
    if (parsed.ok) dates.set(parsed.meeting.municipality.replace(/ Kommune$/, "").toLowerCase(), parsed.meeting.date);
  }
  return dates;
}

const name = values.keep ? `bench_search_${items}_${seed}` : `bench_search_${randomBytes(4).toString("hex")}`;
const indexDir = await mkdtemp(path.join(os.tmpdir(), "referatportalen-bench-index-"));
let db: BenchDatabase | null = null;
let client: pg.Client | null = null;
let exitCode = 0;
try {
  db = await openBenchDatabase(name);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const existing = await countItems(client);
  if (existing > 0) console.log(`Database: ${name} genbruges (${existing} punkter)`);
  else {
    console.log(`Database: ${name} (${db.source === "embedded" ? "indlejret PostgreSQL" : "DATABASE_URL's server"}), ${meetings} møder`);
    await ingest(db);
  }

  const prisma = createPrisma(db.url);
  let started = performance.now();
  const docs: SearchDocument[] = [];
  for await (const doc of readSearchDocuments(prisma)) docs.push(doc);
  await prisma.$disconnect();
  const readMs = performance.now() - started;
  started = performance.now();
  let built: SearchIndex | null = buildSearchIndex(docs);
  const buildMs = performance.now() - started;
  const heapBuilt = process.memoryUsage().heapUsed;
  started = performance.now();
  await exportSearchIndex(built, indexDir);
  const exportMs = performance.now() - started;
  const exportBytes = await directorySize(indexDir);
  built = null;
  docs.length = 0;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  started = performance.now();
  const index = await importSearchIndex(indexDir);
  const importMs = performance.now() - started;
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  console.log(
    [
      "",
      `Indeks:          ${index.size} åbne punkter`,
      `Læst fra db:     ${seconds(readMs)}`,
      `Bygget:          ${seconds(buildMs)} (heap efter bygning ${mb(heapBuilt)})`,
      `Eksporteret:     ${seconds(exportMs)}, ${mb(exportBytes)} på disk`,
      `Importeret:      ${seconds(importMs)}; heap med indlæst indeks ${mb(heapAfter)} (indekset ≈ ${mb(heapAfter - heapBefore)})${gc ? "" : " — kør med --expose-gc for stabile tal"}`,
    ].join("\n"),
  );

  await preparePostgresFts(client);
  console.log(`\n${"Forespørgsel".padEnd(52)} ${"FlexSearch p50/p95".padStart(20)} ${"PostgreSQL p50/p95".padStart(22)} ${"faktor".padStart(7)} ${"hits F/PG".padStart(15)}`);
  const ratios: number[] = [];
  let worstP95 = 0;
  for (const query of QUERIES) {
    const params: SearchParams = { ...DEFAULT_SEARCH_PARAMS, ...query.params };
    searchItems(index, params);
    const flex = timeSearch(index, params);
    const postgres = await timePostgres(client, params);
    const ratio = postgres.p50 / Math.max(flex.p50, 0.001);
    ratios.push(ratio);
    worstP95 = Math.max(worstP95, flex.p95);
    const label = `${query.kind.padEnd(6)} ${JSON.stringify(query.params)}`;
    console.log(
      `${label.slice(0, 52).padEnd(52)} ${`${flex.p50.toFixed(2)} / ${flex.p95.toFixed(2)} ms`.padStart(20)} ${`${postgres.p50.toFixed(1)} / ${postgres.p95.toFixed(1)} ms`.padStart(22)} ${`${ratio.toFixed(0)}×`.padStart(7)} ${`${flex.total}/${postgres.total}`.padStart(15)}`,
    );
  }
  const sortedRatios = [...ratios].sort((a, b) => a - b);
  const medianRatio = percentile(sortedRatios, 0.5);
  const minRatio = sortedRatios[0] ?? 0;

  const dates = await sampleDates();
  let flexFound = 0;
  let postgresFound = 0;
  const misses: string[] = [];
  for (const relevance of RELEVANCE) {
    const params: SearchParams = { ...DEFAULT_SEARCH_PARAMS, q: relevance.q };
    const isTarget = (hit: { municipality: string; number: string; date: string }) =>
      hit.municipality === relevance.municipality && hit.number === relevance.number && hit.date === dates.get(relevance.municipality);
    const flexHit = searchItems(index, params).hits.some((hit) => isTarget({ municipality: hit.municipalitySlug, number: hit.number, date: hit.date }));
    const postgresHit = (await searchPostgres(client, params)).hits.some(isTarget);
    if (flexHit) flexFound++;
    if (postgresHit) postgresFound++;
    if (!flexHit || !postgresHit) misses.push(`${relevance.q} → ${relevance.municipality}/${relevance.number}: FlexSearch ${flexHit ? "✓" : "✗"}, PostgreSQL ${postgresHit ? "✓" : "✗"}`);
  }

  const meetsP95 = worstP95 < TARGET_P95_MS;
  const meetsSpeedup = medianRatio >= TARGET_SPEEDUP;
  const meetsRecall = flexFound >= postgresFound;
  console.log(
    [
      "",
      `Relevans (eksempelpunktet blandt de første 20, ${RELEVANCE.length} forespørgsler over de 5 eksempler + korpus): FlexSearch ${flexFound}, PostgreSQL ${postgresFound}`,
      ...misses.map((miss) => `  ${miss}`),
      "",
      `Mål p95 < ${TARGET_P95_MS} ms:          ${meetsP95 ? "OPFYLDT" : "IKKE opfyldt"} (højeste p95 ${worstP95.toFixed(2)} ms)`,
      `Mål ≥ ${TARGET_SPEEDUP}× PostgreSQL (median): ${meetsSpeedup ? "OPFYLDT" : "IKKE opfyldt"} (median af faktorerne ${medianRatio.toFixed(0)}×, laveste ${minRatio.toFixed(0)}×)`,
      `Mål recall ≥ PostgreSQL:       ${meetsRecall ? "OPFYLDT" : "IKKE opfyldt"}`,
      "FlexSearch-tiderne omfatter facetter og uddrag; PostgreSQL-tiderne top 20 + ts_headline + count(*), uden facetter.",
    ].join("\n"),
  );
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  exitCode = 1;
} finally {
  await client?.end().catch(() => {});
  if (!values.keep) await db?.drop().catch((error: unknown) => console.error(`Kunne ikke slette ${name}:`, error));
  await rm(indexDir, { recursive: true, force: true });
  await db?.close();
}
process.exit(exitCode);
