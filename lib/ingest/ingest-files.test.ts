import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "./ingest-files";
import { SAMPLES_DIR, VEJEN_SAMPLE, makeTempDir, sampleFiles, vejenWithClosedBody, writeFixture } from "./test-fixtures";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.drop();
});

async function counts(prisma = db.prisma) {
  return {
    municipalities: await prisma.municipality.count(),
    committees: await prisma.committee.count(),
    meetings: await prisma.meeting.count(),
    items: await prisma.agendaItem.count(),
    sections: await prisma.section.count(),
    attachments: await prisma.attachment.count(),
  };
}

describe("ingestFiles", () => {
  it("loads the five samples, and a second run changes nothing", async () => {
    const first = await ingestFiles(db.prisma, [SAMPLES_DIR]);
    expect(first).toMatchObject({ discovered: 5, ok: 5, updated: 0, unchanged: 0, failed: 0, skipped: 0 });
    const before = await counts();
    expect(before.meetings).toBe(5);
    expect(before.municipalities).toBe(5);
    const ids = await db.prisma.agendaItem.findMany({ select: { id: true }, orderBy: { id: "asc" } });

    const second = await ingestFiles(db.prisma, [SAMPLES_DIR]);
    expect(second).toMatchObject({ discovered: 5, ok: 0, unchanged: 5, failed: 0 });
    expect(await counts()).toEqual(before);
    expect(await db.prisma.agendaItem.findMany({ select: { id: true }, orderBy: { id: "asc" } })).toEqual(ids);
  });

  it("replaces a meeting's items when a corrected document comes in, keeping its URLs", async () => {
    const dir = makeTempDir();
    const file = path.join(dir, "vejen.txt");
    copyFileSync(VEJEN_SAMPLE, file);
    const first = await ingestFiles(db.prisma, [file], { onDocument: () => {} });
    expect(first.ok).toBe(1);
    const meetingBefore = await db.prisma.meeting.findFirstOrThrow({ include: { items: { orderBy: { position: "asc" } } } });

    writeFileSync(file, readFileSync(file, "utf8").replace("Beslutning Udvalget for arbejdsmarked og integration den 19-03-2024\n\nDrøftet.", "Beslutning Udvalget for arbejdsmarked og integration den 19-03-2024\n\nDrøftet og rettet."));
    const reports: string[] = [];
    const second = await ingestFiles(db.prisma, [file], { onDocument: (r) => reports.push(r.status) });
    expect(second).toMatchObject({ updated: 1, ok: 0 });
    expect(reports).toEqual(["updated"]);

    const meetingAfter = await db.prisma.meeting.findFirstOrThrow({ include: { items: { orderBy: { position: "asc" } } } });
    expect(meetingAfter.id).toBe(meetingBefore.id);
    expect(meetingAfter.urlKey).toBe(meetingBefore.urlKey);
    expect(meetingAfter.items.map((i) => i.number)).toEqual(meetingBefore.items.map((i) => i.number));
    expect(meetingAfter.items[0]?.decision).toBe("Drøftet og rettet.");
    expect(await db.prisma.meeting.count()).toBe(1);
    expect(await db.prisma.sourceDocument.count()).toBe(2);
  });

  it("treats a corrected start time in the same file as the same meeting, and another file as another meeting", async () => {
    const dir = makeTempDir();
    const file = path.join(dir, "vejen.txt");
    const original = readFileSync(VEJEN_SAMPLE, "utf8");
    writeFileSync(file, original);
    await ingestFiles(db.prisma, [file]);
    const before = await db.prisma.meeting.findFirstOrThrow({ select: { id: true, urlKey: true, startTime: true } });
    expect(before.startTime).toBe("14:00");

    writeFileSync(file, original.replace("2024 kl. 14:00", "2024 kl. 15:30"));
    const reports: string[] = [];
    await ingestFiles(db.prisma, [file], { onDocument: (r) => reports.push(r.status) });
    expect(reports).toEqual(["updated"]);
    expect(await db.prisma.meeting.findMany({ select: { id: true, urlKey: true, startTime: true } })).toEqual([{ ...before, startTime: "15:30" }]);

    // A second meeting that day, from its own file, keeps its own page.
    writeFixture(dir, "vejen-ekstra.txt", original.replace("2024 kl. 14:00", "2024 kl. 18:00"));
    await ingestFiles(db.prisma, [path.join(dir, "vejen-ekstra.txt")]);
    expect((await db.prisma.meeting.findMany({ select: { urlKey: true, startTime: true }, orderBy: { id: "asc" } })).map((m) => `${m.urlKey} ${m.startTime}`)).toEqual([
      "2024-03-19 15:30",
      "2024-03-19-2 18:00",
    ]);
  });

  it("puts an earlier version back when its bytes come in again after a correction", async () => {
    const dir = makeTempDir();
    const file = path.join(dir, "vejen.txt");
    const original = readFileSync(VEJEN_SAMPLE, "utf8");
    const decision = async () => (await db.prisma.agendaItem.findFirstOrThrow({ where: { number: "1" }, select: { decision: true } })).decision;
    const ingest = async () => {
      const reports: string[] = [];
      await ingestFiles(db.prisma, [file], { onDocument: (r) => reports.push(r.status) });
      return reports;
    };
    writeFileSync(file, original);
    expect(await ingest()).toEqual(["ok"]);
    writeFileSync(file, original.replace("den 19-03-2024\n\nDrøftet.", "den 19-03-2024\n\nDrøftet og rettet."));
    expect(await ingest()).toEqual(["updated"]);
    expect(await decision()).toBe("Drøftet og rettet.");

    // The municipality withdraws the correction: the original bytes, already stored once.
    writeFileSync(file, original);
    expect(await ingest()).toEqual(["updated"]);
    expect(await decision()).toBe("Drøftet.");
    expect(await ingest()).toEqual(["unchanged"]);
    expect(await db.prisma.sourceDocument.count()).toBe(2);
  });

  it("isolates a broken document: the good ones are stored, the broken one is recorded with its error", async () => {
    const dir = makeTempDir();
    for (const file of sampleFiles().slice(0, 2)) copyFileSync(file, path.join(dir, path.basename(file)));
    writeFixture(dir, "broken.txt", "REFERAT Økonomiudvalget\n\nDette er ikke et referat uden dato og punkter.\n");
    writeFixture(dir, "empty.txt", "");
    writeFixture(dir, "binary.txt", new Uint8Array([0, 1, 2, 3, 255, 254, 0, 0, 17, 80, 75, 3, 4]));
    writeFixture(dir, "notes.docx", "not minutes");

    const summary = await ingestFiles(db.prisma, [dir]);
    expect(summary).toMatchObject({ discovered: 6, ok: 2, failed: 3, skipped: 1 });
    expect(summary.discovered).toBe(summary.ok + summary.updated + summary.unchanged + summary.failed + summary.skipped);
    expect(summary.skippedFiles[0]?.file).toMatch(/notes\.docx$/);
    for (const failure of summary.failures) expect(failure.error).toContain(failure.file);

    const failed = await db.prisma.sourceDocument.findMany({ where: { status: "failed" }, include: { meetings: true } });
    expect(failed.map((d) => path.basename(d.fileName)).sort()).toEqual(["binary.txt", "broken.txt", "empty.txt"]);
    for (const doc of failed) {
      expect(doc.error).toBeTruthy();
      expect(doc.meetings).toEqual([]);
    }
    expect(await db.prisma.meeting.count()).toBe(2);
  });

  it("records a page change per written meeting, in its transaction; none for unchanged or failed documents", async () => {
    const dir = makeTempDir();
    copyFileSync(VEJEN_SAMPLE, path.join(dir, "vejen.txt"));
    writeFixture(dir, "broken.txt", "REFERAT Økonomiudvalget\n\nDette er ikke et referat uden dato og punkter.\n");
    await ingestFiles(db.prisma, [dir]);
    const meeting = await db.prisma.meeting.findFirstOrThrow({ select: { urlKey: true, committee: { select: { slug: true } } } });
    const expected = `/vejen/${meeting.committee.slug}/${meeting.urlKey}`;
    const changes = async () => (await db.prisma.pageChange.findMany({ orderBy: { id: "asc" } })).map((c) => c.path);
    // Case pages (/vejen/sag/…) change with the meeting whose items they list (lib/ingest/cases.test.ts).
    const paths = async () => (await changes()).filter((path) => !path.startsWith("/vejen/sag/"));
    // The meeting, and the municipality's person pages (a person's votes and attendance may change).
    const written = [expected, "/vejen/person"];
    expect(await paths()).toEqual(written);
    expect((await changes()).filter((path) => path.startsWith("/vejen/sag/"))).toHaveLength(await db.prisma.case.count());

    await ingestFiles(db.prisma, [dir]);
    expect(await paths()).toEqual(written);

    const file = path.join(dir, "vejen.txt");
    writeFileSync(file, readFileSync(file, "utf8").replace("Drøftet.", "Drøftet og rettet."));
    await ingestFiles(db.prisma, [dir]);
    expect(await paths()).toEqual([...written, ...written]);
  });

  it("lets two concurrent runs over the same files neither duplicate nor corrupt", async () => {
    const other = (await import("@/lib/db/client")).createPrisma(db.url);
    try {
      const [a, b] = await Promise.all([ingestFiles(db.prisma, [SAMPLES_DIR]), ingestFiles(other, [SAMPLES_DIR])]);
      expect(a.failed + b.failed).toBe(0);
      expect(a.ok + b.ok).toBe(5);
      expect(a.unchanged + b.unchanged).toBe(5);
      expect(await counts()).toMatchObject({ meetings: 5, municipalities: 5 });
      expect(await db.prisma.sourceDocument.count()).toBe(5);
    } finally {
      await other.$disconnect();
    }
  });

  it("never stores a closed item's body, in any text column", async () => {
    const marker = "HEMMELIG-MARKOER-7731";
    const dir = makeTempDir();
    writeFixture(dir, "vejen-lukket.txt", vejenWithClosedBody(marker));
    const summary = await ingestFiles(db.prisma, [dir]);
    expect(summary.ok).toBe(1);
    const closed = await db.prisma.agendaItem.findFirstOrThrow({ where: { closed: true }, include: { sections: true, attachments: true } });
    expect(closed).toMatchObject({ number: "11", title: "Eventuelt", decision: null, caseNumber: null, sections: [], attachments: [] });

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const columns = await client.query<{ table_name: string; column_name: string }>(`
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY')`);
      expect(columns.rows.length).toBeGreaterThan(10);
      for (const { table_name, column_name } of columns.rows) {
        const found = await client.query(
          `SELECT count(*)::int AS n FROM ${client.escapeIdentifier(table_name)} WHERE ${client.escapeIdentifier(column_name)}::text LIKE $1`,
          [`%${marker}%`],
        );
        expect({ table_name, column_name, n: found.rows[0].n }).toEqual({ table_name, column_name, n: 0 });
      }
      const stored = await client.query<{ text: string }>(`SELECT text FROM "SourceDocument"`);
      expect(stored.rows[0]?.text).toContain("Punkt 11: Lukket: Eventuelt (B)");
    } finally {
      await client.end();
    }
  });

  it("redacts CPR numbers before anything is stored and counts them", async () => {
    const dir = makeTempDir();
    writeFixture(dir, "vejen-cpr.txt", vejenWithClosedBody("X", "Borgeren med cpr.nr. 010190-1234 og 0202851234 er omtalt."));
    const summary = await ingestFiles(db.prisma, [dir]);
    expect(summary).toMatchObject({ ok: 1, cprRedactions: 2 });
    const doc = await db.prisma.sourceDocument.findFirstOrThrow();
    expect(doc.text).not.toMatch(/010190|0202851234/);
    expect(doc.text).toContain("[CPR fjernet]");
    const sections = await db.prisma.section.findMany({ where: { text: { contains: "CPR fjernet" } } });
    expect(sections.length).toBe(1);
    expect(sections[0]?.text).not.toContain("010190");
  });

  it("reads Windows-1252 files and records the encoding", async () => {
    const dir = makeTempDir();
    const utf8 = readFileSync(VEJEN_SAMPLE, "utf8").replace(/[”“]/g, '"').replace(/[–]/g, "-");
    const bytes = Uint8Array.from([...utf8].map((ch) => {
      const code = ch.charCodeAt(0);
      if (code < 256) return code;
      throw new Error(`fixture character ${ch} is not in Latin-1`);
    }));
    writeFixture(dir, "vejen-1252.txt", bytes);
    const summary = await ingestFiles(db.prisma, [dir]);
    expect(summary).toMatchObject({ ok: 1, failed: 0 });
    const doc = await db.prisma.sourceDocument.findFirstOrThrow();
    expect(doc.encoding).toBe("windows-1252");
    const meeting = await db.prisma.meeting.findFirstOrThrow({ include: { committee: { include: { municipality: true } } } });
    expect(meeting.committee.municipality.name).toBe("Vejen Kommune");
    expect(await db.prisma.agendaItem.count({ where: { title: { contains: "Bæredygtighed" } } })).toBe(1);
  });

  it("ingests a PDF made from a sample through the same parser, without its running header", async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const lines = readFileSync(VEJEN_SAMPLE, "utf8")
      .replace(/\t/g, "    ")
      .replace(/[^\x20-\x7e\u00a0-\u00ff\n–”“]/g, " ")
      .split("\n")
      .flatMap((line) => (line.length > 110 ? line.match(/.{1,110}(\s|$)/g) ?? [line] : [line]));
    const runningHeader = "Referat - Udvalget for arbejdsmarked og integration - 19.03.2024";
    for (let start = 0; start < lines.length; start += 60) {
      const page = pdf.addPage([595, 842]);
      page.drawText(runningHeader, { x: 30, y: 825, size: 8, font });
      lines.slice(start, start + 60).forEach((line, i) => page.drawText(line, { x: 30, y: 805 - i * 13, size: 9, font }));
    }
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(3);
    const dir = makeTempDir();
    writeFixture(dir, "vejen.pdf", await pdf.save());
    const summary = await ingestFiles(db.prisma, [dir]);
    expect(summary.failures).toEqual([]);
    expect(summary.ok).toBe(1);
    const doc = await db.prisma.sourceDocument.findFirstOrThrow();
    expect(doc.encoding).toBe("pdf");
    const items = await db.prisma.agendaItem.findMany({ orderBy: { position: "asc" } });
    expect(items.map((i) => i.number)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);
    expect(items[0]?.outcome).toBe("discussed");
    // Pages are told apart (a form feed between them), so the line atop every page is dropped.
    expect(await db.prisma.section.count()).toBeGreaterThan(20);
    expect(await db.prisma.section.count({ where: { text: { contains: runningHeader } } })).toBe(0);
  });
});

