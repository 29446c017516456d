import { getPrisma, type PrismaClient } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrate";

/**
 * The frame of every script that works on the data: choose the database (DATABASE_URL or the
 * embedded one), apply pending migrations, run `task`, then disconnect and stop what was
 * started. Errors become a message on stderr; the process exits with `task`'s code (or 1).
 */
export async function runWithDatabase(
  task: (prisma: PrismaClient) => Promise<number | void>,
  log: (message: string) => void = console.log,
): Promise<never> {
  const db = await ensureDatabase(log);
  let exitCode = 0;
  try {
    const migrations = await applyMigrations(db.url, { log });
    for (const name of migrations.modified) console.warn(`Warning: migration ${name} was changed after it was applied.`);
    process.env.DATABASE_URL = db.url;
    exitCode = (await task(getPrisma())) ?? 0;
    await getPrisma().$disconnect();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    exitCode = 1;
  } finally {
    await db.close();
  }
  process.exit(exitCode);
}
