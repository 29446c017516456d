/**
 * npm run committee:rename -- <kommune-slug> <udvalg-slug> "<New name>"
 * Renames a committee; the old URLs keep working through a permanent redirect.
 */
import { renameCommittee } from "@/lib/ingest/rename-committee";
import { updateSearchIndex } from "./lib/update-search-index";
import { runWithDatabase } from "./lib/with-database";

const [municipality, committee, name] = process.argv.slice(2);
if (!municipality || !committee || !name) {
  console.error('Usage: npm run committee:rename -- <kommune-slug> <udvalg-slug> "<New name>"');
  process.exit(2);
}
await runWithDatabase(async (prisma) => {
  const { oldSlug, newSlug } = await renameCommittee(prisma, municipality, committee, name);
  console.log(`Renamed: /${municipality}/${oldSlug} now redirects to /${municipality}/${newSlug}`);
  await updateSearchIndex(prisma, console.log);
});
