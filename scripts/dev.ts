/** `npm run dev`: database, migrations and data as `npm start` prepares them, then `next dev` with hot reload. */
import { spawn } from "node:child_process";
import { getEnv } from "@/lib/config/env";
import { claimDataFolderOrExit } from "./lib/claim-data-folder";
import { prepareData } from "./lib/prepare-data";
import { localBin, superviseChild } from "./lib/run-command";
import { openDatabase } from "./lib/with-database";

const env = getEnv();
claimDataFolderOrExit(env);
const db = await openDatabase();
try {
  await prepareData();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await db.close();
  process.exit(1);
}
const child = spawn(localBin("next"), ["dev", "-p", String(env.port)], { stdio: "inherit", env: process.env });
superviseChild(child, () => db.close());
