/**
 * npm run reparse [-- --all]
 * Re-parses stored documents with the current parser, from the text kept in the database.
 */
import { parseArgs } from "node:util";
import { reparseDocuments } from "@/lib/ingest/reparse";
import { afterDataChange } from "./lib/after-data-change";
import { runWithDatabase } from "./lib/with-database";

const { values } = parseArgs({ options: { all: { type: "boolean", default: false } } });
await runWithDatabase(async (prisma) => {
  const reports = await reparseDocuments(prisma, {
    all: values.all,
    onDocument: (r) => console.log(`${r.status.padEnd(9)} ${r.error ?? r.file}`),
  });
  const failed = reports.filter((r) => r.status === "failed").length;
  console.log(`Re-parsed ${reports.length} document(s), ${failed} failed.`);
  if (reports.length > failed) await afterDataChange(console.log);
  return failed ? 1 : 0;
});
