import type { DatabaseHandle } from "@/lib/db/database";
import { reasonToBuild } from "./build-freshness";
import { prepareData } from "./prepare-data";
import { runNextBuild } from "./next-build";
import { openDatabase } from "./with-database";

/**
 * What every way of serving needs first: the database (embedded unless DATABASE_URL) with its
 * migrations, the sample minutes when it is empty, a fresh search index, and a production
 * build when it is missing or older than the sources. On failure the database is closed again.
 */
export async function preparePortal(): Promise<DatabaseHandle> {
  const db = await openDatabase();
  try {
    console.log(`Database ready (${db.source}).`);
    await prepareData();
    const reason = reasonToBuild();
    if (reason) {
      console.log(`Building the portal (${reason}) …`);
      await runNextBuild();
    }
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
