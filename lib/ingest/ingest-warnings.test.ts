import { closeSync, ftruncateSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listMeetingsWithWarnings } from "@/lib/data/data-quality";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { MISSING_START_TIME } from "@/lib/minutes/parse-minutes";
import { formatSummary } from "./format-summary";
import { ingestFiles } from "./ingest-files";
import { MAX_TEXT_BYTES } from "./read-document";
import { VEJEN_SAMPLE, makeTempDir, writeFixture } from "./test-fixtures";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.drop();
});

const vejen = () => readFileSync(VEJEN_SAMPLE, "utf8");

describe("documents the parser could not read cleanly", () => {
  it("stores a meeting whose start time has an unknown label, without a time, and reports the warning", async () => {
    const dir = makeTempDir();
    const text = vejen().replace("Mødedato Tirsdag d. 19. marts 2024 kl. 14:00", "Mødedato Tirsdag d. 19. marts 2024\n\nMødebegyndelse 14.00");
    expect(text).not.toBe(vejen());
    const file = writeFixture(dir, "vejen-ny-skabelon.txt", text);
    const summary = await ingestFiles(db.prisma, [file]);
    expect(summary).toMatchObject({ ok: 1, failed: 0 });
    expect(summary.warnings).toEqual([
      { file, line: 3, message: MISSING_START_TIME, text: "" },
      { file, line: 7, message: "Linjen i mødehovedet blev ikke genkendt", text: "Mødebegyndelse 14.00" },
    ]);
    const meeting = await db.prisma.meeting.findFirstOrThrow({ include: { _count: { select: { items: true } } } });
    expect([meeting.urlKey, meeting.startTime, meeting.startsAt, meeting._count.items]).toEqual(["2024-03-19", null, null, 12]);

    const table = formatSummary(summary);
    expect(table).toContain("Advarsler (2 i 1 dokument; alle står på siden /datakvalitet):");
    expect(table).toContain(`  ! ${file}:3: ${MISSING_START_TIME}`);
    expect(table).toContain(`  ! ${file}:7: Linjen i mødehovedet blev ikke genkendt ("Mødebegyndelse 14.00")`);

    // The same document again is the same meeting (no second one with an unknown time that day).
    writeFixture(dir, "vejen-ny-skabelon.txt", text.replace("Drøftet.", "Drøftet og rettet."));
    expect(await ingestFiles(db.prisma, [file])).toMatchObject({ updated: 1, ok: 0 });
    expect(await db.prisma.meeting.count()).toBe(1);
  });

  it("keeps the first name of a committee spelled with other punctuation, and warns", async () => {
    const dir = makeTempDir();
    const first = writeFixture(dir, "a.txt", vejen());
    const second = writeFixture(
      dir,
      "b.txt",
      vejen()
        .replace("REFERAT Udvalget for arbejdsmarked og integration 2022-2025 d. 19-03-2024", "REFERAT Udvalget for Arbejdsmarked- og Integration 2022-2025 d. 26-03-2024")
        .replace("Mødedato Tirsdag d. 19. marts 2024", "Mødedato Tirsdag d. 26. marts 2024"),
    );
    const summary = await ingestFiles(db.prisma, [first, second], { concurrency: 1 });
    expect(summary).toMatchObject({ ok: 2, failed: 0 });
    expect(await db.prisma.committee.findMany({ select: { name: true } })).toEqual([{ name: "Udvalget for arbejdsmarked og integration" }]);
    expect(summary.warnings).toEqual([
      {
        file: second,
        line: null,
        message:
          'Udvalget hedder "Udvalget for Arbejdsmarked- og Integration" i dokumentet, men findes allerede som "Udvalget for arbejdsmarked og integration" (forskel kun i tegnsætning eller store og små bogstaver). Mødet er lagt under "Udvalget for arbejdsmarked og integration".',
        text: "Udvalget for Arbejdsmarked- og Integration",
      },
    ]);
  });

  it("lists the meetings with warnings for the data-quality page, and only those", async () => {
    const dir = makeTempDir();
    writeFixture(dir, "a.txt", vejen());
    writeFixture(dir, "b.txt", vejen().replace("d. 19. marts 2024 kl. 14:00", "d. 20. marts 2024").replace("d. 19-03-2024", "d. 20-03-2024"));
    const summary = await ingestFiles(db.prisma, [dir]);
    // Failed once in CI beside a 1M benchmark without saying why: the failures name the cause.
    expect(summary, JSON.stringify(summary.failures)).toMatchObject({ ok: 2, failed: 0 });
    process.env.DATABASE_URL = db.url;
    const listed = await listMeetingsWithWarnings();
    expect(listed).toEqual([
      {
        url: "/vejen/udvalget-for-arbejdsmarked-og-integration/2024-03-20",
        municipality: "Vejen Kommune",
        committee: "Udvalget for arbejdsmarked og integration",
        date: "2024-03-20",
        startTime: null,
        fileName: path.basename("b.txt"),
        warnings: [{ line: 3, message: MISSING_START_TIME, text: "" }],
      },
    ]);
  });
});

describe("files the ingest refuses", () => {
  it("names a file over the size limit and goes on with the rest", async () => {
    const dir = makeTempDir();
    const big = path.join(dir, "a-kaempe.txt");
    const fd = openSync(big, "w");
    ftruncateSync(fd, MAX_TEXT_BYTES + 1024 * 1024);
    closeSync(fd);
    writeFixture(dir, "b-vejen.txt", vejen());
    const summary = await ingestFiles(db.prisma, [dir]);
    expect(summary).toMatchObject({ discovered: 2, ok: 1, failed: 1 });
    expect(summary.failures).toEqual([{ file: big, error: `${big}: Filen er for stor (21 MB); grænsen er 20 MB. Del dokumentet op i mindre filer.` }]);
  });
});
