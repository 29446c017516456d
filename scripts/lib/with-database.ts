import { getPrisma, type PrismaClient } from "@/lib/db/client";
import { ensureDatabase, type DatabaseHandle } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrate";
import { withoutCpr } from "@/lib/privacy/redact-cpr";

/**
 * Chooses the database (DATABASE_URL or the embedded one), applies pending migrations and
 * points this process's Prisma client (DATABASE_URL) at it. On failure the embedded server
 * is stopped again before the error is rethrown.
 */
export async function openDatabase(log: (message: string) => void = console.log): Promise<DatabaseHandle> {
  const db = await ensureDatabase(log);
  try {
    const migrations = await applyMigrations(db.url, { log });
    for (const name of migrations.modified) console.warn(`Warning: migration ${name} was changed after it was applied.`);
    process.env.DATABASE_URL = db.url;
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/**
 * The frame of every script that works on the data: open the database, run `task`, then
 * disconnect and stop what was started. Errors become a message on stderr; the process exits
 * with `task`'s code (or 1).
 */
export async function runWithDatabase(
  task: (prisma: PrismaClient) => Promise<number | void>,
  log: (message: string) => void = console.log,
): Promise<never> {
  let exitCode = 0;
  let db: DatabaseHandle | null = null;
  try {
    db = await openDatabase(log);
    exitCode = (await task(getPrisma())) ?? 0;
    await getPrisma().$disconnect();
  } catch (error) {
    // An error may quote a file name or a value: never print a CPR number.
    console.error(withoutCpr(error instanceof Error ? error.message : String(error)));
    exitCode = 1;
  } finally {
    await db?.close();
  }
  process.exit(exitCode);
}
