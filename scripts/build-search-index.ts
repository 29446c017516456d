/** npm run index: builds the search index from the database and exports it to <dataDir>/search. */
import { rebuildSearchIndex } from "./lib/rebuild-search-index";
import { runWithDatabase } from "./lib/with-database";

await runWithDatabase((prisma) => rebuildSearchIndex(prisma, console.log));
