import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { ingestFiles } from "./ingest-files";
import { reparseDocuments } from "./reparse";
import { SAMPLES_DIR } from "./test-fixtures";

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

    const reports = await reparseDocuments(db.prisma);
    expect(reports.map((r) => r.status)).toEqual(["updated", "updated", "updated", "updated", "updated"]);
    expect(await snapshot()).toEqual(before);
    expect(await reparseDocuments(db.prisma)).toEqual([]);
  });
});
