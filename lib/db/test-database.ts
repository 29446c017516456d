import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createDatabaseIfMissing, dropDatabase } from "./database";
import { createPrisma, type PrismaClient } from "./client";
import { withDatabase } from "./embedded-postgres";
import { applyMigrations } from "./migrate";

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
