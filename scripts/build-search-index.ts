/** npm run index: builds the search index from the database and exports it to <dataDir>/search. */
import { getPrisma } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrate";
import { rebuildSearchIndex } from "./lib/rebuild-search-index";

const db = await ensureDatabase();
let exitCode = 0;
try {
  await applyMigrations(db.url);
  process.env.DATABASE_URL = db.url;
  await rebuildSearchIndex(getPrisma(), console.log);
  await getPrisma().$disconnect();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await db.close();
}
process.exit(exitCode);
