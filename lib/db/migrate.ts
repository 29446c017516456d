import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/** Prisma Migrate's own advisory lock key, so this runner and `prisma migrate deploy` never overlap. */
const PRISMA_ADVISORY_LOCK = 72707369;

/** The bookkeeping table exactly as Prisma Migrate creates it. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export const DEFAULT_MIGRATIONS_DIR = path.resolve("prisma/migrations");

export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 of the file's bytes, hex, as Prisma records it. */
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
  /** Applied migrations whose file changed since they ran. */
  modified: string[];
}

/** Lists `<dir>/<timestamp>_<name>/migration.sql` in order. */
export function listMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies pending migrations in order, each in its own transaction, recording them in
 * `_prisma_migrations` the way Prisma Migrate does so `prisma migrate deploy` accepts the
 * database later. Idempotent; refuses to continue past a migration that failed earlier.
 */
export async function applyMigrations(
  databaseUrl: string,
  options: { dir?: string; log?: (message: string) => void } = {},
): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const migrations = listMigrations(options.dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const result: MigrateResult = { applied: [], alreadyApplied: [], modified: [] };
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
    );
    for (const migration of migrations) {
      const records = rows.filter((row) => row.migration_name === migration.name && row.rolled_back_at === null);
      const done = records.find((row) => row.finished_at !== null);
      if (done) {
        result.alreadyApplied.push(migration.name);
        if (done.checksum !== migration.checksum) result.modified.push(migration.name);
        continue;
      }
      if (records.length > 0) {
        throw new Error(
          `Migration ${migration.name} failed earlier and is recorded as unfinished in _prisma_migrations. ` +
            `Fix the database, then mark it with \`prisma migrate resolve\` or delete its row.`,
        );
      }
      log(`Applying migration ${migration.name} …`);
      await client.query("BEGIN");
      try {
        const id = randomUUID();
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
          [id, migration.checksum, migration.name],
        );
        await client.query(migration.sql);
        await client.query(
          'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
          [id],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`Migration ${migration.name} failed and was rolled back: ${message}`);
      }
      result.applied.push(migration.name);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => {});
    await client.end();
  }
  return result;
}
