import { getEnv } from "@/lib/config/env";
import type { PrismaClient } from "@/lib/db/client";
import { readSearchDocuments } from "@/lib/data/search-documents";
import { readChangeWatermark } from "@/lib/ingest/page-changes";
import { buildSearchIndex, newIndexVersion } from "@/lib/search/build-index";
import { searchIndexDir } from "@/lib/search/index-dir";
import { exportSearchIndex } from "@/lib/search/index-store";
import type { SearchDocument } from "@/lib/search/search-document";
import { withIndexWriteLock } from "./index-write-lock";

/**
 * Builds the search index from the database and exports it into `dir` (by default next to the
 * running server's, which picks the new version up within seconds: lib/search/get-search-index.ts)
 * and deletes the older versions. The change watermark is read first, so a running server checks
 * every change the build may have missed against the database (lib/search/withheld-items.ts).
 */
export async function rebuildSearchIndex(
  prisma: PrismaClient,
  log: (message: string) => void,
  dir: string = searchIndexDir(getEnv().dataDir),
): Promise<void> {
  const started = Date.now();
  const changeWatermark = await readChangeWatermark(prisma);
  const docs: SearchDocument[] = [];
  for await (const doc of readSearchDocuments(prisma)) docs.push(doc);
  const index = buildSearchIndex(docs, newIndexVersion(), { changeWatermark, readAtMs: started });
  const manifest = await withIndexWriteLock(prisma, () => exportSearchIndex(index, dir));
  log(`Search index ${manifest.version}: ${docs.length} agenda items in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
