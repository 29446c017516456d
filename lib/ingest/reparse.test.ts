import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "./ingest-files";
import { countOutdatedDocuments, reparseDocuments } from "./reparse";
import { SAMPLES_DIR, VEJEN_SAMPLE, makeTempDir } from "./test-fixtures";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.drop());

describe("reparseDocuments", () => {
  it("rebuilds every meeting from the stored text alone, with the same URLs and content", async () => {
    await ingestFiles(db.prisma, [SAMPLES_DIR]);
    const snapshot = () =>
      db.prisma.meeting.findMany({
        orderBy: { id: "asc" },
        select: {
          id: true,
          urlKey: true,
          items: { orderBy: { position: "asc" }, select: { number: true, title: true, decision: true, outcome: true, closed: true, sections: { orderBy: { position: "asc" }, select: { heading: true, text: true } } } },
        },
      });
    const before = await snapshot();
    // Pretend an older parser wrote these rows.
    await db.prisma.sourceDocument.updateMany({ data: { parserVersion: "0.0.0" } });
    expect(await countOutdatedDocuments(db.prisma)).toBe(5);

    const reports = await reparseDocuments(db.prisma);
    expect(reports.map((r) => r.status)).toEqual(["updated", "updated", "updated", "updated", "updated"]);
    expect(await snapshot()).toEqual(before);
    expect(await countOutdatedDocuments(db.prisma)).toBe(0);
    expect(await reparseDocuments(db.prisma)).toEqual([]);
  });

  it("re-parses the version each meeting shows, never one a later ingest replaced", async () => {
    const file = path.join(makeTempDir(), "vejen.txt");
    const original = readFileSync(VEJEN_SAMPLE, "utf8");
    const corrected = original.replace("den 19-03-2024\n\nDrøftet.", "den 19-03-2024\n\nDrøftet og rettet.");
    // Published, corrected, then the correction withdrawn: the original is shown again.
    for (const text of [original, corrected, original]) {
      writeFileSync(file, text);
      await ingestFiles(db.prisma, [file]);
    }
    const decision = async () => (await db.prisma.agendaItem.findFirstOrThrow({ where: { number: "1" }, select: { decision: true } })).decision;
    expect(await decision()).toBe("Drøftet.");
    await db.prisma.sourceDocument.updateMany({ data: { parserVersion: "0.0.0" } });

    expect(await reparseDocuments(db.prisma)).toHaveLength(1);
    expect(await decision()).toBe("Drøftet.");
    expect(await reparseDocuments(db.prisma, { all: true })).toHaveLength(1);
    expect(await decision()).toBe("Drøftet.");
  });
});
