import { cpSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, listMigrations } from "@/lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { makeTempDir } from "./test-fixtures";

const MIGRATION = "20261201200000_drop_superseded_source_text";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase({ migrate: false });
});
afterEach(() => db.drop());

describe(`migration ${MIGRATION}`, () => {
  it("empties the text of versions a correction replaced, and only theirs", async () => {
    const names = listMigrations().map((m) => m.name);
    expect(names).toContain(MIGRATION);
    const earlier = makeTempDir("referat-migrations-");
    for (const name of names.filter((n) => n < MIGRATION)) cpSync(path.join(DEFAULT_MIGRATIONS_DIR, name), path.join(earlier, name), { recursive: true });
    await applyMigrations(db.url, { dir: earlier });

    const doc = (sha256: string, status: "ok" | "failed", text: string) =>
      db.prisma.sourceDocument.create({ data: { fileName: `${sha256}.txt`, sha256, size: 1, encoding: "utf-8", text, parserVersion: "1", status } });
    const superseded = await doc("a", "ok", "Punkt 6: Fritidspas\n\nHemmelig krop");
    const shown = await doc("b", "ok", "Punkt 6: Lukket: Fritidspas");
    const failed = await doc("c", "failed", "");
    const municipality = await db.prisma.municipality.create({ data: { slug: "vejen", name: "Vejen Kommune" } });
    const committee = await db.prisma.committee.create({ data: { municipalityId: municipality.id, slug: "udvalg", name: "Udvalg" } });
    await db.prisma.meeting.create({
      data: { committeeId: committee.id, date: new Date("2024-03-19T00:00:00Z"), startTime: "14:00", startsAt: new Date(), urlKey: "2024-03-19", kind: "referat", sourceDocumentId: shown.id },
    });

    expect((await applyMigrations(db.url)).applied).toEqual(names.filter((n) => n >= MIGRATION));
    const texts = await db.prisma.sourceDocument.findMany({ orderBy: { id: "asc" }, select: { id: true, text: true, sha256: true } });
    expect(texts).toEqual([
      { id: superseded.id, text: "", sha256: "a" },
      { id: shown.id, text: "Punkt 6: Lukket: Fritidspas", sha256: "b" },
      { id: failed.id, text: "", sha256: "c" },
    ]);
  });
});
