import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, listMigrations } from "./migrate";
import { createTestDatabase, type TestDatabase } from "./test-database";

describe("applyMigrations", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db.drop());

  it("applies every migration once and records it the way Prisma Migrate does", async () => {
    const first = await applyMigrations(db.url);
    expect(first.applied).toEqual(listMigrations().map((m) => m.name));

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const before = await client.query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    const second = await applyMigrations(db.url);
    const after = await client.query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    await client.end();

    expect(second.applied).toEqual([]);
    expect(after.rows).toEqual(before.rows);
    for (const [i, migration] of listMigrations().entries()) {
      const row = before.rows[i];
      expect(row.migration_name).toBe(migration.name);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.checksum).toBe(migration.checksum);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });
});
