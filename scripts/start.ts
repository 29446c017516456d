/**
 * `npm start`: the whole portal from a fresh clone — database (embedded unless DATABASE_URL),
 * migrations, sample minutes when the database is empty, search index, production build when
 * missing or stale, then the web server (scripts/serve.ts: Next.js behind the page cache) on PORT.
 */
import { spawn } from "node:child_process";
import { getEnv } from "@/lib/config/env";
import type { DatabaseHandle } from "@/lib/db/database";
import { claimDataFolderOrExit } from "./lib/claim-data-folder";
import { isPortFree } from "./lib/port";
import { preparePortal } from "./lib/prepare-portal";
import { localBin, superviseChild } from "./lib/run-command";

const env = getEnv();
if (!(await isPortFree(env.port))) {
  console.error(`Port ${env.port} is already in use. Is the portal already running? Stop it, or start on another port: PORT=3001 npm start`);
  process.exit(1);
}
claimDataFolderOrExit(env);

const started = performance.now();
let db: DatabaseHandle;
try {
  db = await preparePortal();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

console.log(`Referatportalen runs on http://localhost:${env.port} (prepared in ${((performance.now() - started) / 1000).toFixed(1)} s; the search index loads in the server).`);
const server = spawn(localBin("tsx"), ["scripts/serve.ts"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
const handle = db;
superviseChild(server, () => handle.close());
