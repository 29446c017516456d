import { writeFile } from "node:fs/promises";
import path from "node:path";
import { generateCorpus } from "@/lib/corpus/generate-corpus";
import { createDatabaseIfMissing, dropDatabase, ensureDatabase } from "@/lib/db/database";
import { withDatabase } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrate";

/** A migrated database of its own for one benchmark run, on the embedded or DATABASE_URL server. */
export interface BenchDatabase {
  name: string;
  url: string;
  /** "embedded" or "external" (DATABASE_URL's server), for the report. */
  source: "embedded" | "external";
  /** Drops the database (WITH FORCE: the run's own connections may still be open). */
  drop(): Promise<void>;
  /** Stops the embedded server if this process started it; leaves the database in place. */
  close(): Promise<void>;
}

/** Creates (or reuses) database `name` next to the portal's and applies the migrations. */
export async function openBenchDatabase(name: string, log: (message: string) => void = console.log): Promise<BenchDatabase> {
  const db = await ensureDatabase(log);
  const adminUrl = withDatabase(db.url, "postgres");
  try {
    await createDatabaseIfMissing(adminUrl, name);
    const url = withDatabase(db.url, name);
    await applyMigrations(url);
    return { name, url, source: db.source, drop: () => dropDatabase(adminUrl, name), close: () => db.close() };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Writes a generated corpus (one file per meeting) into `dir`; returns the number of files. */
export async function writeCorpus(dir: string, meetings: number, seed: number): Promise<number> {
  let files = 0;
  for (const document of generateCorpus({ meetings, seed })) {
    await writeFile(path.join(dir, document.fileName), document.text);
    files++;
  }
  return files;
}
