/**
 * npm run bench:export-refresh -- --database <name> [--seed N]
 * Times keeping the bulk files current on a kept benchmark database (e.g. bench_search_100000_20240319,
 * filled by `npm run bench:search -- --items 100000 --keep --fill-only`): a first refresh into an
 * empty folder (every file written), then after each of a few single-meeting writes made as the
 * product makes them (the ingest of one new generated meeting, its correction closing an item, a
 * committee rename) the refresh `npm run ingest` runs after its commit (scripts/lib/after-data-change.ts),
 * and a check with nothing changed. The writes stay in the database (one meeting more per run);
 * the files are written into a temporary folder and deleted.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrisma } from "@/lib/db/client";
import { generateCorpus, renderMeeting } from "@/lib/corpus/generate-corpus";
import { describeRefresh, refreshBulkFiles, type RefreshOutcome } from "@/lib/export/refresh-bulk-files";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { renameCommittee } from "@/lib/ingest/rename-committee";
import { openBenchDatabase } from "./lib/bench-database";

const SITE = "https://referater.example.dk";
const { values } = parseArgs({ options: { database: { type: "string" }, seed: { type: "string", default: String(Date.now() % 1_000_000) } } });
if (!values.database) {
  console.error("Usage: npm run bench:export-refresh -- --database <kept benchmark database> [--seed N]");
  process.exit(2);
}
const seed = Number(values.seed);

const db = await openBenchDatabase(values.database);
const prisma = createPrisma(db.url);
const out = await mkdtemp(path.join(os.tmpdir(), "bench-export-refresh-"));
const work = await mkdtemp(path.join(os.tmpdir(), "bench-export-refresh-files-"));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function timedRefresh(label: string): Promise<RefreshOutcome> {
  const started = performance.now();
  const outcome = await refreshBulkFiles(prisma, out, SITE);
  const ms = performance.now() - started;
  const national = outcome.status === "exported" ? outcome.summary.resources.filter((resource) => resource.path.startsWith("danmark.")) : [];
  const detail =
    outcome.status === "exported"
      ? `${outcome.summary.rewritten.length} kommuner, ${outcome.summary.meetings} møder skrevet; hele Danmark ${national.map((resource) => `${resource.path} ${mb(resource.bytes)}`).join(", ")}`
      : outcome.status;
  console.log(`${label.padEnd(44)} ${seconds(ms).padStart(9)}  (${detail})`);
  if (outcome.status === "exported") console.log(`  ${describeRefresh(outcome, ms)}`);
  return outcome;
}

try {
  const [counts] = await prisma.$queryRaw<Array<{ meetings: number; items: number; municipalities: number }>>`
    SELECT (SELECT count(*) FROM "Meeting")::int AS meetings, (SELECT count(*) FROM "AgendaItem")::int AS items,
           (SELECT count(*) FROM "Municipality")::int AS municipalities`;
  console.log(`Database ${db.name}: ${counts?.meetings} møder, ${counts?.items} punkter, ${counts?.municipalities} kommuner.`);
  await timedRefresh("Første eksport (alle filer)");
  await timedRefresh("Intet ændret");

  const [document] = generateCorpus({ meetings: 1, seed });
  if (!document) throw new Error("The corpus generator gave no meeting");
  const file = path.join(work, document.fileName);
  await writeFile(file, document.text);
  await ingestFiles(prisma, [file]);
  await timedRefresh(`Efter et nyt møde (${document.meeting.municipality.name})`);

  // A correction of the same document: its first open item becomes closed.
  const first = document.meeting.items.findIndex((item) => !item.closed);
  const corrected = { ...document.meeting, items: document.meeting.items.map((item, index) => (index === first ? { ...item, closed: true } : item)) };
  await writeFile(file, renderMeeting(corrected));
  await ingestFiles(prisma, [file]);
  await timedRefresh("Efter en rettelse af mødet");

  const committee = await prisma.committee.findFirstOrThrow({ where: { municipality: { name: document.meeting.municipality.name } }, select: { slug: true, name: true, municipality: { select: { slug: true } } } });
  await renameCommittee(prisma, committee.municipality.slug, committee.slug, `${committee.name} ${seed}`);
  await timedRefresh("Efter et udvalg omdøbt");
  await renameCommittee(prisma, committee.municipality.slug, `${committee.slug}-${seed}`, committee.name);
  await timedRefresh("Efter omdøbningen tilbage");
} finally {
  await prisma.$disconnect();
  await rm(out, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
  await db.close();
}
