/**
 * `npm start`: the whole portal from a fresh clone — database (embedded unless DATABASE_URL),
 * migrations, sample minutes when the database is empty, search index, production build when
 * missing or stale, then `next start` on PORT.
 */
import { spawn } from "node:child_process";
import { getEnv } from "@/lib/config/env";
import { ensureDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrate";
import { reasonToBuild } from "./lib/build-freshness";
import { isPortFree } from "./lib/port";
import { localBin, runCommand, superviseChild } from "./lib/run-command";
import { prepareData } from "./lib/prepare-data";

const env = getEnv();
if (!(await isPortFree(env.port))) {
  console.error(`Port ${env.port} is already in use. Is the portal already running? Stop it, or start on another port: PORT=3001 npm start`);
  process.exit(1);
}

const db = await ensureDatabase();
const childEnv = { ...process.env, DATABASE_URL: db.url, PORT: String(env.port), NEXT_TELEMETRY_DISABLED: "1" };
try {
  const migrations = await applyMigrations(db.url, { log: console.log });
  console.log(`Database ready (${db.source}; ${migrations.applied.length} new migration(s)).`);
  process.env.DATABASE_URL = db.url;
  await prepareData();

  const reason = reasonToBuild();
  if (reason) {
    console.log(`Building the portal (${reason}) …`);
    const code = await runCommand(localBin("next"), ["build"], childEnv);
    if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await db.close();
  process.exit(1);
}

console.log(`Referatportalen runs on http://localhost:${env.port}`);
const server = spawn(localBin("next"), ["start", "-p", String(env.port)], { stdio: "inherit", env: childEnv });
superviseChild(server, () => db.close());
