import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, inject } from "vitest";
import { createDatabaseIfMissing, dropDatabase } from "./database";
import { createPrisma, type PrismaClient } from "./client";
import { withDatabase } from "./embedded-postgres";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, listMigrations } from "./migrate";

/** A fresh, migrated database on the test run's embedded PostgreSQL. */
export interface TestDatabase {
  name: string;
  url: string;
  prisma: PrismaClient;
  /** Disconnects and drops the database. */
  drop(): Promise<void>;
}

/** Creates an empty database; with `migrate` (default) the project's migrations are applied. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const name = `test_${randomBytes(6).toString("hex")}`;
  await createDatabaseIfMissing(adminUrl, name);
  const url = withDatabase(adminUrl, name);
  if (options.migrate ?? true) await applyMigrations(url);
  const prisma = createPrisma(url);
  return {
    name,
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await dropDatabase(adminUrl, name);
    },
  };
}

/**
 * Migrates a database (created with `migrate: false`) up to just before `migration`, which must
 * exist, so a test can write rows as they were before it; `rest()` applies it and every later
 * one, and returns their names.
 */
export async function migrateBefore(url: string, migration: string): Promise<{ rest: () => Promise<string[]> }> {
  const names = listMigrations().map((m) => m.name);
  expect(names).toContain(migration);
  const earlier = mkdtempSync(path.join(tmpdir(), "referat-migrations-"));
  for (const name of names.filter((n) => n < migration)) cpSync(path.join(DEFAULT_MIGRATIONS_DIR, name), path.join(earlier, name), { recursive: true });
  await applyMigrations(url, { dir: earlier });
  return { rest: async () => (await applyMigrations(url)).applied };
}
