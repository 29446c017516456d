/**
 * npm run ingest -- <file|directory>... [--municipality "Name"] [--json]
 * Ingests minutes files into the database (DATABASE_URL or the embedded PostgreSQL), with a
 * progress bar on a terminal and one line per document otherwise; exit code 1 if any failed.
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { getPrisma } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrate";
import { formatSummary } from "@/lib/ingest/format-summary";
import { hasChanges, ingestFiles } from "@/lib/ingest/ingest-files";
import { afterDataChange } from "./lib/after-data-change";

const { values, positionals } = parseArgs({
  options: { municipality: { type: "string", short: "m" }, json: { type: "boolean", default: false } },
  allowPositionals: true,
});
if (positionals.length === 0) {
  console.error('Usage: npm run ingest -- <file|directory>... [--municipality "Vejen"] [--json]');
  process.exit(2);
}

const log = values.json ? (message: string) => console.error(message) : console.log;
const db = await ensureDatabase(log);
let exitCode = 0;
try {
  await applyMigrations(db.url, { log });
  process.env.DATABASE_URL = db.url;
  const useBar = !values.json && process.stdout.isTTY;
  const bar = new cliProgress.SingleBar(
    { format: "Indlæser {bar} {value}/{total} dokumenter | {file}", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const summary = await ingestFiles(getPrisma(), positionals, {
    municipality: values.municipality,
    onStart: (total) => useBar && bar.start(total, 0, { file: "" }),
    onDocument: (report) => {
      if (useBar) bar.increment({ file: report.file.slice(-50) });
      else if (!values.json) console.log(`${report.status.padEnd(9)} ${report.error ?? report.file}${report.url ? ` → ${report.url}` : ""}`);
    },
  });
  if (useBar) bar.stop();
  if (hasChanges(summary)) await afterDataChange(log);
  if (values.json) console.log(JSON.stringify(summary, null, 2));
  else console.log(`\n${formatSummary(summary)}`);
  exitCode = summary.failed > 0 ? 1 : 0;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await getPrismaSafely();
  await db.close();
}
process.exit(exitCode);

async function getPrismaSafely(): Promise<void> {
  if (process.env.DATABASE_URL) await getPrisma().$disconnect();
}
