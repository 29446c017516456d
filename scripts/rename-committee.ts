/**
 * npm run committee:rename -- <kommune-slug> <udvalg-slug> "<New name>"
 * Renames a committee; the old URLs keep working through a permanent redirect.
 */
import { getPrisma } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrate";
import { renameCommittee } from "@/lib/ingest/rename-committee";

const [municipality, committee, name] = process.argv.slice(2);
if (!municipality || !committee || !name) {
  console.error('Usage: npm run committee:rename -- <kommune-slug> <udvalg-slug> "<New name>"');
  process.exit(2);
}
const db = await ensureDatabase();
let exitCode = 0;
try {
  await applyMigrations(db.url);
  process.env.DATABASE_URL = db.url;
  const { oldSlug, newSlug } = await renameCommittee(getPrisma(), municipality, committee, name);
  console.log(`Renamed: /${municipality}/${oldSlug} now redirects to /${municipality}/${newSlug}`);
  await getPrisma().$disconnect();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await db.close();
}
process.exit(exitCode);
