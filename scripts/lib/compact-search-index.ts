import { stat } from "node:fs/promises";
import path from "node:path";
import type { SearchMergeEnv } from "@/lib/config/env";
import type { PrismaClient } from "@/lib/db/client";
import { readSearchIndexManifest } from "@/lib/search/index-store";
import { withIndexBuildLock } from "./index-write-lock";
import { buildAndExport, type RebuildOptions } from "./rebuild-search-index";

/** The deltas piled up on the current version of an index directory. */
export interface DeltaBacklog {
  version: string;
  deltas: number;
  /** Bytes of the delta files. */
  bytes: number;
}

/** The current version's deltas; null when `dir` holds no index yet. */
export async function readDeltaBacklog(dir: string): Promise<DeltaBacklog | null> {
  const manifest = await readSearchIndexManifest(dir).catch(() => null);
  if (manifest === null) return null;
  let bytes = 0;
  // A merge that replaced the version meanwhile deleted its files: they no longer count.
  for (const delta of manifest.deltas) bytes += (await stat(path.join(dir, manifest.path, delta.file)).catch(() => null))?.size ?? 0;
  return { version: manifest.version, deltas: manifest.deltas.length, bytes };
}

/**
 * True when the deltas should be merged into a new version: every delta is applied by every
 * process that loads the index, the items it replaced stay in the index (marked removed) and its
 * documents' sections stay in the heap, and a writer reads every delta when it checks what the
 * index ever held. `maxDeltas` 0 turns merging off.
 */
export function isMergeDue(backlog: DeltaBacklog | null, thresholds: SearchMergeEnv): boolean {
  if (backlog === null || thresholds.maxDeltas === 0 || backlog.deltas === 0) return false;
  return backlog.deltas >= thresholds.maxDeltas || backlog.bytes >= thresholds.maxDeltaBytes;
}

/** What {@link compactSearchIndex} did. */
export type CompactionOutcome = "merged" | "not-due" | "busy";

/**
 * Merges the deltas of the index in `dir` into a new immutable version when they passed the
 * thresholds: a full build from the database (the simplest correct merge: it also drops the
 * items the deltas removed), exported beside the live version and swapped in by replacing the
 * manifest, as `npm run index` does. Searching goes on against the old version meanwhile (run it
 * in a process of its own: the build is synchronous work). A write that lands during the build
 * appends its delta to the old version; the export carries every delta read after the build's
 * watermark over to the new one, so it survives. Returns "busy" at once when another full build
 * runs (it merges the deltas too).
 */
export async function compactSearchIndex(
  prisma: PrismaClient,
  log: (message: string) => void,
  dir: string,
  thresholds: SearchMergeEnv,
  options: RebuildOptions = {},
): Promise<CompactionOutcome> {
  const outcome = await withIndexBuildLock(
    prisma,
    async (): Promise<CompactionOutcome> => {
      // Checked again under the lock: a build that just finished may have merged them.
      const backlog = await readDeltaBacklog(dir);
      if (backlog === null || !isMergeDue(backlog, thresholds)) return "not-due";
      log(`Search index ${backlog.version}: merging ${backlog.deltas} delta(s) (${formatMegabytes(backlog.bytes)}) into a new version …`);
      await buildAndExport(prisma, log, dir, options);
      return "merged";
    },
    { ifFree: true },
  );
  return outcome ?? "busy";
}

/** "1.4 MB". */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
