import { mkdirSync } from "node:fs";
import type { AppEnv } from "@/lib/config/env";
import { claimServerLock, ServerAlreadyRunningError } from "@/lib/web-server/server-lock";

/**
 * What `npm start`, `npm run dev` and `npm run varnish` do before they open the database: claim
 * the data folder's server lock (lib/web-server/server-lock.ts), or print why not and exit 1.
 * A second server on one embedded PostgreSQL keeps the database port it found and fails once the
 * first restarts the database; with an external PostgreSQL (DATABASE_URL) several servers may
 * share it, so nothing is claimed.
 */
export function claimDataFolderOrExit(env: AppEnv): void {
  if (env.databaseUrl) return;
  mkdirSync(env.dataDir, { recursive: true });
  try {
    claimServerLock(env.dataDir, env.port);
  } catch (error) {
    if (!(error instanceof ServerAlreadyRunningError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
