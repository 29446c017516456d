/**
 * npm run bench:ingest [-- --meetings N]
 * Generates a synthetic corpus (fixed seed, default 2,000 meetings) in a temp folder, ingests it
 * into a fresh throwaway database (embedded PostgreSQL, or DATABASE_URL's server) and prints
 * documents/s, items/s, total time and memory; then drops the database and the folder.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { createPrisma } from "@/lib/db/client";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { redactCpr } from "@/lib/privacy/redact-cpr";
import { parseMinutes } from "@/lib/minutes";
import { openBenchDatabase, writeCorpus, type BenchDatabase } from "./lib/bench-database";

const SEED = 20_240_319;
const TARGET_DOCS_PER_SECOND = 50;
const PARSE_SAMPLE = 300;
/** ingestFiles' default: documents in flight at once. */
const INGEST_CONCURRENCY = 3;
const MB = 1024 * 1024;

const { values } = parseArgs({ options: { meetings: { type: "string", short: "n", default: "2000" } } });
const meetings = Number(values.meetings);
if (!Number.isInteger(meetings) || meetings < 1) {
  console.error("Usage: npm run bench:ingest -- [--meetings <N>]");
  process.exit(2);
}
const checkpoints = [...new Set([Math.min(500, meetings), meetings])];

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

/** Samples RSS and heap every 100 ms; the peaks are what the bench reports. */
function startMemorySampler(): { peakRss: number; peakHeap: number; stop(): void } {
  const sampler = { peakRss: 0, peakHeap: 0, stop: () => clearInterval(timer) };
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    sampler.peakRss = Math.max(sampler.peakRss, rss);
    sampler.peakHeap = Math.max(sampler.peakHeap, heapUsed);
  };
  const timer = setInterval(sample, 100);
  sample();
  return sampler;
}

/** Read + redact + parse of the first documents alone, one at a time: the parser's own cost per document. */
async function measureParse(dir: string): Promise<number> {
  const files = (await readdir(dir)).sort().slice(0, PARSE_SAMPLE);
  const started = performance.now();
  for (const file of files) parseMinutes(redactCpr(await readFile(path.join(dir, file), "utf8")).text);
  return (performance.now() - started) / files.length;
}

const dir = await mkdtemp(path.join(os.tmpdir(), "referatportalen-bench-"));
const name = `bench_ingest_${randomBytes(4).toString("hex")}`;
let db: BenchDatabase | null = null;
let exitCode = 0;
try {
  let started = performance.now();
  await writeCorpus(dir, meetings, SEED);
  console.log(`Korpus: ${meetings} referater (seed ${SEED}) genereret på ${((performance.now() - started) / 1000).toFixed(1)} s i ${dir}`);

  db = await openBenchDatabase(name);
  const prisma = createPrisma(db.url);
  console.log(`Database: ${name} (${db.source === "embedded" ? "indlejret PostgreSQL" : "DATABASE_URL's server"}), migreret`);

  const heapAt = new Map<number, number>();
  const bar = new cliProgress.SingleBar(
    { format: "Indlæser {bar} {value}/{total} dokumenter", hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 },
    cliProgress.Presets.shades_classic,
  );
  let done = 0;
  const memory = startMemorySampler();
  started = performance.now();
  const summary = await ingestFiles(prisma, [dir], {
    concurrency: INGEST_CONCURRENCY,
    onStart: (total) => bar.start(total, 0),
    onDocument: () => {
      done += 1;
      bar.increment();
      if (checkpoints.includes(done)) heapAt.set(done, process.memoryUsage().heapUsed);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  memory.stop();
  bar.stop();
  await prisma.$disconnect();

  const parseMs = await measureParse(dir);
  const perDocMs = (seconds * 1000) / summary.discovered;
  const docsPerSecond = summary.discovered / seconds;
  const lines = [
    "",
    `Dokumenter:      ${summary.discovered} (nye ${summary.ok}, opdateret ${summary.updated}, uændret ${summary.unchanged}, fejlet ${summary.failed})`,
    `Punkter:         ${summary.items}`,
    `Samlet tid:      ${seconds.toFixed(1)} s`,
    `Dokumenter/s:    ${docsPerSecond.toFixed(1)} (mål ≥ ${TARGET_DOCS_PER_SECOND})`,
    `Punkter/s:       ${(summary.items / seconds).toFixed(0)}`,
    `Pr. dokument:    ${perDocMs.toFixed(1)} ms væguret (samlet tid / dokumenter, ${INGEST_CONCURRENCY} dokumenter ad gangen)`,
    // Not subtracted from the figure above: that is wall-clock time with documents overlapping,
    // this is one document at a time, so the difference is not the database's share.
    `Parser alene:    ${parseMs.toFixed(1)} ms pr. dokument, ét ad gangen (læs+CPR+parse af ${PARSE_SAMPLE} dok.) ≈ ${((parseMs * summary.discovered) / 1000).toFixed(1)} s for alle`,
    `Hukommelse:      maks. RSS ${mb(memory.peakRss)}, maks. heap ${mb(memory.peakHeap)}`,
    `Heap undervejs:  ${checkpoints.map((n) => `${n} dok.: ${mb(heapAt.get(n) ?? 0)}`).join(", ")}`,
  ];
  console.log(lines.join("\n"));
  for (const failure of summary.failures.slice(0, 10)) console.log(`  ✗ ${failure.error}`);
  if (summary.failed > 0 || summary.updated > 0) exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await db?.drop().catch((error: unknown) => console.error(`Kunne ikke slette ${name}:`, error));
  await rm(dir, { recursive: true, force: true });
  await db?.close();
}
process.exit(exitCode);
