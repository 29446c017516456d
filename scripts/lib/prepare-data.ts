import path from "node:path";
import { getPrisma } from "@/lib/db/client";
import { formatSummary } from "@/lib/ingest/format-summary";
import { ingestFiles } from "@/lib/ingest/ingest-files";
import { afterDataChange } from "./after-data-change";

/** Loads the sample minutes when the database holds no meeting yet (a fresh installation). */
export async function prepareData(): Promise<void> {
  const prisma = getPrisma();
  if ((await prisma.meeting.count()) > 0) return;
  console.log("The database is empty: loading the sample minutes from data/samples …");
  const summary = await ingestFiles(prisma, [path.resolve("data/samples")]);
  console.log(formatSummary(summary));
  await afterDataChange(console.log);
}
