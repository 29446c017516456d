import { runAlertJob } from "@/lib/alerts/alert-job";
import { getPrisma } from "@/lib/db/client";
import { updateSearchIndex } from "./update-search-index";

/**
 * Work that follows any change to the stored minutes: the search index gets a delta of the
 * changed pages (a running server applies it within a second); pages refresh themselves through ISR within 30 seconds;
 * email alerts go out for meetings the new index holds.
 */
export async function afterDataChange(log: (message: string) => void): Promise<void> {
  await updateSearchIndex(getPrisma(), log);
  await runAlertJob(getPrisma(), log);
}
