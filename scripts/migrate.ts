import { ensureDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrate";

const db = await ensureDatabase();
try {
  const result = await applyMigrations(db.url, { log: console.log });
  for (const name of result.modified) console.warn(`Warning: migration ${name} was changed after it was applied.`);
  console.log(
    result.applied.length
      ? `Applied ${result.applied.length} migration(s).`
      : `Database is up to date (${result.alreadyApplied.length} migration(s) applied earlier).`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
