import { copyFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { findCprNumbers } from "@/lib/privacy/redact-cpr";
import { formatSummary } from "./format-summary";
import { ingestFiles } from "./ingest-files";
import { reparseDocuments } from "./reparse";
import { VEJEN_SAMPLE, makeTempDir, vejenWithClosedBody, writeFixture } from "./test-fixtures";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.drop();
});

describe("ingest and privacy", () => {
  it("never stores or prints a CPR number from a file name", async () => {
    const dir = makeTempDir("referat-010203-1234-");
    copyFileSync(VEJEN_SAMPLE, path.join(dir, "vejen 0102031234.txt"));
    writeFixture(dir, "klage-010203-1234.txt", "Dette er ikke et referat.\n");
    writeFixture(dir, "bilag 01.02.03-1234.docx", "ikke et referat");
    const printed: string[] = [];
    const summary = await ingestFiles(db.prisma, [dir, path.join(dir, "mangler-010203-1234.txt")], {
      onDocument: (report) => printed.push(JSON.stringify(report)),
    });
    expect(summary).toMatchObject({ ok: 1, failed: 1, skipped: 2 });
    printed.push(JSON.stringify(summary), formatSummary(summary));
    expect(printed).toHaveLength(4);
    for (const text of printed) expect(findCprNumbers(text)).toEqual([]);
    expect(printed.join("\n")).toContain("[CPR fjernet]");

    const documents = await db.prisma.sourceDocument.findMany({ select: { fileName: true, error: true } });
    expect(documents).toHaveLength(2);
    for (const { fileName, error } of documents) expect(findCprNumbers(`${fileName}\n${error ?? ""}`)).toEqual([]);
  });

  it("withholds a document whose open item still carries a closed marker, naming the line", async () => {
    const dir = makeTempDir();
    // A marker the parser does not read as closing (it closes "Lukket punkt - fortroligt" and most
    // other forms itself): the withholding is the safety net for the forms it misses.
    const text = vejenWithClosedBody("X", "Status: Lukket punkt");
    const file = writeFixture(dir, "vejen.txt", text);
    const line = text.split("\n").indexOf("Status: Lukket punkt") + 1;
    expect(line).toBeGreaterThan(1);

    const summary = await ingestFiles(db.prisma, [file]);
    expect(summary).toMatchObject({ ok: 0, failed: 1 });
    expect(summary.failures[0]?.error).toBe(
      `${file}:${line}: tilbageholdt: punkt 1 er ikke lukket, men linje ${line} har en lukket-markering ("Lukket punkt") (og 1 fund mere)`,
    );
    expect(await db.prisma.meeting.count()).toBe(0);
    const stored = await db.prisma.sourceDocument.findFirstOrThrow();
    expect(stored).toMatchObject({ status: "failed", text: "", errorLine: line });
  });

  it("reparse removes CPR numbers an older ingest stored, in the text and the file name", async () => {
    await ingestFiles(db.prisma, [VEJEN_SAMPLE]);
    const stored = await db.prisma.sourceDocument.findFirstOrThrow();
    // What an ingest before the wider CPR formats left behind.
    const text = stored.text.replace("Sagsfremstilling\n\nBaggrund\n", "Sagsfremstilling\n\nBaggrund\n\nBorger cpr.nr.01.02.03-1234 og ref/010203 - 1234.\n");
    expect(text).not.toBe(stored.text);
    await db.prisma.sourceDocument.update({ where: { id: stored.id }, data: { fileName: "data/vejen 010203-1234.txt", text } });

    const reports = await reparseDocuments(db.prisma, { all: true });
    expect(reports.map((r) => [r.status, r.cprRedactions])).toEqual([["updated", 2]]);
    const after = await db.prisma.sourceDocument.findFirstOrThrow({ where: { id: stored.id } });
    expect(after.fileName).toBe("data/vejen [CPR fjernet].txt");
    expect(findCprNumbers(after.text)).toEqual([]);
    expect(await db.prisma.section.count({ where: { text: { contains: "cpr.nr.[CPR fjernet] og ref/[CPR fjernet]." } } })).toBe(1);
  });

  it("redacts CPR numbers in a PDF's text, also one broken over two lines", async () => {
    const text = readFileSync(VEJEN_SAMPLE, "utf8").replace(
      "Sagsfremstilling\n\nBaggrund\n",
      "Sagsfremstilling\n\nBaggrund\n\nBorger 010203-1234 og 31.12.99 - 1234 samt cpr.nr.150785-\n1234 har klaget.\n",
    );
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const lines = text.replace(/\t/g, "    ").replace(/[^\x20-\x7e\u00a0-\u00ff\n–”“]/g, " ").split("\n");
    for (let start = 0; start < lines.length; start += 60) {
      const page = pdf.addPage([595, 842]);
      lines.slice(start, start + 60).forEach((line, i) => page.drawText(line.slice(0, 110), { x: 30, y: 805 - i * 13, size: 9, font }));
    }
    const summary = await ingestFiles(db.prisma, [writeFixture(makeTempDir(), "vejen.pdf", await pdf.save())]);
    expect(summary).toMatchObject({ ok: 1, cprRedactions: 3 });
    const stored = await db.prisma.sourceDocument.findFirstOrThrow();
    expect(stored.encoding).toBe("pdf");
    expect(findCprNumbers(stored.text)).toEqual([]);
    expect(stored.text).not.toMatch(/010203|150785|31\.12\.99/u);
    expect(await db.prisma.section.count({ where: { text: { contains: "Borger [CPR fjernet] og [CPR fjernet] samt cpr.nr.[CPR fjernet]" } } })).toBe(1);
  });

  it("publishes the same document without the marker line", async () => {
    const dir = makeTempDir();
    const summary = await ingestFiles(db.prisma, [writeFixture(dir, "vejen.txt", vejenWithClosedBody("X", "Udvalget holdt et lukket møde om sagen."))]);
    expect(summary).toMatchObject({ ok: 1, failed: 0 });
  });
});
