/**
 * npm run bench:export [-- --items N]
 * Fills a throwaway database (embedded PostgreSQL, or DATABASE_URL's server) with N synthetic
 * agenda items (default 1,000,000: 20 per meeting, two sections and an attachment each, across
 * ten municipalities) straight in SQL, then runs the bulk export twice, after a tenth of the items
 * and after all of them, and prints the time and the peak memory (RSS, sampled every 100 ms) of
 * each: memory that stays flat while the data grows tenfold is what streaming promises. Drops the
 * database and the files afterwards.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrisma, type PrismaClient } from "@/lib/db/client";
import { writeBulkFiles } from "@/lib/export/write-bulk-files";
import { MUNICIPALITIES } from "@/lib/minutes/municipalities";
import { openBenchDatabase } from "./lib/bench-database";

const ITEMS_PER_MEETING = 20;
const MUNICIPALITY_COUNT = 10;
const MB = 1024 * 1024;

const { values } = parseArgs({ options: { items: { type: "string", short: "n", default: "1000000" } } });
const items = Number(values.items);
if (!Number.isInteger(items) || items < ITEMS_PER_MEETING * 10) {
  console.error("Usage: npm run bench:export -- [--items <N, at least 200>]");
  process.exit(2);
}
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

/** Adds meetings (with items, sections, attachments) until the database holds `meetings` of them. */
async function fillTo(prisma: PrismaClient, meetings: number): Promise<void> {
  const [{ count = 0 } = {}] = await prisma.$queryRaw<Array<{ count: number }>>`SELECT count(*)::int AS count FROM "Meeting"`;
  const from = count + 1;
  if (from > meetings) return;
  await prisma.$executeRaw`
    INSERT INTO "Meeting" ("committeeId", "date", "startTime", "startsAt", "urlKey", "kind", "location", "sourceDocumentId", "updatedAt")
    SELECT c.id, DATE '2010-01-01' + (n / 20), '14:00', TIMESTAMPTZ '2010-01-01 13:00Z' + (n / 20) * INTERVAL '1 day',
           to_char(DATE '2010-01-01' + (n / 20), 'YYYY-MM-DD') || '-' || n, 'referat', 'Rådhuset, mødelokale 2', 1, now()
    FROM generate_series(${from}::int, ${meetings}::int) AS n
    JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM "Committee") AS c ON c.k = n % 20`;
  await prisma.$executeRaw`
    INSERT INTO "AgendaItem" ("meetingId", "number", "position", "title", "caseNumber", "kle", "decision", "outcome", "sourceLine")
    SELECT m.id, p::text, p, 'Orientering om budgetopfølgning for området nr. ' || p, '24/' || (m.id * 20 + p), '00.01.00',
           'Udvalget godkendte indstillingen. Sagen sendes videre til Økonomiudvalget med udvalgets bemærkninger.', 'approved', p * 10
    FROM "Meeting" m, generate_series(1, ${ITEMS_PER_MEETING}::int) AS p
    WHERE m.id >= (SELECT min(id) FROM "Meeting") + ${from - 1}::int`;
  await prisma.$executeRaw`
    INSERT INTO "Section" ("itemId", "position", "heading", "kind", "text", "sourceLine")
    SELECT a.id, s, CASE s WHEN 1 THEN 'Sagsfremstilling' ELSE 'Indstilling' END, CASE s WHEN 1 THEN 'sagsfremstilling' ELSE 'indstilling' END::"SectionKind",
           repeat('Forvaltningen har gennemgået området og vurderer, at budgettet kan overholdes. ', 8), a."sourceLine" + s
    FROM "AgendaItem" a, generate_series(1, 2) AS s
    WHERE NOT EXISTS (SELECT 1 FROM "Section" x WHERE x."itemId" = a.id)`;
  await prisma.$executeRaw`
    INSERT INTO "Attachment" ("itemId", "position", "title")
    SELECT a.id, 1, 'Bilag: økonomisk oversigt' FROM "AgendaItem" a
    WHERE NOT EXISTS (SELECT 1 FROM "Attachment" x WHERE x."itemId" = a.id)`;
}

const db = await openBenchDatabase(`bench_export_${randomBytes(4).toString("hex")}`);
const prisma = createPrisma(db.url);
const out = await mkdtemp(path.join(os.tmpdir(), "bench-export-"));
try {
  for (const [index, municipality] of MUNICIPALITIES.slice(0, MUNICIPALITY_COUNT).entries()) {
    const created = await prisma.municipality.create({ data: { slug: `bench-${index}`, name: municipality.name }, select: { id: true } });
    for (const committee of ["Økonomiudvalget", "Børne- og skoleudvalget"]) {
      await prisma.committee.create({ data: { municipalityId: created.id, slug: `${index}-${committee.length}`, name: committee } });
    }
  }
  await prisma.sourceDocument.create({
    data: { id: 1, fileName: "bench.txt", sha256: "0".repeat(64), size: 0, encoding: "utf-8", text: "", parserVersion: "bench", status: "ok" },
  });
  const totalMeetings = Math.ceil(items / ITEMS_PER_MEETING);
  for (const meetings of [Math.ceil(totalMeetings / 10), totalMeetings]) {
    const filled = Date.now();
    await fillTo(prisma, meetings);
    console.log(`Database fyldt til ${meetings} møder på ${((Date.now() - filled) / 1000).toFixed(0)} s.`);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const started = Date.now();
    const summary = await writeBulkFiles(prisma, out, "https://referater.example.dk");
    clearInterval(sampler);
    const bytes = summary.resources.reduce((sum, resource) => sum + resource.bytes, 0);
    console.log(
      `Eksport af ${summary.items} punkter (${summary.meetings} møder): ${((Date.now() - started) / 1000).toFixed(0)} s, ` +
        `${mb(bytes)} filer, største RSS ${mb(Math.max(peak, summary.peakRssBytes))}.`,
    );
  }
} finally {
  await prisma.$disconnect();
  await rm(out, { recursive: true, force: true });
  await db.drop();
  await db.close();
}
