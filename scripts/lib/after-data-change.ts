import { runAlertJob } from "@/lib/alerts/alert-job";
import { getPrisma } from "@/lib/db/client";
import { rebuildSearchIndex } from "./rebuild-search-index";

/**
 * Work that follows any change to the stored minutes: the search index is rebuilt (a running
 * server swaps to it within seconds); pages refresh themselves through ISR within 30 seconds;
 * email alerts go out for meetings the new index holds.
 */
export async function afterDataChange(log: (message: string) => void): Promise<void> {
  await rebuildSearchIndex(getPrisma(), log);
  await runAlertJob(getPrisma(), log);
}
