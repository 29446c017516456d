import path from "node:path";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { formatSummary } from "@/lib/ingest/format-summary";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { countOutdatedDocuments } from "@/lib/ingest/reparse";
import { INDEX_FORMAT_VERSION } from "@/lib/search/index-config";
import { searchIndexDir } from "@/lib/search/index-dir";
import { manifestBasis, readSearchIndexManifest } from "@/lib/search/index-store";
import { afterDataChange } from "./after-data-change";
import { updateSearchIndex } from "./update-search-index";

/** When the current index (its newest delta) read the database; null when there is none or it is in an older format. */
async function indexBuiltAt(): Promise<Date | null> {
  try {
    const manifest = await readSearchIndexManifest(searchIndexDir(getEnv().dataDir));
    return manifest.formatVersion === INDEX_FORMAT_VERSION ? new Date(manifestBasis(manifest).readAtMs) : null;
  } catch {
    return null;
  }
}

/**
 * Data the portal needs before it serves: the sample minutes when the database holds no
 * meeting yet, and a search index at least as new as the newest stored meeting. Documents an
 * older parser read are reported, not re-parsed: on a large database that takes minutes.
 */
export async function prepareData(): Promise<void> {
  const prisma = getPrisma();
  if ((await prisma.meeting.count()) === 0) {
    console.log("The database is empty: loading the sample minutes from data/samples …");
    const summary = await ingestFiles(prisma, [path.resolve("data/samples")]);
    console.log(formatSummary(summary));
    await afterDataChange(console.log);
    return;
  }
  const outdated = await countOutdatedDocuments(prisma);
  if (outdated > 0) {
    console.log(`${outdated} document(s) were parsed by an older parser; \`npm run reparse\` brings them up to date (the server can keep running).`);
  }
  const [builtAt, newest] = await Promise.all([indexBuiltAt(), prisma.meeting.aggregate({ _max: { updatedAt: true } })]);
  const changedAt = newest._max.updatedAt;
  if (!builtAt || (changedAt && changedAt > builtAt)) {
    console.log(builtAt ? "The data changed since the search index was built: updating it …" : "Building the search index …");
    await updateSearchIndex(prisma, console.log);
  }
}
