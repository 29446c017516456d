import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, migrateBefore, type TestDatabase } from "@/lib/db/test-database";

const MIGRATION = "20261203000300_agenda_item_source_meeting";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase({ migrate: false });
});
afterEach(() => db.drop());

describe(`migration ${MIGRATION}`, () => {
  it("has the meetings merged with a supplementary agenda fetched again, and only those", async () => {
    const { rest } = await migrateBefore(db.url, MIGRATION);
    const merged = "2026-04-13T08:00:00 + tillæg 55555555-eeee-4eee-8eee-000000000001 2026-04-15T08:00:00";
    // Raw SQL: the client knows the newest schema, the database only the migrations before this one.
    await db.prisma.$executeRaw`
      INSERT INTO "RemoteMeeting" (site, "remoteId", "releasedDate", status)
      VALUES ('https://a.example', 'merged', ${merged}, 'ok'), ('https://a.example', 'plain', '2026-03-09T08:00:00', 'ok'),
             ('https://a.example', 'never', NULL, 'failed')`;
    expect(await rest()).toContain(MIGRATION);
    const rows = await db.prisma.remoteMeeting.findMany({ orderBy: { remoteId: "asc" }, select: { remoteId: true, releasedDate: true } });
    expect(rows).toEqual([
      { remoteId: "merged", releasedDate: null },
      { remoteId: "never", releasedDate: null },
      { remoteId: "plain", releasedDate: "2026-03-09T08:00:00" },
    ]);
  });
});
