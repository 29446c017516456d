/**
 * npm run ingest -- <file|directory>... [--municipality "Name"] [--json]
 * Ingests minutes files into the database (DATABASE_URL or the embedded PostgreSQL), with a
 * progress bar on a terminal and one line per document otherwise; exit code 1 if any failed.
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { formatSummary } from "@/lib/ingest/format-summary";
import { hasChanges, ingestFiles } from "@/lib/ingest/ingest-files";
import { withoutCpr } from "@/lib/privacy/redact-cpr";
import { afterDataChange } from "./lib/after-data-change";
import { runWithDatabase } from "./lib/with-database";

const { values, positionals } = parseArgs({
  options: { municipality: { type: "string", short: "m" }, json: { type: "boolean", default: false } },
  allowPositionals: true,
});
if (positionals.length === 0) {
  console.error('Usage: npm run ingest -- <file|directory>... [--municipality "Vejen"] [--json]');
  process.exit(2);
}

// With --json, stdout carries only the summary; everything else goes to stderr. File names and
// error messages are already free of CPR numbers; every line is redacted once more on its way out.
const log = (message: string) => (values.json ? console.error : console.log)(withoutCpr(message));
await runWithDatabase(async (prisma) => {
  const useBar = !values.json && process.stdout.isTTY;
  const bar = new cliProgress.SingleBar(
    { format: "Indlæser {bar} {value}/{total} dokumenter | {file}", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const summary = await ingestFiles(prisma, positionals, {
    municipality: values.municipality,
    onStart: (total) => useBar && bar.start(total, 0, { file: "" }),
    onDocument: (report) => {
      if (useBar) bar.increment({ file: report.file.slice(-50) });
      else log(`${report.status.padEnd(9)} ${report.error ?? report.file}${report.url ? ` → ${report.url}` : ""}`);
    },
  });
  if (useBar) bar.stop();
  if (hasChanges(summary)) await afterDataChange(log);
  if (values.json) console.log(withoutCpr(JSON.stringify(summary, null, 2)));
  else console.log(withoutCpr(`\n${formatSummary(summary)}`));
  return summary.failed > 0 ? 1 : 0;
}, log);
