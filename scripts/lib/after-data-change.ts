import { runAlertJob } from "@/lib/alerts/alert-job";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { exportDir } from "@/lib/export/export-dir";
import { describeRefresh, refreshBulkFiles } from "@/lib/export/refresh-bulk-files";
import { updateSearchIndex } from "./update-search-index";

/**
 * Work that follows any change to the stored minutes: the search index gets a delta of the
 * changed pages (a running server applies it within a second); pages refresh themselves through
 * ISR within 30 seconds; email alerts go out for meetings the new index holds; the bulk files
 * (/data/) of the municipalities changed are written again, and those of all of Denmark joined
 * anew (a running server would within a minute too).
 */
export async function afterDataChange(log: (message: string) => void): Promise<void> {
  await updateSearchIndex(getPrisma(), log);
  await runAlertJob(getPrisma(), log);
  const started = Date.now();
  const exported = await refreshBulkFiles(getPrisma(), exportDir(getEnv().dataDir), getEnv().siteUrl);
  if (exported.status === "exported") log(describeRefresh(exported, Date.now() - started));
}
