/** `npm run dev`: database and migrations as `npm start` does, then `next dev` with hot reload. */
import { spawn } from "node:child_process";
import { getEnv } from "@/lib/config/env";
import { ensureDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrate";
import { prepareData } from "./lib/prepare-data";
import { localBin, superviseChild } from "./lib/run-command";

const env = getEnv();
const db = await ensureDatabase();
await applyMigrations(db.url, { log: console.log });
process.env.DATABASE_URL = db.url;
await prepareData();
const child = spawn(localBin("next"), ["dev", "-p", String(env.port)], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: db.url },
});
superviseChild(child, () => db.close());
