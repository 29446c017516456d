import { getEnv } from "@/lib/config/env";
import type { PrismaClient } from "@/lib/db/client";
import { readSearchDocuments } from "@/lib/data/search-documents";
import { buildSearchIndex } from "@/lib/search/build-index";
import { searchIndexDir } from "@/lib/search/index-dir";
import { exportSearchIndex } from "@/lib/search/index-store";
import type { SearchDocument } from "@/lib/search/search-document";

/**
 * Builds the search index from the database and exports it next to the running server's,
 * which picks the new version up within seconds (see lib/search/get-search-index.ts).
 */
export async function rebuildSearchIndex(prisma: PrismaClient, log: (message: string) => void): Promise<void> {
  const started = Date.now();
  const docs: SearchDocument[] = [];
  for await (const doc of readSearchDocuments(prisma)) docs.push(doc);
  const index = buildSearchIndex(docs);
  const manifest = await exportSearchIndex(index, searchIndexDir(getEnv().dataDir));
  log(`Search index ${manifest.version}: ${docs.length} agenda items in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
