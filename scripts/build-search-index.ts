/**
 * npm run index: builds the search index from the database and exports it to <dataDir>/search.
 * With `--if-due` (the web server's background merge, scripts/lib/search-merge-timer.ts) it builds
 * only when the deltas on the current version passed SEARCH_MERGE_DELTAS or SEARCH_MERGE_MB and
 * no other build runs.
 */
import { parseArgs } from "node:util";
import { getEnv } from "@/lib/config/env";
import { searchIndexDir } from "@/lib/search/index-dir";
import { compactSearchIndex } from "./lib/compact-search-index";
import { rebuildSearchIndex } from "./lib/rebuild-search-index";
import { runWithDatabase } from "./lib/with-database";

const { values } = parseArgs({ options: { "if-due": { type: "boolean", default: false } } });
const dir = searchIndexDir(getEnv().dataDir);
await runWithDatabase(async (prisma) => {
  if (!values["if-due"]) {
    await rebuildSearchIndex(prisma, console.log, dir);
    return;
  }
  const outcome = await compactSearchIndex(prisma, console.log, dir, getEnv().searchMerge);
  if (outcome === "busy") console.log("Search index: another full build is running; it merges the deltas.");
});
