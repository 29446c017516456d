/**
 * npm run reparse [-- --all]
 * Re-parses stored documents with the current parser, from the text kept in the database.
 */
import { parseArgs } from "node:util";
import { getPrisma } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrate";
import { reparseDocuments } from "@/lib/ingest/reparse";
import { afterDataChange } from "./lib/after-data-change";

const { values } = parseArgs({ options: { all: { type: "boolean", default: false } } });
const db = await ensureDatabase();
let exitCode = 0;
try {
  await applyMigrations(db.url);
  process.env.DATABASE_URL = db.url;
  const reports = await reparseDocuments(getPrisma(), {
    all: values.all,
    onDocument: (r) => console.log(`${r.status.padEnd(9)} ${r.error ?? r.file}`),
  });
  const failed = reports.filter((r) => r.status === "failed").length;
  console.log(`Re-parsed ${reports.length} document(s), ${failed} failed.`);
  if (reports.length > failed) await afterDataChange(console.log);
  exitCode = failed ? 1 : 0;
  await getPrisma().$disconnect();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await db.close();
}
process.exit(exitCode);
