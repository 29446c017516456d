import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSearchDocuments } from "@/lib/data/search-documents";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { SAMPLES_DIR, makeTempDir, writeFixture } from "@/lib/ingest/test-fixtures";
import { buildSearchIndex } from "@/lib/search/build-index";
import { exportSearchIndex } from "@/lib/search/index-store";
import type { SearchDocument } from "@/lib/search/search-document";
import { auditPrivacy } from "./audit-privacy";
import type { AuditReport } from "./audit-report";
import { CLOSED_ITEM_STYLES, CLOSED_SECRET, cprNumbersInEveryFormat, vejenWithClosedStyle } from "./test-documents";

const E2E_FIXTURES = path.resolve("e2e/fixtures");

let db: TestDatabase;
let indexDir: string;

async function exportIndex(): Promise<void> {
  const docs: SearchDocument[] = [];
  for await (const doc of readSearchDocuments(db.prisma)) docs.push(doc);
  await exportSearchIndex(buildSearchIndex(docs), indexDir);
}

const audit = () => auditPrivacy({ prisma: db.prisma, indexDir });
const has = (report: AuditReport, location: RegExp, problem: RegExp) =>
  report.findings.some((f) => location.test(f.location) && problem.test(f.problem));

beforeAll(async () => {
  db = await createTestDatabase();
  indexDir = path.join(makeTempDir("referat-audit-"), "search");
});
afterAll(async () => {
  await db.drop();
});

describe("privacy audit over ingested samples, fixtures and documents full of markers and CPR numbers", () => {
  it("ingests everything, publishing nothing closed and no CPR number, and the audit finds nothing", async () => {
    const dir = makeTempDir();
    const generated = CLOSED_ITEM_STYLES.map((style, i) => writeFixture(dir, `vejen-stil-${i + 1}.txt`, vejenWithClosedStyle(style, i + 1)));
    expect(generated.length).toBeGreaterThanOrEqual(15);
    const summary = await ingestFiles(db.prisma, [SAMPLES_DIR, E2E_FIXTURES, dir]);
    const fixtures = readdirSync(SAMPLES_DIR).length + readdirSync(E2E_FIXTURES).length;
    expect(summary.discovered).toBe(fixtures + generated.length);
    // Samples and fixtures are published; each generated document is either closed by the
    // parser and published, or withheld with its reason: never published with the body.
    expect(summary.ok).toBeGreaterThanOrEqual(fixtures + 1);
    for (const failure of summary.failures) expect(failure.error).toMatch(/vejen-stil-\d+\.txt:\d+: tilbageholdt: /u);
    expect(summary.ok + summary.failed).toBe(summary.discovered);
    expect(summary.cprRedactions).toBeGreaterThanOrEqual(generated.length * cprNumbersInEveryFormat().length);

    await exportIndex();
    const report = await audit();
    expect(report.findings).toEqual([]);
    expect(report.scanned.tabelkolonner).toBeGreaterThan(10);
    expect(report.scanned["værdier"]).toBeGreaterThan(500);
    expect(report.scanned["åbne punkter"]).toBeGreaterThan(50);
    expect(report.scanned["lukkede punkter"]).toBeGreaterThanOrEqual(fixtures - 1);
    expect(report.scanned.kildedokumenter).toBeGreaterThanOrEqual(fixtures);
    expect(report.scanned.indeksfiler).toBeGreaterThan(3);
    expect(report.scanned["punkter i indekset"]).toBeGreaterThan(50);

    // The secret word of the closed bodies is nowhere, whichever way each document went.
    const columns = await db.prisma.$queryRaw<Array<{ table: string; column: string }>>`
      SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type IN ('text', 'jsonb', 'ARRAY')`;
    for (const { table, column } of columns) {
      const [row] = await db.prisma.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text LIKE $1`,
        `%${CLOSED_SECRET}%`,
      );
      expect({ table, column, n: row?.n }).toEqual({ table, column, n: 0 });
    }
    const version = JSON.parse(readFileSync(path.join(indexDir, "current.json"), "utf8")) as { path: string };
    const indexFiles = readdirSync(path.join(indexDir, version.path), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(indexFiles.map((entry) => entry.name)).toEqual(expect.arrayContaining(["items-title.bin", "items-decision.bin", "items-url.bin"]));
    for (const entry of indexFiles) expect(readFileSync(path.join(entry.parentPath, entry.name), "latin1"), entry.name).not.toContain(CLOSED_SECRET);
  });

  it("finds what is planted: a CPR number in any column (a new one too), a marker in an open item, a closed item's body, its text in a source document and the index", async () => {
    const open = await db.prisma.agendaItem.findFirstOrThrow({ where: { closed: false }, orderBy: { id: "asc" } });
    const closed = await db.prisma.agendaItem.findFirstOrThrow({ where: { closed: true }, orderBy: { id: "asc" } });
    const section = await db.prisma.section.create({
      data: { itemId: open.id, position: 999, heading: "Bemærkninger", kind: "other", text: "Ansøger Hansen,120345-\n6789 har klaget.", sourceLine: 1 },
    });
    // Ten digits in a row: one index term, so the number lands in the term and word-pair segments' dictionaries.
    await db.prisma.section.create({ data: { itemId: open.id, position: 998, heading: "Journal", kind: "other", text: "Journal 1203456789 vedlagt.", sourceLine: 1 } });
    await db.prisma.agendaItem.update({ where: { id: open.id }, data: { title: `${open.title} (Lukket)` } });
    // A CPR number in another open item's decision and case number, stored in the item columns.
    const decided = await db.prisma.agendaItem.findFirstOrThrow({ where: { closed: false, id: { not: open.id } }, orderBy: { id: "asc" } });
    await db.prisma.agendaItem.update({ where: { id: decided.id }, data: { decision: "Bevilget til 120345-6789.", caseNumber: "120345-6789" } });
    await db.prisma.section.create({ data: { itemId: closed.id, position: 1, heading: "Sagsfremstilling", kind: "sagsfremstilling", text: "Fortroligt indhold.", sourceLine: 1 } });
    // Another closed item with a vote recorded for a person, as if the ingest had read its body.
    const closedWithVote = await db.prisma.agendaItem.findFirstOrThrow({ where: { closed: true, id: { not: closed.id } }, orderBy: { id: "asc" } });
    const voter = await db.prisma.person.findFirstOrThrow({ orderBy: { id: "asc" } });
    await db.prisma.personVote.create({ data: { itemId: closedWithVote.id, personId: voter.id, kind: "against", sourceLine: 1 } });
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "Municipality" ADD COLUMN "note" text`);
    const municipality = await db.prisma.municipality.findFirstOrThrow({ orderBy: { id: "asc" } });
    await db.prisma.$executeRawUnsafe(`UPDATE "Municipality" SET "note" = 'ref/01.02.03-1234' WHERE id = $1`, municipality.id);
    // The sample's closed item 11 body, put back into its stored source text.
    const vejen = await db.prisma.sourceDocument.findFirstOrThrow({ where: { fileName: { endsWith: "vejen-2024-03-19-arbejdsmarked-og-integration.txt" } } });
    const lines = vejen.text.split("\n");
    const heading = lines.indexOf("Punkt 11: Lukket: Eventuelt (B)");
    expect(heading).toBeGreaterThan(0);
    lines[heading + 2] = "Intet.";
    // A sha256 whose digits happen to read as a CPR number is a hash, not a finding.
    await db.prisma.sourceDocument.update({ where: { id: vejen.id }, data: { text: lines.join("\n"), sha256: `ab3105121234cd${"e".repeat(50)}` } });
    await exportIndex();

    const report = await audit();
    expect(has(report, new RegExp(`^Section\\.text id=${section.id} `), /^CPR-nummer: "Ansøger Hansen,\[CPR-nummer\] har klaget\."$/u)).toBe(true);
    expect(has(report, /^Municipality\.note id=/u, /^CPR-nummer/u)).toBe(true);
    expect(has(report, new RegExp(`^AgendaItem id=${open.id} .*titel`), /lukket-markering \("Lukket"\)/u)).toBe(true);
    expect(has(report, new RegExp(`^AgendaItem id=${closed.id} `), /lukket punkt med mere end nummer og titel: 1 afsnit/u)).toBe(true);
    expect(has(report, new RegExp(`^AgendaItem id=${closedWithVote.id} `), /lukket punkt med mere end nummer og titel: 0 afsnit, 0 bilag, indstilling\/afstemning\/personer$/u)).toBe(
      true,
    );
    expect(has(report, new RegExp(`^SourceDocument id=${vejen.id} linje ${heading + 3}$`), /et lukket punkts tekst er gemt/u)).toBe(true);
    expect(has(report, /items-title\.bin .*titel/u, /lukket-markering/u)).toBe(true);
    expect(has(report, new RegExp(`items-decision\\.bin punkt #\\d+ \\(AgendaItem id=${decided.id}\\) beslutning`), /^CPR-nummer/u)).toBe(true);
    expect(has(report, new RegExp(`items-caseNumber\\.bin punkt #\\d+ \\(AgendaItem id=${decided.id}\\) sagsnummer`), /^CPR-nummer/u)).toBe(true);
    expect(has(report, /sections\.bin punkt #\d+ \(AgendaItem id=\d+\) afsnit/u, /^CPR-nummer/u)).toBe(true);
    expect(has(report, /\/terms-\* term \d+ /u, /^CPR-nummer/u)).toBe(true);
    expect(has(report, /\/pairs-\* term \d+ /u, /^CPR-nummer/u)).toBe(true);
    expect(report.findings.filter((f) => f.location.startsWith("SourceDocument.sha256"))).toEqual([]);
    // Findings never repeat the number itself.
    expect(JSON.stringify(report.findings)).not.toMatch(/6789|120345/u);
  });
});
