import path from "node:path";
import pg from "pg";
import { getEnv } from "@/lib/config/env";
import { startEmbeddedPostgres, withDatabase } from "./embedded-postgres";

/** The database a process works against, and how to let go of it. */
export interface DatabaseHandle {
  url: string;
  /** "external" when DATABASE_URL was set, otherwise "embedded". */
  source: "external" | "embedded";
  /** Stops the embedded server when this process started it; a no-op otherwise. */
  close(): Promise<void>;
}

const DATABASE_NAME = "referatportalen";

/** Creates `name` on the server behind `adminUrl` unless it exists. */
export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } catch (error) {
        // Another process created it between our check and our CREATE.
        if ((error as { code?: string }).code !== "42P04") throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/** Drops `name` on the server behind `adminUrl` if it exists (WITH FORCE: open connections are cut). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * The single choice of database for every script: DATABASE_URL when set, otherwise the
 * embedded PostgreSQL with its data under `<dataDir>/postgres`. Nothing else starts PostgreSQL.
 */
export async function ensureDatabase(log: (message: string) => void = console.log): Promise<DatabaseHandle> {
  const env = getEnv();
  if (env.databaseUrl) {
    return { url: env.databaseUrl, source: "external", close: async () => {} };
  }
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(env.dataDir, "postgres"), log });
  await createDatabaseIfMissing(cluster.adminUrl, DATABASE_NAME);
  return { url: withDatabase(cluster.adminUrl, DATABASE_NAME), source: "embedded", close: () => cluster.stop() };
}
