import path from "node:path";
import { manifestBasis, readSearchIndexManifest, SearchIndexNotFoundError, type SearchIndexManifest } from "@/lib/search/index-store";

/**
 * The data folder `npm run bench:search -- --keep` keeps beside its kept database: the exported
 * index lives in its `search` folder (lib/search/index-dir.ts) and outlasts the run, an
 * interruption and an error, so the next run on the same database need not build it again.
 */
export function keptDataDir(database: string, root: string = process.cwd()): string {
  return path.resolve(root, ".data", "bench-index", database);
}

/** Whether a kept index can be searched instead of building one. */
export type KeptIndexCheck = { isReusable: true; manifest: SearchIndexManifest } | { isReusable: false; reason: string };

/**
 * A kept index in `indexDir` is reusable when its manifest (full build plus deltas) reflects the
 * database's current change watermark and no rebuild was asked for; otherwise the reason (Danish)
 * it must be built.
 */
export async function checkKeptIndex(indexDir: string, changeWatermark: number, isRebuildWanted: boolean): Promise<KeptIndexCheck> {
  if (isRebuildWanted) return { isReusable: false, reason: "--rebuild-index" };
  let manifest: SearchIndexManifest;
  try {
    manifest = await readSearchIndexManifest(indexDir);
  } catch (error) {
    if (error instanceof SearchIndexNotFoundError) return { isReusable: false, reason: `intet brugbart gemt indeks (${error.message})` };
    throw error;
  }
  const basis = manifestBasis(manifest).changeWatermark;
  if (basis !== changeWatermark) {
    return { isReusable: false, reason: `det gemte indeks ${manifest.version} afspejler ændringsmærke ${basis}, databasen er ved ${changeWatermark}` };
  }
  return { isReusable: true, manifest };
}
