import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listMigrations } from "@/lib/db/migrate";
import { createTestDatabase, migrateBefore, type TestDatabase } from "@/lib/db/test-database";

const MIGRATION = "20261201200000_drop_superseded_source_text";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase({ migrate: false });
});
afterEach(() => db.drop());

describe(`migration ${MIGRATION}`, () => {
  it("empties the text of versions a correction replaced, and only theirs", async () => {
    const { rest } = await migrateBefore(db.url, MIGRATION);

    // Raw SQL: the client knows the newest schema, the database only the migrations before this one.
    const doc = async (sha256: string, status: "ok" | "failed", text: string) => {
      const [row] = await db.prisma.$queryRaw<Array<{ id: number }>>`
        INSERT INTO "SourceDocument" ("fileName", sha256, size, encoding, text, "parserVersion", status)
        VALUES (${`${sha256}.txt`}, ${sha256}, 1, 'utf-8', ${text}, '1', ${status}::"DocumentStatus") RETURNING id`;
      if (!row) throw new Error("no SourceDocument row");
      return row;
    };
    const superseded = await doc("a", "ok", "Punkt 6: Fritidspas\n\nHemmelig krop");
    const shown = await doc("b", "ok", "Punkt 6: Lukket: Fritidspas");
    const failed = await doc("c", "failed", "");
    await db.prisma.$executeRaw`INSERT INTO "Municipality" (slug, name) VALUES ('vejen', 'Vejen Kommune')`;
    await db.prisma.$executeRaw`INSERT INTO "Committee" ("municipalityId", slug, name) SELECT id, 'udvalg', 'Udvalg' FROM "Municipality"`;
    await db.prisma.$executeRaw`
      INSERT INTO "Meeting" ("committeeId", date, "startTime", "startsAt", "urlKey", kind, "sourceDocumentId", "updatedAt")
      SELECT id, '2024-03-19', '14:00', now(), '2024-03-19', 'referat', ${shown.id}, now() FROM "Committee"`;

    expect(await rest()).toEqual(listMigrations().map((m) => m.name).filter((n) => n >= MIGRATION));
    const texts = await db.prisma.$queryRaw<Array<{ id: number; text: string; sha256: string }>>`SELECT id, text, sha256 FROM "SourceDocument" ORDER BY id`;
    expect(texts).toEqual([
      { id: superseded.id, text: "", sha256: "a" },
      { id: shown.id, text: "Punkt 6: Lukket: Fritidspas", sha256: "b" },
      { id: failed.id, text: "", sha256: "c" },
    ]);
  });
});
