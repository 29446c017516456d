import { getEnv } from "@/lib/config/env";
import type { PrismaClient } from "@/lib/db/client";
import { readSearchDocuments } from "@/lib/data/search-documents";
import { readChangeWatermark } from "@/lib/ingest/page-changes";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { buildSearchIndexFrom, newIndexVersion } from "@/lib/search/build-index";
import { searchIndexDir } from "@/lib/search/index-dir";
import { exportSearchIndex, type SearchIndexManifest } from "@/lib/search/index-store";
import { SpillSectionStore } from "@/lib/search/section-store";
import { withIndexBuildLock, withIndexWriteLock } from "./index-write-lock";

/** Hooks into a full build. */
export interface RebuildOptions {
  /** Runs after the build read the database and built the index, before it exports (tests: a write that lands meanwhile). */
  beforeExport?: () => Promise<void>;
  /** The store the build spills section texts to, in `spillDir` (tests: one whose compressor fails). */
  createSectionStore?: (spillDir: string) => SpillSectionStore;
}

/**
 * Builds the search index from the database and exports it into `dir` (by default next to the
 * running server's, which picks the new version up within seconds: lib/search/get-search-index.ts)
 * and deletes the older versions. The change watermark is read first, so a running server checks
 * every change the build may have missed against the database (lib/search/withheld-items.ts),
 * and deltas written while it ran move on to the new version (index-store.ts). Waits for a
 * full build another process runs (scripts/lib/index-write-lock.ts).
 */
export async function rebuildSearchIndex(
  prisma: PrismaClient,
  log: (message: string) => void,
  dir: string = searchIndexDir(getEnv().dataDir),
  options: RebuildOptions = {},
): Promise<SearchIndexManifest> {
  return withIndexBuildLock(prisma, () => buildAndExport(prisma, log, dir, options));
}

/** The build of {@link rebuildSearchIndex}; the caller holds the build lock. */
export async function buildAndExport(prisma: PrismaClient, log: (message: string) => void, dir: string, options: RebuildOptions = {}): Promise<SearchIndexManifest> {
  const started = Date.now();
  const changeWatermark = await readChangeWatermark(prisma);
  // Streamed from the database, the section texts spilled to a file beside the versions (the
  // export links it into the new version): neither the documents nor their texts stay in the heap.
  await mkdir(dir, { recursive: true });
  const spillDir = await mkdtemp(path.join(dir, ".build-"));
  try {
    const index = await buildSearchIndexFrom(readSearchDocuments(prisma), newIndexVersion(), { changeWatermark, readAtMs: started }, options.createSectionStore?.(spillDir) ?? SpillSectionStore.create(spillDir), undefined, spillDir);
    await options.beforeExport?.();
    const manifest = await withIndexWriteLock(prisma, () => exportSearchIndex(index, dir));
    const carried = manifest.deltas.length > 0 ? ` (${manifest.deltas.length} delta(s) written meanwhile carried over)` : "";
    log(`Search index ${manifest.version}: ${index.size} agenda items in ${((Date.now() - started) / 1000).toFixed(1)} s${carried}.`);
    return manifest;
  } finally {
    await rm(spillDir, { recursive: true, force: true });
  }
}
