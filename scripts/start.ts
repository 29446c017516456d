/**
 * `npm start`: the whole portal from a fresh clone — database (embedded unless DATABASE_URL),
 * migrations, sample minutes when the database is empty, search index, production build when
 * missing or stale, then the web server (scripts/serve.ts: Next.js behind the page cache) on PORT.
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { getEnv } from "@/lib/config/env";
import type { DatabaseHandle } from "@/lib/db/database";
import { claimServerLock, ServerAlreadyRunningError } from "@/lib/web-server/server-lock";
import { isPortFree } from "./lib/port";
import { preparePortal } from "./lib/prepare-portal";
import { localBin, superviseChild } from "./lib/run-command";

const env = getEnv();
if (!(await isPortFree(env.port))) {
  console.error(`Port ${env.port} is already in use. Is the portal already running? Stop it, or start on another port: PORT=3001 npm start`);
  process.exit(1);
}
if (!env.databaseUrl) {
  // One server per embedded database: a second would keep the database port it found.
  mkdirSync(env.dataDir, { recursive: true });
  try {
    claimServerLock(env.dataDir, env.port);
  } catch (error) {
    if (!(error instanceof ServerAlreadyRunningError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

let db: DatabaseHandle;
try {
  db = await preparePortal();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

console.log(`Referatportalen runs on http://localhost:${env.port}`);
const server = spawn(localBin("tsx"), ["scripts/serve.ts"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
const handle = db;
superviseChild(server, () => handle.close());
